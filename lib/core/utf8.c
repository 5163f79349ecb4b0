/* UTF-8 decoding, validation and display width, for input checks and terminal tables. */
#include <string.h>

#include "internal.h"

/* The character at s[i] (i < len): true with *cp and *size set when it is well-formed UTF-8
 * (no overlong form, no surrogate, at most U+10FFFF, not cut short by len). Inline so that
 * the validator's loop keeps its speed. */
static inline bool decode_at(const unsigned char *s, size_t len, size_t i, uint32_t *cp, size_t *size) {
    unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c, *size = 1;
        return true;
    }
    size_t need;
    uint32_t value, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, value = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, value = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, value = c & 0x07u, min = 0x10000;
    } else {
        return false;
    }
    if (len - i <= need) return false;
    for (size_t k = 1; k <= need; k++) {
        if ((s[i + k] & 0xC0) != 0x80) return false;
        value = (value << 6) | (s[i + k] & 0x3Fu);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    *cp = value, *size = need + 1;
    return true;
}

bool ltv__utf8_next(const char *text, size_t len, size_t *pos, uint32_t *out_cp) {
    size_t size;
    if (decode_at((const unsigned char *)text, len, *pos, out_cp, &size)) {
        *pos += size;
        return true;
    }
    *out_cp = 0xFFFD; /* the replacement character */
    *pos += 1;
    return false;
}

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
        uint32_t cp;
        size_t size;
        if (!decode_at(s, len, i, &cp, &size)) {
            if (bad_offset) *bad_offset = i;
            return false;
        }
        i += size;
    }
    return true;
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
    size_t width = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        ltv__utf8_next(text, len, &i, &cp); /* a stray byte shows as U+FFFD, one column */
        if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B) continue; /* control, combining */
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}
