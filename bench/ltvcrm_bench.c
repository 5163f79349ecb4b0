/* ltvcrm-bench: times the library's hot paths, one mode per process so that peak memory
 * (ru_maxrss) belongs to one job. Prints a readable line and a JSON line per mode; the
 * median of --runs runs is reported (the machine is noisy: compare ratios of one session).
 *
 *   ltvcrm-bench load FILE [--runs N]         CSV -> ledger (MB/s, rows/s), then prepare
 *     --order-id NAME: lines with the same id in column NAME form one order (order mode)
 *   ltvcrm-bench bulk --customers N [--runs N] in-memory columns -> ledger (the FFI path)
 *   ltvcrm-bench segment FILE [--runs N]      segmentation + RFM + ranks on a loaded ledger
 *   ltvcrm-bench plan FILE [--runs N]         the default 90-day scenario's due actions
 *   ltvcrm-bench predict FILE [--runs N]      x/t_x/T statistics + BG/NBD + Gamma-Gamma fits
 *                                             (weeks, calibration to the day before the as-of
 *                                             day), then per-customer predictions
 *   --threads N: the library's thread budget (ltv_set_threads), default 2
 */
#define _POSIX_C_SOURCE 200809L
#include <ltvcrm/ltvcrm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "orders_gen.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_rss_mib(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_maxrss / 1024.0;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values, int n) {
    qsort(values, (size_t)n, sizeof *values, compare_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void check(int status, const char *what) {
    if (status == LTV_OK) return;
    fprintf(stderr, "ltvcrm-bench: %s: %s (%s)\n", what, ltv_last_error(), ltv_status_name(status));
    exit(1);
}

static const char *order_id_column; /* --order-id */

static ltv_ledger *load(const char *path, double *seconds, double *prepare_seconds) {
    ltv_ledger *ledger;
    ltv_csv_options *opts = NULL;
    check(ltv_ledger_new(&ledger), "new");
    if (order_id_column) {
        check(ltv_csv_options_new(&opts), "options");
        check(ltv_csv_options_set_column(opts, LTV_CSV_ORDER_ID, order_id_column, strlen(order_id_column)), "--order-id");
    }
    double t0 = now();
    check(ltv_ledger_load_csv(ledger, path, opts, NULL), path);
    ltv_csv_options_free(opts);
    double t1 = now();
    check(ltv_ledger_prepare(ledger), "prepare");
    double t2 = now();
    if (seconds) *seconds = t1 - t0;
    if (prepare_seconds) *prepare_seconds = t2 - t1;
    return ledger;
}

static int mode_load(const char *path, int runs) {
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    double total[32], parse[32], prep[32];
    uint64_t rows = 0, customers = 0;
    for (int r = 0; r < runs; r++) {
        ltv_ledger *ledger = load(path, &parse[r], &prep[r]);
        total[r] = parse[r] + prep[r];
        rows = ltv_ledger_event_count(ledger);
        customers = ltv_ledger_customer_count(ledger);
        ltv_ledger_free(ledger);
    }
    const double t = median(total, runs), tp = median(parse, runs), tq = median(prep, runs);
    const double mb = (double)st.st_size / 1e6;
    printf("load: %.1f MB, %llu rows, %llu customers: %.3f s (read+parse+hash %.3f s, organize %.3f s) = "
           "%.0f MB/s, %.2f M rows/s; peak RSS %.0f MiB (%.1f B/order)\n",
           mb, (unsigned long long)rows, (unsigned long long)customers, t, tp, tq, mb / t, (double)rows / t / 1e6,
           peak_rss_mib(), peak_rss_mib() * 1048576.0 / (double)rows);
    printf("{\"mode\":\"load\",\"bytes\":%lld,\"rows\":%llu,\"customers\":%llu,\"seconds\":%.4f,\"parse_seconds\":%.4f,"
           "\"organize_seconds\":%.4f,\"mb_per_s\":%.1f,\"peak_rss_mib\":%.1f}\n",
           (long long)st.st_size, (unsigned long long)rows, (unsigned long long)customers, t, tp, tq, mb / t,
           peak_rss_mib());
    return 0;
}

static int mode_bulk(uint64_t customers, int runs) {
    orders_gen_config cfg;
    orders_gen_config_default(&cfg);
    cfg.customers = customers;
    orders_gen_columns cols;
    if (orders_gen_collect(&cfg, &cols) != 0) {
        perror("orders_gen_collect");
        return 1;
    }
    double add[32], prep[32];
    for (int r = 0; r < runs; r++) {
        ltv_ledger *ledger;
        check(ltv_ledger_new(&ledger), "new");
        double t0 = now();
        check(ltv_ledger_add_events_fixed(ledger, cols.rows, cols.ids, ORDERS_GEN_ID_LEN, NULL, cols.days,
                                          cols.amounts, cols.items),
              "add_events_fixed");
        double t1 = now();
        check(ltv_ledger_prepare(ledger), "prepare");
        add[r] = t1 - t0;
        prep[r] = now() - t1;
        ltv_ledger_free(ledger);
    }
    const double ta = median(add, runs), tp = median(prep, runs);
    printf("bulk: %zu orders: add %.3f s = %.2f M orders/s, organize %.3f s; peak RSS %.0f MiB (includes the columns)\n",
           cols.rows, ta, (double)cols.rows / ta / 1e6, tp, peak_rss_mib());
    printf("{\"mode\":\"bulk\",\"rows\":%zu,\"add_seconds\":%.4f,\"organize_seconds\":%.4f,\"orders_per_s\":%.0f,"
           "\"peak_rss_mib\":%.1f}\n",
           cols.rows, ta, tp, (double)cols.rows / ta, peak_rss_mib());
    orders_gen_columns_free(&cols);
    return 0;
}

static int mode_segment(const char *path, int runs, int32_t as_of) {
    ltv_ledger *ledger = load(path, NULL, NULL);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    double seg_time[32], health_time[32];
    for (int r = 0; r < runs; r++) {
        ltv_segmentation *seg;
        ltv_health_check *hc;
        double t0 = now();
        check(ltv_segment_run(&seg, ledger, NULL, as_of), "segment");
        double t1 = now();
        check(ltv_health_check_run(&hc, ledger, seg, NULL, as_of), "health check");
        seg_time[r] = t1 - t0;
        health_time[r] = now() - t1;
        ltv_health_check_free(hc);
        ltv_segmentation_free(seg);
    }
    const double ts = median(seg_time, runs), th = median(health_time, runs);
    printf("segment: %llu customers: segmentation + RFM + ranks %.3f s = %.1f ns/customer, health-check KPIs %.3f s "
           "= %.1f ns/customer, together %.1f ns/customer; peak RSS %.0f MiB\n",
           (unsigned long long)n, ts, ts * 1e9 / (double)n, th, th * 1e9 / (double)n, (ts + th) * 1e9 / (double)n,
           peak_rss_mib());
    printf("{\"mode\":\"segment\",\"customers\":%llu,\"segment_seconds\":%.4f,\"health_seconds\":%.4f,"
           "\"ns_per_customer\":%.2f,\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)n, ts, th, (ts + th) * 1e9 / (double)n, peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

static int mode_plan(const char *path, int runs, int32_t as_of) {
    ltv_ledger *ledger = load(path, NULL, NULL);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    ltv_planner *planner;
    check(ltv_planner_new_default(&planner, LTV_LANG_EN), "planner");
    double plan_time[32];
    uint64_t due = 0;
    for (int r = 0; r < runs; r++) {
        ltv_plan_run *run;
        double t0 = now();
        check(ltv_planner_run(&run, planner, ledger, NULL, as_of), "plan");
        plan_time[r] = now() - t0;
        due = ltv_plan_run_due_count(run);
        ltv_plan_run_free(run);
    }
    const double tp = median(plan_time, runs);
    printf("plan: %llu customers, %llu actions due: the default scenario's due actions and 90-day load %.3f s = "
           "%.1f ns/customer; peak RSS %.0f MiB\n",
           (unsigned long long)n, (unsigned long long)due, tp, tp * 1e9 / (double)n, peak_rss_mib());
    printf("{\"mode\":\"plan\",\"customers\":%llu,\"due\":%llu,\"plan_seconds\":%.4f,\"ns_per_customer\":%.2f,"
           "\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)n, (unsigned long long)due, tp, tp * 1e9 / (double)n, peak_rss_mib());
    ltv_planner_free(planner);
    ltv_ledger_free(ledger);
    return 0;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kib_now(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * 4;
}

static int mode_predict(const char *path, int runs, int32_t as_of) {
    ltv_ledger *ledger = load(path, NULL, NULL);
    const uint64_t n = ltv_ledger_customer_count(ledger);
    double t_stats[32], t_bg[32], t_gg[32], t_pred[32], t_one[32], c_fit[32], c_pred[32];
    long rss_before = rss_kib_now(), rss_fit = 0;
    ltv_predict_data_info info;
    ltv_predict_fit_info bi, gi;
    for (int r = 0; r < runs; r++) {
        ltv_predict_data *data;
        ltv_predict_fit *bg, *gg;
        ltv_prediction *pred;
        const double c0 = cpu_now();
        double t0 = now();
        check(ltv_predict_data_from_ledger(&data, ledger, LTV_UNIT_WEEK, as_of - 1, LTV_NO_DAY), "statistics");
        double t1 = now();
        check(ltv_predict_fit_new(&bg, data, LTV_MODEL_BGNBD), "bgnbd");
        double t2 = now();
        check(ltv_predict_fit_new(&gg, data, LTV_MODEL_GAMMA_GAMMA), "gammagamma");
        double t3 = now();
        if (rss_kib_now() > rss_fit) rss_fit = rss_kib_now();
        const double c3 = cpu_now();
        check(ltv_predict_run(&pred, bg, gg, data, NULL), "predictions");
        double t4 = now();
        c_fit[r] = c3 - c0, c_pred[r] = cpu_now() - c3;
        /* one thread, one customer at a time through the public one-customer calls: the cost
         * of P(alive) + E[Y(52 weeks)] + expected spend for a caller that does its own loop */
        const void *cx, *ctx, *cT, *cm, *cin;
        size_t len;
        ltv_prediction_column(pred, LTV_PRED_X, &cx, &len);
        ltv_prediction_column(pred, LTV_PRED_T_X, &ctx, &len);
        ltv_prediction_column(pred, LTV_PRED_T, &cT, &len);
        ltv_prediction_column(pred, LTV_PRED_MEAN_SPEND, &cm, &len);
        ltv_prediction_column(pred, LTV_PRED_IN_CALIBRATION, &cin, &len);
        const size_t probe = len < 2000000 ? len : 2000000;
        size_t probed = 0;
        double sink = 0;
        const double t5 = now();
        for (size_t i = 0; i < probe; i++) {
            if (!((const uint8_t *)cin)[i]) continue;
            double pa, e, sp;
            const double x = ((const double *)cx)[i];
            ltv_predict_p_alive(bg, x, ((const double *)ctx)[i], ((const double *)cT)[i], &pa);
            ltv_predict_expected(bg, x, ((const double *)ctx)[i], ((const double *)cT)[i], 52, &e);
            ltv_predict_spend(gg, x, ((const double *)cm)[i], &sp);
            sink += pa + e + sp;
            probed++;
        }
        t_one[r] = probed ? (now() - t5) * 1e9 / (double)probed : 0;
        if (sink < 0) printf("%g\n", sink);
        t_stats[r] = t1 - t0, t_bg[r] = t2 - t1, t_gg[r] = t3 - t2, t_pred[r] = t4 - t3;
        ltv_predict_data_info_get(data, &info, sizeof info);
        ltv_predict_fit_info_get(bg, &bi, sizeof bi);
        ltv_predict_fit_info_get(gg, &gi, sizeof gi);
        ltv_prediction_free(pred);
        ltv_predict_fit_free(gg);
        ltv_predict_fit_free(bg);
        ltv_predict_data_free(data);
    }
    const double ts = median(t_stats, runs), tb = median(t_bg, runs), tg = median(t_gg, runs), tp = median(t_pred, runs);
    const double kept_mib = (double)(rss_fit - rss_before) / 1024.0, one = median(t_one, runs);
    const double cf = median(c_fit, runs), cp = median(c_pred, runs);
    printf("predict: %llu customers (%llu repeaters, %llu distinct (x, t_x, T)): statistics %.3f s, BG/NBD fit %.3f s "
           "(%d evaluations), Gamma-Gamma fit %.3f s (%d), together %.3f s; predictions %.3f s = %.1f ns/customer; "
           "one customer at a time (P(alive), E[Y(52)], spend; one thread) %.1f ns; "
           "memory kept by statistics + fits %.0f MiB = %.1f bytes/customer; peak RSS %.0f MiB; CPU time (all "
           "threads): statistics + fits %.3f s, predictions %.3f s = %.1f ns/customer\n",
           (unsigned long long)n, (unsigned long long)info.repeaters, (unsigned long long)info.tuples, ts, tb,
           bi.iterations, tg, gi.iterations, ts + tb + tg, tp, tp * 1e9 / (double)n, one, kept_mib,
           kept_mib * 1048576.0 / (double)n, peak_rss_mib(), cf, cp, cp * 1e9 / (double)n);
    printf("  bgnbd r %.4f alpha %.4f a %.4f b %.4f LL %.1f; gammagamma p %.3f q %.3f gamma %.1f\n", bi.params[0],
           bi.params[1], bi.params[2], bi.params[3], bi.log_likelihood, gi.params[0], gi.params[1], gi.params[2]);
    printf("{\"mode\":\"predict\",\"customers\":%llu,\"stats_seconds\":%.4f,\"bgnbd_seconds\":%.4f,"
           "\"gammagamma_seconds\":%.4f,\"fit_total_seconds\":%.4f,\"predict_ns_per_customer\":%.2f,"
           "\"one_customer_ns\":%.2f,\"fit_cpu_seconds\":%.4f,\"predict_cpu_ns_per_customer\":%.2f,\"kept_mib\":%.1f,"
           "\"peak_rss_mib\":%.1f}\n",
           (unsigned long long)n, ts, tb, tg, ts + tb + tg, tp * 1e9 / (double)n, one, cf, cp * 1e9 / (double)n, kept_mib,
           peak_rss_mib());
    ltv_ledger_free(ledger);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: ltvcrm-bench load|segment|plan|predict FILE [--runs N] [--threads N] | bulk --customers N [--runs N]\n");
        return 2;
    }
    int runs = 3;
    uint64_t customers = 1000000;
    const char *file = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--customers") && i + 1 < argc) customers = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) check(ltv_set_threads(atoi(argv[++i])), "--threads");
        else if (!strcmp(argv[i], "--order-id") && i + 1 < argc) order_id_column = argv[++i];
        else file = argv[i];
    }
    if (runs < 1 || runs > 32) runs = 3;
    int32_t as_of;
    ltv_date_parse("2026-11-01", 10, &as_of);
    if (!strcmp(argv[1], "load") && file) return mode_load(file, runs);
    if (!strcmp(argv[1], "bulk")) return mode_bulk(customers, runs);
    if (!strcmp(argv[1], "segment") && file) return mode_segment(file, runs, as_of);
    if (!strcmp(argv[1], "plan") && file) return mode_plan(file, runs, as_of);
    if (!strcmp(argv[1], "predict") && file) return mode_predict(file, runs, as_of);
    fprintf(stderr, "ltvcrm-bench: unknown mode or missing FILE\n");
    return 2;
}
