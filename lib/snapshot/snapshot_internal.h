/*
 * The snapshot file format (docs/snapshot-format.md is the specification; keep the two in
 * step). Everything is little-endian, every section starts at a multiple of 64 bytes, and
 * the sections other than META are the ledger's own arrays byte for byte, so that an opened
 * ledger can point into the mapping.
 */
#ifndef LTVCRM_SNAPSHOT_INTERNAL_H
#define LTVCRM_SNAPSHOT_INTERNAL_H

#include "ltvcrm/snapshot.h"

#include "ledger_internal.h"

#define LTV__SNAP_HEADER_BYTES 64u
#define LTV__SNAP_ENTRY_BYTES 32u
#define LTV__SNAP_ALIGN 64u
#define LTV__SNAP_BYTE_ORDER 0x01020304u /* written in the writer's order: 04 03 02 01 */
#define LTV__SNAP_META_BYTES 128u
#define LTV__SNAP_MAX_SECTIONS 64u
#define LTV__SNAP_HASH_ID 1u /* ltv__id_hash() as of format version 1 */
#define LTV__SNAP_OPTIONAL 1u /* section flag: a reader that does not know the id skips it */

/* Version 2: the same base behind two commit slots, then increments (docs/snapshot-format.md). */
#define LTV__SNAP_V1 1u
#define LTV__SNAP_V2 2u
#define LTV__SNAP_COMMIT_BYTES 128u
#define LTV__SNAP_COMMIT_AT 64u /* slot 0 at 64, slot 1 at 192 */
#define LTV__SNAP_V2_TABLE_AT (LTV__SNAP_COMMIT_AT + 2 * LTV__SNAP_COMMIT_BYTES)
#define LTV__SNAP_INCREMENT_MAGIC "LTVDELTA"
#define LTV__SNAP_INCREMENT_HEADER 64u
/* An incremental save rewrites the file as one base (compaction) instead of appending once
 * the increments would exceed a quarter of the base's bytes or this many increments. */
#define LTV__SNAP_COMPACT_SHARE 4u
#define LTV__SNAP_MAX_INCREMENTS 1000u

enum {
    LTV__SEC_META = 1,
    LTV__SEC_ID_RECORDS = 2,
    LTV__SEC_LONG_IDS = 3,
    LTV__SEC_SLOTS = 4,
    LTV__SEC_RUN_STARTS = 5,
    LTV__SEC_EVENTS = 6,
    LTV__SEC_KNOWN = 6
};

/* The header's fields, at their offsets in the file. */
typedef struct ltv__snap_header {
    char magic[8];           /* 0 */
    uint32_t byte_order;     /* 8 */
    uint32_t version;        /* 12 */
    uint32_t header_bytes;   /* 16 */
    uint32_t section_count;  /* 20 */
    uint64_t file_bytes;     /* 24 */
    uint64_t table_offset;   /* 32 */
    uint64_t table_checksum; /* 40 */
    uint64_t reserved;       /* 48 */
    uint64_t header_checksum; /* 56: of bytes 0..55 */
} ltv__snap_header;

typedef struct ltv__snap_entry {
    uint32_t id, flags;
    uint64_t offset, bytes, checksum;
} ltv__snap_entry;

/* The META section's first 64 bytes (the rest is zero). */
typedef struct ltv__snap_meta {
    uint64_t customers;     /* 0 */
    uint64_t events;        /* 8 */
    uint64_t orders;        /* 16 */
    int64_t revenue;        /* 24 */
    uint64_t abs_money;     /* 32 */
    int32_t min_day;        /* 40 */
    int32_t max_day;        /* 44 */
    uint64_t slot_count;    /* 48 */
    uint64_t long_id_bytes; /* 56 */
    uint32_t id_inline;     /* 64: LTV_ID_INLINE */
    uint32_t hash_id;       /* 68: LTV__SNAP_HASH_ID */
    uint64_t visits;        /* 72: events of kind visit, when flags has LTV__SNAP_META_VISITS */
    uint32_t flags;         /* 80 */
} ltv__snap_meta;

/* META flag: the visits field is set (writers before it left bytes 72..127 zero). With it a
 * reader knows every total without reading the events, so their checks can wait. */
#define LTV__SNAP_META_VISITS 1u

/* A commit slot (version 2): which increments belong to the snapshot, and its totals. */
typedef struct ltv__snap_commit {
    uint64_t sequence;        /* 0: 0 = empty slot; commit s lives in slot (s - 1) % 2 */
    uint64_t committed_bytes; /* 8: where the last increment ends (the base's end if none) */
    uint64_t increments;      /* 16 */
    uint64_t customers;       /* 24: totals after every increment, as in META */
    uint64_t events;          /* 32 */
    uint64_t orders;          /* 40 */
    int64_t revenue;          /* 48 */
    uint64_t abs_money;       /* 56 */
    int32_t min_day;          /* 64 */
    int32_t max_day;          /* 68 */
    uint64_t last_increment;  /* 72: header checksum of the last increment, 0 if none */
    uint64_t base_bytes;      /* 80: the header's file size */
    uint64_t reserved[4];     /* 88: zero */
    uint64_t checksum;        /* 120: XXH64 of bytes 0..119 */
} ltv__snap_commit;

/* The header of an increment (version 2), at a multiple of 64 after the base. Its body: id
 * records of the new customers (16 each), their long ids, then (each at a multiple of 64)
 * the events' customer indexes (u32 each) and the events (16 each), zero-padded to 64. */
typedef struct ltv__snap_increment {
    char magic[8];             /* 0: LTV__SNAP_INCREMENT_MAGIC */
    uint64_t bytes;            /* 8: the whole increment, this header included */
    uint64_t customers_before; /* 16 */
    uint64_t new_customers;    /* 24 */
    uint64_t events;           /* 32 */
    uint64_t long_id_bytes;    /* 40 */
    uint64_t body_checksum;    /* 48: XXH64 of the bytes after the header */
    uint64_t header_checksum;  /* 56: XXH64 of bytes 0..55 */
} ltv__snap_increment;

_Static_assert(sizeof(ltv__snap_commit) == LTV__SNAP_COMMIT_BYTES, "a commit slot is 128 bytes");
_Static_assert(sizeof(ltv__snap_increment) == LTV__SNAP_INCREMENT_HEADER, "an increment header is 64 bytes");

/* Offsets inside an increment of the given counts (from its header); false if they overflow. */
typedef struct ltv__snap_increment_layout {
    uint64_t ids, long_ids, customers, events, bytes;
} ltv__snap_increment_layout;
/* Where an id record's id lies, for the base's ID_RECORDS and an increment's new ids alike:
 * in the record (1..LTV_ID_INLINE bytes, NUL-terminated) or in the long-id bytes (a 4-byte
 * length above LTV_ID_INLINE and at most LTV_ID_MAX, the bytes, a NUL, all inside them).
 * Sets *id and *len and returns LTV__ID_FOUND, or which way the record is broken. */
enum { LTV__ID_FOUND, LTV__ID_MALFORMED, LTV__ID_OUTSIDE, LTV__ID_BAD_CODE };
static inline int ltv__snap_id_locate(const ltv__id_record *rec, const char *long_ids, uint64_t long_bytes,
                                      const char **id, size_t *len) {
    if (rec->len <= LTV_ID_INLINE) {
        *id = rec->bytes;
        *len = rec->len;
        return rec->len == 0 || rec->bytes[rec->len] != '\0' ? LTV__ID_MALFORMED : LTV__ID_FOUND;
    }
    if (rec->len != LTV_ID_LONG) return LTV__ID_BAD_CODE;
    uint64_t offset;
    uint32_t long_len;
    memcpy(&offset, rec->bytes + 7, sizeof offset);
    if (offset > long_bytes || long_bytes - offset < sizeof long_len) return LTV__ID_OUTSIDE;
    memcpy(&long_len, long_ids + offset, sizeof long_len);
    if (long_len <= LTV_ID_INLINE || long_len > LTV_ID_MAX || long_bytes - offset - sizeof long_len < long_len + 1u ||
        long_ids[offset + sizeof long_len + long_len] != '\0')
        return LTV__ID_OUTSIDE;
    *id = long_ids + offset + sizeof long_len;
    *len = long_len;
    return LTV__ID_FOUND;
}

bool ltv__snap_increment_layout_of(uint64_t new_customers, uint64_t long_id_bytes, uint64_t events,
                                   ltv__snap_increment_layout *out);

/* The newest valid commit slot of a version-2 file's first LTV__SNAP_V2_TABLE_AT bytes, or
 * LTV_EFORMAT naming the problem when neither slot is valid. *out_slot: 0 or 1. */
int ltv__snap_newest_commit(const unsigned char *head, ltv__snap_commit *out, int *out_slot);
/* The same among the slots whose commit ends within `len` bytes. */
int ltv__snap_newest_commit_within(const unsigned char *head, uint64_t len, ltv__snap_commit *out, int *out_slot);

/* Applies a version-2 snapshot's commit to a ledger just attached to its base: checks every
 * increment up to the commit and adds its customers and events (events go to the pending
 * store). The commit is the newest one, or with `fitting` the newest that ends within `len`
 * (for a file that a writer extended while it was being mapped). Sets ledger->origin except
 * device and inode (inactive). */
int ltv__snap_apply_commit(ltv_ledger *ledger, const unsigned char *bytes, size_t len, const ltv__snap_header *h,
                           bool fitting);

/* Checksums of `count` sections, on the thread budget's threads. */
void ltv__snap_hash_sections(const void *const *data, const uint64_t *bytes, uint64_t *out, int count);

/* The sections of a prepared ledger, in file order (data pointers into the ledger). */
typedef struct ltv__snap_layout {
    ltv__snap_header header;
    ltv__snap_commit commits[2]; /* version 2 only: commit 1 in slot 0, slot 1 empty */
    ltv__snap_entry entries[LTV__SEC_KNOWN];
    const void *data[LTV__SEC_KNOWN];
    unsigned char meta[LTV__SNAP_META_BYTES];
} ltv__snap_plan;

/* Describes the ledger (prepared) as a snapshot of format `version` (1, or 2: a base with
 * its first commit) and computes every checksum. */
int ltv__snap_make_plan(const ltv_ledger *ledger, uint32_t version, ltv__snap_plan *out);

/* Writes a plan's bytes to fd from its current position; 0, or -1 with errno set. */
int ltv__snap_write_plan(int fd, const ltv__snap_plan *plan);

/* Seals a commit slot: its checksum over bytes 0..119. */
void ltv__snap_seal_commit(ltv__snap_commit *c);

/* The section names, by id, for messages. */
extern const char *const ltv__snap_section_names[LTV__SEC_KNOWN + 1];

/* A snapshot's bytes as the checks see them: the known sections and META, after
 * ltv__snap_check_header(). */
typedef struct ltv__snap_view {
    const unsigned char *base;
    ltv__snap_entry sec[LTV__SEC_KNOWN + 1];
    ltv__snap_meta meta;
    bool populate; /* a file mapping: the checks map the pages in before hashing */
} ltv__snap_view;

/* The open's checks of some parts (LTV__PART_* of ledger_internal.h) of a snapshot whose
 * header was checked: checksums, structure, and the totals META claims. *out_visits: the
 * visits the events hold (with the events part). LTV_OK or LTV_EFORMAT naming the problem. */
int ltv__snap_check_view(const ltv__snap_view *v, unsigned parts, uint64_t *out_visits);

/* Hands the ledger the record of the parts left unchecked (ledger->deferred), checked on their
 * first use with ltv__snap_check_view; failures name `source` (may be NULL). */
int ltv__snap_defer_checks(ltv_ledger *ledger, const ltv__snap_view *v, unsigned unchecked, const char *source);

/* Checks a snapshot's bytes and turns them into a ledger that borrows them; on success the
 * ledger owns `bytes` and releases them with `release`. On failure nothing is released.
 * `fitting`: see ltv__snap_apply_commit. `flags`: LTV_OPEN_CHECK_ON_USE defers the checks of the
 * arrays to their first use where the file allows it (ledger_internal.h); their failures then
 * name `source` (the path; may be NULL). */
int ltv__snap_attach(ltv_ledger **out, void *bytes, size_t len, void (*release)(void *, size_t), bool fitting,
                     unsigned flags, const char *source);

/* Checks the header and section table (and the META section's checksum) of `len` bytes, of
 * which the first `have` are at `bytes` (have >= the header and table, or the check says
 * truncated). Fills the entries of the known sections (zero where absent) and the meta. */
int ltv__snap_check_header(const unsigned char *bytes, size_t have, uint64_t len, ltv__snap_header *header,
                           ltv__snap_entry known[LTV__SEC_KNOWN + 1], ltv__snap_meta *meta);

#endif
