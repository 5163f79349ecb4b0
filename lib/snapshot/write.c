/* Writing snapshots: the layout of a prepared ledger, then its bytes to a file (crash-safe,
 * through ltv__file_replace: temporary file in the same directory, fsync, rename, fsync of the
 * directory) or to a buffer. The sections are written straight from the ledger's arrays. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_internal.h"

static uint64_t align_up(uint64_t n) { return (n + LTV__SNAP_ALIGN - 1) / LTV__SNAP_ALIGN * LTV__SNAP_ALIGN; }

static bool host_is_little_endian(void) {
    const uint32_t probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return first == 1;
}

/* Checksums of several sections on the thread budget's threads: each task takes whole
 * sections, the largest first, so the events section does not wait behind the others. */
typedef struct hash_task {
    const void *const *data;
    const uint64_t *bytes;
    uint64_t *out;
    int count, task, tasks;
    const int *order;
} hash_task;

static int hash_some(void *arg) {
    const hash_task *t = arg;
    for (int k = t->task; k < t->count; k += t->tasks) {
        const int i = t->order[k];
        t->out[i] = ltv__xxh64(t->data[i], (size_t)t->bytes[i]);
    }
    return LTV_OK;
}

void ltv__snap_hash_sections(const void *const *data, const uint64_t *bytes, uint64_t *out, int count) {
    int order[LTV__SNAP_MAX_SECTIONS];
    for (int i = 0; i < count; i++) order[i] = i;
    for (int i = 1; i < count; i++) /* by size, descending (insertion sort of a handful) */
        for (int j = i; j > 0 && bytes[order[j]] > bytes[order[j - 1]]; j--) {
            const int swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
        }
    int tasks = ltv__thread_budget();
    if (tasks > count) tasks = count;
    uint64_t total = 0;
    for (int i = 0; i < count; i++) total += bytes[i];
    if (total < ((uint64_t)1 << 22) || tasks < 1) tasks = 1;
    hash_task t[8];
    if (tasks > 8) tasks = 8;
    for (int i = 0; i < tasks; i++) t[i] = (hash_task){data, bytes, out, count, i, tasks, order};
    ltv__run_tasks(hash_some, t, sizeof t[0], tasks);
}

static const uint64_t zero_run_start = 0;

void ltv__snap_seal_commit(ltv__snap_commit *c) { c->checksum = ltv__xxh64(c, offsetof(ltv__snap_commit, checksum)); }

int ltv__snap_make_plan(const ltv_ledger *ledger, uint32_t version, ltv__snap_plan *out) {
    if (!host_is_little_endian())
        return ltv__fail(LTV_EINVAL, "snapshots are little-endian and this machine is big-endian: not supported");
    int status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    memset(out, 0, sizeof *out);
    const uint64_t n = ledger->customer_count;
    ltv__snap_meta meta = {0};
    meta.customers = n;
    meta.events = ledger->organized.count;
    meta.orders = ledger->orders;
    meta.revenue = ledger->revenue;
    meta.abs_money = ledger->abs_money;
    meta.min_day = ledger->min_day;
    meta.max_day = ledger->max_day;
    meta.slot_count = ledger->slot_capacity;
    meta.long_id_bytes = ledger->long_ids_len;
    meta.id_inline = LTV_ID_INLINE;
    meta.hash_id = LTV__SNAP_HASH_ID;
    meta.visits = ledger->visits;
    meta.flags = LTV__SNAP_META_VISITS;
    memcpy(out->meta, &meta, sizeof meta);

    const struct {
        uint32_t id;
        const void *data;
        uint64_t bytes;
    } sections[LTV__SEC_KNOWN] = {
        {LTV__SEC_META, out->meta, LTV__SNAP_META_BYTES},
        {LTV__SEC_ID_RECORDS, ledger->ids, n * sizeof(ltv__id_record)},
        {LTV__SEC_LONG_IDS, ledger->long_ids, ledger->long_ids_len},
        {LTV__SEC_SLOTS, ledger->slots, (uint64_t)ledger->slot_capacity * sizeof(ltv__slot)},
        {LTV__SEC_RUN_STARTS, ledger->ev_start ? (const void *)ledger->ev_start : &zero_run_start, (n + 1) * 8},
        {LTV__SEC_EVENTS, ledger->organized.events, (uint64_t)ledger->organized.count * sizeof(ltv__event)},
    };
    const uint64_t table_at = version == LTV__SNAP_V2 ? LTV__SNAP_V2_TABLE_AT : LTV__SNAP_HEADER_BYTES;
    uint64_t offset = align_up(table_at + LTV__SEC_KNOWN * LTV__SNAP_ENTRY_BYTES);
    uint64_t bytes[LTV__SEC_KNOWN], sums[LTV__SEC_KNOWN];
    for (int i = 0; i < LTV__SEC_KNOWN; i++) {
        out->entries[i] = (ltv__snap_entry){sections[i].id, 0, offset, sections[i].bytes, 0};
        out->data[i] = sections[i].data;
        bytes[i] = sections[i].bytes;
        offset = align_up(offset + sections[i].bytes);
    }
    ltv__snap_hash_sections(out->data, bytes, sums, LTV__SEC_KNOWN);
    for (int i = 0; i < LTV__SEC_KNOWN; i++) out->entries[i].checksum = sums[i];

    ltv__snap_header *h = &out->header;
    memcpy(h->magic, LTV_SNAPSHOT_MAGIC, 8);
    h->byte_order = LTV__SNAP_BYTE_ORDER;
    h->version = version;
    h->header_bytes = LTV__SNAP_HEADER_BYTES;
    h->section_count = LTV__SEC_KNOWN;
    const ltv__snap_entry *last = &out->entries[LTV__SEC_KNOWN - 1];
    h->file_bytes = last->offset + last->bytes;
    h->table_offset = table_at;
    if (version == LTV__SNAP_V2) { /* the base is commit 1, in slot 0 */
        ltv__snap_commit *c = &out->commits[0];
        *c = (ltv__snap_commit){.sequence = 1, .committed_bytes = h->file_bytes, .customers = meta.customers,
                                .events = meta.events, .orders = meta.orders, .revenue = meta.revenue,
                                .abs_money = meta.abs_money, .min_day = meta.min_day, .max_day = meta.max_day,
                                .base_bytes = h->file_bytes};
        ltv__snap_seal_commit(c);
    }
    h->table_checksum = ltv__xxh64(out->entries, sizeof out->entries);
    h->header_checksum = ltv__xxh64(h, offsetof(ltv__snap_header, header_checksum));
    return LTV_OK;
}

/* ---- to a buffer -------------------------------------------------------------------- */

int ltv_ledger_save_buffer(const ltv_ledger *ledger, void **out_data, size_t *out_len) {
    LTV_REQUIRE(out_data, "ltv_ledger_save_buffer");
    *out_data = NULL;
    LTV_REQUIRE(ledger, "ltv_ledger_save_buffer");
    LTV_REQUIRE(out_len, "ltv_ledger_save_buffer");
    *out_len = 0;
    ltv__snap_plan layout;
    int status = ltv__snap_make_plan(ledger, LTV__SNAP_V1, &layout);
    if (status != LTV_OK) return status;
    const uint64_t total = layout.header.file_bytes;
    if (total > SIZE_MAX) return ltv__fail(LTV_ENOMEM, "ltv_ledger_save_buffer: the snapshot does not fit in memory");
    unsigned char *buf = ltv__calloc(1, (size_t)total);
    if (!buf) return ltv__fail(LTV_ENOMEM, "ltv_ledger_save_buffer: out of memory for %llu bytes", (unsigned long long)total);
    memcpy(buf, &layout.header, sizeof layout.header);
    memcpy(buf + LTV__SNAP_HEADER_BYTES, layout.entries, sizeof layout.entries);
    for (int i = 0; i < LTV__SEC_KNOWN; i++)
        if (layout.entries[i].bytes)
            memcpy(buf + layout.entries[i].offset, layout.data[i], (size_t)layout.entries[i].bytes);
    *out_data = buf;
    *out_len = (size_t)total;
    return LTV_OK;
}

/* ---- to a file ---------------------------------------------------------------------- */

int ltv__snap_write_plan(int fd, const ltv__snap_plan *layout) {
    static const unsigned char zeros[LTV__SNAP_ALIGN];
    uint64_t at = 0;
    if (ltv__write_all(fd, &layout->header, sizeof layout->header) != 0) return -1;
    if (layout->header.version == LTV__SNAP_V2 && ltv__write_all(fd, layout->commits, sizeof layout->commits) != 0)
        return -1;
    if (ltv__write_all(fd, layout->entries, sizeof layout->entries) != 0) return -1;
    at = layout->header.table_offset + sizeof layout->entries;
    for (int i = 0; i < LTV__SEC_KNOWN; i++) {
        const ltv__snap_entry *e = &layout->entries[i];
        if (ltv__write_all(fd, zeros, (size_t)(e->offset - at)) != 0) return -1; /* padding: < 64 bytes */
        if (e->bytes && ltv__write_all(fd, layout->data[i], (size_t)e->bytes) != 0) return -1;
        at = e->offset + e->bytes;
    }
    return 0;
}

/* ltv__file_replace's writer: the layout's bytes. */
static int write_plan(int fd, void *ctx) { return ltv__snap_write_plan(fd, ctx); }

int ltv_ledger_save(const ltv_ledger *ledger, const char *path) {
    LTV_REQUIRE(ledger, "ltv_ledger_save");
    LTV_REQUIRE(path, "ltv_ledger_save");
    ltv__snap_plan layout;
    int status = ltv__snap_make_plan(ledger, LTV__SNAP_V1, &layout); /* version 1, as every 1.x reads */
    if (status != LTV_OK) return status;
    /* Crash-safe: the one file writer of the library (lib/core/file_write.c). */
    return ltv__file_replace("ltv_ledger_save", path, write_plan, &layout);
}
