/* The health check as one JSON object. Numbers are formatted with integer arithmetic so the
 * host program's locale (a decimal comma) can never produce invalid JSON. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "health_internal.h"

typedef struct json_buf {
    char *data;
    size_t len, cap;
    bool failed;
} json_buf;

static void put(json_buf *b, const char *text, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *grown = ltv__realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, text, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_(json_buf *b, const char *text) { put(b, text, strlen(text)); }

static void put_u64(json_buf *b, uint64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    put(b, tmp, (size_t)n);
}

static void put_i64(json_buf *b, int64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
    put(b, tmp, (size_t)n);
}

/* A double with a fixed number of decimals (1..6), rounded half away from zero. */
static void put_fixed(json_buf *b, double v, int decimals) {
    if (!isfinite(v)) v = 0.0;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    const bool negative = v < 0;
    double magnitude = fabs(v);
    if (magnitude > 1.8e19) magnitude = 1.8e19;
    uint64_t whole = (uint64_t)magnitude;
    uint64_t fraction = (uint64_t)llround((magnitude - (double)whole) * (double)scale);
    if (fraction >= scale) whole++, fraction -= scale;
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, "%s%" PRIu64 ".%0*" PRIu64, negative && (whole || fraction) ? "-" : "", whole,
                     decimals, fraction);
    put(b, tmp, (size_t)n);
}

/* A JSON string literal for UTF-8 text (the library's labels). */
static void put_string(json_buf *b, const char *text) {
    puts_(b, "\"");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        char tmp[8];
        if (*p == '"' || *p == '\\') {
            tmp[0] = '\\', tmp[1] = (char)*p;
            put(b, tmp, 2);
        } else if (*p < 0x20) {
            int n = snprintf(tmp, sizeof tmp, "\\u%04x", *p);
            put(b, tmp, (size_t)n);
        } else {
            put(b, (const char *)p, 1);
        }
    }
    puts_(b, "\"");
}

static void key(json_buf *b, const char *name) {
    put_string(b, name);
    puts_(b, ":");
}

static void field_u64(json_buf *b, const char *name, uint64_t v, bool comma) {
    key(b, name);
    put_u64(b, v);
    if (comma) puts_(b, ",");
}

static void field_i64(json_buf *b, const char *name, int64_t v, bool comma) {
    key(b, name);
    put_i64(b, v);
    if (comma) puts_(b, ",");
}

static void field_rate(json_buf *b, const char *name, double v, bool comma) {
    key(b, name);
    put_fixed(b, v, 6);
    if (comma) puts_(b, ",");
}

static void field_money(json_buf *b, const char *name, double v, bool comma) {
    key(b, name);
    put_fixed(b, v, 2);
    if (comma) puts_(b, ",");
}

static void array_u64(json_buf *b, const char *name, const uint64_t *v, size_t n, bool comma) {
    key(b, name);
    puts_(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i) puts_(b, ",");
        put_u64(b, v[i]);
    }
    puts_(b, comma ? "]," : "]");
}

static void write_overview(json_buf *b, const ltv_health_check *hc) {
    ltv_health_overview o;
    ltv_health_check_overview(hc, &o, sizeof o);
    key(b, "overview");
    puts_(b, "{");
    field_u64(b, "customers", o.customers, true);
    field_u64(b, "orders", o.orders, true);
    field_i64(b, "revenue", o.revenue, true);
    field_i64(b, "gross_revenue", o.gross_revenue, true);
    field_i64(b, "items", o.items, true);
    field_money(b, "average_order_value", o.average_order_value, true);
    key(b, "items_per_order");
    put_fixed(b, o.items_per_order, 2);
    puts_(b, ",");
    field_u64(b, "repeat_customers", o.repeat_customers, true);
    field_rate(b, "repeat_rate", o.repeat_rate, true);
    field_u64(b, "year_customers", o.year_customers, true);
    field_u64(b, "year_repeat_customers", o.year_repeat_customers, true);
    field_rate(b, "year_repeat_rate", o.year_repeat_rate, true);
    field_u64(b, "year_orders", o.year_orders, true);
    field_i64(b, "year_revenue", o.year_revenue, false);
    puts_(b, "}");
}

static const char *const rank_keys[] = {"no_rank", "excellent", "semi_excellent", "general", "nurture"};

static void write_group(json_buf *b, const ltv_health_check *hc, int group) {
    ltv_health_conversion c;
    ltv_health_check_conversion(hc, group, &c, sizeof c);
    puts_(b, "{");
    if (group != LTV_HEALTH_ALL) {
        key(b, "rank");
        put_string(b, rank_keys[group + 1]);
        puts_(b, ",");
    }
    field_u64(b, "customers", c.customers, true);
    field_u64(b, "second_customers", c.second_customers, true);
    key(b, "windows");
    puts_(b, "[");
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
        puts_(b, w ? ",{" : "{");
        field_i64(b, "days", c.window_days[w], true);
        field_u64(b, "eligible", c.eligible[w], true);
        field_u64(b, "converted", c.converted[w], true);
        field_rate(b, "rate", c.rate[w], false);
        puts_(b, "}");
    }
    puts_(b, "],");
    key(b, "median_gap_days");
    if (c.median_gap_days < 0) puts_(b, "null");
    else put_fixed(b, c.median_gap_days, 1);
    puts_(b, ",");
    key(b, "most_common_week");
    if (c.most_common_week < 0) puts_(b, "null");
    else put_i64(b, c.most_common_week);
    puts_(b, ",");
    field_u64(b, "most_common_week_customers", c.most_common_week_customers, true);
    uint64_t days[LTV_HEALTH_GAP_DAY_BINS], weeks[LTV_HEALTH_GAP_WEEK_BINS];
    size_t n;
    ltv_health_check_gap_days(hc, group, days, LTV_HEALTH_GAP_DAY_BINS, &n);
    ltv_health_check_gap_weeks(hc, group, weeks, LTV_HEALTH_GAP_WEEK_BINS, &n);
    array_u64(b, "gap_days", days, LTV_HEALTH_GAP_DAY_BINS, true);
    array_u64(b, "gap_weeks", weeks, LTV_HEALTH_GAP_WEEK_BINS, false);
    puts_(b, "}");
}

static void write_second(json_buf *b, const ltv_health_check *hc) {
    key(b, "second_purchase");
    puts_(b, "{");
    key(b, "all");
    write_group(b, hc, LTV_HEALTH_ALL);
    puts_(b, ",");
    key(b, "ranks");
    if (!hc->has_ranks) {
        puts_(b, "null}");
        return;
    }
    puts_(b, "[");
    for (int r = 0; r < LTV_RANK_COUNT; r++) { /* the four ranks, then customers with no rank */
        write_group(b, hc, r);
        puts_(b, ",");
    }
    write_group(b, hc, LTV_RANK_NONE);
    puts_(b, "]}");
}

static void write_bin_days(json_buf *b, int32_t first, int32_t last) {
    field_i64(b, "first_day", first, true);
    key(b, "last_day");
    if (last < 0) puts_(b, "null,");
    else {
        put_i64(b, last);
        puts_(b, ",");
    }
}

static void write_tenure(json_buf *b, const ltv_health_check *hc) {
    ltv_health_tenure t;
    ltv_health_check_tenure(hc, &t, sizeof t);
    key(b, "tenure");
    puts_(b, "{");
    field_u64(b, "customers", t.customers, true);
    key(b, "average_tenure_days");
    put_fixed(b, t.average_tenure_days, 1);
    puts_(b, ",");
    key(b, "bins");
    puts_(b, "[");
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        puts_(b, i ? ",{" : "{");
        write_bin_days(b, t.bin_first_day[i], t.bin_last_day[i]);
        field_u64(b, "customers", t.bin_customers[i], true);
        field_rate(b, "share", t.bin_share[i], false);
        puts_(b, "}");
    }
    puts_(b, "]}");
}

static void write_usage(json_buf *b, const ltv_health_membership *m) {
    static const char *const band_keys[] = {"low", "middle", "high"};
    key(b, "usage");
    puts_(b, "{");
    field_i64(b, "low_max", m->usage_low_max, true);
    field_i64(b, "high_min", m->usage_high_min, true);
    field_u64(b, "members", m->usage_members, true);
    field_u64(b, "newer_members", m->usage_newer_members, true);
    key(b, "bands");
    puts_(b, "[");
    for (int i = 0; i < LTV_HEALTH_USAGE_BANDS; i++) {
        puts_(b, i ? ",{" : "{");
        key(b, "band");
        put_string(b, band_keys[i]);
        puts_(b, ",");
        field_u64(b, "members", m->band_members[i], true);
        field_rate(b, "share", m->band_share[i], true);
        field_money(b, "average_ltv", m->band_average_ltv[i], true);
        field_money(b, "average_year_amount", m->band_average_year_amount[i], false);
        puts_(b, "}");
    }
    puts_(b, "]}");
}

static void write_membership(json_buf *b, const ltv_health_check *hc) {
    key(b, "membership");
    ltv_health_membership m;
    if (!hc->has_membership || ltv_health_check_membership(hc, &m, sizeof m) != LTV_OK) {
        puts_(b, "null");
        return;
    }
    puts_(b, "{");
    field_u64(b, "members", m.members, true);
    field_u64(b, "visits", m.visits, true);
    field_u64(b, "year_visits", m.year_visits, true);
    field_u64(b, "continuing_members", m.continuing_members, true);
    field_money(b, "continuing_average_ltv", m.continuing_average_ltv, true);
    field_u64(b, "churned_members", m.churned_members, true);
    field_money(b, "churned_average_ltv", m.churned_average_ltv, true);
    field_money(b, "retention_value", m.retention_value, true);
    key(b, "early_churn");
    puts_(b, "[{");
    field_i64(b, "days", m.short_window_days, true);
    field_u64(b, "eligible", m.short_eligible, true);
    field_u64(b, "churned", m.short_churned, true);
    field_rate(b, "rate", m.short_churn_rate, false);
    puts_(b, "},{");
    field_i64(b, "days", m.long_window_days, true);
    field_u64(b, "eligible", m.long_eligible, true);
    field_u64(b, "churned", m.long_churned, true);
    field_rate(b, "rate", m.long_churn_rate, false);
    puts_(b, "}],");
    key(b, "churn_by_days_enrolled");
    puts_(b, "[");
    for (int i = 0; i < LTV_HEALTH_TENURE_BINS; i++) {
        puts_(b, i ? ",{" : "{");
        write_bin_days(b, m.bin_first_day[i], m.bin_last_day[i]);
        field_u64(b, "members", m.bin_members[i], true);
        field_u64(b, "at_risk", m.bin_at_risk[i], true);
        field_u64(b, "churned", m.bin_churned[i], true);
        field_rate(b, "rate", m.bin_churn_rate[i], false);
        puts_(b, "}");
    }
    puts_(b, "],");
    key(b, "risk_peak");
    if (m.risk_peak_first_day < 0) {
        puts_(b, "null,");
    } else {
        puts_(b, "{");
        field_i64(b, "period_days", m.risk_period_days, true);
        field_i64(b, "first_day", m.risk_peak_first_day, true);
        field_i64(b, "last_day", m.risk_peak_last_day, true);
        field_u64(b, "at_risk", m.risk_peak_at_risk, true);
        field_u64(b, "churned", m.risk_peak_churned, true);
        field_rate(b, "rate", m.risk_peak_rate, false);
        puts_(b, "},");
    }
    write_usage(b, &m);
    puts_(b, ",");
    uint64_t at_risk[LTV_HEALTH_ENROLLMENT_DAYS], cancels[LTV_HEALTH_ENROLLMENT_DAYS];
    size_t n;
    ltv_health_check_enrollment_days(hc, at_risk, cancels, LTV_HEALTH_ENROLLMENT_DAYS, &n);
    array_u64(b, "at_risk_by_day", at_risk, LTV_HEALTH_ENROLLMENT_DAYS, true);
    array_u64(b, "cancels_by_day", cancels, LTV_HEALTH_ENROLLMENT_DAYS, false);
    puts_(b, "}");
}

static void write_labels(json_buf *b, int lang) {
    key(b, "labels");
    puts_(b, "{");
    for (int i = 0; i < LTV_HEALTH_LABEL_COUNT; i++) {
        if (i) puts_(b, ",");
        key(b, ltv__health_label_key(i));
        put_string(b, ltv_health_label(i, lang));
    }
    puts_(b, "}");
}

int ltv_health_check_to_json(const ltv_health_check *hc, int lang, char **out, size_t *out_len) {
    LTV_REQUIRE(out, "ltv_health_check_to_json");
    *out = NULL;
    if (out_len) *out_len = 0;
    LTV_REQUIRE(hc, "ltv_health_check_to_json");
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA)
        return ltv__fail(LTV_EINVAL, "ltv_health_check_to_json: lang %d is neither LTV_LANG_EN (0) nor LTV_LANG_JA (1)",
                         lang);
    json_buf b = {0};
    char as_of[24] = "";
    if (ltv_date_format(hc->as_of, as_of, sizeof as_of) != LTV_OK) /* only the day after the last one */
        snprintf(as_of, sizeof as_of, "after 9999-12-31");
    ltv_clear_error();
    puts_(&b, "{");
    key(&b, "as_of");
    put_string(&b, as_of);
    puts_(&b, ",");
    field_i64(&b, "as_of_day", hc->as_of, true);
    key(&b, "lang");
    put_string(&b, lang == LTV_LANG_JA ? "ja" : "en");
    puts_(&b, ",");
    write_overview(&b, hc);
    puts_(&b, ",");
    write_second(&b, hc);
    puts_(&b, ",");
    write_tenure(&b, hc);
    puts_(&b, ",");
    write_membership(&b, hc);
    puts_(&b, ",");
    write_labels(&b, lang);
    puts_(&b, "}");
    if (b.failed) {
        ltv__free(b.data);
        return ltv__fail(LTV_ENOMEM, "ltv_health_check_to_json: out of memory");
    }
    *out = b.data;
    if (out_len) *out_len = b.len;
    return LTV_OK;
}
