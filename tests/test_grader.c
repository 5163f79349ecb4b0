/* The CRM maturity grader: questionnaire texts, grading, next steps, input errors, figures. */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "grader_internal.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static ltv_grade *grade_text(const char *answers) {
    ltv_grade *grade = NULL;
    int status = ltv_grader_grade(&grade, answers, strlen(answers));
    cr_assert_eq(status, LTV_OK, "grading '%s' failed: %s", answers, ltv_last_error());
    cr_assert_not_null(grade);
    return grade;
}

/* A grading that must fail with `status` and a message containing each of the `parts`. */
static void expect_grade_error(const char *answers, size_t len, int status, const char *const *parts) {
    ltv_grade *grade = (ltv_grade *)0x1;
    ltv_clear_error();
    int got = ltv_grader_grade(&grade, answers, len);
    cr_assert_eq(got, status, "'%s': got %s (%s), expected %s", answers ? answers : "(NULL)", ltv_status_name(got),
                 ltv_last_error(), ltv_status_name(status));
    cr_assert_null(grade, "no grade may be returned on failure");
    cr_assert_eq(ltv_last_status(), status);
    for (; *parts; parts++)
        cr_assert_not_null(strstr(ltv_last_error(), *parts), "message '%s' lacks '%s'", ltv_last_error(), *parts);
}

static bool utf8_ok(const char *text) { return text && ltv__utf8_valid(text, strlen(text), NULL); }

static bool has_non_ascii(const char *text) {
    for (; *text; text++)
        if ((unsigned char)*text >= 0x80) return true;
    return false;
}

/* Check a static label: present in both languages, non-empty, valid UTF-8, Japanese differs. */
static void check_pair(const char *en, const char *ja, const char *what) {
    cr_assert(utf8_ok(en) && en[0], "%s: English missing or not UTF-8", what);
    cr_assert(utf8_ok(ja) && ja[0], "%s: Japanese missing or not UTF-8", what);
    cr_assert(has_non_ascii(ja), "%s: Japanese text '%s' has no Japanese characters", what, ja);
    cr_assert_str_neq(en, ja, "%s: both languages are the same", what);
}

/* ---- campaign matrix labels (crm.h, shared with the matrix module) ------------------------- */

Test(crm, labels_the_grader_prints) {
    /* The CLI writes each next step's box with these; every box a question points to has both. */
    for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
        int32_t stage, element;
        cr_assert_eq(ltv_grader_target(q, &stage, &element, NULL), LTV_OK);
        if (stage == LTV_GRADER_WHOLE_MATRIX) continue;
        check_pair(ltv_stage_label(stage, LTV_LANG_EN), ltv_stage_label(stage, LTV_LANG_JA), "stage");
        check_pair(ltv_element_label(element, LTV_LANG_EN), ltv_element_label(element, LTV_LANG_JA), "element");
    }
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_CHURN_PREVENTION, LTV_LANG_JA), "既存客離脱防止");
    cr_assert_str_eq(ltv_element_label(LTV_ELEMENT_TIMING, LTV_LANG_EN), "Timing");
}

/* ---- the questionnaire ------------------------------------------------------------------------ */

Test(grader_texts, every_text_in_both_languages) {
    for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
        check_pair(ltv_grader_question(q, LTV_LANG_EN), ltv_grader_question(q, LTV_LANG_JA), "question");
        check_pair(ltv_grader_topic(q, LTV_LANG_EN), ltv_grader_topic(q, LTV_LANG_JA), "topic");
        check_pair(ltv_grader_recommendation(q, LTV_LANG_EN), ltv_grader_recommendation(q, LTV_LANG_JA),
                   "recommendation");
        for (int32_t c = 0; c < LTV_GRADER_CHOICES; c++)
            check_pair(ltv_grader_answer(q, c, LTV_LANG_EN), ltv_grader_answer(q, c, LTV_LANG_JA), "answer");
        /* Questions end with the seed's question mark; no stray line break from the web page. */
        const char *ja = ltv_grader_question(q, LTV_LANG_JA);
        cr_assert_eq(ja[strlen(ja) - 1], '?', "Q%d", q);
        cr_assert_null(strchr(ja, '\n'), "Q%d", q);
        cr_assert_eq(ltv_grader_question(q, LTV_LANG_EN)[strlen(ltv_grader_question(q, LTV_LANG_EN)) - 1], '?');
    }
    for (int g = 0; g < 3; g++) {
        check_pair(ltv_grader_grade_title(g, LTV_LANG_EN), ltv_grader_grade_title(g, LTV_LANG_JA), "title");
        check_pair(ltv_grader_grade_summary(g, LTV_LANG_EN), ltv_grader_grade_summary(g, LTV_LANG_JA), "summary");
        check_pair(ltv_grader_grade_explanation(g, LTV_LANG_EN), ltv_grader_grade_explanation(g, LTV_LANG_JA),
                   "explanation");
    }
    for (int c = 0; c < 10; c++)
        check_pair(ltv_grader_capability_label(c, LTV_LANG_EN), ltv_grader_capability_label(c, LTV_LANG_JA),
                   "capability");
    for (int n = 0; n < 3; n++) check_pair(ltv_grader_note(n, LTV_LANG_EN), ltv_grader_note(n, LTV_LANG_JA), "note");
}

Test(grader_texts, japanese_is_the_seed_verbatim) {
    cr_assert_str_eq(ltv_grader_question(1, LTV_LANG_JA),
                     "あなたの会社の事業では、売上ではなく顧客一人ひとりの年間LTVを基準に、意思決定をしていますか?");
    cr_assert_str_eq(ltv_grader_question(4, LTV_LANG_JA), "購入後90日間におけるCRMシナリオは設計されていますか?");
    cr_assert_str_eq(ltv_grader_question(6, LTV_LANG_JA),
                     "顧客をRFMや行動履歴によって状態別(新規・リピート・ファン・休眠)に分類していますか?");
    cr_assert_str_eq(ltv_grader_answer(1, LTV_ANSWER_A, LTV_LANG_JA), "LTVが最優先KPIで、施策判断の軸になっている");
    cr_assert_str_eq(ltv_grader_answer(5, LTV_ANSWER_C, LTV_LANG_JA), "ほぼ1媒体のみ");
    cr_assert_str_eq(ltv_grader_answer(10, LTV_ANSWER_D, LTV_LANG_JA), "正直、よく分かっていない");
    cr_assert_str_eq(ltv_grader_grade_title(LTV_GRADE_B, LTV_LANG_JA), "【B評価】Aが 8〜7個 の方");
    cr_assert_str_eq(ltv_grader_grade_title(LTV_GRADE_C, LTV_LANG_JA), "【C評価】Aが 6個以下 の方");
    const char *a = ltv_grader_grade_explanation(LTV_GRADE_A, LTV_LANG_JA);
    cr_assert(!strncmp(a, "この評価に該当する方は、CRMを単なる施策やツールではなく、\n", strlen("この評価に該当する方は、CRMを単なる施策やツールではなく、\n")));
    cr_assert_not_null(strstr(a, "次のテーマは、紹介・共創・コミュニティ化によるレバレッジです。"));
    cr_assert_not_null(strstr(ltv_grader_grade_explanation(LTV_GRADE_C, LTV_LANG_JA),
                              "顧客との関係性を設計するCRMの土台づくりです。"));
    cr_assert_str_eq(ltv_grader_answer(4, LTV_ANSWER_C, LTV_LANG_EN), "Only one-off follow-ups");
}

Test(grader_texts, out_of_range_returns_null_and_names_the_value) {
    cr_assert_null(ltv_grader_question(0, LTV_LANG_EN));
    cr_assert_eq(ltv_last_status(), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "question 0 is out of range 1..10"));
    cr_assert_null(ltv_grader_topic(11, LTV_LANG_JA));
    cr_assert_not_null(strstr(ltv_last_error(), "question 11"));
    cr_assert_null(ltv_grader_answer(3, 4, LTV_LANG_EN));
    cr_assert_eq(ltv_last_status(), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "choice 4 is out of range 0..3"));
    cr_assert_null(ltv_grader_answer(3, -1, LTV_LANG_EN));
    cr_assert_null(ltv_grader_question(1, 2));
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "lang 2"));
    cr_assert_null(ltv_grader_grade_title(3, LTV_LANG_EN));
    cr_assert_not_null(strstr(ltv_last_error(), "grade 3 is out of range 0..2"));
    cr_assert_null(ltv_grader_grade_summary(-1, LTV_LANG_EN));
    cr_assert_null(ltv_grader_grade_explanation(0, -1));
    cr_assert_null(ltv_grader_capability_label(10, LTV_LANG_EN));
    cr_assert_not_null(strstr(ltv_last_error(), "capability 10"));
    cr_assert_null(ltv_grader_note(3, LTV_LANG_JA));
    cr_assert_null(ltv_grader_recommendation(11, LTV_LANG_JA));
    cr_assert_eq(ltv_grader_target(0, NULL, NULL, NULL), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "question 0"));
}

Test(grader_texts, targets_point_to_boxes_and_capabilities) {
    /* question, stage, element, capability: the table of docs/grader.md */
    const int32_t expected[10][4] = {
        {1, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, LTV_GRADER_CAP_ANNUAL_LTV_REPORT},
        {2, LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_TIMING, LTV_GRADER_CAP_TENURE_DISTRIBUTION},
        {3, LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, LTV_GRADER_CAP_FIRST_SECOND_REPORT},
        {4, LTV_STAGE_ACTIVATION, LTV_ELEMENT_CREATIVE, LTV_GRADER_CAP_SCENARIO_PLANNER},
        {5, LTV_STAGE_RETENTION, LTV_ELEMENT_CHANNEL, LTV_GRADER_CAP_PLANNER_CHANNELS},
        {6, LTV_STAGE_RETENTION, LTV_ELEMENT_SEGMENT, LTV_GRADER_CAP_SEGMENTATION},
        {7, LTV_STAGE_RETENTION, LTV_ELEMENT_CREATIVE, LTV_GRADER_CAP_PLANNER_NEXT_ACTIONS},
        {8, LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, LTV_GRADER_CAP_PLANNER_OFFERS},
        {9, LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_SEGMENT, LTV_GRADER_CAP_REACTIVATION_SCENARIO},
        {10, LTV_GRADER_WHOLE_MATRIX, LTV_GRADER_WHOLE_MATRIX, LTV_GRADER_CAP_CAMPAIGN_MATRIX},
    };
    for (int i = 0; i < 10; i++) {
        int32_t stage = 99, element = 99, capability = 99;
        cr_assert_eq(ltv_grader_target(expected[i][0], &stage, &element, &capability), LTV_OK);
        cr_assert_eq(stage, expected[i][1], "Q%d stage", expected[i][0]);
        cr_assert_eq(element, expected[i][2], "Q%d element", expected[i][0]);
        cr_assert_eq(capability, expected[i][3], "Q%d capability", expected[i][0]);
    }
    cr_assert_eq(ltv_grader_target(5, NULL, NULL, NULL), LTV_OK);
}

/* ---- grading ---------------------------------------------------------------------------------- */

Test(grader, all_eleven_boundaries) {
    /* k A answers, the rest a rotation of B, C, D: only the count of A decides. */
    const int expected_level[11] = {LTV_GRADE_C, LTV_GRADE_C, LTV_GRADE_C, LTV_GRADE_C, LTV_GRADE_C, LTV_GRADE_C,
                                    LTV_GRADE_C, LTV_GRADE_B, LTV_GRADE_B, LTV_GRADE_A, LTV_GRADE_A};
    const char *expected_letter[11] = {"C", "C", "C", "C", "C", "C", "C", "B", "B", "A", "A"};
    for (int k = 0; k <= 10; k++) {
        char answers[11];
        for (int q = 0; q < 10; q++) answers[q] = q < k ? 'A' : (char)('B' + q % 3);
        answers[10] = '\0';
        ltv_grade *grade = grade_text(answers);
        cr_assert_eq(ltv_grade_a_count(grade), k, "%s", answers);
        cr_assert_eq(ltv_grade_level(grade), expected_level[k], "%s: %d A answers", answers, k);
        cr_assert_str_eq(ltv_grade_letter(grade), expected_letter[k]);
        cr_assert_eq(ltv_grade_step_count(grade), (size_t)(10 - k));
        cr_assert_str_eq(ltv_grade_title(grade, LTV_LANG_JA), ltv_grader_grade_title(expected_level[k], LTV_LANG_JA));
        ltv_grade_free(grade);
    }
}

Test(grader, where_the_a_answers_are_does_not_matter) {
    ltv_grade *first = grade_text("DDDAAAAAAA");
    ltv_grade *last = grade_text("AAAAAAADDD");
    cr_assert_eq(ltv_grade_level(first), LTV_GRADE_B);
    cr_assert_eq(ltv_grade_level(last), LTV_GRADE_B);
    ltv_grade_free(first);
    ltv_grade_free(last);
}

Test(grader, answers_and_meaning_are_readable) {
    ltv_grade *grade = grade_text("AABCDAABBA");
    cr_assert_str_eq(ltv_grade_answers(grade), "AABCDAABBA");
    const int expected[10] = {0, 0, 1, 2, 3, 0, 0, 1, 1, 0};
    for (int32_t q = 1; q <= 10; q++) cr_assert_eq(ltv_grade_answer(grade, q), expected[q - 1], "Q%d", q);
    cr_assert_eq(ltv_grade_answer(grade, 0), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "question 0"));
    cr_assert_eq(ltv_grade_answer(grade, 11), LTV_ERANGE);
    cr_assert_eq(ltv_grade_a_count(grade), 5);
    cr_assert_eq(ltv_grade_level(grade), LTV_GRADE_C);
    cr_assert_str_eq(ltv_grade_title(grade, LTV_LANG_EN), "Grade C: 6 or fewer A answers");
    cr_assert_str_eq(ltv_grade_summary(grade, LTV_LANG_JA), ltv_grader_grade_summary(LTV_GRADE_C, LTV_LANG_JA));
    cr_assert_str_eq(ltv_grade_explanation(grade, LTV_LANG_JA),
                     ltv_grader_grade_explanation(LTV_GRADE_C, LTV_LANG_JA));
    cr_assert_null(ltv_grade_title(grade, 7));
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
    cr_assert_null(ltv_grade_summary(grade, -1));
    cr_assert_null(ltv_grade_explanation(grade, 2));
    ltv_grade_free(grade);
}

Test(grader, case_width_and_separators_are_tolerated) {
    const char *same[] = {
        "aabcdaabba",
        "AaBcDaAbBa",
        "A, A, B, C, D, A, A, B, B, A",
        " AABCD AABBA\r\n",
        "A\tA\tB\tC\tD\tA\tA\tB\tB\tA",
        "ＡＡＢＣＤＡＡＢＢＡ",
        "ａ、ａ、ｂ、ｃ、ｄ　Ａ，Ａ，Ｂ，Ｂ，Ａ",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        ltv_grade *grade = grade_text(same[i]);
        cr_assert_str_eq(ltv_grade_answers(grade), "AABCDAABBA", "input '%s'", same[i]);
        ltv_grade_free(grade);
    }
}

Test(grader, array_input_matches_text_input) {
    const int32_t choices[10] = {LTV_ANSWER_A, LTV_ANSWER_A, LTV_ANSWER_B, LTV_ANSWER_C, LTV_ANSWER_D,
                                 LTV_ANSWER_A, LTV_ANSWER_A, LTV_ANSWER_B, LTV_ANSWER_B, LTV_ANSWER_A};
    ltv_grade *grade = NULL;
    cr_assert_eq(ltv_grader_grade_choices(&grade, choices, 10), LTV_OK);
    cr_assert_str_eq(ltv_grade_answers(grade), "AABCDAABBA");
    cr_assert_eq(ltv_grade_a_count(grade), 5);
    cr_assert_eq(ltv_grade_level(grade), LTV_GRADE_C);
    ltv_grade_free(grade);

    const int32_t nine_a[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 3};
    cr_assert_eq(ltv_grader_grade_choices(&grade, nine_a, 10), LTV_OK);
    cr_assert_eq(ltv_grade_level(grade), LTV_GRADE_A);
    ltv_grade_free(grade);
}

Test(grader, array_input_errors) {
    const int32_t choices[10] = {0, 0, 0, 4, 0, 0, 0, 0, 0, 0};
    ltv_grade *grade = (ltv_grade *)0x1;
    cr_assert_eq(ltv_grader_grade_choices(&grade, choices, 10), LTV_ERANGE);
    cr_assert_null(grade);
    cr_assert_not_null(strstr(ltv_last_error(), "choices[3] (Q4) is 4, outside 0..3"));
    const int32_t negative[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, -1};
    cr_assert_eq(ltv_grader_grade_choices(&grade, negative, 10), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "(Q10) is -1"));
    cr_assert_eq(ltv_grader_grade_choices(&grade, choices, 9), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "count is 9"));
    cr_assert_eq(ltv_grader_grade_choices(&grade, choices, 11), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "count is 11"));
    cr_assert_eq(ltv_grader_grade_choices(&grade, NULL, 10), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "choices is NULL"));
    cr_assert_eq(ltv_grader_grade_choices(NULL, choices, 10), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "out is NULL"));
}

/* ---- input errors ------------------------------------------------------------------------------ */

Test(grader_errors, nine_answers) {
    const char *parts[] = {"position 10", "9 answers", "exactly 10", "Q10 has no answer", NULL};
    expect_grade_error("AAAAAAAAA", 9, LTV_EPARSE, parts);
    const char *spaced[] = {"position 18", "9 answers", NULL};
    expect_grade_error("A A A A A A A A A", 17, LTV_EPARSE, spaced);
}

Test(grader_errors, eleven_answers) {
    const char *parts[] = {"position 11", "'A'", "answer 11", "exactly 10", NULL};
    expect_grade_error("AAAAAAAAAAA", 11, LTV_EPARSE, parts);
    const char *lower[] = {"position 12", "'b'", NULL};
    expect_grade_error("AAAAAAAAAA b", 12, LTV_EPARSE, lower);
}

Test(grader_errors, letter_outside_a_to_d) {
    const char *parts[] = {"position 4", "'E'", "not an answer A, B, C or D", "Q4", NULL};
    expect_grade_error("AAAEAAAAAA", 10, LTV_EPARSE, parts);
    const char *digit[] = {"position 1", "'1'", "Q1", NULL};
    expect_grade_error("1AAAAAAAAA", 10, LTV_EPARSE, digit);
    /* Positions count characters, not bytes: Ｅ is the 3rd character but starts at byte 7. */
    const char *wide[] = {"position 3", "'Ｅ' (U+FF25)", "Q3", NULL};
    expect_grade_error("ＡＡＥＡＡＡＡＡＡＡ", strlen("ＡＡＥＡＡＡＡＡＡＡ"), LTV_EPARSE, wide);
    const char *control[] = {"position 2", "U+0001", NULL};
    expect_grade_error("A\001AAAAAAAAA", 11, LTV_EPARSE, control);
    const char *nul[] = {"position 6", "U+0000", NULL};
    expect_grade_error("AAAAA\0AAAAA", 11, LTV_EPARSE, nul);
}

Test(grader_errors, empty_and_null) {
    const char *empty[] = {"answers is empty", "exactly 10", NULL};
    expect_grade_error("", 0, LTV_EINVAL, empty);
    const char *blank[] = {"no answer", "3 characters", NULL};
    expect_grade_error(" , ", 3, LTV_EPARSE, blank);
    const char *null[] = {"ltv_grader_grade", "answers is NULL", NULL};
    expect_grade_error(NULL, 10, LTV_EINVAL, null);
    cr_assert_eq(ltv_grader_grade(NULL, "AAAAAAAAAA", 10), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "out is NULL"));
}

Test(grader_errors, not_utf8) {
    const char *parts[] = {"byte 3", "0xFF", "not valid UTF-8", NULL};
    expect_grade_error("AA\xff" "AAAAAAA", 10, LTV_EENCODING, parts);
}

Test(grader_errors, length_is_respected) {
    /* Only the first len bytes count: the rest of the buffer is not read. */
    ltv_grade *grade = NULL;
    cr_assert_eq(ltv_grader_grade(&grade, "ABCDABCDABXYZ", 10), LTV_OK);
    cr_assert_str_eq(ltv_grade_answers(grade), "ABCDABCDAB");
    ltv_grade_free(grade);
}

Test(grader_errors, null_grade_accessors) {
    cr_assert_eq(ltv_grade_level(NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "grade is NULL"));
    cr_assert_eq(ltv_grade_a_count(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_grade_answer(NULL, 1), LTV_EINVAL);
    cr_assert_null(ltv_grade_letter(NULL));
    cr_assert_null(ltv_grade_answers(NULL));
    cr_assert_null(ltv_grade_title(NULL, LTV_LANG_EN));
    cr_assert_null(ltv_grade_summary(NULL, LTV_LANG_EN));
    cr_assert_null(ltv_grade_explanation(NULL, LTV_LANG_EN));
    cr_assert_eq(ltv_grade_step_count(NULL), 0);
    cr_assert_eq(ltv_grade_step(NULL, 0, NULL, NULL, NULL, NULL, NULL), LTV_EINVAL);
    cr_assert_null(ltv_grade_step_text(NULL, 0, LTV_LANG_EN));
    ltv_grade_free(NULL);
}

Test(grader, parse_one_choice) {
    int32_t choice = -1;
    cr_assert_eq(ltv_grader_parse_choice("b", 1, &choice), LTV_OK);
    cr_assert_eq(choice, LTV_ANSWER_B);
    cr_assert_eq(ltv_grader_parse_choice(" Ｃ \n", strlen(" Ｃ \n"), &choice), LTV_OK);
    cr_assert_eq(choice, LTV_ANSWER_C);
    cr_assert_eq(ltv_grader_parse_choice("D", 1, &choice), LTV_OK);
    cr_assert_eq(choice, LTV_ANSWER_D);
    cr_assert_eq(ltv_grader_parse_choice("", 0, &choice), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "no answer"));
    cr_assert_eq(ltv_grader_parse_choice("E", 1, &choice), LTV_EPARSE);
    cr_assert_not_null(strstr(ltv_last_error(), "position 1: 'E'"));
    cr_assert_eq(ltv_grader_parse_choice("AB", 2, &choice), LTV_EPARSE);
    cr_assert_not_null(strstr(ltv_last_error(), "position 2: a second answer 'B'"));
    cr_assert_eq(ltv_grader_parse_choice("\xc3", 1, &choice), LTV_EENCODING);
    cr_assert_eq(ltv_grader_parse_choice(NULL, 1, &choice), LTV_EINVAL);
    cr_assert_eq(ltv_grader_parse_choice("A", 1, NULL), LTV_EINVAL);
    cr_assert_eq(choice, LTV_ANSWER_D, "a failed parse leaves the output alone");
}

/* ---- next steps ------------------------------------------------------------------------------- */

Test(grader_steps, worst_first_then_question_order) {
    /* Q1 D, Q2 B, Q3 C, Q4 A, Q5 D, Q6 C, Q7 B, Q8 A, Q9 A, Q10 B */
    ltv_grade *grade = grade_text("DBCADCBAAB");
    const int32_t order[7][2] = {{1, 3}, {5, 3}, {3, 2}, {6, 2}, {2, 1}, {7, 1}, {10, 1}};
    cr_assert_eq(ltv_grade_step_count(grade), 7);
    for (size_t i = 0; i < 7; i++) {
        int32_t question = 0, answer = -1, stage = 99, element = 99, capability = 99;
        cr_assert_eq(ltv_grade_step(grade, i, &question, &answer, &stage, &element, &capability), LTV_OK);
        cr_assert_eq(question, order[i][0], "step %zu", i);
        cr_assert_eq(answer, order[i][1], "step %zu", i);
        int32_t want_stage, want_element, want_capability;
        cr_assert_eq(ltv_grader_target(question, &want_stage, &want_element, &want_capability), LTV_OK);
        cr_assert_eq(stage, want_stage);
        cr_assert_eq(element, want_element);
        cr_assert_eq(capability, want_capability);
        cr_assert_str_eq(ltv_grade_step_text(grade, i, LTV_LANG_JA), ltv_grader_recommendation(question, LTV_LANG_JA));
        cr_assert_str_eq(ltv_grade_step_text(grade, i, LTV_LANG_EN), ltv_grader_recommendation(question, LTV_LANG_EN));
    }
    /* The first step is the one next thing to fix: Q1 → annual LTV report, acquisition × segment. */
    int32_t stage, element, capability;
    cr_assert_eq(ltv_grade_step(grade, 0, NULL, NULL, &stage, &element, &capability), LTV_OK);
    cr_assert_eq(stage, LTV_STAGE_ACQUISITION);
    cr_assert_eq(element, LTV_ELEMENT_SEGMENT);
    cr_assert_eq(capability, LTV_GRADER_CAP_ANNUAL_LTV_REPORT);
    /* The last is Q10, which concerns the whole matrix. */
    cr_assert_eq(ltv_grade_step(grade, 6, NULL, NULL, &stage, &element, &capability), LTV_OK);
    cr_assert_eq(stage, LTV_GRADER_WHOLE_MATRIX);
    cr_assert_eq(element, LTV_GRADER_WHOLE_MATRIX);
    cr_assert_eq(capability, LTV_GRADER_CAP_CAMPAIGN_MATRIX);

    cr_assert_eq(ltv_grade_step(grade, 7, NULL, NULL, NULL, NULL, NULL), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "index 7 is out of range (this grade has 7 steps)"));
    cr_assert_null(ltv_grade_step_text(grade, 7, LTV_LANG_EN));
    cr_assert_eq(ltv_last_status(), LTV_ERANGE);
    cr_assert_null(ltv_grade_step_text(grade, 0, 5));
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
    ltv_grade_free(grade);
}

Test(grader_steps, all_a_has_no_steps) {
    ltv_grade *grade = grade_text("AAAAAAAAAA");
    cr_assert_eq(ltv_grade_step_count(grade), 0);
    cr_assert_eq(ltv_grade_step(grade, 0, NULL, NULL, NULL, NULL, NULL), LTV_ERANGE);
    ltv_grade_free(grade);
}

Test(grader_steps, all_d_in_question_order) {
    ltv_grade *grade = grade_text("DDDDDDDDDD");
    cr_assert_eq(ltv_grade_step_count(grade), 10);
    for (size_t i = 0; i < 10; i++) {
        int32_t question = 0;
        cr_assert_eq(ltv_grade_step(grade, i, &question, NULL, NULL, NULL, NULL), LTV_OK);
        cr_assert_eq(question, (int32_t)i + 1);
    }
    ltv_grade_free(grade);
}

/* ---- figure lines (from numbers set directly; the ledger tests below compute them) ---------- */

Test(grader_figures, none_before_a_ledger_is_attached) {
    ltv_grade *grade = grade_text("AAAAAAAAAA");
    int64_t value;
    const char *line;
    cr_assert_eq(ltv_grade_figure(grade, LTV_GRADE_FIG_CUSTOMERS, &value), LTV_ESTATE);
    cr_assert_not_null(strstr(ltv_last_error(), "no ledger is attached"));
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_EN, &line), LTV_ESTATE);
    ltv_grade_free(grade);
}

Test(grader_figures, lines_from_hand_numbers) {
    ltv_grade *grade = grade_text("BBBBBBBBBB");
    int64_t f[LTV_GRADE_FIGURE_COUNT] = {0};
    f[LTV_GRADE_FIG_CUSTOMERS] = 1200;
    f[LTV_GRADE_FIG_REPEAT_CUSTOMERS] = 360;   /* 30.0 % */
    f[LTV_GRADE_FIG_FIRST_BUYERS_90] = 1000;
    f[LTV_GRADE_FIG_SECOND_WITHIN_90] = 125;   /* 12.5 % */
    f[LTV_GRADE_FIG_TENURE_0_99] = 800;        /* 66.666… → 66.7 % */
    f[LTV_GRADE_FIG_TENURE_100_199] = 200;     /* 16.666… → 16.7 % */
    f[LTV_GRADE_FIG_TENURE_200_299] = 100;     /* 8.333… → 8.3 % */
    f[LTV_GRADE_FIG_TENURE_300_365] = 40;      /* 3.333… → 3.3 % */
    f[LTV_GRADE_FIG_TENURE_OVER_365] = 60;     /* 5.0 % */
    f[LTV_GRADE_FIG_YEAR_CUSTOMERS] = 900;
    f[LTV_GRADE_FIG_YEAR_AMOUNT] = 1234567890; /* cents */
    f[LTV_GRADE_FIG_ANNUAL_LTV] = 1371742;     /* 1234567890 / 900 = 1371742.1 */
    f[LTV_GRADE_FIG_STATE_NEW] = 600;
    f[LTV_GRADE_FIG_STATE_REPEAT] = 300;
    f[LTV_GRADE_FIG_STATE_FAN] = 60;
    f[LTV_GRADE_FIG_STATE_DORMANT] = 240;
    cr_assert_eq(ltv__grade_set_figures(grade, f, 2), LTV_OK);
    const char *line = NULL;
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Average annual LTV: 13,717.42 per customer with an order in the trailing year "
                           "(900 customers, 12,345,678.90 in total).");
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_str_eq(line, "平均年間LTV：13,717.42（直近1年に購入した顧客900人、直近1年の購入額の合計12,345,678.90）");
    cr_assert_eq(ltv_grade_figure_line(grade, 2, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Tenure of 1,200 customers: 0–99 days 800 (66.7%), 100–199 days 200 (16.7%), "
                           "200–299 days 100 (8.3%), 300–365 days 40 (3.3%), over 365 days 60 (5.0%).");
    cr_assert_eq(ltv_grade_figure_line(grade, 2, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_str_eq(line, "顧客1,200人の在籍期間：0〜99日 800人（66.7%）、100〜199日 200人（16.7%）、"
                           "200〜299日 100人（8.3%）、300〜365日 40人（3.3%）、365日超 60人（5.0%）");
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Repeat rate: 30.0% (360 of 1,200 customers have 2+ orders). Second purchase within "
                           "90 days: 12.5% (125 of 1,000 customers whose first order is over 90 days old).");
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_str_eq(line, "リピート率：30.0%（顧客1,200人中、2回以上購入360人）。90日以内の2回目購入率：12.5%"
                           "（初回購入から90日を超えた顧客1,000人中125人）");
    cr_assert_eq(ltv_grade_figure_line(grade, 6, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Customers by state: new 600 (50.0%), repeat 300 (25.0%), fan 60 (5.0%), dormant 240 (20.0%).");
    cr_assert_eq(ltv_grade_figure_line(grade, 6, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_str_eq(line, "状態別の顧客数：新規 600人（50.0%）、リピート 300人（25.0%）、ファン 60人（5.0%）、休眠 240人（20.0%）");

    cr_assert_eq(ltv_grade_figure_line(grade, 4, LTV_LANG_EN, &line), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "Q4 has no figure"));
    cr_assert_eq(ltv_grade_figure_line(grade, 11, LTV_LANG_EN, &line), LTV_ERANGE);
    cr_assert_eq(ltv_grade_figure_line(grade, 1, 3, &line), LTV_EINVAL);
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_grade_figure_line(NULL, 1, LTV_LANG_EN, &line), LTV_EINVAL);

    int64_t value = 0;
    cr_assert_eq(ltv_grade_figure(grade, LTV_GRADE_FIG_STATE_FAN, &value), LTV_OK);
    cr_assert_eq(value, 60);
    cr_assert_eq(ltv_grade_figure(grade, 17, &value), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "figure 17 is out of range 0..16"));
    cr_assert_eq(ltv_grade_figure(grade, -1, &value), LTV_EINVAL);
    cr_assert_eq(ltv_grade_figure(grade, 0, NULL), LTV_EINVAL);
    ltv_grade_free(grade);
}

Test(grader_figures, empty_groups_and_negative_money) {
    ltv_grade *grade = grade_text("CCCCCCCCCC");
    int64_t f[LTV_GRADE_FIGURE_COUNT] = {0};
    const char *line = NULL;
    cr_assert_eq(ltv__grade_set_figures(grade, f, 0), LTV_OK);
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Average annual LTV: n/a (no customer ordered in the trailing year).");
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Repeat rate: n/a (0 of 0 customers have 2+ orders). Second purchase within 90 days: "
                           "n/a (0 of 0 customers whose first order is over 90 days old).");
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_not_null(strstr(line, "リピート率：—"));
    /* A trailing year of refunds only: money below zero keeps its sign. */
    f[LTV_GRADE_FIG_YEAR_CUSTOMERS] = 2;
    f[LTV_GRADE_FIG_YEAR_AMOUNT] = -3001;
    f[LTV_GRADE_FIG_ANNUAL_LTV] = -1501;
    cr_assert_eq(ltv__grade_set_figures(grade, f, 0), LTV_OK);
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Average annual LTV: -1,501 per customer with an order in the trailing year "
                           "(2 customers, -3,001 in total).");
    cr_assert_eq(ltv__grade_set_figures(grade, f, 2), LTV_OK);
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Average annual LTV: -15.01 per customer with an order in the trailing year "
                           "(2 customers, -30.01 in total).");
    ltv_grade_free(grade);
}

/* ---- figures from a hand-computed ledger ----------------------------------------------------- */

/* As of A = 2026-11-01. Each row: customer, days before A (negative = after), amount; a
 * negative amount is a refund. Hand tally (17 customers count; c9's only order is on A):
 *   repeat (2+ orders): c1 c3 c4 c5 c6 c7 c8 c11 c14 c15 c17 c18          = 12 of 17
 *   first order ≥ 91 days before A: all but c2 (50) and c16 (90)             = 15
 *     of those, second order ≤ 90 days after the first: c3 (10) c4 (80) c7 (1) c17 (90) = 4
 *     (c18's gap is 91, c11's 99, c15's 100)
 *   tenure 0–99: c2 c3 c4 c7 c10 c11 c12 c13 c16 c17 c18 = 11; 100–199: c6 c15 = 2;
 *     200–299: c8 = 1; 300–365: c5 (300) c14 (365) = 2; over 365: c1 (390) = 1
 *   dormant (recency > 180): c3 c4 c7 c12 = 4 (c13 at exactly 180 is not); new: c2 c10 c13 c16
 *     = 4; fan: c1 = 1; repeat: c5 c6 c8 c11 c14 c15 c17 c18 = 8
 *   trailing year [A − 365, A): everyone but c4 ordered (16); amounts 5000 3000 2000 3000
 *     2500 (c6: 2500 + 500 − 500 refund) 700 (c7: only the order at A − 365) 2000 100 200 100
 *     100 1000 1000 108 200 200 = 21208; 21208 / 16 = 1325.5 → 1326 */
typedef struct fx_row {
    const char *id;
    int32_t days_before;
    int64_t amount;
} fx_row;

static const fx_row hand_ledger[] = {
    {"c1", 400, 1000}, {"c1", 300, 2000}, {"c1", 200, 1500}, {"c1", 100, 1000}, {"c1", 10, 500},
    {"c2", 50, 3000},
    {"c3", 250, 800},  {"c3", 240, 1200},
    {"c4", 700, 4000}, {"c4", 620, 1000},
    {"c5", 360, 1000}, {"c5", 200, 1000}, {"c5", 60, 1000},
    {"c6", 150, 2500}, {"c6", 30, 500},   {"c6", 20, -500},
    {"c7", 366, 300},  {"c7", 365, 700},
    {"c8", 290, 1000}, {"c8", 40, 1000},
    {"c9", 0, 1000},
    {"c10", 91, 100},
    {"c11", 100, 100}, {"c11", 1, 100},
    {"c12", 181, 100},
    {"c13", 180, 100},
    {"c14", 370, 1000}, {"c14", 5, 1000},
    {"c15", 120, 500}, {"c15", 20, 500},
    {"c16", 90, 108},
    {"c17", 200, 100}, {"c17", 110, 100},
    {"c18", 200, 100}, {"c18", 109, 100},
};

static ltv_ledger *build_hand_ledger(int32_t as_of) {
    ltv_ledger *ledger = NULL;
    cr_assert_eq(ltv_ledger_new(&ledger), LTV_OK);
    for (size_t i = 0; i < sizeof hand_ledger / sizeof hand_ledger[0]; i++) {
        const fx_row *r = &hand_ledger[i];
        int kind = r->amount < 0 ? LTV_EVENT_REFUND : LTV_EVENT_ORDER;
        int status = ltv_ledger_add_event(ledger, r->id, strlen(r->id), kind, as_of - r->days_before, r->amount, 1);
        cr_assert_eq(status, LTV_OK, "row %zu: %s", i, ltv_last_error());
    }
    return ledger;
}

static int64_t figure(const ltv_grade *grade, int id) {
    int64_t value = -12345;
    cr_assert_eq(ltv_grade_figure(grade, id, &value), LTV_OK, "figure %d: %s", id, ltv_last_error());
    return value;
}

Test(grader_ledger, figures_of_a_hand_computed_ledger) {
    const int32_t as_of = fx_day("2026-11-01");
    ltv_ledger *ledger = build_hand_ledger(as_of);
    ltv_grade *grade = grade_text("ABCDABCDAB");
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of, 0), LTV_OK, "%s", ltv_last_error());

    cr_assert_eq(figure(grade, LTV_GRADE_FIG_AS_OF_DAY), as_of);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_CUSTOMERS), 17);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_REPEAT_CUSTOMERS), 12);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_FIRST_BUYERS_90), 15);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_SECOND_WITHIN_90), 4);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_TENURE_0_99), 11);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_TENURE_100_199), 2);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_TENURE_200_299), 1);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_TENURE_300_365), 2);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_TENURE_OVER_365), 1);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_YEAR_CUSTOMERS), 16);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_YEAR_AMOUNT), 21208);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_ANNUAL_LTV), 1326);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_STATE_NEW), 4);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_STATE_REPEAT), 8);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_STATE_FAN), 1);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_STATE_DORMANT), 4);

    const char *line = NULL;
    cr_assert_eq(ltv_grade_figure_line(grade, 1, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Average annual LTV: 1,326 per customer with an order in the trailing year "
                           "(16 customers, 21,208 in total).");
    cr_assert_eq(ltv_grade_figure_line(grade, 2, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Tenure of 17 customers: 0–99 days 11 (64.7%), 100–199 days 2 (11.8%), "
                           "200–299 days 1 (5.9%), 300–365 days 2 (11.8%), over 365 days 1 (5.9%).");
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_str_eq(line, "Repeat rate: 70.6% (12 of 17 customers have 2+ orders). Second purchase within 90 "
                           "days: 26.7% (4 of 15 customers whose first order is over 90 days old).");
    cr_assert_eq(ltv_grade_figure_line(grade, 6, LTV_LANG_JA, &line), LTV_OK);
    cr_assert_str_eq(line, "状態別の顧客数：新規 4人（23.5%）、リピート 8人（47.1%）、ファン 1人（5.9%）、休眠 4人（23.5%）");
    for (int32_t q = 1; q <= 10; q++)
        for (int lang = 0; lang < 2; lang++) {
            int status = ltv_grade_figure_line(grade, q, lang, &line);
            if (q == 1 || q == 2 || q == 3 || q == 6) {
                cr_assert_eq(status, LTV_OK);
                cr_assert(utf8_ok(line));
            } else {
                cr_assert_eq(status, LTV_ENOTFOUND, "Q%d", q);
            }
        }
    /* The figures do not change the grade. */
    cr_assert_str_eq(ltv_grade_answers(grade), "ABCDABCDAB");
    ltv_grade_free(grade);
    ltv_ledger_free(ledger);
}

Test(grader_ledger, attaching_again_replaces_the_figures) {
    const int32_t as_of = fx_day("2026-11-01");
    ltv_ledger *ledger = build_hand_ledger(as_of);
    ltv_grade *grade = grade_text("AAAAAAAAAB");
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of, 0), LTV_OK);
    /* One day later c9's order on A counts and c13 (now 181 days) turns dormant. */
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of + 1, 2), LTV_OK);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_CUSTOMERS), 18);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_STATE_DORMANT), 5);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_AS_OF_DAY), as_of + 1);
    /* A day before every order: no customer yet, every rate is n/a. */
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of - 1000, 0), LTV_OK);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_CUSTOMERS), 0);
    const char *line;
    cr_assert_eq(ltv_grade_figure_line(grade, 3, LTV_LANG_EN, &line), LTV_OK);
    cr_assert_not_null(strstr(line, "Repeat rate: n/a"));
    ltv_grade_free(grade);
    ltv_ledger_free(ledger);
}

Test(grader_ledger, attach_errors_keep_the_old_figures) {
    const int32_t as_of = fx_day("2026-11-01");
    ltv_ledger *ledger = build_hand_ledger(as_of);
    ltv_grade *grade = grade_text("AAAAAAAAAA");
    cr_assert_eq(ltv_grade_attach_ledger(NULL, ledger, as_of, 0), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "grade is NULL"));
    cr_assert_eq(ltv_grade_attach_ledger(grade, NULL, as_of, 0), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "ledger is NULL"));
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of, 7), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "decimals 7 is outside 0..6"));
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of, -1), LTV_ERANGE);
    int64_t value;
    cr_assert_eq(ltv_grade_figure(grade, LTV_GRADE_FIG_CUSTOMERS, &value), LTV_ESTATE);
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, as_of, 0), LTV_OK);
    cr_assert_eq(ltv_grade_attach_ledger(grade, ledger, LTV_DAY_MAX + 2, 0), LTV_ERANGE);
    cr_assert_eq(figure(grade, LTV_GRADE_FIG_CUSTOMERS), 17, "a failed attach keeps the figures");
    ltv_grade_free(grade);
    ltv_ledger_free(ledger);
}
