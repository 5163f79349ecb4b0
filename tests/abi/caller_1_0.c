/* A program built against the 1.0.0 headers (tests/abi/include-1.0), run against the current
 * library: every function that fills a versioned struct must accept the 1.0 size, write no
 * byte past it, and give the same bytes as the prefix of a call with a larger buffer.
 *   caller_1_0 ORDERS.csv        exit 0 when all hold, 1 otherwise (each failure printed) */
#include <ltvcrm/ltvcrm.h>

#include <stdio.h>
#include <string.h>

#define GUARD 64
static int failures;

/* Calls `fill` twice: into a 1.0-sized struct followed by guard bytes, and into a buffer as
 * large as any future version could need; compares. */
typedef int (*fill_fn)(const void *ctx, void *out, size_t out_size);

static void check(const char *name, fill_fn fill, const void *ctx, size_t v1_size) {
    unsigned char small[1024 + GUARD], large[4096];
    memset(small, 0xA5, sizeof small);
    memset(large, 0x5A, sizeof large);
    int s1 = fill(ctx, small, v1_size);
    int s2 = fill(ctx, large, sizeof large);
    if (s1 != LTV_OK || s2 != LTV_OK) {
        printf("FAIL %s: status %s with the 1.0 size (%zu), %s with a larger one: %s\n", name, ltv_status_name(s1),
               v1_size, ltv_status_name(s2), ltv_last_error());
        failures++;
        return;
    }
    for (size_t i = v1_size; i < v1_size + GUARD; i++)
        if (small[i] != 0xA5) {
            printf("FAIL %s: wrote byte %zu past the 1.0 size %zu\n", name, i, v1_size);
            failures++;
            return;
        }
    if (memcmp(small, large, v1_size) != 0) {
        printf("FAIL %s: the 1.0 fields differ from a larger call's\n", name);
        failures++;
        return;
    }
    printf("ok   %s (1.0 size %zu)\n", name, v1_size);
}

typedef struct world {
    ltv_ledger *ledger;
    ltv_segmentation *seg;
    ltv_health_check *hc;
    int32_t as_of;
} world;

static int facts(const void *c, void *o, size_t n) {
    const world *w = c;
    return ltv_ledger_facts(w->ledger, 0, w->as_of, o, n);
}
static int summary(const void *c, void *o, size_t n) {
    const world *w = c;
    return ltv_ledger_summary_as_of(w->ledger, w->as_of, o, n);
}
static int overview(const void *c, void *o, size_t n) { return ltv_health_check_overview(((const world *)c)->hc, o, n); }
static int conversion(const void *c, void *o, size_t n) {
    return ltv_health_check_conversion(((const world *)c)->hc, LTV_HEALTH_ALL, o, n);
}
static int tenure(const void *c, void *o, size_t n) { return ltv_health_check_tenure(((const world *)c)->hc, o, n); }
static int seg_customer(const void *c, void *o, size_t n) {
    return ltv_segmentation_customer(((const world *)c)->seg, 0, o, n);
}
static int seg_find(const void *c, void *o, size_t n) {
    const world *w = c;
    const char *id = NULL;
    size_t len = 0;
    int status = ltv_ledger_customer_id(w->ledger, 0, &id, &len);
    return status != LTV_OK ? status : ltv_segmentation_find(w->seg, id, len, o, n);
}
static int state_stats(const void *c, void *o, size_t n) {
    return ltv_segmentation_state_stats(((const world *)c)->seg, LTV_STATE_REPEAT, o, n);
}
static int rank_stats(const void *c, void *o, size_t n) {
    return ltv_segmentation_rank_stats(((const world *)c)->seg, LTV_RANK_EXCELLENT, o, n);
}
static int ltv_sum(const void *c, void *o, size_t n) { return ltv_segmentation_ltv_summary(((const world *)c)->seg, o, n); }

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s ORDERS.csv\n", argv[0]);
        return 2;
    }
    world w = {0};
    int status = ltv_ledger_new(&w.ledger);
    if (status == LTV_OK) status = ltv_ledger_load_csv(w.ledger, argv[1], NULL, NULL);
    int32_t last = 0;
    if (status == LTV_OK) status = ltv_ledger_day_range(w.ledger, NULL, &last);
    w.as_of = last + 1;
    if (status == LTV_OK) status = ltv_segment_run(&w.seg, w.ledger, NULL, w.as_of);
    if (status == LTV_OK) status = ltv_health_check_run(&w.hc, w.ledger, w.seg, NULL, w.as_of);
    if (status != LTV_OK) {
        fprintf(stderr, "setup: %s: %s\n", ltv_status_name(status), ltv_last_error());
        return 1;
    }
    printf("1.0 caller against libltvcrm %s\n", ltv_version_string());
    check("ltv_ledger_facts", facts, &w, sizeof(ltv_customer_facts));
    check("ltv_ledger_summary_as_of", summary, &w, sizeof(ltv_ledger_summary));
    check("ltv_health_check_overview", overview, &w, sizeof(ltv_health_overview));
    check("ltv_health_check_conversion", conversion, &w, sizeof(ltv_health_conversion));
    check("ltv_health_check_tenure", tenure, &w, sizeof(ltv_health_tenure));
    check("ltv_segmentation_customer", seg_customer, &w, sizeof(ltv_customer_segment));
    check("ltv_segmentation_find", seg_find, &w, sizeof(ltv_customer_segment));
    check("ltv_segmentation_state_stats", state_stats, &w, sizeof(ltv_group_stats));
    check("ltv_segmentation_rank_stats", rank_stats, &w, sizeof(ltv_group_stats));
    check("ltv_segmentation_ltv_summary", ltv_sum, &w, sizeof(ltv_ltv_summary));
    ltv_health_check_free(w.hc);
    ltv_segmentation_free(w.seg);
    ltv_ledger_free(w.ledger);
    printf("%s\n", failures ? "1.0 caller: FAILED" : "1.0 caller: every versioned struct accepted at its 1.0 size");
    return failures ? 1 : 0;
}
