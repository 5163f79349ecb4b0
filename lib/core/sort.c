/* Sorting of plain integer arrays, shared by the modules that need an exact order of values
 * (cut points, shard summaries, the predictive models' tuples): one LSD radix sort over the
 * bits in use, insertion sort for a few values. */
#include <string.h>

#include "internal.h"

#define SMALL 48      /* insertion sort below this many values */
#define DIGIT_BITS 11 /* 2048 buckets a pass: the counts stay in L1 */
#define COUNT_BITS 16 /* keys alone spanning at most 2^16 values: one counting pass */

/* Keys are compared as key - bias (mod 2^64), bias being the smallest key: signed values
 * then need no sign flip, and only the bits of max - min take passes. */

static void insertion(uint64_t *key, uint32_t *val, size_t n, uint64_t bias) {
    for (size_t i = 1; i < n; i++) {
        const uint64_t k = key[i], kb = k - bias;
        const uint32_t v = val ? val[i] : 0;
        size_t j = i;
        for (; j > 0 && key[j - 1] - bias > kb; j--) {
            key[j] = key[j - 1];
            if (val) val[j] = val[j - 1];
        }
        key[j] = k;
        if (val) val[j] = v;
    }
}

static unsigned bit_width(uint64_t x) {
    unsigned bits = 0;
    while (x) bits++, x >>= 1;
    return bits;
}

/* Where value counts go (ltv__sort_i64_counts), or NULL when the keys are to be sorted. */
typedef struct counts_out {
    int64_t **values;
    uint64_t **counts;
    size_t *len;
} counts_out;

static int counts_alloc(const counts_out *out, size_t len) {
    *out->values = ltv__malloc((len ? len : 1) * sizeof **out->values);
    *out->counts = ltv__malloc((len ? len : 1) * sizeof **out->counts);
    if (*out->values && *out->counts) {
        *out->len = len;
        return LTV_OK;
    }
    ltv__free(*out->values);
    ltv__free(*out->counts);
    *out->values = NULL, *out->counts = NULL;
    return LTV_ENOMEM;
}

/* Sorted keys → their distinct values and counts. */
static int runs_of_sorted(const uint64_t *key, size_t n, const counts_out *out) {
    size_t runs = 0;
    for (size_t i = 0; i < n; i++) runs += i == 0 || key[i] != key[i - 1];
    if (counts_alloc(out, runs) != LTV_OK) return LTV_ENOMEM;
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || key[i] != key[i - 1]) {
            (*out->values)[r] = (int64_t)key[i];
            (*out->counts)[r++] = 0;
        }
        (*out->counts)[r - 1]++;
    }
    return LTV_OK;
}

/* Keys alone over a small span: count each value, then write them back in order, or write
 * out the values that occur with their counts. */
static int counting(uint64_t *key, size_t n, uint64_t bias, uint64_t span, const counts_out *out) {
    size_t *count = ltv__calloc((size_t)span + 1, sizeof *count);
    if (!count) return LTV_ENOMEM;
    for (size_t i = 0; i < n; i++) count[key[i] - bias]++;
    int status = LTV_OK;
    if (out) {
        size_t runs = 0;
        for (uint64_t b = 0; b <= span; b++) runs += count[b] != 0;
        status = counts_alloc(out, runs);
        for (uint64_t b = 0, r = 0; b <= span && status == LTV_OK; b++)
            if (count[b]) {
                (*out->values)[r] = (int64_t)(bias + b);
                (*out->counts)[r++] = count[b];
            }
    } else {
        size_t to = 0;
        for (uint64_t b = 0; b <= span; b++)
            for (size_t c = count[b]; c > 0; c--) key[to++] = bias + b;
    }
    ltv__free(count);
    return status;
}

/* Stable LSD passes of equal width (at most DIGIT_BITS) over `bits` bits of key - bias. The
 * histograms of every pass come from one read; a pass whose digit is the same for all keys
 * is skipped. */
static int lsd(uint64_t *key, uint32_t *val, size_t n, uint64_t bias, unsigned bits, const counts_out *out) {
    const unsigned passes = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
    const unsigned width = (bits + passes - 1) / passes;
    const size_t buckets = (size_t)1 << width;
    const uint64_t mask = buckets - 1;
    /* one block: histograms, then the keys' and the payloads' other buffers */
    const size_t count_bytes = passes * buckets * sizeof(size_t);
    if (n > (SIZE_MAX - count_bytes) / (sizeof(uint64_t) + sizeof(uint32_t))) return LTV_ENOMEM;
    char *block = ltv__malloc(count_bytes + n * (sizeof(uint64_t) + (val ? sizeof(uint32_t) : 0)));
    if (!block) return LTV_ENOMEM;
    size_t *count = memset(block, 0, count_bytes);
    uint64_t *key2 = (uint64_t *)(void *)(block + count_bytes);
    uint32_t *val2 = val ? (uint32_t *)(void *)(key2 + n) : NULL;
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = key[i] - bias;
        for (unsigned p = 0; p < passes; p++) count[p * buckets + ((k >> (p * width)) & mask)]++;
    }
    uint64_t *from_key = key, *to_key = key2;
    uint32_t *from_val = val, *to_val = val2;
    for (unsigned p = 0; p < passes; p++) {
        size_t *c = count + p * buckets, sum = 0;
        const unsigned shift = p * width;
        if (c[((key[0] - bias) >> shift) & mask] == n) continue; /* one digit for all */
        for (size_t b = 0; b < buckets; b++) {
            const size_t here = c[b];
            c[b] = sum;
            sum += here;
        }
        for (size_t i = 0; i < n; i++) {
            const size_t to = c[((from_key[i] - bias) >> shift) & mask]++;
            to_key[to] = from_key[i];
            if (val) to_val[to] = from_val[i];
        }
        uint64_t *k = from_key;
        from_key = to_key, to_key = k;
        uint32_t *v = from_val;
        from_val = to_val, to_val = v;
    }
    int status = LTV_OK;
    if (out) { /* the counts, from wherever the last pass left the keys */
        status = runs_of_sorted(from_key, n, out);
    } else if (from_key != key) {
        memcpy(key, from_key, n * sizeof *key);
        if (val) memcpy(val, from_val, n * sizeof *val);
    }
    ltv__free(block);
    return status;
}

/* Ascending key order, val (or NULL) moving with its key; `is_signed` reads the keys as
 * two's-complement int64. With `out`, the distinct keys and their counts too. */
static int sort_keys(uint64_t *key, uint32_t *val, size_t n, bool is_signed, const counts_out *out) {
    if (n < 2) return out ? runs_of_sorted(key, n, out) : LTV_OK;
    /* the smallest key is the bias; under the signed order that is the one with the smallest
     * key ^ sign bit */
    const uint64_t flip = is_signed ? (uint64_t)1 << 63 : 0;
    uint64_t lo = key[0] ^ flip, hi = lo;
    for (size_t i = 1; i < n; i++) {
        const uint64_t k = key[i] ^ flip;
        if (k < lo) lo = k;
        if (k > hi) hi = k;
    }
    const uint64_t bias = lo ^ flip, span = hi - lo;
    const unsigned bits = bit_width(span);
    if (span != 0) {
        if (!val && span < n && bits <= COUNT_BITS && (n >= SMALL || out)) return counting(key, n, bias, span, out);
        if (n >= SMALL) return lsd(key, val, n, bias, bits, out);
        insertion(key, val, n, bias);
    }
    return out ? runs_of_sorted(key, n, out) : LTV_OK;
}

int ltv__sort_i64(int64_t *values, size_t n) {
    /* int64_t and uint64_t may alias each other (C11 6.5p7) */
    return sort_keys((uint64_t *)(void *)values, NULL, n, true, NULL);
}

int ltv__sort_u64_pairs(uint64_t *keys, uint32_t *payloads, size_t n) {
    return sort_keys(keys, payloads, n, false, NULL);
}

int ltv__sort_i64_counts(int64_t *values, size_t n, int64_t **out_values, uint64_t **out_counts, size_t *out_len) {
    const counts_out out = {out_values, out_counts, out_len};
    *out_values = NULL, *out_counts = NULL, *out_len = 0;
    return sort_keys((uint64_t *)(void *)values, NULL, n, true, &out);
}
