"""The HTML report from Python: the same bytes as the C tool's checked-in page of the sample,
options as keywords or an object, the atomic file writer, and errors as exceptions."""

import os

import pytest

import ltvcrm
from conftest import REPO, SAMPLE_CSV

EXPECTED = os.path.join(REPO, "tests", "cli", "expected")


@pytest.fixture(scope="module")
def sample():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    yield ledger
    ledger.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_same_page_as_the_tool(sample, lang):
    planner = ltvcrm.Planner.default(lang)
    html = ltvcrm.html_report(sample, "2026-11-01", lang=lang, decimals=0, answers="AABCDAABBA", planner=planner)
    with open(os.path.join(EXPECTED, f"report-sample-{lang}.html"), encoding="utf-8") as f:
        assert html == f.read()


def test_write_file_atomically(sample, tmp_path):
    path = tmp_path / "report.html"
    path.write_text("old")
    ltvcrm.write_html_report(path, sample, "2026-11-01", lang="en", decimals=0)
    assert path.read_text(encoding="utf-8") == ltvcrm.html_report(sample, "2026-11-01", lang="en", decimals=0)
    assert os.listdir(tmp_path) == ["report.html"]
    with pytest.raises(ltvcrm.FileError, match="no/such/dir"):
        ltvcrm.write_html_report(tmp_path / "no" / "such" / "dir" / "r.html", sample, "2026-11-01")


def test_options_object_and_borrowed_inputs(sample):
    config = ltvcrm.SegmentConfig(dormant_days=90)
    matrix = ltvcrm.Matrix.template("en")
    options = ltvcrm.ReportOptions(lang="en", decimals=0, title="Shop & Co", cpo=9000, generated="2026-11-02",
                                   segment_config=config, matrix=matrix)
    del config, matrix  # the options keep them alive
    html = ltvcrm.html_report(sample, "2026-11-01", options)
    assert "<h1>Shop &amp; Co — CRM report</h1>" in html
    assert "written on 2026-11-02" in html
    assert "Cost per order 9,000" in html
    assert "The shop&#39;s plan" in html
    assert options.get("decimals") == 0
    with pytest.raises(TypeError):
        ltvcrm.html_report(sample, "2026-11-01", options, lang="ja")


def test_errors(sample):
    with pytest.raises(ltvcrm.ParseError):
        ltvcrm.html_report(sample, "2026-11-01", answers="ABC")
    with pytest.raises(ltvcrm.OutOfRangeError, match="LTV_REPORT_DECIMALS 9"):
        ltvcrm.ReportOptions(decimals=9)
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.ReportOptions(lang="fr")
    assert ltvcrm.report_param_info("decimals") == ("LTV_REPORT_DECIMALS", 0, 6)


def test_predict_diagnostics_keywords():
    """calibration_end, holdout_end and model reach the C options: the diagnostics charts of CDNOW."""
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(os.path.join(REPO, "tests", "data", "cdnow_orders.csv"))
        html = ltvcrm.html_report(ledger, calibration_end="1997-09-30", holdout_end="1998-06-30")
        assert "the model expected 1653.4 orders of these customers and they placed 1,882" in html
        assert "<title>Repeat orders per week: actual vs model</title>" in html
        pareto = ltvcrm.html_report(ledger, calibration_end="1997-09-30", holdout_end="1998-06-30", model="pareto")
        assert "Pareto/NBD (r = 0.5533" in pareto
        opts = ltvcrm.ReportOptions(holdout_end="1998-06-30", model="mbgnbd")
        assert opts.get("holdout_end") == ltvcrm.to_day("1998-06-30") and opts.get("model") == 2
        assert ltvcrm.report_param_info("holdout_end")[0] == "LTV_REPORT_HOLDOUT_END"
        opts.close()
        with pytest.raises(ltvcrm.OutOfRangeError, match="LTV_REPORT_HOLDOUT_END 1998-06-30"):
            ltvcrm.html_report(ledger, "1998-06-01", calibration_end="1997-09-30", holdout_end="1998-06-30")
