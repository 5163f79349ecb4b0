#include "fixtures.h"

#include <criterion/criterion.h>
#include <string.h>

int32_t fx_day(const char *iso) {
    int32_t day = 0;
    int status = ltv_date_parse(iso, strlen(iso), &day);
    cr_assert_eq(status, LTV_OK, "bad date literal %s: %s", iso, ltv_last_error());
    return day;
}

#include <stdio.h>
#include <stdlib.h>

ltv_ledger *fx_ledger(void) {
    ltv_ledger *ledger = NULL;
    cr_assert_eq(ltv_ledger_new(&ledger), LTV_OK);
    return ledger;
}

void fx_add(ltv_ledger *ledger, const char *id, int kind, const char *iso_day, int64_t amount, int32_t items) {
    int status = ltv_ledger_add_event(ledger, id, strlen(id), kind, fx_day(iso_day), amount, items);
    cr_assert_eq(status, LTV_OK, "add %s %s: %s", id, iso_day, ltv_last_error());
}

uint64_t fx_index(const ltv_ledger *ledger, const char *id) {
    uint64_t index = 0;
    cr_assert_eq(ltv_ledger_find(ledger, id, strlen(id), &index), LTV_OK, "customer %s: %s", id, ltv_last_error());
    return index;
}

ltv_customer_facts fx_facts(const ltv_ledger *ledger, const char *id, const char *as_of_iso) {
    ltv_customer_facts facts;
    int status = ltv_ledger_facts(ledger, fx_index(ledger, id), fx_day(as_of_iso), &facts, sizeof facts);
    cr_assert_eq(status, LTV_OK, "%s", ltv_last_error());
    return facts;
}

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

fx_log fx_log_generate(size_t rows, size_t customers, uint64_t seed) {
    fx_log log = {rows, calloc(rows, 16), calloc(rows, 1), calloc(rows, 4), calloc(rows, 8), calloc(rows, 4)};
    cr_assert(log.ids && log.kinds && log.days && log.amounts && log.items);
    uint64_t state = seed;
    int32_t base = fx_day("2023-11-01");
    for (size_t i = 0; i < rows; i++) {
        uint64_t r = splitmix64(&state);
        /* skewed customer choice: low ids buy more often */
        size_t c = (size_t)((r % customers) * ((r >> 20) % customers) / customers);
        snprintf(log.ids[i], 16, "C%06zu", c);
        uint64_t k = (r >> 40) % 100;
        log.kinds[i] = k < 85 ? LTV_EVENT_ORDER : k < 90 ? LTV_EVENT_REFUND : k < 99 ? LTV_EVENT_VISIT : LTV_EVENT_CANCEL;
        log.days[i] = base + (int32_t)(splitmix64(&state) % 1096);
        log.amounts[i] = log.kinds[i] <= LTV_EVENT_REFUND ? (int64_t)(splitmix64(&state) % 20000) : 0;
        log.items[i] = log.kinds[i] <= LTV_EVENT_REFUND ? (int32_t)(1 + (r >> 50) % 5) : 0;
    }
    return log;
}

void fx_log_free(fx_log *log) {
    free(log->ids);
    free(log->kinds);
    free(log->days);
    free(log->amounts);
    free(log->items);
}

void fx_log_add(ltv_ledger *ledger, const fx_log *log, size_t begin, size_t end) {
    for (size_t i = begin; i < end; i++) {
        int status = ltv_ledger_add_event(ledger, log->ids[i], strlen(log->ids[i]), log->kinds[i], log->days[i],
                                          log->amounts[i], log->items[i]);
        cr_assert_eq(status, LTV_OK, "row %zu: %s", i, ltv_last_error());
    }
}
