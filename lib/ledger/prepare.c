/* Organizing pending events into per-customer runs in canonical order (see
 * ledger_internal.h). Runs once after a batch of adds, before the first query. */
#include <stdlib.h>
#include <string.h>

#include "ledger_internal.h"

/* qsort's form of the canonical order (ledger_internal.h). */
static int compare_events(const void *pa, const void *pb) { return ltv__event_compare(pa, pb); }

/* Sorts one customer's run into canonical order. Runs are almost always already sorted
 * (logs come in date order), so the check is the common path. */
static void sort_run(ltv__event *run, size_t n) {
    size_t i = 1;
    while (i < n && compare_events(&run[i - 1], &run[i]) <= 0) i++;
    if (i < n) qsort(run, n, sizeof *run, compare_events); /* a total order: stability is irrelevant */
}

/* One thread's share of the organization: the customers [begin, end). Every share reads all
 * pending events but writes only its own customers' runs, so shares never touch the same
 * memory and the result does not depend on how many there are. */
typedef struct organize_share {
    ltv_ledger *ledger;
    ltv__event_store *fresh;
    uint64_t *start;
    uint32_t begin, end;
    int phase;
} organize_share;

static size_t old_length(const ltv_ledger *ledger, uint32_t c) {
    return c < ledger->organized_customers ? (size_t)(ledger->ev_start[c + 1] - ledger->ev_start[c]) : 0;
}

static int organize_share_run(void *arg) {
    organize_share *sh = arg;
    ltv_ledger *ledger = sh->ledger;
    const ltv__event_store *pending = &ledger->pending, *old = &ledger->organized;
    ltv__event *fresh = sh->fresh->events;
    uint64_t *start = sh->start;
    const uint32_t begin = sh->begin, end = sh->end;
    if (sh->phase == 0) { /* run lengths, stored one slot ahead for the prefix sum */
        for (uint32_t c = begin; c < end; c++) start[c + 1] = old_length(ledger, c);
        for (size_t e = 0; e < pending->count; e++) {
            const uint32_t c = pending->customer[e];
            if (c >= begin && c < end) start[c + 1]++;
        }
        return LTV_OK;
    }
    if (sh->phase == 1) { /* old runs first (canonical already), then pending in arrival order;
                           * start[c] is the write cursor and ends at the start of c + 1 */
        for (uint32_t c = begin; c < end; c++) {
            const size_t len = old_length(ledger, c);
            if (!len) continue;
            memcpy(fresh + start[c], old->events + ledger->ev_start[c], len * sizeof *fresh);
            start[c] += len;
        }
        for (size_t e = 0; e < pending->count; e++) {
            const uint32_t c = pending->customer[e];
            if (c < begin || c >= end) continue;
            fresh[start[c]++] = pending->events[e];
        }
        return LTV_OK;
    }
    /* phase 2: canonical order inside each run */
    for (uint32_t c = begin; c < end; c++)
        if (start[c + 1] - start[c] > 1) sort_run(fresh + start[c], (size_t)(start[c + 1] - start[c]));
    return LTV_OK;
}

static int run_phase(organize_share *shares, int count, int phase) {
    for (int i = 0; i < count; i++) shares[i].phase = phase;
    return ltv__run_tasks(organize_share_run, shares, sizeof *shares, count);
}

/* A ledger that tracks a snapshot file keeps a copy of the pending events the file lacks
 * before organizing merges them into the organized store (see ltv__snap_origin). */
static int keep_unsaved(ltv_ledger *ledger) {
    ltv__snap_origin *o = &ledger->origin;
    const ltv__event_store *p = &ledger->pending;
    if (!o->active) return LTV_OK;
    const size_t from = o->pending_saved < p->count ? o->pending_saved : p->count, more = p->count - from;
    if (more) {
        ltv__event_store *u = &o->unsaved;
        if (u->count + more > u->capacity) {
            const size_t rows = u->count + more > 2 * u->capacity ? u->count + more : 2 * u->capacity;
            int status = ltv__store_reserve(u, rows, true);
            if (status != LTV_OK) return status;
        }
        memcpy(u->events + u->count, p->events + from, more * sizeof *u->events);
        memcpy(u->customer + u->count, p->customer + from, more * sizeof *u->customer);
        u->count += more;
    }
    o->pending_saved = 0;
    return LTV_OK;
}

static int organize(ltv_ledger *ledger) {
    const uint32_t n = ledger->customer_count;
    const ltv__event_store *pending = &ledger->pending, *old = &ledger->organized;
    if (pending->count == 0 && ledger->organized_customers == n) return LTV_OK;

    const size_t start_bytes = ((size_t)n + 1) * sizeof(uint64_t);
    uint64_t *start = ltv__big_alloc(start_bytes);
    ltv__event_store fresh = {0};
    int status = start ? LTV_OK : ltv__fail(LTV_ENOMEM, "ledger: out of memory organizing %u customers", n);
    const size_t total = old->count + pending->count;
    if (status == LTV_OK) status = ltv__store_reserve(&fresh, total ? total : 1, false);
    if (status != LTV_OK) goto done;

    organize_share shares[8];
    int count = ltv__thread_budget();
    if (count > 8) count = 8;
    if (total < 100000) count = 1; /* threads cost more than they save on small ledgers */
    for (int i = 0; i < count; i++)
        shares[i] = (organize_share){ledger, &fresh, start, (uint32_t)((uint64_t)n * (uint64_t)i / (uint64_t)count),
                                     (uint32_t)((uint64_t)n * (uint64_t)(i + 1) / (uint64_t)count), 0};
    run_phase(shares, count, 0);
    start[0] = 0;
    for (uint32_t c = 0; c < n; c++) start[c + 1] += start[c];
    /* From here on, split by events rather than by customers: early customers have more. */
    for (int i = 1; i < count; i++) {
        const uint64_t target = (uint64_t)total * (uint64_t)i / (uint64_t)count;
        uint32_t lo = shares[i - 1].begin, hi = n;
        while (lo < hi) { /* first customer whose run starts at or after the target */
            const uint32_t mid = lo + (hi - lo) / 2;
            if (start[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        shares[i - 1].end = shares[i].begin = lo;
    }
    run_phase(shares, count, 1);
    memmove(start + 1, start, (size_t)n * sizeof *start); /* cursors ended one run ahead */
    start[0] = 0;
    fresh.count = total;
    status = run_phase(shares, count, 2);
    if (status == LTV_OK) status = keep_unsaved(ledger);
    if (status != LTV_OK) goto done;

    /* Commit: the new layout replaces the old one; pending storage is released. */
    ltv__ledger_release_organized(ledger);
    ltv__store_free(&ledger->pending);
    ledger->organized = fresh;
    ledger->ev_start = start;
    ledger->ev_start_bytes = start_bytes;
    ledger->organized_customers = n;
    start = NULL;
    memset(&fresh, 0, sizeof fresh);
done:
    ltv__store_free(&fresh);
    ltv__big_free(start, start_bytes);
    return status;
}

/* The parts of a deferred open that the caller reads are checked first: organizing reads
 * the events, and whatever follows reads what it asked for. */
static int prepare_parts(const ltv_ledger *ledger, unsigned parts) {
    int status = ltv__ledger_checked(ledger, parts);
    if (status != LTV_OK) return status;
    if (atomic_load_explicit(&ledger->prepared, memory_order_acquire)) return LTV_OK;
    /* The ledger was created non-const by ltv_ledger_new(); preparing changes only its
     * internal layout, never what any query answers. */
    ltv_ledger *mutable_ledger = (ltv_ledger *)(uintptr_t)ledger;
    pthread_mutex_lock(&mutable_ledger->prepare_lock);
    if (!atomic_load_explicit(&mutable_ledger->prepared, memory_order_relaxed)) {
        status = organize(mutable_ledger);
        if (status == LTV_OK) atomic_store_explicit(&mutable_ledger->prepared, true, memory_order_release);
    }
    pthread_mutex_unlock(&mutable_ledger->prepare_lock);
    return status;
}

int ltv__ledger_prepare(const ltv_ledger *ledger) { return prepare_parts(ledger, LTV__PARTS_ALL); }

int ltv__ledger_prepare_scan(const ltv_ledger *ledger, bool *out_check_events) {
    *out_check_events = false;
    bool unchecked = false;
    int status = ltv__ledger_events_unchecked(ledger, &unchecked);
    if (status != LTV_OK) return status;
    /* events left to the scan's own checks only when nothing is to be organized: organizing
     * would read them first */
    if (unchecked && atomic_load_explicit(&ledger->prepared, memory_order_acquire)) {
        *out_check_events = true;
        return LTV_OK;
    }
    return prepare_parts(ledger, LTV__PART_EVENTS);
}

int ltv_ledger_prepare(ltv_ledger *ledger) {
    LTV_REQUIRE(ledger, "ltv_ledger_prepare");
    return ltv__ledger_prepare(ledger);
}
