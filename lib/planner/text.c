/* Writing a planner in the line format of docs/planner.md, which shops keep in version
 * control: one statement per line, fields as key=value, defaults left out, notes on their
 * own continuation line so that diffs stay readable. */
#include <stdio.h>
#include <string.h>

#include "planner_internal.h"
#include "textbuf.h"

/* Keys of the `setting` statement, in ltv_plan_param order. */
const char *const ltv__plan_setting_keys[LTV__PLAN_PARAM_COUNT] = {
    "dormant_days",        "fan_min_orders",       "fan_min_tenure_days", "excellent_min_orders",
    "semi_min_orders",     "timing_min_customers", "timing_window_days",  "cancel_is_dormant",
    "activity",            "falling_days",         "falling_drop_permille",
};

static void put_quoted(ltv__textbuf *buf, const char *text, size_t len) {
    ltv__tb_puts(buf, "\"");
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *escape = NULL;
        switch (text[i]) {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\t': escape = "\\t"; break;
        default: break;
        }
        if (!escape) continue;
        ltv__tb_append(buf, text + start, i - start);
        ltv__tb_puts(buf, escape);
        start = i + 1;
    }
    ltv__tb_append(buf, text + start, len - start);
    ltv__tb_puts(buf, "\"");
}

static void put_mask(ltv__textbuf *buf, const char *key, int vocab_kind, int32_t mask, bool none_is_minus_one) {
    ltv__tb_printf(buf, " %s=", key);
    bool first = true;
    for (int bit = 0; bit <= 4; bit++) {
        if (!(mask & (1 << bit))) continue;
        int value = none_is_minus_one ? (bit == 4 ? -1 : bit) : 1 << bit;
        ltv__tb_printf(buf, "%s%s", first ? "" : ",", ltv_planner_keyword(vocab_kind, value));
        first = false;
    }
}

static void write_step(ltv__textbuf *buf, const ltv__plan_step *st) {
    ltv__tb_printf(buf, "step %s day=%d channel=%s stage=%s action=%s offer=%s\n", st->name, st->day,
                   ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, st->channel),
                   ltv_planner_keyword(LTV_PLAN_VOCAB_STAGE, st->stage),
                   ltv_planner_keyword(LTV_PLAN_VOCAB_ACTION, st->action),
                   ltv_planner_keyword(LTV_PLAN_VOCAB_OFFER, st->offer));
    bool conditions = st->states || st->ranks || st->min_orders || st->max_orders >= 0 || st->before_second ||
                      st->min_order_value || st->stop || st->alive_falling;
    if (conditions) {
        ltv__tb_puts(buf, " ");
        if (st->states) put_mask(buf, "states", LTV_PLAN_VOCAB_STATE, st->states, true);
        if (st->ranks) put_mask(buf, "ranks", LTV_PLAN_VOCAB_RANK, st->ranks, true);
        if (st->min_orders) ltv__tb_printf(buf, " min_orders=%d", st->min_orders);
        if (st->max_orders >= 0) ltv__tb_printf(buf, " max_orders=%d", st->max_orders);
        if (st->before_second) ltv__tb_puts(buf, " before_second_purchase=yes");
        if (st->min_order_value) ltv__tb_printf(buf, " min_order_value=%lld", (long long)st->min_order_value);
        if (st->stop) put_mask(buf, "stop", LTV_PLAN_VOCAB_STOP, st->stop, false);
        if (st->alive_falling) ltv__tb_puts(buf, " alive_falling=yes");
        ltv__tb_puts(buf, "\n");
    }
    if (st->note_len) {
        ltv__tb_puts(buf, "  note=");
        put_quoted(buf, st->note, st->note_len);
        ltv__tb_puts(buf, "\n");
    }
}

int ltv_planner_to_text(const ltv_planner *planner, char **out_text, size_t *out_len) {
    static const char func[] = "ltv_planner_to_text";
    LTV_REQUIRE(out_text, func);
    *out_text = NULL;
    LTV_REQUIRE(planner, func);
    ltv__textbuf buf = {0};
    ltv__tb_puts(&buf, "# libltvcrm scenario planner; the format is described in docs/planner.md\n"
                       "ltvcrm-plan 1\n");
    bool any_setting = false;
    for (int p = 0; p < LTV__PLAN_PARAM_COUNT; p++) {
        if (planner->params[p] == ltv__settings_find(&ltv__plan_settings, p)->def) continue;
        ltv__tb_printf(&buf, "%s%s=%lld", any_setting ? " " : "\nsetting ", ltv__plan_setting_keys[p],
                       (long long)planner->params[p]);
        any_setting = true;
    }
    if (any_setting) ltv__tb_puts(&buf, "\n");
    bool first_channel = true;
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        const ltv__plan_channel *ch = &planner->channels[c];
        if (!ch->enabled && !ch->weekly_cap && !ch->role_len) continue;
        ltv__tb_printf(&buf, "%schannel %s", first_channel ? "\n" : "", ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, c));
        first_channel = false;
        if (!ch->enabled) ltv__tb_puts(&buf, " enabled=no");
        if (ch->weekly_cap) ltv__tb_printf(&buf, " weekly_cap=%d", ch->weekly_cap);
        if (ch->role_len) {
            ltv__tb_puts(&buf, " role=");
            put_quoted(&buf, ch->role, ch->role_len);
        }
        ltv__tb_puts(&buf, "\n");
    }
    for (size_t s = 0; s < planner->n_scenarios; s++) {
        const ltv__plan_scenario *sc = &planner->scenarios[s];
        ltv__tb_printf(&buf, "\nscenario %s trigger=%s\n", sc->name,
                       ltv_planner_keyword(LTV_PLAN_VOCAB_TRIGGER, sc->trigger));
        for (size_t i = 0; i < sc->n_steps; i++) write_step(&buf, &sc->steps[i]);
    }
    if (buf.failed) {
        ltv__tb_discard(&buf);
        return ltv__fail(LTV_ENOMEM, "%s: out of memory", func);
    }
    *out_text = buf.data;
    if (out_len) *out_len = buf.len;
    return LTV_OK;
}

int ltv_planner_save(const ltv_planner *planner, const char *path) {
    static const char func[] = "ltv_planner_save";
    LTV_REQUIRE(planner, func);
    LTV_REQUIRE(path, func);
    char *text;
    size_t len;
    int status = ltv_planner_to_text(planner, &text, &len);
    if (status != LTV_OK) return status;
    status = ltv__file_replace_bytes(func, path, text, len);
    ltv__free(text);
    return status;
}
