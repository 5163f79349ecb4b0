/* The load report: row counters and the first bad rows with line, column and reason. */
#include <string.h>

#include "csv_internal.h"

int ltv__report_new(ltv_load_report **out) {
    *out = ltv__calloc(1, sizeof **out);
    return *out ? LTV_OK : ltv__fail(LTV_ENOMEM, "load report: out of memory");
}

int ltv__report_reject(ltv_load_report *report, int64_t max_errors, uint64_t line, uint32_t column, int reason,
                       const char *message) {
    report->rows_rejected++;
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

void ltv_load_report_free(ltv_load_report *report) {
    if (!report) return;
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
