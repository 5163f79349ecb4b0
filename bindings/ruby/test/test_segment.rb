# frozen_string_literal: true

require_relative "helper"

class TestSegment < Minitest::Test
  AS_OF = "2026-01-01"

  # Six customers whose states and ranks as of 2026-01-01 follow from the definitions.
  def shop
    ledger = Ltvcrm::Ledger.new
    ledger.add_order("N", "2025-12-01", 1000)
    ledger.add_order("R", "2025-06-01", 2000)
    ledger.add_order("R", "2025-11-01", 2000)
    %w[2024-01-01 2024-06-01 2025-01-01 2025-06-01 2025-12-01].each { |day| ledger.add_order("F", day, 1000) }
    ledger.add_order("D", "2025-01-01", 1000)
    ledger.add_order("C", "2025-12-01", 1000)
    ledger.add_cancel("C", "2025-12-15")
    ledger.add_visit("V", "2025-12-20")
    ledger
  end

  def test_states_ranks_and_columns
    shop.segment(as_of: AS_OF) do |seg|
      assert_equal [6, Date.new(2026, 1, 1)], [seg.size, seg.as_of]
      assert_equal [0, 1, 2, 3, 3, -1], seg.state
      assert_equal [3, 1, 1, 3, 3, -1], seg.rank
      assert_equal [1, 2, 5, 1, 1, 0], seg.orders
      assert_equal [1000, 4000, 3000, 1000, 1000, 0], seg.annual_ltv
      assert_equal [1000, 4000, 5000, 1000, 1000, 0], seg.lifetime_ltv
      assert_equal [31, 61, 31, 365, 31, -1], seg.recency_days
      fan = seg.customer("F")
      assert_equal [2, :fan, :semi_excellent, 5], [fan.index, fan.state, fan.rank, fan.orders]
      assert_equal :none, seg.find("V").state
      assert_equal seg.customer(0), seg.find("N")
      assert_raises(Ltvcrm::NotFoundError) { seg.find("nobody") }
      assert_raises(Ltvcrm::OutOfRangeError) { seg.customer(6) }
      assert_raises(Ltvcrm::InvalidArgumentError) { seg.column(:email) }
      # without a model the prediction columns are not there
      assert_equal Ltvcrm::Segmentation::COLUMNS.keys - Ltvcrm::Segmentation::PREDICTED, seg.columns.keys
    end
  end

  def test_block_closes_the_result
    kept = shop.segment(as_of: AS_OF) { |seg| seg }
    assert kept.closed?
    assert_raises(Ltvcrm::StateError) { kept.state }
  end

  def test_stats_as_hashes
    shop.segment(as_of: AS_OF) do |seg|
      states = seg.state_stats
      assert_equal %i[new repeat fan dormant], states.keys
      assert_equal 2, states[:dormant][:customers]
      assert_in_delta 0.4, states[:dormant][:customer_share]
      assert_equal [5000, 5, 3], states[:fan].values_at(:revenue, :orders, :year_orders)
      assert_equal states[:repeat], seg.state_stats(:repeat)
      ranks = seg.rank_stats
      assert_equal [0, 2, 0, 3], ranks.values.map { |r| r[:customers] }
      assert_raises(Ltvcrm::InvalidArgumentError) { seg.state_stats(:sleeping) }
      assert_raises(Ltvcrm::InvalidArgumentError) { seg.state_stats(:none) }
    end
  end

  def test_ltv_summary_and_cpo_verdict
    shop.segment(as_of: AS_OF) do |seg|
      summary = seg.ltv_summary
      assert_equal [:annual, 5, 2000.0, 3, 2],
                   summary.values_at(:basis, :customers, :average_ltv, :continuing_customers, :churned_customers)
      assert_equal [:break_even, 1.0], seg.cpo_verdict(2000)
      assert_equal [:leaking, 0.5], seg.cpo_verdict(4000)
      assert_equal [:profitable, 2.0], seg.cpo_verdict(1000)
      assert_raises(Ltvcrm::OutOfRangeError) { seg.cpo_verdict(-1) }
    end
  end

  def test_rfm_labels_and_presets
    shop.segment(as_of: AS_OF, rfm_bins: 3) do |seg|
      assert_equal 2, seg.thresholds(:recency).size
      assert_equal 5, seg.score_counts(:frequency).sum
      assert_raises(Ltvcrm::InvalidArgumentError) { seg.thresholds(:loyalty) }
      assert_equal ["新規", "リピート", "ファン", "休眠", "休眠", Ltvcrm.state_label(:none, :ja)], seg.labels(:state, lang: :ja)
      names = seg.preset_names
      assert_equal "Other", names.last
      assert_equal seg.preset.map { |p| names[p] }, seg.labels(:preset)
      assert_equal 5, seg.preset_customers.values.sum
    end
    assert_equal "ファン", Ltvcrm.state_label(:fan, :ja)
    assert_equal "優良顧客", Ltvcrm.rank_label(:excellent, :ja)
    refute_empty Ltvcrm.cpo_verdict_label(:leaking)
    refute_empty Ltvcrm.rfm_metric_label(:recency, :ja)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.state_label(:fan, :fr) }
  end

  def test_settings_by_keyword
    assert_equal 0, shop.segment(as_of: AS_OF, dormant_days: 400) { |s| s.state[3] }
    assert_equal 0, shop.segment(as_of: AS_OF, cancel_is_dormant: false) { |s| s.state[4] }
    assert_equal 1, shop.segment(as_of: AS_OF, fan_min_orders: 6) { |s| s.state[2] }
  end

  def test_config_object
    config = Ltvcrm::SegmentConfig.new(dormant_days: 90, rfm_mode: :type7, ltv_basis: :lifetime)
    assert_equal [90, :type7, :lifetime, true],
                 [config[:dormant_days], config[:rfm_mode], config[:ltv_basis], config[:cancel_is_dormant]]
    assert_equal 20, config.to_h.size
    error = assert_raises(Ltvcrm::OutOfRangeError) { config[:dormant_days] = 0 }
    assert_match(/1\.\.36500/, error.detail)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::SegmentConfig.new(sleepy_days: 3) }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::SegmentConfig.new(rfm_mode: :median) }
    assert_raises(ArgumentError) { shop.segment(as_of: AS_OF, config: config, dormant_days: 3) }
    assert_equal :lifetime, shop.segment(as_of: AS_OF, config: config) { |s| s.ltv_summary[:basis] }
  end

  def test_fixed_thresholds_and_custom_presets
    config = Ltvcrm::SegmentConfig.new(rfm_mode: :fixed, rfm_bins: 2,
                                       thresholds: { recency: [60], frequency: [2], monetary: [3000] },
                                       presets: [["Best", "最良", [2, 2], [2, 2], [2, 2]], { name_en: "Recent", r: [2, 2] }])
    shop.segment(as_of: AS_OF, config: config) do |seg|
      assert_equal [2, 1, 2, 1, 2, 0], seg.r
      assert_equal [1, 2, 2, 1, 1, 0], seg.f
      assert_equal %w[最良 Recent], seg.preset_names(:ja)[0, 2]
      assert_equal %w[Recent Other Best], seg.labels(:preset)[0, 3]
    end
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::SegmentConfig.new(thresholds: { recency: [90, 30] }) }
  end

  def test_lookup_after_the_ledger_changed
    ledger = shop
    seg = ledger.segment(as_of: AS_OF)
    ledger.add_order("N", "2025-12-02", 10)
    assert_raises(Ltvcrm::StateError) { seg.find("N") }
    assert_equal 0, seg.state[0]
    ledger.close
    assert_raises(Ltvcrm::StateError) { seg.find("N") }
  end

  def test_param_info_gives_the_bounds_the_setter_checks
    assert_equal ["LTV_SEG_DORMANT_DAYS", 1, 36_500], Ltvcrm::SegmentConfig.param_info(:dormant_days)
    assert_equal ["LTV_CSV_DECIMALS", 0, 6], Ltvcrm::CsvOptions.param_info(:decimals)
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::SegmentConfig.new(dormant_days: 36_501) }
    assert_match(/LTV_SEG_DORMANT_DAYS 36501 is outside 1..36500/, error.message)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::SegmentConfig.param_info(:dormant) }
  end

  def test_keywords_come_from_the_library
    assert_equal "no_order", Ltvcrm.state_keyword(:none)
    assert_equal "semi_excellent", Ltvcrm.rank_keyword(:semi_excellent)
    assert_equal "none", Ltvcrm.state_label(:no_order)
    assert_equal "no rank", Ltvcrm.rank_label(:no_rank)
  end
end
