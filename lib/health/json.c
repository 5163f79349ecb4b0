/* The health check as one JSON object. Numbers are formatted with integer arithmetic so the
 * host program's locale (a decimal comma) can never produce invalid JSON. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "health_internal.h"
#include "textbuf.h"

static void put_u64(ltv__textbuf *b, uint64_t v) { ltv__tb_printf(b, "%" PRIu64, v); }

static void put_i64(ltv__textbuf *b, int64_t v) { ltv__tb_printf(b, "%" PRId64, v); }

/* A JSON string literal for UTF-8 text (the library's labels), by the one escaper. */
static void put_string(ltv__textbuf *b, const char *text) { ltv__tb_json_string(b, text, strlen(text)); }

static void key(ltv__textbuf *b, const char *name) {
    put_string(b, name);
    ltv__tb_puts(b, ":");
}

static void field_u64(ltv__textbuf *b, const char *name, uint64_t v, bool comma) {
    key(b, name);
    put_u64(b, v);
    if (comma) ltv__tb_puts(b, ",");
}

static void field_i64(ltv__textbuf *b, const char *name, int64_t v, bool comma) {
    key(b, name);
    put_i64(b, v);
    if (comma) ltv__tb_puts(b, ",");
}

static void field_rate(ltv__textbuf *b, const char *name, double v, bool comma) {
    key(b, name);
    ltv__tb_fixed(b, v, 6);
    if (comma) ltv__tb_puts(b, ",");
}

static void field_money(ltv__textbuf *b, const char *name, double v, bool comma) {
    key(b, name);
    ltv__tb_fixed(b, v, 2);
    if (comma) ltv__tb_puts(b, ",");
}

static void array_u64(ltv__textbuf *b, const char *name, const uint64_t *v, size_t n, bool comma) {
    key(b, name);
    ltv__tb_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i) ltv__tb_puts(b, ",");
        put_u64(b, v[i]);
    }
    ltv__tb_puts(b, comma ? "]," : "]");
}

static void write_overview(ltv__textbuf *b, const ltv_health_check *hc) {
    ltv_health_overview o;
    ltv_health_check_overview(hc, &o, sizeof o);
    key(b, "overview");
    ltv__tb_puts(b, "{");
    field_u64(b, "customers", o.customers, true);
    field_u64(b, "orders", o.orders, true);
    field_i64(b, "revenue", o.revenue, true);
    field_i64(b, "gross_revenue", o.gross_revenue, true);
    field_i64(b, "items", o.items, true);
    field_money(b, "average_order_value", o.average_order_value, true);
    key(b, "items_per_order");
    ltv__tb_fixed(b, o.items_per_order, 2);
    ltv__tb_puts(b, ",");
    field_u64(b, "repeat_customers", o.repeat_customers, true);
    field_rate(b, "repeat_rate", o.repeat_rate, true);
    field_u64(b, "year_customers", o.year_customers, true);
    field_u64(b, "year_repeat_customers", o.year_repeat_customers, true);
    field_rate(b, "year_repeat_rate", o.year_repeat_rate, true);
    field_u64(b, "year_orders", o.year_orders, true);
    field_i64(b, "year_revenue", o.year_revenue, false);
    ltv__tb_puts(b, "}");
}


static void write_group(ltv__textbuf *b, const ltv_health_check *hc, int group) {
    ltv_health_conversion c;
    ltv_health_check_conversion(hc, group, &c, sizeof c);
    ltv__tb_puts(b, "{");
    if (group != LTV_HEALTH_ALL) {
        key(b, "rank");
        put_string(b, ltv_rank_keyword(group));
        ltv__tb_puts(b, ",");
    }
    field_u64(b, "customers", c.customers, true);
    field_u64(b, "second_customers", c.second_customers, true);
    key(b, "windows");
    ltv__tb_puts(b, "[");
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
        ltv__tb_puts(b, w ? ",{" : "{");
        field_i64(b, "days", c.window_days[w], true);
        field_u64(b, "eligible", c.eligible[w], true);
        field_u64(b, "converted", c.converted[w], true);
        field_rate(b, "rate", c.rate[w], false);
        ltv__tb_puts(b, "}");
    }
    ltv__tb_puts(b, "],");
    key(b, "median_gap_days");
    if (c.median_gap_days < 0) ltv__tb_puts(b, "null");
    else ltv__tb_fixed(b, c.median_gap_days, 1);
    ltv__tb_puts(b, ",");
    key(b, "most_common_week");
    if (c.most_common_week < 0) ltv__tb_puts(b, "null");
    else put_i64(b, c.most_common_week);
    ltv__tb_puts(b, ",");
    field_u64(b, "most_common_week_customers", c.most_common_week_customers, true);
    uint64_t days[LTV_HEALTH_GAP_DAY_BINS], weeks[LTV_HEALTH_GAP_WEEK_BINS];
    size_t n;
    ltv_health_check_gap_days(hc, group, days, LTV_HEALTH_GAP_DAY_BINS, &n);
    ltv_health_check_gap_weeks(hc, group, weeks, LTV_HEALTH_GAP_WEEK_BINS, &n);
    array_u64(b, "gap_days", days, LTV_HEALTH_GAP_DAY_BINS, true);
    array_u64(b, "gap_weeks", weeks, LTV_HEALTH_GAP_WEEK_BINS, false);
    ltv__tb_puts(b, "}");
}

static void write_second(ltv__textbuf *b, const ltv_health_check *hc) {
    key(b, "second_purchase");
    ltv__tb_puts(b, "{");
    key(b, "all");
    write_group(b, hc, LTV_HEALTH_ALL);
    ltv__tb_puts(b, ",");
    key(b, "ranks");
    if (!hc->has_ranks) {
        ltv__tb_puts(b, "null}");
        return;
    }
    ltv__tb_puts(b, "[");
    for (int r = 0; r < LTV_RANK_COUNT; r++) { /* the four ranks, then customers with no rank */
        write_group(b, hc, r);
        ltv__tb_puts(b, ",");
    }
    write_group(b, hc, LTV_RANK_NONE);
    ltv__tb_puts(b, "]}");
}

static void write_bin_days(ltv__textbuf *b, int32_t first, int32_t last) {
    field_i64(b, "first_day", first, true);
    key(b, "last_day");
    if (last < 0) ltv__tb_puts(b, "null,");
    else {
        put_i64(b, last);
        ltv__tb_puts(b, ",");
    }
}

static void write_tenure(ltv__textbuf *b, const ltv_health_check *hc) {
    ltv_health_tenure t;
    ltv_health_check_tenure(hc, &t, sizeof t);
    key(b, "tenure");
    ltv__tb_puts(b, "{");
    field_u64(b, "customers", t.customers, true);
    key(b, "average_tenure_days");
    ltv__tb_fixed(b, t.average_tenure_days, 1);
    ltv__tb_puts(b, ",");
    key(b, "bins");
    ltv__tb_puts(b, "[");
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        ltv__tb_puts(b, i ? ",{" : "{");
        write_bin_days(b, t.bin_first_day[i], t.bin_last_day[i]);
        field_u64(b, "customers", t.bin_customers[i], true);
        field_rate(b, "share", t.bin_share[i], false);
        ltv__tb_puts(b, "}");
    }
    ltv__tb_puts(b, "]}");
}

static void write_usage(ltv__textbuf *b, const ltv_health_membership *m) {
    static const char *const band_keys[] = {"low", "middle", "high"};
    key(b, "usage");
    ltv__tb_puts(b, "{");
    field_i64(b, "low_max", m->usage_low_max, true);
    field_i64(b, "high_min", m->usage_high_min, true);
    field_u64(b, "members", m->usage_members, true);
    field_u64(b, "newer_members", m->usage_newer_members, true);
    key(b, "bands");
    ltv__tb_puts(b, "[");
    for (int i = 0; i < LTV_HEALTH_USAGE_BANDS; i++) {
        ltv__tb_puts(b, i ? ",{" : "{");
        key(b, "band");
        put_string(b, band_keys[i]);
        ltv__tb_puts(b, ",");
        field_u64(b, "members", m->band_members[i], true);
        field_rate(b, "share", m->band_share[i], true);
        field_money(b, "average_ltv", m->band_average_ltv[i], true);
        field_money(b, "average_year_amount", m->band_average_year_amount[i], false);
        ltv__tb_puts(b, "}");
    }
    ltv__tb_puts(b, "]}");
}

static void write_membership(ltv__textbuf *b, const ltv_health_check *hc) {
    key(b, "membership");
    ltv_health_membership m;
    if (!hc->has_membership || ltv_health_check_membership(hc, &m, sizeof m) != LTV_OK) {
        ltv__tb_puts(b, "null");
        return;
    }
    ltv__tb_puts(b, "{");
    /* every LTV figure names its basis: a member's LTV is the lifetime amount */
    key(b, "ltv_basis");
    put_string(b, "lifetime");
    ltv__tb_puts(b, ",");
    field_u64(b, "members", m.members, true);
    field_u64(b, "visits", m.visits, true);
    field_u64(b, "year_visits", m.year_visits, true);
    field_u64(b, "continuing_members", m.continuing_members, true);
    field_money(b, "continuing_average_ltv", m.continuing_average_ltv, true);
    field_u64(b, "churned_members", m.churned_members, true);
    field_money(b, "churned_average_ltv", m.churned_average_ltv, true);
    field_money(b, "retention_value", m.retention_value, true);
    key(b, "early_churn");
    ltv__tb_puts(b, "[{");
    field_i64(b, "days", m.short_window_days, true);
    field_u64(b, "eligible", m.short_eligible, true);
    field_u64(b, "churned", m.short_churned, true);
    field_rate(b, "rate", m.short_churn_rate, false);
    ltv__tb_puts(b, "},{");
    field_i64(b, "days", m.long_window_days, true);
    field_u64(b, "eligible", m.long_eligible, true);
    field_u64(b, "churned", m.long_churned, true);
    field_rate(b, "rate", m.long_churn_rate, false);
    ltv__tb_puts(b, "}],");
    key(b, "churn_by_days_enrolled");
    ltv__tb_puts(b, "[");
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        ltv__tb_puts(b, i ? ",{" : "{");
        write_bin_days(b, m.bin_first_day[i], m.bin_last_day[i]);
        field_u64(b, "members", m.bin_members[i], true);
        field_u64(b, "at_risk", m.bin_at_risk[i], true);
        field_u64(b, "churned", m.bin_churned[i], true);
        field_rate(b, "rate", m.bin_churn_rate[i], false);
        ltv__tb_puts(b, "}");
    }
    ltv__tb_puts(b, "],");
    key(b, "risk_peak");
    if (m.risk_peak_first_day < 0) {
        ltv__tb_puts(b, "null,");
    } else {
        ltv__tb_puts(b, "{");
        field_i64(b, "period_days", m.risk_period_days, true);
        field_i64(b, "first_day", m.risk_peak_first_day, true);
        field_i64(b, "last_day", m.risk_peak_last_day, true);
        field_u64(b, "at_risk", m.risk_peak_at_risk, true);
        field_u64(b, "churned", m.risk_peak_churned, true);
        field_rate(b, "rate", m.risk_peak_rate, false);
        ltv__tb_puts(b, "},");
    }
    write_usage(b, &m);
    ltv__tb_puts(b, ",");
    uint64_t at_risk[LTV_HEALTH_ENROLLMENT_DAYS], cancels[LTV_HEALTH_ENROLLMENT_DAYS];
    size_t n;
    ltv_health_check_enrollment_days(hc, at_risk, cancels, LTV_HEALTH_ENROLLMENT_DAYS, &n);
    array_u64(b, "at_risk_by_day", at_risk, LTV_HEALTH_ENROLLMENT_DAYS, true);
    array_u64(b, "cancels_by_day", cancels, LTV_HEALTH_ENROLLMENT_DAYS, false);
    ltv__tb_puts(b, "}");
}

static void write_labels(ltv__textbuf *b, int lang) {
    key(b, "labels");
    ltv__tb_puts(b, "{");
    for (int i = 0; i < LTV_HEALTH_LABEL_COUNT; i++) {
        if (i) ltv__tb_puts(b, ",");
        key(b, ltv__health_label_key(i));
        put_string(b, ltv_health_label(i, lang));
    }
    ltv__tb_puts(b, "}");
}

int ltv_health_check_to_json(const ltv_health_check *hc, int lang, char **out, size_t *out_len) {
    LTV_REQUIRE(out, "ltv_health_check_to_json");
    *out = NULL;
    if (out_len) *out_len = 0;
    LTV_REQUIRE(hc, "ltv_health_check_to_json");
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA)
        return ltv__fail(LTV_EINVAL, "ltv_health_check_to_json: lang %d is neither LTV_LANG_EN (0) nor LTV_LANG_JA (1)",
                         lang);
    ltv__textbuf b;
    ltv__tb_init(&b);
    char as_of[24] = "";
    if (ltv_date_format(hc->as_of, as_of, sizeof as_of) != LTV_OK) /* only the day after the last one */
        snprintf(as_of, sizeof as_of, "after 9999-12-31");
    ltv_clear_error();
    ltv__tb_puts(&b, "{");
    key(&b, "as_of");
    put_string(&b, as_of);
    ltv__tb_puts(&b, ",");
    field_i64(&b, "as_of_day", hc->as_of, true);
    key(&b, "lang");
    put_string(&b, lang == LTV_LANG_JA ? "ja" : "en");
    ltv__tb_puts(&b, ",");
    write_overview(&b, hc);
    ltv__tb_puts(&b, ",");
    write_second(&b, hc);
    ltv__tb_puts(&b, ",");
    write_tenure(&b, hc);
    ltv__tb_puts(&b, ",");
    write_membership(&b, hc);
    ltv__tb_puts(&b, ",");
    write_labels(&b, lang);
    ltv__tb_puts(&b, "}");
    return ltv__tb_finish(&b, "ltv_health_check_to_json", out, out_len);
}
