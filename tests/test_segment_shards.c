/* Per-shard segmentation with global cut points (docs/shards.md, section 2): a generated log
 * split by a hash of the customer into 1..5 shards; each shard's summary is shipped as bytes,
 * the summaries merged in several orders, and each shard segmented with the merged summary.
 * Every customer's result and every aggregate must equal the whole ledger's run. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "internal.h"

static unsigned shard_of(const char *id, unsigned k) {
    unsigned h = 0;
    for (const char *p = id; *p; p++) h = h * 31u + (unsigned char)*p;
    return h % k;
}

static ltv_ledger *shard_ledger(const fx_log *log, unsigned k, unsigned shard) {
    ltv_ledger *part = fx_ledger();
    for (size_t i = 0; i < log->rows; i++)
        if (shard_of(log->ids[i], k) == shard) fx_log_add(part, log, i, i + 1);
    return part;
}

/* The summary through its bytes, as it travels between processes. */
static ltv_segment_summary *shipped_summary(const ltv_ledger *ledger, const ltv_segment_config *cfg, int32_t as_of) {
    ltv_segment_summary *made = NULL, *opened = NULL;
    cr_assert_eq(ltv_segment_summary_new(&made, ledger, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    void *bytes;
    size_t len;
    cr_assert_eq(ltv_segment_summary_save_buffer(made, &bytes, &len), LTV_OK);
    cr_assert_eq(ltv_segment_summary_open_buffer(&opened, bytes, len), LTV_OK, "%s", ltv_last_error());
    void *again;
    size_t again_len;
    cr_assert_eq(ltv_segment_summary_save_buffer(opened, &again, &again_len), LTV_OK);
    cr_assert(len == again_len && memcmp(bytes, again, len) == 0, "the round trip changed the bytes");
    ltv_free(bytes);
    ltv_free(again);
    ltv_segment_summary_free(made);
    return opened;
}

static void assert_same_summary(const ltv_segment_summary *a, const ltv_segment_summary *b, const char *what) {
    void *ba, *bb;
    size_t la, lb;
    cr_assert_eq(ltv_segment_summary_save_buffer(a, &ba, &la), LTV_OK);
    cr_assert_eq(ltv_segment_summary_save_buffer(b, &bb, &lb), LTV_OK);
    cr_assert(la == lb && memcmp(ba, bb, la) == 0, "%s: the merged summary differs from the whole's", what);
    ltv_free(ba);
    ltv_free(bb);
}

/* Merges the summaries in one of three orders: forward, backward, or as a tree of pairs. */
static ltv_segment_summary *merged(ltv_segment_summary **sums, unsigned k, int order, const ltv_ledger *empty,
                                   const ltv_segment_config *cfg, int32_t as_of) {
    ltv_segment_summary *into = NULL;
    cr_assert_eq(ltv_segment_summary_new(&into, empty, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    if (order == 2 && k > 1) { /* ((0+1) + (2+3)) + 4 ... */
        ltv_segment_summary *pair = NULL;
        for (unsigned i = 0; i < k; i++) {
            if (i % 2 == 0) cr_assert_eq(ltv_segment_summary_new(&pair, empty, cfg, as_of), LTV_OK);
            cr_assert_eq(ltv_segment_summary_merge(pair, sums[i]), LTV_OK);
            if (i % 2 == 1 || i + 1 == k) {
                cr_assert_eq(ltv_segment_summary_merge(into, pair), LTV_OK);
                ltv_segment_summary_free(pair);
            }
        }
        return into;
    }
    for (unsigned i = 0; i < k; i++)
        cr_assert_eq(ltv_segment_summary_merge(into, sums[order == 1 ? k - 1 - i : i]), LTV_OK, "%s", ltv_last_error());
    return into;
}

static void assert_same_counts(const uint64_t *a, const uint64_t *b, size_t n, const char *what) {
    for (size_t i = 0; i < n; i++) cr_assert_eq(a[i], b[i], "%s %zu: %llu, the whole %llu", what, i, (unsigned long long)a[i], (unsigned long long)b[i]);
}

/* Every per-customer result and every aggregate of the shards' runs against the whole's. */
static void assert_shards_equal_whole(const fx_log *log, const ltv_ledger *whole, const ltv_segment_config *cfg,
                                      int32_t as_of, unsigned k, int order) {
    ltv_segmentation *ws = NULL;
    cr_assert_eq(ltv_segment_run(&ws, whole, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    ltv_ledger *empty = fx_ledger();
    ltv_ledger *parts[5];
    ltv_segment_summary *sums[5];
    for (unsigned s = 0; s < k; s++) {
        parts[s] = shard_ledger(log, k, s);
        sums[s] = shipped_summary(parts[s], cfg, as_of);
    }
    ltv_segment_summary *all = merged(sums, k, order, empty, cfg, as_of);
    ltv_segment_summary *direct = shipped_summary(whole, cfg, as_of);
    assert_same_summary(all, direct, "merge");
    cr_assert_eq(ltv_segment_summary_customer_count(all), ltv_segment_summary_customer_count(direct));
    const size_t presets = ltv_segmentation_preset_count(ws), segments = ltv_segmentation_segment_count(ws);
    uint64_t *preset_sum = calloc(presets + 1, sizeof *preset_sum), *segment_sum = calloc(segments + 1, sizeof *segment_sum);
    uint64_t customers = 0;
    for (unsigned s = 0; s < k; s++) {
        ltv_segmentation *ss = NULL;
        cr_assert_eq(ltv_segment_run_shard(&ss, parts[s], cfg, as_of, all), LTV_OK, "%s", ltv_last_error());
        const uint8_t *seg_column;
        size_t column_len;
        const void *column;
        cr_assert_eq(ltv_segmentation_column(ss, LTV_COLUMN_SEGMENT, &column, &column_len), LTV_OK);
        seg_column = column;
        const uint8_t *whole_segments;
        cr_assert_eq(ltv_segmentation_column(ws, LTV_COLUMN_SEGMENT, &column, &column_len), LTV_OK);
        whole_segments = column;
        for (uint64_t i = 0; i < ltv_ledger_customer_count(parts[s]); i++, customers++) {
            const char *id;
            size_t len;
            uint64_t j;
            cr_assert_eq(ltv_ledger_customer_id(parts[s], i, &id, &len), LTV_OK);
            cr_assert_eq(ltv_ledger_find(whole, id, len, &j), LTV_OK);
            ltv_customer_segment a, b;
            cr_assert_eq(ltv_segmentation_customer(ss, i, &a, sizeof a), LTV_OK);
            cr_assert_eq(ltv_segmentation_customer(ws, j, &b, sizeof b), LTV_OK);
            cr_assert_eq(memcmp(&a, &b, sizeof a), 0, "shard %u of %u: customer %s: state %d/%d rank %d/%d RFM %d%d%d/%d%d%d flags %d/%d",
                         s, k, id, a.state, b.state, a.rank, b.rank, a.r, a.f, a.m, b.r, b.f, b.m, a.flags, b.flags);
            cr_assert_eq(seg_column[i], whole_segments[j], "named segment of %s", id);
        }
        for (int st = 0; st < LTV_STATE_COUNT; st++) {
            ltv_group_stats ga, gb;
            cr_assert_eq(ltv_segmentation_state_stats(ss, st, &ga, sizeof ga), LTV_OK);
            cr_assert_eq(ltv_segmentation_state_stats(ws, st, &gb, sizeof gb), LTV_OK);
            cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0, "state %d's stats", st);
        }
        for (int r = 0; r < LTV_RANK_COUNT; r++) {
            ltv_group_stats ga, gb;
            cr_assert_eq(ltv_segmentation_rank_stats(ss, r, &ga, sizeof ga), LTV_OK);
            cr_assert_eq(ltv_segmentation_rank_stats(ws, r, &gb, sizeof gb), LTV_OK);
            cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0, "rank %d's stats", r);
        }
        for (int m = 0; m < 3; m++) {
            double ta[16], tb[16];
            size_t na = 0, nb = 0;
            cr_assert_eq(ltv_segmentation_thresholds(ss, m, ta, 16, &na), LTV_OK);
            cr_assert_eq(ltv_segmentation_thresholds(ws, m, tb, 16, &nb), LTV_OK);
            cr_assert(na == nb && memcmp(ta, tb, na * sizeof *ta) == 0, "cut points of metric %d", m);
            uint64_t ca[16], cb[16];
            cr_assert_eq(ltv_segmentation_score_counts(ss, m, ca, 16, &na), LTV_OK);
            cr_assert_eq(ltv_segmentation_score_counts(ws, m, cb, 16, &nb), LTV_OK);
            cr_assert_eq(na, nb);
            assert_same_counts(ca, cb, na, "score count");
        }
        ltv_ltv_summary la, lb;
        cr_assert_eq(ltv_segmentation_ltv_summary(ss, &la, sizeof la), LTV_OK);
        cr_assert_eq(ltv_segmentation_ltv_summary(ws, &lb, sizeof lb), LTV_OK);
        cr_assert_eq(memcmp(&la, &lb, sizeof la), 0, "LTV summary: core %llu/%llu at %lld/%lld", (unsigned long long)la.core_customers,
                     (unsigned long long)lb.core_customers, (long long)la.core_threshold, (long long)lb.core_threshold);
        cr_assert_eq(ltv_segmentation_preset_count(ss), presets);
        for (size_t p = 0; p <= presets; p++) preset_sum[p] += ltv_segmentation_preset_customers(ss, p);
        for (size_t g = 0; g <= segments; g++) segment_sum[g] += ltv_segmentation_segment_customers(ss, g);
        ltv_segmentation_free(ss);
    }
    cr_assert_eq(customers, ltv_ledger_customer_count(whole));
    for (size_t p = 0; p <= presets; p++)
        cr_assert_eq(preset_sum[p], ltv_segmentation_preset_customers(ws, p), "preset %zu's customers", p);
    for (size_t g = 0; g <= segments; g++)
        cr_assert_eq(segment_sum[g], ltv_segmentation_segment_customers(ws, g), "segment %zu's customers", g);
    free(preset_sum);
    free(segment_sum);
    for (unsigned s = 0; s < k; s++) {
        ltv_segment_summary_free(sums[s]);
        ltv_ledger_free(parts[s]);
    }
    ltv_segment_summary_free(all);
    ltv_segment_summary_free(direct);
    ltv_ledger_free(empty);
    ltv_segmentation_free(ws);
}

static ltv_segment_config *config(int mode, int64_t bins) {
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, mode), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_BINS, bins), LTV_OK);
    return cfg;
}

Test(segment_shards, every_mode_and_split_equals_the_whole, .timeout = 300) {
    fx_log log = fx_log_generate(30000, 4000, 21);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    const int32_t as_of = fx_day("2026-11-01");
    const int modes[] = {LTV_RFM_QUANTILE, LTV_RFM_TYPE7, LTV_RFM_R_RFM, LTV_RFM_PYMC};
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++)
        for (unsigned k = 1; k <= 5; k++) {
            ltv_segment_config *cfg = config(modes[m], m == 1 ? 4 : 5);
            assert_shards_equal_whole(&log, whole, cfg, as_of, k, (int)(k % 3));
            ltv_segment_config_free(cfg);
        }
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

/* The whole ledger's run takes the narrow first pass (32-bit lifetimes, packed words), a
 * shard's run the full columns: with lifetimes beyond 32 bits both ways (orders of billions,
 * refunds larger than the orders), and then also with a recency beyond the histograms, the
 * narrow run must give up its columns and still agree with the shards in every result. */
Test(segment_shards, lifetimes_beyond_32_bits_equal_the_whole, .timeout = 300) {
    for (int past = 0; past < 2; past++) {
        fx_log log = fx_log_generate(20000, 3000, 17);
        for (size_t i = 0; i < log.rows; i += 211) {
            if (log.kinds[i] == LTV_EVENT_ORDER) log.amounts[i] = 3000000000 + (int64_t)i;
            if (log.kinds[i] == LTV_EVENT_REFUND) log.amounts[i] = -7000000000 - (int64_t)i;
        }
        if (past) log.days[0] = fx_day("2000-01-01"), log.kinds[0] = LTV_EVENT_ORDER, log.amounts[0] = 100;
        ltv_ledger *whole = fx_ledger();
        fx_log_add(whole, &log, 0, log.rows);
        const int32_t as_of = fx_day("2026-11-01");
        const int modes[] = {LTV_RFM_QUANTILE, LTV_RFM_TYPE7, LTV_RFM_R_RFM};
        for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
            ltv_segment_config *cfg = config(modes[m], 5);
            assert_shards_equal_whole(&log, whole, cfg, as_of, 3, (int)m);
            ltv_segment_config_free(cfg);
        }
        ltv_ledger_free(whole);
        fx_log_free(&log);
    }
}

/* Customers without an order (refunds only) whose amounts lie among those of the lowest
 * monetary fifth, in the same buckets: the cut points must select from the customers with
 * orders alone, in a narrow run's packed words as in the columns. */
Test(segment_shards, customers_without_orders_stay_out_of_the_cut_points) {
    fx_log log = fx_log_generate(23000, 3000, 29);
    const int32_t day = fx_day("2025-03-01");
    for (size_t k = 0; k < 1000; k++) {
        const size_t z = 20000 + 2 * k, r = 22000 + k;
        snprintf(log.ids[z], 16, "Z%zu", k);
        snprintf(log.ids[z + 1], 16, "Z%zu", k);
        snprintf(log.ids[r], 16, "R%zu", k);
        log.kinds[z] = LTV_EVENT_ORDER, log.amounts[z] = 1, log.items[z] = 1, log.days[z] = day;
        log.kinds[z + 1] = LTV_EVENT_REFUND, log.amounts[z + 1] = 10000001 + (int64_t)k, log.items[z + 1] = 1;
        log.days[z + 1] = day;
        log.kinds[r] = LTV_EVENT_REFUND, log.amounts[r] = 10000300 + (int64_t)k, log.items[r] = 1, log.days[r] = day;
    }
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    ltv_segment_config *cfg = config(LTV_RFM_QUANTILE, 5);
    assert_shards_equal_whole(&log, whole, cfg, fx_day("2026-11-01"), 2, 0);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

Test(segment_shards, settings_presets_and_bases_equal_the_whole, .timeout = 300) {
    fx_log log = fx_log_generate(20000, 3000, 5);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    const int32_t as_of = fx_day("2026-06-15");
    for (int variant = 0; variant < 6; variant++) {
        ltv_segment_config *cfg = config(LTV_RFM_QUANTILE, 5);
        switch (variant) {
        case 0: { /* fixed thresholds need nothing global but the flags and stats */
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_FIXED), LTV_OK);
            const int64_t r[4] = {30, 90, 180, 365}, f[4] = {2, 3, 5, 8}, mo[4] = {5000, 10000, 20000, 40000};
            cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_RECENCY, r, 4), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_FREQUENCY, f, 4), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_thresholds(cfg, LTV_RFM_MONETARY, mo, 4), LTV_OK);
            break;
        }
        case 1: /* bins per metric */
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_RECENCY_BINS, 3), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_FREQUENCY_BINS, 7), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MONETARY_BINS, 10), LTV_OK);
            break;
        case 2: /* lifetime basis, a wider core and other rank levels */
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, LTV_BASIS_LIFETIME), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_CORE_PERMILLE, 150), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_TOP_EXCELLENT_PERMILLE, 333), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_HIGH_GENERAL_PERCENTILE, 60), LTV_OK);
            break;
        case 3: /* membership activity and other state rules */
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, LTV_ACTIVITY_VISITS), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 90), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FAN_MIN_ORDERS, 3), LTV_OK);
            cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 3), LTV_OK);
            break;
        default: { /* the bundled segment tables (named segments) */
            const char *table = ltv_segment_table_name((size_t)(variant - 4));
            cr_assert(table);
            cr_assert_eq(ltv_segment_config_use_table(cfg, table, strlen(table)), LTV_OK, "%s", ltv_last_error());
            break;
        }
        }
        for (unsigned k = 2; k <= 4; k += 2) assert_shards_equal_whole(&log, whole, cfg, as_of, k, variant % 3);
        ltv_segment_config_free(cfg);
    }
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

/* Above 200,000 customers both passes run on several threads: the same results. */
Test(segment_shards, thread_counts_give_the_same_results, .timeout = 600) {
    fx_log log = fx_log_generate(460000, 1000, 9);
    for (size_t i = 0; i < log.rows; i++) snprintf(log.ids[i], sizeof log.ids[i], "t%06zu", i % 230000);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    for (int threads = 1; threads <= 3; threads += 2) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        assert_shards_equal_whole(&log, whole, NULL, fx_day("2026-11-01"), 2, threads == 1 ? 0 : 2);
    }
    cr_assert_gt(ltv_ledger_customer_count(whole), 200000);
    cr_assert_eq(ltv_set_threads(2), LTV_OK);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

Test(segment_shards, an_empty_shard_and_an_empty_whole) {
    ltv_ledger *empty = fx_ledger(), *one = fx_ledger();
    fx_add(one, "a", LTV_EVENT_ORDER, "2026-01-02", 500, 1);
    fx_add(one, "b", LTV_EVENT_VISIT, "2026-01-03", 0, 0); /* no order: not in the summary */
    const int32_t as_of = fx_day("2026-02-01");
    ltv_segment_summary *e = NULL, *o = NULL;
    cr_assert_eq(ltv_segment_summary_new(&e, empty, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_summary_new(&o, one, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_summary_customer_count(e), 0);
    cr_assert_eq(ltv_segment_summary_customer_count(o), 1);
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run_shard(&seg, empty, NULL, as_of, e), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_segmentation_customer_count(seg), 0);
    ltv_segmentation_free(seg);
    cr_assert_eq(ltv_segment_summary_merge(e, o), LTV_OK);
    cr_assert_eq(ltv_segment_summary_merge(e, e), LTV_OK); /* itself: every count doubles */
    cr_assert_eq(ltv_segment_summary_customer_count(e), 2);
    cr_assert_eq(ltv_segment_run_shard(&seg, one, NULL, as_of, o), LTV_OK, "%s", ltv_last_error());
    ltv_customer_segment c;
    cr_assert_eq(ltv_segmentation_customer(seg, 0, &c, sizeof c), LTV_OK);
    cr_assert_eq(c.state, LTV_STATE_NEW);
    cr_assert_eq(c.flags, LTV_FLAG_CORE);
    ltv_segmentation_free(seg);
    ltv_segment_summary_free(e);
    ltv_segment_summary_free(o);
    ltv_ledger_free(empty);
    ltv_ledger_free(one);
}

Test(segment_shards, mismatched_summaries_are_refused) {
    ltv_ledger *one = fx_ledger();
    fx_add(one, "a", LTV_EVENT_ORDER, "2026-01-02", 500, 1);
    fx_add(one, "b", LTV_EVENT_ORDER, "2026-01-05", 700, 1);
    const int32_t as_of = fx_day("2026-02-01");
    ltv_segment_summary *a = NULL, *b = NULL, *small = NULL;
    cr_assert_eq(ltv_segment_summary_new(&a, one, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_summary_new(&b, one, NULL, as_of + 1), LTV_OK);
    cr_assert_eq(ltv_segment_summary_merge(a, b), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "as-of"), "%s", ltv_last_error());
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run_shard(&seg, one, NULL, as_of, b), LTV_EINVAL);
    cr_assert_null(seg);
    ltv_segment_config *cfg = config(LTV_RFM_TYPE7, 5);
    cr_assert_eq(ltv_segment_run_shard(&seg, one, cfg, as_of, a), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "LTV_SEG_RFM_MODE"), "%s", ltv_last_error());
    ltv_segment_summary *c = NULL;
    cr_assert_eq(ltv_segment_summary_new(&c, one, cfg, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_summary_merge(a, c), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "LTV_SEG_RFM_MODE"), "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_summary_customer_count(a), 2, "a refused merge changed the summary");
    /* a shard with more customers than the whole it is run against */
    ltv_ledger *half = fx_ledger();
    fx_add(half, "a", LTV_EVENT_ORDER, "2026-01-02", 500, 1);
    cr_assert_eq(ltv_segment_summary_new(&small, half, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_run_shard(&seg, one, NULL, as_of, small), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "not of a whole"), "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_run_shard(&seg, one, NULL, as_of, NULL), LTV_EINVAL);
    /* what shards do not cover is refused, not guessed: a purchase model, the P(alive) rule */
    ltv_predict_fit *fit = NULL;
    const double params[4] = {0.24, 4.41, 0.79, 2.43};
    cr_assert_eq(ltv_predict_fit_from_params(&fit, LTV_MODEL_BGNBD, params, 4), LTV_OK);
    ltv_segment_config *model = config(LTV_RFM_QUANTILE, 5);
    cr_assert_eq(ltv_segment_config_set_model(model, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK, "%s", ltv_last_error());
    ltv_segment_summary *refused = NULL;
    cr_assert_eq(ltv_segment_summary_new(&refused, one, model, as_of), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "purchase model"), "%s", ltv_last_error());
    cr_assert_null(refused);
    cr_assert_eq(ltv_segment_run_shard(&seg, one, model, as_of, a), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "purchase model"), "%s", ltv_last_error());
    ltv_segment_config *threshold = config(LTV_RFM_QUANTILE, 5);
    cr_assert_eq(ltv_segment_config_set_i64(threshold, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, 300), LTV_OK);
    cr_assert_eq(ltv_segment_run_shard(&seg, one, threshold, as_of, a), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "LTV_SEG_ALIVE_THRESHOLD_PERMILLE"), "%s", ltv_last_error());
    ltv_segment_config_free(threshold);
    ltv_segment_config_free(model);
    ltv_predict_fit_free(fit);
    cr_assert_eq(ltv_segment_summary_new(NULL, one, NULL, as_of), LTV_EINVAL);
    ltv_segment_config_free(cfg);
    ltv_segment_summary_free(a);
    ltv_segment_summary_free(b);
    ltv_segment_summary_free(c);
    ltv_segment_summary_free(small);
    ltv_ledger_free(half);
    ltv_ledger_free(one);
}

/* ---- corrupt bytes ------------------------------------------------------------------------- */

/* Recomputes the trailing checksum after an edit, so that the structural checks are reached. */
static void reseal(unsigned char *b, size_t len) {
    const uint64_t sum = ltv__xxh64(b, len - 8);
    memcpy(b + len - 8, &sum, 8);
}

static void assert_refused(const unsigned char *b, size_t len, const char *needle) {
    ltv_segment_summary *sum = (ltv_segment_summary *)1;
    cr_assert_eq(ltv_segment_summary_open_buffer(&sum, b, len), LTV_EFORMAT, "%s: accepted", needle);
    cr_assert_null(sum);
    cr_assert(strstr(ltv_last_error(), needle), "wanted \"%s\" in: %s", needle, ltv_last_error());
}

Test(segment_shards, corrupt_summary_bytes_are_refused) {
    fx_log log = fx_log_generate(3000, 400, 3);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    ltv_segment_summary *sum = NULL;
    cr_assert_eq(ltv_segment_summary_new(&sum, ledger, NULL, fx_day("2026-11-01")), LTV_OK);
    void *good;
    size_t len;
    cr_assert_eq(ltv_segment_summary_save_buffer(sum, &good, &len), LTV_OK);
    unsigned char *b = malloc(len);
#define FRESH() memcpy(b, good, len)
    /* every truncation, and a flipped bit anywhere */
    for (size_t cut = 0; cut < len; cut += 1 + cut / 8) {
        FRESH();
        ltv_segment_summary *opened = NULL;
        cr_assert_eq(ltv_segment_summary_open_buffer(&opened, b, cut), LTV_EFORMAT, "truncated to %zu", cut);
    }
    for (size_t at = 0; at < len; at += 1 + at / 16) {
        FRESH();
        b[at] ^= 0x10;
        ltv_segment_summary *opened = NULL;
        cr_assert_eq(ltv_segment_summary_open_buffer(&opened, b, len), LTV_EFORMAT, "bit flipped at %zu", at);
    }
    FRESH();
    memcpy(b, "LTVSNAP1", 8);
    assert_refused(b, len, "not a segment summary");
    FRESH();
    b[12] = 0x01, b[13] = 0x02, b[14] = 0x03, b[15] = 0x04;
    assert_refused(b, len, "byte order");
    FRESH();
    b[8] = 2;
    reseal(b, len);
    assert_refused(b, len, "format version 2");
    FRESH();
    b[16] = 17;
    assert_refused(b, len, "17 segmentation settings");
    FRESH();
    b[len - 1] ^= 1;
    assert_refused(b, len, "checksum");
    /* after the checksum: the customers' total off by one */
    FRESH();
    b[32] += 1;
    reseal(b, len);
    assert_refused(b, len, "totals disagree");
    /* a setting out of its bounds: LTV_SEG_RFM_BINS (index 4) = 11 */
    FRESH();
    {
        const size_t params = 32 + 16 + 8 * 7 * 8;
        const int64_t bins = 11;
        memcpy(b + params + 4 * 8, &bins, 8);
        reseal(b, len);
        assert_refused(b, len, "LTV_SEG_RFM_BINS 11");
    }
    /* lists (LEB128 varints: the first value, its count, then gap and count of each next
     * value): the second recency value's gap made 0, then the first count made 0 */
    uint32_t settings;
    memcpy(&settings, (const unsigned char *)good + 16, 4);
    const size_t lists = 32 + 16 + 8 * 7 * 8 + 8 * (size_t)settings + 8 * 6;
    size_t second = lists;
    for (int varints = 0; varints < 2; second++) varints += (b[second] & 0x80) == 0;
    FRESH();
    b[second] = 0;
    reseal(b, len);
    assert_refused(b, len, "not strictly ascending at entry 2");
    FRESH();
    b[lists + 1] = 0;
    reseal(b, len);
    assert_refused(b, len, "count at entry 1");
    FRESH(); /* a varint that never ends */
    memset(b + lists, 0xFF, len - 8 - lists);
    reseal(b, len);
    assert_refused(b, len, "cut short or not a number");
    FRESH(); /* bytes left after the lists */
    {
        unsigned char *longer = malloc(len + 1);
        memcpy(longer, good, len - 8);
        longer[len - 8] = 0;
        reseal(longer, len + 1);
        assert_refused(longer, len + 1, "1 bytes after the lists");
        free(longer);
    }
    FRESH();
    {
        uint64_t huge = UINT64_MAX / 2;
        memcpy(b + lists - 8 * 6, &huge, 8);
        reseal(b, len);
        assert_refused(b, len, "exceeds the bytes");
    }
#undef FRESH
    ltv_segment_summary *ok = NULL, *none = NULL;
    cr_assert_eq(ltv_segment_summary_open_buffer(&ok, good, len), LTV_OK);
    cr_assert_eq(ltv_segment_summary_open_buffer(&none, NULL, len), LTV_EINVAL);
    cr_assert_null(none);
    ltv_segment_summary_free(ok);
    free(b);
    ltv_free(good);
    ltv_segment_summary_free(sum);
    ltv_ledger_free(ledger);
    fx_log_free(&log);
}
