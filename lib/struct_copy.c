/* Copying a result struct into the caller's copy of it, which may be another version. */
#include "internal.h"

#include <string.h>

void ltv__copy_versioned(void *out, size_t out_size, const void *in, size_t in_size) {
    memcpy(out, in, out_size < in_size ? out_size : in_size);
    if (out_size > in_size) memset((char *)out + in_size, 0, out_size - in_size);
}
