"""Customer-level input: customers with their aggregates and no events (ltv_customer_table)."""

from __future__ import annotations

import ctypes
from ctypes import byref, c_int32, c_int64, c_size_t, c_uint64, c_void_p

from . import _bulk, _ints, dates
from ._columns import np
from ._handle import Handle, Owner
from ._lib import C, register

__all__ = ["CustomerTable"]

_P, _STATUS = ctypes.c_void_p, ctypes.c_int

register({
    "ltv_customer_table_new": (_STATUS, [ctypes.POINTER(_P)]),
    "ltv_customer_table_free": (None, [_P]),
    "ltv_customer_table_add": (_STATUS, [_P, _P, c_size_t, c_int32, c_int32, c_int32, c_int64]),
    "ltv_customer_table_count": (c_uint64, [_P]),
    "ltv_customer_table_customer_id": (_STATUS, [_P, c_uint64, ctypes.POINTER(_P), ctypes.POINTER(c_size_t)]),
    "ltv_customer_table_find": (_STATUS, [_P, _P, c_size_t, ctypes.POINTER(c_uint64)]),
    "ltv_customer_table_load_csv": (_STATUS, [_P, _P, _P, ctypes.POINTER(_P)]),
    "ltv_segment_run_customers": (_STATUS, [ctypes.POINTER(_P), _P, _P, c_int32]),
})


class CustomerTable(Owner):
    """Customers with their aggregates — orders, the last order (a date, or days before the
    as-of day) and revenue — and no events, as R's ``rfm_table_customer()`` takes them and
    as CRM exports often have them. :meth:`segment` scores it: RFM scores, named segments,
    states without fans (a fan needs a tenure), lifetime LTV; ranks need the trailing year
    and are ``Rank.NONE``."""

    __slots__ = ("_version",)
    _kind = "customer table"

    def __init__(self):
        out = c_void_p()
        C.ltv_customer_table_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_customer_table_free))
        self._version = 0

    def __len__(self) -> int:
        return int(C.ltv_customer_table_count(self._ptr))

    def add(self, customer_id, orders: int, revenue: int, last_order=None, recency_days: int | None = None) -> None:
        """Add a customer: `revenue` in minor units, and either `last_order` (a date) or
        `recency_days` (days before the as-of day)."""
        raw = _bulk.encode_id(customer_id)
        day = dates.to_day(last_order) if last_order is not None else dates.NO_DAY
        recency = -1 if recency_days is None else _ints.int32(recency_days, "recency_days")
        C.ltv_customer_table_add(self._ptr, raw, len(raw), _ints.int32(orders, "orders"), day, recency,
                                 _ints.int64(revenue, "revenue"))
        self._version += 1

    def load_csv(self, path, options=None, **settings):
        """Load a CSV of ``customer_id, orders, revenue`` and ``recency_days`` or
        ``last_order_date`` (other header names through ``columns={"orders": "..."}``); returns
        the :class:`~ltvcrm.LoadReport`. Settings are those of :class:`~ltvcrm.CsvOptions`."""
        from .loader import load
        report = load(self, path, None, options, settings, customer_table=True)
        self._version += 1
        return report

    def find(self, customer_id) -> int:
        """A customer's index; NotFoundError for an unknown id."""
        raw = _bulk.encode_id(customer_id)
        out = c_uint64()
        C.ltv_customer_table_find(self._ptr, raw, len(raw), byref(out))
        return out.value

    def customer_id(self, index: int) -> str:
        """The id of the customer at `index`."""
        ptr, length = c_void_p(), c_size_t()
        C.ltv_customer_table_customer_id(self._ptr, _ints.uint64(index, "index"), byref(ptr), byref(length))
        return ctypes.string_at(ptr.value, length.value).decode("utf-8", "surrogateescape")

    def customer_ids(self):
        """All customer ids in index order: a numpy object array, or a list without numpy."""
        ids = [self.customer_id(index) for index in range(len(self))]
        if np is None:
            return ids
        out = np.empty(len(ids), dtype=object)
        out[:] = ids
        return out

    def segment(self, as_of, config=None, **settings):
        """Segment the table as of a day (every last order must be before it); returns a
        :class:`~ltvcrm.Segmentation`. Settings as for :meth:`Ledger.segment`."""
        from .segment import SegmentConfig, Segmentation
        if config is not None and settings:
            raise TypeError("give segment settings either as a SegmentConfig or as keywords, not both")
        own = config is None and bool(settings)
        if own:
            config = SegmentConfig(**settings)
        try:
            out = c_void_p()
            C.ltv_segment_run_customers(byref(out), self._ptr, config._ptr if config is not None else None,
                                        dates.to_day(as_of))
            return Segmentation(out.value, self)
        finally:
            if own:
                config.close()

    def __repr__(self) -> str:
        return "<ltvcrm.CustomerTable closed>" if self.closed else f"<ltvcrm.CustomerTable customers={len(self)}>"
