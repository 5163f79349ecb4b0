/* The RFM section: the recency × frequency heatmap, the score distributions with their cut
 * points, and the named segments' share of customers and revenue. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define B LTV__REPORT_MAX_BINS

static void heatmap(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang, bins = r->bins;
    const size_t n = (size_t)bins;
    char labels_r[B][16], labels_f[B][16], t1[B * B][LTV__VALUE_TEXT], t2[B * B][LTV__VALUE_TEXT];
    const char *rl[B], *fl[B], *p1[B * B], *p2[B * B];
    double intensity[B * B];
    uint64_t most = 0;
    int best_r = 0, best_f = 0;
    for (int f = 0; f < bins; f++)
        for (int rr = 0; rr < bins; rr++)
            if (r->rf_customers[rr][f] > most) most = r->rf_customers[rr][f], best_r = rr, best_f = f;
    /* rows: F from the highest score down; columns: R from 1 to the highest */
    for (int i = 0; i < bins; i++) {
        snprintf(labels_r[i], sizeof labels_r[i], "R%d", i + 1);
        snprintf(labels_f[i], sizeof labels_f[i], "F%d", bins - i);
        rl[i] = labels_r[i];
        fl[i] = labels_f[i];
    }
    for (int row = 0; row < bins; row++) {
        const int f = bins - 1 - row;
        for (int rr = 0; rr < bins; rr++) {
            const size_t k = (size_t)row * n + (size_t)rr;
            const uint64_t c = r->rf_customers[rr][f];
            ltv__report_count(t1[k], c);
            if (c) ltv__report_money(t2[k], r->rf_monetary[rr][f] / (double)c, r->decimals);
            else strcpy(t2[k], "");
            p1[k] = t1[k];
            p2[k] = c ? t2[k] : NULL;
            intensity[k] = most ? (double)c / (double)most : 0;
        }
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    if (most) {
        char a[16], b[16], c[LTV__VALUE_TEXT], d[LTV__VALUE_TEXT];
        snprintf(a, sizeof a, "%d", best_r + 1);
        snprintf(b, sizeof b, "%d", best_f + 1);
        ltv__report_count(c, most);
        ltv__report_pct(d, r->overview.customers ? (double)most / (double)r->overview.customers : 0);
        const char *args[4] = {a, b, c, d};
        ltv__report_fill(&reading, ltv__report_text(T_READ_HEATMAP, lang), args, 4);
    }
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_HEATMAP, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__heat h = {ltv__report_text(T_HEATMAP, lang), n, n, fl, rl,
                   ltv__report_text(T_FREQUENCY_SCORE, lang), ltv__report_text(T_RECENCY_SCORE, lang),
                   intensity, p1, p2};
    ltv__svg_heat(tb, &h);
    ltv__report_figure_table(tb);
    const char *heads[B + 1];
    heads[0] = "";
    for (int i = 0; i < bins; i++) heads[i + 1] = rl[i];
    ltv__report_table_open(tb, heads, bins + 1);
    for (int row = 0; row < bins; row++) {
        ltv__report_row_head(tb, fl[row]);
        for (int rr = 0; rr < bins; rr++) {
            const size_t k = (size_t)row * n + (size_t)rr;
            ltv__tb_puts(tb, "<td>");
            ltv__tb_html(tb, t1[k], strlen(t1[k]));
            if (p2[k]) {
                ltv__tb_puts(tb, "<br><small>");
                ltv__tb_html(tb, t2[k], strlen(t2[k]));
                ltv__tb_puts(tb, "</small>");
            }
            ltv__tb_puts(tb, "</td>");
        }
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__tb_puts(tb, "<p class=\"note\">");
    ltv__tb_puts(tb, ltv__report_text(T_CUSTOMERS, lang));
    ltv__tb_puts(tb, " / ");
    ltv__tb_puts(tb, ltv__report_text(T_AVG_MONETARY, lang));
    ltv__tb_puts(tb, "</p>\n");
    ltv__report_figure_close(tb);
}

static void cut_text(char buf[LTV__VALUE_TEXT], const ltv__report *r, int metric, double v) {
    if (metric == LTV_RFM_MONETARY) ltv__report_money(buf, v, r->decimals);
    else ltv__report_num(buf, v, v == floor(v) ? 0 : 1);
}

static void scores(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang, bins = r->bins;
    uint64_t counts[3][B];
    double cuts[3][B];
    size_t ncuts[3] = {0, 0, 0};
    uint64_t crowd = 0;
    int crowd_metric = 0, crowd_score = 0;
    for (int m = 0; m < 3; m++) {
        size_t len = 0;
        memset(counts[m], 0, sizeof counts[m]);
        if (ltv_segmentation_score_counts(r->seg, m, counts[m], B, &len) != LTV_OK) len = 0;
        if (ltv_segmentation_thresholds(r->seg, m, cuts[m], B, &ncuts[m]) != LTV_OK) ncuts[m] = 0;
        for (size_t s = 0; s < len && s < (size_t)bins; s++)
            if (counts[m][s] > crowd) crowd = counts[m][s], crowd_metric = m, crowd_score = (int)s + 1;
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    if (crowd) {
        char a[16], b[LTV__VALUE_TEXT];
        snprintf(a, sizeof a, "%d", crowd_score);
        ltv__report_count(b, crowd);
        const char *metric = ltv_rfm_metric_label(crowd_metric, lang);
        const char *args[3] = {metric ? metric : "", a, b};
        ltv__report_fill(&reading, ltv__report_text(T_READ_SCORES, lang), args, 3);
    }
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_SCORES_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__tb_puts(tb, "<div class=\"trio\">\n");
    char score_labels[B][16];
    const char *sl[B];
    for (int s = 0; s < bins; s++) {
        snprintf(score_labels[s], sizeof score_labels[s], "%d", s + 1);
        sl[s] = score_labels[s];
    }
    for (int m = 0; m < 3; m++) {
        double v[B];
        for (int s = 0; s < bins; s++) v[s] = (double)counts[m][s];
        const char *name = ltv_rfm_metric_label(m, lang);
        ltv__columns c = {.title = name ? name : "", .n = (size_t)bins, .labels = sl, .values = v,
                          .value_name = ltv__report_text(T_CUSTOMERS, lang), .mark = -1, .shade_from = -1,
                          .shade_to = -1, .axis_name = ltv__report_text(T_SCORE, lang), .width = 330};
        ltv__tb_puts(tb, "<div><p class=\"note\">");
        ltv__tb_html(tb, c.title, strlen(c.title));
        ltv__tb_puts(tb, "</p>");
        ltv__svg_columns(tb, &c);
        ltv__tb_puts(tb, "</div>\n");
    }
    ltv__tb_puts(tb, "</div>\n");
    ltv__report_figure_table(tb);
    const char *heads[B + 2];
    heads[0] = ltv__report_text(T_SCORE, lang);
    for (int s = 0; s < bins; s++) heads[s + 1] = sl[s];
    heads[bins + 1] = ltv__report_text(T_CUT_POINTS, lang);
    ltv__report_table_open(tb, heads, bins + 2);
    for (int m = 0; m < 3; m++) {
        const char *name = ltv_rfm_metric_label(m, lang);
        ltv__report_row_head(tb, name ? name : "");
        char v[LTV__VALUE_TEXT];
        for (int s = 0; s < bins; s++) {
            ltv__report_count(v, counts[m][s]);
            ltv__report_cell(tb, v);
        }
        ltv__tb_puts(tb, "<td>");
        for (size_t k = 0; k < ncuts[m]; k++) {
            cut_text(v, r, m, cuts[m][k]);
            if (k) ltv__tb_puts(tb, " · ");
            ltv__tb_html(tb, v, strlen(v));
        }
        ltv__tb_puts(tb, "</td>");
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

static void presets(ltv__textbuf *tb, const ltv__report *r) {
    const size_t n = r->presets + 1;
    const char *labels[LTV__REPORT_MAX_PRESETS];
    double cs[LTV__REPORT_MAX_PRESETS], rs[LTV__REPORT_MAX_PRESETS], avg[LTV__REPORT_MAX_PRESETS];
    const double customers = (double)r->overview.customers;
    for (size_t p = 0; p < n; p++) {
        const char *name = ltv_segmentation_preset_name(r->seg, p, r->lang);
        labels[p] = name ? name : "";
        cs[p] = customers > 0 ? (double)r->preset_customers[p] / customers : 0;
        rs[p] = r->total_lifetime > 0 ? r->preset_revenue[p] / r->total_lifetime : 0;
        avg[p] = r->preset_customers[p] ? r->preset_revenue[p] / (double)r->preset_customers[p] : 0;
    }
    ltv__report_share_figure(tb, r, T_PRESETS_CHART, T_SEGMENT, n, labels, r->preset_customers, cs, r->preset_revenue,
                             rs, avg, T_AVG_LIFETIME_LTV, NULL);
}

void ltv__report_sec_rfm(ltv__textbuf *tb, const ltv__report *r) {
    ltv__report_section_open(tb, "rfm", ltv__report_text(T_SEC_RFM, r->lang));
    if (r->bins > 0 && r->overview.customers) {
        heatmap(tb, r);
        scores(tb, r);
        presets(tb, r);
    } else {
        ltv__report_para(tb, "note", ltv__report_text(T_NO_DATA, r->lang));
    }
    ltv__report_section_close(tb);
}
