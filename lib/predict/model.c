/* Per-customer formulas of the purchase models, derived in docs/predict.md.
 *
 * BG/NBD and MBG/NBD share one shape: a customer alive at T has a purchase rate
 * lambda ~ Gamma(r', alpha') and a dropout probability p ~ Beta(a', b') after each purchase,
 * with r' = r + x, alpha' = alpha + T, a' = a and b' = b + x (BG/NBD) or b + x + 1 (MBG/NBD,
 * which also lets a customer drop right after the first purchase). Pareto/NBD: an alive
 * customer has lambda ~ Gamma(r + x, alpha + T) and a death rate mu ~ Gamma(s, beta + T). */
#include <math.h>
#include <string.h>

#include "predict_internal.h"

#define R fit->params[0]
#define ALPHA fit->params[1]
#define A fit->params[2]
#define B fit->params[3]
#define S fit->params[2]
#define BETA fit->params[3]

int ltv__check_stats(const char *func, double x, double tx, double T) {
    if (!(isfinite(x) && x >= 0 && x == floor(x) && x < 1e9))
        return ltv__fail(LTV_ERANGE, "%s: x = %g is not a whole number in 0..1e9", func, x);
    if (!(isfinite(T) && T >= 0 && T < 1e9)) return ltv__fail(LTV_ERANGE, "%s: T = %g is not in 0..1e9", func, T);
    if (!(isfinite(tx) && tx >= 0 && tx <= T))
        return ltv__fail(LTV_ERANGE, "%s: t_x = %g is not in 0..T (T = %g)", func, tx, T);
    if (x == 0 && tx != 0) return ltv__fail(LTV_ERANGE, "%s: t_x = %g with x = 0 (must be 0)", func, tx);
    return LTV_OK;
}

/* log of the Pareto/NBD likelihood's two branches, without the factor
 * Gamma(r+x) alpha^r beta^s / Gamma(r): alive at T, and died between t_x and T. */
static bool pareto_log_f(const double *p, double x, double y, double *out) {
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3], a1 = r + s + x;
    double tail;
    if (alpha >= beta) {
        const double z = (alpha - beta) / (alpha + y);
        if (!ltv__hyp2f1_tail(1.0, r + x, a1 + 1.0, z, &tail)) return false;
        *out = -s * log((beta + y) / (alpha + y)) + log1p(tail) - a1 * log(alpha + y);
    } else {
        const double z = (beta - alpha) / (beta + y);
        if (!ltv__hyp2f1_tail(1.0, s + 1.0, a1 + 1.0, z, &tail)) return false;
        *out = (1.0 - r - x) * log((alpha + y) / (beta + y)) + log1p(tail) - a1 * log(beta + y);
    }
    return true;
}

bool ltv__pareto_branches(const double *p, double x, double tx, double T, double *first, double *second) {
    const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
    *first = -(r + x) * log(alpha + T) - s * log(beta + T);
    *second = -INFINITY;
    if (tx >= T) return true;
    double ft, fT;
    if (!pareto_log_f(p, x, tx, &ft) || !pareto_log_f(p, x, T, &fT)) return false;
    if (fT < ft) *second = log(s) - log(r + s + x) + ft + log(-expm1(fT - ft));
    return true;
}

double ltv__bg_log_ab(const ltv_predict_fit *fit, double x) {
    return log(A) - log(fit->model == LTV_MODEL_MBGNBD ? B + x : B + x - 1.0);
}

double ltv__bg_p_alive_logs(const ltv_predict_fit *fit, double x, double log_ab, double log_T, double log_tx) {
    if (fit->model == LTV_MODEL_BGNBD && x == 0) return 1.0;
    /* log of (dropped-out branch / alive branch) */
    return exp(-ltv__log1pexp(log_ab + (R + x) * (log_T - log_tx)));
}

double ltv__p_alive(const ltv_predict_fit *fit, double x, double tx, double T) {
    if (fit->model == LTV_MODEL_BGNBD && x == 0) return 1.0;
    if (fit->model != LTV_MODEL_PARETO_NBD)
        return ltv__bg_p_alive_logs(fit, x, ltv__bg_log_ab(fit, x), log(ALPHA + T), log(ALPHA + tx));
    double first, second;
    if (!ltv__pareto_branches(fit->params, x, tx, T, &first, &second)) return NAN; /* callers check */
    return exp(-ltv__log1pexp(second - first));
}

/* E[Y(t)] of a customer alive with the posterior (r', alpha', a', b') of BG/NBD and MBG/NBD:
 * (a'+b'-1)/(a'-1) [1 - (alpha'/(alpha'+t))^r' 2F1(r', b'; a'+b'-1; z)], z = t/(alpha'+t),
 * with Euler's transformation (alpha'/(alpha'+t))^r' 2F1(...) = (1-z)^(a'-1)
 * 2F1(a'+b'-1-r', a'-1; a'+b'-1; z), whose parameters do not grow with x. */
static bool bg_alive_expected(double r1, double alpha1, double a1, double b1, double t, double *out) {
    if (t == 0) {
        *out = 0;
        return true;
    }
    if (fabs(a1 - 1.0) < 1e-4) { /* removable singularity at a' = 1: average its two sides */
        double lo, hi; /* at 2e-4, outside this window: 1 ± 1e-4 can round back into it and recurse forever */
        if (!bg_alive_expected(r1, alpha1, 1.0 - 2e-4, b1, t, &lo) || !bg_alive_expected(r1, alpha1, 1.0 + 2e-4, b1, t, &hi))
            return false;
        *out = 0.5 * (lo + hi);
        return true;
    }
    const double z = t / (alpha1 + t), c = a1 + b1 - 1.0;
    double tail;
    if (!ltv__hyp2f1_tail(c - r1, a1 - 1.0, c, z, &tail)) return false;
    const double u = (a1 - 1.0) * log(alpha1 / (alpha1 + t)); /* ln (1-z)^(a'-1) */
    const double bracket = -expm1(u) - exp(u) * tail;
    *out = c / (a1 - 1.0) * bracket;
    if (*out < 0) *out = 0;
    return isfinite(*out);
}

/* Pareto/NBD, alive: (r+x)/(alpha+T) (beta+T) [1 - ((beta+T)/(beta+T+t))^(s-1)] / (s-1). */
static double pareto_alive_expected(const ltv_predict_fit *fit, double x, double T, double t) {
    const double b1 = BETA + T, L = log1p(t / b1), s1 = S - 1.0;
    const double g = fabs(s1 * L) < 1e-12 ? L : -expm1(-s1 * L) / s1;
    return (R + x) / (ALPHA + T) * b1 * g;
}

static double posterior_b(const ltv_predict_fit *fit, double x) {
    return fit->model == LTV_MODEL_MBGNBD ? B + x + 1.0 : B + x;
}

bool ltv__alive_expected(const ltv_predict_fit *fit, double x, double T, double t, double *out) {
    if (fit->model == LTV_MODEL_PARETO_NBD) {
        *out = pareto_alive_expected(fit, x, T, t);
        return true;
    }
    return bg_alive_expected(R + x, ALPHA + T, A, posterior_b(fit, x), t, out);
}

bool ltv__expected(const ltv_predict_fit *fit, double x, double tx, double T, double t, double *out) {
    const double pa = ltv__p_alive(fit, x, tx, T);
    double e;
    if (!ltv__alive_expected(fit, x, T, t, &e)) return false;
    *out = pa * e;
    return isfinite(*out);
}

/* NBD probabilities P(N(t) = j), j < count, for lambda ~ Gamma(r1, alpha1), in log space so
 * that a large r1 does not underflow the first term. */
static void nbd_pmf(double r1, double alpha1, double t, double *out, size_t count) {
    if (t <= 0) {
        for (size_t j = 0; j < count; j++) out[j] = j == 0;
        return;
    }
    const double lq = log(t / (alpha1 + t));
    double lp = r1 * log(alpha1 / (alpha1 + t));
    for (size_t j = 0; j < count; j++) {
        out[j] = exp(lp);
        lp += log((r1 + (double)j) / ((double)j + 1.0)) + lq;
    }
}

bool ltv__pmf(const ltv_predict_fit *fit, double x, double tx, double T, double t, double *out, size_t count) {
    const double pa = ltv__p_alive(fit, x, tx, T);
    const double r1 = R + x, alpha1 = ALPHA + T;
    if (fit->model == LTV_MODEL_PARETO_NBD) {
        /* P(Y = y | alive) = ((b1/(b1+t))^s NBD(y; t) + int_0^t s b1^s/(b1+u)^(s+1) NBD(y; u) du,
         * the integral by 4 panels of 16-point Gauss-Legendre. */
        const double b1 = BETA + T;
        double *tmp = ltv__malloc(count * sizeof(double));
        if (!tmp) return false;
        nbd_pmf(r1, alpha1, t, out, count);
        const double keep = exp(S * log(b1 / (b1 + t)));
        for (size_t y = 0; y < count; y++) out[y] *= keep;
        for (int panel = 0; panel < 4; panel++) {
            const double lo = t * panel / 4.0, half = t / 8.0;
            for (int k = 0; k < 16; k++) {
                const double u = lo + half * (1.0 + ltv__gl16_x[k]);
                const double dens = S / b1 * exp((S + 1.0) * log(b1 / (b1 + u)));
                nbd_pmf(r1, alpha1, u, tmp, count);
                for (size_t y = 0; y < count; y++) out[y] += half * ltv__gl16_w[k] * dens * tmp[y];
            }
        }
        ltv__free(tmp);
    } else {
        /* P(Y = y | alive) = E[(1-p)^y] P(N = y) + [y > 0] E[p (1-p)^(y-1)] P(N >= y) */
        const double a1 = A, b1 = posterior_b(fit, x);
        nbd_pmf(r1, alpha1, t, out, count);
        double survive = 1.0, keep = 1.0; /* P(N >= y), E[(1-p)^y] */
        for (size_t y = 0; y < count; y++) {
            const double dy = (double)y, p_n = out[y];
            double v = keep * p_n;
            if (y > 0) {
                const double keep_prev = keep / ((b1 + dy - 1.0) / (a1 + b1 + dy - 1.0));
                v += a1 / (a1 + b1 + dy - 1.0) * keep_prev * survive;
            }
            out[y] = v;
            survive -= p_n;
            if (survive < 0) survive = 0;
            keep *= (b1 + dy) / (a1 + b1 + dy);
        }
    }
    for (size_t y = 0; y < count; y++) {
        out[y] = pa * out[y] + (y == 0 ? 1.0 - pa : 0.0);
        if (!isfinite(out[y])) return false;
    }
    return true;
}

/* Rate of purchases at time t after T of an alive Pareto/NBD customer. */
static double pareto_rate(const ltv_predict_fit *fit, double x, double T, double t) {
    const double b1 = BETA + T;
    return (R + x) / (ALPHA + T) * exp(S * log(b1 / (b1 + t)));
}

bool ltv__discounted(const ltv_predict_fit *fit, double x, double tx, double T, int mode, double rate, double period,
                     double horizon, double *out) {
    if (mode == LTV_DISCOUNT_DISCRETE) {
        /* sum over periods k of (E[Y(k P)] - E[Y((k-1) P)]) / (1 + rate)^k, as lifetimes does */
        double sum = 0, prev = 0, factor = 1.0;
        const long n = (long)ceil(horizon / period - 1e-9);
        for (long k = 1; k <= n; k++) {
            double e;
            const double tk = (double)k * period < horizon ? (double)k * period : horizon;
            if (!ltv__expected(fit, x, tx, T, tk, &e)) return false;
            factor /= 1.0 + rate;
            sum += (e - prev) * factor;
            prev = e;
        }
        *out = sum;
        return isfinite(sum);
    }
    /* continuous: int_0^H e^(-rate t) dE[Y(t)], on panels that double in width from a
     * quarter of alpha + T, up to H or where e^(-rate t) < e^-50 */
    double H = horizon > 0 ? horizon : INFINITY;
    if (rate > 0 && 50.0 / rate < H) H = 50.0 / rate;
    if (!isfinite(H)) return false;
    const double pa = ltv__p_alive(fit, x, tx, T);
    double width = (ALPHA + T) / 4.0, lo = 0, sum = 0;
    if (width > H) width = H;
    const bool pareto = fit->model == LTV_MODEL_PARETO_NBD;
    while (lo < H) {
        const double hi = lo + width < H ? lo + width : H, half = (hi - lo) / 2.0;
        for (int k = 0; k < 16; k++) {
            const double t = lo + half * (1.0 + ltv__gl16_x[k]);
            double v;
            if (pareto) {
                v = pa * pareto_rate(fit, x, T, t);
            } else { /* by parts: rate e^(-rate t) E[Y(t)], plus e^(-rate H) E[Y(H)] below */
                if (!ltv__expected(fit, x, tx, T, t, &v)) return false;
                v *= rate;
            }
            sum += half * ltv__gl16_w[k] * exp(-rate * t) * v;
        }
        lo = hi;
        width *= 2.0;
    }
    if (!pareto) {
        double eh;
        if (!ltv__expected(fit, x, tx, T, H, &eh)) return false;
        sum += exp(-rate * H) * eh;
    }
    *out = sum;
    return isfinite(sum);
}

double ltv__next_wait(const ltv_predict_fit *fit, double x, double T) {
    return (ALPHA + T) * expm1(log(2.0) / (R + x));
}

double ltv__spend_mean(const ltv_predict_fit *fit, double x, double m) {
    const double p = fit->params[0], q = fit->params[1], g = fit->params[2];
    if (x <= 0) return p * g / (q - 1.0);
    return p * (g + x * m) / (p * x + q - 1.0);
}
