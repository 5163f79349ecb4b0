"""Segmentation of a log split by customer across shards, with global cut points
(docs/shards.md, section 2): each shard's summary is made where the shard lives, the
summaries are merged (exactly, in any order) and travel as bytes, and each shard is then
segmented with the merged summary — every customer's result is the whole ledger's.

>>> from ltvcrm.shards import SegmentSummary, segment_shard
>>> blobs = [SegmentSummary.of(shard, "2026-11-01").to_bytes() for shard in shards]  # on each worker
>>> whole = SegmentSummary.merged(blobs)                                            # anywhere
>>> seg = segment_shard(shards[0], whole)                                           # on each worker

A shard must hold whole customers (all events of each of its customers). Settings are given
as for ``Ledger.segment`` and must be the same for every summary and run.
"""

from __future__ import annotations

from ctypes import POINTER, byref, c_int32, c_size_t, c_uint64, c_void_p

from . import dates
from ._handle import Handle, Owner
from ._lib import C, register
from .segment import Segmentation, SegmentConfig, config_pointer
from .snapshot import owned_bytes

__all__ = ["SegmentSummary", "segment_shard"]

register({
    "ltv_segment_summary_new": ("status", [POINTER(c_void_p), c_void_p, c_void_p, c_int32]),
    "ltv_segment_summary_merge": ("status", [c_void_p, c_void_p]),
    "ltv_segment_summary_customer_count": (c_uint64, [c_void_p]),
    "ltv_segment_summary_as_of": (c_int32, [c_void_p]),
    "ltv_segment_summary_save_buffer": ("status", [c_void_p, POINTER(c_void_p), POINTER(c_size_t)]),
    "ltv_segment_summary_open_buffer": ("status", [POINTER(c_void_p), c_void_p, c_size_t]),
    "ltv_segment_summary_free": (None, [c_void_p]),
    "ltv_segment_run_shard": ("status", [POINTER(c_void_p), c_void_p, c_void_p, c_int32, c_void_p]),
})


class SegmentSummary(Owner):
    """What the global cut points need from one shard, or from several merged
    (ltv_segment_summary): counts, integer sums and sorted (value, count) lists."""

    __slots__ = ()
    _kind = "segment summary"

    def __init__(self, ptr: int):
        self._adopt(Handle(ptr, C.ltv_segment_summary_free))

    @classmethod
    def of(cls, ledger, as_of, config: SegmentConfig | None = None, **settings) -> "SegmentSummary":
        """The summary of a shard's ledger as of a day (given: each shard's own default day
        would differ). Settings as for ``Ledger.segment``."""
        with config_pointer(config, settings) as cfg:
            out = c_void_p()
            C.ltv_segment_summary_new(byref(out), ledger._ptr, cfg, dates.to_day(as_of))
            return cls(out.value)

    @classmethod
    def from_bytes(cls, data) -> "SegmentSummary":
        """A summary from :meth:`to_bytes` (checked whole; FormatError names the problem)."""
        raw = bytes(data)
        out = c_void_p()
        C.ltv_segment_summary_open_buffer(byref(out), raw, len(raw))
        return cls(out.value)

    @classmethod
    def merged(cls, summaries) -> "SegmentSummary":
        """One summary of several (SegmentSummary objects or their bytes), in the order given."""
        result = None
        for item in summaries:
            part = item if isinstance(item, SegmentSummary) else cls.from_bytes(item)
            if result is None:
                result = cls.from_bytes(part.to_bytes())  # a copy: the first one stays as it is
            else:
                result.merge(part)
        if result is None:
            raise ValueError("no summaries to merge")
        return result

    def merge(self, other: "SegmentSummary") -> "SegmentSummary":
        """Add another shard's summary (exact); returns self."""
        C.ltv_segment_summary_merge(self._ptr, other._ptr)
        return self

    def to_bytes(self) -> bytes:
        """The summary as bytes for another process (docs/shards.md gives the layout)."""
        return owned_bytes(C.ltv_segment_summary_save_buffer, self._ptr)

    @property
    def customers(self) -> int:
        """Customers with an order before the as-of day."""
        return int(C.ltv_segment_summary_customer_count(self._ptr))

    @property
    def as_of_day(self) -> int:
        """The as-of day (days since 1970-01-01) the summary was made for."""
        return int(C.ltv_segment_summary_as_of(self._ptr))

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.SegmentSummary closed>"
        return f"<ltvcrm.SegmentSummary customers={self.customers} as_of={dates.format_day(self.as_of_day)}>"


def segment_shard(ledger, whole: SegmentSummary, config: SegmentConfig | None = None, **settings) -> Segmentation:
    """Segment a shard's customers with the whole's summary, as of the summary's day
    (ltv_segment_run_shard). Every customer's result, the cut points, group stats, score
    counts and LTV summary are the whole's; the customers per named segment are the shard's."""
    with config_pointer(config, settings) as cfg:
        out = c_void_p()
        C.ltv_segment_run_shard(byref(out), ledger._ptr, cfg, whole.as_of_day, whole._ptr)
        return Segmentation(out.value, ledger)
