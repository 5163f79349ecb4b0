/* The loader's input encodings: UTF-8 passes through untouched; CP932 (Shift_JIS), EUC-JP
 * and UTF-16 are converted to UTF-8 with the C library's iconv as the input streams in, so
 * the rest of the loader only ever sees UTF-8. Bad bytes are reported with the line and
 * character where they are, counted in the converted text (line ends survive conversion, so
 * the line is the file's line). */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "csv_internal.h"

#define RAW_BYTES ((size_t)64 << 10)

typedef struct encoding_name {
    const char *name;
    int id;
} encoding_name;

/* Accepted names (ASCII case-insensitive). Shift_JIS is read as CP932: what Windows, Excel
 * and the Japanese carts write under that name has NEC and IBM extensions (①, ㈱, 髙) that
 * strict Shift_JIS lacks. EUC-JP likewise is read as eucJP-ms. */
static const encoding_name names[] = {
    {"utf-8", LTV__ENC_UTF8},         {"utf8", LTV__ENC_UTF8},         {"cp932", LTV__ENC_CP932},
    {"shift_jis", LTV__ENC_CP932},    {"shift-jis", LTV__ENC_CP932},   {"sjis", LTV__ENC_CP932},
    {"windows-31j", LTV__ENC_CP932},  {"ms932", LTV__ENC_CP932},       {"euc-jp", LTV__ENC_EUCJP},
    {"eucjp", LTV__ENC_EUCJP},        {"euc-jp-ms", LTV__ENC_EUCJP},   {"utf-16", LTV__ENC_UTF16},
    {"utf16", LTV__ENC_UTF16},        {"utf-16le", LTV__ENC_UTF16LE},  {"utf-16be", LTV__ENC_UTF16BE},
};

static const char *const display[] = {"", "UTF-8", "CP932 (Shift_JIS)", "EUC-JP", "UTF-16", "UTF-16LE", "UTF-16BE"};

const char *ltv__encoding_display(int id) { return id > 0 && id <= LTV__ENC_UTF16BE ? display[id] : "UTF-8"; }

int ltv__encoding_lookup(const char *name, size_t len) {
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) != len) continue;
        size_t k = 0;
        for (; k < len; k++) {
            char c = name[k];
            if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            if (c != names[i].name[k]) break;
        }
        if (k == len) return names[i].id;
    }
    return 0;
}

int ltv_csv_options_set_encoding(ltv_csv_options *opts, const char *name) {
    LTV_REQUIRE(opts, "ltv_csv_options_set_encoding");
    if (name == NULL || name[0] == '\0') {
        opts->encoding = LTV__ENC_DEFAULT;
        return LTV_OK;
    }
    const size_t len = strnlen(name, 32);
    const int id = ltv__encoding_lookup(name, len);
    if (id == 0)
        return ltv__fail(LTV_EINVAL, "'%.32s' is not an input encoding: use utf-8, cp932 (also shift_jis, sjis), "
                         "euc-jp, utf-16 (byte order mark decides; little-endian without one), utf-16le or utf-16be",
                         name);
    opts->encoding = id;
    return LTV_OK;
}

/* ---- the decoder ---------------------------------------------------------------------------- */

struct ltv__decoder {
    int encoding;             /* what the caller asked for (LTV__ENC_*) */
    ltv__pull_fn pull;
    void *ctx;
    iconv_t cd;               /* (iconv_t)-1 while passing UTF-8 through */
    const char *from;         /* what is being converted, for messages */
    bool started, raw_eof;
    char *raw;                /* undecoded input [raw_pos, raw_len) */
    size_t raw_pos, raw_len;
    uint64_t raw_bytes;       /* input bytes consumed so far */
    uint64_t line, character; /* position in the decoded text, for messages */
};

int ltv__decoder_new(ltv__decoder **out, int encoding, ltv__pull_fn pull, void *ctx) {
    ltv__decoder *d = ltv__calloc(1, sizeof *d);
    if (!d) return ltv__fail(LTV_ENOMEM, "out of memory for the input decoder");
    d->raw = ltv__malloc(RAW_BYTES);
    if (!d->raw) {
        ltv__free(d);
        return ltv__fail(LTV_ENOMEM, "out of memory for the input decoder");
    }
    d->encoding = encoding;
    d->pull = pull;
    d->ctx = ctx;
    d->cd = (iconv_t)-1;
    d->line = 1;
    d->character = 1;
    *out = d;
    return LTV_OK;
}

void ltv__decoder_free(ltv__decoder *d) {
    if (!d) return;
    if (d->cd != (iconv_t)-1) iconv_close(d->cd);
    ltv__free(d->raw);
    ltv__free(d);
}

uint64_t ltv__decoder_raw_bytes(const ltv__decoder *d) { return d->raw_bytes; }

/* Moves the unconsumed input to the front and reads more after it. */
static int fill(ltv__decoder *d) {
    if (d->raw_pos) {
        memmove(d->raw, d->raw + d->raw_pos, d->raw_len - d->raw_pos);
        d->raw_len -= d->raw_pos;
        d->raw_pos = 0;
    }
    while (!d->raw_eof && d->raw_len < RAW_BYTES) {
        size_t got = 0;
        int status = d->pull(d->ctx, d->raw + d->raw_len, RAW_BYTES - d->raw_len, &got);
        if (status != LTV_OK) return status;
        if (got == 0) d->raw_eof = true;
        d->raw_len += got;
        if (got) break;
    }
    return LTV_OK;
}

static int open_converter(ltv__decoder *d, const char *from, const char *fallback, const char *shown) {
    d->cd = iconv_open("UTF-8", from);
    if (d->cd == (iconv_t)-1 && fallback) d->cd = iconv_open("UTF-8", fallback);
    if (d->cd == (iconv_t)-1)
        return ltv__fail(LTV_EENCODING, "this system's iconv cannot convert %s to UTF-8 (%s)", shown, strerror(errno));
    d->from = shown;
    return LTV_OK;
}

static int wrong_bom(const ltv__decoder *d, const char *what, const char *bytes) {
    return ltv__fail(LTV_EENCODING, "the input starts with a %s byte order mark (%s): it is %s, not %s; load it "
                     "without an encoding or with its own (ltvcrm: --encoding %s)",
                     what, bytes, strncmp(what, "UTF-8", 5) ? "UTF-16" : "UTF-8", ltv__encoding_display(d->encoding),
                     strncmp(what, "UTF-8", 5) ? "utf-16" : "utf-8");
}

/* Looks at the first bytes: a byte order mark decides UTF-16 (or contradicts the encoding
 * the caller named), otherwise the caller's encoding holds. */
static int start(ltv__decoder *d) {
    d->started = true;
    int status;
    while (d->raw_len < 4 && !d->raw_eof)
        if ((status = fill(d)) != LTV_OK) return status;
    const unsigned char *b = (const unsigned char *)d->raw;
    const bool le = d->raw_len >= 2 && b[0] == 0xFF && b[1] == 0xFE, be = d->raw_len >= 2 && b[0] == 0xFE && b[1] == 0xFF;
    const bool utf8_bom = d->raw_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
    const int enc = d->encoding;
    if (le || be) {
        if (enc == LTV__ENC_UTF8 || enc == LTV__ENC_CP932 || enc == LTV__ENC_EUCJP || (le && enc == LTV__ENC_UTF16BE) ||
            (be && enc == LTV__ENC_UTF16LE))
            return wrong_bom(d, le ? "UTF-16 little-endian" : "UTF-16 big-endian", le ? "FF FE" : "FE FF");
        d->raw_pos = 2; /* the mark is not text */
        d->raw_bytes = 2;
        return le ? open_converter(d, "UTF-16LE", NULL, "UTF-16LE") : open_converter(d, "UTF-16BE", NULL, "UTF-16BE");
    }
    if (utf8_bom && enc != LTV__ENC_DEFAULT && enc != LTV__ENC_UTF8) return wrong_bom(d, "UTF-8", "EF BB BF");
    switch (enc) {
    case LTV__ENC_CP932: return open_converter(d, "CP932", NULL, "CP932 (Shift_JIS)");
    case LTV__ENC_EUCJP: return open_converter(d, "EUC-JP-MS", "EUC-JP", "EUC-JP");
    case LTV__ENC_UTF16:
    case LTV__ENC_UTF16LE: return open_converter(d, "UTF-16LE", NULL, "UTF-16LE");
    case LTV__ENC_UTF16BE: return open_converter(d, "UTF-16BE", NULL, "UTF-16BE");
    default: return LTV_OK; /* UTF-8: passed through, checked by the loader */
    }
}

/* Advances the line and character counts over decoded text. */
static void count(ltv__decoder *d, const char *text, size_t len) {
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            d->line++;
            d->character = 1;
        } else if ((c & 0xC0) != 0x80) {
            d->character++;
        }
    }
}

static int bad_bytes(const ltv__decoder *d, bool at_end) {
    char shown[40] = "";
    size_t used = 0;
    for (size_t i = d->raw_pos; i < d->raw_len && i < d->raw_pos + 2; i++)
        used += (size_t)snprintf(shown + used, sizeof shown - used, "%s0x%02X", used ? " " : "",
                                 (unsigned)(unsigned char)d->raw[i]);
    if (at_end)
        return ltv__fail(LTV_EENCODING, "line %llu, character %llu: the input ends inside a %s character (%s)",
                         (unsigned long long)d->line, (unsigned long long)d->character, d->from, shown);
    return ltv__fail(LTV_EENCODING, "line %llu, character %llu (byte %llu of the input): %s is not valid %s; "
                     "is the file in another encoding (utf-8, cp932, euc-jp, utf-16)?",
                     (unsigned long long)d->line, (unsigned long long)d->character,
                     (unsigned long long)d->raw_bytes + 1, shown, d->from);
}

int ltv__decoder_read(ltv__decoder *d, char *buf, size_t capacity, size_t *out_len) {
    *out_len = 0;
    int status;
    if (!d->started && (status = start(d)) != LTV_OK) return status;
    if (d->cd == (iconv_t)-1) { /* UTF-8: what was looked at first, then straight into buf */
        if (d->raw_pos < d->raw_len) {
            size_t n = d->raw_len - d->raw_pos < capacity ? d->raw_len - d->raw_pos : capacity;
            memcpy(buf, d->raw + d->raw_pos, n);
            d->raw_pos += n;
            d->raw_bytes += n;
            *out_len = n;
            return LTV_OK;
        }
        if (d->raw_eof) return LTV_OK;
        status = d->pull(d->ctx, buf, capacity, out_len);
        d->raw_bytes += *out_len;
        if (*out_len == 0) d->raw_eof = true;
        return status;
    }
    char *out = buf;
    size_t out_left = capacity;
    while (out_left >= 8) { /* room for any character */
        if (d->raw_pos == d->raw_len) {
            if (d->raw_eof) break;
            if ((status = fill(d)) != LTV_OK) return status;
            continue;
        }
        char *in = d->raw + d->raw_pos, *before = out;
        size_t in_left = d->raw_len - d->raw_pos;
        const size_t rc = iconv(d->cd, &in, &in_left, &out, &out_left);
        const int err = errno;
        count(d, before, (size_t)(out - before));
        d->raw_bytes += (uint64_t)(in - (d->raw + d->raw_pos));
        d->raw_pos = (size_t)(in - d->raw);
        if (rc != (size_t)-1) continue;
        if (err == E2BIG) break;
        if (err == EILSEQ) return bad_bytes(d, false);
        if (err == EINVAL) { /* a character cut by the end of what was read */
            if (d->raw_eof) return bad_bytes(d, true);
            if (out != buf) break; /* hand over what is decoded; the rest comes next time */
            if ((status = fill(d)) != LTV_OK) return status;
            continue;
        }
        return ltv__fail(LTV_EENCODING, "converting %s: %s", d->from, strerror(err));
    }
    *out_len = (size_t)(out - buf);
    return LTV_OK;
}
