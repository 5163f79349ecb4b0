"""Scalars are checked before ctypes sees them: ctypes keeps the low bits of an int that does
not fit its C type (2**64 + 7 as an int64 is 7), so without the checks a wrong value would be
stored without an error. Out of the C type: OutOfRangeError (LTV_ERANGE); not a whole
number: InvalidArgumentError (LTV_EINVAL); the message names the parameter and the bounds."""

import numpy as np
import pytest

import ltvcrm

DAY = "2026-01-05"
INT64 = "-9223372036854775808..9223372036854775807"
INT32 = "-2147483648..2147483647"
UINT64 = "0..18446744073709551615"


def _raises(error, call, *words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


# ---- the ledger ---------------------------------------------------------------------------

@pytest.mark.parametrize("amount", [2 ** 70, 2 ** 64 + 7, 2 ** 63, -(2 ** 63) - 1])
def test_an_amount_outside_int64_is_out_of_range_and_nothing_is_added(amount):
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_order("A", DAY, amount), "amount", str(amount), INT64)
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_event("A", DAY, amount, kind="refund"), "amount", INT64)
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_refund("A", DAY, amount), "amount")
        assert ledger.event_count == 0 and len(ledger) == 0


@pytest.mark.parametrize("items", [2 ** 32 + 3, 2 ** 31, -(2 ** 31) - 1])
def test_items_outside_int32_are_out_of_range(items):
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_order("A", DAY, 100, items=items), "items", INT32)
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_event("A", DAY, 100, items=items), "items", INT32)
        assert ledger.event_count == 0


def test_items_above_the_library_bound_are_rejected_by_the_library():
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_order("A", DAY, 100, items=1_000_001), "1000000")
        ledger.add_order("A", DAY, 100, items=1_000_000)
        assert ledger.events("A")[0].items == 1_000_000


def test_a_kind_or_a_day_outside_int32_is_out_of_range():
    with ltvcrm.Ledger() as ledger:
        # 2**32 + 1 would arrive as 1: a refund
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_event("A", DAY, 100, kind=2 ** 32 + 1), "event kind",
                INT32)
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_order("A", 2 ** 32 + 20458, 100), "day")
        assert ledger.event_count == 0


@pytest.mark.parametrize("value", [1.5, 2.0, "5", None, True, np.float64(3.0)])
def test_amounts_and_items_must_be_whole_numbers(value):
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.InvalidArgumentError, lambda: ledger.add_order("A", DAY, value), "amount", repr(value))
        _raises(ltvcrm.InvalidArgumentError, lambda: ledger.add_order("A", DAY, 100, items=value), "items")
        assert ledger.event_count == 0


def test_the_extremes_of_the_c_types_and_numpy_integers_pass_unchanged():
    with ltvcrm.Ledger() as ledger:
        ledger.add_order("A", DAY, 2 ** 63 - 1)
        assert ledger.events("A")[0].amount == 2 ** 63 - 1
    with ltvcrm.Ledger() as ledger:
        ledger.add_order("B", DAY, np.int64(1980), items=np.int32(3))
        ledger.add_event("C", DAY, np.uint8(0), kind=np.int64(2))
        assert (ledger.events("B")[0].amount, ledger.events("B")[0].items) == (1980, 3)
        assert ledger.events("C")[0].kind == ltvcrm.EventKind.VISIT


def test_customer_indices_outside_uint64_do_not_wrap_to_another_customer():
    with ltvcrm.Ledger() as ledger:
        ledger.add_order("A", DAY, 100)
        ledger.add_order("B", DAY, 200)
        # 2**64 + 1 would arrive as 1, customer B
        for call in (lambda: ledger.facts(2 ** 64 + 1), lambda: ledger.customer_id(2 ** 64 + 1),
                     lambda: ledger.events(2 ** 64 + 1), lambda: ledger.facts(-1)):
            _raises(ltvcrm.OutOfRangeError, call, "customer index", UINT64)
        _raises(ltvcrm.InvalidArgumentError, lambda: ledger.facts(1.0), "customer")
        assert ledger.facts(np.uint64(1)).amount == 200


def test_reserve_counts_are_unsigned():
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.reserve(-1, 0), "customers", UINT64)
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.reserve(0, 2 ** 64), "events", UINT64)


def test_bulk_object_columns_are_checked_value_by_value():
    ids, days = np.array(["A", "B"], dtype=object), np.array([20000, 20001])
    with ltvcrm.Ledger() as ledger:
        # astype(int64) would have truncated 1.5 to 1
        _raises(ltvcrm.InvalidArgumentError,
                lambda: ledger.add_events(ids, days, np.array([100, 1.5], dtype=object)), "amounts[1]", "1.5")
        _raises(ltvcrm.InvalidArgumentError,
                lambda: ledger.add_events(ids, days, items=np.array([2.9, 1], dtype=object)), "items[0]")
        _raises(ltvcrm.OutOfRangeError,
                lambda: ledger.add_events(ids, days, np.array([2 ** 70, 1], dtype=object)), "amounts[0]", INT64)
        _raises(ltvcrm.OutOfRangeError,
                lambda: ledger.add_events(ids, days, items=np.array([1, 2 ** 31], dtype=object)), "items[1]", INT32)
        assert ledger.event_count == 0
        ledger.add_events(ids, days, np.array([2 ** 40, np.int64(5)], dtype=object))
        assert [e.amount for c in "AB" for e in ledger.events(c)] == [2 ** 40, 5]


def test_bulk_list_kinds_outside_a_byte_name_the_row():
    with ltvcrm.Ledger() as ledger:
        _raises(ltvcrm.OutOfRangeError, lambda: ledger.add_events(["A", "B"], [1, 2], kinds=[0, 257]),
                "kinds[1]", "0..255")
        assert ledger.event_count == 0


def test_day_helpers_take_whole_numbers_only():
    _raises(ltvcrm.InvalidArgumentError, lambda: ltvcrm.format_day(1.5), "day")
    _raises(ltvcrm.OutOfRangeError, lambda: ltvcrm.format_day(2 ** 32), "day", INT32)
    _raises(ltvcrm.InvalidArgumentError, lambda: ltvcrm.from_day(1.5), "day")
    assert ltvcrm.format_day(np.int32(20458)) == "2026-01-05"
    _raises(ltvcrm.OutOfRangeError, lambda: ltvcrm.status_name(2 ** 32 - 3), "status")


# ---- segmentation -------------------------------------------------------------------------

@pytest.fixture
def ledger():
    with ltvcrm.Ledger() as ledger:
        for i in range(30):
            ledger.add_order(f"C{i:02d}", 20000 + i, 1000 * (i + 1))
        yield ledger


def test_segment_settings_do_not_wrap():
    with ltvcrm.SegmentConfig() as config:
        before = config["dormant_days"]
        # 2**64 + 90 would arrive as 90, a valid setting
        _raises(ltvcrm.OutOfRangeError, lambda: config.update(dormant_days=2 ** 64 + 90), "dormant_days", INT64)
        _raises(ltvcrm.InvalidArgumentError, lambda: config.update(dormant_days=90.5), "dormant_days")
        _raises(ltvcrm.OutOfRangeError, lambda: config.update(rfm_mode=2 ** 32 + 2), "rfm_mode", INT32)
        assert config["dormant_days"] == before and config["rfm_mode"] == ltvcrm.RfmMode.QUANTILE
        config.update(cancel_is_dormant=False, dormant_days=np.int64(120))
        assert config["cancel_is_dormant"] is False and config["dormant_days"] == 120
        _raises(ltvcrm.OutOfRangeError, lambda: config.set_thresholds("recency", [30, 2 ** 64 + 5]),
                "thresholds[1]", INT64)
        _raises(ltvcrm.InvalidArgumentError, lambda: config.set_thresholds("recency", [30.5, 90]), "thresholds[0]")
        _raises(ltvcrm.OutOfRangeError, lambda: config.add_preset("x", r=(2 ** 32 + 1, 3)), "r[0]", INT32)
        _raises(ltvcrm.InvalidArgumentError, lambda: config.add_preset("x", m=(1, 2.5)), "m[1]")


def test_segmentation_lookups_and_the_cpo_do_not_wrap(ledger):
    with ledger.segment() as seg:
        _raises(ltvcrm.OutOfRangeError, lambda: seg.customer(2 ** 64 + 1), "customer index", UINT64)
        _raises(ltvcrm.InvalidArgumentError, lambda: seg.customer(1.9), "customer index")
        assert seg.customer(np.int64(1)).orders == 1
        _raises(ltvcrm.OutOfRangeError, lambda: seg.cpo_verdict(2 ** 64 + 100), "cpo", INT64)
        _raises(ltvcrm.InvalidArgumentError, lambda: seg.cpo_verdict(99.5), "cpo")


# ---- planner, matrix, health, CSV options, grader -----------------------------------------

def test_planner_setters_do_not_wrap():
    planner = ltvcrm.Planner.default()
    before = planner.setting("dormant_days")
    _raises(ltvcrm.OutOfRangeError, lambda: planner.configure(dormant_days=2 ** 64 + 90), "dormant_days", INT64)
    _raises(ltvcrm.InvalidArgumentError, lambda: planner.configure(dormant_days="90"), "dormant_days")
    assert planner.setting("dormant_days") == before
    cap = planner.channel("email")["weekly_cap"]
    _raises(ltvcrm.OutOfRangeError, lambda: planner.set_channel("email", weekly_cap=2 ** 64 + 2), "weekly_cap")
    assert planner.channel("email")["weekly_cap"] == cap
    steps = len(planner.scenario(0).steps)
    _raises(ltvcrm.OutOfRangeError,
            lambda: planner.add_step(0, "x", 2 ** 32 + 3, "email", "retention", "review", "content"), "day", INT32)
    assert len(planner.scenario(0).steps) == steps
    _raises(ltvcrm.OutOfRangeError, lambda: planner.update_step(0, 0, min_orders=2 ** 64 + 1), "min_orders")
    _raises(ltvcrm.OutOfRangeError, lambda: planner.scenario(2 ** 64), "scenario")
    _raises(ltvcrm.InvalidArgumentError, lambda: planner.step(0, 0.0), "step")
    _raises(ltvcrm.OutOfRangeError, lambda: planner.place_step(0, 0, [1, -1]), "gap_counts[1]", UINT64)
    _raises(ltvcrm.OutOfRangeError, lambda: planner.update_step(0, 0, stop=2 ** 64), "stop")


def test_matrix_setters_do_not_wrap():
    matrix = ltvcrm.Matrix()
    width = matrix.setting("cell_width")
    _raises(ltvcrm.OutOfRangeError, lambda: matrix.configure(cell_width=2 ** 64 + 20), "cell_width", INT64)
    assert matrix.setting("cell_width") == width
    _raises(ltvcrm.OutOfRangeError, lambda: matrix.set_stage_figures("retention", -1, 100), "customers", UINT64)
    _raises(ltvcrm.OutOfRangeError, lambda: matrix.set_acquisition(10, 2 ** 63), "cpo", INT64)
    _raises(ltvcrm.InvalidArgumentError, lambda: matrix.set_acquisition(10.5, 100), "prospects")

    def set_ltv():
        matrix.ltv = 2 ** 64 + 1

    _raises(ltvcrm.OutOfRangeError, set_ltv, "ltv")
    assert matrix.stage_figures("retention") is None and matrix.acquisition() is None and matrix.ltv is None


def test_health_and_csv_settings_do_not_wrap():
    with ltvcrm.HealthConfig() as config:
        before = config["churn_short_days"]
        _raises(ltvcrm.OutOfRangeError, lambda: config.__setitem__("churn_short_days", 2 ** 64 + 60),
                "churn_short_days", INT64)
        assert config["churn_short_days"] == before
    _raises(ltvcrm.OutOfRangeError, lambda: ltvcrm.CsvOptions(decimals=2 ** 64 + 2), "decimals", INT64)
    # int() used to turn 2.5 into 2
    _raises(ltvcrm.InvalidArgumentError, lambda: ltvcrm.CsvOptions(decimals=2.5), "decimals")
    assert ltvcrm.CsvOptions(decimals=0, strict=True)["strict"] is True


def test_grader_numbers_do_not_wrap():
    # 2**32 + 1 would arrive as question 1
    _raises(ltvcrm.OutOfRangeError, lambda: ltvcrm.grader.question(2 ** 32 + 1), "question number", INT32)
    _raises(ltvcrm.InvalidArgumentError, lambda: ltvcrm.grader.question(1.0), "question number")
    grade = ltvcrm.grade("AABCDAABBA")
    _raises(ltvcrm.OutOfRangeError, lambda: grade.answer(2 ** 32 + 1), "question number")
    assert ltvcrm.grader.question(np.int64(1)) == ltvcrm.grader.question(1)
