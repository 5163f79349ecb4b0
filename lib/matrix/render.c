/*
 * Printing the matrix as one table: cell contents, the analysis paragraph, and the
 * Markdown, CSV and JSON renderings (the text table lives in matrix_render_text.c).
 */
#include <string.h>

#include "matrix_render.h"

/* [lang] strings of the renderings. */
static const char *const txt_title[2] = {"Campaign matrix: 4 stages x 5 elements", "キャンペーンマトリクス（4ステージ×5要素）"};
static const char *const txt_prospects[2] = {"Prospects", "見込み客"};
static const char *const txt_customers[2] = {"Customers", "顧客数"};
static const char *const txt_revenue[2] = {"Revenue", "売上"};
static const char *const txt_figures[2] = {"Figures", "数値"};
static const char *const txt_sep[2] = {": ", "："};
static const char *const txt_list_sep[2] = {", ", "、"};
static const char *const balance_names[4][2] = {
    {"not planned", "未計画"}, {"balanced", "バランス良好"}, {"partial", "一部漏れ"}, {"leaking", "ダダ漏れ"}};
static const char *const balance_ids[4] = {"not_planned", "balanced", "partial", "leaking"};
/* Indexed by ltv_cpo_verdict (segment.h); CPO_UNKNOWN stands for missing figures. */
#define CPO_UNKNOWN 3
static const char *const cpo_names[4][2] = {
    {"profitable", "健全"}, {"break-even", "損益分岐"}, {"leaking", "ダダ漏れ"}, {"unknown", "不明"}};
static const char *const cpo_ids[4] = {"profitable", "break_even", "leaking", "unknown"};
static const char *const cpo_relations[4] = {"<", "=", ">", "?"};
static const char *const cpo_missing[2] = {
    "CPO or LTV unknown: give the acquisition CPO and the average LTV to compare them.",
    "CPOまたはLTVが未入力です。新規獲得のCPOと平均LTVを入れると比較できます。"};

static int decimals_of(const ltv_matrix *matrix) { return (int)matrix->params[LTV_MATRIX_DECIMALS]; }

/* The CPO verdict, or CPO_UNKNOWN without both figures (checked first, so no error is set). */
static int cpo_verdict(const ltv_matrix *matrix) {
    int verdict = CPO_UNKNOWN;
    if (matrix->has_acquisition && matrix->has_ltv) ltv_matrix_cpo_verdict(matrix, &verdict);
    return verdict;
}

static const char *cpo_message(int verdict, int lang) {
    return verdict == CPO_UNKNOWN ? cpo_missing[lang] : ltv_matrix_cpo_message(verdict, lang);
}

bool ltv__matrix_has_figures(const ltv_matrix *matrix) {
    if (matrix->has_acquisition || matrix->has_ltv) return true;
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        if (matrix->has_stage[s]) return true;
    return false;
}

void ltv__matrix_figure_lines(const ltv_matrix *matrix, int stage, int lang, ltv__textbuf *tb) {
    size_t start = tb->len;
    int decimals = decimals_of(matrix);
#define NEW_LINE()                                                                                                \
    do {                                                                                                          \
        if (tb->len > start) ltv__tb_puts(tb, "\n");                                                              \
    } while (0)
    if (stage == LTV_STAGE_ACQUISITION) {
        if (matrix->has_acquisition) {
            NEW_LINE();
            ltv__tb_printf(tb, "%s%s", txt_prospects[lang], txt_sep[lang]);
            ltv__tb_count(tb, matrix->prospects);
            NEW_LINE();
            ltv__tb_printf(tb, "CPO%s", txt_sep[lang]);
            ltv__tb_money(tb, matrix->cpo, decimals);
        }
        if (matrix->has_ltv) {
            NEW_LINE();
            ltv__tb_printf(tb, "%s%s", ltv__matrix_ltv_name(matrix, lang), txt_sep[lang]);
            ltv__tb_money(tb, matrix->ltv, decimals);
        }
        int verdict = cpo_verdict(matrix);
        if (verdict != CPO_UNKNOWN) {
            NEW_LINE();
            ltv__tb_printf(tb, "CPO %s LTV%s%s", cpo_relations[verdict], txt_sep[lang], cpo_names[verdict][lang]);
        }
    } else if (matrix->has_stage[stage]) {
        NEW_LINE();
        ltv__tb_printf(tb, "%s%s", txt_customers[lang], txt_sep[lang]);
        ltv__tb_count(tb, matrix->customers[stage]);
        NEW_LINE();
        ltv__tb_printf(tb, "%s%s", txt_revenue[lang], txt_sep[lang]);
        ltv__tb_money(tb, matrix->revenue[stage], decimals);
    }
#undef NEW_LINE
}

void ltv__matrix_header_cell(const ltv_matrix *matrix, int stage, int lang, ltv__textbuf *tb) {
    ltv__tb_puts(tb, ltv_stage_label(stage, lang));
    ltv__textbuf figures;
    ltv__tb_init(&figures);
    ltv__matrix_figure_lines(matrix, stage, lang, &figures);
    if (figures.len) {
        ltv__tb_puts(tb, "\n");
        ltv__tb_append(tb, figures.data, figures.len);
    }
    if (figures.failed) tb->failed = true;
    ltv__tb_discard(&figures);
}

void ltv__matrix_box_cell(const ltv_matrix *matrix, int stage, int element, int lang, ltv__textbuf *tb) {
    const ltv__box *box = &matrix->boxes[stage][element];
    if (box->status == LTV_BOX_ACTIVE) {
        ltv__tb_append(tb, box->text, box->len);
        return;
    }
    ltv__tb_printf(tb, "[%s]", ltv_matrix_box_status_label(box->status, lang));
    if (box->status == LTV_BOX_DRAFT) {
        ltv__tb_puts(tb, " ");
        ltv__tb_append(tb, box->text, box->len);
    }
}

/* ---- the analysis paragraph ---------------------------------------------------------- */

static void analysis_gaps(const ltv_matrix *matrix, int lang, bool markdown, ltv__textbuf *tb) {
    size_t gaps = 0;
    ltv_matrix_gaps(matrix, NULL, NULL, 0, &gaps);
    if (lang == LTV_LANG_JA)
        ltv__tb_printf(tb, "%s欠損箇所%s：20箱中%zu箱が未記入または下書き\n", markdown ? "**" : "", markdown ? "**" : "", gaps);
    else
        ltv__tb_printf(tb, "%sGaps%s: %zu of 20 boxes are empty or drafts\n", markdown ? "**" : "", markdown ? "**" : "",
                       gaps);
    if (markdown) ltv__tb_puts(tb, "\n");
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        ltv__tb_printf(tb, "%s%s%s", markdown ? "- " : "  ", ltv_stage_label(s, lang), txt_sep[lang]);
        bool any = false;
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            int status = matrix->boxes[s][e].status;
            if (status == LTV_BOX_ACTIVE) continue;
            if (any) ltv__tb_puts(tb, txt_list_sep[lang]);
            ltv__tb_printf(tb, lang == LTV_LANG_JA ? "%s（%s）" : "%s (%s)", ltv_element_label(e, lang),
                           ltv_matrix_box_status_label(status, lang));
            any = true;
        }
        if (!any) ltv__tb_puts(tb, lang == LTV_LANG_JA ? "なし" : "none");
        ltv__tb_puts(tb, "\n");
    }
}

static void analysis_balance(const ltv_matrix *matrix, int lang, bool markdown, ltv__textbuf *tb) {
    int verdict = LTV_BALANCE_NOT_PLANNED;
    ltv_matrix_balance(matrix, &verdict);
    const char *bold = markdown ? "**" : "";
    if (lang == LTV_LANG_JA)
        ltv__tb_printf(tb, "%sバランス：%s%s（実施中の箱が5箱中%lld箱以上で計画済み）", bold, balance_names[verdict][lang], bold,
                       (long long)matrix->params[LTV_MATRIX_PLANNED_MIN]);
    else
        ltv__tb_printf(tb, "%sBalance: %s%s (a stage is planned with %lld of its 5 boxes active)", bold,
                       balance_names[verdict][lang], bold, (long long)matrix->params[LTV_MATRIX_PLANNED_MIN]);
    ltv__tb_puts(tb, markdown ? "\n\n" : "\n");
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        uint32_t active = 0;
        int planned = 0;
        ltv_matrix_stage_counts(matrix, s, NULL, NULL, &active);
        ltv_matrix_stage_planned(matrix, s, &planned);
        if (lang == LTV_LANG_JA)
            ltv__tb_printf(tb, "%s%s：実施中 %u/5、%s\n", markdown ? "- " : "  ", ltv_stage_label(s, lang), (unsigned)active,
                           planned ? "計画済み" : "未計画");
        else
            ltv__tb_printf(tb, "%s%s: %u/5 active, %s\n", markdown ? "- " : "  ", ltv_stage_label(s, lang),
                           (unsigned)active, planned ? "planned" : "not planned");
    }
    if (markdown) ltv__tb_puts(tb, "\n");
    ltv__tb_printf(tb, "%s%s\n", markdown ? "" : "  ", ltv_matrix_balance_message(verdict, lang));
}

static void analysis_cpo(const ltv_matrix *matrix, int lang, bool markdown, ltv__textbuf *tb) {
    int verdict = cpo_verdict(matrix);
    const char *bold = markdown ? "**" : "";
    ltv__tb_printf(tb, "%s%s%s%s%s", bold, lang == LTV_LANG_JA ? "CPO対LTV" : "CPO vs LTV", txt_sep[lang],
                   cpo_names[verdict][lang], bold);
    if (verdict != CPO_UNKNOWN) {
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "（CPO " : " (CPO ");
        ltv__tb_money(tb, matrix->cpo, decimals_of(matrix));
        ltv__tb_printf(tb, " %s %s ", cpo_relations[verdict], ltv__matrix_ltv_name(matrix, lang));
        ltv__tb_money(tb, matrix->ltv, decimals_of(matrix));
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "）" : ")");
    }
    ltv__tb_puts(tb, markdown ? "\n\n" : "\n  ");
    ltv__tb_printf(tb, "%s\n", cpo_message(verdict, lang));
}

void ltv__matrix_analysis(const ltv_matrix *matrix, int lang, bool markdown, ltv__textbuf *tb) {
    analysis_gaps(matrix, lang, markdown, tb);
    ltv__tb_puts(tb, "\n");
    analysis_balance(matrix, lang, markdown, tb);
    ltv__tb_puts(tb, "\n");
    analysis_cpo(matrix, lang, markdown, tb);
}

/* ---- Markdown ------------------------------------------------------------------------- */

/* A cell's text made safe inside a Markdown table row: pipes escaped, HTML special
 * characters as entities, line breaks as <br>, tabs as spaces. */
static void markdown_cell(ltv__textbuf *tb, const char *text, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *replacement = NULL;
        switch (text[i]) {
        case '|': replacement = "\\|"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '&': replacement = "&amp;"; break;
        case '\n': replacement = "<br>"; break;
        case '\t': replacement = " "; break;
        default: break;
        }
        if (!replacement) continue;
        ltv__tb_append(tb, text + run, i - run);
        ltv__tb_puts(tb, replacement);
        run = i + 1;
    }
    ltv__tb_append(tb, text + run, len - run);
}

static void render_markdown(const ltv_matrix *matrix, int lang, ltv__textbuf *tb) {
    ltv__textbuf cell;
    ltv__tb_init(&cell);
    ltv__tb_printf(tb, "## %s\n\n|  |", txt_title[lang]);
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        cell.len = 0;
        ltv__matrix_header_cell(matrix, s, lang, &cell);
        ltv__tb_puts(tb, " ");
        markdown_cell(tb, cell.data, cell.len);
        ltv__tb_puts(tb, " |");
    }
    ltv__tb_puts(tb, "\n|---|---|---|---|---|\n");
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        ltv__tb_printf(tb, "| **%s** |", ltv_element_label(e, lang));
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            cell.len = 0;
            ltv__matrix_box_cell(matrix, s, e, lang, &cell);
            ltv__tb_puts(tb, " ");
            markdown_cell(tb, cell.data, cell.len);
            ltv__tb_puts(tb, " |");
        }
        ltv__tb_puts(tb, "\n");
    }
    if (cell.failed) tb->failed = true;
    ltv__tb_discard(&cell);
    if (matrix->params[LTV_MATRIX_ANALYSIS]) {
        ltv__tb_puts(tb, "\n");
        ltv__matrix_analysis(matrix, lang, true, tb);
    }
}

/* ---- CSV grid ------------------------------------------------------------------------- */

static void render_csv(const ltv_matrix *matrix, int lang, ltv__textbuf *tb) {
    ltv__textbuf cell;
    ltv__tb_init(&cell);
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        ltv__tb_puts(tb, ",");
        const char *label = ltv_stage_label(s, lang);
        ltv__tb_csv_field(tb, label, strlen(label));
    }
    ltv__tb_puts(tb, "\n");
    if (ltv__matrix_has_figures(matrix)) {
        ltv__tb_puts(tb, txt_figures[lang]);
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            cell.len = 0;
            ltv__matrix_figure_lines(matrix, s, lang, &cell);
            ltv__tb_puts(tb, ",");
            ltv__tb_csv_field(tb, cell.data, cell.len);
        }
        ltv__tb_puts(tb, "\n");
    }
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        const char *label = ltv_element_label(e, lang);
        ltv__tb_csv_field(tb, label, strlen(label));
        for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
            cell.len = 0;
            ltv__matrix_box_cell(matrix, s, e, lang, &cell);
            ltv__tb_puts(tb, ",");
            ltv__tb_csv_field(tb, cell.data, cell.len);
        }
        ltv__tb_puts(tb, "\n");
    }
    if (cell.failed) tb->failed = true;
    ltv__tb_discard(&cell);
}

/* ---- JSON report ---------------------------------------------------------------------- */

static void json_key_string(ltv__textbuf *tb, const char *key, const char *value) {
    ltv__tb_printf(tb, "\"%s\": ", key);
    ltv__tb_json_string(tb, value, strlen(value));
}

static void render_json(const ltv_matrix *matrix, int lang, ltv__textbuf *tb) {
    ltv__matrix_write_json_boxes(matrix, tb);
    ltv__tb_printf(tb, ",\n  \"report\": {\n    \"lang\": \"%s\",\n    \"decimals\": %d,\n    \"title\": ",
                   lang == LTV_LANG_JA ? "ja" : "en", decimals_of(matrix));
    ltv__tb_json_string(tb, txt_title[lang], strlen(txt_title[lang]));
    ltv__tb_puts(tb, ",\n    \"stages\": [\n");
    for (int s = 0; s < LTV_MATRIX_STAGES; s++) {
        uint32_t counts[3];
        int planned = 0;
        ltv_matrix_stage_counts(matrix, s, &counts[0], &counts[1], &counts[2]);
        ltv_matrix_stage_planned(matrix, s, &planned);
        ltv__tb_printf(tb, "      {\"stage\": \"%s\", ", ltv__matrix_stage_id(s));
        json_key_string(tb, "label", ltv_stage_label(s, lang));
        ltv__tb_printf(tb, ", \"empty\": %u, \"draft\": %u, \"active\": %u, \"planned\": %s", (unsigned)counts[0],
                       (unsigned)counts[1], (unsigned)counts[2], planned ? "true" : "false");
        if (s == LTV_STAGE_ACQUISITION) {
            if (matrix->has_acquisition)
                ltv__tb_printf(tb, ", \"prospects\": %llu, \"cpo\": %lld", (unsigned long long)matrix->prospects,
                               (long long)matrix->cpo);
            if (matrix->has_ltv)
                ltv__tb_printf(tb, ", \"ltv\": %lld, \"ltv_basis\": \"%s\"", (long long)matrix->ltv,
                               matrix->ltv_basis < 0 ? "given" : matrix->ltv_basis ? "lifetime" : "annual");
        } else if (matrix->has_stage[s]) {
            ltv__tb_printf(tb, ", \"customers\": %llu, \"revenue\": %lld", (unsigned long long)matrix->customers[s],
                           (long long)matrix->revenue[s]);
        }
        ltv__tb_puts(tb, s + 1 < LTV_MATRIX_STAGES ? "},\n" : "}\n");
    }
    ltv__tb_puts(tb, "    ],\n    \"elements\": [\n");
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
        ltv__tb_printf(tb, "      {\"element\": \"%s\", ", ltv__matrix_element_id(e));
        json_key_string(tb, "label", ltv_element_label(e, lang));
        ltv__tb_puts(tb, e + 1 < LTV_MATRIX_ELEMENTS ? "},\n" : "}\n");
    }
    ltv__tb_puts(tb, "    ],\n    \"gaps\": [");
    bool first = true;
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            int status = matrix->boxes[s][e].status;
            if (status == LTV_BOX_ACTIVE) continue;
            ltv__tb_printf(tb, "%s\n      {\"stage\": \"%s\", \"element\": \"%s\", \"status\": \"%s\"}", first ? "" : ",",
                           ltv__matrix_stage_id(s), ltv__matrix_element_id(e), ltv__matrix_status_id(status));
            first = false;
        }
    ltv__tb_puts(tb, first ? "],\n" : "\n    ],\n");
    int balance = LTV_BALANCE_NOT_PLANNED, cpo = cpo_verdict(matrix);
    ltv_matrix_balance(matrix, &balance);
    ltv__tb_printf(tb, "    \"balance\": {\"verdict\": \"%s\", \"planned_min\": %lld, ", balance_ids[balance],
                   (long long)matrix->params[LTV_MATRIX_PLANNED_MIN]);
    json_key_string(tb, "message", ltv_matrix_balance_message(balance, lang));
    ltv__tb_printf(tb, "},\n    \"cpo\": {\"verdict\": \"%s\", ", cpo_ids[cpo]);
    json_key_string(tb, "message", cpo_message(cpo, lang));
    ltv__tb_puts(tb, "}\n  }\n}\n");
}

int ltv_matrix_render(const ltv_matrix *matrix, int format, int lang, char **out_text, size_t *out_len) {
    LTV_REQUIRE(matrix, "ltv_matrix_render");
    LTV_REQUIRE(out_text, "ltv_matrix_render");
    if (format < LTV_MATRIX_FORMAT_TEXT || format > LTV_MATRIX_FORMAT_JSON)
        return ltv__fail(LTV_EINVAL, "ltv_matrix_render: format %d is not a matrix format (0..3)", format);
    if (!ltv__matrix_lang_ok(lang))
        return ltv__fail(LTV_EINVAL, "ltv_matrix_render: lang %d is not LTV_LANG_EN (0) or LTV_LANG_JA (1)", lang);
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    switch (format) {
    case LTV_MATRIX_FORMAT_TEXT:
        ltv__tb_printf(&tb, "%s\n\n", txt_title[lang]);
        ltv__matrix_text_table(matrix, lang, &tb);
        if (matrix->params[LTV_MATRIX_ANALYSIS]) {
            ltv__tb_puts(&tb, "\n");
            ltv__matrix_analysis(matrix, lang, false, &tb);
        }
        break;
    case LTV_MATRIX_FORMAT_MARKDOWN: render_markdown(matrix, lang, &tb); break;
    case LTV_MATRIX_FORMAT_CSV: render_csv(matrix, lang, &tb); break;
    default: render_json(matrix, lang, &tb); break;
    }
    return ltv__tb_finish(&tb, "ltv_matrix_render", out_text, out_len);
}
