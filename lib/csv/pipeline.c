/* Chunks handed from the CSV parser to the interner (see csv_pipeline.h). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "csv_pipeline.h"

#define CHUNKS 3

struct ltv__csv_pipeline {
    ltv_ledger *stage;
    ltv__orders *orders;
    bool threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    ltv__csv_chunk chunks[CHUNKS];
    ltv__csv_chunk *free_list[CHUNKS], *queue[CHUNKS];
    size_t free_count, queue_head, queue_count;
    bool closing;
    int status;
    char message[512];
    uint64_t rows_lost;
};

/* Adds one chunk's rows to the staging ledger, 32 ids per interning batch. Runs on the
 * interner only; what it reports is published under the lock by its caller. */
static int intern_chunk(ltv_ledger *stage, const ltv__csv_chunk *chunk, char *message, size_t message_len,
                        uint64_t *rows_lost) {
    if (chunk->reserve_events && ltv_ledger_reserve(stage, chunk->reserve_customers, chunk->reserve_events) != LTV_OK)
        ltv_clear_error(); /* only a hint */
    int status = ltv__ledger_reserve_events(stage, chunk->count);
    if (status != LTV_OK) {
        snprintf(message, message_len, "%s", ltv_last_error());
        *rows_lost = chunk->count;
        return status;
    }
    for (size_t start = 0; start < chunk->count; start += LTV_INTERN_BATCH) {
        const size_t n = chunk->count - start < LTV_INTERN_BATCH ? chunk->count - start : LTV_INTERN_BATCH;
        ltv__id_ref ids[LTV_INTERN_BATCH];
        uint32_t customer[LTV_INTERN_BATCH];
        for (size_t k = 0; k < n; k++) ids[k] = chunk->rows[start + k].id;
        size_t done = 0;
        status = ltv__ledger_intern_batch(stage, ids, n, customer, &done);
        for (size_t k = 0; k < done; k++) {
            const ltv__csv_row *row = &chunk->rows[start + k];
            ltv__ledger_append(stage, customer[k], row->kind, row->day, row->amount, row->items);
        }
        if (status != LTV_OK) {
            snprintf(message, message_len, "line %llu: %s", (unsigned long long)chunk->rows[start + done].line,
                     ltv_last_error());
            *rows_lost = chunk->count - start - done;
            return status;
        }
    }
    return LTV_OK;
}

/* Interns a chunk unless an earlier one failed, and records a failure. Call without the lock
 * held; pipe->status is only written here, by the one thread that interns. */
static void consume(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk, bool locked_publish) {
    char message[sizeof pipe->message] = "";
    uint64_t lost = chunk->count + chunk->line_count;
    int status = LTV_OK;
    if (pipe->status == LTV_OK && pipe->orders) {
        status = ltv__orders_consume(pipe->orders, pipe->stage, chunk, message, sizeof message);
        lost = status == LTV_OK ? 0 : lost; /* the report is settled by ltv__orders_finish */
    } else if (pipe->status == LTV_OK) {
        lost = 0;
        status = intern_chunk(pipe->stage, chunk, message, sizeof message, &lost);
    }
    if (locked_publish) pthread_mutex_lock(&pipe->lock);
    pipe->rows_lost += lost;
    if (status != LTV_OK && pipe->status == LTV_OK) {
        pipe->status = status;
        memcpy(pipe->message, message, sizeof message);
    }
    if (locked_publish) pthread_mutex_unlock(&pipe->lock);
}

static void give_back(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk) {
    chunk->count = 0;
    chunk->line_count = 0;
    chunk->reserve_events = chunk->reserve_customers = 0;
    pipe->free_list[pipe->free_count++] = chunk;
}

static void *interner(void *arg) {
    ltv__csv_pipeline *pipe = arg;
    pthread_mutex_lock(&pipe->lock);
    for (;;) {
        while (pipe->queue_count == 0 && !pipe->closing) pthread_cond_wait(&pipe->changed, &pipe->lock);
        if (pipe->queue_count == 0) break;
        ltv__csv_chunk *chunk = pipe->queue[pipe->queue_head];
        pthread_mutex_unlock(&pipe->lock);
        consume(pipe, chunk, true); /* only this thread touches the stage */
        pthread_mutex_lock(&pipe->lock);
        pipe->queue_head = (pipe->queue_head + 1) % CHUNKS;
        pipe->queue_count--;
        give_back(pipe, chunk);
        pthread_cond_broadcast(&pipe->changed);
    }
    pthread_mutex_unlock(&pipe->lock);
    return NULL;
}

int ltv__csv_pipeline_start(ltv__csv_pipeline **out, ltv_ledger *stage, ltv__orders *orders, size_t chunk_bytes) {
    ltv__csv_pipeline *pipe = ltv__calloc(1, sizeof *pipe);
    if (!pipe) return ltv__fail(LTV_ENOMEM, "out of memory for the loader");
    pipe->stage = stage;
    pipe->orders = orders;
    pthread_mutex_init(&pipe->lock, NULL);
    pthread_cond_init(&pipe->changed, NULL);
    for (size_t i = 0; i < CHUNKS; i++) {
        pipe->chunks[i].buf = ltv__malloc(chunk_bytes);
        pipe->chunks[i].capacity = chunk_bytes;
        pipe->free_list[pipe->free_count++] = &pipe->chunks[i];
        if (!pipe->chunks[i].buf) {
            ltv__csv_pipeline_finish(pipe, NULL, NULL, 0);
            return ltv__fail(LTV_ENOMEM, "out of memory for the read buffers");
        }
    }
    pipe->threaded = ltv__thread_budget() > 1 && pthread_create(&pipe->thread, NULL, interner, pipe) == 0;
    *out = pipe;
    return LTV_OK;
}

int ltv__csv_pipeline_acquire(ltv__csv_pipeline *pipe, ltv__csv_chunk **out) {
    pthread_mutex_lock(&pipe->lock);
    while (pipe->free_count == 0) pthread_cond_wait(&pipe->changed, &pipe->lock);
    *out = pipe->free_list[--pipe->free_count];
    pthread_mutex_unlock(&pipe->lock);
    return LTV_OK;
}

ltv__csv_row *ltv__csv_chunk_add_row(ltv__csv_chunk *chunk) {
    if (chunk->count == chunk->row_capacity) {
        size_t capacity = chunk->row_capacity ? chunk->row_capacity * 2 : 65536;
        ltv__csv_row *grown = ltv__realloc_array(chunk->rows, capacity, sizeof *grown);
        if (!grown) return NULL;
        chunk->rows = grown;
        chunk->row_capacity = capacity;
    }
    return &chunk->rows[chunk->count++];
}

ltv__csv_line *ltv__csv_chunk_add_line(ltv__csv_chunk *chunk, bool with_money) {
    if (chunk->line_count == chunk->line_capacity || (with_money && !chunk->money)) {
        size_t capacity = chunk->line_count == chunk->line_capacity
                              ? (chunk->line_capacity ? chunk->line_capacity * 2 : 16384)
                              : chunk->line_capacity;
        ltv__csv_line *grown = ltv__realloc_array(chunk->lines, capacity, sizeof *grown);
        if (!grown) return NULL;
        chunk->lines = grown;
        if (with_money) {
            ltv__line_money *money = ltv__realloc_array(chunk->money, capacity, sizeof *money);
            if (!money) return NULL; /* lines grew: capacity stays, so money grows on the next try */
            chunk->money = money;
        }
        chunk->line_capacity = capacity;
    }
    return &chunk->lines[chunk->line_count++];
}

int ltv__csv_pipeline_submit(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk) {
    if (!pipe->threaded) {
        consume(pipe, chunk, false);
        give_back(pipe, chunk);
    }
    pthread_mutex_lock(&pipe->lock);
    if (pipe->threaded) {
        pipe->queue[(pipe->queue_head + pipe->queue_count) % CHUNKS] = chunk;
        pipe->queue_count++;
        pthread_cond_broadcast(&pipe->changed);
    }
    /* A failure shows at the next submit; the parser then stops early. */
    const int status = pipe->status;
    char message[sizeof pipe->message];
    memcpy(message, pipe->message, sizeof message);
    pthread_mutex_unlock(&pipe->lock);
    return status == LTV_OK ? LTV_OK : ltv__fail(status, "%s", message);
}

void ltv__csv_pipeline_release(ltv__csv_pipeline *pipe, ltv__csv_chunk *chunk) {
    pthread_mutex_lock(&pipe->lock);
    give_back(pipe, chunk);
    pthread_cond_broadcast(&pipe->changed);
    pthread_mutex_unlock(&pipe->lock);
}

int ltv__csv_pipeline_finish(ltv__csv_pipeline *pipe, uint64_t *rows_lost, char *message, size_t message_len) {
    if (pipe->threaded) {
        pthread_mutex_lock(&pipe->lock);
        pipe->closing = true;
        pthread_cond_broadcast(&pipe->changed);
        pthread_mutex_unlock(&pipe->lock);
        pthread_join(pipe->thread, NULL);
    }
    const int status = pipe->status;
    if (message && message_len) snprintf(message, message_len, "%s", pipe->message);
    if (rows_lost) *rows_lost = pipe->rows_lost;
    for (size_t i = 0; i < CHUNKS; i++) {
        ltv__free(pipe->chunks[i].buf);
        ltv__free(pipe->chunks[i].rows);
        ltv__free(pipe->chunks[i].lines);
        ltv__free(pipe->chunks[i].money);
    }
    pthread_mutex_destroy(&pipe->lock);
    pthread_cond_destroy(&pipe->changed);
    ltv__free(pipe);
    return status;
}
