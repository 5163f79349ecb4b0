"""The campaign matrix: boxes, figures, gaps, verdicts, render, save and load."""

import pytest

import ltvcrm
from ltvcrm import BalanceVerdict, BoxStatus, CpoVerdict, Element, Stage


def test_empty_matrix_and_boxes():
    with ltvcrm.Matrix() as m:
        assert all(b.status == BoxStatus.EMPTY and b.text == "" for b in m.boxes()) and len(m.boxes()) == 20
        assert len(m.gaps()) == 20 and m.balance() == BalanceVerdict.NOT_PLANNED
        m.set_box("retention", "offer", "先行販売", "active")
        assert m.box(Stage.RETENTION, Element.OFFER) == ltvcrm.Box(Stage.RETENTION, Element.OFFER, BoxStatus.ACTIVE,
                                                                   "先行販売")
        m.set_box("retention", "offer")
        assert m.box("retention", "offer").status == BoxStatus.EMPTY


def test_box_errors_name_the_box():
    with ltvcrm.Matrix() as m:
        with pytest.raises(ltvcrm.InvalidArgumentError):
            m.set_box("retention", "offer", "", "active")  # an active box needs a plan
        with pytest.raises(ltvcrm.OutOfRangeError):
            m.set_box("retention", "offer", "x" * 1025)
        with pytest.raises(ltvcrm.InvalidArgumentError):
            m.set_box("retention", "offer", "bell\a")
        with pytest.raises(ltvcrm.InvalidArgumentError):
            m.set_box("loyalty", "offer", "x")


def test_balance_gaps_and_planned_stages():
    with ltvcrm.Matrix() as m:
        for element in Element:
            m.set_box(Stage.ACQUISITION, element, "plan", "active")
        assert m.stage_planned("acquisition") and not m.stage_planned("retention")
        assert m.balance() == BalanceVerdict.LEAKING
        assert m.stage_counts("acquisition") == {"empty": 0, "draft": 0, "active": 5}
        assert m.gaps()[0] == (Stage.ACTIVATION, Element.SEGMENT) and len(m.gaps()) == 15
        m.configure(planned_min=5)
        assert m.setting("planned_min") == 5
        with pytest.raises(ltvcrm.OutOfRangeError):
            m.configure(planned_min=6)
        assert ltvcrm.matrix.balance_message(BalanceVerdict.LEAKING, "ja")


def test_figures_and_cpo_verdict():
    with ltvcrm.Matrix() as m:
        assert m.ltv is None and m.acquisition() is None and m.stage_figures("retention") is None
        with pytest.raises(ltvcrm.NotFoundError):
            m.cpo_verdict()
        m.set_acquisition(1000, 5000)
        m.ltv = 4000
        assert m.cpo_verdict() == CpoVerdict.LEAKING and m.acquisition() == (1000, 5000)
        m.ltv = 5000
        assert m.cpo_verdict() == CpoVerdict.BREAK_EVEN
        with pytest.raises(ltvcrm.InvalidArgumentError):
            m.set_stage_figures("acquisition", 1, 1)
        m.clear_figures()
        assert m.ltv is None


def test_figures_from_a_segmentation():
    ledger = ltvcrm.Ledger()
    ledger.add_order("N", "2025-12-01", 1000)
    ledger.add_order("R", "2025-11-01", 2000)
    ledger.add_order("R", "2025-12-01", 3000)
    ledger.add_order("D", "2024-01-01", 500)
    with ltvcrm.Matrix() as m, ledger.segment("2026-01-01", ltv_basis="lifetime") as seg:
        m.figures_from(seg)
        assert m.stage_figures("activation") == (1, 1000)
        assert m.stage_figures("retention") == (1, 5000)
        assert m.stage_figures("churn_prevention") == (1, 500)
        assert m.ltv == 2167  # (1000 + 5000 + 500) / 3 rounded


def test_template_render_save_and_load(tmp_path):
    m = ltvcrm.Matrix.template("ja", cell_width=30)
    assert all(b.status == BoxStatus.DRAFT for b in m.boxes())
    assert "新規獲得" in m.render("text", "ja") and m.render("markdown").startswith("#")
    for fmt in ("json", "csv"):
        again = ltvcrm.Matrix.load(m.save(fmt), fmt)
        assert again.boxes() == m.boxes()
        path = tmp_path / f"plan.{fmt}"
        m.save_file(path)
        assert ltvcrm.Matrix.load_file(path).boxes() == m.boxes()
    with pytest.raises(ltvcrm.InvalidArgumentError):
        m.save("text")
    with pytest.raises(ltvcrm.ParseError):
        ltvcrm.Matrix.load("{")
    with pytest.raises(ltvcrm.FileError):
        ltvcrm.Matrix.load_file(tmp_path / "missing.json")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.Matrix.load_file(tmp_path / "plan.txt")
