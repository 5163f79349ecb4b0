/* The CSV loader: reads the input in chunks, splits records (RFC 4180 quoting), checks
 * UTF-8, parses each row into an event or a reported rejection, and adds the events to a
 * staging ledger that replaces or merges into the caller's ledger only when the whole
 * input was read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_internal.h"
#include "csv_split.h"
#include "csv_pipeline.h"
#include "ledger_internal.h"

#define CHUNK_BYTES ((size_t)4 << 20)
#define PROGRESS_EVERY ((uint64_t)16 << 20)
#define MESSAGE_MAX 320

/* Where the bytes come from: a file descriptor or a caller's buffer. */
typedef struct source {
    int fd;
    const char *data;
    size_t len, pos;
    const char *path;
    ltv__decoder *decoder; /* the input's encoding to UTF-8 (encoding.c) */
} source;

typedef ltv__csv_field field;

typedef struct loader {
    const ltv_csv_options *opts;
    ltv_customer_table *customers, *target; /* customer tables: staged rows, and the caller's table */
    ltv_load_report *report;
    ltv_ledger *stage;
    char delimiter;
    int column_of[LTV_CSV_COLUMNS]; /* field index of each known column, -1 if absent */
    const char *header_names[LTV_CSV_COLUMNS];
    size_t header_fields;
    bool have_header;
    uint64_t line;       /* physical line where the current record starts */
    ltv__csv_splitter split; /* the fields of the current record */
    uint64_t next_progress, bytes_total;
    ltv__csv_chunk *chunk; /* where parsed rows go */
    char last_date[32]; /* the previous row's date text and its day */
    size_t last_date_len;
    int32_t last_day;
    uint64_t money;   /* |amount| of every row taken: the staging ledger starts empty */
    ltv__orders *orders; /* order mode (orders.c), or NULL for rows that are events as they are */
    char last_status[64]; /* the previous row's status text, its rule and value index */
    size_t last_status_len;
    int last_status_rule;
    uint32_t last_status_value;
    bool line_money; /* order mode with an order-level money column: lines carry ltv__line_money */
} loader;

/* ---- reading ---------------------------------------------------------------------------- */

static int source_pull(void *ctx, char *buf, size_t capacity, size_t *out_len) {
    source *src = ctx;
    if (src->fd < 0) {
        size_t n = src->len - src->pos < capacity ? src->len - src->pos : capacity;
        if (n) memcpy(buf, src->data + src->pos, n);
        src->pos += n;
        *out_len = n;
        return LTV_OK;
    }
    for (;;) {
        ssize_t n = read(src->fd, buf, capacity);
        if (n >= 0) {
            *out_len = (size_t)n;
            return LTV_OK;
        }
        if (errno != EINTR) return ltv__fail(LTV_EIO, "cannot read '%s': %s", src->path, strerror(errno));
    }
}

/* Decoded text (UTF-8) into buf; *raw_len receives the input bytes this consumed. */
static int source_read(source *src, char *buf, size_t capacity, size_t *out_len, uint64_t *raw_len) {
    const uint64_t before = ltv__decoder_raw_bytes(src->decoder);
    int status = ltv__decoder_read(src->decoder, buf, capacity, out_len);
    *raw_len = ltv__decoder_raw_bytes(src->decoder) - before;
    return status;
}

/* ---- the header --------------------------------------------------------------------------- */

static bool same_name(const char *a, size_t len, const char *b) {
    if (strlen(b) != len) return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static const char *wanted_name(const loader *ld, int column) {
    return ld->opts->names[column] ? ld->opts->names[column] : ltv__csv_canonical_names[column];
}

/* An order log: columns past the 1.0 ones are read only when mapped, a customer table's never.
 * A customer table: its own columns, by their default names too. */
static bool column_wanted(const loader *ld, int column) {
    if (ld->customers)
        return column == LTV_CSV_CUSTOMER_ID || column >= LTV_CSV_EVENT_COLUMNS;
    if (column >= LTV_CSV_EVENT_COLUMNS) return false;
    return column < LTV_CSV_V1_COLUMNS || ltv__csv_mapped(ld->opts, column);
}

static bool column_required(const loader *ld, int column) {
    if (ld->customers)
        return column == LTV_CSV_CUSTOMER_ID || column == LTV_CSV_ORDERS || column == LTV_CSV_REVENUE;
    if (column >= LTV_CSV_EVENT_COLUMNS) return false;
    switch (column) {
    case LTV_CSV_CUSTOMER_ID: /* guests keyed by e-mail may be every customer of an export */
        return !(ltv__csv_mapped(ld->opts, LTV_CSV_EMAIL) && ld->opts->guests == LTV_CSV_GUESTS_BY_EMAIL);
    case LTV_CSV_ORDER_DATE: return true;
    case LTV_CSV_AMOUNT: return !ltv__csv_mapped(ld->opts, LTV_CSV_ORDER_TOTAL);
    default: return column >= LTV_CSV_V1_COLUMNS && ltv__csv_mapped(ld->opts, column);
    }
}

static int read_header(loader *ld) {
    ld->header_fields = ld->split.count;
    for (size_t i = 0; i < ld->split.count; i++) /* a name cannot hold a line break: a misread line end */
        if (memchr(ld->split.fields[i].text, '\n', ld->split.fields[i].len) || memchr(ld->split.fields[i].text, '\r', ld->split.fields[i].len))
            return ltv__fail(LTV_EFORMAT, "line %llu, column %zu: a header name holds a line break; the file's line "
                             "ends or quotes are broken", (unsigned long long)ld->line, i + 1);
    for (int col = 0; col < LTV_CSV_COLUMNS; col++) {
        ld->column_of[col] = -1;
        const char *name = wanted_name(ld, col);
        ld->header_names[col] = name;
        if (!column_wanted(ld, col)) continue;
        for (size_t i = 0; i < ld->split.count; i++) {
            if (!same_name(ld->split.fields[i].text, ld->split.fields[i].len, name)) continue;
            if (ld->column_of[col] >= 0)
                return ltv__fail(LTV_EFORMAT, "line %llu: column '%s' appears twice in the header (columns %d and %zu)",
                                 (unsigned long long)ld->line, name, ld->column_of[col] + 1, i + 1);
            ld->column_of[col] = (int)i;
        }
    }
    for (int a = 0; a < LTV_CSV_COLUMNS; a++) /* one header column cannot feed two of ours */
        for (int b = a + 1; b < LTV_CSV_COLUMNS; b++)
            if (ld->column_of[a] >= 0 && ld->column_of[a] == ld->column_of[b])
                return ltv__fail(LTV_EFORMAT, "line %llu: '%s' and '%s' are both mapped to header column %d ('%s')",
                                 (unsigned long long)ld->line, ltv__csv_canonical_names[a], ltv__csv_canonical_names[b],
                                 ld->column_of[a] + 1, wanted_name(ld, a));
    for (int col = 0; col < LTV_CSV_COLUMNS; col++) {
        if (ld->column_of[col] >= 0 || !column_required(ld, col)) continue;
        char seen[200] = "";
        size_t used = 0;
        for (size_t i = 0; i < ld->split.count && used + 4 < sizeof seen; i++) {
            int n = snprintf(seen + used, sizeof seen - used, "%s%.*s", i ? ", " : "", (int)ld->split.fields[i].len,
                             ld->split.fields[i].text);
            if (n < 0) break;
            used += (size_t)n;
        }
        if (used >= sizeof seen) used = sizeof seen - 1;
        return ltv__fail(LTV_EFORMAT, "line %llu: the header has no column '%s' (it has: %s); map the header name "
                         "to it (ltvcrm: --column %s=NAME; C: ltv_csv_options_set_column())",
                         (unsigned long long)ld->line, wanted_name(ld, col), seen, ltv__csv_canonical_names[col]);
    }
    if (ld->customers && (ld->column_of[LTV_CSV_RECENCY_DAYS] >= 0) == (ld->column_of[LTV_CSV_LAST_ORDER_DATE] >= 0))
        return ltv__fail(LTV_EFORMAT, "line %llu: a customer table has either '%s' or '%s' (days since, or the date of, "
                         "the last order), not %s", (unsigned long long)ld->line, wanted_name(ld, LTV_CSV_RECENCY_DAYS),
                         wanted_name(ld, LTV_CSV_LAST_ORDER_DATE),
                         ld->column_of[LTV_CSV_RECENCY_DAYS] >= 0 ? "both" : "neither");
    if (ld->orders) {
        ltv__orders_layout *layout = ltv__orders_layout_of(ld->orders);
        memcpy(layout->column_of, ld->column_of, sizeof layout->column_of);
        memcpy(layout->names, ld->header_names, sizeof layout->names);
    }
    ld->have_header = true;
    return LTV_OK;
}

/* ---- rows ------------------------------------------------------------------------------- */

static int reject(loader *ld, size_t column, int reason, const char *why) {
    char message[MESSAGE_MAX];
    if (column == 0)
        snprintf(message, sizeof message, "line %llu: %.280s", (unsigned long long)ld->line, why);
    else
        snprintf(message, sizeof message, "line %llu, column %zu: %.280s", (unsigned long long)ld->line, column, why);
    /* Counted and kept in strict mode too, so that rows read = taken + rejected always holds. */
    int status = ltv__report_reject(ld->report, ld->opts->max_errors, ld->line, (uint32_t)column, reason, message);
    if (status == LTV_OK && ld->opts->strict) status = ltv__fail(LTV_EPARSE, "%s (strict mode)", message);
    return status;
}

static int reject_field(loader *ld, int col, int reason, const char *why) {
    char message[MESSAGE_MAX];
    snprintf(message, sizeof message, "%s %s", ld->header_names[col], why);
    return reject(ld, (size_t)ld->column_of[col] + 1, reason, message);
}

static const field *column_field(const loader *ld, int col) {
    return ld->column_of[col] >= 0 ? &ld->split.fields[ld->column_of[col]] : NULL;
}

static bool same_text_nocase(const char *a, size_t len, const char *b) { return same_name(a, len, b); }

/* Whether an id stands for "no customer": empty, or one of the placeholders. */
static bool is_placeholder(const loader *ld, const char *text, size_t len) {
    if (len == 0) return true;
    const char *const *list;
    const size_t n = ltv__csv_placeholders(ld->opts, &list);
    for (size_t i = 0; i < n; i++)
        if (same_text_nocase(text, len, list[i])) return true;
    return false;
}

/* The row's field count against the header's; false with *status the rejection's. */
static bool fields_counted(loader *ld, int *status) {
    if (ld->split.count == ld->header_fields) return true;
    char why[200];
    snprintf(why, sizeof why, "%zu fields, but the header has %zu%s", ld->split.count, ld->header_fields,
             ld->split.count > ld->header_fields ? " (an unquoted separator inside a value?)" : "");
    *status = reject(ld, 0, LTV_ROW_FIELD_COUNT, why);
    return false;
}

/* The row's day; false with *status the rejection's. Logs come in date order: most rows
 * repeat the previous row's date text exactly, which is not parsed again. */
static bool row_day(loader *ld, int32_t *day, int *status) {
    const field *date = column_field(ld, LTV_CSV_ORDER_DATE);
    if (date->len == ld->last_date_len && date->len <= sizeof ld->last_date &&
        memcmp(date->text, ld->last_date, date->len) == 0) {
        *day = ld->last_day;
        return true;
    }
    char why[200];
    const int reason = ltv__parse_day_tz(date->text, date->len, ld->opts->timezone, day, why, sizeof why);
    if (reason) {
        *status = reject_field(ld, LTV_CSV_ORDER_DATE, reason, why);
        return false;
    }
    if (date->len <= sizeof ld->last_date) {
        memcpy(ld->last_date, date->text, date->len);
        ld->last_date_len = date->len;
        ld->last_day = *day;
    }
    return true;
}

static int take_row(loader *ld) {
    char why[200];
    int counted;
    if (!fields_counted(ld, &counted)) return counted;
    const field *id = column_field(ld, LTV_CSV_CUSTOMER_ID);
    const bool guest = ld->opts->guests != LTV_CSV_GUESTS_AS_IDS && is_placeholder(ld, id->text, id->len);
    if (id->len == 0 && !guest) return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_EMPTY_ID, "is empty");
    if (id->len > LTV_ID_MAX) {
        snprintf(why, sizeof why, "is %zu bytes long, more than %d", id->len, LTV_ID_MAX);
        return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_ID_TOO_LONG, why);
    }
    int32_t day;
    int reason = 0, status;
    if (!row_day(ld, &day, &status)) return status;
    int kind = LTV_EVENT_ORDER;
    const field *kind_text = column_field(ld, LTV_CSV_KIND);
    if (kind_text && (reason = ltv__parse_kind(kind_text->text, kind_text->len, &kind, why, sizeof why)))
        return reject_field(ld, LTV_CSV_KIND, reason, why);
    int64_t amount = 0;
    const field *money = column_field(ld, LTV_CSV_AMOUNT);
    const bool has_money = kind == LTV_EVENT_ORDER || kind == LTV_EVENT_REFUND;
    if (money->len == 0 && has_money) return reject_field(ld, LTV_CSV_AMOUNT, LTV_ROW_BAD_AMOUNT, "is empty");
    if (money->len && (reason = ltv__parse_amount(money->text, money->len, (int)ld->opts->decimals, &amount, why,
                                                  sizeof why)))
        return reject_field(ld, LTV_CSV_AMOUNT, reason, why);
    if (!has_money && amount != 0) {
        snprintf(why, sizeof why, "is %.*s, but a %s carries no money", (int)(money->len > 40 ? 40 : money->len),
                 money->text, kind == LTV_EVENT_VISIT ? "visit" : "cancel");
        return reject_field(ld, LTV_CSV_AMOUNT, LTV_ROW_BAD_AMOUNT, why);
    }
    if (kind == LTV_EVENT_ORDER && amount < 0) kind = LTV_EVENT_REFUND; /* documented: negative order = refund */
    if (kind == LTV_EVENT_REFUND && amount > 0) amount = -amount;
    int32_t items = kind == LTV_EVENT_ORDER ? 1 : 0;
    const field *count = column_field(ld, LTV_CSV_ITEMS);
    if (count && count->len && has_money &&
        (reason = ltv__parse_items(count->text, count->len, &items, why, sizeof why)))
        return reject_field(ld, LTV_CSV_ITEMS, reason, why);

    const uint64_t magnitude = amount < 0 ? (uint64_t)-amount : (uint64_t)amount;
    if (magnitude > (uint64_t)INT64_MAX - ld->money) /* the row alone is fine: the ledger's sums would not be */
        return reject_field(ld, LTV_CSV_AMOUNT, LTV_ROW_OUT_OF_RANGE,
                            "would make the sum of all amounts exceed 2^63 - 1 minor units");
    if (guest) { /* checked like any row, then counted apart: never merged into one customer */
        ld->report->rows_excluded++;
        ld->report->rows_no_customer++;
        if (kind == LTV_EVENT_ORDER) ld->report->no_customer_orders++, ld->report->no_customer_amount += amount;
        if (kind == LTV_EVENT_REFUND) ld->report->no_customer_amount += amount;
        return LTV_OK;
    }
    ltv__csv_row *row = ltv__csv_chunk_add_row(ld->chunk);
    if (!row) return ltv__fail(LTV_ENOMEM, "line %llu: out of memory", (unsigned long long)ld->line);
    ld->money += magnitude;
    ld->report->rows_taken++;
    if (kind == LTV_EVENT_ORDER) ld->report->orders++, ld->report->order_lines++;
    *row = (ltv__csv_row){{id->text, (uint32_t)id->len, ltv__id_hash(id->text, id->len)}, ld->line, amount, day, items,
                     (uint8_t)kind};
    return LTV_OK;
}

/* A customer table's row: checked like an event row, staged in ld->customers. */
static int take_customer(loader *ld) {
    char why[200];
    int counted;
    if (!fields_counted(ld, &counted)) return counted;
    const field *id = column_field(ld, LTV_CSV_CUSTOMER_ID);
    if (id->len == 0) return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_EMPTY_ID, "is empty");
    if (id->len > LTV_ID_MAX) {
        snprintf(why, sizeof why, "is %zu bytes long, more than %d", id->len, LTV_ID_MAX);
        return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_ID_TOO_LONG, why);
    }
    ltv__customer_row row = {0, LTV_NO_DAY, -1, 0};
    int reason;
    const field *orders = column_field(ld, LTV_CSV_ORDERS);
    if ((reason = ltv__parse_count(orders->text, orders->len, "orders", &row.orders, why, sizeof why)))
        return reject_field(ld, LTV_CSV_ORDERS, reason, why);
    const field *money = column_field(ld, LTV_CSV_REVENUE);
    if (money->len == 0) return reject_field(ld, LTV_CSV_REVENUE, LTV_ROW_BAD_AMOUNT, "is empty");
    if ((reason = ltv__parse_amount(money->text, money->len, (int)ld->opts->decimals, &row.revenue, why, sizeof why)))
        return reject_field(ld, LTV_CSV_REVENUE, reason, why);
    const field *recency = column_field(ld, LTV_CSV_RECENCY_DAYS), *date = column_field(ld, LTV_CSV_LAST_ORDER_DATE);
    if (recency && (reason = ltv__parse_count(recency->text, recency->len, "days", &row.recency_days, why, sizeof why)))
        return reject_field(ld, LTV_CSV_RECENCY_DAYS, reason, why);
    if (date && (reason = ltv__parse_day_tz(date->text, date->len, ld->opts->timezone, &row.last_order_day, why,
                                            sizeof why)))
        return reject_field(ld, LTV_CSV_LAST_ORDER_DATE, reason, why);
    const uint64_t hash = ltv__id_hash(id->text, id->len);
    uint64_t existing;
    bool duplicate = ltv_ledger_find(ld->target->ids, id->text, id->len, &existing) == LTV_OK;
    int status = LTV_OK;
    if (!duplicate) {
        status = ltv__customer_table_append(ld->customers, id->text, id->len, hash, &row, &duplicate);
        if (status == LTV_EOVERFLOW)
            return reject_field(ld, LTV_CSV_REVENUE, LTV_ROW_OUT_OF_RANGE,
                                "would make the sum of all revenue exceed 2^63 - 1 minor units");
        if (status != LTV_OK) return status;
    }
    if (duplicate) return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_DUPLICATE_ID, "has a row already");
    ld->report->rows_taken++;
    return LTV_OK;
}

/* ---- rows in order mode ------------------------------------------------------------------ */

/* A guest's key: the e-mail trimmed and lower-cased in place; empty when it has no '@'. */
static void email_key(field *f) {
    char *text = (char *)f->text;
    if (!memchr(text, '@', f->len)) {
        f->len = 0;
        return;
    }
    for (size_t i = 0; i < f->len; i++)
        if (text[i] >= 'A' && text[i] <= 'Z') text[i] = (char)(text[i] - 'A' + 'a');
}

/* Adds a magnitude to the row's money guard; false if it would pass 2^63 - 1. */
static bool guard_add(uint64_t *sum, int64_t value, unsigned times) {
    const uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    for (unsigned t = 0; t < times; t++) {
        if (magnitude > (uint64_t)INT64_MAX - *sum) return false;
        *sum += magnitude;
    }
    return true;
}

/* An optional money column of the line: false (with the row rejected) if it is bad. */
static int line_money(loader *ld, int col, int64_t *out, uint8_t bit, uint8_t *present, bool *bad) {
    const field *f = column_field(ld, col);
    *out = 0;
    if (!f || f->len == 0) return LTV_OK;
    char why[200];
    int reason = ltv__parse_amount(f->text, f->len, (int)ld->opts->decimals, out, why, sizeof why);
    if (reason) {
        *bad = true;
        return reject_field(ld, col, reason, why);
    }
    *present |= bit;
    return LTV_OK;
}

static int line_status(loader *ld, ltv__csv_line *ln, bool *bad) {
    const field *f = column_field(ld, LTV_CSV_STATUS);
    if (!f || f->len == 0) return LTV_OK;
    if (f->len == ld->last_status_len && f->len <= sizeof ld->last_status &&
        memcmp(f->text, ld->last_status, f->len) == 0) {
        ln->status_rule = (uint8_t)ld->last_status_rule;
        ln->status_value = ld->last_status_value;
        ln->present |= LTV__HAS_STATUS;
        return LTV_OK;
    }
    char normal[LTV_CSV_NAME_MAX];
    const size_t n = ltv__status_normalise(f->text, f->len, normal);
    const int rule = n ? ltv__status_rule(ld->opts, normal, n) : -1;
    if (rule < 0) {
        char why[200];
        snprintf(why, sizeof why, "'%.*s' is not a known status; map it (ltvcrm: --status VALUE=counted|excluded|"
                 "refunded|partly-refunded; C: ltv_csv_options_map_status())", (int)(f->len > 40 ? 40 : f->len), f->text);
        *bad = true;
        return reject_field(ld, LTV_CSV_STATUS, LTV_ROW_BAD_STATUS, why);
    }
    uint32_t value;
    int status = ltv__orders_status_value(ld->orders, f->text, f->len, &value);
    if (status != LTV_OK) return status;
    ln->status_rule = (uint8_t)rule;
    ln->status_value = value;
    ln->present |= LTV__HAS_STATUS;
    if (f->len <= sizeof ld->last_status) {
        memcpy(ld->last_status, f->text, f->len);
        ld->last_status_len = f->len;
        ld->last_status_rule = rule;
        ld->last_status_value = value;
    }
    return LTV_OK;
}

/* Parses a row in order mode into a line for orders.c. Rows whose fields are bad are rejected
 * here; what depends on other lines of the order is decided there. */
static int take_line(loader *ld) {
    char why[200];
    int counted;
    if (!fields_counted(ld, &counted)) return counted;
    const bool by_id = ld->column_of[LTV_CSV_ORDER_ID] >= 0;
    const int64_t guests = ld->opts->guests;
    /* the customer key: the id, unless it is a placeholder; then the e-mail, if asked for */
    field key = {"", 0};
    int key_col = LTV_CSV_CUSTOMER_ID;
    const field *id = column_field(ld, LTV_CSV_CUSTOMER_ID);
    if (id) key = *id;
    if (guests != LTV_CSV_GUESTS_AS_IDS && is_placeholder(ld, key.text, key.len)) {
        key.len = 0;
        const field *mail = column_field(ld, LTV_CSV_EMAIL);
        if (guests == LTV_CSV_GUESTS_BY_EMAIL && mail && mail->len) {
            key = *mail;
            key_col = LTV_CSV_EMAIL;
            email_key(&key);
        }
    }
    int kind = LTV_EVENT_ORDER, reason;
    const field *kind_text = column_field(ld, LTV_CSV_KIND);
    if (kind_text && (reason = ltv__parse_kind(kind_text->text, kind_text->len, &kind, why, sizeof why)))
        return reject_field(ld, LTV_CSV_KIND, reason, why);
    const bool in_order = by_id && kind == LTV_EVENT_ORDER;
    if (key.len == 0 && guests == LTV_CSV_GUESTS_AS_IDS && !in_order && id)
        return reject_field(ld, LTV_CSV_CUSTOMER_ID, LTV_ROW_EMPTY_ID, "is empty");
    if (key.len > LTV_ID_MAX) {
        snprintf(why, sizeof why, "is %zu bytes long, more than %d", key.len, LTV_ID_MAX);
        return reject_field(ld, key_col, LTV_ROW_ID_TOO_LONG, why);
    }
    field order_id = {"", 0};
    if (in_order) {
        order_id = *column_field(ld, LTV_CSV_ORDER_ID);
        if (order_id.len == 0) return reject_field(ld, LTV_CSV_ORDER_ID, LTV_ROW_EMPTY_ORDER_ID, "is empty");
        if (order_id.len > LTV_ID_MAX) {
            snprintf(why, sizeof why, "is %zu bytes long, more than %d", order_id.len, LTV_ID_MAX);
            return reject_field(ld, LTV_CSV_ORDER_ID, LTV_ROW_ID_TOO_LONG, why);
        }
    }
    int32_t day = 0;
    int status;
    const bool dated = !in_order || column_field(ld, LTV_CSV_ORDER_DATE)->len != 0;
    if (dated && !row_day(ld, &day, &status)) return status;
    ltv__csv_line ln = {.line = ld->line, .day = day, .kind = (uint8_t)kind, .present = dated ? LTV__HAS_DAY : 0};
    ltv__line_money lm = {0, 0, 0, 0};
    const bool has_money = kind == LTV_EVENT_ORDER || kind == LTV_EVENT_REFUND;
    const bool total_rule = ld->column_of[LTV_CSV_ORDER_TOTAL] >= 0;
    const field *money = column_field(ld, LTV_CSV_AMOUNT);
    if (money && money->len == 0 && has_money && !(total_rule && kind == LTV_EVENT_ORDER))
        return reject_field(ld, LTV_CSV_AMOUNT, LTV_ROW_BAD_AMOUNT, "is empty");
    if (money && money->len &&
        (reason = ltv__parse_amount(money->text, money->len, (int)ld->opts->decimals, &ln.amount, why, sizeof why)))
        return reject_field(ld, LTV_CSV_AMOUNT, reason, why);
    if (total_rule && kind == LTV_EVENT_ORDER) ln.amount = 0; /* the order total is the amount */
    if (!has_money && ln.amount != 0) {
        snprintf(why, sizeof why, "is %.*s, but a %s carries no money", (int)(money->len > 40 ? 40 : money->len),
                 money->text, kind == LTV_EVENT_VISIT ? "visit" : "cancel");
        return reject_field(ld, LTV_CSV_AMOUNT, LTV_ROW_BAD_AMOUNT, why);
    }
    /* without order ids a negative order is a refund, as in 1.0; a line of an order may be negative */
    if (!in_order && kind == LTV_EVENT_ORDER && ln.amount < 0) kind = LTV_EVENT_REFUND, ln.kind = (uint8_t)kind;
    if (kind == LTV_EVENT_REFUND && ln.amount > 0) ln.amount = -ln.amount;
    ln.items = kind == LTV_EVENT_ORDER ? 1 : 0;
    const field *count = column_field(ld, LTV_CSV_ITEMS);
    if (count && count->len && has_money &&
        (reason = ltv__parse_items(count->text, count->len, &ln.items, why, sizeof why)))
        return reject_field(ld, LTV_CSV_ITEMS, reason, why);
    bool bad = false;
    status = LTV_OK;
    if (kind == LTV_EVENT_ORDER) {
        status = line_money(ld, LTV_CSV_ORDER_TOTAL, &lm.total, LTV__HAS_TOTAL, &ln.present, &bad);
        if (status == LTV_OK && !bad) status = line_money(ld, LTV_CSV_SHIPPING, &lm.shipping, LTV__HAS_SHIPPING, &ln.present, &bad);
        if (status == LTV_OK && !bad) status = line_money(ld, LTV_CSV_DISCOUNT, &lm.discount, LTV__HAS_DISCOUNT, &ln.present, &bad);
        if (status == LTV_OK && !bad) status = line_money(ld, LTV_CSV_REFUND_AMOUNT, &lm.refund, LTV__HAS_REFUND, &ln.present, &bad);
        if (status == LTV_OK && !bad) status = line_status(ld, &ln, &bad);
        if (status != LTV_OK || bad) return status;
        if ((ln.present & LTV__HAS_TOTAL) && lm.total < 0)
            return reject_field(ld, LTV_CSV_ORDER_TOTAL, LTV_ROW_BAD_AMOUNT, "is negative");
    }
    /* every value may reach the ledger twice (an order refunded in full): guard twice its size */
    uint64_t sum = ld->money;
    if (!guard_add(&sum, ln.amount, 2) || !guard_add(&sum, lm.total, 2) || !guard_add(&sum, lm.shipping, 2) ||
        !guard_add(&sum, lm.discount, 2) || !guard_add(&sum, lm.refund, 1))
        return reject_field(ld, total_rule ? LTV_CSV_ORDER_TOTAL : LTV_CSV_AMOUNT, LTV_ROW_OUT_OF_RANGE,
                            "would make the sum of all amounts exceed 2^63 - 1 minor units");
    ltv__csv_line *slot = ltv__csv_chunk_add_line(ld->chunk, ld->line_money);
    if (!slot) return ltv__fail(LTV_ENOMEM, "line %llu: out of memory", (unsigned long long)ld->line);
    ld->money = sum;
    ld->report->rows_taken++;
    /* ids as offsets into the chunk's buffer, where every field's text is */
    ln.customer_at = key.len ? (uint32_t)(key.text - ld->chunk->buf) : 0;
    ln.customer_len = (uint32_t)key.len;
    ln.customer_hash = key.len ? ltv__id_hash(key.text, key.len) : 0;
    ln.order_at = order_id.len ? (uint32_t)(order_id.text - ld->chunk->buf) : 0;
    ln.order_len = (uint32_t)order_id.len;
    /* field by field: a struct assignment compiles to rep movs, slow on this cold store */
    slot->line = ln.line;
    slot->customer_hash = ln.customer_hash;
    slot->amount = ln.amount;
    slot->customer_at = ln.customer_at;
    slot->customer_len = ln.customer_len;
    slot->order_at = ln.order_at;
    slot->order_len = ln.order_len;
    slot->day = ln.day;
    slot->items = ln.items;
    slot->status_value = ln.status_value;
    slot->present = ln.present;
    slot->kind = ln.kind;
    slot->status_rule = ln.status_rule;
    if (ld->line_money) ld->chunk->money[ld->chunk->line_count - 1] = lm;
    return LTV_OK;
}

static bool is_blank(const char *p, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
    return true;
}

/* Which field holds the byte at `offset` of a record: the separators before it outside quotes. */
static size_t field_of_offset(const loader *ld, const char *record, size_t offset) {
    size_t column = 1;
    bool quoted = false;
    for (size_t i = 0; i < offset; i++) {
        if (record[i] == '"') quoted = !quoted;
        else if (record[i] == ld->delimiter && !quoted) column++;
    }
    return column;
}

static int encoding_error(loader *ld, char *record, size_t len, size_t bad) {
    const size_t column = field_of_offset(ld, record, bad < len ? bad : len);
    return ltv__fail(LTV_EENCODING, "line %llu, column %zu: byte 0x%02X is not valid UTF-8; the file may be "
                     "Shift_JIS (CP932) or another legacy encoding: load it with its encoding "
                     "(ltvcrm: --encoding cp932, or euc-jp; C: ltv_csv_options_set_encoding())",
                     (unsigned long long)ld->line, column, (unsigned)(unsigned char)record[bad]);
}

/* Handles one complete record [p, p + len) including its line end. */
static int process_record(loader *ld, char *p, size_t len, bool quoted) {
    len = ltv__csv_record_text(p, len);
    if (is_blank(p, len)) {
        ld->report->blank_lines++;
        return LTV_OK;
    }
    size_t bad;
    if (!ltv__utf8_valid(p, len, &bad)) return encoding_error(ld, p, len, bad);
    if (ld->have_header) ld->report->rows_read++;
    const char *nul = memchr(p, '\0', len);
    if (nul) { /* ids would be cut at it in every output: distinct ids would collide */
        const size_t column = field_of_offset(ld, p, (size_t)(nul - p));
        if (!ld->have_header)
            return ltv__fail(LTV_EFORMAT, "line %llu, column %zu: the header holds a NUL byte (is this a text file?)",
                             (unsigned long long)ld->line, column);
        return reject(ld, column, LTV_ROW_NUL_BYTE, "the field holds a NUL byte (is this a text file?)");
    }
    size_t bad_field = 0, bad_offset;
    int quote = ltv__csv_split(&ld->split, p, len, quoted, &bad_field, &bad_offset);
    bad_field++; /* 1-based, as columns are reported */
    if (quote < 0) return ltv__fail(LTV_ENOMEM, "line %llu: out of memory", (unsigned long long)ld->line);
    if (!ld->have_header) {
        if (quote) return ltv__fail(LTV_EFORMAT, "line %llu, column %zu: malformed quotes in the header",
                                    (unsigned long long)ld->line, bad_field);
        return read_header(ld);
    }
    if (quote)
        return reject(ld, bad_field, LTV_ROW_BAD_QUOTE,
                      "a quote is not closed, or text follows a closing quote (quote a value that contains \" as \"\")");
    if (ld->customers) return take_customer(ld);
    return ld->orders ? take_line(ld) : take_row(ld);
}

/* Sizes the staging ledger from the first chunk's bytes per row, so that a large file is
 * not loaded through a dozen regrowths and rehashes. Customers are guessed at half the rows
 * (real logs: 1.2 to 2 orders per customer); a wrong guess only costs a regrowth. */
static void reserve_from_first_chunk(loader *ld, uint64_t consumed) {
    const uint64_t rows = ld->report->rows_read;
    if (rows < 64 || ld->bytes_total <= consumed) return;
    const uint64_t estimate = (uint64_t)((double)ld->bytes_total / ((double)consumed / (double)rows) * 1.02);
    ld->chunk->reserve_events = estimate; /* applied by the interner, which owns the stage */
    ld->chunk->reserve_customers = estimate / 2;
}

/* ---- the driver --------------------------------------------------------------------------- */

/* Makes a chunk's buffer hold at least `bytes`. */
static int ensure_capacity(ltv__csv_chunk *chunk, size_t bytes, uint64_t line) {
    if (chunk->capacity >= bytes) return LTV_OK;
    size_t capacity = chunk->capacity;
    while (capacity < bytes) capacity *= 2;
    char *grown = ltv__realloc(chunk->buf, capacity);
    if (!grown) return ltv__fail(LTV_ENOMEM, "line %llu: out of memory for a record over %zu bytes",
                                 (unsigned long long)line, chunk->capacity);
    chunk->buf = grown;
    chunk->capacity = capacity;
    return LTV_OK;
}

static int record_too_long(const loader *ld) {
    return ltv__fail(LTV_EPARSE, "line %llu: a record is longer than %lld bytes (LTV_CSV_MAX_RECORD); is a quote "
                     "left open? (ltvcrm: --max-record BYTES raises the limit)", (unsigned long long)ld->line,
                     (long long)ld->opts->max_record);
}

/* Reads the input chunk by chunk; each chunk's complete records are parsed into rows and
 * the chunk goes to the interner, while the incomplete record at its end starts the next. */
static int parse_all(loader *ld, source *src, ltv__csv_pipeline *pipe) {
    int status = ltv__csv_pipeline_acquire(pipe, &ld->chunk);
    size_t used = 0;
    bool eof = false, first = true, reserved = false;
    ld->line = 1;
    while (status == LTV_OK) {
        ltv__csv_chunk *chunk = ld->chunk;
        if (!eof) {
            /* the decoder needs room for a whole character */
            if (chunk->capacity - used < 16 && (status = ensure_capacity(chunk, used * 2, ld->line)) != LTV_OK) break;
            size_t got = 0;
            uint64_t raw = 0;
            status = source_read(src, chunk->buf + used, chunk->capacity - used, &got, &raw);
            if (status != LTV_OK) break;
            eof = got == 0;
            ld->report->bytes += raw;
            used += got;
        }
        char *p = chunk->buf, *end = chunk->buf + used;
        if (first && used >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* UTF-8 byte order mark */
        if (first && (used >= 3 || eof)) first = false;
        char *const parsed_from = p;
        while (p < end && status == LTV_OK) {
            uint32_t newlines;
            bool quoted;
            size_t len = ltv__csv_record_length(p, end, ld->delimiter, eof, &newlines, &quoted);
            if (len > (size_t)ld->opts->max_record || (len == 0 && (size_t)(end - p) > (size_t)ld->opts->max_record)) {
                status = record_too_long(ld);
                break;
            }
            if (len == 0) break;
            status = process_record(ld, p, len, quoted);
            ld->line += newlines;
            p += len;
        }
        if (status != LTV_OK) break;
        if (!reserved && (chunk->count || chunk->line_count)) {
            reserve_from_first_chunk(ld, (uint64_t)(p - chunk->buf));
            reserved = true;
        }
        if (eof && p >= end) break;
        if (p == parsed_from && chunk->count == 0 && chunk->line_count == 0) continue; /* no complete record yet: read more */
        /* The rows point into this chunk: the unfinished record moves to a fresh one. */
        const size_t leftover = (size_t)(end - p);
        ltv__csv_chunk *next;
        status = ltv__csv_pipeline_acquire(pipe, &next);
        if (status == LTV_OK) status = ensure_capacity(next, leftover + 1, ld->line);
        if (status != LTV_OK) {
            ltv__csv_pipeline_release(pipe, next);
            break;
        }
        memcpy(next->buf, p, leftover);
        used = leftover;
        ld->chunk = next;
        status = ltv__csv_pipeline_submit(pipe, chunk);
        if (status == LTV_OK && ld->opts->progress && ld->report->bytes >= ld->next_progress) {
            ld->next_progress = ld->report->bytes + PROGRESS_EVERY;
            if (ld->opts->progress(ld->opts->progress_data, ld->report->bytes - used, ld->bytes_total) != 0)
                status = ltv__fail(LTV_ESTATE, "the load was cancelled by the progress callback at line %llu",
                                   (unsigned long long)ld->line);
        }
    }
    if (status == LTV_OK) {
        status = ltv__csv_pipeline_submit(pipe, ld->chunk);
    } else {
        ltv__csv_pipeline_release(pipe, ld->chunk);
    }
    ld->chunk = NULL;
    return status;
}

static int run(loader *ld, source *src) {
    ltv__csv_pipeline *pipe;
    int status = ltv__csv_pipeline_start(&pipe, ld->stage, ld->orders, CHUNK_BYTES);
    if (status != LTV_OK) return status;
    status = parse_all(ld, src, pipe);
    char message[512];
    uint64_t lost = 0;
    const int interned = ltv__csv_pipeline_finish(pipe, &lost, message, sizeof message);
    ld->report->rows_taken -= lost; /* counted when parsed; these never got in */
    if (status == LTV_OK && interned != LTV_OK) status = ltv__fail(interned, "%s", message);
    if (status == LTV_OK && !ld->have_header)
        status = ltv__fail(LTV_EFORMAT, "the input is empty: there is no header line naming the columns");
    if (status == LTV_OK && ld->orders) status = ltv__orders_finish(ld->orders, ld->stage, ld->report);
    if (status == LTV_OK && ld->opts->progress)
        ld->opts->progress(ld->opts->progress_data, ld->report->bytes, ld->bytes_total);
    return status;
}

/* Order mode: any 1.1 column mapped, or occasions. Otherwise the loader takes its 1.0 path
 * (which also counts placeholder ids as no customer, when asked). */
static bool order_mode(const ltv_csv_options *opts) {
    for (int col = LTV_CSV_V1_COLUMNS; col < LTV_CSV_EVENT_COLUMNS; col++)
        if (ltv__csv_mapped(opts, col)) return true;
    return opts->occasions != 0;
}

static int check_order_options(const ltv_csv_options *opts) {
    if (ltv__csv_mapped(opts, LTV_CSV_ORDER_TOTAL) &&
        (ltv__csv_mapped(opts, LTV_CSV_SHIPPING) || ltv__csv_mapped(opts, LTV_CSV_DISCOUNT)))
        return ltv__fail(LTV_EFORMAT, "an order total already holds shipping and discount: map either the order "
                         "total or shipping/discount, not both");
    return LTV_OK;
}

/* The opt-in checks of a finished load (LTV_CSV_CHECKS): some order taken, few rows rejected. */
static int check_load(const ltv_load_report *report, uint64_t taken, const ltv_csv_options *opts) {
    const uint64_t read = report->rows_read, rejected = report->rows_rejected;
    const char *first = report->problem_count ? report->problems[0].message : "";
    if (taken == 0)
        return ltv__fail(LTV_EVALIDATION, "no order was taken from %llu rows (%llu rejected, %llu excluded)%s%s; "
                         "accept such a load with LTV_CSV_CHECKS 0 (ltvcrm: --accept-rejects)",
                         (unsigned long long)read, (unsigned long long)rejected,
                         (unsigned long long)report->rows_excluded, *first ? "; the first: " : "", first);
    if (rejected && (double)rejected * 10000.0 > (double)opts->max_rejected_bp * (double)read)
        return ltv__fail(LTV_EVALIDATION, "%llu of %llu rows (%.1f %%) were rejected, more than the %.1f %% allowed; "
                         "the first: %s; accept it with LTV_CSV_CHECKS 0 (ltvcrm: --accept-rejects) or raise "
                         "LTV_CSV_MAX_REJECTED_BP (ltvcrm: --max-rejected PERCENT)",
                         (unsigned long long)rejected, (unsigned long long)read, 100.0 * (double)rejected / (double)read,
                         (double)opts->max_rejected_bp / 100.0, first);
    return LTV_OK;
}

/* One load into a ledger, or (table not NULL) into a customer table: the same reading,
 * splitting and checking; a table's rows are staged in a table of their own (the pipeline then
 * carries no rows) and appended to the caller's once all were read. */
static int load(ltv_ledger *ledger, ltv_customer_table *table, source *src, uint64_t total,
                const ltv_csv_options *opts, ltv_load_report **out_report) {
    if (out_report) *out_report = NULL;
    loader ld = {0};
    ltv_csv_options fallback;
    if (!opts) {
        ltv__csv_options_defaults(&fallback);
        opts = &fallback;
    }
    ld.opts = opts;
    ld.delimiter = (char)ld.opts->delimiter;
    ld.split.delimiter = ld.delimiter;
    ld.bytes_total = total;
    int status = ltv__report_new(&ld.report);
    if (status == LTV_OK) status = ltv_ledger_new(&ld.stage);
    ld.target = table;
    if (status == LTV_OK && table) status = ltv_customer_table_new(&ld.customers);
    const bool orders = !table && order_mode(ld.opts);
    if (status == LTV_OK && orders) status = check_order_options(ld.opts);
    if (status == LTV_OK && orders) status = ltv__orders_new(&ld.orders, ld.opts);
    ld.line_money = orders && (ltv__csv_mapped(ld.opts, LTV_CSV_ORDER_TOTAL) || ltv__csv_mapped(ld.opts, LTV_CSV_SHIPPING) ||
                               ltv__csv_mapped(ld.opts, LTV_CSV_DISCOUNT) ||
                               ltv__csv_mapped(ld.opts, LTV_CSV_REFUND_AMOUNT));
    if (status == LTV_OK) status = ltv__decoder_new(&src->decoder, ld.opts->encoding, source_pull, src);
    if (status == LTV_OK) status = run(&ld, src);
    ltv__decoder_free(src->decoder);
    src->decoder = NULL;
    if (status == LTV_OK && ld.opts->checks)
        status = check_load(ld.report, table ? ld.report->rows_taken : ltv_ledger_order_count(ld.stage), ld.opts);
    if (status == LTV_OK && table) {
        status = ltv__customer_table_take(table, ld.customers);
    } else if (status == LTV_OK) {
        if (ledger->customer_count == 0 && ltv_ledger_event_count(ledger) == 0)
            ltv__ledger_move(ledger, ld.stage);
        else
            status = ltv_ledger_merge(ledger, ld.stage);
    }
    ltv_customer_table_free(ld.customers);
    ltv_ledger_free(ld.stage);
    ltv__orders_free(ld.orders);
    ltv__csv_splitter_free(&ld.split);
    if (out_report && ld.report) {
        *out_report = ld.report;
    } else {
        ltv_load_report_free(ld.report);
    }
    return status;
}

/* Opens `path` and loads it into the ledger or the customer table (one of them is NULL). */
static int load_path(ltv_ledger *ledger, ltv_customer_table *table, const char *path, const ltv_csv_options *opts,
                     ltv_load_report **out_report) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ltv__fail(LTV_EIO, "cannot read '%s': it is a directory", path);
    }
#if defined(POSIX_FADV_SEQUENTIAL)
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    source src = {fd, NULL, 0, 0, path, NULL};
    int status = load(ledger, table, &src, st.st_size > 0 ? (uint64_t)st.st_size : 0, opts, out_report);
    close(fd);
    return status;
}

int ltv_ledger_load_csv(ltv_ledger *ledger, const char *path, const ltv_csv_options *opts,
                        ltv_load_report **out_report) {
    if (out_report) *out_report = NULL;
    LTV_REQUIRE(ledger, "ltv_ledger_load_csv");
    LTV_REQUIRE(path, "ltv_ledger_load_csv");
    return load_path(ledger, NULL, path, opts, out_report);
}

int ltv_ledger_load_csv_buffer(ltv_ledger *ledger, const char *data, size_t len, const ltv_csv_options *opts,
                               ltv_load_report **out_report) {
    if (out_report) *out_report = NULL;
    LTV_REQUIRE(ledger, "ltv_ledger_load_csv_buffer");
    if (data == NULL && len != 0) return ltv__fail(LTV_EINVAL, "ltv_ledger_load_csv_buffer: data is NULL");
    source src = {-1, data, len, 0, "<buffer>", NULL};
    return load(ledger, NULL, &src, len, opts, out_report);
}

int ltv_customer_table_load_csv(ltv_customer_table *table, const char *path, const ltv_csv_options *opts,
                                ltv_load_report **out_report) {
    if (out_report) *out_report = NULL;
    LTV_REQUIRE(table, "ltv_customer_table_load_csv");
    LTV_REQUIRE(path, "ltv_customer_table_load_csv");
    return load_path(NULL, table, path, opts, out_report);
}
