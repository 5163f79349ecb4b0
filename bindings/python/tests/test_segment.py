"""Segmentation: zero-copy columns, stats as dicts, labels, settings by keyword."""

import gc
import weakref

import numpy as np
import pytest

import ltvcrm
from ltvcrm import Rank, State

AS_OF = "2026-01-01"


def shop():
    """Six customers whose states and ranks as of 2026-01-01 follow from the definitions."""
    ledger = ltvcrm.Ledger()
    ledger.add_order("N", "2025-12-01", 1000)                  # new; nurture
    ledger.add_order("R", "2025-06-01", 2000)                  # repeat; semi-excellent
    ledger.add_order("R", "2025-11-01", 2000)
    for day in ("2024-01-01", "2024-06-01", "2025-01-01", "2025-06-01", "2025-12-01"):
        ledger.add_order("F", day, 1000)                       # fan (5 orders, tenure > 365); 3 in the year
    ledger.add_order("D", "2025-01-01", 1000)                  # dormant (365 days); nurture
    ledger.add_order("C", "2025-12-01", 1000)                  # dormant by cancel; nurture
    ledger.add_cancel("C", "2025-12-15")
    ledger.add_visit("V", "2025-12-20")                        # no order: no state, no rank
    return ledger


def test_states_ranks_and_customers():
    ledger = shop()
    with ledger.segment(AS_OF) as seg:
        assert len(seg) == 6 and seg.as_of.isoformat() == AS_OF
        assert seg.state.tolist() == [State.NEW, State.REPEAT, State.FAN, State.DORMANT, State.DORMANT, State.NONE]
        assert seg.rank.tolist() == [Rank.NURTURE, Rank.SEMI_EXCELLENT, Rank.SEMI_EXCELLENT, Rank.NURTURE,
                                     Rank.NURTURE, Rank.NONE]
        assert seg.orders.tolist() == [1, 2, 5, 1, 1, 0]
        assert seg.annual_ltv.tolist() == [1000, 4000, 3000, 1000, 1000, 0]
        assert seg.lifetime_ltv.tolist() == [1000, 4000, 5000, 1000, 1000, 0]
        assert seg.recency_days.tolist() == [31, 61, 31, 365, 31, -1]
        fan = seg.customer("F")
        assert (fan.index, fan.state, fan.rank, fan.orders) == (2, State.FAN, Rank.SEMI_EXCELLENT, 5)
        assert seg.find("V").state == State.NONE and seg.customer(0) == seg.find("N")
        with pytest.raises(ltvcrm.NotFoundError):
            seg.find("nobody")
        with pytest.raises(ltvcrm.OutOfRangeError):
            seg.customer(6)


def test_columns_are_zero_copy_read_only_views():
    ledger = shop()
    seg = ledger.segment(AS_OF)
    state = seg.column("state")
    assert state.dtype == np.int8 and seg.annual_ltv.dtype == np.int64 and seg.recency_days.dtype == np.int32
    assert not state.flags.writeable and not state.flags.owndata
    # Two views share the library's buffer: nothing was copied.
    assert state.__array_interface__["data"][0] == seg.state.__array_interface__["data"][0]
    with pytest.raises(ValueError):
        state[0] = 1
    assert set(seg.columns()) == {"state", "rank", "r", "f", "m", "preset", "flags", "recency_days", "orders",
                                  "annual_ltv", "lifetime_ltv", "segment"}
    with pytest.raises(ltvcrm.InvalidArgumentError):
        seg.column("email")


def test_a_column_keeps_the_result_alive_after_close():
    ledger = shop()
    seg = ledger.segment(AS_OF)
    handle = weakref.ref(seg._handle)
    annual = seg.annual_ltv
    seg.close()
    del seg
    ledger.close()
    del ledger
    gc.collect()
    assert handle() is not None  # the array's base still holds the result (and its ledger)
    assert annual.tolist() == [1000, 4000, 3000, 1000, 1000, 0]
    del annual
    gc.collect()
    assert handle() is None  # freed once the last view is gone


def test_closed_segmentation_raises():
    with shop().segment(AS_OF) as seg:
        pass
    with pytest.raises(ltvcrm.StateError):
        seg.column("state")


def test_stats_per_state_and_rank_as_dicts():
    with shop().segment(AS_OF) as seg:
        states = seg.state_stats()
        assert list(states) == ["new", "repeat", "fan", "dormant"]
        assert states["dormant"]["customers"] == 2 and states["dormant"]["customer_share"] == pytest.approx(0.4)
        assert states["fan"]["revenue"] == 5000 and states["fan"]["orders"] == 5 and states["fan"]["year_orders"] == 3
        assert seg.state_stats(State.REPEAT) == states["repeat"] == seg.state_stats("repeat")
        ranks = seg.rank_stats()
        assert [ranks[r]["customers"] for r in ("excellent", "semi_excellent", "general", "nurture")] == [0, 2, 0, 3]
        with pytest.raises(ltvcrm.InvalidArgumentError):
            seg.state_stats("sleeping")
        with pytest.raises(ltvcrm.InvalidArgumentError):
            seg.state_stats(State.NONE)


def test_ltv_summary_and_cpo_verdict():
    with shop().segment(AS_OF) as seg:
        summary = seg.ltv_summary()
        assert summary["basis"] == ltvcrm.LtvBasis.ANNUAL and summary["customers"] == 5
        assert summary["average_ltv"] == 2000  # (1000 + 4000 + 3000 + 1000 + 1000) / 5
        assert (summary["continuing_customers"], summary["churned_customers"]) == (3, 2)
        assert seg.cpo_verdict(2000) == (ltvcrm.CpoVerdict.BREAK_EVEN, 1.0)
        assert seg.cpo_verdict(4000) == (ltvcrm.CpoVerdict.LEAKING, 0.5)
        assert seg.cpo_verdict(1000) == (ltvcrm.CpoVerdict.PROFITABLE, 2.0)
        with pytest.raises(ltvcrm.OutOfRangeError):
            seg.cpo_verdict(-1)


def test_rfm_thresholds_and_score_counts():
    with shop().segment(AS_OF, rfm_bins=3) as seg:
        assert len(seg.thresholds("recency")) == 2
        counts = seg.score_counts(ltvcrm.RfmMetric.FREQUENCY)
        assert len(counts) == 3 and sum(counts) == 5
        assert sorted(seg.f.tolist())[0] == 0  # the customer without orders scores 0
        with pytest.raises(ltvcrm.InvalidArgumentError):
            seg.thresholds("loyalty")


def test_labels_in_english_and_japanese():
    assert ltvcrm.state_label(State.FAN, "ja") == "ファン"
    assert ltvcrm.state_label("dormant") == "dormant"
    assert ltvcrm.rank_label(Rank.EXCELLENT, ltvcrm.Lang.JA) == "優良顧客"
    assert ltvcrm.cpo_verdict_label(ltvcrm.CpoVerdict.LEAKING)
    assert ltvcrm.rfm_metric_label("recency", "ja")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.state_label(State.FAN, "fr")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.rank_label(9)
    with shop().segment(AS_OF) as seg:
        assert seg.labels("state", "ja").tolist() == ["新規", "リピート", "ファン", "休眠", "休眠",
                                                      ltvcrm.state_label(State.NONE, "ja")]
        names = seg.preset_names("en")
        assert names[-1] == "Other" and seg.labels("preset").tolist() == [names[p] for p in seg.preset.tolist()]
        assert sum(seg.preset_customers().values()) == 5  # customers with an order


def test_settings_by_keyword_change_the_result():
    with shop().segment(AS_OF, dormant_days=400) as seg:
        assert seg.state.tolist()[3] == State.NEW  # 365 days is no longer dormant
    with shop().segment(AS_OF, cancel_is_dormant=False) as seg:
        assert seg.state.tolist()[4] == State.NEW
    with shop().segment(AS_OF, fan_min_orders=6) as seg:
        assert seg.state.tolist()[2] == State.REPEAT


def test_config_object_reads_back_and_checks_bounds():
    config = ltvcrm.SegmentConfig(dormant_days=90, rfm_mode="type7", ltv_basis="lifetime")
    assert config["dormant_days"] == 90 and config["rfm_mode"] == ltvcrm.RfmMode.TYPE7
    assert config.as_dict()["ltv_basis"] == ltvcrm.LtvBasis.LIFETIME and config["cancel_is_dormant"] is True
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        config["dormant_days"] = 0
    assert "1..36500" in info.value.message
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.SegmentConfig(sleepy_days=3)
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.SegmentConfig(rfm_mode="median")
    with pytest.raises(TypeError):
        shop().segment(AS_OF, config, dormant_days=3)
    with shop().segment(AS_OF, config) as seg:
        assert seg.ltv_summary()["basis"] == ltvcrm.LtvBasis.LIFETIME


def test_fixed_thresholds_and_custom_presets():
    config = ltvcrm.SegmentConfig(rfm_mode="fixed", rfm_bins=2,
                                  thresholds={"recency": [60], "frequency": [2], "monetary": [3000]},
                                  presets=[("Best", "最良", (2, 2), (2, 2), (2, 2)),
                                           {"name_en": "Recent", "r": (2, 2)}])
    with shop().segment(AS_OF, config) as seg:
        assert seg.r.tolist() == [2, 1, 2, 1, 2, 0]   # recency below 60 days scores 2
        assert seg.f.tolist() == [1, 2, 2, 1, 1, 0]
        assert seg.m.tolist() == [1, 2, 2, 1, 1, 0]
        assert seg.preset_names("ja") == ["最良", "Recent", seg.preset_names("ja")[-1]]
        assert seg.labels("preset").tolist()[:3] == ["Recent", "Other", "Best"]
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.SegmentConfig(thresholds={"recency": [90, 30]})
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        shop().segment(AS_OF, rfm_mode="fixed", rfm_bins=3, thresholds={"recency": [60], "frequency": [2],
                                                                         "monetary": [3000]})
    assert "recency" in info.value.message.lower()


def test_lookup_after_the_ledger_changed_raises_state_error():
    ledger = shop()
    seg = ledger.segment(AS_OF)
    ledger.add_order("N", "2025-12-02", 10)
    with pytest.raises(ltvcrm.StateError):
        seg.find("N")
    assert seg.state.tolist()[0] == State.NEW  # the result's own columns stay valid


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    ledger = shop()
    with ledger.segment(AS_OF) as seg:
        frame = seg.to_pandas(lang="ja")
    assert isinstance(frame, pd.DataFrame) and len(frame) == 6
    assert frame["customer_id"].tolist() == ["N", "R", "F", "D", "C", "V"]
    assert frame["state"].tolist()[:5] == ["新規", "リピート", "ファン", "休眠", "休眠"]
    assert pd.isna(frame["state"].iloc[5]) and pd.isna(frame["rank"].iloc[5])
    assert frame["annual_ltv"].sum() == 10000


def test_param_info_gives_the_bounds_the_setter_checks():
    assert ltvcrm.SegmentConfig.param_info("dormant_days") == ("LTV_SEG_DORMANT_DAYS", 1, 36500)
    assert ltvcrm.CsvOptions.param_info("decimals") == ("LTV_CSV_DECIMALS", 0, 6)
    cfg = ltvcrm.SegmentConfig()
    with pytest.raises(ltvcrm.OutOfRangeError, match="LTV_SEG_DORMANT_DAYS 36501 is outside 1..36500"):
        cfg["dormant_days"] = 36501
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.SegmentConfig.param_info("dormant")


def test_keywords_come_from_the_library():
    assert ltvcrm.state_keyword(State.NONE) == "no_order"
    assert ltvcrm.rank_keyword(Rank.SEMI_EXCELLENT) == "semi_excellent"
    assert ltvcrm.state_label(State.NONE) == "none"
