/* Segmentation settings: integer parameters with bounds, fixed RFM thresholds, and the
 * table of named RFM segments (first match wins), kept as data so users can replace it. */
#include <string.h>

#include "segment_internal.h"

const ltv__setting ltv__segment_setting_items[LTV__SEG_PARAMS] = {
    [LTV_SEG_DORMANT_DAYS] = LTV__SETTING("LTV_SEG_DORMANT_DAYS", 1, 36500, 180),
    [LTV_SEG_CANCEL_IS_DORMANT] = LTV__SETTING("LTV_SEG_CANCEL_IS_DORMANT", 0, 1, 1),
    [LTV_SEG_FAN_MIN_ORDERS] = LTV__SETTING("LTV_SEG_FAN_MIN_ORDERS", 2, 1000000, 5),
    [LTV_SEG_FAN_MIN_TENURE_DAYS] = LTV__SETTING("LTV_SEG_FAN_MIN_TENURE_DAYS", 0, 36500, 365),
    [LTV_SEG_RFM_BINS] = LTV__SETTING("LTV_SEG_RFM_BINS", 2, LTV_RFM_MAX_BINS, 5),
    [LTV_SEG_RFM_MODE] = LTV__SETTING("LTV_SEG_RFM_MODE", LTV_RFM_QUANTILE, LTV_RFM_PYMC, LTV_RFM_QUANTILE),
    [LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS] = LTV__SETTING("LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS", 3, 1000000, 4),
    [LTV_SEG_SEMI_MIN_YEAR_ORDERS] = LTV__SETTING("LTV_SEG_SEMI_MIN_YEAR_ORDERS", 2, 999999, 2),
    [LTV_SEG_TOP_EXCELLENT_PERMILLE] = LTV__SETTING("LTV_SEG_TOP_EXCELLENT_PERMILLE", 1, 1000, 100),
    [LTV_SEG_HIGH_GENERAL_PERCENTILE] = LTV__SETTING("LTV_SEG_HIGH_GENERAL_PERCENTILE", 0, 100, 25),
    [LTV_SEG_CORE_PERMILLE] = LTV__SETTING("LTV_SEG_CORE_PERMILLE", 1, 1000, 10),
    [LTV_SEG_LTV_BASIS] = LTV__SETTING("LTV_SEG_LTV_BASIS", LTV_BASIS_ANNUAL, LTV_BASIS_LIFETIME, LTV_BASIS_ANNUAL),
    [LTV_SEG_RFM_RECENCY_BINS] = LTV__SETTING("LTV_SEG_RFM_RECENCY_BINS", 0, LTV_RFM_MAX_BINS, 0),
    [LTV_SEG_RFM_FREQUENCY_BINS] = LTV__SETTING("LTV_SEG_RFM_FREQUENCY_BINS", 0, LTV_RFM_MAX_BINS, 0),
    [LTV_SEG_RFM_MONETARY_BINS] = LTV__SETTING("LTV_SEG_RFM_MONETARY_BINS", 0, LTV_RFM_MAX_BINS, 0),
    [LTV_SEG_ACTIVITY] = LTV__SETTING("LTV_SEG_ACTIVITY", LTV_ACTIVITY_AUTO, LTV_ACTIVITY_VISITS, LTV_ACTIVITY_AUTO),
    [LTV_SEG_ALIVE_RULE] = LTV__SETTING("LTV_SEG_ALIVE_RULE", LTV_ALIVE_OFF, LTV_ALIVE_REPLACE, LTV_ALIVE_OFF),
    [LTV_SEG_ALIVE_THRESHOLD_PERMILLE] = LTV__SETTING("LTV_SEG_ALIVE_THRESHOLD_PERMILLE", 0, 1000, 500),
    [LTV_SEG_FALLING_DAYS] = LTV__SETTING("LTV_SEG_FALLING_DAYS", 0, 36500, 0),
    [LTV_SEG_FALLING_DROP_PERMILLE] = LTV__SETTING("LTV_SEG_FALLING_DROP_PERMILLE", 0, 1000, 100),
};

const ltv__settings ltv__segment_settings = {"ltv_segment_param", ltv__segment_setting_items, LTV__SEG_PARAMS};

int ltv__segment_bins(const ltv_segment_config *cfg, int metric) {
    const int64_t own = cfg->params[LTV_SEG_RFM_RECENCY_BINS + metric];
    return (int)(own ? own : cfg->params[LTV_SEG_RFM_BINS]);
}

static void release_presets(ltv_segment_config *cfg) {
    for (size_t i = 0; i < cfg->preset_count; i++) {
        ltv__free(cfg->presets[i].name_en);
        ltv__free(cfg->presets[i].name_ja);
    }
    ltv__free(cfg->presets);
    cfg->presets = NULL;
    cfg->preset_count = 0;
    ltv__free(cfg->other_en);
    ltv__free(cfg->other_ja);
    cfg->other_en = cfg->other_ja = NULL;
}

void ltv__segment_config_release(ltv_segment_config *cfg) { release_presets(cfg); }

int ltv__segment_config_append(ltv_segment_config *cfg, const char *en, size_t en_len, const char *ja, size_t ja_len,
                               const uint8_t ranges[6]) {
    ltv__preset *grown = ltv__realloc_array(cfg->presets, cfg->preset_count + 1, sizeof *grown);
    if (!grown) return ltv__fail(LTV_ENOMEM, "out of memory for a named segment");
    cfg->presets = grown;
    ltv__preset *p = &cfg->presets[cfg->preset_count];
    p->name_en = ltv__strndup(en, en_len);
    p->name_ja = ltv__strndup(ja, ja_len);
    if (!p->name_en || !p->name_ja) {
        ltv__free(p->name_en);
        ltv__free(p->name_ja);
        return ltv__fail(LTV_ENOMEM, "out of memory for a named segment");
    }
    p->r_min = ranges[0], p->r_max = ranges[1], p->f_min = ranges[2];
    p->f_max = ranges[3], p->m_min = ranges[4], p->m_max = ranges[5];
    cfg->preset_count++;
    return LTV_OK;
}

void ltv__segment_config_defaults(ltv_segment_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    ltv__settings_defaults(&ltv__segment_settings, cfg->params);
}

int ltv__segment_config_copy(ltv_segment_config *dst, const ltv_segment_config *src) {
    *dst = *src;
    dst->presets = NULL;
    dst->preset_count = 0;
    dst->other_en = src->other_en ? ltv__strndup(src->other_en, strlen(src->other_en)) : NULL;
    dst->other_ja = src->other_ja ? ltv__strndup(src->other_ja, strlen(src->other_ja)) : NULL;
    if ((src->other_en && !dst->other_en) || (src->other_ja && !dst->other_ja)) {
        release_presets(dst);
        return ltv__fail(LTV_ENOMEM, "out of memory copying segmentation settings");
    }
    for (size_t i = 0; i < src->preset_count; i++) {
        const ltv__preset *p = &src->presets[i];
        const uint8_t ranges[6] = {p->r_min, p->r_max, p->f_min, p->f_max, p->m_min, p->m_max};
        int status = ltv__segment_config_append(dst, p->name_en, strlen(p->name_en), p->name_ja, strlen(p->name_ja), ranges);
        if (status != LTV_OK) {
            release_presets(dst);
            return status;
        }
    }
    return LTV_OK;
}

int ltv_segment_config_new(ltv_segment_config **out) {
    LTV_REQUIRE(out, "ltv_segment_config_new");
    *out = NULL;
    ltv_segment_config *cfg = ltv__malloc(sizeof *cfg);
    if (!cfg) return ltv__fail(LTV_ENOMEM, "ltv_segment_config_new: out of memory");
    ltv__segment_config_defaults(cfg);
    int status = ltv_segment_config_use_table(cfg, "default", 7);
    if (status != LTV_OK) {
        ltv_segment_config_free(cfg);
        return status;
    }
    *out = cfg;
    return LTV_OK;
}

void ltv_segment_config_free(ltv_segment_config *cfg) {
    if (!cfg) return;
    release_presets(cfg);
    ltv__free(cfg);
}

int ltv_segment_config_set_i64(ltv_segment_config *cfg, int param, int64_t value) {
    LTV_REQUIRE(cfg, "ltv_segment_config_set_i64");
    /* Each value is checked alone, so settings can be made in any order; the pair of rank
     * limits (semi-excellent below excellent) is checked when segmentation runs. */
    int status = ltv__settings_check(&ltv__segment_settings, "ltv_segment_config_set_i64", param, value);
    if (status != LTV_OK) return status;
    if (param >= LTV_SEG_RFM_RECENCY_BINS && param <= LTV_SEG_RFM_MONETARY_BINS && value == 1)
        return ltv__fail(LTV_ERANGE, "%s 1 is not 0 (use LTV_SEG_RFM_BINS) or 2..%d",
                         ltv__segment_setting_items[param].name, LTV_RFM_MAX_BINS);
    cfg->params[param] = value;
    return LTV_OK;
}

int ltv_segment_config_get_i64(const ltv_segment_config *cfg, int param, int64_t *out_value) {
    LTV_REQUIRE(cfg, "ltv_segment_config_get_i64");
    return ltv__settings_get(&ltv__segment_settings, "ltv_segment_config_get_i64", cfg->params, param, out_value);
}

const char *ltv_segment_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&ltv__segment_settings, "ltv_segment_param_info", param, out_min, out_max);
}

int ltv_segment_config_set_thresholds(ltv_segment_config *cfg, int metric, const int64_t *thresholds, size_t count) {
    LTV_REQUIRE(cfg, "ltv_segment_config_set_thresholds");
    LTV_REQUIRE(thresholds, "ltv_segment_config_set_thresholds");
    if (metric < LTV_RFM_RECENCY || metric > LTV_RFM_MONETARY)
        return ltv__fail(LTV_EINVAL, "ltv_segment_config_set_thresholds: metric %d is not 0..2", metric);
    if (count < 1 || count > LTV_RFM_MAX_BINS - 1)
        return ltv__fail(LTV_ERANGE, "ltv_segment_config_set_thresholds: %zu thresholds, want 1..%d", count,
                         LTV_RFM_MAX_BINS - 1);
    for (size_t i = 1; i < count; i++)
        if (thresholds[i] <= thresholds[i - 1])
            return ltv__fail(LTV_ERANGE, "ltv_segment_config_set_thresholds: threshold %zu (%lld) is not above the one "
                             "before (%lld)", i, (long long)thresholds[i], (long long)thresholds[i - 1]);
    memcpy(cfg->thresholds[metric], thresholds, count * sizeof *thresholds);
    cfg->threshold_count[metric] = count;
    return LTV_OK;
}

int ltv_segment_config_clear_presets(ltv_segment_config *cfg) {
    LTV_REQUIRE(cfg, "ltv_segment_config_clear_presets");
    release_presets(cfg);
    cfg->default_presets = false;
    return LTV_OK;
}

int ltv_segment_config_add_preset(ltv_segment_config *cfg, const char *name_en, size_t name_en_len,
                                  const char *name_ja, size_t name_ja_len, int r_min, int r_max, int f_min, int f_max,
                                  int m_min, int m_max) {
    LTV_REQUIRE(cfg, "ltv_segment_config_add_preset");
    LTV_REQUIRE(name_en, "ltv_segment_config_add_preset");
    LTV_REQUIRE(name_ja, "ltv_segment_config_add_preset");
    if (name_en_len < 1 || name_en_len > 64)
        return ltv__fail(LTV_ERANGE, "ltv_segment_config_add_preset: English name of %zu bytes, want 1..64", name_en_len);
    if (name_ja_len < 1 || name_ja_len > 128)
        return ltv__fail(LTV_ERANGE, "ltv_segment_config_add_preset: Japanese name of %zu bytes, want 1..128",
                         name_ja_len);
    if (!ltv__utf8_valid(name_en, name_en_len, NULL) || !ltv__utf8_valid(name_ja, name_ja_len, NULL))
        return ltv__fail(LTV_EENCODING, "ltv_segment_config_add_preset: a name is not valid UTF-8");
    const int bounds[6] = {r_min, r_max, f_min, f_max, m_min, m_max};
    static const char *const metric[3] = {"recency", "frequency", "monetary"};
    for (int k = 0; k < 3; k++) {
        int lo = bounds[2 * k], hi = bounds[2 * k + 1];
        if (lo < 1 || hi > LTV_RFM_MAX_BINS || lo > hi)
            return ltv__fail(LTV_ERANGE, "ltv_segment_config_add_preset: %s range %d..%d is not within 1..%d with "
                             "min <= max", metric[k], lo, hi, LTV_RFM_MAX_BINS);
    }
    if (cfg->preset_count >= LTV_PRESETS_MAX)
        return ltv__fail(LTV_ERANGE, "ltv_segment_config_add_preset: at most %d named segments", LTV_PRESETS_MAX);
    const uint8_t ranges[6] = {(uint8_t)r_min, (uint8_t)r_max, (uint8_t)f_min, (uint8_t)f_max, (uint8_t)m_min,
                               (uint8_t)m_max};
    int status = ltv__segment_config_append(cfg, name_en, name_en_len, name_ja, name_ja_len, ranges);
    if (status == LTV_OK) cfg->default_presets = false;
    return status;
}

int ltv_segment_config_set_model(ltv_segment_config *cfg, const ltv_predict_fit *fit, const ltv_predict_fit *spend_fit,
                                 int unit, const ltv_predict_options *opts) {
    LTV_REQUIRE(cfg, "ltv_segment_config_set_model");
    if (unit < LTV_UNIT_DAY || unit > LTV_UNIT_MONTH)
        return ltv__fail(LTV_EINVAL, "ltv_segment_config_set_model: unit %d is not an ltv_time_unit (0..2)", unit);
    ltv_predict_fit_info info;
    if (fit && (ltv_predict_fit_info_get(fit, &info, sizeof info) != LTV_OK || info.model == LTV_MODEL_GAMMA_GAMMA))
        return ltv__fail(LTV_EINVAL, "ltv_segment_config_set_model: fit must be a purchase model (BG/NBD, Pareto/NBD, "
                                     "MBG/NBD), not Gamma-Gamma");
    if (spend_fit &&
        (ltv_predict_fit_info_get(spend_fit, &info, sizeof info) != LTV_OK || info.model != LTV_MODEL_GAMMA_GAMMA))
        return ltv__fail(LTV_EINVAL, "ltv_segment_config_set_model: spend_fit must be a Gamma-Gamma model");
    cfg->fit = fit;
    cfg->spend_fit = fit ? spend_fit : NULL;
    cfg->predict_opts = fit ? opts : NULL;
    cfg->predict_unit = unit;
    if (fit) cfg->given_p_alive = cfg->given_before = cfg->given_clv = NULL; /* one source of P(alive) */
    return LTV_OK;
}

int ltv_segment_config_set_p_alive(ltv_segment_config *cfg, const double *p_alive, const double *p_alive_before,
                                   const double *predicted_clv, size_t count) {
    LTV_REQUIRE(cfg, "ltv_segment_config_set_p_alive");
    cfg->given_p_alive = p_alive;
    cfg->given_before = p_alive ? p_alive_before : NULL;
    cfg->given_clv = p_alive ? predicted_clv : NULL;
    cfg->given_count = p_alive ? count : 0;
    if (p_alive) cfg->fit = cfg->spend_fit = NULL, cfg->predict_opts = NULL; /* one source of P(alive) */
    return LTV_OK;
}
