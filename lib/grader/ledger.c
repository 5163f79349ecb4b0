/* The shop's real figures beside the questions, read from a ledger through its public API
 * only (totals and per-customer facts), so the grader sees what any caller would see. */
#include "grader_internal.h"

#include "rules.h"

/* Q3's window: days from the first to the second order. */
#define SECOND_PURCHASE_WINDOW 90

static int tenure_bin(int32_t tenure) {
    if (tenure < 100) return LTV_GRADE_FIG_TENURE_0_99;
    if (tenure < 200) return LTV_GRADE_FIG_TENURE_100_199;
    if (tenure < 300) return LTV_GRADE_FIG_TENURE_200_299;
    if (tenure <= 365) return LTV_GRADE_FIG_TENURE_300_365;
    return LTV_GRADE_FIG_TENURE_OVER_365;
}

static int state_figure(const ltv__rules *rules, const ltv_customer_facts *f) {
    switch (ltv__rule_state(rules, f)) {
    case LTV_STATE_DORMANT: return LTV_GRADE_FIG_STATE_DORMANT;
    case LTV_STATE_NEW: return LTV_GRADE_FIG_STATE_NEW;
    case LTV_STATE_FAN: return LTV_GRADE_FIG_STATE_FAN;
    default: return LTV_GRADE_FIG_STATE_REPEAT;
    }
}

/* sum / count rounded half away from zero; count > 0. */
static int64_t rounded_average(int64_t sum, int64_t count) {
    int64_t quotient = sum / count, remainder = sum % count;
    if (remainder < 0) remainder = -remainder;
    if (remainder >= count - remainder) quotient += sum < 0 ? -1 : 1;
    return quotient;
}

static int attach(ltv_grade *grade, const ltv_ledger *ledger, int32_t as_of_day, int32_t decimals,
                  const ltv__rules *rules) {
    if (decimals < 0 || decimals > 6)
        return ltv__fail(LTV_ERANGE, "ltv_grade_attach_ledger: decimals %d is outside 0..6", (int)decimals);
    ltv_ledger_summary summary;
    int status = ltv_ledger_summary_as_of(ledger, as_of_day, &summary, sizeof summary);
    if (status != LTV_OK) return status;

    int64_t f[LTV_GRADE_FIGURE_COUNT] = {0};
    f[LTV_GRADE_FIG_AS_OF_DAY] = as_of_day;
    f[LTV_GRADE_FIG_CUSTOMERS] = (int64_t)summary.customers;
    f[LTV_GRADE_FIG_REPEAT_CUSTOMERS] = (int64_t)summary.repeat_customers;
    const uint64_t n = ltv_ledger_customer_count(ledger);
    for (uint64_t c = 0; c < n; c++) {
        ltv_customer_facts facts;
        status = ltv_ledger_facts(ledger, c, as_of_day, &facts, sizeof facts);
        if (status != LTV_OK) return status;
        if (facts.orders == 0) continue; /* no order before the as-of day: not a customer yet */
        f[tenure_bin(facts.tenure_days)]++;
        f[state_figure(rules, &facts)]++;
        /* The 90-day window is complete only if it closed before the as-of day. */
        if ((int64_t)facts.first_order_day + SECOND_PURCHASE_WINDOW < as_of_day) {
            f[LTV_GRADE_FIG_FIRST_BUYERS_90]++;
            if (facts.orders >= 2 && facts.second_order_day - facts.first_order_day <= SECOND_PURCHASE_WINDOW)
                f[LTV_GRADE_FIG_SECOND_WITHIN_90]++;
        }
        if (facts.year_orders > 0) {
            f[LTV_GRADE_FIG_YEAR_CUSTOMERS]++;
            if (!ltv__add_i64(f[LTV_GRADE_FIG_YEAR_AMOUNT], facts.year_amount, &f[LTV_GRADE_FIG_YEAR_AMOUNT]))
                return ltv__fail(LTV_EOVERFLOW,
                                 "ltv_grade_attach_ledger: the trailing-year amount exceeds 64 bits at customer %llu",
                                 (unsigned long long)c);
        }
    }
    if (f[LTV_GRADE_FIG_YEAR_CUSTOMERS] > 0)
        f[LTV_GRADE_FIG_ANNUAL_LTV] = rounded_average(f[LTV_GRADE_FIG_YEAR_AMOUNT], f[LTV_GRADE_FIG_YEAR_CUSTOMERS]);
    return ltv__grade_set_figures(grade, f, decimals);
}

int ltv_grade_attach_ledger(ltv_grade *grade, const ltv_ledger *ledger, int32_t as_of_day, int32_t decimals) {
    LTV_REQUIRE(grade, "ltv_grade_attach_ledger");
    LTV_REQUIRE(ledger, "ltv_grade_attach_ledger");
    /* the 1.0 figures, as documented: 180 / 5 / 365 from the last order, no cancel rule */
    ltv__rules rules;
    ltv__rules_defaults(&rules);
    rules.cancel_is_dormant = false;
    return attach(grade, ledger, as_of_day, decimals, &rules);
}

int ltv_grade_attach_ledger_v2(ltv_grade *grade, const ltv_ledger *ledger, int32_t as_of_day, int32_t decimals,
                               const ltv_segment_config *cfg) {
    LTV_REQUIRE(grade, "ltv_grade_attach_ledger_v2");
    LTV_REQUIRE(ledger, "ltv_grade_attach_ledger_v2");
    ltv__rules rules;
    ltv__rules_from_config(&rules, cfg, ledger);
    return attach(grade, ledger, as_of_day, decimals, &rules);
}
