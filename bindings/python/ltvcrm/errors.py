"""Exceptions: every negative status of the library becomes one of these.

Each exception carries the status code (``status``), its name (``status_name``, such as
``"LTV_ERANGE"``) and the library's message for the failure (``message``), which names the
parameter, the value and the bounds, or the line and column of a file. The classes also
derive from the closest built-in exception, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "Error",
    "InvalidArgumentError",
    "OutOfMemoryError",
    "OutOfRangeError",
    "FileError",
    "ParseError",
    "NotFoundError",
    "BufferSizeError",
    "EncodingError",
    "StateError",
    "SumOverflowError",
    "FormatError",
    "ValidationError",
    "LibraryNotFoundError",
    "LibraryVersionError",
]


class Error(Exception):
    """A failure reported by libltvcrm.

    Attributes:
        status: the negative status code (an ``ltv_status`` value).
        status_name: its name, for example ``"LTV_EINVAL"``.
        message: the library's message for this failure.
    """

    status = 0
    status_name = "LTV_UNKNOWN"

    def __init__(self, message: str = "", status: int | None = None, status_name: str | None = None):
        if status is not None:
            self.status = status
        if status_name is not None:
            self.status_name = status_name
        self.message = message
        super().__init__(f"{self.status_name}: {message}" if message else self.status_name)


class InvalidArgumentError(Error, ValueError):
    """LTV_EINVAL: an argument is invalid (empty, unknown enum value)."""

    status, status_name = -1, "LTV_EINVAL"


class OutOfMemoryError(Error, MemoryError):
    """LTV_ENOMEM: memory could not be allocated."""

    status, status_name = -2, "LTV_ENOMEM"


class OutOfRangeError(Error, ValueError):
    """LTV_ERANGE: a value is outside its documented bounds (the message gives them)."""

    status, status_name = -3, "LTV_ERANGE"


class FileError(Error, OSError):
    """LTV_EIO: a file could not be opened, read or written."""

    status, status_name = -4, "LTV_EIO"


class ParseError(Error, ValueError):
    """LTV_EPARSE: text input is malformed (the message names line and column)."""

    status, status_name = -5, "LTV_EPARSE"


class NotFoundError(Error, LookupError):
    """LTV_ENOTFOUND: the customer, step or label does not exist."""

    status, status_name = -6, "LTV_ENOTFOUND"


class BufferSizeError(Error):
    """LTV_EBUFSIZE: a buffer was too small (the bindings size buffers themselves)."""

    status, status_name = -7, "LTV_EBUFSIZE"


class EncodingError(Error, ValueError):
    """LTV_EENCODING: text is not UTF-8 (for example a Shift_JIS export)."""

    status, status_name = -8, "LTV_EENCODING"


class StateError(Error, RuntimeError):
    """LTV_ESTATE: the call is not allowed now (a closed handle, a cancelled load)."""

    status, status_name = -9, "LTV_ESTATE"


class SumOverflowError(Error, OverflowError):
    """LTV_EOVERFLOW: a sum or count would overflow its integer type."""

    status, status_name = -10, "LTV_EOVERFLOW"


class FormatError(Error, ValueError):
    """LTV_EFORMAT: structured input lacks something required (a column, a key)."""

    status, status_name = -11, "LTV_EFORMAT"


class ValidationError(Error, ValueError):
    """LTV_EVALIDATION: an object failed validation (the message lists the problems)."""

    status, status_name = -12, "LTV_EVALIDATION"


class LibraryNotFoundError(ImportError):
    """The shared library libltvcrm could not be found or loaded."""


class LibraryVersionError(ImportError):
    """The shared library found has a different major version than these bindings."""


_BY_STATUS = {cls.status: cls for cls in (
    InvalidArgumentError, OutOfMemoryError, OutOfRangeError, FileError, ParseError, NotFoundError,
    BufferSizeError, EncodingError, StateError, SumOverflowError, FormatError, ValidationError)}


def error_for(status: int, message: str, status_name: str | None = None) -> Error:
    """The exception for a status code (a plain Error for a code this version does not know)."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        return Error(message, status, status_name or "LTV_UNKNOWN")
    return cls(message)
