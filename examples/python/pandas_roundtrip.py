"""A pandas round trip: a DataFrame of orders → a ledger → a DataFrame of segments.

    LTVCRM_LIBRARY=build/libltvcrm.so PYTHONPATH=bindings/python \
        python3 examples/python/pandas_roundtrip.py examples/data/orders.csv

The orders go to the library as whole columns in one call (no Python loop per row); the
segments come back as numpy arrays over the library's memory, then into a DataFrame.
"""

import sys

import pandas as pd

import ltvcrm


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "examples/data/orders.csv"
    orders = pd.read_csv(path, thousands=",", parse_dates=["order_date"])  # any DataFrame of orders will do
    orders["kind"] = orders.get("kind", "order")

    with ltvcrm.Ledger() as ledger:
        ledger.add_events(orders["customer_id"], orders["order_date"], orders["amount"], orders["items"],
                          orders["kind"])
        with ledger.segment() as seg:
            segments = seg.to_pandas(lang="en")

    print(segments.head(10).to_string(index=False))
    print()
    by_state = segments.groupby("state", observed=True).agg(
        customers=("customer_id", "size"), annual_ltv=("annual_ltv", "mean"), lifetime_ltv=("lifetime_ltv", "mean"))
    print(by_state.round(0).to_string())
    print()
    print(pd.crosstab(segments["state"], segments["rank"]).to_string())


if __name__ == "__main__":
    main()
