/* Merging one ledger into another: the shards-to-whole path. Because every customer's run
 * is kept in canonical order, the merged ledger answers exactly like one built whole. */
#include "ledger_internal.h"

int ltv_ledger_merge(ltv_ledger *dst, const ltv_ledger *src) {
    LTV_REQUIRE(dst, "ltv_ledger_merge");
    LTV_REQUIRE(src, "ltv_ledger_merge");
    if (dst == src) return ltv__fail(LTV_EINVAL, "ltv_ledger_merge: dst and src are the same ledger");
    int status = ltv__ledger_prepare(src);
    if (status == LTV_OK) status = ltv__ledger_check_money(dst, src->abs_money);
    if (status == LTV_OK) status = ltv__ledger_reserve_events(dst, src->organized.count);
    if (status != LTV_OK) return status;

    ltv__ledger_savepoint mark;
    ltv__ledger_mark(dst, &mark);
    const ltv__event *ev = src->organized.events;
    for (uint32_t c = 0; c < src->customer_count; c++) {
        size_t len;
        const char *id = ltv__customer_id(src, c, &len);
        uint32_t target;
        status = ltv__ledger_intern(dst, id, len, ltv__id_hash(id, len), &target);
        if (status != LTV_OK) {
            ltv__ledger_rollback(dst, &mark);
            return status;
        }
        const size_t end = ltv__ledger_end_event(src, c);
        for (size_t e = ltv__ledger_first_event(src, c); e < end; e++)
            ltv__ledger_append(dst, target, ltv__event_kind(&ev[e]), ev[e].day, ev[e].amount, ltv__event_items(&ev[e]));
    }
    return LTV_OK;
}
