/* Snapshots opened with LTV_OPEN_CHECK_ON_USE: the checks left to the first use of each part
 * give the answers of an eager open (segmentations under every RFM mode and activity rule,
 * facts, ids, the health check, saved bytes; one to three threads, a ledger large enough for
 * the first pass of the segmentation to split), damage in any section is refused by every
 * call that reads it, with one message from the first failure on, older files and files
 * with increments are checked at the open as before, and concurrent readers agree. */
#include <criterion/criterion.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "snap_fixtures.h"

/* ---- ledgers ------------------------------------------------------------------------------ */

static int32_t as_of(void) { return fx_day("2026-11-15"); }

/* A generated log (orders, refunds, visits, cancels) whose customers get, besides the short
 * ids of the generator, ids longer than the 14 bytes kept inline (every third) and non-ASCII
 * ids (every seventh). */
static ltv_ledger *rich(size_t rows, size_t customers, uint64_t seed) {
    fx_log log = fx_log_generate(rows, customers, seed);
    ltv_ledger *ledger = fx_ledger();
    for (size_t i = 0; i < log.rows; i++) {
        const long c = strtol(log.ids[i] + 1, NULL, 10);
        char id[64];
        if (c % 3 == 0) snprintf(id, sizeof id, "customer-with-a-long-id-%06ld", c);
        else if (c % 7 == 0) snprintf(id, sizeof id, "顧客%06ld", c);
        else snprintf(id, sizeof id, "%s", log.ids[i]);
        cr_assert_eq(ltv_ledger_add_event(ledger, id, strlen(id), log.kinds[i], log.days[i], log.amounts[i], log.items[i]),
                     LTV_OK, "%s", ltv_last_error());
    }
    fx_log_free(&log);
    return ledger;
}

/* Enough customers (> 200,000) for the segmentation's first pass to split among threads, each
 * with one to three events of every kind. */
static ltv_ledger *large(void) {
    ltv_ledger *ledger = fx_ledger();
    const int32_t base = fx_day("2024-01-01");
    cr_assert_eq(ltv_ledger_reserve(ledger, 210000, 440000), LTV_OK);
    for (uint32_t c = 0; c < 210000; c++) {
        char id[40];
        const int n = c % 5 == 0 ? snprintf(id, sizeof id, "a-long-customer-id-%07u", c) : snprintf(id, sizeof id, "L%u", c);
        for (uint32_t k = 0; k <= c % 3; k++) {
            const uint32_t r = c * 2654435761u + k * 40503u;
            const int kind = r % 17 == 0 ? LTV_EVENT_VISIT : r % 23 == 0 ? LTV_EVENT_REFUND
                                                         : r % 101 == 0  ? LTV_EVENT_CANCEL
                                                                         : LTV_EVENT_ORDER;
            const int64_t amount = kind == LTV_EVENT_ORDER || kind == LTV_EVENT_REFUND ? (int64_t)(r % 30000) : 0;
            cr_assert_eq(ltv_ledger_add_event(ledger, id, (size_t)n, kind, base + (int32_t)(r % 1000), amount,
                                              amount ? 1 + (int32_t)(r % 4) : 0),
                         LTV_OK);
        }
    }
    return ledger;
}

static ltv_ledger *one_customer(void) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "only", LTV_EVENT_ORDER, "2026-01-05", 4000, 2);
    fx_add(ledger, "only", LTV_EVENT_VISIT, "2026-02-01", 0, 0);
    fx_add(ledger, "only", LTV_EVENT_REFUND, "2026-02-03", 1000, 1);
    fx_add(ledger, "only", LTV_EVENT_ORDER, "2026-06-05", 2500, 1);
    return ledger;
}

static const ltv__deferred_checks *deferred_of(const ltv_ledger *ledger) { return ledger->deferred; }

static unsigned unchecked_parts(const ltv_ledger *ledger) {
    const ltv__deferred_checks *d = deferred_of(ledger);
    return d ? atomic_load(&((ltv__deferred_checks *)(uintptr_t)d)->unchecked) : 0;
}

static ltv_ledger *open_eager(const char *path) {
    ltv_ledger *ledger = NULL;
    cr_assert_eq(ltv_ledger_open(&ledger, path), LTV_OK, "%s", ltv_last_error());
    cr_assert_null(deferred_of(ledger));
    return ledger;
}

/* Opened with the flag, `parts` left unchecked (the test knows what the file allows). */
static ltv_ledger *open_deferred(const char *path, unsigned parts) {
    ltv_ledger *ledger = NULL;
    cr_assert_eq(ltv_ledger_open_flags(&ledger, path, LTV_OPEN_CHECK_ON_USE), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(unchecked_parts(ledger), parts, "the open left parts 0x%x unchecked, expected 0x%x", unchecked_parts(ledger),
                 parts);
    return ledger;
}

/* ---- comparing answers ------------------------------------------------------------------ */

static size_t column_width(int column) {
    if (column <= LTV_COLUMN_FLAGS || column == LTV_COLUMN_SEGMENT) return 1;
    if (column <= LTV_COLUMN_ORDERS) return 4;
    return 8;
}

/* Every column, statistic, cut point and count of two segmentations are identical. */
static void assert_same_segmentation(const ltv_segmentation *a, const ltv_segmentation *b, const char *what) {
    cr_assert_eq(ltv_segmentation_customer_count(a), ltv_segmentation_customer_count(b), "%s", what);
    cr_assert_eq(ltv_segmentation_as_of(a), ltv_segmentation_as_of(b));
    for (int col = LTV_COLUMN_STATE; col <= LTV_COLUMN_P_ALIVE_BEFORE; col++) {
        const void *da = NULL, *db = NULL;
        size_t la = 0, lb = 0;
        const int sa = ltv_segmentation_column(a, col, &da, &la), sb = ltv_segmentation_column(b, col, &db, &lb);
        cr_assert_eq(sa, sb, "%s: column %d", what, col);
        if (sa != LTV_OK) continue;
        cr_assert_eq(la, lb);
        cr_assert(la == 0 || memcmp(da, db, la * column_width(col)) == 0, "%s: column %d differs", what, col);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats ga, gb;
        cr_assert_eq(ltv_segmentation_state_stats(a, s, &ga, sizeof ga), LTV_OK);
        cr_assert_eq(ltv_segmentation_state_stats(b, s, &gb, sizeof gb), LTV_OK);
        cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0, "%s: state %d", what, s);
    }
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_group_stats ga, gb;
        cr_assert_eq(ltv_segmentation_rank_stats(a, r, &ga, sizeof ga), LTV_OK);
        cr_assert_eq(ltv_segmentation_rank_stats(b, r, &gb, sizeof gb), LTV_OK);
        cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0, "%s: rank %d", what, r);
    }
    for (int m = 0; m < 3; m++) {
        double ta[16], tb[16];
        uint64_t ca[16], cb[16];
        size_t na = 0, nb = 0;
        cr_assert_eq(ltv_segmentation_thresholds(a, m, ta, 16, &na), LTV_OK);
        cr_assert_eq(ltv_segmentation_thresholds(b, m, tb, 16, &nb), LTV_OK);
        cr_assert(na == nb && memcmp(ta, tb, na * sizeof *ta) == 0, "%s: cut points of metric %d", what, m);
        cr_assert_eq(ltv_segmentation_score_counts(a, m, ca, 16, &na), LTV_OK);
        cr_assert_eq(ltv_segmentation_score_counts(b, m, cb, 16, &nb), LTV_OK);
        cr_assert(na == nb && memcmp(ca, cb, na * sizeof *ca) == 0, "%s: score counts of metric %d", what, m);
    }
    cr_assert_eq(ltv_segmentation_preset_count(a), ltv_segmentation_preset_count(b));
    for (size_t p = 0; p <= ltv_segmentation_preset_count(a); p++)
        cr_assert_eq(ltv_segmentation_preset_customers(a, p), ltv_segmentation_preset_customers(b, p), "%s: preset %zu", what, p);
    cr_assert_eq(ltv_segmentation_segment_count(a), ltv_segmentation_segment_count(b));
    for (size_t s = 0; s < ltv_segmentation_segment_count(a); s++)
        cr_assert_eq(ltv_segmentation_segment_customers(a, s), ltv_segmentation_segment_customers(b, s));
    ltv_ltv_summary sa, sb;
    memset(&sa, 0, sizeof sa), memset(&sb, 0, sizeof sb);
    cr_assert_eq(ltv_segmentation_ltv_summary(a, &sa, sizeof sa), ltv_segmentation_ltv_summary(b, &sb, sizeof sb));
    cr_assert_eq(memcmp(&sa, &sb, sizeof sa), 0, "%s: LTV summary", what);
}

/* The segmentation settings compared: the defaults (activity AUTO: visits when the ledger has
 * them), each RFM rule, per-metric bins and the lifetime basis, both activity rules, and a
 * purchase model with the P(alive) rule and the falling comparison (the model reads the
 * events before the first pass). */
#define CONFIGS 8
static ltv_segment_config *config(int which, ltv_predict_fit **fit) {
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    switch (which) {
    case 0: break;
    case 1:
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_TYPE7), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_BINS, 4), LTV_OK);
        break;
    case 2: cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_R_RFM), LTV_OK); break;
    case 3: cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, LTV_RFM_PYMC), LTV_OK); break;
    case 4:
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_RECENCY_BINS, 3), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MONETARY_BINS, 7), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, LTV_BASIS_LIFETIME), LTV_OK);
        break;
    case 5: cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, LTV_ACTIVITY_VISITS), LTV_OK); break;
    case 6: cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, LTV_ACTIVITY_ORDERS), LTV_OK); break;
    default: {
        const double params[4] = {1, 10, 1, 3};
        cr_assert_eq(ltv_predict_fit_from_params(fit, LTV_MODEL_BGNBD, params, 4), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_model(cfg, *fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_RULE, LTV_ALIVE_EITHER), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 20), LTV_OK);
    }
    }
    return cfg;
}

static ltv_segmentation *segment(const ltv_ledger *ledger, int which) {
    ltv_predict_fit *fit = NULL;
    ltv_segment_config *cfg = config(which, &fit);
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, as_of()), LTV_OK, "config %d: %s", which, ltv_last_error());
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(fit);
    return seg;
}

static char *health_json(const ltv_ledger *ledger, const ltv_segmentation *seg, size_t *len) {
    ltv_health_check *hc = NULL;
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, as_of()), LTV_OK, "%s", ltv_last_error());
    char *json = NULL;
    cr_assert_eq(ltv_health_check_to_json(hc, LTV_LANG_EN, &json, len), LTV_OK);
    ltv_health_check_free(hc);
    return json;
}

/* Ids, lookups, facts and events of every customer (at most `limit`) agree. */
static void assert_same_customers(const ltv_ledger *a, const ltv_ledger *b, uint64_t limit) {
    cr_assert_eq(ltv_ledger_customer_count(a), ltv_ledger_customer_count(b));
    cr_assert_eq(ltv_ledger_event_count(a), ltv_ledger_event_count(b));
    cr_assert_eq(ltv_ledger_order_count(a), ltv_ledger_order_count(b));
    cr_assert_eq(ltv_ledger_visit_count(a), ltv_ledger_visit_count(b));
    cr_assert_eq(ltv_ledger_revenue(a), ltv_ledger_revenue(b));
    const uint64_t n = ltv_ledger_customer_count(a);
    const uint64_t step = n > limit ? n / limit : 1;
    for (uint64_t i = 0; i < n; i += step) {
        const char *ia, *ib;
        size_t la, lb;
        cr_assert_eq(ltv_ledger_customer_id(a, i, &ia, &la), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_id(b, i, &ib, &lb), LTV_OK, "%s", ltv_last_error());
        cr_assert(la == lb && memcmp(ia, ib, la) == 0, "id %llu differs", (unsigned long long)i);
        uint64_t found = UINT64_MAX;
        cr_assert_eq(ltv_ledger_find(b, ia, la, &found), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(found, i);
        ltv_customer_facts fa, fb;
        cr_assert_eq(ltv_ledger_facts(a, i, as_of(), &fa, sizeof fa), LTV_OK);
        cr_assert_eq(ltv_ledger_facts(b, i, as_of(), &fb, sizeof fb), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(memcmp(&fa, &fb, sizeof fa), 0, "facts of customer %llu differ", (unsigned long long)i);
        size_t na = 0, nb = 0;
        int32_t da[64], db[64];
        int64_t ma[64], mb[64];
        cr_assert_eq(ltv_ledger_customer_events(a, i, NULL, da, ma, NULL, 64, &na), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_events(b, i, NULL, db, mb, NULL, 64, &nb), LTV_OK);
        cr_assert(na == nb && memcmp(da, db, na * 4) == 0 && memcmp(ma, mb, na * 8) == 0);
    }
    uint64_t missing;
    cr_assert_eq(ltv_ledger_find(b, "no such customer", 16, &missing), LTV_ENOTFOUND);
    ltv_ledger_summary sa, sb;
    cr_assert_eq(ltv_ledger_summary_as_of(a, as_of(), &sa, sizeof sa), LTV_OK);
    cr_assert_eq(ltv_ledger_summary_as_of(b, as_of(), &sb, sizeof sb), LTV_OK);
    cr_assert_eq(memcmp(&sa, &sb, sizeof sa), 0);
}

static void assert_same_bytes(const ltv_ledger *a, const ltv_ledger *b) {
    void *ba = NULL, *bb = NULL;
    size_t la = 0, lb = 0;
    cr_assert_eq(ltv_ledger_save_buffer(a, &ba, &la), LTV_OK);
    cr_assert_eq(ltv_ledger_save_buffer(b, &bb, &lb), LTV_OK, "%s", ltv_last_error());
    cr_assert(la == lb && memcmp(ba, bb, la) == 0, "the saved copies differ");
    ltv_free(ba);
    ltv_free(bb);
}

/* A ledger saved to `path` answers the same opened eagerly and with the flag (`parts` are
 * left unchecked by the open), whichever call comes first, for every config. */
static void assert_same_answers(const char *path, unsigned parts, bool every_config) {
    ltv_ledger *eager = open_eager(path);
    ltv_segmentation *want[CONFIGS];
    for (int c = 0; c < CONFIGS; c++) want[c] = every_config || c == 0 || c == CONFIGS - 1 ? segment(eager, c) : NULL;
    size_t want_len;
    char *want_health = health_json(eager, want[0], &want_len);

    /* the segmentation first: its first pass checks the events (each config from a fresh open) */
    for (int c = 0; c < CONFIGS; c++) {
        if (!want[c]) continue;
        ltv_ledger *d = open_deferred(path, parts);
        ltv_segmentation *got = segment(d, c);
        char what[32];
        snprintf(what, sizeof what, "config %d", c);
        assert_same_segmentation(want[c], got, what);
        if (c != CONFIGS - 1) /* (the model's data reads every part first) */
            cr_assert_eq(unchecked_parts(d), parts & ~LTV__PART_EVENTS, "the segmentation did not check the events");
        if (c == 0) {
            size_t len;
            char *json = health_json(d, got, &len);
            cr_assert(len == want_len && memcmp(json, want_health, len) == 0, "the health checks differ");
            ltv_free(json);
            assert_same_customers(eager, d, 3000);
            cr_assert_eq(ltv_ledger_verify(d), LTV_OK);
            cr_assert_eq(unchecked_parts(d), 0u);
            assert_same_bytes(eager, d);
        }
        ltv_segmentation_free(got);
        ltv_ledger_free(d);
    }
    /* the lookups first, then the segmentation */
    ltv_ledger *d = open_deferred(path, parts);
    assert_same_customers(eager, d, 500);
    ltv_segmentation *got = segment(d, 0);
    assert_same_segmentation(want[0], got, "after the lookups");
    ltv_segmentation_free(got);
    ltv_ledger_free(d);
    /* the saved copy first */
    d = open_deferred(path, parts);
    assert_same_bytes(eager, d);
    cr_assert_eq(unchecked_parts(d), 0u);
    ltv_ledger_free(d);
    /* the shard summary first (its own first pass), then verify */
    d = open_deferred(path, parts);
    ltv_segment_summary *sa = NULL, *sb = NULL;
    cr_assert_eq(ltv_segment_summary_new(&sa, eager, NULL, as_of()), LTV_OK);
    cr_assert_eq(ltv_segment_summary_new(&sb, d, NULL, as_of()), LTV_OK, "%s", ltv_last_error());
    void *ba = NULL, *bb = NULL;
    size_t la = 0, lb = 0;
    cr_assert_eq(ltv_segment_summary_save_buffer(sa, &ba, &la), LTV_OK);
    cr_assert_eq(ltv_segment_summary_save_buffer(sb, &bb, &lb), LTV_OK);
    cr_assert(la == lb && memcmp(ba, bb, la) == 0, "the shard summaries differ");
    cr_assert_eq(ltv_ledger_verify(d), LTV_OK);
    ltv_free(ba), ltv_free(bb);
    ltv_segment_summary_free(sb);
    ltv_ledger_free(d);
    /* a shard's run with the whole's summary first (the first pass checks the events) */
    d = open_deferred(path, parts);
    ltv_segmentation *shard_want = NULL, *shard_got = NULL;
    cr_assert_eq(ltv_segment_run_shard(&shard_want, eager, NULL, as_of(), sa), LTV_OK);
    cr_assert_eq(ltv_segment_run_shard(&shard_got, d, NULL, as_of(), sa), LTV_OK, "%s", ltv_last_error());
    assert_same_segmentation(shard_want, shard_got, "a shard's run");
    cr_assert_eq(unchecked_parts(d), parts & ~LTV__PART_EVENTS);
    ltv_segmentation_free(shard_want), ltv_segmentation_free(shard_got);
    ltv_segment_summary_free(sa);
    ltv_ledger_free(d);
    /* a change first: the new customer's ledger equals the eager one's */
    d = open_deferred(path, parts);
    cr_assert_eq(ltv_ledger_add_event(d, "a customer added after the open", 31, LTV_EVENT_ORDER, as_of() - 3, 700, 1), LTV_OK,
                 "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_add_event(eager, "a customer added after the open", 31, LTV_EVENT_ORDER, as_of() - 3, 700, 1),
                 LTV_OK);
    got = segment(d, 0);
    ltv_segmentation *again = segment(eager, 0);
    assert_same_segmentation(again, got, "after a change");
    assert_same_bytes(eager, d);
    ltv_segmentation_free(got), ltv_segmentation_free(again);
    ltv_ledger_free(d);

    ltv_free(want_health);
    for (int c = 0; c < CONFIGS; c++) ltv_segmentation_free(want[c]);
    ltv_ledger_free(eager);
}

static void save_as(const ltv_ledger *ledger, const char *name) {
    cr_assert_eq(ltv_ledger_save(ledger, fx_tmp_path(name)), LTV_OK, "%s", ltv_last_error());
}

/* ---- 1. the same answers ----------------------------------------------------------------- */

static void same_answers_at(int threads) {
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    ltv_ledger *ledger = rich(20000, 4000, 7 + (uint64_t)threads);
    cr_assert_gt(ltv_ledger_visit_count(ledger), 0);
    save_as(ledger, "rich.ltvsnap");
    assert_same_answers(fx_tmp_path("rich.ltvsnap"), LTV__PARTS_ALL, true);
    ltv_ledger_free(ledger);

    ledger = one_customer();
    save_as(ledger, "one.ltvsnap");
    assert_same_answers(fx_tmp_path("one.ltvsnap"), LTV__PARTS_ALL, true);
    ltv_ledger_free(ledger);

    ledger = fx_ledger();
    save_as(ledger, "empty.ltvsnap");
    ltv_ledger *eager = open_eager(fx_tmp_path("empty.ltvsnap")), *d = open_deferred(fx_tmp_path("empty.ltvsnap"), LTV__PARTS_ALL);
    for (int c = 0; c < CONFIGS; c++) {
        ltv_segmentation *a = segment(eager, c), *b = segment(d, c);
        assert_same_segmentation(a, b, "empty");
        ltv_segmentation_free(a), ltv_segmentation_free(b);
        if (c == 0) cr_assert_eq(unchecked_parts(d), LTV__PART_IDS);
    }
    uint64_t index;
    cr_assert_eq(ltv_ledger_find(d, "x", 1, &index), LTV_ENOTFOUND);
    cr_assert_eq(ltv_ledger_verify(d), LTV_OK);
    assert_same_bytes(eager, d);
    ltv_ledger_free(eager), ltv_ledger_free(d);
    /* the first customer of an empty snapshot: no table to check or copy yet */
    eager = open_eager(fx_tmp_path("empty.ltvsnap"));
    d = open_deferred(fx_tmp_path("empty.ltvsnap"), LTV__PARTS_ALL);
    fx_add(eager, "the very first customer", LTV_EVENT_ORDER, "2026-03-01", 500, 1);
    fx_add(d, "the very first customer", LTV_EVENT_ORDER, "2026-03-01", 500, 1);
    cr_assert_eq(unchecked_parts(d), 0u);
    assert_same_customers(eager, d, 10);
    assert_same_bytes(eager, d);
    ltv_ledger_free(eager), ltv_ledger_free(d), ltv_ledger_free(ledger);
}

Test(snapshot_checks, same_answers_one_thread, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) { same_answers_at(1); }
Test(snapshot_checks, same_answers_two_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) { same_answers_at(2); }
Test(snapshot_checks, same_answers_three_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) { same_answers_at(3); }

/* Large enough that the first pass splits, so the two event arrays are checksummed on
 * different threads and the run checks' totals come from several ranges. */
Test(snapshot_checks, same_answers_when_the_first_pass_splits, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir,
     .timeout = 600) {
    ltv_ledger *ledger = large();
    save_as(ledger, "large.ltvsnap");
    ltv_ledger_free(ledger);
    static const int threads[] = {1, 2, 3, 8, 12}; /* (12: more than the pass's 8 parts) */
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        cr_assert_eq(ltv_set_threads(threads[i]), LTV_OK);
        assert_same_answers(fx_tmp_path("large.ltvsnap"), LTV__PARTS_ALL, false);
    }
}

/* The segmentation's first pass is what checks the events of a fresh deferred ledger (no
 * separate walk before it), unless events added since the open must be organized first. */
Test(snapshot_checks, the_first_pass_checks_the_events_itself, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = rich(3000, 600, 59);
    save_as(ledger, "scan.ltvsnap");
    ltv_ledger_free(ledger);
    ltv_ledger *d = open_deferred(fx_tmp_path("scan.ltvsnap"), LTV__PARTS_ALL);
    bool check = false;
    cr_assert_eq(ltv__ledger_prepare_scan(d, &check), LTV_OK);
    cr_assert(check, "the scan was not left to check the events");
    cr_assert_eq(unchecked_parts(d), LTV__PARTS_ALL, "something walked the events before the scan");
    ltv_segmentation *seg = segment(d, 0);
    cr_assert_eq(unchecked_parts(d), LTV__PART_IDS);
    check = true;
    cr_assert_eq(ltv__ledger_prepare_scan(d, &check), LTV_OK);
    cr_assert(!check, "checked events handed to the scan again");
    ltv_segmentation_free(seg);
    ltv_ledger_free(d);
    /* events added since the open: organizing reads the old ones, so they are checked first */
    d = open_deferred(fx_tmp_path("scan.ltvsnap"), LTV__PARTS_ALL);
    cr_assert_eq(ltv_ledger_add_event(d, "C000002", 7, LTV_EVENT_ORDER, as_of() - 1, 5, 1), LTV_OK);
    cr_assert_eq(unchecked_parts(d), 0u);
    cr_assert_eq(ltv__ledger_prepare_scan(d, &check), LTV_OK);
    cr_assert(!check);
    ltv_ledger_free(d);
}

Test(snapshot_checks, unknown_flags_and_null_are_refused, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = one_customer();
    save_as(ledger, "one.ltvsnap");
    ltv_ledger_free(ledger);
    ledger = (ltv_ledger *)1;
    cr_assert_eq(ltv_ledger_open_flags(&ledger, fx_tmp_path("one.ltvsnap"), 2u), LTV_EINVAL);
    cr_assert_null(ledger);
    cr_assert(strstr(ltv_last_error(), "flags"), "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_open_flags(&ledger, fx_tmp_path("one.ltvsnap"), LTV_OPEN_CHECK_ON_USE | 0x80000000u), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_open_flags(NULL, fx_tmp_path("one.ltvsnap"), LTV_OPEN_CHECK_ON_USE), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_verify(NULL), LTV_EINVAL);
    /* flags 0 is ltv_ledger_open; a ledger not from a snapshot has nothing to verify */
    cr_assert_eq(ltv_ledger_open_flags(&ledger, fx_tmp_path("one.ltvsnap"), 0), LTV_OK);
    cr_assert_null(deferred_of(ledger));
    cr_assert_eq(ltv_ledger_verify(ledger), LTV_OK);
    ltv_ledger_free(ledger);
    ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_verify(ledger), LTV_OK);
    ltv_ledger_free(ledger);
}

/* ---- 2. damage is refused, never answered ----------------------------------------------- */

/* The calls that read a ledger, each with the parts it reads. A call returns its status and
 * never leaves a result behind. */
enum { OP_SEGMENT,
       OP_SUMMARY,
       OP_FIND,
       OP_CUSTOMER_ID,
       OP_VERIFY,
       OP_FACTS,
       OP_EVENTS,
       OP_LEDGER_SUMMARY,
       OP_SAVE_BUFFER,
       OP_SAVE,
       OP_SAVE_INCREMENT,
       OP_ADD_NEW,
       OP_ADD_EXISTING,
       OP_MERGE,
       OP_HEALTH,
       OP_PREDICT,
       OP_SEGMENT_MODEL,
       OP_ARROW_FACTS,
       OP_REPORT,
       OP_LOAD_CSV,
       OP_ADD_FIXED,
       OP_RESERVE,
       OP_COUNT };
static const struct {
    const char *name;
    unsigned reads;
} ops[OP_COUNT] = {
    {"ltv_segment_run", LTV__PART_EVENTS},
    {"ltv_segment_summary_new", LTV__PART_EVENTS},
    {"ltv_ledger_find", LTV__PART_IDS},
    {"ltv_ledger_customer_id", LTV__PART_IDS},
    {"ltv_ledger_verify", LTV__PARTS_ALL},
    {"ltv_ledger_facts", LTV__PARTS_ALL},
    {"ltv_ledger_customer_events", LTV__PARTS_ALL},
    {"ltv_ledger_summary_as_of", LTV__PARTS_ALL},
    {"ltv_ledger_save_buffer", LTV__PARTS_ALL},
    {"ltv_ledger_save", LTV__PARTS_ALL},
    {"ltv_ledger_save_increment (to another file)", LTV__PARTS_ALL},
    {"ltv_ledger_add_event (a new customer)", LTV__PARTS_ALL},
    {"ltv_ledger_add_event (a known customer)", LTV__PARTS_ALL},
    {"ltv_ledger_merge (from it)", LTV__PARTS_ALL},
    {"ltv_health_check_run", LTV__PARTS_ALL},
    {"ltv_predict_data_from_ledger", LTV__PARTS_ALL},
    {"ltv_segment_run (with a purchase model)", LTV__PARTS_ALL},
    {"ltv_ledger_facts_to_arrow", LTV__PARTS_ALL},
    {"ltv_report_html", LTV__PARTS_ALL},
    {"ltv_ledger_load_csv_buffer", LTV__PARTS_ALL},
    {"ltv_ledger_add_events_fixed", LTV__PARTS_ALL},
    {"ltv_ledger_reserve", LTV__PARTS_ALL},
};

static int run_op(int op, ltv_ledger *ledger, const char *known_id) {
    int status = LTV_OK;
    switch (op) {
    case OP_SEGMENT: {
        ltv_segmentation *seg = (ltv_segmentation *)1;
        status = ltv_segment_run(&seg, ledger, NULL, as_of());
        if (status != LTV_OK) cr_assert_null(seg);
        ltv_segmentation_free(status == LTV_OK ? seg : NULL);
        break;
    }
    case OP_SUMMARY: {
        ltv_segment_summary *sum = NULL;
        status = ltv_segment_summary_new(&sum, ledger, NULL, as_of());
        if (status != LTV_OK) cr_assert_null(sum);
        ltv_segment_summary_free(sum);
        break;
    }
    case OP_FIND: {
        uint64_t index = 12345;
        status = ltv_ledger_find(ledger, known_id, strlen(known_id), &index);
        break;
    }
    case OP_CUSTOMER_ID: {
        const char *id = NULL;
        size_t len = 0;
        status = ltv_ledger_customer_id(ledger, 0, &id, &len);
        break;
    }
    case OP_VERIFY: status = ltv_ledger_verify(ledger); break;
    case OP_FACTS: {
        ltv_customer_facts f;
        status = ltv_ledger_facts(ledger, 0, as_of(), &f, sizeof f);
        break;
    }
    case OP_EVENTS: {
        size_t n = 0;
        status = ltv_ledger_customer_events(ledger, 0, NULL, NULL, NULL, NULL, 0, &n);
        break;
    }
    case OP_LEDGER_SUMMARY: {
        ltv_ledger_summary s;
        status = ltv_ledger_summary_as_of(ledger, as_of(), &s, sizeof s);
        break;
    }
    case OP_SAVE_BUFFER: {
        void *bytes = NULL;
        size_t len = 0;
        status = ltv_ledger_save_buffer(ledger, &bytes, &len);
        if (status != LTV_OK) cr_assert_null(bytes);
        ltv_free(bytes);
        break;
    }
    case OP_SAVE: {
        const char *path = fx_tmp_path("laundered.ltvsnap");
        remove(path);
        status = ltv_ledger_save(ledger, path);
        if (status != LTV_OK) cr_assert_neq(access(path, F_OK), 0, "a refused save left %s behind", path);
        break;
    }
    case OP_SAVE_INCREMENT: {
        const char *path = fx_tmp_path("elsewhere.ltvsnap");
        remove(path);
        int how = -1;
        status = ltv_ledger_save_increment(ledger, path, &how);
        if (status != LTV_OK) cr_assert_neq(access(path, F_OK), 0, "a refused save left %s behind", path);
        break;
    }
    case OP_ADD_NEW: status = ltv_ledger_add_event(ledger, "someone new", 11, LTV_EVENT_ORDER, as_of() - 1, 100, 1); break;
    case OP_ADD_EXISTING:
        status = ltv_ledger_add_event(ledger, known_id, strlen(known_id), LTV_EVENT_ORDER, as_of() - 1, 100, 1);
        break;
    case OP_MERGE: {
        ltv_ledger *dst = fx_ledger();
        status = ltv_ledger_merge(dst, ledger);
        if (status != LTV_OK) cr_assert_eq(ltv_ledger_customer_count(dst), 0u, "a refused merge left customers behind");
        ltv_ledger_free(dst);
        break;
    }
    case OP_HEALTH: {
        ltv_health_check *hc = NULL;
        status = ltv_health_check_run(&hc, ledger, NULL, NULL, as_of());
        ltv_health_check_free(hc);
        break;
    }
    case OP_SEGMENT_MODEL: {
        ltv_predict_fit *fit = NULL;
        ltv_segment_config *cfg = config(CONFIGS - 1, &fit);
        ltv_segmentation *seg = NULL;
        status = ltv_segment_run(&seg, ledger, cfg, as_of());
        if (status != LTV_OK) cr_assert_null(seg);
        ltv_segmentation_free(seg);
        ltv_segment_config_free(cfg);
        ltv_predict_fit_free(fit);
        break;
    }
    case OP_ARROW_FACTS: {
        struct ArrowSchema schema;
        struct ArrowArray array;
        memset(&schema, 0, sizeof schema), memset(&array, 0, sizeof array);
        status = ltv_ledger_facts_to_arrow(ledger, as_of(), &schema, &array);
        if (status == LTV_OK) schema.release(&schema), array.release(&array);
        else cr_assert(schema.release == NULL && array.release == NULL);
        break;
    }
    case OP_REPORT: {
        char *html = NULL;
        size_t len = 0;
        status = ltv_report_html(&html, &len, ledger, NULL, as_of());
        if (status != LTV_OK) cr_assert_null(html);
        ltv_free(html);
        break;
    }
    case OP_LOAD_CSV: {
        static const char csv[] = "customer_id,order_date,amount\nsomeone from a file,2026-01-01,100\nC000001,2026-01-02,5\n";
        ltv_load_report *report = NULL;
        status = ltv_ledger_load_csv_buffer(ledger, csv, sizeof csv - 1, NULL, &report);
        ltv_load_report_free(report);
        break;
    }
    case OP_ADD_FIXED: {
        static const char ids[] = "someone fixed\0\0\0"; /* two ids of width 8: "someone " and "fixed" */
        const uint8_t kinds[2] = {LTV_EVENT_ORDER, LTV_EVENT_VISIT};
        const int32_t days[2] = {as_of() - 9, as_of() - 8}, items[2] = {1, 0};
        const int64_t amounts[2] = {300, 0};
        status = ltv_ledger_add_events_fixed(ledger, 2, ids, 8, kinds, days, amounts, items);
        break;
    }
    case OP_RESERVE: status = ltv_ledger_reserve(ledger, ltv_ledger_customer_count(ledger) + 1000, 5000); break;
    default: {
        ltv_predict_data *data = NULL;
        status = ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_DAY, as_of(), LTV_NO_DAY);
        ltv_predict_data_free(data);
    }
    }
    return status;
}

typedef struct damage {
    const char *what;
    unsigned part;       /* the part it is in */
    const char *needle;  /* what the message must say */
    const char *section; /* ... and the section it must name, if not in needle */
} damage;

/* Opens `path` with the flag (the header is sound: the open succeeds), calls `first`, then
 * every call: each that reads the damaged part fails with LTV_EFORMAT and the first failure's
 * message, which names the problem. A call that reads only sound parts answers correctly or
 * repeats the failure. */
static void assert_refused_on_use(const char *path, const damage *dmg, int first, const char *known_id, int rounds) {
    ltv_ledger *ledger = NULL;
    cr_assert_eq(ltv_ledger_open_flags(&ledger, path, LTV_OPEN_CHECK_ON_USE), LTV_OK, "%s: %s", dmg->what, ltv_last_error());
    char message[1024] = "";
    for (int round = 0; round < rounds; round++)
        for (int k = -1; k < OP_COUNT; k++) {
            const int op = k < 0 ? first : k;
            if (k == first) continue;
            const int status = run_op(op, ledger, known_id);
            if (status == LTV_EFORMAT) {
                if (!message[0]) {
                    snprintf(message, sizeof message, "%s", ltv_last_error());
                    cr_assert(strstr(message, dmg->needle) && strstr(message, dmg->section),
                              "%s: %s's message '%s' does not name '%s' in %s", dmg->what, ops[op].name, message, dmg->needle,
                              dmg->section);
                } else {
                    cr_assert_str_eq(ltv_last_error(), message, "%s: %s after the first failure", dmg->what, ops[op].name);
                }
                continue;
            }
            cr_assert(!(ops[op].reads & dmg->part), "%s: %s (first %s, round %d) returned %s, not LTV_EFORMAT: %s", dmg->what,
                      ops[op].name, ops[first].name, round, ltv_status_name(status), ltv_last_error());
            cr_assert(status == LTV_OK || (op == OP_FIND && status == LTV_ENOTFOUND), "%s: %s returned %s: %s", dmg->what,
                      ops[op].name, ltv_status_name(status), ltv_last_error());
        }
    cr_assert(message[0], "%s: nothing refused the damage", dmg->what);
    ltv_ledger_free(ledger);
}

/* The same bytes through an eager open of the file: refused, naming the same problem. */
static void assert_refused_at_open(const char *path, const damage *dmg, char *message, size_t cap) {
    ltv_ledger *ledger = (ltv_ledger *)1;
    cr_assert_eq(ltv_ledger_open(&ledger, path), LTV_EFORMAT, "%s: an eager open accepted it", dmg->what);
    cr_assert_null(ledger);
    cr_assert(strstr(ltv_last_error(), dmg->needle), "%s: the eager open says '%s'", dmg->what, ltv_last_error());
    snprintf(message, cap, "%s", ltv_last_error());
}

/* The first customer with at least `events` events, from customer `from` on. */
static uint64_t customer_with(const unsigned char *buf, uint64_t from, uint64_t events) {
    const ltv__snap_entry rs = fx_snap_section(buf, LTV__SEC_RUN_STARTS);
    for (uint64_t c = from;; c++) {
        uint64_t starts[2];
        cr_assert_lt((c + 2) * 8, rs.bytes + 1, "no customer with %llu events", (unsigned long long)events);
        memcpy(starts, buf + rs.offset + c * 8, 16);
        if (starts[1] - starts[0] >= events) return c;
    }
}

static uint64_t run_start(const unsigned char *buf, uint64_t c) {
    uint64_t v;
    memcpy(&v, buf + fx_snap_section(buf, LTV__SEC_RUN_STARTS).offset + c * 8, 8);
    return v;
}

static void set_u64(unsigned char *at, uint64_t v) { memcpy(at, &v, 8); }

/* Applies damage number `which` to a good snapshot (`buf`, of the ledger `rich` makes) and
 * says what it is; false past the last. `middle`: a customer in the middle of the ledger. */
static bool make_damage(int which, unsigned char *buf, uint64_t middle, damage *out) {
    const ltv__snap_entry ids = fx_snap_section(buf, LTV__SEC_ID_RECORDS), lng = fx_snap_section(buf, LTV__SEC_LONG_IDS),
                          sl = fx_snap_section(buf, LTV__SEC_SLOTS), rs = fx_snap_section(buf, LTV__SEC_RUN_STARTS),
                          ev = fx_snap_section(buf, LTV__SEC_EVENTS), meta = fx_snap_section(buf, LTV__SEC_META);
    const uint64_t customers = ids.bytes / 16;
    bool reseal = true;
    const uint64_t c = customer_with(buf, middle, 3);
    const uint64_t e = run_start(buf, c);
    switch (which) {
    /* (a) a flipped byte: the section's checksum */
    case 0:
        buf[ids.offset + middle * 16 + 1] ^= 0x01, reseal = false;
        *out = (damage){"a flipped byte in ID_RECORDS", LTV__PART_IDS, "section ID_RECORDS's checksum", ""};
        break;
    case 1:
        buf[lng.offset + lng.bytes / 2] ^= 0x01, reseal = false;
        *out = (damage){"a flipped byte in LONG_IDS", LTV__PART_IDS, "section LONG_IDS's checksum", ""};
        break;
    case 2:
        buf[sl.offset + sl.bytes / 2 + 3] ^= 0x20, reseal = false;
        *out = (damage){"a flipped byte in SLOTS", LTV__PART_IDS, "section SLOTS's checksum", ""};
        break;
    case 3:
        buf[rs.offset + middle * 8] ^= 0x01, reseal = false;
        *out = (damage){"a flipped byte in RUN_STARTS", LTV__PART_EVENTS, "section RUN_STARTS's checksum", ""};
        break;
    case 4:
        buf[ev.offset + ev.bytes - 5] ^= 0x40, reseal = false;
        *out = (damage){"a flipped byte in EVENTS", LTV__PART_EVENTS, "section EVENTS's checksum", ""};
        break;
    /* (b) structural faults, the checksums resealed */
    case 5:
        buf[ids.offset + middle * 16] = 40;
        *out = (damage){"an id record with length code 40", LTV__PART_IDS, "length code", "ID_RECORDS"};
        break;
    case 6: { /* an inline id of two bytes or more made invalid UTF-8 */
        uint64_t r = middle;
        while (buf[ids.offset + r * 16] < 2 || buf[ids.offset + r * 16] > LTV_ID_INLINE) r = (r + 1) % customers;
        buf[ids.offset + r * 16 + 1] = (unsigned char)0xC3, buf[ids.offset + r * 16 + 2] = 0x28;
        *out = (damage){"an id that is not UTF-8", LTV__PART_IDS, "not UTF-8", "ID_RECORDS"};
        break;
    }
    case 7: { /* a long id's offset past LONG_IDS */
        uint64_t r = middle;
        while (buf[ids.offset + r * 16] != LTV_ID_LONG) r = (r + 1) % customers;
        set_u64(buf + ids.offset + r * 16 + 8, lng.bytes - 2);
        *out = (damage){"a long id outside LONG_IDS", LTV__PART_IDS, "lies outside", "LONG_IDS"};
        break;
    }
    case 8: { /* a slot naming customer n */
        for (uint64_t s = sl.bytes / 16;; s++) {
            uint32_t index;
            memcpy(&index, buf + sl.offset + s * 8, 4);
            if (index != LTV_SLOT_EMPTY) {
                index = (uint32_t)customers;
                memcpy(buf + sl.offset + s * 8, &index, 4);
                break;
            }
        }
        *out = (damage){"a slot naming customer n", LTV__PART_IDS, "names customer", "SLOTS"};
        break;
    }
    case 9: { /* a slot emptied: the table holds n - 1 customers */
        for (uint64_t s = 0;; s++) {
            uint32_t index;
            memcpy(&index, buf + sl.offset + s * 8, 4);
            if (index != LTV_SLOT_EMPTY) {
                index = LTV_SLOT_EMPTY;
                memcpy(buf + sl.offset + s * 8, &index, 4);
                break;
            }
        }
        *out = (damage){"a slot emptied", LTV__PART_IDS, "holds", "SLOTS"};
        break;
    }
    case 10: /* run starts going backwards */
        set_u64(buf + rs.offset + (c + 1) * 8, e - 1);
        *out = (damage){"run starts going backwards", LTV__PART_EVENTS, "out of range", "RUN_STARTS"};
        break;
    case 11: /* the last run start short of the events */
        set_u64(buf + rs.offset + customers * 8, run_start(buf, customers) - 1);
        *out = (damage){"run starts ending before the events", LTV__PART_EVENTS, "does not run from 0", "RUN_STARTS"};
        break;
    case 12: { /* an event out of order: the first event of a run moved after the second */
        int32_t day;
        memcpy(&day, buf + ev.offset + (e + 1) * 16, 4);
        day += 1;
        memcpy(buf + ev.offset + e * 16, &day, 4);
        *out = (damage){"an event out of order", LTV__PART_EVENTS, "canonical order", "EVENTS"};
        break;
    }
    case 13:
        buf[ev.offset + (e + 1) * 16 + 7] = 9;
        *out = (damage){"an event of kind 9", LTV__PART_EVENTS, "unknown kind", "EVENTS"};
        break;
    case 14: { /* META's revenue off by one */
        int64_t revenue;
        memcpy(&revenue, buf + meta.offset + 24, 8);
        revenue++;
        memcpy(buf + meta.offset + 24, &revenue, 8);
        *out = (damage){"META's revenue off by one", LTV__PART_EVENTS, "totals in META", ""};
        break;
    }
    case 15: { /* META's visits off by one: the one total only the events know */
        uint64_t visits;
        memcpy(&visits, buf + meta.offset + 72, 8);
        set_u64(buf + meta.offset + 72, visits + 1);
        *out = (damage){"META's visits off by one", LTV__PART_EVENTS, "totals in META", ""};
        break;
    }
    case 16: { /* META's last day one later */
        int32_t day;
        memcpy(&day, buf + meta.offset + 44, 4);
        day++;
        memcpy(buf + meta.offset + 44, &day, 4);
        *out = (damage){"META's last day off by one", LTV__PART_EVENTS, "totals in META", ""};
        break;
    }
    case 17: /* a structural fault and a flipped byte: the checksum is the problem reported */
        buf[ev.offset + (e + 1) * 16 + 7] = 9;
        fx_snap_reseal(buf);
        buf[ev.offset + ev.bytes - 5] ^= 0x40, reseal = false;
        *out = (damage){"a bad kind and a flipped byte in EVENTS", LTV__PART_EVENTS, "section EVENTS's checksum", ""};
        break;
    case 18: /* the same with the flip in RUN_STARTS */
        buf[ev.offset + (e + 1) * 16 + 7] = 9;
        fx_snap_reseal(buf);
        buf[rs.offset + 3] ^= 0x01, reseal = false;
        *out = (damage){"a bad kind and a flipped byte in RUN_STARTS", LTV__PART_EVENTS, "section RUN_STARTS's checksum", ""};
        break;
    default: return false;
    }
    if (reseal) fx_snap_reseal(buf);
    return true;
}

static void damage_property(int threads) {
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    ltv_ledger *ledger = rich(6000, 1500, 31);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    const char *known = "C000001";
    uint64_t index;
    cr_assert_eq(ltv_ledger_find(ledger, known, 7, &index), LTV_OK);
    const uint64_t middle = ltv_ledger_customer_count(ledger) / 2;
    unsigned char *buf = malloc(len);
    char path[400];
    snprintf(path, sizeof path, "%s", fx_tmp_path("damaged.ltvsnap"));
    damage dmg;
    int cases = 0;
    for (int which = 0;; which++) {
        memcpy(buf, good, len);
        if (!make_damage(which, buf, middle, &dmg)) break;
        char eager[1024];
        fx_write_file(path, buf, len);
        assert_refused_at_open(path, &dmg, eager, sizeof eager);
        for (int first = 0; first < OP_COUNT; first++)
            if (ops[first].reads & dmg.part) assert_refused_on_use(path, &dmg, first, known, 2);
        /* the whole check names what the eager open names */
        ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
        cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
        cr_assert_str_eq(ltv_last_error(), eager, "%s: verify says '%s', the open '%s'", dmg.what, ltv_last_error(), eager);
        ltv_ledger_free(d);
        cases++;
    }
    cr_assert_eq(cases, 19);
    free(buf);
    ltv_free(good);
    ltv_ledger_free(ledger);
}

Test(snapshot_checks, damage_is_refused_on_use_one_thread, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    damage_property(1);
}
Test(snapshot_checks, damage_is_refused_on_use_two_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    damage_property(2);
}

/* Damaged ids, sound events: the segmentation reads only the events and answers as from the
 * undamaged file; everything that then reads an id through it refuses, with the message of
 * the ids' check. */
Test(snapshot_checks, a_segmentation_of_damaged_ids_refuses_to_name_customers, .init = fx_make_tmp_dir,
     .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = rich(6000, 1500, 61);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    ltv_segmentation *want = segment(ledger, 0);
    const uint64_t middle = ltv_ledger_customer_count(ledger) / 2;
    unsigned char *buf = malloc(len);
    char path[400];
    snprintf(path, sizeof path, "%s", fx_tmp_path("ids.ltvsnap"));
    int cases = 0;
    damage dmg;
    for (int which = 0;; which++) {
        memcpy(buf, good, len);
        if (!make_damage(which, buf, middle, &dmg)) break;
        if (dmg.part != LTV__PART_IDS) continue;
        fx_write_file(path, buf, len);
        ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
        ltv_segmentation *got = segment(d, 0);
        assert_same_segmentation(want, got, dmg.what);
        ltv_customer_segment cs;
        cr_assert_eq(ltv_segmentation_find(got, "C000001", 7, &cs, sizeof cs), LTV_EFORMAT, "%s", dmg.what);
        char first[1024];
        snprintf(first, sizeof first, "%s", ltv_last_error());
        cr_assert(strstr(first, dmg.needle) && strstr(first, dmg.section), "%s: '%s'", dmg.what, first);
        struct ArrowSchema schema;
        struct ArrowArray array;
        cr_assert_eq(ltv_segmentation_to_arrow(got, &schema, &array), LTV_EFORMAT, "%s", dmg.what);
        cr_assert_str_eq(ltv_last_error(), first);
        struct ArrowArrayStream stream;
        cr_assert_eq(ltv_segmentation_to_arrow_stream(got, &stream), LTV_EFORMAT, "%s", dmg.what);
        cr_assert_null(stream.release);
        ltv_health_check *hc = NULL;
        cr_assert_eq(ltv_health_check_run(&hc, d, got, NULL, as_of()), LTV_EFORMAT, "%s", dmg.what);
        cr_assert_str_eq(ltv_last_error(), first);
        uint64_t counts[64], customers = 0;
        cr_assert_eq(ltv_planner_best_gaps_segmented(got, d, counts, 64, &customers), LTV_EFORMAT, "%s", dmg.what);
        cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
        cr_assert_str_eq(ltv_last_error(), first);
        /* its columns stay readable: they were computed from checked events */
        ltv_segmentation_free(got);
        got = segment(d, 1);
        ltv_segmentation_free(got);
        ltv_ledger_free(d);
        cases++;
    }
    cr_assert_eq(cases, 8);
    ltv_segmentation_free(want);
    free(buf);
    ltv_free(good);
    ltv_ledger_free(ledger);
}

/* Damage in a ledger large enough for the first pass to split: found whichever range (and
 * thread) reads it or checksums its array, before and after the middle. */
Test(snapshot_checks, damage_is_refused_when_the_first_pass_splits, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir,
     .timeout = 600) {
    ltv_ledger *ledger = large();
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    ltv_ledger_free(ledger);
    unsigned char *buf = malloc(len);
    char path[400];
    snprintf(path, sizeof path, "%s", fx_tmp_path("large-damaged.ltvsnap"));
    static const int event_damage[] = {3, 4, 10, 12, 13, 15, 17, 18};
    for (size_t i = 0; i < sizeof event_damage / sizeof event_damage[0]; i++)
        for (int where = 0; where < 3; where++) {
            memcpy(buf, good, len);
            damage dmg;
            const uint64_t at = where == 0 ? 5 : where == 1 ? n / 2
                                                            : n - 40;
            cr_assert(make_damage(event_damage[i], buf, at, &dmg));
            fx_write_file(path, buf, len);
            char eager[1024];
            assert_refused_at_open(path, &dmg, eager, sizeof eager);
            for (int threads = 1; threads <= 8; threads = threads < 3 ? threads + 1 : threads + 5) { /* 1, 2, 3, 8 */
                cr_assert_eq(ltv_set_threads(threads), LTV_OK);
                ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
                ltv_segmentation *seg = (ltv_segmentation *)1;
                cr_assert_eq(ltv_segment_run(&seg, d, NULL, as_of()), LTV_EFORMAT, "%s at %llu, %d threads: not refused",
                             dmg.what, (unsigned long long)at, threads);
                cr_assert_null(seg);
                char first[1024];
                snprintf(first, sizeof first, "%s", ltv_last_error());
                cr_assert(strstr(first, dmg.needle), "%s, %d threads: '%s'", dmg.what, threads, first);
                if (event_damage[i] != 12 && event_damage[i] != 13) /* (the scan may meet another problem first) */
                    cr_assert_str_eq(first, eager, "%s, %d threads", dmg.what, threads);
                cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
                cr_assert_str_eq(ltv_last_error(), first);
                cr_assert_eq(ltv_segment_run(&seg, d, NULL, as_of()), LTV_EFORMAT);
                cr_assert_str_eq(ltv_last_error(), first);
                ltv_ledger_free(d);
            }
        }
    /* damage in the ids of a ledger whose checks split among threads: refused by a lookup
     * (the ids' checks alone) and named as the eager open names it */
    static const int id_damage[] = {0, 1, 2, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < sizeof id_damage / sizeof id_damage[0]; i++) {
        memcpy(buf, good, len);
        damage dmg;
        cr_assert(make_damage(id_damage[i], buf, n - 40, &dmg));
        fx_write_file(path, buf, len);
        char eager[1024];
        assert_refused_at_open(path, &dmg, eager, sizeof eager);
        for (int threads = 1; threads <= 8; threads = threads < 3 ? threads + 1 : threads + 5) {
            cr_assert_eq(ltv_set_threads(threads), LTV_OK);
            ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
            uint64_t index;
            cr_assert_eq(ltv_ledger_find(d, "L1", 2, &index), LTV_EFORMAT, "%s, %d threads: not refused", dmg.what, threads);
            cr_assert(strstr(ltv_last_error(), dmg.needle), "%s, %d threads: '%s'", dmg.what, threads, ltv_last_error());
            if (id_damage[i] < 5) cr_assert_str_eq(ltv_last_error(), eager, "%s, %d threads", dmg.what, threads);
            cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
            ltv_ledger_free(d);
        }
    }
    free(buf);
    ltv_free(good);
}

/* ---- 3. older files and increments ------------------------------------------------------- */

/* A snapshot as writers before META's visit count left it: bytes 72..87 of META zero. */
static void clear_meta_visits(unsigned char *buf) {
    const ltv__snap_entry meta = fx_snap_section(buf, LTV__SEC_META);
    memset(buf + meta.offset + 72, 0, 16);
    fx_snap_reseal(buf);
}

Test(snapshot_checks, files_without_the_visit_count_check_their_events_at_the_open, .init = fx_make_tmp_dir,
     .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = rich(8000, 2000, 41);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    clear_meta_visits(good);
    const char *path = fx_tmp_path("old.ltvsnap");
    fx_write_file(path, good, len);
    /* the events were checked (and their visits counted) at the open; the ids wait */
    ltv_ledger *d = open_deferred(path, LTV__PART_IDS);
    cr_assert_eq(ltv_ledger_visit_count(d), ltv_ledger_visit_count(ledger));
    cr_assert_gt(ltv_ledger_visit_count(d), 0);
    ltv_ledger_free(d);
    for (int threads = 1; threads <= 2; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        assert_same_answers(path, LTV__PART_IDS, true);
    }
    /* damage in its events is refused at the open, in its ids on use (`good` is the older file) */
    unsigned char *buf = malloc(len);
    const uint64_t middle = ltv_ledger_customer_count(ledger) / 2;
    for (int which = 0;; which++) {
        memcpy(buf, good, len);
        damage dmg;
        if (!make_damage(which, buf, middle, &dmg)) break;
        if (which == 15) continue; /* (META's visits are not there to be wrong) */
        fx_write_file(path, buf, len);
        ltv_ledger *opened = (ltv_ledger *)1;
        const int status = ltv_ledger_open_flags(&opened, path, LTV_OPEN_CHECK_ON_USE);
        if (dmg.part == LTV__PART_EVENTS) {
            cr_assert_eq(status, LTV_EFORMAT, "%s: the open of an older file accepted it", dmg.what);
            cr_assert_null(opened);
            cr_assert(strstr(ltv_last_error(), dmg.needle), "%s: '%s'", dmg.what, ltv_last_error());
        } else {
            cr_assert_eq(status, LTV_OK, "%s: %s", dmg.what, ltv_last_error());
            cr_assert_eq(unchecked_parts(opened), LTV__PART_IDS);
            uint64_t index;
            cr_assert_eq(ltv_ledger_find(opened, "C000001", 7, &index), LTV_EFORMAT, "%s", dmg.what);
            cr_assert(strstr(ltv_last_error(), dmg.needle), "%s: '%s'", dmg.what, ltv_last_error());
            ltv_ledger_free(opened);
        }
    }
    free(buf);
    ltv_free(good);
    ltv_ledger_free(ledger);
}

static int save_increment(ltv_ledger *ledger, const char *path) {
    int how = -1;
    cr_assert_eq(ltv_ledger_save_increment(ledger, path, &how), LTV_OK, "%s", ltv_last_error());
    return how;
}

Test(snapshot_checks, files_with_increments_are_checked_at_the_open, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = rich(8000, 2000, 43);
    char path[400];
    snprintf(path, sizeof path, "%s", fx_tmp_path("v2.ltvsnap"));
    cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_REWRITTEN);
    /* a version-2 base without increments defers like version 1 */
    assert_same_answers(path, LTV__PARTS_ALL, false);
    ltv_ledger_free(ledger);
    ledger = open_eager(path);
    fx_add(ledger, "C000003", LTV_EVENT_ORDER, "2026-11-01", 900, 1);
    fx_add(ledger, "a new customer of the increment, long", LTV_EVENT_ORDER, "2026-11-02", 1200, 2);
    fx_add(ledger, "C000005", LTV_EVENT_VISIT, "2026-11-03", 0, 0);
    cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
    ltv_ledger_free(ledger);
    /* with increments: checked whole at the open, the answers unchanged */
    for (int threads = 1; threads <= 2; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        ltv_ledger *d = open_deferred(path, 0);
        cr_assert_null(deferred_of(d));
        ltv_ledger_free(d);
        assert_same_answers(path, 0, true);
    }
    /* damage in the base's events or ids is refused at the open */
    size_t len;
    unsigned char *good = fx_read_file(path, &len), *buf = malloc(len);
    static const uint32_t sections[] = {LTV__SEC_EVENTS, LTV__SEC_RUN_STARTS, LTV__SEC_ID_RECORDS, LTV__SEC_SLOTS};
    for (size_t i = 0; i < 4; i++) {
        memcpy(buf, good, len);
        const ltv__snap_entry e = fx_snap_section(buf, sections[i]);
        buf[e.offset + e.bytes / 2] ^= 0x04;
        fx_write_file(path, buf, len);
        ltv_ledger *opened = (ltv_ledger *)1;
        cr_assert_eq(ltv_ledger_open_flags(&opened, path, LTV_OPEN_CHECK_ON_USE), LTV_EFORMAT, "section %u", sections[i]);
        cr_assert_null(opened);
        cr_assert(strstr(ltv_last_error(), "checksum"), "%s", ltv_last_error());
    }
    free(buf);
    free(good);
}

/* ---- 4. concurrency ----------------------------------------------------------------------- */

/* Two threads segment one deferred ledger while a third looks customers up: all at once, on
 * a fresh open each round, so that the checks of both parts race with their readers. */
enum { READ_SEGMENT,
       READ_FIND,
       READ_FACTS,
       READERS = 4 };
typedef struct reader {
    const ltv_ledger *ledger;
    pthread_barrier_t *start;
    int kind;
    const char (*ids)[64];
    const uint64_t *want;                 /* the index of each id */
    const ltv_customer_facts *want_facts; /* and its facts */
    size_t count;
    /* results */
    int status;
    char message[1024];
    ltv_segmentation *seg;
    size_t wrong;
} reader;

static void *read_ledger(void *arg) {
    reader *r = arg;
    pthread_barrier_wait(r->start);
    r->status = LTV_OK;
    if (r->kind == READ_SEGMENT) r->status = ltv_segment_run(&r->seg, r->ledger, NULL, as_of());
    for (size_t i = 0; r->kind == READ_FIND && i < r->count && r->status == LTV_OK; i++) {
        uint64_t index = UINT64_MAX;
        r->status = ltv_ledger_find(r->ledger, r->ids[i], strlen(r->ids[i]), &index);
        r->wrong += r->status == LTV_OK && index != r->want[i];
    }
    for (size_t i = 0; r->kind == READ_FACTS && i < r->count && r->status == LTV_OK; i++) {
        ltv_customer_facts f;
        r->status = ltv_ledger_facts(r->ledger, r->want[i], as_of(), &f, sizeof f);
        r->wrong += r->status == LTV_OK && memcmp(&f, &r->want_facts[i], sizeof f) != 0;
    }
    if (r->status != LTV_OK) snprintf(r->message, sizeof r->message, "%s", ltv_last_error());
    return NULL;
}

/* Runs four readers at once on a fresh deferred open of `path`: two segmentations, lookups
 * (the ids) and facts (everything). `expect` is the segmentation, or NULL when the events are
 * damaged; `ids_sound` says whether the ids are. A reader of a damaged part fails; a reader
 * of sound parts answers right or repeats a failure another reader met first; every failure
 * has one message. */
static void race(const char *path, const ltv_segmentation *expect, bool ids_sound, const char (*ids)[64], const uint64_t *want,
                 const ltv_customer_facts *want_facts, size_t count) {
    ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, READERS);
    reader r[READERS];
    pthread_t t[READERS];
    static const int kinds[READERS] = {READ_SEGMENT, READ_SEGMENT, READ_FIND, READ_FACTS};
    for (int i = 0; i < READERS; i++) {
        r[i] = (reader){.ledger = d, .start = &start, .kind = kinds[i], .ids = ids, .want = want, .want_facts = want_facts, .count = count};
        cr_assert_eq(pthread_create(&t[i], NULL, read_ledger, &r[i]), 0);
    }
    for (int i = 0; i < READERS; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    const char *failure = NULL;
    for (int i = 0; i < READERS; i++) {
        const bool damaged = r[i].kind == READ_FACTS || (r[i].kind == READ_SEGMENT ? !expect : !ids_sound);
        const bool sound_file = expect && ids_sound;
        if (r[i].status != LTV_OK) {
            cr_assert_eq(r[i].status, LTV_EFORMAT, "reader %d: %s", i, r[i].message);
            cr_assert(!sound_file, "reader %d failed on a sound file: %s", i, r[i].message);
            if (failure) cr_assert_str_eq(r[i].message, failure, "reader %d", i);
            failure = r[i].message;
            cr_assert_null(r[i].seg);
            continue;
        }
        cr_assert(sound_file || !damaged, "reader %d answered from a damaged part", i);
        cr_assert_eq(r[i].wrong, 0u, "reader %d answered wrong", i);
        if (r[i].kind == READ_SEGMENT) assert_same_segmentation(expect, r[i].seg, "concurrent");
        ltv_segmentation_free(r[i].seg);
    }
    ltv_ledger_free(d);
}

static void concurrency(ltv_ledger *ledger, int rounds) {
    const uint64_t n = ltv_ledger_customer_count(ledger);
    const size_t count = 3000;
    char(*ids)[64] = calloc(count, 64);
    uint64_t *want = calloc(count, sizeof *want);
    ltv_customer_facts *facts = calloc(count, sizeof *facts);
    for (size_t i = 0; i < count; i++) {
        const char *id;
        size_t len;
        want[i] = (i * 7919) % n;
        cr_assert_eq(ltv_ledger_customer_id(ledger, want[i], &id, &len), LTV_OK);
        memcpy(ids[i], id, len);
        cr_assert_eq(ltv_ledger_facts(ledger, want[i], as_of(), &facts[i], sizeof facts[i]), LTV_OK);
    }
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    char path[400];
    snprintf(path, sizeof path, "%s", fx_tmp_path("shared.ltvsnap"));
    fx_write_file(path, good, len);
    ltv_segmentation *expect = NULL;
    cr_assert_eq(ltv_segment_run(&expect, ledger, NULL, as_of()), LTV_OK);
    for (int round = 0; round < rounds; round++) race(path, expect, true, (const char(*)[64])ids, want, facts, count);
    /* damaged events: both segmentations refuse with one message, the lookups answer (or repeat it) */
    unsigned char *buf = malloc(len);
    damage dmg;
    memcpy(buf, good, len);
    make_damage(13, buf, n / 2, &dmg);
    fx_write_file(path, buf, len);
    for (int round = 0; round < rounds; round++) race(path, NULL, true, (const char(*)[64])ids, want, facts, count);
    /* damaged ids: the lookups refuse, the segmentations answer */
    memcpy(buf, good, len);
    make_damage(5, buf, n / 2, &dmg);
    fx_write_file(path, buf, len);
    for (int round = 0; round < rounds; round++) race(path, expect, false, (const char(*)[64])ids, want, facts, count);
    ltv_segmentation_free(expect);
    free(buf);
    ltv_free(good);
    free(want);
    free(facts);
    free(ids);
}

Test(snapshot_checks, concurrent_readers_agree, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    cr_assert_eq(ltv_set_threads(1), LTV_OK);
    ltv_ledger *ledger = rich(40000, 8000, 47);
    concurrency(ledger, 10);
    ltv_ledger_free(ledger);
}

Test(snapshot_checks, concurrent_readers_agree_when_the_first_pass_splits, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir,
     .timeout = 600) {
    cr_assert_eq(ltv_set_threads(2), LTV_OK);
    ltv_ledger *ledger = large();
    concurrency(ledger, 3);
    ltv_ledger_free(ledger);
}

/* ---- every edit ---------------------------------------------------------------------------- */

/* Every byte of a small snapshot's sections changed in turn, the checksums resealed so that the change
 * reaches the structural checks: the flag never changes the verdict. Bytes the eager open
 * refuses are refused by the deferred ledger's verify with the eager open's message (and by
 * a segmentation that comes first, if the events are what is wrong, and by a save); bytes it
 * accepts give the same segmentation and saved bytes. */
static bool judge_as_the_eager_open(const char *path, const char *what) {
    ltv_ledger *eager = NULL;
    const int eager_status = ltv_ledger_open(&eager, path);
    char eager_message[1024];
    snprintf(eager_message, sizeof eager_message, "%s", ltv_last_error());
    ltv_ledger *d = NULL;
    const int status = ltv_ledger_open_flags(&d, path, LTV_OPEN_CHECK_ON_USE);
    if (status != LTV_OK) {
        cr_assert_neq(eager_status, LTV_OK, "%s: refused only with the flag: %s", what, ltv_last_error());
        cr_assert_str_eq(ltv_last_error(), eager_message, "%s", what);
        return false;
    }
    if (eager_status != LTV_OK) {
        cr_assert_eq(ltv_ledger_verify(d), eager_status, "%s: accepted with the flag: %s", what, eager_message);
        cr_assert_str_eq(ltv_last_error(), eager_message, "%s", what);
        ltv_ledger_free(d);
        /* the segmentation first: refused, or answered from sound events while the ids are not */
        cr_assert_eq(ltv_ledger_open_flags(&d, path, LTV_OPEN_CHECK_ON_USE), LTV_OK);
        ltv_segmentation *seg = NULL;
        const int seg_status = ltv_segment_run(&seg, d, NULL, as_of());
        ltv_segmentation_free(seg);
        if (seg_status == LTV_OK)
            cr_assert(strstr(eager_message, "ID_RECORDS") || strstr(eager_message, "LONG_IDS") || strstr(eager_message, "SLOTS"),
                      "%s: segmented although '%s'", what, eager_message);
        else
            cr_assert_eq(seg_status, LTV_EFORMAT, "%s: %s", what, ltv_last_error());
        void *bytes = NULL;
        size_t len = 0;
        cr_assert_eq(ltv_ledger_save_buffer(d, &bytes, &len), LTV_EFORMAT, "%s: saved", what);
        cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT, "%s", what);
        ltv_ledger_free(d);
        return false;
    }
    ltv_segmentation *want = segment(eager, 0), *got = segment(d, 0);
    assert_same_segmentation(want, got, what);
    ltv_segmentation_free(want), ltv_segmentation_free(got);
    cr_assert_eq(ltv_ledger_verify(d), LTV_OK, "%s: %s", what, ltv_last_error());
    assert_same_bytes(eager, d);
    ltv_ledger_free(d);
    ltv_ledger_free(eager);
    return true;
}

static void judge_every_edit(size_t rows, size_t customers, uint64_t seed, bool older) {
    ltv_ledger *ledger = rich(rows, customers, seed);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    ltv_ledger_free(ledger);
    if (older) clear_meta_visits(good);
    unsigned char *buf = malloc(len);
    char path[400], what[64];
    snprintf(path, sizeof path, "%s", fx_tmp_path("edited.ltvsnap"));
    size_t refused = 0, accepted = 0;
    /* the sections (the header and table are read the same way with and without the flag) */
    for (size_t at = (size_t)fx_snap_section(good, LTV__SEC_META).offset; at < len; at++) {
        const int bit = (int)(at * 3 % 8); /* a different bit of each field's bytes */
        memcpy(buf, good, len);
        buf[at] ^= (unsigned char)(1u << bit);
        fx_snap_reseal(buf);
        fx_write_file(path, buf, len);
        snprintf(what, sizeof what, "%sbit %d of byte %zu", older ? "an older file: " : "", bit, at);
        if (judge_as_the_eager_open(path, what)) accepted++;
        else refused++;
    }
    cr_assert_gt(refused, 0u);
    cr_assert_gt(accepted, 0u);
    free(buf);
    ltv_free(good);
}

Test(snapshot_checks, every_resealed_edit_is_judged_as_the_eager_open_judges_it, .init = fx_make_tmp_dir,
     .fini = fx_remove_tmp_dir, .timeout = 600) {
    judge_every_edit(240, 40, 53, false);
    judge_every_edit(100, 20, 79, true); /* without META's visit count: the ids wait, the events do not */
}

/* Two orders of 2^62 each in customers far apart: every range's sums fit in 63 bits, the
 * whole's do not. Refused whatever the threads (under UBSan: without an overflow on the way). */
Test(snapshot_checks, amounts_that_overflow_only_together_are_refused, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir,
     .timeout = 600) {
    ltv_ledger *ledger = large();
    unsigned char *buf;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&buf, &len), LTV_OK);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    ltv_ledger_free(ledger);
    const ltv__snap_entry ev = fx_snap_section(buf, LTV__SEC_EVENTS);
    int changed = 0;
    for (int k = 0; k < 2; k++) /* one near the start, one near the end */
        for (uint64_t c = k == 0 ? 3 : n - 50; c < n; c++) {
            const uint64_t end = run_start(buf, c + 1);
            if (end == run_start(buf, c) || buf[ev.offset + (end - 1) * 16 + 7] != LTV_EVENT_ORDER) continue;
            set_u64(buf + ev.offset + (end - 1) * 16 + 8, (uint64_t)1 << 62); /* the run's last event: still in order */
            changed++;
            break;
        }
    cr_assert_eq(changed, 2);
    fx_snap_reseal(buf);
    const char *path = fx_tmp_path("overflow.ltvsnap");
    fx_write_file(path, buf, len);
    ltv_ledger *eager = NULL;
    cr_assert_eq(ltv_ledger_open(&eager, path), LTV_EFORMAT);
    cr_assert(strstr(ltv_last_error(), "overflow"), "%s", ltv_last_error());
    for (int threads = 1; threads <= 3; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
        ltv_segmentation *seg = NULL;
        cr_assert_eq(ltv_segment_run(&seg, d, NULL, as_of()), LTV_EFORMAT, "%d threads", threads);
        cr_assert(strstr(ltv_last_error(), "overflow") && strstr(ltv_last_error(), "EVENTS"), "%d threads: %s", threads,
                  ltv_last_error());
        cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
        ltv_ledger_free(d);
        d = open_deferred(path, LTV__PARTS_ALL);
        cr_assert_eq(ltv_ledger_verify(d), LTV_EFORMAT);
        cr_assert(strstr(ltv_last_error(), "overflow"), "%d threads: %s", threads, ltv_last_error());
        ltv_ledger_free(d);
    }
    ltv_free(buf);
}

/* The nightly job: open, append a day, save an increment, again and again until the file is
 * compacted. With the flag the files come out byte for byte as without it. */
Test(snapshot_checks, nightly_increments_write_the_same_files, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = rich(3000, 700, 67);
    char a[400], b[400];
    snprintf(a, sizeof a, "%s", fx_tmp_path("eager.ltvsnap"));
    snprintf(b, sizeof b, "%s", fx_tmp_path("deferred.ltvsnap"));
    cr_assert_eq(save_increment(ledger, a), LTV_SNAPSHOT_REWRITTEN);
    cr_assert_eq(save_increment(ledger, b), LTV_SNAPSHOT_REWRITTEN);
    ltv_ledger_free(ledger);
    bool compacted = false;
    for (int day = 1; day <= 40 && !compacted; day++) {
        ltv_ledger *e = open_eager(a), *d = NULL;
        cr_assert_eq(ltv_ledger_open_flags(&d, b, LTV_OPEN_CHECK_ON_USE), LTV_OK, "%s", ltv_last_error());
        for (int i = 0; i < 40; i++) {
            char id[64];
            const int len = i % 4 == 0 ? snprintf(id, sizeof id, "a new customer of day %d, number %d", day, i)
                                       : snprintf(id, sizeof id, "C%06d", (day * 37 + i * 11) % 700);
            const int kind = i % 9 == 0 ? LTV_EVENT_VISIT : i % 13 == 0 ? LTV_EVENT_REFUND
                                                                        : LTV_EVENT_ORDER;
            const int64_t amount = kind == LTV_EVENT_VISIT ? 0 : 100 + i;
            const int32_t items = kind == LTV_EVENT_VISIT ? 0 : 1;
            cr_assert_eq(ltv_ledger_add_event(e, id, (size_t)len, kind, as_of() + day, amount, items), LTV_OK);
            cr_assert_eq(ltv_ledger_add_event(d, id, (size_t)len, kind, as_of() + day, amount, items), LTV_OK, "%s",
                         ltv_last_error());
        }
        const int how = save_increment(e, a);
        cr_assert_eq(save_increment(d, b), how, "day %d", day);
        compacted = how == LTV_SNAPSHOT_COMPACTED;
        ltv_ledger_free(e), ltv_ledger_free(d);
        size_t la, lb;
        unsigned char *fa = fx_read_file(a, &la), *fb = fx_read_file(b, &lb);
        cr_assert(la == lb && memcmp(fa, fb, la) == 0, "day %d: the files differ", day);
        free(fa), free(fb);
    }
    cr_assert(compacted, "no compaction in 40 days");
    /* the compacted file defers again, and answers as the eager open */
    assert_same_answers(b, LTV__PARTS_ALL, false);
}

/* ---- what a save writes ------------------------------------------------------------------- */

/* Fresh memory filled with a different byte for each allocation: a byte a save takes from
 * memory nobody wrote shows up as a difference between two saves of equal ledgers. */
static unsigned poison;
static void *poisoned_malloc(void *ud, size_t size) {
    (void)ud;
    unsigned char *p = malloc(size);
    if (p) memset(p, (int)(0x11 + poison++ % 200), size);
    return p;
}
static void *poisoned_realloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    const size_t before = ptr ? malloc_usable_size(ptr) : 0;
    unsigned char *p = realloc(ptr, size);
    if (p && size > before) memset(p + before, (int)(0x11 + poison++ % 200), size - before);
    return p;
}
static void plain_free(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

/* The ledger of a generated log built four ways: event by event, from a CSV text, from
 * columns (Arrow's layout) and merged from two shards. */
static ltv_ledger *built(int way) {
    fx_log log = fx_log_generate(1500, 400, 73);
    ltv_ledger *ledger = fx_ledger();
    char(*ids)[48] = calloc(log.rows, 48);
    for (size_t i = 0; i < log.rows; i++) {
        const long c = strtol(log.ids[i] + 1, NULL, 10);
        if (c % 3 == 0) snprintf(ids[i], 48, "customer-with-a-long-id-%06ld", c);
        else if (c % 7 == 0) snprintf(ids[i], 48, "顧客%06ld", c);
        else snprintf(ids[i], 48, "%s", log.ids[i]);
    }
    if (way == 0) {
        for (size_t i = 0; i < log.rows; i++)
            cr_assert_eq(ltv_ledger_add_event(ledger, ids[i], strlen(ids[i]), log.kinds[i], log.days[i], log.amounts[i],
                                              log.items[i]),
                         LTV_OK);
    } else if (way == 1) {
        static const char *const kinds[] = {"order", "refund", "visit", "cancel"};
        size_t cap = 64 + log.rows * 96, len = 0;
        char *csv = malloc(cap);
        len += (size_t)snprintf(csv, cap, "customer_id,order_date,amount,items,kind\n");
        for (size_t i = 0; i < log.rows; i++) {
            char date[16];
            cr_assert_eq(ltv_date_format(log.days[i], date, sizeof date), LTV_OK);
            const int64_t amount = log.amounts[i] < 0 ? -log.amounts[i] : log.amounts[i];
            len += (size_t)snprintf(csv + len, cap - len, "%s,%s,%lld,%d,%s\n", ids[i], date, (long long)amount,
                                    (int)log.items[i], kinds[log.kinds[i]]);
        }
        ltv_load_report *report = NULL;
        cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, csv, len, NULL, &report), LTV_OK, "%s", ltv_last_error());
        ltv_load_report_free(report);
        free(csv);
    } else if (way == 2) {
        int64_t *offsets = malloc((log.rows + 1) * sizeof *offsets);
        char *data = malloc(log.rows * 48);
        offsets[0] = 0;
        for (size_t i = 0; i < log.rows; i++) {
            const size_t n = strlen(ids[i]);
            memcpy(data + offsets[i], ids[i], n);
            offsets[i + 1] = offsets[i] + (int64_t)n;
        }
        cr_assert_eq(ltv_ledger_add_events(ledger, log.rows, data, offsets, log.kinds, log.days, log.amounts, log.items),
                     LTV_OK, "%s", ltv_last_error());
        free(offsets), free(data);
    } else {
        ltv_ledger *shard[2] = {fx_ledger(), fx_ledger()};
        for (size_t i = 0; i < log.rows; i++)
            cr_assert_eq(ltv_ledger_add_event(shard[strlen(ids[i]) % 2], ids[i], strlen(ids[i]), log.kinds[i], log.days[i],
                                              log.amounts[i], log.items[i]),
                         LTV_OK);
        cr_assert_eq(ltv_ledger_merge(ledger, shard[0]), LTV_OK);
        cr_assert_eq(ltv_ledger_merge(ledger, shard[1]), LTV_OK);
        ltv_ledger_free(shard[0]), ltv_ledger_free(shard[1]);
    }
    free(ids);
    fx_log_free(&log);
    return ledger;
}

/* A ledger whose hash table grew as customers came (the table is allocated, not mapped):
 * saved twice from ledgers built alike, the bytes are equal, and free slots hold hash 0. */
Test(snapshot_checks, saves_write_no_uninitialized_bytes, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    cr_assert_eq(ltv_set_allocator(poisoned_malloc, poisoned_realloc, plain_free, NULL), LTV_OK);
    void *bytes[2], *sums[2];
    size_t len[2], sum_len[2];
    unsigned char *files[2];
    size_t file_len[2];
    for (int k = 0; k < 2; k++) {
        ltv_ledger *ledger = rich(2500, 500, 71);
        cr_assert_eq(ltv_ledger_save_buffer(ledger, &bytes[k], &len[k]), LTV_OK);
        ltv_segment_summary *sum = NULL;
        cr_assert_eq(ltv_segment_summary_new(&sum, ledger, NULL, as_of()), LTV_OK);
        cr_assert_eq(ltv_segment_summary_save_buffer(sum, &sums[k], &sum_len[k]), LTV_OK);
        ltv_segment_summary_free(sum);
        /* a base, then an increment with new customers (long ids among them) */
        char path[400];
        snprintf(path, sizeof path, "%s", fx_tmp_path(k ? "b.ltvsnap" : "a.ltvsnap"));
        cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_REWRITTEN);
        for (int i = 0; i < 30; i++) {
            char id[64];
            const int n = snprintf(id, sizeof id, i % 2 ? "C%06d" : "an increment's customer number %d", i * 13);
            cr_assert_eq(ltv_ledger_add_event(ledger, id, (size_t)n, LTV_EVENT_ORDER, as_of() + i, 10 + i, 1), LTV_OK);
        }
        cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
        files[k] = fx_read_file(path, &file_len[k]);
        ltv_ledger_free(ledger);
    }
    /* each way of building a ledger, twice: the saves are equal */
    for (int way = 0; way < 4; way++) {
        void *twice[2];
        size_t twice_len[2];
        char *html[2];
        size_t html_len[2];
        for (int k = 0; k < 2; k++) {
            ltv_ledger *ledger = built(way);
            cr_assert_eq(ltv_ledger_save_buffer(ledger, &twice[k], &twice_len[k]), LTV_OK);
            cr_assert_eq(ltv_report_html(&html[k], &html_len[k], ledger, NULL, as_of()), LTV_OK, "%s", ltv_last_error());
            ltv_ledger_free(ledger);
        }
        cr_assert(html_len[0] == html_len[1] && memcmp(html[0], html[1], html_len[0]) == 0, "two reports differ");
        ltv_free(html[0]), ltv_free(html[1]);
        cr_assert(twice_len[0] == twice_len[1] && memcmp(twice[0], twice[1], twice_len[0]) == 0,
                  "two saves of a ledger built way %d differ", way);
        ltv_free(twice[0]), ltv_free(twice[1]);
    }
    const ltv__snap_entry sl = fx_snap_section(bytes[0], LTV__SEC_SLOTS);
    size_t free_slots = 0;
    for (uint64_t s = 0; s < sl.bytes / 8; s++) {
        ltv__slot slot;
        memcpy(&slot, (const char *)bytes[0] + sl.offset + s * 8, 8);
        if (slot.index != LTV_SLOT_EMPTY) continue;
        free_slots++;
        cr_assert_eq(slot.hash, 0u, "free slot %llu holds 0x%08x", (unsigned long long)s, slot.hash);
    }
    cr_assert_gt(free_slots, 0u);
    cr_assert(len[0] == len[1] && memcmp(bytes[0], bytes[1], len[0]) == 0, "two saves of equal ledgers differ");
    cr_assert(sum_len[0] == sum_len[1] && memcmp(sums[0], sums[1], sum_len[0]) == 0, "two shard summaries differ");
    cr_assert(file_len[0] == file_len[1] && memcmp(files[0], files[1], file_len[0]) == 0, "two files with increments differ");
    ltv_free(bytes[0]), ltv_free(bytes[1]), ltv_free(sums[0]), ltv_free(sums[1]);
    free(files[0]), free(files[1]);
}

/* ---- one field of one event ---------------------------------------------------------------
 * Runs the checks must not refuse (amounts of 2^40 and more, two orders on one day in the
 * canonical order) are accepted with the eager open's answers; each fault of one field of one
 * event is refused, by the open and by the first pass alike, with a message that names the
 * event, its customer and the fault. */

static ltv_ledger *runs_to_judge(void) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-05", (int64_t)1 << 41, 2);
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-05", ((int64_t)1 << 41) + 5, 1); /* same day, larger amount */
    fx_add(ledger, "a", LTV_EVENT_REFUND, "2026-02-03", 1000, 1);
    fx_add(ledger, "a", LTV_EVENT_VISIT, "2026-03-01", 0, 0);
    fx_add(ledger, "b", LTV_EVENT_ORDER, "2026-01-02", 500, 1);
    fx_add(ledger, "b", LTV_EVENT_ORDER, "2026-04-01", 700, 1);
    return ledger;
}

/* Event `e` of the saved buffer: its day, its items | kind << 24, its amount. */
static void set_event(unsigned char *buf, uint64_t e, int32_t day, uint32_t items_kind, int64_t amount) {
    const uint64_t at = fx_snap_section(buf, LTV__SEC_EVENTS).offset + e * 16;
    memcpy(buf + at, &day, 4);
    memcpy(buf + at + 4, &items_kind, 4);
    memcpy(buf + at + 8, &amount, 8);
}

Test(snapshot_checks, a_fault_in_one_field_is_named, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *built = runs_to_judge();
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(built, (void **)&good, &len), LTV_OK);
    const char *path = fx_tmp_path("fields.ltvsnap");
    /* sound: the same answers as the eager open's and the built ledger's */
    fx_write_file(path, good, len);
    ltv_ledger *eager = open_eager(path), *d = open_deferred(path, LTV__PARTS_ALL);
    ltv_segmentation *want = segment(built, 0), *got = segment(d, 0);
    assert_same_segmentation(want, got, "sound runs with large amounts and same-day orders");
    ltv_ledger_summary sum;
    cr_assert_eq(ltv_ledger_summary_as_of(d, as_of(), &sum, sizeof sum), LTV_OK);
    cr_assert_eq(sum.revenue, ((int64_t)1 << 42) + 5 - 1000 + 1200);
    ltv_segmentation_free(want);
    ltv_segmentation_free(got);
    ltv_ledger_free(eager);
    ltv_ledger_free(d);
    /* b's runs are events 4 and 5; a's same-day orders are events 0 and 1 */
    const int32_t jan2 = fx_day("2026-01-02"), jan5 = fx_day("2026-01-05");
    const uint32_t order = (uint32_t)LTV_EVENT_ORDER << 24, refund = (uint32_t)LTV_EVENT_REFUND << 24,
                   visit = (uint32_t)LTV_EVENT_VISIT << 24;
    static const char *const messages[] = {
        "event 4 (customer 1) is an order with a negative amount",
        "event 4 (customer 1) is a refund with a positive amount",
        "event 4 (customer 1) is an order with a negative amount or too many items",
        "event 4 (customer 1) is a visit or cancel that carries money",
        "event 5 (customer 1) has a day out of range",
        "event 4 (customer 1) has an unknown kind",
        "event 1 (customer 0) is out of the canonical order",
        "event 5 (customer 1) is out of the canonical order",
        "event 4 (customer 1) is a refund with a positive amount", /* INT64_MIN */
    };
    unsigned char *buf = malloc(len);
    for (int which = 0; which < (int)(sizeof messages / sizeof messages[0]); which++) {
        memcpy(buf, good, len);
        switch (which) {
        case 0: set_event(buf, 4, jan2, order | 1, -5); break;
        case 1: set_event(buf, 4, jan2, refund | 1, 500); break;
        case 2: set_event(buf, 4, jan2, order | (LTV_ITEMS_MAX + 1), 500); break;
        case 3: set_event(buf, 4, jan2, visit, 500); break;
        case 4: set_event(buf, 5, LTV_DAY_MAX + 1, order | 1, 700); break;
        case 5: set_event(buf, 4, jan2, 7u << 24 | 1, 500); break;
        case 6: set_event(buf, 1, jan5, order | 1, ((int64_t)1 << 41) - 1); break; /* smaller than event 0's */
        case 7: set_event(buf, 5, jan2 - 1, order | 1, 700); break;
        default: set_event(buf, 4, jan2, refund | 1, INT64_MIN); break;
        }
        fx_snap_reseal(buf);
        fx_write_file(path, buf, len);
        ltv_ledger *refused = NULL;
        cr_assert_eq(ltv_ledger_open(&refused, path), LTV_EFORMAT, "case %d", which);
        cr_assert(strstr(ltv_last_error(), messages[which]), "case %d, the eager open: %s", which, ltv_last_error());
        d = open_deferred(path, LTV__PARTS_ALL);
        ltv_segmentation *seg = NULL;
        cr_assert_eq(ltv_segment_run(&seg, d, NULL, as_of()), LTV_EFORMAT, "case %d", which);
        cr_assert(strstr(ltv_last_error(), messages[which]), "case %d, the first pass: %s", which, ltv_last_error());
        ltv_ledger_free(d);
    }
    free(buf);
    ltv_free(good);
    ltv_ledger_free(built);
}

/* A segmentation as of a day inside the runs reads only the events before it; the checks still
 * cover the rest of each run: sound runs give the eager open's answers, and a fault after the
 * as-of day is refused all the same. */
Test(snapshot_checks, events_after_the_as_of_day_are_checked_too, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *built = runs_to_judge();
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(built, (void **)&good, &len), LTV_OK);
    const char *path = fx_tmp_path("tail.ltvsnap");
    const int32_t inside = fx_day("2026-01-04"); /* after b's first order, before everything else */
    fx_write_file(path, good, len);
    ltv_ledger *d = open_deferred(path, LTV__PARTS_ALL);
    ltv_segmentation *want = NULL, *got = NULL;
    cr_assert_eq(ltv_segment_run(&want, built, NULL, inside), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_run(&got, d, NULL, inside), LTV_OK, "%s", ltv_last_error());
    assert_same_segmentation(want, got, "as of a day inside the runs");
    ltv_segmentation_free(want);
    ltv_segmentation_free(got);
    ltv_ledger_free(d);
    /* b's second order (event 5, 2026-04-01) of an unknown kind: after the as-of day */
    const uint32_t kind7 = 7u << 24 | 1;
    set_event(good, 5, fx_day("2026-04-01"), kind7, 700);
    fx_snap_reseal(good);
    fx_write_file(path, good, len);
    d = open_deferred(path, LTV__PARTS_ALL);
    cr_assert_eq(ltv_segment_run(&got, d, NULL, inside), LTV_EFORMAT);
    cr_assert(strstr(ltv_last_error(), "event 5 (customer 1) has an unknown kind"), "%s", ltv_last_error());
    ltv_ledger_free(d);
    ltv_free(good);
    ltv_ledger_free(built);
}
