"""Segment customers as of a day and print the states, ranks and the LTV analysis.

    LTVCRM_LIBRARY=build/libltvcrm.so PYTHONPATH=bindings/python \
        python3 examples/python/segments.py examples/data/orders.csv --lang ja --dormant-days 120
"""

import argparse

import ltvcrm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--as-of", help="YYYY-MM-DD (default: the day after the last order)")
    parser.add_argument("--lang", default="en", choices=["en", "ja"])
    parser.add_argument("--dormant-days", type=int, default=180)
    parser.add_argument("--cpo", type=int, help="cost per order of acquiring a customer (yen)")
    args = parser.parse_args()

    ledger = ltvcrm.Ledger()
    ledger.load_csv(args.csv, decimals=0)
    with ledger.segment(args.as_of, dormant_days=args.dormant_days) as seg:
        print(f"as of {seg.as_of}, {len(seg):,} customers\n")
        for name, stats in seg.state_stats().items():
            label = ltvcrm.state_label(name, args.lang)
            print(f"{label:<10} {stats['customers']:>7,} customers {stats['customer_share']:>6.1%}"
                  f"  revenue {stats['revenue']:>12,}  average LTV {stats['average_ltv']:>10,.0f}")
        print()
        for name, stats in seg.rank_stats().items():
            label = ltvcrm.rank_label(name, args.lang)
            print(f"{label:<16} {stats['customers']:>7,} customers  orders/year {stats['orders_per_year']:.2f}")
        print()
        for name, count in seg.preset_customers(args.lang).items():
            print(f"{name:<20} {count:>7,}")
        ltv = seg.ltv_summary()
        print(f"\naverage LTV {ltv['average_ltv']:,.0f}; the top 1 % ({ltv['core_customers']:,} customers) "
              f"bring {ltv['core_revenue_share']:.1%}; keeping a customer is worth {ltv['retention_value']:,.0f}")
        if args.cpo is not None:
            verdict, ratio = seg.cpo_verdict(args.cpo)
            print(f"CPO {args.cpo:,}: LTV/CPO = {ratio:.2f}. {ltvcrm.cpo_verdict_label(verdict, args.lang)}")


if __name__ == "__main__":
    main()
