# frozen_string_literal: true

require_relative "helper"

# The HTML report from Ruby: the same bytes as the C tool's checked-in page of the sample,
# options as keywords or an object, the atomic file writer, and errors as exceptions.
class TestReport < Minitest::Test
  EXPECTED = File.join(TestSupport::REPO, "tests", "cli", "expected")

  def setup
    @ledger = Ltvcrm::Ledger.new
    @ledger.load_csv(TestSupport::SAMPLE_CSV, decimals: 0)
  end

  def teardown
    @ledger.close
  end

  def test_same_page_as_the_tool
    %i[ja en].each do |lang|
      planner = Ltvcrm::Planner.default(lang: lang)
      html = Ltvcrm.html_report(@ledger, as_of: "2026-11-01", lang: lang, decimals: 0, answers: "AABCDAABBA",
                                         planner: planner)
      assert_equal Encoding::UTF_8, html.encoding
      assert_equal File.read(File.join(EXPECTED, "report-sample-#{lang}.html"), encoding: "UTF-8"), html
    end
  end

  def test_predict_diagnostics_keywords
    cdnow = Ltvcrm::Ledger.new
    cdnow.load_csv(File.join(TestSupport::REPO, "tests", "data", "cdnow_orders.csv"))
    html = Ltvcrm.html_report(cdnow, calibration_end: "1997-09-30", holdout_end: "1998-06-30")
    assert_includes html, "the model expected 1653.4 orders of these customers and they placed 1,882"
    assert_includes html, "<title>Repeat orders per week: actual vs model</title>"
    pareto = Ltvcrm.html_report(cdnow, calibration_end: "1997-09-30", holdout_end: "1998-06-30", model: :pareto)
    assert_includes pareto, "Pareto/NBD (r = 0.5533"
    assert_raises(Ltvcrm::OutOfRangeError) do
      Ltvcrm.html_report(cdnow, as_of: "1998-06-01", calibration_end: "1997-09-30", holdout_end: "1998-06-30")
    end
  ensure
    cdnow&.close
  end

  def test_write_file_atomically
    Dir.mktmpdir do |dir|
      path = File.join(dir, "report.html")
      File.write(path, "old")
      Ltvcrm.write_html_report(path, @ledger, as_of: "2026-11-01", lang: :en, decimals: 0)
      assert_equal Ltvcrm.html_report(@ledger, as_of: "2026-11-01", lang: :en, decimals: 0),
                   File.read(path, encoding: "UTF-8")
      assert_equal ["report.html"], Dir.children(dir)
      error = assert_raises(Ltvcrm::FileError) { Ltvcrm.write_html_report(File.join(dir, "no/such/r.html"), @ledger) }
      assert_match %r{no/such/r\.html}, error.message
    end
  end

  def test_options_object_and_borrowed_inputs
    options = Ltvcrm::ReportOptions.new(lang: :en, decimals: 0, title: "Shop & Co", cpo: 9000, generated: "2026-11-02",
                                        segment_config: Ltvcrm::SegmentConfig.new(dormant_days: 90),
                                        matrix: Ltvcrm::Matrix.template(lang: :en))
    GC.start # the borrowed objects are held by the options
    html = Ltvcrm.html_report(@ledger, as_of: "2026-11-01", options: options)
    assert_includes html, "<h1>Shop &amp; Co — CRM report</h1>"
    assert_includes html, "written on 2026-11-02"
    assert_includes html, "Cost per order 9,000"
    assert_includes html, "The shop&#39;s plan"
    assert_equal 0, options[:decimals]
    assert_raises(ArgumentError) { Ltvcrm.html_report(@ledger, options: options, lang: :ja) }
    options.close
  end

  def test_errors
    assert_raises(Ltvcrm::ParseError) { Ltvcrm.html_report(@ledger, answers: "ABC") }
    error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm::ReportOptions.new(decimals: 9) }
    assert_match(/LTV_REPORT_DECIMALS 9/, error.message)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm::ReportOptions.new(lang: :fr) }
    assert_equal ["LTV_REPORT_DECIMALS", 0, 6], Ltvcrm::ReportOptions.param_info(:decimals)
  end
end
