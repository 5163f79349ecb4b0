# frozen_string_literal: true

require_relative "helper"

# The gem gives the C library's own results: compared with bindings/reference/ltv_reference.c.
class TestReference < Minitest::Test
  include TestSupport

  FACTS = %i[first_order_day second_order_day last_order_day orders amount items tenure_days recency_days year_orders
             refunds year_amount refund_amount visits year_visits first_event_day cancel_day].freeze
  GROUP = %i[customers customer_share revenue revenue_share year_revenue orders year_orders average_ltv active_years
             orders_per_year average_order_value].freeze
  LTV = %i[basis customers average_ltv core_customers core_threshold core_revenue_share continuing_customers
           continuing_average_ltv churned_customers churned_average_ltv retention_value top_excellent_customers
           top_excellent_threshold high_ltv_general_customers high_ltv_general_threshold].freeze

  def day(value) = value.nil? ? Ltvcrm::NO_DAY : Ltvcrm.to_day(value)

  def ruby_lines(ledger)
    s = ledger.summary
    lines = [["summary", day(s.as_of), s.customers, s.repeat_customers, s.orders, s.refunds, s.visits, s.cancels,
              s.revenue, s.gross_revenue, s.items, day(s.first_day), day(s.last_day)]]
    ledger.segment do |seg|
      columns = seg.columns
      ledger.each_with_index do |id, i|
        facts = ledger.facts(i)
        values = FACTS.map { |f| f.end_with?("_day") ? day(facts[f]) : facts[f] }
        lines << ["customer", id, *values, *columns.except(:segment).values.map { |c| c[i] }]
      end
      seg.state_stats.values.each_with_index { |g, i| lines << ["state", i, *g.values_at(*GROUP)] }
      seg.rank_stats.values.each_with_index { |g, i| lines << ["rank", i, *g.values_at(*GROUP)] }
      ltv = seg.ltv_summary
      lines << ["ltv", *LTV.map { |k| k == :basis ? Ltvcrm::LTV_BASES.index(ltv[k]) : ltv[k] }]
    end
    lines
  end

  def c_lines(path, decimals)
    out, status = Open3.capture2(reference, path, decimals.to_s)
    assert status.success?
    out.force_encoding(Encoding::UTF_8).lines.map do |line|
      kind, first, *rest = line.chomp.split("\t")
      numbers = rest.map { |v| v.match?(/[.en]/) ? Float(v) : Integer(v) }
      [kind, kind == "customer" ? first : Integer(first), *numbers]
    end
  end

  def setup
    skip "no C compiler to build the reference program" unless reference
  end

  def test_sample_file_equals_the_c_results
    ledger = Ltvcrm::Ledger.new
    ledger.load_csv(SAMPLE_CSV, decimals: 0)
    assert_equal c_lines(SAMPLE_CSV, 0), ruby_lines(ledger)
  end

  def test_every_kind_of_event_and_the_bulk_path_equal_the_c_results
    Dir.mktmpdir do |dir|
      rows = log_rows
      path = write_csv(File.join(dir, "log.csv"), rows)
      expected = c_lines(path, 0)
      from_csv = Ltvcrm::Ledger.new
      from_csv.load_csv(path, decimals: 0)
      assert_equal expected, ruby_lines(from_csv)
      ids, days, amounts, items, kinds = rows.transpose
      bulk = Ltvcrm::Ledger.from_columns(ids, days, amounts: amounts, items: items, kinds: kinds)
      assert_equal expected, ruby_lines(bulk)
      bulk.add_order(ids[0], days[0], 1)
      refute_equal expected, ruby_lines(bulk) # the comparison can fail
    end
  end
end
