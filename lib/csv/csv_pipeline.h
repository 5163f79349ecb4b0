/* The CSV loader's two stages: the caller's thread parses chunks of input into rows, and
 * an interner (a second thread when the thread budget allows, else the same thread) adds
 * the rows of each finished chunk to the staging ledger. Chunks go through in file order,
 * so customers get the same indices either way. */
#ifndef LTVCRM_CSV_PIPELINE_H
#define LTVCRM_CSV_PIPELINE_H

#include "ledger_internal.h"

typedef struct ltv__csv_row {
    ltv__id_ref id; /* points into the chunk's buffer */
    uint64_t line;
    int64_t amount;
    int32_t day, items;
    uint8_t kind;
} ltv__csv_row;

typedef struct ltv__csv_chunk {
    char *buf;
    size_t capacity;
    ltv__csv_row *rows;
    size_t count, row_capacity;
    uint64_t reserve_events, reserve_customers; /* a sizing hint for the interner, or 0 */
} ltv__csv_chunk;

typedef struct ltv__csv_pipeline ltv__csv_pipeline;

int ltv__csv_pipeline_start(ltv__csv_pipeline **out, ltv_ledger *stage, size_t chunk_bytes);
/* An empty chunk to fill (waits while all chunks are in use). */
int ltv__csv_pipeline_acquire(ltv__csv_pipeline *pipe, ltv__csv_chunk **out);
/* Appends a row slot to a chunk; NULL when out of memory. */
ltv__csv_row *ltv__csv_chunk_add_row(ltv__csv_chunk *chunk);
/* Hands a filled chunk to the interner. Returns the interner's failure, if it has failed. */
int ltv__csv_pipeline_submit(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk);
/* Returns an unused chunk without interning it. */
void ltv__csv_pipeline_release(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk);
/* Waits for the interner, releases everything, and returns its status; its message goes to
 * message[message_len] (the caller decides whether it becomes the thread's last error).
 * *rows_lost receives the rows parsed but not added because the interner failed. */
int ltv__csv_pipeline_finish(ltv__csv_pipeline *pipe, uint64_t *rows_lost, char *message, size_t message_len);

#endif
