/* The load report: row counters and the first bad rows with line, column and reason. */
#include <stdlib.h>
#include <string.h>

#include "csv_internal.h"

int ltv__report_new(ltv_load_report **out) {
    *out = ltv__calloc(1, sizeof **out);
    return *out ? LTV_OK : ltv__fail(LTV_ENOMEM, "load report: out of memory");
}

int ltv__report_reject(ltv_load_report *report, int64_t max_errors, uint64_t line, uint32_t column, int reason,
                       const char *message) {
    return ltv__report_reject_rows(report, max_errors, 1, line, column, reason, message);
}

int ltv__report_reject_rows(ltv_load_report *report, int64_t max_errors, uint64_t rows, uint64_t line, uint32_t column,
                            int reason, const char *message) {
    report->rows_rejected += rows;
    if (reason > 0 && reason < LTV_ROW_ERROR_LIMIT) report->rejected_for[reason] += rows;
    if ((int64_t)report->problem_count >= max_errors) return LTV_OK;
    if (report->problem_count == report->problem_capacity) {
        size_t capacity = report->problem_capacity ? report->problem_capacity * 2 : 16;
        ltv__row_problem *grown = ltv__realloc_array(report->problems, capacity, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "load report: out of memory");
        report->problems = grown;
        report->problem_capacity = capacity;
    }
    char *copy = ltv__strndup(message, strlen(message));
    if (!copy) return ltv__fail(LTV_ENOMEM, "load report: out of memory");
    report->problems[report->problem_count++] = (ltv__row_problem){line, column, reason, copy};
    return LTV_OK;
}

static int by_line(const void *a, const void *b) {
    const ltv__row_problem *x = a, *y = b;
    return x->line < y->line ? -1 : x->line > y->line;
}

int ltv__report_absorb(ltv_load_report *into, ltv_load_report *from, int64_t max_errors) {
    into->rows_rejected += from->rows_rejected;
    for (int r = 0; r < LTV_ROW_ERROR_LIMIT; r++) into->rejected_for[r] += from->rejected_for[r];
    from->rows_rejected = 0;
    memset(from->rejected_for, 0, sizeof from->rejected_for);
    if (from->problem_count == 0) return LTV_OK;
    const size_t total = into->problem_count + from->problem_count;
    if (total > into->problem_capacity) {
        ltv__row_problem *grown = ltv__realloc_array(into->problems, total, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "load report: out of memory");
        into->problems = grown;
        into->problem_capacity = total;
    }
    memcpy(into->problems + into->problem_count, from->problems, from->problem_count * sizeof *from->problems);
    into->problem_count = total;
    from->problem_count = 0;
    /* both lists are in line order and no line is in both: sorted by line, the first
     * max_errors overall are kept */
    qsort(into->problems, total, sizeof *into->problems, by_line);
    while ((int64_t)into->problem_count > max_errors) ltv__free(into->problems[--into->problem_count].message);
    return LTV_OK;
}

int ltv__report_exclude(ltv_load_report *report, const char *value, uint64_t rows) {
    report->rows_excluded += rows;
    for (size_t i = 0; i < report->exclusion_count; i++)
        if (strcmp(report->exclusions[i].value, value) == 0) {
            report->exclusions[i].rows += rows;
            return LTV_OK;
        }
    ltv__exclusion *grown = ltv__realloc_array(report->exclusions, report->exclusion_count + 1, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "load report: out of memory");
    report->exclusions = grown;
    char *copy = ltv__strndup(value, strlen(value));
    if (!copy) return ltv__fail(LTV_ENOMEM, "load report: out of memory");
    report->exclusions[report->exclusion_count++] = (ltv__exclusion){copy, rows};
    return LTV_OK;
}

void ltv_load_report_free(ltv_load_report *report) {
    if (!report) return;
    for (size_t i = 0; i < report->exclusion_count; i++) ltv__free(report->exclusions[i].value);
    ltv__free(report->exclusions);
    for (size_t i = 0; i < report->problem_count; i++) ltv__free(report->problems[i].message);
    ltv__free(report->problems);
    ltv__free(report);
}

uint64_t ltv_load_report_rows_read(const ltv_load_report *report) { return report ? report->rows_read : 0; }
uint64_t ltv_load_report_rows_taken(const ltv_load_report *report) { return report ? report->rows_taken : 0; }
uint64_t ltv_load_report_rows_rejected(const ltv_load_report *report) { return report ? report->rows_rejected : 0; }
uint64_t ltv_load_report_blank_lines(const ltv_load_report *report) { return report ? report->blank_lines : 0; }
uint64_t ltv_load_report_bytes(const ltv_load_report *report) { return report ? report->bytes : 0; }
size_t ltv_load_report_error_count(const ltv_load_report *report) { return report ? report->problem_count : 0; }

int ltv_load_report_error(const ltv_load_report *report, size_t i, uint64_t *out_line, uint32_t *out_column,
                          int *out_reason, const char **out_message) {
    LTV_REQUIRE(report, "ltv_load_report_error");
    if (i >= report->problem_count)
        return ltv__fail(LTV_ERANGE, "ltv_load_report_error: index %zu is outside 0..%lld", i,
                         (long long)report->problem_count - 1);
    const ltv__row_problem *p = &report->problems[i];
    if (out_line) *out_line = p->line;
    if (out_column) *out_column = p->column;
    if (out_reason) *out_reason = p->reason;
    if (out_message) *out_message = p->message;
    return LTV_OK;
}

uint64_t ltv_load_report_rows_excluded(const ltv_load_report *report) { return report ? report->rows_excluded : 0; }
uint64_t ltv_load_report_rows_no_customer(const ltv_load_report *report) {
    return report ? report->rows_no_customer : 0;
}

void ltv_load_report_no_customer(const ltv_load_report *report, uint64_t *out_orders, int64_t *out_amount) {
    if (out_orders) *out_orders = report ? report->no_customer_orders : 0;
    if (out_amount) *out_amount = report ? report->no_customer_amount : 0;
}

uint64_t ltv_load_report_rows_rejected_for(const ltv_load_report *report, int reason) {
    return report && reason > 0 && reason < LTV_ROW_ERROR_LIMIT ? report->rejected_for[reason] : 0;
}

void ltv_load_report_orders(const ltv_load_report *report, uint64_t *out_orders, uint64_t *out_lines) {
    if (out_orders) *out_orders = report ? report->orders : 0;
    if (out_lines) *out_lines = report ? report->order_lines : 0;
}

size_t ltv_load_report_exclusion_count(const ltv_load_report *report) { return report ? report->exclusion_count : 0; }

int ltv_load_report_exclusion(const ltv_load_report *report, size_t i, const char **out_value, uint64_t *out_rows) {
    LTV_REQUIRE(report, "ltv_load_report_exclusion");
    if (i >= report->exclusion_count)
        return ltv__fail(LTV_ERANGE, "ltv_load_report_exclusion: index %zu is outside 0..%lld", i,
                         (long long)report->exclusion_count - 1);
    if (out_value) *out_value = report->exclusions[i].value;
    if (out_rows) *out_rows = report->exclusions[i].rows;
    return LTV_OK;
}
