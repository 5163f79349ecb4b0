/* Platform presets: the loader options that read one platform's order export as it is
 * downloaded — its header names, order id, amount rule, statuses, guests, time zone, encoding.
 * Each preset is data, applied through the public option setters, so a preset can always be
 * reproduced (and adjusted) by hand; docs/platforms/<name>.md cites each platform's own page. */
#include <stdio.h>
#include <string.h>

#include "csv_internal.h"

typedef struct preset {
    const char *name, *platform, *source, *warning;
    const char *columns[LTV_CSV_COLUMNS]; /* header per ltv_csv_column; NULL: not set */
    int decimals, delimiter, guests, occasions;
    const char *encoding, *timezone; /* statuses: the built-in vocabulary (status.c) covers each platform's */
} preset;

#define COLUMNS(id, date, amount, items, order, total, status, refund, email)                                    \
    {[LTV_CSV_CUSTOMER_ID] = id, [LTV_CSV_ORDER_DATE] = date, [LTV_CSV_AMOUNT] = amount, [LTV_CSV_ITEMS] = items, \
     [LTV_CSV_ORDER_ID] = order, [LTV_CSV_ORDER_TOTAL] = total, [LTV_CSV_STATUS] = status,                       \
     [LTV_CSV_REFUND_AMOUNT] = refund, [LTV_CSV_EMAIL] = email}

static const preset presets[] = {
    {"shopify", "Shopify: Orders > Export (CSV for Excel or plain CSV)",
     "https://help.shopify.com/ja/manual/fulfillment/managing-orders/exporting-orders", NULL,
     COLUMNS(NULL, "Created at", NULL, "Lineitem quantity", "Name", "Total", "Financial Status", "Refunded Amount",
             "Email"),
     2, ',', LTV_CSV_GUESTS_BY_EMAIL, 0, NULL, NULL},
    {"woocommerce", "WooCommerce: Customer/Order/Coupon Export, one row per item",
     "https://docs.woocommerce.com/document/ordercustomer-csv-export-developer-documentation/", NULL,
     COLUMNS("customer_id", "order_date", NULL, "item_quantity", "order_id", "order_total", "status",
             "refunded_total", "billing_email"),
     2, ',', LTV_CSV_GUESTS_BY_EMAIL, 0, NULL, NULL},
    {"eccube", "EC-CUBE 4: 受注管理 > 受注一覧 > CSVダウンロード (受注CSV)",
     "https://shop.xserver.ne.jp/support/manual/man_shop_setting_shop_csv.php", NULL,
     COLUMNS("\xE4\xBC\x9A\xE5\x93\xA1ID",                                                 /* 会員ID */
             "\xE5\x8F\x97\xE6\xB3\xA8\xE6\x97\xA5",                                        /* 受注日 */
             NULL, "\xE5\x80\x8B\xE6\x95\xB0",                                              /* 個数 */
             "\xE6\xB3\xA8\xE6\x96\x87ID",                                                  /* 注文ID */
             "\xE6\x94\xAF\xE6\x89\x95\xE5\x90\x88\xE8\xA8\x88",                            /* 支払合計 */
             "\xE5\xAF\xBE\xE5\xBF\x9C\xE7\x8A\xB6\xE6\xB3\x81(\xE5\x90\x8D\xE7\xA7\xB0)",  /* 対応状況(名称) */
             NULL, "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9"), /* メールアドレス */
     0, ',', LTV_CSV_GUESTS_BY_EMAIL, 0, "cp932", "Asia/Tokyo"},
    {"rakuten", "Rakuten RMS: 受注・決済管理 > データダウンロード > 通常購入データ",
     "https://manual.next-engine.info/top/121/121-46",
     "Rakuten's order data carries no member id: customers are keyed by the buyer's e-mail as RMS writes it "
     "(a masked address per buyer); refunds are not in this export (RMS keeps them with Rakuten Pay).",
     COLUMNS(NULL, "\xE6\xB3\xA8\xE6\x96\x87\xE6\x97\xA5",                                  /* 注文日 */
             NULL, "\xE5\x80\x8B\xE6\x95\xB0",                                              /* 個数 */
             "\xE5\x8F\x97\xE6\xB3\xA8\xE7\x95\xAA\xE5\x8F\xB7",                            /* 受注番号 */
             "\xE5\x90\x88\xE8\xA8\x88\xE9\x87\x91\xE9\xA1\x8D",                            /* 合計金額 */
             "\xE5\x8F\x97\xE6\xB3\xA8\xE3\x82\xB9\xE3\x83\x86\xE3\x83\xBC\xE3\x82\xBF\xE3\x82\xB9", /* 受注ステータス */
             NULL, "\xE3\x83\xA1\xE3\x83\xBC\xE3\x83\xAB\xE3\x82\xA2\xE3\x83\x89\xE3\x83\xAC\xE3\x82\xB9"), /* メールアドレス */
     0, ',', LTV_CSV_GUESTS_BY_EMAIL, 0, "cp932", "Asia/Tokyo"},
    {"amazon", "Amazon Seller Central: Reports > Fulfillment > All Orders (tab-delimited)",
     "https://sellercentral.amazon.com/gp/help/external/200547170",
     "Amazon's All Orders Report identifies no buyer (\"The report does not include customer-identifying "
     "information\"): every order is counted as a customer of its own, so customers equal orders, nobody repeats, "
     "and segments, RFM and LTV describe orders, not people. Orders, gross revenue and statuses are right. To know "
     "customers you need a buyer key: the buyer-email column of the seller-fulfilled Order Report "
     "(--column customer_id=buyer-email), or Amazon's customer data from the SP-API with the buyer's consent. "
     "Refunds are in the settlement report, not here.",
     COLUMNS("amazon-order-id", "purchase-date", "item-price", "quantity", NULL, NULL, "order-status", NULL, NULL),
     0, '\t', LTV_CSV_GUESTS_AS_IDS, 1, NULL, "Asia/Tokyo"},
};

#define PRESET_COUNT (sizeof presets / sizeof presets[0])

static const preset *find(const char *name) {
    if (!name) return NULL;
    for (size_t i = 0; i < PRESET_COUNT; i++)
        if (!strcmp(presets[i].name, name)) return &presets[i];
    return NULL;
}

size_t ltv_csv_preset_count(void) { return PRESET_COUNT; }

const char *ltv_csv_preset_name(size_t i) { return i < PRESET_COUNT ? presets[i].name : NULL; }

const char *ltv_csv_preset_about(const char *name, int what) {
    const preset *p = find(name);
    if (!p) return NULL;
    switch (what) {
    case LTV_PRESET_PLATFORM: return p->platform;
    case LTV_PRESET_SOURCE: return p->source;
    case LTV_PRESET_WARNING: return p->warning;
    default: return NULL;
    }
}

int ltv_csv_options_preset(ltv_csv_options *opts, const char *name) {
    LTV_REQUIRE(opts, "ltv_csv_options_preset");
    const preset *p = find(name);
    if (!p) {
        char known[200] = "";
        size_t used = 0;
        for (size_t i = 0; i < PRESET_COUNT && used < sizeof known; i++)
            used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", presets[i].name);
        return ltv__fail(LTV_EINVAL, "'%.40s' is not a preset (%s)", name ? name : "(null)", known);
    }
    int status = LTV_OK;
    for (int col = 0; col < LTV_CSV_COLUMNS && status == LTV_OK; col++)
        if (p->columns[col]) status = ltv_csv_options_set_column(opts, col, p->columns[col], strlen(p->columns[col]));
    if (status == LTV_OK) status = ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, p->decimals);
    if (status == LTV_OK) status = ltv_csv_options_set_i64(opts, LTV_CSV_DELIMITER, p->delimiter);
    if (status == LTV_OK) status = ltv_csv_options_set_i64(opts, LTV_CSV_GUESTS, p->guests);
    if (status == LTV_OK) status = ltv_csv_options_set_i64(opts, LTV_CSV_OCCASIONS, p->occasions);
    if (status == LTV_OK) status = ltv_csv_options_set_encoding(opts, p->encoding);
    if (status == LTV_OK) status = ltv_csv_options_set_timezone(opts, p->timezone);
    return status;
}
