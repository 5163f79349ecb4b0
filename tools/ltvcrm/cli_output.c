/* Buffered writers for the per-customer tables and the segmentation options. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_out_flush(cli_out *out) {
    if (out->len) fwrite(out->buf, 1, out->len, out->file);
    out->len = 0;
}

void cli_out_bytes(cli_out *out, const char *text, size_t len) {
    if (out->len + len > sizeof out->buf) {
        cli_out_flush(out);
        if (len > sizeof out->buf) {
            fwrite(text, 1, len, out->file);
            return;
        }
    }
    memcpy(out->buf + out->len, text, len);
    out->len += len;
}

void cli_out_str(cli_out *out, const char *text) { cli_out_bytes(out, text, strlen(text)); }

void cli_out_i64(cli_out *out, int64_t value) {
    char digits[24];
    size_t n = sizeof digits;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[--n] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) digits[--n] = '-';
    cli_out_bytes(out, digits + n, sizeof digits - n);
}

void cli_out_money(cli_out *out, int64_t minor, int decimals) {
    char text[64];
    cli_format_money(minor, decimals, false, text, sizeof text);
    cli_out_str(out, text);
}

void cli_out_csv_field(cli_out *out, const char *text, size_t len) {
    if (!memchr(text, ',', len) && !memchr(text, '"', len) && !memchr(text, '\n', len) && !memchr(text, '\r', len)) {
        cli_out_bytes(out, text, len);
        return;
    }
    cli_out_bytes(out, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') cli_out_bytes(out, "\"", 1);
        cli_out_bytes(out, text + i, 1);
    }
    cli_out_bytes(out, "\"", 1);
}

const char *const cli_segment_help =
    "  --dormant-days N    dormant after more than N days without an order (default 180)\n"
    "  --fan-orders N      fan: at least N orders (default 5)\n"
    "  --fan-tenure N      fan: at least N days from first to last order (default 365)\n"
    "  --cancel-dormant 0|1  a membership cancel makes a customer dormant (default 1)\n"
    "  --bins N            RFM scores 1..N (default 5)\n"
    "  --rfm-mode M        quantile (default), type7 (as R's rfm package) or fixed\n"
    "  --thresholds X=a,b,..  fixed cut points for X = r (days), f (orders) or m (amount in\n"
    "                      minor units), with --rfm-mode fixed\n"
    "  --basis B           LTV basis of the analyses: annual (default) or lifetime\n"
    "  --excellent-orders N\n"
    "                      excellent rank: N or more orders in the trailing year (default 4)\n"
    "  --semi-orders N     semi-excellent rank: N or more orders in the trailing year, fewer\n"
    "                      than --excellent-orders (default 2)\n"
    "  --top-excellent-permille N\n"
    "                      top excellent: the best N per mille of the excellent rank (default 100)\n"
    "  --high-general-percentile N\n"
    "                      high-LTV general: a general customer whose annual LTV reaches the\n"
    "                      Nth percentile of the excellent rank (default 25)\n"
    "  --core-permille N   core: the top N per mille of customers by LTV (default 10)\n";

typedef struct option_param {
    const char *option;
    int param;
} option_param;

static const option_param numeric_options[] = {
    {"--dormant-days", LTV_SEG_DORMANT_DAYS}, {"--fan-orders", LTV_SEG_FAN_MIN_ORDERS},
    {"--fan-tenure", LTV_SEG_FAN_MIN_TENURE_DAYS}, {"--cancel-dormant", LTV_SEG_CANCEL_IS_DORMANT},
    {"--bins", LTV_SEG_RFM_BINS}, {"--excellent-orders", LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS},
    {"--semi-orders", LTV_SEG_SEMI_MIN_YEAR_ORDERS}, {"--top-excellent-permille", LTV_SEG_TOP_EXCELLENT_PERMILLE},
    {"--high-general-percentile", LTV_SEG_HIGH_GENERAL_PERCENTILE}, {"--core-permille", LTV_SEG_CORE_PERMILLE},
};

static int parse_thresholds(ltv_segment_config *cfg, const char *value) {
    int metric = value[0] == 'r' ? LTV_RFM_RECENCY : value[0] == 'f' ? LTV_RFM_FREQUENCY : value[0] == 'm' ? LTV_RFM_MONETARY : -1;
    if (metric < 0 || value[1] != '=') return LTV_EINVAL;
    int64_t cuts[9];
    size_t n = 0;
    const char *p = value + 2;
    while (*p && n < 9) {
        char *end;
        cuts[n++] = strtoll(p, &end, 10);
        if (end == p || (*end != ',' && *end != '\0')) return LTV_EINVAL;
        p = *end == ',' ? end + 1 : end;
    }
    if (*p) return LTV_EINVAL;
    return ltv_segment_config_set_thresholds(cfg, metric, cuts, n);
}

bool cli_parse_segment_option(ltv_segment_config *cfg, int argc, char **argv, int *i, const char *command,
                              int *exit_code) {
    const char *opt = argv[*i];
    int param = -1;
    for (size_t k = 0; k < sizeof numeric_options / sizeof numeric_options[0]; k++)
        if (!strcmp(opt, numeric_options[k].option)) param = numeric_options[k].param;
    bool known = param >= 0 || !strcmp(opt, "--rfm-mode") || !strcmp(opt, "--basis") || !strcmp(opt, "--thresholds");
    if (!known) return false;
    if (*i + 1 >= argc) {
        *exit_code = cli_usage_error(command, "missing value for", opt);
        return true;
    }
    const char *value = argv[++*i];
    int status;
    if (param >= 0) {
        char *end;
        long long number = strtoll(value, &end, 10);
        if (*value == '\0' || *end != '\0') {
            *exit_code = cli_usage_error(command, "not a number", value);
            return true;
        }
        status = ltv_segment_config_set_i64(cfg, param, number);
    } else if (!strcmp(opt, "--rfm-mode")) {
        int mode = !strcmp(value, "quantile") ? LTV_RFM_QUANTILE : !strcmp(value, "type7") ? LTV_RFM_TYPE7
                 : !strcmp(value, "fixed") ? LTV_RFM_FIXED : -1;
        if (mode < 0) {
            *exit_code = cli_usage_error(command, "--rfm-mode wants quantile, type7 or fixed", value);
            return true;
        }
        status = ltv_segment_config_set_i64(cfg, LTV_SEG_RFM_MODE, mode);
    } else if (!strcmp(opt, "--basis")) {
        int basis = !strcmp(value, "annual") ? LTV_BASIS_ANNUAL : !strcmp(value, "lifetime") ? LTV_BASIS_LIFETIME : -1;
        if (basis < 0) {
            *exit_code = cli_usage_error(command, "--basis wants annual or lifetime", value);
            return true;
        }
        status = ltv_segment_config_set_i64(cfg, LTV_SEG_LTV_BASIS, basis);
    } else {
        status = parse_thresholds(cfg, value);
        if (status == LTV_EINVAL) {
            *exit_code = cli_usage_error(command, "--thresholds wants r=30,90,180,365 (or f=, m=)", value);
            return true;
        }
    }
    if (status != LTV_OK) *exit_code = cli_usage_error(command, ltv_last_error(), NULL);
    return true;
}
