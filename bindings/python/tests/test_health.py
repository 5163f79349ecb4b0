"""The health check: the KPIs as dicts, hand-computed on a small ledger."""

import datetime as dt

import pytest

import ltvcrm
from conftest import SAMPLE_CSV

AS_OF = "2026-01-01"


def shop():
    ledger = ltvcrm.Ledger()
    ledger.add_order("A", "2025-01-01", 1000)   # second order 7 days later
    ledger.add_order("A", "2025-01-08", 1000)
    ledger.add_order("B", "2025-01-01", 2000)   # second order 60 days later
    ledger.add_order("B", "2025-03-02", 2000)
    ledger.add_order("C", "2025-12-25", 500)    # one order, 7 days before the as-of day
    return ledger


def test_overview_conversion_and_tenure():
    with shop().health_check(AS_OF, ranks=False) as hc:
        assert not hc.has_ranks and not hc.has_membership
        overview = hc.overview()
        assert overview["as_of"] == dt.date(2026, 1, 1)
        assert (overview["customers"], overview["orders"], overview["repeat_customers"]) == (3, 5, 2)
        assert overview["repeat_rate"] == pytest.approx(2 / 3) and overview["revenue"] == 6500
        conversion = hc.conversion()
        assert conversion["window_days"] == [7, 30, 60, 90, 180, 365]
        # C's first order is exactly 7 days old: not eligible for any window
        assert conversion["eligible"][:3] == [2, 2, 2] and conversion["converted"][:3] == [1, 1, 2]
        assert conversion["rate"][:3] == [0.5, 0.5, 1.0]
        assert conversion["median_gap_days"] == 33.5  # (7 + 60) / 2
        assert (conversion["most_common_week"], conversion["most_common_week_customers"]) == (1, 1)
        days, weeks = hc.gap_days(), hc.gap_weeks()
        assert len(days) == 367 and days[7] == 1 and days[60] == 1 and sum(days) == 2
        assert len(weeks) == 53 and weeks[1] == 1 and weeks[8] == 1
        tenure = hc.tenure()
        assert tenure["bin_customers"] == [3, 0, 0, 0, 0] and tenure["average_tenure_days"] == pytest.approx(67 / 3)
        assert hc.membership() is None and hc.enrollment_days() is None
        with pytest.raises(ltvcrm.NotFoundError):
            hc.conversion("excellent")  # no segmentation: no ranks


def test_membership_figures():
    ledger = shop()
    ledger.add_visit("D", "2025-01-01")
    ledger.add_cancel("D", "2025-03-01")        # churned 59 days after joining
    ledger.add_visit("E", "2025-06-01")
    with ledger.health_check(AS_OF) as hc:
        assert hc.has_membership and hc.has_ranks
        m = hc.membership()
        assert (m["members"], m["continuing_members"], m["churned_members"]) == (5, 4, 1)
        assert (m["short_window_days"], m["short_eligible"], m["short_churned"]) == (182, 4, 1)
        assert m["short_churn_rate"] == 0.25
        at_risk, cancels = hc.enrollment_days()
        assert len(at_risk) == 367 and cancels[59] == 1 and sum(cancels) == 1


def test_report_as_a_dict_and_settings():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    hc = ledger.health_check(churn_short_days=90)
    report = hc.to_dict("ja")
    assert report["as_of"] == "2026-11-01" and report["lang"] == "ja"
    assert report["overview"]["customers"] == hc.overview()["customers"] == 4000
    assert report["membership"] is None and report["labels"]
    summary = ledger.summary()
    assert hc.overview()["repeat_customers"] == summary.repeat_customers
    assert hc.conversion("excellent")["customers"] == ledger.segment().rank_stats("excellent")["customers"]
    config = ltvcrm.HealthConfig(usage_low_max=30, usage_high_min=90)
    assert config.as_dict()["usage_high_min"] == 90
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        ltvcrm.HealthConfig(churn_short_days=0)
    assert "1..3650" in info.value.message
    with pytest.raises(ltvcrm.OutOfRangeError):
        ledger.health_check(usage_low_max=100, usage_high_min=50)  # high must be above low
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.HealthConfig(blood_pressure=120)
    with pytest.raises(TypeError):
        ledger.health_check(config=config, churn_short_days=90)
    assert ltvcrm.health_param_info("usage_low_max") == ("LTV_HEALTH_USAGE_LOW_MAX", 0, 100000)
    assert ltvcrm.health_label(0, "ja") and ltvcrm.health_label(0) != ltvcrm.health_label(0, "ja")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.health_label(999)


def test_segmentation_of_another_day_is_refused():
    ledger = shop()
    with ledger.segment("2025-12-01") as seg:
        with pytest.raises(ltvcrm.InvalidArgumentError):
            ltvcrm.health.run(ledger, ltvcrm.to_day(AS_OF), seg, None, {})
        assert ledger.health_check(segmentation=seg).overview()["as_of"] == dt.date(2025, 12, 1)
