/* Helpers of the snapshot tests (test_snapshot.c, test_snapshot_checks.c): a temporary
 * directory, whole files, and edits of a snapshot's bytes that keep its checksums right so
 * that the edit reaches the structural checks. Static inline: each test file uses a part. */
#ifndef LTV_TEST_SNAP_FIXTURES_H
#define LTV_TEST_SNAP_FIXTURES_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot_internal.h"

static char fx_tmp_dir[256];

static inline void fx_make_tmp_dir(void) {
    snprintf(fx_tmp_dir, sizeof fx_tmp_dir, "/tmp/ltv-snapshot-test-XXXXXX");
    cr_assert_not_null(mkdtemp(fx_tmp_dir));
}

static inline void fx_remove_tmp_dir(void) {
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_tmp_dir);
    if (system(cmd) != 0) cr_log_warn("cannot remove %s", fx_tmp_dir);
}

/* A path in the temporary directory (the last four stay valid). */
static inline const char *fx_tmp_path(const char *name) {
    static char path[4][400];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 400, "%s/%s", fx_tmp_dir, name);
    return p;
}

static inline void *fx_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *data = malloc(size > 0 ? (size_t)size : 1);
    cr_assert_eq(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *len = (size_t)size;
    return data;
}

static inline void fx_write_file(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Recomputes every section checksum, the table's and the header's of a snapshot held in
 * memory (the table where the header says: version 1 or 2). */
static inline void fx_snap_reseal(unsigned char *buf) {
    ltv__snap_header h;
    memcpy(&h, buf, sizeof h);
    for (uint32_t i = 0; i < h.section_count; i++) {
        ltv__snap_entry e;
        memcpy(&e, buf + h.table_offset + i * LTV__SNAP_ENTRY_BYTES, sizeof e);
        e.checksum = ltv__xxh64(buf + e.offset, (size_t)e.bytes);
        memcpy(buf + h.table_offset + i * LTV__SNAP_ENTRY_BYTES, &e, sizeof e);
    }
    h.table_checksum = ltv__xxh64(buf + h.table_offset, h.section_count * LTV__SNAP_ENTRY_BYTES);
    memcpy(buf, &h, sizeof h);
    h.header_checksum = ltv__xxh64(buf, offsetof(ltv__snap_header, header_checksum));
    memcpy(buf, &h, sizeof h);
}

/* The table entry of section `id`; fails the test if there is none. */
static inline ltv__snap_entry fx_snap_section(const unsigned char *buf, uint32_t id) {
    ltv__snap_header h;
    memcpy(&h, buf, sizeof h);
    for (uint32_t i = 0; i < h.section_count; i++) {
        ltv__snap_entry e;
        memcpy(&e, buf + h.table_offset + i * LTV__SNAP_ENTRY_BYTES, sizeof e);
        if (e.id == id) return e;
    }
    cr_assert_fail("no section %u", id);
    return (ltv__snap_entry){0};
}

#endif
