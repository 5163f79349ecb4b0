"""Arrow C Data Interface structs and PyCapsules (ctypes only, no Arrow dependency).

The library fills the specification's ``ArrowSchema`` / ``ArrowArray`` /
``ArrowArrayStream``; this module wraps them in PyCapsules named as the Arrow PyCapsule
protocol wants (``arrow_schema``, ``arrow_array``, ``arrow_array_stream``), whose destructors
call the struct's ``release`` unless a consumer moved it out. Objects with
``__arrow_c_array__`` / ``__arrow_c_stream__`` (a :class:`~ltvcrm.Segmentation`,
:class:`ArrowFacts`) hand these to pyarrow, Polars, DuckDB or pandas >= 2.2 without a copy.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_int, c_int64, c_void_p

from ._lib import C, register

register({
    "ltv_segmentation_to_arrow": ("status", [c_void_p, c_void_p, c_void_p]),
    "ltv_segmentation_to_arrow_stream": ("status", [c_void_p, c_void_p]),
    "ltv_ledger_facts_to_arrow": ("status", [c_void_p, ctypes.c_int32, c_void_p, c_void_p]),
    "ltv_ledger_facts_to_arrow_stream": ("status", [c_void_p, ctypes.c_int32, c_void_p]),
})


class ArrowSchema(ctypes.Structure):
    """struct ArrowSchema of the Arrow C Data Interface."""


ArrowSchema._fields_ = [
    ("format", c_char_p), ("name", c_char_p), ("metadata", c_char_p), ("flags", c_int64),
    ("n_children", c_int64), ("children", POINTER(POINTER(ArrowSchema))), ("dictionary", POINTER(ArrowSchema)),
    ("release", c_void_p), ("private_data", c_void_p)]


class ArrowArray(ctypes.Structure):
    """struct ArrowArray of the Arrow C Data Interface."""


ArrowArray._fields_ = [
    ("length", c_int64), ("null_count", c_int64), ("offset", c_int64), ("n_buffers", c_int64),
    ("n_children", c_int64), ("buffers", POINTER(c_void_p)), ("children", POINTER(POINTER(ArrowArray))),
    ("dictionary", POINTER(ArrowArray)), ("release", c_void_p), ("private_data", c_void_p)]


class ArrowArrayStream(ctypes.Structure):
    """struct ArrowArrayStream of the Arrow C Stream Interface."""

    _fields_ = [("get_schema", c_void_p), ("get_next", c_void_p), ("get_last_error", c_void_p),
                ("release", c_void_p), ("private_data", c_void_p)]


_SCHEMA_NAME = b"arrow_schema"
_ARRAY_NAME = b"arrow_array"
_STREAM_NAME = b"arrow_array_stream"

_api = ctypes.pythonapi
# The destructor gets the capsule as a raw PyObject*: as a py_object, ctypes would take and
# drop a reference to an object already being deallocated, deallocating it twice.
_DESTRUCTOR = ctypes.CFUNCTYPE(None, c_void_p)
_raw_get_pointer = ctypes.PYFUNCTYPE(c_void_p, c_void_p, c_char_p)(("PyCapsule_GetPointer", ctypes.pythonapi))
_api.PyCapsule_New.restype = ctypes.py_object
_api.PyCapsule_New.argtypes = [c_void_p, c_char_p, _DESTRUCTOR]
_api.PyCapsule_GetPointer.restype = c_void_p
_api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, c_char_p]
_api.PyCapsule_IsValid.restype = c_int
_api.PyCapsule_IsValid.argtypes = [ctypes.py_object, c_char_p]
_api.PyMem_RawMalloc.restype = c_void_p
_api.PyMem_RawMalloc.argtypes = [ctypes.c_size_t]
_api.PyMem_RawFree.restype = None
_api.PyMem_RawFree.argtypes = [c_void_p]

_RELEASE = {ArrowSchema: ctypes.CFUNCTYPE(None, POINTER(ArrowSchema)),
            ArrowArray: ctypes.CFUNCTYPE(None, POINTER(ArrowArray)),
            ArrowArrayStream: ctypes.CFUNCTYPE(None, POINTER(ArrowArrayStream))}


def _destructor(struct_type, name):
    def destroy(capsule):
        # A consumer that took the struct moved it out and left release NULL.
        ptr = _raw_get_pointer(capsule, name)
        if not ptr:
            return
        struct = struct_type.from_address(ptr)
        if struct.release:
            _RELEASE[struct_type](struct.release)(ctypes.cast(ptr, POINTER(struct_type)))
        _api.PyMem_RawFree(ptr)
    return _DESTRUCTOR(destroy)


# Kept for the life of the module: capsules call them until they are collected.
_DESTROY = {ArrowSchema: _destructor(ArrowSchema, _SCHEMA_NAME), ArrowArray: _destructor(ArrowArray, _ARRAY_NAME),
            ArrowArrayStream: _destructor(ArrowArrayStream, _STREAM_NAME)}
_NAMES = {ArrowSchema: _SCHEMA_NAME, ArrowArray: _ARRAY_NAME, ArrowArrayStream: _STREAM_NAME}


def _new_struct(struct_type) -> int:
    ptr = _api.PyMem_RawMalloc(ctypes.sizeof(struct_type))
    if not ptr:
        raise MemoryError("out of memory for an Arrow struct")
    ctypes.memset(ptr, 0, ctypes.sizeof(struct_type))
    return ptr


def _capsule(struct_type, ptr: int):
    return _api.PyCapsule_New(ptr, _NAMES[struct_type], _DESTROY[struct_type])


def _free_unreleased(struct_type, ptr: int) -> None:
    struct = struct_type.from_address(ptr)
    if struct.release:
        _RELEASE[struct_type](struct.release)(ctypes.cast(ptr, POINTER(struct_type)))
    _api.PyMem_RawFree(ptr)


def _check_requested(requested_schema) -> None:
    # The library has one layout; a consumer that asks for another casts on its side (the
    # protocol allows ignoring the request).
    del requested_schema


def export_array(fn, *args):
    """(schema capsule, array capsule) from a C export function ``fn(*args, schema*, array*)``."""
    schema, array = _new_struct(ArrowSchema), _new_struct(ArrowArray)
    try:
        fn(*args, schema, array)
    except BaseException:
        _api.PyMem_RawFree(schema)
        _api.PyMem_RawFree(array)
        raise
    return _capsule(ArrowSchema, schema), _capsule(ArrowArray, array)


def export_stream(fn, *args):
    """A stream capsule from a C export function ``fn(*args, stream*)``."""
    stream = _new_struct(ArrowArrayStream)
    try:
        fn(*args, stream)
    except BaseException:
        _api.PyMem_RawFree(stream)
        raise
    return _capsule(ArrowArrayStream, stream)


def capsule_pointer(capsule, name: bytes) -> int:
    """The struct pointer inside a capsule of that name (for consumers written with ctypes)."""
    if not _api.PyCapsule_IsValid(capsule, name):
        raise ValueError(f"not a {name.decode()} capsule")
    return _api.PyCapsule_GetPointer(capsule, name)


class ArrowFacts:
    """Every customer's facts as of a day, for Arrow consumers (:meth:`Ledger.facts_arrow`).

    Computed by the library when a consumer asks (``__arrow_c_array__`` or
    ``__arrow_c_stream__``); the ledger must not change in between.
    """

    __slots__ = ("ledger", "as_of_day")

    def __init__(self, ledger, as_of_day: int):
        self.ledger = ledger
        self.as_of_day = as_of_day

    def __arrow_c_array__(self, requested_schema=None):
        _check_requested(requested_schema)
        return export_array(C.ltv_ledger_facts_to_arrow, self.ledger._ptr, self.as_of_day)

    def __arrow_c_stream__(self, requested_schema=None):
        _check_requested(requested_schema)
        return export_stream(C.ltv_ledger_facts_to_arrow_stream, self.ledger._ptr, self.as_of_day)
