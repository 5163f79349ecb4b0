/**
 * @file segment.h
 * @brief Segmentation as of a day: lifecycle states, RFM scores, value ranks, named RFM
 * segments and LTV, for every customer of a ledger in one run.
 *
 * **Lifecycle states** (every customer with an order before the as-of day is in exactly
 * one; defaults from the domain notes, all configurable):
 * - dormant: more than ::LTV_SEG_DORMANT_DAYS (180) days since the last order, or a
 *   membership cancel (::LTV_SEG_CANCEL_IS_DORMANT);
 * - new: exactly one order, not dormant;
 * - fan: not dormant, at least ::LTV_SEG_FAN_MIN_ORDERS (5) orders and a tenure of at least
 *   ::LTV_SEG_FAN_MIN_TENURE_DAYS (365) days;
 * - repeat: two or more orders, not dormant, not fan.
 *
 * **RFM scores** 1..B (B = ::LTV_SEG_RFM_BINS, default 5; B is best) for recency (fewer
 * days is better), frequency (orders) and monetary (amount); 0 for customers without orders.
 * The default rule (::LTV_RFM_QUANTILE) is value-based: the cut points are the type-1
 * quantiles of the customers' values (the value at position ceil(k·N/B) in ascending order
 * of goodness) and equal values always share a score, so the result depends only on the
 * values, never on row order or on how the ledger was sharded. A value equal to a cut point
 * falls in the lower score. When many customers tie (70 % with one order), bins are
 * unequal: see `docs/segments.md`. ::LTV_RFM_TYPE7 cuts at type-7 quantiles with half-open
 * bins (it is *not* R's `rfm` package, whose cut points are one higher: use ::LTV_RFM_R_RFM);
 * ::LTV_RFM_R_RFM reproduces R `rfm` 0.3.0 and ::LTV_RFM_PYMC PyMC-Marketing's
 * `rfm_segments()` exactly (`docs/segments.md` gives their rules); ::LTV_RFM_FIXED uses the
 * caller's thresholds. Each metric may have its own number of bins
 * (::LTV_SEG_RFM_RECENCY_BINS …).
 *
 * **Membership activity** (::LTV_SEG_ACTIVITY, on by default when the ledger has visits): a
 * member's last activity — order or visit — decides dormancy, and a cancel always makes the
 * member dormant (churned).
 *
 * **Value ranks** by orders in the trailing year [A − 365, A): excellent (≥ 4),
 * semi-excellent (2–3), general (1, with earlier history), nurture (1, first order in the
 * trailing year); customers with no order in the trailing year have no rank. Highlighted:
 * *top excellent* (the top 10 % of the excellent rank by annual LTV) and *high-LTV general*
 * (general customers whose annual LTV reaches the excellent rank's 25th percentile).
 *
 * **LTV**: annual LTV is the amount of the trailing year, lifetime LTV the amount since the
 * first order (refunds deducted).
 *
 * **Predictions** (@since 1.1; `docs/predict.md`): with a purchase model attached
 * (ltv_segment_config_set_model()) every customer also gets P(alive) and a predicted CLV
 * (::LTV_COLUMN_P_ALIVE, ::LTV_COLUMN_PREDICTED_CLV), the lifecycle rule may make customers
 * whose P(alive) is below a threshold dormant (::LTV_SEG_ALIVE_RULE), and customers whose
 * P(alive) fell over the last ::LTV_SEG_FALLING_DAYS days are flagged
 * (::LTV_FLAG_ALIVE_FALLING). Without a model nothing changes.
 */
#ifndef LTVCRM_SEGMENT_H
#define LTVCRM_SEGMENT_H

#include "common.h"
#include "ledger.h"
#include "predict.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque segmentation settings. */
typedef struct ltv_segment_config ltv_segment_config;
/** Opaque result of one segmentation run. */
typedef struct ltv_segmentation ltv_segmentation;

/** Lifecycle states. Values are ABI. */
typedef enum ltv_state {
    LTV_STATE_NONE = -1,   /**< No order before the as-of day. */
    LTV_STATE_NEW = 0,     /**< One order, not dormant. 新規 */
    LTV_STATE_REPEAT = 1,  /**< Two or more orders, not dormant, not fan. リピート */
    LTV_STATE_FAN = 2,     /**< Many orders over a long tenure, not dormant. ファン */
    LTV_STATE_DORMANT = 3  /**< No order for too long, or cancelled. 休眠 */
} ltv_state;
/** Number of lifecycle states (excluding ::LTV_STATE_NONE). */
#define LTV_STATE_COUNT 4

/** Value ranks. Values are ABI. */
typedef enum ltv_rank {
    LTV_RANK_NONE = -1,          /**< No order in the trailing year. */
    LTV_RANK_EXCELLENT = 0,      /**< Many orders in the trailing year. 優良顧客 */
    LTV_RANK_SEMI_EXCELLENT = 1, /**< Some orders in the trailing year. 準優良顧客 */
    LTV_RANK_GENERAL = 2,        /**< One order in the trailing year, with earlier history. 一般顧客 */
    LTV_RANK_NURTURE = 3         /**< First and only order in the trailing year. 育成顧客 */
} ltv_rank;
/** Number of value ranks (excluding ::LTV_RANK_NONE). */
#define LTV_RANK_COUNT 4

/** The three RFM metrics. Values are ABI. */
typedef enum ltv_rfm_metric {
    LTV_RFM_RECENCY = 0,   /**< Days since the last order; fewer is better. */
    LTV_RFM_FREQUENCY = 1, /**< Orders. */
    LTV_RFM_MONETARY = 2   /**< Amount in minor units. */
} ltv_rfm_metric;

/** How RFM scores are cut. Values are ABI. */
typedef enum ltv_rfm_mode {
    LTV_RFM_QUANTILE = 0, /**< Type-1 quantile cut points, equal values share a score (default). */
    LTV_RFM_TYPE7 = 1,    /**< Type-7 quantiles and half-open bins, as R's rfm package. */
    LTV_RFM_FIXED = 2,    /**< The caller's thresholds (ltv_segment_config_set_thresholds()). */
    LTV_RFM_R_RFM = 3,    /**< R `rfm` 0.3.0's rfm_table_order(): type-7 quantiles + 1, half-open bins. @since 1.1 */
    LTV_RFM_PYMC = 4      /**< PyMC-Marketing's rfm_segments(): pandas.qcut edges, right-closed bins, duplicate
                               edges dropped and scores relabelled; frequency = distinct order days, monetary =
                               amount per order day. @since 1.1 */
} ltv_rfm_mode;

/** What counts as a member's activity, for ::LTV_SEG_ACTIVITY and ::LTV_PLAN_ACTIVITY.
 * Values are ABI. @since 1.1 */
typedef enum ltv_activity {
    LTV_ACTIVITY_AUTO = -1,  /**< ::LTV_ACTIVITY_VISITS when the ledger has visits, else ::LTV_ACTIVITY_ORDERS (default). */
    LTV_ACTIVITY_ORDERS = 0, /**< Only orders: dormancy counts from the last order (the 1.0 rule). */
    LTV_ACTIVITY_VISITS = 1  /**< Membership: the last order or visit decides dormancy; a cancel makes the member
                                  dormant (churned) however recent the last visit (::LTV_SEG_CANCEL_IS_DORMANT,
                                  default 1). */
} ltv_activity;

/** Which LTV the analyses use. Values are ABI. */
typedef enum ltv_ltv_basis {
    LTV_BASIS_ANNUAL = 0,  /**< The trailing year's amount (default; seed 002's advice). */
    LTV_BASIS_LIFETIME = 1 /**< The amount since the first order. */
} ltv_ltv_basis;

/** Per-customer flags, from ltv_customer_segment::flags. */
typedef enum ltv_segment_flag {
    LTV_FLAG_TOP_EXCELLENT = 1,    /**< In the top part of the excellent rank by annual LTV. 最優良顧客 */
    LTV_FLAG_HIGH_LTV_GENERAL = 2, /**< General rank, annual LTV at the excellent rank's lower levels. 高LTV一般顧客 */
    LTV_FLAG_CORE = 4,             /**< In the top 1 % of all customers by LTV (the core). */
    LTV_FLAG_ALIVE_FALLING = 8     /**< P(alive) is falling: no order in the last N = ::LTV_SEG_FALLING_DAYS days, and
                                        P(alive) below its value N days earlier by more than
                                        ::LTV_SEG_FALLING_DROP_PERMILLE (needs a model). @since 1.1 */
} ltv_segment_flag;

/** Integer settings, for ltv_segment_config_set_i64(). Values are ABI. */
typedef enum ltv_segment_param {
    LTV_SEG_DORMANT_DAYS = 0,                 /**< Dormant when recency exceeds this; 1..36500, default 180. */
    LTV_SEG_CANCEL_IS_DORMANT = 1,            /**< 1: a membership cancel makes a customer dormant; default 1. */
    LTV_SEG_FAN_MIN_ORDERS = 2,               /**< Fan: at least this many orders; 2..1000000, default 5. */
    LTV_SEG_FAN_MIN_TENURE_DAYS = 3,          /**< Fan: tenure of at least this; 0..36500, default 365. */
    LTV_SEG_RFM_BINS = 4,                     /**< Scores 1..bins; 2..10, default 5. */
    LTV_SEG_RFM_MODE = 5,                     /**< An ::ltv_rfm_mode; default ::LTV_RFM_QUANTILE. */
    LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS = 6,    /**< Excellent: trailing-year orders; 3..1000000, default 4. */
    LTV_SEG_SEMI_MIN_YEAR_ORDERS = 7,         /**< Semi-excellent: trailing-year orders; 2..999999, default 2; must be below
                                                   the excellent limit (checked by ltv_segment_run()). */
    LTV_SEG_TOP_EXCELLENT_PERMILLE = 8,       /**< Top excellent: share of the rank in ‰; 1..1000, default 100. */
    LTV_SEG_HIGH_GENERAL_PERCENTILE = 9,      /**< High-LTV general: excellent percentile reached; 0..100, default 25. */
    LTV_SEG_CORE_PERMILLE = 10,               /**< Core: share of customers in ‰; 1..1000, default 10 (1 %). */
    LTV_SEG_LTV_BASIS = 11,                   /**< An ::ltv_ltv_basis; default ::LTV_BASIS_ANNUAL. */
    LTV_SEG_RFM_RECENCY_BINS = 12,            /**< Recency scores 1..this; 2..10, or 0 (default) for ::LTV_SEG_RFM_BINS. @since 1.1 */
    LTV_SEG_RFM_FREQUENCY_BINS = 13,          /**< Frequency scores 1..this; 2..10, or 0 (default) for ::LTV_SEG_RFM_BINS. @since 1.1 */
    LTV_SEG_RFM_MONETARY_BINS = 14,           /**< Monetary scores 1..this; 2..10, or 0 (default) for ::LTV_SEG_RFM_BINS. @since 1.1 */
    LTV_SEG_ACTIVITY = 15,                    /**< An ::ltv_activity; default ::LTV_ACTIVITY_AUTO. @since 1.1 */
    LTV_SEG_ALIVE_RULE = 16,                  /**< An ::ltv_alive_rule; default ::LTV_ALIVE_OFF. Any other value needs a
                                                   model (ltv_segment_config_set_model()). @since 1.1 */
    LTV_SEG_ALIVE_THRESHOLD_PERMILLE = 17,    /**< The P(alive) rule: dormant when P(alive) is below this ‰;
                                                   0..1000, default 500. @since 1.1 */
    LTV_SEG_FALLING_DAYS = 18,                /**< P(alive) falling: compare with P(alive) this many days before the
                                                   as-of day; 1..36500, or 0 (default) for no comparison. @since 1.1 */
    LTV_SEG_FALLING_DROP_PERMILLE = 19        /**< P(alive) falling: it dropped by more than this ‰; 0..1000,
                                                   default 100. @since 1.1 */
} ltv_segment_param;

/** How P(alive) takes part in the lifecycle states, for ::LTV_SEG_ALIVE_RULE. A membership
 * cancel makes a customer dormant under every rule (::LTV_SEG_CANCEL_IS_DORMANT). Values are
 * ABI. @since 1.1 */
typedef enum ltv_alive_rule {
    LTV_ALIVE_OFF = 0,     /**< Dormancy by days only (the 1.0 rule); P(alive) is only a column. */
    LTV_ALIVE_EITHER = 1,  /**< Dormant by days, or when P(alive) is below the threshold. */
    LTV_ALIVE_BOTH = 2,    /**< Dormant only when both say so: days, and P(alive) below the threshold. */
    LTV_ALIVE_REPLACE = 3  /**< Dormant when P(alive) is below the threshold; the days rule is not used. */
} ltv_alive_rule;

/**
 * @brief One customer's segment, filled by ltv_segmentation_customer().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_customer_segment {
    int8_t state;         /**< An ::ltv_state. */
    int8_t rank;          /**< An ::ltv_rank. */
    uint8_t r;            /**< Recency score 1..bins, 0 without orders. */
    uint8_t f;            /**< Frequency score 1..bins, 0 without orders. */
    uint8_t m;            /**< Monetary score 1..bins, 0 without orders. */
    uint8_t preset;       /**< Index of the named RFM segment; ltv_segmentation_preset_count() for "Other". */
    uint8_t flags;        /**< ::ltv_segment_flag bits. */
    uint8_t reserved;     /**< Zero. */
    int32_t recency_days; /**< Days since the last order, -1 without orders. */
    int32_t orders;       /**< Orders before the as-of day. */
    int64_t annual_ltv;   /**< Amount in the trailing year, minor units. */
    int64_t lifetime_ltv; /**< Amount since the first order, minor units. */
    double p_alive;       /**< P(alive) at the as-of day under the attached model; 0 without a model or orders. @since 1.1 */
    double predicted_clv; /**< Predicted CLV (minor units) under the attached models; 0 without them. @since 1.1 */
    double p_alive_before; /**< P(alive) ::LTV_SEG_FALLING_DAYS days before the as-of day; 0 without a comparison or
                                an order before that day. @since 1.1 */
} ltv_customer_segment;

/**
 * @brief Totals of one group (a state or a rank), filled by ltv_segmentation_state_stats()
 * and ltv_segmentation_rank_stats().
 *
 * The LTV decomposition (seed 001): average LTV = active years × orders per year × average
 * order value, where a customer's active period is their tenure, counted as at least one
 * year. The three factors multiply to the group's average lifetime LTV.
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_group_stats {
    uint64_t customers;      /**< Customers in the group. */
    double customer_share;   /**< Share of all customers with an order, 0..1. */
    int64_t revenue;         /**< Lifetime amount of the group, minor units. */
    double revenue_share;    /**< Share of all customers' lifetime amount (0 if that is not positive). */
    int64_t year_revenue;    /**< Trailing-year amount of the group. */
    uint64_t orders;         /**< Orders of the group. */
    uint64_t year_orders;    /**< Trailing-year orders of the group. */
    double average_ltv;      /**< Average LTV on the configured basis, minor units. */
    double active_years;     /**< Decomposition: average active period in years (≥ 1). */
    double orders_per_year;  /**< Decomposition: orders per active year. */
    double average_order_value; /**< Decomposition: amount per order, minor units. */
} ltv_group_stats;

/**
 * @brief LTV analysis of a whole segmentation, filled by ltv_segmentation_ltv_summary().
 * Fields are only ever added at the end; pass `sizeof` of your copy.
 */
typedef struct ltv_ltv_summary {
    int32_t basis;                  /**< The ::ltv_ltv_basis used. */
    int32_t reserved;               /**< Zero. */
    uint64_t customers;             /**< Customers with an order. */
    double average_ltv;             /**< Average LTV over them, minor units. */
    uint64_t core_customers;        /**< Customers in the core (top ::LTV_SEG_CORE_PERMILLE, LTV above 0). */
    int64_t core_threshold;         /**< The lowest LTV in the core. */
    double core_revenue_share;      /**< The core's share of all LTV (0..1; 0 if the total is not positive). */
    uint64_t continuing_customers;  /**< Customers not dormant. */
    double continuing_average_ltv;  /**< Their average LTV. */
    uint64_t churned_customers;     /**< Dormant customers (lapsed or cancelled). */
    double churned_average_ltv;     /**< Their average LTV. */
    double retention_value;         /**< continuing − churned average LTV: what keeping a customer is worth
                                         (0 when either group is empty). */
    uint64_t top_excellent_customers;   /**< Customers flagged ::LTV_FLAG_TOP_EXCELLENT. */
    int64_t top_excellent_threshold;    /**< Their lowest annual LTV (0 if none). */
    uint64_t high_ltv_general_customers; /**< Customers flagged ::LTV_FLAG_HIGH_LTV_GENERAL. */
    int64_t high_ltv_general_threshold; /**< The excellent rank's annual LTV level they reach (0 if none). */
} ltv_ltv_summary;

/** Verdicts of ltv_segmentation_cpo_verdict(). Values are ABI. */
typedef enum ltv_cpo_verdict {
    LTV_CPO_PROFITABLE = 0, /**< A customer is worth more than acquiring one costs. */
    LTV_CPO_BREAK_EVEN = 1, /**< CPO equals LTV. */
    LTV_CPO_LEAKING = 2     /**< Acquisition costs more than a customer is worth: "a bath with the plug out". */
} ltv_cpo_verdict;

/** Columns of per-customer results, for ltv_segmentation_column(). Values are ABI. */
typedef enum ltv_segment_column {
    LTV_COLUMN_STATE = 0,        /**< int8_t ::ltv_state values. */
    LTV_COLUMN_RANK = 1,         /**< int8_t ::ltv_rank values. */
    LTV_COLUMN_R = 2,            /**< uint8_t recency scores. */
    LTV_COLUMN_F = 3,            /**< uint8_t frequency scores. */
    LTV_COLUMN_M = 4,            /**< uint8_t monetary scores. */
    LTV_COLUMN_PRESET = 5,       /**< uint8_t named-segment indices. */
    LTV_COLUMN_FLAGS = 6,        /**< uint8_t ::ltv_segment_flag bits. */
    LTV_COLUMN_RECENCY = 7,      /**< int32_t days since the last order (-1 without orders). */
    LTV_COLUMN_ORDERS = 8,       /**< int32_t orders. */
    LTV_COLUMN_ANNUAL_LTV = 9,   /**< int64_t trailing-year amount. */
    LTV_COLUMN_LIFETIME_LTV = 10, /**< int64_t amount since the first order. */
    LTV_COLUMN_SEGMENT = 11,      /**< uint8_t named-segment indices by name (ltv_segmentation_segment_name());
                                       entries that share a name share one index. @since 1.1 */
    LTV_COLUMN_P_ALIVE = 12,      /**< double P(alive) at the as-of day (0 without an order); needs a model. @since 1.1 */
    LTV_COLUMN_PREDICTED_CLV = 13, /**< double predicted CLV, minor units (0 without a spend model); needs a model.
                                        @since 1.1 */
    LTV_COLUMN_P_ALIVE_BEFORE = 14 /**< double P(alive) ::LTV_SEG_FALLING_DAYS days earlier (0 for a customer without
                                        an order before then); needs a model and ::LTV_SEG_FALLING_DAYS. @since 1.1 */
} ltv_segment_column;

/**
 * @brief Create settings with the defaults (those of the domain notes).
 * @param[out] out Receives the settings; release with ltv_segment_config_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_segment_config_new(ltv_segment_config **out);

/**
 * @brief Release settings.
 * @param cfg The settings, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the settings during the call.
 */
LTV_API void ltv_segment_config_free(ltv_segment_config *cfg);

/**
 * @brief Set an integer setting.
 * @param cfg The settings.
 * @param param An ::ltv_segment_param.
 * @param value The value, within the bounds listed for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings or an unknown parameter; ::LTV_ERANGE for
 * a value out of bounds (the message gives them).
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_segment_config_set_i64(ltv_segment_config *cfg, int param, int64_t value);

/**
 * @brief Read an integer setting.
 * @param cfg The settings.
 * @param param An ::ltv_segment_param.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segment_config_get_i64(const ltv_segment_config *cfg, int param, int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_SEG_DORMANT_DAYS", and its bounds: what
 * ltv_segment_config_set_i64() accepts, for programs that show or check settings before setting them. The
 * default is what a new configuration holds (ltv_segment_config_get_i64()).
 * @param param An ::ltv_segment_param value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_segment_param_info(int param, int64_t *out_min, int64_t *out_max);

/**
 * @brief Set the fixed thresholds of one metric, for ::LTV_RFM_FIXED.
 *
 * Thresholds are raw values in ascending order, bins − 1 of them. Frequency and monetary:
 * a value scores 1 + the number of thresholds it reaches (value ≥ threshold). Recency (in
 * days): a customer scores bins − the number of thresholds the recency reaches, so
 * thresholds 30, 90, 180, 365 give 5 below 30 days … 1 from 365 days on.
 * @param cfg The settings.
 * @param metric An ::ltv_rfm_metric.
 * @param thresholds Ascending values.
 * @param count How many: must be the configured bins − 1 when segmentation runs.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown metric; ::LTV_ERANGE for a
 * count outside 1..9 or thresholds that are not strictly ascending.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_segment_config_set_thresholds(ltv_segment_config *cfg, int metric, const int64_t *thresholds,
                                              size_t count);

/**
 * @brief Remove every named RFM segment (the defaults included).
 * @param cfg The settings.
 * @return ::LTV_OK; ::LTV_EINVAL if @p cfg is NULL.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_segment_config_clear_presets(ltv_segment_config *cfg);

/**
 * @brief Append a named RFM segment: customers whose scores lie in all three ranges.
 *
 * Segments are tried in the order they were added; the first match wins and customers that
 * match none are "Other". The defaults (Champions, Loyal, … Hibernating, Lost) are listed
 * in `docs/segments.md`.
 * @param cfg The settings.
 * @param name_en English name, UTF-8.
 * @param name_en_len Its length in bytes, 1..64.
 * @param name_ja Japanese name, UTF-8 (may be the English name again).
 * @param name_ja_len Its length in bytes, 1..128.
 * @param r_min Lowest recency score, 1..10.
 * @param r_max Highest recency score, r_min..10.
 * @param f_min Lowest frequency score, 1..10.
 * @param f_max Highest frequency score, f_min..10.
 * @param m_min Lowest monetary score, 1..10.
 * @param m_max Highest monetary score, m_min..10.
 * Entries may share a name (several score boxes of one segment): the preset functions count
 * each entry, the segment functions (ltv_segmentation_segment_count() …) each name.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for bad lengths, ranges, or
 * more than 250 entries (32 before 1.1); ::LTV_EENCODING for names that are not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_segment_config_add_preset(ltv_segment_config *cfg, const char *name_en, size_t name_en_len,
                                          const char *name_ja, size_t name_ja_len, int r_min, int r_max, int f_min,
                                          int f_max, int m_min, int m_max);

/**
 * @brief Replace the named RFM segments with a segment table written as text.
 *
 * The format (`docs/segment-tables.md`): one rule per line, `NAME [| 日本語名]: SPEC…`, where
 * each SPEC is `r=LO-HI`, `f=LO-HI`, `m=LO-HI` (a single score `r=5` is allowed; a metric left
 * out accepts any score) or `codes=RFM,RFM,…` (three-digit score codes, one entry each). Rules
 * are tried in order and the first match wins; several rules may share a name. A line
 * `NAME: other` names the segment of customers no rule matches (default "Other"). `#` starts
 * a comment. Scores are raw (not mapped onto a 1..5 scale).
 * @param cfg The settings. Unchanged on failure.
 * @param text UTF-8 text (not necessarily NUL-terminated).
 * @param len Its length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EPARSE for malformed text (the
 * message gives line and column); ::LTV_ERANGE for scores outside 1..10 or more than 250
 * rules; ::LTV_EENCODING for text that is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_segment_config_load_table(ltv_segment_config *cfg, const char *text, size_t len);

/**
 * @brief Replace the named RFM segments with a segment table read from a file.
 *
 * As ltv_segment_config_load_table(); messages start with the path.
 * @param cfg The settings. Unchanged on failure.
 * @param path The file.
 * @return As ltv_segment_config_load_table(), and ::LTV_EIO if the file cannot be read or is
 * larger than 1 MiB.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_segment_config_load_table_file(ltv_segment_config *cfg, const char *path);

/**
 * @brief Replace the named RFM segments with a shipped segment table.
 *
 * Tables: `default` (the library's own, on a 1..5 scale mapped from any bin count), `r-rfm`
 * (R `rfm` 0.3.0's documented 10-segment example; use with ::LTV_RFM_R_RFM), `pymc`
 * (PyMC-Marketing's default dictionary; use with ::LTV_RFM_PYMC and 4 bins), `klaviyo` and
 * `shopify` (documented approximations of those products' groups; see `docs/segments.md`).
 * @param cfg The settings.
 * @param name The table's name (not necessarily NUL-terminated).
 * @param len Its length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND for an unknown name
 * (the message lists the names); ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_segment_config_use_table(ltv_segment_config *cfg, const char *name, size_t len);

/**
 * @brief Attach a fitted purchase model: the segmentation then predicts P(alive) and CLV for
 * every customer and may use them in the lifecycle rule (::LTV_SEG_ALIVE_RULE).
 *
 * At each run as of day A the models see the orders before A (calibration end A − 1, as
 * ltv_predict_data_from_ledger() in @p unit) and ltv_predict_run() gives each customer's
 * P(alive) and CLV (::LTV_COLUMN_P_ALIVE, ::LTV_COLUMN_PREDICTED_CLV); with
 * ::LTV_SEG_FALLING_DAYS = N also P(alive) as of A − N (::LTV_COLUMN_P_ALIVE_BEFORE) and the
 * ::LTV_FLAG_ALIVE_FALLING flag. The models and the options are *borrowed*: they must stay
 * alive and unchanged while the settings (or a copy, such as a planner's) are used for runs.
 * Customer tables (ltv_segment_run_customers()) have no orders to compute P(alive) from:
 * their runs refuse a model.
 * @param cfg The settings.
 * @param fit A BG/NBD, Pareto/NBD or MBG/NBD model with parameters in @p unit (fitted with
 * ltv_predict_fit_new() or given with ltv_predict_fit_from_params()), or NULL to detach.
 * @param spend_fit A Gamma-Gamma model for the CLV, or NULL (the CLV is then 0).
 * @param unit The ::ltv_time_unit of the models' parameters.
 * @param opts Options of ltv_predict_run() (horizon and discounting of the CLV), or NULL for
 * its defaults (52 weeks, undiscounted).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings, an unknown unit, a Gamma-Gamma @p fit or a
 * @p spend_fit that is not Gamma-Gamma.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_segment_config_set_model(ltv_segment_config *cfg, const ltv_predict_fit *fit,
                                         const ltv_predict_fit *spend_fit, int unit, const ltv_predict_options *opts);

/**
 * @brief Give P(alive) per customer instead of a model (from another tool: PyMC-Marketing,
 * CLVTools, a shop's own model): the segmentation uses it as ltv_segment_config_set_model()'s
 * P(alive), for the columns, the lifecycle rule and the falling flag.
 *
 * The arrays are in the index order of the ledger (or customer table) that will be segmented,
 * @p count entries each, and *borrowed*: they must stay alive and unchanged while the settings
 * are used for runs. A run checks them: @p count must be the run's customer count, every
 * P(alive) in 0..1 and every CLV finite and ≥ 0 (::LTV_ERANGE naming the customer). The
 * values are kept as given; the rule and the flag only look at customers with an order. Works
 * for customer tables too (ltv_segment_run_customers()). Setting one source of P(alive)
 * detaches the other.
 * @param cfg The settings.
 * @param p_alive P(alive) at the as-of day of the runs, or NULL to detach.
 * @param p_alive_before P(alive) ::LTV_SEG_FALLING_DAYS days earlier (needed for that
 * comparison), or NULL.
 * @param predicted_clv Predicted CLV in minor units, or NULL (the column is then 0).
 * @param count Entries of each array.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_segment_config_set_p_alive(ltv_segment_config *cfg, const double *p_alive,
                                           const double *p_alive_before, const double *predicted_clv, size_t count);

/**
 * @brief Read P(alive) per customer from a CSV file into arrays in a ledger's index order, for
 * ltv_segment_config_set_p_alive(): predictions of another tool (lifetimes, PyMC-Marketing,
 * CLVTools) saved as a table.
 *
 * The first line is a header naming the columns: `customer_id` and `p_alive` are required,
 * `p_alive_before` (P(alive) ::LTV_SEG_FALLING_DAYS days earlier) is read when
 * @p p_alive_before is given, other columns are ignored. Numbers are plain decimals
 * (`0.873`, `1e-05`; read the same in any locale) from 0 to 1. Fields follow the order-log
 * loader's rules (commas, double quotes, spaces around fields cut, LF/CRLF/CR, a UTF-8 byte
 * order mark, blank lines skipped). Every customer of the ledger with an order must appear
 * exactly once; customers without an order may be left out (they get 0, which no rule reads).
 * @param ledger The ledger the arrays will be used with (its ids resolve the file's).
 * @param path The file's path.
 * @param[out] p_alive Receives P(alive) per customer: @p count entries.
 * @param[out] p_alive_before Receives P(alive) before, or NULL to skip that column.
 * @param count Entries of each array: the ledger's customer count.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE if @p count is not the
 * ledger's customer count or a value is outside 0..1; ::LTV_EIO if the file cannot be read;
 * ::LTV_EPARSE for a malformed line, a missing column or a value that is not a number;
 * ::LTV_EENCODING for text that is not UTF-8; ::LTV_EVALIDATION for an id not in the ledger,
 * an id given twice, or customers with orders left out (the message counts them and names
 * the first); ::LTV_ENOMEM. The message names the path, the line and the column. On failure
 * the arrays' contents are unspecified.
 * @par Thread safety
 * Reads the ledger: safe with other readers of it. Writes only the caller's arrays.
 * @since 1.1
 */
LTV_API int ltv_segment_p_alive_load_csv(const ltv_ledger *ledger, const char *path, double *p_alive,
                                         double *p_alive_before, size_t count);

/**
 * @brief Name of a shipped segment table, for ltv_segment_config_use_table().
 * @param index 0, 1, …
 * @return A static string ("default", "r-rfm", …), or NULL past the last table.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API const char *ltv_segment_table_name(size_t index);

/**
 * @brief The text of a shipped segment table, in the format of ltv_segment_config_load_table().
 * @param name The table's name.
 * @param len Its length in bytes.
 * @return A static UTF-8 string, or NULL (with the message set) for an unknown name.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API const char *ltv_segment_table_text(const char *name, size_t len);

/**
 * @brief Segment every customer of a ledger as of a day.
 * @param[out] out Receives the result; release with ltv_segmentation_free().
 * @param ledger The ledger. It must outlive the result and not be modified while the result
 * is used (the result refers to it for lookups by id).
 * @param cfg Settings, or NULL for the defaults. Copied: may be freed after the call.
 * @param as_of_day The as-of day A: events before A count.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for a day out of range,
 * fixed thresholds whose count does not match the bins (the message names the metric), or a
 * semi-excellent limit not below the excellent one; ::LTV_ENOMEM. With predictions (@since 1.1):
 * ::LTV_ESTATE for ::LTV_SEG_ALIVE_RULE or ::LTV_SEG_FALLING_DAYS without a model or given
 * P(alive), ::LTV_ERANGE for given P(alive) of the wrong length or out of range, and the
 * failures of ltv_predict_run() (the message says which).
 * @par Thread safety
 * Reads the ledger: safe with other readers of it. Different runs may proceed at once.
 */
LTV_API int ltv_segment_run(ltv_segmentation **out, const ltv_ledger *ledger, const ltv_segment_config *cfg,
                            int32_t as_of_day);

/**
 * @brief Segment a customer table (customer-level input) as of a day.
 *
 * As ltv_segment_run() on what aggregates tell: recency (as-of day − last order day, or the
 * table's recency days), frequency (orders), monetary (revenue) — all RFM modes and named
 * segments apply (R's `rfm_table_customer()` is ::LTV_RFM_R_RFM; PyMC's frequency and
 * monetary count one order a day). States are dormant, new or repeat: a fan needs a tenure,
 * which aggregates do not have. Value ranks, annual LTV and the highlighted groups need the
 * trailing year: ranks are ::LTV_RANK_NONE, annual LTV 0, and the LTV analysis uses the
 * lifetime basis whatever ::LTV_SEG_LTV_BASIS says.
 * @param[out] out Receives the result; release with ltv_segmentation_free(). Lookups by id
 * (ltv_segmentation_find()) use the table: keep it alive and unchanged while the result is used.
 * @param table The table.
 * @param cfg Settings, or NULL for the defaults.
 * @param as_of_day The as-of day: every last order must be before it.
 * @return As ltv_segment_run(); ::LTV_ERANGE also when a customer's last order is not before
 * the as-of day (the message names the customer).
 * @par Thread safety
 * Reads the table: safe with other readers of it.
 * @since 1.1
 */
LTV_API int ltv_segment_run_customers(ltv_segmentation **out, const ltv_customer_table *table,
                                      const ltv_segment_config *cfg, int32_t as_of_day);

/**
 * @brief Release a segmentation.
 * @param seg The result, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the result during the call.
 */
LTV_API void ltv_segmentation_free(ltv_segmentation *seg);

/**
 * @brief Number of customers in the result: all customers of the ledger, in its index order.
 * @param seg The result, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_segmentation_customer_count(const ltv_segmentation *seg);

/**
 * @brief The as-of day the segmentation was computed for.
 * @param seg The result, or NULL (returns ::LTV_NO_DAY).
 * @return The day number.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int32_t ltv_segmentation_as_of(const ltv_segmentation *seg);

/**
 * @brief One customer's segment, by ledger index.
 * @param seg The result.
 * @param index 0..customer count − 1.
 * @param[out] out Receives the segment.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size;
 * ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_customer(const ltv_segmentation *seg, uint64_t index, ltv_customer_segment *out,
                                      size_t out_size);

/**
 * @brief One customer's segment, by id.
 * @param seg The result.
 * @param customer_id The id (not necessarily NUL-terminated).
 * @param id_len Its length in bytes.
 * @param[out] out Receives the segment.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size;
 * ::LTV_ENOTFOUND if the ledger has no such customer.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_find(const ltv_segmentation *seg, const char *customer_id, size_t id_len,
                                  ltv_customer_segment *out, size_t out_size);

/**
 * @brief Borrow a per-customer column without copying (for numpy and other zero-copy users).
 *
 * A run leaves the columns to their first reader (this call, ltv_segmentation_copy_column(),
 * ltv_segmentation_customer() or ltv_segmentation_find()): a caller that reads only counts and
 * statistics never pays for them. That first read writes every column at once, about 0.1 s at
 * 10 M customers on two threads; later reads cost nothing. (A run with a purchase model, or of
 * a customer table or a shard, writes some or all of them itself.) @since 1.1 for the writing
 * on first use.
 * @param seg The result.
 * @param column An ::ltv_segment_column; its element type is given there.
 * @param[out] out_data Receives a pointer valid while @p seg lives.
 * @param[out] out_len Receives the number of elements (the customer count).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown column; ::LTV_ESTATE for a
 * prediction column of a run without a model (or ::LTV_COLUMN_P_ALIVE_BEFORE without
 * ::LTV_SEG_FALLING_DAYS).
 * @par Thread safety
 * Safe with other readers: the writing on first use happens once, under the result's own
 * lock, and every reader sees the columns whole.
 */
LTV_API int ltv_segmentation_column(const ltv_segmentation *seg, int column, const void **out_data, size_t *out_len);

/**
 * @brief Copy a per-customer column into a caller buffer.
 * @param seg The result.
 * @param column An ::ltv_segment_column.
 * @param[out] out Receives the elements (of the column's type), or NULL with capacity 0 to
 * query the length.
 * @param capacity Elements @p out can hold.
 * @param[out] out_len Receives the number of elements.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown column; ::LTV_ESTATE as
 * ltv_segmentation_column(); ::LTV_EBUFSIZE if @p capacity is too small (the needed count is
 * written to @p out_len).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_copy_column(const ltv_segmentation *seg, int column, void *out, size_t capacity,
                                         size_t *out_len);

/**
 * @brief Totals of one lifecycle state.
 * @param seg The result.
 * @param state An ::ltv_state other than ::LTV_STATE_NONE.
 * @param[out] out Receives the totals.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments, a too small @p out_size or an unknown
 * state.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_state_stats(const ltv_segmentation *seg, int state, ltv_group_stats *out,
                                         size_t out_size);

/**
 * @brief Totals of one value rank.
 * @param seg The result.
 * @param rank An ::ltv_rank other than ::LTV_RANK_NONE.
 * @param[out] out Receives the totals.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments, a too small @p out_size or an unknown
 * rank.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_rank_stats(const ltv_segmentation *seg, int rank, ltv_group_stats *out,
                                        size_t out_size);

/**
 * @brief The cut points used for one RFM metric.
 *
 * Recency cut points are in days, frequency in orders, monetary in minor units; with
 * ::LTV_RFM_TYPE7 they can be fractional. For recency a customer scores higher the fewer
 * days have passed; see the file description for the exact rule of each mode.
 * @param seg The result.
 * @param metric An ::ltv_rfm_metric.
 * @param[out] out Receives bins − 1 cut points, ascending.
 * @param capacity Elements @p out can hold.
 * @param[out] out_len Receives bins − 1 (0 if no customer has an order).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown metric; ::LTV_EBUFSIZE if
 * @p capacity is too small (the needed count is written).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_thresholds(const ltv_segmentation *seg, int metric, double *out, size_t capacity,
                                        size_t *out_len);

/**
 * @brief How many customers got each score of one metric.
 * @param seg The result.
 * @param metric An ::ltv_rfm_metric.
 * @param[out] out Receives bins counts: out[0] for score 1 … out[bins − 1] for the best.
 * @param capacity Elements @p out can hold.
 * @param[out] out_len Receives the number of bins.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown metric; ::LTV_EBUFSIZE if
 * @p capacity is too small (the needed count is written).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_score_counts(const ltv_segmentation *seg, int metric, uint64_t *out, size_t capacity,
                                          size_t *out_len);

/**
 * @brief Number of named RFM segments in the result's settings ("Other" not counted).
 * @param seg The result, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_segmentation_preset_count(const ltv_segmentation *seg);

/**
 * @brief Name of a named RFM segment.
 * @param seg The result.
 * @param preset 0..preset count; the preset count itself names "Other".
 * @param lang An ::ltv_lang.
 * @return A borrowed UTF-8 string valid while @p seg lives; NULL (with the message set) for
 * a NULL result, a preset out of range or an unknown language.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_segmentation_preset_name(const ltv_segmentation *seg, size_t preset, int lang);

/**
 * @brief How many customers fell into a named RFM segment.
 * @param seg The result, or NULL (returns 0).
 * @param preset 0..preset count ("Other" last).
 * @return The count (0 for an index out of range).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_segmentation_preset_customers(const ltv_segmentation *seg, size_t preset);

/**
 * @brief Number of named RFM segments by name: entries that share a name count once
 * ("Other" not counted).
 * @param seg The result, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API size_t ltv_segmentation_segment_count(const ltv_segmentation *seg);

/**
 * @brief Name of a named RFM segment (by name, as in ::LTV_COLUMN_SEGMENT).
 * @param seg The result.
 * @param segment 0..segment count; the segment count itself names the catch-all ("Other").
 * @param lang An ::ltv_lang.
 * @return A borrowed UTF-8 string valid while @p seg lives; NULL (with the message set) for
 * a NULL result, a segment out of range or an unknown language.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API const char *ltv_segmentation_segment_name(const ltv_segmentation *seg, size_t segment, int lang);

/**
 * @brief How many customers fell into a named RFM segment, over all its entries.
 * @param seg The result, or NULL (returns 0).
 * @param segment 0..segment count ("Other" last).
 * @return The count (0 for an index out of range).
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_segmentation_segment_customers(const ltv_segmentation *seg, size_t segment);

/**
 * @brief The segment (by name) of a preset entry.
 * @param seg The result, or NULL (returns 0).
 * @param preset 0..preset count (the preset count, "Other", gives the segment count).
 * @return The segment index (the segment count for an index out of range).
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API size_t ltv_segmentation_preset_segment(const ltv_segmentation *seg, size_t preset);

/**
 * @brief The LTV analysis: average, core (top 1 %), continuing vs churned, highlighted groups.
 * @param seg The result.
 * @param[out] out Receives the analysis.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_ltv_summary(const ltv_segmentation *seg, ltv_ltv_summary *out, size_t out_size);

/**
 * @brief Compare a cost per order (of acquiring a customer) with what a customer is worth.
 *
 * The average LTV on the configured basis is the customer's worth. CPO above it means the
 * shop pays more to win a customer than the customer brings: "a bath with the plug out".
 * @param seg The result.
 * @param cpo Cost per order in minor units, ≥ 0.
 * @param[out] out_verdict Receives an ::ltv_cpo_verdict.
 * @param[out] out_ratio Receives LTV / CPO (may be NULL; 0 when CPO is 0).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for a negative CPO.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_segmentation_cpo_verdict(const ltv_segmentation *seg, int64_t cpo, int *out_verdict,
                                         double *out_ratio);

/**
 * @brief Label of a lifecycle state.
 * @param state An ::ltv_state (::LTV_STATE_NONE is "none").
 * @param lang An ::ltv_lang.
 * @return A static UTF-8 string ("fan", "ファン"); NULL for unknown values.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_state_label(int state, int lang);

/**
 * @brief Label of a value rank.
 * @param rank An ::ltv_rank (::LTV_RANK_NONE is "no rank").
 * @param lang An ::ltv_lang.
 * @return A static UTF-8 string ("excellent", "優良顧客"); NULL for unknown values.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_rank_label(int rank, int lang);

/**
 * @brief The keyword of a lifecycle state, for machines: "new", "repeat", "fan", "dormant",
 * and "no_order" for ::LTV_STATE_NONE.
 *
 * The one spelling of the states in the library's machine-readable outputs (the planner's
 * text format, the health JSON) and in the tool and bindings. The English label
 * (ltv_state_label()) is what the segment rows print ("none" for ::LTV_STATE_NONE).
 * @param state An ::ltv_state value, ::LTV_STATE_NONE included.
 * @return A static ASCII string; NULL (::LTV_EINVAL recorded) for an unknown value.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_state_keyword(int state);

/**
 * @brief The keyword of a value rank, for machines: "excellent", "semi_excellent",
 * "general", "nurture", and "no_rank" for ::LTV_RANK_NONE (see ltv_state_keyword()).
 * @param rank An ::ltv_rank value, ::LTV_RANK_NONE included.
 * @return A static ASCII string; NULL (::LTV_EINVAL recorded) for an unknown value.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_rank_keyword(int rank);

/**
 * @brief Label of an RFM metric.
 * @param metric An ::ltv_rfm_metric.
 * @param lang An ::ltv_lang.
 * @return A static UTF-8 string; NULL for unknown values.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_rfm_metric_label(int metric, int lang);

/**
 * @brief Label of a CPO verdict, a sentence a shop owner understands.
 * @param verdict An ::ltv_cpo_verdict.
 * @param lang An ::ltv_lang.
 * @return A static UTF-8 string; NULL for unknown values.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_cpo_verdict_label(int verdict, int lang);

/*
 * Segmentation of a log split by customer across shards. For a log whose merged ledger does not fit one machine (docs/shards.md): each shard — a
 * ledger holding whole customers — makes a summary of what the global cut points need;
 * the summaries are merged (exactly, in any order and grouping) and may travel between
 * processes as bytes; each shard then runs ltv_segment_run_shard() with the merged summary.
 * Every customer's result is the one the whole ledger's ltv_segment_run() gives, and so are
 * the cut points, thresholds, group stats, score counts and the LTV analysis; only the
 * customers per named segment (ltv_segmentation_preset_customers(),
 * ltv_segmentation_segment_customers()) are the shard's own, and add up to the whole's.
 */

/** Opaque summary of a shard's customers for a segmentation (see ltv_segment_summary_new()). */
typedef struct ltv_segment_summary ltv_segment_summary;

/**
 * @brief Summarizes one shard's customers for a segmentation of the whole log.
 *
 * Holds counts, integer sums per state and rank, and sorted (value, count) lists of the RFM
 * metrics, the LTV basis and the excellent and general ranks' annual LTVs: its size grows
 * with the distinct values, not with the customers.
 * @param[out] out Receives the summary; release with ltv_segment_summary_free().
 * @param ledger The shard: whole customers (all events of each of its customers).
 * @param cfg Settings, or NULL for the defaults; every shard and the runs must use the same.
 * @param as_of_day The as-of day, as for ltv_segment_run().
 * @return As ltv_segment_run().
 * @par Thread safety
 * Reads the ledger: safe with other readers of it.
 * @since 1.1
 */
LTV_API int ltv_segment_summary_new(ltv_segment_summary **out, const ltv_ledger *ledger,
                                    const ltv_segment_config *cfg, int32_t as_of_day);

/**
 * @brief Adds another shard's summary to a summary.
 *
 * Exact (integers only); merging in any order or grouping gives the same summary.
 * @param into The summary that grows.
 * @param from The summary added; unchanged (it may be @p into itself).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL or summaries of different as-of days or settings
 * (the message names the setting); ::LTV_EOVERFLOW if a sum leaves 64 bits; ::LTV_ENOMEM.
 * On failure @p into is unchanged.
 * @par Thread safety
 * Modifies @p into: no other thread may use it during the call.
 * @since 1.1
 */
LTV_API int ltv_segment_summary_merge(ltv_segment_summary *into, const ltv_segment_summary *from);

/**
 * @brief Customers with an order before the as-of day that a summary covers.
 * @param sum The summary, or NULL (0).
 * @return The count.
 * @par Thread safety
 * Safe with other readers of the summary.
 * @since 1.1
 */
LTV_API uint64_t ltv_segment_summary_customer_count(const ltv_segment_summary *sum);

/**
 * @brief The as-of day a summary was made for.
 * @param sum The summary, or NULL (::LTV_NO_DAY).
 * @return The day.
 * @par Thread safety
 * Safe with other readers of the summary.
 * @since 1.1
 */
LTV_API int32_t ltv_segment_summary_as_of(const ltv_segment_summary *sum);

/**
 * @brief Writes a summary as bytes that ltv_segment_summary_open_buffer() reads in another
 * process (docs/shards.md gives the layout; little-endian, with an XXH64 checksum).
 * @param sum The summary.
 * @param[out] out_data Receives the bytes, owned by the caller: release with ltv_free().
 * @param[out] out_len Receives their length.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe with other readers of the summary.
 * @since 1.1
 */
LTV_API int ltv_segment_summary_save_buffer(const ltv_segment_summary *sum, void **out_data, size_t *out_len);

/**
 * @brief Reads a summary from the bytes of ltv_segment_summary_save_buffer().
 *
 * Everything is checked before use: magic, byte order, format version, checksum, lengths,
 * ascending lists and that every list and total counts the same customers.
 * @param[out] out Receives the summary; release with ltv_segment_summary_free(). NULL on failure.
 * @param data The bytes; may be freed after the call.
 * @param len Their length.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL; ::LTV_EFORMAT for bytes that are not a summary
 * this library reads (the message names the problem); ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API int ltv_segment_summary_open_buffer(ltv_segment_summary **out, const void *data, size_t len);

/**
 * @brief Releases a summary.
 * @param sum The summary, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the summary during the call.
 * @since 1.1
 */
LTV_API void ltv_segment_summary_free(ltv_segment_summary *sum);

/**
 * @brief Segments one shard's customers with the global statistics of the whole log.
 *
 * As ltv_segment_run() on the shard, but the RFM cut points (every mode), the core
 * threshold, the excellent rank's levels, the group stats, the score counts and the LTV
 * analysis are those of the whole, taken from @p whole (the merged summaries of every
 * shard): each customer's result equals the whole ledger's. The customers per named segment
 * are the shard's own. Customer tables are not covered.
 * @param[out] out Receives the result; release with ltv_segmentation_free().
 * @param ledger The shard; it must outlive the result, as for ltv_segment_run().
 * @param cfg Settings, or NULL for the defaults: those the summaries were made with.
 * @param as_of_day The summaries' as-of day.
 * @param whole The merged summary of every shard; only read during the call.
 * @return As ltv_segment_run(); ::LTV_EINVAL also when @p whole is of another as-of day or
 * settings, when a setting shards do not cover is set, or when the shard has more customers
 * of a state than the whole (the message names the problem).
 * @par Thread safety
 * Reads the ledger and the summary: safe with other readers of them.
 * @since 1.1
 */
LTV_API int ltv_segment_run_shard(ltv_segmentation **out, const ltv_ledger *ledger, const ltv_segment_config *cfg,
                                  int32_t as_of_day, const ltv_segment_summary *whole);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_SEGMENT_H */
