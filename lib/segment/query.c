/* Reading a segmentation: per-customer lookups, columns, group totals, cut points. */
#include <string.h>

#include "segment_internal.h"

#define REQUIRE_SIZE(func, out_size, first_size)                                 \
    do {                                                                         \
        int size_status = ltv__check_out_size((func), (out_size), (first_size)); \
        if (size_status != LTV_OK) return size_status;                      \
    } while (0)

uint64_t ltv_segmentation_customer_count(const ltv_segmentation *seg) { return seg ? seg->n : 0; }

int32_t ltv_segmentation_as_of(const ltv_segmentation *seg) { return seg ? seg->as_of : LTV_NO_DAY; }

static void fill_customer(const ltv_segmentation *seg, size_t c, ltv_customer_segment *s) {
    ltv__segmentation_columns(seg);
    memset(s, 0, sizeof *s);
    s->state = seg->state[c];
    s->rank = seg->rank[c];
    s->r = seg->r[c];
    s->f = seg->f[c];
    s->m = seg->m[c];
    s->preset = seg->preset[c];
    s->flags = seg->flags[c];
    s->recency_days = seg->recency[c];
    s->orders = seg->orders[c];
    s->annual_ltv = seg->annual[c];
    s->lifetime_ltv = seg->lifetime[c];
    if (seg->p_alive) s->p_alive = seg->p_alive[c];
    if (seg->predicted_clv) s->predicted_clv = seg->predicted_clv[c];
    if (seg->p_alive_before) s->p_alive_before = seg->p_alive_before[c];
}

int ltv_segmentation_customer(const ltv_segmentation *seg, uint64_t index, ltv_customer_segment *out, size_t out_size) {
    LTV_REQUIRE(seg, "ltv_segmentation_customer");
    LTV_REQUIRE(out, "ltv_segmentation_customer");
    REQUIRE_SIZE("ltv_segmentation_customer", out_size, LTV__CUSTOMER_SEGMENT_V1_SIZE);
    if (index >= seg->n)
        return ltv__fail(LTV_ERANGE, "ltv_segmentation_customer: index %llu is outside 0..%lld",
                         (unsigned long long)index, (long long)seg->n - 1);
    ltv_customer_segment s;
    fill_customer(seg, (size_t)index, &s);
    ltv__copy_versioned(out, out_size, &s, sizeof s);
    return LTV_OK;
}

int ltv_segmentation_find(const ltv_segmentation *seg, const char *customer_id, size_t id_len,
                          ltv_customer_segment *out, size_t out_size) {
    LTV_REQUIRE(seg, "ltv_segmentation_find");
    LTV_REQUIRE(customer_id, "ltv_segmentation_find");
    LTV_REQUIRE(out, "ltv_segmentation_find");
    REQUIRE_SIZE("ltv_segmentation_find", out_size, LTV__CUSTOMER_SEGMENT_V1_SIZE);
    uint64_t index;
    int status = ltv_ledger_find(seg->ledger, customer_id, id_len, &index);
    if (status != LTV_OK) return status;
    if (index >= seg->n) /* added to the ledger after the run */
        return ltv__fail(LTV_ENOTFOUND, "ltv_segmentation_find: customer '%.*s' was added after the segmentation",
                         (int)(id_len > 64 ? 64 : id_len), customer_id);
    return ltv_segmentation_customer(seg, index, out, out_size);
}

static const void *column_data(const ltv_segmentation *seg, int column, size_t *width) {
    ltv__segmentation_columns(seg); /* written on first use */
    switch (column) {
    case LTV_COLUMN_STATE: *width = 1; return seg->state;
    case LTV_COLUMN_RANK: *width = 1; return seg->rank;
    case LTV_COLUMN_R: *width = 1; return seg->r;
    case LTV_COLUMN_F: *width = 1; return seg->f;
    case LTV_COLUMN_M: *width = 1; return seg->m;
    case LTV_COLUMN_PRESET: *width = 1; return seg->preset;
    case LTV_COLUMN_FLAGS: *width = 1; return seg->flags;
    case LTV_COLUMN_RECENCY: *width = 4; return seg->recency;
    case LTV_COLUMN_ORDERS: *width = 4; return seg->orders;
    case LTV_COLUMN_ANNUAL_LTV: *width = 8; return seg->annual;
    case LTV_COLUMN_LIFETIME_LTV: *width = 8; return seg->lifetime;
    case LTV_COLUMN_SEGMENT: *width = 1; return seg->segment;
    case LTV_COLUMN_P_ALIVE: *width = 8; return seg->p_alive;
    case LTV_COLUMN_PREDICTED_CLV: *width = 8; return seg->predicted_clv;
    case LTV_COLUMN_P_ALIVE_BEFORE: *width = 8; return seg->p_alive_before;
    default: return NULL;
    }
}

/* A column's data, or the reason there is none: not a column, or a prediction column of a
 * run without the model (or comparison) it needs. */
static int find_column(const char *func, const ltv_segmentation *seg, int column, const void **data, size_t *width) {
    *data = column_data(seg, column, width);
    if (*data) return LTV_OK;
    if (column >= LTV_COLUMN_P_ALIVE && column <= LTV_COLUMN_P_ALIVE_BEFORE)
        return ltv__fail(LTV_ESTATE, "%s: column %d needs %s", func, column,
                         column == LTV_COLUMN_P_ALIVE_BEFORE && seg->p_alive
                             ? "LTV_SEG_FALLING_DAYS above 0"
                             : "a model attached with ltv_segment_config_set_model()");
    return ltv__fail(LTV_EINVAL, "%s: column %d is not a column (0..%d)", func, column, LTV_COLUMN_P_ALIVE_BEFORE);
}

int ltv_segmentation_column(const ltv_segmentation *seg, int column, const void **out_data, size_t *out_len) {
    LTV_REQUIRE(seg, "ltv_segmentation_column");
    LTV_REQUIRE(out_data, "ltv_segmentation_column");
    LTV_REQUIRE(out_len, "ltv_segmentation_column");
    size_t width = 0;
    const void *data;
    int status = find_column("ltv_segmentation_column", seg, column, &data, &width);
    if (status != LTV_OK) return status;
    *out_data = data;
    *out_len = seg->n;
    return LTV_OK;
}

int ltv_segmentation_copy_column(const ltv_segmentation *seg, int column, void *out, size_t capacity,
                                 size_t *out_len) {
    LTV_REQUIRE(seg, "ltv_segmentation_copy_column");
    LTV_REQUIRE(out_len, "ltv_segmentation_copy_column");
    size_t width = 0;
    const void *data;
    int status = find_column("ltv_segmentation_copy_column", seg, column, &data, &width);
    if (status != LTV_OK) return status;
    *out_len = seg->n;
    if (capacity < seg->n || (!out && seg->n))
        return ltv__fail(LTV_EBUFSIZE, "ltv_segmentation_copy_column: capacity %zu < %zu customers", capacity, seg->n);
    if (seg->n) memcpy(out, data, seg->n * width);
    return LTV_OK;
}

/* One row of a per-state or per-rank table; `what` names the index in messages. */
static int copy_group_stats(const char *func, const char *what, int value, int count, const ltv_group_stats *table,
                            ltv_group_stats *out, size_t out_size) {
    LTV_REQUIRE(out, func);
    REQUIRE_SIZE(func, out_size, LTV__GROUP_STATS_V1_SIZE);
    if (value < 0 || value >= count) return ltv__fail(LTV_EINVAL, "%s: %s %d is not 0..%d", func, what, value, count - 1);
    ltv__copy_versioned(out, out_size, &table[value], sizeof table[value]);
    return LTV_OK;
}

int ltv_segmentation_state_stats(const ltv_segmentation *seg, int state, ltv_group_stats *out, size_t out_size) {
    LTV_REQUIRE(seg, "ltv_segmentation_state_stats");
    return copy_group_stats("ltv_segmentation_state_stats", "state", state, LTV_STATE_COUNT, seg->state_stats, out,
                            out_size);
}

int ltv_segmentation_rank_stats(const ltv_segmentation *seg, int rank, ltv_group_stats *out, size_t out_size) {
    LTV_REQUIRE(seg, "ltv_segmentation_rank_stats");
    return copy_group_stats("ltv_segmentation_rank_stats", "rank", rank, LTV_RANK_COUNT, seg->rank_stats, out,
                            out_size);
}

static int check_metric(const char *func, int metric) {
    if (metric < LTV_RFM_RECENCY || metric > LTV_RFM_MONETARY)
        return ltv__fail(LTV_EINVAL, "%s: metric %d is not 0..2", func, metric);
    return LTV_OK;
}

int ltv_segmentation_thresholds(const ltv_segmentation *seg, int metric, double *out, size_t capacity,
                                size_t *out_len) {
    LTV_REQUIRE(seg, "ltv_segmentation_thresholds");
    LTV_REQUIRE(out_len, "ltv_segmentation_thresholds");
    int status = check_metric("ltv_segmentation_thresholds", metric);
    if (status != LTV_OK) return status;
    const size_t count = seg->threshold_count[metric];
    *out_len = count;
    if (capacity < count || (!out && count))
        return ltv__fail(LTV_EBUFSIZE, "ltv_segmentation_thresholds: capacity %zu < %zu", capacity, count);
    if (count) memcpy(out, seg->thresholds[metric], count * sizeof *out);
    return LTV_OK;
}

int ltv_segmentation_score_counts(const ltv_segmentation *seg, int metric, uint64_t *out, size_t capacity,
                                  size_t *out_len) {
    LTV_REQUIRE(seg, "ltv_segmentation_score_counts");
    LTV_REQUIRE(out_len, "ltv_segmentation_score_counts");
    int status = check_metric("ltv_segmentation_score_counts", metric);
    if (status != LTV_OK) return status;
    const size_t bins = (size_t)seg->bins[metric];
    *out_len = bins;
    if (capacity < bins || !out)
        return ltv__fail(LTV_EBUFSIZE, "ltv_segmentation_score_counts: capacity %zu < %zu bins", capacity, bins);
    memcpy(out, seg->score_counts[metric], bins * sizeof *out);
    return LTV_OK;
}

static const char *other_name(const ltv_segmentation *seg, int lang) {
    if (lang == LTV_LANG_JA) return seg->cfg.other_ja ? seg->cfg.other_ja : "その他";
    return seg->cfg.other_en ? seg->cfg.other_en : "Other";
}

size_t ltv_segmentation_preset_count(const ltv_segmentation *seg) { return seg ? seg->cfg.preset_count : 0; }

const char *ltv_segmentation_preset_name(const ltv_segmentation *seg, size_t preset, int lang) {
    if (!seg) {
        ltv__fail(LTV_EINVAL, "ltv_segmentation_preset_name: seg is NULL");
        return NULL;
    }
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA) {
        ltv__fail(LTV_EINVAL, "ltv_segmentation_preset_name: language %d is not 0 (en) or 1 (ja)", lang);
        return NULL;
    }
    if (preset > seg->cfg.preset_count) {
        ltv__fail(LTV_ERANGE, "ltv_segmentation_preset_name: preset %zu is outside 0..%zu", preset,
                  seg->cfg.preset_count);
        return NULL;
    }
    if (preset == seg->cfg.preset_count) return other_name(seg, lang);
    return lang == LTV_LANG_JA ? seg->cfg.presets[preset].name_ja : seg->cfg.presets[preset].name_en;
}

size_t ltv_segmentation_segment_count(const ltv_segmentation *seg) { return seg ? seg->segment_count : 0; }

size_t ltv_segmentation_preset_segment(const ltv_segmentation *seg, size_t preset) {
    if (!seg) return 0;
    return preset <= seg->cfg.preset_count ? seg->segment_of[preset] : seg->segment_count;
}

const char *ltv_segmentation_segment_name(const ltv_segmentation *seg, size_t segment, int lang) {
    if (!seg) {
        ltv__fail(LTV_EINVAL, "ltv_segmentation_segment_name: seg is NULL");
        return NULL;
    }
    if (segment > seg->segment_count) {
        ltv__fail(LTV_ERANGE, "ltv_segmentation_segment_name: segment %zu is outside 0..%zu", segment,
                  seg->segment_count);
        return NULL;
    }
    for (size_t p = 0; p <= seg->cfg.preset_count; p++) /* the name of its first entry */
        if (seg->segment_of[p] == segment) return ltv_segmentation_preset_name(seg, p, lang);
    return NULL;
}

uint64_t ltv_segmentation_segment_customers(const ltv_segmentation *seg, size_t segment) {
    if (!seg || segment > seg->segment_count) return 0;
    return seg->segment_counts[segment];
}

uint64_t ltv_segmentation_preset_customers(const ltv_segmentation *seg, size_t preset) {
    if (!seg || preset > seg->cfg.preset_count) return 0;
    return seg->preset_counts[preset];
}

int ltv_segmentation_ltv_summary(const ltv_segmentation *seg, ltv_ltv_summary *out, size_t out_size) {
    LTV_REQUIRE(seg, "ltv_segmentation_ltv_summary");
    LTV_REQUIRE(out, "ltv_segmentation_ltv_summary");
    REQUIRE_SIZE("ltv_segmentation_ltv_summary", out_size, LTV__LTV_SUMMARY_V1_SIZE);
    ltv__copy_versioned(out, out_size, &seg->ltv, sizeof seg->ltv);
    return LTV_OK;
}

int ltv_segmentation_cpo_verdict(const ltv_segmentation *seg, int64_t cpo, int *out_verdict, double *out_ratio) {
    LTV_REQUIRE(seg, "ltv_segmentation_cpo_verdict");
    LTV_REQUIRE(out_verdict, "ltv_segmentation_cpo_verdict");
    if (cpo < 0) return ltv__fail(LTV_ERANGE, "ltv_segmentation_cpo_verdict: CPO %lld is negative", (long long)cpo);
    /* Compare CPO × customers with the LTV total exactly, through the quotient and the
     * remainder of total / customers, so that no rounded average decides a tie. */
    const uint64_t n = seg->customers_with_orders;
    const int64_t total = seg->basis_total;
    if (n == 0 || total < 0) {
        *out_verdict = (n == 0 && cpo == 0) ? LTV_CPO_BREAK_EVEN : LTV_CPO_LEAKING;
    } else {
        const uint64_t quotient = (uint64_t)total / n, remainder = (uint64_t)total % n, c = (uint64_t)cpo;
        *out_verdict = c < quotient || (c == quotient && remainder > 0) ? LTV_CPO_PROFITABLE
                       : c == quotient                                  ? LTV_CPO_BREAK_EVEN
                                                                        : LTV_CPO_LEAKING;
    }
    if (out_ratio) *out_ratio = cpo > 0 ? seg->ltv.average_ltv / (double)cpo : 0.0;
    return LTV_OK;
}
