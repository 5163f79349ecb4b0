/* ltvcrm: the command-line face of libltvcrm. Dispatches to one file per subcommand. */
#include <string.h>

#include "cli.h"

typedef struct cli_command {
    cli_command_fn run;
    const cli_spec *spec; /* name, summary and options */
} cli_command;

static const cli_command commands[] = {
    {cmd_summary, &cmd_summary_spec}, {cmd_segment, &cmd_segment_spec}, {cmd_grade, &cmd_grade_spec},
    {cmd_matrix, &cmd_matrix_spec},   {cmd_plan, &cmd_plan_spec},       {cmd_report, &cmd_report_spec},
    {cmd_snapshot, &cmd_snapshot_spec},
    {cmd_predict, &cmd_predict_spec},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void print_help(FILE *out) {
    fprintf(out, "usage: ltvcrm <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-9s %s\n", commands[i].spec->name, commands[i].spec->summary);
    fprintf(out, "\n'ltvcrm help <command>' or 'ltvcrm <command> --help' describes a command's options.\n"
                 "exit codes: 0 success, 1 failure, 2 usage error, 3 unreadable or invalid input\n");
}

static const cli_command *find_command(const char *name) {
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (!strcmp(name, commands[i].spec->name)) return &commands[i];
    return NULL;
}

/* ltvcrm help [CMD | --reference]: the general help, a command's help, or the option
 * reference of docs/cli.md (scripts/cli-doc.sh writes it there). */
static int help(int argc, char **argv) {
    if (argc < 3) {
        print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[2], "--reference")) {
        const cli_spec *specs[COMMAND_COUNT];
        for (size_t i = 0; i < COMMAND_COUNT; i++) specs[i] = commands[i].spec;
        cli_print_reference(stdout, specs, COMMAND_COUNT);
        return CLI_EXIT_OK;
    }
    const cli_command *command = find_command(argv[2]);
    if (!command || argc > 3) {
        fprintf(stderr, "ltvcrm help: %s '%s'\n\n", command ? "one command at a time, not" : "unknown command",
                argv[command ? 3 : 2]);
        print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    cli_print_help(stdout, command->spec);
    return CLI_EXIT_OK;
}

/* True if the message names `what` in quotes already ("cannot open 'x.csv': ..."). */
static bool names_subject(const char *message, const char *what) {
    const size_t len = strlen(what);
    for (const char *at = strstr(message, what); len && at; at = strstr(at + 1, what))
        if (at > message && at[-1] == '\'' && at[len] == '\'') return true;
    return false;
}

int cli_report_failure(const char *what, int status) {
    const char *message = ltv_last_error();
    if (names_subject(message, what)) /* not the file's name twice */
        fprintf(stderr, "ltvcrm: %s (%s)\n", message, ltv_status_name(status));
    else
        fprintf(stderr, "ltvcrm: %s: %s (%s)\n", what, message, ltv_status_name(status));
    switch (status) {
    case LTV_EIO:
    case LTV_EPARSE:
    case LTV_EENCODING:
    case LTV_EFORMAT:
    case LTV_EVALIDATION:
    case LTV_ERANGE:
    case LTV_EOVERFLOW: /* sums of the input past the ledger's limits: the input's doing */
        return CLI_EXIT_INPUT;
    default:
        return CLI_EXIT_FAILURE;
    }
}

int cli_usage_error(const char *command, const char *message, const char *argument) {
    fprintf(stderr, "ltvcrm %s: %s%s%s\n", command, message, argument ? ": " : "", argument ? argument : "");
    fprintf(stderr, "run 'ltvcrm %s --help' for usage\n", command);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "help")) return help(argc, argv);
    if (!strcmp(argv[1], "--version")) {
        printf("ltvcrm %s\n", ltv_version_string());
        return CLI_EXIT_OK;
    }
    const cli_command *command = find_command(argv[1]);
    if (command) return cli_output_finish(command->run(argc - 1, argv + 1));
    fprintf(stderr, "ltvcrm: unknown command '%s'\n\n", argv[1]);
    print_help(stderr);
    return CLI_EXIT_USAGE;
}
