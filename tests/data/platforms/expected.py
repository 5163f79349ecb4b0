#!/usr/bin/env python3
"""The figures of a platform export computed without libltvcrm: the stdlib csv module and each
platform's documented meaning of its columns (docs/platforms/<name>.md). The tests compare them
with `ltvcrm summary FILE --preset NAME --format json` and with the Python and Ruby bindings.

Usage: expected.py PRESET FILE  ->  one JSON line {customers, orders, gross, refunded, net}
(money in the file's minor units as decimal strings, as the tool prints them)
"""

import csv
import io
import json
import sys
from decimal import Decimal

# platform -> how to read it
PLATFORMS = {
    "shopify": dict(encoding="utf-8", delimiter=",", order="Name", customer=None, email="Email",
                    status="Financial Status", total="Total", refund="Refunded Amount", decimals=2,
                    counted={"paid", "authorized", "partially_paid"}, excluded={"pending", "voided"},
                    refunded={"refunded"}, partly={"partially_refunded"}),
    "woocommerce": dict(encoding="utf-8", delimiter=",", order="order_id", customer="customer_id",
                        email="billing_email", status="status", total="order_total", refund="refunded_total",
                        decimals=2, counted={"completed", "processing"},
                        excluded={"cancelled", "on-hold", "pending", "failed"}, refunded={"refunded"},
                        partly=set()),
    "eccube": dict(encoding="cp932", delimiter=",", order="注文ID", customer="会員ID", email="メールアドレス",
                   status="対応状況(名称)", total="支払合計", refund=None, decimals=0,
                   counted={"新規受付", "入金済み", "対応中", "発送済み"},
                   excluded={"注文取消し", "決済処理中", "購入処理中"},
                   refunded={"返品"}, partly=set()),
    "rakuten": dict(encoding="cp932", delimiter=",", order="受注番号", customer=None, email="メールアドレス",
                    status="受注ステータス", total="合計金額", refund=None, decimals=0,
                    counted={"発送待ち", "発送済", "楽天処理中"}, excluded={"注文確認待ち", "キャンセル確定"},
                    refunded=set(), partly=set()),
    "amazon": dict(encoding="utf-8", delimiter="\t", order="amazon-order-id", customer="amazon-order-id",
                   email=None, status="order-status", total=None, line_amount="item-price", refund=None, decimals=0,
                   counted={"Shipped", "Unshipped", "PartiallyShipped"}, excluded={"Pending", "Cancelled", "Canceled"},
                   refunded=set(), partly=set()),
}
NO_CUSTOMER = {"", "0", "-", "guest"}


def money(text, decimals):
    return int(Decimal(text.replace(",", "") or "0") * (10 ** decimals))


def figures(preset, path):
    p = PLATFORMS[preset]
    with open(path, "rb") as f:
        text = f.read().decode(p["encoding"])
    orders = {}  # order id -> order-level values from the first line that has them
    for row in csv.DictReader(io.StringIO(text), delimiter=p["delimiter"]):
        o = orders.setdefault(row[p["order"]], {"lines": 0, "line_sum": 0})
        o["lines"] += 1
        for key in ("customer", "email", "status", "total", "refund"):
            col = p.get(key)
            if col and row.get(col, "") != "" and key not in o:
                o[key] = row[col]
        if p.get("line_amount"):
            o["line_sum"] += money(row[p["line_amount"]], p["decimals"])
    customers, count, gross, refunded = set(), 0, 0, 0
    for o in orders.values():
        status = o.get("status", "")
        if status in p["excluded"]:
            continue
        if status not in p["counted"] | p["refunded"] | p["partly"]:
            raise SystemExit(f"{preset}: status {status!r} has no meaning here")
        key = o.get("customer", "")
        if key in NO_CUSTOMER:
            key = o.get("email", "").strip().lower()
            if "@" not in key:
                continue  # a guest without an e-mail: no customer, not counted
        amount = money(o["total"], p["decimals"]) if p["total"] else o["line_sum"]
        back = amount if status in p["refunded"] else money(o.get("refund", "0"), p["decimals"])
        customers.add(key)
        count += 1
        gross += amount
        refunded += back
    scale = Decimal(10) ** -p["decimals"] if p["decimals"] else Decimal(1)

    def shown(v):
        return str((Decimal(v) * scale).quantize(scale)) if p["decimals"] else str(v)

    return {"customers": len(customers), "orders": count, "gross": shown(gross), "refunded": shown(refunded),
            "net": shown(gross - refunded)}


if __name__ == "__main__":
    print(json.dumps(figures(sys.argv[1], sys.argv[2]), ensure_ascii=False))
