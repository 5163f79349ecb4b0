/* The report's texts in English and Japanese, the template filler and value formats.
 * Templates name their values {0}..{9}, so each language orders them as it reads best. */
#include <string.h>

#include "report_internal.h"

static const char *const texts[T__COUNT][2] = {
    [T_TITLE] = {"CRM report", "CRMレポート"},
    [T_AS_OF] = {"As of {0}", "基準日 {0}"},
    [T_PERIOD] = {"orders from {0} to {1}", "データ期間 {0}〜{1}"},
    [T_GENERATED] = {"written on {0}", "作成日 {0}"},
    [T_CONTENTS] = {"Contents", "目次"},
    [T_NO_DATA] = {"No orders before the as-of day: nothing to chart.", "基準日より前の注文がないため、グラフはありません。"},
    [T_SEC_HEADLINE] = {"Headline figures", "主要指標"},
    [T_CUSTOMERS] = {"Customers", "顧客数"},
    [T_ORDERS] = {"Orders", "注文数"},
    [T_REVENUE] = {"Revenue", "売上"},
    [T_AOV] = {"Average order value", "平均注文単価"},
    [T_REPEAT_RATE] = {"Repeat rate", "リピート率"},
    [T_ANNUAL_LTV] = {"Annual LTV", "年間LTV"},
    [T_HEADLINE_SUB_CUSTOMERS] = {"with an order before the as-of day", "基準日までに購入した顧客"},
    [T_HEADLINE_SUB_ORDERS] = {"{0} in the trailing year", "うち直近1年 {0}件"},
    [T_HEADLINE_SUB_REVENUE] = {"net of refunds; {0} in the trailing year", "返品控除後・うち直近1年 {0}"},
    [T_HEADLINE_SUB_AOV] = {"{0} items per order", "1注文あたり {0}点"},
    [T_HEADLINE_SUB_REPEAT] = {"2 or more orders; trailing year {0}", "2回以上購入した顧客・直近1年は{0}"},
    [T_HEADLINE_SUB_LTV] = {"trailing-year purchases per customer", "顧客1人あたりの直近1年の購入額"},
    [T_READ_HEADLINE] = {"{0} of {1} customers have bought twice or more; a customer spends {2} a year on average.",
                         "顧客{1}人のうち{0}人が2回以上購入しています。顧客1人あたりの年間購入額は平均{2}です。"},
    [T_SEC_STATES] = {"Lifecycle states and value ranks", "顧客の状態と顧客ランク"},
    [T_STATES_CHART] = {"Customers and revenue by lifecycle state", "状態別の顧客数と売上の構成比"},
    [T_CUSTOMER_SHARE] = {"Share of customers", "顧客数の構成比"},
    [T_REVENUE_SHARE] = {"Share of revenue", "売上の構成比"},
    [T_GROUP] = {"Group", "区分"},
    [T_AVG_ANNUAL_LTV] = {"Average annual LTV", "平均年間LTV"},
    [T_AVG_LIFETIME_LTV] = {"Average lifetime LTV", "平均累計LTV"},
    [T_AVG_YEAR_AMOUNT] = {"Average trailing-year amount", "直近1年の平均購入額"},
    [T_READ_STATES] = {"The {0} group is {1} of customers and brings {2} of revenue.", "{0}は顧客数では{1}ですが、売上の{2}を占めています。"},
    [T_RANKS_CHART] = {"Customers and revenue by value rank", "ランク別の顧客数と売上の構成比"},
    [T_NO_RANK_NOTE] = {"{0} customers without an order in the trailing year have no rank.",
                        "直近1年に購入のない{0}人はランク外です。"},
    [T_DECOMP_CHART] = {"LTV per rank = active years × orders per year × order value",
                        "ランク別のLTV ＝ 継続期間（年）× 年間購入回数 × 注文単価"},
    [T_ACTIVE_YEARS] = {"Active years", "継続期間（年）"},
    [T_ORDERS_PER_YEAR] = {"Orders per year", "年間購入回数"},
    [T_ORDER_VALUE] = {"Order value", "注文単価"},
    [T_LC_ACTIVE_YEARS] = {"active years", "継続期間"},
    [T_LC_ORDERS_PER_YEAR] = {"orders per year", "年間購入回数"},
    [T_LC_ORDER_VALUE] = {"order value", "注文単価"},
    [T_LIFETIME_LTV] = {"Lifetime LTV", "累計LTV"},
    [T_READ_DECOMP] = {"Between {0} and {1} the biggest difference is {2}: {3} against {4}.",
                       "{0}と{1}の差がいちばん大きいのは{2}です（{3}対{4}）。"},
    [T_SEC_RFM] = {"RFM", "RFM分析"},
    [T_HEATMAP] = {"Recency × frequency: customers and average monetary value per cell",
                   "最終購入（R）× 購入回数（F）：セルごとの顧客数と平均購入金額"},
    [T_RECENCY_SCORE] = {"Recency score R (higher = more recent)", "Rスコア（大きいほど最近）"},
    [T_FREQUENCY_SCORE] = {"Frequency score F (higher = more orders)", "Fスコア（大きいほど多い）"},
    [T_AVG_MONETARY] = {"Average monetary", "平均購入金額"},
    [T_READ_HEATMAP] = {"The largest cell is R {0} × F {1} with {2} customers ({3}).",
                        "最も多いのはR{0}×F{1}のセルで、{2}人（{3}）です。"},
    [T_SCORES_CHART] = {"Customers per score, with the cut points", "スコア別の顧客数と区切り値"},
    [T_SCORE] = {"Score", "スコア"},
    [T_CUT_POINTS] = {"Cut points", "区切り値"},
    [T_READ_SCORES] = {"Scores are uneven where many customers share a value: the most crowded is {0} score {1} with {2} customers.",
                       "同じ値の顧客が多いとスコアの人数は偏ります。最も多いのは{0}のスコア{1}で{2}人です。"},
    [T_PRESETS_CHART] = {"Named segments: share of customers and of revenue", "RFMセグメント：顧客数と売上の構成比"},
    [T_SEGMENT] = {"Segment", "セグメント"},
    [T_SEC_SECOND] = {"First to second purchase", "初回から2回目の購入"},
    [T_GAP_CHART] = {"Days from the first to the second purchase, by week", "初回から2回目の購入までの日数（週ごと）"},
    [T_WEEK] = {"Week after the first order", "初回購入から何週目か"},
    [T_WEEK_N] = {"week {0} (days {1}–{2})", "{0}週目（{1}〜{2}日）"},
    [T_BEST_WEEK] = {"{0}: excellent customers re-buy most often", "優良顧客の再購入が最も多い週：{0}"},
    [T_READ_GAP] = {"Half of second purchases come within {0} days; excellent customers most often re-buy in {1}, so the repeat push belongs just before it.",
                    "2回目の購入の半数は{0}日以内です。優良顧客の再購入は{1}に最も多いので、リピートの働きかけはその直前に置きます。"},
    [T_READ_GAP_NONE] = {"No customer has a second purchase yet.", "2回目の購入はまだありません。"},
    [T_CONVERSION_CHART] = {"Second purchase within 7 … 365 days, by value rank", "ランク別の2回目購入率（7〜365日以内）"},
    [T_ALL_CUSTOMERS] = {"All customers", "全顧客"},
    [T_WITHIN_DAYS] = {"{0} days", "{0}日以内"},
    [T_READ_CONVERSION] = {"{0} of customers buy a second time within 90 days, {1} within 365 days.",
                           "2回目購入率は90日以内で{0}、365日以内で{1}です。"},
    [T_ELIGIBLE_NOTE] = {"Each rate counts only customers whose first order is older than the window.",
                         "各率は、初回購入からその日数以上が経過した顧客だけを対象にしています。"},
    [T_MEDIAN_DAYS] = {"Median days", "中央値（日）"},
    [T_SEC_TENURE] = {"Tenure and membership", "在籍期間と会員の継続"},
    [T_TENURE_CHART] = {"Tenure: days from the first to the last order", "在籍期間（初回から最終購入までの日数）"},
    [T_DAYS_RANGE] = {"{0}–{1} days", "{0}〜{1}日"},
    [T_DAYS_OVER] = {"over {0} days", "{0}日超"},
    [T_READ_TENURE] = {"{0} of customers have a tenure under 100 days; {1} stay over a year.",
                       "顧客の{0}は在籍期間が100日未満で、1年を超える顧客は{1}です。"},
    [T_SHARE] = {"Share", "構成比"},
    [T_CHURN_CHART] = {"Churn rate by days enrolled ({0}-day periods)", "在籍日数別の退会率（{0}日ごと）"},
    [T_ENROLLED_DAYS] = {"Days enrolled", "在籍日数"},
    [T_AT_RISK] = {"Members at risk", "対象会員数"},
    [T_CANCELS] = {"Cancels", "退会数"},
    [T_CHURN_RATE] = {"Churn rate", "退会率"},
    [T_RISK_PEAK] = {"risk peak", "退会リスクのピーク"},
    [T_WALL] = {"continuation wall (days 100–299)", "継続の壁（100〜299日）"},
    [T_READ_CHURN] = {"Churn risk peaks on days {0}–{1} ({2}); the continuation wall (days 100–299) loses {3} of the members who reach it.",
                      "退会リスクは在籍{0}〜{1}日目がピーク（{2}）です。100〜299日の「継続の壁」では、そこに達した会員の{3}が退会しています。"},
    [T_READ_CHURN_NONE] = {"No period has enough members at risk to name a peak; the continuation wall (days 100–299) loses {3} of the members who reach it.",
                           "ピークを判定できるだけの会員数がありません。100〜299日の「継続の壁」では、そこに達した会員の{3}が退会しています。"},
    [T_USAGE_CHART] = {"Members enrolled a year or more, by uses in the trailing year", "在籍1年以上の会員の年間利用回数"},
    [T_USAGE_LOW] = {"{0} (≤ {1})", "{0}（{1}回以下）"},
    [T_USAGE_MID] = {"{0} ({1}–{2})", "{0}（{1}〜{2}回）"},
    [T_USAGE_HIGH] = {"{0} (≥ {1})", "{0}（{1}回以上）"},
    [T_READ_USAGE] = {"{0} of these members use the service at most {1} times a year: reach them before they cancel.",
                      "これらの会員の{0}は年{1}回以下しか利用していません。退会する前に働きかけたい層です。"},
    [T_MEMBERS] = {"Members", "会員数"},
    [T_NO_MEMBERSHIP] = {"The log has no visits or cancels, so membership churn and usage are not shown.",
                         "利用・退会のデータがないため、会員の退会率と利用回数は表示していません。"},
    [T_USES_PER_YEAR] = {"Uses per year", "年間利用回数"},
    [T_MEMBERSHIP_SUMMARY] = {"Continuing members: {0} (average LTV {1}); churned members: {2} (average LTV {3}). Keeping a member is worth {4}.",
                              "継続会員は{0}人（平均LTV {1}）、退会会員は{2}人（平均LTV {3}）です。会員1人の継続には{4}の価値があります。"},
    [T_SEC_COHORTS] = {"Cohorts and months", "コホートと月別の推移"},
    [T_COHORT_CHART] = {"Share still buying, by month of first order and months since",
                        "初回購入月別・経過月数別の購入継続率"},
    [T_COHORT] = {"First order", "初回購入月"},
    [T_MONTHS_SINCE] = {"Months since the first order", "初回購入からの経過月数"},
    [T_READ_COHORTS] = {"A month after their first order {0} of customers buy again; three months after, {1}.",
                        "初回購入の翌月に再び購入した顧客は{0}、3か月後は{1}です。"},
    [T_MONTHLY_CHART] = {"Monthly revenue and customers who ordered", "月別の売上と購入顧客数"},
    [T_MONTH] = {"Month", "月"},
    [T_ACTIVE_CUSTOMERS] = {"Customers who ordered", "購入顧客数"},
    [T_READ_MONTHLY] = {"The best month was {0} with {1}; the last month, {2}, brought {3} from {4} customers.",
                        "売上が最も多かったのは{0}（{1}）です。直近の{2}の売上は{3}（購入顧客{4}人）でした。"},
    [T_PARTIAL_MONTH] = {"The last month is counted up to the day before the as-of day.", "最後の月は基準日の前日までの集計です。"},
    [T_SEC_MATRIX] = {"Campaign matrix: 4 stages × 5 elements", "キャンペーンマトリクス（4段階 × 5要素）"},
    [T_MATRIX_NOTE_EMPTY] = {"No plan was given (--matrix FILE), so every box is a gap; the figures per stage come from the order log.",
                             "施策計画が指定されていないため（--matrix FILE）、すべての枠が未計画です。段階ごとの数値は注文データから集計しています。"},
    [T_MATRIX_NOTE_PLAN] = {"The shop's plan, with the order log's figures per stage.", "ショップの施策計画と、注文データから集計した段階ごとの数値です。"},
    [T_GAPS] = {"Gaps", "未計画の枠"},
    [T_GAP_BOX] = {"— gap", "— 未計画"},
    [T_READ_MATRIX] = {"{0} of 20 boxes are gaps. {1}", "20枠のうち{0}枠が未計画です。{1}"},
    [T_STAGE_FIGURES] = {"{0} customers · revenue {1}", "{0}人・売上 {1}"},
    [T_SEC_GRADE] = {"CRM maturity", "CRM成熟度"},
    [T_GRADE] = {"Grade", "評価"},
    [T_NEXT_STEPS] = {"Next steps, weakest answer first", "次に取り組むこと（評価の低い順）"},
    [T_QUESTION] = {"Question", "設問"},
    [T_ANSWER] = {"Answer", "回答"},
    [T_TODO] = {"What to do", "取り組むこと"},
    [T_SHOP_FIGURE] = {"The shop's figure", "ショップの数値"},
    [T_READ_GRADE] = {"{0} of the 10 answers are A.", "10問中{0}問がAです。"},
    [T_SEC_PLAN] = {"90-day plan: channel load", "90日シナリオ：チャネル別の配信数"},
    [T_PLAN_CHART] = {"Steps per week and channel over the next 90 days", "今後90日間の週別・チャネル別の配信数"},
    [T_CHANNEL] = {"Channel", "チャネル"},
    [T_TOTAL] = {"Total", "合計"},
    [T_DUE_TODAY] = {"Due today", "本日分"},
    [T_READ_PLAN] = {"{0} steps fall in the next 90 days, {1} of them today; the busiest week is {2} with {3}.",
                     "今後90日間の配信は{0}件で、うち本日分は{1}件です。最も多いのは{2}の{3}件です。"},
    [T_WEEKS_AHEAD] = {"week {0}", "{0}週目"},
    [T_DAYS_AHEAD] = {"days {0}–{1}", "{0}〜{1}日後"},
    [T_SEC_PREDICT] = {"Predicted CLV and P(alive)", "予測CLVと継続確率"},
    [T_PREDICT_NOTE] = {"BG/NBD and Gamma-Gamma fitted on the orders before the as-of day (weeks); CLV is the expected spend of the next 52 weeks, not discounted (docs/predict.md).",
                        "基準日までの注文にBG/NBDとGamma-Gammaモデルを当てはめた予測です（週単位）。CLVは今後52週間の予想購入額で、割引はしていません（docs/predict.md）。"},
    [T_PREDICT_FAILED] = {"The models could not be fitted to this log: {0}", "このデータにはモデルを当てはめられませんでした：{0}"},
    [T_ALIVE_CHART] = {"Customers by P(alive): the chance they still buy", "継続確率（まだ購入する見込み）別の顧客数"},
    [T_P_ALIVE] = {"P(alive)", "継続確率"},
    [T_READ_ALIVE] = {"{0} of customers are probably gone (P(alive) under 30%); {1} are at 90% or more (BG/NBD counts a customer without a repeat purchase as alive).",
                      "顧客の{0}は離脱した可能性が高く（継続確率30%未満）、{1}は継続確率90%以上です（BG/NBDでは2回目の購入がない顧客は継続中とみなされます）。"},
    [T_CLV_CHART] = {"Predicted CLV for the next 52 weeks: customers and value", "今後52週間の予測CLV：顧客数と金額の構成比"},
    [T_CLV] = {"Predicted CLV", "予測CLV"},
    [T_CLV_SHARE] = {"Share of predicted value", "予測金額の構成比"},
    [T_READ_CLV] = {"The next 52 weeks should bring {0}; the two top bins, {1} of customers, hold {2} of it.",
                    "今後52週間の予測購入額は合計{0}です。上位2つの区分の顧客（{1}）がその{2}を占めます。"},
    [T_READ_CLV_NO_SPEND] = {"The spend model could not be fitted, so CLV is 0 ({0}); see P(alive) above.",
                             "購入額のモデルを当てはめられなかったため、CLVは0です（{0}）。継続確率を参照してください。"},
    [T_PREDICT_NOTE_CAL] = {"{0} and Gamma-Gamma fitted on the orders up to {1} (weeks); P(alive) is at that day and CLV is the expected spend of the 52 weeks after it, not discounted (docs/predict.md).",
                            "{1}までの注文に{0}とGamma-Gammaモデルを当てはめた予測です（週単位）。継続確率はその日の時点、CLVはその翌日から52週間の予想購入額で、割引はしていません（docs/predict.md）。"},
    [T_READ_ALIVE_PLAIN] = {"{0} of customers are probably gone (P(alive) under 30%); {1} are at 90% or more.",
                            "顧客の{0}は離脱した可能性が高く（継続確率30%未満）、{1}は継続確率90%以上です。"},
    [T_BINS_CHART] = {"Orders in the holdout period per customer, by repeat orders in the calibration period: actual vs model",
                      "学習期間のリピート回数別・検証期間の1人あたり購入回数（実績とモデル）"},
    [T_CAL_ORDERS] = {"Repeat orders in the calibration period", "学習期間のリピート回数"},
    [T_ACTUAL_MEAN] = {"Actual per customer", "実績（1人あたり）"},
    [T_MODEL_MEAN] = {"Model per customer", "モデル（1人あたり）"},
    [T_ACTUAL] = {"Actual", "実績"},
    [T_MODEL] = {"Model", "モデル"},
    [T_READ_BINS] = {"From {0} to {1} the model expected {2} orders of these customers and they placed {3}: {4} of the model's figure.",
                     "検証期間（{0}〜{1}）の購入回数は、モデルの予測{2}回に対して実績{3}回（予測の{4}）でした。"},
    [T_TRACK_CHART] = {"Repeat orders per week: actual vs model", "週ごとのリピート購入回数（実績とモデル）"},
    [T_CUM_CHART] = {"Repeat orders, cumulative: actual vs model", "リピート購入回数の累計（実績とモデル）"},
    [T_READ_TRACK] = {"Up to {0} the customers placed {1} repeat orders and the model expected {2}; the dashed line marks the end of the calibration period ({3}).",
                      "{0}までのリピート購入は実績{1}回、モデル{2}回でした。破線は学習期間の終わり（{3}）です。"},
    [T_CAL_END] = {"calibration end", "学習期間の終わり"},
    [T_WEEK_ENDING] = {"Week ending", "週の最終日"},
    [T_WEEKS_SINCE] = {"weeks since {0}", "{0}からの週数"},
    [T_ACTUAL_CUM] = {"Actual, cumulative", "実績（累計）"},
    [T_MODEL_CUM] = {"Model, cumulative", "モデル（累計）"},
    [T_POP_CHART] = {"E[X(t)]: repeat orders a new customer is expected to place within t weeks",
                     "E[X(t)]：新規顧客1人が t 週間以内にする見込みのリピート購入回数"},
    [T_READ_POP] = {"A new customer is expected to place {0} repeat orders within {1} weeks of the first order.",
                    "新規顧客1人は、初回購入から{1}週間以内に平均{0}回のリピート購入をする見込みです。"},
    [T_WEEKS] = {"Weeks (t)", "週数（t）"},
    [T_TRACK_GROUPED] = {"Each point covers {0} weeks, so that the page stays the same size.", "ページの大きさを一定に保つため、1点は{0}週分です。"},
    [T_CPO_LINE] = {"Cost per order {0} against an average LTV of {1}: {2}", "顧客獲得単価 {0}、平均LTV {1}：{2}"},
    [T_DAYS_UNIT] = {" days", "日"},
    [T_FOOTER] = {"Written by libltvcrm {0} from the order log, as of {1}. Definitions: docs/report.md.",
                  "libltvcrm {0} が注文データから作成（基準日 {1}）。指標の定義は docs/report.md を参照してください。"},
};

const char *ltv__report_text(int text, int lang) {
    if (text < 0 || text >= T__COUNT || (lang != LTV_LANG_EN && lang != LTV_LANG_JA)) return "";
    const char *t = texts[text][lang];
    return t ? t : "";
}

void ltv__report_fill(ltv__textbuf *tb, const char *tmpl, const char *const *args, int count) {
    const char *run = tmpl;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] != '{' || p[1] < '0' || p[1] > '9' || p[2] != '}') continue;
        const int i = p[1] - '0';
        ltv__tb_html(tb, run, (size_t)(p - run));
        if (i < count && args[i]) ltv__tb_html(tb, args[i], strlen(args[i]));
        p += 2;
        run = p + 1;
    }
    ltv__tb_html(tb, run, strlen(run));
}

/* Each writer below goes through a textbuf so that every number uses the one formatter. */
static void from_tb(char buf[LTV__VALUE_TEXT], ltv__textbuf *tb) {
    size_t n = tb->data && !tb->failed ? tb->len : 0;
    if (n >= LTV__VALUE_TEXT) n = LTV__VALUE_TEXT - 1;
    if (n) memcpy(buf, tb->data, n);
    buf[n] = '\0';
    ltv__tb_discard(tb);
}

void ltv__report_pct(char buf[LTV__VALUE_TEXT], double share) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_fixed(&tb, share * 100.0, 1);
    ltv__tb_puts(&tb, "%");
    from_tb(buf, &tb);
}

void ltv__report_count(char buf[LTV__VALUE_TEXT], uint64_t count) { ltv__format_count(count, buf, LTV__VALUE_TEXT); }

void ltv__report_money(char buf[LTV__VALUE_TEXT], double minor, int decimals) {
    if (!(minor > -9.2e18 && minor < 9.2e18)) minor = 0; /* also NaN */
    ltv__format_money((int64_t)(minor < 0 ? minor - 0.5 : minor + 0.5), decimals, buf, LTV__VALUE_TEXT);
}

void ltv__report_num(char buf[LTV__VALUE_TEXT], double value, int decimals) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_fixed(&tb, value, decimals);
    from_tb(buf, &tb);
}

void ltv__report_month(char buf[LTV__VALUE_TEXT], int32_t month, int lang) {
    const int32_t year = month / 12, m = month % 12 + 1;
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    if (lang == LTV_LANG_JA) ltv__tb_printf(&tb, "%d年%d月", (int)year, (int)m);
    else ltv__tb_printf(&tb, "%04d-%02d", (int)year, (int)m);
    from_tb(buf, &tb);
}
