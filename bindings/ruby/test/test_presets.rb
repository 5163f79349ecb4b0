# frozen_string_literal: true

require_relative "helper"
require "json"
require "bigdecimal"

# Platform presets through Ruby: the same figures as the tool and as an independent reading.
class TestPresets < Minitest::Test
  FIXTURES = File.join(TestSupport::REPO, "tests", "data", "platforms")
  FILES = { "shopify" => "shopify.csv", "woocommerce" => "woocommerce.csv", "eccube" => "eccube.csv",
            "rakuten" => "rakuten.csv", "amazon" => "amazon.txt" }.freeze

  def expected(preset)
    out = IO.popen(["python3", File.join(FIXTURES, "expected.py"), preset, File.join(FIXTURES, FILES[preset])], &:read)
    JSON.parse(out)
  end

  FILES.each_key do |preset|
    define_method("test_#{preset}_equals_an_independent_reading") do
      decimals = Ltvcrm::CsvOptions.new(preset: preset)[:decimals]
      want = expected(preset)
      Ltvcrm::Ledger.open do |ledger|
        report = ledger.load_csv(File.join(FIXTURES, FILES[preset]), preset: preset)
        s = ledger.summary
        scale = BigDecimal(10)**decimals
        assert_equal 0, report.rows_rejected
        assert_equal [want["customers"], want["orders"]], [s.customers, s.orders]
        assert_equal BigDecimal(want["gross"]), BigDecimal(s.gross_revenue) / scale
        assert_equal BigDecimal(want["refunded"]), BigDecimal(s.gross_revenue - s.revenue) / scale
        assert_equal BigDecimal(want["net"]), BigDecimal(s.revenue) / scale
      end
    end
  end

  def test_the_list_and_what_each_cannot_tell
    assert_equal %w[shopify woocommerce eccube rakuten amazon], Ltvcrm.presets.first(5).map(&:name)
    assert_match(/no buyer/, Ltvcrm.preset_info("amazon").warning)
    assert_nil Ltvcrm.preset_info("shopify").warning
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::CsvOptions.new(preset: "magento") }
  end
end
