#!/usr/bin/env python3
"""Writes examples/data/orders.csv: a small, realistic order log for the README's demo.

Deterministic (fixed seed). About 4,000 customers over three years ending 2026-10-31:
~70 % buy once, repeaters re-buy after exponential gaps (loyal ones about every 3 months),
amounts are log-normal around 4,800 yen written the way Excel exports them ("1,980"),
a few refunds. Rows are in date order with customers interleaved, as real exports are.
"""
import datetime
import math
import random

rng = random.Random(20261101)
start = datetime.date(2023, 11, 1)
end = datetime.date(2026, 10, 31)
span = (end - start).days
rows = []
for n in range(1, 4001):
    cid = f"C{n:05d}"
    day = rng.randrange(span)
    roll = rng.random()
    if roll < 0.70:
        orders = 1
    elif roll < 0.93:
        orders = rng.randint(2, 4)
    else:
        orders = rng.randint(5, 30)
    mean_gap = 90 if orders >= 5 else 150
    for k in range(orders):
        if day > span:
            break
        amount = int(round(math.exp(rng.gauss(math.log(4800), 0.55)) / 10) * 10)
        items = min(5, 1 + int(rng.expovariate(1.2)))
        rows.append((day, cid, amount, items, "order"))
        if rng.random() < 0.02:
            rows.append((day + rng.randint(3, 20), cid, amount, 0, "refund"))
        day += 1 + int(rng.expovariate(1 / mean_gap)) if k else 1 + int(rng.expovariate(1 / 45))
rows = [r for r in rows if r[0] <= span]
rows.sort(key=lambda r: (r[0], r[1]))
with open("examples/data/orders.csv", "w", encoding="utf-8", newline="") as out:
    out.write("customer_id,order_date,amount,items,kind\n")
    for day, cid, amount, items, kind in rows:
        date = (start + datetime.timedelta(days=day)).isoformat()
        money = f'"{amount:,}"' if amount >= 1000 else str(amount)
        out.write(f"{cid},{date},{money},{items},{kind}\n")
print(f"{len(rows)} rows")
