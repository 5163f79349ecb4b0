/* Predicted CLV and P(alive) (include/ltvcrm/predict.h): a purchase model (BG/NBD unless
 * LTV_REPORT_MODEL says otherwise) and Gamma-Gamma fitted on the orders up to the calibration
 * end (the day before the as-of day unless LTV_REPORT_CALIBRATION_END is set), in weeks, the
 * default 52-week horizon without discounting; the page shows the distributions over the
 * customers (P(alive) in tenths, CLV in bins around its mean) and the fitted parameters, and
 * with a holdout (LTV_REPORT_HOLDOUT_END) the diagnostics of sec_diagnostics.c. A log the
 * models cannot fit gets a sentence, not a failure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define ALIVE_BINS 10
#define CLV_BINS 7

typedef struct predicted {
    uint64_t customers;
    uint64_t alive[ALIVE_BINS];
    double edges[CLV_BINS - 1]; /* upper edges of the CLV bins but the last */
    uint64_t clv_customers[CLV_BINS];
    double clv_sum[CLV_BINS];
    double total_clv, below_30;
    ltv_predict_fit_info model, spend;
    bool has_spend;
    int model_kind;               /* LTV_REPORT_MODEL */
    int32_t cal_end, holdout_end; /* the days the models were fitted and checked on */
    ltv__diag diag;               /* with a holdout */
} predicted;

/* The purchase models as the page names them. */
static const char *model_title(int model) {
    return model == LTV_MODEL_PARETO_NBD ? "Pareto/NBD" : model == LTV_MODEL_MBGNBD ? "MBG/NBD" : "BG/NBD";
}

/* 1, 2 or 5 times a power of ten, the nearest at or above v. */
static double round_up_125(double v) {
    if (!(v > 0)) return 1;
    const double p = pow(10, floor(log10(v)));
    return v <= p ? p : v <= 2 * p ? 2 * p : v <= 5 * p ? 5 * p : 10 * p;
}

static void tally(predicted *out, const uint8_t *in_cal, const double *alive, const double *clv, size_t n, int decimals) {
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (in_cal[i]) out->customers++, sum += clv[i];
    const double mean = out->customers ? sum / (double)out->customers : 0;
    double unit = 1;
    for (int d = 0; d < decimals; d++) unit *= 10;
    /* edges at about a quarter, half, one, two, four and eight times the mean, made round */
    static const double factors[CLV_BINS - 1] = {0.25, 0.5, 1, 2, 4, 8};
    for (int k = 0; k < CLV_BINS - 1; k++) {
        out->edges[k] = round_up_125(fmax(mean * factors[k], unit));
        if (k && out->edges[k] <= out->edges[k - 1]) out->edges[k] = out->edges[k - 1] * 2;
    }
    for (size_t i = 0; i < n; i++) {
        if (!in_cal[i]) continue;
        int a = (int)floor(alive[i] * ALIVE_BINS);
        a = a < 0 ? 0 : a >= ALIVE_BINS ? ALIVE_BINS - 1 : a;
        out->alive[a]++;
        if (alive[i] < 0.3) out->below_30++;
        int b = 0;
        while (b < CLV_BINS - 1 && clv[i] >= out->edges[b]) b++;
        out->clv_customers[b]++;
        out->clv_sum[b] += clv[i];
        out->total_clv += clv[i];
    }
}

/* Fits and runs the models; LTV_OK with *ok false when the data cannot identify them. */
static int predict(const ltv__report *r, predicted *out, ltv__textbuf *why) {
    ltv_predict_data *data = NULL;
    ltv_predict_fit *fit = NULL, *spend = NULL;
    ltv_prediction *pred = NULL;
    int status = ltv_predict_data_from_ledger(&data, r->ledger, LTV_UNIT_WEEK, out->cal_end, out->holdout_end);
    if (status == LTV_OK) status = ltv_predict_fit_new(&fit, data, out->model_kind);
    if (status == LTV_OK) status = ltv_predict_fit_info_get(fit, &out->model, sizeof out->model);
    if (status == LTV_OK && ltv_predict_fit_new(&spend, data, LTV_MODEL_GAMMA_GAMMA) == LTV_OK)
        out->has_spend = ltv_predict_fit_info_get(spend, &out->spend, sizeof out->spend) == LTV_OK;
    if (status == LTV_OK) {
        status = ltv_predict_run(&pred, fit, out->has_spend ? spend : NULL, data, NULL);
        if (status == LTV_EVALIDATION && out->has_spend) { /* a spend model without a mean (q ≤ 1) */
            out->has_spend = false;
            status = ltv_predict_run(&pred, fit, NULL, data, NULL);
        }
    }
    const void *c_in = NULL, *c_alive = NULL, *c_clv = NULL;
    size_t n = 0;
    if (status == LTV_OK) status = ltv_prediction_column(pred, LTV_PRED_IN_CALIBRATION, &c_in, &n);
    if (status == LTV_OK) status = ltv_prediction_column(pred, LTV_PRED_P_ALIVE, &c_alive, &n);
    if (status == LTV_OK) status = ltv_prediction_column(pred, LTV_PRED_CLV, &c_clv, &n);
    if (status == LTV_OK) tally(out, c_in, c_alive, c_clv, n, r->decimals);
    if (status == LTV_OK && out->holdout_end != LTV_NO_DAY) status = ltv__report_diag_gather(&out->diag, fit, data);
    /* a log the models cannot describe is a finding, not a failure of the page */
    if (status == LTV_EVALIDATION || status == LTV_ENOTFOUND || status == LTV_ERANGE) {
        ltv__tb_puts(why, ltv_last_error());
        status = LTV_OK;
    }
    ltv_prediction_free(pred);
    ltv_predict_fit_free(spend);
    ltv_predict_fit_free(fit);
    ltv_predict_data_free(data);
    return status;
}

static void alive_figure(ltv__textbuf *tb, const ltv__report *r, const predicted *p) {
    const int lang = r->lang;
    char labels[ALIVE_BINS][16], shares[ALIVE_BINS][LTV__VALUE_TEXT];
    const char *lp[ALIVE_BINS];
    double v[ALIVE_BINS];
    for (int k = 0; k < ALIVE_BINS; k++) {
        snprintf(labels[k], sizeof labels[k], "%d–%d%%", k * 10, k * 10 + 10);
        lp[k] = labels[k];
        v[k] = p->customers ? (double)p->alive[k] / (double)p->customers : 0;
        ltv__report_pct(shares[k], v[k]);
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__report_pct(a, p->customers ? p->below_30 / (double)p->customers : 0);
    ltv__report_pct(b, v[ALIVE_BINS - 1]);
    const char *args[2] = {a, b};
    ltv__report_fill(&reading, ltv__report_text(p->model_kind == LTV_MODEL_BGNBD ? T_READ_ALIVE : T_READ_ALIVE_PLAIN, lang),
                     args, 2);
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_ALIVE_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__columns c = {.title = ltv__report_text(T_ALIVE_CHART, lang), .n = ALIVE_BINS, .labels = lp, .values = v,
                      .value_name = ltv__report_text(T_SHARE, lang), .mark = -1, .shade_from = -1, .shade_to = -1,
                      .percent = 1, .axis_name = ltv__report_text(T_P_ALIVE, lang)};
    ltv__svg_columns(tb, &c);
    ltv__report_figure_table(tb);
    const char *heads[3] = {ltv__report_text(T_P_ALIVE, lang), ltv__report_text(T_CUSTOMERS, lang),
                            ltv__report_text(T_SHARE, lang)};
    ltv__report_table_open(tb, heads, 3);
    for (int k = 0; k < ALIVE_BINS; k++) {
        char x[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, lp[k]);
        ltv__report_count(x, p->alive[k]);
        ltv__report_cell(tb, x);
        ltv__report_cell(tb, shares[k]);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

static void clv_figure(ltv__textbuf *tb, const ltv__report *r, const predicted *p) {
    const int lang = r->lang;
    char labels[CLV_BINS][2 * LTV__VALUE_TEXT + 8];
    const char *lp[CLV_BINS];
    double cust[CLV_BINS], value[CLV_BINS];
    for (int k = 0; k < CLV_BINS; k++) {
        char lo[LTV__VALUE_TEXT] = "0", hi[LTV__VALUE_TEXT] = "";
        if (k) ltv__report_money(lo, p->edges[k - 1], r->decimals);
        if (k < CLV_BINS - 1) ltv__report_money(hi, p->edges[k], r->decimals);
        if (k < CLV_BINS - 1) snprintf(labels[k], sizeof labels[k], "%s–%s", lo, hi);
        else snprintf(labels[k], sizeof labels[k], lang == LTV_LANG_JA ? "%s以上" : "%s+", lo);
        lp[k] = labels[k];
        cust[k] = p->customers ? (double)p->clv_customers[k] / (double)p->customers : 0;
        value[k] = p->total_clv > 0 ? p->clv_sum[k] / p->total_clv : 0;
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT];
    ltv__report_money(a, p->total_clv, r->decimals);
    ltv__report_pct(b, cust[CLV_BINS - 1] + cust[CLV_BINS - 2]);
    ltv__report_pct(c, value[CLV_BINS - 1] + value[CLV_BINS - 2]);
    const char *args[3] = {a, b, c};
    ltv__report_fill(&reading, ltv__report_text(p->has_spend ? T_READ_CLV : T_READ_CLV_NO_SPEND, lang), args, 3);
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_CLV_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    char texts[2 * CLV_BINS][LTV__VALUE_TEXT];
    const char *tp[2 * CLV_BINS];
    double max = 0;
    for (int k = 0; k < CLV_BINS; k++) {
        ltv__report_pct(texts[k], cust[k]);
        ltv__report_pct(texts[CLV_BINS + k], value[k]);
        tp[k] = texts[k];
        tp[CLV_BINS + k] = texts[CLV_BINS + k];
        max = fmax(max, fmax(cust[k], value[k]));
    }
    ltv__series s[2] = {{ltv__report_text(T_CUSTOMER_SHARE, lang), cust, 0},
                        {ltv__report_text(T_CLV_SHARE, lang), value, 1}};
    ltv__svg_hbars(tb, ltv__report_text(T_CLV_CHART, lang), CLV_BINS, lp, s, 2, max > 0 ? max : 1, tp, 0);
    ltv__report_figure_table(tb);
    const char *heads[4] = {ltv__report_text(T_CLV, lang), ltv__report_text(T_CUSTOMERS, lang),
                            ltv__report_text(T_SHARE, lang), ltv__report_text(T_CLV_SHARE, lang)};
    ltv__report_table_open(tb, heads, 4);
    for (int k = 0; k < CLV_BINS; k++) {
        char x[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, lp[k]);
        ltv__report_count(x, p->clv_customers[k]);
        ltv__report_cell(tb, x);
        ltv__report_cell(tb, texts[k]);
        ltv__report_cell(tb, texts[CLV_BINS + k]);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    /* the fitted parameters, so the page says which model made the numbers */
    ltv__tb_printf(tb, "<p class=\"note\">%s", model_title(p->model_kind));
    for (int k = 0; k < p->model.param_count && k < 4; k++) {
        const char *name = ltv_predict_param_name(p->model_kind, k);
        ltv__tb_printf(tb, "%s%s = ", k ? ", " : " (", name ? name : "?");
        ltv__tb_fixed(tb, p->model.params[k], 4);
    }
    ltv__tb_puts(tb, ")");
    if (p->has_spend) {
        ltv__tb_puts(tb, "; Gamma-Gamma");
        for (int k = 0; k < p->spend.param_count && k < 4; k++) {
            const char *name = ltv_predict_param_name(LTV_MODEL_GAMMA_GAMMA, k);
            ltv__tb_printf(tb, "%s%s = ", k ? ", " : " (", name ? name : "?");
            ltv__tb_fixed(tb, p->spend.params[k], 4);
        }
        ltv__tb_puts(tb, ")");
    }
    ltv__tb_puts(tb, "</p>\n");
    ltv__report_figure_close(tb);
}

int ltv__report_sec_predict(ltv__textbuf *tb, const ltv__report *r) {
    predicted p;
    memset(&p, 0, sizeof p);
    const int64_t *set = r->opts ? r->opts->values : NULL;
    const bool own_cal = set && set[LTV_REPORT_CALIBRATION_END] != LTV_NO_DAY;
    p.cal_end = own_cal ? (int32_t)set[LTV_REPORT_CALIBRATION_END] : r->as_of - 1;
    p.holdout_end = set ? (int32_t)set[LTV_REPORT_HOLDOUT_END] : LTV_NO_DAY;
    p.model_kind = set ? (int)set[LTV_REPORT_MODEL] : LTV_MODEL_BGNBD;
    ltv__textbuf why;
    ltv__tb_init(&why);
    int status = r->overview.customers ? predict(r, &p, &why) : LTV_OK;
    if (status != LTV_OK) {
        ltv__tb_discard(&why);
        ltv__report_diag_release(&p.diag);
        return status;
    }
    ltv__report_section_open(tb, "predict", ltv__report_text(T_SEC_PREDICT, r->lang));
    if (own_cal || p.holdout_end != LTV_NO_DAY || p.model_kind != LTV_MODEL_BGNBD) {
        char day[LTV__VALUE_TEXT];
        ltv__report_date(day, p.cal_end);
        const char *args[2] = {model_title(p.model_kind), day};
        ltv__tb_puts(tb, "<p class=\"note\">");
        ltv__report_fill(tb, ltv__report_text(T_PREDICT_NOTE_CAL, r->lang), args, 2);
        ltv__tb_puts(tb, "</p>\n");
    } else {
        ltv__report_para(tb, "note", ltv__report_text(T_PREDICT_NOTE, r->lang));
    }
    if (p.customers) {
        alive_figure(tb, r, &p);
        clv_figure(tb, r, &p);
        status = ltv__report_diag_figures(tb, r, &p.diag, p.cal_end, p.holdout_end);
    } else {
        const char *args[1] = {why.data && !why.failed ? why.data : ""};
        ltv__tb_puts(tb, "<p class=\"reading\">");
        ltv__report_fill(tb, ltv__report_text(r->overview.customers ? T_PREDICT_FAILED : T_NO_DATA, r->lang), args, 1);
        ltv__tb_puts(tb, "</p>\n");
    }
    ltv__tb_discard(&why);
    ltv__report_diag_release(&p.diag);
    ltv__report_section_close(tb);
    return status;
}
