/* Fitting, given parameters and the one-customer queries of the public API. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "predict_internal.h"

static const char *const param_names[4][4] = {
    {"r", "alpha", "a", "b"}, {"r", "alpha", "s", "beta"}, {"r", "alpha", "a", "b"}, {"p", "q", "gamma", NULL}};
static const char *const model_names[4] = {"bgnbd", "pareto", "mbgnbd", "gammagamma"};

const char *ltv_predict_param_name(int model, int index) {
    if (model < 0 || model > 3 || index < 0 || index > 3) return NULL;
    return param_names[model][index];
}

const char *ltv_predict_model_name(int model) { return model >= 0 && model <= 3 ? model_names[model] : NULL; }

static int param_count(int model) { return model == LTV_MODEL_GAMMA_GAMMA ? 3 : 4; }

/* Inverts a symmetric positive definite matrix by Cholesky; false if it is not. */
static bool spd_inverse(int k, double m[4][4], double inv[4][4]) {
    double L[4][4] = {{0}};
    for (int i = 0; i < k; i++)
        for (int j = 0; j <= i; j++) {
            double s = m[i][j];
            for (int p = 0; p < j; p++) s -= L[i][p] * L[j][p];
            if (i == j) {
                if (!(s > 0)) return false;
                L[i][i] = sqrt(s);
            } else {
                L[i][j] = s / L[j][j];
            }
        }
    double Li[4][4] = {{0}}; /* L^-1, lower triangular */
    for (int i = 0; i < k; i++) {
        Li[i][i] = 1.0 / L[i][i];
        for (int j = 0; j < i; j++) {
            double s = 0;
            for (int p = j; p < i; p++) s -= L[i][p] * Li[p][j];
            Li[i][j] = s / L[i][i];
        }
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int p = 0; p < k; p++) s += Li[p][i] * Li[p][j];
            inv[i][j] = s;
        }
    return true;
}

static ltv_predict_fit *fit_alloc(int model) {
    ltv_predict_fit *fit = ltv__calloc(1, sizeof *fit);
    if (!fit) return NULL;
    fit->model = model;
    fit->k = param_count(model);
    fit->info.model = model;
    fit->info.param_count = fit->k;
    return fit;
}

/* On large data, most of the optimiser's steps are spent far from the optimum. A systematic
 * 1-in-`stride` sample of the triples (or spend records), weights scaled up, is fitted first
 * and its optimum is the full fit's starting point: the full data then take a few steps
 * instead of dozens. Only the start changes, never the optimum the full data define. */
#define WARM_MIN 200000
static bool warm_start(const ltv__objective *obj, int k, double *theta, double inv[4][4]) {
    const ltv_predict_data *d = obj->data;
    const bool gg = obj->model == LTV_MODEL_GAMMA_GAMMA;
    const size_t n = gg ? d->nspend : d->ntuples;
    if (n < WARM_MIN) return false;
    const size_t stride = n / 20000, m = (n + stride - 1) / stride; /* about 20,000: one block */
    ltv_predict_data sample = *d;
    void *items = ltv__malloc(m * (gg ? sizeof(ltv__spend) : sizeof(ltv__tuple)));
    if (!items) return false; /* only a start: the full fit still runs */
    double w = 0;
    for (size_t i = 0, j = 0; i < n; i += stride, j++) {
        if (gg) {
            ((ltv__spend *)items)[j] = d->spend[i];
        } else {
            ltv__tuple t = d->tuples[i];
            t.w *= (double)stride;
            w += t.w;
            ((ltv__tuple *)items)[j] = t;
        }
    }
    if (gg) sample.spend = items, sample.nspend = m;
    else sample.tuples = items, sample.ntuples = m;
    const ltv__objective sub = {&sample, obj->model, gg ? (double)m : w};
    ltv__optim_result res;
    ltv__optimize(&sub, k, theta, NULL, &res);
    ltv__free(items);
    bool inside = res.converged;
    for (int i = 0; i < k; i++) inside = inside && fabs(res.theta[i]) < 13.8;
    if (!inside) return false;
    memcpy(theta, res.theta, (size_t)k * sizeof(double));
    /* the sample's curvature per customer is the full data's, near enough to start BFGS with */
    return res.hessian_ok && spd_inverse(k, res.hessian, inv);
}

int ltv_predict_fit_new(ltv_predict_fit **out, const ltv_predict_data *data, int model) {
    static const char func[] = "ltv_predict_fit_new";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(data, func);
    if (model < 0 || model > 3) return ltv__fail(LTV_EINVAL, "%s: unknown model %d", func, model);
    const int k = param_count(model);
    ltv__objective obj = {data, model, 0};
    double theta0[4];
    if (model == LTV_MODEL_GAMMA_GAMMA) {
        if (data->nspend < 2)
            return ltv__fail(LTV_EVALIDATION,
                             "%s: gammagamma needs at least 2 repeat customers with a positive mean spend, the data "
                             "have %zu",
                             func, data->nspend);
        double mean = 0;
        for (size_t i = 0; i < data->nspend; i++) mean += exp(data->spend[i].lm);
        mean /= (double)data->nspend;
        obj.weight = (double)data->nspend;
        theta0[0] = 0.0, theta0[1] = log(2.0), theta0[2] = log(mean);
    } else {
        double W = 0, sx = 0, sT = 0;
        for (size_t i = 0; i < data->ntuples; i++) {
            const ltv__tuple *t = &data->tuples[i];
            W += t->w;
            sx += t->w * ltv__tuple_x(data, t);
            sT += t->w * ltv__tuple_T(data, t);
        }
        if (sx == 0)
            return ltv__fail(LTV_EVALIDATION,
                             "%s: no customer made a repeat purchase in the calibration period, so %s cannot be "
                             "identified",
                             func, model_names[model]);
        if (sT == 0)
            return ltv__fail(LTV_EVALIDATION, "%s: every customer's T is 0: %s cannot be identified", func,
                             model_names[model]);
        obj.weight = W;
        const double alpha0 = sT / sx > 1e-6 ? sT / sx : 1e-6;
        theta0[0] = 0.0, theta0[1] = log(alpha0), theta0[2] = 0.0;
        theta0[3] = model == LTV_MODEL_PARETO_NBD ? log(sT / W > 1e-6 ? sT / W : 1e-6) : 0.0;
    }
    ltv__optim_result res;
    double inv0[4][4];
    const bool warm = warm_start(&obj, k, theta0, inv0);
    ltv__optimize(&obj, k, theta0, warm ? (const double(*)[4])inv0 : NULL, &res);
    /* a parameter beyond 1e6 or below 1e-6 (as a ratio to its scale) is the model's boundary:
     * say so rather than that the optimiser wandered there */
    for (int i = 0; i < k; i++)
        if (fabs(res.theta[i]) > 13.8)
            return ltv__fail(LTV_EVALIDATION,
                             "%s: %s's parameter %s ran to %s (%.3g): the data do not identify the model", func,
                             model_names[model], param_names[model][i], res.theta[i] > 0 ? "infinity" : "0",
                             exp(res.theta[i]));
    if (!res.converged) {
        char at[160] = "";
        for (int i = 0, len = 0; i < k && len >= 0 && (size_t)len < sizeof at; i++)
            len += snprintf(at + len, sizeof at - (size_t)len, "%s%s %.4g", i ? ", " : "", param_names[model][i],
                            exp(res.theta[i]));
        return ltv__fail(LTV_EVALIDATION,
                         "%s: the optimiser did not converge for %s (log-likelihood per customer %.6g after %d "
                         "evaluations, at %s)",
                         func, model_names[model], isfinite(res.f) ? -res.f : 0.0, res.iterations, at);
    }
    ltv_predict_fit *fit = fit_alloc(model);
    if (!fit) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    for (int i = 0; i < k; i++) fit->params[i] = fit->info.params[i] = exp(res.theta[i]);
    fit->info.log_likelihood = -res.f * obj.weight;
    fit->info.aic = 2.0 * k - 2.0 * fit->info.log_likelihood;
    fit->info.observations = obj.weight;
    fit->info.iterations = res.iterations;
    double H[4][4], cov[4][4];
    if (res.hessian_ok) {
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) H[i][j] = res.hessian[i][j] * obj.weight;
        if (spd_inverse(k, H, cov)) {
            fit->info.std_errors_valid = 1;
            for (int i = 0; i < k; i++) fit->info.std_errors[i] = fit->params[i] * sqrt(cov[i][i]);
        }
    }
    *out = fit;
    return LTV_OK;
}

int ltv_predict_fit_from_params(ltv_predict_fit **out, int model, const double *params, size_t count) {
    static const char func[] = "ltv_predict_fit_from_params";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(params, func);
    if (model < 0 || model > 3) return ltv__fail(LTV_EINVAL, "%s: unknown model %d", func, model);
    if (count != (size_t)param_count(model))
        return ltv__fail(LTV_EINVAL, "%s: %s has %d parameters, not %zu", func, model_names[model], param_count(model),
                         count);
    for (size_t i = 0; i < count; i++)
        if (!(isfinite(params[i]) && params[i] > 0 && params[i] < 1e15))
            return ltv__fail(LTV_ERANGE, "%s: %s = %g is not finite and > 0", func, param_names[model][i], params[i]);
    ltv_predict_fit *fit = fit_alloc(model);
    if (!fit) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    for (size_t i = 0; i < count; i++) fit->params[i] = fit->info.params[i] = params[i];
    *out = fit;
    return LTV_OK;
}

void ltv_predict_fit_free(ltv_predict_fit *fit) { ltv__free(fit); }

int ltv_predict_fit_info_get(const ltv_predict_fit *fit, ltv_predict_fit_info *out, size_t out_size) {
    LTV_REQUIRE(fit, "ltv_predict_fit_info_get");
    LTV_REQUIRE(out, "ltv_predict_fit_info_get");
    int status = ltv__check_out_size("ltv_predict_fit_info_get", out_size, LTV__PREDICT_FIT_INFO_V1_SIZE);
    if (status != LTV_OK) return status;
    ltv__copy_versioned(out, out_size, &fit->info, sizeof fit->info);
    return LTV_OK;
}

int ltv_predict_log_likelihood(const ltv_predict_fit *fit, const ltv_predict_data *data, double *out_ll) {
    static const char func[] = "ltv_predict_log_likelihood";
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(data, func);
    LTV_REQUIRE(out_ll, func);
    if (fit->model == LTV_MODEL_GAMMA_GAMMA && data->nspend == 0)
        return ltv__fail(LTV_EVALIDATION, "%s: the data have no repeat customer with a positive spend", func);
    if (!ltv__log_likelihood(data, fit->model, fit->params, out_ll))
        return ltv__fail(LTV_EVALIDATION, "%s: the log-likelihood is not finite at these parameters", func);
    return LTV_OK;
}

static int check_transactions(const char *func, const ltv_predict_fit *fit, const double *out) {
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(out, func);
    if (fit->model == LTV_MODEL_GAMMA_GAMMA)
        return ltv__fail(LTV_EINVAL, "%s: needs a transaction model, not gammagamma", func);
    return LTV_OK;
}

int ltv_predict_p_alive(const ltv_predict_fit *fit, double x, double t_x, double T, double *out) {
    static const char func[] = "ltv_predict_p_alive";
    int status = check_transactions(func, fit, out);
    if (status == LTV_OK) status = ltv__check_stats(func, x, t_x, T);
    if (status != LTV_OK) return status;
    *out = ltv__p_alive(fit, x, t_x, T);
    if (!isfinite(*out)) {
        *out = 0;
        return ltv__fail(LTV_EVALIDATION, "%s: the hypergeometric series did not converge", func);
    }
    return LTV_OK;
}

static int check_t(const char *func, double t) {
    if (!(isfinite(t) && t >= 0 && t < 1e9)) return ltv__fail(LTV_ERANGE, "%s: t = %g is not in 0..1e9", func, t);
    return LTV_OK;
}

int ltv_predict_expected(const ltv_predict_fit *fit, double x, double t_x, double T, double t, double *out) {
    static const char func[] = "ltv_predict_expected";
    int status = check_transactions(func, fit, out);
    if (status == LTV_OK) status = ltv__check_stats(func, x, t_x, T);
    if (status == LTV_OK) status = check_t(func, t);
    if (status != LTV_OK) return status;
    if (!ltv__expected(fit, x, t_x, T, t, out)) {
        *out = 0;
        return ltv__fail(LTV_EVALIDATION, "%s: the hypergeometric series did not converge (t = %g)", func, t);
    }
    return LTV_OK;
}

int ltv_predict_population(const ltv_predict_fit *fit, double t, double *out) {
    static const char func[] = "ltv_predict_population";
    int status = check_transactions(func, fit, out);
    if (status == LTV_OK) status = check_t(func, t);
    if (status != LTV_OK) return status;
    if (!ltv__expected(fit, 0, 0, 0, t, out)) {
        *out = 0;
        return ltv__fail(LTV_EVALIDATION, "%s: the hypergeometric series did not converge (t = %g)", func, t);
    }
    return LTV_OK;
}

int ltv_predict_pmf(const ltv_predict_fit *fit, double x, double t_x, double T, double t, double *out, size_t count) {
    static const char func[] = "ltv_predict_pmf";
    int status = check_transactions(func, fit, out);
    if (status == LTV_OK) status = ltv__check_stats(func, x, t_x, T);
    if (status == LTV_OK) status = check_t(func, t);
    if (status != LTV_OK) return status;
    if (count < 1 || count > 100000) return ltv__fail(LTV_ERANGE, "%s: count %zu is outside 1..100000", func, count);
    if (!ltv__pmf(fit, x, t_x, T, t, out, count)) {
        memset(out, 0, count * sizeof *out);
        return ltv__fail(LTV_EVALIDATION, "%s: the probabilities are not finite (or out of memory)", func);
    }
    return LTV_OK;
}

int ltv_predict_spend(const ltv_predict_fit *fit, double x, double mean_spend, double *out) {
    static const char func[] = "ltv_predict_spend";
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(out, func);
    if (fit->model != LTV_MODEL_GAMMA_GAMMA) return ltv__fail(LTV_EINVAL, "%s: needs a gammagamma model", func);
    if (!(isfinite(x) && x >= 0 && isfinite(mean_spend) && mean_spend >= 0))
        return ltv__fail(LTV_ERANGE, "%s: x = %g and mean spend %g must be finite and >= 0", func, x, mean_spend);
    if (!(fit->params[1] > 1.0))
        return ltv__fail(LTV_EVALIDATION, "%s: q = %g <= 1: the expected spend does not exist", func, fit->params[1]);
    *out = ltv__spend_mean(fit, x, mean_spend);
    return LTV_OK;
}
