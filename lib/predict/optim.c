/* Minimising f(theta) over log-parameters: BFGS with a backtracking line search (analytic or
 * central-difference gradient), Nelder-Mead to restart from when BFGS fails, and the Hessian
 * by central differences at the end for standard errors. No dependencies. */
#include <math.h>
#include <string.h>

#include "predict_internal.h"

typedef struct problem {
    const ltv__objective *obj;
    int k;
    bool analytic;
    int evals;
} problem;

static bool value(problem *pb, const double *th, double *f) {
    pb->evals++;
    return ltv__objective_eval(pb->obj, th, f, NULL);
}

static bool gradient(problem *pb, const double *th, double *f, double *g) {
    if (pb->analytic) {
        pb->evals++;
        return ltv__objective_eval(pb->obj, th, f, g);
    }
    if (!value(pb, th, f)) return false;
    for (int i = 0; i < pb->k; i++) {
        double t[4], fp, fm;
        const double h = 1e-5;
        memcpy(t, th, sizeof t);
        t[i] = th[i] + h;
        if (!value(pb, t, &fp)) return false;
        t[i] = th[i] - h;
        if (!value(pb, t, &fm)) return false;
        g[i] = (fp - fm) / (2 * h);
    }
    return true;
}

static double max_abs(const double *v, int k) {
    double m = 0;
    for (int i = 0; i < k; i++)
        if (fabs(v[i]) > m) m = fabs(v[i]);
    return m;
}

/* BFGS on the inverse Hessian. Returns true when the gradient vanished (to 1e-9 per unit of
 * weight) or f stopped changing at a point where it is small. */
static bool bfgs(problem *pb, double *th, double *fout, int *iters, const double (*inv0)[4]) {
    const int k = pb->k;
    double H[4][4], g[4], f;
    if (!gradient(pb, th, &f, g)) return false;
    memset(H, 0, sizeof H);
    for (int i = 0; i < k; i++) H[i][i] = 1.0;
    if (inv0) memcpy(H, inv0, sizeof H); /* a known curvature: Newton-like steps from the start */
    int stalls = 0;
    for (int it = 0; it < 400; it++) {
        (*iters)++;
        if (max_abs(g, k) < 1e-9) {
            *fout = f;
            return true;
        }
        double d[4], gd = 0;
        for (int i = 0; i < k; i++) {
            d[i] = 0;
            for (int j = 0; j < k; j++) d[i] -= H[i][j] * g[j];
            gd += d[i] * g[i];
        }
        if (gd >= 0) { /* not a descent direction: start the curvature over */
            memset(H, 0, sizeof H);
            for (int i = 0; i < k; i++) H[i][i] = 1.0, d[i] = -g[i];
            gd = 0;
            for (int i = 0; i < k; i++) gd -= g[i] * g[i];
        }
        const double big = max_abs(d, k);
        if (big > 2.0)
            for (int i = 0; i < k; i++) d[i] *= 2.0 / big; /* at most a factor e^2 per step */
        gd *= big > 2.0 ? 2.0 / big : 1.0;
        double step = 1.0, tn[4], fn = 0, gn[4];
        bool found = false;
        for (int ls = 0; ls < 50; ls++) {
            for (int i = 0; i < k; i++) tn[i] = th[i] + step * d[i];
            if (gradient(pb, tn, &fn, gn) && fn <= f + 1e-4 * step * gd) {
                found = true;
                break;
            }
            step *= 0.5;
        }
        if (!found) {
            *fout = f;
            return max_abs(g, k) < 1e-6;
        }
        double s[4], y[4], sy = 0;
        for (int i = 0; i < k; i++) {
            s[i] = tn[i] - th[i];
            y[i] = gn[i] - g[i];
            sy += s[i] * y[i];
        }
        stalls = fabs(f - fn) <= 1e-15 * (1.0 + fabs(f)) ? stalls + 1 : 0;
        memcpy(th, tn, sizeof tn);
        memcpy(g, gn, sizeof gn);
        f = fn;
        if (stalls >= 3) {
            *fout = f;
            return max_abs(g, k) < 1e-6;
        }
        if (sy > 1e-300) { /* H = (I - rho s y') H (I - rho y s') + rho s s' */
            const double rho = 1.0 / sy;
            double Hy[4], yHy = 0;
            for (int i = 0; i < k; i++) {
                Hy[i] = 0;
                for (int j = 0; j < k; j++) Hy[i] += H[i][j] * y[j];
                yHy += y[i] * Hy[i];
            }
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                    H[i][j] += (1.0 + rho * yHy) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
    }
    *fout = f;
    return max_abs(g, k) < 1e-6;
}

/* Nelder-Mead (standard coefficients) from th, for restarting BFGS somewhere sensible. */
static void nelder_mead(problem *pb, double *th, int max_evals) {
    const int k = pb->k, n = k + 1;
    double x[5][4], fx[5];
    for (int i = 0; i < n; i++) {
        memcpy(x[i], th, sizeof x[i]);
        if (i > 0) x[i][i - 1] += 0.5;
        if (!value(pb, x[i], &fx[i])) fx[i] = INFINITY;
    }
    while (pb->evals < max_evals) {
        for (int i = 1; i < n; i++) /* sort by f */
            for (int j = i; j > 0 && fx[j] < fx[j - 1]; j--) {
                double t[4], tf = fx[j];
                memcpy(t, x[j], sizeof t);
                memcpy(x[j], x[j - 1], sizeof t);
                memcpy(x[j - 1], t, sizeof t);
                fx[j] = fx[j - 1];
                fx[j - 1] = tf;
            }
        if (fabs(fx[n - 1] - fx[0]) < 1e-13 * (1.0 + fabs(fx[0]))) break;
        double c[4] = {0, 0, 0, 0}, xr[4], fr, xe[4], fe, xc[4], fc;
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < k; j++) c[j] += x[i][j] / k;
        for (int j = 0; j < k; j++) xr[j] = c[j] + (c[j] - x[n - 1][j]);
        if (!value(pb, xr, &fr)) fr = INFINITY;
        if (fr < fx[0]) {
            for (int j = 0; j < k; j++) xe[j] = c[j] + 2 * (c[j] - x[n - 1][j]);
            if (!value(pb, xe, &fe)) fe = INFINITY;
            if (fe < fr) memcpy(x[n - 1], xe, sizeof xe), fx[n - 1] = fe;
            else memcpy(x[n - 1], xr, sizeof xr), fx[n - 1] = fr;
            continue;
        }
        if (fr < fx[n - 2]) {
            memcpy(x[n - 1], xr, sizeof xr), fx[n - 1] = fr;
            continue;
        }
        for (int j = 0; j < k; j++) xc[j] = c[j] + 0.5 * (x[n - 1][j] - c[j]);
        if (!value(pb, xc, &fc)) fc = INFINITY;
        if (fc < fx[n - 1]) {
            memcpy(x[n - 1], xc, sizeof xc), fx[n - 1] = fc;
            continue;
        }
        for (int i = 1; i < n; i++) { /* shrink towards the best */
            for (int j = 0; j < k; j++) x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
            if (!value(pb, x[i], &fx[i])) fx[i] = INFINITY;
        }
    }
    int best = 0;
    for (int i = 1; i < n; i++)
        if (fx[i] < fx[best]) best = i;
    memcpy(th, x[best], sizeof x[best]);
}

/* Hessian of f at th by central differences (of the gradient, or of f itself). */
static bool hessian(problem *pb, const double *th, double Hs[4][4]) {
    const int k = pb->k;
    const double h = 1e-4;
    double f0;
    if (pb->analytic) { /* forward differences of the exact gradient: k evaluations, not 2k */
        double g0[4], f;
        if (!gradient(pb, th, &f, g0)) return false;
        for (int j = 0; j < k; j++) {
            double t[4], gp[4];
            memcpy(t, th, sizeof t);
            t[j] = th[j] + h;
            if (!gradient(pb, t, &f, gp)) return false;
            for (int i = 0; i < k; i++) Hs[i][j] = (gp[i] - g0[i]) / h;
        }
    } else {
        if (!value(pb, th, &f0)) return false;
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++) {
                double t[4], fpp, fpm, fmp, fmm;
                memcpy(t, th, sizeof t);
                if (i == j) {
                    t[i] = th[i] + h;
                    if (!value(pb, t, &fpp)) return false;
                    t[i] = th[i] - h;
                    if (!value(pb, t, &fmm)) return false;
                    Hs[i][i] = (fpp - 2 * f0 + fmm) / (h * h);
                    continue;
                }
                t[i] = th[i] + h, t[j] = th[j] + h;
                if (!value(pb, t, &fpp)) return false;
                t[j] = th[j] - h;
                if (!value(pb, t, &fpm)) return false;
                t[i] = th[i] - h;
                if (!value(pb, t, &fmm)) return false;
                t[j] = th[j] + h;
                if (!value(pb, t, &fmp)) return false;
                Hs[i][j] = (fpp - fpm - fmp + fmm) / (4 * h * h);
            }
    }
    for (int i = 0; i < k; i++)
        for (int j = 0; j < i; j++) Hs[i][j] = Hs[j][i] = 0.5 * (Hs[i][j] + Hs[j][i]);
    return true;
}

static void optimize(const ltv__objective *obj, int k, const double *theta0, const double (*inv0)[4],
                     ltv__optim_result *res, bool want_hessian) {
    problem pb = {obj, k, ltv__objective_has_gradient(obj->model), 0};
    memset(res, 0, sizeof *res);
    memcpy(res->theta, theta0, (size_t)k * sizeof(double));
    int iters = 0;
    if (!pb.analytic && !inv0) nelder_mead(&pb, res->theta, 600); /* numeric gradients are dear: start closer */
    bool ok = bfgs(&pb, res->theta, &res->f, &iters, inv0);
    if (!ok) { /* restart from wherever Nelder-Mead leads */
        nelder_mead(&pb, res->theta, pb.evals + 3000);
        ok = bfgs(&pb, res->theta, &res->f, &iters, NULL);
    }
    res->converged = ok;
    res->iterations = iters + pb.evals;
    res->hessian_ok = ok && want_hessian && hessian(&pb, res->theta, res->hessian);
}

void ltv__optimize(const ltv__objective *obj, int k, const double *theta0, const double (*inv0)[4],
                   ltv__optim_result *res) {
    optimize(obj, k, theta0, inv0, res, true);
}
