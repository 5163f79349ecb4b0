/*
 * The plan as CSV, for shops that edit it in a spreadsheet: a header
 * `stage,element,status,text` (columns found by name, in any order; other columns are
 * ignored) and one row per box. Quoted fields may hold commas, doubled quotes and line
 * breaks. Every problem names its line and column.
 */
#include <stdio.h>
#include <string.h>

#include "matrix_internal.h"
#include "csv_split.h"
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

typedef struct csv_reader {
    const char *what;
    const char *data;
    size_t len;
    size_t pos;
    size_t record_at;    /* offset of the current record in the input, for messages */
    ltv__textbuf record; /* a copy of the current record, split in place */
    ltv__csv_splitter split;
} csv_reader;

static int fail_at(const csv_reader *r, int status, size_t offset, const char *message) {
    return ltv__fail_at_offset(status, r->what, r->data, r->len, offset, message);
}

/* Reads the record at r->pos into r->split (the loader's splitter: quotes, doubled quotes and
 * line breaks inside quotes, which become LF). */
static int read_record(csv_reader *r) {
    uint32_t newlines;
    bool quoted;
    const size_t len = ltv__csv_record_length(r->data + r->pos, r->data + r->len, ',', true, &newlines, &quoted);
    const size_t text = ltv__csv_record_text(r->data + r->pos, len);
    r->record_at = r->pos;
    r->record.len = 0;
    ltv__tb_append(&r->record, r->data + r->pos, text);
    ltv__tb_append(&r->record, "", 1); /* never an empty buffer */
    if (r->record.failed) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
    r->pos += len;
    size_t bad_field, bad_offset;
    const int rc = ltv__csv_split(&r->split, r->record.data, text, quoted, &bad_field, &bad_offset);
    if (rc < 0) return ltv__fail(LTV_ENOMEM, "%s: out of memory", r->what);
    if (rc == LTV__CSV_UNCLOSED) return fail_at(r, LTV_EPARSE, r->record_at + bad_offset, "quoted field is not closed");
    if (rc == LTV__CSV_TEXT_AFTER_QUOTE)
        return fail_at(r, LTV_EPARSE, r->record_at + bad_offset,
                       "text after the closing quote of a field (double a quote inside a quoted field: \"\")");
    if (rc == LTV__CSV_QUOTE_IN_FIELD)
        return fail_at(r, LTV_EPARSE, r->record_at + bad_offset,
                       "quote inside an unquoted field (quote the whole field and double the quote)");
    return LTV_OK;
}

static const char *field_text(const csv_reader *r, size_t i) { return r->split.fields[i].text; }
static size_t field_len(const csv_reader *r, size_t i) { return r->split.fields[i].len; }
/* Where a field starts in the input, its opening quote included: the splitter leaves each
 * field's text where it was (an unquoted field cannot hold a quote, so one before the text
 * opens it). */
static size_t field_source(const csv_reader *r, size_t i) {
    const size_t at = r->record_at + (size_t)(r->split.fields[i].text - r->record.data);
    return at > r->record_at && r->data[at - 1] == '"' ? at - 1 : at;
}

static bool blank_record(const csv_reader *r) { return r->split.count == 1 && field_len(r, 0) == 0; }

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
    size_t header_at = r->record_at;
    size_t header_fields = r->split.count;
    size_t column_of[COLS];
    for (int c = 0; c < COLS; c++) {
        column_of[c] = SIZE_MAX;
        for (size_t i = 0; i < r->split.count; i++)
            if (header_is(field_text(r, i), field_len(r, i), column_names[c])) {
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
        if ((rc = read_record(r)) != LTV_OK) return rc;
        const size_t row_at = r->record_at;
        if (blank_record(r)) continue;
        if (r->split.count != header_fields) {
            char message[160];
            snprintf(message, sizeof message, "the row has %zu fields but the header has %zu", r->split.count, header_fields);
            return fail_at(r, LTV_EPARSE, row_at, message);
        }
        int found[3];
        int (*const finders[3])(const char *, size_t) = {ltv__matrix_find_stage, ltv__matrix_find_element,
                                                         ltv__matrix_find_status};
        static const char *const known[3] = {"acquisition, activation, retention, churn_prevention",
                                             "segment, offer, creative, timing, channel", "empty, draft, active"};
        for (int c = 0; c < 3; c++) {
            size_t f = column_of[c];
            found[c] = finders[c](field_text(r, f), field_len(r, f));
            if (found[c] < 0) {
                char message[300];
                snprintf(message, sizeof message, "unknown %s \"%.*s\" (known: %s)", column_names[c],
                         (int)(field_len(r, f) > 80 ? 80 : field_len(r, f)), field_text(r, f), known[c]);
                return fail_at(r, LTV_EPARSE, field_source(r, f), message);
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
        const size_t text_len = field_len(r, column_of[COL_TEXT]);
        ltv__text_position(r->data, r->len, field_source(r, column_of[COL_TEXT]), &line, &column);
        char where[600];
        snprintf(where, sizeof where, "%s: line %u, column %u", r->what, (unsigned)line, (unsigned)column);
        rc = ltv__matrix_check_box(where, LTV_EPARSE, stage, element, status, field_text(r, column_of[COL_TEXT]),
                                   text_len);
        if (rc != LTV_OK) return rc;
        ltv__matrix_store_box(matrix, stage, element, status, field_text(r, column_of[COL_TEXT]), text_len);
    }
    return LTV_OK;
}

int ltv__matrix_read_csv(ltv_matrix *matrix, const char *what, const char *data, size_t len) {
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.what = what;
    r.data = data;
    r.len = len;
    r.split.delimiter = ',';
    ltv__tb_init(&r.record);
    int rc = read_rows(&r, matrix);
    ltv__tb_discard(&r.record);
    ltv__csv_splitter_free(&r.split);
    return rc;
}
