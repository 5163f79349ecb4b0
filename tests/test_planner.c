/* The 90-day scenario planner: model, validation, text format, runs, schedules, timing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

#define S(text) (text), strlen(text)

/* ---- helpers ------------------------------------------------------------------------------ */

static ltv_planner *empty_planner(void) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new(&p), LTV_OK);
    return p;
}

static void enable(ltv_planner *p, int channel) {
    cr_assert_eq(ltv_planner_channel_set_i64(p, channel, LTV_CHANNEL_ENABLED, 1), LTV_OK, "%s", ltv_last_error());
}

static size_t add_scenario(ltv_planner *p, const char *name, int trigger) {
    size_t s = 99;
    cr_assert_eq(ltv_planner_add_scenario(p, S(name), trigger, &s), LTV_OK, "%s", ltv_last_error());
    return s;
}

static size_t add_step(ltv_planner *p, size_t s, const char *name, int32_t day, int channel, int action) {
    size_t i = 99;
    cr_assert_eq(ltv_planner_add_step(p, s, S(name), day, channel, LTV_STAGE_ACTIVATION, action, LTV_OFFER_CONTENT, &i),
                 LTV_OK, "%s", ltv_last_error());
    return i;
}

static void set(ltv_planner *p, size_t s, size_t i, int field, int64_t value) {
    cr_assert_eq(ltv_planner_step_set_i64(p, s, i, field, value), LTV_OK, "%s", ltv_last_error());
}

static bool has(const char *message, const char *part) { return strstr(message, part) != NULL; }

#define assert_error(call, status, part)                                                                       \
    do {                                                                                                       \
        int got_ = (call);                                                                                     \
        cr_assert_eq(got_, (status), "%s returned %s (%s)", #call, ltv_status_name(got_), ltv_last_error());    \
        cr_assert(has(ltv_last_error(), (part)), "message '%s' lacks '%s'", ltv_last_error(), (part));         \
    } while (0)

/* A day-offset helper: the as-of day used by the hand-built ledgers. */
static int32_t A;

static void add_order(ltv_ledger *ledger, const char *id, int32_t day, int64_t amount) {
    cr_assert_eq(ltv_ledger_add_order(ledger, S(id), day, amount, 1), LTV_OK, "%s", ltv_last_error());
}

static void add_event(ltv_ledger *ledger, const char *id, int kind, int32_t day, int64_t amount) {
    cr_assert_eq(ltv_ledger_add_event(ledger, S(id), kind, day, amount, 0), LTV_OK, "%s", ltv_last_error());
}

/* Due actions as "customer scenario/step channel" lines, for exact comparison. */
static char *due_text(const ltv_plan_run *run, const ltv_planner *p) {
    static char text[8192];
    text[0] = '\0';
    size_t used = 0;
    for (uint64_t i = 0; i < ltv_plan_run_due_count(run); i++) {
        size_t s, st;
        int channel;
        const char *id, *scenario, *step;
        cr_assert_eq(ltv_plan_run_due(run, i, NULL, &s, &st, &channel), LTV_OK);
        cr_assert_eq(ltv_plan_run_due_id(run, i, &id, NULL), LTV_OK);
        cr_assert_eq(ltv_planner_scenario_info(p, s, &scenario, NULL, NULL, NULL), LTV_OK);
        cr_assert_eq(ltv_planner_step_text(p, s, st, &step, NULL, NULL, NULL), LTV_OK);
        used += (size_t)snprintf(text + used, sizeof text - used, "%s %s/%s %s\n", id, scenario, step,
                                 ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, channel));
    }
    return text;
}

/* ---- vocabulary --------------------------------------------------------------------------- */

Test(planner, keywords_and_labels) {
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, LTV_CHANNEL_PACKAGE_INSERT), "package_insert");
    cr_assert_str_eq(ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, LTV_CHANNEL_PACKAGE_INSERT, LTV_LANG_EN), "Package insert");
    cr_assert_str_eq(ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, LTV_CHANNEL_PACKAGE_INSERT, LTV_LANG_JA), "同梱物");
    cr_assert_str_eq(ltv_planner_label(LTV_PLAN_VOCAB_ACTION, LTV_ACTION_SECOND_PURCHASE, LTV_LANG_JA), "2回目の購入");
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_STAGE, LTV_STAGE_CHURN_PREVENTION), "churn_prevention");
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_STATE, LTV_STATE_NONE), "no_order");
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_RANK, LTV_RANK_SEMI_EXCELLENT), "semi_excellent");
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_STOP, LTV_STOP_CART), "cart");
    cr_assert_str_eq(ltv_planner_label(LTV_PLAN_VOCAB_STATUS, LTV_ENTRY_STOPPED, LTV_LANG_EN), "Stopped");
    cr_assert_str_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_FIELD, LTV_STEP_BEFORE_SECOND_PURCHASE), "before_second_purchase");
    /* Stage, state and rank labels belong to crm.h and segment.h. */
    cr_assert_null(ltv_planner_label(LTV_PLAN_VOCAB_STAGE, LTV_STAGE_RETENTION, LTV_LANG_EN));
    cr_assert_null(ltv_planner_label(LTV_PLAN_VOCAB_RANK, LTV_RANK_EXCELLENT, LTV_LANG_EN));
    cr_assert_null(ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, LTV_CHANNEL_COUNT));
    cr_assert_null(ltv_planner_keyword(LTV_PLAN_VOCAB_STOP, 3)); /* not a single bit */
    cr_assert_null(ltv_planner_keyword(99, 0));
    cr_assert_null(ltv_planner_label(LTV_PLAN_VOCAB_OFFER, LTV_OFFER_SAMPLE, 7));
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        cr_assert_not_null(ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, c, LTV_LANG_EN));
        cr_assert_not_null(ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, c, LTV_LANG_JA));
    }
}

/* ---- the model ---------------------------------------------------------------------------- */

Test(planner, new_planner_has_defaults_and_nothing_enabled) {
    ltv_planner *p = empty_planner();
    int64_t v;
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_DORMANT_DAYS, &v), LTV_OK);
    cr_assert_eq(v, 180);
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_EXCELLENT_MIN_ORDERS, &v), LTV_OK);
    cr_assert_eq(v, 4);
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_TIMING_WINDOW_DAYS, &v), LTV_OK);
    cr_assert_eq(v, 7);
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        cr_assert_eq(ltv_planner_channel_get_i64(p, c, LTV_CHANNEL_ENABLED, &v), LTV_OK);
        cr_assert_eq(v, 0);
    }
    cr_assert_eq(ltv_planner_scenario_count(p), 0);
    cr_assert_eq(ltv_planner_scenario_count(NULL), 0);
    ltv_planner_free(p);
    ltv_planner_free(NULL);
    assert_error(ltv_planner_new(NULL), LTV_EINVAL, "out");
}

Test(planner, thresholds_are_range_checked) {
    ltv_planner *p = empty_planner();
    assert_error(ltv_planner_set_i64(p, LTV_PLAN_DORMANT_DAYS, 0), LTV_ERANGE, "LTV_PLAN_DORMANT_DAYS 0 is outside 1..36500");
    assert_error(ltv_planner_set_i64(p, LTV_PLAN_SEMI_MIN_ORDERS, 4), LTV_ERANGE, "below LTV_PLAN_EXCELLENT_MIN_ORDERS (4)");
    assert_error(ltv_planner_set_i64(p, LTV_PLAN_EXCELLENT_MIN_ORDERS, 2), LTV_ERANGE, "LTV_PLAN_EXCELLENT_MIN_ORDERS 2 is outside 3..1000000");
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_SEMI_MIN_ORDERS, 3), LTV_OK);
    assert_error(ltv_planner_set_i64(p, LTV_PLAN_EXCELLENT_MIN_ORDERS, 3), LTV_ERANGE, "above LTV_PLAN_SEMI_MIN_ORDERS (3)");
    assert_error(ltv_planner_set_i64(p, 99, 1), LTV_EINVAL, "99 is not an ltv_plan_param (0..10)");
    assert_error(ltv_planner_set_i64(NULL, 0, 1), LTV_EINVAL, "planner is NULL");
    int64_t v;
    assert_error(ltv_planner_get_i64(p, -1, &v), LTV_EINVAL, "-1 is not an ltv_plan_param (0..10)");
    assert_error(ltv_planner_get_i64(p, 0, NULL), LTV_EINVAL, "out_value");
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_EXCELLENT_MIN_ORDERS, 6), LTV_OK);
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_SEMI_MIN_ORDERS, 3), LTV_OK);
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_SEMI_MIN_ORDERS, &v), LTV_OK);
    cr_assert_eq(v, 3);
    ltv_planner_free(p);
}

Test(planner, thresholds_follow_a_segmentation_config) {
    ltv_planner *p = empty_planner();
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 90), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_CANCEL_IS_DORMANT, 0), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 8), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, 5), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FAN_MIN_ORDERS, 10), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FAN_MIN_TENURE_DAYS, 700), LTV_OK);
    cr_assert_eq(ltv_planner_use_segment_config(p, cfg), LTV_OK);
    const struct {
        int param;
        int64_t value;
    } expected[] = {{LTV_PLAN_DORMANT_DAYS, 90},        {LTV_PLAN_CANCEL_IS_DORMANT, 0}, {LTV_PLAN_EXCELLENT_MIN_ORDERS, 8},
                    {LTV_PLAN_SEMI_MIN_ORDERS, 5},      {LTV_PLAN_FAN_MIN_ORDERS, 10},   {LTV_PLAN_FAN_MIN_TENURE_DAYS, 700},
                    {LTV_PLAN_TIMING_WINDOW_DAYS, 7}};
    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        int64_t v;
        cr_assert_eq(ltv_planner_get_i64(p, expected[k].param, &v), LTV_OK);
        cr_assert_eq(v, expected[k].value, "param %d", expected[k].param);
    }
    /* NULL: back to the segmentation defaults. */
    cr_assert_eq(ltv_planner_use_segment_config(p, NULL), LTV_OK);
    int64_t v;
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_EXCELLENT_MIN_ORDERS, &v), LTV_OK);
    cr_assert_eq(v, 4);
    cr_assert_eq(ltv_planner_get_i64(p, LTV_PLAN_CANCEL_IS_DORMANT, &v), LTV_OK);
    cr_assert_eq(v, 1);
    assert_error(ltv_planner_use_segment_config(NULL, cfg), LTV_EINVAL, "planner is NULL");
    ltv_segment_config_free(cfg);
    ltv_planner_free(p);
}

Test(planner, planner_and_segmentation_agree_on_states_and_ranks) {
    fx_log log = fx_log_generate(20000, 2000, 7);
    ltv_ledger *l = fx_ledger();
    fx_log_add(l, &log, 0, log.rows);
    int32_t as_of = fx_day("2026-06-01");
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 120), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 6), LTV_OK);
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, l, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    cr_assert_eq(ltv_planner_use_segment_config(p, cfg), LTV_OK);
    for (uint64_t c = 0; c < ltv_ledger_customer_count(l); c++) {
        const char *id;
        size_t len;
        cr_assert_eq(ltv_ledger_customer_id(l, c, &id, &len), LTV_OK);
        ltv_schedule *sched = NULL;
        cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, id, len, as_of), LTV_OK);
        int state, rank;
        cr_assert_eq(ltv_schedule_segment(sched, &state, &rank, NULL), LTV_OK);
        ltv_customer_segment cs;
        cr_assert_eq(ltv_segmentation_customer(seg, c, &cs, sizeof cs), LTV_OK);
        cr_assert_eq(state, cs.state, "customer %s", id);
        cr_assert_eq(rank, cs.rank, "customer %s", id);
        ltv_schedule_free(sched);
    }
    /* The best customers' gaps are the same whichever way they are found. */
    uint64_t a[91], b[91], na, nb;
    cr_assert_eq(ltv_planner_best_gaps(p, l, as_of, a, 91, &na), LTV_OK);
    cr_assert_eq(ltv_planner_best_gaps_segmented(seg, l, b, 91, &nb), LTV_OK, "%s", ltv_last_error());
    cr_assert_gt(na, 0);
    cr_assert_eq(na, nb);
    cr_assert_arr_eq(a, b, sizeof a);
    ltv_ledger *other = fx_ledger();
    add_order(other, "X", as_of - 1, 100);
    assert_error(ltv_planner_best_gaps_segmented(seg, other, b, 91, &nb), LTV_EINVAL, "segment this ledger");
    assert_error(ltv_planner_best_gaps_segmented(seg, l, b, 0, &nb), LTV_ERANGE, "capacity 0");
    assert_error(ltv_planner_best_gaps_segmented(NULL, l, b, 91, &nb), LTV_EINVAL, "seg is NULL");
    ltv_ledger_free(other);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_planner_free(p);
    ltv_ledger_free(l);
    fx_log_free(&log);
}

Test(planner, channel_settings_and_roles) {
    ltv_planner *p = empty_planner();
    assert_error(ltv_planner_channel_set_i64(p, LTV_CHANNEL_COUNT, LTV_CHANNEL_ENABLED, 1), LTV_EINVAL, "channel 7");
    assert_error(ltv_planner_channel_set_i64(p, LTV_CHANNEL_SMS, LTV_CHANNEL_ENABLED, 2), LTV_ERANGE, "0..1");
    assert_error(ltv_planner_channel_set_i64(p, LTV_CHANNEL_SMS, LTV_CHANNEL_WEEKLY_CAP, 101), LTV_ERANGE, "0..100");
    assert_error(ltv_planner_channel_set_i64(p, LTV_CHANNEL_SMS, 5, 1), LTV_EINVAL, "5 is not an ltv_channel_param (0..1)");
    cr_assert_eq(ltv_planner_channel_set_i64(p, LTV_CHANNEL_SMS, LTV_CHANNEL_WEEKLY_CAP, 3), LTV_OK);
    int64_t v;
    cr_assert_eq(ltv_planner_channel_get_i64(p, LTV_CHANNEL_SMS, LTV_CHANNEL_WEEKLY_CAP, &v), LTV_OK);
    cr_assert_eq(v, 3);
    const char *role;
    size_t len;
    cr_assert_eq(ltv_planner_channel_role(p, LTV_CHANNEL_SMS, &role, &len), LTV_OK);
    cr_assert_str_eq(role, "");
    cr_assert_eq(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, S("配送のお知らせ")), LTV_OK);
    cr_assert_eq(ltv_planner_channel_role(p, LTV_CHANNEL_SMS, &role, &len), LTV_OK);
    cr_assert_str_eq(role, "配送のお知らせ");
    cr_assert_eq(len, strlen("配送のお知らせ"));
    assert_error(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, S("bell\a")), LTV_EINVAL, "control character 0x07");
    assert_error(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, "\xff", 1), LTV_EENCODING, "not valid UTF-8");
    assert_error(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, NULL, 3), LTV_EINVAL, "NULL but its length is 3");
    char big[LTV_PLAN_TEXT_MAX + 1];
    memset(big, 'x', sizeof big);
    assert_error(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, big, sizeof big), LTV_ERANGE, "above 2000 bytes");
    cr_assert_eq(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, NULL, 0), LTV_OK);
    cr_assert_eq(ltv_planner_channel_role(p, LTV_CHANNEL_SMS, &role, NULL), LTV_OK);
    cr_assert_str_eq(role, "");
    ltv_planner_free(p);
}

Test(planner, scenario_names_and_triggers_are_checked) {
    ltv_planner *p = empty_planner();
    size_t s;
    assert_error(ltv_planner_add_scenario(NULL, S("a"), 0, &s), LTV_EINVAL, "planner is NULL");
    assert_error(ltv_planner_add_scenario(p, NULL, 0, 0, &s), LTV_EINVAL, "name is NULL");
    assert_error(ltv_planner_add_scenario(p, "", 0, 0, &s), LTV_ERANGE, "length 0 is outside 1..64");
    char big[65];
    memset(big, 'n', sizeof big);
    assert_error(ltv_planner_add_scenario(p, big, sizeof big, 0, &s), LTV_ERANGE, "length 65");
    assert_error(ltv_planner_add_scenario(p, S("two words"), 0, &s), LTV_EINVAL, "not allowed in names at byte 3");
    assert_error(ltv_planner_add_scenario(p, S("a=b"), 0, &s), LTV_EINVAL, "not allowed");
    assert_error(ltv_planner_add_scenario(p, "\xe3\x81", 2, 0, &s), LTV_EENCODING, "not valid UTF-8");
    assert_error(ltv_planner_add_scenario(p, S("x"), 5, &s), LTV_EINVAL, "trigger 5 is not an ltv_trigger (0..4)");
    cr_assert_eq(ltv_planner_add_scenario(p, S("初回90日"), LTV_TRIGGER_FIRST_PURCHASE, &s), LTV_OK);
    cr_assert_eq(s, 0);
    assert_error(ltv_planner_add_scenario(p, S("初回90日"), 0, &s), LTV_EINVAL, "duplicate scenario name '初回90日'");
    const char *name;
    int trigger;
    size_t steps;
    cr_assert_eq(ltv_planner_scenario_info(p, 0, &name, NULL, &trigger, &steps), LTV_OK);
    cr_assert_str_eq(name, "初回90日");
    cr_assert_eq(trigger, LTV_TRIGGER_FIRST_PURCHASE);
    cr_assert_eq(steps, 0);
    assert_error(ltv_planner_scenario_info(p, 1, NULL, NULL, NULL, NULL), LTV_ERANGE, "scenario index 1 is outside");
    cr_assert_eq(ltv_planner_find_scenario(p, S("初回90日"), &s), LTV_OK);
    assert_error(ltv_planner_find_scenario(p, S("nope"), &s), LTV_ENOTFOUND, "no scenario named 'nope'");
    for (int i = 1; i < LTV_PLAN_MAX_SCENARIOS; i++) {
        char n[16];
        snprintf(n, sizeof n, "s%d", i);
        cr_assert_eq(ltv_planner_add_scenario(p, S(n), 0, NULL), LTV_OK);
    }
    assert_error(ltv_planner_add_scenario(p, S("one-too-many"), 0, NULL), LTV_ERANGE, "maximum of 64 scenarios");
    cr_assert_eq(ltv_planner_remove_scenario(p, 0), LTV_OK);
    cr_assert_eq(ltv_planner_scenario_count(p), 63);
    cr_assert_eq(ltv_planner_find_scenario(p, S("s1"), &s), LTV_OK);
    cr_assert_eq(s, 0);
    assert_error(ltv_planner_remove_scenario(p, 63), LTV_ERANGE, "scenario index 63");
    ltv_planner_free(p);
}

Test(planner, step_outside_0_to_90_and_other_bad_values_are_refused) {
    ltv_planner *p = empty_planner();
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE), i;
    assert_error(ltv_planner_add_step(p, s, S("late"), 91, 0, 1, 0, 0, &i), LTV_ERANGE, "LTV_STEP_DAY 91 is outside 0..90");
    assert_error(ltv_planner_add_step(p, s, S("early"), -1, 0, 1, 0, 0, &i), LTV_ERANGE, "LTV_STEP_DAY -1 is outside 0..90");
    assert_error(ltv_planner_add_step(p, s, S("x"), 1, 7, 1, 0, 0, &i), LTV_ERANGE, "LTV_STEP_CHANNEL 7 is outside 0..6");
    assert_error(ltv_planner_add_step(p, s, S("x"), 1, 0, 4, 0, 0, &i), LTV_ERANGE, "LTV_STEP_STAGE 4 is outside 0..3");
    assert_error(ltv_planner_add_step(p, s, S("x"), 1, 0, 1, 12, 0, &i), LTV_ERANGE, "LTV_STEP_ACTION 12 is outside 0..11");
    assert_error(ltv_planner_add_step(p, s, S("x"), 1, 0, 1, 0, -1, &i), LTV_ERANGE, "LTV_STEP_OFFER -1 is outside 0..3");
    assert_error(ltv_planner_add_step(p, 3, S("x"), 1, 0, 1, 0, 0, &i), LTV_ERANGE, "scenario index 3");
    assert_error(ltv_planner_add_step(p, s, S("a b"), 1, 0, 1, 0, 0, &i), LTV_EINVAL, "not allowed in names");
    cr_assert_eq(ltv_planner_scenario_info(p, s, NULL, NULL, NULL, &i), LTV_OK);
    cr_assert_eq(i, 0, "failed adds left a step behind");
    add_step(p, s, "thanks", 90, LTV_CHANNEL_EMAIL, LTV_ACTION_READ_CONTENT);
    assert_error(ltv_planner_add_step(p, s, S("thanks"), 3, 0, 1, 0, 0, &i), LTV_EINVAL,
                 "duplicate step name 'thanks' in scenario 'after' (already step 0)");
    /* The same name in another scenario is fine. */
    size_t s2 = add_scenario(p, "other", LTV_TRIGGER_PURCHASE);
    add_step(p, s2, "thanks", 1, LTV_CHANNEL_EMAIL, LTV_ACTION_READ_CONTENT);
    assert_error(ltv_planner_step_set_i64(p, s, 0, LTV_STEP_DAY, 95), LTV_ERANGE, "LTV_STEP_DAY 95 is outside 0..90");
    ltv_planner_free(p);
}

Test(planner, step_fields_round_trip_and_are_bounded) {
    ltv_planner *p = empty_planner();
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    size_t i = add_step(p, s, "second", 7, LTV_CHANNEL_EMAIL, LTV_ACTION_SECOND_PURCHASE);
    int64_t v;
    cr_assert_eq(ltv_planner_step_get_i64(p, s, i, LTV_STEP_MAX_ORDERS, &v), LTV_OK);
    cr_assert_eq(v, -1, "no maximum by default");
    const struct {
        int field;
        int64_t good, bad;
        const char *bounds;
    } cases[] = {
        {LTV_STEP_DAY, 12, 91, "0..90"},
        {LTV_STEP_CHANNEL, LTV_CHANNEL_LINE, 7, "0..6"},
        {LTV_STEP_STAGE, LTV_STAGE_RETENTION, -1, "0..3"},
        {LTV_STEP_ACTION, LTV_ACTION_REFER, 12, "0..11"},
        {LTV_STEP_OFFER, LTV_OFFER_SAMPLE, 4, "0..3"},
        {LTV_STEP_STATES, (1 << LTV_STATE_NEW) | LTV_PLAN_MASK_NONE_BIT, 32, "0..31"},
        {LTV_STEP_RANKS, 1 << LTV_RANK_NURTURE, -1, "0..31"},
        {LTV_STEP_MIN_ORDERS, 1, -1, "0..1000000"},
        {LTV_STEP_MAX_ORDERS, 1, -2, "-1..1000000"},
        {LTV_STEP_BEFORE_SECOND_PURCHASE, 1, 2, "0..1"},
        {LTV_STEP_MIN_ORDER_VALUE, 5000, -1, "0..9223372036854775807"},
        {LTV_STEP_STOP, LTV_STOP_ORDER | LTV_STOP_REFUND, 16, "0..15"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cr_assert_eq(ltv_planner_step_set_i64(p, s, i, cases[k].field, cases[k].good), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_planner_step_get_i64(p, s, i, cases[k].field, &v), LTV_OK);
        cr_assert_eq(v, cases[k].good, "field %d", cases[k].field);
        assert_error(ltv_planner_step_set_i64(p, s, i, cases[k].field, cases[k].bad), LTV_ERANGE, cases[k].bounds);
        cr_assert_eq(ltv_planner_step_get_i64(p, s, i, cases[k].field, &v), LTV_OK);
        cr_assert_eq(v, cases[k].good, "a refused value changed field %d", cases[k].field);
    }
    assert_error(ltv_planner_step_set_i64(p, s, i, 13, 0), LTV_EINVAL, "13 is not an ltv_step_field (0..12)");
    assert_error(ltv_planner_step_set_i64(p, s, 1, LTV_STEP_DAY, 0), LTV_ERANGE, "step index 1");
    assert_error(ltv_planner_step_get_i64(p, s, i, LTV_STEP_DAY, NULL), LTV_EINVAL, "out_value");
    cr_assert_eq(ltv_planner_step_set_note(p, s, i, S("使い方の提案\n2行目")), LTV_OK);
    const char *name, *note;
    size_t note_len;
    cr_assert_eq(ltv_planner_step_text(p, s, i, &name, NULL, &note, &note_len), LTV_OK);
    cr_assert_str_eq(name, "second");
    cr_assert_str_eq(note, "使い方の提案\n2行目");
    assert_error(ltv_planner_step_set_note(p, s, i, S("a\rb")), LTV_EINVAL, "control character 0x0D at byte 1");
    cr_assert_eq(ltv_planner_find_step(p, s, S("second"), &i), LTV_OK);
    assert_error(ltv_planner_find_step(p, s, S("third"), &i), LTV_ENOTFOUND, "scenario 'after' has no step named 'third'");
    cr_assert_eq(ltv_planner_remove_step(p, s, 0), LTV_OK);
    assert_error(ltv_planner_remove_step(p, s, 0), LTV_ERANGE, "step index 0");
    ltv_planner_free(p);
}

Test(planner, step_limit_per_scenario) {
    ltv_planner *p = empty_planner();
    size_t s = add_scenario(p, "many", LTV_TRIGGER_PURCHASE);
    for (int k = 0; k < LTV_PLAN_MAX_STEPS; k++) {
        char n[16];
        snprintf(n, sizeof n, "s%d", k);
        add_step(p, s, n, k % 91, LTV_CHANNEL_EMAIL, 0);
    }
    size_t i;
    assert_error(ltv_planner_add_step(p, s, S("more"), 1, 0, 1, 0, 0, &i), LTV_ERANGE, "maximum of 128 steps");
    ltv_planner_free(p);
}

/* ---- validation -------------------------------------------------------------------------- */

static ltv_plan_report *validate_fails(const ltv_planner *p, size_t problems) {
    ltv_plan_report *report = NULL;
    cr_assert_eq(ltv_planner_validate(p, &report), LTV_EVALIDATION, "%s", ltv_last_error());
    cr_assert_not_null(report);
    cr_assert_eq(ltv_plan_report_count(report), problems, "%s", ltv_last_error());
    return report;
}

static void assert_problem(const ltv_plan_report *report, size_t i, int kind, size_t scenario, size_t step,
                           const char *part) {
    int got_kind;
    size_t got_scenario, got_step;
    const char *message;
    cr_assert_eq(ltv_plan_report_problem(report, i, &got_kind, &got_scenario, &got_step, NULL, &message), LTV_OK);
    cr_assert_eq(got_kind, kind, "problem %zu: %s", i, message);
    cr_assert_eq(got_scenario, scenario, "problem %zu: %s", i, message);
    cr_assert_eq(got_step, step, "problem %zu: %s", i, message);
    cr_assert(has(message, part), "problem %zu '%s' lacks '%s'", i, message, part);
}

Test(planner, validation_of_an_empty_planner) {
    ltv_planner *p = empty_planner();
    ltv_plan_report *report = validate_fails(p, 1);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_NO_SCENARIO, SIZE_MAX, SIZE_MAX, "no scenario");
    cr_assert(has(ltv_last_error(), "1 problem in the planner; first: the planner has no scenario"));
    ltv_plan_report_free(report);
    add_scenario(p, "empty", LTV_TRIGGER_PURCHASE);
    report = validate_fails(p, 1);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_EMPTY_SCENARIO, 0, SIZE_MAX, "scenario 'empty': the scenario has no steps");
    ltv_plan_report_free(report);
    assert_error(ltv_planner_validate(NULL, &report), LTV_EINVAL, "planner is NULL");
    cr_assert_null(report);
    ltv_planner_free(p);
}

Test(planner, validation_channel_not_enabled) {
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    add_step(p, s, "thanks", 1, LTV_CHANNEL_EMAIL, 0);
    add_step(p, s, "call", 3, LTV_CHANNEL_PHONE, LTV_ACTION_CONTACT);
    ltv_plan_report *report = validate_fails(p, 1);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_CHANNEL_DISABLED, 0, 1,
                   "scenario 'after', step 'call': channel phone is not enabled for this shop");
    ltv_plan_report_free(report);
    enable(p, LTV_CHANNEL_PHONE);
    cr_assert_eq(ltv_planner_validate(p, &report), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_plan_report_count(report), 0);
    int kind;
    assert_error(ltv_plan_report_problem(report, 0, &kind, NULL, NULL, NULL, NULL), LTV_ERANGE, "index 0");
    assert_error(ltv_plan_report_problem(NULL, 0, &kind, NULL, NULL, NULL, NULL), LTV_EINVAL, "report");
    ltv_plan_report_free(report);
    ltv_planner_free(p);
}

Test(planner, validation_weekly_cap_exceeded) {
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    enable(p, LTV_CHANNEL_LINE);
    cr_assert_eq(ltv_planner_channel_set_i64(p, LTV_CHANNEL_EMAIL, LTV_CHANNEL_WEEKLY_CAP, 2), LTV_OK);
    size_t s = add_scenario(p, "busy", LTV_TRIGGER_PURCHASE);
    add_step(p, s, "a", 1, LTV_CHANNEL_EMAIL, 0);
    add_step(p, s, "b", 8, LTV_CHANNEL_EMAIL, 0);  /* days 1 and 8: never 3 in 7 days ... */
    add_step(p, s, "line", 9, LTV_CHANNEL_LINE, 0); /* other channels do not count */
    cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "%s", ltv_last_error());
    add_step(p, s, "c", 14, LTV_CHANNEL_EMAIL, 0); /* ... until days 8, 14 and 10 */
    cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "%s", ltv_last_error());
    add_step(p, s, "d", 10, LTV_CHANNEL_EMAIL, 0);
    ltv_plan_report *report = validate_fails(p, 1);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_WEEKLY_CAP, 0, 1,
                   "channel email has 3 touches in days 8..14 ('b' day 8, 'd' day 10, 'c' day 14), above its weekly cap of 2");
    ltv_plan_report_free(report);
    cr_assert_eq(ltv_planner_channel_set_i64(p, LTV_CHANNEL_EMAIL, LTV_CHANNEL_WEEKLY_CAP, 0), LTV_OK);
    cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "no cap, no problem");
    ltv_planner_free(p);
}

Test(planner, validation_contradictory_conditions) {
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    size_t d = add_scenario(p, "back", LTV_TRIGGER_DORMANT);
    size_t c = add_scenario(p, "cart", LTV_TRIGGER_CART_CREATED);
    const int repeat_fan = (1 << LTV_STATE_REPEAT) | (1 << LTV_STATE_FAN);
    size_t i;
    i = add_step(p, s, "min-above-max", 1, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_MIN_ORDERS, 3);
    set(p, s, i, LTV_STEP_MAX_ORDERS, 1);
    i = add_step(p, s, "second-but-two", 2, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
    set(p, s, i, LTV_STEP_MIN_ORDERS, 2);
    i = add_step(p, s, "repeaters-before-second", 3, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_STATES, repeat_fan);
    set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
    i = add_step(p, s, "excellent-with-two", 4, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_RANKS, 1 << LTV_RANK_EXCELLENT);
    set(p, s, i, LTV_STEP_MAX_ORDERS, 3);
    i = add_step(p, s, "no-orders", 5, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_MAX_ORDERS, 0);
    i = add_step(p, s, "no-rank-after-purchase", 6, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_RANKS, LTV_PLAN_MASK_NONE_BIT);
    i = add_step(p, s, "fan-nurture", 8, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_STATES, 1 << LTV_STATE_FAN);
    set(p, s, i, LTV_STEP_RANKS, 1 << LTV_RANK_NURTURE);
    i = add_step(p, d, "new-while-dormant", 0, LTV_CHANNEL_EMAIL, 0);
    set(p, d, i, LTV_STEP_STATES, 1 << LTV_STATE_NEW);
    /* Conditions that some customer meets are not flagged. */
    i = add_step(p, s, "new-before-second", 9, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_STATES, 1 << LTV_STATE_NEW);
    set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
    set(p, s, i, LTV_STEP_RANKS, 1 << LTV_RANK_NURTURE);
    i = add_step(p, s, "fan-excellent", 20, LTV_CHANNEL_EMAIL, 0);
    set(p, s, i, LTV_STEP_STATES, 1 << LTV_STATE_FAN);
    set(p, s, i, LTV_STEP_RANKS, 1 << LTV_RANK_EXCELLENT);
    set(p, s, i, LTV_STEP_MIN_ORDERS, 100);
    i = add_step(p, d, "dormant-no-rank", 5, LTV_CHANNEL_EMAIL, 0);
    set(p, d, i, LTV_STEP_RANKS, LTV_PLAN_MASK_NONE_BIT);
    i = add_step(p, c, "visitors", 1, LTV_CHANNEL_EMAIL, 0);
    set(p, c, i, LTV_STEP_STATES, LTV_PLAN_MASK_NONE_BIT);
    set(p, c, i, LTV_STEP_MAX_ORDERS, 0);

    ltv_plan_report *report = validate_fails(p, 8);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_CONTRADICTION, s, 0, "min_orders=3 is above max_orders=1");
    assert_problem(report, 1, LTV_PLAN_PROBLEM_CONTRADICTION, s, 1,
                   "before_second_purchase=yes allows a single order, but min_orders=2 asks for more");
    assert_problem(report, 2, LTV_PLAN_PROBLEM_CONTRADICTION, s, 2,
                   "no customer can meet these conditions together: states=repeat,fan, before_second_purchase=yes");
    assert_problem(report, 3, LTV_PLAN_PROBLEM_CONTRADICTION, s, 3, "ranks=excellent, max_orders=3");
    assert_problem(report, 4, LTV_PLAN_PROBLEM_CONTRADICTION, s, 4,
                   "trigger 'purchase' reaches only customers with an order, but max_orders=0");
    assert_problem(report, 5, LTV_PLAN_PROBLEM_CONTRADICTION, s, 5, "ranks=no_rank (trigger 'purchase')");
    assert_problem(report, 6, LTV_PLAN_PROBLEM_CONTRADICTION, s, 6, "states=fan, ranks=nurture");
    assert_problem(report, 7, LTV_PLAN_PROBLEM_CONTRADICTION, d, 0,
                   "trigger 'dormant' reaches only dormant customers, but states=new leaves them out");
    ltv_plan_report_free(report);
    ltv_planner_free(p);
}

Test(planner, the_builtin_planner_validates_in_both_languages) {
    for (int lang = LTV_LANG_EN; lang <= LTV_LANG_JA; lang++) {
        ltv_planner *p = NULL;
        cr_assert_eq(ltv_planner_new_default(&p, lang), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_planner_scenario_count(p), LTV_BUILTIN_COUNT);
        const char *names[] = {"default-90-days", "recommendation", "cart-abandonment", "browse-retargeting", "reactivation"};
        const int triggers[] = {LTV_TRIGGER_PURCHASE, LTV_TRIGGER_PURCHASE, LTV_TRIGGER_CART_CREATED,
                                LTV_TRIGGER_PRODUCT_VIEWED, LTV_TRIGGER_DORMANT};
        for (size_t s = 0; s < LTV_BUILTIN_COUNT; s++) {
            const char *name;
            int trigger;
            size_t steps;
            cr_assert_eq(ltv_planner_scenario_info(p, s, &name, NULL, &trigger, &steps), LTV_OK);
            cr_assert_str_eq(name, names[s]);
            cr_assert_eq(trigger, triggers[s]);
            for (size_t i = 0; i < steps; i++) {
                int64_t offer;
                const char *note;
                cr_assert_eq(ltv_planner_step_get_i64(p, s, i, LTV_STEP_OFFER, &offer), LTV_OK);
                cr_assert_neq(offer, LTV_OFFER_DISCOUNT, "discounts are not the default lever");
                cr_assert_eq(ltv_planner_step_text(p, s, i, NULL, NULL, &note, NULL), LTV_OK);
                cr_assert_gt(strlen(note), 20);
            }
        }
        /* The default scenario: the eight steps of the issue, in day order. */
        const char *steps[] = {"thank-you", "usage-guide", "second-purchase", "review-request",
                               "loyalty-invitation", "replenishment", "vip-check-in", "win-back"};
        const int32_t days[] = {1, 1, 7, 14, 21, 30, 45, 75};
        for (size_t i = 0; i < 8; i++) {
            const char *name;
            int64_t day;
            cr_assert_eq(ltv_planner_step_text(p, 0, i, &name, NULL, NULL, NULL), LTV_OK);
            cr_assert_str_eq(name, steps[i]);
            cr_assert_eq(ltv_planner_step_get_i64(p, 0, i, LTV_STEP_DAY, &day), LTV_OK);
            cr_assert_eq(day, days[i]);
        }
        const char *note;
        cr_assert_eq(ltv_planner_step_text(p, 0, 2, NULL, NULL, &note, NULL), LTV_OK);
        cr_assert(has(note, lang == LTV_LANG_JA ? "2回目購入の提案" : "second-purchase proposal"), "%s", note);
        ltv_planner_free(p);
    }
    ltv_planner *p = NULL;
    assert_error(ltv_planner_new_default(&p, 2), LTV_EINVAL, "lang 2");
    assert_error(ltv_planner_new_default(NULL, 0), LTV_EINVAL, "out");
}

Test(planner, builtins_can_be_added_one_by_one) {
    ltv_planner *p = empty_planner();
    size_t s;
    cr_assert_eq(ltv_planner_add_builtin(p, LTV_BUILTIN_CART_ABANDONMENT, LTV_LANG_JA, &s), LTV_OK);
    cr_assert_eq(s, 0);
    assert_error(ltv_planner_add_builtin(p, LTV_BUILTIN_CART_ABANDONMENT, LTV_LANG_JA, &s), LTV_EINVAL,
                 "duplicate scenario name 'cart-abandonment'");
    assert_error(ltv_planner_add_builtin(p, LTV_BUILTIN_COUNT, LTV_LANG_EN, &s), LTV_EINVAL, "builtin 5");
    assert_error(ltv_planner_add_builtin(p, 0, 9, &s), LTV_EINVAL, "lang 9");
    /* Its channels are not enabled yet: the planner says which. */
    ltv_plan_report *report = validate_fails(p, 2);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_CHANNEL_DISABLED, 0, 0, "channel email is not enabled");
    assert_problem(report, 1, LTV_PLAN_PROBLEM_CHANNEL_DISABLED, 0, 1, "channel line is not enabled");
    ltv_plan_report_free(report);
    ltv_planner_free(p);
}

/* ---- text format ------------------------------------------------------------------------- */

static char *to_text(const ltv_planner *p) {
    char *text = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_planner_to_text(p, &text, &len), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(len, strlen(text));
    return text;
}

static ltv_planner *from_text(const char *text) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_from_text(&p, S(text)), LTV_OK, "%s\n%s", ltv_last_error(), text);
    return p;
}

Test(planner, text_round_trip_of_the_builtin_planner) {
    for (int lang = LTV_LANG_EN; lang <= LTV_LANG_JA; lang++) {
        ltv_planner *p = NULL;
        cr_assert_eq(ltv_planner_new_default(&p, lang), LTV_OK);
        char *text = to_text(p);
        ltv_planner *back = from_text(text);
        char *again = to_text(back);
        cr_assert_str_eq(again, text);
        cr_assert_eq(ltv_planner_validate(back, NULL), LTV_OK, "%s", ltv_last_error());
        ltv_free(text);
        ltv_free(again);
        ltv_planner_free(back);
        ltv_planner_free(p);
    }
}

Test(planner, text_format_is_exactly_as_documented) {
    ltv_planner *p = empty_planner();
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_DORMANT_DAYS, 120), LTV_OK);
    enable(p, LTV_CHANNEL_EMAIL);
    cr_assert_eq(ltv_planner_channel_set_i64(p, LTV_CHANNEL_EMAIL, LTV_CHANNEL_WEEKLY_CAP, 2), LTV_OK);
    cr_assert_eq(ltv_planner_channel_set_role(p, LTV_CHANNEL_EMAIL, S("お礼と \"提案\"")), LTV_OK);
    cr_assert_eq(ltv_planner_channel_set_role(p, LTV_CHANNEL_SMS, S("not yet")), LTV_OK);
    size_t s = add_scenario(p, "first-90", LTV_TRIGGER_FIRST_PURCHASE);
    size_t i = add_step(p, s, "second", 7, LTV_CHANNEL_EMAIL, LTV_ACTION_SECOND_PURCHASE);
    set(p, s, i, LTV_STEP_STATES, (1 << LTV_STATE_NEW) | LTV_PLAN_MASK_NONE_BIT);
    set(p, s, i, LTV_STEP_RANKS, (1 << LTV_RANK_NURTURE) | (1 << LTV_RANK_GENERAL));
    set(p, s, i, LTV_STEP_MIN_ORDERS, 1);
    set(p, s, i, LTV_STEP_MAX_ORDERS, 1);
    set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
    set(p, s, i, LTV_STEP_MIN_ORDER_VALUE, 3000);
    set(p, s, i, LTV_STEP_STOP, LTV_STOP_ORDER | LTV_STOP_CANCEL);
    cr_assert_eq(ltv_planner_step_set_note(p, s, i, S("line one\n\tsay \"hi\" \\ bye")), LTV_OK);
    add_step(p, s, "plain", 0, LTV_CHANNEL_EMAIL, LTV_ACTION_READ_CONTENT);
    char *text = to_text(p);
    const char *expected = "# libltvcrm scenario planner; the format is described in docs/planner.md\n"
                           "ltvcrm-plan 1\n"
                           "\n"
                           "setting dormant_days=120\n"
                           "\n"
                           "channel email weekly_cap=2 role=\"お礼と \\\"提案\\\"\"\n"
                           "channel sms enabled=no role=\"not yet\"\n"
                           "\n"
                           "scenario first-90 trigger=first_purchase\n"
                           "step second day=7 channel=email stage=activation action=second_purchase offer=content\n"
                           "  states=new,no_order ranks=general,nurture min_orders=1 max_orders=1 "
                           "before_second_purchase=yes min_order_value=3000 stop=order,cancel\n"
                           "  note=\"line one\\n\\tsay \\\"hi\\\" \\\\ bye\"\n"
                           "step plain day=0 channel=email stage=activation action=read_content offer=content\n";
    cr_assert_str_eq(text, expected);
    ltv_planner *back = from_text(text);
    char *again = to_text(back);
    cr_assert_str_eq(again, text);
    int64_t v;
    cr_assert_eq(ltv_planner_step_get_i64(back, 0, 0, LTV_STEP_STOP, &v), LTV_OK);
    cr_assert_eq(v, LTV_STOP_ORDER | LTV_STOP_CANCEL);
    cr_assert_eq(ltv_planner_step_get_i64(back, 0, 0, LTV_STEP_STATES, &v), LTV_OK);
    cr_assert_eq(v, (1 << LTV_STATE_NEW) | LTV_PLAN_MASK_NONE_BIT);
    const char *note;
    cr_assert_eq(ltv_planner_step_text(back, 0, 0, NULL, NULL, &note, NULL), LTV_OK);
    cr_assert_str_eq(note, "line one\n\tsay \"hi\" \\ bye");
    cr_assert_eq(ltv_planner_channel_get_i64(back, LTV_CHANNEL_SMS, LTV_CHANNEL_ENABLED, &v), LTV_OK);
    cr_assert_eq(v, 0);
    cr_assert_eq(ltv_planner_get_i64(back, LTV_PLAN_DORMANT_DAYS, &v), LTV_OK);
    cr_assert_eq(v, 120);
    ltv_free(text);
    ltv_free(again);
    ltv_planner_free(back);
    ltv_planner_free(p);
}

Test(planner, reader_accepts_bom_crlf_comments_and_continuations) {
    const char *text = "\xEF\xBB\xBF# a shop's plan\r\n"
                       "ltvcrm-plan 1\r\n"
                       "\r\n"
                       "channel email   # the only channel\r\n"
                       "scenario a trigger=purchase\r\n"
                       "  # comments may sit between the lines of a step\r\n"
                       "step s1 day=3 channel=email\r\n"
                       "\tstage=retention action=review offer=experience\r\n"
                       "   note=\"ok\" # trailing comment\r\n";
    ltv_planner *p = from_text(text);
    int64_t v;
    cr_assert_eq(ltv_planner_step_get_i64(p, 0, 0, LTV_STEP_STAGE, &v), LTV_OK);
    cr_assert_eq(v, LTV_STAGE_RETENTION);
    const char *note;
    cr_assert_eq(ltv_planner_step_text(p, 0, 0, NULL, NULL, &note, NULL), LTV_OK);
    cr_assert_str_eq(note, "ok");
    cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "%s", ltv_last_error());
    ltv_planner_free(p);
}

Test(planner, reader_errors_name_line_and_column) {
    const struct {
        const char *text;
        int status;
        const char *message;
    } cases[] = {
        {"", LTV_EPARSE, "line 1, column 1: the file is empty"},
        {"step x day=1\n", LTV_EPARSE, "line 1, column 1: the file must start with the format line 'ltvcrm-plan 1'"},
        {"ltvcrm-plan 2\n", LTV_EPARSE, "line 1, column 13: unsupported format version"},
        {"ltvcrm-plan 1\nltvcrm-plan 1\n", LTV_EPARSE, "line 2, column 1: the format line 'ltvcrm-plan 1' appears twice"},
        {"ltvcrm-plan 1\nchanel email\n", LTV_EPARSE, "line 2, column 1: unknown statement 'chanel'"},
        {"ltvcrm-plan 1\nchannel fax\n", LTV_EPARSE, "line 2, column 9: unknown channel 'fax' (expected one of: email, line"},
        {"ltvcrm-plan 1\nchannel email\nchannel email\n", LTV_EPARSE, "line 3, column 9: channel email is already described at line 2"},
        {"ltvcrm-plan 1\nchannel email weekly_cap=200\n", LTV_EPARSE, "line 2, column 26: weekly_cap=200 is outside 0..100"},
        {"ltvcrm-plan 1\nchannel email enabled=maybe\n", LTV_EPARSE, "line 2, column 23: enabled=maybe: expected yes or no"},
        {"ltvcrm-plan 1\nstep a day=1\n", LTV_EPARSE, "line 2, column 1: step before any scenario"},
        {"ltvcrm-plan 1\nscenario a\n", LTV_EPARSE, "line 2, column 10: scenario 'a' needs trigger=..."},
        {"ltvcrm-plan 1\nscenario a trigger=later\n", LTV_EPARSE, "line 2, column 20: unknown trigger 'later'"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nscenario a trigger=dormant\n", LTV_EPARSE,
         "line 3, column 10: duplicate scenario name 'a' (first at line 2)"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=95 channel=email stage=activation action=review offer=content\n",
         LTV_EPARSE, "line 3, column 12: day=95 is outside 0..90"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=x1 channel=email\n", LTV_EPARSE,
         "line 3, column 12: day=x1 is not a whole number"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 channel=email stage=activation action=review\n",
         LTV_EPARSE, "line 3, column 6: step 's' needs offer=..."},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 channel=email stage=activation action=review offer=content\n"
         "# comment\nstep s day=2 channel=email stage=activation action=review offer=content\n",
         LTV_EPARSE, "line 5, column 6: duplicate step name 's' in scenario 'a' (first at line 3)"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 day=2\n", LTV_EPARSE,
         "line 3, column 14: key 'day' is given twice (first at line 3, column 8)"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 colour=red\n", LTV_EPARSE,
         "line 3, column 14: unknown key 'colour' for step (expected one of: day, channel"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1\n  states=new,vip\n", LTV_EPARSE,
         "line 4, column 14: unknown states value 'vip' (expected a comma-separated list of: new, repeat, fan, dormant"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1\n  before_second_purchase=1\n", LTV_EPARSE,
         "line 4, column 26: before_second_purchase=1: expected yes or no"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 note=\"open\n", LTV_EPARSE,
         "line 3, column 19: the quote opened here is not closed on this line"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 note=\"a\\qb\"\n", LTV_EPARSE,
         "line 3, column 21: unknown escape '\\q'"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 note=\"a\"b\n", LTV_EPARSE,
         "line 3, column 22: text follows the closing quote"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s \"quoted\"\n", LTV_EPARSE,
         "line 3, column 8: a quoted value needs a key in front of it"},
        {"  ltvcrm-plan 1\n", LTV_EPARSE, "line 1, column 1: an indented line continues a statement, but there is none above it"},
        {"ltvcrm-plan 1\nsetting dormant_days=0\n", LTV_EPARSE, "line 2, column 22: dormant_days=0 is outside 1..3650"},
        {"ltvcrm-plan 1\nsetting sleepy_days=3\n", LTV_EPARSE, "line 2, column 9: unknown setting 'sleepy_days'"},
        {"ltvcrm-plan 1\nsetting semi_min_orders=5\n", LTV_EPARSE,
         "line 2, column 25: ltv_planner_set_i64: LTV_PLAN_SEMI_MIN_ORDERS value 5 must be below"},
        {"ltvcrm-plan 1\nscenario a#b trigger=purchase\n", LTV_EPARSE, "line 2, column 10: scenario: name 'a#b' has a character"},
        {"ltvcrm-plan 1\nscenario\n", LTV_EPARSE, "line 2, column 10: scenario needs a name after 'scenario'"},
        {"ltvcrm-plan 1\nscenario a trigger=purchase\nstep s day=1 note=\"\\u0007\"\n", LTV_EPARSE, "unknown escape '\\u'"},
        {"ltvcrm-plan 1\n# \xe6\x97\xa5\xff\n", LTV_EENCODING, "line 2, column 4: the text is not valid UTF-8 (byte 0xFF)"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ltv_planner *p = (ltv_planner *)1;
        int status = ltv_planner_from_text(&p, S(cases[k].text));
        cr_assert_eq(status, cases[k].status, "case %zu: %s (%s)", k, ltv_status_name(status), ltv_last_error());
        cr_assert_null(p, "case %zu", k);
        cr_assert(has(ltv_last_error(), cases[k].message), "case %zu: '%s' lacks '%s'", k, ltv_last_error(),
                  cases[k].message);
    }
    ltv_planner *p;
    assert_error(ltv_planner_from_text(&p, NULL, 0), LTV_EINVAL, "text is NULL");
    assert_error(ltv_planner_from_text(NULL, "", 0), LTV_EINVAL, "out is NULL");
}

Test(planner, validation_messages_of_loaded_files_give_the_line) {
    ltv_planner *p = from_text("ltvcrm-plan 1\n"
                               "channel email\n"
                               "scenario a trigger=purchase\n"
                               "step s1 day=1 channel=email stage=activation action=review offer=content\n"
                               "step s2 day=2 channel=phone stage=activation action=contact offer=experience\n");
    ltv_plan_report *report = validate_fails(p, 1);
    uint32_t line;
    cr_assert_eq(ltv_plan_report_problem(report, 0, NULL, NULL, NULL, &line, NULL), LTV_OK);
    cr_assert_eq(line, 5);
    assert_problem(report, 0, LTV_PLAN_PROBLEM_CHANNEL_DISABLED, 0, 1, "step 's2' (line 5): channel phone");
    ltv_plan_report_free(report);
    ltv_planner_free(p);
}

Test(planner, save_and_load_a_file) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_JA), LTV_OK);
    char path[] = "/tmp/ltv_planner_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    cr_assert_eq(ltv_planner_save(p, path), LTV_OK, "%s", ltv_last_error());
    ltv_planner *back = NULL;
    cr_assert_eq(ltv_planner_load(&back, path), LTV_OK, "%s", ltv_last_error());
    char *a = to_text(p), *b = to_text(back);
    cr_assert_str_eq(a, b);
    FILE *file = fopen(path, "w");
    fputs("ltvcrm-plan 1\nchannel pigeon\n", file);
    fclose(file);
    ltv_planner *bad = NULL;
    assert_error(ltv_planner_load(&bad, path), LTV_EPARSE, "line 2, column 9: unknown channel 'pigeon'");
    cr_assert(has(ltv_last_error(), path));
    remove(path);
    assert_error(ltv_planner_load(&bad, path), LTV_EIO, "cannot open");
    assert_error(ltv_planner_save(p, "/nonexistent-dir/plan.txt"), LTV_EIO, "cannot open '/nonexistent-dir/plan.txt'");
    ltv_free(a);
    ltv_free(b);
    ltv_planner_free(back);
    ltv_planner_free(p);
}

/* ---- platform events ------------------------------------------------------------------------ */

Test(planner, platform_events_are_checked) {
    ltv_plan_events *ev = NULL;
    cr_assert_eq(ltv_plan_events_new(&ev), LTV_OK);
    cr_assert_eq(ltv_plan_events_count(ev), 0);
    assert_error(ltv_plan_events_add(ev, S("v1"), 2, 0), LTV_EINVAL, "kind 2");
    assert_error(ltv_plan_events_add(ev, "", 0, 0, 0), LTV_ERANGE, "id length 0");
    assert_error(ltv_plan_events_add(ev, "\xc3", 1, 0, 0), LTV_EENCODING, "not valid UTF-8");
    assert_error(ltv_plan_events_add(ev, "a\0b", 3, 0, 0), LTV_EINVAL, "NUL");
    assert_error(ltv_plan_events_add(ev, S("v1"), 0, LTV_DAY_MAX + 1), LTV_ERANGE, "day 2932897");
    assert_error(ltv_plan_events_add(NULL, S("v1"), 0, 0), LTV_EINVAL, "events is NULL");
    assert_error(ltv_plan_events_add(ev, NULL, 1, 0, 0), LTV_EINVAL, "customer_id is NULL");
    /* Many customers: the id table grows and still finds every one. */
    for (int i = 0; i < 500; i++) {
        char id[16];
        snprintf(id, sizeof id, "v%d", i);
        cr_assert_eq(ltv_plan_events_add(ev, S(id), i % 2, 20000 + i), LTV_OK);
    }
    cr_assert_eq(ltv_plan_events_count(ev), 500);
    cr_assert_eq(ltv_plan_events_count(NULL), 0);
    ltv_plan_events_free(ev);
    ltv_plan_events_free(NULL);
}

/* ---- the run over a hand-built ledger -------------------------------------------------------- */

/* after (purchase): thanks 1 email; second 7 email (before the 2nd purchase, stops on order);
 * vip 7 phone (excellent only); winback 60 line.
 * react (dormant): letter 0 line (dormant only); check 10 email. */
static ltv_planner *hand_planner(void) {
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    enable(p, LTV_CHANNEL_LINE);
    enable(p, LTV_CHANNEL_PHONE);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    add_step(p, s, "thanks", 1, LTV_CHANNEL_EMAIL, LTV_ACTION_READ_CONTENT);
    size_t i = add_step(p, s, "second", 7, LTV_CHANNEL_EMAIL, LTV_ACTION_SECOND_PURCHASE);
    set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
    set(p, s, i, LTV_STEP_STOP, LTV_STOP_ORDER);
    i = add_step(p, s, "vip", 7, LTV_CHANNEL_PHONE, LTV_ACTION_CONTACT);
    set(p, s, i, LTV_STEP_RANKS, 1 << LTV_RANK_EXCELLENT);
    add_step(p, s, "winback", 60, LTV_CHANNEL_LINE, LTV_ACTION_RETURN_PURCHASE);
    size_t d = add_scenario(p, "react", LTV_TRIGGER_DORMANT);
    i = add_step(p, d, "letter", 0, LTV_CHANNEL_LINE, LTV_ACTION_RETURN_PURCHASE);
    set(p, d, i, LTV_STEP_STATES, 1 << LTV_STATE_DORMANT);
    add_step(p, d, "check", 10, LTV_CHANNEL_EMAIL, LTV_ACTION_CONTACT);
    cr_assert_eq(ltv_planner_validate(p, NULL), LTV_OK, "%s", ltv_last_error());
    return p;
}

static ltv_ledger *hand_ledger(void) {
    A = fx_day("2026-06-15");
    ltv_ledger *l = fx_ledger();
    add_order(l, "C1", A - 1, 1000);   /* offset 1: thanks */
    add_order(l, "C2", A - 7, 1000);   /* offset 7, one order: second */
    add_order(l, "C3", A - 300, 1000); /* 4 orders in the year: excellent; offset 7: vip */
    add_order(l, "C3", A - 200, 1000);
    add_order(l, "C3", A - 100, 1000);
    add_order(l, "C3", A - 7, 1000);
    add_order(l, "C4", A - 10, 1000);  /* re-bought: offset 7 but two orders, semi: nothing */
    add_order(l, "C4", A - 7, 1000);
    add_order(l, "C5", A - 60, 1000);  /* offset 60: winback */
    add_order(l, "C6", A - 200, 1000); /* dormant since A - 19: both reactivation steps passed */
    add_event(l, "C7", LTV_EVENT_VISIT, A - 3, 0); /* no order: no anchor */
    add_order(l, "C9", A - 181, 1000); /* dormant from today: letter */
    add_order(l, "C10", A - 191, 1000); /* dormant since A - 10: check */
    add_order(l, "C11", A + 3, 1000);   /* after the as-of day: unknown yet */
    return l;
}

Test(planner, run_lists_exactly_the_actions_due) {
    ltv_planner *p = hand_planner();
    ltv_ledger *l = hand_ledger();
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, A), LTV_OK, "%s", ltv_last_error());
    cr_assert_str_eq(due_text(run, p), "C1 after/thanks email\n"
                                       "C2 after/second email\n"
                                       "C3 after/vip phone\n"
                                       "C5 after/winback line\n"
                                       "C9 react/letter line\n"
                                       "C10 react/check email\n");
    uint64_t customer;
    size_t scenario, step;
    int channel;
    cr_assert_eq(ltv_plan_run_due(run, 2, &customer, &scenario, &step, &channel), LTV_OK);
    cr_assert_eq(customer, fx_index(l, "C3"));
    cr_assert_eq(scenario, 0);
    cr_assert_eq(step, 2);
    cr_assert_eq(channel, LTV_CHANNEL_PHONE);
    uint64_t load[LTV_CHANNEL_COUNT][LTV_PLAN_HORIZON];
    uint64_t total = 0;
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        cr_assert_eq(ltv_plan_run_load(run, c, load[c], LTV_PLAN_HORIZON), LTV_OK);
        for (int d = 0; d < LTV_PLAN_HORIZON; d++) total += load[c][d];
    }
    /* Today: email 3, line 2, phone 1. Ahead: C1's second on day 7 (email +6); winback of
     * C2, C3, C4 (line +53) and of C1 (line +59); C9's check (email +10). */
    cr_assert_eq(load[LTV_CHANNEL_EMAIL][0], 3);
    cr_assert_eq(load[LTV_CHANNEL_LINE][0], 2);
    cr_assert_eq(load[LTV_CHANNEL_PHONE][0], 1);
    cr_assert_eq(load[LTV_CHANNEL_EMAIL][6], 1);
    cr_assert_eq(load[LTV_CHANNEL_EMAIL][10], 1);
    cr_assert_eq(load[LTV_CHANNEL_LINE][53], 3);
    cr_assert_eq(load[LTV_CHANNEL_LINE][59], 1);
    cr_assert_eq(total, 12);
    /* Columns for bindings: a count query, a too small buffer, then the data. */
    size_t len;
    cr_assert_eq(ltv_plan_run_due_columns(run, NULL, NULL, NULL, NULL, 0, &len), LTV_OK);
    cr_assert_eq(len, 6);
    uint64_t customers[6];
    uint8_t channels[6];
    uint32_t steps[6];
    assert_error(ltv_plan_run_due_columns(run, customers, NULL, NULL, NULL, 5, &len), LTV_EBUFSIZE, "capacity 5");
    cr_assert_eq(len, 6);
    cr_assert_eq(ltv_plan_run_due_columns(run, customers, NULL, steps, channels, 6, &len), LTV_OK);
    cr_assert_eq(customers[5], fx_index(l, "C10"));
    cr_assert_eq(steps[5], 1);
    cr_assert_eq(channels[4], LTV_CHANNEL_LINE);
    /* Errors of the getters. */
    assert_error(ltv_plan_run_due(run, 6, NULL, NULL, NULL, NULL), LTV_ERANGE, "index 6 is outside 0..5");
    const char *id;
    assert_error(ltv_plan_run_due_id(run, 6, &id, NULL), LTV_ERANGE, "index 6");
    assert_error(ltv_plan_run_load(run, 7, load[0], LTV_PLAN_HORIZON), LTV_EINVAL, "channel 7");
    assert_error(ltv_plan_run_load(run, 0, load[0], 89), LTV_EBUFSIZE, "capacity 89 is below the 90 days");
    cr_assert_eq(ltv_plan_run_due_count(NULL), 0);
    ltv_plan_run_free(run);
    ltv_plan_run_free(NULL);
    /* A day later the list moves on: C1's and C2's next steps are not due yet, nothing is. */
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, A + 1), LTV_OK);
    cr_assert_str_eq(due_text(run, p), "");
    ltv_plan_run_free(run);
    ltv_ledger_free(l);
    ltv_planner_free(p);
}

Test(planner, run_refuses_an_invalid_planner_and_bad_arguments) {
    ltv_planner *p = hand_planner();
    ltv_ledger *l = hand_ledger();
    ltv_plan_run *run = (ltv_plan_run *)1;
    assert_error(ltv_planner_run(&run, p, l, NULL, LTV_DAY_MAX), LTV_ERANGE, "as_of_day");
    cr_assert_null(run);
    assert_error(ltv_planner_run(&run, NULL, l, NULL, A), LTV_EINVAL, "planner is NULL");
    assert_error(ltv_planner_run(&run, p, NULL, NULL, A), LTV_EINVAL, "ledger is NULL");
    assert_error(ltv_planner_run(NULL, p, l, NULL, A), LTV_EINVAL, "out is NULL");
    cr_assert_eq(ltv_planner_channel_set_i64(p, LTV_CHANNEL_PHONE, LTV_CHANNEL_ENABLED, 0), LTV_OK);
    assert_error(ltv_planner_run(&run, p, l, NULL, A), LTV_EVALIDATION, "channel phone is not enabled");
    ltv_schedule *sched = (ltv_schedule *)1;
    assert_error(ltv_planner_schedule(&sched, p, l, NULL, S("C1"), A), LTV_EVALIDATION, "channel phone");
    cr_assert_null(sched);
    ltv_ledger_free(l);
    ltv_planner_free(p);
}

/* ---- stop rules ------------------------------------------------------------------------------- */

Test(planner, a_customer_who_rebuys_on_day_5_gets_no_second_purchase_step_on_day_7) {
    int32_t d = fx_day("2026-04-01");
    ltv_ledger *l = fx_ledger();
    add_order(l, "rebuyer", d, 3000);
    add_order(l, "rebuyer", d + 5, 2000);
    add_order(l, "waiter", d, 3000);
    for (int trigger = LTV_TRIGGER_PURCHASE; trigger <= LTV_TRIGGER_FIRST_PURCHASE; trigger++) {
        ltv_planner *p = empty_planner();
        enable(p, LTV_CHANNEL_EMAIL);
        size_t s = add_scenario(p, "onboarding", trigger);
        size_t i = add_step(p, s, "second", 7, LTV_CHANNEL_EMAIL, LTV_ACTION_SECOND_PURCHASE);
        set(p, s, i, LTV_STEP_BEFORE_SECOND_PURCHASE, 1);
        set(p, s, i, LTV_STEP_STOP, LTV_STOP_ORDER);
        for (int32_t day = d + 1; day <= d + 20; day++) {
            ltv_plan_run *run = NULL;
            cr_assert_eq(ltv_planner_run(&run, p, l, NULL, day), LTV_OK, "%s", ltv_last_error());
            cr_assert_str_eq(due_text(run, p), day == d + 7 ? "waiter onboarding/second email\n" : "",
                             "trigger %d, day %d", trigger, day - d);
            ltv_plan_run_free(run);
        }
        /* The schedule says why. */
        ltv_schedule *sched = NULL;
        cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("rebuyer"), d + 7), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_schedule_count(sched), 1);
        int32_t day, reason_day;
        int status, reason;
        cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, &day, &status, &reason, &reason_day), LTV_OK);
        if (trigger == LTV_TRIGGER_FIRST_PURCHASE) {
            /* Anchored at the first purchase: the re-purchase on day 5 stopped the step. */
            cr_assert_eq(day, d + 7);
            cr_assert_eq(status, LTV_ENTRY_STOPPED);
            cr_assert_eq(reason, LTV_STOP_ORDER);
            cr_assert_eq(reason_day, d + 5);
        } else {
            /* Each purchase starts again: from day 5 on, the customer is no longer before the
             * second purchase. */
            cr_assert_eq(day, d + 12);
            cr_assert_eq(status, LTV_ENTRY_SKIPPED);
            cr_assert_eq(reason, LTV_STEP_BEFORE_SECOND_PURCHASE);
            cr_assert_eq(reason_day, LTV_NO_DAY);
        }
        ltv_schedule_free(sched);
        ltv_planner_free(p);
    }
    ltv_ledger_free(l);
}

Test(planner, refund_cancel_and_cart_stop_rules) {
    int32_t d = fx_day("2026-04-01");
    ltv_ledger *l = fx_ledger();
    add_order(l, "refunder", d, 3000);
    add_event(l, "refunder", LTV_EVENT_REFUND, d + 2, -3000);
    add_order(l, "member", d, 3000);
    add_event(l, "member", LTV_EVENT_CANCEL, d + 4, 0);
    add_order(l, "happy", d, 3000);
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    size_t i = add_step(p, s, "review", 10, LTV_CHANNEL_EMAIL, LTV_ACTION_REVIEW);
    set(p, s, i, LTV_STEP_STOP, LTV_STOP_REFUND | LTV_STOP_CANCEL);
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, d + 10), LTV_OK, "%s", ltv_last_error());
    cr_assert_str_eq(due_text(run, p), "happy after/review email\n");
    ltv_plan_run_free(run);
    const struct {
        const char *id;
        int reason;
        int32_t day;
    } expected[] = {{"refunder", LTV_STOP_REFUND, d + 2}, {"member", LTV_STOP_CANCEL, d + 4}};
    for (size_t k = 0; k < 2; k++) {
        ltv_schedule *sched = NULL;
        cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S(expected[k].id), d + 3), LTV_OK);
        int status, reason;
        int32_t reason_day;
        cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, NULL, &status, &reason, &reason_day), LTV_OK);
        /* As of d + 3 the refund is known, the cancel not yet. */
        if (k == 0) {
            cr_assert_eq(status, LTV_ENTRY_STOPPED);
            cr_assert_eq(reason, expected[k].reason);
            cr_assert_eq(reason_day, expected[k].day);
        } else {
            cr_assert_eq(status, LTV_ENTRY_PLANNED);
        }
        ltv_schedule_free(sched);
    }
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

Test(planner, a_membership_cancel_starts_reactivation_unless_told_otherwise) {
    int32_t d = fx_day("2026-04-01");
    ltv_ledger *l = fx_ledger();
    add_order(l, "member", d, 3000);
    add_event(l, "member", LTV_EVENT_CANCEL, d + 10, 0);
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_POSTAL_DM);
    size_t s = add_scenario(p, "back", LTV_TRIGGER_DORMANT);
    add_step(p, s, "letter", 0, LTV_CHANNEL_POSTAL_DM, LTV_ACTION_RETURN_PURCHASE);
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, d + 11), LTV_OK, "%s", ltv_last_error());
    cr_assert_str_eq(due_text(run, p), "member back/letter postal_dm\n", "the cancel is known the day after");
    ltv_plan_run_free(run);
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_CANCEL_IS_DORMANT, 0), LTV_OK);
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, d + 11), LTV_OK);
    cr_assert_eq(ltv_plan_run_due_count(run), 0);
    ltv_plan_run_free(run);
    /* Without the cancel rule the customer turns dormant after 180 days without an order. */
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, d + 181), LTV_OK);
    cr_assert_str_eq(due_text(run, p), "member back/letter postal_dm\n");
    ltv_plan_run_free(run);
    char *text = to_text(p);
    cr_assert(has(text, "\nsetting cancel_is_dormant=0\n"), "%s", text);
    ltv_free(text);
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

Test(planner, event_scenarios_follow_carts_and_views) {
    A = fx_day("2026-06-15");
    ltv_ledger *l = fx_ledger();
    add_order(l, "C1", A - 1, 5000);  /* bought after the cart: the cart follow-up stops */
    add_order(l, "C2", A - 30, 5000); /* a customer with a cart left yesterday */
    ltv_plan_events *ev = NULL;
    cr_assert_eq(ltv_plan_events_new(&ev), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V1"), LTV_PLATFORM_CART_CREATED, A - 1), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("C1"), LTV_PLATFORM_CART_CREATED, A - 3), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V2"), LTV_PLATFORM_PRODUCT_VIEWED, A - 1), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V2"), LTV_PLATFORM_CART_CREATED, A - 1), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V3"), LTV_PLATFORM_PRODUCT_VIEWED, A - 1), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V3"), LTV_PLATFORM_PRODUCT_VIEWED, A - 4), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("C2"), LTV_PLATFORM_CART_CREATED, A - 1), LTV_OK);
    cr_assert_eq(ltv_plan_events_add(ev, S("V4"), LTV_PLATFORM_CART_CREATED, A), LTV_OK); /* not known yet */
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    enable(p, LTV_CHANNEL_LINE);
    cr_assert_eq(ltv_planner_add_builtin(p, LTV_BUILTIN_CART_ABANDONMENT, LTV_LANG_EN, NULL), LTV_OK);
    cr_assert_eq(ltv_planner_add_builtin(p, LTV_BUILTIN_BROWSE_RETARGETING, LTV_LANG_EN, NULL), LTV_OK);
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, ev, A), LTV_OK, "%s", ltv_last_error());
    /* Ledger customers first, then visitors in the order the events introduced them. V2's
     * view is followed by a cart the same day: the cart follow-up takes over. V3's latest
     * view (yesterday) is the anchor. */
    cr_assert_str_eq(due_text(run, p), "C2 cart-abandonment/cart-reminder email\n"
                                       "V1 cart-abandonment/cart-reminder email\n"
                                       "V2 cart-abandonment/cart-reminder email\n"
                                       "V3 browse-retargeting/browse-follow-up email\n");
    uint64_t customer;
    cr_assert_eq(ltv_plan_run_due(run, 1, &customer, NULL, NULL, NULL), LTV_OK);
    cr_assert_eq(customer, LTV_PLAN_NOT_IN_LEDGER);
    uint64_t line[LTV_PLAN_HORIZON];
    cr_assert_eq(ltv_plan_run_load(run, LTV_CHANNEL_LINE, line, LTV_PLAN_HORIZON), LTV_OK);
    cr_assert_eq(line[2], 3, "cart-help two days later for C2, V1, V2");
    cr_assert_eq(line[3], 1, "browse-reminder three days later for V3");
    ltv_plan_run_free(run);
    /* Without events the same planner has nothing to do. */
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, A), LTV_OK);
    cr_assert_eq(ltv_plan_run_due_count(run), 0);
    ltv_plan_run_free(run);
    /* A visitor's schedule, and C1's stopped cart follow-up. */
    ltv_schedule *sched = NULL;
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, ev, S("C1"), A), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_schedule_count(sched), 2);
    int status, reason;
    int32_t day, reason_day;
    /* The reminder went out the day after the cart; the order came the day after that and
     * stopped the offer of help. */
    cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, &day, &status, &reason, &reason_day), LTV_OK);
    cr_assert_eq(day, A - 2);
    cr_assert_eq(status, LTV_ENTRY_PASSED);
    cr_assert_eq(ltv_schedule_entry(sched, 1, NULL, NULL, &day, &status, &reason, &reason_day), LTV_OK);
    cr_assert_eq(day, A);
    cr_assert_eq(status, LTV_ENTRY_STOPPED);
    cr_assert_eq(reason, LTV_STOP_ORDER);
    cr_assert_eq(reason_day, A - 1);
    ltv_schedule_free(sched);
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, ev, S("V3"), A), LTV_OK);
    int state;
    int32_t orders;
    cr_assert_eq(ltv_schedule_segment(sched, &state, NULL, &orders), LTV_OK);
    cr_assert_eq(state, LTV_STATE_NONE);
    cr_assert_eq(orders, 0);
    int32_t anchor;
    cr_assert_eq(ltv_schedule_anchor(sched, 1, &anchor), LTV_OK);
    cr_assert_eq(anchor, A - 1);
    assert_error(ltv_schedule_anchor(sched, 0, &anchor), LTV_ENOTFOUND, "scenario 0 has no anchor");
    ltv_schedule_free(sched);
    assert_error(ltv_planner_schedule(&sched, p, l, ev, S("nobody"), A), LTV_ENOTFOUND, "customer 'nobody'");
    ltv_plan_events_free(ev);
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

Test(planner, minimum_order_value_uses_the_anchor_order) {
    int32_t d = fx_day("2026-04-01");
    ltv_ledger *l = fx_ledger();
    add_order(l, "big", d, 20000);
    add_order(l, "split", d, 6000); /* two orders the same day count as one anchor purchase */
    add_order(l, "split", d, 6000);
    add_order(l, "small", d - 40, 50000);
    add_order(l, "small", d, 3000);
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_PHONE);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    size_t i = add_step(p, s, "call", 3, LTV_CHANNEL_PHONE, LTV_ACTION_CONTACT);
    set(p, s, i, LTV_STEP_MIN_ORDER_VALUE, 10000);
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, d + 3), LTV_OK, "%s", ltv_last_error());
    cr_assert_str_eq(due_text(run, p), "big after/call phone\nsplit after/call phone\n");
    ltv_plan_run_free(run);
    ltv_schedule *sched = NULL;
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("small"), d + 3), LTV_OK);
    int status, reason;
    cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, NULL, &status, &reason, NULL), LTV_OK);
    cr_assert_eq(status, LTV_ENTRY_SKIPPED);
    cr_assert_eq(reason, LTV_STEP_MIN_ORDER_VALUE);
    ltv_schedule_free(sched);
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

/* ---- one customer's schedule ------------------------------------------------------------------ */

Test(planner, schedule_marks_passed_due_planned_and_skipped) {
    ltv_planner *p = hand_planner();
    ltv_ledger *l = hand_ledger();
    ltv_schedule *sched = NULL;
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("C2"), A), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_schedule_count(sched), 4);
    const struct {
        size_t step;
        int32_t day;
        int status, reason;
    } expected[] = {
        {0, A - 6, LTV_ENTRY_PASSED, -1},
        {1, A, LTV_ENTRY_DUE, -1},
        {2, A, LTV_ENTRY_SKIPPED, LTV_STEP_RANKS},
        {3, A + 53, LTV_ENTRY_PLANNED, -1},
    };
    for (size_t k = 0; k < 4; k++) {
        size_t scenario, step;
        int32_t day, reason_day;
        int status, reason;
        cr_assert_eq(ltv_schedule_entry(sched, k, &scenario, &step, &day, &status, &reason, &reason_day), LTV_OK);
        cr_assert_eq(scenario, 0);
        cr_assert_eq(step, expected[k].step, "entry %zu", k);
        cr_assert_eq(day, expected[k].day, "entry %zu", k);
        cr_assert_eq(status, expected[k].status, "entry %zu", k);
        cr_assert_eq(reason, expected[k].reason, "entry %zu", k);
        cr_assert_eq(reason_day, LTV_NO_DAY);
    }
    int32_t anchor;
    cr_assert_eq(ltv_schedule_anchor(sched, 0, &anchor), LTV_OK);
    cr_assert_eq(anchor, A - 7);
    assert_error(ltv_schedule_anchor(sched, 1, &anchor), LTV_ENOTFOUND, "no anchor");
    assert_error(ltv_schedule_anchor(sched, 2, &anchor), LTV_ERANGE, "scenario index 2");
    int state, rank;
    int32_t orders;
    cr_assert_eq(ltv_schedule_segment(sched, &state, &rank, &orders), LTV_OK);
    cr_assert_eq(state, LTV_STATE_NEW);
    cr_assert_eq(rank, LTV_RANK_NURTURE);
    cr_assert_eq(orders, 1);
    assert_error(ltv_schedule_entry(sched, 4, NULL, NULL, NULL, NULL, NULL, NULL), LTV_ERANGE, "index 4");
    ltv_schedule_free(sched);
    /* C6 went dormant 19 days ago: both reactivation steps have passed. */
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("C6"), A), LTV_OK);
    cr_assert_eq(ltv_schedule_count(sched), 2);
    int32_t day;
    int status;
    cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, &day, &status, NULL, NULL), LTV_OK);
    cr_assert_eq(day, A - 19);
    cr_assert_eq(status, LTV_ENTRY_PASSED);
    cr_assert_eq(ltv_schedule_entry(sched, 1, NULL, NULL, &day, &status, NULL, NULL), LTV_OK);
    cr_assert_eq(day, A - 9);
    cr_assert_eq(status, LTV_ENTRY_PASSED);
    cr_assert_eq(ltv_schedule_segment(sched, &state, &rank, NULL), LTV_OK);
    cr_assert_eq(state, LTV_STATE_DORMANT);
    cr_assert_eq(rank, LTV_RANK_NURTURE);
    ltv_schedule_free(sched);
    /* C7 has no order: no scenario is anchored. */
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("C7"), A), LTV_OK);
    cr_assert_eq(ltv_schedule_count(sched), 0);
    ltv_schedule_free(sched);
    cr_assert_eq(ltv_schedule_count(NULL), 0);
    ltv_schedule_free(NULL);
    assert_error(ltv_planner_schedule(&sched, p, l, NULL, NULL, 0, A), LTV_EINVAL, "customer_id is NULL");
    assert_error(ltv_planner_schedule(&sched, p, l, NULL, S("C1"), LTV_DAY_MAX), LTV_ERANGE, "as_of_day");
    ltv_ledger_free(l);
    ltv_planner_free(p);
}

Test(planner, a_day_0_step_is_checked_once_the_purchase_is_known) {
    int32_t d = fx_day("2026-04-01");
    ltv_ledger *l = fx_ledger();
    add_order(l, "C", d, 1000);
    ltv_planner *p = empty_planner();
    enable(p, LTV_CHANNEL_EMAIL);
    size_t s = add_scenario(p, "after", LTV_TRIGGER_PURCHASE);
    size_t i = add_step(p, s, "confirm", 0, LTV_CHANNEL_EMAIL, LTV_ACTION_READ_CONTENT);
    set(p, s, i, LTV_STEP_STATES, 1 << LTV_STATE_NEW);
    ltv_schedule *sched = NULL;
    cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, S("C"), d + 1), LTV_OK);
    int32_t day;
    int status;
    cr_assert_eq(ltv_schedule_entry(sched, 0, NULL, NULL, &day, &status, NULL, NULL), LTV_OK);
    cr_assert_eq(day, d);
    cr_assert_eq(status, LTV_ENTRY_PASSED, "the new customer met the condition on the purchase day");
    ltv_schedule_free(sched);
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

Test(planner, run_and_schedules_agree_on_a_generated_ledger) {
    fx_log log = fx_log_generate(20000, 2000, 42);
    ltv_ledger *l = fx_ledger();
    fx_log_add(l, &log, 0, log.rows);
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    int32_t as_of = fx_day("2026-06-01");
    ltv_plan_run *run = NULL;
    cr_assert_eq(ltv_planner_run(&run, p, l, NULL, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_gt(ltv_plan_run_due_count(run), 0);
    uint64_t n = ltv_ledger_customer_count(l), next = 0, load_from_schedules[LTV_CHANNEL_COUNT] = {0};
    for (uint64_t c = 0; c < n; c++) {
        const char *id;
        size_t id_len;
        cr_assert_eq(ltv_ledger_customer_id(l, c, &id, &id_len), LTV_OK);
        ltv_schedule *sched = NULL;
        cr_assert_eq(ltv_planner_schedule(&sched, p, l, NULL, id, id_len, as_of), LTV_OK, "%s", ltv_last_error());
        for (size_t k = 0; k < ltv_schedule_count(sched); k++) {
            size_t scenario, step;
            int status;
            int32_t day;
            cr_assert_eq(ltv_schedule_entry(sched, k, &scenario, &step, &day, &status, NULL, NULL), LTV_OK);
            if (status == LTV_ENTRY_PLANNED || status == LTV_ENTRY_DUE) {
                int64_t channel;
                cr_assert_eq(ltv_planner_step_get_i64(p, scenario, step, LTV_STEP_CHANNEL, &channel), LTV_OK);
                if (day - as_of < LTV_PLAN_HORIZON) load_from_schedules[channel]++;
            }
            if (status != LTV_ENTRY_DUE) continue;
            uint64_t customer;
            size_t run_scenario, run_step;
            cr_assert_lt(next, ltv_plan_run_due_count(run), "customer %s has more due steps than the run", id);
            cr_assert_eq(ltv_plan_run_due(run, next, &customer, &run_scenario, &run_step, NULL), LTV_OK);
            cr_assert_eq(customer, c, "due action %llu", (unsigned long long)next);
            cr_assert_eq(run_scenario, scenario);
            cr_assert_eq(run_step, step);
            next++;
        }
        ltv_schedule_free(sched);
    }
    cr_assert_eq(next, ltv_plan_run_due_count(run));
    for (int ch = 0; ch < LTV_CHANNEL_COUNT; ch++) {
        uint64_t load[LTV_PLAN_HORIZON], sum = 0;
        cr_assert_eq(ltv_plan_run_load(run, ch, load, LTV_PLAN_HORIZON), LTV_OK);
        for (int d = 0; d < LTV_PLAN_HORIZON; d++) sum += load[d];
        cr_assert_eq(sum, load_from_schedules[ch], "channel %d", ch);
    }
    ltv_plan_run_free(run);
    ltv_planner_free(p);
    ltv_ledger_free(l);
    fx_log_free(&log);
}

/* ---- timing from data ------------------------------------------------------------------------ */

Test(planner, too_little_data_keeps_the_default_day) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    uint64_t gaps[91] = {0};
    gaps[12] = 20;
    gaps[0] = 500;   /* same-day second orders do not count */
    int32_t day;
    int reason;
    char *why = NULL;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, &reason, &why), LTV_OK);
    cr_assert_eq(day, 7);
    cr_assert_eq(reason, LTV_TIMING_TOO_FEW);
    cr_assert_str_eq(why, "Only 20 second purchases of your best customers fall within 90 days of their first; at least "
                          "30 are needed to read a pattern. With too little data, step 'second-purchase' keeps its "
                          "default day 7.");
    ltv_free(why);
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_JA, NULL, NULL, &why), LTV_OK);
    cr_assert(has(why, "データが足りないため、ステップ「second-purchase」は既定の7日目のままにします。"), "%s", why);
    ltv_free(why);
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, NULL, 0, LTV_LANG_EN, &day, &reason, NULL), LTV_OK);
    cr_assert_eq(reason, LTV_TIMING_TOO_FEW);
    ltv_planner_free(p);
}

Test(planner, the_step_moves_to_the_busiest_window) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    uint64_t gaps[200] = {0};
    for (int d = 9; d <= 15; d++) gaps[d] = 20;   /* 140 in days 9..15 */
    for (int d = 40; d < 60; d++) gaps[d] = 3;    /* 60 spread out */
    gaps[150] = 1000;                             /* beyond 90 days: ignored */
    int32_t day;
    int reason;
    char *why = NULL;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 200, LTV_LANG_EN, &day, &reason, &why), LTV_OK);
    cr_assert_eq(day, 9);
    cr_assert_eq(reason, LTV_TIMING_FROM_DATA);
    cr_assert_str_eq(why, "Of the 200 second purchases your best customers made within 90 days of their first, 140 (70%) "
                          "fell on days 9-15, the busiest 7-day window. Step 'second-purchase' moves from day 7 to day 9 "
                          "so that it arrives as that window begins.");
    ltv_free(why);
    int64_t v;
    cr_assert_eq(ltv_planner_step_get_i64(p, 0, 2, LTV_STEP_DAY, &v), LTV_OK);
    cr_assert_eq(v, 9);
    /* Placing again finds the same day and says it stays. */
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 200, LTV_LANG_JA, &day, NULL, &why), LTV_OK);
    cr_assert_eq(day, 9);
    cr_assert(has(why, "140件(70%)が9〜15日目に集中"), "%s", why);
    cr_assert(has(why, "9日目のままにします"), "%s", why);
    ltv_free(why);
    /* A sharp single-day peak gets the step on the peak, not days before it. */
    memset(gaps, 0, sizeof gaps);
    gaps[20] = 50;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, NULL, NULL), LTV_OK);
    cr_assert_eq(day, 20);
    /* Two equal windows: the earlier one. */
    memset(gaps, 0, sizeof gaps);
    gaps[5] = 40;
    gaps[30] = 40;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, NULL, NULL), LTV_OK);
    cr_assert_eq(day, 5);
    /* A 3-day window from the planner's setting. */
    cr_assert_eq(ltv_planner_set_i64(p, LTV_PLAN_TIMING_WINDOW_DAYS, 3), LTV_OK);
    memset(gaps, 0, sizeof gaps);
    gaps[10] = 10;
    gaps[14] = 15;
    gaps[15] = 10;
    gaps[16] = 10;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, NULL, NULL), LTV_OK);
    cr_assert_eq(day, 14);
    /* Errors leave the step alone. */
    gaps[1] = UINT64_MAX;
    assert_error(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, NULL, NULL), LTV_EOVERFLOW, "64 bits");
    assert_error(ltv_planner_place_step(p, 0, 2, NULL, 5, LTV_LANG_EN, &day, NULL, NULL), LTV_EINVAL, "gap_counts is NULL");
    assert_error(ltv_planner_place_step(p, 0, 2, gaps, 91, 3, &day, NULL, NULL), LTV_EINVAL, "lang 3");
    assert_error(ltv_planner_place_step(p, 0, 99, gaps, 91, LTV_LANG_EN, &day, NULL, NULL), LTV_ERANGE, "step index 99");
    cr_assert_eq(ltv_planner_step_get_i64(p, 0, 2, LTV_STEP_DAY, &v), LTV_OK);
    cr_assert_eq(v, 14);
    ltv_planner_free(p);
}

/* Best customers (4 orders within the year) re-buy 9..15 days after the first purchase (140)
 * or 40..59 days after (60); 300 semi-excellent customers re-buy after 3 days and must not
 * count, or days 3..9 would win. */
static ltv_ledger *peak_ledger(int32_t as_of, int best) {
    ltv_ledger *l = fx_ledger();
    for (int k = 0; k < best; k++) {
        char id[16];
        snprintf(id, sizeof id, "B%03d", k);
        int32_t first = as_of - 200 + k % 30;
        int32_t gap = k < best * 7 / 10 ? 9 + k % 7 : 40 + k % 20;
        add_order(l, id, first, 5000);
        add_order(l, id, first + gap, 5000);
        add_order(l, id, first + gap + 20, 5000);
        add_order(l, id, first + gap + 40, 5000);
    }
    for (int k = 0; k < 300; k++) {
        char id[16];
        snprintf(id, sizeof id, "S%03d", k);
        add_order(l, id, as_of - 100, 3000);
        add_order(l, id, as_of - 97, 3000);
    }
    return l;
}

Test(planner, timing_from_a_generated_ledger_with_a_known_peak) {
    int32_t as_of = fx_day("2026-12-01");
    ltv_ledger *l = peak_ledger(as_of, 200);
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    uint64_t gaps[91], best = 0;
    cr_assert_eq(ltv_planner_best_gaps(p, l, as_of, gaps, 91, &best), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(best, 200);
    cr_assert_eq(gaps[3], 0, "semi-excellent customers are not the best");
    cr_assert_eq(gaps[9], 20);
    cr_assert_eq(gaps[15], 20);
    cr_assert_eq(gaps[40], 3);
    int32_t day;
    int reason;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, &reason, NULL), LTV_OK);
    cr_assert_eq(reason, LTV_TIMING_FROM_DATA);
    cr_assert_eq(day, 9);
    /* A histogram too short for the long gaps still counts every best customer. */
    uint64_t short_gaps[10];
    cr_assert_eq(ltv_planner_best_gaps(p, l, as_of, short_gaps, 10, &best), LTV_OK);
    cr_assert_eq(best, 200);
    cr_assert_eq(short_gaps[9], 20);
    assert_error(ltv_planner_best_gaps(p, l, as_of, gaps, 0, &best), LTV_ERANGE, "capacity 0");
    assert_error(ltv_planner_best_gaps(p, NULL, as_of, gaps, 91, &best), LTV_EINVAL, "ledger is NULL");
    ltv_planner_free(p);
    ltv_ledger_free(l);
    /* Ten best customers are too few: the step keeps day 7, and the explanation says so. */
    l = peak_ledger(as_of, 10);
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    cr_assert_eq(ltv_planner_best_gaps(p, l, as_of, gaps, 91, &best), LTV_OK);
    cr_assert_eq(best, 10);
    char *why = NULL;
    cr_assert_eq(ltv_planner_place_step(p, 0, 2, gaps, 91, LTV_LANG_EN, &day, &reason, &why), LTV_OK);
    cr_assert_eq(day, 7);
    cr_assert_eq(reason, LTV_TIMING_TOO_FEW);
    cr_assert(has(why, "Only 10 second purchases"), "%s", why);
    ltv_free(why);
    ltv_planner_free(p);
    ltv_ledger_free(l);
}

/* The rank limits are a pair: a segmentation's settings with semi >= excellent are refused
 * whole, and the planner keeps its own thresholds. */
Test(planner_review, segment_config_with_a_bad_rank_pair_is_refused) {
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_planner_new(&planner), LTV_OK);
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, 5), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 90), LTV_OK);
    cr_assert_eq(ltv_planner_use_segment_config(planner, cfg), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "must be below"), "%s", ltv_last_error());
    int64_t dormant = 0;
    cr_assert_eq(ltv_planner_get_i64(planner, LTV_PLAN_DORMANT_DAYS, &dormant), LTV_OK);
    cr_assert_eq(dormant, 180); /* nothing taken */
    ltv_segment_config_free(cfg);
    ltv_planner_free(planner);
}

/* Reading a planner text when memory runs out is LTV_ENOMEM, not a parse error at some line
 * (the wrapper that adds the position used to replace the status). Every allocation of the
 * read is made to fail in turn; Criterion runs this in its own process, so the allocator is
 * set before the library's first allocation. */
static size_t enomem_countdown; /* 0: allocate normally; else fail when it reaches 1 */
static bool enomem_failed;
static bool countdown_fails(void) {
    if (enomem_countdown == 0) return false;
    if (--enomem_countdown == 0) {
        enomem_failed = true;
        return true;
    }
    return false;
}
static void *countdown_malloc(void *ud, size_t size) {
    (void)ud;
    return countdown_fails() ? NULL : malloc(size);
}
static void *countdown_realloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    return countdown_fails() ? NULL : realloc(ptr, size);
}
static void countdown_free(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

Test(planner, out_of_memory_while_reading_text_is_enomem) {
    cr_assert_eq(ltv_set_allocator(countdown_malloc, countdown_realloc, countdown_free, NULL), LTV_OK);
    ltv_planner *source = NULL;
    cr_assert_eq(ltv_planner_new_default(&source, LTV_LANG_EN), LTV_OK);
    char *text = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_planner_to_text(source, &text, &len), LTV_OK);
    size_t failures = 0;
    for (size_t k = 1;; k++) {
        enomem_countdown = k;
        enomem_failed = false;
        ltv_planner *read = NULL;
        int status = ltv_planner_from_text(&read, text, len);
        enomem_countdown = 0;
        if (!enomem_failed) {
            cr_assert_eq(status, LTV_OK, "%s", ltv_last_error());
            ltv_planner_free(read);
            break;
        }
        cr_assert_eq(status, LTV_ENOMEM, "allocation %zu failed: %s (%s)", k, ltv_status_name(status), ltv_last_error());
        cr_assert_null(read);
        failures++;
    }
    cr_assert_gt(failures, 10);
    ltv_free(text);
    ltv_planner_free(source);
}

/* An endless file (/dev/zero) given as a planner text is refused at the size cap instead of
 * being read until memory runs out. The allocator stands in for the machine's memory: it
 * refuses to hold more than 256 MiB, which the old reader hit (LTV_ENOMEM). */
static size_t capped_bytes;
static void *capped_malloc(void *ud, size_t size) {
    (void)ud;
    if (size > ((size_t)256 << 20)) return NULL;
    capped_bytes = size;
    return malloc(size);
}
static void *capped_realloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    if (size > ((size_t)256 << 20)) return NULL;
    capped_bytes = size;
    return realloc(ptr, size);
}
static void capped_free(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

Test(planner, an_endless_file_is_refused_at_the_size_cap) {
    cr_assert_eq(ltv_set_allocator(capped_malloc, capped_realloc, capped_free, NULL), LTV_OK);
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_planner_load(&planner, "/dev/zero"), LTV_ERANGE, "%s", ltv_last_error());
    cr_assert_null(planner);
    cr_assert_not_null(strstr(ltv_last_error(), "'/dev/zero' is larger than 16,777,216 bytes"), "%s", ltv_last_error());
    cr_assert_leq(capped_bytes, (size_t)64 << 20);
    ltv_matrix *matrix = NULL;
    cr_assert_eq(ltv_matrix_load_file(&matrix, LTV_MATRIX_FORMAT_JSON, "/dev/zero"), LTV_ERANGE);
    cr_assert_null(matrix);
}
