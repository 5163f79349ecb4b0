/* A segment summary as bytes, to travel between processes (docs/shards.md, "Summary bytes"):
 * a fixed header, the integers, the lists, and an XXH64 of everything before it. The lists
 * are sorted, so each value is written as its gap from the one before, and counts are mostly
 * 1: both as LEB128 varints, two or three bytes an entry instead of sixteen. Opened bytes are
 * checked whole — checksum, sizes, order and every total — before use. */
#include <string.h>

#include "segment_internal.h"

#define MAGIC "LTVSEGS\0"
#define VERSION 1u
#define BYTE_ORDER_MARK 0x01020304u
#define HEADER_BYTES 32 /* magic 8, version 4, byte order 4, settings 4, as-of 4, flags 4, lists 4 */
#define SUMS_FIELDS 7
#define GROUPS (LTV_STATE_COUNT + LTV_RANK_COUNT)
/* after the header: customers, basis total, the groups' sums, the settings, the lists' lengths */
#define FIXED_BYTES(params) (HEADER_BYTES + 16 + GROUPS * SUMS_FIELDS * 8 + 8 * (size_t)(params) + 8 * LTV__LISTS)

typedef struct header {
    char magic[8];
    uint32_t version, byte_order, settings;
    int32_t as_of;
    uint32_t flags, lists;
} header;
_Static_assert(sizeof(header) == HEADER_BYTES, "the header has no padding");

typedef struct cursor {
    unsigned char *at;
} cursor;

static void put(cursor *c, const void *data, size_t len) {
    memcpy(c->at, data, len);
    c->at += len;
}
static void put_u64(cursor *c, uint64_t v) { put(c, &v, 8); }

/* LEB128: seven bits a byte, low bits first, the high bit set on every byte but the last. */
static size_t varint_bytes(uint64_t v) {
    size_t n = 1;
    while (v >= 0x80) v >>= 7, n++;
    return n;
}
static void put_varint(cursor *c, uint64_t v) {
    while (v >= 0x80) *c->at++ = (unsigned char)(v | 0x80), v >>= 7;
    *c->at++ = (unsigned char)v;
}

/* A list's entries: the first value zigzag-coded (it may be negative), then each value's gap
 * from the previous one (at least 1); each followed by its count. */
static uint64_t zigzag(int64_t v) { return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0); }
static uint64_t gap(const ltv__value_counts *l, size_t i) {
    return i == 0 ? zigzag(l->value[0]) : (uint64_t)l->value[i] - (uint64_t)l->value[i - 1];
}
static size_t list_bytes(const ltv__value_counts *l) {
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++) n += varint_bytes(gap(l, i)) + varint_bytes(l->count[i]);
    return n;
}

static void sums_fields(const ltv__group_sums *g, uint64_t out[SUMS_FIELDS]) {
    const uint64_t fields[SUMS_FIELDS] = {g->customers, g->orders, g->year_orders, (uint64_t)g->revenue,
                                          (uint64_t)g->year_revenue, (uint64_t)g->basis, g->active_days};
    memcpy(out, fields, sizeof fields);
}

static const ltv__group_sums *group(const ltv_segment_summary *sum, int g) {
    return g < LTV_STATE_COUNT ? &sum->states[g] : &sum->ranks[g - LTV_STATE_COUNT];
}

int ltv_segment_summary_save_buffer(const ltv_segment_summary *sum, void **out_data, size_t *out_len) {
    LTV_REQUIRE(sum, "ltv_segment_summary_save_buffer");
    LTV_REQUIRE(out_data, "ltv_segment_summary_save_buffer");
    LTV_REQUIRE(out_len, "ltv_segment_summary_save_buffer");
    *out_data = NULL;
    *out_len = 0;
    size_t len = FIXED_BYTES(LTV__SEG_PARAMS) + 8;
    for (int l = 0; l < LTV__LISTS; l++) len += list_bytes(&sum->lists[l]);
    unsigned char *bytes = ltv__malloc(len);
    if (!bytes) return ltv__fail(LTV_ENOMEM, "ltv_segment_summary_save_buffer: out of memory for %zu bytes", len);
    cursor c = {bytes};
    header h = {MAGIC, VERSION, BYTE_ORDER_MARK, LTV__SEG_PARAMS, sum->as_of, sum->any_visits ? 1u : 0u, LTV__LISTS};
    put(&c, &h, sizeof h);
    put_u64(&c, sum->customers);
    put_u64(&c, (uint64_t)sum->basis_total);
    for (int g = 0; g < GROUPS; g++) {
        uint64_t fields[SUMS_FIELDS];
        sums_fields(group(sum, g), fields);
        put(&c, fields, sizeof fields);
    }
    put(&c, sum->params, sizeof sum->params);
    for (int l = 0; l < LTV__LISTS; l++) put_u64(&c, sum->lists[l].len);
    for (int l = 0; l < LTV__LISTS; l++)
        for (size_t i = 0; i < sum->lists[l].len; i++) {
            put_varint(&c, gap(&sum->lists[l], i));
            put_varint(&c, sum->lists[l].count[i]);
        }
    put_u64(&c, ltv__xxh64(bytes, len - 8));
    *out_data = bytes;
    *out_len = len;
    return LTV_OK;
}

/* ---- opening ------------------------------------------------------------------------------ */

#define REFUSE(...) ltv__fail(LTV_EFORMAT, "ltv_segment_summary_open_buffer: " __VA_ARGS__)

static uint64_t get_u64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static const char *const list_names[LTV__LISTS] = {"recency",       "frequency",         "monetary",
                                                   "LTV basis",     "excellent annual",  "general annual"};

/* The header: magic, byte order, version, shape and checksum. */
static int check_header(const unsigned char *b, size_t len, header *h) {
    if (len < HEADER_BYTES || memcmp(b, MAGIC, 8) != 0) return REFUSE("not a segment summary (no LTVSEGS magic)");
    memcpy(h, b, sizeof *h);
    if (h->byte_order != BYTE_ORDER_MARK) return REFUSE("written on a machine of the other byte order");
    if (h->version != VERSION) return REFUSE("format version %u; this library reads version %u", h->version, VERSION);
    if (h->settings != LTV__SEG_PARAMS)
        return REFUSE("made with %u segmentation settings; this library has %d", h->settings, LTV__SEG_PARAMS);
    if (h->flags > 1) return REFUSE("unknown flags 0x%x", h->flags);
    if (h->lists != LTV__LISTS) return REFUSE("%u value lists; the format has %d", h->lists, LTV__LISTS);
    if (len < FIXED_BYTES(LTV__SEG_PARAMS) + 8) return REFUSE("truncated: %zu bytes", len);
    if (ltv__xxh64(b, len - 8) != get_u64(b + len - 8)) return REFUSE("checksum mismatch (corrupt or truncated)");
    return LTV_OK;
}

/* One varint at *at (before end): false if it runs past the end or past 64 bits. */
static bool get_varint(const unsigned char **at, const unsigned char *end, uint64_t *out) {
    uint64_t v = 0;
    for (int shift = 0; *at < end && shift < 64; shift += 7) {
        const unsigned char byte = *(*at)++;
        if (shift == 63 && byte > 1) return false;
        v |= (uint64_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

/* The lists' lengths against the size (an entry takes at least two bytes), then each list:
 * ascending values, counts above zero, counts that add up to the customers they describe,
 * and nothing left over. */
static int read_lists(ltv_segment_summary *sum, const unsigned char *b, size_t len) {
    const unsigned char *lengths = b + FIXED_BYTES(LTV__SEG_PARAMS) - 8 * LTV__LISTS;
    const size_t room = (len - FIXED_BYTES(LTV__SEG_PARAMS) - 8) / 2;
    size_t total = 0;
    for (int l = 0; l < LTV__LISTS; l++) {
        const uint64_t n = get_u64(lengths + 8 * l);
        if (n > room - total) return REFUSE("the %s list's length %llu exceeds the bytes", list_names[l], (unsigned long long)n);
        total += (size_t)n;
    }
    const unsigned char *at = b + FIXED_BYTES(LTV__SEG_PARAMS), *const end = b + len - 8;
    const uint64_t expected[LTV__LISTS] = {sum->customers, sum->customers, sum->customers, sum->customers,
                                           sum->ranks[LTV_RANK_EXCELLENT].customers,
                                           sum->ranks[LTV_RANK_GENERAL].customers};
    for (int l = 0; l < LTV__LISTS; l++) {
        ltv__value_counts *list = &sum->lists[l];
        list->len = (size_t)get_u64(lengths + 8 * l);
        list->value = ltv__malloc((list->len ? list->len : 1) * 8);
        list->count = ltv__malloc((list->len ? list->len : 1) * 8);
        if (!list->value || !list->count) return ltv__fail(LTV_ENOMEM, "ltv_segment_summary_open_buffer: out of memory");
        uint64_t customers = 0;
        for (size_t i = 0; i < list->len; i++) {
            uint64_t step, count;
            if (!get_varint(&at, end, &step) || !get_varint(&at, end, &count))
                return REFUSE("the %s list's entry %zu is cut short or not a number", list_names[l], i + 1);
            if (i == 0) {
                list->value[0] = (int64_t)(step >> 1) ^ -(int64_t)(step & 1); /* zigzag back */
            } else {
                list->value[i] = (int64_t)((uint64_t)list->value[i - 1] + step);
                if (step == 0 || list->value[i] <= list->value[i - 1])
                    return REFUSE("the %s list is not strictly ascending at entry %zu", list_names[l], i + 1);
            }
            list->count[i] = count;
            if (count == 0 || customers + count < customers)
                return REFUSE("the %s list's count at entry %zu is out of range", list_names[l], i + 1);
            customers += count;
        }
        if (customers != expected[l])
            return REFUSE("the %s list counts %llu customers, the totals %llu", list_names[l],
                          (unsigned long long)customers, (unsigned long long)expected[l]);
    }
    if (at != end) return REFUSE("%zu bytes after the lists", (size_t)(end - at));
    if (sum->customers && (sum->lists[LTV__LIST_RECENCY].value[0] < 0 || sum->lists[LTV__LIST_FREQUENCY].value[0] < 1))
        return REFUSE("a recency below 0 or an order count below 1");
    return LTV_OK;
}

/* The totals agree: states and ranks count the customers, the states' bases add up. */
static int check_totals(const ltv_segment_summary *sum) {
    uint64_t customers = 0, ranked = 0;
    int64_t basis = 0, revenue = 0, year_revenue = 0;
    bool fits = true; /* the run adds these as int64: so must the ledgers they came from have */
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        const ltv__group_sums *g = &sum->states[s];
        customers += g->customers;
        fits = fits && ltv__add_i64(basis, g->basis, &basis) && ltv__add_i64(revenue, g->revenue, &revenue) &&
               ltv__add_i64(year_revenue, g->year_revenue, &year_revenue);
    }
    for (int r = 0; r < LTV_RANK_COUNT; r++) ranked += sum->ranks[r].customers;
    if (!fits || customers != sum->customers || ranked > sum->customers || basis != sum->basis_total)
        return REFUSE("the states' and ranks' totals disagree with the customers (%llu) or the LTV basis total",
                      (unsigned long long)sum->customers);
    for (int p = 0; p < LTV__SEG_PARAMS; p++) {
        const ltv__setting *item = &ltv__segment_setting_items[p];
        if (sum->params[p] < item->min || sum->params[p] > item->max)
            return REFUSE("%s %lld is outside %lld..%lld", item->name, (long long)sum->params[p], (long long)item->min,
                          (long long)item->max);
    }
    return LTV_OK;
}

int ltv_segment_summary_open_buffer(ltv_segment_summary **out, const void *data, size_t len) {
    LTV_REQUIRE(out, "ltv_segment_summary_open_buffer");
    *out = NULL;
    LTV_REQUIRE(data, "ltv_segment_summary_open_buffer");
    const unsigned char *b = data;
    header h;
    int status = check_header(b, len, &h);
    if (status != LTV_OK) return status;
    ltv_segment_summary *sum = ltv__calloc(1, sizeof *sum);
    if (!sum) return ltv__fail(LTV_ENOMEM, "ltv_segment_summary_open_buffer: out of memory");
    sum->as_of = h.as_of;
    sum->any_visits = h.flags == 1;
    uint64_t totals[2];
    memcpy(totals, b + HEADER_BYTES, sizeof totals);
    sum->customers = totals[0];
    sum->basis_total = (int64_t)totals[1];
    const unsigned char *at = b + HEADER_BYTES + 16;
    for (int g = 0; g < GROUPS; g++, at += SUMS_FIELDS * 8) {
        uint64_t f[SUMS_FIELDS];
        memcpy(f, at, sizeof f);
        const ltv__group_sums read = {f[0], f[1], f[2], (int64_t)f[3], (int64_t)f[4], (int64_t)f[5], f[6]};
        *(g < LTV_STATE_COUNT ? &sum->states[g] : &sum->ranks[g - LTV_STATE_COUNT]) = read;
    }
    memcpy(sum->params, at, sizeof sum->params);
    if (sum->as_of < LTV_DAY_MIN || sum->as_of > LTV_DAY_MAX + 1) status = REFUSE("as-of day %d out of range", sum->as_of);
    if (status == LTV_OK) status = check_totals(sum);
    if (status == LTV_OK) status = read_lists(sum, b, len);
    if (status != LTV_OK) {
        ltv__summary_release(sum);
        return status;
    }
    *out = sum;
    return LTV_OK;
}
