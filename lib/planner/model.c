/* The planner's model: channels, thresholds, scenarios and steps, with every value
 * range-checked when it is set so that a planner never holds an impossible step. */
#include <string.h>

#include "planner_internal.h"
#include "segment_internal.h"

/* The state and rank thresholds are the segmentation's settings under the planner's names:
 * the same bounds and defaults, declared once (lib/segment/config.c). */
#define SEGMENTATION(param) (&ltv__segment_setting_items[param])

static const ltv__setting param_items[LTV__PLAN_PARAM_COUNT] = {
    [LTV_PLAN_DORMANT_DAYS] = {.name = "LTV_PLAN_DORMANT_DAYS", .same_as = SEGMENTATION(LTV_SEG_DORMANT_DAYS)},
    [LTV_PLAN_FAN_MIN_ORDERS] = {.name = "LTV_PLAN_FAN_MIN_ORDERS", .same_as = SEGMENTATION(LTV_SEG_FAN_MIN_ORDERS)},
    [LTV_PLAN_FAN_MIN_TENURE_DAYS] = {.name = "LTV_PLAN_FAN_MIN_TENURE_DAYS",
                                      .same_as = SEGMENTATION(LTV_SEG_FAN_MIN_TENURE_DAYS)},
    [LTV_PLAN_EXCELLENT_MIN_ORDERS] = {.name = "LTV_PLAN_EXCELLENT_MIN_ORDERS",
                                       .same_as = SEGMENTATION(LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS)},
    [LTV_PLAN_SEMI_MIN_ORDERS] = {.name = "LTV_PLAN_SEMI_MIN_ORDERS",
                                  .same_as = SEGMENTATION(LTV_SEG_SEMI_MIN_YEAR_ORDERS)},
    [LTV_PLAN_TIMING_MIN_CUSTOMERS] = LTV__SETTING("LTV_PLAN_TIMING_MIN_CUSTOMERS", 1, 1000000, 30),
    [LTV_PLAN_TIMING_WINDOW_DAYS] = LTV__SETTING("LTV_PLAN_TIMING_WINDOW_DAYS", 1, 30, 7),
    [LTV_PLAN_CANCEL_IS_DORMANT] = {.name = "LTV_PLAN_CANCEL_IS_DORMANT",
                                    .same_as = SEGMENTATION(LTV_SEG_CANCEL_IS_DORMANT)},
    [LTV_PLAN_ACTIVITY] = {.name = "LTV_PLAN_ACTIVITY", .same_as = SEGMENTATION(LTV_SEG_ACTIVITY)},
    [LTV_PLAN_FALLING_DAYS] = LTV__SETTING("LTV_PLAN_FALLING_DAYS", 1, 36500, 30),
    [LTV_PLAN_FALLING_DROP_PERMILLE] = {.name = "LTV_PLAN_FALLING_DROP_PERMILLE",
                                        .same_as = SEGMENTATION(LTV_SEG_FALLING_DROP_PERMILLE)},
};

const ltv__settings ltv__plan_settings = {"ltv_plan_param", param_items, LTV__PLAN_PARAM_COUNT};

/* Per-channel values: a new planner enables the channels of the built-in scenarios itself. */
static const ltv__setting channel_items[] = {
    [LTV_CHANNEL_ENABLED] = LTV__SETTING("LTV_CHANNEL_ENABLED", 0, 1, 0),
    [LTV_CHANNEL_WEEKLY_CAP] = LTV__SETTING("LTV_CHANNEL_WEEKLY_CAP", 0, LTV__WEEKLY_CAP_MAX, 0), /* 0: no cap */
};

static const ltv__settings channel_settings = {"ltv_channel_param", channel_items,
                                               (int)(sizeof channel_items / sizeof channel_items[0])};

/* Step fields; the defaults are what ltv_planner_add_step() leaves in the fields it does not take. */
static const ltv__setting field_items[] = {
    [LTV_STEP_DAY] = LTV__SETTING("LTV_STEP_DAY", 0, LTV_PLAN_DAY_MAX, 0),
    [LTV_STEP_CHANNEL] = LTV__SETTING("LTV_STEP_CHANNEL", 0, LTV_CHANNEL_COUNT - 1, 0),
    [LTV_STEP_STAGE] = LTV__SETTING("LTV_STEP_STAGE", 0, LTV__STAGE_COUNT - 1, 0),
    [LTV_STEP_ACTION] = LTV__SETTING("LTV_STEP_ACTION", 0, LTV__ACTION_COUNT - 1, 0),
    [LTV_STEP_OFFER] = LTV__SETTING("LTV_STEP_OFFER", 0, LTV__OFFER_COUNT - 1, 0),
    [LTV_STEP_STATES] = LTV__SETTING("LTV_STEP_STATES", 0, LTV__MASK_ALL, 0),
    [LTV_STEP_RANKS] = LTV__SETTING("LTV_STEP_RANKS", 0, LTV__MASK_ALL, 0),
    [LTV_STEP_MIN_ORDERS] = LTV__SETTING("LTV_STEP_MIN_ORDERS", 0, LTV__ORDERS_MAX, 0),
    [LTV_STEP_MAX_ORDERS] = LTV__SETTING("LTV_STEP_MAX_ORDERS", -1, LTV__ORDERS_MAX, -1),
    [LTV_STEP_BEFORE_SECOND_PURCHASE] = LTV__SETTING("LTV_STEP_BEFORE_SECOND_PURCHASE", 0, 1, 0),
    [LTV_STEP_MIN_ORDER_VALUE] = LTV__SETTING("LTV_STEP_MIN_ORDER_VALUE", 0, INT64_MAX, 0),
    [LTV_STEP_STOP] = LTV__SETTING("LTV_STEP_STOP", 0, LTV__STOP_ALL, 0),
    [LTV_STEP_ALIVE_FALLING] = LTV__SETTING("LTV_STEP_ALIVE_FALLING", 0, 1, 0),
};

const ltv__settings ltv__plan_step_fields = {"ltv_step_field", field_items,
                                             (int)(sizeof field_items / sizeof field_items[0])};

const char *ltv_planner_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&ltv__plan_settings, "ltv_planner_param_info", param, out_min, out_max);
}

const char *ltv_planner_channel_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&channel_settings, "ltv_planner_channel_param_info", param, out_min, out_max);
}

const char *ltv_planner_step_field_info(int field, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&ltv__plan_step_fields, "ltv_planner_step_field_info", field, out_min, out_max);
}

int64_t ltv__plan_step_field(const ltv__plan_step *step, int field) {
    switch (field) {
    case LTV_STEP_DAY: return step->day;
    case LTV_STEP_CHANNEL: return step->channel;
    case LTV_STEP_STAGE: return step->stage;
    case LTV_STEP_ACTION: return step->action;
    case LTV_STEP_OFFER: return step->offer;
    case LTV_STEP_STATES: return step->states;
    case LTV_STEP_RANKS: return step->ranks;
    case LTV_STEP_MIN_ORDERS: return step->min_orders;
    case LTV_STEP_MAX_ORDERS: return step->max_orders;
    case LTV_STEP_BEFORE_SECOND_PURCHASE: return step->before_second;
    case LTV_STEP_MIN_ORDER_VALUE: return step->min_order_value;
    case LTV_STEP_STOP: return step->stop;
    case LTV_STEP_ALIVE_FALLING: return step->alive_falling;
    default: return 0;
    }
}

/* The value has been range-checked against ltv__plan_step_fields, so every narrowing below is exact. */
void ltv__plan_step_store(ltv__plan_step *step, int field, int64_t value) {
    int32_t v32 = (int32_t)value;
    switch (field) {
    case LTV_STEP_DAY: step->day = v32; break;
    case LTV_STEP_CHANNEL: step->channel = v32; break;
    case LTV_STEP_STAGE: step->stage = v32; break;
    case LTV_STEP_ACTION: step->action = v32; break;
    case LTV_STEP_OFFER: step->offer = v32; break;
    case LTV_STEP_STATES: step->states = v32; break;
    case LTV_STEP_RANKS: step->ranks = v32; break;
    case LTV_STEP_MIN_ORDERS: step->min_orders = v32; break;
    case LTV_STEP_MAX_ORDERS: step->max_orders = v32; break;
    case LTV_STEP_BEFORE_SECOND_PURCHASE: step->before_second = v32; break;
    case LTV_STEP_MIN_ORDER_VALUE: step->min_order_value = value; break;
    case LTV_STEP_STOP: step->stop = v32; break;
    case LTV_STEP_ALIVE_FALLING: step->alive_falling = v32; break;
    default: break;
    }
}

int ltv__plan_check_name(const char *func, const char *what, const char *name, size_t len) {
    if (!name) return ltv__fail(LTV_EINVAL, "%s: %s is NULL", func, what);
    if (len == 0 || len > LTV_PLAN_NAME_MAX)
        return ltv__fail(LTV_ERANGE, "%s: %s length %zu is outside 1..%d bytes", func, what, len, LTV_PLAN_NAME_MAX);
    size_t bad;
    if (!ltv__utf8_valid(name, len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: %s is not valid UTF-8 (byte %zu)", func, what, bad);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (ch <= 0x20 || ch == 0x7F || ch == '"' || ch == '=' || ch == '#')
            return ltv__fail(LTV_EINVAL,
                             "%s: %s '%.*s' has a character not allowed in names at byte %zu "
                             "(no spaces, control characters, '\"', '=' or '#')",
                             func, what, (int)len, name, i);
    }
    return LTV_OK;
}

int ltv__plan_check_text(const char *func, const char *what, const char *text, size_t len) {
    if (!text && len) return ltv__fail(LTV_EINVAL, "%s: %s is NULL but its length is %zu", func, what, len);
    if (len > LTV_PLAN_TEXT_MAX)
        return ltv__fail(LTV_ERANGE, "%s: %s length %zu is above %d bytes", func, what, len, LTV_PLAN_TEXT_MAX);
    size_t bad;
    if (len && !ltv__utf8_valid(text, len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: %s is not valid UTF-8 (byte %zu)", func, what, bad);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F)
            return ltv__fail(LTV_EINVAL, "%s: %s has control character 0x%02X at byte %zu", func, what, ch, i);
    }
    return LTV_OK;
}

/* Replace an owned optional string; NULL for empty. */
static int replace_text(char **slot, size_t *slot_len, const char *text, size_t len) {
    char *copy = NULL;
    if (len) {
        copy = ltv__strndup(text, len);
        if (!copy) return LTV_ENOMEM;
    }
    ltv__free(*slot);
    *slot = copy;
    *slot_len = len;
    return LTV_OK;
}

int ltv_planner_new(ltv_planner **out) {
    LTV_REQUIRE(out, "ltv_planner_new");
    *out = NULL;
    ltv_planner *planner = ltv__calloc(1, sizeof *planner);
    if (!planner) return ltv__fail(LTV_ENOMEM, "ltv_planner_new: out of memory");
    ltv__settings_defaults(&ltv__plan_settings, planner->params);
    *out = planner;
    return LTV_OK;
}

static void free_step(ltv__plan_step *step) {
    ltv__free(step->name);
    ltv__free(step->note);
}

static void free_scenario(ltv__plan_scenario *scenario) {
    for (size_t i = 0; i < scenario->n_steps; i++) free_step(&scenario->steps[i]);
    ltv__free(scenario->steps);
    ltv__free(scenario->name);
}

void ltv_planner_free(ltv_planner *planner) {
    if (!planner) return;
    for (size_t i = 0; i < planner->n_scenarios; i++) free_scenario(&planner->scenarios[i]);
    ltv__free(planner->scenarios);
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) ltv__free(planner->channels[c].role);
    ltv__free(planner);
}

/* ---- thresholds ---- */

/* The two rank thresholds must keep semi-excellent below excellent. */
static int check_rank_pair(const ltv_planner *planner, const char *func, int param, int64_t value) {
    if (param == LTV_PLAN_SEMI_MIN_ORDERS && value >= planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS])
        return ltv__fail(LTV_ERANGE, "%s: LTV_PLAN_SEMI_MIN_ORDERS value %lld must be below LTV_PLAN_EXCELLENT_MIN_ORDERS (%lld)",
                         func, (long long)value, (long long)planner->params[LTV_PLAN_EXCELLENT_MIN_ORDERS]);
    if (param == LTV_PLAN_EXCELLENT_MIN_ORDERS && value <= planner->params[LTV_PLAN_SEMI_MIN_ORDERS])
        return ltv__fail(LTV_ERANGE, "%s: LTV_PLAN_EXCELLENT_MIN_ORDERS value %lld must be above LTV_PLAN_SEMI_MIN_ORDERS (%lld)",
                         func, (long long)value, (long long)planner->params[LTV_PLAN_SEMI_MIN_ORDERS]);
    return LTV_OK;
}

int ltv_planner_set_i64(ltv_planner *planner, int param, int64_t value) {
    static const char func[] = "ltv_planner_set_i64";
    LTV_REQUIRE(planner, func);
    int status = ltv__settings_check(&ltv__plan_settings, func, param, value);
    if (status == LTV_OK) status = check_rank_pair(planner, func, param, value);
    if (status == LTV_OK) planner->params[param] = value;
    return status;
}

int ltv_planner_get_i64(const ltv_planner *planner, int param, int64_t *out_value) {
    LTV_REQUIRE(planner, "ltv_planner_get_i64");
    return ltv__settings_get(&ltv__plan_settings, "ltv_planner_get_i64", planner->params, param, out_value);
}

/* The planner's thresholds that are the segmentation's settings, as (planner, segmentation). */
static const int shared_with_segmentation[][2] = {
    {LTV_PLAN_DORMANT_DAYS, LTV_SEG_DORMANT_DAYS},
    {LTV_PLAN_CANCEL_IS_DORMANT, LTV_SEG_CANCEL_IS_DORMANT},
    {LTV_PLAN_FAN_MIN_ORDERS, LTV_SEG_FAN_MIN_ORDERS},
    {LTV_PLAN_FAN_MIN_TENURE_DAYS, LTV_SEG_FAN_MIN_TENURE_DAYS},
    {LTV_PLAN_EXCELLENT_MIN_ORDERS, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS},
    {LTV_PLAN_SEMI_MIN_ORDERS, LTV_SEG_SEMI_MIN_YEAR_ORDERS},
    {LTV_PLAN_ACTIVITY, LTV_SEG_ACTIVITY},
};
#define SHARED_COUNT (sizeof shared_with_segmentation / sizeof shared_with_segmentation[0])

int ltv_planner_use_segment_config(ltv_planner *planner, const ltv_segment_config *cfg) {
    LTV_REQUIRE(planner, "ltv_planner_use_segment_config");
    ltv_segment_config *defaults = NULL;
    if (!cfg) {
        int status = ltv_segment_config_new(&defaults);
        if (status != LTV_OK) return status;
        cfg = defaults;
    }
    /* The bounds are the same settings; the semi < excellent order is only checked when a
     * segmentation runs, so check it here before taking anything. */
    int64_t semi = 0, excellent = 0;
    ltv_segment_config_get_i64(cfg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, &semi);
    ltv_segment_config_get_i64(cfg, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS, &excellent);
    if (semi >= excellent) {
        ltv_segment_config_free(defaults);
        return ltv__fail(LTV_ERANGE, "ltv_planner_use_segment_config: LTV_SEG_SEMI_MIN_YEAR_ORDERS %lld must be below "
                         "LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS %lld", (long long)semi, (long long)excellent);
    }
    for (size_t i = 0; i < SHARED_COUNT; i++) {
        int64_t value = planner->params[shared_with_segmentation[i][0]];
        ltv_segment_config_get_i64(cfg, shared_with_segmentation[i][1], &value);
        planner->params[shared_with_segmentation[i][0]] = value;
    }
    ltv_segment_config_free(defaults);
    return LTV_OK;
}

int ltv_planner_to_segment_config(const ltv_planner *planner, ltv_segment_config *cfg) {
    LTV_REQUIRE(planner, "ltv_planner_to_segment_config");
    LTV_REQUIRE(cfg, "ltv_planner_to_segment_config");
    /* the same bounds (same_as), so no value can be refused */
    for (size_t i = 0; i < SHARED_COUNT; i++)
        ltv_segment_config_set_i64(cfg, shared_with_segmentation[i][1], planner->params[shared_with_segmentation[i][0]]);
    return LTV_OK;
}

/* ---- channels ---- */

static int check_channel(const char *func, int channel) {
    if (channel < 0 || channel >= LTV_CHANNEL_COUNT)
        return ltv__fail(LTV_EINVAL, "%s: channel %d is not an ltv_channel (0..%d)", func, channel,
                         LTV_CHANNEL_COUNT - 1);
    return LTV_OK;
}

int ltv_planner_channel_set_i64(ltv_planner *planner, int channel, int param, int64_t value) {
    static const char func[] = "ltv_planner_channel_set_i64";
    LTV_REQUIRE(planner, func);
    int status = check_channel(func, channel);
    if (status == LTV_OK) status = ltv__settings_check(&channel_settings, func, param, value);
    if (status != LTV_OK) return status;
    ltv__plan_channel *ch = &planner->channels[channel];
    if (param == LTV_CHANNEL_ENABLED) ch->enabled = (int32_t)value;
    else ch->weekly_cap = (int32_t)value; /* both in int32 range: checked above */
    return LTV_OK;
}

int ltv_planner_channel_get_i64(const ltv_planner *planner, int channel, int param, int64_t *out_value) {
    static const char func[] = "ltv_planner_channel_get_i64";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(out_value, func);
    int status = check_channel(func, channel);
    if (status == LTV_OK) status = ltv__settings_check_key(&channel_settings, func, param);
    if (status != LTV_OK) return status;
    const ltv__plan_channel *ch = &planner->channels[channel];
    *out_value = param == LTV_CHANNEL_ENABLED ? ch->enabled : ch->weekly_cap;
    return LTV_OK;
}

int ltv_planner_channel_set_role(ltv_planner *planner, int channel, const char *role, size_t len) {
    static const char func[] = "ltv_planner_channel_set_role";
    LTV_REQUIRE(planner, func);
    int status = check_channel(func, channel);
    if (status == LTV_OK) status = ltv__plan_check_text(func, "role", role, len);
    if (status != LTV_OK) return status;
    ltv__plan_channel *ch = &planner->channels[channel];
    if (replace_text(&ch->role, &ch->role_len, role, len) != LTV_OK)
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    return LTV_OK;
}

int ltv_planner_channel_role(const ltv_planner *planner, int channel, const char **out_role, size_t *out_len) {
    static const char func[] = "ltv_planner_channel_role";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(out_role, func);
    int status = check_channel(func, channel);
    if (status != LTV_OK) return status;
    const ltv__plan_channel *ch = &planner->channels[channel];
    *out_role = ch->role ? ch->role : "";
    if (out_len) *out_len = ch->role_len;
    return LTV_OK;
}

/* ---- scenarios ---- */

static int check_scenario_index(const char *func, const ltv_planner *planner, size_t scenario) {
    if (scenario >= planner->n_scenarios)
        return ltv__fail(LTV_ERANGE, "%s: scenario index %zu is outside 0..%zu (%zu scenarios)", func, scenario,
                         planner->n_scenarios ? planner->n_scenarios - 1 : 0, planner->n_scenarios);
    return LTV_OK;
}

static int check_step_index(const char *func, const ltv_planner *planner, size_t scenario, size_t step) {
    int status = check_scenario_index(func, planner, scenario);
    if (status != LTV_OK) return status;
    const ltv__plan_scenario *sc = &planner->scenarios[scenario];
    if (step >= sc->n_steps)
        return ltv__fail(LTV_ERANGE, "%s: step index %zu is outside 0..%zu (scenario '%s' has %zu steps)", func, step,
                         sc->n_steps ? sc->n_steps - 1 : 0, sc->name, sc->n_steps);
    return LTV_OK;
}

static bool find_scenario(const ltv_planner *planner, const char *name, size_t len, size_t *out) {
    for (size_t i = 0; i < planner->n_scenarios; i++) {
        const ltv__plan_scenario *sc = &planner->scenarios[i];
        if (sc->name_len == len && memcmp(sc->name, name, len) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

static bool find_step(const ltv__plan_scenario *sc, const char *name, size_t len, size_t *out) {
    for (size_t i = 0; i < sc->n_steps; i++) {
        if (sc->steps[i].name_len == len && memcmp(sc->steps[i].name, name, len) == 0) {
            *out = i;
            return true;
        }
    }
    return false;
}

int ltv_planner_add_scenario(ltv_planner *planner, const char *name, size_t len, int trigger, size_t *out_scenario) {
    static const char func[] = "ltv_planner_add_scenario";
    LTV_REQUIRE(planner, func);
    int status = ltv__plan_check_name(func, "name", name, len);
    if (status != LTV_OK) return status;
    if (trigger < 0 || trigger >= LTV__TRIGGER_COUNT)
        return ltv__fail(LTV_EINVAL, "%s: trigger %d is not an ltv_trigger (0..%d)", func, trigger,
                         LTV__TRIGGER_COUNT - 1);
    size_t existing;
    if (find_scenario(planner, name, len, &existing))
        return ltv__fail(LTV_EINVAL, "%s: duplicate scenario name '%.*s' (already scenario %zu)", func, (int)len, name,
                         existing);
    if (planner->n_scenarios >= LTV_PLAN_MAX_SCENARIOS)
        return ltv__fail(LTV_ERANGE, "%s: the planner already has the maximum of %d scenarios", func,
                         LTV_PLAN_MAX_SCENARIOS);
    if (planner->n_scenarios == planner->cap_scenarios) {
        size_t cap = planner->cap_scenarios ? planner->cap_scenarios * 2 : 8;
        ltv__plan_scenario *grown = ltv__realloc_array(planner->scenarios, cap, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        planner->scenarios = grown;
        planner->cap_scenarios = cap;
    }
    ltv__plan_scenario sc = {0};
    sc.name = ltv__strndup(name, len);
    if (!sc.name) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    sc.name_len = len;
    sc.trigger = trigger;
    planner->scenarios[planner->n_scenarios] = sc;
    if (out_scenario) *out_scenario = planner->n_scenarios;
    planner->n_scenarios++;
    return LTV_OK;
}

int ltv_planner_remove_scenario(ltv_planner *planner, size_t scenario) {
    static const char func[] = "ltv_planner_remove_scenario";
    LTV_REQUIRE(planner, func);
    int status = check_scenario_index(func, planner, scenario);
    if (status != LTV_OK) return status;
    free_scenario(&planner->scenarios[scenario]);
    memmove(&planner->scenarios[scenario], &planner->scenarios[scenario + 1],
            (planner->n_scenarios - scenario - 1) * sizeof planner->scenarios[0]);
    planner->n_scenarios--;
    return LTV_OK;
}

size_t ltv_planner_scenario_count(const ltv_planner *planner) { return planner ? planner->n_scenarios : 0; }

int ltv_planner_scenario_info(const ltv_planner *planner, size_t scenario, const char **out_name, size_t *out_len,
                              int *out_trigger, size_t *out_steps) {
    static const char func[] = "ltv_planner_scenario_info";
    LTV_REQUIRE(planner, func);
    int status = check_scenario_index(func, planner, scenario);
    if (status != LTV_OK) return status;
    const ltv__plan_scenario *sc = &planner->scenarios[scenario];
    if (out_name) *out_name = sc->name;
    if (out_len) *out_len = sc->name_len;
    if (out_trigger) *out_trigger = sc->trigger;
    if (out_steps) *out_steps = sc->n_steps;
    return LTV_OK;
}

int ltv_planner_find_scenario(const ltv_planner *planner, const char *name, size_t len, size_t *out_scenario) {
    static const char func[] = "ltv_planner_find_scenario";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(name, func);
    LTV_REQUIRE(out_scenario, func);
    if (!find_scenario(planner, name, len, out_scenario))
        return ltv__fail(LTV_ENOTFOUND, "%s: no scenario named '%.*s'", func, (int)(len > 200 ? 200 : len), name);
    return LTV_OK;
}

void ltv__plan_set_scenario_line(ltv_planner *planner, size_t scenario, uint32_t line) {
    planner->scenarios[scenario].line = line;
}

void ltv__plan_set_step_line(ltv_planner *planner, size_t scenario, size_t step, uint32_t line) {
    planner->scenarios[scenario].steps[step].line = line;
}

/* ---- steps ---- */

int ltv_planner_add_step(ltv_planner *planner, size_t scenario, const char *name, size_t len, int32_t day, int channel,
                         int stage, int action, int offer, size_t *out_step) {
    static const char func[] = "ltv_planner_add_step";
    LTV_REQUIRE(planner, func);
    int status = check_scenario_index(func, planner, scenario);
    if (status == LTV_OK) status = ltv__plan_check_name(func, "name", name, len);
    if (status != LTV_OK) return status;
    const struct {
        int field;
        int64_t value;
    } core[] = {{LTV_STEP_DAY, day},
                {LTV_STEP_CHANNEL, channel},
                {LTV_STEP_STAGE, stage},
                {LTV_STEP_ACTION, action},
                {LTV_STEP_OFFER, offer}};
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++) {
        status = ltv__settings_check(&ltv__plan_step_fields, func, core[i].field, core[i].value);
        if (status != LTV_OK) return status;
    }
    ltv__plan_scenario *sc = &planner->scenarios[scenario];
    size_t existing;
    if (find_step(sc, name, len, &existing))
        return ltv__fail(LTV_EINVAL, "%s: duplicate step name '%.*s' in scenario '%s' (already step %zu)", func,
                         (int)len, name, sc->name, existing);
    if (sc->n_steps >= LTV_PLAN_MAX_STEPS)
        return ltv__fail(LTV_ERANGE, "%s: scenario '%s' already has the maximum of %d steps", func, sc->name,
                         LTV_PLAN_MAX_STEPS);
    if (sc->n_steps == sc->cap_steps) {
        size_t cap = sc->cap_steps ? sc->cap_steps * 2 : 8;
        ltv__plan_step *grown = ltv__realloc_array(sc->steps, cap, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
        sc->steps = grown;
        sc->cap_steps = cap;
    }
    ltv__plan_step st = {0};
    st.name = ltv__strndup(name, len);
    if (!st.name) return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    st.name_len = len;
    st.day = day;
    st.channel = channel;
    st.stage = stage;
    st.action = action;
    st.offer = offer;
    st.max_orders = -1;
    sc->steps[sc->n_steps] = st;
    if (out_step) *out_step = sc->n_steps;
    sc->n_steps++;
    return LTV_OK;
}

int ltv_planner_remove_step(ltv_planner *planner, size_t scenario, size_t step) {
    static const char func[] = "ltv_planner_remove_step";
    LTV_REQUIRE(planner, func);
    int status = check_step_index(func, planner, scenario, step);
    if (status != LTV_OK) return status;
    ltv__plan_scenario *sc = &planner->scenarios[scenario];
    free_step(&sc->steps[step]);
    memmove(&sc->steps[step], &sc->steps[step + 1], (sc->n_steps - step - 1) * sizeof sc->steps[0]);
    sc->n_steps--;
    return LTV_OK;
}

int ltv_planner_find_step(const ltv_planner *planner, size_t scenario, const char *name, size_t len,
                          size_t *out_step) {
    static const char func[] = "ltv_planner_find_step";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(name, func);
    LTV_REQUIRE(out_step, func);
    int status = check_scenario_index(func, planner, scenario);
    if (status != LTV_OK) return status;
    const ltv__plan_scenario *sc = &planner->scenarios[scenario];
    if (!find_step(sc, name, len, out_step))
        return ltv__fail(LTV_ENOTFOUND, "%s: scenario '%s' has no step named '%.*s'", func, sc->name,
                         (int)(len > 200 ? 200 : len), name);
    return LTV_OK;
}

int ltv_planner_step_set_i64(ltv_planner *planner, size_t scenario, size_t step, int field, int64_t value) {
    static const char func[] = "ltv_planner_step_set_i64";
    LTV_REQUIRE(planner, func);
    int status = ltv__settings_check_key(&ltv__plan_step_fields, func, field);
    if (status == LTV_OK) status = check_step_index(func, planner, scenario, step);
    if (status == LTV_OK) status = ltv__settings_check(&ltv__plan_step_fields, func, field, value);
    if (status != LTV_OK) return status;
    ltv__plan_step_store(&planner->scenarios[scenario].steps[step], field, value);
    return LTV_OK;
}

int ltv_planner_step_get_i64(const ltv_planner *planner, size_t scenario, size_t step, int field,
                             int64_t *out_value) {
    static const char func[] = "ltv_planner_step_get_i64";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(out_value, func);
    int status = ltv__settings_check_key(&ltv__plan_step_fields, func, field);
    if (status == LTV_OK) status = check_step_index(func, planner, scenario, step);
    if (status != LTV_OK) return status;
    *out_value = ltv__plan_step_field(&planner->scenarios[scenario].steps[step], field);
    return LTV_OK;
}

int ltv_planner_step_set_note(ltv_planner *planner, size_t scenario, size_t step, const char *note, size_t len) {
    static const char func[] = "ltv_planner_step_set_note";
    LTV_REQUIRE(planner, func);
    int status = check_step_index(func, planner, scenario, step);
    if (status == LTV_OK) status = ltv__plan_check_text(func, "note", note, len);
    if (status != LTV_OK) return status;
    ltv__plan_step *st = &planner->scenarios[scenario].steps[step];
    if (replace_text(&st->note, &st->note_len, note, len) != LTV_OK)
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    return LTV_OK;
}

int ltv_planner_step_text(const ltv_planner *planner, size_t scenario, size_t step, const char **out_name,
                          size_t *out_name_len, const char **out_note, size_t *out_note_len) {
    static const char func[] = "ltv_planner_step_text";
    LTV_REQUIRE(planner, func);
    int status = check_step_index(func, planner, scenario, step);
    if (status != LTV_OK) return status;
    const ltv__plan_step *st = &planner->scenarios[scenario].steps[step];
    if (out_name) *out_name = st->name;
    if (out_name_len) *out_name_len = st->name_len;
    if (out_note) *out_note = st->note ? st->note : "";
    if (out_note_len) *out_note_len = st->note_len;
    return LTV_OK;
}
