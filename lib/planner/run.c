/* The whole-ledger run: one pass over the customers, reading each customer's facts once,
 * collecting the actions due on the as-of day and the channel load of the next 90 days. */
#include <string.h>

#include "planner_internal.h"

typedef struct due_entry {
    uint64_t customer; /* ledger index or LTV_PLAN_NOT_IN_LEDGER */
    uint32_t slot;     /* platform-event slot of a customer not in the ledger */
    uint16_t scenario;
    uint16_t step;
    uint8_t channel;
} due_entry;

struct ltv_plan_run {
    int32_t as_of;
    const ltv_ledger *ledger;
    const ltv_plan_events *events;
    due_entry *due;
    size_t n_due, cap_due;
    uint64_t load[LTV_CHANNEL_COUNT][LTV_PLAN_HORIZON];
};

/* Steps of each scenario in day order (stable), so a customer's loop can stop at the horizon. */
typedef struct step_order {
    uint16_t index[LTV_PLAN_MAX_SCENARIOS][LTV_PLAN_MAX_STEPS];
} step_order;

static void sort_steps(const ltv_planner *planner, step_order *order) {
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        const ltv__plan_scenario *sc = &planner->scenarios[s];
        uint16_t *idx = order->index[s];
        for (size_t i = 0; i < sc->n_steps; i++) {
            size_t j = i;
            while (j > 0 && sc->steps[idx[j - 1]].day > sc->steps[i].day) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = (uint16_t)i;
        }
    }
}

static int append_due(ltv_plan_run *run, uint64_t customer, uint32_t slot, size_t scenario, size_t step,
                      int32_t channel) {
    if (run->n_due == run->cap_due) {
        size_t cap = run->cap_due ? run->cap_due * 2 : 1024;
        due_entry *grown = ltv__realloc_array(run->due, cap, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "ltv_planner_run: out of memory for the due list");
        run->due = grown;
        run->cap_due = cap;
    }
    run->due[run->n_due++] = (due_entry){customer, slot, (uint16_t)scenario, (uint16_t)step, (uint8_t)channel};
    return LTV_OK;
}

/* Every scenario for one customer: steps falling on the as-of day are due, steps on the
 * following days count towards the load. Conditions use what is known as of the day. */
static int plan_customer(ltv_plan_run *run, const ltv_planner *planner, const step_order *order,
                         ltv__plan_customer *c, uint32_t slot) {
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        const ltv__plan_scenario *sc = &planner->scenarios[s];
        int32_t anchor = ltv__plan_anchor(c, sc->trigger);
        if (anchor == LTV_NO_DAY) continue;
        int32_t offset = c->as_of - anchor;
        for (size_t k = 0; k < sc->n_steps; k++) {
            size_t i = order->index[s][k];
            const ltv__plan_step *st = &sc->steps[i];
            if (st->day < offset) continue;
            int32_t rel = st->day - offset;
            if (rel >= LTV_PLAN_HORIZON) break;
            ltv__plan_verdict verdict;
            int status = ltv__plan_check_step(c, st, sc->trigger, anchor, c->as_of, &c->facts, false, &verdict);
            if (status != LTV_OK) return status;
            if (verdict.status != LTV_ENTRY_PASSED) continue;
            run->load[st->channel][rel]++;
            if (rel == 0 && (status = append_due(run, c->index, slot, s, i, st->channel)) != LTV_OK) return status;
        }
    }
    return LTV_OK;
}

static bool uses_platform_events(const ltv_planner *planner) {
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        const ltv__plan_scenario *sc = &planner->scenarios[s];
        if (sc->trigger == LTV_TRIGGER_CART_CREATED || sc->trigger == LTV_TRIGGER_PRODUCT_VIEWED) return true;
        for (size_t i = 0; i < sc->n_steps; i++)
            if (sc->steps[i].stop & LTV_STOP_CART) return true;
    }
    return false;
}

typedef struct run_state {
    step_order *order;
    ltv__plan_event_index index;
    uint32_t *slot_of_customer; /* per ledger customer: its platform-event slot or UINT32_MAX */
    bool *slot_in_ledger;
    ltv__plan_scratch scratch;
    ltv_segmentation *falling;    /* with an alive_falling step: the segmentation that flags them */
    const uint8_t *falling_flags; /* its flags column */
} run_state;

static void run_state_free(run_state *st) {
    ltv__free(st->order);
    ltv__plan_event_index_free(&st->index);
    ltv__free(st->slot_of_customer);
    ltv__free(st->slot_in_ledger);
    ltv__plan_scratch_free(&st->scratch);
    ltv_segmentation_free(st->falling);
}

/* Map platform-event customers to ledger customers, both ways. */
static int link_events(run_state *st, const ltv_ledger *ledger, const ltv_plan_events *events, uint64_t customers) {
    if (ltv__plan_event_index_build(events, &st->index) != LTV_OK) return LTV_ENOMEM;
    st->slot_of_customer = ltv__malloc((customers ? customers : 1) * sizeof *st->slot_of_customer);
    st->slot_in_ledger = ltv__calloc(events->n_ids ? events->n_ids : 1, sizeof *st->slot_in_ledger);
    if (!st->slot_of_customer || !st->slot_in_ledger) return LTV_ENOMEM;
    for (uint64_t i = 0; i < customers; i++) st->slot_of_customer[i] = UINT32_MAX;
    for (uint32_t slot = 0; slot < events->n_ids; slot++) {
        size_t len;
        const char *id = ltv__plan_events_id(events, slot, &len);
        uint64_t index;
        if (ltv_ledger_find(ledger, id, len, &index) == LTV_OK) {
            st->slot_of_customer[index] = slot;
            st->slot_in_ledger[slot] = true;
        }
    }
    return LTV_OK;
}

static int run_all(ltv_plan_run *run, const ltv_planner *planner, const ltv_ledger *ledger,
                   const ltv_plan_events *events, run_state *st) {
    uint64_t customers = ltv_ledger_customer_count(ledger);
    bool with_events = events && events->n_events && uses_platform_events(planner);
    if (with_events && link_events(st, ledger, events, customers) != LTV_OK)
        return ltv__fail(LTV_ENOMEM, "ltv_planner_run: out of memory indexing the platform events");
    ltv__plan_customer c;
    ltv__plan_pevents pev;
    const uint8_t *flags = st->falling_flags;
    for (uint64_t i = 0; i < customers; i++) {
        uint32_t slot = with_events ? st->slot_of_customer[i] : UINT32_MAX;
        if (slot != UINT32_MAX) ltv__plan_event_index_get(&st->index, slot, &pev);
        int status = ltv__plan_customer_init(&c, planner, ledger, i, run->as_of, slot != UINT32_MAX ? &pev : NULL,
                                             &st->scratch);
        c.alive_falling = flags && (flags[i] & LTV_FLAG_ALIVE_FALLING);
        if (status == LTV_OK) status = plan_customer(run, planner, st->order, &c, UINT32_MAX);
        if (status != LTV_OK) return status;
    }
    if (!with_events) return LTV_OK;
    /* Visitors known only from platform events: customers without orders. */
    for (uint32_t slot = 0; slot < events->n_ids; slot++) {
        if (st->slot_in_ledger[slot]) continue;
        ltv__plan_event_index_get(&st->index, slot, &pev);
        int status = ltv__plan_customer_init(&c, planner, ledger, LTV_PLAN_NOT_IN_LEDGER, run->as_of, &pev,
                                             &st->scratch);
        if (status == LTV_OK) status = plan_customer(run, planner, st->order, &c, slot);
        if (status != LTV_OK) return status;
    }
    return LTV_OK;
}

int ltv_planner_run(ltv_plan_run **out, const ltv_planner *planner, const ltv_ledger *ledger,
                    const ltv_plan_events *events, int32_t as_of_day) {
    static const char func[] = "ltv_planner_run";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(ledger, func);
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX - LTV_PLAN_HORIZON)
        return ltv__fail(LTV_ERANGE, "%s: as_of_day %d is outside %d..%d", func, as_of_day, LTV_DAY_MIN,
                         LTV_DAY_MAX - LTV_PLAN_HORIZON);
    int status = ltv_planner_validate(planner, NULL);
    if (status != LTV_OK) return status;
    ltv_plan_run *run = ltv__calloc(1, sizeof *run);
    run_state st = {0};
    st.order = ltv__malloc(sizeof *st.order);
    if (!run || !st.order) {
        ltv__free(run);
        run_state_free(&st);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    run->as_of = as_of_day;
    run->ledger = ledger;
    run->events = events;
    sort_steps(planner, st.order);
    status = ltv__plan_falling(planner, ledger, as_of_day, &st.falling, &st.falling_flags);
    if (status == LTV_OK) status = run_all(run, planner, ledger, events, &st);
    run_state_free(&st);
    if (status != LTV_OK) {
        ltv_plan_run_free(run);
        return status;
    }
    *out = run;
    return LTV_OK;
}

void ltv_plan_run_free(ltv_plan_run *run) {
    if (!run) return;
    ltv__free(run->due);
    ltv__free(run);
}

uint64_t ltv_plan_run_due_count(const ltv_plan_run *run) { return run ? run->n_due : 0; }

static int check_due_index(const char *func, const ltv_plan_run *run, uint64_t i) {
    if (i >= run->n_due)
        return ltv__fail(LTV_ERANGE, "%s: index %llu is outside 0..%llu (%zu due actions)", func,
                         (unsigned long long)i, (unsigned long long)(run->n_due ? run->n_due - 1 : 0), run->n_due);
    return LTV_OK;
}

int ltv_plan_run_due(const ltv_plan_run *run, uint64_t i, uint64_t *out_customer, size_t *out_scenario,
                     size_t *out_step, int *out_channel) {
    static const char func[] = "ltv_plan_run_due";
    LTV_REQUIRE(run, func);
    int status = check_due_index(func, run, i);
    if (status != LTV_OK) return status;
    const due_entry *e = &run->due[i];
    if (out_customer) *out_customer = e->customer;
    if (out_scenario) *out_scenario = e->scenario;
    if (out_step) *out_step = e->step;
    if (out_channel) *out_channel = e->channel;
    return LTV_OK;
}

int ltv_plan_run_due_id(const ltv_plan_run *run, uint64_t i, const char **out_id, size_t *out_len) {
    static const char func[] = "ltv_plan_run_due_id";
    LTV_REQUIRE(run, func);
    LTV_REQUIRE(out_id, func);
    int status = check_due_index(func, run, i);
    if (status != LTV_OK) return status;
    const due_entry *e = &run->due[i];
    if (e->customer == LTV_PLAN_NOT_IN_LEDGER) {
        *out_id = ltv__plan_events_id(run->events, e->slot, out_len);
        return LTV_OK;
    }
    return ltv_ledger_customer_id(run->ledger, e->customer, out_id, out_len);
}

int ltv_plan_run_due_columns(const ltv_plan_run *run, uint64_t *customers, uint32_t *scenarios, uint32_t *steps,
                             uint8_t *channels, size_t capacity, size_t *out_len) {
    static const char func[] = "ltv_plan_run_due_columns";
    LTV_REQUIRE(run, func);
    LTV_REQUIRE(out_len, func);
    *out_len = run->n_due;
    bool any = customers || scenarios || steps || channels;
    if (!any) return LTV_OK;
    if (capacity < run->n_due)
        return ltv__fail(LTV_EBUFSIZE, "%s: capacity %zu is below the %zu due actions", func, capacity, run->n_due);
    for (size_t i = 0; i < run->n_due; i++) {
        const due_entry *e = &run->due[i];
        if (customers) customers[i] = e->customer;
        if (scenarios) scenarios[i] = e->scenario;
        if (steps) steps[i] = e->step;
        if (channels) channels[i] = e->channel;
    }
    return LTV_OK;
}

int ltv_plan_run_load(const ltv_plan_run *run, int channel, uint64_t *out_counts, size_t capacity) {
    static const char func[] = "ltv_plan_run_load";
    LTV_REQUIRE(run, func);
    LTV_REQUIRE(out_counts, func);
    if (channel < 0 || channel >= LTV_CHANNEL_COUNT)
        return ltv__fail(LTV_EINVAL, "%s: channel %d is not an ltv_channel (0..%d)", func, channel,
                         LTV_CHANNEL_COUNT - 1);
    if (capacity < LTV_PLAN_HORIZON)
        return ltv__fail(LTV_EBUFSIZE, "%s: capacity %zu is below the %d days of the horizon", func, capacity,
                         LTV_PLAN_HORIZON);
    memcpy(out_counts, run->load[channel], sizeof run->load[channel]);
    return LTV_OK;
}
