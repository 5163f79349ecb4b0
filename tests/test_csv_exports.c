/* The CSV loader on shops' real exports: input encodings and the shop's time zone. */
#include <criterion/criterion.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

typedef struct loaded {
    ltv_ledger *ledger;
    ltv_load_report *report;
    int status;
} loaded;

static loaded load_bytes(const char *data, size_t len, const char *encoding, const char *zone) {
    ltv_csv_options *opts = NULL;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_i64(opts, LTV_CSV_DECIMALS, 0), LTV_OK);
    if (encoding) cr_assert_eq(ltv_csv_options_set_encoding(opts, encoding), LTV_OK, "%s", ltv_last_error());
    if (zone) cr_assert_eq(ltv_csv_options_set_timezone(opts, zone), LTV_OK, "%s", ltv_last_error());
    loaded r = {fx_ledger(), NULL, 0};
    r.status = ltv_ledger_load_csv_buffer(r.ledger, data, len, opts, &r.report);
    ltv_csv_options_free(opts);
    return r;
}

static void loaded_free(loaded *r) {
    ltv_load_report_free(r->report);
    ltv_ledger_free(r->ledger);
}

/* UTF-8 text converted with iconv, for inputs in other encodings. The caller frees. */
static char *convert(const char *text, const char *to, size_t *out_len) {
    iconv_t cd = iconv_open(to, "UTF-8");
    cr_assert(cd != (iconv_t)-1);
    size_t in_left = strlen(text), capacity = in_left * 2 + 16, out_left = capacity;
    char *out = malloc(capacity), *in = (char *)text, *p = out;
    cr_assert_neq(iconv(cd, &in, &in_left, &p, &out_left), (size_t)-1);
    iconv_close(cd);
    *out_len = capacity - out_left;
    return out;
}

static const char *const japanese =
    "customer_id,order_date,amount\n"
    "山田太郎,2025-01-07,1980\n"
    "髙橋①,2025-01-08,\"2,500\"\n"
    "山田太郎,2025-01-09,500\n";

static void assert_japanese(const loaded *r) {
    cr_assert_eq(r->status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r->report), 3);
    cr_assert_eq(ltv_ledger_customer_count(r->ledger), 2);
    cr_assert_eq(ltv_ledger_revenue(r->ledger), 4980);
    uint64_t index;
    cr_assert_eq(ltv_ledger_find(r->ledger, "山田太郎", strlen("山田太郎"), &index), LTV_OK);
    cr_assert_eq(ltv_ledger_find(r->ledger, "髙橋①", strlen("髙橋①"), &index), LTV_OK);
}

Test(csv_encoding, cp932_under_every_name) {
    size_t len;
    char *sjis = convert(japanese, "CP932", &len);
    const char *names[] = {"cp932", "shift_jis", "Shift_JIS", "sjis", "windows-31j", "MS932"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        loaded r = load_bytes(sjis, len, names[i], NULL);
        assert_japanese(&r);
        cr_assert_eq(ltv_load_report_bytes(r.report), len, "bytes are the input's, not the converted text's");
        loaded_free(&r);
    }
    /* without the encoding: refused, with a hint naming the option */
    loaded r = load_bytes(sjis, len, NULL, NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "--encoding cp932"), "%s", ltv_last_error());
    loaded_free(&r);
    free(sjis);
}

Test(csv_encoding, euc_jp) {
    size_t len;
    char *euc = convert("customer_id,order_date,amount\n山田太郎,2025-01-07,1980\n鈴木,2025-01-08,100\n", "EUC-JP", &len);
    loaded r = load_bytes(euc, len, "euc-jp", NULL);
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    uint64_t index;
    cr_assert_eq(ltv_ledger_find(r.ledger, "鈴木", strlen("鈴木"), &index), LTV_OK);
    cr_assert_eq(ltv_ledger_revenue(r.ledger), 2080);
    loaded_free(&r);
    free(euc);
}

Test(csv_encoding, utf16_with_a_byte_order_mark_is_read_without_the_option) {
    size_t len;
    char *le = convert(japanese, "UTF-16LE", &len);
    char *with_bom = malloc(len + 2);
    memcpy(with_bom, "\xFF\xFE", 2);
    memcpy(with_bom + 2, le, len);
    loaded r = load_bytes(with_bom, len + 2, NULL, NULL);
    assert_japanese(&r);
    loaded_free(&r);
    r = load_bytes(with_bom, len + 2, "utf-16", NULL);
    assert_japanese(&r);
    loaded_free(&r);
    /* named as UTF-8 or CP932: the message says what the file is */
    r = load_bytes(with_bom, len + 2, "utf-8", NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "UTF-16 little-endian byte order mark (FF FE)"), "%s", ltv_last_error());
    loaded_free(&r);
    r = load_bytes(with_bom, len + 2, "cp932", NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "it is UTF-16, not CP932"), "%s", ltv_last_error());
    loaded_free(&r);
    /* without a mark, utf-16 means little-endian; big-endian with its mark */
    r = load_bytes(le, len, "utf-16", NULL);
    assert_japanese(&r);
    loaded_free(&r);
    free(le);
    free(with_bom);
    char *be = convert(japanese, "UTF-16BE", &len);
    with_bom = malloc(len + 2);
    memcpy(with_bom, "\xFE\xFF", 2);
    memcpy(with_bom + 2, be, len);
    r = load_bytes(with_bom, len + 2, NULL, NULL);
    assert_japanese(&r);
    loaded_free(&r);
    r = load_bytes(be, len, "utf-16be", NULL);
    assert_japanese(&r);
    loaded_free(&r);
    free(be);
    free(with_bom);
}

Test(csv_encoding, bad_bytes_name_line_and_character) {
    /* line 3: 'A', 'B', then 0x81 0x20 (a lead byte followed by a space: not CP932) */
    const char text[] = "customer_id,order_date,amount\nC1,2025-01-07,100\nAB\x81\x20,2025-01-07,100\n";
    loaded r = load_bytes(text, sizeof text - 1, "cp932", NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "line 3, character 3 (byte 51 of the input): 0x81 0x20"), "%s",
              ltv_last_error());
    cr_assert_eq(ltv_ledger_customer_count(r.ledger), 0, "a failed load leaves the ledger as it was");
    loaded_free(&r);
    /* a UTF-16 file cut inside a character */
    const char odd[] = "\xFF\xFE" "c\0u\0s\0";
    r = load_bytes(odd, sizeof odd - 2, NULL, NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "ends inside a UTF-16LE character"), "%s", ltv_last_error());
    loaded_free(&r);
    /* a UTF-8 mark on a file said to be CP932 */
    r = load_bytes("\xEF\xBB\xBF" "customer_id,order_date,amount\n", 33, "cp932", NULL);
    cr_assert_eq(r.status, LTV_EENCODING);
    cr_assert(strstr(ltv_last_error(), "it is UTF-8, not CP932"), "%s", ltv_last_error());
    loaded_free(&r);
}

Test(csv_encoding, unknown_names) {
    ltv_csv_options *opts = NULL;
    cr_assert_eq(ltv_csv_options_new(&opts), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_encoding(opts, "latin-1"), LTV_EINVAL);
    cr_assert(strstr(ltv_last_error(), "cp932"), "%s", ltv_last_error());
    cr_assert_eq(ltv_csv_options_set_encoding(NULL, "utf-8"), LTV_EINVAL);
    cr_assert_eq(ltv_csv_options_set_encoding(opts, NULL), LTV_OK);
    cr_assert_eq(ltv_csv_options_set_timezone(opts, "Mars/Olympus"), LTV_ENOTFOUND);
    ltv_csv_options_free(opts);
}

/* Many megabytes of CP932 go through the decoder's 64 KiB steps and the loader's 4 MiB
 * chunks with characters cut at every boundary: the result equals the UTF-8 load. */
Test(csv_encoding, large_cp932_equals_utf8) {
    const size_t rows = 150000;
    size_t capacity = rows * 64 + 64, used = 0;
    char *text = malloc(capacity);
    used += (size_t)sprintf(text, "customer_id,order_date,amount\n");
    uint64_t state = 7;
    for (size_t i = 0; i < rows; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        used += (size_t)sprintf(text + used, "顧客%u号,2025-%02u-%02u,%u\n", (unsigned)(state >> 50),
                                (unsigned)(state >> 20) % 12 + 1, (unsigned)(state >> 30) % 28 + 1,
                                (unsigned)(state >> 40) % 10000);
    }
    size_t len;
    char *sjis = convert(text, "CP932", &len);
    loaded a = load_bytes(text, used, NULL, NULL), b = load_bytes(sjis, len, "cp932", NULL);
    cr_assert_eq(a.status, LTV_OK);
    cr_assert_eq(b.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(b.report), rows);
    cr_assert_eq(ltv_ledger_customer_count(b.ledger), ltv_ledger_customer_count(a.ledger));
    cr_assert_eq(ltv_ledger_revenue(b.ledger), ltv_ledger_revenue(a.ledger));
    const char *id_a, *id_b;
    size_t la, lb;
    uint64_t last = ltv_ledger_customer_count(a.ledger) - 1;
    cr_assert_eq(ltv_ledger_customer_id(a.ledger, last, &id_a, &la), LTV_OK);
    cr_assert_eq(ltv_ledger_customer_id(b.ledger, last, &id_b, &lb), LTV_OK);
    cr_assert(la == lb && memcmp(id_a, id_b, la) == 0);
    loaded_free(&a);
    loaded_free(&b);
    free(text);
    free(sjis);
}

/* ---- the shop's time zone ----------------------------------------------------------------- */

static int32_t first_day(const ltv_ledger *ledger) {
    int32_t first, last;
    cr_assert_eq(ltv_ledger_day_range(ledger, &first, &last), LTV_OK);
    return first;
}

Test(csv_timezone, amazon_purchase_date_in_tokyo) {
    const char *text = "customer_id,order_date,amount\nA,2025-01-06T17:30:00+00:00,1000\n";
    loaded r = load_bytes(text, strlen(text), NULL, "Asia/Tokyo");
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(first_day(r.ledger), fx_day("2025-01-07"));
    loaded_free(&r);
    r = load_bytes(text, strlen(text), NULL, NULL); /* no zone: as written */
    cr_assert_eq(first_day(r.ledger), fx_day("2025-01-06"));
    loaded_free(&r);
}

Test(csv_timezone, shopify_offsets_in_new_york) {
    /* the same instant in two spellings, and a local time without an offset */
    const char *text = "customer_id,order_date,amount\n"
                       "A,2025-07-01 02:17:05 +0900,100\n"
                       "A,2025-06-30T17:17:05Z,100\n"
                       "B,2025/7/1 2:17,100\n"
                       "C,2025-07-01 25:00,100\n";
    loaded r = load_bytes(text, strlen(text), NULL, "America/New_York");
    cr_assert_eq(r.status, LTV_OK, "%s", ltv_last_error());
    cr_assert_eq(ltv_load_report_rows_taken(r.report), 3);
    cr_assert_eq(ltv_load_report_rows_rejected(r.report), 1);
    uint64_t a, b;
    cr_assert_eq(ltv_ledger_find(r.ledger, "A", 1, &a), LTV_OK);
    cr_assert_eq(ltv_ledger_find(r.ledger, "B", 1, &b), LTV_OK);
    uint8_t kinds[4];
    int32_t days[4];
    int64_t amounts[4];
    int32_t items[4];
    size_t n = 0;
    cr_assert_eq(ltv_ledger_customer_events(r.ledger, a, kinds, days, amounts, items, 4, &n), LTV_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(days[0], fx_day("2025-06-30")); /* 13:17 EDT */
    cr_assert_eq(days[1], fx_day("2025-06-30"));
    cr_assert_eq(ltv_ledger_customer_events(r.ledger, b, kinds, days, amounts, items, 4, &n), LTV_OK);
    cr_assert_eq(days[0], fx_day("2025-07-01"));
    const char *message;
    cr_assert_eq(ltv_load_report_error(r.report, 0, NULL, NULL, NULL, &message), LTV_OK);
    cr_assert(strstr(message, "line 5, column 2"), "%s", message);
    loaded_free(&r);
}
