# frozen_string_literal: true

require_relative "helper"

# Shop exports through the C loader (docs/orders-from-lines.md): the fixture and figures of
# tests/cli/run_orders.sh and bindings/python/tests/test_orders.py.
class TestOrders < Minitest::Test
  include TestSupport

  LINES = "order_id,customer_id,order_date,amount,order_total,status,refund\n" \
          "1001,A,2026-01-05,1000,3500,paid,\n1002,0,2026-01-05,2000,2000,paid,\n1001,A,2026-01-05,2500,,,\n" \
          "1003,B,2026-01-06,900,900,cancelled,\n1004,B,2026-01-07,1200,1200,partially_refunded,300\n" \
          "1005,B,2026-01-08,700,700,キャンセル,\n1006,A,2026-01-05,800,800,発送済み,\n"
  COLUMNS = { order_id: "order_id", order_total: "order_total", status: "status", refund_amount: "refund" }.freeze

  def accounted(report)
    assert_equal report.rows_read, report.rows_taken + report.rows_excluded + report.rows_rejected
    assert_equal report.rows_rejected, report.rejected_for.values.sum
    assert_equal report.rows_excluded, report.excluded.values.sum + report.no_customer_rows
    report
  end

  def test_orders_from_lines_with_statuses_refunds_and_guests
    Ltvcrm::Ledger.open do |ledger|
      report = accounted(ledger.load_csv_buffer(LINES, decimals: 0, columns: COLUMNS, guests: :no_customer))
      s = ledger.summary
      assert_equal [2, 3, 5500, 5200], [s.customers, s.orders, s.gross_revenue, s.revenue]
      assert_equal [7, 4, 3, 0], [report.rows_read, report.rows_taken, report.rows_excluded, report.rows_rejected]
      assert_equal [3, 4], [report.orders, report.order_lines]
      assert_equal({ "cancelled" => 1, "キャンセル" => 1 }, report.excluded)
      assert_equal [1, 1, 2000], [report.no_customer_rows, report.no_customer_orders, report.no_customer_amount]
    end
  end

  def test_occasions_and_guests_as_ids
    Ltvcrm::Ledger.open do |ledger|
      accounted(ledger.load_csv_buffer(LINES, decimals: 0, columns: COLUMNS, guests: :no_customer, occasions: true))
      assert_equal [2, 2, 5200], [ledger.summary.customers, ledger.summary.orders, ledger.summary.revenue]
    end
    Ltvcrm::Ledger.open do |ledger|
      accounted(ledger.load_csv_buffer(LINES, decimals: 0, columns: COLUMNS))
      assert_equal [3, 4], [ledger.summary.customers, ledger.summary.orders]
    end
  end

  def test_status_mapping_and_vocabulary
    assert_equal :counted, Ltvcrm.status_rule_of("発送済み")
    assert_equal :excluded, Ltvcrm.status_rule_of("wc-cancelled")
    assert_equal :partly_refunded, Ltvcrm.status_rule_of("Partially refunded")
    assert_nil Ltvcrm.status_rule_of("mystery")
    options = Ltvcrm::CsvOptions.new(decimals: 0, columns: COLUMNS, statuses: { "cancelled" => :counted },
                                     guests: :no_customer)
    assert_equal :counted, options.status_rule("Cancelled")
    assert_equal :no_customer, options[:guests]
    Ltvcrm::Ledger.open do |ledger|
      accounted(ledger.load_csv_buffer(LINES, options))
      assert_equal 4, ledger.summary.orders
    end
    options.close
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::CsvOptions.new(statuses: { "x" => :maybe }) }
  end

  def test_conflicting_lines_and_checks
    text = "order_id,customer_id,order_date,amount\n1,A,2026-01-05,100\n1,A,2026-01-06,100\n"
    Ltvcrm::Ledger.open do |ledger|
      report = accounted(ledger.load_csv_buffer(text, decimals: 0, columns: { order_id: "order_id" }))
      assert_equal [[3, 3, :order_conflict]], report.errors.map { |e| [e.line, e.column, e.reason] }
    end
    Ltvcrm::Ledger.open do |ledger|
      error = assert_raises(Ltvcrm::ValidationError) do
        ledger.load_csv_buffer(text, decimals: 0, columns: { order_id: "order_id" }, checks: true)
      end
      assert_match(/more than the 5.0 % allowed/, error.message)
      assert_equal 1, error.report.rows_rejected
      assert_equal 0, ledger.size
    end
  end

  def test_platform_events_from_csv
    Dir.mktmpdir do |dir|
      path = File.join(dir, "events.csv")
      File.binwrite(path, "customer_id,event,date\r\nV1,cart_created,2026-06-14\rV2,view,2026-06-14\n")
      events = Ltvcrm::PlatformEvents.new
      events.load_csv(path)
      assert_equal 2, events.size
      File.binwrite(path, "customer_id,event,date\nV1,abandoned,2026-06-14\n")
      assert_raises(Ltvcrm::ParseError) { Ltvcrm::PlatformEvents.new.load_csv(path) }
    ensure
      events&.close
    end
  end
end
