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

static int organize(ltv_ledger *ledger) {
    const uint32_t n = ledger->customer_count, old_n = ledger->organized_customers;
    const ltv_event_columns *pending = &ledger->pending, *old = &ledger->organized;
    if (pending->count == 0 && old_n == n) return LTV_OK;

    const size_t start_bytes = ((size_t)n + 1) * sizeof(uint64_t);
    uint64_t *start = ltv__big_alloc(start_bytes);
    uint64_t *cursor = ltv__big_alloc((size_t)n * sizeof(uint64_t) + 1);
    ltv_event_columns fresh = {0};
    int status = (start && cursor) ? LTV_OK : ltv__fail(LTV_ENOMEM, "ledger: out of memory organizing %u customers", n);
    const size_t total = old->count + pending->count;
    if (status == LTV_OK) status = ltv__columns_reserve(&fresh, total ? total : 1, false);
    if (status != LTV_OK) goto done;

    /* Run lengths, then their starts (prefix sums). */
    for (uint32_t c = 0; c < n; c++)
        start[c + 1] = c < old_n ? ledger->ev_start[c + 1] - ledger->ev_start[c] : 0;
    for (size_t e = 0; e < pending->count; e++) start[pending->customer[e] + 1]++;
    start[0] = 0;
    for (uint32_t c = 0; c < n; c++) start[c + 1] += start[c];

    /* Old runs first (already canonical), then pending events appended in arrival order. */
    for (uint32_t c = 0; c < n; c++) {
        size_t len = c < old_n ? (size_t)(ledger->ev_start[c + 1] - ledger->ev_start[c]) : 0;
        if (len) {
            size_t from = (size_t)ledger->ev_start[c], to = (size_t)start[c];
            memcpy(fresh.day + to, old->day + from, len * sizeof *fresh.day);
            memcpy(fresh.amount + to, old->amount + from, len * sizeof *fresh.amount);
            memcpy(fresh.items + to, old->items + from, len * sizeof *fresh.items);
            memcpy(fresh.kind + to, old->kind + from, len * sizeof *fresh.kind);
        }
        cursor[c] = start[c] + len;
    }
    for (size_t e = 0; e < pending->count; e++) {
        size_t to = (size_t)cursor[pending->customer[e]]++;
        fresh.day[to] = pending->day[e];
        fresh.amount[to] = pending->amount[e];
        fresh.items[to] = pending->items[e];
        fresh.kind[to] = pending->kind[e];
    }
    fresh.count = total;

    event_row *scratch = NULL;
    size_t scratch_len = 0;
    for (uint32_t c = 0; c < n && status == LTV_OK; c++)
        if (start[c + 1] - start[c] > 1) status = sort_run(&fresh, (size_t)start[c], (size_t)start[c + 1], &scratch, &scratch_len);
    ltv__free(scratch);
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
    ltv__big_free(cursor, (size_t)n * sizeof(uint64_t) + 1);
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
