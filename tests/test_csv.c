/* The CSV loader: what it accepts, and one test per way a row or a file can be wrong. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

typedef struct loaded {
    ltv_ledger *ledger;
    ltv_load_report *report;
    int status;
} loaded;

static loaded load_text(const char *text, const ltv_csv_options *opts) {
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, text, strlen(text), opts, &r.report);
    return r;
}

static void loaded_free(loaded *r) {
    ltv_load_report_free(r->report);
    ltv_ledger_free(r->ledger);
}

/* Asserts that the report holds exactly one bad row, with this line, column, reason and a
 * message containing `needle`. */
static void assert_one_reject(const loaded *r, uint64_t line, uint32_t column, int reason, const char *needle) {
    cr_assert_eq(r->status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_rejected(r->report), 1);
    cr_assert_eq(ltv_load_report_error_count(r->report), 1);
    uint64_t got_line;
    uint32_t got_column;
    int got_reason;
    const char *message;
    cr_assert_eq(ltv_load_report_error(r->report, 0, &got_line, &got_column, &got_reason, &message), LTV_OK);
    cr_assert_eq(got_line, line, "line %llu: %s", (unsigned long long)got_line, message);
    cr_assert_eq(got_column, column, "column %u: %s", got_column, message);
    cr_assert_eq(got_reason, reason, "reason %d: %s", got_reason, message);
    cr_assert_not_null(strstr(message, needle), "message '%s' lacks '%s'", message, needle);
    char where[64];
    snprintf(where, sizeof where, "line %llu", (unsigned long long)line);
    cr_assert_not_null(strstr(message, where), "message '%s' lacks '%s'", message, where);
}

Test(csv, canonical_file_hand_checked) {
    loaded r = load_text("customer_id,order_date,amount,items\n"
                         "C1,2026-01-05,1980.50,2\n"
                         "C2,2026-01-06,500,1\n"
                         "C1,2026-02-01,20,3\n",
                         NULL);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_read(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 0);
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 2);
    ltv_customer_facts f = fx_facts(r.ledger, "C1", "2026-03-01");
    cr_assert_eq(f.orders, 2);
    cr_assert_eq(f.amount, 198050 + 2000);
    cr_assert_eq(f.items, 5);
    cr_assert_eq(f.first_order_day, fx_day("2026-01-05"));
    loaded_free(&r);
}

Test(csv, excel_export_bom_crlf_quotes_slashes_separators) {
    loaded r = load_text("\xEF\xBB\xBF"
                         "Customer_ID , order_date,amount,items,note\r\n"
                         "\"C,1\",2026/1/5,\"1,980\",2,\"said \"\"hi\"\"\"\r\n"
                         "\"C,1\",2026/11/01,\"¥12,345,678\",1,\"two\nlines\"\r\n"
                         "\r\n"
                         "C2,2026-01-06 10:30:00,\"-300\",1,\r\n",
                         NULL);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 0);
    cr_assert_eq(ltv_load_report_blank_lines(r.report), 1);
    ltv_customer_facts f = fx_facts(r.ledger, "C,1", "2027-01-01");
    cr_assert_eq(f.orders, 2);
    cr_assert_eq(f.amount, 198000 + 1234567800);
    cr_assert_eq(f.last_order_day, fx_day("2026-11-01"));
    f = fx_facts(r.ledger, "C2", "2027-01-01"); /* a negative order is a refund */
    cr_assert_eq(f.orders, 0);
    cr_assert_eq(f.refunds, 1);
    cr_assert_eq(f.amount, -30000);
    loaded_free(&r);
}

Test(csv, yen_with_zero_decimals_and_column_mapping) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 0), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_CUSTOMER_ID, "会員ID", strlen("会員ID")), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_ORDER_DATE, "受注日", strlen("受注日")), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_AMOUNT, "金額", strlen("金額")), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_KIND, "区分", strlen("区分")), LTV_OK);
    loaded r = load_text("会員ID,受注日,金額,区分\n"
                         "山田,2026/01/05,\"1,980円\",注文\n"
                         "山田,2026/01/09,1980.00,返品\n"
                         "山田,2026/02/01,,利用\n"
                         "山田,2026/03/01,0,退会\n",
                         opts);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 4);
    ltv_customer_facts f = fx_facts(r.ledger, "山田", "2027-01-01");
    cr_assert_eq(f.orders, 1);
    cr_assert_eq(f.amount, 0);
    cr_assert_eq(f.refund_amount, 1980);
    cr_assert_eq(f.visits, 1);
    cr_assert_eq(f.cancel_day, fx_day("2026-03-01"));
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

Test(csv, semicolon_delimiter_and_optional_columns) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DELIMITER, ';'), LTV_OK);
    loaded r = load_text("amount;customer_id;order_date\n1.5;X;2026-01-01\n", opts); /* no items column */
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    ltv_customer_facts f = fx_facts(r.ledger, "X", "2027-01-01");
    cr_assert_eq(f.amount, 150);
    cr_assert_eq(f.items, 1);
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

Test(csv, last_line_without_newline_and_buffer_boundaries) {
    /* More than one read chunk with records straddling the boundary. */
    size_t rows = 200000;
    char *text = malloc(rows * 40 + 64);
    size_t len = (size_t)sprintf(text, "customer_id,order_date,amount,items\n");
    for (size_t i = 0; i < rows; i++)
        len += (size_t)sprintf(text + len, "\"cust %zu\",2026-01-%02zu,%zu.%02zu,%zu%s", i % 997, 1 + i % 28, i, i % 100,
                               1 + i % 5, i + 1 < rows ? "\n" : "");
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, text, len, NULL, &r.report);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r.report), rows);
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 997);
    int64_t want = 0;
    for (size_t i = 0; i < rows; i++) want += (int64_t)(i * 100 + i % 100);
    cr_assert_eq(ltv_ledger_revenue(r.ledger), want);
    loaded_free(&r);
    free(text);
}

/* ---- one test per row error ---- */

static const char *HEADER = "customer_id,order_date,amount,items,kind\n";

static loaded load_rows(const char *rows) {
    char text[1024];
    snprintf(text, sizeof text, "%sOK,2026-01-01,1,1,order\n%s", HEADER, rows);
    return load_text(text, NULL);
}

Test(csv_rows, field_count) {
    loaded r = load_rows("C1,2026-01-05,1,980,2,order\n");
    assert_one_reject(&r, 3, 0, LTV_ROW_FIELD_COUNT, "6 fields, but the header has 5");
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 1); /* the good row is kept */
    loaded_free(&r);
}

Test(csv_rows, empty_id) {
    loaded r = load_rows("  ,2026-01-05,1,1,order\n");
    assert_one_reject(&r, 3, 1, LTV_ROW_EMPTY_ID, "customer_id is empty");
    loaded_free(&r);
}

Test(csv_rows, id_too_long) {
    char rows[1400];
    memset(rows, 'x', LTV_ID_MAX + 1);
    strcpy(rows + LTV_ID_MAX + 1, ",2026-01-05,1,1,order\n");
    char *text = malloc(2048);
    snprintf(text, 2048, "%s%s", HEADER, rows);
    loaded r = load_text(text, NULL);
    assert_one_reject(&r, 2, 1, LTV_ROW_ID_TOO_LONG, "1025 bytes");
    loaded_free(&r);
    free(text);
}

Test(csv_rows, bad_date) {
    loaded r = load_rows("C1,05/01/2026,1,1,order\n");
    assert_one_reject(&r, 3, 2, LTV_ROW_BAD_DATE, "order_date '05/01/2026' is not a date");
    loaded_free(&r);
}

Test(csv_rows, impossible_date) {
    loaded r = load_rows("C1,2026-02-30,1,1,order\n");
    assert_one_reject(&r, 3, 2, LTV_ROW_BAD_DATE, "not a day of the calendar");
    loaded_free(&r);
}

Test(csv_rows, two_signs) {
    loaded r = load_rows("C1,2026-01-05,+-100,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "'+-100' is not an amount");
    loaded_free(&r);
}

Test(csv_rows, bad_amount) {
    loaded r = load_rows("C1,2026-01-05,12x,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "amount '12x' is not an amount");
    loaded_free(&r);
}

Test(csv_rows, too_many_decimals) {
    loaded r = load_rows("C1,2026-01-05,1.234,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "more than 2 decimals");
    loaded_free(&r);
}

Test(csv_rows, misplaced_separators) {
    loaded r = load_rows("C1,2026-01-05,\"1,98\",1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "thousands separators");
    loaded_free(&r);
}

Test(csv_rows, empty_amount_on_an_order) {
    loaded r = load_rows("C1,2026-01-05,,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "amount is empty");
    loaded_free(&r);
}

Test(csv_rows, money_on_a_visit) {
    loaded r = load_rows("C1,2026-01-05,100,,visit\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "carries no money");
    loaded_free(&r);
}

Test(csv_rows, sum_would_overflow) {
    /* each amount fits, their sum does not: the second row is rejected, the load goes on */
    const char *text = "customer_id,order_date,amount\nA,2026-01-01,9223372036854775807\n"
                       "B,2026-01-01,1\nC,2026-01-02,0\n";
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 0), LTV_OK);
    loaded r = load_text(text, opts);
    assert_one_reject(&r, 3, 3, LTV_ROW_OUT_OF_RANGE, "2^63 - 1");
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 2);
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

Test(csv_rows, amount_too_large) {
    loaded r = load_rows("C1,2026-01-05,99999999999999999999,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "too large");
    loaded_free(&r);
}

Test(csv_rows, bad_items) {
    loaded r = load_rows("C1,2026-01-05,1,two,order\n");
    assert_one_reject(&r, 3, 4, LTV_ROW_BAD_ITEMS, "items 'two' is not a whole number");
    loaded_free(&r);
}

Test(csv_rows, too_many_items) {
    loaded r = load_rows("C1,2026-01-05,1,1000001,order\n");
    assert_one_reject(&r, 3, 4, LTV_ROW_BAD_ITEMS, "more than 1000000 items");
    loaded_free(&r);
}

Test(csv_rows, bad_kind) {
    loaded r = load_rows("C1,2026-01-05,1,1,gift\n");
    assert_one_reject(&r, 3, 5, LTV_ROW_BAD_KIND, "kind 'gift' is not a kind");
    loaded_free(&r);
}

Test(csv_rows, text_after_closing_quote) {
    loaded r = load_rows("\"C1\"x,2026-01-05,1,1,order\n");
    assert_one_reject(&r, 3, 1, LTV_ROW_BAD_QUOTE, "quote");
    loaded_free(&r);
}

Test(csv_rows, quote_inside_unquoted_field) {
    loaded r = load_rows("C1,2026-01-05,5\"00,1,order\nC2,2026-01-05,1,1,order\n");
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_QUOTE, "quote");
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 2); /* the next line is not swallowed */
    loaded_free(&r);
}

Test(csv_rows, unclosed_quote_at_end_of_file) {
    loaded r = load_rows("C1,\"2026-01-05,1,1,order\nC2,2026-01-05,1,1,order\n");
    assert_one_reject(&r, 3, 2, LTV_ROW_BAD_QUOTE, "not closed");
    loaded_free(&r);
}

Test(csv_rows, line_numbers_count_quoted_line_breaks) {
    loaded r = load_rows("\"multi\nline\",2026-01-05,1,1,order\nC9,bad,1,1,order\n");
    assert_one_reject(&r, 5, 2, LTV_ROW_BAD_DATE, "bad");
    loaded_free(&r);
}

Test(csv_rows, report_keeps_the_first_errors_and_counts_all) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_MAX_ERRORS, 2), LTV_OK);
    loaded r = load_text("customer_id,order_date,amount\nA,x,1\nB,y,1\nC,z,1\nD,2026-01-01,1\n", opts);
    cr_assert_eq(r.status, LTV_OK);
    cr_assert_eq(ltv_load_report_rows_read(r.report), 4);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 1);
    cr_assert_eq(ltv_load_report_error_count(r.report), 2);
    uint64_t line;
    cr_assert_eq(ltv_load_report_error(r.report, 1, &line, NULL, NULL, NULL), LTV_OK);
    cr_assert_eq(line, 3);
    cr_assert_eq(ltv_load_report_error(r.report, 2, &line, NULL, NULL, NULL), LTV_ERANGE);
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

Test(csv_rows, strict_mode_stops_at_the_first_bad_row) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_STRICT, 1), LTV_OK);
    loaded r = load_text("customer_id,order_date,amount\nA,2026-01-01,1\nB,y,1\n", opts);
    cr_assert_eq(r.status, LTV_EPARSE);
    cr_assert_eq(ltv_load_report_rows_read(r.report), 2);
    cr_assert_eq(ltv_load_report_rows_read(r.report),
                 ltv_load_report_rows_taken(r.report) + ltv_load_report_rows_rejected(r.report));
    cr_assert_eq(ltv_load_report_error_count(r.report), 1);
    cr_assert_not_null(strstr(ltv_last_error(), "line 3, column 2"), "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_event_count(r.ledger), 0); /* nothing added on failure */
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

/* ---- whole-file errors leave the ledger unchanged ---- */

Test(csv_file, missing_column) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "old", LTV_EVENT_ORDER, "2025-01-01", 5, 1);
    const char *text = "customer_id,date,price\nA,2026-01-01,1\n";
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), NULL, NULL), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "no column 'order_date' (it has: customer_id, date, price)"), "%s",
                       ltv_last_error());
    cr_assert_eq(ltv_ledger_event_count(ledger), 1);
    ltv_ledger_free(ledger);
}

Test(csv_file, two_columns_mapped_to_one_header) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_CUSTOMER_ID, "amount", 6), LTV_OK);
    ltv_ledger *ledger = fx_ledger();
    const char *text = "customer_id,order_date,amount\nA,2026-01-01,1\n";
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), opts, NULL), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "'customer_id' and 'amount' are both mapped to header column 3"), "%s",
                       ltv_last_error());
    ltv_ledger_free(ledger);
    ltv_csv_options_free(opts);
}

Test(csv_file, encoding_error_column_counts_quoted_separators) {
    ltv_ledger *ledger = fx_ledger();
    const char text[] = "customer_id,note,order_date,amount\nA,\"x,y,z\",2026-01-01,\x89\n";
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, sizeof text - 1, NULL, NULL), LTV_EENCODING);
    cr_assert_not_null(strstr(ltv_last_error(), "line 2, column 4"), "%s", ltv_last_error());
    ltv_ledger_free(ledger);
}

Test(csv_file, duplicate_column) {
    ltv_ledger *ledger = fx_ledger();
    const char *text = "customer_id,order_date,amount,Amount\n";
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), NULL, NULL), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "appears twice"), "%s", ltv_last_error());
    ltv_ledger_free(ledger);
}

Test(csv_file, empty_input) {
    ltv_ledger *ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, "", 0, NULL, NULL), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "empty"));
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, "\n\n", 2, NULL, NULL), LTV_EFORMAT);
    ltv_ledger_free(ledger);
}

Test(csv_file, shift_jis_is_refused_with_line_and_column) {
    ltv_ledger *ledger = fx_ledger();
    /* 山田 in Shift_JIS: 0x8E 0x52 0x93 0x63 */
    const char text[] = "customer_id,order_date,amount\nA,2026-01-01,1\n\x8E\x52\x93\x63,2026-01-02,1\n";
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, sizeof text - 1, NULL, &report), LTV_EENCODING);
    cr_assert_not_null(strstr(ltv_last_error(), "line 3, column 1"), "%s", ltv_last_error());
    cr_assert_not_null(strstr(ltv_last_error(), "Shift_JIS"));
    cr_assert_not_null(report); /* what was read before the failure */
    cr_assert_eq(ltv_load_report_rows_taken(report), 1);
    cr_assert_eq(ltv_ledger_event_count(ledger), 0);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
}

Test(csv_file, unreadable_files) {
    ltv_ledger *ledger = fx_ledger();
    ltv_load_report *report = (ltv_load_report *)1;
    cr_assert_eq(ltv_ledger_load_csv(ledger, "/nonexistent/orders.csv", NULL, &report), LTV_EIO);
    cr_assert_null(report);
    cr_assert_not_null(strstr(ltv_last_error(), "cannot open '/nonexistent/orders.csv'"));
    cr_assert_eq(ltv_ledger_load_csv(ledger, "/tmp", NULL, NULL), LTV_EIO);
    cr_assert_not_null(strstr(ltv_last_error(), "directory"));
    ltv_ledger_free(ledger);
}

Test(csv_file, load_from_file_appends_to_a_ledger) {
    char path[] = "/tmp/ltvcrm-test-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    const char *text = "customer_id,order_date,amount\nA,2026-01-01,1\nB,2026-01-02,2\n";
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "A", LTV_EVENT_ORDER, "2025-01-01", 500, 1);
    ltv_load_report *report;
    cr_assert_eq(ltv_ledger_load_csv(ledger, path, NULL, &report), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_bytes(report), strlen(text));
    cr_assert_eq(ltv_ledger_customer_count(ledger), 2);
    cr_assert_eq(fx_facts(ledger, "A", "2027-01-01").amount, 500 + 100);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    unlink(path);
}

static int cancel_at_once(void *ud, uint64_t done, uint64_t total) {
    (void)done;
    (void)total;
    (*(int *)ud)++;
    return 1;
}

Test(csv_file, progress_callback_can_cancel) {
    ltv_csv_options *opts;
    int calls = 0;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_progress(opts, cancel_at_once, &calls), LTV_OK);
    ltv_ledger *ledger = fx_ledger();
    const char *text = "customer_id,order_date,amount\nA,2026-01-01,1\n";
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), opts, NULL), LTV_ESTATE);
    cr_assert_eq(calls, 1);
    cr_assert_eq(ltv_ledger_event_count(ledger), 0);
    ltv_ledger_free(ledger);
    ltv_csv_options_free(opts);
}

Test(csv_file, arbitrary_bytes_never_crash) {
    /* Every byte value, in many lengths: the loader must return a status and never crash. */
    uint64_t state = 1;
    for (int round = 0; round < 300; round++) {
        char text[512];
        size_t len = (size_t)(round * 7 % 500);
        size_t header = (size_t)snprintf(text, sizeof text, "customer_id,order_date,amount\n");
        for (size_t i = header; i < len; i++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const char alphabet[] = "\",\n\r 0123456789-/.AB\xE3\x81\x82\xFF";
            text[i] = (round % 3) ? alphabet[(state >> 33) % (sizeof alphabet - 1)] : (char)(state >> 56);
        }
        ltv_ledger *ledger = fx_ledger();
        ltv_load_report *report = NULL;
        int status = ltv_ledger_load_csv_buffer(ledger, text, len > header ? len : header, NULL, &report);
        cr_assert(status == LTV_OK || status == LTV_EENCODING || status == LTV_EFORMAT, "status %d", status);
        if (status == LTV_OK)
            cr_assert_eq(ltv_load_report_rows_read(report),
                         ltv_load_report_rows_taken(report) + ltv_load_report_rows_rejected(report));
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
    }
}

Test(csv_options, bounds_and_bad_arguments) {
    ltv_csv_options *opts;
    int64_t value;
    cr_assert_eq(ltv_csv_options_new(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_get_i64(opts, LTV_CSV_DECIMALS, &value), LTV_OK);
    cr_assert_eq(value, 2);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 7), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "0..6"));
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, -1), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_MAX_ERRORS, 1000001), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DELIMITER, 'x'), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_STRICT, 2), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(opts, 99, 0), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_get_i64(opts, 99, &value), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_get_i64(opts, LTV_CSV_STRICT, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_set_i64(NULL, LTV_CSV_DECIMALS, 0), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_set_column(opts, 16, "x", 1), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_set_column(opts, 0, "  ", 2), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_column(opts, 0, "\xFF", 1), LTV_EENCODING);
    cr_assert_eq(ltv_csv_options_set_column(opts, 0, NULL, 1), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_set_progress(NULL, NULL, NULL), LTV_EINVAL);
    ltv_csv_options_free(opts);
    ltv_csv_options_free(NULL);
    cr_assert_eq(ltv_ledger_load_csv(NULL, "x", NULL, NULL), LTV_EINVAL);
    ltv_ledger *ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_load_csv(ledger, NULL, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, NULL, 3, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_load_report_error(NULL, 0, NULL, NULL, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_load_report_rows_read(NULL), 0);
    cr_assert_eq(ltv_load_report_error_count(NULL), 0);
    ltv_load_report_free(NULL);
    ltv_ledger_free(ledger);
}

/* The interner runs on a second thread when allowed; the ledger must come out the same. */
Test(csv_file, same_ledger_with_one_or_two_threads) {
    size_t rows = 300000;
    char *text = malloc(rows * 40 + 64);
    size_t len = (size_t)sprintf(text, "customer_id,order_date,amount,items\n");
    for (size_t i = 0; i < rows; i++)
        len += (size_t)sprintf(text + len, "c%zu,2026-%02zu-%02zu,%zu,%zu\n", (i * 7919) % 50000, 1 + i % 12,
                               1 + i % 28, i % 1000, 1 + i % 3);
    ltv_ledger *ledgers[2];
    for (int t = 0; t < 2; t++) {
        cr_assert_eq(ltv_set_threads(t + 1), LTV_OK);
        ledgers[t] = fx_ledger();
        cr_assert_eq(ltv_ledger_load_csv_buffer(ledgers[t], text, len, NULL, NULL), LTV_OK, "%s", ltv_last_error());
    }
    cr_assert_eq(ltv_ledger_customer_count(ledgers[0]), 50000);
    cr_assert_eq(ltv_ledger_event_count(ledgers[1]), rows);
    for (uint64_t i = 0; i < 50000; i += 97) {
        const char *a, *b;
        cr_assert_eq(ltv_ledger_customer_id(ledgers[0], i, &a, NULL), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_id(ledgers[1], i, &b, NULL), LTV_OK);
        cr_assert_str_eq(a, b); /* same first-seen order */
        ltv_customer_facts fa, fb;
        cr_assert_eq(ltv_ledger_facts(ledgers[0], i, 30000, &fa, sizeof fa), LTV_OK);
        cr_assert_eq(ltv_ledger_facts(ledgers[1], i, 30000, &fb, sizeof fb), LTV_OK);
        cr_assert_eq(memcmp(&fa, &fb, sizeof fa), 0);
    }
    ltv_ledger_free(ledgers[0]);
    ltv_ledger_free(ledgers[1]);
    free(text);
}

/* The fast path for plain amounts must agree with the general one at its edges. */
Test(csv_rows, plain_amount_edges) {
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 6), LTV_OK);
    /* 13 digits + 6 decimals: past the fast path's 18 digits, still exact */
    loaded r = load_text("customer_id,order_date,amount\nA,2026-01-01,1234567890123.5\nC,2026-01-01,9999999999999\n",
                         opts);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(fx_facts(r.ledger, "A", "2027-01-01").amount, 1234567890123500000);
    assert_one_reject(&r, 3, 3, LTV_ROW_BAD_AMOUNT, "too large"); /* 9.99e18 > 2^63 - 1 */
    loaded_free(&r);
    r = load_text("customer_id,order_date,amount\nB,2026-01-01,9223372036854.775807\n", opts);
    cr_assert_eq(fx_facts(r.ledger, "B", "2027-01-01").amount, INT64_MAX);
    loaded_free(&r);
    ltv_csv_options_free(opts);
}

/* Quote-free lines are split eight bytes at a time: fields of every length around the word
 * boundaries, empty fields and UTF-8 next to separators must split exactly as the quoted
 * path splits the same values. */
Test(csv_rows, word_at_a_time_split_matches_quoted_split) {
    const char *delims = ",;\t|";
    for (int d = 0; d < 4; d++) {
        char plain[65536], quoted[65536];
        const char sep = delims[d];
        size_t pl = (size_t)snprintf(plain, sizeof plain, "note%ccustomer_id%corder_date%camount%citems\n", sep, sep, sep, sep);
        size_t ql = (size_t)snprintf(quoted, sizeof quoted, "note%ccustomer_id%corder_date%camount%citems\n", sep, sep, sep, sep);
        for (int row = 0; row < 300; row++) {
            char note[32] = "", id[40];
            int note_len = row % 13, id_len = 1 + row % 19;
            for (int k = 0; k < note_len; k++) note[k] = (char)('a' + (row + k) % 26);
            note[note_len] = '\0';
            int n = 0;
            for (int k = 0; k < id_len; k++) n += snprintf(id + n, sizeof id - (size_t)n, "%s", k % 5 == 4 ? "é" : "x");
            pl += (size_t)snprintf(plain + pl, sizeof plain - pl, "%s%c%s%c2026-01-%02d%c%d%c%d\n", note, sep, id, sep,
                                   1 + row % 28, sep, row, sep, 1 + row % 3);
            ql += (size_t)snprintf(quoted + ql, sizeof quoted - ql, "\"%s\"%c\"%s\"%c\"2026-01-%02d\"%c\"%d\"%c\"%d\"\n", note,
                                   sep, id, sep, 1 + row % 28, sep, row, sep, 1 + row % 3);
        }
        ltv_csv_options *opts;
        cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
        cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DELIMITER, sep), LTV_OK);
        ltv_ledger *a = fx_ledger(), *b = fx_ledger();
        ltv_load_report *ra = NULL, *rb = NULL;
        cr_assert_eq(ltv_ledger_load_csv_buffer(a, plain, pl, opts, &ra), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_ledger_load_csv_buffer(b, quoted, ql, opts, &rb), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_load_report_rows_taken(ra), 300, "separator %d", d);
        /* quoted values with a tab separator: the tab once counted as padding after a quote */
        cr_assert_eq(ltv_load_report_rows_taken(rb), 300, "separator %d, quoted", d);
        cr_assert_eq(ltv_ledger_customer_count(a), ltv_ledger_customer_count(b));
        for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
            const char *ia, *ib;
            cr_assert_eq(ltv_ledger_customer_id(a, i, &ia, NULL), LTV_OK);
            cr_assert_eq(ltv_ledger_customer_id(b, i, &ib, NULL), LTV_OK);
            cr_assert_str_eq(ia, ib);
            ltv_customer_facts fa, fb;
            cr_assert_eq(ltv_ledger_facts(a, i, 30000, &fa, sizeof fa), LTV_OK);
            cr_assert_eq(ltv_ledger_facts(b, i, 30000, &fb, sizeof fb), LTV_OK);
            cr_assert_eq(memcmp(&fa, &fb, sizeof fa), 0);
        }
        ltv_load_report_free(ra);
        ltv_load_report_free(rb);
        ltv_ledger_free(a);
        ltv_ledger_free(b);
        ltv_csv_options_free(opts);
    }
}
