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
from .errors import Error, InvalidArgumentError

__all__ = ["CsvColumn", "RowErrorReason", "RowError", "LoadReport", "CsvOptions"]


class CsvColumn(enum.IntEnum):
    """Columns the loader knows (ltv_csv_column), for :class:`CsvOptions` ``columns``."""

    CUSTOMER_ID = 0
    ORDER_DATE = 1
    AMOUNT = 2
    ITEMS = 3
    KIND = 4


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


_PARAMS = {"decimals": 0, "max_errors": 1, "delimiter": 2, "strict": 3}


@dataclass(frozen=True)
class RowError:
    """One rejected row: 1-based line, 1-based field (0 for the whole row), reason, message."""

    line: int
    column: int
    reason: RowErrorReason
    message: str


@dataclass(frozen=True)
class LoadReport:
    """What one load read: row counts (read = taken + rejected) and the kept bad rows."""

    rows_read: int
    rows_taken: int
    rows_rejected: int
    blank_lines: int
    bytes: int
    errors: list[RowError] = field(default_factory=list)

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
    return LoadReport(rows_read=C.ltv_load_report_rows_read(ptr), rows_taken=C.ltv_load_report_rows_taken(ptr),
                      rows_rejected=C.ltv_load_report_rows_rejected(ptr),
                      blank_lines=C.ltv_load_report_blank_lines(ptr), bytes=C.ltv_load_report_bytes(ptr),
                      errors=errors)


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
        progress: ``progress(bytes_done, bytes_total)`` about every 16 MiB; return False
            to cancel the load (it then raises StateError). An exception raised inside
            cancels the load and is raised again by ``load_csv``.
    """

    __slots__ = ("progress",)
    _kind = "CSV options"

    def __init__(self, *, decimals: int | None = None, columns: dict | None = None, delimiter: str | None = None,
                 max_errors: int | None = None, strict: bool | None = None, progress=None,
                 encoding: str | None = None, timezone: str | None = None):
        out = c_void_p()
        C.ltv_csv_options_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_csv_options_free))
        self.progress = progress
        for name, value in (("decimals", decimals), ("max_errors", max_errors), ("strict", strict)):
            if value is not None:
                self[name] = value
        if delimiter is not None:
            self["delimiter"] = delimiter
        for key, name in (columns or {}).items():
            self.set_column(key, name)
        if encoding is not None:
            self.set_encoding(encoding)
        if timezone is not None:
            self.set_timezone(timezone)

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

    def __setitem__(self, name: str, value) -> None:
        if name not in _PARAMS:
            raise InvalidArgumentError(f"CSV option {name!r} is not one of {', '.join(_PARAMS)}")
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
        return bool(out.value) if name == "strict" else out.value


def load(ledger, path, data: bytes | None, options: CsvOptions | None, settings: dict) -> LoadReport:
    """Run one load (file when `path` is given, else `data`) and copy out its report."""
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
                if path is not None:
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
