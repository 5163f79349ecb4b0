/* The built-in planner a shop can start from: channels with roles, the default 90-day
 * scenario, seed 003's three "iron" scenarios and seed 000 Q9's reactivation. Experience
 * and content first: no built-in step offers a discount. docs/planner.md describes each step. */
#include <string.h>

#include "planner_internal.h"

typedef struct builtin_step {
    const char *name;
    int32_t day;
    int channel, stage, action, offer;
    int32_t states, ranks; /* masks */
    int32_t before_second;
    int32_t stop;
    const char *en, *ja;
} builtin_step;

typedef struct builtin_scenario {
    const char *name;
    int trigger;
    const builtin_step *steps;
    size_t n_steps;
} builtin_scenario;

enum { ACQ = 0, ACT = 1, RET = 2, CHURN = 3 };
#define REPEAT_OR_FAN ((1 << 1) | (1 << 2))
#define DORMANT (1 << 3)
#define EXCELLENT (1 << 0)

static const builtin_step default_steps[] = {
    {"thank-you", 1, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_READ_CONTENT, LTV_OFFER_CONTENT, 0, 0, 0, 0,
     "A personal thank-you the day after the order: who we are, why we make this product and how to reach us. "
     "No selling.",
     "注文の翌日に届く、お店からの個人的なお礼。私たちが誰で、なぜこの商品をつくっているのか、どうすれば連絡"
     "できるのか。売り込みはしない。"},
    {"usage-guide", 1, LTV_CHANNEL_PACKAGE_INSERT, ACT, LTV_ACTION_USE_PRODUCT, LTV_OFFER_CONTENT, 0, 0, 0, 0,
     "In the parcel: a how-to-use guide, tips for the first week and a note in the owner's own words.",
     "同梱物:使い方ガイド、最初の1週間のコツ、店主自身の言葉で書いた一筆。"},
    {"second-purchase", 7, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_SECOND_PURCHASE, LTV_OFFER_EXPERIENCE, 0, 0, 1,
     LTV_STOP_ORDER,
     "The second-purchase proposal, on the day this shop's best customers start to re-buy (about a week after the "
     "first purchase until the data says otherwise): the product that completes the routine, shown in use. No coupon.",
     "2回目購入の提案。優良顧客が実際に再購入し始める日(データで確かめるまでは初回購入から約1週間)に届ける。"
     "使い方が広がる商品を、使っている場面とともに紹介する。クーポンは付けない。"},
    {"review-request", 14, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_REVIEW, LTV_OFFER_EXPERIENCE, 0, 0, 0, 0,
     "Ask how the product is working and invite a review; answer every review personally.",
     "商品の使い心地を伺い、レビューをお願いする。いただいたレビューには一件ずつ自分の言葉で返信する。"},
    {"loyalty-invitation", 21, LTV_CHANNEL_POSTAL_DM, RET, LTV_ACTION_JOIN_PROGRAM, LTV_OFFER_EXPERIENCE,
     REPEAT_OR_FAN, 0, 0, 0,
     "For customers who came back: an invitation to the members' programme (early access, events, a letter from "
     "the founder).",
     "リピートしてくださったお客様へ、会員プログラムへの招待状(新商品の先行案内、イベント、創業者からの手紙)。"},
    {"replenishment", 30, LTV_CHANNEL_LINE, RET, LTV_ACTION_REPURCHASE, LTV_OFFER_CONTENT, 0, 0, 0, 0,
     "Before the product runs out: a reminder with usage tips and the products most often bought with it.",
     "商品がなくなる前に、使い方のコツと、一緒によく購入される商品を添えてお知らせする。"},
    {"vip-check-in", 45, LTV_CHANNEL_PHONE, RET, LTV_ACTION_CONTACT, LTV_OFFER_EXPERIENCE, 0, EXCELLENT, 0, 0,
     "A personal call to the best customers: how is it going, what would they like next. Listen; do not sell.",
     "優良顧客への個別のお電話。使い心地はいかがか、次に何を望まれるかを伺う。売り込まず、聞くことに徹する。"},
    {"win-back", 75, LTV_CHANNEL_POSTAL_DM, CHURN, LTV_ACTION_RETURN_PURCHASE, LTV_OFFER_SAMPLE, 0, 0, 0,
     LTV_STOP_ORDER,
     "Before day 90, for customers who have not come back: a letter with a sample that fits what they bought and "
     "what is new since then.",
     "90日を迎える前に、まだ戻っていないお客様へ。購入された商品に合うサンプルと、その後の新しいお知らせを"
     "添えたお手紙。"},
};

static const builtin_step recommendation_steps[] = {
    {"recommend", 3, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_CROSS_PURCHASE, LTV_OFFER_CONTENT, 0, 0, 0, 0,
     "Recommendation mail (iron scenario 1): products often bought with this one, with how customers use them "
     "together.",
     "レコメンド配信(鉄板シナリオ①):この商品と一緒によく購入される商品を、組み合わせた使い方とともに紹介する。"},
    {"recommend-follow-up", 10, LTV_CHANNEL_LINE, RET, LTV_ACTION_CROSS_PURCHASE, LTV_OFFER_CONTENT, 0, 0, 0, 0,
     "A short LINE message with the one product customers like this one choose most.",
     "似たお客様に最も選ばれている商品を1つだけ、LINEで短く紹介する。"},
};

static const builtin_step cart_steps[] = {
    {"cart-reminder", 1, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_COMPLETE_ORDER, LTV_OFFER_CONTENT, 0, 0, 0,
     LTV_STOP_ORDER,
     "Cart follow-up (iron scenario 2), the day after a cart is left: the items are kept, with answers to the "
     "questions that stop people (size, delivery, returns).",
     "カゴ落ちフォロー(鉄板シナリオ②)。カートに商品が残された翌日に、商品をお取り置きしていることと、購入を"
     "ためらわせる疑問(サイズ・配送・返品)への答えを届ける。"},
    {"cart-help", 3, LTV_CHANNEL_LINE, ACT, LTV_ACTION_CONTACT, LTV_OFFER_EXPERIENCE, 0, 0, 0, LTV_STOP_ORDER,
     "An offer of help with choosing: a reply reaches a person.",
     "選ぶお手伝いを申し出る。返信すれば担当者につながる。"},
};

static const builtin_step browse_steps[] = {
    {"browse-follow-up", 1, LTV_CHANNEL_EMAIL, ACT, LTV_ACTION_REVISIT, LTV_OFFER_CONTENT, 0, 0, 0,
     LTV_STOP_ORDER | LTV_STOP_CART,
     "Browse retargeting (iron scenario 3), the day after a product view: reviews and how-to content for the "
     "product looked at.",
     "閲覧リターゲティング(鉄板シナリオ③)。商品を閲覧した翌日に、その商品のレビューと使い方のコンテンツを届ける。"},
    {"browse-reminder", 4, LTV_CHANNEL_LINE, ACT, LTV_ACTION_REVISIT, LTV_OFFER_CONTENT, 0, 0, 0,
     LTV_STOP_ORDER | LTV_STOP_CART, "A short reminder with the product's most helpful review.",
     "その商品で最も参考になったレビューを添えた、短いお知らせ。"},
};

static const builtin_step reactivation_steps[] = {
    {"reactivation-letter", 0, LTV_CHANNEL_POSTAL_DM, CHURN, LTV_ACTION_RETURN_PURCHASE, LTV_OFFER_EXPERIENCE,
     DORMANT, 0, 0, LTV_STOP_ORDER,
     "On the day a customer becomes dormant: a letter, not a coupon: what has changed, what other customers enjoy "
     "now, and an invitation to come back (seed 000 Q9).",
     "休眠になったその日に届けるお手紙。クーポンではなく、何が変わったか、いまほかのお客様が楽しんでいること、"
     "そしてまたお越しいただくためのご案内(000 Q9)。"},
    {"reactivation-sample", 14, LTV_CHANNEL_EMAIL, CHURN, LTV_ACTION_RETURN_PURCHASE, LTV_OFFER_SAMPLE, 0, 0, 0,
     LTV_STOP_ORDER, "A free sample of the newest version of what they bought.",
     "以前購入された商品の最新版の無料サンプル。"},
    {"reactivation-survey", 30, LTV_CHANNEL_EMAIL, CHURN, LTV_ACTION_CONTACT, LTV_OFFER_CONTENT, 0, 0, 0,
     LTV_STOP_ORDER, "One short question: why did you stop? The answers shape the next 90-day scenario.",
     "「なぜ離れてしまったのか」を短く伺う。答えは次の90日シナリオづくりに活かす。"},
};

#define SCENARIO(name, trigger, steps) {name, trigger, steps, sizeof steps / sizeof steps[0]}

static const builtin_scenario builtins[LTV_BUILTIN_COUNT] = {
    [LTV_BUILTIN_DEFAULT_90_DAYS] = SCENARIO("default-90-days", LTV_TRIGGER_PURCHASE, default_steps),
    [LTV_BUILTIN_RECOMMENDATION] = SCENARIO("recommendation", LTV_TRIGGER_PURCHASE, recommendation_steps),
    [LTV_BUILTIN_CART_ABANDONMENT] = SCENARIO("cart-abandonment", LTV_TRIGGER_CART_CREATED, cart_steps),
    [LTV_BUILTIN_BROWSE_RETARGETING] = SCENARIO("browse-retargeting", LTV_TRIGGER_PRODUCT_VIEWED, browse_steps),
    [LTV_BUILTIN_REACTIVATION] = SCENARIO("reactivation", LTV_TRIGGER_DORMANT, reactivation_steps),
};

typedef struct builtin_channel {
    int channel;
    int32_t weekly_cap;
    const char *en, *ja;
} builtin_channel;

static const builtin_channel builtin_channels[] = {
    {LTV_CHANNEL_EMAIL, 2, "Thank-you, usage help, proposals and reminders in writing",
     "お礼、使い方のフォロー、提案とリマインドを文章で届ける"},
    {LTV_CHANNEL_LINE, 2, "Short, timely nudges and replenishment reminders", "短くタイミングのよい声かけと補充のお知らせ"},
    {LTV_CHANNEL_PACKAGE_INSERT, 0, "The first letter the customer holds: thanks and how to use",
     "お客様が最初に手に取る手紙:お礼と使い方"},
    {LTV_CHANNEL_PHONE, 1, "A personal check-in for the best customers", "優良顧客への個別のお声がけ"},
    {LTV_CHANNEL_POSTAL_DM, 1, "Invitations and win-back letters that stay on the table",
     "手元に残る招待状と、戻っていただくためのお手紙"},
};

static int add_steps(ltv_planner *planner, size_t s, const builtin_scenario *b, int lang) {
    for (size_t i = 0; i < b->n_steps; i++) {
        const builtin_step *bs = &b->steps[i];
        size_t step;
        int status = ltv_planner_add_step(planner, s, bs->name, strlen(bs->name), bs->day, bs->channel, bs->stage,
                                          bs->action, bs->offer, &step);
        if (status != LTV_OK) return status;
        ltv__plan_step *st = &planner->scenarios[s].steps[step];
        st->states = bs->states;
        st->ranks = bs->ranks;
        st->before_second = bs->before_second;
        st->stop = bs->stop;
        const char *note = lang == LTV_LANG_JA ? bs->ja : bs->en;
        if ((status = ltv_planner_step_set_note(planner, s, step, note, strlen(note))) != LTV_OK) return status;
    }
    return LTV_OK;
}

int ltv_planner_add_builtin(ltv_planner *planner, int builtin, int lang, size_t *out_scenario) {
    static const char func[] = "ltv_planner_add_builtin";
    LTV_REQUIRE(planner, func);
    if (builtin < 0 || builtin >= LTV_BUILTIN_COUNT)
        return ltv__fail(LTV_EINVAL, "%s: builtin %d is not an ltv_builtin_scenario (0..%d)", func, builtin,
                         LTV_BUILTIN_COUNT - 1);
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA)
        return ltv__fail(LTV_EINVAL, "%s: lang %d is not LTV_LANG_EN (0) or LTV_LANG_JA (1)", func, lang);
    const builtin_scenario *b = &builtins[builtin];
    size_t s;
    int status = ltv_planner_add_scenario(planner, b->name, strlen(b->name), b->trigger, &s);
    if (status != LTV_OK) return status;
    if ((status = add_steps(planner, s, b, lang)) != LTV_OK) {
        ltv_planner_remove_scenario(planner, s);
        return status;
    }
    if (out_scenario) *out_scenario = s;
    return LTV_OK;
}

int ltv_planner_new_default(ltv_planner **out, int lang) {
    static const char func[] = "ltv_planner_new_default";
    LTV_REQUIRE(out, func);
    *out = NULL;
    if (lang != LTV_LANG_EN && lang != LTV_LANG_JA)
        return ltv__fail(LTV_EINVAL, "%s: lang %d is not LTV_LANG_EN (0) or LTV_LANG_JA (1)", func, lang);
    ltv_planner *planner;
    int status = ltv_planner_new(&planner);
    if (status != LTV_OK) return status;
    for (size_t i = 0; status == LTV_OK && i < sizeof builtin_channels / sizeof builtin_channels[0]; i++) {
        const builtin_channel *bc = &builtin_channels[i];
        const char *role = lang == LTV_LANG_JA ? bc->ja : bc->en;
        planner->channels[bc->channel].enabled = 1;
        planner->channels[bc->channel].weekly_cap = bc->weekly_cap;
        status = ltv_planner_channel_set_role(planner, bc->channel, role, strlen(role));
    }
    for (int b = 0; status == LTV_OK && b < LTV_BUILTIN_COUNT; b++) status = ltv_planner_add_builtin(planner, b, lang, NULL);
    if (status != LTV_OK) {
        ltv_planner_free(planner);
        return status;
    }
    *out = planner;
    return LTV_OK;
}
