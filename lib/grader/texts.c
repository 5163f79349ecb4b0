/* The questionnaire of seed 000 and everything said about its answers, in English and Japanese.
 * The Japanese questions, answers, grade headings and explanations are the seed's own words
 * (Q1's question joins the seed's web line break); the English is a faithful translation. */
#include "grader_internal.h"

/* [question - 1][lang] */
static const char *const question_texts[LTV_GRADER_QUESTIONS][2] = {
    {"In your business, do you make decisions based on each customer's annual LTV rather than on sales?",
     "あなたの会社の事業では、売上ではなく顧客一人ひとりの年間LTVを基準に、意思決定をしていますか?"},
    {"Do you know, for each customer, the tenure from the first purchase date to the last purchase date?",
     "初回購入日から最終購入日までの顧客在籍期間を、顧客単位で把握していますか?"},
    {"Do you regularly check the repeat rate from the first to the second purchase and the time between them?",
     "1回目購入から2回目購入までのリピート率と期間を、定期的に確認していますか?"},
    {"Is a CRM scenario designed for the 90 days after a purchase?",
     "購入後90日間におけるCRMシナリオは設計されていますか?"},
    {"Do you deliberately use several customer touchpoints, such as email, LINE, package inserts and phone, each for its own purpose?",
     "メール・LINE・同梱物・電話など、複数の顧客接点を意図的に使い分けていますか?"},
    {"Do you classify customers by state (new, repeat, fan, dormant) using RFM or their behaviour history?",
     "顧客をRFMや行動履歴によって状態別(新規・リピート・ファン・休眠)に分類していますか?"},
    {"In your CRM, is the action you want the customer to take next clearly defined?",
     "CRM上で、次に起こしてほしい行動は明確に定義されていますか?"},
    {"Are your CRM measures designed to raise the quality of the experience and the relationship rather than to appeal on price?",
     "CRM施策は、価格訴求ではなく体験・関係性の質を高める設計になっていますか?"},
    {"Do you have a reactivation programme for dormant and lapsed customers?",
     "休眠顧客・離脱顧客に対する再活性プログラムはありますか?"},
    {"Do you see CRM not as a tool but as a blueprint for growing the relationship with your customers?",
     "あなたはCRMをツールではなく顧客との関係性を育てる設計図として捉えていますか?"},
};

/* [question - 1][choice][lang] */
static const char *const answer_texts[LTV_GRADER_QUESTIONS][LTV_GRADER_CHOICES][2] = {
    {/* Q1 */
     {"LTV is the top-priority KPI and the axis for judging measures", "LTVが最優先KPIで、施策判断の軸になっている"},
     {"We know our LTV, but decisions are mainly based on sales", "LTVは把握しているが、売上判断が中心"},
     {"We do not calculate LTV, but we think it is important", "LTVは計算していないが重要だとは思っている"},
     {"We look at the number of orders and sales amounts rather than LTV", "LTVより受注件数・売上金額を見ている"},
    },
    {/* Q2 */
     {"We manage every customer by tenure", "全顧客を在籍期間で管理している"},
     {"We know it for some customers only", "一部の顧客のみ把握している"},
     {"We only look at the average", "平均値しか見ていない"},
     {"We do not know it", "把握していない"},
    },
    {/* Q3 */
     {"It is our most important indicator and we improve it every month", "最重要指標として毎月改善している"},
     {"We look at the figures, but our improvement measures are weak", "数値は見ているが改善施策は弱い"},
     {"We care about it, but we do not measure it", "気にはしているが測定していない"},
     {"We do not look at it", "見ていない"},
    },
    {/* Q4 */
     {"A 90-day scenario is clearly designed", "90日間のシナリオが明確に設計されている"},
     {"There is some follow-up", "一部フォローはある"},
     {"Only one-off follow-ups", "単発フォローのみ"},
     {"Not designed", "設計していない"},
    },
    {/* Q5 */
     {"Our touchpoints are designed with distinct roles", "役割分担された接点設計がある"},
     {"We have several, but how each is used is vague", "複数あるが使い分けは曖昧"},
     {"Almost only one medium", "ほぼ1媒体のみ"},
     {"Not organized into a system", "体系化されていない"},
    },
    {/* Q6 */
     {"We classify them and vary our measures by state", "分類し、施策を変えている"},
     {"We only classify them", "分類のみしている"},
     {"We have analysed it once", "分析したことはある"},
     {"We do not classify them", "分類していない"},
    },
    {/* Q7 */
     {"A welcome action is defined for each stage", "各ステージごとに歓迎行動が定義されている"},
     {"It is loosely decided", "なんとなく決まっている"},
     {"We think of nothing but purchases", "購入以外は考えていない"},
     {"Not defined", "定義していない"},
    },
    {/* Q8 */
     {"Experience design is at the centre", "体験設計が中心"},
     {"Experience and price are mixed", "体験と価格が混在"},
     {"Campaigns are at the centre", "キャンペーン中心"},
     {"Discounts are the main axis", "割引が主軸"},
    },
    {/* Q9 */
     {"We run win-back measures regularly", "定期的に復活施策を行っている"},
     {"We run them irregularly", "不定期に行っている"},
     {"We have thought about it", "考えたことはある"},
     {"We do nothing", "何もしていない"},
    },
    {/* Q10 */
     {"We think CRM is management itself", "CRMは経営そのものだと考えている"},
     {"We think it is one important mechanism", "重要な仕組みの一つだと思っている"},
     {"We think it is a kind of tool", "ツールの一種だと思っている"},
     {"To be honest, we do not really understand it", "正直、よく分かっていない"},
    },
};

static const char *const topic_texts[LTV_GRADER_QUESTIONS][2] = {
    {"Decisions by annual LTV", "年間LTVによる意思決定"},
    {"Customer tenure", "顧客在籍期間"},
    {"First → second purchase", "1回目→2回目のリピート"},
    {"90-day scenario", "購入後90日間のシナリオ"},
    {"Channels with roles", "顧客接点の使い分け"},
    {"Customers by state", "状態別の顧客分類"},
    {"Next desired action", "次に起こしてほしい行動"},
    {"Experience over price", "価格より体験・関係性"},
    {"Reactivation programme", "休眠顧客の再活性"},
    {"CRM as relationship design", "関係性の設計図としてのCRM"},
};

static const char *const note_texts[3][2] = {
    {"CRM diagnostic", "CRM診断"},
    {"In this CRM diagnostic you choose one of A, B, C or D for each of the ten questions,\n"
     "and the grade is based on the number of A answers.\n"
     "\n"
     "There is no detailed scoring: the design lets you grasp your overall maturity intuitively.",
     "このCRM診断では、10問それぞれにおいて「A・B・C・D」のいずれかを選びますが、\n"
     "評価はA回答の個数を基準に行います。\n"
     "\n"
     "細かな点数計算は行わず、全体の成熟度を直感的に把握できる設計にしています。"},
    {"The purpose of this diagnostic is not to rank anyone.\n"
     "\n"
     "It is to know correctly where you stand now,\n"
     "and to make clear the one point to put in order next.\n"
     "\n"
     "CRM, once properly designed,\n"
     "is a slow-acting management asset that works more and more over time.\n"
     "\n"
     "First accept your own grade,\n"
     "then calmly decide your next step.",
     "この診断の目的は、優劣をつけることではありません。\n"
     "\n"
     "いま、どこに立っているのかを正しく知り、\n"
     "次に整えるべき一点を明確にすることです。\n"
     "\n"
     "CRMは、一度きちんと設計すれば、\n"
     "時間とともに効いてくる遅効性の経営資産です。\n"
     "\n"
     "まずはご自身の評価を受け止め、\n"
     "次の一歩を静かに決めていきましょう。"},
};

static const char *const grade_titles[3][2] = {
    {"Grade A: 10 to 9 A answers", "【A評価】Aが 10〜9個 の方"},
    {"Grade B: 8 to 7 A answers", "【B評価】Aが 8〜7個 の方"},
    {"Grade C: 6 or fewer A answers", "【C評価】Aが 6個以下 の方"},
};

static const char *const grade_summaries[3][2] = {
    {"CRM is designed and run as the core of management. The next theme is leverage through referrals, co-creation and community.",
     "CRMが経営の中核として設計・運用されている。次のテーマは紹介・共創・コミュニティ化によるレバレッジ。"},
    {"CRM is starting to work, but its design is scattered. This is the phase with the most room to grow.",
     "CRMは機能し始めているが、設計が点在している。最も伸び代が大きいフェーズ。"},
    {"CRM is not designed yet. What is needed is its foundation: designing the relationship with customers.",
     "CRMはまだ設計されていない。必要なのは顧客との関係性を設計するCRMの土台づくり。"},
};

static const char *const grade_explanations[3][2] = {
    {"If you are in this grade, you see CRM not as mere measures or a tool\n"
     "but as a mechanism at the core of management, and you can design and run it.\n"
     "\n"
     "Decisions start from annual LTV,\n"
     "and everything from the first to the second purchase, the 90-day follow-up and the measures for each customer state\n"
     "is connected as one story.\n"
     "\n"
     "A business at this stage has stable sales without depending on acquiring new customers,\n"
     "and its customer list itself is beginning to work as an \"asset\".\n"
     "The next theme is leverage through referrals, co-creation and community.",
     "この評価に該当する方は、CRMを単なる施策やツールではなく、\n"
     "経営の中核となる仕組みとして捉え、設計・運用ができています。\n"
     "\n"
     "年間LTVを起点に意思決定がなされ、\n"
     "初回から2回目、90日間フォロー、顧客状態別の施策までが\n"
     "一つのストーリーとしてつながっている状態です。\n"
     "\n"
     "この段階にある事業は、新規集客に依存せずとも売上が安定し、\n"
     "顧客リストそのものが「資産」として機能し始めています。\n"
     "次のテーマは、紹介・共創・コミュニティ化によるレバレッジです。"},
    {"This grade is a stage of growth in which CRM is beginning to work.\n"
     "\n"
     "You understand the important ideas and figures and are aware of LTV and the repeat rate,\n"
     "but the design is scattered and the whole still lacks consistency.\n"
     "\n"
     "Common cases here are: you analyse, but your measures are not connected;\n"
     "you follow up, but it has not become a 90-day story.\n"
     "\n"
     "With the right move, CRM turns into a weapon of management at once.\n"
     "This is the phase with the most room to grow.",
     "この評価は、CRMが機能し始めている成長途中段階です。\n"
     "\n"
     "重要な考え方や数値は理解しており、LTVやリピート率も意識されていますが、\n"
     "設計が点在しており、全体としての一貫性がまだ弱い状態です。\n"
     "\n"
     "ここで多いのが、分析はしているが、施策がつながっていない\n"
     "フォローはあるが、90日間の物語になっていない\n"
     "というケースです。\n"
     "\n"
     "適切な一手を入れることで、CRMは一気に経営の武器へと変わります。\n"
     "最も伸び代が大きいフェーズと言えるでしょう。"},
    {"If you are in this grade, CRM has not been designed yet,\n"
     "and the business tends to depend on customer acquisition and campaigns.\n"
     "\n"
     "Sales rise in some months, but they lack reproducibility and stability,\n"
     "and you must always keep thinking about \"the next acquisition\".\n"
     "\n"
     "This is not a matter of ability or effort.\n"
     "It is simply that the \"order\" is wrong.\n"
     "\n"
     "What is needed at this stage is not more new measures\n"
     "but the foundation of CRM: designing the relationship with your customers.",
     "この評価に該当する場合、CRMはまだ設計されておらず、\n"
     "集客とキャンペーンに依存しやすい構造になっています。\n"
     "\n"
     "売上は上がる月もありますが、再現性や安定性に欠け、\n"
     "常に「次の集客」を考え続けなければならない状態です。\n"
     "\n"
     "これは能力や努力の問題ではありません。\n"
     "単に「順番」が違っているだけです。\n"
     "\n"
     "この段階で必要なのは、新しい施策を増やすことではなく、\n"
     "顧客との関係性を設計するCRMの土台づくりです。"},
};

static const char *const capability_labels[LTV_GRADER_CAPABILITY_COUNT][2] = {
    {"Annual LTV report", "年間LTVレポート"},
    {"Tenure distribution", "在籍期間分布"},
    {"First → second purchase report", "1回目→2回目購入レポート"},
    {"90-day scenario planner", "90日シナリオプランナー"},
    {"Scenario planner: channels and their roles", "シナリオプランナー：チャネルと役割"},
    {"Segmentation: lifecycle states and RFM", "セグメンテーション：状態別とRFM"},
    {"Scenario planner: next desired action per stage", "シナリオプランナー：ステージ別の歓迎行動"},
    {"Scenario planner: offer types", "シナリオプランナー：オファーの種類"},
    {"Reactivation scenario", "再活性シナリオ"},
    {"Campaign matrix (4 stages × 5 elements)", "キャンペーンマトリクス（4ステージ×5要素）"},
};

static const char *const recommendations[LTV_GRADER_QUESTIONS][2] = {
    {"Put annual LTV beside sales: run the annual LTV report (trailing-year amount per active customer) every month and weigh the cost per order of acquiring a customer (CPO) against it before spending.",
     "売上の横に年間LTVを置きましょう。年間LTVレポート（直近1年の購入額÷購入顧客数）を毎月確認し、新規獲得の費用（CPO）はLTVと比べてから判断します。"},
    {"Know every customer's tenure: run the tenure distribution (0–99, 100–199, 200–299, 300–365 and over 365 days) and watch the customers who stop in the 100–299 day \"continuation wall\".",
     "全顧客の在籍期間を把握しましょう。在籍期間分布（0〜99日・100〜199日・200〜299日・300〜365日・365日超）を出し、100〜299日の「継続の壁」で止まる顧客を確認します。"},
    {"Make the first → second purchase your key indicator: run the first → second purchase report (conversion within 7, 30, 60, 90, 180 and 365 days, and the gap in days) every month and time the repeat push to when your customers actually buy again.",
     "1回目→2回目を最重要指標にしましょう。1回目→2回目購入レポート（7・30・60・90・180・365日以内の転換率と日数の分布）を毎月確認し、実際に再購入が起きる時期にリピートの働きかけを置きます。"},
    {"Design the 90 days after a purchase as one story: start from the scenario planner's default 90-day scenario and adapt its steps to your shop.",
     "購入後90日間を一つの物語として設計しましょう。シナリオプランナーの標準90日シナリオから始め、各ステップを自社に合わせて調整します。"},
    {"Give each touchpoint a role: enable in the scenario planner only the channels you have (email, LINE, package insert, phone, postal DM, SMS, app push) and give each step the channel that fits its purpose.",
     "顧客接点に役割を持たせましょう。シナリオプランナーで自社にあるチャネル（メール・LINE・同梱物・電話・DM・SMS・アプリ通知）だけを有効にし、各ステップに目的に合ったチャネルを割り当てます。"},
    {"Classify customers by state and act differently on each: run the segmentation (new, repeat, fan, dormant; RFM ranks) and give every state its own measures.",
     "顧客を状態別に分類し、施策を変えましょう。セグメンテーション（新規・リピート・ファン・休眠、RFMランク）を実行し、状態ごとに施策を分けます。"},
    {"Define the next action you want from the customer at every stage: set the desired next action (welcome action) on each step of your scenarios in the planner.",
     "各ステージで次に起こしてほしい行動を定義しましょう。プランナーでシナリオの各ステップに歓迎行動を設定します。"},
    {"Lead with experience, not price: choose experience and content offers for the planner's steps and keep discounts the exception.",
     "価格訴求ではなく体験で関係を深めましょう。プランナーの各ステップで体験・コンテンツのオファーを選び、割引は例外にとどめます。"},
    {"Win back dormant customers regularly: run the reactivation scenario for customers whose last order is more than 180 days old.",
     "休眠顧客の復活施策を定期的に行いましょう。最終購入から180日を超えた顧客に再活性シナリオを実行します。"},
    {"Treat CRM as the design of the relationship: fill in the campaign matrix (4 stages × 5 elements) on one page, starting with the boxes for existing customers.",
     "CRMを関係性の設計図として扱いましょう。キャンペーンマトリクス（4ステージ×5要素）を1枚にまとめ、既存客のボックスから埋めていきます。"},
};

/* Where each question's weak answer is fixed. Q10 is about the whole relationship, so it
 * points to the whole matrix rather than to one box. */
static const ltv__grader_target targets[LTV_GRADER_QUESTIONS] = {
    {LTV_STAGE_ACQUISITION, LTV_ELEMENT_SEGMENT, 0},
    {LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_TIMING, 1},
    {LTV_STAGE_ACTIVATION, LTV_ELEMENT_TIMING, 2},
    {LTV_STAGE_ACTIVATION, LTV_ELEMENT_CREATIVE, 3},
    {LTV_STAGE_RETENTION, LTV_ELEMENT_CHANNEL, 4},
    {LTV_STAGE_RETENTION, LTV_ELEMENT_SEGMENT, 5},
    {LTV_STAGE_RETENTION, LTV_ELEMENT_CREATIVE, 6},
    {LTV_STAGE_RETENTION, LTV_ELEMENT_OFFER, 7},
    {LTV_STAGE_CHURN_PREVENTION, LTV_ELEMENT_SEGMENT, 8},
    {LTV_GRADER_WHOLE_MATRIX, LTV_GRADER_WHOLE_MATRIX, 9},
};

bool ltv__grader_lang_ok(const char *func, int lang) {
    if (lang == LTV_LANG_EN || lang == LTV_LANG_JA) return true;
    ltv__fail(LTV_EINVAL, "%s: lang %d is neither LTV_LANG_EN (0) nor LTV_LANG_JA (1)", func, lang);
    return false;
}

/* Checks shared by the getters keyed by question; false (error set) if either is bad. */
static bool question_ok(const char *func, int32_t question, int lang) {
    if (question < 1 || question > LTV_GRADER_QUESTIONS) {
        ltv__fail(LTV_ERANGE, "%s: question %d is out of range 1..%d", func, (int)question, LTV_GRADER_QUESTIONS);
        return false;
    }
    return ltv__grader_lang_ok(func, lang);
}

static bool enum_ok(const char *func, const char *name, int value, int count, int lang) {
    if (value < 0 || value >= count) {
        ltv__fail(LTV_EINVAL, "%s: %s %d is out of range 0..%d", func, name, value, count - 1);
        return false;
    }
    return ltv__grader_lang_ok(func, lang);
}

const ltv__grader_target *ltv__grader_target_of(int32_t question) { return &targets[question - 1]; }

const char *ltv_grader_question(int32_t question, int lang) {
    if (!question_ok("ltv_grader_question", question, lang)) return NULL;
    return question_texts[question - 1][lang];
}

const char *ltv_grader_topic(int32_t question, int lang) {
    if (!question_ok("ltv_grader_topic", question, lang)) return NULL;
    return topic_texts[question - 1][lang];
}

const char *ltv_grader_answer(int32_t question, int32_t choice, int lang) {
    if (!question_ok("ltv_grader_answer", question, lang)) return NULL;
    if (choice < 0 || choice >= LTV_GRADER_CHOICES) {
        ltv__fail(LTV_ERANGE, "ltv_grader_answer: choice %d is out of range 0..%d (A..D)", (int)choice,
                  LTV_GRADER_CHOICES - 1);
        return NULL;
    }
    return answer_texts[question - 1][choice][lang];
}

const char *ltv_grader_note(int note, int lang) {
    if (!enum_ok("ltv_grader_note", "note", note, LTV_GRADER_NOTE_COUNT, lang)) return NULL;
    return note_texts[note][lang];
}

const char *ltv_grader_grade_title(int grade, int lang) {
    if (!enum_ok("ltv_grader_grade_title", "grade", grade, LTV_GRADER_GRADE_COUNT, lang)) return NULL;
    return grade_titles[grade][lang];
}

const char *ltv_grader_grade_summary(int grade, int lang) {
    if (!enum_ok("ltv_grader_grade_summary", "grade", grade, LTV_GRADER_GRADE_COUNT, lang)) return NULL;
    return grade_summaries[grade][lang];
}

const char *ltv_grader_grade_explanation(int grade, int lang) {
    if (!enum_ok("ltv_grader_grade_explanation", "grade", grade, LTV_GRADER_GRADE_COUNT, lang)) return NULL;
    return grade_explanations[grade][lang];
}

int ltv_grader_target(int32_t question, int32_t *out_stage, int32_t *out_element, int32_t *out_capability) {
    if (question < 1 || question > LTV_GRADER_QUESTIONS)
        return ltv__fail(LTV_ERANGE, "ltv_grader_target: question %d is out of range 1..%d", (int)question,
                         LTV_GRADER_QUESTIONS);
    const ltv__grader_target *target = ltv__grader_target_of(question);
    if (out_stage) *out_stage = target->stage;
    if (out_element) *out_element = target->element;
    if (out_capability) *out_capability = target->capability;
    return LTV_OK;
}

const char *ltv_grader_recommendation(int32_t question, int lang) {
    if (!question_ok("ltv_grader_recommendation", question, lang)) return NULL;
    return recommendations[question - 1][lang];
}

const char *ltv_grader_capability_label(int capability, int lang) {
    if (!enum_ok("ltv_grader_capability_label", "capability", capability, LTV_GRADER_CAPABILITY_COUNT, lang))
        return NULL;
    return capability_labels[capability][lang];
}
