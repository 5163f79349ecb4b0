/* Decimal numbers written by other tools (P(alive) from pandas: "0.873", "1e-05"), read the
 * same whatever locale the host program set: strtod in the "C" locale, after the text is
 * checked against a plain decimal grammar (no "nan", "inf", hex or spaces). */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static locale_t c_numeric = (locale_t)0;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void make_c_numeric(void) { c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

/* [+|-]digits[.digits][(e|E)[+|-]digits], at least one digit before the exponent. */
static bool plain_decimal(const char *s, size_t len) {
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '-' || s[i] == '+')) i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) digits++;
    if (digits == 0) return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+')) i++;
        size_t exponent = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) exponent++;
        if (exponent == 0) return false;
    }
    return i == len;
}

bool ltv__parse_real(const char *text, size_t len, double *out) {
    char buf[64];
    if (len == 0 || len >= sizeof buf || !plain_decimal(text, len)) return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    pthread_once(&c_numeric_once, make_c_numeric);
    if (c_numeric == (locale_t)0) return false; /* cannot make the "C" locale: out of memory */
    const locale_t previous = uselocale(c_numeric);
    char *end = NULL;
    const double value = strtod(buf, &end);
    uselocale(previous);
    if (end != buf + len || !isfinite(value)) return false; /* 1e999 */
    *out = value;
    return true;
}
