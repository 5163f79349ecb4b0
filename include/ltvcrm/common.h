/**
 * @file common.h
 * @brief Status codes, error messages, versions, memory and labels shared by every module.
 *
 * Conventions used across the whole API (see `docs/conventions.md`):
 * - Every fallible function returns an `int` status: ::LTV_OK (0) or a negative
 *   ::ltv_status value. Status values are pinned and never change.
 * - After a failure, ltv_last_error() returns a message for the calling thread that names
 *   the parameter, the value, the bounds or the line and column that was wrong.
 * - Constructors write the new handle through their first parameter; destructors return
 *   `void` and accept NULL.
 * - Pointers returned by getters are borrowed: valid while the parent handle lives and is
 *   not modified. Memory the caller owns is released with ltv_free().
 * - Days are calendar days counted from 1970-01-01 (day 0), the same count as numpy's
 *   `datetime64[D]`; see date.h.
 * - Money is an integer count of minor units (yen: 1, cents: 1/100 of a dollar).
 */
#ifndef LTVCRM_COMMON_H
#define LTVCRM_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond LTV_INTERNAL */
#if defined(LTV_STATIC_DEFINE)
#define LTV_API
#elif defined(_WIN32)
#ifdef LTV_BUILDING_LIBRARY
#define LTV_API __declspec(dllexport)
#else
#define LTV_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define LTV_API __attribute__((visibility("default")))
#else
#define LTV_API
#endif
/** @endcond */

/** Major version: releases with the same major version are ABI compatible. */
#define LTV_VERSION_MAJOR 1
/** Minor version: grows when functions are added. */
#define LTV_VERSION_MINOR 0
/** Patch version: grows with fixes that change no interface. */
#define LTV_VERSION_PATCH 0
/** The version as one comparable number: major * 10000 + minor * 100 + patch. */
#define LTV_VERSION_NUMBER (LTV_VERSION_MAJOR * 10000 + LTV_VERSION_MINOR * 100 + LTV_VERSION_PATCH)
/** The version as a string, "major.minor.patch". */
#define LTV_VERSION_STRING "1.0.0"

/**
 * @brief Status codes returned by every fallible function.
 *
 * The numeric values are part of the ABI and never change; new codes get new values.
 */
typedef enum ltv_status {
    LTV_OK = 0,              /**< Success. */
    LTV_EINVAL = -1,         /**< An argument is invalid (NULL, empty, unknown enum value). */
    LTV_ENOMEM = -2,         /**< Memory could not be allocated. */
    LTV_ERANGE = -3,         /**< A value is outside its documented bounds. */
    LTV_EIO = -4,            /**< A file could not be opened, read or written. */
    LTV_EPARSE = -5,         /**< Text input is malformed (the message names line and column). */
    LTV_ENOTFOUND = -6,      /**< The requested item (customer, step, label) does not exist. */
    LTV_EBUFSIZE = -7,       /**< A caller buffer is too small; the needed size was written. */
    LTV_EENCODING = -8,      /**< Text is not valid UTF-8 (for example a Shift_JIS export). */
    LTV_ESTATE = -9,         /**< The call is not allowed in the object's current state. */
    LTV_EOVERFLOW = -10,     /**< A sum or count would overflow its integer type. */
    LTV_EFORMAT = -11,       /**< Structured input lacks something required (a column, a key). */
    LTV_EVALIDATION = -12    /**< An object failed validation (the message lists the problems). */
} ltv_status;

/** Output language of labels and reports. */
typedef enum ltv_lang {
    LTV_LANG_EN = 0, /**< English. */
    LTV_LANG_JA = 1  /**< Japanese (UTF-8). */
} ltv_lang;

/**
 * @brief The static name of a status code, such as "LTV_EINVAL".
 * @param status A value returned by any function of this library.
 * @return A static string; "LTV_UNKNOWN" for a value that is not a status. Never NULL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_status_name(int status);

/**
 * @brief A short static English description of a status code.
 * @param status A value returned by any function of this library.
 * @return A static string, never NULL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_status_text(int status);

/**
 * @brief The message of the last failure on the calling thread.
 *
 * Every function that returns a negative status sets this message. Read it right after a
 * call that failed: a successful call may leave an unrelated message behind (from an
 * internal lookup that missed), so the message alone does not say that something failed.
 * The message names what was wrong: the parameter and its value, the bounds, or the line
 * and column of a file.
 * @return A thread-local string owned by the library, valid until the next failing call on
 * the same thread; "" when nothing failed yet. Never NULL.
 * @par Thread safety
 * Safe to call from any thread; each thread sees its own message.
 */
LTV_API const char *ltv_last_error(void);

/**
 * @brief The status code of the last failure on the calling thread (::LTV_OK if none).
 * @return A ::ltv_status value.
 * @par Thread safety
 * Safe to call from any thread; each thread sees its own value.
 */
LTV_API int ltv_last_status(void);

/**
 * @brief Clear the calling thread's last error message and status.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API void ltv_clear_error(void);

/** @brief Allocate @p size bytes; return NULL on failure. Used by ltv_set_allocator(). */
typedef void *(*ltv_malloc_fn)(void *user_data, size_t size);
/** @brief Resize a block from the same allocator; return NULL on failure (block unchanged). */
typedef void *(*ltv_realloc_fn)(void *user_data, void *ptr, size_t size);
/** @brief Release a block from the same allocator; must accept NULL. */
typedef void (*ltv_free_fn)(void *user_data, void *ptr);

/**
 * @brief Route every allocation of the library through the caller's functions.
 *
 * For vendors who embed the library in a process with its own memory manager. Must be
 * called before the library allocates anything (before the first handle is created);
 * passing three NULL functions restores the C library's malloc, realloc and free under the
 * same condition. When a custom allocator is set the library does not use anonymous
 * mappings for its large arrays either: every byte goes through the hook. The functions are called from the library's worker threads
 * too (see ltv_set_threads()), so they must be thread-safe.
 * @param malloc_fn Allocation function, or NULL together with the two others.
 * @param realloc_fn Reallocation function, or NULL together with the two others.
 * @param free_fn Release function, or NULL together with the two others.
 * @param user_data Passed unchanged as the first argument of each function.
 * @return ::LTV_OK; ::LTV_EINVAL if only some functions are NULL; ::LTV_ESTATE if the
 * library has already allocated memory.
 * @par Thread safety
 * Not thread-safe: call once at start-up, before any other thread uses the library.
 */
LTV_API int ltv_set_allocator(ltv_malloc_fn malloc_fn, ltv_realloc_fn realloc_fn, ltv_free_fn free_fn,
                              void *user_data);

/**
 * @brief Set how many threads one call of the library may use (loading, organizing,
 * segmenting). The default is 2, or 1 on a one-CPU machine.
 *
 * Platforms that run many shops in parallel set 1 so that each call stays on its thread.
 * Results never depend on the number of threads.
 * @param threads 1..64.
 * @return ::LTV_OK; ::LTV_ERANGE for a value out of bounds.
 * @par Thread safety
 * Safe to call from any thread; calls already running keep the value they started with.
 */
LTV_API int ltv_set_threads(int threads);

/**
 * @brief How many threads one call of the library may use (see ltv_set_threads()).
 * @return 1..64.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_get_threads(void);

/**
 * @brief Release memory the library handed to the caller (strings, buffers).
 *
 * Use it for every pointer a function documents as "owned by the caller; release with
 * ltv_free()". Handles have their own destructors.
 * @param ptr The pointer, or NULL (no-op).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API void ltv_free(void *ptr);

/**
 * @brief The library's version as LTV_VERSION_NUMBER was when it was built.
 *
 * Compare with the ::LTV_VERSION_NUMBER macro to detect a header/library mismatch;
 * bindings compare the major version (number / 10000).
 * @return major * 10000 + minor * 100 + patch.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_version_number(void);

/**
 * @brief The library's version as a static string "major.minor.patch".
 * @return A static string, never NULL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_version_string(void);

/**
 * @brief Write text as a JSON string literal, quotes included, followed by a NUL byte: the
 * escaping of every JSON the library writes.
 *
 * `"` and `\` are escaped, as are all control characters U+0000..U+001F and U+007F (`\n`,
 * `\t`, `\r`, `\b`, `\f` by name, the others as `\u00XX`); every other byte, UTF-8 included,
 * is copied as it is. For programs that put the library's labels or customer ids into JSON of
 * their own (the ltvcrm tool does).
 * @param text The text; need not be NUL-terminated, may hold NUL bytes (written as `\u0000`).
 * @param len Its length in bytes.
 * @param[out] buf Receives the literal and a NUL byte; may be NULL when @p capacity is 0.
 * @param capacity Size of @p buf.
 * @param[out] out_len Receives the literal's length without the NUL byte, also on
 * ::LTV_EBUFSIZE (then @p buf is left alone: call again with @p out_len + 1 bytes); may be NULL.
 * @return ::LTV_OK; ::LTV_EINVAL if @p text is NULL with @p len > 0, or @p buf is NULL with
 * @p capacity > 0; ::LTV_EBUFSIZE if @p capacity is smaller than the literal plus its NUL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_json_quote(const char *text, size_t len, char *buf, size_t capacity, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_COMMON_H */
