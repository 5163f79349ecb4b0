/* The predictive models' diagnostics, drawn when the report has a holdout period: holdout
 * orders by calibration frequency (actual vs model), repeat orders per week and cumulated
 * (actual vs model) with the calibration end marked, and E[X(t)] of a new customer. The
 * numbers are ltv_predict_diagnostics_values() as they come (the page shows what
 * `ltvcrm predict --diagnostics` prints); only a log longer than three years has its weeks
 * grouped, so that the page keeps its size. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define BINS 8
#define BIN_COLS 6
#define TRACK_COLS 7
#define TRACK_POINTS 156 /* three years of weeks */

int ltv__report_diag_gather(ltv__diag *d, const ltv_predict_fit *fit, const ltv_predict_data *data) {
    size_t cols = 0;
    int status = ltv_predict_diagnostics_values(fit, data, LTV_DIAG_FREQUENCY_BINS, BINS, &d->bins, &d->nbins, &cols);
    if (status == LTV_OK)
        status = ltv_predict_diagnostics_values(fit, data, LTV_DIAG_TRACKING, 0, &d->track, &d->ntrack, &cols);
    ltv_predict_data_info info;
    if (status == LTV_OK) status = ltv_predict_data_info_get(data, &info, sizeof info);
    if (status == LTV_OK) d->first_day = info.first_day;
    if (status != LTV_OK) ltv__report_diag_release(d);
    return status;
}

void ltv__report_diag_release(ltv__diag *d) {
    ltv_free(d->bins);
    ltv_free(d->track);
    memset(d, 0, sizeof *d);
}

static void bins_figure(ltv__textbuf *tb, const ltv__report *r, const ltv__diag *d, int32_t cal_end,
                        int32_t holdout_end) {
    const int lang = r->lang;
    const size_t n = d->nbins;
    char labels[BINS][16], texts[2 * BINS][LTV__VALUE_TEXT];
    const char *lp[BINS], *tp[2 * BINS];
    double actual[BINS], model[BINS], max = 0, sum_actual = 0, sum_model = 0;
    for (size_t b = 0; b < n; b++) {
        const double *row = d->bins + b * BIN_COLS;
        snprintf(labels[b], sizeof labels[b], b + 1 == n ? "%d+" : "%d", (int)row[0]);
        lp[b] = labels[b];
        actual[b] = row[2], model[b] = row[3];
        sum_actual += row[4], sum_model += row[5];
        ltv__report_num(texts[b], actual[b], 2);
        ltv__report_num(texts[n + b], model[b], 2);
        tp[b] = texts[b], tp[n + b] = texts[n + b];
        max = fmax(max, fmax(actual[b], model[b]));
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT], e[LTV__VALUE_TEXT], f[LTV__VALUE_TEXT];
    ltv__report_date(a, cal_end + 1);
    ltv__report_date(b, holdout_end);
    ltv__report_num(c, sum_model, 1);
    ltv__report_count(e, (uint64_t)sum_actual);
    ltv__report_pct(f, sum_model > 0 ? sum_actual / sum_model : 0);
    const char *args[5] = {a, b, c, e, f};
    ltv__report_fill(&reading, ltv__report_text(T_READ_BINS, lang), args, 5);
    const char *title = ltv__report_text(T_BINS_CHART, lang);
    ltv__report_figure_open(tb, NULL, title, &reading);
    ltv__tb_discard(&reading);
    const ltv__series s[2] = {{ltv__report_text(T_ACTUAL_MEAN, lang), actual, 0},
                              {ltv__report_text(T_MODEL_MEAN, lang), model, 2}};
    ltv__svg_hbars(tb, title, n, lp, s, 2, max > 0 ? max : 1, tp, 0);
    ltv__report_figure_table(tb);
    const char *heads[6] = {ltv__report_text(T_CAL_ORDERS, lang), ltv__report_text(T_CUSTOMERS, lang),
                            ltv__report_text(T_ACTUAL_MEAN, lang), ltv__report_text(T_MODEL_MEAN, lang),
                            ltv__report_text(T_ACTUAL, lang), ltv__report_text(T_MODEL, lang)};
    ltv__report_table_open(tb, heads, 6);
    for (size_t k = 0; k < n; k++) {
        const double *row = d->bins + k * BIN_COLS;
        char x[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, lp[k]);
        ltv__report_count(x, (uint64_t)row[1]);
        ltv__report_cell(tb, x);
        ltv__report_num(x, row[2], 3);
        ltv__report_cell(tb, x);
        ltv__report_num(x, row[3], 3);
        ltv__report_cell(tb, x);
        ltv__report_count(x, (uint64_t)row[4]);
        ltv__report_cell(tb, x);
        ltv__report_num(x, row[5], 1);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

/* The tracking rows as the page shows them: every week, or groups of `per` weeks (their
 * orders summed; the cumulative values and E[X(t)] at the group's last week). */
typedef struct track_view {
    size_t n, per;
    double *end_day, *weeks, *actual, *model, *actual_cum, *model_cum, *population;
} track_view;

static bool track_view_of(const ltv__diag *d, track_view *v) {
    memset(v, 0, sizeof *v);
    v->per = d->ntrack > TRACK_POINTS ? (d->ntrack + TRACK_POINTS - 1) / TRACK_POINTS : 1;
    v->n = (d->ntrack + v->per - 1) / v->per;
    double *all = ltv__calloc(7 * (v->n + 1), sizeof(double));
    if (!all) return false;
    double **cols[7] = {&v->end_day, &v->weeks, &v->actual, &v->model, &v->actual_cum, &v->model_cum, &v->population};
    for (int c = 0; c < 7; c++) *cols[c] = all + (size_t)c * (v->n + 1);
    for (size_t i = 0; i < d->ntrack; i++) {
        const double *row = d->track + i * TRACK_COLS;
        const size_t j = i / v->per;
        v->end_day[j] = row[0], v->weeks[j] = row[1];
        v->actual[j] += row[2], v->model[j] += row[3];
        v->actual_cum[j] = row[4], v->model_cum[j] = row[5], v->population[j] = row[6];
    }
    return true;
}

/* Week numbers under about a dozen evenly spaced points (and the last one when it is not
 * crowded by its labelled neighbour); the other labels stay empty. */
static void week_labels(const track_view *v, char (*labels)[16], const char **lp) {
    const size_t every = v->n > 12 ? (v->n + 11) / 12 : 1;
    for (size_t i = 0; i < v->n; i++) {
        const bool last = i + 1 == v->n && (i + 1) % every > every / 2;
        labels[i][0] = '\0';
        if ((i + 1) % every == 0 || last) snprintf(labels[i], 16, "%d", (int)v->weeks[i]);
        lp[i] = labels[i];
    }
}

static int tracking_figures(ltv__textbuf *tb, const ltv__report *r, const ltv__diag *d, int32_t cal_end) {
    const int lang = r->lang;
    track_view v;
    if (!track_view_of(d, &v)) return ltv__fail(LTV_ENOMEM, "ltv_report_html: out of memory");
    char(*labels)[16] = ltv__calloc(v.n + 1, sizeof *labels);
    const char **lp = ltv__calloc(v.n + 1, sizeof *lp);
    if (!labels || !lp) {
        ltv__free(labels);
        ltv__free(lp);
        ltv__free(v.end_day);
        return ltv__fail(LTV_ENOMEM, "ltv_report_html: out of memory");
    }
    week_labels(&v, labels, lp);
    int mark = -1; /* the last point on or before the calibration end */
    for (size_t i = 0; i < v.n; i++)
        if (v.end_day[i] <= (double)cal_end) mark = (int)i;
    char first[LTV__VALUE_TEXT], axis[2 * LTV__VALUE_TEXT + 32], last[LTV__VALUE_TEXT], cal[LTV__VALUE_TEXT];
    ltv__report_date(first, d->first_day);
    ltv__textbuf t;
    ltv__tb_init(&t);
    const char *fa[1] = {first};
    ltv__report_fill(&t, ltv__report_text(T_WEEKS_SINCE, lang), fa, 1);
    snprintf(axis, sizeof axis, "%s", t.data && !t.failed ? t.data : "");
    ltv__tb_discard(&t);
    ltv__report_date(last, (int32_t)v.end_day[v.n - 1]);
    ltv__report_date(cal, cal_end);

    /* repeat orders per week and cumulated, one table under both */
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__report_count(a, (uint64_t)v.actual_cum[v.n - 1]);
    ltv__report_num(b, v.model_cum[v.n - 1], 1);
    const char *args[4] = {last, a, b, cal};
    ltv__report_fill(&reading, ltv__report_text(T_READ_TRACK, lang), args, 4);
    if (v.per > 1) {
        char per[LTV__VALUE_TEXT];
        ltv__report_count(per, v.per);
        const char *pa[1] = {per};
        ltv__tb_puts(&reading, " ");
        ltv__report_fill(&reading, ltv__report_text(T_TRACK_GROUPED, lang), pa, 1);
    }
    const char *title = ltv__report_text(T_TRACK_CHART, lang);
    ltv__report_figure_open(tb, NULL, title, &reading);
    ltv__tb_discard(&reading);
    const ltv__series weekly[2] = {{ltv__report_text(T_ACTUAL, lang), v.actual, 0},
                                   {ltv__report_text(T_MODEL, lang), v.model, 2}};
    ltv__plot p = {.title = title, .n = v.n, .xlabels = lp, .series = weekly, .nseries = 2, .decimals = 1,
                   .mark = mark, .mark_note = ltv__report_text(T_CAL_END, lang), .axis_name = axis};
    ltv__svg_plot(tb, &p);
    const ltv__series cumulative[2] = {{ltv__report_text(T_ACTUAL_CUM, lang), v.actual_cum, 0},
                                       {ltv__report_text(T_MODEL_CUM, lang), v.model_cum, 2}};
    p.title = ltv__report_text(T_CUM_CHART, lang);
    p.series = cumulative;
    ltv__svg_plot(tb, &p);
    ltv__report_figure_table(tb);
    const char *heads[5] = {ltv__report_text(T_WEEK_ENDING, lang), ltv__report_text(T_ACTUAL, lang),
                            ltv__report_text(T_MODEL, lang), ltv__report_text(T_ACTUAL_CUM, lang),
                            ltv__report_text(T_MODEL_CUM, lang)};
    ltv__report_table_open(tb, heads, 5);
    for (size_t i = 0; i < v.n; i++) {
        char x[LTV__VALUE_TEXT];
        ltv__report_date(x, (int32_t)v.end_day[i]);
        ltv__report_row_head(tb, x);
        ltv__report_count(x, (uint64_t)v.actual[i]);
        ltv__report_cell(tb, x);
        ltv__report_num(x, v.model[i], 1);
        ltv__report_cell(tb, x);
        ltv__report_count(x, (uint64_t)v.actual_cum[i]);
        ltv__report_cell(tb, x);
        ltv__report_num(x, v.model_cum[i], 1);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);

    /* E[X(t)] of one new customer */
    ltv__tb_init(&reading);
    ltv__report_num(a, v.population[v.n - 1], 2);
    ltv__report_count(b, (uint64_t)v.weeks[v.n - 1]);
    const char *pargs[2] = {a, b};
    ltv__report_fill(&reading, ltv__report_text(T_READ_POP, lang), pargs, 2);
    title = ltv__report_text(T_POP_CHART, lang);
    ltv__report_figure_open(tb, NULL, title, &reading);
    ltv__tb_discard(&reading);
    const ltv__series pop[1] = {{"E[X(t)]", v.population, 2}};
    ltv__plot q = {.title = title, .n = v.n, .xlabels = lp, .series = pop, .nseries = 1, .decimals = 3, .mark = -1,
                   .axis_name = ltv__report_text(T_WEEKS, lang)};
    ltv__svg_plot(tb, &q);
    ltv__report_figure_table(tb);
    const char *pheads[2] = {ltv__report_text(T_WEEKS, lang), "E[X(t)]"};
    ltv__report_table_open(tb, pheads, 2);
    for (size_t i = 0; i < v.n; i++) {
        char x[LTV__VALUE_TEXT];
        ltv__report_count(x, (uint64_t)v.weeks[i]);
        ltv__report_row_head(tb, x);
        ltv__report_num(x, v.population[i], 3);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
    ltv__free(labels);
    ltv__free(lp);
    ltv__free(v.end_day);
    return LTV_OK;
}

int ltv__report_diag_figures(ltv__textbuf *tb, const ltv__report *r, const ltv__diag *d, int32_t cal_end,
                             int32_t holdout_end) {
    if (d->nbins) bins_figure(tb, r, d, cal_end, holdout_end);
    return d->ntrack ? tracking_figures(tb, r, d, cal_end) : LTV_OK;
}
