/* Events the shop's platform reports (carts created, products viewed), keyed by customer
 * id, and the per-customer index the run builds from them. */
#include <stdlib.h>
#include <string.h>

#include "planner_internal.h"

#define EVENT_KINDS 2

static uint64_t hash_id(const char *id, size_t len) {
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)id[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

int ltv_plan_events_new(ltv_plan_events **out) {
    LTV_REQUIRE(out, "ltv_plan_events_new");
    *out = ltv__calloc(1, sizeof **out);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_plan_events_new: out of memory");
    return LTV_OK;
}

void ltv_plan_events_free(ltv_plan_events *events) {
    if (!events) return;
    ltv__free(events->id_data);
    ltv__free(events->id_offsets);
    ltv__free(events->table);
    ltv__free(events->ev_id);
    ltv__free(events->ev_kind);
    ltv__free(events->ev_day);
    ltv__free(events);
}

uint64_t ltv_plan_events_count(const ltv_plan_events *events) { return events ? events->n_events : 0; }

const char *ltv__plan_events_id(const ltv_plan_events *events, uint32_t slot, size_t *out_len) {
    uint64_t start = events->id_offsets[slot];
    const char *id = events->id_data + start;
    if (out_len) *out_len = strlen(id);
    return id;
}

bool ltv__plan_events_find(const ltv_plan_events *events, const char *id, size_t len, uint32_t *out_slot) {
    if (!events || events->table_cap == 0) return false;
    size_t mask = events->table_cap - 1;
    for (size_t pos = (size_t)hash_id(id, len) & mask;; pos = (pos + 1) & mask) {
        uint32_t entry = events->table[pos];
        if (entry == 0) return false;
        size_t got_len;
        const char *got = ltv__plan_events_id(events, entry - 1, &got_len);
        if (got_len == len && memcmp(got, id, len) == 0) {
            *out_slot = entry - 1;
            return true;
        }
    }
}

static bool grow_table(ltv_plan_events *events) {
    size_t cap = events->table_cap ? events->table_cap * 2 : 64;
    uint32_t *table = ltv__calloc(cap, sizeof *table);
    if (!table) return false;
    for (uint32_t slot = 0; slot < events->n_ids; slot++) {
        size_t len;
        const char *id = ltv__plan_events_id(events, slot, &len);
        size_t pos = (size_t)hash_id(id, len) & (cap - 1);
        while (table[pos]) pos = (pos + 1) & (cap - 1);
        table[pos] = slot + 1;
    }
    ltv__free(events->table);
    events->table = table;
    events->table_cap = cap;
    return true;
}

/* The customer's slot, interning the id if it is new. */
static int intern(ltv_plan_events *events, const char *id, size_t len, uint32_t *out_slot) {
    static const char func[] = "ltv_plan_events_add";
    if (ltv__plan_events_find(events, id, len, out_slot)) return LTV_OK;
    if (events->n_ids >= UINT32_MAX - 1)
        return ltv__fail(LTV_ERANGE, "%s: the list already has the maximum of %u customers", func, UINT32_MAX - 1);
    if ((size_t)(events->n_ids + 1) * 2 > events->table_cap && !grow_table(events))
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    if (events->n_ids == events->cap_ids) {
        uint32_t cap = events->cap_ids ? events->cap_ids * 2 : 64;
        uint64_t *grown = ltv__realloc_array(events->id_offsets, cap, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        events->id_offsets = grown;
        events->cap_ids = cap;
    }
    if (events->id_bytes + len + 1 > events->id_cap) {
        size_t cap = events->id_cap ? events->id_cap : 1024;
        while (cap < events->id_bytes + len + 1) cap *= 2;
        char *grown = ltv__realloc(events->id_data, cap);
        if (!grown) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        events->id_data = grown;
        events->id_cap = cap;
    }
    memcpy(events->id_data + events->id_bytes, id, len);
    events->id_data[events->id_bytes + len] = '\0';
    events->id_offsets[events->n_ids] = events->id_bytes;
    events->id_bytes += len + 1;
    uint32_t slot = events->n_ids++;
    size_t pos = (size_t)hash_id(id, len) & (events->table_cap - 1);
    while (events->table[pos]) pos = (pos + 1) & (events->table_cap - 1);
    events->table[pos] = slot + 1;
    *out_slot = slot;
    return LTV_OK;
}

int ltv_plan_events_add(ltv_plan_events *events, const char *customer_id, size_t id_len, int kind, int32_t day) {
    static const char func[] = "ltv_plan_events_add";
    LTV_REQUIRE(events, func);
    LTV_REQUIRE(customer_id, func);
    if (kind != LTV_PLATFORM_CART_CREATED && kind != LTV_PLATFORM_PRODUCT_VIEWED)
        return ltv__fail(LTV_EINVAL, "%s: kind %d is not an ltv_platform_event (0..1)", func, kind);
    if (id_len == 0 || id_len > LTV_ID_MAX)
        return ltv__fail(LTV_ERANGE, "%s: id length %zu is outside 1..%d bytes", func, id_len, LTV_ID_MAX);
    if (memchr(customer_id, '\0', id_len))
        return ltv__fail(LTV_EINVAL, "%s: customer id contains a NUL byte", func);
    size_t bad;
    if (!ltv__utf8_valid(customer_id, id_len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: customer id is not valid UTF-8 (byte %zu)", func, bad);
    if (day < LTV_DAY_MIN || day > LTV_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "%s: day %d is outside %d..%d", func, day, LTV_DAY_MIN, LTV_DAY_MAX);
    if (events->n_events == events->cap_events) {
        size_t cap = events->cap_events ? events->cap_events * 2 : 256;
        uint32_t *ids = ltv__realloc_array(events->ev_id, cap, sizeof *ids);
        if (ids) events->ev_id = ids;
        uint8_t *kinds = ltv__realloc_array(events->ev_kind, cap, sizeof *kinds);
        if (kinds) events->ev_kind = kinds;
        int32_t *days = ltv__realloc_array(events->ev_day, cap, sizeof *days);
        if (days) events->ev_day = days;
        if (!ids || !kinds || !days) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        events->cap_events = cap;
    }
    uint32_t slot;
    int status = intern(events, customer_id, id_len, &slot);
    if (status != LTV_OK) return status;
    events->ev_id[events->n_events] = slot;
    events->ev_kind[events->n_events] = (uint8_t)kind;
    events->ev_day[events->n_events] = day;
    events->n_events++;
    return LTV_OK;
}

static int compare_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Counting sort by (customer, kind), then each bucket sorted by day: O(events) plus the
 * small sorts, with two allocations for the whole list. */
int ltv__plan_event_index_build(const ltv_plan_events *events, ltv__plan_event_index *out) {
    out->offsets = NULL;
    out->days = NULL;
    size_t buckets = (size_t)events->n_ids * EVENT_KINDS;
    out->offsets = ltv__calloc(buckets + 1, sizeof *out->offsets);
    out->days = ltv__malloc((events->n_events ? events->n_events : 1) * sizeof *out->days);
    if (!out->offsets || !out->days) {
        ltv__plan_event_index_free(out);
        return LTV_ENOMEM;
    }
    for (size_t i = 0; i < events->n_events; i++) out->offsets[(size_t)events->ev_id[i] * EVENT_KINDS + events->ev_kind[i] + 1]++;
    for (size_t b = 0; b < buckets; b++) out->offsets[b + 1] += out->offsets[b];
    /* Fill using the bucket starts as cursors, then restore them. */
    for (size_t i = 0; i < events->n_events; i++) {
        size_t b = (size_t)events->ev_id[i] * EVENT_KINDS + events->ev_kind[i];
        out->days[out->offsets[b]++] = events->ev_day[i];
    }
    for (size_t b = buckets; b > 0; b--) out->offsets[b] = out->offsets[b - 1];
    out->offsets[0] = 0;
    for (size_t b = 0; b < buckets; b++) {
        size_t n = out->offsets[b + 1] - out->offsets[b];
        if (n > 1) qsort(out->days + out->offsets[b], n, sizeof *out->days, compare_i32);
    }
    return LTV_OK;
}

void ltv__plan_event_index_free(ltv__plan_event_index *index) {
    ltv__free(index->offsets);
    ltv__free(index->days);
    index->offsets = NULL;
    index->days = NULL;
}

void ltv__plan_event_index_get(const ltv__plan_event_index *index, uint32_t slot, ltv__plan_pevents *out) {
    for (int k = 0; k < EVENT_KINDS; k++) {
        size_t b = (size_t)slot * EVENT_KINDS + (size_t)k;
        out->days[k] = index->days + index->offsets[b];
        out->n[k] = index->offsets[b + 1] - index->offsets[b];
    }
}
