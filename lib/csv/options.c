/* Loader options: header names of the columns, integer knobs with their bounds, the caller's
 * status mapping and the placeholder ids that mean "no customer". */
#include <string.h>

#include "csv_internal.h"
#include "settings.h"

const char *const ltv__csv_canonical_names[LTV_CSV_COLUMNS] = {
    "customer_id", "order_date", "amount",   "items",    "kind",     "order_id",
    "order_total", "status",     "refund_amount", "shipping", "discount", "email",
    "orders", "recency_days", "last_order_date", "revenue"};

static const int64_t delimiters[] = {',', ';', '\t', '|'};

/* "0", "-", "guest", ゲスト, 非会員 */
static const char *const builtin_placeholders[] = {"0", "-", "guest", "\xE3\x82\xB2\xE3\x82\xB9\xE3\x83\x88",
                                                   "\xE9\x9D\x9E\xE4\xBC\x9A\xE5\x93\xA1"};

static const ltv__setting items[LTV__CSV_PARAMS] = {
    [LTV_CSV_DECIMALS] = LTV__SETTING("LTV_CSV_DECIMALS", 0, 6, 2),
    [LTV_CSV_MAX_ERRORS] = LTV__SETTING("LTV_CSV_MAX_ERRORS", 0, 1000000, 100),
    [LTV_CSV_DELIMITER] = {.name = "LTV_CSV_DELIMITER", .min = '\t', .max = '|', .def = ',',
                           .only = "',' ';' '\\t' '|'", .only_values = delimiters,
                           .only_count = sizeof delimiters / sizeof delimiters[0]},
    [LTV_CSV_STRICT] = LTV__SETTING("LTV_CSV_STRICT", 0, 1, 0),
    [LTV_CSV_GUESTS] = LTV__SETTING("LTV_CSV_GUESTS", 0, 2, LTV_CSV_GUESTS_AS_IDS),
    [LTV_CSV_OCCASIONS] = LTV__SETTING("LTV_CSV_OCCASIONS", 0, 1, 0),
    [LTV_CSV_CHECKS] = LTV__SETTING("LTV_CSV_CHECKS", 0, 1, 0),
    [LTV_CSV_MAX_REJECTED_BP] = LTV__SETTING("LTV_CSV_MAX_REJECTED_BP", 0, 10000, 500),
    [LTV_CSV_MAX_RECORD] = LTV__SETTING("LTV_CSV_MAX_RECORD", 1024, (int64_t)1 << 30, (int64_t)1 << 20),
    [LTV_CSV_STATUS_BUILTIN] = LTV__SETTING("LTV_CSV_STATUS_BUILTIN", 0, 1, 1),
};

static const ltv__settings settings = {"ltv_csv_param", items, LTV__CSV_PARAMS};

void ltv__csv_options_defaults(ltv_csv_options *opts) {
    memset(opts, 0, sizeof *opts);
    ltv__settings_defaults(&settings, opts->params);
}

const char *ltv_csv_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&settings, "ltv_csv_param_info", param, out_min, out_max);
}

size_t ltv__csv_placeholders(const ltv_csv_options *opts, const char *const **out) {
    if (!opts->placeholders_custom) {
        *out = builtin_placeholders;
        return sizeof builtin_placeholders / sizeof builtin_placeholders[0];
    }
    *out = (const char *const *)opts->placeholders;
    return opts->placeholder_count;
}

int ltv_csv_options_new(ltv_csv_options **out) {
    LTV_REQUIRE(out, "ltv_csv_options_new");
    *out = ltv__malloc(sizeof **out);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_new: out of memory");
    ltv__csv_options_defaults(*out);
    return LTV_OK;
}

static void clear_placeholders(ltv_csv_options *opts) {
    for (size_t i = 0; i < opts->placeholder_count; i++) ltv__free(opts->placeholders[i]);
    opts->placeholder_count = 0;
}

void ltv_csv_options_free(ltv_csv_options *opts) {
    if (!opts) return;
    for (int i = 0; i < LTV_CSV_COLUMNS; i++) ltv__free(opts->names[i]);
    ltv_timezone_free(opts->timezone);
    for (size_t i = 0; i < opts->status_count; i++) ltv__free(opts->statuses[i].value);
    ltv__free(opts->statuses);
    clear_placeholders(opts);
    ltv__free(opts);
}

/* Cuts spaces and tabs around a name and checks its length and encoding. */
static int checked_text(const char *func, const char *what, const char **text, size_t *len) {
    while (*len && ((*text)[0] == ' ' || (*text)[0] == '\t')) (*text)++, (*len)--;
    while (*len && ((*text)[*len - 1] == ' ' || (*text)[*len - 1] == '\t')) (*len)--;
    if (*len == 0 || *len > LTV_CSV_NAME_MAX)
        return ltv__fail(LTV_ERANGE, "%s: %s length %zu is outside 1..%d", func, what, *len, LTV_CSV_NAME_MAX);
    if (!ltv__utf8_valid(*text, *len, NULL) || memchr(*text, '\0', *len))
        return ltv__fail(LTV_EENCODING, "%s: the %s is not valid UTF-8 text", func, what);
    return LTV_OK;
}

int ltv_csv_options_set_column(ltv_csv_options *opts, int column, const char *name, size_t len) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_column");
    LTV_REQUIRE(name, "ltv_csv_options_set_column");
    if (column < 0 || column >= LTV_CSV_COLUMNS)
        return ltv__fail(LTV_EINVAL, "ltv_csv_options_set_column: column %d is not a column (0..%d)", column,
                         LTV_CSV_COLUMNS - 1);
    int status = checked_text("ltv_csv_options_set_column", "name", &name, &len);
    if (status != LTV_OK) return status;
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

int ltv_csv_options_map_status(ltv_csv_options *opts, const char *value, size_t len, int rule) {
    LTV_REQUIRE(opts, "ltv_csv_options_map_status");
    LTV_REQUIRE(value, "ltv_csv_options_map_status");
    if (rule < LTV_STATUS_COUNTED || rule > LTV_STATUS_PARTLY_REFUNDED)
        return ltv__fail(LTV_EINVAL, "ltv_csv_options_map_status: rule %d is not a status rule (0..3)", rule);
    int status = checked_text("ltv_csv_options_map_status", "status value", &value, &len);
    if (status != LTV_OK) return status;
    char normal[LTV_CSV_NAME_MAX];
    size_t n = ltv__status_normalise(value, len, normal);
    if (n == 0) return ltv__fail(LTV_ERANGE, "ltv_csv_options_map_status: the status value is only separators");
    for (size_t i = 0; i < opts->status_count; i++)
        if (opts->statuses[i].len == n && memcmp(opts->statuses[i].value, normal, n) == 0) {
            opts->statuses[i].rule = rule;
            return LTV_OK;
        }
    ltv__status_map *grown = ltv__realloc_array(opts->statuses, opts->status_count + 1, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_map_status: out of memory");
    opts->statuses = grown;
    char *copy = ltv__strndup(normal, n);
    if (!copy) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_map_status: out of memory");
    opts->statuses[opts->status_count++] = (ltv__status_map){copy, n, rule};
    return LTV_OK;
}

int ltv_csv_status_rule_of(const ltv_csv_options *opts, const char *value, size_t len, int *out_rule) {
    LTV_REQUIRE(value, "ltv_csv_status_rule_of");
    LTV_REQUIRE(out_rule, "ltv_csv_status_rule_of");
    ltv_csv_options fallback;
    if (!opts) {
        ltv__csv_options_defaults(&fallback);
        opts = &fallback;
    }
    char normal[LTV_CSV_NAME_MAX];
    size_t n = ltv__status_normalise(value, len, normal);
    int rule = n ? ltv__status_rule(opts, normal, n) : -1;
    if (rule < 0) return ltv__fail(LTV_ENOTFOUND, "status '%.*s' is not mapped", (int)(len > 80 ? 80 : len), value);
    *out_rule = rule;
    return LTV_OK;
}

int ltv_csv_options_add_no_customer_id(ltv_csv_options *opts, const char *text, size_t len) {
    LTV_REQUIRE(opts, "ltv_csv_options_add_no_customer_id");
    LTV_REQUIRE(text, "ltv_csv_options_add_no_customer_id");
    int status = checked_text("ltv_csv_options_add_no_customer_id", "placeholder", &text, &len);
    if (status != LTV_OK) return status;
    if (!opts->placeholders_custom) { /* the first addition starts from the built-in list */
        for (size_t i = 0; i < sizeof builtin_placeholders / sizeof builtin_placeholders[0]; i++) {
            opts->placeholders[i] = ltv__strndup(builtin_placeholders[i], strlen(builtin_placeholders[i]));
            if (!opts->placeholders[i]) {
                opts->placeholder_count = i;
                clear_placeholders(opts);
                return ltv__fail(LTV_ENOMEM, "ltv_csv_options_add_no_customer_id: out of memory");
            }
        }
        opts->placeholder_count = sizeof builtin_placeholders / sizeof builtin_placeholders[0];
        opts->placeholders_custom = true;
    }
    if (opts->placeholder_count == LTV_CSV_PLACEHOLDERS_MAX)
        return ltv__fail(LTV_ERANGE, "ltv_csv_options_add_no_customer_id: more than %d placeholders",
                         LTV_CSV_PLACEHOLDERS_MAX);
    char *copy = ltv__strndup(text, len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "ltv_csv_options_add_no_customer_id: out of memory");
    opts->placeholders[opts->placeholder_count++] = copy;
    return LTV_OK;
}

int ltv_csv_options_clear_no_customer_ids(ltv_csv_options *opts) {
    LTV_REQUIRE(opts, "ltv_csv_options_clear_no_customer_ids");
    clear_placeholders(opts);
    opts->placeholders_custom = true;
    return LTV_OK;
}
