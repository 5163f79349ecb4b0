/* One segmentation run: a pass over the ledger for states, ranks and LTV, linear-time cut
 * points for RFM, then a pass over the result columns for scores, named segments and flags.
 * No sorting of customers and no per-customer allocation. */
#include <math.h>
#include <string.h>

#include "ledger_internal.h"
#include "segment_internal.h"

#define P(seg, name) ((seg)->cfg.params[name])

typedef ltv__group_sums group_sums;

/* Pass 1 adds a customer's facts once, to the sums of their (state, rank) pair: one set of
 * read-modify-writes and no branch on whether they have a rank. The basis sums are not added
 * per customer: they are the revenue or the trailing-year revenue (finish_pass_sums). */
static void add_to_group(group_sums *g, const ltv_customer_facts *f) {
    g->customers++;
    g->orders += (uint64_t)f->orders;
    g->year_orders += (uint64_t)f->year_orders;
    g->revenue += f->amount;
    g->year_revenue += f->year_amount;
    g->active_days += (uint64_t)(f->tenure_days > 365 ? f->tenure_days : 365);
}

static void add_sums(group_sums *to, const group_sums *from) {
    to->customers += from->customers;
    to->orders += from->orders;
    to->year_orders += from->year_orders;
    to->revenue += from->revenue;
    to->year_revenue += from->year_revenue;
    to->basis += from->basis;
    to->active_days += from->active_days;
}

/* The sums of each state and of each rank from those of the pairs (rank + 1: no rank first). */
static void finish_pass_sums(group_sums *states, group_sums *ranks, group_sums pairs[][LTV_RANK_COUNT + 1],
                             bool lifetime_basis) {
    for (int s = 0; s < LTV_STATE_COUNT; s++)
        for (int r = 0; r <= LTV_RANK_COUNT; r++) {
            add_sums(&states[s], &pairs[s][r]);
            if (r > 0) add_sums(&ranks[r - 1], &pairs[s][r]);
        }
    for (int s = 0; s < LTV_STATE_COUNT; s++)
        states[s].basis = lifetime_basis ? states[s].revenue : states[s].year_revenue;
    for (int r = 0; r < LTV_RANK_COUNT; r++) ranks[r].basis = lifetime_basis ? ranks[r].revenue : ranks[r].year_revenue;
}

static void finish_group(ltv_group_stats *out, const group_sums *g, uint64_t all_customers, int64_t all_revenue) {
    memset(out, 0, sizeof *out);
    out->customers = g->customers;
    out->customer_share = all_customers ? (double)g->customers / (double)all_customers : 0.0;
    out->revenue = g->revenue;
    out->revenue_share = all_revenue > 0 ? (double)g->revenue / (double)all_revenue : 0.0;
    out->year_revenue = g->year_revenue;
    out->orders = g->orders;
    out->year_orders = g->year_orders;
    if (g->customers) {
        const double years = (double)g->active_days / 365.0;
        out->average_ltv = (double)g->basis / (double)g->customers;
        out->active_years = years / (double)g->customers;
        out->orders_per_year = (double)g->orders / years;
        out->average_order_value = g->orders ? (double)g->revenue / (double)g->orders : 0.0;
    }
}

/* Recency and order counts are small integers for nearly every customer: pass 1 counts them
 * in histograms, which give their exact quantiles without another pass. Values at or above
 * the cap are counted as overflow, and only then do the cut points fall back to selection. */
#define SMALL_CAP LTV__SMALL_CAP

/* Each pass maps in the fresh pages of the columns it writes a chunk of customers at a time,
 * one call per column and chunk, instead of taking a fault per page: at L the columns are
 * 80,000 pages, and the faults cost the segmentation about a tenth more CPU (benchmarks.md). */
#define PREFAULT_CHUNK ((size_t)1 << 15)

static size_t end_of_chunk(size_t begin, size_t end) { return end - begin > PREFAULT_CHUNK ? begin + PREFAULT_CHUNK : end; }

static size_t prefault_pass1(const ltv_segmentation *seg, size_t begin, size_t end, bool narrow) {
    const size_t stop = end_of_chunk(begin, end), n = stop - begin;
    ltv__prefault(seg->recency + begin, n * sizeof(int32_t));
    ltv__prefault(seg->orders + begin, n * sizeof(int32_t));
    if (!narrow) { /* a narrow pass writes only the two above */
        ltv__prefault(seg->annual + begin, n * sizeof(int64_t));
        ltv__prefault(seg->lifetime + begin, n * sizeof(int64_t));
        ltv__prefault(seg->state + begin, n);
        ltv__prefault(seg->rank + begin, n);
    }
    if (seg->mkey) { /* PyMC mode's metrics */
        ltv__prefault(seg->fvalue + begin, n * sizeof(int32_t));
        ltv__prefault(seg->mkey + begin, n * sizeof(int64_t));
        ltv__prefault(seg->mvalue + begin, n * sizeof(double));
    }
    return stop;
}

static size_t prefault_pass2(const ltv_segmentation *seg, size_t begin, size_t end) {
    const size_t stop = end_of_chunk(begin, end), n = stop - begin;
    uint8_t *const columns[] = {seg->r, seg->f, seg->m, seg->preset, seg->flags, seg->segment};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) ltv__prefault(columns[i] + begin, n);
    return stop;
}

/* Threads of a pass over n customers: the budget's, one below 200,000 customers. */
static int pass_threads(size_t n) {
    const int count = ltv__thread_budget();
    return n < 200000 ? 1 : count > LTV__PASS_PARTS ? LTV__PASS_PARTS : count;
}

/* A growing list of values a range keeps (annual LTVs of one rank). */
typedef struct value_list {
    int64_t *values;
    size_t count, capacity;
} value_list;

static int list_push(value_list *list, int64_t value) {
    if (list->count == list->capacity) {
        const size_t capacity = list->capacity ? list->capacity * 2 : 4096;
        int64_t *grown = ltv__realloc_array(list->values, capacity, sizeof *grown);
        if (!grown) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
        list->values = grown;
        list->capacity = capacity;
    }
    list->values[list->count++] = value;
    return LTV_OK;
}

/* Pass 1 over one range of customers: facts → state, rank, LTV columns and group sums. */
typedef struct classify_share {
    ltv_segmentation *seg;
    /* The range's customers: its share of a meeting (from the front or the back), and after
     * the pass the contiguous range it took, [begin, end). */
    ltv__meeting *meeting;
    bool from_back;
    size_t begin, end;
    uint64_t *hist[2]; /* recency, orders: SMALL_CAP counts each */
    uint64_t overflow[3]; /* recency, orders above the histograms; a narrow pass's 64-bit lifetimes */
    uint64_t *monetary; /* LTV__BUCKETS counts, or NULL: not counted here */
    bool keep_core;
    ltv__top_values core; /* the largest LTV basis values, for the core threshold */
    value_list excellent; /* annual LTV of the range's excellent customers, for their levels */
    value_list general;   /* a narrow pass: annual LTV of its general customers, for their count */
    group_sums states[LTV_STATE_COUNT], ranks[LTV_RANK_COUNT];
    uint64_t customers;
    int64_t basis_total;
    /* A snapshot's events not checked yet (LTV_OPEN_CHECK_ON_USE): this range checks each run
     * before it reads it, and first checksums the arrays given to it. */
    ltv__event_totals totals;
    const ltv__unchecked_array *hash[2]; /* RUN_STARTS, EVENTS: the ones this range hashes */
    uint64_t sums[2];
} classify_share;

/* Checksums the unchecked arrays given to a range, mapping their pages in first (the range
 * reads them next). */
static void hash_arrays(classify_share *sh) {
    for (int i = 0; i < 2; i++) {
        const ltv__unchecked_array *a = sh->hash[i];
        if (!a) continue;
        ltv__prefault_read(a->bytes, a->len);
        sh->sums[i] = ltv__xxh64(a->bytes, a->len);
    }
}

/* The pass over one range; `check` and `narrow` are constants in each caller, so each loop
 * carries only its own steps. A narrow pass (seg->narrow) writes 8 bytes a customer instead
 * of 26: the packed word (ltv__pack_customer) into the orders column and the lifetime amount
 * as 32 bits into the recency column. Every column is written in full on first use
 * (write_wide), and pass 2 and the cut points read the narrow ones. */
static inline int classify_customers(classify_share *sh, const bool check, const bool narrow) {
    const ltv_segmentation *seg = sh->seg;
    const ltv_customer_table *table = seg->table;
    /* the organized events (none for a customer table) */
    const ltv__event *const events = table ? NULL : seg->ledger->organized.events;
    const uint64_t *const run_start = table ? NULL : seg->ledger->ev_start;
    const int32_t as_of = seg->as_of;
    const bool lifetime_basis = P(seg, LTV_SEG_LTV_BASIS) == LTV_BASIS_LIFETIME;
    /* Columns, histograms and sums in locals: a store through an int8_t column may alias
     * anything, so whatever the loop read through seg or sh would be reloaded after it. */
    int8_t *const state_col = seg->state, *const rank_col = seg->rank;
    int32_t *const recency_col = seg->recency, *const orders_col = seg->orders, *const fvalue = seg->fvalue;
    int64_t *const annual_col = seg->annual, *const lifetime_col = seg->lifetime, *const mkey = seg->mkey;
    double *const mvalue = seg->mvalue;
    const double *const p_alive = seg->p_alive; /* with a purchase model: the P(alive) rule */
    const bool order_days = fvalue != orders_col; /* PyMC's frequency: distinct order days */
    uint64_t *const hist_recency = sh->hist[0], *const hist_frequency = sh->hist[1];
    uint64_t *const hist_monetary = sh->monetary;
    const bool keep_core = sh->keep_core;
    const ltv__rules rules = seg->rules; /* read for every customer: kept in registers */
    int64_t core_floor = sh->core.floor; /* a copy the column stores cannot alias */
    group_sums pairs[LTV_STATE_COUNT][LTV_RANK_COUNT + 1] = {{{0}}};
    uint64_t overflow_recency = 0, overflow_frequency = 0, overflow_lifetime = 0;
    int status = LTV_OK;
    const uint64_t event_count = check ? seg->ledger->organized.count : 0;
    ltv__event_totals totals = {0, 0, 0, 0, LTV_NO_DAY, LTV_NO_DAY};
    if (check) hash_arrays(sh);
    size_t lo, hi;
    while (status == LTV_OK && ltv__meeting_claim(sh->meeting, sh->from_back, &lo, &hi)) {
        (void)prefault_pass1(seg, lo, hi, narrow); /* a claim is at most a prefault chunk */
        for (size_t c = lo; c < hi; c++) {
            if (check) { /* the run is proven sound before its facts are computed */
                status = ltv__event_run_check(events, event_count, c, run_start[c], run_start[c + 1], &totals);
                if (status != LTV_OK) break;
            }
            ltv_customer_facts f;
            if (table) { /* a copy: f itself never escapes, so its unread fields are never computed */
                ltv_customer_facts row;
                ltv__customer_table_facts(table, (uint32_t)c, as_of, &row);
                f = row;
            } else {
                ltv__facts_of_run(events, (size_t)run_start[c], (size_t)run_start[c + 1], as_of, &f);
            }
            const int8_t state = p_alive ? ltv__rule_state_alive(&rules, &f, p_alive[c]) : ltv__rule_state(&rules, &f);
            const int8_t rank = ltv__rule_rank(&rules, &f);
            if (narrow) { /* values that do not fit are counted: the run then writes the columns after the pass */
                orders_col[c] = (int32_t)ltv__pack_customer(f.recency_days, f.orders, state, rank);
                recency_col[c] = (int32_t)f.amount;
                overflow_lifetime += f.amount != (int32_t)f.amount;
            } else {
                state_col[c] = state;
                rank_col[c] = rank;
                lifetime_col[c] = f.amount;
                recency_col[c] = f.recency_days;
                orders_col[c] = f.orders;
                annual_col[c] = f.year_amount;
            }
            if (state == LTV_STATE_NONE) continue;
            if (f.recency_days < SMALL_CAP) hist_recency[f.recency_days]++;
            else overflow_recency++;
            const int32_t frequency = order_days ? f.order_days : f.orders;
            if (order_days) {
                fvalue[c] = frequency;
                const double mean = (double)f.amount / (double)f.order_days;
                const int64_t key = ltv__double_key(mean);
                mvalue[c] = mean;
                mkey[c] = key;
                if (hist_monetary) hist_monetary[ltv__bucket_of_key(key)]++;
            } else if (hist_monetary) {
                hist_monetary[ltv__bucket_of_i64(f.amount)]++;
            }
            const int64_t basis = lifetime_basis ? f.amount : f.year_amount;
            if (keep_core && basis >= core_floor) { /* rare once the floor has risen, unless LTVs rise with the index */
                status = ltv__top_values_add(&sh->core, basis);
                if (status != LTV_OK) break;
                core_floor = sh->core.floor;
            }
            if (frequency < SMALL_CAP) hist_frequency[frequency]++;
            else overflow_frequency++;
            add_to_group(&pairs[state][rank + 1], &f);
            if (rank == LTV_RANK_EXCELLENT || (narrow && rank == LTV_RANK_GENERAL)) {
                status = list_push(rank == LTV_RANK_EXCELLENT ? &sh->excellent : &sh->general, f.year_amount);
                if (status != LTV_OK) break;
            }
        }
    }
    sh->totals = totals;
    memset(sh->states, 0, sizeof sh->states);
    memset(sh->ranks, 0, sizeof sh->ranks);
    finish_pass_sums(sh->states, sh->ranks, pairs, lifetime_basis);
    sh->overflow[0] = overflow_recency;
    sh->overflow[1] = overflow_frequency;
    sh->overflow[2] = overflow_lifetime;
    sh->customers = 0;
    sh->basis_total = 0;
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        sh->customers += sh->states[s].customers;
        sh->basis_total += sh->states[s].basis;
    }
    return status;
}

static int classify_range(void *arg) { return classify_customers(arg, false, false); }
static int classify_range_checked(void *arg) { return classify_customers(arg, true, false); }
static int classify_range_narrow(void *arg) { return classify_customers(arg, false, true); }
static int classify_range_checked_narrow(void *arg) { return classify_customers(arg, true, true); }

/* The ascending position where the top `permille` of `count` values starts: the K-th
 * largest with K = ceil(permille·count/1000), at least 1. Values at or above it are in. */
static uint64_t top_position(uint64_t count, int64_t permille) {
    uint64_t k = ((uint64_t)permille * count + 999) / 1000;
    return count + 1 - (k < 1 ? 1 : k);
}

/* What each range keeps for the global cut points: a bucket histogram of the monetary metric
 * (not in fixed mode) and the largest LTV basis values, as many as the core could hold if
 * every customer had orders. */
static int keep_values(ltv_segmentation *seg, classify_share *shares, int count) {
    if (P(seg, LTV_SEG_RFM_MODE) != LTV_RFM_FIXED) {
        seg->bucket_hist = ltv__calloc((size_t)count * LTV__BUCKETS, sizeof *seg->bucket_hist);
        if (!seg->bucket_hist) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
        for (int i = 0; i < count; i++) shares[i].monetary = seg->bucket_hist + (size_t)i * LTV__BUCKETS;
        seg->counted_parts = count; /* the ranges are known after the pass (record_ranges) */
    }
    const size_t want = (size_t)(seg->n + 1 - top_position(seg->n, P(seg, LTV_SEG_CORE_PERMILLE)));
    for (int i = 0; i < count; i++) {
        /* room for the values a range keeps before its floor first rises (all of a small one) */
        const size_t range = shares[i].meeting->end - shares[i].meeting->begin,
                     room = (range < 2 * want ? range : 2 * want) + 1;
        int64_t *values = ltv__malloc(room * sizeof *values);
        if (!values) {
            for (int j = 0; j < i; j++) ltv__free(shares[j].core.values), shares[j].core.values = NULL;
            return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
        }
        shares[i].keep_core = true;
        shares[i].core = (ltv__top_values){values, 0, room, want, 0, INT64_MIN};
    }
    return LTV_OK;
}

/* A customer's pass with checks costs about as much as checksumming this many bytes of an
 * array (at L: 0.15 s for 5 M customers on one thread, 0.04 s for the 280 MB of events). */
#define PASS_BYTES_PER_CUSTOMER 250.0

/* Splits the customers among the ranges. Without checks, evenly. With them, each unchecked
 * array is checksummed by one range, and the customers are split so that hashing and passing
 * would end together on every thread (ltv__balance). That split is an estimate: ranges 2k and
 * 2k + 1 share their customers as a meeting, from the front and from the back, so that they
 * end together whatever slows one of them (the machine's other work, a slow checksum). An odd
 * last range has its own. */
static void split_customers(classify_share *shares, int count, size_t n, const ltv__deferred_checks *unchecked,
                            ltv__meeting *meetings) {
    double cut[LTV__PASS_PARTS + 1];
    if (unchecked) {
        const ltv__unchecked_array *a = unchecked->events_arrays;
        const double bytes[2] = {(double)a[0].len, (double)a[1].len};
        int owner[2];
        ltv__balance(count, bytes, 2, (double)n * PASS_BYTES_PER_CUSTOMER, owner, cut);
        for (int k = 0; k < 2; k++) shares[owner[k]].hash[k] = &a[k]; /* by the array's own index */
    } else {
        ltv__balance(count, NULL, 0, (double)n, NULL, cut);
    }
    for (int i = 0; i < count; i += 2) {
        const int last = i + 1 < count ? i + 1 : i;
        const size_t begin = (size_t)((double)n * cut[i]),
                     end = last == count - 1 ? n : (size_t)((double)n * cut[last + 1]);
        ltv__meeting_init(&meetings[i / 2], begin, end, PREFAULT_CHUNK);
        shares[i].meeting = shares[last].meeting = &meetings[i / 2];
        shares[last].from_back = last != i;
    }
}

/* After pass 1: the contiguous range each share took (the front of a meeting to its point,
 * the back from there; a share alone took all of its meeting), and the monetary counts by
 * range, which the cut points gather by. */
static void record_ranges(ltv_segmentation *seg, classify_share *shares, int count) {
    for (int i = 0; i < count; i++) {
        const ltv__meeting *m = shares[i].meeting;
        const size_t point = ltv__meeting_point(m);
        shares[i].begin = shares[i].from_back ? point : m->begin;
        shares[i].end = shares[i].from_back ? m->end : point;
        if (seg->counted_parts)
            seg->monetary_counts[i] = (ltv__bucket_counts){shares[i].begin, shares[i].end, shares[i].monetary};
    }
}

/* After a checking pass: the totals of the ranges and the checksums, to the ledger, which
 * compares them with what META promised. A range that stopped for another reason (memory)
 * leaves the events unchecked. */
static int report_checks(const ltv_segmentation *seg, const classify_share *shares, int count, int status) {
    if (status != LTV_OK && status != LTV_EFORMAT) return status;
    ltv__event_totals totals = {0, 0, 0, 0, LTV_NO_DAY, LTV_NO_DAY};
    uint64_t sums[2] = {0, 0};
    for (int i = 0; i < count; i++) {
        if (status == LTV_OK && !ltv__event_totals_add(&totals, &shares[i].totals))
            status = ltv__fail(LTV_EFORMAT, "corrupt snapshot: section EVENTS: the amounts overflow");
        for (int k = 0; k < 2; k++)
            if (shares[i].hash[k]) sums[k] = shares[i].sums[k];
    }
    return ltv__ledger_events_checked(seg->ledger, status, &totals, sums);
}

/* The ranges' arrays of kept values (*parts[i], counts[i] values each) as one array of
 * `capacity`, in the place of the largest: realloc grows a large block by remapping its pages,
 * so only the other ranges' values go to fresh pages, which cost more than the copying on this
 * kind of machine (docs/benchmarks.md). Takes the arrays (sets *parts[i] to NULL); NULL when
 * out of memory, and then the caller still owns all of them. */
static int64_t *join_values(int64_t **const *parts, const size_t *counts, int count, size_t capacity) {
    int largest = 0;
    for (int i = 1; i < count; i++)
        if (counts[i] > counts[largest]) largest = i;
    int64_t *joined = ltv__realloc_array(*parts[largest], capacity ? capacity : 1, sizeof *joined);
    if (!joined) return NULL;
    *parts[largest] = NULL;
    size_t at = counts[largest];
    for (int i = 0; i < count; i++) {
        if (i == largest) continue;
        if (counts[i]) memcpy(joined + at, *parts[i], counts[i] * sizeof *joined);
        at += counts[i];
        ltv__free(*parts[i]);
        *parts[i] = NULL;
    }
    return joined;
}

/* One of the ranges' value lists (the excellent's or the general's annual LTV), joined. */
static int join_list(classify_share *shares, int count, bool general, int64_t **out, size_t *out_count) {
    int64_t **parts[LTV__PASS_PARTS] = {0};
    size_t counts[LTV__PASS_PARTS] = {0}, total = 0;
    for (int i = 0; i < count; i++) {
        value_list *list = general ? &shares[i].general : &shares[i].excellent;
        parts[i] = &list->values;
        total += counts[i] = list->count;
    }
    *out = join_values(parts, counts, count, total);
    if (!*out) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    *out_count = total;
    return LTV_OK;
}

/* What the ranges kept, joined for the run: the excellent customers' annual LTV, a narrow
 * run's general customers' annual LTV, and with `keep` the largest LTV basis values with the
 * floors' ties (as copies of the floor, up to `want`, and counted in core_ties). */
static int join_kept_values(ltv_segmentation *seg, classify_share *shares, int count, bool keep) {
    int status = join_list(shares, count, false, &seg->excellent_annual, &seg->excellent_count);
    if (status == LTV_OK && seg->narrow)
        status = join_list(shares, count, true, &seg->general_annual, &seg->general_count);
    if (status != LTV_OK) return status;
    if (!keep) return LTV_OK;
    int64_t **parts[LTV__PASS_PARTS] = {0};
    size_t counts[LTV__PASS_PARTS] = {0}, kept = 0, total = 0;
    for (int i = 0; i < count; i++) {
        parts[i] = &shares[i].core.values;
        kept += counts[i] = shares[i].core.count;
        total += ltv__top_values_size(&shares[i].core);
    }
    seg->core = join_values(parts, counts, count, total);
    if (!seg->core) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    seg->core_count = kept;
    for (int i = 0; i < count; i++) { /* the ties beyond the copies appended, for the core's exact count */
        const ltv__top_values *t = &shares[i].core;
        seg->core_ties[i] = (ltv__core_ties){t->floor, t->ties, ltv__top_values_size(t) - t->count};
        ltv__top_values_append_ties(t, seg->core, &seg->core_count);
    }
    seg->core_parts = count;
    return LTV_OK;
}

/* Pass 1 on up to the thread budget's threads, one range of customers each; sums are
 * integers, so adding the ranges' sums gives exactly the one-thread result. With `keep`, it
 * also keeps what the monetary cut points and the core threshold select from; with
 * `check_events`, it checks a snapshot's events as it reads them (report_checks). */
static int classify(ltv_segmentation *seg, bool keep, bool check_events, group_sums states[LTV_STATE_COUNT],
                    group_sums ranks[LTV_RANK_COUNT]) {
    classify_share shares[LTV__PASS_PARTS];
    ltv__meeting meetings[(LTV__PASS_PARTS + 1) / 2];
    const int count = pass_threads(seg->n);
    uint64_t *hist = ltv__calloc((size_t)count * 2 * SMALL_CAP, sizeof *hist);
    if (!hist) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    for (int i = 0; i < count; i++) {
        memset(&shares[i], 0, sizeof shares[i]);
        shares[i].seg = seg;
        shares[i].hist[0] = hist + (size_t)(2 * i) * SMALL_CAP;
        shares[i].hist[1] = hist + (size_t)(2 * i + 1) * SMALL_CAP;
    }
    split_customers(shares, count, seg->n, check_events ? seg->ledger->deferred : NULL, meetings);
    if (keep) {
        const int status = keep_values(seg, shares, count);
        if (status != LTV_OK) {
            ltv__free(hist);
            return status;
        }
    }
    static const ltv__task_fn passes[2][2] = {{classify_range, classify_range_narrow},
                                               {classify_range_checked, classify_range_checked_narrow}};
    int status = ltv__run_tasks(passes[check_events][seg->narrow], shares, sizeof shares[0], count);
    record_ranges(seg, shares, count);
    if (check_events) status = report_checks(seg, shares, count, status);
    if (status == LTV_OK) status = join_kept_values(seg, shares, count, keep);
    for (int i = 0; i < count; i++) {
        ltv__free(shares[i].excellent.values); /* those not taken by the joined arrays */
        ltv__free(shares[i].general.values);
        ltv__free(shares[i].core.values);
        if (status != LTV_OK) continue; /* sums of a failed pass are not used (a damaged file's may overflow) */
        for (int s = 0; s < LTV_STATE_COUNT; s++) add_sums(&states[s], &shares[i].states[s]);
        for (int r = 0; r < LTV_RANK_COUNT; r++) add_sums(&ranks[r], &shares[i].ranks[r]);
        seg->customers_with_orders += shares[i].customers;
        seg->basis_total += shares[i].basis_total;
        seg->lifetime_misfits += shares[i].overflow[2];
        for (int m = 0; m < 2; m++) {
            seg->small_overflow[m] += shares[i].overflow[m];
            if (i > 0)
                for (size_t v = 0; v < SMALL_CAP; v++) shares[0].hist[m][v] += shares[i].hist[m][v];
        }
    }
    seg->small_hist = hist; /* shares[0]'s two histograms hold the totals */
    return status;
}

/* A score of 1..bins on the 1..5 scale of the default named segments: 1 stays 1, the best
 * stays 5, the rest spread evenly between (rounded). */
static int five_scale(int score_value, int bins) {
    return 1 + ((score_value - 1) * 8 + (bins - 1)) / (2 * (bins - 1));
}

/* The named segment of every score combination, so the per-customer step is one lookup. */
static void build_preset_table(const ltv_segmentation *seg, uint8_t *table) {
    const size_t side = LTV_RFM_MAX_BINS + 1;
    const int *bins = seg->bins;
    for (int r = 1; r <= bins[0]; r++)
        for (int f = 1; f <= bins[1]; f++)
            for (int m = 1; m <= bins[2]; m++) {
                /* default presets are written for 5 bins: map other bin counts onto 1..5 */
                int rs = r, fs = f, ms = m;
                if (seg->cfg.default_presets) {
                    if (bins[0] != 5) rs = bins[0] > 1 ? five_scale(r, bins[0]) : 1;
                    if (bins[1] != 5) fs = bins[1] > 1 ? five_scale(f, bins[1]) : 1;
                    if (bins[2] != 5) ms = bins[2] > 1 ? five_scale(m, bins[2]) : 1;
                }
                size_t match = seg->cfg.preset_count;
                for (size_t p = 0; p < seg->cfg.preset_count; p++) {
                    const ltv__preset *q = &seg->cfg.presets[p];
                    if (rs >= q->r_min && rs <= q->r_max && fs >= q->f_min && fs <= q->f_max && ms >= q->m_min &&
                        ms <= q->m_max) {
                        match = p;
                        break;
                    }
                }
                table[((size_t)r * side + (size_t)f) * side + (size_t)m] = (uint8_t)match;
            }
}

/* Entries that share an English name form one segment: each entry's segment is the
 * position of its name's first entry among the distinct names. */
static int map_segments(ltv_segmentation *seg) {
    const size_t count = seg->cfg.preset_count;
    seg->segment_of = ltv__calloc(count + 1, 1);
    if (!seg->segment_of) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    size_t distinct = 0;
    for (size_t p = 0; p < count; p++) {
        size_t same = p;
        for (size_t q = 0; q < p && same == p; q++)
            if (strcmp(seg->cfg.presets[q].name_en, seg->cfg.presets[p].name_en) == 0) same = q;
        seg->segment_of[p] = same == p ? (uint8_t)distinct++ : seg->segment_of[same];
    }
    seg->segment_of[count] = (uint8_t)distinct;
    seg->segment_count = distinct;
    seg->segment_counts = ltv__calloc(distinct + 1, sizeof *seg->segment_counts);
    if (!seg->segment_counts) return ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    return LTV_OK;
}

static int highlight(ltv_segmentation *seg) {
    ltv_ltv_summary *s = &seg->ltv;
    const uint64_t excellent = seg->rank_stats[LTV_RANK_EXCELLENT].customers;
    int status = LTV_OK;
    if (excellent) { /* both excellent-rank levels in one selection */
        const uint64_t pos = ((uint64_t)P(seg, LTV_SEG_HIGH_GENERAL_PERCENTILE) * excellent + 99) / 100;
        const uint64_t ranks[2] = {top_position(excellent, P(seg, LTV_SEG_TOP_EXCELLENT_PERMILLE)), pos < 1 ? 1 : pos};
        int64_t found[2];
        if (seg->whole) ltv__shard_ranks(seg, LTV__LIST_EXCELLENT, ranks, 2, found);
        else status = ltv__order_stats(seg->excellent_annual, 8, seg->excellent_count, NULL, 0, 0, ranks, 2, found);
        s->top_excellent_threshold = found[0];
        s->high_ltv_general_threshold = found[1];
    }
    if (status == LTV_OK && seg->customers_with_orders) {
        const uint64_t core = top_position(seg->customers_with_orders, P(seg, LTV_SEG_CORE_PERMILLE));
        if (seg->whole) ltv__shard_ranks(seg, LTV__LIST_BASIS, &core, 1, &s->core_threshold);
        else { /* the K-th largest with orders is the K-th largest kept (pass 1 kept at least K) */
            const uint64_t rank = (uint64_t)seg->core_count - seg->customers_with_orders + core;
            status = ltv__order_stats(seg->core, 8, seg->core_count, NULL, 0, 0, &rank, 1, &s->core_threshold);
        }
    }
    return status;
}

/* Pass 2 over one range of customers: scores, named segments and flags, and their counts. */
typedef struct score_share {
    const ltv_segmentation *seg;
    size_t begin, end;
    uint64_t score_counts[3][LTV_RFM_MAX_BINS];
    uint64_t preset_counts[LTV_PRESETS_MAX + 1];
    uint64_t core_customers, top_excellent, high_ltv_general;
    int64_t core_total, continuing, churned;
} score_share;

/* The pass over one range; with `store` (a constant in each caller) it also writes the score
 * columns, which the run's own pass does not (ltv__segmentation_columns). With `packed`, after
 * a narrow pass 1, it reads the packed words and 32-bit lifetimes and counts only the scores:
 * the flags' counts and sums come from what pass 1 kept (count_kept_flags). */
static inline int score_customers(score_share *sh, const bool store, const bool packed) {
    const ltv_segmentation *seg = sh->seg;
    const size_t side = LTV_RFM_MAX_BINS + 1;
    /* Everything the loop reads in locals, and its counts too: stores into the uint8_t
     * columns may alias anything reached through seg or sh (see classify_range). */
    const uint8_t *const lut = seg->score_lut, *const table = seg->preset_table, *const segment_of = seg->segment_of;
    const int8_t *const state = seg->state, *const rank = seg->rank;
    const int32_t *const recency = seg->recency, *const fvalue = seg->fvalue;
    const int64_t *const annual = seg->annual, *const lifetime = seg->lifetime;
    const int64_t *const basis = P(seg, LTV_SEG_LTV_BASIS) == LTV_BASIS_LIFETIME ? lifetime : annual;
    const double *const mvalue = seg->mvalue;
    uint8_t *const r_col = seg->r, *const f_col = seg->f, *const m_col = seg->m, *const preset_col = seg->preset,
                   *const segment_col = seg->segment, *const flags_col = seg->flags;
    const uint8_t no_preset = (uint8_t)seg->cfg.preset_count, no_segment = (uint8_t)seg->segment_count;
    const int64_t top_threshold = seg->ltv.top_excellent_threshold,
                  general_threshold = seg->ltv.high_ltv_general_threshold, core_threshold = seg->ltv.core_threshold;
    const bool any_excellent = seg->rank_stats[LTV_RANK_EXCELLENT].customers > 0;
    ltv__scorer scorer[3];
    for (int metric = 0; metric < 3; metric++) ltv__segment_scorer(seg, metric, &scorer[metric]);
    uint64_t combos[(LTV_RFM_MAX_BINS + 1) * (LTV_RFM_MAX_BINS + 1) * (LTV_RFM_MAX_BINS + 1)] = {0};
    uint64_t core_customers = 0, top_excellent = 0, high_ltv_general = 0;
    int64_t core_total = 0, continuing = 0, churned = 0;
    size_t next_fault = store ? sh->begin : SIZE_MAX;
    const int32_t *const packed_words = seg->orders, *const lifetime32 = seg->recency;
    for (size_t c = sh->begin; c < sh->end; c++) {
        if (store && c == next_fault) next_fault = prefault_pass2(seg, c, sh->end);
        if (packed) { /* recency and orders below SMALL_CAP: a narrow run has no overflow */
            const uint32_t word = (uint32_t)packed_words[c];
            if (ltv__packed_state(word) == LTV_STATE_NONE) continue;
            const uint8_t r = lut[word & (SMALL_CAP - 1)],
                          f = lut[SMALL_CAP + (word >> LTV__PACKED_ORDERS_SHIFT & (SMALL_CAP - 1))];
            const uint8_t m = ltv__scorer_score(&scorer[LTV_RFM_MONETARY], (double)lifetime32[c]);
            combos[((size_t)r * side + f) * side + m]++;
            continue;
        }
        if (state[c] == LTV_STATE_NONE) {
            if (store) {
                r_col[c] = f_col[c] = m_col[c] = 0;
                preset_col[c] = no_preset;
                segment_col[c] = no_segment;
                flags_col[c] = 0;
            }
            continue;
        }
        const int32_t rec = recency[c], ord = fvalue[c];
        const uint8_t r = rec < SMALL_CAP ? lut[rec] : ltv__scorer_score(&scorer[LTV_RFM_RECENCY], (double)rec);
        const uint8_t f =
            ord < SMALL_CAP ? lut[SMALL_CAP + ord] : ltv__scorer_score(&scorer[LTV_RFM_FREQUENCY], (double)ord);
        const uint8_t m = ltv__scorer_score(&scorer[LTV_RFM_MONETARY], mvalue ? mvalue[c] : (double)lifetime[c]);
        const size_t combo = ((size_t)r * side + f) * side + m;
        combos[combo]++; /* one count per customer; the score and preset counts follow from it */
        /* flags without branches: which of them a customer has is data, not a pattern */
        const bool top = (rank[c] == LTV_RANK_EXCELLENT) & (annual[c] >= top_threshold);
        const bool high = (rank[c] == LTV_RANK_GENERAL) & any_excellent & (annual[c] >= general_threshold);
        const bool core = (basis[c] > 0) & (basis[c] >= core_threshold); /* no LTV is never core */
        if (store) {
            const uint8_t preset = table[combo];
            r_col[c] = r, f_col[c] = f, m_col[c] = m;
            preset_col[c] = preset;
            segment_col[c] = segment_of[preset];
            flags_col[c] = (uint8_t)((top ? LTV_FLAG_TOP_EXCELLENT : 0) | (high ? LTV_FLAG_HIGH_LTV_GENERAL : 0) |
                                     (core ? LTV_FLAG_CORE : 0));
        }
        top_excellent += top;
        high_ltv_general += high;
        core_customers += core;
        /* the sums through masks: as conditions the compiler made branches of them, and
         * whether a customer is core or dormant is data too */
        const int64_t core_mask = -(int64_t)core, dormant_mask = -(int64_t)(state[c] == LTV_STATE_DORMANT);
        core_total += basis[c] & core_mask;
        churned += lifetime[c] & dormant_mask;
        continuing += lifetime[c] & ~dormant_mask;
    }
    /* the table is filled for the scores each metric can have, 1..bins */
    for (size_t r = 1; r <= (size_t)seg->bins[0]; r++)
        for (size_t f = 1; f <= (size_t)seg->bins[1]; f++)
            for (size_t m = 1; m <= (size_t)seg->bins[2]; m++) {
                const size_t combo = (r * side + f) * side + m;
                const uint64_t count = combos[combo];
                sh->score_counts[0][r - 1] += count;
                sh->score_counts[1][f - 1] += count;
                sh->score_counts[2][m - 1] += count;
                sh->preset_counts[table[combo]] += count;
            }
    sh->core_customers = core_customers;
    sh->top_excellent = top_excellent;
    sh->high_ltv_general = high_ltv_general;
    sh->core_total = core_total;
    sh->continuing = continuing;
    sh->churned = churned;
    return LTV_OK;
}

static int count_range(void *arg) { return score_customers(arg, false, false); }
static int count_range_packed(void *arg) { return score_customers(arg, false, true); }
static int store_range(void *arg) { return score_customers(arg, true, false); }

/* The ranges of a pass over the customers, one per thread of the budget. */
static int split_evenly(size_t n, size_t *begin, size_t *end) {
    const int count = pass_threads(n);
    for (int i = 0; i < count; i++) {
        begin[i] = n * (size_t)i / (size_t)count;
        end[i] = n * (size_t)(i + 1) / (size_t)count;
    }
    return count;
}

/* Every column pass 1 writes, for a range after a narrow pass 1: state and rank from the
 * packed words, the others from the same facts. */
typedef struct wide_share {
    const ltv_segmentation *seg;
    size_t begin, end;
} wide_share;

static int write_wide_range(void *arg) {
    const wide_share *sh = arg;
    const ltv_segmentation *seg = sh->seg;
    const ltv__event *const events = seg->ledger->organized.events;
    const uint64_t *const run_start = seg->ledger->ev_start;
    int32_t *const recency = seg->recency, *const orders = seg->orders;
    int64_t *const annual = seg->annual, *const lifetime = seg->lifetime;
    int8_t *const state = seg->state, *const rank = seg->rank;
    size_t next_fault = sh->begin;
    for (size_t c = sh->begin; c < sh->end; c++) {
        if (c == next_fault) next_fault = prefault_pass1(seg, c, sh->end, false);
        const uint32_t word = (uint32_t)orders[c];
        state[c] = ltv__packed_state(word);
        rank[c] = ltv__packed_rank(word);
        ltv_customer_facts f;
        ltv__facts_of_run(events, (size_t)run_start[c], (size_t)run_start[c + 1], seg->as_of, &f);
        lifetime[c] = f.amount;
        recency[c] = f.recency_days;
        orders[c] = f.orders;
        annual[c] = f.year_amount;
    }
    return LTV_OK;
}

static void write_wide(ltv_segmentation *seg) {
    wide_share shares[LTV__PASS_PARTS];
    size_t begin[LTV__PASS_PARTS], end[LTV__PASS_PARTS];
    const int count = split_evenly(seg->n, begin, end);
    for (int i = 0; i < count; i++) shares[i] = (wide_share){seg, begin[i], end[i]};
    (void)ltv__run_tasks(write_wide_range, shares, sizeof shares[0], count); /* cannot fail */
    seg->narrow = false;
}

/* Pass 2 (or the writing of its columns) on the thread budget's threads, one range each. */
static void score_ranges(const ltv_segmentation *seg, bool store, score_share shares[LTV__PASS_PARTS], int *out_count) {
    size_t begin[LTV__PASS_PARTS], end[LTV__PASS_PARTS];
    const int count = split_evenly(seg->n, begin, end);
    memset(shares, 0, (size_t)count * sizeof *shares);
    for (int i = 0; i < count; i++) {
        shares[i].seg = seg;
        shares[i].begin = begin[i];
        shares[i].end = end[i];
    }
    /* a range cannot fail: the columns and counts are in place */
    (void)ltv__run_tasks(store ? store_range : seg->narrow ? count_range_packed : count_range, shares, sizeof *shares,
                         count);
    *out_count = count;
}

/* Writes the columns left for first use, once. The run's lock is made with the result; a
 * result whose pass 2 wrote them (PyMC mode) has scores_written set from the start. */
void ltv__segmentation_columns(const ltv_segmentation *seg) {
    if (atomic_load_explicit(&seg->scores_written, memory_order_acquire)) return;
    ltv_segmentation *s = (ltv_segmentation *)(uintptr_t)seg; /* the columns are the result's cache */
    pthread_mutex_lock(&s->scores_lock);
    if (!atomic_load_explicit(&s->scores_written, memory_order_relaxed)) {
        score_share shares[LTV__PASS_PARTS];
        int count;
        if (s->narrow) write_wide(s);
        score_ranges(s, true, shares, &count);
        ltv__segment_flag_falling(s);
        atomic_store_explicit(&s->scores_written, true, memory_order_release);
    }
    pthread_mutex_unlock(&s->scores_lock);
}

/* After a narrow pass 1, what pass 2 would count per customer for the flags, from what pass 1
 * kept: the excellent and general customers' annual LTV (top excellent, high-LTV general),
 * the largest LTV basis values of each range (the core: every value at or above the
 * threshold is among them, the floor's ties counted whole), and the states' lifetime sums
 * (the dormant and the others). Exactly pass 2's numbers (run.c's tests compare them). */
static void count_kept_flags(const ltv_segmentation *seg, score_share *out) {
    memset(out, 0, sizeof *out);
    const ltv_ltv_summary *s = &seg->ltv;
    for (size_t i = 0; i < seg->excellent_count; i++) out->top_excellent += seg->excellent_annual[i] >= s->top_excellent_threshold;
    if (seg->rank_stats[LTV_RANK_EXCELLENT].customers > 0)
        for (size_t i = 0; i < seg->general_count; i++)
            out->high_ltv_general += seg->general_annual[i] >= s->high_ltv_general_threshold;
    const int64_t core_threshold = s->core_threshold;
    for (size_t i = 0; i < seg->core_count; i++) {
        const int64_t v = seg->core[i];
        const bool core = (v > 0) & (v >= core_threshold);
        out->core_customers += core;
        out->core_total += core ? v : 0;
    }
    for (int i = 0; i < seg->core_parts; i++) { /* a floor never lies above the threshold */
        const ltv__core_ties *t = &seg->core_ties[i];
        if (t->floor > 0 && t->floor >= core_threshold && t->ties > t->copies) {
            out->core_customers += t->ties - t->copies;
            out->core_total += (int64_t)(t->ties - t->copies) * t->floor;
        }
    }
    for (int st = 0; st < LTV_STATE_COUNT; st++) {
        if (st == LTV_STATE_DORMANT) out->churned += seg->state_stats[st].revenue;
        else out->continuing += seg->state_stats[st].revenue;
    }
}

/* Pass 2: the counts of scores, named segments and flags, and the LTV summary; the score
 * columns too only when the metric values they come from are not kept (PyMC mode). Integer
 * counts of the ranges add up exactly. */
static int score_all(ltv_segmentation *seg, const score_share *kept) {
    /* scores of the small recency and order values, looked up instead of compared */
    for (size_t v = 0; v < SMALL_CAP; v++) {
        seg->score_lut[v] = ltv__segment_score(seg, LTV_RFM_RECENCY, (double)v);
        seg->score_lut[SMALL_CAP + v] = ltv__segment_score(seg, LTV_RFM_FREQUENCY, (double)v);
    }
    const bool store = seg->fvalue != seg->orders || seg->mvalue; /* freed after the run */
    score_share shares[LTV__PASS_PARTS];
    int count;
    score_ranges(seg, store, shares, &count);
    if (store) {
        ltv__segment_flag_falling(seg);
        atomic_store_explicit(&seg->scores_written, true, memory_order_release);
    }
    ltv_ltv_summary *s = &seg->ltv;
    int64_t core_total = kept->core_total, continuing = kept->continuing, churned = kept->churned;
    s->core_customers = kept->core_customers;
    s->top_excellent_customers = kept->top_excellent;
    s->high_ltv_general_customers = kept->high_ltv_general;
    for (int i = 0; i < count; i++) {
        for (int metric = 0; metric < 3; metric++)
            for (int b = 0; b < seg->bins[metric]; b++) seg->score_counts[metric][b] += shares[i].score_counts[metric][b];
        for (size_t p = 0; p <= seg->cfg.preset_count; p++) {
            seg->preset_counts[p] += shares[i].preset_counts[p];
            seg->segment_counts[seg->segment_of[p]] += shares[i].preset_counts[p];
        }
        s->core_customers += shares[i].core_customers;
        s->top_excellent_customers += shares[i].top_excellent;
        s->high_ltv_general_customers += shares[i].high_ltv_general;
        core_total += shares[i].core_total;
        continuing += shares[i].continuing;
        churned += shares[i].churned;
    }
    if (seg->whole) ltv__shard_pass2_totals(seg, &core_total, &continuing, &churned);
    s->basis = (int32_t)P(seg, LTV_SEG_LTV_BASIS);
    s->customers = seg->customers_with_orders;
    s->average_ltv = s->customers ? (double)seg->basis_total / (double)s->customers : 0.0;
    s->core_revenue_share = seg->basis_total > 0 ? (double)core_total / (double)seg->basis_total : 0.0;
    s->churned_customers = seg->state_stats[LTV_STATE_DORMANT].customers;
    s->continuing_customers = s->customers - s->churned_customers;
    s->continuing_average_ltv = s->continuing_customers ? (double)continuing / (double)s->continuing_customers : 0.0;
    s->churned_average_ltv = s->churned_customers ? (double)churned / (double)s->churned_customers : 0.0;
    /* only a comparison of two non-empty groups means anything */
    s->retention_value = s->continuing_customers && s->churned_customers
                             ? s->continuing_average_ltv - s->churned_average_ltv
                             : 0.0;
    if (!s->top_excellent_customers) s->top_excellent_threshold = 0;
    if (!seg->rank_stats[LTV_RANK_EXCELLENT].customers) s->high_ltv_general_threshold = 0;
    return LTV_OK;
}

static int allocate_columns(ltv_segmentation *seg) {
    const size_t n = seg->n ? seg->n : 1;
    seg->column_bytes = n * (8 * sizeof(uint8_t) + 2 * sizeof(int32_t) + 2 * sizeof(int64_t));
    /* one block, 8-byte columns first so that every column stays aligned */
    char *block = ltv__big_alloc(seg->column_bytes);
    if (!block) return ltv__fail(LTV_ENOMEM, "segmentation: out of memory for %zu customers", seg->n);
    seg->annual = (int64_t *)(void *)block;
    seg->lifetime = seg->annual + n;
    seg->recency = (int32_t *)(void *)(seg->lifetime + n);
    seg->orders = seg->recency + n;
    seg->state = (int8_t *)(void *)(seg->orders + n);
    seg->rank = seg->state + n;
    seg->r = (uint8_t *)(void *)(seg->rank + n);
    seg->f = seg->r + n;
    seg->m = seg->f + n;
    seg->preset = seg->m + n;
    seg->flags = seg->preset + n;
    seg->segment = seg->flags + n;
    seg->fvalue = seg->orders;
    if (P(seg, LTV_SEG_RFM_MODE) == LTV_RFM_PYMC) { /* the metrics PyMC scores are not the columns */
        seg->fvalue = ltv__malloc(n * sizeof *seg->fvalue);
        seg->mkey = ltv__malloc(n * sizeof *seg->mkey);
        seg->mvalue = ltv__malloc(n * sizeof *seg->mvalue);
        if (!seg->fvalue || !seg->mkey || !seg->mvalue)
            return ltv__fail(LTV_ENOMEM, "segmentation: out of memory for %zu customers", seg->n);
    }
    return LTV_OK;
}

static void release_metric_values(ltv_segmentation *seg) {
    if (seg->fvalue != seg->orders) ltv__free(seg->fvalue);
    ltv__free(seg->mkey);
    ltv__free(seg->mvalue);
    seg->fvalue = seg->orders;
    seg->mkey = NULL;
    seg->mvalue = NULL;
}

static int check_rank_limits(const ltv_segment_config *cfg) {
    const int64_t semi = cfg->params[LTV_SEG_SEMI_MIN_YEAR_ORDERS], excellent = cfg->params[LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS];
    if (semi >= excellent)
        return ltv__fail(LTV_ERANGE, "ltv_segment_run: LTV_SEG_SEMI_MIN_YEAR_ORDERS %lld must be below "
                         "LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS %lld", (long long)semi, (long long)excellent);
    return LTV_OK;
}

static int check_fixed_thresholds(const ltv_segment_config *cfg) {
    if (cfg->params[LTV_SEG_RFM_MODE] != LTV_RFM_FIXED) return LTV_OK;
    static const char *const names[3] = {"recency", "frequency", "monetary"};
    for (int metric = 0; metric < 3; metric++) {
        const int bins = ltv__segment_bins(cfg, metric);
        if (cfg->threshold_count[metric] != (size_t)bins - 1)
            return ltv__fail(LTV_ERANGE, "ltv_segment_run: fixed mode with %d bins needs %d %s thresholds, %zu set", bins,
                             bins - 1, names[metric], cfg->threshold_count[metric]);
    }
    return LTV_OK;
}

/* A run over a ledger, or over a customer table (whose ids are `ledger`); a shard's run with
 * the whole's summary, or only pass 1 for the shard's own summary (shard.c). */
static int run(ltv_segmentation **out, const ltv_ledger *ledger, const ltv_customer_table *table,
               const ltv_segment_config *cfg, int32_t as_of_day, const ltv_segment_summary *whole,
               ltv_segment_summary **summary) {
    if (as_of_day < LTV_DAY_MIN || as_of_day > LTV_DAY_MAX + 1)
        return ltv__fail(LTV_ERANGE, "ltv_segment_run: as-of day %d is outside %d..%d", as_of_day, LTV_DAY_MIN,
                         LTV_DAY_MAX + 1);
    ltv_segment_config *defaults = NULL;
    int status = LTV_OK;
    if (!cfg) {
        status = ltv_segment_config_new(&defaults);
        cfg = defaults;
    }
    if (status == LTV_OK) status = check_rank_limits(cfg);
    if (status == LTV_OK) status = check_fixed_thresholds(cfg);
    if (status == LTV_OK && table) status = ltv__customer_table_check_as_of(table, as_of_day);
    bool check_events = false; /* a snapshot's events checked by pass 1 itself (LTV_OPEN_CHECK_ON_USE) */
    if (status == LTV_OK) status = ltv__ledger_prepare_scan(ledger, &check_events);
    ltv_segmentation *seg = status == LTV_OK ? ltv__calloc(1, sizeof *seg) : NULL;
    if (status == LTV_OK && !seg) status = ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    if (seg) {
        seg->scores_lock_made = pthread_mutex_init(&seg->scores_lock, NULL) == 0;
        if (!seg->scores_lock_made) status = ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory for a lock");
    }
    if (status == LTV_OK) {
        seg->ledger = ledger;
        seg->table = table;
        seg->as_of = as_of_day;
        seg->n = (size_t)ltv_ledger_customer_count(ledger);
        status = ltv__segment_config_copy(&seg->cfg, cfg);
        /* aggregates have no trailing year: the analyses use the lifetime amount */
        if (status == LTV_OK && table) seg->cfg.params[LTV_SEG_LTV_BASIS] = LTV_BASIS_LIFETIME;
    }
    ltv_segment_config_free(defaults);
    if (status == LTV_OK) status = allocate_columns(seg);
    if (status == LTV_OK) {
        seg->preset_counts = ltv__calloc(seg->cfg.preset_count + 1, sizeof *seg->preset_counts);
        if (!seg->preset_counts) status = ltv__fail(LTV_ENOMEM, "ltv_segment_run: out of memory");
    }
    if (status == LTV_OK) {
        ltv__rules_from_config(&seg->rules, &seg->cfg, ledger);
        status = ltv__segment_predict(seg); /* P(alive) before the states that may use it */
        if (status == LTV_OK) status = map_segments(seg);
    }
    if (status == LTV_OK && whole) status = ltv__shard_begin(seg, whole);
    if (status == LTV_OK) {
        group_sums states[LTV_STATE_COUNT] = {{0}}, ranks[LTV_RANK_COUNT] = {{0}};
        /* narrow: a whole ledger's plain run (not PyMC's metrics, a table's facts, a shard's or a
         * summary's lists, which read the columns) */
        seg->narrow = !table && !summary && !seg->whole && seg->fvalue == seg->orders;
        status = classify(seg, !summary && !seg->whole, check_events, states, ranks);
        /* values too large for the histograms or the narrow columns: the cut points select
         * from the full columns */
        const bool too_large = seg->small_overflow[0] || seg->small_overflow[1] || seg->lifetime_misfits;
        if (status == LTV_OK && seg->narrow && too_large) write_wide(seg);
        if (status == LTV_OK && summary) {
            status = ltv__summary_from_pass1(summary, seg, states, ranks);
            ltv_segmentation_free(seg);
            return status;
        }
        if (status == LTV_OK && seg->whole) status = ltv__shard_pass1_totals(seg, states, ranks);
        int64_t all_revenue = 0;
        for (int s = 0; s < LTV_STATE_COUNT; s++) all_revenue += states[s].revenue;
        for (int s = 0; s < LTV_STATE_COUNT; s++)
            finish_group(&seg->state_stats[s], &states[s], seg->customers_with_orders, all_revenue);
        for (int r = 0; r < LTV_RANK_COUNT; r++)
            finish_group(&seg->rank_stats[r], &ranks[r], seg->customers_with_orders, all_revenue);
        for (int metric = 0; metric < 3; metric++) seg->bins[metric] = ltv__segment_bins(&seg->cfg, metric);
        for (int metric = 0; metric < 3 && status == LTV_OK && seg->customers_with_orders; metric++)
            status = ltv__segment_cut_points(seg, metric);
    }
    if (status == LTV_OK) status = highlight(seg);
    score_share kept = {0}; /* a narrow run's flag counts, from what pass 1 kept */
    if (status == LTV_OK && seg->narrow) count_kept_flags(seg, &kept);
    if (seg) { /* the cut points and thresholds are known */
        ltv__free(seg->small_hist);
        ltv__free(seg->bucket_hist);
        ltv__free(seg->core);
        ltv__free(seg->general_annual);
        seg->general_annual = NULL;
        seg->small_hist = NULL;
        seg->bucket_hist = NULL;
        seg->core = NULL;
        seg->counted_parts = 0;
    }
    if (status == LTV_OK) {
        build_preset_table(seg, seg->preset_table);
        status = score_all(seg, &kept);
    }
    if (seg) release_metric_values(seg);
    if (status != LTV_OK) {
        ltv_segmentation_free(seg);
        return status;
    }
    *out = seg;
    return LTV_OK;
}

void ltv__segmentation_retain(ltv_segmentation *seg) { atomic_fetch_add(&seg->holders, 1); }

int ltv_segment_summary_new(ltv_segment_summary **out, const ltv_ledger *ledger, const ltv_segment_config *cfg,
                            int32_t as_of_day) {
    LTV_REQUIRE(out, "ltv_segment_summary_new");
    *out = NULL;
    LTV_REQUIRE(ledger, "ltv_segment_summary_new");
    return run(NULL, ledger, NULL, cfg, as_of_day, NULL, out);
}

int ltv_segment_run_shard(ltv_segmentation **out, const ltv_ledger *ledger, const ltv_segment_config *cfg,
                          int32_t as_of_day, const ltv_segment_summary *whole) {
    LTV_REQUIRE(out, "ltv_segment_run_shard");
    *out = NULL;
    LTV_REQUIRE(ledger, "ltv_segment_run_shard");
    LTV_REQUIRE(whole, "ltv_segment_run_shard");
    return run(out, ledger, NULL, cfg, as_of_day, whole, NULL);
}

int ltv_segment_run(ltv_segmentation **out, const ltv_ledger *ledger, const ltv_segment_config *cfg,
                    int32_t as_of_day) {
    LTV_REQUIRE(out, "ltv_segment_run");
    *out = NULL;
    LTV_REQUIRE(ledger, "ltv_segment_run");
    return run(out, ledger, NULL, cfg, as_of_day, NULL, NULL);
}

int ltv_segment_run_customers(ltv_segmentation **out, const ltv_customer_table *table,
                              const ltv_segment_config *cfg, int32_t as_of_day) {
    LTV_REQUIRE(out, "ltv_segment_run_customers");
    *out = NULL;
    LTV_REQUIRE(table, "ltv_segment_run_customers");
    return run(out, table->ids, table, cfg, as_of_day, NULL, NULL);
}

void ltv_segmentation_free(ltv_segmentation *seg) {
    if (!seg) return;
    if (atomic_fetch_sub(&seg->holders, 1) > 0) return; /* an Arrow export still reads the columns */
    release_metric_values(seg);
    ltv__segment_predict_free(seg);
    ltv__free(seg->segment_of);
    ltv__free(seg->segment_counts);
    ltv__free(seg->excellent_annual);
    ltv__free(seg->small_hist);
    ltv__free(seg->bucket_hist);
    ltv__free(seg->core);
    ltv__free(seg->general_annual);
    ltv__big_free(seg->annual, seg->column_bytes);
    ltv__free(seg->preset_counts);
    ltv__segment_config_release(&seg->cfg);
    if (seg->scores_lock_made) pthread_mutex_destroy(&seg->scores_lock);
    ltv__free(seg);
}
