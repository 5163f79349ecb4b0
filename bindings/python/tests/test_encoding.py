"""Customer ids that are not UTF-8 raise EncodingError (LTV_EENCODING), whichever way they come.

The library checks ids for UTF-8 from the version that validates them in lib/ledger*.c;
with a library that still accepts them, each test is skipped (a probe on a scratch ledger
tells, once per path), so the suite passes against both.
"""

import functools

import numpy as np
import pytest

import ltvcrm

DAY = "2026-01-05"
NOT_UTF8 = b"\xff\xfe"

def _raw(cid) -> bytes:
    """The bytes a str id goes to the library as (an S array takes bytes only)."""
    return cid.encode("utf-8", "surrogateescape") if isinstance(cid, str) else cid


ADDS = {
    "add_order": lambda ledger, cid: ledger.add_order(cid, DAY, 100),
    "add_event": lambda ledger, cid: ledger.add_event(cid, DAY, 0, kind="visit"),
    "add_events list": lambda ledger, cid: ledger.add_events(["ok", cid], [DAY, DAY], [1, 2]),
    "add_events fixed": lambda ledger, cid: ledger.add_events(np.array([b"ok", _raw(cid)], dtype="S2"),
                                                              np.array([20458, 20458]), np.array([1, 2])),
    "add_events joined": lambda ledger, cid: ledger.add_events(np.array(["ok", cid], dtype=object),
                                                               np.array([20458, 20458]), np.array([1, 2])),
}


@functools.cache
def library_checks(path: str) -> bool:
    """Whether the loaded library rejects a non-UTF-8 id on this path."""
    with ltvcrm.Ledger() as probe:
        try:
            ADDS[path](probe, NOT_UTF8)
        except ltvcrm.EncodingError:
            return True
    return False


def test_encoding_status_maps_to_encoding_error():
    error = ltvcrm.errors.error_for(-8, "customer id is not UTF-8")
    assert type(error) is ltvcrm.EncodingError and isinstance(error, ValueError)
    assert (error.status, error.status_name) == (-8, "LTV_EENCODING")


@pytest.mark.parametrize("path", list(ADDS))
@pytest.mark.parametrize("cid", [NOT_UTF8, "\udcff\udcfe"], ids=["bytes", "surrogateescape str"])
def test_an_id_that_is_not_utf8_raises_encoding_error_and_adds_nothing(path, cid):
    if not library_checks(path):
        pytest.skip(f"libltvcrm {ltvcrm.library_version} at {ltvcrm.library_path} still accepts ids that are "
                    "not UTF-8 on this path")
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.EncodingError) as info:
            ADDS[path](ledger, cid)
        assert info.value.status_name == "LTV_EENCODING" and info.value.message
        assert len(ledger) == 0 and ledger.event_count == 0
        ledger.add_order("会員1", DAY, 100)
        assert list(ledger) == ["会員1"]
