"""Columns between Python and C: numpy arrays when numpy is installed, lists otherwise.

Results that the library keeps (a segmentation's per-customer columns) are wrapped as
read-only numpy arrays over the library's memory, without copying; the array holds a
reference to the handle that owns the memory, so the memory lives as long as the array.
"""

from __future__ import annotations

import ctypes
import sys

try:  # numpy is optional
    import numpy as np
except ImportError:  # pragma: no cover - exercised by the tests with numpy hidden
    np = None

# ctypes element types and numpy type strings of the C column types.
CTYPES = {"i1": ctypes.c_int8, "u1": ctypes.c_uint8, "i4": ctypes.c_int32, "i8": ctypes.c_int64,
          "u8": ctypes.c_uint64, "f8": ctypes.c_double}


def have_numpy() -> bool:
    return np is not None


def is_array(value) -> bool:
    """True for numpy arrays and for objects that hand one out (pandas Series and Index)."""
    if np is None:
        return False
    return isinstance(value, np.ndarray) or (hasattr(value, "to_numpy") and hasattr(value, "dtype"))


class _Borrowed:
    """Exposes C memory to numpy through the array interface and keeps its owner alive."""

    def __init__(self, owner, address: int, length: int, typestr: str):
        self.owner = owner
        order = "|" if typestr[1] == "1" else ("<" if sys.byteorder == "little" else ">")
        self.__array_interface__ = {"shape": (length,), "typestr": order + typestr, "data": (address, True),
                                    "version": 3}


def borrowed_column(owner, address: int, length: int, typestr: str):
    """A read-only view of `length` elements at `address`, alive as long as `owner` is.

    With numpy: an ndarray whose base holds `owner`. Without: a list (a copy).
    """
    if np is not None:
        if length == 0 or not address:
            return np.zeros(0, dtype=typestr)
        return np.asarray(_Borrowed(owner, address, length, typestr))
    if length == 0 or not address:
        return []
    return list((CTYPES[typestr] * length).from_address(address))


def pointer(array) -> int | None:
    """The data address of a C-contiguous numpy array (None for None)."""
    if array is None:
        return None
    return array.ctypes.data
