/* Copying a result struct into the caller's copy of it, which may be another version. */
#include "internal.h"

#include <string.h>

void ltv__copy_versioned(void *out, size_t out_size, const void *in, size_t in_size) {
    memcpy(out, in, out_size < in_size ? out_size : in_size);
    if (out_size > in_size) memset((char *)out + in_size, 0, out_size - in_size);
}

int ltv__check_out_size(const char *func, size_t out_size, size_t first_size) {
    if (out_size < first_size)
        return ltv__fail(LTV_EINVAL, "%s: out_size %zu is below the struct's first version (%zu bytes)", func, out_size,
                         first_size);
    return LTV_OK;
}
