/* Reading answers typed by people: "AABCDAABBA", "a, a, b, …", fullwidth "ＡＡＢ…", one
 * letter at a prompt. Every rejection names the position (in characters, from 1) and the
 * character, because the person has to find it in what they typed. */
#include <stdio.h>

#include "grader_internal.h"

/* The answer a code point stands for (0..3), or -1. Fullwidth letters are what a Japanese
 * input method produces when it is left in full-width mode. */
static int choice_of(uint32_t cp) {
    if (cp >= 'A' && cp <= 'D') return (int)(cp - 'A');
    if (cp >= 'a' && cp <= 'd') return (int)(cp - 'a');
    if (cp >= 0xFF21 && cp <= 0xFF24) return (int)(cp - 0xFF21); /* Ａ..Ｄ */
    if (cp >= 0xFF41 && cp <= 0xFF44) return (int)(cp - 0xFF41); /* ａ..ｄ */
    return -1;
}

static bool is_separator(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == ',' || cp == 0x3000 /* ideographic space */
           || cp == 0x3001 /* 、 */ || cp == 0xFF0C /* ， */;
}

/* Write a character for a message: 'E' for ASCII, 'Ｅ' (U+FF25) beyond, U+XXXX for controls. */
static void describe(const unsigned char *s, size_t start, size_t end, uint32_t cp, char *buf, size_t cap) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        snprintf(buf, cap, "U+%04X", (unsigned)cp);
    else if (cp < 0x80)
        snprintf(buf, cap, "'%c'", (char)cp);
    else
        snprintf(buf, cap, "'%.*s' (U+%04X)", (int)(end - start), (const char *)s + start, (unsigned)cp);
}

/* Read up to `want` answers into `choices`. `what` names the argument in messages. */
static int scan(const char *what, const char *text, size_t len, int32_t *choices, int32_t want) {
    size_t bad = 0;
    if (!ltv__utf8_valid(text, len, &bad))
        return ltv__fail(LTV_EENCODING, "%s: byte %zu (0x%02X) is not valid UTF-8", what, bad + 1,
                         (unsigned)(unsigned char)text[bad]);
    const unsigned char *s = (const unsigned char *)text;
    int32_t found = 0;
    size_t position = 0, i = 0;
    char shown[48];
    while (i < len) {
        size_t start = i;
        uint32_t cp;
        ltv__utf8_next(text, len, &i, &cp); /* cannot fail: the text was validated above */
        position++;
        if (is_separator(cp)) continue;
        int choice = choice_of(cp);
        if (choice < 0) {
            describe(s, start, i, cp, shown, sizeof shown);
            if (want == 1)
                return ltv__fail(LTV_EPARSE, "%s: position %zu: %s is not an answer A, B, C or D", what, position,
                                 shown);
            return ltv__fail(LTV_EPARSE,
                             "%s: position %zu: %s is not an answer A, B, C or D (expected the answer to Q%d)",
                             what, position, shown, (int)(found < want ? found + 1 : want));
        }
        if (found == want) {
            describe(s, start, i, cp, shown, sizeof shown);
            if (want == 1)
                return ltv__fail(LTV_EPARSE, "%s: position %zu: a second answer %s; give exactly one of A, B, C, D",
                                 what, position, shown);
            return ltv__fail(LTV_EPARSE, "%s: position %zu: %s would be answer %d; exactly %d answers are needed (Q1..Q%d)",
                             what, position, shown, (int)want + 1, (int)want, (int)want);
        }
        choices[found++] = (int32_t)choice;
    }
    if (found == 0) {
        if (want == 1) return ltv__fail(LTV_EINVAL, "%s: no answer A, B, C or D was given", what);
        return ltv__fail(LTV_EPARSE, "%s: no answer A, B, C or D in %zu characters; exactly %d answers are needed",
                         what, position, (int)want);
    }
    if (found < want)
        return ltv__fail(LTV_EPARSE,
                         "%s: position %zu: the text ends after %d answers; exactly %d are needed (Q%d has no answer)",
                         what, position + 1, (int)found, (int)want, (int)found + 1);
    return LTV_OK;
}

int ltv_grader_parse_choice(const char *text, size_t len, int32_t *out_choice) {
    LTV_REQUIRE(text, "ltv_grader_parse_choice");
    LTV_REQUIRE(out_choice, "ltv_grader_parse_choice");
    int32_t choice = 0;
    int status = scan("answer", text, len, &choice, 1);
    if (status != LTV_OK) return status;
    *out_choice = choice;
    return LTV_OK;
}

int ltv__grader_parse(const char *text, size_t len, int32_t choices[LTV_GRADER_QUESTIONS]) {
    if (len == 0)
        return ltv__fail(LTV_EINVAL, "answers is empty; exactly %d answers A, B, C or D are needed (Q1..Q%d)",
                         LTV_GRADER_QUESTIONS, LTV_GRADER_QUESTIONS);
    return scan("answers", text, len, choices, LTV_GRADER_QUESTIONS);
}
