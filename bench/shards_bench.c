/* ltvcrm-bench-shards: per-shard segmentation with global cut points (docs/shards.md) on a
 * benchmark log. The log (a CSV or a snapshot) is split into K shards by a hash of the
 * customer id; for each shard it prints the summary's size in bytes and the time to make it,
 * beside the time of a segmentation of the same shard (ltv_segment_run; medians of 3,
 * alternating), then the merge, each shard's run with the merged summary, and the whole
 * ledger's run for comparison. It also checks that the merged summary is the whole's, byte
 * for byte.
 *
 *   ltvcrm-bench-shards FILE [K]      (K = 4 by default; as of 2026-11-01)
 *
 * One JSON line per figure; bench/shards.sh runs it at S and L. */
#define _POSIX_C_SOURCE 200809L
#include <ltvcrm/ltvcrm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SHARDS 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void check(int status, const char *what) {
    if (status == LTV_OK) return;
    fprintf(stderr, "ltvcrm-bench-shards: %s: %s (%s)\n", what, ltv_last_error(), ltv_status_name(status));
    exit(1);
}

#define REPEATS 3

static double median3(const double *x) {
    const double lo = x[0] < x[1] ? x[0] : x[1], hi = x[0] < x[1] ? x[1] : x[0];
    return x[2] < lo ? lo : x[2] > hi ? hi : x[2];
}

static unsigned shard_of(const char *id, size_t len, unsigned k) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)id[i]) * 16777619u;
    return h % k;
}

/* The whole ledger's customers copied into k shard ledgers. */
static void split(const ltv_ledger *whole, ltv_ledger **shards, unsigned k) {
    size_t capacity = 1024;
    uint8_t *kinds = malloc(capacity);
    int32_t *days = malloc(capacity * sizeof *days), *items = malloc(capacity * sizeof *items);
    int64_t *amounts = malloc(capacity * sizeof *amounts);
    for (uint64_t c = 0; c < ltv_ledger_customer_count(whole); c++) {
        const char *id;
        size_t id_len, n;
        check(ltv_ledger_customer_id(whole, c, &id, &id_len), "customer id");
        int status = ltv_ledger_customer_events(whole, c, kinds, days, amounts, items, capacity, &n);
        if (status == LTV_EBUFSIZE) {
            capacity = n;
            kinds = realloc(kinds, capacity);
            days = realloc(days, capacity * sizeof *days);
            items = realloc(items, capacity * sizeof *items);
            amounts = realloc(amounts, capacity * sizeof *amounts);
            if (!kinds || !days || !items || !amounts) check(LTV_ENOMEM, "events");
            status = ltv_ledger_customer_events(whole, c, kinds, days, amounts, items, capacity, &n);
        }
        check(status, "events");
        ltv_ledger *to = shards[shard_of(id, id_len, k)];
        for (size_t e = 0; e < n; e++)
            check(ltv_ledger_add_event(to, id, id_len, kinds[e], days[e], amounts[e], items[e]), "add");
    }
    for (unsigned s = 0; s < k; s++) check(ltv_ledger_prepare(shards[s]), "prepare");
    free(kinds);
    free(days);
    free(items);
    free(amounts);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: ltvcrm-bench-shards FILE [K]\n");
        return 2;
    }
    const unsigned k = argc == 3 ? (unsigned)strtoul(argv[2], NULL, 10) : 4;
    if (k < 1 || k > MAX_SHARDS) {
        fprintf(stderr, "ltvcrm-bench-shards: K is 1..%d\n", MAX_SHARDS);
        return 2;
    }
    int32_t as_of;
    check(ltv_date_parse("2026-11-01", 10, &as_of), "date");
    ltv_ledger *whole = NULL;
    int is_snapshot = 0;
    check(ltv_snapshot_detect(argv[1], &is_snapshot), argv[1]);
    if (is_snapshot) {
        check(ltv_ledger_open(&whole, argv[1]), argv[1]);
    } else {
        check(ltv_ledger_new(&whole), "new");
        check(ltv_ledger_load_csv(whole, argv[1], NULL, NULL), argv[1]);
    }
    check(ltv_ledger_prepare(whole), "prepare");
    ltv_ledger *shards[MAX_SHARDS];
    for (unsigned s = 0; s < k; s++) check(ltv_ledger_new(&shards[s]), "new");
    double t0 = now();
    split(whole, shards, k);
    fprintf(stderr, "split into %u shards in %.1f s\n", k, now() - t0);

    ltv_segment_summary *merged = NULL, *sums[MAX_SHARDS];
    size_t total_bytes = 0;
    double summary_cpu = 0, summary_wall = 0, segment_cpu = 0, segment_wall = 0;
    for (unsigned s = 0; s < k; s++) {
        /* ltv_segment_summary_new against a segmentation of the same shard, alternating */
        double new_wall[REPEATS], new_cpu[REPEATS], seg_wall[REPEATS], seg_cpu[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            double w = now(), c = cpu();
            if (r > 0) ltv_segment_summary_free(sums[s]);
            check(ltv_segment_summary_new(&sums[s], shards[s], NULL, as_of), "summary");
            new_wall[r] = now() - w, new_cpu[r] = cpu() - c;
            ltv_segmentation *seg;
            w = now(), c = cpu();
            check(ltv_segment_run(&seg, shards[s], NULL, as_of), "run");
            seg_wall[r] = now() - w, seg_cpu[r] = cpu() - c;
            ltv_segmentation_free(seg);
        }
        const double w = now(), c = cpu();
        void *bytes;
        size_t len;
        check(ltv_segment_summary_save_buffer(sums[s], &bytes, &len), "save");
        const double wall = median3(new_wall) + now() - w, used = median3(new_cpu) + cpu() - c;
        ltv_free(bytes);
        total_bytes += len;
        summary_wall += median3(new_wall), summary_cpu += median3(new_cpu);
        segment_wall += median3(seg_wall), segment_cpu += median3(seg_cpu);
        printf("{\"mode\":\"summary\",\"shard\":%u,\"shards\":%u,\"customers\":%llu,\"bytes\":%zu,\"wall_seconds\":%.3f,"
               "\"cpu_seconds\":%.3f,\"new_wall_seconds\":%.3f,\"new_cpu_seconds\":%.3f,\"segment_wall_seconds\":%.3f,"
               "\"segment_cpu_seconds\":%.3f}\n",
               s, k, (unsigned long long)ltv_ledger_customer_count(shards[s]), len, wall, used, median3(new_wall),
               median3(new_cpu), median3(seg_wall), median3(seg_cpu));
    }
    /* the figure issue 13 asks about: a summary costs about one segmentation of its shard */
    printf("{\"mode\":\"summary_vs_segment\",\"shards\":%u,\"summary_cpu_seconds\":%.3f,\"segment_cpu_seconds\":%.3f,"
           "\"cpu_ratio\":%.2f,\"summary_wall_seconds\":%.3f,\"segment_wall_seconds\":%.3f,\"wall_ratio\":%.2f}\n",
           k, summary_cpu, segment_cpu, summary_cpu / segment_cpu, summary_wall, segment_wall, summary_wall / segment_wall);
    double w = now(), c = cpu();
    /* the merge itself, from the shards' bytes as a coordinator receives them */
    for (unsigned s = 0; s < k; s++) {
        void *bytes;
        size_t len;
        ltv_segment_summary *opened;
        check(ltv_segment_summary_save_buffer(sums[s], &bytes, &len), "save");
        check(ltv_segment_summary_open_buffer(&opened, bytes, len), "open");
        ltv_free(bytes);
        if (!merged) merged = opened;
        else {
            check(ltv_segment_summary_merge(merged, opened), "merge");
            ltv_segment_summary_free(opened);
        }
    }
    void *merged_bytes, *whole_bytes;
    size_t merged_len, whole_len;
    check(ltv_segment_summary_save_buffer(merged, &merged_bytes, &merged_len), "save");
    printf("{\"mode\":\"merge\",\"shards\":%u,\"shard_bytes\":%zu,\"merged_bytes\":%zu,\"wall_seconds\":%.3f,"
           "\"cpu_seconds\":%.3f}\n", k, total_bytes, merged_len, now() - w, cpu() - c);
    ltv_segment_summary *direct;
    check(ltv_segment_summary_new(&direct, whole, NULL, as_of), "summary of the whole");
    check(ltv_segment_summary_save_buffer(direct, &whole_bytes, &whole_len), "save");
    if (whole_len != merged_len || memcmp(whole_bytes, merged_bytes, whole_len) != 0) {
        fprintf(stderr, "ltvcrm-bench-shards: the merged summary differs from the whole's\n");
        return 1;
    }
    double shard_wall = 0, shard_cpu = 0;
    for (unsigned s = 0; s < k; s++) {
        ltv_segmentation *seg;
        w = now(), c = cpu();
        check(ltv_segment_run_shard(&seg, shards[s], NULL, as_of, merged), "run shard");
        shard_wall += now() - w, shard_cpu += cpu() - c;
        ltv_segmentation_free(seg);
    }
    ltv_segmentation *seg;
    w = now(), c = cpu();
    check(ltv_segment_run(&seg, whole, NULL, as_of), "run");
    const double whole_wall = now() - w, whole_cpu = cpu() - c;
    ltv_segmentation_free(seg);
    printf("{\"mode\":\"segment\",\"shards\":%u,\"shard_runs_wall_seconds\":%.3f,\"shard_runs_cpu_seconds\":%.3f,"
           "\"whole_wall_seconds\":%.3f,\"whole_cpu_seconds\":%.3f}\n",
           k, shard_wall, shard_cpu, whole_wall, whole_cpu);
    ltv_free(merged_bytes);
    ltv_free(whole_bytes);
    ltv_segment_summary_free(direct);
    ltv_segment_summary_free(merged);
    for (unsigned s = 0; s < k; s++) {
        ltv_segment_summary_free(sums[s]);
        ltv_ledger_free(shards[s]);
    }
    ltv_ledger_free(whole);
    return 0;
}
