/* Parsing the values of one CSV field: dates, amounts, item counts and event kinds. Each
 * parser explains a rejection in a short phrase that the loader puts in its report. */
#include <stdio.h>
#include <string.h>

#include "csv_internal.h"
#include "ltvcrm/date.h"

#define SHOWN 40 /* bytes of a bad value quoted in a message */

static bool has_prefix(const char *text, size_t len, const char *prefix, size_t *prefix_len) {
    size_t n = strlen(prefix);
    if (len < n || memcmp(text, prefix, n) != 0) return false;
    *prefix_len = n;
    return true;
}

static bool has_suffix(const char *text, size_t len, const char *suffix) {
    size_t n = strlen(suffix);
    return len >= n && memcmp(text + len - n, suffix, n) == 0;
}

int ltv__parse_day(const char *text, size_t len, int32_t *out, char *why, size_t why_len) {
    return ltv__parse_day_tz(text, len, NULL, out, why, why_len);
}

/* Plain digits with an optional decimal part ("4850", "4850.37"), as most exports write
 * them: parsed without the general path's sign, currency and separator handling. Returns
 * false to hand anything else to the general path. */
static bool parse_plain_amount(const char *text, size_t len, int decimals, int64_t *out) {
    uint64_t value = 0;
    size_t i = 0;
    for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) value = value * 10 + (uint64_t)(text[i] - '0');
    if (i == 0 || i + (size_t)decimals > 18) return false; /* 18 digits in all cannot overflow */
    int fraction = 0;
    if (i < len) {
        if (text[i] != '.' || i + 1 == len) return false;
        for (i++; i < len; i++, fraction++) {
            if (text[i] < '0' || text[i] > '9' || fraction >= decimals) return false;
            value = value * 10 + (uint64_t)(text[i] - '0');
        }
    }
    for (; fraction < decimals; fraction++) value *= 10;
    *out = (int64_t)value;
    return true;
}

int ltv__parse_amount(const char *text, size_t len, int decimals, int64_t *out, char *why, size_t why_len) {
    if (parse_plain_amount(text, len, decimals, out)) return 0;
    const char *shown = text;
    const size_t shown_len = len > SHOWN ? SHOWN : len;
    bool negative = false;
    size_t skip;
    /* at most one sign and one currency sign, in either order: -¥1,980 or ¥-1,980 */
    bool signed_already = false, currency_already = false;
    for (;;) {
        if (!signed_already && len && (text[0] == '-' || text[0] == '+')) {
            negative = text[0] == '-';
            signed_already = true;
            text++, len--;
        } else if (!currency_already && (has_prefix(text, len, "\xC2\xA5", &skip) ||
                                         has_prefix(text, len, "\xEF\xBF\xA5", &skip) || has_prefix(text, len, "$", &skip))) {
            currency_already = true;
            text += skip, len -= skip;
        } else {
            break;
        }
    }
    if (has_suffix(text, len, "\xE5\x86\x86")) len -= 3; /* 円 */
    if (len == 0) goto malformed;

    uint64_t value = 0;
    size_t pos = 0, group = 0, digits = 0;
    bool grouped = false;
    for (; pos < len && text[pos] != '.'; pos++) {
        char c = text[pos];
        if (c == ',') {
            /* thousands separator: first group 1..3 digits, later groups exactly 3 */
            if (group == 0 || group > 3 || (grouped && group != 3)) goto bad_grouping;
            grouped = true;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9') goto malformed;
        if (value > (UINT64_MAX - 9) / 10) goto too_large;
        value = value * 10 + (uint64_t)(c - '0');
        group++, digits++;
    }
    if (digits == 0 || (grouped && group != 3)) goto bad_grouping_or_empty;
    int fraction_digits = 0;
    if (pos < len) { /* the decimal point */
        pos++;
        if (pos == len) goto malformed;
        for (; pos < len; pos++) {
            char c = text[pos];
            if (c < '0' || c > '9') goto malformed;
            if (fraction_digits < decimals) {
                if (value > (UINT64_MAX - 9) / 10) goto too_large;
                value = value * 10 + (uint64_t)(c - '0');
                fraction_digits++;
            } else if (c != '0') {
                snprintf(why, why_len, "'%.*s' has more than %d decimal%s", (int)shown_len, shown, decimals,
                         decimals == 1 ? "" : "s");
                return LTV_ROW_BAD_AMOUNT;
            }
        }
    }
    for (; fraction_digits < decimals; fraction_digits++) {
        if (value > UINT64_MAX / 10) goto too_large;
        value *= 10;
    }
    if (value > (uint64_t)INT64_MAX) goto too_large;
    *out = negative ? -(int64_t)value : (int64_t)value;
    return 0;
bad_grouping_or_empty:
    if (digits == 0) goto malformed;
bad_grouping:
    snprintf(why, why_len, "'%.*s' has misplaced thousands separators", (int)shown_len, shown);
    return LTV_ROW_BAD_AMOUNT;
too_large:
    snprintf(why, why_len, "'%.*s' is too large", (int)shown_len, shown);
    return LTV_ROW_BAD_AMOUNT;
malformed:
    snprintf(why, why_len, "'%.*s' is not an amount", (int)shown_len, shown);
    return LTV_ROW_BAD_AMOUNT;
}

/* A whole number 0..max ("+" allowed); `noun` names the unit in messages. */
static int parse_whole(const char *text, size_t len, int64_t max, const char *noun, int reason, int32_t *out, char *why,
                       size_t why_len) {
    int64_t value = 0;
    size_t pos = 0;
    if (len && text[0] == '+') pos++;
    if (pos == len) goto malformed;
    for (; pos < len; pos++) {
        if (text[pos] < '0' || text[pos] > '9') goto malformed;
        value = value * 10 + (text[pos] - '0');
        if (value > max) {
            snprintf(why, why_len, "'%.*s' is more than %lld %s", (int)(len > SHOWN ? SHOWN : len), text, (long long)max,
                     noun);
            return reason;
        }
    }
    *out = (int32_t)value;
    return 0;
malformed:
    snprintf(why, why_len, "'%.*s' is not a whole number of %s", (int)(len > SHOWN ? SHOWN : len), text, noun);
    return reason;
}

int ltv__parse_items(const char *text, size_t len, int32_t *out, char *why, size_t why_len) {
    return parse_whole(text, len, LTV_ITEMS_MAX, "items", LTV_ROW_BAD_ITEMS, out, why, why_len);
}

int ltv__parse_count(const char *text, size_t len, const char *noun, int32_t *out, char *why, size_t why_len) {
    return parse_whole(text, len, LTV_ITEMS_MAX, noun, LTV_ROW_BAD_COUNT, out, why, why_len);
}

typedef struct kind_name {
    const char *name;
    int kind;
} kind_name;

static const kind_name kind_names[] = {
    {"order", LTV_EVENT_ORDER},   {"purchase", LTV_EVENT_ORDER}, {"\xE6\xB3\xA8\xE6\x96\x87", LTV_EVENT_ORDER},
    {"\xE8\xB3\xBC\xE5\x85\xA5", LTV_EVENT_ORDER},                /* 注文, 購入 */
    {"refund", LTV_EVENT_REFUND}, {"return", LTV_EVENT_REFUND},  {"\xE8\xBF\x94\xE5\x93\x81", LTV_EVENT_REFUND},
    {"\xE8\xBF\x94\xE9\x87\x91", LTV_EVENT_REFUND},               /* 返品, 返金 */
    {"visit", LTV_EVENT_VISIT},   {"use", LTV_EVENT_VISIT},      {"\xE5\x88\xA9\xE7\x94\xA8", LTV_EVENT_VISIT},
    {"\xE6\x9D\xA5\xE5\xBA\x97", LTV_EVENT_VISIT},                /* 利用, 来店 */
    {"cancel", LTV_EVENT_CANCEL}, {"\xE9\x80\x80\xE4\xBC\x9A", LTV_EVENT_CANCEL},
    {"\xE8\xA7\xA3\xE7\xB4\x84", LTV_EVENT_CANCEL},               /* 退会, 解約 */
};

static bool equal_ascii_nocase(const char *a, size_t len, const char *b) {
    if (strlen(b) != len) return false;
    for (size_t i = 0; i < len; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

int ltv__parse_kind(const char *text, size_t len, int *out, char *why, size_t why_len) {
    if (len == 0) {
        *out = LTV_EVENT_ORDER;
        return 0;
    }
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (equal_ascii_nocase(text, len, kind_names[i].name)) {
            *out = kind_names[i].kind;
            return 0;
        }
    snprintf(why, why_len, "'%.*s' is not a kind (order, refund, visit, cancel)", (int)(len > SHOWN ? SHOWN : len), text);
    return LTV_ROW_BAD_KIND;
}
