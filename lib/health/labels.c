/* Labels of the health-check report in English and Japanese (static UTF-8), with the stable
 * JSON key of each. */
#include "health_internal.h"

typedef struct label_entry {
    const char *key, *en, *ja;
} label_entry;

static const label_entry labels[LTV_HEALTH_LABEL_COUNT] = {
    {"title", "CRM health check", "CRM健康診断"},
    {"as_of", "As of", "基準日"},
    {"sales", "Customers and sales", "顧客と売上"},
    {"customers", "Customers", "顧客数"},
    {"orders", "Orders", "注文数"},
    {"revenue", "Revenue (net of refunds)", "売上（返品控除後）"},
    {"gross_revenue", "Revenue (gross)", "売上（総額）"},
    {"average_order_value", "Average order value", "平均注文単価"},
    {"items_per_order", "Items per order", "1注文あたりの点数"},
    {"repeat", "Repeat rate", "リピート率"},
    {"repeat_rate", "Repeat rate (all time)", "リピート率（全期間）"},
    {"year_repeat_rate", "Repeat rate (trailing year)", "リピート率（直近1年）"},
    {"second_purchase", "First to second purchase", "初回から2回目の購入"},
    {"second_within", "Second purchase within", "2回目購入率"},
    {"median_gap_days", "Median days to the second purchase", "2回目までの日数（中央値）"},
    {"most_common_week", "Most common week", "最も多い週"},
    {"gap_distribution", "Days to the second purchase", "2回目までの日数の分布"},
    {"tenure", "Tenure (first to last order)", "在籍期間（初回〜最終購入）"},
    {"membership", "Membership", "会員"},
    {"members", "Members", "会員数"},
    {"continuing_members", "Continuing members", "継続会員"},
    {"churned_members", "Churned members", "退会会員"},
    {"average_ltv", "Average LTV", "平均LTV"},
    {"retention_value", "Worth of keeping a member (LTV gap)", "継続と退会のLTV差（定着の価値）"},
    {"churn_within", "Churn after joining, within", "入会後の退会率"},
    {"churn_by_days_enrolled", "Churn by days enrolled", "在籍日数別の退会率"},
    {"risk_peak", "Churn risk peaks", "離脱リスクのピーク"},
    {"usage", "Uses per year", "年間利用回数"},
    {"usage_low", "Silent members", "サイレント層"},
    {"usage_middle", "Regular members", "中間層"},
    {"usage_high", "Core users", "コア層"},
    {"states", "Customer states", "顧客の状態"},
    {"ranks", "Value ranks and the LTV formula", "顧客ランクとLTVの分解"},
    {"rfm", "RFM score thresholds", "RFMスコアの区切り"},
    {"presets", "Named segments", "RFMセグメント"},
    {"ltv", "LTV analysis", "LTV分析"},
    {"core", "Core: the top LTV customers", "LTV上位のコア層"},
    {"top_excellent", "Top excellent customers", "最優良顧客"},
    {"high_ltv_general", "High-LTV general customers", "高LTV一般顧客"},
    {"cpo", "Cost per order vs LTV", "CPOとLTVの比較"},
    {"share", "Share", "構成比"},
    {"rate", "Rate", "率"},
    {"eligible", "Eligible", "対象"},
    {"at_risk", "At risk", "期首在籍数"},
    {"active_years", "Active years", "アクティブ期間（年）"},
    {"orders_per_year", "Orders per year", "年間購入回数"},
    {"trailing_year", "Trailing year", "直近1年"},
    {"newer_members", "Members under a year (not banded)", "在籍1年未満（対象外）"},
};

const char *ltv_health_label(int label, int lang) {
    if (label < 0 || label >= LTV_HEALTH_LABEL_COUNT) return NULL;
    if (lang == LTV_LANG_EN) return labels[label].en;
    if (lang == LTV_LANG_JA) return labels[label].ja;
    return NULL;
}

const char *ltv__health_label_key(int label) {
    return label >= 0 && label < LTV_HEALTH_LABEL_COUNT ? labels[label].key : NULL;
}
