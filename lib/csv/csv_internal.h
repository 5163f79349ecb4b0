/* Shared between the CSV loader's files: options, the report, and value parsers. */
#ifndef LTVCRM_CSV_INTERNAL_H
#define LTVCRM_CSV_INTERNAL_H

#include "ltvcrm/csv.h"
#include "ltvcrm/timezone.h"

#include "internal.h"

#define LTV_CSV_COLUMNS 16 /* the event log's columns 0..11, a customer table's 12..15 */
#define LTV_CSV_EVENT_COLUMNS 12 /* ltv_ledger_load_csv() reads columns below this */
#define LTV_CSV_V1_COLUMNS 5 /* columns found by their default name; the others only when mapped */
#define LTV_CSV_NAME_MAX 256
#define LTV_CSV_PLACEHOLDERS_MAX 64

/* A caller's status mapping: the value normalised (see ltv__status_normalise) and its rule. */
typedef struct ltv__status_map {
    char *value;
    size_t len;
    int rule;
} ltv__status_map;

#define LTV__CSV_PARAMS 10

struct ltv_csv_options {
    char *names[LTV_CSV_COLUMNS]; /* NULL: the canonical name (and, past the 1.0 columns, unmapped) */
    union {                       /* the settings by ltv_csv_param, and by name */
        int64_t params[LTV__CSV_PARAMS];
        struct {
            int64_t decimals, max_errors, delimiter, strict, guests, occasions, checks, max_rejected_bp, max_record,
                status_builtin;
        };
    };
    ltv_progress_fn progress;
    void *progress_data;
    int encoding;           /* LTV__ENC_*; encoding.c */
    ltv_timezone *timezone; /* the shop's zone, owned; NULL: dates as written (timezone_option.c) */
    ltv__status_map *statuses;
    size_t status_count;
    char *placeholders[LTV_CSV_PLACEHOLDERS_MAX];
    size_t placeholder_count;
    bool placeholders_custom; /* false: the built-in list */
};

typedef struct ltv__row_problem {
    uint64_t line;
    uint32_t column;
    int reason;
    char *message;
} ltv__row_problem;

/* A status value as written, with the rows excluded under it. */
typedef struct ltv__exclusion {
    char *value;
    uint64_t rows;
} ltv__exclusion;

struct ltv_load_report {
    uint64_t rows_read, rows_taken, rows_rejected, blank_lines, bytes;
    ltv__row_problem *problems;
    size_t problem_count, problem_capacity;
    /* 1.1 */
    uint64_t rejected_for[LTV_ROW_ERROR_LIMIT];
    uint64_t rows_excluded, rows_no_customer, no_customer_orders, orders, order_lines;
    int64_t no_customer_amount;
    ltv__exclusion *exclusions;
    size_t exclusion_count;
};

extern const char *const ltv__csv_canonical_names[LTV_CSV_COLUMNS];

/* A new options object's values (no names, no progress callback), for loads without one. */
void ltv__csv_options_defaults(ltv_csv_options *opts);

/* Whether the caller mapped a 1.1 column (those are read only when mapped). */
static inline bool ltv__csv_mapped(const ltv_csv_options *opts, int column) { return opts->names[column] != NULL; }

/* The placeholder ids in effect. */
size_t ltv__csv_placeholders(const ltv_csv_options *opts, const char *const **out);

/* Status values: normalised into out[LTV_CSV_NAME_MAX] (returns the length, 0 if too long or
 * empty); the rule of a normalised value, or -1. */
size_t ltv__status_normalise(const char *text, size_t len, char *out);
int ltv__status_rule(const ltv_csv_options *opts, const char *normalised, size_t len);

int ltv__report_new(ltv_load_report **out);
/* Records a rejected row (kept if fewer than max_errors are kept). Returns LTV_ENOMEM only. */
int ltv__report_reject(ltv_load_report *report, int64_t max_errors, uint64_t line, uint32_t column, int reason,
                       const char *message);
/* Records `rows` rejected rows under one message (an order rejected whole). */
int ltv__report_reject_rows(ltv_load_report *report, int64_t max_errors, uint64_t rows, uint64_t line, uint32_t column,
                            int reason, const char *message);
/* Moves `from`'s rejections into `into` (kept problems merged in line order, at most
 * max_errors). `from` is emptied. Returns LTV_ENOMEM only. */
int ltv__report_absorb(ltv_load_report *into, ltv_load_report *from, int64_t max_errors);
/* Adds rows excluded under a status value as written (copied). */
int ltv__report_exclude(ltv_load_report *report, const char *value, uint64_t rows);

/* Value parsers: return 0 on success, or an ltv_row_error reason, writing a short
 * explanation into why[why_len]. Text is the trimmed field. */
int ltv__parse_amount(const char *text, size_t len, int decimals, int64_t *out, char *why, size_t why_len);
int ltv__parse_items(const char *text, size_t len, int32_t *out, char *why, size_t why_len);
/* A count of a customer table (orders, recency days), 0..LTV_ITEMS_MAX; noun for messages. */
int ltv__parse_count(const char *text, size_t len, const char *noun, int32_t *out, char *why, size_t why_len);
int ltv__parse_kind(const char *text, size_t len, int *out, char *why, size_t why_len);
int ltv__parse_day(const char *text, size_t len, int32_t *out, char *why, size_t why_len);

/* ---- input encodings (encoding.c) ---- */
enum { LTV__ENC_DEFAULT = 0, LTV__ENC_UTF8, LTV__ENC_CP932, LTV__ENC_EUCJP, LTV__ENC_UTF16, LTV__ENC_UTF16LE,
       LTV__ENC_UTF16BE };
/* The LTV__ENC_* of a name (utf-8, cp932, shift_jis, ...), 0 if unknown. */
int ltv__encoding_lookup(const char *name, size_t len);
const char *ltv__encoding_display(int id);
/* Where raw input comes from: like read(2), 0 bytes at the end. */
typedef int (*ltv__pull_fn)(void *ctx, char *buf, size_t capacity, size_t *out_len);
/* Turns raw input into UTF-8. A UTF-16 byte order mark is honoured when no encoding (or
 * UTF-16) was asked for and refused with a message naming it otherwise. */
typedef struct ltv__decoder ltv__decoder;
int ltv__decoder_new(ltv__decoder **out, int encoding, ltv__pull_fn pull, void *ctx);
/* Fills buf (capacity >= 8) with decoded text; *out_len 0 only at the end of the input. */
int ltv__decoder_read(ltv__decoder *d, char *buf, size_t capacity, size_t *out_len);
uint64_t ltv__decoder_raw_bytes(const ltv__decoder *d);
void ltv__decoder_free(ltv__decoder *d);

/* The day of a date field, by the shop-day rule of timezone.h (tz NULL: the date as written);
 * 0 or LTV_ROW_BAD_DATE with the reason in why (timezone_option.c). */
int ltv__parse_day_tz(const char *text, size_t len, const ltv_timezone *tz, int32_t *out, char *why, size_t why_len);

#endif
