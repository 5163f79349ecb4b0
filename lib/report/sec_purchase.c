/* Sections about repeat buying over time: first → second purchase (gap histogram with the
 * best customers' week, conversion curves per rank), tenure, and for memberships churn by
 * days enrolled (risk peak, continuation wall) and usage bands. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

static void days_range(char buf[LTV__VALUE_TEXT], int lang, int first, int last) {
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", first);
    snprintf(b, sizeof b, "%d", last);
    const char *args[2] = {a, b};
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    if (last < 0) ltv__report_fill(&tb, ltv__report_text(T_DAYS_OVER, lang), args, 1);
    else ltv__report_fill(&tb, ltv__report_text(T_DAYS_RANGE, lang), args, 2);
    snprintf(buf, LTV__VALUE_TEXT, "%s", tb.data && !tb.failed ? tb.data : "");
    ltv__tb_discard(&tb);
}

/* "week 3 (days 14–20)": weeks counted from 1 for readers, w = 0 is days 0–6. */
static void week_text(char buf[LTV__VALUE_TEXT], int lang, int w) {
    char a[16], b[16], c[16];
    snprintf(a, sizeof a, "%d", w + 1);
    snprintf(b, sizeof b, "%d", 7 * w);
    snprintf(c, sizeof c, "%d", 7 * w + 6);
    const char *args[3] = {a, b, c};
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__report_fill(&tb, ltv__report_text(T_WEEK_N, lang), args, 3);
    snprintf(buf, LTV__VALUE_TEXT, "%s", tb.data && !tb.failed ? tb.data : "");
    ltv__tb_discard(&tb);
}

static int gap_histogram(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    uint64_t weeks[LTV_HEALTH_GAP_WEEK_BINS], days[LTV_HEALTH_GAP_DAY_BINS];
    size_t len = 0;
    int status = ltv_health_check_gap_weeks(r->hc, LTV_HEALTH_ALL, weeks, LTV_HEALTH_GAP_WEEK_BINS, &len);
    if (status == LTV_OK) status = ltv_health_check_gap_days(r->hc, LTV_HEALTH_ALL, days, LTV_HEALTH_GAP_DAY_BINS, &len);
    ltv_health_conversion all, best;
    if (status == LTV_OK) status = ltv_health_check_conversion(r->hc, LTV_HEALTH_ALL, &all, sizeof all);
    if (status == LTV_OK) status = ltv_health_check_conversion(r->hc, LTV_RANK_EXCELLENT, &best, sizeof best);
    if (status != LTV_OK) return status;
    const int mark = best.most_common_week >= 0 ? best.most_common_week : -1;
    char week[LTV__VALUE_TEXT] = "", note[2 * LTV__VALUE_TEXT + 64] = "";
    if (mark >= 0) {
        week_text(week, lang, mark);
        const char *wargs[1] = {week};
        ltv__textbuf t;
        ltv__tb_init(&t);
        ltv__report_fill(&t, ltv__report_text(T_BEST_WEEK, lang), wargs, 1);
        snprintf(note, sizeof note, "%s", t.data && !t.failed ? t.data : "");
        ltv__tb_discard(&t);
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    if (all.second_customers) {
        char med[LTV__VALUE_TEXT];
        ltv__report_num(med, all.median_gap_days, 0);
        const char *args[2] = {med, mark >= 0 ? week : "-"};
        ltv__report_fill(&reading, ltv__report_text(T_READ_GAP, lang), args, 2);
    } else {
        ltv__tb_puts(&reading, ltv__report_text(T_READ_GAP_NONE, lang));
    }
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_GAP_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    double v[LTV_HEALTH_GAP_WEEK_BINS];
    char lab[LTV_HEALTH_GAP_WEEK_BINS][8];
    const char *lp[LTV_HEALTH_GAP_WEEK_BINS];
    for (int w = 0; w < LTV_HEALTH_GAP_WEEK_BINS; w++) {
        v[w] = (double)weeks[w];
        if (w % 4 == 0) snprintf(lab[w], sizeof lab[w], "%d", w + 1);
        else lab[w][0] = '\0';
        lp[w] = lab[w];
    }
    ltv__columns c = {.title = ltv__report_text(T_GAP_CHART, lang), .n = LTV_HEALTH_GAP_WEEK_BINS, .labels = lp,
                      .values = v, .value_name = ltv__report_text(T_CUSTOMERS, lang), .mark = mark,
                      .mark_note = mark >= 0 ? note : NULL, .shade_from = -1, .shade_to = -1,
                      .axis_name = ltv__report_text(T_WEEK, lang)};
    ltv__svg_columns(tb, &c);
    ltv__report_figure_table(tb);
    static const int edges[][2] = {{0, 7}, {8, 30}, {31, 60}, {61, 90}, {91, 180}, {181, 365}, {366, -1}};
    const char *heads[3] = {"", ltv__report_text(T_CUSTOMERS, lang), ltv__report_text(T_SHARE, lang)};
    ltv__report_table_open(tb, heads, 3);
    for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++) {
        uint64_t sum = 0;
        const int hi = edges[e][1] < 0 ? LTV_HEALTH_GAP_DAY_BINS - 1 : edges[e][1];
        for (int d = edges[e][0]; d <= hi; d++) sum += days[d];
        char label[LTV__VALUE_TEXT], x[LTV__VALUE_TEXT];
        days_range(label, lang, edges[e][1] < 0 ? 365 : edges[e][0], edges[e][1]);
        ltv__report_row_head(tb, label);
        ltv__report_count(x, sum);
        ltv__report_cell(tb, x);
        ltv__report_pct(x, all.second_customers ? (double)sum / (double)all.second_customers : 0);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
    return LTV_OK;
}

static int conversion(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    enum { G = 1 + LTV_RANK_COUNT };
    ltv_health_conversion conv[G];
    const char *names[G];
    double values[G][LTV_HEALTH_WINDOWS];
    for (int g = 0; g < G; g++) {
        const int group = g == 0 ? LTV_HEALTH_ALL : g - 1;
        int status = ltv_health_check_conversion(r->hc, group, &conv[g], sizeof conv[g]);
        if (status != LTV_OK) return status;
        names[g] = g == 0 ? ltv__report_text(T_ALL_CUSTOMERS, lang) : ltv_rank_label(g - 1, lang);
        for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) values[g][w] = conv[g].eligible[w] ? conv[g].rate[w] : NAN;
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__report_pct(a, conv[0].rate[3]);
    ltv__report_pct(b, conv[0].rate[5]);
    const char *args[2] = {a, b};
    ltv__report_fill(&reading, ltv__report_text(T_READ_CONVERSION, lang), args, 2);
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_CONVERSION_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    char xl[LTV_HEALTH_WINDOWS][LTV__VALUE_TEXT];
    const char *xp[LTV_HEALTH_WINDOWS];
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
        char d[16];
        snprintf(d, sizeof d, "%d", (int)conv[0].window_days[w]);
        const char *dargs[1] = {d};
        ltv__textbuf t;
        ltv__tb_init(&t);
        ltv__report_fill(&t, ltv__report_text(T_WITHIN_DAYS, lang), dargs, 1);
        snprintf(xl[w], sizeof xl[w], "%s", t.data && !t.failed ? t.data : "");
        ltv__tb_discard(&t);
        xp[w] = xl[w];
    }
    ltv__series s[G];
    for (int g = 0; g < G; g++) s[g] = (ltv__series){names[g], values[g], g == 0 ? 5 : g - 1};
    ltv__svg_lines(tb, ltv__report_text(T_CONVERSION_CHART, lang), LTV_HEALTH_WINDOWS, xp, s, G);
    ltv__report_para(tb, "note", ltv__report_text(T_ELIGIBLE_NOTE, lang));
    ltv__report_figure_table(tb);
    const char *heads[2 + LTV_HEALTH_WINDOWS + 1];
    heads[0] = ltv__report_text(T_GROUP, lang);
    heads[1] = ltv__report_text(T_CUSTOMERS, lang);
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) heads[2 + w] = xp[w];
    heads[2 + LTV_HEALTH_WINDOWS] = ltv__report_text(T_MEDIAN_DAYS, lang);
    ltv__report_table_open(tb, heads, 3 + LTV_HEALTH_WINDOWS);
    for (int g = 0; g < G; g++) {
        char v[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, names[g]);
        ltv__report_count(v, conv[g].customers);
        ltv__report_cell(tb, v);
        for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
            if (conv[g].eligible[w]) ltv__report_pct(v, conv[g].rate[w]);
            else strcpy(v, "-");
            ltv__report_cell(tb, v);
        }
        if (conv[g].median_gap_days >= 0) ltv__report_num(v, conv[g].median_gap_days, 1);
        else strcpy(v, "-");
        ltv__report_cell(tb, v);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
    return LTV_OK;
}

int ltv__report_sec_second(ltv__textbuf *tb, const ltv__report *r) {
    ltv__report_section_open(tb, "second", ltv__report_text(T_SEC_SECOND, r->lang));
    int status = gap_histogram(tb, r);
    if (status == LTV_OK) status = conversion(tb, r);
    ltv__report_section_close(tb);
    return status;
}

static int tenure(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    ltv_health_tenure t;
    int status = ltv_health_check_tenure(r->hc, &t, sizeof t);
    if (status != LTV_OK) return status;
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__report_pct(a, t.bin_share[0]);
    ltv__report_pct(b, t.bin_share[LTV_HEALTH_TENURE_BINS - 1]);
    const char *args[2] = {a, b};
    if (t.customers) ltv__report_fill(&reading, ltv__report_text(T_READ_TENURE, lang), args, 2);
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_TENURE_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    char labels[LTV_HEALTH_TENURE_BINS][LTV__VALUE_TEXT];
    const char *lp[LTV_HEALTH_TENURE_BINS];
    double v[LTV_HEALTH_TENURE_BINS];
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        days_range(labels[i], lang, t.bin_last_day[i] < 0 ? t.bin_first_day[i] - 1 : t.bin_first_day[i],
                   t.bin_last_day[i]);
        lp[i] = labels[i];
        v[i] = t.bin_share[i];
    }
    ltv__columns c = {.title = ltv__report_text(T_TENURE_CHART, lang), .n = LTV_HEALTH_TENURE_BINS, .labels = lp,
                      .values = v, .value_name = ltv__report_text(T_SHARE, lang), .mark = -1, .shade_from = -1,
                      .shade_to = -1, .percent = 1};
    ltv__svg_columns(tb, &c);
    ltv__report_figure_table(tb);
    const char *heads[3] = {"", ltv__report_text(T_CUSTOMERS, lang), ltv__report_text(T_SHARE, lang)};
    ltv__report_table_open(tb, heads, 3);
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        ltv__report_row_head(tb, labels[i]);
        ltv__report_count(a, t.bin_customers[i]);
        ltv__report_cell(tb, a);
        ltv__report_pct(a, t.bin_share[i]);
        ltv__report_cell(tb, a);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
    return LTV_OK;
}

/* Churn per period of P enrollment days (a life table), the risk peak and the wall. */
static int churn(ltv__textbuf *tb, const ltv__report *r, const ltv_health_membership *m) {
    const int lang = r->lang;
    uint64_t at_risk[LTV_HEALTH_ENROLLMENT_DAYS], cancels[LTV_HEALTH_ENROLLMENT_DAYS];
    size_t len = 0;
    int status = ltv_health_check_enrollment_days(r->hc, at_risk, cancels, LTV_HEALTH_ENROLLMENT_DAYS, &len);
    if (status != LTV_OK) return status;
    const int p = m->risk_period_days > 0 ? m->risk_period_days : 30;
    const int periods = 365 / p + 1;
    double rate[LTV_HEALTH_ENROLLMENT_DAYS];
    uint64_t risk[LTV_HEALTH_ENROLLMENT_DAYS], lost[LTV_HEALTH_ENROLLMENT_DAYS];
    char labels[LTV_HEALTH_ENROLLMENT_DAYS][LTV__VALUE_TEXT];
    const char *lp[LTV_HEALTH_ENROLLMENT_DAYS];
    const int label_every = periods > 13 ? (periods + 12) / 13 : 1;
    for (int k = 0; k < periods; k++) {
        const int first = k * p, last = first + p - 1 > 365 ? 365 : first + p - 1;
        risk[k] = at_risk[first];
        lost[k] = 0;
        for (int d = first; d <= last; d++) lost[k] += cancels[d];
        rate[k] = risk[k] ? (double)lost[k] / (double)risk[k] : 0;
        snprintf(labels[k], sizeof labels[k], "%d", first);
        lp[k] = k % label_every == 0 ? labels[k] : "";
    }
    uint64_t wall_lost = 0;
    for (int d = 100; d <= 299; d++) wall_lost += cancels[d];
    const double wall = at_risk[100] ? (double)wall_lost / (double)at_risk[100] : 0;
    const int peak = m->risk_peak_first_day >= 0 ? m->risk_peak_first_day / p : -1;
    char a[16], b[16], c[LTV__VALUE_TEXT], d[LTV__VALUE_TEXT], title[2 * LTV__VALUE_TEXT];
    snprintf(a, sizeof a, "%d", m->risk_peak_first_day);
    snprintf(b, sizeof b, "%d", m->risk_peak_last_day);
    ltv__report_pct(c, m->risk_peak_rate);
    ltv__report_pct(d, wall);
    const char *args[4] = {a, b, c, d};
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    ltv__report_fill(&reading, ltv__report_text(peak >= 0 ? T_READ_CHURN : T_READ_CHURN_NONE, lang), args, 4);
    char pd[16];
    snprintf(pd, sizeof pd, "%d", p);
    const char *targs[1] = {pd};
    ltv__textbuf t;
    ltv__tb_init(&t);
    ltv__report_fill(&t, ltv__report_text(T_CHURN_CHART, lang), targs, 1);
    snprintf(title, sizeof title, "%s", t.data && !t.failed ? t.data : "");
    ltv__tb_discard(&t);
    ltv__report_figure_open(tb, NULL, title, &reading);
    ltv__tb_discard(&reading);
    ltv__columns col = {.title = title, .n = (size_t)periods, .labels = lp, .values = rate,
                        .value_name = ltv__report_text(T_CHURN_RATE, lang), .mark = peak,
                        .mark_note = ltv__report_text(T_RISK_PEAK, lang), .shade_from = 100.0 / p, .shade_to = 300.0 / p,
                        .shade_note = ltv__report_text(T_WALL, lang), .percent = 1,
                        .axis_name = ltv__report_text(T_ENROLLED_DAYS, lang)};
    ltv__svg_columns(tb, &col);
    ltv__report_figure_table(tb);
    const char *heads[4] = {ltv__report_text(T_ENROLLED_DAYS, lang), ltv__report_text(T_AT_RISK, lang),
                            ltv__report_text(T_CANCELS, lang), ltv__report_text(T_CHURN_RATE, lang)};
    ltv__report_table_open(tb, heads, 4);
    for (int k = 0; k < periods; k++) {
        char label[LTV__VALUE_TEXT], x[LTV__VALUE_TEXT];
        const int first = k * p, last = first + p - 1 > 365 ? 365 : first + p - 1;
        days_range(label, lang, first, last);
        ltv__report_row_head(tb, label);
        ltv__report_count(x, risk[k]);
        ltv__report_cell(tb, x);
        ltv__report_count(x, lost[k]);
        ltv__report_cell(tb, x);
        ltv__report_pct(x, rate[k]);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
    return LTV_OK;
}

static void usage(ltv__textbuf *tb, const ltv__report *r, const ltv_health_membership *m) {
    const int lang = r->lang;
    char lo[24], mid_lo[24], mid_hi[24], hi[24];
    snprintf(lo, sizeof lo, "%lld", (long long)m->usage_low_max);
    snprintf(mid_lo, sizeof mid_lo, "%lld", (long long)m->usage_low_max + 1);
    snprintf(mid_hi, sizeof mid_hi, "%lld", (long long)m->usage_high_min - 1);
    snprintf(hi, sizeof hi, "%lld", (long long)m->usage_high_min);
    static const int tmpl[3] = {T_USAGE_LOW, T_USAGE_MID, T_USAGE_HIGH};
    static const int name[3] = {LTV_HEALTH_LABEL_USAGE_LOW, LTV_HEALTH_LABEL_USAGE_MIDDLE, LTV_HEALTH_LABEL_USAGE_HIGH};
    char labels[3][2 * LTV__VALUE_TEXT];
    const char *lp[3];
    for (int b = 0; b < 3; b++) {
        const char *n = ltv_health_label(name[b], lang);
        const char *args[3] = {n ? n : "", b == 1 ? mid_lo : b == 0 ? lo : hi, mid_hi};
        ltv__textbuf t;
        ltv__tb_init(&t);
        ltv__report_fill(&t, ltv__report_text(tmpl[b], lang), args, 3);
        snprintf(labels[b], sizeof labels[b], "%s", t.data && !t.failed ? t.data : "");
        ltv__tb_discard(&t);
        lp[b] = labels[b];
    }
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char s[LTV__VALUE_TEXT];
    ltv__report_pct(s, m->band_share[0]);
    const char *args[2] = {s, lo};
    if (m->usage_members) ltv__report_fill(&reading, ltv__report_text(T_READ_USAGE, lang), args, 2);
    ltv__report_figure_open(tb, NULL, ltv__report_text(T_USAGE_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    double share[3];
    char texts[3][LTV__VALUE_TEXT];
    const char *tp[3];
    for (int b = 0; b < 3; b++) {
        share[b] = m->band_share[b];
        ltv__report_pct(texts[b], share[b]);
        tp[b] = texts[b];
    }
    ltv__series series = {ltv__report_text(T_SHARE, lang), share, 2};
    ltv__svg_hbars(tb, ltv__report_text(T_USAGE_CHART, lang), 3, lp, &series, 1, 1.0, tp, 0);
    ltv__report_figure_table(tb);
    const char *heads[5] = {ltv__report_text(T_USES_PER_YEAR, lang), ltv__report_text(T_MEMBERS, lang),
                            ltv__report_text(T_SHARE, lang), ltv__report_text(T_AVG_LIFETIME_LTV, lang),
                            ltv__report_text(T_AVG_YEAR_AMOUNT, lang)};
    ltv__report_table_open(tb, heads, 5);
    for (int b = 0; b < 3; b++) {
        char x[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, labels[b]);
        ltv__report_count(x, m->band_members[b]);
        ltv__report_cell(tb, x);
        ltv__report_pct(x, m->band_share[b]);
        ltv__report_cell(tb, x);
        ltv__report_money(x, m->band_average_ltv[b], r->decimals);
        ltv__report_cell(tb, x);
        ltv__report_money(x, m->band_average_year_amount[b], r->decimals);
        ltv__report_cell(tb, x);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

static int membership(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    ltv_health_membership m;
    int status = ltv_health_check_membership(r->hc, &m, sizeof m);
    if (status != LTV_OK) return status;
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT], d[LTV__VALUE_TEXT], e[LTV__VALUE_TEXT];
    ltv__report_count(a, m.continuing_members);
    ltv__report_money(b, m.continuing_average_ltv, r->decimals);
    ltv__report_count(c, m.churned_members);
    ltv__report_money(d, m.churned_average_ltv, r->decimals);
    ltv__report_money(e, m.retention_value, r->decimals);
    const char *args[5] = {a, b, c, d, e};
    ltv__tb_puts(tb, "<p class=\"reading lead\">");
    ltv__report_fill(tb, ltv__report_text(T_MEMBERSHIP_SUMMARY, lang), args, 5);
    ltv__tb_puts(tb, "</p>\n");
    status = churn(tb, r, &m);
    if (status == LTV_OK) usage(tb, r, &m);
    return status;
}

int ltv__report_sec_tenure(ltv__textbuf *tb, const ltv__report *r) {
    ltv__report_section_open(tb, "tenure", ltv__report_text(T_SEC_TENURE, r->lang));
    int status = tenure(tb, r);
    if (status == LTV_OK) {
        if (ltv_health_check_has_membership(r->hc)) status = membership(tb, r);
        else ltv__report_para(tb, "note", ltv__report_text(T_NO_MEMBERSHIP, r->lang));
    }
    ltv__report_section_close(tb);
    return status;
}
