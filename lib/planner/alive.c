/* The ::LTV_STEP_ALIVE_FALLING condition: customers whose P(alive) is falling, as the
 * segmentation flags them (lib/segment/alive.c is the one implementation of "falling"), with
 * the planner's model and falling settings. */
#include <stdio.h>

#include "planner_internal.h"
#include "segment_internal.h"

int ltv_planner_set_model(ltv_planner *planner, const ltv_predict_fit *fit, int unit) {
    LTV_REQUIRE(planner, "ltv_planner_set_model");
    /* the segmentation's setter checks the model and the unit; a scratch config takes them */
    ltv_segment_config cfg;
    ltv__segment_config_defaults(&cfg);
    int status = ltv_segment_config_set_model(&cfg, fit, NULL, unit, NULL);
    if (status != LTV_OK) {
        char why[256];
        snprintf(why, sizeof why, "%s", ltv_last_error());
        return ltv__fail(status, "ltv_planner_set_model: %s", why);
    }
    planner->fit = fit;
    planner->unit = unit;
    return LTV_OK;
}

static bool uses_falling(const ltv_planner *planner) {
    for (size_t s = 0; s < planner->n_scenarios; s++)
        for (size_t i = 0; i < planner->scenarios[s].n_steps; i++)
            if (planner->scenarios[s].steps[i].alive_falling) return true;
    return false;
}

int ltv__plan_falling(const ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of, ltv_segmentation **out_seg,
                      const uint8_t **out_flags) {
    *out_seg = NULL;
    *out_flags = NULL;
    if (!uses_falling(planner)) return LTV_OK;
    if (!planner->fit)
        return ltv__fail(LTV_ESTATE, "planner: a step has alive_falling=yes but the planner has no model "
                                     "(ltv_planner_set_model)");
    ltv_segment_config *cfg = NULL;
    int status = ltv_segment_config_new(&cfg);
    if (status == LTV_OK) status = ltv_planner_to_segment_config(planner, cfg);
    if (status == LTV_OK) status = ltv_segment_config_set_model(cfg, planner->fit, NULL, planner->unit, NULL);
    if (status == LTV_OK)
        status = ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DAYS, planner->params[LTV_PLAN_FALLING_DAYS]);
    if (status == LTV_OK)
        status = ltv_segment_config_set_i64(cfg, LTV_SEG_FALLING_DROP_PERMILLE,
                                            planner->params[LTV_PLAN_FALLING_DROP_PERMILLE]);
    if (status == LTV_OK) status = ltv_segment_run(out_seg, ledger, cfg, as_of);
    ltv_segment_config_free(cfg);
    if (status == LTV_OK) {
        ltv__segmentation_columns(*out_seg); /* the flags are written on first use */
        *out_flags = (*out_seg)->flags;
    }
    return status;
}
