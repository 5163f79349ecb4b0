"""The CRM maturity grader (seed 000): ten questions, a grade A/B/C and the next steps."""

from __future__ import annotations

import ctypes
import enum
from ctypes import byref, c_int32, c_int64, c_void_p
from dataclasses import dataclass

from . import _ints, dates
from ._handle import Handle, Owner
from ._lib import C, raise_status, register
from .crm import Element, Stage
from .errors import InvalidArgumentError
from .segment import enum_value, lang_code

__all__ = ["Answer", "MaturityGrade", "Capability", "NextStep", "Grade", "grade", "question", "topic", "answer_text", "note", "grade_title",
           "grade_summary", "grade_explanation", "target", "recommendation", "capability_label", "parse_choice",
           "QUESTIONS"]

_P, _I32, _S = c_void_p, c_int32, ctypes.c_size_t
_STATUS = "status"
register({
    "ltv_grader_question": (_P, [_I32, ctypes.c_int]),
    "ltv_grader_topic": (_P, [_I32, ctypes.c_int]),
    "ltv_grader_answer": (_P, [_I32, _I32, ctypes.c_int]),
    "ltv_grader_note": (_P, [ctypes.c_int, ctypes.c_int]),
    "ltv_grader_grade_title": (_P, [ctypes.c_int, ctypes.c_int]),
    "ltv_grader_grade_summary": (_P, [ctypes.c_int, ctypes.c_int]),
    "ltv_grader_grade_explanation": (_P, [ctypes.c_int, ctypes.c_int]),
    "ltv_grader_target": (_STATUS, [_I32, ctypes.POINTER(_I32), ctypes.POINTER(_I32), ctypes.POINTER(_I32)]),
    "ltv_grader_recommendation": (_P, [_I32, ctypes.c_int]),
    "ltv_grader_capability_label": (_P, [ctypes.c_int, ctypes.c_int]),
    "ltv_grader_parse_choice": (_STATUS, [_P, _S, ctypes.POINTER(_I32)]),
    "ltv_grader_grade": (_STATUS, [ctypes.POINTER(_P), _P, _S]),
    "ltv_grader_grade_choices": (_STATUS, [ctypes.POINTER(_P), _P, _S]),
    "ltv_grade_free": (None, [_P]),
    "ltv_grade_level": (_STATUS, [_P]),
    "ltv_grade_letter": (_P, [_P]),
    "ltv_grade_a_count": (_STATUS, [_P]),
    "ltv_grade_answer": (_STATUS, [_P, _I32]),
    "ltv_grade_answers": (_P, [_P]),
    "ltv_grade_title": (_P, [_P, ctypes.c_int]),
    "ltv_grade_summary": (_P, [_P, ctypes.c_int]),
    "ltv_grade_explanation": (_P, [_P, ctypes.c_int]),
    "ltv_grade_step_count": (_S, [_P]),
    "ltv_grade_step": (_STATUS, [_P, _S, ctypes.POINTER(_I32), ctypes.POINTER(_I32), ctypes.POINTER(_I32),
                                 ctypes.POINTER(_I32), ctypes.POINTER(_I32)]),
    "ltv_grade_step_text": (_P, [_P, _S, ctypes.c_int]),
    "ltv_grade_attach_ledger": (_STATUS, [_P, _P, _I32, _I32]),
    "ltv_grade_attach_ledger_v2": (_STATUS, [_P, _P, _I32, _I32, _P]),
    "ltv_grade_figure": (_STATUS, [_P, ctypes.c_int, ctypes.POINTER(c_int64)]),
    "ltv_grade_figure_line": (_STATUS, [_P, _I32, ctypes.c_int, ctypes.POINTER(_P)]),
})

#: Number of questions (numbered 1..10).
QUESTIONS = 10
_WHOLE_MATRIX = -1


class Answer(enum.IntEnum):
    """Answers to a question, best first (ltv_answer)."""

    A = 0
    B = 1
    C = 2
    D = 3


class MaturityGrade(enum.IntEnum):
    """The three grades (ltv_maturity_grade)."""

    A = 0
    B = 1
    C = 2


class Capability(enum.IntEnum):
    """The library capability a next step points to (ltv_grader_capability)."""

    ANNUAL_LTV_REPORT = 0
    TENURE_DISTRIBUTION = 1
    FIRST_SECOND_REPORT = 2
    SCENARIO_PLANNER = 3
    PLANNER_CHANNELS = 4
    SEGMENTATION = 5
    PLANNER_NEXT_ACTIONS = 6
    PLANNER_OFFERS = 7
    REACTIVATION_SCENARIO = 8
    CAMPAIGN_MATRIX = 9


_FIGURES = ["as_of_day", "customers", "repeat_customers", "first_buyers_90", "second_within_90", "tenure_0_99",
            "tenure_100_199", "tenure_200_299", "tenure_300_365", "tenure_over_365", "year_customers",
            "year_amount", "annual_ltv", "state_new", "state_repeat", "state_fan", "state_dormant"]


def _text(ptr) -> str:
    """A static or borrowed string; a NULL pointer raises the error the library set."""
    if not ptr:
        raise_status(C.ltv_last_status() or -1)
    return ctypes.string_at(ptr).decode("utf-8")


def _question(number) -> int:
    """A question number for the C call (the library checks 1..10)."""
    return _ints.int32(number, "question number")


def question(number: int, lang="en") -> str:
    """The text of question 1..10."""
    return _text(C.ltv_grader_question(_question(number), lang_code(lang)))


def topic(number: int, lang="en") -> str:
    """A short title of a question's topic."""
    return _text(C.ltv_grader_topic(_question(number), lang_code(lang)))


def answer_text(number: int, choice, lang="en") -> str:
    """The text of one answer (A..D) to a question, without its letter."""
    return _text(C.ltv_grader_answer(_question(number), enum_value(Answer, choice, "answer"), lang_code(lang)))


def note(name, lang="en") -> str:
    """A general text: ``"title"``, ``"rule"`` or ``"purpose"``."""
    notes = {"title": 0, "rule": 1, "purpose": 2}
    code = notes.get(name, name) if isinstance(name, str) else _ints.checked(name, "note", _ints.INT)
    if isinstance(code, str):
        raise InvalidArgumentError(f"note {name!r} is not one of {', '.join(notes)}")
    return _text(C.ltv_grader_note(code, lang_code(lang)))


def grade_title(level, lang="en") -> str:
    """The heading of a grade."""
    return _text(C.ltv_grader_grade_title(enum_value(MaturityGrade, level, "grade"), lang_code(lang)))


def grade_summary(level, lang="en") -> str:
    """The meaning of a grade in one sentence."""
    return _text(C.ltv_grader_grade_summary(enum_value(MaturityGrade, level, "grade"), lang_code(lang)))


def grade_explanation(level, lang="en") -> str:
    """The full explanation of a grade (lines separated by newlines)."""
    return _text(C.ltv_grader_grade_explanation(enum_value(MaturityGrade, level, "grade"), lang_code(lang)))


def _stage_element(stage: int, element: int):
    if stage == _WHOLE_MATRIX:
        return None, None
    return Stage(stage), Element(element)


def target(number: int) -> tuple[Stage | None, Element | None, Capability]:
    """Where a weak answer is fixed: (stage, element, capability); stage and element are None
    for a question about the whole matrix (Q10)."""
    stage, element, capability = c_int32(), c_int32(), c_int32()
    C.ltv_grader_target(_question(number), byref(stage), byref(element), byref(capability))
    return (*_stage_element(stage.value, element.value), Capability(capability.value))


def recommendation(number: int, lang="en") -> str:
    """What to do about a question whose answer is not A."""
    return _text(C.ltv_grader_recommendation(_question(number), lang_code(lang)))


def capability_label(capability, lang="en") -> str:
    """The name of a capability."""
    return _text(C.ltv_grader_capability_label(enum_value(Capability, capability, "capability"), lang_code(lang)))


def parse_choice(text: str) -> Answer:
    """One answer letter as typed at a prompt ("b", " C ", "Ｄ")."""
    raw = text.encode("utf-8")
    out = c_int32()
    C.ltv_grader_parse_choice(raw, len(raw), byref(out))
    return Answer(out.value)


@dataclass(frozen=True)
class NextStep:
    """One answer other than A, worst first: the question, the matrix box, the capability."""

    question: int
    answer: Answer
    stage: Stage | None
    element: Element | None
    capability: Capability
    text: str


class Grade(Owner):
    """A graded questionnaire (ltv_grade).

    `answers` is text such as ``"AABCDAABBA"`` (lower case, fullwidth letters and
    separators accepted) or ten answers as :class:`Answer` values, ints 0..3 or letters.
    """

    __slots__ = ()
    _kind = "grade"

    def __init__(self, answers):
        out = c_void_p()
        if isinstance(answers, (str, bytes)):
            raw = answers.encode("utf-8") if isinstance(answers, str) else answers
            C.ltv_grader_grade(byref(out), raw, len(raw))
        else:
            values = [enum_value(Answer, a, "answer") for a in answers]
            buf = (c_int32 * len(values))(*values)
            C.ltv_grader_grade_choices(byref(out), buf, len(values))
        self._adopt(Handle(out.value, C.ltv_grade_free))

    @property
    def level(self) -> MaturityGrade:
        return MaturityGrade(C.ltv_grade_level(self._ptr))

    @property
    def letter(self) -> str:
        return _text(C.ltv_grade_letter(self._ptr))

    @property
    def a_count(self) -> int:
        """The number of A answers, which alone decides the grade."""
        return C.ltv_grade_a_count(self._ptr)

    @property
    def answers(self) -> str:
        """All ten answers as letters, such as "AABCDAABBA"."""
        return _text(C.ltv_grade_answers(self._ptr))

    def answer(self, number: int) -> Answer:
        """The answer given to question 1..10."""
        return Answer(C.ltv_grade_answer(self._ptr, _question(number)))

    def title(self, lang="en") -> str:
        return _text(C.ltv_grade_title(self._ptr, lang_code(lang)))

    def summary(self, lang="en") -> str:
        return _text(C.ltv_grade_summary(self._ptr, lang_code(lang)))

    def explanation(self, lang="en") -> str:
        return _text(C.ltv_grade_explanation(self._ptr, lang_code(lang)))

    def steps(self, lang="en") -> list[NextStep]:
        """The next steps, worst answer first: steps()[0] is the one thing to fix next."""
        code = lang_code(lang)
        steps = []
        for i in range(C.ltv_grade_step_count(self._ptr)):
            q, a, stage, element, cap = (c_int32() for _ in range(5))
            C.ltv_grade_step(self._ptr, i, byref(q), byref(a), byref(stage), byref(element), byref(cap))
            steps.append(NextStep(q.value, Answer(a.value), *_stage_element(stage.value, element.value),
                                  Capability(cap.value), _text(C.ltv_grade_step_text(self._ptr, i, code))))
        return steps

    def attach_ledger(self, ledger, as_of=None, decimals: int = 0, config=None) -> "Grade":
        """Compute the shop's own figures beside Q1, Q2, Q3 and Q6 from a ledger; returns self.

        `as_of` defaults to the day after the ledger's last event; `decimals` is how amounts
        are written in :meth:`figure_line` (0 for yen, 2 for cents). With `config` (a
        :class:`SegmentConfig`) Q6's states follow the segmentation's rules and thresholds
        (ltv_grade_attach_ledger_v2), so they agree with :meth:`Ledger.segment` given the same
        settings; without it, the 1.0 figures (180 / 5 / 365 from the last order).
        """
        day = ledger.default_as_of() if as_of is None else dates.to_day(as_of)
        if config is None:
            C.ltv_grade_attach_ledger(self._ptr, ledger._ptr, day, _ints.int32(decimals, "decimals"))
        else:
            C.ltv_grade_attach_ledger_v2(self._ptr, ledger._ptr, day, _ints.int32(decimals, "decimals"), config._ptr)
        return self

    def figure(self, name: str):
        """One figure by name (see :meth:`figures`); StateError without a ledger."""
        try:
            code = _FIGURES.index(name)
        except ValueError:
            raise InvalidArgumentError(f"figure {name!r} is not one of {', '.join(_FIGURES)}") from None
        out = c_int64()
        C.ltv_grade_figure(self._ptr, code, byref(out))
        return dates.from_day(out.value) if name == "as_of_day" else out.value

    def figures(self) -> dict:
        """Every figure by name (``as_of_day`` as a date); StateError without a ledger."""
        return {name: self.figure(name) for name in _FIGURES}

    def figure_line(self, number: int, lang="en") -> str | None:
        """The shop's figure beside a question as a line of text; None for questions without one."""
        from .errors import NotFoundError

        line = c_void_p()
        try:
            C.ltv_grade_figure_line(self._ptr, _question(number), lang_code(lang), byref(line))
        except NotFoundError:
            return None
        return _text(line.value)

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.Grade closed>"
        return f"<ltvcrm.Grade {self.letter} answers={self.answers}>"


def grade(answers) -> Grade:
    """Grade ten answers: ``ltvcrm.grade("AABCDAABBA").letter == "C"``."""
    return Grade(answers)


