"""Predictive CLV through the bindings: the published CDNOW numbers, numpy columns, errors."""

import os

import pytest

import ltvcrm

from conftest import REPO

CDNOW = os.path.join(REPO, "tests", "data", "cdnow_orders.csv")


@pytest.fixture(scope="module")
def cdnow():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(CDNOW, decimals=2)
    data = ltvcrm.PredictData.from_ledger(ledger, "1997-09-30", holdout_end="1998-06-30", unit="week")
    return ledger, data


def test_bgnbd_published(cdnow):
    _, data = cdnow
    fit = ltvcrm.Fit(data, "bgnbd")
    p = fit.params
    assert [round(p[k], 3) for k in ("r", "alpha", "a", "b")] == [0.243, 4.414, 0.793, 2.426]
    assert round(fit.log_likelihood, 1) == -9582.4
    assert set(fit.std_errors) == {"r", "alpha", "a", "b"}
    assert round(fit.expected(2, 30.43, 38.86, 39), 3) == 1.226
    assert data.info["customers"] == 2357 and data.info["repeaters"] == 946


def test_pareto_and_gamma_gamma_published(cdnow):
    _, data = cdnow
    pn = ltvcrm.Fit(data, "pareto")
    assert [round(pn.params[k], 3) for k in ("r", "alpha", "s", "beta")] == [0.553, 10.578, 0.606, 11.669]
    gg = ltvcrm.Fit(data, ltvcrm.Model.GAMMA_GAMMA)
    assert round(gg.params["p"], 2) == 6.25 and round(gg.params["q"], 2) == 3.74
    assert round(gg.params["gamma"] / 100, 2) == 15.44  # amounts are in cents


def test_prediction_columns_are_numpy(cdnow):
    np = pytest.importorskip("numpy")
    ledger, data = cdnow
    bg, gg = ltvcrm.Fit(data, "bgnbd"), ltvcrm.Fit(data, "gammagamma")
    pred = ltvcrm.predict(bg, data, spend_fit=gg, horizon=39, discount=0.01)
    assert len(pred) == len(ledger)
    assert isinstance(pred.p_alive, np.ndarray) and pred.p_alive.dtype == np.float64
    assert pred.next_order_day.dtype == np.int32
    assert not pred.p_alive.flags.writeable
    assert ((pred.p_alive >= 0) & (pred.p_alive <= 1)).all()
    assert pred.holdout_x.sum() == 1882
    assert abs(pred.holdout_expected.sum() - 1653.4) < 0.5
    assert (pred.clv <= pred.expected * pred.expected_spend + 1e-9).all()  # discounting only lowers it
    i = ledger.find("1")
    assert pred.x[i] == 2 and abs(pred.expected[i] - bg.expected(2, pred.t_x[i], pred.T[i], 39)) < 1e-12


def test_prediction_selected_columns(cdnow):
    ledger, data = cdnow
    bg, gg = ltvcrm.Fit(data, "bgnbd"), ltvcrm.Fit(data, "gammagamma")
    full = ltvcrm.predict(bg, data, spend_fit=gg, horizon=39)
    some = ltvcrm.predict(bg, data, spend_fit=gg, horizon=39, columns=["p_alive", "clv"])
    assert set(some.columns()) == {"in_calibration", "p_alive", "clv"}
    assert list(some.p_alive) == list(full.p_alive) and list(some.clv) == list(full.clv)
    with pytest.raises(ltvcrm.StateError, match="LTV_PREDICT_COLUMNS"):
        some.expected
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.predict(bg, data, columns=["p_alive", "nope"])


def test_summary_pmf_and_diagnostics(cdnow):
    _, data = cdnow
    fit = ltvcrm.Fit.from_params("bgnbd", [0.243, 4.414, 0.793, 2.426])
    pmf = fit.pmf(2, 30.43, 38.86, 39, 60)
    assert abs(sum(pmf) - 1) < 1e-9
    assert abs(sum(n * p for n, p in enumerate(pmf)) - fit.expected(2, 30.43, 38.86, 39)) < 1e-6
    assert fit.diagnostics(data, "bins").startswith("x,customers,actual_mean,expected_mean,actual,expected\n0,1411,")
    assert '"period_end": "1998-06-30"' in fit.diagnostics(data, "tracking", format="json")
    table = fit.diagnostics_values(data, "bins")
    assert len(table) == 8 and [row[1] for row in table][:2] == [1411, 439]
    assert sum(row[4] for row in table) == 1882
    tracking = fit.diagnostics_values(data, "tracking")
    assert len(tracking) == 78 and tracking[-1][4] == 2457 + 1882
    small = ltvcrm.PredictData.from_summary([0, 2, 5], [0, 10, 30], [40, 40, 40])
    assert small.info["customers"] == 3 and small.info["repeaters"] == 2
    assert 0 < fit.p_alive(5, 30, 40) <= 1


def test_errors():
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.PredictData.from_summary([1.5], [1], [2])
    once = ltvcrm.PredictData.from_summary([0, 0], [0, 0], [3, 4])
    with pytest.raises(ltvcrm.ValidationError, match="repeat purchase"):
        ltvcrm.Fit(once, "bgnbd")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.Fit(once, "nbd")


# ---- predictions in the segmentation (SegmentConfig.set_model) -----------------------------

def _four_customers():
    """BG/NBD r=1, alpha=10, a=1, b=3 in days, as of 2026-02-11 (tests/test_segment_alive.c):
    P(alive) a 0.463519, b 0.734382, c 1, d 0.052399; ten days earlier a 0.627907."""
    ledger = ltvcrm.Ledger()
    for cid, day, amount in [("a", "2026-01-01", 1000), ("a", "2026-01-11", 2000), ("a", "2026-01-21", 3000),
                             ("b", "2026-01-01", 1000), ("b", "2026-02-08", 1000), ("c", "2026-01-06", 1000),
                             ("d", "2026-01-01", 1000), ("d", "2026-01-02", 1000), ("d", "2026-01-03", 1000)]:
        ledger.add_order(cid, day, amount)
    return ledger


def test_segmentation_p_alive_rule_and_falling():
    ledger = _four_customers()
    fit = ltvcrm.Fit.from_params("bgnbd", [1, 10, 1, 3])
    spend = ltvcrm.Fit.from_params("gammagamma", [6, 4, 15])
    cfg = ltvcrm.SegmentConfig(alive_rule="either", alive_threshold_permille=500, falling_days=10)
    cfg.set_model(fit, spend, unit="day")
    del fit, spend  # the config keeps the models alive
    seg = ledger.segment("2026-02-11", cfg)
    a = seg.customer("a")
    assert abs(a.p_alive - 0.463519313304721) < 1e-12 and abs(a.p_alive_before - 0.627906976744186) < 1e-12
    assert a.state == ltvcrm.State.DORMANT and ltvcrm.SegmentFlag.ALIVE_FALLING in a.flags
    assert seg.customer("c").state == ltvcrm.State.NEW and seg.customer("c").p_alive == 1.0
    assert seg.state_stats("dormant")["customers"] == 2
    assert a.predicted_clv > 0
    cols = seg.columns()
    assert list(cols["p_alive"]) == [seg.customer(i).p_alive for i in range(len(seg))]
    assert "p_alive_before" in cols
    # threshold 0 leaves the days rule alone; without a model the columns are not there
    plain = ledger.segment("2026-02-11")
    assert "p_alive" not in plain.columns()
    with pytest.raises(ltvcrm.StateError):
        plain.column("p_alive")
    cfg.update(alive_threshold_permille=0, falling_days=0)
    zero = ledger.segment("2026-02-11", cfg)
    assert list(zero.state) == list(plain.state)
    assert "p_alive_before" not in zero.columns()
    # a rule without a model is refused
    with pytest.raises(ltvcrm.StateError):
        ledger.segment("2026-02-11", ltvcrm.SegmentConfig(alive_rule="replace"))
    assert cfg["alive_rule"] == ltvcrm.AliveRule.EITHER
    cfg.set_model(None)
    with pytest.raises(ltvcrm.StateError):
        ledger.segment("2026-02-11", cfg)


def test_planner_alive_falling():
    ledger = _four_customers()
    planner = ltvcrm.Planner()
    planner.set_channel("email", enabled=True)
    s = planner.add_scenario("watch", "purchase")
    planner.add_step(s, "for-a", 21, "email", "retention", "repurchase", "content", alive_falling=True)
    planner.add_step(s, "for-d", 39, "email", "retention", "repurchase", "content", alive_falling=True)
    planner.configure(falling_days=10)
    assert planner.step(s, 0).alive_falling and planner.setting("falling_drop_permille") == 100
    with pytest.raises(ltvcrm.StateError):
        planner.run(ledger, "2026-02-11")
    planner.set_model(ltvcrm.Fit.from_params("bgnbd", [1, 10, 1, 3]), unit="day")
    due = planner.run(ledger, "2026-02-11").due()
    assert [d.customer_id for d in due] == ["a"]
    planner.configure(falling_drop_permille=0)
    assert sorted(d.customer_id for d in planner.run(ledger, "2026-02-11").due()) == ["a", "d"]
    assert "alive_falling=yes" in planner.to_text()


def test_segmentation_given_p_alive():
    ledger = _four_customers()
    cfg = ltvcrm.SegmentConfig(alive_rule="replace", alive_threshold_permille=500)
    cfg.set_p_alive([0.4, 0.9, 0.2, 0.7], predicted_clv=[1, 2, 3, 4])
    seg = ledger.segment("2026-02-11", cfg)
    assert [str(s) for s in seg.labels("state")] == ["dormant", "repeat", "dormant", "repeat"]
    assert list(seg.predicted_clv) == [1, 2, 3, 4]
    with pytest.raises(ltvcrm.InvalidArgumentError):
        cfg.set_p_alive([0.4, 0.9, 0.2, 0.7], p_alive_before=[1, 1])
    cfg.set_p_alive([0.4, 0.9, 1.2, 0.7])
    with pytest.raises(ltvcrm.OutOfRangeError):
        ledger.segment("2026-02-11", cfg)


def test_segmentation_p_alive_from_csv(tmp_path):
    ledger = _four_customers()
    path = tmp_path / "p_alive.csv"
    path.write_text("p_alive,customer_id,frequency\n0.7,d,2\n0.4,a,2\n0.2,c,0\n0.9,b,1\n")
    cfg = ltvcrm.SegmentConfig(alive_rule="replace", alive_threshold_permille=500)
    cfg.set_p_alive_csv(ledger, path)
    seg = ledger.segment("2026-02-11", cfg)
    assert [str(s) for s in seg.labels("state")] == ["dormant", "repeat", "dormant", "repeat"]
    assert list(seg.p_alive) == [0.4, 0.9, 0.2, 0.7]
    path.write_text("customer_id,p_alive\na,0.4\nb,0.9\nzz,0.5\n")
    with pytest.raises(ltvcrm.ValidationError, match="line 4, column 1: customer 'zz' is not in the ledger"):
        cfg.set_p_alive_csv(ledger, path)
