/* Customer-level input: customers with their aggregates (orders, last order or recency,
 * revenue) and no events, for RFM scoring and the analyses that need no history. Ids live in
 * an event-less ledger, so lookups by id and the ids' storage are the ledger's own. */
#include "ledger_internal.h"

int ltv_customer_table_new(ltv_customer_table **out) {
    LTV_REQUIRE(out, "ltv_customer_table_new");
    *out = NULL;
    ltv_customer_table *table = ltv__calloc(1, sizeof *table);
    if (!table) return ltv__fail(LTV_ENOMEM, "ltv_customer_table_new: out of memory");
    int status = ltv_ledger_new(&table->ids);
    if (status != LTV_OK) {
        ltv__free(table);
        return status;
    }
    *out = table;
    return LTV_OK;
}

void ltv_customer_table_free(ltv_customer_table *table) {
    if (!table) return;
    ltv_ledger_free(table->ids);
    ltv__free(table->rows);
    ltv__free(table);
}

uint64_t ltv_customer_table_count(const ltv_customer_table *table) { return table ? table->count : 0; }

static int row_check(const char *where, int32_t orders, int32_t last_order_day, int32_t recency_days) {
    if (orders < 0 || orders > LTV_ITEMS_MAX)
        return ltv__fail(LTV_ERANGE, "%s: orders %d is outside 0..%d", where, (int)orders, LTV_ITEMS_MAX);
    const bool has_day = last_order_day != LTV_NO_DAY, has_recency = recency_days >= 0;
    if (has_day == has_recency)
        return ltv__fail(LTV_EINVAL, "%s: give either the last order day or the recency in days (recency -1 with "
                         "a day, LTV_NO_DAY with a recency)", where);
    if (has_day && (last_order_day < LTV_DAY_MIN || last_order_day > LTV_DAY_MAX))
        return ltv__fail(LTV_ERANGE, "%s: last order day %d is outside %d..%d", where, (int)last_order_day, LTV_DAY_MIN,
                         LTV_DAY_MAX);
    if (has_recency && recency_days > LTV_DAY_MAX - LTV_DAY_MIN)
        return ltv__fail(LTV_ERANGE, "%s: recency %d days is more than the calendar holds", where, (int)recency_days);
    return LTV_OK;
}

int ltv__customer_table_append(ltv_customer_table *table, const char *id, size_t id_len, uint64_t hash,
                               const ltv__customer_row *row, bool *out_duplicate) {
    *out_duplicate = false;
    const uint64_t magnitude = row->revenue < 0 ? (uint64_t)-(row->revenue + 1) + 1 : (uint64_t)row->revenue;
    if (magnitude > (uint64_t)INT64_MAX - table->abs_money)
        return ltv__fail(LTV_EOVERFLOW, "customer table: the revenue of all customers would exceed 2^63 - 1 minor units");
    const uint32_t before = table->ids->customer_count;
    uint32_t index;
    int status = ltv__ledger_intern(table->ids, id, id_len, hash, &index);
    if (status != LTV_OK) return status;
    if (index < before) {
        *out_duplicate = true;
        return LTV_OK;
    }
    if (table->count == table->capacity) {
        size_t capacity = table->capacity ? table->capacity * 2 : 1024;
        ltv__customer_row *grown = ltv__realloc_array(table->rows, capacity, sizeof *grown);
        if (!grown) {
            table->ids->customer_count = before; /* forget the id again */
            return ltv__fail(LTV_ENOMEM, "customer table: out of memory for %zu customers", capacity);
        }
        table->rows = grown;
        table->capacity = capacity;
    }
    table->rows[table->count++] = *row;
    table->abs_money += magnitude;
    return LTV_OK;
}

int ltv__customer_table_take(ltv_customer_table *table, ltv_customer_table *staged) {
    for (size_t c = 0; c < staged->count; c++) {
        size_t len;
        const char *id = ltv__customer_id(staged->ids, (uint32_t)c, &len);
        bool duplicate;
        int status = ltv__customer_table_append(table, id, len, ltv__id_hash(id, len), &staged->rows[c], &duplicate);
        if (status != LTV_OK) return status;
    }
    return LTV_OK;
}

int ltv_customer_table_add(ltv_customer_table *table, const char *customer_id, size_t id_len, int32_t orders,
                           int32_t last_order_day, int32_t recency_days, int64_t revenue) {
    LTV_REQUIRE(table, "ltv_customer_table_add");
    LTV_REQUIRE(customer_id, "ltv_customer_table_add");
    int status = ltv__id_check("ltv_customer_table_add", customer_id, id_len);
    if (status == LTV_OK)
        status = row_check("ltv_customer_table_add", orders, last_order_day, recency_days);
    if (status != LTV_OK) return status;
    const ltv__customer_row row = {orders, last_order_day, recency_days, revenue};
    bool duplicate;
    status = ltv__customer_table_append(table, customer_id, id_len, ltv__id_hash(customer_id, id_len), &row, &duplicate);
    if (status == LTV_OK && duplicate)
        return ltv__fail(LTV_EINVAL, "ltv_customer_table_add: customer '%.*s' is in the table already",
                         (int)(id_len > 64 ? 64 : id_len), customer_id);
    return status;
}

int ltv_customer_table_customer_id(const ltv_customer_table *table, uint64_t index, const char **out_id,
                                   size_t *out_len) {
    LTV_REQUIRE(table, "ltv_customer_table_customer_id");
    return ltv_ledger_customer_id(table->ids, index, out_id, out_len);
}

int ltv_customer_table_find(const ltv_customer_table *table, const char *customer_id, size_t id_len,
                            uint64_t *out_index) {
    LTV_REQUIRE(table, "ltv_customer_table_find");
    return ltv_ledger_find(table->ids, customer_id, id_len, out_index);
}

void ltv__customer_table_facts(const ltv_customer_table *table, uint32_t c, int32_t as_of_day,
                               ltv_customer_facts *f) {
    const ltv__customer_row *row = &table->rows[c];
    memset(f, 0, sizeof *f);
    const int32_t last = row->last_order_day != LTV_NO_DAY ? row->last_order_day : as_of_day - row->recency_days;
    const bool any = row->orders > 0;
    f->first_order_day = f->second_order_day = LTV_NO_DAY; /* no history: unknown */
    f->last_order_day = any ? last : LTV_NO_DAY;
    f->orders = row->orders;
    f->amount = row->revenue;
    f->tenure_days = -1; /* unknown: nobody is a fan */
    f->recency_days = any ? as_of_day - last : -1;
    f->first_event_day = f->cancel_day = f->last_visit_day = LTV_NO_DAY;
    f->order_days = row->orders; /* one order a day, for PyMC's frequency */
}

int ltv__customer_table_check_as_of(const ltv_customer_table *table, int32_t as_of_day) {
    for (size_t c = 0; c < table->count; c++) {
        const ltv__customer_row *row = &table->rows[c];
        const int64_t last = row->last_order_day != LTV_NO_DAY ? row->last_order_day
                                                                : (int64_t)as_of_day - row->recency_days;
        if (row->orders > 0 && (last >= as_of_day || last < LTV_DAY_MIN)) {
            size_t len;
            const char *id = ltv__customer_id(table->ids, (uint32_t)c, &len);
            return ltv__fail(LTV_ERANGE, "customer '%.*s': the last order (day %lld) is not before the as-of day %d; "
                             "aggregates cannot be cut at a day, so choose an as-of day after every last order",
                             (int)(len > 64 ? 64 : len), id, (long long)last, (int)as_of_day);
        }
    }
    return LTV_OK;
}
