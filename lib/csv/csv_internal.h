/* Shared between the CSV loader's files: options, the report, and value parsers. */
#ifndef LTVCRM_CSV_INTERNAL_H
#define LTVCRM_CSV_INTERNAL_H

#include "ltvcrm/csv.h"
#include "ltvcrm/timezone.h"

#include "internal.h"

#define LTV_CSV_COLUMNS 5
#define LTV_CSV_NAME_MAX 256

#define LTV__CSV_PARAMS 4

struct ltv_csv_options {
    char *names[LTV_CSV_COLUMNS]; /* NULL: the canonical name */
    union {                       /* the settings by ltv_csv_param, and by name */
        int64_t params[LTV__CSV_PARAMS];
        struct {
            int64_t decimals, max_errors, delimiter, strict;
        };
    };
    ltv_progress_fn progress;
    void *progress_data;
    int encoding;           /* LTV__ENC_*; encoding.c */
    ltv_timezone *timezone; /* the shop's zone, owned; NULL: dates as written (timezone_option.c) */
};

typedef struct ltv__row_problem {
    uint64_t line;
    uint32_t column;
    int reason;
    char *message;
} ltv__row_problem;

struct ltv_load_report {
    uint64_t rows_read, rows_taken, rows_rejected, blank_lines, bytes;
    ltv__row_problem *problems;
    size_t problem_count, problem_capacity;
};

extern const char *const ltv__csv_canonical_names[LTV_CSV_COLUMNS];

/* A new options object's values (no names, no progress callback), for loads without one. */
void ltv__csv_options_defaults(ltv_csv_options *opts);

int ltv__report_new(ltv_load_report **out);
/* Records a rejected row (kept if fewer than max_errors are kept). Returns LTV_ENOMEM only. */
int ltv__report_reject(ltv_load_report *report, int64_t max_errors, uint64_t line, uint32_t column, int reason,
                       const char *message);

/* Value parsers: return 0 on success, or an ltv_row_error reason, writing a short
 * explanation into why[why_len]. Text is the trimmed field. */
int ltv__parse_amount(const char *text, size_t len, int decimals, int64_t *out, char *why, size_t why_len);
int ltv__parse_items(const char *text, size_t len, int32_t *out, char *why, size_t why_len);
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
