"""The health check: sales, repeat rate, first → second purchase, tenure and, for membership
businesses, churn and usage — the KPIs a shop prints every month, as dicts."""

from __future__ import annotations

import ctypes
import json
from ctypes import POINTER, Structure, byref, c_double, c_int, c_int32, c_int64, c_size_t, c_uint64, c_void_p

from . import _ints, dates
from ._columns import np
from ._handle import Handle, Owner
from ._lib import C, raise_status, register
from .errors import InvalidArgumentError, NotFoundError
from .segment import Rank, enum_value, lang_code

__all__ = ["HealthConfig", "HealthCheck", "health_label", "health_param_info", "WINDOWS_DAYS"]

_P, _S = c_void_p, c_size_t
_ST, _BUF = "status", "status_or_bufsize"
register({
    "ltv_health_config_new": (_ST, [POINTER(_P)]),
    "ltv_health_config_free": (None, [_P]),
    "ltv_health_config_set_i64": (_ST, [_P, c_int, c_int64]),
    "ltv_health_config_get_i64": (_ST, [_P, c_int, POINTER(c_int64)]),
    "ltv_health_check_run": (_ST, [POINTER(_P), _P, _P, _P, c_int32]),
    "ltv_health_check_free": (None, [_P]),
    "ltv_health_check_has_ranks": (c_int, [_P]),
    "ltv_health_check_has_membership": (c_int, [_P]),
    "ltv_health_check_overview": (_ST, [_P, _P, _S]),
    "ltv_health_check_conversion": (_ST, [_P, c_int, _P, _S]),
    "ltv_health_check_gap_days": (_BUF, [_P, c_int, _P, _S, POINTER(_S)]),
    "ltv_health_check_gap_weeks": (_BUF, [_P, c_int, _P, _S, POINTER(_S)]),
    "ltv_health_check_tenure": (_ST, [_P, _P, _S]),
    "ltv_health_check_membership": (_ST, [_P, _P, _S]),
    "ltv_health_check_enrollment_days": (_BUF, [_P, _P, _P, _S, POINTER(_S)]),
    "ltv_health_check_to_json": (_ST, [_P, c_int, POINTER(_P), POINTER(_S)]),
    "ltv_health_label": (_P, [c_int, c_int]),
    "ltv_health_param_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
})

#: The first → second purchase windows, in days.
WINDOWS_DAYS = (7, 30, 60, 90, 180, 365)
_W, _BINS, _BANDS = 6, 5, 3
_ALL = -2
_PARAMS = {"churn_short_days": 0, "churn_long_days": 1, "usage_low_max": 2, "usage_high_min": 3,
           "risk_period_days": 4, "risk_min_at_risk": 5}


class _COverview(Structure):
    _fields_ = [("as_of_day", c_int32), ("has_membership", c_int32), ("customers", c_uint64), ("orders", c_uint64),
                ("revenue", c_int64), ("gross_revenue", c_int64), ("items", c_int64),
                ("average_order_value", c_double), ("items_per_order", c_double), ("repeat_customers", c_uint64),
                ("repeat_rate", c_double), ("year_customers", c_uint64), ("year_repeat_customers", c_uint64),
                ("year_repeat_rate", c_double), ("year_orders", c_uint64), ("year_revenue", c_int64)]


class _CConversion(Structure):
    _fields_ = [("group", c_int32), ("most_common_week", c_int32), ("customers", c_uint64),
                ("second_customers", c_uint64), ("window_days", c_int32 * _W), ("eligible", c_uint64 * _W),
                ("converted", c_uint64 * _W), ("rate", c_double * _W), ("median_gap_days", c_double),
                ("most_common_week_customers", c_uint64)]


class _CTenure(Structure):
    _fields_ = [("customers", c_uint64), ("average_tenure_days", c_double), ("bin_first_day", c_int32 * _BINS),
                ("bin_last_day", c_int32 * _BINS), ("bin_customers", c_uint64 * _BINS), ("bin_share", c_double * _BINS)]


class _CMembership(Structure):
    _fields_ = [("members", c_uint64), ("visits", c_uint64), ("year_visits", c_uint64),
                ("continuing_members", c_uint64), ("continuing_average_ltv", c_double), ("churned_members", c_uint64),
                ("churned_average_ltv", c_double), ("retention_value", c_double), ("short_window_days", c_int32),
                ("long_window_days", c_int32), ("short_eligible", c_uint64), ("short_churned", c_uint64),
                ("short_churn_rate", c_double), ("long_eligible", c_uint64), ("long_churned", c_uint64),
                ("long_churn_rate", c_double), ("bin_first_day", c_int32 * _BINS), ("bin_last_day", c_int32 * _BINS),
                ("bin_members", c_uint64 * _BINS), ("bin_at_risk", c_uint64 * _BINS),
                ("bin_churned", c_uint64 * _BINS), ("bin_churn_rate", c_double * _BINS),
                ("risk_period_days", c_int32), ("risk_peak_first_day", c_int32), ("risk_peak_last_day", c_int32),
                ("reserved", c_int32), ("risk_peak_at_risk", c_uint64), ("risk_peak_churned", c_uint64),
                ("risk_peak_rate", c_double), ("usage_low_max", c_int64), ("usage_high_min", c_int64),
                ("usage_members", c_uint64), ("usage_newer_members", c_uint64),
                ("band_members", c_uint64 * _BANDS), ("band_share", c_double * _BANDS),
                ("band_average_ltv", c_double * _BANDS), ("band_average_year_amount", c_double * _BANDS)]


def _as_dict(struct) -> dict:
    out = {}
    for name, _ in struct._fields_:
        if name == "reserved":
            continue
        value = getattr(struct, name)
        out[name] = list(value) if isinstance(value, ctypes.Array) else value
    return out


def _group(group) -> int:
    if group is None or (isinstance(group, str) and group.lower() == "all"):
        return _ALL
    return enum_value(Rank, group, "rank")


def health_label(label: int, lang="en") -> str:
    """A label of the health-check report (an ltv_health_label_id value)."""
    ptr = C.ltv_health_label(_ints.checked(label, "health label", _ints.INT), lang_code(lang))
    if not ptr:
        raise InvalidArgumentError(f"health label {label!r} or language {lang!r} is unknown")
    return ctypes.string_at(ptr).decode("utf-8")


def health_param_info(name: str) -> tuple[str, int, int]:
    """(C name, smallest, largest value) of a setting, e.g. ``health_param_info("usage_low_max")``."""
    if name not in _PARAMS:
        raise InvalidArgumentError(f"health setting {name!r} is not one of {', '.join(_PARAMS)}")
    low, high = c_int64(), c_int64()
    ptr = C.ltv_health_param_info(_PARAMS[name], byref(low), byref(high))
    return ctypes.string_at(ptr).decode("ascii"), low.value, high.value


class HealthConfig(Owner):
    """Health-check settings (ltv_health_config): churn_short_days, churn_long_days,
    usage_low_max, usage_high_min, risk_period_days, risk_min_at_risk."""

    __slots__ = ()
    _kind = "health config"

    def __init__(self, **settings):
        out = c_void_p()
        C.ltv_health_config_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_health_config_free))
        for name, value in settings.items():
            self[name] = value

    def __setitem__(self, name: str, value: int) -> None:
        if name not in _PARAMS:
            raise InvalidArgumentError(f"health setting {name!r} is not one of {', '.join(_PARAMS)}")
        C.ltv_health_config_set_i64(self._ptr, _PARAMS[name], _ints.int64(value, name))

    def __getitem__(self, name: str) -> int:
        if name not in _PARAMS:
            raise KeyError(name)
        out = c_int64()
        C.ltv_health_config_get_i64(self._ptr, _PARAMS[name], byref(out))
        return out.value

    def as_dict(self) -> dict:
        return {name: self[name] for name in _PARAMS}


class HealthCheck(Owner):
    """The result of one health check (ltv_health_check): counts and histograms only, it
    does not refer to the ledger afterwards. :meth:`to_dict` gives the whole report."""

    __slots__ = ()
    _kind = "health check"

    def __init__(self, ptr: int):
        self._adopt(Handle(ptr, C.ltv_health_check_free))

    @property
    def has_ranks(self) -> bool:
        """Whether per-rank figures exist (the check was run with a segmentation)."""
        return bool(C.ltv_health_check_has_ranks(self._ptr))

    @property
    def has_membership(self) -> bool:
        """Whether membership figures exist (visits or cancels before the as-of day)."""
        return bool(C.ltv_health_check_has_membership(self._ptr))

    def to_json(self, lang="en") -> str:
        """The whole report as the library's JSON text (labels in `lang`)."""
        text, length = c_void_p(), c_size_t()
        C.ltv_health_check_to_json(self._ptr, lang_code(lang), byref(text), byref(length))
        try:
            return ctypes.string_at(text.value, length.value).decode("utf-8")
        finally:
            C.ltv_free(text.value)

    def to_dict(self, lang="en") -> dict:
        """The whole report as a dict (parsed from :meth:`to_json`)."""
        return json.loads(self.to_json(lang))

    def overview(self) -> dict:
        """Sales and repeat rates; ``as_of`` as a date."""
        out = _COverview()
        C.ltv_health_check_overview(self._ptr, byref(out), ctypes.sizeof(out))
        values = _as_dict(out)
        values["as_of"] = dates.from_day(values.pop("as_of_day"))
        values["has_membership"] = bool(values["has_membership"])
        return values

    def conversion(self, group="all") -> dict:
        """First → second purchase of all customers or of one value rank (needs ranks)."""
        out = _CConversion()
        C.ltv_health_check_conversion(self._ptr, _group(group), byref(out), ctypes.sizeof(out))
        return _as_dict(out)

    def _histogram(self, fn, group):
        code = _group(group)
        needed = c_size_t()
        fn(self._ptr, code, None, 0, byref(needed))
        n = needed.value
        if np is not None:
            out = np.zeros(n, dtype=np.uint64)
            status = fn(self._ptr, code, out.ctypes.data, n, byref(needed))
        else:
            out = (c_uint64 * n)()
            status = fn(self._ptr, code, out, n, byref(needed))
        if status < 0:
            raise_status(status)
        return out if np is not None else list(out)

    def gap_days(self, group="all"):
        """Customers by days from the first to the second order: [d] for 0..365, [366] beyond."""
        return self._histogram(C.ltv_health_check_gap_days, group)

    def gap_weeks(self, group="all"):
        """The same by week: [w] counts gaps of 7w..7w+6 days, [52] 364 days or more."""
        return self._histogram(C.ltv_health_check_gap_weeks, group)

    def tenure(self) -> dict:
        """The tenure distribution (last − first order) in five bins."""
        out = _CTenure()
        C.ltv_health_check_tenure(self._ptr, byref(out), ctypes.sizeof(out))
        return _as_dict(out)

    def membership(self) -> dict | None:
        """Membership figures (continuing vs churned, early churn, churn by days enrolled,
        the risk peak, usage bands); None when the data has no visits and no cancels."""
        out = _CMembership()
        try:
            C.ltv_health_check_membership(self._ptr, byref(out), ctypes.sizeof(out))
        except NotFoundError:
            return None
        return _as_dict(out)

    def enrollment_days(self):
        """(at_risk, cancels) per enrollment day 0..366, the life table; None without membership."""
        needed = c_size_t()
        try:
            C.ltv_health_check_enrollment_days(self._ptr, None, None, 0, byref(needed))
        except NotFoundError:
            return None
        n = needed.value
        at_risk, cancels = (c_uint64 * n)(), (c_uint64 * n)()
        C.ltv_health_check_enrollment_days(self._ptr, at_risk, cancels, n, byref(needed))
        if np is not None:
            return np.array(at_risk, dtype=np.uint64), np.array(cancels, dtype=np.uint64)
        return list(at_risk), list(cancels)

    def __repr__(self) -> str:
        return "<ltvcrm.HealthCheck closed>" if self.closed else \
            f"<ltvcrm.HealthCheck as_of={self.overview()['as_of']} ranks={self.has_ranks}>"


def run(ledger, as_of_day: int, segmentation, config: HealthConfig | None, settings: dict) -> HealthCheck:
    """ltv_health_check_run with a config object or keyword settings (not both)."""
    if config is not None and settings:
        raise TypeError("give health settings either as a HealthConfig or as keywords, not both")
    own = config is None and bool(settings)
    if own:
        config = HealthConfig(**settings)
    try:
        out = c_void_p()
        C.ltv_health_check_run(byref(out), ledger._ptr, segmentation._ptr if segmentation is not None else None,
                               config._ptr if config is not None else None, as_of_day)
        return HealthCheck(out.value)
    finally:
        if own:
            config.close()
