"""Per-shard segmentation with global cut points from Python (ltvcrm.shards): the sample log
split by a hash of the customer, summaries through bytes and merged in two orders, each
shard segmented with the whole's summary — every customer's row equals the whole's."""

import dataclasses
import zlib

import pytest

import ltvcrm
from ltvcrm.shards import SegmentSummary, segment_shard

from conftest import SAMPLE_CSV

AS_OF = "2026-11-01"


def _shards(k, tmp_path):
    """The whole sample and its k shards: the CSV's lines split by a hash of the customer id."""
    whole = ltvcrm.Ledger()
    whole.load_csv(SAMPLE_CSV, decimals=0)
    with open(SAMPLE_CSV, encoding="utf-8") as f:
        header, *lines = f.read().splitlines()
    column = header.split(",").index("customer_id")
    parts = []
    for shard in range(k):
        path = tmp_path / f"shard-{shard}.csv"
        mine = [line for line in lines if zlib.crc32(line.split(",")[column].encode()) % k == shard]
        path.write_text("\n".join([header, *mine]) + "\n", encoding="utf-8")
        part = ltvcrm.Ledger()
        part.load_csv(str(path), decimals=0)
        parts.append(part)
    return whole, parts


def _rows(ledger, seg):
    """Each customer's segment by id, without its index (shards number customers their own way)."""
    rows = {}
    for i in range(len(ledger)):
        row = dataclasses.asdict(seg.customer(i))
        row.pop("index")
        rows[ledger.customer_id(i)] = row
    return rows


@pytest.mark.parametrize("settings", [{}, {"rfm_mode": "type7", "rfm_bins": 4},
                                      {"rfm_mode": "pymc", "rfm_bins": 4, "table": "pymc"},
                                      {"ltv_basis": "lifetime", "core_permille": 50}])
def test_shards_equal_the_whole(settings, tmp_path):
    whole, parts = _shards(3, tmp_path)
    expected_seg = whole.segment(AS_OF, **settings)
    expected = _rows(whole, expected_seg)
    blobs = [SegmentSummary.of(part, AS_OF, **settings).to_bytes() for part in parts]
    merged = SegmentSummary.merged(blobs)
    assert merged.to_bytes() == SegmentSummary.merged(reversed(blobs)).to_bytes()
    assert merged.to_bytes() == SegmentSummary.of(whole, AS_OF, **settings).to_bytes()
    assert merged.customers == expected_seg.ltv_summary()["customers"]
    seen = 0
    for part in parts:
        seg = segment_shard(part, SegmentSummary.from_bytes(merged.to_bytes()), **settings)
        for cid, row in _rows(part, seg).items():
            assert row == expected[cid], cid
            seen += 1
        assert seg.thresholds("monetary") == expected_seg.thresholds("monetary")
        assert seg.ltv_summary() == expected_seg.ltv_summary()
    assert seen == len(whole)


def test_refusals(tmp_path):
    whole, parts = _shards(2, tmp_path)
    summary = SegmentSummary.of(parts[0], AS_OF)
    with pytest.raises(ltvcrm.InvalidArgumentError, match="LTV_SEG_RFM_MODE"):
        segment_shard(parts[0], summary, rfm_mode="type7")
    with pytest.raises(ltvcrm.InvalidArgumentError, match="as-of"):
        summary.merge(SegmentSummary.of(parts[1], "2026-10-01"))
    blob = bytearray(summary.to_bytes())
    blob[40] ^= 1
    with pytest.raises(ltvcrm.FormatError, match="checksum"):
        SegmentSummary.from_bytes(bytes(blob))
    with pytest.raises(ltvcrm.FormatError, match="truncated|checksum"):
        SegmentSummary.from_bytes(summary.to_bytes()[:-9])
    with pytest.raises(ValueError):
        SegmentSummary.merged([])
