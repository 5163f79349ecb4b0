/* ltvcrm plan: the 90-day CRM scenario planner over an order log — today's due actions and
 * the load per channel for the next 90 days, or one customer's dated schedule. */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_plan.h"

typedef struct plan_args {
    cli_load_args load;   /* first: cli_operand_file */
    cli_segment_args seg; /* checks the segmentation options as they are read */
    cli_alive_args alive; /* --predict: the model of alive_falling steps */
    const char *scenario_path, *events_path, *customer, *save_path;
    bool timing;
    int32_t shown_as_of; /* the as-of day as printed: LTV_NO_DAY without events and --as-of */
    uint64_t limit;
    int format;
    int lang;
} plan_args;

static int set_limit(void *target, const cli_opt *opt, const char *typed, const char *value, const char *command) {
    (void)opt, (void)typed;
    char *end = NULL;
    unsigned long long limit = strtoull(value, &end, 10);
    if (!*value || *end || value[0] == '-') return cli_usage_error(command, "--limit wants a number of actions", value);
    ((plan_args *)target)->limit = limit;
    return CLI_EXIT_OK;
}

static const cli_choice formats[] = {
    {"table", CLI_FORMAT_TABLE, 0}, {"text", CLI_FORMAT_TABLE, 1}, {"csv", CLI_FORMAT_CSV, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--scenario", .meta = "FILE", .set = cli_set_text, .field = offsetof(plan_args, scenario_path),
     .help = "a planner in the text format (ltvcrm-plan 1); it is validated first", .def = "the built-in planner"},
    {.name = "--events", .meta = "FILE", .set = cli_set_text, .field = offsetof(plan_args, events_path),
     .help = "platform events for the cart and browse scenarios: CSV with the columns customer_id,event,date; "
             "event is cart_created or product_viewed"},
    {.name = "--customer", .meta = "ID", .set = cli_set_text, .field = offsetof(plan_args, customer),
     .help = "print this customer's dated schedule instead"},
    {.name = "--timing", .set = cli_set_flag, .field = offsetof(plan_args, timing),
     .help = "place each second-purchase step where the shop's best customers re-buy, and say which day was "
             "chosen and why"},
    {.name = "--save-scenario", .meta = "FILE", .set = cli_set_text, .field = offsetof(plan_args, save_path),
     .help = "write the planner used (after --timing) to FILE, to edit and keep"},
    {.name = "--limit", .meta = "N", .set = set_limit, .help = "print at most N due actions", .def = "all"},
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(plan_args, format),
     .help = "a table, or CSV of the due actions only", .def = "table"},
    {.name = "--lang", .choices = cli_lang_choices_ja, .set = cli_set_choice, .field = offsetof(plan_args, lang),
     .help = "language of labels", .def = "ja if LANG starts with ja, else en"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_plan_spec = {
    .name = "plan",
    .operands = "FILE",
    .summary = "the 90-day scenario planner: today's due actions, channel load, a customer's schedule",
    .about = "Runs the 90-day scenario planner over an order log (CSV): prints the actions due on the as-of day "
             "(customer, scenario/step, channel, stage, action) and the load per channel for each of the next 90 "
             "days. Without --scenario the built-in planner is used (docs/planner.md).",
    .uses = {{&own, 0, NULL, NULL},
             {&cli_load_group, offsetof(plan_args, load), NULL, NULL},
             {&cli_alive_group, offsetof(plan_args, alive), NULL,
              "--predict fits the model that steps with alive_falling=yes use (docs/planner.md): they reach a "
              "customer only while P(alive) is falling, judged over --falling-days (default the planner's "
              "falling_days setting, 30) with --falling-drop (falling_drop_permille, 0.1). --alive-rule and "
              "--alive-threshold change nothing here."},
             {&cli_segment_group, offsetof(plan_args, seg), NULL,
              "The planner classifies customers by the state and rank thresholds (--dormant-days, "
              "--cancel-dormant, --fan-orders, --fan-tenure, --excellent-orders, --semi-orders) as 'ltvcrm "
              "segment' does with the same options; they override the built-in values or a --scenario's setting "
              "lines. The other options are accepted and change nothing."}},
    .operand = cli_operand_file,
};

/* Terminal columns of UTF-8 text: CJK and fullwidth characters take two. */
static size_t display_width(const char *text) {
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        uint32_t cp = *p;
        size_t n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (n > 1) {
            cp &= n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u;
            for (size_t k = 1; k < n && p[k]; k++) cp = (cp << 6) | (p[k] & 0x3Fu);
        }
        width += (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                     ? 2
                     : 1;
        for (size_t k = 0; k < n && *p; k++) p++;
    }
    return width;
}

static void print_padded(const char *text, size_t width) {
    fputs(text, stdout);
    for (size_t w = display_width(text); w < width; w++) fputc(' ', stdout);
}

static const char *channel_label(int channel, int lang) {
    const char *label = ltv_planner_label(LTV_PLAN_VOCAB_CHANNEL, channel, lang);
    return label ? label : "?";
}

static const char *stage_label(int stage, int lang) {
    const char *label = ltv_stage_label(stage, lang);
    return label && *label ? label : ltv_planner_keyword(LTV_PLAN_VOCAB_STAGE, stage);
}

/* ---- inputs ---- */

static int load_planner(const plan_args *args, ltv_planner **out) {
    int status = args->scenario_path ? ltv_planner_load(out, args->scenario_path) : ltv_planner_new_default(out, args->lang);
    if (status != LTV_OK) return cli_report_failure(args->scenario_path ? args->scenario_path : "planner", status);
    ltv_plan_report *report = NULL;
    status = ltv_planner_validate(*out, &report);
    if (status == LTV_EVALIDATION) {
        fprintf(stderr, "ltvcrm plan: %s: %zu problem%s:\n", args->scenario_path ? args->scenario_path : "planner",
                ltv_plan_report_count(report), ltv_plan_report_count(report) == 1 ? "" : "s");
        for (size_t i = 0; i < ltv_plan_report_count(report); i++) {
            const char *message;
            ltv_plan_report_problem(report, i, NULL, NULL, NULL, NULL, &message);
            fprintf(stderr, "  %s\n", message);
        }
        ltv_plan_report_free(report);
        return CLI_EXIT_INPUT;
    }
    ltv_plan_report_free(report);
    if (status != LTV_OK) return cli_report_failure("validate", status);
    return CLI_EXIT_OK;
}

/* Every second-purchase step of a purchase scenario moves to where the best customers re-buy. */
static int place_from_data(const plan_args *args, ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of) {
    uint64_t gaps[LTV_PLAN_DAY_MAX + 1], best = 0;
    int status = ltv_planner_best_gaps(planner, ledger, as_of, gaps, LTV_PLAN_DAY_MAX + 1, &best);
    if (status != LTV_OK) return cli_report_failure("timing", status);
    bool any = false;
    for (size_t s = 0; s < ltv_planner_scenario_count(planner); s++) {
        const char *name;
        int trigger;
        size_t steps;
        ltv_planner_scenario_info(planner, s, &name, NULL, &trigger, &steps);
        if (trigger != LTV_TRIGGER_PURCHASE && trigger != LTV_TRIGGER_FIRST_PURCHASE) continue;
        for (size_t i = 0; i < steps; i++) {
            int64_t action;
            ltv_planner_step_get_i64(planner, s, i, LTV_STEP_ACTION, &action);
            if (action != LTV_ACTION_SECOND_PURCHASE) continue;
            char *why = NULL;
            status = ltv_planner_place_step(planner, s, i, gaps, LTV_PLAN_DAY_MAX + 1, args->lang, NULL, NULL, &why);
            if (status != LTV_OK) return cli_report_failure("timing", status);
            printf("%s %s: %s\n", args->lang == LTV_LANG_JA ? "タイミング" : "timing", name, why);
            ltv_free(why);
            any = true;
        }
    }
    if (!any) printf("timing: no second-purchase step in a purchase scenario to place\n");
    status = ltv_planner_validate(planner, NULL);
    if (status != LTV_OK) return cli_report_failure("timing", status);
    printf("\n");
    return CLI_EXIT_OK;
}

/* ---- outputs ---- */

/* One due action, as both the table and the CSV show it. */
typedef struct due_row {
    const char *id, *scenario, *step;
    int channel, stage, action;
} due_row;

static void read_due(const ltv_planner *planner, const ltv_plan_run *run, uint64_t i, due_row *out) {
    size_t s, st;
    int64_t stage, action;
    ltv_plan_run_due(run, i, NULL, &s, &st, &out->channel);
    ltv_plan_run_due_id(run, i, &out->id, NULL);
    ltv_planner_scenario_info(planner, s, &out->scenario, NULL, NULL, NULL);
    ltv_planner_step_text(planner, s, st, &out->step, NULL, NULL, NULL);
    ltv_planner_step_get_i64(planner, s, st, LTV_STEP_STAGE, &stage);
    ltv_planner_step_get_i64(planner, s, st, LTV_STEP_ACTION, &action);
    out->stage = (int)stage;
    out->action = (int)action;
}

static void print_due_table(const plan_args *args, const ltv_planner *planner, const ltv_plan_run *run) {
    uint64_t n = ltv_plan_run_due_count(run);
    bool ja = args->lang == LTV_LANG_JA;
    printf(ja ? "本日実施するアクション: %" PRIu64 "件\n" : "due today: %" PRIu64 " actions\n", n);
    if (n && args->limit) {
        printf("  ");
        print_padded(ja ? "顧客" : "customer", 12);
        print_padded(ja ? "シナリオ/ステップ" : "scenario/step", 42);
        print_padded(ja ? "チャネル" : "channel", 16);
        print_padded(ja ? "ステージ" : "stage", 20);
        printf("%s\n", ja ? "歓迎行動" : "next action");
    }
    for (uint64_t i = 0; i < n && i < args->limit; i++) {
        due_row d;
        read_due(planner, run, i, &d);
        char path[160];
        snprintf(path, sizeof path, "%s/%s", d.scenario, d.step);
        printf("  ");
        print_padded(d.id, 12);
        print_padded(path, 42);
        print_padded(channel_label(d.channel, args->lang), 16);
        print_padded(stage_label(d.stage, args->lang), 20);
        printf("%s\n", ltv_planner_label(LTV_PLAN_VOCAB_ACTION, d.action, args->lang));
    }
    if (n > args->limit) printf(ja ? "  …ほか%" PRIu64 "件\n" : "  ... %" PRIu64 " more\n", n - args->limit);
}

static void print_due_csv(const ltv_planner *planner, const ltv_plan_run *run) {
    printf("customer_id,scenario,step,channel,stage,action\n");
    for (uint64_t i = 0; i < ltv_plan_run_due_count(run); i++) {
        due_row d;
        read_due(planner, run, i, &d);
        bool quote = strpbrk(d.id, ",\"\r\n") != NULL;
        if (quote) {
            putchar('"');
            for (const char *p = d.id; *p; p++) {
                if (*p == '"') putchar('"');
                putchar(*p);
            }
            putchar('"');
        } else {
            fputs(d.id, stdout);
        }
        printf(",%s,%s,%s,%s,%s\n", d.scenario, d.step, ltv_channel_keyword(d.channel),
               ltv_planner_keyword(LTV_PLAN_VOCAB_STAGE, d.stage),
               ltv_planner_keyword(LTV_PLAN_VOCAB_ACTION, d.action));
    }
}

static void print_load(const plan_args *args, const ltv_planner *planner, const ltv_plan_run *run, int32_t as_of) {
    bool ja = args->lang == LTV_LANG_JA;
    int shown[LTV_CHANNEL_COUNT], n_shown = 0;
    static uint64_t load[LTV_CHANNEL_COUNT][LTV_PLAN_HORIZON];
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++) {
        int64_t enabled;
        ltv_planner_channel_get_i64(planner, c, LTV_CHANNEL_ENABLED, &enabled);
        ltv_plan_run_load(run, c, load[c], LTV_PLAN_HORIZON);
        if (enabled) shown[n_shown++] = c;
    }
    printf(ja ? "\nチャネル別の本日の件数:" : "\ndue per channel:");
    for (int k = 0; k < n_shown; k++)
        printf("  %s %" PRIu64, channel_label(shown[k], args->lang), load[shown[k]][0]);
    printf(ja ? "\n\n今後90日間のチャネル別負荷(1日あたりのアクション数)\n" : "\n\nload for the next 90 days (actions per day and channel)\n");
    printf("  ");
    print_padded(ja ? "日付" : "date", 12);
    for (int k = 0; k < n_shown; k++) {
        const char *label = channel_label(shown[k], args->lang);
        size_t width = display_width(label);
        for (size_t w = width; w < 14; w++) fputc(' ', stdout);
        printf(" %s", label);
    }
    printf("\n");
    for (int d = 0; d < LTV_PLAN_HORIZON; d++) {
        char date[CLI_DAY_TEXT];
        if (args->shown_as_of == LTV_NO_DAY) snprintf(date, sizeof date, "+%d", d); /* no day to count from */
        else cli_day_text(as_of + d, date, sizeof date);
        printf("  %-12s", date);
        for (int k = 0; k < n_shown; k++) {
            size_t width = display_width(channel_label(shown[k], args->lang));
            printf(" %*" PRIu64, (int)(width > 14 ? width : 14), load[shown[k]][d]);
        }
        printf("\n");
    }
}

static int print_schedule(const plan_args *args, const ltv_planner *planner, const ltv_ledger *ledger,
                          const ltv_plan_events *events, int32_t as_of) {
    ltv_schedule *sched = NULL;
    int status = ltv_planner_schedule(&sched, planner, ledger, events, args->customer, strlen(args->customer), as_of);
    if (status == LTV_ENOTFOUND) {
        fprintf(stderr, "ltvcrm plan: %s\n", ltv_last_error());
        return CLI_EXIT_INPUT;
    }
    if (status != LTV_OK) return cli_report_failure(args->customer, status);
    bool ja = args->lang == LTV_LANG_JA;
    int state, rank;
    int32_t orders;
    ltv_schedule_segment(sched, &state, &rank, &orders);
    char date[CLI_DAY_TEXT];
    cli_day_text(args->shown_as_of, date, sizeof date);
    printf(ja ? "%s のスケジュール(%s 時点): 状態 %s、ランク %s、注文 %d回\n\n"
              : "schedule of %s as of %s: state %s, rank %s, %d orders\n\n",
           args->customer, date, ltv_state_keyword(state),
           ltv_rank_keyword(rank), orders);
    for (size_t s = 0; s < ltv_planner_scenario_count(planner); s++) {
        const char *name;
        int trigger;
        ltv_planner_scenario_info(planner, s, &name, NULL, &trigger, NULL);
        int32_t anchor;
        printf("  %-22s %-16s ", name, ltv_planner_keyword(LTV_PLAN_VOCAB_TRIGGER, trigger));
        if (ltv_schedule_anchor(sched, s, &anchor) == LTV_OK) {
            cli_day_text(anchor, date, sizeof date);
            printf(ja ? "起点 %s\n" : "anchor %s\n", date);
        } else {
            printf(ja ? "起点なし\n" : "no anchor\n");
        }
    }
    printf("\n");
    for (size_t i = 0; i < ltv_schedule_count(sched); i++) {
        size_t s, st;
        int32_t day, reason_day;
        int entry_status, reason;
        ltv_schedule_entry(sched, i, &s, &st, &day, &entry_status, &reason, &reason_day);
        const char *scenario, *step;
        int64_t channel;
        ltv_planner_scenario_info(planner, s, &scenario, NULL, NULL, NULL);
        ltv_planner_step_text(planner, s, st, &step, NULL, NULL, NULL);
        ltv_planner_step_get_i64(planner, s, st, LTV_STEP_CHANNEL, &channel);
        char path[160];
        snprintf(path, sizeof path, "%s/%s", scenario, step);
        cli_day_text(day, date, sizeof date);
        printf("  %s  ", date);
        print_padded(ltv_planner_label(LTV_PLAN_VOCAB_STATUS, entry_status, args->lang), 10);
        print_padded(path, 42);
        bool reason_shown = entry_status == LTV_ENTRY_SKIPPED || entry_status == LTV_ENTRY_STOPPED;
        if (reason_shown)
            print_padded(channel_label((int)channel, args->lang), 16);
        else
            fputs(channel_label((int)channel, args->lang), stdout);
        if (entry_status == LTV_ENTRY_SKIPPED) {
            printf(ja ? "条件: %s" : "condition: %s", ltv_planner_label(LTV_PLAN_VOCAB_FIELD, reason, args->lang));
        } else if (entry_status == LTV_ENTRY_STOPPED) {
            char when[CLI_DAY_TEXT];
            cli_day_text(reason_day, when, sizeof when);
            printf(ja ? "停止条件: %s %s" : "stop rule: %s on %s", ltv_planner_label(LTV_PLAN_VOCAB_STOP, reason, args->lang),
                   when);
        }
        printf("\n");
    }
    if (ltv_schedule_count(sched) == 0) printf(ja ? "  予定されたステップはありません\n" : "  no scenario has steps for this customer\n");
    ltv_schedule_free(sched);
    return CLI_EXIT_OK;
}

/* The segmentation options given, over the planner's own thresholds (built in, or from a
 * --scenario's setting lines), so that only what the user typed changes. */
static int use_segment_options(ltv_planner *planner, int argc, char **argv) {
    ltv_segment_config *cfg = NULL;
    int status = ltv_segment_config_new(&cfg);
    if (status == LTV_OK) status = ltv_planner_to_segment_config(planner, cfg);
    int code = status == LTV_OK ? CLI_EXIT_OK : cli_report_failure("plan", status);
    cli_segment_args over = {.cfg = cfg};
    if (code == CLI_EXIT_OK) code = cli_reapply(&cmd_plan_spec, &cli_segment_group, &over, argc, argv);
    if (code == CLI_EXIT_OK) { /* refuses a semi-excellent limit not below the excellent one */
        status = ltv_planner_use_segment_config(planner, cfg);
        if (status != LTV_OK) code = cli_usage_error("plan", ltv_last_error(), NULL);
    }
    ltv_segment_config_free(cfg);
    return code;
}

/* --predict: the fitted model for alive_falling steps, and --falling-days / --falling-drop
 * over the planner's own settings. */
static int use_model(plan_args *args, ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of) {
    bool falling_steps = false;
    for (size_t s = 0; s < ltv_planner_scenario_count(planner); s++) {
        size_t steps = 0;
        ltv_planner_scenario_info(planner, s, NULL, NULL, NULL, &steps);
        for (size_t i = 0; i < steps; i++) {
            int64_t v = 0;
            ltv_planner_step_get_i64(planner, s, i, LTV_STEP_ALIVE_FALLING, &v);
            falling_steps |= v != 0;
        }
    }
    if (falling_steps && args->alive.model < 0)
        return cli_usage_error("plan", "the scenario has steps with alive_falling=yes: give --predict MODEL", NULL);
    int code = cli_alive_attach(&args->alive, ledger, as_of, "plan");
    if (code != CLI_EXIT_OK || !args->alive.fit) return code;
    int status = ltv_planner_set_model(planner, args->alive.fit, LTV_UNIT_WEEK);
    int64_t value = 0;
    if (status == LTV_OK && args->alive.days_given) {
        ltv_segment_config_get_i64(args->alive.cfg, LTV_SEG_FALLING_DAYS, &value);
        status = ltv_planner_set_i64(planner, LTV_PLAN_FALLING_DAYS, value);
        if (status != LTV_OK) return cli_usage_error("plan", ltv_last_error(), NULL); /* 0: no comparison */
    }
    if (status == LTV_OK && args->alive.drop_given) {
        ltv_segment_config_get_i64(args->alive.cfg, LTV_SEG_FALLING_DROP_PERMILLE, &value);
        status = ltv_planner_set_i64(planner, LTV_PLAN_FALLING_DROP_PERMILLE, value);
    }
    return status == LTV_OK ? CLI_EXIT_OK : cli_report_failure("plan", status);
}

/* The run dates the 90 days from the as-of day on, so the last of them must have a date;
 * said here in dates rather than by the library in day numbers. */
static int check_horizon(plan_args *args, const ltv_ledger *ledger, int32_t as_of) {
    args->shown_as_of = cli_shown_as_of(&args->load, ledger, as_of);
    if (as_of <= LTV_DAY_MAX - LTV_PLAN_HORIZON) return CLI_EXIT_OK;
    char day[CLI_DAY_TEXT], last[CLI_DAY_TEXT];
    cli_day_text(as_of, day, sizeof day);
    cli_day_text(LTV_DAY_MAX - LTV_PLAN_HORIZON, last, sizeof last);
    char message[160];
    snprintf(message, sizeof message, "the plan as of %s would reach past 9999-12-31; the latest as-of day is %s", day,
             last);
    if (args->load.has_as_of) return cli_usage_error("plan", message, NULL);
    fprintf(stderr, "ltvcrm plan: %s: %s (give --as-of)\n", args->load.path, message);
    return CLI_EXIT_INPUT;
}

int cmd_plan(int argc, char **argv) {
    plan_args args = {.limit = UINT64_MAX, .format = CLI_FORMAT_TABLE, .lang = cli_default_lang(), .alive = {.model = -1}};
    int code = cli_load_args_init(&args.load);
    if (code != CLI_EXIT_OK) return code;
    if (ltv_segment_config_new(&args.seg.cfg) != LTV_OK) code = cli_report_failure("plan", ltv_last_status());
    args.alive.cfg = args.seg.cfg;
    if (code == CLI_EXIT_OK) code = cli_parse(&cmd_plan_spec, &args, argc, argv);
    if (code == CLI_EXIT_OK && !args.load.path) code = cli_usage_error("plan", "missing FILE", NULL);
    ltv_planner *planner = NULL;
    ltv_plan_events *events = NULL;
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    int32_t as_of = 0;
    if (code == CLI_EXIT_OK) code = load_planner(&args, &planner);
    if (code == CLI_EXIT_OK && args.seg.given) code = use_segment_options(planner, argc, argv);
    if (code == CLI_EXIT_OK && args.events_path) code = plan_load_events(args.events_path, &events);
    if (code == CLI_EXIT_OK) code = cli_load(&args.load, &ledger, &report, &as_of);
    if (code == CLI_EXIT_OK) code = check_horizon(&args, ledger, as_of);
    if (code == CLI_EXIT_OK) code = use_model(&args, planner, ledger, as_of);
    if (code == CLI_EXIT_OK && ltv_load_report_rows_rejected(report)) {
        fprintf(stderr, "ltvcrm plan: %" PRIu64 " bad rows of %s were skipped:\n", ltv_load_report_rows_rejected(report),
                args.load.path);
        cli_print_rejects(stderr, report, 20);
    }
    if (code == CLI_EXIT_OK && args.timing) code = place_from_data(&args, planner, ledger, as_of);
    if (code == CLI_EXIT_OK && args.save_path) {
        int status = ltv_planner_save(planner, args.save_path);
        if (status != LTV_OK) code = cli_report_failure(args.save_path, status);
    }
    if (code == CLI_EXIT_OK && args.customer) {
        code = print_schedule(&args, planner, ledger, events, as_of);
    } else if (code == CLI_EXIT_OK) {
        ltv_plan_run *run = NULL;
        int status = ltv_planner_run(&run, planner, ledger, events, as_of);
        if (status != LTV_OK) {
            code = cli_report_failure("plan", status);
        } else if (args.format == CLI_FORMAT_CSV) {
            print_due_csv(planner, run);
        } else {
            char date[CLI_DAY_TEXT];
            cli_day_text(args.shown_as_of, date, sizeof date);
            printf(args.lang == LTV_LANG_JA ? "%s 時点の計画(この日より前の注文を反映)、シナリオ: %s\n\n"
                                            : "plan as of %s (orders before this day count); scenarios: %s\n\n",
                   date, args.scenario_path ? args.scenario_path : (args.lang == LTV_LANG_JA ? "組み込み" : "built-in"));
            print_due_table(&args, planner, run);
            print_load(&args, planner, run, as_of);
        }
        ltv_plan_run_free(run);
    }
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    ltv_plan_events_free(events);
    ltv_planner_free(planner);
    ltv_segment_config_free(args.seg.cfg);
    cli_alive_free(&args.alive);
    cli_load_args_free(&args.load);
    return code == CLI_HELP_SHOWN ? CLI_EXIT_OK : code;
}
