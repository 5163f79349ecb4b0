/**
 * @file report.h
 * @brief The HTML report: one self-contained page with charts a shop owner looks at, in
 * Japanese or English.
 *
 * ltv_report_html() runs the segmentation and the health check of a ledger as of a day and
 * writes one HTML page: headline figures, lifecycle states and value ranks with the LTV
 * decomposition, RFM (recency × frequency heatmap, score distributions with their cut
 * points, named segments), the first → second purchase (gap histogram, conversion curve per
 * rank), tenure and, for memberships, churn by days enrolled and usage bands, cohorts and the
 * monthly series, the 4 × 5 campaign matrix with the ledger's live figures, and — when the
 * options carry them — the maturity grade with its next steps and the 90-day plan's channel
 * load. Every chart is inline SVG written by the library, with its numbers in a table next to
 * it and a one-line reading; the page needs no network and no JavaScript and prints on A4.
 * The sections are described in `docs/report.md`.
 *
 * **Bounded and reproducible.** The page holds aggregates only, so its size does not grow
 * with the number of customers (cohorts and monthly series are cut to the most recent
 * months). The same ledger, options and day give the same bytes: nothing depends on the
 * clock, the locale or the number of threads; a generation date appears only when
 * ::LTV_REPORT_GENERATED_DAY is set.
 */
#ifndef LTVCRM_REPORT_H
#define LTVCRM_REPORT_H

#include "common.h"
#include "grader.h"
#include "health.h"
#include "ledger.h"
#include "matrix.h"
#include "planner.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque report settings. */
typedef struct ltv_report_options ltv_report_options;

/** Integer settings, for ltv_report_options_set_i64(). Values are ABI. */
typedef enum ltv_report_param {
    LTV_REPORT_LANG = 0,           /**< An ::ltv_lang; default ::LTV_LANG_EN. */
    LTV_REPORT_DECIMALS = 1,       /**< Decimals of the ledger's money (0 for yen), 0..6; default 2. */
    LTV_REPORT_GENERATED_DAY = 2,  /**< Day number written as the generation date, or ::LTV_NO_DAY (default: none). */
    LTV_REPORT_CPO = 3,            /**< Cost per order of winning a customer, minor units, or -1 (default: none). */
    /** Last day of the predictive models' calibration period (the orders they are fitted on),
     * before the as-of day, or ::LTV_NO_DAY (default: the day before the as-of day). */
    LTV_REPORT_CALIBRATION_END = 4,
    /** Last day of a holdout period after the calibration end and before the as-of day, or
     * ::LTV_NO_DAY (default: none). With a holdout the predictive section adds the model's
     * diagnostics: holdout orders by calibration frequency (actual vs expected), weekly and
     * cumulative repeat orders (actual vs model) and E[X(t)] of a new customer
     * (ltv_predict_diagnostics_values()). */
    LTV_REPORT_HOLDOUT_END = 5,
    /** The purchase model of the predictive section: ::LTV_MODEL_BGNBD (default),
     * ::LTV_MODEL_PARETO_NBD or ::LTV_MODEL_MBGNBD (predict.h). */
    LTV_REPORT_MODEL = 6
} ltv_report_param;

/**
 * @brief Create report settings with the defaults listed in ::ltv_report_param.
 * @param[out] out Receives the settings; release with ltv_report_options_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_report_options_new(ltv_report_options **out);

/**
 * @brief Release report settings (not the objects they borrow).
 * @param opts The settings, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the settings during the call.
 */
LTV_API void ltv_report_options_free(ltv_report_options *opts);

/**
 * @brief Set an integer setting.
 * @param opts The settings.
 * @param param An ::ltv_report_param.
 * @param value The value, within the bounds listed for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL settings or an unknown parameter; ::LTV_ERANGE for
 * a value out of bounds (the message names the parameter, the value and the bounds).
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_i64(ltv_report_options *opts, int param, int64_t value);

/**
 * @brief Read an integer setting.
 * @param opts The settings.
 * @param param An ::ltv_report_param.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_report_options_get_i64(const ltv_report_options *opts, int param, int64_t *out_value);

/**
 * @brief Use these segmentation settings (thresholds, RFM bins and mode, named segments).
 * @param opts The settings.
 * @param cfg Borrowed: it must stay alive and unchanged while the report settings are used;
 * NULL restores the defaults.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_segment_config(ltv_report_options *opts, const ltv_segment_config *cfg);

/**
 * @brief Use these health-check settings (churn windows, usage bands, risk period).
 * @param opts The settings.
 * @param cfg Borrowed, as in ltv_report_options_set_segment_config(); NULL restores the defaults.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_health_config(ltv_report_options *opts, const ltv_health_config *cfg);

/**
 * @brief Add the maturity-grade section: the ten answers of the grader (grader.h).
 *
 * The answers are checked here with ltv_grader_grade() and copied.
 * @param opts The settings.
 * @param answers Ten letters A–D as ltv_grader_grade() takes them; with @p len 0 (it may
 * then be NULL) the section is removed.
 * @param len Length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL; the status of ltv_grader_grade() for
 * answers it refuses (the message names the problem); ::LTV_ENOMEM. On failure the settings
 * are unchanged.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_answers(ltv_report_options *opts, const char *answers, size_t len);

/**
 * @brief Add the 90-day plan section: the channel load of this planner run over the ledger.
 * @param opts The settings.
 * @param planner Borrowed, as in ltv_report_options_set_segment_config(); NULL removes the
 * section. It must pass ltv_planner_validate() when the report is written.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_planner(ltv_report_options *opts, const ltv_planner *planner);

/**
 * @brief Show this campaign matrix (the shop's plan) in the matrix section.
 *
 * Without one the section shows an empty matrix: the ledger's live figures per stage and
 * every box a gap. The matrix is not modified: the report fills the figures of its own copy.
 * @param opts The settings.
 * @param matrix Borrowed, as in ltv_report_options_set_segment_config(); NULL for none.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_matrix(ltv_report_options *opts, const ltv_matrix *matrix);

/**
 * @brief Put the shop's name in the page title.
 * @param opts The settings.
 * @param title UTF-8 text, copied; NULL with @p len 0 removes it.
 * @param len Its length in bytes, 0..200.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p opts (or a NULL title with a length);
 * ::LTV_ERANGE for a longer title; ::LTV_EENCODING for text that is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the settings: no concurrent use.
 */
LTV_API int ltv_report_options_set_title(ltv_report_options *opts, const char *title, size_t len);

/**
 * @brief Write the HTML report of a ledger as of a day.
 *
 * Runs the segmentation, the health check and (with the options) the grader and the
 * planner, then writes the page. Besides the segmentation's per-customer results, memory
 * and output do not grow with the ledger: the page is built from fixed-size tables.
 * @param[out] out_html Receives a NUL-terminated UTF-8 string owned by the caller; release
 * it with ltv_free().
 * @param[out] out_len Receives its length in bytes without the NUL (may be NULL).
 * @param ledger The ledger.
 * @param opts Settings, or NULL for the defaults.
 * @param as_of_day The as-of day A: events before A count; ::LTV_DAY_MIN..::LTV_DAY_MAX + 1.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p out_html or @p ledger; ::LTV_ERANGE for a day
 * out of range or settings the segmentation or health check refuse (the message names them),
 * or a ::LTV_REPORT_CALIBRATION_END not before @p as_of_day or a ::LTV_REPORT_HOLDOUT_END not
 * between the calibration end and @p as_of_day; ::LTV_EVALIDATION for a planner that fails
 * validation; ::LTV_ENOMEM.
 * @par Thread safety
 * Reads the ledger and the settings (and what they borrow): safe with other readers.
 */
LTV_API int ltv_report_html(char **out_html, size_t *out_len, const ltv_ledger *ledger,
                            const ltv_report_options *opts, int32_t as_of_day);

/**
 * @brief Write the HTML report to a file, atomically.
 *
 * The page is written to a temporary file in the same directory, flushed to disk and renamed
 * over @p path, so a reader sees the old file or the whole new one, never a part.
 * @param path The file to write.
 * @param ledger The ledger.
 * @param opts Settings, or NULL for the defaults.
 * @param as_of_day As in ltv_report_html().
 * @return As ltv_report_html(); ::LTV_EINVAL for a NULL @p path; ::LTV_EIO when the file
 * cannot be written (the message names the path and the reason).
 * @par Thread safety
 * As ltv_report_html().
 */
LTV_API int ltv_report_html_file(const char *path, const ltv_ledger *ledger, const ltv_report_options *opts,
                                 int32_t as_of_day);

/**
 * @brief The name of a report setting, such as "LTV_REPORT_DECIMALS", and its bounds.
 * @param param An ::ltv_report_param.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_report_param_info(int param, int64_t *out_min, int64_t *out_max);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_REPORT_H */
