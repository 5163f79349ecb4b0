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

/* A thread's distinct triples: a dense list in first-seen order (so that a customer can
 * remember its triple's position, which rehashing does not move) and an open-addressing table
 * of positions in it. */
typedef struct key_entry {
    uint32_t x, txd, Td;
    uint32_t final; /* the triple's index once the data are built */
    uint64_t w, xstar;
} key_entry;

#define NO_ENTRY UINT32_MAX

typedef struct pass_share {
    const ltv_predict_data *data;
    size_t begin, end;
    key_entry *list;
    size_t count, list_cap;
    uint32_t *slots;
    size_t cap;
    uint32_t *customer_entry; /* the data's per-customer column, this share's position in list */
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

/* Counts a customer in its triple's entry; returns the entry's position, or NO_ENTRY when out
 * of memory. */
static uint32_t table_add(pass_share *sh, uint32_t x, uint32_t txd, uint32_t Td, uint32_t xstar) {
    if (2 * (sh->count + 1) > sh->cap) {
        const size_t cap = sh->cap ? sh->cap * 2 : 4096;
        uint32_t *t = ltv__malloc(cap * sizeof *t);
        if (!t) return NO_ENTRY;
        memset(t, 0xFF, cap * sizeof *t);
        for (size_t i = 0; i < sh->count; i++) {
            const key_entry *e = &sh->list[i];
            size_t j = (size_t)key_hash(e->x, e->txd, e->Td) & (cap - 1);
            while (t[j] != NO_ENTRY) j = (j + 1) & (cap - 1);
            t[j] = (uint32_t)i;
        }
        ltv__free(sh->slots);
        sh->slots = t;
        sh->cap = cap;
    }
    size_t j = (size_t)key_hash(x, txd, Td) & (sh->cap - 1);
    for (;; j = (j + 1) & (sh->cap - 1)) {
        const uint32_t at = sh->slots[j];
        if (at == NO_ENTRY) break;
        key_entry *e = &sh->list[at];
        if (e->x == x && e->txd == txd && e->Td == Td) {
            e->w++;
            e->xstar += xstar;
            return at;
        }
    }
    if (sh->count == sh->list_cap) {
        const size_t cap = sh->list_cap ? sh->list_cap * 2 : 2048;
        key_entry *grown = ltv__realloc_array(sh->list, cap, sizeof *grown);
        if (!grown) return NO_ENTRY;
        sh->list = grown;
        sh->list_cap = cap;
    }
    sh->slots[j] = (uint32_t)sh->count;
    sh->list[sh->count] = (key_entry){x, txd, Td, 0, 1, xstar};
    return (uint32_t)sh->count++;
}

static int pass_range(void *arg) {
    pass_share *sh = arg;
    const int32_t cal = sh->data->cal_end;
    for (size_t c = sh->begin; c < sh->end; c++) {
        scan s;
        scan_customer(sh->data, (uint32_t)c, sh->repeats, sh->day0, &s);
        sh->customer_entry[c] = NO_ENTRY;
        if (s.first == LTV_NO_DAY) {
            sh->after += s.any_order;
            continue;
        }
        sh->customers++;
        sh->births[s.first - sh->day0]++;
        if (sh->first_day == LTV_NO_DAY || s.first < sh->first_day) sh->first_day = s.first;
        sh->repeat_sum += s.repeats;
        sh->holdout_sum += s.holdout;
        const uint32_t at = table_add(sh, s.repeats, (uint32_t)(s.last - s.first), (uint32_t)(cal - s.first), s.holdout);
        if (at == NO_ENTRY) return ltv__fail(LTV_ENOMEM, "ltv_predict_data_from_ledger: out of memory");
        sh->customer_entry[c] = at;
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
        /* gx holds x until the table of distinct x values exists */
        sh->spend[sh->nspend++] = (ltv__spend){(double)s.spend, log((double)s.spend / s.repeats), s.repeats, 0};
    }
    return LTV_OK;
}

/* ---- building the tables shared by both sources ---- */

/* A triple before it becomes indices; with its days when it comes from a ledger. */
typedef struct raw_tuple {
    double x, tx, T, w, xstar;
    uint32_t txd, Td, entry; /* entry: its key_entry (ledger data) */
} raw_tuple;

static int cmp_raw(const void *pa, const void *pb) {
    const raw_tuple *a = pa, *b = pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->T != b->T) return a->T < b->T ? -1 : 1;
    if (a->tx != b->tx) return a->tx < b->tx ? -1 : 1;
    return 0;
}

static int cmp_double(const void *pa, const void *pb) {
    const double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
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

/* From triples sorted by (x, T, t_x) and merged: the tables of distinct x values and times,
 * the compact triples, and the spend records' x indices. `max_day` >= 0: the triples carry
 * days up to it (ledger data), so the distinct times are found by marking days, not sorting. */
static int build_tables(ltv_predict_data *d, const raw_tuple *raw, size_t k, int64_t max_day, const char *func) {
    d->tuples = ltv__malloc((k + 1) * sizeof *d->tuples);
    d->xs = ltv__malloc((k + 1) * sizeof(double));
    d->times = ltv__malloc((2 * k + 1) * sizeof(double));
    uint32_t *day_index = max_day >= 0 ? ltv__calloc((size_t)max_day + 1, sizeof(uint32_t)) : NULL;
    if (!d->tuples || !d->xs || !d->times || (max_day >= 0 && !day_index)) {
        ltv__free(day_index);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    d->nxs = 0;
    for (size_t i = 0; i < k; i++) /* sorted by x: distinct values in order */
        if (d->nxs == 0 || raw[i].x != d->xs[d->nxs - 1]) d->xs[d->nxs++] = raw[i].x;
    if (day_index) {
        for (size_t i = 0; i < k; i++) day_index[raw[i].txd] = day_index[raw[i].Td] = 1;
        d->ntimes = 0;
        for (int64_t day = 0; day <= max_day; day++)
            if (day_index[day]) {
                day_index[day] = (uint32_t)d->ntimes;
                d->times[d->ntimes++] = (double)day / d->unit_days;
            }
    } else {
        for (size_t i = 0; i < k; i++) d->times[2 * i] = raw[i].tx, d->times[2 * i + 1] = raw[i].T;
        qsort(d->times, 2 * k, sizeof(double), cmp_double);
        size_t u = 0;
        for (size_t i = 0; i < 2 * k; i++)
            if (u == 0 || d->times[i] != d->times[u - 1]) d->times[u++] = d->times[i];
        d->ntimes = u;
    }
    uint32_t gx = 0;
    for (size_t i = 0; i < k; i++) {
        while (d->xs[gx] != raw[i].x) gx++;
        ltv__tuple *t = &d->tuples[i];
        t->w = raw[i].w, t->xstar = raw[i].xstar, t->gx = gx, t->pad = 0;
        t->itx = day_index ? day_index[raw[i].txd] : find_double(d->times, d->ntimes, raw[i].tx);
        t->iT = day_index ? day_index[raw[i].Td] : find_double(d->times, d->ntimes, raw[i].T);
    }
    ltv__free(day_index);
    for (size_t i = 0; i < d->nspend; i++) d->spend[i].gx = find_double(d->xs, d->nxs, (double)d->spend[i].gx);
    d->ntuples = k;
    d->info.tuples = k;
    d->info.spend_customers = d->nspend;
    return LTV_OK;
}

/* Merges runs of equal triples in place; returns the new count. With `entries`, the entry
 * behind each triple learns the index of its merged triple. */
static size_t merge_equal(raw_tuple *raw, size_t n, key_entry **entries) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && cmp_raw(&raw[k - 1], &raw[i]) == 0) {
            raw[k - 1].w += raw[i].w;
            raw[k - 1].xstar += raw[i].xstar;
        } else {
            raw[k++] = raw[i];
        }
        if (entries) entries[raw[i].entry]->final = (uint32_t)(k - 1);
    }
    return k;
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
    ltv__free(d->customer_tuple);
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

    d->customer_tuple = ltv__malloc((d->rows + 1) * sizeof(uint32_t));
    if (!d->customer_tuple) {
        ltv_predict_data_free(d);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
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
        shares[i].customer_entry = d->customer_tuple;
        shares[i].births = ltv__calloc(days, sizeof(uint64_t));
        shares[i].repeats = ltv__calloc(days, sizeof(uint64_t));
        if (!shares[i].births || !shares[i].repeats) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    if (status == LTV_OK) status = ltv__run_tasks(pass_range, shares, sizeof shares[0], count);
    size_t nentries = 0, nspend = 0;
    for (int i = 0; i < count; i++) {
        nentries += shares[i].count;
        nspend += shares[i].nspend;
    }
    /* every thread's distinct triples, keyed (x, T, t_x) in 20 + 22 + 22 bits (days fit in 22) */
    key_entry **entries = NULL;
    uint64_t *keys = NULL;
    uint32_t *order = NULL;
    bool small_x = true;
    if (status == LTV_OK) {
        entries = ltv__malloc((nentries + 1) * sizeof *entries);
        keys = ltv__malloc((nentries + 1) * sizeof *keys);
        order = ltv__malloc((nentries + 1) * sizeof *order);
        d->spend = ltv__malloc((nspend + 1) * sizeof *d->spend);
        if (!entries || !keys || !order || !d->spend) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    size_t ne = 0;
    for (int i = 0; i < count; i++) {
        pass_share *sh = &shares[i];
        if (status == LTV_OK) {
            for (size_t j = 0; j < sh->count; j++) {
                key_entry *e = &sh->list[j];
                small_x = small_x && e->x < (1u << 20);
                keys[ne] = (uint64_t)e->x << 44 | (uint64_t)e->Td << 22 | e->txd;
                order[ne] = (uint32_t)ne;
                entries[ne++] = e;
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
        ltv__free(sh->spend);
        if (i > 0) {
            ltv__free(sh->births);
            ltv__free(sh->repeats);
        }
    }
    raw_tuple *raw = status == LTV_OK ? ltv__malloc((ne + 1) * sizeof *raw) : NULL;
    if (status == LTV_OK && !raw) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    if (status == LTV_OK) {
        for (size_t j = 0; j < ne; j++) {
            key_entry *e = entries[j];
            raw[j] = (raw_tuple){e->x, e->txd / d->unit_days, e->Td / d->unit_days, (double)e->w, (double)e->xstar,
                                 e->txd, e->Td, (uint32_t)j};
        }
        if (!small_x) { /* a customer with a million repeat days: sort by comparison instead */
            qsort(raw, ne, sizeof *raw, cmp_raw);
        } else if (ltv__sort_u64_pairs(keys, order, ne) == LTV_OK) {
            for (size_t j = 0; j < ne; j++) { /* the sorted order, by the entries directly */
                key_entry *e = entries[order[j]];
                raw[j] = (raw_tuple){e->x, e->txd / d->unit_days, e->Td / d->unit_days, (double)e->w,
                                     (double)e->xstar, e->txd, e->Td, order[j]};
            }
        } else {
            status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        }
    }
    ltv__free(keys);
    const size_t ntriples = status == LTV_OK ? merge_equal(raw, ne, entries) : 0;
    /* each customer's triple: its share's entry, now merged into triple `final` */
    for (int i = 0; i < count && status == LTV_OK; i++)
        for (size_t c = shares[i].begin; c < shares[i].end; c++)
            if (d->customer_tuple[c] != NO_ENTRY) d->customer_tuple[c] = shares[i].list[d->customer_tuple[c]].final;
    for (int i = 0; i < count; i++) {
        ltv__free(shares[i].list);
        ltv__free(shares[i].slots);
    }
    ltv__free(entries);
    ltv__free(order);
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
    if (status == LTV_OK) status = build_tables(d, raw, ntriples, (int64_t)(last - d->info.first_day), func);
    ltv__free(raw);
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
    raw_tuple *raw = ltv__malloc(n * sizeof *raw);
    d->spend = ltv__malloc(n * sizeof *d->spend);
    d->row_x = ltv__malloc(n * sizeof(double));
    d->row_tx = ltv__malloc(n * sizeof(double));
    d->row_T = ltv__malloc(n * sizeof(double));
    d->row_m = ltv__calloc(n, sizeof(double));
    d->row_xstar = ltv__calloc(n, sizeof(double));
    if (!raw || !d->spend || !d->row_x || !d->row_tx || !d->row_T || !d->row_m || !d->row_xstar) {
        ltv__free(raw);
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
        raw[i] = (raw_tuple){x[i], t_x[i], T[i], 1.0, xs, 0, 0, 0};
        d->info.repeat_transactions += x[i];
        d->info.holdout_transactions += xs;
        if (x[i] > 0) {
            d->info.repeaters++;
            if (m > 0) d->spend[d->nspend++] = (ltv__spend){x[i] * m, log(m), (uint32_t)x[i], 0};
        }
    }
    d->info.customers = n;
    qsort(raw, n, sizeof *raw, cmp_raw);
    int status = build_tables(d, raw, merge_equal(raw, n, NULL), -1, func);
    ltv__free(raw);
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
