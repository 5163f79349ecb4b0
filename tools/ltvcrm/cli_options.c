/* The option-table machinery: parsing, --help and the Markdown reference from one table. */
#include <stdbool.h>
#include <string.h>

#include "cli.h"

const cli_choice cli_lang_choices[] = {{"en", LTV_LANG_EN, 0}, {"ja", LTV_LANG_JA, 0}, {NULL, 0, 0}};
const cli_choice cli_lang_choices_ja[] = {{"ja", LTV_LANG_JA, 0}, {"en", LTV_LANG_EN, 0}, {NULL, 0, 0}};

static bool takes_value(const cli_opt *opt) { return opt->meta != NULL || opt->choices != NULL; }

/* The option named `arg` (by its name or its alias) among the command's groups. */
static const cli_opt *find(const cli_spec *spec, const char *arg, const cli_use **out_use) {
    for (const cli_use *use = spec->uses; use->group; use++)
        for (size_t k = 0; k < use->group->count; k++) {
            const cli_opt *opt = &use->group->opts[k];
            if (!strcmp(arg, opt->name) || (opt->alias && !strcmp(arg, opt->alias))) {
                *out_use = use;
                return opt;
            }
        }
    return NULL;
}

static bool is_option(const char *arg) { return arg[0] == '-' && arg[1] != '\0'; }

static bool is_help(const char *arg) { return !strcmp(arg, "--help") || !strcmp(arg, "-h"); }

int cli_parse(const cli_spec *spec, void *args, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int code;
        if (is_help(arg)) {
            cli_print_help(stdout, spec);
            return CLI_HELP_SHOWN;
        }
        if (!is_option(arg)) {
            code = spec->operand ? spec->operand(args, arg, spec->name)
                                 : cli_usage_error(spec->name, "unexpected argument", arg);
        } else {
            const cli_use *use = NULL;
            const cli_opt *opt = find(spec, arg, &use);
            if (!opt) return cli_usage_error(spec->name, "unknown option", arg);
            const char *value = NULL;
            if (takes_value(opt)) {
                if (i + 1 >= argc) return cli_usage_error(spec->name, "missing value for", arg);
                value = argv[++i];
            }
            code = opt->set((char *)args + use->target, opt, arg, value, spec->name);
        }
        if (code != CLI_EXIT_OK) return code;
    }
    return CLI_EXIT_OK;
}

int cli_reapply(const cli_spec *spec, const cli_group *group, void *target, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const cli_use *use = NULL;
        const cli_opt *opt = is_option(argv[i]) ? find(spec, argv[i], &use) : NULL;
        if (!opt) continue;
        const char *typed = argv[i], *value = takes_value(opt) && i + 1 < argc ? argv[++i] : NULL;
        if (use->group != group) continue;
        int code = opt->set(target, opt, typed, value, spec->name);
        if (code != CLI_EXIT_OK) return code;
    }
    return CLI_EXIT_OK;
}

/* ---- the generic setters ---- */

int cli_set_flag(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed, (void)value, (void)command;
    *(bool *)((char *)target + opt->field) = true;
    return CLI_EXIT_OK;
}

int cli_set_text(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed, (void)command;
    *(const char **)((char *)target + opt->field) = value;
    return CLI_EXIT_OK;
}

/* "a, b or c" of the listed (non-alias) words. */
static void choice_list(const cli_choice *choices, const char *comma, const char *or, char *buf, size_t capacity) {
    size_t listed = 0, shown = 0, len = 0;
    for (const cli_choice *c = choices; c->word; c++) listed += !c->alias;
    buf[0] = '\0';
    for (const cli_choice *c = choices; c->word && len < capacity; c++) {
        if (c->alias) continue;
        const char *sep = shown == 0 ? "" : shown + 1 == listed ? or : comma;
        int n = snprintf(buf + len, capacity - len, "%s%s", sep, c->word);
        if (n < 0) break;
        len += (size_t)n;
        shown++;
    }
}

int cli_choice_value(const cli_opt *opt, const char *typed, const char *value, const char *command, int *out) {
    for (const cli_choice *c = opt->choices; c->word; c++)
        if (!strcmp(value, c->word)) {
            *out = c->value;
            return CLI_EXIT_OK;
        }
    char words[200], message[260];
    choice_list(opt->choices, ", ", " or ", words, sizeof words);
    snprintf(message, sizeof message, "%s wants %s", typed, words);
    return cli_usage_error(command, message, value);
}

int cli_set_choice(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    return cli_choice_value(opt, typed, value, command, (int *)((char *)target + opt->field));
}

/* ---- help ---- */

/* Characters of UTF-8 text (not bytes), to line up columns. */
static size_t columns(const char *text, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

/* The option as written in help: "--format table|csv|json" or "--dormant-days N". */
static void synopsis(const cli_opt *opt, char *buf, size_t capacity) {
    char words[200] = "";
    if (!opt->meta && opt->choices) choice_list(opt->choices, "|", "|", words, sizeof words);
    const char *meta = opt->meta ? opt->meta : words;
    snprintf(buf, capacity, "%s%s%s", opt->name, *meta ? " " : "", meta);
}

/* The help sentence with the default, older spellings of the option and of its words: what
 * --help and the docs say. */
static void full_help(const cli_opt *opt, bool with_default, char *buf, size_t capacity) {
    size_t len = (size_t)snprintf(buf, capacity, "%s", opt->help);
    if (with_default && opt->def && len < capacity)
        len += (size_t)snprintf(buf + len, capacity - len, " (default: %s)", opt->def);
    if (opt->alias && len < capacity) len += (size_t)snprintf(buf + len, capacity - len, " (also %s)", opt->alias);
    for (const cli_choice *c = opt->choices; c && c->word && len < capacity; c++) {
        if (!c->alias) continue;
        const cli_choice *same = opt->choices;
        while (same->word && (same->alias || same->value != c->value)) same++;
        if (same->word) len += (size_t)snprintf(buf + len, capacity - len, " (%s is the same as %s)", c->word, same->word);
    }
}

enum { HELP_INDENT = 22, HELP_WIDTH = 92 };

/* Writes `text` from column `at` on, wrapped at HELP_WIDTH, later lines indented by `indent`;
 * a '\n' in the text breaks the line. */
static void wrapped(FILE *out, const char *text, size_t at, size_t indent) {
    for (bool first = true; *text; first = false, at = indent) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text), take = len;
        if (!first && len) fprintf(out, "%*s", (int)indent, "");
        if (at + columns(text, len) > HELP_WIDTH) { /* break at the last space that fits */
            size_t room = HELP_WIDTH - at, fit = 0;
            for (size_t i = 0, cols = 0; i < len && cols <= room; i++) {
                if (text[i] == ' ') fit = i;
                cols += ((unsigned char)text[i] & 0xC0) != 0x80;
            }
            if (fit) take = fit;
        }
        fprintf(out, "%.*s\n", (int)take, text);
        text += take;
        if (take == len && nl) text++;
        else while (*text == ' ') text++;
    }
}

static void print_group(FILE *out, const cli_group *group, const cli_use *use) {
    fprintf(out, "%s%s%s:\n", group->heading, use->when ? " " : "", use->when ? use->when : "");
    if (use->note) wrapped(out, use->note, 0, 0);
    if (group->note) wrapped(out, group->note, 0, 0);
    for (size_t k = 0; k < group->count; k++) {
        char name[160], help[1200];
        synopsis(&group->opts[k], name, sizeof name);
        full_help(&group->opts[k], true, help, sizeof help);
        size_t width = 2 + columns(name, strlen(name));
        fprintf(out, "  %s", name);
        if (width + 2 > HELP_INDENT) fprintf(out, "\n%*s", HELP_INDENT, "");
        else fprintf(out, "%*s", (int)(HELP_INDENT - width), "");
        wrapped(out, help, HELP_INDENT, HELP_INDENT);
    }
}

static void usage_line(FILE *out, const cli_spec *spec) {
    fprintf(out, "ltvcrm %s%s%s [options]", spec->name, spec->operands ? " " : "", spec->operands ? spec->operands : "");
}

void cli_print_help(FILE *out, const cli_spec *spec) {
    fprintf(out, "usage: ");
    usage_line(out, spec);
    fprintf(out, "\n\n");
    wrapped(out, spec->about, 0, 0);
    for (const cli_use *use = spec->uses; use->group; use++) {
        fputc('\n', out);
        print_group(out, use->group, use);
    }
}

/* ---- the reference in docs/cli.md ---- */

/* Markdown table cells: a '|' would end the cell. */
static void cell(FILE *out, const char *text) {
    for (; *text; text++) {
        if (*text == '|') fputc('\\', out);
        fputc(*text, out);
    }
}

static void markdown_table(FILE *out, const cli_group *group) {
    fprintf(out, "| option | meaning | default |\n|---|---|---|\n");
    for (size_t k = 0; k < group->count; k++) {
        char name[160], help[1200];
        synopsis(&group->opts[k], name, sizeof name);
        full_help(&group->opts[k], false, help, sizeof help);
        fputs("| `", out);
        cell(out, name);
        fputs("` | ", out);
        cell(out, help);
        fputs(" | ", out);
        const char *def = group->opts[k].def;
        if (def && strchr(def, ' ')) cell(out, def); /* words, not a value to type */
        else if (def) {
            fputc('`', out);
            cell(out, def);
            fputc('`', out);
        }
        fputs(" |\n", out);
    }
}

void cli_print_reference(FILE *out, const cli_spec *const *specs, size_t count) {
    const cli_group *shared[16];
    size_t n_shared = 0;
    for (size_t s = 0; s < count; s++) {
        const cli_spec *spec = specs[s];
        fprintf(out, "### ltvcrm %s\n\n`", spec->name);
        usage_line(out, spec);
        fprintf(out, "` — %s.\n\n", spec->summary);
        for (const cli_use *use = spec->uses; use->group; use++)
            if (!use->group->anchor) markdown_table(out, use->group);
        for (const cli_use *use = spec->uses; use->group; use++) {
            const cli_group *g = use->group;
            if (!g->anchor) continue;
            fprintf(out, "- the [%s](#%s)%s%s%s%s\n", g->heading, g->anchor,
                    use->when ? " " : "", use->when ? use->when : "", use->note ? ". " : "", use->note ? use->note : "");
            bool seen = false;
            for (size_t k = 0; k < n_shared; k++) seen |= shared[k] == g;
            if (!seen && n_shared < sizeof shared / sizeof shared[0]) shared[n_shared++] = g;
        }
        fputc('\n', out);
    }
    for (size_t k = 0; k < n_shared; k++) {
        /* the heading's GitHub anchor is the group's anchor */
        const char first = shared[k]->heading[0];
        fprintf(out, "### %c%s\n\n", first >= 'a' && first <= 'z' ? first - 'a' + 'A' : first, shared[k]->heading + 1);
        if (shared[k]->note) fprintf(out, "%s\n\n", shared[k]->note);
        markdown_table(out, shared[k]);
        if (k + 1 < n_shared) fputc('\n', out);
    }
}
