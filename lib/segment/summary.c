/* Segment summaries: what the global cut points of a segmentation need from one shard's
 * customers (docs/shards.md). Everything is an integer — counts, sums and sorted
 * (value, count) lists — so merging is exact, associative and commutative. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

void ltv__summary_release(ltv_segment_summary *sum) {
    if (!sum) return;
    for (int l = 0; l < LTV__LISTS; l++) {
        ltv__free(sum->lists[l].value);
        ltv__free(sum->lists[l].count);
    }
    ltv__free(sum);
}

void ltv_segment_summary_free(ltv_segment_summary *sum) { ltv__summary_release(sum); }

uint64_t ltv_segment_summary_customer_count(const ltv_segment_summary *sum) { return sum ? sum->customers : 0; }

int32_t ltv_segment_summary_as_of(const ltv_segment_summary *sum) { return sum ? sum->as_of : LTV_NO_DAY; }

/* Where list `l` takes its values: a column of 64- or 32-bit values, for the customers with
 * orders, or those of one rank. */
typedef struct list_source {
    const int64_t *wide;
    const int32_t *narrow;
    int8_t rank; /* LTV_RANK_NONE: every customer with orders */
} list_source;

static list_source source_of(const ltv_segmentation *seg, int l) {
    switch (l) {
    case LTV__LIST_RECENCY: return (list_source){NULL, seg->recency, LTV_RANK_NONE};
    case LTV__LIST_FREQUENCY: return (list_source){NULL, seg->fvalue, LTV_RANK_NONE};
    case LTV__LIST_MONETARY: return (list_source){seg->mkey ? seg->mkey : seg->lifetime, NULL, LTV_RANK_NONE};
    case LTV__LIST_BASIS:
        return (list_source){seg->cfg.params[LTV_SEG_LTV_BASIS] == LTV_BASIS_LIFETIME ? seg->lifetime : seg->annual,
                             NULL, LTV_RANK_NONE};
    case LTV__LIST_EXCELLENT: return (list_source){seg->annual, NULL, LTV_RANK_EXCELLENT};
    default: return (list_source){seg->annual, NULL, LTV_RANK_GENERAL};
    }
}

/* List l's values, in customer order, into `to`; returns how many. Without branches: every
 * value is written, and the count moves on only for the customers in the list. */
static size_t gather(const ltv_segmentation *seg, int l, int64_t *to) {
    const list_source src = source_of(seg, l);
    const int8_t *state = seg->state, *rank = seg->rank;
    size_t n = 0;
    if (src.rank == LTV_RANK_NONE && src.wide) {
        for (size_t c = 0; c < seg->n; c++) to[n] = src.wide[c], n += (size_t)(state[c] != LTV_STATE_NONE);
    } else if (src.rank == LTV_RANK_NONE) {
        for (size_t c = 0; c < seg->n; c++) to[n] = src.narrow[c], n += (size_t)(state[c] != LTV_STATE_NONE);
    } else {
        for (size_t c = 0; c < seg->n; c++)
            to[n] = src.wide[c], n += (size_t)((state[c] != LTV_STATE_NONE) & (rank[c] == src.rank));
    }
    return n;
}

/* The lists a task makes: lists_by_cost[first], [first + step], ... */
typedef struct list_task {
    const ltv_segmentation *seg;
    ltv_segment_summary *sum;
    int first, step;
} list_task;

/* The amounts' lists take radix passes, the days' and counts' one counting pass, the ranks'
 * lists hold a part of the customers: dealt out in this order, the tasks get similar work. */
static const int lists_by_cost[LTV__LISTS] = {LTV__LIST_MONETARY, LTV__LIST_BASIS, LTV__LIST_RECENCY,
                                              LTV__LIST_FREQUENCY, LTV__LIST_EXCELLENT, LTV__LIST_GENERAL};

static int make_lists(void *context) {
    const list_task *t = context;
    const ltv_segmentation *seg = t->seg;
    int64_t *scratch = ltv__malloc((seg->customers_with_orders + 1) * sizeof *scratch); /* gather writes one past */
    int status = scratch ? LTV_OK : LTV_ENOMEM;
    for (int i = t->first; i < LTV__LISTS && status == LTV_OK; i += t->step) {
        ltv__value_counts *list = &t->sum->lists[lists_by_cost[i]];
        const size_t n = gather(seg, lists_by_cost[i], scratch);
        status = ltv__sort_i64_counts(scratch, n, &list->value, &list->count, &list->len);
    }
    ltv__free(scratch);
    return status == LTV_OK ? LTV_OK : ltv__fail(status, "ltv_segment_summary_new: out of memory");
}

#define LIST_TASKS 3    /* at most: each holds two arrays of a value per customer */
#define TASK_MIN 100000 /* customers below which one thread makes every list */

int ltv__summary_from_pass1(ltv_segment_summary **out, const ltv_segmentation *seg,
                            const ltv__group_sums states[LTV_STATE_COUNT], const ltv__group_sums ranks[LTV_RANK_COUNT]) {
    int status = ltv__shard_covers(&seg->cfg, "ltv_segment_summary_new");
    if (status != LTV_OK) return status;
    ltv_segment_summary *sum = ltv__calloc(1, sizeof *sum);
    if (!sum) return ltv__fail(LTV_ENOMEM, "ltv_segment_summary_new: out of memory");
    sum->as_of = seg->as_of;
    sum->any_visits = ltv_ledger_visit_count(seg->ledger) > 0;
    memcpy(sum->params, seg->cfg.params, sizeof sum->params);
    sum->customers = seg->customers_with_orders;
    sum->basis_total = seg->basis_total;
    memcpy(sum->states, states, sizeof sum->states);
    memcpy(sum->ranks, ranks, sizeof sum->ranks);
    list_task tasks[LIST_TASKS];
    int count = ltv__thread_budget();
    if (count > LIST_TASKS) count = LIST_TASKS;
    if (seg->customers_with_orders < TASK_MIN) count = 1;
    for (int i = 0; i < count; i++) tasks[i] = (list_task){seg, sum, i, count};
    status = ltv__run_tasks(make_lists, tasks, sizeof tasks[0], count);
    if (status != LTV_OK) {
        ltv__summary_release(sum);
        return status;
    }
    *out = sum;
    return LTV_OK;
}

/* ---- merging ------------------------------------------------------------------------------ */

static bool add_sums(ltv__group_sums *to, const ltv__group_sums *from) {
    return ltv__add_u64(to->customers, from->customers, &to->customers) &&
           ltv__add_u64(to->orders, from->orders, &to->orders) &&
           ltv__add_u64(to->year_orders, from->year_orders, &to->year_orders) &&
           ltv__add_i64(to->revenue, from->revenue, &to->revenue) &&
           ltv__add_i64(to->year_revenue, from->year_revenue, &to->year_revenue) &&
           ltv__add_i64(to->basis, from->basis, &to->basis) &&
           ltv__add_u64(to->active_days, from->active_days, &to->active_days);
}

/* The two sorted lists as one, counts of equal values added. */
static int merge_list(ltv__value_counts *out, const ltv__value_counts *a, const ltv__value_counts *b) {
    const size_t most = a->len + b->len;
    out->value = ltv__malloc((most ? most : 1) * sizeof *out->value);
    out->count = ltv__malloc((most ? most : 1) * sizeof *out->count);
    if (!out->value || !out->count) return ltv__fail(LTV_ENOMEM, "ltv_segment_summary_merge: out of memory");
    size_t i = 0, j = 0, n = 0;
    while (i < a->len || j < b->len) {
        if (j == b->len || (i < a->len && a->value[i] < b->value[j])) {
            out->value[n] = a->value[i], out->count[n++] = a->count[i++];
        } else if (i == a->len || b->value[j] < a->value[i]) {
            out->value[n] = b->value[j], out->count[n++] = b->count[j++];
        } else {
            out->value[n] = a->value[i];
            if (!ltv__add_u64(a->count[i++], b->count[j++], &out->count[n++]))
                return ltv__fail(LTV_EOVERFLOW, "ltv_segment_summary_merge: a count overflows 64 bits");
        }
    }
    out->len = n;
    return LTV_OK;
}

/* LTV_EINVAL unless the two summaries are of the same day and settings. */
static int check_compatible(const char *func, const ltv_segment_summary *a, const ltv_segment_summary *b) {
    if (a->as_of != b->as_of)
        return ltv__fail(LTV_EINVAL, "%s: the summaries are of different as-of days (%d and %d)", func, a->as_of,
                         b->as_of);
    for (int p = 0; p < LTV__SEG_PARAMS; p++)
        if (a->params[p] != b->params[p])
            return ltv__fail(LTV_EINVAL, "%s: the summaries were made with different %s (%lld and %lld)", func,
                             ltv__segment_setting_items[p].name, (long long)a->params[p], (long long)b->params[p]);
    return LTV_OK;
}

int ltv_segment_summary_merge(ltv_segment_summary *into, const ltv_segment_summary *from) {
    LTV_REQUIRE(into, "ltv_segment_summary_merge");
    LTV_REQUIRE(from, "ltv_segment_summary_merge");
    int status = check_compatible("ltv_segment_summary_merge", into, from);
    if (status != LTV_OK) return status;
    /* everything into a copy first, so that a failure leaves `into` unchanged */
    ltv_segment_summary merged = *into;
    bool fits = ltv__add_u64(into->customers, from->customers, &merged.customers) &&
                ltv__add_i64(into->basis_total, from->basis_total, &merged.basis_total);
    for (int s = 0; s < LTV_STATE_COUNT; s++) fits = fits && add_sums(&merged.states[s], &from->states[s]);
    for (int r = 0; r < LTV_RANK_COUNT; r++) fits = fits && add_sums(&merged.ranks[r], &from->ranks[r]);
    if (!fits) return ltv__fail(LTV_EOVERFLOW, "ltv_segment_summary_merge: a sum overflows 64 bits");
    memset(merged.lists, 0, sizeof merged.lists);
    for (int l = 0; l < LTV__LISTS && status == LTV_OK; l++)
        status = merge_list(&merged.lists[l], &into->lists[l], &from->lists[l]);
    ltv__value_counts *release = status == LTV_OK ? into->lists : merged.lists;
    for (int l = 0; l < LTV__LISTS; l++) {
        ltv__free(release[l].value);
        ltv__free(release[l].count);
    }
    if (status != LTV_OK) return status;
    merged.any_visits = into->any_visits || from->any_visits;
    *into = merged;
    return LTV_OK;
}
