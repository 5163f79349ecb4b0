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

/* The day of the customer's last activity: the last order, or with activity the later of the
 * last order and the last visit. LTV_NO_DAY without orders. */
int32_t ltv__rule_last_activity(const ltv__rules *rules, const ltv_customer_facts *facts);

/* Lifecycle state (an ltv_state) from facts as of a day. */
int8_t ltv__rule_state(const ltv__rules *rules, const ltv_customer_facts *facts);

/* Lifecycle state with the customer's P(alive) under rules->alive_rule (the days rule alone
 * when it is LTV_ALIVE_OFF, as ltv__rule_state). */
int8_t ltv__rule_state_alive(const ltv__rules *rules, const ltv_customer_facts *facts, double p_alive);

/* Value rank (an ltv_rank) from facts as of a day. */
int8_t ltv__rule_rank(const ltv__rules *rules, const ltv_customer_facts *facts);

/* The first day on which the customer is dormant, given the facts as of a day after their
 * last activity (LTV_NO_DAY without orders or beyond the calendar). */
int32_t ltv__rule_dormant_since(const ltv__rules *rules, const ltv_customer_facts *facts);

#endif
