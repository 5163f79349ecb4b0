/* libFuzzer target for every entry point that parses outside input: the CSV loader, the
 * matrix loaders (JSON and CSV), the planner's scenario format, the grader's answers, the
 * snapshot reader and the segment summary reader. The first byte picks the parser. Every input must end in a status, never a crash, a
 * sanitizer report or a leak. Build and run with scripts/fuzz.sh. */
#include <ltvcrm/ltvcrm.h>

#include "tz_internal.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "snapshot_internal.h"

/* 0xE0..0xE3: the CSV loader through each input encoding, with a shop time zone; 0xE4: a
 * TZif file, then its offsets; 0xE5..0xEF: a timestamp's day in New York. */
static void fuzz_exports(uint8_t selector, const uint8_t *data, size_t len) {
    static const char *const encodings[] = {"cp932", "euc-jp", "utf-16", NULL};
    if (selector <= 0xE3) {
        ltv_ledger *ledger = NULL;
        ltv_csv_options *opts = NULL;
        ltv_load_report *report = NULL;
        if (ltv_ledger_new(&ledger) == LTV_OK && ltv_csv_options_new(&opts) == LTV_OK &&
            ltv_csv_options_set_encoding(opts, encodings[selector - 0xE0]) == LTV_OK) {
            ltv_csv_options_set_timezone(opts, "Asia/Tokyo");
            ltv_ledger_load_csv_buffer(ledger, (const char *)data, len, opts, &report);
        }
        ltv_load_report_free(report);
        ltv_csv_options_free(opts);
        ltv_ledger_free(ledger);
    } else if (selector == 0xE4) {
        ltv_timezone *tz = NULL;
        if (ltv__timezone_from_tzif(data, len, &tz) == LTV_OK) {
            const int64_t at[] = {INT64_MIN / 2, -1, 0, 1741503600, 4102444800, INT64_MAX / 2};
            int32_t days[6], offset;
            for (size_t i = 0; i < 6; i++) ltv_timezone_offset(tz, at[i], &offset);
            ltv_timezone_days(tz, at, 6, days);
            ltv_timezone_free(tz);
        }
    } else {
        static ltv_timezone *ny = NULL;
        if (!ny && ltv_timezone_open("America/New_York", &ny) != LTV_OK) ny = NULL;
        int32_t day;
        ltv_timestamp_day((const char *)data, len, ny, &day);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Recomputes a snapshot's checksums after an edit, so that the edit reaches the structural
 * checks behind them (only when the table itself is still in bounds). */
static void reseal(unsigned char *buf, size_t len) {
    ltv__snap_header h;
    if (len < LTV__SNAP_HEADER_BYTES) return;
    memcpy(&h, buf, sizeof h);
    if (h.section_count > LTV__SNAP_MAX_SECTIONS || LTV__SNAP_HEADER_BYTES + (size_t)h.section_count * 32 > len) return;
    for (uint32_t i = 0; i < h.section_count; i++) {
        ltv__snap_entry e;
        memcpy(&e, buf + LTV__SNAP_HEADER_BYTES + i * 32, sizeof e);
        if (e.offset > len || e.bytes > len - e.offset) continue;
        e.checksum = ltv__xxh64(buf + e.offset, (size_t)e.bytes);
        memcpy(buf + LTV__SNAP_HEADER_BYTES + i * 32, &e, sizeof e);
    }
    h.table_checksum = ltv__xxh64(buf + LTV__SNAP_HEADER_BYTES, (size_t)h.section_count * 32);
    memcpy(buf, &h, sizeof h);
    h.header_checksum = ltv__xxh64(buf, 56);
    memcpy(buf, &h, sizeof h);
}

/* Recomputes a version-2 snapshot's increment and commit checksums after an edit (the newest
 * commit's slot), so that the edit reaches the checks of the increments' contents. */
static void reseal_increments(unsigned char *buf, size_t len) {
    ltv__snap_header h;
    ltv__snap_commit c;
    int slot;
    if (len < LTV__SNAP_V2_TABLE_AT) return;
    memcpy(&h, buf, sizeof h);
    if (h.version != LTV__SNAP_V2 || ltv__snap_newest_commit(buf, &c, &slot) != LTV_OK) return;
    uint64_t at = (h.file_bytes + 63) / 64 * 64, last = 0;
    for (uint64_t k = 0; k < c.increments && at <= len && len - at >= LTV__SNAP_INCREMENT_HEADER; k++) {
        ltv__snap_increment ih;
        memcpy(&ih, buf + at, sizeof ih);
        if (ih.bytes < LTV__SNAP_INCREMENT_HEADER || ih.bytes > len - at) break;
        ih.body_checksum = ltv__xxh64(buf + at + LTV__SNAP_INCREMENT_HEADER, (size_t)(ih.bytes - LTV__SNAP_INCREMENT_HEADER));
        ih.header_checksum = ltv__xxh64(&ih, offsetof(ltv__snap_increment, header_checksum));
        memcpy(buf + at, &ih, sizeof ih);
        last = ih.header_checksum;
        at += ih.bytes;
    }
    c.last_increment = last;
    ltv__snap_seal_commit(&c);
    memcpy(buf + LTV__SNAP_COMMIT_AT + (size_t)slot * LTV__SNAP_COMMIT_BYTES, &c, sizeof c);
}

/* A version-2 snapshot of a small ledger with two increments (new customers, a long id,
 * every kind of event), made once through the incremental writer. */
static unsigned char *v2_seed(size_t *out_len) {
    static unsigned char *seed;
    static size_t seed_len;
    if (seed) {
        *out_len = seed_len;
        return seed;
    }
    char path[] = "/tmp/ltv-fuzz-v2-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return NULL;
    close(fd);
    unlink(path); /* the writer makes the file itself */
    static const char csv[] = "customer_id,order_date,amount,items,kind\n"
                              "A,2025-01-01,100,1,order\nB,2025-02-01,50,1,refund\nA,2025-03-01,0,0,visit\n";
    ltv_ledger *ledger = NULL;
    if (ltv_ledger_new(&ledger) == LTV_OK && ltv_ledger_load_csv_buffer(ledger, csv, sizeof csv - 1, NULL, NULL) == LTV_OK &&
        ltv_ledger_save_increment(ledger, path, NULL) == LTV_OK &&
        ltv_ledger_add_order(ledger, "a customer id longer than fourteen bytes", 40, 20400, 7, 2) == LTV_OK &&
        ltv_ledger_add_event(ledger, "A", 1, LTV_EVENT_REFUND, 20401, -5, 1) == LTV_OK &&
        ltv_ledger_save_increment(ledger, path, NULL) == LTV_OK &&
        ltv_ledger_add_event(ledger, "C", 1, LTV_EVENT_CANCEL, 20402, 0, 0) == LTV_OK &&
        ltv_ledger_add_order(ledger, "B", 1, 20403, 9, 1) == LTV_OK && ltv_ledger_save_increment(ledger, path, NULL) == LTV_OK) {
        FILE *f = fopen(path, "rb");
        if (f && fseek(f, 0, SEEK_END) == 0) {
            const long size = ftell(f);
            rewind(f);
            seed = size > 0 ? malloc((size_t)size) : NULL;
            if (seed && fread(seed, 1, (size_t)size, f) == (size_t)size) seed_len = (size_t)size;
            else free(seed), seed = NULL;
        }
        if (f) fclose(f);
    }
    ltv_ledger_free(ledger);
    unlink(path);
    *out_len = seed_len;
    return seed;
}

/* Accounting checks on what a reader accepted: a violation is a crash libFuzzer reports. */
#define EXPECT(cond) ((cond) ? (void)0 : __builtin_trap())

/* The same bytes as a file opened with LTV_OPEN_CHECK_ON_USE (`eager`: the ledger an eager
 * open made of them, NULL if it refused them). Refused exactly when the eager open refuses
 * them: at the open, by the segmentation that checks the events, or by ltv_ledger_verify; a
 * segmentation that answers is the eager ledger's, and so are the saved bytes. */
static char deferred_path[] = "/tmp/ltv-fuzz-deferred-XXXXXX";
static void remove_deferred_file(void) { unlink(deferred_path); }

static bool same_columns(const ltv_segmentation *a, const ltv_segmentation *b) {
    static const size_t width[] = {1, 1, 1, 1, 1, 1, 1, 4, 4, 8, 8, 1};
    for (int col = 0; col < 12; col++) {
        const void *da = NULL, *db = NULL;
        size_t la = 0, lb = 0;
        if (ltv_segmentation_column(a, col, &da, &la) != LTV_OK || ltv_segmentation_column(b, col, &db, &lb) != LTV_OK ||
            la != lb || (la && memcmp(da, db, la * width[col]) != 0))
            return false;
    }
    return true;
}

static void fuzz_deferred(const unsigned char *bytes, size_t len, const ltv_ledger *eager) {
    static int fd = -1;
    if (fd < 0) {
        fd = mkstemp(deferred_path);
        if (fd < 0) return;
        atexit(remove_deferred_file);
    }
    if (ftruncate(fd, 0) != 0 || (len && pwrite(fd, bytes, len, 0) != (ssize_t)len)) return;
    ltv_ledger *d = NULL;
    if (ltv_ledger_open_flags(&d, deferred_path, LTV_OPEN_CHECK_ON_USE) != LTV_OK) {
        EXPECT(!eager); /* the deferred open checks less: it refuses nothing the eager one takes */
        return;
    }
    ltv_segmentation *got = NULL;
    const int status = ltv_segment_run(&got, d, NULL, 20758);
    if (eager) {
        ltv_segmentation *want = NULL;
        EXPECT(ltv_segment_run(&want, eager, NULL, 20758) == status);
        EXPECT(status != LTV_OK || same_columns(want, got));
        ltv_segmentation_free(want);
        EXPECT(ltv_ledger_verify(d) == LTV_OK);
        void *a = NULL, *b = NULL;
        size_t la = 0, lb = 0;
        if (ltv_ledger_save_buffer(eager, &a, &la) == LTV_OK) {
            EXPECT(ltv_ledger_save_buffer(d, &b, &lb) == LTV_OK && la == lb && memcmp(a, b, la) == 0);
        }
        ltv_free(a);
        ltv_free(b);
    } else {
        EXPECT(status == LTV_OK || status == LTV_EFORMAT);
        EXPECT(ltv_ledger_verify(d) == LTV_EFORMAT);
        uint64_t index;
        if (status == LTV_OK) /* the events were sound: the ids are not, and stay refused */
            EXPECT(ltv_ledger_find(d, "A", 1, &index) == LTV_EFORMAT);
        void *b = NULL;
        size_t lb = 0;
        EXPECT(ltv_ledger_save_buffer(d, &b, &lb) == LTV_EFORMAT && b == NULL);
    }
    ltv_segmentation_free(got);
    ltv_ledger_free(d);
}

/* The snapshot reader: raw bytes (mode bit 0), or a valid snapshot of a small ledger edited
 * at the offsets the input gives, with its checksums recomputed (bit 1) or not; the snapshot
 * is of format version 1, or version 2 with increments (bit 2; recomputed are then also the
 * increments' and the newest commit's checksums). What opens must answer queries, take an
 * event and save again, and its totals must be those of its events; the same bytes opened
 * with checks on first use must agree (fuzz_deferred). */
static void fuzz_snapshot(uint8_t mode, const uint8_t *data, size_t size) {
    ltv_ledger *ledger = NULL;
    if (mode & 1) {
        if (ltv_ledger_open_buffer(&ledger, data, size) != LTV_OK) ledger = NULL;
        fuzz_deferred(data, size, ledger);
        if (!ledger) return;
    } else if (mode & 4) {
        size_t len = 0;
        const unsigned char *seed = v2_seed(&len);
        unsigned char *bytes = seed ? malloc(len) : NULL;
        if (!bytes) return;
        memcpy(bytes, seed, len);
        for (size_t i = 0; i + 3 <= size; i += 3) bytes[(size_t)(data[i] | data[i + 1] << 8) % len] = data[i + 2];
        if (mode & 2) {
            reseal_increments(bytes, len);
            reseal(bytes, len);
        }
        if (ltv_ledger_open_buffer(&ledger, bytes, len) != LTV_OK) ledger = NULL;
        fuzz_deferred(bytes, len, ledger);
        free(bytes);
        if (!ledger) return;
    } else {
        static const char csv[] = "customer_id,order_date,amount,items,kind\n"
                                  "A,2025-01-01,100,1,order\nA,2025-02-01,50,1,refund\nA,2025-03-01,0,0,visit\n"
                                  "a customer id longer than fourteen bytes,2025-01-05,7,2,order\n"
                                  "B,2024-12-31,3,1,order\nB,2025-06-01,0,0,cancel\n";
        ltv_ledger *source = NULL;
        void *buf = NULL;
        size_t len = 0;
        if (ltv_ledger_new(&source) == LTV_OK && ltv_ledger_load_csv_buffer(source, csv, sizeof csv - 1, NULL, NULL) == LTV_OK &&
            ltv_ledger_save_buffer(source, &buf, &len) == LTV_OK) {
            unsigned char *bytes = buf;
            for (size_t i = 0; i + 3 <= size; i += 3) bytes[(size_t)(data[i] | data[i + 1] << 8) % len] = data[i + 2];
            if (mode & 2) reseal(bytes, len);
            if (ltv_ledger_open_buffer(&ledger, buf, len) != LTV_OK) ledger = NULL;
            fuzz_deferred(bytes, len, ledger);
        }
        ltv_free(buf);
        ltv_ledger_free(source);
        if (!ledger) return;
    }
    /* What opened is consistent: every customer's events add up to the ledger's count. */
    uint64_t events = 0;
    bool counted = true;
    for (uint64_t c = 0; c < ltv_ledger_customer_count(ledger) && counted; c++) {
        size_t n = 0;
        counted = ltv_ledger_customer_events(ledger, c, NULL, NULL, NULL, NULL, 0, &n) == LTV_OK; /* or out of memory */
        events += n;
    }
    if (counted && events != ltv_ledger_event_count(ledger)) __builtin_trap();
    ltv_segmentation *seg = NULL;
    if (ltv_segment_run(&seg, ledger, NULL, 20758) == LTV_OK) ltv_segmentation_free(seg);
    uint64_t index;
    ltv_ledger_find(ledger, "A", 1, &index);
    ltv_ledger_add_order(ledger, "new customer", 12, 20500, 10, 1);
    void *again = NULL;
    size_t again_len;
    if (ltv_ledger_save_buffer(ledger, &again, &again_len) == LTV_OK) ltv_free(again);
    ltv_ledger_free(ledger);
}

/* The segment summary reader (0xDC..0xDF): raw bytes (mode bit 0), or a valid summary of a
 * small ledger edited at the offsets the input gives, its checksum recomputed (bit 1) or not.
 * What opens must save to the same bytes, merge with itself and drive a shard's run. */
static void fuzz_summary(uint8_t mode, const uint8_t *data, size_t size) {
    static const char csv[] = "customer_id,order_date,amount,items,kind\n"
                              "A,2025-01-01,100,1,order\nA,2025-02-01,50,1,refund\nB,2025-03-01,0,0,visit\n"
                              "B,2024-12-31,3,1,order\nC,2025-06-01,9000,4,order\nC,2025-06-02,10,1,order\n";
    ltv_ledger *ledger = NULL;
    ltv_segment_summary *sum = NULL;
    void *buf = NULL;
    size_t len = 0;
    if (ltv_ledger_new(&ledger) != LTV_OK || ltv_ledger_load_csv_buffer(ledger, csv, sizeof csv - 1, NULL, NULL) != LTV_OK) {
        ltv_ledger_free(ledger);
        return;
    }
    if (mode & 1) {
        if (ltv_segment_summary_open_buffer(&sum, data, size) != LTV_OK) sum = NULL;
    } else if (ltv_segment_summary_new(&sum, ledger, NULL, 20758) == LTV_OK &&
               ltv_segment_summary_save_buffer(sum, &buf, &len) == LTV_OK) {
        ltv_segment_summary_free(sum);
        sum = NULL;
        unsigned char *bytes = buf;
        for (size_t i = 0; i + 3 <= size; i += 3) bytes[(size_t)(data[i] | data[i + 1] << 8) % len] = data[i + 2];
        if (mode & 2) {
            const uint64_t check = ltv__xxh64(bytes, len - 8);
            memcpy(bytes + len - 8, &check, 8);
        }
        if (ltv_segment_summary_open_buffer(&sum, buf, len) != LTV_OK) sum = NULL;
    }
    ltv_free(buf);
    if (sum) {
        void *first = NULL, *second = NULL;
        size_t first_len = 0, second_len = 0;
        ltv_segment_summary *again = NULL;
        if (ltv_segment_summary_save_buffer(sum, &first, &first_len) == LTV_OK) {
            EXPECT(ltv_segment_summary_open_buffer(&again, first, first_len) == LTV_OK);
            EXPECT(ltv_segment_summary_save_buffer(again, &second, &second_len) == LTV_OK);
            EXPECT(first_len == second_len && memcmp(first, second, first_len) == 0);
        }
        ltv_free(first);
        ltv_free(second);
        ltv_segment_summary_free(again);
        ltv_segmentation *seg = NULL;
        if (ltv_segment_run_shard(&seg, ledger, NULL, ltv_segment_summary_as_of(sum), sum) == LTV_OK)
            ltv_segmentation_free(seg);
        ltv_segment_summary_merge(sum, sum);
        ltv_segment_summary_free(sum);
    }
    ltv_ledger_free(ledger);
}

/* A matrix or planner that was read must write itself out, read that back and write the same
 * text again (nothing dropped or changed on the way). */
static void matrix_round_trip(const ltv_matrix *matrix, int format) {
    char *first = NULL, *second = NULL;
    size_t first_len = 0, second_len = 0;
    ltv_matrix *again = NULL;
    if (ltv_matrix_save(matrix, format, &first, &first_len) != LTV_OK) return; /* out of memory only */
    EXPECT(ltv_matrix_load(&again, format, first, first_len) == LTV_OK);
    EXPECT(ltv_matrix_save(again, format, &second, &second_len) == LTV_OK);
    EXPECT(first_len == second_len && memcmp(first, second, first_len) == 0);
    ltv_free(first);
    ltv_free(second);
    ltv_matrix_free(again);
}

static void planner_round_trip(const ltv_planner *planner) {
    char *first = NULL, *second = NULL;
    size_t first_len = 0, second_len = 0;
    ltv_planner *again = NULL;
    if (ltv_planner_to_text(planner, &first, &first_len) != LTV_OK) return;
    EXPECT(ltv_planner_from_text(&again, first, first_len) == LTV_OK);
    EXPECT(ltv_planner_to_text(again, &second, &second_len) == LTV_OK);
    EXPECT(first_len == second_len && memcmp(first, second, first_len) == 0);
    ltv_free(first);
    ltv_free(second);
    ltv_planner_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;
    if (data[0] >= 0xF0) { /* the snapshot reader; below, the first byte picks as before */
        fuzz_snapshot(data[0], data + 1, len);
        return 0;
    }
    if (data[0] >= 0xDC && data[0] < 0xE0) { /* segment summaries */
        fuzz_summary(data[0], data + 1, len);
        return 0;
    }
    if (data[0] >= 0xE0) { /* encodings, time zones and timestamps */
        fuzz_exports(data[0], data + 1, len);
        return 0;
    }
    switch (data[0] % 5) {
    case 0: {
        ltv_ledger *ledger = NULL;
        ltv_load_report *report = NULL;
        ltv_csv_options *opts = NULL;
        if (ltv_ledger_new(&ledger) != LTV_OK || ltv_csv_options_new(&opts) != LTV_OK) {
            ltv_ledger_free(ledger);
            return 0;
        }
        /* the first byte also picks the loader's order mode: order ids, statuses, refunds and
         * guests by e-mail; or order totals, shipping-free, with occasions and the checks */
        const int mode = data[0] / 5 % 3;
        if (mode == 1) {
            ltv_csv_options_set_column(opts, LTV_CSV_ORDER_ID, "o", 1);
            ltv_csv_options_set_column(opts, LTV_CSV_STATUS, "s", 1);
            ltv_csv_options_set_column(opts, LTV_CSV_REFUND_AMOUNT, "r", 1);
            ltv_csv_options_set_column(opts, LTV_CSV_EMAIL, "e", 1);
            ltv_csv_options_set_i64(opts, LTV_CSV_GUESTS, LTV_CSV_GUESTS_BY_EMAIL);
        } else if (mode == 2) {
            ltv_csv_options_set_column(opts, LTV_CSV_ORDER_ID, "o", 1);
            ltv_csv_options_set_column(opts, LTV_CSV_ORDER_TOTAL, "t", 1);
            ltv_csv_options_set_i64(opts, LTV_CSV_OCCASIONS, 1);
            ltv_csv_options_set_i64(opts, LTV_CSV_CHECKS, 1);
            ltv_csv_options_set_i64(opts, LTV_CSV_MAX_RECORD, 1024);
        }
        const int status = ltv_ledger_load_csv_buffer(ledger, text, len, mode ? opts : NULL, &report);
        ltv_csv_options_free(opts);
        if (status == LTV_OK && mode == 0) {
            /* Rows accounting (the plain 1.0 loader: one row, one event): every row read is
             * taken or rejected, every rejection has its count, and the (empty) ledger holds
             * one event per row taken. */
            EXPECT(ltv_load_report_rows_read(report) ==
                   ltv_load_report_rows_taken(report) + ltv_load_report_rows_rejected(report));
            EXPECT(ltv_load_report_error_count(report) <= ltv_load_report_rows_rejected(report));
            EXPECT(ltv_ledger_event_count(ledger) == ltv_load_report_rows_taken(report));
        }
        if (status == LTV_OK) {
            ltv_segmentation *seg = NULL;
            if (ltv_segment_run(&seg, ledger, NULL, 20758) == LTV_OK) ltv_segmentation_free(seg);
        }
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
        break;
    }
    case 1:
    case 2: {
        ltv_matrix *matrix = NULL;
        const int format = data[0] % 5 == 1 ? LTV_MATRIX_FORMAT_JSON : LTV_MATRIX_FORMAT_CSV;
        if (ltv_matrix_load(&matrix, format, text, len) == LTV_OK) {
            matrix_round_trip(matrix, format);
            ltv_matrix_free(matrix);
        }
        break;
    }
    case 3: {
        ltv_planner *planner = NULL;
        if (ltv_planner_from_text(&planner, text, len) == LTV_OK) {
            planner_round_trip(planner);
            ltv_planner_free(planner);
        }
        break;
    }
    default: {
        ltv_grade *grade = NULL;
        if (ltv_grader_grade(&grade, text, len) == LTV_OK) {
            EXPECT(ltv_grade_a_count(grade) >= 0 && ltv_grade_a_count(grade) <= LTV_GRADER_QUESTIONS);
            ltv_grade_free(grade);
        }
        break;
    }
    }
    return 0;
}
