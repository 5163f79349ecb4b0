/* The report's aggregates, computed once from the ledger through the public API: the
 * segmentation and health check, then one pass over the customers for what neither gives
 * (the RFM grid, named segments' revenue, cohorts and the monthly series), then the optional
 * grade, matrix and plan. Sequential, so that sums of doubles come out the same every time. */
#include <string.h>

#include "report_internal.h"

static int32_t month_of(int32_t day) {
    int32_t y = 0, m = 0, d = 0;
    if (ltv_date_to_ymd(day, &y, &m, &d) != LTV_OK) return 0;
    return y * 12 + m - 1;
}

static int group_stats(ltv__report *r) {
    int status = ltv_segmentation_ltv_summary(r->seg, &r->ltv, sizeof r->ltv);
    for (int s = 0; s < LTV_STATE_COUNT && status == LTV_OK; s++)
        status = ltv_segmentation_state_stats(r->seg, s, &r->states[s], sizeof r->states[s]);
    for (int k = 0; k < LTV_RANK_COUNT && status == LTV_OK; k++)
        status = ltv_segmentation_rank_stats(r->seg, k, &r->ranks[k], sizeof r->ranks[k]);
    return status;
}

/* The RFM grid and named segments' revenue, from the segmentation's columns. */
static int rfm_grid(ltv__report *r) {
    const void *rp = NULL, *fp = NULL, *pp = NULL, *lp = NULL;
    size_t n = 0;
    int status = ltv_segmentation_column(r->seg, LTV_COLUMN_R, &rp, &n);
    if (status == LTV_OK) status = ltv_segmentation_column(r->seg, LTV_COLUMN_F, &fp, &n);
    if (status == LTV_OK) status = ltv_segmentation_column(r->seg, LTV_COLUMN_PRESET, &pp, &n);
    if (status == LTV_OK) status = ltv_segmentation_column(r->seg, LTV_COLUMN_LIFETIME_LTV, &lp, &n);
    if (status != LTV_OK) return status;
    const uint8_t *rs = rp, *fs = fp, *ps = pp;
    const int64_t *life = lp;
    r->presets = ltv_segmentation_preset_count(r->seg);
    if (r->presets >= LTV__REPORT_MAX_PRESETS) r->presets = LTV__REPORT_MAX_PRESETS - 1;
    for (size_t i = 0; i < n; i++) {
        if (rs[i] == 0) continue; /* no order before the as-of day */
        const double amount = (double)life[i];
        r->total_lifetime += amount;
        if (rs[i] <= r->bins && fs[i] >= 1 && fs[i] <= r->bins) {
            r->rf_customers[rs[i] - 1][fs[i] - 1]++;
            r->rf_monetary[rs[i] - 1][fs[i] - 1] += amount;
        }
        size_t p = ps[i] < r->presets ? ps[i] : r->presets;
        r->preset_customers[p]++;
        r->preset_revenue[p] += amount;
    }
    return LTV_OK;
}

typedef struct event_buf {
    uint8_t *kinds;
    int32_t *days;
    int64_t *amounts;
    size_t cap;
} event_buf;

static int grow(event_buf *b, size_t need) {
    if (need <= b->cap) return LTV_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    uint8_t *k = ltv__realloc_array(b->kinds, cap, sizeof *k);
    if (k) b->kinds = k;
    int32_t *d = k ? ltv__realloc_array(b->days, cap, sizeof *d) : NULL;
    if (d) b->days = d;
    int64_t *a = d ? ltv__realloc_array(b->amounts, cap, sizeof *a) : NULL;
    if (!a) return ltv__fail(LTV_ENOMEM, "ltv_report_html: out of memory reading events");
    b->amounts = a;
    b->cap = cap;
    return LTV_OK;
}

/* One customer's contribution to the monthly series and to their cohort. */
static void add_customer(ltv__report *r, const event_buf *b, size_t count) {
    const int32_t series_first = r->last_month - r->months + 1;
    const int32_t cohort_first = r->last_month - r->cohorts + 1;
    int32_t cohort = INT32_MIN, last_active = INT32_MIN, last_cohort_since = -1;
    for (size_t e = 0; e < count; e++) {
        if (b->days[e] >= r->as_of) break; /* events are in day order */
        const uint8_t kind = b->kinds[e];
        if (kind != LTV_EVENT_ORDER && kind != LTV_EVENT_REFUND) continue;
        const int32_t month = month_of(b->days[e]);
        const int32_t at = month - series_first;
        if (at >= 0 && at < r->months) {
            r->month_revenue[at] += (double)b->amounts[e];
            if (kind == LTV_EVENT_ORDER) {
                r->month_orders[at]++;
                if (month != last_active) r->month_active[at]++;
            }
        }
        if (kind != LTV_EVENT_ORDER) continue;
        last_active = month;
        if (cohort == INT32_MIN) {
            cohort = month;
            if (cohort >= cohort_first) r->cohort_size[cohort - cohort_first]++;
        }
        const int32_t since = month - cohort;
        if (cohort >= cohort_first && since < LTV__REPORT_COHORT_SINCE && since != last_cohort_since) {
            r->cohort_active[cohort - cohort_first][since]++;
            last_cohort_since = since;
        }
    }
}

static int monthly(ltv__report *r) {
    if (r->last_day == LTV_NO_DAY) return LTV_OK;
    /* months run up to the day before A: quiet months after the last event are months too */
    r->last_month = month_of(r->as_of - 1);
    const int32_t span = r->last_month - month_of(r->first_day) + 1;
    r->months = span < LTV__REPORT_MONTHS ? span : LTV__REPORT_MONTHS;
    r->cohorts = span < LTV__REPORT_COHORTS ? span : LTV__REPORT_COHORTS;
    event_buf b = {0};
    const uint64_t customers = ltv_ledger_customer_count(r->ledger);
    int status = LTV_OK;
    for (uint64_t c = 0; c < customers && status == LTV_OK; c++) {
        size_t count = 0;
        status = ltv_ledger_customer_events(r->ledger, c, b.kinds, b.days, b.amounts, NULL, b.cap, &count);
        /* with no buffer yet the library only counts (LTV_OK); with a small one, LTV_EBUFSIZE */
        if (status == LTV_EBUFSIZE || (status == LTV_OK && count > b.cap)) {
            status = grow(&b, count);
            if (status == LTV_OK)
                status = ltv_ledger_customer_events(r->ledger, c, b.kinds, b.days, b.amounts, NULL, b.cap, &count);
        }
        if (status == LTV_OK) add_customer(r, &b, count);
    }
    ltv__free(b.kinds);
    ltv__free(b.days);
    ltv__free(b.amounts);
    return status;
}

/* The report's own copy of the shop's matrix (or an empty one), with the live figures. */
static int matrix_copy(ltv__report *r) {
    int status;
    if (r->opts && r->opts->matrix) {
        char *json = NULL;
        size_t len = 0;
        status = ltv_matrix_save(r->opts->matrix, LTV_MATRIX_FORMAT_JSON, &json, &len);
        if (status == LTV_OK) status = ltv_matrix_load(&r->matrix, LTV_MATRIX_FORMAT_JSON, json, len);
        ltv_free(json);
    } else {
        status = ltv_matrix_new(&r->matrix);
    }
    if (status == LTV_OK) status = ltv_matrix_set_i64(r->matrix, LTV_MATRIX_DECIMALS, r->decimals);
    if (status == LTV_OK) status = ltv_matrix_set_segmentation(r->matrix, r->seg);
    const int64_t cpo = r->opts ? r->opts->values[LTV_REPORT_CPO] : -1;
    if (status == LTV_OK && cpo >= 0) status = ltv_matrix_set_acquisition(r->matrix, 0, cpo);
    return status;
}

static int optional_parts(ltv__report *r) {
    int status = matrix_copy(r);
    if (status == LTV_OK && r->opts && r->opts->answers[0]) {
        status = ltv_grader_grade(&r->grade, r->opts->answers, strlen(r->opts->answers));
        if (status == LTV_OK) status = ltv_grade_attach_ledger(r->grade, r->ledger, r->as_of, r->decimals);
    }
    if (status == LTV_OK && r->opts && r->opts->planner)
        status = ltv_planner_run(&r->plan, r->opts->planner, r->ledger, NULL, r->as_of);
    return status;
}

int ltv__report_gather(ltv__report *r, const ltv_ledger *ledger, const ltv_report_options *opts, int32_t as_of) {
    memset(r, 0, sizeof *r);
    int64_t values[LTV__REPORT_PARAMS];
    ltv__report_defaults(values);
    if (opts) memcpy(values, opts->values, sizeof values);
    r->lang = (int)values[LTV_REPORT_LANG];
    r->decimals = (int)values[LTV_REPORT_DECIMALS];
    r->as_of = as_of;
    r->ledger = ledger;
    r->opts = opts;
    int status = ltv_segment_run(&r->seg, ledger, opts ? opts->segment : NULL, as_of);
    if (status == LTV_OK)
        status = ltv_health_check_run(&r->hc, ledger, r->seg, opts ? opts->health : NULL, as_of);
    if (status == LTV_OK) status = ltv_health_check_overview(r->hc, &r->overview, sizeof r->overview);
    if (status == LTV_OK) status = group_stats(r);
    uint64_t counts[LTV__REPORT_MAX_BINS];
    size_t bins = 0;
    if (status == LTV_OK)
        status = ltv_segmentation_score_counts(r->seg, LTV_RFM_RECENCY, counts, LTV__REPORT_MAX_BINS, &bins);
    r->bins = (int)bins;
    if (status == LTV_OK) status = rfm_grid(r);
    ltv_ledger_summary sum;
    if (status == LTV_OK) status = ltv_ledger_summary_as_of(ledger, as_of, &sum, sizeof sum);
    if (status == LTV_OK) {
        r->first_day = sum.customers ? sum.first_day : LTV_NO_DAY;
        r->last_day = sum.customers ? sum.last_day : LTV_NO_DAY;
        status = monthly(r);
    }
    if (status == LTV_OK) status = optional_parts(r);
    if (status != LTV_OK) ltv__report_release(r);
    return status;
}

void ltv__report_release(ltv__report *r) {
    ltv_segmentation_free(r->seg);
    ltv_health_check_free(r->hc);
    ltv_grade_free(r->grade);
    ltv_plan_run_free(r->plan);
    ltv_matrix_free(r->matrix);
    r->seg = NULL;
    r->hc = NULL;
    r->grade = NULL;
    r->plan = NULL;
    r->matrix = NULL;
}
