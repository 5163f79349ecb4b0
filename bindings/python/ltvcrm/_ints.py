"""Whole numbers checked before they reach ctypes.

ctypes converts a Python int to a C integer by keeping its low bits: 2**64 + 7 passed as an
int64 arrives as 7, 2**32 + 3 passed as an int32 as 3, -1 passed as a size_t as 2**64 - 1.
Every scalar the bindings hand to the library goes through one of these checks first. They
raise the library's own exception classes, as the C checks do: InvalidArgumentError
(LTV_EINVAL) for a value that is not a whole number (a float, a str, a bool) and
OutOfRangeError (LTV_ERANGE) for one outside the C type; the message names the parameter,
the value and the bounds. Bounds narrower than the C type (items 0..1000000, a kind 0..3)
are left to the library, which names them.
"""

from __future__ import annotations

import ctypes

from .errors import InvalidArgumentError, OutOfRangeError

INT32 = (-(2 ** 31), 2 ** 31 - 1)
INT64 = (-(2 ** 63), 2 ** 63 - 1)
UINT64 = (0, 2 ** 64 - 1)
SIZE = (0, 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1)
# A C int is 32 bits on every platform the library supports.
INT = INT32
assert ctypes.sizeof(ctypes.c_int) == 4


def whole(value, name: str, *, flag: bool = False) -> int:
    """`value` as an int: ints and objects with ``__index__`` (numpy integers); a bool only
    when `flag` (settings that are switches)."""
    if isinstance(value, bool):
        if flag:
            return int(value)
    elif hasattr(value, "__index__"):
        return value.__index__()
    raise InvalidArgumentError(f"{name} {value!r} is not a whole number")


def checked(value, name: str, bounds: tuple[int, int], *, flag: bool = False) -> int:
    """`value` as an int within `bounds` (inclusive)."""
    number = whole(value, name, flag=flag)
    low, high = bounds
    if not low <= number <= high:
        raise OutOfRangeError(f"{name} {number} is outside {low}..{high}")
    return number


def int32(value, name: str) -> int:
    return checked(value, name, INT32)


def int64(value, name: str, *, flag: bool = False) -> int:
    return checked(value, name, INT64, flag=flag)


def uint64(value, name: str) -> int:
    return checked(value, name, UINT64)


def size(value, name: str) -> int:
    return checked(value, name, SIZE)


def each(values, name: str, bounds: tuple[int, int]) -> list[int]:
    """Every element of `values` checked; the message names the element (``name[2]``)."""
    return [checked(value, f"{name}[{i}]", bounds) for i, value in enumerate(values)]
