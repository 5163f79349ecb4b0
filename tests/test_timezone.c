/* Time zones from the system's TZif files and the shop-day rule for timestamps. */
#define _DEFAULT_SOURCE 1 /* tm_gmtoff */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixtures.h"

static ltv_timezone *open_zone(const char *name) {
    ltv_timezone *tz = NULL;
    int status = ltv_timezone_open(name, &tz);
    cr_assert_eq(status, LTV_OK, "%s: %s", name, ltv_last_error());
    return tz;
}

/* Seconds since the epoch of a UTC date and time. */
static int64_t utc(const char *iso_day, int h, int m, int s) { return (int64_t)fx_day(iso_day) * 86400 + h * 3600 + m * 60 + s; }

static int32_t offset_at(const ltv_timezone *tz, int64_t t) {
    int32_t off = 0;
    cr_assert_eq(ltv_timezone_offset(tz, t, &off), LTV_OK);
    return off;
}

static int32_t stamp_day(const char *text, const ltv_timezone *tz) {
    int32_t day = 0;
    int status = ltv_timestamp_day(text, strlen(text), tz, &day);
    cr_assert_eq(status, LTV_OK, "%s: %s", text, ltv_last_error());
    return day;
}

Test(timezone, tokyo_has_no_daylight_saving) {
    ltv_timezone *tz = open_zone("Asia/Tokyo");
    cr_assert_str_eq(ltv_timezone_name(tz), "Asia/Tokyo");
    cr_assert_eq(offset_at(tz, utc("2025-01-07", 0, 0, 0)), 9 * 3600);
    cr_assert_eq(offset_at(tz, utc("2025-07-07", 0, 0, 0)), 9 * 3600);
    cr_assert_eq(offset_at(tz, utc("2150-07-07", 0, 0, 0)), 9 * 3600); /* after the table: the footer rule */
    ltv_timezone_free(tz);
}

Test(timezone, new_york_switches_at_two_in_the_morning) {
    ltv_timezone *tz = open_zone("America/New_York");
    /* 2025: EDT from Sunday 9 March 02:00 EST (07:00Z) to Sunday 2 November 02:00 EDT (06:00Z) */
    cr_assert_eq(offset_at(tz, utc("2025-03-09", 6, 59, 59)), -5 * 3600);
    cr_assert_eq(offset_at(tz, utc("2025-03-09", 7, 0, 0)), -4 * 3600);
    cr_assert_eq(offset_at(tz, utc("2025-11-02", 5, 59, 59)), -4 * 3600);
    cr_assert_eq(offset_at(tz, utc("2025-11-02", 6, 0, 0)), -5 * 3600);
    /* 2100 is beyond the file's table: the rule EST5EDT,M3.2.0,M11.1.0 (14 March, 7 November) */
    cr_assert_eq(offset_at(tz, utc("2100-03-14", 6, 59, 59)), -5 * 3600);
    cr_assert_eq(offset_at(tz, utc("2100-03-14", 7, 0, 0)), -4 * 3600);
    cr_assert_eq(offset_at(tz, utc("2100-11-07", 5, 59, 59)), -4 * 3600);
    cr_assert_eq(offset_at(tz, utc("2100-11-07", 6, 0, 0)), -5 * 3600);
    /* 1883 and before: local mean time, type 0 of the file */
    cr_assert_eq(offset_at(tz, utc("1800-01-01", 0, 0, 0)), -(4 * 3600 + 56 * 60 + 2));
    ltv_timezone_free(tz);
}

Test(timezone, day_of_an_instant_across_daylight_saving) {
    ltv_timezone *tz = open_zone("America/New_York");
    /* 03:30Z on 10 March 2025 is 23:30 EDT on the 9th; in January 04:30Z is 23:30 EST */
    cr_assert_eq(stamp_day("2025-03-10T03:30:00Z", tz), fx_day("2025-03-09"));
    cr_assert_eq(stamp_day("2025-03-10T04:30:00Z", tz), fx_day("2025-03-10"));
    cr_assert_eq(stamp_day("2025-01-10T04:30:00Z", tz), fx_day("2025-01-09"));
    cr_assert_eq(stamp_day("2025-01-10T05:00:00Z", tz), fx_day("2025-01-10"));
    ltv_timezone_free(tz);
}

/* Every zone agrees with the C library's own reading of the same files, hour by hour
 * around each year's transitions and at random instants 1900..2200. (Only this test, which
 * runs in its own process, sets TZ.) */
Test(timezone, agrees_with_localtime_r) {
    const char *zones[] = {"America/New_York", "Asia/Tokyo",      "Australia/Sydney", "Europe/London",
                           "America/Sao_Paulo", "Asia/Kolkata",   "Australia/Lord_Howe", "Pacific/Chatham",
                           "America/Santiago",  "Africa/Casablanca", "Europe/Dublin"};
    uint64_t state = 42;
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        ltv_timezone *tz = open_zone(zones[z]);
        setenv("TZ", zones[z], 1);
        tzset();
        for (int i = 0; i < 20000; i++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            int64_t t = (int64_t)(state >> 33) % (int64_t)(300LL * 365 * 86400) - 70LL * 365 * 86400;
            if (i % 2) t = (int64_t)(state >> 40) % (60LL * 365 * 86400) + 946684800; /* dense 2000..2060 */
            time_t tt = (time_t)t;
            struct tm tm;
            cr_assert(localtime_r(&tt, &tm));
            cr_assert_eq(offset_at(tz, t), (int32_t)tm.tm_gmtoff, "%s at %lld: %d, libc %ld", zones[z], (long long)t,
                         offset_at(tz, t), tm.tm_gmtoff);
        }
        ltv_timezone_free(tz);
    }
}

Test(timezone, amazon_utc_early_morning_is_the_next_japanese_day) {
    ltv_timezone *tokyo = open_zone("Asia/Tokyo");
    /* 17:30Z on the 6th is 02:30 JST on the 7th */
    cr_assert_eq(stamp_day("2025-01-06T17:30:00Z", tokyo), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025-01-06T17:30:00+00:00", tokyo), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025-01-06T14:59:59Z", tokyo), fx_day("2025-01-06"));
    cr_assert_eq(stamp_day("2025-01-06T15:00:00Z", tokyo), fx_day("2025-01-07"));
    /* without a shop zone the date counts as written */
    cr_assert_eq(stamp_day("2025-01-06T17:30:00Z", NULL), fx_day("2025-01-06"));
    ltv_timezone_free(tokyo);
}

Test(timezone, platform_forms) {
    ltv_timezone *tokyo = open_zone("Asia/Tokyo"), *ny = open_zone("America/New_York");
    /* Shopify writes the shop's offset after a space */
    cr_assert_eq(stamp_day("2025-01-07 02:17:05 +0900", tokyo), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025-01-07 02:17:05 +0900", ny), fx_day("2025-01-06"));
    cr_assert_eq(stamp_day("2025-01-07T02:17:05+09:00", ny), fx_day("2025-01-06"));
    cr_assert_eq(stamp_day("2025-01-07T02:17:05.123+0900", ny), fx_day("2025-01-06"));
    cr_assert_eq(stamp_day("2025-01-07 02:17:05 UTC", tokyo), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025-01-07 20:17:05 UTC", tokyo), fx_day("2025-01-08"));
    cr_assert_eq(stamp_day("2025-01-07 20:17:05-05", tokyo), fx_day("2025-01-08"));
    /* without an offset: the shop's local time, whatever the zone */
    cr_assert_eq(stamp_day("2025/1/7 2:17", ny), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025/01/07 23:59:59", tokyo), fx_day("2025-01-07"));
    cr_assert_eq(stamp_day("2025-01-07", ny), fx_day("2025-01-07"));
    ltv_timezone_free(tokyo);
    ltv_timezone_free(ny);
}

Test(timezone, malformed_timestamps) {
    const char *bad[] = {"2025-01-07 24:00",         "2025-01-07 12:60",        "2025-01-07 2:17 +15:00",
                         "2025-01-07T02:17:05+9",    "2025-01-07 02:17 JST",    "2025-01-07 02:17:05 +09:00x",
                         "2025-01-07  02:17",         "2025-01-07T",            "07/01/2025"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t day;
        cr_assert_eq(ltv_timestamp_day(bad[i], strlen(bad[i]), NULL, &day), LTV_EPARSE, "%s", bad[i]);
    }
    int32_t day;
    cr_assert_eq(ltv_timestamp_day("2025-02-30 10:00", 16, NULL, &day), LTV_ERANGE);
    cr_assert_eq(ltv_timestamp_day(NULL, 0, NULL, &day), LTV_EINVAL);
}

Test(timezone, fixed_offsets_and_utc) {
    ltv_timezone *tz = open_zone("+05:30");
    cr_assert_eq(offset_at(tz, 0), 5 * 3600 + 1800);
    ltv_timezone_free(tz);
    tz = open_zone("-0800");
    cr_assert_eq(offset_at(tz, 0), -8 * 3600);
    ltv_timezone_free(tz);
    tz = open_zone("UTC");
    cr_assert_eq(offset_at(tz, utc("2025-06-01", 0, 0, 0)), 0);
    ltv_timezone_free(tz);
}

Test(timezone, bad_names_and_files) {
    ltv_timezone *tz = (ltv_timezone *)1;
    cr_assert_eq(ltv_timezone_open("Asia/Nowhere", &tz), LTV_ENOTFOUND);
    cr_assert_null(tz);
    cr_assert(strstr(ltv_last_error(), "not a time zone"), "%s", ltv_last_error());
    cr_assert_eq(ltv_timezone_open("../../etc/passwd", &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open("/etc/passwd", &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open("Asia/Tokyo;rm", &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open("", &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open("Asia", &tz), LTV_ENOTFOUND); /* a directory */
    cr_assert_eq(ltv_timezone_open("+15:00", &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open(NULL, &tz), LTV_EINVAL);
    cr_assert_eq(ltv_timezone_open("UTC", NULL), LTV_EINVAL);

    /* a zone directory of our own: a file that is not TZif, a truncated one, no database */
    char dir[] = "/tmp/ltv_tzdir_XXXXXX";
    cr_assert(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/Bad", dir);
    FILE *f = fopen(path, "w");
    fputs("not a zone file at all, but long enough to have a header of forty-four bytes", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/Cut", dir);
    f = fopen(path, "wb");
    fwrite("TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x10\0\0\0\x02\0\0\0\x04", 1, 44, f);
    fclose(f);
    setenv("TZDIR", dir, 1);
    cr_assert_eq(ltv_timezone_open("Bad", &tz), LTV_EFORMAT);
    cr_assert_eq(ltv_timezone_open("Cut", &tz), LTV_EFORMAT);
    cr_assert(strstr(ltv_last_error(), "TZif"), "%s", ltv_last_error());
    setenv("TZDIR", "/nonexistent/zoneinfo", 1);
    cr_assert_eq(ltv_timezone_open("Asia/Tokyo", &tz), LTV_ENOTFOUND);
    cr_assert(strstr(ltv_last_error(), "tzdata"), "%s", ltv_last_error());
    cr_assert_eq(ltv_timezone_open("UTC", &tz), LTV_OK); /* needs no database */
    ltv_timezone_free(tz);
    unsetenv("TZDIR");
    snprintf(path, sizeof path, "%s/Bad", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/Cut", dir);
    unlink(path);
    rmdir(dir);
}

Test(timezone, days_of_many_instants) {
    ltv_timezone *tz = open_zone("Asia/Tokyo");
    const int64_t t[] = {utc("2025-01-06", 14, 59, 59), utc("2025-01-06", 15, 0, 0), -1};
    int32_t days[3];
    cr_assert_eq(ltv_timezone_days(tz, t, 3, days), LTV_OK);
    cr_assert_eq(days[0], fx_day("2025-01-06"));
    cr_assert_eq(days[1], fx_day("2025-01-07"));
    cr_assert_eq(days[2], fx_day("1970-01-01")); /* 08:59:59 JST */
    const int64_t far[] = {INT64_MAX};
    cr_assert_eq(ltv_timezone_days(tz, far, 1, days), LTV_ERANGE);
    cr_assert_eq(ltv_timezone_days(tz, NULL, 0, NULL), LTV_OK);
    ltv_timezone_free(tz);
}
