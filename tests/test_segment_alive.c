/* Predictions in the segmentation: P(alive) and CLV columns, the P(alive) lifecycle rule and
 * the falling flag (ltv_segment_config_set_model). Hand-computed P(alive) from the BG/NBD
 * closed form at given parameters, the 1.0 behaviour when the rule cannot bite, thread
 * counts, and CDNOW: the customers the rule makes dormant are those whose P(alive), computed
 * directly by the predict module, is below the threshold. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

#define CDNOW LTV_TEST_DATA_DIR "/cdnow_orders.csv"

/* BG/NBD r = 1, alpha = 10, a = 1, b = 3 in days; as of 2026-02-11 (T = 40 days):
 *   a: orders on days 0, 10, 20 -> x = 2, t_x = 20: 1 / (1 + 1/4 (50/30)^3) = 0.463519
 *   b: orders on days 0, 38     -> x = 1, t_x = 38: 1 / (1 + 1/3 (50/48)^2) = 0.734382
 *   c: one order on day 5       -> x = 0: 1 (BG/NBD: no repeat, no chance to drop out)
 *   d: orders on days 0, 1, 2   -> x = 2, t_x = 2:  1 / (1 + 1/4 (50/12)^3) = 0.052399
 * Ten days earlier (calibration end day 30): a 0.627907, b x = 0 -> 1, c 1, d 0.097473. */
static ltv_ledger *four_customers(void) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-01", 1000, 1);
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-11", 2000, 1);
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-21", 3000, 1);
    fx_add(ledger, "b", LTV_EVENT_ORDER, "2026-01-01", 1000, 1);
    fx_add(ledger, "b", LTV_EVENT_ORDER, "2026-02-08", 1000, 1);
    fx_add(ledger, "c", LTV_EVENT_ORDER, "2026-01-06", 1000, 1);
    fx_add(ledger, "d", LTV_EVENT_ORDER, "2026-01-01", 1000, 1);
    fx_add(ledger, "d", LTV_EVENT_ORDER, "2026-01-02", 1000, 1);
    fx_add(ledger, "d", LTV_EVENT_ORDER, "2026-01-03", 1000, 1);
    fx_add(ledger, "e", LTV_EVENT_ORDER, "2026-03-01", 1000, 1); /* after the as-of day */
    return ledger;
}

static ltv_predict_fit *model(int which, const double *params, size_t count) {
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_fit_from_params(&fit, which, params, count), LTV_OK, "%s", ltv_last_error());
    return fit;
}

static ltv_predict_fit *bgnbd_days(void) { return model(LTV_MODEL_BGNBD, (const double[]){1, 10, 1, 3}, 4); }

static ltv_segmentation *run(const ltv_ledger *ledger, const ltv_segment_config *cfg, const char *as_of) {
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day(as_of)), LTV_OK, "%s", ltv_last_error());
    return seg;
}

static ltv_customer_segment customer(const ltv_segmentation *seg, const char *id) {
    ltv_customer_segment s;
    cr_assert_eq(ltv_segmentation_find(seg, id, strlen(id), &s, sizeof s), LTV_OK, "%s", ltv_last_error());
    return s;
}

static uint64_t state_count(const ltv_segmentation *seg, int state) {
    ltv_group_stats g;
    cr_assert_eq(ltv_segmentation_state_stats(seg, state, &g, sizeof g), LTV_OK);
    return g.customers;
}

static ltv_segment_config *config(int rule, int64_t threshold_permille) {
    ltv_segment_config *cfg = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_RULE, rule), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, threshold_permille), LTV_OK);
    return cfg;
}

Test(segment_alive, p_alive_by_hand_and_the_rule_either) {
    ltv_ledger *ledger = four_customers();
    ltv_predict_fit *fit = bgnbd_days();
    ltv_segment_config *cfg = config(LTV_ALIVE_EITHER, 500);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK, "%s", ltv_last_error());
    ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
    const double expected[4] = {0.463519313304721, 0.7343816404589885, 1.0, 0.05239856874279822};
    const char *ids[4] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++)
        cr_assert_float_eq(customer(seg, ids[i]).p_alive, expected[i], 1e-12, "%s", ids[i]);
    cr_assert_eq(customer(seg, "e").p_alive, 0.0); /* no order before the as-of day */
    cr_assert_eq(customer(seg, "e").state, LTV_STATE_NONE);
    /* below 0.5: a and d are dormant although their last orders are 21 and 39 days old */
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "b").state, LTV_STATE_REPEAT);
    cr_assert_eq(customer(seg, "c").state, LTV_STATE_NEW);
    cr_assert_eq(customer(seg, "d").state, LTV_STATE_DORMANT);
    /* counts, group stats and the LTV analysis agree with the states */
    cr_assert_eq(state_count(seg, LTV_STATE_DORMANT), 2);
    cr_assert_eq(state_count(seg, LTV_STATE_REPEAT), 1);
    cr_assert_eq(state_count(seg, LTV_STATE_NEW), 1);
    ltv_group_stats g;
    cr_assert_eq(ltv_segmentation_state_stats(seg, LTV_STATE_DORMANT, &g, sizeof g), LTV_OK);
    cr_assert_eq(g.revenue, 6000 + 3000);
    ltv_ltv_summary s;
    cr_assert_eq(ltv_segmentation_ltv_summary(seg, &s, sizeof s), LTV_OK);
    cr_assert_eq(s.churned_customers, 2);
    cr_assert_eq(s.continuing_customers, 2);
    /* the column is the per-customer value, in ledger order */
    const void *data;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE, &data, &n), LTV_OK);
    cr_assert_eq(n, 5);
    cr_assert_float_eq(((const double *)data)[fx_index(ledger, "d")], expected[3], 1e-12);
    ltv_segmentation_free(seg);

    /* a threshold just above a's P(alive) and just below it */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, 463), LTV_OK);
    seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_REPEAT);
    cr_assert_eq(state_count(seg, LTV_STATE_DORMANT), 1);
    ltv_segmentation_free(seg);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, 464), LTV_OK);
    seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_DORMANT);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}

Test(segment_alive, replace_and_both) {
    ltv_ledger *ledger = four_customers();
    ltv_predict_fit *fit = bgnbd_days();
    /* days rule at 30: c (36 days) and d (39 days) are dormant by days */
    const struct {
        int rule;
        int8_t a, c, d;
    } cases[] = {
        {LTV_ALIVE_OFF, LTV_STATE_REPEAT, LTV_STATE_DORMANT, LTV_STATE_DORMANT},
        {LTV_ALIVE_EITHER, LTV_STATE_DORMANT, LTV_STATE_DORMANT, LTV_STATE_DORMANT},
        {LTV_ALIVE_BOTH, LTV_STATE_REPEAT, LTV_STATE_NEW, LTV_STATE_DORMANT},
        {LTV_ALIVE_REPLACE, LTV_STATE_DORMANT, LTV_STATE_NEW, LTV_STATE_DORMANT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ltv_segment_config *cfg = config(cases[i].rule, 500);
        cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_DORMANT_DAYS, 30), LTV_OK);
        cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
        ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
        cr_assert_eq(customer(seg, "a").state, cases[i].a, "rule %d", cases[i].rule);
        cr_assert_eq(customer(seg, "b").state, LTV_STATE_REPEAT, "rule %d", cases[i].rule);
        cr_assert_eq(customer(seg, "c").state, cases[i].c, "rule %d", cases[i].rule);
        cr_assert_eq(customer(seg, "d").state, cases[i].d, "rule %d", cases[i].rule);
        ltv_segmentation_free(seg);
        ltv_segment_config_free(cfg);
    }
    /* a cancel makes a member dormant under every rule, whatever P(alive) says */
    fx_add(ledger, "b", LTV_EVENT_CANCEL, "2026-02-09", 0, 0);
    ltv_segment_config *cfg = config(LTV_ALIVE_REPLACE, 0);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(customer(seg, "b").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_REPEAT); /* threshold 0: P(alive) never below it */
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}

Test(segment_alive, falling_and_clv) {
    ltv_ledger *ledger = four_customers();
    ltv_predict_fit *fit = bgnbd_days();
    ltv_predict_fit *spend = model(LTV_MODEL_GAMMA_GAMMA, (const double[]){6, 4, 15}, 3);
    ltv_segment_config *cfg = config(LTV_ALIVE_OFF, 500);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 10), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, spend, LTV_UNIT_DAY, NULL), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
    /* P(alive) ten days before: a 0.627907 -> 0.463519 (a drop of 0.164 > 0.1, no order since
     * day 20): falling; b ordered on day 38, within the ten days: not falling although its
     * P(alive) went from 1 to 0.73; c stays at 1; d 0.097 -> 0.052: a drop of 0.045 */
    cr_assert_float_eq(customer(seg, "a").p_alive_before, 0.627906976744186, 1e-12);
    cr_assert_float_eq(customer(seg, "b").p_alive_before, 1.0, 1e-12);
    cr_assert_float_eq(customer(seg, "d").p_alive_before, 0.09747292418772562, 1e-12);
    cr_assert(customer(seg, "a").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_not(customer(seg, "b").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_not(customer(seg, "c").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_not(customer(seg, "d").flags & LTV_FLAG_ALIVE_FALLING);
    /* the rule is off: states are the 1.0 states */
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_REPEAT);
    /* CLV: expected spend (Gamma-Gamma: 6 (15 + 2 * 2500) / (6 * 2 + 4 - 1) = 2006) times the
     * expected orders in 364 days, from the predict module's own functions */
    double orders, per_order;
    cr_assert_eq(ltv_predict_expected(fit, 2, 20, 40, 364, &orders), LTV_OK);
    cr_assert_eq(ltv_predict_spend(spend, 2, 2500, &per_order), LTV_OK);
    cr_assert_float_eq(per_order, 2006.0, 1e-9);
    cr_assert_float_eq(customer(seg, "a").predicted_clv, orders * per_order, 1e-6 * orders * per_order);
    ltv_segmentation_free(seg);
    /* with no drop required, d falls too */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DROP_PERMILLE, 0), LTV_OK);
    seg = run(ledger, cfg, "2026-02-11");
    cr_assert(customer(seg, "d").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_not(customer(seg, "c").flags & LTV_FLAG_ALIVE_FALLING);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(spend);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}

Test(segment_alive, refusals) {
    ltv_ledger *ledger = four_customers();
    ltv_predict_fit *fit = bgnbd_days();
    ltv_predict_fit *spend = model(LTV_MODEL_GAMMA_GAMMA, (const double[]){6, 4, 15}, 3);
    ltv_segment_config *cfg = config(LTV_ALIVE_EITHER, 500);
    ltv_segmentation *seg = NULL;
    /* a rule without a model is refused, not ignored */
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2026-02-11")), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "LTV_SEG_ALIVE_RULE needs a purchase model"), "%s", ltv_last_error());
    cr_assert_null(seg);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_RULE, LTV_ALIVE_OFF), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 7), LTV_OK);
    cr_assert_eq(ltv_segment_run(&seg, ledger, cfg, fx_day("2026-02-11")), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "LTV_SEG_FALLING_DAYS"), "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 0), LTV_OK);
    /* the wrong kinds of model, an unknown unit */
    cr_assert_eq(ltv_segment_config_set_model(cfg, spend, NULL, LTV_UNIT_DAY, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, fit, LTV_UNIT_DAY, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, 3, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_model(NULL, fit, NULL, LTV_UNIT_DAY, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_RULE, 4), LTV_ERANGE);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, 1001), LTV_ERANGE);
    /* without a model, the prediction columns are not there */
    seg = run(ledger, cfg, "2026-02-11");
    const void *data;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE, &data, &n), LTV_ESTATE);
    cr_assert_eq(ltv_segmentation_copy_column(seg, LTV_COLUMN_PREDICTED_CLV, NULL, 0, &n), LTV_ESTATE);
    cr_assert_eq(customer(seg, "a").p_alive, 0.0);
    ltv_segmentation_free(seg);
    /* with a model but no comparison, the earlier P(alive) is not there */
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
    seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE, &data, &n), LTV_OK);
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE_BEFORE, &data, &n), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "LTV_SEG_FALLING_DAYS"), "%s", ltv_last_error());
    ltv_segmentation_free(seg);
    /* a customer table has no orders to predict from */
    ltv_customer_table *table = NULL;
    cr_assert_eq(ltv_customer_table_new(&table), LTV_OK);
    cr_assert_eq(ltv_customer_table_add(table, "x", 1, 2, fx_day("2026-02-01"), -1, 5000), LTV_OK,
                 "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_run_customers(&seg, table, cfg, fx_day("2026-02-11")), LTV_ESTATE);
    cr_assert_null(seg);
    /* detached: the table runs again */
    cr_assert_eq(ltv_segment_config_set_model(cfg, NULL, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
    cr_assert_eq(ltv_segment_run_customers(&seg, table, cfg, fx_day("2026-02-11")), LTV_OK, "%s", ltv_last_error());
    ltv_segmentation_free(seg);
    ltv_customer_table_free(table);
    /* nobody ordered before the as-of day: every P(alive) is 0, no failure */
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
    seg = run(ledger, cfg, "2025-12-01");
    cr_assert_eq(customer(seg, "a").p_alive, 0.0);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(spend);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}

/* P(alive) given per customer (from another tool) instead of a model: the same rule, columns
 * and flag; checked when a run uses it. */
Test(segment_alive, given_p_alive) {
    ltv_ledger *ledger = four_customers();
    const size_t n = 5;
    /* ledger order a, b, c, d, e: the hand-computed BG/NBD values, e (no order yet) anything */
    double p[5] = {0.463519313304721, 0.7343816404589885, 1.0, 0.05239856874279822, 0.9};
    const double before[5] = {0.627906976744186, 1.0, 1.0, 0.09747292418772562, 0.0};
    const double clv[5] = {100, 200, 300, 400, 0};
    ltv_segment_config *cfg = config(LTV_ALIVE_EITHER, 500);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 10), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, before, clv, n), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "d").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "b").state, LTV_STATE_REPEAT);
    cr_assert_eq(customer(seg, "e").state, LTV_STATE_NONE);
    cr_assert(customer(seg, "a").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_not(customer(seg, "d").flags & LTV_FLAG_ALIVE_FALLING);
    cr_assert_eq(customer(seg, "c").predicted_clv, 300.0);
    cr_assert_eq(customer(seg, "e").p_alive, 0.9); /* kept as given */
    cr_assert_eq(state_count(seg, LTV_STATE_DORMANT), 2);
    ltv_segmentation_free(seg);
    /* checked at the run: length, range, the earlier values for the comparison */
    ltv_segmentation *none = NULL;
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, before, clv, 4), LTV_OK);
    cr_assert_eq(ltv_segment_run(&none, ledger, cfg, fx_day("2026-02-11")), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "given for 4 customers, the run has 5"), "%s", ltv_last_error());
    p[3] = 1.5;
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, before, clv, n), LTV_OK);
    cr_assert_eq(ltv_segment_run(&none, ledger, cfg, fx_day("2026-02-11")), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "P(alive) of customer 3 is 1.5"), "%s", ltv_last_error());
    p[3] = NAN;
    cr_assert_eq(ltv_segment_run(&none, ledger, cfg, fx_day("2026-02-11")), LTV_ERANGE);
    p[3] = 0.05239856874279822;
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, NULL, NULL, n), LTV_OK);
    cr_assert_eq(ltv_segment_run(&none, ledger, cfg, fx_day("2026-02-11")), LTV_ESTATE);
    cr_assert_null(none);
    /* a customer table with P(alive) from elsewhere */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 0), LTV_OK);
    ltv_customer_table *table = NULL;
    cr_assert_eq(ltv_customer_table_new(&table), LTV_OK);
    cr_assert_eq(ltv_customer_table_add(table, "x", 1, 3, fx_day("2026-02-01"), -1, 5000), LTV_OK);
    cr_assert_eq(ltv_customer_table_add(table, "y", 1, 3, fx_day("2026-02-01"), -1, 5000), LTV_OK);
    const double table_p[2] = {0.2, 0.8};
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, table_p, NULL, NULL, 2), LTV_OK);
    cr_assert_eq(ltv_segment_run_customers(&seg, table, cfg, fx_day("2026-02-11")), LTV_OK, "%s", ltv_last_error());
    ltv_customer_segment x, y;
    cr_assert_eq(ltv_segmentation_customer(seg, 0, &x, sizeof x), LTV_OK);
    cr_assert_eq(ltv_segmentation_customer(seg, 1, &y, sizeof y), LTV_OK);
    cr_assert_eq(x.state, LTV_STATE_DORMANT);
    cr_assert_eq(y.state, LTV_STATE_REPEAT);
    ltv_segmentation_free(seg);
    ltv_customer_table_free(table);
    /* shards do not cover given P(alive) either (a summary could not check it is the same) */
    ltv_segment_summary *summary = NULL;
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, NULL, NULL, n), LTV_OK);
    cr_assert_eq(ltv_segment_summary_new(&summary, ledger, cfg, fx_day("2026-02-11")), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "given P(alive)"), "%s", ltv_last_error());
    cr_assert_null(summary);
    /* a model replaces given values, and given values a model */
    ltv_predict_fit *fit = bgnbd_days();
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_DAY, NULL), LTV_OK);
    seg = run(ledger, cfg, "2026-02-11");
    cr_assert_float_eq(customer(seg, "e").p_alive, 0.0, 1e-15);
    ltv_segmentation_free(seg);
    ltv_predict_fit_free(fit);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(ledger);
}

/* Writes `text` to a fresh temporary file; the caller unlinks `path`. */
static void write_temp(char *path, const char *text) {
    strcpy(path, "/tmp/ltv_p_alive_XXXXXX");
    const int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    const size_t len = strlen(text);
    cr_assert_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
}

/* Loads `text` as a P(alive) file for the ledger; returns the status and
 * leaves the message in `message` (the temporary path replaced by "F"). */
static int load_p_alive(const ltv_ledger *ledger, const char *text, double *p, double *before, char *message) {
    char path[64];
    write_temp(path, text);
    const int status = ltv_segment_p_alive_load_csv(ledger, path, p, before, (size_t)ltv_ledger_customer_count(ledger));
    const char *error = ltv_last_error(), *at = strstr(error, path);
    snprintf(message, 300, "%s", status == LTV_OK ? "" : at ? at + strlen(path) : error);
    unlink(path);
    return status;
}

Test(segment_alive, p_alive_from_a_csv_file) {
    ltv_ledger *ledger = four_customers();
    fx_add(ledger, "v", LTV_EVENT_VISIT, "2026-01-05", 0, 0); /* no order: may be left out */
    double p[6], before[6];
    char message[300];
    /* columns in any order, others ignored, quotes, a byte order mark, CRLF, a blank line,
     * numbers as pandas writes them; the values land at the ledger's indexes a b c d e v */
    const char *file = "\xEF\xBB\xBF" "frequency,p_alive_before,\"customer_id\",p_alive\r\n"
                       "2,0.627906976744186,a,0.463519313304721\r\n"
                       "1,1,b,0.7343816404589885\r\n"
                       "\r\n"
                       "0,1.0,c,1\r\n"
                       "2,9.747292418772562e-02,\"d\",5.239856874279822E-2\r\n"
                       "0,0,e,0.9\r\n";
    char path[64];
    write_temp(path, file);
    cr_assert_eq(ltv_segment_p_alive_load_csv(ledger, path, p, before, 6), LTV_OK, "%s", ltv_last_error());
    const double want[6] = {0.463519313304721, 0.7343816404589885, 1.0, 0.05239856874279822, 0.9, 0.0};
    const double want_before[6] = {0.627906976744186, 1.0, 1.0, 0.09747292418772562, 0.0, 0.0};
    for (int i = 0; i < 6; i++) {
        cr_assert_eq(p[i], want[i], "p_alive %d: %.17g", i, p[i]); /* exact: strtod in the C locale */
        cr_assert_eq(before[i], want_before[i], "p_alive_before %d", i);
    }
    /* the same segmentation as the arrays given directly (given_p_alive above) */
    ltv_segment_config *cfg = config(LTV_ALIVE_EITHER, 500);
    cr_assert_eq(ltv_segment_config_set_p_alive(cfg, p, NULL, NULL, 6), LTV_OK);
    ltv_segmentation *seg = run(ledger, cfg, "2026-02-11");
    cr_assert_eq(customer(seg, "a").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "d").state, LTV_STATE_DORMANT);
    cr_assert_eq(customer(seg, "b").state, LTV_STATE_REPEAT);
    ltv_segmentation_free(seg);
    ltv_segment_config_free(cfg);
    /* "-0" is read as 0, not a negative zero */
    cr_assert_eq(load_p_alive(ledger, "customer_id,p_alive\na,-0\nb,1\nc,1\nd,1\ne,1\n", p, NULL, message), LTV_OK, "%s", message);
    cr_assert(p[0] == 0.0 && !signbit(p[0]));
    /* without p_alive_before wanted, the column is not needed */
    cr_assert_eq(ltv_segment_p_alive_load_csv(ledger, path, p, NULL, 6), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_segment_p_alive_load_csv(ledger, path, p, NULL, 5), LTV_ERANGE);
    cr_assert_eq(ltv_segment_p_alive_load_csv(ledger, NULL, p, NULL, 6), LTV_EINVAL);
    unlink(path);
    ltv_ledger_free(ledger);

    /* refusals, each naming the line and the column */
    ledger = four_customers();
    static const struct {
        const char *text;
        int status;
        const char *message;
    } bad[] = {
        {"customer_id,p_alive\na,0.5\nb,0.5\nc,0.5\nd,0.5\nx,0.5\ne,0.5\n", LTV_EVALIDATION,
         ": line 6, column 1: customer 'x' is not in the ledger"},
        {"customer_id,p_alive\na,0.5\nb,0.5\na,0.4\n", LTV_EVALIDATION, ": line 4, column 1: customer 'a' appears a second time"},
        {"p_alive,customer_id\n0.5,a\n1.2,b\n", LTV_ERANGE, ": line 3, column 1: p_alive 1.2 is outside 0..1"},
        {"customer_id,p_alive\na,-0\nb,nan\n", LTV_EPARSE, ": line 3, column 2: p_alive 'nan' is not a number"},
        {"customer_id,p_alive\na,0x1p-3\n", LTV_EPARSE, ": line 2, column 2: p_alive '0x1p-3' is not a number"},
        {"customer_id,p_alive\na,0,5\n", LTV_EPARSE, ": line 2: 3 fields, the header has 2"},
        {"customer_id,p_alive\na,\n", LTV_EPARSE, ": line 2, column 2: p_alive '' is not a number"},
        {"customer_id,probability\na,0.5\n", LTV_EPARSE, ": line 1: the header has no column p_alive (it needs customer_id and p_alive)"},
        {"customer_id,p_alive,p_alive\n", LTV_EPARSE, ": line 1, column 3: the header names column p_alive twice"},
        {"customer_id,p_alive\na,\"0.5\n", LTV_EPARSE, ": line 2, column 2: the quoted field is not closed"},
        {"", LTV_EPARSE, ": the file is empty: it needs a header line customer_id,p_alive"},
        {"customer_id,p_alive\na,0.5\nc,1\n", LTV_EVALIDATION, ": 3 customers with orders have no P(alive), the first 'b'"},
        {"customer_id,p_alive\na,0.5\nb,0.5\nc,0.5\nd,0.5\n", LTV_EVALIDATION,
         ": 1 customer with orders has no P(alive), the first 'e'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(load_p_alive(ledger, bad[i].text, p, NULL, message), bad[i].status, "case %zu: %s", i, message);
        cr_assert_str_eq(message, bad[i].message, "case %zu", i);
    }
    cr_assert_eq(load_p_alive(ledger, "customer_id,p_alive\na,0.5\n", p, before, message), LTV_EPARSE);
    cr_assert_not_null(strstr(message, "no column p_alive_before"), "%s", message);
    cr_assert_eq(ltv_segment_p_alive_load_csv(ledger, "/nonexistent/p.csv", p, NULL, 5), LTV_EIO);
    ltv_ledger_free(ledger);
}

/* Everything a 1.0 caller can see of a segmentation. */
static void assert_same_segmentation(const ltv_segmentation *x, const ltv_segmentation *y) {
    cr_assert_eq(ltv_segmentation_customer_count(x), ltv_segmentation_customer_count(y));
    for (int column = LTV_COLUMN_STATE; column <= LTV_COLUMN_SEGMENT; column++) {
        const void *a, *b;
        size_t n, m, width = column <= LTV_COLUMN_FLAGS || column == LTV_COLUMN_SEGMENT ? 1
                             : column <= LTV_COLUMN_ORDERS                            ? 4
                                                                                       : 8;
        cr_assert_eq(ltv_segmentation_column(x, column, &a, &n), LTV_OK);
        cr_assert_eq(ltv_segmentation_column(y, column, &b, &m), LTV_OK);
        cr_assert_eq(memcmp(a, b, n * width), 0, "column %d", column);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats gx, gy;
        ltv_segmentation_state_stats(x, s, &gx, sizeof gx);
        ltv_segmentation_state_stats(y, s, &gy, sizeof gy);
        cr_assert_eq(memcmp(&gx, &gy, sizeof gx), 0, "state %d", s);
    }
    ltv_ltv_summary sx, sy;
    ltv_segmentation_ltv_summary(x, &sx, sizeof sx);
    ltv_segmentation_ltv_summary(y, &sy, sizeof sy);
    cr_assert_eq(memcmp(&sx, &sy, sizeof sx), 0);
}

Test(segment_alive, threshold_zero_is_the_1_0_segmentation_and_threads_agree) {
    ltv_ledger *ledger = fx_ledger();
    fx_log log = fx_log_generate(60000, 8000, 12);
    fx_log_add(ledger, &log, 0, log.rows);
    fx_log_free(&log);
    const int32_t as_of = fx_day("2026-06-01");
    /* CDNOW's published BG/NBD parameters in weeks: the generated log does not identify a fit */
    ltv_predict_fit *fit = model(LTV_MODEL_BGNBD, (const double[]){0.243, 4.414, 0.793, 2.426}, 4);
    ltv_segmentation *plain = NULL, *zero = NULL;
    cr_assert_eq(ltv_segment_run(&plain, ledger, NULL, as_of), LTV_OK);
    ltv_segment_config *cfg = config(LTV_ALIVE_EITHER, 0);
    cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_WEEK, NULL), LTV_OK);
    cr_assert_eq(ltv_segment_run(&zero, ledger, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    assert_same_segmentation(plain, zero);
    /* a threshold that bites, on one thread and on three */
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_ALIVE_THRESHOLD_PERMILLE, 400), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, 30), LTV_OK);
    const int threads = ltv_get_threads();
    ltv_segmentation *one = NULL, *three = NULL;
    cr_assert_eq(ltv_set_threads(1), LTV_OK);
    cr_assert_eq(ltv_segment_run(&one, ledger, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_set_threads(3), LTV_OK);
    cr_assert_eq(ltv_segment_run(&three, ledger, cfg, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    assert_same_segmentation(one, three);
    for (int column = LTV_COLUMN_P_ALIVE; column <= LTV_COLUMN_P_ALIVE_BEFORE; column++) {
        const void *a, *b;
        size_t n, m;
        cr_assert_eq(ltv_segmentation_column(one, column, &a, &n), LTV_OK);
        cr_assert_eq(ltv_segmentation_column(three, column, &b, &m), LTV_OK);
        cr_assert_eq(memcmp(a, b, n * sizeof(double)), 0, "column %d", column);
    }
    /* and it did bite: more dormant customers than by days alone */
    cr_assert_gt(state_count(one, LTV_STATE_DORMANT), state_count(plain, LTV_STATE_DORMANT));
    ltv_segmentation_free(one);
    ltv_segmentation_free(three);
    ltv_segmentation_free(zero);
    ltv_segmentation_free(plain);
    ltv_segment_config_free(cfg);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}

/* CDNOW (weeks, calibration to 1997-09-30, so as of 1997-10-01): under LTV_ALIVE_REPLACE the
 * dormant customers are exactly those whose P(alive), from the predict module's own
 * per-customer function on their (x, t_x, T), is below the threshold. */
Test(segment_alive, cdnow_counts_below_threshold) {
    ltv_ledger *ledger = fx_ledger();
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv(ledger, CDNOW, NULL, &report), LTV_OK, "%s", ltv_last_error());
    ltv_load_report_free(report);
    const int32_t as_of = fx_day("1997-10-01");
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, as_of - 1, LTV_NO_DAY), LTV_OK);
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_fit_new(&fit, data, LTV_MODEL_BGNBD), LTV_OK, "%s", ltv_last_error());
    ltv_prediction *pred = NULL;
    cr_assert_eq(ltv_predict_run(&pred, fit, NULL, data, NULL), LTV_OK);
    const void *cols[4];
    size_t n;
    const int wanted[4] = {LTV_PRED_IN_CALIBRATION, LTV_PRED_X, LTV_PRED_T_X, LTV_PRED_T};
    for (int k = 0; k < 4; k++) cr_assert_eq(ltv_prediction_column(pred, wanted[k], &cols[k], &n), LTV_OK);
    const uint8_t *in = cols[0];
    const double *x = cols[1], *tx = cols[2], *T = cols[3];
    const int64_t thresholds[3] = {100, 300, 700};
    for (int k = 0; k < 3; k++) {
        uint64_t below = 0, customers = 0;
        for (size_t i = 0; i < n; i++) {
            if (!in[i]) continue;
            double p;
            cr_assert_eq(ltv_predict_p_alive(fit, x[i], tx[i], T[i], &p), LTV_OK);
            customers++;
            below += p < (double)thresholds[k] / 1000.0;
        }
        cr_assert_eq(customers, 2357);
        ltv_segment_config *cfg = config(LTV_ALIVE_REPLACE, thresholds[k]);
        cr_assert_eq(ltv_segment_config_set_model(cfg, fit, NULL, LTV_UNIT_WEEK, NULL), LTV_OK);
        ltv_segmentation *seg = run(ledger, cfg, "1997-10-01");
        cr_assert_eq(state_count(seg, LTV_STATE_DORMANT), below, "threshold %lld‰", (long long)thresholds[k]);
        cr_assert_gt(below, 0);
        cr_assert_lt(below, customers);
        ltv_segmentation_free(seg);
        ltv_segment_config_free(cfg);
    }
    ltv_prediction_free(pred);
    ltv_predict_fit_free(fit);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

/* The planner's alive_falling condition (ltv_planner_set_model): a step that fires today for a
 * (falling: P(alive) 0.628 -> 0.464 over ten days, no order since day 20) and a step that would
 * fire today for d, whose P(alive) fell only by 0.045. */
static const char falling_plan[] = "ltvcrm-plan 1\n"
                                   "setting falling_days=10\n"
                                   "channel email\n"
                                   "scenario watch trigger=purchase\n"
                                   "step for-a day=21 channel=email stage=retention action=repurchase offer=content\n"
                                   "  alive_falling=yes\n"
                                   "step for-d day=39 channel=email stage=retention action=repurchase offer=content\n"
                                   "  alive_falling=yes\n";

static size_t due_for(const ltv_plan_run *run, const ltv_ledger *ledger, const char *id) {
    size_t count = 0;
    for (uint64_t i = 0; i < ltv_plan_run_due_count(run); i++) {
        uint64_t customer;
        cr_assert_eq(ltv_plan_run_due(run, i, &customer, NULL, NULL, NULL), LTV_OK);
        count += customer == fx_index(ledger, id);
    }
    return count;
}

Test(segment_alive, planner_targets_falling_customers) {
    ltv_ledger *ledger = four_customers();
    ltv_predict_fit *fit = bgnbd_days();
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_planner_from_text(&planner, falling_plan, strlen(falling_plan)), LTV_OK, "%s", ltv_last_error());
    int64_t v;
    cr_assert_eq(ltv_planner_get_i64(planner, LTV_PLAN_FALLING_DAYS, &v), LTV_OK);
    cr_assert_eq(v, 10);
    cr_assert_eq(ltv_planner_step_get_i64(planner, 0, 0, LTV_STEP_ALIVE_FALLING, &v), LTV_OK);
    cr_assert_eq(v, 1);
    ltv_plan_run *run = NULL;
    const int32_t as_of = fx_day("2026-02-11");
    /* the condition needs a model: refused, not ignored */
    cr_assert_eq(ltv_planner_run(&run, planner, ledger, NULL, as_of), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "alive_falling=yes"), "%s", ltv_last_error());
    cr_assert_eq(ltv_planner_set_model(planner, fit, LTV_UNIT_DAY), LTV_OK);
    cr_assert_eq(ltv_planner_run(&run, planner, ledger, NULL, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_plan_run_due_count(run), 1);
    cr_assert_eq(due_for(run, ledger, "a"), 1);
    ltv_plan_run_free(run);
    /* the schedule says why d's step is skipped */
    ltv_schedule *sched = NULL;
    cr_assert_eq(ltv_planner_schedule(&sched, planner, ledger, NULL, "d", 1, as_of), LTV_OK, "%s", ltv_last_error());
    bool skipped = false;
    for (size_t i = 0; i < ltv_schedule_count(sched); i++) {
        size_t scenario, step;
        int32_t day;
        int status, reason;
        cr_assert_eq(ltv_schedule_entry(sched, i, &scenario, &step, &day, &status, &reason, NULL), LTV_OK);
        if (step == 1) skipped = status == LTV_ENTRY_SKIPPED && reason == LTV_STEP_ALIVE_FALLING;
    }
    cr_assert(skipped);
    ltv_schedule_free(sched);
    /* with no drop required d is falling too */
    cr_assert_eq(ltv_planner_set_i64(planner, LTV_PLAN_FALLING_DROP_PERMILLE, 0), LTV_OK);
    cr_assert_eq(ltv_planner_run(&run, planner, ledger, NULL, as_of), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_plan_run_due_count(run), 2);
    cr_assert_eq(due_for(run, ledger, "d"), 1);
    ltv_plan_run_free(run);
    /* the text keeps the condition and the settings */
    char *text = NULL;
    cr_assert_eq(ltv_planner_to_text(planner, &text, NULL), LTV_OK);
    cr_assert_not_null(strstr(text, " alive_falling=yes"), "%s", text);
    cr_assert_not_null(strstr(text, "falling_days=10"), "%s", text);
    cr_assert_not_null(strstr(text, "falling_drop_permille=0"), "%s", text);
    ltv_free(text);
    cr_assert_eq(ltv_planner_set_model(planner, NULL, 9), LTV_EINVAL);
    ltv_predict_fit *spend = model(LTV_MODEL_GAMMA_GAMMA, (const double[]){6, 4, 15}, 3);
    cr_assert_eq(ltv_planner_set_model(planner, spend, LTV_UNIT_DAY), LTV_EINVAL);
    ltv_predict_fit_free(spend);
    ltv_planner_free(planner);
    ltv_predict_fit_free(fit);
    ltv_ledger_free(ledger);
}
