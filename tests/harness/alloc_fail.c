/* Allocation-failure harness over the library's public entry points (ctest: alloc_fail,
 * run under ASan + UBSan by scripts/test.sh).
 *
 * Through ltv_set_allocator every allocation goes through counting hooks. Each scenario
 * below is a realistic sequence of public calls; it runs once normally (counting its
 * allocations and computing a fingerprint of its results), then once for each k, with the
 * k-th allocation failing. Every call that fails must return LTV_ENOMEM (and only when an
 * allocation failed in it); the call is then repeated without failures and must succeed on
 * the same handle — the failure left it usable and unchanged —, and the scenario's results
 * must equal the normal run's. After each run no allocation may be outstanding (no leaks).
 * The last line lists the public functions exercised, out of those in abi/ *.symbols. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ltvcrm/ltvcrm.h>

/* ---- the counting, failing allocator --------------------------------------------------- */
static size_t countdown;   /* 0: never fail; else the allocation that fails when it reaches 1 */
static size_t allocations; /* allocations made in this run */
static bool injected;      /* an allocation failed since the last check */
static long live;          /* blocks allocated and not freed */

static bool fail_now(void) {
    allocations++;
    if (countdown == 0 || --countdown != 0) return false;
    injected = true;
    return true;
}
static void *h_malloc(void *ud, size_t size) {
    (void)ud;
    if (fail_now()) return NULL;
    void *p = malloc(size);
    if (p) live++;
    return p;
}
static void *h_realloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    if (fail_now()) return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) live++;
    return p;
}
static void h_free(void *ud, void *ptr) {
    (void)ud;
    if (ptr) live--;
    free(ptr);
}

/* ---- checks ---------------------------------------------------------------------------- */
static int problems;
static const char *scenario_name;
static size_t current_k;

#define MAX_NAMES 512
static const char *exercised[MAX_NAMES];
static size_t n_exercised;
static void note(const char *name) {
    for (size_t i = 0; i < n_exercised; i++)
        if (!strcmp(exercised[i], name)) return;
    if (n_exercised < MAX_NAMES) exercised[n_exercised++] = name;
}

static void problem(const char *call, int status) {
    if (problems++ < 20)
        fprintf(stderr, "FAIL %s (allocation %zu fails): %s returned %s: %s\n", scenario_name, current_k, call,
                ltv_status_name(status), ltv_last_error());
}

/* STEP(fn, args...): calls fn; a failure must be LTV_ENOMEM from an injected allocation,
 * after which the same call, repeated with no failure, must succeed. */
#define STEP(fn, ...) STEP_CLEAN((void)0, fn, __VA_ARGS__)
/* The same, running `cleanup` after a failure (what a failed call hands back: a CSV load
 * also writes its report when it fails). */
#define STEP_CLEAN(cleanup, fn, ...)                                                               \
    do {                                                                                           \
        note(#fn);                                                                                 \
        injected = false;                                                                          \
        int s_ = fn(__VA_ARGS__);                                                                  \
        if (s_ != LTV_OK) {                                                                        \
            if (!injected || s_ != LTV_ENOMEM) problem(#fn, s_);                                   \
            cleanup;                                                                               \
            countdown = 0;                                                                         \
            s_ = fn(__VA_ARGS__);                                                                  \
            if (s_ != LTV_OK) {                                                                    \
                problem(#fn " (repeated)", s_);                                                    \
                return 0;                                                                          \
            }                                                                                      \
        }                                                                                          \
    } while (0)
/* Calls that cannot fail for lack of memory: recorded, not checked. */
#define CALL(fn, ...) (note(#fn), fn(__VA_ARGS__))

static uint64_t mix(uint64_t h, const void *data, size_t len) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}
static uint64_t mix_u(uint64_t h, uint64_t v) { return mix(h, &v, sizeof v); }

static const char CSV[] = "customer_id,order_date,amount,items,kind\n"
                          "A,2026-01-05,1980,2,order\nB,2026-01-06,500,1,order\nA,2026-03-01,1200,1,order\n"
                          "C,2026-02-10,3000,3,order\nB,2026-02-11,500,1,refund\nD,bad,1,1,order\n"
                          "A,2026-05-01,2200,1,order\nE,2025-12-24,9000,4,order\nE,2026-04-01,4000,2,order\n";
static const int32_t AS_OF = 20600; /* 2026-05-27 */

static uint64_t s_ledger(void) {
    ltv_ledger *a = NULL, *b = NULL;
    STEP(ltv_ledger_new, &a);
    STEP(ltv_ledger_reserve, a, 8, 16);
    for (int i = 0; i < 40; i++) {
        char id[16];
        int n = snprintf(id, sizeof id, "customer-%02d", i % 13);
        STEP(ltv_ledger_add_order, a, id, (size_t)n, 20000 + i * 7, 1000 + i, 1 + i % 3);
    }
    STEP(ltv_ledger_add_event, a, "customer-01", 11, LTV_EVENT_REFUND, 20100, 300, 0);
    STEP(ltv_ledger_new, &b);
    const char ids[] = "xyz";
    const int64_t offsets[] = {0, 1, 2, 3};
    const uint8_t kinds[] = {0, 0, 2};
    const int32_t days[] = {20001, 20002, 20003}, items[] = {1, 1, 0};
    const int64_t amounts[] = {100, 200, 0};
    STEP(ltv_ledger_add_events, b, 3, ids, offsets, kinds, days, amounts, items);
    STEP(ltv_ledger_merge, a, b);
    STEP(ltv_ledger_prepare, a);
    ltv_ledger_summary s;
    STEP(ltv_ledger_summary_as_of, a, AS_OF, &s, sizeof s);
    uint64_t h = mix(0, &s, sizeof s);
    h = mix_u(h, CALL(ltv_ledger_customer_count, a));
    CALL(ltv_ledger_free, b);
    CALL(ltv_ledger_free, a);
    return h;
}

static uint64_t s_csv(void) {
    ltv_ledger *l = NULL;
    ltv_csv_options *o = NULL;
    ltv_load_report *r = NULL;
    STEP(ltv_ledger_new, &l);
    STEP(ltv_csv_options_new, &o);
    STEP(ltv_csv_options_set_column, o, LTV_CSV_CUSTOMER_ID, "customer_id", 11);
    STEP(ltv_csv_options_set_i64, o, LTV_CSV_DECIMALS, 0);
    STEP_CLEAN((ltv_load_report_free(r), r = NULL), ltv_ledger_load_csv_buffer, l, CSV, sizeof CSV - 1, o, &r);
    uint64_t h = mix_u(0, CALL(ltv_load_report_rows_taken, r));
    h = mix_u(h, CALL(ltv_load_report_rows_rejected, r));
    h = mix_u(h, CALL(ltv_ledger_customer_count, l));
    h = mix_u(h, (uint64_t)CALL(ltv_ledger_revenue, l));
    CALL(ltv_load_report_free, r);
    CALL(ltv_csv_options_free, o);
    CALL(ltv_ledger_free, l);
    return h;
}

/* Order mode: 150 orders whose lines are not adjacent (enough order ids for the radix sort
 * that groups them), an order total, a status column, and a line that disagrees. */
static uint64_t s_csv_orders(void) {
    static char text[16384];
    if (!text[0]) {
        size_t at = (size_t)snprintf(text, sizeof text, "order_id,customer_id,order_date,amount,total,status\n");
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < 150; i += 1 + pass)
                at += (size_t)snprintf(text + at, sizeof text - at, "o%d,c%d,%s,%d,%s,%s\n", i, i % 40,
                                       pass ? "" : "2026-02-01", 100 + i, pass ? "" : "900",
                                       i % 10 == 3 ? "cancelled" : "paid");
        snprintf(text + at, sizeof text - at, "o7,c99,2026-02-01,1,,\n");
    }
    ltv_ledger *l = NULL;
    ltv_csv_options *o = NULL;
    ltv_load_report *r = NULL;
    STEP(ltv_ledger_new, &l);
    STEP(ltv_csv_options_new, &o);
    STEP(ltv_csv_options_set_column, o, LTV_CSV_ORDER_ID, "order_id", 8);
    STEP(ltv_csv_options_set_column, o, LTV_CSV_ORDER_TOTAL, "total", 5);
    STEP(ltv_csv_options_set_column, o, LTV_CSV_STATUS, "status", 6);
    STEP(ltv_csv_options_set_i64, o, LTV_CSV_DECIMALS, 0);
    STEP_CLEAN((ltv_load_report_free(r), r = NULL), ltv_ledger_load_csv_buffer, l, text, strlen(text), o, &r);
    uint64_t orders = 0, lines = 0;
    CALL(ltv_load_report_orders, r, &orders, &lines);
    uint64_t h = mix_u(mix_u(0, orders), lines);
    h = mix_u(h, CALL(ltv_load_report_rows_rejected, r));
    h = mix_u(h, CALL(ltv_load_report_rows_excluded, r));
    h = mix_u(h, CALL(ltv_ledger_customer_count, l));
    h = mix_u(h, (uint64_t)CALL(ltv_ledger_revenue, l));
    CALL(ltv_load_report_free, r);
    CALL(ltv_csv_options_free, o);
    CALL(ltv_ledger_free, l);
    return h;
}

static ltv_ledger *sample_ledger(void) {
    /* Built with failures off: the scenarios that use it test what comes after. */
    size_t saved = countdown;
    countdown = 0;
    ltv_ledger *l = NULL;
    ltv_load_report *r = NULL;
    if (ltv_ledger_new(&l) != LTV_OK || ltv_ledger_load_csv_buffer(l, CSV, sizeof CSV - 1, NULL, &r) != LTV_OK ||
        ltv_ledger_prepare(l) != LTV_OK) {
        fprintf(stderr, "alloc_fail: cannot build the sample ledger: %s\n", ltv_last_error());
        exit(1);
    }
    ltv_load_report_free(r);
    countdown = saved;
    return l;
}

static uint64_t s_segment_health(void) {
    ltv_ledger *l = sample_ledger();
    ltv_segment_config *cfg = NULL;
    ltv_segmentation *seg = NULL;
    ltv_health_config *hcfg = NULL;
    ltv_health_check *hc = NULL;
    char *json = NULL;
    size_t len = 0;
    STEP(ltv_segment_config_new, &cfg);
    STEP(ltv_segment_run, &seg, l, cfg, AS_OF);
    ltv_group_stats st;
    STEP(ltv_segmentation_state_stats, seg, 0, &st, sizeof st);
    STEP(ltv_health_config_new, &hcfg);
    STEP(ltv_health_check_run, &hc, l, seg, hcfg, AS_OF);
    STEP(ltv_health_check_to_json, hc, LTV_LANG_EN, &json, &len);
    uint64_t h = mix(mix(0, &st, sizeof st), json, len);
    CALL(ltv_free, json);
    CALL(ltv_health_check_free, hc);
    CALL(ltv_health_config_free, hcfg);
    CALL(ltv_segmentation_free, seg);
    CALL(ltv_segment_config_free, cfg);
    ltv_ledger_free(l);
    return h;
}

static uint64_t s_planner(void) {
    ltv_planner *p = NULL, *q = NULL;
    ltv_plan_report *rep = NULL;
    char *text = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    STEP(ltv_planner_new_default, &p, LTV_LANG_JA);
    STEP(ltv_planner_to_text, p, &text, &len);
    STEP(ltv_planner_from_text, &q, text, len);
    STEP(ltv_planner_validate, q, &rep);
    STEP(ltv_planner_to_text, q, &again, &len2);
    uint64_t h = mix(mix(0, text, len), again, len2);
    CALL(ltv_plan_report_free, rep);
    CALL(ltv_free, again);
    CALL(ltv_free, text);
    CALL(ltv_planner_free, q);
    CALL(ltv_planner_free, p);
    return h;
}

static uint64_t s_matrix_grader(void) {
    ltv_matrix *m = NULL, *j = NULL, *c = NULL;
    ltv_grade *g = NULL;
    char *json = NULL, *csv = NULL, *shown = NULL;
    size_t jl = 0, cl = 0, sl = 0;
    STEP(ltv_matrix_new_template, &m, LTV_LANG_JA);
    STEP(ltv_matrix_save, m, LTV_MATRIX_FORMAT_JSON, &json, &jl);
    STEP(ltv_matrix_save, m, LTV_MATRIX_FORMAT_CSV, &csv, &cl);
    STEP(ltv_matrix_load, &j, LTV_MATRIX_FORMAT_JSON, json, jl);
    STEP(ltv_matrix_load, &c, LTV_MATRIX_FORMAT_CSV, csv, cl);
    STEP(ltv_matrix_render, c, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_JA, &shown, &sl);
    STEP(ltv_grader_grade, &g, "AABCDAABBA", 10);
    uint64_t h = mix(mix(mix(0, json, jl), csv, cl), shown, sl);
    h = mix_u(h, (uint64_t)CALL(ltv_grade_a_count, g));
    CALL(ltv_grade_free, g);
    CALL(ltv_free, shown);
    CALL(ltv_free, csv);
    CALL(ltv_free, json);
    CALL(ltv_matrix_free, c);
    CALL(ltv_matrix_free, j);
    CALL(ltv_matrix_free, m);
    return h;
}

static uint64_t s_snapshot(void) {
    ltv_ledger *l = sample_ledger(), *back = NULL;
    void *data = NULL;
    size_t len = 0;
    STEP(ltv_ledger_save_buffer, l, &data, &len);
    STEP(ltv_ledger_open_buffer, &back, data, len);
    ltv_ledger_summary s;
    STEP(ltv_ledger_summary_as_of, back, AS_OF, &s, sizeof s);
    uint64_t h = mix(0, &s, sizeof s);
    CALL(ltv_ledger_free, back);
    CALL(ltv_free, data);
    ltv_ledger_free(l);
    return h;
}

/* Files: the library's one writer and its capped reader, under allocation failures. */
static char file_dir[64];
static uint64_t s_files(void) {
    ltv_ledger *l = sample_ledger(), *back = NULL;
    ltv_matrix *m = NULL, *m2 = NULL;
    ltv_planner *p = NULL, *p2 = NULL;
    char path_m[128], path_p[128], path_s[128];
    snprintf(path_m, sizeof path_m, "%s/plan.json", file_dir);
    snprintf(path_p, sizeof path_p, "%s/scenario.txt", file_dir);
    snprintf(path_s, sizeof path_s, "%s/ledger.snap", file_dir);
    STEP(ltv_matrix_new_template, &m, LTV_LANG_EN);
    STEP(ltv_matrix_save_file, m, LTV_MATRIX_FORMAT_JSON, path_m);
    STEP(ltv_matrix_load_file, &m2, LTV_MATRIX_FORMAT_JSON, path_m);
    STEP(ltv_planner_new_default, &p, LTV_LANG_EN);
    STEP(ltv_planner_save, p, path_p);
    STEP(ltv_planner_load, &p2, path_p);
    STEP(ltv_ledger_save, l, path_s);
    STEP(ltv_ledger_open, &back, path_s);
    ltv_ledger_summary s;
    STEP(ltv_ledger_summary_as_of, back, AS_OF, &s, sizeof s);
    ltv_segmentation *seg = NULL;
    ltv_customer_segment cs;
    ltv_schedule *sch = NULL;
    STEP(ltv_segment_run, &seg, back, NULL, AS_OF);
    STEP(ltv_segmentation_find, seg, "A", 1, &cs, sizeof cs);
    STEP(ltv_planner_schedule, &sch, p2, back, NULL, "A", 1, AS_OF);
    uint64_t h = mix(mix(0, &s, sizeof s), &cs, sizeof cs);
    h = mix_u(h, CALL(ltv_schedule_count, sch));
    CALL(ltv_schedule_free, sch);
    ltv_segmentation_free(seg);
    CALL(ltv_ledger_free, back);
    CALL(ltv_planner_free, p2);
    ltv_planner_free(p);
    ltv_matrix_free(m2);
    ltv_matrix_free(m);
    ltv_ledger_free(l);
    return h;
}

/* Incremental saves: a base, an increment (new customers, a long id, an organizing query
 * before the save), reopened, compacted and reopened. */
static uint64_t s_increments(void) {
    ltv_ledger *l = sample_ledger(), *opened = NULL, *back = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/ledger.v2", file_dir);
    int how = -1;
    STEP(ltv_ledger_save_increment, l, path, &how);
    STEP(ltv_ledger_open, &opened, path);
    STEP(ltv_ledger_add_order, opened, "A", 1, 20500, 700, 1);
    STEP(ltv_ledger_add_order, opened, "a customer id longer than fourteen bytes", 40, 20501, 800, 2);
    ltv_ledger_summary s;
    STEP(ltv_ledger_summary_as_of, opened, AS_OF, &s, sizeof s); /* organizes: the new events are kept */
    STEP(ltv_ledger_add_order, opened, "F", 1, 20502, 900, 1);
    STEP(ltv_ledger_save_increment, opened, path, &how);
    uint64_t h = mix_u(0, (uint64_t)how);
    STEP(ltv_ledger_open, &back, path);
    STEP(ltv_ledger_summary_as_of, back, AS_OF + 10, &s, sizeof s);
    h = mix(h, &s, sizeof s);
    CALL(ltv_ledger_free, back);
    back = NULL;
    STEP(ltv_snapshot_compact, path);
    STEP(ltv_ledger_open, &back, path);
    STEP(ltv_ledger_summary_as_of, back, AS_OF + 10, &s, sizeof s);
    h = mix(h, &s, sizeof s);
    ltv_ledger_free(back);
    ltv_ledger_free(opened);
    ltv_ledger_free(l);
    return h;
}

/* Predictions in the segmentation and the planner: a model attached, the P(alive) rule, the
 * falling comparison and a planner step that targets falling customers. */
static uint64_t s_alive(void) {
    ltv_ledger *l = sample_ledger();
    ltv_predict_fit *fit = NULL;
    ltv_segment_config *cfg = NULL;
    ltv_segmentation *seg = NULL;
    ltv_planner *p = NULL;
    ltv_plan_run *run = NULL;
    const double params[4] = {1, 10, 1, 3};
    static const char plan[] = "ltvcrm-plan 1\nchannel email\nscenario watch trigger=purchase\n"
                               "step nudge day=26 channel=email stage=retention action=repurchase offer=content "
                               "alive_falling=yes\n";
    STEP(ltv_predict_fit_from_params, &fit, LTV_MODEL_BGNBD, params, 4);
    STEP(ltv_segment_config_new, &cfg);
    STEP(ltv_segment_config_set_model, cfg, fit, NULL, LTV_UNIT_DAY, NULL);
    STEP(ltv_segment_config_set_i64, cfg, LTV_SEG_ALIVE_RULE, LTV_ALIVE_EITHER);
    STEP(ltv_segment_config_set_i64, cfg, LTV_SEG_FALLING_DAYS, 20);
    STEP(ltv_segment_run, &seg, l, cfg, AS_OF);
    const void *col = NULL;
    size_t n = 0;
    STEP(ltv_segmentation_column, seg, LTV_COLUMN_P_ALIVE_BEFORE, &col, &n);
    ltv_group_stats st;
    STEP(ltv_segmentation_state_stats, seg, LTV_STATE_DORMANT, &st, sizeof st);
    uint64_t h = mix(mix(0, &st, sizeof st), col, n * sizeof(double));
    STEP(ltv_planner_from_text, &p, plan, sizeof plan - 1);
    STEP(ltv_planner_set_model, p, fit, LTV_UNIT_DAY);
    STEP(ltv_planner_run, &run, p, l, NULL, AS_OF);
    h = mix_u(h, CALL(ltv_plan_run_due_count, run));
    CALL(ltv_plan_run_free, run);
    CALL(ltv_planner_free, p);
    CALL(ltv_segmentation_free, seg);
    CALL(ltv_segment_config_free, cfg);
    CALL(ltv_predict_fit_free, fit);
    ltv_ledger_free(l);
    return h;
}

/* Enough customers (120, in two shards) for the integer sorts to take their radix and
 * counting paths: shard summaries, their bytes and merge, a shard's run, and the predictive
 * models' statistics. */
static ltv_ledger *many_customers(int part, int parts) {
    size_t saved = countdown;
    countdown = 0;
    ltv_ledger *l = NULL;
    if (ltv_ledger_new(&l) != LTV_OK) exit(1);
    for (int i = part; i < 120; i += parts) {
        char id[16];
        const int n = snprintf(id, sizeof id, "c%03d", i);
        for (int k = 0; k <= i % 5; k++)
            if (ltv_ledger_add_order(l, id, (size_t)n, AS_OF - 700 + (i * 13 + k * 97) % 690,
                                     (int64_t)((uint64_t)i * (uint64_t)i * 977u % 10000000u) + k, 1) != LTV_OK)
                exit(1);
    }
    if (ltv_ledger_prepare(l) != LTV_OK) exit(1);
    countdown = saved;
    return l;
}

static uint64_t s_shards(void) {
    ltv_ledger *a = many_customers(0, 2), *b = many_customers(1, 2);
    ltv_segment_summary *sa = NULL, *sb = NULL, *opened = NULL;
    ltv_segmentation *seg = NULL;
    ltv_predict_data *data = NULL;
    void *bytes = NULL;
    size_t len = 0;
    STEP(ltv_segment_summary_new, &sa, a, NULL, AS_OF);
    STEP(ltv_segment_summary_new, &sb, b, NULL, AS_OF);
    STEP(ltv_segment_summary_save_buffer, sb, &bytes, &len);
    STEP(ltv_segment_summary_open_buffer, &opened, bytes, len);
    CALL(ltv_free, bytes);
    STEP(ltv_segment_summary_merge, sa, opened);
    STEP(ltv_segment_summary_save_buffer, sa, &bytes, &len);
    uint64_t h = mix(0, bytes, len);
    CALL(ltv_free, bytes);
    STEP(ltv_segment_run_shard, &seg, a, NULL, AS_OF, sa);
    const void *col = NULL;
    size_t n = 0;
    STEP(ltv_segmentation_column, seg, LTV_COLUMN_SEGMENT, &col, &n);
    h = mix(h, col, n);
    STEP(ltv_predict_data_from_ledger, &data, a, LTV_UNIT_DAY, AS_OF - 100, LTV_NO_DAY);
    ltv_predict_data_info info;
    STEP(ltv_predict_data_info_get, data, &info, sizeof info);
    h = mix(h, &info, sizeof info);
    CALL(ltv_predict_data_free, data);
    CALL(ltv_segmentation_free, seg);
    CALL(ltv_segment_summary_free, opened);
    CALL(ltv_segment_summary_free, sb);
    CALL(ltv_segment_summary_free, sa);
    ltv_ledger_free(b);
    ltv_ledger_free(a);
    return h;
}

/* Checks on first use (LTV_OPEN_CHECK_ON_USE): an allocation failing in the open, in the
 * segmentation whose first pass checks the events, in verify, a lookup or the first change
 * leaves the checks to run again (a failure for lack of memory is never kept as the
 * ledger's), and the retry answers as without it. */
static uint64_t s_deferred(void) {
    ltv_ledger *l = many_customers(0, 1), *a = NULL, *b = NULL, *c = NULL;
    ltv_segmentation *seg = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/ledger.deferred", file_dir);
    STEP(ltv_ledger_save, l, path);
    STEP(ltv_ledger_open_flags, &a, path, LTV_OPEN_CHECK_ON_USE);
    STEP(ltv_segment_run, &seg, a, NULL, AS_OF);
    const void *col = NULL;
    size_t n = 0;
    STEP(ltv_segmentation_column, seg, LTV_COLUMN_SEGMENT, &col, &n);
    uint64_t h = mix(0, col, n);
    STEP(ltv_ledger_verify, a);
    uint64_t index = 0;
    STEP(ltv_ledger_find, a, "c077", 4, &index);
    h = mix_u(h, index);
    CALL(ltv_segmentation_free, seg);
    seg = NULL;
    /* verify first, then the segmentation of a checked ledger */
    STEP(ltv_ledger_open_flags, &b, path, LTV_OPEN_CHECK_ON_USE);
    STEP(ltv_ledger_verify, b);
    STEP(ltv_segment_run, &seg, b, NULL, AS_OF);
    STEP(ltv_segmentation_column, seg, LTV_COLUMN_SEGMENT, &col, &n);
    h = mix(h, col, n);
    /* a change first: the checks, then the ids copied out of the mapping */
    STEP(ltv_ledger_open_flags, &c, path, LTV_OPEN_CHECK_ON_USE);
    STEP(ltv_ledger_add_order, c, "a customer id longer than fourteen bytes", 40, AS_OF - 3, 500, 1);
    ltv_ledger_summary s;
    STEP(ltv_ledger_summary_as_of, c, AS_OF, &s, sizeof s);
    h = mix(h, &s, sizeof s);
    CALL(ltv_segmentation_free, seg);
    ltv_ledger_free(c);
    ltv_ledger_free(b);
    ltv_ledger_free(a);
    ltv_ledger_free(l);
    return h;
}

typedef uint64_t (*scenario_fn)(void);
static const struct {
    const char *name;
    scenario_fn run;
} scenarios[] = {
    {"ledger", s_ledger},   {"csv", s_csv}, {"csv orders", s_csv_orders}, {"segment+health", s_segment_health}, {"planner", s_planner},
    {"matrix+grader", s_matrix_grader}, {"snapshot", s_snapshot}, {"files", s_files},
    {"increments", s_increments}, {"alive", s_alive}, {"shards", s_shards}, {"deferred checks", s_deferred},
};

static size_t count_listed(const char *abi_dir, size_t *covered) {
    size_t total = 0;
    *covered = 0;
    static const char *const lists[] = {"common", "crm", "csv", "grader", "health", "ledger", "matrix",
                                        "planner", "segment", "snapshot", "predict", "arrow"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char path[1024], line[256];
        snprintf(path, sizeof path, "%s/%s.symbols", abi_dir, lists[i]);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = 0;
            if (!line[0] || line[0] == '#') continue;
            total++;
            for (size_t k = 0; k < n_exercised; k++)
                if (!strcmp(exercised[k], line)) (*covered)++;
        }
        fclose(f);
    }
    return total;
}

int main(int argc, char **argv) {
    if (ltv_set_allocator(h_malloc, h_realloc, h_free, NULL) != LTV_OK || ltv_set_threads(1) != LTV_OK) {
        fprintf(stderr, "alloc_fail: cannot set the allocator: %s\n", ltv_last_error());
        return 1;
    }
    snprintf(file_dir, sizeof file_dir, "/tmp/ltvcrm-alloc-fail-XXXXXX");
    if (!mkdtemp(file_dir)) {
        perror("alloc_fail: mkdtemp");
        return 1;
    }
    size_t points = 0;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        scenario_name = scenarios[i].name;
        countdown = 0;
        allocations = 0;
        current_k = 0;
        live = 0;
        const uint64_t want = scenarios[i].run();
        const size_t n = allocations;
        if (live != 0) fprintf(stderr, "FAIL %s: %ld blocks leaked without any failure\n", scenario_name, live), problems++;
        for (size_t k = 1; k <= n; k++) {
            current_k = k;
            countdown = k;
            live = 0;
            const uint64_t got = scenarios[i].run();
            countdown = 0;
            if (got != want && problems++ < 20)
                fprintf(stderr, "FAIL %s (allocation %zu fails): the results differ from a run without failures\n",
                        scenario_name, k);
            if (live != 0 && problems++ < 20)
                fprintf(stderr, "FAIL %s (allocation %zu fails): %ld blocks leaked\n", scenario_name, k, live);
        }
        printf("%-16s %5zu allocation points, each failed once\n", scenario_name, n);
        points += n;
    }
    size_t covered = 0, total = argc > 1 ? count_listed(argv[1], &covered) : 0;
    printf("exercised %zu public functions (%zu of the %zu in abi/*.symbols)\n", n_exercised, covered, total);
    static const char *const files[] = {"plan.json", "scenario.txt", "ledger.snap", "ledger.v2", "ledger.deferred"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", file_dir, files[i]);
        remove(path);
    }
    if (rmdir(file_dir) != 0) printf("alloc_fail: %s is not empty (a temporary file left behind?)\n", file_dir), problems++;
    printf("alloc_fail: %zu passed, %d failed\n", problems ? points - (size_t)problems : points, problems);
    return problems ? 1 : 0;
}
