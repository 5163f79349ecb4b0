/* The campaign matrix: boxes, template, plans as JSON and CSV, renders, gaps and verdicts. */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "internal.h"

/* ---- helpers -------------------------------------------------------------------------- */

static ltv_matrix *new_empty(void) {
    ltv_matrix *m = NULL;
    cr_assert_eq(ltv_matrix_new(&m), LTV_OK);
    return m;
}

static void set(ltv_matrix *m, int stage, int element, int status, const char *text) {
    int rc = ltv_matrix_set_box(m, stage, element, status, text, text ? strlen(text) : 0);
    cr_assert_eq(rc, LTV_OK, "set (%d, %d): %s", stage, element, ltv_last_error());
}

/* Make the first `active` boxes of a stage active, the rest empty. */
static void set_stage(ltv_matrix *m, int stage, int active) {
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++)
        set(m, stage, e, e < active ? LTV_BOX_ACTIVE : LTV_BOX_EMPTY, e < active ? "plan" : NULL);
}

static void assert_same_boxes(const ltv_matrix *a, const ltv_matrix *b) {
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            int sa, sb;
            const char *ta, *tb;
            size_t la, lb;
            cr_assert_eq(ltv_matrix_get_box(a, s, e, &sa, &ta, &la), LTV_OK);
            cr_assert_eq(ltv_matrix_get_box(b, s, e, &sb, &tb, &lb), LTV_OK);
            cr_assert_eq(sa, sb, "status of (%d, %d): %d vs %d", s, e, sa, sb);
            cr_assert_eq(la, lb, "length of (%d, %d): %zu vs %zu", s, e, la, lb);
            cr_assert_eq(memcmp(ta, tb, la), 0, "text of (%d, %d) differs", s, e);
        }
}

static char *render(const ltv_matrix *m, int format, int lang) {
    char *text = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_matrix_render(m, format, lang, &text, &len), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(strlen(text), len);
    return text;
}

static char *save(const ltv_matrix *m, int format) {
    char *text = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_matrix_save(m, format, &text, &len), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(strlen(text), len);
    return text;
}

static ltv_matrix *load_ok(int format, const char *text) {
    ltv_matrix *m = NULL;
    int rc = ltv_matrix_load(&m, format, text, strlen(text));
    cr_assert_eq(rc, LTV_OK, "load: %s", ltv_last_error());
    return m;
}

/* Loading must fail with `status` and a message holding each of the given fragments. */
static void load_fails(int format, const char *text, size_t len, int status, const char *frag1, const char *frag2) {
    ltv_matrix *m = (ltv_matrix *)(uintptr_t)0x1; /* must stay untouched */
    int rc = ltv_matrix_load(&m, format, text, len);
    cr_assert_eq(rc, status, "got %s: %s", ltv_status_name(rc), ltv_last_error());
    cr_assert_eq(m, (ltv_matrix *)(uintptr_t)0x1, "out was written on failure");
    cr_assert_not_null(strstr(ltv_last_error(), frag1), "message '%s' lacks '%s'", ltv_last_error(), frag1);
    if (frag2) cr_assert_not_null(strstr(ltv_last_error(), frag2), "message '%s' lacks '%s'", ltv_last_error(), frag2);
}

static void load_fails_str(int format, const char *text, int status, const char *frag1, const char *frag2) {
    load_fails(format, text, strlen(text), status, frag1, frag2);
}

/* A matrix that exercises the writers: every status, quotes, commas, line breaks, tabs,
 * backslashes, leading spaces, Japanese and an emoji. */
static ltv_matrix *tricky_matrix(void) {
    ltv_matrix *m = NULL;
    cr_assert_eq(ltv_matrix_new_template(&m, LTV_LANG_JA), LTV_OK);
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_OFFER, LTV_BOX_ACTIVE, "お試し \"1,980円\", 送料無料\nline 2\ttab");
    set(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, LTV_BOX_EMPTY, NULL);
    set(m, LTV_STAGE_RETENTION, LTV_ELEMENT_CHANNEL, LTV_BOX_ACTIVE, "  back\\slash, trailing space ");
    set(m, LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_CREATIVE, LTV_BOX_DRAFT, "😀 \"\" ,,, \n\n end");
    return m;
}

/* ---- labels --------------------------------------------------------------------------- */

Test(matrix_labels, stages_and_elements_in_both_languages) {
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_ACQUISITION, LTV_LANG_EN), "Acquisition");
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_CHURN_PREVENTION, LTV_LANG_EN), "Churn prevention");
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_ACQUISITION, LTV_LANG_JA), "新規獲得");
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_ACTIVATION, LTV_LANG_JA), "既存客活性");
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_RETENTION, LTV_LANG_JA), "既存客維持");
    cr_assert_str_eq(ltv_stage_label(LTV_STAGE_CHURN_PREVENTION, LTV_LANG_JA), "既存客離脱防止");
    const char *ja[] = {"セグメント", "オファー", "クリエイティブ", "タイミング", "チャネル"};
    const char *en[] = {"Segment", "Offer", "Creative", "Timing", "Channel"};
    for (int e = 0; e < 5; e++) {
        cr_assert_str_eq(ltv_element_label(e, LTV_LANG_JA), ja[e]);
        cr_assert_str_eq(ltv_element_label(e, LTV_LANG_EN), en[e]);
    }
    cr_assert_str_eq(ltv_stage_label(4, LTV_LANG_EN), "");
    cr_assert_str_eq(ltv_stage_label(-1, LTV_LANG_JA), "");
    cr_assert_str_eq(ltv_stage_label(0, 2), "");
    cr_assert_str_eq(ltv_element_label(5, LTV_LANG_EN), "");
    cr_assert_str_eq(ltv_element_label(0, -1), "");
    cr_assert_str_eq(ltv_matrix_box_status_label(LTV_BOX_DRAFT, LTV_LANG_JA), "下書き");
    cr_assert_str_eq(ltv_matrix_box_status_label(LTV_BOX_ACTIVE, LTV_LANG_EN), "active");
    cr_assert_null(ltv_matrix_box_status_label(3, LTV_LANG_EN));
}

Test(matrix_labels, pinned_values) {
    cr_assert_eq(LTV_STAGE_CHURN_PREVENTION, 3);
    cr_assert_eq(LTV_ELEMENT_CHANNEL, 4);
    cr_assert_eq(LTV_BOX_ACTIVE, 2);
    cr_assert_eq(LTV_MATRIX_FORMAT_JSON, 3);
    cr_assert_eq(LTV_BALANCE_LEAKING, 3);
    cr_assert_eq(LTV_MATRIX_ANALYSIS, 4);
}

/* ---- boxes ---------------------------------------------------------------------------- */

Test(matrix_boxes, a_new_matrix_is_empty) {
    ltv_matrix *m = new_empty();
    for (int s = 0; s < 4; s++)
        for (int e = 0; e < 5; e++) {
            int status = -1;
            const char *text = NULL;
            size_t len = 99;
            cr_assert_eq(ltv_matrix_get_box(m, s, e, &status, &text, &len), LTV_OK);
            cr_assert_eq(status, LTV_BOX_EMPTY);
            cr_assert_str_eq(text, "");
            cr_assert_eq(len, 0);
        }
    cr_assert_eq(ltv_matrix_get_box(m, 0, 0, NULL, NULL, NULL), LTV_OK);
    ltv_matrix_free(m);
    ltv_matrix_free(NULL);
}

Test(matrix_boxes, set_and_get) {
    ltv_matrix *m = new_empty();
    const char *plan = "初回購入から7日目に使い方メール";
    cr_assert_eq(ltv_matrix_set_box(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, LTV_BOX_ACTIVE, plan, strlen(plan)),
                 LTV_OK);
    int status;
    const char *text;
    size_t len;
    cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, &status, &text, &len), LTV_OK);
    cr_assert_eq(status, LTV_BOX_ACTIVE);
    cr_assert_str_eq(text, plan);
    cr_assert_eq(len, strlen(plan));
    /* Not NUL-terminated input: only len bytes are taken. */
    cr_assert_eq(ltv_matrix_set_box(m, 0, 0, LTV_BOX_DRAFT, "abcdef", 3), LTV_OK);
    cr_assert_eq(ltv_matrix_get_box(m, 0, 0, &status, &text, &len), LTV_OK);
    cr_assert_str_eq(text, "abc");
    cr_assert_eq(status, LTV_BOX_DRAFT);
    /* Back to empty. */
    cr_assert_eq(ltv_matrix_set_box(m, 0, 0, LTV_BOX_EMPTY, NULL, 0), LTV_OK);
    cr_assert_eq(ltv_matrix_get_box(m, 0, 0, &status, &text, &len), LTV_OK);
    cr_assert_eq(status, LTV_BOX_EMPTY);
    cr_assert_eq(len, 0);
    ltv_matrix_free(m);
}

Test(matrix_boxes, text_length_bounds) {
    ltv_matrix *m = new_empty();
    char text[LTV_MATRIX_TEXT_MAX + 1];
    memset(text, 'x', sizeof text);
    cr_assert_eq(ltv_matrix_set_box(m, 1, 2, LTV_BOX_ACTIVE, text, LTV_MATRIX_TEXT_MAX), LTV_OK);
    cr_assert_eq(ltv_matrix_set_box(m, 2, 1, LTV_BOX_ACTIVE, text, LTV_MATRIX_TEXT_MAX + 1), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "box (retention, offer)"), "%s", ltv_last_error());
    cr_assert_not_null(strstr(ltv_last_error(), "1025 bytes"));
    cr_assert_not_null(strstr(ltv_last_error(), "1024"));
    size_t len;
    cr_assert_eq(ltv_matrix_get_box(m, 1, 2, NULL, NULL, &len), LTV_OK);
    cr_assert_eq(len, LTV_MATRIX_TEXT_MAX);
    ltv_matrix_free(m);
}

Test(matrix_boxes, invalid_text_is_rejected_and_the_box_kept) {
    ltv_matrix *m = new_empty();
    set(m, 3, 4, LTV_BOX_ACTIVE, "kept");
    /* Shift_JIS bytes of 新規 are not UTF-8. */
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, "ab\x90\x56\x8B\x4B", 6), LTV_EENCODING);
    cr_assert_not_null(strstr(ltv_last_error(), "box (churn_prevention, channel)"), "%s", ltv_last_error());
    cr_assert_not_null(strstr(ltv_last_error(), "byte 2"));
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, "a\rb", 3), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "control character U+000D at byte 1"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, "a\0b", 3), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "U+0000"));
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_EMPTY, "text", 4), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "status is empty but the text has 4 bytes"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_DRAFT, "", 0), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "status is draft but the text is empty"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, NULL, 0), LTV_EINVAL);
    const char *text;
    int status;
    cr_assert_eq(ltv_matrix_get_box(m, 3, 4, &status, &text, NULL), LTV_OK);
    cr_assert_str_eq(text, "kept");
    cr_assert_eq(status, LTV_BOX_ACTIVE);
    /* Line feeds and tabs are plan text. */
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, "a\nb\tc", 5), LTV_OK);
    ltv_matrix_free(m);
}

Test(matrix_boxes, bad_arguments) {
    ltv_matrix *m = new_empty();
    cr_assert_eq(ltv_matrix_set_box(NULL, 0, 0, LTV_BOX_DRAFT, "x", 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "matrix is NULL"));
    cr_assert_eq(ltv_matrix_set_box(m, 4, 0, LTV_BOX_DRAFT, "x", 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "stage 4 is not a stage (0..3)"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 0, -1, LTV_BOX_DRAFT, "x", 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "element -1 is not an element (0..4)"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 0, 0, 3, "x", 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "status 3 is not a box status (0..2)"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_box(m, 0, 0, LTV_BOX_DRAFT, NULL, 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "text is NULL with len 1"));
    cr_assert_eq(ltv_matrix_get_box(NULL, 0, 0, NULL, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_get_box(m, 0, 5, NULL, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_new(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_new_template(NULL, LTV_LANG_EN), LTV_EINVAL);
    ltv_matrix *t = NULL;
    cr_assert_eq(ltv_matrix_new_template(&t, 2), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "lang 2"));
    cr_assert_null(t);
    ltv_matrix_free(m);
}

Test(matrix_boxes, settings_have_defaults_and_bounds) {
    ltv_matrix *m = new_empty();
    const int64_t defaults[] = {28, 8, 3, 2, 1};
    for (int p = 0; p < 5; p++) {
        int64_t v = -1;
        cr_assert_eq(ltv_matrix_get_i64(m, p, &v), LTV_OK);
        cr_assert_eq(v, defaults[p], "param %d", p);
    }
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_CELL_WIDTH, 11), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "LTV_MATRIX_CELL_WIDTH 11 is outside 12..200"), "%s",
                       ltv_last_error());
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_CELL_WIDTH, 12), LTV_OK);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_PLANNED_MIN, 0), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "1..5"));
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_PLANNED_MIN, 5), LTV_OK);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_DECIMALS, 7), LTV_ERANGE);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_ANALYSIS, 2), LTV_ERANGE);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_CELL_LINES, 101), LTV_ERANGE);
    cr_assert_eq(ltv_matrix_set_i64(m, 5, 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "ltv_matrix_set_i64: 5 is not an ltv_matrix_param (0..4)"));
    int64_t v;
    cr_assert_eq(ltv_matrix_get_i64(m, -1, &v), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_get_i64(m, 0, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_set_i64(NULL, 0, 20), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_get_i64(m, LTV_MATRIX_CELL_WIDTH, &v), LTV_OK);
    cr_assert_eq(v, 12);
    ltv_matrix_free(m);
}

Test(matrix_boxes, template_fills_every_box_as_a_draft) {
    for (int lang = 0; lang < 2; lang++) {
        ltv_matrix *m = NULL;
        cr_assert_eq(ltv_matrix_new_template(&m, lang), LTV_OK);
        for (int s = 0; s < 4; s++)
            for (int e = 0; e < 5; e++) {
                int status;
                const char *text;
                size_t len;
                cr_assert_eq(ltv_matrix_get_box(m, s, e, &status, &text, &len), LTV_OK);
                cr_assert_eq(status, LTV_BOX_DRAFT);
                cr_assert_gt(len, 10);
                cr_assert(ltv__utf8_valid(text, len, NULL));
                /* The template passes the same checks as user input. */
                ltv_matrix *copy = new_empty();
                cr_assert_eq(ltv_matrix_set_box(copy, s, e, status, text, len), LTV_OK);
                ltv_matrix_free(copy);
            }
        const char *text;
        cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_OFFER, NULL, &text, NULL), LTV_OK);
        cr_assert_not_null(strstr(text, lang == LTV_LANG_JA ? "お試し" : "Trial size"), "%s", text);
        cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_CHANNEL, NULL, &text, NULL), LTV_OK);
        cr_assert_not_null(strstr(text, lang == LTV_LANG_JA ? "同梱物" : "Package insert"), "%s", text);
        cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_TIMING, NULL, &text, NULL), LTV_OK);
        cr_assert_not_null(strstr(text, lang == LTV_LANG_JA ? "カゴ落ち" : "Cart-abandonment"), "%s", text);
        ltv_matrix_free(m);
    }
}

/* ---- figures -------------------------------------------------------------------------- */

Test(matrix_figures, stage_figures) {
    ltv_matrix *m = new_empty();
    uint64_t customers;
    int64_t revenue;
    cr_assert_eq(ltv_matrix_get_stage_figures(m, LTV_STAGE_RETENTION, &customers, &revenue), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "stage 2 (retention) has no figures"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_stage_figures(m, LTV_STAGE_RETENTION, 420, 1234567), LTV_OK);
    cr_assert_eq(ltv_matrix_get_stage_figures(m, LTV_STAGE_RETENTION, &customers, &revenue), LTV_OK);
    cr_assert_eq(customers, 420);
    cr_assert_eq(revenue, 1234567);
    cr_assert_eq(ltv_matrix_set_stage_figures(m, LTV_STAGE_ACQUISITION, 1, 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "ltv_matrix_set_acquisition"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_get_stage_figures(m, LTV_STAGE_ACQUISITION, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_set_stage_figures(m, 4, 1, 1), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "stage 4 is not an existing-customer stage (1..3)"));
    cr_assert_eq(ltv_matrix_set_stage_figures(NULL, 1, 1, 1), LTV_EINVAL);
    ltv_matrix_clear_figures(m);
    cr_assert_eq(ltv_matrix_get_stage_figures(m, LTV_STAGE_RETENTION, NULL, NULL), LTV_ENOTFOUND);
    ltv_matrix_clear_figures(NULL);
    ltv_matrix_free(m);
}

Test(matrix_figures, acquisition_and_ltv) {
    ltv_matrix *m = new_empty();
    uint64_t prospects;
    int64_t cpo, ltv;
    cr_assert_eq(ltv_matrix_get_acquisition(m, &prospects, &cpo), LTV_ENOTFOUND);
    cr_assert_eq(ltv_matrix_get_ltv(m, &ltv), LTV_ENOTFOUND);
    cr_assert_eq(ltv_matrix_set_acquisition(m, 12000, -1), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "cpo_minor = -1 is negative"));
    cr_assert_eq(ltv_matrix_set_ltv(m, -5), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "average_ltv_minor = -5"));
    cr_assert_eq(ltv_matrix_set_acquisition(m, 12000, 5000), LTV_OK);
    cr_assert_eq(ltv_matrix_set_ltv(m, 4200), LTV_OK);
    cr_assert_eq(ltv_matrix_get_acquisition(m, &prospects, &cpo), LTV_OK);
    cr_assert_eq(prospects, 12000);
    cr_assert_eq(cpo, 5000);
    cr_assert_eq(ltv_matrix_get_ltv(m, &ltv), LTV_OK);
    cr_assert_eq(ltv, 4200);
    cr_assert_eq(ltv_matrix_get_ltv(m, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_set_acquisition(NULL, 1, 1), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_set_ltv(NULL, 1), LTV_EINVAL);
    ltv_matrix_clear_figures(m);
    cr_assert_eq(ltv_matrix_get_acquisition(m, NULL, NULL), LTV_ENOTFOUND);
    cr_assert_eq(ltv_matrix_get_ltv(m, &ltv), LTV_ENOTFOUND);
    ltv_matrix_free(m);
}

/* ---- analysis ------------------------------------------------------------------------- */

Test(matrix_analysis, gaps_are_listed_stage_by_stage) {
    ltv_matrix *m = new_empty();
    size_t n = 99;
    cr_assert_eq(ltv_matrix_gaps(m, NULL, NULL, 0, &n), LTV_OK);
    cr_assert_eq(n, 20);
    /* Everything active except three boxes. */
    for (int s = 0; s < 4; s++) set_stage(m, s, 5);
    set(m, LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, LTV_BOX_EMPTY, NULL);
    set(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_CHANNEL, LTV_BOX_DRAFT, "LINE?");
    set(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_SEGMENT, LTV_BOX_EMPTY, NULL);
    int32_t stages[20], elements[20];
    cr_assert_eq(ltv_matrix_gaps(m, stages, elements, 20, &n), LTV_OK);
    cr_assert_eq(n, 3);
    cr_assert_eq(stages[0], LTV_STAGE_ACTIVATION);
    cr_assert_eq(elements[0], LTV_ELEMENT_SEGMENT);
    cr_assert_eq(stages[1], LTV_STAGE_ACTIVATION);
    cr_assert_eq(elements[1], LTV_ELEMENT_CHANNEL);
    cr_assert_eq(stages[2], LTV_STAGE_RETENTION);
    cr_assert_eq(elements[2], LTV_ELEMENT_OFFER);
    /* One column alone is fine; a short buffer reports the size needed. */
    cr_assert_eq(ltv_matrix_gaps(m, NULL, elements, 3, &n), LTV_OK);
    cr_assert_eq(ltv_matrix_gaps(m, stages, NULL, 2, &n), LTV_EBUFSIZE);
    cr_assert_eq(n, 3);
    cr_assert_not_null(strstr(ltv_last_error(), "capacity 2 is too small for 3 gaps"));
    cr_assert_eq(ltv_matrix_gaps(m, NULL, NULL, 0, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_gaps(NULL, NULL, NULL, 0, &n), LTV_EINVAL);
    ltv_matrix_free(m);
}

Test(matrix_analysis, stage_counts) {
    ltv_matrix *m = new_empty();
    set(m, 1, 0, LTV_BOX_ACTIVE, "a");
    set(m, 1, 1, LTV_BOX_ACTIVE, "b");
    set(m, 1, 4, LTV_BOX_DRAFT, "c");
    uint32_t empty, draft, active;
    cr_assert_eq(ltv_matrix_stage_counts(m, 1, &empty, &draft, &active), LTV_OK);
    cr_assert_eq(empty, 2);
    cr_assert_eq(draft, 1);
    cr_assert_eq(active, 2);
    cr_assert_eq(ltv_matrix_stage_counts(m, 0, &empty, NULL, NULL), LTV_OK);
    cr_assert_eq(empty, 5);
    cr_assert_eq(ltv_matrix_stage_counts(m, 4, NULL, NULL, NULL), LTV_EINVAL);
    int planned = -1;
    cr_assert_eq(ltv_matrix_stage_planned(m, 1, &planned), LTV_OK);
    cr_assert_eq(planned, 0, "2 active of 5 is below the default 3");
    set(m, 1, 2, LTV_BOX_ACTIVE, "d");
    cr_assert_eq(ltv_matrix_stage_planned(m, 1, &planned), LTV_OK);
    cr_assert_eq(planned, 1);
    cr_assert_eq(ltv_matrix_stage_planned(m, -1, &planned), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_stage_planned(m, 1, NULL), LTV_EINVAL);
    ltv_matrix_free(m);
}

static int balance_of(const ltv_matrix *m) {
    int verdict = -1;
    cr_assert_eq(ltv_matrix_balance(m, &verdict), LTV_OK);
    return verdict;
}

Test(matrix_analysis, balance_verdict_rule) {
    ltv_matrix *m = new_empty();
    cr_assert_eq(balance_of(m), LTV_BALANCE_NOT_PLANNED);
    /* Acquisition at the threshold (3 of 5 active), nothing on the right: the leaking bath. */
    set_stage(m, LTV_STAGE_ACQUISITION, 3);
    cr_assert_eq(balance_of(m), LTV_BALANCE_LEAKING);
    /* Existing stages with drafts only, or 2 active boxes, are still not planned. */
    for (int e = 0; e < 5; e++) set(m, LTV_STAGE_ACTIVATION, e, LTV_BOX_DRAFT, "draft");
    set_stage(m, LTV_STAGE_RETENTION, 2);
    cr_assert_eq(balance_of(m), LTV_BALANCE_LEAKING);
    /* One existing stage planned: partial. */
    set_stage(m, LTV_STAGE_RETENTION, 3);
    cr_assert_eq(balance_of(m), LTV_BALANCE_PARTIAL);
    set_stage(m, LTV_STAGE_ACTIVATION, 5);
    cr_assert_eq(balance_of(m), LTV_BALANCE_PARTIAL);
    /* All three planned: balanced. */
    set_stage(m, LTV_STAGE_CHURN_PREVENTION, 4);
    cr_assert_eq(balance_of(m), LTV_BALANCE_BALANCED);
    /* Acquisition just below the threshold: existing customers first is balanced. */
    set_stage(m, LTV_STAGE_ACQUISITION, 2);
    set_stage(m, LTV_STAGE_ACTIVATION, 0);
    set_stage(m, LTV_STAGE_CHURN_PREVENTION, 0);
    cr_assert_eq(balance_of(m), LTV_BALANCE_BALANCED);
    set_stage(m, LTV_STAGE_RETENTION, 0);
    cr_assert_eq(balance_of(m), LTV_BALANCE_NOT_PLANNED);
    ltv_matrix_free(m);
}

Test(matrix_analysis, balance_threshold_is_a_setting) {
    ltv_matrix *m = new_empty();
    set_stage(m, LTV_STAGE_ACQUISITION, 4);
    set_stage(m, LTV_STAGE_RETENTION, 1);
    cr_assert_eq(balance_of(m), LTV_BALANCE_LEAKING);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_PLANNED_MIN, 5), LTV_OK);
    cr_assert_eq(balance_of(m), LTV_BALANCE_NOT_PLANNED);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_PLANNED_MIN, 1), LTV_OK);
    cr_assert_eq(balance_of(m), LTV_BALANCE_PARTIAL);
    int v;
    cr_assert_eq(ltv_matrix_balance(NULL, &v), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_balance(m, NULL), LTV_EINVAL);
    ltv_matrix_free(m);
}

Test(matrix_analysis, balance_messages) {
    cr_assert_not_null(strstr(ltv_matrix_balance_message(LTV_BALANCE_LEAKING, LTV_LANG_JA), "ダダ漏れ"));
    cr_assert_not_null(strstr(ltv_matrix_balance_message(LTV_BALANCE_LEAKING, LTV_LANG_EN), "plug out"));
    cr_assert_not_null(strstr(ltv_matrix_balance_message(LTV_BALANCE_BALANCED, LTV_LANG_EN), "No leak"));
    cr_assert_null(ltv_matrix_balance_message(4, LTV_LANG_EN));
    cr_assert_null(ltv_matrix_balance_message(0, 5));
    cr_assert_not_null(strstr(ltv_matrix_cpo_message(LTV_CPO_LEAKING, LTV_LANG_JA), "CPO>LTV"));
    cr_assert_not_null(strstr(ltv_matrix_cpo_message(LTV_CPO_BREAK_EVEN, LTV_LANG_EN), "equals"));
    cr_assert_null(ltv_matrix_cpo_message(-1, LTV_LANG_EN));
}

static int cpo_of(const ltv_matrix *m) {
    int verdict = -1;
    cr_assert_eq(ltv_matrix_cpo_verdict(m, &verdict), LTV_OK, "%s", ltv_last_error());
    return verdict;
}

Test(matrix_analysis, cpo_verdict_boundaries) {
    ltv_matrix *m = new_empty();
    int verdict = -1;
    cr_assert_eq(ltv_matrix_cpo_verdict(m, &verdict), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "no CPO and no LTV set"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_set_acquisition(m, 100, 4200), LTV_OK);
    cr_assert_eq(ltv_matrix_cpo_verdict(m, &verdict), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "no LTV set (see ltv_matrix_set_ltv)"), "%s", ltv_last_error());
    cr_assert_eq(verdict, -1, "untouched on failure");
    cr_assert_eq(ltv_matrix_set_ltv(m, 4200), LTV_OK);
    cr_assert_eq(cpo_of(m), LTV_CPO_BREAK_EVEN, "CPO == LTV is not a leak");
    cr_assert_eq(ltv_matrix_set_acquisition(m, 100, 4201), LTV_OK);
    cr_assert_eq(cpo_of(m), LTV_CPO_LEAKING, "CPO > LTV by one minor unit");
    cr_assert_eq(ltv_matrix_set_acquisition(m, 100, 4199), LTV_OK);
    cr_assert_eq(cpo_of(m), LTV_CPO_PROFITABLE);
    cr_assert_eq(ltv_matrix_set_acquisition(m, 0, 0), LTV_OK);
    cr_assert_eq(ltv_matrix_set_ltv(m, 0), LTV_OK);
    cr_assert_eq(cpo_of(m), LTV_CPO_BREAK_EVEN);
    ltv_matrix_clear_figures(m);
    cr_assert_eq(ltv_matrix_set_ltv(m, 1), LTV_OK);
    cr_assert_eq(ltv_matrix_cpo_verdict(m, &verdict), LTV_ENOTFOUND);
    cr_assert_not_null(strstr(ltv_last_error(), "no CPO set (see ltv_matrix_set_acquisition)"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_cpo_verdict(m, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_cpo_verdict(NULL, &verdict), LTV_EINVAL);
    ltv_matrix_free(m);
}

/* ---- saving and loading --------------------------------------------------------------- */

Test(matrix_io, json_round_trip_is_exact) {
    ltv_matrix *m = tricky_matrix();
    char *text = save(m, LTV_MATRIX_FORMAT_JSON);
    ltv_matrix *back = load_ok(LTV_MATRIX_FORMAT_JSON, text);
    assert_same_boxes(m, back);
    char *again = save(back, LTV_MATRIX_FORMAT_JSON);
    cr_assert_str_eq(again, text);
    ltv_free(text);
    ltv_free(again);
    ltv_matrix_free(m);
    ltv_matrix_free(back);
}

Test(matrix_io, csv_round_trip_is_exact) {
    ltv_matrix *m = tricky_matrix();
    char *text = save(m, LTV_MATRIX_FORMAT_CSV);
    ltv_matrix *back = load_ok(LTV_MATRIX_FORMAT_CSV, text);
    assert_same_boxes(m, back);
    char *again = save(back, LTV_MATRIX_FORMAT_CSV);
    cr_assert_str_eq(again, text);
    ltv_free(text);
    ltv_free(again);
    ltv_matrix_free(m);
    ltv_matrix_free(back);
}

Test(matrix_io, max_length_texts_survive_both_formats) {
    ltv_matrix *m = new_empty();
    char text[LTV_MATRIX_TEXT_MAX];
    for (size_t i = 0; i < sizeof text; i++) text[i] = "\"\\,\n"[i % 4];
    text[0] = 'x'; /* "\"\\,\n" repeated: every byte needs escaping or quoting */
    cr_assert_eq(ltv_matrix_set_box(m, 3, 4, LTV_BOX_ACTIVE, text, sizeof text), LTV_OK);
    for (int format = LTV_MATRIX_FORMAT_CSV; format <= LTV_MATRIX_FORMAT_JSON; format++) {
        char *saved = save(m, format);
        ltv_matrix *back = load_ok(format, saved);
        assert_same_boxes(m, back);
        ltv_free(saved);
        ltv_matrix_free(back);
    }
    ltv_matrix_free(m);
}

Test(matrix_io, saved_json_follows_the_schema) {
    ltv_matrix *m = new_empty();
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, LTV_BOX_ACTIVE, "Fans' look-alikes");
    set(m, LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, LTV_BOX_DRAFT, "会員限定\n\"先行\"");
    char *text = save(m, LTV_MATRIX_FORMAT_JSON);
    const char *head = "{\n  \"format\": \"ltvcrm-matrix\",\n  \"version\": 1,\n  \"boxes\": [\n"
                       "    {\"stage\": \"acquisition\", \"element\": \"segment\", \"status\": \"active\", \"text\": "
                       "\"Fans' look-alikes\"},\n"
                       "    {\"stage\": \"acquisition\", \"element\": \"offer\", \"status\": \"empty\", \"text\": \"\"},\n";
    cr_assert_eq(strncmp(text, head, strlen(head)), 0, "%s", text);
    cr_assert_not_null(strstr(text, "    {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"draft\", "
                                    "\"text\": \"会員限定\\n\\\"先行\\\"\"},\n"));
    const char *tail = "    {\"stage\": \"churn_prevention\", \"element\": \"channel\", \"status\": \"empty\", "
                       "\"text\": \"\"}\n  ]\n}\n";
    cr_assert_str_eq(text + strlen(text) - strlen(tail), tail);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_io, saved_csv_has_one_row_per_box) {
    ltv_matrix *m = new_empty();
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, LTV_BOX_ACTIVE, "plain");
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_OFFER, LTV_BOX_DRAFT, "a, \"b\"\nc");
    char *text = save(m, LTV_MATRIX_FORMAT_CSV);
    const char *head = "stage,element,status,text\n"
                       "acquisition,segment,active,plain\n"
                       "acquisition,offer,draft,\"a, \"\"b\"\"\nc\"\n"
                       "acquisition,creative,empty,\n";
    cr_assert_eq(strncmp(text, head, strlen(head)), 0, "%s", text);
    cr_assert_str_eq(text + strlen(text) - strlen("churn_prevention,channel,empty,\n"),
                     "churn_prevention,channel,empty,\n");
    size_t lines = 0;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    cr_assert_eq(lines, 22, "header + 20 rows + the line break inside a quoted field");
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_io, hand_written_json_is_accepted) {
    const char *text = "\xEF\xBB\xBF{\r\n"
                       "  \"version\": 1, \"format\": \"ltvcrm-matrix\",\r\n"
                       "  \"boxes\": [\r\n"
                       "    {\"status\": \"実施中\", \"element\": \"Offer\", \"stage\": \"既存客維持\", \"text\": \"a\\r\\nb\"},\r\n"
                       "    {\"stage\": \"Churn prevention\", \"element\": \"TIMING\", \"status\": \"empty\"}\r\n"
                       "  ],\r\n"
                       "  \"report\": {\"anything\": [1, 2, {\"x\": null}]}\r\n"
                       "}\r\n";
    ltv_matrix *m = load_ok(LTV_MATRIX_FORMAT_JSON, text);
    int status;
    const char *box;
    cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, &status, &box, NULL), LTV_OK);
    cr_assert_eq(status, LTV_BOX_ACTIVE);
    cr_assert_str_eq(box, "a\nb", "CRLF inside a box becomes LF");
    size_t gaps;
    cr_assert_eq(ltv_matrix_gaps(m, NULL, NULL, 0, &gaps), LTV_OK);
    cr_assert_eq(gaps, 19, "missing boxes stay empty");
    ltv_matrix_free(m);
}

Test(matrix_io, hand_written_csv_is_accepted) {
    const char *text = "\xEF\xBB\xBF\r\n"
                       " Text ,memo,STATUS,Stage,element\r\n"
                       "\"line 1\r\nline 2\",ignored,下書き,新規獲得,セグメント\r\n"
                       "\r\n"
                       "plan,,Active,churn prevention,channel";
    ltv_matrix *m = load_ok(LTV_MATRIX_FORMAT_CSV, text);
    int status;
    const char *box;
    cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, &status, &box, NULL), LTV_OK);
    cr_assert_eq(status, LTV_BOX_DRAFT);
    cr_assert_str_eq(box, "line 1\nline 2");
    cr_assert_eq(ltv_matrix_get_box(m, LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_CHANNEL, &status, &box, NULL), LTV_OK);
    cr_assert_eq(status, LTV_BOX_ACTIVE);
    cr_assert_str_eq(box, "plan");
    ltv_matrix_free(m);
    /* A header alone is an empty plan. */
    m = load_ok(LTV_MATRIX_FORMAT_CSV, "stage,element,status,text\n");
    size_t gaps;
    cr_assert_eq(ltv_matrix_gaps(m, NULL, NULL, 0, &gaps), LTV_OK);
    cr_assert_eq(gaps, 20);
    ltv_matrix_free(m);
}

Test(matrix_io, rendered_json_loads_back_as_the_plan) {
    ltv_matrix *m = tricky_matrix();
    ltv_matrix_set_acquisition(m, 10, 20);
    ltv_matrix_set_ltv(m, 30);
    char *text = render(m, LTV_MATRIX_FORMAT_JSON, LTV_LANG_JA);
    ltv_matrix *back = load_ok(LTV_MATRIX_FORMAT_JSON, text);
    assert_same_boxes(m, back);
    cr_assert_eq(ltv_matrix_get_ltv(back, &(int64_t){0}), LTV_ENOTFOUND, "figures are not part of the plan");
    ltv_free(text);
    ltv_matrix_free(m);
    ltv_matrix_free(back);
}

Test(matrix_io, json_errors_name_line_and_column) {
    const int J = LTV_MATRIX_FORMAT_JSON;
    load_fails_str(J, "{\n  \"format\": \"ltvcrm-matrix\"\n  \"version\": 1\n}", LTV_EPARSE, "line 3, column 3",
                   "',' or '}'");
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": 1, \"boxes\": [\n  {\"stage\": \"acquisition",
                   LTV_EPARSE, "line 2, column 13", "not closed");
    load_fails_str(J, "[]", LTV_EFORMAT, "line 1, column 1", "the top-level value\" must be an object");
    load_fails_str(J, "{\"version\": 1, \"boxes\": []}", LTV_EFORMAT, "no \"format\"", NULL);
    load_fails_str(J, "{\"format\": \"other\", \"version\": 1, \"boxes\": []}", LTV_EFORMAT, "line 1, column 12",
                   "format is \"other\"");
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": 2, \"boxes\": []}", LTV_EFORMAT,
                   "line 1, column 40", "version 2 is not supported");
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": \"1\", \"boxes\": []}", LTV_EFORMAT,
                   "line 1, column 40", "version");
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": 1}", LTV_EFORMAT, "no \"boxes\"", NULL);
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": 1, \"boxes\": {}}", LTV_EFORMAT,
                   "\"boxes\" must be an array, not an object", NULL);
    load_fails_str(J, "{\"format\": \"ltvcrm-matrix\", \"version\": 1, \"boxes\": [], \"extra\": 1}", LTV_EFORMAT,
                   "line 1, column 56", "unknown member \"extra\"");
}

static void box_fails(const char *box, int status, const char *frag1, const char *frag2) {
    char text[4096];
    snprintf(text, sizeof text, "{\"format\": \"ltvcrm-matrix\", \"version\": 1, \"boxes\": [\n%s\n]}", box);
    load_fails_str(LTV_MATRIX_FORMAT_JSON, text, status, frag1, frag2);
}

Test(matrix_io, json_box_errors) {
    box_fails("  {\"stage\": \"welcome\", \"element\": \"offer\", \"status\": \"draft\", \"text\": \"x\"}", LTV_EPARSE,
              "line 2, column 13", "unknown stage \"welcome\"");
    box_fails("  {\"stage\": \"retention\", \"element\": \"price\", \"status\": \"draft\", \"text\": \"x\"}", LTV_EPARSE,
              "line 2, column 37", "unknown element \"price\"");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"done\", \"text\": \"x\"}", LTV_EPARSE,
              "line 2, column 56", "unknown status \"done\"");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": 2, \"text\": \"x\"}", LTV_EFORMAT,
              "line 2, column 56", "\"status\" must be a string, not a number");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"text\": \"x\"}", LTV_EFORMAT, "line 2, column 3",
              "no \"status\"");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"draft\", \"txt\": \"x\"}", LTV_EFORMAT,
              "line 2, column 65", "unknown member \"txt\"");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"draft\", \"text\": \"x\"},\n"
              "  {\"stage\": \"retention\", \"element\": \"Offer\", \"status\": \"active\", \"text\": \"y\"}",
              LTV_EPARSE, "line 3, column 3", "box (retention, offer) is given twice (first at line 2)");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"empty\", \"text\": \"x\"}", LTV_EPARSE,
              "line 2, column 73", "status is empty but the text has 1 bytes");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"active\", \"text\": \"\"}", LTV_EPARSE,
              "line 2, column 74", "status is active but the text is empty");
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"active\", \"text\": \"a\\u0007\"}",
              LTV_EPARSE, "line 2, column 74", "control character U+0007");
    box_fails("  \"not a box\"", LTV_EFORMAT, "line 2, column 3", "must be an object");
    /* A NUL inside a member name does not make it a known one. */
    box_fails("  {\"stage\\u0000x\": \"retention\", \"element\": \"offer\", \"status\": \"draft\", \"text\": \"x\"}",
              LTV_EFORMAT, "line 2, column 4", "unknown member \"stage\"");
}

Test(matrix_io, json_encoding_and_length_errors) {
    box_fails("  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"active\", \"text\": \"\x90\x56\"}",
              LTV_EENCODING, "line 2, column 75", "0x90");
    char box[2000];
    int n = snprintf(box, sizeof box, "  {\"stage\": \"retention\", \"element\": \"offer\", \"status\": \"active\", \"text\": \"");
    memset(box + n, 'x', 1025);
    strcpy(box + n + 1025, "\"}");
    box_fails(box, LTV_ERANGE, "line 2, column 74", "box (retention, offer): text is 1025 bytes; the limit is 1024");
}

Test(matrix_io, csv_errors_name_line_and_column) {
    const int C = LTV_MATRIX_FORMAT_CSV;
    load_fails_str(C, "", LTV_EFORMAT, "no header line", NULL);
    load_fails_str(C, "stage,element,text\n", LTV_EFORMAT, "line 1, column 1", "no \"status\" column");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft,\"open\nquote", LTV_EPARSE, "line 2, column 23",
                   "quoted field is not closed");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft,\"closed\" late", LTV_EPARSE,
                   "line 2, column 31", "text after the closing quote");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft,say \"hi\"", LTV_EPARSE, "line 2, column 27",
                   "quote inside an unquoted field");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft\n", LTV_EPARSE, "line 2, column 1",
                   "the row has 3 fields but the header has 4");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft,a,b\n", LTV_EPARSE, "line 2, column 1",
                   "the row has 5 fields");
    load_fails_str(C, "stage,element,status,text\n\nwelcome,offer,draft,x\n", LTV_EPARSE, "line 3, column 1",
                   "unknown stage \"welcome\"");
    load_fails_str(C, "stage,element,status,text\nretention,価格,draft,x\n", LTV_EPARSE, "line 2, column 11",
                   "unknown element \"価格\"");
    load_fails_str(C, "text,status,element,stage\nx,done,offer,retention\n", LTV_EPARSE, "line 2, column 3",
                   "unknown status \"done\"");
    load_fails_str(C, "stage,element,status,text\nretention,offer,draft,x\nretention,offer,active,y\n", LTV_EPARSE,
                   "line 3, column 1", "given twice (first at line 2)");
    load_fails_str(C, "stage,element,status,text\nretention,offer,empty,x\n", LTV_EPARSE, "line 2, column 23",
                   "status is empty");
    load_fails_str(C, "stage,element,status,text\r\nretention,offer,draft,\"a\x7f\"\r\n", LTV_EPARSE,
                   "line 2, column 23", "control character U+007F");
}

Test(matrix_io, csv_encoding_and_length_errors) {
    /* A Shift_JIS export: 新規獲得 in Shift_JIS on line 2. */
    load_fails_str(LTV_MATRIX_FORMAT_CSV, "stage,element,status,text\n\x90\x56\x8B\x4B\x8A\x6C\x93\xBE,offer,draft,x\n",
                   LTV_EENCODING, "line 2, column 1", "not Shift_JIS");
    char text[1200];
    int n = snprintf(text, sizeof text, "stage,element,status,text\nretention,offer,draft,");
    memset(text + n, 'y', 1025);
    text[n + 1025] = '\0';
    load_fails_str(LTV_MATRIX_FORMAT_CSV, text, LTV_ERANGE, "line 2, column 23", "1025 bytes; the limit is 1024");
}

Test(matrix_io, bad_arguments) {
    ltv_matrix *m = new_empty();
    char *text = NULL;
    cr_assert_eq(ltv_matrix_save(m, LTV_MATRIX_FORMAT_TEXT, &text, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "for reading only"), "%s", ltv_last_error());
    cr_assert_eq(ltv_matrix_save(m, 9, &text, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_save(m, LTV_MATRIX_FORMAT_JSON, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_save(NULL, LTV_MATRIX_FORMAT_JSON, &text, NULL), LTV_EINVAL);
    cr_assert_null(text);
    load_fails(LTV_MATRIX_FORMAT_MARKDOWN, "x", 1, LTV_EINVAL, "for reading only", NULL);
    load_fails(LTV_MATRIX_FORMAT_JSON, NULL, 3, LTV_EINVAL, "data is NULL with len 3", NULL);
    cr_assert_eq(ltv_matrix_load(NULL, LTV_MATRIX_FORMAT_JSON, "{}", 2), LTV_EINVAL);
    /* Not NUL-terminated: only len bytes are read. */
    ltv_matrix *back = NULL;
    cr_assert_eq(ltv_matrix_load(&back, LTV_MATRIX_FORMAT_CSV, "stage,element,status,text\nGARBAGE", 26), LTV_OK);
    ltv_matrix_free(back);
    ltv_matrix_free(m);
}

Test(matrix_io, files) {
    char path[] = "/tmp/ltv_matrix_test_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    ltv_matrix *m = tricky_matrix();
    for (int format = LTV_MATRIX_FORMAT_CSV; format <= LTV_MATRIX_FORMAT_JSON; format++) {
        cr_assert_eq(ltv_matrix_save_file(m, format, path), LTV_OK, "%s", ltv_last_error());
        ltv_matrix *back = NULL;
        cr_assert_eq(ltv_matrix_load_file(&back, format, path), LTV_OK, "%s", ltv_last_error());
        assert_same_boxes(m, back);
        ltv_matrix_free(back);
    }
    /* Errors in a file carry its path. */
    FILE *f = fopen(path, "wb");
    fputs("{\n  \"format\": 1\n}", f);
    fclose(f);
    ltv_matrix *back = NULL;
    cr_assert_eq(ltv_matrix_load_file(&back, LTV_MATRIX_FORMAT_JSON, path), LTV_EFORMAT);
    cr_assert_not_null(strstr(ltv_last_error(), path));
    cr_assert_not_null(strstr(ltv_last_error(), "line 2, column 13"), "%s", ltv_last_error());
    unlink(path);
    cr_assert_eq(ltv_matrix_load_file(&back, LTV_MATRIX_FORMAT_JSON, path), LTV_EIO);
    cr_assert_not_null(strstr(ltv_last_error(), "cannot open"));
    cr_assert_null(back);
    cr_assert_eq(ltv_matrix_save_file(m, LTV_MATRIX_FORMAT_JSON, "/nonexistent-dir/plan.json"), LTV_EIO);
    cr_assert_not_null(strstr(ltv_last_error(), "/nonexistent-dir/plan.json"));
    cr_assert_eq(ltv_matrix_save_file(m, LTV_MATRIX_FORMAT_TEXT, path), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_load_file(&back, LTV_MATRIX_FORMAT_JSON, NULL), LTV_EINVAL);
    ltv_matrix_free(m);
}

/* ---- rendering ------------------------------------------------------------------------ */

/* "| text<padding> |": one stage cell of the text table, `width` columns wide. */
static const char *cell_of(const char *text, size_t width) {
    static char buf[512];
    size_t used = ltv__utf8_display_width(text, strlen(text));
    size_t len = (size_t)snprintf(buf, sizeof buf, "| %s", text);
    for (size_t k = used; k < width; k++) buf[len++] = ' ';
    strcpy(buf + len, " |");
    return buf;
}

/* Every line of the table (those starting with '+' or '|') has the same display width. */
static void assert_table_width(const char *text, size_t expected) {
    size_t rows = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 0 && (line[0] == '+' || line[0] == '|')) {
            size_t width = ltv__utf8_display_width(line, len);
            cr_assert_eq(width, expected, "line '%.*s' is %zu columns, expected %zu", (int)len, line, width, expected);
            rows++;
        }
        line += len + (end ? 1 : 0);
    }
    cr_assert_gt(rows, 12);
}

Test(matrix_render, japanese_text_table_lines_up) {
    ltv_matrix *m = tricky_matrix();
    ltv_matrix_set_acquisition(m, 12000, 5000);
    ltv_matrix_set_ltv(m, 4200);
    ltv_matrix_set_stage_figures(m, LTV_STAGE_RETENTION, 340, 1234500);
    char *text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_JA);
    /* Label column: クリエイティブ = 7 wide characters = 14 columns; 4 stage columns of 28.
     * 1 + (14 + 3) + 4 * (28 + 3) = 142. */
    assert_table_width(text, 142);
    cr_assert_not_null(strstr(text, "| クリエイティブ |"), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("新規獲得", 28)), "%s", text);
    ltv_free(text);
    ltv_matrix_set_i64(m, LTV_MATRIX_CELL_WIDTH, 13); /* odd width: wide characters cannot fill it */
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_JA);
    assert_table_width(text, 1 + 17 + 4 * 16);
    ltv_free(text);
    /* English labels: Creative = 8 columns. */
    ltv_matrix_set_i64(m, LTV_MATRIX_CELL_WIDTH, 28);
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    assert_table_width(text, 1 + 11 + 4 * 31);
    ltv_free(text);
    ltv_matrix_free(m);
}

/* The rendered row lines of one table row, for exact checks of wrapping. */
static ltv_matrix *one_box(const char *plan, int width, int lines) {
    ltv_matrix *m = new_empty();
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, LTV_BOX_ACTIVE, plan);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_CELL_WIDTH, width), LTV_OK);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_CELL_LINES, lines), LTV_OK);
    cr_assert_eq(ltv_matrix_set_i64(m, LTV_MATRIX_ANALYSIS, 0), LTV_OK);
    return m;
}

static void assert_cell_lines(const char *plan, int width, int lines, const char *const *expected, size_t count) {
    ltv_matrix *m = one_box(plan, width, lines);
    char *text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    /* The segment row starts after the header rule; each of its lines is "| <label> | <cell> |". */
    const char *row = strstr(text, "| Segment  | ");
    cr_assert_not_null(row, "%s", text);
    for (size_t i = 0; i < count; i++) {
        char want[256];
        snprintf(want, sizeof want, "| %-8s | %s", i == 0 ? "Segment" : "", expected[i]);
        size_t used = ltv__utf8_display_width(expected[i], strlen(expected[i]));
        size_t len = strlen(want);
        for (size_t k = used; k < (size_t)width; k++) want[len++] = ' ';
        strcpy(want + len, " | ");
        cr_assert_eq(strncmp(row, want, strlen(want)), 0, "line %zu: want '%s'\n%s", i, want, text);
        row = strchr(row, '\n') + 1;
    }
    cr_assert_eq(row[0], '+', "the cell has more lines than expected:\n%s", text);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, wrapping_rules) {
    /* Spaces are break points; a space that does not fit is dropped. */
    const char *words[] = {"alpha beta", "gamma delta"};
    assert_cell_lines("alpha beta gamma delta", 12, 8, words, 2);
    /* A word longer than the cell is cut. */
    const char *word[] = {"abcdefghijkl", "mnopqrstuvwx", "yz"};
    assert_cell_lines("abcdefghijklmnopqrstuvwxyz", 12, 8, word, 3);
    /* Japanese breaks between any two characters, two columns each. */
    const char *ja[] = {"日本語のテキ", "ストを折り返", "す。"};
    assert_cell_lines("日本語のテキストを折り返す。", 12, 8, ja, 3);
    /* 、 may not start a line: こ moves down with it. */
    const char *kinsoku[] = {"あいうえおかきくけ", "こ、さ"};
    assert_cell_lines("あいうえおかきくけこ、さ", 20, 8, kinsoku, 2);
    /* 「 may not end a line. */
    const char *bracket[] = {"あいうえおか", "「きく」"};
    assert_cell_lines("あいうえおか「きく」", 14, 8, bracket, 2);
    /* Line feeds are kept; tabs show as spaces. */
    const char *breaks[] = {"one", "two three"};
    assert_cell_lines("one\ntwo\tthree", 12, 8, breaks, 2);
}

Test(matrix_render, long_cells_are_cut_with_an_ellipsis) {
    const char *cut[] = {"alpha beta", "gamma del..."};
    assert_cell_lines("alpha beta gamma delta epsilon", 12, 2, cut, 2);
    const char *ja[] = {"日本語の...", NULL};
    assert_cell_lines("日本語のテキストを折り返す。", 12, 1, ja, 1);
    const char *exact[] = {"alpha beta", "gamma delta"};
    assert_cell_lines("alpha beta gamma delta", 12, 2, exact, 2); /* fits exactly: no ellipsis */
}

Test(matrix_render, header_shows_figures_and_the_cpo_verdict) {
    ltv_matrix *m = new_empty();
    ltv_matrix_set_i64(m, LTV_MATRIX_DECIMALS, 0);
    ltv_matrix_set_acquisition(m, 12000, 5000);
    ltv_matrix_set_ltv(m, 4200);
    ltv_matrix_set_stage_figures(m, LTV_STAGE_ACTIVATION, 340, 1234000);
    char *text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    cr_assert_not_null(strstr(text, cell_of("Prospects: 12,000", 28)), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("CPO: 5,000", 28)), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("LTV (given): 4,200", 28)), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("CPO > LTV: leaking", 28)), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("Customers: 340", 28)), "%s", text);
    cr_assert_not_null(strstr(text, cell_of("Revenue: 1,234,000", 28)), "%s", text);
    cr_assert_not_null(strstr(text, "CPO vs LTV: leaking (CPO 5,000 > LTV (given) 4,200)"), "%s", text);
    ltv_free(text);
    ltv_matrix_set_ltv(m, 5000);
    ltv_matrix_set_i64(m, LTV_MATRIX_DECIMALS, 2);
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_JA);
    cr_assert_not_null(strstr(text, "CPO = LTV：損益分岐"), "%s", text);
    cr_assert_not_null(strstr(text, "CPO：50.00"), "%s", text);
    cr_assert_not_null(strstr(text, "売上：12,340.00"), "%s", text);
    cr_assert_not_null(strstr(text, "CPO対LTV：損益分岐（CPO 50.00 = LTV（入力値） 50.00）"), "%s", text);
    ltv_free(text);
    /* No figures: no figure lines. */
    ltv_matrix_clear_figures(m);
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    cr_assert_null(strstr(text, "Customers"));
    cr_assert_not_null(strstr(text, "CPO vs LTV: unknown\n"), "%s", text);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, analysis_lists_gaps_and_the_leak) {
    ltv_matrix *m = new_empty();
    set_stage(m, LTV_STAGE_ACQUISITION, 5);
    for (int s = 1; s < 4; s++) set_stage(m, s, 5);
    set(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_OFFER, LTV_BOX_DRAFT, "tbd");
    set(m, LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, LTV_BOX_EMPTY, NULL);
    set_stage(m, LTV_STAGE_RETENTION, 2);
    set_stage(m, LTV_STAGE_CHURN_PREVENTION, 0);
    char *text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    cr_assert_not_null(strstr(text, "Gaps: 10 of 20 boxes are empty or drafts\n"
                                    "  Acquisition: none\n"
                                    "  Activation: Offer (draft), Timing (empty)\n"
                                    "  Retention: Creative (empty), Timing (empty), Channel (empty)\n"
                                    "  Churn prevention: Segment (empty), Offer (empty), Creative (empty), Timing "
                                    "(empty), Channel (empty)\n"),
                       "%s", text);
    cr_assert_not_null(strstr(text, "Balance: partial"), "%s", text);
    cr_assert_not_null(strstr(text, "  Activation: 3/5 active, planned\n"), "%s", text);
    ltv_free(text);
    /* Activation has 3 active boxes: planned, so the verdict is partial, not leaking. */
    int verdict;
    ltv_matrix_balance(m, &verdict);
    cr_assert_eq(verdict, LTV_BALANCE_PARTIAL);
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_JA);
    cr_assert_not_null(strstr(text, "  既存客活性：オファー（下書き）、タイミング（未記入）\n"), "%s", text);
    cr_assert_not_null(strstr(text, "バランス：一部漏れ"), "%s", text);
    ltv_free(text);
    ltv_matrix_set_i64(m, LTV_MATRIX_ANALYSIS, 0);
    text = render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN);
    cr_assert_null(strstr(text, "Gaps"));
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, markdown_escapes_cells) {
    ltv_matrix *m = new_empty();
    set(m, LTV_STAGE_RETENTION, LTV_ELEMENT_CHANNEL, LTV_BOX_ACTIVE, "a|b <x> & c\nd");
    char *text = render(m, LTV_MATRIX_FORMAT_MARKDOWN, LTV_LANG_EN);
    cr_assert_not_null(strstr(text, "| **Channel** | [empty] | [empty] | a\\|b &lt;x&gt; &amp; c<br>d | [empty] |\n"),
                       "%s", text);
    cr_assert_not_null(strstr(text, "|  | Acquisition | Activation | Retention | Churn prevention |\n|---|---|---|---|---|\n"),
                       "%s", text);
    cr_assert_not_null(strstr(text, "**Balance: not planned**"), "%s", text);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, csv_grid) {
    ltv_matrix *m = new_empty();
    set(m, LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, LTV_BOX_DRAFT, "fans, look-alikes");
    char *text = render(m, LTV_MATRIX_FORMAT_CSV, LTV_LANG_JA);
    const char *head = ",新規獲得,既存客活性,既存客維持,既存客離脱防止\n"
                       "セグメント,\"[下書き] fans, look-alikes\",[未記入],[未記入],[未記入]\n";
    cr_assert_eq(strncmp(text, head, strlen(head)), 0, "%s", text);
    ltv_free(text);
    ltv_matrix_set_i64(m, LTV_MATRIX_DECIMALS, 0);
    ltv_matrix_set_stage_figures(m, LTV_STAGE_CHURN_PREVENTION, 7, 700);
    text = render(m, LTV_MATRIX_FORMAT_CSV, LTV_LANG_EN);
    cr_assert_not_null(strstr(text, "\nFigures,,,,\"Customers: 7\nRevenue: 700\"\nSegment,"), "%s", text);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, json_report) {
    ltv_matrix *m = new_empty();
    set_stage(m, LTV_STAGE_ACQUISITION, 3);
    ltv_matrix_set_acquisition(m, 10, 4201);
    ltv_matrix_set_ltv(m, 4200);
    char *text = render(m, LTV_MATRIX_FORMAT_JSON, LTV_LANG_EN);
    cr_assert_not_null(strstr(text, "\"prospects\": 10, \"cpo\": 4201, \"ltv\": 4200"), "%s", text);
    cr_assert_not_null(strstr(text, "\"balance\": {\"verdict\": \"leaking\", \"planned_min\": 3,"), "%s", text);
    cr_assert_not_null(strstr(text, "\"cpo\": {\"verdict\": \"leaking\","), "%s", text);
    cr_assert_not_null(strstr(text, "{\"stage\": \"acquisition\", \"element\": \"timing\", \"status\": \"empty\"}"),
                       "%s", text);
    ltv_free(text);
    ltv_matrix_free(m);
}

Test(matrix_render, bad_arguments) {
    ltv_matrix *m = new_empty();
    char *text = NULL;
    cr_assert_eq(ltv_matrix_render(m, 4, LTV_LANG_EN, &text, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "format 4"));
    cr_assert_eq(ltv_matrix_render(m, LTV_MATRIX_FORMAT_TEXT, 2, &text, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "lang 2"));
    cr_assert_eq(ltv_matrix_render(m, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_render(NULL, LTV_MATRIX_FORMAT_TEXT, LTV_LANG_EN, &text, NULL), LTV_EINVAL);
    cr_assert_null(text);
    ltv_matrix_free(m);
}

/* Stage figures from a hand-made ledger, as of 2026-11-01: N new (1 order, 10 days ago, 100),
 * R repeat (2 orders, 300 + 200), F fan (5 orders over 400 days, 5 × 10), D dormant (1 order
 * 200 days ago, 70). Activation: 1 customer, 100; retention: 2, 550; churn prevention: 1, 70. */
Test(matrix_live, stage_figures_from_a_segmentation) {
    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "N", LTV_EVENT_ORDER, "2026-10-22", 100, 1);
    fx_add(ledger, "R", LTV_EVENT_ORDER, "2026-09-01", 300, 1);
    fx_add(ledger, "R", LTV_EVENT_ORDER, "2026-10-01", 200, 1);
    const char *fan_days[5] = {"2025-09-21", "2026-01-01", "2026-03-01", "2026-06-01", "2026-10-26"};
    for (int i = 0; i < 5; i++) fx_add(ledger, "F", LTV_EVENT_ORDER, fan_days[i], 10, 1);
    fx_add(ledger, "D", LTV_EVENT_ORDER, "2026-04-15", 70, 1);
    ltv_segmentation *seg = NULL;
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day("2026-11-01")), LTV_OK);
    ltv_matrix *m = NULL;
    cr_assert_eq(ltv_matrix_new(&m), LTV_OK);
    cr_assert_eq(ltv_matrix_set_segmentation(m, seg), LTV_OK);
    const uint64_t want_customers[4] = {0, 1, 2, 1};
    const int64_t want_revenue[4] = {0, 100, 550, 70};
    for (int s = LTV_STAGE_ACTIVATION; s <= LTV_STAGE_CHURN_PREVENTION; s++) {
        uint64_t customers;
        int64_t revenue;
        cr_assert_eq(ltv_matrix_get_stage_figures(m, s, &customers, &revenue), LTV_OK);
        cr_assert_eq(customers, want_customers[s], "stage %d", s);
        cr_assert_eq(revenue, want_revenue[s], "stage %d", s);
    }
    /* annual LTVs: N 100, R 500, F 40 (the 2025-09-21 order is outside the year), D 70 → 710 / 4 */
    int64_t ltv;
    cr_assert_eq(ltv_matrix_get_ltv(m, &ltv), LTV_OK);
    cr_assert_eq(ltv, 178); /* 177.5 rounds up */
    cr_assert_eq(ltv_matrix_set_segmentation(NULL, seg), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_set_segmentation(m, NULL), LTV_EINVAL);
    ltv_matrix_free(m);
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
}

/* The conventional names of the text round trip are the 1.0 functions under another name. */
Test(matrix_io, to_text_and_from_text_are_save_and_load) {
    ltv_matrix *m = NULL, *back = NULL;
    cr_assert_eq(ltv_matrix_new_template(&m, LTV_LANG_EN), LTV_OK);
    for (int format = LTV_MATRIX_FORMAT_CSV; format <= LTV_MATRIX_FORMAT_JSON; format++) {
        char *saved = NULL, *text = NULL, *again = NULL;
        size_t saved_len = 0, len = 0, again_len = 0;
        cr_assert_eq(ltv_matrix_save(m, format, &saved, &saved_len), LTV_OK);
        cr_assert_eq(ltv_matrix_to_text(m, format, &text, &len), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(len, saved_len);
        cr_assert_str_eq(text, saved);
        cr_assert_eq(ltv_matrix_from_text(&back, format, text, len), LTV_OK, "%s", ltv_last_error());
        cr_assert_eq(ltv_matrix_to_text(back, format, &again, &again_len), LTV_OK);
        cr_assert_str_eq(again, text);
        ltv_matrix_free(back);
        back = NULL;
        ltv_free(saved);
        ltv_free(text);
        ltv_free(again);
    }
    cr_assert_eq(ltv_matrix_to_text(m, LTV_MATRIX_FORMAT_TEXT, &(char *){NULL}, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_matrix_from_text(&back, LTV_MATRIX_FORMAT_JSON, "{", 1), LTV_EPARSE);
    ltv_matrix_free(m);
}
