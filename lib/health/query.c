/* Reading a health check: versioned structs filled from the counters, histograms folded into
 * the public day and week bins, medians, the most common week and the risk peak. */
#include <string.h>

#include "health_internal.h"

#define P(hc, name) ((hc)->params[name])

static double ratio(uint64_t part, uint64_t whole) { return whole ? (double)part / (double)whole : 0.0; }
static double average(int64_t sum, uint64_t count) { return count ? (double)sum / (double)count : 0.0; }

static int check_out(const char *func, const void *hc, const void *out, size_t out_size, size_t first_size) {
    if (!hc) return ltv__fail(LTV_EINVAL, "%s: hc is NULL", func);
    if (!out) return ltv__fail(LTV_EINVAL, "%s: out is NULL", func);
    return ltv__check_out_size(func, out_size, first_size);
}

int ltv__health_group_index(const ltv_health_check *hc, int group, const char *func) {
    if (group == LTV_HEALTH_ALL) return 0;
    if (group < LTV_RANK_NONE || group >= LTV_RANK_COUNT)
        return ltv__fail(LTV_EINVAL, "%s: group %d is neither LTV_HEALTH_ALL (%d) nor a rank %d..%d", func, group,
                         LTV_HEALTH_ALL, LTV_RANK_NONE, LTV_RANK_COUNT - 1);
    if (!hc->has_ranks)
        return ltv__fail(LTV_ENOTFOUND,
                         "%s: no per-rank figures for rank %d: the health check ran without a segmentation", func,
                         group);
    return group + 2;
}

int ltv_health_check_has_ranks(const ltv_health_check *hc) { return hc && hc->has_ranks; }
int ltv_health_check_has_membership(const ltv_health_check *hc) { return hc && hc->has_membership; }

int ltv_health_check_overview(const ltv_health_check *hc, ltv_health_overview *out, size_t out_size) {
    int status = check_out("ltv_health_check_overview", hc, out, out_size, LTV__HEALTH_OVERVIEW_V1_SIZE);
    if (status != LTV_OK) return status;
    ltv_health_overview o;
    memset(&o, 0, sizeof o);
    o.as_of_day = hc->as_of;
    o.has_membership = hc->has_membership;
    o.customers = hc->customers;
    o.orders = hc->orders;
    o.revenue = hc->revenue;
    o.gross_revenue = hc->gross_revenue;
    o.items = hc->items;
    o.average_order_value = average(hc->gross_revenue, hc->orders);
    o.items_per_order = average(hc->items, hc->orders);
    o.repeat_customers = hc->repeat_customers;
    o.repeat_rate = ratio(hc->repeat_customers, hc->customers);
    o.year_customers = hc->year_customers;
    o.year_repeat_customers = hc->year_repeat_customers;
    o.year_repeat_rate = ratio(hc->year_repeat_customers, hc->year_customers);
    o.year_orders = hc->year_orders;
    o.year_revenue = hc->year_revenue;
    ltv__copy_versioned(out, out_size, &o, sizeof o);
    return LTV_OK;
}

/* The gap at 1-based position pos of the histogram's values in ascending order. */
static size_t gap_at(const uint64_t *hist, size_t len, uint64_t pos) {
    uint64_t seen = 0;
    for (size_t d = 0; d < len; d++) {
        seen += hist[d];
        if (seen >= pos) return d;
    }
    return len - 1;
}

/* Week bin of an exact-gap bucket (the last bucket holds gaps beyond the exact range). */
static size_t week_of(size_t bucket) { return bucket < 364 ? bucket / 7 : LTV_HEALTH_GAP_WEEK_BINS - 1; }

static void fold_weeks(const ltv_health_check *hc, int g, uint64_t weeks[LTV_HEALTH_GAP_WEEK_BINS]) {
    memset(weeks, 0, LTV_HEALTH_GAP_WEEK_BINS * sizeof *weeks);
    const uint64_t *hist = ltv__health_gaps(hc, g);
    for (size_t d = 0; d < hc->gap_len; d++) weeks[week_of(d)] += hist[d];
}

int ltv_health_check_conversion(const ltv_health_check *hc, int group, ltv_health_conversion *out, size_t out_size) {
    int status = check_out("ltv_health_check_conversion", hc, out, out_size, LTV__HEALTH_CONVERSION_V1_SIZE);
    if (status != LTV_OK) return status;
    const int g = ltv__health_group_index(hc, group, "ltv_health_check_conversion");
    if (g < 0) return g;
    const ltv__health_group *grp = &hc->groups[g];
    ltv_health_conversion c;
    memset(&c, 0, sizeof c);
    c.group = group;
    c.customers = grp->customers;
    c.second_customers = grp->second_customers;
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
        c.window_days[w] = ltv__health_windows[w];
        c.eligible[w] = grp->eligible[w];
        c.converted[w] = grp->converted[w];
        c.rate[w] = ratio(grp->converted[w], grp->eligible[w]);
    }
    c.median_gap_days = -1.0;
    const uint64_t n = grp->second_customers;
    if (n) {
        const uint64_t *hist = ltv__health_gaps(hc, g);
        const size_t lower = gap_at(hist, hc->gap_len, (n + 1) / 2), upper = gap_at(hist, hc->gap_len, n / 2 + 1);
        c.median_gap_days = ((double)lower + (double)upper) / 2.0;
    }
    uint64_t weeks[LTV_HEALTH_GAP_WEEK_BINS];
    fold_weeks(hc, g, weeks);
    c.most_common_week = -1;
    for (int w = 0; w < LTV_HEALTH_GAP_WEEK_BINS - 1; w++) /* the open last bin is not a week */
        if (weeks[w] > c.most_common_week_customers) {
            c.most_common_week = w;
            c.most_common_week_customers = weeks[w];
        }
    ltv__copy_versioned(out, out_size, &c, sizeof c);
    return LTV_OK;
}

static int check_array(const char *func, const ltv_health_check *hc, const void *a, const void *b, size_t capacity,
                       size_t *out_len, size_t needed) {
    if (!hc) return ltv__fail(LTV_EINVAL, "%s: hc is NULL", func);
    if (!out_len) return ltv__fail(LTV_EINVAL, "%s: out_len is NULL", func);
    *out_len = needed;
    if (!a && !b) {
        if (capacity != 0) return ltv__fail(LTV_EINVAL, "%s: capacity %zu with no array", func, capacity);
        return LTV_OK;
    }
    if (capacity < needed)
        return ltv__fail(LTV_EBUFSIZE, "%s: capacity %zu is below the %zu entries needed", func, capacity, needed);
    return LTV_OK;
}

int ltv_health_check_gap_days(const ltv_health_check *hc, int group, uint64_t *out, size_t capacity, size_t *out_len) {
    const char *func = "ltv_health_check_gap_days";
    const int g = hc ? ltv__health_group_index(hc, group, func) : 0;
    if (g < 0) return g;
    int status = check_array(func, hc, out, NULL, capacity, out_len, LTV_HEALTH_GAP_DAY_BINS);
    if (status != LTV_OK || !out) return status;
    memset(out, 0, LTV_HEALTH_GAP_DAY_BINS * sizeof *out);
    const uint64_t *hist = ltv__health_gaps(hc, g);
    for (size_t d = 0; d < hc->gap_len; d++) out[d < 366 ? d : 366] += hist[d];
    return LTV_OK;
}

int ltv_health_check_gap_weeks(const ltv_health_check *hc, int group, uint64_t *out, size_t capacity,
                               size_t *out_len) {
    const char *func = "ltv_health_check_gap_weeks";
    const int g = hc ? ltv__health_group_index(hc, group, func) : 0;
    if (g < 0) return g;
    int status = check_array(func, hc, out, NULL, capacity, out_len, LTV_HEALTH_GAP_WEEK_BINS);
    if (status != LTV_OK || !out) return status;
    fold_weeks(hc, g, out);
    return LTV_OK;
}

int ltv_health_check_tenure(const ltv_health_check *hc, ltv_health_tenure *out, size_t out_size) {
    int status = check_out("ltv_health_check_tenure", hc, out, out_size, LTV__HEALTH_TENURE_V1_SIZE);
    if (status != LTV_OK) return status;
    ltv_health_tenure t;
    memset(&t, 0, sizeof t);
    t.customers = hc->customers;
    t.average_tenure_days = hc->customers ? (double)hc->tenure_sum / (double)hc->customers : 0.0;
    for (int b = 0; b < LTV_HEALTH_TENURE_BINS; b++) {
        t.bin_first_day[b] = ltv__health_bin_first[b];
        t.bin_last_day[b] = ltv__health_bin_last[b];
        t.bin_customers[b] = hc->tenure_bins[b];
        t.bin_share[b] = ratio(hc->tenure_bins[b], hc->customers);
    }
    ltv__copy_versioned(out, out_size, &t, sizeof t);
    return LTV_OK;
}

/* at_risk[d]: members whose days enrolled are at least d, for d = 0..LTV__HEALTH_ENROLL_MAX. */
static void at_risk_table(const ltv_health_check *hc, uint64_t at_risk[LTV__HEALTH_ENROLL_MAX + 1]) {
    uint64_t sum = 0;
    for (size_t d = LTV__HEALTH_ENROLL_MAX + 1; d-- > 0;) {
        sum += hc->enroll_last[d];
        at_risk[d] = sum;
    }
}

static uint64_t sum_range(const uint64_t *a, size_t first, size_t last) {
    uint64_t sum = 0;
    for (size_t d = first; d <= last; d++) sum += a[d];
    return sum;
}

static int require_membership(const ltv_health_check *hc, const char *func) {
    if (!hc->has_membership)
        return ltv__fail(LTV_ENOTFOUND, "%s: no membership figures: the data has no visits and no cancels before the "
                                        "as-of day", func);
    return LTV_OK;
}

static void risk_peak(const ltv_health_check *hc, const uint64_t *at_risk, ltv_health_membership *m) {
    const int64_t period = P(hc, LTV_HEALTH_RISK_PERIOD_DAYS);
    const uint64_t min_at_risk = (uint64_t)P(hc, LTV_HEALTH_RISK_MIN_AT_RISK);
    m->risk_period_days = (int32_t)period;
    m->risk_peak_first_day = m->risk_peak_last_day = -1;
    for (int64_t first = 0; first <= 365; first += period) {
        const size_t lo = (size_t)first, hi = (size_t)(first + period - 1);
        if (at_risk[lo] < min_at_risk) continue;
        const uint64_t churned = sum_range(hc->enroll_cancel, lo, hi);
        const double rate = ratio(churned, at_risk[lo]);
        if (rate > m->risk_peak_rate) {
            m->risk_peak_first_day = (int32_t)lo;
            m->risk_peak_last_day = (int32_t)hi;
            m->risk_peak_at_risk = at_risk[lo];
            m->risk_peak_churned = churned;
            m->risk_peak_rate = rate;
        }
    }
}

int ltv_health_check_membership(const ltv_health_check *hc, ltv_health_membership *out, size_t out_size) {
    const char *func = "ltv_health_check_membership";
    int status = check_out(func, hc, out, out_size, LTV__HEALTH_MEMBERSHIP_V1_SIZE);
    if (status == LTV_OK) status = require_membership(hc, func);
    if (status != LTV_OK) return status;
    ltv_health_membership m;
    memset(&m, 0, sizeof m);
    m.members = hc->members;
    m.visits = hc->visits;
    m.year_visits = hc->year_visits;
    m.continuing_members = hc->continuing;
    m.continuing_average_ltv = average(hc->continuing_ltv, hc->continuing);
    m.churned_members = hc->churned;
    m.churned_average_ltv = average(hc->churned_ltv, hc->churned);
    m.retention_value = m.continuing_average_ltv - m.churned_average_ltv;
    m.short_window_days = (int32_t)P(hc, LTV_HEALTH_CHURN_SHORT_DAYS);
    m.long_window_days = (int32_t)P(hc, LTV_HEALTH_CHURN_LONG_DAYS);
    m.short_eligible = hc->short_eligible;
    m.short_churned = hc->short_churned;
    m.short_churn_rate = ratio(hc->short_churned, hc->short_eligible);
    m.long_eligible = hc->long_eligible;
    m.long_churned = hc->long_churned;
    m.long_churn_rate = ratio(hc->long_churned, hc->long_eligible);
    uint64_t at_risk[LTV__HEALTH_ENROLL_MAX + 1];
    at_risk_table(hc, at_risk);
    for (int b = 0; b < LTV_HEALTH_TENURE_BINS; b++) {
        const size_t first = (size_t)ltv__health_bin_first[b];
        const size_t last = ltv__health_bin_last[b] < 0 ? LTV__HEALTH_ENROLL_MAX : (size_t)ltv__health_bin_last[b];
        m.bin_first_day[b] = ltv__health_bin_first[b];
        m.bin_last_day[b] = ltv__health_bin_last[b];
        m.bin_members[b] = sum_range(hc->enroll_last, first, last);
        m.bin_at_risk[b] = at_risk[first];
        m.bin_churned[b] = sum_range(hc->enroll_cancel, first, last);
        m.bin_churn_rate[b] = ratio(m.bin_churned[b], m.bin_at_risk[b]);
    }
    risk_peak(hc, at_risk, &m);
    m.usage_low_max = P(hc, LTV_HEALTH_USAGE_LOW_MAX);
    m.usage_high_min = P(hc, LTV_HEALTH_USAGE_HIGH_MIN);
    m.usage_members = hc->usage_members;
    m.usage_newer_members = hc->usage_newer;
    for (int b = 0; b < LTV_HEALTH_USAGE_BANDS; b++) {
        m.band_members[b] = hc->band_members[b];
        m.band_share[b] = ratio(hc->band_members[b], hc->usage_members);
        m.band_average_ltv[b] = average(hc->band_ltv[b], hc->band_members[b]);
        m.band_average_year_amount[b] = average(hc->band_year_amount[b], hc->band_members[b]);
    }
    ltv__copy_versioned(out, out_size, &m, sizeof m);
    return LTV_OK;
}

int ltv_health_check_enrollment_days(const ltv_health_check *hc, uint64_t *at_risk, uint64_t *cancels,
                                     size_t capacity, size_t *out_len) {
    const char *func = "ltv_health_check_enrollment_days";
    int status = check_array(func, hc, at_risk, cancels, capacity, out_len, LTV_HEALTH_ENROLLMENT_DAYS);
    if (status == LTV_OK) status = require_membership(hc, func);
    if (status != LTV_OK || (!at_risk && !cancels)) return status;
    uint64_t table[LTV__HEALTH_ENROLL_MAX + 1];
    at_risk_table(hc, table);
    for (size_t d = 0; d < LTV_HEALTH_ENROLLMENT_DAYS; d++) {
        if (at_risk) at_risk[d] = table[d];
        if (cancels)
            cancels[d] = d < LTV_HEALTH_ENROLLMENT_DAYS - 1 ? hc->enroll_cancel[d]
                                                            : sum_range(hc->enroll_cancel, d, LTV__HEALTH_ENROLL_MAX);
    }
    return LTV_OK;
}
