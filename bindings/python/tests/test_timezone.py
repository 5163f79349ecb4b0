"""The shop's day: the same rule as the C library and the tool, applied by the C library."""

import datetime as dt

import pytest

import ltvcrm

np = pytest.importorskip("numpy")

UTC = dt.timezone.utc
JST = dt.timezone(dt.timedelta(hours=9))


def day(text):
    return ltvcrm.to_day(text)


def test_amazon_utc_early_morning_is_the_next_japanese_day():
    when = dt.datetime(2025, 1, 6, 17, 30, tzinfo=UTC)
    assert ltvcrm.day_of(when, "Asia/Tokyo") == day("2025-01-07")
    assert ltvcrm.day_of(when) == day("2025-01-06")  # without a shop zone: as written
    assert ltvcrm.timestamp_day("2025-01-06T17:30:00Z", "Asia/Tokyo") == day("2025-01-07")
    assert ltvcrm.timestamp_day("2025-01-06T17:30:00Z") == day("2025-01-06")


def test_new_york_daylight_saving():
    ny = ltvcrm.Timezone("America/New_York")
    assert ny.name == "America/New_York"
    assert ny.offset(dt.datetime(2025, 3, 9, 6, 59, 59, tzinfo=UTC)) == -5 * 3600
    assert ny.offset(dt.datetime(2025, 3, 9, 7, 0, 0, tzinfo=UTC)) == -4 * 3600
    # 03:30Z on 10 March is 23:30 EDT on the 9th
    assert ny.day(dt.datetime(2025, 3, 10, 3, 30, tzinfo=UTC)) == day("2025-03-09")
    assert ny.day(dt.datetime(2025, 1, 10, 4, 30, tzinfo=UTC)) == day("2025-01-09")
    # naive: the shop's local time
    assert ny.day(dt.datetime(2025, 1, 10, 4, 30)) == day("2025-01-10")
    assert ny.day("2025-01-07 02:17:05 +0900") == day("2025-01-06")


def test_unknown_zone():
    with pytest.raises(ltvcrm.NotFoundError, match="not a time zone"):
        ltvcrm.Timezone("Asia/Tokio")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.Timezone("../etc/passwd")


def test_tz_aware_pandas_column_in_the_shop_zone():
    pd = pytest.importorskip("pandas")
    stamps = pd.Series(pd.to_datetime(["2025-01-06T17:30:00Z", "2025-01-06T14:59:59Z", "2025-03-10T03:30:00Z"],
                                      utc=True))
    ids = ["A", "B", "C"]
    tokyo = ltvcrm.Ledger.from_columns(ids, stamps, [100, 200, 300], timezone="Asia/Tokyo")
    ny = ltvcrm.Ledger.from_columns(ids, stamps, [100, 200, 300], timezone="America/New_York")
    as_written = ltvcrm.Ledger.from_columns(ids, stamps, [100, 200, 300])

    def days(ledger):
        return [ledger.customer(i).events()[0].day for i in ids]

    assert days(tokyo) == [ltvcrm.from_day(day(d)) for d in ("2025-01-07", "2025-01-06", "2025-03-10")]
    assert days(ny) == [ltvcrm.from_day(day(d)) for d in ("2025-01-06", "2025-01-06", "2025-03-09")]
    assert days(as_written) == [ltvcrm.from_day(day(d)) for d in ("2025-01-06", "2025-01-06", "2025-03-10")]
    # a column in its own zone (JST) without a shop zone: its wall dates, as the tool reads them
    jst = stamps.dt.tz_convert("Asia/Tokyo")
    own = ltvcrm.Ledger.from_columns(ids, jst, [1, 2, 3])
    assert days(own) == [ltvcrm.from_day(day(d)) for d in ("2025-01-07", "2025-01-06", "2025-03-10")]


def test_tool_python_and_csv_agree(tmp_path):
    """One file, three readers: the loader with a zone, Python columns and aware datetimes."""
    pd = pytest.importorskip("pandas")
    rows = [("A", "2025-01-06T17:30:00+00:00", 1000), ("B", "2025-01-07 02:17:05 +0900", 500),
            ("C", "2025/1/7 23:10", 700), ("D", "2025-07-01T03:59:00Z", 300)]
    path = tmp_path / "orders.csv"
    path.write_text("customer_id,order_date,amount\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows))
    for zone in ("Asia/Tokyo", "America/New_York", "UTC"):
        with ltvcrm.Ledger() as loaded:
            loaded.load_csv(str(path), decimals=0, timezone=zone)
            from_csv = {i: loaded.customer(i).events()[0].day for i, _, _ in rows}
        text_days = ltvcrm.days_of([t for _, t, _ in rows], zone)
        parsed = pd.Series([pd.Timestamp(t.replace("/", "-").replace("-1-7", "-01-07")) for _, t, _ in rows],
                           dtype=object)
        python_days = [ltvcrm.day_of(v, zone) for v in parsed]
        assert [ltvcrm.from_day(int(d)) for d in text_days] == list(from_csv.values())
        assert [ltvcrm.from_day(d) for d in python_days] == list(from_csv.values())


def test_csv_options_encoding_and_zone(tmp_path):
    path = tmp_path / "sjis.csv"
    path.write_bytes("customer_id,order_date,amount\n山田,2025-01-06T17:30:00Z,1980\n".encode("cp932"))
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv(str(path), decimals=0, encoding="cp932", timezone="Asia/Tokyo")
        assert report.rows_taken == 1
        assert report.bytes == path.stat().st_size
        assert ledger.customer("山田").events()[0].day == dt.date(2025, 1, 7)
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.EncodingError, match="--encoding cp932"):
            ledger.load_csv(str(path), decimals=0)
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(b"\xff\xfe" + "customer_id,order_date,amount\n髙橋,2025-01-07,5\n".encode("utf-16-le"))
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(str(utf16), decimals=0)
        assert ledger.customer("髙橋").events()[0].amount == 5
    with pytest.raises(ltvcrm.InvalidArgumentError, match="not an input encoding"):
        ltvcrm.CsvOptions(encoding="latin-1")
    with pytest.raises(ltvcrm.NotFoundError):
        ltvcrm.CsvOptions(timezone="Mars/Base")
