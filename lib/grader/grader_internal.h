/*
 * The grader's shared internals: the result handle and the lookups between the texts table
 * (grader_texts.c), grading (grader_grade.c) and the ledger figures (grader_ledger.c).
 * Nothing here is exported.
 */
#ifndef LTVCRM_GRADER_INTERNAL_H
#define LTVCRM_GRADER_INTERNAL_H

#include "ltvcrm/grader.h"

#include "internal.h"

#define LTV_GRADER_CAPABILITY_COUNT 10
#define LTV_GRADER_GRADE_COUNT 3
#define LTV_GRADER_NOTE_COUNT 3
/* One past the last ltv_grade_figure_id value. */
#define LTV_GRADE_FIGURE_COUNT 17

/* A question's matrix box and capability. */
typedef struct ltv__grader_target {
    int32_t stage;
    int32_t element;
    int32_t capability;
} ltv__grader_target;

struct ltv_grade {
    int32_t choices[LTV_GRADER_QUESTIONS]; /* ltv_answer per question, Q1 first */
    char letters[LTV_GRADER_QUESTIONS + 1]; /* the same as "AABCDAABBA" */
    int32_t a_count;
    int32_t level;                                /* ltv_maturity_grade */
    size_t step_count;
    int32_t step_questions[LTV_GRADER_QUESTIONS]; /* 1-based, worst answer first */

    /* Filled by ltv_grade_attach_ledger(). */
    bool has_figures;
    int64_t figures[LTV_GRADE_FIGURE_COUNT];
    char *lines[LTV_GRADER_QUESTIONS][2]; /* [question - 1][lang]; NULL if no figure */
};

/* Check a language argument; on failure set the error (naming func) and return false. */
bool ltv__grader_lang_ok(const char *func, int lang);

/* Read exactly ten answers from text (see ltv_grader_grade()); sets the error on failure. */
int ltv__grader_parse(const char *text, size_t len, int32_t choices[LTV_GRADER_QUESTIONS]);

/* Store figures (indexed by ltv_grade_figure_id) and write their text lines, amounts with
 * `decimals` decimals. All or nothing: on failure the grade keeps what it had. */
int ltv__grade_set_figures(ltv_grade *grade, const int64_t figures[LTV_GRADE_FIGURE_COUNT], int32_t decimals);

/* The box and capability of a question 1..10 (not checked). */
const ltv__grader_target *ltv__grader_target_of(int32_t question);

#endif /* LTVCRM_GRADER_INTERNAL_H */
