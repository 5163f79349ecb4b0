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
        char where[96];
        const char *id;
        size_t len;
        id_at(ids, i, &id, &len);
        if (len == 0) return ltv__fail(LTV_EINVAL, "%s: row %zu: customer id is empty", func, i);
        if (len > LTV_ID_MAX)
            return ltv__fail(LTV_ERANGE, "%s: row %zu: customer id of %zu bytes exceeds %d", func, i, len, LTV_ID_MAX);
        int kind;
        int64_t amount;
        int32_t count;
        row_values(i, kinds, amounts, items, &kind, &amount, &count);
        snprintf(where, sizeof where, "%s: row %zu", func, i);
        int status = ltv__event_check(where, kind, days[i], &amount, &count);
        if (status != LTV_OK) return status;
        uint64_t magnitude = amount < 0 ? (uint64_t)-amount : (uint64_t)amount;
        if (magnitude > (uint64_t)INT64_MAX - money) return ltv__ledger_check_money(ledger, UINT64_MAX);
        money += magnitude;
    }
    int status = ltv__ledger_check_money(ledger, money);
    if (status == LTV_OK) status = ltv__ledger_reserve_events(ledger, n);
    if (status != LTV_OK) return status;

    /* Pass 2: add; only a failure to grow the customer table can stop it, and is undone. */
    ltv_ledger_mark mark;
    ltv__ledger_mark(ledger, &mark);
    for (size_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        id_at(ids, i, &id, &len);
        uint32_t customer;
        status = ltv__ledger_intern(ledger, id, len, ltv__id_hash(id, len), &customer);
        if (status != LTV_OK) {
            ltv__ledger_rollback(ledger, &mark);
            return status;
        }
        int kind;
        int64_t amount;
        int32_t count;
        row_values(i, kinds, amounts, items, &kind, &amount, &count);
        ltv__event_check("", kind, days[i], &amount, &count); /* normalizes; validated above */
        ltv__ledger_append(ledger, customer, (uint8_t)kind, days[i], amount, count);
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
