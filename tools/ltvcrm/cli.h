/* The ltvcrm command-line tool: shared declarations of its subcommands and helpers.
 * The tool uses only the public API of libltvcrm. */
#ifndef LTVCRM_CLI_H
#define LTVCRM_CLI_H

#include <ltvcrm/ltvcrm.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli_options.h"

/* Exit codes, documented in `ltvcrm --help` and docs/cli.md. */
enum cli_exit {
    CLI_EXIT_OK = 0,          /* success */
    CLI_EXIT_FAILURE = 1,     /* the library failed on valid input (out of memory, ...) */
    CLI_EXIT_USAGE = 2,       /* bad command line: unknown option, missing argument */
    CLI_EXIT_INPUT = 3        /* the input could not be read or is invalid */
};

/* A subcommand: argv[0] is the subcommand's name. Returns a cli_exit code. */
typedef int (*cli_command_fn)(int argc, char **argv);

/* Each subcommand: what it runs and its command line (the option tables). */
int cmd_summary(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
extern const cli_spec cmd_summary_spec, cmd_segment_spec, cmd_grade_spec, cmd_matrix_spec, cmd_plan_spec,
    cmd_report_spec, cmd_snapshot_spec;
int cmd_predict(int argc, char **argv);
extern const cli_spec cmd_predict_spec;
/* none, bgnbd, pareto, mbgnbd (none = -1), for --predict of other commands (cli_alive.c). */
extern const cli_choice cli_predict_models[];
/* bgnbd, pareto, mbgnbd (predict and report --model). */
extern const cli_choice cli_purchase_models[];

/* Output formats shared by the subcommands. */
typedef enum cli_format { CLI_FORMAT_TABLE = 0, CLI_FORMAT_CSV = 1, CLI_FORMAT_JSON = 2 } cli_format;

/* The loader's columns, in ltv_csv_column order: an order log's 0..11 (those from 5 on are read
 * only when named), a customer table's 12..15. */
#define CLI_COLUMNS 16
#define CLI_V1_COLUMNS 5

/* Options every subcommand that reads an order log understands. */
typedef struct cli_load_args {
    const char *path;
    ltv_csv_options *csv;
    int decimals;
    bool has_as_of;   /* false: the day after the last event */
    int32_t as_of;    /* the --as-of day, checked when the option was read */
    const char *command;                 /* the subcommand, for messages */
    const char *column_name[CLI_COLUMNS]; /* --column NAME per ltv_csv_column; NULL: the default */
    bool given;       /* a loader option was given */
    const char *preset; /* --preset NAME, whose warning is shown with the results; NULL: none */
    bool check_on_use; /* a snapshot is opened with LTV_OPEN_CHECK_ON_USE: the command calls
                          cli_verify() before it writes anything */
} cli_load_args;

/* The FILE operand of a command whose argument struct begins with its cli_load_args. */
int cli_operand_file(void *args, const char *arg, const char *command);

/* Creates the options (csv defaults). Returns CLI_EXIT_OK or CLI_EXIT_FAILURE. */
int cli_load_args_init(cli_load_args *args);
void cli_load_args_free(cli_load_args *args);

/* Checks that no two columns share a header name (CLI_EXIT_USAGE), loads args->path
 * (progress on stderr when it is a terminal), resolves the as-of day. Returns a cli_exit code;
 * on success *out_ledger and *out_report are the caller's. Without --as-of and events the
 * as-of day is 1970-01-01, which nothing depends on: show it with cli_shown_as_of(). */
int cli_load(const cli_load_args *args, ltv_ledger **out_ledger, ltv_load_report **out_report, int32_t *out_as_of);

/* ltv_ledger_verify() for a command that loaded with check_on_use, once its computation is
 * done and before its output: a damaged snapshot is reported (naming the file) and nothing
 * is written. Returns a cli_exit code. */
int cli_verify(const cli_load_args *args, const ltv_ledger *ledger);

/* The language of the user's locale: LTV_LANG_JA when the first of LC_ALL, LC_MESSAGES,
 * LANG that is set starts with "ja", else LTV_LANG_EN. */
int cli_default_lang(void);

/* Room for any text cli_day_text() writes, NUL included. */
#define CLI_DAY_TEXT 24

/* Writes a day as YYYY-MM-DD; LTV_DAY_MAX + 1 (the default as-of of data that reaches the last
 * day the library knows) as "after 9999-12-31"; LTV_NO_DAY or any other day that has no date
 * as "-". Returns buf. */
const char *cli_day_text(int32_t day, char *buf, size_t capacity);

/* The as-of day to show: LTV_NO_DAY when it was not given and the ledger has no events (there
 * is no "day after the last event"), else as_of. */
int32_t cli_shown_as_of(const cli_load_args *args, const ltv_ledger *ledger, int32_t as_of);

/* Writes minor units as a decimal number: "-1234.50"; with grouping "1,234.50". */
void cli_format_money(int64_t minor, int decimals, bool grouping, char *buf, size_t capacity);

/* Writes a JSON string literal (quotes included) for UTF-8 text, escaped by ltv_json_quote(). */
void cli_json_string(FILE *out, const char *text);

/* Writes the load report as lines "  line 17, column 3: ..." (at most `limit`). */
void cli_print_rejects(FILE *out, const ltv_load_report *report, size_t limit);

/* Prints "ltvcrm: <what>: <library message>" to stderr and returns the exit code that fits
 * the status (CLI_EXIT_INPUT for input problems, CLI_EXIT_FAILURE otherwise). */
int cli_report_failure(const char *what, int status);

/* Prints "ltvcrm <command>: <message>" and a hint to run --help; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *message, const char *argument);

/* --output-encoding (cli_encoding.c): utf-8 (as is), utf-8-bom (a byte order mark first, for
 * Excel) or cp932 (stdout is captured and converted by cli_output_finish()). */
enum { CLI_OUTPUT_UTF8 = 0, CLI_OUTPUT_UTF8_BOM = 1, CLI_OUTPUT_CP932 = 2 };
int cli_output_encoding(const char *command, int which);
/* Converts captured output (if any) to the output encoding; returns `code`, or
 * CLI_EXIT_FAILURE if a character cannot be written in it. main() calls it after a command. */
int cli_output_finish(int code);

/* What the segmentation options (cli_segment_group) work on. */
typedef struct cli_segment_args {
    ltv_segment_config *cfg;
    bool given; /* a segmentation option other than --basis was given */
    bool table_given, bins_given; /* --segments, --bins: not implied by --rfm-mode r-rfm|pymc */
} cli_segment_args;

/* What the prediction options (cli_alive_group, cli_alive.c) work on: the segmentation
 * settings the model and the P(alive) rule go to. */
typedef struct cli_alive_args {
    ltv_segment_config *cfg;
    int model;                    /* --predict: an ltv_predict_model, or -1 (initialise it so) */
    bool rule_given;              /* a P(alive) rule or comparison was asked for */
    bool days_given, drop_given;  /* --falling-days, --falling-drop (plan: over the planner's settings) */
    ltv_predict_fit *fit, *spend; /* the fitted models, after cli_alive_attach() */
    const char *p_alive_path;     /* segment --p-alive: P(alive) from a file instead of a model */
    double *given, *given_before; /* its values, after cli_alive_attach() */
} cli_alive_args;
extern const cli_group cli_alive_group;

/* With --predict: fits the model and Gamma-Gamma in weeks on the orders before as_of and
 * attaches them to a->cfg; with --p-alive: reads the file and gives its values to a->cfg
 * (P(alive) options without either are a usage error). Returns a
 * cli_exit code; release with cli_alive_free() after the last run with the settings. */
int cli_alive_attach(cli_alive_args *a, const ltv_ledger *ledger, int32_t as_of, const char *command);
void cli_alive_free(cli_alive_args *a);

/* The format of a matrix plan file: JSON if the name ends in .json or the content starts with
 * '{', CSV otherwise (cmd_matrix.c; ltvcrm report --matrix reads the same files). */
int cli_matrix_plan_format(const char *path);

/* Reads an integer (the whole text) into *out; false if it is not one. */
bool cli_parse_i64(const char *text, int64_t *out);

/* Buffered output for large per-customer tables: far fewer calls than printf per field. */
typedef struct cli_out {
    FILE *file;
    char buf[1 << 16];
    size_t len;
} cli_out;
void cli_out_bytes(cli_out *out, const char *text, size_t len);
void cli_out_str(cli_out *out, const char *text);
void cli_out_i64(cli_out *out, int64_t value);
void cli_out_money(cli_out *out, int64_t minor, int decimals);
void cli_out_csv_field(cli_out *out, const char *text, size_t len); /* quoted when needed */
void cli_out_flush(cli_out *out);

#endif
