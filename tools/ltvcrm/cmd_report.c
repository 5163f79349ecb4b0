/* ltvcrm report: the whole health check of an order log as one readable report — sales,
 * repeat rate, first → second purchase (overall and per rank), tenure, membership churn and
 * usage — followed by the segmentation (states, ranks with the LTV formula, RFM thresholds,
 * named segments, the LTV analysis and, with --cpo, the CPO verdict). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_report.h"

/* "A,B" into two numbers. */
static bool parse_pair(const char *text, int64_t *a, int64_t *b) {
    const char *comma = strchr(text, ',');
    if (!comma) return false;
    char first[32];
    size_t n = (size_t)(comma - text);
    if (n == 0 || n >= sizeof first) return false;
    memcpy(first, text, n);
    first[n] = '\0';
    return cli_parse_i64(first, a) && cli_parse_i64(comma + 1, b);
}

/* A money amount with up to `decimals` decimals and optional thousands commas ("5,000",
 * "49.90", "-1") into minor units. */
static bool parse_money(const char *text, int decimals, int64_t *out) {
    const char *p = text;
    bool negative = *p == '-';
    if (negative) p++;
    int64_t value = 0;
    int digits = 0, fraction = -1;
    for (; *p; p++) {
        if (*p == ',' && fraction < 0 && digits > 0) continue;
        if (*p == '.' && fraction < 0) {
            fraction = 0;
            continue;
        }
        if (*p < '0' || *p > '9') return false;
        if (fraction >= 0 && ++fraction > decimals) return false;
        if (value > (INT64_MAX - 9) / 10) return false;
        value = value * 10 + (*p - '0');
        digits++;
    }
    if (digits == 0) return false;
    for (int i = fraction < 0 ? 0 : fraction; i < decimals; i++) {
        if (value > INT64_MAX / 10) return false;
        value *= 10;
    }
    *out = negative ? -value : value;
    return true;
}

typedef struct report_args {
    cli_load_args load; /* first: cli_operand_file */
    ltv_health_config *health;
    cli_segment_args segment;
    int lang;
    int format; /* 0 table, 1 json, 2 html */
    const char *cpo_text;
    report_html_args html;
} report_args;

/* ---- the health options: their setters work on an ltv_health_config * ---- */

static int set_health(ltv_health_config *health, int param, int64_t value, const char *command) {
    if (ltv_health_config_set_i64(health, param, value) != LTV_OK) return cli_usage_error(command, ltv_last_error(), NULL);
    return CLI_EXIT_OK;
}

static int set_health_number(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed;
    int64_t x;
    if (!cli_parse_i64(value, &x)) return cli_usage_error(command, "not a number", value);
    return set_health(*(ltv_health_config **)target, opt->key, x, command);
}

/* "A,B" for the setting opt->key and the one after it (a low and a high limit). */
static int set_health_pair(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    int64_t x = 0, y = 0;
    if (!parse_pair(value, &x, &y)) {
        char message[120];
        snprintf(message, sizeof message, "%s wants two numbers %s", typed, opt->meta);
        return cli_usage_error(command, message, value);
    }
    const int second = opt->key == LTV_HEALTH_CHURN_SHORT_DAYS ? LTV_HEALTH_CHURN_LONG_DAYS : LTV_HEALTH_USAGE_HIGH_MIN;
    int code = set_health(*(ltv_health_config **)target, opt->key, x, command);
    return code == CLI_EXIT_OK ? set_health(*(ltv_health_config **)target, second, y, command) : code;
}

static const cli_opt health_options[] = {
    {.name = "--churn-days", .meta = "S,L", .set = set_health_pair, .key = LTV_HEALTH_CHURN_SHORT_DAYS,
     .help = "churn windows after joining in days", .def = "182,365"},
    {.name = "--usage", .meta = "LOW,HIGH", .set = set_health_pair, .key = LTV_HEALTH_USAGE_LOW_MAX,
     .help = "uses a year: low band at most LOW, high band from HIGH", .def = "60,120"},
    {.name = "--risk-period", .meta = "DAYS", .set = set_health_number, .key = LTV_HEALTH_RISK_PERIOD_DAYS,
     .help = "length of the periods searched for the churn-risk peak", .def = "30"},
    {.name = "--min-at-risk", .meta = "N", .set = set_health_number, .key = LTV_HEALTH_RISK_MIN_AT_RISK,
     .help = "members a period needs at risk to count as the peak", .def = "10"},
};

static const cli_group health_group = {"health options", "health-options", NULL, health_options,
                                       CLI_GROUP_SIZE(health_options)};

static const cli_choice formats[] = {{"table", 0, 0}, {"text", 0, 1}, {"json", 1, 0}, {"html", 2, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--lang", .choices = cli_lang_choices, .set = cli_set_choice, .field = offsetof(report_args, lang),
     .help = "language of the report", .def = "ja if LANG starts with ja, else en"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(report_args, format),
     .help = "a one-page table, JSON (money in minor units), or one self-contained HTML page with charts "
             "(docs/report.md)", .def = "table"},
    {.name = "--cpo", .meta = "AMOUNT", .set = cli_set_text, .field = offsetof(report_args, cpo_text),
     .help = "cost per order of winning a customer: compared with the average LTV"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

static const cli_opt html_options[] = {
    {.name = "--output", .alias = "-o", .meta = "FILE", .set = cli_set_text,
     .field = offsetof(report_html_args, output),
     .help = "write the page to FILE (atomically: a reader never sees half a page)", .def = "standard output"},
    {.name = "--answers", .meta = "ANSWERS", .set = cli_set_text, .field = offsetof(report_html_args, answers),
     .help = "the ten answers of the maturity grader (as 'ltvcrm grade' takes them): adds the grade and the next "
             "steps"},
    {.name = "--scenario", .meta = "FILE", .set = cli_set_text, .field = offsetof(report_html_args, scenario),
     .help = "a planner in the text format, or 'builtin': adds the 90-day plan's channel load"},
    {.name = "--matrix", .meta = "FILE", .set = cli_set_text, .field = offsetof(report_html_args, matrix),
     .help = "the shop's campaign matrix (JSON or CSV, as 'ltvcrm matrix --load' reads it)",
     .def = "an empty matrix: every box a gap"},
    {.name = "--title", .meta = "TEXT", .set = cli_set_text, .field = offsetof(report_html_args, title),
     .help = "the shop's name, shown in the page title"},
    {.name = "--generated", .meta = "DATE", .set = cli_set_text, .field = offsetof(report_html_args, generated),
     .help = "a date to print as the day the page was written (the page has none by default, so the same input "
             "gives the same bytes)"},
    {.name = "--calibration-end", .meta = "DATE", .set = cli_set_text,
     .field = offsetof(report_html_args, calibration_end),
     .help = "last day of the orders the predictive models are fitted on (before the as-of day)",
     .def = "the day before the as-of day"},
    {.name = "--holdout-end", .meta = "DATE", .set = cli_set_text, .field = offsetof(report_html_args, holdout_end),
     .help = "last day of a holdout period after --calibration-end (before the as-of day): adds the models' "
             "diagnostics, holdout orders by calibration frequency, weekly and cumulative repeat orders (actual vs "
             "model) and E[X(t)]"},
    {.name = "--model", .choices = cli_purchase_models, .set = cli_set_choice, .field = offsetof(report_html_args, model),
     .help = "the purchase model of the predictive section (see docs/predict.md)", .def = "bgnbd"},
};

static const cli_group html_group = {"HTML options", "html-options", "with --format html", html_options,
                                     CLI_GROUP_SIZE(html_options)};

const cli_spec cmd_report_spec = {
    .name = "report",
    .operands = "FILE",
    .summary = "the monthly health check: sales, repeat, second purchase, tenure, churn, segments, LTV",
    .about = "Prints the health check of an order log (customer_id,order_date,amount[,items][,kind]): customers "
             "and sales, repeat rate, the first to second purchase (within 7/30/60/90/180/365 days, median days, "
             "most common week, per value rank), tenure, and for membership data (visits or cancels) continuing "
             "vs churned members, churn after joining, churn by days enrolled, the risk peak and uses per year; "
             "then the segmentation and the LTV analysis (with the same segmentation options as 'ltvcrm "
             "segment').\nWith --format html: one self-contained page with charts (inline SVG, no network, no "
             "JavaScript), readable on a screen and printable on A4, in --lang ja or en; -o writes it to a file.\n"
             "See docs/health-check.md, docs/segments.md and docs/report.md.",
    .uses = {{&own, 0, NULL, NULL},
             {&html_group, offsetof(report_args, html), NULL, NULL},
             {&health_group, offsetof(report_args, health), NULL, NULL},
             {&cli_segment_group, offsetof(report_args, segment), NULL, NULL},
             {&cli_load_group, offsetof(report_args, load), NULL, NULL}},
    .operand = cli_operand_file,
};

/* Runs the segmentation and the health check and prints them. */
static int run_report(report_args *a, const ltv_ledger *ledger, const ltv_load_report *load, int32_t as_of) {
    report_view v = {.lang = a->lang, .decimals = a->load.decimals, .as_of = as_of, .ledger = ledger, .load = load,
                     .shown_as_of = cli_shown_as_of(&a->load, ledger, as_of)};
    if (a->cpo_text) {
        if (!parse_money(a->cpo_text, a->load.decimals, &v.cpo))
            return cli_usage_error("report", "--cpo wants an amount such as 5000 or 49.90 (within --decimals)",
                                   a->cpo_text);
        v.has_cpo = true;
    }
    ltv_segmentation *seg = NULL;
    ltv_health_check *hc = NULL;
    int code = CLI_EXIT_OK;
    int status = ltv_segment_run(&seg, ledger, a->segment.cfg, as_of);
    /* the as-of day is always in range here: a range error is a bad segmentation option */
    if (status == LTV_ERANGE) code = cli_usage_error("report", ltv_last_error(), NULL);
    else if (status != LTV_OK) code = cli_report_failure("segmentation", status);
    if (code == CLI_EXIT_OK) {
        status = ltv_health_check_run(&hc, ledger, seg, a->health, as_of);
        /* a range error here is a bad combination of health options */
        if (status == LTV_ERANGE) code = cli_usage_error("report", ltv_last_error(), NULL);
        else if (status != LTV_OK) code = cli_report_failure("health check", status);
    }
    if (code == CLI_EXIT_OK && v.has_cpo) {
        int verdict;
        status = ltv_segmentation_cpo_verdict(seg, v.cpo, &verdict, NULL);
        if (status != LTV_OK) code = cli_usage_error("report", ltv_last_error(), NULL);
    }
    if (code == CLI_EXIT_OK) code = cli_verify(&a->load, ledger);
    if (code == CLI_EXIT_OK) {
        v.seg = seg;
        v.hc = hc;
        if (a->format == 2) code = report_write_html(&v, &a->html, a->segment.cfg, a->health);
        else if (a->format == 1) code = report_print_json(&v);
        else report_print_table(&v);
        if (a->format != 0 && ltv_load_report_rows_rejected(load)) {
            fprintf(stderr, "ltvcrm report: %llu bad rows were skipped:\n",
                    (unsigned long long)ltv_load_report_rows_rejected(load));
            cli_print_rejects(stderr, load, 20);
        }
    }
    ltv_health_check_free(hc);
    ltv_segmentation_free(seg);
    return code;
}

int cmd_report(int argc, char **argv) {
    report_args a;
    memset(&a, 0, sizeof a);
    a.lang = cli_default_lang();
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    if (ltv_health_config_new(&a.health) != LTV_OK || ltv_segment_config_new(&a.segment.cfg) != LTV_OK)
        code = cli_report_failure("options", ltv_last_status());
    if (code == CLI_EXIT_OK) code = cli_parse(&cmd_report_spec, &a, argc, argv);
    if (code == CLI_EXIT_OK && !a.load.path) code = cli_usage_error("report", "missing FILE", NULL);
    ltv_ledger *ledger = NULL;
    ltv_load_report *load = NULL;
    int32_t as_of = 0;
    a.load.check_on_use = true; /* the segmentation, which runs first, checks a snapshot's events */
    if (code == CLI_EXIT_OK) code = cli_load(&a.load, &ledger, &load, &as_of);
    if (code == CLI_EXIT_OK) code = run_report(&a, ledger, load, as_of);
    ltv_load_report_free(load);
    ltv_ledger_free(ledger);
    ltv_health_config_free(a.health);
    ltv_segment_config_free(a.segment.cfg);
    cli_load_args_free(&a.load);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
