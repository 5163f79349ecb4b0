/*
 * The plan as JSON: {"format": "ltvcrm-matrix", "version": 1, "boxes": [{"stage",
 * "element", "status", "text"}, ...]}. The writer lists all 20 boxes in stage order; the
 * reader takes them in any order and names the line and column of every problem.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "matrix_internal.h"
#include "textbuf.h"

#define FORMAT_NAME "ltvcrm-matrix"
#define FORMAT_VERSION 1

void ltv__matrix_write_json_boxes(const ltv_matrix *matrix, ltv__textbuf *tb) {
    ltv__tb_printf(tb, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"boxes\": [\n", FORMAT_NAME, FORMAT_VERSION);
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            const ltv__box *box = &matrix->boxes[s][e];
            ltv__tb_printf(tb, "    {\"stage\": \"%s\", \"element\": \"%s\", \"status\": \"%s\", \"text\": ",
                           ltv__matrix_stage_id(s), ltv__matrix_element_id(e), ltv__matrix_status_id(box->status));
            ltv__tb_json_string(tb, box->text, box->len);
            ltv__tb_puts(tb, s == LTV_MATRIX_STAGES - 1 && e == LTV_MATRIX_ELEMENTS - 1 ? "}\n" : "},\n");
        }
    ltv__tb_puts(tb, "  ]");
}

typedef struct json_loader {
    const char *what;
    ltv_matrix *matrix;
    uint32_t seen_line[LTV_MATRIX_STAGES][LTV_MATRIX_ELEMENTS]; /* 0: not given yet */
} json_loader;

static int fail_at(const json_loader *l, int status, uint32_t line, uint32_t column, const char *fmt_what,
                   const char *detail) {
    return ltv__fail(status, "%s: line %u, column %u: %s%s", l->what, (unsigned)line, (unsigned)column, fmt_what,
                     detail);
}

static int expect_type(const json_loader *l, const ltv__json *value, ltv__json_type type, const char *name) {
    if (value->type == type) return LTV_OK;
    char message[160];
    snprintf(message, sizeof message, "\"%s\" must be %s, not %s", name, ltv__json_type_name(type),
             ltv__json_type_name(value->type));
    return fail_at(l, LTV_EFORMAT, value->line, value->column, message, "");
}

/* Collapse CRLF and lone CR to LF, as boxes keep line breaks as LF only. */
static size_t normalize_breaks(char *text, size_t len) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r') {
            if (i + 1 < len && text[i + 1] == '\n') i++;
            text[o++] = '\n';
        } else {
            text[o++] = text[i];
        }
    }
    text[o] = '\0';
    return o;
}

static int find_id(const json_loader *l, const ltv__json *value, const char *name,
                   int (*find)(const char *, size_t), int *out) {
    int rc = expect_type(l, value, LTV__JSON_STRING, name);
    if (rc != LTV_OK) return rc;
    int found = find(value->text, value->len);
    if (found < 0) {
        char message[200];
        snprintf(message, sizeof message, "unknown %s \"%.80s\"", name, value->text);
        const char *known = strcmp(name, "stage") == 0     ? " (known: acquisition, activation, retention, churn_prevention)"
                            : strcmp(name, "element") == 0 ? " (known: segment, offer, creative, timing, channel)"
                                                           : " (known: empty, draft, active)";
        return fail_at(l, LTV_EPARSE, value->line, value->column, message, known);
    }
    *out = found;
    return LTV_OK;
}

static int read_box(json_loader *l, const ltv__json *box) {
    int rc = expect_type(l, box, LTV__JSON_OBJECT, "each item of boxes");
    if (rc != LTV_OK) return rc;
    for (size_t i = 0; i < box->count; i++) {
        const ltv__json *m = &box->children[i];
        if (!ltv__json_key_is(m, "stage") && !ltv__json_key_is(m, "element") && !ltv__json_key_is(m, "status") &&
            !ltv__json_key_is(m, "text")) {
            char message[200];
            snprintf(message, sizeof message, "unknown member \"%.80s\" in a box", m->key);
            return fail_at(l, LTV_EFORMAT, m->key_line, m->key_column, message,
                           " (a box has stage, element, status and text)");
        }
    }
    const char *required[3] = {"stage", "element", "status"};
    for (int k = 0; k < 3; k++)
        if (!ltv__json_member(box, required[k])) {
            char message[120];
            snprintf(message, sizeof message, "the box has no \"%s\"", required[k]);
            return fail_at(l, LTV_EFORMAT, box->line, box->column, message, "");
        }
    int stage, element, status;
    if ((rc = find_id(l, ltv__json_member(box, "stage"), "stage", ltv__matrix_find_stage, &stage)) != LTV_OK ||
        (rc = find_id(l, ltv__json_member(box, "element"), "element", ltv__matrix_find_element, &element)) != LTV_OK ||
        (rc = find_id(l, ltv__json_member(box, "status"), "status", ltv__matrix_find_status, &status)) != LTV_OK)
        return rc;
    if (l->seen_line[stage][element]) {
        char message[200];
        snprintf(message, sizeof message, "box (%s, %s) is given twice (first at line %u)", ltv__matrix_stage_id(stage),
                 ltv__matrix_element_id(element), (unsigned)l->seen_line[stage][element]);
        return fail_at(l, LTV_EPARSE, box->line, box->column, message, "");
    }
    l->seen_line[stage][element] = box->line;
    /* "text" may be left out of an empty box. */
    const ltv__json *text = ltv__json_member(box, "text");
    char *content = NULL;
    size_t len = 0;
    uint32_t line = box->line, column = box->column;
    if (text) {
        if ((rc = expect_type(l, text, LTV__JSON_STRING, "text")) != LTV_OK) return rc;
        content = text->text;
        len = normalize_breaks(content, text->len);
        line = text->line, column = text->column;
    }
    char where[600];
    snprintf(where, sizeof where, "%s: line %u, column %u", l->what, (unsigned)line, (unsigned)column);
    rc = ltv__matrix_check_box(where, LTV_EPARSE, stage, element, status, content ? content : "", len);
    if (rc != LTV_OK) return rc;
    ltv__matrix_store_box(l->matrix, stage, element, status, content, len);
    return LTV_OK;
}

static int read_root(json_loader *l, const ltv__json *root) {
    int rc = expect_type(l, root, LTV__JSON_OBJECT, "the top-level value");
    if (rc != LTV_OK) return rc;
    for (size_t i = 0; i < root->count; i++) {
        const ltv__json *m = &root->children[i];
        if (!ltv__json_key_is(m, "format") && !ltv__json_key_is(m, "version") && !ltv__json_key_is(m, "boxes") &&
            !ltv__json_key_is(m, "report")) {
            char message[200];
            snprintf(message, sizeof message, "unknown member \"%.80s\"", m->key);
            return fail_at(l, LTV_EFORMAT, m->key_line, m->key_column, message,
                           " (a plan has format, version, boxes and optionally report)");
        }
    }
    const ltv__json *format = ltv__json_member(root, "format");
    if (!format) return fail_at(l, LTV_EFORMAT, root->line, root->column, "no \"format\": \"" FORMAT_NAME "\"", "");
    if ((rc = expect_type(l, format, LTV__JSON_STRING, "format")) != LTV_OK) return rc;
    if (format->len != strlen(FORMAT_NAME) || memcmp(format->text, FORMAT_NAME, format->len) != 0) {
        char message[200];
        snprintf(message, sizeof message, "format is \"%.80s\", not \"" FORMAT_NAME "\"", format->text);
        return fail_at(l, LTV_EFORMAT, format->line, format->column, message, "");
    }
    const ltv__json *version = ltv__json_member(root, "version");
    int64_t v = 0;
    if (!version) return fail_at(l, LTV_EFORMAT, root->line, root->column, "no \"version\": 1", "");
    if ((rc = expect_type(l, version, LTV__JSON_NUMBER, "version")) != LTV_OK) return rc;
    if (!ltv__json_int64(version, &v) || v != FORMAT_VERSION) {
        char message[160];
        snprintf(message, sizeof message, "version %.40s is not supported (this library reads version %d)",
                 version->text, FORMAT_VERSION);
        return fail_at(l, LTV_EFORMAT, version->line, version->column, message, "");
    }
    const ltv__json *report = ltv__json_member(root, "report");
    if (report && (rc = expect_type(l, report, LTV__JSON_OBJECT, "report")) != LTV_OK) return rc;
    const ltv__json *boxes = ltv__json_member(root, "boxes");
    if (!boxes) return fail_at(l, LTV_EFORMAT, root->line, root->column, "no \"boxes\" array", "");
    if ((rc = expect_type(l, boxes, LTV__JSON_ARRAY, "boxes")) != LTV_OK) return rc;
    for (size_t i = 0; i < boxes->count; i++)
        if ((rc = read_box(l, &boxes->children[i])) != LTV_OK) return rc;
    return LTV_OK;
}

int ltv__matrix_read_json(ltv_matrix *matrix, const char *what, const char *data, size_t len) {
    ltv__json *root = NULL;
    int rc = ltv__json_parse(what, data, len, &root);
    if (rc != LTV_OK) return rc;
    json_loader loader;
    memset(&loader, 0, sizeof loader);
    loader.what = what;
    loader.matrix = matrix;
    rc = read_root(&loader, root);
    ltv__json_free(root);
    return rc;
}
