# frozen_string_literal: true

require_relative "helper"

# Integers are checked before FFI converts them: FFI truncates a Float (an amount of 1.5 was
# stored as 1, 2.9 items as 2) and wraps a negative number passed as an unsigned type. Not an
# Integer: InvalidArgumentError (LTV_EINVAL); outside the C type: OutOfRangeError
# (LTV_ERANGE); the message names the parameter and the bounds.
class TestIntegers < Minitest::Test
  DAY = "2026-01-05"
  INT64 = "-9223372036854775808..9223372036854775807"
  INT32 = "-2147483648..2147483647"
  UINT64 = "0..18446744073709551615"

  def assert_error(klass, *words, &block)
    error = assert_raises(klass, &block)
    words.each { |word| assert_includes error.detail, word }
    error
  end

  def ledger
    @ledger ||= Ltvcrm::Ledger.new
  end

  def two_customers
    ledger.add_order("A", DAY, 100)
    ledger.add_order("B", DAY, 200)
    ledger
  end

  # -- the ledger ---------------------------------------------------------------------------

  def test_amounts_and_items_must_be_integers
    [1.5, 2.0, Rational(3, 2), nil, "5", true].each do |bad|
      assert_error(Ltvcrm::InvalidArgumentError, "amount", bad.inspect) { ledger.add_order("A", DAY, bad) }
      assert_error(Ltvcrm::InvalidArgumentError, "items") { ledger.add_order("A", DAY, 100, items: bad) }
      assert_error(Ltvcrm::InvalidArgumentError, "amount") { ledger.add_event("A", DAY, bad) }
      next if bad.nil? # items: nil means the default

      assert_error(Ltvcrm::InvalidArgumentError, "items") { ledger.add_event("A", DAY, 100, items: bad) }
      assert_error(Ltvcrm::InvalidArgumentError, "amount") { ledger.add_refund("A", DAY, bad) }
    end
    assert_equal 0, ledger.event_count
  end

  def test_amounts_and_items_outside_their_c_types_are_out_of_range
    [2**70, 2**64 + 7, 2**63, -(2**63) - 1].each do |amount|
      assert_error(Ltvcrm::OutOfRangeError, "amount", amount.to_s, INT64) { ledger.add_order("A", DAY, amount) }
    end
    [2**32 + 3, 2**31, -(2**31) - 1].each do |items|
      assert_error(Ltvcrm::OutOfRangeError, "items", INT32) { ledger.add_order("A", DAY, 100, items: items) }
    end
    assert_error(Ltvcrm::OutOfRangeError, "event kind", INT32) { ledger.add_event("A", DAY, 100, kind: 2**32 + 1) }
    assert_equal 0, ledger.event_count
  end

  def test_the_library_bound_of_items_still_applies_and_extremes_pass
    assert_error(Ltvcrm::OutOfRangeError, "1000000") { ledger.add_order("A", DAY, 100, items: 1_000_001) }
    ledger.add_order("A", DAY, 100, items: 1_000_000)
    assert_equal 1_000_000, ledger.events("A").first.items
    Ltvcrm::Ledger.open do |big|
      big.add_order("B", DAY, (2**63) - 1)
      assert_equal (2**63) - 1, big.events("B").first.amount
    end
  end

  def test_customer_indices_do_not_wrap
    two_customers
    assert_error(Ltvcrm::OutOfRangeError, "customer index", UINT64) { ledger.facts(-1) }
    assert_error(Ltvcrm::OutOfRangeError, "customer index", UINT64) { ledger.customer_id(2**64 + 1) }
    assert_error(Ltvcrm::OutOfRangeError, "customer index") { ledger.events(2**64 + 1) }
    assert_error(Ltvcrm::InvalidArgumentError, "customer") { ledger.facts(1.0) }
    assert_error(Ltvcrm::OutOfRangeError, "customers", UINT64) { ledger.reserve(-1, 0) }
    assert_equal 200, ledger.facts(1).amount
  end

  def test_bulk_columns_were_already_checked
    error = assert_error(Ltvcrm::InvalidArgumentError, "amounts[1]") { ledger.add_events(%w[A B], [1, 2], amounts: [1, 1.5]) }
    assert_equal(-1, error.status)
    assert_equal 0, ledger.event_count
  end

  def test_every_c_call_checks_its_integer_arguments
    # The net under the entry points: a Float or an out-of-range value never reaches FFI.
    assert_error(Ltvcrm::InvalidArgumentError, "ltv_ledger_add_order: argument 5 = 1.5", "not an Integer") do
      Ltvcrm::C.ltv_ledger_add_order(ledger.pointer, "A", 1, 20_000, 1.5, 1)
    end
    assert_error(Ltvcrm::OutOfRangeError, "ltv_ledger_add_order: argument 6", INT32) do
      Ltvcrm::C.ltv_ledger_add_order(ledger.pointer, "A", 1, 20_000, 100, 2**32 + 3)
    end
    assert_error(Ltvcrm::OutOfRangeError, "ltv_ledger_find: argument 3", "0..") do
      Ltvcrm::C.ltv_ledger_find(ledger.pointer, "A", -1, Ltvcrm.out(:uint64))
    end
    assert_error(Ltvcrm::InvalidArgumentError, "ltv_state_label: argument 1") { Ltvcrm::C.ltv_state_label(1.5, 0) }
    assert_equal 0, ledger.event_count
  end

  def test_day_helpers_take_integers
    assert_error(Ltvcrm::InvalidArgumentError, "day") { Ltvcrm.format_day(1.5) }
    assert_error(Ltvcrm::OutOfRangeError, "day", INT32) { Ltvcrm.format_day(2**32) }
    assert_error(Ltvcrm::InvalidArgumentError, "day") { Ltvcrm.from_day(20_458.5) }
    assert_equal "2026-01-05", Ltvcrm.format_day(20_458)
  end

  # -- segmentation -------------------------------------------------------------------------

  def test_segment_settings_do_not_wrap_or_truncate
    Ltvcrm::SegmentConfig.open do |config|
      before = config[:dormant_days]
      assert_error(Ltvcrm::OutOfRangeError, "dormant_days", INT64) { config[:dormant_days] = 2**64 + 90 }
      assert_error(Ltvcrm::InvalidArgumentError, "dormant_days") { config[:dormant_days] = 90.5 }
      # an int64 setting: the library's own bound applies
      assert_error(Ltvcrm::OutOfRangeError, "LTV_SEG_RFM_MODE", "0..4") { config[:rfm_mode] = 2**32 + 2 }
      assert_equal before, config[:dormant_days]
      assert_equal :quantile, config[:rfm_mode]
      config.update(cancel_is_dormant: false)
      assert_equal false, config[:cancel_is_dormant]
      assert_error(Ltvcrm::OutOfRangeError, "thresholds[1]", INT64) { config.set_thresholds(:recency, [30, 2**64 + 5]) }
      assert_error(Ltvcrm::InvalidArgumentError, "thresholds[0]") { config.set_thresholds(:recency, [30.5, 90]) }
      assert_error(Ltvcrm::OutOfRangeError, "r[0]", INT32) { config.add_preset("x", r: [2**32 + 1, 3]) }
      assert_error(Ltvcrm::InvalidArgumentError, "m[1]") { config.add_preset("x", m: [1, 2.5]) }
    end
  end

  def test_segmentation_lookups_and_the_cpo_do_not_wrap
    two_customers.segment do |seg|
      assert_error(Ltvcrm::OutOfRangeError, "customer index", UINT64) { seg.customer(2**64 + 1) }
      assert_error(Ltvcrm::InvalidArgumentError, "customer index") { seg.customer(1.9) }
      assert_equal 200, seg.customer(1).annual_ltv
      assert_error(Ltvcrm::OutOfRangeError, "cpo", INT64) { seg.cpo_verdict(2**64 + 100) }
      assert_error(Ltvcrm::InvalidArgumentError, "cpo") { seg.cpo_verdict(99.5) }
    end
  end

  # -- planner, matrix, health, CSV options, grader -----------------------------------------

  def test_planner_setters_do_not_wrap_or_truncate
    planner = Ltvcrm::Planner.default
    before = planner.setting(:dormant_days)
    assert_error(Ltvcrm::OutOfRangeError, "dormant_days", INT64) { planner.configure(dormant_days: 2**64 + 90) }
    assert_error(Ltvcrm::InvalidArgumentError, "dormant_days") { planner.configure(dormant_days: 90.5) }
    assert_equal before, planner.setting(:dormant_days)
    cap = planner.channel(:email)[:weekly_cap]
    assert_error(Ltvcrm::InvalidArgumentError, "weekly_cap") { planner.set_channel(:email, weekly_cap: 2.5) }
    assert_equal cap, planner.channel(:email)[:weekly_cap]
    steps = planner.scenario(0).steps.size
    assert_error(Ltvcrm::InvalidArgumentError, "day") do
      planner.add_step(0, "x", day: 3.5, channel: :email, stage: :retention, action: :review, offer: :content)
    end
    assert_equal steps, planner.scenario(0).steps.size
    assert_error(Ltvcrm::OutOfRangeError, "min_orders") { planner.update_step(0, 0, min_orders: 2**64 + 1) }
    assert_error(Ltvcrm::OutOfRangeError, "scenario") { planner.scenario(-1) }
    assert_error(Ltvcrm::InvalidArgumentError, "step") { planner.step(0, 0.0) }
    assert_error(Ltvcrm::OutOfRangeError, "gap_counts[1]", UINT64) { planner.place_step(0, 0, [1, -1]) }
    assert_error(Ltvcrm::OutOfRangeError, "days") { planner.best_gaps(two_customers, days: -1) }
  end

  def test_matrix_setters_do_not_wrap_or_truncate
    matrix = Ltvcrm::Matrix.new
    width = matrix.setting(:cell_width)
    assert_error(Ltvcrm::OutOfRangeError, "cell_width", INT64) { matrix.configure(cell_width: 2**64 + 20) }
    assert_equal width, matrix.setting(:cell_width)
    assert_error(Ltvcrm::OutOfRangeError, "customers", UINT64) { matrix.set_stage_figures(:retention, -1, 100) }
    assert_error(Ltvcrm::InvalidArgumentError, "revenue") { matrix.set_stage_figures(:retention, 1, 99.5) }
    assert_error(Ltvcrm::OutOfRangeError, "cpo", INT64) { matrix.set_acquisition(10, 2**63) }
    assert_error(Ltvcrm::InvalidArgumentError, "ltv") { matrix.ltv = 1000.5 }
    assert_nil matrix.stage_figures(:retention)
    assert_nil matrix.acquisition
    assert_nil matrix.ltv
  end

  def test_health_and_csv_settings_do_not_wrap_or_truncate
    Ltvcrm::HealthConfig.open do |config|
      before = config[:churn_short_days]
      assert_error(Ltvcrm::InvalidArgumentError, "churn_short_days") { config[:churn_short_days] = 60.5 }
      assert_error(Ltvcrm::OutOfRangeError, "churn_short_days", INT64) { config[:churn_short_days] = 2**64 + 60 }
      assert_equal before, config[:churn_short_days]
    end
    assert_error(Ltvcrm::InvalidArgumentError, "decimals") { Ltvcrm::CsvOptions.new(decimals: 2.5) }
    assert_error(Ltvcrm::OutOfRangeError, "max_errors", INT64) { Ltvcrm::CsvOptions.new(max_errors: 2**64) }
    assert_equal true, Ltvcrm::CsvOptions.new(decimals: 0, strict: true)[:strict]
  end

  def test_grader_numbers_do_not_wrap_or_truncate
    assert_error(Ltvcrm::OutOfRangeError, "question number", INT32) { Ltvcrm::Grader.question(2**32 + 1) }
    assert_error(Ltvcrm::InvalidArgumentError, "question number") { Ltvcrm::Grader.question(1.9) }
    grade = Ltvcrm::Grader::Grade.new("AABCDAABBA")
    assert_error(Ltvcrm::OutOfRangeError, "question number") { grade.answer(2**32 + 1) }
    assert_error(Ltvcrm::InvalidArgumentError, "decimals") { grade.attach_ledger(two_customers, decimals: 0.5) }
  end
end
