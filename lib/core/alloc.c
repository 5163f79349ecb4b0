/* Allocation through the user's hook, and huge-page friendly large arrays. */
#define _GNU_SOURCE /* mremap */
#include "internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define LTV_HAVE_MMAP 1
#endif

static void *default_malloc(void *user_data, size_t size) {
    (void)user_data;
    return malloc(size);
}
static void *default_realloc(void *user_data, void *ptr, size_t size) {
    (void)user_data;
    return realloc(ptr, size);
}
static void default_free(void *user_data, void *ptr) {
    (void)user_data;
    free(ptr);
}

static ltv_malloc_fn hook_malloc = default_malloc;
static ltv_realloc_fn hook_realloc = default_realloc;
static ltv_free_fn hook_free = default_free;
static void *hook_user_data = NULL;
static atomic_bool allocated_once = false;

int ltv_set_allocator(ltv_malloc_fn malloc_fn, ltv_realloc_fn realloc_fn, ltv_free_fn free_fn,
                      void *user_data) {
    int nulls = (malloc_fn == NULL) + (realloc_fn == NULL) + (free_fn == NULL);
    if (nulls != 0 && nulls != 3)
        return ltv__fail(LTV_EINVAL, "ltv_set_allocator: give all three functions or none (%d of 3 are NULL)",
                         nulls);
    if (atomic_load(&allocated_once))
        return ltv__fail(LTV_ESTATE, "ltv_set_allocator: the library has already allocated memory; "
                                     "set the allocator before creating the first handle");
    hook_malloc = malloc_fn ? malloc_fn : default_malloc;
    hook_realloc = realloc_fn ? realloc_fn : default_realloc;
    hook_free = free_fn ? free_fn : default_free;
    hook_user_data = malloc_fn ? user_data : NULL;
    return LTV_OK;
}

static bool using_default_allocator(void) { return hook_malloc == default_malloc; }

void *ltv__malloc(size_t size) {
    atomic_store_explicit(&allocated_once, true, memory_order_relaxed);
    return hook_malloc(hook_user_data, size ? size : 1);
}

void *ltv__calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    size_t bytes = count * size;
    void *ptr = ltv__malloc(bytes);
    if (ptr && bytes) memset(ptr, 0, bytes);
    return ptr;
}

void *ltv__realloc(void *ptr, size_t size) {
    atomic_store_explicit(&allocated_once, true, memory_order_relaxed);
    return hook_realloc(hook_user_data, ptr, size ? size : 1);
}

void *ltv__realloc_array(void *ptr, size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    return ltv__realloc(ptr, count * size);
}

void ltv__free(void *ptr) {
    if (ptr) hook_free(hook_user_data, ptr);
}

void ltv_free(void *ptr) { ltv__free(ptr); }

char *ltv__strndup(const char *text, size_t len) {
    if (len == SIZE_MAX) return NULL;
    char *copy = ltv__malloc(len + 1);
    if (!copy) return NULL;
    if (len) memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* Below this size a mapping wastes more than it saves. */
#define BIG_THRESHOLD ((size_t)1 << 21)

#ifdef LTV_HAVE_MMAP
static bool big_uses_mmap(size_t bytes) { return using_default_allocator() && bytes >= BIG_THRESHOLD; }

static void advise(void *ptr, size_t bytes) {
#ifdef MADV_HUGEPAGE
    static int huge = -1;
    if (huge < 0) huge = getenv("LTVCRM_HUGEPAGES") != NULL; /* opt-in: see docs/benchmarks.md */
    if (huge) madvise(ptr, bytes, MADV_HUGEPAGE);
#else
    (void)ptr, (void)bytes;
#endif
}

static void *map_pages(size_t bytes) {
    void *ptr = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ptr == MAP_FAILED) return NULL;
    advise(ptr, bytes);
    return ptr;
}
#endif

void *ltv__big_alloc(size_t bytes) {
#ifdef LTV_HAVE_MMAP
    if (big_uses_mmap(bytes)) {
        atomic_store_explicit(&allocated_once, true, memory_order_relaxed);
        return map_pages(bytes);
    }
#endif
    return ltv__malloc(bytes);
}

void *ltv__big_realloc(void *ptr, size_t old_bytes, size_t new_bytes) {
    if (ptr == NULL) return ltv__big_alloc(new_bytes);
#ifdef LTV_HAVE_MMAP
    bool old_mapped = big_uses_mmap(old_bytes), new_mapped = big_uses_mmap(new_bytes);
    if (old_mapped || new_mapped) {
        if (old_mapped && new_mapped) {
#if defined(MREMAP_MAYMOVE)
            void *moved = mremap(ptr, old_bytes, new_bytes, MREMAP_MAYMOVE);
            if (moved == MAP_FAILED) return NULL;
            advise(moved, new_bytes);
            return moved;
#endif
        }
        void *fresh = ltv__big_alloc(new_bytes);
        if (!fresh) return NULL;
        memcpy(fresh, ptr, old_bytes < new_bytes ? old_bytes : new_bytes);
        ltv__big_free(ptr, old_bytes);
        return fresh;
    }
#endif
    (void)old_bytes;
    return ltv__realloc(ptr, new_bytes);
}

#if defined(LTV_HAVE_MMAP) && (defined(MADV_POPULATE_WRITE) || defined(MADV_POPULATE_READ))
/* madvise() over the pages of [ptr, ptr + bytes): those wholly inside, or with `outward`
 * also the partial pages at both ends (reading them is harmless, writing is not). */
static void advise_pages(const void *ptr, size_t bytes, bool outward, int advice) {
    const long size = sysconf(_SC_PAGESIZE);
    if (size <= 0 || bytes == 0) return;
    const uintptr_t page = (uintptr_t)size, round = outward ? 0 : page - 1;
    const uintptr_t lo = ((uintptr_t)ptr + round) & ~(page - 1),
                    hi = ((uintptr_t)ptr + bytes + (outward ? page - 1 : 0)) & ~(page - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, advice); /* a hint: older kernels refuse it */
}
#endif

void ltv__prefault(void *ptr, size_t bytes) {
#if defined(LTV_HAVE_MMAP) && defined(MADV_POPULATE_WRITE)
    advise_pages(ptr, bytes, false, MADV_POPULATE_WRITE);
#else
    (void)ptr, (void)bytes;
#endif
}

bool ltv__prefault_read(const void *ptr, size_t bytes) {
#if defined(LTV_HAVE_MMAP) && defined(MADV_POPULATE_READ)
    advise_pages(ptr, bytes, true, MADV_POPULATE_READ);
    return true;
#else
    (void)ptr, (void)bytes;
    return false;
#endif
}

void ltv__big_free(void *ptr, size_t bytes) {
    if (!ptr) return;
#ifdef LTV_HAVE_MMAP
    if (big_uses_mmap(bytes)) {
        munmap(ptr, bytes);
        return;
    }
#endif
    (void)bytes;
    ltv__free(ptr);
}
