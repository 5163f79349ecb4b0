/* The health check: every KPI on small ledgers computed by hand, the boundaries of windows
 * and bins, membership churn and usage, per-rank figures, JSON, labels in both languages,
 * agreement with a brute-force oracle and with shards, and every bad argument. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "internal.h"

#define AS_OF "2026-01-01" /* trailing year: [2025-01-01, 2026-01-01) */
#define EPS 1e-12

static void order(ltv_ledger *ledger, const char *id, const char *iso, int64_t amount, int32_t items) {
    fx_add(ledger, id, LTV_EVENT_ORDER, iso, amount, items);
}

/* `count` visits on consecutive days starting at `iso`. */
static void visits(ltv_ledger *ledger, const char *id, const char *iso, int count) {
    const int32_t first = fx_day(iso);
    for (int i = 0; i < count; i++)
        cr_assert_eq(ltv_ledger_add_event(ledger, id, strlen(id), LTV_EVENT_VISIT, first + i, 0, 0), LTV_OK, "%s",
                     ltv_last_error());
}

/*
 * The shop ledger, as of 2026-01-01. Per customer: orders (amount, items); the gap from the
 * first to the second order; A − first order ("observed"); tenure; trailing-year orders; rank.
 *   A1 2025-03-01 (1000,2) 03-08 (500,1) 06-01 (2000,3) 09-01 (1500,1) 12-01 (1000,1)
 *      gap 7, observed 306, tenure 275, year 5 → excellent
 *   A2 2025-10-01 (3000,1) 10-09 (1000,1)            gap 8, observed 92, tenure 8, year 2 → semi
 *   A3 2025-12-25 (800,1)                            no second, observed 7, tenure 0, year 1 → nurture
 *   A4 2023-01-10 (2000,2) 2024-01-10 (2000,2) 2025-02-01 (1000,1)
 *                                                    gap 365, observed 1087, tenure 753, year 1 → general
 *   A5 2024-06-01 (500,1)                            no second, observed 579, tenure 0, year 0 → no rank
 *   A6 2024-11-01 (1000,1) 2024-11-01 (1000,1), refund 2024-11-05 (500)
 *                                                    gap 0, observed 426, tenure 0, year 0 → no rank
 *   A7 2025-05-01 (1200,1) 2025-07-10 (1200,1)       gap 70, observed 245, tenure 70, year 2 → semi
 *   A9 2024-06-01 (700,1) 2025-06-01 (700,1)         gap 365, observed 579, tenure 365, year 1 → general
 *   A8 2026-02-01 (100,1)                            after the as-of day: not a customer yet
 */
static ltv_ledger *shop(void) {
    ltv_ledger *l = fx_ledger();
    order(l, "A1", "2025-03-01", 1000, 2);
    order(l, "A1", "2025-03-08", 500, 1);
    order(l, "A1", "2025-06-01", 2000, 3);
    order(l, "A1", "2025-09-01", 1500, 1);
    order(l, "A1", "2025-12-01", 1000, 1);
    order(l, "A2", "2025-10-01", 3000, 1);
    order(l, "A2", "2025-10-09", 1000, 1);
    order(l, "A3", "2025-12-25", 800, 1);
    order(l, "A4", "2023-01-10", 2000, 2);
    order(l, "A4", "2024-01-10", 2000, 2);
    order(l, "A4", "2025-02-01", 1000, 1);
    order(l, "A5", "2024-06-01", 500, 1);
    order(l, "A6", "2024-11-01", 1000, 1);
    order(l, "A6", "2024-11-01", 1000, 1);
    fx_add(l, "A6", LTV_EVENT_REFUND, "2024-11-05", 500, 0);
    order(l, "A7", "2025-05-01", 1200, 1);
    order(l, "A7", "2025-07-10", 1200, 1);
    order(l, "A8", "2026-02-01", 100, 1);
    order(l, "A9", "2024-06-01", 700, 1);
    order(l, "A9", "2025-06-01", 700, 1);
    return l;
}

static ltv_health_check *run(const ltv_ledger *ledger, const ltv_segmentation *seg, const ltv_health_config *cfg) {
    ltv_health_check *hc = NULL;
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, cfg, fx_day(AS_OF)), LTV_OK, "%s", ltv_last_error());
    cr_assert_not_null(hc);
    return hc;
}

static ltv_segmentation *segment(const ltv_ledger *ledger) {
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day(AS_OF)), LTV_OK, "%s", ltv_last_error());
    return seg;
}

static ltv_health_conversion conversion(const ltv_health_check *hc, int group) {
    ltv_health_conversion c;
    cr_assert_eq(ltv_health_check_conversion(hc, group, &c, sizeof c), LTV_OK, "%s", ltv_last_error());
    return c;
}

static void assert_windows(const ltv_health_conversion *c, const uint64_t eligible[6], const uint64_t converted[6]) {
    static const int32_t days[6] = {7, 30, 60, 90, 180, 365};
    for (int w = 0; w < 6; w++) {
        cr_assert_eq(c->window_days[w], days[w]);
        cr_assert_eq(c->eligible[w], eligible[w], "window %d: eligible %llu, want %llu", days[w],
                     (unsigned long long)c->eligible[w], (unsigned long long)eligible[w]);
        cr_assert_eq(c->converted[w], converted[w], "window %d: converted %llu, want %llu", days[w],
                     (unsigned long long)c->converted[w], (unsigned long long)converted[w]);
        double want = eligible[w] ? (double)converted[w] / (double)eligible[w] : 0.0;
        cr_assert_float_eq(c->rate[w], want, EPS, "window %d", days[w]);
    }
}

Test(health, sales_and_repeat_rates_by_hand) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_overview o;
    cr_assert_eq(ltv_health_check_overview(hc, &o, sizeof o), LTV_OK);
    cr_assert_eq(o.as_of_day, fx_day(AS_OF));
    cr_assert_eq(o.has_membership, 0);
    cr_assert_eq(o.customers, 8);  /* A1..A7, A9 (A8 buys after the as-of day) */
    cr_assert_eq(o.orders, 18);    /* 5 + 2 + 1 + 3 + 1 + 2 + 2 + 2 */
    /* gross 6000 + 4000 + 800 + 5000 + 500 + 2000 + 2400 + 1400 = 22100; net minus the 500 refund */
    cr_assert_eq(o.gross_revenue, 22100);
    cr_assert_eq(o.revenue, 21600);
    cr_assert_eq(o.items, 23); /* 8 + 2 + 1 + 5 + 1 + 2 + 2 + 2 */
    cr_assert_float_eq(o.average_order_value, 22100.0 / 18.0, EPS);
    cr_assert_float_eq(o.items_per_order, 23.0 / 18.0, EPS);
    cr_assert_eq(o.repeat_customers, 6); /* A1 A2 A4 A6 A7 A9 */
    cr_assert_float_eq(o.repeat_rate, 0.75, EPS);
    cr_assert_eq(o.year_customers, 6);        /* A1 A2 A3 A4 A7 A9 */
    cr_assert_eq(o.year_repeat_customers, 3); /* A1 A2 A7 */
    cr_assert_float_eq(o.year_repeat_rate, 0.5, EPS);
    cr_assert_eq(o.year_orders, 12);     /* 5 + 2 + 1 + 1 + 2 + 1 */
    cr_assert_eq(o.year_revenue, 14900); /* 6000 + 4000 + 800 + 1000 + 2400 + 700 */
    cr_assert_eq(ltv_health_check_has_membership(hc), 0);
    cr_assert_eq(ltv_health_check_has_ranks(hc), 0);
    /* The same totals as the ledger's own summary. */
    ltv_ledger_summary s;
    cr_assert_eq(ltv_ledger_summary_as_of(ledger, fx_day(AS_OF), &s, sizeof s), LTV_OK);
    cr_assert_eq(s.customers, o.customers);
    cr_assert_eq(s.repeat_customers, o.repeat_customers);
    cr_assert_eq(s.revenue, o.revenue);
    cr_assert_eq(s.gross_revenue, o.gross_revenue);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

Test(health, first_to_second_conversion_by_hand) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_conversion c = conversion(hc, LTV_HEALTH_ALL);
    cr_assert_eq(c.group, LTV_HEALTH_ALL);
    cr_assert_eq(c.customers, 8);
    cr_assert_eq(c.second_customers, 6); /* all but A3 and A5 */
    /* Eligible: observed > W. A3 (7) is never eligible, A2 (92) up to 90, A1 (306) and
     * A7 (245) up to 180. Converted: gap ≤ W; A1's gap of exactly 7 counts within 7.
     *   7:  eligible A1 A2 A4 A5 A6 A7 A9 = 7, converted A1 (7) A6 (0) = 2
     *   30: 7, + A2 (8) = 3;   60: 7, 3;   90: 7, + A7 (70) = 4
     *   180: A1 A4 A5 A6 A7 A9 = 6, converted A1 A6 A7 = 3
     *   365: A4 A5 A6 A9 = 4, converted A4 (365) A6 A9 (365) = 3 */
    assert_windows(&c, (uint64_t[]){7, 7, 7, 7, 6, 4}, (uint64_t[]){2, 3, 3, 4, 3, 3});
    /* gaps 0 7 8 70 365 365: median (8 + 70) / 2 = 39; weeks 0, 1, 1, 10, 52+, 52+ → week 1
     * (the open "52 weeks or more" bin never counts as the most common week) */
    cr_assert_float_eq(c.median_gap_days, 39.0, EPS);
    cr_assert_eq(c.most_common_week, 1);
    cr_assert_eq(c.most_common_week_customers, 2);

    uint64_t days[LTV_HEALTH_GAP_DAY_BINS];
    size_t len = 0;
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_HEALTH_ALL, days, LTV_HEALTH_GAP_DAY_BINS, &len), LTV_OK);
    cr_assert_eq(len, 367);
    uint64_t total = 0;
    for (size_t d = 0; d < len; d++) total += days[d];
    cr_assert_eq(total, 6);
    cr_assert_eq(days[0], 1);
    cr_assert_eq(days[7], 1);
    cr_assert_eq(days[8], 1);
    cr_assert_eq(days[70], 1);
    cr_assert_eq(days[365], 2);
    cr_assert_eq(days[366], 0);

    uint64_t weeks[LTV_HEALTH_GAP_WEEK_BINS];
    cr_assert_eq(ltv_health_check_gap_weeks(hc, LTV_HEALTH_ALL, weeks, LTV_HEALTH_GAP_WEEK_BINS, &len), LTV_OK);
    cr_assert_eq(len, 53);
    cr_assert_eq(weeks[0], 1);
    cr_assert_eq(weeks[1], 2);
    cr_assert_eq(weeks[10], 1);
    cr_assert_eq(weeks[52], 2);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

Test(health, first_to_second_per_rank_by_hand) {
    ltv_ledger *ledger = shop();
    ltv_segmentation *seg = segment(ledger);
    ltv_health_check *hc = run(ledger, seg, NULL);
    cr_assert_eq(ltv_health_check_has_ranks(hc), 1);

    /* excellent: A1 alone, gap 7, observed 306 */
    ltv_health_conversion c = conversion(hc, LTV_RANK_EXCELLENT);
    cr_assert_eq(c.customers, 1);
    cr_assert_eq(c.second_customers, 1);
    assert_windows(&c, (uint64_t[]){1, 1, 1, 1, 1, 0}, (uint64_t[]){1, 1, 1, 1, 1, 0});
    cr_assert_float_eq(c.median_gap_days, 7.0, EPS);
    cr_assert_eq(c.most_common_week, 1);

    /* semi-excellent: A2 (gap 8, observed 92) and A7 (gap 70, observed 245) */
    c = conversion(hc, LTV_RANK_SEMI_EXCELLENT);
    cr_assert_eq(c.customers, 2);
    assert_windows(&c, (uint64_t[]){2, 2, 2, 2, 1, 0}, (uint64_t[]){0, 1, 1, 2, 1, 0});
    cr_assert_float_eq(c.median_gap_days, 39.0, EPS);
    cr_assert_eq(c.most_common_week, 1); /* weeks 1 and 10 tie: the earlier wins */
    cr_assert_eq(c.most_common_week_customers, 1);

    /* general: A4 and A9, both gap 365: only the 365-day window converts them */
    c = conversion(hc, LTV_RANK_GENERAL);
    assert_windows(&c, (uint64_t[]){2, 2, 2, 2, 2, 2}, (uint64_t[]){0, 0, 0, 0, 0, 2});
    cr_assert_float_eq(c.median_gap_days, 365.0, EPS);
    cr_assert_eq(c.most_common_week, -1); /* every gap is 52 weeks or more */
    cr_assert_eq(c.most_common_week_customers, 0);

    /* nurture: A3, one order, too new for any window */
    c = conversion(hc, LTV_RANK_NURTURE);
    cr_assert_eq(c.customers, 1);
    cr_assert_eq(c.second_customers, 0);
    assert_windows(&c, (uint64_t[]){0, 0, 0, 0, 0, 0}, (uint64_t[]){0, 0, 0, 0, 0, 0});
    cr_assert_float_eq(c.median_gap_days, -1.0, EPS);
    cr_assert_eq(c.most_common_week, -1);

    /* no rank: A5 (never again) and A6 (gap 0) */
    c = conversion(hc, LTV_RANK_NONE);
    cr_assert_eq(c.customers, 2);
    assert_windows(&c, (uint64_t[]){2, 2, 2, 2, 2, 2}, (uint64_t[]){1, 1, 1, 1, 1, 1});
    cr_assert_float_eq(c.median_gap_days, 0.0, EPS);
    cr_assert_eq(c.most_common_week, 0);

    uint64_t days[LTV_HEALTH_GAP_DAY_BINS];
    size_t len;
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_RANK_GENERAL, days, LTV_HEALTH_GAP_DAY_BINS, &len), LTV_OK);
    cr_assert_eq(days[365], 2);
    ltv_health_check_free(hc);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(health, tenure_bins_by_hand) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_tenure t;
    cr_assert_eq(ltv_health_check_tenure(hc, &t, sizeof t), LTV_OK);
    /* tenures A1 275, A2 8, A3 0, A4 753, A5 0, A6 0, A7 70, A9 365 */
    cr_assert_eq(t.customers, 8);
    cr_assert_float_eq(t.average_tenure_days, 1471.0 / 8.0, EPS);
    const int32_t first[5] = {0, 100, 200, 300, 366}, last[5] = {99, 199, 299, 365, -1};
    const uint64_t counts[5] = {5, 0, 1, 1, 1};
    for (int b = 0; b < 5; b++) {
        cr_assert_eq(t.bin_first_day[b], first[b]);
        cr_assert_eq(t.bin_last_day[b], last[b]);
        cr_assert_eq(t.bin_customers[b], counts[b], "bin %d", b);
        cr_assert_float_eq(t.bin_share[b], (double)counts[b] / 8.0, EPS);
    }
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

/* Two orders `tenure` days apart, the first `observed` days before the as-of day. */
static void pair(ltv_ledger *ledger, const char *id, int observed, int tenure) {
    const int32_t first = fx_day(AS_OF) - observed;
    cr_assert_eq(ltv_ledger_add_order(ledger, id, strlen(id), first, 100, 1), LTV_OK);
    cr_assert_eq(ltv_ledger_add_order(ledger, id, strlen(id), first + tenure, 100, 1), LTV_OK);
}

Test(health, window_and_bin_boundaries) {
    ltv_ledger *ledger = fx_ledger();
    pair(ledger, "t99", 1000, 99);    /* bin 0 */
    pair(ledger, "t100", 1000, 100);  /* bin 1 */
    pair(ledger, "t299", 1000, 299);  /* bin 2 */
    pair(ledger, "t300", 1000, 300);  /* bin 3 */
    pair(ledger, "t365", 1000, 365);  /* bin 3 */
    pair(ledger, "t366", 1000, 366);  /* bin 4 */
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_tenure t;
    cr_assert_eq(ltv_health_check_tenure(hc, &t, sizeof t), LTV_OK);
    const uint64_t counts[5] = {1, 1, 1, 2, 1};
    for (int b = 0; b < 5; b++) cr_assert_eq(t.bin_customers[b], counts[b], "bin %d", b);
    uint64_t days[LTV_HEALTH_GAP_DAY_BINS], weeks[LTV_HEALTH_GAP_WEEK_BINS];
    size_t len;
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_HEALTH_ALL, days, LTV_HEALTH_GAP_DAY_BINS, &len), LTV_OK);
    cr_assert_eq(days[365], 1);
    cr_assert_eq(days[366], 1); /* over 365 */
    cr_assert_eq(ltv_health_check_gap_weeks(hc, LTV_HEALTH_ALL, weeks, LTV_HEALTH_GAP_WEEK_BINS, &len), LTV_OK);
    cr_assert_eq(weeks[14], 2); /* 99 and 100 days: week 14 is 98..104 */
    cr_assert_eq(weeks[42], 2); /* 299 and 300: week 42 is 294..300 */
    cr_assert_eq(weeks[51], 0); /* 357..363 */
    cr_assert_eq(weeks[52], 2); /* 365 and 366 */
    /* median of 99 100 299 300 365 366 = (299 + 300) / 2 */
    cr_assert_float_eq(conversion(hc, LTV_HEALTH_ALL).median_gap_days, 299.5, EPS);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);

    /* Eligibility: the first order exactly W days before the as-of day is not eligible for W
     * (the W-th day after it is the as-of day, not yet in the data); W + 1 days is. */
    ledger = fx_ledger();
    pair(ledger, "o30", 30, 3);
    pair(ledger, "o31", 31, 31); /* gap 31: eligible for 30, not converted within it */
    hc = run(ledger, NULL, NULL);
    ltv_health_conversion c = conversion(hc, LTV_HEALTH_ALL);
    cr_assert_eq(c.second_customers, 1); /* o31's second order falls on the as-of day: not counted */
    assert_windows(&c, (uint64_t[]){2, 1, 0, 0, 0, 0}, (uint64_t[]){1, 0, 0, 0, 0, 0});
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

/*
 * The membership ledger, as of 2026-01-01 (join = first event, LTV = lifetime amount):
 *   M1 joins 2025-01-01 (fee 5000), 130 visits in 2025, continuing: enrolled 364, observed 365
 *   M2 joins 2024-07-01 (3000), 2025-07-01 (3000), 80 visits in 2025, continuing: enrolled 548
 *   M3 joins 2024-01-01 (4000), 10 visits in 2025, continuing: enrolled 730
 *   M4 joins 2025-06-01 (1000), 20 visits, continuing: enrolled 213, observed 214 (< 365: not banded)
 *   M5 joins 2025-01-01 (2000), cancels 2025-04-01: day 90, observed 365
 *   M6 joins 2024-10-01 (1000), cancels 2024-12-30: day 90, observed 457
 *   M7 joins 2024-01-01 (6000), 2024-06-01 (2000), cancels 2024-12-01: day 335
 *   M8 joins 2025-11-01 with a visit, no fee, cancels 2025-11-15: day 14, observed 61
 *   M9 joins 2023-01-01 (1000), cancels 2024-03-01: day 425
 */
static ltv_ledger *gym(void) {
    ltv_ledger *l = fx_ledger();
    order(l, "M1", "2025-01-01", 5000, 1);
    visits(l, "M1", "2025-01-02", 130);
    order(l, "M2", "2024-07-01", 3000, 1);
    order(l, "M2", "2025-07-01", 3000, 1);
    visits(l, "M2", "2025-02-01", 80);
    order(l, "M3", "2024-01-01", 4000, 1);
    visits(l, "M3", "2025-03-01", 10);
    order(l, "M4", "2025-06-01", 1000, 1);
    visits(l, "M4", "2025-06-02", 20);
    order(l, "M5", "2025-01-01", 2000, 1);
    fx_add(l, "M5", LTV_EVENT_CANCEL, "2025-04-01", 0, 0);
    order(l, "M6", "2024-10-01", 1000, 1);
    fx_add(l, "M6", LTV_EVENT_CANCEL, "2024-12-30", 0, 0);
    order(l, "M7", "2024-01-01", 6000, 1);
    order(l, "M7", "2024-06-01", 2000, 1);
    fx_add(l, "M7", LTV_EVENT_CANCEL, "2024-12-01", 0, 0);
    visits(l, "M8", "2025-11-01", 1);
    fx_add(l, "M8", LTV_EVENT_CANCEL, "2025-11-15", 0, 0);
    order(l, "M9", "2023-01-01", 1000, 1);
    fx_add(l, "M9", LTV_EVENT_CANCEL, "2024-03-01", 0, 0);
    return l;
}

static ltv_health_membership membership(const ltv_health_check *hc) {
    ltv_health_membership m;
    cr_assert_eq(ltv_health_check_membership(hc, &m, sizeof m), LTV_OK, "%s", ltv_last_error());
    return m;
}

Test(health, membership_by_hand) {
    ltv_ledger *ledger = gym();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    cr_assert_eq(ltv_health_check_has_membership(hc), 1);
    ltv_health_membership m = membership(hc);
    cr_assert_eq(m.members, 9);
    cr_assert_eq(m.visits, 241); /* 130 + 80 + 10 + 20 + 1, all in the trailing year */
    cr_assert_eq(m.year_visits, 241);
    /* continuing M1..M4: (5000 + 6000 + 4000 + 1000) / 4; churned M5..M9: (2000 + 1000 + 8000 + 0 + 1000) / 5 */
    cr_assert_eq(m.continuing_members, 4);
    cr_assert_float_eq(m.continuing_average_ltv, 4000.0, EPS);
    cr_assert_eq(m.churned_members, 5);
    cr_assert_float_eq(m.churned_average_ltv, 2400.0, EPS);
    cr_assert_float_eq(m.retention_value, 1600.0, EPS);
    /* 182 days: eligible (joined > 182 days ago) all but M8 = 8; churned by day 182: M5 M6 */
    cr_assert_eq(m.short_window_days, 182);
    cr_assert_eq(m.short_eligible, 8);
    cr_assert_eq(m.short_churned, 2);
    cr_assert_float_eq(m.short_churn_rate, 0.25, EPS);
    /* 365 days: eligible M2 M3 M6 M7 M9 (M1 and M5 joined exactly 365 days ago); churned M6 M7 */
    cr_assert_eq(m.long_window_days, 365);
    cr_assert_eq(m.long_eligible, 5);
    cr_assert_eq(m.long_churned, 2);
    cr_assert_float_eq(m.long_churn_rate, 0.4, EPS);
    /* days enrolled: M5 90, M6 90, M8 14 | - | M4 213 | M1 364, M7 335 | M2 548, M3 730, M9 425
     * at risk on the first day: 9 | 6 | 6 | 5 (M1 M2 M3 M7 M9) | 3 (M2 M3 M9)
     * churned in the bin: M5 M6 M8 | - | - | M7 | M9 */
    const uint64_t members[5] = {3, 0, 1, 2, 3}, at_risk[5] = {9, 6, 6, 5, 3}, churned[5] = {3, 0, 0, 1, 1};
    for (int b = 0; b < 5; b++) {
        cr_assert_eq(m.bin_members[b], members[b], "bin %d", b);
        cr_assert_eq(m.bin_at_risk[b], at_risk[b], "bin %d", b);
        cr_assert_eq(m.bin_churned[b], churned[b], "bin %d", b);
        cr_assert_float_eq(m.bin_churn_rate[b], (double)churned[b] / (double)at_risk[b], EPS);
    }
    /* The default needs 10 members at risk: 9 is too few for any period, so no peak. */
    cr_assert_eq(m.risk_period_days, 30);
    cr_assert_eq(m.risk_peak_first_day, -1);
    cr_assert_eq(m.risk_peak_last_day, -1);
    /* Usage: continuing members with a full year: M1 (130 → high), M2 (80 → middle), M3 (10 → low); M4 too new */
    cr_assert_eq(m.usage_low_max, 60);
    cr_assert_eq(m.usage_high_min, 120);
    cr_assert_eq(m.usage_members, 3);
    cr_assert_eq(m.usage_newer_members, 1);
    for (int b = 0; b < 3; b++) {
        cr_assert_eq(m.band_members[b], 1);
        cr_assert_float_eq(m.band_share[b], 1.0 / 3.0, EPS);
    }
    cr_assert_float_eq(m.band_average_ltv[0], 4000.0, EPS); /* M3 */
    cr_assert_float_eq(m.band_average_ltv[1], 6000.0, EPS); /* M2 */
    cr_assert_float_eq(m.band_average_ltv[2], 5000.0, EPS); /* M1 */
    cr_assert_float_eq(m.band_average_year_amount[0], 0.0, EPS);
    cr_assert_float_eq(m.band_average_year_amount[1], 3000.0, EPS);
    cr_assert_float_eq(m.band_average_year_amount[2], 5000.0, EPS);

    uint64_t risk[LTV_HEALTH_ENROLLMENT_DAYS], cancels[LTV_HEALTH_ENROLLMENT_DAYS];
    size_t len;
    cr_assert_eq(ltv_health_check_enrollment_days(hc, risk, cancels, LTV_HEALTH_ENROLLMENT_DAYS, &len), LTV_OK);
    cr_assert_eq(len, 367);
    cr_assert_eq(risk[0], 9);
    cr_assert_eq(risk[14], 9);
    cr_assert_eq(risk[15], 8);
    cr_assert_eq(risk[90], 8);
    cr_assert_eq(risk[91], 6);
    cr_assert_eq(risk[366], 3);
    cr_assert_eq(cancels[14], 1);
    cr_assert_eq(cancels[90], 2);
    cr_assert_eq(cancels[335], 1);
    cr_assert_eq(cancels[366], 1); /* M9 on day 425 */
    uint64_t sum = 0;
    for (size_t d = 0; d < len; d++) sum += cancels[d];
    cr_assert_eq(sum, 5);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

Test(health, risk_peak_is_the_period_with_the_highest_churn_rate) {
    ltv_ledger *ledger = gym();
    ltv_health_config *cfg;
    cr_assert_eq(ltv_health_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_RISK_MIN_AT_RISK, 1), LTV_OK);
    ltv_health_check *hc = run(ledger, NULL, cfg);
    /* 30-day periods: [0,29] 1 of 9 (M8); [90,119] 2 of 8 (M5 M6) = 25 %; [330,359] 1 of 5 (M7) = 20 % */
    ltv_health_membership m = membership(hc);
    cr_assert_eq(m.risk_peak_first_day, 90);
    cr_assert_eq(m.risk_peak_last_day, 119);
    cr_assert_eq(m.risk_peak_at_risk, 8);
    cr_assert_eq(m.risk_peak_churned, 2);
    cr_assert_float_eq(m.risk_peak_rate, 0.25, EPS);
    ltv_health_check_free(hc);

    /* With 8 members needed at risk, [330,359] (5 at risk) is no candidate; with 9 only [0,29] is. */
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_RISK_MIN_AT_RISK, 9), LTV_OK);
    hc = run(ledger, NULL, cfg);
    m = membership(hc);
    cr_assert_eq(m.risk_peak_first_day, 0);
    cr_assert_eq(m.risk_peak_churned, 1);
    ltv_health_check_free(hc);

    /* 7-day periods: [84,90] holds both day-90 cancels, 2 of 8 at risk on day 84. */
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_RISK_MIN_AT_RISK, 1), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_RISK_PERIOD_DAYS, 7), LTV_OK);
    hc = run(ledger, NULL, cfg);
    m = membership(hc);
    cr_assert_eq(m.risk_period_days, 7);
    cr_assert_eq(m.risk_peak_first_day, 84);
    cr_assert_eq(m.risk_peak_last_day, 90);
    ltv_health_check_free(hc);
    ltv_health_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(health, configured_windows_and_bands) {
    ltv_ledger *ledger = gym();
    ltv_health_config *cfg;
    cr_assert_eq(ltv_health_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_CHURN_SHORT_DAYS, 89), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_CHURN_LONG_DAYS, 90), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_USAGE_LOW_MAX, 80), LTV_OK);
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_USAGE_HIGH_MIN, 131), LTV_OK);
    ltv_health_check *hc = run(ledger, NULL, cfg);
    ltv_health_membership m = membership(hc);
    /* 89 days: eligible all but M8 (61) = 8, nobody cancelled by day 89; 90 days: M5 M6 */
    cr_assert_eq(m.short_eligible, 8);
    cr_assert_eq(m.short_churned, 0);
    cr_assert_eq(m.long_eligible, 8);
    cr_assert_eq(m.long_churned, 2);
    /* 80 visits is now low, 130 middle: low M2 M3, middle M1, high nobody */
    cr_assert_eq(m.band_members[0], 2);
    cr_assert_eq(m.band_members[1], 1);
    cr_assert_eq(m.band_members[2], 0);
    cr_assert_float_eq(m.band_average_ltv[0], 5000.0, EPS);
    cr_assert_float_eq(m.band_average_ltv[2], 0.0, EPS);
    int64_t value;
    cr_assert_eq(ltv_health_config_get_i64(cfg, LTV_HEALTH_USAGE_HIGH_MIN, &value), LTV_OK);
    cr_assert_eq(value, 131);
    ltv_health_check_free(hc);
    ltv_health_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(health, no_membership_without_visits_or_cancels) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_membership m;
    cr_assert_eq(ltv_health_check_membership(hc, &m, sizeof m), LTV_ENOTFOUND);
    cr_assert(strstr(ltv_last_error(), "no visits and no cancels"), "%s", ltv_last_error());
    size_t len = 99;
    cr_assert_eq(ltv_health_check_enrollment_days(hc, NULL, NULL, 0, &len), LTV_ENOTFOUND);
    ltv_health_check_free(hc);
    /* A visit after the as-of day does not make a membership business either. */
    fx_add(ledger, "A1", LTV_EVENT_VISIT, "2026-01-01", 0, 0);
    hc = run(ledger, NULL, NULL);
    cr_assert_eq(ltv_health_check_has_membership(hc), 0);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

Test(health, empty_ledger_gives_zeros) {
    ltv_ledger *ledger = fx_ledger();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    ltv_health_overview o;
    cr_assert_eq(ltv_health_check_overview(hc, &o, sizeof o), LTV_OK);
    cr_assert_eq(o.customers, 0);
    cr_assert_float_eq(o.repeat_rate, 0.0, EPS);
    cr_assert_float_eq(o.average_order_value, 0.0, EPS);
    ltv_health_conversion c = conversion(hc, LTV_HEALTH_ALL);
    cr_assert_float_eq(c.median_gap_days, -1.0, EPS);
    cr_assert_eq(c.most_common_week, -1);
    char *json = NULL;
    cr_assert_eq(ltv_health_check_to_json(hc, LTV_LANG_EN, &json, NULL), LTV_OK);
    cr_assert(strstr(json, "\"membership\":null"));
    cr_assert(strstr(json, "\"median_gap_days\":null"));
    ltv_free(json);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

Test(health, json_has_every_section_and_labels_in_the_language) {
    ltv_ledger *ledger = gym();
    ltv_segmentation *seg = segment(ledger);
    ltv_health_check *hc = run(ledger, seg, NULL);
    for (int lang = 0; lang < 2; lang++) {
        char *json = NULL;
        size_t len = 0;
        cr_assert_eq(ltv_health_check_to_json(hc, lang, &json, &len), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(len, strlen(json));
        cr_assert(ltv__utf8_valid(json, len, NULL));
        cr_assert(json[0] == '{' && json[len - 1] == '}');
        cr_assert(strstr(json, "\"as_of\":\"2026-01-01\""));
        cr_assert(strstr(json, "\"continuing_average_ltv\":4000.00"), "%s", json);
        cr_assert(strstr(json, "\"churned_average_ltv\":2400.00"));
        cr_assert(strstr(json, "{\"days\":182,\"eligible\":8,\"churned\":2,\"rate\":0.250000}"));
        cr_assert(strstr(json, "\"rank\":\"excellent\""));
        cr_assert(strstr(json, "\"risk_peak\":null"));
        cr_assert(strstr(json, lang == LTV_LANG_JA ? "\"customers\":\"顧客数\"" : "\"customers\":\"Customers\""));
        cr_assert(strstr(json, lang == LTV_LANG_JA ? "\"lang\":\"ja\"" : "\"lang\":\"en\""));
        /* balanced braces and brackets outside strings: a cheap well-formedness check */
        int depth = 0;
        bool in_string = false;
        for (size_t i = 0; i < len; i++) {
            if (in_string) {
                if (json[i] == '\\') i++;
                else if (json[i] == '"') in_string = false;
            } else if (json[i] == '"') {
                in_string = true;
            } else if (json[i] == '{' || json[i] == '[') {
                depth++;
            } else if (json[i] == '}' || json[i] == ']') {
                cr_assert(--depth >= 0);
            }
        }
        cr_assert_eq(depth, 0);
        cr_assert(!in_string);
        ltv_free(json);
    }
    ltv_health_check_free(hc);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(health, labels_in_both_languages) {
    for (int id = 0; id < LTV_HEALTH_LABEL_COUNT; id++) {
        const char *en = ltv_health_label(id, LTV_LANG_EN), *ja = ltv_health_label(id, LTV_LANG_JA);
        cr_assert(en && *en, "label %d has no English", id);
        cr_assert(ja && *ja, "label %d has no Japanese", id);
        cr_assert(ltv__utf8_valid(en, strlen(en), NULL));
        cr_assert(ltv__utf8_valid(ja, strlen(ja), NULL));
        cr_assert_str_neq(en, ja, "label %d is not translated", id);
        bool multibyte = false;
        for (const char *p = ja; *p; p++) multibyte |= (unsigned char)*p >= 0x80;
        cr_assert(multibyte, "label %d is not Japanese: %s", id, ja);
    }
    cr_assert_str_eq(ltv_health_label(LTV_HEALTH_LABEL_REPEAT_RATE, LTV_LANG_JA), "リピート率（全期間）");
    cr_assert_str_eq(ltv_health_label(LTV_HEALTH_LABEL_CHURNED, LTV_LANG_JA), "退会会員");
    cr_assert_str_eq(ltv_health_label(LTV_HEALTH_LABEL_CUSTOMERS, LTV_LANG_EN), "Customers");
    cr_assert_null(ltv_health_label(LTV_HEALTH_LABEL_COUNT, LTV_LANG_EN));
    cr_assert_null(ltv_health_label(-1, LTV_LANG_EN));
    cr_assert_null(ltv_health_label(0, 2));
}

Test(health, settings_bounds_and_names) {
    ltv_health_config *cfg;
    cr_assert_eq(ltv_health_config_new(&cfg), LTV_OK);
    static const int64_t defaults[] = {182, 365, 60, 120, 30, 10};
    static const int64_t mins[] = {1, 1, 0, 1, 1, 1}, maxs[] = {3650, 3650, 100000, 100000, 365, 1000000000};
    for (int p = 0; p < 6; p++) {
        int64_t value, lo, hi;
        cr_assert_eq(ltv_health_config_get_i64(cfg, p, &value), LTV_OK);
        cr_assert_eq(value, defaults[p]);
        const char *name = ltv_health_param_info(p, &lo, &hi);
        cr_assert_not_null(name);
        cr_assert_eq(lo, mins[p]);
        cr_assert_eq(hi, maxs[p]);
        /* one below and one above: rejected, named, bounds in the message, value unchanged */
        cr_assert_eq(ltv_health_config_set_i64(cfg, p, lo - 1), LTV_ERANGE);
        char want[160];
        snprintf(want, sizeof want, "%s %lld is outside %lld..%lld", name, (long long)(lo - 1), (long long)lo,
                 (long long)hi);
        cr_assert(strstr(ltv_last_error(), want), "%s lacks '%s'", ltv_last_error(), want);
        cr_assert_eq(ltv_health_config_set_i64(cfg, p, hi + 1), LTV_ERANGE);
        cr_assert(strstr(ltv_last_error(), name));
        cr_assert_eq(ltv_health_config_get_i64(cfg, p, &value), LTV_OK);
        cr_assert_eq(value, defaults[p]);
        cr_assert_eq(ltv_health_config_set_i64(cfg, p, lo), LTV_OK);
        cr_assert_eq(ltv_health_config_set_i64(cfg, p, hi), LTV_OK);
        cr_assert_eq(ltv_health_config_set_i64(cfg, p, defaults[p]), LTV_OK);
    }
    cr_assert_str_eq(ltv_health_param_info(LTV_HEALTH_CHURN_SHORT_DAYS, NULL, NULL), "LTV_HEALTH_CHURN_SHORT_DAYS");
    cr_assert_null(ltv_health_param_info(6, NULL, NULL));
    cr_assert_null(ltv_health_param_info(-1, NULL, NULL));
    cr_assert_eq(ltv_health_config_set_i64(cfg, 6, 1), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "ltv_health_config_set_i64: 6 is not an ltv_health_param (0..5)"));
    int64_t value;
    cr_assert_eq(ltv_health_config_get_i64(cfg, -1, &value), LTV_EINVAL);
    cr_assert_eq(ltv_health_config_get_i64(cfg, 0, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_health_config_get_i64(NULL, 0, &value), LTV_EINVAL);
    cr_assert_eq(ltv_health_config_set_i64(NULL, 0, 1), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "cfg is NULL"));
    cr_assert_eq(ltv_health_config_new(NULL), LTV_EINVAL);

    /* The band limits are related: checked when the health check runs, both named. */
    ltv_ledger *ledger = gym();
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_USAGE_LOW_MAX, 120), LTV_OK);
    ltv_health_check *hc = (ltv_health_check *)1;
    cr_assert_eq(ltv_health_check_run(&hc, ledger, NULL, cfg, fx_day(AS_OF)), LTV_ERANGE);
    cr_assert_null(hc);
    cr_assert(strstr(ltv_last_error(), "LTV_HEALTH_USAGE_HIGH_MIN 120 must be above LTV_HEALTH_USAGE_LOW_MAX 120"),
              "%s", ltv_last_error());
    cr_assert_eq(ltv_health_config_set_i64(cfg, LTV_HEALTH_USAGE_HIGH_MIN, 121), LTV_OK);
    hc = run(ledger, NULL, cfg);
    ltv_health_check_free(hc);
    ltv_health_config_free(cfg);
    ltv_health_config_free(NULL);
    ltv_ledger_free(ledger);
}

Test(health, bad_arguments_name_the_problem) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = NULL;
    cr_assert_eq(ltv_health_check_run(NULL, ledger, NULL, NULL, fx_day(AS_OF)), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "out is NULL"));
    cr_assert_eq(ltv_health_check_run(&hc, NULL, NULL, NULL, fx_day(AS_OF)), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "ledger is NULL"));
    cr_assert_eq(ltv_health_check_run(&hc, ledger, NULL, NULL, LTV_DAY_MAX + 2), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "outside -719162..2932897"), "%s", ltv_last_error());
    cr_assert_eq(ltv_health_check_run(&hc, ledger, NULL, NULL, LTV_DAY_MIN - 1), LTV_ERANGE);

    /* a segmentation of another day or another ledger */
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day("2025-12-31")), LTV_OK);
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, fx_day(AS_OF)), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "seg is as of day"), "%s", ltv_last_error());
    ltv_segmentation_free(seg);
    ltv_ledger *other = gym();
    cr_assert_eq(ltv_segment_run(&seg, other, NULL, fx_day(AS_OF)), LTV_OK);
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, fx_day(AS_OF)), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "seg was computed from another ledger"), "%s", ltv_last_error());
    ltv_segmentation_free(seg);
    /* the ledger grew after it was segmented */
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day(AS_OF)), LTV_OK);
    order(ledger, "A10", "2025-05-05", 100, 1);
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, fx_day(AS_OF)), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "seg has 9 customers, the ledger now 10"), "%s", ltv_last_error());
    ltv_segmentation_free(seg);
    ltv_ledger_free(other);

    hc = run(ledger, NULL, NULL);
    ltv_health_overview o;
    cr_assert_eq(ltv_health_check_overview(NULL, &o, sizeof o), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "hc is NULL"));
    cr_assert_eq(ltv_health_check_overview(hc, NULL, sizeof o), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_overview(hc, &o, sizeof o - 1), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "below the struct's first version"));
    ltv_health_conversion c;
    cr_assert_eq(ltv_health_check_conversion(hc, 4, &c, sizeof c), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "group 4 is neither LTV_HEALTH_ALL (-2) nor a rank -1..3"), "%s",
              ltv_last_error());
    cr_assert_eq(ltv_health_check_conversion(hc, -3, &c, sizeof c), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_conversion(hc, LTV_RANK_EXCELLENT, &c, sizeof c), LTV_ENOTFOUND);
    cr_assert(strstr(ltv_last_error(), "without a segmentation"));
    ltv_health_tenure t;
    cr_assert_eq(ltv_health_check_tenure(hc, &t, 8), LTV_EINVAL);
    ltv_health_membership m;
    cr_assert_eq(ltv_health_check_membership(NULL, &m, sizeof m), LTV_EINVAL);

    /* arrays: size query, too small, NULL length */
    uint64_t small[10];
    size_t len = 0;
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_HEALTH_ALL, NULL, 0, &len), LTV_OK);
    cr_assert_eq(len, LTV_HEALTH_GAP_DAY_BINS);
    len = 0;
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_HEALTH_ALL, small, 10, &len), LTV_EBUFSIZE);
    cr_assert_eq(len, LTV_HEALTH_GAP_DAY_BINS);
    cr_assert(strstr(ltv_last_error(), "capacity 10 is below the 367 entries needed"), "%s", ltv_last_error());
    cr_assert_eq(ltv_health_check_gap_weeks(hc, LTV_HEALTH_ALL, small, 10, &len), LTV_EBUFSIZE);
    cr_assert_eq(len, LTV_HEALTH_GAP_WEEK_BINS);
    cr_assert_eq(ltv_health_check_gap_weeks(hc, LTV_HEALTH_ALL, small, 10, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_gap_weeks(NULL, LTV_HEALTH_ALL, small, 10, &len), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_RANK_GENERAL, NULL, 0, &len), LTV_ENOTFOUND);
    cr_assert_eq(ltv_health_check_gap_days(hc, LTV_HEALTH_ALL, NULL, 5, &len), LTV_EINVAL);

    char *json = (char *)1;
    cr_assert_eq(ltv_health_check_to_json(hc, 2, &json, NULL), LTV_EINVAL);
    cr_assert_null(json);
    cr_assert(strstr(ltv_last_error(), "lang 2"));
    cr_assert_eq(ltv_health_check_to_json(hc, LTV_LANG_EN, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_to_json(NULL, LTV_LANG_EN, &json, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_health_check_has_ranks(NULL), 0);
    cr_assert_eq(ltv_health_check_has_membership(NULL), 0);
    ltv_health_check_free(hc);
    ltv_health_check_free(NULL);
    ltv_ledger_free(ledger);

    ledger = gym();
    hc = run(ledger, NULL, NULL);
    uint64_t big[LTV_HEALTH_ENROLLMENT_DAYS];
    cr_assert_eq(ltv_health_check_enrollment_days(hc, NULL, big, 366, &len), LTV_EBUFSIZE);
    cr_assert_eq(len, LTV_HEALTH_ENROLLMENT_DAYS);
    cr_assert_eq(ltv_health_check_enrollment_days(hc, NULL, NULL, 0, &len), LTV_OK);
    cr_assert_eq(ltv_health_check_enrollment_days(hc, NULL, big, LTV_HEALTH_ENROLLMENT_DAYS, &len), LTV_OK);
    cr_assert_eq(ltv_health_check_enrollment_days(hc, NULL, NULL, 0, NULL), LTV_EINVAL);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

/* A larger version of the struct (a newer caller) gets its tail zeroed; a struct's first
 * version is the minimum. */
Test(health, versioned_structs) {
    ltv_ledger *ledger = shop();
    ltv_health_check *hc = run(ledger, NULL, NULL);
    struct {
        ltv_health_overview o;
        char tail[16];
    } bigger;
    memset(&bigger, 0xAB, sizeof bigger);
    cr_assert_eq(ltv_health_check_overview(hc, (ltv_health_overview *)(void *)&bigger, sizeof bigger), LTV_OK);
    cr_assert_eq(bigger.o.customers, 8);
    for (size_t i = 0; i < sizeof bigger.tail; i++) cr_assert_eq(bigger.tail[i], 0);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
}

static int compare_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* An independent oracle: per-customer facts through the public API, gaps sorted. */
Test(health, agrees_with_a_brute_force_oracle_on_a_generated_log) {
    fx_log log = fx_log_generate(20000, 3000, 42);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    const int32_t as_of = fx_day("2026-06-01");
    ltv_health_check *hc = NULL;
    cr_assert_eq(ltv_health_check_run(&hc, ledger, NULL, NULL, as_of), LTV_OK);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    int32_t *gaps = calloc(n, sizeof *gaps);
    size_t gap_count = 0;
    uint64_t customers = 0, eligible[6] = {0}, converted[6] = {0}, members = 0, churned = 0, at_risk_90 = 0;
    const int32_t windows[6] = {7, 30, 60, 90, 180, 365};
    for (uint64_t i = 0; i < n; i++) {
        ltv_customer_facts f;
        cr_assert_eq(ltv_ledger_facts(ledger, i, as_of, &f, sizeof f), LTV_OK);
        if (f.first_event_day != LTV_NO_DAY) {
            members++;
            churned += f.cancel_day != LTV_NO_DAY;
            const int32_t last = f.cancel_day != LTV_NO_DAY ? f.cancel_day : as_of - 1;
            const int32_t enrolled = last - f.first_event_day;
            at_risk_90 += enrolled >= 90;
        }
        if (f.orders == 0) continue;
        customers++;
        int32_t gap = f.second_order_day != LTV_NO_DAY ? f.second_order_day - f.first_order_day : -1;
        if (gap >= 0) gaps[gap_count++] = gap;
        for (int w = 0; w < 6; w++)
            if (as_of - f.first_order_day > windows[w]) {
                eligible[w]++;
                converted[w] += gap >= 0 && gap <= windows[w];
            }
    }
    qsort(gaps, gap_count, sizeof *gaps, compare_i32);
    ltv_health_conversion c = conversion(hc, LTV_HEALTH_ALL);
    cr_assert_eq(c.customers, customers);
    cr_assert_eq(c.second_customers, gap_count);
    cr_assert_gt(gap_count, 100);
    assert_windows(&c, eligible, converted);
    double median = gap_count % 2 ? gaps[gap_count / 2] : (gaps[gap_count / 2 - 1] + gaps[gap_count / 2]) / 2.0;
    cr_assert_float_eq(c.median_gap_days, median, EPS);
    ltv_health_membership m = membership(hc);
    cr_assert_eq(m.members, members);
    cr_assert_eq(m.churned_members, churned);
    uint64_t risk[LTV_HEALTH_ENROLLMENT_DAYS];
    size_t len;
    cr_assert_eq(ltv_health_check_enrollment_days(hc, risk, NULL, LTV_HEALTH_ENROLLMENT_DAYS, &len), LTV_OK);
    cr_assert_eq(risk[90], at_risk_90);
    free(gaps);
    ltv_health_check_free(hc);
    ltv_ledger_free(ledger);
    fx_log_free(&log);
}

/* Ledgers built from shards and merged give the very same health check as the whole log. */
Test(health, merged_shards_check_like_the_whole) {
    fx_log log = fx_log_generate(12000, 2000, 7);
    ltv_ledger *whole = fx_ledger(), *a = fx_ledger(), *b = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    fx_log_add(a, &log, 0, log.rows / 3);
    fx_log_add(b, &log, log.rows / 3, log.rows);
    cr_assert_eq(ltv_ledger_merge(a, b), LTV_OK);
    const int32_t as_of = fx_day("2026-06-01");
    ltv_segmentation *seg_whole = NULL, *seg_merged = NULL;
    cr_assert_eq(ltv_segment_run(&seg_whole, whole, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_run(&seg_merged, a, NULL, as_of), LTV_OK);
    ltv_health_check *h1 = NULL, *h2 = NULL;
    cr_assert_eq(ltv_health_check_run(&h1, whole, seg_whole, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_health_check_run(&h2, a, seg_merged, NULL, as_of), LTV_OK);
    char *j1 = NULL, *j2 = NULL;
    cr_assert_eq(ltv_health_check_to_json(h1, LTV_LANG_EN, &j1, NULL), LTV_OK);
    cr_assert_eq(ltv_health_check_to_json(h2, LTV_LANG_EN, &j2, NULL), LTV_OK);
    cr_assert_str_eq(j1, j2);
    ltv_free(j1);
    ltv_free(j2);
    ltv_health_check_free(h1);
    ltv_health_check_free(h2);
    ltv_segmentation_free(seg_whole);
    ltv_segmentation_free(seg_merged);
    ltv_ledger_free(whole);
    ltv_ledger_free(a);
    ltv_ledger_free(b);
    fx_log_free(&log);
}

/* Over 200,000 customers the pass is split across threads: the result must not change.
 * (700 k skewed draws from 3 M ids give a few hundred thousand customers.) */
Test(health, same_result_on_one_or_three_threads) {
    fx_log log = fx_log_generate(700000, 3000000, 21);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    cr_assert_gt(ltv_ledger_customer_count(ledger), 200000);
    char *json[2] = {NULL, NULL};
    for (int t = 0; t < 2; t++) {
        cr_assert_eq(ltv_set_threads(t ? 3 : 1), LTV_OK);
        ltv_segmentation *seg = NULL;
        ltv_health_check *hc = NULL;
        cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day("2026-11-01")), LTV_OK);
        cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, fx_day("2026-11-01")), LTV_OK);
        cr_assert_eq(ltv_health_check_to_json(hc, LTV_LANG_EN, &json[t], NULL), LTV_OK);
        ltv_health_check_free(hc);
        ltv_segmentation_free(seg);
    }
    cr_assert_str_eq(json[0], json[1]);
    ltv_free(json[0]);
    ltv_free(json[1]);
    ltv_ledger_free(ledger);
    fx_log_free(&log);
}
