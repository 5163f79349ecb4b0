/* Adding whole columns at once: the path Python and Ruby bindings use. A batch is
 * validated completely before anything is added, so it is added whole or not at all. */
#include <stdio.h>
#include <string.h>

#include "ledger_internal.h"

typedef struct id_column {
    const char *data;
    const int64_t *offsets; /* Arrow layout, or NULL for fixed width */
    size_t width;
} id_column;

static void id_at(const id_column *ids, size_t i, const char **id, size_t *len) {
    if (ids->offsets) {
        *id = ids->data + ids->offsets[i];
        *len = (size_t)(ids->offsets[i + 1] - ids->offsets[i]);
    } else {
        *id = ids->data + i * ids->width;
        const char *nul = memchr(*id, '\0', ids->width);
        *len = nul ? (size_t)(nul - *id) : ids->width;
    }
}

static void row_values(size_t i, const uint8_t *kinds, const int64_t *amounts, const int32_t *items, int *kind,
                       int64_t *amount, int32_t *count) {
    *kind = kinds ? kinds[i] : LTV_EVENT_ORDER;
    *amount = amounts ? amounts[i] : 0;
    *count = items ? items[i] : (*kind == LTV_EVENT_ORDER ? 1 : 0);
}

static int add_batch(const char *func, ltv_ledger *ledger, size_t n, const id_column *ids, const uint8_t *kinds,
                     const int32_t *days, const int64_t *amounts, const int32_t *items) {
    /* Pass 1: validate every row and bound the money. */
    uint64_t money = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        id_at(ids, i, &id, &len);
        int kind;
        int64_t amount;
        int32_t count;
        row_values(i, kinds, amounts, items, &kind, &amount, &count);
        if (ltv__id_check(func, id, len) != LTV_OK || ltv__event_check(func, kind, days[i], &amount, &count) != LTV_OK) {
            char where[96]; /* name the row: formatted only on failure, never per row */
            snprintf(where, sizeof where, "%s: row %zu", func, i);
            int status = ltv__id_check(where, id, len);
            return status != LTV_OK ? status : ltv__event_check(where, kind, days[i], &amount, &count);
        }
        const uint64_t magnitude = amount < 0 ? (uint64_t)-amount : (uint64_t)amount;
        money = magnitude > UINT64_MAX - money ? UINT64_MAX : money + magnitude; /* saturates: checked below */
    }
    int status = ltv__ledger_check_money(ledger, money);
    if (status == LTV_OK) status = ltv__ledger_reserve_events(ledger, n);
    if (status != LTV_OK) return status;
    /* Size the customer table for a large batch up front (half the rows: real logs have 1.2
     * to 2 orders per customer), as the CSV loader does; a wrong guess costs a regrowth. */
    if (n >= 65536 && ltv_ledger_reserve(ledger, n / 2, 0) != LTV_OK) ltv_clear_error();

    /* Pass 2: add, interning ids in batches; only a failure to grow the customer table can
     * stop it, and is undone. */
    ltv__ledger_savepoint mark;
    ltv__ledger_mark(ledger, &mark);
    for (size_t start = 0; start < n; start += LTV_INTERN_BATCH) {
        const size_t count = n - start < LTV_INTERN_BATCH ? n - start : LTV_INTERN_BATCH;
        ltv__id_ref refs[LTV_INTERN_BATCH];
        uint32_t customer[LTV_INTERN_BATCH];
        for (size_t k = 0; k < count; k++) {
            const char *id;
            size_t len;
            id_at(ids, start + k, &id, &len);
            refs[k] = (ltv__id_ref){id, (uint32_t)len, ltv__id_hash(id, len)};
        }
        size_t done;
        status = ltv__ledger_intern_batch(ledger, refs, count, customer, &done);
        if (status != LTV_OK) {
            ltv__ledger_rollback(ledger, &mark);
            return status;
        }
        for (size_t k = 0; k < count; k++) {
            const size_t i = start + k;
            int kind;
            int64_t amount;
            int32_t items_count;
            row_values(i, kinds, amounts, items, &kind, &amount, &items_count);
            if (kind == LTV_EVENT_REFUND && amount > 0) amount = -amount; /* validated in pass 1 */
            if (kind == LTV_EVENT_VISIT || kind == LTV_EVENT_CANCEL) items_count = 0;
            ltv__ledger_append(ledger, customer[k], (uint8_t)kind, days[i], amount, items_count);
        }
    }
    return LTV_OK;
}

int ltv_ledger_add_events(ltv_ledger *ledger, size_t n, const char *id_data, const int64_t *id_offsets,
                          const uint8_t *kinds, const int32_t *days, const int64_t *amounts, const int32_t *items) {
    LTV_REQUIRE(ledger, "ltv_ledger_add_events");
    if (n == 0) return LTV_OK;
    LTV_REQUIRE(id_data, "ltv_ledger_add_events");
    LTV_REQUIRE(id_offsets, "ltv_ledger_add_events");
    LTV_REQUIRE(days, "ltv_ledger_add_events");
    if (id_offsets[0] < 0)
        return ltv__fail(LTV_EINVAL, "ltv_ledger_add_events: id_offsets[0] is negative (%lld)", (long long)id_offsets[0]);
    for (size_t i = 0; i < n; i++)
        if (id_offsets[i + 1] < id_offsets[i])
            return ltv__fail(LTV_EINVAL, "ltv_ledger_add_events: id_offsets decrease at row %zu (%lld after %lld)", i,
                             (long long)id_offsets[i + 1], (long long)id_offsets[i]);
    const id_column ids = {id_data, id_offsets, 0};
    return add_batch("ltv_ledger_add_events", ledger, n, &ids, kinds, days, amounts, items);
}

int ltv_ledger_add_events_fixed(ltv_ledger *ledger, size_t n, const char *ids, size_t width, const uint8_t *kinds,
                                const int32_t *days, const int64_t *amounts, const int32_t *items) {
    LTV_REQUIRE(ledger, "ltv_ledger_add_events_fixed");
    if (width == 0 || width > LTV_ID_MAX)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_add_events_fixed: width %zu is outside 1..%d", width, LTV_ID_MAX);
    if (n == 0) return LTV_OK;
    LTV_REQUIRE(ids, "ltv_ledger_add_events_fixed");
    LTV_REQUIRE(days, "ltv_ledger_add_events_fixed");
    const id_column column = {ids, NULL, width};
    return add_batch("ltv_ledger_add_events_fixed", ledger, n, &column, kinds, days, amounts, items);
}
