/**
 * @file matrix.h
 * @brief The campaign matrix: 4 customer stages × 5 campaign elements = 20 boxes on one page.
 *
 * The columns are the stages of crm.h, left to right as customers move (acquisition,
 * activation, retention, churn prevention); the rows are the campaign elements (segment,
 * offer, creative, timing, channel). Each of the 20 boxes holds the shop's plan for that
 * stage and element as UTF-8 text, and a status: empty, draft or active.
 *
 * A matrix starts empty (ltv_matrix_new()) or from a starter template for a D2C shop
 * (ltv_matrix_new_template()); boxes are edited with ltv_matrix_set_box(); the plan is
 * saved and loaded as JSON or CSV (ltv_matrix_save(), ltv_matrix_load()) and printed as one
 * table for a terminal, as Markdown, CSV or JSON (ltv_matrix_render()).
 *
 * **Gaps and verdicts.** The boxes that are empty or only drafted are the gaps
 * (ltv_matrix_gaps()). A stage is *planned* when at least ::LTV_MATRIX_PLANNED_MIN of its
 * five boxes (default 3) are active. The balance verdict (ltv_matrix_balance()) says when
 * acquisition is planned while the existing-customer stages are not: a bath with the plug
 * out [ダダ漏れ]. The CPO verdict (ltv_matrix_cpo_verdict(), an ::ltv_cpo_verdict of
 * segment.h) compares the cost per order of acquiring a customer with the customer's
 * average LTV: CPO > LTV is the same leaking bath seen in money.
 *
 * **Figures.** The stage columns can carry live figures: customers and revenue for the three
 * existing-customer stages (new customers → activation, repeat buyers and fans → retention,
 * dormant customers → churn prevention), and prospects, CPO and the average LTV for
 * acquisition. They are shown in the header row of the table. Figures are not part of the
 * saved plan: they are computed afresh from the shop's data each time.
 *
 * See `docs/matrix.md` for the file formats and the rules in detail.
 *
 * **Threads.** A matrix is not locked: one thread may modify it at a time, with no readers.
 * Any number of threads may read (get, save, render, analyse) the same unmodified matrix.
 */
#ifndef LTVCRM_MATRIX_H
#define LTVCRM_MATRIX_H

#include "common.h"
#include "crm.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque campaign matrix: 20 boxes, figures and rendering settings. */
typedef struct ltv_matrix ltv_matrix;

/** Number of stages (columns) of the matrix. */
#define LTV_MATRIX_STAGES 4
/** Number of elements (rows) of the matrix. */
#define LTV_MATRIX_ELEMENTS 5
/** Longest text of one box, in bytes. */
#define LTV_MATRIX_TEXT_MAX 1024

/** The status of a box. The values are part of the ABI. */
typedef enum ltv_box_status {
    LTV_BOX_EMPTY = 0, /**< Nothing planned yet; the text is empty. */
    LTV_BOX_DRAFT = 1, /**< A plan is written but not running yet. */
    LTV_BOX_ACTIVE = 2 /**< The plan is running. */
} ltv_box_status;

/** Output formats of ltv_matrix_render(), ltv_matrix_save() and ltv_matrix_load(). Values are ABI. */
typedef enum ltv_matrix_format {
    LTV_MATRIX_FORMAT_TEXT = 0,     /**< A boxed table for terminals (render only). */
    LTV_MATRIX_FORMAT_MARKDOWN = 1, /**< A Markdown table (render only). */
    LTV_MATRIX_FORMAT_CSV = 2,      /**< CSV: the grid when rendered, `stage,element,status,text` rows when saved. */
    LTV_MATRIX_FORMAT_JSON = 3      /**< JSON: the plan when saved; the plan plus a `report` object when rendered. */
} ltv_matrix_format;

/** Integer settings, for ltv_matrix_set_i64(). Values are ABI. */
typedef enum ltv_matrix_param {
    LTV_MATRIX_CELL_WIDTH = 0,  /**< Width of a stage column in the text table, in terminal columns, 12..200; default 28. */
    LTV_MATRIX_CELL_LINES = 1,  /**< Most lines a box shows in the text table before it is cut with "...", 1..100; default 8. */
    LTV_MATRIX_PLANNED_MIN = 2, /**< Active boxes that make a stage "planned", 1..5; default 3. */
    LTV_MATRIX_DECIMALS = 3,    /**< Decimals of the money figures (0 for yen, 2 for cents), 0..6; default 2. */
    LTV_MATRIX_ANALYSIS = 4     /**< 1: text and Markdown renders end with the gaps and verdicts; 0: the table only; default 1. */
} ltv_matrix_param;

/** The balance verdict between acquisition and the existing-customer stages. Values are ABI. */
typedef enum ltv_balance_verdict {
    LTV_BALANCE_NOT_PLANNED = 0, /**< No stage is planned yet: nothing to weigh. */
    LTV_BALANCE_BALANCED = 1,    /**< No leak: acquisition is not planned ahead of the existing-customer stages. */
    LTV_BALANCE_PARTIAL = 2,     /**< Acquisition is planned and some, not all, existing-customer stages are. */
    LTV_BALANCE_LEAKING = 3      /**< Acquisition is planned and no existing-customer stage is [ダダ漏れ]. */
} ltv_balance_verdict;

/**
 * @brief Create a matrix with all 20 boxes empty and the default settings.
 * @param[out] out Receives the matrix; release it with ltv_matrix_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_matrix_new(ltv_matrix **out);

/**
 * @brief Create a matrix filled with the starter template for a D2C shop.
 *
 * Every box holds a typical plan (trial offers and retargeting for acquisition, a
 * thank-you insert and a day-30 second-purchase mail for activation, members-only news for
 * retention, a personal letter to dormant customers, ...) with the status
 * ::LTV_BOX_DRAFT: the shop makes each box its own and then marks it active.
 * @param[out] out Receives the matrix; release it with ltv_matrix_free().
 * @param lang Language of the box texts, ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL or @p lang is unknown; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_matrix_new_template(ltv_matrix **out, int lang);

/**
 * @brief Release a matrix.
 * @param matrix The matrix, or NULL (no-op). Borrowed box texts become invalid.
 * @par Thread safety
 * No other thread may use the matrix during or after the call.
 */
LTV_API void ltv_matrix_free(ltv_matrix *matrix);

/**
 * @brief Write the plan and status of one box.
 *
 * The text is the shop's plan for this stage and element. It must be valid UTF-8 without
 * control characters other than line feed and tab. An ::LTV_BOX_EMPTY box has no text; a
 * draft or active box has some.
 * @param matrix The matrix.
 * @param stage An ::ltv_stage value.
 * @param element An ::ltv_element value.
 * @param status An ::ltv_box_status value.
 * @param text The text, not necessarily NUL-terminated; may be NULL when @p len is 0.
 * @param len Its length in bytes: 0 for an empty box, 1..::LTV_MATRIX_TEXT_MAX otherwise.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix, a NULL text with a length, an unknown
 * stage, element or status, a control character, text in an empty box or no text in a
 * draft or active box; ::LTV_ERANGE for text longer than ::LTV_MATRIX_TEXT_MAX;
 * ::LTV_EENCODING for text that is not UTF-8; ::LTV_ENOMEM. The messages name the stage
 * and element. On failure the box is unchanged.
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API int ltv_matrix_set_box(ltv_matrix *matrix, int stage, int element, int status, const char *text,
                               size_t len);

/**
 * @brief Read the plan and status of one box.
 * @param matrix The matrix.
 * @param stage An ::ltv_stage value.
 * @param element An ::ltv_element value.
 * @param[out] out_status Receives the ::ltv_box_status value (may be NULL).
 * @param[out] out_text Receives a borrowed, NUL-terminated pointer to the text ("" for an
 * empty box), valid until the box is set again or the matrix is freed (may be NULL).
 * @param[out] out_len Receives the text's length in bytes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix or an unknown stage or element.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_get_box(const ltv_matrix *matrix, int stage, int element, int *out_status,
                               const char **out_text, size_t *out_len);

/**
 * @brief Change a setting.
 * @param matrix The matrix.
 * @param param An ::ltv_matrix_param value.
 * @param value The value, within the bounds given for the setting.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix or an unknown setting; ::LTV_ERANGE for a
 * value out of bounds (the message gives them).
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API int ltv_matrix_set_i64(ltv_matrix *matrix, int param, int64_t value);

/**
 * @brief Read a setting.
 * @param matrix The matrix.
 * @param param An ::ltv_matrix_param value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown setting.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_get_i64(const ltv_matrix *matrix, int param, int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_MATRIX_CELL_WIDTH", and its bounds: what
 * ltv_matrix_set_i64() accepts, for programs that show or check settings before setting them.
 * @param param An ::ltv_matrix_param value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_matrix_param_info(int param, int64_t *out_min, int64_t *out_max);

/**
 * @brief Give an existing-customer stage its customers and revenue.
 *
 * Usually fed from the segmentation of a ledger: new customers → ::LTV_STAGE_ACTIVATION,
 * repeat buyers and fans → ::LTV_STAGE_RETENTION, dormant customers →
 * ::LTV_STAGE_CHURN_PREVENTION.
 * @param matrix The matrix.
 * @param stage ::LTV_STAGE_ACTIVATION, ::LTV_STAGE_RETENTION or ::LTV_STAGE_CHURN_PREVENTION.
 * @param customers Customers in the stage.
 * @param revenue Their revenue in minor units (orders minus refunds; may be negative).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix, an unknown stage or
 * ::LTV_STAGE_ACQUISITION (use ltv_matrix_set_acquisition()).
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API int ltv_matrix_set_stage_figures(ltv_matrix *matrix, int stage, uint64_t customers, int64_t revenue);

/**
 * @brief Read the customers and revenue of an existing-customer stage.
 * @param matrix The matrix.
 * @param stage ::LTV_STAGE_ACTIVATION, ::LTV_STAGE_RETENTION or ::LTV_STAGE_CHURN_PREVENTION.
 * @param[out] out_customers Receives the customers (may be NULL).
 * @param[out] out_revenue Receives the revenue in minor units (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix, an unknown stage or
 * ::LTV_STAGE_ACQUISITION; ::LTV_ENOTFOUND if the stage has no figures.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_get_stage_figures(const ltv_matrix *matrix, int stage, uint64_t *out_customers,
                                         int64_t *out_revenue);

/**
 * @brief Give the acquisition stage its prospects and cost per order (CPO).
 * @param matrix The matrix.
 * @param prospects Prospects the acquisition campaigns address (or new customers targeted).
 * @param cpo_minor Cost of acquiring one customer's first order, in minor units, 0 or more.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix; ::LTV_ERANGE for a negative CPO.
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API int ltv_matrix_set_acquisition(ltv_matrix *matrix, uint64_t prospects, int64_t cpo_minor);

/**
 * @brief Read the acquisition figures.
 * @param matrix The matrix.
 * @param[out] out_prospects Receives the prospects (may be NULL).
 * @param[out] out_cpo_minor Receives the CPO in minor units (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix; ::LTV_ENOTFOUND if they were not set.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_get_acquisition(const ltv_matrix *matrix, uint64_t *out_prospects, int64_t *out_cpo_minor);

/**
 * @brief Give the matrix the shop's average customer LTV, against which the CPO is judged.
 * @param matrix The matrix.
 * @param average_ltv_minor Average LTV per customer in minor units, 0 or more.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix; ::LTV_ERANGE for a negative value.
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API int ltv_matrix_set_ltv(ltv_matrix *matrix, int64_t average_ltv_minor);

/**
 * @brief Read the average LTV.
 * @param matrix The matrix.
 * @param[out] out_ltv_minor Receives the average LTV in minor units.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND if it was not set.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_get_ltv(const ltv_matrix *matrix, int64_t *out_ltv_minor);

/**
 * @brief Forget every figure (stage figures, acquisition figures and the LTV).
 * @param matrix The matrix, or NULL (no-op).
 * @par Thread safety
 * Modifies the matrix: no concurrent use.
 */
LTV_API void ltv_matrix_clear_figures(ltv_matrix *matrix);

/**
 * @brief Fill the three existing-customer stages and the LTV from a segmentation.
 *
 * New customers go to activation, repeat and fan customers to retention, dormant customers
 * to churn prevention (customers and lifetime revenue of each state), and the
 * segmentation's average LTV (on its configured basis, rounded to the nearest minor unit)
 * becomes the LTV that the CPO is compared with. Acquisition figures are left alone: they
 * come from the user (ltv_matrix_set_acquisition()).
 * @param matrix The matrix.
 * @param seg The segmentation (segment.h); read only.
 * @return ::LTV_OK; ::LTV_EINVAL if an argument is NULL.
 * @par Thread safety
 * Modifies the matrix (no concurrent use); reads @p seg (other readers allowed).
 */
LTV_API int ltv_matrix_set_segmentation(ltv_matrix *matrix, const ltv_segmentation *seg);

/**
 * @brief Count the boxes of a stage by status.
 * @param matrix The matrix.
 * @param stage An ::ltv_stage value.
 * @param[out] out_empty Receives the empty boxes (may be NULL).
 * @param[out] out_draft Receives the draft boxes (may be NULL).
 * @param[out] out_active Receives the active boxes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix or an unknown stage.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_stage_counts(const ltv_matrix *matrix, int stage, uint32_t *out_empty, uint32_t *out_draft,
                                    uint32_t *out_active);

/**
 * @brief Whether a stage is planned: at least ::LTV_MATRIX_PLANNED_MIN of its boxes are active.
 * @param matrix The matrix.
 * @param stage An ::ltv_stage value.
 * @param[out] out_planned Receives 1 if planned, 0 if not.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown stage.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_stage_planned(const ltv_matrix *matrix, int stage, int *out_planned);

/**
 * @brief List the gaps: the boxes that are empty or only drafted, stage by stage.
 *
 * Gaps come in stage order (acquisition first) and, within a stage, in element order. With
 * both column pointers NULL and @p capacity 0, only the count is written.
 * @param matrix The matrix.
 * @param[out] out_stages Receives the stage of each gap (may be NULL).
 * @param[out] out_elements Receives the element of each gap (may be NULL).
 * @param capacity Entries each non-NULL column can hold.
 * @param[out] out_len Receives the number of gaps, 0..20.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL matrix or @p out_len; ::LTV_EBUFSIZE if
 * @p capacity is too small for a non-NULL column (the needed count is written to @p out_len).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_gaps(const ltv_matrix *matrix, int32_t *out_stages, int32_t *out_elements, size_t capacity,
                            size_t *out_len);

/**
 * @brief Weigh acquisition against the existing-customer stages.
 *
 * With A = "acquisition is planned" and E = the number of planned stages among activation,
 * retention and churn prevention: A and E = 0 → ::LTV_BALANCE_LEAKING; A and E = 1 or 2 →
 * ::LTV_BALANCE_PARTIAL; no stage planned at all → ::LTV_BALANCE_NOT_PLANNED; otherwise
 * (E = 3, or acquisition not planned while an existing-customer stage is) →
 * ::LTV_BALANCE_BALANCED.
 * @param matrix The matrix.
 * @param[out] out_verdict Receives an ::ltv_balance_verdict value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_balance(const ltv_matrix *matrix, int *out_verdict);

/**
 * @brief Judge the acquisition CPO against the average LTV.
 * @param matrix The matrix.
 * @param[out] out_verdict Receives an ::ltv_cpo_verdict value (segment.h):
 * ::LTV_CPO_PROFITABLE (CPO < LTV), ::LTV_CPO_BREAK_EVEN (CPO = LTV) or ::LTV_CPO_LEAKING
 * (CPO > LTV).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND if the CPO
 * (ltv_matrix_set_acquisition()) or the LTV (ltv_matrix_set_ltv()) is missing: the message
 * says which.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_cpo_verdict(const ltv_matrix *matrix, int *out_verdict);

/**
 * @brief The static label of a box status: "empty", "draft", "active" or 未記入, 下書き, 実施中.
 * @param status An ::ltv_box_status value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown status or language.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_matrix_box_status_label(int status, int lang);

/**
 * @brief The static explanation of a balance verdict, one or two sentences.
 * @param verdict An ::ltv_balance_verdict value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown verdict or language.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_matrix_balance_message(int verdict, int lang);

/**
 * @brief The static explanation of a CPO verdict in the matrix's terms, one or two sentences.
 * @param verdict An ::ltv_cpo_verdict value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown verdict or language.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_matrix_cpo_message(int verdict, int lang);

/**
 * @brief Print the matrix as one table, with its figures, gaps and verdicts.
 *
 * ::LTV_MATRIX_FORMAT_TEXT draws a boxed table sized for a terminal (Japanese characters
 * count two columns; long plans wrap and are cut after ::LTV_MATRIX_CELL_LINES lines);
 * ::LTV_MATRIX_FORMAT_MARKDOWN a Markdown table; both end with the gaps and verdicts unless
 * ::LTV_MATRIX_ANALYSIS is 0. ::LTV_MATRIX_FORMAT_CSV writes the grid (a header row of stage
 * labels, a figures row when there are figures, one row per element). ::LTV_MATRIX_FORMAT_JSON
 * writes the saved plan plus a `report` object with labels, figures, gaps and verdicts (it
 * loads back as a plan). Labels and messages are in @p lang.
 * @param matrix The matrix.
 * @param format An ::ltv_matrix_format value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @param[out] out_text Receives the NUL-terminated UTF-8 text, owned by the caller; release
 * it with ltv_free().
 * @param[out] out_len Receives its length in bytes without the NUL (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown format or language;
 * ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_render(const ltv_matrix *matrix, int format, int lang, char **out_text, size_t *out_len);

/**
 * @brief Save the plan (the 20 boxes) as JSON or CSV text.
 *
 * @deprecated Use ltv_matrix_to_text(), the same function under the conventional name:
 * everywhere else `*_save` writes a file (ltv_matrix_save_file(), ltv_planner_save()). This
 * name keeps working in every 1.x.
 *
 * JSON: `{"format": "ltvcrm-matrix", "version": 1, "boxes": [...]}` with one object
 * `{"stage", "element", "status", "text"}` per box. CSV: the header
 * `stage,element,status,text` and one row per box. Both list all 20 boxes in stage order and
 * use the ids `acquisition`, `activation`, `retention`, `churn_prevention`; `segment`,
 * `offer`, `creative`, `timing`, `channel`; `empty`, `draft`, `active`. Loading the text
 * gives back exactly the same boxes. Settings and figures are not saved.
 * @param matrix The matrix.
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param[out] out_text Receives the NUL-terminated text, owned by the caller; release it
 * with ltv_free().
 * @param[out] out_len Receives its length in bytes without the NUL (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a format that cannot be loaded back
 * (text, Markdown); ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_save(const ltv_matrix *matrix, int format, char **out_text, size_t *out_len);

/**
 * @brief Write the plan (the 20 boxes) as JSON or CSV text: the same as ltv_matrix_save(),
 * under the name the conventions give text (`*_to_text`; `*_save` writes a file).
 * @param matrix The matrix.
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param[out] out_text Receives the NUL-terminated text, owned by the caller; release it
 * with ltv_free().
 * @param[out] out_len Receives its length in bytes without the NUL (may be NULL).
 * @return As ltv_matrix_save().
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_matrix_to_text(const ltv_matrix *matrix, int format, char **out_text, size_t *out_len);

/**
 * @brief Save the plan to a file, as ltv_matrix_save() writes it.
 * @param matrix The matrix.
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param path The file's path; an existing file is replaced atomically: the text goes to a
 * temporary file in the same directory, flushed and renamed over it, so a failed write leaves
 * the old file whole, and a symlink at path is replaced rather than written through.
 * @return As ltv_matrix_save(), and ::LTV_EIO if the file cannot be written (the file is then
 * unchanged).
 * @par Thread safety
 * Read-only on the matrix: safe with other readers.
 */
LTV_API int ltv_matrix_save_file(const ltv_matrix *matrix, int format, const char *path);

/**
 * @brief Load a plan from JSON or CSV text into a new matrix.
 *
 * @deprecated Use ltv_matrix_from_text(), the same function under the conventional name:
 * everywhere else `*_load` reads a file. This name keeps working in every 1.x.
 *
 * Accepts what ltv_matrix_save() writes, and hand-edited files: a UTF-8 byte order mark, CRLF
 * line ends (line breaks inside a box become LF), boxes in any order, missing boxes (left
 * empty), and the English or Japanese labels in place of the ids (`Churn prevention`,
 * `既存客離脱防止`, `下書き`). In JSON, a top-level `report` object (written by
 * ltv_matrix_render()) is skipped. Every problem names its line and column (1-based, columns
 * counted in characters).
 * @param[out] out Receives the matrix (default settings, no figures); release it with
 * ltv_matrix_free(). Untouched on failure.
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param data The text (need not be NUL-terminated).
 * @param len Its length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a format that cannot be loaded;
 * ::LTV_EPARSE for malformed JSON or CSV, an unknown stage, element or status, a duplicated
 * box, a box whose text contradicts its status or holds a control character;
 * ::LTV_EFORMAT for a missing, unknown or mistyped member, a missing column, or another
 * format name or version; ::LTV_EENCODING for text that is not UTF-8;
 * ::LTV_ERANGE for a box text longer than ::LTV_MATRIX_TEXT_MAX; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_matrix_load(ltv_matrix **out, int format, const char *data, size_t len);

/**
 * @brief Read a plan from JSON or CSV text into a new matrix: the same as ltv_matrix_load(),
 * under the name the conventions give text (`*_from_text`; `*_load` reads a file).
 * @param[out] out Receives the matrix; release it with ltv_matrix_free(). Untouched on failure.
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param data The text (need not be NUL-terminated).
 * @param len Its length in bytes.
 * @return As ltv_matrix_load().
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_matrix_from_text(ltv_matrix **out, int format, const char *data, size_t len);

/**
 * @brief Load a plan from a file; otherwise as ltv_matrix_load().
 * @param[out] out Receives the matrix; release it with ltv_matrix_free().
 * @param format ::LTV_MATRIX_FORMAT_JSON or ::LTV_MATRIX_FORMAT_CSV.
 * @param path The file's path.
 * @return As ltv_matrix_load(), and ::LTV_EIO if the file cannot be read; ::LTV_ERANGE
 * if it is larger than 16 MiB (no plan is).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_matrix_load_file(ltv_matrix **out, int format, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_MATRIX_H */
