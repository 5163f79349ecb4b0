"""Test setup: import the package from this tree and locate the library under test.

Run as CI does:  LTVCRM_LIBRARY=build/libltvcrm.so /usr/bin/python3 -m pytest -q bindings/python/tests
Without LTVCRM_LIBRARY the package looks for an installed library, then for build*/ trees.
"""

import os
import random
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
REPO = os.path.abspath(os.path.join(PACKAGE_ROOT, "..", ".."))
sys.path.insert(0, PACKAGE_ROOT)

import ltvcrm  # noqa: E402

SAMPLE_CSV = os.path.join(REPO, "examples", "data", "orders.csv")


@pytest.fixture(scope="session")
def reference(tmp_path_factory):
    """The C reference program (bindings/reference/ltv_reference.c) built against the library."""
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.skip("no C compiler to build the reference program")
    library = os.path.abspath(ltvcrm.library_path)
    if not os.path.isfile(library):
        pytest.skip(f"the library was loaded by name ({library}), not from a file to link against")
    out = tmp_path_factory.mktemp("reference") / "ltv_reference"
    subprocess.run([compiler, "-std=c11", "-I", os.path.join(REPO, "include"),
                    os.path.join(REPO, "bindings", "reference", "ltv_reference.c"), library,
                    "-Wl,-rpath," + os.path.dirname(library), "-o", str(out)], check=True)

    def run(csv_path, decimals=0):
        result = subprocess.run([str(out), str(csv_path), str(decimals)], check=True, capture_output=True,
                                text=True, env=dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(library)))
        return [line.split("\t") for line in result.stdout.splitlines()]

    return run


def make_log(seed=7, customers=300, events=3000):
    """A deterministic event log with every kind of event: rows of (id, day, amount, items, kind)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(events):
        cid = f"K{rng.randrange(customers):04d}" if rng.random() < 0.95 else f"会員{rng.randrange(20)}"
        day = 19000 + rng.randrange(1200)
        kind = rng.choices(["order", "refund", "visit", "cancel"], [80, 8, 10, 2])[0]
        amount = rng.randrange(100, 20000) if kind in ("order", "refund") else 0
        items = rng.randrange(0, 6) if kind == "order" else 0
        rows.append((cid, day, amount, items, kind))
    return rows


@pytest.fixture
def log_rows():
    return make_log()


@pytest.fixture
def log_csv(tmp_path, log_rows):
    path = tmp_path / "log.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("customer_id,order_date,amount,items,kind\n")
        for cid, day, amount, items, kind in log_rows:
            out.write(f"{cid},{ltvcrm.format_day(day)},{amount},{items},{kind}\n")
    return path


def rss_bytes():
    """Resident set size of this process, from /proc/self/statm."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
