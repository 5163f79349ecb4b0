/* ltvcrm report, JSON format: the library's health-check object, the segmentation and the
 * load report in one object. Money is in integer minor units (see "decimals"); averages are
 * numbers in minor units with two decimals; shares and rates are fractions 0..1. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "cmd_report.h"

static const char *const state_keys[] = {"new", "repeat", "fan", "dormant"};
static const char *const rank_keys[] = {"excellent", "semi_excellent", "general", "nurture"};
static const char *const metric_keys[] = {"recency", "frequency", "monetary"};
static const char *const verdict_keys[] = {"profitable", "break_even", "leaking"};

static const char *basis_key(int basis) { return basis == LTV_BASIS_LIFETIME ? "lifetime" : "annual"; }

static void print_group(const ltv_group_stats *g, const char *key, const char *name, int basis) {
    printf("{\"key\":\"%s\",\"label\":", key);
    cli_json_string(stdout, name);
    printf(",\"customers\":%" PRIu64 ",\"customer_share\":%.6f,\"revenue\":%" PRId64 ",\"revenue_share\":%.6f,"
           "\"year_revenue\":%" PRId64 ",\"orders\":%" PRIu64 ",\"year_orders\":%" PRIu64 ",\"average_ltv\":%.2f,"
           "\"average_ltv_basis\":\"%s\",\"active_years\":%.6f,\"orders_per_year\":%.6f,\"average_order_value\":%.2f}",
           g->customers, g->customer_share, g->revenue, g->revenue_share, g->year_revenue, g->orders, g->year_orders,
           g->average_ltv, basis_key(basis), g->active_years, g->orders_per_year, g->average_order_value);
}

static int seg_basis(const report_view *v) {
    ltv_ltv_summary s;
    return ltv_segmentation_ltv_summary(v->seg, &s, sizeof s) == LTV_OK ? s.basis : LTV_BASIS_ANNUAL;
}

static void print_rfm(const report_view *v) {
    printf("\"rfm\":[");
    for (int metric = 0; metric < 3; metric++) {
        double cuts[16];
        uint64_t counts[16];
        size_t ncuts = 0, nbins = 0;
        ltv_segmentation_thresholds(v->seg, metric, cuts, 16, &ncuts);
        ltv_segmentation_score_counts(v->seg, metric, counts, 16, &nbins);
        printf("%s{\"metric\":\"%s\",\"label\":", metric ? "," : "", metric_keys[metric]);
        cli_json_string(stdout, ltv_rfm_metric_label(metric, v->lang));
        printf(",\"cut_points\":[");
        for (size_t i = 0; i < ncuts; i++) /* integral cut points exactly, type-7 ones with decimals */
            printf(cuts[i] == floor(cuts[i]) && fabs(cuts[i]) < 9e15 ? "%s%.0f" : "%s%.6f", i ? "," : "", cuts[i]);
        printf("],\"score_counts\":[");
        for (size_t i = 0; i < nbins; i++) printf("%s%" PRIu64, i ? "," : "", counts[i]);
        printf("]}");
    }
    printf("]");
}

static void print_segments(const report_view *v) {
    printf("\"segments\":{\"states\":[");
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats g;
        ltv_segmentation_state_stats(v->seg, s, &g, sizeof g);
        if (s) printf(",");
        print_group(&g, state_keys[s], ltv_state_label(s, v->lang), seg_basis(v));
    }
    printf("],\n \"ranks\":[");
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_group_stats g;
        ltv_segmentation_rank_stats(v->seg, r, &g, sizeof g);
        if (r) printf(",");
        print_group(&g, rank_keys[r], ltv_rank_label(r, v->lang), seg_basis(v));
    }
    printf("],\n ");
    print_rfm(v);
    printf(",\n \"presets\":[");
    const size_t n = ltv_segmentation_segment_count(v->seg); /* by name: entries may share one */
    for (size_t p = 0; p <= n; p++) {
        const char *name = ltv_segmentation_segment_name(v->seg, p, v->lang);
        printf("%s{\"name\":", p ? "," : "");
        cli_json_string(stdout, name ? name : "");
        printf(",\"other\":%s,\"customers\":%" PRIu64 "}", p == n ? "true" : "false",
               ltv_segmentation_segment_customers(v->seg, p));
    }
    printf("]}");
}

static void print_ltv(const report_view *v) {
    ltv_ltv_summary s;
    ltv_segmentation_ltv_summary(v->seg, &s, sizeof s);
    printf("\"ltv\":{\"basis\":\"%s\",\"customers\":%" PRIu64 ",\"average_ltv\":%.2f,\"core_customers\":%" PRIu64
           ",\"core_threshold\":%" PRId64 ",\"core_revenue_share\":%.6f,\"continuing_customers\":%" PRIu64
           ",\"continuing_average_ltv\":%.2f,\"churned_customers\":%" PRIu64 ",\"churned_average_ltv\":%.2f,"
           "\"retention_value\":%.2f,\"top_excellent_customers\":%" PRIu64 ",\"top_excellent_threshold\":%" PRId64
           ",\"high_ltv_general_customers\":%" PRIu64 ",\"high_ltv_general_threshold\":%" PRId64
           /* the basis of each LTV figure: the configured one, or fixed by its definition */
           ",\"basis_of\":{\"average_ltv\":\"%s\",\"core_threshold\":\"%s\",\"continuing_average_ltv\":\"lifetime\","
           "\"churned_average_ltv\":\"lifetime\",\"retention_value\":\"lifetime\",\"top_excellent_threshold\":\"annual\","
           "\"high_ltv_general_threshold\":\"annual\"}}",
           basis_key(s.basis), s.customers, s.average_ltv, s.core_customers,
           s.core_threshold, s.core_revenue_share, s.continuing_customers, s.continuing_average_ltv,
           s.churned_customers, s.churned_average_ltv, s.retention_value, s.top_excellent_customers,
           s.top_excellent_threshold, s.high_ltv_general_customers, s.high_ltv_general_threshold, basis_key(s.basis),
           basis_key(s.basis));
    printf(",\n \"cpo\":");
    int verdict = 0;
    double ratio = 0.0;
    if (!v->has_cpo || ltv_segmentation_cpo_verdict(v->seg, v->cpo, &verdict, &ratio) != LTV_OK) {
        printf("null");
        return;
    }
    printf("{\"cpo\":%" PRId64 ",\"ltv_per_cpo\":%.6f,\"ltv_basis\":\"%s\",\"verdict\":\"%s\",\"message\":", v->cpo,
           ratio, basis_key(s.basis), verdict_keys[verdict]);
    cli_json_string(stdout, ltv_cpo_verdict_label(verdict, v->lang));
    printf("}");
}

static void print_load(const report_view *v) {
    printf("\"load\":{\"rows_read\":%" PRIu64 ",\"rows_taken\":%" PRIu64 ",\"rows_rejected\":%" PRIu64 ",\"errors\":[",
           ltv_load_report_rows_read(v->load), ltv_load_report_rows_taken(v->load),
           ltv_load_report_rows_rejected(v->load));
    for (size_t i = 0; i < ltv_load_report_error_count(v->load); i++) {
        uint64_t line;
        uint32_t column;
        const char *message;
        if (ltv_load_report_error(v->load, i, &line, &column, NULL, &message) != LTV_OK) continue;
        printf("%s{\"line\":%" PRIu64 ",\"column\":%u,\"message\":", i ? "," : "", line, column);
        cli_json_string(stdout, message);
        printf("}");
    }
    printf("]}");
}

int report_print_json(const report_view *v) {
    char *health = NULL;
    size_t len = 0;
    int status = ltv_health_check_to_json(v->hc, v->lang, &health, &len);
    if (status != LTV_OK) return cli_report_failure("health check", status);
    char as_of[CLI_DAY_TEXT];
    printf("{\"decimals\":%d,\"as_of\":\"%s\",\n\"health\":", v->decimals,
           cli_day_text(v->shown_as_of, as_of, sizeof as_of));
    fwrite(health, 1, len, stdout);
    ltv_free(health);
    printf(",\n");
    print_segments(v);
    printf(",\n");
    print_ltv(v);
    printf(",\n");
    print_load(v);
    printf("}\n");
    return CLI_EXIT_OK;
}
