/* The one CSV record finder and field splitter (RFC 4180 quoting), shared by the order-log
 * loader, the matrix CSV reader and the planner's events reader. */
#ifndef LTVCRM_CSV_SPLIT_H
#define LTVCRM_CSV_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct ltv__csv_field {
    const char *text; /* into the record, quotes removed */
    size_t len;
} ltv__csv_field;

typedef struct ltv__csv_splitter {
    char delimiter;
    ltv__csv_field *fields;
    size_t count, capacity;
} ltv__csv_splitter;

/* What is wrong with a record's quotes (ltv__csv_split's return value). */
enum { LTV__CSV_UNCLOSED = 1, LTV__CSV_TEXT_AFTER_QUOTE = 2, LTV__CSV_QUOTE_IN_FIELD = 3 };

/* Length of the record at p including its line end, or 0 if the buffer ends inside it and
 * more input may follow (eof false). A line ends at LF, CRLF or a lone CR. *newlines receives
 * the line ends inside the record (its own included); *quoted whether it holds a quote. */
size_t ltv__csv_record_length(const char *p, const char *end, char delimiter, bool eof, uint32_t *newlines,
                              bool *quoted);

/* Cuts the line end (LF, CRLF or CR) off a record found by ltv__csv_record_length. */
size_t ltv__csv_record_text(const char *p, size_t len);

/* Splits a record (without its line end) into s->fields, in place: quotes are removed, a
 * doubled quote becomes one, a line break inside quotes becomes LF, and spaces and tabs
 * around a field are cut (not inside quotes; a tab is kept when it is the separator). `quoted`
 * false promises that the record holds no quote (the fast path). Returns 0; -1 when out of
 * memory; or one of LTV__CSV_* with *bad_field the 0-based field and *bad_offset the byte of
 * the record where the problem is (the opening quote left open, the byte after a closing
 * quote, the stray quote). */
int ltv__csv_split(ltv__csv_splitter *s, char *record, size_t len, bool quoted, size_t *bad_field, size_t *bad_offset);

void ltv__csv_splitter_free(ltv__csv_splitter *s);

/* True if the field is exactly `word` (a header name, a keyword). */
static inline bool ltv__csv_field_is(const ltv__csv_field *f, const char *word) {
    return f->len == strlen(word) && memcmp(f->text, word, f->len) == 0;
}

/* ---- a small CSV file read record by record (csv_file.c) ---------------------------- */

/* A record of the file as the caller's function sees it. */
typedef struct ltv__csv_record {
    const char *path;
    uint64_t line;   /* the record's first line, 1-based */
    uint64_t number; /* records so far, blank lines not counted: 1 for the first (a header?) */
    const ltv__csv_field *fields;
    size_t count;
} ltv__csv_record;

/* Called for every record that is not blank; returns LTV_OK to go on, or a status (with the
 * message set, e.g. by ltv__csv_record_fail) that ends the read. */
typedef int (*ltv__csv_record_fn)(void *ctx, const ltv__csv_record *rec);

/* Reads the file at `path` and hands each record to `fn`, split on commas with quotes and
 * spaces handled as ltv__csv_split does: LF, CRLF or CR line ends, a UTF-8 byte order mark,
 * blank lines skipped, NUL bytes, text that is not UTF-8 and records over 64 KiB refused with
 * the line. `what` names the contents for messages ("events"). The file is read in pieces, so
 * its size is not limited. */
int ltv__csv_read_file(const char *path, const char *what, ltv__csv_record_fn fn, void *ctx);

/* Fails with "PATH: line L, column C: why" (column 0: no column); returns `status`. */
int ltv__csv_record_fail(const ltv__csv_record *rec, int status, size_t column, const char *why);

#endif
