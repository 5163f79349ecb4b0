/* The CSV loader's order mode (orders from lines, statuses, refunds, guests, occasions, the
 * load checks) and the loader's defences (line ends, record cap, NUL bytes). Every expected
 * figure is computed by hand from the fixture above it; every load checks that rows read =
 * taken + excluded + rejected. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

typedef struct loaded {
    ltv_ledger *ledger;
    ltv_load_report *report;
    int status;
} loaded;

static void check_accounting(const ltv_load_report *r) {
    const uint64_t read = ltv_load_report_rows_read(r), taken = ltv_load_report_rows_taken(r),
                   excluded = ltv_load_report_rows_excluded(r), rejected = ltv_load_report_rows_rejected(r);
    cr_assert_eq(read, taken + excluded + rejected, "read %llu != taken %llu + excluded %llu + rejected %llu",
                 (unsigned long long)read, (unsigned long long)taken, (unsigned long long)excluded,
                 (unsigned long long)rejected);
    uint64_t by_reason = 0;
    for (int reason = 1; reason < LTV_ROW_ERROR_LIMIT; reason++) by_reason += ltv_load_report_rows_rejected_for(r, reason);
    cr_assert_eq(by_reason, rejected);
    uint64_t by_status = ltv_load_report_rows_no_customer(r);
    for (size_t i = 0; i < ltv_load_report_exclusion_count(r); i++) {
        uint64_t rows;
        cr_assert_eq(ltv_load_report_exclusion(r, i, NULL, &rows), LTV_OK);
        by_status += rows;
    }
    cr_assert_eq(by_status, excluded);
}

static loaded load_with(const char *text, const ltv_csv_options *opts) {
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, text, strlen(text), opts, &r.report);
    if (r.report) check_accounting(r.report);
    return r;
}

static void loaded_free(loaded *r) {
    ltv_load_report_free(r->report);
    ltv_ledger_free(r->ledger);
}

static ltv_csv_options *options(void) {
    ltv_csv_options *o;
    cr_assert_eq(ltv_csv_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_DECIMALS, 0), LTV_OK);
    return o;
}

static void map(ltv_csv_options *o, int column, const char *name) {
    cr_assert_eq(ltv_csv_options_set_column(o, column, name, strlen(name)), LTV_OK, "%s", ltv_last_error());
}

static ltv_ledger_summary summary(const ltv_ledger *l) {
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(l, LTV_DAY_MAX, &s, sizeof s), LTV_OK);
    return s;
}

static void first_problem(const ltv_load_report *r, size_t i, uint64_t line, uint32_t column, int reason,
                          const char *needle) {
    uint64_t got_line;
    uint32_t got_column;
    int got_reason;
    const char *message;
    cr_assert_eq(ltv_load_report_error(r, i, &got_line, &got_column, &got_reason, &message), LTV_OK);
    cr_assert_eq(got_line, line, "line %llu: %s", (unsigned long long)got_line, message);
    cr_assert_eq(got_column, column, "column %u: %s", got_column, message);
    cr_assert_eq(got_reason, reason, "reason %d: %s", got_reason, message);
    cr_assert_not_null(strstr(message, needle), "'%s' lacks '%s'", message, needle);
}

/* Shopify-like: one row per line item, the order total on the first line only, lines of
 * order 1001 not adjacent. */
static const char *const line_items =
    "order_id,customer_id,order_date,amount,items,order_total\n"
    "1001,A,2026-01-05,1000,1,3500\n"
    "1002,B,2026-01-05,2000,2,2000\n"
    "1001,A,2026-01-05,2000,2,\n"
    "1003,A,2026-02-01,500,1,800\n";

Test(csv_orders, total_on_first_line_non_adjacent_lines) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "order_id");
    map(o, LTV_CSV_ORDER_TOTAL, "order_total");
    loaded r = load_with(line_items, o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.customers, 2);
    cr_assert_eq(s.orders, 3);
    cr_assert_eq(s.gross_revenue, 3500 + 2000 + 800);
    cr_assert_eq(s.items, 3 + 2 + 1);
    uint64_t orders, lines;
    ltv_load_report_orders(r.report, &orders, &lines);
    cr_assert_eq(orders, 3);
    cr_assert_eq(lines, 4);
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 4);
    ltv_customer_facts a = fx_facts(r.ledger, "A", "2026-03-01");
    cr_assert_eq(a.orders, 2);
    cr_assert_eq(a.amount, 4300);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, sum_of_lines_plus_shipping_minus_discount) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "order_id");
    map(o, LTV_CSV_SHIPPING, "shipping");
    map(o, LTV_CSV_DISCOUNT, "discount");
    loaded r = load_with("order_id,customer_id,order_date,amount,shipping,discount\n"
                         "7,A,2026-01-05,1000,500,-300\n"
                         "7,A,2026-01-05,2000,,\n"
                         "8,B,2026-01-06,400,,100\n",
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.orders, 2);
    cr_assert_eq(s.gross_revenue, (1000 + 2000 + 500 - 300) + (400 - 100));
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, disagreeing_lines_are_rejected_with_line_and_column) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "order_id");
    map(o, LTV_CSV_ORDER_TOTAL, "order_total");
    loaded r = load_with("order_id,customer_id,order_date,amount,order_total\n"
                         "1,A,2026-01-05,100,900\n"
                         "1,B,2026-01-05,100,900\n"  /* another customer */
                         "1,A,2026-01-06,100,900\n"  /* another day */
                         "1,A,2026-01-05,100,950\n"  /* another total */
                         "1,A,2026-01-05,100,900\n", /* agrees */
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_rejected_for(r.report, LTV_ROW_ORDER_CONFLICT), 3);
    first_problem(r.report, 0, 3, 2, LTV_ROW_ORDER_CONFLICT, "'B' of order '1' differs from 'A' on line 2");
    first_problem(r.report, 1, 4, 3, LTV_ROW_ORDER_CONFLICT, "2026-01-06");
    first_problem(r.report, 2, 5, 5, LTV_ROW_ORDER_CONFLICT, "'950'");
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.customers, 1); /* B's only line was rejected: B is not a customer */
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 1);
    cr_assert_eq(s.orders, 1);
    cr_assert_eq(s.gross_revenue, 900);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, order_without_total_is_rejected_whole) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "order_id");
    map(o, LTV_CSV_ORDER_TOTAL, "order_total");
    loaded r = load_with("order_id,customer_id,order_date,amount,order_total\n"
                         "1,A,2026-01-05,100,\n"
                         "2,A,2026-01-05,100,100\n"
                         "1,A,2026-01-05,100,\n",
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 2);
    cr_assert_eq(ltv_load_report_rows_rejected_for(r.report, LTV_ROW_BAD_ORDER), 2);
    first_problem(r.report, 0, 2, 5, LTV_ROW_BAD_ORDER, "2 lines rejected");
    cr_assert_eq(summary(r.ledger).orders, 1);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* Statuses in English and Japanese; cancelled and pending rows are excluded per value. */
Test(csv_orders, statuses_english_and_japanese_with_refunds) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "order_id");
    map(o, LTV_CSV_STATUS, "status");
    map(o, LTV_CSV_REFUND_AMOUNT, "refund_amount");
    loaded r = load_with("order_id,customer_id,order_date,amount,status,refund_amount\n"
                         "1,A,2026-01-05,1000,paid,\n"
                         "2,A,2026-01-06,2000,Cancelled,\n"
                         "3,B,2026-01-07,3000,\xE7\x99\xBA\xE9\x80\x81\xE6\xB8\x88\xE3\x81\xBF,\n" /* 発送済み */
                         "4,B,2026-01-08,4000,\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB,\n" /* キャンセル */
                         "4,B,2026-01-08,500,,\n"
                         "5,C,2026-01-09,5000,\xE5\x85\xA5\xE9\x87\x91\xE5\xBE\x85\xE3\x81\xA1,\n" /* 入金待ち */
                         "6,C,2026-01-10,6000,refunded,\n"
                         "7,C,2026-01-11,7000,Partially refunded,1500\n"
                         "8,C,2026-01-12,800,\xE5\x87\xA6\xE7\x90\x86\xE6\xB8\x88,\n" /* 処理済 */
                         "9,C,2026-01-13,900,mystery,\n",
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.orders, 5); /* 1, 3, 6, 7, 8 */
    cr_assert_eq(s.gross_revenue, 1000 + 3000 + 6000 + 7000 + 800);
    cr_assert_eq(s.refunds, 2);
    cr_assert_eq(s.revenue, 1000 + 3000 + 6000 + 7000 + 800 - 6000 - 1500);
    cr_assert_eq(s.customers, 3);
    cr_assert_eq(ltv_load_report_rows_excluded(r.report), 4);
    cr_assert_eq(ltv_load_report_exclusion_count(r.report), 3);
    const char *value;
    uint64_t rows;
    cr_assert_eq(ltv_load_report_exclusion(r.report, 0, &value, &rows), LTV_OK);
    cr_assert_str_eq(value, "Cancelled");
    cr_assert_eq(rows, 1);
    cr_assert_eq(ltv_load_report_exclusion(r.report, 1, &value, &rows), LTV_OK);
    cr_assert_str_eq(value, "\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB");
    cr_assert_eq(rows, 2);
    cr_assert_eq(ltv_load_report_exclusion(r.report, 2, &value, &rows), LTV_OK);
    cr_assert_eq(rows, 1);
    cr_assert_eq(ltv_load_report_exclusion(r.report, 3, &value, &rows), LTV_ERANGE);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 1);
    first_problem(r.report, 0, 11, 5, LTV_ROW_BAD_STATUS, "'mystery' is not a known status");
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, user_mapping_extends_and_overrides_the_vocabulary) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_STATUS, "status");
    cr_assert_eq(ltv_csv_options_map_status(o, "mystery", 7, LTV_STATUS_EXCLUDED), LTV_OK);
    cr_assert_eq(ltv_csv_options_map_status(o, "PAID", 4, LTV_STATUS_EXCLUDED), LTV_OK); /* overrides "paid" */
    cr_assert_eq(ltv_csv_options_map_status(o, "x", 1, 9), LTV_EINVAL);
    int rule;
    cr_assert_eq(ltv_csv_status_rule_of(o, "Mystery", 7, &rule), LTV_OK);
    cr_assert_eq(rule, LTV_STATUS_EXCLUDED);
    cr_assert_eq(ltv_csv_status_rule_of(NULL, "wc-completed", 12, &rule), LTV_OK);
    cr_assert_eq(rule, LTV_STATUS_COUNTED);
    cr_assert_eq(ltv_csv_status_rule_of(NULL, "partially-refunded", 18, &rule), LTV_OK);
    cr_assert_eq(rule, LTV_STATUS_PARTLY_REFUNDED);
    cr_assert_eq(ltv_csv_status_rule_of(NULL, "nope", 4, &rule), LTV_ENOTFOUND);
    loaded r = load_with("customer_id,order_date,amount,status\n"
                         "A,2026-01-05,100,paid\n"
                         "A,2026-01-06,200,mystery\n"
                         "A,2026-01-07,300,shipped\n",
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(summary(r.ledger).gross_revenue, 300);
    cr_assert_eq(ltv_load_report_rows_excluded(r.report), 2);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_STATUS_BUILTIN, 0), LTV_OK);
    cr_assert_eq(ltv_csv_status_rule_of(o, "shipped", 7, &rule), LTV_ENOTFOUND);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, partial_refund_needs_an_amount_and_cannot_exceed_the_order) {
    ltv_csv_options *o = options();
    map(o, LTV_CSV_ORDER_ID, "id");
    map(o, LTV_CSV_STATUS, "status");
    map(o, LTV_CSV_REFUND_AMOUNT, "refund");
    loaded r = load_with("id,customer_id,order_date,amount,status,refund\n"
                         "1,A,2026-01-05,1000,partially_refunded,\n"
                         "2,A,2026-01-05,1000,partially_refunded,1200\n"
                         "3,A,2026-01-05,1000,paid,250\n",
                         o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_rejected_for(r.report, LTV_ROW_BAD_ORDER), 2);
    first_problem(r.report, 0, 2, 6, LTV_ROW_BAD_ORDER, "no line gives its refund");
    first_problem(r.report, 1, 3, 6, LTV_ROW_BAD_ORDER, "more than the order's amount");
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.gross_revenue, 1000);
    cr_assert_eq(s.revenue, 750);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* Guests: `0`, `-` and empty ids are no customer, never one customer. */
Test(csv_orders, guests_are_no_customer_or_keyed_by_email) {
    const char *text = "customer_id,email,order_date,amount\n"
                       "M1,m1@example.com,2026-01-05,100\n"
                       "0,Guest@Example.com,2026-01-05,200\n"
                       "-,guest@example.com ,2026-01-06,300\n"
                       ",,2026-01-07,400\n"
                       "GUEST,other@example.com,2026-01-08,500\n"
                       "0,no-at-sign,2026-01-08,600\n";
    ltv_csv_options *o = options();
    loaded r = load_with(text, o); /* 1.0: `0`, `-` and GUEST are customers, the empty id a bad row */
    cr_assert_eq(r.status, LTV_OK);
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 4);
    cr_assert_eq(ltv_load_report_rows_rejected_for(r.report, LTV_ROW_EMPTY_ID), 1);
    loaded_free(&r);

    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_GUESTS, LTV_CSV_GUESTS_NO_CUSTOMER), LTV_OK);
    r = load_with(text, o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 1);
    cr_assert_eq(ltv_load_report_rows_no_customer(r.report), 5);
    cr_assert_eq(ltv_load_report_rows_excluded(r.report), 5);
    uint64_t orders;
    int64_t amount;
    ltv_load_report_no_customer(r.report, &orders, &amount);
    cr_assert_eq(orders, 5);
    cr_assert_eq(amount, 200 + 300 + 400 + 500 + 600);
    loaded_free(&r);

    map(o, LTV_CSV_EMAIL, "email");
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_GUESTS, LTV_CSV_GUESTS_BY_EMAIL), LTV_OK);
    r = load_with(text, o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 3); /* M1, guest@example.com, other@example.com */
    ltv_customer_facts g = fx_facts(r.ledger, "guest@example.com", "2026-02-01");
    cr_assert_eq(g.orders, 2);
    cr_assert_eq(g.amount, 500);
    cr_assert_eq(ltv_load_report_rows_no_customer(r.report), 2); /* the empty row and the one without '@' */
    loaded_free(&r);

    cr_assert_eq(ltv_csv_options_clear_no_customer_ids(o), LTV_OK);
    cr_assert_eq(ltv_csv_options_add_no_customer_id(o, "M1", 2), LTV_OK);
    cr_assert_eq(ltv_csv_options_add_no_customer_id(o, "", 0), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_GUESTS, LTV_CSV_GUESTS_NO_CUSTOMER), LTV_OK);
    r = load_with(text, o);
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 3); /* 0, -, GUEST are ids again; M1 is not */
    loaded_free(&r);
    ltv_csv_options_free(o);
}

Test(csv_orders, same_day_orders_as_one_occasion) {
    const char *text = "customer_id,order_date,amount,items\n"
                       "A,2026-01-05,100,1\n"
                       "A,2026-01-05,200,2\n"
                       "A,2026-01-06,400,1\n"
                       "B,2026-01-05,800,1\n";
    ltv_csv_options *o = options();
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_OCCASIONS, 1), LTV_OK);
    loaded r = load_with(text, o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    ltv_customer_facts a = fx_facts(r.ledger, "A", "2026-02-01");
    cr_assert_eq(a.orders, 2);
    cr_assert_eq(a.amount, 700);
    cr_assert_eq(a.items, 4);
    uint64_t orders;
    ltv_load_report_orders(r.report, &orders, NULL);
    cr_assert_eq(orders, 4); /* orders formed, before occasions */
    cr_assert_eq(summary(r.ledger).orders, 3);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* Orders formed from shuffled lines equal the orders formed from the same lines in order. */
Test(csv_orders, shuffled_lines_form_the_same_orders) {
    enum { ORDERS = 3000, LINES_MAX = 4 };
    char **lines = malloc(ORDERS * LINES_MAX * sizeof *lines);
    size_t n = 0;
    uint64_t x = 42;
    for (int i = 0; i < ORDERS; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int count = 1 + (int)((x >> 33) % LINES_MAX);
        for (int k = 0; k < count; k++) {
            lines[n] = malloc(96);
            snprintf(lines[n], 96, "O%d,C%d,2026-%02d-%02d,%d,%d,%s\n", i, (int)((x >> 40) % 500), 1 + (int)((x >> 20) % 12),
                     1 + (int)((x >> 10) % 28), 100 + (int)((x >> 3) % 900) + k, 1 + k, k == 0 ? "5000" : "");
            n++;
        }
    }
    size_t size = 64 + n * 96;
    char *ordered = malloc(size), *shuffled = malloc(size);
    strcpy(ordered, "order_id,customer_id,order_date,amount,items,total\n");
    strcpy(shuffled, ordered);
    for (size_t i = 0; i < n; i++) strcat(ordered + strlen(ordered), lines[i]);
    for (size_t i = n - 1; i > 0; i--) { /* Fisher-Yates */
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = (size_t)((x >> 33) % (i + 1));
        char *t = lines[i];
        lines[i] = lines[j];
        lines[j] = t;
    }
    char *end = shuffled + strlen(shuffled);
    for (size_t i = 0; i < n; i++) end = stpcpy(end, lines[i]);
    for (int rule = 0; rule < 2; rule++) {
        ltv_csv_options *o = options();
        map(o, LTV_CSV_ORDER_ID, "order_id");
        if (rule) map(o, LTV_CSV_ORDER_TOTAL, "total");
        loaded a = load_with(ordered, o), b = load_with(shuffled, o);
        cr_assert_eq(a.status, LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(b.status, LTV_OK, "%s", ltv_last_error());
        ltv_ledger_summary sa = summary(a.ledger), sb = summary(b.ledger);
        cr_assert_eq(sa.orders, ORDERS);
        cr_assert_eq(sb.orders, ORDERS);
        cr_assert_eq(sa.gross_revenue, sb.gross_revenue);
        cr_assert_eq(sa.items, sb.items);
        if (rule) cr_assert_eq(sa.gross_revenue, (int64_t)ORDERS * 5000);
        cr_assert_eq(ltv_ledger_customer_count(a.ledger), ltv_ledger_customer_count(b.ledger));
        for (uint64_t c = 0; c < ltv_ledger_customer_count(a.ledger); c++) {
            const char *id;
            cr_assert_eq(ltv_ledger_customer_id(a.ledger, c, &id, NULL), LTV_OK);
            ltv_customer_facts fa = fx_facts(a.ledger, id, "2027-01-01"), fb = fx_facts(b.ledger, id, "2027-01-01");
            cr_assert_eq(memcmp(&fa, &fb, sizeof fa), 0, "customer %s differs", id);
        }
        loaded_free(&a);
        loaded_free(&b);
        ltv_csv_options_free(o);
    }
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
    free(ordered);
    free(shuffled);
}

Test(csv_orders, checks_fail_a_load_with_no_order_or_too_many_rejects) {
    ltv_csv_options *o = options();
    const char *bad = "customer_id,order_date,amount\nA,2026-01-05,x\nA,2026-01-05,100\n";
    loaded r = load_with(bad, o); /* 1.0 behaviour: success, one row rejected */
    cr_assert_eq(r.status, LTV_OK);
    loaded_free(&r);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_CHECKS, 1), LTV_OK);
    r = load_with(bad, o);
    cr_assert_eq(r.status, LTV_EVALIDATION);
    cr_assert_not_null(strstr(ltv_last_error(), "1 of 2 rows (50.0 %) were rejected"), "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 0); /* the ledger is left as it was */
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 1);
    loaded_free(&r);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_MAX_REJECTED_BP, 5000), LTV_OK);
    r = load_with(bad, o);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    loaded_free(&r);
    r = load_with("customer_id,order_date,amount,kind\nA,2026-01-05,,visit\n", o);
    cr_assert_eq(r.status, LTV_EVALIDATION);
    cr_assert_not_null(strstr(ltv_last_error(), "no order was taken"));
    loaded_free(&r);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_MAX_REJECTED_BP, 10001), LTV_ERANGE);
    ltv_csv_options_free(o);
}

/* ---- issue 16: each failed before its fix ---- */

Test(csv_defences, lone_cr_line_ends) {
    loaded r = load_with("customer_id,order_date,amount,items\rA,2026-01-05,100,1\rB,2026-01-06,200,2\r", NULL);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_read(r.report), 2);
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 2);
    cr_assert_eq(summary(r.ledger).items, 3);
    loaded_free(&r);
    /* mixed, with a quoted line break, and a CR that is the last byte */
    r = load_with("customer_id,order_date,amount\r\nA,2026-01-05,\"1,000\"\r\"B\r\nC\",2026-01-06,200\rD,2026-01-07,5\r",
                  NULL);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 3);
    loaded_free(&r);
}

Test(csv_defences, header_name_with_a_line_break_is_refused) {
    loaded r = load_with("customer_id,order_date,amount,\"note\nmore\"\nA,2026-01-05,100,x\n", NULL);
    cr_assert_eq(r.status, LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "line 1, column 4"), "%s", ltv_last_error());
    loaded_free(&r);
}

Test(csv_defences, record_size_cap) {
    ltv_csv_options *o = options();
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_MAX_RECORD, 1023), LTV_ERANGE);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_MAX_RECORD, 1024), LTV_OK);
    size_t size = 10000;
    char *text = malloc(size);
    strcpy(text, "customer_id,order_date,amount\nA,2026-01-05,100\n\"");
    memset(text + strlen(text), 'x', 5000);
    text[size - 1000] = '\0';
    loaded r = load_with(text, o); /* an unclosed quote: one record to the end */
    cr_assert_eq(r.status, LTV_EPARSE);
    cr_assert_not_null(strstr(ltv_last_error(), "line 3: a record is longer than 1024 bytes"), "%s", ltv_last_error());
    loaded_free(&r);
    free(text);
    ltv_csv_options_free(o);
}

Test(csv_defences, nul_in_a_field_is_refused_with_line_and_column) {
    static const char text[] = "customer_id,order_date,amount\nA\0B,2026-01-05,100\nC,2026-01-05,100\n";
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, text, sizeof text - 1, NULL, &r.report);
    cr_assert_eq(r.status, LTV_OK);
    check_accounting(r.report);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 1);
    first_problem(r.report, 0, 2, 1, LTV_ROW_NUL_BYTE, "NUL");
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 1);
    loaded_free(&r);
}

Test(csv_defences, null_buffer_of_length_zero) {
    ltv_ledger *l = fx_ledger();
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv_buffer(l, NULL, 0, NULL, &report), LTV_EFORMAT); /* empty input, no UB */
    ltv_load_report_free(report);
    ltv_ledger_free(l);
}
