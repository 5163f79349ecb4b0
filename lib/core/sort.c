/* Sorting of plain integer arrays, shared by the modules that need an exact order of values
 * (cut points, shard summaries, the predictive models' tuples): one LSD radix sort over the
 * bits in use, insertion sort for a few values. */
#include <string.h>

#include "internal.h"

#define SMALL 48        /* insertion sort below this many values */
#define DIGIT_BITS 11   /* 2048 buckets a pass: the counts stay in L1 */
#define COUNT_BITS 16   /* keys alone spanning at most 2^16 values: one counting pass */
#define MAX_PASSES 6    /* ceil(64 / DIGIT_BITS) */

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

/* Keys alone over a small span: count each value, write them back in order. */
static int counting(uint64_t *key, size_t n, uint64_t bias, uint64_t span) {
    size_t *count = ltv__calloc((size_t)span + 1, sizeof *count);
    if (!count) return LTV_ENOMEM;
    for (size_t i = 0; i < n; i++) count[key[i] - bias]++;
    size_t to = 0;
    for (uint64_t b = 0; b <= span; b++)
        for (size_t c = count[b]; c > 0; c--) key[to++] = bias + b;
    ltv__free(count);
    return LTV_OK;
}

/* Stable LSD passes of equal width (at most DIGIT_BITS) over `bits` bits of key - bias. The
 * histograms of every pass come from one read; a pass whose digit is the same for all keys
 * is skipped. */
static int lsd(uint64_t *key, uint32_t *val, size_t n, uint64_t bias, unsigned bits) {
    const unsigned passes = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
    const unsigned width = (bits + passes - 1) / passes;
    const size_t buckets = (size_t)1 << width;
    const uint64_t mask = buckets - 1;
    /* one block: histograms, then the keys' and the payloads' other buffers */
    const size_t count_bytes = passes * buckets * sizeof(size_t);
    if (n > (SIZE_MAX - count_bytes) / (sizeof(uint64_t) + sizeof(uint32_t))) return LTV_ENOMEM;
    char *block = ltv__calloc(1, count_bytes + n * (sizeof(uint64_t) + (val ? sizeof(uint32_t) : 0)));
    if (!block) return LTV_ENOMEM;
    size_t *count = (size_t *)(void *)block;
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
    if (from_key != key) {
        memcpy(key, from_key, n * sizeof *key);
        if (val) memcpy(val, from_val, n * sizeof *val);
    }
    ltv__free(block);
    return LTV_OK;
}

/* Ascending key order, val (or NULL) moving with its key; `is_signed` reads the keys as
 * two's-complement int64. */
static int sort_keys(uint64_t *key, uint32_t *val, size_t n, bool is_signed) {
    if (n < 2) return LTV_OK;
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
    if (span == 0) return LTV_OK;
    if (n < SMALL) {
        insertion(key, val, n, bias);
        return LTV_OK;
    }
    const unsigned bits = bit_width(span);
    if (!val && bits <= COUNT_BITS && span < n) return counting(key, n, bias, span);
    return lsd(key, val, n, bias, bits);
}

int ltv__sort_i64(int64_t *values, size_t n) {
    /* int64_t and uint64_t may alias each other (C11 6.5p7) */
    return sort_keys((uint64_t *)(void *)values, NULL, n, true);
}

int ltv__sort_u64_pairs(uint64_t *keys, uint32_t *payloads, size_t n) { return sort_keys(keys, payloads, n, false); }
