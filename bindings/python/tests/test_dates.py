"""Dates: Python dates, numpy datetime64[D] and text as the library's day numbers."""

import datetime as dt

import numpy as np
import pytest

import ltvcrm


def test_epoch_and_known_days():
    assert ltvcrm.to_day(dt.date(1970, 1, 1)) == 0
    assert ltvcrm.to_day(dt.date(2026, 11, 1)) == 20758  # the value date.h documents
    assert ltvcrm.from_day(20758) == dt.date(2026, 11, 1)
    assert ltvcrm.from_day(-1) == dt.date(1969, 12, 31)


def test_bounds_are_those_of_python_dates():
    assert ltvcrm.to_day(dt.date.min) == ltvcrm.DAY_MIN
    assert ltvcrm.to_day(dt.date.max) == ltvcrm.DAY_MAX
    assert ltvcrm.from_day(ltvcrm.DAY_MAX) == dt.date.max


def test_numpy_datetime64_is_the_same_day_count():
    days = np.array(["1969-12-31", "1970-01-01", "2026-11-01", "0001-01-01"], dtype="datetime64[D]")
    assert days.astype(np.int64).tolist() == [ltvcrm.to_day(d) for d in ("1969-12-31", "1970-01-01", "2026-11-01",
                                                                          "0001-01-01")]
    assert ltvcrm.to_day(np.datetime64("2026-11-01")) == 20758
    assert ltvcrm.to_day(np.datetime64("2026-11-01T13:05")) == 20758


def test_every_accepted_form():
    assert ltvcrm.to_day("2026/1/5") == ltvcrm.to_day(dt.date(2026, 1, 5))
    assert ltvcrm.to_day("2026-01-05 13:05:00") == ltvcrm.to_day(dt.date(2026, 1, 5))
    assert ltvcrm.to_day(dt.datetime(2026, 1, 5, 23, 59)) == ltvcrm.to_day(dt.date(2026, 1, 5))
    assert ltvcrm.to_day(b"2026-01-05") == ltvcrm.to_day(dt.date(2026, 1, 5))
    assert ltvcrm.to_day(np.int32(5)) == 5


def test_round_trip_over_a_range():
    for day in range(-800, 40000, 37):
        assert ltvcrm.to_day(ltvcrm.from_day(day)) == day
        assert ltvcrm.format_day(day) == ltvcrm.from_day(day).isoformat()


def test_no_day_is_none():
    assert ltvcrm.from_day(ltvcrm.NO_DAY) is None


def test_bad_text_raises_parse_error():
    with pytest.raises(ltvcrm.ParseError) as info:
        ltvcrm.to_day("01/05/2026")
    assert info.value.status_name == "LTV_EPARSE"


def test_impossible_day_raises_out_of_range():
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.to_day("2026-02-30")
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.to_day(ltvcrm.DAY_MAX + 1)
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.from_day(ltvcrm.DAY_MIN - 1)


def test_wrong_types_raise_invalid_argument():
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.to_day(True)
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.to_day(3.5)
