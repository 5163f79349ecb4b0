/* Timing from the shop's own data: where its best customers make their second purchase,
 * and a step placed at the start of the busiest window of those re-purchases. */
#include <string.h>

#include "planner_internal.h"
#include "textbuf.h"

#define GAP_CAPACITY_MAX 100000

int ltv_planner_best_gaps(const ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of_day,
                          uint64_t *out_counts, size_t capacity, uint64_t *out_customers) {
    static const char func[] = "ltv_planner_best_gaps";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(ledger, func);
    LTV_REQUIRE(out_counts, func);
    if (capacity < 1 || capacity > GAP_CAPACITY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: capacity %zu is outside 1..%d", func, capacity, GAP_CAPACITY_MAX);
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: as_of_day %d is outside %d..%d", func, as_of_day, LTV_DAY_MIN, LTV_DAY_MAX);
    memset(out_counts, 0, capacity * sizeof *out_counts);
    uint64_t best = 0;
    uint64_t customers = ltv_ledger_customer_count(ledger);
    ltv__rules rules;
    ltv__plan_rules(planner, ledger, &rules);
    for (uint64_t i = 0; i < customers; i++) {
        ltv_customer_facts facts;
        int status = ltv_ledger_facts(ledger, i, as_of_day, &facts, sizeof facts);
        if (status != LTV_OK) return status;
        if (ltv__rule_rank(&rules, &facts) != LTV_RANK_EXCELLENT || facts.second_order_day == LTV_NO_DAY) continue;
        best++;
        int64_t gap = (int64_t)facts.second_order_day - facts.first_order_day;
        if (gap >= 0 && (uint64_t)gap < capacity) out_counts[gap]++;
    }
    if (out_customers) *out_customers = best;
    return LTV_OK;
}

int ltv_planner_best_gaps_segmented(const ltv_segmentation *seg, const ltv_ledger *ledger, uint64_t *out_counts,
                                    size_t capacity, uint64_t *out_customers) {
    static const char func[] = "ltv_planner_best_gaps_segmented";
    LTV_REQUIRE(seg, func);
    LTV_REQUIRE(ledger, func);
    LTV_REQUIRE(out_counts, func);
    if (capacity < 1 || capacity > GAP_CAPACITY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: capacity %zu is outside 1..%d", func, capacity, GAP_CAPACITY_MAX);
    uint64_t customers = ltv_ledger_customer_count(ledger);
    const void *column = NULL;
    size_t len = 0;
    int status = ltv_segmentation_column(seg, LTV_COLUMN_RANK, &column, &len);
    if (status != LTV_OK) return status;
    if (len != customers)
        return ltv__fail(LTV_EINVAL, "%s: the segmentation has %zu customers but the ledger %llu; segment this ledger",
                         func, len, (unsigned long long)customers);
    const int8_t *ranks = column;
    int32_t as_of = ltv_segmentation_as_of(seg);
    memset(out_counts, 0, capacity * sizeof *out_counts);
    uint64_t best = 0;
    for (uint64_t i = 0; i < customers; i++) {
        if (ranks[i] != LTV_RANK_EXCELLENT) continue;
        ltv_customer_facts facts;
        if ((status = ltv_ledger_facts(ledger, i, as_of, &facts, sizeof facts)) != LTV_OK) return status;
        if (facts.second_order_day == LTV_NO_DAY) continue;
        best++;
        int64_t gap = (int64_t)facts.second_order_day - facts.first_order_day;
        if (gap >= 0 && (uint64_t)gap < capacity) out_counts[gap]++;
    }
    if (out_customers) *out_customers = best;
    return LTV_OK;
}

static uint64_t percent(uint64_t part, uint64_t whole) {
    /* For display only; the counts themselves stay exact. */
    return whole ? (uint64_t)((double)part * 100.0 / (double)whole + 0.5) : 0;
}

static void explain_from_data(ltv__textbuf *buf, int lang, const char *name, uint64_t total, uint64_t in_window,
                              int32_t first, int32_t last, int64_t window, int32_t old_day) {
    uint64_t pct = percent(in_window, total);
    if (lang == LTV_LANG_JA) {
        ltv__tb_printf(buf,
                       "優良顧客の初回購入から90日以内の2回目購入%llu件のうち%llu件(%llu%%)が%d〜%d日目に"
                       "集中しています(最も多い%lld日間)。",
                       (unsigned long long)total, (unsigned long long)in_window, (unsigned long long)pct, first,
                       last, (long long)window);
        if (old_day == first)
            ltv__tb_printf(buf, "ステップ「%s」はその始まりの%d日目のままにします。", name, first);
        else
            ltv__tb_printf(buf, "ステップ「%s」を%d日目から%d日目に移し、その期間の始まりに届くようにします。",
                           name, old_day, first);
        return;
    }
    ltv__tb_printf(buf,
                   "Of the %llu second purchases your best customers made within 90 days of their first, "
                   "%llu (%llu%%) fell on days %d-%d, the busiest %lld-day window. ",
                   (unsigned long long)total, (unsigned long long)in_window, (unsigned long long)pct, first, last,
                   (long long)window);
    if (old_day == first)
        ltv__tb_printf(buf, "Step '%s' stays on day %d, where that window begins.", name, first);
    else
        ltv__tb_printf(buf, "Step '%s' moves from day %d to day %d so that it arrives as that window begins.",
                       name, old_day, first);
}

static void explain_too_few(ltv__textbuf *buf, int lang, const char *name, uint64_t total, int64_t needed,
                            int32_t day) {
    if (lang == LTV_LANG_JA) {
        ltv__tb_printf(buf,
                       "優良顧客の初回購入から90日以内の2回目購入は%llu件しかなく、傾向を読むには%lld件以上が"
                       "必要です。データが足りないため、ステップ「%s」は既定の%d日目のままにします。",
                       (unsigned long long)total, (long long)needed, name, day);
        return;
    }
    ltv__tb_printf(buf,
                   "Only %llu second purchases of your best customers fall within 90 days of their first; at "
                   "least %lld are needed to read a pattern. With too little data, step '%s' keeps its "
                   "default day %d.",
                   (unsigned long long)total, (long long)needed, name, day);
}

int ltv_planner_place_step(ltv_planner *planner, size_t scenario, size_t step, const uint64_t *gap_counts,
                           size_t n_days, int lang, int32_t *out_day, int *out_reason, char **out_explanation) {
    static const char func[] = "ltv_planner_place_step";
    if (out_explanation) *out_explanation = NULL;
    LTV_REQUIRE(planner, func);
    if (!gap_counts && n_days)
        return ltv__fail(LTV_EINVAL, "%s: gap_counts is NULL but n_days is %zu", func, n_days);
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA)
        return ltv__fail(LTV_EINVAL, "%s: lang %d is not LTV_LANG_EN (0) or LTV_LANG_JA (1)", func, lang);
    int64_t current;
    int status = ltv_planner_step_get_i64(planner, scenario, step, LTV_STEP_DAY, &current);
    if (status != LTV_OK) return status;
    /* Re-purchases on days 1..90 (same-day second orders cannot be prompted). */
    uint64_t per_day[LTV_PLAN_DAY_MAX + 1] = {0};
    uint64_t total = 0;
    for (size_t d = 1; d <= LTV_PLAN_DAY_MAX && d < n_days; d++) {
        per_day[d] = gap_counts[d];
        if (per_day[d] > UINT64_MAX - total)
            return ltv__fail(LTV_EOVERFLOW, "%s: the gap counts of days 1..%zu do not fit in 64 bits together", func, d);
        total += per_day[d];
    }
    int64_t window = planner->params[LTV_PLAN_TIMING_WINDOW_DAYS];
    int64_t needed = planner->params[LTV_PLAN_TIMING_MIN_CUSTOMERS];
    const ltv__plan_step *st = &planner->scenarios[scenario].steps[step];
    int32_t old_day = (int32_t)current;
    int32_t day = old_day;
    int reason;
    ltv__textbuf text = {0};
    if (total < (uint64_t)needed) {
        reason = LTV_TIMING_TOO_FEW;
        explain_too_few(&text, lang, st->name, total, needed, old_day);
    } else {
        /* The window of `window` days inside 1..90 with the most re-purchases. Among equal
         * windows the one that starts on the busiest day wins (a sharp peak then gets the
         * step on the peak, not days before it), then the earliest. */
        uint64_t best = 0, sum = 0;
        int32_t best_start = 1;
        for (int32_t d = 1; d <= LTV_PLAN_DAY_MAX; d++) {
            sum += per_day[d];
            if (d - window >= 1) sum -= per_day[d - window];
            int32_t start = d - (int32_t)window + 1;
            if (start < 1) continue;
            if (sum > best || (sum == best && per_day[start] > per_day[best_start])) {
                best = sum;
                best_start = start;
            }
        }
        reason = LTV_TIMING_FROM_DATA;
        day = best_start;
        explain_from_data(&text, lang, st->name, total, best, best_start, best_start + (int32_t)window - 1, window,
                          old_day);
    }
    if (text.failed) {
        ltv__tb_discard(&text);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    planner->scenarios[scenario].steps[step].day = day;
    if (out_day) *out_day = day;
    if (out_reason) *out_reason = reason;
    if (out_explanation)
        *out_explanation = text.data;
    else
        ltv__tb_discard(&text);
    return LTV_OK;
}
