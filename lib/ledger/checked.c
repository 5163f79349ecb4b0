/* Checks of a snapshot deferred from its open to the first use of each part (see
 * ledger_internal.h). The checks themselves are the snapshot module's (`check`); this file
 * runs them once per part under a lock and remembers a failure, so that every later caller
 * of a damaged ledger gets the same refusal instead of a result. */
#include <stdio.h>

#include "ledger_internal.h"

int ltv__bad_event(uint64_t c, uint64_t e, const char *what) {
    return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section EVENTS: event %llu (customer %llu) %s", (unsigned long long)e,
                     (unsigned long long)c, what);
}

int ltv__event_walk_matches(const uint64_t *starts, uint64_t customers, uint64_t events, const ltv__event_totals *found,
                            const ltv__event_totals *want, bool with_visits) {
    if (starts[0] != 0 || starts[customers] != events)
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: section RUN_STARTS does not run from 0 to the %llu events",
                         (unsigned long long)events);
    if (found->orders != want->orders || found->abs_money != want->abs_money || found->revenue != want->revenue ||
        found->min_day != want->min_day || found->max_day != want->max_day || (with_visits && found->visits != want->visits))
        return ltv__fail(LTV_EFORMAT, "corrupt snapshot: the totals in META do not match the events");
    return LTV_OK;
}

static ltv__deferred_checks *deferred_of(const ltv_ledger *ledger) {
    /* the record is the ledger's own, behind its lock: checking changes what is known, never an answer */
    return (ltv__deferred_checks *)(uintptr_t)ledger->deferred;
}

static int repeat_failure(const ltv__deferred_checks *d) { return ltv__fail(d->failed, "%s", d->message); }

/* Keeps the failure of a check (a damaged file stays damaged), named by the file as the
 * open would have named it, and returns it. */
static int remember(ltv__deferred_checks *d, int status) {
    if (status != LTV_EFORMAT || d->failed) return status;
    char found[sizeof d->message / 2]; /* room for the path before it */
    int written = snprintf(found, sizeof found, "%s", ltv_last_error());
    if (d->source) written = snprintf(d->message, sizeof d->message, "'%s': %s", d->source, found);
    else written = snprintf(d->message, sizeof d->message, "%s", found);
    (void)written; /* a message cut at 1 KiB still names the problem */
    d->failed = status;
    return repeat_failure(d);
}

int ltv__ledger_check_parts(const ltv_ledger *ledger, unsigned parts) {
    ltv__deferred_checks *d = deferred_of(ledger);
    pthread_mutex_lock(&d->lock);
    int status = LTV_OK;
    const unsigned todo = atomic_load_explicit(&d->unchecked, memory_order_relaxed) & parts;
    if (d->failed) status = repeat_failure(d);
    else if (todo) {
        status = remember(d, d->check(ledger, todo));
        if (status == LTV_OK) atomic_fetch_and_explicit(&d->unchecked, ~todo, memory_order_release);
    }
    pthread_mutex_unlock(&d->lock);
    return status;
}

int ltv__ledger_events_unchecked(const ltv_ledger *ledger, bool *out_unchecked) {
    *out_unchecked = false;
    ltv__deferred_checks *d = deferred_of(ledger);
    if (!d || !(atomic_load_explicit(&d->unchecked, memory_order_acquire) & LTV__PART_EVENTS)) return LTV_OK;
    pthread_mutex_lock(&d->lock);
    const int status = d->failed ? repeat_failure(d) : LTV_OK;
    *out_unchecked = status == LTV_OK && (atomic_load_explicit(&d->unchecked, memory_order_relaxed) & LTV__PART_EVENTS);
    pthread_mutex_unlock(&d->lock);
    return status;
}

int ltv__ledger_events_checked(const ltv_ledger *ledger, int scan_status, const ltv__event_totals *found,
                               const uint64_t sums[2]) {
    ltv__deferred_checks *d = deferred_of(ledger);
    pthread_mutex_lock(&d->lock);
    int status = LTV_OK;
    if (d->failed) status = repeat_failure(d);
    else if (atomic_load_explicit(&d->unchecked, memory_order_relaxed) & LTV__PART_EVENTS) {
        const uint64_t *starts = d->events_arrays[0].bytes;
        const size_t runs = d->events_arrays[0].len / sizeof *starts; /* customers + 1 */
        /* a checksum mismatch is the problem reported first, whatever else the scan found */
        for (int i = 0; i < 2 && status == LTV_OK; i++)
            if (sums[i] != d->events_arrays[i].checksum)
                status = ltv__fail(LTV_EFORMAT, "corrupt snapshot: section %s's checksum does not match",
                                   d->events_arrays[i].name);
        if (status == LTV_OK) status = scan_status;
        if (status == LTV_OK)
            status = ltv__event_walk_matches(starts, runs - 1, d->events_arrays[1].len / sizeof(ltv__event), found,
                                             &d->expected, true);
        status = remember(d, status);
        if (status == LTV_OK) atomic_fetch_and_explicit(&d->unchecked, ~LTV__PART_EVENTS, memory_order_release);
    } else {
        status = scan_status; /* another caller checked them meanwhile */
    }
    pthread_mutex_unlock(&d->lock);
    return status;
}

void ltv__deferred_free(ltv__deferred_checks *d) {
    if (!d) return;
    pthread_mutex_destroy(&d->lock);
    ltv__free(d);
}
