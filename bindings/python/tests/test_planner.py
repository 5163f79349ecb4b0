"""The scenario planner: scenarios and steps, validation, text format, runs, schedules, timing."""

import datetime as dt

import pytest

import ltvcrm
from ltvcrm import Action, Channel, EntryStatus, Offer, PlanProblemKind, Stage, State, Stop, StepField, Trigger
from ltvcrm import planner as P


def small_planner():
    """Email only; three days after a purchase, ask new customers for their second purchase."""
    planner = ltvcrm.Planner()
    planner.set_channel("email", enabled=True, weekly_cap=2, role="Thank-you and usage help")
    s = planner.add_scenario("follow", "purchase")
    planner.add_step(s, "day3", 3, Channel.EMAIL, Stage.ACTIVATION, Action.SECOND_PURCHASE, Offer.CONTENT,
                     states={"new"}, stop=["order"], note="How are you getting on?")
    return planner


def small_ledger():
    ledger = ltvcrm.Ledger()
    ledger.add_order("A", "2026-01-01", 1000)   # new: the step falls on 01-04
    ledger.add_order("B", "2026-01-01", 1000)   # two orders: repeat, the step's condition fails
    ledger.add_order("B", "2026-01-02", 1000)
    ledger.add_order("C", "2025-12-31", 1000)   # the step fell on 01-03: passed
    return ledger


def test_steps_read_back_as_set():
    planner = small_planner()
    step = planner.step("follow", "day3")
    assert (step.scenario, step.index, step.name, step.day, step.channel, step.stage, step.action, step.offer) == (
        0, 0, "day3", 3, Channel.EMAIL, Stage.ACTIVATION, Action.SECOND_PURCHASE, Offer.CONTENT)
    assert step.states == {State.NEW} and step.ranks == frozenset() and step.stop == Stop.ORDER
    assert step.max_orders is None and step.note == "How are you getting on?"
    planner.update_step("follow", 0, day=5, ranks={"excellent", "none"}, max_orders=3, before_second_purchase=True,
                        min_order_value=5000, stop=Stop.ORDER | Stop.CANCEL, note="")
    step = planner.step(0, 0)
    assert (step.day, step.max_orders, step.before_second_purchase, step.min_order_value) == (5, 3, True, 5000)
    assert step.ranks == {ltvcrm.Rank.EXCELLENT, ltvcrm.Rank.NONE} and step.stop == Stop.ORDER | Stop.CANCEL
    assert step.note == ""
    assert planner.channel("email") == {"enabled": True, "weekly_cap": 2, "role": "Thank-you and usage help"}
    assert planner.channel(Channel.SMS)["enabled"] is False
    scenario = planner.scenario("follow")
    assert (scenario.index, scenario.trigger, len(scenario.steps)) == (0, Trigger.PURCHASE, 1)


def test_run_lists_todays_actions_and_the_load():
    ledger = small_ledger()
    with small_planner().run(ledger, "2026-01-04") as run:
        assert len(run) == 1
        assert run.due() == [ltvcrm.DueAction(0, "A", 0, 0, Channel.EMAIL)]
        columns = run.due_columns()
        assert columns["customer"].tolist() == [0] and columns["channel"].tolist() == [0]
        assert run.load("email")[:3] == [1, 0, 0] and len(run.load("email")) == P.HORIZON
        assert sum(run.loads()["line"]) == 0


def test_schedule_of_one_customer():
    ledger = small_ledger()
    planner = small_planner()
    schedule = planner.schedule(ledger, "B", "2026-01-04")
    assert (schedule.state, schedule.orders, schedule.anchors) == (State.REPEAT, 2, {0: dt.date(2026, 1, 2)})
    assert [(e.day, e.status, e.reason) for e in schedule.entries] == [
        (dt.date(2026, 1, 5), EntryStatus.SKIPPED, StepField.STATES)]
    passed = planner.schedule(ledger, "C", "2026-01-04").entries[0]
    assert (passed.day, passed.status) == (dt.date(2026, 1, 3), EntryStatus.PASSED)
    with pytest.raises(ltvcrm.NotFoundError):
        planner.schedule(ledger, "nobody", "2026-01-04")


def test_stop_rule_names_the_event():
    ledger = ltvcrm.Ledger()
    ledger.add_order("A", "2026-01-01", 1000)
    planner = small_planner()
    planner.update_step("follow", "day3", states=None)
    planner.add_scenario("first", "first_purchase")
    planner.add_step("first", "day5", 5, "email", "activation", "review", "content", stop="order")
    ledger.add_order("A", "2026-01-03", 1000)  # after the first purchase, before its day 5
    entries = planner.schedule(ledger, "A", "2026-01-10").entries
    stopped = [e for e in entries if e.scenario == 1][0]
    assert (stopped.status, stopped.reason, stopped.reason_day) == (EntryStatus.STOPPED, Stop.ORDER,
                                                                    dt.date(2026, 1, 3))


def test_platform_events_reach_visitors_not_in_the_ledger():
    planner = ltvcrm.Planner()
    planner.set_channel("email", enabled=True)
    planner.add_scenario("cart", Trigger.CART_CREATED)
    planner.add_step("cart", "remind", 1, "email", "acquisition", "complete_order", "experience")
    events = ltvcrm.PlatformEvents()
    events.add_cart("visitor", "2026-01-01")
    events.add("A", "product_viewed", "2026-01-01")
    assert len(events) == 2
    with planner.run(small_ledger(), "2026-01-02", events) as run:
        assert run.due() == [ltvcrm.DueAction(None, "visitor", 0, 0, Channel.EMAIL)]
    with pytest.raises(ltvcrm.InvalidArgumentError):
        events.add("A", "checkout", "2026-01-01")


def test_validation_problems():
    assert [p.kind for p in ltvcrm.Planner().validate()] == [PlanProblemKind.NO_SCENARIO]
    planner = small_planner()
    assert planner.validate() == []
    planner.set_channel("email", enabled=False)
    problems = planner.validate()
    assert [(p.kind, p.scenario, p.step) for p in problems] == [(PlanProblemKind.CHANNEL_DISABLED, 0, 0)]
    assert "email" in problems[0].message
    with pytest.raises(ltvcrm.ValidationError):
        planner.run(small_ledger(), "2026-01-04")
    planner.add_scenario("empty")
    assert PlanProblemKind.EMPTY_SCENARIO in [p.kind for p in planner.validate()]


def test_bad_values_raise_with_bounds():
    planner = small_planner()
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        planner.add_step("follow", "late", 91, "email", "retention", "review", "content")
    assert "0..90" in info.value.message
    with pytest.raises(ltvcrm.InvalidArgumentError):
        planner.add_scenario("follow")  # the name is taken
    with pytest.raises(ltvcrm.InvalidArgumentError):
        planner.add_scenario("with space")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        planner.add_step("follow", "x", 1, "fax", "retention", "review", "content")
    with pytest.raises(ltvcrm.NotFoundError):
        planner.step("follow", "nothing")
    with pytest.raises(ltvcrm.OutOfRangeError):
        planner.configure(dormant_days=0)
    with pytest.raises(ltvcrm.InvalidArgumentError):
        planner.update_step("follow", 0, colour="red")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        planner.update_step("follow", 0, stop="refund-or-order")


def test_text_format_round_trip(tmp_path):
    planner = ltvcrm.Planner.default("ja")
    text = planner.to_text()
    assert ltvcrm.Planner.from_text(text).to_text() == text
    path = tmp_path / "plan.txt"
    planner.save(path)
    again = ltvcrm.Planner.load(path)
    assert [s.name for s in again.scenarios()] == [s.name for s in planner.scenarios()]
    assert again.scenarios() == planner.scenarios()
    with pytest.raises(ltvcrm.ParseError) as info:
        ltvcrm.Planner.from_text("ltvcrm-plan 1\nscenario x trigger=sometimes\n")
    assert "line 2" in info.value.message
    with pytest.raises(ltvcrm.FileError):
        ltvcrm.Planner.load(tmp_path / "missing.txt")


def test_thresholds_and_segment_config():
    planner = ltvcrm.Planner().configure(dormant_days=90, timing_window_days=5)
    assert (planner.setting("dormant_days"), planner.setting("timing_window_days")) == (90, 5)
    planner.use_segment_config(ltvcrm.SegmentConfig(dormant_days=120, fan_min_orders=7))
    assert (planner.setting("dormant_days"), planner.setting("fan_min_orders")) == (120, 7)
    planner.use_segment_config()
    assert planner.setting("dormant_days") == 180


def test_best_gaps_and_placing_a_step():
    ledger = ltvcrm.Ledger()
    for day in ("2025-10-01", "2025-10-11", "2025-11-01", "2025-12-01"):  # excellent: 4 orders in the year
        ledger.add_order("E", day, 1000)
    planner = small_planner()
    gaps, customers = planner.best_gaps(ledger, "2026-01-01")
    assert customers == 1 and gaps[10] == 1 and sum(gaps) == 1 and len(gaps) == 91
    with ledger.segment("2026-01-01") as seg:
        assert P.best_gaps_from(seg) == (gaps, customers)
    histogram = [0] * 91
    histogram[20] = 30  # 30 re-purchases (the default minimum) on day 20
    placed = planner.place_step("follow", "day3", histogram)
    assert (placed.day, placed.reason) == (20, ltvcrm.TimingReason.FROM_DATA) and "20" in placed.explanation
    assert planner.step("follow", "day3").day == 20
    histogram[20] = 5
    placed = planner.place_step("follow", "day3", histogram, lang="ja")
    assert (placed.day, placed.reason) == (20, ltvcrm.TimingReason.TOO_FEW) and placed.explanation


def test_default_planner_validates_and_runs_on_the_sample():
    from conftest import SAMPLE_CSV

    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    planner = ltvcrm.Planner.default()
    assert planner.validate() == [] and len(planner) == 5
    with planner.run(ledger) as run:
        due = run.due()
        assert len(due) == len(run) and all(d.customer_id == ledger.customer_id(d.customer_index) for d in due)
        assert sum(run.load(c)[0] for c in Channel) == len(due)


def test_labels_and_keywords():
    assert P.label(Channel.PACKAGE_INSERT, "ja") == "同梱物"
    assert P.keyword(Action.SECOND_PURCHASE) == "second_purchase"
    assert P.keyword(Stage.CHURN_PREVENTION) == "churn_prevention"
    with pytest.raises(ltvcrm.InvalidArgumentError):
        P.label(Stage.RETENTION)  # stage labels come from crm.h
    with pytest.raises(ltvcrm.InvalidArgumentError):
        P.label("email")
