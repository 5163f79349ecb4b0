/* One customer's dated schedule: every step of every anchored scenario with its status. */
#include <stdlib.h>
#include <string.h>

#include "planner_internal.h"

typedef struct schedule_entry {
    uint32_t scenario, step;
    int32_t day;
    int status;
    int reason;
    int32_t reason_day;
} schedule_entry;

struct ltv_schedule {
    int32_t as_of;
    schedule_entry *entries;
    size_t count;
    size_t n_scenarios;
    int32_t anchors[LTV_PLAN_MAX_SCENARIOS];
    int state, rank;
    int32_t orders;
};

void ltv_schedule_free(ltv_schedule *schedule) {
    if (!schedule) return;
    ltv__free(schedule->entries);
    ltv__free(schedule);
}

size_t ltv_schedule_count(const ltv_schedule *schedule) { return schedule ? schedule->count : 0; }

int ltv_schedule_entry(const ltv_schedule *schedule, size_t i, size_t *out_scenario, size_t *out_step,
                       int32_t *out_day, int *out_status, int *out_reason, int32_t *out_reason_day) {
    static const char func[] = "ltv_schedule_entry";
    LTV_REQUIRE(schedule, func);
    if (i >= schedule->count)
        return ltv__fail(LTV_ERANGE, "%s: index %zu is outside 0..%zu (%zu entries)", func, i,
                         schedule->count ? schedule->count - 1 : 0, schedule->count);
    const schedule_entry *e = &schedule->entries[i];
    if (out_scenario) *out_scenario = e->scenario;
    if (out_step) *out_step = e->step;
    if (out_day) *out_day = e->day;
    if (out_status) *out_status = e->status;
    if (out_reason) *out_reason = e->reason;
    if (out_reason_day) *out_reason_day = e->reason_day;
    return LTV_OK;
}

int ltv_schedule_anchor(const ltv_schedule *schedule, size_t scenario, int32_t *out_day) {
    static const char func[] = "ltv_schedule_anchor";
    LTV_REQUIRE(schedule, func);
    LTV_REQUIRE(out_day, func);
    if (scenario >= schedule->n_scenarios)
        return ltv__fail(LTV_ERANGE, "%s: scenario index %zu is outside 0..%zu", func, scenario,
                         schedule->n_scenarios ? schedule->n_scenarios - 1 : 0);
    if (schedule->anchors[scenario] == LTV_NO_DAY)
        return ltv__fail(LTV_ENOTFOUND, "%s: scenario %zu has no anchor for this customer within the last %d days",
                         func, scenario, LTV_PLAN_DAY_MAX);
    *out_day = schedule->anchors[scenario];
    return LTV_OK;
}

int ltv_schedule_segment(const ltv_schedule *schedule, int *out_state, int *out_rank, int32_t *out_orders) {
    LTV_REQUIRE(schedule, "ltv_schedule_segment");
    if (out_state) *out_state = schedule->state;
    if (out_rank) *out_rank = schedule->rank;
    if (out_orders) *out_orders = schedule->orders;
    return LTV_OK;
}

static int compare_entries(const void *a, const void *b) {
    const schedule_entry *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->scenario != y->scenario) return x->scenario < y->scenario ? -1 : 1;
    return (x->step > y->step) - (x->step < y->step);
}

/* The customer's platform events, copied out of the list (the list is not indexed). */
typedef struct own_pevents {
    int32_t *days[2];
    size_t n[2];
} own_pevents;

static int compare_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int collect_pevents(const ltv_plan_events *events, uint32_t slot, own_pevents *out) {
    for (size_t i = 0; i < events->n_events; i++)
        if (events->ev_id[i] == slot) out->n[events->ev_kind[i]]++;
    for (int k = 0; k < 2; k++) {
        out->days[k] = ltv__malloc((out->n[k] ? out->n[k] : 1) * sizeof *out->days[k]);
        if (!out->days[k]) return LTV_ENOMEM;
        out->n[k] = 0;
    }
    for (size_t i = 0; i < events->n_events; i++)
        if (events->ev_id[i] == slot) out->days[events->ev_kind[i]][out->n[events->ev_kind[i]]++] = events->ev_day[i];
    for (int k = 0; k < 2; k++) qsort(out->days[k], out->n[k], sizeof *out->days[k], compare_i32);
    return LTV_OK;
}

static int fill(ltv_schedule *sched, const ltv_planner *planner, ltv__plan_customer *c) {
    size_t total = 0;
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        sched->anchors[s] = ltv__plan_anchor(c, planner->scenarios[s].trigger);
        if (sched->anchors[s] != LTV_NO_DAY) total += planner->scenarios[s].n_steps;
    }
    sched->entries = ltv__malloc((total ? total : 1) * sizeof *sched->entries);
    if (!sched->entries) return ltv__fail(LTV_ENOMEM, "ltv_planner_schedule: out of memory");
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        const ltv__plan_scenario *sc = &planner->scenarios[s];
        int32_t anchor = sched->anchors[s];
        if (anchor == LTV_NO_DAY) continue;
        for (size_t i = 0; i < sc->n_steps; i++) {
            const ltv__plan_step *st = &sc->steps[i];
            int32_t day = anchor + st->day;
            int32_t eval_day = ltv__plan_eval_day(c, sc->trigger, anchor, day);
            ltv_customer_facts facts_then;
            const ltv_customer_facts *facts = &c->facts;
            if (eval_day != c->as_of) {
                int status = ltv__plan_facts_at(c, eval_day, &facts_then);
                if (status != LTV_OK) return status;
                facts = &facts_then;
            }
            ltv__plan_verdict verdict;
            int status = ltv__plan_check_step(c, st, sc->trigger, anchor, eval_day, facts, true, &verdict);
            if (status != LTV_OK) return status;
            int entry_status = verdict.status;
            if (entry_status == LTV_ENTRY_PASSED)
                entry_status = day < c->as_of ? LTV_ENTRY_PASSED : day == c->as_of ? LTV_ENTRY_DUE : LTV_ENTRY_PLANNED;
            sched->entries[sched->count++] =
                (schedule_entry){(uint32_t)s, (uint32_t)i, day, entry_status, verdict.reason, verdict.reason_day};
        }
    }
    qsort(sched->entries, sched->count, sizeof *sched->entries, compare_entries);
    return LTV_OK;
}

int ltv_planner_schedule(ltv_schedule **out, const ltv_planner *planner, const ltv_ledger *ledger,
                         const ltv_plan_events *events, const char *customer_id, size_t id_len, int32_t as_of_day) {
    static const char func[] = "ltv_planner_schedule";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(ledger, func);
    LTV_REQUIRE(customer_id, func);
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX - LTV_PLAN_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: as_of_day %d is outside %d..%d", func, as_of_day, LTV_DAY_MIN,
                         LTV_DAY_MAX - LTV_PLAN_DAY_MAX);
    int status = ltv_planner_validate(planner, NULL);
    if (status != LTV_OK) return status;
    uint64_t index = LTV_PLAN_NOT_IN_LEDGER;
    uint32_t slot = UINT32_MAX;
    bool in_ledger = ltv_ledger_find(ledger, customer_id, id_len, &index) == LTV_OK;
    bool in_events = events && ltv__plan_events_find(events, customer_id, id_len, &slot);
    if (!in_ledger && !in_events)
        return ltv__fail(LTV_ENOTFOUND, "%s: customer '%.*s' is neither in the ledger nor in the platform events", func,
                         (int)(id_len > 200 ? 200 : id_len), customer_id);
    own_pevents own = {{NULL, NULL}, {0, 0}};
    ltv__plan_pevents pev = {{NULL, NULL}, {0, 0}};
    ltv__plan_scratch scratch = {0};
    ltv_schedule *sched = ltv__calloc(1, sizeof *sched);
    if (!sched) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    if (in_events) {
        status = collect_pevents(events, slot, &own);
        if (status != LTV_OK) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        for (int k = 0; k < 2; k++) {
            pev.days[k] = own.days[k];
            pev.n[k] = own.n[k];
        }
    }
    ltv__plan_customer c;
    ltv_segmentation *falling = NULL;
    const uint8_t *flags = NULL;
    if (status == LTV_OK) status = ltv__plan_falling(planner, ledger, as_of_day, &falling, &flags);
    if (status == LTV_OK)
        status = ltv__plan_customer_init(&c, planner, ledger, in_ledger ? index : LTV_PLAN_NOT_IN_LEDGER, as_of_day,
                                         &pev, &scratch);
    if (status == LTV_OK) c.alive_falling = flags && in_ledger && (flags[index] & LTV_FLAG_ALIVE_FALLING);
    ltv_segmentation_free(falling);
    if (status == LTV_OK) {
        sched->as_of = as_of_day;
        sched->n_scenarios = planner->n_scenarios;
        sched->state = ltv__rule_state(&c.rules, &c.facts);
        sched->rank = ltv__rule_rank(&c.rules, &c.facts);
        sched->orders = c.facts.orders;
        status = fill(sched, planner, &c);
    }
    for (int k = 0; k < 2; k++) ltv__free(own.days[k]);
    ltv__plan_scratch_free(&scratch);
    if (status != LTV_OK) {
        ltv_schedule_free(sched);
        return status;
    }
    *out = sched;
    return LTV_OK;
}
