/* Reading platform events from a CSV file (customer_id,event,date), with the order-log
 * loader's field splitter. Every record is added or the read fails naming its line. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_split.h"
#include "planner_internal.h"

#define RECORD_MAX ((size_t)64 << 10) /* a line is an id (at most 1 KiB), an event and a date */

typedef struct reader {
    const char *path;
    ltv_plan_events *events;
    ltv__csv_splitter split;
    uint64_t line, number; /* the record's first line; records read */
} reader;

static int fail_field(const reader *r, int status, size_t column, const char *why) {
    if (column)
        return ltv__fail(status, "%s: line %llu, column %zu: %s", r->path, (unsigned long long)r->line, column, why);
    return ltv__fail(status, "%s: line %llu: %s", r->path, (unsigned long long)r->line, why);
}

static bool text_is(const ltv__csv_field *f, const char *word) {
    return f->len == strlen(word) && memcmp(f->text, word, f->len) == 0;
}

static int add_record(reader *r, char *p, size_t len, bool quoted) {
    len = ltv__csv_record_text(p, len);
    bool blank = true;
    for (size_t i = 0; i < len && blank; i++) blank = p[i] == ' ' || p[i] == '\t';
    if (blank) return LTV_OK;
    r->number++;
    if (memchr(p, '\0', len)) return fail_field(r, LTV_EPARSE, 0, "a NUL byte (is this a text file?)");
    size_t bad;
    if (!ltv__utf8_valid(p, len, &bad)) return fail_field(r, LTV_EENCODING, 0, "the line is not valid UTF-8");
    size_t bad_field = 0, bad_offset;
    const int rc = ltv__csv_split(&r->split, p, len, quoted, &bad_field, &bad_offset);
    if (rc < 0) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->path);
    if (rc)
        return fail_field(r, LTV_EPARSE, bad_field + 1,
                          rc == LTV__CSV_UNCLOSED ? "the quoted field is not closed"
                          : rc == LTV__CSV_TEXT_AFTER_QUOTE
                              ? "text after the closing quote"
                              : "a quote inside an unquoted field (quote the whole field and double the quote)");
    const ltv__csv_field *f = r->split.fields;
    if (r->split.count != 3) {
        char why[120];
        snprintf(why, sizeof why, "expected customer_id,event,date, found %zu field%s", r->split.count,
                 r->split.count == 1 ? "" : "s");
        return fail_field(r, LTV_EPARSE, 0, why);
    }
    if (r->number == 1 && text_is(&f[0], "customer_id")) return LTV_OK; /* the header */
    const int kind = text_is(&f[1], "cart_created") || text_is(&f[1], "cart")       ? LTV_PLATFORM_CART_CREATED
                     : text_is(&f[1], "product_viewed") || text_is(&f[1], "view") ? LTV_PLATFORM_PRODUCT_VIEWED
                                                                                   : -1;
    if (kind < 0) {
        char why[200];
        snprintf(why, sizeof why, "unknown event '%.*s' (cart_created or product_viewed)",
                 (int)(f[1].len > 60 ? 60 : f[1].len), f[1].text);
        return fail_field(r, LTV_EPARSE, 2, why);
    }
    int32_t day;
    size_t column = 3;
    int status = ltv_date_parse(f[2].text, f[2].len, &day);
    if (status == LTV_OK) {
        column = 1;
        status = ltv_plan_events_add(r->events, f[0].text, f[0].len, kind, day);
    }
    if (status == LTV_OK) return LTV_OK;
    char why[400];
    snprintf(why, sizeof why, "%s", ltv_last_error());
    return fail_field(r, status, column, why);
}

static int read_all(reader *r, int fd, char *buf) {
    size_t used = 0;
    bool eof = false, first = true;
    r->line = 1;
    while (!eof) {
        ssize_t got = read(fd, buf + used, RECORD_MAX - used);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return ltv__fail(LTV_EIO, "%s: read error after line %llu (%s)", r->path,
                                      (unsigned long long)r->line, strerror(errno));
        eof = got == 0;
        used += (size_t)got;
        char *p = buf, *end = buf + used;
        if (first && (used >= 3 || eof)) {
            if (used >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
            first = false;
        }
        if (first) continue;
        while (p < end) {
            uint32_t newlines;
            bool quoted;
            const size_t len = ltv__csv_record_length(p, end, ',', eof, &newlines, &quoted);
            if (len == 0) break;
            int status = add_record(r, p, len, quoted);
            if (status != LTV_OK) return status;
            r->line += newlines;
            p += len;
        }
        used = (size_t)(end - p);
        if (used == RECORD_MAX)
            return ltv__fail(LTV_EPARSE, "%s: line %llu: a record is longer than %zu bytes (is a quote left open?)",
                             r->path, (unsigned long long)r->line, RECORD_MAX);
        memmove(buf, p, used);
    }
    return LTV_OK;
}

int ltv_plan_events_load_csv(ltv_plan_events *events, const char *path) {
    LTV_REQUIRE(events, "ltv_plan_events_load_csv");
    LTV_REQUIRE(path, "ltv_plan_events_load_csv");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "%s: cannot open (%s)", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ltv__fail(LTV_EIO, "%s: cannot read events from a directory", path);
    }
    char *buf = ltv__malloc(RECORD_MAX);
    int status = buf ? LTV_OK : ltv__fail(LTV_ENOMEM, "ltv_plan_events_load_csv: out of memory");
    reader r = {.path = path, .events = events, .split = {.delimiter = ','}};
    if (status == LTV_OK) status = read_all(&r, fd, buf);
    ltv__csv_splitter_free(&r.split);
    ltv__free(buf);
    close(fd);
    return status;
}
