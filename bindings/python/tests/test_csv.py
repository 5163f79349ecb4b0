"""CSV loading: options, the load report as Python objects, whole-file failures."""

import pytest

import ltvcrm
from conftest import SAMPLE_CSV
from ltvcrm import RowErrorReason


def test_sample_file_loads_completely():
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv(SAMPLE_CSV, decimals=0)
        assert isinstance(report, ltvcrm.LoadReport)
        assert report.ok and report.rows_read == report.rows_taken == ledger.event_count
        assert len(ledger) == 4000 and report.errors == []


def test_bad_rows_are_reported_and_good_rows_kept():
    text = ("customer_id,order_date,amount,items\n"
            "C1,2026-01-05,\"1,980\",2\n"
            "\n"
            "C2,2026-13-01,100,1\n"
            "C3,2026-01-06,12x,1\n"
            ",2026-01-06,1,1\n"
            "C4,2026/1/7,¥500,1\n")
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv_buffer(text, decimals=0)
        assert (report.rows_read, report.rows_taken, report.rows_rejected, report.blank_lines) == (5, 2, 3, 1)
        assert report.bytes == len(text.encode("utf-8"))
        assert [(e.line, e.column, e.reason) for e in report.errors] == [
            (4, 2, RowErrorReason.BAD_DATE), (5, 3, RowErrorReason.BAD_AMOUNT), (6, 1, RowErrorReason.EMPTY_ID)]
        assert "12x" in report.errors[1].message
        assert ledger.revenue == 2480 and list(ledger) == ["C1", "C4"]


def test_options_decimals_delimiter_columns_and_max_errors():
    text = "会員ID;購入日;金額\nA;2026-01-01;12.50\nB;x;1\nC;y;1\n"
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv_buffer(text.encode("utf-8"), delimiter=";", max_errors=1, decimals=2,
                                        columns={"customer_id": "会員ID", "order_date": "購入日",
                                                 ltvcrm.CsvColumn.AMOUNT: "金額"})
        assert report.rows_rejected == 2 and len(report.errors) == 1  # all counted, one kept
        assert ledger.revenue == 1250


def test_options_object_is_reusable_and_reads_back():
    options = ltvcrm.CsvOptions(decimals=0, delimiter="\t", strict=True, max_errors=5)
    assert (options["decimals"], options["delimiter"], options["strict"], options["max_errors"]) == (0, "\t", True, 5)
    for _ in range(2):
        with ltvcrm.Ledger() as ledger:
            ledger.load_csv_buffer("customer_id\torder_date\tamount\nA\t2026-01-01\t7\n", options)
            assert ledger.revenue == 7
    with pytest.raises(TypeError):
        ltvcrm.Ledger().load_csv_buffer("", options, decimals=2)


def test_option_errors_name_the_bounds():
    with pytest.raises(ltvcrm.OutOfRangeError) as info:
        ltvcrm.CsvOptions(decimals=7)
    assert "0..6" in info.value.message
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.CsvOptions(delimiter="x")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.CsvOptions(delimiter=";;")
    with pytest.raises(ltvcrm.InvalidArgumentError):
        ltvcrm.CsvOptions(columns={"phone": "tel"})
    with pytest.raises(ltvcrm.OutOfRangeError):
        ltvcrm.CsvOptions(columns={"customer_id": ""})


def test_strict_mode_raises_parse_error_with_the_report():
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.ParseError) as info:
            ledger.load_csv_buffer("customer_id,order_date,amount\nA,2026-01-01,1\nB,bad,1\n", strict=True)
        assert "line 3" in info.value.message
        assert isinstance(info.value.report, ltvcrm.LoadReport) and info.value.report.rows_read == 2
        assert ledger.event_count == 0  # a failed load leaves the ledger unchanged


def test_whole_file_failures(tmp_path):
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.FileError) as info:
            ledger.load_csv(tmp_path / "missing.csv")
        assert isinstance(info.value, OSError) and "missing.csv" in info.value.message
        with pytest.raises(ltvcrm.FormatError) as info:
            ledger.load_csv_buffer("customer_id,amount\nA,1\n")
        assert "order_date" in info.value.message
        sjis = "customer_id,order_date,amount\n顧客,2026-01-01,1\n".encode("shift_jis")
        with pytest.raises(ltvcrm.EncodingError) as info:
            ledger.load_csv_buffer(sjis)
        assert "line 2" in info.value.message
        assert ledger.event_count == 0


def test_progress_callback_reports_and_can_cancel(tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "w") as out:
        out.write("customer_id,order_date,amount\n")
        line = "C{:07d},2026-01-01,1000\n"
        out.writelines(line.format(i % 50000) for i in range(900_000))  # about 24 MiB
    seen = []
    with ltvcrm.Ledger() as ledger:
        ledger.load_csv(big, progress=lambda done, total: seen.append((done, total)))
        assert seen and seen[-1][1] == big.stat().st_size and all(d <= t for d, t in seen)
    with ltvcrm.Ledger() as ledger:
        with pytest.raises(ltvcrm.StateError) as info:
            ledger.load_csv(big, progress=lambda done, total: False)
        assert "cancel" in info.value.message
        assert ledger.event_count == 0

    def broken(done, total):
        raise KeyError("from the callback")

    with ltvcrm.Ledger() as ledger:
        with pytest.raises(KeyError, match="from the callback"):
            ledger.load_csv(big, progress=broken)
