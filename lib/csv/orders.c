/* Order mode of the CSV loader: lines with the same order id form one order (adjacent or
 * not), statuses decide whether an order counts, is excluded or is refunded, rows without a
 * customer are counted apart, and a customer's same-day orders can be one occasion.
 *
 * Order ids are numbered on the parser's thread (ltv__orders_number: interned into a scratch
 * ledger) and each chunk's lines are grouped on the interner's as they come
 * (ltv__orders_consume: customer keys interned into the staging ledger), both with the
 * ledger's batched, prefetching interning: grouping costs one more hash probe per line, on
 * the thread that had the lighter share.
 * A line that disagrees with its order is rejected there. When the whole input is read,
 * ltv__orders_finish() turns each order into an order event (and a refund event), settles the
 * report, and drops customers that ended with no event (their only orders were excluded). */
#include <stdio.h>
#include <string.h>

#include "csv_pipeline.h"
#include "ltvcrm/date.h"

#define NO_CUSTOMER UINT32_MAX
#define MESSAGE_MAX 400
#define SHOWN 60

typedef struct order {
    uint64_t first_line;
    int64_t amount; /* sum of the line amounts */
    uint32_t customer;
    int32_t day;
    uint32_t lines;
    uint32_t items; /* saturates at UINT32_MAX; checked against LTV_ITEMS_MAX at the end */
    uint32_t status_value;
    uint16_t present;
    uint8_t status_rule;
} order;

/* Order-level money, only when one of those columns is mapped. */
typedef struct order_money {
    int64_t total, shipping, discount, refund;
} order_money;

struct ltv__orders {
    const ltv_csv_options *opts;
    ltv__orders_layout layout;
    bool by_id, total_rule, with_money;
    ltv_ledger *ids; /* order ids, interned: the scratch ledger's customer index is the order index */
    order *orders;
    order_money *money;
    size_t count, capacity;
    ltv_load_report *late; /* lines rejected by the interner */
    uint64_t lines_rejected_late;
    uint64_t passed_no_customer; /* events of other kinds with no customer */
    char **status_values;        /* as written, parser-owned */
    size_t status_value_count;
};

int ltv__orders_new(ltv__orders **out, const ltv_csv_options *opts) {
    ltv__orders *o = ltv__calloc(1, sizeof *o);
    if (!o) return ltv__fail(LTV_ENOMEM, "out of memory for the order table");
    o->opts = opts;
    o->by_id = ltv__csv_mapped(opts, LTV_CSV_ORDER_ID);
    o->total_rule = ltv__csv_mapped(opts, LTV_CSV_ORDER_TOTAL);
    o->with_money = o->total_rule || ltv__csv_mapped(opts, LTV_CSV_SHIPPING) ||
                    ltv__csv_mapped(opts, LTV_CSV_DISCOUNT) || ltv__csv_mapped(opts, LTV_CSV_REFUND_AMOUNT);
    int status = ltv__report_new(&o->late);
    if (status == LTV_OK && o->by_id) status = ltv_ledger_new(&o->ids);
    if (status != LTV_OK) {
        ltv__orders_free(o);
        return status;
    }
    *out = o;
    return LTV_OK;
}

void ltv__orders_free(ltv__orders *o) {
    if (!o) return;
    ltv_ledger_free(o->ids);
    ltv__free(o->orders);
    ltv__free(o->money);
    ltv_load_report_free(o->late);
    for (size_t i = 0; i < o->status_value_count; i++) ltv__free(o->status_values[i]);
    ltv__free(o->status_values);
    ltv__free(o);
}

ltv__orders_layout *ltv__orders_layout_of(ltv__orders *o) { return &o->layout; }

int ltv__orders_status_value(ltv__orders *o, const char *text, size_t len, uint32_t *out_index) {
    for (size_t i = 0; i < o->status_value_count; i++)
        if (strlen(o->status_values[i]) == len && memcmp(o->status_values[i], text, len) == 0) {
            *out_index = (uint32_t)i;
            return LTV_OK;
        }
    char **grown = ltv__realloc_array(o->status_values, o->status_value_count + 1, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for the status values");
    o->status_values = grown;
    char *copy = ltv__strndup(text, len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "out of memory for the status values");
    o->status_values[o->status_value_count] = copy;
    *out_index = (uint32_t)o->status_value_count++;
    return LTV_OK;
}

/* ---- grouping (interner thread) ------------------------------------------------------------ */

static int grow_orders(ltv__orders *o, size_t needed) {
    if (needed <= o->capacity) return LTV_OK;
    size_t capacity = o->capacity ? o->capacity : 4096;
    while (capacity < needed) capacity *= 2;
    order *grown = ltv__realloc_array(o->orders, capacity, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for %zu orders", needed);
    o->orders = grown;
    if (o->with_money) {
        order_money *money = ltv__realloc_array(o->money, capacity, sizeof *money);
        if (!money) return ltv__fail(LTV_ENOMEM, "out of memory for %zu orders", needed);
        o->money = money;
    }
    o->capacity = capacity;
    return LTV_OK;
}

static void order_start(ltv__orders *o, size_t i, const ltv__csv_line *ln, uint32_t customer) {
    o->orders[i] = (order){ln->line, ln->amount, customer, ln->day, 1, (uint32_t)ln->items, ln->status_value,
                           ln->present, ln->status_rule};
    if (o->with_money) o->money[i] = (order_money){ln->total, ln->shipping, ln->discount, ln->refund};
}

static const char *order_id_text(const ltv__orders *o, const ltv__csv_line *ln, size_t *len) {
    (void)o;
    *len = ln->order.len;
    return ln->order.id;
}

/* Rejects a line that disagrees with its order, naming the column and both values. */
static int conflict(ltv__orders *o, const ltv__csv_line *ln, const order *ord, int column, const char *mine,
                    const char *theirs) {
    char message[MESSAGE_MAX];
    size_t id_len;
    const char *id = order_id_text(o, ln, &id_len);
    const int at = o->layout.column_of[column];
    snprintf(message, sizeof message, "line %llu, column %d: %s '%.*s' of order '%.*s' differs from '%.*s' on line %llu",
             (unsigned long long)ln->line, at + 1, o->layout.names[column], SHOWN, mine, (int)(id_len > SHOWN ? SHOWN : id_len),
             id, SHOWN, theirs, (unsigned long long)ord->first_line);
    o->lines_rejected_late++;
    int status = ltv__report_reject(o->late, o->opts->max_errors, ln->line, (uint32_t)(at + 1), LTV_ROW_ORDER_CONFLICT,
                                    message);
    if (status == LTV_OK && o->opts->strict) status = ltv__fail(LTV_EPARSE, "%s (strict mode)", message);
    return status;
}

static void money_text(int64_t v, char *buf, size_t len) { snprintf(buf, len, "%lld", (long long)v); }

/* Checks the order-level values of a line against its order; -1 if they agree, else the
 * column that disagrees with the two values written out. */
static int disagreement(const ltv__orders *o, const ltv_ledger *stage, const order *ord, size_t i,
                        const ltv__csv_line *ln, uint32_t customer, char *mine, char *theirs, size_t len) {
    if (customer != NO_CUSTOMER && ord->customer != NO_CUSTOMER && customer != ord->customer) {
        size_t n;
        const char *a = ltv__customer_id(stage, customer, &n);
        snprintf(mine, len, "%.*s", (int)n, a);
        a = ltv__customer_id(stage, ord->customer, &n);
        snprintf(theirs, len, "%.*s", (int)n, a);
        return o->layout.column_of[LTV_CSV_CUSTOMER_ID] >= 0 ? LTV_CSV_CUSTOMER_ID : LTV_CSV_EMAIL;
    }
    if ((ln->present & ord->present & LTV__HAS_DAY) && ln->day != ord->day) {
        ltv_date_format(ln->day, mine, len);
        ltv_date_format(ord->day, theirs, len);
        return LTV_CSV_ORDER_DATE;
    }
    if ((ln->present & ord->present & LTV__HAS_STATUS) && ln->status_rule != ord->status_rule) {
        snprintf(mine, len, "%s", o->status_values[ln->status_value]);
        snprintf(theirs, len, "%s", o->status_values[ord->status_value]);
        return LTV_CSV_STATUS;
    }
    if (!o->with_money) return -1;
    const order_money *m = &o->money[i];
    const struct {
        int bit, column;
        int64_t a, b;
    } values[] = {{LTV__HAS_TOTAL, LTV_CSV_ORDER_TOTAL, ln->total, m->total},
                  {LTV__HAS_SHIPPING, LTV_CSV_SHIPPING, ln->shipping, m->shipping},
                  {LTV__HAS_DISCOUNT, LTV_CSV_DISCOUNT, ln->discount, m->discount},
                  {LTV__HAS_REFUND, LTV_CSV_REFUND_AMOUNT, ln->refund, m->refund}};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
        if ((ln->present & ord->present & values[k].bit) && values[k].a != values[k].b) {
            money_text(values[k].a, mine, len);
            money_text(values[k].b, theirs, len);
            return values[k].column;
        }
    return -1;
}

/* Adds a line to its order: the values the order did not have yet, the amount and items. */
static void order_add(ltv__orders *o, size_t i, const ltv__csv_line *ln, uint32_t customer) {
    order *ord = &o->orders[i];
    if (ord->customer == NO_CUSTOMER) ord->customer = customer;
    if ((ln->present & LTV__HAS_DAY) && !(ord->present & LTV__HAS_DAY)) ord->day = ln->day;
    if ((ln->present & LTV__HAS_STATUS) && !(ord->present & LTV__HAS_STATUS)) {
        ord->status_rule = ln->status_rule;
        ord->status_value = ln->status_value;
    }
    if (o->with_money) {
        order_money *m = &o->money[i];
        const uint16_t fresh = (uint16_t)(ln->present & ~ord->present);
        if (fresh & LTV__HAS_TOTAL) m->total = ln->total;
        if (fresh & LTV__HAS_SHIPPING) m->shipping = ln->shipping;
        if (fresh & LTV__HAS_DISCOUNT) m->discount = ln->discount;
        if (fresh & LTV__HAS_REFUND) m->refund = ln->refund;
    }
    ord->present |= ln->present;
    ord->amount += ln->amount; /* bounded: the parser's money guard covers every value */
    ord->items = (uint32_t)ln->items > UINT32_MAX - ord->items ? UINT32_MAX : ord->items + (uint32_t)ln->items;
    ord->lines++;
}

static int add_line(ltv__orders *o, ltv_ledger *stage, const ltv__csv_line *ln, uint32_t customer, uint32_t index) {
    if (ln->kind != LTV_EVENT_ORDER) { /* visits, cancels, refund rows: events of their own */
        if (customer == NO_CUSTOMER) {
            o->passed_no_customer++;
            return LTV_OK;
        }
        ltv__ledger_append(stage, customer, ln->kind, ln->day, ln->amount, ln->items);
        return LTV_OK;
    }
    size_t i = o->by_id ? index : o->count;
    if (i == o->count) {
        int status = grow_orders(o, o->count + 1);
        if (status != LTV_OK) return status;
        order_start(o, i, ln, customer);
        o->count++;
        return LTV_OK;
    }
    char mine[SHOWN + 1], theirs[SHOWN + 1];
    int column = disagreement(o, stage, &o->orders[i], i, ln, customer, mine, theirs, sizeof mine);
    if (column >= 0) return conflict(o, ln, &o->orders[i], column, mine, theirs);
    order_add(o, i, ln, customer);
    return LTV_OK;
}

int ltv__orders_number(ltv__orders *o, ltv__csv_chunk *chunk, uint64_t reserve) {
    if (!o->by_id) return LTV_OK;
    if (reserve && ltv_ledger_reserve(o->ids, reserve, 0) != LTV_OK) ltv_clear_error(); /* only a hint */
    int status = LTV_OK;
    const ltv__csv_line *prev = NULL; /* the chunk's last order line so far, and its number */
    uint32_t last = 0;
    for (size_t start = 0; status == LTV_OK && start < chunk->line_count; start += LTV_INTERN_BATCH) {
        const size_t n = chunk->line_count - start < LTV_INTERN_BATCH ? chunk->line_count - start : LTV_INTERN_BATCH;
        ltv__csv_line *lines = chunk->lines + start;
        ltv__id_ref ids[LTV_INTERN_BATCH];
        uint32_t index[LTV_INTERN_BATCH];
        bool same[LTV_INTERN_BATCH]; /* the order of the line before: exports write an order's lines together */
        size_t nids = 0, done = 0;
        for (size_t k = 0; k < n; k++) {
            if (lines[k].kind != LTV_EVENT_ORDER) continue;
            same[k] = prev && prev->order.hash == lines[k].order.hash && prev->order.len == lines[k].order.len &&
                      memcmp(prev->order.id, lines[k].order.id, lines[k].order.len) == 0;
            if (!same[k]) ids[nids++] = lines[k].order;
            prev = &lines[k];
        }
        status = ltv__ledger_intern_batch(o->ids, ids, nids, index, &done);
        if (status != LTV_OK)
            return ltv__fail(status, "line %llu: %s", (unsigned long long)lines[0].line, ltv_last_error());
        for (size_t k = 0, id = 0; k < n; k++) {
            if (lines[k].kind != LTV_EVENT_ORDER) continue;
            last = lines[k].order_index = same[k] ? last : index[id++];
        }
    }
    return status;
}

int ltv__orders_consume(ltv__orders *o, ltv_ledger *stage, const ltv__csv_chunk *chunk, char *message,
                        size_t message_len) {
    if (chunk->reserve_events) { /* only hints: the first chunk's guess of the file's rows */
        if (ltv_ledger_reserve(stage, chunk->reserve_customers, 0) != LTV_OK) ltv_clear_error();
        if (grow_orders(o, (size_t)chunk->reserve_events) != LTV_OK) ltv_clear_error();
    }
    int status = ltv__ledger_reserve_events(stage, chunk->line_count);
    for (size_t start = 0; status == LTV_OK && start < chunk->line_count; start += LTV_INTERN_BATCH) {
        const size_t n = chunk->line_count - start < LTV_INTERN_BATCH ? chunk->line_count - start : LTV_INTERN_BATCH;
        const ltv__csv_line *lines = chunk->lines + start;
        ltv__id_ref keys[LTV_INTERN_BATCH];
        uint32_t got[LTV_INTERN_BATCH];
        size_t nkeys = 0, done = 0;
        for (size_t k = 0; k < n; k++)
            if (lines[k].customer.len) keys[nkeys++] = lines[k].customer;
        status = ltv__ledger_intern_batch(stage, keys, nkeys, got, &done);
        if (status != LTV_OK) {
            snprintf(message, message_len, "line %llu: %s", (unsigned long long)lines[0].line, ltv_last_error());
            return status;
        }
        for (size_t k = 0, key = 0; k < n && status == LTV_OK; k++) {
            const uint32_t customer = lines[k].customer.len ? got[key++] : NO_CUSTOMER;
            status = add_line(o, stage, &lines[k], customer, lines[k].order_index);
        }
    }
    if (status != LTV_OK) snprintf(message, message_len, "%s", ltv_last_error());
    return status;
}

/* ---- settling (caller's thread) ------------------------------------------------------------- */

/* Rejects every line of an order with one message on its first line. */
static int reject_order(ltv__orders *o, ltv_load_report *report, const order *ord, int column, int reason,
                        const char *why) {
    char message[MESSAGE_MAX];
    const int at = column >= 0 ? o->layout.column_of[column] + 1 : 0;
    if (at) snprintf(message, sizeof message, "line %llu, column %d: %s (%u line%s rejected)",
                     (unsigned long long)ord->first_line, at, why, ord->lines, ord->lines == 1 ? "" : "s");
    else snprintf(message, sizeof message, "line %llu: %s (%u line%s rejected)", (unsigned long long)ord->first_line,
                  why, ord->lines, ord->lines == 1 ? "" : "s");
    report->rows_taken -= ord->lines;
    int status = ltv__report_reject_rows(o->late, o->opts->max_errors, ord->lines, ord->first_line, (uint32_t)at,
                                         reason, message);
    if (status == LTV_OK && o->opts->strict) status = ltv__fail(LTV_EPARSE, "%s (strict mode)", message);
    return status;
}

/* The amount and refund of an order, or a reason to reject it (why set, column of the fault). */
static bool order_values(const ltv__orders *o, size_t i, int64_t *amount, int64_t *refund, int *column, char *why,
                         size_t why_len) {
    const order *ord = &o->orders[i];
    const order_money none = {0, 0, 0, 0};
    const order_money *m = o->with_money ? &o->money[i] : &none;
    *refund = 0;
    if (o->total_rule) {
        if (!(ord->present & LTV__HAS_TOTAL)) {
            *column = LTV_CSV_ORDER_TOTAL;
            snprintf(why, why_len, "no line of the order carries its %s", o->layout.names[LTV_CSV_ORDER_TOTAL]);
            return false;
        }
        *amount = m->total;
    } else {
        const int64_t discount = m->discount < 0 ? -m->discount : m->discount;
        *amount = ord->amount + m->shipping - discount;
    }
    if (*amount < 0) {
        *column = o->total_rule ? LTV_CSV_ORDER_TOTAL : LTV_CSV_AMOUNT;
        snprintf(why, why_len, "the order's amount comes to %lld, below 0", (long long)*amount);
        return false;
    }
    if (ord->items > LTV_ITEMS_MAX) {
        *column = LTV_CSV_ITEMS;
        snprintf(why, why_len, "the order's lines add up to more than %d items", LTV_ITEMS_MAX);
        return false;
    }
    const int rule = ord->present & LTV__HAS_STATUS ? ord->status_rule : LTV_STATUS_COUNTED;
    const int64_t given = m->refund < 0 ? -m->refund : m->refund;
    if (rule == LTV_STATUS_REFUNDED) {
        *refund = *amount;
    } else if (rule == LTV_STATUS_PARTLY_REFUNDED && !(ord->present & LTV__HAS_REFUND)) {
        *column = o->layout.column_of[LTV_CSV_REFUND_AMOUNT] >= 0 ? LTV_CSV_REFUND_AMOUNT : LTV_CSV_STATUS;
        snprintf(why, why_len, "the order is partially refunded but no line gives its %s",
                 o->layout.names[LTV_CSV_REFUND_AMOUNT]);
        return false;
    } else {
        *refund = given; /* a refund amount counts whatever the status says */
    }
    if (*refund > *amount) {
        *column = LTV_CSV_REFUND_AMOUNT;
        snprintf(why, why_len, "the refund %lld is more than the order's amount %lld", (long long)*refund,
                 (long long)*amount);
        return false;
    }
    return true;
}

/* Same-day orders of a customer as one occasion: an open-addressing table keyed by
 * (customer, day) over the occasions formed so far. */
typedef struct occasion {
    uint32_t customer;
    int32_t day;
    int64_t amount;
    int64_t items;
} occasion;

typedef struct occasions {
    occasion *list;
    size_t count;
    uint32_t *slots; /* index + 1, 0 free */
    size_t mask;
} occasions;

static int occasions_init(occasions *oc, size_t orders) {
    size_t slots = 16;
    while (slots < orders * 2) slots *= 2;
    oc->list = ltv__malloc((orders ? orders : 1) * sizeof *oc->list);
    oc->slots = ltv__calloc(slots, sizeof *oc->slots);
    oc->count = 0;
    oc->mask = slots - 1;
    return oc->list && oc->slots ? LTV_OK : ltv__fail(LTV_ENOMEM, "out of memory for the purchase occasions");
}

static void occasions_add(occasions *oc, uint32_t customer, int32_t day, int64_t amount, int64_t items) {
    uint64_t h = ((uint64_t)customer << 32 | (uint32_t)day) * 0x9E3779B97F4A7C15ull;
    for (size_t s = (size_t)(h >> 20) & oc->mask;; s = (s + 1) & oc->mask) {
        if (oc->slots[s] == 0) {
            oc->list[oc->count] = (occasion){customer, day, amount, items};
            oc->slots[s] = (uint32_t)++oc->count;
            return;
        }
        occasion *x = &oc->list[oc->slots[s] - 1];
        if (x->customer == customer && x->day == day) {
            x->amount += amount;
            x->items += items;
            return;
        }
    }
}

/* Drops customers that have no event (their only orders were excluded or rejected). */
static int drop_customers_without_events(ltv_ledger *stage) {
    int status = ltv__ledger_prepare(stage);
    if (status != LTV_OK) return status;
    uint32_t with_events = 0;
    for (uint32_t c = 0; c < stage->customer_count; c++)
        with_events += ltv__ledger_end_event(stage, c) > ltv__ledger_first_event(stage, c);
    if (with_events == stage->customer_count) return LTV_OK;
    ltv_ledger *fresh;
    status = ltv_ledger_new(&fresh);
    if (status == LTV_OK) status = ltv_ledger_reserve(fresh, with_events, stage->organized.count);
    const ltv__event *ev = stage->organized.events;
    for (uint32_t c = 0; status == LTV_OK && c < stage->customer_count; c++) {
        const size_t first = ltv__ledger_first_event(stage, c), end = ltv__ledger_end_event(stage, c);
        if (first == end) continue;
        size_t len;
        const char *id = ltv__customer_id(stage, c, &len);
        uint32_t target;
        status = ltv__ledger_intern(fresh, id, len, ltv__id_hash(id, len), &target);
        if (status == LTV_OK) status = ltv__ledger_reserve_events(fresh, end - first);
        for (size_t e = first; status == LTV_OK && e < end; e++)
            ltv__ledger_append(fresh, target, ltv__event_kind(&ev[e]), ev[e].day, ev[e].amount, ltv__event_items(&ev[e]));
    }
    if (status == LTV_OK) ltv__ledger_move(stage, fresh);
    ltv_ledger_free(fresh);
    return status;
}

/* Frees what only the grouping needed, so that the events and the organizing that follow
 * reuse those pages instead of faulting in fresh ones (and peak memory is lower). */
static void release_order_table(ltv__orders *o) {
    ltv__free(o->orders);
    ltv__free(o->money);
    o->orders = NULL;
    o->money = NULL;
    o->count = o->capacity = 0;
}

int ltv__orders_finish(ltv__orders *o, ltv_ledger *stage, ltv_load_report *report) {
    ltv_ledger_free(o->ids); /* every line has its order's number: the ids are not read again */
    o->ids = NULL;
    report->rows_taken -= o->lines_rejected_late;
    report->rows_taken -= o->passed_no_customer;
    report->rows_excluded += o->passed_no_customer;
    report->rows_no_customer += o->passed_no_customer;
    const bool merge_days = o->opts->occasions != 0;
    occasions oc = {0};
    int status = merge_days ? occasions_init(&oc, o->count) : LTV_OK;
    if (status == LTV_OK) status = ltv__ledger_reserve_events(stage, o->count);
    char why[240];
    for (size_t i = 0; status == LTV_OK && i < o->count; i++) {
        const order *ord = &o->orders[i];
        if ((ord->present & LTV__HAS_STATUS) && ord->status_rule == LTV_STATUS_EXCLUDED) {
            report->rows_taken -= ord->lines;
            status = ltv__report_exclude(report, o->status_values[ord->status_value], ord->lines);
            continue;
        }
        if (!(ord->present & LTV__HAS_DAY)) {
            status = reject_order(o, report, ord, LTV_CSV_ORDER_DATE, LTV_ROW_BAD_ORDER, "no line of the order has a date");
            continue;
        }
        int64_t amount, refund;
        int column = -1;
        if (!order_values(o, i, &amount, &refund, &column, why, sizeof why)) {
            status = reject_order(o, report, ord, column, LTV_ROW_BAD_ORDER, why);
            continue;
        }
        if (ord->customer == NO_CUSTOMER) {
            if (o->opts->guests == LTV_CSV_GUESTS_AS_IDS) {
                status = reject_order(o, report, ord, LTV_CSV_CUSTOMER_ID, LTV_ROW_EMPTY_ID,
                                      "no line of the order has a customer id");
                continue;
            }
            report->rows_taken -= ord->lines;
            report->rows_excluded += ord->lines;
            report->rows_no_customer += ord->lines;
            report->no_customer_orders++;
            report->no_customer_amount += amount - refund;
            continue;
        }
        report->orders++;
        report->order_lines += ord->lines;
        if (merge_days) occasions_add(&oc, ord->customer, ord->day, amount, ord->items);
        else ltv__ledger_append(stage, ord->customer, LTV_EVENT_ORDER, ord->day, amount, (int32_t)ord->items);
        if (refund && (status = ltv__ledger_reserve_events(stage, 1)) == LTV_OK)
            ltv__ledger_append(stage, ord->customer, LTV_EVENT_REFUND, ord->day, -refund, 0);
    }
    for (size_t k = 0; status == LTV_OK && k < oc.count; k++) {
        const occasion *x = &oc.list[k];
        ltv__ledger_append(stage, x->customer, LTV_EVENT_ORDER, x->day, x->amount,
                           (int32_t)(x->items > LTV_ITEMS_MAX ? LTV_ITEMS_MAX : x->items));
    }
    ltv__free(oc.list);
    ltv__free(oc.slots);
    release_order_table(o);
    if (status == LTV_OK) status = ltv__report_absorb(report, o->late, o->opts->max_errors);
    if (status == LTV_OK) status = drop_customers_without_events(stage);
    return status;
}
