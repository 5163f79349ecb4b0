/* Platform presets on their fixtures (tests/data/platforms/, written from each platform's
 * documented export): the figures an independent reading of the same files gives
 * (tests/data/platforms/expected.py, the csv module and the platforms' column meanings). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"

typedef struct want {
    const char *preset, *file;
    uint64_t customers, orders;
    int64_t gross, refunded; /* minor units */
} want;

static const want wants[] = {
    {"shopify", "shopify.csv", 40, 99, 69330200, 4583400},
    {"woocommerce", "woocommerce.csv", 40, 99, 69330200, 4583400},
    {"eccube", "eccube.csv", 40, 99, 693302, 27154},
    {"rakuten", "rakuten.csv", 40, 99, 693302, 0},
    {"amazon", "amazon.txt", 104, 104, 701528, 0},
};

Test(csv_presets, figures_equal_an_independent_reading) {
    for (size_t i = 0; i < sizeof wants / sizeof wants[0]; i++) {
        const want *w = &wants[i];
        ltv_csv_options *opts = NULL;
        cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
        cr_assert_eq(ltv_csv_options_preset(opts, w->preset), LTV_OK, "%s: %s", w->preset, ltv_last_error());
        char path[512];
        snprintf(path, sizeof path, "%s/platforms/%s", LTV_TEST_DATA_DIR, w->file);
        ltv_ledger *ledger = fx_ledger();
        ltv_load_report *report = NULL;
        cr_assert_eq(ltv_ledger_load_csv(ledger, path, opts, &report), LTV_OK, "%s: %s", w->preset, ltv_last_error());
        cr_assert_eq(ltv_load_report_rows_rejected(report), 0, "%s", w->preset);
        ltv_ledger_summary s;
        cr_assert_eq(ltv_ledger_summary_as_of(ledger, LTV_DAY_MAX, &s, sizeof s), LTV_OK);
        cr_assert_eq(s.customers, w->customers, "%s customers %llu", w->preset, (unsigned long long)s.customers);
        cr_assert_eq(s.orders, w->orders, "%s orders %llu", w->preset, (unsigned long long)s.orders);
        cr_assert_eq(s.gross_revenue, w->gross, "%s gross %lld", w->preset, (long long)s.gross_revenue);
        cr_assert_eq(s.gross_revenue - s.revenue, w->refunded, "%s refunded %lld", w->preset,
                     (long long)(s.gross_revenue - s.revenue));
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
        ltv_csv_options_free(opts);
    }
}

Test(csv_presets, amazon_says_it_cannot_tell_customers) {
    const char *warning = ltv_csv_preset_about("amazon", LTV_PRESET_WARNING);
    cr_assert(warning && strstr(warning, "identifies no buyer") && strstr(warning, "buyer-email"));
    cr_assert_null(ltv_csv_preset_about("shopify", LTV_PRESET_WARNING));
    cr_assert(strstr(ltv_csv_preset_about("shopify", LTV_PRESET_SOURCE), "help.shopify.com"));
    cr_assert_null(ltv_csv_preset_about("magento", LTV_PRESET_SOURCE));
    cr_assert_null(ltv_csv_preset_about("shopify", 99));
}

Test(csv_presets, list_and_unknown_names) {
    cr_assert_geq(ltv_csv_preset_count(), 5);
    const char *names[] = {"shopify", "woocommerce", "eccube", "rakuten", "amazon"};
    for (size_t i = 0; i < 5; i++) cr_assert_str_eq(ltv_csv_preset_name(i), names[i]);
    cr_assert_null(ltv_csv_preset_name(ltv_csv_preset_count()));
    ltv_csv_options *opts = NULL;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_preset(opts, "magento"), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "shopify, woocommerce, eccube, rakuten, amazon"), "%s", ltv_last_error());
    cr_assert_eq(ltv_csv_options_preset(opts, NULL), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_preset(NULL, "shopify"), LTV_EINVAL);
    /* what the preset set can be read back, and a later setting overrides it */
    cr_assert_eq(ltv_csv_options_preset(opts, "eccube"), LTV_OK);
    int64_t decimals = -1;
    cr_assert_eq(ltv_csv_options_get_i64(opts, LTV_CSV_DECIMALS, &decimals), LTV_OK);
    cr_assert_eq(decimals, 0);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 2), LTV_OK);
    cr_assert_eq(ltv_csv_options_get_i64(opts, LTV_CSV_DECIMALS, &decimals), LTV_OK);
    cr_assert_eq(decimals, 2);
    ltv_csv_options_free(opts);
}

/* The Amazon file's early-morning Japanese orders are on the previous UTC day: with the
 * preset's Asia/Tokyo they move to the Japanese day. */
Test(csv_presets, amazon_days_are_japanese) {
    ltv_csv_options *opts = NULL;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_preset(opts, "amazon"), LTV_OK);
    const char *text = "amazon-order-id\tpurchase-date\torder-status\titem-price\tquantity\n"
                       "250-1\t2025-01-06T17:30:00+00:00\tShipped\t1000\t1\n"
                       "250-1\t2025-01-06T17:30:00+00:00\tShipped\t500\t2\n";
    ltv_ledger *ledger = fx_ledger();
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), opts, NULL), LTV_OK, "%s", ltv_last_error());
    int32_t first, last;
    cr_assert_eq(ltv_ledger_day_range(ledger, &first, &last), LTV_OK);
    cr_assert_eq(first, fx_day("2025-01-07"));
    cr_assert_eq(ltv_ledger_order_count(ledger), 1, "two lines of one order are one order");
    cr_assert_eq(ltv_ledger_revenue(ledger), 1500);
    ltv_ledger_free(ledger);
    ltv_csv_options_free(opts);
}

/* Shopify writes an order's date on its first line only: the other lines take it, and an
 * order whose lines carry no date at all is rejected as a whole. */
Test(csv_presets, later_lines_inherit_the_order_date) {
    ltv_csv_options *opts = NULL;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_preset(opts, "shopify"), LTV_OK);
    const char *text = "Name,Email,Financial Status,Total,Refunded Amount,Created at,Lineitem quantity\n"
                       "#1,a@example.jp,paid,30.00,0.00,2025-01-07 02:17:05 +0900,1\n"
                       "#1,,,,,,2\n"
                       "#2,,,,,,1\n"
                       "#2,b@example.jp,paid,10.00,0.00,,1\n";
    ltv_ledger *ledger = fx_ledger();
    ltv_load_report *report = NULL;
    cr_assert_eq(ltv_ledger_load_csv_buffer(ledger, text, strlen(text), opts, &report), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_ledger_order_count(ledger), 1);
    cr_assert_eq(ltv_ledger_revenue(ledger), 3000);
    cr_assert_eq(ltv_load_report_rows_rejected(report), 2, "order #2's two lines");
    const char *message;
    int reason;
    cr_assert_eq(ltv_load_report_error(report, 0, NULL, NULL, &reason, &message), LTV_OK);
    cr_assert_eq(reason, LTV_ROW_BAD_ORDER);
    cr_assert(strstr(message, "no line of the order has a date"), "%s", message);
    uint64_t a;
    cr_assert_eq(ltv_ledger_find(ledger, "a@example.jp", 12, &a), LTV_OK);
    uint8_t kinds[2];
    int32_t days[2], items[2];
    int64_t amounts[2];
    size_t n;
    cr_assert_eq(ltv_ledger_customer_events(ledger, a, kinds, days, amounts, items, 2, &n), LTV_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(days[0], fx_day("2025-01-07"));
    cr_assert_eq(items[0], 3);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    ltv_csv_options_free(opts);
}
