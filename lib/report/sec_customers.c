/* Sections about who the customers are: the headline figures, lifecycle states and value
 * ranks with the LTV decomposition. */
#include <math.h>
#include <string.h>

#include "report_internal.h"

static void card(ltv__textbuf *tb, const char *key, const char *value, const ltv__textbuf *sub) {
    ltv__tb_puts(tb, "<div class=\"card\"><div class=\"k\">");
    ltv__tb_html(tb, key, strlen(key));
    ltv__tb_puts(tb, "</div><div class=\"v\">");
    ltv__tb_html(tb, value, strlen(value));
    ltv__tb_puts(tb, "</div><div class=\"s\">");
    if (sub->data) ltv__tb_append(tb, sub->data, sub->len);
    ltv__tb_puts(tb, "</div></div>\n");
}

/* A card whose small print is a template with one value. */
static void card1(ltv__textbuf *tb, int lang, int key, const char *value, int sub, const char *arg) {
    ltv__textbuf s;
    ltv__tb_init(&s);
    const char *args[1] = {arg};
    ltv__report_fill(&s, ltv__report_text(sub, lang), args, arg ? 1 : 0);
    card(tb, ltv__report_text(key, lang), value, &s);
    ltv__tb_discard(&s);
}

static void cpo_line(ltv__textbuf *tb, const ltv__report *r) {
    const int64_t cpo = r->opts ? r->opts->values[LTV_REPORT_CPO] : -1;
    int verdict = 0;
    if (cpo < 0 || ltv_segmentation_cpo_verdict(r->seg, cpo, &verdict, NULL) != LTV_OK) return;
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__format_money(cpo, r->decimals, a, sizeof a);
    ltv__report_money(b, r->ltv.average_ltv, r->decimals);
    const char *v = ltv_cpo_verdict_label(verdict, r->lang);
    const char *args[3] = {a, b, v ? v : ""};
    ltv__tb_puts(tb, "<p class=\"reading\">");
    ltv__report_fill(tb, ltv__report_text(T_CPO_LINE, r->lang), args, 3);
    ltv__tb_puts(tb, "</p>\n");
}

void ltv__report_sec_headline(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    const ltv_health_overview *o = &r->overview;
    char v[LTV__VALUE_TEXT], a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    const double annual = o->customers ? (double)o->year_revenue / (double)o->customers : 0.0;
    ltv__report_section_open(tb, "headline", ltv__report_text(T_SEC_HEADLINE, lang));
    ltv__tb_puts(tb, "<div class=\"cards\">\n");
    ltv__report_count(v, o->customers);
    card1(tb, lang, T_CUSTOMERS, v, T_HEADLINE_SUB_CUSTOMERS, NULL);
    ltv__report_count(v, o->orders);
    ltv__report_count(a, o->year_orders);
    card1(tb, lang, T_ORDERS, v, T_HEADLINE_SUB_ORDERS, a);
    ltv__format_money(o->revenue, r->decimals, v, sizeof v);
    ltv__format_money(o->year_revenue, r->decimals, a, sizeof a);
    card1(tb, lang, T_REVENUE, v, T_HEADLINE_SUB_REVENUE, a);
    ltv__report_money(v, o->average_order_value, r->decimals);
    ltv__report_num(a, o->items_per_order, 2);
    card1(tb, lang, T_AOV, v, T_HEADLINE_SUB_AOV, a);
    ltv__report_pct(v, o->repeat_rate);
    ltv__report_pct(a, o->year_repeat_rate);
    card1(tb, lang, T_REPEAT_RATE, v, T_HEADLINE_SUB_REPEAT, a);
    ltv__report_money(v, annual, r->decimals);
    card1(tb, lang, T_ANNUAL_LTV, v, T_HEADLINE_SUB_LTV, NULL);
    ltv__tb_puts(tb, "</div>\n");
    if (o->customers) {
        ltv__report_count(a, o->repeat_customers);
        ltv__report_count(b, o->customers);
        ltv__report_money(v, annual, r->decimals);
        const char *args[3] = {a, b, v};
        ltv__tb_puts(tb, "<p class=\"reading\">");
        ltv__report_fill(tb, ltv__report_text(T_READ_HEADLINE, lang), args, 3);
        ltv__tb_puts(tb, "</p>\n");
    } else {
        ltv__report_para(tb, "reading", ltv__report_text(T_NO_DATA, lang));
    }
    cpo_line(tb, r);
    ltv__report_section_close(tb);
}

/* The group whose revenue share is largest against its customer share: the reading. */
static void read_shares(ltv__textbuf *out, int lang, size_t n, const char *const *labels, const double *cust,
                        const double *rev) {
    size_t best = n;
    double ratio = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(cust[i] > 0) || !(rev[i] > 0)) continue;
        if (best == n || rev[i] / cust[i] > ratio) best = i, ratio = rev[i] / cust[i];
    }
    if (best == n) return;
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
    ltv__report_pct(a, cust[best]);
    ltv__report_pct(b, rev[best]);
    const char *args[3] = {labels[best], a, b};
    ltv__report_fill(out, ltv__report_text(T_READ_STATES, lang), args, 3);
}

void ltv__report_share_figure(ltv__textbuf *tb, const ltv__report *r, int title, int first_head, size_t n,
                              const char *const *labels, const uint64_t *customers, const double *cust_share,
                              const double *revenue, const double *rev_share, const double *avg_ltv, int avg_head,
                              const ltv__textbuf *extra_note) {
    const int lang = r->lang;
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    read_shares(&reading, lang, n, labels, cust_share, rev_share);
    if (extra_note && extra_note->data) {
        if (reading.len) ltv__tb_puts(&reading, lang == LTV_LANG_JA ? "" : " ");
        ltv__tb_append(&reading, extra_note->data, extra_note->len);
    }
    ltv__report_figure_open(tb, NULL, ltv__report_text(title, lang), &reading);
    ltv__tb_discard(&reading);
    char (*texts)[LTV__VALUE_TEXT] = ltv__calloc(2 * n + 1, LTV__VALUE_TEXT);
    const char **tp = ltv__calloc(2 * n + 1, sizeof *tp);
    if (texts && tp) {
        for (size_t i = 0; i < n; i++) {
            ltv__report_pct(texts[i], cust_share[i]);
            ltv__report_pct(texts[n + i], rev_share[i]);
            tp[i] = texts[i];
            tp[n + i] = texts[n + i];
        }
        double max = 0;
        for (size_t i = 0; i < n; i++) max = fmax(max, fmax(cust_share[i], rev_share[i]));
        ltv__series s[2] = {{ltv__report_text(T_CUSTOMER_SHARE, lang), cust_share, 0},
                            {ltv__report_text(T_REVENUE_SHARE, lang), rev_share, 1}};
        ltv__svg_hbars(tb, ltv__report_text(title, lang), n, labels, s, 2, max > 0 ? max : 1, tp, 0);
    } else {
        tb->failed = true;
    }
    ltv__free(texts);
    ltv__free(tp);
    ltv__report_figure_table(tb);
    const char *heads[6] = {ltv__report_text(first_head, lang), ltv__report_text(T_CUSTOMERS, lang),
                            ltv__report_text(T_SHARE, lang), ltv__report_text(T_REVENUE, lang),
                            ltv__report_text(T_SHARE, lang), ltv__report_text(avg_head, lang)};
    ltv__report_table_open(tb, heads, avg_ltv ? 6 : 5);
    for (size_t i = 0; i < n; i++) {
        char v[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, labels[i]);
        ltv__report_count(v, customers[i]);
        ltv__report_cell(tb, v);
        ltv__report_pct(v, cust_share[i]);
        ltv__report_cell(tb, v);
        ltv__report_money(v, revenue[i], r->decimals);
        ltv__report_cell(tb, v);
        ltv__report_pct(v, rev_share[i]);
        ltv__report_cell(tb, v);
        if (avg_ltv) {
            ltv__report_money(v, avg_ltv[i], r->decimals);
            ltv__report_cell(tb, v);
        }
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

static void group_figure(ltv__textbuf *tb, const ltv__report *r, int title, const ltv_group_stats *g, size_t n,
                         const char *const *labels, const ltv__textbuf *note) {
    uint64_t customers[LTV_STATE_COUNT];
    double cs[LTV_STATE_COUNT], rev[LTV_STATE_COUNT], rs[LTV_STATE_COUNT], avg[LTV_STATE_COUNT];
    for (size_t i = 0; i < n; i++) {
        customers[i] = g[i].customers;
        cs[i] = g[i].customer_share;
        rev[i] = (double)g[i].revenue;
        rs[i] = g[i].revenue_share;
        avg[i] = g[i].average_ltv;
    }
    const int head = r->ltv.basis == LTV_BASIS_LIFETIME ? T_AVG_LIFETIME_LTV : T_AVG_ANNUAL_LTV;
    ltv__report_share_figure(tb, r, title, T_GROUP, n, labels, customers, cs, rev, rs, avg, head, note);
}

/* The factor with the largest ratio between the best rank and the rank after it that has customers. */
static void read_decomposition(ltv__textbuf *out, const ltv__report *r, const char *const *labels) {
    int hi = -1, lo = -1;
    for (int k = 0; k < LTV_RANK_COUNT; k++) {
        if (!r->ranks[k].customers) continue;
        if (hi < 0) hi = k;
        else lo = k;
    }
    if (hi < 0 || lo < 0) return;
    const ltv_group_stats *a = &r->ranks[hi], *b = &r->ranks[lo];
    const double fa[3] = {a->active_years, a->orders_per_year, a->average_order_value};
    const double fb[3] = {b->active_years, b->orders_per_year, b->average_order_value};
    static const int names[3] = {T_LC_ACTIVE_YEARS, T_LC_ORDERS_PER_YEAR, T_LC_ORDER_VALUE};
    int best = 0;
    double ratio = 0;
    for (int f = 0; f < 3; f++) {
        if (!(fa[f] > 0) || !(fb[f] > 0)) continue;
        const double q = fa[f] > fb[f] ? fa[f] / fb[f] : fb[f] / fa[f];
        if (q > ratio) best = f, ratio = q;
    }
    char x[LTV__VALUE_TEXT], y[LTV__VALUE_TEXT];
    if (best == 2) {
        ltv__report_money(x, fa[2], r->decimals);
        ltv__report_money(y, fb[2], r->decimals);
    } else {
        ltv__report_num(x, fa[best], 2);
        ltv__report_num(y, fb[best], 2);
    }
    const char *args[5] = {labels[hi], labels[lo], ltv__report_text(names[best], r->lang), x, y};
    ltv__report_fill(out, ltv__report_text(T_READ_DECOMP, r->lang), args, 5);
}

static void decomposition(ltv__textbuf *tb, const ltv__report *r, const char *const *labels) {
    const int lang = r->lang;
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    read_decomposition(&reading, r, labels);
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_DECOMP_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    static const int factor_names[3] = {T_ACTIVE_YEARS, T_ORDERS_PER_YEAR, T_ORDER_VALUE};
    ltv__tb_puts(tb, "<div class=\"trio\">\n");
    for (int f = 0; f < 3; f++) {
        double v[LTV_RANK_COUNT], max = 0;
        char texts[LTV_RANK_COUNT][LTV__VALUE_TEXT];
        const char *tp[LTV_RANK_COUNT];
        for (int k = 0; k < LTV_RANK_COUNT; k++) {
            const ltv_group_stats *g = &r->ranks[k];
            v[k] = f == 0 ? g->active_years : f == 1 ? g->orders_per_year : g->average_order_value;
            if (f == 2) ltv__report_money(texts[k], v[k], r->decimals);
            else ltv__report_num(texts[k], v[k], 2);
            tp[k] = texts[k];
            max = fmax(max, v[k]);
        }
        ltv__series s = {ltv__report_text(factor_names[f], lang), v, 2 + f};
        ltv__tb_puts(tb, "<div><p class=\"note\">");
        ltv__tb_puts(tb, ltv__report_text(factor_names[f], lang));
        ltv__tb_puts(tb, "</p>");
        ltv__svg_hbars(tb, ltv__report_text(factor_names[f], lang), LTV_RANK_COUNT, labels, &s, 1, max, tp, 330);
        ltv__tb_puts(tb, "</div>\n");
    }
    ltv__tb_puts(tb, "</div>\n");
    ltv__report_figure_table(tb);
    const char *heads[6] = {ltv__report_text(T_GROUP, lang),         ltv__report_text(T_CUSTOMERS, lang),
                            ltv__report_text(T_ACTIVE_YEARS, lang),  ltv__report_text(T_ORDERS_PER_YEAR, lang),
                            ltv__report_text(T_ORDER_VALUE, lang),   ltv__report_text(T_LIFETIME_LTV, lang)};
    ltv__report_table_open(tb, heads, 6);
    for (int k = 0; k < LTV_RANK_COUNT; k++) {
        const ltv_group_stats *g = &r->ranks[k];
        char v[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, labels[k]);
        ltv__report_count(v, g->customers);
        ltv__report_cell(tb, v);
        ltv__report_num(v, g->active_years, 2);
        ltv__report_cell(tb, v);
        ltv__report_num(v, g->orders_per_year, 2);
        ltv__report_cell(tb, v);
        ltv__report_money(v, g->average_order_value, r->decimals);
        ltv__report_cell(tb, v);
        ltv__report_money(v, g->active_years * g->orders_per_year * g->average_order_value, r->decimals);
        ltv__report_cell(tb, v);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__report_figure_close(tb);
}

void ltv__report_sec_states(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    ltv__report_section_open(tb, "states", ltv__report_text(T_SEC_STATES, lang));
    const char *states[LTV_STATE_COUNT], *ranks[LTV_RANK_COUNT];
    for (int s = 0; s < LTV_STATE_COUNT; s++) states[s] = ltv_state_label(s, lang);
    for (int k = 0; k < LTV_RANK_COUNT; k++) ranks[k] = ltv_rank_label(k, lang);
    group_figure(tb, r, T_STATES_CHART, r->states, LTV_STATE_COUNT, states, NULL);
    uint64_t ranked = 0;
    for (int k = 0; k < LTV_RANK_COUNT; k++) ranked += r->ranks[k].customers;
    ltv__textbuf note;
    ltv__tb_init(&note);
    if (r->overview.customers > ranked) {
        char v[LTV__VALUE_TEXT];
        ltv__report_count(v, r->overview.customers - ranked);
        const char *args[1] = {v};
        ltv__report_fill(&note, ltv__report_text(T_NO_RANK_NOTE, lang), args, 1);
    }
    group_figure(tb, r, T_RANKS_CHART, r->ranks, LTV_RANK_COUNT, ranks, &note);
    ltv__tb_discard(&note);
    decomposition(tb, r, ranks);
    ltv__report_section_close(tb);
}
