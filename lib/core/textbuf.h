/*
 * A growing text buffer for writers (JSON, CSV, tables) and a line/column finder for
 * readers' error messages. Internal to the library.
 */
#ifndef LTVCRM_TEXTBUF_H
#define LTVCRM_TEXTBUF_H

#include "internal.h"

/* Appends never fail loudly: the first failed allocation sets `failed`, later appends do
 * nothing, and ltv__tb_finish() reports LTV_ENOMEM once. The text is always NUL-terminated
 * when `data` is not NULL. */
typedef struct ltv__textbuf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} ltv__textbuf;

void ltv__tb_init(ltv__textbuf *tb);
void ltv__tb_append(ltv__textbuf *tb, const char *text, size_t len);
void ltv__tb_puts(ltv__textbuf *tb, const char *text);
void ltv__tb_printf(ltv__textbuf *tb, const char *fmt, ...) LTV_PRINTF(2, 3);
void ltv__tb_repeat(ltv__textbuf *tb, const char *unit, size_t times);
/* A JSON string literal with its quotes; control characters, quotes and backslashes escaped. */
void ltv__tb_json_string(ltv__textbuf *tb, const char *text, size_t len);
/* A CSV field, quoted when it holds the delimiter, a quote, a line break or edge spaces. */
void ltv__tb_csv_field(ltv__textbuf *tb, const char *text, size_t len);
/* Text made safe in HTML, in element content and in quoted attribute values alike: & < > " '
 * become entities. The one HTML escape of the library. */
void ltv__tb_html(ltv__textbuf *tb, const char *text, size_t len);
/* A number with a fixed count of decimals (0..6), rounded half away from zero, written with
 * integer arithmetic so that the host program's locale (a decimal comma) never shows; NaN and
 * infinities are written as 0. */
void ltv__tb_fixed(ltv__textbuf *tb, double value, int decimals);
/* An integer of minor units as money with `decimals` decimals and thousands separators. */
void ltv__tb_money(ltv__textbuf *tb, int64_t minor, int decimals);
/* An unsigned count with thousands separators. */
void ltv__tb_count(ltv__textbuf *tb, uint64_t count);

/* The same two into a caller's buffer, for messages built with snprintf: "1,074,015" and
 * "-1,234.50" (`decimals` 0..6). A buffer of LTV__NUMBER_TEXT bytes holds any value; a
 * smaller one gets a cut, NUL-terminated text. */
#define LTV__NUMBER_TEXT 32
void ltv__format_count(uint64_t count, char *buf, size_t cap);
void ltv__format_money(int64_t minor, int decimals, char *buf, size_t cap);

/* Hand the text to the caller (release with ltv_free) or fail with LTV_ENOMEM naming `what`. */
int ltv__tb_finish(ltv__textbuf *tb, const char *what, char **out_text, size_t *out_len);
void ltv__tb_discard(ltv__textbuf *tb);

/* 1-based line and column (in characters, not bytes) of a byte offset in UTF-8 text.
 * Lines end at LF; a CR before LF is part of the line end. */
void ltv__text_position(const char *data, size_t len, size_t offset, uint32_t *out_line, uint32_t *out_column);

/* Records a failure "<what>: line L, column C: <message>" for a byte offset in the text and
 * returns `status`: the one shape of a reader's error message. */
int ltv__fail_at_offset(int status, const char *what, const char *data, size_t len, size_t offset, const char *message);

/* Reads the whole file at `path` into tb (initialized here), at most `max` bytes: a longer
 * (or endless) file is LTV_ERANGE "'path' is larger than MAX bytes; <what>", after reading
 * max + 1 bytes at the most. LTV_EIO names the system error; on any failure tb is empty.
 * (file_read.c) */
int ltv__tb_read_file(ltv__textbuf *tb, const char *func, const char *path, size_t max, const char *what);

#endif
