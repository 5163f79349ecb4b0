# frozen_string_literal: true

require_relative "helper"

class TestHealth < Minitest::Test
  include TestSupport
  AS_OF = "2026-01-01"

  def shop
    ledger = Ltvcrm::Ledger.new
    ledger.add_order("A", "2025-01-01", 1000)
    ledger.add_order("A", "2025-01-08", 1000)
    ledger.add_order("B", "2025-01-01", 2000)
    ledger.add_order("B", "2025-03-02", 2000)
    ledger.add_order("C", "2025-12-25", 500)
    ledger
  end

  def test_overview_conversion_and_tenure
    shop.health_check(as_of: AS_OF, ranks: false) do |hc|
      refute hc.ranks?
      refute hc.membership?
      overview = hc.overview
      assert_equal [Date.new(2026, 1, 1), 3, 5, 2, 6500],
                   overview.values_at(:as_of, :customers, :orders, :repeat_customers, :revenue)
      conversion = hc.conversion
      assert_equal [2, 2, 2], conversion[:eligible][0, 3]
      assert_equal [1, 1, 2], conversion[:converted][0, 3]
      assert_equal [0.5, 0.5, 1.0], conversion[:rate][0, 3]
      assert_equal [33.5, 1, 1], conversion.values_at(:median_gap_days, :most_common_week, :most_common_week_customers)
      days = hc.gap_days
      assert_equal [367, 1, 1, 2], [days.size, days[7], days[60], days.sum]
      assert_equal [53, 1, 1], [hc.gap_weeks.size, hc.gap_weeks[1], hc.gap_weeks[8]]
      assert_equal [3, 0, 0, 0, 0], hc.tenure[:bin_customers]
      assert_nil hc.membership
      assert_nil hc.enrollment_days
      assert_raises(Ltvcrm::NotFoundError) { hc.conversion(:excellent) }
    end
  end

  def test_membership_figures
    ledger = shop
    ledger.add_visit("D", "2025-01-01")
    ledger.add_cancel("D", "2025-03-01")
    ledger.add_visit("E", "2025-06-01")
    ledger.health_check(as_of: AS_OF) do |hc|
      assert hc.membership?
      assert hc.ranks?
      m = hc.membership
      assert_equal [5, 4, 1, 182, 4, 1, 0.25],
                   m.values_at(:members, :continuing_members, :churned_members, :short_window_days, :short_eligible,
                               :short_churned, :short_churn_rate)
      at_risk, cancels = hc.enrollment_days
      assert_equal [367, 1, 1], [at_risk.size, cancels[59], cancels.sum]
    end
  end

  def test_report_as_a_hash_and_settings
    ledger = Ltvcrm::Ledger.new
    ledger.load_csv(SAMPLE_CSV, decimals: 0)
    hc = ledger.health_check(churn_short_days: 90)
    report = hc.to_h(lang: :ja)
    assert_equal ["2026-11-01", "ja", 4000], [report["as_of"], report["lang"], report["overview"]["customers"]]
    assert_nil report["membership"]
    assert_equal ledger.segment { |s| s.rank_stats(:excellent)[:customers] }, hc.conversion(:excellent)[:customers]
    assert_equal 90, Ltvcrm::HealthConfig.new(usage_low_max: 30, usage_high_min: 90)[:usage_high_min]
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::HealthConfig.new(churn_short_days: 0) }
    assert_match(/1\.\.3650/, error.detail)
    assert_raises(Ltvcrm::OutOfRangeError) { ledger.health_check(usage_low_max: 100, usage_high_min: 50) }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::HealthConfig.new(blood_pressure: 120) }
    assert_equal ["LTV_HEALTH_USAGE_LOW_MAX", 0, 100_000], Ltvcrm::HealthConfig.param_info(:usage_low_max)
    refute_equal Ltvcrm::HealthCheck.label(0), Ltvcrm::HealthCheck.label(0, :ja)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::HealthCheck.label(999) }
  end
end
