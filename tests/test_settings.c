/* The enum-keyed settings of every family: what *_param_info says is what the setter takes,
 * the messages have one shape, and the planner's thresholds are the segmentation's. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <ltvcrm/ltvcrm.h>

/* One family, driven through function pointers so that every family gets the same checks. */
typedef struct family {
    const char *name;
    int count;
    const char *(*info)(int, int64_t *, int64_t *);
    int (*set)(void *, int, int64_t);
    int (*get)(const void *, int, int64_t *);
    void *object;
} family;

static int seg_set(void *o, int p, int64_t v) { return ltv_segment_config_set_i64(o, p, v); }
static int seg_get(const void *o, int p, int64_t *v) { return ltv_segment_config_get_i64(o, p, v); }
static int csv_set(void *o, int p, int64_t v) { return ltv_csv_options_set_i64(o, p, v); }
static int csv_get(const void *o, int p, int64_t *v) { return ltv_csv_options_get_i64(o, p, v); }
static int health_set(void *o, int p, int64_t v) { return ltv_health_config_set_i64(o, p, v); }
static int health_get(const void *o, int p, int64_t *v) { return ltv_health_config_get_i64(o, p, v); }
static int matrix_set(void *o, int p, int64_t v) { return ltv_matrix_set_i64(o, p, v); }
static int matrix_get(const void *o, int p, int64_t *v) { return ltv_matrix_get_i64(o, p, v); }
static int plan_set(void *o, int p, int64_t v) { return ltv_planner_set_i64(o, p, v); }
static int plan_get(const void *o, int p, int64_t *v) { return ltv_planner_get_i64(o, p, v); }

static void check_family(const family *f) {
    for (int p = 0; p < f->count; p++) {
        int64_t min = 0, max = 0, value = 0;
        const char *name = f->info(p, &min, &max);
        cr_assert_not_null(name, "%s %d has no name", f->name, p);
        cr_assert(min <= max, "%s bounds", name);
        cr_assert_eq(f->get(f->object, p, &value), LTV_OK, "%s", ltv_last_error());
        cr_assert(value >= min && value <= max, "%s default %" PRId64 " is outside its bounds", name, value);
        const int64_t def = value;
        if (!strcmp(name, "LTV_CSV_DELIMITER")) continue; /* a set of characters, checked below */
        /* the semi-excellent limit of the planner must stay below the excellent one */
        if (!strcmp(name, "LTV_PLAN_SEMI_MIN_ORDERS") || !strcmp(name, "LTV_PLAN_EXCELLENT_MIN_ORDERS")) continue;
        cr_assert_eq(f->set(f->object, p, min), LTV_OK, "%s min: %s", name, ltv_last_error());
        cr_assert_eq(f->set(f->object, p, max), LTV_OK, "%s max: %s", name, ltv_last_error());
        char want[160];
        if (min > INT64_MIN) {
            cr_assert_eq(f->set(f->object, p, min - 1), LTV_ERANGE, "%s below", name);
            snprintf(want, sizeof want, "%s %" PRId64 " is outside %" PRId64 "..%" PRId64, name, min - 1, min, max);
            cr_assert_str_eq(ltv_last_error(), want);
        }
        if (max < INT64_MAX) {
            cr_assert_eq(f->set(f->object, p, max + 1), LTV_ERANGE, "%s above", name);
            snprintf(want, sizeof want, "%s %" PRId64 " is outside %" PRId64 "..%" PRId64, name, max + 1, min, max);
            cr_assert_str_eq(ltv_last_error(), want);
        }
        cr_assert_eq(f->get(f->object, p, &value), LTV_OK);
        cr_assert_eq(value, max, "%s: a refused value changed the setting", name);
        cr_assert_eq(f->set(f->object, p, def), LTV_OK);
    }
    cr_assert_null(f->info(f->count, NULL, NULL), "%s: one past the last", f->name);
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
    cr_assert_null(f->info(-1, NULL, NULL));
    cr_assert_eq(f->set(f->object, f->count, 0), LTV_EINVAL);
    char want[120];
    snprintf(want, sizeof want, " %d is not an %s (0..%d)", f->count, f->name, f->count - 1);
    cr_assert(strstr(ltv_last_error(), want), "'%s' lacks '%s'", ltv_last_error(), want);
    int64_t value;
    cr_assert_eq(f->get(f->object, -1, &value), LTV_EINVAL);
}

Test(settings, every_family_takes_what_its_param_info_says) {
    ltv_segment_config *seg = NULL;
    ltv_csv_options *csv = NULL;
    ltv_health_config *health = NULL;
    ltv_matrix *matrix = NULL;
    ltv_planner *planner = NULL;
    cr_assert_eq(ltv_segment_config_new(&seg), LTV_OK);
    cr_assert_eq(ltv_csv_options_new(&csv), LTV_OK);
    cr_assert_eq(ltv_health_config_new(&health), LTV_OK);
    cr_assert_eq(ltv_matrix_new(&matrix), LTV_OK);
    cr_assert_eq(ltv_planner_new(&planner), LTV_OK);
    const family families[] = {
        {"ltv_segment_param", LTV_SEG_FALLING_DROP_PERMILLE + 1, ltv_segment_param_info, seg_set, seg_get, seg},
        {"ltv_csv_param", LTV_CSV_STATUS_BUILTIN + 1, ltv_csv_param_info, csv_set, csv_get, csv},
        {"ltv_health_param", LTV_HEALTH_RISK_MIN_AT_RISK + 1, ltv_health_param_info, health_set, health_get, health},
        {"ltv_matrix_param", LTV_MATRIX_ANALYSIS + 1, ltv_matrix_param_info, matrix_set, matrix_get, matrix},
        {"ltv_plan_param", LTV_PLAN_FALLING_DROP_PERMILLE + 1, ltv_planner_param_info, plan_set, plan_get, planner},
    };
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) check_family(&families[i]);
    ltv_planner_free(planner);
    ltv_matrix_free(matrix);
    ltv_health_config_free(health);
    ltv_csv_options_free(csv);
    ltv_segment_config_free(seg);
}

Test(settings, the_delimiter_is_one_of_four_characters) {
    ltv_csv_options *csv = NULL;
    cr_assert_eq(ltv_csv_options_new(&csv), LTV_OK);
    int64_t min, max;
    cr_assert_str_eq(ltv_csv_param_info(LTV_CSV_DELIMITER, &min, &max), "LTV_CSV_DELIMITER");
    cr_assert_eq(min, '\t');
    cr_assert_eq(max, '|');
    const char ok[] = {',', ';', '\t', '|'};
    for (size_t i = 0; i < sizeof ok; i++) cr_assert_eq(ltv_csv_options_set_i64(csv, LTV_CSV_DELIMITER, ok[i]), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(csv, LTV_CSV_DELIMITER, 'x'), LTV_ERANGE);
    cr_assert_str_eq(ltv_last_error(), "LTV_CSV_DELIMITER 120 is not one of ',' ';' '\\t' '|'");
    ltv_csv_options_free(csv);
}

/* The planner classifies customers with the segmentation's thresholds under its own names:
 * the same bounds, the same defaults, and a round trip through a segmentation config. */
Test(settings, the_planner_thresholds_are_the_segmentations) {
    static const int pairs[][2] = {
        {LTV_PLAN_DORMANT_DAYS, LTV_SEG_DORMANT_DAYS},
        {LTV_PLAN_CANCEL_IS_DORMANT, LTV_SEG_CANCEL_IS_DORMANT},
        {LTV_PLAN_FAN_MIN_ORDERS, LTV_SEG_FAN_MIN_ORDERS},
        {LTV_PLAN_FAN_MIN_TENURE_DAYS, LTV_SEG_FAN_MIN_TENURE_DAYS},
        {LTV_PLAN_EXCELLENT_MIN_ORDERS, LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS},
        {LTV_PLAN_SEMI_MIN_ORDERS, LTV_SEG_SEMI_MIN_YEAR_ORDERS},
    };
    ltv_planner *planner = NULL;
    ltv_segment_config *seg = NULL, *out = NULL;
    cr_assert_eq(ltv_planner_new(&planner), LTV_OK);
    cr_assert_eq(ltv_segment_config_new(&seg), LTV_OK);
    cr_assert_eq(ltv_segment_config_new(&out), LTV_OK);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        int64_t pmin, pmax, smin, smax, pdef, sdef;
        cr_assert_not_null(ltv_planner_param_info(pairs[i][0], &pmin, &pmax));
        cr_assert_not_null(ltv_segment_param_info(pairs[i][1], &smin, &smax));
        cr_assert_eq(pmin, smin);
        cr_assert_eq(pmax, smax);
        ltv_planner_get_i64(planner, pairs[i][0], &pdef);
        ltv_segment_config_get_i64(seg, pairs[i][1], &sdef);
        cr_assert_eq(pdef, sdef, "%s", ltv_planner_param_info(pairs[i][0], NULL, NULL));
    }
    cr_assert_eq(ltv_segment_config_set_i64(seg, LTV_SEG_DORMANT_DAYS, 90), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(seg, LTV_SEG_SEMI_MIN_YEAR_ORDERS, 3), LTV_OK);
    cr_assert_eq(ltv_segment_config_set_i64(seg, LTV_SEG_RFM_BINS, 3), LTV_OK); /* not a planner threshold */
    cr_assert_eq(ltv_planner_use_segment_config(planner, seg), LTV_OK);
    cr_assert_eq(ltv_planner_to_segment_config(planner, out), LTV_OK);
    int64_t v;
    ltv_segment_config_get_i64(out, LTV_SEG_DORMANT_DAYS, &v);
    cr_assert_eq(v, 90);
    ltv_segment_config_get_i64(out, LTV_SEG_SEMI_MIN_YEAR_ORDERS, &v);
    cr_assert_eq(v, 3);
    ltv_segment_config_get_i64(out, LTV_SEG_RFM_BINS, &v);
    cr_assert_eq(v, 5, "to_segment_config wrote a setting the planner does not have");
    cr_assert_eq(ltv_planner_to_segment_config(NULL, out), LTV_EINVAL);
    cr_assert_eq(ltv_planner_to_segment_config(planner, NULL), LTV_EINVAL);
    ltv_segment_config_free(out);
    ltv_segment_config_free(seg);
    ltv_planner_free(planner);
}

Test(settings, channel_and_step_field_bounds) {
    int64_t min, max;
    cr_assert_str_eq(ltv_planner_channel_param_info(LTV_CHANNEL_WEEKLY_CAP, &min, &max), "LTV_CHANNEL_WEEKLY_CAP");
    cr_assert_eq(min, 0);
    cr_assert_eq(max, 100);
    cr_assert_null(ltv_planner_channel_param_info(2, NULL, NULL));
    cr_assert_str_eq(ltv_planner_step_field_info(LTV_STEP_DAY, &min, &max), "LTV_STEP_DAY");
    cr_assert_eq(min, 0);
    cr_assert_eq(max, LTV_PLAN_DAY_MAX);
    cr_assert_str_eq(ltv_planner_step_field_info(LTV_STEP_MAX_ORDERS, &min, NULL), "LTV_STEP_MAX_ORDERS");
    cr_assert_eq(min, -1);
    cr_assert_null(ltv_planner_step_field_info(LTV_STEP_ALIVE_FALLING + 1, NULL, NULL));
}
