/*
 * Pieces shared by the matrix renderers: the content of header and box cells, the
 * analysis paragraph (gaps and verdicts), and the boxed text table.
 */
#ifndef LTVCRM_MATRIX_RENDER_H
#define LTVCRM_MATRIX_RENDER_H

#include "matrix_internal.h"
#include "textbuf.h"

/* The header cell of a stage: its label, then one line per figure (LF-separated). */
void ltv__matrix_header_cell(const ltv_matrix *matrix, int stage, int lang, ltv__textbuf *tb);
/* True if any stage has figures, so that renderers add a figures row or lines. */
bool ltv__matrix_has_figures(const ltv_matrix *matrix);
/* The figure lines of a stage alone (no label), LF-separated; nothing if it has none. */
void ltv__matrix_figure_lines(const ltv_matrix *matrix, int stage, int lang, ltv__textbuf *tb);
/* A box as shown in a table: its text, after "[draft] " for drafts; "[empty]" when empty. */
void ltv__matrix_box_cell(const ltv_matrix *matrix, int stage, int element, int lang, ltv__textbuf *tb);
/* The gaps, the balance and the CPO verdict as plain text or Markdown paragraphs. */
void ltv__matrix_analysis(const ltv_matrix *matrix, int lang, bool markdown, ltv__textbuf *tb);
/* The boxed table for terminals. */
void ltv__matrix_text_table(const ltv_matrix *matrix, int lang, ltv__textbuf *tb);

#endif
