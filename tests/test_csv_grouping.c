/* How order mode groups lines into orders (lib/csv/orders.c: lines kept while reading, then
 * grouped by a radix sort of the order ids' hashes and folded in file order). What the new
 * path could get wrong: lines of one order that are not adjacent, runs of one order split by a
 * chunk boundary, different ids whose hashes collide (forced through the test hook), a line
 * that disagrees after an earlier run of its order, thread counts, and the figures against a
 * line-by-line count made here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_pipeline.h"
#include "fixtures.h"

typedef struct loaded {
    ltv_ledger *ledger;
    ltv_load_report *report;
    int status;
} loaded;

static loaded load_text(const char *text, const ltv_csv_options *opts) {
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, text, strlen(text), opts, &r.report);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    const uint64_t read = ltv_load_report_rows_read(r.report);
    cr_assert_eq(read, ltv_load_report_rows_taken(r.report) + ltv_load_report_rows_excluded(r.report) +
                           ltv_load_report_rows_rejected(r.report));
    return r;
}

static void loaded_free(loaded *r) {
    ltv_load_report_free(r->report);
    ltv_ledger_free(r->ledger);
}

static ltv_csv_options *order_options(bool total) {
    ltv_csv_options *o;
    cr_assert_eq(ltv_csv_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(o, LTV_CSV_DECIMALS, 0), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(o, LTV_CSV_ORDER_ID, "order_id", 8), LTV_OK);
    if (total) cr_assert_eq(ltv_csv_options_set_column(o, LTV_CSV_ORDER_TOTAL, "total", 5), LTV_OK);
    return o;
}

static ltv_ledger_summary summary(const ltv_ledger *l) {
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(l, LTV_DAY_MAX, &s, sizeof s), LTV_OK);
    return s;
}

/* Two loads give the same customers (in the same order), events, report and problems. */
static void assert_same(const loaded *a, const loaded *b) {
    ltv_ledger_summary sa = summary(a->ledger), sb = summary(b->ledger);
    cr_assert_eq(memcmp(&sa, &sb, sizeof sa), 0);
    cr_assert_eq(ltv_ledger_customer_count(a->ledger), ltv_ledger_customer_count(b->ledger));
    for (uint64_t c = 0; c < ltv_ledger_customer_count(a->ledger); c++) {
        const char *ia, *ib;
        cr_assert_eq(ltv_ledger_customer_id(a->ledger, c, &ia, NULL), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_id(b->ledger, c, &ib, NULL), LTV_OK);
        cr_assert_str_eq(ia, ib);
        ltv_customer_facts fa = fx_facts(a->ledger, ia, "2030-01-01"), fb = fx_facts(b->ledger, ib, "2030-01-01");
        cr_assert_eq(memcmp(&fa, &fb, sizeof fa), 0, "customer %s differs", ia);
    }
    uint64_t oa, la, ob, lb;
    ltv_load_report_orders(a->report, &oa, &la);
    ltv_load_report_orders(b->report, &ob, &lb);
    cr_assert_eq(oa, ob);
    cr_assert_eq(la, lb);
    cr_assert_eq(ltv_load_report_rows_rejected(a->report), ltv_load_report_rows_rejected(b->report));
    cr_assert_eq(ltv_load_report_error_count(a->report), ltv_load_report_error_count(b->report));
    for (size_t i = 0; i < ltv_load_report_error_count(a->report); i++) {
        uint64_t line_a, line_b;
        uint32_t col_a, col_b;
        int why_a, why_b;
        const char *ma, *mb;
        cr_assert_eq(ltv_load_report_error(a->report, i, &line_a, &col_a, &why_a, &ma), LTV_OK);
        cr_assert_eq(ltv_load_report_error(b->report, i, &line_b, &col_b, &why_b, &mb), LTV_OK);
        cr_assert_eq(line_a, line_b);
        cr_assert_eq(col_a, col_b);
        cr_assert_eq(why_a, why_b);
        cr_assert_str_eq(ma, mb);
    }
}

/* Orders in runs: order 1's second run inherits the day from its first run, and a line of
 * that run with another day is rejected although it agrees with the line before it (checked
 * against the order, not against its run). */
static const char *const runs =
    "order_id,customer_id,order_date,amount,total\n"
    "1,A,2026-01-05,100,900\n" /* line 2: order 1 starts */
    "2,B,2026-01-06,50,50\n"   /* line 3 */
    "1,,,200,\n"               /* line 4: order 1 again, inherits A and the day */
    "1,,2026-01-07,300,\n"     /* line 5: another day: rejected */
    "1,A,,400,\n"              /* line 6: agrees */
    "2,B,2026-01-06,60,55\n"   /* line 7: another total: rejected */
    "3,A,2026-01-05,70,70\n";  /* line 8 */

Test(csv_grouping, runs_of_one_order_meet_the_order_not_their_run) {
    ltv_csv_options *o = order_options(false);
    loaded r = load_text(runs, o);
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.orders, 3);
    cr_assert_eq(s.gross_revenue, (100 + 200 + 400) + (50 + 60) + 70); /* line 7's total is not read without --total */
    uint64_t orders, lines;
    ltv_load_report_orders(r.report, &orders, &lines);
    cr_assert_eq(orders, 3);
    cr_assert_eq(lines, 6);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 1);
    uint64_t line;
    uint32_t column;
    int reason;
    const char *message;
    cr_assert_eq(ltv_load_report_error(r.report, 0, &line, &column, &reason, &message), LTV_OK);
    cr_assert_eq(line, 5);
    cr_assert_eq(column, 3);
    cr_assert_eq(reason, LTV_ROW_ORDER_CONFLICT);
    cr_assert_str_eq(message, "line 5, column 3: order_date '2026-01-07' of order '1' differs from '2026-01-05' on line 2");
    ltv_customer_facts a = fx_facts(r.ledger, "A", "2026-02-01");
    cr_assert_eq(a.orders, 2);
    cr_assert_eq(a.amount, 700 + 70);
    cr_assert_eq(a.items, 3 + 1);
    loaded_free(&r);
    ltv_csv_options_free(o);

    o = order_options(true);
    r = load_text(runs, o);
    s = summary(r.ledger);
    cr_assert_eq(s.orders, 3);
    cr_assert_eq(s.gross_revenue, 900 + 50 + 70);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 2);
    cr_assert_eq(ltv_load_report_error(r.report, 1, &line, &column, &reason, &message), LTV_OK);
    cr_assert_eq(line, 7);
    cr_assert_eq(column, 5);
    cr_assert_str_eq(message, "line 7, column 5: total '55' of order '2' differs from '50' on line 3");
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* ---- chunk boundaries, sorted and unsorted ids, thread counts ---- */

typedef struct generated {
    char *text;
    uint64_t orders, lines;
    int64_t revenue, items;
} generated;

/* About 6 MB (the loader reads 4 MiB chunks) of orders of 1..4 adjacent lines, figures
 * counted here line by line. layout 0: an order on the file's first and last lines (ids
 * unsorted from the second run on); 1: rising ids, the first order's id again on the last
 * line (unsorted only there: every run so far is keyed then); 2: falling ids, no repeat (no
 * sort at all). */
static generated orders_file(int layout) {
    enum { ORDERS = 60000 };
    generated g = {malloc(64 + (size_t)ORDERS * 4 * 64), 0, 0, 0, 0};
    char *end = stpcpy(g.text, "order_id,customer_id,order_date,amount,items\n");
    if (layout == 0) {
        end += sprintf(end, "first-and-last,Z,2026-06-01,5,1\n");
        g.revenue += 5, g.items += 1, g.lines++, g.orders++;
    }
    uint64_t x = 7;
    for (int i = 0; i < ORDERS; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        const int count = 1 + (int)((x >> 40) % 4), id = layout == 2 ? ORDERS - 1 - i : i;
        for (int k = 0; k < count; k++) {
            const int amount = 100 + (int)((x >> (8 + k)) % 5000), n = 1 + k;
            end += sprintf(end, "order-%07d,cust-%05d,2026-%02d-%02d,%d,%d\n", id, (int)((x >> 20) % 20000),
                           1 + (int)((x >> 12) % 12), 1 + (int)((x >> 4) % 28), amount, n);
            g.revenue += amount, g.items += n, g.lines++;
        }
        g.orders++;
    }
    if (layout == 0) end += sprintf(end, "first-and-last,Z,,7,2\n");
    if (layout == 1) end += sprintf(end, "order-0000000,,,7,2\n"); /* inherits customer and day */
    if (layout != 2) g.revenue += 7, g.items += 2, g.lines++;
    cr_assert_gt(strlen(g.text), (size_t)5 << 20);
    return g;
}

/* ---- forced hash collisions ---- */

static uint64_t all_collide(const char *id, size_t len) {
    (void)id, (void)len;
    return 0x1234567800000042ull;
}

/* The low 32 bits (the sort key) collide; the full hashes differ. */
static uint64_t low_bits_collide(const char *id, size_t len) {
    return (ltv__id_hash(id, len) & ~(uint64_t)UINT32_MAX) | 7u;
}

/* Orders of 1..3 lines over ids that differ in one character, their lines interleaved. */
static char *interleaved_orders(int orders) {
    char *text = malloc(64 + (size_t)orders * 3 * 48);
    char *end = stpcpy(text, "order_id,customer_id,order_date,amount,total\n");
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < orders; i++) {
            if (pass >= 1 + i % 3) continue;
            end += sprintf(end, "ord-%d,C%d,%s,%d,%s\n", i, i % 17, pass == 0 ? "2026-03-01" : "", 10 + i + pass,
                           pass == 0 ? "1000" : "");
        }
    strcpy(end, "ord-5,C99,2026-03-01,1,\n"); /* another customer: rejected */
    return text;
}

/* Loads the text with each colliding hash and checks every result against `plain`. */
static void same_with_collisions(const char *text, const ltv_csv_options *o, const loaded *plain) {
    uint64_t (*hooks[])(const char *, size_t) = {all_collide, low_bits_collide};
    for (size_t h = 0; h < 2; h++) {
        ltv__orders_test_hash(hooks[h]);
        loaded forced = load_text(text, o);
        ltv__orders_test_hash(NULL);
        assert_same(plain, &forced);
        loaded_free(&forced);
    }
}

Test(csv_grouping, colliding_hashes_of_different_ids_stay_different_orders) {
    char *text = interleaved_orders(300);
    for (int total = 0; total < 2; total++) {
        ltv_csv_options *o = order_options(total);
        loaded plain = load_text(text, o);
        ltv_ledger_summary s = summary(plain.ledger);
        cr_assert_eq(s.orders, 300);
        cr_assert_eq(ltv_load_report_rows_rejected(plain.report), 1);
        same_with_collisions(text, o, &plain);
        loaded_free(&plain);
        ltv_csv_options_free(o);
    }
    free(text);
    /* 60,000 runs whose keys all collide, keyed when the first id comes back on the last line */
    generated g = orders_file(1);
    ltv_csv_options *o = order_options(false);
    loaded plain = load_text(g.text, o);
    same_with_collisions(g.text, o, &plain);
    loaded_free(&plain);
    ltv_csv_options_free(o);
    free(g.text);
}

Test(csv_grouping, orders_across_chunk_boundaries_sorted_or_not_and_thread_counts) {
    ltv_csv_options *o = order_options(false);
    for (int layout = 0; layout < 3; layout++) {
        generated g = orders_file(layout);
        loaded one = {0};
        for (int threads = 1; threads <= 3; threads++) {
            cr_assert_eq(ltv_set_threads(threads), LTV_OK);
            loaded r = load_text(g.text, o);
            ltv_ledger_summary s = summary(r.ledger);
            cr_assert_eq(s.orders, g.orders, "layout %d, threads %d", layout, threads);
            cr_assert_eq(s.gross_revenue, g.revenue);
            cr_assert_eq(s.items, g.items);
            uint64_t orders, from;
            ltv_load_report_orders(r.report, &orders, &from);
            cr_assert_eq(orders, g.orders);
            cr_assert_eq(from, g.lines);
            cr_assert_eq(ltv_load_report_rows_rejected(r.report), 0);
            if (layout == 0) {
                ltv_customer_facts z = fx_facts(r.ledger, "Z", "2027-01-01");
                cr_assert_eq(z.orders, 1);
                cr_assert_eq(z.amount, 12);
                cr_assert_eq(z.items, 3);
            }
            if (threads == 1) {
                one = r;
            } else {
                assert_same(&one, &r);
                loaded_free(&r);
            }
        }
        loaded_free(&one);
        free(g.text);
    }
    cr_assert_eq(ltv_set_threads(2), LTV_OK); /* the default */
    ltv_csv_options_free(o);
}

/* One line per order, ids rising: nothing is sorted or folded; each line is its order, checked
 * as a whole (a status, a missing total). */
Test(csv_grouping, one_line_orders_with_rising_ids) {
    ltv_csv_options *o = order_options(true);
    cr_assert_eq(ltv_csv_options_set_column(o, LTV_CSV_STATUS, "status", 6), LTV_OK);
    loaded r = load_text("order_id,customer_id,order_date,amount,total,status\n"
                         "1001,A,2026-01-05,0,500,paid\n"
                         "1002,B,2026-01-05,0,700,cancelled\n" /* excluded */
                         "1003,A,2026-01-06,0,,paid\n"         /* no total: rejected whole */
                         "1004,C,2026-01-07,0,300,refunded\n"  /* an order and its refund */
                         "1010,A,2026-01-08,0,100,\n",
                         o);
    ltv_ledger_summary s = summary(r.ledger);
    cr_assert_eq(s.orders, 3);
    cr_assert_eq(s.gross_revenue, 500 + 300 + 100);
    cr_assert_eq(s.revenue, 500 + 100);
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 2); /* B's only order was excluded */
    cr_assert_eq(ltv_load_report_rows_excluded(r.report), 1);
    cr_assert_eq(ltv_load_report_rows_rejected_for(r.report, LTV_ROW_BAD_ORDER), 1);
    uint64_t orders, lines;
    ltv_load_report_orders(r.report, &orders, &lines);
    cr_assert_eq(orders, 3);
    cr_assert_eq(lines, 3);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* Line numbers in messages count every physical line: rows of other kinds, blank lines and a
 * quoted value over two lines come between an order's lines. */
Test(csv_grouping, line_numbers_count_every_line) {
    ltv_csv_options *o = order_options(false);
    cr_assert_eq(ltv_csv_options_set_column(o, LTV_CSV_KIND, "kind", 4), LTV_OK);
    loaded r = load_text("order_id,customer_id,order_date,amount,kind,note\n"
                         "1,A,2026-01-05,100,order,\n"   /* line 2 */
                         ",A,2026-01-05,0,visit,\n"      /* line 3: a visit */
                         "\n"                            /* line 4 */
                         "2,B,2026-01-05,10,order,\"two\n"
                         "lines\"\n"                     /* lines 5-6 */
                         "1,A,2026-01-06,50,order,\n"    /* line 7: another day */
                         "2,B,2026-01-07,20,order,\n",   /* line 8: another day */
                         o);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 2);
    uint64_t line;
    uint32_t column;
    int reason;
    const char *message;
    cr_assert_eq(ltv_load_report_error(r.report, 0, &line, &column, &reason, &message), LTV_OK);
    cr_assert_eq(line, 7);
    cr_assert_str_eq(message, "line 7, column 3: order_date '2026-01-06' of order '1' differs from '2026-01-05' on line 2");
    cr_assert_eq(ltv_load_report_error(r.report, 1, &line, &column, &reason, &message), LTV_OK);
    cr_assert_eq(line, 8);
    cr_assert_str_eq(message, "line 8, column 3: order_date '2026-01-07' of order '2' differs from '2026-01-05' on line 5");
    ltv_customer_facts a = fx_facts(r.ledger, "A", "2027-01-01");
    cr_assert_eq(a.orders, 1);
    cr_assert_eq(a.visits, 1);
    loaded_free(&r);
    ltv_csv_options_free(o);
}

/* Long order ids (front-coded lengths over 127 bytes take two bytes): rising 305-byte ids
 * sharing 300 bytes, then the first id again (every id rewritten for the sort), against the
 * same orders with short ids. */
Test(csv_grouping, long_order_ids) {
    enum { ORDERS = 400 };
    char prefix[301];
    memset(prefix, 'x', 300);
    prefix[300] = '\0';
    char *text_long = malloc(ORDERS * 2 * 400 + 512), *text_short = malloc(ORDERS * 2 * 80 + 512);
    char *a = stpcpy(text_long, "order_id,customer_id,order_date,amount\n");
    char *b = stpcpy(text_short, "order_id,customer_id,order_date,amount\n");
    for (int i = 0; i < ORDERS; i++)
        for (int k = 0; k <= i % 2; k++) {
            a += sprintf(a, "%s%05d,C%d,2026-04-%02d,%d\n", prefix, i, i % 31, 1 + i % 28, 10 + k);
            b += sprintf(b, "s%05d,C%d,2026-04-%02d,%d\n", i, i % 31, 1 + i % 28, 10 + k);
        }
    sprintf(a, "%s%05d,C0,2026-04-01,5\n", prefix, 0);
    sprintf(b, "s%05d,C0,2026-04-01,5\n", 0);
    ltv_csv_options *o = order_options(false);
    loaded l = load_text(text_long, o), s = load_text(text_short, o);
    cr_assert_eq(summary(l.ledger).orders, ORDERS);
    cr_assert_eq(summary(l.ledger).gross_revenue, ORDERS * 10 + (ORDERS / 2) * 11 + 5);
    assert_same(&l, &s);
    loaded_free(&l);
    loaded_free(&s);
    ltv_csv_options_free(o);
    free(text_long);
    free(text_short);
}
