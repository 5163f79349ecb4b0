/* Exact order statistics without sorting: a histogram over the values' high bits finds the
 * bucket that holds each wanted rank, then only those buckets are gathered and solved again
 * (or sorted once small). Each level narrows the range 65,536-fold, so 64-bit values need at
 * most four levels; small ranges (recency, order counts) are counted directly. Each pass over
 * many values runs on the thread budget's threads, one range of values each: the counts add
 * up, and every range gathers into its own part of each bucket's array. When a pass the
 * caller makes anyway has counted the values into buckets of their own (ltv__bucket_of_i64),
 * only the gathering pass is left (ltv__order_stats_counted); for a K-th largest with K
 * small, such a pass keeps only the largest values it meets (ltv__top_values). */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

#define COUNTING_RANGE ((uint64_t)1 << 20)
#define RADIX_BITS 16
#define SORT_BELOW 2048
#define SHARE_MIN 500000 /* values per thread below which one thread does a pass */
#define MAX_SHARES 8

typedef struct value_view {
    const void *data;
    int width;
    const int8_t *filter;         /* states, or NULL */
    const int32_t *packed_filter; /* or packed words holding them (ltv__pack_customer), or NULL */
    int8_t lo, hi;
} value_view;

static inline int64_t value_at(const value_view *v, size_t i) {
    return v->width == 8 ? ((const int64_t *)v->data)[i] : ((const int32_t *)v->data)[i];
}

static inline bool selected(const value_view *v, size_t i) {
    if (!v->filter && !v->packed_filter) return true;
    const int8_t state = v->filter ? v->filter[i] : ltv__packed_state((uint32_t)v->packed_filter[i]);
    return state >= v->lo && state <= v->hi;
}

/* How a gathering pass finds a value's bucket: (x - base) >> shift, or ltv__bucket_of_*(). */
enum { BY_SHIFT, BY_I64, BY_KEY };

/* One thread's range of values and what its pass found or needs. */
typedef struct pass_share {
    const value_view *v;
    size_t begin, end;
    /* scan: the selected values' count and bounds */
    size_t count;
    int64_t min, max;
    /* count: a histogram of (x - min) >> shift over `buckets` */
    int64_t base;
    int shift;
    uint64_t *hist;
    /* gather: the values of the chosen buckets (slot_of[bucket] = slot + 1, 0 for the others:
     * one byte each, so that the table stays in the first-level cache) into gathered[slot],
     * this range's part starting at at[slot] */
    int by;
    const uint8_t *slot_of;
    int64_t *const *gathered;
    size_t *at;
} pass_share;

static int scan_range(void *arg) {
    pass_share *sh = arg;
    size_t count = 0;
    int64_t min = INT64_MAX, max = INT64_MIN;
    for (size_t i = sh->begin; i < sh->end; i++) {
        if (!selected(sh->v, i)) continue;
        const int64_t x = value_at(sh->v, i);
        if (x < min) min = x;
        if (x > max) max = x;
        count++;
    }
    sh->count = count, sh->min = min, sh->max = max;
    return LTV_OK;
}

static int count_range(void *arg) {
    pass_share *sh = arg;
    for (size_t i = sh->begin; i < sh->end; i++)
        if (selected(sh->v, i)) sh->hist[((uint64_t)value_at(sh->v, i) - (uint64_t)sh->base) >> sh->shift]++;
    return LTV_OK;
}

/* `by` and `width` are constants in each call below, so each loop computes its buckets and
 * reads its values inline; what the loop reads is in locals, since its stores of int64 values
 * may alias whatever sh points to. */
static inline void gather_values(pass_share *sh, int by, int width) {
    const value_view v = *sh->v;
    const uint8_t *const slot_of = sh->slot_of;
    int64_t *const *const gathered = sh->gathered;
    size_t *const at = sh->at;
    const uint64_t base = (uint64_t)sh->base;
    const int shift = sh->shift;
    for (size_t i = sh->begin, end = sh->end; i < end; i++) {
        if (!selected(&v, i)) continue;
        const int64_t x = width == 8 ? ((const int64_t *)v.data)[i] : ((const int32_t *)v.data)[i];
        const size_t b = by == BY_I64   ? ltv__bucket_of_i64(x)
                         : by == BY_KEY ? ltv__bucket_of_key(x)
                                        : (size_t)(((uint64_t)x - base) >> shift);
        const unsigned s = slot_of[b];
        if (s) gathered[s - 1][at[s - 1]++] = x;
    }
}

static int gather_range(void *arg) {
    pass_share *sh = arg;
    const int width = sh->v->width;
    if (sh->by == BY_I64 && width == 4) gather_values(sh, BY_I64, 4); /* a narrow run's lifetimes */
    else if (sh->by == BY_I64) gather_values(sh, BY_I64, 8);
    else if (sh->by == BY_KEY) gather_values(sh, BY_KEY, 8);
    else if (width == 4) gather_values(sh, BY_SHIFT, 4);
    else gather_values(sh, BY_SHIFT, 8);
    return LTV_OK;
}

/* Splits n values into ranges, one per thread (one range when there are few). */
static int split(const value_view *v, size_t n, pass_share *shares) {
    int count = ltv__thread_budget();
    if (count > MAX_SHARES) count = MAX_SHARES;
    if ((size_t)count > n / SHARE_MIN) count = n / SHARE_MIN > 1 ? (int)(n / SHARE_MIN) : 1;
    for (int i = 0; i < count; i++)
        shares[i] = (pass_share){.v = v, .begin = n * (size_t)i / (size_t)count, .end = n * (size_t)(i + 1) / (size_t)count};
    return count;
}

static int solve(const value_view *v, size_t n, const uint64_t *ranks, size_t k, int64_t *out);

/* Gathers the selected values into a fresh array and solves there. */
static int solve_small(const value_view *v, size_t n, size_t count, const uint64_t *ranks, size_t k, int64_t *out) {
    int64_t *copy = ltv__malloc((count ? count : 1) * sizeof *copy);
    if (!copy) return ltv__fail(LTV_ENOMEM, "out of memory for %zu values", count);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (selected(v, i)) copy[m++] = value_at(v, i);
    const int status = ltv__sort_i64(copy, m);
    if (status == LTV_OK)
        for (size_t j = 0; j < k; j++) out[j] = copy[ranks[j] - 1];
    ltv__free(copy);
    return status == LTV_OK ? LTV_OK : ltv__fail(status, "out of memory to sort %zu values", m);
}

/* Histograms of (x - min) >> shift over the shares' ranges; shares[0].hist receives the sum
 * (the others keep their own counts) and is the one allocation, NULL if it failed. */
static int count_buckets(pass_share *shares, int count, int64_t min, int shift, size_t buckets) {
    uint64_t *hist = ltv__calloc((size_t)count * buckets, sizeof *hist);
    shares[0].hist = hist;
    if (!hist) return ltv__fail(LTV_ENOMEM, "out of memory for a histogram of %zu values", buckets);
    for (int i = 0; i < count; i++) {
        shares[i].base = min;
        shares[i].shift = shift;
        shares[i].hist = hist + (size_t)i * buckets;
    }
    int status = ltv__run_tasks(count_range, shares, sizeof *shares, count);
    for (int i = 1; i < count; i++)
        for (size_t b = 0; b < buckets; b++) hist[b] += shares[i].hist[b];
    return status;
}

/* The bucket of each rank and the rank within it. */
static void locate(const uint64_t *hist, const uint64_t *ranks, size_t k, uint64_t *bucket, uint64_t *rank_in_bucket) {
    for (size_t j = 0; j < k; j++) {
        uint64_t seen = 0, b = 0;
        while (seen + hist[b] < ranks[j]) seen += hist[b++];
        bucket[j] = b;
        rank_in_bucket[j] = ranks[j] - seen;
    }
}

static int solve_counting(pass_share *shares, int count, int64_t min, uint64_t range, const uint64_t *ranks, size_t k,
                          int64_t *out) {
    uint64_t *bucket_of_rank = ltv__malloc(k * sizeof *bucket_of_rank);
    uint64_t *rank_in_bucket = ltv__malloc(k * sizeof *rank_in_bucket);
    shares[0].hist = NULL;
    int status = bucket_of_rank && rank_in_bucket ? count_buckets(shares, count, min, 0, (size_t)range + 1)
                                                  : ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
    if (status == LTV_OK) {
        locate(shares[0].hist, ranks, k, bucket_of_rank, rank_in_bucket);
        for (size_t j = 0; j < k; j++) out[j] = min + (int64_t)bucket_of_rank[j];
    }
    ltv__free(shares[0].hist);
    ltv__free(bucket_of_rank);
    ltv__free(rank_in_bucket);
    return status;
}

/* Gathers the buckets that hold the wanted ranks (total: the buckets' counts; part_hist[i]:
 * share i's own counts, for i >= 1) and solves each rank among its bucket's values. */
static int gather_solve(pass_share *shares, int count, const uint64_t *total, const uint64_t *const *part_hist,
                        size_t buckets, const uint64_t *ranks, size_t k, int64_t *out) {
    if (k > UINT8_MAX) { /* slots are one byte: 255 ranks per gathering pass */
        const int status = gather_solve(shares, count, total, part_hist, buckets, ranks, UINT8_MAX, out);
        return status != LTV_OK ? status
                                : gather_solve(shares, count, total, part_hist, buckets, ranks + UINT8_MAX,
                                               k - UINT8_MAX, out + UINT8_MAX);
    }
    uint8_t *slot_of = ltv__calloc(buckets, sizeof *slot_of);
    uint64_t *bucket_of_rank = ltv__malloc(k * sizeof *bucket_of_rank);
    uint64_t *rank_in_bucket = ltv__malloc(k * sizeof *rank_in_bucket);
    int64_t **gathered = ltv__calloc(k, sizeof *gathered);
    size_t *fill = ltv__calloc((size_t)count * k, sizeof *fill); /* each share's next position per slot */
    int status = LTV_OK;
    if (!slot_of || !bucket_of_rank || !rank_in_bucket || !gathered || !fill) {
        status = ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
        goto done;
    }
    locate(total, ranks, k, bucket_of_rank, rank_in_bucket);
    size_t slots = 0;
    for (size_t j = 0; j < k; j++) {
        const uint64_t b = bucket_of_rank[j];
        if (slot_of[b]) continue;
        slot_of[b] = (uint8_t)(slots + 1);
        gathered[slots] = ltv__malloc((size_t)total[b] * sizeof **gathered);
        if (!gathered[slots]) {
            status = ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
            goto done;
        }
        /* share i writes after the values of the shares before it (share 0 from 0) */
        size_t at = (size_t)total[b];
        for (int i = count - 1; i >= 1; i--) {
            at -= (size_t)part_hist[i][b];
            fill[(size_t)i * k + slots] = at;
        }
        slots++;
    }
    for (int i = 0; i < count; i++) {
        shares[i].slot_of = slot_of;
        shares[i].gathered = gathered;
        shares[i].at = fill + (size_t)i * k;
    }
    status = ltv__run_tasks(gather_range, shares, sizeof *shares, count);
    for (size_t j = 0; j < k && status == LTV_OK; j++) {
        const int64_t *values = gathered[slot_of[bucket_of_rank[j]] - 1];
        const value_view sub = {values, 8, NULL, NULL, 0, 0};
        status = solve(&sub, (size_t)total[bucket_of_rank[j]], &rank_in_bucket[j], 1, &out[j]);
    }
done:
    if (gathered)
        for (size_t j = 0; j < k; j++) ltv__free(gathered[j]);
    ltv__free(gathered);
    ltv__free(fill);
    ltv__free(slot_of);
    ltv__free(bucket_of_rank);
    ltv__free(rank_in_bucket);
    return status;
}

static int solve_radix(pass_share *shares, int count, int64_t min, uint64_t range, const uint64_t *ranks, size_t k,
                       int64_t *out) {
    int shift = 0;
    while ((range >> shift) >= ((uint64_t)1 << RADIX_BITS)) shift++;
    const size_t buckets = (size_t)(range >> shift) + 1;
    int status = count_buckets(shares, count, min, shift, buckets);
    if (status == LTV_OK) {
        const uint64_t *part_hist[MAX_SHARES];
        for (int i = 0; i < count; i++) {
            part_hist[i] = shares[i].hist; /* shares[0].hist is the sum, the others their own counts */
            shares[i].by = BY_SHIFT;
        }
        status = gather_solve(shares, count, shares[0].hist, part_hist, buckets, ranks, k, out);
    }
    ltv__free(shares[0].hist);
    return status;
}

static int solve(const value_view *v, size_t n, const uint64_t *ranks, size_t k, int64_t *out) {
    pass_share shares[MAX_SHARES];
    const int count = split(v, n, shares);
    ltv__run_tasks(scan_range, shares, sizeof *shares, count);
    size_t selected_count = 0;
    int64_t min = INT64_MAX, max = INT64_MIN;
    for (int i = 0; i < count; i++) {
        selected_count += shares[i].count;
        if (shares[i].min < min) min = shares[i].min;
        if (shares[i].max > max) max = shares[i].max;
    }
    for (size_t j = 0; j < k; j++)
        if (ranks[j] < 1 || ranks[j] > selected_count)
            return ltv__fail(LTV_ERANGE, "order statistic %llu of %zu values", (unsigned long long)ranks[j], selected_count);
    if (k == 0) return LTV_OK;
    const uint64_t range = (uint64_t)max - (uint64_t)min;
    if (selected_count <= SORT_BELOW) return solve_small(v, n, selected_count, ranks, k, out);
    if (range < COUNTING_RANGE) return solve_counting(shares, count, min, range, ranks, k, out);
    return solve_radix(shares, count, min, range, ranks, k, out);
}

int ltv__order_stats(const void *values, int width, size_t n, const int8_t *filter, int8_t lo, int8_t hi,
                     const uint64_t *ranks, size_t k, int64_t *out) {
    const value_view v = {values, width, filter, NULL, lo, hi};
    return solve(&v, n, ranks, k, out);
}

int ltv__order_stats_counted(const void *values, int width, bool keys, const int8_t *filter,
                             const int32_t *packed_filter, int8_t lo, int8_t hi, const ltv__bucket_counts *parts,
                             int part_count, const uint64_t *ranks, size_t k, int64_t *out) {
    if (part_count < 1 || part_count > MAX_SHARES)
        return ltv__fail(LTV_EINVAL, "order statistics over %d counted ranges", part_count);
    uint64_t *total = ltv__malloc(LTV__BUCKETS * sizeof *total);
    if (!total) return ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
    memcpy(total, parts[0].hist, LTV__BUCKETS * sizeof *total);
    for (int i = 1; i < part_count; i++)
        for (size_t b = 0; b < LTV__BUCKETS; b++) total[b] += parts[i].hist[b];
    uint64_t selected_count = 0;
    for (size_t b = 0; b < LTV__BUCKETS; b++) selected_count += total[b];
    int status = LTV_OK;
    for (size_t j = 0; j < k && status == LTV_OK; j++)
        if (ranks[j] < 1 || ranks[j] > selected_count)
            status = ltv__fail(LTV_ERANGE, "order statistic %llu of %llu values", (unsigned long long)ranks[j],
                               (unsigned long long)selected_count);
    if (status == LTV_OK && k > 0) {
        const value_view v = {values, width, filter, packed_filter, lo, hi};
        pass_share shares[MAX_SHARES];
        const uint64_t *part_hist[MAX_SHARES];
        for (int i = 0; i < part_count; i++) {
            shares[i] = (pass_share){.v = &v, .begin = parts[i].begin, .end = parts[i].end, .by = keys ? BY_KEY : BY_I64};
            part_hist[i] = parts[i].hist;
        }
        status = gather_solve(shares, part_count, total, part_hist, LTV__BUCKETS, ranks, k, out);
    }
    ltv__free(total);
    return status;
}

int ltv__top_values_make_room(ltv__top_values *top) {
    if (top->count >= 2 * top->want) { /* the want-th largest becomes the floor */
        const uint64_t rank = (uint64_t)(top->count + 1 - top->want);
        int64_t floor;
        const int status = ltv__order_stats(top->values, 8, top->count, NULL, 0, 0, &rank, 1, &floor);
        if (status != LTV_OK) return status;
        size_t kept = 0;
        uint64_t ties = 0;
        for (size_t i = 0; i < top->count; i++) { /* no branch: about half the values stay */
            const int64_t x = top->values[i];
            ties += x == floor;
            top->values[kept] = x;
            kept += x > floor;
        }
        top->count = kept; /* below want: at least want + 1 free */
        top->ties = ties;
        top->floor = floor;
        return LTV_OK;
    }
    size_t capacity = top->capacity ? top->capacity * 2 : 1024;
    int64_t *grown = ltv__realloc_array(top->values, capacity, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory keeping %zu values", capacity);
    top->values = grown;
    top->capacity = capacity;
    return LTV_OK;
}

void ltv__top_values_append_ties(const ltv__top_values *from, int64_t *out, size_t *out_count) {
    size_t n = *out_count;
    for (uint64_t i = 0; i < from->ties && i < from->want; i++) out[n++] = from->floor;
    *out_count = n;
}
