/* Predictive CLV: the published CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie note
 * 025; BTYDplus for MBG/NBD), parameters recovered from data the models generate, the known
 * hard cases, the sufficient statistics by hand, and the probability identities. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "predict_internal.h"

#define CDNOW LTV_TEST_DATA_DIR "/cdnow_orders.csv"

static ltv_ledger *cdnow_ledger(void) {
    ltv_ledger *ledger = fx_ledger();
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv(ledger, CDNOW, NULL, &report), LTV_OK, "%s", ltv_last_error());
    ltv_load_report_free(report);
    return ledger;
}

static ltv_predict_data *cdnow_data(const ltv_ledger *ledger) {
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, fx_day("1997-09-30"), fx_day("1998-06-30")),
                 LTV_OK, "%s", ltv_last_error());
    return data;
}

static ltv_predict_fit_info fit_info(const ltv_predict_data *data, int model, ltv_predict_fit **keep) {
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_fit_new(&fit, data, model), LTV_OK, "%s", ltv_last_error());
    ltv_predict_fit_info info;
    cr_assert_eq(ltv_predict_fit_info_get(fit, &info, sizeof info), LTV_OK);
    if (keep) *keep = fit;
    else ltv_predict_fit_free(fit);
    return info;
}

static ltv_predict_fit *given(int model, double p0, double p1, double p2, double p3) {
    const double p[4] = {p0, p1, p2, p3};
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_fit_from_params(&fit, model, p, model == LTV_MODEL_GAMMA_GAMMA ? 3 : 4), LTV_OK, "%s",
                 ltv_last_error());
    return fit;
}

/* |v - published| within half a unit of the published number's last digit. */
#define cr_assert_printed(v, published, decimals)                                                                \
    cr_assert(fabs((v) - (published)) <= 0.5 * pow(10, -(decimals)) + 1e-12, "%s = %.6f, published %.*f", #v,  \
              (double)(v), (int)(decimals), (double)(published))

Test(predict, cdnow_statistics) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_data_info info;
    cr_assert_eq(ltv_predict_data_info_get(data, &info, sizeof info), LTV_OK);
    cr_assert_eq(info.customers, 2357);
    cr_assert_eq(info.repeaters, 946); /* note 025's sample */
    cr_assert_eq(info.repeat_transactions, 2457); /* FHL 2005: 2,457 calibration repeat transactions */
    cr_assert_eq(info.holdout_transactions, 1882);
    cr_assert_eq(info.holdout_length, 39.0);
    cr_assert_eq(info.first_day, fx_day("1997-01-01"));
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

Test(predict, cdnow_bgnbd_published) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit *fit = NULL;
    ltv_predict_fit_info f = fit_info(data, LTV_MODEL_BGNBD, &fit);
    cr_assert_printed(f.params[0], 0.243, 3);
    cr_assert_printed(f.params[1], 4.414, 3);
    cr_assert_printed(f.params[2], 0.793, 3);
    cr_assert_printed(f.params[3], 2.426, 3);
    cr_assert_printed(f.log_likelihood, -9582.4, 1);
    cr_assert_eq(f.std_errors_valid, 1);
    for (int i = 0; i < 4; i++) cr_assert(f.std_errors[i] > 0 && f.std_errors[i] < f.params[i]);
    cr_assert_printed(f.aic, 2 * 4 - 2 * f.log_likelihood, 9);
    double e;
    cr_assert_eq(ltv_predict_expected(fit, 2, 30.43, 38.86, 39, &e), LTV_OK);
    cr_assert_printed(e, 1.226, 3);
    ltv_predict_fit_free(fit);
    ltv_predict_fit *published = given(LTV_MODEL_BGNBD, 0.243, 4.414, 0.793, 2.426);
    cr_assert_eq(ltv_predict_expected(published, 2, 30.43, 38.86, 39, &e), LTV_OK);
    cr_assert_printed(e, 1.226, 3);
    double ll;
    cr_assert_eq(ltv_predict_log_likelihood(published, data, &ll), LTV_OK);
    cr_assert(fabs(ll + 9582.4) < 0.2, "LL at the published parameters %f", ll);
    ltv_predict_fit_free(published);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

Test(predict, cdnow_pareto_published) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit_info f = fit_info(data, LTV_MODEL_PARETO_NBD, NULL);
    cr_assert_printed(f.params[0], 0.553, 3);
    cr_assert_printed(f.params[1], 10.578, 3);
    cr_assert_printed(f.params[2], 0.606, 3);
    cr_assert_printed(f.params[3], 11.669, 3);
    cr_assert_printed(f.log_likelihood, -9595.0, 1);
    cr_assert_eq(f.std_errors_valid, 1);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

Test(predict, cdnow_mbgnbd_btydplus) {
    /* BTYDplus' mbgnbd.EstimateParameters on the same data: r 0.525, alpha 6.183, a 0.891, b 1.614 */
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit_info f = fit_info(data, LTV_MODEL_MBGNBD, NULL);
    cr_assert_printed(f.params[0], 0.525, 3);
    cr_assert_printed(f.params[1], 6.183, 3);
    cr_assert_printed(f.params[2], 0.891, 3);
    cr_assert_printed(f.params[3], 1.614, 3);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

Test(predict, cdnow_gamma_gamma_published) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_data_info info;
    ltv_predict_data_info_get(data, &info, sizeof info);
    cr_assert_eq(info.spend_customers, 946);
    ltv_predict_fit_info f = fit_info(data, LTV_MODEL_GAMMA_GAMMA, NULL);
    /* amounts are in cents: gamma scales with the money unit, the density by 1/100 per customer */
    cr_assert_printed(f.params[0], 6.25, 2);
    cr_assert_printed(f.params[1], 3.74, 2);
    cr_assert_printed(f.params[2] / 100.0, 15.44, 2);
    cr_assert_printed(f.log_likelihood + 946 * log(100.0), -4055.92, 2);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

/* ---- the statistics by hand ---- */

Test(predict, statistics_by_hand) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-01", 1000, 1);
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-01", 500, 1);  /* same day: merged, not a repeat */
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-15", 300, 1);  /* repeat 1 */
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-15", 100, 1);  /* same day: one occasion of 400 */
    fx_add(ledger, "a", LTV_EVENT_REFUND, "2026-01-20", 50, 0);  /* refunds are not orders */
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-01-29", 200, 1);  /* repeat 2 */
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-02-05", 700, 1);  /* holdout */
    fx_add(ledger, "a", LTV_EVENT_ORDER, "2026-02-05", 700, 1);  /* holdout, same day */
    fx_add(ledger, "b", LTV_EVENT_ORDER, "2026-01-29", 100, 1);  /* one order on the calibration end */
    fx_add(ledger, "c", LTV_EVENT_ORDER, "2026-02-02", 100, 1);  /* born after: left out */
    fx_add(ledger, "d", LTV_EVENT_VISIT, "2026-01-02", 0, 0);    /* no orders at all */
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, fx_day("2026-01-29"), fx_day("2026-02-28")),
                 LTV_OK, "%s", ltv_last_error());
    ltv_predict_data_info info;
    ltv_predict_data_info_get(data, &info, sizeof info);
    cr_assert_eq(info.customers, 2);
    cr_assert_eq(info.after_calibration, 1);
    cr_assert_eq(info.repeaters, 1);
    cr_assert_eq(info.tuples, 2);
    cr_assert_eq(info.holdout_transactions, 1);
    double x, tx, T, m, xs;
    int32_t first;
    cr_assert(ltv__customer_stats(data, (uint32_t)fx_index(ledger, "a"), &x, &tx, &T, &m, &xs, &first));
    cr_assert_eq(x, 2);
    cr_assert_eq(tx, 4.0);
    cr_assert_eq(T, 4.0);
    cr_assert_eq(m, 300.0); /* (400 + 200) / 2 */
    cr_assert_eq(xs, 1);
    cr_assert_eq(first, fx_day("2026-01-01"));
    cr_assert(ltv__customer_stats(data, (uint32_t)fx_index(ledger, "b"), &x, &tx, &T, &m, &xs, &first));
    cr_assert(x == 0 && tx == 0 && T == 0);
    cr_assert_not(ltv__customer_stats(data, (uint32_t)fx_index(ledger, "c"), &x, &tx, &T, &m, &xs, &first));
    ltv_predict_data_free(data);
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_DAY, fx_day("2025-12-31"), LTV_NO_DAY),
                 LTV_ENOTFOUND);
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, 7, fx_day("2026-01-29"), LTV_NO_DAY), LTV_EINVAL);
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_DAY, fx_day("2026-01-29"), fx_day("2026-01-29")),
                 LTV_ERANGE);
    ltv_ledger_free(ledger);
}

Test(predict, summary_rows_are_checked) {
    ltv_predict_data *data = NULL;
    const double x[2] = {1, 2.5}, tx[2] = {1, 2}, T[2] = {3, 3};
    cr_assert_eq(ltv_predict_data_from_summary(&data, 2, x, tx, T, NULL, NULL, 0), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "row 1") != NULL, "%s", ltv_last_error());
    const double x2[2] = {1, 0}, tx2[2] = {4, 0}, T2[2] = {3, 3};
    cr_assert_eq(ltv_predict_data_from_summary(&data, 2, x2, tx2, T2, NULL, NULL, 0), LTV_ERANGE);
    const double nan_T[1] = {NAN}, z[1] = {0};
    cr_assert_eq(ltv_predict_data_from_summary(&data, 1, z, z, nan_T, NULL, NULL, 0), LTV_ERANGE);
    cr_assert_eq(ltv_predict_data_from_summary(&data, 0, z, z, z, NULL, NULL, 0), LTV_EINVAL);
    cr_assert_null(data);
}

Test(predict, no_repeaters_cannot_be_identified) {
    const double x[3] = {0, 0, 0}, tx[3] = {0, 0, 0}, T[3] = {5, 6, 7};
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_summary(&data, 3, x, tx, T, NULL, NULL, 0), LTV_OK);
    for (int m = 0; m < 4; m++) {
        ltv_predict_fit *fit = NULL;
        cr_assert_eq(ltv_predict_fit_new(&fit, data, m), LTV_EVALIDATION, "model %d", m);
        cr_assert_null(fit);
        cr_assert(strlen(ltv_last_error()) > 20);
    }
    ltv_predict_data_free(data);
}

/* ---- hard cases stay finite ---- */

Test(predict, pareto_hard_cases_finite) {
    ltv_predict_fit *fit = given(LTV_MODEL_PARETO_NBD, 0.553, 10.578, 0.606, 11.669);
    const double x[4] = {221, 254, 161, 204}, tx[4] = {103.43, 97.14, 94.71, 98.57}, T[4] = {103.57, 97.29, 98.00, 99.43};
    for (int i = 0; i < 4; i++) {
        double pa, e, pmf[5];
        cr_assert_eq(ltv_predict_p_alive(fit, x[i], tx[i], T[i], &pa), LTV_OK);
        cr_assert(pa > 0.5 && pa <= 1.0, "P(alive) %g", pa);
        cr_assert_eq(ltv_predict_expected(fit, x[i], tx[i], T[i], 52, &e), LTV_OK);
        cr_assert(isfinite(e) && e > 10, "E %g", e);
        cr_assert_eq(ltv_predict_pmf(fit, x[i], tx[i], T[i], 1, pmf, 5), LTV_OK);
        for (int k = 0; k < 5; k++) cr_assert(isfinite(pmf[k]) && pmf[k] >= 0);
    }
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_summary(&data, 4, x, tx, T, NULL, NULL, 0), LTV_OK);
    double ll;
    cr_assert_eq(ltv_predict_log_likelihood(fit, data, &ll), LTV_OK, "%s", ltv_last_error());
    cr_assert(isfinite(ll) && ll < 0);
    ltv_predict_data_free(data);
    ltv_predict_fit_free(fit);
}

Test(predict, bgnbd_heavy_buyer_finite) {
    ltv_predict_fit *fit = given(LTV_MODEL_BGNBD, 0.243, 4.414, 0.793, 2.426);
    double pa, e, pmf[300];
    cr_assert_eq(ltv_predict_p_alive(fit, 200, 38, 40, &pa), LTV_OK);
    cr_assert(pa > 0 && pa < 1, "%g", pa);
    cr_assert_eq(ltv_predict_expected(fit, 200, 38, 40, 39, &e), LTV_OK);
    cr_assert(isfinite(e) && e > 0);
    /* alive, such a customer buys at about (r + x)/(alpha + T) per week, shortened by dropout */
    cr_assert(e / pa < 39 * (0.243 + 200) / (4.414 + 40) * 1.0001);
    cr_assert_eq(ltv_predict_pmf(fit, 200, 38, 40, 39, pmf, 300), LTV_OK);
    double sum = 0, mean = 0;
    for (int k = 0; k < 300; k++) sum += pmf[k], mean += k * pmf[k];
    cr_assert(fabs(sum - 1) < 1e-9, "sum %.12f", sum);
    cr_assert(fabs(mean - e) < 1e-6 * e, "mean %f vs E %f", mean, e);
    ltv_predict_fit_free(fit);
}

/* ---- identities ---- */

Test(predict, pmf_sums_to_one_and_matches_expectation) {
    ltv_predict_fit *fits[3] = {given(LTV_MODEL_BGNBD, 0.243, 4.414, 0.793, 2.426),
                                given(LTV_MODEL_PARETO_NBD, 0.553, 10.578, 0.606, 11.669),
                                given(LTV_MODEL_MBGNBD, 0.525, 6.183, 0.891, 1.614)};
    const double cases[4][3] = {{0, 0, 0}, {0, 0, 30}, {2, 30.43, 38.86}, {7, 35, 38}};
    for (int f = 0; f < 3; f++)
        for (int c = 0; c < 4; c++) {
            double pmf[400], e, sum = 0, mean = 0;
            cr_assert_eq(ltv_predict_pmf(fits[f], cases[c][0], cases[c][1], cases[c][2], 39, pmf, 400), LTV_OK);
            cr_assert_eq(ltv_predict_expected(fits[f], cases[c][0], cases[c][1], cases[c][2], 39, &e), LTV_OK);
            for (int k = 0; k < 400; k++) sum += pmf[k], mean += k * pmf[k];
            const double tol = f == 1 ? 1e-5 : 1e-9; /* Pareto/NBD's pmf is a quadrature */
            cr_assert(fabs(sum - 1) < tol, "model %d case %d: sum %.12f", f, c, sum);
            cr_assert(fabs(mean - e) < 1e-4 * (e + 1e-3), "model %d case %d: mean %f, E %f", f, c, mean, e);
        }
    /* population E[X(t)] is the expectation of a customer with no history */
    double pop, e0;
    cr_assert_eq(ltv_predict_population(fits[0], 52, &pop), LTV_OK);
    cr_assert_eq(ltv_predict_expected(fits[0], 0, 0, 0, 52, &e0), LTV_OK);
    cr_assert_eq(pop, e0);
    /* BG/NBD E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))] by the plain series */
    const double r = 0.243, al = 4.414, a = 0.793, b = 2.426, t = 52, z = t / (al + t);
    double term = 1, f2 = 1;
    for (int k = 0; k < 5000; k++) {
        term *= (r + k) * (b + k) / ((a + b - 1 + k) * (k + 1)) * z;
        f2 += term;
    }
    const double direct = (a + b - 1) / (a - 1) * (1 - pow(al / (al + t), r) * f2);
    cr_assert(fabs(pop - direct) < 1e-10, "%.12f vs %.12f", pop, direct);
    for (int f = 0; f < 3; f++) ltv_predict_fit_free(fits[f]);
}

Test(predict, discounting) {
    ltv_predict_fit *bg = given(LTV_MODEL_BGNBD, 0.243, 4.414, 0.793, 2.426);
    ltv_predict_fit *pn = given(LTV_MODEL_PARETO_NBD, 0.553, 10.578, 0.606, 11.669);
    double e, d;
    /* no discount: the discrete sum telescopes to E[Y(H)], the continuous integral too */
    cr_assert(ltv__expected(bg, 2, 30.43, 38.86, 52, &e));
    cr_assert(ltv__discounted(bg, 2, 30.43, 38.86, LTV_DISCOUNT_DISCRETE, 0, 4.345, 52, &d));
    cr_assert(fabs(d - e) < 1e-12);
    cr_assert(ltv__discounted(bg, 2, 30.43, 38.86, LTV_DISCOUNT_CONTINUOUS, 0, 0, 52, &d));
    cr_assert(fabs(d - e) < 1e-10, "%.12f vs %.12f", d, e);
    /* discrete, by hand: periods of 4.345 weeks at 1 % */
    double prev = 0, sum = 0;
    for (int k = 1; k <= 12; k++) {
        double ek;
        ltv__expected(bg, 2, 30.43, 38.86, fmin(k * 4.345, 52), &ek);
        sum += (ek - prev) / pow(1.01, k);
        prev = ek;
    }
    cr_assert(ltv__discounted(bg, 2, 30.43, 38.86, LTV_DISCOUNT_DISCRETE, 0.01, 4.345, 52, &d));
    cr_assert(fabs(d - sum) < 1e-12);
    /* Pareto/NBD DERT (unbounded, continuous) against a plain midpoint integral of the
     * discounted purchase rate P(alive) (r+x)/(alpha+T) ((beta+T)/(beta+T+t))^s */
    const double delta = log(1.15) / 52, pa = ltv__p_alive(pn, 2, 30.43, 38.86);
    double mid = 0;
    const double h = 0.01;
    for (double t = h / 2; t < 60 / delta; t += h)
        mid += h * exp(-delta * t) * pa * (0.553 + 2) / (10.578 + 38.86) * pow((11.669 + 38.86) / (11.669 + 38.86 + t), 0.606);
    cr_assert(ltv__discounted(pn, 2, 30.43, 38.86, LTV_DISCOUNT_CONTINUOUS, delta, 0, 0, &d));
    cr_assert(fabs(d - mid) < 1e-6 * mid, "DERT %.9f vs %.9f", d, mid);
    /* BG/NBD continuous over a horizon against the discrete sum with tiny periods */
    double fine = 0;
    prev = 0;
    for (int k = 1; k <= 52000; k++) {
        double ek;
        ltv__expected(bg, 2, 30.43, 38.86, k * 0.001, &ek);
        fine += (ek - prev) * exp(-delta * (k - 0.5) * 0.001);
        prev = ek;
    }
    cr_assert(ltv__discounted(bg, 2, 30.43, 38.86, LTV_DISCOUNT_CONTINUOUS, delta, 0, 52, &d));
    cr_assert(fabs(d - fine) < 1e-7 * fine, "%.10f vs %.10f", d, fine);
    ltv_predict_fit_free(bg);
    ltv_predict_fit_free(pn);
}

Test(predict, gamma_gamma_expectation) {
    ltv_predict_fit *gg = given(LTV_MODEL_GAMMA_GAMMA, 6.25, 3.74, 15.44, 0);
    double v;
    cr_assert_eq(ltv_predict_spend(gg, 0, 0, &v), LTV_OK);
    cr_assert(fabs(v - 6.25 * 15.44 / 2.74) < 1e-12);
    cr_assert_eq(ltv_predict_spend(gg, 2, 30, &v), LTV_OK);
    /* a weighted mean of the population mean and the customer's own mean */
    const double w = 6.25 * 2 / (6.25 * 2 + 3.74 - 1);
    cr_assert(fabs(v - ((1 - w) * 6.25 * 15.44 / 2.74 + w * 30)) < 1e-12);
    ltv_predict_fit *bad = given(LTV_MODEL_GAMMA_GAMMA, 6.25, 0.9, 15.44, 0);
    cr_assert_eq(ltv_predict_spend(bad, 2, 30, &v), LTV_EVALIDATION);
    ltv_predict_fit_free(bad);
    ltv_predict_fit_free(gg);
}

/* ---- recovering known parameters from simulated customers ---- */

static uint64_t rng_state;
static double uniform(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void) { return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform()); }
/* Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape < 1. */
static double gamma1(double shape) {
    if (shape < 1) return gamma1(shape + 1) * pow(uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = normal(), v = 1 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        if (log(uniform()) < 0.5 * x * x + d - d * v + d * log(v)) return d * v;
    }
}

/* n customers of a model with true parameters; T uniform on [20, 80]. */
static ltv_predict_data *simulate(int model, const double *P, size_t n, const double *gg) {
    double *x = malloc(n * sizeof *x), *tx = malloc(n * sizeof *tx), *T = malloc(n * sizeof *T), *m = malloc(n * sizeof *m);
    for (size_t i = 0; i < n; i++) {
        const double Ti = 20 + 60 * uniform(), lambda = gamma1(P[0]) / P[1];
        double t = 0, last = 0;
        int k = 0;
        if (model == LTV_MODEL_PARETO_NBD) {
            const double death = -log(uniform()) / (gamma1(P[2]) / P[3]);
            for (;;) {
                t += -log(uniform()) / lambda;
                if (t > Ti || t > death) break;
                k++, last = t;
            }
        } else {
            const double g1 = gamma1(P[2]), p = g1 / (g1 + gamma1(P[3]));
            bool alive = model != LTV_MODEL_MBGNBD || uniform() >= p;
            while (alive) {
                t += -log(uniform()) / lambda;
                if (t > Ti) break;
                k++, last = t;
                alive = uniform() >= p;
            }
        }
        x[i] = k, tx[i] = last, T[i] = Ti, m[i] = 0;
        if (gg && k > 0) {
            const double nu = gamma1(gg[1]) / gg[2];
            double s = 0;
            for (int j = 0; j < k; j++) s += gamma1(gg[0]) / nu;
            m[i] = s / k;
        }
    }
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_summary(&data, n, x, tx, T, m, NULL, 0), LTV_OK, "%s", ltv_last_error());
    free(x), free(tx), free(T), free(m);
    return data;
}

static void recover(int model, const double *P, size_t n, const double *gg) {
    rng_state = 12345u + (uint64_t)model;
    ltv_predict_data *data = simulate(model, P, n, gg);
    ltv_predict_fit_info f = fit_info(data, model, NULL);
    /* the likelihood ratio against the truth is a chi-square with 4 degrees of freedom */
    ltv_predict_fit *truth = given(model, P[0], P[1], P[2], P[3]);
    double ll_true;
    cr_assert_eq(ltv_predict_log_likelihood(truth, data, &ll_true), LTV_OK);
    ltv_predict_fit_free(truth);
    cr_assert(f.log_likelihood >= ll_true - 1e-6, "the fit %f is below the truth %f", f.log_likelihood, ll_true);
    cr_assert(2 * (f.log_likelihood - ll_true) < 18.47, "LR %f above the 0.999 quantile", 2 * (f.log_likelihood - ll_true));
    cr_assert_eq(f.std_errors_valid, 1);
    for (int i = 0; i < 4; i++)
        cr_assert(fabs(f.params[i] - P[i]) < 6 * f.std_errors[i], "model %d %s: %f vs true %f (se %f)", model,
                  ltv_predict_param_name(model, i), f.params[i], P[i], f.std_errors[i]);
    if (gg) {
        ltv_predict_fit_info s = fit_info(data, LTV_MODEL_GAMMA_GAMMA, NULL);
        for (int i = 0; i < 3; i++)
            cr_assert(fabs(s.params[i] - gg[i]) < 4 * s.std_errors[i], "gammagamma %s: %f vs true %f (se %f)",
                      ltv_predict_param_name(LTV_MODEL_GAMMA_GAMMA, i), s.params[i], gg[i], s.std_errors[i]);
    }
    ltv_predict_data_free(data);
}

Test(predict, recovers_bgnbd) {
    const double P[4] = {0.5, 8.0, 0.8, 2.5}, gg[3] = {6.0, 4.0, 15.0};
    recover(LTV_MODEL_BGNBD, P, 20000, gg);
}
Test(predict, recovers_pareto) {
    const double P[4] = {0.6, 10.0, 0.7, 12.0};
    recover(LTV_MODEL_PARETO_NBD, P, 3000, NULL);
}
Test(predict, recovers_mbgnbd) {
    const double P[4] = {0.5, 6.0, 0.9, 1.6};
    recover(LTV_MODEL_MBGNBD, P, 20000, NULL);
}

/* ---- per-customer predictions and diagnostics ---- */

Test(predict, run_and_diagnostics) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit *bg = NULL, *gg = NULL;
    fit_info(data, LTV_MODEL_BGNBD, &bg);
    fit_info(data, LTV_MODEL_GAMMA_GAMMA, &gg);
    ltv_predict_options *opts = NULL;
    cr_assert_eq(ltv_predict_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_predict_options_set(opts, LTV_PREDICT_HORIZON, 39), LTV_OK);
    cr_assert_eq(ltv_predict_options_set(opts, LTV_PREDICT_DISCOUNT_RATE, -1), LTV_ERANGE);
    ltv_prediction *pred = NULL;
    cr_assert_eq(ltv_predict_run(&pred, bg, gg, data, opts), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_prediction_count(pred), ltv_ledger_customer_count(ledger));
    const void *cols[LTV_PRED_COLUMN_COUNT];
    size_t len;
    for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++) cr_assert_eq(ltv_prediction_column(pred, c, &cols[c], &len), LTV_OK);
    const double *pa = cols[LTV_PRED_P_ALIVE], *ex = cols[LTV_PRED_EXPECTED], *hold = cols[LTV_PRED_HOLDOUT_EXPECTED];
    const double *actual = cols[LTV_PRED_HOLDOUT_X], *clv = cols[LTV_PRED_CLV], *none = cols[LTV_PRED_P_NONE];
    const int32_t *next = cols[LTV_PRED_NEXT_ORDER_DAY];
    double sum_e = 0, sum_a = 0;
    for (size_t i = 0; i < len; i++) {
        cr_assert(pa[i] >= 0 && pa[i] <= 1 && isfinite(clv[i]) && clv[i] >= 0 && none[i] >= 0 && none[i] <= 1);
        cr_assert_eq(ex[i], hold[i]); /* the horizon is the holdout's 39 weeks */
        cr_assert(next[i] > fx_day("1997-09-30"));
        sum_e += hold[i], sum_a += actual[i];
    }
    cr_assert_eq(sum_a, 1882);
    /* BG/NBD under-predicts this holdout a little (FHL 2005, figure 4): 1,653 expected of 1,882 */
    cr_assert(fabs(sum_e - 1653.4) < 0.5 && sum_a - sum_e < 0.15 * sum_a, "expected %f vs actual %f", sum_e, sum_a);
    /* a row agrees with the one-customer functions */
    const uint64_t c1 = fx_index(ledger, "1");
    const double *X = cols[LTV_PRED_X], *TX = cols[LTV_PRED_T_X], *TT = cols[LTV_PRED_T];
    double e1;
    ltv_predict_expected(bg, X[c1], TX[c1], TT[c1], 39, &e1);
    cr_assert_eq(ex[c1], e1);
    double p0;
    cr_assert_eq(ltv_predict_pmf(bg, X[c1], TX[c1], TT[c1], 39, &p0, 1), LTV_OK);
    cr_assert(fabs(none[c1] - p0) < 1e-12, "P(none) %.15f vs pmf %.15f", none[c1], p0);
    /* next order day: the median wait (alpha + T)(2^(1/(r+x)) - 1) in weeks after the calibration end */
    ltv_predict_fit_info bi;
    ltv_predict_fit_info_get(bg, &bi, sizeof bi);
    const double wait = (bi.params[1] + TT[c1]) * (pow(2, 1 / (bi.params[0] + X[c1])) - 1) * 7;
    cr_assert_eq(next[c1], fx_day("1997-09-30") + (int32_t)ceil(wait));
    ltv_prediction_free(pred);

    char *text = NULL;
    size_t text_len = 0;
    cr_assert_eq(ltv_predict_diagnostics(bg, data, LTV_DIAG_FREQUENCY_BINS, 8, LTV_PREDICT_CSV, &text, &text_len),
                 LTV_OK);
    cr_assert(strncmp(text, "x,customers,actual_mean,expected_mean,actual,expected\n0,1411,", 60) == 0, "%s", text);
    ltv_free(text);
    cr_assert_eq(ltv_predict_diagnostics(bg, data, LTV_DIAG_TRACKING, 0, LTV_PREDICT_CSV, &text, &text_len), LTV_OK);
    /* 78 weeks from 1997-01-01 to 1998-06-30; the last row holds every repeat occasion */
    int lines = 0;
    for (size_t i = 0; i < text_len; i++) lines += text[i] == '\n';
    cr_assert_eq(lines, 79, "%d lines", lines);
    const char *last = text + text_len - 2;
    while (last > text && *last != '\n') last--;
    cr_assert(strncmp(last + 1, "1998-06-30,78,", 14) == 0, "%s", last + 1);
    double cols7[6];
    cr_assert_eq(sscanf(strchr(last + 1, ',') + 1, "%lf,%lf,%lf,%lf,%lf,%lf", &cols7[0], &cols7[1], &cols7[2], &cols7[3],
                        &cols7[4], &cols7[5]),
                 6);
    cr_assert_eq(cols7[3], 2457 + 1882);
    cr_assert(fabs(cols7[4] - cols7[3]) < 0.05 * cols7[3], "cumulative expected %f vs actual %f", cols7[4], cols7[3]);
    ltv_free(text);
    cr_assert_eq(ltv_predict_diagnostics(bg, data, LTV_DIAG_TRACKING, 0, LTV_PREDICT_JSON, &text, NULL), LTV_OK);
    cr_assert(strncmp(text, "[\n  {\"period_end\": \"1997-01-07\", \"period\": 1,", 45) == 0, "%s", text);
    ltv_free(text);
    ltv_predict_options_free(opts);
    ltv_predict_fit_free(bg);
    ltv_predict_fit_free(gg);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

/* The whole-base run shares the parts of the formulas that depend on (x, T) only across
 * triples and customers: every row must still be, bit for bit, what the one-customer
 * functions give, and the ledger's path (values per distinct triple) the same as a summary
 * table's (a cache of recent triples) — for each purchase model. */
static void run_rows_check(const ltv_ledger *ledger, int with_holdout);

Test(predict, run_rows_equal_one_customer_calls) {
    ltv_ledger *ledger = cdnow_ledger();
    for (int with_holdout = 0; with_holdout < 2; with_holdout++) /* without one, most rows skip their events */
        run_rows_check(ledger, with_holdout);
    ltv_ledger_free(ledger);
}

static void run_rows_check(const ltv_ledger *ledger, int with_holdout) {
    ltv_predict_data *data = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, fx_day("1997-09-30"),
                                              with_holdout ? fx_day("1998-06-30") : LTV_NO_DAY),
                 LTV_OK, "%s", ltv_last_error());
    ltv_predict_fit *gg = NULL;
    fit_info(data, LTV_MODEL_GAMMA_GAMMA, &gg);
    const int models[3] = {LTV_MODEL_BGNBD, LTV_MODEL_MBGNBD, LTV_MODEL_PARETO_NBD};
    for (int k = 0; k < 3; k++) {
        ltv_predict_fit *fit = NULL;
        fit_info(data, models[k], &fit);
        ltv_prediction *pred = NULL, *again = NULL;
        cr_assert_eq(ltv_predict_run(&pred, fit, gg, data, NULL), LTV_OK, "%s", ltv_last_error());
        const void *cols[LTV_PRED_COLUMN_COUNT];
        size_t n;
        for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++) cr_assert_eq(ltv_prediction_column(pred, c, &cols[c], &n), LTV_OK);
        const double *X = cols[LTV_PRED_X], *TX = cols[LTV_PRED_T_X], *TT = cols[LTV_PRED_T], *M = cols[LTV_PRED_MEAN_SPEND];
        const double *HX = cols[LTV_PRED_HOLDOUT_X];
        const uint8_t *in = cols[LTV_PRED_IN_CALIBRATION];
        for (size_t i = 0; i < n; i++) {
            cr_assert(in[i]);
            double pa, e, h, sp;
            cr_assert_eq(ltv_predict_p_alive(fit, X[i], TX[i], TT[i], &pa), LTV_OK);
            cr_assert_eq(ltv_predict_expected(fit, X[i], TX[i], TT[i], 52, &e), LTV_OK);
            cr_assert_eq(ltv_predict_expected(fit, X[i], TX[i], TT[i], 39, &h), LTV_OK);
            cr_assert_eq(ltv_predict_spend(gg, X[i], M[i], &sp), LTV_OK);
            cr_assert_eq(((const double *)cols[LTV_PRED_P_ALIVE])[i], pa, "model %d row %zu", models[k], i);
            cr_assert_eq(((const double *)cols[LTV_PRED_EXPECTED])[i], e, "model %d row %zu", models[k], i);
            cr_assert_eq(((const double *)cols[LTV_PRED_HOLDOUT_EXPECTED])[i], with_holdout ? h : 0, "model %d row %zu", models[k], i);
            cr_assert_eq(((const double *)cols[LTV_PRED_EXPECTED_SPEND])[i], sp, "model %d row %zu", models[k], i);
        }
        ltv_predict_data *summary = NULL;
        cr_assert_eq(ltv_predict_data_from_summary(&summary, n, X, TX, TT, M, with_holdout ? HX : NULL, 39), LTV_OK,
                     "%s", ltv_last_error());
        cr_assert_eq(ltv_predict_run(&again, fit, gg, summary, NULL), LTV_OK, "%s", ltv_last_error());
        for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++) {
            const void *col;
            size_t len;
            cr_assert_eq(ltv_prediction_column(again, c, &col, &len), LTV_OK);
            cr_assert_eq(len, n);
            if (c == LTV_PRED_NEXT_ORDER_DAY) continue; /* a summary has no days */
            const size_t width = c == LTV_PRED_IN_CALIBRATION ? 1 : sizeof(double);
            cr_assert(memcmp(col, cols[c], n * width) == 0, "model %d column %d", models[k], c);
        }
        ltv_prediction_free(again);
        ltv_predict_data_free(summary);
        ltv_prediction_free(pred);
        ltv_predict_fit_free(fit);
    }
    ltv_predict_fit_free(gg);
    ltv_predict_data_free(data);
}

/* The diagnostics as numbers are the text tables' numbers (the text prints them to 10 digits). */
Test(predict, diagnostics_values) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit *bg = NULL;
    fit_info(data, LTV_MODEL_BGNBD, &bg);
    double *v = NULL;
    size_t rows = 0, cols = 0;
    cr_assert_eq(ltv_predict_diagnostics_values(bg, data, LTV_DIAG_FREQUENCY_BINS, 8, &v, &rows, &cols), LTV_OK);
    cr_assert_eq(rows, 8);
    cr_assert_eq(cols, 6);
    double customers = 0, actual = 0, expected = 0;
    for (size_t r = 0; r < rows; r++) {
        cr_assert_eq(v[r * cols], (double)r);
        customers += v[r * cols + 1], actual += v[r * cols + 4], expected += v[r * cols + 5];
        cr_assert(fabs(v[r * cols + 2] * v[r * cols + 1] - v[r * cols + 4]) < 1e-9);
    }
    cr_assert_eq(customers, 2357);
    cr_assert_eq(actual, 1882);
    cr_assert(fabs(expected - 1653.4) < 0.5, "%f", expected); /* as ltv_predict_run's holdout column sums */
    cr_assert_eq(v[1], 1411);
    cr_assert_eq(v[4], 334);
    char *text = NULL;
    cr_assert_eq(ltv_predict_diagnostics(bg, data, LTV_DIAG_FREQUENCY_BINS, 8, LTV_PREDICT_CSV, &text, NULL), LTV_OK);
    char line[128];
    snprintf(line, sizeof line, "\n7+,%.10g,%.10g,%.10g,%.10g,%.10g\n", v[43], v[44], v[45], v[46], v[47]);
    cr_assert(strstr(text, line), "%s not in %s", line, text);
    ltv_free(text);
    ltv_free(v);
    cr_assert_eq(ltv_predict_diagnostics_values(bg, data, LTV_DIAG_TRACKING, 0, &v, &rows, &cols), LTV_OK);
    cr_assert_eq(rows, 78);
    cr_assert_eq(cols, 7);
    cr_assert_eq(v[0], fx_day("1997-01-07"));
    cr_assert_eq(v[77 * 7], fx_day("1998-06-30"));
    cr_assert_eq(v[77 * 7 + 4], 2457 + 1882);
    double sum_actual = 0, sum_expected = 0;
    for (size_t r = 0; r < rows; r++) sum_actual += v[r * 7 + 2], sum_expected += v[r * 7 + 3];
    cr_assert_eq(sum_actual, v[77 * 7 + 4]);
    cr_assert(fabs(sum_expected - v[77 * 7 + 5]) < 1e-6);
    double pop;
    cr_assert_eq(ltv_predict_population(bg, 78, &pop), LTV_OK);
    cr_assert(fabs(v[77 * 7 + 6] - pop) < 1e-12, "E[X(78)] %f vs %f", v[77 * 7 + 6], pop);
    ltv_free(v);
    cr_assert_eq(ltv_predict_diagnostics_values(bg, data, LTV_DIAG_TRACKING, 0, NULL, &rows, &cols), LTV_EINVAL);
    cr_assert_eq(ltv_predict_diagnostics_values(bg, data, 7, 0, &v, &rows, &cols), LTV_EINVAL);
    cr_assert_null(v);
    ltv_predict_fit_free(bg);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}

Test(predict, threads_do_not_change_results) {
    /* 120,000 BG/NBD customers in a ledger (days), enough for the pass to split */
    ltv_ledger *ledger = fx_ledger();
    rng_state = 99;
    for (int i = 0; i < 120000; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%d", i);
        const double g1 = gamma1(0.8), p = g1 / (g1 + gamma1(2.5)), lambda = gamma1(0.5) / 20.0;
        double t = 300 * uniform();
        cr_assert_eq(ltv_ledger_add_order(ledger, id, strlen(id), (int32_t)t, 1000 + (int64_t)(5000 * uniform()), 1),
                     LTV_OK);
        for (;;) {
            t += -log(uniform()) / lambda;
            if (t >= 600) break;
            cr_assert_eq(ltv_ledger_add_order(ledger, id, strlen(id), (int32_t)t, 1000 + (int64_t)(5000 * uniform()), 1),
                         LTV_OK);
            if (uniform() < p) break;
        }
    }
    const int32_t first = 0, last = 599;
    ltv_predict_fit_info infos[2];
    for (int threads = 1; threads <= 2; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        ltv_predict_data *data = NULL;
        cr_assert_eq(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_DAY, first + (last - first) / 2, last), LTV_OK,
                     "%s", ltv_last_error());
        infos[threads - 1] = fit_info(data, LTV_MODEL_BGNBD, NULL);
        ltv_predict_data_free(data);
    }
    ltv_set_threads(2);
    for (int i = 0; i < 4; i++)
        cr_assert(infos[0].params[i] == infos[1].params[i] && infos[0].std_errors[i] == infos[1].std_errors[i],
                  "%d: %.17g %.17g / %.17g %.17g", i, infos[0].params[i], infos[1].params[i], infos[0].std_errors[i],
                  infos[1].std_errors[i]);
    cr_assert(memcmp(&infos[0], &infos[1], sizeof infos[0]) == 0);
    ltv_ledger_free(ledger);
}

/* LTV_PREDICT_COLUMNS: the columns kept are bit for bit those of a full run, the others are
 * refused, and a mask that is not a set of column bits is refused. */
Test(predict, selected_columns_equal_the_full_run) {
    ltv_ledger *ledger = cdnow_ledger();
    ltv_predict_data *data = cdnow_data(ledger);
    ltv_predict_fit *bg = NULL, *gg = NULL;
    fit_info(data, LTV_MODEL_BGNBD, &bg);
    fit_info(data, LTV_MODEL_GAMMA_GAMMA, &gg);
    ltv_predict_options *opts = NULL;
    cr_assert_eq(ltv_predict_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_predict_options_set(opts, LTV_PREDICT_HORIZON, 39), LTV_OK);
    ltv_prediction *full = NULL;
    cr_assert_eq(ltv_predict_run(&full, bg, gg, data, opts), LTV_OK, "%s", ltv_last_error());
    const double bad[] = {0, 1 << LTV_PRED_COLUMN_COUNT, 1.5, -1, NAN};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(ltv_predict_options_set(opts, LTV_PREDICT_COLUMNS, bad[i]), LTV_ERANGE, "%g", bad[i]);
    const unsigned masks[] = {1u << LTV_PRED_P_ALIVE, 1u << LTV_PRED_P_ALIVE | 1u << LTV_PRED_CLV,
                              1u << LTV_PRED_NEXT_ORDER_DAY | 1u << LTV_PRED_HOLDOUT_EXPECTED | 1u << LTV_PRED_X,
                              (1u << LTV_PRED_COLUMN_COUNT) - 1u};
    for (size_t k = 0; k < sizeof masks / sizeof masks[0]; k++) {
        cr_assert_eq(ltv_predict_options_set(opts, LTV_PREDICT_COLUMNS, masks[k]), LTV_OK);
        ltv_prediction *some = NULL;
        cr_assert_eq(ltv_predict_run(&some, bg, gg, data, opts), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_prediction_count(some), ltv_prediction_count(full));
        for (int c = 0; c < LTV_PRED_COLUMN_COUNT; c++) {
            const void *a, *b;
            size_t alen, blen;
            cr_assert_eq(ltv_prediction_column(full, c, &a, &alen), LTV_OK);
            const int status = ltv_prediction_column(some, c, &b, &blen);
            if (c != LTV_PRED_IN_CALIBRATION && !(masks[k] & 1u << c)) {
                cr_assert_eq(status, LTV_ESTATE, "mask %x column %d", masks[k], c);
                cr_assert_not_null(strstr(ltv_last_error(), "LTV_PREDICT_COLUMNS"), "%s", ltv_last_error());
                continue;
            }
            cr_assert_eq(status, LTV_OK, "mask %x column %d: %s", masks[k], c, ltv_last_error());
            const size_t width = c == LTV_PRED_IN_CALIBRATION ? 1 : c == LTV_PRED_NEXT_ORDER_DAY ? 4 : 8;
            cr_assert_eq(blen, alen);
            cr_assert(memcmp(a, b, alen * width) == 0, "mask %x column %d differs", masks[k], c);
        }
        ltv_prediction_free(some);
    }
    ltv_prediction_free(full);
    ltv_predict_options_free(opts);
    ltv_predict_fit_free(bg);
    ltv_predict_fit_free(gg);
    ltv_predict_data_free(data);
    ltv_ledger_free(ledger);
}
