/* The domain rules in one place (lib/rules/): segmentation, the health check, the planner and
 * the grader agree customer by customer under the caller's thresholds; membership activity
 * (seed 004): visits keep a member active, a cancel churns and ends the buyer's scenario. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "rules.h"

#define AS_OF "2026-11-01"

static ltv_segment_config *shop_thresholds(void) {
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    const int64_t settings[][2] = {{LTV_SEG_DORMANT_DAYS, 120},         {LTV_SEG_FAN_MIN_ORDERS, 3},
                                   {LTV_SEG_FAN_MIN_TENURE_DAYS, 200},  {LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, 5},
                                   {LTV_SEG_SEMI_MIN_YEAR_ORDERS, 3},   {LTV_SEG_ACTIVITY, LTV_ACTIVITY_VISITS}};
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        cr_assert_eq(ltv_segment_config_set_i64(cfg, (int)settings[i][0], settings[i][1]), LTV_OK);
    return cfg;
}

Test(rules, four_modules_agree_with_non_default_thresholds) {
    fx_log log = fx_log_generate(6000, 800, 11);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    const int32_t as_of = fx_day(AS_OF);
    ltv_segment_config *cfg = shop_thresholds();

    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_planner_new_default(&planner, LTV_LANG_EN), LTV_OK);
    cr_assert_eq(ltv_planner_use_segment_config(planner, cfg), LTV_OK, "%s", ltv_last_error());
    ltv_grade *grade = NULL;
    cr_assert_eq(ltv_grader_grade(&grade, "AAAAAAAAAA", 10), LTV_OK);
    cr_assert_eq(ltv_grade_attach_ledger_v2(grade, ledger, as_of, 0, cfg), LTV_OK, "%s", ltv_last_error());
    ltv_health_check *hc = NULL;
    cr_assert_eq(ltv_health_check_run(&hc, ledger, seg, NULL, as_of), LTV_OK, "%s", ltv_last_error());

    /* customer by customer: the segmentation and the planner's view of each customer */
    uint64_t states[LTV_STATE_COUNT] = {0}, ranks[LTV_RANK_COUNT] = {0}, dormant_by_visits = 0;
    const uint64_t n = ltv_ledger_customer_count(ledger);
    for (uint64_t c = 0; c < n; c++) {
        ltv_customer_segment s;
        cr_assert_eq(ltv_segmentation_customer(seg, c, &s, sizeof s), LTV_OK);
        const char *id;
        size_t id_len;
        cr_assert_eq(ltv_ledger_customer_id(ledger, c, &id, &id_len), LTV_OK);
        ltv_schedule *sched = NULL;
        cr_assert_eq(ltv_planner_schedule(&sched, planner, ledger, NULL, id, id_len, as_of), LTV_OK, "%s",
                     ltv_last_error());
        int state, rank;
        int32_t orders;
        cr_assert_eq(ltv_schedule_segment(sched, &state, &rank, &orders), LTV_OK);
        cr_assert_eq(state, s.state, "customer %s: planner state %d, segmentation %d", id, state, s.state);
        cr_assert_eq(rank, s.rank, "customer %s: planner rank %d, segmentation %d", id, rank, s.rank);
        ltv_schedule_free(sched);
        if (s.state >= 0) states[s.state]++;
        if (s.rank >= 0) ranks[s.rank]++;
        /* the thresholds and the activity rule really are in play */
        ltv_customer_facts f;
        cr_assert_eq(ltv_ledger_facts(ledger, c, as_of, &f, sizeof f), LTV_OK);
        if (f.orders && f.recency_days > 120 && s.state != LTV_STATE_DORMANT) dormant_by_visits++;
    }
    cr_assert_gt(dormant_by_visits, 0, "no customer kept active by a visit: the test data misses the rule");
    cr_assert_gt(states[LTV_STATE_FAN], 0);
    /* the grader's figures are the same counts */
    const int figures[LTV_STATE_COUNT] = {LTV_GRADE_FIG_STATE_NEW, LTV_GRADE_FIG_STATE_REPEAT, LTV_GRADE_FIG_STATE_FAN,
                                          LTV_GRADE_FIG_STATE_DORMANT};
    for (int st = 0; st < LTV_STATE_COUNT; st++) {
        int64_t value;
        cr_assert_eq(ltv_grade_figure(grade, figures[st], &value), LTV_OK);
        cr_assert_eq((uint64_t)value, states[st], "state %d: grader %lld, segmentation %llu", st, (long long)value,
                     (unsigned long long)states[st]);
        ltv_group_stats g;
        cr_assert_eq(ltv_segmentation_state_stats(seg, st, &g, sizeof g), LTV_OK);
        cr_assert_eq(g.customers, states[st]);
    }
    /* the health check's per-rank groups are the same customers */
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_health_conversion conv;
        cr_assert_eq(ltv_health_check_conversion(hc, r, &conv, sizeof conv), LTV_OK);
        cr_assert_eq(conv.customers, ranks[r], "rank %d", r);
    }
    ltv_health_check_free(hc);
    ltv_grade_free(grade);
    ltv_planner_free(planner);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
    fx_log_free(&log);
}

/* The 1.0 grader keeps its documented fixed rule (180 days from the last order, no cancel). */
Test(rules, grader_1_0_figures_unchanged) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "member", LTV_EVENT_ORDER, "2026-09-01", 100, 1);
    fx_add(ledger, "member", LTV_EVENT_CANCEL, "2026-10-01", 0, 0);
    fx_add(ledger, "old", LTV_EVENT_ORDER, "2026-03-01", 100, 1);
    fx_add(ledger, "old", LTV_EVENT_VISIT, "2026-10-30", 0, 0);
    ltv_grade *grade = NULL;
    cr_assert_eq(ltv_grader_grade(&grade, "AAAAAAAAAA", 10), LTV_OK);
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, fx_day(AS_OF), 0), LTV_OK);
    int64_t dormant, fresh;
    ltv_grade_figure(grade, LTV_GRADE_FIG_STATE_DORMANT, &dormant);
    ltv_grade_figure(grade, LTV_GRADE_FIG_STATE_NEW, &fresh);
    cr_assert(dormant == 1 && fresh == 1, "1.0: the cancel does not count, the visit does not either");
    /* v2 with the defaults: the cancel churns, the visit keeps "old" active */
    cr_assert_eq(ltv_grade_attach_ledger_v2(grade, ledger, fx_day(AS_OF), 0, NULL), LTV_OK);
    ltv_grade_figure(grade, LTV_GRADE_FIG_STATE_DORMANT, &dormant);
    ltv_grade_figure(grade, LTV_GRADE_FIG_STATE_NEW, &fresh);
    cr_assert(dormant == 1 && fresh == 1);
    ltv_customer_facts f = fx_facts(ledger, "old", AS_OF);
    ltv__rules rules;
    ltv__rules_from_config(&rules, NULL, ledger);
    cr_assert(rules.activity);
    cr_assert_eq(ltv__rule_state(&rules, &f), LTV_STATE_NEW);
    f = fx_facts(ledger, "member", AS_OF);
    cr_assert_eq(ltv__rule_state(&rules, &f), LTV_STATE_DORMANT);
    ltv_grade_free(grade);
    ltv_ledger_free(ledger);
}

/* Seed 004's membership business: a gym. The annual fee is an order; use is a visit. */
static ltv_ledger *gym(void) {
    ltv_ledger *ledger = fx_ledger();
    const int32_t today = fx_day(AS_OF);
    /* core: paid 300 days ago, 130 visits in the last year (≥ 120: the pattern to copy) */
    cr_assert_eq(ltv_ledger_add_order(ledger, "core", 4, today - 300, 60000, 1), LTV_OK);
    for (int v = 0; v < 130; v++)
        cr_assert_eq(ltv_ledger_add_event(ledger, "core", 4, LTV_EVENT_VISIT, today - 2 - v * 2, 0, 0), LTV_OK);
    /* silent: paid 300 days ago, 40 visits (≤ 60), the last 200 days ago */
    cr_assert_eq(ltv_ledger_add_order(ledger, "silent", 6, today - 300, 60000, 1), LTV_OK);
    for (int v = 0; v < 40; v++)
        cr_assert_eq(ltv_ledger_add_event(ledger, "silent", 6, LTV_EVENT_VISIT, today - 200 - v * 2, 0, 0), LTV_OK);
    /* quitter: paid 40 days ago, visited until 10 days ago, cancelled 5 days ago */
    cr_assert_eq(ltv_ledger_add_order(ledger, "quitter", 7, today - 40, 5000, 1), LTV_OK);
    for (int v = 0; v < 10; v++)
        cr_assert_eq(ltv_ledger_add_event(ledger, "quitter", 7, LTV_EVENT_VISIT, today - 10 - v * 3, 0, 0), LTV_OK);
    cr_assert_eq(ltv_ledger_add_event(ledger, "quitter", 7, LTV_EVENT_CANCEL, today - 5, 0, 0), LTV_OK);
    /* stayer: the same order and visits, no cancel */
    cr_assert_eq(ltv_ledger_add_order(ledger, "stayer", 6, today - 40, 5000, 1), LTV_OK);
    for (int v = 0; v < 10; v++)
        cr_assert_eq(ltv_ledger_add_event(ledger, "stayer", 6, LTV_EVENT_VISIT, today - 10 - v * 3, 0, 0), LTV_OK);
    return ledger;
}

static int state_of(const ltv_segmentation *seg, const char *id) {
    ltv_customer_segment s;
    cr_assert_eq(ltv_segmentation_find(seg, id, strlen(id), &s, sizeof s), LTV_OK);
    return s.state;
}

Test(rules, gym_members_by_activity) {
    ltv_ledger *ledger = gym();
    ltv_segmentation *seg = NULL;
    /* the default: the ledger has visits, so visits are activity */
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day(AS_OF)), LTV_OK);
    cr_assert_eq(state_of(seg, "core"), LTV_STATE_NEW);        /* 130 visits: active, not dormant */
    cr_assert_eq(state_of(seg, "silent"), LTV_STATE_DORMANT);  /* last use 200 days ago */
    cr_assert_eq(state_of(seg, "quitter"), LTV_STATE_DORMANT); /* cancelled: churned despite recent visits */
    cr_assert_eq(state_of(seg, "stayer"), LTV_STATE_NEW);
    ltv_ltv_summary sum;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &sum, sizeof sum), LTV_OK);
    cr_assert_eq(sum.churned_customers, 2);
    ltv_segmentation_free(seg);
    /* orders only (the 1.0 rule): the core member would be dormant */
    ltv_segment_config *cfg;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ACTIVITY, LTV_ACTIVITY_ORDERS), LTV_OK);
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day(AS_OF)), LTV_OK);
    cr_assert_eq(state_of(seg, "core"), LTV_STATE_DORMANT);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* Entries of a schedule by step name, for one scenario. */
static int entry_status(const ltv_planner *planner, const ltv_schedule *sched, const char *scenario, const char *step,
                        int *reason) {
    for (size_t i = 0; i < ltv_schedule_count(sched); i++) {
        size_t sc, st;
        int status;
        cr_assert_eq(ltv_schedule_entry(sched, i, &sc, &st, NULL, &status, reason, NULL), LTV_OK);
        const char *sc_name = NULL, *st_name = NULL;
        size_t len;
        cr_assert_eq(ltv_planner_scenario_info(planner, sc, &sc_name, &len, NULL, NULL), LTV_OK);
        cr_assert_eq(ltv_planner_step_text(planner, sc, st, &st_name, &len, NULL, NULL), LTV_OK);
        if (strcmp(sc_name, scenario) == 0 && strcmp(st_name, step) == 0) return status;
    }
    cr_assert_fail("no step %s/%s in the schedule", scenario, step);
    return -1;
}

Test(rules, gym_plans_stop_at_a_cancel_but_reactivation_goes_on) {
    ltv_ledger *ledger = gym();
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_planner_new_default(&planner, LTV_LANG_EN), LTV_OK);
    ltv_schedule *quitter = NULL, *stayer = NULL;
    cr_assert_eq(ltv_planner_schedule(&quitter, planner, ledger, NULL, "quitter", 7, fx_day(AS_OF)), LTV_OK, "%s",
                 ltv_last_error());
    cr_assert_eq(ltv_planner_schedule(&stayer, planner, ledger, NULL, "stayer", 6, fx_day(AS_OF)), LTV_OK);
    int reason;
    /* win-back (day 75 of the purchase 40 days ago) is still ahead for the stayer ... */
    cr_assert_eq(entry_status(planner, stayer, "default-90-days", "win-back", &reason), LTV_ENTRY_PLANNED);
    /* ... and ended by the cancel for the quitter */
    cr_assert_eq(entry_status(planner, quitter, "default-90-days", "win-back", &reason), LTV_ENTRY_STOPPED);
    cr_assert_eq(reason, LTV_STOP_CANCEL);
    /* steps before the cancel took place as planned */
    cr_assert_eq(entry_status(planner, quitter, "default-90-days", "thank-you", &reason), LTV_ENTRY_PASSED);
    /* reactivation asks for churned members: it starts the day after the cancel */
    int32_t anchor;
    size_t react;
    cr_assert_eq(ltv_planner_find_scenario(planner, "reactivation", 12, &react), LTV_OK);
    cr_assert_eq(ltv_schedule_anchor(quitter, react, &anchor), LTV_OK);
    cr_assert_eq(anchor, fx_day(AS_OF) - 4);
    cr_assert_eq(entry_status(planner, quitter, "reactivation", "reactivation-letter", &reason), LTV_ENTRY_PASSED);
    cr_assert_eq(entry_status(planner, quitter, "reactivation", "reactivation-sample", &reason), LTV_ENTRY_PLANNED);
    ltv_schedule_free(quitter);
    ltv_schedule_free(stayer);
    ltv_planner_free(planner);
    ltv_ledger_free(ledger);
}
