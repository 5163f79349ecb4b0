/**
 * @file timezone.h
 * @brief Time zones and timestamps: which calendar day of the shop an order belongs to.
 *
 * Platforms write order times in many forms: `2025-01-07 02:17:05 +0900` (Shopify),
 * `2025-01-07T02:17:05+09:00` or `…Z` (Amazon, APIs), `2025/1/7 2:17` (Excel, EC-CUBE,
 * Rakuten, without an offset). A day number (see date.h) is a calendar day, so a time has
 * to be placed in a zone first. The rule, the same in C, the tool and the bindings:
 *
 * - **With a shop time zone** (an IANA name such as `Asia/Tokyo`): a timestamp that has a
 *   time and an offset (`Z`, `UTC`, `+09:00`, `+0900`, `-05`) is an instant; it is converted
 *   to the shop zone (with its daylight-saving rules) and its day there is the day. A
 *   timestamp without an offset, or a date alone, is taken as the shop's local time: its
 *   date as written is the day.
 * - **Without a shop time zone**: the date as written is the day, offset or not (what
 *   libltvcrm 1.0 did).
 *
 * So Amazon's `2025-01-06T17:30:00Z` is 2025-01-07 for a shop in `Asia/Tokyo`
 * (02:30 JST), and 2025-01-06 without a shop zone.
 *
 * Zones are read from the system's time-zone database (TZif files, RFC 8536) under
 * `/usr/share/zoneinfo`, or under the directory named by the `TZDIR` environment variable.
 * The library parses the files itself: no `setenv("TZ")`, no `localtime`, nothing global, so
 * any number of threads can use zones at once. Instants after the last transition in the
 * file follow the file's POSIX TZ rule (RFC 8536 footer). Fixed offsets (`+09:00`, `-0530`)
 * and `UTC` need no file.
 */
#ifndef LTVCRM_TIMEZONE_H
#define LTVCRM_TIMEZONE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque time zone: the transitions and rule of one zone, immutable once opened. */
typedef struct ltv_timezone ltv_timezone;

/**
 * @brief Open a time zone by IANA name.
 * @param name `Area/Location` (`Asia/Tokyo`, `America/New_York`), `UTC`, or a fixed offset
 * `+HH:MM`, `+HHMM` or `+HH` (sign required, at most 14 hours). NUL-terminated, at most 255
 * bytes; `..`, a leading `/` and characters other than letters, digits, `_`, `-`, `+` and `/`
 * are refused.
 * @param[out] out Receives the zone; release it with ltv_timezone_free().
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a malformed name; ::LTV_ENOTFOUND if
 * the time-zone database has no such zone (the message names the file looked for, and says to
 * install the `tzdata` package when the database is missing); ::LTV_EFORMAT if the file is not
 * a valid TZif file; ::LTV_EIO if it cannot be read; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_timezone_open(const char *name, ltv_timezone **out);

/**
 * @brief Release a time zone.
 * @param tz The zone, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the zone during the call.
 */
LTV_API void ltv_timezone_free(ltv_timezone *tz);

/**
 * @brief The name the zone was opened with.
 * @param tz The zone, or NULL (returns "").
 * @return A borrowed NUL-terminated string, valid while the zone lives.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API const char *ltv_timezone_name(const ltv_timezone *tz);

/**
 * @brief The zone's offset from UTC at an instant.
 * @param tz The zone.
 * @param unix_seconds The instant, in seconds since 1970-01-01T00:00:00Z.
 * @param[out] out_seconds Receives the offset in seconds east of UTC (`Asia/Tokyo`: 32400).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_timezone_offset(const ltv_timezone *tz, int64_t unix_seconds, int32_t *out_seconds);

/**
 * @brief The calendar day in the zone of many instants at once (for numpy columns).
 * @param tz The zone.
 * @param unix_seconds @p count instants in seconds since 1970-01-01T00:00:00Z.
 * @param count Number of instants (0 is allowed; the pointers may then be NULL).
 * @param[out] out_days Receives @p count day numbers (see date.h).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE if a day falls outside
 * 0001-01-01..9999-12-31 (the message gives its index; @p out_days is then partly written).
 * @par Thread safety
 * Read-only on the zone: safe with other readers.
 */
LTV_API int ltv_timezone_days(const ltv_timezone *tz, const int64_t *unix_seconds, size_t count, int32_t *out_days);

/**
 * @brief The day of a timestamp written as text, by the rule above.
 *
 * Accepted: a date `YYYY-MM-DD` or `YYYY/M/D`, optionally followed by a space or `T` and a
 * time `H:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`, optionally followed (after an optional space)
 * by `Z`, `UTC`, `GMT` or an offset `+HH`, `+HHMM`, `+HH:MM` (or `-`).
 * @param text The text; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param tz The shop's zone, or NULL for "the date as written".
 * @param[out] out_day Receives the day number.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL @p text or @p out_day; ::LTV_EPARSE if the text is
 * not a timestamp in one of these forms (hours 0..23, minutes 0..59, seconds 0..60, offsets up
 * to 14 hours); ::LTV_ERANGE for a day that does not exist or is out of range.
 * @par Thread safety
 * Safe to call from any thread; the zone is only read.
 */
LTV_API int ltv_timestamp_day(const char *text, size_t len, const ltv_timezone *tz, int32_t *out_day);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_TIMEZONE_H */
