/* P(alive) per customer from a CSV file (another tool's predictions) into arrays in a
 * ledger's index order, for ltv_segment_config_set_p_alive(). Every line is taken or the read
 * fails naming it; every customer with an order gets a value or the read fails naming one. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_split.h"
#include "ledger_internal.h"
#include "segment_internal.h"

#define ABSENT ((size_t)-1)

typedef struct reader {
    const ltv_ledger *ledger;
    double *p_alive, *before; /* before: NULL when the caller does not want it */
    size_t fields;            /* of the header */
    size_t id, p, p_before;   /* their columns (0-based), ABSENT when not in the header */
} reader;

static int read_header(reader *r, const ltv__csv_record *rec) {
    static const char *const names[3] = {"customer_id", "p_alive", "p_alive_before"};
    size_t *const columns[3] = {&r->id, &r->p, &r->p_before};
    for (size_t i = 0; i < rec->count; i++)
        for (int k = 0; k < 3; k++) {
            if (!ltv__csv_field_is(&rec->fields[i], names[k])) continue;
            if (*columns[k] != ABSENT) {
                char why[120];
                snprintf(why, sizeof why, "the header names column %s twice", names[k]);
                return ltv__csv_record_fail(rec, LTV_EPARSE, i + 1, why);
            }
            *columns[k] = i;
        }
    for (int k = 0; k < 3; k++) {
        if (*columns[k] != ABSENT || (k == 2 && !r->before)) continue;
        char why[200];
        snprintf(why, sizeof why, "the header has no column %s (it needs customer_id and p_alive%s)", names[k],
                 r->before ? ", and p_alive_before for the falling comparison" : "");
        return ltv__csv_record_fail(rec, LTV_EPARSE, 0, why);
    }
    r->fields = rec->count;
    return LTV_OK;
}

/* A probability in the field, or a failure naming the column. */
static int read_probability(const ltv__csv_record *rec, size_t column, const char *name, double *out) {
    const ltv__csv_field *f = &rec->fields[column];
    char why[200];
    if (!ltv__parse_real(f->text, f->len, out)) {
        snprintf(why, sizeof why, "%s '%.*s' is not a number", name, (int)(f->len > 40 ? 40 : f->len), f->text);
        return ltv__csv_record_fail(rec, LTV_EPARSE, column + 1, why);
    }
    if (!(*out >= 0.0 && *out <= 1.0)) {
        snprintf(why, sizeof why, "%s %.*s is outside 0..1", name, (int)(f->len > 40 ? 40 : f->len), f->text);
        return ltv__csv_record_fail(rec, LTV_ERANGE, column + 1, why);
    }
    if (*out == 0.0) *out = 0.0; /* "-0" is 0, not a negative zero in the output */
    return LTV_OK;
}

static int take_record(void *ctx, const ltv__csv_record *rec) {
    reader *r = ctx;
    if (rec->number == 1) return read_header(r, rec);
    if (rec->count != r->fields) {
        char why[120];
        snprintf(why, sizeof why, "%zu fields, the header has %zu", rec->count, r->fields);
        return ltv__csv_record_fail(rec, LTV_EPARSE, 0, why);
    }
    const ltv__csv_field *id = &rec->fields[r->id];
    const int shown = (int)(id->len > 64 ? 64 : id->len);
    uint64_t c;
    if (ltv_ledger_find(r->ledger, id->text, id->len, &c) != LTV_OK) {
        char why[200];
        snprintf(why, sizeof why, "customer '%.*s' is not in the ledger", shown, id->text);
        return ltv__csv_record_fail(rec, LTV_EVALIDATION, r->id + 1, why);
    }
    if (!isnan(r->p_alive[c])) {
        char why[200];
        snprintf(why, sizeof why, "customer '%.*s' appears a second time", shown, id->text);
        return ltv__csv_record_fail(rec, LTV_EVALIDATION, r->id + 1, why);
    }
    double p, before = 0.0;
    int status = read_probability(rec, r->p, "p_alive", &p);
    if (status == LTV_OK && r->before) status = read_probability(rec, r->p_before, "p_alive_before", &before);
    if (status != LTV_OK) return status;
    r->p_alive[c] = p;
    if (r->before) r->before[c] = before;
    return LTV_OK;
}

/* Customers the file left out: 0 for those without an order (no rule reads their P(alive));
 * any with an order fails the read, naming the first. */
static int check_complete(const reader *r, const char *path, size_t count) {
    uint64_t missing = 0, first = 0;
    for (size_t c = 0; c < count; c++) {
        if (!isnan(r->p_alive[c])) continue;
        ltv_customer_facts f;
        ltv__facts_compute(r->ledger, (uint32_t)c, LTV_DAY_MAX + 1, &f);
        if (f.orders == 0) {
            r->p_alive[c] = 0.0;
            if (r->before) r->before[c] = 0.0;
        } else if (missing++ == 0) {
            first = c;
        }
    }
    if (missing == 0) return LTV_OK;
    size_t len;
    const char *id = ltv__customer_id(r->ledger, (uint32_t)first, &len);
    return ltv__fail(LTV_EVALIDATION, "%s: %llu customer%s with orders %s no P(alive), the first '%.*s'", path,
                     (unsigned long long)missing, missing == 1 ? "" : "s", missing == 1 ? "has" : "have",
                     (int)(len > 64 ? 64 : len), id);
}

int ltv_segment_p_alive_load_csv(const ltv_ledger *ledger, const char *path, double *p_alive, double *p_alive_before,
                                 size_t count) {
    LTV_REQUIRE(ledger, "ltv_segment_p_alive_load_csv");
    LTV_REQUIRE(path, "ltv_segment_p_alive_load_csv");
    if (!p_alive && count > 0) return ltv__fail(LTV_EINVAL, "ltv_segment_p_alive_load_csv: p_alive is NULL");
    const uint64_t customers = ltv_ledger_customer_count(ledger);
    if (count != customers)
        return ltv__fail(LTV_ERANGE, "ltv_segment_p_alive_load_csv: arrays of %zu entries for a ledger of %llu customers",
                         count, (unsigned long long)customers);
    int status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    for (size_t c = 0; c < count; c++) p_alive[c] = NAN; /* not seen yet */
    reader r = {ledger, p_alive, p_alive_before, 0, ABSENT, ABSENT, ABSENT};
    status = ltv__csv_read_file(path, "P(alive)", take_record, &r);
    if (status == LTV_OK && r.fields == 0)
        status = ltv__fail(LTV_EPARSE, "%s: the file is empty: it needs a header line customer_id,p_alive", path);
    if (status == LTV_OK) status = check_complete(&r, path, count);
    return status;
}
