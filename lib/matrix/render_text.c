/*
 * The matrix as a boxed table for terminals. Widths are measured in terminal columns
 * (CJK characters take two), so Japanese plans line up. Cell text wraps at spaces, or
 * between any two CJK characters, never putting 、。）」 at the start of a line or （「 at
 * its end; a cell longer than LTV_MATRIX_CELL_LINES lines is cut and ends with "...".
 */
#include <string.h>

#include "matrix_render.h"

typedef struct line_span {
    size_t start, end; /* bytes of the cell text */
    size_t width;      /* terminal columns */
} line_span;

#define MAX_LINES 101 /* LTV_MATRIX_CELL_LINES is at most 100; one more shows the cut */

typedef struct wrapped {
    line_span lines[MAX_LINES];
    size_t count;
    bool cut; /* the text had more lines than allowed */
} wrapped;

/* Japanese line-breaking rules (kinsoku): characters that may not start a line ... */
static bool no_line_start(uint32_t cp) {
    static const uint32_t list[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F, 0x3011, 0x3009, 0x300B,
                                    0xFF01, 0xFF1F, 0x30FC, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE, 0xFF1A, 0xFF1B,
                                    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x30A1,
                                    0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30FB,
                                    ',',    '.',    ')',    ']',    '!',    '?',    ':',    ';'};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp) return true;
    return false;
}

/* ... and characters that may not end one. */
static bool no_line_end(uint32_t cp) {
    return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3008 || cp == 0x300A ||
           cp == '(' || cp == '[';
}

static void push_line(wrapped *w, const char *text, size_t start, size_t end, size_t limit) {
    while (end > start && (text[end - 1] == ' ')) end--; /* trailing spaces do not show */
    if (w->count == limit) {
        w->cut = true;
        return;
    }
    w->lines[w->count].start = start;
    w->lines[w->count].end = end;
    w->lines[w->count].width = ltv__utf8_display_width(text + start, end - start);
    w->count++;
}

/* Wrap text (tabs already turned into spaces) into lines of at most `width` columns. */
static void wrap(const char *text, size_t len, size_t width, size_t max_lines, wrapped *w) {
    w->count = 0;
    w->cut = false;
    size_t start = 0, line_width = 0;
    size_t brk = 0;            /* last break opportunity inside the current line (0: none) */
    bool wrapped_line = false; /* the current line began at a wrap, not after a line feed */
    bool prev_space = false, prev_wide = false, prev_no_end = false;
    size_t i = 0;
    while (i < len && !w->cut) {
        if (text[i] == '\n') {
            push_line(w, text, start, i, max_lines);
            start = ++i, line_width = 0, brk = 0, wrapped_line = false;
            prev_space = prev_wide = prev_no_end = false;
            continue;
        }
        uint32_t cp;
        size_t next = i;
        ltv__utf8_next(text, len, &next, &cp); /* cell texts are validated when set */
        size_t step = next - i;
        size_t cw = ltv__utf8_display_width(text + i, step);
        bool space = cp == ' ', wide = cw == 2;
        if (space && i == start && wrapped_line) { /* spaces where a line was wrapped do not show */
            start = i += step;
            continue;
        }
        if (space && line_width + cw > width) { /* a space that does not fit ends the line */
            push_line(w, text, start, i, max_lines);
            start = i += step, line_width = 0, brk = 0, wrapped_line = true;
            prev_space = true, prev_wide = prev_no_end = false;
            continue;
        }
        if (i > start && !prev_no_end && !no_line_start(cp) && (prev_space || wide || prev_wide)) brk = i;
        while (line_width + cw > width && i > start) {
            size_t cut = brk > start ? brk : i; /* without a break opportunity the word is cut */
            push_line(w, text, start, cut, max_lines);
            start = cut;
            while (start < i && text[start] == ' ') start++;
            line_width = ltv__utf8_display_width(text + start, i - start);
            brk = 0, wrapped_line = true;
        }
        line_width += cw;
        prev_space = space, prev_wide = wide, prev_no_end = no_line_end(cp);
        i += step;
    }
    if (!w->cut && (start < len || w->count == 0)) push_line(w, text, start, len, max_lines);
}

/* Drop characters from the end of the last line until "..." fits after it. */
static void mark_cut(const char *text, line_span *line, size_t width) {
    while (line->end > line->start && line->width + 3 > width) {
        size_t end = line->end - 1;
        while (end > line->start && ((unsigned char)text[end] & 0xC0) == 0x80) end--;
        line->end = end;
        line->width = ltv__utf8_display_width(text + line->start, line->end - line->start);
    }
    while (line->end > line->start && text[line->end - 1] == ' ') line->end--, line->width--;
}

typedef struct cell {
    char *text; /* owned copy with tabs as spaces */
    size_t len;
    wrapped w;
} cell;

static void fill_cell(cell *c, const char *text, size_t len, size_t width, size_t max_lines, bool *failed) {
    c->len = 0;
    c->text = ltv__malloc(len + 1);
    if (!c->text) {
        *failed = true;
        c->w.count = 0;
        return;
    }
    for (size_t i = 0; i < len; i++) c->text[i] = text[i] == '\t' ? ' ' : text[i];
    c->text[len] = '\0';
    c->len = len;
    wrap(c->text, len, width, max_lines, &c->w);
    if (c->w.cut && c->w.count > 0) mark_cut(c->text, &c->w.lines[c->w.count - 1], width);
}

static void rule(ltv__textbuf *tb, size_t label_width, size_t width) {
    ltv__tb_puts(tb, "+");
    ltv__tb_repeat(tb, "-", label_width + 2);
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        ltv__tb_puts(tb, "+");
        ltv__tb_repeat(tb, "-", width + 2);
    }
    ltv__tb_puts(tb, "+\n");
}

static void pad(ltv__textbuf *tb, size_t used, size_t width) { ltv__tb_repeat(tb, " ", width > used ? width - used : 0); }

/* One table row: the label cell and four stage cells, as many lines as the tallest. */
static void row(ltv__textbuf *tb, const char *label, size_t label_width, cell cells[LTV_MATRIX_STAGES], size_t width) {
    size_t height = 1;
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        if (cells[s].w.count > height) height = cells[s].w.count;
    for (size_t line = 0; line < height; line++) {
        ltv__tb_puts(tb, "| ");
        if (line == 0) {
            ltv__tb_puts(tb, label);
            pad(tb, ltv__utf8_display_width(label, strlen(label)), label_width);
        } else {
            pad(tb, 0, label_width);
        }
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            ltv__tb_puts(tb, " | ");
            const cell *c = &cells[s];
            if (line < c->w.count) {
                const line_span *span = &c->w.lines[line];
                ltv__tb_append(tb, c->text + span->start, span->end - span->start);
                size_t used = span->width;
                if (c->w.cut && line + 1 == c->w.count) {
                    ltv__tb_puts(tb, "...");
                    used += 3;
                }
                pad(tb, used, width);
            } else {
                pad(tb, 0, width);
            }
        }
        ltv__tb_puts(tb, " |\n");
    }
}

static void free_cells(cell cells[LTV_MATRIX_STAGES]) {
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        ltv__free(cells[s].text);
        cells[s].text = NULL;
    }
}

void ltv__matrix_text_table(const ltv_matrix *matrix, int lang, ltv__textbuf *tb) {
    size_t width = (size_t)matrix->params[LTV_MATRIX_CELL_WIDTH];
    size_t max_lines = (size_t)matrix->params[LTV_MATRIX_CELL_LINES];
    size_t label_width = 0;
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        const char *label = ltv_element_label(e, lang);
        size_t w = ltv__utf8_display_width(label, strlen(label));
        if (w > label_width) label_width = w;
    }
    cell cells[LTV_MATRIX_STAGES];
    memset(cells, 0, sizeof cells);
    ltv__textbuf content;
    ltv__tb_init(&content);
    bool failed = false;

    rule(tb, label_width, width);
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        content.len = 0;
        ltv__matrix_header_cell(matrix, s, lang, &content);
        /* The header shows every figure line; it is never cut. */
        fill_cell(&cells[s], content.data ? content.data : "", content.len, width, MAX_LINES - 1, &failed);
    }
    row(tb, "", label_width, cells, width);
    free_cells(cells);
    rule(tb, label_width, width);
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            content.len = 0;
            ltv__matrix_box_cell(matrix, s, e, lang, &content);
            fill_cell(&cells[s], content.data ? content.data : "", content.len, width, max_lines, &failed);
        }
        row(tb, ltv_element_label(e, lang), label_width, cells, width);
        free_cells(cells);
        rule(tb, label_width, width);
    }
    if (failed || content.failed) tb->failed = true;
    ltv__tb_discard(&content);
}
