/* Per-customer facts and ledger totals as of a day, computed from the organized runs. */
#include <string.h>

#include "ledger_internal.h"

/* The as-of day may be the day after the last supported day, so that every event counts. */
static int check_as_of(const char *func, int32_t as_of_day) {
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "%s: as-of day %d is outside %d..%d", func, as_of_day, LTV_DAY_MIN, LTV_DAY_MAX + 1);
    return LTV_OK;
}

void ltv__facts_compute(const ltv_ledger *ledger, uint32_t c, int32_t as_of_day, ltv_customer_facts *f) {
    const ltv__event *ev = ledger->organized.events;
    const int32_t year_start = as_of_day - 365;
    int32_t orders = 0, refunds = 0, visits = 0, year_orders = 0, year_visits = 0, order_days = 0;
    int32_t first = LTV_NO_DAY, second = LTV_NO_DAY, last = LTV_NO_DAY, first_event = LTV_NO_DAY, cancel = LTV_NO_DAY,
            last_visit = LTV_NO_DAY;
    int64_t amount = 0, items = 0, year_amount = 0, refund_amount = 0;
    const size_t end = ltv__ledger_end_event(ledger, c);
    for (size_t e = ltv__ledger_first_event(ledger, c); e < end; e++) {
        const ltv__event event = ev[e];
        const int32_t day = event.day;
        if (day >= as_of_day) break; /* runs are sorted by day */
        if (first_event == LTV_NO_DAY) first_event = day;
        const bool in_year = day >= year_start;
        switch (ltv__event_kind(&event)) {
        case LTV_EVENT_ORDER:
            order_days += day != last; /* events are sorted by day */
            orders++;
            if (orders == 1) first = day;
            else if (orders == 2) second = day;
            last = day;
            amount += event.amount;
            items += ltv__event_items(&event);
            year_orders += in_year;
            year_amount += in_year ? event.amount : 0;
            break;
        case LTV_EVENT_REFUND:
            refunds++;
            amount += event.amount;
            refund_amount -= event.amount;
            year_amount += in_year ? event.amount : 0;
            break;
        case LTV_EVENT_VISIT:
            visits++;
            year_visits += in_year;
            last_visit = day;
            break;
        default:
            if (cancel == LTV_NO_DAY) cancel = day;
            break;
        }
    }
    f->first_order_day = first;
    f->second_order_day = second;
    f->last_order_day = last;
    f->orders = orders;
    f->amount = amount;
    f->items = items;
    f->tenure_days = orders ? last - first : -1;
    f->recency_days = orders ? as_of_day - last : -1;
    f->year_orders = year_orders;
    f->refunds = refunds;
    f->year_amount = year_amount;
    f->refund_amount = refund_amount;
    f->visits = visits;
    f->year_visits = year_visits;
    f->first_event_day = first_event;
    f->cancel_day = cancel;
    f->last_visit_day = last_visit;
    f->order_days = order_days;
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
