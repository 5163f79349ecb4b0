/* A growing text buffer for the planner's writers (text format, reports, explanations).
 * The first failed allocation sets `failed` and later appends do nothing, so writers check
 * once at the end. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "planner_internal.h"

static bool reserve(ltv__plan_buf *buf, size_t extra) {
    if (buf->failed) return false;
    if (extra > SIZE_MAX - buf->len - 1) {
        buf->failed = true;
        return false;
    }
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return true;
    size_t cap = buf->cap ? buf->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *grown = ltv__realloc(buf->data, cap);
    if (!grown) {
        buf->failed = true;
        return false;
    }
    buf->data = grown;
    buf->cap = cap;
    return true;
}

void ltv__plan_buf_put(ltv__plan_buf *buf, const char *text, size_t len) {
    if (!reserve(buf, len)) return;
    if (len) memcpy(buf->data + buf->len, text, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void ltv__plan_buf_puts(ltv__plan_buf *buf, const char *text) { ltv__plan_buf_put(buf, text, strlen(text)); }

void ltv__plan_buf_printf(ltv__plan_buf *buf, const char *fmt, ...) {
    char small[256];
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0) {
        buf->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        ltv__plan_buf_put(buf, small, (size_t)n);
        return;
    }
    if (!reserve(buf, (size_t)n)) return;
    va_start(args, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, args);
    va_end(args);
    buf->len += (size_t)n;
}

void ltv__plan_buf_free(ltv__plan_buf *buf) {
    ltv__free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
