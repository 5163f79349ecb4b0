/*
 * Internal helpers shared by the library's source files: error reporting, allocation
 * through the user's allocator hook, and small utilities. Nothing here is exported.
 */
#ifndef LTVCRM_INTERNAL_H
#define LTVCRM_INTERNAL_H

#include "ltvcrm/common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define LTV_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#define LTV_LIKELY(x) __builtin_expect(!!(x), 1)
#define LTV_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LTV_PRINTF(fmt_index, first_arg)
#define LTV_LIKELY(x) (x)
#define LTV_UNLIKELY(x) (x)
#endif

/* Record a failure for ltv_last_error() and return its status, so that callers can write
 * `return ltv__fail(LTV_EINVAL, "ledger is NULL");`. */
int ltv__fail(int status, const char *fmt, ...) LTV_PRINTF(2, 3);

/* Shorthand for the most common failure: a required pointer argument is NULL. */
#define LTV_REQUIRE(arg, func)                                                                   \
    do {                                                                                         \
        if ((arg) == NULL) return ltv__fail(LTV_EINVAL, "%s: %s is NULL", (func), #arg);          \
    } while (0)

/* Allocation through the hook set by ltv_set_allocator(). Sizes are checked for overflow
 * by the array variants; all return NULL on failure without setting an error message. */
void *ltv__malloc(size_t size);
void *ltv__calloc(size_t count, size_t size);
void *ltv__realloc(void *ptr, size_t size);
void *ltv__realloc_array(void *ptr, size_t count, size_t size);
void ltv__free(void *ptr);
char *ltv__strndup(const char *text, size_t len);

/* Copies a struct of in_size bytes into the caller's copy of out_size bytes, which may be
 * an older (shorter) or newer (longer) version of it: a longer tail is zero-filled. Callers
 * check first that out_size covers the struct's first version. */
void ltv__copy_versioned(void *out, size_t out_size, const void *in, size_t in_size);
/* LTV_EINVAL (message set, naming `func`) when the caller's struct is smaller than the
 * struct's first version, the smallest size any caller can have compiled against. */
int ltv__check_out_size(const char *func, size_t out_size, size_t first_size);
/* The size of a result struct's first version: the end of the last field it had in 1.0.0.
 * Frozen per struct next to its module's internals (LTV__*_V1_SIZE) and never sizeof(type),
 * which grows when a field is appended and would refuse every caller built before. */
#define LTV__SIZE_THROUGH(type, last_field) (offsetof(type, last_field) + sizeof(((type *)0)->last_field))

/* A hint to fetch an address into the cache ahead of its use (a no-op elsewhere than gcc/clang). */
#if defined(__GNUC__)
#define LTV__PREFETCH(address) __builtin_prefetch(address)
#else
#define LTV__PREFETCH(address) ((void)0)
#endif

/* Large arrays (ledger events, customer records, hash tables). With the default allocator
 * these are anonymous mappings that grow with mremap instead of copying (advised to use huge
 * pages when LTVCRM_HUGEPAGES is set: measured slower here, so opt-in); with a user allocator
 * they go through the hook. The caller keeps the byte size. */
void *ltv__big_alloc(size_t bytes);
void *ltv__big_realloc(void *ptr, size_t old_bytes, size_t new_bytes);
void ltv__big_free(void *ptr, size_t bytes);
/* Maps the whole pages inside [ptr, ptr + bytes) for writing in one call, where the system
 * can (Linux 5.14+), instead of one page fault per page: for a thread about to fill its part
 * of a fresh result. Contents are unchanged; elsewhere it does nothing. */
void ltv__prefault(void *ptr, size_t bytes);
/* Maps the pages of [ptr, ptr + bytes) of a file mapping in for reading in one call (Linux
 * 5.14+), so that the threads that read a file's parts each map their own part instead of
 * one thread mapping it all (MAP_POPULATE) or a fault every few pages. Returns false where
 * the system has no such call at compile time (then MAP_POPULATE is the way; ask with 0
 * bytes); a kernel without it refuses the hint and the pages fault in as they are read. */
bool ltv__prefault_read(const void *ptr, size_t bytes);

/* Reads a plain decimal number ([+|-]digits[.digits][e[+|-]digits]: what pandas, R and
 * spreadsheets write) the same in any locale the host program set. False for anything else
 * (empty, spaces, "nan", "inf", hex, out of double's range). Thread-safe. */
bool ltv__parse_real(const char *text, size_t len, double *out);

/* True if text[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * On false, *bad_offset (if not NULL) receives the offset of the first invalid byte. */
bool ltv__utf8_valid(const char *text, size_t len, size_t *bad_offset);

/* Decodes the character at text[*pos] (*pos < len) into *out_cp and moves *pos past it.
 * Returns false on bytes that are not valid UTF-8 (as ltv__utf8_valid judges them); then
 * *out_cp is U+FFFD and *pos moves one byte, so that a loop always makes progress. */
bool ltv__utf8_next(const char *text, size_t len, size_t *pos, uint32_t *out_cp);

/* Number of terminal columns a valid UTF-8 string occupies (East Asian wide = 2). */
size_t ltv__utf8_display_width(const char *text, size_t len);

/* One word of a vocabulary: the keyword machines read and write (JSON keys, the planner's
 * text format, the tool's CSV) and the labels people read. One table per vocabulary. */
typedef struct ltv__word {
    const char *keyword; /* ASCII, lower case, underscores: "semi_excellent" */
    const char *en, *ja; /* static UTF-8, or NULL where the labels live elsewhere */
} ltv__word;

/* Runs task(context + i * context_size) for i in 0..count-1, on up to count threads (the
 * caller's thread takes part). Falls back to running them one after another if a thread
 * cannot be started. Each task returns a status; the first failure is returned. */
typedef int (*ltv__task_fn)(void *context);
int ltv__run_tasks(ltv__task_fn task, void *contexts, size_t context_size, int count);

/* Threads a call may use now (ltv_set_threads). */
int ltv__thread_budget(void);

/* Balances one pass among `count` threads when part of its work cannot be divided: each of
 * the `njobs` jobs (a section's checksum: one sequential pass, cost jobs[j]) goes, largest
 * first, to the thread with the least so far (owner[j]); then work of cost `divisible`, in
 * the same unit, is shared so that every thread ends with the same total where it can: thread
 * i takes the fraction cut[i]..cut[i + 1] of it (cut[0] = 0, cut[count] = 1). At most
 * LTV__BALANCE_JOBS jobs. */
#define LTV__BALANCE_JOBS 8
void ltv__balance(int count, const double *jobs, int njobs, double divisible, int *owner, double *cut);

/* Items [begin, end) shared by two threads that meet where their work balances, whatever
 * slows one of them: one takes chunks from the front, the other from the back, so that each
 * ends with one contiguous range, [begin, point) and [point, end). The ranges are known once
 * both are done (ltv__meeting_point). Claims are lock-free; a thread that stops claiming
 * leaves the rest to the other. */
typedef struct ltv__meeting {
    size_t begin, end, chunk, chunks;
    _Atomic uint64_t claimed; /* chunks taken from the front << 32 | from the back */
} ltv__meeting;
void ltv__meeting_init(ltv__meeting *m, size_t begin, size_t end, size_t chunk);
/* The next chunk [*lo, *hi) from the front or the back; false when none is left. */
bool ltv__meeting_claim(ltv__meeting *m, bool from_back, size_t *lo, size_t *hi);
/* Where the front's range ends, after both threads are done. */
size_t ltv__meeting_point(const ltv__meeting *m);

/* True if what follows a date is nothing or a time of day: ' ' or 'T', H:MM or HH:MM,
 * optional :SS[.fraction], optional offset (see ltv__stamp_parse; timestamp.c). */
bool ltv__time_suffix_valid(const char *text, size_t len);

/* A timestamp as written (timestamp.c): its date, time of day and offset when present. */
typedef struct ltv__stamp {
    int32_t day;     /* the date as written */
    int32_t seconds; /* seconds into that day, when has_time */
    int32_t offset;  /* seconds east of UTC, when has_offset */
    bool has_time, has_offset;
} ltv__stamp;
/* Parses a date with an optional time and offset (the forms of ltv_timestamp_day()).
 * Returns LTV_OK, LTV_EPARSE (malformed) or LTV_ERANGE (no such day); sets no message. */
int ltv__stamp_parse(const char *text, size_t len, ltv__stamp *out);
struct ltv_timezone;
/* The day of a stamp by the documented rule: converted to tz when it has a time and an
 * offset and tz is not NULL, else the date as written. LTV_OK or LTV_ERANGE; no message. */
int ltv__stamp_day(const ltv__stamp *stamp, const struct ltv_timezone *tz, int32_t *out_day);

/* XXH64 (seed 0) of the bytes (xxh64.c): the checksum of snapshots and segment summaries,
 * so any xxHash library can check them. */
uint64_t ltv__xxh64(const void *data, size_t len);

/* Ascending order of n values (sort.c): a radix sort over the bits of max - min for large n.
 * LTV_OK, or LTV_ENOMEM with the values unchanged when its scratch space cannot be allocated;
 * sets no message (the caller names its call). */
int ltv__sort_i64(int64_t *values, size_t n);
/* The same order of n unsigned keys, stable, payloads[i] moving with keys[i]. */
int ltv__sort_u64_pairs(uint64_t *keys, uint32_t *payloads, size_t n);
/* The distinct values of n values, ascending, and how many times each occurs: two new arrays
 * of *out_len entries (at least one entry allocated; ltv__free both). The values' array is
 * the sort's scratch space: its contents are lost. LTV_OK or LTV_ENOMEM (outputs NULL); sets
 * no message. */
int ltv__sort_i64_counts(int64_t *values, size_t n, int64_t **out_values, uint64_t **out_counts, size_t *out_len);

/* Checked 64-bit arithmetic: false on overflow. */
static inline bool ltv__add_u64(uint64_t a, uint64_t b, uint64_t *out) {
    *out = a + b;
    return *out >= a;
}
static inline bool ltv__add_i64(int64_t a, int64_t b, int64_t *out) {
#if defined(__GNUC__)
    return !__builtin_add_overflow(a, b, out);
#else
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) return false;
    *out = a + b;
    return true;
#endif
}

/* Files (file_write.c). Every file the library writes replaces its destination through
 * ltv__file_replace: a temporary file in the same directory, fsync, rename, never written
 * through a symlink; on failure the destination is unchanged. `writer` writes the contents to
 * fd and returns 0, or -1 with errno set. Messages start with `func`. */
typedef int (*ltv__file_writer)(int fd, void *ctx);
int ltv__file_replace(const char *func, const char *path, ltv__file_writer writer, void *ctx);
int ltv__file_replace_bytes(const char *func, const char *path, const void *data, size_t len);
/* write(2) until done (EINTR retried); 0, or -1 with errno set. */
int ltv__write_all(int fd, const void *data, size_t len);

#endif /* LTVCRM_INTERNAL_H */
