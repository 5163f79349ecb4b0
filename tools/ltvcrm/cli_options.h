/* The option tables of the ltvcrm subcommands: each option is written once, as one entry of a
 * table, and that entry drives parsing, `--help` and the option reference in docs/cli.md
 * (`ltvcrm help --reference`). How to add an option: see the top of docs/cli.md. */
#ifndef LTVCRM_CLI_OPTIONS_H
#define LTVCRM_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_opt cli_opt;

/* Applies an option's value to `target` (the struct its group works on). `typed` is the
 * spelling on the command line (an alias, maybe), for messages; `value` is NULL for a flag.
 * Returns CLI_EXIT_OK or the code of a usage error it printed (cli_usage_error). */
typedef int (*cli_opt_set)(void *target, const cli_opt *opt, const char *typed, const char *value,
                           const char *command);

/* One accepted word of an option that takes one of a list ("table", "csv", ...). */
typedef struct cli_choice {
    const char *word;
    int value;
    int alias; /* 1: accepted, but not listed in help and messages (an older spelling) */
} cli_choice;

/* One option. Only name, help and set are required; fields not given are 0/NULL. */
struct cli_opt {
    const char *name;    /* "--format" */
    const char *alias;   /* another spelling that keeps working ("--ltv-basis", "-i"), or NULL */
    const char *meta;    /* the value's placeholder ("N", "FILE"); NULL: a flag without value.
                            Options with choices may leave it NULL: "table|csv|json" is shown */
    const char *help;    /* one or more sentences; --help wraps them */
    const char *def;     /* the default as shown ("180"), or NULL */
    cli_opt_set set;     /* what the value does */
    size_t field;        /* offset in the target of what the generic setters write */
    int key;             /* a library parameter (LTV_SEG_DORMANT_DAYS ...) for the setter */
    const cli_choice *choices; /* ends with a {NULL} entry */
};

/* A named list of options that works on one struct; shared groups (the loader options, the
 * segmentation options) are used by several commands. */
typedef struct cli_group {
    const char *heading; /* "loader options" */
    const char *anchor;  /* id of its table in docs/cli.md ("loader-options") */
    const char *note;    /* printed under the heading, or NULL */
    const cli_opt *opts;
    size_t count;
} cli_group;

#define CLI_GROUP_SIZE(opts) (sizeof(opts) / sizeof((opts)[0]))

/* A group as a command uses it: where its target lies in the command's argument struct, and
 * what the command says about it. */
typedef struct cli_use {
    const cli_group *group;
    size_t target;    /* offsetof(command args, the group's struct) */
    const char *when; /* e.g. "with --ledger", or NULL */
    const char *note; /* what the options do in this command, or NULL */
} cli_use;

/* A subcommand's command line. */
typedef struct cli_spec {
    const char *name;     /* "summary" */
    const char *operands; /* "FILE", "[ANSWERS]" or NULL */
    const char *summary;  /* one line for `ltvcrm --help` */
    const char *about;    /* paragraphs for `ltvcrm CMD --help` */
    cli_use uses[6];      /* the groups, in the order shown; ends with {NULL} */
    /* An operand (an argument that is not an option); NULL: operands are refused. */
    int (*operand)(void *args, const char *arg, const char *command);
} cli_spec;

/* Returned by cli_parse() after it printed the help. */
#define CLI_HELP_SHOWN (-1)

/* Parses argv[1..argc-1] (argv[0] is the command) into `args`: each option through its
 * table entry, in the order given, operands through spec->operand. Stops at the first error.
 * Returns CLI_EXIT_OK, CLI_HELP_SHOWN after --help / -h, or CLI_EXIT_USAGE. */
int cli_parse(const cli_spec *spec, void *args, int argc, char **argv);

/* Applies again, in order, the options of `group` in argv to `target`, skipping every other
 * option of the command (and its value) and every operand. For options applied over values
 * that are only known after parsing (ltvcrm plan: over the planner's own thresholds). */
int cli_reapply(const cli_spec *spec, const cli_group *group, void *target, int argc, char **argv);

/* The command's help: usage, about, and each group's options. */
void cli_print_help(FILE *out, const cli_spec *spec);

/* The option reference of docs/cli.md in Markdown: every command's own options, then each
 * shared group once. */
void cli_print_reference(FILE *out, const cli_spec *const *specs, size_t count);

/* The generic setters; `field` is the offset of what they write. */
int cli_set_flag(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command);   /* bool = true */
int cli_set_text(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command);   /* const char * = value */
int cli_set_choice(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command); /* int = the choice's value */

/* The value of the choice `value` of an option with choices into *out; a usage error naming
 * the words when it is none of them. */
int cli_choice_value(const cli_opt *opt, const char *typed, const char *value, const char *command, int *out);

/* Shared choice lists. */
extern const cli_choice cli_lang_choices[];    /* en, ja */
extern const cli_choice cli_lang_choices_ja[]; /* ja, en: the same words, listed ja first */

/* The shared groups (cli_common.c, cli_segment.c). The loader options work on a
 * cli_load_args, the segmentation options on a cli_segment_args. */
extern const cli_group cli_load_group;
extern const cli_group cli_segment_group;

#endif
