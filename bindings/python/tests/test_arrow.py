"""The Arrow PyCapsule protocol, read with ctypes from the C Data Interface structs (no
pyarrow in Debian 12): formats, names, buffers and values equal the library's columns, the
capsules release what they hold, and the columns outlive the Python segmentation."""

import ctypes
import gc

import pytest

import ltvcrm
from ltvcrm import arrow
from conftest import SAMPLE_CSV


def _children(schema, array):
    out = {}
    for i in range(schema.n_children):
        out[schema.children[i].contents.name.decode()] = (schema.children[i].contents, array.children[i].contents)
    return out


def _values(child, ctype):
    return list((ctype * child.length).from_address(child.buffers[1]))


def _ids(child, large=False):
    offsets = _values(child, ctypes.c_int64 if large else ctypes.c_int32) + \
        [(ctypes.c_int64 if large else ctypes.c_int32).from_address(child.buffers[1] + child.length *
                                                                     (8 if large else 4)).value]
    data = ctypes.string_at(child.buffers[2], offsets[-1]) if offsets[-1] else b""
    return [data[offsets[i]:offsets[i + 1]].decode() for i in range(child.length)]


@pytest.fixture(scope="module")
def sample():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    return ledger


def test_segmentation_array_capsules(sample):
    seg = sample.segment("2026-11-01")
    schema_capsule, array_capsule = seg.__arrow_c_array__()
    schema = arrow.ArrowSchema.from_address(arrow.capsule_pointer(schema_capsule, b"arrow_schema"))
    array = arrow.ArrowArray.from_address(arrow.capsule_pointer(array_capsule, b"arrow_array"))
    assert schema.format == b"+s" and array.length == len(sample) == 4000 and array.n_buffers == 1
    cols = _children(schema, array)
    assert list(cols)[:3] == ["customer_id", "state", "rank"]
    assert cols["customer_id"][0].format == b"u"
    assert _ids(cols["customer_id"][1]) == list(sample.customer_ids())
    want = {name: list(seg.column(name)) for name in ("orders", "recency_days", "annual_ltv", "lifetime_ltv", "state")}
    del seg
    gc.collect()  # the capsule keeps the columns alive
    assert cols["orders"][0].format == b"i" and _values(cols["orders"][1], ctypes.c_int32) == want["orders"]
    assert _values(cols["recency_days"][1], ctypes.c_int32) == want["recency_days"]
    assert cols["annual_ltv"][0].format == b"l" and _values(cols["annual_ltv"][1], ctypes.c_int64) == want["annual_ltv"]
    assert _values(cols["lifetime_ltv"][1], ctypes.c_int64) == want["lifetime_ltv"]
    assert cols["state"][0].format == b"c" and _values(cols["state"][1], ctypes.c_int8) == want["state"]
    del schema, array, cols
    del schema_capsule, array_capsule  # the destructors release both


def test_segmentation_stream_capsule(sample):
    seg = sample.segment("2026-11-01")
    capsule = seg.__arrow_c_stream__()
    stream = arrow.ArrowArrayStream.from_address(arrow.capsule_pointer(capsule, b"arrow_array_stream"))
    get_schema = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(arrow.ArrowSchema))(stream.get_schema)
    get_next = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(arrow.ArrowArray))(stream.get_next)
    schema, batch, end = arrow.ArrowSchema(), arrow.ArrowArray(), arrow.ArrowArray()
    here = ctypes.addressof(stream)
    assert get_schema(here, ctypes.byref(schema)) == 0 and schema.n_children == 12
    assert get_next(here, ctypes.byref(batch)) == 0 and batch.length == 4000
    assert get_next(here, ctypes.byref(end)) == 0 and not end.release  # the end of the stream
    release_schema = ctypes.CFUNCTYPE(None, ctypes.POINTER(arrow.ArrowSchema))(schema.release)
    release_array = ctypes.CFUNCTYPE(None, ctypes.POINTER(arrow.ArrowArray))(batch.release)
    release_array(ctypes.byref(batch))
    release_schema(ctypes.byref(schema))
    assert not batch.release and not schema.release
    del capsule


def test_facts_capsules_with_null_days(sample):
    facts = sample.facts_arrow("2026-11-01")
    schema_capsule, array_capsule = facts.__arrow_c_array__()
    schema = arrow.ArrowSchema.from_address(arrow.capsule_pointer(schema_capsule, b"arrow_schema"))
    array = arrow.ArrowArray.from_address(arrow.capsule_pointer(array_capsule, b"arrow_array"))
    cols = _children(schema, array)
    second_schema, second = cols["second_order_day"]
    assert second_schema.format == b"tdD" and second_schema.flags & 2  # nullable date32
    one_order = sum(1 for i in range(len(sample)) if sample.facts(i, "2026-11-01").orders == 1)
    assert second.null_count == one_order > 0
    assert _values(cols["orders"][1], ctypes.c_int32) == [sample.facts(i, "2026-11-01").orders for i in range(len(sample))]


def test_pyarrow_takes_the_capsules_when_installed(sample):
    pa = pytest.importorskip("pyarrow")
    seg = sample.segment("2026-11-01")
    batch = pa.record_batch(seg)
    assert batch.num_rows == 4000 and batch.column("orders").to_pylist() == list(seg.column("orders"))
