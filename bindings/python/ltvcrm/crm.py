"""The CRM vocabulary shared by the matrix and the grader: four stages, five elements."""

from __future__ import annotations

import ctypes
import enum

from ._lib import C, register
from .errors import InvalidArgumentError
from .segment import enum_value, lang_code

__all__ = ["Stage", "Element", "stage_label", "element_label"]

register({
    "ltv_stage_label": (ctypes.c_void_p, [ctypes.c_int, ctypes.c_int]),
    "ltv_element_label": (ctypes.c_void_p, [ctypes.c_int, ctypes.c_int]),
})


class Stage(enum.IntEnum):
    """The four stages of the customer lifecycle (ltv_stage)."""

    ACQUISITION = 0
    ACTIVATION = 1
    RETENTION = 2
    CHURN_PREVENTION = 3


class Element(enum.IntEnum):
    """The five elements of a campaign (ltv_element)."""

    SEGMENT = 0
    OFFER = 1
    CREATIVE = 2
    TIMING = 3
    CHANNEL = 4


def _label(fn, value, lang, what: str) -> str:
    ptr = fn(int(value), lang_code(lang))
    text = ctypes.string_at(ptr).decode("utf-8") if ptr else ""
    if not text:  # crm.h labels answer "" for unknown values
        raise InvalidArgumentError(f"{what} {value!r} or language {lang!r} is unknown")
    return text


def stage_label(stage, lang="en") -> str:
    """Label of a lifecycle stage: ``stage_label(Stage.ACQUISITION, "ja") == "新規獲得"``."""
    return _label(C.ltv_stage_label, enum_value(Stage, stage, "stage"), lang, "stage")


def element_label(element, lang="en") -> str:
    """Label of a campaign element."""
    return _label(C.ltv_element_label, enum_value(Element, element, "element"), lang, "element")
