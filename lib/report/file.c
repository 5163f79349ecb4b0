/* ltv_report_html_file: the page written next to its destination, flushed and renamed over
 * it, so a reader (a browser, a web server) sees the old file or the new one, never half. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_internal.h"

static int write_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int ltv_report_html_file(const char *path, const ltv_ledger *ledger, const ltv_report_options *opts,
                         int32_t as_of_day) {
    LTV_REQUIRE(path, "ltv_report_html_file");
    LTV_REQUIRE(ledger, "ltv_report_html_file");
    if (!*path) return ltv__fail(LTV_EINVAL, "ltv_report_html_file: the path is empty");
    char *html = NULL;
    size_t len = 0;
    int status = ltv_report_html(&html, &len, ledger, opts, as_of_day);
    if (status != LTV_OK) return status;
    const size_t plen = strlen(path);
    char *tmp = ltv__malloc(plen + sizeof ".tmp.XXXXXX");
    if (!tmp) {
        ltv_free(html);
        return ltv__fail(LTV_ENOMEM, "ltv_report_html_file: out of memory");
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    const int fd = mkstemp(tmp);
    const char *step = "create";
    bool ok = fd >= 0;
    if (ok) step = "write", ok = fchmod(fd, 0644) == 0 && write_all(fd, html, len) == 0;
    if (ok) step = "flush", ok = fsync(fd) == 0;
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && ok) step = "close", ok = false, err = errno;
    if (ok) step = "rename", ok = rename(tmp, path) == 0, err = errno;
    if (!ok) {
        if (fd >= 0) unlink(tmp);
        status = ltv__fail(LTV_EIO, "ltv_report_html_file: %s: cannot %s the file: %s", path, step, strerror(err));
    }
    ltv__free(tmp);
    ltv_free(html);
    return status;
}
