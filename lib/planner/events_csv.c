/* Reading platform events from a CSV file (customer_id,event,date), with the order-log
 * loader's field splitter (ltv__csv_read_file). Every record is added or the read fails
 * naming its line. */
#include <stdio.h>

#include "csv_split.h"
#include "planner_internal.h"

static int add_record(void *ctx, const ltv__csv_record *rec) {
    ltv_plan_events *events = ctx;
    const ltv__csv_field *f = rec->fields;
    if (rec->count != 3) {
        char why[120];
        snprintf(why, sizeof why, "expected customer_id,event,date, found %zu field%s", rec->count,
                 rec->count == 1 ? "" : "s");
        return ltv__csv_record_fail(rec, LTV_EPARSE, 0, why);
    }
    if (rec->number == 1 && ltv__csv_field_is(&f[0], "customer_id")) return LTV_OK; /* the header */
    const int kind = ltv__csv_field_is(&f[1], "cart_created") || ltv__csv_field_is(&f[1], "cart")       ? LTV_PLATFORM_CART_CREATED
                     : ltv__csv_field_is(&f[1], "product_viewed") || ltv__csv_field_is(&f[1], "view") ? LTV_PLATFORM_PRODUCT_VIEWED
                                                                                   : -1;
    if (kind < 0) {
        char why[200];
        snprintf(why, sizeof why, "unknown event '%.*s' (cart_created or product_viewed)",
                 (int)(f[1].len > 60 ? 60 : f[1].len), f[1].text);
        return ltv__csv_record_fail(rec, LTV_EPARSE, 2, why);
    }
    int32_t day;
    size_t column = 3;
    int status = ltv_date_parse(f[2].text, f[2].len, &day);
    if (status == LTV_OK) {
        column = 1;
        status = ltv_plan_events_add(events, f[0].text, f[0].len, kind, day);
    }
    if (status == LTV_OK) return LTV_OK;
    char why[400];
    snprintf(why, sizeof why, "%s", ltv_last_error());
    return ltv__csv_record_fail(rec, status, column, why);
}

int ltv_plan_events_load_csv(ltv_plan_events *events, const char *path) {
    LTV_REQUIRE(events, "ltv_plan_events_load_csv");
    LTV_REQUIRE(path, "ltv_plan_events_load_csv");
    return ltv__csv_read_file(path, "events", add_record, events);
}
