/* Cohorts (month of first order × months since: the share still buying) and the monthly
 * revenue and customers over the most recent months of the log. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define SINCE (LTV__REPORT_COHORT_SINCE - 1) /* columns: months 1..12 since the first order */

/* Weighted share of customers buying `since` months after their first order, over the cohorts
 * whose month `since` is complete (-1 if none). */
static double since_share(const ltv__report *r, int since) {
    uint64_t active = 0, size = 0;
    for (int c = 0; c < r->cohorts; c++) {
        if (c + since >= r->cohorts) break; /* month not reached (or still running) */
        active += r->cohort_active[c][since];
        size += r->cohort_size[c];
    }
    return size ? (double)active / (double)size : -1;
}

static void cohorts(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang, rows = r->cohorts;
    const int first = r->last_month - rows + 1;
    char row_text[LTV__REPORT_COHORTS][LTV__VALUE_TEXT], col_text[SINCE][8];
    char cell[LTV__REPORT_COHORTS * SINCE][LTV__VALUE_TEXT];
    const char *rl[LTV__REPORT_COHORTS], *cl[SINCE], *t1[LTV__REPORT_COHORTS * SINCE];
    double intensity[LTV__REPORT_COHORTS * SINCE], share[LTV__REPORT_COHORTS * SINCE];
    double most = 0;
    for (int s = 0; s < SINCE; s++) {
        snprintf(col_text[s], sizeof col_text[s], "%d", s + 1);
        cl[s] = col_text[s];
    }
    for (int c = 0; c < rows; c++) {
        ltv__report_month(row_text[c], first + c, lang);
        rl[c] = row_text[c];
        for (int s = 0; s < SINCE; s++) {
            const int k = c * SINCE + s;
            const bool reached = first + c + s + 1 <= r->last_month && r->cohort_size[c];
            share[k] = reached ? (double)r->cohort_active[c][s + 1] / (double)r->cohort_size[c] : NAN;
            if (reached) most = fmax(most, share[k]);
        }
    }
    for (int k = 0; k < rows * SINCE; k++) {
        intensity[k] = isfinite(share[k]) ? (most > 0 ? share[k] / most : 0) : NAN;
        if (isfinite(share[k])) ltv__report_pct(cell[k], share[k]);
        t1[k] = isfinite(share[k]) ? cell[k] : NULL;
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    const double one = since_share(r, 1), three = since_share(r, 3);
    if (one >= 0) {
        char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
        ltv__report_pct(a, one);
        if (three >= 0) ltv__report_pct(b, three);
        else strcpy(b, "-");
        const char *args[2] = {a, b};
        ltv__report_fill(&reading, ltv__report_text(T_READ_COHORTS, lang), args, 2);
    }
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_COHORT_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__heat h = {ltv__report_text(T_COHORT_CHART, lang), (size_t)rows, SINCE, rl, cl,
                   ltv__report_text(T_COHORT, lang), ltv__report_text(T_MONTHS_SINCE, lang), intensity, t1, NULL};
    ltv__svg_heat(tb, &h);
    ltv__report_figure_table(tb);
    const char *heads[2 + SINCE];
    heads[0] = ltv__report_text(T_COHORT, lang);
    heads[1] = ltv__report_text(T_CUSTOMERS, lang);
    for (int s = 0; s < SINCE; s++) heads[2 + s] = cl[s];
    ltv__report_table_open(tb, heads, 2 + SINCE);
    for (int c = 0; c < rows; c++) {
        char v[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, rl[c]);
        ltv__report_count(v, r->cohort_size[c]);
        ltv__report_cell(tb, v);
        for (int s = 0; s < SINCE; s++) ltv__report_cell(tb, t1[c * SINCE + s] ? t1[c * SINCE + s] : "");
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

static void monthly(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang, n = r->months;
    const int first = r->last_month - n + 1;
    char labels[LTV__REPORT_MONTHS][LTV__VALUE_TEXT], axis[LTV__REPORT_MONTHS][16];
    const char *ap[LTV__REPORT_MONTHS];
    double revenue[LTV__REPORT_MONTHS], active[LTV__REPORT_MONTHS];
    int best = 0;
    for (int i = 0; i < n; i++) {
        const int month = first + i;
        ltv__report_month(labels[i], month, lang);
        if (month % 6 == 0) snprintf(axis[i], sizeof axis[i], "%d/%d", month / 12, month % 12 + 1);
        else axis[i][0] = '\0';
        ap[i] = axis[i];
        revenue[i] = r->month_revenue[i];
        active[i] = (double)r->month_active[i];
        if (revenue[i] > revenue[best]) best = i;
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT];
    ltv__report_money(a, revenue[best], r->decimals);
    ltv__report_money(b, revenue[n - 1], r->decimals);
    ltv__report_count(c, r->month_active[n - 1]);
    const char *args[5] = {labels[best], a, labels[n - 1], b, c};
    ltv__report_fill(&reading, ltv__report_text(T_READ_MONTHLY, lang), args, 5);
    int32_t y = 0, m = 0, d = 0;
    if (ltv_date_to_ymd(r->as_of, &y, &m, &d) == LTV_OK && d != 1) {
        ltv__tb_puts(&reading, lang == LTV_LANG_JA ? "" : " ");
        ltv__tb_puts(&reading, ltv__report_text(T_PARTIAL_MONTH, lang));
    }
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_MONTHLY_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__columns col = {.title = ltv__report_text(T_MONTHLY_CHART, lang), .n = (size_t)n, .labels = ap,
                        .values = revenue, .value_name = ltv__report_text(T_REVENUE, lang), .mark = -1,
                        .shade_from = -1, .shade_to = -1, .line = active,
                        .line_name = ltv__report_text(T_ACTIVE_CUSTOMERS, lang)};
    ltv__svg_columns(tb, &col);
    ltv__report_figure_table(tb);
    /* a year per row, months across: revenue, and under it the customers who ordered */
    static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char mh[12][8];
    const char *heads[13];
    heads[0] = "";
    for (int k = 0; k < 12; k++) {
        snprintf(mh[k], sizeof mh[k], "%d月", k + 1);
        heads[k + 1] = lang == LTV_LANG_JA ? mh[k] : month_names[k];
    }
    ltv__report_table_open(tb, heads, 13);
    for (int year = (first + n - 1) / 12; year >= first / 12; year--) {
        char yt[16], v[LTV__VALUE_TEXT];
        snprintf(yt, sizeof yt, lang == LTV_LANG_JA ? "%d年" : "%d", year);
        ltv__report_row_head(tb, yt);
        for (int k = 0; k < 12; k++) {
            const int i = year * 12 + k - first;
            ltv__tb_puts(tb, "<td>");
            if (i >= 0 && i < n) {
                ltv__report_money(v, revenue[i], r->decimals);
                ltv__tb_html(tb, v, strlen(v));
                ltv__report_count(v, r->month_active[i]);
                ltv__tb_puts(tb, "<br><small>");
                ltv__tb_html(tb, v, strlen(v));
                ltv__tb_puts(tb, "</small>");
            }
            ltv__tb_puts(tb, "</td>");
        }
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__tb_puts(tb, "<p class=\"note\">");
    ltv__tb_puts(tb, ltv__report_text(T_REVENUE, lang));
    ltv__tb_puts(tb, " / ");
    ltv__tb_puts(tb, ltv__report_text(T_ACTIVE_CUSTOMERS, lang));
    ltv__tb_puts(tb, "</p>\n");
    ltv__report_figure_close(tb);
}

void ltv__report_sec_cohorts(ltv__textbuf *tb, const ltv__report *r) {
    ltv__report_section_open(tb, "cohorts", ltv__report_text(T_SEC_COHORTS, r->lang));
    if (r->months > 0) {
        cohorts(tb, r);
        monthly(tb, r);
    } else {
        ltv__report_para(tb, "note", ltv__report_text(T_NO_DATA, r->lang));
    }
    ltv__report_section_close(tb);
}
