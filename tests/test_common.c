/* Status names, error messages, versions, allocator hook, dates. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixtures.h"
#include "internal.h"

Test(common, status_names_are_static_and_distinct) {
    const int codes[] = {LTV_OK, LTV_EINVAL, LTV_ENOMEM, LTV_ERANGE, LTV_EIO, LTV_EPARSE, LTV_ENOTFOUND,
                         LTV_EBUFSIZE, LTV_EENCODING, LTV_ESTATE, LTV_EOVERFLOW, LTV_EFORMAT, LTV_EVALIDATION};
    size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        cr_assert_neq(strcmp(ltv_status_name(codes[i]), "LTV_UNKNOWN"), 0);
        for (size_t j = i + 1; j < n; j++)
            cr_assert_neq(strcmp(ltv_status_name(codes[i]), ltv_status_name(codes[j])), 0);
    }
    cr_assert_str_eq(ltv_status_name(LTV_EINVAL), "LTV_EINVAL");
    cr_assert_str_eq(ltv_status_name(12345), "LTV_UNKNOWN");
    cr_assert_str_eq(ltv_status_text(LTV_ENOMEM), "out of memory");
    cr_assert_str_eq(ltv_status_text(-999), "unknown status");
}

Test(common, pinned_status_values) {
    cr_assert_eq(LTV_OK, 0);
    cr_assert_eq(LTV_EINVAL, -1);
    cr_assert_eq(LTV_EBUFSIZE, -7);
    cr_assert_eq(LTV_EVALIDATION, -12);
}

Test(common, version_matches_header) {
    cr_assert_eq(ltv_version_number(), LTV_VERSION_NUMBER);
    cr_assert_str_eq(ltv_version_string(), LTV_VERSION_STRING);
    cr_assert_eq(ltv_version_number() / 10000, LTV_VERSION_MAJOR);
}

Test(common, last_error_is_set_and_cleared) {
    ltv_clear_error();
    cr_assert_str_eq(ltv_last_error(), "");
    cr_assert_eq(ltv_last_status(), LTV_OK);
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(2026, 13, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_last_status(), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "month 13"));
    ltv_clear_error();
    cr_assert_str_eq(ltv_last_error(), "");
}

static void ltv_free_stub(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

Test(common, allocator_hook_rejects_partial_sets) {
    cr_assert_eq(ltv_set_allocator(NULL, NULL, ltv_free_stub, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "2 of 3"));
}

Test(common, free_accepts_null) { ltv_free(NULL); }

Test(date, known_day_numbers) {
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(1970, 1, 1, &day), LTV_OK);
    cr_assert_eq(day, 0);
    cr_assert_eq(ltv_date_from_ymd(2026, 11, 1, &day), LTV_OK);
    cr_assert_eq(day, 20758);
    cr_assert_eq(ltv_date_from_ymd(2000, 2, 29, &day), LTV_OK);
    cr_assert_eq(day, 11016);
    cr_assert_eq(ltv_date_from_ymd(1, 1, 1, &day), LTV_OK);
    cr_assert_eq(day, LTV_DAY_MIN);
    cr_assert_eq(ltv_date_from_ymd(9999, 12, 31, &day), LTV_OK);
    cr_assert_eq(day, LTV_DAY_MAX);
}

Test(date, round_trip_every_day_of_four_centuries) {
    for (int32_t day = -146097; day <= 146097 * 2; day += 1) {
        int32_t y, m, d, back;
        cr_assert_eq(ltv_date_to_ymd(day, &y, &m, &d), LTV_OK);
        cr_assert_eq(ltv_date_from_ymd(y, m, d, &back), LTV_OK);
        if (back != day) cr_assert_fail("day %d -> %d-%d-%d -> %d", day, y, m, d, back);
    }
}

Test(date, rejects_days_that_do_not_exist) {
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(2026, 2, 29, &day), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "1..28"));
    cr_assert_eq(ltv_date_from_ymd(1900, 2, 29, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(0, 1, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(10000, 1, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(2026, 4, 31, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(2026, 1, 1, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_date_to_ymd(LTV_DAY_MAX + 1, NULL, NULL, NULL), LTV_ERANGE);
    cr_assert_eq(ltv_date_to_ymd(LTV_NO_DAY, NULL, NULL, NULL), LTV_ERANGE);
}

Test(date, parses_both_separators_short_fields_and_times) {
    cr_assert_eq(fx_day("2026-11-01"), 20758);
    cr_assert_eq(fx_day("2026/11/01"), 20758);
    cr_assert_eq(fx_day("2026/11/1"), 20758);
    cr_assert_eq(fx_day("2026-1-5"), fx_day("2026-01-05"));
    cr_assert_eq(fx_day("2026-11-01 23:59:59"), 20758);
    cr_assert_eq(fx_day("2026-11-01T08:00:00Z"), 20758);
    cr_assert_eq(fx_day("2026/11/01 9:05"), 20758);
    cr_assert_eq(fx_day("2026-11-01T23:59:59.123+09:00"), 20758);
    cr_assert_eq(fx_day("2026-11-01 00:00:00-0500"), 20758);
}

Test(date, parse_errors_name_the_text) {
    int32_t day;
    const char *bad[] = {"", "2026", "2026-11", "2026-11-", "26-11-01", "2026.11.01", "2026-11/01",
                         "2026-111-01", "2026-11-01x", " 2026-11-01", "abcd-ef-gh", "2026-11-01 junk",
                         "2026-11-01 ", "2026-11-01T", "2026-11-01 12", "2026-11-01 12:5", "2026-11-01 12:00:00 extra"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(ltv_date_parse(bad[i], strlen(bad[i]), &day), LTV_EPARSE, "accepted '%s'", bad[i]);
        cr_assert_not_null(strstr(ltv_last_error(), "is not a date"));
    }
    cr_assert_eq(ltv_date_parse("2026-02-30", 10, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_parse(NULL, 0, &day), LTV_EINVAL);
    cr_assert_eq(ltv_date_parse("2026-01-01", 10, NULL), LTV_EINVAL);
}

Test(date, format) {
    char buf[11];
    cr_assert_eq(ltv_date_format(20758, buf, sizeof buf), LTV_OK);
    cr_assert_str_eq(buf, "2026-11-01");
    cr_assert_eq(ltv_date_format(LTV_DAY_MIN, buf, sizeof buf), LTV_OK);
    cr_assert_str_eq(buf, "0001-01-01");
    cr_assert_eq(ltv_date_format(0, buf, 10), LTV_EBUFSIZE);
    cr_assert_eq(ltv_date_format(0, NULL, 11), LTV_EINVAL);
    cr_assert_eq(ltv_date_format(LTV_DAY_MAX + 1, buf, sizeof buf), LTV_ERANGE);
}

/* ---- the core integer sort (lib/core/sort.c) ------------------------------------------- */

static int compare_i64(const void *a, const void *b) {
    const int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t next_random(uint64_t *state) { /* splitmix64 */
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* ltv__sort_i64 and ltv__sort_i64_counts against qsort on copies. */
static void check_sort(const int64_t *values, size_t n, const char *what) {
    int64_t *got = malloc((n + 1) * sizeof *got), *want = malloc((n + 1) * sizeof *want);
    cr_assert(got && want);
    if (n) memcpy(want, values, n * sizeof *want);
    qsort(want, n, sizeof *want, compare_i64);
    if (n) memcpy(got, values, n * sizeof *got);
    cr_assert_eq(ltv__sort_i64(got, n), LTV_OK, "%s, n=%zu", what, n);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(got[i], want[i], "%s, n=%zu: position %zu is %lld, qsort has %lld", what, n, i,
                     (long long)got[i], (long long)want[i]);
    /* the distinct values and their counts */
    if (n) memcpy(got, values, n * sizeof *got);
    int64_t *distinct = NULL;
    uint64_t *counts = NULL;
    size_t len = 99, at = 0;
    cr_assert_eq(ltv__sort_i64_counts(got, n, &distinct, &counts, &len), LTV_OK, "%s, n=%zu: counts", what, n);
    cr_assert(distinct && counts, "%s, n=%zu: no arrays", what, n);
    for (size_t r = 0; r < len; r++) {
        cr_assert_lt(at, n, "%s, n=%zu: more values than given", what, n);
        cr_assert_eq(distinct[r], want[at], "%s, n=%zu: distinct value %zu is %lld, qsort has %lld", what, n, r,
                     (long long)distinct[r], (long long)want[at]);
        size_t run = 0;
        while (at < n && want[at] == distinct[r]) at++, run++;
        cr_assert_eq(counts[r], run, "%s, n=%zu: %lld counted %llu times, occurs %zu", what, n, (long long)distinct[r],
                     (unsigned long long)counts[r], run);
    }
    cr_assert_eq(at, n, "%s, n=%zu: %zu values missing from the counts", what, n, n - at);
    ltv__free(distinct);
    ltv__free(counts);
    free(got);
    free(want);
}

/* Sizes across the insertion-sort threshold and around powers of two. */
static const size_t sort_sizes[] = {0, 1, 2, 3, 31, 46, 47, 48, 49, 50, 63, 64, 65, 255, 256, 257, 2047, 2048, 2049,
                                    4095, 4096, 4097, 65537, 200000};

Test(sort, matches_qsort_on_random_values_of_every_span) {
    /* spans from 1 bit (counting) through 11, 12, 22, 33 bits (one to four passes; 32-bit
     * offsets up to 32 bits, whole keys above) to all 64 */
    const unsigned spans[] = {1, 2, 4, 11, 12, 16, 17, 22, 23, 30, 31, 32, 33, 44, 45, 63, 64};
    uint64_t state = 42;
    int64_t *v = malloc(200000 * sizeof *v);
    cr_assert_not_null(v);
    for (size_t s = 0; s < sizeof spans / sizeof spans[0]; s++)
        for (size_t z = 0; z < sizeof sort_sizes / sizeof sort_sizes[0]; z++) {
            const size_t n = sort_sizes[z];
            const unsigned bits = spans[s];
            /* negative and positive values, far from zero in every other case */
            const int64_t offset = bits <= 60 && z % 2 ? (int64_t)(next_random(&state) >> 3) - ((int64_t)1 << 60) : 0;
            for (size_t i = 0; i < n; i++) {
                const uint64_t r = next_random(&state) >> (64 - bits);
                v[i] = bits == 64 ? (int64_t)r : (int64_t)(r - ((uint64_t)1 << (bits - 1))) + offset;
            }
            char what[64];
            snprintf(what, sizeof what, "%u random bits", bits);
            check_sort(v, n, what);
        }
    free(v);
}

Test(sort, adversarial_inputs) {
    int64_t *v = malloc(200000 * sizeof *v);
    cr_assert_not_null(v);
    for (size_t z = 0; z < sizeof sort_sizes / sizeof sort_sizes[0]; z++) {
        const size_t n = sort_sizes[z];
        for (size_t i = 0; i < n; i++) v[i] = -7;
        check_sort(v, n, "all equal");
        for (size_t i = 0; i < n; i++) v[i] = i % 2 ? INT64_MAX : INT64_MIN;
        check_sort(v, n, "INT64_MIN and INT64_MAX");
        for (size_t i = 0; i < n; i++) v[i] = i % 3 == 0 ? INT64_MIN : i % 3 == 1 ? INT64_MAX : (int64_t)i - 1000;
        check_sort(v, n, "the extremes and small values");
        for (size_t i = 0; i < n; i++) v[i] = (int64_t)i * (i % 2 ? -1 : 1) * 1000003;
        check_sort(v, n, "negative and positive");
        for (size_t i = 0; i < n; i++) v[i] = (int64_t)i - (int64_t)(n / 2);
        check_sort(v, n, "already sorted");
        for (size_t i = 0; i < n; i++) v[i] = INT64_MAX - (int64_t)i * 3;
        check_sort(v, n, "reversed");
        for (size_t i = 0; i < n; i++) v[i] = (int64_t)((uint64_t)1 << (i % 64));
        check_sort(v, n, "one bit each, the sign bit among them");
        for (size_t i = 0; i < n; i++) v[i] = i == n / 2 ? 1 : 0;
        check_sort(v, n, "one value differs");
        for (size_t i = 0; i < n; i++) v[i] = (int64_t)(n - i) / 3 - 50;
        check_sort(v, n, "reversed, runs of three");
    }
    free(v);
}

Test(sort, pairs_are_stable_and_keep_their_payloads) {
    const size_t sizes[] = {2, 47, 48, 49, 3000, 100000};
    uint64_t state = 7;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        const size_t n = sizes[z];
        uint64_t *keys = malloc(n * sizeof *keys), *orig = malloc(n * sizeof *orig);
        uint32_t *payloads = malloc(n * sizeof *payloads);
        cr_assert(keys && orig && payloads);
        for (size_t i = 0; i < n; i++) {
            /* few distinct keys, spread over the high bits too, so that equal keys meet */
            const uint64_t r = next_random(&state) % 37;
            keys[i] = orig[i] = z % 2 ? r << 40 | r : UINT64_MAX - r;
            payloads[i] = (uint32_t)i;
        }
        cr_assert_eq(ltv__sort_u64_pairs(keys, payloads, n), LTV_OK);
        for (size_t i = 0; i < n; i++) {
            cr_assert_eq(keys[i], orig[payloads[i]], "n=%zu: payload %u left its key", n, payloads[i]);
            if (i > 0) {
                cr_assert(keys[i - 1] <= keys[i], "n=%zu: keys out of order at %zu", n, i);
                if (keys[i - 1] == keys[i]) cr_assert_lt(payloads[i - 1], payloads[i], "n=%zu: not stable at %zu", n, i);
            }
        }
        free(keys);
        free(orig);
        free(payloads);
    }
}

static void *refusing_malloc(void *ud, size_t size) {
    (void)ud, (void)size;
    return NULL;
}
static void *refusing_realloc(void *ud, void *ptr, size_t size) {
    (void)ud, (void)ptr, (void)size;
    return NULL;
}
static void plain_free(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

Test(sort, out_of_memory_is_a_status_and_leaves_the_values) {
    cr_assert_eq(ltv_set_allocator(refusing_malloc, refusing_realloc, plain_free, NULL), LTV_OK);
    enum { N = 5000 };
    static int64_t v[N], before[N];
    uint64_t state = 3;
    for (size_t i = 0; i < N; i++) v[i] = before[i] = (int64_t)next_random(&state);
    cr_assert_eq(ltv__sort_i64(v, N), LTV_ENOMEM);
    cr_assert_eq(memcmp(v, before, sizeof v), 0);
    for (size_t i = 0; i < N; i++) v[i] = before[i] = (int64_t)(i * 7919 % 1000); /* a small span: counting */
    cr_assert_eq(ltv__sort_i64(v, N), LTV_ENOMEM);
    cr_assert_eq(memcmp(v, before, sizeof v), 0);
    int64_t *values = (int64_t *)1;
    uint64_t *counts = (uint64_t *)1;
    size_t len = 1;
    cr_assert_eq(ltv__sort_i64_counts(v, N, &values, &counts, &len), LTV_ENOMEM);
    cr_assert(values == NULL && counts == NULL && len == 0);
    cr_assert_eq(ltv__sort_i64_counts(v, 3, &values, &counts, &len), LTV_ENOMEM);
    cr_assert(values == NULL && counts == NULL && len == 0);
    /* a few values and equal values need no memory */
    cr_assert_eq(ltv__sort_i64(v, 40), LTV_OK);
    for (size_t i = 1; i < 40; i++) cr_assert_leq(v[i - 1], v[i]);
    for (size_t i = 0; i < N; i++) v[i] = 5;
    cr_assert_eq(ltv__sort_i64(v, N), LTV_OK);
}

/* A meeting (lib/core/parallel.c) under two real threads, one or the other slowed or neither
 * (how much each takes then depends on the scheduler, so it is not asserted): every item is
 * taken exactly once, the front's items are [begin, point) and the back's [point, end),
 * whatever the sizes and the chunk. */
typedef struct meeting_side {
    ltv__meeting *m;
    bool from_back;
    unsigned char *taken; /* per item: 1 front, 2 back */
    size_t items;
    int pause_us;
} meeting_side;

static int take_side(void *arg) {
    meeting_side *s = arg;
    size_t lo, hi;
    s->items = 0;
    while (ltv__meeting_claim(s->m, s->from_back, &lo, &hi)) {
        cr_assert(lo < hi && hi <= s->m->end && lo >= s->m->begin && hi - lo <= s->m->chunk);
        for (size_t i = lo; i < hi; i++) s->taken[i] += s->from_back ? 2 : 1;
        s->items += hi - lo;
        if (s->pause_us) {
            const struct timespec pause = {0, (long)s->pause_us * 1000};
            nanosleep(&pause, NULL);
        }
    }
    return LTV_OK;
}

Test(parallel, a_meeting_gives_each_thread_one_range_and_every_item_once) {
    const size_t cases[][3] = {{0, 0, 4}, {0, 1, 4}, {5, 105, 10}, {7, 1000, 33}, {0, 100000, 1}, {3, 50003, 4096}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int slow = 0; slow < 3; slow++) {
            const size_t begin = cases[k][0], end = cases[k][1];
            unsigned char *taken = calloc(end + 1, 1);
            ltv__meeting m;
            ltv__meeting_init(&m, begin, end, cases[k][2]);
            meeting_side sides[2] = {{&m, false, taken, 0, slow == 1 ? 200 : 0},
                                     {&m, true, taken, 0, slow == 2 ? 200 : 0}};
            cr_assert_eq(ltv__run_tasks(take_side, sides, sizeof sides[0], 2), LTV_OK);
            const size_t point = ltv__meeting_point(&m);
            cr_assert(point >= begin && point <= end);
            for (size_t i = begin; i < end; i++)
                cr_assert_eq(taken[i], i < point ? 1 : 2, "case %zu: item %zu taken %d (meeting at %zu)", k, i, taken[i],
                             point);
            cr_assert_eq(sides[0].items, point - begin);
            cr_assert_eq(sides[1].items, end - point);
            free(taken);
        }
    /* one thread alone takes everything, from the front */
    ltv__meeting m;
    ltv__meeting_init(&m, 10, 1000, 64);
    size_t lo, hi, next = 10;
    while (ltv__meeting_claim(&m, false, &lo, &hi)) {
        cr_assert_eq(lo, next);
        next = hi;
    }
    cr_assert_eq(next, 1000);
    cr_assert_eq(ltv__meeting_point(&m), 1000);
    /* more chunks than 32 bits count: the chunk grows (a range that large needs 64-bit sizes) */
    if (sizeof(size_t) >= 8) {
        const size_t huge = (size_t)1 << 20 << 20;
        ltv__meeting_init(&m, 0, huge, 1);
        cr_assert_lt(m.chunks, (size_t)UINT32_MAX);
        cr_assert(ltv__meeting_claim(&m, true, &lo, &hi));
        cr_assert_eq(hi, huge);
    }
}
