/* Sorting of plain integer arrays, shared by the modules that need an exact order of values
 * (cut points, shard summaries, the predictive models' tuples): one LSD radix sort over the
 * bits in use, insertion sort for a few values. */
#include <string.h>

#include "internal.h"

#define SMALL 48      /* insertion sort below this many values */
#define DIGIT_BITS 11 /* 2048 buckets a pass: the counts stay in L1 */
#define COUNT_BITS 16 /* keys alone spanning at most 2^16 values: one counting pass */

/* Keys are compared as key - bias (mod 2^64), bias being the smallest key: signed values
 * then need no sign flip, and only the bits of max - min take passes. Keys alone whose
 * span fits 32 bits are sorted as 32-bit offsets from the bias: half the bytes to move. */

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

/* The passes and their distinct values for keys of one width (KEY: uint64_t or uint32_t), one
 * body for both. scatter_KEY: a stable pass by the digit at `shift` of key - bias, `c` the
 * digit's histogram (turned into offsets here). runs_KEY: sorted keys → distinct values
 * (+ bias) and counts. */
#define LTV__SORT_WIDTH(KEY) \
    static void scatter_##KEY(const KEY *from, KEY *to, const uint32_t *from_val, uint32_t *to_val, size_t n, \
                              size_t *c, size_t buckets, KEY bias, unsigned shift) { \
        const KEY mask = (KEY)(buckets - 1); \
        for (size_t b = 0, sum = 0; b < buckets; b++) { \
            const size_t here = c[b]; \
            c[b] = sum; \
            sum += here; \
        } \
        for (size_t i = 0; i < n; i++) { \
            const size_t at = c[(KEY)(from[i] - bias) >> shift & mask]++; \
            to[at] = from[i]; \
            if (from_val) to_val[at] = from_val[i]; \
        } \
    } \
    static int runs_##KEY(const KEY *key, size_t n, uint64_t bias, const counts_out *out) { \
        size_t runs = 0; \
        for (size_t i = 0; i < n; i++) runs += i == 0 || key[i] != key[i - 1]; \
        if (counts_alloc(out, runs) != LTV_OK) return LTV_ENOMEM; \
        for (size_t i = 0, r = 0; i < n; i++) { \
            if (i == 0 || key[i] != key[i - 1]) { \
                (*out->values)[r] = (int64_t)(bias + key[i]); \
                (*out->counts)[r++] = 0; \
            } \
            (*out->counts)[r - 1]++; \
        } \
        return LTV_OK; \
    }
LTV__SORT_WIDTH(uint64_t)
LTV__SORT_WIDTH(uint32_t)

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
 * is skipped. Narrow keys (alone, span below 2^32) are first written as 32-bit offsets into
 * the first half of the keys' own bytes; for value counts the second half is the other
 * buffer, so that nothing but the histograms is allocated. */
static int lsd(uint64_t *key, uint32_t *val, size_t n, uint64_t bias, unsigned bits, const counts_out *out) {
    const unsigned passes = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
    const unsigned width = (bits + passes - 1) / passes;
    const size_t buckets = (size_t)1 << width;
    const uint64_t mask = buckets - 1;
    const bool narrow = !val && bits <= 32;
    /* one block: histograms, then the other buffer of the keys (and payloads) if any */
    const size_t count_bytes = passes * buckets * sizeof(size_t);
    const size_t other = narrow ? (out ? 0 : sizeof(uint32_t)) : sizeof(uint64_t) + (val ? sizeof(uint32_t) : 0);
    if (other && n > (SIZE_MAX - count_bytes) / other) return LTV_ENOMEM;
    char *block = ltv__malloc(count_bytes + n * other);
    if (!block) return LTV_ENOMEM;
    size_t *count = memset(block, 0, count_bytes);
    unsigned char *bytes = (unsigned char *)key;
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = key[i] - bias;
        for (unsigned p = 0; p < passes; p++) count[p * buckets + ((k >> (p * width)) & mask)]++;
        if (narrow) { /* the offset over bytes already read (4i < 8i + 8) */
            const uint32_t k32 = (uint32_t)k;
            memcpy(bytes + i * sizeof k32, &k32, sizeof k32);
        }
    }
    /* the digits that differ between keys, each a pass */
    unsigned shifts[8], used = 0;
    const uint64_t first = narrow ? 0 : key[0] - bias;
    uint32_t first32 = 0;
    if (narrow) memcpy(&first32, bytes, sizeof first32);
    for (unsigned p = 0; p < passes; p++) {
        const uint64_t digit = ((narrow ? first32 : first) >> (p * width)) & mask;
        if (count[p * buckets + digit] != n) shifts[used++] = p;
    }
    int status = LTV_OK;
    if (narrow) {
        uint32_t *a = (uint32_t *)(void *)key, *b = out ? a + n : (uint32_t *)(void *)(block + count_bytes);
        for (unsigned u = 0; u < used; u++) {
            scatter_uint32_t(a, b, NULL, NULL, n, count + shifts[u] * buckets, buckets, 0, shifts[u] * width);
            uint32_t *t = a;
            a = b, b = t;
        }
        if (out) {
            status = runs_uint32_t(a, n, bias, out);
        } else if (a == (uint32_t *)(void *)key) { /* back to 64 bits in place, from the end */
            for (size_t i = n; i-- > 0;) {
                uint32_t k32;
                memcpy(&k32, bytes + i * sizeof k32, sizeof k32);
                const uint64_t k = bias + k32;
                memcpy(bytes + i * sizeof k, &k, sizeof k);
            }
        } else {
            for (size_t i = 0; i < n; i++) key[i] = bias + a[i];
        }
    } else {
        uint64_t *from_key = key, *to_key = (uint64_t *)(void *)(block + count_bytes);
        uint32_t *from_val = val, *to_val = val ? (uint32_t *)(void *)(to_key + n) : NULL;
        for (unsigned u = 0; u < used; u++) {
            scatter_uint64_t(from_key, to_key, from_val, to_val, n, count + shifts[u] * buckets, buckets, bias,
                             shifts[u] * width);
            uint64_t *k = from_key;
            from_key = to_key, to_key = k;
            uint32_t *v = from_val;
            from_val = to_val, to_val = v;
        }
        if (out) {
            status = runs_uint64_t(from_key, n, 0, out);
        } else if (from_key != key) {
            memcpy(key, from_key, n * sizeof *key);
            if (val) memcpy(val, from_val, n * sizeof *val);
        }
    }
    ltv__free(block);
    return status;
}

/* Ascending key order, val (or NULL) moving with its key; `is_signed` reads the keys as
 * two's-complement int64. With `out`, the distinct keys and their counts too. */
static int sort_keys(uint64_t *key, uint32_t *val, size_t n, bool is_signed, const counts_out *out) {
    if (n < 2) return out ? runs_uint64_t(key, n, 0, out) : LTV_OK;
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
    return out ? runs_uint64_t(key, n, 0, out) : LTV_OK;
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
