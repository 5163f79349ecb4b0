/* ltvcrm predict: fit a purchase model (and Gamma-Gamma for spend) on a calibration period
 * and print the fit and each customer's P(alive), expected orders, CLV and next order date,
 * or a diagnostic table. */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { DIAG_NONE = -1 };

typedef struct predict_args {
    cli_load_args load; /* first: cli_operand_file */
    int32_t cal_end, holdout_end;
    bool has_cal;
    int model, unit, format, mode, diagnostics;
    double horizon, discount, period; /* < 0: the library's default */
    int64_t bins;
} predict_args;

static int set_day(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    int32_t *day = (int32_t *)((char *)target + opt->field);
    if (ltv_date_parse(value, strlen(value), day) != LTV_OK) return cli_usage_error(command, typed, ltv_last_error());
    if (opt->field == offsetof(predict_args, cal_end)) ((predict_args *)target)->has_cal = true;
    return CLI_EXIT_OK;
}

static int set_number(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    char *end;
    const double v = strtod(value, &end);
    if (end == value || *end || !isfinite(v) || v < 0) return cli_usage_error(command, typed, "wants a number >= 0");
    *(double *)((char *)target + opt->field) = v;
    return CLI_EXIT_OK;
}

static int set_bins(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt;
    int64_t v;
    if (!cli_parse_i64(value, &v) || v < 2 || v > 1000) return cli_usage_error(command, typed, "wants 2..1000");
    ((predict_args *)target)->bins = v;
    return CLI_EXIT_OK;
}

const cli_choice cli_purchase_models[] = {{"bgnbd", LTV_MODEL_BGNBD, 0},
                                    {"pareto", LTV_MODEL_PARETO_NBD, 0},
                                    {"mbgnbd", LTV_MODEL_MBGNBD, 0},
                                    {NULL, 0, 0}};
static const cli_choice units[] = {
    {"day", LTV_UNIT_DAY, 0}, {"week", LTV_UNIT_WEEK, 0}, {"month", LTV_UNIT_MONTH, 0}, {NULL, 0, 0}};
static const cli_choice formats[] = {
    {"table", CLI_FORMAT_TABLE, 0}, {"csv", CLI_FORMAT_CSV, 0}, {"json", CLI_FORMAT_JSON, 0}, {NULL, 0, 0}};
static const cli_choice modes[] = {
    {"discrete", LTV_DISCOUNT_DISCRETE, 0}, {"continuous", LTV_DISCOUNT_CONTINUOUS, 0}, {NULL, 0, 0}};
static const cli_choice diagnostics[] = {
    {"none", DIAG_NONE, 0}, {"bins", LTV_DIAG_FREQUENCY_BINS, 0}, {"tracking", LTV_DIAG_TRACKING, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--calibration-end", .meta = "DATE", .set = set_day, .field = offsetof(predict_args, cal_end),
     .help = "last day of the calibration period (required); the models are fitted on the orders up to it"},
    {.name = "--holdout-end", .meta = "DATE", .set = set_day, .field = offsetof(predict_args, holdout_end),
     .help = "last day of a holdout period after the calibration end: adds each customer's actual and expected "
             "orders in it, and the frequency-bin diagnostic"},
    {.name = "--model", .choices = cli_purchase_models, .set = cli_set_choice, .field = offsetof(predict_args, model),
     .help = "the purchase model (see docs/predict.md)", .def = "bgnbd"},
    {.name = "--unit", .choices = units, .set = cli_set_choice, .field = offsetof(predict_args, unit),
     .help = "time unit of t_x, T, the horizon and the discount (a month is 365.25/12 days)", .def = "week"},
    {.name = "--horizon", .meta = "N", .set = set_number, .field = offsetof(predict_args, horizon),
     .help = "units ahead for expected orders and CLV; 0 with --discount-mode continuous: unbounded (DERT)",
     .def = "52 weeks, 364 days or 12 months"},
    {.name = "--discount", .meta = "RATE", .set = set_number, .field = offsetof(predict_args, discount),
     .help = "discount rate per discount period (discrete) or per unit (continuous)", .def = "0"},
    {.name = "--discount-mode", .choices = modes, .set = cli_set_choice, .field = offsetof(predict_args, mode),
     .help = "discrete: (1 + RATE)^-k per period k, as lifetimes and PyMC-Marketing; continuous: e^(-RATE t), as "
             "BTYD and CLVTools",
     .def = "discrete"},
    {.name = "--discount-period", .meta = "N", .set = set_number, .field = offsetof(predict_args, period),
     .help = "units per discount period (discrete mode)", .def = "30 days, 4.345 weeks or 1 month"},
    {.name = "--diagnostics", .choices = diagnostics, .set = cli_set_choice,
     .field = offsetof(predict_args, diagnostics),
     .help = "instead of customers, print a diagnostic table (csv, or json with --format json): bins = holdout "
             "orders by calibration frequency, actual vs expected (needs --holdout-end); tracking = repeat "
             "orders per unit, actual vs expected, and E[X(t)]",
     .def = "none"},
    {.name = "--bins", .meta = "N", .set = set_bins, .help = "frequency bins of --diagnostics bins", .def = "8"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(predict_args, format),
     .help = "table: the fit and a holdout summary; csv: one row per customer; json: the fit and the customers",
     .def = "table"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_predict_spec = {
    .name = "predict",
    .operands = "FILE",
    .summary = "predictive CLV: P(alive), expected orders, CLV and next order date (BG/NBD, Pareto/NBD)",
    .about = "Fits a purchase model (BG/NBD, Pareto/NBD or MBG/NBD) and the Gamma-Gamma spend model to the "
             "orders up to --calibration-end and prints the fit (table) or, per customer with an order by then, "
             "repeat orders x, t_x and T, P(alive), expected orders in the horizon, P(no order), expected spend "
             "per order, CLV and the expected date of the next order (csv, json). --as-of is not used. See "
             "docs/predict.md.",
    .uses = {{&own, 0, NULL, NULL}, {&cli_load_group, offsetof(predict_args, load), NULL, NULL}},
    .operand = cli_operand_file,
};

static void print_fit(FILE *out, const ltv_predict_fit_info *f, bool json) {
    if (json) {
        fprintf(out, "{\"model\":\"%s\",\"params\":{", ltv_predict_model_name(f->model));
        for (int i = 0; i < f->param_count; i++)
            fprintf(out, "%s\"%s\":%.10g", i ? "," : "", ltv_predict_param_name(f->model, i), f->params[i]);
        fprintf(out, "},\"std_errors\":{");
        for (int i = 0; i < f->param_count; i++)
            fprintf(out, "%s\"%s\":%.10g", i ? "," : "", ltv_predict_param_name(f->model, i), f->std_errors[i]);
        fprintf(out, "},\"log_likelihood\":%.10g,\"aic\":%.10g,\"customers\":%.0f}", f->log_likelihood, f->aic,
                f->observations);
        return;
    }
    fprintf(out, "%s fitted to %.0f customers: log-likelihood %.4f, AIC %.2f\n", ltv_predict_model_name(f->model),
            f->observations, f->log_likelihood, f->aic);
    for (int i = 0; i < f->param_count; i++) {
        fprintf(out, "  %-6s %14.6f", ltv_predict_param_name(f->model, i), f->params[i]);
        if (f->std_errors_valid) fprintf(out, "  (se %.6f)", f->std_errors[i]);
        fprintf(out, "\n");
    }
}

/* Money in minor units (a double) as a decimal number of the major unit. */
static void money(cli_out *o, double minor, int decimals) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, minor / pow(10, decimals));
    cli_out_str(o, buf);
}

static void number(cli_out *o, double v) {
    char buf[40];
    snprintf(buf, sizeof buf, "%.6g", v);
    cli_out_str(o, buf);
}

static void print_customers(const ltv_ledger *ledger, const ltv_prediction *pred, const predict_args *a, bool json,
                            bool holdout) {
    static cli_out o;
    o.file = stdout;
    o.len = 0;
    const void *c[LTV_PRED_COLUMN_COUNT];
    size_t n = 0;
    for (int k = 0; k < LTV_PRED_COLUMN_COUNT; k++) ltv_prediction_column(pred, k, &c[k], &n);
    const uint8_t *in = c[LTV_PRED_IN_CALIBRATION];
    const int32_t *next = c[LTV_PRED_NEXT_ORDER_DAY];
    static const int shown[] = {LTV_PRED_X, LTV_PRED_T_X, LTV_PRED_T, LTV_PRED_MEAN_SPEND, LTV_PRED_P_ALIVE,
                                LTV_PRED_EXPECTED, LTV_PRED_P_NONE, LTV_PRED_EXPECTED_SPEND, LTV_PRED_CLV,
                                LTV_PRED_HOLDOUT_X, LTV_PRED_HOLDOUT_EXPECTED};
    static const char *const names[] = {"x", "t_x", "T", "mean_spend", "p_alive", "expected_orders", "p_no_order",
                                        "expected_spend", "clv", "holdout_orders", "holdout_expected"};
    const size_t ncols = holdout ? 11 : 9;
    if (!json) {
        cli_out_str(&o, "customer_id");
        for (size_t k = 0; k < ncols; k++) cli_out_str(&o, ","), cli_out_str(&o, names[k]);
        cli_out_str(&o, ",next_order_date\n");
    }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (!in[i]) continue;
        const char *id;
        size_t len;
        ltv_ledger_customer_id(ledger, i, &id, &len);
        char date[CLI_DAY_TEXT];
        cli_day_text(next[i], date, sizeof date);
        if (json) {
            cli_out_flush(&o);
            fprintf(stdout, "%s{\"customer_id\":", first ? "" : ",\n");
            cli_json_string(stdout, id);
        } else {
            cli_out_csv_field(&o, id, len);
        }
        for (size_t k = 0; k < ncols; k++) {
            const double v = ((const double *)c[shown[k]])[i];
            if (json) {
                cli_out_str(&o, ",\"");
                cli_out_str(&o, names[k]);
                cli_out_str(&o, "\":");
            } else {
                cli_out_str(&o, ",");
            }
            if (shown[k] == LTV_PRED_MEAN_SPEND || shown[k] == LTV_PRED_EXPECTED_SPEND || shown[k] == LTV_PRED_CLV)
                money(&o, v, a->load.decimals);
            else number(&o, v);
        }
        cli_out_str(&o, json ? ",\"next_order_date\":\"" : ",");
        cli_out_str(&o, date);
        cli_out_str(&o, json ? "\"}" : "\n");
        first = false;
    }
    cli_out_flush(&o);
}

static int run(const predict_args *a) {
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    int32_t as_of;
    int code = cli_load(&a->load, &ledger, &report, &as_of);
    ltv_predict_data *data = NULL;
    ltv_predict_fit *fit = NULL, *spend = NULL;
    ltv_predict_options *opts = NULL;
    ltv_prediction *pred = NULL;
    int status = LTV_OK;
    if (code == CLI_EXIT_OK) {
        status = ltv_predict_data_from_ledger(&data, ledger, a->unit, a->cal_end, a->holdout_end);
        if (status != LTV_OK) code = cli_report_failure("predict", status == LTV_ENOTFOUND ? LTV_EVALIDATION : status);
    }
    if (code == CLI_EXIT_OK && (status = ltv_predict_fit_new(&fit, data, a->model)) != LTV_OK)
        code = cli_report_failure("predict", status);
    if (code == CLI_EXIT_OK && a->diagnostics != DIAG_NONE) {
        char *text = NULL;
        status = ltv_predict_diagnostics(fit, data, a->diagnostics, (int)a->bins,
                                         a->format == CLI_FORMAT_JSON ? LTV_PREDICT_JSON : LTV_PREDICT_CSV, &text, NULL);
        if (status == LTV_ESTATE) code = cli_usage_error("predict", ltv_last_error(), NULL);
        else if (status != LTV_OK) code = cli_report_failure("predict", status);
        else fputs(text, stdout);
        ltv_free(text);
        goto done;
    }
    ltv_predict_data_info info;
    if (code == CLI_EXIT_OK) ltv_predict_data_info_get(data, &info, sizeof info);
    if (code == CLI_EXIT_OK) {
        status = ltv_predict_fit_new(&spend, data, LTV_MODEL_GAMMA_GAMMA);
        ltv_predict_fit_info si;
        if (status == LTV_OK && ltv_predict_fit_info_get(spend, &si, sizeof si) == LTV_OK && si.params[1] <= 1.0) {
            fprintf(stderr, "ltvcrm predict: gammagamma q = %g <= 1 has no mean spend: spend and CLV are 0\n",
                    si.params[1]);
            ltv_predict_fit_free(spend);
            spend = NULL;
        } else if (status != LTV_OK) {
            fprintf(stderr, "ltvcrm predict: no spend model (%s): spend and CLV are 0\n", ltv_last_error());
        }
        if ((status = ltv_predict_options_new(&opts)) != LTV_OK) code = cli_report_failure("predict", status);
    }
    if (code == CLI_EXIT_OK) {
        status = ltv_predict_options_set(opts, LTV_PREDICT_DISCOUNT_MODE, a->mode);
        if (status == LTV_OK && a->horizon >= 0) status = ltv_predict_options_set(opts, LTV_PREDICT_HORIZON, a->horizon);
        if (status == LTV_OK) status = ltv_predict_options_set(opts, LTV_PREDICT_DISCOUNT_RATE, a->discount);
        if (status == LTV_OK && a->period > 0) status = ltv_predict_options_set(opts, LTV_PREDICT_DISCOUNT_PERIOD, a->period);
        if (status == LTV_OK) status = ltv_predict_run(&pred, fit, spend, data, opts);
        if (status == LTV_ERANGE) code = cli_usage_error("predict", ltv_last_error(), NULL);
        else if (status != LTV_OK) code = cli_report_failure("predict", status);
    }
    if (code == CLI_EXIT_OK) {
        ltv_predict_fit_info fi, si;
        ltv_predict_fit_info_get(fit, &fi, sizeof fi);
        if (spend) ltv_predict_fit_info_get(spend, &si, sizeof si);
        const bool holdout = a->holdout_end != LTV_NO_DAY;
        if (a->format == CLI_FORMAT_TABLE) {
            char cal[CLI_DAY_TEXT];
            printf("calibration to %s: %" PRIu64 " customers, %" PRIu64 " repeat customers, %.0f repeat orders "
                   "(same-day orders merged)\n",
                   cli_day_text(a->cal_end, cal, sizeof cal), info.customers, info.repeaters, info.repeat_transactions);
            if (info.after_calibration)
                printf("left out: %" PRIu64 " customers whose first order is after the calibration end\n",
                       info.after_calibration);
            printf("\n");
            print_fit(stdout, &fi, false);
            if (spend) {
                printf("\n");
                print_fit(stdout, &si, false);
            }
            const void *c[LTV_PRED_COLUMN_COUNT];
            size_t n;
            for (int k = 0; k < LTV_PRED_COLUMN_COUNT; k++) ltv_prediction_column(pred, k, &c[k], &n);
            double sums[4] = {0, 0, 0, 0};
            for (size_t i = 0; i < n; i++) {
                sums[0] += ((const double *)c[LTV_PRED_EXPECTED])[i];
                sums[1] += ((const double *)c[LTV_PRED_CLV])[i];
                sums[2] += ((const double *)c[LTV_PRED_HOLDOUT_X])[i];
                sums[3] += ((const double *)c[LTV_PRED_HOLDOUT_EXPECTED])[i];
            }
            printf("\nall customers: %.1f expected orders in the horizon, CLV ", sums[0]);
            cli_out o = {.file = stdout};
            money(&o, sums[1], a->load.decimals);
            cli_out_flush(&o);
            printf("\n");
            if (holdout) printf("holdout: %.0f actual orders, %.1f expected\n", sums[2], sums[3]);
            printf("\nper customer: --format csv or json\n");
        } else if (a->format == CLI_FORMAT_CSV) {
            print_customers(ledger, pred, a, false, holdout);
        } else {
            printf("{\"fit\":");
            print_fit(stdout, &fi, true);
            printf(",\n\"spend_fit\":");
            if (spend) print_fit(stdout, &si, true);
            else printf("null");
            printf(",\n\"customers\":[\n");
            print_customers(ledger, pred, a, true, holdout);
            printf("]}\n");
        }
    }
done:
    ltv_prediction_free(pred);
    ltv_predict_options_free(opts);
    ltv_predict_fit_free(spend);
    ltv_predict_fit_free(fit);
    ltv_predict_data_free(data);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    return code;
}

int cmd_predict(int argc, char **argv) {
    predict_args a = {.holdout_end = LTV_NO_DAY, .model = LTV_MODEL_BGNBD, .unit = LTV_UNIT_WEEK,
                      .format = CLI_FORMAT_TABLE, .mode = LTV_DISCOUNT_DISCRETE, .diagnostics = DIAG_NONE,
                      .horizon = -1, .period = -1, .bins = 8};
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    code = cli_parse(&cmd_predict_spec, &a, argc, argv);
    if (code == CLI_EXIT_OK && !a.load.path) code = cli_usage_error("predict", "missing FILE", NULL);
    if (code == CLI_EXIT_OK && !a.has_cal) code = cli_usage_error("predict", "missing --calibration-end DATE", NULL);
    if (code == CLI_EXIT_OK && a.holdout_end != LTV_NO_DAY && a.holdout_end <= a.cal_end)
        code = cli_usage_error("predict", "--holdout-end must be after --calibration-end", NULL);
    if (code == CLI_EXIT_OK) code = run(&a);
    cli_load_args_free(&a.load);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
