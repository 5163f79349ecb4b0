/* Sorting of plain integer arrays, shared by the modules that need an exact order of values
 * (cut points, shard summaries). */
#include <stdlib.h>

#include "internal.h"

static int compare_i64(const void *a, const void *b) {
    const int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void ltv__sort_i64(int64_t *values, size_t n) {
    if (n > 1) qsort(values, n, sizeof *values, compare_i64);
}
