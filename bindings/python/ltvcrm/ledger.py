"""The customer ledger: events in, facts and totals as of a day out."""

from __future__ import annotations

import ctypes
import datetime as _dt
import enum
from ctypes import byref, c_int32, c_int64, c_size_t, c_uint64, c_void_p
from dataclasses import dataclass
from typing import Iterator

from . import _bulk, _ints, dates
from ._columns import np
from ._handle import Handle, Owner
from ._lib import C
from .errors import InvalidArgumentError, NotFoundError, StateError

__all__ = ["EventKind", "Event", "Facts", "Summary", "Customer", "Ledger"]


class EventKind(enum.IntEnum):
    """Kinds of event (ltv_event_kind)."""

    ORDER = 0
    REFUND = 1
    VISIT = 2
    CANCEL = 3


class _CFacts(ctypes.Structure):
    _fields_ = [("first_order_day", c_int32), ("second_order_day", c_int32), ("last_order_day", c_int32),
                ("orders", c_int32), ("amount", c_int64), ("items", c_int64), ("tenure_days", c_int32),
                ("recency_days", c_int32), ("year_orders", c_int32), ("refunds", c_int32),
                ("year_amount", c_int64), ("refund_amount", c_int64), ("visits", c_int32),
                ("year_visits", c_int32), ("first_event_day", c_int32), ("cancel_day", c_int32)]


class _CSummary(ctypes.Structure):
    _fields_ = [("customers", c_uint64), ("repeat_customers", c_uint64), ("orders", c_uint64),
                ("refunds", c_uint64), ("visits", c_uint64), ("cancels", c_uint64), ("revenue", c_int64),
                ("gross_revenue", c_int64), ("items", c_int64), ("first_day", c_int32), ("last_day", c_int32)]


def _struct_values(struct, date_fields) -> dict:
    values = {name: getattr(struct, name) for name, _ in struct._fields_}
    for name in date_fields:
        values[name] = dates.from_day(values[name])
    return values


@dataclass(frozen=True)
class Event:
    """One event of a customer, as the ledger keeps it (refund amounts negative)."""

    kind: EventKind
    day: _dt.date
    amount: int
    items: int


@dataclass(frozen=True)
class Facts:
    """One customer's facts as of a day (ltv_customer_facts); days are dates or None."""

    as_of: _dt.date
    first_order_day: _dt.date | None
    second_order_day: _dt.date | None
    last_order_day: _dt.date | None
    orders: int
    amount: int
    items: int
    tenure_days: int
    recency_days: int
    year_orders: int
    refunds: int
    year_amount: int
    refund_amount: int
    visits: int
    year_visits: int
    first_event_day: _dt.date | None
    cancel_day: _dt.date | None


@dataclass(frozen=True)
class Summary:
    """Totals over a ledger as of a day (ltv_ledger_summary); days are dates or None."""

    as_of: _dt.date
    customers: int
    repeat_customers: int
    orders: int
    refunds: int
    visits: int
    cancels: int
    revenue: int
    gross_revenue: int
    items: int
    first_day: _dt.date | None
    last_day: _dt.date | None

    @property
    def repeat_rate(self) -> float:
        """Repeat customers / customers (0 without customers)."""
        return self.repeat_customers / self.customers if self.customers else 0.0

    @property
    def average_order_value(self) -> float:
        """Gross revenue per order in minor units (0 without orders)."""
        return self.gross_revenue / self.orders if self.orders else 0.0


class Customer:
    """A customer of a ledger: its index, id, facts and events."""

    __slots__ = ("ledger", "index")

    def __init__(self, ledger: "Ledger", index: int):
        self.ledger = ledger
        self.index = index

    @property
    def id(self) -> str:
        return self.ledger.customer_id(self.index)

    def facts(self, as_of=None) -> Facts:
        return self.ledger.facts(self.index, as_of)

    def events(self) -> list[Event]:
        return self.ledger.events(self.index)

    def __repr__(self) -> str:
        return f"Customer(index={self.index}, id={self.id!r})"


class Ledger(Owner):
    """Every customer's events; facts and totals as of a day.

    >>> with Ledger() as ledger:
    ...     ledger.add_order("C001", "2026-01-05", 1980, items=2)
    ...     ledger.summary().revenue
    1980

    Customers are identified by str ids (bytes are accepted too) and have dense indices
    ``0 .. len(ledger) - 1`` in the order they were first seen. Days may be given as
    ``datetime.date``, ``numpy.datetime64``, ISO text or day numbers.
    """

    __slots__ = ("_version",)
    _kind = "ledger"

    def __init__(self, *, reserve_customers: int = 0, reserve_events: int = 0):
        out = c_void_p()
        C.ltv_ledger_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_ledger_free))
        self._version = 0  # grows with every change, so that results can tell they are stale
        if reserve_customers or reserve_events:
            self.reserve(reserve_customers, reserve_events)

    @classmethod
    def from_columns(cls, customer_ids, days, amounts=None, items=None, kinds=None, *, timezone=None) -> "Ledger":
        """A new ledger with the events of parallel columns (see :meth:`add_events`)."""
        ledger = cls()
        ledger.add_events(customer_ids, days, amounts, items, kinds, timezone=timezone)
        return ledger

    # ---- snapshots (snapshot.py) ----------------------------------------------------------

    @classmethod
    def _adopt_ptr(cls, ptr: int) -> "Ledger":
        ledger = cls.__new__(cls)
        ledger._adopt(Handle(ptr, C.ltv_ledger_free))
        ledger._version = 0
        return ledger

    @classmethod
    def open(cls, path, check_on_use: bool = False) -> "Ledger":
        """Open a snapshot file (``ltv_ledger_open``: mapped, checked, not parsed).

        With ``check_on_use`` (``LTV_OPEN_CHECK_ON_USE``) each part of the file is checked by
        the first call that reads it, and :meth:`segment` checks the events while it reads
        them: a damaged file then raises :class:`FormatError` from that call instead of here.
        """
        from . import snapshot
        return cls._adopt_ptr(snapshot.open_file(path, check_on_use))

    def verify(self) -> None:
        """Run every check that ``Ledger.open(..., check_on_use=True)`` left for later
        (``ltv_ledger_verify``); raises :class:`FormatError` for a damaged file."""
        from . import snapshot
        snapshot.verify(self._ptr)

    @classmethod
    def from_snapshot_buffer(cls, data) -> "Ledger":
        """A ledger from snapshot bytes (:meth:`save_buffer`), copied by the library."""
        from . import snapshot
        return cls._adopt_ptr(snapshot.open_buffer(data))

    def save(self, path) -> None:
        """Save as a snapshot file, crash-safe (temporary file, fsync, rename)."""
        from . import snapshot
        snapshot.save(self._ptr, path)

    def save_increment(self, path) -> str:
        """Save to a snapshot file appending only what is new since it was opened or last
        saved so (``ltv_ledger_save_increment``, format version 2); returns "increment",
        "rewritten" (a whole new base), "compacted" or "unchanged"."""
        from . import snapshot
        return snapshot.save_increment(self._ptr, path)

    def facts_arrow(self, as_of=None):
        """Every customer's facts as of a day for Arrow consumers (``__arrow_c_array__``,
        ``__arrow_c_stream__``; docs/arrow.md)."""
        from . import arrow
        return arrow.ArrowFacts(self, self.default_as_of() if as_of is None else dates.to_day(as_of))

    def save_buffer(self) -> bytes:
        """The snapshot as bytes (the same bytes as a file)."""
        from . import snapshot
        return snapshot.save_buffer(self._ptr)

    def _modified(self) -> None:
        self._version += 1

    # ---- adding ---------------------------------------------------------------------------

    def reserve(self, customers: int, events: int) -> None:
        """Reserve room for more customers and events, to avoid regrowth while adding."""
        C.ltv_ledger_reserve(self._ptr, _ints.uint64(customers, "customers"), _ints.uint64(events, "events"))

    def add_event(self, customer_id, day, amount: int = 0, items: int | None = None,
                  kind: EventKind | int | str = EventKind.ORDER, *, timezone=None) -> None:
        """Add one event. Items default to 1 for an order, 0 otherwise. `timezone` (the shop's,
        an IANA name or :class:`~ltvcrm.Timezone`) places an aware datetime or a timestamp with
        an offset on the shop's day (see :mod:`ltvcrm.timezone`)."""
        raw = _bulk.encode_id(customer_id)
        code = _bulk.kind_code(kind)
        if items is None:
            items = 1 if code == EventKind.ORDER else 0
        C.ltv_ledger_add_event(self._ptr, raw, len(raw), code, _day(day, timezone), _ints.int64(amount, "amount"),
                               _ints.int32(items, "items"))
        self._modified()

    def add_order(self, customer_id, day, amount: int, items: int = 1, *, timezone=None) -> None:
        """Add one order of `amount` minor units (`timezone` as in :meth:`add_event`)."""
        raw = _bulk.encode_id(customer_id)
        C.ltv_ledger_add_order(self._ptr, raw, len(raw), _day(day, timezone), _ints.int64(amount, "amount"),
                               _ints.int32(items, "items"))
        self._modified()

    def add_refund(self, customer_id, day, amount: int) -> None:
        """Add a refund (the amount may be given with either sign; it is stored negative)."""
        self.add_event(customer_id, day, amount, 0, EventKind.REFUND)

    def add_visit(self, customer_id, day) -> None:
        """Add a visit: a use of a membership service."""
        self.add_event(customer_id, day, 0, 0, EventKind.VISIT)

    def add_cancel(self, customer_id, day) -> None:
        """Add a membership cancel."""
        self.add_event(customer_id, day, 0, 0, EventKind.CANCEL)

    def add_events(self, customer_ids, days, amounts=None, items=None, kinds=None, *, timezone=None) -> int:
        """Add many events from parallel columns in one call; all rows or none.

        Columns may be lists or numpy arrays (or pandas Series). With arrays, the conversion
        is vectorized and the rows go to the library in one C call: ids as an ``S`` array
        (fixed-width records, no copy) or a ``str``/object array (joined and encoded to UTF-8
        once), days as ``datetime64`` or integer day numbers, amounts as integers. `kinds` may hold
        :class:`EventKind` values or names; None means all orders. `amounts` None means 0,
        `items` None means 1 per order. Returns the number of rows added.

        Times follow the shop-day rule of :mod:`ltvcrm.timezone`: with `timezone` (the
        shop's IANA name or a :class:`~ltvcrm.Timezone`), tz-aware pandas values, aware
        datetimes and text with an offset are converted to the shop's day by the C library;
        without it, an aware value counts by its own wall date (as the tool reads a CSV).
        """
        from . import timezone as _tz

        if _tz.needs_rule(days, timezone):
            days = _tz.days_of(days, timezone)
        batch = _bulk.make_batch(customer_ids, days, amounts, items, kinds)
        if batch.n == 0:
            return 0
        addr = batch.address
        if batch.fixed_width:
            C.ltv_ledger_add_events_fixed(self._ptr, batch.n, addr("ids"), batch.fixed_width, addr("kinds"),
                                          addr("days"), addr("amounts"), addr("items"))
        else:
            C.ltv_ledger_add_events(self._ptr, batch.n, addr("ids"), addr("offsets"), addr("kinds"),
                                    addr("days"), addr("amounts"), addr("items"))
        self._modified()
        return batch.n

    def merge(self, other: "Ledger") -> None:
        """Add every event of `other` (which is not changed)."""
        if other is self:
            raise InvalidArgumentError("cannot merge a ledger into itself")
        C.ltv_ledger_merge(self._ptr, other._ptr)
        self._modified()

    def load_csv(self, path, options=None, **settings):
        """Load a CSV file; returns the :class:`~ltvcrm.LoadReport`.

        Settings are those of :class:`~ltvcrm.CsvOptions` (decimals, columns, delimiter,
        max_errors, strict, progress), given either as an options object or as keywords.
        Rejected rows do not raise: they are listed in the report. Whole-file problems raise
        (FileError, FormatError, EncodingError; ParseError in strict mode) with the report,
        when there is one, in the exception's ``report`` attribute; the ledger is unchanged.
        """
        from .loader import load

        report = load(self, path, None, options, settings)
        self._modified()
        return report

    def load_csv_buffer(self, data, options=None, **settings):
        """Load CSV text held in memory (str or bytes); otherwise as :meth:`load_csv`."""
        from .loader import load

        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        report = load(self, None, raw, options, settings)
        self._modified()
        return report

    def prepare(self) -> None:
        """Organize the added events for querying now rather than on the first query."""
        C.ltv_ledger_prepare(self._ptr)

    # ---- querying -------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(C.ltv_ledger_customer_count(self._ptr))

    @property
    def customer_count(self) -> int:
        """Customers (ids seen, whatever their events)."""
        return len(self)

    @property
    def event_count(self) -> int:
        """Events of all kinds."""
        return int(C.ltv_ledger_event_count(self._ptr))

    @property
    def order_count(self) -> int:
        """Order events, whatever their day."""
        return int(C.ltv_ledger_order_count(self._ptr))

    @property
    def visit_count(self) -> int:
        """Visit (use) events, whatever their day: above 0, visits count as activity by default."""
        return int(C.ltv_ledger_visit_count(self._ptr))

    @property
    def revenue(self) -> int:
        """All orders minus all refunds, in minor units, whatever their day."""
        return int(C.ltv_ledger_revenue(self._ptr))

    def day_range(self) -> tuple[_dt.date, _dt.date] | None:
        """The first and last day of any event; None for an empty ledger."""
        first, last = c_int32(), c_int32()
        try:
            C.ltv_ledger_day_range(self._ptr, byref(first), byref(last))
        except NotFoundError:
            return None
        return dates.from_day(first.value), dates.from_day(last.value)

    def default_as_of(self) -> int:
        """The day after the last event, as a day number: the as-of day that counts everything."""
        first, last = c_int32(), c_int32()
        try:
            C.ltv_ledger_day_range(self._ptr, byref(first), byref(last))
        except NotFoundError:
            raise StateError("the ledger has no events: give an as-of day") from None
        return last.value + 1

    def _as_of(self, as_of) -> int:
        return self.default_as_of() if as_of is None else dates.to_day(as_of)

    def find(self, customer_id) -> int:
        """A customer's index; raises NotFoundError (a LookupError) for an unknown id."""
        raw = _bulk.encode_id(customer_id)
        out = c_uint64()
        C.ltv_ledger_find(self._ptr, raw, len(raw), byref(out))
        return out.value

    def __contains__(self, customer_id) -> bool:
        try:
            self.find(customer_id)
        except NotFoundError:
            return False
        return True

    def _index(self, customer) -> int:
        if isinstance(customer, Customer):
            return customer.index
        if isinstance(customer, (str, bytes)):
            return self.find(customer)
        if isinstance(customer, bool) or not hasattr(customer, "__index__"):
            raise InvalidArgumentError(f"a customer is an index or an id, not {customer!r}")
        return _ints.uint64(customer, "customer index")

    def customer_id(self, index: int) -> str:
        """The id of the customer at `index`."""
        ptr, length = c_void_p(), c_size_t()
        C.ltv_ledger_customer_id(self._ptr, self._index(index), byref(ptr), byref(length))
        return ctypes.string_at(ptr.value, length.value).decode("utf-8", "surrogateescape")

    def customer(self, customer) -> Customer:
        """A :class:`Customer` by index or id."""
        index = self._index(customer)
        if not 0 <= index < len(self):
            raise InvalidArgumentError(f"customer index {index} is outside 0..{len(self) - 1}")
        return Customer(self, index)

    def customers(self) -> Iterator[Customer]:
        """Every customer, in index order."""
        for index in range(len(self)):
            yield Customer(self, index)

    def __iter__(self) -> Iterator[str]:
        """The customer ids, in index order."""
        for index in range(len(self)):
            yield self.customer_id(index)

    def customer_ids(self):
        """All customer ids in index order: a numpy object array, or a list without numpy."""
        ids = [self.customer_id(index) for index in range(len(self))]
        if np is None:
            return ids
        out = np.empty(len(ids), dtype=object)
        out[:] = ids
        return out

    def facts(self, customer, as_of=None) -> Facts:
        """A customer's facts (by index or id) as of a day; default: the day after the last event."""
        day = self._as_of(as_of)
        out = _CFacts()
        C.ltv_ledger_facts(self._ptr, self._index(customer), day, byref(out), ctypes.sizeof(out))
        values = _struct_values(out, ("first_order_day", "second_order_day", "last_order_day", "first_event_day",
                                      "cancel_day"))
        return Facts(as_of=dates.from_day(day), **values)

    def summary(self, as_of=None) -> Summary:
        """Totals over all customers as of a day; default: the day after the last event."""
        day = self._as_of(as_of)
        out = _CSummary()
        C.ltv_ledger_summary_as_of(self._ptr, day, byref(out), ctypes.sizeof(out))
        return Summary(as_of=dates.from_day(day), **_struct_values(out, ("first_day", "last_day")))

    def events(self, customer) -> list[Event]:
        """A customer's events in the ledger's canonical order (by day)."""
        index = self._index(customer)
        count = c_size_t()
        C.ltv_ledger_customer_events(self._ptr, index, None, None, None, None, 0, byref(count))
        n = count.value
        kinds, days = (ctypes.c_uint8 * n)(), (c_int32 * n)()
        amounts, items = (c_int64 * n)(), (c_int32 * n)()
        C.ltv_ledger_customer_events(self._ptr, index, kinds, days, amounts, items, n, byref(count))
        return [Event(EventKind(kinds[i]), dates.from_day(days[i]), amounts[i], items[i]) for i in range(n)]

    def segment(self, as_of=None, config=None, **settings):
        """Segment every customer as of a day (default: the day after the last event).

        `config` is a :class:`~ltvcrm.SegmentConfig`; keywords are its settings
        (``dormant_days=90``, ``rfm_mode="type7"``, ...). Returns a
        :class:`~ltvcrm.Segmentation`.
        """
        from .segment import run

        return run(self, self._as_of(as_of), config, settings)

    def health_check(self, as_of=None, segmentation=None, *, ranks: bool = True, config=None, **settings):
        """The health check as of a day (default: the day after the last event).

        Per-rank figures come from `segmentation` (one of this ledger as of the same day), or
        from a default segmentation computed here when `ranks` is true. `config` is a
        :class:`~ltvcrm.HealthConfig`; keywords are its settings. Returns a
        :class:`~ltvcrm.HealthCheck` (``.to_dict()`` for the whole report).
        """
        from .health import run

        day = self._as_of(as_of) if segmentation is None else segmentation.as_of_day
        if segmentation is None and ranks:
            with self.segment(day) as seg:
                return run(self, day, seg, config, settings)
        return run(self, day, segmentation, config, settings)

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.Ledger closed>"
        return f"<ltvcrm.Ledger customers={len(self)} events={self.event_count}>"


def _day(value, timezone) -> int:
    """One day by the shop-day rule (dates.to_day when no rule applies)."""
    from . import timezone as _tz

    if timezone is None and not _tz._aware(value):
        return dates.to_day(value)
    return _tz.day_of(value, timezone)
