/* ltvcrm summary: placeholder until the loader lands. */
#include "cli.h"

int cmd_summary(int argc, char **argv) {
    (void)argc;
    (void)argv;
    return CLI_EXIT_FAILURE;
}
