/*
 * The plan as CSV, for shops that edit it in a spreadsheet: a header
 * `stage,element,status,text` (columns found by name, in any order; other columns are
 * ignored) and one row per box. Quoted fields may hold commas, doubled quotes and line
 * breaks. Every problem names its line and column.
 */
#include <stdio.h>
#include <string.h>

#include "matrix_internal.h"
#include "textbuf.h"

void ltv__matrix_write_csv(const ltv_matrix *matrix, ltv__textbuf *tb) {
    ltv__tb_puts(tb, "stage,element,status,text\n");
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            const ltv__box *box = &matrix->boxes[s][e];
            ltv__tb_printf(tb, "%s,%s,%s,", ltv__matrix_stage_id(s), ltv__matrix_element_id(e),
                           ltv__matrix_status_id(box->status));
            ltv__tb_csv_field(tb, box->text, box->len);
            ltv__tb_puts(tb, "\n");
        }
}

typedef struct csv_field {
    size_t offset; /* into the record buffer */
    size_t len;
    size_t source; /* byte offset of the field in the input, for messages */
} csv_field;

typedef struct csv_reader {
    const char *what;
    const char *data;
    size_t len;
    size_t pos;
    ltv__textbuf record; /* the unquoted text of the current record's fields, back to back */
    csv_field *fields;
    size_t count, cap;
} csv_reader;

static int fail_at(const csv_reader *r, int status, size_t offset, const char *message) {
    return ltv__fail_at_offset(status, r->what, r->data, r->len, offset, message);
}

static bool at_line_end(const csv_reader *r, size_t i) { return i >= r->len || r->data[i] == '\n' || r->data[i] == '\r'; }

static void skip_line_end(csv_reader *r) {
    if (r->pos < r->len && r->data[r->pos] == '\r') r->pos++;
    if (r->pos < r->len && r->data[r->pos] == '\n') r->pos++;
}

static int push_field(csv_reader *r, size_t offset, size_t source) {
    if (r->count == r->cap) {
        size_t grown = r->cap ? r->cap * 2 : 8;
        csv_field *fields = ltv__realloc_array(r->fields, grown, sizeof *fields);
        if (!fields) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
        r->fields = fields;
        r->cap = grown;
    }
    r->fields[r->count++] = (csv_field){offset, r->record.len - offset, source};
    return LTV_OK;
}

/* Read one record starting at r->pos; line breaks inside quotes become LF. */
static int read_record(csv_reader *r) {
    r->count = 0;
    r->record.len = 0;
    for (;;) {
        size_t source = r->pos, offset = r->record.len;
        if (r->pos < r->len && r->data[r->pos] == '"') {
            r->pos++;
            for (;;) {
                if (r->pos >= r->len) return fail_at(r, LTV_EPARSE, source, "quoted field is not closed");
                char c = r->data[r->pos];
                if (c == '"') {
                    if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
                        ltv__tb_append(&r->record, "\"", 1);
                        r->pos += 2;
                        continue;
                    }
                    r->pos++;
                    break;
                }
                if (c == '\r') {
                    ltv__tb_append(&r->record, "\n", 1);
                    r->pos += r->pos + 1 < r->len && r->data[r->pos + 1] == '\n' ? 2 : 1;
                    continue;
                }
                size_t run = r->pos;
                while (r->pos < r->len && r->data[r->pos] != '"' && r->data[r->pos] != '\r') r->pos++;
                ltv__tb_append(&r->record, r->data + run, r->pos - run);
            }
            if (r->pos < r->len && r->data[r->pos] != ',' && !at_line_end(r, r->pos))
                return fail_at(r, LTV_EPARSE, r->pos, "text after the closing quote of a field (double a quote inside a quoted field: \"\")");
        } else {
            size_t run = r->pos;
            while (r->pos < r->len && r->data[r->pos] != ',' && !at_line_end(r, r->pos)) {
                if (r->data[r->pos] == '"')
                    return fail_at(r, LTV_EPARSE, r->pos, "quote inside an unquoted field (quote the whole field and double the quote)");
                r->pos++;
            }
            ltv__tb_append(&r->record, r->data + run, r->pos - run);
        }
        if (r->record.failed) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
        int rc = push_field(r, offset, source);
        if (rc != LTV_OK) return rc;
        if (r->pos < r->len && r->data[r->pos] == ',') {
            r->pos++;
            continue;
        }
        skip_line_end(r);
        return LTV_OK;
    }
}

static const char *field_text(const csv_reader *r, size_t i) { return r->record.data ? r->record.data + r->fields[i].offset : ""; }

static bool blank_record(const csv_reader *r) { return r->count == 1 && r->fields[0].len == 0; }

/* Header names compared ASCII case-insensitively, surrounding spaces ignored. */
static bool header_is(const char *text, size_t len, const char *name) {
    while (len && text[0] == ' ') text++, len--;
    while (len && text[len - 1] == ' ') len--;
    if (len != strlen(name)) return false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != name[i]) return false;
    }
    return true;
}

enum { COL_STAGE, COL_ELEMENT, COL_STATUS, COL_TEXT, COLS };
static const char *const column_names[COLS] = {"stage", "element", "status", "text"};

static int read_rows(csv_reader *r, ltv_matrix *matrix) {
    size_t bad;
    if (!ltv__utf8_valid(r->data, r->len, &bad)) {
        char message[120];
        snprintf(message, sizeof message, "byte 0x%02X is not valid UTF-8 (save the file as UTF-8, not Shift_JIS)",
                 (unsigned)(unsigned char)r->data[bad]);
        return fail_at(r, LTV_EENCODING, bad, message);
    }
    if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;

    /* The header: the first line that is not blank. */
    int rc;
    do {
        if (r->pos >= r->len)
            return ltv__fail(LTV_EFORMAT, "%s: no header line (expected stage,element,status,text)", r->what);
        if ((rc = read_record(r)) != LTV_OK) return rc;
    } while (blank_record(r));
    size_t header_at = r->fields[0].source;
    size_t header_fields = r->count;
    size_t column_of[COLS];
    for (int c = 0; c < COLS; c++) {
        column_of[c] = SIZE_MAX;
        for (size_t i = 0; i < r->count; i++)
            if (header_is(field_text(r, i), r->fields[i].len, column_names[c])) {
                column_of[c] = i;
                break;
            }
        if (column_of[c] == SIZE_MAX) {
            char message[160];
            snprintf(message, sizeof message, "the header has no \"%s\" column (expected stage,element,status,text)",
                     column_names[c]);
            return fail_at(r, LTV_EFORMAT, header_at, message);
        }
    }

    uint32_t seen_line[LTV_MATRIX_STAGES][LTV_MATRIX_ELEMENTS];
    memset(seen_line, 0, sizeof seen_line);
    while (r->pos < r->len) {
        size_t row_at = r->pos;
        if ((rc = read_record(r)) != LTV_OK) return rc;
        if (blank_record(r)) continue;
        if (r->count != header_fields) {
            char message[160];
            snprintf(message, sizeof message, "the row has %zu fields but the header has %zu", r->count, header_fields);
            return fail_at(r, LTV_EPARSE, row_at, message);
        }
        int found[3];
        int (*const finders[3])(const char *, size_t) = {ltv__matrix_find_stage, ltv__matrix_find_element,
                                                         ltv__matrix_find_status};
        static const char *const known[3] = {"acquisition, activation, retention, churn_prevention",
                                             "segment, offer, creative, timing, channel", "empty, draft, active"};
        for (int c = 0; c < 3; c++) {
            size_t f = column_of[c];
            found[c] = finders[c](field_text(r, f), r->fields[f].len);
            if (found[c] < 0) {
                char message[300];
                snprintf(message, sizeof message, "unknown %s \"%.*s\" (known: %s)", column_names[c],
                         (int)(r->fields[f].len > 80 ? 80 : r->fields[f].len), field_text(r, f), known[c]);
                return fail_at(r, LTV_EPARSE, r->fields[f].source, message);
            }
        }
        int stage = found[0], element = found[1], status = found[2];
        uint32_t line, column;
        ltv__text_position(r->data, r->len, row_at, &line, &column);
        if (seen_line[stage][element]) {
            char message[200];
            snprintf(message, sizeof message, "box (%s, %s) is given twice (first at line %u)",
                     ltv__matrix_stage_id(stage), ltv__matrix_element_id(element), (unsigned)seen_line[stage][element]);
            return fail_at(r, LTV_EPARSE, row_at, message);
        }
        seen_line[stage][element] = line;
        const csv_field *text = &r->fields[column_of[COL_TEXT]];
        ltv__text_position(r->data, r->len, text->source, &line, &column);
        char where[600];
        snprintf(where, sizeof where, "%s: line %u, column %u", r->what, (unsigned)line, (unsigned)column);
        rc = ltv__matrix_check_box(where, LTV_EPARSE, stage, element, status, field_text(r, column_of[COL_TEXT]),
                                   text->len);
        if (rc != LTV_OK) return rc;
        ltv__matrix_store_box(matrix, stage, element, status, field_text(r, column_of[COL_TEXT]), text->len);
    }
    return LTV_OK;
}

int ltv__matrix_read_csv(ltv_matrix *matrix, const char *what, const char *data, size_t len) {
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.what = what;
    r.data = data;
    r.len = len;
    ltv__tb_init(&r.record);
    int rc = read_rows(&r, matrix);
    ltv__tb_discard(&r.record);
    ltv__free(r.fields);
    return rc;
}
