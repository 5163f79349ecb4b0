/* ltvcrm segment: the per-customer segmentation as CSV or JSON, or only the counts. */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct segment_args {
    cli_load_args load; /* first: cli_operand_file */
    cli_segment_args seg;
    int format;
    bool counts, customers;
    int lang;
    cli_alive_args alive; /* --predict and the P(alive) rule */
    const double *p_alive, *predicted_clv, *p_alive_before; /* the segmentation's columns, when it has them */
} segment_args;

static const cli_choice formats[] = {{"csv", CLI_FORMAT_CSV, 0}, {"json", CLI_FORMAT_JSON, 0}, {NULL, 0, 0}};

static const cli_opt options[] = {
    {.name = "--format", .choices = formats, .set = cli_set_choice, .field = offsetof(segment_args, format),
     .help = "one row per customer as CSV, or JSON objects", .def = "csv"},
    {.name = "--counts", .set = cli_set_flag, .field = offsetof(segment_args, counts),
     .help = "counts only, no per-customer rows"},
    {.name = "--customers", .set = cli_set_flag, .field = offsetof(segment_args, customers),
     .help = "FILE is a customer table, one row per customer with customer_id, orders, revenue and recency_days or "
             "last_order_date (no events; needs --as-of): RFM scores, named segments, states without fans, lifetime "
             "LTV; no ranks"},
    {.name = "--lang", .choices = cli_lang_choices, .set = cli_set_choice, .field = offsetof(segment_args, lang),
     .help = "language of the labels", .def = "en"},
    {.name = "--p-alive", .meta = "FILE", .set = cli_set_text, .field = offsetof(segment_args, alive.p_alive_path),
     .help = "P(alive) per customer from another tool instead of --predict: a CSV with a header naming customer_id "
             "and p_alive (and p_alive_before with --falling-days); every customer with an order once; for the "
             "prediction options below"},
};

static const cli_group own = {"options", NULL, NULL, options, CLI_GROUP_SIZE(options)};

const cli_spec cmd_segment_spec = {
    .name = "segment",
    .operands = "FILE",
    .summary = "one row per customer: lifecycle state, value rank, RFM scores and LTV",
    .about = "Writes one row per customer: id, lifecycle state, value rank, R, F, M scores, named segment, annual "
             "and lifetime LTV. --counts prints only the customers per state, rank, score and named segment.",
    .uses = {{&own, 0, NULL, NULL},
             {&cli_load_group, offsetof(segment_args, load), NULL, NULL},
             {&cli_segment_group, offsetof(segment_args, seg), NULL, NULL},
             {&cli_alive_group, offsetof(segment_args, alive), NULL,
              "With --predict every row ends with p_alive and predicted_clv (with --p-alive: p_alive), and with "
              "--falling-days also p_alive_before (and the flag 8, alive_falling in JSON)."}},
    .operand = cli_operand_file,
};

/* The customers' ids come from the ledger, or from the customer table with --customers. */
typedef struct id_source {
    const ltv_ledger *ledger;
    const ltv_customer_table *table;
} id_source;

static void customer_id(const id_source *ids, size_t i, const char **id, size_t *len) {
    if (ids->table) ltv_customer_table_customer_id(ids->table, i, id, len);
    else ltv_ledger_customer_id(ids->ledger, i, id, len);
}

static void write_rows(const id_source *ids, const ltv_segmentation *seg, const segment_args *a) {
    static cli_out out;
    out.file = stdout;
    out.len = 0;
    const bool json = a->format == CLI_FORMAT_JSON;
    const int decimals = a->load.decimals;
    const void *cols[LTV_COLUMN_LIFETIME_LTV + 1];
    size_t n = 0;
    for (int c = 0; c <= LTV_COLUMN_LIFETIME_LTV; c++) ltv_segmentation_column(seg, c, &cols[c], &n);
    const int8_t *state = cols[LTV_COLUMN_STATE], *rank = cols[LTV_COLUMN_RANK];
    const uint8_t *r = cols[LTV_COLUMN_R], *f = cols[LTV_COLUMN_F], *m = cols[LTV_COLUMN_M];
    const uint8_t *preset = cols[LTV_COLUMN_PRESET], *flags = cols[LTV_COLUMN_FLAGS];
    const int32_t *orders = cols[LTV_COLUMN_ORDERS], *recency = cols[LTV_COLUMN_RECENCY];
    const int64_t *annual = cols[LTV_COLUMN_ANNUAL_LTV], *lifetime = cols[LTV_COLUMN_LIFETIME_LTV];
    if (json) cli_out_str(&out, "[\n");
    else {
        cli_out_str(&out, "customer_id,state,rank,r,f,m,segment,orders,recency_days,annual_ltv,lifetime_ltv,flags");
        if (a->p_alive) cli_out_str(&out, ",p_alive");
        if (a->predicted_clv) cli_out_str(&out, ",predicted_clv");
        if (a->p_alive_before) cli_out_str(&out, ",p_alive_before");
        cli_out_str(&out, "\n");
    }
    for (size_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        customer_id(ids, i, &id, &len);
        const char *state_label = ltv_state_label(state[i], a->lang), *rank_label = ltv_rank_label(rank[i], a->lang);
        /* a customer without an order is in no named segment (its preset index is that of
         * "Other", but "Other" means orders that fit none of the named ones) */
        const char *segment = state[i] == LTV_STATE_NONE ? ltv_state_label(LTV_STATE_NONE, a->lang)
                                                         : ltv_segmentation_preset_name(seg, preset[i], a->lang);
        if (json) {
            cli_out_flush(&out);
            fprintf(stdout, "%s{\"customer_id\":", i ? ",\n" : "");
            cli_json_string(stdout, id);
            fprintf(stdout, ",\"state\":\"%s\",\"rank\":\"%s\",\"r\":%u,\"f\":%u,\"m\":%u,\"segment\":", state_label,
                    rank_label, r[i], f[i], m[i]);
            cli_json_string(stdout, segment);
            char annual_text[48], lifetime_text[48];
            cli_format_money(annual[i], decimals, false, annual_text, sizeof annual_text);
            cli_format_money(lifetime[i], decimals, false, lifetime_text, sizeof lifetime_text);
            fprintf(stdout, ",\"orders\":%" PRId32 ",\"recency_days\":%" PRId32 ",\"annual_ltv\":%s,\"lifetime_ltv\":%s,"
                            "\"top_excellent\":%s,\"high_ltv_general\":%s,\"core\":%s",
                    orders[i], recency[i], annual_text, lifetime_text, flags[i] & LTV_FLAG_TOP_EXCELLENT ? "true" : "false",
                    flags[i] & LTV_FLAG_HIGH_LTV_GENERAL ? "true" : "false", flags[i] & LTV_FLAG_CORE ? "true" : "false");
            if (a->p_alive) fprintf(stdout, ",\"p_alive\":%.6g", a->p_alive[i]);
            if (a->predicted_clv)
                fprintf(stdout, ",\"predicted_clv\":%.*f", decimals, a->predicted_clv[i] / pow(10, decimals));
            if (a->p_alive_before)
                fprintf(stdout, ",\"p_alive_before\":%.6g,\"alive_falling\":%s", a->p_alive_before[i],
                        flags[i] & LTV_FLAG_ALIVE_FALLING ? "true" : "false");
            fputc('}', stdout);
            continue;
        }
        cli_out_csv_field(&out, id, len);
        cli_out_bytes(&out, ",", 1);
        cli_out_str(&out, state_label);
        cli_out_bytes(&out, ",", 1);
        cli_out_str(&out, rank_label);
        const uint8_t scores[3] = {r[i], f[i], m[i]};
        for (int k = 0; k < 3; k++) {
            char digit[3] = {',', (char)('0' + scores[k] % 10), 0};
            if (scores[k] >= 10) cli_out_str(&out, ",10");
            else cli_out_bytes(&out, digit, 2);
        }
        cli_out_bytes(&out, ",", 1);
        cli_out_csv_field(&out, segment, strlen(segment));
        cli_out_bytes(&out, ",", 1);
        cli_out_i64(&out, orders[i]);
        cli_out_bytes(&out, ",", 1);
        cli_out_i64(&out, recency[i]);
        cli_out_bytes(&out, ",", 1);
        cli_out_money(&out, annual[i], decimals);
        cli_out_bytes(&out, ",", 1);
        cli_out_money(&out, lifetime[i], decimals);
        cli_out_bytes(&out, ",", 1);
        cli_out_i64(&out, flags[i]);
        if (a->p_alive) {
            char extra[48];
            snprintf(extra, sizeof extra, ",%.6g", a->p_alive[i]);
            cli_out_str(&out, extra);
        }
        if (a->predicted_clv) {
            char extra[64];
            snprintf(extra, sizeof extra, ",%.*f", decimals, a->predicted_clv[i] / pow(10, decimals));
            cli_out_str(&out, extra);
        }
        if (a->p_alive_before) {
            char extra[48];
            snprintf(extra, sizeof extra, ",%.6g", a->p_alive_before[i]);
            cli_out_str(&out, extra);
        }
        cli_out_bytes(&out, "\n", 1);
    }
    if (json) cli_out_str(&out, "\n]\n");
    cli_out_flush(&out);
}

/* One "name: count" of a group, as a CSV row or a JSON member. */
static void write_count(bool json, bool first, const char *group, const char *name, uint64_t count) {
    if (json) {
        if (!first) putchar(',');
        cli_json_string(stdout, name);
        printf(":%" PRIu64, count);
    } else {
        printf("%s,", group);
        if (strpbrk(name, ",\"\r\n")) { /* a named segment may hold a comma */
            putchar('"');
            for (const char *p = name; *p; p++) {
                if (*p == '"') putchar('"');
                putchar(*p);
            }
            putchar('"');
        } else {
            fputs(name, stdout);
        }
        printf(",%" PRIu64 "\n", count);
    }
}

/* Every group ends with the customers it leaves out ("none", "no rank"), so that each group
 * sums to the customer count. */
static void write_counts(const ltv_segmentation *seg, const segment_args *a) {
    const bool json = a->format == CLI_FORMAT_JSON;
    const int lang = json ? LTV_LANG_EN : a->lang; /* JSON keys stay English */
    const uint64_t customers = ltv_segmentation_customer_count(seg);
    ltv_group_stats g;
    uint64_t counted = 0;
    fputs(json ? "{\"states\":{" : "group,name,customers\n", stdout);
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_segmentation_state_stats(seg, s, &g, sizeof g);
        write_count(json, s == 0, "state", ltv_state_label(s, lang), g.customers);
        counted += g.customers;
    }
    const uint64_t without_order = customers - counted;
    write_count(json, false, "state", ltv_state_label(LTV_STATE_NONE, lang), without_order);
    if (json) fputs("},\"ranks\":{", stdout);
    counted = 0;
    for (int r = 0; r < LTV_RANK_COUNT; r++) {
        ltv_segmentation_rank_stats(seg, r, &g, sizeof g);
        write_count(json, r == 0, "rank", ltv_rank_label(r, lang), g.customers);
        counted += g.customers;
    }
    write_count(json, false, "rank", ltv_rank_label(LTV_RANK_NONE, lang), customers - counted);
    static const char *const metric[3] = {"r", "f", "m"};
    for (int k = 0; k < 3; k++) {
        uint64_t counts[10];
        size_t bins = 0;
        ltv_segmentation_score_counts(seg, k, counts, 10, &bins);
        if (json) printf("},\"%s\":{", metric[k]);
        for (size_t b = 0; b < bins; b++) {
            char score[24];
            snprintf(score, sizeof score, "%zu", b + 1);
            write_count(json, b == 0, metric[k], score, counts[b]);
        }
        /* customers without an order have no scores (0 in the per-customer rows) */
        write_count(json, bins == 0, metric[k], ltv_state_label(LTV_STATE_NONE, lang), without_order);
    }
    if (json) fputs("},\"segments\":{", stdout);
    /* by name: a table may give one segment several entries (score boxes, code lists) */
    for (size_t s = 0; s <= ltv_segmentation_segment_count(seg); s++)
        write_count(json, s == 0, "segment", ltv_segmentation_segment_name(seg, s, a->lang),
                    ltv_segmentation_segment_customers(seg, s));
    /* named segments are in --lang also in JSON, and so is "none" beside them, as in the rows */
    write_count(json, false, "segment", ltv_state_label(LTV_STATE_NONE, a->lang), without_order);
    if (json) printf("}}\n");
}

int cmd_segment(int argc, char **argv) {
    segment_args a = {.format = CLI_FORMAT_CSV, .lang = LTV_LANG_EN, .alive = {.model = -1}};
    int code = cli_load_args_init(&a.load);
    if (code != CLI_EXIT_OK) return code;
    if (ltv_segment_config_new(&a.seg.cfg) != LTV_OK) {
        cli_load_args_free(&a.load);
        return cli_report_failure("segment", ltv_last_status());
    }
    a.alive.cfg = a.seg.cfg;
    code = cli_parse(&cmd_segment_spec, &a, argc, argv);
    if (code == CLI_EXIT_OK && !a.load.path) code = cli_usage_error("segment", "missing FILE", NULL);
    ltv_ledger *ledger = NULL;
    ltv_customer_table *table = NULL;
    ltv_load_report *report = NULL;
    ltv_segmentation *seg = NULL;
    int32_t as_of = 0;
    if (code == CLI_EXIT_OK && a.customers) {
        /* aggregates cannot be cut at a day: the analysis day is the user's to give */
        if (!a.load.has_as_of) code = cli_usage_error("segment", "--customers needs --as-of (the analysis day)", NULL);
        if (code == CLI_EXIT_OK && (a.alive.model >= 0 || a.alive.rule_given || a.alive.p_alive_path))
            code = cli_usage_error("segment", "--predict needs an order log; --customers has no events to fit", NULL);
        int status = code == CLI_EXIT_OK ? ltv_customer_table_new(&table) : LTV_OK;
        if (status == LTV_OK && code == CLI_EXIT_OK)
            status = ltv_customer_table_load_csv(table, a.load.path, a.load.csv, &report);
        if (status == LTV_OK && code == CLI_EXIT_OK) status = ltv_segment_run_customers(&seg, table, a.seg.cfg, a.load.as_of);
        if (status != LTV_OK) code = cli_report_failure("segment", status);
    } else if (code == CLI_EXIT_OK) {
        a.load.check_on_use = true; /* a snapshot's events are checked by the segmentation's first pass */
        code = cli_load(&a.load, &ledger, &report, &as_of);
        if (code == CLI_EXIT_OK) code = cli_alive_attach(&a.alive, ledger, as_of, "segment");
        if (code == CLI_EXIT_OK) {
            int status = ltv_segment_run(&seg, ledger, a.seg.cfg, as_of);
            if (status != LTV_OK) code = cli_report_failure("segment", status);
        }
        if (code == CLI_EXIT_OK) code = cli_verify(&a.load, ledger);
    }
    if (code == CLI_EXIT_OK && (a.alive.fit || a.alive.given)) { /* the segmentation's own columns */
        const void *col;
        size_t len;
        if (ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE, &col, &len) == LTV_OK) a.p_alive = col;
        /* P(alive) from a file comes without a CLV: no column of zeros */
        if (a.alive.fit && ltv_segmentation_column(seg, LTV_COLUMN_PREDICTED_CLV, &col, &len) == LTV_OK)
            a.predicted_clv = col;
        if (ltv_segmentation_column(seg, LTV_COLUMN_P_ALIVE_BEFORE, &col, &len) == LTV_OK) a.p_alive_before = col;
    }
    if (code == CLI_EXIT_OK) {
        const id_source ids = {ledger, table};
        if (a.counts) write_counts(seg, &a);
        else write_rows(&ids, seg, &a);
        if (ltv_load_report_rows_rejected(report)) {
            fprintf(stderr, "ltvcrm segment: %" PRIu64 " bad rows were skipped:\n", ltv_load_report_rows_rejected(report));
            cli_print_rejects(stderr, report, 20);
        }
    }
    ltv_segmentation_free(seg);
    cli_alive_free(&a.alive);
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    ltv_customer_table_free(table);
    ltv_segment_config_free(a.seg.cfg);
    cli_load_args_free(&a.load);
    return code < 0 ? CLI_EXIT_OK : code;
}
