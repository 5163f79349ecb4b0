/* The Arrow C Data Interface export, read back by a small consumer written from the
 * specification (not from our producer): formats, buffer counts, offsets, validity bitmaps,
 * values equal to the library's own getters, and the release rules (children moved out and
 * released in any order, the source freed before the array). */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"

/* ---- the consumer ---------------------------------------------------------------------- */

/* Buffers a spec-conforming array of this format has, and the width of its values. */
static int layout_of(const char *format, int *width) {
    if (!strcmp(format, "c") || !strcmp(format, "C")) return *width = 1, 2;
    if (!strcmp(format, "i") || !strcmp(format, "tdD")) return *width = 4, 2;
    if (!strcmp(format, "l")) return *width = 8, 2;
    if (!strcmp(format, "u")) return *width = 4, 3;
    if (!strcmp(format, "U")) return *width = 8, 3;
    cr_assert_fail("unexpected format %s", format);
    return 0;
}

/* Checks what the specification requires of a struct array and its children. */
static void consume_struct(const struct ArrowSchema *schema, const struct ArrowArray *array) {
    cr_assert_str_eq(schema->format, "+s");
    cr_assert_not_null(schema->release);
    cr_assert_not_null(array->release);
    cr_assert_eq(schema->n_children, array->n_children);
    cr_assert_eq(array->n_buffers, 1, "a struct array has one buffer, its validity bitmap");
    cr_assert_eq(array->null_count, 0);
    cr_assert_eq(array->offset, 0);
    for (int64_t i = 0; i < array->n_children; i++) {
        const struct ArrowSchema *cs = schema->children[i];
        const struct ArrowArray *ca = array->children[i];
        cr_assert_not_null(cs->name);
        cr_assert_not_null(cs->release);
        cr_assert_not_null(ca->release);
        cr_assert_eq(ca->length, array->length, "column %s", cs->name);
        int width;
        cr_assert_eq(ca->n_buffers, layout_of(cs->format, &width), "column %s", cs->name);
        for (int64_t k = 1; k < ca->n_buffers; k++) cr_assert_not_null(ca->buffers[k], "column %s buffer %lld", cs->name, (long long)k);
        if (ca->null_count != 0) {
            cr_assert(cs->flags & ARROW_FLAG_NULLABLE, "nulls in a non-nullable column %s", cs->name);
            cr_assert_not_null(ca->buffers[0]);
            int64_t nulls = 0;
            const uint8_t *bits = ca->buffers[0];
            for (int64_t r = 0; r < ca->length; r++) nulls += !(bits[r / 8] >> (r % 8) & 1);
            cr_assert_eq(nulls, ca->null_count, "column %s", cs->name);
        }
        if (ca->n_buffers == 3) { /* offsets rise from 0 */
            for (int64_t r = 0; r < ca->length; r++) {
                int64_t a = width == 4 ? ((const int32_t *)ca->buffers[1])[r] : ((const int64_t *)ca->buffers[1])[r];
                int64_t b = width == 4 ? ((const int32_t *)ca->buffers[1])[r + 1] : ((const int64_t *)ca->buffers[1])[r + 1];
                cr_assert(r > 0 || a == 0);
                cr_assert(b >= a);
            }
        }
    }
}

static const struct ArrowArray *column(const struct ArrowSchema *schema, const struct ArrowArray *array, const char *name,
                                       const char **format) {
    for (int64_t i = 0; i < schema->n_children; i++)
        if (!strcmp(schema->children[i]->name, name)) {
            *format = schema->children[i]->format;
            return array->children[i];
        }
    cr_assert_fail("no column %s", name);
    return NULL;
}

static void id_at(const struct ArrowSchema *schema, const struct ArrowArray *array, int64_t r, const char **id, size_t *len) {
    const char *format;
    const struct ArrowArray *ids = column(schema, array, "customer_id", &format);
    int64_t a, b;
    if (!strcmp(format, "u")) {
        a = ((const int32_t *)ids->buffers[1])[r];
        b = ((const int32_t *)ids->buffers[1])[r + 1];
    } else {
        a = ((const int64_t *)ids->buffers[1])[r];
        b = ((const int64_t *)ids->buffers[1])[r + 1];
    }
    *id = (const char *)ids->buffers[2] + a;
    *len = (size_t)(b - a);
}

#define VALUE(schema, array, name, type, r)                                                                     \
    ({                                                                                                          \
        const char *f_;                                                                                         \
        ((const type *)column(schema, array, name, &f_)->buffers[1])[r];                                      \
    })

/* ---- the tests ------------------------------------------------------------------------- */

static ltv_ledger *sample(void) {
    fx_log log = fx_log_generate(3000, 400, 21);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    fx_add(ledger, "an id longer than fourteen bytes", LTV_EVENT_VISIT, "2025-01-01", 0, 0); /* no order */
    fx_log_free(&log);
    return ledger;
}

Test(arrow, segmentation_columns_read_back_by_a_spec_consumer) {
    ltv_ledger *ledger = sample();
    ltv_segmentation *seg;
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day("2026-11-01")), LTV_OK);
    struct ArrowSchema schema;
    struct ArrowArray array;
    cr_assert_eq(ltv_segmentation_to_arrow(seg, &schema, &array), LTV_OK, "%s", ltv_last_error());
    consume_struct(&schema, &array);
    cr_assert_eq(schema.n_children, 12);
    cr_assert_eq((uint64_t)array.length, ltv_ledger_customer_count(ledger));
    for (int64_t r = 0; r < array.length; r++) {
        const char *id, *want;
        size_t len, want_len;
        id_at(&schema, &array, r, &id, &len);
        cr_assert_eq(ltv_ledger_customer_id(ledger, (uint64_t)r, &want, &want_len), LTV_OK);
        cr_assert(len == want_len && !memcmp(id, want, len), "id of row %lld", (long long)r);
        ltv_customer_segment c;
        cr_assert_eq(ltv_segmentation_customer(seg, (uint64_t)r, &c, sizeof c), LTV_OK);
        cr_assert_eq(VALUE(&schema, &array, "state", int8_t, r), c.state);
        cr_assert_eq(VALUE(&schema, &array, "rank", int8_t, r), c.rank);
        cr_assert_eq(VALUE(&schema, &array, "r", uint8_t, r), c.r);
        cr_assert_eq(VALUE(&schema, &array, "f", uint8_t, r), c.f);
        cr_assert_eq(VALUE(&schema, &array, "m", uint8_t, r), c.m);
        cr_assert_eq(VALUE(&schema, &array, "preset", uint8_t, r), c.preset);
        cr_assert_eq(VALUE(&schema, &array, "flags", uint8_t, r), c.flags);
        cr_assert_eq(VALUE(&schema, &array, "recency_days", int32_t, r), c.recency_days);
        cr_assert_eq(VALUE(&schema, &array, "orders", int32_t, r), c.orders);
        cr_assert_eq(VALUE(&schema, &array, "annual_ltv", int64_t, r), c.annual_ltv);
        cr_assert_eq(VALUE(&schema, &array, "lifetime_ltv", int64_t, r), c.lifetime_ltv);
    }
    /* Zero-copy: the state column is the segmentation's own. */
    const void *state;
    size_t n;
    cr_assert_eq(ltv_segmentation_column(seg, LTV_COLUMN_STATE, &state, &n), LTV_OK);
    const char *format;
    cr_assert_eq(column(&schema, &array, "state", &format)->buffers[1], state);
    /* The segmentation and the ledger may go before the array. */
    ltv_segmentation_free(seg);
    ltv_ledger_free(ledger);
    cr_assert_eq(VALUE(&schema, &array, "orders", int32_t, 0), VALUE(&schema, &array, "orders", int32_t, 0));
    /* A child moved out outlives its parent. */
    struct ArrowArray moved = *array.children[9];
    array.children[9]->release = NULL;
    array.release(&array);
    cr_assert_null(array.release);
    cr_assert_eq(moved.length, (int64_t)n);
    (void)((const int32_t *)moved.buffers[1])[n - 1];
    moved.release(&moved);
    cr_assert_null(moved.release);
    schema.release(&schema);
    cr_assert_null(schema.release);
}

Test(arrow, facts_with_null_days) {
    ltv_ledger *ledger = sample();
    const int32_t as_of = fx_day("2026-01-01");
    struct ArrowSchema schema;
    struct ArrowArray array;
    cr_assert_eq(ltv_ledger_facts_to_arrow(ledger, as_of, &schema, &array), LTV_OK, "%s", ltv_last_error());
    consume_struct(&schema, &array);
    int64_t null_seconds = 0;
    for (int64_t r = 0; r < array.length; r++) {
        ltv_customer_facts f;
        cr_assert_eq(ltv_ledger_facts(ledger, (uint64_t)r, as_of, &f, sizeof f), LTV_OK);
        const char *format;
        const struct ArrowArray *second = column(&schema, &array, "second_order_day", &format);
        cr_assert_str_eq(format, "tdD");
        const bool valid = !second->buffers[0] || (((const uint8_t *)second->buffers[0])[r / 8] >> (r % 8) & 1);
        cr_assert_eq(valid, f.second_order_day != LTV_NO_DAY);
        if (valid) cr_assert_eq(((const int32_t *)second->buffers[1])[r], f.second_order_day);
        null_seconds += !valid;
        cr_assert_eq(VALUE(&schema, &array, "orders", int32_t, r), f.orders);
        cr_assert_eq(VALUE(&schema, &array, "recency_days", int32_t, r), f.recency_days);
        cr_assert_eq(VALUE(&schema, &array, "amount", int64_t, r), f.amount);
        cr_assert_eq(VALUE(&schema, &array, "year_amount", int64_t, r), f.year_amount);
        cr_assert_eq(VALUE(&schema, &array, "items", int64_t, r), f.items);
        cr_assert_eq(VALUE(&schema, &array, "visits", int32_t, r), f.visits);
    }
    cr_assert_gt(null_seconds, 0);
    array.release(&array);
    schema.release(&schema);
    cr_assert_eq(ltv_ledger_facts_to_arrow(ledger, LTV_DAY_MAX + 2, &schema, &array), LTV_ERANGE);
    cr_assert_null(array.release);
    ltv_ledger_free(ledger);
}

Test(arrow, streams_of_one_batch_and_empty_ledgers) {
    ltv_ledger *ledger = sample();
    ltv_segmentation *seg;
    cr_assert_eq(ltv_segment_run(&seg, ledger, NULL, fx_day("2026-11-01")), LTV_OK);
    struct ArrowArrayStream stream;
    cr_assert_eq(ltv_segmentation_to_arrow_stream(seg, &stream), LTV_OK);
    ltv_segmentation_free(seg);
    struct ArrowSchema schema;
    struct ArrowArray array;
    cr_assert_eq(stream.get_schema(&stream, &schema), 0);
    cr_assert_eq(stream.get_next(&stream, &array), 0);
    consume_struct(&schema, &array);
    cr_assert_eq((uint64_t)array.length, ltv_ledger_customer_count(ledger));
    struct ArrowArray end;
    cr_assert_eq(stream.get_next(&stream, &end), 0);
    cr_assert_null(end.release, "the second batch is the end of the stream");
    cr_assert_null(stream.get_last_error(&stream));
    array.release(&array);
    schema.release(&schema);
    stream.release(&stream);
    cr_assert_null(stream.release);
    /* A stream released before its batch was taken frees it. */
    cr_assert_eq(ltv_ledger_facts_to_arrow_stream(ledger, fx_day("2026-11-01"), &stream), LTV_OK);
    stream.release(&stream);
    ltv_ledger_free(ledger);

    ltv_ledger *empty = fx_ledger();
    cr_assert_eq(ltv_segment_run(&seg, empty, NULL, fx_day("2026-11-01")), LTV_OK);
    cr_assert_eq(ltv_segmentation_to_arrow(seg, &schema, &array), LTV_OK);
    consume_struct(&schema, &array);
    cr_assert_eq(array.length, 0);
    array.release(&array);
    schema.release(&schema);
    ltv_segmentation_free(seg);
    ltv_ledger_free(empty);
}
