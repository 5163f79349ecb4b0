"""ltvcrm.dask on a LocalCluster of two worker processes (127.0.0.1, no dashboard): the
segmentation and the report equal the single-process result byte for byte, from a Dask
DataFrame and from a list of CSV files."""

import os
import random

import pytest

import ltvcrm
from conftest import PACKAGE_ROOT

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")


def _orders(rows=6000, customers=900, seed=3):
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


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster
    # Worker processes import ltvcrm from this tree and load the library under test.
    os.environ["PYTHONPATH"] = PACKAGE_ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ["LTVCRM_LIBRARY"] = os.path.abspath(ltvcrm.library_path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def _single(frame):
    ledger = ltvcrm.Ledger()
    ledger.add_events(frame["customer_id"].values, frame["order_date"].values.astype("datetime64[D]"),
                      frame["amount"].values, frame["items"].values, frame["kind"].values)
    return ledger


def test_dataframe_on_two_workers_equals_one_process(client):
    import dask.dataframe as dd
    import ltvcrm.dask as ltvdask

    frame = _orders()
    single = _single(frame)
    orders = dd.from_pandas(frame, npartitions=5)
    ledger, seg = ltvdask.segment(orders, "2026-11-01", partitions=4, client=client)
    assert len(ledger) == len(single)
    want = ltvdask.segment_table(single, single.segment("2026-11-01")).to_csv(index=False)
    assert ltvdask.segment_table(ledger, seg).to_csv(index=False) == want
    assert ltvdask.report(orders, "2026-11-01", partitions=3, client=client) == \
        single.health_check("2026-11-01").to_json()


def test_csv_files_on_two_workers_equal_one_process(client, tmp_path):
    import ltvcrm.dask as ltvdask

    frame = _orders(seed=4)
    paths = []
    for i, part in enumerate((frame.iloc[:2000], frame.iloc[2000:4500], frame.iloc[4500:])):
        path = tmp_path / f"orders-{i}.csv"
        part.to_csv(path, index=False)
        paths.append(str(path))
    single = ltvcrm.Ledger()
    for path in paths:
        single.load_csv(path, decimals=0)
    assert ltvdask.report(paths, "2026-11-01", csv={"decimals": 0}, client=client) == \
        single.health_check("2026-11-01").to_json()
    ledger, seg = ltvdask.segment(paths, "2026-11-01", csv={"decimals": 0}, client=client)
    assert ltvdask.segment_table(ledger, seg).to_csv(index=False) == \
        ltvdask.segment_table(single, single.segment("2026-11-01")).to_csv(index=False)
