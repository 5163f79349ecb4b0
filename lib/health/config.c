/* Health-check settings: enum-keyed integers with bounds, and the fixed windows and bins. */
#include <inttypes.h>

#include "health_internal.h"

const int32_t ltv__health_windows[LTV_HEALTH_WINDOWS] = {7, 30, 60, 90, 180, 365};
/* Seed 004's bins; the fourth ends on day 365 so that "over 365" means more than a year. */
const int32_t ltv__health_bin_first[LTV_HEALTH_TENURE_BINS] = {0, 100, 200, 300, 366};
const int32_t ltv__health_bin_last[LTV_HEALTH_TENURE_BINS] = {99, 199, 299, 365, -1};

typedef struct param_info {
    const char *name;
    int64_t min, max, fallback;
} param_info;

static const param_info params[LTV__HEALTH_PARAMS] = {
    {"LTV_HEALTH_CHURN_SHORT_DAYS", 1, 3650, 182},
    {"LTV_HEALTH_CHURN_LONG_DAYS", 1, 3650, 365},
    {"LTV_HEALTH_USAGE_LOW_MAX", 0, 100000, 60},
    {"LTV_HEALTH_USAGE_HIGH_MIN", 1, 100000, 120},
    {"LTV_HEALTH_RISK_PERIOD_DAYS", 1, 365, 30},
    {"LTV_HEALTH_RISK_MIN_AT_RISK", 1, 1000000000, 10},
};

void ltv__health_config_defaults(int64_t values[LTV__HEALTH_PARAMS]) {
    for (int i = 0; i < LTV__HEALTH_PARAMS; i++) values[i] = params[i].fallback;
}

const char *ltv_health_param_info(int param, int64_t *out_min, int64_t *out_max) {
    if (param < 0 || param >= LTV__HEALTH_PARAMS) return NULL;
    if (out_min) *out_min = params[param].min;
    if (out_max) *out_max = params[param].max;
    return params[param].name;
}

int ltv_health_config_new(ltv_health_config **out) {
    LTV_REQUIRE(out, "ltv_health_config_new");
    *out = NULL;
    ltv_health_config *cfg = ltv__malloc(sizeof *cfg);
    if (!cfg) return ltv__fail(LTV_ENOMEM, "ltv_health_config_new: out of memory");
    ltv__health_config_defaults(cfg->values);
    *out = cfg;
    return LTV_OK;
}

void ltv_health_config_free(ltv_health_config *cfg) { ltv__free(cfg); }

static int check_param(const char *func, int param) {
    if (param < 0 || param >= LTV__HEALTH_PARAMS)
        return ltv__fail(LTV_EINVAL, "%s: unknown parameter %d (valid: 0..%d, see ltv_health_param)", func, param,
                         LTV__HEALTH_PARAMS - 1);
    return LTV_OK;
}

int ltv_health_config_set_i64(ltv_health_config *cfg, int param, int64_t value) {
    LTV_REQUIRE(cfg, "ltv_health_config_set_i64");
    int status = check_param("ltv_health_config_set_i64", param);
    if (status != LTV_OK) return status;
    const param_info *p = &params[param];
    if (value < p->min || value > p->max)
        return ltv__fail(LTV_ERANGE, "%s %" PRId64 " is outside %" PRId64 "..%" PRId64, p->name, value, p->min, p->max);
    cfg->values[param] = value;
    return LTV_OK;
}

int ltv_health_config_get_i64(const ltv_health_config *cfg, int param, int64_t *out_value) {
    LTV_REQUIRE(cfg, "ltv_health_config_get_i64");
    LTV_REQUIRE(out_value, "ltv_health_config_get_i64");
    int status = check_param("ltv_health_config_get_i64", param);
    if (status != LTV_OK) return status;
    *out_value = cfg->values[param];
    return LTV_OK;
}
