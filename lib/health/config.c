/* Health-check settings: enum-keyed integers with bounds, and the fixed windows and bins. */
#include "health_internal.h"
#include "settings.h"

const int32_t ltv__health_windows[LTV_HEALTH_WINDOWS] = {7, 30, 60, 90, 180, 365};
/* Seed 004's bins; the fourth ends on day 365 so that "over 365" means more than a year. */
const int32_t ltv__health_bin_first[LTV_HEALTH_TENURE_BINS] = {0, 100, 200, 300, 366};
const int32_t ltv__health_bin_last[LTV_HEALTH_TENURE_BINS] = {99, 199, 299, 365, -1};

static const ltv__setting items[LTV__HEALTH_PARAMS] = {
    [LTV_HEALTH_CHURN_SHORT_DAYS] = LTV__SETTING("LTV_HEALTH_CHURN_SHORT_DAYS", 1, 3650, 182),
    [LTV_HEALTH_CHURN_LONG_DAYS] = LTV__SETTING("LTV_HEALTH_CHURN_LONG_DAYS", 1, 3650, 365),
    [LTV_HEALTH_USAGE_LOW_MAX] = LTV__SETTING("LTV_HEALTH_USAGE_LOW_MAX", 0, 100000, 60),
    [LTV_HEALTH_USAGE_HIGH_MIN] = LTV__SETTING("LTV_HEALTH_USAGE_HIGH_MIN", 1, 100000, 120),
    [LTV_HEALTH_RISK_PERIOD_DAYS] = LTV__SETTING("LTV_HEALTH_RISK_PERIOD_DAYS", 1, 365, 30),
    [LTV_HEALTH_RISK_MIN_AT_RISK] = LTV__SETTING("LTV_HEALTH_RISK_MIN_AT_RISK", 1, 1000000000, 10),
};

static const ltv__settings settings = {"ltv_health_param", items, LTV__HEALTH_PARAMS};

void ltv__health_config_defaults(int64_t values[LTV__HEALTH_PARAMS]) { ltv__settings_defaults(&settings, values); }

const char *ltv_health_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&settings, "ltv_health_param_info", param, out_min, out_max);
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

int ltv_health_config_set_i64(ltv_health_config *cfg, int param, int64_t value) {
    LTV_REQUIRE(cfg, "ltv_health_config_set_i64");
    return ltv__settings_set(&settings, "ltv_health_config_set_i64", cfg->values, param, value);
}

int ltv_health_config_get_i64(const ltv_health_config *cfg, int param, int64_t *out_value) {
    LTV_REQUIRE(cfg, "ltv_health_config_get_i64");
    return ltv__settings_get(&settings, "ltv_health_config_get_i64", cfg->values, param, out_value);
}
