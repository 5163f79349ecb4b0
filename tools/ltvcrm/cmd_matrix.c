/* ltvcrm matrix: the 4 stages × 5 elements campaign matrix on one page, with the shop's
 * figures from an order log, the gaps and the leaking-bath verdicts. */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct matrix_args {
    cli_load_args load;   /* --ledger FILE and its loader options */
    cli_segment_args seg; /* the segmentation of --ledger */
    const char *plan;     /* --load PLAN */
    bool template_plan;
    const char *save;
    int format;
    int lang;
    int64_t width;
    const char *prospects;
    const char *cpo;
    const char *ltv;
} matrix_args;

static int set_width(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    int64_t width;
    if (!cli_parse_i64(value, &width) || width < 12 || width > 200)
        return cli_usage_error(command, "--width wants a number in 12..200", value);
    ((matrix_args *)target)->width = width;
    return CLI_EXIT_OK;
}

static const cli_choice formats[] = {{"text", LTV_MATRIX_FORMAT_TEXT, 0},         {"table", LTV_MATRIX_FORMAT_TEXT, 1},
                                     {"markdown", LTV_MATRIX_FORMAT_MARKDOWN, 0}, {"csv", LTV_MATRIX_FORMAT_CSV, 0},
                                     {"json", LTV_MATRIX_FORMAT_JSON, 0},         {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--load", .meta = "PLAN", .set = cli_set_text, .field = offsetof(matrix_args, plan),
     .help = "the plan, JSON or CSV (by extension .json/.csv, else by content)"},
    {.name = "--template", .set = cli_set_flag, .field = offsetof(matrix_args, template_plan),
     .help = "start from the starter template for a D2C shop (in --lang)"},
    {.name = "--ledger", .meta = "FILE", .set = cli_set_text, .field = offsetof(matrix_args, load.path),
     .help = "an order log: customers and revenue per stage (new -> activation, repeat and fan -> retention, "
             "dormant -> churn prevention) and the customers' average LTV"},
    {.name = "--prospects", .meta = "N", .set = cli_set_text, .field = offsetof(matrix_args, prospects),
     .help = "prospects of the acquisition stage (with --cpo)"},
    {.name = "--cpo", .meta = "AMOUNT", .set = cli_set_text, .field = offsetof(matrix_args, cpo),
     .help = "cost per order of acquiring a customer, e.g. 5000 or 49.90 (amounts use --decimals, also without "
             "--ledger)"},
    {.name = "--ltv", .meta = "AMOUNT", .set = cli_set_text, .field = offsetof(matrix_args, ltv),
     .help = "average LTV per customer (instead of the one from --ledger)"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(matrix_args, format),
     .help = "the one-page table, Markdown, CSV or JSON", .def = "text"},
    {.name = "--lang", .choices = cli_lang_choices, .set = cli_set_choice, .field = offsetof(matrix_args, lang),
     .help = "language of the labels", .def = "en"},
    {.name = "--width", .meta = "N", .set = set_width, .help = "width of a stage column in the text table, 12..200",
     .def = "28"},
    {.name = "--save", .meta = "FILE", .set = cli_set_text, .field = offsetof(matrix_args, save),
     .help = "also save the plan, as CSV if FILE ends in .csv, else as JSON"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_matrix_spec = {
    .name = "matrix",
    .summary = "the 4 stages x 5 elements campaign matrix with gaps and leaking-bath verdicts",
    .about = "Prints the campaign matrix (stages acquisition, activation, retention, churn prevention by elements "
             "segment, offer, creative, timing, channel) as one table, then the gaps (boxes empty or only "
             "drafted), the balance verdict and the CPO-versus-LTV verdict.",
    .uses = {{&own, 0, NULL, NULL},
             {&cli_load_group, offsetof(matrix_args, load), "for --ledger", NULL},
             {&cli_segment_group, offsetof(matrix_args, seg), "for --ledger",
              "As for 'ltvcrm segment'; they decide the stages' customers and the average LTV."}},
};

static bool ends_with(const char *text, const char *suffix) {
    size_t n = strlen(text), m = strlen(suffix);
    if (n < m) return false;
    for (size_t i = 0; i < m; i++) {
        char c = text[n - m + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

/* JSON if the name says so or the first thing after spaces and a BOM is '{'; CSV otherwise. */
int cli_matrix_plan_format(const char *path) {
    if (ends_with(path, ".json")) return LTV_MATRIX_FORMAT_JSON;
    if (ends_with(path, ".csv")) return LTV_MATRIX_FORMAT_CSV;
    FILE *file = fopen(path, "rb");
    if (!file) return LTV_MATRIX_FORMAT_JSON; /* the loader reports the missing file */
    unsigned char head[64];
    size_t n = fread(head, 1, sizeof head, file);
    fclose(file);
    size_t i = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    return i < n && head[i] == '{' ? LTV_MATRIX_FORMAT_JSON : LTV_MATRIX_FORMAT_CSV;
}

/* A non-negative amount such as "5000", "5,000" or "49.90" in minor units with `decimals`. */
static bool parse_amount(const char *text, int decimals, int64_t *out) {
    int64_t whole = 0, fraction = 0;
    int fraction_digits = 0;
    bool seen_point = false, any_digit = false;
    for (const char *p = text; *p; p++) {
        if (*p == ',' && !seen_point && any_digit) continue;
        if (*p == '.' && !seen_point && decimals > 0) {
            seen_point = true;
            continue;
        }
        if (*p < '0' || *p > '9') return false;
        any_digit = true;
        if (seen_point) {
            if (++fraction_digits > decimals) return false;
            fraction = fraction * 10 + (*p - '0');
        } else {
            if (whole > (INT64_MAX - 9) / 10) return false;
            whole = whole * 10 + (*p - '0');
        }
    }
    if (!any_digit) return false;
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    for (int i = fraction_digits; i < decimals; i++) fraction *= 10;
    if (whole > (INT64_MAX - fraction) / scale) return false;
    *out = whole * scale + fraction;
    return true;
}

static bool parse_count(const char *text, uint64_t *out) {
    if (*text < '0' || *text > '9') return false;
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (*end != '\0') return false;
    *out = (uint64_t)v;
    return true;
}

/* Customers and revenue of the three existing-customer stages from the segmentation (by
 * default: dormant: no order for more than 180 days or a membership cancel; new: one order;
 * fan: 5+ orders over 365+ days; repeat: the rest), and the segmentation's average LTV on its
 * basis unless the user typed one. */
static int ledger_figures(ltv_matrix *matrix, const ltv_ledger *ledger, int32_t as_of, const ltv_segment_config *cfg,
                          bool set_ltv) {
    ltv_segmentation *seg = NULL;
    int status = ltv_segment_run(&seg, ledger, cfg, as_of);
    if (status != LTV_OK) return cli_report_failure("segmentation", status);
    /* keep a typed-in LTV: the segmentation's average replaces it only when none was given */
    int64_t typed_ltv = 0;
    bool had_ltv = !set_ltv && ltv_matrix_get_ltv(matrix, &typed_ltv) == LTV_OK;
    status = ltv_matrix_set_segmentation(matrix, seg);
    if (status == LTV_OK && had_ltv) status = ltv_matrix_set_ltv(matrix, typed_ltv);
    ltv_segmentation_free(seg);
    if (status != LTV_OK) return cli_report_failure("segmentation", status);
    return CLI_EXIT_OK;
}

/* What the options say together. */
static int check_args(const matrix_args *m) {
    if (m->plan && m->template_plan) return cli_usage_error("matrix", "give --load or --template, not both", NULL);
    if (m->seg.given && !m->load.path)
        return cli_usage_error("matrix", "segmentation options such as --dormant-days need --ledger FILE", NULL);
    if ((m->prospects != NULL) != (m->cpo != NULL))
        return cli_usage_error("matrix", "--prospects and --cpo go together", NULL);
    return CLI_EXIT_OK;
}

/* Figures the user typed: prospects, CPO and LTV, as minor units with `decimals`. */
static int typed_figures(ltv_matrix *matrix, const matrix_args *m, int decimals) {
    if (m->prospects) {
        uint64_t prospects;
        int64_t cpo;
        if (!parse_count(m->prospects, &prospects))
            return cli_usage_error("matrix", "--prospects wants a whole number", m->prospects);
        if (!parse_amount(m->cpo, decimals, &cpo))
            return cli_usage_error("matrix", "--cpo wants an amount such as 5000 or 49.90 (at most --decimals decimals)",
                                   m->cpo);
        ltv_matrix_set_acquisition(matrix, prospects, cpo);
    }
    if (m->ltv) {
        int64_t ltv;
        if (!parse_amount(m->ltv, decimals, &ltv))
            return cli_usage_error("matrix", "--ltv wants an amount such as 12000 or 120.50 (at most --decimals decimals)",
                                   m->ltv);
        ltv_matrix_set_ltv(matrix, ltv);
    }
    return CLI_EXIT_OK;
}

int cmd_matrix(int argc, char **argv) {
    matrix_args m = {.format = LTV_MATRIX_FORMAT_TEXT, .lang = LTV_LANG_EN};
    int code = cli_load_args_init(&m.load);
    if (code != CLI_EXIT_OK) return code;
    if (ltv_segment_config_new(&m.seg.cfg) != LTV_OK) {
        cli_load_args_free(&m.load);
        return cli_report_failure("matrix", ltv_last_status());
    }
    code = cli_parse(&cmd_matrix_spec, &m, argc, argv);
    if (code == CLI_EXIT_OK) code = check_args(&m);
    cli_load_args load = m.load;

    ltv_matrix *matrix = NULL;
    int status = LTV_OK;
    if (code == CLI_EXIT_OK) {
        if (m.plan) status = ltv_matrix_load_file(&matrix, cli_matrix_plan_format(m.plan), m.plan);
        else if (m.template_plan) status = ltv_matrix_new_template(&matrix, m.lang);
        else status = ltv_matrix_new(&matrix);
        if (status != LTV_OK) code = cli_report_failure(m.plan ? m.plan : "matrix", status);
    }
    if (code == CLI_EXIT_OK) {
        ltv_matrix_set_i64(matrix, LTV_MATRIX_DECIMALS, load.decimals);
        if (m.width) ltv_matrix_set_i64(matrix, LTV_MATRIX_CELL_WIDTH, m.width);
        code = typed_figures(matrix, &m, load.decimals);
    }
    if (code == CLI_EXIT_OK && load.path) {
        ltv_ledger *ledger = NULL;
        ltv_load_report *report = NULL;
        int32_t as_of = 0;
        code = cli_load(&load, &ledger, &report, &as_of);
        if (code == CLI_EXIT_OK) {
            if (ltv_load_report_rows_rejected(report)) {
                fprintf(stderr, "ltvcrm matrix: %" PRIu64 " bad rows of %s were skipped:\n",
                        ltv_load_report_rows_rejected(report), load.path);
                cli_print_rejects(stderr, report, 20);
            }
            code = ledger_figures(matrix, ledger, as_of, m.seg.cfg, m.ltv == NULL);
        }
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
    }
    if (code == CLI_EXIT_OK && m.save) {
        int format = ends_with(m.save, ".csv") ? LTV_MATRIX_FORMAT_CSV : LTV_MATRIX_FORMAT_JSON;
        status = ltv_matrix_save_file(matrix, format, m.save);
        if (status != LTV_OK) code = cli_report_failure(m.save, status);
    }
    if (code == CLI_EXIT_OK) {
        char *text = NULL;
        size_t len = 0;
        status = ltv_matrix_render(matrix, m.format, m.lang, &text, &len);
        if (status != LTV_OK) {
            code = cli_report_failure("matrix", status);
        } else {
            fwrite(text, 1, len, stdout);
            ltv_free(text);
        }
    }
    ltv_matrix_free(matrix);
    ltv_segment_config_free(m.seg.cfg);
    cli_load_args_free(&load);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
