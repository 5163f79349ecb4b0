/* Organizing pending events into per-customer runs in canonical order (see
 * ledger_internal.h). Runs once after a batch of adds, before the first query. */
#include <stdlib.h>
#include <string.h>

#include "ledger_internal.h"

typedef struct event_row {
    int32_t day;
    int32_t items;
    int64_t amount;
    uint8_t kind;
} event_row;

static int compare_rows(const void *pa, const void *pb) {
    const event_row *a = pa, *b = pb;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    if (a->amount != b->amount) return a->amount < b->amount ? -1 : 1;
    if (a->items != b->items) return a->items < b->items ? -1 : 1;
    return 0;
}

static bool in_order(const ltv_event_columns *cols, size_t i) {
    const event_row a = {cols->day[i - 1], cols->items[i - 1], cols->amount[i - 1], cols->kind[i - 1]};
    const event_row b = {cols->day[i], cols->items[i], cols->amount[i], cols->kind[i]};
    return compare_rows(&a, &b) <= 0;
}

/* Sorts one customer's run [begin, end) into canonical order. Runs are almost always
 * already sorted (logs come in date order), so the check is the common path. */
static int sort_run(ltv_event_columns *cols, size_t begin, size_t end, event_row **scratch, size_t *scratch_len) {
    size_t i = begin + 1;
    while (i < end && in_order(cols, i)) i++;
    if (i >= end) return LTV_OK;
    size_t n = end - begin;
    if (n > *scratch_len) {
        event_row *grown = ltv__realloc_array(*scratch, n, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "ledger: out of memory sorting %zu events of one customer", n);
        *scratch = grown;
        *scratch_len = n;
    }
    event_row *rows = *scratch;
    for (size_t k = 0; k < n; k++)
        rows[k] = (event_row){cols->day[begin + k], cols->items[begin + k], cols->amount[begin + k], cols->kind[begin + k]};
    qsort(rows, n, sizeof *rows, compare_rows); /* a total order: stability is irrelevant */
    for (size_t k = 0; k < n; k++) {
        cols->day[begin + k] = rows[k].day;
        cols->items[begin + k] = rows[k].items;
        cols->amount[begin + k] = rows[k].amount;
        cols->kind[begin + k] = rows[k].kind;
    }
    return LTV_OK;
}

/* One thread's share of the organization: the customers [begin, end). Every share reads all
 * pending events but writes only its own customers' runs, so shares never touch the same
 * memory and the result does not depend on how many there are. */
typedef struct organize_share {
    ltv_ledger *ledger;
    ltv_event_columns *fresh;
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
    const ltv_event_columns *pending = &ledger->pending, *old = &ledger->organized;
    ltv_event_columns *fresh = sh->fresh;
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
            const size_t from = (size_t)ledger->ev_start[c], to = (size_t)start[c];
            memcpy(fresh->day + to, old->day + from, len * sizeof *fresh->day);
            memcpy(fresh->amount + to, old->amount + from, len * sizeof *fresh->amount);
            memcpy(fresh->items + to, old->items + from, len * sizeof *fresh->items);
            memcpy(fresh->kind + to, old->kind + from, len * sizeof *fresh->kind);
            start[c] += len;
        }
        for (size_t e = 0; e < pending->count; e++) {
            const uint32_t c = pending->customer[e];
            if (c < begin || c >= end) continue;
            const size_t to = (size_t)start[c]++;
            fresh->day[to] = pending->day[e];
            fresh->amount[to] = pending->amount[e];
            fresh->items[to] = pending->items[e];
            fresh->kind[to] = pending->kind[e];
        }
        return LTV_OK;
    }
    /* phase 2: canonical order inside each run */
    event_row *scratch = NULL;
    size_t scratch_len = 0;
    int status = LTV_OK;
    for (uint32_t c = begin; c < end && status == LTV_OK; c++)
        if (start[c + 1] - start[c] > 1) status = sort_run(fresh, (size_t)start[c], (size_t)start[c + 1], &scratch, &scratch_len);
    ltv__free(scratch);
    return status;
}

static int run_phase(organize_share *shares, int count, int phase) {
    for (int i = 0; i < count; i++) shares[i].phase = phase;
    return ltv__run_tasks(organize_share_run, shares, sizeof *shares, count);
}

static int organize(ltv_ledger *ledger) {
    const uint32_t n = ledger->customer_count;
    const ltv_event_columns *pending = &ledger->pending, *old = &ledger->organized;
    if (pending->count == 0 && ledger->organized_customers == n) return LTV_OK;

    const size_t start_bytes = ((size_t)n + 1) * sizeof(uint64_t);
    uint64_t *start = ltv__big_alloc(start_bytes);
    ltv_event_columns fresh = {0};
    int status = start ? LTV_OK : ltv__fail(LTV_ENOMEM, "ledger: out of memory organizing %u customers", n);
    const size_t total = old->count + pending->count;
    if (status == LTV_OK) status = ltv__columns_reserve(&fresh, total ? total : 1, false);
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
    run_phase(shares, count, 1);
    memmove(start + 1, start, (size_t)n * sizeof *start); /* cursors ended one run ahead */
    start[0] = 0;
    fresh.count = total;
    status = run_phase(shares, count, 2);
    if (status != LTV_OK) goto done;

    /* Commit: the new layout replaces the old one; pending storage is released. */
    ltv__columns_free(&ledger->organized);
    ltv__columns_free(&ledger->pending);
    ltv__big_free(ledger->ev_start, ledger->ev_start_bytes);
    ledger->organized = fresh;
    ledger->ev_start = start;
    ledger->ev_start_bytes = start_bytes;
    ledger->organized_customers = n;
    start = NULL;
    memset(&fresh, 0, sizeof fresh);
done:
    ltv__columns_free(&fresh);
    ltv__big_free(start, start_bytes);
    return status;
}

int ltv__ledger_prepare(const ltv_ledger *ledger) {
    if (atomic_load_explicit(&ledger->prepared, memory_order_acquire)) return LTV_OK;
    /* The ledger was created non-const by ltv_ledger_new(); preparing changes only its
     * internal layout, never what any query answers. */
    ltv_ledger *mutable_ledger = (ltv_ledger *)(uintptr_t)ledger;
    pthread_mutex_lock(&mutable_ledger->prepare_lock);
    int status = LTV_OK;
    if (!atomic_load_explicit(&mutable_ledger->prepared, memory_order_relaxed)) {
        status = organize(mutable_ledger);
        if (status == LTV_OK) atomic_store_explicit(&mutable_ledger->prepared, true, memory_order_release);
    }
    pthread_mutex_unlock(&mutable_ledger->prepare_lock);
    return status;
}

int ltv_ledger_prepare(ltv_ledger *ledger) {
    LTV_REQUIRE(ledger, "ltv_ledger_prepare");
    return ltv__ledger_prepare(ledger);
}
