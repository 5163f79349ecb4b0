/* Arrow C Data Interface export of a segmentation's columns and of the ledger's facts, written
 * from the specification. One export is one refcounted "batch": the array structs, their
 * buffer lists and the memory the export owns (ids, facts); the parent array, each child and
 * the stream hold a reference, so a consumer may move children out and release them in any
 * order. A segmentation's numeric columns are not copied: the batch holds a reference to it. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "ltvcrm/arrow.h"
#include "segment_internal.h"

#define MAX_COLUMNS 20

typedef struct column_spec {
    const char *name, *format;
    int nullable;
} column_spec;

static const column_spec segment_columns[] = {
    {"customer_id", NULL, 0}, {"state", "c", 0},        {"rank", "c", 0},   {"r", "C", 0},
    {"f", "C", 0},            {"m", "C", 0},            {"preset", "C", 0}, {"flags", "C", 0},
    {"recency_days", "i", 0}, {"orders", "i", 0},       {"annual_ltv", "l", 0}, {"lifetime_ltv", "l", 0},
};
#define SEGMENT_COLUMNS (sizeof segment_columns / sizeof segment_columns[0])

static const column_spec facts_columns[] = {
    {"customer_id", NULL, 0},     {"first_order_day", "tdD", 1}, {"second_order_day", "tdD", 1},
    {"last_order_day", "tdD", 1}, {"first_event_day", "tdD", 1}, {"cancel_day", "tdD", 1},
    {"orders", "i", 0},           {"year_orders", "i", 0},       {"refunds", "i", 0},
    {"visits", "i", 0},           {"year_visits", "i", 0},       {"tenure_days", "i", 0},
    {"recency_days", "i", 0},     {"amount", "l", 0},            {"year_amount", "l", 0},
    {"refund_amount", "l", 0},    {"items", "l", 0},
};
#define FACTS_COLUMNS (sizeof facts_columns / sizeof facts_columns[0])
#define FACTS_DAYS 5
#define FACTS_I32 7

/* What an empty column's buffers point to: the specification wants no NULL data buffer. */
static const int64_t empty_buffer[8];

/* ---- schemas ------------------------------------------------------------------------ */

typedef struct schema_block {
    struct ArrowSchema children[MAX_COLUMNS];
    struct ArrowSchema *pointers[MAX_COLUMNS];
} schema_block;

static void release_child_schema(struct ArrowSchema *schema) { schema->release = NULL; }

static void release_schema(struct ArrowSchema *schema) {
    schema_block *block = schema->private_data;
    for (int64_t i = 0; i < schema->n_children; i++)
        if (block->children[i].release) block->children[i].release(&block->children[i]);
    ltv__free(block);
    schema->release = NULL;
}

static int make_schema(const column_spec *cols, size_t count, bool large_ids, struct ArrowSchema *out) {
    schema_block *block = ltv__calloc(1, sizeof *block);
    if (!block) return ltv__fail(LTV_ENOMEM, "arrow export: out of memory");
    for (size_t i = 0; i < count; i++) {
        block->children[i] = (struct ArrowSchema){
            .format = cols[i].format ? cols[i].format : large_ids ? "U" : "u",
            .name = cols[i].name,
            .flags = cols[i].nullable ? ARROW_FLAG_NULLABLE : 0,
            .release = release_child_schema,
        };
        block->pointers[i] = &block->children[i];
    }
    *out = (struct ArrowSchema){.format = "+s", .name = "", .n_children = (int64_t)count, .children = block->pointers,
                                .release = release_schema, .private_data = block};
    return LTV_OK;
}

/* ---- arrays ------------------------------------------------------------------------- */

typedef struct batch {
    atomic_long refs;
    ltv_segmentation *seg; /* a reference, or NULL */
    void *owned;           /* ids (offsets and bytes) and computed columns */
    size_t owned_bytes;
    struct ArrowArray children[MAX_COLUMNS];
    struct ArrowArray *pointers[MAX_COLUMNS];
    const void *buffers[MAX_COLUMNS][3];
    const void *parent_buffers[1];
} batch;

static void batch_drop(batch *b) {
    if (atomic_fetch_sub(&b->refs, 1) != 1) return;
    ltv_segmentation_free(b->seg); /* drops the reference the batch held */
    ltv__big_free(b->owned, b->owned_bytes);
    ltv__free(b);
}

static void release_child_array(struct ArrowArray *array) {
    batch_drop(array->private_data);
    array->release = NULL;
}

static void release_array(struct ArrowArray *array) {
    batch *b = array->private_data;
    for (int64_t i = 0; i < array->n_children; i++)
        if (b->children[i].release) b->children[i].release(&b->children[i]);
    array->release = NULL;
    batch_drop(b);
}

/* The id column's size: offsets (int32, or int64 when the bytes reach 2 GiB) and bytes. */
static int ids_size(const ltv_ledger *ledger, uint64_t n, bool *large, size_t *offset_bytes, size_t *data_bytes) {
    uint64_t total = 0;
    for (uint64_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        int status = ltv_ledger_customer_id(ledger, i, &id, &len);
        if (status != LTV_OK) return status;
        total += len;
    }
    *large = total > INT32_MAX;
    *offset_bytes = (size_t)(n + 1) * (*large ? 8 : 4);
    *data_bytes = (size_t)total;
    return LTV_OK;
}

static void write_ids(const ltv_ledger *ledger, uint64_t n, bool large, void *offsets, char *data) {
    uint64_t at = 0;
    for (uint64_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        ltv_ledger_customer_id(ledger, i, &id, &len);
        if (large) ((int64_t *)offsets)[i] = (int64_t)at;
        else ((int32_t *)offsets)[i] = (int32_t)at;
        memcpy(data + at, id, len);
        at += len;
    }
    if (large) ((int64_t *)offsets)[n] = (int64_t)at;
    else ((int32_t *)offsets)[n] = (int32_t)at;
}

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

/* A batch for n rows with `extra` bytes of owned memory after the ids; ids written. */
static int batch_new(const ltv_ledger *ledger, uint64_t n, size_t extra, batch **out, bool *large, void **rest) {
    size_t offset_bytes, data_bytes;
    int status = ids_size(ledger, n, large, &offset_bytes, &data_bytes);
    if (status != LTV_OK) return status;
    batch *b = ltv__calloc(1, sizeof *b);
    if (!b) return ltv__fail(LTV_ENOMEM, "arrow export: out of memory");
    atomic_init(&b->refs, 1);
    b->owned_bytes = round8(offset_bytes) + round8(data_bytes) + extra + 8;
    b->owned = ltv__big_alloc(b->owned_bytes);
    if (!b->owned) {
        ltv__free(b);
        return ltv__fail(LTV_ENOMEM, "arrow export: out of memory for %llu customers", (unsigned long long)n);
    }
    char *base = b->owned;
    write_ids(ledger, n, *large, base, base + round8(offset_bytes));
    b->buffers[0][0] = NULL;
    b->buffers[0][1] = base;
    b->buffers[0][2] = data_bytes ? (const void *)(base + round8(offset_bytes)) : (const void *)empty_buffer;
    *rest = base + round8(offset_bytes) + round8(data_bytes);
    *out = b;
    return LTV_OK;
}

/* Fills the parent and the children once every column's buffers are in b->buffers. */
static void batch_finish(batch *b, uint64_t n, size_t count, const int64_t *null_counts, struct ArrowArray *out) {
    for (size_t i = 0; i < count; i++) {
        for (int k = 1; k < 3; k++)
            if (!b->buffers[i][k]) b->buffers[i][k] = empty_buffer;
        b->children[i] = (struct ArrowArray){
            .length = (int64_t)n,
            .null_count = null_counts ? null_counts[i] : 0,
            .n_buffers = i == 0 ? 3 : 2,
            .buffers = b->buffers[i],
            .release = release_child_array,
            .private_data = b,
        };
        b->pointers[i] = &b->children[i];
    }
    atomic_fetch_add(&b->refs, (long)count);
    *out = (struct ArrowArray){.length = (int64_t)n, .n_buffers = 1, .n_children = (int64_t)count,
                               .buffers = b->parent_buffers, .children = b->pointers, .release = release_array,
                               .private_data = b};
}

static int segmentation_batch(const ltv_segmentation *seg, struct ArrowArray *out, bool *large) {
    const uint64_t n = seg->n;
    batch *b;
    void *rest;
    int status = batch_new(seg->ledger, n, 0, &b, large, &rest);
    if (status != LTV_OK) return status;
    for (size_t i = 1; i < SEGMENT_COLUMNS; i++) {
        const void *data;
        size_t len;
        ltv_segmentation_column(seg, (int)(i - 1), &data, &len);
        b->buffers[i][1] = data;
    }
    ltv__segmentation_retain((ltv_segmentation *)(uintptr_t)seg);
    b->seg = (ltv_segmentation *)(uintptr_t)seg;
    batch_finish(b, n, SEGMENT_COLUMNS, NULL, out);
    return LTV_OK;
}

static int facts_batch(const ltv_ledger *ledger, int32_t as_of, struct ArrowArray *out, bool *large) {
    const uint64_t n = ltv_ledger_customer_count(ledger);
    const size_t bitmap = round8((size_t)(n + 7) / 8);
    const size_t extra = FACTS_DAYS * (bitmap + round8((size_t)n * 4)) + FACTS_I32 * round8((size_t)n * 4) +
                         (FACTS_COLUMNS - 1 - FACTS_DAYS - FACTS_I32) * (size_t)n * 8;
    batch *b;
    void *rest;
    int status = batch_new(ledger, n, extra, &b, large, &rest);
    if (status != LTV_OK) return status;
    char *at = rest;
    uint8_t *valid[FACTS_DAYS];
    int32_t *days[FACTS_DAYS], *i32[FACTS_I32];
    int64_t *i64[4];
    for (int k = 0; k < FACTS_DAYS; k++) {
        valid[k] = (uint8_t *)at;
        memset(at, 0, bitmap);
        at += bitmap;
        days[k] = (int32_t *)(void *)at;
        at += round8((size_t)n * 4);
    }
    for (int k = 0; k < FACTS_I32; k++, at += round8((size_t)n * 4)) i32[k] = (int32_t *)(void *)at;
    for (int k = 0; k < 4; k++, at += (size_t)n * 8) i64[k] = (int64_t *)(void *)at;
    int64_t nulls[MAX_COLUMNS] = {0};
    for (uint64_t c = 0; c < n && status == LTV_OK; c++) {
        ltv_customer_facts f;
        status = ltv_ledger_facts(ledger, c, as_of, &f, sizeof f);
        const int32_t day[FACTS_DAYS] = {f.first_order_day, f.second_order_day, f.last_order_day, f.first_event_day,
                                         f.cancel_day};
        for (int k = 0; k < FACTS_DAYS; k++) {
            if (day[k] == LTV_NO_DAY) {
                days[k][c] = 0;
                nulls[1 + k]++;
            } else {
                days[k][c] = day[k];
                valid[k][c / 8] |= (uint8_t)(1u << (c % 8));
            }
        }
        const int32_t ints[FACTS_I32] = {f.orders, f.year_orders, f.refunds, f.visits, f.year_visits, f.tenure_days,
                                         f.recency_days};
        for (int k = 0; k < FACTS_I32; k++) i32[k][c] = ints[k];
        i64[0][c] = f.amount;
        i64[1][c] = f.year_amount;
        i64[2][c] = f.refund_amount;
        i64[3][c] = f.items;
    }
    if (status != LTV_OK) {
        batch_drop(b);
        return status;
    }
    for (int k = 0; k < FACTS_DAYS; k++) {
        b->buffers[1 + k][0] = nulls[1 + k] ? valid[k] : NULL;
        b->buffers[1 + k][1] = days[k];
    }
    for (int k = 0; k < FACTS_I32; k++) b->buffers[1 + FACTS_DAYS + k][1] = i32[k];
    for (int k = 0; k < 4; k++) b->buffers[1 + FACTS_DAYS + FACTS_I32 + k][1] = i64[k];
    batch_finish(b, n, FACTS_COLUMNS, nulls, out);
    return LTV_OK;
}

/* ---- the public exports ------------------------------------------------------------- */

static void clear(struct ArrowSchema *schema, struct ArrowArray *array) {
    if (schema) memset(schema, 0, sizeof *schema);
    if (array) memset(array, 0, sizeof *array);
}

int ltv_segmentation_to_arrow(const ltv_segmentation *seg, struct ArrowSchema *out_schema, struct ArrowArray *out_array) {
    clear(out_schema, out_array);
    LTV_REQUIRE(seg, "ltv_segmentation_to_arrow");
    LTV_REQUIRE(out_schema, "ltv_segmentation_to_arrow");
    LTV_REQUIRE(out_array, "ltv_segmentation_to_arrow");
    bool large;
    int status = segmentation_batch(seg, out_array, &large);
    if (status == LTV_OK) status = make_schema(segment_columns, SEGMENT_COLUMNS, large, out_schema);
    if (status != LTV_OK && out_array->release) out_array->release(out_array);
    return status;
}

int ltv_ledger_facts_to_arrow(const ltv_ledger *ledger, int32_t as_of_day, struct ArrowSchema *out_schema,
                              struct ArrowArray *out_array) {
    clear(out_schema, out_array);
    LTV_REQUIRE(ledger, "ltv_ledger_facts_to_arrow");
    LTV_REQUIRE(out_schema, "ltv_ledger_facts_to_arrow");
    LTV_REQUIRE(out_array, "ltv_ledger_facts_to_arrow");
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_facts_to_arrow: as-of day %d is outside %d..%d", as_of_day, LTV_DAY_MIN,
                         LTV_DAY_MAX + 1);
    bool large;
    int status = facts_batch(ledger, as_of_day, out_array, &large);
    if (status == LTV_OK) status = make_schema(facts_columns, FACTS_COLUMNS, large, out_schema);
    if (status != LTV_OK && out_array->release) out_array->release(out_array);
    return status;
}

/* ---- streams of one batch ------------------------------------------------------------- */

typedef struct one_batch_stream {
    const column_spec *cols;
    size_t count;
    bool large, delivered;
    struct ArrowArray batch;
    char error[256];
} one_batch_stream;

static int stream_schema(struct ArrowArrayStream *stream, struct ArrowSchema *out) {
    one_batch_stream *s = stream->private_data;
    if (make_schema(s->cols, s->count, s->large, out) != LTV_OK) {
        snprintf(s->error, sizeof s->error, "%s", ltv_last_error());
        return ENOMEM;
    }
    return 0;
}

static int stream_next(struct ArrowArrayStream *stream, struct ArrowArray *out) {
    one_batch_stream *s = stream->private_data;
    if (s->delivered) {
        memset(out, 0, sizeof *out); /* released: the end of the stream */
        return 0;
    }
    *out = s->batch; /* moved to the consumer */
    s->delivered = true;
    return 0;
}

static const char *stream_error(struct ArrowArrayStream *stream) {
    one_batch_stream *s = stream->private_data;
    return s->error[0] ? s->error : NULL;
}

static void stream_release(struct ArrowArrayStream *stream) {
    one_batch_stream *s = stream->private_data;
    if (!s->delivered && s->batch.release) s->batch.release(&s->batch);
    ltv__free(s);
    stream->release = NULL;
}

static int make_stream(const column_spec *cols, size_t count, struct ArrowArrayStream *out, one_batch_stream **s) {
    *s = ltv__calloc(1, sizeof **s);
    if (!*s) return ltv__fail(LTV_ENOMEM, "arrow export: out of memory");
    (*s)->cols = cols;
    (*s)->count = count;
    *out = (struct ArrowArrayStream){stream_schema, stream_next, stream_error, stream_release, *s};
    return LTV_OK;
}

int ltv_segmentation_to_arrow_stream(const ltv_segmentation *seg, struct ArrowArrayStream *out) {
    LTV_REQUIRE(out, "ltv_segmentation_to_arrow_stream");
    memset(out, 0, sizeof *out);
    LTV_REQUIRE(seg, "ltv_segmentation_to_arrow_stream");
    one_batch_stream *s;
    int status = make_stream(segment_columns, SEGMENT_COLUMNS, out, &s);
    if (status == LTV_OK) status = segmentation_batch(seg, &s->batch, &s->large);
    if (status != LTV_OK && out->release) out->release(out);
    return status;
}

int ltv_ledger_facts_to_arrow_stream(const ltv_ledger *ledger, int32_t as_of_day, struct ArrowArrayStream *out) {
    LTV_REQUIRE(out, "ltv_ledger_facts_to_arrow_stream");
    memset(out, 0, sizeof *out);
    LTV_REQUIRE(ledger, "ltv_ledger_facts_to_arrow_stream");
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "ltv_ledger_facts_to_arrow_stream: as-of day %d is outside %d..%d", as_of_day,
                         LTV_DAY_MIN, LTV_DAY_MAX + 1);
    one_batch_stream *s;
    int status = make_stream(facts_columns, FACTS_COLUMNS, out, &s);
    if (status == LTV_OK) status = facts_batch(ledger, as_of_day, &s->batch, &s->large);
    if (status != LTV_OK && out->release) out->release(out);
    return status;
}
