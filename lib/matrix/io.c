/* Saving and loading the plan: format dispatch, and whole files in and out. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "matrix_internal.h"
#include "textbuf.h"

static int check_file_format(const char *func, int format) {
    if (format == LTV_MATRIX_FORMAT_JSON || format == LTV_MATRIX_FORMAT_CSV) return LTV_OK;
    if (format == LTV_MATRIX_FORMAT_TEXT || format == LTV_MATRIX_FORMAT_MARKDOWN)
        return ltv__fail(LTV_EINVAL,
                         "%s: format %d (%s) is for reading only; plans are saved and loaded as "
                         "LTV_MATRIX_FORMAT_JSON (3) or LTV_MATRIX_FORMAT_CSV (2)",
                         func, format, format == LTV_MATRIX_FORMAT_TEXT ? "text" : "Markdown");
    return ltv__fail(LTV_EINVAL, "%s: format %d is not LTV_MATRIX_FORMAT_JSON (3) or LTV_MATRIX_FORMAT_CSV (2)", func,
                     format);
}

int ltv_matrix_save(const ltv_matrix *matrix, int format, char **out_text, size_t *out_len) {
    LTV_REQUIRE(matrix, "ltv_matrix_save");
    LTV_REQUIRE(out_text, "ltv_matrix_save");
    int rc = check_file_format("ltv_matrix_save", format);
    if (rc != LTV_OK) return rc;
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    if (format == LTV_MATRIX_FORMAT_JSON) {
        ltv__matrix_write_json_boxes(matrix, &tb);
        ltv__tb_puts(&tb, "\n}\n");
    } else {
        ltv__matrix_write_csv(matrix, &tb);
    }
    return ltv__tb_finish(&tb, "ltv_matrix_save", out_text, out_len);
}

int ltv_matrix_to_text(const ltv_matrix *matrix, int format, char **out_text, size_t *out_len) {
    return ltv_matrix_save(matrix, format, out_text, out_len);
}

int ltv_matrix_save_file(const ltv_matrix *matrix, int format, const char *path) {
    LTV_REQUIRE(matrix, "ltv_matrix_save_file");
    LTV_REQUIRE(path, "ltv_matrix_save_file");
    char *text = NULL;
    size_t len = 0;
    int rc = ltv_matrix_save(matrix, format, &text, &len);
    if (rc != LTV_OK) return rc;
    rc = ltv__file_replace_bytes("ltv_matrix_save_file", path, text, len);
    ltv_free(text);
    return rc;
}

static int load_into_new(ltv_matrix **out, int format, const char *what, const char *data, size_t len) {
    ltv_matrix *matrix = NULL;
    int rc = ltv_matrix_new(&matrix);
    if (rc != LTV_OK) return rc;
    rc = format == LTV_MATRIX_FORMAT_JSON ? ltv__matrix_read_json(matrix, what, data, len)
                                          : ltv__matrix_read_csv(matrix, what, data, len);
    if (rc != LTV_OK) {
        ltv_matrix_free(matrix);
        return rc;
    }
    *out = matrix;
    return LTV_OK;
}

int ltv_matrix_load(ltv_matrix **out, int format, const char *data, size_t len) {
    LTV_REQUIRE(out, "ltv_matrix_load");
    if (!data && len > 0) return ltv__fail(LTV_EINVAL, "ltv_matrix_load: data is NULL with len %zu", len);
    int rc = check_file_format("ltv_matrix_load", format);
    if (rc != LTV_OK) return rc;
    return load_into_new(out, format, "ltv_matrix_load", data ? data : "", len);
}

/* Plans are small: a file larger than this is not a plan. */
#define LTV__PLAN_FILE_MAX ((size_t)16 * 1024 * 1024)

int ltv_matrix_from_text(ltv_matrix **out, int format, const char *data, size_t len) {
    return ltv_matrix_load(out, format, data, len);
}

int ltv_matrix_load_file(ltv_matrix **out, int format, const char *path) {
    LTV_REQUIRE(out, "ltv_matrix_load_file");
    LTV_REQUIRE(path, "ltv_matrix_load_file");
    int rc = check_file_format("ltv_matrix_load_file", format);
    if (rc != LTV_OK) return rc;
    ltv__textbuf tb;
    rc = ltv__tb_read_file(&tb, "ltv_matrix_load_file", path, LTV__PLAN_FILE_MAX, "it is not a plan");
    if (rc != LTV_OK) return rc;
    rc = load_into_new(out, format, path, tb.data ? tb.data : "", tb.len);
    ltv__tb_discard(&tb);
    return rc;
}
