/*
 * The health check's result and settings, shared by its source files. Nothing here is
 * exported.
 *
 * The result holds only counts: per group (all customers, then the five rank values
 * LTV_RANK_NONE..LTV_RANK_NURTURE) the conversion counts and an exact histogram of
 * first → second gaps, plus the membership life table. Its size depends on the ledger's
 * day span (capped), never on the number of customers.
 */
#ifndef LTVCRM_HEALTH_INTERNAL_H
#define LTVCRM_HEALTH_INTERNAL_H

#include "ltvcrm/health.h"

#include "internal.h"

/* First-version sizes of the result structs (see LTV__SIZE_THROUGH): fields of 1.0.0 end here. */
#define LTV__HEALTH_OVERVIEW_V1_SIZE LTV__SIZE_THROUGH(ltv_health_overview, year_revenue)
#define LTV__HEALTH_CONVERSION_V1_SIZE LTV__SIZE_THROUGH(ltv_health_conversion, most_common_week_customers)
#define LTV__HEALTH_TENURE_V1_SIZE LTV__SIZE_THROUGH(ltv_health_tenure, bin_share)
#define LTV__HEALTH_MEMBERSHIP_V1_SIZE LTV__SIZE_THROUGH(ltv_health_membership, band_average_year_amount)

#define LTV__HEALTH_PARAMS 6
/* Groups: index 0 is every customer, index rank + 2 is one rank (LTV_RANK_NONE = -1 → 1). */
#define LTV__HEALTH_GROUPS 6
/* Gaps up to this many days are kept exactly (for the median); longer ones share one bucket. */
#define LTV__HEALTH_GAP_EXACT_MAX 36600
/* Enrollment days are kept exactly up to here; the risk periods end before it. */
#define LTV__HEALTH_ENROLL_MAX 731

struct ltv_health_config {
    int64_t values[LTV__HEALTH_PARAMS];
};

/* The fixed first → second windows. */
extern const int32_t ltv__health_windows[LTV_HEALTH_WINDOWS];
/* The tenure bins (also the days-enrolled bins): first and last day, -1 for open. */
extern const int32_t ltv__health_bin_first[LTV_HEALTH_TENURE_BINS];
extern const int32_t ltv__health_bin_last[LTV_HEALTH_TENURE_BINS];

/* Default settings, and the settings of a config or the defaults for NULL. */
void ltv__health_config_defaults(int64_t values[LTV__HEALTH_PARAMS]);

typedef struct ltv__health_group {
    uint64_t customers, second_customers;
    uint64_t eligible[LTV_HEALTH_WINDOWS], converted[LTV_HEALTH_WINDOWS];
} ltv__health_group;

struct ltv_health_check {
    int32_t as_of;
    bool has_ranks;
    bool has_membership;
    int64_t params[LTV__HEALTH_PARAMS];
    /* first → second gap histograms of gap_len buckets per group (buckets 0..gap_len-2
     * exact, the last one for longer gaps) */
    uint64_t *gap_hist;
    size_t gap_len;

    /* Everything from `customers` to `sums_end` is a 64-bit count or sum, so that the pass
     * can run on several ranges of customers and add their results word by word. */

    /* sales and repeat */
    uint64_t customers, orders, repeat_customers, year_customers, year_repeat_customers, year_orders;
    int64_t revenue, gross_revenue, items, year_revenue;

    /* tenure */
    uint64_t tenure_bins[LTV_HEALTH_TENURE_BINS];
    uint64_t tenure_sum;

    /* first → second: counts per group */
    ltv__health_group groups[LTV__HEALTH_GROUPS];

    /* membership */
    uint64_t members, visits, year_visits;
    uint64_t continuing, churned;
    int64_t continuing_ltv, churned_ltv;
    uint64_t short_eligible, short_churned, long_eligible, long_churned;
    /* members by days enrolled (their last index) and cancels by enrollment day, exact up to
     * LTV__HEALTH_ENROLL_MAX - 1, the last bucket for later days */
    uint64_t enroll_last[LTV__HEALTH_ENROLL_MAX + 1];
    uint64_t enroll_cancel[LTV__HEALTH_ENROLL_MAX + 1];
    uint64_t usage_members, usage_newer;
    uint64_t band_members[LTV_HEALTH_USAGE_BANDS];
    int64_t band_ltv[LTV_HEALTH_USAGE_BANDS], band_year_amount[LTV_HEALTH_USAGE_BANDS];
    uint64_t sums_end; /* marks the end of the sums; always 0 */
};

/* Index of a group argument (LTV_HEALTH_ALL or a rank), or a failure status (negative)
 * with the message set. */
int ltv__health_group_index(const ltv_health_check *hc, int group, const char *func);

/* The stable JSON key of a label id (health_labels.c). */
const char *ltv__health_label_key(int label);

/* The gap histogram of group index g. */
static inline const uint64_t *ltv__health_gaps(const ltv_health_check *hc, int g) {
    return hc->gap_hist + (size_t)g * hc->gap_len;
}

#endif
