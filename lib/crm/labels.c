/* Static English and Japanese labels of the CRM stages and campaign elements. */
#include "internal.h"
#include "ltvcrm/crm.h"

static const char *const stage_labels[4][2] = {
    {"Acquisition", "新規獲得"},
    {"Activation", "既存客活性"},
    {"Retention", "既存客維持"},
    {"Churn prevention", "既存客離脱防止"},
};

static const char *const element_labels[5][2] = {
    {"Segment", "セグメント"},
    {"Offer", "オファー"},
    {"Creative", "クリエイティブ"},
    {"Timing", "タイミング"},
    {"Channel", "チャネル"},
};

const char *ltv_stage_label(int stage, int lang) {
    if (stage < 0 || stage >= 4 || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return "";
    return stage_labels[stage][lang];
}

const char *ltv_element_label(int element, int lang) {
    if (element < 0 || element >= 5 || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return "";
    return element_labels[element][lang];
}
