/* The checks of a snapshot's arrays: every checksum, every id record and hash slot, every run
 * and event, and the totals META promises. They run in the open (ltv_ledger_open), or part by
 * part on first use (LTV_OPEN_CHECK_ON_USE: the record handed to the ledger, checked.c). They
 * are written for hostile bytes: every index and offset that a query follows is proven in
 * range before it is followed. */
#include <string.h>

#include "snapshot_internal.h"

const char *const ltv__snap_section_names[LTV__SEC_KNOWN + 1] = {"?",     "META",  "ID_RECORDS", "LONG_IDS",
                                                                "SLOTS", "RUN_STARTS", "EVENTS"};

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
    const ltv__snap_view *view;
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
 * together (ltv__balance): their sections to checksum, then customers and slots in
 * proportion to what each thread has left to do. Returns the number of shares. */
static int check_plan(open_share shares[8], const check_share *all, const ltv__snap_view *v, unsigned parts) {
    int count = ltv__thread_budget();
    if (count > 8) count = 8;
    if (v->meta.customers + v->meta.events < 100000) count = 1;
    for (int i = 0; i < count; i++) shares[i] = (open_share){.check = *all, .view = v};
    int ids[LTV__SEC_KNOWN], owner[LTV__SEC_KNOWN], njobs = 0;
    double bytes[LTV__SEC_KNOWN], total = 0;
    for (int id = 2; id <= LTV__SEC_KNOWN; id++)
        if (part_of(id) & parts) {
            ids[njobs] = id;
            total += bytes[njobs++] = (double)v->sec[id].bytes;
        }
    double cut[9];
    ltv__balance(count, bytes, njobs, total * CHECK_COST, owner, cut);
    for (int j = 0; j < njobs; j++) shares[owner[j]].hashed |= 1u << ids[j];
    for (int i = 0; i < count; i++) { /* thread i checks the fractions cut[i]..cut[i + 1] */
        check_share *c = &shares[i].check;
        c->begin = (uint64_t)((double)all->customers * cut[i]);
        c->end = i == count - 1 ? all->customers : (uint64_t)((double)all->customers * cut[i + 1]);
        c->slot_begin = (uint64_t)((double)all->slot_end * cut[i]);
        c->slot_end = i == count - 1 ? all->slot_end : (uint64_t)((double)all->slot_end * cut[i + 1]);
    }
    return count;
}

/* What META says the events add up to. */
static ltv__event_totals meta_totals(const ltv__snap_meta *m) {
    return (ltv__event_totals){m->orders, m->visits, m->abs_money, m->revenue, m->min_day, m->max_day};
}

/* The open's checks of some parts of a snapshot: checksums, structure, and the totals that
 * META claims. *out_visits: the visits the events hold (with the events part). */
int ltv__snap_check_view(const ltv__snap_view *v, unsigned parts, uint64_t *out_visits) {
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
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s's checksum does not match", ltv__snap_section_names[id]);
    if (status != LTV_OK) return status; /* the structure's problem, named by the check that found it */
    if (parts & LTV__PART_IDS) {
        uint64_t used = 0, empty = 0;
        for (int i = 0; i < count; i++) used += shares[i].check.used_slots, empty += shares[i].check.empty_slots;
        if (used != n || (n > 0 && empty == 0))
            return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section SLOTS holds %llu customers, META says %llu",
                             (unsigned long long)used, (unsigned long long)n);
    }
    if (parts & LTV__PART_EVENTS) {
        ltv__event_totals t = {0, 0, 0, 0, LTV_NO_DAY, LTV_NO_DAY};
        for (int i = 0; i < count; i++)
            if (!ltv__event_totals_add(&t, &shares[i].check.totals))
                return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section EVENTS: the amounts overflow");
        const ltv__event_totals want = meta_totals(meta);
        status = ltv__event_walk_matches(starts, n, meta->events, &t, &want, meta->flags & LTV__SNAP_META_VISITS);
        if (status != LTV_OK) return status;
        *out_visits = t.visits;
    }
    return LTV_OK;
}

/* The deferred checks of an opened ledger: the record of ledger_internal.h and the view it
 * checks when a part is first used. */
typedef struct snap_deferred {
    ltv__deferred_checks record; /* first: ledger->deferred points here, and frees the block */
    ltv__snap_view view;
    char source[]; /* the path, for the messages */
} snap_deferred;

static int check_deferred(const ltv_ledger *ledger, unsigned parts) {
    const snap_deferred *d = (const snap_deferred *)(const void *)ledger->deferred;
    uint64_t visits = 0;
    return ltv__snap_check_view(&d->view, parts, &visits); /* META's visits were compared */
}

int ltv__snap_defer_checks(ltv_ledger *ledger, const ltv__snap_view *v, unsigned unchecked, const char *source) {
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
    d->record.expected = meta_totals(&v->meta);
    for (int i = 0; i < 2; i++) {
        const int id = i == 0 ? LTV__SEC_RUN_STARTS : LTV__SEC_EVENTS;
        d->record.events_arrays[i] = (ltv__unchecked_array){v->base + v->sec[id].offset, (size_t)v->sec[id].bytes,
                                                            v->sec[id].checksum, ltv__snap_section_names[id]};
    }
    ledger->deferred = &d->record;
    return LTV_OK;
}
