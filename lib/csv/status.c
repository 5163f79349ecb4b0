/* Order statuses: what each platform's words mean (counted, excluded, refunded in full or in
 * part), in English and Japanese. Sources: Shopify's order export (Financial Status,
 * Fulfillment Status), WooCommerce order statuses (wc-*), EC-CUBE 4 対応状況, Rakuten RMS
 * ステータス and Amazon's order-status. The caller's mapping wins over this table. */
#include <string.h>

#include "csv_internal.h"

typedef struct status_word {
    const char *word; /* normalised */
    int rule;
} status_word;

#define C LTV_STATUS_COUNTED
#define X LTV_STATUS_EXCLUDED
#define R LTV_STATUS_REFUNDED
#define P LTV_STATUS_PARTLY_REFUNDED

static const status_word words[] = {
    /* English: Shopify, WooCommerce, Amazon, generic */
    {"paid", C}, {"partially_paid", C}, {"authorized", C}, {"completed", C}, {"complete", C}, {"processing", C},
    {"shipped", C}, {"shipping", C}, {"partially_shipped", C}, {"partiallyshipped", C}, {"unshipped", C},
    {"shipped_delivered_to_buyer", C}, {"delivered", C}, {"fulfilled", C}, {"unfulfilled", C}, {"partial", C},
    {"partially_fulfilled", C}, {"open", C}, {"closed", C}, {"archived", C}, {"invoiceunconfirmed", C},
    {"order", C}, {"ordered", C}, {"confirmed", C},
    {"cancelled", X}, {"canceled", X}, {"cancel", X}, {"voided", X}, {"void", X}, {"pending", X},
    {"pending_payment", X}, {"failed", X}, {"test", X}, {"expired", X}, {"on_hold", X}, {"draft", X},
    {"checkout_draft", X}, {"trash", X}, {"unfulfillable", X}, {"pendingavailability", X}, {"pending_availability", X},
    {"declined", X}, {"abandoned", X},
    {"refunded", R}, {"returned", R}, {"refund", R},
    {"partially_refunded", P}, {"partial_refund", P}, {"partially_returned", P},
    /* Japanese: EC-CUBE 4, Rakuten RMS, WooCommerce and Shopify in Japanese, generic */
    {"\xE6\x96\xB0\xE8\xA6\x8F\xE5\x8F\x97\xE4\xBB\x98", C},                         /* 新規受付 */
    {"\xE5\xAF\xBE\xE5\xBF\x9C\xE4\xB8\xAD", C},                                     /* 対応中 */
    {"\xE5\x85\xA5\xE9\x87\x91\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 入金済み */
    {"\xE5\x85\xA5\xE9\x87\x91\xE6\xB8\x88", C},                                     /* 入金済 */
    {"\xE7\x99\xBA\xE9\x80\x81\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 発送済み */
    {"\xE7\x99\xBA\xE9\x80\x81\xE6\xB8\x88", C},                                     /* 発送済 */
    {"\xE5\x87\xBA\xE8\x8D\xB7\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 出荷済み */
    {"\xE5\x87\xBA\xE8\x8D\xB7\xE6\xB8\x88", C},                                     /* 出荷済 */
    {"\xE5\x87\xA6\xE7\x90\x86\xE6\xB8\x88", C},                                     /* 処理済 */
    {"\xE5\x87\xA6\xE7\x90\x86\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 処理済み */
    {"\xE5\x87\xA6\xE7\x90\x86\xE4\xB8\xAD", C},                                     /* 処理中 */
    {"\xE5\xAE\x8C\xE4\xBA\x86", C},                                                 /* 完了 */
    {"\xE6\xB3\xA8\xE6\x96\x87\xE5\xAE\x8C\xE4\xBA\x86", C},                         /* 注文完了 */
    {"\xE6\xA5\xBD\xE5\xA4\xA9\xE5\x87\xA6\xE7\x90\x86\xE4\xB8\xAD", C},             /* 楽天処理中 */
    {"\xE7\x99\xBA\xE9\x80\x81\xE5\xBE\x85\xE3\x81\xA1", C},                         /* 発送待ち */
    {"\xE5\x87\xBA\xE8\x8D\xB7\xE5\xBE\x85\xE3\x81\xA1", C},                         /* 出荷待ち */
    {"\xE7\x99\xBA\xE9\x80\x81\xE6\xBA\x96\xE5\x82\x99\xE4\xB8\xAD", C},             /* 発送準備中 */
    {"\xE5\xA4\x89\xE6\x9B\xB4\xE7\xA2\xBA\xE5\xAE\x9A\xE5\xBE\x85\xE3\x81\xA1", C}, /* 変更確定待ち */
    {"\xE6\x94\xAF\xE6\x89\x95\xE6\x89\x8B\xE7\xB6\x9A\xE3\x81\x8D\xE4\xB8\xAD", C}, /* 支払手続き中 */
    {"\xE6\x94\xAF\xE6\x89\x95\xE6\x89\x8B\xE7\xB6\x9A\xE3\x81\x8D\xE6\xB8\x88", C}, /* 支払手続き済 */
    {"\xE6\x94\xAF\xE6\x89\x95\xE3\x81\x84\xE6\xB8\x88\xE3\x81\xBF", C},             /* 支払い済み */
    {"\xE6\x94\xAF\xE6\x89\x95\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 支払済み */
    {"\xE6\xB1\xBA\xE6\xB8\x88\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 決済済み */
    {"\xE9\x85\x8D\xE9\x81\x94\xE6\xB8\x88\xE3\x81\xBF", C},                         /* 配達済み */
    {"\xE5\x8F\x97\xE6\xB3\xA8", C},                                                 /* 受注 */
    {"\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB", X},             /* キャンセル */
    {"\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB\xE6\xB8\x88\xE3\x81\xBF", X}, /* キャンセル済み */
    {"\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB\xE7\xA2\xBA\xE5\xAE\x9A", X}, /* キャンセル確定 */
    {"\xE3\x82\xAD\xE3\x83\xA3\xE3\x83\xB3\xE3\x82\xBB\xE3\x83\xAB\xE7\xA2\xBA\xE5\xAE\x9A\xE5\xBE\x85\xE3\x81\xA1",
     X},                                                                             /* キャンセル確定待ち */
    {"\xE6\xB3\xA8\xE6\x96\x87\xE5\x8F\x96\xE6\xB6\x88\xE3\x81\x97", X},             /* 注文取消し */
    {"\xE6\xB3\xA8\xE6\x96\x87\xE5\x8F\x96\xE6\xB6\x88", X},                         /* 注文取消 */
    {"\xE5\x8F\x96\xE6\xB6\x88", X},                                                 /* 取消 */
    {"\xE5\x8F\x96\xE3\x82\x8A\xE6\xB6\x88\xE3\x81\x97", X},                         /* 取り消し */
    {"\xE5\x85\xA5\xE9\x87\x91\xE5\xBE\x85\xE3\x81\xA1", X},                         /* 入金待ち */
    {"\xE6\x9C\xAA\xE5\x85\xA5\xE9\x87\x91", X},                                     /* 未入金 */
    {"\xE6\x94\xAF\xE6\x89\x95\xE3\x81\x84\xE5\xBE\x85\xE3\x81\xA1", X},             /* 支払い待ち */
    {"\xE6\x94\xAF\xE6\x89\x95\xE5\xBE\x85\xE3\x81\xA1", X},                         /* 支払待ち */
    {"\xE6\xB1\xBA\xE6\xB8\x88\xE5\x87\xA6\xE7\x90\x86\xE4\xB8\xAD", X},             /* 決済処理中 */
    {"\xE8\xB3\xBC\xE5\x85\xA5\xE5\x87\xA6\xE7\x90\x86\xE4\xB8\xAD", X},             /* 購入処理中 */
    {"\xE6\xB3\xA8\xE6\x96\x87\xE7\xA2\xBA\xE8\xAA\x8D\xE5\xBE\x85\xE3\x81\xA1", X}, /* 注文確認待ち */
    {"\xE4\xBF\x9D\xE7\x95\x99", X},                                                 /* 保留 */
    {"\xE4\xBF\x9D\xE7\x95\x99\xE4\xB8\xAD", X},                                     /* 保留中 */
    {"\xE5\xA4\xB1\xE6\x95\x97", X},                                                 /* 失敗 */
    {"\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88", X},                                     /* テスト */
    {"\xE8\xBF\x94\xE9\x87\x91", R},                                                 /* 返金 */
    {"\xE8\xBF\x94\xE9\x87\x91\xE6\xB8\x88\xE3\x81\xBF", R},                         /* 返金済み */
    {"\xE8\xBF\x94\xE9\x87\x91\xE6\xB8\x88", R},                                     /* 返金済 */
    {"\xE6\x89\x95\xE3\x81\x84\xE6\x88\xBB\xE3\x81\x97", R},                         /* 払い戻し */
    {"\xE6\x89\x95\xE3\x81\x84\xE6\x88\xBB\xE3\x81\x97\xE6\xB8\x88\xE3\x81\xBF", R}, /* 払い戻し済み */
    {"\xE8\xBF\x94\xE5\x93\x81", R},                                                 /* 返品 */
    {"\xE8\xBF\x94\xE5\x93\x81\xE6\xB8\x88\xE3\x81\xBF", R},                         /* 返品済み */
    {"\xE4\xB8\x80\xE9\x83\xA8\xE8\xBF\x94\xE9\x87\x91", P},                         /* 一部返金 */
    {"\xE4\xB8\x80\xE9\x83\xA8\xE8\xBF\x94\xE9\x87\x91\xE6\xB8\x88\xE3\x81\xBF", P}, /* 一部返金済み */
    {"\xE4\xB8\x80\xE9\x83\xA8\xE8\xBF\x94\xE5\x93\x81", P},                         /* 一部返品 */
};

#undef C
#undef X
#undef R
#undef P

/* Lower-cases ASCII letters and turns every run of spaces, tabs, '-' and '_' into one '_',
 * without separators at either end; WooCommerce's "wc-" prefix is dropped. */
size_t ltv__status_normalise(const char *text, size_t len, char *out) {
    size_t n = 0;
    bool pending_separator = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '-' || c == '_') {
            pending_separator = n > 0;
            continue;
        }
        if (n + (pending_separator ? 2 : 1) > LTV_CSV_NAME_MAX) return 0;
        if (pending_separator) out[n++] = '_';
        pending_separator = false;
        out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    if (n > 3 && memcmp(out, "wc_", 3) == 0) {
        memmove(out, out + 3, n - 3);
        n -= 3;
    }
    return n;
}

int ltv__status_rule(const ltv_csv_options *opts, const char *normalised, size_t len) {
    for (size_t i = 0; i < opts->status_count; i++)
        if (opts->statuses[i].len == len && memcmp(opts->statuses[i].value, normalised, len) == 0)
            return opts->statuses[i].rule;
    if (!opts->status_builtin) return -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == len && memcmp(words[i].word, normalised, len) == 0) return words[i].rule;
    return -1;
}
