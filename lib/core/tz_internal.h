/* Time zones inside the library (tz.c): the day of an instant without the public checks. */
#ifndef LTVCRM_TZ_INTERNAL_H
#define LTVCRM_TZ_INTERNAL_H

#include "ltvcrm/timezone.h"

#include "internal.h"

/* The offset east of UTC, in seconds, at an instant. */
int32_t ltv__tz_offset(const ltv_timezone *tz, int64_t unix_seconds);
/* The calendar day in tz of an instant: LTV_OK, or LTV_ERANGE outside the supported days
 * (no message set). */
int ltv__tz_day(const ltv_timezone *tz, int64_t unix_seconds, int32_t *out_day);

/* A zone from TZif bytes held in memory (for the fuzzer): as ltv_timezone_open() does with a file. */
int ltv__timezone_from_tzif(const unsigned char *data, size_t size, ltv_timezone **out);

#endif
