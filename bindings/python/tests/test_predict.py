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


def test_summary_pmf_and_diagnostics(cdnow):
    _, data = cdnow
    fit = ltvcrm.Fit.from_params("bgnbd", [0.243, 4.414, 0.793, 2.426])
    pmf = fit.pmf(2, 30.43, 38.86, 39, 60)
    assert abs(sum(pmf) - 1) < 1e-9
    assert abs(sum(n * p for n, p in enumerate(pmf)) - fit.expected(2, 30.43, 38.86, 39)) < 1e-6
    assert fit.diagnostics(data, "bins").startswith("x,customers,actual_mean,expected_mean,actual,expected\n0,1411,")
    assert '"period_end": "1998-06-30"' in fit.diagnostics(data, "tracking", format="json")
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
