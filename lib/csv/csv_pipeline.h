/* The CSV loader's two stages: the caller's thread parses chunks of input into rows, and
 * an interner (a second thread when the thread budget allows, else the same thread) adds
 * the rows of each finished chunk to the staging ledger. Chunks go through in file order,
 * so customers get the same indices either way. */
#ifndef LTVCRM_CSV_PIPELINE_H
#define LTVCRM_CSV_PIPELINE_H

#include "csv_internal.h"
#include "ledger_internal.h"

typedef struct ltv__csv_row {
    ltv__id_ref id; /* points into the chunk's buffer */
    uint64_t line;
    int64_t amount;
    int32_t day, items;
    uint8_t kind;
} ltv__csv_row;

/* Which order-level values a line carries (ltv__csv_line.present). */
enum {
    LTV__HAS_TOTAL = 1,
    LTV__HAS_SHIPPING = 2,
    LTV__HAS_DISCOUNT = 4,
    LTV__HAS_REFUND = 8,
    LTV__HAS_STATUS = 16,
    LTV__HAS_DAY = 32 /* an order's later lines may leave the date empty (Shopify): they inherit it */
};

/* One row in order mode (see orders.c): a line of an order, or an event of another kind.
 * 56 bytes: ids are offsets into the chunk's buffer (an order id is hashed only if the ids
 * need sorting), and the order-level money columns go to a parallel array
 * (ltv__csv_chunk.money) only when one of them is mapped. */
typedef struct ltv__csv_line {
    uint64_t line;
    uint64_t customer_hash;
    int64_t amount;
    uint32_t customer_at, customer_len; /* the customer key in the chunk's buffer; len 0: none */
    uint32_t order_at, order_len;       /* the order id; len 0: the line is an order of its own */
    int32_t day, items;
    uint32_t status_value; /* index into the orders' status values */
    uint8_t present, kind, status_rule;
} ltv__csv_line;

/* A line's order-level money (present bits say which were given). */
typedef struct ltv__line_money {
    int64_t total, shipping, discount, refund;
} ltv__line_money;

typedef struct ltv__csv_chunk {
    char *buf;
    size_t capacity;
    ltv__csv_row *rows;
    size_t count, row_capacity;
    ltv__csv_line *lines; /* order mode: rows go here instead */
    ltv__line_money *money; /* beside lines, when money columns are mapped (else NULL) */
    size_t line_count, line_capacity;
    uint64_t reserve_events, reserve_customers; /* a sizing hint for the interner, or 0 */
} ltv__csv_chunk;

/* ---- order mode: orders formed from lines, statuses, guests, occasions (orders.c) ---- */

typedef struct ltv__orders ltv__orders;

/* What the header told: where each column is and what it is called. Filled by the parser
 * before the first chunk is submitted; read-only afterwards. */
typedef struct ltv__orders_layout {
    int column_of[LTV_CSV_COLUMNS];
    const char *names[LTV_CSV_COLUMNS];
} ltv__orders_layout;

int ltv__orders_new(ltv__orders **out, const ltv_csv_options *opts);
/* Tests only: the hash that groups order ids in loads started afterwards (NULL: the loader's
 * own), so that different ids can be made to collide. Not thread-safe. */
void ltv__orders_test_hash(uint64_t (*hash)(const char *id, size_t len));
void ltv__orders_free(ltv__orders *orders);
ltv__orders_layout *ltv__orders_layout_of(ltv__orders *orders);
/* The index of a status value as written (parser thread; copied on first sight). */
int ltv__orders_status_value(ltv__orders *orders, const char *text, size_t len, uint32_t *out_index);
/* Records one chunk's lines (interner thread): customer keys interned into the staging
 * ledger, events of other kinds appended, order lines kept (with their order ids copied) for
 * ltv__orders_finish. Failure: status, message set. */
int ltv__orders_consume(ltv__orders *orders, ltv_ledger *stage, const ltv__csv_chunk *chunk, char *message,
                        size_t message_len);
/* Groups the kept lines into orders (lines with one order id, adjacent or not, in order of
 * first appearance: a radix sort of the ids' hashes, not a table probe per line), folds each
 * line into its order in file order (rejecting the lines that disagree), turns the orders into
 * events of the stage and settles the report (caller's thread, after the interner has
 * finished). */
/* Turns the orders into events of the stage and settles the report (caller's thread, after
 * the interner has finished). */
int ltv__orders_finish(ltv__orders *orders, ltv_ledger *stage, ltv_load_report *report);

/* ---- the pipeline ---- */

typedef struct ltv__csv_pipeline ltv__csv_pipeline;

/* `orders` NULL: rows are events as they are; else lines go through ltv__orders_consume(). */
int ltv__csv_pipeline_start(ltv__csv_pipeline **out, ltv_ledger *stage, ltv__orders *orders, size_t chunk_bytes);
/* An empty chunk to fill (waits while all chunks are in use). */
int ltv__csv_pipeline_acquire(ltv__csv_pipeline *pipe, ltv__csv_chunk **out);
/* Appends a row slot to a chunk; NULL when out of memory. */
ltv__csv_row *ltv__csv_chunk_add_row(ltv__csv_chunk *chunk);
/* with_money: grows chunk->money beside the lines. */
ltv__csv_line *ltv__csv_chunk_add_line(ltv__csv_chunk *chunk, bool with_money);
/* Hands a filled chunk to the interner. Returns the interner's failure, if it has failed. */
int ltv__csv_pipeline_submit(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk);
/* Returns an unused chunk without interning it. */
void ltv__csv_pipeline_release(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk);
/* Waits for the interner, releases everything, and returns its status; its message goes to
 * message[message_len] (the caller decides whether it becomes the thread's last error).
 * *rows_lost receives the rows parsed but not added because the interner failed. */
int ltv__csv_pipeline_finish(ltv__csv_pipeline *pipe, uint64_t *rows_lost, char *message, size_t message_len);

#endif
