"""Ownership of C handles.

A :class:`Handle` owns one C pointer and frees it exactly once: when its owner calls
:meth:`close`, or when the last Python object that refers to the handle is collected. Objects
that borrow memory from a handle (numpy arrays over a segmentation's columns, a segmentation
over its ledger) hold a reference to the handle, so the memory they use is never freed under
them: ``close()`` on the owner only drops the owner's claim.
"""

from __future__ import annotations

import weakref

from .errors import StateError


def _release(free, ptr, *_keep_alive) -> None:
    free(ptr)


class Handle:
    """A C pointer and the function that frees it.

    `keep_alive` objects (the handle of a ledger under a segmentation) are held until the
    pointer is freed, because the C object refers to them.
    """

    __slots__ = ("ptr", "_finalizer", "__weakref__")

    def __init__(self, ptr: int, free, *keep_alive):
        self.ptr = ptr
        # The finalizer holds the pointer, not self, so the handle can be collected normally.
        self._finalizer = weakref.finalize(self, _release, free, ptr, *keep_alive)
        self._finalizer.atexit = False


class Owner:
    """Base of the Python objects that own a handle: close(), context manager, closed check."""

    __slots__ = ("_handle", "__weakref__")
    _kind = "object"

    def _adopt(self, handle: Handle) -> None:
        self._handle = handle

    @property
    def _ptr(self) -> int:
        handle = self._handle
        if handle is None:
            raise StateError(f"the {self._kind} is closed")
        return handle.ptr

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._handle is None

    def close(self) -> None:
        """Release the C object now (it is also released when this object is collected).

        Memory that other objects still borrow (numpy arrays over results) stays valid until
        they are collected too. Closing twice is allowed.
        """
        self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
