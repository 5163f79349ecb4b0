"""The segmentation and the health-check report of an order log too big for one process,
computed on a Dask cluster through the C library.

Each worker builds the ledger of its share of the log with the library (from its partition of
a Dask DataFrame, or from one of a list of CSV files) and sends it back as a snapshot buffer
(``Ledger.save_buffer``); the client merges the shards (``ltv_ledger_merge``, exact: a
customer's events are kept in canonical order, so no result depends on the split) and runs
the segmentation and the health check once on the whole ledger. The results are those of one
process on the whole log: the report's JSON is byte-identical, and every customer's
segment is identical (:func:`segment_table` sorts by customer id so that the tables are
byte-identical too; the ledger numbers customers shard by shard).

A DataFrame is hash-partitioned by customer first (``shuffle`` on a stable hash of the id), so
that each shard holds whole customers: each worker's ledger is then final for its customers,
and the shards merge without overlapping. Files are taken as they are (a customer may span
files; the merge is exact either way).

>>> from dask.distributed import Client, LocalCluster
>>> import dask.dataframe as dd, ltvcrm.dask as ltvdask
>>> with LocalCluster(n_workers=2, dashboard_address=None) as cluster, Client(cluster) as client:
...     orders = dd.read_csv("orders-*.csv")
...     ledger, seg = ltvdask.segment(orders, as_of="2026-11-01", partitions=8)
...     report = ltvdask.report(orders, as_of="2026-11-01")

For a log whose merged ledger does not fit the client, :func:`segment_shards` segments each
shard on its worker with global cut points combined from per-shard summaries (docs/shards.md):
only the summaries and the resulting rows travel, and the table is the single-process one.

See docs/dask.md for a real cluster and for Spark.
"""

from __future__ import annotations

import numpy as np

from .ledger import Ledger
from .shards import SegmentSummary, segment_shard

#: The columns read from a DataFrame, as in the CSV loader.
COLUMNS = ("customer_id", "order_date", "amount", "items", "kind")


def _frame_ledger(frame, columns) -> Ledger:
    """The ledger of one partition of orders."""
    ids, day, amount, items, kind = columns
    ledger = Ledger()
    if len(frame):
        days = frame[day]
        if np.issubdtype(days.dtype, np.datetime64):
            days = days.values.astype("datetime64[D]")
        else:
            days = np.asarray(days.astype(str).values, dtype="datetime64[D]")
        ledger.add_events(frame[ids].astype(str).values, days,
                          frame[amount].values.astype(np.int64) if amount in frame else None,
                          frame[items].values.astype(np.int32) if items in frame else None,
                          frame[kind].astype(str).values if kind in frame else None)
    return ledger


def _shard_from_frame(frame, columns) -> bytes:
    """A worker's job: the ledger of one partition, as a snapshot buffer."""
    return _frame_ledger(frame, columns).save_buffer()


def _summary_of_frame(frame, columns, as_of, settings) -> bytes:
    """A worker's job in the per-shard mode: the summary of one partition's customers."""
    return SegmentSummary.of(_frame_ledger(frame, columns), as_of, **settings).to_bytes()


def _table_of_frame(frame, columns, whole: bytes, settings):
    """A worker's job in the per-shard mode: one partition segmented with the whole's summary."""
    ledger = _frame_ledger(frame, columns)
    return segment_table(ledger, segment_shard(ledger, SegmentSummary.from_bytes(whole), **settings))


def _shard_from_file(path, csv_settings) -> bytes:
    """A worker's job: the ledger of one CSV file, as a snapshot buffer."""
    ledger = Ledger()
    ledger.load_csv(path, **csv_settings)
    return ledger.save_buffer()


def _customer_hash(series, partitions: int):
    import pandas as pd
    # hash_pandas_object is deterministic across processes and machines (fixed key).
    return (pd.util.hash_pandas_object(series.astype(str), index=False) % partitions).astype("int64")


def _by_customer(orders, partitions, columns):
    """The DataFrame shuffled on a stable hash of the customer id: each partition holds whole customers."""
    ids = columns[0]
    parts = partitions or orders.npartitions
    keyed = orders.assign(_ltv_shard=orders[ids].map_partitions(_customer_hash, parts, meta=(None, "int64")))
    return keyed.shuffle("_ltv_shard", npartitions=parts)


def _compute(jobs, client):
    import dask

    if client is not None:
        return client.gather(client.compute(jobs))
    return dask.compute(*jobs)


def build_ledger(orders, *, partitions: int | None = None, columns=COLUMNS, csv=None, client=None) -> Ledger:
    """The whole ledger of a Dask DataFrame of orders or a list of CSV files, built on the workers.

    `orders`: a ``dask.dataframe.DataFrame`` with the columns named in `columns` (customer id,
    order date as datetime64 or ISO text, amount in minor units, and optionally items and
    kind), or a list of CSV paths readable by the workers (`csv`: loader settings such as
    ``{"decimals": 0}``). `partitions`: shards for a DataFrame (default: its partitions).
    `client`: a ``dask.distributed.Client`` (default: the current one, else Dask's scheduler).
    """
    import dask

    if isinstance(orders, (list, tuple)):
        settings = dict(csv or {})
        jobs = [dask.delayed(_shard_from_file)(str(path), settings) for path in orders]
    else:
        jobs = [dask.delayed(_shard_from_frame)(part, tuple(columns))
                for part in _by_customer(orders, partitions, columns).to_delayed()]
    blobs = _compute(jobs, client)
    whole = Ledger()
    for blob in blobs:
        whole.merge(Ledger.from_snapshot_buffer(blob))
    return whole


def segment(orders, as_of=None, *, config=None, partitions=None, columns=COLUMNS, csv=None, client=None, **settings):
    """(ledger, segmentation) of the whole log: :func:`build_ledger`, then ``Ledger.segment``."""
    ledger = build_ledger(orders, partitions=partitions, columns=columns, csv=csv, client=client)
    return ledger, ledger.segment(as_of, config, **settings)


def segment_shards(orders, as_of, *, partitions=None, columns=COLUMNS, client=None, **settings):
    """The per-customer segmentation table of a Dask DataFrame of orders, segmented shard by
    shard on the workers with global cut points: no ledger leaves its worker, only summaries
    (docs/shards.md) and the shards' rows travel. Returns what ``segment_table(ledger,
    ledger.segment(as_of, **settings))`` gives for the whole log in one process, byte for
    byte. `as_of` is required (a shard's default day would be its own); settings are keywords
    of ``Ledger.segment``. A list of files is refused: a customer may span files, and a shard
    must hold whole customers.
    """
    import dask
    import pandas as pd

    if isinstance(orders, (list, tuple)):
        raise TypeError("segment_shards takes a Dask DataFrame (partitioned by customer here); a customer may "
                        "span files: use segment() for a list of files")
    keyed = _by_customer(orders, partitions, columns)
    keyed = client.persist(keyed) if client is not None else keyed.persist()
    parts = keyed.to_delayed()
    cols = tuple(columns)
    summaries = _compute([dask.delayed(_summary_of_frame)(part, cols, as_of, settings) for part in parts], client)
    whole = SegmentSummary.merged(summaries).to_bytes()
    tables = _compute([dask.delayed(_table_of_frame)(part, cols, whole, settings) for part in parts], client)
    # an empty shard's table has no ids to give its id column a type: leave it out
    table = pd.concat([t for t in tables if len(t)] or tables[:1], ignore_index=True)
    return table.sort_values("customer_id", kind="stable").reset_index(drop=True)


def report(orders, as_of=None, *, lang="en", partitions=None, columns=COLUMNS, csv=None, client=None) -> str:
    """The health-check report (JSON text, ``HealthCheck.to_json``) of the whole log."""
    ledger = build_ledger(orders, partitions=partitions, columns=columns, csv=csv, client=client)
    return ledger.health_check(as_of).to_json(lang)


def segment_table(ledger, segmentation):
    """The per-customer segmentation as a pandas DataFrame sorted by customer id: the same
    bytes however the log was split."""
    import pandas as pd
    names = ("state", "rank", "r", "f", "m", "preset", "flags", "recency_days", "orders", "annual_ltv",
             "lifetime_ltv")
    frame = pd.DataFrame({name: np.asarray(segmentation.column(name)) for name in names})
    frame.insert(0, "customer_id", list(ledger.customer_ids()))
    return frame.sort_values("customer_id", kind="stable").reset_index(drop=True)
