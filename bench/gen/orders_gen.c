/* The order-log generator: see orders_gen.h for the shape of the data. */
#include "orders_gen.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- shape parameters (tuned so that S gives ~1.74 M rows, see bench/README.md) ------- */
#define REPEATER_SHARE 0.30   /* 70 % buy once */
#define LOMAX_ALPHA 2.2       /* tail of a repeater's extra orders: P(X > x) ~ x^-alpha */
#define LOMAX_SCALE 2.35      /* scale of the extra orders; with the caps below, mean ~3.47 */
#define MAX_ORDERS 1000       /* no customer orders more often than this */
#define DAYS_PER_HEAVY_ORDER 2 /* a customer with n orders needs a span of >= 2 (n - 2) days */
#define LAPSE_SHARE 0.40      /* repeaters whose active span ends before the as-of date */
#define AMOUNT_MEDIAN 4850.0  /* in currency units */
#define AMOUNT_SIGMA_CUSTOMER 0.45 /* log-sd of a customer's price level */
#define AMOUNT_SIGMA_ORDER 0.60    /* log-sd of one order around that level */
#define AMOUNT_MIN 100        /* currency units: nothing sells for less */
#define CENTS_SHARE 0.40      /* amounts with a fractional part */

/* Salts that separate the random streams derived from one customer's key. */
#define SALT_PLAN 0x5eed0f0a11c0ffeeULL
#define SALT_LEVEL 0x1e7e1a11b0a710adULL
#define SALT_ORDER 0xa0761d6478bd642fULL
#define SALT_DAYS 0xe7037ed1a0b428dbULL
#define SALT_MERGE 0x8ebc6af09c88c6e3ULL
#define GOLDEN 0x9e3779b97f4a7c15ULL

/* A repeater with orders still to come, waiting in the bucket of its next order's day. */
typedef struct pending {
    uint32_t customer;
    float t;         /* position of the next order in the active span, 0..1 */
    uint16_t first;  /* day offset of the first order */
    uint16_t span;   /* active span in days after the first order */
    uint16_t left;   /* orders after the next one */
    uint16_t k;      /* number of the next order (0 = first) */
} pending;

typedef struct bucket {
    pending *items;
    size_t len, cap;
} bucket;

struct orders_gen {
    orders_gen_config cfg;
    uint64_t key;                              /* mixed seed */
    int32_t start_day;                         /* day number of day offset 0 */
    uint64_t new_start[ORDERS_GEN_DAYS + 1];   /* first customer of each day offset */
    bucket buckets[ORDERS_GEN_DAYS];
    uint32_t day;                              /* current day offset */
    uint64_t new_next, new_end;                /* new customers of the current day */
    size_t old_next;                           /* next pending entry of the current day */
    uint64_t merge_state;                      /* stream that interleaves a day's rows */
    uint64_t rows;
};

const char orders_gen_csv_header[] = "customer_id,order_date,amount,items\n";

/* ---- randomness ------------------------------------------------------------------------ */

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* splitmix64: a tiny stream that is good enough for simulation and fully portable. */
static uint64_t next_u64(uint64_t *state) {
    *state += GOLDEN;
    return mix64(*state);
}

/* Uniform in the open interval (0, 1), so that logs and negative powers are finite. */
static double next_open01(uint64_t *state) {
    return ((double)(next_u64(state) >> 11) + 0.5) * 0x1.0p-53;
}

static double next_normal(uint64_t *state) {
    double u1 = next_open01(state), u2 = next_open01(state);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static uint64_t customer_key(const orders_gen *g, uint32_t customer) {
    return mix64(g->key + (uint64_t)customer * GOLDEN);
}

/* ---- dates ----------------------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t orders_gen_days_from_civil(int32_t year, int32_t month, int32_t day) {
    int32_t y = year - (month <= 2);
    int32_t era = (y >= 0 ? y : y - 399) / 400;
    int32_t yoe = y - era * 400;
    int32_t mp = (month + 9) % 12;
    int32_t doy = (153 * mp + 2) / 5 + day - 1;
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int32_t *year, int32_t *month, int32_t *day) {
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (*month <= 2);
}

static void put_digits(char *out, uint64_t value, int width) {
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

void orders_gen_format_date(int32_t day_number, char out[10]) {
    int32_t y, m, d;
    civil_from_days(day_number, &y, &m, &d);
    put_digits(out, (uint64_t)y, 4);
    out[4] = '-';
    put_digits(out + 5, (uint64_t)m, 2);
    out[7] = '-';
    put_digits(out + 8, (uint64_t)d, 2);
}

/* ---- the plan of one customer ------------------------------------------------------------ */

typedef struct plan {
    uint32_t orders;
    uint16_t span;
} plan;

/* How many orders a customer places and over how many days, decided once from its key. */
static plan plan_customer(uint64_t key, uint16_t first) {
    uint64_t s = key ^ SALT_PLAN;
    plan p = {1, 0};
    if (next_open01(&s) >= REPEATER_SHARE)
        return p;
    uint32_t window = (uint32_t)(ORDERS_GEN_DAYS - 1 - first); /* days left before as-of */
    uint32_t most = 2 + window / DAYS_PER_HEAVY_ORDER;
    if (most > MAX_ORDERS)
        most = MAX_ORDERS;
    uint32_t n = most;
    for (int tries = 0; tries < 32; tries++) {
        double extra = LOMAX_SCALE * (pow(next_open01(&s), -1.0 / LOMAX_ALPHA) - 1.0);
        if (extra < (double)(most - 1)) {
            n = 2 + (uint32_t)extra;
            break;
        }
    }
    uint32_t span = window;
    if (next_open01(&s) < LAPSE_SHARE) {
        uint32_t need = DAYS_PER_HEAVY_ORDER * (n - 2);
        span = (uint32_t)(next_open01(&s) * (double)window);
        if (span < need)
            span = need;
    }
    p.orders = n;
    p.span = (uint16_t)span;
    return p;
}

/* ---- buckets ------------------------------------------------------------------------------ */

static int bucket_push(bucket *b, const pending *p) {
    if (b->len == b->cap) {
        size_t cap = b->cap ? b->cap + b->cap / 2 : 64;
        pending *items = realloc(b->items, cap * sizeof *items);
        if (!items) {
            errno = ENOMEM;
            return -1;
        }
        b->items = items;
        b->cap = cap;
    }
    b->items[b->len++] = *p;
    return 0;
}

/* Moves p on to its next order: the remaining orders are uniform order statistics on the
 * rest of the span (a Poisson process conditioned on its count), so the next one is the
 * minimum of `left + 1` uniforms on (t, 1). Queues it in the bucket of that order's day. */
static int advance(orders_gen *g, pending p, uint64_t key) {
    uint32_t remaining = (uint32_t)p.left; /* orders after the one just emitted */
    uint64_t s = mix64(key + ((uint64_t)p.k + 1u) * SALT_ORDER) ^ SALT_DAYS;
    double t = (double)p.t;
    t = 1.0 - (1.0 - t) * pow(next_open01(&s), 1.0 / (double)remaining);
    uint32_t offset = (uint32_t)(t * ((double)p.span + 1.0));
    if (offset > p.span)
        offset = p.span;
    p.t = (float)t;
    p.k++;
    p.left--;
    return bucket_push(&g->buckets[p.first + offset], &p);
}

/* ---- rows --------------------------------------------------------------------------------- */

static void emit(orders_gen *g, orders_gen_row *row, uint32_t customer, uint64_t key, uint16_t k) {
    row->id[0] = 'C';
    put_digits(row->id + 1, (uint64_t)customer + 1, 10);
    row->id[ORDERS_GEN_ID_LEN] = '\0';
    row->customer = customer;
    row->day = g->start_day + (int32_t)g->day;

    uint64_t level = key ^ SALT_LEVEL;
    uint64_t s = mix64(key + ((uint64_t)k + 1u) * SALT_ORDER);
    double log_amount = log(AMOUNT_MEDIAN) + AMOUNT_SIGMA_CUSTOMER * next_normal(&level) +
                        AMOUNT_SIGMA_ORDER * next_normal(&s);
    double units = exp(log_amount);
    int64_t whole = units < (double)AMOUNT_MIN ? AMOUNT_MIN : (int64_t)units;
    int64_t cents = 0;
    if (next_open01(&s) < CENTS_SHARE)
        cents = 1 + (int64_t)(next_open01(&s) * 99.0);
    row->amount_minor = whole * 100 + cents;

    double u = next_open01(&s);
    row->items = u < 0.40 ? 1 : u < 0.67 ? 2 : u < 0.84 ? 3 : u < 0.94 ? 4 : 5;
    g->rows++;
}

/* ---- the generator ------------------------------------------------------------------------ */

void orders_gen_config_default(orders_gen_config *cfg) {
    cfg->customers = 1000000;
    cfg->seed = 1;
    cfg->as_of_day = orders_gen_days_from_civil(2026, 11, 1);
}

/* Spreads the customers' first purchases over the days: growth of half over the three
 * years, weekends +15 %, December +25 %, and +-10 % noise per day. Customers are numbered
 * in order of their first purchase. */
static void spread_first_purchases(orders_gen *g) {
    double weights[ORDERS_GEN_DAYS];
    double total = 0.0;
    uint64_t s = g->key ^ SALT_DAYS;
    for (uint32_t d = 0; d < ORDERS_GEN_DAYS; d++) {
        int32_t day = g->start_day + (int32_t)d;
        int32_t y, m, dd;
        civil_from_days(day, &y, &m, &dd);
        int32_t weekday = ((day % 7) + 11) % 7; /* 0 = Sunday; 1970-01-01 was a Thursday */
        double w = 1.0 + 0.5 * (double)d / ORDERS_GEN_DAYS;
        if (weekday == 0 || weekday == 6)
            w *= 1.15;
        if (m == 12)
            w *= 1.25;
        w *= 0.9 + 0.2 * next_open01(&s);
        weights[d] = w;
        total += w;
    }
    double cumulative = 0.0;
    g->new_start[0] = 0;
    for (uint32_t d = 0; d < ORDERS_GEN_DAYS; d++) {
        cumulative += weights[d];
        g->new_start[d + 1] = (uint64_t)llround((double)g->cfg.customers * (cumulative / total));
        if (g->new_start[d + 1] < g->new_start[d])
            g->new_start[d + 1] = g->new_start[d];
    }
    g->new_start[ORDERS_GEN_DAYS] = g->cfg.customers;
}

int orders_gen_new(orders_gen **out, const orders_gen_config *cfg) {
    if (!out || !cfg || cfg->customers < 1 || cfg->customers > ORDERS_GEN_MAX_CUSTOMERS) {
        errno = EINVAL;
        return -1;
    }
    *out = NULL;
    orders_gen *g = calloc(1, sizeof *g);
    if (!g) {
        errno = ENOMEM;
        return -1;
    }
    g->cfg = *cfg;
    g->key = mix64(cfg->seed ^ 0x6c7463726d67656eULL); /* "ltcrmgen" */
    g->start_day = cfg->as_of_day - ORDERS_GEN_DAYS;
    g->merge_state = g->key ^ SALT_MERGE;
    spread_first_purchases(g);
    g->day = 0;
    g->new_next = g->new_start[0];
    g->new_end = g->new_start[1];
    *out = g;
    return 0;
}

void orders_gen_free(orders_gen *g) {
    if (!g)
        return;
    for (uint32_t d = 0; d < ORDERS_GEN_DAYS; d++)
        free(g->buckets[d].items);
    free(g);
}

uint64_t orders_gen_rows(const orders_gen *g) {
    return g->rows;
}

int orders_gen_next(orders_gen *g, orders_gen_row *row) {
    while (g->day < ORDERS_GEN_DAYS) {
        bucket *b = &g->buckets[g->day];
        uint64_t fresh = g->new_end - g->new_next;
        uint64_t returning = (uint64_t)(b->len - g->old_next);
        if (fresh + returning == 0) {
            free(b->items);
            b->items = NULL;
            b->len = b->cap = 0;
            g->day++;
            g->old_next = 0;
            if (g->day < ORDERS_GEN_DAYS) {
                g->new_next = g->new_start[g->day];
                g->new_end = g->new_start[g->day + 1];
            }
            continue;
        }
        /* Interleave the day's first orders and repeat orders at random, in proportion. */
        bool take_fresh = returning == 0 ||
                          (fresh > 0 && next_open01(&g->merge_state) * (double)(fresh + returning) < (double)fresh);
        if (take_fresh) {
            uint32_t customer = (uint32_t)g->new_next++;
            uint64_t key = customer_key(g, customer);
            uint16_t first = (uint16_t)g->day;
            emit(g, row, customer, key, 0);
            plan p = plan_customer(key, first);
            if (p.orders > 1) {
                pending next = {customer, 0.0f, first, p.span, (uint16_t)(p.orders - 1), 0};
                if (advance(g, next, key) != 0)
                    return -1;
            }
        } else {
            pending p = b->items[g->old_next++];
            uint64_t key = customer_key(g, p.customer);
            emit(g, row, p.customer, key, p.k);
            if (p.left > 0 && advance(g, p, key) != 0)
                return -1;
        }
        return 1;
    }
    return 0;
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static size_t put_uint(char *out, uint64_t value) {
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

size_t orders_gen_format_csv(const orders_gen_row *row, char *buf) {
    char *p = buf;
    memcpy(p, row->id, ORDERS_GEN_ID_LEN);
    p += ORDERS_GEN_ID_LEN;
    *p++ = ',';
    orders_gen_format_date(row->day, p);
    p += 10;
    *p++ = ',';
    p += put_uint(p, (uint64_t)(row->amount_minor / 100));
    int64_t cents = row->amount_minor % 100;
    if (cents) {
        *p++ = '.';
        put_digits(p, (uint64_t)cents, 2);
        p += 2;
    }
    *p++ = ',';
    p += put_uint(p, (uint64_t)row->items);
    *p++ = '\n';
    return (size_t)(p - buf);
}

/* ---- columns ------------------------------------------------------------------------------ */

void orders_gen_columns_free(orders_gen_columns *c) {
    if (!c)
        return;
    free(c->ids);
    free(c->customers);
    free(c->days);
    free(c->amounts);
    free(c->items);
    memset(c, 0, sizeof *c);
}

static int columns_reserve(orders_gen_columns *c, size_t cap) {
    char *ids = realloc(c->ids, cap * ORDERS_GEN_ID_LEN);
    if (ids)
        c->ids = ids;
    uint32_t *customers = realloc(c->customers, cap * sizeof *customers);
    if (customers)
        c->customers = customers;
    int32_t *days = realloc(c->days, cap * sizeof *days);
    if (days)
        c->days = days;
    int64_t *amounts = realloc(c->amounts, cap * sizeof *amounts);
    if (amounts)
        c->amounts = amounts;
    int32_t *items = realloc(c->items, cap * sizeof *items);
    if (items)
        c->items = items;
    if (!ids || !customers || !days || !amounts || !items) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int orders_gen_collect(const orders_gen_config *cfg, orders_gen_columns *out) {
    if (!out) {
        errno = EINVAL;
        return -1;
    }
    memset(out, 0, sizeof *out);
    orders_gen *g;
    if (orders_gen_new(&g, cfg) != 0)
        return -1;
    /* About 1.74 rows per customer: reserve 1.8 and grow if a seed gives more. */
    size_t cap = (size_t)(cfg->customers * 9 / 5) + 1024;
    if (columns_reserve(out, cap) != 0)
        goto fail;
    orders_gen_row row;
    int rc;
    while ((rc = orders_gen_next(g, &row)) == 1) {
        if (out->rows == cap) {
            cap += cap / 4;
            if (columns_reserve(out, cap) != 0)
                goto fail;
        }
        size_t i = out->rows++;
        memcpy(out->ids + i * ORDERS_GEN_ID_LEN, row.id, ORDERS_GEN_ID_LEN);
        out->customers[i] = row.customer;
        out->days[i] = row.day;
        out->amounts[i] = row.amount_minor;
        out->items[i] = row.items;
    }
    if (rc < 0)
        goto fail;
    orders_gen_free(g);
    return 0;
fail:
    orders_gen_free(g);
    orders_gen_columns_free(out);
    errno = ENOMEM;
    return -1;
}
