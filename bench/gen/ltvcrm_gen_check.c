/* ltvcrm-gen-check: validates a generated order log and prints its shape, so that the data
 * the benchmarks run on can be compared with docs/PERFORMANCE.md at a glance.
 *
 *   ltvcrm-gen-check FILE [--as-of DATE]            reads a CSV written by ltvcrm-gen
 *   ltvcrm-gen-check --customers N [--seed S] ...   generates the log into memory columns
 *
 * Both print the same report (the CSV size is computed in the second mode), so the two paths
 * of the generator can be compared with diff. The exit status is 1 if a CSV line is not in the
 * canonical form or the rows are not in date order. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orders_gen.h"

#define AMOUNT_BINS (1u << 21) /* whole currency units tallied exactly below this */

typedef struct customer_stat {
    uint32_t orders;
    int32_t first, last;
} customer_stat;

typedef struct stats {
    customer_stat *customers;
    size_t capacity; /* entries in customers */
    uint32_t *amount_bins;
    uint64_t amount_over; /* amounts of AMOUNT_BINS units or more */
    uint64_t rows, with_cents, same_as_previous, out_of_order;
    uint64_t items[6];
    double amount_sum;
    int32_t min_day, max_day, previous_day;
    uint32_t previous_customer;
    uint64_t csv_bytes;
} stats;

static int stats_init(stats *s) {
    memset(s, 0, sizeof *s);
    s->amount_bins = calloc(AMOUNT_BINS, sizeof *s->amount_bins);
    s->min_day = INT32_MAX;
    s->max_day = INT32_MIN;
    s->previous_day = INT32_MIN;
    s->previous_customer = UINT32_MAX;
    return s->amount_bins ? 0 : -1;
}

static void stats_free(stats *s) {
    free(s->customers);
    free(s->amount_bins);
}

static int stats_add(stats *s, uint32_t customer, int32_t day, int64_t amount_minor, int32_t items) {
    if (customer >= s->capacity) {
        size_t cap = s->capacity ? s->capacity : 1u << 16;
        while (cap <= customer)
            cap *= 2;
        customer_stat *grown = realloc(s->customers, cap * sizeof *grown);
        if (!grown)
            return -1;
        memset(grown + s->capacity, 0, (cap - s->capacity) * sizeof *grown);
        s->customers = grown;
        s->capacity = cap;
    }
    customer_stat *c = &s->customers[customer];
    if (c->orders++ == 0)
        c->first = day;
    c->last = day;
    s->rows++;
    if (day < s->previous_day)
        s->out_of_order++;
    if (customer == s->previous_customer)
        s->same_as_previous++;
    s->previous_day = day;
    s->previous_customer = customer;
    if (day < s->min_day)
        s->min_day = day;
    if (day > s->max_day)
        s->max_day = day;
    uint64_t whole = (uint64_t)(amount_minor / 100);
    if (whole < AMOUNT_BINS)
        s->amount_bins[whole]++;
    else
        s->amount_over++;
    if (amount_minor % 100)
        s->with_cents++;
    s->amount_sum += (double)amount_minor / 100.0;
    if (items >= 1 && items <= 5)
        s->items[items]++;
    else
        s->items[0]++;
    return 0;
}

static double median_amount(const stats *s) {
    uint64_t half = (s->rows + 1) / 2, seen = 0;
    for (uint32_t v = 0; v < AMOUNT_BINS; v++) {
        seen += s->amount_bins[v];
        if (seen >= half)
            return (double)v;
    }
    return (double)AMOUNT_BINS;
}

static void print_report(const stats *s, int32_t as_of) {
    uint64_t customers = 0, once = 0, repeat_orders = 0, fifty = 0;
    uint32_t most = 0;
    uint64_t buckets[6] = {0}; /* 2, 3, 4, 5-9, 10-49, 50+ orders */
    uint64_t state_new = 0, state_repeat = 0, state_fan = 0, state_dormant = 0;
    for (size_t i = 0; i < s->capacity; i++) {
        const customer_stat *c = &s->customers[i];
        if (!c->orders)
            continue;
        customers++;
        if (c->orders > most)
            most = c->orders;
        if (c->orders == 1)
            once++;
        else {
            repeat_orders += c->orders;
            int b = c->orders == 2 ? 0 : c->orders == 3 ? 1 : c->orders == 4 ? 2 : c->orders < 10 ? 3 : c->orders < 50 ? 4 : 5;
            buckets[b]++;
        }
        if (c->orders >= 50)
            fifty++;
        /* The default lifecycle rules of docs/PERFORMANCE.md. */
        int32_t recency = as_of - c->last;
        if (recency > 180)
            state_dormant++;
        else if (c->orders == 1)
            state_new++;
        else if (c->orders >= 5 && c->last - c->first >= 365)
            state_fan++;
        else
            state_repeat++;
    }
    uint64_t repeaters = customers - once;
    char first[11] = {0}, last[11] = {0}, as_of_text[11] = {0};
    if (s->rows) {
        orders_gen_format_date(s->min_day, first);
        orders_gen_format_date(s->max_day, last);
    }
    orders_gen_format_date(as_of, as_of_text);
    printf("customers: %" PRIu64 "\n", customers);
    printf("rows: %" PRIu64 "\n", s->rows);
    printf("rows per customer: %.3f\n", customers ? (double)s->rows / (double)customers : 0.0);
    printf("one-time buyers: %.2f %%\n", customers ? 100.0 * (double)once / (double)customers : 0.0);
    printf("mean orders of repeaters: %.3f\n", repeaters ? (double)repeat_orders / (double)repeaters : 0.0);
    printf("repeaters by orders: 2: %" PRIu64 ", 3: %" PRIu64 ", 4: %" PRIu64 ", 5-9: %" PRIu64 ", 10-49: %" PRIu64
           ", 50+: %" PRIu64 "\n",
           buckets[0], buckets[1], buckets[2], buckets[3], buckets[4], buckets[5]);
    printf("max orders: %" PRIu32 "\n", most);
    printf("customers with 50+ orders: %" PRIu64 "\n", fifty);
    printf("median amount: %.0f\n", median_amount(s));
    printf("mean amount: %.2f\n", s->rows ? s->amount_sum / (double)s->rows : 0.0);
    printf("amounts with cents: %.2f %%\n", s->rows ? 100.0 * (double)s->with_cents / (double)s->rows : 0.0);
    printf("items 1..5: %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " (out of range: %" PRIu64 ")\n",
           s->items[1], s->items[2], s->items[3], s->items[4], s->items[5], s->items[0]);
    printf("dates: %s .. %s\n", first, last);
    printf("rows out of date order: %" PRIu64 "\n", s->out_of_order);
    printf("rows by the same customer as the row before: %" PRIu64 "\n", s->same_as_previous);
    printf("lifecycle as of %s: new %" PRIu64 ", repeat %" PRIu64 ", fan %" PRIu64 ", dormant %" PRIu64 "\n",
           as_of_text, state_new, state_repeat, state_fan, state_dormant);
    printf("csv bytes: %" PRIu64 " (%.1f MiB)\n", s->csv_bytes, (double)s->csv_bytes / 1048576.0);
}

/* ---- reading a CSV --------------------------------------------------------------------- */

static bool digits(const char *p, int n) {
    for (int i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

static uint64_t number(const char *p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(p[i] - '0');
    return v;
}

/* Parses one canonical line [p, end) (without its newline) and adds it. */
static int add_line(stats *s, const char *p, const char *end) {
    if (end - p < ORDERS_GEN_ID_LEN + 1 + 10 + 1 + 1 + 1 + 1 || p[0] != 'C' || !digits(p + 1, 10) ||
        p[ORDERS_GEN_ID_LEN] != ',')
        return -1;
    uint64_t id = number(p + 1, 10);
    if (id == 0 || id > ORDERS_GEN_MAX_CUSTOMERS)
        return -1;
    p += ORDERS_GEN_ID_LEN + 1;
    if (!digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) || p[7] != '-' || !digits(p + 8, 2) || p[10] != ',')
        return -1;
    int32_t y = (int32_t)number(p, 4), m = (int32_t)number(p + 5, 2), d = (int32_t)number(p + 8, 2);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    int32_t day = orders_gen_days_from_civil(y, m, d);
    char check[10];
    orders_gen_format_date(day, check);
    if (memcmp(check, p, 10) != 0) /* such as 2026-02-30 */
        return -1;
    p += 11;
    const char *comma = memchr(p, ',', (size_t)(end - p));
    if (!comma || comma == p || comma - p > 15)
        return -1;
    const char *dot = memchr(p, '.', (size_t)(comma - p));
    int whole_len = (int)((dot ? dot : comma) - p);
    if (whole_len < 1 || !digits(p, whole_len) || (whole_len > 1 && p[0] == '0'))
        return -1;
    int64_t amount = (int64_t)number(p, whole_len) * 100;
    if (dot) {
        if (comma - dot != 3 || !digits(dot + 1, 2) || (dot[1] == '0' && dot[2] == '0'))
            return -1;
        amount += (int64_t)number(dot + 1, 2);
    }
    p = comma + 1;
    if (end - p != 1 || p[0] < '1' || p[0] > '5')
        return -1;
    return stats_add(s, (uint32_t)(id - 1), day, amount, p[0] - '0') == 0 ? 0 : -2;
}

static int read_csv(stats *s, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ltvcrm-gen-check: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1u << 24, len = 0;
    char *buf = malloc(cap);
    uint64_t line_no = 0;
    bool header = true;
    int rc = 0;
    for (;;) {
        if (!buf) {
            fprintf(stderr, "ltvcrm-gen-check: out of memory\n");
            rc = -1;
            break;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        s->csv_bytes += got;
        bool at_end = got == 0;
        size_t start = 0;
        for (;;) {
            char *nl = memchr(buf + start, '\n', len - start);
            if (!nl)
                break;
            line_no++;
            if (header) {
                size_t hl = strlen(orders_gen_csv_header);
                if ((size_t)(nl + 1 - (buf + start)) != hl || memcmp(buf + start, orders_gen_csv_header, hl) != 0) {
                    fprintf(stderr, "ltvcrm-gen-check: %s:1: the header is not %s", path, orders_gen_csv_header);
                    rc = -1;
                    break;
                }
                header = false;
            } else {
                int r = add_line(s, buf + start, nl);
                if (r != 0) {
                    if (r == -1)
                        fprintf(stderr, "ltvcrm-gen-check: %s:%" PRIu64 ": not a canonical row: %.*s\n", path, line_no,
                                (int)(nl - (buf + start)), buf + start);
                    else
                        fprintf(stderr, "ltvcrm-gen-check: out of memory\n");
                    rc = -1;
                    break;
                }
            }
            start = (size_t)(nl + 1 - buf);
        }
        if (rc != 0)
            break;
        memmove(buf, buf + start, len - start);
        len -= start;
        if (at_end) {
            if (len) {
                fprintf(stderr, "ltvcrm-gen-check: %s: the last line has no newline\n", path);
                rc = -1;
            }
            break;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "ltvcrm-gen-check: reading %s failed\n", path);
        rc = -1;
    }
    free(buf);
    fclose(f);
    return rc;
}

/* ---- generating into memory ------------------------------------------------------------ */

static int read_generated(stats *s, const orders_gen_config *cfg) {
    orders_gen_columns cols;
    if (orders_gen_collect(cfg, &cols) != 0) {
        fprintf(stderr, "ltvcrm-gen-check: generating failed: %s\n", strerror(errno));
        return -1;
    }
    s->csv_bytes = strlen(orders_gen_csv_header);
    int rc = 0;
    for (size_t i = 0; i < cols.rows && rc == 0; i++) {
        orders_gen_row row;
        memcpy(row.id, cols.ids + i * ORDERS_GEN_ID_LEN, ORDERS_GEN_ID_LEN);
        row.id[ORDERS_GEN_ID_LEN] = '\0';
        row.customer = cols.customers[i];
        row.day = cols.days[i];
        row.amount_minor = cols.amounts[i];
        row.items = cols.items[i];
        char line[ORDERS_GEN_CSV_LINE_MAX];
        s->csv_bytes += orders_gen_format_csv(&row, line);
        rc = stats_add(s, row.customer, row.day, row.amount_minor, row.items);
    }
    orders_gen_columns_free(&cols);
    return rc;
}

int main(int argc, char **argv) {
    orders_gen_config cfg;
    orders_gen_config_default(&cfg);
    const char *path = NULL;
    bool generate = false;
    for (int i = 1; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : "";
        char tail;
        int y, m, d;
        if (!strcmp(argv[i], "--customers") || !strcmp(argv[i], "--seed")) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(value, &end, 10);
            if (errno || !*value || *end || *value == '-') {
                fprintf(stderr, "ltvcrm-gen-check: %s needs a whole number, got '%s'\n", argv[i], value);
                return 2;
            }
            if (argv[i][2] == 'c') {
                cfg.customers = (uint64_t)v;
                generate = true;
            } else
                cfg.seed = (uint64_t)v;
            i++;
        } else if (!strcmp(argv[i], "--as-of")) {
            if (sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
                fprintf(stderr, "ltvcrm-gen-check: --as-of needs YYYY-MM-DD, got '%s'\n", value);
                return 2;
            }
            cfg.as_of_day = orders_gen_days_from_civil(y, m, d);
            i++;
        } else if (argv[i][0] == '-' || path) {
            fprintf(stderr, "usage: ltvcrm-gen-check FILE [--as-of DATE]\n"
                            "       ltvcrm-gen-check --customers N [--seed S] [--as-of DATE]\n");
            return 2;
        } else
            path = argv[i];
    }
    if (!path && !generate) {
        fprintf(stderr, "ltvcrm-gen-check: give a CSV file or --customers N\n");
        return 2;
    }
    stats s;
    if (stats_init(&s) != 0) {
        fprintf(stderr, "ltvcrm-gen-check: out of memory\n");
        return 1;
    }
    int rc = path ? read_csv(&s, path) : read_generated(&s, &cfg);
    if (rc == 0)
        print_report(&s, cfg.as_of_day);
    if (rc == 0 && s.out_of_order) {
        fprintf(stderr, "ltvcrm-gen-check: %" PRIu64 " rows are not in date order\n", s.out_of_order);
        rc = -1;
    }
    stats_free(&s);
    return rc == 0 ? 0 : 1;
}
