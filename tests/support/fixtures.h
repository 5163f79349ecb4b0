/* Helpers shared by the test files: building ledgers from small literal tables. */
#ifndef LTV_TEST_FIXTURES_H
#define LTV_TEST_FIXTURES_H

#include <ltvcrm/ltvcrm.h>

/* Day number of a literal date; aborts the test on a bad literal. */
int32_t fx_day(const char *iso);

/* A new empty ledger; fails the test on error. */
ltv_ledger *fx_ledger(void);

/* Adds an event with a literal date; fails the test on error. */
void fx_add(ltv_ledger *ledger, const char *id, int kind, const char *iso_day, int64_t amount, int32_t items);

/* Index of a customer; fails the test if missing. */
uint64_t fx_index(const ltv_ledger *ledger, const char *id);

/* Facts of a customer as of a literal date. */
ltv_customer_facts fx_facts(const ltv_ledger *ledger, const char *id, const char *as_of_iso);

/* A deterministic generated log of `rows` events over `customers` customers (splitmix64). */
typedef struct fx_log {
    size_t rows;
    char (*ids)[16];
    uint8_t *kinds;
    int32_t *days;
    int64_t *amounts;
    int32_t *items;
} fx_log;
fx_log fx_log_generate(size_t rows, size_t customers, uint64_t seed);
void fx_log_free(fx_log *log);

/* Adds rows [begin, end) of a generated log one by one. */
void fx_log_add(ltv_ledger *ledger, const fx_log *log, size_t begin, size_t end);

#endif
