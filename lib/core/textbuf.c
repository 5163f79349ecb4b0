/* A growing text buffer with sticky allocation failure, and line/column lookup. */
#include "textbuf.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ltv__tb_init(ltv__textbuf *tb) {
    tb->data = NULL;
    tb->len = 0;
    tb->cap = 0;
    tb->failed = false;
}

static bool reserve(ltv__textbuf *tb, size_t extra) {
    if (tb->failed) return false;
    if (extra > SIZE_MAX - tb->len - 1) {
        tb->failed = true;
        return false;
    }
    size_t need = tb->len + extra + 1;
    if (need <= tb->cap) return true;
    size_t cap = tb->cap ? tb->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *grown = ltv__realloc(tb->data, cap);
    if (!grown) {
        tb->failed = true;
        return false;
    }
    tb->data = grown;
    tb->cap = cap;
    return true;
}

void ltv__tb_append(ltv__textbuf *tb, const char *text, size_t len) {
    if (!reserve(tb, len)) return;
    if (len) memcpy(tb->data + tb->len, text, len);
    tb->len += len;
    tb->data[tb->len] = '\0';
}

void ltv__tb_puts(ltv__textbuf *tb, const char *text) { ltv__tb_append(tb, text, strlen(text)); }

void ltv__tb_printf(ltv__textbuf *tb, const char *fmt, ...) {
    char small[256];
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(small, sizeof small, fmt, args);
    va_end(args);
    if (n < 0) {
        tb->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        ltv__tb_append(tb, small, (size_t)n);
        return;
    }
    if (!reserve(tb, (size_t)n)) return;
    va_start(args, fmt);
    vsnprintf(tb->data + tb->len, (size_t)n + 1, fmt, args);
    va_end(args);
    tb->len += (size_t)n;
}

void ltv__tb_repeat(ltv__textbuf *tb, const char *unit, size_t times) {
    size_t unit_len = strlen(unit);
    for (size_t i = 0; i < times; i++) ltv__tb_append(tb, unit, unit_len);
}

/* How the one JSON escaper writes byte c: NULL when as it is, else its escape (in hex[7] for
 * the \u00XX forms). RFC 8259 requires ", \ and U+0000..U+001F; U+007F is escaped too so that
 * no control character reaches a terminal. */
static const char *json_escape(unsigned char c, char hex[7]) {
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default:
        if (c >= 0x20 && c != 0x7F) return NULL;
        snprintf(hex, 7, "\\u%04x", (unsigned)c);
        return hex;
    }
}

void ltv__tb_json_string(ltv__textbuf *tb, const char *text, size_t len) {
    ltv__tb_append(tb, "\"", 1);
    size_t run = 0; /* bytes copied as they are, flushed before each escape */
    for (size_t i = 0; i < len; i++) {
        char hex[7];
        const char *escape = json_escape((unsigned char)text[i], hex);
        if (!escape) continue;
        ltv__tb_append(tb, text + run, i - run);
        ltv__tb_puts(tb, escape);
        run = i + 1;
    }
    ltv__tb_append(tb, text + run, len - run);
    ltv__tb_append(tb, "\"", 1);
}

int ltv_json_quote(const char *text, size_t len, char *buf, size_t capacity, size_t *out_len) {
    if (out_len) *out_len = 0;
    if ((!text && len) || (!buf && capacity))
        return ltv__fail(LTV_EINVAL, "ltv_json_quote: %s is NULL", !text && len ? "text" : "buf");
    size_t need = 2;
    for (size_t i = 0; i < len; i++) {
        char hex[7];
        const char *escape = json_escape((unsigned char)text[i], hex);
        need += escape ? strlen(escape) : 1;
    }
    if (out_len) *out_len = need;
    if (capacity < need + 1)
        return ltv__fail(LTV_EBUFSIZE, "ltv_json_quote: the literal needs %zu bytes with its NUL, the buffer has %zu",
                         need + 1, capacity);
    size_t at = 0;
    buf[at++] = '"';
    for (size_t i = 0; i < len; i++) {
        char hex[7];
        const char *escape = json_escape((unsigned char)text[i], hex);
        size_t n = escape ? strlen(escape) : 1;
        memcpy(buf + at, escape ? escape : text + i, n);
        at += n;
    }
    buf[at++] = '"';
    buf[at] = '\0';
    return LTV_OK;
}

void ltv__tb_csv_field(ltv__textbuf *tb, const char *text, size_t len) {
    bool quote = len > 0 && (text[0] == ' ' || text[len - 1] == ' ');
    for (size_t i = 0; i < len && !quote; i++)
        quote = text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';
    if (!quote) {
        ltv__tb_append(tb, text, len);
        return;
    }
    ltv__tb_append(tb, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '"') continue;
        ltv__tb_append(tb, text + run, i + 1 - run); /* the quote itself, then its double */
        ltv__tb_append(tb, "\"", 1);
        run = i + 1;
    }
    ltv__tb_append(tb, text + run, len - run);
    ltv__tb_append(tb, "\"", 1);
}

void ltv__tb_html(ltv__textbuf *tb, const char *text, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *entity = NULL;
        switch (text[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: break;
        }
        if (!entity) continue;
        ltv__tb_append(tb, text + run, i - run);
        ltv__tb_puts(tb, entity);
        run = i + 1;
    }
    ltv__tb_append(tb, text + run, len - run);
}

void ltv__tb_fixed(ltv__textbuf *tb, double value, int decimals) {
    if (!isfinite(value)) value = 0.0;
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    const bool negative = value < 0;
    double magnitude = fabs(value);
    if (magnitude > 1.8e19) magnitude = 1.8e19;
    uint64_t whole = (uint64_t)magnitude;
    uint64_t fraction = (uint64_t)llround((magnitude - (double)whole) * (double)scale);
    if (fraction >= scale) whole++, fraction -= scale;
    const char *sign = negative && (whole || fraction) ? "-" : "";
    if (decimals == 0) ltv__tb_printf(tb, "%s%" PRIu64, sign, whole);
    else ltv__tb_printf(tb, "%s%" PRIu64 ".%0*" PRIu64, sign, whole, decimals, fraction);
}

void ltv__format_count(uint64_t count, char *buf, size_t cap) {
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)count);
    size_t out = 0;
    for (int i = 0; i < len && out + 2 < cap; i++) {
        if (i > 0 && (len - i) % 3 == 0) buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
}

void ltv__format_money(int64_t minor, int decimals, char *buf, size_t cap) {
    if (decimals > 18) decimals = 18; /* callers pass 0..6; 10^18 is the last power in 64 bits */
    /* Work on the magnitude as unsigned so that INT64_MIN prints too. */
    uint64_t magnitude = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++) scale *= 10;
    char whole[32];
    ltv__format_count(magnitude / scale, whole, sizeof whole);
    if (decimals > 0)
        snprintf(buf, cap, "%s%s.%0*llu", minor < 0 ? "-" : "", whole, decimals,
                 (unsigned long long)(magnitude % scale));
    else
        snprintf(buf, cap, "%s%s", minor < 0 ? "-" : "", whole);
}

void ltv__tb_count(ltv__textbuf *tb, uint64_t count) {
    char text[LTV__NUMBER_TEXT];
    ltv__format_count(count, text, sizeof text);
    ltv__tb_puts(tb, text);
}

void ltv__tb_money(ltv__textbuf *tb, int64_t minor, int decimals) {
    char text[LTV__NUMBER_TEXT];
    ltv__format_money(minor, decimals, text, sizeof text);
    ltv__tb_puts(tb, text);
}

int ltv__tb_finish(ltv__textbuf *tb, const char *what, char **out_text, size_t *out_len) {
    if (!tb->failed && !tb->data) ltv__tb_append(tb, "", 0); /* an empty text is still a string */
    if (tb->failed) {
        ltv__tb_discard(tb);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory while writing the text", what);
    }
    *out_text = tb->data;
    if (out_len) *out_len = tb->len;
    ltv__tb_init(tb);
    return LTV_OK;
}

void ltv__tb_discard(ltv__textbuf *tb) {
    ltv__free(tb->data);
    ltv__tb_init(tb);
}

void ltv__text_position(const char *data, size_t len, size_t offset, uint32_t *out_line, uint32_t *out_column) {
    uint32_t line = 1, column = 1;
    if (offset > len) offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n') {
            line++;
            column = 1;
        } else if ((c & 0xC0) != 0x80 && !(c == '\r' && i + 1 < len && data[i + 1] == '\n')) {
            column++; /* count characters: skip UTF-8 continuation bytes and the CR of CRLF */
        }
    }
    *out_line = line;
    *out_column = column;
}

int ltv__fail_at_offset(int status, const char *what, const char *data, size_t len, size_t offset, const char *message) {
    uint32_t line, column;
    ltv__text_position(data, len, offset, &line, &column);
    return ltv__fail(status, "%s: line %u, column %u: %s", what, (unsigned)line, (unsigned)column, message);
}
