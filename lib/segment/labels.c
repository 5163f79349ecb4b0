/* English and Japanese labels of states, ranks, metrics and verdicts (static UTF-8). */
#include "segment_internal.h"

/* Indexed by value + 1: the first word is the NONE value -1. The English labels are what the
 * segment rows and counts print; the keywords are what the planner's text format, the health
 * JSON and the tool's plan output print. */
const ltv__word ltv__state_words[LTV_STATE_COUNT + 1] = {
    {"no_order", "none", "なし"}, {"new", "new", "新規"},         {"repeat", "repeat", "リピート"},
    {"fan", "fan", "ファン"},     {"dormant", "dormant", "休眠"},
};

const ltv__word ltv__rank_words[LTV_RANK_COUNT + 1] = {
    {"no_rank", "no rank", "ランクなし"},
    {"excellent", "excellent", "優良顧客"},
    {"semi_excellent", "semi-excellent", "準優良顧客"},
    {"general", "general", "一般顧客"},
    {"nurture", "nurture", "育成顧客"},
};

static const ltv__word *word(const ltv__word *words, int count, int value) {
    return value >= -1 && value < count - 1 ? &words[value + 1] : NULL;
}

static const char *label(const ltv__word *w, int lang) {
    if (!w || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return NULL;
    return lang == LTV_LANG_EN ? w->en : w->ja;
}

const char *ltv_state_label(int state, int lang) { return label(word(ltv__state_words, LTV_STATE_COUNT + 1, state), lang); }

const char *ltv_rank_label(int rank, int lang) { return label(word(ltv__rank_words, LTV_RANK_COUNT + 1, rank), lang); }

const char *ltv_state_keyword(int state) {
    const ltv__word *w = word(ltv__state_words, LTV_STATE_COUNT + 1, state);
    if (!w) ltv__fail(LTV_EINVAL, "ltv_state_keyword: %d is not an ltv_state (-1..%d)", state, LTV_STATE_COUNT - 1);
    return w ? w->keyword : NULL;
}

const char *ltv_rank_keyword(int rank) {
    const ltv__word *w = word(ltv__rank_words, LTV_RANK_COUNT + 1, rank);
    if (!w) ltv__fail(LTV_EINVAL, "ltv_rank_keyword: %d is not an ltv_rank (-1..%d)", rank, LTV_RANK_COUNT - 1);
    return w ? w->keyword : NULL;
}

/* Metrics and verdicts have no NONE value: entry 0 is a placeholder for -1. */
static const char *pick(const char *const table[][2], int count, int value, int lang) {
    if (value < -1 || value >= count - 1 || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return NULL;
    return table[value + 1][lang];
}

const char *ltv_rfm_metric_label(int metric, int lang) {
    static const char *const labels[][2] = {{"", ""},
                                            {"recency (days since the last order)", "最終購入からの日数 (R)"},
                                            {"frequency (orders)", "購入回数 (F)"},
                                            {"monetary (amount)", "購入金額 (M)"}};
    if (metric < 0) return NULL;
    return pick(labels, 4, metric, lang);
}

const char *ltv_cpo_verdict_label(int verdict, int lang) {
    static const char *const labels[][2] = {
        {"", ""},
        {"profitable: a customer is worth more than acquiring one costs",
         "黒字: 顧客の価値（LTV）が獲得コスト（CPO）を上回っています"},
        {"break-even: acquiring a customer costs exactly what a customer is worth",
         "損益分岐: 獲得コスト（CPO）と顧客の価値（LTV）が同じです"},
        {"leaking: acquiring a customer costs more than a customer is worth - a bath with the plug out",
         "ダダ漏れ: 獲得コスト（CPO）が顧客の価値（LTV）を上回っています（栓の抜けたお風呂）"}};
    if (verdict < 0) return NULL;
    return pick(labels, 4, verdict, lang);
}
