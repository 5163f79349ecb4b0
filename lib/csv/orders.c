/* Order mode of the CSV loader: lines with the same order id form one order (adjacent or
 * not), statuses decide whether an order counts, is excluded or is refunded, rows without a
 * customer are counted apart, and a customer's same-day orders can be one occasion.
 *
 * While the input is read, the interner keeps each order line as a record (ltv__orders_consume:
 * customer keys interned into the staging ledger, the order id copied once per run of adjacent
 * lines). When the whole input is read, ltv__orders_finish() groups the lines by order id with a
 * radix sort of the ids' hashes (sequential passes instead of a hash-table probe, one DRAM miss,
 * per line), then folds each line into the record of its order's first line in file order, so
 * that first-seen values, inheritance and the rejection of lines that disagree are those of a
 * line-by-line reading. Then each order becomes an order event (and a refund event), the report
 * is settled, and customers that ended with no event (their only orders were excluded) are
 * dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_pipeline.h"
#include "ltvcrm/date.h"

#define NO_CUSTOMER UINT32_MAX
#define MESSAGE_MAX 400
#define SHOWN 60
#define CONTINUES 0x80 /* record.present: the line continues the run of the line before (same order id) */
#define LINES_MAX (UINT32_MAX - 1u) /* order lines: record numbers are 32-bit */

/* An order line, kept until the input is read (32 bytes); after grouping, the record of an
 * order's first line accumulates the order and the others are emptied. The order id of a
 * record is its run's entry in ltv__orders.ids: runs and entries are in the same order. */
typedef struct order {
    int64_t amount;    /* sum of the line amounts */
    uint32_t line_gap; /* its line is line_gap + its record number (records are in line order) */
    uint32_t customer;
    int32_t day;
    uint32_t link;     /* before folding: the record of the order's first line (its own until
                          grouped); after: the order's lines (0: folded into its order, or rejected) */
    uint32_t items;    /* saturates at UINT32_MAX; checked against LTV_ITEMS_MAX at the end */
    uint16_t status_value;
    uint8_t present, status_rule;
} order;


/* Order-level money, only when one of those columns is mapped. */
typedef ltv__line_money order_money;

struct ltv__orders {
    const ltv_csv_options *opts;
    ltv__orders_layout layout;
    bool by_id, total_rule, with_money;
    order *orders; /* one record per order line, in file order */
    order_money *money;
    size_t count, capacity;
    char *ids; /* the runs' order ids, one entry per run (see keep_id) */
    size_t ids_len, ids_capacity;
    char last_id[LTV_ID_MAX]; /* the last run's id */
    size_t last_len;
    bool rising, falling; /* the runs' ids so far, in (length, bytes) order */
    bool grouping;        /* they are neither: runs are sorted by key to find repeated ids */
    bool runs_of_lines;   /* some run has more than one line */
    bool folded;          /* order.link counts lines (else every record is an order of one line) */
    uint64_t *keys;       /* per run, once grouping: sort_key() of its id's hash, */
    uint32_t *runs;       /* and its number (sorted with the keys) */
    size_t run_count, run_capacity;
    uint64_t (*hash)(const char *id, size_t len); /* ltv__id_hash; tests force collisions */
    ltv_load_report *late; /* lines rejected after reading */
    uint64_t lines_rejected_late;
    uint64_t passed_no_customer; /* events of other kinds with no customer */
    char **status_values;        /* as written, parser-owned */
    size_t status_value_count;
};

_Static_assert(sizeof(order) == 32, "an order line's record is 32 bytes");

static uint64_t first_line(const ltv__orders *o, const order *rec) {
    return (uint64_t)(rec - o->orders) + rec->line_gap;
}

/* A test hook: the hash that groups order ids (NULL: the loader's). */
static uint64_t (*test_hash)(const char *id, size_t len);
void ltv__orders_test_hash(uint64_t (*hash)(const char *id, size_t len)) { test_hash = hash; }

int ltv__orders_new(ltv__orders **out, const ltv_csv_options *opts) {
    ltv__orders *o = ltv__calloc(1, sizeof *o);
    if (!o) return ltv__fail(LTV_ENOMEM, "out of memory for the order table");
    o->opts = opts;
    o->by_id = ltv__csv_mapped(opts, LTV_CSV_ORDER_ID);
    o->total_rule = ltv__csv_mapped(opts, LTV_CSV_ORDER_TOTAL);
    o->with_money = o->total_rule || ltv__csv_mapped(opts, LTV_CSV_SHIPPING) ||
                    ltv__csv_mapped(opts, LTV_CSV_DISCOUNT) || ltv__csv_mapped(opts, LTV_CSV_REFUND_AMOUNT);
    o->hash = test_hash ? test_hash : ltv__id_hash;
    o->rising = o->falling = true;
    int status = ltv__report_new(&o->late);
    if (status != LTV_OK) {
        ltv__orders_free(o);
        return status;
    }
    *out = o;
    return LTV_OK;
}

static void release_runs(ltv__orders *o) {
    ltv__free(o->keys);
    ltv__free(o->runs);
    o->keys = NULL;
    o->runs = NULL;
    o->run_count = o->run_capacity = 0;
}

/* Frees what only the grouping needed, so that the events and the organizing that follow
 * reuse those pages instead of faulting in fresh ones (and peak memory is lower). */
static void release_order_table(ltv__orders *o) {
    ltv__free(o->orders);
    ltv__free(o->money);
    ltv__free(o->ids);
    o->orders = NULL;
    o->money = NULL;
    o->ids = NULL;
    o->count = o->capacity = o->ids_len = o->ids_capacity = 0;
    release_runs(o);
}

void ltv__orders_free(ltv__orders *o) {
    if (!o) return;
    release_order_table(o);
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
    if (o->status_value_count == UINT16_MAX)
        return ltv__fail(LTV_ERANGE, "more than %u different status values (as written)", (unsigned)UINT16_MAX);
    char **grown = ltv__realloc_array(o->status_values, o->status_value_count + 1, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for the status values");
    o->status_values = grown;
    char *copy = ltv__strndup(text, len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "out of memory for the status values");
    o->status_values[o->status_value_count] = copy;
    *out_index = (uint32_t)o->status_value_count++;
    return LTV_OK;
}

/* ---- keeping the lines (interner thread) ---------------------------------------------------- */

static int grow_orders(ltv__orders *o, size_t needed) {
    if (needed <= o->capacity) return LTV_OK;
    if (needed > LINES_MAX) return ltv__fail(LTV_ERANGE, "more than %u order lines", (unsigned)LINES_MAX);
    size_t capacity = o->capacity ? o->capacity : 4096;
    while (capacity < needed) capacity *= 2;
    if (capacity > LINES_MAX) capacity = LINES_MAX;
    order *grown = ltv__realloc_array(o->orders, capacity, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for %zu order lines", needed);
    o->orders = grown;
    if (o->with_money) {
        order_money *money = ltv__realloc_array(o->money, capacity, sizeof *money);
        if (!money) return ltv__fail(LTV_ENOMEM, "out of memory for %zu order lines", needed);
        o->money = money;
    }
    o->capacity = capacity;
    return LTV_OK;
}

static int grow_runs(ltv__orders *o, size_t needed) {
    if (needed <= o->run_capacity) return LTV_OK;
    size_t capacity = o->run_capacity ? o->run_capacity : 4096;
    while (capacity < needed) capacity *= 2;
    uint64_t *keys = ltv__realloc_array(o->keys, capacity, sizeof *keys);
    if (!keys) return ltv__fail(LTV_ENOMEM, "out of memory for %zu order ids", needed);
    o->keys = keys;
    uint32_t *runs = ltv__realloc_array(o->runs, capacity, sizeof *runs);
    if (!runs) return ltv__fail(LTV_ENOMEM, "out of memory for %zu order ids", needed);
    o->runs = runs;
    o->run_capacity = capacity;
    return LTV_OK;
}

/* Appends n bytes to a growing buffer. */
static int append_bytes(char **buf, size_t *len, size_t *capacity, const void *data, size_t n) {
    if (*len + n > *capacity) {
        size_t grown_capacity = *capacity ? *capacity : 65536;
        while (grown_capacity < *len + n) grown_capacity *= 2;
        char *grown = ltv__realloc(*buf, grown_capacity);
        if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for %zu bytes of order ids", grown_capacity);
        *buf = grown;
        *capacity = grown_capacity;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    return LTV_OK;
}

/* Copies a run's order id, front-coded: the length it shares with the run before and the
 * length of the rest (one byte each below 128, else two), then the rest — "O1234568" after
 * "O1234567" takes 3 bytes. Entries are only ever read in order (id_cursor). */
static int keep_id(ltv__orders *o, const char *id, size_t len) {
    size_t shared = 0;
    while (shared < len && shared < o->last_len && id[shared] == o->last_id[shared]) shared++;
    const size_t values[2] = {shared, len - shared};
    unsigned char head[4];
    size_t n = 0;
    for (size_t v = 0; v < 2; v++) { /* < 2^14 (LTV_ID_MAX) */
        if (values[v] < 128) {
            head[n++] = (unsigned char)values[v];
        } else {
            head[n++] = (unsigned char)(0x80 | (values[v] & 0x7F));
            head[n++] = (unsigned char)(values[v] >> 7);
        }
    }
    int status = append_bytes(&o->ids, &o->ids_len, &o->ids_capacity, head, n);
    if (status == LTV_OK) status = append_bytes(&o->ids, &o->ids_len, &o->ids_capacity, id + shared, len - shared);
    if (status != LTV_OK) return status;
    memcpy(o->last_id, id, len);
    o->last_len = len;
    return LTV_OK;
}

/* Reads the runs' ids in order. */
typedef struct id_cursor {
    uint64_t at;
    size_t len;
    char id[LTV_ID_MAX];
} id_cursor;

static size_t read_length(const unsigned char *p, size_t *value) {
    if (p[0] < 128) {
        *value = p[0];
        return 1;
    }
    *value = (size_t)(p[0] & 0x7F) | (size_t)p[1] << 7;
    return 2;
}

static void next_id(const ltv__orders *o, id_cursor *c) {
    const unsigned char *p = (const unsigned char *)o->ids + c->at;
    size_t shared, rest;
    p += read_length(p, &shared);
    p += read_length(p, &rest);
    memcpy(c->id + shared, p, rest);
    c->len = shared + rest;
    c->at = (uint64_t)((const char *)p + rest - o->ids);
}

/* The sort key of an order id: 32 bits of its hash (three radix passes; full hashes and the
 * ids' bytes decide between equal keys). */
static uint64_t sort_key(uint64_t hash) { return hash & UINT32_MAX; }

static void add_run(ltv__orders *o, uint64_t key) {
    o->keys[o->run_count] = key;
    o->runs[o->run_count] = (uint32_t)o->run_count;
    o->run_count++;
}

/* Whether ids may repeat in runs that are not adjacent. Until the ids stop rising (or
 * falling) strictly — (length, bytes) order, which is numeric order for numbers and for
 * numbers with a fixed prefix —, every run is an order of its own and no sort is needed: most
 * exports list orders by number. When they stop, the keys of the runs so far are made from
 * their copied ids, and from then on each run's key is kept as it comes. */
static int order_ids_unsorted(ltv__orders *o) {
    int status = grow_runs(o, o->count + 1);
    id_cursor c = {0, 0, {0}};
    for (uint64_t at = 0; status == LTV_OK && at < o->ids_len;) {
        next_id(o, &c);
        at = c.at;
        add_run(o, sort_key(o->hash(c.id, c.len)));
    }
    if (status == LTV_OK) o->grouping = true;
    return status;
}

/* (length, bytes) order; inline: ids are short, and every order line is compared once. */
static int compare_ids(const char *a, size_t a_len, const char *b, size_t b_len) {
    if (a_len != b_len) return a_len < b_len ? -1 : 1;
    for (size_t i = 0; i < a_len; i++)
        if (a[i] != b[i]) return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    return 0;
}

/* Keeps an order line as record o->count; a line with the same order id as the order line
 * before it (exports write an order's lines together; across chunks too) continues its run,
 * and its id is not copied again. */
static int keep_line(ltv__orders *o, const ltv__csv_chunk *chunk, size_t k, uint32_t customer) {
    const ltv__csv_line *ln = &chunk->lines[k];
    const size_t i = o->count;
    order *rec = &o->orders[i];
    bool same = false;
    if (o->by_id) {
        const char *id = chunk->buf + ln->order_at;
        const int cmp = i ? compare_ids(id, ln->order_len, o->last_id, o->last_len) : 0;
        same = i && cmp == 0;
        if (!same) {
            int status = LTV_OK;
            if (i && !o->grouping) { /* still strictly rising or falling? */
                if (cmp < 0) o->rising = false;
                if (cmp > 0) o->falling = false;
                if (!o->rising && !o->falling) status = order_ids_unsorted(o);
            }
            if (status == LTV_OK && o->grouping) status = grow_runs(o, o->run_count + 1);
            if (status == LTV_OK) status = keep_id(o, id, ln->order_len);
            if (status != LTV_OK) return status;
            if (o->grouping) add_run(o, sort_key(o->hash(id, ln->order_len))); /* hashed only when sorting */
        }
    }
    if (ln->line - i > UINT32_MAX)
        return ltv__fail(LTV_ERANGE, "line %llu: more than %u lines before it are not order lines",
                         (unsigned long long)ln->line, (unsigned)UINT32_MAX);
    o->runs_of_lines |= same;
    *rec = (order){ln->amount, (uint32_t)(ln->line - i), customer, ln->day, (uint32_t)i, (uint32_t)ln->items,
                   (uint16_t)ln->status_value, (uint8_t)(ln->present | (same ? CONTINUES : 0)), ln->status_rule};
    if (o->with_money) o->money[i] = chunk->money[k];
    o->count++;
    return LTV_OK;
}

int ltv__orders_consume(ltv__orders *o, ltv_ledger *stage, const ltv__csv_chunk *chunk, char *message,
                        size_t message_len) {
    if (chunk->reserve_events) { /* only hints: the first chunk's guess of the file's rows */
        if (ltv_ledger_reserve(stage, chunk->reserve_customers, 0) != LTV_OK) ltv_clear_error();
        if (grow_orders(o, (size_t)chunk->reserve_events) != LTV_OK) ltv_clear_error();
    }
    int status = ltv__ledger_reserve_events(stage, chunk->line_count);
    if (status == LTV_OK) status = grow_orders(o, o->count + chunk->line_count);
    for (size_t start = 0; status == LTV_OK && start < chunk->line_count; start += LTV_INTERN_BATCH) {
        const size_t n = chunk->line_count - start < LTV_INTERN_BATCH ? chunk->line_count - start : LTV_INTERN_BATCH;
        const ltv__csv_line *lines = chunk->lines + start;
        ltv__id_ref keys[LTV_INTERN_BATCH];
        uint32_t got[LTV_INTERN_BATCH];
        size_t nkeys = 0, done = 0;
        for (size_t k = 0; k < n; k++)
            if (lines[k].customer_len)
                keys[nkeys++] = (ltv__id_ref){chunk->buf + lines[k].customer_at, lines[k].customer_len,
                                              lines[k].customer_hash};
        status = ltv__ledger_intern_batch(stage, keys, nkeys, got, &done);
        if (status != LTV_OK) {
            snprintf(message, message_len, "line %llu: %s", (unsigned long long)lines[0].line, ltv_last_error());
            return status;
        }
        for (size_t k = 0, key = 0; k < n && status == LTV_OK; k++) {
            const ltv__csv_line *ln = &lines[k];
            const uint32_t customer = ln->customer_len ? got[key++] : NO_CUSTOMER;
            if (ln->kind != LTV_EVENT_ORDER) { /* visits, cancels, refund rows: events of their own */
                if (customer == NO_CUSTOMER) o->passed_no_customer++;
                else ltv__ledger_append(stage, customer, ln->kind, ln->day, ln->amount, ln->items);
                continue;
            }
            status = keep_line(o, chunk, start + k, customer);
        }
    }
    if (status != LTV_OK) snprintf(message, message_len, "%s", ltv_last_error());
    return status;
}

/* ---- grouping (caller's thread, after reading) ---------------------------------------------- */

/* Sets each run's leader: the first record of the first run with the same order id. Runs are
 * sorted by 32 bits of their id's hash (sort_runs); a key held by one run only is an id of its
 * own. The runs of groups of equal keys (an id in several runs, or different ids whose keys
 * collide) are then found in one pass over the records and ids in order, and each group is
 * sorted by full hash, id and run, so that each id's first run comes first: O(g log g) however
 * many ids collide. Records that continue a run take its leader when folded. */
typedef struct member {
    uint64_t hash, at; /* at: the id in the group's copy of the ids */
    const char *id;
    uint32_t len, run, record;
} member;

static int member_order(const void *pa, const void *pb) {
    const member *a = pa, *b = pb;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    const int bytes = memcmp(a->id, b->id, a->len);
    if (bytes) return bytes;
    return (a->run > b->run) - (a->run < b->run);
}

typedef struct half {
    uint64_t *keys;
    uint32_t *runs;
    size_t n;
} half;

static int sort_half(void *context) {
    half *h = context;
    return ltv__sort_u64_pairs(h->keys, h->runs, h->n);
}

/* Sorts the runs by key on two threads: the keys are split in place by their top bit (equal
 * keys stay on one side; the order inside a group does not matter, members are sorted again),
 * then each side is radix-sorted. */
static int sort_runs(ltv__orders *o) {
    const uint64_t top = (uint64_t)1 << 31;
    size_t lo = 0, hi = o->run_count;
    while (lo < hi) {
        if (!(o->keys[lo] & top)) {
            lo++;
        } else if (o->keys[hi - 1] & top) {
            hi--;
        } else {
            const uint64_t k = o->keys[lo];
            o->keys[lo] = o->keys[hi - 1], o->keys[hi - 1] = k;
            const uint32_t r = o->runs[lo];
            o->runs[lo] = o->runs[hi - 1], o->runs[hi - 1] = r;
        }
    }
    half halves[2] = {{o->keys, o->runs, lo}, {o->keys + lo, o->runs + lo, o->run_count - lo}};
    const bool threads = ltv__thread_budget() > 1;
    int status = threads ? ltv__run_tasks(sort_half, halves, sizeof halves[0], 2) : sort_half(&halves[0]);
    if (status == LTV_OK && !threads) status = sort_half(&halves[1]);
    return status == LTV_OK ? LTV_OK : ltv__fail(LTV_ENOMEM, "out of memory for sorting %zu order ids", o->run_count);
}

/* The next group of equal keys from sorted position *a: [*a, *b). */
static bool next_group(const ltv__orders *o, size_t *a, size_t *b) {
    for (*a = *b; *a < o->run_count; *a = *b) {
        for (*b = *a + 1; *b < o->run_count && o->keys[*b] == o->keys[*a];) ++*b;
        if (*b - *a > 1) return true;
    }
    return false;
}

static int group_runs(ltv__orders *o) {
    if (o->run_count < 2) return LTV_OK;
    int status = sort_runs(o);
    if (status != LTV_OK) return status;
    size_t total = 0;
    for (size_t a = 0, b = 0; next_group(o, &a, &b);) total += b - a;
    if (total == 0) return LTV_OK;
    /* the members' runs, sorted, say which ids to pick up in the pass over the runs in order */
    uint64_t *want = ltv__malloc(total * sizeof *want);
    uint32_t *slot = ltv__malloc(total * sizeof *slot);
    member *members = ltv__malloc(total * sizeof *members);
    char *texts = NULL;
    size_t texts_len = 0, texts_capacity = 0;
    if (!want || !slot || !members) status = ltv__fail(LTV_ENOMEM, "out of memory for grouping %zu runs of order ids", total);
    for (size_t a = 0, b = 0, k = 0; status == LTV_OK && next_group(o, &a, &b);)
        for (size_t r = a; r < b; r++, k++) want[k] = o->runs[r], slot[k] = (uint32_t)k;
    if (status == LTV_OK && ltv__sort_u64_pairs(want, slot, total) != LTV_OK)
        status = ltv__fail(LTV_ENOMEM, "out of memory for grouping %zu runs of order ids", total);
    id_cursor c = {0, 0, {0}};
    for (size_t i = 0, run = 0, w = 0; status == LTV_OK && w < total && i < o->count; i++) {
        if (o->orders[i].present & CONTINUES) continue;
        next_id(o, &c);
        if (want[w] == run) {
            member *m = &members[slot[w++]];
            *m = (member){o->hash(c.id, c.len), texts_len, NULL, (uint32_t)c.len, (uint32_t)run, (uint32_t)i};
            status = append_bytes(&texts, &texts_len, &texts_capacity, c.id, c.len);
        }
        run++;
    }
    for (size_t k = 0; status == LTV_OK && k < total; k++) members[k].id = texts + members[k].at;
    for (size_t a = 0, b = 0, k = 0; status == LTV_OK && next_group(o, &a, &b); k += b - a) {
        member *g = members + k;
        const size_t n = b - a;
        qsort(g, n, sizeof *g, member_order);
        for (size_t r = 1, first = 0; r < n; r++) {
            const member *x = &g[first], *y = &g[r];
            if (x->hash != y->hash || x->len != y->len || memcmp(x->id, y->id, x->len) != 0) {
                first = r; /* another id: its first run leads it */
                continue;
            }
            o->orders[y->record].link = x->record;
        }
    }
    ltv__free(want);
    ltv__free(slot);
    ltv__free(members);
    ltv__free(texts);
    return status;
}

/* Rejects a line that disagrees with its order, naming the column and both values. */
static int conflict(ltv__orders *o, const order *ln, const order *ord, const char *id, size_t id_len, int column,
                    const char *mine, const char *theirs) {
    char message[MESSAGE_MAX];
    const int at = o->layout.column_of[column];
    snprintf(message, sizeof message, "line %llu, column %d: %s '%.*s' of order '%.*s' differs from '%.*s' on line %llu",
             (unsigned long long)first_line(o, ln), at + 1, o->layout.names[column], SHOWN, mine,
             (int)(id_len > SHOWN ? SHOWN : id_len), id, SHOWN, theirs, (unsigned long long)first_line(o, ord));
    o->lines_rejected_late++;
    int status = ltv__report_reject(o->late, o->opts->max_errors, first_line(o, ln), (uint32_t)(at + 1),
                                    LTV_ROW_ORDER_CONFLICT, message);
    if (status == LTV_OK && o->opts->strict) status = ltv__fail(LTV_EPARSE, "%s (strict mode)", message);
    return status;
}

static void money_text(int64_t v, char *buf, size_t len) { snprintf(buf, len, "%lld", (long long)v); }

/* Checks the order-level values of line j against its order i; -1 if they agree, else the
 * column that disagrees with the two values written out. */
static int disagreement(const ltv__orders *o, const ltv_ledger *stage, size_t i, size_t j, char *mine, char *theirs,
                        size_t len) {
    const order *ord = &o->orders[i], *ln = &o->orders[j];
    if (ln->customer != NO_CUSTOMER && ord->customer != NO_CUSTOMER && ln->customer != ord->customer) {
        size_t n;
        const char *a = ltv__customer_id(stage, ln->customer, &n);
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
    const order_money *m = &o->money[i], *lm = &o->money[j];
    const struct {
        int bit, column;
        int64_t a, b;
    } values[] = {{LTV__HAS_TOTAL, LTV_CSV_ORDER_TOTAL, lm->total, m->total},
                  {LTV__HAS_SHIPPING, LTV_CSV_SHIPPING, lm->shipping, m->shipping},
                  {LTV__HAS_DISCOUNT, LTV_CSV_DISCOUNT, lm->discount, m->discount},
                  {LTV__HAS_REFUND, LTV_CSV_REFUND_AMOUNT, lm->refund, m->refund}};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
        if ((ln->present & ord->present & values[k].bit) && values[k].a != values[k].b) {
            money_text(values[k].a, mine, len);
            money_text(values[k].b, theirs, len);
            return values[k].column;
        }
    return -1;
}

/* Adds line j to its order i: the values the order did not have yet, the amount and items. */
static void order_add(ltv__orders *o, size_t i, size_t j) {
    order *ord = &o->orders[i];
    const order *ln = &o->orders[j];
    if (ord->customer == NO_CUSTOMER) ord->customer = ln->customer;
    if ((ln->present & LTV__HAS_DAY) && !(ord->present & LTV__HAS_DAY)) ord->day = ln->day;
    if ((ln->present & LTV__HAS_STATUS) && !(ord->present & LTV__HAS_STATUS)) {
        ord->status_rule = ln->status_rule;
        ord->status_value = ln->status_value;
    }
    if (o->with_money) {
        order_money *m = &o->money[i];
        const order_money *lm = &o->money[j];
        const unsigned fresh = (unsigned)(ln->present & ~ord->present);
        if (fresh & LTV__HAS_TOTAL) m->total = lm->total;
        if (fresh & LTV__HAS_SHIPPING) m->shipping = lm->shipping;
        if (fresh & LTV__HAS_DISCOUNT) m->discount = lm->discount;
        if (fresh & LTV__HAS_REFUND) m->refund = lm->refund;
    }
    ord->present |= (uint8_t)(ln->present & ~CONTINUES);
    ord->amount += ln->amount; /* bounded: the parser's money guard covers every value */
    ord->items = ln->items > UINT32_MAX - ord->items ? UINT32_MAX : ord->items + ln->items;
    ord->link++; /* the order's lines, since its first line was folded */
}

/* Folds every line into the record of its order's first line, in file order: each line meets
 * its order as a line-by-line reading would, and one that disagrees is rejected. */
static int fold_lines(ltv__orders *o, const ltv_ledger *stage, size_t *out_orders) {
    uint32_t leader = 0;
    id_cursor run = {0, 0, {0}}; /* the run's order id */
    *out_orders = 0;
    for (size_t j = 0; j < o->count; j++) {
        order *ln = &o->orders[j];
        if (!(ln->present & CONTINUES)) { /* a run's other lines follow its first */
            leader = ln->link;
            if (o->by_id) next_id(o, &run);
        }
        if (leader == j) { /* the order's first line: the order starts as it */
            ln->link = 1;
            ++*out_orders;
            continue;
        }
        char mine[SHOWN + 1], theirs[SHOWN + 1];
        const int column = disagreement(o, stage, leader, j, mine, theirs, sizeof mine);
        if (column >= 0) {
            int status = conflict(o, ln, &o->orders[leader], run.id, run.len, column, mine, theirs);
            ln->link = 0;
            if (status != LTV_OK) return status;
            continue;
        }
        order_add(o, leader, j);
        ln->link = 0;
    }
    o->folded = true;
    return LTV_OK;
}

/* ---- settling (caller's thread) ------------------------------------------------------------- */

/* Rejects every line of an order with one message on its first line. */
static int reject_order(ltv__orders *o, ltv_load_report *report, const order *ord, uint32_t lines, int column,
                        int reason, const char *why) {
    char message[MESSAGE_MAX];
    const int at = column >= 0 ? o->layout.column_of[column] + 1 : 0;
    const unsigned long long line = first_line(o, ord);
    if (at) snprintf(message, sizeof message, "line %llu, column %d: %s (%u line%s rejected)", line, at, why, lines,
                     lines == 1 ? "" : "s");
    else snprintf(message, sizeof message, "line %llu: %s (%u line%s rejected)", line, why, lines, lines == 1 ? "" : "s");
    report->rows_taken -= lines;
    int status = ltv__report_reject_rows(o->late, o->opts->max_errors, lines, line, (uint32_t)at, reason, message);
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

int ltv__orders_finish(ltv__orders *o, ltv_ledger *stage, ltv_load_report *report) {
    int status = o->grouping ? group_runs(o) : LTV_OK;
    release_runs(o);
    size_t orders = o->count; /* every line an order of its own, unless lines share an id */
    if (status == LTV_OK && (o->grouping || o->runs_of_lines)) status = fold_lines(o, stage, &orders);
    if (status != LTV_OK) return status;
    report->rows_taken -= o->lines_rejected_late;
    report->rows_taken -= o->passed_no_customer;
    report->rows_excluded += o->passed_no_customer;
    report->rows_no_customer += o->passed_no_customer;
    const bool merge_days = o->opts->occasions != 0;
    occasions oc = {0};
    status = merge_days ? occasions_init(&oc, orders) : LTV_OK;
    if (status == LTV_OK) status = ltv__ledger_reserve_events(stage, orders);
    char why[240];
    for (size_t i = 0; status == LTV_OK && i < o->count; i++) {
        const order *ord = &o->orders[i];
        const uint32_t lines = o->folded ? ord->link : 1;
        if (lines == 0) continue; /* folded into its order, or rejected */
        if ((ord->present & LTV__HAS_STATUS) && ord->status_rule == LTV_STATUS_EXCLUDED) {
            report->rows_taken -= lines;
            status = ltv__report_exclude(report, o->status_values[ord->status_value], lines);
            continue;
        }
        if (!(ord->present & LTV__HAS_DAY)) {
            status = reject_order(o, report, ord, lines, LTV_CSV_ORDER_DATE, LTV_ROW_BAD_ORDER,
                                  "no line of the order has a date");
            continue;
        }
        int64_t amount, refund;
        int column = -1;
        if (!order_values(o, i, &amount, &refund, &column, why, sizeof why)) {
            status = reject_order(o, report, ord, lines, column, LTV_ROW_BAD_ORDER, why);
            continue;
        }
        if (ord->customer == NO_CUSTOMER) {
            if (o->opts->guests == LTV_CSV_GUESTS_AS_IDS) {
                status = reject_order(o, report, ord, lines, LTV_CSV_CUSTOMER_ID, LTV_ROW_EMPTY_ID,
                                      "no line of the order has a customer id");
                continue;
            }
            report->rows_taken -= lines;
            report->rows_excluded += lines;
            report->rows_no_customer += lines;
            report->no_customer_orders++;
            report->no_customer_amount += amount - refund;
            continue;
        }
        report->orders++;
        report->order_lines += lines;
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
