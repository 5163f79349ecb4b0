/* Reading a planner from the line format of docs/planner.md. Every problem is reported
 * with its line and column (in characters) and what was expected there. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "planner_internal.h"
#include "textbuf.h"

#define MAX_TOKENS 32

/* A planner text is a few kilobytes (the default is under 3 KB); a file past this is not one,
 * and reading stops there (an endless file such as /dev/zero must not exhaust memory). */
#define LTV__PLANNER_TEXT_MAX ((size_t)16 * 1024 * 1024)

typedef struct token {
    const char *key; /* the bare word, or the key of key=value */
    size_t key_len;
    const char *value; /* decoded value (points into the statement arena or the input) */
    size_t value_len;
    bool has_value;
    size_t arena_offset; /* for quoted values: offset into the arena, SIZE_MAX if not */
    uint32_t line, column, value_column;
} token;

typedef struct parser {
    const char *data;
    size_t len;
    ltv_planner *planner;
    token tokens[MAX_TOKENS];
    size_t n_tokens;
    ltv__textbuf arena; /* decoded quoted values of the current statement */
    bool have_header;
    bool have_scenario;
    size_t scenario;
    uint32_t channel_line[LTV_CHANNEL_COUNT];
} parser;

static int fail_at(uint32_t line, uint32_t column, const char *fmt, ...) LTV_PRINTF(3, 4);
static int fail_at(uint32_t line, uint32_t column, const char *fmt, ...) {
    char message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof message, fmt, args);
    va_end(args);
    return ltv__fail(LTV_EPARSE, "line %u, column %u: %s", line, column, message);
}

/* Wrap the message of a failed call (set by ltv__fail) with the position. A value the text
 * gives that the call refused is a parse error; a failure that is not the text's fault
 * (memory, above all) keeps its own status, so a caller can tell the two apart. */
static int fail_wrapped(uint32_t line, uint32_t column) {
    int inner = ltv_last_status();
    char message[768];
    snprintf(message, sizeof message, "%s", ltv_last_error());
    if (inner == LTV_ENOMEM || inner == LTV_EOVERFLOW || inner == LTV_EIO || inner == LTV_ESTATE)
        return ltv__fail(inner, "line %u, column %u: %s", line, column, message);
    return fail_at(line, column, "%s", message);
}

static uint32_t column_of(const char *data, size_t line_start, size_t pos) {
    uint32_t column = 1;
    for (size_t i = line_start; i < pos; i++)
        if (((unsigned char)data[i] & 0xC0) != 0x80) column++;
    return column;
}

static bool is_space(char ch) { return ch == ' ' || ch == '\t'; }

/* Decode a quoted value starting at data[pos] == '"' on a line ending at `end`. */
static int read_quoted(parser *p, size_t *pos, size_t end, size_t line_start, uint32_t line, token *tok) {
    size_t i = *pos + 1;
    tok->arena_offset = p->arena.len;
    size_t start = i;
    for (;;) {
        if (i >= end)
            return fail_at(line, column_of(p->data, line_start, *pos), "the quote opened here is not closed on this line");
        char ch = p->data[i];
        if (ch == '"') break;
        if (ch != '\\') {
            i++;
            continue;
        }
        ltv__tb_append(&p->arena, p->data + start, i - start);
        char next = i + 1 < end ? p->data[i + 1] : '\0';
        const char *decoded = next == '"' ? "\"" : next == '\\' ? "\\" : next == 'n' ? "\n" : next == 't' ? "\t" : NULL;
        if (!decoded)
            return fail_at(line, column_of(p->data, line_start, i),
                           "unknown escape '\\%c' (use \\\", \\\\, \\n or \\t)", next ? next : ' ');
        ltv__tb_puts(&p->arena, decoded);
        i += 2;
        start = i;
    }
    ltv__tb_append(&p->arena, p->data + start, i - start);
    tok->value_len = p->arena.len - tok->arena_offset;
    if (p->arena.failed) return ltv__fail(LTV_ENOMEM, "planner text: out of memory");
    i++;
    if (i < end && !is_space(p->data[i]))
        return fail_at(line, column_of(p->data, line_start, i), "text follows the closing quote; separate fields with spaces");
    *pos = i;
    return LTV_OK;
}

/* Split one physical line into tokens appended to the current statement. */
static int tokenize_line(parser *p, size_t line_start, size_t end, uint32_t line) {
    size_t i = line_start;
    while (i < end) {
        while (i < end && is_space(p->data[i])) i++;
        if (i >= end || p->data[i] == '#') break;
        if (p->n_tokens == MAX_TOKENS)
            return fail_at(line, column_of(p->data, line_start, i), "too many fields in one statement (at most %d)", MAX_TOKENS);
        token *tok = &p->tokens[p->n_tokens];
        memset(tok, 0, sizeof *tok);
        tok->arena_offset = SIZE_MAX;
        tok->line = line;
        tok->column = column_of(p->data, line_start, i);
        if (p->data[i] == '"')
            return fail_at(line, tok->column, "a quoted value needs a key in front of it (key=\"...\")");
        size_t start = i;
        while (i < end && !is_space(p->data[i]) && p->data[i] != '=') i++;
        tok->key = p->data + start;
        tok->key_len = i - start;
        if (i < end && p->data[i] == '=') {
            if (tok->key_len == 0) return fail_at(line, tok->column, "'=' without a key in front of it");
            tok->has_value = true;
            i++;
            tok->value_column = column_of(p->data, line_start, i);
            if (i < end && p->data[i] == '"') {
                int status = read_quoted(p, &i, end, line_start, line, tok);
                if (status != LTV_OK) return status;
            } else {
                size_t vstart = i;
                while (i < end && !is_space(p->data[i])) i++;
                tok->value = p->data + vstart;
                tok->value_len = i - vstart;
            }
        }
        p->n_tokens++;
    }
    return LTV_OK;
}

/* ---- values ---- */

static bool same(const char *text, size_t len, const char *word) {
    return strlen(word) == len && memcmp(text, word, len) == 0;
}

static int parse_int(const token *tok, int64_t *out) {
    const char *s = tok->value;
    size_t len = tok->value_len, i = 0;
    bool negative = len > 0 && s[0] == '-';
    if (negative) i++;
    if (i >= len) return fail_at(tok->line, tok->value_column, "%.*s= needs a whole number", (int)tok->key_len, tok->key);
    int64_t value = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return fail_at(tok->line, tok->value_column, "%.*s=%.*s is not a whole number", (int)tok->key_len, tok->key,
                           (int)len, s);
        int digit = s[i] - '0';
        if (value > (INT64_MAX - digit) / 10)
            return fail_at(tok->line, tok->value_column, "%.*s=%.*s is too large", (int)tok->key_len, tok->key, (int)len, s);
        value = value * 10 + digit;
    }
    *out = negative ? -value : value;
    return LTV_OK;
}

static int parse_bounded(const token *tok, int64_t lo, int64_t hi, int64_t *out) {
    int status = parse_int(tok, out);
    if (status != LTV_OK) return status;
    if (*out < lo || *out > hi)
        return fail_at(tok->line, tok->value_column, "%.*s=%lld is outside %lld..%lld", (int)tok->key_len, tok->key,
                       (long long)*out, (long long)lo, (long long)hi);
    return LTV_OK;
}

static int parse_yes_no(const token *tok, int64_t *out) {
    if (same(tok->value, tok->value_len, "yes")) {
        *out = 1;
    } else if (same(tok->value, tok->value_len, "no")) {
        *out = 0;
    } else {
        return fail_at(tok->line, tok->value_column, "%.*s=%.*s: expected yes or no", (int)tok->key_len, tok->key,
                       (int)tok->value_len, tok->value);
    }
    return LTV_OK;
}

static int parse_keyword(const token *tok, int vocab_kind, int *out) {
    if (!ltv__plan_keyword_value(vocab_kind, tok->value, tok->value_len, out))
        return fail_at(tok->line, tok->value_column, "unknown %.*s '%.*s' (expected one of: %s)", (int)tok->key_len,
                       tok->key, (int)tok->value_len, tok->value, ltv__plan_keyword_list(vocab_kind));
    return LTV_OK;
}

/* A comma-separated list of keywords as a mask; states and ranks use bit 4 for "none". */
static int parse_mask(const token *tok, int vocab_kind, int64_t *out) {
    int64_t mask = 0;
    size_t start = 0;
    for (size_t i = 0; i <= tok->value_len; i++) {
        if (i < tok->value_len && tok->value[i] != ',') continue;
        int value;
        const char *word = tok->value + start;
        size_t len = i - start;
        uint32_t column = tok->value_column + (uint32_t)start;
        if (len == 0 || !ltv__plan_keyword_value(vocab_kind, word, len, &value))
            return fail_at(tok->line, column, "unknown %.*s value '%.*s' (expected a comma-separated list of: %s)",
                           (int)tok->key_len, tok->key, (int)len, word, ltv__plan_keyword_list(vocab_kind));
        if (vocab_kind == LTV_PLAN_VOCAB_STOP)
            mask |= value;
        else
            mask |= value < 0 ? LTV_PLAN_MASK_NONE_BIT : 1 << value;
        start = i + 1;
    }
    *out = mask;
    return LTV_OK;
}

/* Reject a key given twice in one statement. */
static int check_unique_keys(const parser *p, size_t first) {
    for (size_t i = first; i < p->n_tokens; i++) {
        const token *a = &p->tokens[i];
        if (!a->has_value)
            return fail_at(a->line, a->column, "expected key=value, found '%.*s'", (int)a->key_len, a->key);
        for (size_t j = first; j < i; j++) {
            const token *b = &p->tokens[j];
            if (b->key_len == a->key_len && memcmp(a->key, b->key, a->key_len) == 0)
                return fail_at(a->line, a->column, "key '%.*s' is given twice (first at line %u, column %u)",
                               (int)a->key_len, a->key, b->line, b->column);
        }
    }
    return LTV_OK;
}

/* The statement's name: the second token, a bare word. */
static int statement_name(const parser *p, const char *what, const token **out) {
    const token *kw = &p->tokens[0];
    if (p->n_tokens < 2 || p->tokens[1].has_value)
        return fail_at(kw->line, kw->column + (uint32_t)kw->key_len + 1, "%s needs a name after '%.*s'", what,
                       (int)kw->key_len, kw->key);
    *out = &p->tokens[1];
    return LTV_OK;
}

/* ---- statements ---- */

static int do_header(parser *p) {
    const token *kw = &p->tokens[0];
    if (p->have_header) return fail_at(kw->line, kw->column, "the format line 'ltvcrm-plan 1' appears twice");
    if (p->n_tokens != 2 || p->tokens[1].has_value || !same(p->tokens[1].key, p->tokens[1].key_len, "1")) {
        uint32_t column = p->n_tokens >= 2 ? p->tokens[1].column : kw->column;
        return fail_at(kw->line, column, "unsupported format version (this library reads 'ltvcrm-plan 1')");
    }
    p->have_header = true;
    return LTV_OK;
}

static int do_setting(parser *p) {
    const token *kw = &p->tokens[0];
    if (p->n_tokens < 2) return fail_at(kw->line, kw->column, "setting needs at least one key=value");
    int status = check_unique_keys(p, 1);
    if (status != LTV_OK) return status;
    for (size_t i = 1; i < p->n_tokens; i++) {
        const token *tok = &p->tokens[i];
        int param = -1;
        for (int k = 0; k < LTV__PLAN_PARAM_COUNT; k++)
            if (same(tok->key, tok->key_len, ltv__plan_setting_keys[k])) param = k;
        if (param < 0)
            return fail_at(tok->line, tok->column,
                           "unknown setting '%.*s' (expected dormant_days, fan_min_orders, fan_min_tenure_days, "
                           "excellent_min_orders, semi_min_orders, timing_min_customers, timing_window_days, "
                           "cancel_is_dormant or activity)",
                           (int)tok->key_len, tok->key);
        int64_t value;
        const ltv__setting *bounds = ltv__settings_find(&ltv__plan_settings, param);
        if ((status = parse_bounded(tok, bounds->min, bounds->max, &value)) != LTV_OK) return status;
        if (ltv_planner_set_i64(p->planner, param, value) != LTV_OK) return fail_wrapped(tok->line, tok->value_column);
    }
    return LTV_OK;
}

static int do_channel(parser *p) {
    const token *name = NULL;
    int status = statement_name(p, "channel", &name);
    if (status != LTV_OK) return status;
    int channel;
    if (!ltv__plan_keyword_value(LTV_PLAN_VOCAB_CHANNEL, name->key, name->key_len, &channel))
        return fail_at(name->line, name->column, "unknown channel '%.*s' (expected one of: %s)", (int)name->key_len,
                       name->key, ltv__plan_keyword_list(LTV_PLAN_VOCAB_CHANNEL));
    if (p->channel_line[channel])
        return fail_at(name->line, name->column, "channel %.*s is already described at line %u", (int)name->key_len,
                       name->key, p->channel_line[channel]);
    if ((status = check_unique_keys(p, 2)) != LTV_OK) return status;
    int64_t enabled = 1;
    for (size_t i = 2; i < p->n_tokens; i++) {
        const token *tok = &p->tokens[i];
        int64_t value;
        if (same(tok->key, tok->key_len, "enabled")) {
            if ((status = parse_yes_no(tok, &enabled)) != LTV_OK) return status;
        } else if (same(tok->key, tok->key_len, "weekly_cap")) {
            if ((status = parse_bounded(tok, 0, LTV__WEEKLY_CAP_MAX, &value)) != LTV_OK) return status;
            ltv_planner_channel_set_i64(p->planner, channel, LTV_CHANNEL_WEEKLY_CAP, value);
        } else if (same(tok->key, tok->key_len, "role")) {
            if (ltv_planner_channel_set_role(p->planner, channel, tok->value, tok->value_len) != LTV_OK)
                return fail_wrapped(tok->line, tok->value_column);
        } else {
            return fail_at(tok->line, tok->column, "unknown key '%.*s' for channel (expected enabled, weekly_cap or role)",
                           (int)tok->key_len, tok->key);
        }
    }
    ltv_planner_channel_set_i64(p->planner, channel, LTV_CHANNEL_ENABLED, enabled);
    p->channel_line[channel] = name->line;
    return LTV_OK;
}

static int do_scenario(parser *p) {
    const token *name = NULL;
    int status = statement_name(p, "scenario", &name);
    if (status != LTV_OK) return status;
    if (ltv__plan_check_name("scenario", "name", name->key, name->key_len) != LTV_OK)
        return fail_wrapped(name->line, name->column);
    if ((status = check_unique_keys(p, 2)) != LTV_OK) return status;
    size_t existing;
    if (ltv_planner_find_scenario(p->planner, name->key, name->key_len, &existing) == LTV_OK)
        return fail_at(name->line, name->column, "duplicate scenario name '%.*s' (first at line %u)", (int)name->key_len,
                       name->key, p->planner->scenarios[existing].line);
    int trigger = -1;
    for (size_t i = 2; i < p->n_tokens; i++) {
        const token *tok = &p->tokens[i];
        if (!same(tok->key, tok->key_len, "trigger"))
            return fail_at(tok->line, tok->column, "unknown key '%.*s' for scenario (expected trigger)", (int)tok->key_len,
                           tok->key);
        if ((status = parse_keyword(tok, LTV_PLAN_VOCAB_TRIGGER, &trigger)) != LTV_OK) return status;
    }
    if (trigger < 0)
        return fail_at(name->line, name->column, "scenario '%.*s' needs trigger=... (one of: %s)", (int)name->key_len,
                       name->key, ltv__plan_keyword_list(LTV_PLAN_VOCAB_TRIGGER));
    if (ltv_planner_add_scenario(p->planner, name->key, name->key_len, trigger, &p->scenario) != LTV_OK)
        return fail_wrapped(name->line, name->column);
    ltv__plan_set_scenario_line(p->planner, p->scenario, name->line);
    p->have_scenario = true;
    return LTV_OK;
}

/* Value of one step key into `values` (indexed by ltv_step_field); the note separately. */
static int step_field(const token *tok, int field, int64_t *value) {
    int vocab_kind = -1, status, word;
    switch (field) {
    case LTV_STEP_CHANNEL: vocab_kind = LTV_PLAN_VOCAB_CHANNEL; break;
    case LTV_STEP_STAGE: vocab_kind = LTV_PLAN_VOCAB_STAGE; break;
    case LTV_STEP_ACTION: vocab_kind = LTV_PLAN_VOCAB_ACTION; break;
    case LTV_STEP_OFFER: vocab_kind = LTV_PLAN_VOCAB_OFFER; break;
    case LTV_STEP_STATES: return parse_mask(tok, LTV_PLAN_VOCAB_STATE, value);
    case LTV_STEP_RANKS: return parse_mask(tok, LTV_PLAN_VOCAB_RANK, value);
    case LTV_STEP_STOP: return parse_mask(tok, LTV_PLAN_VOCAB_STOP, value);
    case LTV_STEP_BEFORE_SECOND_PURCHASE: return parse_yes_no(tok, value);
    case LTV_STEP_ALIVE_FALLING: return parse_yes_no(tok, value);
    default: break;
    }
    if (vocab_kind >= 0) {
        if ((status = parse_keyword(tok, vocab_kind, &word)) != LTV_OK) return status;
        *value = word;
        return LTV_OK;
    }
    const ltv__setting *bounds = ltv__settings_find(&ltv__plan_step_fields, field);
    return parse_bounded(tok, bounds->min, bounds->max, value);
}

static int do_step(parser *p) {
    const token *kw = &p->tokens[0];
    if (!p->have_scenario)
        return fail_at(kw->line, kw->column, "step before any scenario: start one with 'scenario NAME trigger=...'");
    const token *name = NULL;
    int status = statement_name(p, "step", &name);
    if (status != LTV_OK) return status;
    if (ltv__plan_check_name("step", "name", name->key, name->key_len) != LTV_OK)
        return fail_wrapped(name->line, name->column);
    if ((status = check_unique_keys(p, 2)) != LTV_OK) return status;
    ltv__plan_scenario *sc = &p->planner->scenarios[p->scenario];
    size_t existing;
    if (ltv_planner_find_step(p->planner, p->scenario, name->key, name->key_len, &existing) == LTV_OK)
        return fail_at(name->line, name->column, "duplicate step name '%.*s' in scenario '%s' (first at line %u)",
                       (int)name->key_len, name->key, sc->name, sc->steps[existing].line);
    int64_t values[LTV__STEP_FIELD_COUNT];
    bool given[LTV__STEP_FIELD_COUNT] = {false};
    const token *note = NULL;
    for (size_t i = 2; i < p->n_tokens; i++) {
        const token *tok = &p->tokens[i];
        if (same(tok->key, tok->key_len, "note")) {
            note = tok;
            continue;
        }
        int field;
        if (!ltv__plan_keyword_value(LTV_PLAN_VOCAB_FIELD, tok->key, tok->key_len, &field))
            return fail_at(tok->line, tok->column, "unknown key '%.*s' for step (expected one of: %s, note)",
                           (int)tok->key_len, tok->key, ltv__plan_keyword_list(LTV_PLAN_VOCAB_FIELD));
        if ((status = step_field(tok, field, &values[field])) != LTV_OK) return status;
        given[field] = true;
    }
    static const int required[] = {LTV_STEP_DAY, LTV_STEP_CHANNEL, LTV_STEP_STAGE, LTV_STEP_ACTION, LTV_STEP_OFFER};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!given[required[k]])
            return fail_at(name->line, name->column, "step '%.*s' needs %s=...", (int)name->key_len, name->key,
                           ltv_planner_keyword(LTV_PLAN_VOCAB_FIELD, required[k]));
    size_t step;
    if (ltv_planner_add_step(p->planner, p->scenario, name->key, name->key_len, (int32_t)values[LTV_STEP_DAY],
                             (int)values[LTV_STEP_CHANNEL], (int)values[LTV_STEP_STAGE], (int)values[LTV_STEP_ACTION],
                             (int)values[LTV_STEP_OFFER], &step) != LTV_OK)
        return fail_wrapped(name->line, name->column);
    for (int field = LTV_STEP_STATES; field < LTV__STEP_FIELD_COUNT; field++)
        if (given[field]) ltv__plan_step_store(&p->planner->scenarios[p->scenario].steps[step], field, values[field]);
    if (note && ltv_planner_step_set_note(p->planner, p->scenario, step, note->value, note->value_len) != LTV_OK)
        return fail_wrapped(note->line, note->value_column);
    ltv__plan_set_step_line(p->planner, p->scenario, step, name->line);
    return LTV_OK;
}

static int run_statement(parser *p) {
    if (p->n_tokens == 0) return LTV_OK;
    /* Quoted values were decoded into the arena; point the tokens at them now that it no
     * longer moves. */
    for (size_t i = 0; i < p->n_tokens; i++)
        if (p->tokens[i].arena_offset != SIZE_MAX) p->tokens[i].value = p->arena.data + p->tokens[i].arena_offset;
    const token *kw = &p->tokens[0];
    int status;
    if (kw->has_value)
        return fail_at(kw->line, kw->column, "expected a statement (ltvcrm-plan, setting, channel, scenario or step)");
    bool header = same(kw->key, kw->key_len, "ltvcrm-plan");
    if (!header && !p->have_header)
        return fail_at(kw->line, kw->column, "the file must start with the format line 'ltvcrm-plan 1'");
    if (header)
        status = do_header(p);
    else if (same(kw->key, kw->key_len, "setting"))
        status = do_setting(p);
    else if (same(kw->key, kw->key_len, "channel"))
        status = do_channel(p);
    else if (same(kw->key, kw->key_len, "scenario"))
        status = do_scenario(p);
    else if (same(kw->key, kw->key_len, "step"))
        status = do_step(p);
    else
        status = fail_at(kw->line, kw->column,
                         "unknown statement '%.*s' (expected ltvcrm-plan, setting, channel, scenario or step)",
                         (int)kw->key_len, kw->key);
    p->n_tokens = 0;
    p->arena.len = 0;
    return status;
}

static int parse_all(parser *p) {
    size_t pos = 0;
    if (p->len >= 3 && memcmp(p->data, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    uint32_t line = 1;
    int status = LTV_OK;
    while (pos < p->len && status == LTV_OK) {
        size_t line_start = pos;
        const char *newline = memchr(p->data + pos, '\n', p->len - pos);
        size_t end = newline ? (size_t)(newline - p->data) : p->len;
        size_t next = newline ? end + 1 : end;
        if (end > line_start && p->data[end - 1] == '\r') end--;
        size_t first = line_start;
        while (first < end && is_space(p->data[first])) first++;
        bool blank = first == end || p->data[first] == '#';
        if (!blank) {
            if (first == line_start) {
                /* A new statement: finish the previous one. */
                status = run_statement(p);
            } else if (p->n_tokens == 0) {
                status = fail_at(line, 1, "an indented line continues a statement, but there is none above it");
            }
            if (status == LTV_OK) status = tokenize_line(p, line_start, end, line);
        }
        pos = next;
        line++;
    }
    if (status == LTV_OK) status = run_statement(p);
    if (status == LTV_OK && !p->have_header)
        status = fail_at(1, 1, "the file is empty: it must start with the format line 'ltvcrm-plan 1'");
    return status;
}

int ltv_planner_from_text(ltv_planner **out, const char *text, size_t len) {
    static const char func[] = "ltv_planner_from_text";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(text, func);
    size_t bad;
    if (!ltv__utf8_valid(text, len, &bad)) {
        uint32_t line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n') {
                line++;
                line_start = i + 1;
            }
        return ltv__fail(LTV_EENCODING, "%s: line %u, column %u: the text is not valid UTF-8 (byte 0x%02X)", func, line,
                         column_of(text, line_start, bad), (unsigned char)text[bad]);
    }
    parser p = {0};
    p.data = text;
    p.len = len;
    int status = ltv_planner_new(&p.planner);
    if (status != LTV_OK) return status;
    status = parse_all(&p);
    ltv__tb_discard(&p.arena);
    if (status != LTV_OK) {
        ltv_planner_free(p.planner);
        return status;
    }
    *out = p.planner;
    return LTV_OK;
}

int ltv_planner_load(ltv_planner **out, const char *path) {
    static const char func[] = "ltv_planner_load";
    LTV_REQUIRE(out, func);
    *out = NULL;
    LTV_REQUIRE(path, func);
    ltv__textbuf buf;
    int read = ltv__tb_read_file(&buf, func, path, LTV__PLANNER_TEXT_MAX, "it is not a planner text");
    if (read != LTV_OK) return read;
    int status = ltv_planner_from_text(out, buf.data ? buf.data : "", buf.len);
    ltv__tb_discard(&buf);
    if (status != LTV_OK) {
        char message[900];
        snprintf(message, sizeof message, "%s", ltv_last_error());
        return ltv__fail(status, "%s: %s", path, message);
    }
    return LTV_OK;
}
