/* The prediction options of segment and plan (cli_alive_group): a purchase model fitted on the
 * orders before the as-of day and attached to the segmentation settings
 * (ltv_segment_config_set_model), for P(alive) and predicted CLV, the P(alive) lifecycle rule
 * and the falling flag; or, for segment, P(alive) read from another tool's file (--p-alive).
 * Every number comes from the library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

const cli_choice cli_predict_models[] = {{"none", -1, 0},
                                         {"bgnbd", LTV_MODEL_BGNBD, 0},
                                         {"pareto", LTV_MODEL_PARETO_NBD, 0},
                                         {"mbgnbd", LTV_MODEL_MBGNBD, 0},
                                         {NULL, 0, 0}};

static const cli_choice rules[] = {{"off", LTV_ALIVE_OFF, 0},
                                   {"either", LTV_ALIVE_EITHER, 0},
                                   {"both", LTV_ALIVE_BOTH, 0},
                                   {"replace", LTV_ALIVE_REPLACE, 0},
                                   {NULL, 0, 0}};

static int applied(int status, const char *command) {
    return status == LTV_OK ? CLI_EXIT_OK : cli_usage_error(command, ltv_last_error(), NULL);
}

static int set_rule(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    cli_alive_args *a = target;
    int choice;
    int code = cli_choice_value(opt, typed, value, command, &choice);
    if (code != CLI_EXIT_OK) return code;
    a->rule_given |= choice != LTV_ALIVE_OFF;
    return applied(ltv_segment_config_set_i64(a->cfg, opt->key, choice), command);
}

/* A probability 0..1 in steps of 0.001, into a per-mille setting. */
static int set_probability(void *target, const cli_opt *opt, const char *typed, const char *value,
                           const char *command) {
    (void)typed;
    cli_alive_args *a = target;
    char *end = NULL;
    const double p = strtod(value, &end);
    const double permille = p * 1000.0;
    if (end == value || *end || !(p >= 0.0 && p <= 1.0) || fabs(permille - round(permille)) > 1e-6)
        return cli_usage_error(command, "wants a probability from 0 to 1 in steps of 0.001", value);
    a->rule_given = true;
    a->drop_given |= opt->key == LTV_SEG_FALLING_DROP_PERMILLE;
    return applied(ltv_segment_config_set_i64(a->cfg, opt->key, (int64_t)round(permille)), command);
}

static int set_days(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed;
    cli_alive_args *a = target;
    int64_t days;
    if (!cli_parse_i64(value, &days)) return cli_usage_error(command, "not a number", value);
    a->rule_given |= days != 0;
    a->days_given = true;
    return applied(ltv_segment_config_set_i64(a->cfg, opt->key, days), command);
}

static const cli_opt alive_options[] = {
    {.name = "--predict", .choices = cli_predict_models, .set = cli_set_choice, .field = offsetof(cli_alive_args, model),
     .help = "fit this purchase model and Gamma-Gamma in weeks on the orders before the as-of day and give every "
             "customer P(alive) and a predicted CLV (52 weeks ahead, undiscounted) (docs/predict.md)",
     .def = "none"},
    {.name = "--alive-rule", .choices = rules, .set = set_rule, .key = LTV_SEG_ALIVE_RULE,
     .help = "how P(alive) decides dormancy: off (days only); either: by days or P(alive) below --alive-threshold; "
             "both: by days and below it; replace: below it, days not used (a cancel is dormant in every rule)",
     .def = "off"},
    {.name = "--alive-threshold", .meta = "P", .set = set_probability, .key = LTV_SEG_ALIVE_THRESHOLD_PERMILLE,
     .help = "the P(alive) rule's threshold: dormant when P(alive) is below P (0..1, steps of 0.001)", .def = "0.5"},
    {.name = "--falling-days", .meta = "N", .set = set_days, .key = LTV_SEG_FALLING_DAYS,
     .help = "also compare with P(alive) N days before the as-of day: customers without an order in those N days "
             "whose P(alive) dropped by more than --falling-drop are falling (0: no comparison)",
     .def = "0"},
    {.name = "--falling-drop", .meta = "P", .set = set_probability, .key = LTV_SEG_FALLING_DROP_PERMILLE,
     .help = "the drop of P(alive) that counts as falling (0..1, steps of 0.001)", .def = "0.1"},
};

const cli_group cli_alive_group = {"prediction options", "prediction-options",
                                   "--alive-rule, --alive-threshold, --falling-days and --falling-drop need --predict "
                                   "(segment: or --p-alive).",
                                   alive_options, CLI_GROUP_SIZE(alive_options)};

/* --p-alive FILE: the file's values, in the ledger's order, given to the settings. */
static int attach_file(cli_alive_args *a, const ltv_ledger *ledger, const char *command) {
    if (a->model >= 0) return cli_usage_error(command, "give P(alive) by --predict or by --p-alive, not both", NULL);
    int64_t falling_days = 0;
    ltv_segment_config_get_i64(a->cfg, LTV_SEG_FALLING_DAYS, &falling_days);
    const size_t n = (size_t)ltv_ledger_customer_count(ledger);
    a->given = malloc((n ? n : 1) * sizeof *a->given);
    a->given_before = falling_days > 0 ? malloc((n ? n : 1) * sizeof *a->given_before) : NULL;
    if (!a->given || (falling_days > 0 && !a->given_before)) {
        fprintf(stderr, "ltvcrm %s: out of memory for P(alive) of %zu customers\n", command, n);
        return CLI_EXIT_FAILURE;
    }
    int status = ltv_segment_p_alive_load_csv(ledger, a->p_alive_path, a->given, a->given_before, n);
    if (status == LTV_OK) status = ltv_segment_config_set_p_alive(a->cfg, a->given, a->given_before, NULL, n);
    return status == LTV_OK ? CLI_EXIT_OK : cli_report_failure(a->p_alive_path, status);
}

int cli_alive_attach(cli_alive_args *a, const ltv_ledger *ledger, int32_t as_of, const char *command) {
    if (a->p_alive_path) return attach_file(a, ledger, command);
    if (a->model < 0)
        return a->rule_given ? cli_usage_error(command, "the P(alive) options need --predict MODEL (segment: or --p-alive FILE)",
                                               NULL)
                             : CLI_EXIT_OK;
    ltv_predict_data *data = NULL;
    int status = ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, as_of - 1, LTV_NO_DAY);
    if (status == LTV_OK) status = ltv_predict_fit_new(&a->fit, data, a->model);
    if (status == LTV_OK && ltv_predict_fit_new(&a->spend, data, LTV_MODEL_GAMMA_GAMMA) != LTV_OK) {
        fprintf(stderr, "ltvcrm: no spend model (%s): predicted_clv is 0\n", ltv_last_error());
        a->spend = NULL;
    }
    ltv_predict_fit_info si;
    if (a->spend && ltv_predict_fit_info_get(a->spend, &si, sizeof si) == LTV_OK && si.params[1] <= 1.0) {
        fprintf(stderr, "ltvcrm: gammagamma q = %g <= 1 has no mean spend: predicted_clv is 0\n", si.params[1]);
        ltv_predict_fit_free(a->spend);
        a->spend = NULL;
    }
    ltv_predict_data_free(data); /* the segmentation computes its own from the ledger */
    if (status == LTV_OK) status = ltv_segment_config_set_model(a->cfg, a->fit, a->spend, LTV_UNIT_WEEK, NULL);
    if (status == LTV_OK) return CLI_EXIT_OK;
    return cli_report_failure("predict", status == LTV_ENOTFOUND ? LTV_EVALIDATION : status);
}

void cli_alive_free(cli_alive_args *a) {
    ltv_predict_fit_free(a->fit);
    ltv_predict_fit_free(a->spend);
    a->fit = a->spend = NULL;
    free(a->given);
    free(a->given_before);
    a->given = a->given_before = NULL;
}
