/* Lifecycle state, value rank and dormancy (see rules.h). */
#include "rules.h"

void ltv__rules_defaults(ltv__rules *rules) {
    rules->dormant_days = 180;
    rules->fan_min_orders = 5;
    rules->fan_min_tenure_days = 365;
    rules->excellent_min_year_orders = 4;
    rules->semi_min_year_orders = 2;
    rules->cancel_is_dormant = true;
    rules->activity = false;
    rules->alive_rule = LTV_ALIVE_OFF;
    rules->alive_threshold = 0.0;
}

bool ltv__rules_activity(int64_t setting, const ltv_ledger *ledger) {
    if (setting == LTV_ACTIVITY_AUTO) return ledger && ltv_ledger_visit_count(ledger) > 0;
    return setting == LTV_ACTIVITY_VISITS;
}

static int64_t param(const ltv_segment_config *cfg, int which, int64_t fallback) {
    int64_t value;
    return cfg && ltv_segment_config_get_i64(cfg, which, &value) == LTV_OK ? value : fallback;
}

void ltv__rules_from_config(ltv__rules *rules, const ltv_segment_config *cfg, const ltv_ledger *ledger) {
    ltv__rules_defaults(rules);
    rules->dormant_days = param(cfg, LTV_SEG_DORMANT_DAYS, rules->dormant_days);
    rules->fan_min_orders = param(cfg, LTV_SEG_FAN_MIN_ORDERS, rules->fan_min_orders);
    rules->fan_min_tenure_days = param(cfg, LTV_SEG_FAN_MIN_TENURE_DAYS, rules->fan_min_tenure_days);
    rules->excellent_min_year_orders = param(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, rules->excellent_min_year_orders);
    rules->semi_min_year_orders = param(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, rules->semi_min_year_orders);
    rules->cancel_is_dormant = param(cfg, LTV_SEG_CANCEL_IS_DORMANT, 1) != 0;
    rules->activity = ltv__rules_activity(param(cfg, LTV_SEG_ACTIVITY, LTV_ACTIVITY_AUTO), ledger);
}

int32_t ltv__rule_dormant_since(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_NO_DAY;
    /* dormant from the first day on which the inactivity exceeds the threshold ... */
    int64_t since = (int64_t)ltv__rule_last_activity(rules, facts) + rules->dormant_days + 1;
    /* ... or from the day after a membership cancel, which is when the cancel is known */
    if (ltv__rule_cancelled(rules, facts) && (int64_t)facts->cancel_day + 1 < since) since = (int64_t)facts->cancel_day + 1;
    if (since > LTV_DAY_MAX) return LTV_NO_DAY;
    return (int32_t)since;
}
