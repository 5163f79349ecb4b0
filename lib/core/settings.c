/* The settings tables behind every enum-keyed *_set_i64 / *_get_i64 (see settings.h). */
#include <inttypes.h>

#include "settings.h"

const ltv__setting *ltv__settings_find(const ltv__settings *settings, int param) {
    if (param < 0 || param >= settings->count) return NULL;
    const ltv__setting *s = &settings->items[param];
    return s->same_as ? s->same_as : s;
}

int ltv__settings_check_key(const ltv__settings *settings, const char *func, int param) {
    if (param < 0 || param >= settings->count)
        return ltv__fail(LTV_EINVAL, "%s: %d is not an %s (0..%d)", func, param, settings->family,
                         settings->count - 1);
    return LTV_OK;
}

int ltv__settings_check(const ltv__settings *settings, const char *func, int param, int64_t value) {
    int status = ltv__settings_check_key(settings, func, param);
    if (status != LTV_OK) return status;
    const ltv__setting *s = ltv__settings_find(settings, param);
    const char *name = settings->items[param].name; /* its own name, also when it shares bounds */
    if (s->only_count) {
        for (size_t i = 0; i < s->only_count; i++)
            if (value == s->only_values[i]) return LTV_OK;
        return ltv__fail(LTV_ERANGE, "%s %" PRId64 " is not one of %s", name, value, s->only);
    }
    if (value < s->min || value > s->max)
        return ltv__fail(LTV_ERANGE, "%s %" PRId64 " is outside %" PRId64 "..%" PRId64, name, value, s->min, s->max);
    return LTV_OK;
}

int ltv__settings_set(const ltv__settings *settings, const char *func, int64_t *values, int param, int64_t value) {
    int status = ltv__settings_check(settings, func, param, value);
    if (status == LTV_OK) values[param] = value;
    return status;
}

int ltv__settings_get(const ltv__settings *settings, const char *func, const int64_t *values, int param,
                      int64_t *out_value) {
    LTV_REQUIRE(out_value, func);
    int status = ltv__settings_check_key(settings, func, param);
    if (status == LTV_OK) *out_value = values[param];
    return status;
}

void ltv__settings_defaults(const ltv__settings *settings, int64_t *values) {
    for (int i = 0; i < settings->count; i++) values[i] = ltv__settings_find(settings, i)->def;
}

const char *ltv__settings_info(const ltv__settings *settings, const char *func, int param, int64_t *out_min,
                               int64_t *out_max) {
    const ltv__setting *s = ltv__settings_find(settings, param);
    if (!s) {
        ltv__settings_check_key(settings, func, param);
        return NULL;
    }
    if (out_min) *out_min = s->min;
    if (out_max) *out_max = s->max;
    return settings->items[param].name;
}
