# frozen_string_literal: true

require_relative "helper"

class TestLedger < Minitest::Test
  include TestSupport

  # Customer A from docs/ledger.md, plus B with one order.
  def docs_example
    ledger = Ltvcrm::Ledger.new
    ledger.add_order("A", "2025-01-10", 1000)
    ledger.add_order("A", "2025-01-10", 500)
    ledger.add_order("A", "2025-06-01", 3000, items: 3)
    ledger.add_refund("A", "2025-06-05", 400)
    ledger.add_order("A", "2026-02-01", 2000)
    ledger.add_order("B", Date.new(2026, 2, 20), 700, items: 2)
    ledger
  end

  def test_facts_of_the_documented_example
    facts = docs_example.facts("A", as_of: "2026-03-01")
    assert_equal Date.new(2026, 3, 1), facts.as_of
    assert_equal [Date.new(2025, 1, 10), Date.new(2025, 1, 10), Date.new(2026, 2, 1)],
                 [facts.first_order_day, facts.second_order_day, facts.last_order_day]
    assert_equal [4, 6100, 6, 387, 28, 2, 4600, 1, 400],
                 [facts.orders, facts.amount, facts.items, facts.tenure_days, facts.recency_days, facts.year_orders,
                  facts.year_amount, facts.refunds, facts.refund_amount]
    assert_nil facts.cancel_day
  end

  def test_facts_only_count_days_before_as_of
    facts = docs_example.facts(0, as_of: "2025-06-01")
    assert_equal [2, 1500], [facts.orders, facts.amount]
    assert_nil docs_example.facts("B", as_of: "2026-01-01").first_order_day
  end

  def test_summary_defaults_to_the_day_after_the_last_event
    summary = docs_example.summary
    assert_equal Date.new(2026, 2, 21), summary.as_of
    assert_equal [2, 1, 5, 1, 6800, 7200, 8],
                 [summary.customers, summary.repeat_customers, summary.orders, summary.refunds, summary.revenue,
                  summary.gross_revenue, summary.items]
    assert_in_delta 0.5, summary.repeat_rate
    assert_in_delta 1440.0, summary.average_order_value
  end

  def test_counts_events_and_customers
    ledger = docs_example
    ledger.add_visit("会員C", "2026-01-01")
    assert_equal [3, 7, 5, 6800], [ledger.size, ledger.event_count, ledger.order_count, ledger.revenue]
    assert_equal %w[A B 会員C], ledger.to_a
    assert_equal [0, 1, 2], ledger.each_customer.map(&:index)
    assert_equal 2, ledger.find("会員C")
    assert ledger.include?("B")
    refute ledger.include?("Z")
    assert_raises(Ltvcrm::NotFoundError) { ledger.find("Z") }
    assert_raises(Ltvcrm::OutOfRangeError) { ledger.customer_id(3) }
    events = ledger.events("A")
    assert_equal Ltvcrm::Event.new(:refund, Date.new(2025, 6, 5), -400, 0), events[3]
    assert_equal 6100, events.sum(&:amount)
    assert_equal [Date.new(2025, 1, 10), Date.new(2026, 2, 20)], ledger.day_range
    empty = Ltvcrm::Ledger.new
    assert_nil empty.day_range
    assert_raises(Ltvcrm::StateError) { empty.summary }
  end

  def test_kinds_and_their_checks
    Ltvcrm::Ledger.open do |ledger|
      ledger.add_event("M", "2026-01-01", 5000, kind: :order)
      ledger.add_event("M", "2026-01-02", -300, kind: :refund)
      ledger.add_visit("M", "2026-01-03")
      ledger.add_cancel("M", "2026-01-04")
      facts = ledger.facts("M")
      assert_equal [4700, 300, 1, Date.new(2026, 1, 4)], [facts.amount, facts.refund_amount, facts.visits, facts.cancel_day]
      assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_event("M", "2026-01-01", kind: :gift) }
      assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_event("M", "2026-01-01", kind: 9) }
      assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_event("M", "2026-01-01", 100, kind: :visit) }
      assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_order("x" * 1025, "2026-01-01", 1) }
      assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_order(42, "2026-01-01", 1) }
      assert_equal 4, ledger.event_count
    end
  end

  def test_bulk_add_equals_single_adds
    rows = log_rows
    one = Ltvcrm::Ledger.new
    rows.each { |id, day, amount, items, kind| one.add_event(id, day, amount, items: items, kind: kind) }
    ids, days, amounts, items, kinds = rows.transpose
    bulk = Ltvcrm::Ledger.from_columns(ids, days, amounts: amounts, items: items, kinds: kinds)
    assert_equal one.to_a, bulk.to_a
    assert_equal one.summary, bulk.summary
    assert_equal one.size.times.map { |i| one.facts(i) }, bulk.size.times.map { |i| bulk.facts(i) }
  end

  def test_bulk_defaults_and_dates
    Ltvcrm::Ledger.open do |ledger|
      assert_equal 3, ledger.add_events(%w[a b a], [10, Date.new(1970, 1, 12), "1970-01-13"])
      facts = ledger.facts("a", as_of: 100)
      assert_equal [2, 0, 2], [facts.orders, facts.amount, facts.items]
      assert_equal 0, ledger.add_events([], [])
    end
  end

  def test_bulk_rejects_the_whole_batch_and_names_the_row
    Ltvcrm::Ledger.open do |ledger|
      error = assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_events(["a", "b", "", "d"], [1, 2, 3, 4]) }
      assert_match(/row 2/, error.detail)
      error = assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_events(%w[a b], [1, 2], amounts: [5, -5]) }
      assert_match(/row 1/, error.detail)
      error = assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_events(%w[a b], [1, 2], amounts: [1, 2, 3]) }
      assert_match(/amounts has 3 rows/, error.detail)
      error = assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_events(%w[a b], [1, 2**40]) }
      assert_match(/days\[1\]/, error.detail)
      error = assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_events(%w[a b], [1, 2], items: [1, 2**33]) }
      assert_match(/items\[1\]/, error.detail)
      error = assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_events(%w[a b], [1, 2], amounts: [1, 2.5]) }
      assert_match(/amounts\[1\]/, error.detail)
      assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_events(%w[a], [1], kinds: [:gift]) }
      assert_raises(Ltvcrm::ParseError) { ledger.add_events(%w[a], ["yesterday"]) }
      assert_equal 0, ledger.event_count
    end
  end

  def test_bulk_ids_in_other_encodings_and_not_strings
    Ltvcrm::Ledger.open do |ledger|
      sjis = "会員".encode(Encoding::Shift_JIS)
      ledger.add_events([sjis, "会員", "C1"], [1, 2, 3], amounts: [10, 20, 30])
      assert_equal %w[会員 C1], ledger.to_a
      assert_equal 30, ledger.facts("会員", as_of: 5).amount
      error = assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_events(["a", nil], [1, 2]) }
      assert_match(/customer_ids\[1\]/, error.detail)
      assert_equal 3, ledger.event_count
    end
  end

  def test_merge_equals_one_ledger
    rows = log_rows
    whole = Ltvcrm::Ledger.new
    first = Ltvcrm::Ledger.new
    second = Ltvcrm::Ledger.new
    [[whole, rows], [first, rows[0, 1000]], [second, rows[1000..]]].each do |ledger, part|
      ids, days, amounts, items, kinds = part.transpose
      ledger.add_events(ids, days, amounts: amounts, items: items, kinds: kinds)
    end
    first.merge(second)
    assert_equal whole.summary, first.summary
    assert_equal whole.to_h { |id| [id, whole.facts(id)] }, first.to_h { |id| [id, first.facts(id)] }
    assert_equal rows.size - 1000, second.event_count
    assert_raises(Ltvcrm::InvalidArgumentError) { first.merge(first) }
  end

  def test_reserve_prepare_and_closing
    ledger = Ltvcrm::Ledger.new(reserve_customers: 100, reserve_events: 1000)
    ledger.add_order("a", 1, 1)
    ledger.prepare
    assert_raises(Ltvcrm::OutOfRangeError) { ledger.reserve(2**40, 0) }
    result = Ltvcrm::Ledger.open { |l| l.add_order("a", 1, 1) || l.size }
    assert_equal 1, result
    ledger.close
    assert ledger.closed?
    error = assert_raises(Ltvcrm::StateError) { ledger.size }
    assert_match(/closed/, error.detail)
    ledger.close
    assert_equal "#<Ltvcrm::Ledger closed>", ledger.inspect
  end
end
