/* ltvcrm grade: the CRM maturity diagnostic of seed 000. Grades ten answers A–D, explains
 * the grade and lists the next steps worst first; with an order log, prints the shop's own
 * figures beside the questions. Asks the questions on the terminal when no answers are given. */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Headings of the text output: [lang]. */
typedef struct cli_grade_words {
    const char *diagnostic, *answers, *figure, *steps, *no_steps, *box, *capability, *your_answer, *whole_matrix;
    const char *prompt, *again;
    const char *colon, *open, *close; /* ": " "(" ")" or their fullwidth forms */
} cli_grade_words;

static const cli_grade_words words[2] = {
    {"CRM diagnostic: grade", "Answers", "Your figure", "Next steps, worst first",
     "Every answer is A: the next theme is referrals, co-creation and community.", "Matrix box", "Capability",
     "your answer", "Whole matrix", "Answer A, B, C or D: ", "please answer with one letter A, B, C or D", ": ", " (", ")"},
    {"CRM診断：", "回答", "自社の数値", "次の一歩（悪い回答から順に）",
     "すべてA回答です。次のテーマは紹介・共創・コミュニティ化です。", "マトリクスの箱", "機能", "回答",
     "マトリクス全体", "A・B・C・Dのいずれかを入力してください：", "A・B・C・Dのいずれか1文字で答えてください", "：", "（",
     "）"},
};

/* Asks Q1..Q10 on stderr and reads one letter per line from stdin, asking again on bad input. */
static int ask_questions(int lang, int32_t choices[LTV_GRADER_QUESTIONS]) {
    const cli_grade_words *w = &words[lang];
    fprintf(stderr, "%s\n\n%s\n", ltv_grader_note(LTV_GRADER_NOTE_TITLE, lang), ltv_grader_note(LTV_GRADER_NOTE_RULE, lang));
    for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
        fprintf(stderr, "\nQ%d/%d  %s\n%s\n", (int)q, LTV_GRADER_QUESTIONS, ltv_grader_topic(q, lang),
                ltv_grader_question(q, lang));
        for (int32_t c = 0; c < LTV_GRADER_CHOICES; c++)
            fprintf(stderr, "  %c: %s\n", 'A' + c, ltv_grader_answer(q, c, lang));
        for (;;) {
            fprintf(stderr, "%s", w->prompt);
            fflush(stderr);
            char line[256];
            if (!fgets(line, sizeof line, stdin)) {
                fprintf(stderr, "\nltvcrm grade: the input ended before Q%d was answered\n", (int)q);
                return CLI_EXIT_INPUT;
            }
            size_t len = strlen(line);
            bool whole_line = len > 0 && line[len - 1] == '\n';
            if (!whole_line && !feof(stdin)) { /* overlong: drop the rest of the line */
                int ch;
                while ((ch = getchar()) != EOF && ch != '\n') {
                }
                fprintf(stderr, "  %s\n", w->again);
                continue;
            }
            int32_t choice;
            if (ltv_grader_parse_choice(line, len, &choice) == LTV_OK) {
                choices[q - 1] = choice;
                break;
            }
            fprintf(stderr, "  %s (%s)\n", w->again, ltv_last_error());
        }
    }
    fputc('\n', stderr);
    return CLI_EXIT_OK;
}

/* Ten answers are a few bytes; piped-in answers longer than this are refused, not cut. */
#define ANSWERS_MAX 65536

/* Reads all of stdin (answers piped in), at most ANSWERS_MAX bytes: *out_too_long is set
 * (and reading stops) when there is more, so an endless stdin cannot exhaust memory and a
 * long one is never graded on its first part. */
static char *read_stdin(size_t *out_len, bool *out_too_long) {
    size_t cap = ANSWERS_MAX + 1, len = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    size_t got;
    while (len < cap && (got = fread(buf + len, 1, cap - len, stdin)) > 0) len += got;
    *out_len = len;
    *out_too_long = len > ANSWERS_MAX;
    return buf;
}

static void box_labels(int32_t stage, int32_t element, int lang, const char **out_stage, const char **out_element) {
    if (stage == LTV_GRADER_WHOLE_MATRIX) {
        *out_stage = words[lang].whole_matrix;
        *out_element = NULL;
    } else {
        *out_stage = ltv_stage_label(stage, lang);
        *out_element = ltv_element_label(element, lang);
    }
}

/* Prints text with every line indented. */
static void print_indented(const char *text, const char *indent) {
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        if (n) printf("%s%.*s\n", indent, (int)n, text);
        else printf("\n");
        text += n + (end ? 1 : 0);
    }
}

static void print_text(const ltv_grade *grade, int lang, bool figures) {
    const cli_grade_words *w = &words[lang];
    if (lang == LTV_LANG_JA) printf("%s%s評価\n", w->diagnostic, ltv_grade_letter(grade));
    else printf("%s %s\n", w->diagnostic, ltv_grade_letter(grade));
    printf("%s\n%s\n\n", ltv_grade_title(grade, lang), ltv_grade_summary(grade, lang));
    print_indented(ltv_grade_explanation(grade, lang), "  ");
    printf("\n%s%s%s%sA %d/%d%s\n", w->answers, w->colon, ltv_grade_answers(grade), w->open,
           (int)ltv_grade_a_count(grade), LTV_GRADER_QUESTIONS, w->close);
    for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
        int32_t answer = ltv_grade_answer(grade, q);
        printf("  Q%-2d %c  %s%s%s\n", (int)q, 'A' + answer, ltv_grader_topic(q, lang), w->colon,
               ltv_grader_answer(q, answer, lang));
        const char *line;
        if (figures && ltv_grade_figure_line(grade, q, lang, &line) == LTV_OK)
            printf("         %s%s%s\n", w->figure, w->colon, line);
    }
    printf("\n%s%s\n", w->steps, lang == LTV_LANG_JA ? "" : ":");
    size_t steps = ltv_grade_step_count(grade);
    if (steps == 0) printf("  %s\n", w->no_steps);
    for (size_t i = 0; i < steps; i++) {
        int32_t q, answer, stage, element, capability;
        ltv_grade_step(grade, i, &q, &answer, &stage, &element, &capability);
        const char *stage_label, *element_label;
        box_labels(stage, element, lang, &stage_label, &element_label);
        printf("  %zu. Q%d %s%s%s%s%c%s\n", i + 1, (int)q, ltv_grader_topic(q, lang), w->open, w->your_answer, w->colon,
               'A' + answer, w->close);
        printf("     %s%s%s%s%s\n", w->box, w->colon, stage_label, element_label ? " × " : "",
               element_label ? element_label : "");
        printf("     %s%s%s\n", w->capability, w->colon, ltv_grader_capability_label(capability, lang));
        printf("     %s\n", ltv_grade_step_text(grade, i, lang));
    }
}

/* shown_as_of: the as-of day as the output names it (see cli_shown_as_of). */
static void print_json(const ltv_grade *grade, int lang, bool figures, int decimals, int32_t shown_as_of) {
    printf("{\"grade\":\"%s\",\"a_count\":%d,\"answers\":\"%s\",\"lang\":\"%s\",\n \"title\":",
           ltv_grade_letter(grade), (int)ltv_grade_a_count(grade), ltv_grade_answers(grade),
           lang == LTV_LANG_JA ? "ja" : "en");
    cli_json_string(stdout, ltv_grade_title(grade, lang));
    printf(",\"summary\":");
    cli_json_string(stdout, ltv_grade_summary(grade, lang));
    printf(",\n \"explanation\":");
    cli_json_string(stdout, ltv_grade_explanation(grade, lang));
    printf(",\n \"questions\":[");
    for (int32_t q = 1; q <= LTV_GRADER_QUESTIONS; q++) {
        int32_t answer = ltv_grade_answer(grade, q);
        printf("%s\n  {\"question\":%d,\"topic\":", q > 1 ? "," : "", (int)q);
        cli_json_string(stdout, ltv_grader_topic(q, lang));
        printf(",\"text\":");
        cli_json_string(stdout, ltv_grader_question(q, lang));
        printf(",\"answer\":\"%c\",\"answer_text\":", 'A' + answer);
        cli_json_string(stdout, ltv_grader_answer(q, answer, lang));
        const char *line;
        if (figures && ltv_grade_figure_line(grade, q, lang, &line) == LTV_OK) {
            printf(",\"figure\":");
            cli_json_string(stdout, line);
        }
        printf("}");
    }
    printf("],\n \"next_steps\":[");
    for (size_t i = 0; i < ltv_grade_step_count(grade); i++) {
        int32_t q, answer, stage, element, capability;
        ltv_grade_step(grade, i, &q, &answer, &stage, &element, &capability);
        const char *stage_label, *element_label;
        box_labels(stage, element, lang, &stage_label, &element_label);
        printf("%s\n  {\"question\":%d,\"answer\":\"%c\",\"stage\":%d,\"stage_label\":", i ? "," : "", (int)q,
               'A' + answer, (int)stage);
        cli_json_string(stdout, stage_label);
        printf(",\"element\":%d,\"element_label\":", (int)element);
        if (element_label) cli_json_string(stdout, element_label);
        else printf("null");
        printf(",\"capability\":%d,\"capability_label\":", (int)capability);
        cli_json_string(stdout, ltv_grader_capability_label(capability, lang));
        printf(",\"recommendation\":");
        cli_json_string(stdout, ltv_grade_step_text(grade, i, lang));
        printf("}");
    }
    printf("]");
    if (figures) {
        static const char *const names[] = {
            "as_of",          "customers",        "repeat_customers", "first_buyers_90", "second_within_90",
            "tenure_0_99",    "tenure_100_199",   "tenure_200_299",   "tenure_300_365",  "tenure_over_365",
            "year_customers", "year_amount",      "annual_ltv",       "state_new",       "state_repeat",
            "state_fan",      "state_dormant",
        };
        printf(",\n \"ledger\":{");
        for (int f = 0; f < (int)(sizeof names / sizeof names[0]); f++) {
            int64_t value = 0;
            ltv_grade_figure(grade, f, &value);
            printf("%s\"%s\":", f ? "," : "", names[f]);
            if (f == LTV_GRADE_FIG_AS_OF_DAY) {
                char day[CLI_DAY_TEXT];
                printf("\"%s\"", cli_day_text(shown_as_of, day, sizeof day));
            } else if (f == LTV_GRADE_FIG_YEAR_AMOUNT || f == LTV_GRADE_FIG_ANNUAL_LTV) {
                char money[48];
                cli_format_money(value, decimals, false, money, sizeof money);
                printf("%s", money);
            } else {
                printf("%" PRId64, value);
            }
        }
        printf("}");
    }
    printf("}\n");
}

/* Attaches the order log's figures to the grade. */
static int attach_ledger(ltv_grade *grade, const cli_load_args *args, int32_t *shown_as_of) {
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    int32_t as_of = 0;
    int code = cli_load(args, &ledger, &report, &as_of);
    if (code != CLI_EXIT_OK) return code;
    if (ltv_load_report_rows_rejected(report)) {
        fprintf(stderr, "ltvcrm grade: %" PRIu64 " bad rows of %s were skipped:\n", ltv_load_report_rows_rejected(report),
                args->path);
        cli_print_rejects(stderr, report, 20);
    }
    *shown_as_of = cli_shown_as_of(args, ledger, as_of);
    int status = ltv_grade_attach_ledger(grade, ledger, as_of, args->decimals);
    if (status != LTV_OK) code = cli_report_failure(args->path, status);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    return code;
}

typedef struct grade_args {
    cli_load_args load; /* --ledger FILE and its loader options */
    int lang;
    int json;
    bool interactive;
    bool have_answers;
    char answers[1024];
} grade_args;

/* Appends an operand to the answers text, separated by a space ("A A B ..." works unquoted). */
static int add_answers(void *target, const char *arg, const char *command) {
    grade_args *a = target;
    size_t used = strlen(a->answers), need = strlen(arg) + (used ? 1 : 0);
    if (used + need + 1 > sizeof a->answers) return cli_usage_error(command, "ANSWERS is too long", NULL);
    if (used) a->answers[used++] = ' ';
    memcpy(a->answers + used, arg, strlen(arg) + 1);
    a->have_answers = true; /* even if empty: '' is a wrong answer, not a request to ask */
    return CLI_EXIT_OK;
}

static const cli_choice formats[] = {{"text", 0, 0}, {"table", 0, 1}, {"json", 1, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--interactive", .alias = "-i", .set = cli_set_flag, .field = offsetof(grade_args, interactive),
     .help = "ask the ten questions on the terminal"},
    {.name = "--ledger", .meta = "FILE", .set = cli_set_text, .field = offsetof(grade_args, load.path),
     .help = "an order log (CSV); prints the shop's figures beside Q1, Q2, Q3, Q6"},
    {.name = "--lang", .choices = cli_lang_choices_ja, .set = cli_set_choice, .field = offsetof(grade_args, lang),
     .help = "language of the output", .def = "ja if LANG starts with ja, else en"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(grade_args, json),
     .help = "text for people or JSON", .def = "text"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_grade_spec = {
    .name = "grade",
    .operands = "[ANSWERS]",
    .summary = "the CRM maturity diagnostic: ten answers A-D, a grade and the next steps",
    .about = "Grades the ten answers of the CRM maturity diagnostic (Q1..Q10, each A best .. D worst): 9-10 A "
             "answers give grade A, 7-8 grade B, 6 or fewer grade C. Every other answer becomes a next step, worst "
             "first, with the campaign-matrix box and the capability that addresses it.\n\n"
             "ANSWERS is ten letters A-D in question order, e.g. AABCDAABBA (either case; spaces and commas "
             "between letters are ignored). Without ANSWERS the questions are asked on the terminal; when stdin "
             "is not a terminal the answers are read from it.",
    .uses = {{&own, 0, NULL, NULL}, {&cli_load_group, offsetof(grade_args, load), "for --ledger", NULL}},
    .operand = add_answers,
};

int cmd_grade(int argc, char **argv) {
    grade_args a = {.lang = cli_default_lang()};
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    code = cli_parse(&cmd_grade_spec, &a, argc, argv);
    if (code == CLI_HELP_SHOWN) {
        cli_load_args_free(&a.load);
        return CLI_EXIT_OK;
    }
    cli_load_args args = a.load;
    const int lang = a.lang;
    const bool json = a.json, interactive = a.interactive, have_answers = a.have_answers;
    const char *answers = a.answers;
    if (code == CLI_EXIT_OK && args.given && !args.path)
        code = cli_usage_error("grade", "loader options such as --as-of need --ledger FILE", NULL);
    if (code == CLI_EXIT_OK && interactive && have_answers)
        code = cli_usage_error("grade", "give ANSWERS or --interactive, not both", answers);

    ltv_grade *grade = NULL;
    if (code == CLI_EXIT_OK) {
        int status;
        if (interactive || (!have_answers && isatty(STDIN_FILENO))) {
            int32_t choices[LTV_GRADER_QUESTIONS];
            code = ask_questions(lang, choices);
            status = code == CLI_EXIT_OK ? ltv_grader_grade_choices(&grade, choices, LTV_GRADER_QUESTIONS) : LTV_OK;
        } else if (have_answers) {
            status = ltv_grader_grade(&grade, answers, strlen(answers));
        } else {
            size_t len = 0;
            bool too_long = false;
            char *text = read_stdin(&len, &too_long);
            if (text && too_long) {
                fprintf(stderr, "ltvcrm grade: the answers on stdin are longer than %d bytes; give the ten answers, "
                                "such as AABCDAABBA\n", ANSWERS_MAX);
                code = CLI_EXIT_INPUT;
            } else {
                status = text ? ltv_grader_grade(&grade, text, len) : LTV_ENOMEM;
            }
            free(text);
        }
        if (code == CLI_EXIT_OK && status != LTV_OK) {
            /* Wrong answers are the user's input, whatever the status (empty text is EINVAL). */
            code = cli_report_failure("grade", status);
            if (status != LTV_ENOMEM) code = CLI_EXIT_INPUT;
        }
    }
    int32_t shown_as_of = LTV_NO_DAY;
    if (code == CLI_EXIT_OK && args.path) code = attach_ledger(grade, &args, &shown_as_of);
    if (code == CLI_EXIT_OK) {
        if (json) print_json(grade, lang, args.path != NULL, args.decimals, shown_as_of);
        else print_text(grade, lang, args.path != NULL);
    }
    ltv_grade_free(grade);
    cli_load_args_free(&args);
    return code;
}
