# frozen_string_literal: true

require "tmpdir"
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
    table = bg.diagnostics_values(d, :bins)
    assert_equal 8, table.size
    assert_equal [1411.0, 439.0], table.first(2).map { |row| row[1] }
    assert_equal 1882.0, table.sum { |row| row[4] }
    assert_equal 78, bg.diagnostics_values(d, :tracking).size
  end

  def test_prediction_selected_columns
    d = data
    bg = Ltvcrm::Fit.new(d, :bgnbd)
    gg = Ltvcrm::Fit.new(d, :gammagamma)
    full = Ltvcrm.predict(bg, d, spend_fit: gg, horizon: 39)
    some = Ltvcrm.predict(bg, d, spend_fit: gg, horizon: 39, columns: %i[p_alive clv])
    assert_equal %i[in_calibration p_alive clv], some.columns.keys
    assert_equal full.p_alive, some.p_alive
    assert_equal full.clv, some.clv
    assert_raises(Ltvcrm::StateError) { some.expected }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.predict(bg, d, columns: %i[p_alive nope]) }
  end

  def test_not_identified
    once = Ltvcrm::PredictData.from_summary([0, 0], [0, 0], [3, 4])
    err = assert_raises(Ltvcrm::ValidationError) { Ltvcrm::Fit.new(once, :bgnbd) }
    assert_match(/repeat purchase/, err.message)
    pmf = Ltvcrm::Fit.from_params(:bgnbd, [0.243, 4.414, 0.793, 2.426]).pmf(2, 30.43, 38.86, 39, 50)
    assert_in_delta 1.0, pmf.sum, 1e-9
  end

  # Predictions in the segmentation: BG/NBD r=1, alpha=10, a=1, b=3 in days as of 2026-02-11
  # (tests/test_segment_alive.c): P(alive) a 0.463519 (0.627907 ten days earlier), c 1.
  def test_segmentation_p_alive_rule_and_falling
    ledger = Ltvcrm::Ledger.new
    [["a", "2026-01-01", 1000], ["a", "2026-01-11", 2000], ["a", "2026-01-21", 3000], ["b", "2026-01-01", 1000],
     ["b", "2026-02-08", 1000], ["c", "2026-01-06", 1000], ["d", "2026-01-01", 1000], ["d", "2026-01-02", 1000],
     ["d", "2026-01-03", 1000]].each { |id, day, amount| ledger.add_order(id, day, amount) }
    cfg = Ltvcrm::SegmentConfig.new(alive_rule: :either, alive_threshold_permille: 500, falling_days: 10)
    cfg.set_model(Ltvcrm::Fit.from_params(:bgnbd, [1, 10, 1, 3]), Ltvcrm::Fit.from_params(:gammagamma, [6, 4, 15]),
                  unit: :day)
    GC.start # the config keeps the models alive
    seg = ledger.segment(as_of: "2026-02-11", config: cfg)
    a = seg.customer("a")
    assert_in_delta 0.463519313304721, a.p_alive, 1e-12
    assert_in_delta 0.627906976744186, a.p_alive_before, 1e-12
    assert_equal :dormant, a.state
    assert_includes a.flags, :alive_falling
    assert_operator a.predicted_clv, :>, 0
    assert_equal :new, seg.customer("c").state
    assert_equal 2, seg.state_stats(:dormant)[:customers]
    assert_equal seg.p_alive, (0...seg.size).map { |i| seg.customer(i).p_alive }
    plain = ledger.segment(as_of: "2026-02-11")
    refute plain.columns.key?(:p_alive)
    assert_raises(Ltvcrm::StateError) { plain.p_alive }
    cfg.update(alive_threshold_permille: 0, falling_days: 0)
    assert_equal plain.state, ledger.segment(as_of: "2026-02-11", config: cfg).state
    assert_equal :either, cfg[:alive_rule]
    assert_raises(Ltvcrm::StateError) { ledger.segment(as_of: "2026-02-11", config: Ltvcrm::SegmentConfig.new(alive_rule: :replace)) }
  end

  def test_planner_alive_falling
    ledger = Ltvcrm::Ledger.new
    [["a", "2026-01-01", 1000], ["a", "2026-01-11", 2000], ["a", "2026-01-21", 3000], ["d", "2026-01-01", 1000],
     ["d", "2026-01-02", 1000], ["d", "2026-01-03", 1000]].each { |id, day, amount| ledger.add_order(id, day, amount) }
    planner = Ltvcrm::Planner.new
    planner.set_channel(:email, enabled: true)
    s = planner.add_scenario("watch", trigger: :purchase)
    step = { channel: :email, stage: :retention, action: :repurchase, offer: :content, alive_falling: true }
    planner.add_step(s, "for-a", day: 21, **step)
    planner.add_step(s, "for-d", day: 39, **step)
    planner.configure(falling_days: 10)
    assert planner.step(s, 0).alive_falling
    assert_raises(Ltvcrm::StateError) { planner.run(ledger, as_of: "2026-02-11") }
    planner.set_model(Ltvcrm::Fit.from_params(:bgnbd, [1, 10, 1, 3]), unit: :day)
    assert_equal ["a"], planner.run(ledger, as_of: "2026-02-11").due.map(&:customer_id)
    planner.configure(falling_drop_permille: 0)
    assert_equal %w[a d], planner.run(ledger, as_of: "2026-02-11").due.map(&:customer_id).sort
  end

  def test_segmentation_given_p_alive
    ledger = Ltvcrm::Ledger.new
    [["a", "2026-01-01", 1000], ["a", "2026-01-11", 2000], ["b", "2026-01-01", 1000], ["b", "2026-02-08", 1000]]
      .each { |id, day, amount| ledger.add_order(id, day, amount) }
    cfg = Ltvcrm::SegmentConfig.new(alive_rule: :replace, alive_threshold_permille: 500)
    cfg.set_p_alive([0.4, 0.9], predicted_clv: [1, 2])
    seg = ledger.segment(as_of: "2026-02-11", config: cfg)
    assert_equal %i[dormant repeat], [seg.customer("a").state, seg.customer("b").state]
    assert_equal [1.0, 2.0], seg.predicted_clv
    assert_raises(Ltvcrm::InvalidArgumentError) { cfg.set_p_alive([0.4, 0.9], p_alive_before: [1]) }
    cfg.set_p_alive([0.4, 1.9])
    assert_raises(Ltvcrm::OutOfRangeError) { ledger.segment(as_of: "2026-02-11", config: cfg) }
  end

  def test_segmentation_p_alive_from_csv
    ledger = Ltvcrm::Ledger.new
    [["a", "2026-01-01", 1000], ["a", "2026-01-11", 2000], ["b", "2026-01-01", 1000], ["b", "2026-02-08", 1000]]
      .each { |id, day, amount| ledger.add_order(id, day, amount) }
    Dir.mktmpdir do |dir|
      path = File.join(dir, "p_alive.csv")
      File.write(path, "p_alive,customer_id,frequency\n0.9,b,1\n0.4,a,1\n")
      cfg = Ltvcrm::SegmentConfig.new(alive_rule: :replace, alive_threshold_permille: 500)
      cfg.set_p_alive_csv(ledger, path)
      seg = ledger.segment(as_of: "2026-02-11", config: cfg)
      assert_equal %i[dormant repeat], [seg.customer("a").state, seg.customer("b").state]
      assert_equal [0.4, 0.9], seg.p_alive
      File.write(path, "customer_id,p_alive\na,0.4\nb,0.9\nzz,0.5\n")
      error = assert_raises(Ltvcrm::ValidationError) { cfg.set_p_alive_csv(ledger, path) }
      assert_match(/line 4, column 1: customer 'zz' is not in the ledger/, error.message)
    end
  end
end
