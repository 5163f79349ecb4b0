/* The planner's thresholds as the shared rules of lib/rules/: it evaluates state, rank and
 * dormancy itself because it needs them as of each step's day, not only as of a
 * segmentation's day; ltv_planner_use_segment_config() gives it the segmentation's values. */
#include "planner_internal.h"

void ltv__plan_rules(const ltv_planner *planner, const ltv_ledger *ledger, ltv__rules *out) {
    ltv__rules_defaults(out);
    out->dormant_days = planner->params[LTV_PLAN_DORMANT_DAYS];
    out->fan_min_orders = planner->params[LTV_PLAN_FAN_MIN_ORDERS];
    out->fan_min_tenure_days = planner->params[LTV_PLAN_FAN_MIN_TENURE_DAYS];
    out->excellent_min_year_orders = planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS];
    out->semi_min_year_orders = planner->params[LTV_PLAN_SEMI_MIN_ORDERS];
    out->cancel_is_dormant = planner->params[LTV_PLAN_CANCEL_IS_DORMANT] != 0;
    out->activity = ltv__rules_activity(planner->params[LTV_PLAN_ACTIVITY], ledger);
}
