"""Finding and loading the shared library, and the C prototypes (ctypes only).

The library is looked for, in order:

1. ``LTVCRM_LIBRARY``: the path of the shared library, used alone when set;
2. the copy bundled in this package (``ltvcrm/libltvcrm.so.1``, put there by
   ``pip install ./bindings/python``: setup.py builds it with CMake);
3. the installed library, through the dynamic loader (``libltvcrm.so.1``: ``/usr/lib``,
   ``/usr/local/lib`` after ``ldconfig``, ``LD_LIBRARY_PATH``) and ``<sys.prefix>/lib``;
4. a build tree of the source checkout these bindings live in (``build*/libltvcrm.so``,
   the most recently built first).

The major version of the library must equal :data:`ABI_MAJOR`: releases with the same major
version are ABI compatible, so a newer 1.x library works with these bindings. Functions of
modules that a library does not have (an older 1.x) raise :class:`StateError` when called.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
from ctypes import POINTER, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint32, c_uint64, c_void_p

from .errors import LibraryNotFoundError, LibraryVersionError, StateError, error_for

#: The major version of the C ABI these bindings are written for.
ABI_MAJOR = 1

_SONAMES = {"linux": "libltvcrm.so.1", "darwin": "libltvcrm.1.dylib", "win32": "ltvcrm.dll"}

PROGRESS_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_uint64, c_uint64)


def _build_tree_candidates() -> list[str]:
    """Shared libraries in build directories of the checkout that contains this package."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, "..", "..", ".."))
    if not os.path.isfile(os.path.join(root, "include", "ltvcrm", "common.h")):
        return []
    found = glob.glob(os.path.join(root, "build*", "libltvcrm.so")) + \
        glob.glob(os.path.join(root, "build*", "libltvcrm.dylib"))
    return sorted(found, key=os.path.getmtime, reverse=True)


def _candidates() -> list[str]:
    explicit = os.environ.get("LTVCRM_LIBRARY")
    if explicit:
        return [explicit]
    names = [_SONAMES.get(sys.platform, "libltvcrm.so.1")]
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), names[0])
    found = ctypes.util.find_library("ltvcrm")
    if found:
        names.append(found)
    for prefix in {sys.prefix, sys.base_prefix}:
        names.append(os.path.join(prefix, "lib", names[0]))
    return ([bundled] if os.path.isfile(bundled) else []) + names + _build_tree_candidates()


def _load() -> tuple[ctypes.CDLL, str]:
    tried = []
    for name in _candidates():
        try:
            return ctypes.CDLL(name), name
        except OSError as exc:
            tried.append(f"{name} ({exc})")
    raise LibraryNotFoundError(
        "libltvcrm could not be loaded; set LTVCRM_LIBRARY to the path of libltvcrm.so. Tried: " + "; ".join(tried))


# ---- prototypes ------------------------------------------------------------------------
# A status-returning function gets restype c_int and an errcheck that raises on a negative
# status, so the wrappers never test codes themselves. "status_or_bufsize" lets LTV_EBUFSIZE
# through for the size queries that use it as an answer.
STATUS = "status"
STATUS_OR_BUFSIZE = "status_or_bufsize"
_p = POINTER
_STR = c_char_p
_PTR = c_void_p

_PROTOTYPES: dict[str, tuple[object, list]] = {
    # common.h
    "ltv_status_name": (_STR, [c_int]),
    "ltv_status_text": (_STR, [c_int]),
    "ltv_last_error": (_STR, []),
    "ltv_last_status": (c_int, []),
    "ltv_clear_error": (None, []),
    "ltv_free": (None, [_PTR]),
    "ltv_version_number": (c_int, []),
    "ltv_version_string": (_STR, []),
    "ltv_set_threads": (STATUS, [c_int]),
    "ltv_get_threads": (c_int, []),
    "ltv_json_quote": (STATUS_OR_BUFSIZE, [_PTR, c_size_t, _PTR, c_size_t, _p(c_size_t)]),
    # date.h
    "ltv_date_from_ymd": (STATUS, [c_int32, c_int32, c_int32, _p(c_int32)]),
    "ltv_date_to_ymd": (STATUS, [c_int32, _p(c_int32), _p(c_int32), _p(c_int32)]),
    "ltv_date_parse": (STATUS, [_PTR, c_size_t, _p(c_int32)]),
    "ltv_date_format": (STATUS, [c_int32, _PTR, c_size_t]),
    # ledger.h
    "ltv_ledger_new": (STATUS, [_p(_PTR)]),
    "ltv_ledger_free": (None, [_PTR]),
    "ltv_ledger_reserve": (STATUS, [_PTR, c_uint64, c_uint64]),
    "ltv_ledger_add_event": (STATUS, [_PTR, _PTR, c_size_t, c_int, c_int32, c_int64, c_int32]),
    "ltv_ledger_add_order": (STATUS, [_PTR, _PTR, c_size_t, c_int32, c_int64, c_int32]),
    "ltv_ledger_add_events": (STATUS, [_PTR, c_size_t, _PTR, _PTR, _PTR, _PTR, _PTR, _PTR]),
    "ltv_ledger_add_events_fixed": (STATUS, [_PTR, c_size_t, _PTR, c_size_t, _PTR, _PTR, _PTR, _PTR]),
    "ltv_ledger_merge": (STATUS, [_PTR, _PTR]),
    "ltv_ledger_prepare": (STATUS, [_PTR]),
    "ltv_ledger_customer_count": (c_uint64, [_PTR]),
    "ltv_ledger_event_count": (c_uint64, [_PTR]),
    "ltv_ledger_order_count": (c_uint64, [_PTR]),
    "ltv_ledger_visit_count": (c_uint64, [_PTR]),
    "ltv_ledger_revenue": (c_int64, [_PTR]),
    "ltv_ledger_day_range": (STATUS, [_PTR, _p(c_int32), _p(c_int32)]),
    "ltv_ledger_find": (STATUS, [_PTR, _PTR, c_size_t, _p(c_uint64)]),
    "ltv_ledger_customer_id": (STATUS, [_PTR, c_uint64, _p(_PTR), _p(c_size_t)]),
    "ltv_ledger_facts": (STATUS, [_PTR, c_uint64, c_int32, _PTR, c_size_t]),
    "ltv_ledger_summary_as_of": (STATUS, [_PTR, c_int32, _PTR, c_size_t]),
    "ltv_ledger_customer_events": (STATUS_OR_BUFSIZE, [_PTR, c_uint64, _PTR, _PTR, _PTR, _PTR, c_size_t,
                                                       _p(c_size_t)]),
    # csv.h
    "ltv_csv_options_new": (STATUS, [_p(_PTR)]),
    "ltv_csv_options_free": (None, [_PTR]),
    "ltv_csv_options_set_column": (STATUS, [_PTR, c_int, _PTR, c_size_t]),
    "ltv_csv_options_set_i64": (STATUS, [_PTR, c_int, c_int64]),
    "ltv_csv_options_get_i64": (STATUS, [_PTR, c_int, _p(c_int64)]),
    "ltv_csv_param_info": (_PTR, [c_int, _p(c_int64), _p(c_int64)]),
    "ltv_csv_options_set_progress": (STATUS, [_PTR, PROGRESS_FN, _PTR]),
    "ltv_csv_options_set_encoding": (STATUS, [_PTR, _STR]),
    "ltv_csv_options_set_timezone": (STATUS, [_PTR, _STR]),
    "ltv_ledger_load_csv": (STATUS, [_PTR, _STR, _PTR, _p(_PTR)]),
    "ltv_ledger_load_csv_buffer": (STATUS, [_PTR, _PTR, c_size_t, _PTR, _p(_PTR)]),
    "ltv_load_report_free": (None, [_PTR]),
    "ltv_load_report_rows_read": (c_uint64, [_PTR]),
    "ltv_load_report_rows_taken": (c_uint64, [_PTR]),
    "ltv_load_report_rows_rejected": (c_uint64, [_PTR]),
    "ltv_load_report_blank_lines": (c_uint64, [_PTR]),
    "ltv_load_report_bytes": (c_uint64, [_PTR]),
    "ltv_load_report_error_count": (c_size_t, [_PTR]),
    "ltv_load_report_error": (STATUS, [_PTR, c_size_t, _p(c_uint64), _p(c_uint32), _p(c_int), _p(_PTR)]),
    "ltv_csv_options_map_status": (STATUS, [_PTR, _PTR, c_size_t, c_int]),
    "ltv_csv_status_rule_of": (STATUS, [_PTR, _PTR, c_size_t, _p(c_int)]),
    "ltv_csv_options_add_no_customer_id": (STATUS, [_PTR, _PTR, c_size_t]),
    "ltv_csv_options_clear_no_customer_ids": (STATUS, [_PTR]),
    "ltv_load_report_rows_excluded": (c_uint64, [_PTR]),
    "ltv_load_report_rows_no_customer": (c_uint64, [_PTR]),
    "ltv_load_report_no_customer": (None, [_PTR, _p(c_uint64), _p(c_int64)]),
    "ltv_load_report_rows_rejected_for": (c_uint64, [_PTR, c_int]),
    "ltv_load_report_orders": (None, [_PTR, _p(c_uint64), _p(c_uint64)]),
    "ltv_load_report_exclusion_count": (c_size_t, [_PTR]),
    "ltv_load_report_exclusion": (STATUS, [_PTR, c_size_t, _p(_PTR), _p(c_uint64)]),
    # segment.h
    "ltv_segment_config_new": (STATUS, [_p(_PTR)]),
    "ltv_segment_config_free": (None, [_PTR]),
    "ltv_segment_config_set_i64": (STATUS, [_PTR, c_int, c_int64]),
    "ltv_segment_config_get_i64": (STATUS, [_PTR, c_int, _p(c_int64)]),
    "ltv_segment_param_info": (_PTR, [c_int, _p(c_int64), _p(c_int64)]),
    "ltv_segment_config_set_thresholds": (STATUS, [_PTR, c_int, _p(c_int64), c_size_t]),
    "ltv_segment_config_clear_presets": (STATUS, [_PTR]),
    "ltv_segment_config_add_preset": (STATUS, [_PTR, _PTR, c_size_t, _PTR, c_size_t, c_int, c_int, c_int, c_int,
                                               c_int, c_int]),
    "ltv_segment_config_load_table": (STATUS, [_PTR, _PTR, c_size_t]),
    "ltv_segment_config_load_table_file": (STATUS, [_PTR, _PTR]),
    "ltv_segment_config_use_table": (STATUS, [_PTR, _PTR, c_size_t]),
    "ltv_segment_config_set_model": (STATUS, [_PTR, _PTR, _PTR, c_int, _PTR]),
    "ltv_segment_config_set_p_alive": (STATUS, [_PTR, _PTR, _PTR, _PTR, c_size_t]),
    "ltv_segment_p_alive_load_csv": (STATUS, [_PTR, _PTR, _PTR, _PTR, c_size_t]),
    "ltv_segment_table_name": (_PTR, [c_size_t]),
    "ltv_segment_table_text": (_PTR, [_PTR, c_size_t]),
    "ltv_segment_run": (STATUS, [_p(_PTR), _PTR, _PTR, c_int32]),
    "ltv_segmentation_free": (None, [_PTR]),
    "ltv_segmentation_customer_count": (c_uint64, [_PTR]),
    "ltv_segmentation_as_of": (c_int32, [_PTR]),
    "ltv_segmentation_customer": (STATUS, [_PTR, c_uint64, _PTR, c_size_t]),
    "ltv_segmentation_find": (STATUS, [_PTR, _PTR, c_size_t, _PTR, c_size_t]),
    "ltv_segmentation_column": (STATUS, [_PTR, c_int, _p(_PTR), _p(c_size_t)]),
    "ltv_segmentation_copy_column": (STATUS_OR_BUFSIZE, [_PTR, c_int, _PTR, c_size_t, _p(c_size_t)]),
    "ltv_segmentation_state_stats": (STATUS, [_PTR, c_int, _PTR, c_size_t]),
    "ltv_segmentation_rank_stats": (STATUS, [_PTR, c_int, _PTR, c_size_t]),
    "ltv_segmentation_thresholds": (STATUS_OR_BUFSIZE, [_PTR, c_int, _p(c_double), c_size_t, _p(c_size_t)]),
    "ltv_segmentation_score_counts": (STATUS_OR_BUFSIZE, [_PTR, c_int, _p(c_uint64), c_size_t, _p(c_size_t)]),
    "ltv_segmentation_preset_count": (c_size_t, [_PTR]),
    "ltv_segmentation_preset_name": (_PTR, [_PTR, c_size_t, c_int]),
    "ltv_segmentation_preset_customers": (c_uint64, [_PTR, c_size_t]),
    "ltv_segmentation_segment_count": (c_size_t, [_PTR]),
    "ltv_segmentation_segment_name": (_PTR, [_PTR, c_size_t, c_int]),
    "ltv_segmentation_segment_customers": (c_uint64, [_PTR, c_size_t]),
    "ltv_segmentation_preset_segment": (c_size_t, [_PTR, c_size_t]),
    "ltv_segmentation_ltv_summary": (STATUS, [_PTR, _PTR, c_size_t]),
    "ltv_segmentation_cpo_verdict": (STATUS, [_PTR, c_int64, _p(c_int), _p(c_double)]),
    "ltv_state_label": (_PTR, [c_int, c_int]),
    "ltv_rank_label": (_PTR, [c_int, c_int]),
    "ltv_state_keyword": (_PTR, [c_int]),
    "ltv_rank_keyword": (_PTR, [c_int]),
    "ltv_rfm_metric_label": (_PTR, [c_int, c_int]),
    "ltv_cpo_verdict_label": (_PTR, [c_int, c_int]),
}

def register(prototypes: dict[str, tuple[object, list]]) -> None:
    """Declare more prototypes (used by the modules that bind health, planner, matrix, grader)."""
    _PROTOTYPES.update(prototypes)
    for name, proto in prototypes.items():
        _bind(name, proto)


class _Missing:
    """Stands in for a function this library build does not export."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, *args):
        raise StateError(f"{self.name} is not in the loaded libltvcrm {VERSION_STRING} at {PATH}; "
                         "a newer 1.x library is needed")


class _Functions:
    """The bound C functions, as attributes named after them."""


C = _Functions()


def last_error() -> str:
    return _dll.ltv_last_error().decode("utf-8", "replace")


def raise_status(status: int) -> None:
    """Raise the exception for a negative status with the calling thread's message."""
    name = _dll.ltv_status_name(status).decode("ascii", "replace")
    raise error_for(status, last_error(), name)


def _check_status(result, func, args):
    if result < 0:
        raise_status(result)
    return result


def _check_status_or_bufsize(result, func, args):
    if result < 0 and result != -7:
        raise_status(result)
    return result


def _bind(name: str, proto: tuple[object, list]) -> None:
    restype, argtypes = proto
    try:
        fn = getattr(_dll, name)
    except AttributeError:
        setattr(C, name, _Missing(name))
        return
    fn.argtypes = argtypes
    if restype == STATUS:
        fn.restype, fn.errcheck = c_int, _check_status
    elif restype == STATUS_OR_BUFSIZE:
        fn.restype, fn.errcheck = c_int, _check_status_or_bufsize
    else:
        fn.restype = restype
    setattr(C, name, fn)


def param_info(function, code: int) -> tuple[str, int, int]:
    """(C name, smallest, largest value) from one of the ltv_*_param_info functions."""
    low, high = c_int64(), c_int64()
    ptr = function(code, ctypes.byref(low), ctypes.byref(high))
    if not ptr:
        raise_status(_dll.ltv_last_status())
    return ctypes.string_at(ptr).decode("ascii"), low.value, high.value


def has(name: str) -> bool:
    """Whether the loaded library exports a function."""
    return not isinstance(getattr(C, name, None), _Missing) and hasattr(C, name)


_dll, PATH = _load()
_dll.ltv_version_number.restype = c_int
_dll.ltv_version_string.restype = c_char_p
_dll.ltv_status_name.restype = c_char_p
_dll.ltv_status_name.argtypes = [c_int]
_dll.ltv_last_error.restype = c_char_p
VERSION_NUMBER = int(_dll.ltv_version_number())
VERSION_STRING = _dll.ltv_version_string().decode("ascii")
if VERSION_NUMBER // 10000 != ABI_MAJOR:
    raise LibraryVersionError(
        f"{PATH} is libltvcrm {VERSION_STRING}; these bindings need major version {ABI_MAJOR}")
for _name, _proto in _PROTOTYPES.items():
    _bind(_name, _proto)

