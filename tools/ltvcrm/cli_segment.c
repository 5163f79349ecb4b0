/* The segmentation options, shared by segment, report, plan and matrix: each sets one
 * setting of an ltv_segment_config, whose messages name the bounds. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int applied(int status, const char *command) {
    return status == LTV_OK ? CLI_EXIT_OK : cli_usage_error(command, ltv_last_error(), NULL);
}

/* A number for the setting opt->key. */
static int set_number(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed;
    cli_segment_args *seg = target;
    seg->given = true;
    seg->bins_given |= opt->key == LTV_SEG_RFM_BINS;
    int64_t number;
    if (!cli_parse_i64(value, &number)) return cli_usage_error(command, "not a number", value);
    return applied(ltv_segment_config_set_i64(seg->cfg, opt->key, number), command);
}

/* A word for the setting opt->key. --basis alone leaves `given` alone: it only chooses what
 * the analyses show, and matrix has always taken it without --ledger. */
static int set_word(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    cli_segment_args *seg = target;
    int choice;
    int code = cli_choice_value(opt, typed, value, command, &choice);
    if (code != CLI_EXIT_OK) return code;
    if (opt->key != LTV_SEG_LTV_BASIS) seg->given = true;
    int status = ltv_segment_config_set_i64(seg->cfg, opt->key, choice);
    /* the tools' modes bring their own segment table (and PyMC its quartiles) unless given */
    if (status == LTV_OK && opt->key == LTV_SEG_RFM_MODE && (choice == LTV_RFM_R_RFM || choice == LTV_RFM_PYMC)) {
        if (!seg->table_given) status = ltv_segment_config_use_table(seg->cfg, value, strlen(value));
        if (status == LTV_OK && !seg->bins_given)
            status = ltv_segment_config_set_i64(seg->cfg, LTV_SEG_RFM_BINS, choice == LTV_RFM_PYMC ? 4 : 5);
    }
    return applied(status, command);
}

/* A shipped segment table by name, or a segment-table file. */
static int set_table(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_segment_args *seg = target;
    seg->given = seg->table_given = true;
    for (size_t i = 0; ltv_segment_table_name(i); i++)
        if (strcmp(ltv_segment_table_name(i), value) == 0)
            return applied(ltv_segment_config_use_table(seg->cfg, value, strlen(value)), command);
    int status = ltv_segment_config_load_table_file(seg->cfg, value);
    return status == LTV_OK ? CLI_EXIT_OK : cli_report_failure(command, status);
}

/* "r=30,90,180,365" (or f=, m=) into fixed cut points. */
static int set_thresholds(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_segment_args *seg = target;
    seg->given = true;
    int metric = value[0] == 'r' ? LTV_RFM_RECENCY : value[0] == 'f' ? LTV_RFM_FREQUENCY : value[0] == 'm' ? LTV_RFM_MONETARY : -1;
    int64_t cuts[9];
    size_t n = 0;
    bool ok = metric >= 0 && value[1] == '=';
    const char *p = value + 2;
    while (ok && *p && n < 9) {
        char *end;
        cuts[n++] = strtoll(p, &end, 10);
        ok = end != p && (*end == ',' || *end == '\0');
        p = *end == ',' ? end + 1 : end;
    }
    if (!ok || *p) return cli_usage_error(command, "--thresholds wants r=30,90,180,365 (or f=, m=)", value);
    return applied(ltv_segment_config_set_thresholds(seg->cfg, metric, cuts, n), command);
}

static const cli_choice rfm_modes[] = {{"quantile", LTV_RFM_QUANTILE, 0}, {"type7", LTV_RFM_TYPE7, 0},
                                       {"fixed", LTV_RFM_FIXED, 0},       {"r-rfm", LTV_RFM_R_RFM, 0},
                                       {"pymc", LTV_RFM_PYMC, 0},         {NULL, 0, 0}};
static const cli_choice activities[] = {{"auto", LTV_ACTIVITY_AUTO, 0}, {"orders", LTV_ACTIVITY_ORDERS, 0},
                                        {"visits", LTV_ACTIVITY_VISITS, 0}, {NULL, 0, 0}};
static const cli_choice bases[] = {{"annual", LTV_BASIS_ANNUAL, 0}, {"lifetime", LTV_BASIS_LIFETIME, 0}, {NULL, 0, 0}};

static const cli_opt segment_options[] = {
    {.name = "--dormant-days", .meta = "N", .set = set_number, .key = LTV_SEG_DORMANT_DAYS,
     .help = "dormant after more than N days without an order", .def = "180"},
    {.name = "--fan-orders", .meta = "N", .set = set_number, .key = LTV_SEG_FAN_MIN_ORDERS,
     .help = "fan: at least N orders", .def = "5"},
    {.name = "--fan-tenure", .meta = "N", .set = set_number, .key = LTV_SEG_FAN_MIN_TENURE_DAYS,
     .help = "fan: at least N days from first to last order", .def = "365"},
    {.name = "--cancel-dormant", .meta = "0|1", .set = set_number, .key = LTV_SEG_CANCEL_IS_DORMANT,
     .help = "a membership cancel makes a customer dormant", .def = "1"},
    {.name = "--activity", .choices = activities, .set = set_word, .key = LTV_SEG_ACTIVITY,
     .help = "what keeps a member active: orders only, or orders and visits (a cancel then always churns); auto: "
             "visits when the file has any",
     .def = "auto"},
    {.name = "--bins", .meta = "N", .set = set_number, .key = LTV_SEG_RFM_BINS, .help = "RFM scores 1..N", .def = "5"},
    {.name = "--recency-bins", .meta = "N", .set = set_number, .key = LTV_SEG_RFM_RECENCY_BINS,
     .help = "recency scores 1..N (0: --bins)", .def = "0"},
    {.name = "--frequency-bins", .meta = "N", .set = set_number, .key = LTV_SEG_RFM_FREQUENCY_BINS,
     .help = "frequency scores 1..N (0: --bins)", .def = "0"},
    {.name = "--monetary-bins", .meta = "N", .set = set_number, .key = LTV_SEG_RFM_MONETARY_BINS,
     .help = "monetary scores 1..N (0: --bins)", .def = "0"},
    {.name = "--rfm-mode", .choices = rfm_modes, .set = set_word, .key = LTV_SEG_RFM_MODE,
     .help = "how scores are cut: by quantile; type-7 quantiles (type7, not R's rfm: its cut points are one "
             "lower); exactly as R rfm 0.3.0 (r-rfm) or PyMC-Marketing's rfm_segments (pymc), each with its own "
             "segment table (and pymc with 4 bins) unless --segments (--bins) is given; or at --thresholds (fixed)",
     .def = "quantile"},
    {.name = "--segments", .meta = "TABLE|FILE", .set = set_table,
     .help = "the named segments: a shipped table (default, r-rfm, pymc, klaviyo, shopify) or a segment-table file "
             "(docs/segment-tables.md; errors name line and column)",
     .def = "default"},
    {.name = "--thresholds", .meta = "X=a,b,..", .set = set_thresholds,
     .help = "fixed cut points for X = r (days), f (orders) or m (amount in minor units), with --rfm-mode fixed"},
    {.name = "--basis", .alias = "--ltv-basis", .choices = bases, .set = set_word, .key = LTV_SEG_LTV_BASIS,
     .help = "LTV basis of the analyses: the trailing year's amount or the lifetime amount", .def = "annual"},
    {.name = "--excellent-orders", .meta = "N", .set = set_number, .key = LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS,
     .help = "excellent rank: N or more orders in the trailing year (3..1000000)", .def = "4"},
    {.name = "--semi-orders", .meta = "N", .set = set_number, .key = LTV_SEG_SEMI_MIN_YEAR_ORDERS,
     .help = "semi-excellent rank: N or more orders in the trailing year, fewer than --excellent-orders",
     .def = "2"},
    {.name = "--top-excellent-permille", .meta = "N", .set = set_number, .key = LTV_SEG_TOP_EXCELLENT_PERMILLE,
     .help = "top excellent: the best N per mille of the excellent rank", .def = "100"},
    {.name = "--high-general-percentile", .meta = "N", .set = set_number, .key = LTV_SEG_HIGH_GENERAL_PERCENTILE,
     .help = "high-LTV general: a general customer whose annual LTV reaches the Nth percentile of the excellent rank",
     .def = "25"},
    {.name = "--core-permille", .meta = "N", .set = set_number, .key = LTV_SEG_CORE_PERMILLE,
     .help = "core: the top N per mille of customers by LTV", .def = "10"},
};

const cli_group cli_segment_group = {"segmentation options", "segmentation-options",
                                     "A value out of its bounds is a usage error naming them; --semi-orders and "
                                     "--excellent-orders are checked as a pair once both are in.",
                                     segment_options, CLI_GROUP_SIZE(segment_options)};
