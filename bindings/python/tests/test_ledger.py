"""The ledger: single and bulk adds, facts, totals, customers, merging, closing."""

import datetime as dt

import numpy as np
import pytest

import ltvcrm
from ltvcrm import EventKind


def docs_example():
    """Customer A from docs/ledger.md, plus B with one order."""
    ledger = ltvcrm.Ledger()
    ledger.add_order("A", "2025-01-10", 1000)
    ledger.add_order("A", "2025-01-10", 500)
    ledger.add_order("A", "2025-06-01", 3000, items=3)
    ledger.add_refund("A", "2025-06-05", 400)
    ledger.add_order("A", "2026-02-01", 2000)
    ledger.add_order("B", dt.date(2026, 2, 20), 700, items=2)
    return ledger


def test_facts_of_the_documented_example():
    with docs_example() as ledger:
        facts = ledger.facts("A", as_of="2026-03-01")
    assert facts.as_of == dt.date(2026, 3, 1)
    assert (facts.first_order_day, facts.second_order_day, facts.last_order_day) == (
        dt.date(2025, 1, 10), dt.date(2025, 1, 10), dt.date(2026, 2, 1))
    assert (facts.orders, facts.amount, facts.items) == (4, 6100, 6)
    assert (facts.tenure_days, facts.recency_days) == (387, 28)
    assert (facts.year_orders, facts.year_amount) == (2, 4600)
    assert (facts.refunds, facts.refund_amount) == (1, 400)
    assert facts.cancel_day is None and facts.first_event_day == dt.date(2025, 1, 10)


def test_facts_only_count_days_before_as_of():
    with docs_example() as ledger:
        facts = ledger.facts(0, as_of="2025-06-01")  # the 2025-06-01 order is not yet in
        assert (facts.orders, facts.amount, facts.last_order_day) == (2, 1500, dt.date(2025, 1, 10))
        assert ledger.facts("B", "2026-01-01").orders == 0
        assert ledger.facts("B", "2026-01-01").first_order_day is None


def test_summary_defaults_to_the_day_after_the_last_event():
    with docs_example() as ledger:
        summary = ledger.summary()
    assert summary.as_of == dt.date(2026, 2, 21)
    assert (summary.customers, summary.repeat_customers, summary.orders, summary.refunds) == (2, 1, 5, 1)
    assert (summary.revenue, summary.gross_revenue, summary.items) == (6800, 7200, 8)
    assert (summary.first_day, summary.last_day) == (dt.date(2025, 1, 10), dt.date(2026, 2, 20))
    assert summary.repeat_rate == 0.5 and summary.average_order_value == 7200 / 5


def test_counts_and_range():
    with docs_example() as ledger:
        assert (len(ledger), ledger.customer_count, ledger.event_count, ledger.order_count) == (2, 2, 6, 5)
        assert ledger.revenue == 6800
        assert ledger.day_range() == (dt.date(2025, 1, 10), dt.date(2026, 2, 20))
    with ltvcrm.Ledger() as empty:
        assert empty.day_range() is None and len(empty) == 0
        with pytest.raises(ltvcrm.StateError):
            empty.summary()


def test_events_in_canonical_order():
    with docs_example() as ledger:
        events = ledger.events("A")
    assert [e.day for e in events] == sorted(e.day for e in events)
    assert events[3] == ltvcrm.Event(EventKind.REFUND, dt.date(2025, 6, 5), -400, 0)
    assert sum(e.amount for e in events) == 6100


def test_customers_iteration_lookup_and_ids():
    with docs_example() as ledger:
        ledger.add_visit("会員C", "2026-01-01")
        assert list(ledger) == ["A", "B", "会員C"]
        assert [c.index for c in ledger.customers()] == [0, 1, 2]
        assert [c.id for c in ledger.customers()] == ["A", "B", "会員C"]
        assert ledger.find("会員C") == 2 and "B" in ledger and "Z" not in ledger
        assert ledger.customer("B").facts().orders == 1
        assert ledger.customer_ids().tolist() == ["A", "B", "会員C"]
        with pytest.raises(ltvcrm.NotFoundError) as info:
            ledger.find("Z")
        assert isinstance(info.value, LookupError)
        with pytest.raises(ltvcrm.OutOfRangeError):
            ledger.customer_id(3)


def test_every_kind_and_its_checks():
    with ltvcrm.Ledger() as ledger:
        ledger.add_event("M", "2026-01-01", 5000, kind="order")
        ledger.add_event("M", "2026-01-02", -300, kind=EventKind.REFUND)
        ledger.add_visit("M", "2026-01-03")
        ledger.add_cancel("M", "2026-01-04")
        facts = ledger.facts("M")
        assert (facts.amount, facts.refund_amount, facts.visits, facts.cancel_day) == (4700, 300, 1, dt.date(2026, 1, 4))
        with pytest.raises(ltvcrm.InvalidArgumentError):
            ledger.add_event("M", "2026-01-01", kind="gift")
        with pytest.raises(ltvcrm.InvalidArgumentError):
            ledger.add_event("M", "2026-01-01", kind=9)
        with pytest.raises(ltvcrm.OutOfRangeError):
            ledger.add_event("M", "2026-01-01", 100, kind="visit")  # visits carry no money
        with pytest.raises(ltvcrm.OutOfRangeError):
            ledger.add_order("x" * 1025, "2026-01-01", 1)
        with pytest.raises(ltvcrm.InvalidArgumentError):
            ledger.add_order(42, "2026-01-01", 1)
        assert ledger.event_count == 4


def test_bulk_from_lists_equals_single_adds(log_rows):
    one = ltvcrm.Ledger()
    for cid, day, amount, items, kind in log_rows:
        one.add_event(cid, day, amount, items, kind)
    ids, days, amounts, items, kinds = (list(col) for col in zip(*log_rows))
    bulk = ltvcrm.Ledger.from_columns(ids, days, amounts, items, kinds)
    assert list(bulk) == list(one)
    assert bulk.summary() == one.summary()
    assert [bulk.facts(i) for i in range(len(bulk))] == [one.facts(i) for i in range(len(one))]


@pytest.mark.parametrize("id_form", ["U", "S", "object", "pandas", "wide"])
def test_bulk_from_numpy_equals_lists(log_rows, id_form):
    ids, days, amounts, items, kinds = (list(col) for col in zip(*log_rows))
    expected = ltvcrm.Ledger.from_columns(ids, days, amounts, items, kinds)
    if id_form == "U":
        id_col = np.array(ids)
    elif id_form == "S":
        id_col = np.char.encode(np.array(ids), "utf-8")
    elif id_form == "object":
        id_col = np.array(ids, dtype=object)
    elif id_form == "wide":  # wider than the 1024-byte record limit: goes through offsets
        id_col = np.char.encode(np.array(ids), "utf-8").astype("S2000")
    else:
        pd = pytest.importorskip("pandas")
        id_col = pd.Series(ids)
    day_col = np.array(days, dtype="datetime64[D]")
    ledger = ltvcrm.Ledger()
    assert ledger.add_events(id_col, day_col, np.array(amounts), np.array(items, dtype=np.int64),
                             np.array(kinds)) == len(ids)
    assert list(ledger) == list(expected)
    assert [ledger.facts(i) for i in range(len(ledger))] == [expected.facts(i) for i in range(len(expected))]


@pytest.mark.parametrize("ids", [
    np.array(["a\x00b", "c", "a\x00b"], dtype=object),   # a NUL inside an id: encoded one by one
    np.array([b"a\x00b", b"c", b"a\x00b"], dtype=object),
    np.array(["a\x00b", "c", b"a\x00b"], dtype=object),   # mixed str and bytes
])
def test_bulk_ids_that_defeat_the_joined_encoding(ids):
    with ltvcrm.Ledger() as ledger:
        ledger.add_events(ids, np.array([1, 2, 3]), np.array([10, 20, 30]))
        assert list(ledger) == ["a\x00b", "c"] and ledger.facts("a\x00b", 5).amount == 40


def test_bulk_ids_that_are_not_text_name_the_row():
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(np.array(["a", None, "c"], dtype=object), np.array([1, 2, 3]))
        assert "customer_ids[1]" in info.value.message
        with pytest.raises(ltvcrm.InvalidArgumentError):
            ledger.add_events(np.array([1.5, 2.5]), np.array([1, 2]))
        assert ledger.event_count == 0


def test_bulk_defaults_orders_zero_amount_one_item():
    with ltvcrm.Ledger() as ledger:
        ledger.add_events(np.array(["a", "b", "a"]), np.array([10, 11, 12], dtype=np.int32))
        facts = ledger.facts("a", 100)
        assert (facts.orders, facts.amount, facts.items) == (2, 0, 2)


def test_bulk_accepts_integer_days_and_integral_floats():
    with ltvcrm.Ledger() as ledger:
        ledger.add_events(np.array(["a"]), np.array([20000], dtype=np.int64), np.array([1980.0]),
                          kinds=np.array([0], dtype=np.uint8))
        assert ledger.revenue == 1980


def test_bulk_rejects_the_whole_batch_and_names_the_row():
    with ltvcrm.Ledger() as ledger:
        ids = np.array(["a", "b", "", "d"])
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(ids, np.arange(4, dtype=np.int32), np.array([1, 2, 3, 4]))
        assert "row 2" in info.value.message and "empty" in info.value.message
        assert len(ledger) == 0 and ledger.event_count == 0
        with pytest.raises(ltvcrm.OutOfRangeError) as info:
            ledger.add_events(["a", "b"], [1, 2], [5, -5])
        assert "row 1" in info.value.message
        assert ledger.event_count == 0


def test_bulk_conversion_errors_name_the_column_and_row():
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(["a", "b"], [1, 2], [1, 2, 3])
        assert "amounts has 3 rows" in info.value.message
        with pytest.raises(ltvcrm.OutOfRangeError) as info:
            ledger.add_events(np.array(["a", "b"]), np.array([1, 2 ** 40]))
        assert "days[1]" in info.value.message
        with pytest.raises(ltvcrm.OutOfRangeError) as info:
            ledger.add_events(np.array(["a"]), np.array(["NaT"], dtype="datetime64[D]"))
        assert "NaT" in info.value.message
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(np.array(["a", "b"]), np.array([1, 2]), np.array([1.0, 2.5]))
        assert "amounts[1]" in info.value.message
        with pytest.raises(ltvcrm.OutOfRangeError) as info:
            ledger.add_events(np.array(["a", "b"]), np.array([1, 2]), items=np.array([1, 2 ** 33]))
        assert "items[1]" in info.value.message
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(np.array(["a"]), np.array([1]), kinds=np.array(["gift"]))
        assert "gift" in info.value.message
        with pytest.raises(ltvcrm.InvalidArgumentError) as info:
            ledger.add_events(["a", "b"], [1, 2], [1, "x"])
        assert "amounts[1]" in info.value.message
        with pytest.raises(ltvcrm.ParseError):
            ledger.add_events(["a"], ["yesterday"])
        assert ledger.event_count == 0


def test_bulk_of_nothing_adds_nothing():
    with ltvcrm.Ledger() as ledger:
        assert ledger.add_events([], []) == 0
        assert ledger.add_events(np.array([], dtype="S4"), np.array([], dtype=np.int32)) == 0


def test_merge_equals_one_ledger(log_rows):
    whole = ltvcrm.Ledger.from_columns(*map(list, zip(*log_rows)))
    first = ltvcrm.Ledger.from_columns(*map(list, zip(*log_rows[:1000])))
    second = ltvcrm.Ledger.from_columns(*map(list, zip(*log_rows[1000:])))
    first.merge(second)
    assert first.summary() == whole.summary()
    assert {cid: first.facts(cid) for cid in first} == {cid: whole.facts(cid) for cid in whole}
    assert second.event_count == len(log_rows) - 1000  # the source is not changed
    with pytest.raises(ltvcrm.InvalidArgumentError):
        first.merge(first)


def test_reserve_and_prepare():
    with ltvcrm.Ledger(reserve_customers=100, reserve_events=1000) as ledger:
        ledger.add_order("a", 1, 1)
        ledger.prepare()
        assert ledger.facts("a", 2).orders == 1
        with pytest.raises(ltvcrm.OutOfRangeError):
            ledger.reserve(2 ** 40, 0)


def test_closed_ledger_raises_state_error():
    ledger = docs_example()
    with ledger:
        pass
    assert ledger.closed
    with pytest.raises(ltvcrm.StateError) as info:
        len(ledger)
    assert "closed" in info.value.message
    ledger.close()  # twice is fine
    assert repr(ledger) == "<ltvcrm.Ledger closed>"
