/* A shard's segmentation with the whole's summary (docs/shards.md): the shard's customers are
 * classified and scored as always, but every global statistic — the RFM cut points, the core
 * threshold, the excellent rank's levels, the group stats and the counts of the LTV analysis
 * — comes from the whole's summary, so each customer's result is the whole ledger's. */
#include "segment_internal.h"

#define P(seg, name) ((seg)->cfg.params[name])

/* The settings shards were written for: a setting added later changes what a customer's
 * result depends on, so a run with it away from its default is refused, not guessed. */
#define COVERED_PARAMS 16

int ltv__shard_covers(const ltv_segment_config *cfg, const char *func) {
    /* P(alive) comes from a model fitted elsewhere, which no summary can check is the same */
    if (cfg->fit || cfg->given_p_alive)
        return ltv__fail(LTV_EINVAL, "%s: shards do not cover a purchase model or given P(alive) (P(alive) columns "
                                     "and rules)", func);
    for (int p = COVERED_PARAMS; p < LTV__SEG_PARAMS; p++) {
        const ltv__setting *item = &ltv__segment_setting_items[p];
        if (cfg->params[p] != item->def)
            return ltv__fail(LTV_EINVAL, "%s: shards do not cover %s (only its default %lld)", func, item->name,
                             (long long)item->def);
    }
    return LTV_OK;
}

int ltv__shard_begin(ltv_segmentation *seg, const ltv_segment_summary *whole) {
    if (whole->as_of != seg->as_of)
        return ltv__fail(LTV_EINVAL, "ltv_segment_run_shard: the summary is of as-of day %d, the run's is %d",
                         whole->as_of, seg->as_of);
    int status = ltv__shard_covers(&seg->cfg, "ltv_segment_run_shard");
    if (status != LTV_OK) return status;
    for (int p = 0; p < LTV__SEG_PARAMS; p++) {
        const ltv__setting *item = &ltv__segment_setting_items[p];
        if (seg->cfg.params[p] != whole->params[p])
            return ltv__fail(LTV_EINVAL, "ltv_segment_run_shard: %s is %lld here and %lld in the summary", item->name,
                             (long long)seg->cfg.params[p], (long long)whole->params[p]);
    }
    seg->whole = whole;
    /* "auto" looks for visits in the whole ledger, not in this shard */
    if (P(seg, LTV_SEG_ACTIVITY) == LTV_ACTIVITY_AUTO) seg->rules.activity = whole->any_visits;
    return LTV_OK;
}

int ltv__shard_pass1_totals(ltv_segmentation *seg, ltv__group_sums states[LTV_STATE_COUNT],
                            ltv__group_sums ranks[LTV_RANK_COUNT]) {
    const ltv_segment_summary *whole = seg->whole;
    for (int s = 0; s < LTV_STATE_COUNT; s++)
        if (states[s].customers > whole->states[s].customers)
            return ltv__fail(LTV_EINVAL, "ltv_segment_run_shard: the shard has %llu %s customers, the summary %llu: "
                             "the summary is not of a whole this shard is part of",
                             (unsigned long long)states[s].customers, ltv_state_keyword(s),
                             (unsigned long long)whole->states[s].customers);
    for (int s = 0; s < LTV_STATE_COUNT; s++) states[s] = whole->states[s];
    for (int r = 0; r < LTV_RANK_COUNT; r++) ranks[r] = whole->ranks[r];
    seg->customers_with_orders = whole->customers;
    seg->basis_total = whole->basis_total;
    return LTV_OK;
}

void ltv__shard_ranks(const ltv_segmentation *seg, int list, const uint64_t *ranks, size_t k, int64_t *out) {
    const ltv__value_counts *l = &seg->whole->lists[list];
    for (size_t j = 0; j < k; j++) {
        uint64_t seen = 0;
        size_t i = 0;
        while (i + 1 < l->len && seen + l->count[i] < ranks[j]) seen += l->count[i++];
        out[j] = l->len ? l->value[i] : 0;
    }
}

/* Customers of a list at or above `from` (and above zero when `positive`), and their sum. */
static uint64_t count_from(const ltv__value_counts *l, int64_t from, bool positive, uint64_t *sum) {
    uint64_t customers = 0;
    *sum = 0;
    for (size_t i = 0; i < l->len; i++) {
        if (l->value[i] < from || (positive && l->value[i] <= 0)) continue;
        customers += l->count[i];
        *sum += (uint64_t)l->value[i] * l->count[i]; /* wraps as the whole's int64 sum would */
    }
    return customers;
}

void ltv__shard_pass2_totals(ltv_segmentation *seg, int64_t *core_total, int64_t *continuing, int64_t *churned) {
    const ltv_segment_summary *whole = seg->whole;
    ltv_ltv_summary *s = &seg->ltv;
    for (int metric = 0; metric < 3; metric++) {
        const ltv__value_counts *l = &whole->lists[metric];
        for (int b = 0; b < LTV_RFM_MAX_BINS; b++) seg->score_counts[metric][b] = 0;
        for (size_t i = 0; i < l->len; i++) {
            const double value = ltv__segment_metric_value(seg, metric, l->value[i]);
            seg->score_counts[metric][ltv__segment_score(seg, metric, value) - 1] += l->count[i];
        }
    }
    uint64_t sum, unused;
    s->core_customers = count_from(&whole->lists[LTV__LIST_BASIS], s->core_threshold, true, &sum);
    *core_total = (int64_t)sum;
    s->top_excellent_customers = count_from(&whole->lists[LTV__LIST_EXCELLENT], s->top_excellent_threshold, false, &unused);
    s->high_ltv_general_customers =
        whole->ranks[LTV_RANK_EXCELLENT].customers
            ? count_from(&whole->lists[LTV__LIST_GENERAL], s->high_ltv_general_threshold, false, &unused)
            : 0;
    uint64_t others = 0;
    for (int st = 0; st < LTV_STATE_COUNT; st++)
        if (st != LTV_STATE_DORMANT) others += (uint64_t)whole->states[st].revenue;
    *continuing = (int64_t)others;
    *churned = whole->states[LTV_STATE_DORMANT].revenue;
}
