/* The C results the binding tests compare with: loads a CSV, then prints the summary, every
 * customer's facts and segment, the group totals and the LTV analysis as tab-separated lines.
 * Built by the Python and Ruby tests against the library under test:
 *   cc -std=c11 -Iinclude bindings/reference/ltv_reference.c build/libltvcrm.so -o ltv_reference
 *   ./ltv_reference FILE.csv DECIMALS */
#include <ltvcrm/ltvcrm.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, int status) {
    fprintf(stderr, "%s: %s: %s\n", what, ltv_status_name(status), ltv_last_error());
    return 1;
}

static void print_group(const char *kind, int group, const ltv_group_stats *g) {
    printf("%s\t%d\t%" PRIu64 "\t%.17g\t%" PRId64 "\t%.17g\t%" PRId64 "\t%" PRIu64 "\t%" PRIu64
           "\t%.17g\t%.17g\t%.17g\t%.17g\n",
           kind, group, g->customers, g->customer_share, g->revenue, g->revenue_share, g->year_revenue, g->orders,
           g->year_orders, g->average_ltv, g->active_years, g->orders_per_year, g->average_order_value);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: ltv_reference FILE.csv DECIMALS\n");
        return 2;
    }
    ltv_ledger *ledger = NULL;
    ltv_csv_options *opts = NULL;
    ltv_segmentation *seg = NULL;
    int status = ltv_ledger_new(&ledger);
    if (status == LTV_OK) status = ltv_csv_options_new(&opts);
    if (status == LTV_OK) status = ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, strtoll(argv[2], NULL, 10));
    if (status == LTV_OK) status = ltv_ledger_load_csv(ledger, argv[1], opts, NULL);
    if (status != LTV_OK) return fail("load", status);
    int32_t first, last;
    status = ltv_ledger_day_range(ledger, &first, &last);
    if (status != LTV_OK) return fail("day range", status);
    int32_t as_of = last + 1;

    ltv_ledger_summary s;
    status = ltv_ledger_summary_as_of(ledger, as_of, &s, sizeof s);
    if (status != LTV_OK) return fail("summary", status);
    printf("summary\t%" PRId32 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
           "\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%" PRId32 "\t%" PRId32 "\n",
           as_of, s.customers, s.repeat_customers, s.orders, s.refunds, s.visits, s.cancels, s.revenue,
           s.gross_revenue, s.items, s.first_day, s.last_day);

    status = ltv_segment_run(&seg, ledger, NULL, as_of);
    if (status != LTV_OK) return fail("segment", status);
    uint64_t n = ltv_ledger_customer_count(ledger);
    for (uint64_t i = 0; i < n; i++) {
        const char *id;
        ltv_customer_facts f;
        ltv_customer_segment c;
        status = ltv_ledger_customer_id(ledger, i, &id, NULL);
        if (status == LTV_OK) status = ltv_ledger_facts(ledger, i, as_of, &f, sizeof f);
        if (status == LTV_OK) status = ltv_segmentation_customer(seg, i, &c, sizeof c);
        if (status != LTV_OK) return fail("customer", status);
        printf("customer\t%s\t%" PRId32 "\t%" PRId32 "\t%" PRId32 "\t%" PRId32 "\t%" PRId64 "\t%" PRId64
               "\t%" PRId32 "\t%" PRId32 "\t%" PRId32 "\t%" PRId32 "\t%" PRId64 "\t%" PRId64 "\t%" PRId32
               "\t%" PRId32 "\t%" PRId32 "\t%" PRId32,
               id, f.first_order_day, f.second_order_day, f.last_order_day, f.orders, f.amount, f.items,
               f.tenure_days, f.recency_days, f.year_orders, f.refunds, f.year_amount, f.refund_amount, f.visits,
               f.year_visits, f.first_event_day, f.cancel_day);
        printf("\t%d\t%d\t%u\t%u\t%u\t%u\t%u\t%" PRId32 "\t%" PRId32 "\t%" PRId64 "\t%" PRId64 "\n", c.state, c.rank,
               c.r, c.f, c.m, c.preset, c.flags, c.recency_days, c.orders, c.annual_ltv, c.lifetime_ltv);
    }
    for (int state = 0; state < LTV_STATE_COUNT; state++) {
        ltv_group_stats g;
        status = ltv_segmentation_state_stats(seg, state, &g, sizeof g);
        if (status != LTV_OK) return fail("state stats", status);
        print_group("state", state, &g);
    }
    for (int rank = 0; rank < LTV_RANK_COUNT; rank++) {
        ltv_group_stats g;
        status = ltv_segmentation_rank_stats(seg, rank, &g, sizeof g);
        if (status != LTV_OK) return fail("rank stats", status);
        print_group("rank", rank, &g);
    }
    ltv_ltv_summary l;
    status = ltv_segmentation_ltv_summary(seg, &l, sizeof l);
    if (status != LTV_OK) return fail("ltv summary", status);
    printf("ltv\t%" PRId32 "\t%" PRIu64 "\t%.17g\t%" PRIu64 "\t%" PRId64 "\t%.17g\t%" PRIu64 "\t%.17g\t%" PRIu64
           "\t%.17g\t%.17g\t%" PRIu64 "\t%" PRId64 "\t%" PRIu64 "\t%" PRId64 "\n",
           l.basis, l.customers, l.average_ltv, l.core_customers, l.core_threshold, l.core_revenue_share,
           l.continuing_customers, l.continuing_average_ltv, l.churned_customers, l.churned_average_ltv,
           l.retention_value, l.top_excellent_customers, l.top_excellent_threshold, l.high_ltv_general_customers,
           l.high_ltv_general_threshold);
    ltv_segmentation_free(seg);
    ltv_csv_options_free(opts);
    ltv_ledger_free(ledger);
    return 0;
}
