/* The live matrix: stage figures from a segmentation (seed 003's one page as a picture of
 * the shop's real customers rather than a form). */
#include "matrix_internal.h"

int ltv_matrix_set_segmentation(ltv_matrix *matrix, const ltv_segmentation *seg) {
    LTV_REQUIRE(matrix, "ltv_matrix_set_segmentation");
    LTV_REQUIRE(seg, "ltv_matrix_set_segmentation");
    static const struct {
        int state, stage;
    } map[] = {{LTV_STATE_NEW, LTV_STAGE_ACTIVATION},
               {LTV_STATE_REPEAT, LTV_STAGE_RETENTION},
               {LTV_STATE_FAN, LTV_STAGE_RETENTION},
               {LTV_STATE_DORMANT, LTV_STAGE_CHURN_PREVENTION}};
    uint64_t customers[LTV_STAGE_CHURN_PREVENTION + 1] = {0};
    int64_t revenue[LTV_STAGE_CHURN_PREVENTION + 1] = {0};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        ltv_group_stats stats;
        int status = ltv_segmentation_state_stats(seg, map[i].state, &stats, sizeof stats);
        if (status != LTV_OK) return status;
        customers[map[i].stage] += stats.customers;
        revenue[map[i].stage] += stats.revenue;
    }
    ltv_ltv_summary summary;
    int status = ltv_segmentation_ltv_summary(seg, &summary, sizeof summary);
    for (int s = LTV_STAGE_ACTIVATION; s <= LTV_STAGE_CHURN_PREVENTION && status == LTV_OK; s++)
        status = ltv_matrix_set_stage_figures(matrix, s, customers[s], revenue[s]);
    if (status == LTV_OK && summary.customers > 0) {
        const double ltv = summary.average_ltv;
        status = ltv_matrix_set_ltv(matrix, ltv > 0 ? (int64_t)(ltv + 0.5) : 0); /* refunds can make it negative */
        if (status == LTV_OK) matrix->ltv_basis = summary.basis == LTV_BASIS_LIFETIME ? LTV_BASIS_LIFETIME : LTV_BASIS_ANNUAL;
    }
    return status;
}
