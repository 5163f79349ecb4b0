/* Segmentation: every rule boundary by hand, RFM cut points and ties, presets, LTV
 * analysis, the merge property and bad settings. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "fixtures.h"
#include "segment_internal.h"

#define AS_OF "2026-11-01"

static void add_days_ago(ltv_ledger *ledger, const char *id, int days_ago, int64_t amount) {
    int32_t day = fx_day(AS_OF) - days_ago;
    cr_assert_eq(ltv_ledger_add_order(ledger, id, strlen(id), day, amount, 1), LTV_OK, "%s", ltv_last_error());
}

static ltv_customer_segment seg_of(const ltv_segmentation *seg, const char *id) {
    ltv_customer_segment s;
    cr_assert_eq(ltv_segmentation_find(seg, id, strlen(id), &s, sizeof s), LTV_OK, "%s: %s", id, ltv_last_error());
    return s;
}

static ltv_segmentation *run(const ltv_ledger *ledger, const ltv_segment_config *cfg) {
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day(AS_OF)), LTV_OK, "%s", ltv_last_error());
    return seg;
}

Test(segment, dormant_boundary_179_180_181) {
    ltv_ledger *ledger = fx_ledger();
    add_days_ago(ledger, "d179", 179, 100);
    add_days_ago(ledger, "d180", 180, 100);
    add_days_ago(ledger, "d181", 181, 100);
    ltv_segmentation *seg = run(ledger, NULL);
    cr_assert_eq(seg_of(seg, "d179").state, LTV_STATE_NEW);
    cr_assert_eq(seg_of(seg, "d180").state, LTV_STATE_NEW);
    cr_assert_eq(seg_of(seg, "d181").state, LTV_STATE_DORMANT);
    ltv_segmentation_free(seg);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 179), LTV_OK);
    seg = run(ledger, cfg);
    cr_assert_eq(seg_of(seg, "d179").state, LTV_STATE_NEW);
    cr_assert_eq(seg_of(seg, "d180").state, LTV_STATE_DORMANT);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* orders at the given days ago */
static void add_history(ltv_ledger *ledger, const char *id, const int *days_ago, int n) {
    for (int i = 0; i < n; i++) add_days_ago(ledger, id, days_ago[i], 1000);
}

Test(segment, fan_boundaries_4_5_orders_364_365_days) {
    ltv_ledger *ledger = fx_ledger();
    add_history(ledger, "o4", (int[]){400, 300, 200, 10}, 4);          /* 4 orders, tenure 390 */
    add_history(ledger, "o5", (int[]){375, 300, 200, 100, 10}, 5);     /* 5 orders, tenure 365 */
    add_history(ledger, "t364", (int[]){374, 300, 200, 100, 10}, 5);   /* 5 orders, tenure 364 */
    add_history(ledger, "two", (int[]){20, 10}, 2);
    ltv_segmentation *seg = run(ledger, NULL);
    cr_assert_eq(seg_of(seg, "o4").state, LTV_STATE_REPEAT);
    cr_assert_eq(seg_of(seg, "o5").state, LTV_STATE_FAN);
    cr_assert_eq(seg_of(seg, "t364").state, LTV_STATE_REPEAT);
    cr_assert_eq(seg_of(seg, "two").state, LTV_STATE_REPEAT);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, cancel_makes_dormant_unless_configured) {
    ltv_ledger *ledger = fx_ledger();
    add_history(ledger, "member", (int[]){30, 10}, 2);
    fx_add(ledger, "member", LTV_EVENT_CANCEL, "2026-10-25", 0, 0);
    fx_add(ledger, "visitor", LTV_EVENT_VISIT, "2026-10-25", 0, 0);
    ltv_segmentation *seg = run(ledger, NULL);
    cr_assert_eq(seg_of(seg, "member").state, LTV_STATE_DORMANT);
    cr_assert_eq(seg_of(seg, "visitor").state, LTV_STATE_NONE);
    cr_assert_eq(seg_of(seg, "visitor").rank, LTV_RANK_NONE);
    cr_assert_eq(seg_of(seg, "visitor").r, 0);
    ltv_segmentation_free(seg);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_CANCEL_IS_DORMANT, 0), LTV_OK);
    seg = run(ledger, cfg);
    cr_assert_eq(seg_of(seg, "member").state, LTV_STATE_REPEAT);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, value_ranks_by_trailing_year) {
    ltv_ledger *ledger = fx_ledger();
    add_history(ledger, "y4", (int[]){300, 200, 100, 10}, 4);
    add_history(ledger, "y3", (int[]){200, 100, 10}, 3);
    add_history(ledger, "y2", (int[]){400, 100, 10}, 3);     /* 2 in the year */
    add_history(ledger, "gen", (int[]){500, 10}, 2);         /* 1 in the year, earlier history */
    add_history(ledger, "nur365", (int[]){365}, 1);           /* first order on the year's first day */
    add_history(ledger, "gen366", (int[]){366, 365}, 2);      /* 366 days ago is before the year */
    add_history(ledger, "none", (int[]){366}, 1);
    ltv_segmentation *seg = run(ledger, NULL);
    cr_assert_eq(seg_of(seg, "y4").rank, LTV_RANK_EXCELLENT);
    cr_assert_eq(seg_of(seg, "y3").rank, LTV_RANK_SEMI_EXCELLENT);
    cr_assert_eq(seg_of(seg, "y2").rank, LTV_RANK_SEMI_EXCELLENT);
    cr_assert_eq(seg_of(seg, "gen").rank, LTV_RANK_GENERAL);
    cr_assert_eq(seg_of(seg, "nur365").rank, LTV_RANK_NURTURE);
    cr_assert_eq(seg_of(seg, "gen366").rank, LTV_RANK_GENERAL);
    cr_assert_eq(seg_of(seg, "none").rank, LTV_RANK_NONE);
    cr_assert_eq(seg_of(seg, "none").state, LTV_STATE_DORMANT);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

/* Ten customers: customer i (1..10) last ordered 10·i days ago, spent 100·i in all, and
 * has the order count given by `orders`. */
static ltv_ledger *ten_customers(const int orders[10]) {
    ltv_ledger *ledger = fx_ledger();
    for (int i = 1; i <= 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%02d", i);
        for (int k = 1; k < orders[i - 1]; k++) add_days_ago(ledger, id, 10 * i + k, 0);
        add_days_ago(ledger, id, 10 * i, 100 * i);
    }
    return ledger;
}

static const int TIED_ORDERS[10] = {1, 1, 1, 1, 1, 1, 1, 2, 3, 5};

static void assert_cuts(const ltv_segmentation *seg, int metric, const double *want) {
    double cuts[9];
    size_t n;
    cr_assert_eq(ltv_segmentation_thresholds(seg, metric, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 4);
    for (int k = 0; k < 4; k++) cr_assert_float_eq(cuts[k], want[k], 1e-9, "metric %d cut %d: %f", metric, k, cuts[k]);
}

Test(segment, quantile_scores_hand_computed_with_ties) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segmentation *seg = run(ledger, NULL);
    /* cut positions ceil(k·10/5) = 2, 4, 6, 8 of the sorted values */
    assert_cuts(seg, LTV_RFM_FREQUENCY, (double[]){1, 1, 1, 2});
    assert_cuts(seg, LTV_RFM_MONETARY, (double[]){200, 400, 600, 800});
    assert_cuts(seg, LTV_RFM_RECENCY, (double[]){30, 50, 70, 90});
    const uint8_t want_r[10] = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};
    const uint8_t want_f[10] = {1, 1, 1, 1, 1, 1, 1, 4, 5, 5}; /* one order: equal values share score 1 */
    const uint8_t want_m[10] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (int i = 1; i <= 10; i++) {
        char id[8];
        snprintf(id, sizeof id, "c%02d", i);
        ltv_customer_segment s = seg_of(seg, id);
        cr_assert_eq(s.r, want_r[i - 1], "%s r=%d", id, s.r);
        cr_assert_eq(s.f, want_f[i - 1], "%s f=%d", id, s.f);
        cr_assert_eq(s.m, want_m[i - 1], "%s m=%d", id, s.m);
    }
    uint64_t counts[10];
    size_t n;
    cr_assert_eq(ltv_segmentation_score_counts(seg, LTV_RFM_FREQUENCY, counts, 10, &n), LTV_OK);
    cr_assert_eq(n, 5);
    const uint64_t want_counts[5] = {7, 0, 0, 1, 2};
    for (int k = 0; k < 5; k++) cr_assert_eq(counts[k], want_counts[k]);
    cr_assert_eq(ltv_segmentation_score_counts(seg, LTV_RFM_FREQUENCY, counts, 4, &n), LTV_EBUFSIZE);
    cr_assert_eq(n, 5);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, type7_mode_like_the_r_rfm_package) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_TYPE7), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg);
    /* h = 9·k/5 + 1 = 2.8, 4.6, 6.4, 8.2 */
    assert_cuts(seg, LTV_RFM_FREQUENCY, (double[]){1, 1, 1, 2.2});
    assert_cuts(seg, LTV_RFM_MONETARY, (double[]){280, 460, 640, 820});
    assert_cuts(seg, LTV_RFM_RECENCY, (double[]){28, 46, 64, 82});
    cr_assert_eq(seg_of(seg, "c01").f, 4); /* half-open bins: 1 reaches the three cut points at 1 */
    cr_assert_eq(seg_of(seg, "c08").f, 4);
    cr_assert_eq(seg_of(seg, "c09").f, 5);
    cr_assert_eq(seg_of(seg, "c02").m, 1);
    cr_assert_eq(seg_of(seg, "c03").m, 2);
    cr_assert_eq(seg_of(seg, "c01").r, 5);
    cr_assert_eq(seg_of(seg, "c03").r, 4); /* 30 days: reaches 28 */
    cr_assert_eq(seg_of(seg, "c10").r, 1);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, fixed_thresholds) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_FIXED), LTV_OK);
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day(AS_OF)), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "4 recency thresholds, 0 set"), "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_RECENCY, (int64_t[]){30, 60, 90, 365}, 4), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_FREQUENCY, (int64_t[]){2, 3, 4, 5}, 4), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_MONETARY, (int64_t[]){200, 400, 600, 800}, 4), LTV_OK);
    seg = run(ledger, cfg);
    cr_assert_eq(seg_of(seg, "c02").r, 5); /* 20 days */
    cr_assert_eq(seg_of(seg, "c03").r, 4); /* 30 days reaches 30 */
    cr_assert_eq(seg_of(seg, "c10").r, 2); /* 100 days */
    cr_assert_eq(seg_of(seg, "c10").f, 5); /* 5 orders */
    cr_assert_eq(seg_of(seg, "c08").f, 2);
    cr_assert_eq(seg_of(seg, "c02").m, 2); /* 200 reaches 200 */
    cr_assert_eq(seg_of(seg, "c01").m, 1);
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_MONETARY, (int64_t[]){5, 5}, 2), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, 3, (int64_t[]){5}, 1), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_thresholds(cfg, 0, (int64_t[]){5}, 0), LTV_ERANGE);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, presets_first_match_and_custom_tables) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segmentation *seg = run(ledger, NULL);
    /* c09: r1 f5 m5 → "Cannot lose them" (r 1, f 4-5, m 4-5) */
    ltv_customer_segment s = seg_of(seg, "c09");
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, s.preset, LTV_LANG_EN), "Cannot lose them");
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, s.preset, LTV_LANG_JA), "失いたくない顧客");
    /* c01: r5 f1 m1 → "New customers" */
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, seg_of(seg, "c01").preset, LTV_LANG_EN), "New customers");
    uint64_t total = 0;
    for (size_t p = 0; p <= ltv_segmentation_preset_count(seg); p++) total += ltv_segmentation_preset_customers(seg, p);
    cr_assert_eq(total, 10);
    ltv_segmentation_free(seg);

    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_clear_presets(cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "Big", 3, "大口", strlen("大口"), 1, 5, 1, 5, 4, 5), LTV_OK);
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "Recent", 6, "最近", strlen("最近"), 4, 5, 1, 5, 1, 5), LTV_OK);
    seg = run(ledger, cfg);
    cr_assert_eq(ltv_segmentation_preset_count(seg), 2);
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, seg_of(seg, "c10").preset, LTV_LANG_EN), "Big");
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, seg_of(seg, "c01").preset, LTV_LANG_JA), "最近");
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, seg_of(seg, "c05").preset, LTV_LANG_EN), "Other");
    cr_assert_eq(ltv_segmentation_preset_customers(seg, 0), 4); /* m 4-5: c07..c10 */
    cr_assert_eq(ltv_segmentation_preset_customers(seg, 1), 4); /* r 4-5 left: c01..c04 */
    cr_assert_eq(ltv_segmentation_preset_customers(seg, 2), 2);
    cr_assert_null(ltv_segmentation_preset_name(seg, 3, LTV_LANG_EN));
    cr_assert_null(ltv_segmentation_preset_name(seg, 0, 7));
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "x", 1, "x", 1, 3, 2, 1, 5, 1, 5), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "recency range 3..2"));
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "x", 1, "x", 1, 1, 11, 1, 5, 1, 5), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "\xff", 1, "x", 1, 1, 5, 1, 5, 1, 5), LTV_EENCODING);
    cr_assert_eq(ltv_segment_config_add_preset(cfg, "", 0, "x", 1, 1, 5, 1, 5, 1, 5), LTV_ERANGE);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, group_stats_and_ltv_decomposition) {
    ltv_ledger *ledger = fx_ledger();
    add_history(ledger, "a", (int[]){700, 10}, 2);  /* repeat, 2 orders × 1000, tenure 690 */
    add_history(ledger, "b", (int[]){20}, 1);       /* new */
    add_history(ledger, "c", (int[]){400}, 1);      /* dormant */
    ltv_segmentation *seg = run(ledger, NULL);
    ltv_group_stats st;
    cr_assert_eq(ltv_segmentation_state_stats(seg, LTV_STATE_REPEAT, &st, sizeof st), LTV_OK);
    cr_assert_eq(st.customers, 1);
    cr_assert_eq(st.revenue, 2000);
    cr_assert_float_eq(st.customer_share, 1.0 / 3, 1e-12);
    cr_assert_float_eq(st.revenue_share, 0.5, 1e-12);
    cr_assert_float_eq(st.active_years, 690.0 / 365, 1e-12);
    cr_assert_float_eq(st.orders_per_year, 2 / (690.0 / 365), 1e-12);
    cr_assert_float_eq(st.average_order_value, 1000, 1e-12);
    cr_assert_float_eq(st.active_years * st.orders_per_year * st.average_order_value, 2000, 1e-9);
    cr_assert_float_eq(st.average_ltv, 1000, 1e-12); /* annual basis: one order in the year */
    cr_assert_eq(ltv_segmentation_state_stats(seg, LTV_STATE_DORMANT, &st, sizeof st), LTV_OK);
    cr_assert_eq(st.customers, 1);
    cr_assert_float_eq(st.active_years, 1.0, 1e-12); /* at least one year */
    cr_assert_eq(ltv_segmentation_rank_stats(seg, LTV_RANK_NURTURE, &st, sizeof st), LTV_OK);
    cr_assert_eq(st.customers, 1);
    cr_assert_eq(ltv_segmentation_rank_stats(seg, LTV_RANK_GENERAL, &st, sizeof st), LTV_OK);
    cr_assert_eq(st.customers, 1);
    cr_assert_eq(st.year_revenue, 1000);
    ltv_ltv_summary ls;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &ls, sizeof ls), LTV_OK);
    cr_assert_eq(ls.customers, 3);
    cr_assert_float_eq(ls.average_ltv, 2000.0 / 3, 1e-9); /* annual: 1000 + 1000 + 0 */
    cr_assert_eq(ls.continuing_customers, 2);
    cr_assert_float_eq(ls.continuing_average_ltv, 1500, 1e-9); /* lifetime: (2000 + 1000) / 2 */
    cr_assert_eq(ls.churned_customers, 1);
    cr_assert_float_eq(ls.churned_average_ltv, 1000, 1e-9);
    cr_assert_float_eq(ls.retention_value, 500, 1e-9);
    cr_assert_eq(ls.core_customers, 2); /* top 1 %: K = 1, threshold 1000, tie included */
    cr_assert_eq(ls.core_threshold, 1000);
    cr_assert_float_eq(ls.core_revenue_share, 1.0, 1e-12);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, top_excellent_and_high_ltv_general) {
    ltv_ledger *ledger = fx_ledger();
    char id[16];
    for (int i = 1; i <= 10; i++) { /* excellent: 4 orders in the year, annual LTV 100·i·4 */
        snprintf(id, sizeof id, "e%02d", i);
        for (int k = 0; k < 4; k++) add_days_ago(ledger, id, 10 + 50 * k, 100 * i);
    }
    for (int i = 1; i <= 3; i++) { /* general: an old order and one in the year */
        snprintf(id, sizeof id, "g%d", i);
        add_days_ago(ledger, id, 500, 100);
        add_days_ago(ledger, id, 30, 600 * i);
    }
    ltv_segmentation *seg = run(ledger, NULL);
    ltv_ltv_summary ls;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &ls, sizeof ls), LTV_OK);
    /* top 10 % of 10 excellent: K = 1 → the best, 4000 */
    cr_assert_eq(ls.top_excellent_threshold, 4000);
    cr_assert_eq(ls.top_excellent_customers, 1);
    cr_assert(seg_of(seg, "e10").flags & LTV_FLAG_TOP_EXCELLENT);
    cr_assert_not(seg_of(seg, "e09").flags & LTV_FLAG_TOP_EXCELLENT);
    /* 25th percentile of excellent annual LTV: position ceil(2.5) = 3 → 1200 */
    cr_assert_eq(ls.high_ltv_general_threshold, 1200);
    cr_assert_eq(ls.high_ltv_general_customers, 2);
    cr_assert_not(seg_of(seg, "g1").flags & LTV_FLAG_HIGH_LTV_GENERAL); /* 600 */
    cr_assert(seg_of(seg, "g2").flags & LTV_FLAG_HIGH_LTV_GENERAL);     /* 1200 reaches it */
    cr_assert(seg_of(seg, "g3").flags & LTV_FLAG_HIGH_LTV_GENERAL);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, cpo_verdict_boundaries) {
    ltv_ledger *ledger = fx_ledger();
    add_days_ago(ledger, "a", 10, 1000);
    add_days_ago(ledger, "b", 10, 2000); /* average annual LTV 1500 */
    ltv_segmentation *seg = run(ledger, NULL);
    int verdict;
    double ratio;
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, 1499, &verdict, &ratio), LTV_OK);
    cr_assert_eq(verdict, LTV_CPO_PROFITABLE);
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, 1500, &verdict, &ratio), LTV_OK);
    cr_assert_eq(verdict, LTV_CPO_BREAK_EVEN);
    cr_assert_float_eq(ratio, 1.0, 1e-12);
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, 1501, &verdict, NULL), LTV_OK);
    cr_assert_eq(verdict, LTV_CPO_LEAKING);
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, -1, &verdict, NULL), LTV_ERANGE);
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, 1, NULL, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_cpo_verdict_label(LTV_CPO_LEAKING, LTV_LANG_JA), "ダダ漏れ"));
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

static int compare_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* n values, wide (radix path) or within a small range (counting path), every fifth filtered
 * out; the order statistics must be those of sorting, whatever the threads. */
static void check_order_statistics(size_t n, bool wide) {
    int64_t *values = malloc(n * sizeof *values), *sorted = malloc(n * sizeof *sorted);
    int8_t *filter = malloc(n);
    uint64_t state = 12345;
    for (size_t i = 0; i < n; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        int64_t v = wide ? (int64_t)(state >> 1) : (int64_t)(state >> 46);
        if (wide && i % 3 == 0) v = (int64_t)(state >> 50);
        if (i % 7 == 0) v = -v;
        values[i] = v;
        filter[i] = (int8_t)(i % 5 == 0 ? -1 : 0);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (filter[i] == 0) sorted[m++] = values[i];
    qsort(sorted, m, sizeof *sorted, compare_i64);
    uint64_t ranks[] = {1, 2, m / 5, m / 2, m - 1, m, 77777};
    for (int threads = 1; threads <= 3; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        int64_t out[7];
        cr_assert_eq(ltv__order_stats(values, 8, n, filter, 0, 0, ranks, 7, out), LTV_OK);
        for (int j = 0; j < 7; j++)
            cr_assert_eq(out[j], sorted[ranks[j] - 1], "rank %llu, %d threads", (unsigned long long)ranks[j], threads);
    }
    free(values);
    free(sorted);
    free(filter);
}

Test(segment, order_statistics_match_sorting_on_wide_values) {
    /* wide 64-bit values force the radix path, many duplicates the counting path below it */
    check_order_statistics(300000, true);
}

Test(segment, order_statistics_match_sorting_across_threads) {
    /* enough values for the passes to split across threads, both paths */
    check_order_statistics(1200000, true);
    check_order_statistics(1200000, false);
}

/* Ascending values (and keys of ascending doubles) never get a lower bucket; every integer
 * below 64 has its own; the extremes stay inside the histogram. */
Test(segment, value_buckets_keep_the_order) {
    const int64_t ints[] = {INT64_MIN, INT64_MIN + 1, -(INT64_C(1) << 53) - 1, -123456789, -65, -64, -63, -2, -1,
                            0,         1,            2,                        63,         64,  65,  1000, 1001,
                            (INT64_C(1) << 53) + 1, INT64_MAX - 1, INT64_MAX};
    const size_t n_ints = sizeof ints / sizeof *ints;
    for (size_t i = 0; i < n_ints; i++) {
        cr_assert_lt(ltv__bucket_of_i64(ints[i]), LTV__BUCKETS);
        if (i > 0) cr_assert_leq(ltv__bucket_of_i64(ints[i - 1]), ltv__bucket_of_i64(ints[i]), "%lld", (long long)ints[i]);
    }
    for (int64_t v = -64; v < 64; v++) cr_assert_lt(ltv__bucket_of_i64(v), ltv__bucket_of_i64(v + 1), "%lld", (long long)v);
    const double doubles[] = {-1e300, -3.5e19, -1e6, -2.5, -1e-9, -1e-12, -0.0, 0.0, 1e-300, 1e-12, 1e-9, 0.333,
                              1.0,    1.5,     2.0,  1e6,  1.8e19, 2e19,  1e300};
    const size_t n_doubles = sizeof doubles / sizeof *doubles;
    for (size_t i = 0; i < n_doubles; i++) {
        const size_t b = ltv__bucket_of_key(ltv__double_key(doubles[i]));
        cr_assert_lt(b, LTV__BUCKETS);
        if (i > 0) cr_assert_leq(ltv__bucket_of_key(ltv__double_key(doubles[i - 1])), b, "%g", doubles[i]);
    }
    /* an integer and the double of the same value share a bucket (positive integers take a
     * shorter way there) */
    for (size_t i = 0; i < n_ints; i++)
        cr_assert_eq(ltv__bucket_of_i64(ints[i]), ltv__bucket_of_key(ltv__double_key((double)ints[i])));
    uint64_t state = 5;
    for (int i = 0; i < 200000; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const int64_t v = (int64_t)(state >> (1 + (state >> 58) % 63)) * (i % 3 == 0 ? -1 : 1);
        cr_assert_eq(ltv__bucket_of_i64(v), ltv__bucket_of_key(ltv__double_key((double)v)), "%lld", (long long)v);
    }
}

/* Order statistics from histograms counted by ranges (as pass 1 counts them) against sorting
 * and against the counting path of ltv__order_stats, for 1..3 ranges: integers (wide, narrow,
 * negative, all equal) and PyMC's double keys; integers that fit in 32 bits also as a narrow
 * pass 1 leaves them (32-bit values, the states in packed words). */
static void check_counted(const int64_t *values, size_t n, bool keys, const int8_t *filter) {
    int32_t *narrow = malloc((n ? n : 1) * sizeof *narrow), *words = malloc((n ? n : 1) * sizeof *words);
    bool fits = !keys;
    for (size_t i = 0; i < n; i++) {
        narrow[i] = (int32_t)values[i];
        fits &= narrow[i] == values[i];
        const int8_t rank = (int8_t)((int)(i % 5) - 1);
        words[i] = (int32_t)ltv__pack_customer((int32_t)(i % 9000), (int32_t)(i % 8192), filter[i], rank);
    }
    int64_t *sorted = malloc((n ? n : 1) * sizeof *sorted);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (filter[i] >= 0) sorted[m++] = values[i];
    qsort(sorted, m, sizeof *sorted, compare_i64);
    const uint64_t ranks[] = {1, m > 1 ? 2 : 1, m / 5 ? m / 5 : 1, m / 2 ? m / 2 : 1, m > 1 ? m - 1 : 1, m, m / 3 ? m / 3 : 1};
    uint64_t *hist = calloc(3 * LTV__BUCKETS, sizeof *hist);
    for (int parts = 1; parts <= 3; parts++) {
        memset(hist, 0, 3 * LTV__BUCKETS * sizeof *hist);
        ltv__bucket_counts counts[3];
        for (int p = 0; p < parts; p++) {
            const size_t begin = n * (size_t)p / (size_t)parts, end = n * (size_t)(p + 1) / (size_t)parts;
            uint64_t *h = hist + (size_t)p * LTV__BUCKETS;
            for (size_t i = begin; i < end; i++)
                if (filter[i] >= 0) h[keys ? ltv__bucket_of_key(values[i]) : ltv__bucket_of_i64(values[i])]++;
            counts[p] = (ltv__bucket_counts){begin, end, h};
        }
        int64_t out[7], plain[7];
        cr_assert_eq(ltv__order_stats_counted(values, 8, keys, filter, NULL, 0, 3, counts, parts, ranks, 7, out), LTV_OK,
                     "%s", ltv_last_error());
        cr_assert_eq(ltv__order_stats(values, 8, n, filter, 0, 3, ranks, 7, plain), LTV_OK);
        for (int j = 0; j < 7; j++) {
            cr_assert_eq(out[j], sorted[ranks[j] - 1], "rank %llu of %zu, %d ranges", (unsigned long long)ranks[j], m, parts);
            cr_assert_eq(plain[j], out[j]);
        }
        if (fits) {
            int64_t packed[7];
            cr_assert_eq(ltv__order_stats_counted(narrow, 4, false, NULL, words, 0, 3, counts, parts, ranks, 7, packed),
                         LTV_OK, "%s", ltv_last_error());
            for (int j = 0; j < 7; j++)
                cr_assert_eq(packed[j], out[j], "narrow: rank %llu of %zu", (unsigned long long)ranks[j], m);
        }
        const uint64_t beyond = m + 1;
        cr_assert_eq(ltv__order_stats_counted(values, 8, keys, filter, NULL, 0, 3, counts, parts, &beyond, 1, out),
                     LTV_ERANGE);
    }
    free(hist);
    free(sorted);
    free(narrow);
    free(words);
}

Test(segment, order_statistics_from_counted_buckets_match_sorting) {
    const size_t n = 300000;
    int64_t *values = malloc(n * sizeof *values);
    int8_t *filter = malloc(n);
    uint64_t state = 777;
    for (int kind = 0; kind < 5; kind++) {
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const uint64_t r = state >> 11;
            int64_t v;
            switch (kind) {
            case 0: v = (int64_t)(state >> (1 + r % 60)); break;       /* wide: every magnitude */
            case 1: v = (int64_t)(r % 30000) - 3000; break;             /* amounts with refunds */
            case 2: v = 5000; break;                                    /* all equal */
            case 3: v = (int64_t)(r % 3) - 1; break;                    /* -1, 0, 1 */
            default: v = ltv__double_key(((double)(r % 2000000) - 100000.0) / (double)(1 + r % 7)); /* PyMC means */
            }
            values[i] = i % 7 == 0 && kind == 0 ? -v : v;
            filter[i] = (int8_t)(i % 5 == 0 ? -1 : (int8_t)(i % 4));
        }
        cr_assert_eq(ltv_set_threads(1 + kind % 3), LTV_OK);
        check_counted(values, n, kind == 4, filter);
        check_counted(values, 1, kind == 4, filter + 1); /* one value */
    }
    ltv_set_threads(2);
    free(values);
    free(filter);
}

/* What ltv__top_values keeps of 1..3 streams (merged as a run merges its ranges) holds the
 * K-th largest of all their values for every K <= want: random, rising, falling, mostly
 * zero, all equal and INT64_MIN values, wants small enough for the floor to rise often. */
static void check_top_values(const int64_t *values, size_t n, size_t want) {
    int64_t *sorted = malloc(n * sizeof *sorted), *merged = malloc((n + 3 * want + 1) * sizeof *merged);
    memcpy(sorted, values, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_i64);
    for (size_t streams = 1; streams <= 3; streams++) {
        size_t merged_count = 0;
        for (size_t t = 0; t < streams; t++) {
            ltv__top_values top = {NULL, 0, 0, want, 0, INT64_MIN};
            for (size_t i = n * t / streams; i < n * (t + 1) / streams; i++)
                cr_assert_eq(ltv__top_values_add(&top, values[i]), LTV_OK);
            for (size_t i = 0; i < top.count; i++) cr_assert_gt(top.values[i], top.floor);
            if (top.count) memcpy(merged + merged_count, top.values, top.count * sizeof *merged);
            merged_count += top.count; /* the values, then the ties, as run.c joins them */
            ltv__top_values_append_ties(&top, merged, &merged_count);
            free(top.values);
        }
        cr_assert_leq(merged_count, n);
        const size_t ks[] = {1, want / 2 ? want / 2 : 1, want};
        for (int j = 0; j < 3; j++) {
            const uint64_t rank = (uint64_t)(merged_count + 1 - ks[j]);
            int64_t got;
            cr_assert_eq(ltv__order_stats(merged, 8, merged_count, NULL, 0, 0, &rank, 1, &got), LTV_OK);
            cr_assert_eq(got, sorted[n - ks[j]], "K = %zu of %zu, want %zu, %zu streams", ks[j], n, want, streams);
        }
    }
    free(sorted);
    free(merged);
}

Test(segment, top_values_keep_the_largest) {
    const size_t n = 50000;
    int64_t *values = malloc(n * sizeof *values);
    uint64_t state = 99;
    for (int kind = 0; kind < 6; kind++) {
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const int64_t r = (int64_t)(state >> 40) - (INT64_C(1) << 23);
            values[i] = kind == 0 ? r : kind == 1 ? (int64_t)i : kind == 2 ? -(int64_t)i
                        : kind == 3 ? (state >> 60 ? 0 : r) : kind == 4 ? 7 : (state >> 62 ? INT64_MIN : r);
        }
        check_top_values(values, n, 1);
        check_top_values(values, n, 37);
        check_top_values(values, n, 600);
        check_top_values(values, n, n);
    }
    free(values);
}

/* The monetary cut points (counted into buckets by pass 1, then gathered) and the core
 * threshold (from the largest values pass 1 kept) of a run equal the order statistics of the
 * result's columns selected the other way, on two ranges of customers (a generated log with
 * refunds) and on one, for both LTV bases and core shares of 0.1 %, 1 % and all. */
static void check_counted_run(const ltv_ledger *ledger, int basis, int64_t core_permille) {
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, basis), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_CORE_PERMILLE, core_permille), LTV_OK);
    for (int threads = 1; threads <= 3; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        ltv_segmentation *seg = run(ledger, cfg);
        ltv__segmentation_columns(seg); /* annual LTV is written on first use */
        const size_t n = seg->n;
        const uint64_t with_orders = seg->customers_with_orders;
        uint64_t ranks[4];
        for (uint64_t j = 1; j <= 4; j++) ranks[j - 1] = (j * with_orders + 4) / 5;
        int64_t expected[4];
        cr_assert_eq(ltv__order_stats(seg->lifetime, 8, n, seg->state, 0, LTV_STATE_COUNT - 1, ranks, 4, expected), LTV_OK);
        double cuts[4];
        size_t len;
        cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_MONETARY, cuts, 4, &len), LTV_OK);
        cr_assert_eq(len, 4);
        for (int j = 0; j < 4; j++) cr_assert_eq(cuts[j], (double)expected[j], "cut %d, %d threads", j, threads);
        const uint64_t k = ((uint64_t)core_permille * with_orders + 999) / 1000, core = with_orders + 1 - (k < 1 ? 1 : k);
        int64_t core_expected;
        cr_assert_eq(ltv__order_stats(basis == LTV_BASIS_LIFETIME ? seg->lifetime : seg->annual, 8, n, seg->state, 0,
                                      LTV_STATE_COUNT - 1, &core, 1, &core_expected), LTV_OK);
        ltv_ltv_summary s;
        cr_assert_eq(ltv_segmentation_ltv_summary(seg, &s, sizeof s), LTV_OK);
        cr_assert_eq(s.core_threshold, core_expected, "%d threads", threads);
        ltv_segmentation_free(seg);
    }
    ltv_set_threads(2);
    ltv_segment_config_free(cfg);
}

Test(segment, counted_cut_points_match_the_columns) {
    fx_log log = fx_log_generate(600000, 400000, 11);
    ltv_ledger *big = fx_ledger();
    fx_log_add(big, &log, 0, log.rows);
    fx_log_free(&log);
    cr_assert_geq(ltv_ledger_customer_count(big), 200000); /* pass 1 splits into ranges */
    ltv_ledger *small = fx_ledger();
    add_days_ago(small, "a", 10, 5000);
    add_days_ago(small, "b", 20, 5000);
    add_days_ago(small, "c", 30, 5000);
    add_days_ago(small, "d", 40, 5000);
    add_days_ago(small, "e", 50, 5000);
    cr_assert_eq(ltv_ledger_add_event(small, "e", 1, LTV_EVENT_REFUND, fx_day(AS_OF) - 5, -9000, 0), LTV_OK);
    ltv_ledger *old = fx_ledger(); /* no order in the trailing year: every annual LTV is 0 */
    for (int c = 0; c < 3000; c++) {
        char id[16];
        snprintf(id, sizeof id, "o%d", c);
        add_days_ago(old, id, 400 + c % 300, 100 + c);
    }
    const int64_t permilles[] = {1, 10, 1000}; /* the core's share: pass 1 keeps its largest values */
    for (int basis = 0; basis < 2; basis++)
        for (int p = 0; p < 3; p++) {
            check_counted_run(big, basis, permilles[p]);
            check_counted_run(small, basis, permilles[p]);
            check_counted_run(old, basis, permilles[p]);
        }
    ltv_ledger_free(big);
    ltv_ledger_free(small);
    ltv_ledger_free(old);
}

Test(segment, merged_shards_segment_like_the_whole) {
    fx_log log = fx_log_generate(30000, 4000, 5);
    ltv_ledger *whole = fx_ledger(), *a = fx_ledger(), *b = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    fx_log_add(a, &log, 0, 12000);
    fx_log_add(b, &log, 12000, log.rows);
    cr_assert_eq(ltv_ledger_merge(b, a), LTV_OK); /* b's customers first: a different index order */
    ltv_segmentation *sw, *sm;
    cr_assert_eq(ltv_segment_run(&sw, whole, NULL, fx_day("2026-11-01")), LTV_OK);
    cr_assert_eq(ltv_segment_run(&sm, b, NULL, fx_day("2026-11-01")), LTV_OK);
    for (uint64_t i = 0; i < ltv_ledger_customer_count(whole); i++) {
        const char *id;
        size_t len;
        cr_assert_eq(ltv_ledger_customer_id(whole, i, &id, &len), LTV_OK);
        ltv_customer_segment x, y;
        cr_assert_eq(ltv_segmentation_customer(sw, i, &x, sizeof x), LTV_OK);
        cr_assert_eq(ltv_segmentation_find(sm, id, len, &y, sizeof y), LTV_OK);
        if (memcmp(&x, &y, sizeof x) != 0) cr_assert_fail("customer %s differs", id);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats x, y;
        ltv_segmentation_state_stats(sw, s, &x, sizeof x);
        ltv_segmentation_state_stats(sm, s, &y, sizeof y);
        cr_assert_eq(memcmp(&x, &y, sizeof x), 0, "state %d", s);
    }
    ltv_ltv_summary x, y;
    ltv_segmentation_ltv_summary(sw, &x, sizeof x);
    ltv_segmentation_ltv_summary(sm, &y, sizeof y);
    cr_assert_eq(memcmp(&x, &y, sizeof x), 0);
    /* totals are preserved: the states partition the customers with orders */
    uint64_t customers = 0;
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats g;
        ltv_segmentation_state_stats(sw, s, &g, sizeof g);
        customers += g.customers;
    }
    cr_assert_eq(customers, x.customers);
    ltv_segmentation_free(sw);
    ltv_segmentation_free(sm);
    ltv_ledger_free(whole);
    ltv_ledger_free(a);
    ltv_ledger_free(b);
    fx_log_free(&log);
}

Test(segment, columns_borrowed_and_copied) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segmentation *seg = run(ledger, NULL);
    const void *data;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_LIFETIME_LTV, &data, &n), LTV_OK);
    cr_assert_eq(n, 10);
    cr_assert_eq(((const int64_t *)data)[9], 1000);
    uint8_t m[10];
    cr_assert_eq(ltv_segmentation_copy_column(seg, LTV_COLUMN_M, NULL, 0, &n), LTV_EBUFSIZE);
    cr_assert_eq(n, 10);
    cr_assert_eq(ltv_segmentation_copy_column(seg, LTV_COLUMN_M, m, 10, &n), LTV_OK);
    cr_assert_eq(m[9], 5);
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE_BEFORE + 1, &data, &n), LTV_EINVAL);
    cr_assert_eq(ltv_segmentation_copy_column(seg, -1, m, 10, &n), LTV_EINVAL);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, empty_ledger) {
    ltv_ledger *ledger = fx_ledger();
    ltv_segmentation *seg = run(ledger, NULL);
    cr_assert_eq(ltv_segmentation_customer_count(seg), 0);
    size_t n;
    double cuts[9];
    cr_assert_eq(ltv_segmentation_thresholds(seg, 0, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 0);
    int verdict;
    cr_assert_eq(ltv_segmentation_cpo_verdict(seg, 0, &verdict, NULL), LTV_OK);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, bad_settings_name_their_bounds) {
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    struct { int param; int64_t value; const char *needle; } cases[] = {
        {LTV_SEG_DORMANT_DAYS, 0, "LTV_SEG_DORMANT_DAYS 0 is outside 1..36500"},
        {LTV_SEG_CANCEL_IS_DORMANT, 2, "0..1"},
        {LTV_SEG_FAN_MIN_ORDERS, 1, "2..1000000"},
        {LTV_SEG_FAN_MIN_TENURE_DAYS, -1, "0..36500"},
        {LTV_SEG_RFM_BINS, 11, "2..10"},
        {LTV_SEG_RFM_MODE, 5, "0..4"},
        {LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 2, "3..1000000"},
        {LTV_SEG_SEMI_MIN_YEAR_ORDERS, 1, "2..999999"},
        {LTV_SEG_TOP_EXCELLENT_PERMILLE, 0, "1..1000"},
        {LTV_SEG_HIGH_GENERAL_PERCENTILE, 101, "0..100"},
        {LTV_SEG_CORE_PERMILLE, 1001, "1..1000"},
        {LTV_SEG_LTV_BASIS, 2, "0..1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_eq(ltv_segment_config_set_i64(cfg, cases[i].param, cases[i].value), LTV_ERANGE, "param %d", cases[i].param);
        cr_assert_not_null(strstr(ltv_last_error(), cases[i].needle), "%s", ltv_last_error());
    }
    int64_t v;
    cr_assert_eq(ltv_segment_config_get_i64(cfg, LTV_SEG_DORMANT_DAYS, &v), LTV_OK);
    cr_assert_eq(v, 180);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DROP_PERMILLE + 1, 1), LTV_EINVAL);
    /* per-metric bins: 0 (the common setting) or 2..10, never 1 */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_FREQUENCY_BINS, 1), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_FREQUENCY_BINS, 11), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, 2), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, -2), LTV_ERANGE);
    /* the rank limits are a pair: set in any order, checked when segmentation runs */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, 6), LTV_OK);
    {
        ltv_ledger *empty = fx_ledger();
        ltv_segmentation *none = NULL;
        cr_assert_eq(ltv_segment_run(&none, empty, cfg, 0), LTV_ERANGE);
        cr_assert_not_null(strstr(ltv_last_error(), "SEMI_MIN_YEAR_ORDERS 6 must be below"), "%s", ltv_last_error());
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 10), LTV_OK);
        cr_assert_eq(ltv_segment_run(&none, empty, cfg, 0), LTV_OK);
        ltv_segmentation_free(none);
        ltv_ledger_free(empty);
    }
    cr_assert_eq(ltv_segment_config_get_i64(cfg, -1, &v), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_i64(NULL, 0, 1), LTV_EINVAL);
    ltv_segment_config_free(cfg);
    ltv_segment_config_free(NULL);
    ltv_segmentation_free(NULL);
    ltv_ledger *ledger = fx_ledger();
    ltv_segmentation *seg;
    cr_assert_eq(ltv_segment_run(NULL, ledger, NULL, 0), LTV_EINVAL);
    cr_assert_eq(ltv_segment_run(&seg, NULL, NULL, 0), LTV_EINVAL);
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, LTV_DAY_MAX + 2), LTV_ERANGE);
    ltv_customer_segment s;
    seg = run(ledger, NULL);
    cr_assert_eq(ltv_segmentation_customer(seg, 0, &s, sizeof s), LTV_ERANGE);
    cr_assert_eq(ltv_segmentation_customer(seg, 0, &s, 4), LTV_EINVAL);
    cr_assert_eq(ltv_segmentation_find(seg, "x", 1, &s, sizeof s), LTV_ENOTFOUND);
    ltv_group_stats g;
    cr_assert_eq(ltv_segmentation_state_stats(seg, 4, &g, sizeof g), LTV_EINVAL);
    cr_assert_eq(ltv_segmentation_rank_stats(seg, -1, &g, sizeof g), LTV_EINVAL);
    cr_assert_eq(ltv_segmentation_thresholds(seg, 3, NULL, 0, &(size_t){0}), LTV_EINVAL);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

Test(segment, labels_in_both_languages) {
    for (int s = -1; s < LTV_STATE_COUNT; s++)
        for (int lang = 0; lang < 2; lang++) {
            const char *label = ltv_state_label(s, lang);
            cr_assert(label && *label && ltv__utf8_valid(label, strlen(label), NULL));
        }
    for (int r = -1; r < LTV_RANK_COUNT; r++)
        for (int lang = 0; lang < 2; lang++) cr_assert(ltv_rank_label(r, lang) && *ltv_rank_label(r, lang));
    for (int m = 0; m < 3; m++) cr_assert_not_null(ltv_rfm_metric_label(m, LTV_LANG_JA));
    cr_assert_str_eq(ltv_state_label(LTV_STATE_FAN, LTV_LANG_JA), "ファン");
    cr_assert_str_eq(ltv_rank_label(LTV_RANK_EXCELLENT, LTV_LANG_JA), "優良顧客");
    cr_assert_str_eq(ltv_state_label(LTV_STATE_DORMANT, LTV_LANG_EN), "dormant");
    cr_assert_null(ltv_state_label(4, LTV_LANG_EN));
    cr_assert_null(ltv_rank_label(0, 2));
    cr_assert_null(ltv_rfm_metric_label(3, 0));
    cr_assert_null(ltv_cpo_verdict_label(3, 0));
}

/* 1,000 customers, only 5 with an order in the trailing year: the top 1 % by annual LTV
 * (10 customers) would reach LTV 0, but customers worth nothing are never the core. */
Test(segment, core_needs_a_positive_ltv) {
    ltv_ledger *ledger = fx_ledger();
    char id[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(id, sizeof id, "c%04d", i);
        add_days_ago(ledger, id, i < 5 ? 10 : 400, 100 + i);
    }
    ltv_segmentation *seg = run(ledger, NULL);
    ltv_ltv_summary ls;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &ls, sizeof ls), LTV_OK);
    cr_assert_eq(ls.core_customers, 5);
    cr_assert_not(seg_of(seg, "c0999").flags & LTV_FLAG_CORE);
    cr_assert(seg_of(seg, "c0004").flags & LTV_FLAG_CORE);
    /* every customer is dormant or new here: no churned/continuing comparison of empty groups */
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

/* With 3 bins the default segments, written for 1..5, see 1 → 1, 2 → 3, 3 → 5: the worst
 * customers are "Lost", not "Potential loyalists". */
Test(segment, default_presets_with_three_bins) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_BINS, 3), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg);
    ltv_customer_segment c10 = seg_of(seg, "c10"); /* oldest recency, 5 orders, most money */
    cr_assert_eq(c10.r, 1);
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, c10.preset, LTV_LANG_EN), "Cannot lose them");
    ltv_customer_segment c01 = seg_of(seg, "c01"); /* most recent, one order, least money */
    cr_assert_eq(c01.r, 3);
    cr_assert_eq(c01.f, 1);
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, c01.preset, LTV_LANG_EN), "New customers");
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* ---- parity with R rfm 0.3.0 and PyMC-Marketing ------------------------------------------- */

static ltv_ledger *load_rfm_data_orders(void) {
    ltv_ledger *ledger = fx_ledger();
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_column(opts, LTV_CSV_AMOUNT, "revenue", 7), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 0), LTV_OK);
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv(ledger, LTV_TEST_DATA_DIR "/rfm_data_orders.csv", opts, &report), LTV_OK, "%s",
                 ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(report), 4906);
    ltv_load_report_free(report);
    ltv_csv_options_free(opts);
    cr_assert_eq(ltv_ledger_customer_count(ledger), 995);
    return ledger;
}

static ltv_segment_config *config_like(int mode, int bins, const char *table) {
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, mode), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_BINS, bins), LTV_OK);
    cr_assert_eq(ltv_segment_config_use_table(cfg, table, strlen(table)), LTV_OK, "%s", ltv_last_error());
    return cfg;
}

static uint64_t segment_count_named(const ltv_segmentation *seg, const char *name) {
    for (size_t s = 0; s <= ltv_segmentation_segment_count(seg); s++)
        if (strcmp(ltv_segmentation_segment_name(seg, s, LTV_LANG_EN), name) == 0)
            return ltv_segmentation_segment_customers(seg, s);
    cr_assert_fail("no segment named %s", name);
    return 0;
}

/* The vignette "rfm-transaction-level-data" of R rfm 0.3.0: rfm_table_order() with analysis
 * date 2006-12-31 and 5 bins, then rfm_segment() with the documented 10 segments. */
Test(segment, r_rfm_reproduces_the_vignette_counts) {
    ltv_ledger *ledger = load_rfm_data_orders();
    ltv_segment_config *cfg = config_like(LTV_RFM_R_RFM, 5, "r-rfm");
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2006-12-31")), LTV_OK, "%s", ltv_last_error());
    static const struct { const char *name; uint64_t count; } vignette[] = {
        {"Champions", 35},        {"Potential Loyalist", 342}, {"Loyal Customers", 170}, {"Promising", 9},
        {"New Customers", 104},   {"Can't Lose Them", 47},     {"At Risk", 28},          {"Need Attention", 10},
        {"About To Sleep", 102},  {"Lost", 148},               {"Others", 0}};
    for (size_t i = 0; i < sizeof vignette / sizeof vignette[0]; i++)
        cr_assert_eq(segment_count_named(seg, vignette[i].name), vignette[i].count, "%s", vignette[i].name);
    /* the thresholds R prints for this data (?rfm_table_order: recency_bins = c(115, 181, 297, 482), ...) */
    double cuts[9];
    size_t n;
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_RECENCY, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 4);
    cr_assert_float_eq(cuts[0], 115.0, 1e-9);
    cr_assert_float_eq(cuts[1], 181.0, 1e-9);
    cr_assert_float_eq(cuts[2], 297.4, 1e-9);
    cr_assert_float_eq(cuts[3], 482.0, 1e-9);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_FREQUENCY, cuts, 9, &n), LTV_OK);
    cr_assert(cuts[0] == 4 && cuts[1] == 5 && cuts[2] == 6 && cuts[3] == 8);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_MONETARY, cuts, 9, &n), LTV_OK);
    cr_assert_float_eq(cuts[0], 255.8, 1e-9);
    cr_assert_float_eq(cuts[3], 666.0, 1e-9);
    ltv_segmentation_free(seg);
    /* the 1.0 type-7 mode is kept as it was: its cut points are R's minus one */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_TYPE7), LTV_OK);
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2006-12-31")), LTV_OK);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_FREQUENCY, cuts, 9, &n), LTV_OK);
    cr_assert(cuts[0] == 3 && cuts[1] == 4 && cuts[2] == 5 && cuts[3] == 7);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* The hand case: five customers with 1..5 orders. Type-7 quantiles 1.8, 2.6, 3.4, 4.2,
 * plus one: intervals [1, 2.8) [2.8, 3.6) [3.6, 4.4) [4.4, 5.2) [5.2, 6) → 1, 1, 2, 3, 4. */
Test(segment, r_rfm_frequency_of_one_to_five_orders) {
    ltv_ledger *ledger = fx_ledger();
    const char *ids[5] = {"c1", "c2", "c3", "c4", "c5"};
    for (int c = 0; c < 5; c++)
        for (int k = 0; k <= c; k++) add_days_ago(ledger, ids[c], 10 + k, 100);
    ltv_segment_config *cfg = config_like(LTV_RFM_R_RFM, 5, "r-rfm");
    ltv_segmentation *seg = run(ledger, cfg);
    const uint8_t want[5] = {1, 1, 2, 3, 4};
    for (int c = 0; c < 5; c++) cr_assert_eq(seg_of(seg, ids[c]).f, want[c], "%s", ids[c]);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* PyMC-Marketing tests/clv/test_utils.py, class TestRFM: the 14-row fixture. */
static ltv_ledger *pymc_fixture(void) {
    static const struct { const char *id, *day; int64_t amount; } rows[] = {
        {"1", "2015-01-01", 1}, {"1", "2015-02-06", 2}, {"2", "2015-01-01", 2}, {"3", "2015-01-01", 3},
        {"3", "2015-01-02", 1}, {"3", "2015-01-05", 5}, {"4", "2015-01-16", 6}, {"4", "2015-02-02", 3},
        {"4", "2015-02-05", 3}, {"4", "2015-02-05", 6}, {"5", "2015-01-16", 3}, {"5", "2015-01-17", 1},
        {"5", "2015-01-18", 8}, {"6", "2015-02-02", 5}};
    ltv_ledger *ledger = fx_ledger();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        fx_add(ledger, rows[i].id, LTV_EVENT_ORDER, rows[i].day, rows[i].amount, 1);
    return ledger;
}

Test(segment, pymc_reproduces_test_rfm_segmentation_config) {
    ltv_ledger *ledger = pymc_fixture();
    ltv_segment_config *cfg = config_like(LTV_RFM_PYMC, 4, "pymc");
    ltv_segmentation *seg = NULL;
    /* PyMC's observation end is the last day (2015-02-06): here the first day not counted */
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2015-02-07")), LTV_OK, "%s", ltv_last_error());
    static const char *const expected[6] = {"Other", "Inactive Customer", "At Risk Customer", "Premium Customer",
                                            "Repeat Customer", "Top Spender"};
    static const uint8_t scores[6][3] = {{4, 2, 1}, {1, 1, 1}, {1, 3, 2}, {4, 3, 4}, {2, 3, 3}, {3, 1, 4}};
    const char *ids[6] = {"1", "2", "3", "4", "5", "6"};
    const void *column;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_SEGMENT, &column, &n), LTV_OK);
    for (int c = 0; c < 6; c++) {
        ltv_customer_segment s = seg_of(seg, ids[c]);
        cr_assert(s.r == scores[c][0] && s.f == scores[c][1] && s.m == scores[c][2], "customer %s: %d%d%d", ids[c],
                  s.r, s.f, s.m);
        const uint8_t segment = ((const uint8_t *)column)[fx_index(ledger, ids[c])];
        cr_assert_str_eq(ltv_segmentation_segment_name(seg, segment, LTV_LANG_EN), expected[c]);
    }
    /* frequency: duplicate edges dropped, three bins relabelled 1..3 */
    uint64_t counts[10];
    cr_assert_eq(ltv_segmentation_score_counts(seg, LTV_RFM_FREQUENCY, counts, 10, &n), LTV_OK);
    cr_assert_eq(n, 3);
    cr_assert(counts[0] == 2 && counts[1] == 1 && counts[2] == 3);
    double cuts[9];
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_FREQUENCY, cuts, 9, &n), LTV_OK);
    cr_assert(n == 2 && cuts[0] == 1.25 && cuts[1] == 2.5);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_MONETARY, cuts, 9, &n), LTV_OK);
    cr_assert(n == 3 && cuts[0] == 2.25 && cuts[1] == 3.5 && cuts[2] == 4.75);
    ltv_segmentation_free(seg);
    /* the custom config of the same test: {"Test Segment": ["111", "222", "333", "444"]} */
    const char *custom = "Test Segment: codes=111,222,333,444\nOther: other\n";
    cr_assert_eq(ltv_segment_config_load_table(cfg, custom, strlen(custom)), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2015-02-07")), LTV_OK);
    cr_assert_eq(ltv_segmentation_preset_count(seg), 4);
    cr_assert_eq(ltv_segmentation_segment_count(seg), 1);
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_SEGMENT, &column, &n), LTV_OK);
    for (int c = 0; c < 6; c++) {
        const uint8_t got = ((const uint8_t *)column)[fx_index(ledger, ids[c])];
        cr_assert_str_eq(ltv_segmentation_segment_name(seg, got, LTV_LANG_EN), c == 1 ? "Test Segment" : "Other");
    }
    cr_assert_eq(ltv_segmentation_segment_customers(seg, 0), 1);
    cr_assert_eq(ltv_segmentation_segment_customers(seg, 1), 5);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* TestRFM.test_rfm_segmentation_warning: this data leaves two frequency bins. */
Test(segment, pymc_relabels_scores_when_edges_repeat) {
    static const struct { const char *id, *day; int64_t amount; } rows[] = {
        {"1", "2015-01-01", 1}, {"1", "2015-02-06", 2}, {"2", "2015-01-01", 2}, {"3", "2015-01-02", 1},
        {"3", "2015-01-05", 3}, {"4", "2015-01-16", 4}, {"4", "2015-02-05", 5}, {"5", "2015-01-17", 1},
        {"5", "2015-01-18", 2}, {"5", "2015-01-19", 2}};
    ltv_ledger *ledger = fx_ledger();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        fx_add(ledger, rows[i].id, LTV_EVENT_ORDER, rows[i].day, rows[i].amount, 1);
    ltv_segment_config *cfg = config_like(LTV_RFM_PYMC, 4, "pymc");
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2015-02-07")), LTV_OK);
    uint64_t counts[10];
    size_t n;
    cr_assert_eq(ltv_segmentation_score_counts(seg, LTV_RFM_FREQUENCY, counts, 10, &n), LTV_OK);
    cr_assert_eq(n, 2);
    cr_assert(counts[0] == 4 && counts[1] == 1); /* 1, 2, 2, 2 days ≤ 2 → score 1; 3 days → score 2 */
    cr_assert_eq(seg_of(seg, "5").f, 2);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, per_metric_bins) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_RECENCY_BINS, 3), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MONETARY_BINS, 10), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg);
    size_t n;
    double cuts[9];
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_RECENCY, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_FREQUENCY, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 4);
    cr_assert_eq(ltv_segmentation_thresholds(seg, LTV_RFM_MONETARY, cuts, 9, &n), LTV_OK);
    cr_assert_eq(n, 9);
    const void *r;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_R, &r, &n), LTV_OK);
    for (size_t i = 0; i < n; i++) cr_assert(((const uint8_t *)r)[i] >= 1 && ((const uint8_t *)r)[i] <= 3);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* Several entries of one name: the preset functions count entries, the segment functions names. */
Test(segment, entries_that_share_a_name) {
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    const char *table = "# two boxes of one segment\n"
                        "Best | 最良: r=5 f=5\n"
                        "Good: r=4-5 m=4-5\n"
                        "Best | 最良: f=4-5 m=5\n"
                        "Rest: other\n";
    cr_assert_eq(ltv_segment_config_load_table(cfg, table, strlen(table)), LTV_OK, "%s", ltv_last_error());
    ltv_segmentation *seg = run(ledger, cfg);
    cr_assert_eq(ltv_segmentation_preset_count(seg), 3);
    cr_assert_eq(ltv_segmentation_segment_count(seg), 2);
    cr_assert_str_eq(ltv_segmentation_segment_name(seg, 0, LTV_LANG_JA), "最良");
    cr_assert_str_eq(ltv_segmentation_segment_name(seg, 1, LTV_LANG_EN), "Good");
    cr_assert_str_eq(ltv_segmentation_segment_name(seg, 2, LTV_LANG_EN), "Rest");
    cr_assert_eq(ltv_segmentation_preset_segment(seg, 2), 0);
    cr_assert_eq(ltv_segmentation_preset_segment(seg, 3), 2);
    uint64_t total = 0;
    for (size_t s = 0; s <= 2; s++) total += ltv_segmentation_segment_customers(seg, s);
    cr_assert_eq(total, 10);
    cr_assert_eq(ltv_segmentation_segment_customers(seg, 0),
                 ltv_segmentation_preset_customers(seg, 0) + ltv_segmentation_preset_customers(seg, 2));
    const void *column;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_SEGMENT, &column, &n), LTV_OK);
    uint64_t counted[3] = {0};
    for (size_t i = 0; i < n; i++) counted[((const uint8_t *)column)[i]]++;
    for (size_t s = 0; s <= 2; s++) cr_assert_eq(counted[s], ltv_segmentation_segment_customers(seg, s));
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

Test(segment, segment_tables_report_line_and_column) {
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    static const struct { const char *text; int status; const char *needle; } bad[] = {
        {"Champions r=5\n", LTV_EPARSE, "line 1, column 14: expected ':'"},
        {"# ok\nA: r=5\nB: r=0\n", LTV_ERANGE, "line 3, column 6: a score is 1..10"},
        {"A: r=5 r=4\n", LTV_EPARSE, "line 1, column 8: a metric is given twice"},
        {"A: r=5-3\n", LTV_ERANGE, "line 1, column 4: a range goes from the lower"},
        {"A: x=1\n", LTV_EPARSE, "line 1, column 4: expected r=, f= or m="},
        {"A: codes=111,2x2\n", LTV_EPARSE, "line 1, column 15: a code is three scores"},
        {"A:\n", LTV_EPARSE, "line 1, column 3: expected r=, f=, m=, codes= or other"},
        {": r=1\n", LTV_ERANGE, "line 1, column 1: a segment name is 1..64 bytes"},
        {"日本語 | \xff: r=1\n", LTV_EENCODING, "line 1, column 7: not valid UTF-8"},
        {"A: r=11\n", LTV_ERANGE, "line 1, column 6: a score is 1..10"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(ltv_segment_config_load_table(cfg, bad[i].text, strlen(bad[i].text)), bad[i].status, "%zu: %s", i,
                     ltv_last_error());
        cr_assert_not_null(strstr(ltv_last_error(), bad[i].needle), "%zu: %s", i, ltv_last_error());
    }
    /* a failed load leaves the table as it was: the defaults */
    ltv_ledger *ledger = ten_customers(TIED_ORDERS);
    ltv_segmentation *seg = run(ledger, cfg);
    cr_assert_eq(ltv_segmentation_preset_count(seg), 11);
    cr_assert_str_eq(ltv_segmentation_preset_name(seg, 0, LTV_LANG_EN), "Champions");
    ltv_segmentation_free(seg);
    /* 251 rules are too many; CRLF, comments and blank lines are fine */
    char big[251 * 12 + 1];
    size_t len = 0;
    for (int i = 0; i < 251; i++) len += (size_t)snprintf(big + len, sizeof big - len, "S%03d: r=1\r\n", i);
    cr_assert_eq(ltv_segment_config_load_table(cfg, big, len), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "line 251"), "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_config_load_table(cfg, big, len - 11), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_config_load_table_file(cfg, "/nonexistent/table.txt"), LTV_EIO);
    cr_assert_eq(ltv_segment_config_use_table(cfg, "nope", 4), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "r-rfm"));
    for (size_t i = 0; ltv_segment_table_name(i); i++) {
        const char *name = ltv_segment_table_name(i);
        cr_assert_eq(ltv_segment_config_use_table(cfg, name, strlen(name)), LTV_OK, "%s: %s", name, ltv_last_error());
        cr_assert_not_null(ltv_segment_table_text(name, strlen(name)));
    }
    cr_assert_null(ltv_segment_table_name(5));
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* ---- customer-level input --------------------------------------------------------------- */

/* R's rfm_table_customer() scores aggregates exactly as rfm_table_order() scores the orders
 * they come from: the aggregates of rfm_data_orders give the vignette's counts. */
Test(segment, customer_table_reproduces_the_vignette_from_aggregates) {
    ltv_ledger *ledger = load_rfm_data_orders();
    const int32_t as_of = fx_day("2006-12-31");
    ltv_customer_table *table = NULL;
    cr_assert_eq(ltv_customer_table_new(&table), LTV_OK);
    for (uint64_t c = 0; c < ltv_ledger_customer_count(ledger); c++) {
        ltv_customer_facts f;
        const char *id;
        size_t len;
        cr_assert_eq(ltv_ledger_facts(ledger, c, as_of, &f, sizeof f), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_id(ledger, c, &id, &len), LTV_OK);
        /* half by recency days, half by the last order's date: both forms R's data comes in */
        const int32_t day = c % 2 ? f.last_order_day : LTV_NO_DAY, recency = c % 2 ? -1 : f.recency_days;
        cr_assert_eq(ltv_customer_table_add(table, id, len, f.orders, day, recency, f.amount), LTV_OK, "%s",
                     ltv_last_error());
    }
    cr_assert_eq(ltv_customer_table_count(table), 995);
    ltv_segment_config *cfg = config_like(LTV_RFM_R_RFM, 5, "r-rfm");
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run_customers(&seg, table, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(segment_count_named(seg, "Champions"), 35);
    cr_assert_eq(segment_count_named(seg, "Potential Loyalist"), 342);
    cr_assert_eq(segment_count_named(seg, "Lost"), 148);
    cr_assert_eq(segment_count_named(seg, "About To Sleep"), 102);
    /* the same scores customer by customer, and lookups by id through the table */
    ltv_segmentation *orders = NULL;
    cr_assert_eq(ltv_segment_run(&orders, ledger, cfg, as_of), LTV_OK);
    for (uint64_t c = 0; c < 995; c++) {
        ltv_customer_segment a, b;
        const char *id;
        size_t len;
        ltv_ledger_customer_id(ledger, c, &id, &len);
        cr_assert_eq(ltv_segmentation_customer(orders, c, &a, sizeof a), LTV_OK);
        cr_assert_eq(ltv_segmentation_find(seg, id, len, &b, sizeof b), LTV_OK);
        cr_assert(a.r == b.r && a.f == b.f && a.m == b.m && a.preset == b.preset, "%s", id);
        cr_assert_eq(b.rank, LTV_RANK_NONE);
        cr_assert_neq(b.state, LTV_STATE_FAN);
        cr_assert_eq(b.lifetime_ltv, a.lifetime_ltv);
    }
    ltv_ltv_summary s;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &s, sizeof s), LTV_OK);
    cr_assert_eq(s.basis, LTV_BASIS_LIFETIME);
    ltv_segmentation_free(orders);
    ltv_segmentation_free(seg);
    /* an as-of day on or before a last order: refused, naming the customer */
    cr_assert_eq(ltv_segment_run_customers(&seg, table, cfg, fx_day("2006-06-01")), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "is not before the as-of day"), "%s", ltv_last_error());
    ltv_segment_config_free(cfg);
    ltv_customer_table_free(table);
    ltv_ledger_free(ledger);
}

Test(segment, customer_table_rejects_bad_input) {
    ltv_customer_table *table = NULL;
    cr_assert_eq(ltv_customer_table_new(&table), LTV_OK);
    cr_assert_eq(ltv_customer_table_add(table, "a", 1, 3, fx_day("2026-10-01"), -1, 900), LTV_OK);
    cr_assert_eq(ltv_customer_table_add(table, "a", 1, 3, fx_day("2026-10-01"), -1, 900), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "in the table already"));
    cr_assert_eq(ltv_customer_table_add(table, "b", 1, 3, fx_day("2026-10-01"), 10, 900), LTV_EINVAL);
    cr_assert_eq(ltv_customer_table_add(table, "b", 1, 3, LTV_NO_DAY, -1, 900), LTV_EINVAL);
    cr_assert_eq(ltv_customer_table_add(table, "b", 1, -1, LTV_NO_DAY, 5, 900), LTV_ERANGE);
    cr_assert_eq(ltv_customer_table_add(table, "", 0, 1, LTV_NO_DAY, 5, 900), LTV_EINVAL);
    cr_assert_eq(ltv_customer_table_add(table, "c", 1, 1, LTV_NO_DAY, 5, INT64_MAX), LTV_EOVERFLOW);
    cr_assert_eq(ltv_customer_table_count(table), 1);
    /* a file: every row taken or reported with its line and column */
    char path[] = "/tmp/ltv_customers_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    const char *csv = "customer_id,orders,recency_days,revenue\n"
                      "x,2,10,1500\n"
                      "y,two,10,1500\n"
                      "x,1,3,100\n"
                      "a,1,3,100\n"
                      "z,1,-4,100\n"
                      "w,4,30,\"2,000\"\n";
    cr_assert_eq(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
    close(fd);
    ltv_csv_options *opts;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 0), LTV_OK);
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_customer_table_load_csv(table, path, opts, &report), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_read(report), 6);
    cr_assert_eq(ltv_load_report_rows_taken(report), 2);
    cr_assert_eq(ltv_load_report_rows_rejected(report), 4);
    static const struct { uint64_t line; uint32_t column; int reason; } want[] = {
        {3, 2, LTV_ROW_BAD_COUNT}, {4, 1, LTV_ROW_DUPLICATE_ID}, {5, 1, LTV_ROW_DUPLICATE_ID}, {6, 3, LTV_ROW_BAD_COUNT}};
    for (size_t i = 0; i < 4; i++) {
        uint64_t line;
        uint32_t column;
        int reason;
        const char *message;
        cr_assert_eq(ltv_load_report_error(report, i, &line, &column, &reason, &message), LTV_OK);
        cr_assert(line == want[i].line && column == want[i].column && reason == want[i].reason, "%zu: %s", i, message);
    }
    ltv_load_report_free(report);
    cr_assert_eq(ltv_customer_table_count(table), 3);
    uint64_t index;
    cr_assert_eq(ltv_customer_table_find(table, "w", 1, &index), LTV_OK);
    cr_assert_eq(index, 2);
    /* a header with both or neither of the recency and the last order date */
    fd = open(path, O_WRONLY | O_TRUNC);
    const char *both = "customer_id,orders,recency_days,last_order_date,revenue\nq,1,3,2026-01-01,5\n";
    cr_assert_eq(write(fd, both, strlen(both)), (ssize_t)strlen(both));
    close(fd);
    cr_assert_eq(ltv_customer_table_load_csv(table, path, opts, NULL), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), "not both"), "%s", ltv_last_error());
    cr_assert_eq(ltv_customer_table_count(table), 3);
    unlink(path);
    ltv_csv_options_free(opts);
    ltv_customer_table_free(table);
}

/* The state and rank statistics are the sums of their customers' facts, counted by brute force
 * over the columns and ltv_ledger_facts(): pass 1 adds each customer once, to the sums of their
 * (state, rank) pair, and takes the basis sums from the revenue sums at the end, on several
 * ranges of customers (more than 200,000 customers: one range per thread). */
Test(segment, group_stats_are_the_sums_of_their_customers) {
    fx_log log = fx_log_generate(600000, 300000, 5);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    const int32_t as_of = fx_day(AS_OF);
    const size_t n = (size_t)ltv_ledger_customer_count(ledger);
    cr_assert_gt(n, 200000);
    for (int basis = LTV_BASIS_ANNUAL; basis <= LTV_BASIS_LIFETIME; basis++) {
        ltv_segment_config *cfg;
        cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, basis), LTV_OK);
        for (int threads = 1; threads <= 3; threads++) {
            cr_assert_eq(ltv_set_threads(threads), LTV_OK);
            ltv_segmentation *seg = run(ledger, cfg);
            ltv__segmentation_columns(seg); /* orders and annual LTV are written on first use */
            ltv__group_sums states[LTV_STATE_COUNT] = {{0}}, ranks[LTV_RANK_COUNT] = {{0}};
            for (size_t c = 0; c < n; c++) {
                ltv_customer_facts f;
                cr_assert_eq(ltv_ledger_facts(ledger, c, as_of, &f, sizeof f), LTV_OK);
                cr_assert_eq(seg->orders[c], f.orders);
                cr_assert_eq(seg->lifetime[c], f.amount);
                cr_assert_eq(seg->annual[c], f.year_amount);
                if (seg->state[c] == LTV_STATE_NONE) continue;
                ltv__group_sums *groups[2] = {&states[seg->state[c]], NULL};
                if (seg->rank[c] != LTV_RANK_NONE) groups[1] = &ranks[seg->rank[c]];
                for (int g = 0; g < 2 && groups[g]; g++) {
                    groups[g]->customers++;
                    groups[g]->orders += (uint64_t)f.orders;
                    groups[g]->year_orders += (uint64_t)f.year_orders;
                    groups[g]->revenue += f.amount;
                    groups[g]->year_revenue += f.year_amount;
                    groups[g]->basis += basis == LTV_BASIS_LIFETIME ? f.amount : f.year_amount;
                    groups[g]->active_days += (uint64_t)(f.tenure_days > 365 ? f.tenure_days : 365);
                }
            }
            for (int i = 0; i < LTV_STATE_COUNT + LTV_RANK_COUNT; i++) {
                const bool is_state = i < LTV_STATE_COUNT;
                const ltv__group_sums *want = is_state ? &states[i] : &ranks[i - LTV_STATE_COUNT];
                ltv_group_stats got;
                cr_assert_eq(is_state ? ltv_segmentation_state_stats(seg, i, &got, sizeof got)
                                      : ltv_segmentation_rank_stats(seg, i - LTV_STATE_COUNT, &got, sizeof got),
                             LTV_OK);
                cr_assert_eq(got.customers, want->customers, "group %d, %d threads", i, threads);
                cr_assert_eq(got.orders, want->orders, "group %d, %d threads", i, threads);
                cr_assert_eq(got.year_orders, want->year_orders, "group %d, %d threads", i, threads);
                cr_assert_eq(got.revenue, want->revenue, "group %d, %d threads", i, threads);
                cr_assert_eq(got.year_revenue, want->year_revenue, "group %d, %d threads", i, threads);
                if (!want->customers) continue;
                /* the same expressions as the library's, so the same doubles */
                cr_assert(got.average_ltv == (double)want->basis / (double)want->customers, "group %d", i);
                cr_assert(got.active_years == (double)want->active_days / 365.0 / (double)want->customers, "group %d", i);
            }
            ltv_segmentation_free(seg);
        }
        ltv_segment_config_free(cfg);
    }
    ltv_set_threads(2);
    ltv_ledger_free(ledger);
    fx_log_free(&log);
}

/* ---- the counts of a run against its columns ----------------------------------------------
 * A plain run over a ledger counts the flags from what pass 1 kept (the excellent and general
 * customers' annual LTV, the largest basis values of each range with their floor's ties) and
 * writes the columns on first use; the counts must be the tallies of those columns. Amounts
 * from three prices make ties by the hundred thousand at the core threshold (far more than the
 * core's size), and general customers above the high-LTV level, on one to three ranges, for
 * both bases and several core shares; an as-of day
 * 30 years on puts every recency past the histograms (the columns are written before the cut
 * points then). */
static ltv_ledger *three_prices(void) {
    ltv_ledger *ledger = fx_ledger();
    const int32_t base = fx_day("2024-06-01");
    static const int64_t prices[] = {1000, 2000, 5000};
    for (uint32_t c = 0; c < 240000; c++) {
        char id[24];
        const int len = snprintf(id, sizeof id, "p%u", c);
        for (uint32_t k = 0; k <= c % 4; k++) {
            const uint32_t r = c * 2654435761u + k * 97u;
            const int kind = r % 29 == 0 ? LTV_EVENT_REFUND : LTV_EVENT_ORDER;
            cr_assert_eq(ltv_ledger_add_event(ledger, id, (size_t)len, kind, base + (int32_t)(r % 880),
                                              kind == LTV_EVENT_REFUND ? -500 : prices[r % 3], 1),
                         LTV_OK, "%s", ltv_last_error());
        }
    }
    /* general customers (one order in the trailing year, earlier ones too) worth more than
     * most excellent ones: the high-LTV general count */
    for (uint32_t g = 0; g < 1000; g++) {
        char id[24];
        const int len = snprintf(id, sizeof id, "g%u", g);
        cr_assert_eq(ltv_ledger_add_order(ledger, id, (size_t)len, fx_day("2024-07-01"), 1000, 1), LTV_OK);
        cr_assert_eq(ltv_ledger_add_order(ledger, id, (size_t)len, fx_day("2026-06-01"), 90000 + g, 1), LTV_OK);
    }
    return ledger;
}

static void assert_counts_are_tallies(const ltv_segmentation *seg, int basis) {
    const size_t n = (size_t)ltv_segmentation_customer_count(seg);
    const void *data;
    size_t len;
    const int8_t *state, *rank;
    const uint8_t *flags;
    const int64_t *annual, *lifetime;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_STATE, &data, &len), LTV_OK);
    state = data;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_RANK, &data, &len), LTV_OK);
    rank = data;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_FLAGS, &data, &len), LTV_OK);
    flags = data;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_ANNUAL_LTV, &data, &len), LTV_OK);
    annual = data;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_LIFETIME_LTV, &data, &len), LTV_OK);
    lifetime = data;
    ltv_ltv_summary s;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &s, sizeof s), LTV_OK);
    ltv_group_stats excellent;
    cr_assert_eq(ltv_segmentation_rank_stats(seg, LTV_RANK_EXCELLENT, &excellent, sizeof excellent), LTV_OK);
    const bool any_excellent = excellent.customers > 0;
    uint64_t core = 0, top = 0, high = 0, with_orders = 0, dormant = 0;
    int64_t core_total = 0, basis_total = 0, churned = 0, continuing = 0;
    for (size_t c = 0; c < n; c++) {
        if (state[c] == LTV_STATE_NONE) continue;
        const int64_t b = basis == LTV_BASIS_LIFETIME ? lifetime[c] : annual[c];
        with_orders++;
        basis_total += b;
        /* the flags by their definitions, from the columns */
        const bool is_core = b > 0 && b >= s.core_threshold;
        cr_assert_eq((flags[c] & LTV_FLAG_CORE) != 0, is_core, "customer %zu", c);
        core += is_core;
        core_total += is_core ? b : 0;
        const bool is_top = rank[c] == LTV_RANK_EXCELLENT && annual[c] >= s.top_excellent_threshold;
        const bool is_high = rank[c] == LTV_RANK_GENERAL && any_excellent && annual[c] >= s.high_ltv_general_threshold;
        cr_assert_eq((flags[c] & LTV_FLAG_TOP_EXCELLENT) != 0, is_top, "customer %zu", c);
        cr_assert_eq((flags[c] & LTV_FLAG_HIGH_LTV_GENERAL) != 0, is_high, "customer %zu", c);
        top += is_top;
        high += is_high;
        if (state[c] == LTV_STATE_DORMANT) dormant++, churned += lifetime[c];
        else continuing += lifetime[c];
    }
    if (basis_total > 0) cr_assert_gt(core, 0); /* 30 years on, no trailing year: no annual core */
    if (any_excellent) cr_assert_gt(top, 0);
    if (any_excellent) cr_assert_gt(high, 0);
    cr_assert_eq(s.core_customers, core);
    cr_assert_eq(s.top_excellent_customers, top);
    cr_assert_eq(s.high_ltv_general_customers, high);
    cr_assert_eq(s.customers, with_orders);
    cr_assert_eq(s.churned_customers, dormant);
    cr_assert_eq(s.core_revenue_share, basis_total > 0 ? (double)core_total / (double)basis_total : 0.0);
    cr_assert_eq(s.churned_average_ltv, dormant ? (double)churned / (double)dormant : 0.0);
    cr_assert_eq(s.continuing_average_ltv,
                 with_orders > dormant ? (double)continuing / (double)(with_orders - dormant) : 0.0);
}

Test(segment, flag_counts_are_the_tallies_of_the_columns, .timeout = 600) {
    ltv_ledger *ledger = three_prices();
    const int32_t as_of[2] = {fx_day("2026-11-01"), fx_day("2056-11-01")};
    for (int day = 0; day < 2; day++)
        for (int basis = LTV_BASIS_ANNUAL; basis <= LTV_BASIS_LIFETIME; basis++)
            for (int permille = 0; permille < 3; permille++) {
                static const int64_t shares[] = {1, 10, 400};
                ltv_segment_config *cfg;
                cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
                cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, basis), LTV_OK);
                cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_CORE_PERMILLE, shares[permille]), LTV_OK);
                for (int threads = 1; threads <= 3; threads += 2) {
                    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
                    ltv_segmentation *seg = NULL;
                    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, as_of[day]), LTV_OK, "%s", ltv_last_error());
                    assert_counts_are_tallies(seg, basis);
                    ltv_segmentation_free(seg);
                }
                ltv_segment_config_free(cfg);
            }
    ltv_set_threads(2);
    ltv_ledger_free(ledger);
}
