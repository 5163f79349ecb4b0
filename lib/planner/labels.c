/* The planner's vocabulary: keywords of the text format and labels in English and Japanese. */
#include <string.h>

#include "planner_internal.h"
#include "segment_internal.h"

typedef ltv__word vocab_entry;

static const vocab_entry channels[] = {
    {"email", "Email", "メール"},
    {"line", "LINE", "LINE"},
    {"package_insert", "Package insert", "同梱物"},
    {"phone", "Phone", "電話"},
    {"postal_dm", "Postal DM", "郵送DM"},
    {"sms", "SMS", "SMS"},
    {"app_push", "App push", "アプリ通知"},
};

/* Labels of stages live with ltv_stage in crm.h; the planner only needs the keywords. */
static const vocab_entry stages[] = {
    {"acquisition", NULL, NULL},
    {"activation", NULL, NULL},
    {"retention", NULL, NULL},
    {"churn_prevention", NULL, NULL},
};

static const vocab_entry actions[] = {
    {"read_content", "Read the shop's content", "コンテンツを読む"},
    {"use_product", "Use the product well", "商品を使いこなす"},
    {"second_purchase", "Make a second purchase", "2回目の購入"},
    {"review", "Write a review", "レビューを書く"},
    {"repurchase", "Buy again before it runs out", "なくなる前の再購入"},
    {"cross_purchase", "Try a related product", "関連商品を試す"},
    {"contact", "Talk to the shop", "ショップへの相談・返信"},
    {"join_program", "Join the members' programme", "会員プログラムへの参加"},
    {"complete_order", "Complete the order in the cart", "カートの商品の購入"},
    {"revisit", "Come back to the shop", "ショップへの再訪問"},
    {"return_purchase", "Buy again after a pause", "久しぶりの再購入"},
    {"refer", "Introduce a friend", "友人の紹介"},
};

static const vocab_entry offers[] = {
    {"experience", "Experience", "体験"},
    {"content", "Content", "コンテンツ"},
    {"sample", "Sample", "サンプル"},
    {"discount", "Discount", "割引"},
};

static const vocab_entry triggers[] = {
    {"purchase", "After each purchase", "購入ごと"},
    {"first_purchase", "After the first purchase", "初回購入後"},
    {"dormant", "On becoming dormant", "休眠化した日から"},
    {"cart_created", "After a cart is created", "カート作成後"},
    {"product_viewed", "After a product view", "商品閲覧後"},
};

/* Indexed by bit position. */
static const vocab_entry stops[] = {
    {"order", "Order", "注文"},
    {"refund", "Refund", "返品"},
    {"cancel", "Membership cancel", "退会"},
    {"cart", "Cart created", "カート作成"},
};

static const vocab_entry statuses[] = {
    {"passed", "Passed", "実施済み"},
    {"due", "Due today", "本日実施"},
    {"planned", "Planned", "予定"},
    {"skipped", "Skipped", "対象外"},
    {"stopped", "Stopped", "停止"},
};

static const vocab_entry fields[] = {
    {"day", "Day", "日数"},
    {"channel", "Channel", "チャネル"},
    {"stage", "Stage", "ステージ"},
    {"action", "Next action", "歓迎行動"},
    {"offer", "Offer", "オファー"},
    {"states", "Lifecycle state", "顧客状態"},
    {"ranks", "Value rank", "顧客ランク"},
    {"min_orders", "Minimum orders", "最低購入回数"},
    {"max_orders", "Maximum orders", "最大購入回数"},
    {"before_second_purchase", "Only before the second purchase", "2回目購入前のみ"},
    {"min_order_value", "Minimum order value", "最低注文金額"},
    {"stop", "Stop rule", "停止条件"},
    {"alive_falling", "Only while P(alive) is falling", "生存確率の低下時のみ"},
};

typedef struct vocab {
    const vocab_entry *entries;
    int count;
    int first_value; /* value of entries[0] */
    bool bits;       /* values are single bits: entry i is value 1 << i */
    const char *list;
} vocab;

#define VOCAB(table, first, bits, list) {table, (int)(sizeof table / sizeof table[0]), first, bits, list}

static const vocab vocabs[] = {
    [LTV_PLAN_VOCAB_CHANNEL] = VOCAB(channels, 0, false, "email, line, package_insert, phone, postal_dm, sms, app_push"),
    [LTV_PLAN_VOCAB_STAGE] = VOCAB(stages, 0, false, "acquisition, activation, retention, churn_prevention"),
    [LTV_PLAN_VOCAB_ACTION] = VOCAB(actions, 0, false,
                                    "read_content, use_product, second_purchase, review, repurchase, cross_purchase, "
                                    "contact, join_program, complete_order, revisit, return_purchase, refer"),
    [LTV_PLAN_VOCAB_OFFER] = VOCAB(offers, 0, false, "experience, content, sample, discount"),
    [LTV_PLAN_VOCAB_TRIGGER] = VOCAB(triggers, 0, false, "purchase, first_purchase, dormant, cart_created, product_viewed"),
    /* the segmentation's words (segment/labels.c): one table per vocabulary */
    [LTV_PLAN_VOCAB_STATE] = VOCAB(ltv__state_words, -1, false, "new, repeat, fan, dormant, no_order"),
    [LTV_PLAN_VOCAB_RANK] = VOCAB(ltv__rank_words, -1, false, "excellent, semi_excellent, general, nurture, no_rank"),
    [LTV_PLAN_VOCAB_STOP] = VOCAB(stops, 0, true, "order, refund, cancel, cart"),
    [LTV_PLAN_VOCAB_STATUS] = VOCAB(statuses, 0, false, "passed, due, planned, skipped, stopped"),
    [LTV_PLAN_VOCAB_FIELD] = VOCAB(fields, 0, false,
                                   "day, channel, stage, action, offer, states, ranks, min_orders, max_orders, "
                                   "before_second_purchase, min_order_value, stop, alive_falling"),
};
#define VOCAB_COUNT ((int)(sizeof vocabs / sizeof vocabs[0]))

static const vocab_entry *lookup(int kind, int value) {
    if (kind < 0 || kind >= VOCAB_COUNT) return NULL;
    const vocab *v = &vocabs[kind];
    int index;
    if (v->bits) {
        if (value <= 0 || (value & (value - 1)) != 0) return NULL;
        index = 0;
        while ((1 << index) != value) index++;
    } else {
        index = value - v->first_value;
    }
    if (index < 0 || index >= v->count) return NULL;
    return &v->entries[index];
}

const char *ltv_planner_label(int vocab_kind, int value, int lang) {
    /* labels of states and ranks come from ltv_state_label() and ltv_rank_label() */
    if (vocab_kind == LTV_PLAN_VOCAB_STATE || vocab_kind == LTV_PLAN_VOCAB_RANK) return NULL;
    const vocab_entry *entry = lookup(vocab_kind, value);
    if (!entry) return NULL;
    if (lang == LTV_LANG_EN) return entry->en;
    if (lang == LTV_LANG_JA) return entry->ja;
    return NULL;
}

const char *ltv_planner_keyword(int vocab_kind, int value) {
    const vocab_entry *entry = lookup(vocab_kind, value);
    return entry ? entry->keyword : NULL;
}

const char *ltv_channel_keyword(int channel) {
    const vocab_entry *entry = lookup(LTV_PLAN_VOCAB_CHANNEL, channel);
    if (!entry) ltv__fail(LTV_EINVAL, "ltv_channel_keyword: %d is not an ltv_channel (0..%d)", channel, LTV_CHANNEL_COUNT - 1);
    return entry ? entry->keyword : NULL;
}

bool ltv__plan_keyword_value(int vocab_kind, const char *word, size_t len, int *out_value) {
    if (vocab_kind < 0 || vocab_kind >= VOCAB_COUNT) return false;
    const vocab *v = &vocabs[vocab_kind];
    for (int i = 0; i < v->count; i++) {
        const char *kw = v->entries[i].keyword;
        if (strlen(kw) == len && memcmp(kw, word, len) == 0) {
            *out_value = v->bits ? 1 << i : v->first_value + i;
            return true;
        }
    }
    return false;
}

const char *ltv__plan_keyword_list(int vocab_kind) {
    if (vocab_kind < 0 || vocab_kind >= VOCAB_COUNT) return "";
    return vocabs[vocab_kind].list;
}
