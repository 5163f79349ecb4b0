"""Segmentation: lifecycle states, RFM scores, value ranks, named RFM segments and LTV."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as _dt
import enum
import os
from ctypes import byref, c_double, c_int, c_int8, c_int32, c_int64, c_size_t, c_uint8, c_uint64, c_void_p
from dataclasses import dataclass

from . import _bulk, _ints, _lib, dates
from ._columns import borrowed_column, np
from ._handle import Handle, Owner
from ._lib import C, raise_status
from .errors import InvalidArgumentError, StateError

__all__ = ["Lang", "State", "Rank", "RfmMetric", "RfmMode", "LtvBasis", "Activity", "AliveRule", "SegmentFlag", "CpoVerdict",
           "SegmentConfig", "Segmentation", "CustomerSegment", "state_label", "rank_label", "state_keyword", "rank_keyword",
           "rfm_metric_label", "cpo_verdict_label", "segment_tables", "segment_table_text"]


class Lang(enum.IntEnum):
    """Label languages (ltv_lang)."""

    EN = 0
    JA = 1


class State(enum.IntEnum):
    """Lifecycle states (ltv_state)."""

    NONE = -1
    NEW = 0
    REPEAT = 1
    FAN = 2
    DORMANT = 3


class Rank(enum.IntEnum):
    """Value ranks (ltv_rank)."""

    NONE = -1
    EXCELLENT = 0
    SEMI_EXCELLENT = 1
    GENERAL = 2
    NURTURE = 3


class RfmMetric(enum.IntEnum):
    """The three RFM metrics (ltv_rfm_metric)."""

    RECENCY = 0
    FREQUENCY = 1
    MONETARY = 2


class RfmMode(enum.IntEnum):
    """How RFM scores are cut (ltv_rfm_mode)."""

    QUANTILE = 0
    TYPE7 = 1
    FIXED = 2
    R_RFM = 3
    PYMC = 4


class LtvBasis(enum.IntEnum):
    """Which LTV the analyses use (ltv_ltv_basis)."""

    ANNUAL = 0
    LIFETIME = 1


class Activity(enum.IntEnum):
    """What keeps a member active (ltv_activity)."""

    AUTO = -1
    ORDERS = 0
    VISITS = 1


class AliveRule(enum.IntEnum):
    """How P(alive) takes part in the lifecycle states (ltv_alive_rule; docs/predict.md)."""

    OFF = 0
    EITHER = 1
    BOTH = 2
    REPLACE = 3


class SegmentFlag(enum.IntFlag):
    """Per-customer flags (ltv_segment_flag)."""

    TOP_EXCELLENT = 1
    HIGH_LTV_GENERAL = 2
    CORE = 4
    ALIVE_FALLING = 8


class CpoVerdict(enum.IntEnum):
    """Verdicts of :meth:`Segmentation.cpo_verdict` (ltv_cpo_verdict)."""

    PROFITABLE = 0
    BREAK_EVEN = 1
    LEAKING = 2


def enum_value(enum_type, value, what: str) -> int:
    """An enum value from a member, an int or a member name (case-insensitive)."""
    if isinstance(value, str):
        try:
            return enum_type[value.upper().replace("-", "_")].value
        except KeyError:
            names = ", ".join(m.name.lower() for m in enum_type)
            raise InvalidArgumentError(f"{what} {value!r} is not one of {names}") from None
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise InvalidArgumentError(f"{what} {value!r} is not a {enum_type.__name__}, an int or a name")
    return _ints.checked(value, what, _ints.INT)


def lang_code(lang) -> int:
    return enum_value(Lang, lang, "language")


def _label(fn, value: int, lang, what: str) -> str:
    ptr = fn(int(value), lang_code(lang))
    if not ptr:
        raise InvalidArgumentError(f"{what} {value!r} or language {lang!r} is unknown")
    return ctypes.string_at(ptr).decode("utf-8")


def state_label(state, lang="en") -> str:
    """Label of a lifecycle state: ``state_label(State.FAN, "ja") == "ファン"``."""
    return _label(C.ltv_state_label, enum_value(State, state, "state"), lang, "state")


def rank_label(rank, lang="en") -> str:
    """Label of a value rank."""
    return _label(C.ltv_rank_label, enum_value(Rank, rank, "rank"), lang, "rank")


def state_keyword(state) -> str:
    """The library's keyword of a lifecycle state: ``state_keyword(State.NONE) == "no_order"``."""
    return ctypes.string_at(C.ltv_state_keyword(enum_value(State, state, "state"))).decode("ascii")


def rank_keyword(rank) -> str:
    """The library's keyword of a value rank: ``rank_keyword(Rank.SEMI_EXCELLENT) == "semi_excellent"``."""
    return ctypes.string_at(C.ltv_rank_keyword(enum_value(Rank, rank, "rank"))).decode("ascii")


def rfm_metric_label(metric, lang="en") -> str:
    """Label of an RFM metric."""
    return _label(C.ltv_rfm_metric_label, enum_value(RfmMetric, metric, "metric"), lang, "metric")


def cpo_verdict_label(verdict, lang="en") -> str:
    """A sentence a shop owner understands for a CPO verdict."""
    return _label(C.ltv_cpo_verdict_label, enum_value(CpoVerdict, verdict, "verdict"), lang, "verdict")


# ---- settings ----------------------------------------------------------------------------

_PARAMS = {"dormant_days": 0, "cancel_is_dormant": 1, "fan_min_orders": 2, "fan_min_tenure_days": 3,
           "rfm_bins": 4, "rfm_mode": 5, "excellent_min_year_orders": 6, "semi_min_year_orders": 7,
           "top_excellent_permille": 8, "high_general_percentile": 9, "core_permille": 10, "ltv_basis": 11,
           "rfm_recency_bins": 12, "rfm_frequency_bins": 13, "rfm_monetary_bins": 14, "activity": 15,
           "alive_rule": 16, "alive_threshold_permille": 17, "falling_days": 18, "falling_drop_permille": 19}
_ENUM_PARAMS = {"rfm_mode": RfmMode, "ltv_basis": LtvBasis, "activity": Activity, "alive_rule": AliveRule}


def segment_tables() -> list[str]:
    """Names of the shipped segment tables ("default", "r-rfm", "pymc", "klaviyo", "shopify")."""
    names = []
    while True:
        ptr = C.ltv_segment_table_name(len(names))
        if not ptr:
            return names
        names.append(ctypes.string_at(ptr).decode("utf-8"))


def segment_table_text(name: str) -> str:
    """The text of a shipped segment table (the format of :meth:`SegmentConfig.load_table`)."""
    raw = name.encode("utf-8")
    ptr = C.ltv_segment_table_text(raw, len(raw))
    if not ptr:
        raise_status(C.ltv_last_status() or -1)
    return ctypes.string_at(ptr).decode("utf-8")


class SegmentConfig(Owner):
    """Segmentation settings (ltv_segment_config), the domain defaults until changed.

    Keywords are the integer settings (``dormant_days``, ``cancel_is_dormant``,
    ``fan_min_orders``, ``fan_min_tenure_days``, ``rfm_bins``, ``rfm_mode``,
    ``excellent_min_year_orders``, ``semi_min_year_orders``, ``top_excellent_permille``,
    ``high_general_percentile``, ``core_permille``, ``ltv_basis``), applied in the order
    given, plus ``rfm_recency_bins``, ``rfm_frequency_bins``, ``rfm_monetary_bins`` (0: ``rfm_bins``)
    and ``activity`` (``"auto"``, ``"orders"``, ``"visits"``), plus
    ``thresholds={"recency": [30, 90, 180, 365], ...}`` for ``rfm_mode="fixed"``,
    ``presets=[...]`` (see :meth:`add_preset`) to replace the named RFM segments, and
    ``table="r-rfm"`` (a shipped table, :func:`segment_tables`) or ``table_text="..."`` (a
    segment table, :meth:`load_table`). ``rfm_mode="r-rfm"`` reproduces R's rfm 0.3.0 and
    ``rfm_mode="pymc"`` PyMC-Marketing's rfm_segments (with ``rfm_bins=4``); give their
    tables with ``table=``.

    Predictions (docs/predict.md): :meth:`set_model` attaches a fitted purchase model, which
    adds the ``p_alive`` and ``predicted_clv`` columns; ``alive_rule`` (``"off"``, ``"either"``,
    ``"both"``, ``"replace"``) and ``alive_threshold_permille`` make customers whose P(alive) is
    below the threshold dormant; ``falling_days`` and ``falling_drop_permille`` flag customers
    whose P(alive) is falling (``SegmentFlag.ALIVE_FALLING``, column ``p_alive_before``).
    """

    __slots__ = ("_model",)
    _kind = "segment config"

    def __init__(self, **settings):
        out = c_void_p()
        C.ltv_segment_config_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_segment_config_free))
        self._model = None
        self.update(**settings)

    def set_model(self, fit, spend_fit=None, *, unit="week", horizon: float | None = None, discount: float = 0.0,
                  discount_mode="discrete", discount_period: float | None = None) -> "SegmentConfig":
        """Attach a fitted purchase model (a :class:`ltvcrm.Fit` of bgnbd, pareto or mbgnbd, its
        parameters in `unit`) and optionally a Gamma-Gamma `spend_fit` for the CLV, with the
        CLV's horizon and discounting as :func:`ltvcrm.predict`; ``None`` detaches. The config
        keeps the models alive (ltv_segment_config_set_model borrows them). Returns self."""
        from .predict import _unit, options  # the package's name "predict" is the function
        if fit is None:
            C.ltv_segment_config_set_model(self._ptr, None, None, int(_unit("week")), None)
            self._model = None
            return self
        opts = options(horizon=horizon, discount=discount, discount_mode=discount_mode,
                                discount_period=discount_period)
        C.ltv_segment_config_set_model(self._ptr, fit._ptr, spend_fit._ptr if spend_fit is not None else None,
                                       int(_unit(unit)), opts.ptr)
        self._model = (fit._handle, spend_fit._handle if spend_fit is not None else None, opts)
        return self

    def set_p_alive(self, p_alive, p_alive_before=None, predicted_clv=None) -> "SegmentConfig":
        """P(alive) per customer in ledger (or customer table) index order, from another tool,
        instead of a model: the same columns, rule and flag (``p_alive_before`` for
        ``falling_days``). The config keeps the arrays (float64 copies) alive; a run checks
        their length and range. ``None`` detaches. Returns self."""
        from .predict import _doubles
        if p_alive is None:
            C.ltv_segment_config_set_p_alive(self._ptr, None, None, None, 0)
            self._model = None
            return self
        p, p_keep, n = _doubles(p_alive, "p_alive")
        before = _doubles(p_alive_before, "p_alive_before", n) if p_alive_before is not None else (None, None, 0)
        clv = _doubles(predicted_clv, "predicted_clv", n) if predicted_clv is not None else (None, None, 0)
        C.ltv_segment_config_set_p_alive(self._ptr, p, before[0], clv[0], n)
        self._model = (p_keep, before[1], clv[1])
        return self

    def set_p_alive_csv(self, ledger, path, p_alive_before: bool = False) -> "SegmentConfig":
        """P(alive) per customer read from another tool's CSV (header naming customer_id and
        p_alive, and p_alive_before when asked for; other columns ignored) for `ledger`, then
        attached as :meth:`set_p_alive` does. A bad line raises with its line and column;
        customers with orders left out of the file raise too. Returns self."""
        from .predict import _doubles, np
        n = len(ledger)
        p, p_keep, _ = _doubles(np.zeros(n) if np is not None else [0.0] * n, "p_alive")
        before = _doubles(np.zeros(n) if np is not None else [0.0] * n, "p_alive_before") if p_alive_before \
            else (None, None, 0)
        C.ltv_segment_p_alive_load_csv(ledger._ptr, os.fsencode(path), p, before[0], n)
        C.ltv_segment_config_set_p_alive(self._ptr, p, before[0], None, n)
        self._model = (p_keep, before[1], None)
        return self

    def update(self, **settings) -> "SegmentConfig":
        """Change settings by keyword (as the constructor); returns self."""
        for name, value in settings.items():
            if name == "thresholds":
                for metric, values in value.items():
                    self.set_thresholds(metric, values)
            elif name == "table":
                self.use_table(value)
            elif name == "table_text":
                self.load_table(value)
            elif name == "model":
                self.set_model(value)
            elif name == "presets":
                self.clear_presets()
                for preset in value:
                    if isinstance(preset, dict):
                        self.add_preset(**preset)
                    else:
                        self.add_preset(*preset)
            else:
                self[name] = value
        return self

    def __setitem__(self, name: str, value) -> None:
        if name not in _PARAMS:
            raise InvalidArgumentError(f"segment setting {name!r} is not one of {', '.join(_PARAMS)}")
        if name in _ENUM_PARAMS:
            value = enum_value(_ENUM_PARAMS[name], value, name)
        C.ltv_segment_config_set_i64(self._ptr, _PARAMS[name], _ints.int64(value, name, flag=True))

    def __getitem__(self, name: str):
        if name not in _PARAMS:
            raise KeyError(name)
        out = c_int64()
        C.ltv_segment_config_get_i64(self._ptr, _PARAMS[name], byref(out))
        if name in _ENUM_PARAMS:
            return _ENUM_PARAMS[name](out.value)
        return bool(out.value) if name == "cancel_is_dormant" else out.value

    def as_dict(self) -> dict:
        """Every integer setting by name."""
        return {name: self[name] for name in _PARAMS}

    @staticmethod
    def param_info(name: str) -> tuple[str, int, int]:
        """(C name, smallest, largest value) of a setting: ``("LTV_SEG_DORMANT_DAYS", 1, 36500)``."""
        if name not in _PARAMS:
            raise InvalidArgumentError(f"segment setting {name!r} is not one of {', '.join(_PARAMS)}")
        return _lib.param_info(C.ltv_segment_param_info, _PARAMS[name])

    def set_thresholds(self, metric, values) -> None:
        """Fixed thresholds of one metric (ascending, bins − 1 of them) for ``rfm_mode="fixed"``."""
        values = _ints.each(values, "thresholds", _ints.INT64)
        buf = (c_int64 * len(values))(*values)
        C.ltv_segment_config_set_thresholds(self._ptr, enum_value(RfmMetric, metric, "metric"), buf, len(values))

    def clear_presets(self) -> None:
        """Remove every named RFM segment (the defaults included)."""
        C.ltv_segment_config_clear_presets(self._ptr)

    def add_preset(self, name_en: str, name_ja: str | None = None, r=(1, 10), f=(1, 10), m=(1, 10)) -> None:
        """Append a named segment: customers whose scores lie in the three (min, max) ranges."""
        en = name_en.encode("utf-8")
        ja = (name_ja if name_ja is not None else name_en).encode("utf-8")
        scores = [_ints.checked(pair[i], f"{metric}[{i}]", _ints.INT)
                  for metric, pair in (("r", r), ("f", f), ("m", m)) for i in (0, 1)]
        C.ltv_segment_config_add_preset(self._ptr, en, len(en), ja, len(ja), *scores)

    def use_table(self, name: str) -> None:
        """Replace the named segments with a shipped table (:func:`segment_tables`)."""
        raw = name.encode("utf-8")
        C.ltv_segment_config_use_table(self._ptr, raw, len(raw))

    def load_table(self, text: str) -> None:
        """Replace the named segments with a segment table (docs/segment-tables.md): one rule a
        line, ``NAME [| 日本語名]: r=LO-HI f=LO-HI m=LO-HI`` or ``NAME: codes=RFM,...``; a
        ParseError names line and column."""
        raw = text.encode("utf-8")
        C.ltv_segment_config_load_table(self._ptr, raw, len(raw))

    def load_table_file(self, path) -> None:
        """As :meth:`load_table`, from a file."""
        C.ltv_segment_config_load_table_file(self._ptr, os.fsencode(path))


# ---- results -----------------------------------------------------------------------------

class _CCustomerSegment(ctypes.Structure):
    _fields_ = [("state", c_int8), ("rank", c_int8), ("r", c_uint8), ("f", c_uint8), ("m", c_uint8),
                ("preset", c_uint8), ("flags", c_uint8), ("reserved", c_uint8), ("recency_days", c_int32),
                ("orders", c_int32), ("annual_ltv", c_int64), ("lifetime_ltv", c_int64), ("p_alive", c_double),
                ("predicted_clv", c_double), ("p_alive_before", c_double)]


class _CGroupStats(ctypes.Structure):
    _fields_ = [("customers", c_uint64), ("customer_share", c_double), ("revenue", c_int64),
                ("revenue_share", c_double), ("year_revenue", c_int64), ("orders", c_uint64),
                ("year_orders", c_uint64), ("average_ltv", c_double), ("active_years", c_double),
                ("orders_per_year", c_double), ("average_order_value", c_double)]


class _CLtvSummary(ctypes.Structure):
    _fields_ = [("basis", c_int32), ("reserved", c_int32), ("customers", c_uint64), ("average_ltv", c_double),
                ("core_customers", c_uint64), ("core_threshold", c_int64), ("core_revenue_share", c_double),
                ("continuing_customers", c_uint64), ("continuing_average_ltv", c_double),
                ("churned_customers", c_uint64), ("churned_average_ltv", c_double), ("retention_value", c_double),
                ("top_excellent_customers", c_uint64), ("top_excellent_threshold", c_int64),
                ("high_ltv_general_customers", c_uint64), ("high_ltv_general_threshold", c_int64)]


def _as_dict(struct, skip=("reserved",)) -> dict:
    return {name: getattr(struct, name) for name, _ in struct._fields_ if name not in skip}


@dataclass(frozen=True)
class CustomerSegment:
    """One customer's segment (ltv_customer_segment)."""

    index: int
    state: State
    rank: Rank
    r: int
    f: int
    m: int
    preset: int
    flags: SegmentFlag
    recency_days: int
    orders: int
    annual_ltv: int
    lifetime_ltv: int
    p_alive: float = 0.0  # with a model (SegmentConfig.set_model), else 0
    predicted_clv: float = 0.0
    p_alive_before: float = 0.0  # with falling_days


# name → (ltv_segment_column, numpy type string)
COLUMNS = {"state": (0, "i1"), "rank": (1, "i1"), "r": (2, "u1"), "f": (3, "u1"), "m": (4, "u1"),
           "preset": (5, "u1"), "flags": (6, "u1"), "recency_days": (7, "i4"), "orders": (8, "i4"),
           "annual_ltv": (9, "i8"), "lifetime_ltv": (10, "i8"), "segment": (11, "u1"), "p_alive": (12, "f8"),
           "predicted_clv": (13, "f8"), "p_alive_before": (14, "f8")}
# columns a segmentation has only with a model (and p_alive_before with falling_days)
_PREDICTED = ("p_alive", "predicted_clv", "p_alive_before")


class Segmentation(Owner):
    """The result of segmenting a ledger as of a day (ltv_segmentation).

    Per-customer columns (:meth:`column`, or the attributes ``state``, ``rank``, ``r``,
    ``f``, ``m``, ``preset``, ``flags``, ``recency_days``, ``orders``, ``annual_ltv``,
    ``lifetime_ltv``, ``segment``) are read-only numpy arrays over the library's memory, in ledger index
    order, without copying; each keeps the result alive. Without numpy they are lists.
    The ledger must not change while the result is used: lookups by id then raise
    StateError.
    """

    __slots__ = ("ledger", "_ledger_version")
    _kind = "segmentation"

    def __init__(self, ptr: int, ledger):
        # The C result refers to the ledger: its handle stays alive as long as the result.
        self._adopt(Handle(ptr, C.ltv_segmentation_free, ledger._handle))
        self.ledger = ledger
        self._ledger_version = ledger._version

    def __len__(self) -> int:
        return int(C.ltv_segmentation_customer_count(self._ptr))

    # The Arrow PyCapsule protocol (arrow.py): the per-customer columns as one struct array,
    # numeric columns without a copy; the capsules keep the C result alive.
    def __arrow_c_array__(self, requested_schema=None):
        """(schema, array) PyCapsules of the per-customer columns (docs/arrow.md)."""
        from . import arrow
        return arrow.export_array(C.ltv_segmentation_to_arrow, self._ptr)

    def __arrow_c_stream__(self, requested_schema=None):
        """An ArrowArrayStream PyCapsule of one batch of the per-customer columns."""
        from . import arrow
        return arrow.export_stream(C.ltv_segmentation_to_arrow_stream, self._ptr)

    @property
    def as_of_day(self) -> int:
        """The as-of day as a day number."""
        return int(C.ltv_segmentation_as_of(self._ptr))

    @property
    def as_of(self) -> _dt.date:
        """The as-of day: events before it count."""
        return dates.from_day(self.as_of_day)

    def _segment(self, index: int, out: _CCustomerSegment) -> CustomerSegment:
        return CustomerSegment(index, State(out.state), Rank(out.rank), out.r, out.f, out.m, out.preset,
                               SegmentFlag(out.flags), out.recency_days, out.orders, out.annual_ltv,
                               out.lifetime_ltv, out.p_alive, out.predicted_clv, out.p_alive_before)

    def customer(self, customer) -> CustomerSegment:
        """One customer's segment, by ledger index or id."""
        if isinstance(customer, (str, bytes)):
            return self.find(customer)
        out = _CCustomerSegment()
        index = customer.index if hasattr(customer, "ledger") else _ints.uint64(customer, "customer index")
        C.ltv_segmentation_customer(self._ptr, index, byref(out), ctypes.sizeof(out))
        return self._segment(index, out)

    def find(self, customer_id) -> CustomerSegment:
        """One customer's segment by id; NotFoundError for an unknown id."""
        if self.ledger.closed or self.ledger._version != self._ledger_version:
            raise StateError("the ledger changed or was closed after this segmentation; segment it again")
        raw = _bulk.encode_id(customer_id)
        out = _CCustomerSegment()
        C.ltv_segmentation_find(self._ptr, raw, len(raw), byref(out), ctypes.sizeof(out))
        return self._segment(self.ledger.find(raw), out)

    def column(self, name: str):
        """A per-customer column by name (see the class description), without copying."""
        try:
            code, typestr = COLUMNS[name]
        except KeyError:
            raise InvalidArgumentError(f"column {name!r} is not one of {', '.join(COLUMNS)}") from None
        data, length = c_void_p(), c_size_t()
        handle = self._handle
        C.ltv_segmentation_column(self._ptr, code, byref(data), byref(length))
        return borrowed_column(handle, data.value or 0, length.value, typestr)

    def columns(self) -> dict:
        """Every per-customer column by name (the prediction columns when the run had them)."""
        out = {}
        for name in COLUMNS:
            try:
                out[name] = self.column(name)
            except StateError:
                if name not in _PREDICTED:
                    raise
        return out

    def __getattr__(self, name: str):
        if name in COLUMNS:
            return self.column(name)
        raise AttributeError(name)

    def labels(self, column: str = "state", lang="en"):
        """Per-customer labels of ``state``, ``rank``, ``segment`` or ``preset`` in a language.

        A numpy array of str (built by indexing, no per-customer Python code), or a list.
        """
        if column == "state":
            names = [state_label(s, lang) for s in State]  # NONE first: codes start at -1
            offset = 1
        elif column == "rank":
            names = [rank_label(r, lang) for r in Rank]
            offset = 1
        elif column == "preset":
            names = self.preset_names(lang)
            offset = 0
        elif column == "segment":
            names = self.segment_names(lang)
            offset = 0
        else:
            raise InvalidArgumentError(f"labels exist for state, rank, segment and preset, not {column!r}")
        codes = self.column(column)
        if np is None:
            return [names[c + offset] for c in codes]
        return np.asarray(names, dtype=object)[codes.astype(np.int64) + offset]

    def _group_stats(self, fn, enum_type, group):
        if group is not None:
            out = _CGroupStats()
            fn(self._ptr, enum_value(enum_type, group, enum_type.__name__.lower()), byref(out), ctypes.sizeof(out))
            return _as_dict(out)
        return {member.name.lower(): self._group_stats(fn, enum_type, member)
                for member in enum_type if member.value >= 0}

    def state_stats(self, state=None) -> dict:
        """Totals of one state as a dict, or of every state: ``{"new": {...}, "repeat": ...}``."""
        return self._group_stats(C.ltv_segmentation_state_stats, State, state)

    def rank_stats(self, rank=None) -> dict:
        """Totals of one value rank as a dict, or of every rank: ``{"excellent": {...}, ...}``."""
        return self._group_stats(C.ltv_segmentation_rank_stats, Rank, rank)

    def _sized(self, fn, ctype, metric) -> list:
        code = enum_value(RfmMetric, metric, "metric")
        needed = c_size_t()
        fn(self._ptr, code, None, 0, byref(needed))
        buf = (ctype * needed.value)()
        status = fn(self._ptr, code, buf, needed.value, byref(needed))
        if status < 0:
            raise_status(status)
        return list(buf)

    def thresholds(self, metric) -> list[float]:
        """The cut points of one RFM metric (bins − 1, ascending)."""
        return self._sized(C.ltv_segmentation_thresholds, c_double, metric)

    def score_counts(self, metric) -> list[int]:
        """How many customers got each score of a metric: element 0 for score 1."""
        return self._sized(C.ltv_segmentation_score_counts, c_uint64, metric)

    def preset_names(self, lang="en") -> list[str]:
        """Names of the table's entries, "Other" last (index = the ``preset`` column). Entries may
        share a name (several score boxes or codes of one segment): see :meth:`segment_names`."""
        code = lang_code(lang)
        names = []
        for i in range(C.ltv_segmentation_preset_count(self._ptr) + 1):
            ptr = C.ltv_segmentation_preset_name(self._ptr, i, code)
            if not ptr:
                raise_status(C.ltv_last_status() or -1)
            names.append(ctypes.string_at(ptr).decode("utf-8"))
        return names

    def segment_names(self, lang="en") -> list[str]:
        """Names of the named RFM segments, each once, the catch-all ("Other") last (index = the
        ``segment`` column)."""
        code = lang_code(lang)
        names = []
        for i in range(C.ltv_segmentation_segment_count(self._ptr) + 1):
            ptr = C.ltv_segmentation_segment_name(self._ptr, i, code)
            if not ptr:
                raise_status(C.ltv_last_status() or -1)
            names.append(ctypes.string_at(ptr).decode("utf-8"))
        return names

    def segment_customers(self, lang="en") -> dict[str, int]:
        """Customers per named RFM segment (over all its entries), the catch-all last."""
        return {name: int(C.ltv_segmentation_segment_customers(self._ptr, i))
                for i, name in enumerate(self.segment_names(lang))}

    def preset_customers(self, lang="en") -> dict[str, int]:
        """Customers per named RFM segment, "Other" last: the same as :meth:`segment_customers`
        (entries that share a name are added up, none is lost)."""
        return self.segment_customers(lang)

    def ltv_summary(self) -> dict:
        """The LTV analysis: average, core, continuing vs churned, highlighted groups."""
        out = _CLtvSummary()
        C.ltv_segmentation_ltv_summary(self._ptr, byref(out), ctypes.sizeof(out))
        values = _as_dict(out)
        values["basis"] = LtvBasis(values["basis"])
        return values

    def cpo_verdict(self, cpo: int) -> tuple[CpoVerdict, float]:
        """Compare a cost per order with the average LTV: (verdict, LTV / CPO)."""
        verdict, ratio = c_int(), c_double()
        C.ltv_segmentation_cpo_verdict(self._ptr, _ints.int64(cpo, "cpo"), byref(verdict), byref(ratio))
        return CpoVerdict(verdict.value), ratio.value

    def to_pandas(self, lang="en"):
        """A DataFrame with one row per customer: id, labels, scores, flags and LTV."""
        import pandas as pd

        frame = {"customer_id": self.ledger.customer_ids()}
        for name, labels in (("state", [state_label(s, lang) for s in State if s >= 0]),
                             ("rank", [rank_label(r, lang) for r in Rank if r >= 0]),
                             ("segment", self.segment_names(lang))):
            codes = self.column(name)
            frame[name] = pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=labels)
        for name in ("r", "f", "m", "flags", "recency_days", "orders", "annual_ltv", "lifetime_ltv"):
            frame[name] = self.column(name)
        return pd.DataFrame(frame)

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.Segmentation closed>"
        return f"<ltvcrm.Segmentation customers={len(self)} as_of={self.as_of}>"


@contextlib.contextmanager
def config_pointer(config: SegmentConfig | None, settings: dict):
    """The C pointer of `config`, or of a config made from keyword `settings` for the call
    (not both), or None for the defaults."""
    if config is not None and settings:
        raise TypeError("give segment settings either as a SegmentConfig or as keywords, not both")
    if config is None and settings:
        with SegmentConfig(**settings) as own:
            yield own._ptr
    else:
        yield config._ptr if config is not None else None


def run(ledger, as_of_day: int, config: SegmentConfig | None, settings: dict) -> Segmentation:
    """ltv_segment_run with a config object or keyword settings (not both)."""
    with config_pointer(config, settings) as cfg:
        out = c_void_p()
        C.ltv_segment_run(byref(out), ledger._ptr, cfg, as_of_day)
        return Segmentation(out.value, ledger)
