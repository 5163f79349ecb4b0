# frozen_string_literal: true

require_relative "helper"

class TestCsv < Minitest::Test
  include TestSupport

  def test_sample_file_loads_completely
    Ltvcrm::Ledger.open do |ledger|
      report = ledger.load_csv(SAMPLE_CSV, decimals: 0)
      assert report.ok?
      assert_equal [7359, 7359, 4000], [report.rows_read, report.rows_taken, ledger.size]
      assert_empty report.errors
    end
  end

  def test_bad_rows_are_reported_and_good_rows_kept
    text = "customer_id,order_date,amount,items\nC1,2026-01-05,\"1,980\",2\n\nC2,2026-13-01,100,1\n" \
           "C3,2026-01-06,12x,1\n,2026-01-06,1,1\nC4,2026/1/7,¥500,1\n"
    Ltvcrm::Ledger.open do |ledger|
      report = ledger.load_csv_buffer(text, decimals: 0)
      assert_equal [5, 2, 3, 1, text.bytesize],
                   [report.rows_read, report.rows_taken, report.rows_rejected, report.blank_lines, report.bytes]
      assert_equal [[4, 2, :bad_date], [5, 3, :bad_amount], [6, 1, :empty_id]],
                   report.errors.map { |e| [e.line, e.column, e.reason] }
      assert_match(/12x/, report.errors[1].message)
      assert_equal [2480, %w[C1 C4]], [ledger.revenue, ledger.to_a]
    end
  end

  def test_options_by_keyword_and_object
    text = "会員ID;購入日;金額\nA;2026-01-01;12.50\nB;x;1\nC;y;1\n"
    Ltvcrm::Ledger.open do |ledger|
      report = ledger.load_csv_buffer(text, delimiter: ";", max_errors: 1, decimals: 2,
                                            columns: { customer_id: "会員ID", order_date: "購入日", amount: "金額" })
      assert_equal [2, 1, 1250], [report.rows_rejected, report.errors.size, ledger.revenue]
    end
    options = Ltvcrm::CsvOptions.new(decimals: 0, delimiter: "\t", strict: true, max_errors: 5)
    assert_equal [0, "\t", true, 5], [options[:decimals], options[:delimiter], options[:strict], options[:max_errors]]
    2.times do
      Ltvcrm::Ledger.open do |ledger|
        ledger.load_csv_buffer("customer_id\torder_date\tamount\nA\t2026-01-01\t7\n", options)
        assert_equal 7, ledger.revenue
      end
    end
    assert_raises(ArgumentError) { Ltvcrm::Ledger.new.load_csv_buffer("", options, decimals: 2) }
  end

  def test_option_errors_name_the_bounds
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::CsvOptions.new(decimals: 7) }
    assert_match(/0\.\.6/, error.detail)
    assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::CsvOptions.new(delimiter: "x") }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::CsvOptions.new(delimiter: ";;") }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::CsvOptions.new(columns: { phone: "tel" }) }
  end

  def test_strict_mode_raises_parse_error_with_the_report
    Ltvcrm::Ledger.open do |ledger|
      error = assert_raises(Ltvcrm::ParseError) do
        ledger.load_csv_buffer("customer_id,order_date,amount\nA,2026-01-01,1\nB,bad,1\n", strict: true)
      end
      assert_match(/line 3/, error.detail)
      assert_kind_of Ltvcrm::LoadReport, error.report
      assert_equal 0, ledger.event_count
    end
  end

  def test_whole_file_failures
    Ltvcrm::Ledger.open do |ledger|
      error = assert_raises(Ltvcrm::FileError) { ledger.load_csv("/nonexistent/missing.csv") }
      assert_match(/missing\.csv/, error.detail)
      error = assert_raises(Ltvcrm::FormatError) { ledger.load_csv_buffer("customer_id,amount\nA,1\n") }
      assert_match(/order_date/, error.detail)
      sjis = "customer_id,order_date,amount\n顧客,2026-01-01,1\n".encode(Encoding::Shift_JIS)
      error = assert_raises(Ltvcrm::EncodingError) { ledger.load_csv_buffer(sjis) }
      assert_match(/line 2/, error.detail)
      assert_equal 0, ledger.event_count
    end
  end

  def test_progress_callback_reports_and_can_cancel
    Dir.mktmpdir do |dir|
      big = File.join(dir, "big.csv")
      File.open(big, "w") do |out|
        out.write "customer_id,order_date,amount\n"
        900_000.times { |i| out.write format("C%07d,2026-01-01,1000\n", i % 50_000) }
      end
      seen = []
      Ltvcrm::Ledger.open do |ledger|
        ledger.load_csv(big, progress: ->(done, total) { seen << [done, total] })
      end
      refute_empty seen
      assert_equal File.size(big), seen.last[1]
      Ltvcrm::Ledger.open do |ledger|
        error = assert_raises(Ltvcrm::StateError) { ledger.load_csv(big, progress: ->(_d, _t) { false }) }
        assert_match(/cancel/, error.detail)
        assert_equal 0, ledger.event_count
      end
      Ltvcrm::Ledger.open do |ledger|
        error = assert_raises(KeyError) { ledger.load_csv(big, progress: ->(_d, _t) { raise KeyError, "from the callback" }) }
        assert_equal "from the callback", error.message
      end
    end
  end
end
