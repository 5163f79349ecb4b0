/* Diagnostics as data: calibration frequency vs holdout (actual and expected), and the
 * tracking of repeat occasions per time unit with the population's E[X(t)]. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "predict_internal.h"
#include "textbuf.h"

typedef struct table {
    ltv__textbuf tb;
    int format;
    const char *const *names;
    int ncols;
    size_t rows;
} table;

static void table_begin(table *t, int format, const char *const *names, int ncols) {
    t->format = format, t->names = names, t->ncols = ncols, t->rows = 0;
    if (format == LTV_PREDICT_CSV) {
        for (int c = 0; c < ncols; c++) ltv__tb_printf(&t->tb, "%s%s", c ? "," : "", names[c]);
        ltv__tb_puts(&t->tb, "\n");
    } else {
        ltv__tb_puts(&t->tb, "[");
    }
}

/* One row: the first column is text, the others numbers. */
static void table_row(table *t, const char *label, const double *values) {
    if (t->format == LTV_PREDICT_CSV) {
        ltv__tb_csv_field(&t->tb, label, strlen(label));
        for (int c = 1; c < t->ncols; c++) ltv__tb_printf(&t->tb, ",%.10g", values[c - 1]);
        ltv__tb_puts(&t->tb, "\n");
    } else {
        ltv__tb_printf(&t->tb, "%s\n  {\"%s\": ", t->rows ? "," : "", t->names[0]);
        ltv__tb_json_string(&t->tb, label, strlen(label));
        for (int c = 1; c < t->ncols; c++) ltv__tb_printf(&t->tb, ", \"%s\": %.10g", t->names[c], values[c - 1]);
        ltv__tb_puts(&t->tb, "}");
    }
    t->rows++;
}

static int table_end(table *t, char **out_text, size_t *out_len) {
    if (t->format == LTV_PREDICT_JSON) ltv__tb_puts(&t->tb, "\n]\n");
    return ltv__tb_finish(&t->tb, "ltv_predict_diagnostics", out_text, out_len);
}

/* The numbers of a table, row-major, as ltv_predict_diagnostics_values hands them out. */
typedef struct values {
    double *v;
    size_t rows, cols;
} values;

static int frequency_bins(const ltv_predict_fit *fit, const ltv_predict_data *d, int bins, values *out) {
    double *sums = ltv__calloc((size_t)bins * 3, sizeof(double));
    out->rows = (size_t)bins, out->cols = 6;
    out->v = ltv__malloc((size_t)bins * 6 * sizeof(double));
    if (!sums || !out->v) {
        ltv__free(sums);
        return ltv__fail(LTV_ENOMEM, "ltv_predict_diagnostics: out of memory");
    }
    for (size_t i = 0; i < d->ntuples; i++) {
        const ltv__tuple *tp = &d->tuples[i];
        const double x = ltv__tuple_x(d, tp);
        double e;
        if (!ltv__expected(fit, x, ltv__tuple_tx(d, tp), ltv__tuple_T(d, tp), d->holdout_length, &e)) {
            ltv__free(sums);
            return ltv__fail(LTV_EVALIDATION, "ltv_predict_diagnostics: the series did not converge at x = %g", x);
        }
        const size_t b = x >= bins - 1 ? (size_t)bins - 1 : (size_t)x;
        sums[3 * b] += tp->w, sums[3 * b + 1] += tp->xstar, sums[3 * b + 2] += tp->w * e;
    }
    for (int b = 0; b < bins; b++) {
        const double *s = &sums[3 * b], w = s[0] > 0 ? s[0] : 1.0;
        const double row[6] = {(double)b, s[0], s[1] / w, s[2] / w, s[1], s[2]};
        memcpy(out->v + 6 * (size_t)b, row, sizeof row);
    }
    ltv__free(sums);
    return LTV_OK;
}

static int tracking(const ltv_predict_fit *fit, const ltv_predict_data *d, values *out) {
    const double u = d->unit_days;
    const size_t periods = (size_t)ceil((double)d->track_days / u - 1e-9);
    out->rows = periods, out->cols = 7;
    out->v = ltv__malloc((periods + 1) * 7 * sizeof(double));
    if (!out->v) return ltv__fail(LTV_ENOMEM, "ltv_predict_diagnostics: out of memory");
    double prev_e = 0, cum_a = 0;
    size_t day = 0; /* next day offset whose repeats are not yet counted */
    for (size_t k = 1; k <= periods; k++) {
        double end = (double)k * u; /* in days from the first day */
        if (end > (double)d->track_days) end = (double)d->track_days;
        double actual = 0, expected = 0, pop;
        for (; (double)day < end; day++) actual += (double)d->repeats[day];
        for (size_t b = 0; (double)b < end; b++) {
            if (!d->births[b]) continue;
            double e;
            if (!ltv__expected(fit, 0, 0, 0, (end - (double)b) / u, &e))
                return ltv__fail(LTV_EVALIDATION, "ltv_predict_diagnostics: the series did not converge");
            expected += (double)d->births[b] * e;
        }
        if (!ltv__expected(fit, 0, 0, 0, end / u, &pop))
            return ltv__fail(LTV_EVALIDATION, "ltv_predict_diagnostics: the series did not converge");
        cum_a += actual;
        const double row[7] = {(double)d->info.first_day + ceil(end) - 1, (double)k, actual, expected - prev_e, cum_a,
                               expected, pop};
        memcpy(out->v + 7 * (k - 1), row, sizeof row);
        prev_e = expected;
    }
    return LTV_OK;
}

static int compute(const char *func, const ltv_predict_fit *fit, const ltv_predict_data *data, int diagnostic,
                   int bins, values *out) {
    *out = (values){NULL, 0, 0};
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(data, func);
    if (fit->model == LTV_MODEL_GAMMA_GAMMA) return ltv__fail(LTV_EINVAL, "%s: needs a transaction model", func);
    int status;
    if (diagnostic == LTV_DIAG_FREQUENCY_BINS) {
        if (bins < 2 || bins > 1000) return ltv__fail(LTV_ERANGE, "%s: bins %d is outside 2..1000", func, bins);
        if (!(data->holdout_length > 0)) return ltv__fail(LTV_ESTATE, "%s: the data have no holdout period", func);
        status = frequency_bins(fit, data, bins, out);
    } else if (diagnostic == LTV_DIAG_TRACKING) {
        if (!data->ledger) return ltv__fail(LTV_ESTATE, "%s: tracking needs data from a ledger", func);
        status = tracking(fit, data, out);
    } else {
        return ltv__fail(LTV_EINVAL, "%s: unknown diagnostic %d", func, diagnostic);
    }
    if (status != LTV_OK) {
        ltv__free(out->v);
        *out = (values){NULL, 0, 0};
    }
    return status;
}

int ltv_predict_diagnostics_values(const ltv_predict_fit *fit, const ltv_predict_data *data, int diagnostic, int bins,
                                   double **out_values, size_t *out_rows, size_t *out_cols) {
    static const char func[] = "ltv_predict_diagnostics_values";
    LTV_REQUIRE(out_values, func);
    LTV_REQUIRE(out_rows, func);
    LTV_REQUIRE(out_cols, func);
    *out_values = NULL, *out_rows = 0, *out_cols = 0;
    values t;
    const int status = compute(func, fit, data, diagnostic, bins, &t);
    if (status != LTV_OK) return status;
    *out_values = t.v, *out_rows = t.rows, *out_cols = t.cols;
    return LTV_OK;
}

int ltv_predict_diagnostics(const ltv_predict_fit *fit, const ltv_predict_data *data, int diagnostic, int bins,
                            int format, char **out_text, size_t *out_len) {
    static const char func[] = "ltv_predict_diagnostics";
    static const char *const bin_names[] = {"x", "customers", "actual_mean", "expected_mean", "actual", "expected"};
    static const char *const track_names[] = {"period_end", "period", "actual", "expected", "actual_cumulative",
                                              "expected_cumulative", "population_expected"};
    LTV_REQUIRE(out_text, func);
    *out_text = NULL;
    if (out_len) *out_len = 0;
    LTV_REQUIRE(fit, func);
    LTV_REQUIRE(data, func);
    if (fit->model == LTV_MODEL_GAMMA_GAMMA) return ltv__fail(LTV_EINVAL, "%s: needs a transaction model", func);
    if (format != LTV_PREDICT_CSV && format != LTV_PREDICT_JSON)
        return ltv__fail(LTV_EINVAL, "%s: unknown format %d", func, format);
    values v;
    int status = compute(func, fit, data, diagnostic, bins, &v);
    if (status != LTV_OK) return status;
    table t;
    ltv__tb_init(&t.tb);
    /* the first column as text: the bin ("7+" for the last) or the period's last day */
    const bool bins_table = diagnostic == LTV_DIAG_FREQUENCY_BINS;
    table_begin(&t, format, bins_table ? bin_names : track_names, (int)v.cols);
    for (size_t r = 0; r < v.rows; r++) {
        const double *row = v.v + r * v.cols;
        char label[32];
        if (bins_table) snprintf(label, sizeof label, r + 1 == v.rows ? "%d+" : "%d", (int)row[0]);
        else ltv_date_format((int32_t)row[0], label, sizeof label);
        table_row(&t, label, row + 1);
    }
    ltv__free(v.v);
    return table_end(&t, out_text, out_len);
}
