/* Helpers shared by the test files: building ledgers from small literal tables. */
#ifndef LTV_TEST_FIXTURES_H
#define LTV_TEST_FIXTURES_H

#include <ltvcrm/ltvcrm.h>

/* Day number of a literal date; aborts the test on a bad literal. */
int32_t fx_day(const char *iso);

#endif
