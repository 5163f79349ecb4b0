/**
 * @file predict.h
 * @brief Predictive CLV: BG/NBD, Pareto/NBD and MBG/NBD purchase models, the Gamma-Gamma
 * spend model, and per-customer P(alive), expected orders, CLV and the next order's date.
 *
 * **Data.** ltv_predict_data_from_ledger() reduces a ledger to each customer's sufficient
 * statistics in a time unit (day, week or month = 365.25/12 days): x, the number of repeat
 * purchase occasions in the calibration period (orders on the same day are one occasion,
 * the first day's orders are not repeats), t_x, the time from the first to the last
 * occasion, T, the time from the first order to the calibration end, and the mean spend of
 * the repeat occasions (each occasion's orders summed). Customers whose first order is
 * after the calibration end take no part. Identical (x, t_x, T) triples are stored once
 * with a weight, so fitting costs time per distinct triple, not per customer.
 *
 * **Days.** The calibration end and the holdout end are *inclusive* last days, as in
 * lifetimes (`calibration_period_end`) and BTYD (`T.cal`): T = (calibration end − first
 * order day) / unit, so a customer whose first order was 1997-01-01 has T = 38.86 weeks at
 * a calibration end of 1997-09-30. The holdout period is the days after the calibration end
 * up to and including the holdout end.
 *
 * **Models** are fitted by maximum likelihood on the logarithms of their parameters (all
 * positive): BFGS with the analytic gradient (BG/NBD, MBG/NBD, Gamma-Gamma) or a central-
 * difference gradient (Pareto/NBD), with a Nelder–Mead restart when BFGS does not converge.
 * Standard errors come from the numerically differentiated Hessian of the log-likelihood.
 * A fit that cannot be identified (no repeat purchases, a parameter running to 0 or
 * infinity) fails with ::LTV_EVALIDATION and a message; no output is ever NaN.
 *
 * See `docs/predict.md` for the formulas, the definitions and which tool each matches.
 */
#ifndef LTVCRM_PREDICT_H
#define LTVCRM_PREDICT_H

#include "common.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque sufficient statistics of a customer base. */
typedef struct ltv_predict_data ltv_predict_data;
/** Opaque fitted (or given) model. */
typedef struct ltv_predict_fit ltv_predict_fit;
/** Opaque per-customer predictions. */
typedef struct ltv_prediction ltv_prediction;
/** Opaque settings of ltv_predict_run(). */
typedef struct ltv_predict_options ltv_predict_options;

/** Time units. Values are ABI. */
typedef enum ltv_time_unit {
    LTV_UNIT_DAY = 0,  /**< One day. */
    LTV_UNIT_WEEK = 1, /**< Seven days. */
    LTV_UNIT_MONTH = 2 /**< 365.25 / 12 = 30.4375 days. */
} ltv_time_unit;

/** Models. Values are ABI. */
typedef enum ltv_predict_model {
    LTV_MODEL_BGNBD = 0,      /**< BG/NBD (Fader, Hardie & Lee 2005): r, alpha, a, b. */
    LTV_MODEL_PARETO_NBD = 1, /**< Pareto/NBD (Schmittlein, Morrison & Colombo 1987): r, alpha, s, beta. */
    LTV_MODEL_MBGNBD = 2,     /**< MBG/NBD (Batislam, Denizel & Filiztekin 2007): r, alpha, a, b. */
    LTV_MODEL_GAMMA_GAMMA = 3 /**< Gamma-Gamma spend model (Fader & Hardie note 025): p, q, gamma. */
} ltv_predict_model;

/** Discounting of CLV. Values are ABI. */
typedef enum ltv_discount_mode {
    /** A rate per discount period, the k-th period's purchases divided by (1 + rate)^k:
     * lifetimes' and PyMC-Marketing's `customer_lifetime_value`. */
    LTV_DISCOUNT_DISCRETE = 0,
    /** A continuous rate per time unit, e^(−rate·t); with an unbounded horizon this is the
     * discounted expected residual transactions (DERT) of BTYD's `pnbd.DERT` and CLVTools. */
    LTV_DISCOUNT_CONTINUOUS = 1
} ltv_discount_mode;

/** Settings of ltv_predict_run(), for ltv_predict_options_set(). Values are ABI. */
typedef enum ltv_predict_option {
    /** Horizon of "expected orders" and CLV, in time units, > 0; default 52 weeks' worth
     * (364 days, 52 weeks or 12 months; also for data given as a summary). With
     * ::LTV_DISCOUNT_CONTINUOUS and a rate above 0, 0 means unbounded (DERT); the expected
     * orders and P(no order) columns then cover the default horizon. */
    LTV_PREDICT_HORIZON = 0,
    /** An ::ltv_discount_mode; default ::LTV_DISCOUNT_DISCRETE. */
    LTV_PREDICT_DISCOUNT_MODE = 1,
    /** The discount rate, ≥ 0 and < 10: per discount period (discrete) or per time unit
     * (continuous); default 0. */
    LTV_PREDICT_DISCOUNT_RATE = 2,
    /** Length of one discount period in time units (discrete mode), > 0; default lifetimes'
     * month: 30 days, 4.345 weeks or 1 month. A horizon that is not a whole number of
     * periods ends with a partial period. */
    LTV_PREDICT_DISCOUNT_PERIOD = 3,
    /** Which columns ltv_predict_run() computes and keeps: bit c set for ::ltv_predict_column
     * c, an integer in 1 .. 2^::LTV_PRED_COLUMN_COUNT − 1; default all of them.
     * ::LTV_PRED_IN_CALIBRATION is always kept. The columns left out are neither allocated
     * nor written (on ten million customers each is 80 MB of fresh memory whose first touch
     * costs more than computing it), and ltv_prediction_column() refuses them with
     * ::LTV_ESTATE. The values of the columns kept do not depend on this setting. @since 1.1 */
    LTV_PREDICT_COLUMNS = 4
} ltv_predict_option;

/** Per-customer columns of an ::ltv_prediction. All are `double` except where noted. Values are ABI. */
typedef enum ltv_predict_column {
    LTV_PRED_IN_CALIBRATION = 0,  /**< uint8_t: 1 if the customer's first order is on or before the calibration end. */
    LTV_PRED_X = 1,               /**< Repeat purchase occasions in the calibration period. */
    LTV_PRED_T_X = 2,             /**< Time of the last occasion after the first, in units. */
    LTV_PRED_T = 3,               /**< Time from the first order to the calibration end, in units. */
    LTV_PRED_MEAN_SPEND = 4,      /**< Mean spend of the repeat occasions, minor units (0 if x = 0). */
    LTV_PRED_HOLDOUT_X = 5,       /**< Purchase occasions in the holdout period (0 without one). */
    LTV_PRED_P_ALIVE = 6,         /**< P(alive at the calibration end | x, t_x, T). */
    LTV_PRED_EXPECTED = 7,        /**< Expected purchase occasions in the horizon after the calibration end. */
    LTV_PRED_P_NONE = 8,          /**< P(no purchase in the horizon). */
    LTV_PRED_EXPECTED_SPEND = 9,  /**< Expected spend per order (Gamma-Gamma), minor units; 0 without a spend model. */
    LTV_PRED_DISCOUNTED = 10,     /**< Discounted expected purchases over the horizon. */
    LTV_PRED_CLV = 11,            /**< CLV: discounted purchases × expected spend, minor units. */
    LTV_PRED_NEXT_ORDER_DAY = 12, /**< int32_t: expected day of the next order (see docs/predict.md), ::LTV_NO_DAY outside calibration. */
    LTV_PRED_HOLDOUT_EXPECTED = 13 /**< Expected purchases in the holdout period (0 without one). */
} ltv_predict_column;
/** Number of prediction columns. */
#define LTV_PRED_COLUMN_COUNT 14

/**
 * @brief A summary of sufficient statistics, filled by ltv_predict_data_info().
 *
 * Fields are only ever added at the end (see ltv_customer_facts).
 */
typedef struct ltv_predict_data_info {
    uint64_t customers;            /**< Customers in the calibration period. */
    uint64_t repeaters;            /**< Of those, customers with x > 0. */
    uint64_t spend_customers;      /**< Repeaters with a positive mean spend (the Gamma-Gamma sample). */
    uint64_t after_calibration;    /**< Customers whose first order is after the calibration end (left out). */
    uint64_t tuples;               /**< Distinct (x, t_x, T) triples. */
    double repeat_transactions;    /**< Sum of x. */
    double holdout_transactions;   /**< Purchase occasions in the holdout period. */
    double holdout_length;         /**< Holdout length in units (0 without a holdout). */
    int32_t unit;                  /**< The ::ltv_time_unit (−1 for data given as a summary). */
    int32_t calibration_end;       /**< Last calibration day, or ::LTV_NO_DAY for a summary. */
    int32_t holdout_end;           /**< Last holdout day, or ::LTV_NO_DAY. */
    int32_t first_day;             /**< Earliest first order of a calibration customer, or ::LTV_NO_DAY. */
} ltv_predict_data_info;

/**
 * @brief A fitted model's parameters and fit, filled by ltv_predict_fit_info().
 *
 * Fields are only ever added at the end (see ltv_customer_facts).
 */
typedef struct ltv_predict_fit_info {
    int32_t model;            /**< The ::ltv_predict_model. */
    int32_t param_count;      /**< 4 (transactions models) or 3 (Gamma-Gamma). */
    double params[4];         /**< Parameters in the order of ::ltv_predict_model. */
    double std_errors[4];     /**< Standard errors from the Hessian; 0 when not available. */
    double log_likelihood;    /**< Log-likelihood at the parameters (0 for given parameters). */
    double aic;               /**< 2k − 2 LL (0 for given parameters). */
    double observations;      /**< Customers the model was fitted to (sum of weights). */
    int32_t iterations;       /**< Likelihood evaluations and BFGS steps the optimiser took. */
    int32_t std_errors_valid; /**< 1 if the Hessian was negative definite and @p std_errors are set. */
} ltv_predict_fit_info;

/**
 * @brief Reduce a ledger to sufficient statistics.
 *
 * One parallel pass over the ledger's customers (orders only; refunds, visits and cancels
 * are ignored). The ledger is borrowed: it must outlive the result and not be modified
 * while the result is used for predictions.
 * @param[out] out Receives the statistics; release with ltv_predict_data_free().
 * @param ledger The ledger.
 * @param unit An ::ltv_time_unit.
 * @param calibration_end Last day of the calibration period (inclusive).
 * @param holdout_end Last day of the holdout period (inclusive, after @p calibration_end),
 * or ::LTV_NO_DAY for none.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown unit; ::LTV_ERANGE for days
 * out of range or a holdout end not after the calibration end; ::LTV_ENOTFOUND if no
 * customer has an order on or before the calibration end; ::LTV_ENOMEM.
 * @par Thread safety
 * Reads the ledger (other readers allowed); uses up to ltv_get_threads() threads.
 */
LTV_API int ltv_predict_data_from_ledger(ltv_predict_data **out, const ltv_ledger *ledger, int unit,
                                         int32_t calibration_end, int32_t holdout_end);

/**
 * @brief Sufficient statistics given directly, one row per customer (lifetimes' summary table).
 * @param[out] out Receives the statistics; release with ltv_predict_data_free().
 * @param n Number of customers, ≥ 1.
 * @param x Repeat purchase occasions: whole numbers ≥ 0.
 * @param t_x Time of the last occasion: 0 when x = 0, otherwise 0 < t_x ≤ T.
 * @param T Time since the first order: ≥ 0.
 * @param mean_spend Mean spend of the repeat occasions (≥ 0, used when x > 0), or NULL.
 * @param holdout_x Purchase occasions in a holdout period (whole numbers ≥ 0), or NULL.
 * @param holdout_length Length of that period (> 0 with @p holdout_x; ignored without it).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arrays or n = 0; ::LTV_ERANGE for a row out of
 * bounds or not finite (the message names the row); ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_predict_data_from_summary(ltv_predict_data **out, size_t n, const double *x, const double *t_x,
                                          const double *T, const double *mean_spend, const double *holdout_x,
                                          double holdout_length);

/**
 * @brief Release sufficient statistics.
 * @param data The statistics, or NULL (no-op).
 * @par Thread safety
 * No other thread may use them during or after the call.
 */
LTV_API void ltv_predict_data_free(ltv_predict_data *data);

/**
 * @brief Summary of sufficient statistics.
 * @param data The statistics.
 * @param[out] out Receives the summary.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_data_info_get(const ltv_predict_data *data, ltv_predict_data_info *out, size_t out_size);

/**
 * @brief Fit a model by maximum likelihood.
 *
 * Transaction models use the (x, t_x, T) triples; ::LTV_MODEL_GAMMA_GAMMA uses the
 * repeaters with a positive mean spend.
 * @param[out] out Receives the fit; release with ltv_predict_fit_free().
 * @param data The statistics.
 * @param model An ::ltv_predict_model.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown model; ::LTV_EVALIDATION
 * when the data cannot identify the model or the optimiser fails (the message says which
 * and why); ::LTV_ENOMEM.
 * @par Thread safety
 * Reads @p data (other readers allowed); uses up to ltv_get_threads() threads.
 */
LTV_API int ltv_predict_fit_new(ltv_predict_fit **out, const ltv_predict_data *data, int model);

/**
 * @brief A model with given parameters (for example published ones), without fitting.
 * @param[out] out Receives the model; release with ltv_predict_fit_free().
 * @param model An ::ltv_predict_model.
 * @param params The parameters in the model's order, all finite and > 0.
 * @param count Their number: 4, or 3 for ::LTV_MODEL_GAMMA_GAMMA.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments, an unknown model or a wrong count;
 * ::LTV_ERANGE for a parameter that is not finite and positive; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_predict_fit_from_params(ltv_predict_fit **out, int model, const double *params, size_t count);

/**
 * @brief Release a fit.
 * @param fit The fit, or NULL (no-op).
 * @par Thread safety
 * No other thread may use it during or after the call.
 */
LTV_API void ltv_predict_fit_free(ltv_predict_fit *fit);

/**
 * @brief Parameters, standard errors, log-likelihood and AIC of a fit.
 * @param fit The fit.
 * @param[out] out Receives them.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_fit_info_get(const ltv_predict_fit *fit, ltv_predict_fit_info *out, size_t out_size);

/**
 * @brief Log-likelihood of a model on data (for comparing models or given parameters).
 * @param fit The model (any transaction model, or Gamma-Gamma).
 * @param data The statistics.
 * @param[out] out_ll Receives the log-likelihood.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EVALIDATION if it is not finite.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_log_likelihood(const ltv_predict_fit *fit, const ltv_predict_data *data, double *out_ll);

/**
 * @brief One customer's probability of being alive at the end of the calibration period.
 * @param fit A transaction model.
 * @param x Repeat purchase occasions (whole number ≥ 0).
 * @param t_x Time of the last occasion (0 when x = 0; otherwise 0 < t_x ≤ T).
 * @param T Time since the first order.
 * @param[out] out Receives P(alive), in [0, 1].
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a Gamma-Gamma model; ::LTV_ERANGE for
 * inconsistent statistics.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_p_alive(const ltv_predict_fit *fit, double x, double t_x, double T, double *out);

/**
 * @brief One customer's expected purchase occasions in the time @p t after T (E[Y(t) | x, t_x, T]).
 * @param fit A transaction model.
 * @param x Repeat purchase occasions.
 * @param t_x Time of the last occasion.
 * @param T Time since the first order.
 * @param t Length of the future period, ≥ 0.
 * @param[out] out Receives the expectation.
 * @return As ltv_predict_p_alive(); ::LTV_EVALIDATION if the series does not converge.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_expected(const ltv_predict_fit *fit, double x, double t_x, double T, double t, double *out);

/**
 * @brief A new customer's expected repeat purchase occasions in (0, t]: E[X(t)].
 * @param fit A transaction model.
 * @param t Time since the first purchase, ≥ 0.
 * @param[out] out Receives the expectation.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a Gamma-Gamma model; ::LTV_ERANGE for
 * a negative or non-finite @p t; ::LTV_EVALIDATION if the series does not converge.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_population(const ltv_predict_fit *fit, double t, double *out);

/**
 * @brief One customer's distribution of purchase occasions in the time @p t after T:
 * P(Y(t) = n | x, t_x, T) for n = 0 .. count − 1.
 *
 * With x = t_x = T = 0 this is the distribution for a new customer, P(X(t) = n).
 * @param fit A transaction model.
 * @param x Repeat purchase occasions.
 * @param t_x Time of the last occasion.
 * @param T Time since the first order.
 * @param t Length of the future period, ≥ 0.
 * @param[out] out Receives @p count probabilities.
 * @param count How many, 1..100000.
 * @return As ltv_predict_expected().
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_pmf(const ltv_predict_fit *fit, double x, double t_x, double T, double t, double *out,
                            size_t count);

/**
 * @brief One customer's expected spend per order under a Gamma-Gamma model.
 * @param fit A Gamma-Gamma model with q > 1.
 * @param x Repeat purchase occasions (0 gives the population mean p·gamma / (q − 1)).
 * @param mean_spend Their mean spend (ignored when x = 0).
 * @param[out] out Receives the expectation.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or another model; ::LTV_ERANGE for
 * negative or non-finite inputs; ::LTV_EVALIDATION if q ≤ 1 (the mean does not exist).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_spend(const ltv_predict_fit *fit, double x, double mean_spend, double *out);

/**
 * @brief Create prediction settings with the defaults of ::ltv_predict_option.
 * @param[out] out Receives the settings; release with ltv_predict_options_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_predict_options_new(ltv_predict_options **out);

/**
 * @brief Release prediction settings.
 * @param opts The settings, or NULL (no-op).
 * @par Thread safety
 * No other thread may use them during the call.
 */
LTV_API void ltv_predict_options_free(ltv_predict_options *opts);

/**
 * @brief Set a prediction setting.
 * @param opts The settings.
 * @param option An ::ltv_predict_option.
 * @param value The value (whole numbers for the mode).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings or an unknown option; ::LTV_ERANGE for a
 * value out of bounds (the message gives them).
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_predict_options_set(ltv_predict_options *opts, int option, double value);

/**
 * @brief Per-customer predictions for every customer of the data.
 *
 * For data from a ledger, row i is ledger customer i (customers outside the calibration
 * period get zeros and ::LTV_NO_DAY); for a summary, row i is row i of the summary.
 * @param[out] out Receives the predictions; release with ltv_prediction_free().
 * @param fit A transaction model.
 * @param spend_fit A Gamma-Gamma model, or NULL (then spend and CLV columns are 0).
 * @param data The statistics (for ledger data, its ledger must still be alive and unchanged).
 * @param opts Settings, or NULL for the defaults.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or models of the wrong kind;
 * ::LTV_ERANGE if a horizon or discount period is not meaningful in the data's unit;
 * ::LTV_EVALIDATION if the spend model has q ≤ 1; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only on its inputs; uses up to ltv_get_threads() threads.
 */
LTV_API int ltv_predict_run(ltv_prediction **out, const ltv_predict_fit *fit, const ltv_predict_fit *spend_fit,
                            const ltv_predict_data *data, const ltv_predict_options *opts);

/**
 * @brief Release predictions.
 * @param pred The predictions, or NULL (no-op).
 * @par Thread safety
 * No other thread may use them during or after the call.
 */
LTV_API void ltv_prediction_free(ltv_prediction *pred);

/**
 * @brief Number of rows of the predictions.
 * @param pred The predictions, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_prediction_count(const ltv_prediction *pred);

/**
 * @brief Borrow a per-customer column without copying.
 * @param pred The predictions.
 * @param column An ::ltv_predict_column (its element type is given there).
 * @param[out] out_data Receives a pointer valid while @p pred lives.
 * @param[out] out_len Receives the number of rows.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown column.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_prediction_column(const ltv_prediction *pred, int column, const void **out_data, size_t *out_len);

/** Formats of the diagnostics. Values are ABI. */
typedef enum ltv_predict_format {
    LTV_PREDICT_CSV = 0, /**< CSV with a header line. */
    LTV_PREDICT_JSON = 1 /**< One JSON array of objects. */
} ltv_predict_format;

/** Diagnostic tables. Values are ABI. */
typedef enum ltv_predict_diagnostic {
    /** Per calibration frequency x = 0, 1, …, (bins − 1)+: customers, mean actual and mean
     * expected purchase occasions in the holdout period. Needs a holdout. */
    LTV_DIAG_FREQUENCY_BINS = 0,
    /** Per time unit from the first day of the data to the holdout (or calibration) end:
     * actual and expected repeat occasions, incremental and cumulative, and E[X(t)] of a new
     * customer at t units. Needs data from a ledger. */
    LTV_DIAG_TRACKING = 1
} ltv_predict_diagnostic;

/**
 * @brief A diagnostic table as text.
 * @param fit A transaction model.
 * @param data The statistics it describes.
 * @param diagnostic An ::ltv_predict_diagnostic.
 * @param bins Frequency bins for ::LTV_DIAG_FREQUENCY_BINS (2..1000; ignored otherwise).
 * @param format An ::ltv_predict_format.
 * @param[out] out_text Receives the NUL-terminated text; release with ltv_free().
 * @param[out] out_len Receives its length (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or unknown values; ::LTV_ESTATE if the
 * data lack what the table needs (a holdout, a ledger); ::LTV_EVALIDATION if a series does
 * not converge; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_diagnostics(const ltv_predict_fit *fit, const ltv_predict_data *data, int diagnostic,
                                    int bins, int format, char **out_text, size_t *out_len);

/**
 * @brief A diagnostic table as numbers: the columns of ltv_predict_diagnostics(), row-major.
 *
 * The columns are those of the text table, with the first one as a number:
 * - ::LTV_DIAG_FREQUENCY_BINS, 6 columns: x (the bin's calibration frequency; the last bin
 *   holds x and more), customers, actual_mean, expected_mean, actual, expected;
 * - ::LTV_DIAG_TRACKING, 7 columns: period_end (day number of the period's last day),
 *   period (1, 2, …), actual, expected (repeat occasions in the period), actual_cumulative,
 *   expected_cumulative, population_expected (E[X(t)] of a new customer, t = the periods so far).
 *
 * The text of ltv_predict_diagnostics() is these values printed with 10 significant digits.
 * @param fit A transaction model.
 * @param data The statistics it describes.
 * @param diagnostic An ::ltv_predict_diagnostic.
 * @param bins Frequency bins for ::LTV_DIAG_FREQUENCY_BINS (2..1000; ignored otherwise).
 * @param[out] out_values Receives rows × columns values; release with ltv_free(). NULL on failure.
 * @param[out] out_rows Receives the number of rows.
 * @param[out] out_cols Receives the number of columns.
 * @return As ltv_predict_diagnostics().
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_predict_diagnostics_values(const ltv_predict_fit *fit, const ltv_predict_data *data, int diagnostic,
                                           int bins, double **out_values, size_t *out_rows, size_t *out_cols);

/**
 * @brief Name of a model's parameter: "r", "alpha", "a", "b", "s", "beta", "p", "q", "gamma".
 * @param model An ::ltv_predict_model.
 * @param index 0 .. parameter count − 1.
 * @return A static string, or NULL for an unknown model or index.
 * @par Thread safety
 * Safe from any thread.
 */
LTV_API const char *ltv_predict_param_name(int model, int index);

/**
 * @brief Short name of a model: "bgnbd", "pareto", "mbgnbd", "gammagamma".
 * @param model An ::ltv_predict_model.
 * @return A static string, or NULL for an unknown model.
 * @par Thread safety
 * Safe from any thread.
 */
LTV_API const char *ltv_predict_model_name(int model);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_PREDICT_H */
