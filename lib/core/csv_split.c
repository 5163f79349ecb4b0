/* The one CSV record finder and field splitter (see csv_split.h). */
#include "csv_split.h"

#include <string.h>

#include "internal.h"

size_t ltv__csv_record_length(const char *p, const char *end, char delimiter, bool eof, uint32_t *newlines,
                              bool *quoted) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    const char *cr = memchr(p, '\r', (size_t)(stop - p));
    if (cr && cr + 1 == nl) cr = NULL; /* CRLF: the LF ends the line */
    if (cr) stop = cr;
    *quoted = memchr(p, '"', (size_t)(stop - p)) != NULL;
    if (!*quoted) { /* the common case: no quotes on this line */
        if (cr) {
            if (cr + 1 == end && !eof) return 0; /* an LF may follow in the next read */
            *newlines = 1;
            return (size_t)(cr - p) + 1;
        }
        *newlines = nl ? 1 : 0;
        if (nl) return (size_t)(nl - p) + 1;
        return eof ? (size_t)(end - p) : 0;
    }
    enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } state = FIELD_START;
    uint32_t lines = 0;
    for (const char *q = p; q < end; q++) {
        const char c = *q;
        if ((c == '\n' || c == '\r') && state != QUOTED) {
            if (c == '\r' && q + 1 == end && !eof) return 0;
            *newlines = lines + 1;
            return (size_t)(q - p) + 1 + (c == '\r' && q + 1 < end && q[1] == '\n');
        }
        if (c == '\n' || (c == '\r' && !(q + 1 < end && q[1] == '\n'))) lines++;
        switch (state) {
        case FIELD_START:
            state = c == '"' ? QUOTED : c == delimiter || c == ' ' || c == '\t' ? FIELD_START : UNQUOTED;
            break;
        case UNQUOTED:
            if (c == delimiter) state = FIELD_START;
            break;
        case QUOTED:
            if (c == '"') state = QUOTE_IN_QUOTED;
            break;
        case QUOTE_IN_QUOTED:
            state = c == '"' ? QUOTED : c == delimiter ? FIELD_START : UNQUOTED;
            break;
        }
    }
    *newlines = lines;
    return eof ? (size_t)(end - p) : 0;
}

size_t ltv__csv_record_text(const char *p, size_t len) {
    if (len && p[len - 1] == '\n') len--;
    if (len && p[len - 1] == '\r') len--;
    return len;
}

static void trim(const char **text, size_t *len) {
    while (*len && ((*text)[0] == ' ' || (*text)[0] == '\t')) (*text)++, (*len)--;
    while (*len && ((*text)[*len - 1] == ' ' || (*text)[*len - 1] == '\t')) (*len)--;
}

/* The next free field slot; NULL when out of memory. */
static ltv__csv_field *next_field(ltv__csv_splitter *s) {
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? s->capacity * 2 : 16;
        ltv__csv_field *grown = ltv__realloc_array(s->fields, capacity, sizeof *grown);
        if (!grown) return NULL;
        s->fields = grown;
        s->capacity = capacity;
    }
    return &s->fields[s->count++];
}

/* Adds the field [start, end) of a quote-free line, trimmed. */
static int emit_plain(ltv__csv_splitter *s, const char *p, size_t start, size_t end) {
    ltv__csv_field *f = next_field(s);
    if (!f) return -1;
    f->text = p + start;
    f->len = end - start;
    if (f->len && (f->text[0] == ' ' || f->text[0] == '\t' || f->text[f->len - 1] == ' ' || f->text[f->len - 1] == '\t'))
        trim(&f->text, &f->len);
    return 0;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LTV_SWAR_SPLIT 1
#endif

/* The common case, a line without quotes. Separators are found eight bytes at a time: a
 * byte equal to the separator becomes zero after the XOR, and the mask below has the high
 * bit of exactly those bytes set (no borrow between bytes), so every separator of the word
 * is visited by its bit position. Fields are short (5 to 11 bytes), where a byte loop or a
 * libc call per field costs more than the whole rest of the row. */
static int split_plain(ltv__csv_splitter *s, const char *p, size_t len) {
    const char delimiter = s->delimiter;
    size_t start = 0, i = 0;
    s->count = 0;
#ifdef LTV_SWAR_SPLIT
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, pattern = 0x0101010101010101ull * (uint8_t)delimiter;
    for (; i + 8 <= len; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, sizeof word);
        const uint64_t x = word ^ pattern;
        uint64_t found = ~(((x & low7) + low7) | x | low7);
        while (found) {
            const size_t at = i + (size_t)__builtin_ctzll(found) / 8;
            if (emit_plain(s, p, start, at) != 0) return -1;
            start = at + 1;
            found &= found - 1;
        }
    }
#endif
    for (; i < len; i++) {
        if (p[i] != delimiter) continue;
        if (emit_plain(s, p, start, i) != 0) return -1;
        start = i + 1;
    }
    return emit_plain(s, p, start, len);
}

/* Spaces and tabs around a quoted value are padding, unless the tab is the separator. */
static inline bool is_padding(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

int ltv__csv_split(ltv__csv_splitter *s, char *p, size_t len, bool quoted, size_t *bad_field, size_t *bad_offset) {
    if (!quoted) return split_plain(s, p, len);
    char *const record = p, *end = p + len;
    s->count = 0;
    for (;;) {
        ltv__csv_field *f = next_field(s);
        if (!f) return -1;
        char *q = p;
        while (q < end && is_padding(*q, s->delimiter)) q++;
        if (q < end && *q == '"') {
            const size_t opening = (size_t)(q - record);
            char *out = ++q, *text = q;
            for (;;) {
                if (q >= end) {
                    *bad_field = s->count - 1;
                    *bad_offset = opening;
                    return LTV__CSV_UNCLOSED;
                }
                if (*q == '"') {
                    if (q + 1 < end && q[1] == '"') {
                        *out++ = '"';
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                if (*q == '\r') { /* CRLF or a lone CR inside quotes: one LF */
                    *out++ = '\n';
                    q += q + 1 < end && q[1] == '\n' ? 2 : 1;
                    continue;
                }
                *out++ = *q++;
            }
            f->text = text;
            f->len = (size_t)(out - text);
            const size_t closed = (size_t)(q - record);
            while (q < end && is_padding(*q, s->delimiter)) q++;
            if (q < end && *q != s->delimiter) {
                *bad_field = s->count - 1;
                *bad_offset = closed;
                return LTV__CSV_TEXT_AFTER_QUOTE;
            }
            p = q;
        } else {
            char *stop = memchr(p, s->delimiter, (size_t)(end - p));
            if (!stop) stop = end;
            const char *quote = memchr(p, '"', (size_t)(stop - p));
            if (quote) {
                *bad_field = s->count - 1;
                *bad_offset = (size_t)(quote - record);
                return LTV__CSV_QUOTE_IN_FIELD;
            }
            f->text = p;
            f->len = (size_t)(stop - p);
            trim(&f->text, &f->len);
            p = stop;
        }
        if (p >= end) return 0;
        p++; /* the delimiter */
    }
}

void ltv__csv_splitter_free(ltv__csv_splitter *s) {
    ltv__free(s->fields);
    s->fields = NULL;
    s->count = s->capacity = 0;
}
