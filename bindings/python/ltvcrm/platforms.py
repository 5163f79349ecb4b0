"""Platform presets: the loader settings that read one platform's order export as downloaded.

>>> import ltvcrm
>>> [p.name for p in ltvcrm.presets()][:2]
['shopify', 'woocommerce']
>>> ledger.load_csv("orders_export.csv", preset="shopify")          # doctest: +SKIP

A preset is applied by the C library (ltv_csv_options_preset); keywords given with it override
it. ``preset_info(name).warning`` says what an export cannot tell (Amazon: who the buyer is):
show it next to results loaded with that preset.
"""

from __future__ import annotations

import enum
from ctypes import c_char_p, c_int, c_size_t, c_void_p
from dataclasses import dataclass

from . import _lib
from ._lib import C
from .errors import InvalidArgumentError

__all__ = ["Preset", "PresetInfo", "presets", "preset_info"]

_lib.register({
    "ltv_csv_options_preset": (_lib.STATUS, [c_void_p, c_char_p]),
    "ltv_csv_preset_count": (c_size_t, []),
    "ltv_csv_preset_name": (c_char_p, [c_size_t]),
    "ltv_csv_preset_about": (c_char_p, [c_char_p, c_int]),
})


class PresetInfo(enum.IntEnum):
    """What ltv_csv_preset_about tells (ltv_csv_preset_info)."""

    PLATFORM = 0
    SOURCE = 1
    WARNING = 2


@dataclass(frozen=True)
class Preset:
    """A preset: its name, the export it reads, the page documenting it, what it cannot tell."""

    name: str
    platform: str
    source: str
    warning: str | None


def _text(value):
    return None if value is None else value.decode("utf-8")


def preset_info(name: str) -> Preset:
    """The preset called `name`; InvalidArgumentError if there is none."""
    raw = name.encode("utf-8")
    platform = C.ltv_csv_preset_about(raw, PresetInfo.PLATFORM)
    if platform is None:
        known = ", ".join(p.name for p in presets())
        raise InvalidArgumentError(f"{name!r} is not a preset ({known})")
    return Preset(name, _text(platform), _text(C.ltv_csv_preset_about(raw, PresetInfo.SOURCE)),
                  _text(C.ltv_csv_preset_about(raw, PresetInfo.WARNING)))


def presets() -> list[Preset]:
    """Every preset the library has, in its order."""
    return [preset_info(C.ltv_csv_preset_name(i).decode("ascii")) for i in range(C.ltv_csv_preset_count())]
