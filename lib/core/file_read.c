/* Reading a whole, small text file (planner texts, matrix plans) with a size cap: the one
 * reader for files the library reads in one piece. A file past the cap (or endless, such as
 * /dev/zero) is refused after reading cap + 1 bytes, so memory stays bounded. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "textbuf.h"

int ltv__tb_read_file(ltv__textbuf *tb, const char *func, const char *path, size_t max, const char *what) {
    ltv__tb_init(tb);
    FILE *file = fopen(path, "rb");
    if (!file) return ltv__fail(LTV_EIO, "%s: cannot open '%s': %s", func, path, strerror(errno));
    char chunk[8192];
    size_t n;
    while (tb->len <= max && (n = fread(chunk, 1, sizeof chunk, file)) > 0) ltv__tb_append(tb, chunk, n);
    const bool read_error = ferror(file) != 0;
    const int err = errno;
    fclose(file);
    int status = LTV_OK;
    if (read_error) {
        status = ltv__fail(LTV_EIO, "%s: cannot read '%s': %s", func, path, strerror(err));
    } else if (tb->len > max) {
        char limit[LTV__NUMBER_TEXT];
        ltv__format_count(max, limit, sizeof limit);
        status = ltv__fail(LTV_ERANGE, "%s: '%s' is larger than %s bytes; %s", func, path, limit, what);
    } else if (tb->failed) {
        status = ltv__fail(LTV_ENOMEM, "%s: out of memory reading '%s'", func, path);
    }
    if (status != LTV_OK) ltv__tb_discard(tb);
    return status;
}
