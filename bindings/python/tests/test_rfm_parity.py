"""The numbers analysts check us against: R rfm 0.3.0's vignette and PyMC-Marketing's TestRFM,
through the binding; segments that share a name; membership activity."""

import datetime
import os

import pytest

import ltvcrm
from conftest import REPO

DATA = os.path.join(REPO, "tests", "data")

VIGNETTE = {"Champions": 35, "Potential Loyalist": 342, "Loyal Customers": 170, "Promising": 9,
            "New Customers": 104, "Can't Lose Them": 47, "At Risk": 28, "Need Attention": 10,
            "About To Sleep": 102, "Lost": 148, "Others": 0}


def test_r_rfm_vignette_counts():
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(os.path.join(DATA, "rfm_data_orders.csv"), decimals=0, columns={"amount": "revenue"})
        seg = ledger.segment("2006-12-31", rfm_mode="r-rfm", rfm_bins=5, table="r-rfm")
        assert seg.segment_customers() == VIGNETTE
        assert seg.thresholds("recency") == pytest.approx([115, 181, 297.4, 482])
        assert seg.thresholds("frequency") == [4, 5, 6, 8]


def test_r_rfm_one_to_five_orders():
    with ltvcrm.Ledger() as ledger:
        for c in range(5):
            for k in range(c + 1):
                ledger.add_order(f"c{c + 1}", datetime.date(2026, 10, 1 + k), 100)
        seg = ledger.segment("2026-11-01", rfm_mode="r-rfm", table="r-rfm")
        assert [seg.customer(f"c{c}").f for c in range(1, 6)] == [1, 1, 2, 3, 4]


PYMC_EXPECTED = ["Other", "Inactive Customer", "At Risk Customer", "Premium Customer", "Repeat Customer",
                 "Top Spender"]


def pymc_ledger():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(os.path.join(DATA, "pymc_test_rfm.csv"), decimals=0)
    return ledger


def test_pymc_test_rfm_segmentation_config():
    with pymc_ledger() as ledger:
        seg = ledger.segment("2015-02-07", rfm_mode="pymc", rfm_bins=4, table="pymc")
        assert [seg.find(str(i)).r * 100 + seg.find(str(i)).f * 10 + seg.find(str(i)).m for i in range(1, 7)] == \
            [421, 111, 132, 434, 233, 314]
        labels = list(seg.labels("segment"))
        assert [labels[ledger.find(str(i))] for i in range(1, 7)] == PYMC_EXPECTED
        custom = ledger.segment("2015-02-07", rfm_mode="pymc", rfm_bins=4,
                                table_text="Test Segment: codes=111,222,333,444\nOther: other\n")
        assert custom.segment_customers() == {"Test Segment": 1, "Other": 5}


def test_shared_names_lose_no_customer():
    """A table whose segments have several entries (the pymc code lists): every customer counted
    once under its segment's name, and to_pandas works."""
    with pymc_ledger() as ledger:
        seg = ledger.segment("2015-02-07", rfm_mode="pymc", rfm_bins=4, table="pymc")
        assert len(seg.preset_names()) == 47  # 46 codes and "Other"
        counts = seg.preset_customers()
        assert sum(counts.values()) == len(seg) == 6
        assert counts == {"Premium Customer": 1, "Repeat Customer": 1, "Top Spender": 1, "At Risk Customer": 1,
                          "Inactive Customer": 1, "Other": 1}
        pd = pytest.importorskip("pandas")
        frame = seg.to_pandas().set_index("customer_id")
        assert list(frame.loc[[str(i) for i in range(1, 7)], "segment"]) == PYMC_EXPECTED
        assert isinstance(frame["segment"].dtype, pd.CategoricalDtype)


def test_segment_table_errors_name_line_and_column(tmp_path):
    config = ltvcrm.SegmentConfig()
    with pytest.raises(ltvcrm.ParseError, match="line 2, column 11: expected ':'"):
        config.load_table("A: r=5\nBroken r=1\n")
    path = tmp_path / "table.txt"
    path.write_text("Best | 最良: r=5 f=5\nRest: other\n", encoding="utf-8")
    config.load_table_file(path)
    assert "r-rfm" in ltvcrm.segment_tables()
    assert "Champions | チャンピオン: r=5 f=5 m=5" in ltvcrm.segment_table_text("r-rfm")
    with pytest.raises(ltvcrm.NotFoundError):
        config.use_table("nope")


def test_membership_activity_and_cancel():
    with ltvcrm.Ledger() as ledger:
        ledger.add_order("core", datetime.date(2026, 1, 5), 60000)
        for d in range(1, 30, 4):
            ledger.add_visit("core", datetime.date(2026, 10, d))
        ledger.add_order("quit", datetime.date(2026, 9, 20), 5000)
        ledger.add_visit("quit", datetime.date(2026, 10, 20))
        ledger.add_event("quit", datetime.date(2026, 10, 25), kind="cancel")
        assert ledger.visit_count == 9
        seg = ledger.segment("2026-11-01")
        assert seg.find("core").state == ltvcrm.State.NEW
        assert seg.find("quit").state == ltvcrm.State.DORMANT
        assert ledger.segment("2026-11-01", activity="orders").find("core").state == ltvcrm.State.DORMANT
        config = ltvcrm.SegmentConfig(dormant_days=120, activity="visits")
        grade = ltvcrm.grade("AAAAAAAAAA").attach_ledger(ledger, "2026-11-01", config=config)
        assert grade.figure("state_dormant") == 1


def test_customer_table_from_aggregates(tmp_path):
    """Customer-level input (R's rfm_table_customer): the aggregates of rfm_data_orders give the
    vignette's counts; a file with bad rows reports each one."""
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(os.path.join(DATA, "rfm_data_orders.csv"), decimals=0, columns={"amount": "revenue"})
        table = ltvcrm.CustomerTable()
        for i in range(len(ledger)):
            facts = ledger.customer(i).facts("2006-12-31")
            table.add(ledger.customer_id(i), facts.orders, facts.amount, recency_days=facts.recency_days)
        seg = table.segment("2006-12-31", rfm_mode="r-rfm", table="r-rfm")
        assert seg.segment_customers() == VIGNETTE
        assert seg.find("Brion Stark").rank == ltvcrm.Rank.NONE
    path = tmp_path / "customers.csv"
    path.write_text("id,orders,last_order_date,revenue\na,3,2026-10-01,900\nb,x,2026-10-01,1\na,1,2026-09-01,5\n")
    table = ltvcrm.CustomerTable()
    report = table.load_csv(path, decimals=0, columns={"customer_id": "id"})
    assert (report.rows_taken, report.rows_rejected) == (1, 2)
    assert [(e.line, e.column) for e in report.errors] == [(3, 2), (4, 1)]
    assert table.segment("2026-11-01").find("a").recency_days == 31
