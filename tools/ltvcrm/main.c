/* ltvcrm: the command-line face of libltvcrm. Dispatches to one file per subcommand. */
#include <string.h>

#include "cli.h"

typedef struct cli_command {
    const char *name;
    cli_command_fn run;
    const char *summary;
} cli_command;

static const cli_command commands[] = {
    {"summary", cmd_summary, "customers, orders, revenue, repeat rate and the load report of an order log"},
    {"segment", cmd_segment, "one row per customer: lifecycle state, value rank, RFM scores and LTV"},
    {"grade", cmd_grade, "the CRM maturity diagnostic: ten answers A-D, a grade and the next steps"},
    {"matrix", cmd_matrix, "the 4 stages x 5 elements campaign matrix with gaps and leaking-bath verdicts"},
    {"plan", cmd_plan, "the 90-day scenario planner: today's due actions, channel load, a customer's schedule"},
    {"report", cmd_report, "the monthly health check: sales, repeat, second purchase, tenure, churn, segments, LTV"},
};

static void print_help(FILE *out) {
    fprintf(out, "usage: ltvcrm <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'ltvcrm <command> --help' describes a command's options.\n"
                 "exit codes: 0 success, 1 failure, 2 usage error, 3 unreadable or invalid input\n");
}

int cli_report_failure(const char *what, int status) {
    fprintf(stderr, "ltvcrm: %s: %s (%s)\n", what, ltv_last_error(), ltv_status_name(status));
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
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("ltvcrm %s\n", ltv_version_string());
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ltvcrm: unknown command '%s'\n\n", argv[1]);
    print_help(stderr);
    return CLI_EXIT_USAGE;
}
