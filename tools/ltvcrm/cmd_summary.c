/* ltvcrm summary: the first look at an order log — customers, orders, revenue, average
 * order value, repeat rate — and the load report with every bad row's line. */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct summary_view {
    ltv_ledger_summary totals;
    int32_t as_of;
    char as_of_text[CLI_DAY_TEXT]; /* "-" for a ledger without events and no --as-of */
    int decimals;
    const ltv_load_report *report;
} summary_view;

static int64_t average_order_value(const ltv_ledger_summary *s) {
    return s->orders ? (s->gross_revenue + (int64_t)s->orders / 2) / (int64_t)s->orders : 0;
}

static double repeat_rate(const ltv_ledger_summary *s) {
    return s->customers ? (double)s->repeat_customers / (double)s->customers : 0.0;
}

/* Keywords of the ltv_row_error values, for the JSON accounting. */
static const char *const reason_keys[LTV_ROW_ERROR_LIMIT] = {
    NULL,           "field_count", "empty_id",   "id_too_long",    "bad_date",
    "bad_amount",   "bad_items",   "bad_kind",   "bad_quote",      "out_of_range",
    "bad_status",   "order_conflict", "nul_byte", "bad_order",     "empty_order_id",
    "duplicate_id", "bad_count"};

/* The load's accounting: rows read = taken + excluded (per status, no customer) + rejected. */
static void print_accounting(const summary_view *v) {
    const ltv_load_report *r = v->report;
    uint64_t orders, lines, guest_orders;
    int64_t guest_amount;
    ltv_load_report_orders(r, &orders, &lines);
    ltv_load_report_no_customer(r, &guest_orders, &guest_amount);
    printf("\nload: %" PRIu64 " rows read = %" PRIu64 " taken + %" PRIu64 " excluded + %" PRIu64 " rejected",
           ltv_load_report_rows_read(r), ltv_load_report_rows_taken(r), ltv_load_report_rows_excluded(r),
           ltv_load_report_rows_rejected(r));
    if (ltv_load_report_blank_lines(r)) printf(" (%" PRIu64 " blank lines skipped)", ltv_load_report_blank_lines(r));
    printf("\n      %" PRIu64 " orders formed from %" PRIu64 " lines\n", orders, lines);
    for (size_t i = 0; i < ltv_load_report_exclusion_count(r); i++) {
        const char *value;
        uint64_t rows;
        ltv_load_report_exclusion(r, i, &value, &rows);
        printf("      excluded, status %s: %" PRIu64 " rows\n", value, rows);
    }
    if (ltv_load_report_rows_no_customer(r)) {
        char amount[48];
        cli_format_money(guest_amount, v->decimals, true, amount, sizeof amount);
        printf("      excluded, no customer: %" PRIu64 " rows, %" PRIu64 " orders, %s\n",
               ltv_load_report_rows_no_customer(r), guest_orders, amount);
    }
    for (int reason = 1; reason < LTV_ROW_ERROR_LIMIT; reason++)
        if (ltv_load_report_rows_rejected_for(r, reason))
            printf("      rejected, %s: %" PRIu64 " rows\n", reason_keys[reason], ltv_load_report_rows_rejected_for(r, reason));
}

static void print_table(const summary_view *v) {
    char first[CLI_DAY_TEXT], last[CLI_DAY_TEXT], revenue[48], gross[48], aov[48];
    cli_day_text(v->totals.first_day, first, sizeof first);
    cli_day_text(v->totals.last_day, last, sizeof last);
    cli_format_money(v->totals.revenue, v->decimals, true, revenue, sizeof revenue);
    cli_format_money(v->totals.gross_revenue, v->decimals, true, gross, sizeof gross);
    cli_format_money(average_order_value(&v->totals), v->decimals, true, aov, sizeof aov);
    printf("as of %s (events from %s to %s)\n\n", v->as_of_text, first, last);
    printf("  %-22s %15" PRIu64 "\n", "customers", v->totals.customers);
    printf("  %-22s %15" PRIu64 "\n", "orders", v->totals.orders);
    printf("  %-22s %15s\n", "revenue (net)", revenue);
    printf("  %-22s %15s\n", "revenue (gross)", gross);
    char refunded[48];
    cli_format_money(v->totals.gross_revenue - v->totals.revenue, v->decimals, true, refunded, sizeof refunded);
    printf("  %-22s %15s\n", "refunded", refunded);
    printf("  %-22s %15s\n", "average order value", aov);
    printf("  %-22s %14.1f%%\n", "repeat rate", 100.0 * repeat_rate(&v->totals));
    printf("  %-22s %15" PRIu64 "\n", "repeat customers", v->totals.repeat_customers);
    if (v->totals.refunds) printf("  %-22s %15" PRIu64 "\n", "refunds", v->totals.refunds);
    if (v->totals.visits) printf("  %-22s %15" PRIu64 "\n", "visits", v->totals.visits);
    if (v->totals.cancels) printf("  %-22s %15" PRIu64 "\n", "cancelled members", v->totals.cancels);
    if (!v->report) { /* opened from a snapshot: nothing was parsed */
        printf("\nload: a snapshot, nothing parsed\n");
        return;
    }
    print_accounting(v);
    cli_print_rejects(stdout, v->report, 20);
}

static void print_csv(const summary_view *v) {
    char revenue[48], gross[48], aov[48];
    cli_format_money(v->totals.revenue, v->decimals, false, revenue, sizeof revenue);
    cli_format_money(v->totals.gross_revenue, v->decimals, false, gross, sizeof gross);
    cli_format_money(average_order_value(&v->totals), v->decimals, false, aov, sizeof aov);
    /* the first nine columns are those of earlier versions; new ones go at the end */
    printf("as_of,customers,orders,revenue,average_order_value,repeat_rate,rows_read,rows_taken,rows_rejected,"
           "gross_revenue,repeat_customers,refunds,visits,cancels,blank_lines,refunded,rows_excluded,rows_no_customer,"
           "orders_formed,order_lines\n");
    printf("%s,%" PRIu64 ",%" PRIu64 ",%s,%s,%.4f,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64
           ",%" PRIu64 ",%" PRIu64,
           v->as_of_text, v->totals.customers, v->totals.orders, revenue, aov, repeat_rate(&v->totals),
           ltv_load_report_rows_read(v->report), ltv_load_report_rows_taken(v->report),
           ltv_load_report_rows_rejected(v->report), gross, v->totals.repeat_customers, v->totals.refunds,
           v->totals.visits, v->totals.cancels, ltv_load_report_blank_lines(v->report));
    char refunded[48];
    uint64_t orders, lines;
    cli_format_money(v->totals.gross_revenue - v->totals.revenue, v->decimals, false, refunded, sizeof refunded);
    ltv_load_report_orders(v->report, &orders, &lines);
    /* the 1.0 columns above; the new ones end the same row */
    printf(",%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n", refunded, ltv_load_report_rows_excluded(v->report),
           ltv_load_report_rows_no_customer(v->report), orders, lines);
}

/* The accounting of the load, members of the "load" object: excluded rows per status value
 * and with no customer, rejected rows per reason, orders and the lines they came from. */
static void print_json_accounting(const summary_view *v) {
    const ltv_load_report *r = v->report;
    uint64_t orders, lines, guest_orders;
    int64_t guest_amount;
    char amount[48];
    ltv_load_report_orders(r, &orders, &lines);
    ltv_load_report_no_customer(r, &guest_orders, &guest_amount);
    cli_format_money(guest_amount, v->decimals, false, amount, sizeof amount);
    printf("\"rows_excluded\":%" PRIu64 ",\"orders_formed\":%" PRIu64 ",\"order_lines\":%" PRIu64
           ",\"no_customer\":{\"rows\":%" PRIu64 ",\"orders\":%" PRIu64 ",\"amount\":%s},\"excluded\":[",
           ltv_load_report_rows_excluded(r), orders, lines, ltv_load_report_rows_no_customer(r), guest_orders, amount);
    for (size_t i = 0; i < ltv_load_report_exclusion_count(r); i++) {
        const char *value;
        uint64_t rows;
        ltv_load_report_exclusion(r, i, &value, &rows);
        printf("%s{\"status\":", i ? "," : "");
        cli_json_string(stdout, value);
        printf(",\"rows\":%" PRIu64 "}", rows);
    }
    printf("],\"rejected\":{");
    for (int reason = 1, shown = 0; reason < LTV_ROW_ERROR_LIMIT; reason++)
        if (ltv_load_report_rows_rejected_for(r, reason))
            printf("%s\"%s\":%" PRIu64, shown++ ? "," : "", reason_keys[reason], ltv_load_report_rows_rejected_for(r, reason));
    printf("},");
}

static void print_json(const summary_view *v) {
    char revenue[48], gross[48], aov[48];
    cli_format_money(v->totals.revenue, v->decimals, false, revenue, sizeof revenue);
    cli_format_money(v->totals.gross_revenue, v->decimals, false, gross, sizeof gross);
    cli_format_money(average_order_value(&v->totals), v->decimals, false, aov, sizeof aov);
    char refunded[48];
    cli_format_money(v->totals.gross_revenue - v->totals.revenue, v->decimals, false, refunded, sizeof refunded);
    printf("{\"as_of\":\"%s\",\"customers\":%" PRIu64 ",\"orders\":%" PRIu64 ",\"revenue\":%s,\"gross_revenue\":%s,"
           "\"refunded\":%s,\"net_revenue\":%s,"
           "\"average_order_value\":%s,\"repeat_rate\":%.6f,\"repeat_customers\":%" PRIu64 ",\"refunds\":%" PRIu64
           ",\"visits\":%" PRIu64 ",\"cancels\":%" PRIu64 ",\n \"load\":{\"rows_read\":%" PRIu64 ",\"rows_taken\":%" PRIu64
           ",\"rows_rejected\":%" PRIu64 ",\"blank_lines\":%" PRIu64 ",",
           v->as_of_text, v->totals.customers, v->totals.orders, revenue, gross, refunded, revenue, aov,
           repeat_rate(&v->totals), v->totals.repeat_customers, v->totals.refunds, v->totals.visits, v->totals.cancels,
           ltv_load_report_rows_read(v->report), ltv_load_report_rows_taken(v->report),
           ltv_load_report_rows_rejected(v->report), ltv_load_report_blank_lines(v->report));
    print_json_accounting(v);
    printf("\"errors\":[");
    for (size_t i = 0; i < ltv_load_report_error_count(v->report); i++) {
        uint64_t line;
        uint32_t column;
        const char *message;
        ltv_load_report_error(v->report, i, &line, &column, NULL, &message);
        printf("%s\n  {\"line\":%" PRIu64 ",\"column\":%u,\"message\":", i ? "," : "", line, column);
        cli_json_string(stdout, message);
        printf("}");
    }
    printf("]}}\n");
}

typedef struct summary_args {
    cli_load_args load;
    int format;
} summary_args;

static const cli_choice formats[] = {
    {"table", CLI_FORMAT_TABLE, 0}, {"text", CLI_FORMAT_TABLE, 1}, {"csv", CLI_FORMAT_CSV, 0}, {"json", CLI_FORMAT_JSON, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(summary_args, format),
     .help = "a table for people, or csv or json for machines", .def = "table"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_summary_spec = {
    .name = "summary",
    .operands = "FILE",
    .summary = "customers, orders, revenue, repeat rate and the load report of an order log",
    .about = "Prints customers, orders, revenue, average order value and repeat rate of an order log "
             "(customer_id,order_date,amount[,items][,kind]) and the load report.",
    .uses = {{&own, 0, NULL, NULL}, {&cli_load_group, offsetof(summary_args, load), NULL, NULL}},
    .operand = cli_operand_file,
};

int cmd_summary(int argc, char **argv) {
    summary_args a = {.format = CLI_FORMAT_TABLE};
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    code = cli_parse(&cmd_summary_spec, &a, argc, argv);
    if (code == CLI_EXIT_OK && !a.load.path) code = cli_usage_error("summary", "missing FILE", NULL);
    cli_load_args args = a.load;
    cli_format format = (cli_format)a.format;
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    summary_view view = {.decimals = args.decimals};
    if (code == CLI_EXIT_OK) code = cli_load(&args, &ledger, &report, &view.as_of);
    if (code == CLI_EXIT_OK) {
        int status = ltv_ledger_summary_as_of(ledger, view.as_of, &view.totals, sizeof view.totals);
        if (status != LTV_OK) code = cli_report_failure("summary", status);
    }
    if (code == CLI_EXIT_OK) {
        view.report = report;
        cli_day_text(cli_shown_as_of(&args, ledger, view.as_of), view.as_of_text, sizeof view.as_of_text);
        if (format == CLI_FORMAT_TABLE) print_table(&view);
        else if (format == CLI_FORMAT_CSV) print_csv(&view);
        else print_json(&view);
        if (format != CLI_FORMAT_TABLE && ltv_load_report_rows_rejected(report)) {
            fprintf(stderr, "ltvcrm summary: %" PRIu64 " bad rows were skipped:\n", ltv_load_report_rows_rejected(report));
            cli_print_rejects(stderr, report, 20);
        }
    }
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    cli_load_args_free(&args);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
