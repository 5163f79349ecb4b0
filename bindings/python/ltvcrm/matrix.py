"""The campaign matrix: 4 customer stages × 5 campaign elements = 20 boxes on one page."""

from __future__ import annotations

import ctypes
import enum
import os
from ctypes import POINTER, byref, c_int, c_int64, c_size_t, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass

from . import _ints
from ._handle import Handle, Owner
from ._lib import C, raise_status, register
from .errors import InvalidArgumentError, NotFoundError
from .crm import Element, Stage
from .segment import CpoVerdict, enum_value, lang_code

__all__ = ["BoxStatus", "MatrixFormat", "BalanceVerdict", "Box", "Matrix", "box_status_label", "balance_message",
           "cpo_message"]

_P = c_void_p
_STATUS = "status"
_BUFSIZE = "status_or_bufsize"
register({
    "ltv_matrix_new": (_STATUS, [POINTER(_P)]),
    "ltv_matrix_new_template": (_STATUS, [POINTER(_P), c_int]),
    "ltv_matrix_free": (None, [_P]),
    "ltv_matrix_set_box": (_STATUS, [_P, c_int, c_int, c_int, _P, c_size_t]),
    "ltv_matrix_get_box": (_STATUS, [_P, c_int, c_int, POINTER(c_int), POINTER(_P), POINTER(c_size_t)]),
    "ltv_matrix_set_i64": (_STATUS, [_P, c_int, c_int64]),
    "ltv_matrix_get_i64": (_STATUS, [_P, c_int, POINTER(c_int64)]),
    "ltv_matrix_param_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
    "ltv_matrix_to_text": (_STATUS, [_P, c_int, POINTER(_P), POINTER(c_size_t)]),
    "ltv_matrix_from_text": (_STATUS, [POINTER(_P), c_int, _P, c_size_t]),
    "ltv_matrix_set_stage_figures": (_STATUS, [_P, c_int, c_uint64, c_int64]),
    "ltv_matrix_get_stage_figures": (_STATUS, [_P, c_int, POINTER(c_uint64), POINTER(c_int64)]),
    "ltv_matrix_set_acquisition": (_STATUS, [_P, c_uint64, c_int64]),
    "ltv_matrix_get_acquisition": (_STATUS, [_P, POINTER(c_uint64), POINTER(c_int64)]),
    "ltv_matrix_set_ltv": (_STATUS, [_P, c_int64]),
    "ltv_matrix_get_ltv": (_STATUS, [_P, POINTER(c_int64)]),
    "ltv_matrix_clear_figures": (None, [_P]),
    "ltv_matrix_set_segmentation": (_STATUS, [_P, _P]),
    "ltv_matrix_stage_counts": (_STATUS, [_P, c_int, POINTER(c_uint32), POINTER(c_uint32), POINTER(c_uint32)]),
    "ltv_matrix_stage_planned": (_STATUS, [_P, c_int, POINTER(c_int)]),
    "ltv_matrix_gaps": (_BUFSIZE, [_P, POINTER(ctypes.c_int32), POINTER(ctypes.c_int32), c_size_t,
                                   POINTER(c_size_t)]),
    "ltv_matrix_balance": (_STATUS, [_P, POINTER(c_int)]),
    "ltv_matrix_cpo_verdict": (_STATUS, [_P, POINTER(c_int)]),
    "ltv_matrix_box_status_label": (_P, [c_int, c_int]),
    "ltv_matrix_balance_message": (_P, [c_int, c_int]),
    "ltv_matrix_cpo_message": (_P, [c_int, c_int]),
    "ltv_matrix_render": (_STATUS, [_P, c_int, c_int, POINTER(_P), POINTER(c_size_t)]),
    "ltv_matrix_save": (_STATUS, [_P, c_int, POINTER(_P), POINTER(c_size_t)]),
    "ltv_matrix_save_file": (_STATUS, [_P, c_int, ctypes.c_char_p]),
    "ltv_matrix_load": (_STATUS, [POINTER(_P), c_int, _P, c_size_t]),
    "ltv_matrix_load_file": (_STATUS, [POINTER(_P), c_int, ctypes.c_char_p]),
})


class BoxStatus(enum.IntEnum):
    """The status of a box (ltv_box_status)."""

    EMPTY = 0
    DRAFT = 1
    ACTIVE = 2


class MatrixFormat(enum.IntEnum):
    """Formats of render, save and load (ltv_matrix_format)."""

    TEXT = 0
    MARKDOWN = 1
    CSV = 2
    JSON = 3


class BalanceVerdict(enum.IntEnum):
    """Acquisition weighed against the existing-customer stages (ltv_balance_verdict)."""

    NOT_PLANNED = 0
    BALANCED = 1
    PARTIAL = 2
    LEAKING = 3


_SETTINGS = {"cell_width": 0, "cell_lines": 1, "planned_min": 2, "decimals": 3, "analysis": 4}


@dataclass(frozen=True)
class Box:
    """One box of the matrix: its stage, element, status and plan."""

    stage: Stage
    element: Element
    status: BoxStatus
    text: str


def _static(ptr, what: str) -> str:
    if not ptr:
        raise InvalidArgumentError(f"{what} or its language is unknown")
    return ctypes.string_at(ptr).decode("utf-8")


def box_status_label(status, lang="en") -> str:
    """"empty", "draft", "active" (未記入, 下書き, 実施中)."""
    code = enum_value(BoxStatus, status, "box status")
    return _static(C.ltv_matrix_box_status_label(code, lang_code(lang)), f"box status {status!r}")


def balance_message(verdict, lang="en") -> str:
    """The explanation of a balance verdict."""
    code = enum_value(BalanceVerdict, verdict, "balance verdict")
    return _static(C.ltv_matrix_balance_message(code, lang_code(lang)), f"balance verdict {verdict!r}")


def cpo_message(verdict, lang="en") -> str:
    """The explanation of a CPO verdict in the matrix's terms."""
    code = enum_value(CpoVerdict, verdict, "CPO verdict")
    return _static(C.ltv_matrix_cpo_message(code, lang_code(lang)), f"CPO verdict {verdict!r}")


def _format(fmt) -> int:
    return enum_value(MatrixFormat, fmt, "format")


def _format_of(path, fmt) -> int:
    if fmt is not None:
        return _format(fmt)
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in (".json", ".csv"):
        return _format(ext[1:])
    raise InvalidArgumentError(f"cannot tell the format of {os.fspath(path)!r}: give format='json' or 'csv'")


def _owned_text(fn, *args) -> str:
    """Call a function that hands back a string the caller frees with ltv_free()."""
    text, length = c_void_p(), c_size_t()
    fn(*args, byref(text), byref(length))
    try:
        return ctypes.string_at(text.value, length.value).decode("utf-8")
    finally:
        C.ltv_free(text.value)


class Matrix(Owner):
    """The campaign matrix (ltv_matrix): 20 boxes, figures, gaps and verdicts.

    ``Matrix()`` is empty; :meth:`template` gives the starter plan of a D2C shop,
    :meth:`load` / :meth:`load_file` read a saved plan. Settings (``cell_width``,
    ``cell_lines``, ``planned_min``, ``decimals``, ``analysis``) are keyword arguments of the
    constructors and of :meth:`configure`.
    """

    __slots__ = ()
    _kind = "matrix"

    def __init__(self, **settings):
        out = c_void_p()
        C.ltv_matrix_new(byref(out))
        self._init(out.value, settings)

    def _init(self, ptr: int, settings: dict) -> None:
        self._adopt(Handle(ptr, C.ltv_matrix_free))
        self.configure(**settings)

    @classmethod
    def _from(cls, ptr: int, settings: dict) -> "Matrix":
        matrix = cls.__new__(cls)
        matrix._init(ptr, settings)
        return matrix

    @classmethod
    def template(cls, lang="en", **settings) -> "Matrix":
        """The starter plan for a D2C shop: every box drafted."""
        out = c_void_p()
        C.ltv_matrix_new_template(byref(out), lang_code(lang))
        return cls._from(out.value, settings)

    @classmethod
    def load(cls, data, format="json", **settings) -> "Matrix":
        """A plan from JSON or CSV text (str or bytes)."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        out = c_void_p()
        C.ltv_matrix_load(byref(out), _format(format), raw, len(raw))
        return cls._from(out.value, settings)

    @classmethod
    def load_file(cls, path, format=None, **settings) -> "Matrix":
        """A plan from a .json or .csv file (or the format given)."""
        out = c_void_p()
        C.ltv_matrix_load_file(byref(out), _format_of(path, format), os.fsencode(path))
        return cls._from(out.value, settings)

    # ---- settings -----------------------------------------------------------------------

    def configure(self, **settings) -> "Matrix":
        """Change settings by keyword; returns self."""
        for name, value in settings.items():
            if name not in _SETTINGS:
                raise InvalidArgumentError(f"matrix setting {name!r} is not one of {', '.join(_SETTINGS)}")
            C.ltv_matrix_set_i64(self._ptr, _SETTINGS[name], _ints.int64(value, name, flag=True))
        return self

    def setting(self, name: str) -> int:
        """Read a setting."""
        if name not in _SETTINGS:
            raise InvalidArgumentError(f"matrix setting {name!r} is not one of {', '.join(_SETTINGS)}")
        out = c_int64()
        C.ltv_matrix_get_i64(self._ptr, _SETTINGS[name], byref(out))
        return out.value

    # ---- boxes ----------------------------------------------------------------------------

    def set_box(self, stage, element, text: str = "", status=None) -> None:
        """Write a box's plan; the status defaults to draft with text and empty without."""
        raw = text.encode("utf-8")
        if status is None:
            status = BoxStatus.DRAFT if raw else BoxStatus.EMPTY
        C.ltv_matrix_set_box(self._ptr, enum_value(Stage, stage, "stage"), enum_value(Element, element, "element"),
                             enum_value(BoxStatus, status, "box status"), raw or None, len(raw))

    def box(self, stage, element) -> Box:
        """Read one box."""
        s, e = enum_value(Stage, stage, "stage"), enum_value(Element, element, "element")
        status, text, length = c_int(), c_void_p(), c_size_t()
        C.ltv_matrix_get_box(self._ptr, s, e, byref(status), byref(text), byref(length))
        return Box(Stage(s), Element(e), BoxStatus(status.value),
                   ctypes.string_at(text.value, length.value).decode("utf-8") if length.value else "")

    def boxes(self) -> list[Box]:
        """All 20 boxes, stage by stage."""
        return [self.box(stage, element) for stage in Stage for element in Element]

    # ---- figures --------------------------------------------------------------------------

    def set_stage_figures(self, stage, customers: int, revenue: int) -> None:
        """Customers and revenue of activation, retention or churn prevention."""
        C.ltv_matrix_set_stage_figures(self._ptr, enum_value(Stage, stage, "stage"),
                                       _ints.uint64(customers, "customers"), _ints.int64(revenue, "revenue"))

    def stage_figures(self, stage) -> tuple[int, int] | None:
        """(customers, revenue) of an existing-customer stage; None if not set."""
        customers, revenue = c_uint64(), c_int64()
        try:
            C.ltv_matrix_get_stage_figures(self._ptr, enum_value(Stage, stage, "stage"), byref(customers),
                                           byref(revenue))
        except NotFoundError:
            return None
        return customers.value, revenue.value

    def set_acquisition(self, prospects: int, cpo: int) -> None:
        """Prospects and cost per order of the acquisition stage (minor units)."""
        C.ltv_matrix_set_acquisition(self._ptr, _ints.uint64(prospects, "prospects"), _ints.int64(cpo, "cpo"))

    def acquisition(self) -> tuple[int, int] | None:
        """(prospects, CPO); None if not set."""
        prospects, cpo = c_uint64(), c_int64()
        try:
            C.ltv_matrix_get_acquisition(self._ptr, byref(prospects), byref(cpo))
        except NotFoundError:
            return None
        return prospects.value, cpo.value

    @property
    def ltv(self) -> int | None:
        """The average LTV per customer against which the CPO is judged; None if not set."""
        out = c_int64()
        try:
            C.ltv_matrix_get_ltv(self._ptr, byref(out))
        except NotFoundError:
            return None
        return out.value

    @ltv.setter
    def ltv(self, value: int) -> None:
        C.ltv_matrix_set_ltv(self._ptr, _ints.int64(value, "ltv"))

    def clear_figures(self) -> None:
        """Forget every figure."""
        C.ltv_matrix_clear_figures(self._ptr)

    def figures_from(self, segmentation) -> "Matrix":
        """Stage figures and the LTV from a segmentation (ltv_matrix_set_segmentation): new
        customers → activation, repeat and fans → retention, dormant → churn prevention, and
        the segmentation's average LTV. Acquisition figures are left alone. Returns self."""
        C.ltv_matrix_set_segmentation(self._ptr, segmentation._ptr)
        return self

    # ---- analysis -------------------------------------------------------------------------

    def stage_counts(self, stage) -> dict[str, int]:
        """Boxes of a stage by status: {"empty": .., "draft": .., "active": ..}."""
        empty, draft, active = c_uint32(), c_uint32(), c_uint32()
        C.ltv_matrix_stage_counts(self._ptr, enum_value(Stage, stage, "stage"), byref(empty), byref(draft),
                                  byref(active))
        return {"empty": empty.value, "draft": draft.value, "active": active.value}

    def stage_planned(self, stage) -> bool:
        """Whether at least ``planned_min`` boxes of the stage are active."""
        out = c_int()
        C.ltv_matrix_stage_planned(self._ptr, enum_value(Stage, stage, "stage"), byref(out))
        return bool(out.value)

    def gaps(self) -> list[tuple[Stage, Element]]:
        """The boxes that are empty or only drafted, stage by stage."""
        stages, elements = (ctypes.c_int32 * 20)(), (ctypes.c_int32 * 20)()
        count = c_size_t()
        status = C.ltv_matrix_gaps(self._ptr, stages, elements, 20, byref(count))
        if status < 0:
            raise_status(status)
        return [(Stage(stages[i]), Element(elements[i])) for i in range(count.value)]

    def balance(self) -> BalanceVerdict:
        """Acquisition weighed against the existing-customer stages."""
        out = c_int()
        C.ltv_matrix_balance(self._ptr, byref(out))
        return BalanceVerdict(out.value)

    def cpo_verdict(self) -> CpoVerdict:
        """The CPO against the average LTV; NotFoundError if either is missing."""
        out = c_int()
        C.ltv_matrix_cpo_verdict(self._ptr, byref(out))
        return CpoVerdict(out.value)

    # ---- text -----------------------------------------------------------------------------

    def render(self, format="text", lang="en") -> str:
        """The matrix as one table: text, markdown, csv or json."""
        return _owned_text(C.ltv_matrix_render, self._ptr, _format(format), lang_code(lang))

    def save(self, format="json") -> str:
        """The plan as JSON or CSV text (loads back to the same boxes)."""
        return _owned_text(C.ltv_matrix_save, self._ptr, _format(format))

    def save_file(self, path, format=None) -> None:
        """Write the plan to a .json or .csv file (or the format given)."""
        C.ltv_matrix_save_file(self._ptr, _format_of(path, format), os.fsencode(path))

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.Matrix closed>"
        return f"<ltvcrm.Matrix gaps={len(self.gaps())} balance={self.balance().name.lower()}>"
