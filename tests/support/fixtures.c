#include "fixtures.h"

#include <criterion/criterion.h>
#include <string.h>

int32_t fx_day(const char *iso) {
    int32_t day = 0;
    int status = ltv_date_parse(iso, strlen(iso), &day);
    cr_assert_eq(status, LTV_OK, "bad date literal %s: %s", iso, ltv_last_error());
    return day;
}
