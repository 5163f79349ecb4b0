// Compiles the umbrella header alone as C++11: extern "C" guards, no C-only constructs.
#include <ltvcrm/ltvcrm.h>

int ltv_header_cxx_check();
int ltv_header_cxx_check() { return ltv_version_number() == LTV_VERSION_NUMBER ? 0 : 1; }
