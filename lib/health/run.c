/* The health check's one pass: each customer's facts are computed once and added to fixed
 * counters and histograms (sales, repeat, tenure, first → second per group, membership life
 * table). Nothing is allocated per customer and nothing is sorted; medians and peaks are read
 * from the histograms afterwards. */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "health_internal.h"
#include "ledger_internal.h"
#include "segment_internal.h"

#define P(hc, name) ((hc)->params[name])

static int tenure_bin(int32_t days) {
    for (int b = 0; b < LTV_HEALTH_TENURE_BINS - 1; b++)
        if (days <= ltv__health_bin_last[b]) return b;
    return LTV_HEALTH_TENURE_BINS - 1;
}

static void add_sales(ltv_health_check *hc, const ltv_customer_facts *f) {
    hc->revenue += f->amount;
    hc->gross_revenue += f->amount + f->refund_amount;
    hc->year_revenue += f->year_amount;
    if (f->orders == 0) return;
    hc->customers++;
    hc->orders += (uint64_t)f->orders;
    hc->items += f->items;
    hc->repeat_customers += f->orders >= 2;
    hc->year_orders += (uint64_t)f->year_orders;
    hc->year_customers += f->year_orders >= 1;
    hc->year_repeat_customers += f->year_orders >= 2;
    hc->tenure_bins[tenure_bin(f->tenure_days)]++;
    hc->tenure_sum += (uint64_t)f->tenure_days;
}

/* First → second purchase of one customer (with an order) into group index g. */
static void add_second(ltv_health_check *hc, int g, const ltv_customer_facts *f) {
    ltv__health_group *grp = &hc->groups[g];
    grp->customers++;
    const bool has_second = f->second_order_day != LTV_NO_DAY;
    const int64_t gap = has_second ? (int64_t)f->second_order_day - f->first_order_day : -1;
    if (has_second) {
        grp->second_customers++;
        const size_t bucket = (uint64_t)gap < hc->gap_len - 1 ? (size_t)gap : hc->gap_len - 1;
        hc->gap_hist[(size_t)g * hc->gap_len + bucket]++;
    }
    /* eligible for window W: all W days after the first order are before the as-of day */
    const int64_t observed = (int64_t)hc->as_of - f->first_order_day;
    for (int w = 0; w < LTV_HEALTH_WINDOWS; w++) {
        if (observed <= ltv__health_windows[w]) break; /* windows ascend */
        grp->eligible[w]++;
        grp->converted[w] += has_second && gap <= ltv__health_windows[w];
    }
}

static size_t enroll_bucket(int64_t day) {
    return day < LTV__HEALTH_ENROLL_MAX ? (size_t)day : LTV__HEALTH_ENROLL_MAX;
}

static void add_member(ltv_health_check *hc, const ltv_customer_facts *f) {
    if (f->first_event_day == LTV_NO_DAY) return;
    const int64_t join = f->first_event_day, as_of = hc->as_of;
    const bool cancelled = f->cancel_day != LTV_NO_DAY;
    const int64_t cancel_index = cancelled ? f->cancel_day - join : -1;
    /* days enrolled: up to the cancel day, or up to the last day before the as-of day */
    const int64_t enrolled = cancelled ? cancel_index : as_of - 1 - join;
    hc->members++;
    hc->visits += (uint64_t)f->visits;
    hc->year_visits += (uint64_t)f->year_visits;
    hc->enroll_last[enroll_bucket(enrolled)]++;
    if (cancelled) {
        hc->churned++;
        hc->churned_ltv += f->amount;
        hc->enroll_cancel[enroll_bucket(cancel_index)]++;
    } else {
        hc->continuing++;
        hc->continuing_ltv += f->amount;
    }
    if (as_of - join > P(hc, LTV_HEALTH_CHURN_SHORT_DAYS)) {
        hc->short_eligible++;
        hc->short_churned += cancelled && cancel_index <= P(hc, LTV_HEALTH_CHURN_SHORT_DAYS);
    }
    if (as_of - join > P(hc, LTV_HEALTH_CHURN_LONG_DAYS)) {
        hc->long_eligible++;
        hc->long_churned += cancelled && cancel_index <= P(hc, LTV_HEALTH_CHURN_LONG_DAYS);
    }
    if (cancelled) return;
    if (as_of - join < 365) { /* no full trailing year as a member yet */
        hc->usage_newer++;
        return;
    }
    const int band = f->year_visits <= P(hc, LTV_HEALTH_USAGE_LOW_MAX)    ? 0
                     : f->year_visits >= P(hc, LTV_HEALTH_USAGE_HIGH_MIN) ? 2
                                                                          : 1;
    hc->usage_members++;
    hc->band_members[band]++;
    hc->band_ltv[band] += f->amount;
    hc->band_year_amount[band] += f->year_amount;
}

/* The segmentation's rank column, after checking that it describes this ledger, as it is
 * now, on this day. */
static int rank_column(const ltv_segmentation *seg, const ltv_ledger *ledger, int32_t as_of, const int8_t **out) {
    *out = NULL;
    if (!seg) return LTV_OK;
    if (seg->ledger != ledger)
        return ltv__fail(LTV_EINVAL, "ltv_health_check_run: seg was computed from another ledger");
    if (seg->n != ledger->customer_count)
        return ltv__fail(LTV_EINVAL,
                         "ltv_health_check_run: seg has %zu customers, the ledger now %u: segment the ledger again",
                         seg->n, ledger->customer_count);
    if (seg->as_of != as_of)
        return ltv__fail(LTV_EINVAL, "ltv_health_check_run: seg is as of day %d, the health check as of day %d",
                         (int)seg->as_of, (int)as_of);
    ltv__segmentation_columns(seg); /* a narrow run writes its rank column on first use */
    *out = seg->rank;
    return LTV_OK;
}

static int check_settings(const int64_t *params) {
    if (params[LTV_HEALTH_USAGE_HIGH_MIN] <= params[LTV_HEALTH_USAGE_LOW_MAX])
        return ltv__fail(LTV_ERANGE,
                         "ltv_health_check_run: LTV_HEALTH_USAGE_HIGH_MIN %" PRId64
                         " must be above LTV_HEALTH_USAGE_LOW_MAX %" PRId64 " (the middle band lies between them)",
                         params[LTV_HEALTH_USAGE_HIGH_MIN], params[LTV_HEALTH_USAGE_LOW_MAX]);
    return LTV_OK;
}

/* Exact gap buckets cover the ledger's day span (no gap can be longer), capped at 100 years. */
static size_t gap_buckets(const ltv_ledger *ledger) {
    int64_t span = ledger->min_day == LTV_NO_DAY ? 0 : (int64_t)ledger->max_day - ledger->min_day;
    if (span > LTV__HEALTH_GAP_EXACT_MAX) span = LTV__HEALTH_GAP_EXACT_MAX;
    return (size_t)span + 2; /* 0..span exact, one bucket for longer gaps */
}

/* The pass over one range of customers, into its own accumulator. */
typedef struct health_share {
    ltv_health_check *acc;
    const ltv_ledger *ledger;
    const int8_t *ranks;
    uint32_t begin, end;
} health_share;

static int run_share(void *arg) {
    const health_share *sh = arg;
    ltv_health_check *hc = sh->acc;
    for (uint32_t c = sh->begin; c < sh->end; c++) {
        ltv_customer_facts f;
        ltv__facts_compute(sh->ledger, c, hc->as_of, &f);
        add_sales(hc, &f);
        add_member(hc, &f);
        if (f.orders == 0) continue;
        add_second(hc, 0, &f);
        if (sh->ranks && sh->ranks[c] >= LTV_RANK_NONE && sh->ranks[c] < LTV_RANK_COUNT)
            add_second(hc, sh->ranks[c] + 2, &f);
    }
    return LTV_OK;
}

/* Every count and sum of the result is a 64-bit word between `customers` and `sums_end`. */
#define SUMS_BEGIN offsetof(ltv_health_check, customers)
#define SUMS_WORDS ((offsetof(ltv_health_check, sums_end) - SUMS_BEGIN) / sizeof(uint64_t))
_Static_assert((offsetof(ltv_health_check, sums_end) - offsetof(ltv_health_check, customers)) % sizeof(uint64_t) == 0,
               "the health sums must be 64-bit words");

static void add_into(ltv_health_check *to, const ltv_health_check *from) {
    for (size_t w = 0; w < SUMS_WORDS; w++) {
        uint64_t a, b;
        memcpy(&a, (const char *)to + SUMS_BEGIN + w * sizeof a, sizeof a);
        memcpy(&b, (const char *)from + SUMS_BEGIN + w * sizeof b, sizeof b);
        a += b; /* two's complement: the same bits as adding the signed sums */
        memcpy((char *)to + SUMS_BEGIN + w * sizeof a, &a, sizeof a);
    }
    for (size_t i = 0; i < LTV__HEALTH_GROUPS * to->gap_len; i++) to->gap_hist[i] += from->gap_hist[i];
}

/* The pass on up to the thread budget's threads, one range of customers each; the sums of
 * the ranges add up to exactly the one-thread result. */
static int run_shares(ltv_health_check *hc, const ltv_ledger *ledger, const int8_t *ranks) {
    const uint32_t n = ledger->customer_count;
    int count = ltv__thread_budget();
    if (count > 8) count = 8;
    if (n < 200000) count = 1;
    health_share shares[8];
    ltv_health_check *extra[8] = {NULL};
    int status = LTV_OK;
    for (int i = 0; i < count && status == LTV_OK; i++) {
        ltv_health_check *acc = hc;
        if (i > 0) {
            acc = extra[i] = ltv__calloc(1, sizeof *acc);
            if (acc) {
                *acc = *hc;
                acc->gap_hist = ltv__calloc(LTV__HEALTH_GROUPS * hc->gap_len, sizeof *acc->gap_hist);
            }
            if (!acc || !acc->gap_hist) status = ltv__fail(LTV_ENOMEM, "ltv_health_check_run: out of memory");
        }
        shares[i] = (health_share){acc, ledger, ranks, (uint32_t)((uint64_t)n * (uint64_t)i / (uint64_t)count),
                                   (uint32_t)((uint64_t)n * (uint64_t)(i + 1) / (uint64_t)count)};
    }
    if (status == LTV_OK) status = ltv__run_tasks(run_share, shares, sizeof shares[0], count);
    for (int i = 1; i < count; i++) {
        if (status == LTV_OK) add_into(hc, extra[i]);
        ltv_health_check_free(extra[i]);
    }
    return status;
}

int ltv_health_check_run(ltv_health_check **out, const ltv_ledger *ledger, const ltv_segmentation *seg,
                         const ltv_health_config *cfg, int32_t as_of_day) {
    LTV_REQUIRE(out, "ltv_health_check_run");
    *out = NULL;
    LTV_REQUIRE(ledger, "ltv_health_check_run");
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "ltv_health_check_run: as-of day %d is outside %d..%d", (int)as_of_day,
                         LTV_DAY_MIN, LTV_DAY_MAX + 1);
    int64_t params[LTV__HEALTH_PARAMS];
    if (cfg) memcpy(params, cfg->values, sizeof params);
    else ltv__health_config_defaults(params);
    int status = check_settings(params);
    if (status == LTV_OK) status = ltv__ledger_prepare(ledger);
    const int8_t *ranks = NULL;
    if (status == LTV_OK) status = rank_column(seg, ledger, as_of_day, &ranks);
    if (status != LTV_OK) return status;

    ltv_health_check *hc = ltv__calloc(1, sizeof *hc);
    if (hc) {
        hc->gap_len = gap_buckets(ledger);
        hc->gap_hist = ltv__calloc(LTV__HEALTH_GROUPS * hc->gap_len, sizeof *hc->gap_hist);
    }
    if (!hc || !hc->gap_hist) {
        ltv_health_check_free(hc);
        return ltv__fail(LTV_ENOMEM, "ltv_health_check_run: out of memory");
    }
    hc->as_of = as_of_day;
    hc->has_ranks = ranks != NULL;
    memcpy(hc->params, params, sizeof params);

    status = run_shares(hc, ledger, ranks);
    if (status != LTV_OK) {
        ltv_health_check_free(hc);
        return status;
    }
    hc->has_membership = hc->visits > 0 || hc->churned > 0;
    *out = hc;
    return LTV_OK;
}

void ltv_health_check_free(ltv_health_check *hc) {
    if (!hc) return;
    ltv__free(hc->gap_hist);
    ltv__free(hc);
}
