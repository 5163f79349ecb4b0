/* Reading snapshots: the header and section table, every checksum, then the structure of
 * the data, before a ledger is made to point into the bytes. The checks are what keeps a
 * damaged or hostile file from becoming a crash or a wrong answer: every index and offset
 * that a query follows is proven in range here, and the totals are recomputed. */
#define _GNU_SOURCE /* MAP_POPULATE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_internal.h"

static const char *const section_names[LTV__SEC_KNOWN + 1] = {"?",     "META",  "ID_RECORDS", "LONG_IDS",
                                                              "SLOTS", "RUN_STARTS", "EVENTS"};

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
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s appears twice", section_names[e.id]);
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
        if (known[id].id == 0) return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s is missing", section_names[id]);

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
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s has %llu bytes, META implies %llu", section_names[id],
                       (unsigned long long)known[id].bytes, (unsigned long long)expected[id]);
    if ((meta->events == 0) != (meta->min_day == LTV_NO_DAY) || (meta->events == 0) != (meta->max_day == LTV_NO_DAY))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: META's day range does not agree with its event count");
    return LTV_OK;
}

/* ---- structure of the data ---------------------------------------------------------- */

/* A snapshot's bytes as the checks see them: the known sections and META, after
 * ltv__snap_check_header(). */
typedef struct snap_view {
    const unsigned char *base;
    ltv__snap_entry sec[LTV__SEC_KNOWN + 1];
    ltv__snap_meta meta;
    bool populate; /* a file mapping: the checks map the pages in before hashing */
} snap_view;

/* The sections of each part (ledger_internal.h). */
static unsigned part_of(int id) {
    return id == LTV__SEC_RUN_STARTS || id == LTV__SEC_EVENTS ? LTV__PART_EVENTS : LTV__PART_IDS;
}

typedef struct check_share {
    const ltv__id_record *ids;
    const char *long_ids;
    uint64_t long_bytes;
    const ltv__slot *slots;
    const uint64_t *starts;
    const ltv__event *events;
    uint64_t customers, event_count;
    uint64_t begin, end, slot_begin, slot_end;
    unsigned parts;
    /* results */
    ltv__event_totals totals;
    uint64_t used_slots, empty_slots;
} check_share;

/* True for an inline id of ASCII bytes (the common case: valid UTF-8 without decoding). */
static bool ascii_id(const ltv__id_record *rec) {
    if (rec->len > LTV_ID_INLINE) return false;
    uint64_t a, b;
    memcpy(&a, rec->bytes, 8);
    memcpy(&b, rec->bytes + 7, 8);
    /* bytes past the id are ignored: they are masked off by its length */
    const uint64_t mask_a = rec->len >= 8 ? ~0ull : (1ull << (8 * rec->len)) - 1;
    const uint64_t mask_b = rec->len <= 7 ? 0 : rec->len >= 15 ? ~0ull : (1ull << (8 * (rec->len - 7))) - 1;
    return ((a & mask_a) | (b & mask_b)) & 0x8080808080808080ull ? false : true;
}

static int check_id(const check_share *sh, uint64_t c) {
    const ltv__id_record *rec = &sh->ids[c];
    const char *id = NULL;
    size_t len = 0;
    switch (ltv__snap_id_locate(rec, sh->long_ids, sh->long_bytes, &id, &len)) {
    case LTV__ID_FOUND: break;
    case LTV__ID_MALFORMED:
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section ID_RECORDS: customer %llu's id record is malformed",
                         (unsigned long long)c);
    case LTV__ID_OUTSIDE:
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section LONG_IDS: customer %llu's id lies outside the section",
                         (unsigned long long)c);
    default:
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section ID_RECORDS: customer %llu's id has length code %u",
                         (unsigned long long)c, (unsigned)rec->len);
    }
    if (!ascii_id(rec) && !ltv__utf8_valid(id, len, NULL))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section ID_RECORDS: customer %llu's id is not UTF-8",
                         (unsigned long long)c);
    return LTV_OK;
}

/* Slots: counted without branches (about half are free, so a branch mispredicts). */
static int check_slots(check_share *sh) {
    uint64_t used = 0, out_of_range = 0;
    const ltv__slot *const slots = sh->slots;
    const uint64_t customers = sh->customers;
    for (uint64_t s = sh->slot_begin; s < sh->slot_end; s++) {
        const uint32_t index = slots[s].index;
        const uint64_t taken = index != LTV_SLOT_EMPTY;
        used += taken;
        out_of_range |= taken & (index >= customers);
    }
    if (out_of_range)
        for (uint64_t s = sh->slot_begin; s < sh->slot_end; s++)
            if (slots[s].index != LTV_SLOT_EMPTY && slots[s].index >= customers)
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section SLOTS: slot %llu names customer %u of %llu",
                                 (unsigned long long)s, (unsigned)slots[s].index, (unsigned long long)customers);
    sh->used_slots = used;
    sh->empty_slots = (sh->slot_end - sh->slot_begin) - used;
    return LTV_OK;
}

static int check_range(void *arg) {
    check_share *sh = arg;
    const bool ids = sh->parts & LTV__PART_IDS, events = sh->parts & LTV__PART_EVENTS;
    /* Sums in a local (a store through sh per event would cost more than the checks). */
    ltv__event_totals t = {0, 0, 0, 0, LTV_NO_DAY, LTV_NO_DAY};
    for (uint64_t c = sh->begin; c < sh->end; c++) {
        int status = ids ? check_id(sh, c) : LTV_OK;
        if (status == LTV_OK && events)
            status = ltv__event_run_check(sh->events, sh->event_count, c, sh->starts[c], sh->starts[c + 1], &t);
        if (status != LTV_OK) return status;
    }
    sh->totals = t;
    return ids ? check_slots(sh) : LTV_OK;
}

/* One thread's part of checking: whole sections to checksum, then a range of customers and
 * hash slots to check. The checks are written for hostile bytes, so they may run before the
 * checksums are compared; a mismatch is still the problem reported first. */
typedef struct open_share {
    check_share check;
    const snap_view *view;
    unsigned hashed;                   /* bit id: this thread checksums section id */
    uint64_t sums[LTV__SEC_KNOWN + 1]; /* by section id */
} open_share;

static int open_range(void *arg) {
    open_share *sh = arg;
    for (int id = 2; id <= LTV__SEC_KNOWN; id++) {
        if (!((sh->hashed >> id) & 1)) continue;
        const unsigned char *section = sh->view->base + sh->view->sec[id].offset;
        if (sh->view->populate) ltv__prefault_read(section, (size_t)sh->view->sec[id].bytes);
        sh->sums[id] = ltv__xxh64(section, (size_t)sh->view->sec[id].bytes);
    }
    return check_range(&sh->check);
}

/* Checking costs about this many times as much as checksumming, per byte of the sections
 * (measured at L: 0.115 against 0.063 s of CPU); it only balances the threads. */
#define CHECK_COST 1.8

/* Divides the checks of `parts` among the thread budget's threads so that they finish
 * together: their sections go, largest first, to the thread with the fewest bytes to
 * checksum (a section's XXH64 is one sequential pass), then customers and slots in
 * proportion to what each thread has left to do. Returns the number of shares. */
static int check_plan(open_share shares[8], const check_share *all, const snap_view *v, unsigned parts) {
    int count = ltv__thread_budget();
    if (count > 8) count = 8;
    if (v->meta.customers + v->meta.events < 100000) count = 1;
    double load[8] = {0}, total = 0;
    for (int i = 0; i < count; i++) shares[i] = (open_share){.check = *all, .view = v};
    bool placed[LTV__SEC_KNOWN + 1] = {false};
    for (int id = 2; id <= LTV__SEC_KNOWN; id++) placed[id] = !(part_of(id) & parts);
    for (;;) {
        int largest = 0, least = 0;
        for (int id = 2; id <= LTV__SEC_KNOWN; id++)
            if (!placed[id] && (largest == 0 || v->sec[id].bytes > v->sec[largest].bytes)) largest = id;
        if (largest == 0) break;
        for (int i = 1; i < count; i++)
            if (load[i] < load[least]) least = i;
        placed[largest] = true;
        shares[least].hashed |= 1u << largest;
        load[least] += (double)v->sec[largest].bytes;
        total += (double)v->sec[largest].bytes;
    }
    /* the check of everything costs CHECK_COST * total; thread i takes what brings it to the mean */
    const double mean = total * (1.0 + CHECK_COST) / count;
    double want[8], wanted = 0;
    for (int i = 0; i < count; i++) wanted += want[i] = load[i] < mean ? mean - load[i] : 0.0;
    double cut[9] = {0}; /* fractions of the customers and slots: thread i checks cut[i]..cut[i + 1] */
    for (int i = 0; i < count; i++) {
        const double next = cut[i] + (wanted > 0 ? want[i] / wanted : 1.0);
        cut[i + 1] = i == count - 1 || next > 1.0 ? 1.0 : next;
    }
    for (int i = 0; i < count; i++) {
        check_share *c = &shares[i].check;
        c->begin = (uint64_t)((double)all->customers * cut[i]);
        c->end = i == count - 1 ? all->customers : (uint64_t)((double)all->customers * cut[i + 1]);
        c->slot_begin = (uint64_t)((double)all->slot_end * cut[i]);
        c->slot_end = i == count - 1 ? all->slot_end : (uint64_t)((double)all->slot_end * cut[i + 1]);
    }
    return count;
}

/* The open's checks of some parts of a snapshot: checksums, structure, and the totals that
 * META claims. *out_visits: the visits the events hold (with the events part). */
static int check_view(const snap_view *v, unsigned parts, uint64_t *out_visits) {
    const ltv__snap_meta *meta = &v->meta;
    const uint64_t n = meta->customers;
    const unsigned char *base = v->base;
    const uint64_t *starts = (const uint64_t *)(const void *)(base + v->sec[LTV__SEC_RUN_STARTS].offset);
    const check_share all = {
        .ids = (const ltv__id_record *)(const void *)(base + v->sec[LTV__SEC_ID_RECORDS].offset),
        .long_ids = (const char *)base + v->sec[LTV__SEC_LONG_IDS].offset,
        .long_bytes = meta->long_id_bytes,
        .slots = (const ltv__slot *)(const void *)(base + v->sec[LTV__SEC_SLOTS].offset),
        .starts = starts,
        .events = (const ltv__event *)(const void *)(base + v->sec[LTV__SEC_EVENTS].offset),
        .customers = n,
        .event_count = meta->events,
        .end = n,
        .slot_end = parts & LTV__PART_IDS ? meta->slot_count : 0,
        .parts = parts,
    };
    open_share shares[8];
    const int count = check_plan(shares, &all, v, parts);
    int status = ltv__run_tasks(open_range, shares, sizeof shares[0], count);
    for (int id = 2; id <= LTV__SEC_KNOWN; id++)
        for (int i = 0; i < count; i++)
            if (((shares[i].hashed >> id) & 1) && shares[i].sums[id] != v->sec[id].checksum)
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s's checksum does not match", section_names[id]);
    if (status != LTV_OK) return status; /* the structure's problem, named by the check that found it */
    if (parts & LTV__PART_IDS) {
        uint64_t used = 0, empty = 0;
        for (int i = 0; i < count; i++) used += shares[i].check.used_slots, empty += shares[i].check.empty_slots;
        if (used != n || (n > 0 && empty == 0))
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section SLOTS holds %llu customers, META says %llu",
                             (unsigned long long)used, (unsigned long long)n);
    }
    if (parts & LTV__PART_EVENTS) {
        if (starts[0] != 0 || starts[n] != meta->events)
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section RUN_STARTS does not run from 0 to the %llu events",
                             (unsigned long long)meta->events);
        ltv__event_totals t = {0, 0, 0, 0, LTV_NO_DAY, LTV_NO_DAY};
        for (int i = 0; i < count; i++)
            if (!ltv__event_totals_add(&t, &shares[i].check.totals))
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section EVENTS: the amounts overflow");
        if (t.orders != meta->orders || t.abs_money != meta->abs_money || t.revenue != meta->revenue ||
            t.min_day != meta->min_day || t.max_day != meta->max_day ||
            ((meta->flags & LTV__SNAP_META_VISITS) && t.visits != meta->visits))
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the totals in META do not match the events");
        *out_visits = t.visits;
    }
    return LTV_OK;
}

/* The deferred checks of an opened ledger: the record of ledger_internal.h and the view it
 * checks when a part is first used. */
typedef struct snap_deferred {
    ltv__deferred_checks record; /* first: ledger->deferred points here, and frees the block */
    snap_view view;
    char source[]; /* the path, for the messages */
} snap_deferred;

static int check_deferred(const ltv_ledger *ledger, unsigned parts) {
    const snap_deferred *d = (const snap_deferred *)(const void *)ledger->deferred;
    uint64_t visits = 0;
    return check_view(&d->view, parts, &visits); /* META's visits were compared */
}

static int defer_checks(ltv_ledger *ledger, const snap_view *v, unsigned unchecked, const char *source) {
    const size_t source_len = source ? strlen(source) + 1 : 0;
    snap_deferred *d = ltv__calloc(1, sizeof *d + source_len);
    if (!d) return ltv__fail(LTV_ENOMEM, "ltv_ledger_open: out of memory");
    if (source) d->record.source = memcpy(d->source, source, source_len);
    if (pthread_mutex_init(&d->record.lock, NULL) != 0) {
        ltv__free(d);
        return ltv__fail(LTV_ENOMEM, "ltv_ledger_open: cannot create a mutex");
    }
    d->view = *v;
    d->record.check = check_deferred;
    atomic_init(&d->record.unchecked, unchecked);
    const ltv__snap_meta *m = &v->meta;
    d->record.expected = (ltv__event_totals){m->orders, m->visits, m->abs_money, m->revenue, m->min_day, m->max_day};
    for (int i = 0; i < 2; i++) {
        const int id = i == 0 ? LTV__SEC_RUN_STARTS : LTV__SEC_EVENTS;
        d->record.events_arrays[i] = (ltv__unchecked_array){v->base + v->sec[id].offset, (size_t)v->sec[id].bytes,
                                                            v->sec[id].checksum, section_names[id]};
    }
    ledger->deferred = &d->record;
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
static unsigned deferrable(const snap_view *v, const ltv__snap_header *h, size_t len, bool fitting, unsigned flags) {
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
    snap_view v = {.base = bytes, .populate = release == unmap};
    ltv__snap_header h;
    int status = ltv__snap_check_header(v.base, len, len, &h, v.sec, &v.meta);
    if (status != LTV_OK) return status;
    const ltv__snap_meta meta = v.meta;
    const ltv__snap_entry *sec = v.sec;
    const unsigned deferred = deferrable(&v, &h, len, fitting, flags);
    uint64_t visits = meta.visits;
    if (deferred != LTV__PARTS_ALL) status = check_view(&v, LTV__PARTS_ALL & ~deferred, &visits);
    if (status != LTV_OK) return status;

    const uint64_t n = meta.customers;
    ltv_ledger *ledger;
    status = ltv_ledger_new(&ledger);
    if (status == LTV_OK && deferred) status = defer_checks(ledger, &v, deferred, source);
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
