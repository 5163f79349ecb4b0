/* ltvcrm report --format html: the report options from the command line, then
 * ltv_report_html (to standard output) or ltv_report_html_file (-o, atomically). */
#include <string.h>

#include "cmd_report.h"

/* The planner of --scenario: a file, or the built-in one; validated (problems listed). */
static int load_planner(const char *scenario, int lang, ltv_planner **out) {
    const bool builtin = !strcmp(scenario, "builtin");
    int status = builtin ? ltv_planner_new_default(out, lang) : ltv_planner_load(out, scenario);
    if (status != LTV_OK) return cli_report_failure(scenario, status);
    ltv_plan_report *problems = NULL;
    status = ltv_planner_validate(*out, &problems);
    if (status == LTV_EVALIDATION) {
        fprintf(stderr, "ltvcrm report: %s: %zu problem%s:\n", scenario, ltv_plan_report_count(problems),
                ltv_plan_report_count(problems) == 1 ? "" : "s");
        for (size_t i = 0; i < ltv_plan_report_count(problems); i++) {
            const char *message;
            ltv_plan_report_problem(problems, i, NULL, NULL, NULL, NULL, &message);
            fprintf(stderr, "  %s\n", message);
        }
    }
    ltv_plan_report_free(problems);
    if (status == LTV_EVALIDATION) return CLI_EXIT_INPUT;
    return status == LTV_OK ? CLI_EXIT_OK : cli_report_failure("validate", status);
}

/* Everything but the inputs that need loading. */
static int set_options(ltv_report_options *o, const report_view *v, const report_html_args *h,
                       const ltv_segment_config *segment, const ltv_health_config *health) {
    int status = ltv_report_options_set_i64(o, LTV_REPORT_LANG, v->lang);
    if (status == LTV_OK) status = ltv_report_options_set_i64(o, LTV_REPORT_DECIMALS, v->decimals);
    if (status == LTV_OK && v->has_cpo) status = ltv_report_options_set_i64(o, LTV_REPORT_CPO, v->cpo);
    if (status == LTV_OK) status = ltv_report_options_set_segment_config(o, segment);
    if (status == LTV_OK) status = ltv_report_options_set_health_config(o, health);
    if (status != LTV_OK) return cli_report_failure("report options", status);
    if (h->answers && ltv_report_options_set_answers(o, h->answers, strlen(h->answers)) != LTV_OK)
        return cli_usage_error("report", ltv_last_error(), NULL);
    if (h->title && ltv_report_options_set_title(o, h->title, strlen(h->title)) != LTV_OK)
        return cli_usage_error("report", ltv_last_error(), NULL);
    if (h->generated) {
        int32_t day;
        if (ltv_date_parse(h->generated, strlen(h->generated), &day) != LTV_OK)
            return cli_usage_error("report", "--generated wants a date such as 2026-11-01", h->generated);
        if (ltv_report_options_set_i64(o, LTV_REPORT_GENERATED_DAY, day) != LTV_OK)
            return cli_usage_error("report", ltv_last_error(), NULL);
    }
    const struct {
        const char *text, *option;
        int param;
    } days[2] = {{h->calibration_end, "--calibration-end", LTV_REPORT_CALIBRATION_END},
                 {h->holdout_end, "--holdout-end", LTV_REPORT_HOLDOUT_END}};
    for (int k = 0; k < 2; k++) {
        int32_t day;
        if (!days[k].text) continue;
        if (ltv_date_parse(days[k].text, strlen(days[k].text), &day) != LTV_OK)
            return cli_usage_error("report", days[k].option, ltv_last_error());
        if (ltv_report_options_set_i64(o, days[k].param, day) != LTV_OK)
            return cli_usage_error("report", ltv_last_error(), NULL);
    }
    if (ltv_report_options_set_i64(o, LTV_REPORT_MODEL, h->model) != LTV_OK)
        return cli_usage_error("report", ltv_last_error(), NULL);
    return CLI_EXIT_OK;
}

int report_write_html(const report_view *v, const report_html_args *h, const ltv_segment_config *segment,
                      const ltv_health_config *health) {
    ltv_report_options *o = NULL;
    ltv_planner *planner = NULL;
    ltv_matrix *matrix = NULL;
    if (ltv_report_options_new(&o) != LTV_OK) return cli_report_failure("report options", ltv_last_status());
    int code = set_options(o, v, h, segment, health);
    if (code == CLI_EXIT_OK && h->scenario) code = load_planner(h->scenario, v->lang, &planner);
    if (code == CLI_EXIT_OK && planner) ltv_report_options_set_planner(o, planner);
    if (code == CLI_EXIT_OK && h->matrix) {
        int status = ltv_matrix_load_file(&matrix, cli_matrix_plan_format(h->matrix), h->matrix);
        if (status != LTV_OK) code = cli_report_failure(h->matrix, status);
        else ltv_report_options_set_matrix(o, matrix);
    }
    if (code == CLI_EXIT_OK) {
        int status;
        if (h->output) {
            status = ltv_report_html_file(h->output, v->ledger, o, v->as_of);
        } else {
            char *html = NULL;
            size_t len = 0;
            status = ltv_report_html(&html, &len, v->ledger, o, v->as_of);
            if (status == LTV_OK && (fwrite(html, 1, len, stdout) != len || fflush(stdout) != 0)) {
                fprintf(stderr, "ltvcrm report: cannot write the page to standard output\n");
                code = CLI_EXIT_FAILURE;
            }
            ltv_free(html);
        }
        /* a file that cannot be written is the user's path, not bad input */
        if (status == LTV_EIO) {
            fprintf(stderr, "ltvcrm report: %s\n", ltv_last_error());
            code = CLI_EXIT_FAILURE;
        } else if (status == LTV_ERANGE) { /* the settings were checked before: a --calibration-end or --holdout-end
                                              that does not fit the as-of day */
            code = cli_usage_error("report", ltv_last_error(), NULL);
        } else if (status != LTV_OK) {
            code = cli_report_failure("html report", status);
        }
    }
    ltv_matrix_free(matrix);
    ltv_planner_free(planner);
    ltv_report_options_free(o);
    return code;
}
