/* Checking a step for one customer: the anchor of each trigger, stop rules and conditions.
 * Shared by the whole-ledger run and the one-customer schedule so that both always agree. */
#include <string.h>

#include "planner_internal.h"

static void empty_facts(ltv_customer_facts *facts) {
    memset(facts, 0, sizeof *facts);
    facts->first_order_day = facts->second_order_day = facts->last_order_day = LTV_NO_DAY;
    facts->first_event_day = facts->cancel_day = facts->last_visit_day = LTV_NO_DAY;
    facts->tenure_days = -1;
    facts->recency_days = -1;
}

void ltv__plan_scratch_free(ltv__plan_scratch *scratch) {
    ltv__free(scratch->kinds);
    ltv__free(scratch->days);
    ltv__free(scratch->amounts);
    memset(scratch, 0, sizeof *scratch);
}

int ltv__plan_facts_at(const ltv__plan_customer *c, int32_t day, ltv_customer_facts *out) {
    if (c->index == LTV_PLAN_NOT_IN_LEDGER) {
        empty_facts(out);
        return LTV_OK;
    }
    return ltv_ledger_facts(c->ledger, c->index, day, out, sizeof *out);
}

int ltv__plan_customer_init(ltv__plan_customer *c, const ltv_planner *planner, const ltv_ledger *ledger,
                            uint64_t index, int32_t as_of, const ltv__plan_pevents *pevents,
                            ltv__plan_scratch *scratch) {
    c->planner = planner;
    c->ledger = ledger;
    c->index = index;
    c->as_of = as_of;
    c->scratch = scratch;
    ltv__plan_rules(planner, ledger, &c->rules);
    c->events_loaded = false;
    c->n_events = 0;
    c->alive_falling = false;
    if (pevents)
        c->pevents = *pevents;
    else
        memset(&c->pevents, 0, sizeof c->pevents);
    return ltv__plan_facts_at(c, as_of, &c->facts);
}

/* The latest platform event of a kind before the as-of day. */
static int32_t latest_pevent(const ltv__plan_customer *c, int kind, int32_t before) {
    for (size_t i = c->pevents.n[kind]; i > 0; i--)
        if (c->pevents.days[kind][i - 1] < before) return c->pevents.days[kind][i - 1];
    return LTV_NO_DAY;
}

int32_t ltv__plan_anchor(const ltv__plan_customer *c, int32_t trigger) {
    int32_t anchor = LTV_NO_DAY;
    switch (trigger) {
    case LTV_TRIGGER_PURCHASE: anchor = c->facts.last_order_day; break;
    case LTV_TRIGGER_FIRST_PURCHASE: anchor = c->facts.first_order_day; break;
    case LTV_TRIGGER_DORMANT: anchor = ltv__rule_dormant_since(&c->rules, &c->facts); break;
    case LTV_TRIGGER_CART_CREATED: anchor = latest_pevent(c, LTV_PLATFORM_CART_CREATED, c->as_of); break;
    case LTV_TRIGGER_PRODUCT_VIEWED: anchor = latest_pevent(c, LTV_PLATFORM_PRODUCT_VIEWED, c->as_of); break;
    default: break;
    }
    if (anchor == LTV_NO_DAY || anchor > c->as_of || (int64_t)c->as_of - anchor > LTV_PLAN_DAY_MAX) return LTV_NO_DAY;
    return anchor;
}

static bool purchase_trigger(int32_t trigger) {
    return trigger == LTV_TRIGGER_PURCHASE || trigger == LTV_TRIGGER_FIRST_PURCHASE;
}

int32_t ltv__plan_eval_day(const ltv__plan_customer *c, int32_t trigger, int32_t anchor, int32_t step_day) {
    int32_t day = step_day < c->as_of ? step_day : c->as_of;
    /* A purchase is known from the next day on: a day-0 step is checked then. */
    if (purchase_trigger(trigger) && day <= anchor) day = anchor + 1;
    return day;
}

/* Read the customer's ledger events into the scratch buffers once. */
static int load_events(ltv__plan_customer *c) {
    if (c->events_loaded) return LTV_OK;
    c->n_events = 0;
    if (c->index != LTV_PLAN_NOT_IN_LEDGER) {
        ltv__plan_scratch *s = c->scratch;
        size_t need = 0;
        int status = ltv_ledger_customer_events(c->ledger, c->index, s->kinds, s->days, s->amounts, NULL, s->cap, &need);
        if (status == LTV_EBUFSIZE || (status == LTV_OK && need > s->cap)) {
            size_t cap = s->cap ? s->cap : 16;
            while (cap < need) cap *= 2;
            uint8_t *kinds = ltv__realloc_array(s->kinds, cap, sizeof *kinds);
            if (kinds) s->kinds = kinds;
            int32_t *days = ltv__realloc_array(s->days, cap, sizeof *days);
            if (days) s->days = days;
            int64_t *amounts = ltv__realloc_array(s->amounts, cap, sizeof *amounts);
            if (amounts) s->amounts = amounts;
            if (!kinds || !days || !amounts) return ltv__fail(LTV_ENOMEM, "planner: out of memory reading events");
            s->cap = cap;
            status = ltv_ledger_customer_events(c->ledger, c->index, s->kinds, s->days, s->amounts, NULL, s->cap, &need);
        }
        if (status != LTV_OK) return status;
        c->n_events = need;
    }
    c->events_loaded = true;
    return LTV_OK;
}

/* The first ledger event of a kind with lo <= day < hi, or LTV_NO_DAY. Events are in
 * the ledger's canonical order, by day. */
static int first_event_in(ltv__plan_customer *c, int kind, int32_t lo, int32_t hi, int32_t *out_day) {
    *out_day = LTV_NO_DAY;
    int status = load_events(c);
    if (status != LTV_OK) return status;
    for (size_t i = 0; i < c->n_events; i++) {
        int32_t day = c->scratch->days[i];
        if (day >= hi) break;
        if (day >= lo && c->scratch->kinds[i] == kind) {
            *out_day = day;
            break;
        }
    }
    return LTV_OK;
}

static int32_t first_pevent_in(const ltv__plan_customer *c, int kind, int32_t lo, int32_t hi) {
    for (size_t i = 0; i < c->pevents.n[kind]; i++) {
        int32_t day = c->pevents.days[kind][i];
        if (day >= hi) break;
        if (day >= lo) return day;
    }
    return LTV_NO_DAY;
}

/* Value of the anchor order: for purchase triggers the orders on the anchor day, for the
 * others the orders on the last order day before the anchor. */
static int anchor_order_value(ltv__plan_customer *c, int32_t trigger, int32_t anchor, int64_t *out) {
    *out = 0;
    int status = load_events(c);
    if (status != LTV_OK) return status;
    int32_t day = LTV_NO_DAY;
    if (purchase_trigger(trigger)) {
        day = anchor;
    } else {
        for (size_t i = 0; i < c->n_events; i++)
            if (c->scratch->days[i] < anchor && c->scratch->kinds[i] == LTV_EVENT_ORDER) day = c->scratch->days[i];
    }
    if (day == LTV_NO_DAY) return LTV_OK;
    int64_t sum = 0;
    for (size_t i = 0; i < c->n_events; i++)
        if (c->scratch->days[i] == day && c->scratch->kinds[i] == LTV_EVENT_ORDER &&
            !ltv__add_i64(sum, c->scratch->amounts[i], &sum))
            sum = INT64_MAX;
    *out = sum;
    return LTV_OK;
}

static int32_t state_bit(int value) { return value < 0 ? LTV_PLAN_MASK_NONE_BIT : (int32_t)1 << value; }

/* Stop rules: an event after the anchor and before the eval day. For purchase triggers an
 * order counts from the day after the anchor (orders on the anchor day are the anchor
 * purchase); a cart counts from the day after a cart anchor for the same reason. */
static int check_stops(ltv__plan_customer *c, const ltv__plan_step *step, int32_t trigger, int32_t anchor,
                       int32_t eval_day, const ltv_customer_facts *facts, bool want_detail, ltv__plan_verdict *out) {
    int32_t best_day = LTV_NO_DAY;
    int best_bit = 0;
    int status;
    if (step->stop & LTV_STOP_ORDER) {
        int32_t lo = purchase_trigger(trigger) ? anchor + 1 : anchor;
        if (facts->last_order_day != LTV_NO_DAY && facts->last_order_day >= lo) {
            int32_t day = facts->last_order_day;
            if (want_detail && (status = first_event_in(c, LTV_EVENT_ORDER, lo, eval_day, &day)) != LTV_OK)
                return status;
            best_day = day;
            best_bit = LTV_STOP_ORDER;
            if (!want_detail) goto done;
        }
    }
    static const struct {
        int bit, kind;
    } ledger_stops[] = {{LTV_STOP_REFUND, LTV_EVENT_REFUND}, {LTV_STOP_CANCEL, LTV_EVENT_CANCEL}};
    for (size_t k = 0; k < sizeof ledger_stops / sizeof ledger_stops[0]; k++) {
        if (!(step->stop & ledger_stops[k].bit)) continue;
        int32_t day;
        if ((status = first_event_in(c, ledger_stops[k].kind, anchor, eval_day, &day)) != LTV_OK) return status;
        if (day != LTV_NO_DAY && (best_day == LTV_NO_DAY || day < best_day)) {
            best_day = day;
            best_bit = ledger_stops[k].bit;
            if (!want_detail) goto done;
        }
    }
    if (step->stop & LTV_STOP_CART) {
        int32_t lo = trigger == LTV_TRIGGER_CART_CREATED ? anchor + 1 : anchor;
        int32_t day = first_pevent_in(c, LTV_PLATFORM_CART_CREATED, lo, eval_day);
        if (day != LTV_NO_DAY && (best_day == LTV_NO_DAY || day < best_day)) {
            best_day = day;
            best_bit = LTV_STOP_CART;
        }
    }
done:
    if (best_bit) {
        out->status = LTV_ENTRY_STOPPED;
        out->reason = best_bit;
        out->reason_day = want_detail ? best_day : LTV_NO_DAY;
    }
    return LTV_OK;
}

int ltv__plan_check_step(ltv__plan_customer *c, const ltv__plan_step *step, int32_t trigger, int32_t anchor,
                         int32_t eval_day, const ltv_customer_facts *facts, bool want_detail,
                         ltv__plan_verdict *out) {
    out->status = LTV_ENTRY_PASSED;
    out->reason = -1;
    out->reason_day = LTV_NO_DAY;
    /* membership: a cancel ends every step but those that ask for dormant (cancelled) members:
     * a dormant trigger (reactivation) or a state condition that names dormant */
    if (c->rules.activity && facts->cancel_day != LTV_NO_DAY && trigger != LTV_TRIGGER_DORMANT &&
        !(step->states & state_bit(LTV_STATE_DORMANT))) {
        out->status = LTV_ENTRY_STOPPED;
        out->reason = LTV_STOP_CANCEL;
        out->reason_day = want_detail ? facts->cancel_day : LTV_NO_DAY;
        return LTV_OK;
    }
    if (step->stop) {
        int status = check_stops(c, step, trigger, anchor, eval_day, facts, want_detail, out);
        if (status != LTV_OK || out->status == LTV_ENTRY_STOPPED) return status;
    }
    int failed = -1;
    if (step->states && !(step->states & state_bit(ltv__rule_state(&c->rules, facts))))
        failed = LTV_STEP_STATES;
    else if (step->ranks && !(step->ranks & state_bit(ltv__rule_rank(&c->rules, facts))))
        failed = LTV_STEP_RANKS;
    else if (facts->orders < step->min_orders)
        failed = LTV_STEP_MIN_ORDERS;
    else if (step->max_orders >= 0 && facts->orders > step->max_orders)
        failed = LTV_STEP_MAX_ORDERS;
    else if (step->before_second && facts->orders >= 2)
        failed = LTV_STEP_BEFORE_SECOND_PURCHASE;
    else if (step->alive_falling && !c->alive_falling)
        failed = LTV_STEP_ALIVE_FALLING;
    else if (step->min_order_value > 0) {
        int64_t value;
        int status = anchor_order_value(c, trigger, anchor, &value);
        if (status != LTV_OK) return status;
        if (value < step->min_order_value) failed = LTV_STEP_MIN_ORDER_VALUE;
    }
    if (failed >= 0) {
        out->status = LTV_ENTRY_SKIPPED;
        out->reason = failed;
    }
    return LTV_OK;
}
