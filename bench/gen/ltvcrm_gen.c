/* ltvcrm-gen: writes a deterministic, realistic order log as the canonical CSV
 * (customer_id,order_date,amount,items) for the benchmarks. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orders_gen.h"

#define BUFFER_BYTES (4u << 20)

static void usage(FILE *out) {
    fprintf(out,
            "usage: ltvcrm-gen [--customers N] [--seed S] [--as-of YYYY-MM-DD] [--out FILE]\n"
            "  --customers N  customers (default 1000000 = size S; 10000000 = L)\n"
            "  --seed S       seed of the generator (default 1); same seed, same bytes\n"
            "  --as-of DATE   every order falls in the three years before it (default 2026-11-01)\n"
            "  --out FILE     write there (through FILE.tmp, renamed when complete); default stdout\n"
            "Prints the row count and bytes on stderr.\n");
}

static int parse_u64(const char *text, uint64_t *out) {
    char *end;
    errno = 0;
    if (!text || !*text || *text == '-')
        return -1;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int parse_date(const char *text, int32_t *out) {
    int y, m, d;
    char tail;
    if (!text || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || y > 9999 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return -1;
    *out = orders_gen_days_from_civil(y, m, d);
    return 0;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    orders_gen_config cfg;
    orders_gen_config_default(&cfg);
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(arg, "--customers")) {
            if (parse_u64(value, &cfg.customers) != 0 || cfg.customers < 1 ||
                cfg.customers > ORDERS_GEN_MAX_CUSTOMERS) {
                fprintf(stderr, "ltvcrm-gen: --customers needs a whole number in 1..%llu, got '%s'\n",
                        (unsigned long long)ORDERS_GEN_MAX_CUSTOMERS, value ? value : "");
                return 2;
            }
            i++;
        } else if (!strcmp(arg, "--seed")) {
            if (parse_u64(value, &cfg.seed) != 0) {
                fprintf(stderr, "ltvcrm-gen: --seed needs a whole number >= 0, got '%s'\n", value ? value : "");
                return 2;
            }
            i++;
        } else if (!strcmp(arg, "--as-of")) {
            if (parse_date(value, &cfg.as_of_day) != 0) {
                fprintf(stderr, "ltvcrm-gen: --as-of needs a date YYYY-MM-DD, got '%s'\n", value ? value : "");
                return 2;
            }
            i++;
        } else if (!strcmp(arg, "--out")) {
            if (!value || !*value) {
                fprintf(stderr, "ltvcrm-gen: --out needs a file name\n");
                return 2;
            }
            out_path = value;
            i++;
        } else {
            fprintf(stderr, "ltvcrm-gen: unknown argument '%s'\n", arg);
            usage(stderr);
            return 2;
        }
    }

    char *tmp_path = NULL;
    FILE *out = stdout;
    if (out_path) {
        size_t len = strlen(out_path) + 5;
        tmp_path = malloc(len);
        if (!tmp_path) {
            fprintf(stderr, "ltvcrm-gen: out of memory\n");
            return 1;
        }
        snprintf(tmp_path, len, "%s.tmp", out_path);
        out = fopen(tmp_path, "wb");
        if (!out) {
            fprintf(stderr, "ltvcrm-gen: cannot create %s: %s\n", tmp_path, strerror(errno));
            free(tmp_path);
            return 1;
        }
    }

    double started = now_seconds();
    orders_gen *gen;
    char *buffer = malloc(BUFFER_BYTES);
    if (!buffer || orders_gen_new(&gen, &cfg) != 0) {
        fprintf(stderr, "ltvcrm-gen: cannot start the generator: %s\n", strerror(errno));
        if (tmp_path) {
            fclose(out);
            remove(tmp_path);
        }
        return 1;
    }
    size_t used = strlen(orders_gen_csv_header);
    memcpy(buffer, orders_gen_csv_header, used);
    uint64_t bytes = 0;
    int rc, failed = 0;
    orders_gen_row row;
    while ((rc = orders_gen_next(gen, &row)) == 1) {
        if (BUFFER_BYTES - used < ORDERS_GEN_CSV_LINE_MAX) {
            if (fwrite(buffer, 1, used, out) != used) {
                failed = 1;
                break;
            }
            bytes += used;
            used = 0;
        }
        used += orders_gen_format_csv(&row, buffer + used);
    }
    if (rc < 0) {
        fprintf(stderr, "ltvcrm-gen: out of memory while generating\n");
        failed = 1;
    }
    if (!failed && fwrite(buffer, 1, used, out) != used)
        failed = 1;
    bytes += used;
    if (out != stdout ? fclose(out) != 0 : fflush(out) != 0)
        failed = 1;
    if (failed) {
        fprintf(stderr, "ltvcrm-gen: writing %s failed: %s\n", out_path ? tmp_path : "stdout", strerror(errno));
        if (tmp_path)
            remove(tmp_path);
        return 1;
    }
    if (out_path && rename(tmp_path, out_path) != 0) {
        fprintf(stderr, "ltvcrm-gen: cannot rename %s to %s: %s\n", tmp_path, out_path, strerror(errno));
        return 1;
    }
    fprintf(stderr, "ltvcrm-gen: %" PRIu64 " customers, %" PRIu64 " rows, %" PRIu64 " bytes (%.1f MiB) in %.2f s%s%s\n",
            cfg.customers, orders_gen_rows(gen), bytes, (double)bytes / 1048576.0, now_seconds() - started,
            out_path ? " -> " : "", out_path ? out_path : "");
    orders_gen_free(gen);
    free(buffer);
    free(tmp_path);
    return 0;
}
