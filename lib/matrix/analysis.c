/*
 * What the matrix says about the plan: the gaps (boxes empty or only drafted), whether each
 * stage is planned, the balance between acquisition and the existing-customer stages, and
 * the CPO-versus-LTV verdict.
 */
#include "matrix_internal.h"

static const char *const balance_messages[4][2] = {
    {"No stage is planned yet: mark the boxes you run as active. Start with the existing customers, then "
     "acquisition.",
     "計画済みのステージはまだありません。実施している箱を「実施中」にしましょう。既存客対策から始め、その後に新規獲得へ。"},
    {"No leak: acquisition is not planned ahead of the existing-customer stages.",
     "ダダ漏れはありません。新規獲得が既存客対策より先行していません。"},
    {"Acquisition is planned but some existing-customer stages are not: customers leak out where a stage is "
     "left open.",
     "新規獲得は計画済みですが、既存客のステージに未計画のものがあります。空いたステージからお客さまが漏れていきます。"},
    {"A bath with the plug out [ダダ漏れ]: acquisition is planned but no existing-customer stage is. Put the plug "
     "in first: plan activation, retention and churn prevention, then acquisition.",
     "ダダ漏れ状態です。新規獲得ばかりで、既存客のステージ（活性・維持・離脱防止）が計画されていません。"
     "風呂の栓を締めてから蛇口をひねるように、既存客対策を盤石にしてから新規獲得へ。"},
};

/* Indexed by ltv_cpo_verdict (segment.h). */
static const char *const cpo_messages[3][2] = {
    {"CPO is below LTV: a new customer brings more than it costs.",
     "CPOがLTVを下回っています。新規客は獲得費用以上の売上をもたらしています。"},
    {"CPO equals LTV: acquisition only pays for itself; raise LTV before spending more on acquisition.",
     "CPOとLTVが同じです。獲得費用を回収するだけなので、新規獲得を増やす前にLTVを上げましょう。"},
    {"CPO is above LTV: each new customer costs more than they bring, a bath with the plug out [ダダ漏れ]. "
     "Raise LTV through the existing-customer stages before buying more customers.",
     "CPO>LTVのダダ漏れ状態です。新規客を獲得するほど損をしています。新規獲得を増やす前に、既存客対策でLTVを上げましょう。"},
};

const char *ltv_matrix_balance_message(int verdict, int lang) {
    if (verdict < LTV_BALANCE_NOT_PLANNED || verdict > LTV_BALANCE_LEAKING || !ltv__matrix_lang_ok(lang)) return NULL;
    return balance_messages[verdict][lang];
}

const char *ltv_matrix_cpo_message(int verdict, int lang) {
    if (verdict < LTV_CPO_PROFITABLE || verdict > LTV_CPO_LEAKING || !ltv__matrix_lang_ok(lang)) return NULL;
    return cpo_messages[verdict][lang];
}

int ltv_matrix_stage_counts(const ltv_matrix *matrix, int stage, uint32_t *out_empty, uint32_t *out_draft,
                            uint32_t *out_active) {
    LTV_REQUIRE(matrix, "ltv_matrix_stage_counts");
    if (!ltv__matrix_stage_ok(stage))
        return ltv__fail(LTV_EINVAL, "ltv_matrix_stage_counts: stage %d is not a stage (0..%d)", stage,
                         LTV_MATRIX_STAGES - 1);
    uint32_t counts[3] = {0, 0, 0};
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) counts[matrix->boxes[stage][e].status]++;
    if (out_empty) *out_empty = counts[LTV_BOX_EMPTY];
    if (out_draft) *out_draft = counts[LTV_BOX_DRAFT];
    if (out_active) *out_active = counts[LTV_BOX_ACTIVE];
    return LTV_OK;
}

static bool planned(const ltv_matrix *matrix, int stage) {
    int64_t active = 0;
    for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) active += matrix->boxes[stage][e].status == LTV_BOX_ACTIVE;
    return active >= matrix->params[LTV_MATRIX_PLANNED_MIN];
}

int ltv_matrix_stage_planned(const ltv_matrix *matrix, int stage, int *out_planned) {
    LTV_REQUIRE(matrix, "ltv_matrix_stage_planned");
    LTV_REQUIRE(out_planned, "ltv_matrix_stage_planned");
    if (!ltv__matrix_stage_ok(stage))
        return ltv__fail(LTV_EINVAL, "ltv_matrix_stage_planned: stage %d is not a stage (0..%d)", stage,
                         LTV_MATRIX_STAGES - 1);
    *out_planned = planned(matrix, stage) ? 1 : 0;
    return LTV_OK;
}

int ltv_matrix_gaps(const ltv_matrix *matrix, int32_t *out_stages, int32_t *out_elements, size_t capacity,
                    size_t *out_len) {
    LTV_REQUIRE(matrix, "ltv_matrix_gaps");
    LTV_REQUIRE(out_len, "ltv_matrix_gaps");
    size_t n = 0;
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) n += matrix->boxes[s][e].status != LTV_BOX_ACTIVE;
    *out_len = n;
    if (!out_stages && !out_elements) return LTV_OK;
    if (capacity < n)
        return ltv__fail(LTV_EBUFSIZE, "ltv_matrix_gaps: capacity %zu is too small for %zu gaps", capacity, n);
    size_t i = 0;
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            if (matrix->boxes[s][e].status == LTV_BOX_ACTIVE) continue;
            if (out_stages) out_stages[i] = s;
            if (out_elements) out_elements[i] = e;
            i++;
        }
    return LTV_OK;
}

int ltv_matrix_balance(const ltv_matrix *matrix, int *out_verdict) {
    LTV_REQUIRE(matrix, "ltv_matrix_balance");
    LTV_REQUIRE(out_verdict, "ltv_matrix_balance");
    bool acquisition = planned(matrix, LTV_STAGE_ACQUISITION);
    int existing = 0;
    for (int s = LTV_STAGE_ACTIVATION; s <= LTV_STAGE_CHURN_PREVENTION; s++) existing += planned(matrix, s);
    if (acquisition && existing == 0)
        *out_verdict = LTV_BALANCE_LEAKING;
    else if (acquisition && existing < 3)
        *out_verdict = LTV_BALANCE_PARTIAL;
    else if (!acquisition && existing == 0)
        *out_verdict = LTV_BALANCE_NOT_PLANNED;
    else
        *out_verdict = LTV_BALANCE_BALANCED;
    return LTV_OK;
}

int ltv_matrix_cpo_verdict(const ltv_matrix *matrix, int *out_verdict) {
    LTV_REQUIRE(matrix, "ltv_matrix_cpo_verdict");
    LTV_REQUIRE(out_verdict, "ltv_matrix_cpo_verdict");
    if (!matrix->has_acquisition || !matrix->has_ltv)
        return ltv__fail(LTV_ENOTFOUND, "ltv_matrix_cpo_verdict: no %s set (see %s)",
                         !matrix->has_acquisition ? (matrix->has_ltv ? "CPO" : "CPO and no LTV") : "LTV",
                         !matrix->has_acquisition ? "ltv_matrix_set_acquisition" : "ltv_matrix_set_ltv");
    if (matrix->cpo < matrix->ltv)
        *out_verdict = LTV_CPO_PROFITABLE;
    else if (matrix->cpo == matrix->ltv)
        *out_verdict = LTV_CPO_BREAK_EVEN;
    else
        *out_verdict = LTV_CPO_LEAKING;
    return LTV_OK;
}
