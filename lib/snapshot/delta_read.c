/* Reading version-2 snapshots past the base: the commit slots and the increments they name.
 * The newest valid slot is the snapshot; a slot whose checksum fails is a commit that did not
 * finish (or a damaged slot) and is ignored. What the chosen commit names must then check
 * out entirely (every increment's header and body checksum, every id and event, the totals),
 * or the file is refused: a commit is written only after its increment is on disk, so a
 * valid commit with a bad increment is damage, not an interrupted save. */
#include <string.h>

#include "snapshot_internal.h"

static uint64_t align_up(uint64_t n) { return (n + LTV__SNAP_ALIGN - 1) / LTV__SNAP_ALIGN * LTV__SNAP_ALIGN; }

bool ltv__snap_increment_layout_of(uint64_t new_customers, uint64_t long_id_bytes, uint64_t events,
                                   ltv__snap_increment_layout *out) {
    const uint64_t limit = (uint64_t)1 << 56; /* far above any file; keeps every sum below exact */
    if (new_customers > limit / 16 || long_id_bytes > limit || events > limit / 16) return false;
    out->ids = LTV__SNAP_INCREMENT_HEADER;
    out->long_ids = out->ids + 16 * new_customers;
    out->customers = align_up(out->long_ids + long_id_bytes);
    out->events = align_up(out->customers + 4 * events);
    out->bytes = align_up(out->events + 16 * events);
    return true;
}

static bool commit_valid(const ltv__snap_commit *c, int slot) {
    if (c->sequence == 0 || (c->sequence - 1) % 2 != (uint64_t)slot) return false;
    return ltv__xxh64(c, offsetof(ltv__snap_commit, checksum)) == c->checksum;
}

int ltv__snap_newest_commit(const unsigned char *head, ltv__snap_commit *out, int *out_slot) {
    return ltv__snap_newest_commit_within(head, UINT64_MAX, out, out_slot);
}

int ltv__snap_newest_commit_within(const unsigned char *head, uint64_t len, ltv__snap_commit *out, int *out_slot) {
    ltv__snap_commit c[2];
    memcpy(c, head + LTV__SNAP_COMMIT_AT, sizeof c);
    const bool ok0 = commit_valid(&c[0], 0) && c[0].committed_bytes <= len,
               ok1 = commit_valid(&c[1], 1) && c[1].committed_bytes <= len;
    if (!ok0 && !ok1) return ltv__fail(LTV_EFORMAT, "corrupt snapshot: neither commit slot is valid");
    const int slot = ok0 && (!ok1 || c[0].sequence > c[1].sequence) ? 0 : 1;
    *out = c[slot];
    *out_slot = slot;
    return LTV_OK;
}

static int bad(uint64_t k, const char *what) {
    return ltv__fail(LTV_EFORMAT, "corrupt snapshot: increment %llu %s", (unsigned long long)k + 1, what);
}

/* Interns increment k's new customers, which must all be new and numbered in order. */
static int add_customers(ltv_ledger *ledger, uint64_t k, const unsigned char *inc, const ltv__snap_increment *ih,
                         const ltv__snap_increment_layout *at) {
    const char *long_ids = (const char *)inc + at->long_ids;
    for (uint64_t i = 0; i < ih->new_customers; i++) {
        ltv__id_record rec;
        memcpy(&rec, inc + at->ids + 16 * i, sizeof rec);
        const char *id = NULL;
        size_t len = 0;
        const int where = ltv__snap_id_locate(&rec, long_ids, ih->long_id_bytes, &id, &len);
        if (where == LTV__ID_OUTSIDE) return bad(k, "has a long id outside its bytes");
        if (where != LTV__ID_FOUND) return bad(k, "has a malformed id record");
        if (ltv__id_check("snapshot", id, len) != LTV_OK) return bad(k, "has an id that is not UTF-8");
        const uint32_t expected = ledger->customer_count;
        uint32_t index;
        int status = ltv__ledger_intern(ledger, id, len, ltv__id_hash(id, len), &index);
        if (status != LTV_OK) return status;
        if (index != expected) return bad(k, "adds a customer the snapshot has already");
    }
    return LTV_OK;
}

/* Adds increment k's events to the pending store, each checked as an add would check it. */
static int add_events(ltv_ledger *ledger, uint64_t k, const unsigned char *inc, const ltv__snap_increment *ih,
                      const ltv__snap_increment_layout *at) {
    int status = ltv__ledger_reserve_events(ledger, (size_t)ih->events);
    if (status != LTV_OK) return status;
    for (uint64_t e = 0; e < ih->events; e++) {
        uint32_t customer;
        ltv__event ev;
        memcpy(&customer, inc + at->customers + 4 * e, sizeof customer);
        memcpy(&ev, inc + at->events + 16 * e, sizeof ev);
        if (customer >= ledger->customer_count) return bad(k, "has an event of a customer that does not exist");
        const int kind = ltv__event_kind(&ev);
        int64_t amount = ev.amount;
        int32_t items = ltv__event_items(&ev);
        if (ltv__event_check("snapshot", kind, ev.day, &amount, &items) != LTV_OK || amount != ev.amount ||
            items != ltv__event_items(&ev))
            return bad(k, "has an invalid event (kind, day, amount or items)");
        if (ltv__ledger_check_money(ledger, amount < 0 ? (uint64_t)-amount : (uint64_t)amount) != LTV_OK)
            return bad(k, "makes the amounts overflow");
        ltv__ledger_append(ledger, customer, (uint8_t)kind, ev.day, amount, items);
    }
    return LTV_OK;
}

int ltv__snap_apply_commit(ltv_ledger *ledger, const unsigned char *bytes, size_t len, const ltv__snap_header *h,
                           bool fitting) {
    ltv__snap_commit c;
    int slot;
    int status = ltv__snap_newest_commit_within(bytes, fitting ? len : UINT64_MAX, &c, &slot);
    if (status != LTV_OK) return status;
    if (c.committed_bytes > len)
        return ltv__fail(LTV_EFORMAT, "truncated snapshot: %llu bytes, commit %llu ends at %llu", (unsigned long long)len,
                         (unsigned long long)c.sequence, (unsigned long long)c.committed_bytes);
    if (c.base_bytes != h->file_bytes || c.committed_bytes < h->file_bytes || c.increments > c.committed_bytes / 64)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: commit %llu does not fit the base", (unsigned long long)c.sequence);
    uint64_t at = c.increments ? align_up(h->file_bytes) : h->file_bytes, last = 0;
    if (at > c.committed_bytes) return bad(0, "lies past the commit's end");
    for (uint64_t pad = h->file_bytes; pad < at; pad++) /* before the first increment */
        if (bytes[pad] != 0) return bad(0, "is preceded by padding that is not zero");
    for (uint64_t k = 0; k < c.increments; k++) {
        if (at > c.committed_bytes || c.committed_bytes - at < LTV__SNAP_INCREMENT_HEADER)
            return bad(k, "lies past the commit's end");
        const unsigned char *inc = bytes + at;
        ltv__snap_increment ih;
        memcpy(&ih, inc, sizeof ih);
        ltv__snap_increment_layout lay;
        if (memcmp(ih.magic, LTV__SNAP_INCREMENT_MAGIC, 8) != 0 ||
            ltv__xxh64(inc, offsetof(ltv__snap_increment, header_checksum)) != ih.header_checksum)
            return bad(k, "has a damaged header (magic or checksum)");
        if (ih.customers_before != ledger->customer_count ||
            !ltv__snap_increment_layout_of(ih.new_customers, ih.long_id_bytes, ih.events, &lay) || lay.bytes != ih.bytes ||
            ih.bytes > c.committed_bytes - at)
            return bad(k, "has a header that does not fit the snapshot");
        if (ltv__xxh64(inc + LTV__SNAP_INCREMENT_HEADER, (size_t)(ih.bytes - LTV__SNAP_INCREMENT_HEADER)) != ih.body_checksum)
            return bad(k, "has a checksum that does not match");
        if (ih.new_customers > LTV_CUSTOMERS_MAX - ledger->customer_count) return bad(k, "has too many customers");
        /* room for the new customers at once (the first copies the base's out of the mapping) */
        status = ih.new_customers ? ltv_ledger_reserve(ledger, ih.new_customers, 0) : LTV_OK;
        if (status == LTV_OK) status = add_customers(ledger, k, inc, &ih, &lay);
        if (status == LTV_OK) status = add_events(ledger, k, inc, &ih, &lay);
        if (status != LTV_OK) return status;
        last = ih.header_checksum;
        at += ih.bytes;
    }
    if (at != c.committed_bytes || last != c.last_increment)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: commit %llu's increments end at %llu, the commit at %llu",
                         (unsigned long long)c.sequence, (unsigned long long)at, (unsigned long long)c.committed_bytes);
    if (c.customers != ledger->customer_count || c.events != ltv_ledger_event_count(ledger) || c.orders != ledger->orders ||
        c.revenue != ledger->revenue || c.abs_money != ledger->abs_money || c.min_day != ledger->min_day ||
        c.max_day != ledger->max_day)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the totals of commit %llu do not match its increments",
                         (unsigned long long)c.sequence);
    ltv__snap_origin *o = &ledger->origin;
    o->sequence = c.sequence;
    o->committed_bytes = c.committed_bytes;
    o->base_bytes = c.base_bytes;
    o->increments = c.increments;
    o->increment_bytes = c.committed_bytes - c.base_bytes;
    o->customers = ledger->customer_count;
    o->pending_saved = ledger->pending.count;
    return LTV_OK;
}
