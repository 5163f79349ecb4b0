/* The HTML report: the aggregates behind the charts on a ledger computed by hand, the page's
 * structure (every chart an SVG with a title, a table and a reading), escaping, languages,
 * byte-identical output whatever the threads or locale, a size that does not grow with the
 * ledger, the atomic file writer, the optional sections and every bad argument. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "report_internal.h"

static size_t count_of(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/*
 * As of 2025-05-01 (the last month counted is April 2025):
 *   C1 orders 2025-01-10 (1000), 2025-02-05 (500), 2025-04-20 (2000)     cohort Jan
 *   C2 order 2025-01-31 (3000), refund 2025-02-10 (500)                  cohort Jan
 *   C3 order 2025-03-01 (800)                                           cohort Mar
 *   C4 order 2025-06-01 (900): after the as-of day, not counted
 * Months Jan..Apr: revenue 4000, 0 (500 − 500), 800, 2000; customers who ordered 2, 1, 1, 1.
 * Cohort Jan: 2 customers; one buys in month +1 (Feb) and +3 (Apr), none in +2.
 */
static ltv_ledger *small(void) {
    ltv_ledger *l = fx_ledger();
    fx_add(l, "C1", LTV_EVENT_ORDER, "2025-01-10", 1000, 1);
    fx_add(l, "C1", LTV_EVENT_ORDER, "2025-02-05", 500, 1);
    fx_add(l, "C1", LTV_EVENT_ORDER, "2025-04-20", 2000, 1);
    fx_add(l, "C2", LTV_EVENT_ORDER, "2025-01-31", 3000, 1);
    fx_add(l, "C2", LTV_EVENT_REFUND, "2025-02-10", 500, 0);
    fx_add(l, "C3", LTV_EVENT_ORDER, "2025-03-01", 800, 1);
    fx_add(l, "C4", LTV_EVENT_ORDER, "2025-06-01", 900, 1);
    return l;
}

static char *html_of(const ltv_ledger *l, const ltv_report_options *o, const char *as_of) {
    char *html = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_report_html(&html, &len, l, o, fx_day(as_of)), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(strlen(html), len);
    return html;
}

Test(report, aggregates_by_hand) {
    ltv_ledger *l = small();
    ltv__report r;
    cr_assert_eq(ltv__report_gather(&r, l, NULL, fx_day("2025-05-01")), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(r.months, 4);
    cr_assert_eq(r.cohorts, 4);
    const double revenue[4] = {4000, 0, 800, 2000};
    const uint64_t active[4] = {2, 1, 1, 1}, orders[4] = {2, 1, 1, 1};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(r.month_revenue[i], revenue[i], "month %d", i);
        cr_assert_eq(r.month_active[i], active[i], "month %d", i);
        cr_assert_eq(r.month_orders[i], orders[i], "month %d", i);
    }
    cr_assert_eq(r.cohort_size[0], 2);
    cr_assert_eq(r.cohort_size[1], 0);
    cr_assert_eq(r.cohort_size[2], 1);
    cr_assert_eq(r.cohort_active[0][0], 2);
    cr_assert_eq(r.cohort_active[0][1], 1);
    cr_assert_eq(r.cohort_active[0][2], 0);
    cr_assert_eq(r.cohort_active[0][3], 1);
    cr_assert_eq(r.cohort_active[2][1], 0);
    /* the RFM grid and named segments hold every customer once, with their lifetime amounts */
    uint64_t grid = 0, presets = 0;
    double money = 0, preset_money = 0;
    for (int a = 0; a < r.bins; a++)
        for (int b = 0; b < r.bins; b++) grid += r.rf_customers[a][b], money += r.rf_monetary[a][b];
    for (size_t p = 0; p <= r.presets; p++) presets += r.preset_customers[p], preset_money += r.preset_revenue[p];
    cr_assert_eq(grid, 3);
    cr_assert_eq(presets, 3);
    cr_assert_eq(money, 6800);
    cr_assert_eq(preset_money, 6800);
    cr_assert_eq(r.total_lifetime, 6800);
    ltv__report_release(&r);
    ltv_ledger_free(l);
}

Test(report, page_structure) {
    ltv_ledger *l = small();
    char *html = html_of(l, NULL, "2025-05-01");
    cr_assert(!strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32));
    cr_assert(strstr(html, "</html>\n"));
    cr_assert_null(strstr(html, "<script"));
    /* no network: the only URL is the SVG namespace */
    cr_assert_eq(count_of(html, "http://") + count_of(html, "https://"), count_of(html, "http://www.w3.org/2000/svg"));
    cr_assert_null(strstr(html, "src="));
    const char *sections[] = {"id=\"headline\"", "id=\"states\"", "id=\"rfm\"", "id=\"second\"", "id=\"tenure\"",
                              "id=\"cohorts\"", "id=\"matrix\"", "id=\"predict\""};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) cr_assert(strstr(html, sections[i]), "%s", sections[i]);
    cr_assert_null(strstr(html, "id=\"grade\""));
    cr_assert_null(strstr(html, "id=\"plan\""));
    /* every chart is a complete SVG with a title; every figure has its numbers and a reading */
    const size_t svgs = count_of(html, "<svg ");
    cr_assert_geq(svgs, 14);
    cr_assert_eq(count_of(html, "</svg>"), svgs);
    cr_assert_eq(count_of(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 "), svgs);
    for (const char *p = strstr(html, "<svg "); p; p = strstr(p + 1, "<svg ")) {
        const char *title = strstr(strchr(p, '>'), "<title>"), *end = strstr(p, "</svg>");
        cr_assert(title == strchr(p, '>') + 1 && strstr(title, "</title>") - title > 7, "an SVG without a title");
        cr_assert_gt(count_of(title, "<rect") + count_of(title, "<path") - count_of(end, "<rect") - count_of(end, "<path"), 0,
                     "an empty SVG");
    }
    const size_t figures = count_of(html, "<figure");
    cr_assert_eq(count_of(html, "<div class=\"numbers\">"), figures);
    cr_assert_geq(count_of(html, "<p class=\"reading\">"), figures);
    /* figures computed by hand: 3 customers, 5 orders, revenue 6,800.00 (decimals 2) */
    cr_assert(strstr(html, "<div class=\"v\">3</div>"));
    cr_assert(strstr(html, "<div class=\"v\">5</div>"));
    cr_assert(strstr(html, "<div class=\"v\">68.00</div>"), "6,800 minor units with 2 decimals");
    cr_assert(strstr(html, "Revenue / Customers who ordered"));
    cr_assert(strstr(html, "As of 2025-05-01"));
    cr_assert(strstr(html, "no visits or cancels"), "membership needs visits or cancels");
    ltv_free(html);
    ltv_ledger_free(l);
}

Test(report, japanese) {
    ltv_ledger *l = small();
    ltv_report_options *o = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_LANG, LTV_LANG_JA), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_DECIMALS, 0), LTV_OK);
    char *html = html_of(l, o, "2025-05-01");
    cr_assert(strstr(html, "<html lang=\"ja\">"));
    cr_assert(strstr(html, "<h1>CRMレポート</h1>"));
    cr_assert(strstr(html, "基準日 2025-05-01"));
    cr_assert(strstr(html, "<div class=\"v\">6,800</div>"), "decimals 0");
    cr_assert(strstr(html, "2025年1月"));
    cr_assert_null(strstr(html, "Headline figures"), "no English section title");
    ltv_free(html);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
}

Test(report, escapes_every_text) {
    ltv_ledger *l = small();
    ltv_report_options *o = NULL;
    ltv_matrix *m = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    const char *title = "<b>Tom & \"Jerry's\"</b>";
    cr_assert_eq(ltv_report_options_set_title(o, title, strlen(title)), LTV_OK);
    cr_assert_eq(ltv_matrix_new(&m), LTV_OK);
    const char *box = "<script>alert(1)</script>";
    cr_assert_eq(ltv_matrix_set_box(m, LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, LTV_BOX_ACTIVE, box, strlen(box)), LTV_OK);
    cr_assert_eq(ltv_report_options_set_matrix(o, m), LTV_OK);
    char *html = html_of(l, o, "2025-05-01");
    cr_assert(strstr(html, "&lt;b&gt;Tom &amp; &quot;Jerry&#39;s&quot;&lt;/b&gt; — CRM report"));
    cr_assert(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    cr_assert_null(strstr(html, "<b>Tom"));
    cr_assert_null(strstr(html, "<script"));
    /* the report filled its own copy: the caller's matrix has no figures */
    cr_assert_eq(ltv_matrix_get_stage_figures(m, LTV_STAGE_RETENTION, NULL, NULL), LTV_ENOTFOUND);
    ltv_free(html);
    ltv_matrix_free(m);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
}

Test(report, textbuf_html_and_fixed) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_html(&tb, "a<b>&\"c'd", 9);
    ltv__tb_puts(&tb, "|");
    ltv__tb_fixed(&tb, 2.345, 2);
    ltv__tb_puts(&tb, "|");
    ltv__tb_fixed(&tb, -0.004, 2);
    ltv__tb_puts(&tb, "|");
    ltv__tb_fixed(&tb, 9.96, 1);
    ltv__tb_puts(&tb, "|");
    ltv__tb_fixed(&tb, 0.0 / 0.0, 1);
    ltv__tb_puts(&tb, "|");
    ltv__tb_fixed(&tb, 12.5, 0);
    cr_assert_str_eq(tb.data, "a&lt;b&gt;&amp;&quot;c&#39;d|2.35|0.00|10.0|0.0|13");
    ltv__tb_discard(&tb);
}

Test(report, same_bytes_whatever_threads_or_locale) {
    fx_log log = fx_log_generate(20000, 3000, 7);
    ltv_ledger *l = fx_ledger();
    fx_log_add(l, &log, 0, log.rows);
    ltv_report_options *o = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_set_answers(o, "AABCDAABBA", 10), LTV_OK);
    const int threads = ltv_get_threads();
    char *a = html_of(l, o, "2026-11-01");
    cr_assert_eq(ltv_set_threads(1), LTV_OK);
    char *b = html_of(l, o, "2026-11-01");
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    cr_assert_str_eq(a, b);
    /* the predict module's section: the charts, or (this random log does not identify
     * BG/NBD) the library's reason in a sentence, never a failed page */
    const char *sec = strstr(a, "id=\"predict\"");
    cr_assert(sec && (strstr(sec, "Customers by P(alive)") || strstr(sec, "The models could not be fitted to this log: ")),
              "%.600s", sec ? sec : "(no section)");
    /* a decimal comma in the host's locale must not reach the page */
    const char *locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "C.UTF-8"};
    for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
        if (!setlocale(LC_NUMERIC, locales[i])) continue;
        char *c = html_of(l, o, "2026-11-01");
        cr_assert_str_eq(a, c, "locale %s", locales[i]);
        ltv_free(c);
    }
    setlocale(LC_NUMERIC, "C");
    ltv_free(a);
    ltv_free(b);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
    fx_log_free(&log);
}

/* Aggregates only: 20 times the customers over the same three years give the same page
 * within a few per cent (only the digits of the numbers grow). */
Test(report, size_does_not_grow_with_the_ledger) {
    size_t sizes[2];
    const size_t customers[2] = {2000, 40000};
    for (int k = 0; k < 2; k++) {
        fx_log log = fx_log_generate(customers[k] * 3, customers[k], 11);
        ltv_ledger *l = fx_ledger();
        fx_log_add(l, &log, 0, log.rows);
        char *html = html_of(l, NULL, "2026-11-01");
        sizes[k] = strlen(html);
        ltv_free(html);
        ltv_ledger_free(l);
        fx_log_free(&log);
    }
    cr_assert_lt(sizes[1], sizes[0] + sizes[0] / 20, "%zu vs %zu bytes", sizes[1], sizes[0]);
    cr_assert_lt(sizes[1], 200000u);
}

Test(report, membership_section) {
    ltv_ledger *l = fx_ledger();
    char id[16];
    /* 40 members join on 2025-01-01; member i cancels after 10 + 10 i days (i < 20), the
     * others stay */
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "M%02d", i);
        cr_assert_eq(ltv_ledger_add_event(l, id, strlen(id), LTV_EVENT_ORDER, fx_day("2025-01-01"), 1000, 1), LTV_OK);
        for (int v = 0; v < (i % 3) * 70; v++)
            cr_assert_eq(ltv_ledger_add_event(l, id, strlen(id), LTV_EVENT_VISIT, fx_day("2025-01-02") + v, 0, 0), LTV_OK);
        if (i < 20)
            cr_assert_eq(ltv_ledger_add_event(l, id, strlen(id), LTV_EVENT_CANCEL, fx_day("2025-01-01") + 10 + 10 * i, 0, 0),
                         LTV_OK);
    }
    char *html = html_of(l, NULL, "2026-03-01");
    cr_assert(strstr(html, "Churn rate by days enrolled (30-day periods)"));
    cr_assert(strstr(html, "continuation wall (days 100–299)"));
    /* day 180: 20 continuing + 3 cancelling on 180, 190, 200 at risk, 3 cancel: 13.0%, the
     * highest period; days 100–299: 31 at risk on day 100, 11 cancel (days 100..200): 35.5% */
    cr_assert(strstr(html, "Churn risk peaks on days 180–209 (13.0%); the continuation wall (days 100–299) loses 35.5%"));
    cr_assert(strstr(html, "Members enrolled a year or more"));
    cr_assert_null(strstr(html, "no visits or cancels"));
    ltv_free(html);
    ltv_ledger_free(l);
}

Test(report, grade_and_plan_sections) {
    ltv_ledger *l = small();
    ltv_report_options *o = NULL;
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    cr_assert_eq(ltv_report_options_set_answers(o, "a,a,a,a,a,a,a,a,a,b", 19), LTV_OK);
    cr_assert_eq(ltv_report_options_set_planner(o, p), LTV_OK);
    char *html = html_of(l, o, "2025-05-01");
    cr_assert(strstr(html, "<span class=\"grade\">A</span>"));
    cr_assert(strstr(html, "9 of the 10 answers are A."));
    cr_assert(strstr(html, "id=\"plan\""));
    cr_assert(strstr(html, "Steps per week and channel over the next 90 days"));
    ltv_free(html);
    /* removing them again */
    cr_assert_eq(ltv_report_options_set_answers(o, NULL, 0), LTV_OK);
    cr_assert_eq(ltv_report_options_set_planner(o, NULL), LTV_OK);
    html = html_of(l, o, "2025-05-01");
    cr_assert_null(strstr(html, "id=\"grade\""));
    cr_assert_null(strstr(html, "id=\"plan\""));
    ltv_free(html);
    ltv_planner_free(p);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
}

Test(report, empty_ledger) {
    ltv_ledger *l = fx_ledger();
    char *html = html_of(l, NULL, "2025-05-01");
    cr_assert(strstr(html, "No orders before the as-of day"));
    cr_assert(strstr(html, "</html>"));
    cr_assert_null(strstr(html, "nan"));
    ltv_free(html);
    ltv_ledger_free(l);
}

Test(report, options) {
    ltv_report_options *o = NULL;
    int64_t v = 0, lo = 0, hi = 0;
    cr_assert_eq(ltv_report_options_new(NULL), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_get_i64(o, LTV_REPORT_DECIMALS, &v), LTV_OK);
    cr_assert_eq(v, 2);
    cr_assert_eq(ltv_report_options_get_i64(o, LTV_REPORT_GENERATED_DAY, &v), LTV_OK);
    cr_assert_eq(v, LTV_NO_DAY);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_DECIMALS, 7), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "LTV_REPORT_DECIMALS 7 is outside 0..6"));
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_LANG, 2), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_CPO, -2), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_GENERATED_DAY, LTV_NO_DAY), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_GENERATED_DAY, LTV_DAY_MAX + 1), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_set_i64(o, 99, 0), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_get_i64(o, -1, &v), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_get_i64(o, 0, NULL), LTV_EINVAL);
    cr_assert_str_eq(ltv_report_param_info(LTV_REPORT_DECIMALS, &lo, &hi), "LTV_REPORT_DECIMALS");
    cr_assert_eq(lo, 0);
    cr_assert_eq(hi, 6);
    cr_assert_null(ltv_report_param_info(7, NULL, NULL));
    cr_assert_str_eq(ltv_report_param_info(LTV_REPORT_MODEL, &lo, &hi), "LTV_REPORT_MODEL");
    cr_assert(lo == LTV_MODEL_BGNBD && hi == LTV_MODEL_MBGNBD); /* not Gamma-Gamma: a spend model */
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_MODEL, LTV_MODEL_GAMMA_GAMMA), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_get_i64(o, LTV_REPORT_HOLDOUT_END, &v), LTV_OK);
    cr_assert_eq(v, LTV_NO_DAY);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_CALIBRATION_END, LTV_DAY_MAX + 1), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "(or LTV_NO_DAY for none)"), "%s", ltv_last_error());
    cr_assert_eq(ltv_report_options_set_answers(o, "AABCDAABB", 9), LTV_EPARSE);
    cr_assert_eq(ltv_report_options_set_answers(o, "AABCDAABBE", 10), LTV_EPARSE);
    cr_assert_eq(ltv_report_options_set_answers(NULL, "A", 1), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_set_title(o, "\xff", 1), LTV_EENCODING);
    char long_title[202];
    memset(long_title, 'x', sizeof long_title);
    cr_assert_eq(ltv_report_options_set_title(o, long_title, 201), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_set_title(o, long_title, 200), LTV_OK);
    cr_assert_eq(ltv_report_options_set_title(o, NULL, 0), LTV_OK);
    cr_assert_eq(ltv_report_options_set_title(o, NULL, 3), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_set_segment_config(NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_set_health_config(NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_set_planner(NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_report_options_set_matrix(NULL, NULL), LTV_EINVAL);
    ltv_report_options_free(o);
    ltv_report_options_free(NULL);
}

Test(report, bad_arguments_and_settings) {
    ltv_ledger *l = small();
    char *html = (char *)1;
    size_t len = 9;
    cr_assert_eq(ltv_report_html(NULL, NULL, l, NULL, 0), LTV_EINVAL);
    cr_assert_eq(ltv_report_html(&html, &len, NULL, NULL, 0), LTV_EINVAL);
    cr_assert_null(html);
    cr_assert_eq(len, 0);
    cr_assert_eq(ltv_report_html(&html, NULL, l, NULL, LTV_DAY_MAX + 2), LTV_ERANGE);
    /* settings the segmentation refuses come back as its error */
    ltv_segment_config *cfg = NULL;
    ltv_report_options *o = NULL;
    cr_assert_eq(ltv_segment_config_new(&cfg), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, 5), LTV_OK);
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_set_segment_config(o, cfg), LTV_OK);
    cr_assert_eq(ltv_report_html(&html, NULL, l, o, fx_day("2025-05-01")), LTV_ERANGE);
    cr_assert_null(html);
    /* a planner that does not validate */
    ltv_planner *p = NULL;
    size_t scenario = 0;
    cr_assert_eq(ltv_planner_new(&p), LTV_OK);
    cr_assert_eq(ltv_planner_add_scenario(p, "s", 1, LTV_TRIGGER_PURCHASE, &scenario), LTV_OK);
    cr_assert_eq(ltv_report_options_set_segment_config(o, NULL), LTV_OK);
    cr_assert_eq(ltv_report_options_set_planner(o, p), LTV_OK);
    cr_assert_eq(ltv_report_html(&html, NULL, l, o, fx_day("2025-05-01")), LTV_EVALIDATION);
    ltv_planner_free(p);
    ltv_report_options_free(o);
    ltv_segment_config_free(cfg);
    ltv_ledger_free(l);
}

Test(report, file_is_written_atomically) {
    ltv_ledger *l = small();
    char dir[] = "/tmp/ltv-report-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[128], missing[160];
    snprintf(path, sizeof path, "%s/report.html", dir);
    snprintf(missing, sizeof missing, "%s/no/such/dir/report.html", dir);
    FILE *old = fopen(path, "w");
    fputs("old", old);
    fclose(old);
    cr_assert_eq(ltv_report_html_file(path, l, NULL, fx_day("2025-05-01")), LTV_OK, "%s", ltv_last_error());
    char *html = html_of(l, NULL, "2025-05-01");
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    char *back = calloc(1, strlen(html) + 2);
    size_t n = fread(back, 1, strlen(html) + 1, f);
    fclose(f);
    cr_assert_eq(n, strlen(html));
    cr_assert_str_eq(back, html);
    cr_assert_eq(ltv_report_html_file(missing, l, NULL, fx_day("2025-05-01")), LTV_EIO);
    cr_assert(strstr(ltv_last_error(), missing), "%s", ltv_last_error());
    cr_assert_eq(ltv_report_html_file(NULL, l, NULL, 0), LTV_EINVAL);
    cr_assert_eq(ltv_report_html_file("", l, NULL, 0), LTV_EINVAL);
    /* only the report is left: no temporary file */
    DIR *d = opendir(dir);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.') entries++;
    closedir(d);
    cr_assert_eq(entries, 1);
    unlink(path);
    rmdir(dir);
    free(back);
    ltv_free(html);
    ltv_ledger_free(l);
}

/* The predictive section with a holdout, on CDNOW (weeks; calibration 1997-01-01 to
 * 1997-09-30, holdout to 1998-06-30): the numbers under the diagnostics charts are the
 * diagnostics functions' values, row for row; the page is the same bytes every time. */
static void row_of(char *out, size_t size, const char *head, const char *const *cells, int n) {
    int used = snprintf(out, size, "<tr><th scope=\"row\">%s</th>", head);
    for (int k = 0; k < n; k++) used += snprintf(out + used, size - (size_t)used, "<td>%s</td>", cells[k]);
    snprintf(out + used, size - (size_t)used, "</tr>");
}

Test(report, predict_diagnostics_charts) {
    ltv_ledger *l = fx_ledger();
    ltv_load_report *load = NULL;
    cr_assert_eq(ltv_ledger_load_csv(l, LTV_TEST_DATA_DIR "/cdnow_orders.csv", NULL, &load), LTV_OK, "%s", ltv_last_error());
    ltv_load_report_free(load);
    ltv_report_options *o = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_CALIBRATION_END, fx_day("1997-09-30")), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_HOLDOUT_END, fx_day("1998-06-30")), LTV_OK);
    char *a = html_of(l, o, "1998-07-01");
    const int threads = ltv_get_threads();
    cr_assert_eq(ltv_set_threads(1), LTV_OK);
    char *b = html_of(l, o, "1998-07-01");
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    cr_assert_str_eq(a, b);
    const char *sec = strstr(a, "<section id=\"predict\"");
    cr_assert(sec);
    /* P(alive), CLV, holdout by frequency, weekly and cumulative tracking, E[X(t)] */
    cr_assert_eq(count_of(sec, "<svg "), 6);
    cr_assert(strstr(sec, "<title>Orders in the holdout period per customer"));
    cr_assert(strstr(sec, "<title>Repeat orders per week: actual vs model</title>"));
    cr_assert(strstr(sec, "<title>Repeat orders, cumulative: actual vs model</title>"));
    cr_assert(strstr(sec, "<title>E[X(t)]: repeat orders a new customer is expected to place within t weeks</title>"));
    cr_assert(strstr(sec, "class=\"markline\""), "the calibration end is marked");

    ltv_predict_data *data = NULL;
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, l, LTV_UNIT_WEEK, fx_day("1997-09-30"), fx_day("1998-06-30")), LTV_OK);
    cr_assert_eq(ltv_predict_fit_new(&fit, data, LTV_MODEL_BGNBD), LTV_OK);
    double *v = NULL;
    size_t rows = 0, cols = 0;
    char row[512], c[6][LTV__VALUE_TEXT];
    const char *cells[6] = {c[0], c[1], c[2], c[3], c[4], c[5]};
    cr_assert_eq(ltv_predict_diagnostics_values(fit, data, LTV_DIAG_FREQUENCY_BINS, 8, &v, &rows, &cols), LTV_OK);
    double expected = 0;
    for (size_t r = 0; r < rows; r++) {
        const double *x = v + r * cols;
        char head[8];
        snprintf(head, sizeof head, r + 1 == rows ? "%d+" : "%d", (int)x[0]);
        ltv__report_count(c[0], (uint64_t)x[1]);
        ltv__report_num(c[1], x[2], 3);
        ltv__report_num(c[2], x[3], 3);
        ltv__report_count(c[3], (uint64_t)x[4]);
        ltv__report_num(c[4], x[5], 1);
        row_of(row, sizeof row, head, cells, 5);
        cr_assert(strstr(sec, row), "bin %zu: %s", r, row);
        expected += x[5];
    }
    /* the holdout totals of the reading: 1,882 actual against BG/NBD's 1,653.4 (FHL 2005, figure 4) */
    cr_assert(strstr(sec, "the model expected 1653.4 orders of these customers and they placed 1,882"), "%.2000s", sec);
    cr_assert(fabs(expected - 1653.4) < 0.05);
    cr_assert(strstr(sec, "<tr><th scope=\"row\">0</th><td>1,411</td><td>0.237</td>"));
    ltv_free(v);
    cr_assert_eq(ltv_predict_diagnostics_values(fit, data, LTV_DIAG_TRACKING, 0, &v, &rows, &cols), LTV_OK);
    cr_assert_eq(rows, 78);
    for (size_t r = 0; r < rows; r++) {
        const double *x = v + r * cols;
        char head[LTV__VALUE_TEXT];
        ltv_date_format((int32_t)x[0], head, sizeof head);
        ltv__report_count(c[0], (uint64_t)x[2]);
        ltv__report_num(c[1], x[3], 1);
        ltv__report_count(c[2], (uint64_t)x[4]);
        ltv__report_num(c[3], x[5], 1);
        row_of(row, sizeof row, head, cells, 4);
        cr_assert(strstr(sec, row), "week %zu: %s", r, row);
        ltv__report_count(head, (uint64_t)x[1]);
        ltv__report_num(c[0], x[6], 3);
        row_of(row, sizeof row, head, cells, 1);
        cr_assert(strstr(sec, row), "E[X(t)] week %zu: %s", r, row);
    }
    cr_assert(strstr(sec, "<tr><th scope=\"row\">1998-06-30</th><td>"), "the last week is the holdout end");
    ltv_free(v);
    ltv_free(a);
    ltv_free(b);

    /* another model: named on the page with its parameters */
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_MODEL, LTV_MODEL_PARETO_NBD), LTV_OK);
    a = html_of(l, o, "1998-07-01");
    cr_assert(strstr(a, "Pareto/NBD and Gamma-Gamma fitted on the orders up to 1997-09-30"));
    cr_assert(strstr(a, "Pareto/NBD (r = 0.5533, alpha = 10.5777, s = 0.6062, beta = 11.6687)"), "%s", strstr(a, "Pareto/NBD ("));
    ltv_free(a);

    /* days that do not fit the as-of day are the caller's error */
    char *html = NULL;
    cr_assert_eq(ltv_report_html(&html, NULL, l, o, fx_day("1998-06-30")), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "LTV_REPORT_HOLDOUT_END 1998-06-30"), "%s", ltv_last_error());
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_HOLDOUT_END, fx_day("1997-09-30")), LTV_OK);
    cr_assert_eq(ltv_report_html(&html, NULL, l, o, fx_day("1998-07-01")), LTV_ERANGE);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_HOLDOUT_END, LTV_NO_DAY), LTV_OK);
    cr_assert_eq(ltv_report_html(&html, NULL, l, o, fx_day("1997-09-30")), LTV_ERANGE);
    cr_assert(strstr(ltv_last_error(), "LTV_REPORT_CALIBRATION_END 1997-09-30 is not before the as-of day 1997-09-30"));
    cr_assert_null(html);
    /* without a holdout: the distributions only */
    a = html_of(l, o, "1998-07-01");
    cr_assert_eq(count_of(strstr(a, "<section id=\"predict\""), "<svg "), 2);
    ltv_free(a);
    ltv_predict_fit_free(fit);
    ltv_predict_data_free(data);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
}

/* A log of more than three years has its weeks grouped on the page (orders summed, the
 * cumulative values and E[X(t)] at each group's last week): CDNOW's customers and, as new
 * customers, the same orders two years later (1997-01-01 to 2000-06-30, 183 weeks). */
Test(report, predict_tracking_grouped) {
    ltv_ledger *l = fx_ledger();
    FILE *f = fopen(LTV_TEST_DATA_DIR "/cdnow_orders.csv", "r");
    cr_assert(f);
    char line[256];
    cr_assert(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        char id[32], day[16];
        double amount;
        int items;
        cr_assert_eq(sscanf(line, "%31[^,],%15[^,],%lf,%d", id, day, &amount, &items), 4, "%s", line);
        const int32_t d = fx_day(day);
        const int64_t cents = (int64_t)llround(amount * 100);
        for (int copy = 0; copy < 2; copy++) {
            char key[40];
            snprintf(key, sizeof key, "%s%s", copy ? "later-" : "", id);
            cr_assert_eq(ltv_ledger_add_event(l, key, strlen(key), LTV_EVENT_ORDER, d + copy * 730, cents, items), LTV_OK);
        }
    }
    fclose(f);
    ltv_report_options *o = NULL;
    cr_assert_eq(ltv_report_options_new(&o), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_CALIBRATION_END, fx_day("1999-09-30")), LTV_OK);
    cr_assert_eq(ltv_report_options_set_i64(o, LTV_REPORT_HOLDOUT_END, fx_day("2000-06-30")), LTV_OK);
    char *a = html_of(l, o, "2000-07-01");
    const char *sec = strstr(a, "<section id=\"predict\"");
    cr_assert(sec && strstr(sec, "Each point covers 2 weeks, so that the page stays the same size."), "%.3000s", sec);
    ltv_predict_data *data = NULL;
    ltv_predict_fit *fit = NULL;
    cr_assert_eq(ltv_predict_data_from_ledger(&data, l, LTV_UNIT_WEEK, fx_day("1999-09-30"), fx_day("2000-06-30")), LTV_OK);
    cr_assert_eq(ltv_predict_fit_new(&fit, data, LTV_MODEL_BGNBD), LTV_OK, "%s", ltv_last_error());
    double *v = NULL;
    size_t rows = 0, cols = 0;
    cr_assert_eq(ltv_predict_diagnostics_values(fit, data, LTV_DIAG_TRACKING, 0, &v, &rows, &cols), LTV_OK);
    cr_assert_eq(rows, 183);
    size_t shown = 0;
    for (size_t r = 0; r < rows; r += 2, shown++) {
        const size_t last = r + 1 < rows ? r + 1 : r; /* the last group has one week */
        const double *x = v + last * cols;
        double actual = v[r * cols + 2], model = v[r * cols + 3];
        if (last != r) actual += x[2], model += x[3];
        char head[LTV__VALUE_TEXT], c[4][LTV__VALUE_TEXT], row[512];
        const char *cells[4] = {c[0], c[1], c[2], c[3]};
        ltv_date_format((int32_t)x[0], head, sizeof head);
        ltv__report_count(c[0], (uint64_t)actual);
        ltv__report_num(c[1], model, 1);
        ltv__report_count(c[2], (uint64_t)x[4]);
        ltv__report_num(c[3], x[5], 1);
        row_of(row, sizeof row, head, cells, 4);
        cr_assert(strstr(sec, row), "group %zu: %s", shown, row);
    }
    cr_assert_eq(shown, 92);
    cr_assert(strstr(sec, "<tr><th scope=\"row\">2000-06-30</th>"));
    ltv_free(v);
    ltv_free(a);
    ltv_predict_fit_free(fit);
    ltv_predict_data_free(data);
    ltv_report_options_free(o);
    ltv_ledger_free(l);
}
