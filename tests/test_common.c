/* Status names, error messages, versions, allocator hook, dates. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

Test(common, status_names_are_static_and_distinct) {
    const int codes[] = {LTV_OK, LTV_EINVAL, LTV_ENOMEM, LTV_ERANGE, LTV_EIO, LTV_EPARSE, LTV_ENOTFOUND,
                         LTV_EBUFSIZE, LTV_EENCODING, LTV_ESTATE, LTV_EOVERFLOW, LTV_EFORMAT, LTV_EVALIDATION};
    size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        cr_assert_neq(strcmp(ltv_status_name(codes[i]), "LTV_UNKNOWN"), 0);
        for (size_t j = i + 1; j < n; j++)
            cr_assert_neq(strcmp(ltv_status_name(codes[i]), ltv_status_name(codes[j])), 0);
    }
    cr_assert_str_eq(ltv_status_name(LTV_EINVAL), "LTV_EINVAL");
    cr_assert_str_eq(ltv_status_name(12345), "LTV_UNKNOWN");
    cr_assert_str_eq(ltv_status_text(LTV_ENOMEM), "out of memory");
    cr_assert_str_eq(ltv_status_text(-999), "unknown status");
}

Test(common, pinned_status_values) {
    cr_assert_eq(LTV_OK, 0);
    cr_assert_eq(LTV_EINVAL, -1);
    cr_assert_eq(LTV_EBUFSIZE, -7);
    cr_assert_eq(LTV_EVALIDATION, -12);
}

Test(common, version_matches_header) {
    cr_assert_eq(ltv_version_number(), LTV_VERSION_NUMBER);
    cr_assert_str_eq(ltv_version_string(), LTV_VERSION_STRING);
    cr_assert_eq(ltv_version_number() / 10000, LTV_VERSION_MAJOR);
}

Test(common, last_error_is_set_and_cleared) {
    ltv_clear_error();
    cr_assert_str_eq(ltv_last_error(), "");
    cr_assert_eq(ltv_last_status(), LTV_OK);
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(2026, 13, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_last_status(), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "month 13"));
    ltv_clear_error();
    cr_assert_str_eq(ltv_last_error(), "");
}

static void ltv_free_stub(void *ud, void *ptr) {
    (void)ud;
    free(ptr);
}

Test(common, allocator_hook_rejects_partial_sets) {
    cr_assert_eq(ltv_set_allocator(NULL, NULL, ltv_free_stub, NULL), LTV_EINVAL);
    cr_assert_not_null(strstr(ltv_last_error(), "2 of 3"));
}

Test(common, free_accepts_null) { ltv_free(NULL); }

Test(date, known_day_numbers) {
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(1970, 1, 1, &day), LTV_OK);
    cr_assert_eq(day, 0);
    cr_assert_eq(ltv_date_from_ymd(2026, 11, 1, &day), LTV_OK);
    cr_assert_eq(day, 20758);
    cr_assert_eq(ltv_date_from_ymd(2000, 2, 29, &day), LTV_OK);
    cr_assert_eq(day, 11016);
    cr_assert_eq(ltv_date_from_ymd(1, 1, 1, &day), LTV_OK);
    cr_assert_eq(day, LTV_DAY_MIN);
    cr_assert_eq(ltv_date_from_ymd(9999, 12, 31, &day), LTV_OK);
    cr_assert_eq(day, LTV_DAY_MAX);
}

Test(date, round_trip_every_day_of_four_centuries) {
    for (int32_t day = -146097; day <= 146097 * 2; day += 1) {
        int32_t y, m, d, back;
        cr_assert_eq(ltv_date_to_ymd(day, &y, &m, &d), LTV_OK);
        cr_assert_eq(ltv_date_from_ymd(y, m, d, &back), LTV_OK);
        if (back != day) cr_assert_fail("day %d -> %d-%d-%d -> %d", day, y, m, d, back);
    }
}

Test(date, rejects_days_that_do_not_exist) {
    int32_t day;
    cr_assert_eq(ltv_date_from_ymd(2026, 2, 29, &day), LTV_ERANGE);
    cr_assert_not_null(strstr(ltv_last_error(), "1..28"));
    cr_assert_eq(ltv_date_from_ymd(1900, 2, 29, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(0, 1, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(10000, 1, 1, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(2026, 4, 31, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_from_ymd(2026, 1, 1, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_date_to_ymd(LTV_DAY_MAX + 1, NULL, NULL, NULL), LTV_ERANGE);
    cr_assert_eq(ltv_date_to_ymd(LTV_NO_DAY, NULL, NULL, NULL), LTV_ERANGE);
}

Test(date, parses_both_separators_short_fields_and_times) {
    cr_assert_eq(fx_day("2026-11-01"), 20758);
    cr_assert_eq(fx_day("2026/11/01"), 20758);
    cr_assert_eq(fx_day("2026/11/1"), 20758);
    cr_assert_eq(fx_day("2026-1-5"), fx_day("2026-01-05"));
    cr_assert_eq(fx_day("2026-11-01 23:59:59"), 20758);
    cr_assert_eq(fx_day("2026-11-01T08:00:00Z"), 20758);
    cr_assert_eq(fx_day("2026/11/01 9:05"), 20758);
    cr_assert_eq(fx_day("2026-11-01T23:59:59.123+09:00"), 20758);
    cr_assert_eq(fx_day("2026-11-01 00:00:00-0500"), 20758);
}

Test(date, parse_errors_name_the_text) {
    int32_t day;
    const char *bad[] = {"", "2026", "2026-11", "2026-11-", "26-11-01", "2026.11.01", "2026-11/01",
                         "2026-111-01", "2026-11-01x", " 2026-11-01", "abcd-ef-gh", "2026-11-01 junk",
                         "2026-11-01 ", "2026-11-01T", "2026-11-01 12", "2026-11-01 12:5", "2026-11-01 12:00:00 extra"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(ltv_date_parse(bad[i], strlen(bad[i]), &day), LTV_EPARSE, "accepted '%s'", bad[i]);
        cr_assert_not_null(strstr(ltv_last_error(), "is not a date"));
    }
    cr_assert_eq(ltv_date_parse("2026-02-30", 10, &day), LTV_ERANGE);
    cr_assert_eq(ltv_date_parse(NULL, 0, &day), LTV_EINVAL);
    cr_assert_eq(ltv_date_parse("2026-01-01", 10, NULL), LTV_EINVAL);
}

Test(date, format) {
    char buf[11];
    cr_assert_eq(ltv_date_format(20758, buf, sizeof buf), LTV_OK);
    cr_assert_str_eq(buf, "2026-11-01");
    cr_assert_eq(ltv_date_format(LTV_DAY_MIN, buf, sizeof buf), LTV_OK);
    cr_assert_str_eq(buf, "0001-01-01");
    cr_assert_eq(ltv_date_format(0, buf, 10), LTV_EBUFSIZE);
    cr_assert_eq(ltv_date_format(0, NULL, 11), LTV_EINVAL);
    cr_assert_eq(ltv_date_format(LTV_DAY_MAX + 1, buf, sizeof buf), LTV_ERANGE);
}
