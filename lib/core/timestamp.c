/* Timestamps as order exports write them: a date, an optional time of day and an optional
 * UTC offset, and the rule that turns one into the shop's calendar day (timezone.h). */
#include "ltvcrm/date.h"
#include "ltvcrm/timezone.h"

#include "internal.h"
#include "tz_internal.h"

static bool digits_at(const char *text, size_t len, size_t pos, size_t count) {
    if (pos + count > len) return false;
    for (size_t i = 0; i < count; i++)
        if (text[pos + i] < '0' || text[pos + i] > '9') return false;
    return true;
}

static int32_t two_digits(const char *text, size_t pos) { return (text[pos] - '0') * 10 + (text[pos + 1] - '0'); }

static bool word_at(const char *text, size_t len, size_t pos, const char *word, size_t n) {
    if (pos + n > len) return false;
    for (size_t i = 0; i < n; i++) {
        char c = text[pos + i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c != word[i]) return false;
    }
    return true;
}

/* Parses the time and offset after a date: "", or ' '/'T', H:MM or HH:MM, optional :SS and
 * .fraction, then optionally (after an optional space) Z, UTC, GMT, or ±HH, ±HHMM, ±HH:MM. */
static bool parse_time(const char *text, size_t len, ltv__stamp *out) {
    out->has_time = out->has_offset = false;
    out->seconds = out->offset = 0;
    if (len == 0) return true;
    if (text[0] != ' ' && text[0] != 'T') return false;
    size_t pos = 1;
    int32_t hour, minute, second = 0;
    if (digits_at(text, len, pos, 2)) {
        hour = two_digits(text, pos);
        pos += 2;
    } else if (digits_at(text, len, pos, 1)) {
        hour = text[pos] - '0';
        pos += 1;
    } else {
        return false;
    }
    if (pos >= len || text[pos] != ':' || !digits_at(text, len, pos + 1, 2)) return false;
    minute = two_digits(text, pos + 1);
    pos += 3;
    if (pos < len && text[pos] == ':') {
        if (!digits_at(text, len, pos + 1, 2)) return false;
        second = two_digits(text, pos + 1);
        pos += 3;
        if (pos < len && text[pos] == '.') {
            pos++;
            if (!digits_at(text, len, pos, 1)) return false;
            while (pos < len && text[pos] >= '0' && text[pos] <= '9') pos++; /* below a second: no day moves */
        }
    }
    if (hour > 23 || minute > 59 || second > 60) return false;
    out->has_time = true;
    out->seconds = hour * 3600 + minute * 60 + (second == 60 ? 59 : second);
    if (pos == len) return true;
    if (text[pos] == ' ') pos++; /* Shopify: "02:17:05 +0900" */
    if (pos < len && text[pos] == 'Z') {
        pos++;
    } else if (word_at(text, len, pos, "UTC", 3) || word_at(text, len, pos, "GMT", 3)) {
        pos += 3;
    } else if (pos < len && (text[pos] == '+' || text[pos] == '-')) {
        const int32_t sign = text[pos] == '-' ? -1 : 1;
        if (!digits_at(text, len, pos + 1, 2)) return false;
        int32_t hours = two_digits(text, pos + 1), minutes = 0;
        pos += 3;
        if (pos < len && text[pos] == ':') {
            if (!digits_at(text, len, pos + 1, 2)) return false;
            pos++;
        }
        if (digits_at(text, len, pos, 2)) {
            minutes = two_digits(text, pos);
            pos += 2;
        }
        if (hours > 14 || minutes > 59) return false;
        out->offset = sign * (hours * 3600 + minutes * 60);
    } else {
        return false;
    }
    out->has_offset = true;
    return pos == len;
}

bool ltv__time_suffix_valid(const char *text, size_t len) {
    ltv__stamp ignored;
    return parse_time(text, len, &ignored);
}

int ltv__stamp_parse(const char *text, size_t len, ltv__stamp *out) {
    int32_t year = 0, month = 0, day = 0;
    size_t pos = 0, n;
    for (n = 0; pos < len && n < 4 && text[pos] >= '0' && text[pos] <= '9'; n++) year = year * 10 + (text[pos++] - '0');
    if (n != 4 || pos >= len || (text[pos] != '-' && text[pos] != '/')) return LTV_EPARSE;
    const char sep = text[pos++];
    for (n = 0; pos < len && n < 2 && text[pos] >= '0' && text[pos] <= '9'; n++) month = month * 10 + (text[pos++] - '0');
    if (n == 0 || pos >= len || text[pos] != sep) return LTV_EPARSE;
    pos++;
    for (n = 0; pos < len && n < 2 && text[pos] >= '0' && text[pos] <= '9'; n++) day = day * 10 + (text[pos++] - '0');
    if (n == 0 || !parse_time(text + pos, len - pos, out)) return LTV_EPARSE;
    if (year < 1 || month < 1 || month > 12 || day < 1 || ltv_date_from_ymd(year, month, day, &out->day) != LTV_OK)
        return LTV_ERANGE;
    return LTV_OK;
}

int ltv__stamp_day(const ltv__stamp *stamp, const struct ltv_timezone *tz, int32_t *out_day) {
    if (!tz || !stamp->has_time || !stamp->has_offset) {
        *out_day = stamp->day;
        return LTV_OK;
    }
    const int64_t instant = (int64_t)stamp->day * 86400 + stamp->seconds - stamp->offset;
    return ltv__tz_day(tz, instant, out_day);
}

int ltv_timestamp_day(const char *text, size_t len, const ltv_timezone *tz, int32_t *out_day) {
    LTV_REQUIRE(text, "ltv_timestamp_day");
    LTV_REQUIRE(out_day, "ltv_timestamp_day");
    const int shown = (int)(len > 40 ? 40 : len);
    ltv__stamp stamp;
    int status = ltv__stamp_parse(text, len, &stamp);
    if (status == LTV_EPARSE)
        return ltv__fail(LTV_EPARSE, "'%.*s' is not a timestamp (YYYY-MM-DD or YYYY/M/D, optionally a time "
                         "HH:MM[:SS] and an offset Z, +09:00 or +0900)", shown, text);
    if (status != LTV_OK) return ltv__fail(status, "'%.*s' is not a day of the calendar", shown, text);
    if (ltv__stamp_day(&stamp, tz, out_day) != LTV_OK)
        return ltv__fail(LTV_ERANGE, "'%.*s' falls outside 0001-01-01..9999-12-31 in %s", shown, text,
                         ltv_timezone_name(tz));
    return LTV_OK;
}
