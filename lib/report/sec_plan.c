/* The planning sections: the 4 × 5 campaign matrix with the ledger's figures and its gaps,
 * the maturity grade with its next steps, and the 90-day plan's channel load. */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

static void stage_head(ltv__textbuf *tb, const ltv__report *r, int stage) {
    const char *name = ltv_stage_label(stage, r->lang);
    ltv__tb_puts(tb, "<th scope=\"col\">");
    ltv__tb_html(tb, name ? name : "", name ? strlen(name) : 0);
    uint64_t customers = 0;
    int64_t revenue = 0;
    if (stage != LTV_STAGE_ACQUISITION &&
        ltv_matrix_get_stage_figures(r->matrix, stage, &customers, &revenue) == LTV_OK) {
        char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT];
        ltv__report_count(a, customers);
        ltv__format_money(revenue, r->decimals, b, sizeof b);
        const char *args[2] = {a, b};
        ltv__tb_puts(tb, "<span class=\"fig\">");
        ltv__report_fill(tb, ltv__report_text(T_STAGE_FIGURES, r->lang), args, 2);
        ltv__tb_puts(tb, "</span>");
    }
    ltv__tb_puts(tb, "</th>");
}

int ltv__report_sec_matrix(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    size_t gaps = 0;
    int verdict = 0;
    int status = ltv_matrix_gaps(r->matrix, NULL, NULL, 0, &gaps);
    if (status == LTV_OK) status = ltv_matrix_balance(r->matrix, &verdict);
    if (status != LTV_OK) return status;
    ltv__report_section_open(tb, "matrix", ltv__report_text(T_SEC_MATRIX, lang));
    ltv__report_para(tb, "note", ltv__report_text(r->opts && r->opts->matrix ? T_MATRIX_NOTE_PLAN : T_MATRIX_NOTE_EMPTY,
                                                  lang));
    char g[16];
    snprintf(g, sizeof g, "%zu", gaps);
    const char *balance = ltv_matrix_balance_message(verdict, lang);
    const char *args[2] = {g, balance ? balance : ""};
    ltv__tb_puts(tb, "<p class=\"reading\">");
    ltv__report_fill(tb, ltv__report_text(T_READ_MATRIX, lang), args, 2);
    ltv__tb_puts(tb, "</p>\n<table class=\"matrix\">\n<thead><tr><th></th>");
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) stage_head(tb, r, s);
    ltv__tb_puts(tb, "</tr></thead>\n<tbody>\n");
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        const char *name = ltv_element_label(e, lang);
        ltv__report_row_head(tb, name ? name : "");
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            int box = LTV_BOX_EMPTY;
            const char *text = "";
            size_t len = 0;
            status = ltv_matrix_get_box(r->matrix, s, e, &box, &text, &len);
            if (status != LTV_OK) return status;
            const char *label = ltv_matrix_box_status_label(box, lang);
            ltv__tb_printf(tb, "<td class=\"%s\">", box == LTV_BOX_ACTIVE ? "active" : box == LTV_BOX_DRAFT ? "draft" : "gap");
            if (box == LTV_BOX_EMPTY || len == 0) {
                ltv__tb_puts(tb, ltv__report_text(T_GAP_BOX, lang));
            } else {
                ltv__tb_html(tb, text, len);
                if (box == LTV_BOX_DRAFT && label) {
                    ltv__tb_puts(tb, " (");
                    ltv__tb_html(tb, label, strlen(label));
                    ltv__tb_puts(tb, ")");
                }
            }
            ltv__tb_puts(tb, "</td>");
        }
        ltv__report_row_end(tb);
    }
    ltv__tb_puts(tb, "</tbody>\n</table>\n");
    ltv__report_section_close(tb);
    return LTV_OK;
}

void ltv__report_sec_grade(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    const ltv_grade *grade = r->grade;
    ltv__report_section_open(tb, "grade", ltv__report_text(T_SEC_GRADE, lang));
    const char *letter = ltv_grade_letter(grade), *title = ltv_grade_title(grade, lang);
    const char *summary = ltv_grade_summary(grade, lang);
    ltv__tb_puts(tb, "<p><span class=\"grade\">");
    ltv__tb_puts(tb, letter ? letter : "-");
    ltv__tb_puts(tb, "</span><b>");
    if (title) ltv__tb_html(tb, title, strlen(title));
    ltv__tb_puts(tb, "</b></p>\n");
    if (summary) ltv__report_para(tb, "reading", summary);
    char n[16];
    snprintf(n, sizeof n, "%d", (int)ltv_grade_a_count(grade));
    const char *args[1] = {n};
    ltv__tb_puts(tb, "<p class=\"note\">");
    ltv__report_fill(tb, ltv__report_text(T_READ_GRADE, lang), args, 1);
    ltv__tb_puts(tb, "</p>\n");
    const size_t steps = ltv_grade_step_count(grade);
    if (steps) {
        ltv__tb_puts(tb, "<h3>");
        ltv__tb_puts(tb, ltv__report_text(T_NEXT_STEPS, lang));
        ltv__tb_puts(tb, "</h3>\n");
        ltv__tb_puts(tb, "<table class=\"steps\">\n<thead><tr>");
        static const int heads[4] = {T_QUESTION, T_ANSWER, T_TODO, T_SHOP_FIGURE};
        for (int h = 0; h < 4; h++) {
            ltv__tb_puts(tb, "<th scope=\"col\">");
            ltv__tb_puts(tb, ltv__report_text(heads[h], lang));
            ltv__tb_puts(tb, "</th>");
        }
        ltv__tb_puts(tb, "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < steps; i++) {
            int32_t q = 0, answer = 0;
            if (ltv_grade_step(grade, i, &q, &answer, NULL, NULL, NULL) != LTV_OK) continue;
            const char *topic = ltv_grader_topic(q, lang), *text = ltv_grade_step_text(grade, i, lang);
            const char *line = NULL;
            if (ltv_grade_figure_line(grade, q, lang, &line) != LTV_OK) line = NULL;
            char head[LTV__VALUE_TEXT * 2], letter_text[4] = {(char)('A' + answer), '\0'};
            snprintf(head, sizeof head, "Q%d %s", (int)q, topic ? topic : "");
            ltv__report_row_head(tb, head);
            ltv__report_cell(tb, letter_text);
            ltv__tb_puts(tb, "<td class=\"text\">");
            if (text) ltv__tb_html(tb, text, strlen(text));
            ltv__tb_puts(tb, "</td><td class=\"text\">");
            if (line) ltv__tb_html(tb, line, strlen(line));
            ltv__tb_puts(tb, "</td>");
            ltv__report_row_end(tb);
        }
        ltv__report_table_close(tb);
    }
    ltv__report_section_close(tb);
}

#define WEEKS ((LTV_PLAN_HORIZON + 6) / 7)

int ltv__report_sec_plan(ltv__textbuf *tb, const ltv__report *r) {
    const int lang = r->lang;
    double weekly[LTV_CHANNEL_COUNT][WEEKS];
    uint64_t totals[LTV_CHANNEL_COUNT], today = 0, all = 0;
    ltv__series series[LTV_CHANNEL_COUNT];
    int used = 0;
    double week_sum[WEEKS] = {0};
    for (int ch = 0; ch < LTV_CHANNEL_COUNT; ch++) {
        uint64_t load[LTV_PLAN_HORIZON];
        int status = ltv_plan_run_load(r->plan, ch, load, LTV_PLAN_HORIZON);
        if (status != LTV_OK) return status;
        totals[ch] = 0;
        for (int w = 0; w < WEEKS; w++) weekly[ch][w] = 0;
        for (int d = 0; d < LTV_PLAN_HORIZON; d++) {
            weekly[ch][d / 7] += (double)load[d];
            week_sum[d / 7] += (double)load[d];
            totals[ch] += load[d];
        }
        today += load[0];
        all += totals[ch];
        if (totals[ch]) {
            const char *name = ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, ch, lang);
            series[used++] = (ltv__series){name ? name : "", weekly[ch], ch};
        }
    }
    int busiest = 0;
    for (int w = 1; w < WEEKS; w++)
        if (week_sum[w] > week_sum[busiest]) busiest = w;
    char labels[WEEKS][LTV__VALUE_TEXT], heads_text[WEEKS][LTV__VALUE_TEXT];
    const char *lp[WEEKS];
    for (int w = 0; w < WEEKS; w++) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", w * 7);
        snprintf(b, sizeof b, "%d", w * 7 + 6 < LTV_PLAN_HORIZON ? w * 7 + 6 : LTV_PLAN_HORIZON - 1);
        const char *args[2] = {a, b};
        ltv__textbuf t;
        ltv__tb_init(&t);
        ltv__report_fill(&t, ltv__report_text(T_DAYS_AHEAD, lang), args, 2);
        snprintf(heads_text[w], sizeof heads_text[w], "%s", t.data && !t.failed ? t.data : "");
        ltv__tb_discard(&t);
        snprintf(a, sizeof a, "%d", w + 1);
        const char *wargs[1] = {a};
        ltv__tb_init(&t);
        ltv__report_fill(&t, ltv__report_text(T_WEEKS_AHEAD, lang), wargs, 1);
        snprintf(labels[w], sizeof labels[w], "%s", t.data && !t.failed ? t.data : "");
        ltv__tb_discard(&t);
        lp[w] = labels[w];
    }
    ltv__report_section_open(tb, "plan", ltv__report_text(T_SEC_PLAN, lang));
    ltv__textbuf reading;
    ltv__tb_init(&reading);
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT];
    ltv__report_count(a, all);
    ltv__report_count(b, today);
    ltv__report_count(c, (uint64_t)week_sum[busiest]);
    const char *args[4] = {a, b, labels[busiest], c};
    ltv__report_fill(&reading, ltv__report_text(T_READ_PLAN, lang), args, 4);
    ltv__report_figure_open(tb, "wide", ltv__report_text(T_PLAN_CHART, lang), &reading);
    ltv__tb_discard(&reading);
    ltv__svg_stacked(tb, ltv__report_text(T_PLAN_CHART, lang), WEEKS, lp, series, used);
    ltv__report_figure_table(tb);
    const char *heads[2 + WEEKS + 1];
    heads[0] = ltv__report_text(T_CHANNEL, lang);
    heads[1] = ltv__report_text(T_DUE_TODAY, lang);
    for (int w = 0; w < WEEKS; w++) heads[2 + w] = lp[w];
    heads[2 + WEEKS] = ltv__report_text(T_TOTAL, lang);
    ltv__report_table_open(tb, heads, 3 + WEEKS);
    for (int ch = 0; ch < LTV_CHANNEL_COUNT; ch++) {
        if (!totals[ch]) continue;
        uint64_t load[LTV_PLAN_HORIZON];
        if (ltv_plan_run_load(r->plan, ch, load, LTV_PLAN_HORIZON) != LTV_OK) continue;
        const char *name = ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, ch, lang);
        char v[LTV__VALUE_TEXT];
        ltv__report_row_head(tb, name ? name : "");
        ltv__report_count(v, load[0]);
        ltv__report_cell(tb, v);
        for (int w = 0; w < WEEKS; w++) {
            ltv__report_count(v, (uint64_t)weekly[ch][w]);
            ltv__report_cell(tb, v);
        }
        ltv__report_count(v, totals[ch]);
        ltv__report_cell(tb, v);
        ltv__report_row_end(tb);
    }
    ltv__report_table_close(tb);
    ltv__tb_puts(tb, "<p class=\"note\">");
    for (int w = 0; w < WEEKS; w++) {
        if (w) ltv__tb_puts(tb, lang == LTV_LANG_JA ? "、" : ", ");
        ltv__tb_html(tb, lp[w], strlen(lp[w]));
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "＝" : " = ");
        ltv__tb_html(tb, heads_text[w], strlen(heads_text[w]));
    }
    ltv__tb_puts(tb, "</p>\n");
    ltv__report_figure_close(tb);
    ltv__report_section_close(tb);
    return LTV_OK;
}
