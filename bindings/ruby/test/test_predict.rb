# frozen_string_literal: true

require_relative "helper"

# Predictive CLV through the gem: the published CDNOW fits and the per-customer columns.
class TestPredict < Minitest::Test
  CDNOW = File.join(TestSupport::REPO, "tests", "data", "cdnow_orders.csv")

  def data
    @ledger = Ltvcrm::Ledger.new
    @ledger.load_csv(CDNOW, decimals: 2)
    Ltvcrm::PredictData.from_ledger(@ledger, "1997-09-30", holdout_end: "1998-06-30", unit: :week)
  end

  def test_bgnbd_published
    d = data
    fit = Ltvcrm::Fit.new(d, :bgnbd)
    assert_equal [0.243, 4.414, 0.793, 2.426], fit.params.values_at(:r, :alpha, :a, :b).map { |v| v.round(3) }
    assert_equal(-9582.4, fit.log_likelihood.round(1))
    assert_equal 1.226, fit.expected(2, 30.43, 38.86, 39).round(3)
    assert_equal 2357, d.info[:customers]
    gg = Ltvcrm::Fit.new(d, :gammagamma)
    assert_equal [6.25, 3.74], gg.params.values_at(:p, :q).map { |v| v.round(2) }
  end

  def test_prediction_columns
    d = data
    bg = Ltvcrm::Fit.new(d, :bgnbd)
    pred = Ltvcrm.predict(bg, d, spend_fit: Ltvcrm::Fit.new(d, :gammagamma), horizon: 39)
    assert_equal @ledger.size, pred.size
    assert(pred.p_alive.all? { |p| p >= 0 && p <= 1 })
    assert_equal 1882, pred.holdout_x.sum
    assert_in_delta 1653.4, pred.holdout_expected.sum, 0.5
    assert bg.diagnostics(d, :bins).start_with?("x,customers,actual_mean,expected_mean,actual,expected\n0,1411,")
  end

  def test_not_identified
    once = Ltvcrm::PredictData.from_summary([0, 0], [0, 0], [3, 4])
    err = assert_raises(Ltvcrm::ValidationError) { Ltvcrm::Fit.new(once, :bgnbd) }
    assert_match(/repeat purchase/, err.message)
    pmf = Ltvcrm::Fit.from_params(:bgnbd, [0.243, 4.414, 0.793, 2.426]).pmf(2, 30.43, 38.86, 39, 50)
    assert_in_delta 1.0, pmf.sum, 1e-9
  end
end
