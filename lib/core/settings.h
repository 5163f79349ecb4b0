/*
 * Enum-keyed integer settings (ltv_segment_config_set_i64, ltv_csv_options_set_i64, ...): one
 * table of (name, minimum, maximum, default) per family behind its setter, getter, defaults and
 * public *_param_info, so that every family checks and words its errors the same way.
 * Internal to the library.
 */
#ifndef LTVCRM_SETTINGS_H
#define LTVCRM_SETTINGS_H

#include "internal.h"

typedef struct ltv__setting ltv__setting;
struct ltv__setting {
    const char *name;           /* the public enum name: "LTV_SEG_DORMANT_DAYS" */
    int64_t min, max, def;
    const char *only;           /* NULL, or the only values taken in min..max, as words for
                                   the message ("',' ';' '\\t' '|'") ... */
    const int64_t *only_values; /* ... and as numbers, `only_count` of them */
    size_t only_count;
    const ltv__setting *same_as; /* NULL, or the setting of another family whose bounds and
                                    default this one shares (the planner's segmentation
                                    thresholds are the segmentation's) */
};

/* A table entry with only name, bounds and default (designated, so that no compiler asks for
 * the optional fields). */
#define LTV__SETTING(name_, min_, max_, def_) {.name = (name_), .min = (min_), .max = (max_), .def = (def_)}

typedef struct ltv__settings {
    const char *family;   /* the enum, for messages about an unknown key: "ltv_segment_param" */
    const ltv__setting *items;
    int count;            /* keys are 0..count-1 */
} ltv__settings;

/* LTV_EINVAL "<func>: 12 is not an ltv_segment_param (0..11)" for an unknown key. */
int ltv__settings_check_key(const ltv__settings *settings, const char *func, int param);

/* The key, then the value: LTV_ERANGE "LTV_SEG_DORMANT_DAYS 0 is outside 1..36500" (or "is
 * not one of ..."). Nothing else: checks across settings stay with their family. */
int ltv__settings_check(const ltv__settings *settings, const char *func, int param, int64_t value);

/* Checks, then stores values[param] = value. */
int ltv__settings_set(const ltv__settings *settings, const char *func, int64_t *values, int param, int64_t value);

/* Checks the key and out_value, then *out_value = values[param]. */
int ltv__settings_get(const ltv__settings *settings, const char *func, const int64_t *values, int param,
                      int64_t *out_value);

/* values[0..count-1] = the defaults. */
void ltv__settings_defaults(const ltv__settings *settings, int64_t *values);

/* The entry of a key with same_as followed, or NULL for an unknown key (no message set). */
const ltv__setting *ltv__settings_find(const ltv__settings *settings, int param);

/* What the public *_param_info functions return: the name, with the bounds written; NULL
 * and LTV_EINVAL recorded (naming `func`) for an unknown key. */
const char *ltv__settings_info(const ltv__settings *settings, const char *func, int param, int64_t *out_min,
                               int64_t *out_max);

#endif
