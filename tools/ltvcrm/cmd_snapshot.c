/* ltvcrm snapshot build|append|compact|info: ledgers that last between runs. `build` loads
 * order logs and saves the ledger as a snapshot, `append` adds a day's orders to a snapshot
 * and saves only them as an increment (crash-safe: the previous commit stays in force until
 * the new one is on disk), `compact` rewrites a snapshot as one base, `info` shows a
 * snapshot's header and commit. Every command that reads an order log also opens a snapshot
 * in its place. */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

#define MAX_FILES 64

typedef struct snapshot_args {
    cli_load_args load;
    const char *action;
    const char *files[MAX_FILES];
    size_t file_count;
    const char *out;
    int format;
} snapshot_args;

static int operand(void *target, const char *arg, const char *command) {
    snapshot_args *a = target;
    if (!a->action) {
        if (strcmp(arg, "build") && strcmp(arg, "append") && strcmp(arg, "compact") && strcmp(arg, "info"))
            return cli_usage_error(command, "the first operand is build, append, compact or info, not", arg);
        a->action = arg;
        return CLI_EXIT_OK;
    }
    if (a->file_count == MAX_FILES) return cli_usage_error(command, "too many files", arg);
    a->files[a->file_count++] = arg;
    return CLI_EXIT_OK;
}

static const cli_choice formats[] = {{"table", CLI_FORMAT_TABLE, 0}, {"json", CLI_FORMAT_JSON, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--out", .alias = "-o", .meta = "FILE", .set = cli_set_text, .field = offsetof(snapshot_args, out),
     .help = "the snapshot to write; build needs it, append and compact write SNAPSHOT in place without it"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(snapshot_args, format),
     .help = "info as a table for people or json for machines", .def = "table"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_snapshot_spec = {
    .name = "snapshot",
    .operands = "build FILE... --out SNAPSHOT | append SNAPSHOT FILE... | compact SNAPSHOT | info SNAPSHOT",
    .summary = "save a ledger as a snapshot, add a day's orders to one, compact one, or describe one",
    .about = "build loads order logs and saves the ledger as a snapshot (format version 2); append opens a "
             "snapshot, adds the orders of more logs (a day's, say) and writes only them after the file's end as "
             "an increment, flushed, then committed: a crash leaves the previous snapshot or the new one. It "
             "rewrites the whole snapshot instead when the increments would pass a quarter of the base, when the "
             "snapshot is of format version 1, or with --out. compact rewrites a snapshot as one base without "
             "increments; info shows what a snapshot holds. Every command that takes an order log also takes a "
             "snapshot in its place (recognized by its first bytes) and opens it instead of parsing. The loader "
             "options apply to the logs that build and append read. The format: docs/snapshot-format.md.",
    .uses = {{&own, 0, NULL, NULL}, {&cli_load_group, offsetof(snapshot_args, load), "for build and append", NULL}},
    .operand = operand,
};

/* Adds the logs to the ledger, reporting bad rows on stderr. */
static int add_logs(snapshot_args *a, ltv_ledger *ledger, const char *const *files, size_t count) {
    for (size_t i = 0; i < count; i++) {
        ltv_load_report *report = NULL;
        int status = ltv_ledger_load_csv(ledger, files[i], a->load.csv, &report);
        if (status != LTV_OK) {
            int code = cli_report_failure(files[i], status);
            ltv_load_report_free(report);
            return code;
        }
        if (ltv_load_report_rows_rejected(report)) {
            fprintf(stderr, "ltvcrm snapshot: %s: %" PRIu64 " bad rows were skipped:\n", files[i],
                    ltv_load_report_rows_rejected(report));
            cli_print_rejects(stderr, report, 20);
        }
        printf("%s: %" PRIu64 " rows read, %" PRIu64 " taken, %" PRIu64 " rejected\n", files[i],
               ltv_load_report_rows_read(report), ltv_load_report_rows_taken(report),
               ltv_load_report_rows_rejected(report));
        ltv_load_report_free(report);
    }
    return CLI_EXIT_OK;
}

/* Saves incrementally: an increment when the ledger came from `path`, else a new base. */
static int save(ltv_ledger *ledger, const char *path) {
    static const char *const how_text[] = {"unchanged", "increment appended", "written whole", "compacted"};
    int how = 0;
    int status = ltv_ledger_save_increment(ledger, path, &how);
    if (status != LTV_OK) return cli_report_failure(path, status);
    printf("%s: %" PRIu64 " customers, %" PRIu64 " events (%s)\n", path, ltv_ledger_customer_count(ledger),
           ltv_ledger_event_count(ledger), how_text[how >= 0 && how <= 3 ? how : 0]);
    return CLI_EXIT_OK;
}

static int info(const char *path, int format) {
    ltv_snapshot_info in;
    int status = ltv_snapshot_info_read(path, &in, sizeof in);
    if (status != LTV_OK) return cli_report_failure(path, status);
    char first[CLI_DAY_TEXT], last[CLI_DAY_TEXT];
    cli_day_text(in.first_day, first, sizeof first);
    cli_day_text(in.last_day, last, sizeof last);
    if (format == CLI_FORMAT_JSON) {
        printf("{\"file\":");
        cli_json_string(stdout, path);
        printf(",\"format_version\":%u,\"sections\":%u,\"bytes\":%" PRIu64 ",\"customers\":%" PRIu64
               ",\"events\":%" PRIu64 ",\"orders\":%" PRIu64 ",\"revenue\":%" PRId64 ",\"first_day\":\"%s\","
               "\"last_day\":\"%s\",\"increments\":%" PRIu64 ",\"commit\":%" PRIu64 "}\n",
               in.format_version, in.sections, in.file_bytes, in.customers, in.events, in.orders, in.revenue, first,
               last, in.increments, in.commit);
        return CLI_EXIT_OK;
    }
    printf("%s: libltvcrm snapshot, format version %u, %u sections, %" PRIu64 " bytes\n\n", path, in.format_version,
           in.sections, in.file_bytes);
    printf("  %-22s %15" PRIu64 "\n", "customers", in.customers);
    printf("  %-22s %15" PRIu64 "\n", "events", in.events);
    printf("  %-22s %15" PRIu64 "\n", "orders", in.orders);
    printf("  %-22s %15" PRId64 "\n", "revenue (minor units)", in.revenue);
    printf("  %-22s %15s\n", "first day", first);
    printf("  %-22s %15s\n", "last day", last);
    if (in.commit) {
        printf("  %-22s %15" PRIu64 "\n", "increments", in.increments);
        printf("  %-22s %15" PRIu64 "\n", "commit", in.commit);
    }
    return CLI_EXIT_OK;
}

int cmd_snapshot(int argc, char **argv) {
    snapshot_args a = {.format = CLI_FORMAT_TABLE};
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    code = cli_parse(&cmd_snapshot_spec, &a, argc, argv);
    if (code == CLI_EXIT_OK && !a.action)
        code = cli_usage_error("snapshot", "missing build, append, compact or info", NULL);
    if (code != CLI_EXIT_OK) goto done;
    if (!strcmp(a.action, "info")) {
        code = a.file_count == 1 ? info(a.files[0], a.format)
                                 : cli_usage_error("snapshot", "info takes one SNAPSHOT", NULL);
    } else if (!strcmp(a.action, "compact")) {
        if (a.file_count != 1) {
            code = cli_usage_error("snapshot", "compact takes one SNAPSHOT", NULL);
            goto done;
        }
        /* in place: ltv_snapshot_compact; elsewhere: a new base there, the source untouched */
        const char *target = a.out ? a.out : a.files[0];
        int status;
        if (a.out) {
            ltv_ledger *ledger = NULL;
            status = ltv_ledger_open(&ledger, a.files[0]);
            if (status == LTV_OK) status = ltv_ledger_save_increment(ledger, a.out, NULL);
            ltv_ledger_free(ledger);
        } else {
            status = ltv_snapshot_compact(a.files[0]);
        }
        ltv_snapshot_info in;
        if (status == LTV_OK) status = ltv_snapshot_info_read(target, &in, sizeof in);
        code = status == LTV_OK ? CLI_EXIT_OK : cli_report_failure(target, status);
        if (code == CLI_EXIT_OK)
            printf("%s: %" PRIu64 " customers, %" PRIu64 " events (compacted)\n", target, in.customers, in.events);
    } else if (!strcmp(a.action, "build")) {
        if (a.file_count == 0 || !a.out) {
            code = cli_usage_error("snapshot", a.file_count ? "build needs --out SNAPSHOT" : "build needs a FILE", NULL);
            goto done;
        }
        ltv_ledger *ledger = NULL;
        int status = ltv_ledger_new(&ledger);
        code = status == LTV_OK ? add_logs(&a, ledger, a.files, a.file_count) : cli_report_failure("ledger", status);
        if (code == CLI_EXIT_OK) code = save(ledger, a.out);
        ltv_ledger_free(ledger);
    } else {
        if (a.file_count < 2) {
            code = cli_usage_error("snapshot", "append needs a SNAPSHOT and at least one FILE", NULL);
            goto done;
        }
        ltv_ledger *ledger = NULL;
        int status = ltv_ledger_open(&ledger, a.files[0]);
        code = status == LTV_OK ? add_logs(&a, ledger, a.files + 1, a.file_count - 1) : cli_report_failure(a.files[0], status);
        if (code == CLI_EXIT_OK) code = save(ledger, a.out ? a.out : a.files[0]);
        ltv_ledger_free(ledger);
    }
done:
    cli_load_args_free(&a.load);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
