/* Per-customer predictions for a whole customer base: one parallel pass over the rows (the
 * ledger's customers, or the summary's rows), each row independent of the others. */
#include <math.h>
#include <string.h>

#include "predict_internal.h"

int ltv_predict_options_new(ltv_predict_options **out) {
    LTV_REQUIRE(out, "ltv_predict_options_new");
    *out = ltv__calloc(1, sizeof **out);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_predict_options_new: out of memory");
    **out = (ltv_predict_options)LTV__PREDICT_OPTIONS_DEFAULT;
    return LTV_OK;
}

void ltv_predict_options_free(ltv_predict_options *opts) { ltv__free(opts); }

#define ALL_COLUMNS ((1u << LTV_PRED_COLUMN_COUNT) - 1u)

int ltv_predict_options_set(ltv_predict_options *opts, int option, double value) {
    static const char func[] = "ltv_predict_options_set";
    LTV_REQUIRE(opts, func);
    switch (option) {
    case LTV_PREDICT_HORIZON:
        if (!(isfinite(value) && value >= 0 && value <= 1e6))
            return ltv__fail(LTV_ERANGE, "%s: horizon %g is outside 0..1e6", func, value);
        opts->horizon = value;
        return LTV_OK;
    case LTV_PREDICT_DISCOUNT_MODE:
        if (value != LTV_DISCOUNT_DISCRETE && value != LTV_DISCOUNT_CONTINUOUS)
            return ltv__fail(LTV_ERANGE, "%s: discount mode %g is not 0 (discrete) or 1 (continuous)", func, value);
        opts->mode = (int)value;
        return LTV_OK;
    case LTV_PREDICT_DISCOUNT_RATE:
        if (!(isfinite(value) && value >= 0 && value < 10))
            return ltv__fail(LTV_ERANGE, "%s: discount rate %g is outside [0, 10)", func, value);
        opts->rate = value;
        return LTV_OK;
    case LTV_PREDICT_DISCOUNT_PERIOD:
        if (!(isfinite(value) && value > 0 && value <= 1e6))
            return ltv__fail(LTV_ERANGE, "%s: discount period %g is outside (0, 1e6]", func, value);
        opts->period = value;
        return LTV_OK;
    case LTV_PREDICT_COLUMNS:
        if (!(value >= 1 && value <= (double)ALL_COLUMNS && value == floor(value)))
            return ltv__fail(LTV_ERANGE, "%s: columns %g is not a set of column bits in 1..%u", func, value,
                             ALL_COLUMNS);
        opts->columns = (unsigned)value;
        return LTV_OK;
    default: return ltv__fail(LTV_EINVAL, "%s: unknown option %d", func, option);
    }
}

struct ltv_prediction {
    size_t n;
    unsigned columns; /* bit c: column c was computed (its array is allocated) */
    uint8_t *in_cal;
    double *col[LTV_PRED_COLUMN_COUNT]; /* the double columns (NULL for the others) */
    int32_t *next_day;
};

void ltv_prediction_free(ltv_prediction *pred) {
    if (!pred) return;
    ltv__free(pred->in_cal);
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++) ltv__free(pred->col[c]);
    ltv__free(pred->next_day);
    ltv__free(pred);
}

uint64_t ltv_prediction_count(const ltv_prediction *pred) { return pred ? pred->n : 0; }

int ltv_prediction_column(const ltv_prediction *pred, int column, const void **out_data, size_t *out_len) {
    static const char func[] = "ltv_prediction_column";
    LTV_REQUIRE(pred, func);
    LTV_REQUIRE(out_data, func);
    LTV_REQUIRE(out_len, func);
    if (column < 0 || column >= LTV_PRED_COLUMN_COUNT) return ltv__fail(LTV_EINVAL, "%s: unknown column %d", func, column);
    if (column != LTV_PRED_IN_CALIBRATION && !(pred->columns & 1u << column))
        return ltv__fail(LTV_ESTATE, "%s: column %d was not computed (left out by LTV_PREDICT_COLUMNS)", func, column);
    *out_data = column == LTV_PRED_IN_CALIBRATION ? (const void *)pred->in_cal
                : column == LTV_PRED_NEXT_ORDER_DAY ? (const void *)pred->next_day
                                                    : (const void *)pred->col[column];
    *out_len = pred->n;
    return LTV_OK;
}

/* What a row's predictions depend on besides its spend: (x, t_x, T) only. Customers with equal
 * triples are common (all one-time buyers of a day share one), and a ledger lists customers in
 * first-seen order, so neighbours often share it: a small direct-mapped cache per thread
 * spares most of the series evaluations. The fields a customer reads come first (one cache
 * line to prefetch). */
typedef struct tuple_values {
    double p_alive, expected, none, discounted, holdout, wait;
    bool used;
    double x, tx, T;
} tuple_values;

/* What every triple of one (x, T) shares, whatever its t_x: the expectations of a customer
 * alive at T (the 2F1 series), the chance that an alive one buys nothing in the horizon
 * (BG-type models) and the median wait. The triples are sorted by (x, T, t_x), so a pass over
 * them meets each pair in one run and computes these once per pair: P(alive) is all that is
 * left per triple. */
typedef struct pair_values {
    double x, T;
    double expected, holdout, stay, wait;
    bool ok, set;
} pair_values;

#define CACHE_SLOTS 4096

typedef struct run_share {
    ltv_prediction *pred;
    const ltv_predict_fit *fit, *spend;
    const ltv_predict_data *data;
    size_t begin, end;
    double horizon, rate, period;
    double count_horizon; /* of expected orders and P(none): the horizon, or a year when unbounded */
    int mode;
    size_t bad_row;
    bool bad;
    tuple_values *cache;
    tuple_values *per_tuple; /* ledger data: the values of every distinct triple, computed first */
    pair_values pair;        /* the last (x, T) met */
    const double *log_ab, *log_time; /* BG-type ledger data: P(alive)'s logs per distinct x and time */
} run_share;

static size_t slot_of(double x, double tx, double T) {
    uint64_t a, b, c;
    memcpy(&a, &x, 8), memcpy(&b, &tx, 8), memcpy(&c, &T, 8);
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full ^ c * 0x165667B19E3779F9ull;
    h ^= h >> 31;
    return (size_t)(h * 0xBF58476D1CE4E5B9ull >> 52) & (CACHE_SLOTS - 1);
}

static bool pair_of(run_share *sh, double x, double T) {
    pair_values *pv = &sh->pair;
    if (pv->set && pv->x == x && pv->T == T) return pv->ok;
    const ltv_predict_fit *fit = sh->fit;
    *pv = (pair_values){x, T, 0, 0, 0, ltv__next_wait(fit, x, T), false, true};
    pv->ok = ltv__alive_expected(fit, x, T, sh->count_horizon, &pv->expected);
    if (pv->ok && fit->model != LTV_MODEL_PARETO_NBD) /* BG-type: alive customers buy nothing with P(N = 0) */
        pv->stay = exp((fit->params[0] + x) * log((fit->params[1] + T) / (fit->params[1] + T + sh->count_horizon)));
    if (pv->ok && sh->data->holdout_length > 0)
        pv->ok = ltv__alive_expected(fit, x, T, sh->data->holdout_length, &pv->holdout);
    return pv->ok;
}

/* The same arithmetic as P(alive) times ltv__expected and friends, with the (x, T) parts
 * shared: every value is bit for bit what the one-customer functions give. */
static bool compute_values(run_share *sh, double x, double tx, double T, double pa, tuple_values *v) {
    const ltv_predict_fit *fit = sh->fit;
    *v = (tuple_values){pa, 0, 0, 0, 0, 0, true, x, tx, T};
    bool ok = isfinite(pa) && pair_of(sh, x, T);
    if (ok) {
        v->wait = sh->pair.wait;
        v->expected = pa * sh->pair.expected;
        ok = isfinite(v->expected);
    }
    if (ok && fit->model != LTV_MODEL_PARETO_NBD) v->none = pa * sh->pair.stay + (1.0 - pa);
    else ok = ok && ltv__pmf(fit, x, tx, T, sh->count_horizon, &v->none, 1);
    if (ok && sh->mode == LTV_DISCOUNT_DISCRETE && sh->rate == 0 && sh->horizon == sh->count_horizon)
        v->discounted = v->expected;
    else ok = ok && ltv__discounted(fit, x, tx, T, sh->mode, sh->rate, sh->period, sh->horizon, &v->discounted);
    if (ok && sh->data->holdout_length > 0) {
        v->holdout = pa * sh->pair.holdout;
        ok = isfinite(v->holdout);
    }
    return ok;
}

static void zero_row(ltv_prediction *p, size_t i) {
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++)
        if (p->col[c]) p->col[c][i] = 0;
    if (p->next_day) p->next_day[i] = LTV_NO_DAY;
}

/* Row i's columns, each written once (the columns are fresh pages: a second write of a row
 * costs little, but a read-modify pattern would not). */
static void put_row(const run_share *sh, size_t i, double x, double tx, double T, double m, double xs, bool dated,
                    const tuple_values *v) {
    ltv_prediction *p = sh->pred;
    const ltv_predict_data *d = sh->data;
    const double spend = sh->spend ? ltv__spend_mean(sh->spend, x, m) : 0.0;
    p->in_cal[i] = 1;
    double row[LTV_PRED_COLUMN_COUNT] = {0};
    row[LTV_PRED_X] = x;
    row[LTV_PRED_T_X] = tx;
    row[LTV_PRED_T] = T;
    row[LTV_PRED_MEAN_SPEND] = m;
    row[LTV_PRED_HOLDOUT_X] = xs;
    row[LTV_PRED_P_ALIVE] = v->p_alive;
    row[LTV_PRED_EXPECTED] = v->expected;
    row[LTV_PRED_P_NONE] = v->none;
    row[LTV_PRED_EXPECTED_SPEND] = spend;
    row[LTV_PRED_DISCOUNTED] = v->discounted;
    row[LTV_PRED_CLV] = v->discounted * spend;
    row[LTV_PRED_HOLDOUT_EXPECTED] = v->holdout;
    /* Columns left out (LTV_PREDICT_COLUMNS) have no array; the test is the same every row. */
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++)
        if (p->col[c]) p->col[c][i] = row[c];
    if (!p->next_day) return;
    p->next_day[i] = LTV_NO_DAY;
    if (dated) {
        const double day = (double)d->cal_end + ceil(v->wait * d->unit_days);
        p->next_day[i] = day > LTV_DAY_MAX ? LTV_DAY_MAX : (int32_t)day;
    }
}

/* A summary's rows: each through the cache of recent triples. */
static int run_range(void *arg) {
    run_share *sh = arg;
    ltv_prediction *p = sh->pred;
    const ltv_predict_data *d = sh->data;
    for (size_t i = sh->begin; i < sh->end; i++) {
        double x, tx, T, m, xs;
        int32_t first;
        if (!ltv__customer_stats(d, (uint32_t)i, &x, &tx, &T, &m, &xs, &first)) {
            zero_row(p, i);
            p->in_cal[i] = 0;
            continue;
        }
        tuple_values *v = &sh->cache[slot_of(x, tx, T)];
        if (!(v->used && v->x == x && v->tx == tx && v->T == T) &&
            !compute_values(sh, x, tx, T, ltv__p_alive(sh->fit, x, tx, T), v)) {
            v->used = false;
            if (!sh->bad) sh->bad = true, sh->bad_row = i;
            zero_row(p, i);
            p->in_cal[i] = 1;
            continue;
        }
        put_row(sh, i, x, tx, T, m, xs, first != LTV_NO_DAY, v);
    }
    return LTV_OK;
}

/* Ledger data: each customer reads its triple's values, computed by the triple pass, which
 * also hold its x, t_x and T. Only the mean spend (x > 0) and the holdout's orders need the
 * customer's own events; a one-time buyer without a holdout (most customers) needs none. The
 * triples are 1.4 M at L, their values 110 MB read in customer order: fetched a few
 * customers ahead so that the misses overlap. */
#define AHEAD 16

static int customer_range(void *arg) {
    run_share *sh = arg;
    ltv_prediction *p = sh->pred;
    const ltv_predict_data *d = sh->data;
    const uint32_t *tuple_of = d->customer_tuple;
    const bool holdout = d->holdout_end != LTV_NO_DAY;
    const size_t rows = sh->end - sh->begin;
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++)
        if (p->col[c]) ltv__prefault(p->col[c] + sh->begin, rows * sizeof(double));
    if (p->next_day) ltv__prefault(p->next_day + sh->begin, rows * sizeof(int32_t));
    ltv__prefault(p->in_cal + sh->begin, rows);
    for (size_t i = sh->begin; i < sh->end; i++) {
        if (i + AHEAD < sh->end && tuple_of[i + AHEAD] != UINT32_MAX) {
            const char *ahead = (const char *)&sh->per_tuple[tuple_of[i + AHEAD]];
            LTV__PREFETCH(ahead);
            LTV__PREFETCH(ahead + sizeof(tuple_values) - 1);
        }
        if (tuple_of[i] == UINT32_MAX) { /* no order by the calibration end */
            zero_row(p, i);
            p->in_cal[i] = 0;
            continue;
        }
        const tuple_values *v = &sh->per_tuple[tuple_of[i]];
        if (!v->used) { /* its triple failed: reported by the triple pass */
            zero_row(p, i);
            p->in_cal[i] = 1;
            continue;
        }
        double x = v->x, tx = v->tx, T = v->T, m = 0, xs = 0;
        if (x > 0 || holdout) {
            int32_t first;
            ltv__customer_stats(d, (uint32_t)i, &x, &tx, &T, &m, &xs, &first);
        }
        put_row(sh, i, x, tx, T, m, xs, true, v);
    }
    return LTV_OK;
}

/* The triple pass: the values of triples begin..end (same shares, other ranges). */
static int tuple_range(void *arg) {
    run_share *sh = arg;
    const ltv_predict_data *d = sh->data;
    for (size_t i = sh->begin; i < sh->end; i++) {
        const ltv__tuple *t = &d->tuples[i];
        const double x = ltv__tuple_x(d, t), tx = ltv__tuple_tx(d, t), T = ltv__tuple_T(d, t);
        const double pa = sh->log_ab ? ltv__bg_p_alive_logs(sh->fit, x, sh->log_ab[t->gx], sh->log_time[t->iT],
                                                             sh->log_time[t->itx])
                                     : ltv__p_alive(sh->fit, x, tx, T);
        if (!compute_values(sh, x, tx, T, pa, &sh->per_tuple[i])) {
            sh->per_tuple[i].used = false;
            if (!sh->bad) sh->bad = true, sh->bad_row = i;
        }
    }
    return LTV_OK;
}

#define MAX_SHARES 16

int ltv_predict_run(ltv_prediction **out, const ltv_predict_fit *fit, const ltv_predict_fit *spend_fit,
                    const ltv_predict_data *data, const ltv_predict_options *opts) {
    static const char func[] = "ltv_predict_run";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(data, func);
    if (fit->model == LTV_MODEL_GAMMA_GAMMA) return ltv__fail(LTV_EINVAL, "%s: fit must be a transaction model", func);
    if (spend_fit && spend_fit->model != LTV_MODEL_GAMMA_GAMMA)
        return ltv__fail(LTV_EINVAL, "%s: spend_fit must be a gammagamma model", func);
    if (spend_fit && !(spend_fit->params[1] > 1.0))
        return ltv__fail(LTV_EVALIDATION, "%s: the spend model has q = %g <= 1: the expected spend does not exist",
                         func, spend_fit->params[1]);
    ltv_predict_options defaults = LTV__PREDICT_OPTIONS_DEFAULT;
    if (!opts) opts = &defaults;
    const int unit = data->unit < 0 ? LTV_UNIT_WEEK : data->unit;
    const double year = unit == LTV_UNIT_DAY ? 364 : unit == LTV_UNIT_WEEK ? 52 : 12;
    const double horizon = opts->horizon >= 0 ? opts->horizon : year;
    const double period = opts->period > 0 ? opts->period : unit == LTV_UNIT_DAY ? 30 : unit == LTV_UNIT_WEEK ? 4.345 : 1;
    if (horizon == 0 && (opts->mode != LTV_DISCOUNT_CONTINUOUS || opts->rate == 0))
        return ltv__fail(LTV_ERANGE,
                         "%s: an unbounded horizon (0) needs continuous discounting at a rate above 0", func);
    if (opts->mode == LTV_DISCOUNT_DISCRETE && horizon / period > 100000)
        return ltv__fail(LTV_ERANGE, "%s: horizon %g is more than 100000 discount periods of %g", func, horizon, period);
    ltv_prediction *p = ltv__calloc(1, sizeof *p);
    if (!p) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    const size_t n = data->rows;
    p->n = n;
    p->columns = (opts->columns ? opts->columns : ALL_COLUMNS) | 1u << LTV_PRED_IN_CALIBRATION;
    bool ok = (p->in_cal = ltv__malloc(n + 1)) != NULL;
    if (ok && p->columns & 1u << LTV_PRED_NEXT_ORDER_DAY)
        ok = (p->next_day = ltv__malloc((n + 1) * sizeof(int32_t))) != NULL;
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT && ok; c++)
        if (c != LTV_PRED_IN_CALIBRATION && c != LTV_PRED_NEXT_ORDER_DAY && p->columns & 1u << c)
            ok = (p->col[c] = ltv__malloc((n + 1) * sizeof(double))) != NULL;
    if (!ok) {
        ltv_prediction_free(p);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    run_share shares[MAX_SHARES];
    int count = ltv__thread_budget();
    if (count > MAX_SHARES) count = MAX_SHARES;
    if (n < 20000) count = 1;
    tuple_values *caches = ltv__calloc((size_t)count * CACHE_SLOTS, sizeof *caches);
    if (!caches) {
        ltv_prediction_free(p);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    for (int i = 0; i < count; i++)
        shares[i] = (run_share){p,       fit,         spend_fit, data, n * (size_t)i / (size_t)count,
                                n * (size_t)(i + 1) / (size_t)count, horizon, opts->rate, period, horizon > 0 ? horizon : year,
                                opts->mode, 0, false, caches + (size_t)i * CACHE_SLOTS, NULL, (pair_values){0, 0, 0, 0, 0, 0, false, false}, NULL, NULL};
    int status = LTV_OK;
    tuple_values *per_tuple = NULL;
    double *logs = NULL;
    if (data->customer_tuple) { /* every distinct triple once, then each customer by its triple */
        per_tuple = ltv__malloc((data->ntuples + 1) * sizeof *per_tuple);
        const bool bg = fit->model != LTV_MODEL_PARETO_NBD;
        if (bg) logs = ltv__malloc((data->nxs + data->ntimes + 1) * sizeof(double));
        if (!per_tuple || (bg && !logs)) status = ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        if (logs && status == LTV_OK) {
            for (size_t k = 0; k < data->nxs; k++) logs[k] = ltv__bg_log_ab(fit, data->xs[k]);
            for (size_t k = 0; k < data->ntimes; k++) logs[data->nxs + k] = log(fit->params[1] + data->times[k]);
        }
        for (int i = 0; i < count && status == LTV_OK; i++) {
            shares[i].per_tuple = per_tuple;
            shares[i].log_ab = logs;
            shares[i].log_time = logs ? logs + data->nxs : NULL;
            shares[i].begin = data->ntuples * (size_t)i / (size_t)count;
            shares[i].end = data->ntuples * (size_t)(i + 1) / (size_t)count;
        }
        if (status == LTV_OK) status = ltv__run_tasks(tuple_range, shares, sizeof shares[0], count);
        for (int i = 0; i < count && status == LTV_OK; i++)
            if (shares[i].bad)
                status = ltv__fail(LTV_EVALIDATION, "%s: a series did not converge for the triple %zu", func,
                                   shares[i].bad_row);
        for (int i = 0; i < count; i++) {
            shares[i].begin = n * (size_t)i / (size_t)count;
            shares[i].end = n * (size_t)(i + 1) / (size_t)count;
        }
    }
    if (status == LTV_OK)
        status = ltv__run_tasks(per_tuple ? customer_range : run_range, shares, sizeof shares[0], count);
    ltv__free(per_tuple);
    ltv__free(logs);
    ltv__free(caches);
    for (int i = 0; i < count && status == LTV_OK; i++)
        if (shares[i].bad)
            status = ltv__fail(LTV_EVALIDATION, "%s: row %zu: a series did not converge", func, shares[i].bad_row);
    if (status != LTV_OK) {
        ltv_prediction_free(p);
        return status;
    }
    *out = p;
    return LTV_OK;
}
