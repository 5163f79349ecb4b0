/* Calendar days: day numbers counted from 1970-01-01 in the proleptic Gregorian calendar.
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days algorithms. */
#include "ltvcrm/date.h"

#include "internal.h"

static bool is_leap(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

static int32_t days_in_month(int32_t year, int32_t month) {
    static const int8_t lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

static int32_t days_from_civil(int32_t y, int32_t m, int32_t d) {
    y -= m <= 2;
    const int32_t era = (y >= 0 ? y : y - 399) / 400;
    const int32_t yoe = y - era * 400;
    const int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int ltv_date_from_ymd(int32_t year, int32_t month, int32_t day, int32_t *out_day) {
    LTV_REQUIRE(out_day, "ltv_date_from_ymd");
    if (year < 1 || year > 9999) return ltv__fail(LTV_ERANGE, "year %d is outside 1..9999", year);
    if (month < 1 || month > 12) return ltv__fail(LTV_ERANGE, "month %d is outside 1..12", month);
    int32_t last = days_in_month(year, month);
    if (day < 1 || day > last)
        return ltv__fail(LTV_ERANGE, "day %d is outside 1..%d for %04d-%02d", day, last, year, month);
    *out_day = days_from_civil(year, month, day);
    return LTV_OK;
}

int ltv_date_to_ymd(int32_t day_number, int32_t *out_year, int32_t *out_month, int32_t *out_day) {
    if (day_number < LTV_DAY_MIN || day_number > LTV_DAY_MAX)
        return ltv__fail(LTV_ERANGE, "day number %d is outside %d..%d (0001-01-01..9999-12-31)", day_number,
                         LTV_DAY_MIN, LTV_DAY_MAX);
    const int32_t z = day_number + 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    const int32_t d = doy - (153 * mp + 2) / 5 + 1;
    const int32_t m = mp < 10 ? mp + 3 : mp - 9;
    if (out_year) *out_year = yoe + era * 400 + (m <= 2);
    if (out_month) *out_month = m;
    if (out_day) *out_day = d;
    return LTV_OK;
}

/* Reads 1..max_digits decimal digits; returns the count read (0 if none). */
static size_t read_digits(const char *text, size_t len, size_t max_digits, int32_t *value) {
    size_t n = 0;
    int32_t v = 0;
    while (n < len && n < max_digits && text[n] >= '0' && text[n] <= '9') v = v * 10 + (text[n++] - '0');
    *value = v;
    return n;
}

int ltv_date_parse(const char *text, size_t len, int32_t *out_day) {
    LTV_REQUIRE(text, "ltv_date_parse");
    LTV_REQUIRE(out_day, "ltv_date_parse");
    int32_t year, month, day;
    size_t pos = read_digits(text, len, 4, &year);
    if (pos != 4 || pos >= len || (text[pos] != '-' && text[pos] != '/')) goto malformed;
    char sep = text[pos++];
    size_t n = read_digits(text + pos, len - pos, 2, &month);
    if (n == 0 || pos + n >= len || text[pos + n] != sep) goto malformed;
    pos += n + 1;
    n = read_digits(text + pos, len - pos, 2, &day);
    if (n == 0) goto malformed;
    pos += n;
    if (!ltv__time_suffix_valid(text + pos, len - pos)) goto malformed;
    return ltv_date_from_ymd(year, month, day, out_day);
malformed:
    return ltv__fail(LTV_EPARSE, "'%.*s' is not a date (expected YYYY-MM-DD or YYYY/MM/DD)",
                     (int)(len > 40 ? 40 : len), text);
}

int ltv_date_format(int32_t day_number, char *buf, size_t capacity) {
    LTV_REQUIRE(buf, "ltv_date_format");
    if (capacity < 11) return ltv__fail(LTV_EBUFSIZE, "ltv_date_format: capacity %zu < 11", capacity);
    int32_t y, m, d;
    int status = ltv_date_to_ymd(day_number, &y, &m, &d);
    if (status != LTV_OK) return status;
    const int32_t parts[3] = {y, m, d};
    const int widths[3] = {4, 2, 2};
    size_t pos = 0;
    for (int p = 0; p < 3; p++) {
        if (p) buf[pos++] = '-';
        for (int k = widths[p] - 1; k >= 0; k--) {
            int32_t v = parts[p];
            for (int j = 0; j < k; j++) v /= 10;
            buf[pos++] = (char)('0' + v % 10);
        }
    }
    buf[pos] = '\0';
    return LTV_OK;
}
