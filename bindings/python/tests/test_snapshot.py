"""Snapshots from Python: file and bytes round trips answer like the ledger saved, an
increment equals the whole log, damaged bytes raise FormatError naming the problem."""

import os

import pytest

import ltvcrm
from conftest import SAMPLE_CSV


def _segments(ledger, as_of="2026-11-01"):
    seg = ledger.segment(as_of)
    return [tuple(seg.column(name)) for name in ("state", "rank", "r", "f", "m", "recency_days", "orders",
                                                  "annual_ltv", "lifetime_ltv")]


def test_file_round_trip(tmp_path):
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    path = tmp_path / "sample.ltvsnap"
    ledger.save(path)
    assert ltvcrm.is_snapshot(path) and not ltvcrm.is_snapshot(SAMPLE_CSV)
    info = ltvcrm.snapshot_info(path)
    assert info["format_version"] == 1 and info["customers"] == 4000 and info["events"] == 7359
    assert info["bytes"] == os.path.getsize(path)
    opened = ltvcrm.Ledger.open(path)
    assert len(opened) == len(ledger) == 4000
    assert list(opened.customer_ids()) == list(ledger.customer_ids())
    assert _segments(opened) == _segments(ledger)
    assert opened.health_check("2026-11-01").to_json() == ledger.health_check("2026-11-01").to_json()


def test_checks_on_first_use(tmp_path):
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    path = tmp_path / "sample.ltvsnap"
    ledger.save(path)
    opened = ltvcrm.Ledger.open(path, check_on_use=True)
    assert _segments(opened) == _segments(ledger)
    opened.verify()
    assert list(opened.customer_ids()) == list(ledger.customer_ids())
    # a flipped byte in the events: the open says nothing, the segmentation refuses, and so
    # does every later call
    blob = bytearray(path.read_bytes())
    blob[-20] ^= 1
    damaged = tmp_path / "damaged.ltvsnap"
    damaged.write_bytes(bytes(blob))
    opened = ltvcrm.Ledger.open(damaged, check_on_use=True)
    assert len(opened) == 4000
    with pytest.raises(ltvcrm.FormatError, match="damaged.ltvsnap.*EVENTS's checksum"):
        opened.segment("2026-11-01")
    with pytest.raises(ltvcrm.FormatError, match="EVENTS's checksum"):
        opened.verify()
    with pytest.raises(ltvcrm.FormatError, match="EVENTS's checksum"):
        opened.find("C1")
    with pytest.raises(ltvcrm.FormatError, match="checksum"):
        ltvcrm.Ledger.open(damaged)


def test_buffer_round_trip_and_increment():
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    blob = ledger.save_buffer()
    assert blob[:8] == b"\x89LTVSNAP"
    base = ltvcrm.Ledger.from_snapshot_buffer(blob)
    base.add_order("brand-new", "2026-11-01", 1200)
    ledger.add_order("brand-new", "2026-11-01", 1200)
    assert _segments(base, "2026-11-02") == _segments(ledger, "2026-11-02")
    again = ltvcrm.Ledger.from_snapshot_buffer(base.save_buffer())
    assert again.find("brand-new") == len(again) - 1


def test_damaged_bytes_raise_format_error():
    ledger = ltvcrm.Ledger()
    ledger.add_order("A", "2026-01-01", 100)
    blob = bytearray(ledger.save_buffer())
    with pytest.raises(ltvcrm.FormatError, match="truncated"):
        ltvcrm.Ledger.from_snapshot_buffer(bytes(blob[:-1]))
    blob[-3] ^= 1
    with pytest.raises(ltvcrm.FormatError, match="checksum"):
        ltvcrm.Ledger.from_snapshot_buffer(bytes(blob))
    with pytest.raises(ltvcrm.FormatError, match="not a snapshot"):
        ltvcrm.Ledger.from_snapshot_buffer(b"customer_id,order_date,amount\n")


def test_increments_append_and_compact(tmp_path):
    path = tmp_path / "nightly.ltvsnap"
    ledger = ltvcrm.Ledger()
    ledger.load_csv(SAMPLE_CSV, decimals=0)
    assert ledger.save_increment(path) == "rewritten"
    size = os.path.getsize(path)
    opened = ltvcrm.Ledger.open(path)
    opened.add_order("brand-new", "2026-11-01", 1200)
    ledger.add_order("brand-new", "2026-11-01", 1200)
    assert opened.save_increment(path) == "increment"
    assert opened.save_increment(path) == "unchanged"
    info = ltvcrm.snapshot_info(path)
    assert info["format_version"] == 2 and info["increments"] == 1 and info["commit"] == 2
    assert info["customers"] == 4001 and info["bytes"] == os.path.getsize(path) < size + 1024
    again = ltvcrm.Ledger.open(path)
    assert _segments(again, "2026-11-02") == _segments(ledger, "2026-11-02")
    ltvcrm.compact_snapshot(path)
    assert ltvcrm.snapshot_info(path)["increments"] == 0
    assert _segments(ltvcrm.Ledger.open(path), "2026-11-02") == _segments(ledger, "2026-11-02")
