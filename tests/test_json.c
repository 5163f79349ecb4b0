/* The internal JSON reader and text buffer that the matrix files are built on. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json.h"
#include "textbuf.h"

static ltv__json *parse_ok(const char *text) {
    ltv__json *root = NULL;
    int rc = ltv__json_parse("test", text, strlen(text), &root);
    cr_assert_eq(rc, LTV_OK, "%s -> %s", text, ltv_last_error());
    return root;
}

static void parse_fails(const char *text, int status, const char *where, const char *why) {
    ltv__json *root = NULL;
    int rc = ltv__json_parse("test", text, strlen(text), &root);
    cr_assert_eq(rc, status, "'%s' gave %s: %s", text, ltv_status_name(rc), ltv_last_error());
    cr_assert_null(root);
    cr_assert_not_null(strstr(ltv_last_error(), where), "'%s': message '%s' lacks '%s'", text, ltv_last_error(), where);
    if (why) cr_assert_not_null(strstr(ltv_last_error(), why), "message '%s' lacks '%s'", ltv_last_error(), why);
}

Test(json, values_and_positions) {
    ltv__json *root = parse_ok("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\ny\"\n}");
    cr_assert_eq(root->type, LTV__JSON_OBJECT);
    cr_assert_eq(root->count, 2);
    const ltv__json *a = ltv__json_member(root, "a");
    cr_assert_not_null(a);
    cr_assert_eq(a->type, LTV__JSON_ARRAY);
    cr_assert_eq(a->line, 2);
    cr_assert_eq(a->column, 8);
    cr_assert_eq(a->key_line, 2);
    cr_assert_eq(a->key_column, 3);
    cr_assert_eq(a->count, 5);
    cr_assert_str_eq(a->children[1].text, "-2.5e3");
    cr_assert_eq(a->children[1].column, 12);
    cr_assert_eq(a->children[2].type, LTV__JSON_TRUE);
    cr_assert_eq(a->children[3].type, LTV__JSON_FALSE);
    cr_assert_eq(a->children[4].type, LTV__JSON_NULL);
    int64_t v;
    cr_assert(ltv__json_int64(&a->children[0], &v));
    cr_assert_eq(v, 1);
    cr_assert_not(ltv__json_int64(&a->children[1], &v), "a fraction is not an integer");
    const ltv__json *b = ltv__json_member(root, "b");
    cr_assert_eq(b->len, 3);
    cr_assert_str_eq(b->text, "x\ny");
    cr_assert_null(ltv__json_member(root, "c"));
    ltv__json_free(root);
}

Test(json, columns_count_characters_not_bytes) {
    /* "日本" is 6 bytes but 2 characters: the value after it starts at column 8, not 12. */
    ltv__json *root = parse_ok("{\"日本\": 1}");
    cr_assert_eq(root->children[0].column, 8);
    ltv__json_free(root);
    parse_fails("{\"日本\": x}", LTV_EPARSE, "line 1, column 8", "found 'x'");
}

Test(json, unicode_escapes_and_surrogate_pairs) {
    ltv__json *root = parse_ok("[\"\\u65e5\\u672c \\ud83d\\ude00 \\/\\\"\\\\\"]");
    cr_assert_str_eq(root->children[0].text, "日本 😀 /\"\\");
    ltv__json_free(root);
    parse_fails("[\"\\ud83d\"]", LTV_EPARSE, "line 1, column 3", "high surrogate");
    parse_fails("[\"\\ude00\"]", LTV_EPARSE, "line 1, column 3", "low surrogate");
    parse_fails("[\"\\u12G4\"]", LTV_EPARSE, "line 1, column 7", "hexadecimal");
    parse_fails("[\"\\x\"]", LTV_EPARSE, "line 1, column 3", "unknown escape");
}

Test(json, bom_is_skipped) {
    ltv__json *root = parse_ok("\xEF\xBB\xBF{}");
    cr_assert_eq(root->type, LTV__JSON_OBJECT);
    ltv__json_free(root);
}

Test(json, malformed_input_names_line_and_column) {
    parse_fails("{\n  \"a\": 1\n  \"b\": 2\n}", LTV_EPARSE, "line 3, column 3", "',' or '}'");
    parse_fails("[1, 2", LTV_EPARSE, "line 1, column 6", "end of the input");
    parse_fails("[1,]", LTV_EPARSE, "line 1, column 4", "a value");
    parse_fails("{\"a\" 1}", LTV_EPARSE, "line 1, column 6", "':'");
    parse_fails("{a: 1}", LTV_EPARSE, "line 1, column 2", "member name");
    parse_fails("\"abc", LTV_EPARSE, "line 1, column 1", "not closed");
    parse_fails("\"a\\", LTV_EPARSE, "line 1, column 1", "not closed");
    parse_fails("[\"a\nb\"]", LTV_EPARSE, "line 1, column 4", "control character");
    parse_fails("01", LTV_EPARSE, "line 1, column 2", "end of the input");
    parse_fails("-", LTV_EPARSE, "line 1, column 2", "a digit");
    parse_fails("1.", LTV_EPARSE, "line 1, column 3", "decimal point");
    parse_fails("1e+", LTV_EPARSE, "line 1, column 4", "exponent");
    parse_fails("tru", LTV_EPARSE, "line 1, column 1", "a value");
    parse_fails("{} {}", LTV_EPARSE, "line 1, column 4", "end of the input");
    parse_fails("", LTV_EPARSE, "line 1, column 1", "a value");
    parse_fails("{\"a\": 1, \"a\": 2}", LTV_EPARSE, "line 1, column 10", "duplicate member \"a\"");
    parse_fails("{\"b\": 1, \"a\": 1, \"b\": 2, \"a\": 3, \"b\": 4}", LTV_EPARSE, "line 1, column 18",
                "duplicate member \"b\" (first at line 1, column 2)");
    parse_fails("{\"x\": {\"k\": 1,\n \"k\": 2}}", LTV_EPARSE, "line 2, column 2", "(first at line 1, column 8)");
    parse_fails("\r\n\r\n  ]", LTV_EPARSE, "line 3, column 3", NULL);
}

Test(json, invalid_utf8_is_an_encoding_error) {
    parse_fails("{\n \"a\": \"\x82\xA0\"}", LTV_EENCODING, "line 2, column 8", "0x82");
}

Test(json, nesting_is_bounded) {
    char deep[200];
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    deep[130] = '\0';
    parse_fails(deep, LTV_EPARSE, "line 1, column 65", "nesting deeper than 64");
    deep[64] = ']'; /* 64 levels are fine */
    deep[129] = '\0';
    memmove(deep + 64, deep + 65, 65);
    ltv__json *root = parse_ok(deep);
    ltv__json_free(root);
}

Test(json, int64_bounds) {
    ltv__json *root = parse_ok("[9223372036854775807, -9223372036854775808, 9223372036854775808, 1e3]");
    int64_t v;
    cr_assert(ltv__json_int64(&root->children[0], &v));
    cr_assert_eq(v, INT64_MAX);
    cr_assert(ltv__json_int64(&root->children[1], &v));
    cr_assert_eq(v, INT64_MIN);
    cr_assert_not(ltv__json_int64(&root->children[2], &v));
    cr_assert_not(ltv__json_int64(&root->children[3], &v));
    ltv__json_free(root);
}

static char *finish(ltv__textbuf *tb) {
    char *out = NULL;
    cr_assert_eq(ltv__tb_finish(tb, "test", &out, NULL), LTV_OK);
    return out;
}

Test(textbuf, money_and_counts) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_money(&tb, -123456, 2);
    ltv__tb_puts(&tb, " ");
    ltv__tb_money(&tb, 1980, 0);
    ltv__tb_puts(&tb, " ");
    ltv__tb_money(&tb, 5, 2);
    ltv__tb_puts(&tb, " ");
    ltv__tb_money(&tb, INT64_MIN, 0);
    ltv__tb_puts(&tb, " ");
    ltv__tb_count(&tb, 1000000);
    ltv__tb_puts(&tb, " ");
    ltv__tb_count(&tb, 999);
    char *out = finish(&tb);
    cr_assert_str_eq(out, "-1,234.56 1,980 0.05 -9,223,372,036,854,775,808 1,000,000 999");
    ltv_free(out);
}

Test(textbuf, json_and_csv_escaping) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_json_string(&tb, "a\"b\\c\nd\te\x01 日本", strlen("a\"b\\c\nd\te\x01 日本"));
    ltv__tb_puts(&tb, "|");
    ltv__tb_csv_field(&tb, "plain", 5);
    ltv__tb_puts(&tb, "|");
    ltv__tb_csv_field(&tb, "a,b \"q\"\nz", 9);
    ltv__tb_puts(&tb, "|");
    ltv__tb_csv_field(&tb, " edge", 5);
    char *out = finish(&tb);
    cr_assert_str_eq(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 日本\"|plain|\"a,b \"\"q\"\"\nz\"|\" edge\"");
    ltv_free(out);
}

Test(textbuf, empty_text_is_an_empty_string) {
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    size_t len = 99;
    char *out = NULL;
    cr_assert_eq(ltv__tb_finish(&tb, "test", &out, &len), LTV_OK);
    cr_assert_str_eq(out, "");
    cr_assert_eq(len, 0);
    ltv_free(out);
}

Test(textbuf, positions_count_characters_and_crlf) {
    const char *text = "ab\r\n日本x\ny";
    uint32_t line, column;
    ltv__text_position(text, strlen(text), 0, &line, &column);
    cr_assert_eq(line, 1);
    cr_assert_eq(column, 1);
    ltv__text_position(text, strlen(text), 2, &line, &column); /* the CR */
    cr_assert_eq(line, 1);
    cr_assert_eq(column, 3);
    ltv__text_position(text, strlen(text), 10, &line, &column); /* the x after two 3-byte characters */
    cr_assert_eq(line, 2);
    cr_assert_eq(column, 3);
    ltv__text_position(text, strlen(text), 12, &line, &column);
    cr_assert_eq(line, 3);
    cr_assert_eq(column, 1);
}

/* The public escaper is the internal one: the same literal for every byte value, and the
 * escapes RFC 8259 requires (", \, U+0000..U+001F) plus U+007F. */
Test(json_quote, every_byte_as_the_library_writes_it) {
    char text[256];
    for (int c = 0; c < 256; c++) text[c] = (char)c;
    ltv__textbuf tb;
    ltv__tb_init(&tb);
    ltv__tb_json_string(&tb, text, sizeof text);
    char *internal = finish(&tb);
    size_t need = 0;
    cr_assert_eq(ltv_json_quote(text, sizeof text, NULL, 0, &need), LTV_EBUFSIZE);
    cr_assert_eq(need, strlen(internal));
    char *buf = malloc(need + 1);
    size_t len = 0;
    cr_assert_eq(ltv_json_quote(text, sizeof text, buf, need + 1, &len), LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(len, need);
    cr_assert_str_eq(buf, internal);
    /* 32 control characters and DEL escaped, quote and backslash; nothing raw below 0x20 */
    for (size_t i = 1; i + 1 < len; i++) cr_assert(((unsigned char)buf[i]) >= 0x20 && buf[i] != 0x7F);
    cr_assert(strstr(buf, "\\u0000\\u0001") == buf + 1);
    cr_assert(strstr(buf, "\\b\\t\\n\\u000b\\f\\r") != NULL);
    cr_assert(strstr(buf, " !\\\"#") != NULL);
    cr_assert(strstr(buf, "[\\\\]") != NULL);
    cr_assert(strstr(buf, "~\\u007f") != NULL);
    free(buf);
    ltv_free(internal);
}

Test(json_quote, sizes_and_arguments) {
    char buf[16];
    size_t len = 99;
    cr_assert_eq(ltv_json_quote("", 0, buf, sizeof buf, &len), LTV_OK);
    cr_assert_str_eq(buf, "\"\"");
    cr_assert_eq(len, 2);
    cr_assert_eq(ltv_json_quote(NULL, 0, buf, sizeof buf, NULL), LTV_OK);
    cr_assert_str_eq(buf, "\"\"");
    /* "日本" is 6 bytes of UTF-8, copied as they are: 8 bytes and the NUL */
    cr_assert_eq(ltv_json_quote("日本", 6, buf, 8, &len), LTV_EBUFSIZE);
    cr_assert_eq(len, 8);
    cr_assert_eq(ltv_json_quote("日本", 6, buf, 9, &len), LTV_OK);
    cr_assert_str_eq(buf, "\"日本\"");
    cr_assert_eq(ltv_json_quote(NULL, 1, buf, sizeof buf, &len), LTV_EINVAL);
    cr_assert_eq(ltv_json_quote("a", 1, NULL, 4, &len), LTV_EINVAL);
}
