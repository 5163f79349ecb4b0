/* Helpers shared by the subcommands: the loader options, loading with progress, formatting. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_load_args_init(cli_load_args *args) {
    memset(args, 0, sizeof *args);
    args->decimals = 2;
    if (ltv_csv_options_new(&args->csv) != LTV_OK) return cli_report_failure("options", ltv_last_status());
    /* The tool's defaults, stricter than the C API's 1.0 ones: a load that takes no order or
     * rejects more than 5 % of its rows fails (--accept-rejects), and placeholder ids are no
     * customer (--guests ids). */
    if (ltv_csv_options_set_i64(args->csv, LTV_CSV_CHECKS, 1) != LTV_OK ||
        ltv_csv_options_set_i64(args->csv, LTV_CSV_GUESTS, LTV_CSV_GUESTS_NO_CUSTOMER) != LTV_OK)
        return cli_report_failure("options", ltv_last_status());
    return CLI_EXIT_OK;
}

void cli_load_args_free(cli_load_args *args) { ltv_csv_options_free(args->csv); }

bool cli_parse_i64(const char *text, int64_t *out) {
    char *end;
    long long value = strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0') return false;
    *out = value;
    return true;
}

/* ---- the loader options: their setters work on a cli_load_args ---- */

/* Reports a refused setting with the library's message, which names the bounds. */
static int refused(int status, const char *command) {
    return status == LTV_OK ? CLI_EXIT_OK : cli_usage_error(command, ltv_last_error(), NULL);
}

static int set_as_of(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    /* checked now, so a typo is reported before a large file is read */
    if (ltv_date_parse(value, strlen(value), &args->as_of) != LTV_OK)
        return cli_usage_error(command, typed, ltv_last_error());
    args->has_as_of = true;
    return CLI_EXIT_OK;
}

/* A number for the csv setting opt->key; --decimals is also kept for formatting money. */
static int set_csv_number(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    int64_t number;
    if (!cli_parse_i64(value, &number)) return cli_usage_error(command, "not a number", value);
    int status = ltv_csv_options_set_i64(args->csv, opt->key, number);
    if (status == LTV_OK && opt->key == LTV_CSV_DECIMALS) args->decimals = (int)number;
    return refused(status, command);
}

static int set_csv_flag(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed, (void)value;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return refused(ltv_csv_options_set_i64(args->csv, opt->key, 1), command);
}

static int set_delimiter(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    int64_t c = !strcmp(value, "tab") || !strcmp(value, "\\t") ? '\t' : (strlen(value) == 1 ? value[0] : -1);
    return refused(ltv_csv_options_set_i64(args->csv, LTV_CSV_DELIMITER, c), command);
}

static const char *const column_keys[CLI_COLUMNS] = {
    "customer_id", "order_date", "amount",        "items",    "kind",     "order_id",
    "order_total", "status",     "refund_amount", "shipping", "discount", "email",
    "orders",      "recency_days", "last_order_date", "revenue"};

/* Whether two columns can be read from one file: the event log's, or a customer table's. */
static bool same_file(int a, int b) {
    const bool table_a = a == LTV_CSV_CUSTOMER_ID || a >= LTV_CSV_ORDERS, table_b = b == LTV_CSV_CUSTOMER_ID || b >= LTV_CSV_ORDERS;
    const bool log_a = a < LTV_CSV_ORDERS, log_b = b < LTV_CSV_ORDERS;
    return (table_a && table_b) || (log_a && log_b);
}

static int map_column(cli_load_args *args, int column, const char *name, const char *value, const char *command) {
    if (args->column_name[column]) return cli_usage_error(command, "a column is named twice", value);
    int status = ltv_csv_options_set_column(args->csv, column, name, strlen(name));
    if (status == LTV_OK) args->column_name[column] = name;
    return refused(status, command);
}

static int set_column(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    const char *eq = strchr(value, '=');
    int column = -1;
    for (int k = 0; eq && k < CLI_COLUMNS; k++)
        if (strlen(column_keys[k]) == (size_t)(eq - value) && !strncmp(value, column_keys[k], (size_t)(eq - value)))
            column = k;
    if (column < 0)
        return cli_usage_error(command, "--column wants KEY=NAME with KEY one of customer_id, order_date, "
                                        "amount, items, kind, order_id, order_total, status, refund_amount, "
                                        "shipping, discount, email (an order log) or orders, recency_days, "
                                        "last_order_date, revenue (a customer table); got", value);
    return map_column(args, column, eq + 1, value, command);
}

/* --order-id NAME and the like: --column KEY=NAME for the column opt->key. */
static int set_named_column(void *target, const cli_opt *opt, const char *typed, const char *value,
                            const char *command) {
    (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return map_column(args, opt->key, value, value, command);
}

static const cli_choice status_rules[] = {{"counted", LTV_STATUS_COUNTED, 0},
                                          {"excluded", LTV_STATUS_EXCLUDED, 0},
                                          {"refunded", LTV_STATUS_REFUNDED, 0},
                                          {"partly-refunded", LTV_STATUS_PARTLY_REFUNDED, 0},
                                          {"partially-refunded", LTV_STATUS_PARTLY_REFUNDED, 1},
                                          {NULL, 0, 0}};

/* --map-status VALUE=RULE: the last '=' splits, so a value may hold one. */
static int set_map_status(void *target, const cli_opt *opt, const char *typed, const char *value,
                          const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    const char *eq = strrchr(value, '=');
    int rule = -1;
    for (size_t k = 0; eq && status_rules[k].word; k++)
        if (!strcmp(eq + 1, status_rules[k].word)) rule = status_rules[k].value;
    if (rule < 0)
        return cli_usage_error(command, "--map-status wants VALUE=RULE with RULE one of counted, excluded, refunded, "
                                        "partly-refunded; got", value);
    return refused(ltv_csv_options_map_status(args->csv, value, (size_t)(eq - value), rule), command);
}

static int set_csv_off(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)typed, (void)value;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return refused(ltv_csv_options_set_i64(args->csv, opt->key, 0), command);
}

static const cli_choice guest_choices[] = {{"none", LTV_CSV_GUESTS_NO_CUSTOMER, 0},
                                           {"email", LTV_CSV_GUESTS_BY_EMAIL, 0},
                                           {"ids", LTV_CSV_GUESTS_AS_IDS, 0},
                                           {NULL, 0, 0}};

static int set_guests(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    int mode;
    int code = cli_choice_value(opt, typed, value, command, &mode);
    if (code != CLI_EXIT_OK) return code;
    return refused(ltv_csv_options_set_i64(args->csv, LTV_CSV_GUESTS, mode), command);
}

static int set_placeholder(void *target, const cli_opt *opt, const char *typed, const char *value,
                           const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return refused(ltv_csv_options_add_no_customer_id(args->csv, value, strlen(value)), command);
}

/* --max-rejected PERCENT: 0..100 with up to two decimals, kept in basis points. */
static int set_max_rejected(void *target, const cli_opt *opt, const char *typed, const char *value,
                            const char *command) {
    (void)opt;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    int64_t whole = 0, hundredths = 0;
    const char *p = value;
    int digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++) whole = whole * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && decimals < 2; p++, decimals++) hundredths = hundredths * 10 + (*p - '0');
    for (; decimals < 2; decimals++) hundredths *= 10;
    if (digits == 0 || *p != '\0') return cli_usage_error(command, typed, "wants a percentage such as 5 or 0.5");
    return refused(ltv_csv_options_set_i64(args->csv, LTV_CSV_MAX_REJECTED_BP, whole * 100 + hundredths), command);
}

static int set_encoding(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return refused(ltv_csv_options_set_encoding(args->csv, value), command);
}

static int set_timezone(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    return refused(ltv_csv_options_set_timezone(args->csv, value), command);
}

static const cli_choice output_encodings[] = {
    {"utf-8", CLI_OUTPUT_UTF8, 0},   {"utf-8-bom", CLI_OUTPUT_UTF8_BOM, 0}, {"cp932", CLI_OUTPUT_CP932, 0},
    {"shift_jis", CLI_OUTPUT_CP932, 1}, {"sjis", CLI_OUTPUT_CP932, 1},     {NULL, 0, 0}};

static int set_output_encoding(void *target, const cli_opt *opt, const char *typed, const char *value,
                               const char *command) {
    (void)target;
    int which;
    int code = cli_choice_value(opt, typed, value, command, &which);
    return code != CLI_EXIT_OK ? code : cli_output_encoding(command, which);
}

/* A platform preset: ordinary settings made at once; the ones given after it override it. */
static int set_preset(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    cli_load_args *args = target;
    args->given = true;
    args->command = command;
    int status = ltv_csv_options_preset(args->csv, value);
    if (status != LTV_OK) return refused(status, command);
    int64_t decimals = 2;
    ltv_csv_options_get_i64(args->csv, LTV_CSV_DECIMALS, &decimals);
    args->decimals = (int)decimals; /* for formatting money */
    args->preset = value;
    return CLI_EXIT_OK;
}

static const cli_opt load_options[] = {
    {.name = "--preset", .meta = "NAME", .set = set_preset,
     .help = "read a platform's order export as downloaded: shopify, woocommerce, eccube, rakuten or amazon "
             "(columns, order id, total, statuses, guests, time zone, encoding; docs/platforms/). Options given "
             "after it override it"},
    {.name = "--as-of", .meta = "DATE", .set = set_as_of,
     .help = "analysis day YYYY-MM-DD; events before it count", .def = "the day after the last event"},
    {.name = "--decimals", .meta = "N", .set = set_csv_number, .key = LTV_CSV_DECIMALS,
     .help = "decimals in amounts, 0..6 (0 for yen)", .def = "2"},
    {.name = "--delimiter", .meta = "C", .set = set_delimiter, .help = "field separator: ',' ';' 'tab' or '|'",
     .def = "','"},
    {.name = "--column", .meta = "KEY=NAME", .set = set_column,
     .help = "header name of a column; KEY is customer_id, order_date, amount, items or kind "
             "(e.g. --column customer_id=会員ID), or for --customers orders, recency_days, last_order_date, revenue"},
    {.name = "--max-errors", .meta = "N", .set = set_csv_number, .key = LTV_CSV_MAX_ERRORS,
     .help = "bad rows listed in the report", .def = "100"},
    {.name = "--strict", .set = set_csv_flag, .key = LTV_CSV_STRICT, .help = "stop at the first bad row"},
    {.name = "--encoding", .meta = "E", .set = set_encoding,
     .help = "the file's encoding: utf-8, cp932 (also shift_jis, sjis), euc-jp, utf-16 (utf-16le, utf-16be); "
             "converted with the C library's iconv. A file that starts with a UTF-16 byte order mark is read as "
             "UTF-16 when no encoding is given",
     .def = "utf-8"},
    {.name = "--timezone", .meta = "ZONE", .set = set_timezone,
     .help = "the shop's time zone, an IANA name (Asia/Tokyo, America/New_York), UTC or +09:00: a time with an "
             "offset (+09:00, +0900, Z) is converted to it to find the order's day; a time without one is the "
             "shop's local time",
     .def = "none: every date counts as written"},
    {.name = "--output-encoding", .set = set_output_encoding, .choices = output_encodings,
     .help = "the encoding of the results: utf-8-bom or cp932 open correctly in Excel; a character cp932 "
             "cannot hold stops the output with exit 1",
     .def = "utf-8"},
    {.name = "--order-id", .meta = "NAME", .set = set_named_column, .key = LTV_CSV_ORDER_ID,
     .help = "the column of order ids: rows with the same id are the lines of one order, adjacent or not "
             "(see docs/orders-from-lines.md)"},
    {.name = "--order-total", .meta = "NAME", .set = set_named_column, .key = LTV_CSV_ORDER_TOTAL,
     .help = "the column of the order's total, counted once per order from whichever line carries it; without "
             "it an order's amount is the sum of its line amounts (plus --column shipping=, minus "
             "--column discount=)"},
    {.name = "--status", .meta = "NAME", .set = set_named_column, .key = LTV_CSV_STATUS,
     .help = "the column of order statuses: cancelled, pending and failed orders are excluded, refunded ones "
             "are an order and a refund (Shopify, WooCommerce, EC-CUBE, Rakuten and Amazon words in English and "
             "Japanese are known)"},
    {.name = "--map-status", .meta = "VALUE=RULE", .set = set_map_status,
     .help = "what a status means: counted, excluded, refunded or partly-refunded (repeatable; wins over the "
             "known words)"},
    {.name = "--no-builtin-statuses", .set = set_csv_off, .key = LTV_CSV_STATUS_BUILTIN,
     .help = "know only the statuses given with --map-status"},
    {.name = "--refund-amount", .meta = "NAME", .set = set_named_column, .key = LTV_CSV_REFUND_AMOUNT,
     .help = "the column of money refunded on a partly refunded order"},
    {.name = "--email", .meta = "NAME", .set = set_named_column, .key = LTV_CSV_EMAIL,
     .help = "the column of e-mail addresses, the key of guests with --guests email"},
    {.name = "--guests", .set = set_guests, .choices = guest_choices,
     .help = "rows whose customer id is empty or a placeholder (0, -, guest, ゲスト, 非会員): none = counted as "
             "\"no customer\", email = keyed by their normalised e-mail, ids = every id is a customer (as 1.0)",
     .def = "none"},
    {.name = "--no-customer-id", .meta = "TEXT", .set = set_placeholder,
     .help = "one more placeholder id that means no customer (repeatable)"},
    {.name = "--occasions", .set = set_csv_flag, .key = LTV_CSV_OCCASIONS,
     .help = "a customer's orders of one day are one purchase occasion, amounts summed"},
    {.name = "--accept-rejects", .set = set_csv_off, .key = LTV_CSV_CHECKS,
     .help = "load even when no order is taken or more than --max-rejected of the rows are rejected (otherwise "
             "exit 3)"},
    {.name = "--max-rejected", .meta = "PERCENT", .set = set_max_rejected,
     .help = "the share of rejected rows a load may have", .def = "5"},
    {.name = "--max-record", .meta = "BYTES", .set = set_csv_number, .key = LTV_CSV_MAX_RECORD,
     .help = "longest record, 1024..1073741824 bytes", .def = "1048576"},
};

int cli_operand_file(void *args, const char *arg, const char *command) {
    cli_load_args *load = args;
    if (load->path) return cli_usage_error(command, "more than one FILE", arg);
    load->path = arg;
    return CLI_EXIT_OK;
}

const cli_group cli_load_group = {"loader options", "loader-options", NULL, load_options,
                                  CLI_GROUP_SIZE(load_options)};


/* The header name of a column with surrounding spaces cut, as the loader compares it. */
static void trimmed(const char *text, const char **out, size_t *len) {
    size_t n = strlen(text);
    while (n && (*text == ' ' || *text == '\t')) text++, n--;
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t')) n--;
    *out = text;
    *len = n;
}

static bool same_header(const char *a, const char *b) {
    const char *x, *y;
    size_t n, m;
    trimmed(a, &x, &n);
    trimmed(b, &y, &m);
    if (n != m) return false;
    for (size_t i = 0; i < n; i++) {
        char c = x[i], d = y[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (d >= 'A' && d <= 'Z') d = (char)(d - 'A' + 'a');
        if (c != d) return false;
    }
    return true;
}

/* Two columns under one header name: the loader would read one field as both, so say so.
 * Checked once all options are read: --column customer_id=amount --column amount=price is
 * a valid swap. */
static int check_columns(const cli_load_args *args) {
    for (int a = 0; a < CLI_COLUMNS; a++)
        for (int b = a + 1; b < CLI_COLUMNS; b++) {
            if ((a >= CLI_V1_COLUMNS && a < LTV_CSV_ORDERS && !args->column_name[a]) ||
                (b >= CLI_V1_COLUMNS && b < LTV_CSV_ORDERS && !args->column_name[b]))
                continue; /* not read */
            const char *name_a = args->column_name[a] ? args->column_name[a] : column_keys[a];
            const char *name_b = args->column_name[b] ? args->column_name[b] : column_keys[b];
            if (!same_file(a, b) || !same_header(name_a, name_b)) continue;
            char message[400];
            snprintf(message, sizeof message, "--column: %s and %s would both be read from the column named '%s'",
                     column_keys[a], column_keys[b], name_a);
            /* a clash needs a --column, which named the command */
            return cli_usage_error(args->command ? args->command : "--column", message, NULL);
        }
    return CLI_EXIT_OK;
}

typedef struct progress_state {
    double last_shown;
    bool finished;
} progress_state;

static int show_progress(void *user_data, uint64_t done, uint64_t total) {
    progress_state *state = user_data;
    double share = total ? (double)done / (double)total : 0.0;
    if (state->finished || (share - state->last_shown < 0.01 && done < total)) return 0;
    state->last_shown = share;
    state->finished = done >= total; /* the line is cleared once, at the end */
    fprintf(stderr, "\rloading: %5.1f%% of %.1f MB", 100.0 * share, (double)total / 1e6);
    if (done >= total) fprintf(stderr, "\r%40s\r", "");
    fflush(stderr);
    return 0;
}

int cli_load(const cli_load_args *args, ltv_ledger **out_ledger, ltv_load_report **out_report, int32_t *out_as_of) {
    *out_ledger = NULL;
    *out_report = NULL;
    int code = check_columns(args);
    if (code != CLI_EXIT_OK) return code;
    progress_state progress = {0};
    if (isatty(STDERR_FILENO)) ltv_csv_options_set_progress(args->csv, show_progress, &progress);
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    /* A snapshot (known by its first bytes) is opened instead of parsed; it has no load report.
     * "-" is standard input, read as a file (a pipe is read in pieces like any file); it is
     * never probed, which would eat its first bytes. */
    const bool from_stdin = strcmp(args->path, "-") == 0;
    int is_snapshot = 0;
    int status = from_stdin ? LTV_OK : ltv_snapshot_detect(args->path, &is_snapshot);
    if (status == LTV_OK && is_snapshot) {
        status = ltv_ledger_open_flags(&ledger, args->path, args->check_on_use ? LTV_OPEN_CHECK_ON_USE : 0);
        if (status != LTV_OK) return cli_report_failure(args->path, status);
    } else {
        status = ltv_ledger_new(&ledger);
        if (status != LTV_OK) return cli_report_failure("ledger", status);
        status = ltv_ledger_load_csv(ledger, from_stdin ? "/dev/stdin" : args->path, args->csv, &report);
    }
    if (status != LTV_OK) {
        code = cli_report_failure(args->path, status);
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
        return code;
    }
    const char *warning = args->preset ? ltv_csv_preset_about(args->preset, LTV_PRESET_WARNING) : NULL;
    if (warning) fprintf(stderr, "ltvcrm: note on --preset %s: %s\n", args->preset, warning);
    int32_t as_of = args->as_of, last = 0;
    if (!args->has_as_of) as_of = ltv_ledger_day_range(ledger, NULL, &last) == LTV_OK ? last + 1 : 0;
    *out_ledger = ledger;
    *out_report = report;
    *out_as_of = as_of;
    return CLI_EXIT_OK;
}

int cli_verify(const cli_load_args *args, const ltv_ledger *ledger) {
    const int status = ltv_ledger_verify(ledger);
    return status == LTV_OK ? CLI_EXIT_OK : cli_report_failure(args->path, status);
}

const char *cli_day_text(int32_t day, char *buf, size_t capacity) {
    if (day >= LTV_DAY_MIN && day <= LTV_DAY_MAX && ltv_date_format(day, buf, capacity) == LTV_OK) return buf;
    snprintf(buf, capacity, "%s", day == LTV_DAY_MAX + 1 ? "after 9999-12-31" : "-");
    return buf;
}

int32_t cli_shown_as_of(const cli_load_args *args, const ltv_ledger *ledger, int32_t as_of) {
    if (!args->has_as_of && ltv_ledger_day_range(ledger, NULL, NULL) != LTV_OK) return LTV_NO_DAY;
    return as_of;
}

int cli_default_lang(void) {
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *value = getenv(vars[i]);
        if (value && *value) return !strncmp(value, "ja", 2) ? LTV_LANG_JA : LTV_LANG_EN;
    }
    return LTV_LANG_EN;
}

/* Written digit by digit from the right, without printf: per-customer tables call this twice
 * per row for millions of rows. */
void cli_format_money(int64_t minor, int decimals, bool grouping, char *buf, size_t capacity) {
    char digits[64];
    size_t n = sizeof digits;
    uint64_t magnitude = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    for (int i = 0; i < decimals && i < 18; i++) {
        digits[--n] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    }
    if (decimals > 0) digits[--n] = '.';
    for (int written = 0; written == 0 || magnitude; written++) {
        if (grouping && written > 0 && written % 3 == 0) digits[--n] = ',';
        digits[--n] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    }
    if (minor < 0) digits[--n] = '-';
    const size_t len = sizeof digits - n < capacity ? sizeof digits - n : capacity - 1;
    memcpy(buf, digits + n, len);
    buf[len] = '\0';
}

void cli_json_string(FILE *out, const char *text) {
    char small[256];
    size_t len = 0, n = strlen(text);
    if (ltv_json_quote(text, n, small, sizeof small, &len) == LTV_OK) {
        fwrite(small, 1, len, out);
        return;
    }
    char *big = malloc(len + 1);
    if (big && ltv_json_quote(text, n, big, len + 1, &len) == LTV_OK) fwrite(big, 1, len, out);
    else fputs("\"\"", out); /* out of memory: an empty string keeps the JSON valid */
    free(big);
}

void cli_print_rejects(FILE *out, const ltv_load_report *report, size_t limit) {
    size_t kept = ltv_load_report_error_count(report);
    for (size_t i = 0; i < kept && i < limit; i++) {
        const char *message;
        if (ltv_load_report_error(report, i, NULL, NULL, NULL, &message) == LTV_OK) fprintf(out, "  %s\n", message);
    }
    uint64_t rejected = ltv_load_report_rows_rejected(report);
    if (rejected > kept || kept > limit)
        fprintf(out, "  ... %" PRIu64 " bad rows in all\n", rejected);
}
