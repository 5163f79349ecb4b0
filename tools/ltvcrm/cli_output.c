/* Buffered writers for the per-customer tables. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_out_flush(cli_out *out) {
    if (out->len) fwrite(out->buf, 1, out->len, out->file);
    out->len = 0;
}

void cli_out_bytes(cli_out *out, const char *text, size_t len) {
    if (out->len + len > sizeof out->buf) {
        cli_out_flush(out);
        if (len > sizeof out->buf) {
            fwrite(text, 1, len, out->file);
            return;
        }
    }
    memcpy(out->buf + out->len, text, len);
    out->len += len;
}

void cli_out_str(cli_out *out, const char *text) { cli_out_bytes(out, text, strlen(text)); }

void cli_out_i64(cli_out *out, int64_t value) {
    char digits[24];
    size_t n = sizeof digits;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[--n] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) digits[--n] = '-';
    cli_out_bytes(out, digits + n, sizeof digits - n);
}

void cli_out_money(cli_out *out, int64_t minor, int decimals) {
    char text[64];
    cli_format_money(minor, decimals, false, text, sizeof text);
    cli_out_str(out, text);
}

void cli_out_csv_field(cli_out *out, const char *text, size_t len) {
    if (!memchr(text, ',', len) && !memchr(text, '"', len) && !memchr(text, '\n', len) && !memchr(text, '\r', len)) {
        cli_out_bytes(out, text, len);
        return;
    }
    cli_out_bytes(out, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') cli_out_bytes(out, "\"", 1);
        cli_out_bytes(out, text + i, 1);
    }
    cli_out_bytes(out, "\"", 1);
}
