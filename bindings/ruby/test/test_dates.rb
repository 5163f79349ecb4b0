# frozen_string_literal: true

require_relative "helper"

class TestDates < Minitest::Test
  def test_known_days
    assert_equal 0, Ltvcrm.to_day(Date.new(1970, 1, 1))
    assert_equal 20_758, Ltvcrm.to_day(Date.new(2026, 11, 1))
    assert_equal Date.new(2026, 11, 1), Ltvcrm.from_day(20_758)
    assert_equal Date.new(1969, 12, 31), Ltvcrm.from_day(-1)
    assert_equal 20_758, Ltvcrm.to_day(Time.new(2026, 11, 1, 13, 5))
  end

  def test_bounds_and_round_trip
    assert_equal Ltvcrm::DAY_MIN, Ltvcrm.to_day(Date.new(1, 1, 1, Date::GREGORIAN))
    assert_equal Date.new(9999, 12, 31), Ltvcrm.from_day(Ltvcrm::DAY_MAX)
    (-800..40_000).step(37) do |day|
      assert_equal day, Ltvcrm.to_day(Ltvcrm.from_day(day))
      assert_equal Ltvcrm.from_day(day).iso8601, Ltvcrm.format_day(day)
    end
    assert_nil Ltvcrm.from_day(Ltvcrm::NO_DAY)
  end

  def test_text_forms
    assert_equal Ltvcrm.to_day(Date.new(2026, 1, 5)), Ltvcrm.to_day("2026/1/5")
    assert_equal Ltvcrm.to_day(Date.new(2026, 1, 5)), Ltvcrm.to_day("2026-01-05 13:05:00")
  end

  def test_errors
    assert_raises(Ltvcrm::ParseError) { Ltvcrm.to_day("01/05/2026") }
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.to_day("2026-02-30") }
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.to_day(Ltvcrm::DAY_MAX + 1) }
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.from_day(Ltvcrm::DAY_MIN - 1) }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.to_day(3.5) }
  end

  def test_year_month_day_through_the_library
    assert_equal 0, Ltvcrm.day_from_ymd(1970, 1, 1)
    assert_equal 20_458, Ltvcrm.day_from_ymd(2026, 1, 5)
    assert_equal 20_513, Ltvcrm.day_from_ymd(2026, 3, 1) # 2026 is not a leap year: Jan 31 + Feb 28 days later
    assert_equal [2026, 1, 5], Ltvcrm.ymd_from_day(20_458)
    assert_equal [1, 1, 1], Ltvcrm.ymd_from_day(Ltvcrm::DAY_MIN)
    assert_equal [9999, 12, 31], Ltvcrm.ymd_from_day(Ltvcrm::DAY_MAX)
    assert_equal [2024, 2, 29], Ltvcrm.ymd_from_day(Ltvcrm.day_from_ymd(2024, 2, 29))
    (-800..40_000).step(41) do |day|
      date = Ltvcrm.from_day(day)
      assert_equal [date.year, date.month, date.day], Ltvcrm.ymd_from_day(day)
      assert_equal day, Ltvcrm.day_from_ymd(date.year, date.month, date.day)
    end
  end

  def test_year_month_day_errors_name_the_field
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.day_from_ymd(2026, 2, 30) }
    assert_includes error.detail, "1..28"
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.day_from_ymd(2026, 13, 1) }
    assert_includes error.detail, "month"
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.day_from_ymd(10_000, 1, 1) }
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.ymd_from_day(Ltvcrm::DAY_MAX + 1) }
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.day_from_ymd(2**32 + 2026, 1, 5) } # not year 2026
    error = assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.day_from_ymd(2026, 1.5, 5) }
    assert_includes error.detail, "month"
  end
end
