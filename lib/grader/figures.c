/* The shop's figures beside the questions: stored numbers, and one line of text per question
 * and language, written once when the figures are set so that readers only borrow them. */
#include <stdio.h>
#include <string.h>

#include "grader_internal.h"
#include "textbuf.h"

/* Write part/whole as a percentage with one decimal, rounded half up; "n/a" or "—" if whole is 0. */
static void format_rate(int64_t part, int64_t whole, int lang, char *buf, size_t cap) {
    if (whole <= 0) {
        snprintf(buf, cap, "%s", lang == LTV_LANG_JA ? "—" : "n/a");
        return;
    }
    uint64_t permille = ((uint64_t)part * 1000u + (uint64_t)whole / 2u) / (uint64_t)whole;
    snprintf(buf, cap, "%llu.%llu%%", (unsigned long long)(permille / 10u), (unsigned long long)(permille % 10u));
}

static void line_q1(const int64_t *f, int32_t decimals, int lang, char *buf, size_t cap) {
    char customers[32], total[48], average[48];
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_YEAR_CUSTOMERS], customers, sizeof customers);
    ltv__format_money(f[LTV_GRADE_FIG_YEAR_AMOUNT], decimals, total, sizeof total);
    ltv__format_money(f[LTV_GRADE_FIG_ANNUAL_LTV], decimals, average, sizeof average);
    if (f[LTV_GRADE_FIG_YEAR_CUSTOMERS] == 0)
        snprintf(buf, cap, "%s",
                 lang == LTV_LANG_JA ? "平均年間LTV：—（直近1年に購入した顧客はいません）"
                                     : "Average annual LTV: n/a (no customer ordered in the trailing year).");
    else if (lang == LTV_LANG_JA)
        snprintf(buf, cap, "平均年間LTV：%s（直近1年に購入した顧客%s人、直近1年の購入額の合計%s）", average,
                 customers, total);
    else
        snprintf(buf, cap,
                 "Average annual LTV: %s per customer with an order in the trailing year (%s customers, %s in "
                 "total).",
                 average, customers, total);
}

/* Appends "label n (rate)" for `count` groups whose customers are f[first..], each as a share
 * of all customers, listed as the language lists; English ends with a period. */
static void append_shares(const int64_t *f, int first, const char *const (*labels)[2], int count, int lang, char *buf,
                          size_t cap, size_t used) {
    for (int g = 0; g < count && used < cap; g++) {
        int64_t customers = f[first + g];
        char n[32], rate[32];
        ltv__format_count((uint64_t)customers, n, sizeof n);
        format_rate(customers, f[LTV_GRADE_FIG_CUSTOMERS], lang, rate, sizeof rate);
        if (lang == LTV_LANG_JA)
            used += (size_t)snprintf(buf + used, cap - used, "%s%s %s人（%s）", g ? "、" : "", labels[g][1], n, rate);
        else
            used += (size_t)snprintf(buf + used, cap - used, "%s%s %s (%s)", g ? ", " : "", labels[g][0], n, rate);
    }
    if (lang != LTV_LANG_JA && used + 1 < cap) strcat(buf, ".");
}

static void line_q2(const int64_t *f, int lang, char *buf, size_t cap) {
    static const char *const bins[5][2] = {
        {"0–99 days", "0〜99日"},       {"100–199 days", "100〜199日"}, {"200–299 days", "200〜299日"},
        {"300–365 days", "300〜365日"}, {"over 365 days", "365日超"},
    };
    char customers[32];
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_CUSTOMERS], customers, sizeof customers);
    size_t used = (size_t)snprintf(buf, cap, lang == LTV_LANG_JA ? "顧客%s人の在籍期間：" : "Tenure of %s customers: ",
                                   customers);
    append_shares(f, LTV_GRADE_FIG_TENURE_0_99, bins, 5, lang, buf, cap, used);
}

static void line_q3(const int64_t *f, int lang, char *buf, size_t cap) {
    char customers[32], repeaters[32], cohort[32], second[32], repeat_rate[32], second_rate[32];
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_CUSTOMERS], customers, sizeof customers);
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_REPEAT_CUSTOMERS], repeaters, sizeof repeaters);
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_FIRST_BUYERS_90], cohort, sizeof cohort);
    ltv__format_count((uint64_t)f[LTV_GRADE_FIG_SECOND_WITHIN_90], second, sizeof second);
    format_rate(f[LTV_GRADE_FIG_REPEAT_CUSTOMERS], f[LTV_GRADE_FIG_CUSTOMERS], lang, repeat_rate, sizeof repeat_rate);
    format_rate(f[LTV_GRADE_FIG_SECOND_WITHIN_90], f[LTV_GRADE_FIG_FIRST_BUYERS_90], lang, second_rate,
                sizeof second_rate);
    if (lang == LTV_LANG_JA)
        snprintf(buf, cap,
                 "リピート率：%s（顧客%s人中、2回以上購入%s人）。90日以内の2回目購入率：%s（初回購入から90日を超えた顧客%s人中%s人）",
                 repeat_rate, customers, repeaters, second_rate, cohort, second);
    else
        snprintf(buf, cap,
                 "Repeat rate: %s (%s of %s customers have 2+ orders). Second purchase within 90 days: %s (%s of %s "
                 "customers whose first order is over 90 days old).",
                 repeat_rate, repeaters, customers, second_rate, second, cohort);
}

static void line_q6(const int64_t *f, int lang, char *buf, size_t cap) {
    static const char *const states[4][2] = {{"new", "新規"}, {"repeat", "リピート"}, {"fan", "ファン"}, {"dormant", "休眠"}};
    size_t used = (size_t)snprintf(buf, cap, "%s", lang == LTV_LANG_JA ? "状態別の顧客数：" : "Customers by state: ");
    append_shares(f, LTV_GRADE_FIG_STATE_NEW, states, 4, lang, buf, cap, used);
}

int ltv__grade_set_figures(ltv_grade *grade, const int64_t figures[LTV_GRADE_FIGURE_COUNT], int32_t decimals) {
    char *lines[LTV_GRADER_QUESTIONS][2] = {{NULL}};
    char buf[1024];
    for (int lang = LTV_LANG_EN; lang <= LTV_LANG_JA; lang++) {
        for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
            switch (q) {
            case 1: line_q1(figures, decimals, lang, buf, sizeof buf); break;
            case 2: line_q2(figures, lang, buf, sizeof buf); break;
            case 3: line_q3(figures, lang, buf, sizeof buf); break;
            case 6: line_q6(figures, lang, buf, sizeof buf); break;
            default: continue;
            }
            lines[q - 1][lang] = ltv__strndup(buf, strlen(buf));
            if (!lines[q - 1][lang]) {
                for (int k = 0; k < LTV_GRADER_QUESTIONS; k++) ltv__free(lines[k][0]), ltv__free(lines[k][1]);
                return ltv__fail(LTV_ENOMEM, "ltv_grade_attach_ledger: out of memory for the figure lines");
            }
        }
    }
    for (int k = 0; k < LTV_GRADER_QUESTIONS; k++) {
        for (int lang = 0; lang < 2; lang++) {
            ltv__free(grade->lines[k][lang]);
            grade->lines[k][lang] = lines[k][lang];
        }
    }
    memcpy(grade->figures, figures, sizeof grade->figures);
    grade->has_figures = true;
    return LTV_OK;
}

int ltv_grade_figure(const ltv_grade *grade, int figure, int64_t *out_value) {
    LTV_REQUIRE(grade, "ltv_grade_figure");
    LTV_REQUIRE(out_value, "ltv_grade_figure");
    if (figure < 0 || figure >= LTV_GRADE_FIGURE_COUNT)
        return ltv__fail(LTV_EINVAL, "ltv_grade_figure: figure %d is out of range 0..%d", figure,
                         LTV_GRADE_FIGURE_COUNT - 1);
    if (!grade->has_figures)
        return ltv__fail(LTV_ESTATE, "ltv_grade_figure: no ledger is attached (call ltv_grade_attach_ledger first)");
    *out_value = grade->figures[figure];
    return LTV_OK;
}

int ltv_grade_figure_line(const ltv_grade *grade, int32_t question, int lang, const char **out_line) {
    LTV_REQUIRE(grade, "ltv_grade_figure_line");
    LTV_REQUIRE(out_line, "ltv_grade_figure_line");
    if (question < 1 || question > LTV_GRADER_QUESTIONS)
        return ltv__fail(LTV_ERANGE, "ltv_grade_figure_line: question %d is out of range 1..%d", (int)question,
                         LTV_GRADER_QUESTIONS);
    if (!ltv__grader_lang_ok("ltv_grade_figure_line", lang)) return LTV_EINVAL;
    if (!grade->has_figures)
        return ltv__fail(LTV_ESTATE,
                         "ltv_grade_figure_line: no ledger is attached (call ltv_grade_attach_ledger first)");
    const char *line = grade->lines[question - 1][lang];
    if (!line)
        return ltv__fail(LTV_ENOTFOUND, "ltv_grade_figure_line: Q%d has no figure (only Q1, Q2, Q3 and Q6 have)",
                         (int)question);
    *out_line = line;
    return LTV_OK;
}
