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

/* What --format html needs beyond the table's options. */
typedef struct report_html_args {
    const char *output;   /* -o FILE, or NULL for stdout */
    const char *answers;  /* --answers */
    const char *scenario; /* --scenario FILE or "builtin" */
    const char *matrix;   /* --matrix FILE */
    const char *title;    /* --title */
    const char *generated; /* --generated DATE */
    const char *calibration_end; /* --calibration-end DATE */
    const char *holdout_end;     /* --holdout-end DATE */
    int model;                   /* --model: an ltv_predict_model (0, BG/NBD, by default) */
} report_html_args;

/* Writes the HTML report (ltv_report_html) to stdout or -o FILE; returns a cli_exit code. */
int report_write_html(const report_view *v, const report_html_args *h, const ltv_segment_config *segment,
                      const ltv_health_config *health);

/* The one-page health check a shop owner prints. */
void report_print_table(const report_view *v);

/* The same as one JSON object; returns CLI_EXIT_OK or a failure code. */
int report_print_json(const report_view *v);

#endif
