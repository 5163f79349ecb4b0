/* Loader options: header names of the columns and integer knobs with their bounds. */
#include <string.h>

#include "csv_internal.h"
#include "settings.h"

const char *const ltv__csv_canonical_names[LTV_CSV_COLUMNS] = {"customer_id", "order_date", "amount", "items", "kind"};

static const int64_t delimiters[] = {',', ';', '\t', '|'};

static const ltv__setting items[LTV__CSV_PARAMS] = {
    [LTV_CSV_DECIMALS] = LTV__SETTING("LTV_CSV_DECIMALS", 0, 6, 2),
    [LTV_CSV_MAX_ERRORS] = LTV__SETTING("LTV_CSV_MAX_ERRORS", 0, 1000000, 100),
    [LTV_CSV_DELIMITER] = {.name = "LTV_CSV_DELIMITER", .min = '\t', .max = '|', .def = ',',
                           .only = "',' ';' '\\t' '|'", .only_values = delimiters,
                           .only_count = sizeof delimiters / sizeof delimiters[0]},
    [LTV_CSV_STRICT] = LTV__SETTING("LTV_CSV_STRICT", 0, 1, 0),
};

static const ltv__settings settings = {"ltv_csv_param", items, LTV__CSV_PARAMS};

void ltv__csv_options_defaults(ltv_csv_options *opts) {
    memset(opts, 0, sizeof *opts);
    ltv__settings_defaults(&settings, opts->params);
}

const char *ltv_csv_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&settings, "ltv_csv_param_info", param, out_min, out_max);
}

int ltv_csv_options_new(ltv_csv_options **out) {
    LTV_REQUIRE(out, "ltv_csv_options_new");
    *out = ltv__malloc(sizeof **out);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_new: out of memory");
    ltv__csv_options_defaults(*out);
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
    return ltv__settings_set(&settings, "ltv_csv_options_set_i64", opts->params, param, value);
}

int ltv_csv_options_get_i64(const ltv_csv_options *opts, int param, int64_t *out_value) {
    LTV_REQUIRE(opts, "ltv_csv_options_get_i64");
    return ltv__settings_get(&settings, "ltv_csv_options_get_i64", opts->params, param, out_value);
}

int ltv_csv_options_set_progress(ltv_csv_options *opts, ltv_progress_fn progress, void *user_data) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_progress");
    opts->progress = progress;
    opts->progress_data = user_data;
    return LTV_OK;
}
