/*
 * The starter template: a typical plan for a small D2C shop in each of the 20 boxes, drawn
 * from seed 003 (the three "iron" scenarios: recommendation mail, cart-abandonment follow-up
 * and browse retargeting; package inserts; CPO kept below LTV) and the lifecycle defaults of
 * the segmentation (first-time buyers, repeat buyers and fans, 180 days to dormant).
 */
#include "matrix_internal.h"

#include <string.h>

/* [stage][element][lang] */
static const char *const template_text[LTV_MATRIX_STAGES][LTV_MATRIX_ELEMENTS][2] = {
    /* acquisition [新規獲得] */
    {{"Look-alikes of our fans; visitors who browsed or left a cart without buying",
      "ファンに似た見込み客と、閲覧やカゴ投入だけで購入しなかった訪問者"},
     {"Trial size at an easy price instead of a deep discount, so that CPO stays below LTV",
      "大幅値引きではなく手に取りやすいお試しサイズ。CPOをLTV以下に保つ"},
     {"The founder's story and why the product exists; customer voices",
      "社長の「らしさ」が伝わる開発ストーリーとお客さまの声"},
     {"Cart-abandonment follow-up within 24 hours; browse retargeting 1-3 days after a product page visit",
      "カゴ落ちフォローは24時間以内、閲覧リターゲティングは商品ページ閲覧の1〜3日後"},
     {"Search and social ads, retargeting ads, our own EC site", "検索広告・SNS広告、リターゲティング広告、自社ECサイト"}},
    /* activation [既存客活性]: first-time buyers towards the second purchase */
    {{"First-time buyers within 90 days of their first order", "初回購入から90日以内の新規客"},
     {"How-to guide and usage tips first; a refill or companion product suggested by the recommendation mail",
      "まず使い方ガイドと活用のコツ。レコメンド配信で詰め替え・併用商品をご提案"},
     {"A thank-you letter from the founder in the package; recommendations based on the first purchase",
      "同梱物に社長からのお礼状。初回購入に合わせたレコメンド"},
     {"Day 0 thank-you, day 7 how-to, around day 30 (before the product runs out) the second-purchase invitation",
      "購入当日にお礼、7日目に使い方、使い切る前の30日目前後に2回目購入のご案内"},
     {"Package insert, email, LINE", "同梱物、メール、LINE"}},
    /* retention [既存客維持]: repeat buyers and fans */
    {{"Repeat buyers and fans (5+ orders over a year or more)", "リピート客とファン（1年以上で5回以上購入）"},
     {"Members-only early access, events and new-product previews rather than discounts",
      "値引きより会員限定の先行案内・イベント・新商品の先行体験"},
     {"Behind-the-scenes stories, customer features, an invitation to help create products",
      "開発の裏側、お客さまの紹介、商品づくりへの参加（共創）のお誘い"},
     {"A monthly newsletter; follow-ups matched to each customer's usual reorder cycle",
      "月1回の会報と、お客さまごとの購入周期に合わせたフォロー"},
     {"LINE, email, postal DM for the best customers", "LINE、メール、優良顧客には郵送DM"}},
    /* churn prevention [既存客離脱防止]: dormant customers */
    {{"Customers past their usual reorder cycle, and those with no order for 180 days",
      "いつもの購入周期を過ぎたお客さまと、180日以上購入のない休眠客"},
     {"A \"we miss you\" note with what is new; a small gift with the next order",
      "近況と新しいお知らせを添えたご挨拶。次回購入時のささやかなプレゼント"},
     {"A personal letter that mentions their past purchases; a short survey asking why they stopped",
      "過去の購入に触れた手紙と、離れた理由を伺う簡単なアンケート"},
     {"When the reorder cycle is overdue by half, and again at 180 days", "購入周期を5割過ぎた時点と、180日経過時"},
     {"Postal DM, email, a phone call for former best customers", "郵送DM、メール、元優良顧客には電話"}},
};

void ltv__matrix_fill_template(ltv_matrix *matrix, int lang) {
    for (int s = 0; s < LTV_MATRIX_STAGES; s++)
        for (int e = 0; e < LTV_MATRIX_ELEMENTS; e++) {
            const char *text = template_text[s][e][lang];
            ltv__matrix_store_box(matrix, s, e, LTV_BOX_DRAFT, text, strlen(text));
        }
}
