/*
 * Predictive CLV internals: the compressed sufficient statistics, the models' formulas,
 * the optimiser and the special functions they need. Nothing here is exported.
 */
#ifndef LTVCRM_PREDICT_INTERNAL_H
#define LTVCRM_PREDICT_INTERNAL_H

#include "ltvcrm/predict.h"

#include "internal.h"

#define LTV__PREDICT_DATA_INFO_V1_SIZE LTV__SIZE_THROUGH(ltv_predict_data_info, first_day)
#define LTV__PREDICT_FIT_INFO_V1_SIZE LTV__SIZE_THROUGH(ltv_predict_fit_info, std_errors_valid)

/* One distinct (x, t_x, T) triple: w customers, xstar their holdout occasions summed. The
 * triple itself is three indices: into the table of distinct x values (per-x terms such as
 * log-gammas and digammas are computed once per x) and into the table of distinct times (the
 * likelihood takes one logarithm per distinct time, not per triple). 32 bytes, so that a
 * likelihood pass over millions of triples reads little memory. */
typedef struct ltv__tuple {
    double w, xstar;
    uint32_t gx, itx, iT, pad;
} ltv__tuple;

/* One repeater with a positive mean spend, for Gamma-Gamma: x m (the sum), ln m, and the
 * index of x in the table of distinct x values. */
typedef struct ltv__spend {
    double xm, lm;
    uint32_t gx, pad;
} ltv__spend;

struct ltv_predict_data {
    int unit;          /* ltv_time_unit, -1 for a summary */
    double unit_days;  /* days per unit (1 for a summary) */
    int32_t cal_end, holdout_end;
    double holdout_length;
    ltv__tuple *tuples; /* sorted by (x, T, t_x); x, t_x, T through the tables below */
    size_t ntuples;
    double *times; /* distinct t_x and T values, ascending */
    size_t ntimes;
    double *xs; /* distinct x values, ascending */
    size_t nxs;
    ltv__spend *spend;
    size_t nspend;
    ltv_predict_data_info info;
    /* per-customer source: the ledger (borrowed), or the summary's rows (owned) */
    const ltv_ledger *ledger;
    uint32_t *customer_tuple; /* ledger data: each customer's triple, UINT32_MAX outside calibration */
    size_t rows;
    double *row_x, *row_tx, *row_T, *row_m, *row_xstar;
    /* tracking, ledger data only: per day from info.first_day to the last day */
    size_t track_days;
    uint64_t *births;  /* first orders per day (calibration customers) */
    uint64_t *repeats; /* repeat occasions per day of calibration customers */
};

static inline double ltv__tuple_x(const struct ltv_predict_data *d, const ltv__tuple *t) { return d->xs[t->gx]; }
static inline double ltv__tuple_tx(const struct ltv_predict_data *d, const ltv__tuple *t) { return d->times[t->itx]; }
static inline double ltv__tuple_T(const struct ltv_predict_data *d, const ltv__tuple *t) { return d->times[t->iT]; }

struct ltv_predict_fit {
    int model;
    int k;
    double params[4];
    ltv_predict_fit_info info;
};

struct ltv_predict_options {
    double horizon; /* < 0: the unit's default */
    int mode;
    double rate;
    double period; /* < 0: the unit's default */
    unsigned columns; /* LTV_PREDICT_COLUMNS: bit c keeps column c; 0 = all */
};
/* What ltv_predict_options_new() gives and a NULL options pointer means. */
#define LTV__PREDICT_OPTIONS_DEFAULT {-1, LTV_DISCOUNT_DISCRETE, 0, -1, 0}

/* ---- special functions (special.c) ---- */
double ltv__digamma(double x);
double ltv__lgamma(double x);
/* ln(1 + e^v) without overflow. */
double ltv__log1pexp(double v);
/* ln(e^a + e^b). */
double ltv__logaddexp(double a, double b);
/* Gauss hypergeometric 2F1(a, b; c; z) - 1 for 0 <= z < 1 by its series (the tail without
 * the leading 1, so that 1 - 2F1 keeps its digits), when it converges to 1e-16 within the
 * term limit; returns false otherwise. */
bool ltv__hyp2f1_tail(double a, double b, double c, double z, double *out);
/* Nodes and weights of 16-point Gauss-Legendre on [-1, 1]. */
extern const double ltv__gl16_x[16], ltv__gl16_w[16];

/* ---- per-customer model formulas (model.c) ---- */
/* Checks a customer's statistics (message names `func`). */
int ltv__check_stats(const char *func, double x, double tx, double T);
/* The Pareto/NBD likelihood's branches (alive at T; died in (t_x, T]) in logs. */
bool ltv__pareto_branches(const double *p, double x, double tx, double T, double *first, double *second);
/* NaN when a series does not converge (Pareto/NBD): every caller checks. */
double ltv__p_alive(const ltv_predict_fit *fit, double x, double tx, double T);
/* The same for BG/NBD and MBG/NBD from its logarithms, so that a pass over many customers
 * takes them once per x (ltv__bg_log_ab: ln a - ln(b + x - 1), or ln(b + x) for MBG/NBD)
 * and once per time (ln(alpha + t)): bit for bit ltv__p_alive. */
double ltv__bg_log_ab(const ltv_predict_fit *fit, double x);
double ltv__bg_p_alive_logs(const ltv_predict_fit *fit, double x, double log_ab, double log_T, double log_tx);
/* E[Y(t)] of a customer alive at T: depends on (x, T) only, not on t_x; false if a series
 * fails to converge. E[Y(t) | x, tx, T] is P(alive) times this. */
bool ltv__alive_expected(const ltv_predict_fit *fit, double x, double T, double t, double *out);
/* E[Y(t) | x, tx, T]; false if a series fails to converge. */
bool ltv__expected(const ltv_predict_fit *fit, double x, double tx, double T, double t, double *out);
bool ltv__pmf(const ltv_predict_fit *fit, double x, double tx, double T, double t, double *out, size_t count);
/* Discounted expected occasions over the horizon (options resolved to concrete values). */
bool ltv__discounted(const ltv_predict_fit *fit, double x, double tx, double T, int mode, double rate,
                     double period, double horizon, double *out);
/* Median waiting time to the next occasion of a customer alive at T. */
double ltv__next_wait(const ltv_predict_fit *fit, double x, double T);
double ltv__spend_mean(const ltv_predict_fit *fit, double x, double m);

/* ---- likelihoods (likelihood.c): f = -LL / W on log-parameters, with gradient if asked ---- */
typedef struct ltv__objective {
    const ltv_predict_data *data;
    int model;
    double weight; /* W: customers in the sample */
} ltv__objective;
/* Returns false when the value is not finite. grad may be NULL. */
bool ltv__objective_eval(const ltv__objective *obj, const double *theta, double *f, double *grad);
bool ltv__objective_has_gradient(int model);
/* Total LL at natural parameters. */
bool ltv__log_likelihood(const ltv_predict_data *data, int model, const double *params, double *out);

/* ---- optimiser (optim.c) ---- */
typedef struct ltv__optim_result {
    double theta[4];
    double f;
    int iterations;
    bool converged;
    double hessian[4][4]; /* of f at theta */
    bool hessian_ok;
} ltv__optim_result;
/* inv0: an inverse Hessian of f to start BFGS with, or NULL (the identity). */
void ltv__optimize(const ltv__objective *obj, int k, const double *theta0, const double (*inv0)[4],
                   ltv__optim_result *res);

/* ---- data (data.c) ---- */
double ltv__unit_days(int unit);
/* Statistics of ledger customer c (ledger prepared). Returns false if the customer has no
 * order on or before the calibration end. */
bool ltv__customer_stats(const ltv_predict_data *data, uint32_t c, double *x, double *tx, double *T, double *m,
                         double *xstar, int32_t *first_day);

#endif
