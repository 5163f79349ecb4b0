/* Shared between the CSV loader's files: options, the report, and value parsers. */
#ifndef LTVCRM_CSV_INTERNAL_H
#define LTVCRM_CSV_INTERNAL_H

#include "ltvcrm/csv.h"

#include "internal.h"

#define LTV_CSV_COLUMNS 5
#define LTV_CSV_NAME_MAX 256

struct ltv_csv_options {
    char *names[LTV_CSV_COLUMNS]; /* NULL: the canonical name */
    int64_t decimals, max_errors, delimiter, strict;
    ltv_progress_fn progress;
    void *progress_data;
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

/* The options in effect (defaults when opts is NULL). */
const ltv_csv_options *ltv__csv_options_or_default(const ltv_csv_options *opts);

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

#endif
