/* A recursive-descent JSON reader that keeps the line and column of every value. */
#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textbuf.h"

typedef struct reader {
    const char *what; /* names the input in messages */
    const char *data;
    size_t len;
    size_t pos;
    size_t depth;
    size_t mark;                  /* positions are found incrementally from the last one */
    uint32_t mark_line, mark_column;
} reader;

static int fail_at(const reader *r, size_t offset, int status, const char *message) {
    return ltv__fail_at_offset(status, r->what, r->data, r->len, offset, message);
}

/* Describe what sits at the current position, for "expected X, found Y" messages. */
static int fail_found(const reader *r, const char *expected) {
    char message[160];
    if (r->pos >= r->len) {
        snprintf(message, sizeof message, "expected %s, found the end of the input", expected);
    } else {
        unsigned char c = (unsigned char)r->data[r->pos];
        if (c >= 0x20 && c < 0x7F)
            snprintf(message, sizeof message, "expected %s, found '%c'", expected, c);
        else
            snprintf(message, sizeof message, "expected %s, found byte 0x%02X", expected, (unsigned)c);
    }
    return fail_at(r, r->pos, LTV_EPARSE, message);
}

static void skip_space(reader *r) {
    while (r->pos < r->len) {
        char c = r->data[r->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        r->pos++;
    }
}

/* Values are visited in input order, so counting on from the previous position keeps the
 * bookkeeping linear in the input size. */
static void set_position(reader *r, size_t offset, uint32_t *line, uint32_t *column) {
    if (offset < r->mark) {
        r->mark = 0, r->mark_line = 1, r->mark_column = 1;
    }
    uint32_t l, c;
    ltv__text_position(r->data + r->mark, r->len - r->mark, offset - r->mark, &l, &c);
    *line = r->mark_line + l - 1;
    *column = l == 1 ? r->mark_column + c - 1 : c;
    r->mark = offset, r->mark_line = *line, r->mark_column = *column;
}

static int hex4(const reader *r, size_t at, uint32_t *out) {
    uint32_t v = 0;
    if (r->len - at < 4) return fail_at(r, at, LTV_EPARSE, "\\u needs four hexadecimal digits");
    for (size_t i = 0; i < 4; i++) {
        char c = r->data[at + i];
        uint32_t d;
        if (c >= '0' && c <= '9') d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (uint32_t)(c - 'A' + 10);
        else return fail_at(r, at + i, LTV_EPARSE, "\\u needs four hexadecimal digits");
        v = v << 4 | d;
    }
    *out = v;
    return LTV_OK;
}

static void append_utf8(ltv__textbuf *tb, uint32_t cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    ltv__tb_append(tb, b, n);
}

/* Read a string literal at r->pos (which holds the opening quote) into a new buffer. */
static int read_string(reader *r, char **out, size_t *out_len) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    size_t start = r->pos++;
    for (;;) {
        if (r->pos >= r->len) {
            ltv__tb_discard(&tb);
            return fail_at(r, start, LTV_EPARSE, "string is not closed");
        }
        unsigned char c = (unsigned char)r->data[r->pos];
        if (c == '"') {
            r->pos++;
            break;
        }
        if (c < 0x20) {
            ltv__tb_discard(&tb);
            return fail_at(r, r->pos, LTV_EPARSE, "control character inside a string (write it as an escape such as \\n)");
        }
        if (c != '\\') {
            size_t run = r->pos;
            while (r->pos < r->len && r->data[r->pos] != '"' && r->data[r->pos] != '\\' &&
                   (unsigned char)r->data[r->pos] >= 0x20)
                r->pos++;
            ltv__tb_append(&tb, r->data + run, r->pos - run);
            continue;
        }
        size_t escape_at = r->pos;
        if (r->pos + 1 >= r->len) {
            r->pos = r->len; /* reported as an unclosed string */
            continue;
        }
        char e = r->data[r->pos + 1];
        r->pos += 2;
        const char *simple = NULL;
        switch (e) {
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case '/': simple = "/"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        case 'u': break;
        default:
            ltv__tb_discard(&tb);
            return fail_at(r, escape_at, LTV_EPARSE, "unknown escape in a string (known: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        if (simple) {
            ltv__tb_append(&tb, simple, 1);
            continue;
        }
        uint32_t cp;
        int status = hex4(r, r->pos, &cp);
        if (status != LTV_OK) {
            ltv__tb_discard(&tb);
            return status;
        }
        r->pos += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            ltv__tb_discard(&tb);
            return fail_at(r, escape_at, LTV_EPARSE, "\\u escape is a lone low surrogate");
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (r->len - r->pos < 6 || r->data[r->pos] != '\\' || r->data[r->pos + 1] != 'u' ||
                hex4(r, r->pos + 2, &low) != LTV_OK || low < 0xDC00 || low > 0xDFFF) {
                ltv__tb_discard(&tb);
                return fail_at(r, escape_at, LTV_EPARSE, "\\u escape is a high surrogate without its low surrogate");
            }
            r->pos += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(&tb, cp);
    }
    return ltv__tb_finish(&tb, r->what, out, out_len);
}

static int read_number(reader *r, ltv__json *node) {
    size_t start = r->pos;
    const char *d = r->data;
    size_t i = r->pos;
    if (i < r->len && d[i] == '-') i++;
    if (i < r->len && d[i] == '0') {
        i++;
    } else if (i < r->len && d[i] >= '1' && d[i] <= '9') {
        while (i < r->len && d[i] >= '0' && d[i] <= '9') i++;
    } else {
        r->pos = i;
        return fail_found(r, "a digit");
    }
    if (i < r->len && d[i] == '.') {
        i++;
        if (i >= r->len || d[i] < '0' || d[i] > '9') {
            r->pos = i;
            return fail_found(r, "a digit after the decimal point");
        }
        while (i < r->len && d[i] >= '0' && d[i] <= '9') i++;
    }
    if (i < r->len && (d[i] == 'e' || d[i] == 'E')) {
        i++;
        if (i < r->len && (d[i] == '+' || d[i] == '-')) i++;
        if (i >= r->len || d[i] < '0' || d[i] > '9') {
            r->pos = i;
            return fail_found(r, "a digit in the exponent");
        }
        while (i < r->len && d[i] >= '0' && d[i] <= '9') i++;
    }
    node->type = LTV__JSON_NUMBER;
    node->text = ltv__strndup(d + start, i - start);
    if (!node->text) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
    node->len = i - start;
    r->pos = i;
    return LTV_OK;
}

static bool match_word(reader *r, const char *word) {
    size_t n = strlen(word);
    if (r->len - r->pos < n || memcmp(r->data + r->pos, word, n) != 0) return false;
    r->pos += n;
    return true;
}

static int add_child(const reader *r, ltv__json *parent, size_t *cap, ltv__json **out_child) {
    if (parent->count == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        ltv__json *children = ltv__realloc_array(parent->children, grown, sizeof *children);
        if (!children) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
        parent->children = children;
        *cap = grown;
    }
    *out_child = &parent->children[parent->count++];
    memset(*out_child, 0, sizeof **out_child);
    return LTV_OK;
}

static int read_value(reader *r, ltv__json *node);

static int read_array(reader *r, ltv__json *node) {
    size_t cap = 0;
    node->type = LTV__JSON_ARRAY;
    r->pos++;
    skip_space(r);
    if (r->pos < r->len && r->data[r->pos] == ']') {
        r->pos++;
        return LTV_OK;
    }
    for (;;) {
        ltv__json *item = NULL;
        int status = add_child(r, node, &cap, &item);
        if (status == LTV_OK) status = read_value(r, item);
        if (status != LTV_OK) return status;
        skip_space(r);
        if (r->pos < r->len && r->data[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->pos < r->len && r->data[r->pos] == ']') {
            r->pos++;
            return LTV_OK;
        }
        return fail_found(r, "',' or ']' after an array item");
    }
}

static int compare_keys(const void *a, const void *b) {
    const ltv__json *x = *(const ltv__json *const *)a, *y = *(const ltv__json *const *)b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = memcmp(x->key, y->key, n);
    if (c != 0) return c;
    if (x->key_len != y->key_len) return x->key_len < y->key_len ? -1 : 1;
    return x < y ? -1 : x > y; /* members are contiguous: address order is input order */
}

/* Reject a member name given twice. Sorting keeps this O(n log n) for big objects; the
 * error names the earliest repetition and where the name first appeared. */
static int check_duplicates(const reader *r, const ltv__json *object) {
    if (object->count < 2) return LTV_OK;
    const ltv__json **sorted = ltv__malloc(object->count * sizeof *sorted);
    if (!sorted) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
    for (size_t i = 0; i < object->count; i++) sorted[i] = &object->children[i];
    qsort(sorted, object->count, sizeof *sorted, compare_keys);
    /* In sorted order equal names are adjacent, earliest first: in each group the second
     * member is the first repetition. Report the repetition that comes first in the input. */
    const ltv__json *again = NULL, *first = NULL;
    for (size_t i = 1; i < object->count; i++) {
        const ltv__json *a = sorted[i - 1], *b = sorted[i];
        bool same = a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
        bool starts_group = i == 1 || sorted[i - 2]->key_len != a->key_len ||
                            memcmp(sorted[i - 2]->key, a->key, a->key_len) != 0;
        if (same && starts_group && (!again || b < again)) again = b, first = a;
    }
    ltv__free(sorted);
    if (!again) return LTV_OK;
    char message[200];
    snprintf(message, sizeof message, "duplicate member \"%.100s\" (first at line %u, column %u)", again->key,
             (unsigned)first->key_line, (unsigned)first->key_column);
    return ltv__fail(LTV_EPARSE, "%s: line %u, column %u: %s", r->what, (unsigned)again->key_line,
                     (unsigned)again->key_column, message);
}

static int read_object(reader *r, ltv__json *node) {
    size_t cap = 0;
    node->type = LTV__JSON_OBJECT;
    r->pos++;
    skip_space(r);
    if (r->pos < r->len && r->data[r->pos] == '}') {
        r->pos++;
        return LTV_OK;
    }
    for (;;) {
        skip_space(r);
        if (r->pos >= r->len || r->data[r->pos] != '"') return fail_found(r, "a member name in double quotes");
        size_t key_at = r->pos;
        ltv__json *member = NULL;
        int status = add_child(r, node, &cap, &member);
        if (status != LTV_OK) return status;
        set_position(r, key_at, &member->key_line, &member->key_column);
        status = read_string(r, &member->key, &member->key_len);
        if (status != LTV_OK) return status;
        skip_space(r);
        if (r->pos >= r->len || r->data[r->pos] != ':') return fail_found(r, "':' after a member name");
        r->pos++;
        status = read_value(r, member);
        if (status != LTV_OK) return status;
        skip_space(r);
        if (r->pos < r->len && r->data[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->pos < r->len && r->data[r->pos] == '}') {
            r->pos++;
            return check_duplicates(r, node);
        }
        return fail_found(r, "',' or '}' after an object member");
    }
}

static int read_value(reader *r, ltv__json *node) {
    skip_space(r);
    set_position(r, r->pos, &node->line, &node->column);
    if (r->pos >= r->len) return fail_found(r, "a value");
    char c = r->data[r->pos];
    if (c == '{' || c == '[') {
        if (r->depth >= LTV__JSON_MAX_DEPTH) {
            char message[80];
            snprintf(message, sizeof message, "nesting deeper than %d arrays and objects", LTV__JSON_MAX_DEPTH);
            return fail_at(r, r->pos, LTV_EPARSE, message);
        }
        r->depth++;
        int status = c == '{' ? read_object(r, node) : read_array(r, node);
        r->depth--;
        return status;
    }
    if (c == '"') {
        node->type = LTV__JSON_STRING;
        return read_string(r, &node->text, &node->len);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return read_number(r, node);
    if (match_word(r, "true")) {
        node->type = LTV__JSON_TRUE;
        return LTV_OK;
    }
    if (match_word(r, "false")) {
        node->type = LTV__JSON_FALSE;
        return LTV_OK;
    }
    if (match_word(r, "null")) {
        node->type = LTV__JSON_NULL;
        return LTV_OK;
    }
    return fail_found(r, "a value (object, array, string, number, true, false or null)");
}

static void free_children(ltv__json *node) {
    for (size_t i = 0; i < node->count; i++) free_children(&node->children[i]);
    ltv__free(node->children);
    ltv__free(node->key);
    ltv__free(node->text);
}

void ltv__json_free(ltv__json *root) {
    if (!root) return;
    free_children(root);
    ltv__free(root);
}

int ltv__json_parse(const char *what, const char *data, size_t len, ltv__json **out) {
    reader r = {what, data, len, 0, 0, 0, 1, 1};
    size_t bad;
    if (!ltv__utf8_valid(data, len, &bad)) {
        char message[120];
        snprintf(message, sizeof message, "byte 0x%02X is not valid UTF-8 (save the file as UTF-8)",
                 (unsigned)(unsigned char)data[bad]);
        return fail_at(&r, bad, LTV_EENCODING, message);
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) r.pos = 3;
    ltv__json *root = ltv__calloc(1, sizeof *root);
    if (!root) return ltv__fail(LTV_ENOMEM, "%s: out of memory", what);
    int status = read_value(&r, root);
    if (status == LTV_OK) {
        skip_space(&r);
        if (r.pos < r.len) status = fail_found(&r, "the end of the input after the top-level value");
    }
    if (status != LTV_OK) {
        ltv__json_free(root);
        return status;
    }
    *out = root;
    return LTV_OK;
}

bool ltv__json_key_is(const ltv__json *member, const char *name) {
    return member->key && member->key_len == strlen(name) && memcmp(member->key, name, member->key_len) == 0;
}

const ltv__json *ltv__json_member(const ltv__json *object, const char *key) {
    if (!object || object->type != LTV__JSON_OBJECT) return NULL;
    size_t key_len = strlen(key);
    for (size_t i = 0; i < object->count; i++)
        if (object->children[i].key_len == key_len && memcmp(object->children[i].key, key, key_len) == 0)
            return &object->children[i];
    return NULL;
}

bool ltv__json_int64(const ltv__json *value, int64_t *out) {
    if (!value || value->type != LTV__JSON_NUMBER) return false;
    for (size_t i = 0; i < value->len; i++)
        if (value->text[i] == '.' || value->text[i] == 'e' || value->text[i] == 'E') return false;
    errno = 0;
    char *end = NULL;
    long long v = strtoll(value->text, &end, 10);
    if (errno == ERANGE || end != value->text + value->len) return false;
    *out = (int64_t)v;
    return true;
}

const char *ltv__json_type_name(ltv__json_type type) {
    switch (type) {
    case LTV__JSON_NULL: return "null";
    case LTV__JSON_FALSE:
    case LTV__JSON_TRUE: return "a boolean";
    case LTV__JSON_NUMBER: return "a number";
    case LTV__JSON_STRING: return "a string";
    case LTV__JSON_ARRAY: return "an array";
    case LTV__JSON_OBJECT: return "an object";
    }
    return "a value";
}
