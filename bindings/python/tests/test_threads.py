"""ltvcrm.set_threads / get_threads, and results that do not depend on the number of threads.

The library splits work only above a size (lib/: organizing a ledger from 100,000 events,
segmenting and the health check from 200,000 customers; the CSV loader's second thread at
any size), so the ledger here has 210,000 customers: with fewer, 1 and 2 threads would run
the same code and the comparison could not fail.
"""

import numpy as np
import pytest

import ltvcrm

CUSTOMERS = 210_000


@pytest.fixture(autouse=True)
def restore_threads():
    before = ltvcrm.get_threads()
    yield
    ltvcrm.set_threads(before)


def test_set_and_get():
    assert 1 <= ltvcrm.get_threads() <= 64
    for n in (1, 2, 64):
        ltvcrm.set_threads(n)
        assert ltvcrm.get_threads() == n
    ltvcrm.set_threads(np.int64(3))
    assert ltvcrm.get_threads() == 3


@pytest.mark.parametrize("bad", [0, -1, 65, 2 ** 32 + 1])
def test_out_of_bounds_is_out_of_range_and_changes_nothing(bad):
    ltvcrm.set_threads(2)
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        ltvcrm.set_threads(bad)  # 2**32 + 1 would arrive as 1
    assert str(bad) in info.value.message
    assert ltvcrm.get_threads() == 2


@pytest.mark.parametrize("bad", [1.0, "2", None, True])
def test_not_a_whole_number_is_invalid(bad):
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.set_threads(bad)


def _columns(rng_seed=11):
    """A deterministic log: every customer orders once, then 120,000 more events of every kind."""
    rng = np.random.default_rng(rng_seed)
    ids = np.array([f"C{i:06d}" for i in range(CUSTOMERS)], dtype="S7")
    extra = 120_000
    who = np.concatenate([np.arange(CUSTOMERS), rng.integers(0, CUSTOMERS, extra)])
    kinds = np.concatenate([np.zeros(CUSTOMERS, np.uint8),
                            rng.choice(np.array([0, 1, 2, 3], np.uint8), extra, p=[0.8, 0.08, 0.1, 0.02])])
    days = rng.integers(19000, 20200, len(who)).astype(np.int32)
    amounts = np.where(kinds <= 1, rng.integers(100, 30000, len(who)), 0).astype(np.int64)
    items = np.where(kinds == 0, rng.integers(0, 5, len(who)), 0).astype(np.int32)
    return ids[who], days, amounts, items, kinds


def _results(columns) -> dict:
    """Everything the threaded passes compute, from a ledger built under the current setting."""
    with ltvcrm.Ledger.from_columns(*columns) as ledger:
        ledger.prepare()
        as_of = ledger.default_as_of()
        out = {"summary": ledger.summary(as_of), "events": ledger.events(12_345),
               "facts": [ledger.facts(i, as_of) for i in (0, 7, 99_999, CUSTOMERS - 1)]}
        with ledger.segment(as_of) as seg:
            out["columns"] = {name: np.array(col) for name, col in seg.columns().items()}
            out["states"], out["ranks"] = seg.state_stats(), seg.rank_stats()
            out["ltv"] = seg.ltv_summary()
            out["thresholds"] = [seg.thresholds(m) for m in ltvcrm.RfmMetric]
            out["health"] = ledger.health_check(as_of, seg).to_json()
    return out


def test_a_large_ledger_gives_the_same_results_on_1_and_2_threads():
    columns = _columns()
    ltvcrm.set_threads(1)
    one = _results(columns)
    ltvcrm.set_threads(2)
    two = _results(columns)
    assert len(one["columns"]["state"]) == CUSTOMERS
    for name, col in one["columns"].items():
        assert np.array_equal(col, two["columns"][name]), name
    for key in ("summary", "facts", "events", "states", "ranks", "ltv", "thresholds", "health"):
        assert one[key] == two[key], key


def _csv(path, customers=3000, rows=20_000):
    rng = np.random.default_rng(5)
    customer = np.concatenate([np.arange(customers), rng.integers(0, customers, rows - customers)])
    with open(path, "w", encoding="utf-8") as out:
        out.write("customer_id,order_date,amount,items\n")
        for who, day, amount, items in zip(customer, rng.integers(19000, 20200, rows),
                                           rng.integers(100, 50000, rows), rng.integers(1, 4, rows)):
            out.write(f"会員{who:05d},{ltvcrm.format_day(int(day))},{amount},{items}\n")
        out.write("bad row,2026-13-01,1,1\n")


def _loaded(path) -> dict:
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv(path, decimals=0)
        with ledger.segment() as seg:
            return {"report": report, "ids": list(ledger), "summary": ledger.summary(),
                    "columns": {name: np.array(col) for name, col in seg.columns().items()}}


def test_a_csv_load_gives_the_same_ledger_on_1_and_2_threads(tmp_path):
    path = tmp_path / "orders.csv"
    _csv(path)
    ltvcrm.set_threads(1)
    one = _loaded(path)
    ltvcrm.set_threads(2)
    two = _loaded(path)
    assert one["report"].rows_taken == 20_000 and one["report"].rows_rejected == 1
    assert len(one["ids"]) == 3000
    assert one["report"] == two["report"] and one["ids"] == two["ids"] and one["summary"] == two["summary"]
    for name, col in one["columns"].items():
        assert np.array_equal(col, two["columns"][name]), name
