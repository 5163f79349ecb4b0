"""The bindings give the C library's own results: compared with bindings/reference/ltv_reference.c."""

import numpy as np
import pytest

import ltvcrm
from conftest import SAMPLE_CSV

FACTS = ["first_order_day", "second_order_day", "last_order_day", "orders", "amount", "items", "tenure_days",
         "recency_days", "year_orders", "refunds", "year_amount", "refund_amount", "visits", "year_visits",
         "first_event_day", "cancel_day"]
SEGMENT = ["state", "rank", "r", "f", "m", "preset", "flags", "recency_days", "orders", "annual_ltv", "lifetime_ltv"]
GROUP = ["customers", "customer_share", "revenue", "revenue_share", "year_revenue", "orders", "year_orders",
         "average_ltv", "active_years", "orders_per_year", "average_order_value"]
LTV = ["basis", "customers", "average_ltv", "core_customers", "core_threshold", "core_revenue_share",
       "continuing_customers", "continuing_average_ltv", "churned_customers", "churned_average_ltv", "retention_value",
       "top_excellent_customers", "top_excellent_threshold", "high_ltv_general_customers",
       "high_ltv_general_threshold"]


def number(text):
    return float(text) if any(c in text for c in ".en") else int(text)


def day_number(value):
    return ltvcrm.NO_DAY if value is None else ltvcrm.to_day(value)


def python_lines(ledger):
    """The reference program's lines, computed through the bindings."""
    summary = ledger.summary()
    lines = [["summary", ltvcrm.to_day(summary.as_of), summary.customers, summary.repeat_customers, summary.orders,
              summary.refunds, summary.visits, summary.cancels, summary.revenue, summary.gross_revenue, summary.items,
              day_number(summary.first_day), day_number(summary.last_day)]]
    with ledger.segment() as seg:
        columns = seg.columns()
        for i, cid in enumerate(ledger):
            facts = ledger.facts(i)
            values = [day_number(getattr(facts, f)) if f.endswith("_day") else getattr(facts, f) for f in FACTS]
            lines.append(["customer", cid, *values, *(int(columns[c][i]) for c in SEGMENT)])
        for kind, stats in (("state", seg.state_stats()), ("rank", seg.rank_stats())):
            for group, values in enumerate(stats.values()):
                lines.append([kind, group, *(values[g] for g in GROUP)])
        ltv = seg.ltv_summary()
        lines.append(["ltv", *(int(ltv[k]) if k == "basis" else ltv[k] for k in LTV)])
    return lines


def c_lines(reference, path, decimals):
    return [[row[0], row[1] if row[0] == "customer" else number(row[1]), *map(number, row[2:])]
            for row in reference(path, decimals)]


def test_sample_file_equals_the_c_results(reference):
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(SAMPLE_CSV, decimals=0)
        assert python_lines(ledger) == c_lines(reference, SAMPLE_CSV, 0)


def test_every_kind_of_event_equals_the_c_results(reference, log_csv):
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(log_csv, decimals=0)
        assert python_lines(ledger) == c_lines(reference, log_csv, 0)


def test_numpy_bulk_path_equals_the_c_csv_path(reference, log_csv, log_rows):
    ids, days, amounts, items, kinds = zip(*log_rows)
    with ltvcrm.Ledger() as ledger:
        ledger.add_events(np.array(ids), np.array(days, dtype="datetime64[D]"), np.array(amounts),
                          np.array(items), np.array(kinds))
        assert python_lines(ledger) == c_lines(reference, log_csv, 0)


def test_the_comparison_can_fail(reference, log_csv, log_rows):
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(log_csv, decimals=0)
        ledger.add_order(log_rows[0][0], log_rows[0][1], 1)  # one yen more for one customer
        with pytest.raises(AssertionError):
            assert python_lines(ledger) == c_lines(reference, log_csv, 0)
