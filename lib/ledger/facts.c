/* Per-customer facts and ledger totals as of a day, computed from the organized runs. */
#include <string.h>

#include "ledger_internal.h"

/* The as-of day may be the day after the last supported day, so that every event counts. */
static int check_as_of(const char *func, int32_t as_of_day) {
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "%s: as-of day %d is outside %d..%d", func, as_of_day, LTV_DAY_MIN, LTV_DAY_MAX + 1);
    return LTV_OK;
}

static int check_index(const char *func, const ltv_ledger *ledger, uint64_t index) {
    if (index >= ledger->customer_count)
        return ltv__fail(LTV_ERANGE, "%s: customer index %llu is outside 0..%lld", func, (unsigned long long)index,
                         (long long)ledger->customer_count - 1);
    return LTV_OK;
}

int ltv_ledger_facts(const ltv_ledger *ledger, uint64_t index, int32_t as_of_day, ltv_customer_facts *out,
                     size_t out_size) {
    LTV_REQUIRE(ledger, "ltv_ledger_facts");
    LTV_REQUIRE(out, "ltv_ledger_facts");
    int status = ltv__check_out_size("ltv_ledger_facts", out_size, LTV__CUSTOMER_FACTS_V1_SIZE);
    if (status == LTV_OK) status = check_index("ltv_ledger_facts", ledger, index);
    if (status == LTV_OK) status = check_as_of("ltv_ledger_facts", as_of_day);
    if (status == LTV_OK) status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    ltv_customer_facts facts;
    ltv__facts_compute(ledger, (uint32_t)index, as_of_day, &facts);
    ltv__copy_versioned(out, out_size, &facts, sizeof facts);
    return LTV_OK;
}

int ltv_ledger_summary_as_of(const ltv_ledger *ledger, int32_t as_of_day, ltv_ledger_summary *out, size_t out_size) {
    LTV_REQUIRE(ledger, "ltv_ledger_summary_as_of");
    LTV_REQUIRE(out, "ltv_ledger_summary_as_of");
    int status = ltv__check_out_size("ltv_ledger_summary_as_of", out_size, LTV__LEDGER_SUMMARY_V1_SIZE);
    if (status == LTV_OK) status = check_as_of("ltv_ledger_summary_as_of", as_of_day);
    if (status == LTV_OK) status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    ltv_ledger_summary sum = {0};
    sum.first_day = sum.last_day = LTV_NO_DAY;
    const ltv__event *ev = ledger->organized.events;
    for (uint32_t c = 0; c < ledger->customer_count; c++) {
        ltv_customer_facts f;
        ltv__facts_compute(ledger, c, as_of_day, &f);
        sum.customers += f.orders > 0;
        sum.repeat_customers += f.orders > 1;
        sum.orders += (uint64_t)f.orders;
        sum.refunds += (uint64_t)f.refunds;
        sum.visits += (uint64_t)f.visits;
        sum.cancels += f.cancel_day != LTV_NO_DAY;
        sum.revenue += f.amount;
        sum.gross_revenue += f.amount + f.refund_amount;
        sum.items += f.items;
        if (f.first_event_day != LTV_NO_DAY) {
            if (sum.first_day == LTV_NO_DAY || f.first_event_day < sum.first_day) sum.first_day = f.first_event_day;
            /* the latest counted event of this customer: the last one before the as-of day */
            size_t e = ltv__ledger_end_event(ledger, c);
            while (ev[e - 1].day >= as_of_day) e--;
            if (sum.last_day == LTV_NO_DAY || ev[e - 1].day > sum.last_day) sum.last_day = ev[e - 1].day;
        }
    }
    ltv__copy_versioned(out, out_size, &sum, sizeof sum);
    return LTV_OK;
}

int ltv_ledger_customer_events(const ltv_ledger *ledger, uint64_t index, uint8_t *kinds, int32_t *days,
                               int64_t *amounts, int32_t *items, size_t capacity, size_t *out_len) {
    LTV_REQUIRE(ledger, "ltv_ledger_customer_events");
    LTV_REQUIRE(out_len, "ltv_ledger_customer_events");
    int status = check_index("ltv_ledger_customer_events", ledger, index);
    if (status == LTV_OK) status = ltv__ledger_prepare(ledger);
    if (status != LTV_OK) return status;
    const uint32_t c = (uint32_t)index;
    const size_t begin = ltv__ledger_first_event(ledger, c), n = ltv__ledger_end_event(ledger, c) - begin;
    *out_len = n;
    if (!kinds && !days && !amounts && !items) return LTV_OK;
    if (capacity < n)
        return ltv__fail(LTV_EBUFSIZE, "ltv_ledger_customer_events: capacity %zu < %zu events", capacity, n);
    const ltv__event *ev = ledger->organized.events + begin;
    for (size_t i = 0; i < n; i++) {
        if (kinds) kinds[i] = ltv__event_kind(&ev[i]);
        if (days) days[i] = ev[i].day;
        if (amounts) amounts[i] = ev[i].amount;
        if (items) items[i] = ltv__event_items(&ev[i]);
    }
    return LTV_OK;
}
