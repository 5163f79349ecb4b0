/* Exact order statistics without sorting: a histogram over the values' high bits finds the
 * bucket that holds each wanted rank, then only those buckets are gathered and solved again
 * (or sorted once small). Each level narrows the range 65,536-fold, so 64-bit values need at
 * most four levels; small ranges (recency, order counts) are counted directly. */
#include <stdlib.h>
#include <string.h>

#include "segment_internal.h"

#define COUNTING_RANGE ((uint64_t)1 << 20)
#define RADIX_BITS 16
#define SORT_BELOW 2048

typedef struct value_view {
    const void *data;
    int width;
    const int8_t *filter;
    int8_t lo, hi;
} value_view;

static inline int64_t value_at(const value_view *v, size_t i) {
    return v->width == 8 ? ((const int64_t *)v->data)[i] : ((const int32_t *)v->data)[i];
}

static inline bool selected(const value_view *v, size_t i) {
    return !v->filter || (v->filter[i] >= v->lo && v->filter[i] <= v->hi);
}

static int compare_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int solve(const value_view *v, size_t n, const uint64_t *ranks, size_t k, int64_t *out);

/* Gathers the selected values into a fresh array and solves there. */
static int solve_small(const value_view *v, size_t n, size_t count, const uint64_t *ranks, size_t k, int64_t *out) {
    int64_t *copy = ltv__malloc((count ? count : 1) * sizeof *copy);
    if (!copy) return ltv__fail(LTV_ENOMEM, "out of memory for %zu values", count);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (selected(v, i)) copy[m++] = value_at(v, i);
    qsort(copy, m, sizeof *copy, compare_i64);
    for (size_t j = 0; j < k; j++) out[j] = copy[ranks[j] - 1];
    ltv__free(copy);
    return LTV_OK;
}

static int solve_counting(const value_view *v, size_t n, int64_t min, uint64_t range, const uint64_t *ranks, size_t k,
                          int64_t *out) {
    uint64_t *hist = ltv__calloc((size_t)range + 1, sizeof *hist);
    if (!hist) return ltv__fail(LTV_ENOMEM, "out of memory for a histogram of %llu values", (unsigned long long)range + 1);
    for (size_t i = 0; i < n; i++)
        if (selected(v, i)) hist[(uint64_t)value_at(v, i) - (uint64_t)min]++;
    for (size_t j = 0; j < k; j++) {
        uint64_t seen = 0, b = 0;
        while (seen + hist[b] < ranks[j]) seen += hist[b++];
        out[j] = min + (int64_t)b;
    }
    ltv__free(hist);
    return LTV_OK;
}

static int solve_radix(const value_view *v, size_t n, int64_t min, uint64_t range, const uint64_t *ranks, size_t k,
                       int64_t *out) {
    int shift = 0;
    while ((range >> shift) >= ((uint64_t)1 << RADIX_BITS)) shift++;
    const size_t buckets = (size_t)(range >> shift) + 1;
    uint64_t *hist = ltv__calloc(buckets, sizeof *hist);
    int32_t *slot_of = ltv__malloc(buckets * sizeof *slot_of);
    uint64_t *bucket_of_rank = ltv__malloc(k * sizeof *bucket_of_rank);
    uint64_t *rank_in_bucket = ltv__malloc(k * sizeof *rank_in_bucket);
    int64_t **gathered = ltv__calloc(k, sizeof *gathered);
    size_t *fill = ltv__calloc(k, sizeof *fill);
    int status = LTV_OK;
    if (!hist || !slot_of || !bucket_of_rank || !rank_in_bucket || !gathered || !fill) {
        status = ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (selected(v, i)) hist[((uint64_t)value_at(v, i) - (uint64_t)min) >> shift]++;
    for (size_t b = 0; b < buckets; b++) slot_of[b] = -1;
    size_t slots = 0;
    for (size_t j = 0; j < k; j++) {
        uint64_t seen = 0, b = 0;
        while (seen + hist[b] < ranks[j]) seen += hist[b++];
        bucket_of_rank[j] = b;
        rank_in_bucket[j] = ranks[j] - seen;
        if (slot_of[b] < 0) {
            slot_of[b] = (int32_t)slots;
            gathered[slots] = ltv__malloc((size_t)hist[b] * sizeof **gathered);
            if (!gathered[slots]) {
                status = ltv__fail(LTV_ENOMEM, "out of memory selecting quantiles");
                goto done;
            }
            slots++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!selected(v, i)) continue;
        const int64_t x = value_at(v, i);
        const int32_t s = slot_of[((uint64_t)x - (uint64_t)min) >> shift];
        if (s >= 0) gathered[s][fill[s]++] = x;
    }
    for (size_t j = 0; j < k && status == LTV_OK; j++) {
        const int32_t s = slot_of[bucket_of_rank[j]];
        const value_view sub = {gathered[s], 8, NULL, 0, 0};
        status = solve(&sub, fill[s], &rank_in_bucket[j], 1, &out[j]);
    }
done:
    if (gathered)
        for (size_t j = 0; j < k; j++) ltv__free(gathered[j]);
    ltv__free(gathered);
    ltv__free(fill);
    ltv__free(hist);
    ltv__free(slot_of);
    ltv__free(bucket_of_rank);
    ltv__free(rank_in_bucket);
    return status;
}

static int solve(const value_view *v, size_t n, const uint64_t *ranks, size_t k, int64_t *out) {
    size_t count = 0;
    int64_t min = INT64_MAX, max = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        if (!selected(v, i)) continue;
        const int64_t x = value_at(v, i);
        if (x < min) min = x;
        if (x > max) max = x;
        count++;
    }
    for (size_t j = 0; j < k; j++)
        if (ranks[j] < 1 || ranks[j] > count)
            return ltv__fail(LTV_ERANGE, "order statistic %llu of %zu values", (unsigned long long)ranks[j], count);
    if (k == 0) return LTV_OK;
    const uint64_t range = (uint64_t)max - (uint64_t)min;
    if (count <= SORT_BELOW) return solve_small(v, n, count, ranks, k, out);
    if (range < COUNTING_RANGE) return solve_counting(v, n, min, range, ranks, k, out);
    return solve_radix(v, n, min, range, ranks, k, out);
}

int ltv__order_stats(const void *values, int width, size_t n, const int8_t *filter, int8_t lo, int8_t hi,
                     const uint64_t *ranks, size_t k, int64_t *out) {
    const value_view v = {values, width, filter, lo, hi};
    return solve(&v, n, ranks, k, out);
}
