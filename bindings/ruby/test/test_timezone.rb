# frozen_string_literal: true

require_relative "helper"

# The shop's day: the C library's rule, the same as the tool and Python.
class TestTimezone < Minitest::Test
  def day(text) = Ltvcrm.to_day(text)

  def test_amazon_utc_early_morning_is_the_next_japanese_day
    utc = Time.utc(2025, 1, 6, 17, 30)
    assert_equal day("2025-01-07"), Ltvcrm.day_of(utc, "Asia/Tokyo")
    assert_equal day("2025-01-06"), Ltvcrm.day_of(utc) # no shop zone: its own date
    assert_equal day("2025-01-07"), Ltvcrm.timestamp_day("2025-01-06T17:30:00Z", "Asia/Tokyo")
    jst = Time.new(2025, 1, 7, 2, 30, 0, "+09:00")
    assert_equal day("2025-01-07"), Ltvcrm.day_of(jst) # a Time with an offset, as written
    assert_equal day("2025-01-06"), Ltvcrm.day_of(jst, "America/New_York")
  end

  def test_new_york_daylight_saving
    ny = Ltvcrm::Timezone.new("America/New_York")
    assert_equal "America/New_York", ny.name
    assert_equal(-5 * 3600, ny.offset(Time.utc(2025, 3, 9, 6, 59, 59)))
    assert_equal(-4 * 3600, ny.offset(Time.utc(2025, 3, 9, 7, 0, 0)))
    assert_equal day("2025-03-09"), ny.day(Time.utc(2025, 3, 10, 3, 30))
    assert_equal day("2025-01-09"), ny.day(Time.utc(2025, 1, 10, 4, 30))
    assert_equal day("2025-01-06"), ny.day("2025-01-07 02:17:05 +0900")
    assert_equal day("2025-01-07"), ny.day("2025/1/7 2:17") # no offset: shop-local
  end

  def test_unknown_zone
    error = assert_raises(Ltvcrm::NotFoundError) { Ltvcrm::Timezone.new("Asia/Tokio") }
    assert_match(/not a time zone/, error.message)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::Timezone.new("../etc/passwd") }
  end

  def test_bulk_add_in_the_shop_zone
    times = [Time.utc(2025, 1, 6, 17, 30), Time.utc(2025, 1, 6, 14, 59, 59), Time.utc(2025, 3, 10, 3, 30)]
    ids = %w[A B C]
    days_of = lambda do |zone|
      Ltvcrm::Ledger.open do |ledger|
        ledger.add_events(ids, times, amounts: [1, 2, 3], timezone: zone)
        ids.map { |i| ledger.customer(i).events.first.day }
      end
    end
    assert_equal %w[2025-01-07 2025-01-06 2025-03-10].map { |d| Date.parse(d) }, days_of.call("Asia/Tokyo")
    assert_equal %w[2025-01-06 2025-01-06 2025-03-09].map { |d| Date.parse(d) }, days_of.call("America/New_York")
    assert_equal %w[2025-01-06 2025-01-06 2025-03-10].map { |d| Date.parse(d) }, days_of.call(nil)
  end

  def test_csv_options_encoding_and_zone
    Dir.mktmpdir do |dir|
      path = File.join(dir, "sjis.csv")
      File.binwrite(path, "customer_id,order_date,amount\n山田,2025-01-06T17:30:00Z,1980\n".encode("CP932"))
      Ltvcrm::Ledger.open do |ledger|
        report = ledger.load_csv(path, decimals: 0, encoding: "cp932", timezone: "Asia/Tokyo")
        assert_equal 1, report.rows_taken
        assert_equal File.size(path), report.bytes
        assert_equal Date.new(2025, 1, 7), ledger.customer("山田").events.first.day
      end
      Ltvcrm::Ledger.open do |ledger|
        error = assert_raises(Ltvcrm::EncodingError) { ledger.load_csv(path, decimals: 0) }
        assert_match(/--encoding cp932/, error.message)
      end
      assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::CsvOptions.new(encoding: "latin-1") }
      assert_raises(Ltvcrm::NotFoundError) { Ltvcrm::CsvOptions.new(timezone: "Mars/Base") }
    end
  end
end
