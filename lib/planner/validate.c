/* Validation of a planner as a whole: what no single setter can see (channels enabled,
 * weekly caps, conditions that contradict each other, empty scenarios). */
#include <stdlib.h>
#include <string.h>

#include "planner_internal.h"
#include "textbuf.h"

typedef struct problem {
    int kind;
    size_t scenario, step;
    uint32_t line;
    char *message;
} problem;

struct ltv_plan_report {
    problem *items;
    size_t count, cap;
};

void ltv_plan_report_free(ltv_plan_report *report) {
    if (!report) return;
    for (size_t i = 0; i < report->count; i++) ltv__free(report->items[i].message);
    ltv__free(report->items);
    ltv__free(report);
}

size_t ltv_plan_report_count(const ltv_plan_report *report) { return report ? report->count : 0; }

int ltv_plan_report_problem(const ltv_plan_report *report, size_t i, int *out_kind, size_t *out_scenario,
                            size_t *out_step, uint32_t *out_line, const char **out_message) {
    LTV_REQUIRE(report, "ltv_plan_report_problem");
    if (i >= report->count)
        return ltv__fail(LTV_ERANGE, "ltv_plan_report_problem: index %zu is outside 0..%zu (%zu problems)", i,
                         report->count ? report->count - 1 : 0, report->count);
    const problem *p = &report->items[i];
    if (out_kind) *out_kind = p->kind;
    if (out_scenario) *out_scenario = p->scenario;
    if (out_step) *out_step = p->step;
    if (out_line) *out_line = p->line;
    if (out_message) *out_message = p->message;
    return LTV_OK;
}

/* Takes ownership of the buffer's text. Returns false when out of memory. */
static bool add_problem(ltv_plan_report *report, int kind, size_t scenario, size_t step, uint32_t line,
                        ltv__textbuf *text) {
    if (text->failed || !text->data) return false;
    if (report->count == report->cap) {
        size_t cap = report->cap ? report->cap * 2 : 8;
        problem *grown = ltv__realloc_array(report->items, cap, sizeof *grown);
        if (!grown) return false;
        report->items = grown;
        report->cap = cap;
    }
    report->items[report->count++] = (problem){kind, scenario, step, line, text->data};
    ltv__tb_init(text); /* the report owns the text now */
    return true;
}

/* "scenario 'x', step 'y' (line 12): " */
static void where(ltv__textbuf *buf, const ltv__plan_scenario *sc, const ltv__plan_step *st) {
    ltv__tb_printf(buf, "scenario '%s'", sc->name);
    if (st) ltv__tb_printf(buf, ", step '%s'", st->name);
    uint32_t line = st ? st->line : sc->line;
    if (line) ltv__tb_printf(buf, " (line %u)", line);
    ltv__tb_puts(buf, ": ");
}

static void mask_words(ltv__textbuf *buf, int vocab_kind, int32_t mask) {
    bool first = true;
    for (int value = 0; value <= 4; value++) {
        if (!(mask & (1 << value))) continue;
        int v = value == 4 ? -1 : value;
        if (!first) ltv__tb_puts(buf, ",");
        ltv__tb_puts(buf, ltv_planner_keyword(vocab_kind, v));
        first = false;
    }
}

/* The conditions a step sets, as they are written in the text format. */
static void describe_conditions(ltv__textbuf *buf, const ltv__plan_step *st) {
    const char *sep = "";
    if (st->states) {
        ltv__tb_puts(buf, "states=");
        mask_words(buf, LTV_PLAN_VOCAB_STATE, st->states);
        sep = ", ";
    }
    if (st->ranks) {
        ltv__tb_printf(buf, "%sranks=", sep);
        mask_words(buf, LTV_PLAN_VOCAB_RANK, st->ranks);
        sep = ", ";
    }
    if (st->min_orders) {
        ltv__tb_printf(buf, "%smin_orders=%d", sep, st->min_orders);
        sep = ", ";
    }
    if (st->max_orders >= 0) {
        ltv__tb_printf(buf, "%smax_orders=%d", sep, st->max_orders);
        sep = ", ";
    }
    if (st->before_second) ltv__tb_printf(buf, "%sbefore_second_purchase=yes", sep);
}

static bool trigger_needs_order(int32_t trigger) {
    return trigger == LTV_TRIGGER_PURCHASE || trigger == LTV_TRIGGER_FIRST_PURCHASE || trigger == LTV_TRIGGER_DORMANT;
}

/* Could a customer with n orders be in one of the accepted states and ranks? The rules are
 * those of planner_segment.c; the anchor of a purchase trigger lies at most 90 days back,
 * so it is always in the trailing year and "no rank" cannot happen there. */
static bool state_possible(const ltv_planner *planner, int32_t trigger, int32_t mask, int64_t n) {
    if (trigger == LTV_TRIGGER_DORMANT) mask = mask ? (mask & (1 << 3)) : (1 << 3);
    if (!mask) return true;
    int64_t fan_min = planner->params[LTV_PLAN_FAN_MIN_ORDERS];
    return ((mask & 1) && n == 1) || ((mask & 2) && n >= 2) || ((mask & 4) && n >= fan_min) ||
           ((mask & 8) && n >= 1) || ((mask & LTV_PLAN_MASK_NONE_BIT) && n == 0);
}

static bool rank_possible(const ltv_planner *planner, int32_t trigger, int32_t mask, int64_t n) {
    if (!mask) return true;
    int64_t excellent = planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS];
    int64_t semi = planner->params[LTV_PLAN_SEMI_MIN_ORDERS];
    bool no_rank_possible = n == 0 || (trigger != LTV_TRIGGER_PURCHASE && trigger != LTV_TRIGGER_FIRST_PURCHASE);
    return ((mask & 1) && n >= excellent) || ((mask & 2) && n >= semi) || ((mask & 4) && n >= 2) ||
           ((mask & 8) && n == 1) || ((mask & LTV_PLAN_MASK_NONE_BIT) && no_rank_possible);
}

/* Explain why a step's conditions contradict each other into `buf`; false if they do not. */
static bool contradiction(const ltv_planner *planner, int32_t trigger, const ltv__plan_step *st, ltv__textbuf *buf) {
    if (st->max_orders >= 0 && st->min_orders > st->max_orders) {
        ltv__tb_printf(buf, "min_orders=%d is above max_orders=%d: no customer can meet both", st->min_orders,
                       st->max_orders);
        return true;
    }
    if (st->before_second && st->min_orders >= 2) {
        ltv__tb_printf(buf,
                       "before_second_purchase=yes allows a single order, but min_orders=%d asks for more",
                       st->min_orders);
        return true;
    }
    if (trigger_needs_order(trigger) && st->max_orders == 0) {
        ltv__tb_printf(buf, "trigger '%s' reaches only customers with an order, but max_orders=0",
                       ltv_planner_keyword(LTV_PLAN_VOCAB_TRIGGER, trigger));
        return true;
    }
    if (trigger == LTV_TRIGGER_DORMANT && st->states && !(st->states & (1 << 3))) {
        ltv__tb_puts(buf, "trigger 'dormant' reaches only dormant customers, but states=");
        mask_words(buf, LTV_PLAN_VOCAB_STATE, st->states);
        ltv__tb_puts(buf, " leaves them out");
        return true;
    }
    int64_t lo = st->min_orders;
    if (trigger_needs_order(trigger) && lo < 1) lo = 1;
    int64_t hi = st->max_orders >= 0 ? st->max_orders : INT64_MAX;
    if (st->before_second && hi > 1) hi = 1;
    /* Every predicate is "n == k" or "n >= k" for a threshold k, so its value is constant
     * between consecutive thresholds: trying lo and each threshold inside [lo, hi] covers
     * every order count. */
    const int64_t candidates[] = {lo, 0, 1, 2, planner->params[LTV_PLAN_SEMI_MIN_ORDERS],
                                  planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS], planner->params[LTV_PLAN_FAN_MIN_ORDERS]};
    for (size_t k = 0; k < sizeof candidates / sizeof candidates[0]; k++) {
        int64_t n = candidates[k];
        if (n < lo || n > hi) continue;
        if (state_possible(planner, trigger, st->states, n) && rank_possible(planner, trigger, st->ranks, n))
            return false;
    }
    ltv__tb_puts(buf, "no customer can meet these conditions together: ");
    describe_conditions(buf, st);
    if (trigger_needs_order(trigger))
        ltv__tb_printf(buf, " (trigger '%s')", ltv_planner_keyword(LTV_PLAN_VOCAB_TRIGGER, trigger));
    return true;
}

static int compare_day(const void *a, const void *b) {
    const ltv__plan_step *x = *(const ltv__plan_step *const *)a, *y = *(const ltv__plan_step *const *)b;
    return (x->day > y->day) - (x->day < y->day);
}

/* Appends one problem per scenario and channel whose steps exceed the channel's weekly cap
 * in some 7-day window. Every step counts, whatever its condition. */
static bool check_caps(const ltv_planner *planner, size_t s, ltv_plan_report *report) {
    const ltv__plan_scenario *sc = &planner->scenarios[s];
    const ltv__plan_step *sorted[LTV_PLAN_MAX_STEPS];
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        int32_t cap = planner->channels[c].weekly_cap;
        if (cap <= 0) continue;
        size_t n = 0;
        for (size_t i = 0; i < sc->n_steps; i++)
            if (sc->steps[i].channel == c) sorted[n++] = &sc->steps[i];
        if (n <= (size_t)cap) continue;
        qsort(sorted, n, sizeof sorted[0], compare_day);
        for (size_t i = 0; i < n; i++) {
            size_t j = i;
            while (j < n && sorted[j]->day <= sorted[i]->day + 6) j++;
            if (j - i <= (size_t)cap) continue;
            ltv__textbuf text = {0};
            where(&text, sc, NULL);
            ltv__tb_printf(&text, "channel %s has %zu touches in days %d..%d (", ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, c),
                           j - i, sorted[i]->day, sorted[i]->day + 6);
            for (size_t k = i; k < j; k++)
                ltv__tb_printf(&text, "%s'%s' day %d", k > i ? ", " : "", sorted[k]->name, sorted[k]->day);
            ltv__tb_printf(&text, "), above its weekly cap of %d", cap);
            size_t first_index = (size_t)(sorted[i] - sc->steps);
            if (!add_problem(report, LTV_PLAN_PROBLEM_WEEKLY_CAP, s, first_index, sorted[i]->line, &text)) {
                ltv__tb_discard(&text);
                return false;
            }
            break;
        }
    }
    return true;
}

static bool check_scenario(const ltv_planner *planner, size_t s, ltv_plan_report *report) {
    const ltv__plan_scenario *sc = &planner->scenarios[s];
    if (sc->n_steps == 0) {
        ltv__textbuf text = {0};
        where(&text, sc, NULL);
        ltv__tb_puts(&text, "the scenario has no steps");
        if (!add_problem(report, LTV_PLAN_PROBLEM_EMPTY_SCENARIO, s, SIZE_MAX, sc->line, &text)) {
            ltv__tb_discard(&text);
            return false;
        }
    }
    for (size_t i = 0; i < sc->n_steps; i++) {
        const ltv__plan_step *st = &sc->steps[i];
        if (!planner->channels[st->channel].enabled) {
            ltv__textbuf text = {0};
            where(&text, sc, st);
            const char *word = ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, st->channel);
            ltv__tb_printf(&text,
                           "channel %s is not enabled for this shop; enable it (channel %s) or move the "
                           "step to an enabled channel",
                           word, word);
            if (!add_problem(report, LTV_PLAN_PROBLEM_CHANNEL_DISABLED, s, i, st->line, &text)) {
                ltv__tb_discard(&text);
                return false;
            }
        }
        ltv__textbuf why = {0};
        if (contradiction(planner, sc->trigger, st, &why)) {
            ltv__textbuf text = {0};
            where(&text, sc, st);
            ltv__tb_append(&text, why.data ? why.data : "", why.len);
            bool why_failed = why.failed; /* read before the discard, which clears it */
            ltv__tb_discard(&why);
            if (why_failed || !add_problem(report, LTV_PLAN_PROBLEM_CONTRADICTION, s, i, st->line, &text)) {
                ltv__tb_discard(&text);
                return false;
            }
        }
        ltv__tb_discard(&why);
    }
    return check_caps(planner, s, report);
}

int ltv_planner_validate(const ltv_planner *planner, ltv_plan_report **out_report) {
    static const char func[] = "ltv_planner_validate";
    if (out_report) *out_report = NULL;
    LTV_REQUIRE(planner, func);
    ltv_plan_report *report = ltv__calloc(1, sizeof *report);
    if (!report) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    bool ok = true;
    if (planner->n_scenarios == 0) {
        ltv__textbuf text = {0};
        ltv__tb_puts(&text, "the planner has no scenario; add one or start from the built-in planner");
        ok = add_problem(report, LTV_PLAN_PROBLEM_NO_SCENARIO, SIZE_MAX, SIZE_MAX, 0, &text);
        if (!ok) ltv__tb_discard(&text);
    }
    for (size_t s = 0; ok && s < planner->n_scenarios; s++) ok = check_scenario(planner, s, report);
    if (!ok) {
        ltv_plan_report_free(report);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    int status = LTV_OK;
    if (report->count)
        status = ltv__fail(LTV_EVALIDATION, "%s: %zu problem%s in the planner; first: %s", func, report->count,
                           report->count == 1 ? "" : "s", report->items[0].message);
    if (out_report)
        *out_report = report;
    else
        ltv_plan_report_free(report);
    return status;
}
