/*
 * The ledger's storage, shared by the library's modules that scan it (facts, segmentation,
 * planner). Nothing here is exported.
 *
 * Layout. Customers are dense indices 0..n-1 in first-seen order. Their ids live in one
 * byte arena (NUL-terminated, so a borrowed id is a C string) found through an open-
 * addressing hash table of (index, hash) slots. Events are added to a "pending" store in
 * arrival order; ltv__ledger_prepare() moves them into the "organized" store grouped by
 * customer (CSR: customer c owns events ev_start[c] .. ev_start[c+1]) and sorted into the
 * canonical order (day, kind, amount, items). Scans then read each customer's events
 * sequentially, which is what makes segmentation one cache-friendly pass.
 */
#ifndef LTVCRM_LEDGER_INTERNAL_H
#define LTVCRM_LEDGER_INTERNAL_H

#include "ltvcrm/ledger.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "internal.h"

/* First-version sizes of the result structs (see LTV__SIZE_THROUGH): fields of 1.0.0 end here. */
#define LTV__CUSTOMER_FACTS_V1_SIZE LTV__SIZE_THROUGH(ltv_customer_facts, cancel_day)
#define LTV__LEDGER_SUMMARY_V1_SIZE LTV__SIZE_THROUGH(ltv_ledger_summary, last_day)

#define LTV_CUSTOMERS_MAX (UINT32_MAX - 1u)
#define LTV_SLOT_EMPTY UINT32_MAX

/* A customer's id in 16 bytes: ids of up to LTV_ID_INLINE bytes sit in the record itself
 * (NUL-terminated), so that checking a hash hit costs one cache line at a place computed from
 * the index; longer ids live in the long-id arena and the record holds their offset. */
#define LTV_ID_INLINE 14
#define LTV_ID_LONG 0xFF
typedef struct ltv__id_record {
    uint8_t len; /* 0..LTV_ID_INLINE, or LTV_ID_LONG */
    char bytes[15];
} ltv__id_record;

/* Where customer c's id is and how long it is. */
static inline const char *ltv__customer_id(const struct ltv_ledger *ledger, uint32_t c, size_t *len);

typedef struct ltv__slot {
    uint32_t index; /* customer index, LTV_SLOT_EMPTY if free */
    uint32_t hash;  /* low 32 bits of the id's hash */
} ltv__slot;

/* One event in 16 bytes: a run of a customer's events is read as one sequential stream and
 * organizing writes one record per event instead of one per column. Items (at most
 * LTV_ITEMS_MAX < 2^24) share a word with the kind. */
typedef struct ltv__event {
    int32_t day;
    uint32_t items_kind; /* items | kind << 24 */
    int64_t amount;
} ltv__event;

#define LTV_EVENT_KIND_SHIFT 24
static inline uint8_t ltv__event_kind(const ltv__event *e) { return (uint8_t)(e->items_kind >> LTV_EVENT_KIND_SHIFT); }
static inline int32_t ltv__event_items(const ltv__event *e) {
    return (int32_t)(e->items_kind & ((1u << LTV_EVENT_KIND_SHIFT) - 1));
}
static inline ltv__event ltv__event_make(uint8_t kind, int32_t day, int64_t amount, int32_t items) {
    return (ltv__event){day, (uint32_t)items | (uint32_t)kind << LTV_EVENT_KIND_SHIFT, amount};
}

/* A set of events (pending or organized). Each array remembers its own allocated size, so
 * that a growth that fails half-way leaves both freeable. */
typedef struct ltv__event_store {
    size_t count, capacity; /* events used; events both arrays can hold */
    ltv__event *events;
    uint32_t *customer; /* pending only: owner of each event */
    size_t events_bytes, customer_bytes;
} ltv__event_store;

/* Grows (or allocates) the store to hold `rows` events; the customer array only if
 * `with_customer`. On failure the store keeps its data and stays consistent. */
int ltv__store_reserve(ltv__event_store *store, size_t rows, bool with_customer);
void ltv__store_free(ltv__event_store *store);

/* What the snapshot file a ledger was opened from (or last saved to by
 * ltv_ledger_save_increment) holds, so that the next incremental save writes only the rest:
 * the file has the first `customers` customers and every event except those in `unsaved`
 * and those of `pending` from index `pending_saved` on. Organizing empties `pending`, so it
 * first copies the events the file lacks into `unsaved` (prepare.c). All zero (inactive)
 * for every other ledger. */
typedef struct ltv__snap_origin {
    bool active;
    uint64_t device, inode;      /* the file (a rewrite or a compaction makes a new one) */
    uint64_t sequence;           /* its newest commit, as this ledger knows it */
    uint64_t committed_bytes;    /* where that commit ends */
    uint64_t base_bytes;         /* where the base ends */
    uint64_t increments, increment_bytes; /* after the base, up to committed_bytes */
    uint32_t customers;          /* customers the file holds: indexes 0..customers-1 */
    size_t pending_saved;        /* leading pending events the file holds */
    ltv__event_store unsaved;    /* events the file lacks that organizing took out of pending */
} ltv__snap_origin;

struct ltv_ledger {
    /* customers */
    uint32_t customer_count, customer_capacity;
    ltv__id_record *ids;   /* customer_capacity records, one per customer */
    char *long_ids;       /* ids too long for a record: 4-byte length, bytes, NUL */
    size_t long_ids_len, long_ids_capacity;
    ltv__slot *slots;
    size_t slot_capacity; /* power of two */

    /* events */
    ltv__event_store pending;
    ltv__event_store organized;
    uint64_t *ev_start; /* organized_customers + 1 entries */
    size_t ev_start_bytes;
    uint32_t organized_customers;

    /* running totals over every event, whatever its day */
    uint64_t orders;
    uint64_t visits; /* visit events, for the membership-activity default */
    int64_t revenue;
    uint64_t abs_money; /* sum of |amount|: bounds every partial sum, so none can overflow */
    int32_t min_day, max_day;

    /* lazy preparation for concurrent readers */
    pthread_mutex_t prepare_lock;
    atomic_bool prepared;

    /* A ledger opened from a snapshot reads its id records, long ids, slots, run starts and
     * organized events in place from the snapshot's bytes (a read-only file mapping or a
     * private copy), which `backing_release` frees with the ledger. Arrays inside the
     * backing are never written or freed: the first change to the customers copies the
     * customer arrays (ltv__ledger_own_customers), organizing replaces the event arrays. */
    void *backing;
    size_t backing_bytes;
    void (*backing_release)(void *backing, size_t bytes);
    /* May be NULL. Told when an array inside the backing is no longer read (copied out, or
     * replaced by organizing): a file mapping gives those pages back (they would read the
     * same bytes from the file again), so an opened ledger that grew does not hold both. */
    void (*backing_drop)(const void *ptr, size_t bytes);

    ltv__snap_origin origin; /* the snapshot file it tracks, if any (lib/snapshot) */
};

/* True if ptr points into the ledger's snapshot backing (and must not be written or freed). */
static inline bool ltv__ledger_borrowed(const struct ltv_ledger *ledger, const void *ptr) {
    const char *p = ptr, *base = ledger->backing;
    return base && p >= base && p < base + ledger->backing_bytes;
}

/* Copies the customer arrays (id records, long ids, slots) out of the snapshot backing so
 * that they can grow and be written; a no-op when they are the ledger's own already. */
int ltv__ledger_own_customers(struct ltv_ledger *ledger);

/* Frees the organized events and run starts (unless borrowed from the backing). */
void ltv__ledger_release_organized(struct ltv_ledger *ledger);

static inline const char *ltv__customer_id(const struct ltv_ledger *ledger, uint32_t c, size_t *len) {
    const ltv__id_record *rec = &ledger->ids[c];
    if (rec->len != LTV_ID_LONG) {
        *len = rec->len;
        return rec->bytes;
    }
    uint64_t offset;
    uint32_t long_len;
    memcpy(&offset, rec->bytes + 7, sizeof offset);
    memcpy(&long_len, ledger->long_ids + offset, sizeof long_len);
    *len = long_len;
    return ledger->long_ids + offset + sizeof long_len;
}

/* Organizes pending events (idempotent, thread-safe against other preparers/readers). */
int ltv__ledger_prepare(const ltv_ledger *ledger);

/* Events of customer c in the organized store, after preparation. */
static inline size_t ltv__ledger_first_event(const ltv_ledger *ledger, uint32_t c) {
    return (size_t)ledger->ev_start[c];
}
static inline size_t ltv__ledger_end_event(const ltv_ledger *ledger, uint32_t c) {
    return (size_t)ledger->ev_start[c + 1];
}

/* Facts as of a day of the run of events ev[begin..end) (one customer's, sorted). Inline: the
 * scans over every customer (segmentation, health check) keep the facts in registers and drop
 * the fields they do not read; a scan that stores into columns may hold the event array and
 * the run starts in locals, which such stores cannot alias. */
static inline void ltv__facts_of_run(const ltv__event *ev, size_t begin, size_t end, int32_t as_of_day,
                                     ltv_customer_facts *f) {
    const int32_t year_start = as_of_day - 365;
    int32_t orders = 0, refunds = 0, visits = 0, year_orders = 0, year_visits = 0, order_days = 0;
    int32_t first = LTV_NO_DAY, second = LTV_NO_DAY, last = LTV_NO_DAY, first_event = LTV_NO_DAY, cancel = LTV_NO_DAY,
            last_visit = LTV_NO_DAY;
    int64_t amount = 0, items = 0, year_amount = 0, refund_amount = 0;
    for (size_t e = begin; e < end; e++) {
        const ltv__event event = ev[e];
        const int32_t day = event.day;
        if (day >= as_of_day) break; /* runs are sorted by day */
        if (first_event == LTV_NO_DAY) first_event = day;
        const bool in_year = day >= year_start;
        switch (ltv__event_kind(&event)) {
        case LTV_EVENT_ORDER:
            order_days += day != last; /* events are sorted by day */
            orders++;
            if (orders == 1) first = day;
            else if (orders == 2) second = day;
            last = day;
            amount += event.amount;
            items += ltv__event_items(&event);
            year_orders += in_year;
            year_amount += in_year ? event.amount : 0;
            break;
        case LTV_EVENT_REFUND:
            refunds++;
            amount += event.amount;
            refund_amount -= event.amount;
            year_amount += in_year ? event.amount : 0;
            break;
        case LTV_EVENT_VISIT:
            visits++;
            year_visits += in_year;
            last_visit = day;
            break;
        default:
            if (cancel == LTV_NO_DAY) cancel = day;
            break;
        }
    }
    f->first_order_day = first;
    f->second_order_day = second;
    f->last_order_day = last;
    f->orders = orders;
    f->amount = amount;
    f->items = items;
    f->tenure_days = orders ? last - first : -1;
    f->recency_days = orders ? as_of_day - last : -1;
    f->year_orders = year_orders;
    f->refunds = refunds;
    f->year_amount = year_amount;
    f->refund_amount = refund_amount;
    f->visits = visits;
    f->year_visits = year_visits;
    f->first_event_day = first_event;
    f->cancel_day = cancel;
    f->last_visit_day = last_visit;
    f->order_days = order_days;
}

/* Facts of customer c as of a day, from the organized store (ledger prepared). */
static inline void ltv__facts_compute(const ltv_ledger *ledger, uint32_t c, int32_t as_of_day, ltv_customer_facts *f) {
    ltv__facts_of_run(ledger->organized.events, ltv__ledger_first_event(ledger, c), ltv__ledger_end_event(ledger, c),
                      as_of_day, f);
}

/* Hash of a customer id (also used by the loader to hash while parsing). */
uint64_t ltv__id_hash(const char *id, size_t len);

/* Index of the customer with this id, inserting it if new. Returns LTV_OK or LTV_ENOMEM /
 * LTV_ERANGE with the message set. The id must already be validated (1..LTV_ID_MAX bytes). */
int ltv__ledger_intern(ltv_ledger *ledger, const char *id, size_t len, uint64_t hash, uint32_t *out_index);

/* Interns a batch of up to LTV_INTERN_BATCH ids at once. The probes of the whole batch are
 * issued as prefetches in stages (slot, then id offset, then id bytes) so that their cache
 * misses overlap instead of being paid one after another; on tens of millions of customers
 * that is the difference between DRAM latency and DRAM bandwidth per row. Resolution is in
 * order, so first-seen order and duplicates inside a batch behave exactly as with
 * ltv__ledger_intern(). On failure (LTV_ENOMEM, LTV_ERANGE) ids before the failing one are
 * interned and *out_done says how many. */
#define LTV_INTERN_BATCH 32
typedef struct ltv__id_ref {
    const char *id;
    uint32_t len;
    uint64_t hash;
} ltv__id_ref;
int ltv__ledger_intern_batch(ltv_ledger *ledger, const ltv__id_ref *ids, size_t n, uint32_t *out_index,
                             size_t *out_done);

/* Appends one already validated event (kind/day/amount/items in bounds, refunds negative).
 * Capacity must have been reserved with ltv__ledger_reserve_events(). */
void ltv__ledger_append(ltv_ledger *ledger, uint32_t customer, uint8_t kind, int32_t day, int64_t amount,
                        int32_t items);
int ltv__ledger_reserve_events(ltv_ledger *ledger, size_t more);

/* Validates a customer id (1..LTV_ID_MAX bytes of UTF-8); on failure the message starts
 * with `where`. */
int ltv__id_check(const char *where, const char *id, size_t len);

/* Validates one event and normalizes its amount (refunds stored negative). On failure sets
 * the message, prefixed by `where` (e.g. "row 17"), and returns the status. */
int ltv__event_check(const char *where, int kind, int32_t day, int64_t *amount, int32_t *items);

/* Money guard: adds |amount| of the events to come; fails with LTV_EOVERFLOW if the ledger's
 * money could no longer be summed in 64 bits. */
int ltv__ledger_check_money(const ltv_ledger *ledger, uint64_t more_abs_money);

/* ---- customer tables (customers.c) ---- */
typedef struct ltv__customer_row {
    int32_t orders, last_order_day, recency_days; /* one of the last two: LTV_NO_DAY / -1 */
    int64_t revenue;
} ltv__customer_row;

struct ltv_customer_table {
    ltv_ledger *ids; /* the customers' ids and indices: a ledger without events */
    ltv__customer_row *rows;
    size_t count, capacity;
    uint64_t abs_money; /* sum of |revenue|: every sum of revenue fits in 64 bits */
};

/* Appends a customer (id validated, row checked); *out_duplicate when the id is in the table
 * already (nothing added). LTV_EOVERFLOW when the revenue would break the money guard. */
int ltv__customer_table_append(ltv_customer_table *table, const char *id, size_t id_len, uint64_t hash,
                               const ltv__customer_row *row, bool *out_duplicate);
/* Moves every customer of `staged` (none of them in `table`) to the end of `table`. */
int ltv__customer_table_take(ltv_customer_table *table, ltv_customer_table *staged);
/* The facts aggregates give as of a day: orders, amount, last order and recency; no history. */
void ltv__customer_table_facts(const ltv_customer_table *table, uint32_t c, int32_t as_of_day,
                               ltv_customer_facts *out);
/* LTV_ERANGE (naming the customer) if a last order is not before the as-of day. */
int ltv__customer_table_check_as_of(const ltv_customer_table *table, int32_t as_of_day);

/* Moves everything out of src into an empty dst (dst's storage is released first). */
void ltv__ledger_move(ltv_ledger *dst, ltv_ledger *src);

/* Undo helper for batch adds: forget customers >= customer_count and pending events >=
 * pending_count, restoring the totals saved in `saved`. */
typedef struct ltv__ledger_savepoint {
    uint32_t customer_count;
    size_t long_ids_len;
    size_t pending_count;
    uint64_t orders, abs_money, visits;
    int64_t revenue;
    int32_t min_day, max_day;
} ltv__ledger_savepoint;
void ltv__ledger_mark(const ltv_ledger *ledger, ltv__ledger_savepoint *mark);
void ltv__ledger_rollback(ltv_ledger *ledger, const ltv__ledger_savepoint *mark);

#endif
