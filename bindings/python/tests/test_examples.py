"""The examples in examples/python/ run against the library under test."""

import os
import subprocess
import sys

import pytest

from conftest import PACKAGE_ROOT, REPO, SAMPLE_CSV

EXAMPLES = os.path.join(REPO, "examples", "python")


def run(script, *args):
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    result = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), *args], capture_output=True, text=True,
                            env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_summary():
    out = run("summary.py", SAMPLE_CSV)
    assert "read 7359 rows: 7359 taken, 0 rejected" in out and "4,000" in out


def test_segments_in_japanese_with_a_cpo():
    out = run("segments.py", SAMPLE_CSV, "--lang", "ja", "--cpo", "5000")
    assert "ファン" in out and "LTV/CPO" in out


def test_matrix_and_grade():
    out = run("matrix_and_grade.py", SAMPLE_CSV, "AABCDAABBA")
    assert "Grade C" in out and "Acquisition" in out


def test_pandas_round_trip():
    pytest.importorskip("pandas")
    out = run("pandas_roundtrip.py", SAMPLE_CSV)
    assert "customer_id" in out and "dormant" in out and "3041" in out
