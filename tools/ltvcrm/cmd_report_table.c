/* ltvcrm report, table format: a one-page health check a shop owner prints every month.
 * Section headings, aligned numbers (Japanese labels count as two columns), percentages with
 * one decimal. The library gives the figures and the labels; this file only lays them out. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "cmd_report.h"

#define LABEL_WIDTH 40 /* display columns of the label column, indent included */
#define VALUE_WIDTH 14

/* Words of the layout that are not figure labels: [lang]. */
typedef struct report_words {
    const char *as_of, *events, *window_open, *window_close, *days, *dash, *over_pre, *over_post;
    const char *week_pre, *week_post, *average, *average_ltv, *lifetime_average, *by_rank, *median, *most_week, *customers, *share,
        *revenue, *members, *churned, *ltv_from_pre, *ltv_from_post, *of_all_ltv, *no_peak, *at_risk_of, *cut_points,
        *by_score, *continuing, *churned_customers, *customer_gap, *basis_annual, *basis_lifetime, *lifetime_ltv,
        *years, *per_year, *order_value, *no_second, *ratio, *load, *rows_read, *taken, *rejected, *gap_rows,
        *tenure_average, *best, *at_risk, *rate, *people_pre, *people_post, *among_pre, *among_post;
} report_words;

/* Every LTV figure names its basis [lang][ltv_ltv_basis]: the analyses use the configured one,
 * continuing vs churned and membership figures the lifetime amount, the excellent-rank levels
 * the trailing year's. */
typedef struct ltv_words {
    const char *name, *average, *from_pre, *from_post, *of_all, *ratio;
} ltv_words;
static const ltv_words ltv_words_of[2][2] = {
    {{"annual LTV", "average annual LTV", "annual LTV from ", "", "of all annual LTV", "annual LTV / CPO"},
     {"lifetime LTV", "average lifetime LTV", "lifetime LTV from ", "", "of all lifetime LTV", "lifetime LTV / CPO"}},
    {{"年間LTV", "平均年間LTV", "年間LTV ", "以上", "年間LTV全体の", "年間LTV ÷ CPO"},
     {"累計LTV", "平均累計LTV", "累計LTV ", "以上", "累計LTV全体の", "累計LTV ÷ CPO"}},
};

static const report_words words[2] = {
    {
        .as_of = "as of", .events = "events from", .window_open = " ", .window_close = " days", .days = " days",
        .dash = "–", .over_pre = "over ", .over_post = " days", .week_pre = "week ", .week_post = "",
        .average = "Average", .average_ltv = "average LTV", .lifetime_average = "average lifetime LTV", .by_rank = "By value rank", .median = "median",
        .most_week = "week", .customers = "customers", .share = "share", .revenue = "revenue", .members = "members",
        .churned = "churned", .ltv_from_pre = "LTV from ", .ltv_from_post = "", .of_all_ltv = "of all LTV",
        .no_peak = "none (no period with enough members at risk and a cancel)", .at_risk_of = "at risk",
        .cut_points = "cut points", .by_score = "customers by score",
        .continuing = "Continuing customers (not dormant)",
        .churned_customers = "Churned customers (dormant)",
        .customer_gap = "Lifetime LTV gap (worth of keeping one)",
        .basis_annual = "annual LTV: the amount of the trailing year",
        .basis_lifetime = "lifetime LTV: the amount since the first order", .lifetime_ltv = "lifetime LTV",
        .years = "years", .per_year = "orders/yr", .order_value = "order value",
        .no_second = "no second purchase yet", .ratio = "LTV / CPO",
        .load = "load", .rows_read = "rows read", .taken = "taken", .rejected = "rejected",
        .gap_rows = "Days to the second purchase", .tenure_average = "Average tenure", .best = "5 = best",
        .at_risk = "at risk", .rate = "rate",
        .people_pre = "", .people_post = " customers", .among_pre = "among ", .among_post = " repeat customers",
    },
    {
        .as_of = "基準日", .events = "データ期間", .window_open = "（", .window_close = "日以内）", .days = "日",
        .dash = "〜", .over_pre = "", .over_post = "日超", .week_pre = "", .week_post = "週目",
        .average = "平均", .average_ltv = "平均LTV", .lifetime_average = "平均累計LTV", .by_rank = "ランク別", .median = "中央値",
        .most_week = "最多週", .customers = "顧客数", .share = "構成比", .revenue = "売上", .members = "会員数",
        .churned = "退会", .ltv_from_pre = "LTV ", .ltv_from_post = "以上", .of_all_ltv = "LTV全体の",
        .no_peak = "なし（十分な在籍者と退会のある期間がありません）", .at_risk_of = "期首在籍",
        .cut_points = "区切り値", .by_score = "スコア別の顧客数", .continuing = "継続顧客（休眠以外）",
        .churned_customers = "離脱顧客（休眠）", .customer_gap = "継続と離脱の累計LTV差（定着の価値）",
        .basis_annual = "年間LTV：直近1年の購入額", .basis_lifetime = "累計LTV：初回からの購入額",
        .lifetime_ltv = "累計LTV", .years = "期間(年)", .per_year = "年間回数", .order_value = "注文単価",
        .no_second = "2回目の購入はまだありません", .ratio = "LTV ÷ CPO",
        .load = "読み込み", .rows_read = "行を読み込み", .taken = "行を採用", .rejected = "行を除外",
        .gap_rows = "2回目までの日数の分布", .tenure_average = "平均在籍期間", .best = "5が最良", .at_risk = "期首在籍数", .rate = "退会率",
        .people_pre = "", .people_post = "人", .among_pre = "リピート顧客", .among_post = "人の中央値",
    },
};

static const char *label(const report_view *v, int id) { return ltv_health_label(id, v->lang); }

/* Terminal columns of UTF-8 text: East Asian wide and fullwidth characters take two. */
static size_t display_width(const char *text) {
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        uint32_t cp = *p;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (extra) cp &= 0x3Fu >> extra;
        p++;
        for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++, p++) cp = (cp << 6) | (*p & 0x3Fu);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

static void print_left(const char *text, size_t width) {
    size_t w = display_width(text);
    fputs(text, stdout);
    for (; w < width; w++) fputc(' ', stdout);
}

static void print_right(const char *text, size_t width) {
    for (size_t w = display_width(text); w < width; w++) fputc(' ', stdout);
    fputs(text, stdout);
}

/* "  label ......... value  extra" */
static void row(const char *name, const char *value, const char *extra) {
    fputs("  ", stdout);
    print_left(name, LABEL_WIDTH - 2);
    print_right(value, VALUE_WIDTH);
    if (extra && *extra) printf("   %s", extra);
    fputc('\n', stdout);
}

static void heading(const char *text) {
    printf("\n%s\n", text);
    for (size_t i = display_width(text); i > 0; i--) fputc('-', stdout);
    fputc('\n', stdout);
}

/* Buffers sized so that every composition provably fits: numbers, pairs, whole lines. */
typedef struct num {
    char s[48];
} num;
typedef struct mid {
    char s[112];
} mid;
typedef struct line {
    char s[256];
} line;

static num count_text(uint64_t n) {
    num t;
    cli_format_money((int64_t)n, 0, true, t.s, sizeof t.s);
    return t;
}

static num money_text(const report_view *v, double minor) {
    num t;
    cli_format_money((int64_t)llround(minor), v->decimals, true, t.s, sizeof t.s);
    return t;
}

static num percent_text(double rate) {
    num t;
    snprintf(t.s, sizeof t.s, "%.1f%%", 100.0 * rate);
    return t;
}

/* A percentage right-aligned in 6 columns, for columns of shares. */
static num share_text(double rate) {
    num t;
    snprintf(t.s, sizeof t.s, "%6.1f%%", 100.0 * rate);
    return t;
}

static mid fraction_text(uint64_t part, uint64_t whole) {
    mid t;
    num a = count_text(part), b = count_text(whole);
    snprintf(t.s, sizeof t.s, "%s / %s", a.s, b.s);
    return t;
}

/* "0–99 days", "0〜99日", "over 365 days", "365日超" */
static num range_text(const report_view *v, int32_t first, int32_t last) {
    const report_words *w = &words[v->lang];
    num t;
    if (last < 0) snprintf(t.s, sizeof t.s, "%s%d%s", w->over_pre, (int)first - 1, w->over_post);
    else snprintf(t.s, sizeof t.s, "%d%s%d%s", (int)first, w->dash, (int)last, w->days);
    return t;
}

/* "Second purchase within 7 days", "2回目購入率（7日以内）" */
static line within_text(const report_view *v, int id, int32_t days) {
    const report_words *w = &words[v->lang];
    line t;
    snprintf(t.s, sizeof t.s, "%s%s%d%s", label(v, id), w->window_open, (int)days, w->window_close);
    return t;
}

static void print_header(const report_view *v) {
    const report_words *w = &words[v->lang];
    char as_of[CLI_DAY_TEXT], first[CLI_DAY_TEXT] = "-", last[CLI_DAY_TEXT] = "-";
    cli_day_text(v->shown_as_of, as_of, sizeof as_of);
    ltv_ledger_summary s;
    if (ltv_ledger_summary_as_of(v->ledger, v->as_of, &s, sizeof s) == LTV_OK) {
        cli_day_text(s.first_day, first, sizeof first);
        cli_day_text(s.last_day, last, sizeof last);
    }
    const bool ja = v->lang == LTV_LANG_JA;
    printf("%s — %s %s%s%s %s%s%s%s\n", label(v, LTV_HEALTH_LABEL_TITLE), w->as_of, as_of, ja ? "（" : " (", w->events,
           first, ja ? "〜" : " to ", last, ja ? "）" : ")");
}

static void print_sales(const report_view *v, const ltv_health_overview *o) {
    heading(label(v, LTV_HEALTH_LABEL_SECTION_SALES));
    char items[32];
    snprintf(items, sizeof items, "%.2f", o->items_per_order);
    row(label(v, LTV_HEALTH_LABEL_CUSTOMERS), count_text(o->customers).s, NULL);
    row(label(v, LTV_HEALTH_LABEL_ORDERS), count_text(o->orders).s, NULL);
    row(label(v, LTV_HEALTH_LABEL_REVENUE), money_text(v, (double)o->revenue).s, NULL);
    row(label(v, LTV_HEALTH_LABEL_GROSS_REVENUE), money_text(v, (double)o->gross_revenue).s, NULL);
    row(label(v, LTV_HEALTH_LABEL_AOV), money_text(v, o->average_order_value).s, NULL);
    row(label(v, LTV_HEALTH_LABEL_ITEMS_PER_ORDER), items, NULL);

    heading(label(v, LTV_HEALTH_LABEL_SECTION_REPEAT));
    row(label(v, LTV_HEALTH_LABEL_REPEAT_RATE), percent_text(o->repeat_rate).s,
        fraction_text(o->repeat_customers, o->customers).s);
    row(label(v, LTV_HEALTH_LABEL_YEAR_REPEAT_RATE), percent_text(o->year_repeat_rate).s,
        fraction_text(o->year_repeat_customers, o->year_customers).s);
}

/* The gap distribution in the windows' ranges: 0–7, 8–30, …, 181–365, over 365 days. */
static void print_gap_rows(const report_view *v, const ltv_health_conversion *c) {
    uint64_t days[LTV_HEALTH_GAP_DAY_BINS];
    size_t len = 0;
    if (ltv_health_check_gap_days(v->hc, LTV_HEALTH_ALL, days, LTV_HEALTH_GAP_DAY_BINS, &len) != LTV_OK) return;
    printf("  %s\n", words[v->lang].gap_rows);
    int32_t first = 0;
    for (int wi = 0; wi <= LTV_HEALTH_WINDOWS; wi++) {
        const int32_t last = wi < LTV_HEALTH_WINDOWS ? c->window_days[wi] : -1;
        uint64_t n = 0;
        for (int32_t d = first; d <= (last < 0 ? 366 : last); d++) n += days[d];
        num name = range_text(v, first, last);
        line indented;
        snprintf(indented.s, sizeof indented.s, "  %s", name.s);
        const double share = c->second_customers ? (double)n / (double)c->second_customers : 0.0;
        row(indented.s, count_text(n).s, share_text(share).s);
        first = last + 1;
    }
}

static void print_rank_table(const report_view *v) {
    const report_words *w = &words[v->lang];
    printf("\n  ");
    print_left(w->by_rank, 18);
    print_right(w->customers, 10);
    ltv_health_conversion all;
    ltv_health_check_conversion(v->hc, LTV_HEALTH_ALL, &all, sizeof all);
    for (int i = 0; i < LTV_HEALTH_WINDOWS; i++) {
        char head[24];
        snprintf(head, sizeof head, "%d%s", (int)all.window_days[i], v->lang == LTV_LANG_JA ? "日" : "d");
        print_right(head, 7);
    }
    print_right(w->median, 8);
    print_right(w->most_week, 7);
    fputc('\n', stdout);
    for (int r = LTV_RANK_EXCELLENT; r <= LTV_RANK_COUNT; r++) {
        const int rank = r < LTV_RANK_COUNT ? r : LTV_RANK_NONE; /* the four ranks, then "no rank" */
        ltv_health_conversion c;
        if (ltv_health_check_conversion(v->hc, rank, &c, sizeof c) != LTV_OK) continue;
        fputs("    ", stdout);
        print_left(ltv_rank_label(rank, v->lang), 16);
        print_right(count_text(c.customers).s, 10);
        for (int i = 0; i < LTV_HEALTH_WINDOWS; i++) print_right(c.eligible[i] ? percent_text(c.rate[i]).s : "-", 7);
        char median[24] = "-", week[24] = "-";
        if (c.median_gap_days >= 0) snprintf(median, sizeof median, "%.1f", c.median_gap_days);
        if (c.most_common_week >= 0) snprintf(week, sizeof week, "%d", (int)c.most_common_week);
        print_right(median, 8);
        print_right(week, 7);
        fputc('\n', stdout);
    }
}

static void print_second(const report_view *v) {
    const report_words *w = &words[v->lang];
    ltv_health_conversion c;
    if (ltv_health_check_conversion(v->hc, LTV_HEALTH_ALL, &c, sizeof c) != LTV_OK) return;
    heading(label(v, LTV_HEALTH_LABEL_SECTION_SECOND));
    for (int i = 0; i < LTV_HEALTH_WINDOWS; i++)
        row(within_text(v, LTV_HEALTH_LABEL_SECOND_WITHIN, c.window_days[i]).s, percent_text(c.rate[i]).s,
            fraction_text(c.converted[i], c.eligible[i]).s);
    if (c.second_customers == 0) {
        row(label(v, LTV_HEALTH_LABEL_MEDIAN_GAP), "-", w->no_second);
    } else {
        line median, extra;
        num repeaters = count_text(c.second_customers);
        snprintf(median.s, sizeof median.s, "%.1f%s", c.median_gap_days, w->days);
        snprintf(extra.s, sizeof extra.s, "%s%s%s", w->among_pre, repeaters.s, w->among_post);
        row(label(v, LTV_HEALTH_LABEL_MEDIAN_GAP), median.s, extra.s);
    }
    if (c.most_common_week >= 0) {
        line week, extra;
        num n = count_text(c.most_common_week_customers);
        const int shown = (int)c.most_common_week + (v->lang == LTV_LANG_JA ? 1 : 0);
        snprintf(week.s, sizeof week.s, "%s%d%s", w->week_pre, shown, w->week_post);
        num days = range_text(v, 7 * c.most_common_week, 7 * c.most_common_week + 6);
        snprintf(extra.s, sizeof extra.s, "%s%s%s%s%s", days.s, v->lang == LTV_LANG_JA ? "・" : " · ", w->people_pre, n.s,
                 w->people_post);
        row(label(v, LTV_HEALTH_LABEL_COMMON_WEEK), week.s, extra.s);
    }
    print_gap_rows(v, &c);
    if (ltv_health_check_has_ranks(v->hc)) print_rank_table(v);
}

static void print_tenure(const report_view *v) {
    const report_words *w = &words[v->lang];
    ltv_health_tenure t;
    if (ltv_health_check_tenure(v->hc, &t, sizeof t) != LTV_OK) return;
    heading(label(v, LTV_HEALTH_LABEL_SECTION_TENURE));
    for (int b = 0; b < LTV_HEALTH_TENURE_BINS; b++)
        row(range_text(v, t.bin_first_day[b], t.bin_last_day[b]).s, count_text(t.bin_customers[b]).s,
            share_text(t.bin_share[b]).s);
    line avg;
    snprintf(avg.s, sizeof avg.s, "%.1f%s", t.average_tenure_days, w->days);
    row(w->tenure_average, avg.s, NULL);
}

static line band_name(const report_view *v, const ltv_health_membership *m, int band) {
    static const int ids[3] = {LTV_HEALTH_LABEL_USAGE_LOW, LTV_HEALTH_LABEL_USAGE_MIDDLE, LTV_HEALTH_LABEL_USAGE_HIGH};
    const bool ja = v->lang == LTV_LANG_JA;
    const long long lo = (long long)m->usage_low_max, hi = (long long)m->usage_high_min;
    line t;
    if (band == 0) snprintf(t.s, sizeof t.s, ja ? "%s（%lld回以下）" : "%s (up to %lld uses)", label(v, ids[0]), lo);
    else if (band == 2) snprintf(t.s, sizeof t.s, ja ? "%s（%lld回以上）" : "%s (%lld uses or more)", label(v, ids[2]), hi);
    else snprintf(t.s, sizeof t.s, ja ? "%s（%lld〜%lld回）" : "%s (%lld–%lld uses)", label(v, ids[1]), lo + 1, hi - 1);
    return t;
}

static void print_membership(const report_view *v) {
    const report_words *w = &words[v->lang];
    ltv_health_membership m;
    if (ltv_health_check_membership(v->hc, &m, sizeof m) != LTV_OK) return;
    heading(label(v, LTV_HEALTH_LABEL_SECTION_MEMBERSHIP));
    line extra;
    row(label(v, LTV_HEALTH_LABEL_MEMBERS), count_text(m.members).s, NULL);
    const ltv_words *lw = &ltv_words_of[v->lang][LTV_BASIS_LIFETIME]; /* a member's LTV: the lifetime amount */
    snprintf(extra.s, sizeof extra.s, "%s %s", lw->average, money_text(v, m.continuing_average_ltv).s);
    row(label(v, LTV_HEALTH_LABEL_CONTINUING), count_text(m.continuing_members).s, extra.s);
    snprintf(extra.s, sizeof extra.s, "%s %s", lw->average, money_text(v, m.churned_average_ltv).s);
    row(label(v, LTV_HEALTH_LABEL_CHURNED), count_text(m.churned_members).s, extra.s);
    row(label(v, LTV_HEALTH_LABEL_RETENTION_VALUE), money_text(v, m.retention_value).s, NULL);
    row(within_text(v, LTV_HEALTH_LABEL_CHURN_WITHIN, m.short_window_days).s, percent_text(m.short_churn_rate).s,
        fraction_text(m.short_churned, m.short_eligible).s);
    row(within_text(v, LTV_HEALTH_LABEL_CHURN_WITHIN, m.long_window_days).s, percent_text(m.long_churn_rate).s,
        fraction_text(m.long_churned, m.long_eligible).s);

    printf("\n  ");
    print_left(label(v, LTV_HEALTH_LABEL_CHURN_BY_TENURE), 28);
    print_right(w->members, 10);
    print_right(w->at_risk, 12);
    print_right(w->churned, 10);
    print_right(w->rate, 9);
    fputc('\n', stdout);
    for (int b = 0; b < LTV_HEALTH_TENURE_BINS; b++) {
        fputs("    ", stdout);
        print_left(range_text(v, m.bin_first_day[b], m.bin_last_day[b]).s, 26);
        print_right(count_text(m.bin_members[b]).s, 10);
        print_right(count_text(m.bin_at_risk[b]).s, 12);
        print_right(count_text(m.bin_churned[b]).s, 10);
        print_right(percent_text(m.bin_churn_rate[b]).s, 9);
        fputc('\n', stdout);
    }
    fputc('\n', stdout);
    if (m.risk_peak_first_day < 0) {
        row(label(v, LTV_HEALTH_LABEL_RISK_PEAK), "-", w->no_peak);
    } else {
        num days = range_text(v, m.risk_peak_first_day, m.risk_peak_last_day);
        mid counts = fraction_text(m.risk_peak_churned, m.risk_peak_at_risk);
        snprintf(extra.s, sizeof extra.s, "%s · %s %s", days.s, counts.s, w->at_risk_of);
        row(label(v, LTV_HEALTH_LABEL_RISK_PEAK), percent_text(m.risk_peak_rate).s, extra.s);
    }

    heading(label(v, LTV_HEALTH_LABEL_SECTION_USAGE));
    for (int b = 0; b < LTV_HEALTH_USAGE_BANDS; b++) {
        snprintf(extra.s, sizeof extra.s, "%7s   %s %s", percent_text(m.band_share[b]).s, lw->average,
                 money_text(v, m.band_average_ltv[b]).s);
        row(band_name(v, &m, b).s, count_text(m.band_members[b]).s, extra.s);
    }
    row(label(v, LTV_HEALTH_LABEL_NEWER_MEMBERS), count_text(m.usage_newer_members).s, NULL);
}

static const ltv_words *basis_words(const report_view *v) {
    ltv_ltv_summary s;
    const int basis = ltv_segmentation_ltv_summary(v->seg, &s, sizeof s) == LTV_OK ? s.basis : LTV_BASIS_ANNUAL;
    return &ltv_words_of[v->lang][basis == LTV_BASIS_LIFETIME];
}

static void print_states(const report_view *v) {
    const report_words *w = &words[v->lang];
    heading(label(v, LTV_HEALTH_LABEL_SECTION_STATES));
    printf("  ");
    print_left("", 18);
    print_right(w->customers, 10);
    print_right(w->share, 8);
    print_right(w->revenue, 16);
    print_right(w->share, 8);
    print_right(basis_words(v)->average, 22);
    fputc('\n', stdout);
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats g;
        if (ltv_segmentation_state_stats(v->seg, s, &g, sizeof g) != LTV_OK) continue;
        fputs("  ", stdout);
        print_left(ltv_state_label(s, v->lang), 18);
        print_right(count_text(g.customers).s, 10);
        print_right(percent_text(g.customer_share).s, 8);
        print_right(money_text(v, (double)g.revenue).s, 16);
        print_right(percent_text(g.revenue_share).s, 8);
        print_right(money_text(v, g.average_ltv).s, 22);
        fputc('\n', stdout);
    }
}

static void print_ranks(const report_view *v) {
    const report_words *w = &words[v->lang];
    heading(label(v, LTV_HEALTH_LABEL_SECTION_RANKS));
    printf("  ");
    print_left("", 18);
    print_right(w->customers, 10);
    print_right(basis_words(v)->average, 22);
    print_right(w->lifetime_ltv, 14);
    printf(" = ");
    print_right(w->years, 8);
    printf(" × ");
    print_right(w->per_year, 9);
    printf(" × ");
    print_right(w->order_value, 11);
    fputc('\n', stdout);
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_group_stats g;
        if (ltv_segmentation_rank_stats(v->seg, r, &g, sizeof g) != LTV_OK) continue;
        char years[24], per_year[24];
        snprintf(years, sizeof years, "%.2f", g.active_years);
        snprintf(per_year, sizeof per_year, "%.2f", g.orders_per_year);
        fputs("  ", stdout);
        print_left(ltv_rank_label(r, v->lang), 18);
        print_right(count_text(g.customers).s, 10);
        print_right(money_text(v, g.average_ltv).s, 22);
        print_right(money_text(v, g.customers ? (double)g.revenue / (double)g.customers : 0.0).s, 14);
        printf("   ");
        print_right(years, 8);
        printf("   ");
        print_right(per_year, 9);
        printf("   ");
        print_right(money_text(v, g.average_order_value).s, 11);
        fputc('\n', stdout);
    }
}

/* Joins numbers with " · ". */
static void print_joined(const double *values, size_t n, bool integers) {
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(" · ", stdout);
        if (integers) fputs(count_text((uint64_t)values[i]).s, stdout);
        else printf("%.2f", values[i]);
    }
}

static void print_rfm(const report_view *v) {
    const report_words *w = &words[v->lang];
    line title;
    snprintf(title.s, sizeof title.s, v->lang == LTV_LANG_JA ? "%s値（%s）" : "%s (%s)", label(v, LTV_HEALTH_LABEL_SECTION_RFM),
             w->best);
    heading(title.s);
    for (int metric = 0; metric < 3; metric++) {
        double cuts[16];
        uint64_t counts[16];
        size_t ncuts = 0, nbins = 0;
        if (ltv_segmentation_thresholds(v->seg, metric, cuts, 16, &ncuts) != LTV_OK ||
            ltv_segmentation_score_counts(v->seg, metric, counts, 16, &nbins) != LTV_OK)
            continue;
        printf("  %s\n    ", ltv_rfm_metric_label(metric, v->lang));
        print_left(w->cut_points, 24);
        bool integers = true;
        for (size_t i = 0; i < ncuts; i++) integers &= cuts[i] == floor(cuts[i]) && cuts[i] >= 0;
        if (metric == LTV_RFM_MONETARY && integers) {
            for (size_t i = 0; i < ncuts; i++) printf("%s%s", i ? " · " : "", money_text(v, cuts[i]).s);
        } else {
            print_joined(cuts, ncuts, integers);
        }
        if (!ncuts) fputs("-", stdout);
        printf("\n    ");
        line by_score;
        snprintf(by_score.s, sizeof by_score.s, "%s 1%s%zu", w->by_score, v->lang == LTV_LANG_JA ? "〜" : "–", nbins);
        print_left(by_score.s, 24);
        for (size_t i = 0; i < nbins; i++) printf("%s%s", i ? " · " : "", count_text(counts[i]).s);
        fputc('\n', stdout);
    }
}

static void print_presets(const report_view *v) {
    const report_words *w = &words[v->lang];
    heading(label(v, LTV_HEALTH_LABEL_SECTION_PRESETS));
    ltv_ltv_summary s;
    if (ltv_segmentation_ltv_summary(v->seg, &s, sizeof s) != LTV_OK) return;
    printf("  ");
    print_left("", 28);
    print_right(w->customers, 10);
    print_right(w->share, 8);
    fputc('\n', stdout);
    const size_t n = ltv_segmentation_segment_count(v->seg); /* by name: entries may share one */
    for (size_t p = 0; p <= n; p++) {
        const char *name = ltv_segmentation_segment_name(v->seg, p, v->lang);
        const uint64_t customers = ltv_segmentation_segment_customers(v->seg, p);
        fputs("  ", stdout);
        print_left(name ? name : "?", 28);
        print_right(count_text(customers).s, 10);
        print_right(percent_text(s.customers ? (double)customers / (double)s.customers : 0.0).s, 8);
        fputc('\n', stdout);
    }
}

static mid from_text(const report_view *v, int basis, int64_t threshold) {
    const ltv_words *lw = &ltv_words_of[v->lang][basis];
    mid t;
    snprintf(t.s, sizeof t.s, "%s%s%s", lw->from_pre, money_text(v, (double)threshold).s, lw->from_post);
    return t;
}

static void print_ltv(const report_view *v) {
    const report_words *w = &words[v->lang];
    ltv_ltv_summary s;
    if (ltv_segmentation_ltv_summary(v->seg, &s, sizeof s) != LTV_OK) return;
    line title, extra;
    snprintf(title.s, sizeof title.s, v->lang == LTV_LANG_JA ? "%s（%s）" : "%s (%s)", label(v, LTV_HEALTH_LABEL_SECTION_LTV),
             s.basis == LTV_BASIS_LIFETIME ? w->basis_lifetime : w->basis_annual);
    heading(title.s);
    row(label(v, LTV_HEALTH_LABEL_CUSTOMERS), count_text(s.customers).s, NULL);
    const ltv_words *basis = &ltv_words_of[v->lang][s.basis == LTV_BASIS_LIFETIME],
                    *lifetime = &ltv_words_of[v->lang][LTV_BASIS_LIFETIME];
    row(label(v, LTV_HEALTH_LABEL_AVERAGE_LTV), money_text(v, s.average_ltv).s, basis->name);
    const mid core_from = from_text(v, s.basis == LTV_BASIS_LIFETIME, s.core_threshold);
    if (v->lang == LTV_LANG_JA)
        snprintf(extra.s, sizeof extra.s, "%s・%s%s", core_from.s, basis->of_all, percent_text(s.core_revenue_share).s);
    else
        snprintf(extra.s, sizeof extra.s, "%s · %s %s", core_from.s, percent_text(s.core_revenue_share).s,
                 basis->of_all);
    row(label(v, LTV_HEALTH_LABEL_CORE), count_text(s.core_customers).s, extra.s);
    /* continuing vs churned compare lifetime amounts whatever the basis (a churned customer's
     * trailing year is mostly empty) */
    snprintf(extra.s, sizeof extra.s, "%s %s", lifetime->average, money_text(v, s.continuing_average_ltv).s);
    row(w->continuing, count_text(s.continuing_customers).s, extra.s);
    snprintf(extra.s, sizeof extra.s, "%s %s", lifetime->average, money_text(v, s.churned_average_ltv).s);
    row(w->churned_customers, count_text(s.churned_customers).s, extra.s);
    /* a comparison needs both groups: "-" rather than a difference with an empty one */
    row(w->customer_gap, s.continuing_customers && s.churned_customers ? money_text(v, s.retention_value).s : "-",
        NULL);
    row(label(v, LTV_HEALTH_LABEL_TOP_EXCELLENT), count_text(s.top_excellent_customers).s,
        s.top_excellent_customers ? from_text(v, LTV_BASIS_ANNUAL, s.top_excellent_threshold).s : NULL);
    row(label(v, LTV_HEALTH_LABEL_HIGH_LTV_GENERAL), count_text(s.high_ltv_general_customers).s,
        s.high_ltv_general_customers ? from_text(v, LTV_BASIS_ANNUAL, s.high_ltv_general_threshold).s : NULL);
    if (v->has_cpo) {
        int verdict = 0;
        double ratio = 0.0;
        if (ltv_segmentation_cpo_verdict(v->seg, v->cpo, &verdict, &ratio) != LTV_OK) return;
        mid value;
        snprintf(value.s, sizeof value.s, "CPO %s", money_text(v, (double)v->cpo).s);
        if (v->cpo > 0) snprintf(extra.s, sizeof extra.s, "%s %.2f", basis->ratio, ratio);
        else snprintf(extra.s, sizeof extra.s, "%s -", basis->ratio); /* no ratio to a CPO of 0 */
        row(label(v, LTV_HEALTH_LABEL_CPO), value.s, extra.s);
        printf("  → %s\n", ltv_cpo_verdict_label(verdict, v->lang));
    }
}

static void print_load(const report_view *v) {
    const report_words *w = &words[v->lang];
    if (!v->load) { /* opened from a snapshot: nothing was parsed */
        printf("\n%s%s snapshot\n", w->load, v->lang == LTV_LANG_JA ? "：" : ":");
        return;
    }
    if (v->lang == LTV_LANG_JA)
        printf("\n%s：%s%s、%s%s、%s%s\n", w->load, count_text(ltv_load_report_rows_read(v->load)).s, w->rows_read,
               count_text(ltv_load_report_rows_taken(v->load)).s, w->taken,
               count_text(ltv_load_report_rows_rejected(v->load)).s, w->rejected);
    else
        printf("\n%s: %" PRIu64 " %s, %" PRIu64 " %s, %" PRIu64 " %s\n", w->load, ltv_load_report_rows_read(v->load),
               w->rows_read, ltv_load_report_rows_taken(v->load), w->taken, ltv_load_report_rows_rejected(v->load),
               w->rejected);
    cli_print_rejects(stdout, v->load, 20);
}

void report_print_table(const report_view *v) {
    ltv_health_overview o;
    if (ltv_health_check_overview(v->hc, &o, sizeof o) != LTV_OK) return;
    print_header(v);
    print_sales(v, &o);
    print_second(v);
    print_tenure(v);
    if (ltv_health_check_has_membership(v->hc)) print_membership(v);
    print_states(v);
    print_ranks(v);
    print_rfm(v);
    print_presets(v);
    print_ltv(v);
    print_load(v);
}
