"""Snapshots: a ledger saved to a file or to bytes and opened again without parsing
(include/ltvcrm/snapshot.h, docs/snapshot-format.md).

>>> ledger.save("shop.ltvsnap")                 # crash-safe: temp file, fsync, rename
>>> ledger = Ledger.open("shop.ltvsnap")         # mmap + checks
>>> ledger = Ledger.open("shop.ltvsnap", check_on_use=True)  # checks on first use (nightly: faster)
>>> blob = ledger.save_buffer()                  # the same bytes, e.g. for a Dask worker
>>> ledger = Ledger.from_snapshot_buffer(blob)
>>> ledger.save_increment("shop.ltvsnap")      # nightly: appends only what is new (format 2)
'increment'
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, Structure, byref, c_char_p, c_int, c_int32, c_int64, c_size_t, c_uint32, c_uint64, c_void_p

from ._lib import C, register

register({
    "ltv_ledger_save": ("status", [c_void_p, c_char_p]),
    "ltv_ledger_open": ("status", [POINTER(c_void_p), c_char_p]),
    "ltv_ledger_open_flags": ("status", [POINTER(c_void_p), c_char_p, c_uint32]),
    "ltv_ledger_verify": ("status", [c_void_p]),
    "ltv_ledger_save_buffer": ("status", [c_void_p, POINTER(c_void_p), POINTER(c_size_t)]),
    "ltv_ledger_open_buffer": ("status", [POINTER(c_void_p), c_void_p, c_size_t]),
    "ltv_snapshot_info_read": ("status", [c_char_p, c_void_p, c_size_t]),
    "ltv_snapshot_detect": ("status", [c_char_p, POINTER(c_int)]),
    "ltv_ledger_save_increment": ("status", [c_void_p, c_char_p, POINTER(c_int)]),
    "ltv_snapshot_compact": ("status", [c_char_p]),
})

#: What ltv_ledger_save_increment did, by its ltv_snapshot_save_how value.
SAVE_HOW = ("unchanged", "increment", "rewritten", "compacted")


class _CInfo(Structure):
    _fields_ = [("format_version", c_uint32), ("sections", c_uint32), ("file_bytes", c_uint64),
                ("customers", c_uint64), ("events", c_uint64), ("orders", c_uint64), ("revenue", c_int64),
                ("first_day", c_int32), ("last_day", c_int32), ("increments", c_uint64), ("commit", c_uint64)]


def _path(path) -> bytes:
    return os.fsencode(os.fspath(path))


def save(ledger_ptr: int, path) -> None:
    C.ltv_ledger_save(ledger_ptr, _path(path))


#: ltv_ledger_open_flags: check each part of the file on its first use (LTV_OPEN_CHECK_ON_USE).
OPEN_CHECK_ON_USE = 1


def open_file(path, check_on_use: bool = False) -> int:
    out = c_void_p()
    C.ltv_ledger_open_flags(byref(out), _path(path), OPEN_CHECK_ON_USE if check_on_use else 0)
    return out.value


def verify(ledger_ptr: int) -> None:
    C.ltv_ledger_verify(ledger_ptr)


def save_increment(ledger_ptr: int, path) -> str:
    how = c_int()
    C.ltv_ledger_save_increment(ledger_ptr, _path(path), byref(how))
    return SAVE_HOW[how.value]


def compact(path) -> None:
    """Rewrite a snapshot file as one base without increments (``ltv_snapshot_compact``)."""
    C.ltv_snapshot_compact(_path(path))


def owned_bytes(function, handle: int) -> bytes:
    """The bytes a ``*_save_buffer`` function hands over (data, length), freed after the copy."""
    data, length = c_void_p(), c_size_t()
    function(handle, byref(data), byref(length))
    try:
        return ctypes.string_at(data.value, length.value)
    finally:
        C.ltv_free(data.value)


def save_buffer(ledger_ptr: int) -> bytes:
    return owned_bytes(C.ltv_ledger_save_buffer, ledger_ptr)


def open_buffer(data) -> int:
    raw = bytes(data)
    out = c_void_p()
    C.ltv_ledger_open_buffer(byref(out), raw, len(raw))  # the library keeps its own copy
    return out.value


def info(path) -> dict:
    """What a snapshot file holds (header and totals), without opening the ledger."""
    out = _CInfo()
    C.ltv_snapshot_info_read(_path(path), byref(out), ctypes.sizeof(out))
    from . import dates
    day = lambda d: None if d == -2147483648 else dates.from_day(d)  # noqa: E731
    return {"format_version": out.format_version, "sections": out.sections, "bytes": out.file_bytes,
            "customers": out.customers, "events": out.events, "orders": out.orders, "revenue": out.revenue,
            "first_day": day(out.first_day), "last_day": day(out.last_day), "increments": out.increments,
            "commit": out.commit}


def is_snapshot(path) -> bool:
    """True if the file starts with the snapshot magic (a CSV does not)."""
    out = c_int()
    C.ltv_snapshot_detect(_path(path), byref(out))
    return bool(out.value)
