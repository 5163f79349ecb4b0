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

    /* Opened with LTV_OPEN_CHECK_ON_USE: the checks not run yet (checked.c); else NULL. Set
     * before the ledger is handed out, freed with it. */
    struct ltv__deferred_checks *deferred;
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

/* Checks what a deferred open left unchecked (checked.c), then organizes pending events
 * (idempotent, thread-safe against other preparers/readers). */
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

/* ---- checks of a snapshot deferred to first use (checked.c) ------------------------------
 * A ledger opened with LTV_OPEN_CHECK_ON_USE points into a mapping whose header, table and
 * META were checked, but not the checksums and structure of its arrays: `deferred` names the
 * parts still unchecked. Every path that reads a part calls ltv__ledger_checked() first (the
 * lookups: ltv_ledger_find, ltv_ledger_customer_id; a change to the customers checks every
 * part; everything else: ltv__ledger_prepare), which runs the open's own checks once per part.
 * A scan that reads every event anyway (the segmentation's first pass) may check the events
 * itself while it reads them (ltv__ledger_prepare_scan) and report with
 * ltv__ledger_events_checked(). */
#define LTV__PART_IDS 1u    /* ID_RECORDS, LONG_IDS, SLOTS */
#define LTV__PART_EVENTS 2u /* RUN_STARTS, EVENTS and META's totals */
#define LTV__PARTS_ALL 3u

/* What the events add up to; checked against META once all of them were read. */
typedef struct ltv__event_totals {
    uint64_t orders, visits, abs_money;
    int64_t revenue;
    int32_t min_day, max_day;
} ltv__event_totals;

/* One array of the mapping to hash and compare (a section of the file). */
typedef struct ltv__unchecked_array {
    const void *bytes;
    size_t len;
    uint64_t checksum;
    const char *name;
} ltv__unchecked_array;

typedef struct ltv__deferred_checks {
    pthread_mutex_t lock;
    atomic_uint unchecked; /* LTV__PART_* bits */
    int failed;            /* status of the check that failed (then kept for every later caller) */
    char message[1024];
    const char *source; /* the file's path, named in every failure; NULL for none */
    /* the open's checks of some parts: LTV_OK, or LTV_EFORMAT with the message set */
    int (*check)(const struct ltv_ledger *ledger, unsigned parts);
    ltv__unchecked_array events_arrays[2]; /* RUN_STARTS, EVENTS */
    ltv__event_totals expected;            /* META's */
} ltv__deferred_checks;

/* LTV_OK once `parts` are checked (at once when the ledger was not opened with deferred
 * checks), else the failure of their check, the same for every caller. Thread-safe. */
int ltv__ledger_check_parts(const struct ltv_ledger *ledger, unsigned parts);
static inline int ltv__ledger_checked(const struct ltv_ledger *ledger, unsigned parts) {
    const ltv__deferred_checks *d = ledger->deferred;
    if (LTV_LIKELY(d == NULL)) return LTV_OK;
    if ((atomic_load_explicit(&d->unchecked, memory_order_acquire) & parts) == 0) return LTV_OK;
    return ltv__ledger_check_parts(ledger, parts);
}

/* Prepares the ledger for a scan that reads events only (no ids). *out_check_events is set
 * when the events are still unchecked: the caller then checks every run with
 * ltv__event_run_check() while reading it, hashes events_arrays, and reports both with
 * ltv__ledger_events_checked() before it uses anything it computed. */
int ltv__ledger_prepare_scan(const struct ltv_ledger *ledger, bool *out_check_events);
/* Reports a checking scan: `scan_status` (LTV_OK, or the failure of a run's check), the
 * totals of every run and the checksums of events_arrays. LTV_OK marks the events checked;
 * a checksum mismatch is reported before the scan's own failure. */
int ltv__ledger_events_checked(const struct ltv_ledger *ledger, int scan_status, const ltv__event_totals *found,
                               const uint64_t sums[2]);
/* The checks that close a walk over every run of an unchecked snapshot, the open's and a
 * checking scan's alike: the runs cover events 0..`events` of `customers` (their `starts`),
 * and the totals found are META's (`want`; the visits only `with_visits`). */
int ltv__event_walk_matches(const uint64_t *starts, uint64_t customers, uint64_t events, const ltv__event_totals *found,
                            const ltv__event_totals *want, bool with_visits);
/* *out_unchecked: the events still await their check (and no earlier check failed). */
int ltv__ledger_events_unchecked(const struct ltv_ledger *ledger, bool *out_unchecked);
void ltv__deferred_free(ltv__deferred_checks *d);

int ltv__bad_event(uint64_t c, uint64_t e, const char *what);

/* The canonical order of a customer's events: day, kind, amount, items. A total order on
 * what an event says, so the order in which events arrived never shows: -1, 0 or 1. The
 * organizing sorts by it (prepare.c); a snapshot's runs are checked against it. */
static inline int ltv__event_compare(const ltv__event *a, const ltv__event *b) {
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    const uint8_t ka = ltv__event_kind(a), kb = ltv__event_kind(b);
    if (ka != kb) return ka < kb ? -1 : 1;
    if (a->amount != b->amount) return a->amount < b->amount ? -1 : 1;
    const int32_t ia = ltv__event_items(a), ib = ltv__event_items(b);
    return ia == ib ? 0 : ia < ib ? -1 : 1;
}

static inline bool ltv__event_in_order(const ltv__event *a, const ltv__event *b) { return ltv__event_compare(a, b) <= 0; }

/* Checks customer c's run of an unchecked snapshot, events[first..end) of `count`, and adds
 * it to *t: the run in range, every event's day, kind, amount and items valid, the events in
 * the canonical order, the sum of |amount| within 63 bits. LTV_OK, or LTV_EFORMAT naming the
 * customer and event. Inline: the open's checks and the segmentation's first pass run it
 * for every customer, with the totals in registers. */
static inline int ltv__event_run_check(const ltv__event *events, uint64_t count, uint64_t c, uint64_t first,
                                       uint64_t end, ltv__event_totals *t) {
    if (first > end || end > count || end - first > INT32_MAX)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section RUN_STARTS: customer %llu's events %llu..%llu are out of range",
                         (unsigned long long)c, (unsigned long long)first, (unsigned long long)end);
    for (uint64_t e = first; e < end; e++) {
        const ltv__event *ev = &events[e];
        const unsigned kind = ev->items_kind >> LTV_EVENT_KIND_SHIFT;
        const int32_t items = ltv__event_items(ev);
        if (ev->day < LTV_DAY_MIN || ev->day > LTV_DAY_MAX) return ltv__bad_event(c, e, "has a day out of range");
        switch (kind) {
        case LTV_EVENT_ORDER:
            if (ev->amount < 0 || items > LTV_ITEMS_MAX)
                return ltv__bad_event(c, e, "is an order with a negative amount or too many items");
            t->orders++;
            break;
        case LTV_EVENT_REFUND:
            if (ev->amount > 0 || ev->amount == INT64_MIN || items > LTV_ITEMS_MAX)
                return ltv__bad_event(c, e, "is a refund with a positive amount or too many items");
            break;
        case LTV_EVENT_VISIT:
            t->visits++;
            if (ev->amount != 0 || items != 0) return ltv__bad_event(c, e, "is a visit or cancel that carries money or items");
            break;
        case LTV_EVENT_CANCEL:
            if (ev->amount != 0 || items != 0) return ltv__bad_event(c, e, "is a visit or cancel that carries money or items");
            break;
        default: return ltv__bad_event(c, e, "has an unknown kind");
        }
        if (e > first && !ltv__event_in_order(&ev[-1], ev)) return ltv__bad_event(c, e, "is out of the canonical order");
        const uint64_t magnitude = ev->amount < 0 ? (uint64_t)-ev->amount : (uint64_t)ev->amount;
        if (magnitude > (uint64_t)INT64_MAX - t->abs_money) return ltv__bad_event(c, e, "makes the amounts overflow");
        t->abs_money += magnitude;
        t->revenue += ev->amount;
    }
    if (end > first) { /* runs are sorted by day: their ends bound the range */
        if (t->min_day == LTV_NO_DAY || events[first].day < t->min_day) t->min_day = events[first].day;
        if (t->max_day == LTV_NO_DAY || events[end - 1].day > t->max_day) t->max_day = events[end - 1].day;
    }
    return LTV_OK;
}

/* Adds the totals of one part of the customers to those of the others (false: the sum of
 * |amount| overflows, which no single part showed). */
static inline bool ltv__event_totals_add(ltv__event_totals *sum, const ltv__event_totals *part) {
    if (part->abs_money > (uint64_t)INT64_MAX - sum->abs_money) return false;
    sum->orders += part->orders;
    sum->visits += part->visits;
    sum->abs_money += part->abs_money;
    sum->revenue += part->revenue;
    if (part->min_day != LTV_NO_DAY && (sum->min_day == LTV_NO_DAY || part->min_day < sum->min_day))
        sum->min_day = part->min_day;
    if (part->max_day != LTV_NO_DAY && (sum->max_day == LTV_NO_DAY || part->max_day > sum->max_day))
        sum->max_day = part->max_day;
    return true;
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
