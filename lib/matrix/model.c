/* The campaign matrix as data: creation, boxes, settings and figures. */
#include <string.h>

#include "matrix_internal.h"
#include "settings.h"

static const char *const stage_ids[LTV_MATRIX_STAGES] = {"acquisition", "activation", "retention",
                                                         "churn_prevention"};
static const char *const element_ids[LTV_MATRIX_ELEMENTS] = {"segment", "offer", "creative", "timing", "channel"};
static const char *const status_ids[3] = {"empty", "draft", "active"};
static const char *const status_labels[3][2] = {{"empty", "未記入"}, {"draft", "下書き"}, {"active", "実施中"}};

static const ltv__setting param_items[LTV__MATRIX_PARAMS] = {
    [LTV_MATRIX_CELL_WIDTH] = LTV__SETTING("LTV_MATRIX_CELL_WIDTH", 12, 200, 28),
    [LTV_MATRIX_CELL_LINES] = LTV__SETTING("LTV_MATRIX_CELL_LINES", 1, 100, 8),
    [LTV_MATRIX_PLANNED_MIN] = LTV__SETTING("LTV_MATRIX_PLANNED_MIN", 1, LTV_MATRIX_ELEMENTS, 3),
    [LTV_MATRIX_DECIMALS] = LTV__SETTING("LTV_MATRIX_DECIMALS", 0, 6, 2),
    [LTV_MATRIX_ANALYSIS] = LTV__SETTING("LTV_MATRIX_ANALYSIS", 0, 1, 1),
};

static const ltv__settings settings = {"ltv_matrix_param", param_items, LTV__MATRIX_PARAMS};

const char *ltv__matrix_stage_id(int stage) { return ltv__matrix_stage_ok(stage) ? stage_ids[stage] : ""; }
const char *ltv__matrix_element_id(int element) {
    return ltv__matrix_element_ok(element) ? element_ids[element] : "";
}
const char *ltv__matrix_status_id(int status) { return status >= 0 && status <= 2 ? status_ids[status] : ""; }

const char *ltv_matrix_box_status_label(int status, int lang) {
    if (status < 0 || status > 2 || !ltv__matrix_lang_ok(lang)) return NULL;
    return status_labels[status][lang];
}

/* ASCII case-insensitive equality of text[0..len) with a NUL-terminated word; a space and an
 * underscore match each other, so "Churn prevention" finds "churn_prevention". */
static bool same_name(const char *text, size_t len, const char *word) {
    size_t n = strlen(word);
    if (n != len) return false;
    for (size_t i = 0; i < n; i++) {
        char a = text[i], b = word[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
        if (a == ' ') a = '_';
        if (b == ' ') b = '_';
        if (a != b) return false;
    }
    return true;
}

static void trim(const char **text, size_t *len) {
    while (*len && ((*text)[0] == ' ' || (*text)[0] == '\t')) (*text)++, (*len)--;
    while (*len && ((*text)[*len - 1] == ' ' || (*text)[*len - 1] == '\t')) (*len)--;
}

static int find_name(const char *text, size_t len, const char *const *ids, int count,
                     const char *(*label)(int, int)) {
    trim(&text, &len);
    for (int i = 0; i < count; i++)
        if (same_name(text, len, ids[i]) || same_name(text, len, label(i, LTV_LANG_EN)) ||
            same_name(text, len, label(i, LTV_LANG_JA)))
            return i;
    return -1;
}

int ltv__matrix_find_stage(const char *text, size_t len) {
    return find_name(text, len, stage_ids, LTV_MATRIX_STAGES, ltv_stage_label);
}
int ltv__matrix_find_element(const char *text, size_t len) {
    return find_name(text, len, element_ids, LTV_MATRIX_ELEMENTS, ltv_element_label);
}
int ltv__matrix_find_status(const char *text, size_t len) {
    return find_name(text, len, status_ids, 3, ltv_matrix_box_status_label);
}

int ltv__matrix_check_box(const char *where, int semantic_status, int stage, int element, int status,
                          const char *text, size_t len) {
    const char *s = stage_ids[stage], *e = element_ids[element];
    if (len > LTV_MATRIX_TEXT_MAX)
        return ltv__fail(LTV_ERANGE, "%s: box (%s, %s): text is %zu bytes; the limit is %d", where, s, e, len,
                         LTV_MATRIX_TEXT_MAX);
    size_t bad;
    if (!ltv__utf8_valid(text, len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: box (%s, %s): text is not valid UTF-8 at byte %zu (0x%02X)", where, s,
                         e, bad, (unsigned)(unsigned char)text[bad]);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            return ltv__fail(semantic_status,
                             "%s: box (%s, %s): control character U+%04X at byte %zu; only line feed and tab "
                             "are allowed",
                             where, s, e, (unsigned)c, i);
    }
    if (status == LTV_BOX_EMPTY && len > 0)
        return ltv__fail(semantic_status,
                         "%s: box (%s, %s): status is empty but the text has %zu bytes; an empty box has no "
                         "text (use draft or active)",
                         where, s, e, len);
    if (status != LTV_BOX_EMPTY && len == 0)
        return ltv__fail(semantic_status,
                         "%s: box (%s, %s): status is %s but the text is empty; a box without a plan has "
                         "status empty",
                         where, s, e, status_ids[status]);
    return LTV_OK;
}

void ltv__matrix_store_box(ltv_matrix *matrix, int stage, int element, int status, const char *text, size_t len) {
    ltv__box *box = &matrix->boxes[stage][element];
    box->status = (uint8_t)status;
    box->len = (uint16_t)len;
    if (len) memcpy(box->text, text, len);
    box->text[len] = '\0';
}

int ltv_matrix_new(ltv_matrix **out) {
    LTV_REQUIRE(out, "ltv_matrix_new");
    ltv_matrix *matrix = ltv__calloc(1, sizeof *matrix);
    if (!matrix) return ltv__fail(LTV_ENOMEM, "ltv_matrix_new: out of memory (%zu bytes)", sizeof *matrix);
    ltv__settings_defaults(&settings, matrix->params);
    *out = matrix;
    return LTV_OK;
}

int ltv_matrix_new_template(ltv_matrix **out, int lang) {
    LTV_REQUIRE(out, "ltv_matrix_new_template");
    if (!ltv__matrix_lang_ok(lang))
        return ltv__fail(LTV_EINVAL, "ltv_matrix_new_template: lang %d is not LTV_LANG_EN (0) or LTV_LANG_JA (1)",
                         lang);
    int status = ltv_matrix_new(out);
    if (status != LTV_OK) return status;
    ltv__matrix_fill_template(*out, lang);
    return LTV_OK;
}

void ltv_matrix_free(ltv_matrix *matrix) { ltv__free(matrix); }

static int check_cell(const char *func, int stage, int element) {
    if (!ltv__matrix_stage_ok(stage))
        return ltv__fail(LTV_EINVAL, "%s: stage %d is not a stage (0..%d)", func, stage, LTV_MATRIX_STAGES - 1);
    if (!ltv__matrix_element_ok(element))
        return ltv__fail(LTV_EINVAL, "%s: element %d is not an element (0..%d)", func, element,
                         LTV_MATRIX_ELEMENTS - 1);
    return LTV_OK;
}

int ltv_matrix_set_box(ltv_matrix *matrix, int stage, int element, int status, const char *text, size_t len) {
    static const char func[] = "ltv_matrix_set_box";
    LTV_REQUIRE(matrix, func);
    int rc = check_cell(func, stage, element);
    if (rc != LTV_OK) return rc;
    if (status < LTV_BOX_EMPTY || status > LTV_BOX_ACTIVE)
        return ltv__fail(LTV_EINVAL, "%s: box (%s, %s): status %d is not a box status (0..2)", func,
                         stage_ids[stage], element_ids[element], status);
    if (!text && len > 0)
        return ltv__fail(LTV_EINVAL, "%s: box (%s, %s): text is NULL with len %zu", func, stage_ids[stage],
                         element_ids[element], len);
    rc = ltv__matrix_check_box(func, LTV_EINVAL, stage, element, status, text ? text : "", len);
    if (rc != LTV_OK) return rc;
    ltv__matrix_store_box(matrix, stage, element, status, text, len);
    return LTV_OK;
}

int ltv_matrix_get_box(const ltv_matrix *matrix, int stage, int element, int *out_status, const char **out_text,
                       size_t *out_len) {
    static const char func[] = "ltv_matrix_get_box";
    LTV_REQUIRE(matrix, func);
    int rc = check_cell(func, stage, element);
    if (rc != LTV_OK) return rc;
    const ltv__box *box = &matrix->boxes[stage][element];
    if (out_status) *out_status = box->status;
    if (out_text) *out_text = box->text;
    if (out_len) *out_len = box->len;
    return LTV_OK;
}

int ltv_matrix_set_i64(ltv_matrix *matrix, int param, int64_t value) {
    LTV_REQUIRE(matrix, "ltv_matrix_set_i64");
    return ltv__settings_set(&settings, "ltv_matrix_set_i64", matrix->params, param, value);
}

int ltv_matrix_get_i64(const ltv_matrix *matrix, int param, int64_t *out_value) {
    LTV_REQUIRE(matrix, "ltv_matrix_get_i64");
    return ltv__settings_get(&settings, "ltv_matrix_get_i64", matrix->params, param, out_value);
}

const char *ltv_matrix_param_info(int param, int64_t *out_min, int64_t *out_max) {
    return ltv__settings_info(&settings, "ltv_matrix_param_info", param, out_min, out_max);
}

static int check_existing_stage(const char *func, int stage) {
    if (stage == LTV_STAGE_ACQUISITION)
        return ltv__fail(LTV_EINVAL,
                         "%s: stage 0 (acquisition) has prospects and CPO, not customers and revenue; use "
                         "ltv_matrix_set_acquisition / ltv_matrix_get_acquisition",
                         func);
    if (!ltv__matrix_stage_ok(stage))
        return ltv__fail(LTV_EINVAL, "%s: stage %d is not an existing-customer stage (1..3)", func, stage);
    return LTV_OK;
}

int ltv_matrix_set_stage_figures(ltv_matrix *matrix, int stage, uint64_t customers, int64_t revenue) {
    LTV_REQUIRE(matrix, "ltv_matrix_set_stage_figures");
    int rc = check_existing_stage("ltv_matrix_set_stage_figures", stage);
    if (rc != LTV_OK) return rc;
    matrix->has_stage[stage] = true;
    matrix->customers[stage] = customers;
    matrix->revenue[stage] = revenue;
    return LTV_OK;
}

int ltv_matrix_get_stage_figures(const ltv_matrix *matrix, int stage, uint64_t *out_customers,
                                 int64_t *out_revenue) {
    LTV_REQUIRE(matrix, "ltv_matrix_get_stage_figures");
    int rc = check_existing_stage("ltv_matrix_get_stage_figures", stage);
    if (rc != LTV_OK) return rc;
    if (!matrix->has_stage[stage])
        return ltv__fail(LTV_ENOTFOUND, "ltv_matrix_get_stage_figures: stage %d (%s) has no figures", stage,
                         stage_ids[stage]);
    if (out_customers) *out_customers = matrix->customers[stage];
    if (out_revenue) *out_revenue = matrix->revenue[stage];
    return LTV_OK;
}

int ltv_matrix_set_acquisition(ltv_matrix *matrix, uint64_t prospects, int64_t cpo_minor) {
    LTV_REQUIRE(matrix, "ltv_matrix_set_acquisition");
    if (cpo_minor < 0)
        return ltv__fail(LTV_ERANGE, "ltv_matrix_set_acquisition: cpo_minor = %lld is negative; a cost is 0 or more",
                         (long long)cpo_minor);
    matrix->has_acquisition = true;
    matrix->prospects = prospects;
    matrix->cpo = cpo_minor;
    return LTV_OK;
}

int ltv_matrix_get_acquisition(const ltv_matrix *matrix, uint64_t *out_prospects, int64_t *out_cpo_minor) {
    LTV_REQUIRE(matrix, "ltv_matrix_get_acquisition");
    if (!matrix->has_acquisition)
        return ltv__fail(LTV_ENOTFOUND, "ltv_matrix_get_acquisition: no acquisition figures were set");
    if (out_prospects) *out_prospects = matrix->prospects;
    if (out_cpo_minor) *out_cpo_minor = matrix->cpo;
    return LTV_OK;
}

int ltv_matrix_set_ltv(ltv_matrix *matrix, int64_t average_ltv_minor) {
    LTV_REQUIRE(matrix, "ltv_matrix_set_ltv");
    if (average_ltv_minor < 0)
        return ltv__fail(LTV_ERANGE, "ltv_matrix_set_ltv: average_ltv_minor = %lld is negative; it must be 0 or more",
                         (long long)average_ltv_minor);
    matrix->has_ltv = true;
    matrix->ltv = average_ltv_minor;
    matrix->ltv_basis = -1; /* ltv_matrix_set_segmentation() names the basis after this */
    return LTV_OK;
}

const char *ltv__matrix_ltv_name(const ltv_matrix *matrix, int lang) {
    static const char *const names[3][2] = {
        {"LTV (given)", "LTV（入力値）"}, {"annual LTV", "年間LTV"}, {"lifetime LTV", "累計LTV"}};
    return names[matrix->ltv_basis + 1][lang == LTV_LANG_JA];
}

int ltv_matrix_get_ltv(const ltv_matrix *matrix, int64_t *out_ltv_minor) {
    LTV_REQUIRE(matrix, "ltv_matrix_get_ltv");
    LTV_REQUIRE(out_ltv_minor, "ltv_matrix_get_ltv");
    if (!matrix->has_ltv) return ltv__fail(LTV_ENOTFOUND, "ltv_matrix_get_ltv: no average LTV was set");
    *out_ltv_minor = matrix->ltv;
    return LTV_OK;
}

void ltv_matrix_clear_figures(ltv_matrix *matrix) {
    if (!matrix) return;
    memset(matrix->has_stage, 0, sizeof matrix->has_stage);
    memset(matrix->customers, 0, sizeof matrix->customers);
    memset(matrix->revenue, 0, sizeof matrix->revenue);
    matrix->has_acquisition = false, matrix->prospects = 0, matrix->cpo = 0;
    matrix->has_ltv = false, matrix->ltv = 0;
}
