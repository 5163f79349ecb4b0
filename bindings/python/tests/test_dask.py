"""ltvcrm.dask on a LocalCluster of two worker processes (127.0.0.1, no dashboard): the
segmentation and the report equal the single-process result byte for byte, from a Dask
DataFrame and from a list of CSV files, and so does the per-shard segmentation with global
cut points (segment_shards).

The scenario runs in a child Python process (this file run as a script), so that Dask's
imports, threads and event loop stay out of the rest of the suite (test_memory.py measures
the process's RSS growth)."""

import os
import random
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)


def _orders(pd, rows=6000, customers=900, seed=3):
    rng = random.Random(seed)
    kinds = ["order"] * 17 + ["refund", "visit", "cancel"]
    out = {"customer_id": [], "order_date": [], "amount": [], "items": [], "kind": []}
    for _ in range(rows):
        kind = rng.choice(kinds)
        out["customer_id"].append(f"C{rng.randrange(customers):05d}")
        out["order_date"].append(f"{rng.choice([2024, 2025, 2026])}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
        out["amount"].append(rng.randrange(100, 30000) if kind in ("order", "refund") else 0)
        out["items"].append(rng.randrange(1, 4) if kind == "order" else 0)
        out["kind"].append(kind)
    return pd.DataFrame(out)


def _scenario(tmp):
    """Both checks on one LocalCluster; prints one line per check."""
    import dask.dataframe as dd
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    import ltvcrm
    import ltvcrm.dask as ltvdask

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        # A Dask DataFrame, hash-partitioned by customer into 4 shards.
        frame = _orders(pd)
        single = ltvcrm.Ledger()
        single.add_events(frame["customer_id"].values, frame["order_date"].values.astype("datetime64[D]"),
                          frame["amount"].values, frame["items"].values, frame["kind"].values)
        orders = dd.from_pandas(frame, npartitions=5)
        ledger, seg = ltvdask.segment(orders, "2026-11-01", partitions=4, client=client)
        assert len(ledger) == len(single)
        want = ltvdask.segment_table(single, single.segment("2026-11-01")).to_csv(index=False)
        assert ltvdask.segment_table(ledger, seg).to_csv(index=False) == want
        assert ltvdask.report(orders, "2026-11-01", partitions=3, client=client) == \
            single.health_check("2026-11-01").to_json()
        print("dask: dataframe ok")
        # Per-shard segmentation: only summaries and rows travel; the same table, every mode.
        for settings in ({}, {"rfm_mode": "pymc", "rfm_bins": 4, "table": "pymc"}, {"ltv_basis": "lifetime"}):
            want = ltvdask.segment_table(single, single.segment("2026-11-01", **settings)).to_csv(index=False)
            got = ltvdask.segment_shards(orders, "2026-11-01", partitions=3, client=client, **settings)
            assert got.to_csv(index=False) == want, settings
        # more shards than customers: empty shards summarize to nothing and add no rows
        tiny = frame[frame["customer_id"].isin(["C00001", "C00002", "C00003"])]
        assert tiny["customer_id"].nunique() == 3
        alone = ltvcrm.Ledger()
        alone.add_events(tiny["customer_id"].values, tiny["order_date"].values.astype("datetime64[D]"),
                         tiny["amount"].values, tiny["items"].values, tiny["kind"].values)
        got = ltvdask.segment_shards(dd.from_pandas(tiny, npartitions=2), "2026-11-01", partitions=8, client=client)
        assert got.to_csv(index=False) == \
            ltvdask.segment_table(alone, alone.segment("2026-11-01")).to_csv(index=False)
        print("dask: shards ok")
        # CSV files read by the workers; customers span files.
        frame = _orders(pd, seed=4)
        paths = []
        for i, part in enumerate((frame.iloc[:2000], frame.iloc[2000:4500], frame.iloc[4500:])):
            path = os.path.join(tmp, f"orders-{i}.csv")
            part.to_csv(path, index=False)
            paths.append(path)
        single = ltvcrm.Ledger()
        for path in paths:
            single.load_csv(path, decimals=0)
        assert ltvdask.report(paths, "2026-11-01", csv={"decimals": 0}, client=client) == \
            single.health_check("2026-11-01").to_json()
        ledger, seg = ltvdask.segment(paths, "2026-11-01", csv={"decimals": 0}, client=client)
        assert ltvdask.segment_table(ledger, seg).to_csv(index=False) == \
            ltvdask.segment_table(single, single.segment("2026-11-01")).to_csv(index=False)
        print("dask: files ok")


def test_two_dask_workers_equal_one_process(tmp_path):
    for module in ("dask", "distributed", "pandas"):
        pytest.importorskip(module)
    import ltvcrm
    env = dict(os.environ)
    # The workers import ltvcrm from this tree and load the library under test.
    env["PYTHONPATH"] = PACKAGE_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env["LTVCRM_LIBRARY"] = os.path.abspath(ltvcrm.library_path)
    result = subprocess.run([sys.executable, os.path.abspath(__file__), str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert "dask: dataframe ok" in result.stdout and "dask: files ok" in result.stdout
    assert "dask: shards ok" in result.stdout


if __name__ == "__main__":
    sys.path.insert(0, PACKAGE_ROOT)
    _scenario(sys.argv[1])
