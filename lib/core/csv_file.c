/* Reading a small CSV file (a side input: platform events, P(alive) per customer) record by
 * record, with the order-log loader's field splitter. Every record reaches the caller with
 * its line, or the read fails naming the line and, where it can, the column. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_split.h"
#include "internal.h"

#define RECORD_MAX ((size_t)64 << 10) /* a line of a side input: an id (at most 1 KiB) and a few fields */

int ltv__csv_record_fail(const ltv__csv_record *rec, int status, size_t column, const char *why) {
    if (column)
        return ltv__fail(status, "%s: line %llu, column %zu: %s", rec->path, (unsigned long long)rec->line, column, why);
    return ltv__fail(status, "%s: line %llu: %s", rec->path, (unsigned long long)rec->line, why);
}

/* One record (with its line end) to the caller, unless blank. */
static int deliver(ltv__csv_record *rec, ltv__csv_splitter *split, char *p, size_t len, bool quoted,
                   ltv__csv_record_fn fn, void *ctx) {
    len = ltv__csv_record_text(p, len);
    bool blank = true;
    for (size_t i = 0; i < len && blank; i++) blank = p[i] == ' ' || p[i] == '\t';
    if (blank) return LTV_OK;
    rec->number++;
    if (memchr(p, '\0', len)) return ltv__csv_record_fail(rec, LTV_EPARSE, 0, "a NUL byte (is this a text file?)");
    size_t bad;
    if (!ltv__utf8_valid(p, len, &bad)) return ltv__csv_record_fail(rec, LTV_EENCODING, 0, "the line is not valid UTF-8");
    size_t bad_field = 0, bad_offset;
    const int rc = ltv__csv_split(split, p, len, quoted, &bad_field, &bad_offset);
    if (rc < 0) return ltv__fail(LTV_ENOMEM, "%s: out of memory", rec->path);
    if (rc)
        return ltv__csv_record_fail(rec, LTV_EPARSE, bad_field + 1,
                                    rc == LTV__CSV_UNCLOSED ? "the quoted field is not closed"
                                    : rc == LTV__CSV_TEXT_AFTER_QUOTE
                                        ? "text after the closing quote"
                                        : "a quote inside an unquoted field (quote the whole field and double the quote)");
    rec->fields = split->fields;
    rec->count = split->count;
    return fn(ctx, rec);
}

static int read_all(ltv__csv_record *rec, ltv__csv_splitter *split, int fd, char *buf, ltv__csv_record_fn fn,
                    void *ctx) {
    size_t used = 0;
    bool eof = false, first = true;
    rec->line = 1;
    while (!eof) {
        ssize_t got = read(fd, buf + used, RECORD_MAX - used);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0)
            return ltv__fail(LTV_EIO, "%s: read error after line %llu (%s)", rec->path, (unsigned long long)rec->line,
                             strerror(errno));
        eof = got == 0;
        used += (size_t)got;
        char *p = buf, *end = buf + used;
        if (first && (used >= 3 || eof)) {
            if (used >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* a UTF-8 byte order mark */
            first = false;
        }
        if (first) continue;
        while (p < end) {
            uint32_t newlines;
            bool quoted;
            const size_t len = ltv__csv_record_length(p, end, ',', eof, &newlines, &quoted);
            if (len == 0) break;
            int status = deliver(rec, split, p, len, quoted, fn, ctx);
            if (status != LTV_OK) return status;
            rec->line += newlines;
            p += len;
        }
        used = (size_t)(end - p);
        if (used == RECORD_MAX)
            return ltv__fail(LTV_EPARSE, "%s: line %llu: a record is longer than %zu bytes (is a quote left open?)",
                             rec->path, (unsigned long long)rec->line, RECORD_MAX);
        memmove(buf, p, used);
    }
    return LTV_OK;
}

int ltv__csv_read_file(const char *path, const char *what, ltv__csv_record_fn fn, void *ctx) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ltv__fail(LTV_EIO, "%s: cannot open (%s)", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ltv__fail(LTV_EIO, "%s: cannot read %s from a directory", path, what);
    }
    char *buf = ltv__malloc(RECORD_MAX);
    int status = buf ? LTV_OK : ltv__fail(LTV_ENOMEM, "%s: out of memory", path);
    ltv__csv_splitter split = {.delimiter = ','};
    ltv__csv_record rec = {.path = path};
    if (status == LTV_OK) status = read_all(&rec, &split, fd, buf, fn, ctx);
    ltv__csv_splitter_free(&split);
    ltv__free(buf);
    close(fd);
    return status;
}
