/* ltvcrm-bench-snapshot: the snapshot paths against the CSV path, one measurement per process
 * so that each peak RSS (ru_maxrss) belongs to one path. bench/snapshot.sh runs them
 * alternately and reports medians.
 *
 *   ltvcrm-bench-snapshot csv-segment FILE.csv       CSV load + organize + segmentation
 *   ltvcrm-bench-snapshot build FILE.csv SNAP         CSV load, then save the snapshot
 *   ltvcrm-bench-snapshot open-segment SNAP           open the snapshot (LTV_OPEN_CHECK_ON_USE)
 *                                                     + segmentation
 *   ltvcrm-bench-snapshot open-segment-eager SNAP     the same, every check inside the open
 *   ltvcrm-bench-snapshot day SNAP OUT.csv [ORDERS]   write one day of orders (default
 *                                                     60000: 70 % existing customers)
 *   ltvcrm-bench-snapshot append SNAP DAY.csv OUT     open + add the day's CSV + save to OUT
 *                                                     (ltv_ledger_save: the whole file, version 1)
 *   ltvcrm-bench-snapshot rebase SNAP WORK            open SNAP, write it to WORK as a version-2
 *                                                     base (ltv_ledger_save_increment)
 *   ltvcrm-bench-snapshot increment WORK DAY.csv      open + add the day + ltv_ledger_save_increment
 *                                                     in place (an increment, flushed, committed)
 *   ltvcrm-bench-snapshot compact WORK                ltv_snapshot_compact
 *   ltvcrm-bench-snapshot floors SNAP                 what any open + segmentation must pay on
 *                                                     this machine, without the library (below)
 * Segmentation is ltv_segment_run as of the day after the log (2026-11-01 for bench/gen). */
#define _GNU_SOURCE /* MAP_POPULATE */
#include <ltvcrm/ltvcrm.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds (user + system) of this process so far: less noisy than wall time on a shared machine. */
static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec * 1e-6 + (double)usage.ru_stime.tv_sec +
           (double)usage.ru_stime.tv_usec * 1e-6;
}

static double peak_rss_mib(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_maxrss / 1024.0;
}

static void check(int status, const char *what) {
    if (status == LTV_OK) return;
    fprintf(stderr, "ltvcrm-bench-snapshot: %s: %s (%s)\n", what, ltv_last_error(), ltv_status_name(status));
    exit(1);
}

static int32_t as_of_day(void) {
    int32_t day;
    ltv_date_parse("2026-11-01", 10, &day);
    return day;
}

/* The segmentation (wall and CPU seconds, all threads), as `ltvcrm segment --counts` uses it (counts and statistics), and then,
 * timed apart, the first read of every per-customer column: the run leaves some of them to
 * be written on first use (the score columns; recency, orders and annual LTV after a plain
 * run), so a caller that reads them pays that once, on top. */
typedef struct segment_times {
    double seconds, cpu, rss_mib;    /* the run, and the peak RSS when it returns */
    double first_column_read_seconds; /* then every column read once */
} segment_times;

static segment_times segment_cpu(const ltv_ledger *ledger) {
    ltv_segmentation *seg;
    segment_times out;
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_segment_run(&seg, ledger, NULL, as_of_day()), "segment");
    out.seconds = now() - t0;
    out.cpu = cpu_seconds() - c0;
    out.rss_mib = peak_rss_mib();
    const double t1 = now();
    for (int column = LTV_COLUMN_STATE; column <= LTV_COLUMN_SEGMENT; column++) {
        const void *data;
        size_t len;
        check(ltv_segmentation_column(seg, column, &data, &len), "column");
    }
    out.first_column_read_seconds = now() - t1;
    ltv_segmentation_free(seg);
    return out;
}

static int csv_segment(const char *csv) {
    ltv_ledger *ledger;
    check(ltv_ledger_new(&ledger), "new");
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_ledger_load_csv(ledger, csv, NULL, NULL), csv);
    check(ltv_ledger_prepare(ledger), "prepare");
    const double t1 = now(), c1 = cpu_seconds();
    const segment_times st = segment_cpu(ledger);
    const double ts = st.seconds, cs = st.cpu;
    printf("{\"mode\":\"csv-segment\",\"customers\":%llu,\"load_seconds\":%.4f,\"segment_seconds\":%.4f,"
           "\"total_seconds\":%.4f,\"load_cpu_seconds\":%.4f,\"segment_cpu_seconds\":%.4f,\"cpu_seconds\":%.4f,"
           "\"peak_rss_mib\":%.1f,\"first_column_read_seconds\":%.4f,\"peak_rss_with_columns_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), t1 - t0, ts, t1 - t0 + ts, c1 - c0, cs, c1 - c0 + cs,
           st.rss_mib, st.first_column_read_seconds, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

/* `flags`: LTV_OPEN_CHECK_ON_USE (the way ltvcrm and a nightly job open: the segmentation's
 * first pass checks the events while it reads them), or 0 (every check before the open returns). */
static int open_segment(const char *snap, unsigned flags, const char *mode) {
    ltv_ledger *ledger;
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_ledger_open_flags(&ledger, snap, flags), snap);
    const double t1 = now(), c1 = cpu_seconds();
    const segment_times st = segment_cpu(ledger);
    const double ts = st.seconds, cs = st.cpu;
    printf("{\"mode\":\"%s\",\"customers\":%llu,\"open_seconds\":%.4f,\"segment_seconds\":%.4f,"
           "\"total_seconds\":%.4f,\"open_cpu_seconds\":%.4f,\"segment_cpu_seconds\":%.4f,\"cpu_seconds\":%.4f,"
           "\"peak_rss_mib\":%.1f,\"first_column_read_seconds\":%.4f,\"peak_rss_with_columns_mib\":%.1f}\n",
           mode, (unsigned long long)ltv_ledger_customer_count(ledger), t1 - t0, ts, t1 - t0 + ts, c1 - c0, cs, c1 - c0 + cs,
           st.rss_mib, st.first_column_read_seconds, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

static int build(const char *csv, const char *snap) {
    ltv_ledger *ledger;
    check(ltv_ledger_new(&ledger), "new");
    check(ltv_ledger_load_csv(ledger, csv, NULL, NULL), csv);
    check(ltv_ledger_prepare(ledger), "prepare");
    const double t0 = now();
    check(ltv_ledger_save(ledger, snap), snap);
    printf("{\"mode\":\"build\",\"customers\":%llu,\"save_seconds\":%.4f,\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), now() - t0, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

/* One day's orders after the snapshot's last day: 70 % from existing customers spread over
 * the whole ledger, 30 % from new ones. */
static int day(const char *snap, const char *out, long orders) {
    ltv_ledger *ledger;
    check(ltv_ledger_open(&ledger, snap), snap);
    int32_t first, last;
    check(ltv_ledger_day_range(ledger, &first, &last), "day range");
    char date[16];
    size_t len;
    check(ltv_date_format(last + 1, date, sizeof date), "date");
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return 1;
    }
    fprintf(f, "customer_id,order_date,amount,items\n");
    const uint64_t n = ltv_ledger_customer_count(ledger);
    uint64_t x = 88172645463325252ull;
    for (long i = 0; i < orders; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        if (x % 10 < 7 && n > 0) {
            const char *id;
            check(ltv_ledger_customer_id(ledger, x / 10 % n, &id, &len), "id");
            fprintf(f, "%.*s,%s,%llu,%u\n", (int)len, id, date, (unsigned long long)(500 + x % 20000), (unsigned)(1 + x % 3));
        } else {
            fprintf(f, "new-%s-%ld,%s,%llu,1\n", date, i, date, (unsigned long long)(500 + x % 20000));
        }
    }
    fclose(f);
    ltv_ledger_free(ledger);
    return 0;
}

static int append(const char *snap, const char *csv, const char *out) {
    ltv_ledger *ledger;
    const double t0 = now();
    check(ltv_ledger_open(&ledger, snap), snap);
    const double t1 = now();
    check(ltv_ledger_load_csv(ledger, csv, NULL, NULL), csv);
    const double t2 = now();
    check(ltv_ledger_prepare(ledger), "prepare");
    const double t3 = now();
    check(ltv_ledger_save(ledger, out), out);
    const double t4 = now();
    printf("{\"mode\":\"append\",\"customers\":%llu,\"events\":%llu,\"open_seconds\":%.4f,\"add_seconds\":%.4f,"
           "\"organize_seconds\":%.4f,\"save_seconds\":%.4f,\"total_seconds\":%.4f,\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), (unsigned long long)ltv_ledger_event_count(ledger),
           t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

static int rebase(const char *snap, const char *work) {
    ltv_ledger *ledger;
    check(ltv_ledger_open(&ledger, snap), snap);
    const double t0 = now();
    int how;
    check(ltv_ledger_save_increment(ledger, work, &how), work);
    printf("{\"mode\":\"rebase\",\"customers\":%llu,\"how\":%d,\"save_seconds\":%.4f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), how, now() - t0);
    ltv_ledger_free(ledger);
    return 0;
}

/* The nightly increment: open the snapshot, add the day's CSV, save incrementally in place. */
static int increment(const char *work, const char *csv) {
    ltv_ledger *ledger;
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_ledger_open(&ledger, work), work);
    const double t1 = now();
    check(ltv_ledger_load_csv(ledger, csv, NULL, NULL), csv);
    const double t2 = now();
    int how;
    check(ltv_ledger_save_increment(ledger, work, &how), work);
    const double t3 = now(), c1 = cpu_seconds();
    ltv_snapshot_info info;
    check(ltv_snapshot_info_read(work, &info, sizeof info), work);
    printf("{\"mode\":\"increment\",\"customers\":%llu,\"events\":%llu,\"how\":%d,\"increments\":%llu,"
           "\"file_bytes\":%llu,\"open_seconds\":%.4f,\"add_seconds\":%.4f,\"save_seconds\":%.4f,"
           "\"total_seconds\":%.4f,\"cpu_seconds\":%.4f,\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), (unsigned long long)ltv_ledger_event_count(ledger), how,
           (unsigned long long)info.increments, (unsigned long long)info.file_bytes, t1 - t0, t2 - t1, t3 - t2, t3 - t0,
           c1 - c0, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

static int compact(const char *work) {
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_snapshot_compact(work), work);
    printf("{\"mode\":\"compact\",\"total_seconds\":%.4f,\"cpu_seconds\":%.4f,\"peak_rss_mib\":%.1f}\n", now() - t0,
           cpu_seconds() - c0, peak_rss_mib());
    return 0;
}

/* ---- floors: the least work an open + segmentation can do here ----------------------------
 * Reads a version-1 base's RUN_STARTS and EVENTS by the documented format
 * (docs/snapshot-format.md), with no checks, and times on two threads: (1) mapping those two
 * sections in and walking every customer's run once (a bare sum: the least a segmentation
 * reads), (2) first-touching the 32 bytes per customer of result columns that
 * ltv_segment_run hands out, (3) both in one pass, as pass 1 of a segmentation would do. No
 * checksum, no rule, no score, no cut point: a lower bound for open + segmentation, to set
 * against the CSV path's time. */
typedef struct floor_share {
    const uint64_t *starts;
    const unsigned char *events;
    uint64_t begin, end;
    unsigned char *columns; /* NULL: walk only */
    uint64_t n;
    int walk;
    int64_t sum;
} floor_share;

static void *floor_range(void *arg) {
    floor_share *sh = arg;
    int64_t sum = 0;
    for (uint64_t c = sh->begin; c < sh->end; c++) {
        int64_t amount = 0;
        if (sh->walk)
            for (uint64_t e = sh->starts[c]; e < sh->starts[c + 1]; e++) {
                int64_t a;
                memcpy(&a, sh->events + 16 * e + 8, 8);
                amount += a;
            }
        if (sh->columns) { /* the layout of run.c: two i64, two i32, eight bytes */
            memcpy(sh->columns + 8 * c, &amount, 8);
            memcpy(sh->columns + 8 * (sh->n + c), &amount, 8);
            const int32_t small = (int32_t)amount;
            memcpy(sh->columns + 16 * sh->n + 4 * c, &small, 4);
            memcpy(sh->columns + 20 * sh->n + 4 * c, &small, 4);
            for (int k = 0; k < 8; k++) sh->columns[24 * sh->n + (uint64_t)k * sh->n + c] = (unsigned char)amount;
        }
        sum += amount;
    }
    sh->sum = sum;
    return NULL;
}

static double floor_pass(const uint64_t *starts, const unsigned char *events, uint64_t n, int walk, int write) {
    unsigned char *columns = NULL;
    if (write) {
        columns = mmap(NULL, 32 * n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (columns == MAP_FAILED) return -1;
    }
    floor_share shares[2];
    pthread_t thread;
    const double t0 = now();
    for (int i = 0; i < 2; i++)
        shares[i] = (floor_share){starts, events, n * (uint64_t)i / 2, n * (uint64_t)(i + 1) / 2, columns, n, walk, 0};
    pthread_create(&thread, NULL, floor_range, &shares[1]);
    floor_range(&shares[0]);
    pthread_join(thread, NULL);
    const double t = now() - t0;
    if (columns) munmap(columns, 32 * n);
    return t;
}

static int floors(const char *snap) {
    const int fd = open(snap, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(snap);
        return 1;
    }
    const unsigned char *base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    uint32_t version, sections;
    uint64_t table;
    memcpy(&version, base + 12, 4);
    memcpy(&sections, base + 20, 4);
    memcpy(&table, base + 32, 8);
    const unsigned char *starts = NULL, *events = NULL;
    uint64_t starts_bytes = 0, events_bytes = 0;
    for (uint32_t i = 0; i < sections; i++) {
        const unsigned char *entry = base + table + 32 * i;
        uint32_t id;
        uint64_t offset, bytes;
        memcpy(&id, entry, 4);
        memcpy(&offset, entry + 8, 8);
        memcpy(&bytes, entry + 16, 8);
        if (id == 5) starts = base + offset, starts_bytes = bytes;
        if (id == 6) events = base + offset, events_bytes = bytes;
    }
    if (version != 1 || !starts || !events) {
        fprintf(stderr, "floors: %s is not a version-1 snapshot with RUN_STARTS and EVENTS\n", snap);
        return 1;
    }
    const uint64_t n = starts_bytes / 8 - 1;
    const double c0 = cpu_seconds();
    const double first = floor_pass((const uint64_t *)(const void *)starts, events, n, 1, 0);
    const double walk = floor_pass((const uint64_t *)(const void *)starts, events, n, 1, 0);
    const double c1 = cpu_seconds();
    const double columns = floor_pass(NULL, NULL, n, 0, 1);
    const double c2 = cpu_seconds();
    const double both = floor_pass((const uint64_t *)(const void *)starts, events, n, 1, 1);
    const double c3 = cpu_seconds();
    printf("{\"mode\":\"floors\",\"customers\":%llu,\"mapped_bytes\":%llu,\"map_and_walk_seconds\":%.4f,"
           "\"walk_seconds\":%.4f,\"map_and_walk_cpu_seconds\":%.4f,\"fresh_columns_seconds\":%.4f,"
           "\"fresh_columns_cpu_seconds\":%.4f,\"walk_and_columns_seconds\":%.4f,\"walk_and_columns_cpu_seconds\":%.4f}\n",
           (unsigned long long)n, (unsigned long long)(starts_bytes + events_bytes), first, walk, c1 - c0, columns,
           c2 - c1, both, c3 - c2);
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "csv-segment") && argc == 3) return csv_segment(argv[2]);
    if (!strcmp(mode, "open-segment") && argc == 3) return open_segment(argv[2], LTV_OPEN_CHECK_ON_USE, mode);
    if (!strcmp(mode, "open-segment-eager") && argc == 3) return open_segment(argv[2], 0, mode);
    if (!strcmp(mode, "build") && argc == 4) return build(argv[2], argv[3]);
    if (!strcmp(mode, "day") && (argc == 4 || argc == 5)) return day(argv[2], argv[3], argc == 5 ? atol(argv[4]) : 60000);
    if (!strcmp(mode, "append") && argc == 5) return append(argv[2], argv[3], argv[4]);
    if (!strcmp(mode, "rebase") && argc == 4) return rebase(argv[2], argv[3]);
    if (!strcmp(mode, "increment") && argc == 4) return increment(argv[2], argv[3]);
    if (!strcmp(mode, "compact") && argc == 3) return compact(argv[2]);
    if (!strcmp(mode, "floors") && argc == 3) return floors(argv[2]);
    fprintf(stderr, "usage: ltvcrm-bench-snapshot csv-segment CSV | build CSV SNAP | open-segment SNAP | "
                    "open-segment-eager SNAP | day SNAP OUT [ORDERS] | append SNAP DAY.csv OUT | rebase SNAP WORK | increment WORK DAY.csv | "
                    "compact WORK | floors SNAP\n");
    return 2;
}
