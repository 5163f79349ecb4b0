/* English and Japanese labels of states, ranks, metrics and verdicts (static UTF-8). */
#include "segment_internal.h"

static const char *pick(const char *const table[][2], int count, int value, int lang) {
    if (value < -1 || value >= count - 1 || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return NULL;
    return table[value + 1][lang];
}

const char *ltv_state_label(int state, int lang) {
    static const char *const labels[][2] = {
        {"none", "なし"}, {"new", "新規"}, {"repeat", "リピート"}, {"fan", "ファン"}, {"dormant", "休眠"}};
    return pick(labels, 5, state, lang);
}

const char *ltv_rank_label(int rank, int lang) {
    static const char *const labels[][2] = {{"no rank", "ランクなし"},
                                            {"excellent", "優良顧客"},
                                            {"semi-excellent", "準優良顧客"},
                                            {"general", "一般顧客"},
                                            {"nurture", "育成顧客"}};
    return pick(labels, 5, rank, lang);
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
