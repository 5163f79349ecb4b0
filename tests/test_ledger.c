/* The customer ledger: hand-computed facts, canonical order, merge = whole, bulk adds,
 * bad arguments. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* Customer A: orders on 2025-01-10 (1000, 2 items), 2025-01-10 (500, 1), 2025-06-01 (3000, 3),
 * refund 2025-06-05 (-400), order 2026-02-01 (2000, 1). As of 2026-03-01:
 * first 2025-01-10, second 2025-01-10, last 2026-02-01, 4 orders, amount 6100, items 7,
 * tenure 387, recency 28, trailing year [2025-03-01, 2026-03-01): 2 orders, 4600 money. */
static ltv_ledger *customer_a(void) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "A", LTV_EVENT_ORDER, "2026-02-01", 2000, 1); /* out of order on purpose */
    fx_add(ledger, "A", LTV_EVENT_ORDER, "2025-01-10", 1000, 2);
    fx_add(ledger, "B", LTV_EVENT_ORDER, "2025-03-01", 700, 1);
    fx_add(ledger, "A", LTV_EVENT_ORDER, "2025-01-10", 500, 1);
    fx_add(ledger, "A", LTV_EVENT_ORDER, "2025-06-01", 3000, 3);
    fx_add(ledger, "A", LTV_EVENT_REFUND, "2025-06-05", 400, 0); /* stored as -400 */
    fx_add(ledger, "A", LTV_EVENT_VISIT, "2025-07-01", 0, 0);
    return ledger;
}

Test(ledger, hand_computed_facts) {
    ltv_ledger *ledger = customer_a();
    ltv_customer_facts f = fx_facts(ledger, "A", "2026-03-01");
    cr_assert_eq(f.first_order_day, fx_day("2025-01-10"));
    cr_assert_eq(f.second_order_day, fx_day("2025-01-10"));
    cr_assert_eq(f.last_order_day, fx_day("2026-02-01"));
    cr_assert_eq(f.orders, 4);
    cr_assert_eq(f.amount, 6100);
    cr_assert_eq(f.items, 7);
    cr_assert_eq(f.tenure_days, 387);
    cr_assert_eq(f.recency_days, 28);
    cr_assert_eq(f.year_orders, 2);
    cr_assert_eq(f.year_amount, 4600);
    cr_assert_eq(f.refunds, 1);
    cr_assert_eq(f.refund_amount, 400);
    cr_assert_eq(f.visits, 1);
    cr_assert_eq(f.year_visits, 1);
    cr_assert_eq(f.first_event_day, fx_day("2025-01-10"));
    cr_assert_eq(f.cancel_day, LTV_NO_DAY);
    ltv_ledger_free(ledger);
}

Test(ledger, as_of_day_is_exclusive_and_trailing_year_inclusive_at_start) {
    ltv_ledger *ledger = customer_a();
    /* As of 2026-02-01 the order of that day does not count yet. */
    ltv_customer_facts f = fx_facts(ledger, "A", "2026-02-01");
    cr_assert_eq(f.orders, 3);
    cr_assert_eq(f.last_order_day, fx_day("2025-06-01"));
    /* As of 2026-06-01 the trailing year starts on 2025-06-01 (365 days back) and includes it. */
    f = fx_facts(ledger, "A", "2026-06-01");
    cr_assert_eq(f.year_orders, 2);
    cr_assert_eq(f.year_amount, 3000 - 400 + 2000);
    f = fx_facts(ledger, "A", "2026-06-02");
    cr_assert_eq(f.year_orders, 1);
    /* Before any event: nothing. */
    f = fx_facts(ledger, "A", "2025-01-10");
    cr_assert_eq(f.orders, 0);
    cr_assert_eq(f.first_order_day, LTV_NO_DAY);
    cr_assert_eq(f.tenure_days, -1);
    cr_assert_eq(f.recency_days, -1);
    ltv_ledger_free(ledger);
}

Test(ledger, counts_totals_and_stable_order) {
    ltv_ledger *ledger = customer_a();
    cr_assert_eq(ltv_ledger_customer_count(ledger), 2);
    cr_assert_eq(ltv_ledger_event_count(ledger), 7);
    cr_assert_eq(ltv_ledger_order_count(ledger), 5);
    cr_assert_eq(ltv_ledger_revenue(ledger), 2000 + 1000 + 700 + 500 + 3000 - 400);
    const char *id;
    size_t len;
    cr_assert_eq(ltv_ledger_customer_id(ledger, 0, &id, &len), LTV_OK);
    cr_assert_str_eq(id, "A");
    cr_assert_eq(len, 1);
    cr_assert_eq(ltv_ledger_customer_id(ledger, 1, &id, NULL), LTV_OK);
    cr_assert_str_eq(id, "B");
    int32_t first, last;
    cr_assert_eq(ltv_ledger_day_range(ledger, &first, &last), LTV_OK);
    cr_assert_eq(first, fx_day("2025-01-10"));
    cr_assert_eq(last, fx_day("2026-02-01"));
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(ledger, fx_day("2026-03-01"), &s, sizeof s), LTV_OK);
    cr_assert_eq(s.customers, 2);
    cr_assert_eq(s.repeat_customers, 1);
    cr_assert_eq(s.orders, 5);
    cr_assert_eq(s.refunds, 1);
    cr_assert_eq(s.visits, 1);
    cr_assert_eq(s.revenue, 6800);
    cr_assert_eq(s.gross_revenue, 7200);
    cr_assert_eq(s.items, 8);
    cr_assert_eq(s.first_day, fx_day("2025-01-10"));
    cr_assert_eq(s.last_day, fx_day("2026-02-01"));
    cr_assert_eq(ltv_ledger_summary_as_of(ledger, fx_day("2025-06-02"), &s, sizeof s), LTV_OK);
    cr_assert_eq(s.customers, 2);
    cr_assert_eq(s.orders, 4);
    cr_assert_eq(s.last_day, fx_day("2025-06-01"));
    ltv_ledger_free(ledger);
}

Test(ledger, events_come_back_in_canonical_order) {
    ltv_ledger *ledger = customer_a();
    size_t n = 0;
    cr_assert_eq(ltv_ledger_customer_events(ledger, 0, NULL, NULL, NULL, NULL, 0, &n), LTV_OK);
    cr_assert_eq(n, 6);
    uint8_t kinds[6];
    int32_t days[6], items[6];
    int64_t amounts[6];
    cr_assert_eq(ltv_ledger_customer_events(ledger, 0, kinds, days, amounts, items, 5, &n), LTV_EBUFSIZE);
    cr_assert_eq(n, 6);
    cr_assert_eq(ltv_ledger_customer_events(ledger, 0, kinds, days, amounts, items, 6, &n), LTV_OK);
    const int64_t want_amounts[6] = {500, 1000, 3000, -400, 0, 2000};
    for (int i = 0; i < 6; i++) cr_assert_eq(amounts[i], want_amounts[i], "event %d", i);
    cr_assert_eq(kinds[3], LTV_EVENT_REFUND);
    cr_assert_eq(kinds[4], LTV_EVENT_VISIT);
    cr_assert_eq(days[0], days[1]);
    ltv_ledger_free(ledger);
}

Test(ledger, cancel_day_is_the_first_cancel) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "M", LTV_EVENT_VISIT, "2025-01-01", 0, 0);
    fx_add(ledger, "M", LTV_EVENT_CANCEL, "2025-05-01", 0, 0);
    fx_add(ledger, "M", LTV_EVENT_CANCEL, "2025-03-01", 0, 0);
    ltv_customer_facts f = fx_facts(ledger, "M", "2026-01-01");
    cr_assert_eq(f.cancel_day, fx_day("2025-03-01"));
    cr_assert_eq(f.first_event_day, fx_day("2025-01-01"));
    cr_assert_eq(f.orders, 0);
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(ledger, fx_day("2026-01-01"), &s, sizeof s), LTV_OK);
    cr_assert_eq(s.customers, 0);
    cr_assert_eq(s.cancels, 1);
    ltv_ledger_free(ledger);
}

static void assert_same_ledgers(const ltv_ledger *a, const ltv_ledger *b, int32_t as_of) {
    cr_assert_eq(ltv_ledger_customer_count(a), ltv_ledger_customer_count(b));
    cr_assert_eq(ltv_ledger_event_count(a), ltv_ledger_event_count(b));
    cr_assert_eq(ltv_ledger_order_count(a), ltv_ledger_order_count(b));
    cr_assert_eq(ltv_ledger_revenue(a), ltv_ledger_revenue(b));
    for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
        const char *id;
        size_t len;
        cr_assert_eq(ltv_ledger_customer_id(a, i, &id, &len), LTV_OK);
        uint64_t j;
        cr_assert_eq(ltv_ledger_find(b, id, len, &j), LTV_OK, "customer %s missing", id);
        ltv_customer_facts fa, fb;
        cr_assert_eq(ltv_ledger_facts(a, i, as_of, &fa, sizeof fa), LTV_OK);
        cr_assert_eq(ltv_ledger_facts(b, j, as_of, &fb, sizeof fb), LTV_OK);
        if (memcmp(&fa, &fb, sizeof fa) != 0) cr_assert_fail("facts of %s differ", id);
    }
}

Test(ledger, merge_of_shards_equals_whole) {
    fx_log log = fx_log_generate(20000, 3000, 42);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    /* Shards: contiguous thirds, merged in a different order than they were cut. */
    ltv_ledger *shards[3];
    size_t cut[4] = {0, 5000, 13000, 20000};
    for (int s = 0; s < 3; s++) {
        shards[s] = fx_ledger();
        fx_log_add(shards[s], &log, cut[s], cut[s + 1]);
    }
    cr_assert_eq(ltv_ledger_merge(shards[2], shards[0]), LTV_OK);
    cr_assert_eq(ltv_ledger_merge(shards[2], shards[1]), LTV_OK);
    const char *as_of[] = {"2024-06-01", "2025-11-01", "2027-01-01"};
    for (int k = 0; k < 3; k++) assert_same_ledgers(whole, shards[2], fx_day(as_of[k]));
    assert_same_ledgers(shards[2], whole, fx_day("2027-01-01"));
    /* Totals are preserved by the merge, and the source is unchanged. */
    ltv_ledger_summary sw, sm;
    cr_assert_eq(ltv_ledger_summary_as_of(whole, fx_day("2027-01-01"), &sw, sizeof sw), LTV_OK);
    cr_assert_eq(ltv_ledger_summary_as_of(shards[2], fx_day("2027-01-01"), &sm, sizeof sm), LTV_OK);
    cr_assert_eq(memcmp(&sw, &sm, sizeof sw), 0);
    cr_assert_eq(ltv_ledger_event_count(shards[0]), 5000);
    for (int s = 0; s < 3; s++) ltv_ledger_free(shards[s]);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

Test(ledger, merge_interleaved_with_queries_and_adds) {
    fx_log log = fx_log_generate(6000, 500, 7);
    ltv_ledger *whole = fx_ledger(), *grown = fx_ledger(), *other = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    fx_log_add(grown, &log, 0, 2000);
    cr_assert_eq(ltv_ledger_prepare(grown), LTV_OK); /* organized part + pending part */
    fx_log_add(grown, &log, 2000, 3000);
    fx_log_add(other, &log, 3000, 6000);
    cr_assert_eq(ltv_ledger_merge(grown, other), LTV_OK);
    assert_same_ledgers(whole, grown, fx_day("2027-01-01"));
    ltv_ledger_free(whole);
    ltv_ledger_free(grown);
    ltv_ledger_free(other);
    fx_log_free(&log);
}

Test(ledger, bulk_add_equals_one_by_one) {
    fx_log log = fx_log_generate(5000, 800, 99);
    ltv_ledger *single = fx_ledger(), *bulk = fx_ledger(), *fixed = fx_ledger();
    fx_log_add(single, &log, 0, log.rows);
    /* Arrow layout: concatenated ids with offsets. */
    char *data = malloc(log.rows * 16);
    int64_t *offsets = malloc((log.rows + 1) * sizeof *offsets);
    offsets[0] = 0;
    for (size_t i = 0; i < log.rows; i++) {
        size_t len = strlen(log.ids[i]);
        memcpy(data + offsets[i], log.ids[i], len);
        offsets[i + 1] = offsets[i] + (int64_t)len;
    }
    cr_assert_eq(ltv_ledger_add_events(bulk, log.rows, data, offsets, log.kinds, log.days, log.amounts, log.items),
                 LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_add_events_fixed(fixed, log.rows, (const char *)log.ids, 16, log.kinds, log.days,
                                             log.amounts, log.items),
                 LTV_OK, "%s", ltv_last_error());
    assert_same_ledgers(single, bulk, fx_day("2027-01-01"));
    assert_same_ledgers(single, fixed, fx_day("2027-01-01"));
    free(data);
    free(offsets);
    ltv_ledger_free(single);
    ltv_ledger_free(bulk);
    ltv_ledger_free(fixed);
    fx_log_free(&log);
}

Test(ledger, bulk_defaults_orders_with_one_item) {
    ltv_ledger *ledger = fx_ledger();
    const char ids[] = "XYX";
    const int64_t offsets[] = {0, 1, 2, 3};
    const int32_t days[] = {100, 101, 102};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, offsets, NULL, days, NULL, NULL), LTV_OK);
    ltv_customer_facts f;
    cr_assert_eq(ltv_ledger_facts(ledger, 0, 200, &f, sizeof f), LTV_OK);
    cr_assert_eq(f.orders, 2);
    cr_assert_eq(f.items, 2);
    cr_assert_eq(f.amount, 0);
    ltv_ledger_free(ledger);
}

Test(ledger, bulk_rejects_a_bad_row_and_adds_nothing) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "keep", LTV_EVENT_ORDER, "2025-01-01", 100, 1);
    const char ids[] = "abc";
    const int64_t offsets[] = {0, 1, 2, 3};
    const int32_t days[] = {100, LTV_DAY_MAX + 1, 102};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, offsets, NULL, days, NULL, NULL), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "row 1"), "%s", ltv_last_error());
    const int64_t amounts[] = {1, -5, 1};
    const int32_t good_days[] = {100, 101, 102};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, offsets, NULL, good_days, amounts, NULL), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "negative"), "%s", ltv_last_error());
    const int64_t empty_id[] = {0, 1, 1, 3};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, empty_id, NULL, good_days, NULL, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "row 1: customer id is empty"), "%s", ltv_last_error());
    const int64_t decreasing[] = {0, 2, 1, 3};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, decreasing, NULL, good_days, NULL, NULL), LTV_EINVAL);
    const uint8_t kinds[] = {0, 9, 0};
    cr_assert_eq(ltv_ledger_add_events(ledger, 3, ids, offsets, kinds, good_days, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_customer_count(ledger), 1);
    cr_assert_eq(ltv_ledger_event_count(ledger), 1);
    cr_assert_eq(ltv_ledger_add_events_fixed(ledger, 3, ids, 0, NULL, good_days, NULL, NULL), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_add_events_fixed(ledger, 3, NULL, 1, NULL, good_days, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_events(NULL, 3, ids, offsets, NULL, good_days, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_events(ledger, 0, NULL, NULL, NULL, NULL, NULL, NULL), LTV_OK);
    ltv_ledger_free(ledger);
}

Test(ledger, add_event_rejects_bad_arguments) {
    ltv_ledger *ledger = fx_ledger();
    char long_id[LTV_ID_MAX + 2];
    memset(long_id, 'x', sizeof long_id);
    cr_assert_eq(ltv_ledger_add_order(NULL, "a", 1, 0, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_order(ledger, NULL, 1, 0, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 0, 0, 1, 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "empty"));
    cr_assert_eq(ltv_ledger_add_order(ledger, long_id, LTV_ID_MAX + 1, 0, 1, 1), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_add_order(ledger, long_id, LTV_ID_MAX, 0, 1, 1), LTV_OK);
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 1, LTV_DAY_MIN - 1, 1, 1), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "day"));
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 1, 0, -1, 1), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 1, 0, 1, -1), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 1, 0, 1, LTV_ITEMS_MAX + 1), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "items"));
    cr_assert_eq(ltv_ledger_add_event(ledger, "a", 1, 4, 0, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_event(ledger, "a", 1, -1, 0, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_add_event(ledger, "a", 1, LTV_EVENT_VISIT, 0, 5, 0), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "visit carries no money"));
    cr_assert_eq(ltv_ledger_add_event(ledger, "a", 1, LTV_EVENT_REFUND, 0, INT64_MIN, 0), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_add_order(ledger, "\xff\xfe", 2, 0, 1, 1), LTV_EENCODING);
    cr_assert_not_null(strstr(ltv_last_error(), "not UTF-8"));
    const int64_t offsets[] = {0, 1, 3};
    const int32_t days[] = {1, 2};
    cr_assert_eq(ltv_ledger_add_events(ledger, 2, "b\xc3\x28", offsets, NULL, days, NULL, NULL), LTV_EENCODING);
    cr_assert_not_null(strstr(ltv_last_error(), "row 1"), "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_customer_count(ledger), 1);
    cr_assert_eq(ltv_ledger_event_count(ledger), 1);
    ltv_ledger_free(ledger);
}

Test(ledger, money_overflow_is_refused) {
    ltv_ledger *ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_add_order(ledger, "a", 1, 0, INT64_MAX, 1), LTV_OK);
    cr_assert_eq(ltv_ledger_add_order(ledger, "b", 1, 0, 1, 1), LTV_EOVERFLOW);
    cr_assert_eq(ltv_ledger_event_count(ledger), 1);
    ltv_ledger *other = fx_ledger();
    cr_assert_eq(ltv_ledger_add_order(other, "c", 1, 0, 5, 1), LTV_OK);
    cr_assert_eq(ltv_ledger_merge(ledger, other), LTV_EOVERFLOW);
    cr_assert_eq(ltv_ledger_customer_count(ledger), 1);
    ltv_ledger_free(ledger);
    ltv_ledger_free(other);
}

Test(ledger, queries_reject_bad_arguments) {
    ltv_ledger *ledger = customer_a();
    ltv_customer_facts f;
    uint64_t index;
    const char *id;
    size_t n;
    cr_assert_eq(ltv_ledger_new(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_facts(NULL, 0, 0, &f, sizeof f), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_facts(ledger, 0, 0, NULL, sizeof f), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_facts(ledger, 0, 0, &f, offsetof(ltv_customer_facts, cancel_day) + sizeof(int32_t) - 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_facts(ledger, 2, 0, &f, sizeof f), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "0..1"));
    cr_assert_eq(ltv_ledger_facts(ledger, 0, LTV_DAY_MAX + 2, &f, sizeof f), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_facts(ledger, 0, LTV_DAY_MAX + 1, &f, sizeof f), LTV_OK);
    cr_assert_eq(ltv_ledger_find(ledger, "Z", 1, &index), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "'Z'"));
    cr_assert_eq(ltv_ledger_find(ledger, "A", 0, &index), LTV_ENOTFOUND);
    cr_assert_eq(ltv_ledger_find(ledger, NULL, 1, &index), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_find(ledger, "A", 1, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_customer_id(ledger, 5, &id, NULL), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_customer_id(ledger, 0, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_customer_events(ledger, 9, NULL, NULL, NULL, NULL, 0, &n), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_customer_events(ledger, 0, NULL, NULL, NULL, NULL, 0, NULL), LTV_EINVAL);
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(ledger, 0, &s, 8), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_summary_as_of(NULL, 0, &s, sizeof s), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_merge(ledger, ledger), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_merge(NULL, ledger), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_prepare(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_reserve(NULL, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_reserve(ledger, UINT64_MAX, 1), LTV_ERANGE);
    cr_assert_eq(ltv_ledger_customer_count(NULL), 0);
    cr_assert_eq(ltv_ledger_event_count(NULL), 0);
    cr_assert_eq(ltv_ledger_order_count(NULL), 0);
    cr_assert_eq(ltv_ledger_revenue(NULL), 0);
    cr_assert_eq(ltv_ledger_day_range(NULL, NULL, NULL), LTV_EINVAL);
    ltv_ledger_free(NULL);
    ltv_ledger *empty = fx_ledger();
    cr_assert_eq(ltv_ledger_day_range(empty, NULL, NULL), LTV_ENOTFOUND);
    ltv_ledger_free(empty);
    ltv_ledger_free(ledger);
}

Test(ledger, a_larger_struct_is_zero_filled) {
    ltv_ledger *ledger = customer_a();
    unsigned char buf[sizeof(ltv_customer_facts) + 16];
    memset(buf, 0xAB, sizeof buf);
    cr_assert_eq(ltv_ledger_facts(ledger, 0, fx_day("2026-03-01"), (ltv_customer_facts *)(void *)buf, sizeof buf), LTV_OK);
    for (size_t i = sizeof(ltv_customer_facts); i < sizeof buf; i++) cr_assert_eq(buf[i], 0);
    ltv_ledger_free(ledger);
}

Test(ledger, reserve_then_fill_many_customers) {
    ltv_ledger *ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_reserve(ledger, 50000, 60000), LTV_OK);
    char id[16];
    for (int i = 0; i < 50000; i++) {
        int len = snprintf(id, sizeof id, "cust-%d", i);
        cr_assert_eq(ltv_ledger_add_order(ledger, id, (size_t)len, 20000 + i % 300, i, 1), LTV_OK);
    }
    cr_assert_eq(ltv_ledger_customer_count(ledger), 50000);
    cr_assert_eq(fx_index(ledger, "cust-49999"), 49999);
    cr_assert_eq(fx_index(ledger, "cust-0"), 0);
    ltv_ledger_free(ledger);
}

static size_t hook_allocations;
static void *counting_malloc(void *ud, size_t size) {
    (void)ud;
    hook_allocations++;
    return malloc(size);
}
static void *counting_realloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    hook_allocations++;
    return realloc(ptr, size);
}
static void plain_free(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

/* Criterion runs each test in its own process, so the hook is set before any allocation. */
Test(ledger, allocator_hook_sees_every_allocation_and_locks_after_use) {
    cr_assert_eq(ltv_set_allocator(counting_malloc, counting_realloc, plain_free, NULL), LTV_OK);
    ltv_ledger *ledger = customer_a();
    cr_assert_gt(hook_allocations, 3);
    cr_assert_eq(ltv_set_allocator(NULL, NULL, NULL, NULL), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "already allocated"));
    ltv_ledger_free(ledger);
}

/* Large enough (over 100,000 events) for the organization to be split across threads. */
Test(ledger, results_do_not_depend_on_the_thread_count) {
    fx_log log = fx_log_generate(150000, 20000, 11);
    cr_assert_eq(ltv_set_threads(0), LTV_ERANGE);
    cr_assert_eq(ltv_set_threads(65), LTV_ERANGE);
    cr_assert_eq(ltv_set_threads(1), LTV_OK);
    cr_assert_eq(ltv_get_threads(), 1);
    ltv_ledger *one = fx_ledger();
    fx_log_add(one, &log, 0, log.rows);
    cr_assert_eq(ltv_ledger_prepare(one), LTV_OK);
    cr_assert_eq(ltv_set_threads(3), LTV_OK);
    ltv_ledger *three = fx_ledger();
    fx_log_add(three, &log, 0, 100000);
    cr_assert_eq(ltv_ledger_prepare(three), LTV_OK);
    fx_log_add(three, &log, 100000, log.rows); /* organized part + pending part, split three ways */
    assert_same_ledgers(one, three, fx_day("2027-01-01"));
    assert_same_ledgers(one, three, fx_day("2025-06-01"));
    ltv_ledger_free(one);
    ltv_ledger_free(three);
    fx_log_free(&log);
}

/* Ids up to 14 bytes live in the customer's record, longer ones in a separate arena: both
 * kinds, at and around the boundary, must come back exactly and be found again. */
Test(ledger, short_and_long_ids_round_trip) {
    ltv_ledger *ledger = fx_ledger();
    char id[64];
    for (size_t len = 1; len <= 40; len++) {
        for (size_t k = 0; k < len; k++) id[k] = (char)('a' + (k * 7 + len) % 26);
        cr_assert_eq(ltv_ledger_add_order(ledger, id, len, 100, (int64_t)len, 1), LTV_OK);
    }
    cr_assert_eq(ltv_ledger_customer_count(ledger), 40);
    for (size_t len = 1; len <= 40; len++) {
        for (size_t k = 0; k < len; k++) id[k] = (char)('a' + (k * 7 + len) % 26);
        uint64_t index;
        cr_assert_eq(ltv_ledger_find(ledger, id, len, &index), LTV_OK, "length %zu", len);
        cr_assert_eq(index, len - 1);
        const char *back;
        size_t back_len;
        cr_assert_eq(ltv_ledger_customer_id(ledger, index, &back, &back_len), LTV_OK);
        cr_assert_eq(back_len, len);
        cr_assert_eq(memcmp(back, id, len), 0);
        cr_assert_eq(back[len], '\0');
        cr_assert_eq(ltv_ledger_find(ledger, id, len - 1 ? len - 1 : 1, &index), len == 1 ? LTV_OK : LTV_ENOTFOUND);
    }
    ltv_ledger_free(ledger);
}
