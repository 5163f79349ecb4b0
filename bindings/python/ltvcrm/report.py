"""The HTML report: one self-contained page with charts (inline SVG, no network, no JavaScript)
that a shop owner reads on a laptop or prints on A4 — see docs/report.md.

>>> html = ltvcrm.html_report(ledger, "2026-11-01", lang="ja", decimals=0)
>>> ltvcrm.write_html_report("report.html", ledger, "2026-11-01", lang="ja", decimals=0)
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, byref, c_char_p, c_int, c_int32, c_int64, c_size_t, c_void_p

from . import _ints, dates
from ._handle import Handle, Owner
from ._lib import C, register
from .errors import InvalidArgumentError
from .predict import _model
from .segment import lang_code

__all__ = ["ReportOptions", "html_report", "write_html_report", "report_param_info"]

_P, _S = c_void_p, c_size_t
_ST = "status"

register({
    "ltv_report_options_new": (_ST, [POINTER(_P)]),
    "ltv_report_options_free": (None, [_P]),
    "ltv_report_options_set_i64": (_ST, [_P, c_int, c_int64]),
    "ltv_report_options_get_i64": (_ST, [_P, c_int, POINTER(c_int64)]),
    "ltv_report_options_set_segment_config": (_ST, [_P, _P]),
    "ltv_report_options_set_health_config": (_ST, [_P, _P]),
    "ltv_report_options_set_answers": (_ST, [_P, _P, _S]),
    "ltv_report_options_set_planner": (_ST, [_P, _P]),
    "ltv_report_options_set_matrix": (_ST, [_P, _P]),
    "ltv_report_options_set_title": (_ST, [_P, _P, _S]),
    "ltv_report_html": (_ST, [POINTER(_P), POINTER(_S), _P, _P, c_int32]),
    "ltv_report_html_file": (_ST, [c_char_p, _P, _P, c_int32]),
    "ltv_report_param_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
})

# ltv_report_param values
_LANG, _DECIMALS, _GENERATED_DAY, _CPO, _CALIBRATION_END, _HOLDOUT_END, _MODEL = 0, 1, 2, 3, 4, 5, 6
_PARAMS = {"lang": _LANG, "decimals": _DECIMALS, "generated_day": _GENERATED_DAY, "cpo": _CPO,
           "calibration_end": _CALIBRATION_END, "holdout_end": _HOLDOUT_END, "model": _MODEL}


def report_param_info(name: str) -> tuple[str, int, int]:
    """(C name, smallest, largest value) of a report setting: lang, decimals, generated_day, cpo,
    calibration_end, holdout_end, model."""
    if name not in _PARAMS:
        raise InvalidArgumentError(f"report setting {name!r} is not one of {', '.join(_PARAMS)}")
    low, high = c_int64(), c_int64()
    ptr = C.ltv_report_param_info(_PARAMS[name], byref(low), byref(high))
    return ctypes.string_at(ptr).decode("ascii"), low.value, high.value


class ReportOptions(Owner):
    """Report settings (ltv_report_options). The segmentation and health settings, the planner
    and the matrix are borrowed by the C object: this object keeps them alive."""

    __slots__ = ("_borrowed",)
    _kind = "report options"

    def __init__(self, *, lang="en", decimals: int = 2, cpo: int | None = None, generated=None, title=None,
                 answers=None, segment_config=None, health_config=None, planner=None, matrix=None,
                 calibration_end=None, holdout_end=None, model=None):
        out = c_void_p()
        C.ltv_report_options_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_report_options_free))
        self._borrowed = {}
        C.ltv_report_options_set_i64(self._ptr, _LANG, lang_code(lang))
        C.ltv_report_options_set_i64(self._ptr, _DECIMALS, _ints.int64(decimals, "decimals"))
        if cpo is not None:
            C.ltv_report_options_set_i64(self._ptr, _CPO, _ints.int64(cpo, "cpo"))
        if generated is not None:
            C.ltv_report_options_set_i64(self._ptr, _GENERATED_DAY, dates.to_day(generated))
        if calibration_end is not None:
            C.ltv_report_options_set_i64(self._ptr, _CALIBRATION_END, dates.to_day(calibration_end))
        if holdout_end is not None:
            C.ltv_report_options_set_i64(self._ptr, _HOLDOUT_END, dates.to_day(holdout_end))
        if model is not None:
            C.ltv_report_options_set_i64(self._ptr, _MODEL, int(_model(model)))
        if title is not None:
            raw = str(title).encode("utf-8")
            C.ltv_report_options_set_title(self._ptr, raw, len(raw))
        if answers is not None:
            raw = str(answers).encode("utf-8")
            C.ltv_report_options_set_answers(self._ptr, raw, len(raw))
        for name, value, setter in (("segment_config", segment_config, C.ltv_report_options_set_segment_config),
                                    ("health_config", health_config, C.ltv_report_options_set_health_config),
                                    ("planner", planner, C.ltv_report_options_set_planner),
                                    ("matrix", matrix, C.ltv_report_options_set_matrix)):
            if value is not None:
                setter(self._ptr, value._ptr)
                self._borrowed[name] = value

    def get(self, name: str) -> int:
        """One integer setting (lang, decimals, generated_day, cpo, calibration_end, holdout_end, model) as the
        C object holds it."""
        if name not in _PARAMS:
            raise InvalidArgumentError(f"report setting {name!r} is not one of {', '.join(_PARAMS)}")
        out = c_int64()
        C.ltv_report_options_get_i64(self._ptr, _PARAMS[name], byref(out))
        return out.value


def _options(options: ReportOptions | None, settings: dict) -> tuple[ReportOptions, bool]:
    if options is not None and settings:
        raise TypeError("give report settings either as ReportOptions or as keywords, not both")
    if options is not None:
        return options, False
    return ReportOptions(**settings), True


def html_report(ledger, as_of=None, options: ReportOptions | None = None, **settings) -> str:
    """The HTML report of a ledger as of a day (default: the day after the last event), as a str.

    Keywords are :class:`ReportOptions` settings: ``lang="ja"``, ``decimals=0``, ``cpo=5000``,
    ``answers="AABCDAABBA"`` (adds the maturity grade), ``planner=...`` (the 90-day plan's channel
    load), ``matrix=...``, ``segment_config=...``, ``health_config=...``, ``title="Shop"``,
    ``generated="2026-11-02"``, ``calibration_end="1997-09-30"``, ``holdout_end="1998-06-30"`` (adds
    the predictive models' diagnostics charts), ``model="pareto"``. The same input always gives
    the same text.
    """
    opts, own = _options(options, settings)
    try:
        text, length = c_void_p(), c_size_t()
        C.ltv_report_html(byref(text), byref(length), ledger._ptr, opts._ptr, ledger._as_of(as_of))
        try:
            return ctypes.string_at(text.value, length.value).decode("utf-8")
        finally:
            C.ltv_free(text.value)
    finally:
        if own:
            opts.close()


def write_html_report(path, ledger, as_of=None, options: ReportOptions | None = None, **settings) -> None:
    """Write the HTML report to `path` atomically (a temporary file in the same directory,
    flushed and renamed over `path`): a reader sees the old file or the whole new one."""
    opts, own = _options(options, settings)
    try:
        C.ltv_report_html_file(os.fsencode(path), ledger._ptr, opts._ptr, ledger._as_of(as_of))
    finally:
        if own:
            opts.close()
