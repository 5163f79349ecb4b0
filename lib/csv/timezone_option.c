/* The shop's time zone as a loader option, and the day of a date field under it. */
#include <stdio.h>

#include "csv_internal.h"

#define SHOWN 40

int ltv_csv_options_set_timezone(ltv_csv_options *opts, const char *name) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_timezone");
    ltv_timezone *tz = NULL;
    if (name && name[0]) {
        int status = ltv_timezone_open(name, &tz);
        if (status != LTV_OK) return status;
    }
    ltv_timezone_free(opts->timezone);
    opts->timezone = tz;
    return LTV_OK;
}

int ltv__parse_day_tz(const char *text, size_t len, const ltv_timezone *tz, int32_t *out, char *why, size_t why_len) {
    ltv__stamp stamp;
    const int shown = (int)(len > SHOWN ? SHOWN : len);
    int status = ltv__stamp_parse(text, len, &stamp);
    if (status == LTV_EPARSE) {
        snprintf(why, why_len, "'%.*s' is not a date (YYYY-MM-DD or YYYY/MM/DD, optionally with a time "
                 "HH:MM[:SS] and an offset such as +09:00, +0900 or Z)", shown, text);
        return LTV_ROW_BAD_DATE;
    }
    if (status != LTV_OK) {
        snprintf(why, why_len, "'%.*s' is not a day of the calendar", shown, text);
        return LTV_ROW_BAD_DATE;
    }
    if (ltv__stamp_day(&stamp, tz, out) != LTV_OK) {
        snprintf(why, why_len, "'%.*s' falls outside 0001-01-01..9999-12-31 in %s", shown, text, ltv_timezone_name(tz));
        return LTV_ROW_BAD_DATE;
    }
    return 0;
}
