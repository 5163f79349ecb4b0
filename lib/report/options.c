/* Report settings: enum-keyed integers with bounds, and borrowed inputs for optional sections. */
#include <inttypes.h>
#include <string.h>

#include "report_internal.h"

typedef struct param_info {
    const char *name;
    int64_t min, max, fallback;
} param_info;

static const param_info params[LTV__REPORT_PARAMS] = {
    {"LTV_REPORT_LANG", LTV_LANG_EN, LTV_LANG_JA, LTV_LANG_EN},
    {"LTV_REPORT_DECIMALS", 0, 6, 2},
    /* LTV_NO_DAY is below the range: it is accepted separately as "none" */
    {"LTV_REPORT_GENERATED_DAY", LTV_DAY_MIN, LTV_DAY_MAX, LTV_NO_DAY},
    {"LTV_REPORT_CPO", -1, INT64_MAX, -1},
    {"LTV_REPORT_CALIBRATION_END", LTV_DAY_MIN, LTV_DAY_MAX, LTV_NO_DAY},
    {"LTV_REPORT_HOLDOUT_END", LTV_DAY_MIN, LTV_DAY_MAX, LTV_NO_DAY},
    {"LTV_REPORT_MODEL", LTV_MODEL_BGNBD, LTV_MODEL_MBGNBD, LTV_MODEL_BGNBD},
};

void ltv__report_defaults(int64_t values[LTV__REPORT_PARAMS]) {
    for (int i = 0; i < LTV__REPORT_PARAMS; i++) values[i] = params[i].fallback;
}

const char *ltv_report_param_info(int param, int64_t *out_min, int64_t *out_max) {
    if (param < 0 || param >= LTV__REPORT_PARAMS) return NULL;
    if (out_min) *out_min = params[param].min;
    if (out_max) *out_max = params[param].max;
    return params[param].name;
}

int ltv_report_options_new(ltv_report_options **out) {
    LTV_REQUIRE(out, "ltv_report_options_new");
    *out = NULL;
    ltv_report_options *opts = ltv__calloc(1, sizeof *opts);
    if (!opts) return ltv__fail(LTV_ENOMEM, "ltv_report_options_new: out of memory");
    ltv__report_defaults(opts->values);
    *out = opts;
    return LTV_OK;
}

void ltv_report_options_free(ltv_report_options *opts) {
    if (!opts) return;
    ltv__free(opts->title);
    ltv__free(opts);
}

static int check_param(const char *func, int param) {
    if (param < 0 || param >= LTV__REPORT_PARAMS)
        return ltv__fail(LTV_EINVAL, "%s: unknown parameter %d (valid: 0..%d, see ltv_report_param)", func, param,
                         LTV__REPORT_PARAMS - 1);
    return LTV_OK;
}

int ltv_report_options_set_i64(ltv_report_options *opts, int param, int64_t value) {
    LTV_REQUIRE(opts, "ltv_report_options_set_i64");
    int status = check_param("ltv_report_options_set_i64", param);
    if (status != LTV_OK) return status;
    const param_info *p = &params[param];
    const bool day = param == LTV_REPORT_GENERATED_DAY || param == LTV_REPORT_CALIBRATION_END ||
                     param == LTV_REPORT_HOLDOUT_END;
    const bool none_day = day && value == LTV_NO_DAY;
    if (!none_day && (value < p->min || value > p->max))
        return ltv__fail(LTV_ERANGE, "%s %" PRId64 " is outside %" PRId64 "..%" PRId64 "%s", p->name, value, p->min,
                         p->max, day ? " (or LTV_NO_DAY for none)" : "");
    opts->values[param] = value;
    return LTV_OK;
}

int ltv_report_options_get_i64(const ltv_report_options *opts, int param, int64_t *out_value) {
    LTV_REQUIRE(opts, "ltv_report_options_get_i64");
    LTV_REQUIRE(out_value, "ltv_report_options_get_i64");
    int status = check_param("ltv_report_options_get_i64", param);
    if (status != LTV_OK) return status;
    *out_value = opts->values[param];
    return LTV_OK;
}

int ltv_report_options_set_segment_config(ltv_report_options *opts, const ltv_segment_config *cfg) {
    LTV_REQUIRE(opts, "ltv_report_options_set_segment_config");
    opts->segment = cfg;
    return LTV_OK;
}

int ltv_report_options_set_health_config(ltv_report_options *opts, const ltv_health_config *cfg) {
    LTV_REQUIRE(opts, "ltv_report_options_set_health_config");
    opts->health = cfg;
    return LTV_OK;
}

int ltv_report_options_set_planner(ltv_report_options *opts, const ltv_planner *planner) {
    LTV_REQUIRE(opts, "ltv_report_options_set_planner");
    opts->planner = planner;
    return LTV_OK;
}

int ltv_report_options_set_matrix(ltv_report_options *opts, const ltv_matrix *matrix) {
    LTV_REQUIRE(opts, "ltv_report_options_set_matrix");
    opts->matrix = matrix;
    return LTV_OK;
}

int ltv_report_options_set_answers(ltv_report_options *opts, const char *answers, size_t len) {
    LTV_REQUIRE(opts, "ltv_report_options_set_answers");
    if (len == 0) {
        opts->answers[0] = '\0';
        return LTV_OK;
    }
    LTV_REQUIRE(answers, "ltv_report_options_set_answers");
    ltv_grade *grade = NULL;
    int status = ltv_grader_grade(&grade, answers, len);
    if (status != LTV_OK) return status;
    /* keep the normalised letters the grader read, so any accepted spelling fits */
    const char *letters = ltv_grade_answers(grade);
    size_t n = letters ? strlen(letters) : 0;
    if (n >= sizeof opts->answers) n = sizeof opts->answers - 1;
    memcpy(opts->answers, letters ? letters : "", n);
    opts->answers[n] = '\0';
    ltv_grade_free(grade);
    return LTV_OK;
}

int ltv_report_options_set_title(ltv_report_options *opts, const char *title, size_t len) {
    LTV_REQUIRE(opts, "ltv_report_options_set_title");
    if (len == 0) {
        ltv__free(opts->title);
        opts->title = NULL;
        return LTV_OK;
    }
    LTV_REQUIRE(title, "ltv_report_options_set_title");
    if (len > LTV__REPORT_TITLE_MAX)
        return ltv__fail(LTV_ERANGE, "ltv_report_options_set_title: %zu bytes is over the %d allowed", len,
                         LTV__REPORT_TITLE_MAX);
    size_t bad = 0;
    if (!ltv__utf8_valid(title, len, &bad))
        return ltv__fail(LTV_EENCODING, "ltv_report_options_set_title: byte %zu is not valid UTF-8", bad);
    char *copy = ltv__strndup(title, len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "ltv_report_options_set_title: out of memory");
    ltv__free(opts->title);
    opts->title = copy;
    return LTV_OK;
}
