/* Lifecycle state and value rank from a customer's facts, with the rules of segment.h. The
 * planner evaluates them itself because it needs them as of each step's day, not only as of
 * a segmentation's day; ltv_planner_use_segment_config() gives it the same thresholds. */
#include "planner_internal.h"

int ltv__plan_state(const ltv_planner *planner, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_STATE_NONE;
    bool cancelled = facts->cancel_day != LTV_NO_DAY && planner->params[LTV_PLAN_CANCEL_IS_DORMANT];
    if (facts->recency_days > planner->params[LTV_PLAN_DORMANT_DAYS] || cancelled)
        return LTV_STATE_DORMANT;
    if (facts->orders == 1) return LTV_STATE_NEW;
    if (facts->orders >= planner->params[LTV_PLAN_FAN_MIN_ORDERS] &&
        facts->tenure_days >= planner->params[LTV_PLAN_FAN_MIN_TENURE_DAYS])
        return LTV_STATE_FAN;
    return LTV_STATE_REPEAT;
}

int ltv__plan_rank(const ltv_planner *planner, const ltv_customer_facts *facts) {
    if (facts->year_orders <= 0) return LTV_RANK_NONE;
    if (facts->year_orders >= planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS]) return LTV_RANK_EXCELLENT;
    if (facts->year_orders >= planner->params[LTV_PLAN_SEMI_MIN_ORDERS]) return LTV_RANK_SEMI_EXCELLENT;
    /* Fewer orders in the trailing year: general with earlier history, nurture without. */
    return facts->orders > facts->year_orders ? LTV_RANK_GENERAL : LTV_RANK_NURTURE;
}

int32_t ltv__plan_dormant_since(const ltv_planner *planner, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_NO_DAY;
    /* Dormant from the first day on which recency exceeds the threshold ... */
    int64_t since = (int64_t)facts->last_order_day + planner->params[LTV_PLAN_DORMANT_DAYS] + 1;
    /* ... or from the day after a membership cancel, which is when the cancel is known. */
    if (facts->cancel_day != LTV_NO_DAY && planner->params[LTV_PLAN_CANCEL_IS_DORMANT] &&
        (int64_t)facts->cancel_day + 1 < since)
        since = (int64_t)facts->cancel_day + 1;
    if (since > LTV_DAY_MAX) return LTV_NO_DAY;
    return (int32_t)since;
}
