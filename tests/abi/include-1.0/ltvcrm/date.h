/**
 * @file date.h
 * @brief Calendar days: conversion between day numbers, year-month-day and ISO text.
 *
 * A day number counts calendar days from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar, so 2026-11-01 is day 20758 and numpy's `datetime64[D]` values can be passed
 * as they are. The supported range is 0001-01-01 (::LTV_DAY_MIN) to 9999-12-31
 * (::LTV_DAY_MAX). ::LTV_NO_DAY marks "no such day" in results.
 */
#ifndef LTVCRM_DATE_H
#define LTVCRM_DATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Day number of 0001-01-01, the first supported day. */
#define LTV_DAY_MIN (-719162)
/** Day number of 9999-12-31, the last supported day. */
#define LTV_DAY_MAX 2932896
/** Marks a missing day in results (no second order, no cancel). */
#define LTV_NO_DAY INT32_MIN

/**
 * @brief Convert a calendar date to a day number.
 * @param year 1..9999.
 * @param month 1..12.
 * @param day 1..last day of that month.
 * @param[out] out_day Receives the day number.
 * @return ::LTV_OK; ::LTV_EINVAL if @p out_day is NULL; ::LTV_ERANGE if the date does not
 * exist (the message names the field and its bounds).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_date_from_ymd(int32_t year, int32_t month, int32_t day, int32_t *out_day);

/**
 * @brief Convert a day number to year, month and day.
 * @param day_number ::LTV_DAY_MIN..::LTV_DAY_MAX.
 * @param[out] out_year Receives 1..9999 (may be NULL).
 * @param[out] out_month Receives 1..12 (may be NULL).
 * @param[out] out_day Receives 1..31 (may be NULL).
 * @return ::LTV_OK; ::LTV_ERANGE if @p day_number is outside the supported range.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_date_to_ymd(int32_t day_number, int32_t *out_year, int32_t *out_month, int32_t *out_day);

/**
 * @brief Parse a date written as `YYYY-MM-DD` or `YYYY/MM/DD`.
 *
 * Month and day may have one or two digits (`2026/1/5`, as Excel writes them). A time of
 * day after a space or `T` (`2026-11-01 13:05`, `2026-11-01T13:05:00.5+09:00`) is accepted
 * and ignored; any other text after the date is not. Surrounding
 * spaces are not accepted: the text must be the date alone.
 * @param text The text; need not be NUL-terminated.
 * @param len Its length in bytes.
 * @param[out] out_day Receives the day number.
 * @return ::LTV_OK; ::LTV_EINVAL if @p text or @p out_day is NULL; ::LTV_EPARSE if the text
 * is not a date in one of these forms; ::LTV_ERANGE if it names a day that does not exist
 * (2026-02-30).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_date_parse(const char *text, size_t len, int32_t *out_day);

/**
 * @brief Write a day number as `YYYY-MM-DD` followed by a NUL byte.
 * @param day_number ::LTV_DAY_MIN..::LTV_DAY_MAX.
 * @param[out] buf Receives 11 bytes.
 * @param capacity Size of @p buf; at least 11.
 * @return ::LTV_OK; ::LTV_EINVAL if @p buf is NULL; ::LTV_EBUFSIZE if @p capacity < 11;
 * ::LTV_ERANGE if @p day_number is outside the supported range.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_date_format(int32_t day_number, char *buf, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_DATE_H */
