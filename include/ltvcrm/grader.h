/**
 * @file grader.h
 * @brief The CRM maturity grader: ten questions, a grade A/B/C and the one next thing to fix.
 *
 * Seed 000 is a self-diagnosis for shop owners: ten questions (Q1..Q10), each answered A
 * (best) to D (worst). Only the number of A answers counts: 9–10 give grade A, 7–8 grade B,
 * 6 or fewer grade C. The purpose is not a score but "the one point to put in order next":
 * every answer other than A becomes a next step, worst first, pointing to the box of the
 * campaign matrix (crm.h) and to the capability of this library that addresses it.
 *
 * **The questionnaire.** The questions, answers, topics, grade meanings and
 * recommendations are static UTF-8 strings in Japanese (the seed's own words) and English,
 * so that a vendor can render the questionnaire in its own product; see `docs/grader.md`.
 * Static getters return NULL for a value out of range and then set ltv_last_error().
 *
 * **Grading.** ltv_grader_grade() reads answers as text (`"AABCDAABBA"`, also lower case,
 * fullwidth letters and separators) and ltv_grader_grade_choices() as ten integers. Bad
 * input never yields a grade: the message names the position and the character.
 *
 * **With a ledger.** ltv_grade_attach_ledger() computes the shop's own figures beside Q1,
 * Q2, Q3 and Q6 (annual LTV, tenure distribution, repeat rate, customers by state).
 *
 * **Threads.** Static getters and grading may be called from any thread. A grade may be read
 * from several threads at once; ltv_grade_attach_ledger() modifies it (no concurrent use).
 */
#ifndef LTVCRM_GRADER_H
#define LTVCRM_GRADER_H

#include "common.h"
#include "crm.h"
#include "ledger.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque result of grading one set of answers. */
typedef struct ltv_grade ltv_grade;

/** Number of questions (they are numbered 1..10). */
#define LTV_GRADER_QUESTIONS 10
/** Number of answers per question (A..D, indexed 0..3). */
#define LTV_GRADER_CHOICES 4
/** Stage and element of a next step that concerns the whole matrix rather than one box (Q10). */
#define LTV_GRADER_WHOLE_MATRIX (-1)

/** The four answers to a question, best first. The values are part of the ABI. */
typedef enum ltv_answer {
    LTV_ANSWER_A = 0, /**< A: the best practice is in place. */
    LTV_ANSWER_B = 1, /**< B: partly in place. */
    LTV_ANSWER_C = 2, /**< C: thought about, not done. */
    LTV_ANSWER_D = 3  /**< D: not done. */
} ltv_answer;

/** The three grades. The values are part of the ABI. */
typedef enum ltv_maturity_grade {
    LTV_GRADE_A = 0, /**< 9–10 A answers: CRM is the core of management. */
    LTV_GRADE_B = 1, /**< 7–8 A answers: CRM works but its design is scattered. */
    LTV_GRADE_C = 2  /**< 6 or fewer A answers: CRM is not designed yet. */
} ltv_maturity_grade;

/** The library capability a next step points to. The values are part of the ABI. */
typedef enum ltv_grader_capability {
    LTV_GRADER_CAP_ANNUAL_LTV_REPORT = 0,     /**< Annual LTV report (Q1). */
    LTV_GRADER_CAP_TENURE_DISTRIBUTION = 1,   /**< Tenure distribution (Q2). */
    LTV_GRADER_CAP_FIRST_SECOND_REPORT = 2,   /**< First → second purchase report (Q3). */
    LTV_GRADER_CAP_SCENARIO_PLANNER = 3,      /**< 90-day scenario planner (Q4). */
    LTV_GRADER_CAP_PLANNER_CHANNELS = 4,      /**< Scenario planner: channels and their roles (Q5). */
    LTV_GRADER_CAP_SEGMENTATION = 5,          /**< Segmentation: lifecycle states and RFM (Q6). */
    LTV_GRADER_CAP_PLANNER_NEXT_ACTIONS = 6,  /**< Scenario planner: next desired action per stage (Q7). */
    LTV_GRADER_CAP_PLANNER_OFFERS = 7,        /**< Scenario planner: offer types (Q8). */
    LTV_GRADER_CAP_REACTIVATION_SCENARIO = 8, /**< Reactivation scenario for dormant customers (Q9). */
    LTV_GRADER_CAP_CAMPAIGN_MATRIX = 9        /**< Campaign matrix, 4 stages × 5 elements (Q10). */
} ltv_grader_capability;

/** General texts of the questionnaire, for ltv_grader_note(). The values are part of the ABI. */
typedef enum ltv_grader_note_id {
    LTV_GRADER_NOTE_TITLE = 0,   /**< The questionnaire's title. */
    LTV_GRADER_NOTE_RULE = 1,    /**< How answers are graded (from seed 000). */
    LTV_GRADER_NOTE_PURPOSE = 2  /**< What the grading aims at (from seed 000). */
} ltv_grader_note_id;

/**
 * @brief The shop's own figures, computed by ltv_grade_attach_ledger().
 *
 * Read them with ltv_grade_figure(). Money is in the ledger's minor units. The values are
 * part of the ABI; new figures get new values.
 */
typedef enum ltv_grade_figure_id {
    LTV_GRADE_FIG_AS_OF_DAY = 0,         /**< The as-of day the figures were computed for. */
    LTV_GRADE_FIG_CUSTOMERS = 1,         /**< Customers with at least one order before the as-of day. */
    LTV_GRADE_FIG_REPEAT_CUSTOMERS = 2,  /**< Of those, customers with two or more orders (Q3). */
    LTV_GRADE_FIG_FIRST_BUYERS_90 = 3,   /**< Customers whose first order is more than 90 days old (Q3). */
    LTV_GRADE_FIG_SECOND_WITHIN_90 = 4,  /**< Of those, customers whose second order came within 90 days (Q3). */
    LTV_GRADE_FIG_TENURE_0_99 = 5,       /**< Customers with a tenure of 0–99 days (Q2). */
    LTV_GRADE_FIG_TENURE_100_199 = 6,    /**< Customers with a tenure of 100–199 days (Q2). */
    LTV_GRADE_FIG_TENURE_200_299 = 7,    /**< Customers with a tenure of 200–299 days (Q2). */
    LTV_GRADE_FIG_TENURE_300_365 = 8,    /**< Customers with a tenure of 300–365 days (Q2). */
    LTV_GRADE_FIG_TENURE_OVER_365 = 9,   /**< Customers with a tenure of more than 365 days (Q2). */
    LTV_GRADE_FIG_YEAR_CUSTOMERS = 10,   /**< Customers with an order in the trailing year (Q1). */
    LTV_GRADE_FIG_YEAR_AMOUNT = 11,      /**< Their trailing-year amount, orders minus refunds (Q1). */
    LTV_GRADE_FIG_ANNUAL_LTV = 12,       /**< Average annual LTV: amount / customers, rounded half away from 0 (Q1). */
    LTV_GRADE_FIG_STATE_NEW = 13,        /**< Customers in state new: one order, not dormant (Q6). */
    LTV_GRADE_FIG_STATE_REPEAT = 14,     /**< Customers in state repeat: 2+ orders, not dormant, not fan (Q6). */
    LTV_GRADE_FIG_STATE_FAN = 15,        /**< Customers in state fan: 5+ orders, tenure ≥ 365 days, not dormant (Q6). */
    LTV_GRADE_FIG_STATE_DORMANT = 16     /**< Customers in state dormant: last order more than 180 days ago (Q6). */
} ltv_grade_figure_id;

/* ---- the questionnaire (static texts) ---------------------------------------------------- */

/**
 * @brief The text of a question, such as "Is there a designed CRM scenario for the 90 days
 * after a purchase?".
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA (the seed's words).
 * @return A static UTF-8 string; NULL for a question out of range (::LTV_ERANGE) or an
 * unknown language (::LTV_EINVAL), with ltv_last_error() naming the value.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_question(int32_t question, int lang);

/**
 * @brief A short title of a question's topic, such as "90-day scenario".
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a question out of range (::LTV_ERANGE) or an
 * unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_topic(int32_t question, int lang);

/**
 * @brief The text of one answer, without its letter, such as "Only one-off follow-ups".
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param choice An ::ltv_answer value, 0 (A) .. 3 (D).
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA (the seed's words).
 * @return A static UTF-8 string; NULL for a question or choice out of range (::LTV_ERANGE)
 * or an unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_answer(int32_t question, int32_t choice, int lang);

/**
 * @brief A general text of the questionnaire: its title, the grading rule or its purpose.
 * @param note An ::ltv_grader_note_id value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown note or language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_note(int note, int lang);

/**
 * @brief The heading of a grade, such as "Grade B: 8 to 7 A answers" (【B評価】Aが 8〜7個 の方).
 * @param grade An ::ltv_maturity_grade value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown grade or language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_grade_title(int grade, int lang);

/**
 * @brief The meaning of a grade in one sentence, such as "CRM is starting to work, but its
 * design is scattered. This is the phase with the most room to grow."
 * @param grade An ::ltv_maturity_grade value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown grade or language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_grade_summary(int grade, int lang);

/**
 * @brief The full explanation of a grade from seed 000 (several lines separated by "\n",
 * paragraphs by an empty line).
 * @param grade An ::ltv_maturity_grade value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA (the seed's words and line breaks).
 * @return A static UTF-8 string; NULL for an unknown grade or language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_grade_explanation(int grade, int lang);

/**
 * @brief Where a question's weak answer is fixed: a box of the campaign matrix and a
 * capability of this library.
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param[out] out_stage Receives an ::ltv_stage value, or ::LTV_GRADER_WHOLE_MATRIX for Q10
 * (may be NULL).
 * @param[out] out_element Receives an ::ltv_element value, or ::LTV_GRADER_WHOLE_MATRIX for
 * Q10 (may be NULL).
 * @param[out] out_capability Receives an ::ltv_grader_capability value (may be NULL).
 * @return ::LTV_OK; ::LTV_ERANGE for a question out of range.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_grader_target(int32_t question, int32_t *out_stage, int32_t *out_element, int32_t *out_capability);

/**
 * @brief What to do about a question whose answer is not A, naming the capability to use.
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a question out of range (::LTV_ERANGE) or an
 * unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_recommendation(int32_t question, int lang);

/**
 * @brief The name of a capability, such as "Tenure distribution" (在籍期間分布).
 * @param capability An ::ltv_grader_capability value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for an unknown capability or language (::LTV_EINVAL).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_grader_capability_label(int capability, int lang);

/* ---- grading ------------------------------------------------------------------------------ */

/**
 * @brief Read one answer letter, as typed at a prompt ("b", " C ", "Ｄ").
 *
 * Accepts exactly one letter A–D in either case, ASCII or fullwidth (Ａ–Ｄ, ａ–ｄ), with
 * optional separators around it (see ltv_grader_grade()).
 * @param text The text, UTF-8; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param[out] out_choice Receives the ::ltv_answer value.
 * @return ::LTV_OK; ::LTV_EINVAL if @p text or @p out_choice is NULL or the text holds no
 * letter; ::LTV_EENCODING if it is not UTF-8; ::LTV_EPARSE if it holds anything else or
 * more than one letter (the message names the position and the character).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_grader_parse_choice(const char *text, size_t len, int32_t *out_choice);

/**
 * @brief Grade ten answers written as text, such as "AABCDAABBA".
 *
 * The text holds exactly ten letters A–D, the answers to Q1..Q10 in order. Letters may be
 * upper or lower case, ASCII or fullwidth (Ａ–Ｄ, ａ–ｄ, as a Japanese input method types
 * them). Separators between and around them are ignored: ASCII space, tab, CR, LF and
 * comma, the ideographic space (U+3000) and the Japanese commas 、 and ，. So
 * "A, A, B, C, D, A, A, B, B, A" and "aabcd aabba" are the same answers. Anything else is
 * an error; positions in messages count characters from 1.
 * @param[out] out Receives the grade; release it with ltv_grade_free(). Set to NULL on failure.
 * @param answers The text, UTF-8; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL if @p out or @p answers is NULL or @p len is 0;
 * ::LTV_EENCODING if the text is not UTF-8 (the message names the byte offset);
 * ::LTV_EPARSE for a character that is not an answer or a separator, fewer than ten or more
 * than ten answers (the message names the position, the character and the question);
 * ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_grader_grade(ltv_grade **out, const char *answers, size_t len);

/**
 * @brief Grade ten answers given as numbers, 0 (A) .. 3 (D).
 * @param[out] out Receives the grade; release it with ltv_grade_free(). Set to NULL on failure.
 * @param choices The ::ltv_answer values of Q1..Q10.
 * @param count The number of values; must be ::LTV_GRADER_QUESTIONS.
 * @return ::LTV_OK; ::LTV_EINVAL if @p out or @p choices is NULL or @p count is not 10;
 * ::LTV_ERANGE for a value outside 0..3 (the message names the question and the value);
 * ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_grader_grade_choices(ltv_grade **out, const int32_t *choices, size_t count);

/**
 * @brief Release a grade and the figures attached to it.
 * @param grade The grade, or NULL (no-op). Borrowed strings from it become invalid.
 * @par Thread safety
 * No other thread may use the grade during or after the call.
 */
LTV_API void ltv_grade_free(ltv_grade *grade);

/**
 * @brief The grade.
 * @param grade The grade.
 * @return An ::ltv_maturity_grade value; ::LTV_EINVAL if @p grade is NULL.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_grade_level(const ltv_grade *grade);

/**
 * @brief The grade as a letter.
 * @param grade The grade.
 * @return The static string "A", "B" or "C"; NULL if @p grade is NULL (::LTV_EINVAL).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_letter(const ltv_grade *grade);

/**
 * @brief The number of A answers, which alone decides the grade.
 * @param grade The grade.
 * @return 0..10; ::LTV_EINVAL if @p grade is NULL.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int32_t ltv_grade_a_count(const ltv_grade *grade);

/**
 * @brief The answer given to one question.
 * @param grade The grade.
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @return An ::ltv_answer value; ::LTV_EINVAL if @p grade is NULL; ::LTV_ERANGE for a
 * question out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int32_t ltv_grade_answer(const ltv_grade *grade, int32_t question);

/**
 * @brief All ten answers as upper-case ASCII letters, such as "AABCDAABBA".
 * @param grade The grade.
 * @return A NUL-terminated string of 10 letters owned by the grade, valid while it lives;
 * NULL if @p grade is NULL (::LTV_EINVAL).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_answers(const ltv_grade *grade);

/**
 * @brief The grade's heading: ltv_grader_grade_title() of its level.
 * @param grade The grade.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a NULL grade or an unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_title(const ltv_grade *grade, int lang);

/**
 * @brief The grade's meaning in one sentence: ltv_grader_grade_summary() of its level.
 * @param grade The grade.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a NULL grade or an unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_summary(const ltv_grade *grade, int lang);

/**
 * @brief The grade's full explanation: ltv_grader_grade_explanation() of its level.
 * @param grade The grade.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a NULL grade or an unknown language (::LTV_EINVAL).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_explanation(const ltv_grade *grade, int lang);

/* ---- next steps ---------------------------------------------------------------------------- */

/**
 * @brief The number of next steps: one per answer that is not A.
 *
 * Steps are ordered worst first: every D, then every C, then every B; answers of the same
 * letter in question order. Step 0 is "the one next thing to fix".
 * @param grade The grade, or NULL (returns 0).
 * @return 0..10.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_grade_step_count(const ltv_grade *grade);

/**
 * @brief One next step: the question, its answer, the matrix box and the capability.
 * @param grade The grade.
 * @param index 0..ltv_grade_step_count() − 1, worst first.
 * @param[out] out_question Receives the question, 1..10 (may be NULL).
 * @param[out] out_answer Receives the ::ltv_answer given, B..D (may be NULL).
 * @param[out] out_stage Receives an ::ltv_stage value, or ::LTV_GRADER_WHOLE_MATRIX (may be NULL).
 * @param[out] out_element Receives an ::ltv_element value, or ::LTV_GRADER_WHOLE_MATRIX (may be NULL).
 * @param[out] out_capability Receives an ::ltv_grader_capability value (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p grade is NULL; ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_grade_step(const ltv_grade *grade, size_t index, int32_t *out_question, int32_t *out_answer,
                           int32_t *out_stage, int32_t *out_element, int32_t *out_capability);

/**
 * @brief The recommendation of one next step: ltv_grader_recommendation() of its question.
 * @param grade The grade.
 * @param index 0..ltv_grade_step_count() − 1.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; NULL for a NULL grade or an unknown language (::LTV_EINVAL)
 * or an index out of range (::LTV_ERANGE).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_grade_step_text(const ltv_grade *grade, size_t index, int lang);

/* ---- the shop's own figures ----------------------------------------------------------------- */

/**
 * @brief Compute the shop's own figures beside the questions from a ledger.
 *
 * Reads every customer's facts as of @p as_of_day (events before that day count) and
 * computes, with fixed thresholds:
 * - Q1: the average annual LTV, the trailing-year amount [A − 365, A) per customer with an
 *   order in the trailing year;
 * - Q2: the tenure distribution (last order − first order) in bins 0–99, 100–199, 200–299,
 *   300–365 and more than 365 days;
 * - Q3: the repeat rate (customers with 2+ orders / customers) and, among customers whose
 *   first order is more than 90 days before the as-of day (so that their 90 days are
 *   complete), the share whose second order came at most 90 days after the first;
 * - Q6: customers by state: dormant (last order more than 180 days ago), new (one order),
 *   fan (5+ orders and a tenure of at least 365 days), otherwise repeat.
 *
 * Customers without an order before the as-of day are not counted. The segmentation module
 * computes states with thresholds the user sets; these figures are a first look. Attaching
 * again replaces the figures.
 * @param grade The grade that receives the figures.
 * @param ledger The ledger (only read).
 * @param as_of_day The as-of day A, a day number (date.h).
 * @param decimals Decimals of the ledger's money (0 for yen, 2 for cents), 0..6: used
 * only to write amounts in the text lines.
 * @return ::LTV_OK; ::LTV_EINVAL if @p grade or @p ledger is NULL; ::LTV_ERANGE for
 * @p decimals outside 0..6 or an as-of day the ledger rejects; ::LTV_EOVERFLOW if the
 * trailing-year amount does not fit in 64 bits; ::LTV_ENOMEM. On failure the grade keeps
 * the figures it had.
 * @par Thread safety
 * Modifies the grade (no concurrent use of it); reads the ledger (other readers allowed).
 */
LTV_API int ltv_grade_attach_ledger(ltv_grade *grade, const ltv_ledger *ledger, int32_t as_of_day,
                                    int32_t decimals);

/**
 * @brief Compute the shop's own figures with the caller's segmentation thresholds.
 *
 * As ltv_grade_attach_ledger(), except that Q6's states follow the lifecycle rules of the
 * segmentation (segment.h) with the thresholds of @p cfg: its dormant days, fan orders and
 * tenure, its cancel rule and its membership activity (::LTV_SEG_ACTIVITY). The figures then
 * agree customer by customer with ltv_segment_run() and the planner given the same settings.
 * @param grade The grade that receives the figures.
 * @param ledger The ledger (only read).
 * @param as_of_day The as-of day A, a day number (date.h).
 * @param decimals Decimals of the ledger's money, 0..6 (for the text lines only).
 * @param cfg Segmentation settings, or NULL for their defaults (not those of
 * ltv_grade_attach_ledger(): the defaults count a cancel as dormant and, when the ledger has
 * visits, visits as activity).
 * @return As ltv_grade_attach_ledger().
 * @par Thread safety
 * Modifies the grade (no concurrent use of it); reads the ledger and the settings (other
 * readers allowed).
 * @since 1.1
 */
LTV_API int ltv_grade_attach_ledger_v2(ltv_grade *grade, const ltv_ledger *ledger, int32_t as_of_day,
                                       int32_t decimals, const ltv_segment_config *cfg);

/**
 * @brief One of the shop's figures as a number.
 * @param grade The grade.
 * @param figure An ::ltv_grade_figure_id value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown figure; ::LTV_ESTATE if
 * no ledger is attached.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_grade_figure(const ltv_grade *grade, int figure, int64_t *out_value);

/**
 * @brief The shop's figure beside a question, as one line of text.
 *
 * For example, Q3 in English: "Repeat rate: 30.0% (3 of 10 customers have 2+ orders). Second
 * purchase within 90 days: 25.0% (2 of 8 customers whose first order is over 90 days old)."
 * Rates of an empty group are written "n/a" (ja: "—").
 * @param grade The grade.
 * @param question 1..::LTV_GRADER_QUESTIONS.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @param[out] out_line Receives a UTF-8 string owned by the grade, valid until it is freed
 * or a ledger is attached again.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown language; ::LTV_ERANGE for
 * a question out of range; ::LTV_ESTATE if no ledger is attached; ::LTV_ENOTFOUND for a
 * question without a figure (all but Q1, Q2, Q3 and Q6).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_grade_figure_line(const ltv_grade *grade, int32_t question, int lang, const char **out_line);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_GRADER_H */
