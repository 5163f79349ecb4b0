/* Grading: the number of A answers decides the grade; every other answer becomes a next step,
 * worst first, so that step 0 is "the one point to put in order next" of seed 000. */
#include "grader_internal.h"

/* Seed 000: 10–9 A answers → A, 8–7 → B, 6 or fewer → C. */
static int32_t level_for(int32_t a_count) {
    if (a_count >= 9) return LTV_GRADE_A;
    if (a_count >= 7) return LTV_GRADE_B;
    return LTV_GRADE_C;
}

static int build(ltv_grade **out, const int32_t choices[LTV_GRADER_QUESTIONS]) {
    ltv_grade *grade = ltv__calloc(1, sizeof *grade);
    if (!grade) return ltv__fail(LTV_ENOMEM, "ltv_grader_grade: out of memory for the grade");
    for (int32_t q = 0; q < LTV_GRADER_QUESTIONS; q++) {
        grade->choices[q] = choices[q];
        grade->letters[q] = (char)('A' + choices[q]);
        if (choices[q] == LTV_ANSWER_A) grade->a_count++;
    }
    grade->letters[LTV_GRADER_QUESTIONS] = '\0';
    grade->level = level_for(grade->a_count);
    /* D first, then C, then B; within a letter, question order. */
    for (int32_t answer = LTV_ANSWER_D; answer > LTV_ANSWER_A; answer--)
        for (int32_t q = 0; q < LTV_GRADER_QUESTIONS; q++)
            if (choices[q] == answer) grade->step_questions[grade->step_count++] = q + 1;
    *out = grade;
    return LTV_OK;
}

int ltv_grader_grade(ltv_grade **out, const char *answers, size_t len) {
    LTV_REQUIRE(out, "ltv_grader_grade");
    *out = NULL;
    LTV_REQUIRE(answers, "ltv_grader_grade");
    int32_t choices[LTV_GRADER_QUESTIONS];
    int status = ltv__grader_parse(answers, len, choices);
    if (status != LTV_OK) return status;
    return build(out, choices);
}

int ltv_grader_grade_choices(ltv_grade **out, const int32_t *choices, size_t count) {
    LTV_REQUIRE(out, "ltv_grader_grade_choices");
    *out = NULL;
    LTV_REQUIRE(choices, "ltv_grader_grade_choices");
    if (count != LTV_GRADER_QUESTIONS)
        return ltv__fail(LTV_EINVAL, "ltv_grader_grade_choices: count is %zu; exactly %d answers are needed (Q1..Q%d)",
                         count, LTV_GRADER_QUESTIONS, LTV_GRADER_QUESTIONS);
    for (size_t q = 0; q < count; q++)
        if (choices[q] < LTV_ANSWER_A || choices[q] > LTV_ANSWER_D)
            return ltv__fail(LTV_ERANGE, "ltv_grader_grade_choices: choices[%zu] (Q%zu) is %d, outside 0..3 (A..D)", q,
                             q + 1, (int)choices[q]);
    return build(out, choices);
}

void ltv_grade_free(ltv_grade *grade) {
    if (!grade) return;
    for (int q = 0; q < LTV_GRADER_QUESTIONS; q++) {
        ltv__free(grade->lines[q][LTV_LANG_EN]);
        ltv__free(grade->lines[q][LTV_LANG_JA]);
    }
    ltv__free(grade);
}

int ltv_grade_level(const ltv_grade *grade) {
    LTV_REQUIRE(grade, "ltv_grade_level");
    return grade->level;
}

const char *ltv_grade_letter(const ltv_grade *grade) {
    static const char *const letters[LTV_GRADER_GRADE_COUNT] = {"A", "B", "C"};
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_letter: grade is NULL");
        return NULL;
    }
    return letters[grade->level];
}

int32_t ltv_grade_a_count(const ltv_grade *grade) {
    LTV_REQUIRE(grade, "ltv_grade_a_count");
    return grade->a_count;
}

int32_t ltv_grade_answer(const ltv_grade *grade, int32_t question) {
    LTV_REQUIRE(grade, "ltv_grade_answer");
    if (question < 1 || question > LTV_GRADER_QUESTIONS)
        return ltv__fail(LTV_ERANGE, "ltv_grade_answer: question %d is out of range 1..%d", (int)question,
                         LTV_GRADER_QUESTIONS);
    return grade->choices[question - 1];
}

const char *ltv_grade_answers(const ltv_grade *grade) {
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_answers: grade is NULL");
        return NULL;
    }
    return grade->letters;
}

const char *ltv_grade_title(const ltv_grade *grade, int lang) {
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_title: grade is NULL");
        return NULL;
    }
    if (!ltv__grader_lang_ok("ltv_grade_title", lang)) return NULL;
    return ltv_grader_grade_title(grade->level, lang);
}

const char *ltv_grade_summary(const ltv_grade *grade, int lang) {
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_summary: grade is NULL");
        return NULL;
    }
    if (!ltv__grader_lang_ok("ltv_grade_summary", lang)) return NULL;
    return ltv_grader_grade_summary(grade->level, lang);
}

const char *ltv_grade_explanation(const ltv_grade *grade, int lang) {
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_explanation: grade is NULL");
        return NULL;
    }
    if (!ltv__grader_lang_ok("ltv_grade_explanation", lang)) return NULL;
    return ltv_grader_grade_explanation(grade->level, lang);
}

size_t ltv_grade_step_count(const ltv_grade *grade) { return grade ? grade->step_count : 0; }

int ltv_grade_step(const ltv_grade *grade, size_t index, int32_t *out_question, int32_t *out_answer,
                   int32_t *out_stage, int32_t *out_element, int32_t *out_capability) {
    LTV_REQUIRE(grade, "ltv_grade_step");
    if (index >= grade->step_count)
        return ltv__fail(LTV_ERANGE, "ltv_grade_step: index %zu is out of range (this grade has %zu steps)", index,
                         grade->step_count);
    int32_t question = grade->step_questions[index];
    if (out_question) *out_question = question;
    if (out_answer) *out_answer = grade->choices[question - 1];
    return ltv_grader_target(question, out_stage, out_element, out_capability);
}

const char *ltv_grade_step_text(const ltv_grade *grade, size_t index, int lang) {
    if (!grade) {
        ltv__fail(LTV_EINVAL, "ltv_grade_step_text: grade is NULL");
        return NULL;
    }
    if (index >= grade->step_count) {
        ltv__fail(LTV_ERANGE, "ltv_grade_step_text: index %zu is out of range (this grade has %zu steps)", index,
                  grade->step_count);
        return NULL;
    }
    return ltv_grader_recommendation(grade->step_questions[index], lang);
}
