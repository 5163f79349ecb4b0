/* Segmentation internals shared by its source files and by the modules that read a
 * segmentation's per-customer columns (health check, planner). Nothing here is exported. */
#ifndef LTVCRM_SEGMENT_INTERNAL_H
#define LTVCRM_SEGMENT_INTERNAL_H

#include "ltvcrm/segment.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "internal.h"
#include "settings.h"
#include "rules.h"

/* First-version sizes of the result structs (see LTV__SIZE_THROUGH): fields of 1.0.0 end here. */
#define LTV__CUSTOMER_SEGMENT_V1_SIZE LTV__SIZE_THROUGH(ltv_customer_segment, lifetime_ltv)
#define LTV__GROUP_STATS_V1_SIZE LTV__SIZE_THROUGH(ltv_group_stats, average_order_value)
#define LTV__LTV_SUMMARY_V1_SIZE LTV__SIZE_THROUGH(ltv_ltv_summary, high_ltv_general_threshold)

#define LTV__SEG_PARAMS 20
/* The segmentation's settings (name, bounds, default): behind ltv_segment_config_set_i64 and
 * ltv_segment_param_info, and shared by the planner's state and rank thresholds. */
extern const ltv__setting ltv__segment_setting_items[LTV__SEG_PARAMS];
extern const ltv__settings ltv__segment_settings;
/* The words of the states and ranks, indexed by value + 1 (labels.c); the planner's
 * vocabulary uses the same tables. */
extern const ltv__word ltv__state_words[LTV_STATE_COUNT + 1];
extern const ltv__word ltv__rank_words[LTV_RANK_COUNT + 1];
#define LTV_RFM_MAX_BINS 10
/* Recency and order counts below this are counted in histograms during pass 1. */
#define LTV__SMALL_CAP 8192
#define LTV__SMALL_BITS 13 /* 2^13 = LTV__SMALL_CAP */

/* A narrow pass 1's word for a customer (run.c): recency and orders in 13 bits each (values
 * of the histograms, below LTV__SMALL_CAP; a larger one is counted as overflow and the run
 * then writes the full columns), then state + 1 and rank + 1 in 3 bits each. */
#define LTV__PACKED_ORDERS_SHIFT LTV__SMALL_BITS
#define LTV__PACKED_STATE_SHIFT (2 * LTV__SMALL_BITS)
#define LTV__PACKED_RANK_SHIFT (2 * LTV__SMALL_BITS + 3)
static inline uint32_t ltv__pack_customer(int32_t recency, int32_t orders, int8_t state, int8_t rank) {
    const uint32_t small = LTV__SMALL_CAP - 1;
    return ((uint32_t)recency & small) | ((uint32_t)orders & small) << LTV__PACKED_ORDERS_SHIFT |
           (uint32_t)(state + 1) << LTV__PACKED_STATE_SHIFT | (uint32_t)(rank + 1) << LTV__PACKED_RANK_SHIFT;
}
_Static_assert(1 << LTV__SMALL_BITS == LTV__SMALL_CAP, "the packed fields hold the histograms' values");
_Static_assert(LTV_STATE_COUNT < 7 && LTV_RANK_COUNT < 7, "state + 1 and rank + 1 fit in 3 bits");
static inline int8_t ltv__packed_state(uint32_t word) {
    return (int8_t)((int)(word >> LTV__PACKED_STATE_SHIFT & 7) - 1);
}
static inline int8_t ltv__packed_rank(uint32_t word) {
    return (int8_t)((int)(word >> LTV__PACKED_RANK_SHIFT & 7) - 1);
}
#define LTV__PASS_PARTS 8 /* at most this many threads share a pass over the customers */
#define LTV_PRESETS_MAX 250 /* preset indices are uint8_t, "Other" after the last */

/* Order-preserving int64 key of a double (no NaN): monetary means of PyMC mode are selected
 * with the same exact order statistics as the integer metrics. */
static inline int64_t ltv__double_key(double value) {
    value += 0.0; /* -0.0 → +0.0 */
    int64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits >= 0 ? bits : ~(bits & INT64_MAX);
}

/* Buckets that need no range, so that a pass made for other reasons can count values into
 * them before their bounds are known: the sign, the binary exponent and the top
 * LTV__BUCKET_SUB_BITS mantissa bits of the value as a double (64 buckets per octave, each
 * 1.6 % wide or less; every integer below 64 has its own). Magnitudes below 2^-32 share the
 * bucket of zero on their side, those from 2^64 the last one. Ascending values get
 * non-decreasing buckets, which is all the order statistics need. */
#define LTV__BUCKET_SUB_BITS 6
#define LTV__BUCKET_LOW ((uint64_t)(1023 - 32) << LTV__BUCKET_SUB_BITS) /* exponent of 2^-32 */
#define LTV__BUCKET_HALF ((uint64_t)96 << LTV__BUCKET_SUB_BITS)         /* up to 2^64 */
#define LTV__BUCKETS ((size_t)(2 * LTV__BUCKET_HALF))
/* mag: a double's bits without the sign */
static inline size_t ltv__bucket_of_bits(bool negative, uint64_t mag) {
    mag >>= 52 - LTV__BUCKET_SUB_BITS;
    uint64_t t = mag > LTV__BUCKET_LOW ? mag - LTV__BUCKET_LOW : 0;
    t = t < LTV__BUCKET_HALF ? t : LTV__BUCKET_HALF - 1;
    return (size_t)(negative ? LTV__BUCKET_HALF - 1 - t : LTV__BUCKET_HALF + t);
}
/* The bucket of an integer value. Positive integers need neither clamp (their exponents run
 * from 2^0 to 2^63), so the common case is a shift and an add. */
static inline size_t ltv__bucket_of_i64(int64_t value) {
    const double d = (double)value;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    if (value > 0) return (size_t)(LTV__BUCKET_HALF + (bits >> (52 - LTV__BUCKET_SUB_BITS)) - LTV__BUCKET_LOW);
    return ltv__bucket_of_bits(value < 0, bits & (uint64_t)INT64_MAX);
}
/* The bucket of the double a key of ltv__double_key() stands for. */
static inline size_t ltv__bucket_of_key(int64_t key) {
    return ltv__bucket_of_bits(key < 0, key < 0 ? (uint64_t)~key : (uint64_t)key);
}
/* A histogram over those buckets of the selected values among values[begin..end), counted
 * by a pass over those customers (pass 1). */
typedef struct ltv__bucket_counts {
    size_t begin, end;
    const uint64_t *hist; /* LTV__BUCKETS counts */
} ltv__bucket_counts;

typedef struct ltv__preset {
    char *name_en, *name_ja;
    uint8_t r_min, r_max, f_min, f_max, m_min, m_max;
} ltv__preset;

struct ltv_segment_config {
    int64_t params[LTV__SEG_PARAMS];
    int64_t thresholds[3][LTV_RFM_MAX_BINS - 1];
    size_t threshold_count[3];
    ltv__preset *presets;
    size_t preset_count;
    bool default_presets; /* defined on a 1..5 scale: other bin counts are mapped onto it */
    char *other_en, *other_ja; /* the catch-all's name, NULL for "Other" */
    /* the attached purchase model (ltv_segment_config_set_model), borrowed; fit NULL: none */
    const ltv_predict_fit *fit, *spend_fit;
    const ltv_predict_options *predict_opts;
    int predict_unit;
    /* or P(alive) given per customer (ltv_segment_config_set_p_alive), borrowed; NULL: none */
    const double *given_p_alive, *given_before, *given_clv;
    size_t given_count;
};

/* Integer sums of a group of customers (a state or a rank) before they become ltv_group_stats:
 * added exactly across threads, and across shards in segment summaries. */
typedef struct ltv__group_sums {
    uint64_t customers, orders, year_orders;
    int64_t revenue, year_revenue, basis;
    uint64_t active_days; /* sum of max(tenure, 365) */
} ltv__group_sums;

/* What the global cut points of a segmentation need from a shard's customers (summary.c):
 * counts, integer sums and sorted (value, count) lists, combined exactly by merging. */
enum {
    LTV__LIST_RECENCY,   /* the RFM metrics as scored: recency, */
    LTV__LIST_FREQUENCY, /* orders (PyMC: order days), */
    LTV__LIST_MONETARY,  /* lifetime amount (PyMC: ltv__double_key of the amount per order day) */
    LTV__LIST_BASIS,     /* the LTV basis, for the core threshold */
    LTV__LIST_EXCELLENT, /* annual LTV of the excellent rank, for its two levels */
    LTV__LIST_GENERAL,   /* annual LTV of the general rank, for the high-LTV general count */
    LTV__LISTS
};
typedef struct ltv__value_counts {
    int64_t *value; /* strictly ascending */
    uint64_t *count; /* each > 0 */
    size_t len;
} ltv__value_counts;

struct ltv_segment_summary {
    int32_t as_of;
    bool any_visits; /* for LTV_ACTIVITY_AUTO, which looks at the whole ledger */
    int64_t params[LTV__SEG_PARAMS];
    uint64_t customers; /* with orders */
    int64_t basis_total;
    ltv__group_sums states[LTV_STATE_COUNT], ranks[LTV_RANK_COUNT];
    ltv__value_counts lists[LTV__LISTS];
};

/* One range's floor of kept core values and how many customers had it: the copies of it
 * ltv__top_values_append_ties wrote stop at `want`, the count of the core does not (run.c). */
typedef struct ltv__core_ties {
    int64_t floor;
    uint64_t ties, copies;
} ltv__core_ties;

struct ltv_segmentation {
    const ltv_ledger *ledger;      /* the customers' ids (a customer table's id ledger) */
    const ltv_customer_table *table; /* customer-level input, or NULL for a ledger */
    int32_t as_of;
    ltv__rules rules;       /* state and rank rules with this run's thresholds */
    ltv_segment_config cfg; /* deep copy */
    size_t n;
    /* per-customer columns, ledger index order */
    int8_t *state, *rank;
    uint8_t *r, *f, *m, *preset, *flags;
    int32_t *recency, *orders;
    int64_t *annual, *lifetime;
    size_t column_bytes;
    /* aggregates */
    uint64_t customers_with_orders;
    ltv_group_stats state_stats[LTV_STATE_COUNT];
    ltv_group_stats rank_stats[LTV_RANK_COUNT];
    double thresholds[3][LTV_RFM_MAX_BINS - 1];
    size_t threshold_count[3];
    int bins[3];            /* scores of each metric: 1..bins[metric] */
    uint8_t *segment;       /* per customer: segment by name (LTV_COLUMN_SEGMENT) */
    uint8_t *segment_of;    /* preset_count + 1 entries: preset → segment by name */
    size_t segment_count;   /* distinct names ("Other" not counted) */
    uint64_t *segment_counts; /* segment_count + 1 */
    /* the metric values scored, when they are not the columns (PyMC mode; freed after the run) */
    int32_t *fvalue;        /* frequency: orders, or distinct order days (PyMC) */
    int64_t *mkey;          /* PyMC monetary: ltv__double_key(amount per order day) */
    double *mvalue;         /* PyMC monetary: amount per order day */
    uint64_t score_counts[3][LTV_RFM_MAX_BINS];
    uint64_t *preset_counts; /* preset_count + 1 ("Other") */
    ltv_ltv_summary ltv;
    int64_t basis_total; /* sum of basis LTV over customers with orders */
    uint64_t *small_hist;        /* recency and order-count histograms of pass 1 (segment_run.c) */
    uint64_t small_overflow[2];  /* values too large for them */
    /* what pass 1 keeps for the global cut points, except in a shard's or a summary's run (the
     * whole decides): counts of the monetary metric over ltv__bucket_of_*(), one histogram per
     * range of customers (counted_parts; 0: not counted, as in fixed mode), and the largest
     * LTV basis values, enough for the core threshold (core_count; core NULL: not kept) */
    uint64_t *bucket_hist;
    ltv__bucket_counts monetary_counts[LTV__PASS_PARTS];
    int counted_parts;
    int64_t *core;
    size_t core_count;
    ltv__core_ties core_ties[LTV__PASS_PARTS];
    int core_parts;
    int64_t *excellent_annual;   /* annual LTV of the excellent customers (segment_run.c) */
    size_t excellent_count;
    /* A narrow run (run.c): pass 1 wrote only the orders column, with the packed word of each
     * customer (ltv__pack_customer), and the recency column, with the lifetime amount as 32
     * bits; the counts of the flags come from the kept values (the general customers' annual
     * LTV, until pass 2), and every column is written in full on first use with the score
     * columns. `lifetime_misfits`: amounts pass 1 found outside 32 bits (the run then writes
     * the full columns before the cut points). */
    bool narrow;
    uint64_t lifetime_misfits;
    int64_t *general_annual;
    size_t general_count;
    atomic_long holders; /* holders besides the caller: Arrow exports that point into the columns */
    /* The score columns (r, f, m, preset, flags, segment) are written on their first use, not
     * by the run, whose second pass only counts (ltv__segmentation_columns, run.c), and so are
     * all the others after a narrow run: a caller that reads the counts and
     * stats never pays for their fresh pages. What writing them needs is kept here; PyMC mode
     * writes them in the run (its metric values are freed after it). `scores_written`: every
     * column is written. */
    uint8_t preset_table[(LTV_RFM_MAX_BINS + 1) * (LTV_RFM_MAX_BINS + 1) * (LTV_RFM_MAX_BINS + 1)];
    uint8_t score_lut[2 * LTV__SMALL_CAP]; /* recency, then frequency scores of values below the cap */
    atomic_bool scores_written;
    bool scores_lock_made;
    pthread_mutex_t scores_lock;
    /* with a model (alive.c): P(alive) and CLV at the as-of day, P(alive) LTV_SEG_FALLING_DAYS
     * before it (NULL without) */
    double *p_alive, *predicted_clv, *p_alive_before; /* one block from p_alive */
    const ltv_segment_summary *whole; /* a shard's run: the global statistics, else NULL (shard.c) */
};

/* Writes the columns left for first use if no caller has yet (once, under the result's
 * lock); every reader of seg->r, f, m, preset, flags, segment, and of recency, orders and
 * annual, calls it first. Cannot fail: the columns were allocated by the run. Thread-safe. */
void ltv__segmentation_columns(const ltv_segmentation *seg);

/* Keeps the segmentation alive past the caller's ltv_segmentation_free() until a matching
 * ltv_segmentation_free() of the new holder (an Arrow export's release). Thread-safe. */
void ltv__segmentation_retain(ltv_segmentation *seg);

/* With a model attached: the predictions of the run's as-of day (and of the falling
 * comparison's day), and the P(alive) rule in seg->rules (alive.c). Before pass 1. */
int ltv__segment_predict(ltv_segmentation *seg);
/* Sets LTV_FLAG_ALIVE_FALLING after the flags are written (alive.c). */
void ltv__segment_flag_falling(ltv_segmentation *seg);
/* Releases what ltv__segment_predict made. */
void ltv__segment_predict_free(ltv_segmentation *seg);

/* Settings: defaults, deep copy and release. */
void ltv__segment_config_defaults(ltv_segment_config *cfg);
int ltv__segment_config_copy(ltv_segment_config *dst, const ltv_segment_config *src);
void ltv__segment_config_release(ltv_segment_config *cfg);

/* Appends one named-segment entry (ranges: r, f, m min/max), names already checked. */
int ltv__segment_config_append(ltv_segment_config *cfg, const char *en, size_t en_len, const char *ja, size_t ja_len,
                               const uint8_t ranges[6]);

/* Bins of a metric: its own setting, or LTV_SEG_RFM_BINS. */
int ltv__segment_bins(const ltv_segment_config *cfg, int metric);

/* Replaces cfg's named segments with the table in text (segment tables, table.c); `where`
 * prefixes messages (a path, or the function's name). */
int ltv__segment_table_parse(ltv_segment_config *cfg, const char *where, const char *text, size_t len);

/* RFM cut points of one metric for the configured mode (cuts.c), and the score of a value. */
int ltv__segment_cut_points(ltv_segmentation *seg, int metric);
uint8_t ltv__segment_score(const ltv_segmentation *seg, int metric, double value);
/* The same score with the metric's rule taken out of the loop (the per-customer pass):
 * cut points ascending, which side a value equal to one lands on, and the direction. */
typedef struct ltv__scorer {
    double cuts[LTV_RFM_MAX_BINS - 1];
    size_t count;
    bool right_closed, descending;
} ltv__scorer;
void ltv__segment_scorer(const ltv_segmentation *seg, int metric, ltv__scorer *out);
static inline uint8_t ltv__scorer_score(const ltv__scorer *scorer, double value) {
    size_t reached = 0;
    if (scorer->right_closed) {
        for (size_t j = 0; j < scorer->count; j++) reached += value > scorer->cuts[j];
    } else {
        for (size_t j = 0; j < scorer->count; j++) reached += value >= scorer->cuts[j];
    }
    return (uint8_t)(scorer->descending ? scorer->count + 1 - reached : 1 + reached);
}
/* The value scored for a stored metric value (a PyMC monetary key back to its double). */
double ltv__segment_metric_value(const ltv_segmentation *seg, int metric, int64_t stored);


/* Exact order statistics in linear time: the values at 1-based ascending `ranks` among
 * values[i] whose filter[i] lies in [lo, hi] (all values when filter is NULL). Values are
 * int64 (width 8) or int32 (width 4). Ranks need not be sorted. */
int ltv__order_stats(const void *values, int width, size_t n, const int8_t *filter, int8_t lo, int8_t hi,
                     const uint64_t *ranks, size_t k, int64_t *out);
/* The same, for values (keys: int64 ltv__double_key() keys) already counted into buckets by
 * ranges of customers that cover 0..n: only the pass that gathers the wanted buckets is left,
 * one range per thread. The states may instead be read from packed words (packed_filter,
 * ltv__pack_customer); at most one of the two filters is given. */
int ltv__order_stats_counted(const void *values, int width, bool keys, const int8_t *filter,
                             const int32_t *packed_filter, int8_t lo, int8_t hi, const ltv__bucket_counts *parts,
                             int part_count, const uint64_t *ranks, size_t k, int64_t *out);

/* What a pass keeps of a stream of values it cannot see whole for the K-th largest, for any
 * K <= want: the values above `floor` in a buffer, and how many equal it. When the buffer
 * holds 2·want values, the floor rises to the want-th largest of them and the values below
 * it go (each has want values above it); those equal to it become a count, so that many
 * equal values (an annual LTV of zero) take no room. */
typedef struct ltv__top_values {
    int64_t *values; /* all > floor */
    size_t count, capacity, want;
    uint64_t ties; /* values equal to floor */
    int64_t floor;
} ltv__top_values;
/* Makes room for one more value above the floor (raising the floor, or growing the buffer). */
int ltv__top_values_make_room(ltv__top_values *top);
static inline int ltv__top_values_add(ltv__top_values *top, int64_t x) {
    if (x < top->floor) return LTV_OK;
    if (x > top->floor && top->count == top->capacity) {
        const int status = ltv__top_values_make_room(top);
        if (status != LTV_OK) return status;
    }
    if (x > top->floor) top->values[top->count++] = x;
    else top->ties += x == top->floor;
    return LTV_OK;
}
/* How many values a range's top values give when merged: those kept, and the ties as at most
 * `want` copies of the floor (the K-th largest for K <= want never needs more). */
static inline size_t ltv__top_values_size(const ltv__top_values *top) {
    return top->count + (size_t)(top->ties < top->want ? top->ties : top->want);
}
/* Writes the ties' copies of the floor at out[*out_count] on and advances *out_count. Merged
 * over the ranges of a pass, each range's values followed by its ties' copies hold the K-th
 * largest of all its values for K <= want (run.c joins them so). */
void ltv__top_values_append_ties(const ltv__top_values *from, int64_t *out, size_t *out_count);

/* Shards (summary.c, shard.c). After pass 1 of a shard's run: its summary. */
int ltv__summary_from_pass1(ltv_segment_summary **out, const ltv_segmentation *seg,
                            const ltv__group_sums states[LTV_STATE_COUNT], const ltv__group_sums ranks[LTV_RANK_COUNT]);
void ltv__summary_release(ltv_segment_summary *sum);
/* LTV_EINVAL (messages start with func) for a configuration shards do not cover: a purchase
 * model attached, or a setting added after the sixteen of 1.1's shards away from its default. */
int ltv__shard_covers(const ltv_segment_config *cfg, const char *func);
/* Before a shard's run: checks that `whole` was made with this configuration and day (and
 * that the configuration is one shards cover), and takes the whole's activity rule. */
int ltv__shard_begin(ltv_segmentation *seg, const ltv_segment_summary *whole);
/* Pass 1's sums replaced by the whole's (LTV_EINVAL when the shard cannot be part of it). */
int ltv__shard_pass1_totals(ltv_segmentation *seg, ltv__group_sums states[LTV_STATE_COUNT],
                             ltv__group_sums ranks[LTV_RANK_COUNT]);
/* Values at 1-based ascending `ranks` of one of the whole's lists. */
void ltv__shard_ranks(const ltv_segmentation *seg, int list, const uint64_t *ranks, size_t k, int64_t *out);
/* Pass 2's counts replaced by the whole's: score counts, core, top-excellent and high-LTV
 * general customers, and the LTV totals (core, continuing, churned). */
void ltv__shard_pass2_totals(ltv_segmentation *seg, int64_t *core_total, int64_t *continuing, int64_t *churned);

#endif
