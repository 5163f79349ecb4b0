"""Python bindings of libltvcrm: customer ledgers, segments, LTV and CRM planning.

A thin layer over the C library's stable ABI, through ctypes (no compiler needed). numpy is
optional: with it, bulk adds go through numpy arrays in one C call and per-customer results
come back as numpy arrays without copying.

>>> import ltvcrm
>>> with ltvcrm.Ledger() as ledger:
...     ledger.add_order("C001", "2026-01-05", 1980, items=2)
...     ledger.summary().orders
1
"""

from __future__ import annotations

from . import _ints, _lib
from ._columns import have_numpy
from .dates import DAY_MAX, DAY_MIN, NO_DAY, format_day, from_day, parse_date, to_day
from .errors import (BufferSizeError, EncodingError, Error, FileError, FormatError, InvalidArgumentError,
                     LibraryNotFoundError, LibraryVersionError, NotFoundError, OutOfMemoryError, OutOfRangeError,
                     ParseError, StateError, SumOverflowError, ValidationError)
from .ledger import Customer, Event, EventKind, Facts, Ledger, Summary
from .crm import Element, Stage, element_label, stage_label
from .grader import Answer, Capability, Grade, MaturityGrade, NextStep, grade
from .planner import (Action, Builtin, Channel, DueAction, EntryStatus, Offer, Placement, PlanProblem,
                      PlanProblemKind, PlanRun, PlatformEventKind, PlatformEvents, Planner, Scenario, Schedule,
                      ScheduleEntry, Step, StepField, Stop, TimingReason, Trigger)
from .health import HealthCheck, HealthConfig, health_label, health_param_info
from .matrix import BalanceVerdict, Box, BoxStatus, Matrix, MatrixFormat
from .report import ReportOptions, html_report, report_param_info, write_html_report
from .loader import (CsvColumn, CsvOptions, Guests, LoadReport, RowError, RowErrorReason, StatusRule,
                     status_rule_of)
from .timezone import Timezone, day_of, days_of, timestamp_day
from .predict import DiscountMode, Fit, Model, PredictData, Prediction, TimeUnit, predict
from .platforms import Preset, PresetInfo, preset_info, presets
from .segment import (CpoVerdict, CustomerSegment, Lang, LtvBasis, Rank, RfmMetric, RfmMode, SegmentConfig,
                      SegmentFlag, Segmentation, State, cpo_verdict_label, rank_keyword, rank_label, rfm_metric_label,
                      state_keyword, state_label)
from .segment import Activity, AliveRule, segment_table_text, segment_tables  # 1.1
from .customers import CustomerTable  # 1.1
from .snapshot import info as snapshot_info, is_snapshot
from .snapshot import compact as compact_snapshot
from .customers import CustomerTable
from . import arrow

__version__ = "1.0.0"

#: Version of the loaded shared library, such as "1.0.0".
library_version = _lib.VERSION_STRING
#: The same as major * 10000 + minor * 100 + patch.
library_version_number = _lib.VERSION_NUMBER
#: Path (or name) the shared library was loaded from.
library_path = _lib.PATH


def status_name(status: int) -> str:
    """The name of a status code, such as "LTV_ERANGE"."""
    return _lib.C.ltv_status_name(_ints.checked(status, "status", _ints.INT)).decode("ascii")


def status_text(status: int) -> str:
    """A short English description of a status code."""
    return _lib.C.ltv_status_text(_ints.checked(status, "status", _ints.INT)).decode("ascii")


def set_threads(threads: int) -> None:
    """Set how many threads one call of the library may use, 1..64, for the whole process.

    Loading a CSV file, organizing a large ledger, segmenting and the health check split
    their work over these threads; results never depend on the number. The default is 2
    (1 on a one-CPU machine). Platforms that run many shops in parallel set 1 so that each
    call stays on its own thread. Calls already running keep the value they started with.
    OutOfRangeError for a number outside 1..64.
    """
    _lib.C.ltv_set_threads(_ints.checked(threads, "threads", _ints.INT))


def get_threads() -> int:
    """How many threads one call of the library may use (see :func:`set_threads`)."""
    return int(_lib.C.ltv_get_threads())


__all__ = [
    "Action", "Answer", "BalanceVerdict", "Box", "BoxStatus", "BufferSizeError", "Builtin", "Capability",
    "Channel", "CpoVerdict", "DiscountMode", "Fit", "Model", "PredictData", "Prediction", "TimeUnit", "predict", "CsvColumn", "CsvOptions", "Customer", "CustomerSegment", "DAY_MAX", "DAY_MIN",
    "DueAction", "Element", "EncodingError", "EntryStatus", "Error", "Event", "EventKind", "Facts", "FileError",
    "FormatError", "Grade", "HealthCheck", "HealthConfig", "InvalidArgumentError", "Lang", "Ledger",
    "LibraryNotFoundError", "LibraryVersionError", "LoadReport", "LtvBasis", "Matrix", "MatrixFormat",
    "MaturityGrade", "NO_DAY", "NextStep", "NotFoundError", "Offer", "OutOfMemoryError", "OutOfRangeError",
    "ParseError", "Placement", "PlanProblem", "PlanProblemKind", "PlanRun", "Planner", "PlatformEventKind",
    "PlatformEvents", "Rank", "RfmMetric", "RfmMode", "RowError", "RowErrorReason", "Scenario", "Schedule",
    "ReportOptions", "ScheduleEntry", "SegmentConfig", "SegmentFlag", "Segmentation", "Stage", "State", "StateError", "Step",
    "StepField", "Stop", "SumOverflowError", "Summary", "TimingReason", "Trigger", "ValidationError",
    "cpo_verdict_label", "element_label", "format_day", "from_day", "get_threads", "grade", "have_numpy",
    "health_label", "health_param_info", "library_path", "library_version", "library_version_number",
    "parse_date", "rank_keyword", "rank_label", "state_keyword", "rfm_metric_label", "set_threads", "stage_label", "state_label", "status_name",
    "status_text", "to_day", "Timezone", "day_of", "days_of", "timestamp_day", "timezone",
    "Preset", "PresetInfo", "preset_info", "presets", "platforms",
    "Guests", "StatusRule", "status_rule_of",
    "crm", "dates", "errors", "grader", "health", "ledger", "loader", "matrix", "planner", "predict", "segment",
    "html_report", "report_param_info", "write_html_report", "report",
]
__all__ += ["Activity", "AliveRule", "segment_table_text", "segment_tables", "CustomerTable"]
__all__ += ["compact_snapshot"]
