"""The CRM maturity grader and the shared CRM vocabulary."""

import pytest

import ltvcrm
from conftest import SAMPLE_CSV
from ltvcrm import Answer, Capability, Element, MaturityGrade, Stage, grader


def test_grade_from_text_counts_a_answers():
    g = ltvcrm.grade("AABCDAABBA")  # five A answers: grade C
    assert (g.level, g.letter, g.a_count, g.answers) == (MaturityGrade.C, "C", 5, "AABCDAABBA")
    assert g.answer(5) == Answer.D and g.answer(1) == Answer.A
    assert ltvcrm.grade("ａａａａａ ａａａｂｃ").letter == "B"  # fullwidth, separators ignored
    assert ltvcrm.grade("A" * 10).level == MaturityGrade.A


def test_grade_from_choices():
    assert ltvcrm.Grade([0] * 9 + [3]).letter == "A"
    assert ltvcrm.Grade(["A", "B"] * 5).a_count == 5
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        ltvcrm.Grade([0] * 9 + [4])
    assert "Q10" in info.value.message
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.Grade([0] * 9)


def test_next_steps_worst_first():
    steps = ltvcrm.grade("AABCDAABBA").steps()
    assert [(s.question, s.answer) for s in steps] == [(5, Answer.D), (4, Answer.C), (3, Answer.B), (8, Answer.B),
                                                       (9, Answer.B)]
    assert steps[0].stage == Stage.RETENTION and steps[0].element == Element.CHANNEL
    assert steps[0].capability == Capability.PLANNER_CHANNELS and steps[0].text
    assert ltvcrm.grade("AAAAAAAAAD").steps()[0].stage is None  # Q10 concerns the whole matrix


def test_bad_answers_raise_with_the_position():
    with pytest.raises(ltvcrm.ParseError) as info:
        ltvcrm.grade("AABXDAABBA")
    assert "position 4" in info.value.message
    with pytest.raises(ltvcrm.ParseError):
        ltvcrm.grade("AAB")
    with pytest.raises(ltvcrm.EncodingError):
        ltvcrm.grade(b"AAAAA\xffAAAA")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.grade("")


def test_questionnaire_texts_in_both_languages():
    assert grader.question(4, "ja") == "購入後90日間におけるCRMシナリオは設計されていますか?"
    assert grader.question(4).endswith("?")
    assert grader.topic(1) and grader.answer_text(1, "D", "ja") and grader.note("title", "ja")
    assert grader.grade_title(MaturityGrade.B).startswith("Grade B")
    assert grader.grade_summary("c") and "\n" in grader.grade_explanation("A", "ja")
    assert grader.target(10) == (None, None, Capability.CAMPAIGN_MATRIX)
    assert grader.recommendation(3) and grader.capability_label(Capability.SEGMENTATION, "ja")
    assert grader.parse_choice("ｂ") == Answer.B
    with pytest.raises(ltvcrm.OutOfRangeError):
        grader.question(11)
    with pytest.raises(ltvcrm.InvalidArgumentError):
        grader.question(1, "de")
    with pytest.raises(ltvcrm.ParseError):
        grader.parse_choice("AB")


def test_the_shops_own_figures():
    g = ltvcrm.grade("AABCDAABBA")
    with pytest.raises(ltvcrm.StateError):
        g.figures()
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(SAMPLE_CSV, decimals=0)
        g.attach_ledger(ledger)
        summary = ledger.summary()
    figures = g.figures()
    assert figures["as_of_day"] == summary.as_of
    assert (figures["customers"], figures["repeat_customers"]) == (summary.customers, summary.repeat_customers)
    assert sum(figures[f"state_{s}"] for s in ("new", "repeat", "fan", "dormant")) == summary.customers
    assert g.figure_line(3).startswith("Repeat rate") and g.figure_line(4) is None
    with pytest.raises(ltvcrm.InvalidArgumentError):
        g.figure("revenue")


def test_stage_and_element_labels():
    assert ltvcrm.stage_label(Stage.ACQUISITION, "ja") == "新規獲得"
    assert ltvcrm.element_label("offer") == "Offer"
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.stage_label(7)
