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

int32_t ltv__rule_last_activity(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_NO_DAY;
    int32_t last = facts->last_order_day;
    if (rules->activity && facts->last_visit_day != LTV_NO_DAY && facts->last_visit_day > last)
        last = facts->last_visit_day;
    return last;
}

/* Days without activity: recency counts from the last order, so a later visit shortens it. */
static int64_t inactive_days(const ltv__rules *rules, const ltv_customer_facts *facts) {
    return (int64_t)facts->recency_days - ((int64_t)ltv__rule_last_activity(rules, facts) - facts->last_order_day);
}

/* A cancel churns whatever the last activity (visits after it do not revive the member),
 * unless the caller turned the cancel rule off. */
static bool cancelled(const ltv__rules *rules, const ltv_customer_facts *facts) {
    return facts->cancel_day != LTV_NO_DAY && rules->cancel_is_dormant;
}

/* The state once dormancy is decided. */
static int8_t state_of(const ltv__rules *rules, const ltv_customer_facts *facts, bool dormant) {
    if (dormant) return LTV_STATE_DORMANT;
    if (facts->orders == 1) return LTV_STATE_NEW;
    if (facts->orders >= rules->fan_min_orders && facts->tenure_days >= rules->fan_min_tenure_days)
        return LTV_STATE_FAN;
    return LTV_STATE_REPEAT;
}

int8_t ltv__rule_state(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_STATE_NONE;
    return state_of(rules, facts, inactive_days(rules, facts) > rules->dormant_days || cancelled(rules, facts));
}

int8_t ltv__rule_state_alive(const ltv__rules *rules, const ltv_customer_facts *facts, double p_alive) {
    if (facts->orders <= 0) return LTV_STATE_NONE;
    const bool by_days = inactive_days(rules, facts) > rules->dormant_days;
    const bool by_alive = p_alive < rules->alive_threshold;
    bool dormant;
    switch (rules->alive_rule) {
    case LTV_ALIVE_EITHER: dormant = by_days || by_alive; break;
    case LTV_ALIVE_BOTH: dormant = by_days && by_alive; break;
    case LTV_ALIVE_REPLACE: dormant = by_alive; break;
    default: dormant = by_days; break;
    }
    return state_of(rules, facts, dormant || cancelled(rules, facts));
}

int8_t ltv__rule_rank(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->year_orders <= 0) return LTV_RANK_NONE;
    if (facts->year_orders >= rules->excellent_min_year_orders) return LTV_RANK_EXCELLENT;
    if (facts->year_orders >= rules->semi_min_year_orders) return LTV_RANK_SEMI_EXCELLENT;
    /* one order in the trailing year: general with earlier orders, nurture without */
    return facts->orders > facts->year_orders ? LTV_RANK_GENERAL : LTV_RANK_NURTURE;
}

int32_t ltv__rule_dormant_since(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_NO_DAY;
    /* dormant from the first day on which the inactivity exceeds the threshold ... */
    int64_t since = (int64_t)ltv__rule_last_activity(rules, facts) + rules->dormant_days + 1;
    /* ... or from the day after a membership cancel, which is when the cancel is known */
    if (cancelled(rules, facts) && (int64_t)facts->cancel_day + 1 < since) since = (int64_t)facts->cancel_day + 1;
    if (since > LTV_DAY_MAX) return LTV_NO_DAY;
    return (int32_t)since;
}
