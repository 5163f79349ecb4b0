#!/usr/bin/env python3
"""Writes the platform fixtures: one order export per preset, shaped as each platform's help
page describes its order CSV (docs/platforms/<name>.md cites it), from one fixed-seed model of
orders. Run from anywhere: python3 tests/data/platforms/generate.py (stdlib only). The files
are checked in; this script is how they were made.

Each file has at least 100 orders with one to three line items, Japanese names, cancels, full
and partial refunds where the export can express them, pending payments, and guests.
"""

import csv
import datetime
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250107

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "髙橋", "齋藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健", "さくら", "翔太", "陽菜", "大輔", "結衣"]
PRODUCTS = [("有機緑茶 100g", 1080), ("ほうじ茶ティーバッグ", 648), ("抹茶ラテの素", 1296),
            ("急須 常滑焼", 4320), ("湯呑み 2客セット", 2750), ("玄米茶 200g", 864)]


def people(rng, count):
    out = []
    for i in range(count):
        name = rng.choice(SURNAMES) + " " + rng.choice(GIVEN)
        out.append({"member": str(1000 + i), "email": f"user{i:03d}@example.jp", "name": name})
    return out


def model(rng, orders=120):
    """Orders as the shop saw them: customer (or guest), time, lines, fate."""
    members = people(rng, 45)
    result = []
    for n in range(orders):
        date = datetime.date(2025, 1, 1) + datetime.timedelta(days=n * 180 // orders)
        month, mday = date.month, date.day
        hour, minute, second = rng.randrange(24), rng.randrange(60), rng.randrange(60)
        roll = rng.random()
        if roll < 0.12:  # a guest checkout, with an e-mail or (walk-in) none
            who = {"member": None, "email": f"guest{n:03d}@example.jp" if rng.random() < 0.75 else None,
                   "name": rng.choice(SURNAMES) + " " + rng.choice(GIVEN)}
        else:
            who = rng.choice(members)
        lines = [(p, rng.randint(1, 3)) for p in rng.sample(PRODUCTS, rng.randint(1, 3))]
        subtotal = sum(price * qty for (name, price), qty in lines)
        shipping = 0 if subtotal >= 5000 else 550
        discount = 300 if rng.random() < 0.15 else 0
        total = subtotal + shipping - discount
        fate = rng.random()
        if fate < 0.08:
            kind = "cancelled"
        elif fate < 0.13:
            kind = "pending"
        elif fate < 0.19:
            kind = "refunded"
        elif fate < 0.26:
            kind = "partial"
        else:
            kind = "paid"
        refund = (total // 3 // 10 * 10) if kind == "partial" else (total if kind == "refunded" else 0)
        result.append({"n": n, "who": who, "date": (2025, month, mday, hour, minute, second), "lines": lines,
                       "subtotal": subtotal, "shipping": shipping, "discount": discount, "total": total,
                       "kind": kind, "refund": refund})
    return result


def write(name, header, rows, encoding="utf-8", delimiter=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if encoding == "cp932" else "\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row.get(h, "") for h in header])
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def shopify(orders):
    # help.shopify.com: one row per line item; order fields on the first line only.
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
              "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
              "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
              "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing City", "Billing Country",
              "Notes", "Cancelled at", "Payment Method", "Refunded Amount", "Vendor", "Outstanding Balance", "Id",
              "Tags", "Source"]
    status = {"paid": "paid", "cancelled": "voided", "pending": "pending", "refunded": "refunded",
              "partial": "partially_refunded"}
    rows = []
    for o in orders:
        y, m, d, hh, mm, ss = o["date"]
        stamp = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d} +0900"
        for i, ((pname, price), qty) in enumerate(o["lines"]):
            row = {"Name": f"#{1001 + o['n']}", "Lineitem quantity": qty, "Lineitem name": pname,
                   "Lineitem price": f"{price}.00", "Lineitem sku": f"SKU-{price}", "Lineitem requires shipping": "true",
                   "Lineitem taxable": "true", "Lineitem fulfillment status": "pending"}
            if i == 0:
                row.update({"Email": o["who"]["email"] or "", "Financial Status": status[o["kind"]],
                            "Paid at": stamp if o["kind"] != "pending" else "", "Fulfillment Status": "unfulfilled",
                            "Accepts Marketing": "no", "Currency": "JPY", "Subtotal": f"{o['subtotal']}.00",
                            "Shipping": f"{o['shipping']}.00", "Taxes": "0.00", "Total": f"{o['total']}.00",
                            "Discount Amount": f"{o['discount']}.00", "Created at": stamp,
                            "Billing Name": o["who"]["name"], "Billing City": "渋谷区", "Billing Country": "JP",
                            "Cancelled at": stamp if o["kind"] == "cancelled" else "",
                            "Payment Method": "Shopify Payments", "Refunded Amount": f"{o['refund']}.00",
                            "Outstanding Balance": "0.00", "Id": str(5000000000 + o["n"]), "Source": "web"})
            rows.append(row)
    write("shopify.csv", header, rows)


def woocommerce(orders):
    # WooCommerce Customer/Order/Coupon Export, one row per item: order fields repeated.
    header = ["order_id", "order_number", "order_date", "status", "shipping_total", "discount_total",
              "order_total", "refunded_total", "order_currency", "payment_method", "customer_id",
              "billing_first_name", "billing_last_name", "billing_email", "item_name", "item_sku",
              "item_quantity", "item_total"]
    status = {"paid": "completed", "cancelled": "cancelled", "pending": "on-hold", "refunded": "refunded",
              "partial": "completed"}
    rows = []
    for o in orders:
        y, m, d, hh, mm, ss = o["date"]
        last, first = o["who"]["name"].split(" ")
        for (pname, price), qty in o["lines"]:
            rows.append({"order_id": 200 + o["n"], "order_number": 200 + o["n"],
                         "order_date": f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                         "status": status[o["kind"]], "shipping_total": o["shipping"], "discount_total": o["discount"],
                         "order_total": o["total"], "refunded_total": o["refund"], "order_currency": "JPY",
                         "payment_method": "stripe", "customer_id": o["who"]["member"] or "0",
                         "billing_first_name": first, "billing_last_name": last,
                         "billing_email": o["who"]["email"] or "", "item_name": pname, "item_sku": f"SKU-{price}",
                         "item_quantity": qty, "item_total": price * qty})
    write("woocommerce.csv", header, rows)


def eccube(orders):
    # EC-CUBE 4 受注CSV: one row per 注文詳細, order columns repeated; Shift_JIS (CP932).
    header = ["注文ID", "会員ID", "お名前(姓)", "お名前(名)", "メールアドレス", "小計", "値引き", "送料", "税金",
              "合計", "支払合計", "対応状況(ID)", "対応状況(名称)", "支払方法(名称)", "受注日", "入金日", "発送日",
              "注文詳細ID", "商品ID", "商品名", "商品コード", "価格", "個数", "税率"]
    status = {"paid": ("5", "発送済み"), "cancelled": ("3", "注文取消し"), "pending": ("7", "決済処理中"),
              "refunded": ("9", "返品"), "partial": None}
    rows, detail = [], 1
    for o in orders:
        if status[o["kind"]] is None:  # EC-CUBE records no partial refund: such an order shows as shipped
            o = dict(o, kind="paid", refund=0)
        sid, sname = status[o["kind"]]
        y, m, d, hh, mm, ss = o["date"]
        last, first = o["who"]["name"].split(" ")
        for (pname, price), qty in o["lines"]:
            rows.append({"注文ID": 3000 + o["n"], "会員ID": o["who"]["member"] or "", "お名前(姓)": last,
                         "お名前(名)": first, "メールアドレス": o["who"]["email"] or "", "小計": o["subtotal"],
                         "値引き": o["discount"], "送料": o["shipping"], "税金": 0, "合計": o["total"],
                         "支払合計": o["total"], "対応状況(ID)": sid, "対応状況(名称)": sname,
                         "支払方法(名称)": "クレジットカード", "受注日": f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                         "注文詳細ID": detail, "商品ID": price, "商品名": pname, "商品コード": f"CODE{price}",
                         "価格": price, "個数": qty, "税率": 10})
            detail += 1
    write("eccube.csv", header, rows, encoding="cp932")


def rakuten(orders):
    # Rakuten RMS 通常購入データ (CSV): one row per item, order columns repeated; Shift_JIS.
    header = ["受注番号", "受注ステータス", "注文日", "注文時間", "合計金額", "送料", "クーポン利用額",
              "注文者名字", "注文者名前", "メールアドレス", "商品名", "商品番号", "単価", "個数"]
    status = {"paid": "発送済", "cancelled": "キャンセル確定", "pending": "注文確認待ち", "refunded": None,
              "partial": None}
    rows = []
    for o in orders:
        if status[o["kind"]] is None:  # RMS shows refunds apart (楽天ペイ): not in this export
            o = dict(o, kind="paid", refund=0)
        y, m, d, hh, mm, ss = o["date"]
        last, first = o["who"]["name"].split(" ")
        email = o["who"]["email"]
        masked = f"{email.split('@')[0]}@pc.fw.rakuten.ne.jp" if email else ""
        for (pname, price), qty in o["lines"]:
            rows.append({"受注番号": f"123456-2025{m:02d}{d:02d}-{o['n']:010d}", "受注ステータス": status[o["kind"]],
                         "注文日": f"{y}-{m:02d}-{d:02d}", "注文時間": f"{hh:02d}:{mm:02d}:{ss:02d}",
                         "合計金額": o["total"], "送料": o["shipping"], "クーポン利用額": o["discount"],
                         "注文者名字": last, "注文者名前": first, "メールアドレス": masked, "商品名": pname,
                         "商品番号": f"item-{price}", "単価": price, "個数": qty})
    write("rakuten.csv", header, rows, encoding="cp932")


def amazon(orders):
    # Amazon All Orders Report: tab-delimited, one row per item, purchase-date in UTC, no buyer.
    header = ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
              "fulfillment-channel", "sales-channel", "ship-service-level", "product-name", "sku", "asin",
              "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax",
              "promotion-ids"]
    status = {"paid": "Shipped", "cancelled": "Cancelled", "pending": "Pending", "refunded": None, "partial": None}
    rows = []
    for o in orders:
        if status[o["kind"]] is None:  # refunds are in the settlement report, not here
            o = dict(o, kind="paid", refund=0)
        y, m, d, hh, mm, ss = o["date"]
        # the shop's time minus 9 hours: early-morning Japanese orders fall on the previous UTC day
        h_utc, day_shift = hh - 9, 0
        if h_utc < 0:
            h_utc += 24
            day_shift = -1
        utc_day = datetime.date(y, m, d) + datetime.timedelta(days=day_shift)
        stamp = f"{utc_day.isoformat()}T{h_utc:02d}:{mm:02d}:{ss:02d}+00:00"
        oid = f"250-{1000000 + o['n'] * 7:07d}-{2000000 + o['n'] * 13:07d}"
        first = True
        for (pname, price), qty in o["lines"]:
            rows.append({"amazon-order-id": oid, "purchase-date": stamp, "last-updated-date": stamp,
                         "order-status": status[o["kind"]], "fulfillment-channel": "Amazon",
                         "sales-channel": "Amazon.co.jp", "ship-service-level": "Standard", "product-name": pname,
                         "sku": f"SKU-{price}", "asin": f"B0{price:08d}",
                         "item-status": "Cancelled" if o["kind"] == "cancelled" else "Shipped", "quantity": qty,
                         "currency": "JPY", "item-price": price * qty, "item-tax": 0,
                         "shipping-price": o["shipping"] if first else 0, "shipping-tax": 0})
            first = False
    write("amazon.txt", header, rows, delimiter="\t")


def main():
    orders = model(random.Random(SEED))
    shopify(orders)
    woocommerce(orders)
    eccube(orders)
    rakuten(orders)
    amazon(orders)


if __name__ == "__main__":
    main()
