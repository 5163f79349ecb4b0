/* Run-time version queries, so that bindings can check the library they loaded. */
#include "internal.h"

int ltv_version_number(void) { return LTV_VERSION_NUMBER; }

const char *ltv_version_string(void) { return LTV_VERSION_STRING; }
