"""Loading CSV order logs: options, and the report of every rejected row."""

from __future__ import annotations

import ctypes
import enum
import os
from ctypes import byref, c_int, c_int64, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass, field

from . import _ints, _lib
from ._handle import Handle, Owner
from ._lib import C
from .errors import Error, InvalidArgumentError, NotFoundError

__all__ = ["CsvColumn", "RowErrorReason", "RowError", "LoadReport", "CsvOptions", "StatusRule", "Guests",
           "status_rule_of"]


class CsvColumn(enum.IntEnum):
    """Columns the loader knows (ltv_csv_column), for :class:`CsvOptions` ``columns``."""

    CUSTOMER_ID = 0
    ORDER_DATE = 1
    AMOUNT = 2
    ITEMS = 3
    KIND = 4
    ORDER_ID = 5
    ORDER_TOTAL = 6
    STATUS = 7
    REFUND_AMOUNT = 8
    SHIPPING = 9
    DISCOUNT = 10
    EMAIL = 11
    ORDERS = 12
    RECENCY_DAYS = 13
    LAST_ORDER_DATE = 14
    REVENUE = 15


class StatusRule(enum.IntEnum):
    """What an order status means (ltv_csv_status_rule)."""

    COUNTED = 0
    EXCLUDED = 1
    REFUNDED = 2
    PARTLY_REFUNDED = 3


class Guests(enum.IntEnum):
    """Rows without a customer key (ltv_csv_guests)."""

    AS_IDS = 0
    NO_CUSTOMER = 1
    BY_EMAIL = 2


class RowErrorReason(enum.IntEnum):
    """Why a row was rejected (ltv_row_error)."""

    FIELD_COUNT = 1
    EMPTY_ID = 2
    ID_TOO_LONG = 3
    BAD_DATE = 4
    BAD_AMOUNT = 5
    BAD_ITEMS = 6
    BAD_KIND = 7
    BAD_QUOTE = 8
    OUT_OF_RANGE = 9
    BAD_STATUS = 10
    ORDER_CONFLICT = 11
    NUL_BYTE = 12
    BAD_ORDER = 13
    EMPTY_ORDER_ID = 14
    DUPLICATE_ID = 15
    BAD_COUNT = 16


_PARAMS = {"decimals": 0, "max_errors": 1, "delimiter": 2, "strict": 3, "guests": 4, "occasions": 5, "checks": 6,
           "max_rejected_bp": 7, "max_record": 8, "status_builtin": 9}
_FLAGS = {"strict", "occasions", "checks", "status_builtin"}


@dataclass(frozen=True)
class RowError:
    """One rejected row: 1-based line, 1-based field (0 for the whole row), reason, message."""

    line: int
    column: int
    reason: RowErrorReason
    message: str


@dataclass(frozen=True)
class LoadReport:
    """What one load read: row counts (read = taken + excluded + rejected) and the kept bad rows.

    ``excluded`` maps each status value whose orders were excluded (as written) to its rows;
    ``rejected_for`` maps each :class:`RowErrorReason` with rejected rows to their count;
    ``orders`` and ``order_lines`` are the orders formed and the lines they came from;
    ``no_customer_rows``, ``no_customer_orders`` and ``no_customer_amount`` (minor units) are
    what had no customer.
    """

    rows_read: int
    rows_taken: int
    rows_rejected: int
    blank_lines: int
    bytes: int
    errors: list[RowError] = field(default_factory=list)
    rows_excluded: int = 0
    excluded: dict = field(default_factory=dict)
    rejected_for: dict = field(default_factory=dict)
    orders: int = 0
    order_lines: int = 0
    no_customer_rows: int = 0
    no_customer_orders: int = 0
    no_customer_amount: int = 0

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return self.rows_rejected == 0


def _report_from(ptr: int) -> LoadReport:
    errors = []
    for i in range(C.ltv_load_report_error_count(ptr)):
        line, column, reason, message = c_uint64(), c_uint32(), c_int(), c_void_p()
        C.ltv_load_report_error(ptr, i, byref(line), byref(column), byref(reason), byref(message))
        try:
            why = RowErrorReason(reason.value)
        except ValueError:  # a reason added by a newer library
            why = reason.value
        errors.append(RowError(line.value, column.value, why, ctypes.string_at(message.value).decode("utf-8", "replace")))
    excluded = {}
    for i in range(C.ltv_load_report_exclusion_count(ptr)):
        value, rows = c_void_p(), c_uint64()
        C.ltv_load_report_exclusion(ptr, i, byref(value), byref(rows))
        excluded[ctypes.string_at(value.value).decode("utf-8", "replace")] = rows.value
    rejected_for = {reason: C.ltv_load_report_rows_rejected_for(ptr, reason) for reason in RowErrorReason
                    if C.ltv_load_report_rows_rejected_for(ptr, reason)}
    orders, lines, guest_orders, guest_amount = c_uint64(), c_uint64(), c_uint64(), c_int64()
    C.ltv_load_report_orders(ptr, byref(orders), byref(lines))
    C.ltv_load_report_no_customer(ptr, byref(guest_orders), byref(guest_amount))
    return LoadReport(rows_read=C.ltv_load_report_rows_read(ptr), rows_taken=C.ltv_load_report_rows_taken(ptr),
                      rows_rejected=C.ltv_load_report_rows_rejected(ptr),
                      blank_lines=C.ltv_load_report_blank_lines(ptr), bytes=C.ltv_load_report_bytes(ptr),
                      errors=errors, rows_excluded=C.ltv_load_report_rows_excluded(ptr), excluded=excluded,
                      rejected_for=rejected_for, orders=orders.value, order_lines=lines.value,
                      no_customer_rows=C.ltv_load_report_rows_no_customer(ptr), no_customer_orders=guest_orders.value,
                      no_customer_amount=guest_amount.value)


def _column_key(key) -> int:
    if isinstance(key, str):
        try:
            return CsvColumn[key.upper()]
        except KeyError:
            names = ", ".join(c.name.lower() for c in CsvColumn)
            raise InvalidArgumentError(f"CSV column {key!r} is not one of {names}") from None
    return _ints.checked(key, "CSV column", _ints.INT)


class CsvOptions(Owner):
    """Loader settings (ltv_csv_options).

    Args:
        decimals: decimals in amounts, 0..6 (default 2; 0 for yen).
        columns: header names of the known columns, e.g. ``{"customer_id": "会員ID"}``.
        delimiter: ``","`` (default), ``";"``, ``"\\t"`` or ``"|"``.
        max_errors: bad rows kept in the report, 0..1000000 (default 100).
        strict: the first bad row ends the load with ParseError.
        encoding: the file's encoding: ``"utf-8"`` (default; a UTF-16 file with a byte order
            mark is read as such), ``"cp932"`` (``"shift_jis"``), ``"euc-jp"``, ``"utf-16"``.
        timezone: the shop's time zone (an IANA name such as ``"Asia/Tokyo"``): a time with an
            offset is converted to it to find the order's day; one without is shop-local.
        statuses: what status values mean, e.g. ``{"発送済み": "counted", "test": StatusRule.EXCLUDED}``
            (map the status column with ``columns={"status": ...}``); wins over the built-in words.
        status_builtin: False to know only the statuses given (default True).
        guests: rows with an empty or placeholder id: ``"as_ids"`` (default, as 1.0),
            ``"no_customer"`` or ``"by_email"`` (a :class:`Guests` or its name).
        no_customer_ids: the placeholder ids, replacing the defaults (``0``, ``-``, ``guest``, …).
        occasions: a customer's orders of one day are one purchase occasion.
        checks: fail (ValidationError) when no order is taken or more than
            ``max_rejected_bp`` basis points of the rows are rejected (default False, as 1.0).
        max_rejected_bp: the share of rejected rows the checks allow, 0..10000 (default 500).
        max_record: the longest record in bytes (default 1 MiB).
        See docs/orders-from-lines.md.
        progress: ``progress(bytes_done, bytes_total)`` about every 16 MiB; return False
            to cancel the load (it then raises StateError). An exception raised inside
            cancels the load and is raised again by ``load_csv``.
    """

    __slots__ = ("progress",)
    _kind = "CSV options"

    def __init__(self, *, decimals: int | None = None, columns: dict | None = None, delimiter: str | None = None,
                 max_errors: int | None = None, strict: bool | None = None, progress=None,
                 encoding: str | None = None, timezone: str | None = None,
                 statuses: dict | None = None, status_builtin: bool | None = None, guests=None,
                 no_customer_ids=None, occasions: bool | None = None, checks: bool | None = None,
                 max_rejected_bp: int | None = None, max_record: int | None = None, preset: str | None = None):
        out = c_void_p()
        C.ltv_csv_options_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_csv_options_free))
        self.progress = progress
        if preset is not None:  # first: the other keywords override it
            self.set_preset(preset)
        for name, value in (("decimals", decimals), ("max_errors", max_errors), ("strict", strict),
                            ("status_builtin", status_builtin), ("occasions", occasions), ("checks", checks),
                            ("max_rejected_bp", max_rejected_bp), ("max_record", max_record)):
            if value is not None:
                self[name] = value
        if guests is not None:
            self["guests"] = guests
        for value, rule in (statuses or {}).items():
            self.map_status(value, rule)
        if no_customer_ids is not None:
            self.set_no_customer_ids(no_customer_ids)
        if delimiter is not None:
            self["delimiter"] = delimiter
        for key, name in (columns or {}).items():
            self.set_column(key, name)
        if encoding is not None:
            self.set_encoding(encoding)
        if timezone is not None:
            self.set_timezone(timezone)

    def set_preset(self, name: str) -> None:
        """Apply a platform preset (:func:`ltvcrm.presets`): the settings that read that platform's
        export as downloaded; settings made afterwards override it. InvalidArgumentError if unknown."""
        from . import platforms as _presets  # registers the prototypes

        if not isinstance(name, str):
            raise InvalidArgumentError(f"a preset name must be a str, not {type(name).__name__}")
        _presets.C.ltv_csv_options_preset(self._ptr, name.encode("utf-8"))

    def set_encoding(self, name: str | None) -> None:
        """The input's encoding (None: the default, UTF-8); InvalidArgumentError if unknown."""
        C.ltv_csv_options_set_encoding(self._ptr, None if name is None else name.encode("ascii", "replace"))

    def set_timezone(self, name: str | None) -> None:
        """The shop's time zone by IANA name (None: dates as written); NotFoundError if unknown."""
        if name is not None and not isinstance(name, str):
            name = name.name  # a Timezone
        C.ltv_csv_options_set_timezone(self._ptr, None if name is None else name.encode("utf-8"))

    def set_column(self, column, name: str) -> None:
        """Find `column` (a :class:`CsvColumn` or its name) under header `name`."""
        raw = name.encode("utf-8")
        C.ltv_csv_options_set_column(self._ptr, _column_key(column), raw, len(raw))

    def map_status(self, value: str, rule) -> None:
        """Say what status `value` means: a :class:`StatusRule` or its name ("counted", ...)."""
        raw = value.encode("utf-8")
        C.ltv_csv_options_map_status(self._ptr, raw, len(raw), _enum_key(StatusRule, rule, "status rule"))

    def set_no_customer_ids(self, ids) -> None:
        """Replace the placeholder ids that mean "no customer" (an empty id always does)."""
        C.ltv_csv_options_clear_no_customer_ids(self._ptr)
        for text in ids:
            raw = text.encode("utf-8")
            C.ltv_csv_options_add_no_customer_id(self._ptr, raw, len(raw))

    def status_rule(self, value: str) -> StatusRule | None:
        """What status `value` means under these options, or None if it is not mapped."""
        return status_rule_of(value, self)

    def __setitem__(self, name: str, value) -> None:
        if name not in _PARAMS:
            raise InvalidArgumentError(f"CSV option {name!r} is not one of {', '.join(_PARAMS)}")
        if name == "guests":
            value = _enum_key(Guests, value, "guests")
        if name == "delimiter" and isinstance(value, str):
            if len(value) != 1:
                raise InvalidArgumentError(f"delimiter {value!r} is not one character")
            value = ord(value)
        C.ltv_csv_options_set_i64(self._ptr, _PARAMS[name], _ints.int64(value, name, flag=True))

    @staticmethod
    def param_info(name: str) -> tuple[str, int, int]:
        """(C name, smallest, largest value) of a setting: ``("LTV_CSV_DECIMALS", 0, 6)``."""
        if name not in _PARAMS:
            raise InvalidArgumentError(f"CSV option {name!r} is not one of {', '.join(_PARAMS)}")
        return _lib.param_info(C.ltv_csv_param_info, _PARAMS[name])

    def __getitem__(self, name: str):
        if name not in _PARAMS:
            raise KeyError(name)
        out = c_int64()
        C.ltv_csv_options_get_i64(self._ptr, _PARAMS[name], byref(out))
        if name == "delimiter":
            return chr(out.value)
        if name == "guests":
            return Guests(out.value)
        return bool(out.value) if name in _FLAGS else out.value


def _enum_key(kind, key, what: str) -> int:
    if isinstance(key, str):
        try:
            return kind[key.upper().replace("-", "_")]
        except KeyError:
            names = ", ".join(k.name.lower() for k in kind)
            raise InvalidArgumentError(f"{what} {key!r} is not one of {names}") from None
    return _ints.checked(key, what, _ints.INT)


def status_rule_of(value: str, options: CsvOptions | None = None) -> StatusRule | None:
    """What a status value means: the options' mapping, then the built-in vocabulary of
    Shopify, WooCommerce, EC-CUBE, Rakuten and Amazon words; None when it is not mapped."""
    raw = value.encode("utf-8")
    out = c_int()
    try:
        C.ltv_csv_status_rule_of(options._ptr if options is not None else None, raw, len(raw), byref(out))
    except NotFoundError:
        return None
    return StatusRule(out.value)


def load(ledger, path, data: bytes | None, options: CsvOptions | None, settings: dict,
         customer_table: bool = False) -> LoadReport:
    """Run one load (file when `path` is given, else `data`) and copy out its report; with
    `customer_table`, `ledger` is a CustomerTable and `path` a customer table file."""
    if options is not None and settings:
        raise TypeError("give CSV settings either as an options object or as keywords, not both")
    own = options is None
    if own:
        options = CsvOptions(**settings)
    failure = []
    callback = None
    try:
        if options.progress is not None:
            user = options.progress

            def trampoline(_user_data, done, total):
                try:
                    return 0 if user(done, total) is not False else 1
                except BaseException as exc:  # carried across the C frames, raised below
                    failure.append(exc)
                    return 1

            callback = _lib.PROGRESS_FN(trampoline)
            C.ltv_csv_options_set_progress(options._ptr, callback, None)
        report_ptr = c_void_p()
        failed = None
        try:
            try:
                if customer_table:
                    C.ltv_customer_table_load_csv(ledger._ptr, os.fsencode(path), options._ptr, byref(report_ptr))
                elif path is not None:
                    C.ltv_ledger_load_csv(ledger._ptr, os.fsencode(path), options._ptr, byref(report_ptr))
                else:
                    C.ltv_ledger_load_csv_buffer(ledger._ptr, data, len(data), options._ptr, byref(report_ptr))
            except Error as exc:
                failed = exc
            report = _report_from(report_ptr.value) if report_ptr.value else None
        finally:
            C.ltv_load_report_free(report_ptr.value)
        if failed is not None:
            failed.report = report
            if failure:
                raise failure[0] from failed
            raise failed
        return report
    finally:
        if callback is not None:
            C.ltv_csv_options_set_progress(options._ptr, _lib.PROGRESS_FN(), None)
        if own:
            options.close()
