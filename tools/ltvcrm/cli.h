/* The ltvcrm command-line tool: shared declarations of its subcommands and helpers.
 * The tool uses only the public API of libltvcrm. */
#ifndef LTVCRM_CLI_H
#define LTVCRM_CLI_H

#include <ltvcrm/ltvcrm.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit codes, documented in `ltvcrm --help` and docs/cli.md. */
enum cli_exit {
    CLI_EXIT_OK = 0,          /* success */
    CLI_EXIT_FAILURE = 1,     /* the library failed on valid input (out of memory, ...) */
    CLI_EXIT_USAGE = 2,       /* bad command line: unknown option, missing argument */
    CLI_EXIT_INPUT = 3        /* the input could not be read or is invalid */
};

/* A subcommand: argv[0] is the subcommand's name. Returns a cli_exit code. */
typedef int (*cli_command_fn)(int argc, char **argv);

int cmd_summary(int argc, char **argv);

/* Prints "ltvcrm: <what>: <library message>" to stderr and returns the exit code that fits
 * the status (CLI_EXIT_INPUT for input problems, CLI_EXIT_FAILURE otherwise). */
int cli_report_failure(const char *what, int status);

/* Prints "ltvcrm <command>: <message>" and a hint to run --help; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *message, const char *argument);

#endif
