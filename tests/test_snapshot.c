/* Snapshots: round trips (file and buffer) answer exactly like the ledger saved, increments on
 * an opened snapshot equal the ledger built from the whole log (for any thread count), the
 * writer is crash-safe, and a set of damaged files is refused with a message naming the
 * problem. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "snap_fixtures.h"

/* ---- helpers ---------------------------------------------------------------------------- */

/* Same customers in the same order, same events and facts, same totals. */
static void assert_identical(const ltv_ledger *a, const ltv_ledger *b) {
    cr_assert_eq(ltv_ledger_customer_count(a), ltv_ledger_customer_count(b));
    cr_assert_eq(ltv_ledger_event_count(a), ltv_ledger_event_count(b));
    cr_assert_eq(ltv_ledger_order_count(a), ltv_ledger_order_count(b));
    cr_assert_eq(ltv_ledger_revenue(a), ltv_ledger_revenue(b));
    int32_t fa = 0, la = 0, fb = 0, lb = 0;
    int ra = ltv_ledger_day_range(a, &fa, &la), rb = ltv_ledger_day_range(b, &fb, &lb);
    cr_assert_eq(ra, rb);
    cr_assert_eq(fa, fb);
    cr_assert_eq(la, lb);
    const uint64_t n = ltv_ledger_customer_count(a);
    for (uint64_t i = 0; i < n; i++) {
        const char *ida, *idb;
        size_t lena, lenb;
        cr_assert_eq(ltv_ledger_customer_id(a, i, &ida, &lena), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_id(b, i, &idb, &lenb), LTV_OK);
        cr_assert(lena == lenb && memcmp(ida, idb, lena) == 0 && idb[lenb] == '\0', "id %llu differs",
                  (unsigned long long)i);
        uint64_t found;
        cr_assert_eq(ltv_ledger_find(b, ida, lena, &found), LTV_OK);
        cr_assert_eq(found, i);
        static int32_t da[4096], db[4096], ia[4096], ib[4096];
        static int64_t ma[4096], mb[4096];
        static uint8_t ka[4096], kb[4096];
        size_t na, nb;
        cr_assert_eq(ltv_ledger_customer_events(a, i, ka, da, ma, ia, 4096, &na), LTV_OK);
        cr_assert_eq(ltv_ledger_customer_events(b, i, kb, db, mb, ib, 4096, &nb), LTV_OK);
        cr_assert_eq(na, nb);
        cr_assert(memcmp(ka, kb, na) == 0 && memcmp(da, db, na * 4) == 0 && memcmp(ma, mb, na * 8) == 0 &&
                      memcmp(ia, ib, na * 4) == 0,
                  "events of customer %llu differ", (unsigned long long)i);
    }
}

/* Customers may be in another order (a ledger built whole sees them first in another
 * order than base + increment does only if the log is not in date order): compare by id. */
static void assert_same_by_id(const ltv_ledger *a, const ltv_ledger *b, int32_t as_of) {
    cr_assert_eq(ltv_ledger_customer_count(a), ltv_ledger_customer_count(b));
    cr_assert_eq(ltv_ledger_event_count(a), ltv_ledger_event_count(b));
    for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
        const char *id;
        size_t len;
        uint64_t j;
        cr_assert_eq(ltv_ledger_customer_id(a, i, &id, &len), LTV_OK);
        cr_assert_eq(ltv_ledger_find(b, id, len, &j), LTV_OK, "customer %s missing", id);
        ltv_customer_facts fa, fb;
        cr_assert_eq(ltv_ledger_facts(a, i, as_of, &fa, sizeof fa), LTV_OK);
        cr_assert_eq(ltv_ledger_facts(b, j, as_of, &fb, sizeof fb), LTV_OK);
        cr_assert(memcmp(&fa, &fb, sizeof fa) == 0, "facts of %s differ", id);
    }
    ltv_ledger_summary sa, sb;
    cr_assert_eq(ltv_ledger_summary_as_of(a, as_of, &sa, sizeof sa), LTV_OK);
    cr_assert_eq(ltv_ledger_summary_as_of(b, as_of, &sb, sizeof sb), LTV_OK);
    cr_assert_eq(memcmp(&sa, &sb, sizeof sa), 0);
}

static void assert_same_segmentation(const ltv_ledger *a, const ltv_ledger *b, int32_t as_of) {
    ltv_segmentation *sa = NULL, *sb = NULL;
    cr_assert_eq(ltv_segment_run(&sa, a, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_run(&sb, b, NULL, as_of), LTV_OK);
    for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
        ltv_customer_segment ca, cb;
        cr_assert_eq(ltv_segmentation_customer(sa, i, &ca, sizeof ca), LTV_OK);
        cr_assert_eq(ltv_segmentation_customer(sb, i, &cb, sizeof cb), LTV_OK);
        cr_assert_eq(memcmp(&ca, &cb, sizeof ca), 0, "segment of customer %llu differs", (unsigned long long)i);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats ga, gb;
        cr_assert_eq(ltv_segmentation_state_stats(sa, s, &ga, sizeof ga), LTV_OK);
        cr_assert_eq(ltv_segmentation_state_stats(sb, s, &gb, sizeof gb), LTV_OK);
        cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0);
    }
    ltv_segmentation_free(sa);
    ltv_segmentation_free(sb);
}

static ltv_ledger *generated(size_t rows, size_t customers, uint64_t seed) {
    fx_log log = fx_log_generate(rows, customers, seed);
    ltv_ledger *ledger = fx_ledger();
    fx_log_add(ledger, &log, 0, log.rows);
    fx_log_free(&log);
    return ledger;
}

static void assert_refused(const void *data, size_t len, const char *needle) {
    ltv_ledger *ledger = (ltv_ledger *)1;
    int status = ltv_ledger_open_buffer(&ledger, data, len);
    cr_assert_neq(status, LTV_OK, "accepted a snapshot that should be refused (%s)", needle);
    cr_assert_null(ledger);
    cr_assert(strstr(ltv_last_error(), needle) != NULL, "message '%s' does not name '%s'", ltv_last_error(), needle);
}

/* ---- the checksum -------------------------------------------------------------------- */

Test(snapshot, xxh64_matches_published_values) {
    /* Reference values from the xxHash project's xxhsum -H64. */
    cr_assert_eq(ltv__xxh64("", 0), 0xef46db3751d8e999ull);
    cr_assert_eq(ltv__xxh64("abc", 3), 0x44bc2cf5ad770999ull);
    static const char zeros[100];
    cr_assert_eq(ltv__xxh64(zeros, 100), 0x17bb1103c92c502full);
    const char *fox = "The quick brown fox jumps over the lazy dog";
    cr_assert_eq(ltv__xxh64(fox, strlen(fox)), 0x0b242d361fda71bcull);
}

/* ---- round trips ----------------------------------------------------------------------- */

Test(snapshot, file_round_trip_answers_identically, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = generated(20000, 3000, 42);
    const char *path = fx_tmp_path("a.ltvsnap");
    cr_assert_eq(ltv_ledger_save(ledger, path), LTV_OK, "%s", ltv_last_error());
    ltv_ledger *opened = NULL;
    cr_assert_eq(ltv_ledger_open(&opened, path), LTV_OK, "%s", ltv_last_error());
    assert_identical(ledger, opened);
    assert_same_by_id(ledger, opened, fx_day("2025-06-01"));
    assert_same_segmentation(ledger, opened, fx_day("2026-11-01"));
    assert_same_segmentation(ledger, opened, fx_day("2025-01-01"));
    /* Saving the opened ledger writes the same bytes. */
    const char *again = fx_tmp_path("b.ltvsnap");
    cr_assert_eq(ltv_ledger_save(opened, again), LTV_OK);
    size_t la, lb;
    void *a = fx_read_file(path, &la), *b = fx_read_file(again, &lb);
    cr_assert_eq(la, lb);
    cr_assert_eq(memcmp(a, b, la), 0);
    /* No temporary file is left behind. */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 2", fx_tmp_dir);
    cr_assert_eq(system(cmd), 0);
    free(a);
    free(b);
    ltv_ledger_free(opened);
    ltv_ledger_free(ledger);
}

Test(snapshot, buffer_round_trip_equals_file_bytes, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = generated(5000, 800, 3);
    void *buf = NULL;
    size_t len = 0;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, &buf, &len), LTV_OK);
    const char *path = fx_tmp_path("c.ltvsnap");
    cr_assert_eq(ltv_ledger_save(ledger, path), LTV_OK);
    size_t flen;
    void *file = fx_read_file(path, &flen);
    cr_assert_eq(flen, len);
    cr_assert_eq(memcmp(file, buf, len), 0);
    ltv_ledger *opened = NULL;
    cr_assert_eq(ltv_ledger_open_buffer(&opened, buf, len), LTV_OK, "%s", ltv_last_error());
    ltv_free(buf); /* the ledger keeps its own copy */
    assert_identical(ledger, opened);
    ltv_snapshot_info info;
    cr_assert_eq(ltv_snapshot_info_read(path, &info, sizeof info), LTV_OK);
    cr_assert_eq(info.format_version, 1);
    cr_assert_eq(info.file_bytes, flen);
    cr_assert_eq(info.customers, ltv_ledger_customer_count(ledger));
    cr_assert_eq(info.events, 5000);
    cr_assert_eq(info.orders, ltv_ledger_order_count(ledger));
    cr_assert_eq(info.revenue, ltv_ledger_revenue(ledger));
    int is = -1;
    cr_assert_eq(ltv_snapshot_detect(path, &is), LTV_OK);
    cr_assert_eq(is, 1);
    fx_write_file(fx_tmp_path("x.csv"), "customer_id,order_date,amount\n", 30);
    cr_assert_eq(ltv_snapshot_detect(fx_tmp_path("x.csv"), &is), LTV_OK);
    cr_assert_eq(is, 0);
    cr_assert_eq(ltv_snapshot_detect(fx_tmp_path("missing"), &is), LTV_EIO);
    free(file);
    ltv_ledger_free(opened);
    ltv_ledger_free(ledger);
}

Test(snapshot, empty_ledger_and_long_ids_round_trip, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *empty = fx_ledger(), *opened = NULL;
    cr_assert_eq(ltv_ledger_save(empty, fx_tmp_path("empty")), LTV_OK);
    cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_path("empty")), LTV_OK, "%s", ltv_last_error());
    assert_identical(empty, opened);
    fx_add(opened, "later", LTV_EVENT_ORDER, "2026-01-01", 10, 1); /* an opened empty ledger grows */
    cr_assert_eq(ltv_ledger_customer_count(opened), 1);
    ltv_ledger_free(opened);
    ltv_ledger_free(empty);

    ltv_ledger *ledger = fx_ledger();
    fx_add(ledger, "short", LTV_EVENT_ORDER, "2025-01-01", 100, 1);
    fx_add(ledger, "fourteen-bytes", LTV_EVENT_ORDER, "2025-01-02", 200, 1);
    fx_add(ledger, "an id that is much longer than fourteen bytes", LTV_EVENT_ORDER, "2025-01-03", 300, 2);
    fx_add(ledger, "会員番号-0000000123456789", LTV_EVENT_REFUND, "2025-01-04", 50, 0);
    fx_add(ledger, "会員番号-0000000123456789", LTV_EVENT_CANCEL, "2025-02-04", 0, 0);
    cr_assert_eq(ltv_ledger_save(ledger, fx_tmp_path("long")), LTV_OK);
    cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_path("long")), LTV_OK, "%s", ltv_last_error());
    assert_identical(ledger, opened);
    ltv_ledger_free(opened);
    ltv_ledger_free(ledger);
}

/* ---- increments ---------------------------------------------------------------------- */

/* Base = the first part of a log, saved; then each "day" is added to the opened snapshot,
 * saved and reopened. The result must equal the ledger built from the whole log. */
static void increment_property(int threads, uint64_t seed) {
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    fx_log log = fx_log_generate(150000, 20000, seed);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    ltv_ledger *base = fx_ledger();
    fx_log_add(base, &log, 0, 100000);
    const char *path = fx_tmp_path("inc.ltvsnap");
    cr_assert_eq(ltv_ledger_save(base, path), LTV_OK);
    ltv_ledger_free(base);
    const size_t cuts[] = {100000, 120000, 120001, 140000, 150000};
    for (int k = 0; k + 1 < 5; k++) {
        ltv_ledger *ledger = NULL;
        cr_assert_eq(ltv_ledger_open(&ledger, path), LTV_OK, "%s", ltv_last_error());
        fx_log_add(ledger, &log, cuts[k], cuts[k + 1]);
        cr_assert_eq(ltv_ledger_save(ledger, path), LTV_OK, "%s", ltv_last_error()); /* over the mapped file */
        ltv_ledger_free(ledger);
    }
    ltv_ledger *final = NULL;
    cr_assert_eq(ltv_ledger_open(&final, path), LTV_OK, "%s", ltv_last_error());
    /* fx_log_add adds in log order and the ledger numbers customers in first-seen order, so
     * even the customer order is that of the whole. */
    assert_identical(whole, final);
    assert_same_by_id(whole, final, fx_day("2027-01-01"));
    assert_same_by_id(whole, final, fx_day("2025-06-01"));
    assert_same_segmentation(whole, final, fx_day("2026-11-01"));
    ltv_ledger_free(final);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

Test(snapshot, increments_equal_the_whole_log_one_thread, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_property(1, 5);
}
Test(snapshot, increments_equal_the_whole_log_two_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_property(2, 6);
}
Test(snapshot, increments_equal_the_whole_log_three_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_property(3, 7);
}

Test(snapshot, increment_by_bulk_columns_and_merge, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    fx_log log = fx_log_generate(30000, 4000, 9);
    ltv_ledger *whole = fx_ledger(), *day = fx_ledger(), *opened = NULL;
    fx_log_add(whole, &log, 0, log.rows);
    ltv_ledger *base = fx_ledger();
    fx_log_add(base, &log, 0, 25000);
    cr_assert_eq(ltv_ledger_save(base, fx_tmp_path("m")), LTV_OK);
    fx_log_add(day, &log, 25000, log.rows);
    cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_path("m")), LTV_OK);
    cr_assert_eq(ltv_ledger_merge(opened, day), LTV_OK);
    assert_same_by_id(whole, opened, fx_day("2027-01-01"));
    /* The file under the opened ledger is unchanged by the merge. */
    ltv_ledger *again = NULL;
    cr_assert_eq(ltv_ledger_open(&again, fx_tmp_path("m")), LTV_OK);
    assert_identical(base, again);
    ltv_ledger_free(again);
    /* Bulk columns into an opened snapshot. */
    cr_assert_eq(ltv_ledger_open(&again, fx_tmp_path("m")), LTV_OK);
    const size_t n = log.rows - 25000;
    int64_t *offsets = malloc((n + 1) * sizeof *offsets);
    char *ids = malloc(n * 16);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        offsets[i] = (int64_t)at;
        size_t len = strlen(log.ids[25000 + i]);
        memcpy(ids + at, log.ids[25000 + i], len);
        at += len;
    }
    offsets[n] = (int64_t)at;
    cr_assert_eq(ltv_ledger_add_events(again, n, ids, offsets, log.kinds + 25000, log.days + 25000, log.amounts + 25000,
                                       log.items + 25000),
                 LTV_OK, "%s", ltv_last_error());
    assert_same_by_id(whole, again, fx_day("2027-01-01"));
    free(offsets);
    free(ids);
    ltv_ledger_free(again);
    ltv_ledger_free(opened);
    ltv_ledger_free(base);
    ltv_ledger_free(day);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

/* ---- crash safety --------------------------------------------------------------------- */

Test(snapshot, save_replaces_a_symlink_without_following_it, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    fx_write_file(fx_tmp_path("victim"), "keep me", 7);
    cr_assert_eq(symlink(fx_tmp_path("victim"), fx_tmp_path("link")), 0);
    ltv_ledger *ledger = generated(100, 20, 1);
    cr_assert_eq(ltv_ledger_save(ledger, fx_tmp_path("link")), LTV_OK);
    size_t len;
    char *victim = fx_read_file(fx_tmp_path("victim"), &len);
    cr_assert(len == 7 && memcmp(victim, "keep me", 7) == 0, "the symlink's target was written");
    struct stat st;
    cr_assert_eq(lstat(fx_tmp_path("link"), &st), 0);
    cr_assert(S_ISREG(st.st_mode), "the destination is still a symlink");
    free(victim);
    /* An unwritable destination leaves nothing behind and says why. */
    cr_assert_eq(ltv_ledger_save(ledger, fx_tmp_path("no/such/dir/x")), LTV_EIO);
    cr_assert(strstr(ltv_last_error(), "no/such/dir") != NULL, "%s", ltv_last_error());
    ltv_ledger *opened = NULL;
    cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_path("nothing")), LTV_EIO);
    cr_assert_null(opened);
    cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_dir), LTV_EIO);
    cr_assert_eq(ltv_ledger_save(NULL, fx_tmp_path("x")), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_open(NULL, fx_tmp_path("x")), LTV_EINVAL);
    ltv_ledger_free(ledger);
}

/* ---- damaged files --------------------------------------------------------------------- */

Test(snapshot, every_truncation_is_refused) {
    ltv_ledger *ledger = generated(300, 40, 2);
    void *buf;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, &buf, &len), LTV_OK);
    for (size_t cut = 1; cut < len; cut++) {
        ltv_ledger *opened = NULL;
        int status = ltv_ledger_open_buffer(&opened, buf, cut);
        cr_assert_eq(status, LTV_EFORMAT, "a snapshot cut at %zu of %zu bytes was not refused", cut, len);
        cr_assert(strstr(ltv_last_error(), "truncated") != NULL, "cut at %zu: %s", cut, ltv_last_error());
    }
    ltv_free(buf);
    ltv_ledger_free(ledger);
}

Test(snapshot, every_flipped_byte_is_refused) {
    ltv_ledger *ledger = generated(300, 40, 2);
    unsigned char *buf;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&buf, &len), LTV_OK);
    for (size_t at = 0; at < len; at++) {
        buf[at] ^= 0x10;
        ltv_ledger *opened = NULL;
        cr_assert_eq(ltv_ledger_open_buffer(&opened, buf, len), LTV_EFORMAT, "a flip at byte %zu was not refused", at);
        buf[at] ^= 0x10;
    }
    ltv_ledger *opened = NULL;
    cr_assert_eq(ltv_ledger_open_buffer(&opened, buf, len), LTV_OK);
    ltv_ledger_free(opened);
    ltv_free(buf);
    ltv_ledger_free(ledger);
}

Test(snapshot, damaged_files_are_refused_with_the_problem_named, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    ltv_ledger *ledger = generated(2000, 300, 4);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    unsigned char *buf = malloc(len + 64);
#define FRESH() memcpy(buf, good, len)

    assert_refused("customer_id,order_date,amount\nA,2026-01-01,100\n", 46, "not a snapshot");
    assert_refused("", 0, "empty");
    FRESH();
    buf[8] = 1, buf[9] = 2, buf[10] = 3, buf[11] = 4; /* byte-order mark as a big-endian writer leaves it */
    assert_refused(buf, len, "big-endian");
    FRESH();
    buf[12] = 3; /* format version 3 */
    assert_refused(buf, len, "version 3 is newer");
    FRESH();
    buf[30] ^= 1;
    assert_refused(buf, len, "header's checksum");
    FRESH();
    memset(buf + len, 0, 64);
    assert_refused(buf, len + 10, "the header says the file ends");
    FRESH();
    buf[LTV__SNAP_HEADER_BYTES + 40] ^= 1;
    assert_refused(buf, len, "section table's checksum");
    FRESH();
    buf[fx_snap_section(buf, LTV__SEC_EVENTS).offset + 3] ^= 0x40;
    assert_refused(buf, len, "section EVENTS's checksum");
    FRESH();
    buf[fx_snap_section(buf, LTV__SEC_ID_RECORDS).offset + 1] ^= 0x01;
    assert_refused(buf, len, "section ID_RECORDS's checksum");
    FRESH();
    buf[fx_snap_section(buf, LTV__SEC_META).offset] ^= 0x01;
    assert_refused(buf, len, "section META's checksum");

    /* Damage with correct checksums: only the structural checks can catch it. */
    ltv__snap_entry ev = fx_snap_section(good, LTV__SEC_EVENTS), rs = fx_snap_section(good, LTV__SEC_RUN_STARTS),
                    sl = fx_snap_section(good, LTV__SEC_SLOTS), ids = fx_snap_section(good, LTV__SEC_ID_RECORDS),
                    meta = fx_snap_section(good, LTV__SEC_META);
    FRESH();
    buf[ev.offset + 7] = 9; /* kind 9 */
    fx_snap_reseal(buf);
    assert_refused(buf, len, "unknown kind");
    FRESH();
    { /* swap the first two events of a customer with several */
        uint64_t starts[2];
        size_t c = 0;
        for (;; c++) {
            memcpy(starts, buf + rs.offset + c * 8, 16);
            if (starts[1] - starts[0] >= 2) break;
        }
        unsigned char tmp[16];
        unsigned char *e0 = buf + ev.offset + starts[0] * 16;
        memcpy(tmp, e0, 16);
        memcpy(e0, e0 + 16, 16);
        memcpy(e0 + 16, tmp, 16);
        if (memcmp(e0, e0 + 16, 16) != 0) {
            fx_snap_reseal(buf);
            assert_refused(buf, len, "canonical order");
        }
    }
    FRESH();
    { /* a run start past the end */
        uint64_t big = 1u << 30;
        memcpy(buf + rs.offset + 8, &big, 8);
        fx_snap_reseal(buf);
        assert_refused(buf, len, "RUN_STARTS");
    }
    FRESH();
    { /* a slot naming a customer that does not exist */
        for (size_t s = 0;; s++) {
            uint32_t index;
            memcpy(&index, buf + sl.offset + s * 8, 4);
            if (index != LTV_SLOT_EMPTY) {
                index = 1000000;
                memcpy(buf + sl.offset + s * 8, &index, 4);
                break;
            }
        }
        fx_snap_reseal(buf);
        assert_refused(buf, len, "section SLOTS");
    }
    FRESH();
    buf[ids.offset] = 40; /* a length code that is neither inline nor long */
    fx_snap_reseal(buf);
    assert_refused(buf, len, "length code");
    FRESH();
    buf[ids.offset + 1] = (char)0xC3, buf[ids.offset + 2] = 0x28; /* invalid UTF-8 in an id */
    fx_snap_reseal(buf);
    assert_refused(buf, len, "not UTF-8");
    FRESH();
    { /* revenue in META off by one */
        int64_t revenue;
        memcpy(&revenue, buf + meta.offset + 24, 8);
        revenue++;
        memcpy(buf + meta.offset + 24, &revenue, 8);
        fx_snap_reseal(buf);
        assert_refused(buf, len, "totals in META");
    }
    FRESH();
    { /* an order with a negative amount */
        for (size_t e = 0;; e++) {
            if (buf[ev.offset + e * 16 + 7] == LTV_EVENT_ORDER) {
                int64_t amount = -5;
                memcpy(buf + ev.offset + e * 16 + 8, &amount, 8);
                break;
            }
        }
        fx_snap_reseal(buf);
        assert_refused(buf, len, "negative amount");
    }
    FRESH();
    { /* an unknown required section id */
        uint32_t id = 77;
        memcpy(buf + LTV__SNAP_HEADER_BYTES + 5 * LTV__SNAP_ENTRY_BYTES, &id, 4);
        fx_snap_reseal(buf);
        assert_refused(buf, len, "required section of id 77");
    }
    FRESH();
    { /* the same file through ltv_ledger_open names the path */
        buf[12] = 3;
        fx_write_file(fx_tmp_path("future.ltvsnap"), buf, len);
        ltv_ledger *opened = NULL;
        cr_assert_eq(ltv_ledger_open(&opened, fx_tmp_path("future.ltvsnap")), LTV_EFORMAT);
        cr_assert(strstr(ltv_last_error(), "future.ltvsnap") && strstr(ltv_last_error(), "version 3"), "%s",
                  ltv_last_error());
        ltv_snapshot_info info;
        cr_assert_eq(ltv_snapshot_info_read(fx_tmp_path("future.ltvsnap"), &info, sizeof info), LTV_EFORMAT);
    }
#undef FRESH
    free(buf);
    ltv_free(good);
    ltv_ledger_free(ledger);
}

/* Events out of order anywhere in a run, in a ledger large enough for the open's checks to
 * split across threads: refused whatever the threads (the pass over events counts the
 * neighbours out of order and only first events of runs may be). A run's first event after
 * a later event of the customer before it is how every snapshot looks, and opens. */
Test(snapshot, events_out_of_order_are_refused_on_every_thread) {
    ltv_ledger *ledger = generated(90000, 30000, 9);
    unsigned char *good;
    size_t len;
    cr_assert_eq(ltv_ledger_save_buffer(ledger, (void **)&good, &len), LTV_OK);
    const ltv__snap_entry ev = fx_snap_section(good, LTV__SEC_EVENTS), rs = fx_snap_section(good, LTV__SEC_RUN_STARTS);
    const uint64_t customers = ltv_ledger_customer_count(ledger);
    unsigned char *buf = malloc(len);
    size_t tried = 0;
    /* customers with three or more events, from the first, middle and last part of the ledger */
    for (uint64_t c = 0; c < customers && tried < 6; c += customers / 7) {
        uint64_t starts[2];
        uint64_t d = c;
        for (;; d++) {
            memcpy(starts, good + rs.offset + d * 8, 16);
            if (starts[1] - starts[0] >= 3) break;
        }
        for (int which = 0; which < 2; which++) { /* the run's last event, then its first, moved out of order */
            memcpy(buf, good, len);
            const uint64_t e = which == 0 ? starts[1] - 1 : starts[0];
            int32_t day, other;
            memcpy(&other, buf + ev.offset + (which == 0 ? e - 1 : e + 1) * 16, 4);
            day = which == 0 ? other - 1 : other + 1;
            memcpy(buf + ev.offset + e * 16, &day, 4);
            fx_snap_reseal(buf);
            for (int threads = 1; threads <= 3; threads++) {
                cr_assert_eq(ltv_set_threads(threads), LTV_OK);
                assert_refused(buf, len, "canonical order");
            }
            tried++;
        }
    }
    cr_assert_geq(tried, 6);
    ltv_ledger *opened = NULL;
    cr_assert_eq(ltv_ledger_open_buffer(&opened, good, len), LTV_OK);
    ltv_ledger_free(opened);
    free(buf);
    ltv_free(good);
    ltv_ledger_free(ledger);
}

/* ---- shards ------------------------------------------------------------------------------ */

/* The log split by a hash of the customer into k shards, each built alone, shipped as a
 * snapshot buffer, opened and merged on one node: the segmentation by id and every group's
 * totals equal those of the whole log, for k = 1..5 and thread counts 1..3. */
static void assert_same_segmentation_by_id(const ltv_ledger *a, const ltv_ledger *b, int32_t as_of) {
    ltv_segmentation *sa = NULL, *sb = NULL;
    cr_assert_eq(ltv_segment_run(&sa, a, NULL, as_of), LTV_OK);
    cr_assert_eq(ltv_segment_run(&sb, b, NULL, as_of), LTV_OK);
    for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
        const char *id;
        size_t len;
        uint64_t j;
        cr_assert_eq(ltv_ledger_customer_id(a, i, &id, &len), LTV_OK);
        cr_assert_eq(ltv_ledger_find(b, id, len, &j), LTV_OK);
        ltv_customer_segment ca, cb;
        cr_assert_eq(ltv_segmentation_customer(sa, i, &ca, sizeof ca), LTV_OK);
        cr_assert_eq(ltv_segmentation_customer(sb, j, &cb, sizeof cb), LTV_OK);
        cr_assert_eq(memcmp(&ca, &cb, sizeof ca), 0, "segment of %s differs", id);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats ga, gb;
        cr_assert_eq(ltv_segmentation_state_stats(sa, s, &ga, sizeof ga), LTV_OK);
        cr_assert_eq(ltv_segmentation_state_stats(sb, s, &gb, sizeof gb), LTV_OK);
        cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0);
    }
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_group_stats ga, gb;
        cr_assert_eq(ltv_segmentation_rank_stats(sa, r, &ga, sizeof ga), LTV_OK);
        cr_assert_eq(ltv_segmentation_rank_stats(sb, r, &gb, sizeof gb), LTV_OK);
        cr_assert_eq(memcmp(&ga, &gb, sizeof ga), 0);
    }
    for (int m = 0; m < 3; m++) {
        double ta[16], tb[16];
        size_t na = 0, nb = 0;
        cr_assert_eq(ltv_segmentation_thresholds(sa, m, ta, 16, &na), LTV_OK);
        cr_assert_eq(ltv_segmentation_thresholds(sb, m, tb, 16, &nb), LTV_OK);
        cr_assert(na == nb && memcmp(ta, tb, na * sizeof *ta) == 0, "RFM cut points of metric %d differ", m);
    }
    ltv_segmentation_free(sa);
    ltv_segmentation_free(sb);
}

Test(snapshot, shards_shipped_as_buffers_merge_to_the_whole) {
    fx_log log = fx_log_generate(40000, 6000, 12);
    ltv_ledger *whole = fx_ledger();
    fx_log_add(whole, &log, 0, log.rows);
    for (int threads = 1; threads <= 3; threads++) {
        cr_assert_eq(ltv_set_threads(threads), LTV_OK);
        for (unsigned k = 1; k <= 5; k++) {
            ltv_ledger *merged = fx_ledger();
            for (unsigned shard = 0; shard < k; shard++) {
                ltv_ledger *part = fx_ledger();
                for (size_t i = 0; i < log.rows; i++) {
                    unsigned h = 0;
                    for (const char *p = log.ids[i]; *p; p++) h = h * 31u + (unsigned char)*p;
                    if (h % k == shard) fx_log_add(part, &log, i, i + 1);
                }
                void *buf;
                size_t len;
                cr_assert_eq(ltv_ledger_save_buffer(part, &buf, &len), LTV_OK);
                ltv_ledger *shipped = NULL;
                cr_assert_eq(ltv_ledger_open_buffer(&shipped, buf, len), LTV_OK, "%s", ltv_last_error());
                ltv_free(buf);
                cr_assert_eq(ltv_ledger_merge(merged, shipped), LTV_OK);
                ltv_ledger_free(shipped);
                ltv_ledger_free(part);
            }
            assert_same_by_id(whole, merged, fx_day("2026-11-01"));
            assert_same_segmentation_by_id(whole, merged, fx_day("2026-11-01"));
            ltv_ledger_free(merged);
        }
    }
    assert_same_segmentation_by_id(whole, whole, fx_day("2025-06-01"));
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

/* ---- incremental saves (format version 2) ------------------------------------------------ */

/* Same customers in the same order with the same events, as a yes/no for loops. */
static bool same_ledger(const ltv_ledger *a, const ltv_ledger *b) {
    if (ltv_ledger_customer_count(a) != ltv_ledger_customer_count(b) || ltv_ledger_event_count(a) != ltv_ledger_event_count(b) ||
        ltv_ledger_revenue(a) != ltv_ledger_revenue(b))
        return false;
    for (uint64_t i = 0; i < ltv_ledger_customer_count(a); i++) {
        const char *ida, *idb;
        size_t lena, lenb, na, nb;
        if (ltv_ledger_customer_id(a, i, &ida, &lena) != LTV_OK || ltv_ledger_customer_id(b, i, &idb, &lenb) != LTV_OK ||
            lena != lenb || memcmp(ida, idb, lena) != 0)
            return false;
        static int32_t da[256], db[256];
        static int64_t ma[256], mb[256];
        if (ltv_ledger_customer_events(a, i, NULL, da, ma, NULL, 256, &na) != LTV_OK ||
            ltv_ledger_customer_events(b, i, NULL, db, mb, NULL, 256, &nb) != LTV_OK || na != nb ||
            memcmp(da, db, na * 4) != 0 || memcmp(ma, mb, na * 8) != 0)
            return false;
    }
    return true;
}

static int save_increment(ltv_ledger *ledger, const char *path) {
    int how = -1;
    cr_assert_eq(ltv_ledger_save_increment(ledger, path, &how), LTV_OK, "%s", ltv_last_error());
    return how;
}

static ltv_snapshot_info info_of(const char *path) {
    ltv_snapshot_info info;
    cr_assert_eq(ltv_snapshot_info_read(path, &info, sizeof info), LTV_OK, "%s", ltv_last_error());
    return info;
}

/* Base + several increments (some saved twice in one process, with an organizing query in
 * between, one through a merge), a compaction, more increments: every reopening equals the
 * ledger built from the same prefix of the log, and so does the end (thread count given). */
static void increment_file_property(int threads, uint64_t seed) {
    cr_assert_eq(ltv_set_threads(threads), LTV_OK);
    fx_log log = fx_log_generate(150000, 20000, seed);
    const char *path = fx_tmp_path("v2.ltvsnap");
    ltv_ledger *base = fx_ledger();
    fx_log_add(base, &log, 0, 100000);
    cr_assert_eq(save_increment(base, path), LTV_SNAPSHOT_REWRITTEN);
    cr_assert_eq(save_increment(base, path), LTV_SNAPSHOT_UNCHANGED);
    ltv_ledger_free(base);
    cr_assert_eq(info_of(path).format_version, 2);
    cr_assert_eq(info_of(path).commit, 1);
    const size_t cuts[] = {100000, 104000, 108000, 108001, 115000, 122000, 130000, 140000, 150000};
    const int count = (int)(sizeof cuts / sizeof *cuts);
    for (int k = 0; k + 1 < count; k++) {
        ltv_ledger *ledger = NULL;
        cr_assert_eq(ltv_ledger_open(&ledger, path), LTV_OK, "%s", ltv_last_error());
        const size_t mid = (cuts[k] + cuts[k + 1]) / 2;
        if (k == 2) { /* through a merge of a ledger of the day */
            ltv_ledger *day = fx_ledger();
            fx_log_add(day, &log, cuts[k], cuts[k + 1]);
            cr_assert_eq(ltv_ledger_merge(ledger, day), LTV_OK);
            ltv_ledger_free(day);
        } else {
            fx_log_add(ledger, &log, cuts[k], mid);
            if (k % 2) { /* a query organizes, then a save, then more adds and another save */
                assert_same_segmentation(ledger, ledger, fx_day("2026-11-01"));
                cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
            }
            fx_log_add(ledger, &log, mid, cuts[k + 1]);
        }
        cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
        ltv_ledger_free(ledger);
        if (k == 4) { /* compaction halfway: one base again */
            cr_assert_eq(ltv_snapshot_compact(path), LTV_OK, "%s", ltv_last_error());
            cr_assert_eq(info_of(path).increments, 0);
        }
        ltv_ledger *prefix = fx_ledger(), *reopened = NULL;
        fx_log_add(prefix, &log, 0, cuts[k + 1]);
        cr_assert_eq(ltv_ledger_open(&reopened, path), LTV_OK, "%s", ltv_last_error());
        assert_identical(prefix, reopened);
        const ltv_snapshot_info info = info_of(path);
        cr_assert_eq(info.events, ltv_ledger_event_count(prefix));
        cr_assert_eq(info.customers, ltv_ledger_customer_count(prefix));
        cr_assert_eq(info.revenue, ltv_ledger_revenue(prefix));
        ltv_ledger_free(prefix);
        ltv_ledger_free(reopened);
    }
    ltv_ledger *whole = fx_ledger(), *final = NULL;
    fx_log_add(whole, &log, 0, log.rows);
    cr_assert_eq(ltv_ledger_open(&final, path), LTV_OK, "%s", ltv_last_error());
    assert_identical(whole, final);
    assert_same_by_id(whole, final, fx_day("2025-06-01"));
    assert_same_segmentation(whole, final, fx_day("2026-11-01"));
    ltv_ledger_free(final);
    ltv_ledger_free(whole);
    fx_log_free(&log);
}

Test(snapshot, increment_files_equal_the_whole_log_one_thread, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_file_property(1, 15);
}
Test(snapshot, increment_files_equal_the_whole_log_two_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_file_property(2, 16);
}
Test(snapshot, increment_files_equal_the_whole_log_three_threads, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    increment_file_property(3, 17);
}

/* A small ledger with long ids and every kind of event, saved as a version-2 base. */
static ltv_ledger *small_base(const char *path) {
    ltv_ledger *ledger = generated(300, 40, 21);
    fx_add(ledger, "an id that is much longer than fourteen bytes", LTV_EVENT_ORDER, "2025-01-03", 300, 2);
    fx_add(ledger, "会員番号-0000000123456789", LTV_EVENT_REFUND, "2025-01-04", 50, 0);
    cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_REWRITTEN);
    return ledger;
}

static void add_day(ltv_ledger *ledger, int day) {
    char id[64], date[16];
    snprintf(date, sizeof date, "2026-12-%02d", day);
    for (int i = 0; i < 6; i++) {
        snprintf(id, sizeof id, i % 2 ? "C%03d" : "new customer %d of a day, a long id", i % 2 ? i * 7 : day * 10 + i);
        fx_add(ledger, id, i == 5 ? LTV_EVENT_VISIT : LTV_EVENT_ORDER, date, i == 5 ? 0 : 100 * i, i == 5 ? 0 : 1);
    }
}

/* Opens bytes; 1 if they give `a`, 2 if `b`, 0 if refused, and fails on anything else. */
static int state_of(const void *bytes, size_t len, const ltv_ledger *a, const ltv_ledger *b, const char *what, size_t at) {
    ltv_ledger *opened = NULL;
    if (ltv_ledger_open_buffer(&opened, bytes, len) != LTV_OK) return 0;
    const int state = same_ledger(opened, a) ? 1 : same_ledger(opened, b) ? 2 : -1;
    ltv_ledger_free(opened);
    cr_assert_neq(state, -1, "%s at %zu opened as a state that was never committed", what, at);
    return state;
}

Test(snapshot, every_commit_stage_opens_the_previous_or_the_new_state, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    const char *path = fx_tmp_path("stages.ltvsnap");
    ltv_ledger *ledger = small_base(path);
    add_day(ledger, 1);
    cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
    size_t len1, len2;
    unsigned char *before = fx_read_file(path, &len1);
    ltv_ledger *s1 = NULL, *s2 = NULL;
    cr_assert_eq(ltv_ledger_open_buffer(&s1, before, len1), LTV_OK, "%s", ltv_last_error());
    add_day(ledger, 2);
    cr_assert_eq(save_increment(ledger, path), LTV_SNAPSHOT_INCREMENT);
    unsigned char *after = fx_read_file(path, &len2);
    cr_assert_eq(ltv_ledger_open_buffer(&s2, after, len2), LTV_OK, "%s", ltv_last_error());
    cr_assert(len2 > len1 && !same_ledger(s1, s2));
    /* The save changed one commit slot and appended; nothing else. */
    ltv__snap_commit c1, c2;
    int slot1, slot2;
    cr_assert_eq(ltv__snap_newest_commit(before, &c1, &slot1), LTV_OK);
    cr_assert_eq(ltv__snap_newest_commit(after, &c2, &slot2), LTV_OK);
    cr_assert(c2.sequence == c1.sequence + 1 && slot1 != slot2);
    const size_t slot_at = LTV__SNAP_COMMIT_AT + (size_t)slot2 * LTV__SNAP_COMMIT_BYTES;
    for (size_t i = 0; i < len1; i++)
        cr_assert(before[i] == after[i] || (i >= slot_at && i < slot_at + LTV__SNAP_COMMIT_BYTES), "byte %zu changed", i);
    unsigned char *work = malloc(len2);
    /* 1. The increment written in part or whole, the commit not yet: the previous state. */
    for (size_t cut = len1; cut <= len2; cut++) {
        memcpy(work, before, len1);
        memcpy(work + len1, after + len1, cut - len1);
        cr_assert_eq(state_of(work, cut, s1, s2, "an increment cut", cut), 1);
    }
    /* 2. The commit slot torn after any byte: the previous state, or the new one when whole. */
    for (size_t torn = 0; torn <= LTV__SNAP_COMMIT_BYTES; torn++) {
        memcpy(work, after, len2);
        memcpy(work + slot_at + torn, before + slot_at + torn, LTV__SNAP_COMMIT_BYTES - torn);
        cr_assert_eq(state_of(work, len2, s1, s2, "a commit torn", torn), torn == LTV__SNAP_COMMIT_BYTES ? 2 : 1);
    }
    /* 3. A bad (random) slot where the other commit is: the new state. */
    memcpy(work, after, len2);
    for (size_t i = 0; i < LTV__SNAP_COMMIT_BYTES; i++) work[LTV__SNAP_COMMIT_AT + (size_t)slot1 * LTV__SNAP_COMMIT_BYTES + i] = (unsigned char)(i * 37 + 11);
    cr_assert_eq(state_of(work, len2, s1, s2, "the other slot garbled", 0), 2);
    /* 4. Committed, then cut: refused (the commit is written only after its increment). */
    for (size_t cut = len1; cut < len2; cut++) {
        ltv_ledger *opened = NULL;
        cr_assert_eq(ltv_ledger_open_buffer(&opened, after, cut), LTV_EFORMAT, "cut at %zu", cut);
        cr_assert(strstr(ltv_last_error(), "truncated") != NULL, "%s", ltv_last_error());
    }
    /* 5. Every flipped byte of the committed file: refused, or the new state (the other
     *    slot), or the previous state (the newest slot, then indistinguishable from a torn one). */
    for (size_t at = 0; at < len2; at++) {
        memcpy(work, after, len2);
        work[at] ^= 0x04;
        const int state = state_of(work, len2, s1, s2, "a flipped byte", at);
        const bool in_newest = at >= slot_at && at < slot_at + LTV__SNAP_COMMIT_BYTES;
        const bool in_other = at >= LTV__SNAP_COMMIT_AT + (size_t)slot1 * LTV__SNAP_COMMIT_BYTES &&
                              at < LTV__SNAP_COMMIT_AT + (size_t)(slot1 + 1) * LTV__SNAP_COMMIT_BYTES;
        cr_assert(state == 0 || (state == 1 && in_newest) || (state == 2 && in_other), "flip at %zu gave state %d", at, state);
    }
    /* 6. A save that never committed left bytes past the commit: they are ignored, and the
     *    next save replaces them. */
    fx_write_file(path, before, len1);
    FILE *f = fopen(path, "ab");
    cr_assert_not_null(f);
    fputs("half an increment that never committed", f);
    fclose(f);
    ltv_ledger *reopened = NULL;
    cr_assert_eq(ltv_ledger_open(&reopened, path), LTV_OK, "%s", ltv_last_error());
    cr_assert(same_ledger(reopened, s1));
    add_day(reopened, 2);
    cr_assert_eq(save_increment(reopened, path), LTV_SNAPSHOT_INCREMENT);
    ltv_ledger_free(reopened);
    size_t len3;
    unsigned char *again = fx_read_file(path, &len3);
    cr_assert_eq(len3, len2, "the uncommitted bytes were not dropped");
    cr_assert_eq(state_of(again, len3, s1, s2, "the save after a torn one", 0), 2);
    free(again);
    free(work);
    free(before);
    free(after);
    ltv_ledger_free(s1);
    ltv_ledger_free(s2);
    ltv_ledger_free(ledger);
}

Test(snapshot, incremental_saves_rewrite_compact_and_refuse_a_stale_ledger, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    /* A version-1 file (ltv_ledger_save) is rewritten as version 2 once, then appended to. */
    const char *path = fx_tmp_path("v1.ltvsnap");
    ltv_ledger *ledger = generated(3000, 400, 8), *opened = NULL, *other = NULL;
    cr_assert_eq(ltv_ledger_save(ledger, path), LTV_OK);
    cr_assert_eq(info_of(path).format_version, 1);
    cr_assert_eq(ltv_ledger_open(&opened, path), LTV_OK);
    add_day(opened, 1);
    cr_assert_eq(save_increment(opened, path), LTV_SNAPSHOT_REWRITTEN);
    cr_assert_eq(info_of(path).format_version, 2);
    add_day(opened, 2);
    cr_assert_eq(save_increment(opened, path), LTV_SNAPSHOT_INCREMENT);
    cr_assert_eq(info_of(path).increments, 1);
    cr_assert_eq(info_of(path).commit, 2);
    /* Two ledgers of the same commit: the second save finds the file moved on. */
    cr_assert_eq(ltv_ledger_open(&other, path), LTV_OK);
    add_day(opened, 3);
    add_day(other, 4);
    cr_assert_eq(save_increment(opened, path), LTV_SNAPSHOT_INCREMENT);
    const ltv_snapshot_info before = info_of(path);
    int how = -1;
    cr_assert_eq(ltv_ledger_save_increment(other, path, &how), LTV_ESTATE);
    cr_assert(strstr(ltv_last_error(), "another writer") != NULL, "%s", ltv_last_error());
    const ltv_snapshot_info unchanged = info_of(path);
    cr_assert_eq(memcmp(&before, &unchanged, sizeof before), 0);
    ltv_ledger_free(other);
    /* Saved elsewhere: a new base there, and the ledger now follows that file. */
    const char *copy = fx_tmp_path("copy.ltvsnap");
    cr_assert_eq(save_increment(opened, copy), LTV_SNAPSHOT_REWRITTEN);
    add_day(opened, 5);
    cr_assert_eq(save_increment(opened, copy), LTV_SNAPSHOT_INCREMENT);
    /* Increments beyond a quarter of the base: the save compacts. */
    int compacted = 0;
    for (int day = 6; day < 60 && !compacted; day++) {
        for (int i = 0; i < 40; i++) add_day(opened, 1 + day % 28);
        compacted = save_increment(opened, copy) == LTV_SNAPSHOT_COMPACTED;
    }
    cr_assert(compacted, "never compacted");
    cr_assert_eq(info_of(copy).increments, 0);
    cr_assert_eq(info_of(copy).commit, 1);
    cr_assert_eq(ltv_ledger_open(&other, copy), LTV_OK);
    assert_identical(opened, other);
    ltv_ledger_free(other);
    /* Nothing new: nothing written. */
    cr_assert_eq(save_increment(opened, copy), LTV_SNAPSHOT_UNCHANGED);
    cr_assert_eq(ltv_ledger_save_increment(NULL, copy, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_ledger_save_increment(opened, NULL, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_snapshot_compact(fx_tmp_path("none")), LTV_EIO);
    ltv_ledger_free(opened);
    ltv_ledger_free(ledger);
}

/* Readers opening the file (and reading its header) while another process appends and
 * commits (and, past a quarter of the base, compacts): every open succeeds and gives a
 * committed state (days of 6 events). */
Test(snapshot, readers_during_incremental_saves_see_committed_states, .init = fx_make_tmp_dir, .fini = fx_remove_tmp_dir) {
    const char *path = fx_tmp_path("busy.ltvsnap");
    ltv_ledger *ledger = small_base(path);
    const uint64_t base_events = ltv_ledger_event_count(ledger);
    fflush(NULL);
    pid_t writer = fork();
    cr_assert_neq(writer, -1);
    if (writer == 0) {
        for (int day = 1; day <= 60; day++) {
            add_day(ledger, 1 + day % 28);
            int how = -1;
            if (ltv_ledger_save_increment(ledger, path, &how) != LTV_OK ||
                (how != LTV_SNAPSHOT_INCREMENT && how != LTV_SNAPSHOT_COMPACTED))
                _exit(1);
        }
        _exit(0);
    }
    int opens = 0, status = 0;
    for (;;) {
        const bool done = waitpid(writer, &status, WNOHANG) == writer;
        ltv_ledger *reader = NULL;
        cr_assert_eq(ltv_ledger_open(&reader, path), LTV_OK, "open %d during the saves: %s", opens, ltv_last_error());
        const uint64_t added = ltv_ledger_event_count(reader) - base_events;
        cr_assert(added % 6 == 0 && added <= 6 * 60, "open %d: %llu events added", opens, (unsigned long long)added);
        ltv_ledger_free(reader);
        ltv_snapshot_info info;
        cr_assert_eq(ltv_snapshot_info_read(path, &info, sizeof info), LTV_OK, "info %d: %s", opens, ltv_last_error());
        cr_assert((info.events - base_events) % 6 == 0, "info %d: %llu events", opens, (unsigned long long)info.events);
        opens++;
        if (done) break;
    }
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer failed");
    ltv_ledger *last = NULL;
    cr_assert_eq(ltv_ledger_open(&last, path), LTV_OK);
    cr_assert_eq(ltv_ledger_event_count(last), base_events + 6 * 60);
    ltv_ledger_free(last);
    ltv_ledger_free(ledger);
}
