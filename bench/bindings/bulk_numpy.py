"""Bindings benchmark: adding 1,000,000 orders from numpy arrays, against the same C bulk call.

    LTVCRM_LIBRARY=build-release/libltvcrm.so /usr/bin/python3 bench/bindings/bulk_numpy.py [--rows N] [--runs R]

Every case adds the same rows to a fresh ledger; only the add is timed (median of R runs).
"C call" hands prepared buffers (ids as an S array, days int32, amounts int64, items int32)
straight to ltv_ledger_add_events_fixed / ltv_ledger_add_events through ctypes: the cost of
the library alone. The other cases go through Ledger.add_events with the column types users
have: the difference is what the bindings add (dtype conversion, UTF-8 encoding).
"""

import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import ltvcrm  # noqa: E402
from ltvcrm._lib import C  # noqa: E402


def columns(rows):
    rng = np.random.default_rng(1)
    customers = rng.integers(0, rows // 5, rows)  # about 5 orders per customer
    ids_s = np.char.add(b"C", np.char.zfill(customers.astype("S8"), 8))  # b"C00012345"
    days = rng.integers(19000, 20100, rows).astype(np.int32)
    amounts = rng.integers(500, 30000, rows).astype(np.int64)
    items = rng.integers(1, 6, rows).astype(np.int32)
    return ids_s, days, amounts, items


def timed(setup, run, runs):
    times = []
    for _ in range(runs):
        state = setup()
        start = time.perf_counter()
        run(state)
        times.append(time.perf_counter() - start)
        state.close()
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    n, runs = args.rows, args.runs

    ids_s, days, amounts, items = columns(n)
    ids_u = ids_s.astype("U")
    ids_obj = ids_u.astype(object)
    days_dt = days.astype("datetime64[D]")
    lengths = np.char.str_len(ids_s).astype(np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    id_data = b"".join(ids_s.tolist())

    def c_fixed(ledger):
        C.ltv_ledger_add_events_fixed(ledger._ptr, n, ids_s.ctypes.data, ids_s.dtype.itemsize, None,
                                      days.ctypes.data, amounts.ctypes.data, items.ctypes.data)

    def c_offsets(ledger):
        C.ltv_ledger_add_events(ledger._ptr, n, id_data, offsets.ctypes.data, None, days.ctypes.data,
                                amounts.ctypes.data, items.ctypes.data)

    cases = [
        ("C call: ltv_ledger_add_events_fixed (S9 ids, int32 days)", c_fixed),
        ("C call: ltv_ledger_add_events (bytes + int64 offsets)", c_offsets),
        ("Ledger.add_events: S9 ids, int32 days", lambda l: l.add_events(ids_s, days, amounts, items)),
        ("Ledger.add_events: S9 ids, datetime64[D] days", lambda l: l.add_events(ids_s, days_dt, amounts, items)),
        ("Ledger.add_events: str (U9) ids, datetime64[D] days",
         lambda l: l.add_events(ids_u, days_dt, amounts, items)),
        ("Ledger.add_events: object ids (pandas-like), datetime64[D] days",
         lambda l: l.add_events(ids_obj, days_dt, amounts, items)),
    ]
    if n <= 1_000_000:
        lists = (ids_u.tolist(), days.tolist(), amounts.tolist(), items.tolist())
        cases.append(("Ledger.add_events: Python lists (no numpy path)", lambda l: l.add_events(*lists)))

    print(f"libltvcrm {ltvcrm.library_version} at {ltvcrm.library_path}; numpy {np.__version__}; "
          f"{n:,} rows, {len(np.unique(ids_s)):,} customers; median of {runs} runs")
    base = None
    for name, run in cases:
        seconds = timed(ltvcrm.Ledger, run, runs)
        base = base or seconds
        print(f"{name:<66} {seconds * 1000:8.1f} ms  {n / seconds / 1e6:6.2f} M rows/s  {seconds / base:5.2f}x")


if __name__ == "__main__":
    main()
