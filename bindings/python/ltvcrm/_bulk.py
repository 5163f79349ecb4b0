"""Turning Python columns into the C buffers of ltv_ledger_add_events{,_fixed}.

Two paths. numpy arrays (and pandas Series) are converted with vectorized numpy operations
and handed over in one C call: no Python code runs per row. ``S`` arrays go as they are
(fixed-width records); ``str`` and object arrays are joined and encoded once (str.join, then
numpy finds the separators) into one UTF-8 buffer with int64 offsets. Plain sequences are packed with
the array module (one conversion per row, unavoidable for Python objects).
"""

from __future__ import annotations

import array
import itertools

from . import _ints, dates
from ._columns import is_array, np
from .errors import InvalidArgumentError, OutOfRangeError

ID_MAX = 1024
ITEMS_MAX = 1_000_000
_KIND_NAMES = {"order": 0, "refund": 1, "visit": 2, "cancel": 3}
_INT32 = _ints.INT32
_INT64 = _ints.INT64


def kind_code(kind) -> int:
    """An event kind from an EventKind, an int or a name ('order', 'refund', 'visit', 'cancel')."""
    if isinstance(kind, str):
        try:
            return _KIND_NAMES[kind.lower()]
        except KeyError:
            raise InvalidArgumentError(f"event kind {kind!r} is not one of {', '.join(_KIND_NAMES)}") from None
    if isinstance(kind, bool) or not hasattr(kind, "__index__"):
        raise InvalidArgumentError(f"event kind {kind!r} is not an EventKind, an int or a name")
    return _ints.checked(kind, "event kind", _ints.INT)


def encode_id(customer_id) -> bytes:
    """A customer id as UTF-8 bytes (str is encoded, bytes taken as they are)."""
    if isinstance(customer_id, str):
        return customer_id.encode("utf-8", "surrogateescape")
    if isinstance(customer_id, (bytes, bytearray, memoryview)):
        return bytes(customer_id)
    raise InvalidArgumentError(f"customer id {customer_id!r} is not a str or bytes")


class Batch:
    """The C arguments of one bulk add; holds the buffers alive while the call runs."""

    __slots__ = ("n", "fixed_width", "ids", "offsets", "kinds", "days", "amounts", "items", "_keep")

    def address(self, name: str):
        value = getattr(self, name)
        if value is None:
            return None
        if isinstance(value, bytes):
            return value
        if isinstance(value, array.array):
            return value.buffer_info()[0] if len(value) else None
        return value.ctypes.data


def make_batch(customer_ids, days, amounts=None, items=None, kinds=None) -> Batch:
    """Check the lengths, then convert through numpy when any column is an array."""
    columns = {"customer_ids": customer_ids, "days": days, "amounts": amounts, "items": items, "kinds": kinds}
    lengths = {name: len(col) for name, col in columns.items() if col is not None}
    n = lengths["customer_ids"]
    for name, length in lengths.items():
        if length != n:
            raise InvalidArgumentError(f"{name} has {length} rows but customer_ids has {n}")
    if np is not None and any(is_array(col) for col in columns.values()):
        return _numpy_batch(n, customer_ids, days, amounts, items, kinds)
    return _list_batch(n, customer_ids, days, amounts, items, kinds)


# ---- numpy ------------------------------------------------------------------------------

def _as_numpy(values):
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        values = values.to_numpy()
    return np.asarray(values)


def _first_bad(mask, name: str, values, bounds: str, error=OutOfRangeError):
    row = int(np.argmax(mask))
    raise error(f"{name}[{row}] = {values[row]!r} is outside {bounds}")


def _checked_int(values, name: str, dtype, low: int, high: int):
    """A contiguous integer array of `dtype`, after checking that every value is in low..high."""
    values = _as_numpy(values)
    kind = values.dtype.kind
    if kind == "f":
        bad = ~np.isfinite(values) | (values != np.trunc(values))
        if bad.any():
            _first_bad(bad, name, values, "whole numbers", InvalidArgumentError)
    elif kind == "O":
        # Python objects are checked one by one, as in a list: astype would truncate 1.5 to 1.
        packed = _int_array("q", values.tolist(), name, *_INT64)
        values = np.frombuffer(packed, dtype=np.int64) if len(packed) else np.zeros(0, np.int64)
    elif kind not in "iu":
        raise InvalidArgumentError(f"{name} must hold whole numbers, not {values.dtype}")
    if values.dtype != dtype and values.size:
        # Compare before narrowing so that nothing wraps around silently.
        bad = (values < low) | (values > high)
        if bad.any():
            _first_bad(bad, name, values, f"{low}..{high}")
    return np.ascontiguousarray(values, dtype=dtype)


def _numpy_days(days):
    values = _as_numpy(days)
    kind = values.dtype.kind
    if kind == "M":
        values = values.astype("datetime64[D]").view(np.int64)
    elif kind == "O" or kind in "US":
        try:
            values = values.astype("datetime64[D]").view(np.int64)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError(f"days must be dates, datetime64 values or day numbers: {exc}") from None
    elif kind not in "iu":
        raise InvalidArgumentError(f"days must be dates, datetime64 values or day numbers, not {values.dtype}")
    if values.dtype == np.int32:
        return np.ascontiguousarray(values)
    bad = (values < dates.DAY_MIN) | (values > dates.DAY_MAX)
    if bad.any():
        row = int(np.argmax(bad))
        shown = "NaT" if kind == "M" and values[row] == np.iinfo(np.int64).min else int(values[row])
        raise OutOfRangeError(f"days[{row}] = {shown} is outside {dates.DAY_MIN}..{dates.DAY_MAX} "
                              "(0001-01-01..9999-12-31)")
    return values.astype(np.int32)


def _numpy_kinds(kinds):
    values = _as_numpy(kinds)
    if values.dtype.kind in "USO":
        names, inverse = np.unique(values.astype("U"), return_inverse=True)
        codes = np.array([kind_code(str(name)) for name in names], dtype=np.uint8)  # one per distinct name
        return codes[inverse]
    return _checked_int(values, "kinds", np.uint8, 0, 255)


def _joined_ids(strings: list, n: int):
    """UTF-8 data and int64 offsets of str (or bytes) ids, without a Python loop per row.

    The ids are joined with NUL separators by str.join (C code), encoded once, and the
    separators are found and dropped with numpy; an id that itself holds a NUL would shift
    the separators, so that case (and mixed types) falls back to encoding id by id.
    """
    try:
        data = "\x00".join(strings).encode("utf-8", "surrogateescape")
    except TypeError:
        try:
            data = b"\x00".join(strings)
        except TypeError:
            return _ids_one_by_one(strings)
    buf = np.frombuffer(data, dtype=np.uint8)
    separators = np.flatnonzero(buf == 0)
    if len(separators) != n - 1:
        return _ids_one_by_one(strings)
    offsets = np.empty(n + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:n] = separators - np.arange(n - 1)
    offsets[n] = len(buf) - (n - 1)
    return buf[buf != 0], offsets


def _ids_one_by_one(strings: list):
    encoded = []
    for row, cid in enumerate(strings):
        try:
            encoded.append(encode_id(cid))
        except InvalidArgumentError:
            raise InvalidArgumentError(f"customer_ids[{row}] = {cid!r} is not a str or bytes") from None
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _numpy_ids(ids):
    """(fixed width, S array) for S arrays, else (0, (data, offsets)) built by _joined_ids."""
    values = _as_numpy(ids)
    kind = values.dtype.kind
    if kind == "S":
        values = np.ascontiguousarray(values)
        if 0 < values.dtype.itemsize <= ID_MAX:
            return values.dtype.itemsize, values
        return 0, _offsets_from_fixed(values)
    if kind in "UO":
        return 0, _joined_ids(values.tolist(), len(values))
    raise InvalidArgumentError(f"customer_ids must hold strings or bytes, not {values.dtype}")


def _offsets_from_fixed(ids):
    """Concatenated ids and int64 offsets from an S array wider than ID_MAX (vectorized)."""
    width = ids.dtype.itemsize
    lengths = np.char.str_len(ids).astype(np.int64)
    offsets = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    grid = ids.view(np.uint8).reshape(len(ids), width)
    data = grid[np.arange(width) < lengths[:, None]]
    return np.ascontiguousarray(data), offsets


def _numpy_batch(n, customer_ids, days, amounts, items, kinds) -> Batch:
    batch = Batch()
    batch.n = n
    batch.fixed_width, ids = _numpy_ids(customer_ids)
    if batch.fixed_width:
        batch.ids, batch.offsets = ids, None
    else:
        batch.ids, batch.offsets = ids
    batch.days = _numpy_days(days)
    batch.amounts = None if amounts is None else _checked_int(amounts, "amounts", np.int64, *_INT64)
    batch.items = None if items is None else _checked_int(items, "items", np.int32, *_INT32)
    batch.kinds = None if kinds is None else _numpy_kinds(kinds)
    return batch


# ---- plain sequences ---------------------------------------------------------------------

def _int_array(typecode: str, values, name: str, low: int, high: int) -> array.array:
    try:
        return array.array(typecode, values)
    except (TypeError, OverflowError):
        for row, value in enumerate(values):
            if isinstance(value, bool) or not hasattr(value, "__index__"):
                raise InvalidArgumentError(f"{name}[{row}] = {value!r} is not a whole number") from None
            if not low <= value.__index__() <= high:
                raise OutOfRangeError(f"{name}[{row}] = {value!r} is outside {low}..{high}") from None
        raise


def _list_batch(n, customer_ids, days, amounts, items, kinds) -> Batch:
    batch = Batch()
    batch.n = n
    encoded = [encode_id(cid) for cid in customer_ids]
    batch.fixed_width = 0
    batch.ids = b"".join(encoded)
    batch.offsets = array.array("q", itertools.accumulate(map(len, encoded), initial=0))
    day_values = []
    for row, day in enumerate(days):
        try:
            day_values.append(dates.to_day(day))
        except (InvalidArgumentError, OutOfRangeError) as exc:
            raise type(exc)(f"days[{row}]: {exc.message}") from None
    batch.days = array.array("i", day_values)
    batch.amounts = None if amounts is None else _int_array("q", amounts, "amounts", *_INT64)
    batch.items = None if items is None else _int_array("i", items, "items", *_INT32)
    batch.kinds = None if kinds is None else _int_array("B", [kind_code(k) for k in kinds], "kinds", 0, 255)
    return batch


assert array.array("i").itemsize == 4 and array.array("q").itemsize == 8
