/* Reading snapshots: the header, the section table and META, then the checks of the arrays
 * (check.c) — before a ledger is made to point into the bytes, or on first use — and the
 * ledger itself. The checks are what keeps a damaged or hostile file from becoming a crash or
 * a wrong answer. Also the header-only readers (detect, info). */
#define _GNU_SOURCE /* MAP_POPULATE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_internal.h"

static uint32_t get32(const unsigned char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static uint64_t get64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

int ltv__snap_check_header(const unsigned char *bytes, size_t have, uint64_t len, ltv__snap_header *h,
                           ltv__snap_entry known[LTV__SEC_KNOWN + 1], ltv__snap_meta *meta) {
    const size_t magic_have = have < 8 ? have : 8;
    if (memcmp(bytes, LTV_SNAPSHOT_MAGIC, magic_have) != 0 || len == 0)
        return ltv__fail(LTV_EFORMAT, "not a snapshot: the file does not start with the snapshot magic (89 4C 54 56 53 4E 41 50)");
    if (len < LTV__SNAP_HEADER_BYTES || have < LTV__SNAP_HEADER_BYTES)
        return ltv__fail(LTV_EFORMAT, "truncated snapshot: %llu bytes, the header alone takes %u", (unsigned long long)len,
                         LTV__SNAP_HEADER_BYTES);
    memcpy(h, bytes, sizeof *h);
    if (h->byte_order == 0x04030201u)
        return ltv__fail(LTV_EFORMAT, "snapshot written in big-endian byte order; this library reads little-endian snapshots only");
    if (h->byte_order != LTV__SNAP_BYTE_ORDER)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot header: byte-order mark 0x%08X is neither 04 03 02 01 nor 01 02 03 04",
                         (unsigned)h->byte_order);
    if (h->version > LTV_SNAPSHOT_FORMAT_VERSION)
        return ltv__fail(LTV_EFORMAT, "snapshot format version %u is newer than this library reads (up to %u): upgrade libltvcrm",
                         (unsigned)h->version, (unsigned)LTV_SNAPSHOT_FORMAT_VERSION);
    if (ltv__xxh64(bytes, offsetof(ltv__snap_header, header_checksum)) != h->header_checksum)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the header's checksum does not match");
    if (h->version == 0) return ltv__fail(LTV_EFORMAT, "corrupt snapshot header: format version 0");
    /* Version 2 puts two commit slots between the header and the table, and increments
     * after the base (the header's file size is where the base ends). */
    const uint64_t table_at = h->version >= LTV__SNAP_V2 ? LTV__SNAP_V2_TABLE_AT : LTV__SNAP_HEADER_BYTES;
    if (h->header_bytes != LTV__SNAP_HEADER_BYTES || h->table_offset != table_at)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot header: header size %llu, table at %llu (must be 64 and %llu)",
                         (unsigned long long)h->header_bytes, (unsigned long long)h->table_offset,
                         (unsigned long long)table_at);
    if (len < h->file_bytes)
        return ltv__fail(LTV_EFORMAT, "truncated snapshot%s: %llu bytes, the header says %llu", "", (unsigned long long)len,
                   (unsigned long long)h->file_bytes);
    if (len > h->file_bytes && h->version == LTV__SNAP_V1)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot%s: %llu bytes, but the header says the file ends at %llu", "",
                   (unsigned long long)len, (unsigned long long)h->file_bytes);
    if (h->section_count == 0 || h->section_count > LTV__SNAP_MAX_SECTIONS)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot header%s: %llu sections (1..%llu)", "", (unsigned long long)h->section_count,
                   (unsigned long long)LTV__SNAP_MAX_SECTIONS);
    const uint64_t table_end = table_at + (uint64_t)h->section_count * LTV__SNAP_ENTRY_BYTES;
    if (table_end > len || table_end > have)
        return ltv__fail(LTV_EFORMAT, "truncated snapshot%s: the section table needs %llu bytes, the file has %llu", "",
                   (unsigned long long)table_end, (unsigned long long)len);
    const unsigned char *table = bytes + table_at;
    if (ltv__xxh64(table, (size_t)(table_end - table_at)) != h->table_checksum)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the section table's checksum does not match");

    memset(known, 0, sizeof(ltv__snap_entry) * (LTV__SEC_KNOWN + 1));
    uint64_t previous_end = table_end;
    for (uint32_t i = 0; i < h->section_count; i++) {
        const unsigned char *p = table + (size_t)i * LTV__SNAP_ENTRY_BYTES;
        const ltv__snap_entry e = {get32(p), get32(p + 4), get64(p + 8), get64(p + 16), get64(p + 24)};
        if (e.offset % LTV__SNAP_ALIGN != 0 || e.offset < previous_end || e.offset > len || e.bytes > len - e.offset)
            return ltv__fail(LTV_EFORMAT,
                             "corrupt snapshot: section %u (id %u) at %llu, %llu bytes, lies outside the file or out of order",
                             (unsigned)i, (unsigned)e.id, (unsigned long long)e.offset, (unsigned long long)e.bytes);
        if (e.offset <= have)
            for (uint64_t at = previous_end; at < e.offset; at++)
                if (bytes[at] != 0)
                    return ltv__fail(LTV_EFORMAT, "corrupt snapshot: padding byte %llu before section %u is not zero",
                                     (unsigned long long)at, (unsigned)i);
        previous_end = e.offset + e.bytes;
        if (e.id >= 1 && e.id <= LTV__SEC_KNOWN) {
            if (known[e.id].id != 0)
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s appears twice", ltv__snap_section_names[e.id]);
            known[e.id] = e;
        } else if (!(e.flags & LTV__SNAP_OPTIONAL)) {
            return ltv__fail(LTV_EFORMAT, "snapshot has a required section of id %u that this library does not know: upgrade libltvcrm",
                             (unsigned)e.id);
        }
    }
    if (previous_end != h->file_bytes)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the last section ends at %llu, the file at %llu",
                         (unsigned long long)previous_end, (unsigned long long)h->file_bytes);
    for (int id = 1; id <= LTV__SEC_KNOWN; id++)
        if (known[id].id == 0) return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s is missing", ltv__snap_section_names[id]);

    const ltv__snap_entry *m = &known[LTV__SEC_META];
    if (m->bytes != LTV__SNAP_META_BYTES)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s has %llu bytes, not %llu", "META", (unsigned long long)m->bytes,
                   (unsigned long long)LTV__SNAP_META_BYTES);
    if (m->offset + m->bytes > have)
        return ltv__fail(LTV_EFORMAT, "truncated snapshot%s: section META ends at %llu, %llu bytes available", "",
                   (unsigned long long)(m->offset + m->bytes), (unsigned long long)have);
    if (ltv__xxh64(bytes + m->offset, LTV__SNAP_META_BYTES) != m->checksum)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section META's checksum does not match");
    memcpy(meta, bytes + m->offset, sizeof *meta);
    if (meta->id_inline != LTV_ID_INLINE || meta->hash_id != LTV__SNAP_HASH_ID)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META says ids inline up to %llu bytes and hash %llu (expected 14 and 1)",
                   (unsigned long long)meta->id_inline, (unsigned long long)meta->hash_id);
    if (meta->customers > LTV_CUSTOMERS_MAX)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META%s says %llu customers, more than the limit %llu", "",
                   (unsigned long long)meta->customers, (unsigned long long)LTV_CUSTOMERS_MAX);
    if (meta->events > len / sizeof(ltv__event))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META%s says %llu events, more than a file of %llu bytes can hold", "",
                   (unsigned long long)meta->events, (unsigned long long)len);
    if (meta->slot_count > len / sizeof(ltv__slot) || (meta->slot_count & (meta->slot_count - 1)) != 0 ||
        (meta->customers > 0 && meta->slot_count <= meta->customers))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META%s says %llu hash slots for %llu customers (a power of two above the customers)",
                   "", (unsigned long long)meta->slot_count, (unsigned long long)meta->customers);
    const uint64_t expected[LTV__SEC_KNOWN + 1] = {
        0,
        LTV__SNAP_META_BYTES,
        meta->customers * sizeof(ltv__id_record),
        meta->long_id_bytes,
        meta->slot_count * sizeof(ltv__slot),
        (meta->customers + 1) * sizeof(uint64_t),
        meta->events * sizeof(ltv__event),
    };
    for (int id = 2; id <= LTV__SEC_KNOWN; id++)
        if (known[id].bytes != expected[id])
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s has %llu bytes, META implies %llu", ltv__snap_section_names[id],
                       (unsigned long long)known[id].bytes, (unsigned long long)expected[id]);
    if ((meta->events == 0) != (meta->min_day == LTV_NO_DAY) || (meta->events == 0) != (meta->max_day == LTV_NO_DAY))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META's day range does not agree with its event count");
    return LTV_OK;
}

static void unmap(void *base, size_t bytes) { munmap(base, bytes); }

/* The whole pages inside an array of the mapping that the ledger no longer reads: dropped
 * from the process (a later read would fault them in from the file again, unchanged). */
static void drop_pages(const void *ptr, size_t bytes) {
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), from = ((uintptr_t)ptr + page - 1) / page * page,
                    to = ((uintptr_t)ptr + bytes) / page * page;
    if (to > from) (void)madvise((void *)from, to - from, MADV_DONTNEED);
}

static void big_release(void *base, size_t bytes) { ltv__big_free(base, bytes); }

/* Which parts may wait for their first use: with LTV_OPEN_CHECK_ON_USE, those a file without
 * increments allows (applying increments interns ids and organizes events, which reads
 * both), and the events only when META knows their visits (the ledger answers with them). */
static unsigned deferrable(const ltv__snap_view *v, const ltv__snap_header *h, size_t len, bool fitting, unsigned flags) {
    if (!(flags & LTV_OPEN_CHECK_ON_USE)) return 0;
    if (h->version == LTV__SNAP_V2) {
        ltv__snap_commit c;
        int slot;
        if (ltv__snap_newest_commit_within(v->base, fitting ? len : UINT64_MAX, &c, &slot) != LTV_OK || c.increments)
            return 0; /* (a bad slot is reported by ltv__snap_apply_commit) */
    }
    return v->meta.flags & LTV__SNAP_META_VISITS ? LTV__PARTS_ALL : LTV__PART_IDS;
}

int ltv__snap_attach(ltv_ledger **out, void *bytes, size_t len, void (*release)(void *, size_t), bool fitting,
                     unsigned flags, const char *source) {
    *out = NULL;
    ltv__snap_view v = {.base = bytes, .populate = release == unmap};
    ltv__snap_header h;
    int status = ltv__snap_check_header(v.base, len, len, &h, v.sec, &v.meta);
    if (status != LTV_OK) return status;
    const ltv__snap_meta meta = v.meta;
    const ltv__snap_entry *sec = v.sec;
    const unsigned deferred = deferrable(&v, &h, len, fitting, flags);
    uint64_t visits = meta.visits;
    if (deferred != LTV__PARTS_ALL) status = ltv__snap_check_view(&v, LTV__PARTS_ALL & ~deferred, &visits);
    if (status != LTV_OK) return status;

    const uint64_t n = meta.customers;
    ltv_ledger *ledger;
    status = ltv_ledger_new(&ledger);
    if (status == LTV_OK && deferred) status = ltv__snap_defer_checks(ledger, &v, deferred, source);
    if (status != LTV_OK) {
        ltv_ledger_free(ledger);
        return status;
    }
    ledger->customer_count = ledger->customer_capacity = (uint32_t)n;
    ledger->ids = n ? (ltv__id_record *)(void *)((char *)bytes + sec[LTV__SEC_ID_RECORDS].offset) : NULL;
    ledger->long_ids = meta.long_id_bytes ? (char *)bytes + sec[LTV__SEC_LONG_IDS].offset : NULL;
    ledger->long_ids_len = ledger->long_ids_capacity = ledger->long_ids ? (size_t)meta.long_id_bytes : 0;
    ledger->slots = meta.slot_count ? (ltv__slot *)(void *)((char *)bytes + sec[LTV__SEC_SLOTS].offset) : NULL;
    ledger->slot_capacity = ledger->slots ? (size_t)meta.slot_count : 0;
    ledger->ev_start = (uint64_t *)(void *)((char *)bytes + sec[LTV__SEC_RUN_STARTS].offset);
    ledger->ev_start_bytes = (size_t)sec[LTV__SEC_RUN_STARTS].bytes;
    ledger->organized_customers = (uint32_t)n;
    if (meta.events) {
        ledger->organized.events = (ltv__event *)(void *)((char *)bytes + sec[LTV__SEC_EVENTS].offset);
        ledger->organized.count = ledger->organized.capacity = (size_t)meta.events;
        ledger->organized.events_bytes = (size_t)sec[LTV__SEC_EVENTS].bytes;
    }
    ledger->orders = meta.orders;
    ledger->visits = visits;
    ledger->revenue = meta.revenue;
    ledger->abs_money = meta.abs_money;
    ledger->min_day = meta.min_day;
    ledger->max_day = meta.max_day;
    ledger->backing = bytes;
    ledger->backing_bytes = len;
    if (release == unmap) ledger->backing_drop = drop_pages; /* a file mapping, not a private copy */
    if (h.version == LTV__SNAP_V2) { /* the increments of the newest commit (delta_read.c) */
        status = ltv__snap_apply_commit(ledger, v.base, len, &h, fitting);
        if (status != LTV_OK) {
            ltv_ledger_free(ledger); /* without a release function: the caller keeps the bytes */
            return status;
        }
    }
    ledger->backing_release = release;
    *out = ledger;
    return LTV_OK;
}

static bool host_is_little_endian(void) {
    const uint32_t probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return first == 1;
}

int ltv_ledger_open(ltv_ledger **out, const char *path) { return ltv_ledger_open_flags(out, path, 0); }

int ltv_ledger_open_flags(ltv_ledger **out, const char *path, uint32_t flags) {
    LTV_REQUIRE(out, "ltv_ledger_open");
    *out = NULL;
    LTV_REQUIRE(path, "ltv_ledger_open");
    if (flags & ~(unsigned)LTV_OPEN_CHECK_ON_USE)
        return ltv__fail(LTV_EINVAL, "ltv_ledger_open_flags: unknown flags 0x%X", flags & ~(unsigned)LTV_OPEN_CHECK_ON_USE);
    if (!host_is_little_endian())
        return ltv__fail(LTV_EFORMAT, "'%s': snapshots are little-endian and this machine is big-endian: not supported", path);
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return ltv__fail(LTV_EIO, "'%s' is not a regular file", path);
    }
    if (st.st_size == 0) {
        close(fd);
        return ltv__fail(LTV_EFORMAT, "'%s': not a snapshot: the file is empty", path);
    }
    int map_flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    /* The threads that checksum the sections map their pages in (open_range): MAP_POPULATE
     * would do it all on this thread first (0.05 s at L), faults would take one per few pages. */
    if (!(flags & LTV_OPEN_CHECK_ON_USE) && !ltv__prefault_read(NULL, 0)) map_flags |= MAP_POPULATE;
#endif
    /* An incremental save may append and commit while this reads: a commit that ends past
     * the bytes mapped then fails the checks although the file is sound. When the file has
     * grown meanwhile (a writer is at work, not damage), it is mapped again and the newest
     * commit that ends within the mapping is taken: its increments were on disk before it
     * was (a few attempts at most). */
    int status = LTV_OK;
    for (int attempt = 0;; attempt++) {
        const size_t len = (size_t)st.st_size;
        void *map = mmap(NULL, len, PROT_READ, map_flags, fd, 0);
        if (map == MAP_FAILED) {
            const int err = errno;
            close(fd);
            return ltv__fail(LTV_EIO, "cannot map '%s': %s", path, strerror(err));
        }
        status = ltv__snap_attach(out, map, len, unmap, attempt > 0, flags, path);
        if (status == LTV_OK) break;
        munmap(map, len);
        struct stat now;
        if (status != LTV_EFORMAT || attempt == 3 || fstat(fd, &now) != 0 || now.st_size <= st.st_size) break;
        st = now;
    }
    close(fd);
    if (status == LTV_OK && (*out)->origin.sequence) { /* version 2: incremental saves can append to it */
        (*out)->origin.device = (uint64_t)st.st_dev;
        (*out)->origin.inode = (uint64_t)st.st_ino;
        (*out)->origin.active = true;
    }
    if (status != LTV_OK) {
        char message[512];
        snprintf(message, sizeof message, "%s", ltv_last_error());
        return ltv__fail(status, "'%s': %s", path, message);
    }
    return LTV_OK;
}

int ltv_ledger_verify(const ltv_ledger *ledger) {
    LTV_REQUIRE(ledger, "ltv_ledger_verify");
    return ltv__ledger_checked(ledger, LTV__PARTS_ALL);
}

int ltv_ledger_open_buffer(ltv_ledger **out, const void *data, size_t len) {
    LTV_REQUIRE(out, "ltv_ledger_open_buffer");
    *out = NULL;
    LTV_REQUIRE(data, "ltv_ledger_open_buffer");
    if (!host_is_little_endian())
        return ltv__fail(LTV_EFORMAT, "snapshots are little-endian and this machine is big-endian: not supported");
    if (len == 0) return ltv__fail(LTV_EFORMAT, "not a snapshot: the buffer is empty");
    /* A private copy: aligned for the arrays and alive as long as the ledger. */
    void *copy = ltv__big_alloc(len);
    if (!copy) return ltv__fail(LTV_ENOMEM, "ltv_ledger_open_buffer: out of memory for %zu bytes", len);
    memcpy(copy, data, len);
    int status = ltv__snap_attach(out, copy, len, big_release, false, 0, NULL);
    if (status != LTV_OK) ltv__big_free(copy, len);
    return status;
}

/* ---- header only -------------------------------------------------------------------- */

int ltv_snapshot_detect(const char *path, int *out_is_snapshot) {
    LTV_REQUIRE(out_is_snapshot, "ltv_snapshot_detect");
    *out_is_snapshot = 0;
    LTV_REQUIRE(path, "ltv_snapshot_detect");
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "cannot open '%s': %s", path, strerror(errno));
    unsigned char magic[LTV_SNAPSHOT_MAGIC_LEN];
    ssize_t got;
    do got = read(fd, magic, sizeof magic);
    while (got < 0 && errno == EINTR);
    const int err = errno;
    close(fd);
    if (got < 0) return ltv__fail(LTV_EIO, "cannot read '%s': %s", path, strerror(err));
    *out_is_snapshot = got == (ssize_t)sizeof magic && memcmp(magic, LTV_SNAPSHOT_MAGIC, sizeof magic) == 0;
    return LTV_OK;
}

#define INFO_V1_SIZE LTV__SIZE_THROUGH(ltv_snapshot_info, last_day)

int ltv_snapshot_info_read(const char *path, ltv_snapshot_info *out, size_t out_size) {
    LTV_REQUIRE(path, "ltv_snapshot_info_read");
    LTV_REQUIRE(out, "ltv_snapshot_info_read");
    int status = ltv__check_out_size("ltv_snapshot_info_read", out_size, INFO_V1_SIZE);
    if (status != LTV_OK) return status;
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return ltv__fail(LTV_EIO, "'%s' is not a regular file", path);
    }
    /* Header, table and META all lie in the first few KiB of a file this library wrote;
     * a file whose META lies further is read up to 64 KiB and otherwise reported. */
    unsigned char head[65536];
    size_t have = 0;
    while (have < sizeof head) {
        const ssize_t got = pread(fd, head + have, sizeof head - have, (off_t)have);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        have += (size_t)got;
    }
    /* The size after the commit slots were read: a commit that landed meanwhile has its
     * increment inside it (an incremental save writes the increment first). */
    if (fstat(fd, &st) != 0) st.st_size = 0;
    close(fd);
    ltv__snap_header h;
    ltv__snap_entry sec[LTV__SEC_KNOWN + 1];
    ltv__snap_meta meta;
    status = have == 0 ? ltv__fail(LTV_EFORMAT, "not a snapshot: the file is empty")
                       : ltv__snap_check_header(head, have, (uint64_t)st.st_size, &h, sec, &meta);
    if (status != LTV_OK) {
        char message[512];
        snprintf(message, sizeof message, "%s", ltv_last_error());
        return ltv__fail(status, "'%s': %s", path, message);
    }
    ltv_snapshot_info info = {h.version,     h.section_count, h.file_bytes,   meta.customers, meta.events,
                              meta.orders,   meta.revenue,    meta.min_day,   meta.max_day, 0, 0};
    if (h.version == LTV__SNAP_V2) { /* the newest commit's totals (delta_read.c) */
        ltv__snap_commit c;
        int slot;
        status = ltv__snap_newest_commit(head, &c, &slot);
        if (status == LTV_OK && c.committed_bytes > (uint64_t)st.st_size)
            status = ltv__fail(LTV_EFORMAT, "truncated snapshot: %llu bytes, commit %llu ends at %llu",
                               (unsigned long long)st.st_size, (unsigned long long)c.sequence,
                               (unsigned long long)c.committed_bytes);
        if (status != LTV_OK) {
            char message[512];
            snprintf(message, sizeof message, "%s", ltv_last_error());
            return ltv__fail(status, "'%s': %s", path, message);
        }
        info = (ltv_snapshot_info){h.version, h.section_count, c.committed_bytes, c.customers, c.events, c.orders,
                                   c.revenue, c.min_day,       c.max_day,         c.increments, c.sequence};
    }
    ltv__copy_versioned(out, out_size, &info, sizeof info);
    return LTV_OK;
}
