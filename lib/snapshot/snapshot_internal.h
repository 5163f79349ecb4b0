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
} ltv__snap_meta;

/* XXH64 (seed 0) of the bytes: the format's checksum, so any xxHash library can check it. */
uint64_t ltv__xxh64(const void *data, size_t len);

/* Checksums of `count` sections, on the thread budget's threads. */
void ltv__snap_hash_sections(const void *const *data, const uint64_t *bytes, uint64_t *out, int count);

/* The sections of a prepared ledger, in file order (data pointers into the ledger). */
typedef struct ltv__snap_layout {
    ltv__snap_header header;
    ltv__snap_entry entries[LTV__SEC_KNOWN];
    const void *data[LTV__SEC_KNOWN];
    unsigned char meta[LTV__SNAP_META_BYTES];
} ltv__snap_plan;

/* Describes the ledger (prepared) as a snapshot and computes every checksum. */
int ltv__snap_make_plan(const ltv_ledger *ledger, ltv__snap_plan *out);

/* Checks a snapshot's bytes and turns them into a ledger that borrows them; on success the
 * ledger owns `bytes` and releases them with `release`. On failure nothing is released. */
int ltv__snap_attach(ltv_ledger **out, void *bytes, size_t len, void (*release)(void *, size_t));

/* Checks the header and section table (and the META section's checksum) of `len` bytes, of
 * which the first `have` are at `bytes` (have >= the header and table, or the check says
 * truncated). Fills the entries of the known sections (zero where absent) and the meta. */
int ltv__snap_check_header(const unsigned char *bytes, size_t have, uint64_t len, ltv__snap_header *header,
                           ltv__snap_entry known[LTV__SEC_KNOWN + 1], ltv__snap_meta *meta);

#endif
