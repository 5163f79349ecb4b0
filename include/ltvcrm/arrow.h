/**
 * @file arrow.h
 * @brief Per-customer results and facts as Arrow arrays, through the Arrow C Data Interface,
 * so that pandas, Polars, DuckDB or pyarrow take them without a copy and without an Arrow
 * dependency on either side.
 *
 * Each export fills an `ArrowSchema` and an `ArrowArray` (or an `ArrowArrayStream` of one
 * batch) as the Arrow specification's "C Data Interface" and "C Stream Interface" define
 * them: a struct array (a record batch) with one child per column, the customer id first as
 * `utf8` (or `large_utf8` when the ids take 2 GiB or more). The struct definitions below are
 * the specification's ABI, copied verbatim under its include guards, so that a program that
 * also includes Arrow's own `abi.h` sees one definition.
 *
 * **Ownership.** The caller owns what it receives: it calls `release` on the schema and the
 * array (or the stream) when done, or moves them to a consumer that will (pyarrow's
 * `_import_from_c`, the PyCapsule protocol, DuckDB's `arrow_scan`). Numeric columns of a
 * segmentation point into the segmentation's own memory (no copy); the export keeps that
 * memory alive, so the segmentation may be freed before the array is released. Ids and facts
 * are written into memory that the array owns.
 *
 * **Threads.** An export reads its source like a query; released arrays may be released from
 * any thread.
 */
#ifndef LTVCRM_ARROW_H
#define LTVCRM_ARROW_H

#include "common.h"
#include "ledger.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
/** The specification's include guard of the C Data Interface structs. */
#define ARROW_C_DATA_INTERFACE

/** ArrowSchema::flags: the dictionary's order is meaningful. */
#define ARROW_FLAG_DICTIONARY_ORDERED 1
/** ArrowSchema::flags: the field may hold nulls. */
#define ARROW_FLAG_NULLABLE 2
/** ArrowSchema::flags: a map's keys are sorted. */
#define ARROW_FLAG_MAP_KEYS_SORTED 4

/** The Arrow C Data Interface's schema (the specification's ABI). */
struct ArrowSchema {
    /* Array type description */
    const char *format;             /**< The type: "+s" struct, "u" utf8, "U" large utf8, "i" int32, ... */
    const char *name;               /**< The field name. */
    const char *metadata;           /**< Key-value metadata, or NULL. */
    int64_t flags;                  /**< ARROW_FLAG_* bits. */
    int64_t n_children;             /**< Number of children. */
    struct ArrowSchema **children;  /**< The children's schemas. */
    struct ArrowSchema *dictionary; /**< The dictionary's schema, or NULL. */

    /* Release callback */
    void (*release)(struct ArrowSchema *); /**< Frees the schema; NULL once released or moved. */
    /* Opaque producer-specific data */
    void *private_data; /**< The producer's. */
};

/** The Arrow C Data Interface's array (the specification's ABI). */
struct ArrowArray {
    /* Array data description */
    int64_t length;                /**< Number of values. */
    int64_t null_count;            /**< Number of nulls (-1: not computed). */
    int64_t offset;                /**< Logical offset into the buffers. */
    int64_t n_buffers;             /**< Number of buffers. */
    int64_t n_children;            /**< Number of children. */
    const void **buffers;          /**< The buffers (validity bitmap first). */
    struct ArrowArray **children;  /**< The children's arrays. */
    struct ArrowArray *dictionary; /**< The dictionary, or NULL. */

    /* Release callback */
    void (*release)(struct ArrowArray *); /**< Frees the array; NULL once released or moved. */
    /* Opaque producer-specific data */
    void *private_data; /**< The producer's. */
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
/** The specification's include guard of the C Stream Interface struct. */
#define ARROW_C_STREAM_INTERFACE

/** The Arrow C Stream Interface's stream (the specification's ABI). */
struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out); /**< The stream's schema; 0 or an errno. */
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);    /**< The next batch (released at the end); 0 or an errno. */
    const char *(*get_last_error)(struct ArrowArrayStream *);             /**< The last error's text, or NULL. */

    /* Release callback */
    void (*release)(struct ArrowArrayStream *); /**< Frees the stream; NULL once released or moved. */

    /* Opaque producer-specific data */
    void *private_data; /**< The producer's. */
};

#endif /* ARROW_C_STREAM_INTERFACE */

/**
 * @brief Exports a segmentation's per-customer columns as one Arrow struct array.
 *
 * Columns, one row per customer in ledger index order: `customer_id` (utf8), `state` (int8,
 * ::ltv_state), `rank` (int8, ::ltv_rank), `r`, `f`, `m` (uint8 scores), `preset` (uint8),
 * `flags` (uint8, ::ltv_segment_flag bits), `recency_days` (int32, -1 without orders),
 * `orders` (int32), `annual_ltv` and `lifetime_ltv` (int64, minor units). No nulls. All but
 * `customer_id` point into the segmentation's memory.
 *
 * @param seg the segmentation; its ledger must still be alive during the call (for the ids).
 * @param out_schema receives the schema; the caller releases it.
 * @param out_array receives the array; the caller releases it.
 * @return ::LTV_OK, ::LTV_EINVAL (NULL), ::LTV_ENOMEM; on failure both outputs are released
 *         (their `release` is NULL).
 * @note Thread safety: reads the segmentation and its ledger like a query.
 */
LTV_API int ltv_segmentation_to_arrow(const ltv_segmentation *seg, struct ArrowSchema *out_schema,
                                      struct ArrowArray *out_array);

/**
 * @brief Exports a segmentation as an Arrow stream of one batch (see ltv_segmentation_to_arrow()).
 *
 * @param seg the segmentation; its ledger must still be alive during the call.
 * @param out receives the stream; the caller releases it.
 * @return ::LTV_OK, ::LTV_EINVAL, ::LTV_ENOMEM.
 * @note Thread safety: as ltv_segmentation_to_arrow(); one consumer at a time per stream.
 */
LTV_API int ltv_segmentation_to_arrow_stream(const ltv_segmentation *seg, struct ArrowArrayStream *out);

/**
 * @brief Exports every customer's facts as of a day (ltv_ledger_facts()) as one Arrow struct array.
 *
 * Columns: `customer_id` (utf8), `first_order_day`, `second_order_day`, `last_order_day`,
 * `first_event_day`, `cancel_day` (date32, null where there is no such day), `orders`,
 * `year_orders`, `refunds`, `visits`, `year_visits`, `tenure_days`, `recency_days` (int32;
 * the last two -1 without orders), `amount`, `year_amount`, `refund_amount`, `items` (int64).
 * The values are computed by the call into memory the array owns.
 *
 * @param ledger the ledger.
 * @param as_of_day events before this day count (::LTV_DAY_MIN..::LTV_DAY_MAX + 1).
 * @param out_schema receives the schema; the caller releases it.
 * @param out_array receives the array; the caller releases it.
 * @return ::LTV_OK, ::LTV_EINVAL, ::LTV_ERANGE (as_of_day), ::LTV_ENOMEM.
 * @note Thread safety: reads the ledger like a query.
 */
LTV_API int ltv_ledger_facts_to_arrow(const ltv_ledger *ledger, int32_t as_of_day, struct ArrowSchema *out_schema,
                                      struct ArrowArray *out_array);

/**
 * @brief Exports every customer's facts as an Arrow stream of one batch (see ltv_ledger_facts_to_arrow()).
 *
 * @param ledger the ledger.
 * @param as_of_day events before this day count.
 * @param out receives the stream; the caller releases it.
 * @return as ltv_ledger_facts_to_arrow().
 * @note Thread safety: reads the ledger like a query.
 */
LTV_API int ltv_ledger_facts_to_arrow_stream(const ltv_ledger *ledger, int32_t as_of_day, struct ArrowArrayStream *out);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_ARROW_H */
