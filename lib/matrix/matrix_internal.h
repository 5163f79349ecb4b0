/*
 * The campaign matrix's representation and the helpers its source files share: ids of
 * stages, elements and statuses as files write them, and the validation of one box.
 */
#ifndef LTVCRM_MATRIX_INTERNAL_H
#define LTVCRM_MATRIX_INTERNAL_H

#include "internal.h"
#include "ltvcrm/matrix.h"

#define LTV__MATRIX_PARAMS 5

/* Boxes are stored inline (20 × ~1 KiB): setting a box never allocates, so it cannot fail
 * half-way, and a matrix is one block. */
typedef struct ltv__box {
    uint8_t status;
    uint16_t len;
    char text[LTV_MATRIX_TEXT_MAX + 1];
} ltv__box;

struct ltv_matrix {
    ltv__box boxes[LTV_MATRIX_STAGES][LTV_MATRIX_ELEMENTS];
    int64_t params[LTV__MATRIX_PARAMS];
    bool has_stage[LTV_MATRIX_STAGES]; /* customers and revenue; never for acquisition */
    uint64_t customers[LTV_MATRIX_STAGES];
    int64_t revenue[LTV_MATRIX_STAGES];
    bool has_acquisition;
    uint64_t prospects;
    int64_t cpo;
    bool has_ltv;
    int64_t ltv;
    int ltv_basis; /* the segmentation's ltv_ltv_basis, or -1 for a figure the caller gave */
};

/* The name of the matrix's LTV figure with its basis ("annual LTV", "LTV (given)"). */
const char *ltv__matrix_ltv_name(const ltv_matrix *matrix, int lang);

/* File ids: "acquisition", "segment", "draft", ... ("" for an unknown value). */
const char *ltv__matrix_stage_id(int stage);
const char *ltv__matrix_element_id(int element);
const char *ltv__matrix_status_id(int status);

/* Find a stage, element or status by its id or its English label (ASCII case-insensitive,
 * surrounding spaces ignored) or its Japanese label; -1 if none matches. */
int ltv__matrix_find_stage(const char *text, size_t len);
int ltv__matrix_find_element(const char *text, size_t len);
int ltv__matrix_find_status(const char *text, size_t len);

/* Check one box's content. `where` starts the message ("ltv_matrix_set_box" or
 * "plan.csv: line 3, column 18"); `semantic_status` is returned for control characters and
 * a text that contradicts the status (LTV_EINVAL for callers, LTV_EPARSE for files).
 * Stage, element and status must already be known values. */
int ltv__matrix_check_box(const char *where, int semantic_status, int stage, int element, int status,
                          const char *text, size_t len);

/* Store a box that passed ltv__matrix_check_box(). */
void ltv__matrix_store_box(ltv_matrix *matrix, int stage, int element, int status, const char *text, size_t len);

/* The loaders' parsers: fill an empty matrix; `what` names the input in messages. */
int ltv__matrix_read_json(ltv_matrix *matrix, const char *what, const char *data, size_t len);
int ltv__matrix_read_csv(ltv_matrix *matrix, const char *what, const char *data, size_t len);
/* The writers of the saved plan, appended to a buffer. */
struct ltv__textbuf;
void ltv__matrix_write_json_boxes(const ltv_matrix *matrix, struct ltv__textbuf *tb);
void ltv__matrix_write_csv(const ltv_matrix *matrix, struct ltv__textbuf *tb);

/* Fill a new matrix with the starter template in `lang`. */
void ltv__matrix_fill_template(ltv_matrix *matrix, int lang);

static inline bool ltv__matrix_stage_ok(int stage) { return stage >= 0 && stage < LTV_MATRIX_STAGES; }
static inline bool ltv__matrix_element_ok(int element) { return element >= 0 && element < LTV_MATRIX_ELEMENTS; }
static inline bool ltv__matrix_lang_ok(int lang) { return lang == LTV_LANG_EN || lang == LTV_LANG_JA; }

#endif
