/* Incremental saves (format version 2): what a ledger gained since the snapshot file it
 * tracks was written goes after the file's last increment as a new increment, is flushed,
 * and is then committed by writing the commit slot the current commit does not occupy, and
 * flushing again. A crash before the slot is on disk leaves the previous commit in force (the
 * bytes past it are ignored and overwritten by the next save); a torn slot fails its checksum
 * and is ignored. When the ledger tracks no such file, or the increments would outgrow the
 * base, the whole ledger is written as a new base instead (crash-safe: temporary file,
 * fsync, rename). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_internal.h"

/* ---- rewriting as one base ----------------------------------------------------------- */

typedef struct base_ctx {
    const ltv__snap_plan *plan;
    struct stat written; /* the new file, for the ledger's origin */
} base_ctx;

static int write_base(int fd, void *arg) {
    base_ctx *ctx = arg;
    if (ltv__snap_write_plan(fd, ctx->plan) != 0) return -1;
    return fstat(fd, &ctx->written);
}

/* Writes the whole ledger to path as a version-2 base and makes the ledger track it. */
static int rewrite(ltv_ledger *ledger, const char *func, const char *path) {
    ltv__snap_plan plan;
    int status = ltv__snap_make_plan(ledger, LTV__SNAP_V2, &plan); /* organizes the ledger first */
    if (status != LTV_OK) return status;
    base_ctx ctx = {.plan = &plan};
    status = ltv__file_replace(func, path, write_base, &ctx);
    if (status != LTV_OK) return status;
    ltv__snap_origin *o = &ledger->origin;
    ltv__store_free(&o->unsaved);
    *o = (ltv__snap_origin){.active = true,
                            .device = (uint64_t)ctx.written.st_dev,
                            .inode = (uint64_t)ctx.written.st_ino,
                            .sequence = 1,
                            .committed_bytes = plan.header.file_bytes,
                            .base_bytes = plan.header.file_bytes,
                            .customers = ledger->customer_count,
                            .pending_saved = ledger->pending.count};
    return LTV_OK;
}

/* ---- one increment ----------------------------------------------------------------- */

typedef struct increment {
    unsigned char *bytes;
    size_t len;
    ltv__snap_increment header;
} increment;

/* The increment of what the file lacks: customers from o->customers on, the unsaved events
 * and the pending ones from o->pending_saved on. */
static int build_increment(const ltv_ledger *ledger, increment *out) {
    const ltv__snap_origin *o = &ledger->origin;
    const uint64_t new_customers = ledger->customer_count - o->customers;
    const size_t pending_new = ledger->pending.count - o->pending_saved;
    const uint64_t events = (uint64_t)o->unsaved.count + pending_new;
    uint64_t long_bytes = 0;
    for (uint32_t c = o->customers; c < ledger->customer_count; c++)
        if (ledger->ids[c].len == LTV_ID_LONG) {
            size_t len;
            ltv__customer_id(ledger, c, &len);
            long_bytes += sizeof(uint32_t) + len + 1;
        }
    ltv__snap_increment_layout at;
    if (!ltv__snap_increment_layout_of(new_customers, long_bytes, events, &at) || at.bytes > SIZE_MAX)
        return ltv__fail(LTV_ENOMEM, "ltv_ledger_save_increment: the increment is too large");
    unsigned char *b = ltv__calloc(1, (size_t)at.bytes);
    if (!b) return ltv__fail(LTV_ENOMEM, "ltv_ledger_save_increment: out of memory for %llu bytes", (unsigned long long)at.bytes);
    /* New customers' records; a long id's offset is rebased into this increment's bytes. */
    uint64_t long_at = 0;
    for (uint32_t c = o->customers; c < ledger->customer_count; c++) {
        ltv__id_record rec = ledger->ids[c];
        if (rec.len == LTV_ID_LONG) {
            size_t len;
            const char *id = ltv__customer_id(ledger, c, &len);
            const uint32_t long_len = (uint32_t)len;
            memcpy(rec.bytes + 7, &long_at, sizeof long_at);
            memcpy(b + at.long_ids + long_at, &long_len, sizeof long_len);
            memcpy(b + at.long_ids + long_at + sizeof long_len, id, len); /* the NUL is there (calloc) */
            long_at += sizeof long_len + len + 1;
        }
        memcpy(b + at.ids + 16 * (uint64_t)(c - o->customers), &rec, sizeof rec);
    }
    const ltv__event_store *u = &o->unsaved, *p = &ledger->pending;
    if (u->count) {
        memcpy(b + at.customers, u->customer, u->count * sizeof *u->customer);
        memcpy(b + at.events, u->events, u->count * sizeof *u->events);
    }
    if (pending_new) {
        memcpy(b + at.customers + 4 * u->count, p->customer + o->pending_saved, pending_new * sizeof *p->customer);
        memcpy(b + at.events + 16 * u->count, p->events + o->pending_saved, pending_new * sizeof *p->events);
    }
    ltv__snap_increment *h = &out->header;
    memset(h, 0, sizeof *h);
    memcpy(h->magic, LTV__SNAP_INCREMENT_MAGIC, 8);
    h->bytes = at.bytes;
    h->customers_before = o->customers;
    h->new_customers = new_customers;
    h->events = events;
    h->long_id_bytes = long_bytes;
    h->body_checksum = ltv__xxh64(b + LTV__SNAP_INCREMENT_HEADER, (size_t)(at.bytes - LTV__SNAP_INCREMENT_HEADER));
    h->header_checksum = ltv__xxh64(h, offsetof(ltv__snap_increment, header_checksum));
    memcpy(b, h, sizeof *h);
    out->bytes = b;
    out->len = (size_t)at.bytes;
    return LTV_OK;
}

static int pwrite_all(int fd, const void *data, size_t len, uint64_t offset) {
    const char *p = data;
    while (len > 0) {
        const ssize_t done = pwrite(fd, p, len, (off_t)offset);
        if (done < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += done;
        len -= (size_t)done;
        offset += (uint64_t)done;
    }
    return 0;
}

static int io_failure(const char *path, const char *step) {
    return ltv__fail(LTV_EIO, "ltv_ledger_save_increment: cannot %s '%s': %s; the snapshot keeps its previous commit", step,
                     path, strerror(errno));
}

/* Appends `inc` to the open file and commits it. The file must still be at the commit the
 * ledger knows (checked under an exclusive lock, so concurrent savers do not interleave). */
static int append_and_commit(ltv_ledger *ledger, int fd, const char *path, const increment *inc) {
    ltv__snap_origin *o = &ledger->origin;
    unsigned char head[LTV__SNAP_V2_TABLE_AT];
    ssize_t got;
    do got = pread(fd, head, sizeof head, 0);
    while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof head) return io_failure(path, "read the header of");
    ltv__snap_commit current;
    int slot;
    if (ltv__snap_newest_commit(head, &current, &slot) != LTV_OK || current.sequence != o->sequence ||
        current.committed_bytes != o->committed_bytes)
        return ltv__fail(LTV_ESTATE,
                         "ltv_ledger_save_increment: '%s' was committed to by another writer since this ledger read it "
                         "(commit %llu, the ledger knows %llu): open it again",
                         path, (unsigned long long)current.sequence, (unsigned long long)o->sequence);
    /* The first increment starts at a multiple of 64 after the base: zeros up to there. */
    const uint64_t start = (o->committed_bytes + LTV__SNAP_ALIGN - 1) / LTV__SNAP_ALIGN * LTV__SNAP_ALIGN;
    static const unsigned char zeros[LTV__SNAP_ALIGN];
    /* Bytes past the commit are a save that never committed: drop them. */
    if (ftruncate(fd, (off_t)o->committed_bytes) != 0) return io_failure(path, "truncate the uncommitted end of");
    if (pwrite_all(fd, zeros, (size_t)(start - o->committed_bytes), o->committed_bytes) != 0 ||
        pwrite_all(fd, inc->bytes, inc->len, start) != 0)
        return io_failure(path, "write the increment to");
    if (fdatasync(fd) != 0) return io_failure(path, "flush the increment of");
    /* Commit: the slot the current commit does not use, then flush. */
    ltv__snap_commit next = {.sequence = o->sequence + 1,
                             .committed_bytes = start + inc->len,
                             .increments = o->increments + 1,
                             .customers = ledger->customer_count,
                             .events = ltv_ledger_event_count(ledger),
                             .orders = ledger->orders,
                             .revenue = ledger->revenue,
                             .abs_money = ledger->abs_money,
                             .min_day = ledger->min_day,
                             .max_day = ledger->max_day,
                             .last_increment = inc->header.header_checksum,
                             .base_bytes = o->base_bytes};
    ltv__snap_seal_commit(&next);
    const uint64_t slot_at = LTV__SNAP_COMMIT_AT + (uint64_t)((next.sequence - 1) % 2) * LTV__SNAP_COMMIT_BYTES;
    if (pwrite_all(fd, &next, sizeof next, slot_at) != 0) return io_failure(path, "write the commit of");
    if (fdatasync(fd) != 0) return io_failure(path, "flush the commit of");
    o->sequence = next.sequence;
    o->committed_bytes = next.committed_bytes;
    o->increments = next.increments;
    o->increment_bytes = next.committed_bytes - o->base_bytes;
    o->customers = ledger->customer_count;
    o->pending_saved = ledger->pending.count;
    o->unsaved.count = 0;
    return LTV_OK;
}

int ltv_ledger_save_increment(ltv_ledger *ledger, const char *path, int *out_how) {
    static const char func[] = "ltv_ledger_save_increment";
    if (out_how) *out_how = LTV_SNAPSHOT_UNCHANGED;
    LTV_REQUIRE(ledger, func);
    LTV_REQUIRE(path, func);
    ltv__snap_origin *o = &ledger->origin;
    struct stat st;
    const bool tracked = o->active && stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_dev == o->device &&
                         (uint64_t)st.st_ino == o->inode;
    const size_t pending_new = ledger->pending.count - o->pending_saved;
    if (tracked && ledger->customer_count == o->customers && o->unsaved.count == 0 && pending_new == 0)
        return LTV_OK; /* the file holds the ledger already */
    increment inc = {0};
    int status = tracked ? build_increment(ledger, &inc) : LTV_OK;
    if (status != LTV_OK) return status;
    const bool compact = tracked && (o->increment_bytes + inc.len + LTV__SNAP_ALIGN > o->base_bytes / LTV__SNAP_COMPACT_SHARE ||
                                     o->increments + 1 > LTV__SNAP_MAX_INCREMENTS);
    if (!tracked || compact) {
        ltv__free(inc.bytes);
        status = rewrite(ledger, func, path);
        if (status == LTV_OK && out_how) *out_how = compact ? LTV_SNAPSHOT_COMPACTED : LTV_SNAPSHOT_REWRITTEN;
        return status;
    }
    const int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        ltv__free(inc.bytes);
        return io_failure(path, "open");
    }
    struct stat now;
    if (flock(fd, LOCK_EX) != 0 || fstat(fd, &now) != 0) {
        status = io_failure(path, "lock");
    } else if ((uint64_t)now.st_dev != o->device || (uint64_t)now.st_ino != o->inode) {
        status = ltv__fail(LTV_ESTATE, "%s: '%s' was replaced since this ledger read it: open it again", func, path);
    } else {
        status = append_and_commit(ledger, fd, path, &inc);
    }
    close(fd); /* releases the lock */
    ltv__free(inc.bytes);
    if (status == LTV_OK && out_how) *out_how = LTV_SNAPSHOT_INCREMENT;
    return status;
}

int ltv_snapshot_compact(const char *path) {
    LTV_REQUIRE(path, "ltv_snapshot_compact");
    ltv_ledger *ledger = NULL;
    int status = ltv_ledger_open(&ledger, path);
    if (status == LTV_OK) status = rewrite(ledger, "ltv_snapshot_compact", path);
    ltv_ledger_free(ledger);
    return status;
}
