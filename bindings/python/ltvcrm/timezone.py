"""The shop's time zone: which calendar day an order with a time belongs to.

The rule is the C library's (``timezone.h``), applied by the C library:

- with a shop time zone, a time that carries an offset (an aware ``datetime``, a
  tz-aware pandas Timestamp or Series, text ending in ``Z`` or ``+09:00``) is an instant,
  converted to the shop zone; its day there is the day. A naive time, a ``date`` or text
  without an offset is the shop's local time: its date as written is the day;
- without a shop time zone, every value counts as written: an aware value's own wall date.

>>> import datetime as dt, ltvcrm
>>> utc = dt.datetime(2025, 1, 6, 17, 30, tzinfo=dt.timezone.utc)
>>> ltvcrm.day_of(utc, "Asia/Tokyo") == ltvcrm.to_day("2025-01-07")
True
>>> ltvcrm.day_of(utc) == ltvcrm.to_day("2025-01-06")
True
"""

from __future__ import annotations

import ctypes
import datetime as _dt
from ctypes import byref, c_int32, c_int64, c_size_t, c_void_p

from . import _lib, dates
from ._columns import np
from ._handle import Handle, Owner
from ._lib import C
from .errors import InvalidArgumentError

__all__ = ["Timezone", "day_of", "days_of", "timestamp_day"]

_p = ctypes.POINTER
_lib.register({
    "ltv_timezone_open": (_lib.STATUS, [ctypes.c_char_p, _p(c_void_p)]),
    "ltv_timezone_free": (None, [c_void_p]),
    "ltv_timezone_name": (ctypes.c_char_p, [c_void_p]),
    "ltv_timezone_offset": (_lib.STATUS, [c_void_p, c_int64, _p(c_int32)]),
    "ltv_timezone_days": (_lib.STATUS, [c_void_p, c_void_p, c_size_t, c_void_p]),
    "ltv_timestamp_day": (_lib.STATUS, [c_void_p, c_size_t, c_void_p, _p(c_int32)]),
})


class Timezone(Owner):
    """A time zone from the system's time-zone database (ltv_timezone), by IANA name.

    ``Timezone("Asia/Tokyo")``; also ``"UTC"`` and fixed offsets such as ``"+09:00"``.
    NotFoundError for a zone the database does not have.
    """

    __slots__ = ()
    _kind = "time zone"

    def __init__(self, name: str):
        if not isinstance(name, str):
            raise InvalidArgumentError(f"a time zone name must be a str, not {type(name).__name__}")
        out = c_void_p()
        C.ltv_timezone_open(name.encode("utf-8"), byref(out))
        self._adopt(Handle(out.value, C.ltv_timezone_free))

    @property
    def name(self) -> str:
        return C.ltv_timezone_name(self._ptr).decode("utf-8")

    def __repr__(self) -> str:
        return f"Timezone({self.name!r})"

    def offset(self, when) -> int:
        """Seconds east of UTC at an instant (an aware datetime or seconds since the epoch)."""
        out = c_int32()
        C.ltv_timezone_offset(self._ptr, _unix_seconds(when), byref(out))
        return out.value

    def day(self, value) -> int:
        """The day number of one value by the rule (see the module)."""
        return day_of(value, self)

    def days(self, values):
        """Day numbers (int32) of a column of values by the rule (see :func:`days_of`)."""
        return days_of(values, self)


def _zone(timezone) -> Timezone | None:
    if timezone is None or isinstance(timezone, Timezone):
        return timezone
    return Timezone(timezone)


def _unix_seconds(when) -> int:
    if isinstance(when, _dt.datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise InvalidArgumentError(f"{when!r} has no time zone: an instant needs one")
        delta = when - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
        return delta.days * 86400 + delta.seconds  # floor: microseconds never move a day
    if isinstance(when, bool) or not hasattr(when, "__index__"):
        raise InvalidArgumentError(f"cannot use {type(when).__name__} {when!r} as an instant")
    return when.__index__()


def _aware(value) -> bool:
    return isinstance(value, _dt.datetime) and value.tzinfo is not None and value.utcoffset() is not None


def timestamp_day(text, timezone=None) -> int:
    """The day of a timestamp written as text (``2025-01-07 02:17:05 +0900``) by the rule."""
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    zone = _zone(timezone)
    out = c_int32()
    C.ltv_timestamp_day(raw, len(raw), zone._ptr if zone else None, byref(out))
    return out.value


def day_of(value, timezone=None) -> int:
    """The day number of one value by the rule: aware datetimes and pandas Timestamps,
    naive ones, dates, text, numpy datetime64 and day numbers."""
    zone = _zone(timezone)
    if hasattr(value, "to_pydatetime") and not isinstance(value, _dt.datetime):
        value = value.to_pydatetime()
    if isinstance(value, (str, bytes)):
        return timestamp_day(value, zone)
    if _aware(value) and zone is not None:
        t = (c_int64 * 1)(_unix_seconds(value))
        out = (c_int32 * 1)()
        C.ltv_timezone_days(zone._ptr, t, 1, out)
        return out[0]
    return dates.to_day(value)  # naive or as written: the wall date


def _pandas_tz(values):
    """The tz of a tz-aware pandas Series or DatetimeIndex, else None."""
    accessor = getattr(values, "dt", None)
    tz = getattr(accessor, "tz", None) if accessor is not None else getattr(values, "tz", None)
    return tz if hasattr(values, "to_numpy") else None


def days_of(values, timezone=None):
    """Day numbers of a column by the rule, as an int32 numpy array (a list without numpy).

    tz-aware pandas columns are converted as instants in one C call when a shop zone is
    given, or by their own wall dates without one; naive datetime64 columns count as
    written; text goes through the C parser one value at a time.
    """
    zone = _zone(timezone)
    if np is not None and _pandas_tz(values) is not None:
        if zone is None:  # their own wall dates
            naive = values.dt.tz_localize(None) if hasattr(values, "dt") else values.tz_localize(None)
            wall = np.asarray(naive.to_numpy(), dtype="datetime64[ns]")
            if np.isnat(wall).any():
                raise InvalidArgumentError(f"days[{int(np.argmax(np.isnat(wall)))}] is NaT")
            return wall.astype("datetime64[D]").view(np.int64).astype(np.int32)
        utc = values.dt.tz_convert("UTC") if hasattr(values, "dt") else values.tz_convert("UTC")
        raw = np.asarray(utc.dt.tz_localize(None).to_numpy() if hasattr(utc, "dt") else utc.tz_localize(None).to_numpy(),
                         dtype="datetime64[ns]")
        if np.isnat(raw).any():
            raise InvalidArgumentError(f"days[{int(np.argmax(np.isnat(raw)))}] is NaT")
        seconds = np.ascontiguousarray(raw.astype("datetime64[s]").view(np.int64))  # numpy floors
        out = np.empty(len(seconds), dtype=np.int32)
        C.ltv_timezone_days(zone._ptr, seconds.ctypes.data if len(seconds) else None, len(seconds),
                            out.ctypes.data if len(out) else None)
        return out
    if np is not None and hasattr(values, "dtype") and values.dtype.kind in "Miu":
        return values  # naive datetime64 or day numbers: the bulk path converts them
    items = values.tolist() if hasattr(values, "tolist") else list(values)
    result = [day_of(v, zone) for v in items]
    return np.asarray(result, dtype=np.int32) if np is not None else result


def needs_rule(values, timezone) -> bool:
    """Whether a days column holds values the rule decides (aware or text with a zone)."""
    if np is not None and _pandas_tz(values) is not None:
        return True
    if timezone is not None:
        return not (np is not None and hasattr(values, "dtype") and values.dtype.kind in "Miu")
    if np is not None and hasattr(values, "dtype"):
        return values.dtype.kind == "O" and any(_aware(v) for v in values.tolist())
    return any(_aware(v) for v in values)
