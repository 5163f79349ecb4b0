/* ltv_report_html_file: the page through the library's one file writer (lib/core/file_write.c:
 * a temporary file beside the destination, flushed and renamed over it), so a reader sees the
 * old page or the new one, never half. */
#include "report_internal.h"

int ltv_report_html_file(const char *path, const ltv_ledger *ledger, const ltv_report_options *opts,
                         int32_t as_of_day) {
    LTV_REQUIRE(path, "ltv_report_html_file");
    LTV_REQUIRE(ledger, "ltv_report_html_file");
    if (!*path) return ltv__fail(LTV_EINVAL, "ltv_report_html_file: the path is empty");
    char *html = NULL;
    size_t len = 0;
    int status = ltv_report_html(&html, &len, ledger, opts, as_of_day);
    if (status == LTV_OK) status = ltv__file_replace_bytes("ltv_report_html_file", path, html, len);
    ltv_free(html);
    return status;
}
