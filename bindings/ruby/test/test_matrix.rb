# frozen_string_literal: true

require_relative "helper"

class TestMatrix < Minitest::Test
  M = Ltvcrm::Matrix

  def test_boxes
    M.open do |m|
      assert_equal 20, m.boxes.size
      assert(m.boxes.all? { |b| b.status == :empty && b.text.empty? })
      assert_equal [20, :not_planned], [m.gaps.size, m.balance]
      m.set_box(:retention, :offer, "先行販売", status: :active)
      assert_equal M::Box.new(:retention, :offer, :active, "先行販売"), m.box(:retention, :offer)
      assert_raises(Ltvcrm::InvalidArgumentError) { m.set_box(:retention, :offer, "", status: :active) }
      assert_raises(Ltvcrm::OutOfRangeError) { m.set_box(:retention, :offer, "x" * 1025) }
      assert_raises(Ltvcrm::InvalidArgumentError) { m.set_box(:loyalty, :offer, "x") }
    end
  end

  def test_balance_gaps_and_planned_stages
    m = M.new
    Ltvcrm::ELEMENTS.each { |e| m.set_box(:acquisition, e, "plan", status: :active) }
    assert m.stage_planned?(:acquisition)
    refute m.stage_planned?(:retention)
    assert_equal :leaking, m.balance
    assert_equal({ empty: 0, draft: 0, active: 5 }, m.stage_counts(:acquisition))
    assert_equal [%i[activation segment], 15], [m.gaps.first, m.gaps.size]
    assert_equal 5, m.configure(planned_min: 5).setting(:planned_min)
    assert_raises(Ltvcrm::OutOfRangeError) { m.configure(planned_min: 6) }
    refute_empty M.balance_message(:leaking, :ja)
  end

  def test_figures_and_cpo
    m = M.new
    assert_nil m.ltv
    assert_nil m.acquisition
    assert_raises(Ltvcrm::NotFoundError) { m.cpo_verdict }
    m.set_acquisition(1000, 5000)
    m.ltv = 4000
    assert_equal [:leaking, [1000, 5000]], [m.cpo_verdict, m.acquisition]
    assert_raises(Ltvcrm::InvalidArgumentError) { m.set_stage_figures(:acquisition, 1, 1) }
    ledger = Ltvcrm::Ledger.new
    ledger.add_order("N", "2025-12-01", 1000)
    ledger.add_order("R", "2025-11-01", 2000)
    ledger.add_order("R", "2025-12-01", 3000)
    ledger.add_order("D", "2024-01-01", 500)
    ledger.segment(as_of: "2026-01-01", ltv_basis: :lifetime) { |seg| m.figures_from(seg) }
    assert_equal [[1, 1000], [1, 5000], [1, 500], 2167],
                 [m.stage_figures(:activation), m.stage_figures(:retention), m.stage_figures(:churn_prevention), m.ltv]
  end

  def test_template_render_save_and_load
    m = M.template(lang: :ja, cell_width: 30)
    assert(m.boxes.all? { |b| b.status == :draft })
    assert_includes m.render(lang: :ja), "新規獲得"
    %i[json csv].each do |format|
      assert_equal m.boxes, M.load(m.save(format: format), format: format).boxes
      Dir.mktmpdir do |dir|
        path = File.join(dir, "plan.#{format}")
        m.save_file(path)
        assert_equal m.boxes, M.load_file(path).boxes
      end
    end
    assert_raises(Ltvcrm::InvalidArgumentError) { m.save(format: :text) }
    assert_raises(Ltvcrm::ParseError) { M.load("{") }
    assert_raises(Ltvcrm::FileError) { M.load_file("/nonexistent/plan.json") }
    assert_raises(Ltvcrm::InvalidArgumentError) { M.load_file("plan.txt") }
  end
end
