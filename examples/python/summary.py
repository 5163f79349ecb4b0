"""Load an order log and print what it holds, with every rejected row.

    LTVCRM_LIBRARY=build/libltvcrm.so PYTHONPATH=bindings/python \
        python3 examples/python/summary.py examples/data/orders.csv --decimals 0
"""

import argparse

import ltvcrm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--decimals", type=int, default=0, help="decimals in amounts (0 for yen)")
    args = parser.parse_args()

    with ltvcrm.Ledger() as ledger:
        try:
            report = ledger.load_csv(args.csv, decimals=args.decimals)
        except ltvcrm.Error as exc:  # unreadable file, missing column, not UTF-8
            raise SystemExit(f"{args.csv}: {exc}")
        print(f"read {report.rows_read} rows: {report.rows_taken} taken, {report.rows_rejected} rejected")
        for error in report.errors:
            print(f"  line {error.line}: {error.message}")

        s = ledger.summary()  # as of the day after the last event
        print(f"as of {s.as_of} (events from {s.first_day} to {s.last_day})")
        print(f"customers        {s.customers:>12,}")
        print(f"repeat customers {s.repeat_customers:>12,}  ({s.repeat_rate:.1%})")
        print(f"orders           {s.orders:>12,}")
        print(f"revenue          {s.revenue / 10 ** args.decimals:>12,.{args.decimals}f}")
        print(f"avg order value  {s.average_order_value / 10 ** args.decimals:>12,.{args.decimals}f}")


if __name__ == "__main__":
    main()
