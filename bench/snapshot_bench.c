/* ltvcrm-bench-snapshot: the snapshot paths against the CSV path, one measurement per process
 * so that each peak RSS (ru_maxrss) belongs to one path. bench/snapshot.sh runs them
 * alternately and reports medians.
 *
 *   ltvcrm-bench-snapshot csv-segment FILE.csv       CSV load + organize + segmentation
 *   ltvcrm-bench-snapshot build FILE.csv SNAP         CSV load, then save the snapshot
 *   ltvcrm-bench-snapshot open-segment SNAP           open the snapshot + segmentation
 *   ltvcrm-bench-snapshot day SNAP OUT.csv [ORDERS]   write one day of orders (default
 *                                                     60000: 70 % existing customers)
 *   ltvcrm-bench-snapshot append SNAP DAY.csv OUT     open + add the day's CSV + save to OUT
 *                                                     (ltv_ledger_save: the whole file, version 1)
 *   ltvcrm-bench-snapshot rebase SNAP WORK            open SNAP, write it to WORK as a version-2
 *                                                     base (ltv_ledger_save_increment)
 *   ltvcrm-bench-snapshot increment WORK DAY.csv      open + add the day + ltv_ledger_save_increment
 *                                                     in place (an increment, flushed, committed)
 *   ltvcrm-bench-snapshot compact WORK                ltv_snapshot_compact
 * Segmentation is ltv_segment_run as of the day after the log (2026-11-01 for bench/gen). */
#define _POSIX_C_SOURCE 200809L
#include <ltvcrm/ltvcrm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

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

/* Wall seconds of one segmentation; its CPU seconds (all threads) through *cpu. */
static double segment_cpu(const ltv_ledger *ledger, double *cpu) {
    ltv_segmentation *seg;
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_segment_run(&seg, ledger, NULL, as_of_day()), "segment");
    const double t = now() - t0;
    *cpu = cpu_seconds() - c0;
    ltv_segmentation_free(seg);
    return t;
}

static int csv_segment(const char *csv) {
    ltv_ledger *ledger;
    check(ltv_ledger_new(&ledger), "new");
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_ledger_load_csv(ledger, csv, NULL, NULL), csv);
    check(ltv_ledger_prepare(ledger), "prepare");
    const double t1 = now(), c1 = cpu_seconds();
    double cs;
    const double ts = segment_cpu(ledger, &cs);
    printf("{\"mode\":\"csv-segment\",\"customers\":%llu,\"load_seconds\":%.4f,\"segment_seconds\":%.4f,"
           "\"total_seconds\":%.4f,\"load_cpu_seconds\":%.4f,\"segment_cpu_seconds\":%.4f,\"cpu_seconds\":%.4f,"
           "\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), t1 - t0, ts, t1 - t0 + ts, c1 - c0, cs, c1 - c0 + cs,
           peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

static int open_segment(const char *snap) {
    ltv_ledger *ledger;
    const double c0 = cpu_seconds(), t0 = now();
    check(ltv_ledger_open(&ledger, snap), snap);
    const double t1 = now(), c1 = cpu_seconds();
    double cs;
    const double ts = segment_cpu(ledger, &cs);
    printf("{\"mode\":\"open-segment\",\"customers\":%llu,\"open_seconds\":%.4f,\"segment_seconds\":%.4f,"
           "\"total_seconds\":%.4f,\"open_cpu_seconds\":%.4f,\"segment_cpu_seconds\":%.4f,\"cpu_seconds\":%.4f,"
           "\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)ltv_ledger_customer_count(ledger), t1 - t0, ts, t1 - t0 + ts, c1 - c0, cs, c1 - c0 + cs,
           peak_rss_mib());
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

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "csv-segment") && argc == 3) return csv_segment(argv[2]);
    if (!strcmp(mode, "open-segment") && argc == 3) return open_segment(argv[2]);
    if (!strcmp(mode, "build") && argc == 4) return build(argv[2], argv[3]);
    if (!strcmp(mode, "day") && (argc == 4 || argc == 5)) return day(argv[2], argv[3], argc == 5 ? atol(argv[4]) : 60000);
    if (!strcmp(mode, "append") && argc == 5) return append(argv[2], argv[3], argv[4]);
    if (!strcmp(mode, "rebase") && argc == 4) return rebase(argv[2], argv[3]);
    if (!strcmp(mode, "increment") && argc == 4) return increment(argv[2], argv[3]);
    if (!strcmp(mode, "compact") && argc == 3) return compact(argv[2]);
    fprintf(stderr, "usage: ltvcrm-bench-snapshot csv-segment CSV | build CSV SNAP | open-segment SNAP | "
                    "day SNAP OUT [ORDERS] | append SNAP DAY.csv OUT | rebase SNAP WORK | increment WORK DAY.csv | "
                    "compact WORK\n");
    return 2;
}
