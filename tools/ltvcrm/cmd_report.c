/* ltvcrm report: the whole health check of an order log as one readable report — sales,
 * repeat rate, first → second purchase (overall and per rank), tenure, membership churn and
 * usage — followed by the segmentation (states, ranks with the LTV formula, RFM thresholds,
 * named segments, the LTV analysis and, with --cpo, the CPO verdict). */
#include <stdlib.h>
#include <string.h>

#include "cmd_report.h"

static const char *const usage =
    "usage: ltvcrm report FILE [--lang en|ja] [--format table|json] [--cpo AMOUNT]\n"
    "                          [health options] [segmentation options] [loader options]\n"
    "\n"
    "Prints the health check of an order log (customer_id,order_date,amount[,items][,kind]):\n"
    "customers and sales, repeat rate, the first to second purchase (within 7/30/60/90/180/365\n"
    "days, median days, most common week, per value rank), tenure, and for membership data\n"
    "(visits or cancels) continuing vs churned members, churn after joining, churn by days\n"
    "enrolled, the risk peak and uses per year; then the segmentation and the LTV analysis\n"
    "(with the same segmentation options as 'ltvcrm segment').\n"
    "See docs/health-check.md and docs/segments.md.\n"
    "\n"
    "options:\n"
    "  --lang en|ja          language of the report (default: ja if LANG starts with ja, else en)\n"
    "  --format table|json   a one-page table (default) or JSON (money in minor units)\n"
    "  --cpo AMOUNT          cost per order of winning a customer: compared with the average LTV\n"
    "health options:\n"
    "  --churn-days S,L      churn windows after joining in days (default 182,365)\n"
    "  --usage LOW,HIGH      uses a year: low band at most LOW, high band from HIGH (default 60,120)\n"
    "  --risk-period DAYS    length of the periods searched for the churn-risk peak (default 30)\n"
    "  --min-at-risk N       members a period needs at risk to count as the peak (default 10)\n";

static bool parse_i64(const char *text, int64_t *out) {
    char *end;
    long long value = strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0') return false;
    *out = value;
    return true;
}

/* "A,B" into two numbers. */
static bool parse_pair(const char *text, int64_t *a, int64_t *b) {
    const char *comma = strchr(text, ',');
    if (!comma) return false;
    char first[32];
    size_t n = (size_t)(comma - text);
    if (n == 0 || n >= sizeof first) return false;
    memcpy(first, text, n);
    first[n] = '\0';
    return parse_i64(first, a) && parse_i64(comma + 1, b);
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
    cli_load_args load;
    ltv_health_config *health;
    ltv_segment_config *segment;
    int lang;
    bool json;
    const char *cpo_text;
} report_args;

/* Sets a health setting from the command line; the library's message names the bounds. */
static int set_health(report_args *a, int param, int64_t value) {
    if (ltv_health_config_set_i64(a->health, param, value) != LTV_OK)
        return cli_usage_error("report", ltv_last_error(), NULL);
    return CLI_EXIT_OK;
}

static int parse_health_option(report_args *a, const char *opt, const char *value) {
    int64_t x = 0, y = 0;
    if (!strcmp(opt, "--churn-days") || !strcmp(opt, "--usage")) {
        const bool churn = !strcmp(opt, "--churn-days");
        if (!parse_pair(value, &x, &y))
            return cli_usage_error("report",
                                   churn ? "--churn-days wants two numbers SHORT,LONG" : "--usage wants two numbers LOW,HIGH",
                                   value);
        int code = set_health(a, churn ? LTV_HEALTH_CHURN_SHORT_DAYS : LTV_HEALTH_USAGE_LOW_MAX, x);
        if (code == CLI_EXIT_OK)
            code = set_health(a, churn ? LTV_HEALTH_CHURN_LONG_DAYS : LTV_HEALTH_USAGE_HIGH_MIN, y);
        return code;
    }
    /* --risk-period or --min-at-risk */
    if (!parse_i64(value, &x)) return cli_usage_error("report", "not a number", value);
    return set_health(a, !strcmp(opt, "--risk-period") ? LTV_HEALTH_RISK_PERIOD_DAYS : LTV_HEALTH_RISK_MIN_AT_RISK, x);
}

static int parse_args(report_args *a, int argc, char **argv, bool *help) {
    int code = CLI_EXIT_OK;
    static const char *const health_opts[] = {"--churn-days", "--usage", "--risk-period", "--min-at-risk"};
    for (int i = 1; i < argc && code == CLI_EXIT_OK; i++) {
        const char *opt = argv[i];
        bool health = false;
        for (size_t k = 0; k < sizeof health_opts / sizeof health_opts[0]; k++) health |= !strcmp(opt, health_opts[k]);
        const bool with_value = health || !strcmp(opt, "--lang") || !strcmp(opt, "--format") || !strcmp(opt, "--cpo");
        if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
            *help = true;
            return CLI_EXIT_OK;
        } else if (cli_parse_load_option(&a->load, argc, argv, &i, "report", &code) ||
                   cli_parse_segment_option(a->segment, argc, argv, &i, "report", &code)) {
            continue;
        } else if (with_value && i + 1 >= argc) {
            code = cli_usage_error("report", "missing value for", opt);
        } else if (health) {
            code = parse_health_option(a, opt, argv[++i]);
        } else if (!strcmp(opt, "--lang")) {
            const char *v = argv[++i];
            if (!strcmp(v, "en") || !strcmp(v, "ja")) a->lang = !strcmp(v, "ja") ? LTV_LANG_JA : LTV_LANG_EN;
            else code = cli_usage_error("report", "--lang wants en or ja", v);
        } else if (!strcmp(opt, "--format")) {
            const char *v = argv[++i];
            if (!strcmp(v, "table") || !strcmp(v, "json")) a->json = !strcmp(v, "json");
            else code = cli_usage_error("report", "--format wants table or json", v);
        } else if (!strcmp(opt, "--cpo")) {
            a->cpo_text = argv[++i];
        } else if (opt[0] == '-' && opt[1] != '\0') {
            code = cli_usage_error("report", "unknown option", opt);
        } else if (a->load.path) {
            code = cli_usage_error("report", "more than one FILE", opt);
        } else {
            a->load.path = opt;
        }
    }
    if (code == CLI_EXIT_OK && !a->load.path) code = cli_usage_error("report", "missing FILE", NULL);
    return code;
}

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
    int status = ltv_segment_run(&seg, ledger, a->segment, as_of);
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
    if (code == CLI_EXIT_OK) {
        v.seg = seg;
        v.hc = hc;
        if (a->json) code = report_print_json(&v);
        else report_print_table(&v);
        if (a->json && ltv_load_report_rows_rejected(load)) {
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
    if (ltv_health_config_new(&a.health) != LTV_OK || ltv_segment_config_new(&a.segment) != LTV_OK)
        code = cli_report_failure("options", ltv_last_status());
    bool help = false;
    if (code == CLI_EXIT_OK) code = parse_args(&a, argc, argv, &help);
    if (code == CLI_EXIT_OK && help)
        printf("%ssegmentation options:\n%sloader options:\n%s", usage, cli_segment_help, cli_load_help);
    ltv_ledger *ledger = NULL;
    ltv_load_report *load = NULL;
    int32_t as_of = 0;
    if (code == CLI_EXIT_OK && !help) code = cli_load(&a.load, &ledger, &load, &as_of);
    if (code == CLI_EXIT_OK && !help) code = run_report(&a, ledger, load, as_of);
    ltv_load_report_free(load);
    ltv_ledger_free(ledger);
    ltv_health_config_free(a.health);
    ltv_segment_config_free(a.segment);
    cli_load_args_free(&a.load);
    return code;
}
