/* Predictions inside a segmentation (ltv_segment_config_set_model): each customer's P(alive)
 * and CLV through the predict module's public API (its formulas are the one implementation),
 * the P(alive) lifecycle rule, and the flag of a falling P(alive). */
#include <math.h>
#include <string.h>

#include "predict_internal.h"
#include "segment_internal.h"

/* P(alive) (and with `clv` the CLV) of every customer as of `day`: the models see the orders
 * before it. Nobody with an order before the day leaves the columns at 0. */
static int predict_as_of(const ltv_segmentation *seg, int32_t day, double *p_alive, double *clv) {
    const ltv_segment_config *cfg = &seg->cfg;
    if (day - 1 < LTV_DAY_MIN) return LTV_OK;
    ltv_predict_data *data = NULL;
    ltv_prediction *pred = NULL;
    int status = ltv_predict_data_from_ledger(&data, seg->ledger, cfg->predict_unit, day - 1, LTV_NO_DAY);
    if (status == LTV_ENOTFOUND) return LTV_OK; /* no order before the day */
    /* The caller's horizon and discounting, but only the columns kept here: the other twelve
     * would be fresh memory written and thrown away. */
    ltv_predict_options opts = LTV__PREDICT_OPTIONS_DEFAULT;
    if (cfg->predict_opts) opts = *cfg->predict_opts;
    opts.columns = 1u << LTV_PRED_P_ALIVE | (clv ? 1u << LTV_PRED_CLV : 0u);
    if (status == LTV_OK) status = ltv_predict_run(&pred, cfg->fit, cfg->spend_fit, data, &opts);
    const void *column;
    size_t len = 0;
    if (status == LTV_OK) status = ltv_prediction_column(pred, LTV_PRED_P_ALIVE, &column, &len);
    /* one row per ledger customer: anything else would leave customers at 0 unnoticed */
    if (status == LTV_OK && len != seg->n)
        status = ltv__fail(LTV_ESTATE, "ltv_segment_run: the predictions have %zu rows for %zu customers", len, seg->n);
    if (status == LTV_OK && len) memcpy(p_alive, column, len * sizeof *p_alive);
    if (status == LTV_OK && clv) status = ltv_prediction_column(pred, LTV_PRED_CLV, &column, &len);
    if (status == LTV_OK && clv && len) memcpy(clv, column, len * sizeof *clv);
    ltv_prediction_free(pred);
    ltv_predict_data_free(data);
    return status;
}

/* A column the caller gave (ltv_segment_config_set_p_alive), checked as it is copied: a
 * probability, or a CLV (finite, >= 0). */
static int given_column(const char *what, const double *in, size_t n, bool probability, double *out) {
    for (size_t i = 0; i < n; i++) {
        const double v = in[i];
        if (!isfinite(v) || v < 0.0 || (probability && v > 1.0))
            return ltv__fail(LTV_ERANGE, "ltv_segment_run: %s of customer %zu is %g, not %s", what, i, v,
                             probability ? "a probability in 0..1" : "finite and >= 0");
        out[i] = v;
    }
    return LTV_OK;
}

int ltv__segment_predict(ltv_segmentation *seg) {
    const ltv_segment_config *cfg = &seg->cfg;
    const int64_t rule = cfg->params[LTV_SEG_ALIVE_RULE], falling = cfg->params[LTV_SEG_FALLING_DAYS];
    const bool given = cfg->given_p_alive != NULL;
    if (!cfg->fit && !given) {
        if (rule == LTV_ALIVE_OFF && !falling) return LTV_OK;
        return ltv__fail(LTV_ESTATE, "ltv_segment_run: %s needs a purchase model or P(alive) per customer "
                                     "(ltv_segment_config_set_model, ltv_segment_config_set_p_alive)",
                         rule != LTV_ALIVE_OFF ? "LTV_SEG_ALIVE_RULE" : "LTV_SEG_FALLING_DAYS");
    }
    if (seg->table && !given)
        return ltv__fail(LTV_ESTATE, "ltv_segment_run_customers: a customer table has no orders to compute P(alive) "
                                     "from; detach the model or give P(alive) (ltv_segment_config_set_p_alive)");
    if (given && cfg->given_count != seg->n)
        return ltv__fail(LTV_ERANGE, "ltv_segment_run: P(alive) was given for %zu customers, the run has %zu",
                         cfg->given_count, seg->n);
    if (given && falling && !cfg->given_before)
        return ltv__fail(LTV_ESTATE, "ltv_segment_run: LTV_SEG_FALLING_DAYS needs the earlier P(alive) "
                                     "(p_alive_before of ltv_segment_config_set_p_alive)");
    const size_t n = seg->n ? seg->n : 1, columns = falling ? 3 : 2;
    seg->p_alive = ltv__calloc(n * columns, sizeof *seg->p_alive);
    if (!seg->p_alive) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory for P(alive) of %zu customers", seg->n);
    seg->predicted_clv = seg->p_alive + n;
    if (falling) seg->p_alive_before = seg->predicted_clv + n;
    int status;
    if (given) {
        status = given_column("P(alive)", cfg->given_p_alive, seg->n, true, seg->p_alive);
        if (status == LTV_OK && cfg->given_clv)
            status = given_column("predicted CLV", cfg->given_clv, seg->n, false, seg->predicted_clv);
        if (status == LTV_OK && falling)
            status = given_column("earlier P(alive)", cfg->given_before, seg->n, true, seg->p_alive_before);
    } else {
        status = predict_as_of(seg, seg->as_of, seg->p_alive, seg->predicted_clv);
        if (status == LTV_OK && falling && seg->as_of - falling >= LTV_DAY_MIN)
            status = predict_as_of(seg, (int32_t)(seg->as_of - falling), seg->p_alive_before, NULL);
    }
    seg->rules.alive_rule = (int)rule;
    seg->rules.alive_threshold = (double)cfg->params[LTV_SEG_ALIVE_THRESHOLD_PERMILLE] / 1000.0;
    return status;
}

void ltv__segment_flag_falling(ltv_segmentation *seg) {
    if (!seg->p_alive_before) return;
    /* Falling: no order in the last N days (an order changes x, and BG/NBD's P(alive) of 1 at
     * x = 0 would make a second order look like a fall), and P(alive) down by more than the
     * drop. An earlier P(alive) of 0 (no order then) never qualifies. */
    const int64_t days = seg->cfg.params[LTV_SEG_FALLING_DAYS];
    const double drop = (double)seg->cfg.params[LTV_SEG_FALLING_DROP_PERMILLE] / 1000.0;
    for (size_t c = 0; c < seg->n; c++)
        if (seg->state[c] != LTV_STATE_NONE && seg->recency[c] > days && seg->p_alive_before[c] - seg->p_alive[c] > drop)
            seg->flags[c] |= LTV_FLAG_ALIVE_FALLING;
}

void ltv__segment_predict_free(ltv_segmentation *seg) {
    ltv__free(seg->p_alive);
    seg->p_alive = seg->predicted_clv = seg->p_alive_before = NULL;
}
