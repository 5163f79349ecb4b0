"""Calendar days: Python dates and numpy ``datetime64[D]`` values as the library's day numbers.

A day number counts days from 1970-01-01 (day 0), the same count numpy uses for
``datetime64[D]``, so whole columns pass to the library without conversion.
"""

from __future__ import annotations

import ctypes
import datetime as _dt


from . import _ints
from ._lib import C
from .errors import InvalidArgumentError, OutOfRangeError

__all__ = ["DAY_MIN", "DAY_MAX", "NO_DAY", "to_day", "from_day", "parse_date", "format_day"]

#: Day number of 0001-01-01, the first supported day.
DAY_MIN = -719162
#: Day number of 9999-12-31, the last supported day.
DAY_MAX = 2932896
#: The library's marker for "no such day" in results.
NO_DAY = -(2 ** 31)

_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()


def parse_date(text: str | bytes) -> int:
    """Parse ``YYYY-MM-DD`` or ``YYYY/M/D`` (a time of day is ignored) to a day number.

    Raises ParseError for text that is not a date and OutOfRangeError for a day that does
    not exist (2026-02-30).
    """
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    out = ctypes.c_int32()
    C.ltv_date_parse(raw, len(raw), ctypes.byref(out))
    return out.value


def to_day(value) -> int:
    """A day number from a date, datetime (its date), numpy datetime64, ISO text or an int."""
    if isinstance(value, bool):
        raise InvalidArgumentError(f"a day cannot be a bool ({value!r})")
    if isinstance(value, int):
        day = value
    elif isinstance(value, _dt.datetime):
        day = value.date().toordinal() - _EPOCH_ORDINAL
    elif isinstance(value, _dt.date):
        day = value.toordinal() - _EPOCH_ORDINAL
    elif isinstance(value, (str, bytes)):
        return parse_date(value)
    elif type(value).__name__ == "datetime64":
        import numpy as np
        day = int(value.astype("datetime64[D]").astype(np.int64))
    elif hasattr(value, "__index__"):
        day = value.__index__()
    elif hasattr(value, "to_pydatetime"):  # pandas Timestamp
        day = value.to_pydatetime().date().toordinal() - _EPOCH_ORDINAL
    else:
        raise InvalidArgumentError(f"cannot use {type(value).__name__} {value!r} as a day")
    if not DAY_MIN <= day <= DAY_MAX:
        raise OutOfRangeError(f"day {day} is outside {DAY_MIN}..{DAY_MAX} (0001-01-01..9999-12-31)")
    return day


def from_day(day: int) -> _dt.date | None:
    """The date of a day number; None for :data:`NO_DAY`."""
    day = _ints.whole(day, "day")
    if day == NO_DAY:
        return None
    if not DAY_MIN <= day <= DAY_MAX:
        raise OutOfRangeError(f"day {day} is outside {DAY_MIN}..{DAY_MAX} (0001-01-01..9999-12-31)")
    return _dt.date.fromordinal(day + _EPOCH_ORDINAL)


def format_day(day: int) -> str:
    """A day number as ``YYYY-MM-DD``, written by the library."""
    buf = ctypes.create_string_buffer(11)
    C.ltv_date_format(_ints.int32(day, "day"), buf, 11)
    return buf.value.decode("ascii")


