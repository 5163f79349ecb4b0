/* The ledger's customers (id arena + hash table), event appends and running totals. */
#include <stdlib.h>
#include <string.h>

#include "ledger_internal.h"

/* The hash table grows past this share of used slots (linear probing stays short). */
#define MAX_LOAD_NUM 7
#define MAX_LOAD_DEN 10
#define MIN_SLOTS 64u

uint64_t ltv__id_hash(const char *id, size_t len) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
    while (len >= 8) {
        uint64_t word;
        memcpy(&word, id, 8);
        h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
        id += 8;
        len -= 8;
    }
    if (len) {
        uint64_t word = 0;
        memcpy(&word, id, len);
        h = (h ^ word) * 0x94d049bb133111ebull;
        h ^= h >> 31;
    }
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

int ltv_ledger_new(ltv_ledger **out) {
    LTV_REQUIRE(out, "ltv_ledger_new");
    *out = NULL;
    ltv_ledger *ledger = ltv__calloc(1, sizeof *ledger);
    if (!ledger) return ltv__fail(LTV_ENOMEM, "ltv_ledger_new: out of memory");
    if (pthread_mutex_init(&ledger->prepare_lock, NULL) != 0) {
        ltv__free(ledger);
        return ltv__fail(LTV_ENOMEM, "ltv_ledger_new: cannot create a mutex");
    }
    ledger->min_day = LTV_NO_DAY;
    ledger->max_day = LTV_NO_DAY;
    atomic_init(&ledger->prepared, true);
    *out = ledger;
    return LTV_OK;
}

static int grow_column(void **column, size_t *bytes, size_t wanted) {
    if (*bytes >= wanted) return LTV_OK;
    void *fresh = ltv__big_realloc(*column, *bytes, wanted);
    if (!fresh) return LTV_ENOMEM;
    *column = fresh;
    *bytes = wanted;
    return LTV_OK;
}

int ltv__store_reserve(ltv__event_store *store, size_t rows, bool with_customer) {
    if (rows <= store->capacity) return LTV_OK;
    void *ptr = store->events;
    int status = grow_column(&ptr, &store->events_bytes, rows * sizeof *store->events);
    store->events = ptr;
    if (status == LTV_OK && with_customer) {
        ptr = store->customer;
        status = grow_column(&ptr, &store->customer_bytes, rows * sizeof *store->customer);
        store->customer = ptr;
    }
    if (status != LTV_OK) return ltv__fail(LTV_ENOMEM, "ledger: out of memory for %zu events", rows);
    store->capacity = rows;
    return LTV_OK;
}

void ltv__store_free(ltv__event_store *store) {
    ltv__big_free(store->events, store->events_bytes);
    ltv__big_free(store->customer, store->customer_bytes);
    memset(store, 0, sizeof *store);
}

/* Frees one of the ledger's large arrays; one that lies in the snapshot backing is handed
 * back to it instead (its pages, for a file mapping). */
static void free_array(const ltv_ledger *ledger, void *ptr, size_t bytes) {
    if (!ltv__ledger_borrowed(ledger, ptr)) ltv__big_free(ptr, bytes);
    else if (ledger->backing_drop) ledger->backing_drop(ptr, bytes);
}

void ltv__ledger_release_organized(ltv_ledger *ledger) {
    free_array(ledger, ledger->organized.events, ledger->organized.events_bytes);
    free_array(ledger, ledger->ev_start, ledger->ev_start_bytes);
    memset(&ledger->organized, 0, sizeof ledger->organized);
    ledger->ev_start = NULL;
    ledger->ev_start_bytes = 0;
}

static void release_storage(ltv_ledger *ledger) {
    free_array(ledger, ledger->ids, (size_t)ledger->customer_capacity * sizeof *ledger->ids);
    free_array(ledger, ledger->long_ids, ledger->long_ids_capacity);
    free_array(ledger, ledger->slots, ledger->slot_capacity * sizeof *ledger->slots);
    ltv__store_free(&ledger->pending);
    ltv__store_free(&ledger->origin.unsaved);
    memset(&ledger->origin, 0, sizeof ledger->origin);
    ltv__ledger_release_organized(ledger);
    ltv__deferred_free(ledger->deferred);
    ledger->deferred = NULL;
    if (ledger->backing && ledger->backing_release) ledger->backing_release(ledger->backing, ledger->backing_bytes);
    ledger->backing = NULL;
    ledger->backing_bytes = 0;
}

/* A private, writable copy of a borrowed array of `used` bytes, `capacity` bytes large. */
static void *own_copy(const ltv_ledger *ledger, void *ptr, size_t used, size_t capacity) {
    if (!ptr || !ltv__ledger_borrowed(ledger, ptr)) return ptr;
    void *fresh = ltv__big_alloc(capacity ? capacity : 1);
    if (fresh && used) memcpy(fresh, ptr, used);
    return fresh;
}

int ltv__ledger_own_customers(ltv_ledger *ledger) {
    const size_t id_bytes = (size_t)ledger->customer_capacity * sizeof *ledger->ids;
    const size_t slot_bytes = ledger->slot_capacity * sizeof *ledger->slots;
    ltv__id_record *ids = own_copy(ledger, ledger->ids, id_bytes, id_bytes);
    char *long_ids = own_copy(ledger, ledger->long_ids, ledger->long_ids_len, ledger->long_ids_capacity);
    ltv__slot *slots = own_copy(ledger, ledger->slots, slot_bytes, slot_bytes);
    if ((ledger->ids && !ids) || (ledger->long_ids && !long_ids) || (ledger->slots && !slots)) {
        if (ids != ledger->ids) ltv__big_free(ids, id_bytes);
        if (long_ids != ledger->long_ids) ltv__big_free(long_ids, ledger->long_ids_capacity);
        if (slots != ledger->slots) ltv__big_free(slots, slot_bytes);
        return ltv__fail(LTV_ENOMEM, "ledger: out of memory copying %u customers out of a snapshot",
                         ledger->customer_count);
    }
    if (ids != ledger->ids) free_array(ledger, ledger->ids, id_bytes); /* the borrowed copies: pages back */
    if (long_ids != ledger->long_ids) free_array(ledger, ledger->long_ids, ledger->long_ids_len);
    if (slots != ledger->slots) free_array(ledger, ledger->slots, slot_bytes);
    ledger->ids = ids;
    ledger->long_ids = long_ids;
    ledger->slots = slots;
    return LTV_OK;
}

void ltv_ledger_free(ltv_ledger *ledger) {
    if (!ledger) return;
    release_storage(ledger);
    pthread_mutex_destroy(&ledger->prepare_lock);
    ltv__free(ledger);
}

void ltv__ledger_move(ltv_ledger *dst, ltv_ledger *src) {
    release_storage(dst);
    pthread_mutex_t keep_lock = dst->prepare_lock;
    bool prepared = atomic_load(&src->prepared);
    memcpy(dst, src, sizeof *dst);
    dst->prepare_lock = keep_lock;
    atomic_store(&dst->prepared, prepared);
    pthread_mutex_t src_lock = src->prepare_lock;
    memset(src, 0, sizeof *src);
    src->prepare_lock = src_lock;
    src->min_day = src->max_day = LTV_NO_DAY;
    atomic_store(&src->prepared, true);
}

/* ---- customers ------------------------------------------------------------------------ */


static void slots_insert_all(ltv_ledger *ledger) {
    const size_t mask = ledger->slot_capacity - 1;
    /* the whole slot: a snapshot writes the table as it is, and free slots must not carry heap bytes */
    for (size_t i = 0; i < ledger->slot_capacity; i++) ledger->slots[i] = (ltv__slot){LTV_SLOT_EMPTY, 0};
    for (uint32_t c = 0; c < ledger->customer_count; c++) {
        size_t len;
        const char *id = ltv__customer_id(ledger, c, &len);
        uint64_t h = ltv__id_hash(id, len);
        size_t pos = (size_t)h & mask;
        while (ledger->slots[pos].index != LTV_SLOT_EMPTY) pos = (pos + 1) & mask;
        ledger->slots[pos].index = c;
        ledger->slots[pos].hash = (uint32_t)(h >> 32);
    }
}

/* Makes the table large enough for `customers` entries at the maximum load. */
static int slots_reserve(ltv_ledger *ledger, uint64_t customers) {
    uint64_t needed = customers * MAX_LOAD_DEN / MAX_LOAD_NUM + 1;
    if (needed <= ledger->slot_capacity) return LTV_OK;
    size_t capacity = ledger->slot_capacity ? ledger->slot_capacity : MIN_SLOTS;
    while (capacity < needed) capacity *= 2;
    ltv__slot *fresh = ltv__big_alloc(capacity * sizeof *fresh);
    if (!fresh) return ltv__fail(LTV_ENOMEM, "ledger: out of memory for a table of %zu customer slots", capacity);
    ltv__big_free(ledger->slots, ledger->slot_capacity * sizeof *ledger->slots);
    ledger->slots = fresh;
    ledger->slot_capacity = capacity;
    slots_insert_all(ledger);
    return LTV_OK;
}

static int customers_reserve(ltv_ledger *ledger, uint64_t customers) {
    if (customers > LTV_CUSTOMERS_MAX)
        return ltv__fail(LTV_ERANGE, "ledger: %llu customers exceed the limit of %u", (unsigned long long)customers,
                         (unsigned)LTV_CUSTOMERS_MAX);
    if (LTV_UNLIKELY(ledger->backing != NULL)) { /* every change to the customers starts here */
        /* never copy unchecked ids, nor change a ledger whose events may be damaged */
        int status = ltv__ledger_checked(ledger, LTV__PARTS_ALL);
        if (status == LTV_OK) status = ltv__ledger_own_customers(ledger);
        if (status != LTV_OK) return status;
    }
    if (customers > ledger->customer_capacity) {
        uint64_t capacity = ledger->customer_capacity ? ledger->customer_capacity : 1024;
        while (capacity < customers) capacity *= 2;
        if (capacity > LTV_CUSTOMERS_MAX) capacity = LTV_CUSTOMERS_MAX;
        size_t old_bytes = (size_t)ledger->customer_capacity * sizeof *ledger->ids;
        ltv__id_record *records = ltv__big_realloc(ledger->ids, old_bytes, (size_t)capacity * sizeof *records);
        if (!records) return ltv__fail(LTV_ENOMEM, "ledger: out of memory for %llu customers", (unsigned long long)capacity);
        ledger->ids = records;
        ledger->customer_capacity = (uint32_t)capacity;
    }
    return slots_reserve(ledger, customers);
}

static int long_ids_reserve(ltv_ledger *ledger, size_t more) {
    if (ledger->long_ids_len + more <= ledger->long_ids_capacity) return LTV_OK;
    if (more > SIZE_MAX / 4 - ledger->long_ids_len) return ltv__fail(LTV_ERANGE, "ledger: customer ids too large");
    size_t capacity = ledger->long_ids_capacity ? ledger->long_ids_capacity : 16384;
    while (capacity < ledger->long_ids_len + more) capacity *= 2;
    char *bytes = ltv__big_realloc(ledger->long_ids, ledger->long_ids_capacity, capacity);
    if (!bytes) return ltv__fail(LTV_ENOMEM, "ledger: out of memory for %zu bytes of customer ids", capacity);
    ledger->long_ids = bytes;
    ledger->long_ids_capacity = capacity;
    return LTV_OK;
}

/* Equality of a stored id with a candidate: ids are short, so compare inline rather than
 * through a libc call; the stored id is NUL-terminated and its length is known. */
static inline bool same_id(const ltv_ledger *ledger, uint32_t index, const char *id, size_t len) {
    const ltv__id_record *rec = &ledger->ids[index];
    if (rec->len != LTV_ID_LONG && rec->len != len) return false;
    size_t stored_len;
    const char *stored = ltv__customer_id(ledger, index, &stored_len);
    if (stored_len != len) return false;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t a, b;
        memcpy(&a, stored + i, 8);
        memcpy(&b, id + i, 8);
        if (a != b) return false;
    }
    for (; i < len; i++)
        if (stored[i] != id[i]) return false;
    return true;
}

int ltv__ledger_intern(ltv_ledger *ledger, const char *id, size_t len, uint64_t hash, uint32_t *out_index) {
    if (LTV_UNLIKELY(ledger->slot_capacity == 0 || ledger->deferred)) { /* no table yet, or one not checked */
        int status = ledger->slot_capacity ? ltv__ledger_checked(ledger, LTV__PARTS_ALL) : customers_reserve(ledger, 1);
        if (status != LTV_OK) return status;
    }
    size_t mask = ledger->slot_capacity - 1, pos = (size_t)hash & mask;
    const uint32_t tag = (uint32_t)(hash >> 32);
    for (;;) {
        const ltv__slot slot = ledger->slots[pos];
        if (slot.index == LTV_SLOT_EMPTY) break;
        if (slot.hash == tag && same_id(ledger, slot.index, id, len)) {
            *out_index = slot.index;
            return LTV_OK;
        }
        pos = (pos + 1) & mask;
    }
    /* New customer: make room first, so that a failure changes nothing. */
    uint32_t index = ledger->customer_count;
    int status = customers_reserve(ledger, (uint64_t)index + 1);
    if (status == LTV_OK && len > LTV_ID_INLINE) status = long_ids_reserve(ledger, sizeof(uint32_t) + len + 1);
    if (status != LTV_OK) return status;
    if (ledger->slot_capacity - 1 != mask) { /* the table grew: find the free slot again */
        mask = ledger->slot_capacity - 1;
        pos = (size_t)hash & mask;
        while (ledger->slots[pos].index != LTV_SLOT_EMPTY) pos = (pos + 1) & mask;
    }
    ltv__id_record *rec = &ledger->ids[index];
    memset(rec, 0, sizeof *rec);
    if (len <= LTV_ID_INLINE) {
        rec->len = (uint8_t)len;
        memcpy(rec->bytes, id, len); /* the NUL is there already */
    } else {
        const uint64_t offset = ledger->long_ids_len;
        const uint32_t long_len = (uint32_t)len;
        rec->len = LTV_ID_LONG;
        memcpy(rec->bytes + 7, &offset, sizeof offset);
        memcpy(ledger->long_ids + offset, &long_len, sizeof long_len);
        memcpy(ledger->long_ids + offset + sizeof long_len, id, len);
        ledger->long_ids[offset + sizeof long_len + len] = '\0';
        ledger->long_ids_len += sizeof long_len + len + 1;
    }
    ledger->slots[pos].index = index;
    ledger->slots[pos].hash = tag;
    ledger->customer_count = index + 1;
    atomic_store_explicit(&ledger->prepared, false, memory_order_relaxed);
    *out_index = index;
    return LTV_OK;
}

#define PREFETCH(address) LTV__PREFETCH(address)

int ltv__ledger_intern_batch(ltv_ledger *ledger, const ltv__id_ref *ids, size_t n, uint32_t *out_index,
                             size_t *out_done) {
    *out_done = 0;
    /* Room for every id of the batch first, so the table cannot move while probing. */
    int status = customers_reserve(ledger, (uint64_t)ledger->customer_count + n);
    if (status != LTV_OK) return status;
    const size_t mask = ledger->slot_capacity - 1;
    uint32_t candidate[LTV_INTERN_BATCH];
    for (size_t i = 0; i < n; i++) PREFETCH(&ledger->slots[(size_t)ids[i].hash & mask]);
    /* Stage 1: the first slot whose tag matches (or the empty slot that ends the run). */
    for (size_t i = 0; i < n; i++) {
        size_t pos = (size_t)ids[i].hash & mask;
        const uint32_t tag = (uint32_t)(ids[i].hash >> 32);
        while (ledger->slots[pos].index != LTV_SLOT_EMPTY && ledger->slots[pos].hash != tag) pos = (pos + 1) & mask;
        candidate[i] = ledger->slots[pos].index;
        if (candidate[i] != LTV_SLOT_EMPTY) PREFETCH(&ledger->ids[candidate[i]]);
    }
    /* Stage 2: a long id's bytes (a short one is in its record already). */
    for (size_t i = 0; i < n; i++)
        if (candidate[i] != LTV_SLOT_EMPTY && ids[i].len > LTV_ID_INLINE) {
            size_t len;
            PREFETCH(ltv__customer_id(ledger, candidate[i], &len));
        }
    /* Stage 3: resolve in order; a miss or a new id takes the ordinary path, now in cache. */
    for (size_t i = 0; i < n; i++) {
        if (candidate[i] != LTV_SLOT_EMPTY && same_id(ledger, candidate[i], ids[i].id, ids[i].len)) {
            out_index[i] = candidate[i];
        } else {
            status = ltv__ledger_intern(ledger, ids[i].id, ids[i].len, ids[i].hash, &out_index[i]);
            if (status != LTV_OK) return status;
        }
        *out_done = i + 1;
    }
    return LTV_OK;
}

/* ---- events --------------------------------------------------------------------------- */

int ltv__ledger_reserve_events(ltv_ledger *ledger, size_t more) {
    ltv__event_store *p = &ledger->pending;
    if (more > SIZE_MAX / 32 - p->count) return ltv__fail(LTV_ERANGE, "ledger: too many events (%zu more)", more);
    if (p->count + more <= p->capacity) return LTV_OK;
    size_t capacity = p->capacity ? p->capacity : 4096;
    while (capacity < p->count + more) capacity *= 2;
    return ltv__store_reserve(p, capacity, true);
}

void ltv__ledger_append(ltv_ledger *ledger, uint32_t customer, uint8_t kind, int32_t day, int64_t amount,
                        int32_t items) {
    ltv__event_store *p = &ledger->pending;
    size_t i = p->count++;
    p->customer[i] = customer;
    p->events[i] = ltv__event_make(kind, day, amount, items);
    ledger->orders += kind == LTV_EVENT_ORDER;
    ledger->visits += kind == LTV_EVENT_VISIT;
    ledger->revenue += amount;
    ledger->abs_money += amount < 0 ? (uint64_t)-amount : (uint64_t)amount;
    if (ledger->min_day == LTV_NO_DAY || day < ledger->min_day) ledger->min_day = day;
    if (ledger->max_day == LTV_NO_DAY || day > ledger->max_day) ledger->max_day = day;
    atomic_store_explicit(&ledger->prepared, false, memory_order_relaxed);
}

int ltv__event_check(const char *where, int kind, int32_t day, int64_t *amount, int32_t *items) {
    if (kind < LTV_EVENT_ORDER || kind > LTV_EVENT_CANCEL)
        return ltv__fail(LTV_EINVAL, "%s: kind %d is not an event kind (0 order, 1 refund, 2 visit, 3 cancel)", where,
                         kind);
    if (day < LTV_DAY_MIN || day > LTV_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: day %d is outside %d..%d (0001-01-01..9999-12-31)", where, day, LTV_DAY_MIN,
                         LTV_DAY_MAX);
    switch (kind) {
    case LTV_EVENT_ORDER:
        if (*amount < 0)
            return ltv__fail(LTV_ERANGE, "%s: order amount %lld is negative (record refunds as kind refund)", where,
                             (long long)*amount);
        break;
    case LTV_EVENT_REFUND:
        if (*amount == INT64_MIN)
            return ltv__fail(LTV_ERANGE, "%s: refund amount %lld is out of range", where, (long long)*amount);
        if (*amount > 0) *amount = -*amount;
        break;
    default:
        if (*amount != 0)
            return ltv__fail(LTV_ERANGE, "%s: a %s carries no money, but amount is %lld", where,
                             kind == LTV_EVENT_VISIT ? "visit" : "cancel", (long long)*amount);
        *items = 0;
        return LTV_OK;
    }
    if (*items < 0 || *items > LTV_ITEMS_MAX)
        return ltv__fail(LTV_ERANGE, "%s: items %d is outside 0..%d", where, *items, LTV_ITEMS_MAX);
    return LTV_OK;
}

int ltv__ledger_check_money(const ltv_ledger *ledger, uint64_t more_abs_money) {
    if (more_abs_money > (uint64_t)INT64_MAX || ledger->abs_money > (uint64_t)INT64_MAX - more_abs_money)
        return ltv__fail(LTV_EOVERFLOW, "ledger: the sum of all amounts would exceed 2^63 - 1 minor units");
    return LTV_OK;
}

int ltv__id_check(const char *func, const char *id, size_t len) {
    if (len == 0) return ltv__fail(LTV_EINVAL, "%s: customer id is empty", func);
    if (len > LTV_ID_MAX) return ltv__fail(LTV_ERANGE, "%s: customer id of %zu bytes exceeds %d", func, len, LTV_ID_MAX);
    size_t bad;
    if (!ltv__utf8_valid(id, len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: customer id is not UTF-8 (byte 0x%02X at offset %zu)", func,
                         (unsigned)(unsigned char)id[bad], bad);
    return LTV_OK;
}

int ltv_ledger_add_event(ltv_ledger *ledger, const char *customer_id, size_t id_len, int kind, int32_t day,
                         int64_t amount, int32_t items) {
    LTV_REQUIRE(ledger, "ltv_ledger_add_event");
    LTV_REQUIRE(customer_id, "ltv_ledger_add_event");
    int status = ltv__id_check("ltv_ledger_add_event", customer_id, id_len);
    if (status == LTV_OK) status = ltv__event_check("ltv_ledger_add_event", kind, day, &amount, &items);
    if (status == LTV_OK)
        status = ltv__ledger_check_money(ledger, amount < 0 ? (uint64_t)-amount : (uint64_t)amount);
    if (status == LTV_OK) status = ltv__ledger_reserve_events(ledger, 1);
    uint32_t customer = 0;
    if (status == LTV_OK) status = ltv__ledger_intern(ledger, customer_id, id_len, ltv__id_hash(customer_id, id_len), &customer);
    if (status != LTV_OK) return status;
    ltv__ledger_append(ledger, customer, (uint8_t)kind, day, amount, items);
    return LTV_OK;
}

int ltv_ledger_add_order(ltv_ledger *ledger, const char *customer_id, size_t id_len, int32_t day, int64_t amount,
                         int32_t items) {
    return ltv_ledger_add_event(ledger, customer_id, id_len, LTV_EVENT_ORDER, day, amount, items);
}

int ltv_ledger_reserve(ltv_ledger *ledger, uint64_t customers, uint64_t events) {
    LTV_REQUIRE(ledger, "ltv_ledger_reserve");
    if (customers > LTV_CUSTOMERS_MAX - ledger->customer_count)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_reserve: %llu more customers exceed the limit of %u",
                         (unsigned long long)customers, (unsigned)LTV_CUSTOMERS_MAX);
    if (events > SIZE_MAX / 32)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_reserve: %llu events is more than memory can hold",
                         (unsigned long long)events);
    int status = customers_reserve(ledger, (uint64_t)ledger->customer_count + customers);

    if (status == LTV_OK) status = ltv__ledger_reserve_events(ledger, (size_t)events);
    return status;
}

/* ---- rollback of a failed batch --------------------------------------------------------- */

void ltv__ledger_mark(const ltv_ledger *ledger, ltv__ledger_savepoint *mark) {
    mark->customer_count = ledger->customer_count;
    mark->long_ids_len = ledger->long_ids_len;
    mark->pending_count = ledger->pending.count;
    mark->orders = ledger->orders;
    mark->visits = ledger->visits;
    mark->abs_money = ledger->abs_money;
    mark->revenue = ledger->revenue;
    mark->min_day = ledger->min_day;
    mark->max_day = ledger->max_day;
}

void ltv__ledger_rollback(ltv_ledger *ledger, const ltv__ledger_savepoint *mark) {
    bool forget_customers = ledger->customer_count != mark->customer_count;
    ledger->customer_count = mark->customer_count;
    ledger->long_ids_len = mark->long_ids_len;
    ledger->pending.count = mark->pending_count;
    ledger->orders = mark->orders;
    ledger->visits = mark->visits;
    ledger->abs_money = mark->abs_money;
    ledger->revenue = mark->revenue;
    ledger->min_day = mark->min_day;
    ledger->max_day = mark->max_day;
    if (forget_customers && ledger->slot_capacity) slots_insert_all(ledger);
    atomic_store(&ledger->prepared,
                 ledger->pending.count == 0 && ledger->organized_customers == ledger->customer_count);
}

/* ---- simple queries ------------------------------------------------------------------- */

uint64_t ltv_ledger_customer_count(const ltv_ledger *ledger) { return ledger ? ledger->customer_count : 0; }

uint64_t ltv_ledger_event_count(const ltv_ledger *ledger) {
    return ledger ? (uint64_t)(ledger->pending.count + ledger->organized.count) : 0;
}

uint64_t ltv_ledger_order_count(const ltv_ledger *ledger) { return ledger ? ledger->orders : 0; }

uint64_t ltv_ledger_visit_count(const ltv_ledger *ledger) { return ledger ? ledger->visits : 0; }

int64_t ltv_ledger_revenue(const ltv_ledger *ledger) { return ledger ? ledger->revenue : 0; }

int ltv_ledger_day_range(const ltv_ledger *ledger, int32_t *out_first, int32_t *out_last) {
    LTV_REQUIRE(ledger, "ltv_ledger_day_range");
    if (ledger->min_day == LTV_NO_DAY) return ltv__fail(LTV_ENOTFOUND, "ltv_ledger_day_range: the ledger has no events");
    if (out_first) *out_first = ledger->min_day;
    if (out_last) *out_last = ledger->max_day;
    return LTV_OK;
}

int ltv_ledger_find(const ltv_ledger *ledger, const char *customer_id, size_t id_len, uint64_t *out_index) {
    LTV_REQUIRE(ledger, "ltv_ledger_find");
    LTV_REQUIRE(customer_id, "ltv_ledger_find");
    LTV_REQUIRE(out_index, "ltv_ledger_find");
    int status = ltv__ledger_checked(ledger, LTV__PART_IDS);
    if (status != LTV_OK) return status;
    if (id_len == 0 || id_len > LTV_ID_MAX || ledger->slot_capacity == 0) goto not_found;
    uint64_t hash = ltv__id_hash(customer_id, id_len);
    size_t mask = ledger->slot_capacity - 1, pos = (size_t)hash & mask;
    const uint32_t tag = (uint32_t)(hash >> 32);
    for (;;) {
        const ltv__slot slot = ledger->slots[pos];
        if (slot.index == LTV_SLOT_EMPTY) break;
        if (slot.hash == tag && same_id(ledger, slot.index, customer_id, id_len)) {
            *out_index = slot.index;
            return LTV_OK;
        }
        pos = (pos + 1) & mask;
    }
not_found:
    return ltv__fail(LTV_ENOTFOUND, "ltv_ledger_find: no customer with id '%.*s'", (int)(id_len > 64 ? 64 : id_len),
                     customer_id);
}

int ltv_ledger_customer_id(const ltv_ledger *ledger, uint64_t index, const char **out_id, size_t *out_len) {
    LTV_REQUIRE(ledger, "ltv_ledger_customer_id");
    LTV_REQUIRE(out_id, "ltv_ledger_customer_id");
    if (index >= ledger->customer_count)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_customer_id: index %llu is outside 0..%lld",
                         (unsigned long long)index, (long long)ledger->customer_count - 1);
    int status = ltv__ledger_checked(ledger, LTV__PART_IDS);
    if (status != LTV_OK) return status;
    size_t len;
    *out_id = ltv__customer_id(ledger, (uint32_t)index, &len);
    if (out_len) *out_len = len;
    return LTV_OK;
}
