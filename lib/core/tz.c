/* Time zones read from the system's TZif files (RFC 8536), parsed here so that nothing
 * global (TZ, localtime's static state) is touched: a zone is an immutable table of
 * transitions plus the POSIX TZ rule of the file's footer for instants after the last one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ltvcrm/date.h"
#include "tz_internal.h"

#define NAME_MAX_LEN 255
#define FILE_MAX ((size_t)1 << 20) /* the largest zone file today is under 4 KiB */
#define DEFAULT_DIR "/usr/share/zoneinfo"

/* A POSIX TZ rule date: Jn (1..365, no Feb 29), n (0..365) or Mm.w.d, with a local time. */
typedef struct rule_date {
    char kind; /* 'J', 'D' or 'M' */
    int32_t month, week, weekday, number;
    int32_t time; /* seconds after local midnight; may be negative or beyond a day */
} rule_date;

struct ltv_timezone {
    char name[NAME_MAX_LEN + 1];
    int64_t *times;   /* transition instants, ascending */
    uint8_t *types;   /* the type each transition starts */
    int32_t *offsets; /* UTC offset of each type */
    size_t ntimes, ntypes;
    bool has_rule, rule_has_dst;
    int32_t std_offset, dst_offset;
    rule_date start, end;
};

static int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* ---- the POSIX TZ rule ---------------------------------------------------------------- */

static int32_t rule_day(const rule_date *r, int32_t year) {
    int32_t jan1 = 0, first = 0, next = 0;
    ltv_date_from_ymd(year, 1, 1, &jan1);
    if (r->kind == 'D') return jan1 + r->number;
    if (r->kind == 'J') {
        int32_t mar1 = 0;
        ltv_date_from_ymd(year, 3, 1, &mar1);
        const bool leap = mar1 - jan1 == 60;
        return jan1 + r->number - 1 + (leap && r->number >= 60 ? 1 : 0);
    }
    ltv_date_from_ymd(year, r->month, 1, &first);
    if (r->month == 12) ltv_date_from_ymd(year + 1, 1, 1, &next);
    else ltv_date_from_ymd(year, r->month + 1, 1, &next);
    const int32_t weekday_of_first = (int32_t)(((int64_t)first + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    int32_t day = first + (r->weekday - weekday_of_first + 7) % 7 + (r->week - 1) * 7;
    while (day >= next) day -= 7; /* week 5: the last such weekday */
    return day;
}

static int32_t rule_offset(const ltv_timezone *tz, int64_t t) {
    if (!tz->rule_has_dst) return tz->std_offset;
    int32_t year = 0;
    const int64_t local_day = floor_div(t + tz->std_offset, 86400);
    if (local_day < LTV_DAY_MIN + 366 || local_day > LTV_DAY_MAX - 366) return tz->std_offset;
    ltv_date_to_ymd((int32_t)local_day, &year, NULL, NULL);
    const int64_t start = (int64_t)rule_day(&tz->start, year) * 86400 + tz->start.time - tz->std_offset;
    const int64_t end = (int64_t)rule_day(&tz->end, year) * 86400 + tz->end.time - tz->dst_offset;
    const bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return dst ? tz->dst_offset : tz->std_offset;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 extends POSIX's 24). */
static bool parse_hms(const char **p, int32_t *out) {
    const char *s = *p;
    int32_t sign = 1;
    if (*s == '+' || *s == '-') sign = *s++ == '-' ? -1 : 1;
    int32_t parts[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        if (i && *s != ':') break;
        if (i) s++;
        if (*s < '0' || *s > '9') return false;
        int32_t v = 0, digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 3) v = v * 10 + (*s++ - '0'), digits++;
        parts[i] = v;
    }
    if (parts[0] > 167 || parts[1] > 59 || parts[2] > 59) return false;
    *out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    *p = s;
    return true;
}

static bool parse_abbreviation(const char **p) {
    const char *s = *p;
    if (*s == '<') {
        while (*s && *s != '>') s++;
        if (*s != '>') return false;
        *p = s + 1;
        return true;
    }
    size_t n = 0;
    while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z')) n++;
    if (n < 3) return false;
    *p = s + n;
    return true;
}

static bool parse_number(const char **p, int32_t low, int32_t high, int32_t *out) {
    const char *s = *p;
    int32_t v = 0, digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 4) v = v * 10 + (*s++ - '0'), digits++;
    if (digits == 0 || v < low || v > high) return false;
    *out = v;
    *p = s;
    return true;
}

static bool parse_rule_date(const char **p, rule_date *r) {
    const char *s = *p;
    r->time = 7200; /* 02:00 local unless given */
    if (*s == 'J') {
        s++;
        r->kind = 'J';
        if (!parse_number(&s, 1, 365, &r->number)) return false;
    } else if (*s == 'M') {
        s++;
        r->kind = 'M';
        if (!parse_number(&s, 1, 12, &r->month) || *s++ != '.' || !parse_number(&s, 1, 5, &r->week) || *s++ != '.' ||
            !parse_number(&s, 0, 6, &r->weekday))
            return false;
    } else {
        r->kind = 'D';
        if (!parse_number(&s, 0, 365, &r->number)) return false;
    }
    if (*s == '/' && (s++, !parse_hms(&s, &r->time))) return false;
    *p = s;
    return true;
}

/* The footer, e.g. "JST-9" or "EST5EDT,M3.2.0,M11.1.0". POSIX offsets are west-positive. */
static bool parse_rule(ltv_timezone *tz, const char *s) {
    if (*s == '\0') return true; /* no rule: the last transition's type lasts */
    int32_t west;
    if (!parse_abbreviation(&s) || !parse_hms(&s, &west)) return false;
    tz->std_offset = -west;
    tz->has_rule = true;
    if (*s == '\0') return true;
    if (!parse_abbreviation(&s)) return false;
    tz->dst_offset = tz->std_offset + 3600;
    if (*s && *s != ',') {
        if (!parse_hms(&s, &west)) return false;
        tz->dst_offset = -west;
    }
    if (*s == '\0') { /* POSIX's default: the US rule */
        const char *us = "M3.2.0,M11.1.0";
        s = us;
    } else if (*s++ != ',') {
        return false;
    }
    if (!parse_rule_date(&s, &tz->start) || *s++ != ',' || !parse_rule_date(&s, &tz->end) || *s != '\0') return false;
    tz->rule_has_dst = true;
    return true;
}

/* ---- TZif ------------------------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t be64(const unsigned char *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

static int bad_file(const char *path, const char *why) {
    return ltv__fail(LTV_EFORMAT, "time zone file '%s' is not a valid TZif file: %s", path, why);
}

/* Parses the file's newest data block (64-bit times from version 2 on) and its footer. */
static int parse_tzif(ltv_timezone *tz, const unsigned char *data, size_t size, const char *path) {
    if (size < 44 || memcmp(data, "TZif", 4) != 0) return bad_file(path, "no TZif header");
    size_t pos = 0;
    bool wide = false;
    for (int pass = 0; pass < 2; pass++) {
        if (size - pos < 44 || memcmp(data + pos, "TZif", 4) != 0) return bad_file(path, "truncated header");
        const unsigned version = data[pos + 4];
        const unsigned char *h = data + pos + 20;
        const uint64_t isut = be32(h), isstd = be32(h + 4), leap = be32(h + 8), timecnt = be32(h + 12),
                       typecnt = be32(h + 16), charcnt = be32(h + 20);
        const uint64_t tsize = wide ? 8 : 4;
        const uint64_t block = timecnt * tsize + timecnt + typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
        pos += 44;
        if (typecnt == 0 || typecnt > 256 || timecnt > 100000 || charcnt > 100000 || leap > 100000 ||
            block > size - pos)
            return bad_file(path, "counts do not fit the file");
        if (!wide && version >= '2') { /* skip the 32-bit block: the 64-bit one follows */
            pos += block;
            wide = true;
            continue;
        }
        tz->ntimes = (size_t)timecnt;
        tz->ntypes = (size_t)typecnt;
        tz->times = ltv__malloc((size_t)(timecnt ? timecnt : 1) * sizeof *tz->times);
        tz->types = ltv__malloc((size_t)(timecnt ? timecnt : 1));
        tz->offsets = ltv__malloc((size_t)typecnt * sizeof *tz->offsets);
        if (!tz->times || !tz->types || !tz->offsets) return ltv__fail(LTV_ENOMEM, "ltv_timezone_open: out of memory");
        const unsigned char *p = data + pos;
        for (size_t i = 0; i < tz->ntimes; i++, p += tsize) {
            tz->times[i] = wide ? be64(p) : (int64_t)(int32_t)be32(p);
            if (i && tz->times[i] <= tz->times[i - 1]) return bad_file(path, "transitions are not in order");
        }
        for (size_t i = 0; i < tz->ntimes; i++, p++) {
            if (*p >= typecnt) return bad_file(path, "a transition names a type that does not exist");
            tz->types[i] = *p;
        }
        for (size_t i = 0; i < tz->ntypes; i++, p += 6) {
            const int32_t offset = (int32_t)be32(p);
            if (offset < -25 * 3600 || offset > 26 * 3600) return bad_file(path, "an offset is out of range");
            tz->offsets[i] = offset;
        }
        pos += block;
        if (!wide) return LTV_OK; /* version 1: no footer */
        /* footer: "\n" rule "\n" */
        if (pos >= size || data[pos] != '\n') return bad_file(path, "no footer");
        const unsigned char *nl = memchr(data + pos + 1, '\n', size - pos - 1);
        if (!nl || (size_t)(nl - (data + pos + 1)) > 200) return bad_file(path, "the footer is not terminated");
        char rule[201];
        const size_t rule_len = (size_t)(nl - (data + pos + 1));
        memcpy(rule, data + pos + 1, rule_len);
        rule[rule_len] = '\0';
        if (!parse_rule(tz, rule)) return bad_file(path, "the footer's TZ rule is not understood");
        return LTV_OK;
    }
    return bad_file(path, "no data block");
}

/* ---- opening ------------------------------------------------------------------------------ */

static bool name_valid(const char *name, size_t len) {
    if (len == 0 || len > NAME_MAX_LEN || name[0] == '/' || strstr(name, "..")) return false;
    for (size_t i = 0; i < len; i++) {
        const char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '+' || c == '/'))
            return false;
    }
    return true;
}

/* "+09:00", "+0900", "-05": a fixed offset. Returns false if the name is not one. */
static bool fixed_offset(const char *name, size_t len, int32_t *out) {
    if (len < 3 || (name[0] != '+' && name[0] != '-')) return false;
    for (size_t i = 1; i < len; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] == ':' && i == 3))) return false;
    int32_t hours = (name[1] - '0') * 10 + (name[2] - '0'), minutes = 0;
    size_t pos = 3;
    if (pos < len && name[pos] == ':') pos++;
    if (len - pos == 2) minutes = (name[pos] - '0') * 10 + (name[pos + 1] - '0');
    else if (len != pos || name[len - 1] == ':') return false;
    if (hours > 14 || minutes > 59) return false;
    *out = (name[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return true;
}

static int make_fixed(ltv_timezone *tz, int32_t offset) {
    tz->ntypes = 1;
    tz->offsets = ltv__malloc(sizeof *tz->offsets);
    if (!tz->offsets) return ltv__fail(LTV_ENOMEM, "ltv_timezone_open: out of memory");
    tz->offsets[0] = offset;
    return LTV_OK;
}

static int read_zone_file(ltv_timezone *tz, const char *name) {
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir) dir = DEFAULT_DIR;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return ltv__fail(LTV_EINVAL, "ltv_timezone_open: the path of zone '%s' is too long", name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        struct stat st;
        if (stat(dir, &st) != 0)
            return ltv__fail(LTV_ENOTFOUND, "time zone '%s': the time-zone database %s is missing (install the "
                             "tzdata package, or set TZDIR)", name, dir);
        if (err == ENOENT || err == ENOTDIR)
            return ltv__fail(LTV_ENOTFOUND, "'%s' is not a time zone (no file %s); use an IANA name such as "
                             "Asia/Tokyo or America/New_York", name, path);
        return ltv__fail(LTV_EIO, "cannot open time zone file '%s': %s", path, strerror(err));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (size_t)st.st_size > FILE_MAX) {
        close(fd);
        return ltv__fail(LTV_ENOTFOUND, "'%s' is not a time zone (%s is not a zone file)", name, path);
    }
    const size_t size = (size_t)st.st_size;
    unsigned char *data = ltv__malloc(size);
    if (!data) {
        close(fd);
        return ltv__fail(LTV_ENOMEM, "ltv_timezone_open: out of memory");
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd);
    int status = got == size ? parse_tzif(tz, data, size, path)
                             : ltv__fail(LTV_EIO, "cannot read time zone file '%s'", path);
    ltv__free(data);
    return status;
}

int ltv_timezone_open(const char *name, ltv_timezone **out) {
    LTV_REQUIRE(out, "ltv_timezone_open");
    *out = NULL;
    LTV_REQUIRE(name, "ltv_timezone_open");
    const size_t len = strnlen(name, NAME_MAX_LEN + 1);
    int32_t offset;
    const bool fixed = fixed_offset(name, len, &offset);
    if (!fixed && !name_valid(name, len))
        return ltv__fail(LTV_EINVAL, "'%.60s' is not a time zone name (an IANA name such as Asia/Tokyo, UTC, or an "
                         "offset such as +09:00)", name);
    ltv_timezone *tz = ltv__calloc(1, sizeof *tz);
    if (!tz) return ltv__fail(LTV_ENOMEM, "ltv_timezone_open: out of memory");
    memcpy(tz->name, name, len);
    int status;
    if (fixed) {
        status = make_fixed(tz, offset);
    } else {
        status = read_zone_file(tz, name);
        if (status == LTV_ENOTFOUND && (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC")))
            status = make_fixed(tz, 0); /* UTC needs no database */
    }
    if (status != LTV_OK) {
        ltv_timezone_free(tz);
        return status;
    }
    *out = tz;
    return LTV_OK;
}

void ltv_timezone_free(ltv_timezone *tz) {
    if (!tz) return;
    ltv__free(tz->times);
    ltv__free(tz->types);
    ltv__free(tz->offsets);
    ltv__free(tz);
}

const char *ltv_timezone_name(const ltv_timezone *tz) { return tz ? tz->name : ""; }

int ltv__timezone_from_tzif(const unsigned char *data, size_t size, ltv_timezone **out) {
    *out = NULL;
    ltv_timezone *tz = ltv__calloc(1, sizeof *tz);
    if (!tz) return ltv__fail(LTV_ENOMEM, "ltv_timezone_open: out of memory");
    memcpy(tz->name, "<buffer>", 9);
    int status = parse_tzif(tz, data, size, "<buffer>");
    if (status != LTV_OK) {
        ltv_timezone_free(tz);
        return status;
    }
    *out = tz;
    return LTV_OK;
}

/* ---- queries ------------------------------------------------------------------------------ */

int32_t ltv__tz_offset(const ltv_timezone *tz, int64_t t) {
    if (tz->ntimes == 0) return tz->has_rule ? rule_offset(tz, t) : tz->offsets[0];
    if (t < tz->times[0]) return tz->offsets[0]; /* RFC 8536: type 0 before the first transition */
    if (t >= tz->times[tz->ntimes - 1] && tz->has_rule) return rule_offset(tz, t);
    size_t low = 0, high = tz->ntimes; /* the last transition at or before t */
    while (high - low > 1) {
        const size_t mid = low + (high - low) / 2;
        if (tz->times[mid] <= t) low = mid;
        else high = mid;
    }
    return tz->offsets[tz->types[low]];
}

int ltv__tz_day(const ltv_timezone *tz, int64_t t, int32_t *out_day) {
    if (t < (int64_t)LTV_DAY_MIN * 86400 - 86400 || t > (int64_t)LTV_DAY_MAX * 86400 + 2 * 86400) return LTV_ERANGE;
    const int64_t day = floor_div(t + ltv__tz_offset(tz, t), 86400);
    if (day < LTV_DAY_MIN || day > LTV_DAY_MAX) return LTV_ERANGE;
    *out_day = (int32_t)day;
    return LTV_OK;
}

int ltv_timezone_offset(const ltv_timezone *tz, int64_t unix_seconds, int32_t *out_seconds) {
    LTV_REQUIRE(tz, "ltv_timezone_offset");
    LTV_REQUIRE(out_seconds, "ltv_timezone_offset");
    *out_seconds = ltv__tz_offset(tz, unix_seconds);
    return LTV_OK;
}

int ltv_timezone_days(const ltv_timezone *tz, const int64_t *unix_seconds, size_t count, int32_t *out_days) {
    LTV_REQUIRE(tz, "ltv_timezone_days");
    if (count == 0) return LTV_OK;
    LTV_REQUIRE(unix_seconds, "ltv_timezone_days");
    LTV_REQUIRE(out_days, "ltv_timezone_days");
    for (size_t i = 0; i < count; i++)
        if (ltv__tz_day(tz, unix_seconds[i], &out_days[i]) != LTV_OK)
            return ltv__fail(LTV_ERANGE, "ltv_timezone_days: instant [%zu] = %lld s falls outside "
                             "0001-01-01..9999-12-31", i, (long long)unix_seconds[i]);
    return LTV_OK;
}
