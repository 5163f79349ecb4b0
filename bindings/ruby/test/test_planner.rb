# frozen_string_literal: true

require_relative "helper"

class TestPlanner < Minitest::Test
  include TestSupport
  PL = Ltvcrm::Planner

  # Email only; three days after a purchase, ask new customers for their second purchase.
  def small_planner
    planner = PL.new
    planner.set_channel(:email, enabled: true, weekly_cap: 2, role: "Thank-you and usage help")
    s = planner.add_scenario("follow", trigger: :purchase)
    planner.add_step(s, "day3", day: 3, channel: :email, stage: :activation, action: :second_purchase, offer: :content,
                                states: [:new], stop: [:order], note: "How are you getting on?")
    planner
  end

  def small_ledger
    ledger = Ltvcrm::Ledger.new
    ledger.add_order("A", "2026-01-01", 1000)
    ledger.add_order("B", "2026-01-01", 1000)
    ledger.add_order("B", "2026-01-02", 1000)
    ledger.add_order("C", "2025-12-31", 1000)
    ledger
  end

  def test_steps_read_back_as_set
    planner = small_planner
    step = planner.step("follow", "day3")
    assert_equal [0, 0, "day3", 3, :email, :activation, :second_purchase, :content],
                 [step.scenario, step.index, step.name, step.day, step.channel, step.stage, step.action, step.offer]
    assert_equal [[:new], [], [:order], nil, "How are you getting on?"],
                 [step.states, step.ranks, step.stop, step.max_orders, step.note]
    planner.update_step("follow", 0, day: 5, ranks: %i[excellent none], max_orders: 3, before_second_purchase: true,
                                     min_order_value: 5000, stop: %i[order cancel], note: "")
    step = planner.step(0, 0)
    assert_equal [5, 3, true, 5000, %i[excellent none], %i[order cancel], ""],
                 [step.day, step.max_orders, step.before_second_purchase, step.min_order_value, step.ranks, step.stop,
                  step.note]
    assert_equal({ enabled: true, weekly_cap: 2, role: "Thank-you and usage help" }, planner.channel(:email))
    refute planner.channel(:sms)[:enabled]
    scenario = planner.scenario("follow")
    assert_equal [0, :purchase, 1], [scenario.index, scenario.trigger, scenario.steps.size]
  end

  def test_run_lists_todays_actions_and_the_load
    small_planner.run(small_ledger, as_of: "2026-01-04") do |run|
      assert_equal 1, run.size
      assert_equal [PL::DueAction.new(0, "A", 0, 0, :email)], run.due
      assert_equal({ customer: [0], scenario: [0], step: [0], channel: [0] }, run.due_columns)
      assert_equal [1, 0, 0], run.load(:email)[0, 3]
      assert_equal PL::HORIZON, run.load(:email).size
      assert_equal 0, run.loads[:line].sum
    end
  end

  def test_schedule_of_one_customer
    ledger = small_ledger
    planner = small_planner
    schedule = planner.schedule(ledger, "B", as_of: "2026-01-04")
    assert_equal [:repeat, 2, { 0 => Date.new(2026, 1, 2) }], [schedule.state, schedule.orders, schedule.anchors]
    assert_equal [[Date.new(2026, 1, 5), :skipped, :states]], schedule.entries.map { |e| [e.day, e.status, e.reason] }
    passed = planner.schedule(ledger, "C", as_of: "2026-01-04").entries.first
    assert_equal [Date.new(2026, 1, 3), :passed], [passed.day, passed.status]
    assert_raises(Ltvcrm::NotFoundError) { planner.schedule(ledger, "nobody", as_of: "2026-01-04") }
  end

  def test_platform_events_reach_visitors
    planner = PL.new
    planner.set_channel(:email, enabled: true)
    planner.add_scenario("cart", trigger: :cart_created)
    planner.add_step("cart", "remind", day: 1, channel: :email, stage: :acquisition, action: :complete_order,
                                       offer: :experience)
    events = Ltvcrm::PlatformEvents.new
    events.add_cart("visitor", "2026-01-01")
    events.add("A", :product_viewed, "2026-01-01")
    assert_equal 2, events.size
    due = planner.run(small_ledger, as_of: "2026-01-02", events: events, &:due)
    assert_equal [PL::DueAction.new(nil, "visitor", 0, 0, :email)], due
    assert_raises(Ltvcrm::InvalidArgumentError) { events.add("A", :checkout, "2026-01-01") }
  end

  def test_validation
    assert_equal [:no_scenario], PL.new.validate.map(&:kind)
    planner = small_planner
    assert_empty planner.validate
    planner.set_channel(:email, enabled: false)
    problems = planner.validate
    assert_equal [[:channel_disabled, 0, 0]], problems.map { |p| [p.kind, p.scenario, p.step] }
    assert_raises(Ltvcrm::ValidationError) { planner.run(small_ledger, as_of: "2026-01-04") }
  end

  def test_bad_values
    planner = small_planner
    error = assert_raises(Ltvcrm::OutOfRangeError) do
      planner.add_step("follow", "late", day: 91, channel: :email, stage: :retention, action: :review, offer: :content)
    end
    assert_match(/0\.\.90/, error.detail)
    assert_raises(Ltvcrm::InvalidArgumentError) { planner.add_scenario("follow") }
    assert_raises(Ltvcrm::InvalidArgumentError) do
      planner.add_step("follow", "x", day: 1, channel: :fax, stage: :retention, action: :review, offer: :content)
    end
    assert_raises(Ltvcrm::NotFoundError) { planner.step("follow", "nothing") }
    assert_raises(Ltvcrm::OutOfRangeError) { planner.configure(dormant_days: 0) }
    assert_raises(Ltvcrm::InvalidArgumentError) { planner.update_step("follow", 0, colour: :red) }
    assert_raises(Ltvcrm::InvalidArgumentError) { planner.update_step("follow", 0, stop: [:never]) }
  end

  def test_text_format_round_trip
    planner = PL.default(lang: :ja)
    text = planner.to_text
    assert_equal text, PL.from_text(text).to_text
    Dir.mktmpdir do |dir|
      path = File.join(dir, "plan.txt")
      planner.save(path)
      assert_equal planner.scenarios, PL.load(path).scenarios
    end
    error = assert_raises(Ltvcrm::ParseError) { PL.from_text("ltvcrm-plan 1\nscenario x trigger=sometimes\n") }
    assert_match(/line 2/, error.detail)
    assert_raises(Ltvcrm::FileError) { PL.load("/nonexistent/plan.txt") }
  end

  def test_thresholds_and_segment_config
    planner = PL.new.configure(dormant_days: 90, timing_window_days: 5)
    assert_equal [90, 5], [planner.setting(:dormant_days), planner.setting(:timing_window_days)]
    planner.use_segment_config(Ltvcrm::SegmentConfig.new(dormant_days: 120, fan_min_orders: 7))
    assert_equal [120, 7], [planner.setting(:dormant_days), planner.setting(:fan_min_orders)]
    planner.use_segment_config
    assert_equal 180, planner.setting(:dormant_days)
  end

  def test_best_gaps_and_placing_a_step
    ledger = Ltvcrm::Ledger.new
    %w[2025-10-01 2025-10-11 2025-11-01 2025-12-01].each { |day| ledger.add_order("E", day, 1000) }
    planner = small_planner
    gaps, customers = planner.best_gaps(ledger, as_of: "2026-01-01")
    assert_equal [1, 1, 1, 91], [customers, gaps[10], gaps.sum, gaps.size]
    assert_equal [gaps, customers], ledger.segment(as_of: "2026-01-01") { |seg| PL.best_gaps_from(seg) }
    histogram = Array.new(91, 0)
    histogram[20] = 30
    placed = planner.place_step("follow", "day3", histogram)
    assert_equal [20, :from_data], [placed.day, placed.reason]
    assert_equal 20, planner.step("follow", "day3").day
    histogram[20] = 5
    assert_equal :too_few, planner.place_step("follow", "day3", histogram, lang: :ja).reason
  end

  def test_default_planner_runs_on_the_sample
    ledger = Ltvcrm::Ledger.new
    ledger.load_csv(SAMPLE_CSV, decimals: 0)
    planner = PL.default
    assert_empty planner.validate
    assert_equal 5, planner.size
    planner.run(ledger) do |run|
      due = run.due
      assert_equal run.size, due.size
      assert(due.all? { |d| d.customer_id == ledger.customer_id(d.customer_index) })
      assert_equal due.size, PL::CHANNELS.sum { |c| run.load(c)[0] }
    end
  end

  def test_labels_and_keywords
    assert_equal "同梱物", PL.label(:channel, :package_insert, :ja)
    assert_equal "second_purchase", PL.keyword(:action, :second_purchase)
    assert_equal "churn_prevention", PL.keyword(:stage, :churn_prevention)
    assert_raises(Ltvcrm::InvalidArgumentError) { PL.label(:stage, :retention) }
    assert_raises(Ltvcrm::InvalidArgumentError) { PL.label(:colour, :red) }
  end
end
