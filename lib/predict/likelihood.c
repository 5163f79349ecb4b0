/* Log-likelihoods of the models on the compressed data, with analytic gradients where they
 * are cheap (BG/NBD, MBG/NBD, Gamma-Gamma). Everything that depends only on x (log-gammas,
 * digammas) is computed once per distinct x, everything that depends only on a time
 * (ln(alpha + t), 1/(alpha + t)) once per distinct time, so the per-customer work is one
 * exp and one log1p. Sums are taken per fixed block of items and the blocks added in order,
 * so the result does not depend on the number of threads. */
#include <math.h>
#include <string.h>

#include "predict_internal.h"

#define BLOCK 16384
#define MAX_TASKS 16

typedef struct eval_tables {
    int model, k;
    double P[4];
    const double *theta;
    bool grad;
    /* per distinct x */
    double *cx, *kx, *d0, *d1, *d2, *kb;
    /* per distinct time */
    double *lt, *inv;
    double *blocks; /* per block: f then k gradient entries (of LL, natural parameters) */
    size_t nblocks, nitems;
    const ltv_predict_data *data;
} eval_tables;

typedef struct eval_task {
    eval_tables *tab;
    int index, count;
} eval_task;

static void bg_block(const eval_tables *tb, size_t begin, size_t end, double *acc) {
    const ltv__tuple *tp = tb->data->tuples;
    const bool mbg = tb->model == LTV_MODEL_MBGNBD;
    const double r = tb->P[0], alpha = tb->P[1], a = tb->P[2], la = log(alpha);
    double ll = 0, gr = 0, gal = 0, ga = 0, gb = 0;
    for (size_t i = begin; i < end; i++) {
        const ltv__tuple *t = &tp[i];
        const uint32_t g = t->gx;
        const double w = t->w, x = tb->data->xs[g], rx = r + x, LT = tb->lt[t->iT];
        double term = tb->cx[g] + r * la - rx * LT, s = 0;
        if (x > 0 || mbg) {
            const double Lt = tb->lt[t->itx], v = tb->kx[g] + rx * (LT - Lt);
            const double e = exp(-fabs(v)); /* one exp for both ln(1 + e^v) and the logistic */
            /* log1p is several times dearer than log here; log(1 + e) loses nothing that matters
             * until e is tiny, where the series takes over */
            term += (v > 0 ? v : 0.0) + (e > 1e-4 ? log(1.0 + e) : e * (1.0 - e * (0.5 - e / 3.0)));
            if (tb->grad) {
                s = v > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                gr += w * (tb->d0[g] + la - (1 - s) * LT - s * Lt);
                gal += w * (r / alpha - rx * ((1 - s) * tb->inv[t->iT] + s * tb->inv[t->itx]));
            }
        } else if (tb->grad) {
            gr += w * (tb->d0[g] + la - LT);
            gal += w * (r / alpha - rx * tb->inv[t->iT]);
        }
        if (tb->grad) {
            ga += w * (tb->d1[g] + s / a);
            gb += w * (tb->d2[g] - s * tb->kb[g]);
        }
        ll += w * term;
    }
    acc[0] = ll, acc[1] = gr, acc[2] = gal, acc[3] = ga, acc[4] = gb;
}

static void pareto_block(const eval_tables *tb, size_t begin, size_t end, double *acc) {
    const ltv__tuple *tp = tb->data->tuples;
    const double r = tb->P[0], alpha = tb->P[1], s = tb->P[2], beta = tb->P[3];
    const double base = r * log(alpha) + s * log(beta);
    double ll = 0;
    for (size_t i = begin; i < end; i++) {
        double first, second;
        const ltv_predict_data *d = tb->data;
        if (!ltv__pareto_branches(tb->P, ltv__tuple_x(d, &tp[i]), ltv__tuple_tx(d, &tp[i]), ltv__tuple_T(d, &tp[i]),
                                  &first, &second)) {
            ll = NAN; /* a series that does not converge makes the whole sum not finite */
            break;
        }
        ll += tp[i].w * (tb->cx[tp[i].gx] + base + ltv__logaddexp(first, second));
    }
    acc[0] = ll;
    (void)s;
}

static void gg_block(const eval_tables *tb, size_t begin, size_t end, double *acc) {
    const ltv__spend *sp = tb->data->spend;
    const double p = tb->P[0], q = tb->P[1], gam = tb->P[2], lg = log(gam);
    double ll = 0, gp = 0, gq = 0, gg = 0;
    for (size_t i = begin; i < end; i++) {
        const ltv__spend *c = &sp[i];
        const double x = tb->data->xs[c->gx], px = p * x, den = gam + c->xm, lden = log(den);
        ll += tb->cx[c->gx] + q * lg + (px - 1.0) * c->lm - (px + q) * lden;
        if (tb->grad) {
            gp += tb->d0[c->gx] + x * (c->lm - lden);
            gq += tb->d1[c->gx] + lg - lden;
            gg += q / gam - (px + q) / den;
        }
    }
    acc[0] = ll, acc[1] = gp, acc[2] = gq, acc[3] = gg;
}

static int eval_run(void *arg) {
    eval_task *task = arg;
    eval_tables *tb = task->tab;
    for (size_t b = (size_t)task->index; b < tb->nblocks; b += (size_t)task->count) {
        const size_t begin = b * BLOCK, end = begin + BLOCK < tb->nitems ? begin + BLOCK : tb->nitems;
        double *acc = tb->blocks + b * 5;
        memset(acc, 0, 5 * sizeof(double));
        if (tb->model == LTV_MODEL_GAMMA_GAMMA) gg_block(tb, begin, end, acc);
        else if (tb->model == LTV_MODEL_PARETO_NBD) pareto_block(tb, begin, end, acc);
        else bg_block(tb, begin, end, acc);
    }
    return LTV_OK;
}

/* Per-x and per-time tables for the parameters P. */
static void fill_tables(eval_tables *tb) {
    const ltv_predict_data *d = tb->data;
    const double *P = tb->P;
    for (size_t g = 0; g < d->nxs; g++) {
        const double x = d->xs[g];
        switch (tb->model) {
        case LTV_MODEL_BGNBD:
        case LTV_MODEL_MBGNBD: {
            const double r = P[0], a = P[2], b = P[3], xb = tb->model == LTV_MODEL_MBGNBD ? x + 1.0 : x;
            tb->cx[g] = ltv__lgamma(r + x) - ltv__lgamma(r) + ltv__lgamma(b + xb) - ltv__lgamma(a + b + xb) -
                        ltv__lgamma(b) + ltv__lgamma(a + b);
            const double bd = b + xb - 1.0; /* the denominator of a/(b+x-1) (BG) or a/(b+x) (MBG) */
            tb->kx[g] = bd > 0 ? log(a) - log(bd) : 0.0;
            tb->kb[g] = bd > 0 ? 1.0 / bd : 0.0;
            if (tb->grad) {
                tb->d0[g] = ltv__digamma(r + x) - ltv__digamma(r);
                tb->d1[g] = ltv__digamma(a + b) - ltv__digamma(a + b + xb);
                tb->d2[g] = ltv__digamma(b + xb) - ltv__digamma(a + b + xb) - ltv__digamma(b) + ltv__digamma(a + b);
            }
            break;
        }
        case LTV_MODEL_PARETO_NBD: tb->cx[g] = ltv__lgamma(P[0] + x) - ltv__lgamma(P[0]); break;
        default: {
            const double p = P[0], q = P[1], px = p * x;
            if (x <= 0) break;
            tb->cx[g] = ltv__lgamma(px + q) - ltv__lgamma(px) - ltv__lgamma(q) + px * log(x);
            if (tb->grad) {
                tb->d0[g] = x * (ltv__digamma(px + q) - ltv__digamma(px) + log(x));
                tb->d1[g] = ltv__digamma(px + q) - ltv__digamma(q);
            }
        }
        }
    }
    if (tb->model == LTV_MODEL_BGNBD || tb->model == LTV_MODEL_MBGNBD)
        for (size_t i = 0; i < d->ntimes; i++) {
            tb->lt[i] = log(P[1] + d->times[i]);
            tb->inv[i] = 1.0 / (P[1] + d->times[i]);
        }
}

/* LL (and its gradient in natural parameters) at P; false if not finite or out of memory. */
static bool evaluate(const ltv_predict_data *d, int model, const double *P, double *ll, double *grad) {
    eval_tables tb;
    memset(&tb, 0, sizeof tb);
    tb.model = model;
    tb.k = model == LTV_MODEL_GAMMA_GAMMA ? 3 : 4;
    memcpy(tb.P, P, (size_t)tb.k * sizeof(double));
    tb.grad = grad != NULL;
    tb.data = d;
    tb.nitems = model == LTV_MODEL_GAMMA_GAMMA ? d->nspend : d->ntuples;
    tb.nblocks = (tb.nitems + BLOCK - 1) / BLOCK;
    const size_t nx = d->nxs + 1, nt = d->ntimes + 1;
    double *mem = ltv__malloc((6 * nx + 2 * nt + 5 * (tb.nblocks + 1)) * sizeof(double));
    if (!mem) return false;
    tb.cx = mem, tb.kx = mem + nx, tb.d0 = mem + 2 * nx, tb.d1 = mem + 3 * nx, tb.d2 = mem + 4 * nx,
    tb.kb = mem + 5 * nx;
    tb.lt = mem + 6 * nx, tb.inv = mem + 6 * nx + nt;
    tb.blocks = mem + 6 * nx + 2 * nt;
    fill_tables(&tb);
    eval_task tasks[MAX_TASKS];
    int count = ltv__thread_budget();
    if (count > MAX_TASKS) count = MAX_TASKS;
    if ((size_t)count > tb.nblocks) count = tb.nblocks ? (int)tb.nblocks : 1;
    if (model != LTV_MODEL_PARETO_NBD && tb.nitems < 4 * BLOCK) count = 1; /* threads cost more than they save */
    for (int i = 0; i < count; i++) tasks[i] = (eval_task){&tb, i, count};
    ltv__run_tasks(eval_run, tasks, sizeof tasks[0], count);
    double sum[5] = {0, 0, 0, 0, 0};
    for (size_t b = 0; b < tb.nblocks; b++)
        for (int j = 0; j < 5; j++) sum[j] += tb.blocks[b * 5 + (size_t)j];
    ltv__free(mem);
    *ll = sum[0];
    bool ok = isfinite(sum[0]);
    if (grad)
        for (int j = 0; j < tb.k; j++) {
            grad[j] = sum[1 + j];
            ok = ok && isfinite(grad[j]);
        }
    return ok;
}

bool ltv__objective_has_gradient(int model) { return model != LTV_MODEL_PARETO_NBD; }

bool ltv__objective_eval(const ltv__objective *obj, const double *theta, double *f, double *grad) {
    const int k = obj->model == LTV_MODEL_GAMMA_GAMMA ? 3 : 4;
    double P[4], g[4], ll;
    for (int i = 0; i < k; i++) {
        if (!(theta[i] > -30 && theta[i] < 30)) return false; /* the parameter left any sensible range */
        P[i] = exp(theta[i]);
    }
    if (!evaluate(obj->data, obj->model, P, &ll, grad ? g : NULL)) return false;
    *f = -ll / obj->weight;
    if (grad)
        for (int i = 0; i < k; i++) grad[i] = -g[i] * P[i] / obj->weight;
    return true;
}

bool ltv__log_likelihood(const ltv_predict_data *data, int model, const double *params, double *out) {
    return evaluate(data, model, params, out, NULL);
}
