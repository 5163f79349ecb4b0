/**
 * @file ledger.h
 * @brief The customer ledger: every customer's events, and the facts that follow as of a day.
 *
 * A ledger is built by adding events (one at a time, or in bulk from parallel columns) and
 * then queried. Each customer is identified by an id string and gets a dense index
 * `0 .. ltv_ledger_customer_count() - 1` in the order customers were first seen; that order
 * is stable while the ledger lives and only grows at the end.
 *
 * **As of a day.** Facts are computed "as of" a day A: only events on days *before* A count,
 * so A is the first day not yet in the data (pass the day after the last order to include
 * everything). The trailing year is the 365 days [A − 365, A). Recency is A − last order day.
 *
 * **Event kinds.** An order carries an amount and an item count. A refund carries the
 * refunded amount, stored as a negative number whatever its sign on input; it lowers the
 * customer's amount but is not an order. A visit (a use of a membership service) and a
 * membership cancel carry no money.
 *
 * **Merging.** A ledger built from one shard of a log and merged into a ledger of another
 * shard answers exactly like one ledger built from the whole log: a customer's events are
 * kept in a canonical order (by day, then kind, amount and items), so no fact depends on
 * the order in which events arrived.
 *
 * **Threads.** A ledger is not locked against concurrent modification: one thread may add
 * or merge at a time, with no readers. Once adding is finished, any number of threads may
 * query the same ledger at once (the first query prepares the internal layout under an
 * internal lock; ltv_ledger_prepare() does it up front).
 */
#ifndef LTVCRM_LEDGER_H
#define LTVCRM_LEDGER_H

#include "common.h"
#include "date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque customer ledger. */
typedef struct ltv_ledger ltv_ledger;

/** Longest customer id, in bytes. */
#define LTV_ID_MAX 1024
/** Largest item count of one event. */
#define LTV_ITEMS_MAX 1000000

/** Kinds of event. The values are part of the ABI. */
typedef enum ltv_event_kind {
    LTV_EVENT_ORDER = 0,  /**< A purchase: amount and items. */
    LTV_EVENT_REFUND = 1, /**< Money returned: lowers the amount, not an order. */
    LTV_EVENT_VISIT = 2,  /**< A use of a membership service, no money. */
    LTV_EVENT_CANCEL = 3  /**< The membership ends on this day (contractual churn). */
} ltv_event_kind;

/**
 * @brief One customer's facts as of a day, filled by ltv_ledger_facts().
 *
 * Days are day numbers (date.h); ::LTV_NO_DAY where there is no such day. Fields are only
 * ever added at the end; callers pass `sizeof` of their copy of the struct so that older
 * programs keep working with newer libraries.
 */
typedef struct ltv_customer_facts {
    int32_t first_order_day;  /**< First order, or ::LTV_NO_DAY. */
    int32_t second_order_day; /**< Second order (may equal the first), or ::LTV_NO_DAY. */
    int32_t last_order_day;   /**< Last order, or ::LTV_NO_DAY. */
    int32_t orders;           /**< Number of orders. */
    int64_t amount;           /**< Orders minus refunds, in minor units. */
    int64_t items;            /**< Items over all orders. */
    int32_t tenure_days;      /**< Last order − first order (0 with one order, -1 with none). */
    int32_t recency_days;     /**< As-of day − last order (-1 with no order). */
    int32_t year_orders;      /**< Orders in the trailing year [A − 365, A). */
    int32_t refunds;          /**< Number of refunds. */
    int64_t year_amount;      /**< Orders minus refunds in the trailing year. */
    int64_t refund_amount;    /**< Refunded money as a positive number. */
    int32_t visits;           /**< Number of visits (uses). */
    int32_t year_visits;      /**< Visits in the trailing year. */
    int32_t first_event_day;  /**< First event of any kind (membership start), or ::LTV_NO_DAY. */
    int32_t cancel_day;       /**< First membership cancel, or ::LTV_NO_DAY. */
    int32_t last_visit_day;   /**< Last visit (use), or ::LTV_NO_DAY. @since 1.1 */
    int32_t order_days;       /**< Distinct days with an order (PyMC-Marketing's frequency). @since 1.1 */
} ltv_customer_facts;

/**
 * @brief Totals over a whole ledger as of a day, filled by ltv_ledger_summary_as_of().
 *
 * Fields are only ever added at the end (see ltv_customer_facts).
 */
typedef struct ltv_ledger_summary {
    uint64_t customers;        /**< Customers with at least one order before the as-of day. */
    uint64_t repeat_customers; /**< Of those, customers with two or more orders. */
    uint64_t orders;           /**< Orders. */
    uint64_t refunds;          /**< Refunds. */
    uint64_t visits;           /**< Visits. */
    uint64_t cancels;          /**< Customers with a membership cancel. */
    int64_t revenue;           /**< Orders minus refunds, in minor units. */
    int64_t gross_revenue;     /**< Orders only, in minor units. */
    int64_t items;             /**< Items over all orders. */
    int32_t first_day;         /**< Earliest event counted, or ::LTV_NO_DAY. */
    int32_t last_day;          /**< Latest event counted, or ::LTV_NO_DAY. */
} ltv_ledger_summary;

/**
 * @brief Create an empty ledger.
 * @param[out] out Receives the new ledger; release it with ltv_ledger_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_ledger_new(ltv_ledger **out);

/**
 * @brief Release a ledger and everything it owns.
 * @param ledger The ledger, or NULL (no-op). Borrowed pointers into it become invalid.
 * @par Thread safety
 * No other thread may use the ledger during or after the call.
 */
LTV_API void ltv_ledger_free(ltv_ledger *ledger);

/**
 * @brief Reserve room for more customers and events, to avoid regrowth while loading.
 * @param ledger The ledger.
 * @param customers Expected number of additional customers.
 * @param events Expected number of additional events.
 * @return ::LTV_OK; ::LTV_EINVAL if @p ledger is NULL; ::LTV_ERANGE if the totals exceed the
 * ledger's limits (2^32 − 2 customers); ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the ledger: no concurrent use.
 */
LTV_API int ltv_ledger_reserve(ltv_ledger *ledger, uint64_t customers, uint64_t events);

/**
 * @brief Add one event.
 * @param ledger The ledger.
 * @param customer_id The customer's id, UTF-8, not necessarily NUL-terminated.
 * @param id_len Its length in bytes, 1..::LTV_ID_MAX.
 * @param kind An ::ltv_event_kind value.
 * @param day Day number of the event, ::LTV_DAY_MIN..::LTV_DAY_MAX.
 * @param amount Money in minor units: the order value, or the refunded value (either sign;
 * stored negative). Must be 0 for visits and cancels. A negative order amount is rejected:
 * use ::LTV_EVENT_REFUND.
 * @param items Items in an order, 0..::LTV_ITEMS_MAX (ignored for other kinds).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL ledger or id, an empty id or an unknown kind;
 * ::LTV_ERANGE for an id, day, amount or item count out of bounds; ::LTV_EENCODING for an id
 * that is not UTF-8; ::LTV_EOVERFLOW if the ledger's money would no longer fit in 64 bits;
 * ::LTV_ENOMEM. On failure nothing is added.
 * @par Thread safety
 * Modifies the ledger: no concurrent use.
 */
LTV_API int ltv_ledger_add_event(ltv_ledger *ledger, const char *customer_id, size_t id_len, int kind,
                                 int32_t day, int64_t amount, int32_t items);

/**
 * @brief Add one order: ltv_ledger_add_event() with ::LTV_EVENT_ORDER.
 * @param ledger The ledger.
 * @param customer_id The customer's id (see ltv_ledger_add_event()).
 * @param id_len Its length in bytes, 1..::LTV_ID_MAX.
 * @param day Day number of the order.
 * @param amount Order value in minor units, ≥ 0.
 * @param items Items in the order, 0..::LTV_ITEMS_MAX.
 * @return As ltv_ledger_add_event().
 * @par Thread safety
 * Modifies the ledger: no concurrent use.
 */
LTV_API int ltv_ledger_add_order(ltv_ledger *ledger, const char *customer_id, size_t id_len, int32_t day,
                                 int64_t amount, int32_t items);

/**
 * @brief Add many events from parallel columns; ids as one byte buffer with offsets.
 *
 * This is the path bindings use to hand over whole columns at once (Arrow's large-string
 * layout: the id of row i is `id_data[id_offsets[i] .. id_offsets[i + 1])`). The batch is
 * validated first and added only if every row is valid: on failure nothing is added and the
 * message names the first bad row (0-based) and field.
 * @param ledger The ledger.
 * @param n Number of rows (0 is allowed and adds nothing).
 * @param id_data Concatenated ids.
 * @param id_offsets n + 1 non-decreasing offsets into @p id_data, starting at 0 or more.
 * @param kinds n ::ltv_event_kind values, or NULL for all orders.
 * @param days n day numbers.
 * @param amounts n amounts in minor units, or NULL for 0 (see ltv_ledger_add_event()).
 * @param items n item counts, or NULL for 1 per order.
 * @return ::LTV_OK; ::LTV_EINVAL if a required pointer is NULL or offsets decrease;
 * otherwise as ltv_ledger_add_event() for the first bad row (::LTV_EENCODING for an id that
 * is not UTF-8).
 * @par Thread safety
 * Modifies the ledger: no concurrent use.
 */
LTV_API int ltv_ledger_add_events(ltv_ledger *ledger, size_t n, const char *id_data, const int64_t *id_offsets,
                                  const uint8_t *kinds, const int32_t *days, const int64_t *amounts,
                                  const int32_t *items);

/**
 * @brief Add many events from parallel columns; ids as fixed-width, NUL-padded records.
 *
 * The layout of a numpy `S<width>` array: the id of row i is the bytes
 * `ids[i * width ..]` up to the first NUL or @p width bytes. Otherwise as
 * ltv_ledger_add_events(): all rows or none.
 * @param ledger The ledger.
 * @param n Number of rows.
 * @param ids n * @p width bytes.
 * @param width Bytes per id record, 1..::LTV_ID_MAX.
 * @param kinds n kinds, or NULL for all orders.
 * @param days n day numbers.
 * @param amounts n amounts, or NULL for 0.
 * @param items n item counts, or NULL for 1 per order.
 * @return As ltv_ledger_add_events(); ::LTV_ERANGE for a width out of bounds.
 * @par Thread safety
 * Modifies the ledger: no concurrent use.
 */
LTV_API int ltv_ledger_add_events_fixed(ltv_ledger *ledger, size_t n, const char *ids, size_t width,
                                        const uint8_t *kinds, const int32_t *days, const int64_t *amounts,
                                        const int32_t *items);

/**
 * @brief Merge every event of @p src into @p dst.
 *
 * Afterwards @p dst answers exactly like a ledger built from both logs. Customers new to
 * @p dst are appended in @p src's order. @p src is not changed.
 * @param dst The ledger that grows.
 * @param src The ledger to copy from; must not be @p dst.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL or identical ledgers; ::LTV_ERANGE or
 * ::LTV_EOVERFLOW if the result would exceed the ledger's limits; ::LTV_ENOMEM. On failure
 * @p dst is unchanged.
 * @par Thread safety
 * Modifies @p dst (no concurrent use); reads @p src (other readers allowed).
 */
LTV_API int ltv_ledger_merge(ltv_ledger *dst, const ltv_ledger *src);

/**
 * @brief Organize the added events for querying now rather than on the first query.
 * @param ledger The ledger.
 * @return ::LTV_OK; ::LTV_EINVAL if @p ledger is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call concurrently with queries on the same ledger; not with adds.
 */
LTV_API int ltv_ledger_prepare(ltv_ledger *ledger);

/**
 * @brief Number of customers (ids seen, whatever their events).
 * @param ledger The ledger, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_ledger_customer_count(const ltv_ledger *ledger);

/**
 * @brief Number of events of all kinds.
 * @param ledger The ledger, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_ledger_event_count(const ltv_ledger *ledger);

/**
 * @brief Number of order events, whatever their day.
 * @param ledger The ledger, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_ledger_order_count(const ltv_ledger *ledger);

/**
 * @brief Number of visit (use) events, whatever their day.
 *
 * Segmentation and the planner count a member's visits as activity by default when this is
 * above 0 (::LTV_SEG_ACTIVITY).
 * @param ledger The ledger, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_ledger_visit_count(const ltv_ledger *ledger);

/**
 * @brief Revenue: all orders minus all refunds, in minor units, whatever their day.
 * @param ledger The ledger, or NULL (returns 0).
 * @return The sum.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int64_t ltv_ledger_revenue(const ltv_ledger *ledger);

/**
 * @brief The first and last day of any event.
 * @param ledger The ledger.
 * @param[out] out_first Receives the earliest day (may be NULL).
 * @param[out] out_last Receives the latest day (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p ledger is NULL; ::LTV_ENOTFOUND if it has no events.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_day_range(const ltv_ledger *ledger, int32_t *out_first, int32_t *out_last);

/**
 * @brief Find a customer's index by id.
 * @param ledger The ledger.
 * @param customer_id The id (not necessarily NUL-terminated).
 * @param id_len Its length in bytes.
 * @param[out] out_index Receives the index.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND if no customer has this
 * id (also for an empty or overlong id); ::LTV_EFORMAT for a snapshot opened with
 * ::LTV_OPEN_CHECK_ON_USE whose ids fail their check (snapshot.h).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_find(const ltv_ledger *ledger, const char *customer_id, size_t id_len,
                            uint64_t *out_index);

/**
 * @brief A customer's id.
 * @param ledger The ledger.
 * @param index 0..customer count − 1.
 * @param[out] out_id Receives a borrowed, NUL-terminated pointer, valid until the ledger is
 * modified or freed.
 * @param[out] out_len Receives the length in bytes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for an index out of range;
 * ::LTV_EFORMAT as ltv_ledger_find().
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_customer_id(const ltv_ledger *ledger, uint64_t index, const char **out_id,
                                   size_t *out_len);

/**
 * @brief One customer's facts as of a day.
 * @param ledger The ledger.
 * @param index 0..customer count − 1.
 * @param as_of_day The as-of day A: events before A count.
 * @param[out] out Receives the facts.
 * @param out_size `sizeof(*out)` as the caller knows it; only that many bytes are written.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an @p out_size below the first
 * version of the struct; ::LTV_ERANGE for an index or day out of range; ::LTV_ENOMEM (first
 * query only).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_facts(const ltv_ledger *ledger, uint64_t index, int32_t as_of_day,
                             ltv_customer_facts *out, size_t out_size);

/**
 * @brief Totals over all customers as of a day.
 * @param ledger The ledger.
 * @param as_of_day The as-of day A: events before A count.
 * @param[out] out Receives the totals.
 * @param out_size `sizeof(*out)` as the caller knows it.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a too small @p out_size;
 * ::LTV_ERANGE for a day out of range; ::LTV_ENOMEM (first query only).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_summary_as_of(const ltv_ledger *ledger, int32_t as_of_day, ltv_ledger_summary *out,
                                     size_t out_size);

/**
 * @brief A customer's events, in the ledger's canonical order (by day).
 *
 * With all four column pointers NULL and @p capacity 0, only the count is written.
 * @param ledger The ledger.
 * @param index 0..customer count − 1.
 * @param[out] kinds Receives the kinds (may be NULL).
 * @param[out] days Receives the days (may be NULL).
 * @param[out] amounts Receives the amounts, refunds negative (may be NULL).
 * @param[out] items Receives the item counts (may be NULL).
 * @param capacity Rows each non-NULL column can hold.
 * @param[out] out_len Receives the customer's number of events.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL ledger or @p out_len; ::LTV_ERANGE for an index
 * out of range; ::LTV_EBUFSIZE if @p capacity is too small (the needed count is written to
 * @p out_len); ::LTV_ENOMEM (first query only).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_ledger_customer_events(const ltv_ledger *ledger, uint64_t index, uint8_t *kinds, int32_t *days,
                                       int64_t *amounts, int32_t *items, size_t capacity, size_t *out_len);

/* ---- customer-level input --------------------------------------------------------------- */

/** Opaque table of customers with their aggregates and no events (customer-level input). @since 1.1 */
typedef struct ltv_customer_table ltv_customer_table;

/**
 * @brief Create an empty customer table.
 *
 * A customer table holds what shops and CRM exports often have instead of an order log: per
 * customer the number of orders, the last order (as a day or as days before the analysis
 * day) and the revenue, as R's `rfm_table_customer()` takes them. ltv_segment_run_customers()
 * scores it (RFM scores, named segments, states without fans, lifetime LTV); analyses that
 * need the event history (trailing year, ranks, tenure, the health check, the planner) do not
 * apply. Load one with ltv_customer_table_load_csv() (csv.h) or ltv_customer_table_add().
 * @param[out] out Receives the table; release with ltv_customer_table_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API int ltv_customer_table_new(ltv_customer_table **out);

/**
 * @brief Release a customer table.
 * @param table The table, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the table during the call.
 * @since 1.1
 */
LTV_API void ltv_customer_table_free(ltv_customer_table *table);

/**
 * @brief Add one customer with their aggregates.
 * @param table The table.
 * @param customer_id The id, UTF-8, 1..::LTV_ID_MAX bytes (not necessarily NUL-terminated).
 * @param id_len Its length in bytes.
 * @param orders Number of orders, 0..::LTV_ITEMS_MAX.
 * @param last_order_day The last order's day number, or ::LTV_NO_DAY when @p recency_days is given.
 * @param recency_days Days from the last order to the as-of day (R's `recency_days`), or -1
 * when @p last_order_day is given.
 * @param revenue Revenue in minor units (may be negative after refunds).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments, an empty id, both or neither of the day
 * and the recency, or an id already in the table; ::LTV_ERANGE for values out of bounds;
 * ::LTV_EENCODING for an id that is not UTF-8; ::LTV_EOVERFLOW if the revenue of all
 * customers would no longer sum in 64 bits; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the table: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_customer_table_add(ltv_customer_table *table, const char *customer_id, size_t id_len, int32_t orders,
                                   int32_t last_order_day, int32_t recency_days, int64_t revenue);

/**
 * @brief Number of customers in a table.
 * @param table The table, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_customer_table_count(const ltv_customer_table *table);

/**
 * @brief A customer's id, by index (the order customers were added in).
 * @param table The table.
 * @param index 0..count − 1.
 * @param[out] out_id Receives a borrowed NUL-terminated id, valid while the table lives and
 * is not modified.
 * @param[out] out_len Receives its length (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API int ltv_customer_table_customer_id(const ltv_customer_table *table, uint64_t index, const char **out_id,
                                           size_t *out_len);

/**
 * @brief A customer's index by id.
 * @param table The table.
 * @param customer_id The id (not necessarily NUL-terminated).
 * @param id_len Its length in bytes.
 * @param[out] out_index Receives the index.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND if no customer has this id.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API int ltv_customer_table_find(const ltv_customer_table *table, const char *customer_id, size_t id_len,
                                    uint64_t *out_index);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_LEDGER_H */
