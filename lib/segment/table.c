/* Segment tables as data: a small text format (docs/segment-tables.md), the tables the
 * library ships written in it, and the parser that turns either into named-segment entries.
 * One rule per line: `NAME [| 日本語名]: r=LO-HI f=LO-HI m=LO-HI` or `NAME: codes=RFM,…`,
 * or `NAME: other` for the catch-all. The first matching rule wins. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "segment_internal.h"

#define TABLE_FILE_MAX (1u << 20)

typedef struct shipped_table {
    const char *name, *text;
    bool five_scale; /* written for 1..5 scores; other bin counts are mapped onto them */
} shipped_table;

static const shipped_table shipped[] = {
    {"default",
     "# libltvcrm's named segments, on a 1..5 scale (other bin counts are mapped onto it)\n"
     "Champions | チャンピオン: r=4-5 f=4-5 m=4-5\n"
     "Loyal | ロイヤル顧客: r=3-5 f=3-5 m=3-5\n"
     "Potential loyalists | ロイヤル予備軍: r=4-5 f=2-3 m=1-5\n"
     "New customers | 新規顧客: r=5 f=1 m=1-5\n"
     "Promising | 有望顧客: r=4 f=1 m=1-5\n"
     "Need attention | 要注意顧客: r=3 f=2-3 m=1-5\n"
     "About to sleep | 休眠予備軍: r=3 f=1 m=1-5\n"
     "Cannot lose them | 失いたくない顧客: r=1 f=4-5 m=4-5\n"
     "At risk | 離反リスク顧客: r=1-2 f=3-5 m=1-5\n"
     "Hibernating | 冬眠顧客: r=2 f=1-2 m=1-5\n"
     "Lost | 離脱顧客: r=1 f=1-2 m=1-5\n",
     true},
    {"r-rfm",
     "# R rfm 0.3.0: the documented example of rfm_segment() (vignette \"rfm-transaction-level-data\").\n"
     "# Use with the r-rfm scoring mode and 5 bins.\n"
     "Champions | チャンピオン: r=5 f=5 m=5\n"
     "Potential Loyalist | ロイヤル予備軍: r=3-5 f=3-5 m=2-5\n"
     "Loyal Customers | ロイヤル顧客: r=2-4 f=2-4 m=2-4\n"
     "Promising | 有望顧客: r=3-4 f=1-3 m=3-5\n"
     "New Customers | 新規顧客: r=4-5 f=1-3 m=1-5\n"
     "Can't Lose Them | 失いたくない顧客: r=1-2 f=3-4 m=4-5\n"
     "At Risk | 離反リスク顧客: r=1-2 f=2-5 m=4-5\n"
     "Need Attention | 要注意顧客: r=1-3 f=3-5 m=3-5\n"
     "About To Sleep | 休眠予備軍: r=2-3 f=1-3 m=1-4\n"
     "Lost | 離脱顧客: r=1 f=1-5 m=1-5\n"
     "Others | その他: other\n",
     false},
    {"pymc",
     "# PyMC-Marketing rfm_segments(): its default segment_config (quartile scores 1..4).\n"
     "# Use with the pymc scoring mode and 4 bins.\n"
     "Premium Customer | プレミアム顧客: codes=334,443,444,344,434,433,343,333\n"
     "Repeat Customer | リピート顧客: codes=244,234,232,332,143,233,243\n"
     "Top Spender | 高額購入顧客: codes=424,414,144,314,324,124,224,423,413,133,323,313,134\n"
     "At Risk Customer | 離反リスク顧客: codes=422,223,212,122,222,132,322,312,412,123,214\n"
     "Inactive Customer | 休眠顧客: codes=411,111,113,114,112,211,311\n"
     "Other | その他: other\n",
     false},
    {"klaviyo",
     "# An approximation of Klaviyo's RFM groups on 1..3 scores (use with 3 bins); Klaviyo's own\n"
     "# percentile cut points and group boundaries are not published (docs/segments.md).\n"
     "Champions | チャンピオン: r=3 f=3 m=3\n"
     "Loyal | ロイヤル顧客: r=2-3 f=2-3 m=2-3\n"
     "Recent | 最近の購入者: r=3 f=1 m=1-3\n"
     "Needs Attention | 要注意顧客: r=2-3 f=1-3 m=1-3\n"
     "At Risk | 離反リスク顧客: r=1 f=2-3 m=1-3\n"
     "Inactive | 休眠顧客: r=1 f=1 m=1-3\n",
     false},
    {"shopify",
     "# An approximation of Shopify's RFM groups (CustomerRfmGroup) on 1..5 scores; Shopify\n"
     "# describes the groups in words only (docs/segments.md).\n"
     "Champions | チャンピオン: r=5 f=4-5 m=4-5\n"
     "Loyal | ロイヤル顧客: r=4 f=4-5 m=4-5\n"
     "Previously loyal | 元ロイヤル顧客: r=1-2 f=5 m=4-5\n"
     "At risk | 離反リスク顧客: r=1-2 f=3-5 m=3-5\n"
     "New | 新規顧客: r=5 f=1 m=1-5\n"
     "Promising | 有望顧客: r=4 f=1-2 m=1-5\n"
     "Active | アクティブ: r=4-5 f=2-5 m=1-5\n"
     "Needs attention | 要注意顧客: r=3 f=1-5 m=1-5\n"
     "Almost lost | 離脱寸前: r=2 f=1-5 m=1-5\n"
     "Dormant | 休眠顧客: r=1 f=1-5 m=1-5\n",
     false},
};
#define SHIPPED_COUNT (sizeof shipped / sizeof shipped[0])

const char *ltv_segment_table_name(size_t index) { return index < SHIPPED_COUNT ? shipped[index].name : NULL; }

static const shipped_table *find_shipped(const char *name, size_t len) {
    for (size_t i = 0; i < SHIPPED_COUNT; i++)
        if (strlen(shipped[i].name) == len && memcmp(shipped[i].name, name, len) == 0) return &shipped[i];
    return NULL;
}

static int unknown_table(const char *func, const char *name, size_t len) {
    return ltv__fail(LTV_ENOTFOUND, "%s: no segment table '%.*s' (tables: default, r-rfm, pymc, klaviyo, shopify)",
                     func, (int)(len > 64 ? 64 : len), name);
}

const char *ltv_segment_table_text(const char *name, size_t len) {
    if (!name) {
        ltv__fail(LTV_EINVAL, "ltv_segment_table_text: name is NULL");
        return NULL;
    }
    const shipped_table *t = find_shipped(name, len);
    if (!t) unknown_table("ltv_segment_table_text", name, len);
    return t ? t->text : NULL;
}

/* ---- the parser ------------------------------------------------------------------------- */

typedef struct cursor {
    const char *where, *line; /* message prefix; start of the current line */
    size_t line_no;
} cursor;

/* Column of a position: characters (not bytes) from the line start, 1-based. */
static size_t column_of(const cursor *cur, const char *at) {
    size_t column = 1;
    for (const char *p = cur->line; p < at; p++) column += ((unsigned char)*p & 0xC0) != 0x80;
    return column;
}

static int parse_error(const cursor *cur, const char *at, int status, const char *what) {
    return ltv__fail(status, "%s: line %zu, column %zu: %s", cur->where, cur->line_no, column_of(cur, at), what);
}

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static const char *skip_spaces(const char *p, const char *end) {
    while (p < end && is_space(*p)) p++;
    return p;
}

static const char *trim_end(const char *begin, const char *end) {
    while (end > begin && is_space(end[-1])) end--;
    return end;
}

/* A score 1..10 at *p; advances *p. */
static int parse_score(const cursor *cur, const char **p, const char *end, int *out) {
    const char *start = *p;
    int value = 0;
    while (*p < end && **p >= '0' && **p <= '9' && value <= LTV_RFM_MAX_BINS) value = value * 10 + (*(*p)++ - '0');
    if (*p == start) return parse_error(cur, start, LTV_EPARSE, "expected a score (1..10)");
    if (value < 1 || value > LTV_RFM_MAX_BINS) return parse_error(cur, start, LTV_ERANGE, "a score is 1..10");
    *out = value;
    return LTV_OK;
}

/* One rule's specification: ranges, codes, or `other`. Appends its entries to `into`. */
typedef struct rule {
    const char *en, *ja;
    size_t en_len, ja_len;
} rule;

static int add_entry(const cursor *cur, const char *at, ltv_segment_config *into, const rule *r,
                     const uint8_t ranges[6]) {
    if (into->preset_count >= LTV_PRESETS_MAX)
        return parse_error(cur, at, LTV_ERANGE, "more than 250 rules (a code list counts one rule per code)");
    return ltv__segment_config_append(into, r->en, r->en_len, r->ja, r->ja_len, ranges);
}

static int parse_codes(const cursor *cur, const char *p, const char *end, ltv_segment_config *into, const rule *r) {
    for (;;) {
        const char *code = p;
        uint8_t digits[3];
        for (int d = 0; d < 3; d++, p++) {
            if (p >= end || *p < '1' || *p > '9')
                return parse_error(cur, p, LTV_EPARSE, "a code is three scores 1..9 (recency, frequency, monetary)");
            digits[d] = (uint8_t)(*p - '0');
        }
        const uint8_t ranges[6] = {digits[0], digits[0], digits[1], digits[1], digits[2], digits[2]};
        int status = add_entry(cur, code, into, r, ranges);
        if (status != LTV_OK) return status;
        if (p == end || is_space(*p)) return skip_spaces(p, end) == end ? LTV_OK
                                          : parse_error(cur, skip_spaces(p, end), LTV_EPARSE,
                                                        "codes= takes the rest of the line");
        if (*p != ',') return parse_error(cur, p, LTV_EPARSE, "expected ',' between codes");
        p++;
    }
}

static int parse_spec(const cursor *cur, const char *p, const char *end, ltv_segment_config *into, const rule *r) {
    p = skip_spaces(p, end);
    if (p == end) return parse_error(cur, p, LTV_EPARSE, "expected r=, f=, m=, codes= or other after ':'");
    if ((size_t)(end - p) >= 6 && memcmp(p, "codes=", 6) == 0) return parse_codes(cur, p + 6, end, into, r);
    if ((size_t)(end - p) >= 5 && memcmp(p, "other", 5) == 0 && skip_spaces(p + 5, end) == end) {
        char *en = ltv__strndup(r->en, r->en_len), *ja = ltv__strndup(r->ja, r->ja_len);
        if (!en || !ja) {
            ltv__free(en);
            ltv__free(ja);
            return ltv__fail(LTV_ENOMEM, "%s: out of memory", cur->where);
        }
        ltv__free(into->other_en);
        ltv__free(into->other_ja);
        into->other_en = en, into->other_ja = ja;
        return LTV_OK;
    }
    uint8_t ranges[6] = {1, LTV_RFM_MAX_BINS, 1, LTV_RFM_MAX_BINS, 1, LTV_RFM_MAX_BINS};
    bool seen[3] = {false, false, false};
    while (p < end) {
        const char *item = p;
        const char *letters = "rfm", *which = (p < end) ? strchr(letters, *p) : NULL;
        if (!which || *p == '\0' || p + 1 >= end || p[1] != '=')
            return parse_error(cur, p, LTV_EPARSE, "expected r=, f= or m= (or codes=, other)");
        const int metric = (int)(which - letters);
        if (seen[metric]) return parse_error(cur, p, LTV_EPARSE, "a metric is given twice in one rule");
        seen[metric] = true;
        p += 2;
        int lo = 0, hi = 0;
        int status = parse_score(cur, &p, end, &lo);
        hi = lo;
        if (status == LTV_OK && p < end && *p == '-') {
            p++;
            status = parse_score(cur, &p, end, &hi);
        }
        if (status != LTV_OK) return status;
        if (hi < lo) return parse_error(cur, item, LTV_ERANGE, "a range goes from the lower score to the higher");
        if (p < end && !is_space(*p)) return parse_error(cur, p, LTV_EPARSE, "expected a space after a range");
        ranges[2 * metric] = (uint8_t)lo, ranges[2 * metric + 1] = (uint8_t)hi;
        p = skip_spaces(p, end);
    }
    return add_entry(cur, end, into, r, ranges);
}

static int parse_line(const cursor *cur, const char *p, const char *end, ltv_segment_config *into) {
    if (end <= p) return LTV_OK;
    const char *hash = memchr(p, '#', (size_t)(end - p));
    if (hash) end = hash;
    p = skip_spaces(p, end);
    end = trim_end(p, end);
    if (p == end) return LTV_OK;
    const char *colon = memchr(p, ':', (size_t)(end - p));
    if (!colon) return parse_error(cur, end, LTV_EPARSE, "expected ':' after the segment name");
    const char *bar = memchr(p, '|', (size_t)(colon - p));
    rule r;
    r.en = p;
    r.en_len = (size_t)(trim_end(p, bar ? bar : colon) - p);
    if (bar) {
        r.ja = skip_spaces(bar + 1, colon);
        r.ja_len = (size_t)(trim_end(r.ja, colon) - r.ja);
    } else {
        r.ja = r.en, r.ja_len = r.en_len;
    }
    if (r.en_len < 1 || r.en_len > 64) return parse_error(cur, p, LTV_ERANGE, "a segment name is 1..64 bytes");
    if (r.ja_len < 1 || r.ja_len > 128)
        return parse_error(cur, bar ? bar + 1 : p, LTV_ERANGE, "a Japanese name is 1..128 bytes");
    return parse_spec(cur, colon + 1, end, into, &r);
}

int ltv__segment_table_parse(ltv_segment_config *cfg, const char *where, const char *text, size_t len) {
    size_t bad;
    if (!ltv__utf8_valid(text, len, &bad)) {
        size_t line_no = 1, line_start = 0;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n') line_no++, line_start = i + 1;
        const cursor cur = {where, text + line_start, line_no};
        return parse_error(&cur, text + bad, LTV_EENCODING, "not valid UTF-8");
    }
    ltv_segment_config parsed;
    memset(&parsed, 0, sizeof parsed);
    cursor cur = {where, text, 1};
    int status = LTV_OK;
    const char *p = text, *end = text + len;
    while (p < end && status == LTV_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        cur.line = p;
        status = parse_line(&cur, p, line_end > p && line_end[-1] == '\r' ? line_end - 1 : line_end, &parsed);
        p = nl ? nl + 1 : end;
        cur.line_no++;
    }
    if (status != LTV_OK) {
        ltv__segment_config_release(&parsed);
        return status;
    }
    ltv__segment_config_release(cfg); /* the presets and the catch-all name only */
    cfg->presets = parsed.presets;
    cfg->preset_count = parsed.preset_count;
    cfg->other_en = parsed.other_en;
    cfg->other_ja = parsed.other_ja;
    cfg->default_presets = false;
    return LTV_OK;
}

int ltv_segment_config_load_table(ltv_segment_config *cfg, const char *text, size_t len) {
    LTV_REQUIRE(cfg, "ltv_segment_config_load_table");
    LTV_REQUIRE(text, "ltv_segment_config_load_table");
    return ltv__segment_table_parse(cfg, "segment table", text, len);
}

int ltv_segment_config_use_table(ltv_segment_config *cfg, const char *name, size_t len) {
    LTV_REQUIRE(cfg, "ltv_segment_config_use_table");
    LTV_REQUIRE(name, "ltv_segment_config_use_table");
    const shipped_table *t = find_shipped(name, len);
    if (!t) return unknown_table("ltv_segment_config_use_table", name, len);
    int status = ltv__segment_table_parse(cfg, t->name, t->text, strlen(t->text));
    if (status == LTV_OK) cfg->default_presets = t->five_scale;
    return status;
}

int ltv_segment_config_load_table_file(ltv_segment_config *cfg, const char *path) {
    LTV_REQUIRE(cfg, "ltv_segment_config_load_table_file");
    LTV_REQUIRE(path, "ltv_segment_config_load_table_file");
    FILE *file = fopen(path, "rb");
    if (!file) return ltv__fail(LTV_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *text = ltv__malloc(TABLE_FILE_MAX + 1);
    if (!text) {
        fclose(file);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", path);
    }
    const size_t len = fread(text, 1, TABLE_FILE_MAX + 1, file);
    const bool failed = ferror(file) != 0;
    fclose(file);
    int status;
    if (failed) status = ltv__fail(LTV_EIO, "%s: read error", path);
    else if (len > TABLE_FILE_MAX) status = ltv__fail(LTV_EIO, "%s: larger than 1 MiB; a segment table is small", path);
    else status = ltv__segment_table_parse(cfg, path, text, len);
    ltv__free(text);
    return status;
}
