/* Compiles the umbrella header alone as C11 with the project's warnings. */
#include <ltvcrm/ltvcrm.h>

int ltv_header_c_check(void);
int ltv_header_c_check(void) { return ltv_version_number() == LTV_VERSION_NUMBER ? 0 : 1; }
