/* Loader options: header names of the columns and integer knobs with their bounds. */
#include <string.h>

#include "csv_internal.h"

const char *const ltv__csv_canonical_names[LTV_CSV_COLUMNS] = {"customer_id", "order_date", "amount", "items", "kind"};

static const ltv_csv_options defaults = {.names = {NULL}, .decimals = 2, .max_errors = 100, .delimiter = ','};

const ltv_csv_options *ltv__csv_options_or_default(const ltv_csv_options *opts) { return opts ? opts : &defaults; }

int ltv_csv_options_new(ltv_csv_options **out) {
    LTV_REQUIRE(out, "ltv_csv_options_new");
    *out = ltv__malloc(sizeof **out);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_new: out of memory");
    **out = defaults;
    return LTV_OK;
}

void ltv_csv_options_free(ltv_csv_options *opts) {
    if (!opts) return;
    for (int i = 0; i < LTV_CSV_COLUMNS; i++) ltv__free(opts->names[i]);
    ltv_timezone_free(opts->timezone);
    ltv__free(opts);
}

int ltv_csv_options_set_column(ltv_csv_options *opts, int column, const char *name, size_t len) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_column");
    LTV_REQUIRE(name, "ltv_csv_options_set_column");
    if (column < 0 || column >= LTV_CSV_COLUMNS)
        return ltv__fail(LTV_EINVAL, "ltv_csv_options_set_column: column %d is not a column (0..%d)", column,
                         LTV_CSV_COLUMNS - 1);
    while (len && (name[0] == ' ' || name[0] == '\t')) name++, len--;
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t')) len--;
    if (len == 0 || len > LTV_CSV_NAME_MAX)
        return ltv__fail(LTV_ERANGE, "ltv_csv_options_set_column: name length %zu is outside 1..%d", len, LTV_CSV_NAME_MAX);
    if (!ltv__utf8_valid(name, len, NULL))
        return ltv__fail(LTV_EENCODING, "ltv_csv_options_set_column: the name for column '%s' is not valid UTF-8",
                         ltv__csv_canonical_names[column]);
    char *copy = ltv__strndup(name, len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_set_column: out of memory");
    ltv__free(opts->names[column]);
    opts->names[column] = copy;
    return LTV_OK;
}

int ltv_csv_options_set_i64(ltv_csv_options *opts, int param, int64_t value) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_i64");
    switch (param) {
    case LTV_CSV_DECIMALS:
        if (value < 0 || value > 6) return ltv__fail(LTV_ERANGE, "LTV_CSV_DECIMALS %lld is outside 0..6", (long long)value);
        opts->decimals = value;
        return LTV_OK;
    case LTV_CSV_MAX_ERRORS:
        if (value < 0 || value > 1000000)
            return ltv__fail(LTV_ERANGE, "LTV_CSV_MAX_ERRORS %lld is outside 0..1000000", (long long)value);
        opts->max_errors = value;
        return LTV_OK;
    case LTV_CSV_DELIMITER:
        if (value != ',' && value != ';' && value != '\t' && value != '|')
            return ltv__fail(LTV_ERANGE, "LTV_CSV_DELIMITER %lld is not one of ',' ';' '\\t' '|'", (long long)value);
        opts->delimiter = value;
        return LTV_OK;
    case LTV_CSV_STRICT:
        if (value != 0 && value != 1) return ltv__fail(LTV_ERANGE, "LTV_CSV_STRICT %lld is not 0 or 1", (long long)value);
        opts->strict = value;
        return LTV_OK;
    default:
        return ltv__fail(LTV_EINVAL, "ltv_csv_options_set_i64: parameter %d is not a loader parameter (0..3)", param);
    }
}

int ltv_csv_options_get_i64(const ltv_csv_options *opts, int param, int64_t *out_value) {
    LTV_REQUIRE(opts, "ltv_csv_options_get_i64");
    LTV_REQUIRE(out_value, "ltv_csv_options_get_i64");
    switch (param) {
    case LTV_CSV_DECIMALS: *out_value = opts->decimals; return LTV_OK;
    case LTV_CSV_MAX_ERRORS: *out_value = opts->max_errors; return LTV_OK;
    case LTV_CSV_DELIMITER: *out_value = opts->delimiter; return LTV_OK;
    case LTV_CSV_STRICT: *out_value = opts->strict; return LTV_OK;
    default:
        return ltv__fail(LTV_EINVAL, "ltv_csv_options_get_i64: parameter %d is not a loader parameter (0..3)", param);
    }
}

int ltv_csv_options_set_progress(ltv_csv_options *opts, ltv_progress_fn progress, void *user_data) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_progress");
    opts->progress = progress;
    opts->progress_data = user_data;
    return LTV_OK;
}
