/* Sufficient statistics: one parallel pass over a ledger (or a caller's summary table) into
 * distinct (x, t_x, T) triples with weights, the Gamma-Gamma sample and the tracking counts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_internal.h"
#include "predict_internal.h"

double ltv__unit_days(int unit) {
    switch (unit) {
    case LTV_UNIT_DAY: return 1.0;
    case LTV_UNIT_WEEK: return 7.0;
    case LTV_UNIT_MONTH: return 365.25 / 12.0;
    default: return 0.0;
    }
}

/* One customer's occasions: the single reading of a ledger run shared by the pass and by
 * per-customer predictions. Repeat occasion days go into `hist` (indexed from day0) if given. */
typedef struct scan {
    int32_t first, last;
    uint32_t repeats, holdout;
    int64_t spend;
    bool any_order;
} scan;

static void scan_customer(const ltv_predict_data *data, uint32_t c, uint64_t *hist, int32_t day0, scan *s) {
    const ltv_ledger *ledger = data->ledger;
    const ltv__event *ev = ledger->organized.events;
    const int32_t cal = data->cal_end, limit = data->holdout_end != LTV_NO_DAY ? data->holdout_end : cal;
    int32_t prev = LTV_NO_DAY;
    *s = (scan){LTV_NO_DAY, LTV_NO_DAY, 0, 0, 0, false};
    const size_t end = ltv__ledger_end_event(ledger, c);
    for (size_t e = ltv__ledger_first_event(ledger, c); e < end; e++) {
        if (ltv__event_kind(&ev[e]) != LTV_EVENT_ORDER) continue;
        const int32_t day = ev[e].day;
        s->any_order = true;
        if (day > limit) break; /* runs are sorted by day */
        if (s->first == LTV_NO_DAY) {
            if (day > cal) break;
            s->first = prev = s->last = day;
            continue;
        }
        if (day <= cal && day != s->first) s->spend += ev[e].amount;
        if (day != prev) {
            if (day <= cal) s->repeats++, s->last = day;
            else s->holdout++;
            if (hist) hist[day - day0]++;
        }
        prev = day;
    }
}

bool ltv__customer_stats(const ltv_predict_data *data, uint32_t c, double *x, double *tx, double *T, double *m,
                         double *xstar, int32_t *first_day) {
    if (!data->ledger) {
        *x = data->row_x[c];
        *tx = data->row_tx[c];
        *T = data->row_T[c];
        *m = data->row_m[c];
        *xstar = data->row_xstar[c];
        *first_day = LTV_NO_DAY;
        return true;
    }
    scan s;
    scan_customer(data, c, NULL, 0, &s);
    if (s.first == LTV_NO_DAY) return false;
    *x = s.repeats;
    *tx = (double)(s.last - s.first) / data->unit_days;
    *T = (double)(data->cal_end - s.first) / data->unit_days;
    *m = s.repeats ? (double)s.spend / s.repeats : 0.0;
    *xstar = s.holdout;
    *first_day = s.first;
    return true;
}

/* ---- the pass over the ledger ---- */

typedef struct key_entry {
    uint32_t x, txd, Td, used;
    uint64_t w, xstar;
} key_entry;

typedef struct pass_share {
    const ltv_predict_data *data;
    size_t begin, end;
    key_entry *table;
    size_t cap, count;
    ltv__spend *spend;
    size_t nspend, spend_cap;
    uint64_t *births, *repeats; /* per day from day0 */
    int32_t day0;
    size_t days;
    uint64_t customers, after, repeaters;
    double repeat_sum, holdout_sum;
    int32_t first_day;
} pass_share;

static uint64_t key_hash(uint32_t x, uint32_t txd, uint32_t Td) {
    uint64_t h = (uint64_t)x * 0x9E3779B97F4A7C15ull ^ (uint64_t)txd * 0xC2B2AE3D27D4EB4Full ^
                 (uint64_t)Td * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

static bool table_add(pass_share *sh, uint32_t x, uint32_t txd, uint32_t Td, uint32_t xstar) {
    if (2 * (sh->count + 1) > sh->cap) {
        size_t cap = sh->cap ? sh->cap * 2 : 4096;
        key_entry *t = ltv__calloc(cap, sizeof *t);
        if (!t) return false;
        for (size_t i = 0; i < sh->cap; i++) {
            if (!sh->table[i].used) continue;
            size_t j = (size_t)key_hash(sh->table[i].x, sh->table[i].txd, sh->table[i].Td) & (cap - 1);
            while (t[j].used) j = (j + 1) & (cap - 1);
            t[j] = sh->table[i];
        }
        ltv__free(sh->table);
        sh->table = t;
        sh->cap = cap;
    }
    size_t j = (size_t)key_hash(x, txd, Td) & (sh->cap - 1);
    while (sh->table[j].used && (sh->table[j].x != x || sh->table[j].txd != txd || sh->table[j].Td != Td))
        j = (j + 1) & (sh->cap - 1);
    key_entry *e = &sh->table[j];
    if (!e->used) {
        *e = (key_entry){x, txd, Td, 1, 0, 0};
        sh->count++;
    }
    e->w++;
    e->xstar += xstar;
    return true;
}

static int pass_range(void *arg) {
    pass_share *sh = arg;
    const int32_t cal = sh->data->cal_end;
    for (size_t c = sh->begin; c < sh->end; c++) {
        scan s;
        scan_customer(sh->data, (uint32_t)c, sh->repeats, sh->day0, &s);
        if (s.first == LTV_NO_DAY) {
            sh->after += s.any_order;
            continue;
        }
        sh->customers++;
        sh->births[s.first - sh->day0]++;
        if (sh->first_day == LTV_NO_DAY || s.first < sh->first_day) sh->first_day = s.first;
        sh->repeat_sum += s.repeats;
        sh->holdout_sum += s.holdout;
        if (!table_add(sh, s.repeats, (uint32_t)(s.last - s.first), (uint32_t)(cal - s.first), s.holdout))
            return ltv__fail(LTV_ENOMEM, "ltv_predict_data_from_ledger: out of memory");
        if (s.repeats == 0) continue;
        sh->repeaters++;
        if (s.spend <= 0) continue;
        if (sh->nspend == sh->spend_cap) {
            size_t cap = sh->spend_cap ? sh->spend_cap * 2 : 4096;
            ltv__spend *grown = ltv__realloc_array(sh->spend, cap, sizeof *grown);
            if (!grown) return ltv__fail(LTV_ENOMEM, "ltv_predict_data_from_ledger: out of memory");
            sh->spend = grown;
            sh->spend_cap = cap;
        }
        const double m = (double)s.spend / s.repeats;
        sh->spend[sh->nspend++] = (ltv__spend){s.repeats, m, log(m), 0};
    }
    return LTV_OK;
}

/* ---- building the tables shared by both sources ---- */

static int cmp_tuple(const void *pa, const void *pb) {
    const ltv__tuple *a = pa, *b = pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->T != b->T) return a->T < b->T ? -1 : 1;
    if (a->tx != b->tx) return a->tx < b->tx ? -1 : 1;
    return 0;
}

static int cmp_double(const void *pa, const void *pb) {
    const double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

static size_t unique_doubles(double *v, size_t n) {
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[i] != v[k - 1]) v[k++] = v[i];
    return k;
}

static uint32_t find_double(const double *v, size_t n, double value) {
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= value) lo = mid;
        else hi = mid;
    }
    return (uint32_t)lo;
}

/* Sorts and merges the triples, then builds the tables of distinct times and x values. */
static int finish_tables(ltv_predict_data *d, const char *func) {
    qsort(d->tuples, d->ntuples, sizeof *d->tuples, cmp_tuple);
    size_t k = 0;
    for (size_t i = 0; i < d->ntuples; i++) {
        if (k && cmp_tuple(&d->tuples[k - 1], &d->tuples[i]) == 0) {
            d->tuples[k - 1].w += d->tuples[i].w;
            d->tuples[k - 1].xstar += d->tuples[i].xstar;
        } else {
            d->tuples[k++] = d->tuples[i];
        }
    }
    d->ntuples = k;
    d->times = ltv__malloc((2 * k + 1) * sizeof(double));
    d->xs = ltv__malloc((k + 1) * sizeof(double));
    if (!d->times || !d->xs) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    for (size_t i = 0; i < k; i++) {
        d->times[2 * i] = d->tuples[i].tx;
        d->times[2 * i + 1] = d->tuples[i].T;
        d->xs[i] = d->tuples[i].x;
    }
    d->ntimes = unique_doubles(d->times, 2 * k);
    d->nxs = unique_doubles(d->xs, k);
    for (size_t i = 0; i < k; i++) {
        d->tuples[i].itx = find_double(d->times, d->ntimes, d->tuples[i].tx);
        d->tuples[i].iT = find_double(d->times, d->ntimes, d->tuples[i].T);
        d->tuples[i].gx = find_double(d->xs, d->nxs, d->tuples[i].x);
    }
    for (size_t i = 0; i < d->nspend; i++) d->spend[i].gx = find_double(d->xs, d->nxs, d->spend[i].x);
    d->info.tuples = k;
    d->info.spend_customers = d->nspend;
    return LTV_OK;
}

static ltv_predict_data *data_alloc(void) {
    ltv_predict_data *d = ltv__calloc(1, sizeof *d);
    if (!d) return NULL;
    d->cal_end = d->holdout_end = LTV_NO_DAY;
    d->info.calibration_end = d->info.holdout_end = d->info.first_day = LTV_NO_DAY;
    return d;
}

void ltv_predict_data_free(ltv_predict_data *d) {
    if (!d) return;
    ltv__free(d->tuples);
    ltv__free(d->times);
    ltv__free(d->xs);
    ltv__free(d->spend);
    ltv__free(d->row_x);
    ltv__free(d->row_tx);
    ltv__free(d->row_T);
    ltv__free(d->row_m);
    ltv__free(d->row_xstar);
    ltv__free(d->births);
    ltv__free(d->repeats);
    ltv__free(d);
}

#define MAX_SHARES 16

int ltv_predict_data_from_ledger(ltv_predict_data **out, const ltv_ledger *ledger, int unit, int32_t calibration_end,
                                 int32_t holdout_end) {
    static const char func[] = "ltv_predict_data_from_ledger";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(ledger, func);
    if (ltv__unit_days(unit) == 0.0) return ltv__fail(LTV_EINVAL, "%s: unknown time unit %d", func, unit);
    if (calibration_end < LTV_DAY_MIN || calibration_end > LTV_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: calibration end %d is outside %d..%d", func, calibration_end, LTV_DAY_MIN,
                         LTV_DAY_MAX);
    if (holdout_end != LTV_NO_DAY && (holdout_end <= calibration_end || holdout_end > LTV_DAY_MAX))
        return ltv__fail(LTV_ERANGE, "%s: the holdout end must be after the calibration end and at most %d", func,
                         LTV_DAY_MAX);
    int status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    int32_t min_day, max_day;
    if (ltv_ledger_day_range(ledger, &min_day, &max_day) != LTV_OK || min_day > calibration_end)
        return ltv__fail(LTV_ENOTFOUND, "%s: no customer has an order on or before the calibration end", func);
    ltv_predict_data *d = data_alloc();
    if (!d) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    d->unit = unit;
    d->unit_days = ltv__unit_days(unit);
    d->cal_end = calibration_end;
    d->holdout_end = holdout_end;
    d->ledger = ledger;
    d->rows = ledger->customer_count;
    const int32_t last = holdout_end != LTV_NO_DAY ? holdout_end : calibration_end;
    const size_t days = (size_t)(last - min_day) + 1;
    if (holdout_end != LTV_NO_DAY) d->holdout_length = (double)(holdout_end - calibration_end) / d->unit_days;

    pass_share shares[MAX_SHARES];
    int count = ltv__thread_budget();
    if (count > MAX_SHARES) count = MAX_SHARES;
    if (d->rows < 100000) count = 1;
    memset(shares, 0, sizeof shares);
    for (int i = 0; i < count && status == LTV_OK; i++) {
        shares[i].data = d;
        shares[i].begin = d->rows * (size_t)i / (size_t)count;
        shares[i].end = d->rows * (size_t)(i + 1) / (size_t)count;
        shares[i].day0 = min_day;
        shares[i].days = days;
        shares[i].first_day = LTV_NO_DAY;
        shares[i].births = ltv__calloc(days, sizeof(uint64_t));
        shares[i].repeats = ltv__calloc(days, sizeof(uint64_t));
        if (!shares[i].births || !shares[i].repeats) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    if (status == LTV_OK) status = ltv__run_tasks(pass_range, shares, sizeof shares[0], count);
    size_t ntuples = 0, nspend = 0;
    for (int i = 0; i < count; i++) {
        ntuples += shares[i].count;
        nspend += shares[i].nspend;
    }
    if (status == LTV_OK) {
        d->tuples = ltv__malloc((ntuples + 1) * sizeof *d->tuples);
        d->spend = ltv__malloc((nspend + 1) * sizeof *d->spend);
        if (!d->tuples || !d->spend) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    for (int i = 0; i < count; i++) {
        pass_share *sh = &shares[i];
        if (status == LTV_OK) {
            for (size_t j = 0; j < sh->cap; j++) {
                const key_entry *e = &sh->table[j];
                if (!e->used) continue;
                d->tuples[d->ntuples++] = (ltv__tuple){e->x, e->txd / d->unit_days, e->Td / d->unit_days,
                                                       (double)e->w, (double)e->xstar, 0, 0, 0};
            }
            if (sh->nspend) memcpy(d->spend + d->nspend, sh->spend, sh->nspend * sizeof *sh->spend);
            d->nspend += sh->nspend;
            d->info.customers += sh->customers;
            d->info.after_calibration += sh->after;
            d->info.repeaters += sh->repeaters;
            d->info.repeat_transactions += sh->repeat_sum;
            d->info.holdout_transactions += sh->holdout_sum;
            if (sh->first_day != LTV_NO_DAY &&
                (d->info.first_day == LTV_NO_DAY || sh->first_day < d->info.first_day))
                d->info.first_day = sh->first_day;
            if (i > 0)
                for (size_t k = 0; k < days; k++) {
                    shares[0].births[k] += sh->births[k];
                    shares[0].repeats[k] += sh->repeats[k];
                }
        }
        ltv__free(sh->table);
        ltv__free(sh->spend);
        if (i > 0) {
            ltv__free(sh->births);
            ltv__free(sh->repeats);
        }
    }
    if (status == LTV_OK && d->info.customers == 0)
        status = ltv__fail(LTV_ENOTFOUND, "%s: no customer has an order on or before the calibration end", func);
    if (status == LTV_OK) {
        /* keep the tracking counts from the first calibration customer's first day on */
        const size_t skip = (size_t)(d->info.first_day - min_day);
        d->track_days = days - skip;
        d->births = ltv__malloc(d->track_days * sizeof(uint64_t));
        d->repeats = ltv__malloc(d->track_days * sizeof(uint64_t));
        if (!d->births || !d->repeats) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        else {
            memcpy(d->births, shares[0].births + skip, d->track_days * sizeof(uint64_t));
            memcpy(d->repeats, shares[0].repeats + skip, d->track_days * sizeof(uint64_t));
        }
    }
    ltv__free(shares[0].births);
    ltv__free(shares[0].repeats);
    if (status == LTV_OK) status = finish_tables(d, func);
    if (status != LTV_OK) {
        ltv_predict_data_free(d);
        return status;
    }
    d->info.unit = unit;
    d->info.calibration_end = calibration_end;
    d->info.holdout_end = holdout_end;
    d->info.holdout_length = d->holdout_length;
    *out = d;
    return LTV_OK;
}

static bool whole(double v) { return isfinite(v) && v >= 0 && v == floor(v) && v < 4294967295.0; }

int ltv_predict_data_from_summary(ltv_predict_data **out, size_t n, const double *x, const double *t_x,
                                  const double *T, const double *mean_spend, const double *holdout_x,
                                  double holdout_length) {
    static const char func[] = "ltv_predict_data_from_summary";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(x, func);
    LTV_REQUIRE(t_x, func);
    LTV_REQUIRE(T, func);
    if (n == 0) return ltv__fail(LTV_EINVAL, "%s: no rows", func);
    if (holdout_x && !(isfinite(holdout_length) && holdout_length > 0))
        return ltv__fail(LTV_ERANGE, "%s: the holdout length must be finite and > 0", func);
    for (size_t i = 0; i < n; i++) {
        char where[64];
        snprintf(where, sizeof where, "%s: row %zu", func, i);
        int status = ltv__check_stats(where, x[i], t_x[i], T[i]);
        if (status != LTV_OK) return status;
        if (mean_spend && x[i] > 0 && !(isfinite(mean_spend[i]) && mean_spend[i] >= 0))
            return ltv__fail(LTV_ERANGE, "%s: mean spend %g is not finite and >= 0", where, mean_spend[i]);
        if (holdout_x && !whole(holdout_x[i]))
            return ltv__fail(LTV_ERANGE, "%s: holdout count %g is not a whole number >= 0", where, holdout_x[i]);
    }
    ltv_predict_data *d = data_alloc();
    if (!d) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    d->unit = -1;
    d->unit_days = 1.0;
    d->rows = n;
    d->holdout_length = holdout_x ? holdout_length : 0.0;
    d->tuples = ltv__malloc(n * sizeof *d->tuples);
    d->spend = ltv__malloc(n * sizeof *d->spend);
    d->row_x = ltv__malloc(n * sizeof(double));
    d->row_tx = ltv__malloc(n * sizeof(double));
    d->row_T = ltv__malloc(n * sizeof(double));
    d->row_m = ltv__calloc(n, sizeof(double));
    d->row_xstar = ltv__calloc(n, sizeof(double));
    if (!d->tuples || !d->spend || !d->row_x || !d->row_tx || !d->row_T || !d->row_m || !d->row_xstar) {
        ltv_predict_data_free(d);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    for (size_t i = 0; i < n; i++) {
        const double xs = holdout_x ? holdout_x[i] : 0.0, m = mean_spend && x[i] > 0 ? mean_spend[i] : 0.0;
        d->row_x[i] = x[i];
        d->row_tx[i] = t_x[i];
        d->row_T[i] = T[i];
        d->row_m[i] = m;
        d->row_xstar[i] = xs;
        d->tuples[i] = (ltv__tuple){x[i], t_x[i], T[i], 1.0, xs, 0, 0, 0};
        d->info.repeat_transactions += x[i];
        d->info.holdout_transactions += xs;
        if (x[i] > 0) {
            d->info.repeaters++;
            if (m > 0) d->spend[d->nspend++] = (ltv__spend){x[i], m, log(m), 0};
        }
    }
    d->ntuples = n;
    d->info.customers = n;
    int status = finish_tables(d, func);
    if (status != LTV_OK) {
        ltv_predict_data_free(d);
        return status;
    }
    d->info.unit = -1;
    d->info.holdout_length = d->holdout_length;
    *out = d;
    return LTV_OK;
}

int ltv_predict_data_info_get(const ltv_predict_data *data, ltv_predict_data_info *out, size_t out_size) {
    LTV_REQUIRE(data, "ltv_predict_data_info_get");
    LTV_REQUIRE(out, "ltv_predict_data_info_get");
    int status = ltv__check_out_size("ltv_predict_data_info_get", out_size, LTV__PREDICT_DATA_INFO_V1_SIZE);
    if (status != LTV_OK) return status;
    ltv__copy_versioned(out, out_size, &data->info, sizeof data->info);
    return LTV_OK;
}
