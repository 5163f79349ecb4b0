/* UTF-8 validation and display width, for input checks and terminal tables. */
#include <string.h>

#include "internal.h"

bool ltv__utf8_valid(const char *text, size_t len, size_t *bad_offset) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path: eight bytes at a time while no high bit is set. */
        while (i + 8 <= len) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1, cp = c & 0x1Fu, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, cp = c & 0x0Fu, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            goto bad;
        }
        if (len - i <= need) goto bad;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
        i += need + 1;
    }
    return true;
bad:
    if (bad_offset) *bad_offset = i;
    return false;
}

/* East Asian Wide and Fullwidth ranges that matter for CRM text (CJK, kana, hangul,
 * fullwidth forms, common emoji). */
static bool is_wide(uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t ltv__utf8_display_width(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t width = 0, i = 0;
    while (i < len) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t step;
        if (c < 0x80) {
            cp = c, step = 1;
        } else if (c < 0xE0) {
            cp = c & 0x1Fu, step = 2;
        } else if (c < 0xF0) {
            cp = c & 0x0Fu, step = 3;
        } else {
            cp = c & 0x07u, step = 4;
        }
        for (size_t k = 1; k < step && i + k < len; k++) cp = (cp << 6) | (s[i + k] & 0x3Fu);
        i += step;
        if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B) continue; /* control, combining */
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}
