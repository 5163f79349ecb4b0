/* A deterministic generator of realistic e-commerce order logs for the benchmarks.
 *
 * The same seed and customer count always give the same rows, byte for byte, on every
 * machine: the generator uses its own PRNG (splitmix64) and derives every random choice
 * from (seed, customer, order number), never from the order in which rows are produced.
 *
 * Shape (see bench/README.md): customers numbered in order of their first purchase
 * (C0000000001, C0000000002, ... like a shop's sign-up ids), first purchases spread over
 * the 1,096 days before the as-of date with mild growth, weekend and December peaks;
 * 70 % one-time buyers; repeaters with 2 + a Lomax-distributed (heavy-tailed) number of
 * orders, about 3.5 on average and a few with hundreds; each repeater's later orders fall at
 * Poisson-process times (exponential-like gaps) over their active span, which for about 40 %
 * of them ends early (they lapse); amounts log-normal around 4,850 (a per-customer level
 * times a per-order factor), 40 % with cents; 1-5 items.
 *
 * Rows come out in date order with the customers of one day interleaved, as a real export
 * is. Memory stays small: only repeaters with orders still to come are held, 16 bytes each,
 * in per-day buckets (about 100 MB at 10 M customers).
 */
#ifndef LTVCRM_BENCH_ORDERS_GEN_H
#define LTVCRM_BENCH_ORDERS_GEN_H

#include <stddef.h>
#include <stdint.h>

/* Customer ids are 'C' and ten digits. */
#define ORDERS_GEN_ID_LEN 11
/* Days covered: the 1,096 days (three years) before the as-of date. */
#define ORDERS_GEN_DAYS 1096
/* Largest customer count (ids have ten digits; the customer index is 32-bit). */
#define ORDERS_GEN_MAX_CUSTOMERS 4000000000ULL

typedef struct orders_gen_config {
    uint64_t customers; /* 1..ORDERS_GEN_MAX_CUSTOMERS */
    uint64_t seed;      /* any value */
    int32_t as_of_day;  /* days since 1970-01-01; every order falls before it */
} orders_gen_config;

/* One order. */
typedef struct orders_gen_row {
    char id[ORDERS_GEN_ID_LEN + 1]; /* "C0000123456", NUL-terminated */
    uint32_t customer;              /* 0-based index: id number - 1 */
    int32_t day;                    /* days since 1970-01-01 */
    int64_t amount_minor;           /* amount in hundredths (4850.37 -> 485037) */
    int32_t items;                  /* 1..5 */
} orders_gen_row;

typedef struct orders_gen orders_gen;

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int32_t orders_gen_days_from_civil(int32_t year, int32_t month, int32_t day);
/* Writes "YYYY-MM-DD" (10 bytes, no NUL) for a day number. */
void orders_gen_format_date(int32_t day_number, char out[10]);

/* Fills cfg with the benchmark defaults: 1,000,000 customers (size S), seed 1,
 * as-of 2026-11-01. */
void orders_gen_config_default(orders_gen_config *cfg);

/* Creates a generator. Returns 0, or -1 with errno set (EINVAL for a bad config,
 * ENOMEM). */
int orders_gen_new(orders_gen **out, const orders_gen_config *cfg);
/* Writes the next row in date order into *row and returns 1, or returns 0 when the log is
 * complete, or -1 (errno ENOMEM) if a bucket could not grow. */
int orders_gen_next(orders_gen *gen, orders_gen_row *row);
/* Rows produced so far. */
uint64_t orders_gen_rows(const orders_gen *gen);
/* Releases the generator; NULL is a no-op. */
void orders_gen_free(orders_gen *gen);

/* Formats one row as a canonical CSV line "C0000123456,2026-05-13,4850.37,3\n" into buf,
 * which must hold ORDERS_GEN_CSV_LINE_MAX bytes; returns the line's length. */
#define ORDERS_GEN_CSV_LINE_MAX 64
size_t orders_gen_format_csv(const orders_gen_row *row, char *buf);
/* The header line of the canonical CSV, with its newline. */
extern const char orders_gen_csv_header[];

/* The whole log as in-memory columns, for benchmarks that skip the CSV. */
typedef struct orders_gen_columns {
    size_t rows;
    char *ids;             /* rows * ORDERS_GEN_ID_LEN bytes, ids back to back, no NULs */
    uint32_t *customers;   /* 0-based customer index per row */
    int32_t *days;         /* days since 1970-01-01 */
    int64_t *amounts;      /* hundredths */
    int32_t *items;        /* 1..5 */
} orders_gen_columns;

/* Generates the whole log into columns. Returns 0, or -1 with errno set; on failure
 * *out is left empty. */
int orders_gen_collect(const orders_gen_config *cfg, orders_gen_columns *out);
/* Releases the columns and leaves *cols empty; NULL is a no-op. */
void orders_gen_columns_free(orders_gen_columns *cols);

#endif
