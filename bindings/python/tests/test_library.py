"""Loading the library, the version check, status names and errors as exceptions."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import ltvcrm
from conftest import PACKAGE_ROOT


def test_loaded_library_has_the_bindings_major_version():
    assert ltvcrm.library_version_number // 10000 == ltvcrm._lib.ABI_MAJOR
    assert ltvcrm.library_version.split(".")[0] == str(ltvcrm._lib.ABI_MAJOR)


def test_loaded_from_the_environment_variable():
    expected = os.environ.get("LTVCRM_LIBRARY")
    if not expected:
        pytest.skip("LTVCRM_LIBRARY is not set")
    assert ltvcrm.library_path == expected


def _import_in_subprocess(env_library, code="import ltvcrm"):
    env = dict(os.environ, LTVCRM_LIBRARY=env_library, PYTHONPATH=PACKAGE_ROOT)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_missing_library_raises_library_not_found(tmp_path):
    result = _import_in_subprocess(str(tmp_path / "nowhere" / "libltvcrm.so"))
    assert result.returncode != 0
    assert "LibraryNotFoundError" in result.stderr and "LTVCRM_LIBRARY" in result.stderr


def test_other_major_version_is_refused(tmp_path):
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build a fake library")
    source = tmp_path / "fake.c"
    source.write_text(textwrap.dedent("""
        int ltv_version_number(void) { return 20301; }
        const char *ltv_version_string(void) { return "2.3.1"; }
        const char *ltv_status_name(int s) { (void)s; return "LTV_OK"; }
        const char *ltv_last_error(void) { return ""; }
    """))
    fake = tmp_path / "libltvcrm.so"
    subprocess.run([compiler, "-shared", "-fPIC", str(source), "-o", str(fake)], check=True)
    result = _import_in_subprocess(str(fake))
    assert result.returncode != 0
    assert "LibraryVersionError" in result.stderr and "2.3.1" in result.stderr


def test_status_names_and_texts():
    assert ltvcrm.status_name(-3) == "LTV_ERANGE"
    assert ltvcrm.status_name(0) == "LTV_OK"
    assert ltvcrm.status_name(-999) == "LTV_UNKNOWN"
    assert ltvcrm.status_text(-8) == "text is not valid UTF-8"


@pytest.mark.parametrize("cls, status, name, builtin", [
    (ltvcrm.InvalidArgumentError, -1, "LTV_EINVAL", ValueError),
    (ltvcrm.OutOfMemoryError, -2, "LTV_ENOMEM", MemoryError),
    (ltvcrm.OutOfRangeError, -3, "LTV_ERANGE", ValueError),
    (ltvcrm.FileError, -4, "LTV_EIO", OSError),
    (ltvcrm.ParseError, -5, "LTV_EPARSE", ValueError),
    (ltvcrm.NotFoundError, -6, "LTV_ENOTFOUND", LookupError),
    (ltvcrm.BufferSizeError, -7, "LTV_EBUFSIZE", ltvcrm.Error),
    (ltvcrm.EncodingError, -8, "LTV_EENCODING", ValueError),
    (ltvcrm.StateError, -9, "LTV_ESTATE", RuntimeError),
    (ltvcrm.SumOverflowError, -10, "LTV_EOVERFLOW", OverflowError),
    (ltvcrm.FormatError, -11, "LTV_EFORMAT", ValueError),
    (ltvcrm.ValidationError, -12, "LTV_EVALIDATION", ValueError),
])
def test_every_status_has_its_exception(cls, status, name, builtin):
    assert ltvcrm.status_name(status) == name
    exc = ltvcrm.errors.error_for(status, "the message")
    assert type(exc) is cls and isinstance(exc, ltvcrm.Error) and isinstance(exc, builtin)
    assert (exc.status, exc.status_name, exc.message) == (status, name, "the message")
    assert str(exc) == f"{name}: the message"


def test_unknown_status_is_a_plain_error():
    exc = ltvcrm.errors.error_for(-77, "later", "LTV_ELATER")
    assert type(exc) is ltvcrm.Error and exc.status == -77 and exc.status_name == "LTV_ELATER"


def test_a_failing_call_raises_with_the_library_message():
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.OutOfRangeError) as info:
            ledger.add_order("C1", "2026-01-01", 100, items=2_000_000)
    assert info.value.status_name == "LTV_ERANGE"
    assert "2000000" in info.value.message and "1000000" in info.value.message


def test_message_is_per_call_not_stale():
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.InvalidArgumentError) as first:
            ledger.add_order("", "2026-01-01", 100)
        with pytest.raises(ltvcrm.OutOfRangeError) as second:
            ledger.add_order("C1", "2026-01-01", -1)
    assert "empty" in first.value.message
    assert "-1" in second.value.message and "empty" not in second.value.message
