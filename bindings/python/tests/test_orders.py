"""Shop exports through the C loader: orders from lines, statuses, refunds, guests, occasions,
the load checks and the report's accounting (docs/orders-from-lines.md). The fixture and its
figures are those of tests/cli/run_orders.sh, so the tool, C, Python and Ruby agree."""

import pytest

import ltvcrm
from ltvcrm import Guests, RowErrorReason, StatusRule

LINES = ("order_id,customer_id,order_date,amount,order_total,status,refund\n"
         "1001,A,2026-01-05,1000,3500,paid,\n"
         "1002,0,2026-01-05,2000,2000,paid,\n"
         "1001,A,2026-01-05,2500,,,\n"
         "1003,B,2026-01-06,900,900,cancelled,\n"
         "1004,B,2026-01-07,1200,1200,partially_refunded,300\n"
         "1005,B,2026-01-08,700,700,キャンセル,\n"
         "1006,A,2026-01-05,800,800,発送済み,\n")
COLUMNS = {"order_id": "order_id", "order_total": "order_total", "status": "status", "refund_amount": "refund"}


def accounted(report):
    assert report.rows_read == report.rows_taken + report.rows_excluded + report.rows_rejected
    assert sum(report.rejected_for.values()) == report.rows_rejected
    assert sum(report.excluded.values()) + report.no_customer_rows == report.rows_excluded
    return report


def test_orders_from_lines_with_statuses_refunds_and_guests():
    with ltvcrm.Ledger() as ledger:
        report = accounted(ledger.load_csv_buffer(LINES, decimals=0, columns=COLUMNS, guests="no_customer"))
        s = ledger.summary()
        assert (s.customers, s.orders, s.gross_revenue, s.revenue) == (2, 3, 5500, 5200)
        assert s.gross_revenue - s.revenue == 300  # refunded
        assert (report.rows_read, report.rows_taken, report.rows_excluded, report.rows_rejected) == (7, 4, 3, 0)
        assert (report.orders, report.order_lines) == (3, 4)
        assert report.excluded == {"cancelled": 1, "キャンセル": 1}
        assert (report.no_customer_rows, report.no_customer_orders, report.no_customer_amount) == (1, 1, 2000)


def test_occasions_and_guests_as_ids():
    with ltvcrm.Ledger() as ledger:
        accounted(ledger.load_csv_buffer(LINES, decimals=0, columns=COLUMNS, guests=Guests.NO_CUSTOMER,
                                         occasions=True))
        s = ledger.summary()
        assert (s.customers, s.orders, s.revenue) == (2, 2, 5200)
    with ltvcrm.Ledger() as ledger:
        accounted(ledger.load_csv_buffer(LINES, decimals=0, columns=COLUMNS))  # 1.0: "0" is a customer
        assert (ledger.summary().customers, ledger.summary().orders) == (3, 4)


def test_status_mapping_and_vocabulary():
    assert ltvcrm.status_rule_of("発送済み") is StatusRule.COUNTED
    assert ltvcrm.status_rule_of("wc-cancelled") is StatusRule.EXCLUDED
    assert ltvcrm.status_rule_of("Partially refunded") is StatusRule.PARTLY_REFUNDED
    assert ltvcrm.status_rule_of("mystery") is None
    options = ltvcrm.CsvOptions(decimals=0, columns=COLUMNS, statuses={"cancelled": "counted"}, guests="no_customer")
    with options, ltvcrm.Ledger() as ledger:
        assert options.status_rule("Cancelled") is StatusRule.COUNTED
        assert options["guests"] is Guests.NO_CUSTOMER
        accounted(ledger.load_csv_buffer(LINES, options))
        assert ledger.summary().orders == 4
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.CsvOptions(statuses={"x": "maybe"})


def test_conflicting_lines_and_checks():
    text = "order_id,customer_id,order_date,amount\n1,A,2026-01-05,100\n1,A,2026-01-06,100\n"
    with ltvcrm.Ledger() as ledger:
        report = accounted(ledger.load_csv_buffer(text, decimals=0, columns={"order_id": "order_id"}))
        assert [(e.line, e.column, e.reason) for e in report.errors] == [(3, 3, RowErrorReason.ORDER_CONFLICT)]
        assert report.rejected_for == {RowErrorReason.ORDER_CONFLICT: 1}
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.ValidationError) as caught:
            ledger.load_csv_buffer(text, decimals=0, columns={"order_id": "order_id"}, checks=True)
        assert "were rejected, more than the 5.0 % allowed" in str(caught.value)
        assert caught.value.report.rows_rejected == 1 and len(ledger) == 0
        report = ledger.load_csv_buffer(text, decimals=0, columns={"order_id": "order_id"}, checks=True,
                                        max_rejected_bp=5000)
        assert report.rows_taken == 1


def test_guests_by_email_and_placeholders():
    text = "customer_id,email,order_date,amount\nM1,m@x.jp,2026-01-05,100\n0,G@X.jp,2026-01-05,200\n" \
           "-,g@x.jp,2026-01-06,300\nNONE,n@x.jp,2026-01-06,50\n"
    with ltvcrm.Ledger() as ledger:
        accounted(ledger.load_csv_buffer(text, decimals=0, columns={"email": "email"}, guests="by_email",
                                         no_customer_ids=["0", "-", "NONE"]))
        assert sorted(ledger) == ["M1", "g@x.jp", "n@x.jp"]
        assert ledger.facts("g@x.jp", "2026-02-01").orders == 2


def test_platform_events_from_csv(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(b"customer_id,event,date\r\nV1,cart_created,2026-06-14\rV2,view,2026-06-14\n")
    with ltvcrm.PlatformEvents() as events:
        events.load_csv(path)
        assert len(events) == 2
    path.write_bytes(b"customer_id,event,date\nV1,abandoned,2026-06-14\n")
    with ltvcrm.PlatformEvents() as events, pytest.raises(ltvcrm.ParseError, match="line 2, column 2"):
        events.load_csv(path)
