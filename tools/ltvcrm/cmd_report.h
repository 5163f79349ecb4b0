/* ltvcrm report: what its table and JSON writers share. */
#ifndef LTVCRM_CMD_REPORT_H
#define LTVCRM_CMD_REPORT_H

#include "cli.h"

typedef struct report_view {
    int lang;
    int decimals;
    int32_t as_of;
    int32_t shown_as_of; /* LTV_NO_DAY: no events and no --as-of (see cli_shown_as_of) */
    const ltv_ledger *ledger;
    const ltv_segmentation *seg;
    const ltv_health_check *hc;
    const ltv_load_report *load;
    bool has_cpo;
    int64_t cpo;
} report_view;

/* The one-page health check a shop owner prints. */
void report_print_table(const report_view *v);

/* The same as one JSON object; returns CLI_EXIT_OK or a failure code. */
int report_print_json(const report_view *v);

#endif
