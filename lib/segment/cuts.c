/* RFM cut points and scores of each mode. The modes differ in three rules only — where the
 * cut points fall, which side of a cut point a value equal to it lands on, and (PyMC) how
 * many bins are left once equal cut points are merged — so one scoring function serves all:
 *   quantile  type-1 quantiles; F, M right-closed (equal → lower score), R left-closed
 *   type7     type-7 quantiles, left-closed (a value reaching a cut point moves up for F, M)
 *   r-rfm     R rfm 0.3.0: type-7 quantiles + 1, left-closed ([lower, upper) intervals)
 *   pymc      pandas.qcut: type-7 edges (numpy's linear rule), duplicates dropped, right-closed
 *   fixed     the caller's thresholds, left-closed */
#include <math.h>
#include <string.h>

#include "segment_internal.h"

#define P(seg, name) ((seg)->cfg.params[name])

static double key_double(int64_t key) {
    int64_t bits = key >= 0 ? key : (~key) | INT64_MIN;
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static bool right_closed(int mode, int metric) {
    return mode == LTV_RFM_PYMC || (mode == LTV_RFM_QUANTILE && metric != LTV_RFM_RECENCY);
}

void ltv__segment_scorer(const ltv_segmentation *seg, int metric, ltv__scorer *out) {
    out->count = seg->threshold_count[metric];
    memcpy(out->cuts, seg->thresholds[metric], out->count * sizeof(double));
    out->right_closed = right_closed((int)P(seg, LTV_SEG_RFM_MODE), metric);
    out->descending = metric == LTV_RFM_RECENCY; /* fewer days is better: the lowest interval scores highest */
}

uint8_t ltv__segment_score(const ltv_segmentation *seg, int metric, double value) {
    ltv__scorer scorer;
    ltv__segment_scorer(seg, metric, &scorer);
    return ltv__scorer_score(&scorer, value);
}

/* Values at 1-based ascending ranks from a histogram of small values. */
static void ranks_from_histogram(const uint64_t *hist, const uint64_t *ranks, size_t k, int64_t *out) {
    for (size_t j = 0; j < k; j++) {
        uint64_t seen = 0;
        size_t v = 0;
        while (seen + hist[v] < ranks[j]) seen += hist[v++];
        out[j] = (int64_t)v;
    }
}

static int select_ranks(ltv_segmentation *seg, int metric, const uint64_t *ranks, size_t k, int64_t *out) {
    const bool pymc = P(seg, LTV_SEG_RFM_MODE) == LTV_RFM_PYMC;
    if (seg->whole) { /* a shard's run: the whole's values (LTV__LIST_* follow the metrics) */
        ltv__shard_ranks(seg, metric, ranks, k, out);
        return LTV_OK;
    }
    if (metric != LTV_RFM_MONETARY && seg->small_overflow[metric] == 0) {
        ranks_from_histogram(seg->small_hist + (size_t)metric * LTV__SMALL_CAP, ranks, k, out);
        return LTV_OK;
    }
    /* only the customers with an order are scored: when that is everyone, no filter to read */
    const bool everyone = seg->customers_with_orders == seg->n;
    const int8_t *const filter = everyone ? NULL : seg->state;
    if (metric == LTV_RFM_MONETARY && seg->counted_parts && seg->narrow) /* 32-bit lifetimes, packed states */
        return ltv__order_stats_counted(seg->recency, 4, false, NULL, everyone ? NULL : seg->orders, 0,
                                        LTV_STATE_COUNT - 1, seg->monetary_counts, seg->counted_parts, ranks, k, out);
    if (metric == LTV_RFM_MONETARY && seg->counted_parts) /* counted into buckets by pass 1 */
        return ltv__order_stats_counted(pymc ? (const void *)seg->mkey : seg->lifetime, 8, pymc, filter, NULL, 0,
                                        LTV_STATE_COUNT - 1, seg->monetary_counts, seg->counted_parts, ranks, k, out);
    /* a narrow run has no overflow, so its recency and orders came from the histograms, and
     * it is never in fixed mode's (uncounted) monetary, which selects nothing */
    const void *values = metric == LTV_RFM_RECENCY     ? (const void *)seg->recency
                         : metric == LTV_RFM_FREQUENCY ? (const void *)seg->fvalue
                         : pymc                        ? (const void *)seg->mkey
                                                       : (const void *)seg->lifetime;
    const int width = metric == LTV_RFM_MONETARY ? 8 : 4;
    return ltv__order_stats(values, width, seg->n, filter, 0, LTV_STATE_COUNT - 1, ranks, k, out);
}

double ltv__segment_metric_value(const ltv_segmentation *seg, int metric, int64_t found) {
    return metric == LTV_RFM_MONETARY && P(seg, LTV_SEG_RFM_MODE) == LTV_RFM_PYMC ? key_double(found)
                                                                                  : (double)found;
}

/* Type-7 quantiles at j/bins for j = from..to, each computed to the last bit as its tool
 * does, since a value equal to a cut point decides a score:
 *   type7  (1.0) h = (n − 1)·j/B + 1, x[h] + frac·(x[h + 1] − x[h])
 *   r-rfm  R's quantile(): p = j·(1/B) as seq() makes it, h = 1 + (n − 1)·p,
 *          (1 − frac)·x[h] + frac·x[h + 1] when frac > 0 and the two differ
 *   pymc   numpy.percentile(linear) of pandas.qcut: p = j·(1/B) as linspace() makes it,
 *          through percent and back; from the lower value below frac 0.5, the upper above */
static int type7(ltv_segmentation *seg, int metric, int bins, int from, int to, double *out) {
    const uint64_t n = seg->customers_with_orders;
    const int mode = (int)P(seg, LTV_SEG_RFM_MODE);
    uint64_t ranks[2 * (LTV_RFM_MAX_BINS + 1)];
    int64_t found[2 * (LTV_RFM_MAX_BINS + 1)];
    double frac[LTV_RFM_MAX_BINS + 1];
    size_t wanted = 0;
    for (int j = from; j <= to; j++) {
        double h; /* position, 1-based except numpy's */
        uint64_t base = 0;
        if (mode == LTV_RFM_R_RFM) {
            h = 1.0 + (double)(n - 1) * ((double)j * (1.0 / (double)bins));
        } else if (mode == LTV_RFM_PYMC) {
            const double p = (double)j * (1.0 / (double)bins) * 100.0 / 100.0;
            h = (double)(n - 1) * (j == bins ? 1.0 : p);
            base = 1;
        } else {
            h = (double)(n - 1) * (double)j / (double)bins + 1.0;
        }
        const uint64_t lo = (uint64_t)floor(h) + base;
        frac[j - from] = h - floor(h);
        ranks[wanted++] = lo;
        ranks[wanted++] = lo < n ? lo + 1 : lo;
    }
    int status = select_ranks(seg, metric, ranks, wanted, found);
    if (status != LTV_OK) return status;
    for (int j = 0; j <= to - from; j++) {
        const double a = ltv__segment_metric_value(seg, metric, found[2 * j]), b = ltv__segment_metric_value(seg, metric, found[2 * j + 1]);
        const double t = frac[j];
        if (mode == LTV_RFM_R_RFM)
            out[j] = t > 0 && b != a ? (1.0 - t) * a + t * b : a;
        else if (mode == LTV_RFM_PYMC)
            out[j] = t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
        else
            out[j] = a + t * (b - a);
    }
    return LTV_OK;
}

/* pandas.qcut(q = bins, duplicates = "drop"): the edges min, quantiles, max with repeats
 * removed; the interior ones are the cut points and the bins that are left are relabelled
 * 1..k (PyMC-Marketing retries with fewer labels). One distinct value leaves one bin. */
static int pymc_cuts(ltv_segmentation *seg, int metric, int bins) {
    double edges[LTV_RFM_MAX_BINS + 1];
    int status = type7(seg, metric, bins, 0, bins, edges);
    if (status != LTV_OK) return status;
    size_t unique = 1;
    for (int j = 1; j <= bins; j++)
        if (edges[j] != edges[unique - 1]) edges[unique++] = edges[j];
    const size_t k = unique >= 2 ? unique - 2 : 0; /* interior edges */
    memcpy(seg->thresholds[metric], edges + 1, k * sizeof(double));
    seg->threshold_count[metric] = k;
    seg->bins[metric] = (int)k + 1;
    return LTV_OK;
}

static int quantile_cuts(ltv_segmentation *seg, int metric, int bins) {
    const uint64_t n = seg->customers_with_orders;
    const size_t k = (size_t)bins - 1;
    uint64_t ranks[LTV_RFM_MAX_BINS - 1];
    int64_t found[LTV_RFM_MAX_BINS - 1];
    for (size_t j = 1; j <= k; j++) {
        const uint64_t pos = (j * n + (uint64_t)bins - 1) / (uint64_t)bins; /* ceil(j·n/B) */
        /* recency: goodness is -recency, so count positions from the other end */
        ranks[j - 1] = metric == LTV_RFM_RECENCY ? n + 1 - pos : pos;
    }
    int status = select_ranks(seg, metric, ranks, k, found);
    if (status != LTV_OK) return status;
    double *cuts = seg->thresholds[metric];
    for (size_t j = 0; j < k; j++) cuts[j] = (double)found[metric == LTV_RFM_RECENCY ? k - 1 - j : j]; /* ascending */
    return LTV_OK;
}

int ltv__segment_cut_points(ltv_segmentation *seg, int metric) {
    const int bins = ltv__segment_bins(&seg->cfg, metric), mode = (int)P(seg, LTV_SEG_RFM_MODE);
    seg->bins[metric] = bins;
    seg->threshold_count[metric] = (size_t)bins - 1;
    double *cuts = seg->thresholds[metric];
    switch (mode) {
    case LTV_RFM_FIXED:
        for (int j = 0; j < bins - 1; j++) cuts[j] = (double)seg->cfg.thresholds[metric][j];
        return LTV_OK;
    case LTV_RFM_QUANTILE: return quantile_cuts(seg, metric, bins);
    case LTV_RFM_PYMC: return pymc_cuts(seg, metric, bins);
    default: { /* type 7, and R's rfm: the same quantiles, one higher */
        int status = type7(seg, metric, bins, 1, bins - 1, cuts);
        if (status == LTV_OK && mode == LTV_RFM_R_RFM)
            for (int j = 0; j < bins - 1; j++) cuts[j] += 1.0;
        return status;
    }
    }
}
