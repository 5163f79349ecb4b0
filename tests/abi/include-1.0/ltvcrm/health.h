/**
 * @file health.h
 * @brief The health check: the KPIs a shop prints every month — sales, repeat rate, the
 * first → second purchase, tenure and, for membership businesses, churn and usage.
 *
 * Seed 004 calls these figures the "blood pressure and blood sugar" of the business. One
 * call, ltv_health_check_run(), computes all of them in one sequential pass over the
 * customers of a ledger; the getters then read the result. Every figure is defined below
 * and, with worked examples, in `docs/health-check.md`.
 *
 * **Who counts.** Only events on days before the as-of day A count (as everywhere in the
 * library). A *customer* has at least one order before A. The trailing year is the 365 days
 * [A − 365, A). Every rate is a count divided by a count; both counts are returned next to
 * it, and a rate whose denominator is 0 is 0.
 *
 * **First → second purchase.** A customer's gap is second order day − first order day
 * (two orders on the same day: a gap of 0). "Converted within W days" means the gap is at
 * most W days (a gap of exactly 7 days counts within 7). To keep customers who are too new
 * to have had the chance from dragging the rate down, the rate within W counts only
 * *eligible* customers, whose first order is more than W days before A (so all W days after
 * it are in the data):
 *
 *     conversion(W) = eligible customers with a gap ≤ W / customers with A − first order > W
 *
 * The windows are fixed: 7, 30, 60, 90, 180 and 365 days. The gap distribution counts every
 * customer with a second order (no eligibility rule); its median is the usual median
 * (the mean of the two middle gaps when their number is even), and the most common week is
 * the week w (gaps 7w .. 7w + 6 days, w = 0..51) holding the most customers, the earliest
 * on ties.
 *
 * **Tenure** is last order − first order (seed 000's definition), binned 0–99, 100–199,
 * 200–299, 300–365 and over 365 days.
 *
 * **Membership** figures exist when the data has visits or cancels before A. Then every
 * customer with any event before A is a *member*, who joined on the day of their first event
 * and churned on the day of their first cancel (later events are ignored for churn). A
 * member's LTV is their lifetime amount (orders − refunds). *Days enrolled* is the last day
 * as a member − the join day, where the last day is the cancel day, or A − 1 for continuing
 * members. A member is *at risk on enrollment day d* when their days enrolled are ≥ d; the
 * *churn rate* of a span of enrollment days [lo, hi] is the members who cancelled on an
 * enrollment day in the span / the members at risk on day lo (a life table).
 */
#ifndef LTVCRM_HEALTH_H
#define LTVCRM_HEALTH_H

#include "common.h"
#include "ledger.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque health-check settings. */
typedef struct ltv_health_config ltv_health_config;
/** Opaque result of one health check. */
typedef struct ltv_health_check ltv_health_check;

/** Number of first → second purchase windows: 7, 30, 60, 90, 180 and 365 days. */
#define LTV_HEALTH_WINDOWS 6
/** Number of tenure bins: 0–99, 100–199, 200–299, 300–365 and over 365 days. */
#define LTV_HEALTH_TENURE_BINS 5
/** Number of usage bands: low (≤ 60 a year), middle (61–119), high (≥ 120). */
#define LTV_HEALTH_USAGE_BANDS 3
/** Entries of a gap-by-day histogram: gaps 0..365 days, then one entry for gaps over 365. */
#define LTV_HEALTH_GAP_DAY_BINS 367
/** Entries of a gap-by-week histogram: weeks 0..51 (7w..7w+6 days), then gaps of 364 days or more. */
#define LTV_HEALTH_GAP_WEEK_BINS 53
/** Entries of the enrollment-day arrays: days 0..365, then day 366 and later. */
#define LTV_HEALTH_ENROLLMENT_DAYS 367

/** Integer settings, for ltv_health_config_set_i64(). Values are ABI. */
typedef enum ltv_health_param {
    LTV_HEALTH_CHURN_SHORT_DAYS = 0,  /**< Short churn window after joining (6 months); 1..3650, default 182. */
    LTV_HEALTH_CHURN_LONG_DAYS = 1,   /**< Long churn window after joining (1 year); 1..3650, default 365. */
    LTV_HEALTH_USAGE_LOW_MAX = 2,     /**< Low usage band: at most this many visits a year; 0..100000, default 60. */
    LTV_HEALTH_USAGE_HIGH_MIN = 3,    /**< High usage band: at least this; 1..100000, default 120, > low max. */
    LTV_HEALTH_RISK_PERIOD_DAYS = 4,  /**< Length of the periods searched for the risk peak; 1..365, default 30. */
    LTV_HEALTH_RISK_MIN_AT_RISK = 5   /**< Members at risk a period needs to be the peak; 1..1000000000, default 10. */
} ltv_health_param;

/** Customer groups of the first → second purchase figures. Values are ABI. */
typedef enum ltv_health_group {
    /** Every customer with an order. The values −1..3 select the customers of one
     * ::ltv_rank (::LTV_RANK_NONE: no order in the trailing year) and need a segmentation. */
    LTV_HEALTH_ALL = -2
} ltv_health_group;

/**
 * @brief Sales and repeat-rate figures, filled by ltv_health_check_overview().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_health_overview {
    int32_t as_of_day;              /**< The as-of day A. */
    int32_t has_membership;         /**< 1 when visits or cancels exist (see ltv_health_check_membership()). */
    uint64_t customers;             /**< Customers with an order before A. */
    uint64_t orders;                /**< Their orders. */
    int64_t revenue;                /**< Orders − refunds, minor units. */
    int64_t gross_revenue;          /**< Orders only, minor units. */
    int64_t items;                  /**< Items over all orders. */
    double average_order_value;     /**< gross_revenue / orders (0 without orders), minor units. */
    double items_per_order;         /**< items / orders (0 without orders). */
    uint64_t repeat_customers;      /**< Customers with 2 or more orders. */
    double repeat_rate;             /**< repeat_customers / customers. */
    uint64_t year_customers;        /**< Customers with an order in the trailing year. */
    uint64_t year_repeat_customers; /**< Customers with 2 or more orders in the trailing year. */
    double year_repeat_rate;        /**< year_repeat_customers / year_customers. */
    uint64_t year_orders;           /**< Orders in the trailing year. */
    int64_t year_revenue;           /**< Orders − refunds in the trailing year, minor units. */
} ltv_health_overview;

/**
 * @brief First → second purchase figures of one group, filled by ltv_health_check_conversion().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_health_conversion {
    int32_t group;                               /**< ::LTV_HEALTH_ALL or the ::ltv_rank. */
    int32_t most_common_week;                    /**< Week 0..51 (gaps 7w..7w+6) with the most gaps; -1 if none. */
    uint64_t customers;                          /**< Customers of the group with an order. */
    uint64_t second_customers;                   /**< Of those, customers with a second order. */
    int32_t window_days[LTV_HEALTH_WINDOWS];     /**< The windows: 7, 30, 60, 90, 180, 365. */
    uint64_t eligible[LTV_HEALTH_WINDOWS];       /**< Customers whose first order is more than the window before A. */
    uint64_t converted[LTV_HEALTH_WINDOWS];      /**< Of those, customers whose second order came within the window. */
    double rate[LTV_HEALTH_WINDOWS];             /**< converted / eligible. */
    double median_gap_days;                      /**< Median gap over second_customers; -1 if none. */
    uint64_t most_common_week_customers;         /**< Second orders in the most common week. */
} ltv_health_conversion;

/**
 * @brief Tenure distribution (last − first order), filled by ltv_health_check_tenure().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_health_tenure {
    uint64_t customers;                                /**< Customers with an order. */
    double average_tenure_days;                        /**< Mean tenure over them. */
    int32_t bin_first_day[LTV_HEALTH_TENURE_BINS];     /**< First day of each bin: 0, 100, 200, 300, 366. */
    int32_t bin_last_day[LTV_HEALTH_TENURE_BINS];      /**< Last day of each bin: 99, 199, 299, 365, -1 (open). */
    uint64_t bin_customers[LTV_HEALTH_TENURE_BINS];    /**< Customers whose tenure falls in the bin. */
    double bin_share[LTV_HEALTH_TENURE_BINS];          /**< bin_customers / customers. */
} ltv_health_tenure;

/**
 * @brief Membership figures, filled by ltv_health_check_membership().
 *
 * See the file description for members, join day, days enrolled and churn rates.
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_health_membership {
    uint64_t members;                   /**< Customers with any event before A. */
    uint64_t visits;                    /**< Visits before A. */
    uint64_t year_visits;               /**< Visits in the trailing year. */
    uint64_t continuing_members;        /**< Members without a cancel. */
    double continuing_average_ltv;      /**< Their average lifetime amount, minor units. */
    uint64_t churned_members;           /**< Members with a cancel. */
    double churned_average_ltv;         /**< Their average lifetime amount, minor units. */
    double retention_value;             /**< continuing − churned average LTV: what keeping a member is worth. */
    int32_t short_window_days;          /**< ::LTV_HEALTH_CHURN_SHORT_DAYS. */
    int32_t long_window_days;           /**< ::LTV_HEALTH_CHURN_LONG_DAYS. */
    uint64_t short_eligible;            /**< Members who joined more than short_window_days before A. */
    uint64_t short_churned;             /**< Of those, members who cancelled at most short_window_days after joining. */
    double short_churn_rate;            /**< short_churned / short_eligible. */
    uint64_t long_eligible;             /**< Members who joined more than long_window_days before A. */
    uint64_t long_churned;              /**< Of those, members who cancelled at most long_window_days after joining. */
    double long_churn_rate;             /**< long_churned / long_eligible. */
    int32_t bin_first_day[LTV_HEALTH_TENURE_BINS]; /**< First enrollment day of each bin: 0, 100, 200, 300, 366. */
    int32_t bin_last_day[LTV_HEALTH_TENURE_BINS];  /**< Last enrollment day of each bin: 99, 199, 299, 365, -1. */
    uint64_t bin_members[LTV_HEALTH_TENURE_BINS];  /**< Members whose days enrolled fall in the bin. */
    uint64_t bin_at_risk[LTV_HEALTH_TENURE_BINS];  /**< Members at risk on the bin's first day. */
    uint64_t bin_churned[LTV_HEALTH_TENURE_BINS];  /**< Members who cancelled on an enrollment day in the bin. */
    double bin_churn_rate[LTV_HEALTH_TENURE_BINS]; /**< bin_churned / bin_at_risk. */
    int32_t risk_period_days;           /**< ::LTV_HEALTH_RISK_PERIOD_DAYS (P). */
    int32_t risk_peak_first_day;        /**< First enrollment day of the peak period (k·P ≤ 365); -1 if none. */
    int32_t risk_peak_last_day;         /**< Its last day (first + P − 1); -1 if none. */
    int32_t reserved;                   /**< Zero. */
    uint64_t risk_peak_at_risk;         /**< Members at risk on its first day. */
    uint64_t risk_peak_churned;         /**< Members who cancelled during it. */
    double risk_peak_rate;              /**< Its churn rate, the highest of all candidate periods. */
    int64_t usage_low_max;              /**< ::LTV_HEALTH_USAGE_LOW_MAX. */
    int64_t usage_high_min;             /**< ::LTV_HEALTH_USAGE_HIGH_MIN. */
    uint64_t usage_members;             /**< Continuing members who joined at least 365 days before A. */
    uint64_t usage_newer_members;       /**< Continuing members who joined later, not banded. */
    uint64_t band_members[LTV_HEALTH_USAGE_BANDS];       /**< Members per band: low, middle, high. */
    double band_share[LTV_HEALTH_USAGE_BANDS];           /**< band_members / usage_members. */
    double band_average_ltv[LTV_HEALTH_USAGE_BANDS];     /**< Average lifetime amount per band, minor units. */
    double band_average_year_amount[LTV_HEALTH_USAGE_BANDS]; /**< Average trailing-year amount per band, minor units. */
} ltv_health_membership;

/** Labels of the health-check report, for ltv_health_label(). Values are ABI. */
typedef enum ltv_health_label_id {
    LTV_HEALTH_LABEL_TITLE = 0,              /**< "Health check" */
    LTV_HEALTH_LABEL_AS_OF = 1,              /**< "As of" */
    LTV_HEALTH_LABEL_SECTION_SALES = 2,      /**< "Customers and sales" */
    LTV_HEALTH_LABEL_CUSTOMERS = 3,          /**< "Customers" */
    LTV_HEALTH_LABEL_ORDERS = 4,             /**< "Orders" */
    LTV_HEALTH_LABEL_REVENUE = 5,            /**< "Revenue (net of refunds)" */
    LTV_HEALTH_LABEL_GROSS_REVENUE = 6,      /**< "Revenue (gross)" */
    LTV_HEALTH_LABEL_AOV = 7,                /**< "Average order value" */
    LTV_HEALTH_LABEL_ITEMS_PER_ORDER = 8,    /**< "Items per order" */
    LTV_HEALTH_LABEL_SECTION_REPEAT = 9,     /**< "Repeat rate" */
    LTV_HEALTH_LABEL_REPEAT_RATE = 10,       /**< "Repeat rate (all time)" */
    LTV_HEALTH_LABEL_YEAR_REPEAT_RATE = 11,  /**< "Repeat rate (trailing year)" */
    LTV_HEALTH_LABEL_SECTION_SECOND = 12,    /**< "First to second purchase" */
    LTV_HEALTH_LABEL_SECOND_WITHIN = 13,     /**< "Second purchase within" */
    LTV_HEALTH_LABEL_MEDIAN_GAP = 14,        /**< "Median days to the second purchase" */
    LTV_HEALTH_LABEL_COMMON_WEEK = 15,       /**< "Most common week" */
    LTV_HEALTH_LABEL_GAP_DISTRIBUTION = 16,  /**< "Days to the second purchase" */
    LTV_HEALTH_LABEL_SECTION_TENURE = 17,    /**< "Tenure (first to last order)" */
    LTV_HEALTH_LABEL_SECTION_MEMBERSHIP = 18, /**< "Membership" */
    LTV_HEALTH_LABEL_MEMBERS = 19,           /**< "Members" */
    LTV_HEALTH_LABEL_CONTINUING = 20,        /**< "Continuing members" */
    LTV_HEALTH_LABEL_CHURNED = 21,           /**< "Churned members" */
    LTV_HEALTH_LABEL_AVERAGE_LTV = 22,       /**< "Average LTV" */
    LTV_HEALTH_LABEL_RETENTION_VALUE = 23,   /**< "Worth of keeping a member (LTV gap)" */
    LTV_HEALTH_LABEL_CHURN_WITHIN = 24,      /**< "Churn after joining, within" */
    LTV_HEALTH_LABEL_CHURN_BY_TENURE = 25,   /**< "Churn by days enrolled" */
    LTV_HEALTH_LABEL_RISK_PEAK = 26,         /**< "Churn risk peaks" */
    LTV_HEALTH_LABEL_SECTION_USAGE = 27,     /**< "Uses per year" */
    LTV_HEALTH_LABEL_USAGE_LOW = 28,         /**< "Silent members" (the low usage band) */
    LTV_HEALTH_LABEL_USAGE_MIDDLE = 29,      /**< "Regular members" (the middle usage band) */
    LTV_HEALTH_LABEL_USAGE_HIGH = 30,        /**< "Core users" (the high usage band) */
    LTV_HEALTH_LABEL_SECTION_STATES = 31,    /**< "Customer states" */
    LTV_HEALTH_LABEL_SECTION_RANKS = 32,     /**< "Value ranks and the LTV formula" */
    LTV_HEALTH_LABEL_SECTION_RFM = 33,       /**< "RFM score thresholds" */
    LTV_HEALTH_LABEL_SECTION_PRESETS = 34,   /**< "Named segments" */
    LTV_HEALTH_LABEL_SECTION_LTV = 35,       /**< "LTV analysis" */
    LTV_HEALTH_LABEL_CORE = 36,              /**< "Top 1 % core" */
    LTV_HEALTH_LABEL_TOP_EXCELLENT = 37,     /**< "Top excellent customers" */
    LTV_HEALTH_LABEL_HIGH_LTV_GENERAL = 38,  /**< "High-LTV general customers" */
    LTV_HEALTH_LABEL_CPO = 39,               /**< "Cost per order vs LTV" */
    LTV_HEALTH_LABEL_SHARE = 40,             /**< "Share" */
    LTV_HEALTH_LABEL_RATE = 41,              /**< "Rate" */
    LTV_HEALTH_LABEL_ELIGIBLE = 42,          /**< "Eligible" */
    LTV_HEALTH_LABEL_AT_RISK = 43,           /**< "At risk" */
    LTV_HEALTH_LABEL_ACTIVE_YEARS = 44,      /**< "Active years" */
    LTV_HEALTH_LABEL_ORDERS_PER_YEAR = 45,   /**< "Orders per year" */
    LTV_HEALTH_LABEL_TRAILING_YEAR = 46,     /**< "Trailing year" */
    LTV_HEALTH_LABEL_NEWER_MEMBERS = 47      /**< "Members under a year (not banded)" */
} ltv_health_label_id;
/** Number of health-check labels (ids 0 .. count − 1). */
#define LTV_HEALTH_LABEL_COUNT 48

/**
 * @brief Create settings with the defaults listed in ::ltv_health_param.
 * @param[out] out Receives the settings; release with ltv_health_config_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_health_config_new(ltv_health_config **out);

/**
 * @brief Release settings.
 * @param cfg The settings, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the settings during the call.
 */
LTV_API void ltv_health_config_free(ltv_health_config *cfg);

/**
 * @brief Set an integer setting.
 *
 * Each value is checked against its own bounds here; the relation between the usage band
 * limits (high minimum above low maximum) is checked by ltv_health_check_run(), so the two
 * can be set in any order.
 * @param cfg The settings.
 * @param param An ::ltv_health_param.
 * @param value The value, within the bounds listed for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings or an unknown parameter; ::LTV_ERANGE for
 * a value out of bounds (the message names the parameter, the value and the bounds). On
 * failure the settings are unchanged.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_health_config_set_i64(ltv_health_config *cfg, int param, int64_t value);

/**
 * @brief Read an integer setting.
 * @param cfg The settings.
 * @param param An ::ltv_health_param.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_config_get_i64(const ltv_health_config *cfg, int param, int64_t *out_value);

/**
 * @brief Compute the health check of a ledger as of a day, in one pass over its customers.
 *
 * Memory does not grow with the number of customers: the result holds counts and
 * histograms only, and does not refer to the ledger or the segmentation afterwards.
 * @param[out] out Receives the result; release with ltv_health_check_free().
 * @param ledger The ledger.
 * @param seg A segmentation of the same ledger as of the same day, for the per-rank
 * figures; or NULL (then only ::LTV_HEALTH_ALL is available).
 * @param cfg Settings, or NULL for the defaults. Copied: may be freed after the call.
 * @param as_of_day The as-of day A: events before A count; ::LTV_DAY_MIN..::LTV_DAY_MAX + 1.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p out or @p ledger, or a segmentation of another
 * size or day; ::LTV_ERANGE for a day out of range or a high usage minimum not above the low
 * maximum (the message names both); ::LTV_ENOMEM.
 * @par Thread safety
 * Reads the ledger and the segmentation: safe with other readers of them.
 */
LTV_API int ltv_health_check_run(ltv_health_check **out, const ltv_ledger *ledger, const ltv_segmentation *seg,
                                 const ltv_health_config *cfg, int32_t as_of_day);

/**
 * @brief Release a health check.
 * @param hc The result, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the result during the call.
 */
LTV_API void ltv_health_check_free(ltv_health_check *hc);

/**
 * @brief Whether the result has per-rank figures (a segmentation was given).
 * @param hc The result, or NULL (returns 0).
 * @return 1 or 0.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_has_ranks(const ltv_health_check *hc);

/**
 * @brief Whether the result has membership figures (visits or cancels before the as-of day).
 * @param hc The result, or NULL (returns 0).
 * @return 1 or 0.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_has_membership(const ltv_health_check *hc);

/**
 * @brief Sales and repeat rates.
 * @param hc The result.
 * @param[out] out Receives the figures.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_overview(const ltv_health_check *hc, ltv_health_overview *out, size_t out_size);

/**
 * @brief First → second purchase conversion, median gap and most common week of one group.
 * @param hc The result.
 * @param group ::LTV_HEALTH_ALL, or an ::ltv_rank (−1..3).
 * @param[out] out Receives the figures.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments, a too small @p out_size or an unknown
 * group; ::LTV_ENOTFOUND for a rank when no segmentation was given.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_conversion(const ltv_health_check *hc, int group, ltv_health_conversion *out,
                                        size_t out_size);

/**
 * @brief The gap distribution by day: how many customers bought their second order d days
 * after the first.
 *
 * With @p out NULL and @p capacity 0 only the length is written.
 * @param hc The result.
 * @param group ::LTV_HEALTH_ALL, or an ::ltv_rank (−1..3).
 * @param[out] out Receives ::LTV_HEALTH_GAP_DAY_BINS counts: out[d] for a gap of d days
 * (0..365), out[366] for gaps over 365 days.
 * @param capacity Elements @p out can hold.
 * @param[out] out_len Receives ::LTV_HEALTH_GAP_DAY_BINS.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p hc or @p out_len or an unknown group;
 * ::LTV_ENOTFOUND for a rank without a segmentation; ::LTV_EBUFSIZE if @p capacity is too
 * small (the needed length is written).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_gap_days(const ltv_health_check *hc, int group, uint64_t *out, size_t capacity,
                                      size_t *out_len);

/**
 * @brief The gap distribution by week: out[w] counts gaps of 7w .. 7w + 6 days.
 *
 * With @p out NULL and @p capacity 0 only the length is written.
 * @param hc The result.
 * @param group ::LTV_HEALTH_ALL, or an ::ltv_rank (−1..3).
 * @param[out] out Receives ::LTV_HEALTH_GAP_WEEK_BINS counts: weeks 0..51, then out[52] for
 * gaps of 364 days or more.
 * @param capacity Elements @p out can hold.
 * @param[out] out_len Receives ::LTV_HEALTH_GAP_WEEK_BINS.
 * @return As ltv_health_check_gap_days().
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_gap_weeks(const ltv_health_check *hc, int group, uint64_t *out, size_t capacity,
                                       size_t *out_len);

/**
 * @brief The tenure distribution.
 * @param hc The result.
 * @param[out] out Receives the figures.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_tenure(const ltv_health_check *hc, ltv_health_tenure *out, size_t out_size);

/**
 * @brief Membership figures: continuing vs churned, early churn, churn by days enrolled,
 * the risk peak and usage bands.
 *
 * **Risk peak.** Enrollment days are cut into periods of P = ::LTV_HEALTH_RISK_PERIOD_DAYS
 * days starting at day 0 ([0, P−1], [P, 2P−1], …); the candidates are the periods starting on
 * day 365 or earlier with at least ::LTV_HEALTH_RISK_MIN_AT_RISK members at risk on their
 * first day. The peak is the candidate with the highest churn rate (the earliest on ties),
 * and only if that rate is above 0.
 *
 * **Usage bands** count continuing members who joined at least 365 days before A, by their
 * visits in the trailing year: low ≤ ::LTV_HEALTH_USAGE_LOW_MAX, high ≥
 * ::LTV_HEALTH_USAGE_HIGH_MIN, middle in between.
 * @param hc The result.
 * @param[out] out Receives the figures.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size;
 * ::LTV_ENOTFOUND if the data has no visits and no cancels.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_membership(const ltv_health_check *hc, ltv_health_membership *out, size_t out_size);

/**
 * @brief Members at risk and cancels per enrollment day: the life table behind the churn
 * rates, for charts and for other period lengths.
 *
 * With both arrays NULL and @p capacity 0 only the length is written.
 * @param hc The result.
 * @param[out] at_risk Receives ::LTV_HEALTH_ENROLLMENT_DAYS counts: members at risk on
 * enrollment day d (0..366) (may be NULL).
 * @param[out] cancels Receives ::LTV_HEALTH_ENROLLMENT_DAYS counts: members who cancelled
 * on enrollment day d (0..365), cancels[366] on day 366 or later (may be NULL).
 * @param capacity Elements each non-NULL array can hold.
 * @param[out] out_len Receives ::LTV_HEALTH_ENROLLMENT_DAYS.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p hc or @p out_len; ::LTV_ENOTFOUND without
 * membership data; ::LTV_EBUFSIZE if @p capacity is too small (the needed length is written).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_enrollment_days(const ltv_health_check *hc, uint64_t *at_risk, uint64_t *cancels,
                                             size_t capacity, size_t *out_len);

/**
 * @brief The whole health check as one JSON object, for bindings and exports.
 *
 * Keys are stable English snake_case; money is in integer minor units (averages as
 * numbers with two decimals), rates are fractions 0..1 with six decimals. The object's
 * `labels` member maps each section and figure key to its label in @p lang. Per-rank parts
 * appear when a segmentation was given, the `membership` member when membership data exists
 * (otherwise it is null). Numbers are written without the C locale's influence.
 * @param hc The result.
 * @param lang An ::ltv_lang.
 * @param[out] out Receives a NUL-terminated UTF-8 string owned by the caller; release it
 * with ltv_free().
 * @param[out] out_len Receives its length in bytes without the NUL (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown language; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_health_check_to_json(const ltv_health_check *hc, int lang, char **out, size_t *out_len);

/**
 * @brief A label of the health-check report.
 * @param label An ::ltv_health_label_id.
 * @param lang An ::ltv_lang.
 * @return A static UTF-8 string; NULL for an unknown label or language.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_health_label(int label, int lang);

/**
 * @brief The name of a setting, such as "LTV_HEALTH_CHURN_SHORT_DAYS", and its bounds.
 * @param param An ::ltv_health_param.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_health_param_info(int param, int64_t *out_min, int64_t *out_max);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_HEALTH_H */
