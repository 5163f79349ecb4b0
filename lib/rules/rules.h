/* The domain rules of lifecycle state, value rank and dormancy, in one place: segmentation,
 * the health check, the planner and the grader all call these with the caller's thresholds,
 * so that a shop's settings mean the same in every output. Nothing here is exported. */
#ifndef LTVCRM_RULES_H
#define LTVCRM_RULES_H

#include "ltvcrm/ledger.h"
#include "ltvcrm/segment.h"

#include "internal.h"

/* The thresholds every rule reads (defaults: those of the domain notes, segment.h). */
typedef struct ltv__rules {
    int64_t dormant_days;              /* dormant when inactive for more than this */
    int64_t fan_min_orders;            /* fan: at least this many orders ... */
    int64_t fan_min_tenure_days;       /* ... over at least this tenure */
    int64_t excellent_min_year_orders; /* excellent rank: trailing-year orders */
    int64_t semi_min_year_orders;      /* semi-excellent rank: trailing-year orders */
    bool cancel_is_dormant;            /* a membership cancel makes a customer dormant */
    bool activity;                     /* membership activity: a visit is activity, a cancel always churns */
    int alive_rule;                    /* an ltv_alive_rule: how P(alive) takes part (off unless a run has one) */
    double alive_threshold;            /* ... dormant when P(alive) is below this */
} ltv__rules;

/* The defaults of the domain notes (180, 5, 365, 4, 2, cancel dormant, activity off). */
void ltv__rules_defaults(ltv__rules *rules);

/* The rules of a segmentation config (NULL: the defaults) for a ledger: ::LTV_ACTIVITY_AUTO
 * turns activity on when the ledger has visits. */
void ltv__rules_from_config(ltv__rules *rules, const ltv_segment_config *cfg, const ltv_ledger *ledger);

/* Resolves an ::ltv_activity setting for a ledger. */
bool ltv__rules_activity(int64_t setting, const ltv_ledger *ledger);

/* The per-customer rules are inline: a pass over every customer (segmentation) then computes
 * only the facts they read, and keeps them in registers instead of storing the whole struct. */

/* The day of the customer's last activity: the last order, or with activity the later of the
 * last order and the last visit. LTV_NO_DAY without orders. */
static inline int32_t ltv__rule_last_activity(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_NO_DAY;
    int32_t last = facts->last_order_day;
    if (rules->activity && facts->last_visit_day != LTV_NO_DAY && facts->last_visit_day > last)
        last = facts->last_visit_day;
    return last;
}

/* Days without activity: recency counts from the last order, so a later visit shortens it. */
static inline int64_t ltv__rule_inactive_days(const ltv__rules *rules, const ltv_customer_facts *facts) {
    return (int64_t)facts->recency_days - ((int64_t)ltv__rule_last_activity(rules, facts) - facts->last_order_day);
}

/* A cancel churns whatever the last activity (visits after it do not revive the member),
 * unless the caller turned the cancel rule off. */
static inline bool ltv__rule_cancelled(const ltv__rules *rules, const ltv_customer_facts *facts) {
    return facts->cancel_day != LTV_NO_DAY && rules->cancel_is_dormant;
}

/* The state once dormancy is decided. */
static inline int8_t ltv__rule_state_of(const ltv__rules *rules, const ltv_customer_facts *facts, bool dormant) {
    if (dormant) return LTV_STATE_DORMANT;
    if (facts->orders == 1) return LTV_STATE_NEW;
    if (facts->orders >= rules->fan_min_orders && facts->tenure_days >= rules->fan_min_tenure_days)
        return LTV_STATE_FAN;
    return LTV_STATE_REPEAT;
}

/* Lifecycle state (an ltv_state) from facts as of a day. */
static inline int8_t ltv__rule_state(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->orders <= 0) return LTV_STATE_NONE;
    return ltv__rule_state_of(rules, facts,
                              ltv__rule_inactive_days(rules, facts) > rules->dormant_days ||
                                  ltv__rule_cancelled(rules, facts));
}

/* Lifecycle state with the customer's P(alive) under rules->alive_rule (the days rule alone
 * when it is LTV_ALIVE_OFF, as ltv__rule_state). */
static inline int8_t ltv__rule_state_alive(const ltv__rules *rules, const ltv_customer_facts *facts, double p_alive) {
    if (facts->orders <= 0) return LTV_STATE_NONE;
    const bool by_days = ltv__rule_inactive_days(rules, facts) > rules->dormant_days;
    const bool by_alive = p_alive < rules->alive_threshold;
    bool dormant;
    switch (rules->alive_rule) {
    case LTV_ALIVE_EITHER: dormant = by_days || by_alive; break;
    case LTV_ALIVE_BOTH: dormant = by_days && by_alive; break;
    case LTV_ALIVE_REPLACE: dormant = by_alive; break;
    default: dormant = by_days; break;
    }
    return ltv__rule_state_of(rules, facts, dormant || ltv__rule_cancelled(rules, facts));
}

/* Value rank (an ltv_rank) from facts as of a day. */
static inline int8_t ltv__rule_rank(const ltv__rules *rules, const ltv_customer_facts *facts) {
    if (facts->year_orders <= 0) return LTV_RANK_NONE;
    if (facts->year_orders >= rules->excellent_min_year_orders) return LTV_RANK_EXCELLENT;
    if (facts->year_orders >= rules->semi_min_year_orders) return LTV_RANK_SEMI_EXCELLENT;
    /* one order in the trailing year: general with earlier orders, nurture without */
    return facts->orders > facts->year_orders ? LTV_RANK_GENERAL : LTV_RANK_NURTURE;
}

/* The first day on which the customer is dormant, given the facts as of a day after their
 * last activity (LTV_NO_DAY without orders or beyond the calendar). */
int32_t ltv__rule_dormant_since(const ltv__rules *rules, const ltv_customer_facts *facts);

#endif
