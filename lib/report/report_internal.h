/* The HTML report: what its files share. The page is built from fixed-size aggregates
 * (gathered once in gather.c), written section by section (sec_*.c) with the chart
 * primitives of svg.c and the texts of texts.c. Only the public API of the other modules is
 * used. */
#ifndef LTVCRM_REPORT_INTERNAL_H
#define LTVCRM_REPORT_INTERNAL_H

#include "ltvcrm/predict.h"
#include "ltvcrm/report.h"
#include "textbuf.h"

#define LTV__REPORT_PARAMS 7
#define LTV__REPORT_TITLE_MAX 200
/* Bounds that keep the page the same size whatever the ledger. */
#define LTV__REPORT_COHORTS 18      /* most recent cohorts (months of first order) */
#define LTV__REPORT_COHORT_SINCE 13 /* months since the first order: 0..12 */
#define LTV__REPORT_MONTHS 36       /* most recent months of the monthly series */
#define LTV__REPORT_MAX_BINS 10     /* RFM bins (LTV_SEG_RFM_BINS is at most 10) */
#define LTV__REPORT_MAX_PRESETS 33  /* 32 named segments and "Other" */

struct ltv_report_options {
    int64_t values[LTV__REPORT_PARAMS];
    const ltv_segment_config *segment;
    const ltv_health_config *health;
    const ltv_planner *planner;
    const ltv_matrix *matrix;
    char answers[16]; /* as given, validated; "" for none */
    char *title;      /* NULL for none */
};

void ltv__report_defaults(int64_t values[LTV__REPORT_PARAMS]);

/* Everything the page shows, computed once. */
typedef struct ltv__report {
    int lang;
    int decimals;
    int32_t as_of;
    const ltv_ledger *ledger;
    const ltv_report_options *opts;
    ltv_segmentation *seg;
    ltv_health_check *hc;
    ltv_grade *grade;     /* NULL without answers */
    ltv_plan_run *plan;   /* NULL without a planner */
    ltv_matrix *matrix;   /* the report's own copy, with live figures */
    ltv_health_overview overview;
    ltv_ltv_summary ltv;
    ltv_group_stats states[LTV_STATE_COUNT];
    ltv_group_stats ranks[LTV_RANK_COUNT];
    int32_t first_day, last_day; /* of the events counted; LTV_NO_DAY without */
    /* RFM */
    int bins;
    uint64_t rf_customers[LTV__REPORT_MAX_BINS][LTV__REPORT_MAX_BINS]; /* [r - 1][f - 1] */
    double rf_monetary[LTV__REPORT_MAX_BINS][LTV__REPORT_MAX_BINS];    /* sums of lifetime amounts */
    size_t presets; /* named segments; index `presets` is "Other" */
    uint64_t preset_customers[LTV__REPORT_MAX_PRESETS];
    double preset_revenue[LTV__REPORT_MAX_PRESETS];
    double total_lifetime; /* over customers with an order */
    /* months are counted as year * 12 + month - 1 */
    int32_t last_month;  /* month of the last day counted (A - 1) */
    int months;          /* months of the monthly series, <= LTV__REPORT_MONTHS */
    double month_revenue[LTV__REPORT_MONTHS]; /* oldest first, ending at last_month */
    uint64_t month_active[LTV__REPORT_MONTHS];
    uint64_t month_orders[LTV__REPORT_MONTHS];
    int cohorts; /* <= LTV__REPORT_COHORTS, oldest first, ending at last_month */
    uint64_t cohort_size[LTV__REPORT_COHORTS];
    uint64_t cohort_active[LTV__REPORT_COHORTS][LTV__REPORT_COHORT_SINCE];
} ltv__report;

/* gather.c: runs everything and fills the report; ltv__report_release frees what it holds. */
int ltv__report_gather(ltv__report *r, const ltv_ledger *ledger, const ltv_report_options *opts, int32_t as_of);
void ltv__report_release(ltv__report *r);

/* ---- texts.c ---- */
typedef enum ltv__text {
    T_TITLE, T_AS_OF, T_PERIOD, T_GENERATED, T_CONTENTS, T_NO_DATA, T_TABLE_NOTE,
    T_SEC_HEADLINE, T_CUSTOMERS, T_ORDERS, T_REVENUE, T_AOV, T_REPEAT_RATE, T_ANNUAL_LTV,
    T_HEADLINE_SUB_CUSTOMERS, T_HEADLINE_SUB_ORDERS, T_HEADLINE_SUB_REVENUE, T_HEADLINE_SUB_AOV,
    T_HEADLINE_SUB_REPEAT, T_HEADLINE_SUB_LTV, T_READ_HEADLINE,
    T_SEC_STATES, T_STATES_CHART, T_CUSTOMER_SHARE, T_REVENUE_SHARE, T_GROUP, T_AVG_ANNUAL_LTV,
    T_AVG_LIFETIME_LTV, T_AVG_YEAR_AMOUNT,
    T_READ_STATES, T_RANKS_CHART, T_READ_RANKS, T_NO_RANK_NOTE,
    T_DECOMP_CHART, T_ACTIVE_YEARS, T_ORDERS_PER_YEAR, T_ORDER_VALUE, T_LC_ACTIVE_YEARS, T_LC_ORDERS_PER_YEAR,
    T_LC_ORDER_VALUE, T_LIFETIME_LTV, T_READ_DECOMP,
    T_SEC_RFM, T_HEATMAP, T_RECENCY_SCORE, T_FREQUENCY_SCORE, T_AVG_MONETARY, T_READ_HEATMAP,
    T_SCORES_CHART, T_SCORE, T_CUT_POINTS, T_READ_SCORES, T_PRESETS_CHART, T_READ_PRESETS, T_SEGMENT,
    T_SEC_SECOND, T_GAP_CHART, T_WEEK, T_WEEK_N, T_BEST_WEEK, T_READ_GAP, T_READ_GAP_NONE,
    T_CONVERSION_CHART, T_ALL_CUSTOMERS, T_WITHIN_DAYS, T_READ_CONVERSION, T_ELIGIBLE_NOTE, T_MEDIAN_DAYS,
    T_SEC_TENURE, T_TENURE_CHART, T_DAYS_RANGE, T_DAYS_OVER, T_READ_TENURE, T_SHARE,
    T_CHURN_CHART, T_ENROLLED_DAYS, T_AT_RISK, T_CANCELS, T_CHURN_RATE, T_RISK_PEAK, T_WALL, T_READ_CHURN,
    T_READ_CHURN_NONE, T_USAGE_CHART, T_USAGE_LOW, T_USAGE_MID, T_USAGE_HIGH, T_READ_USAGE, T_MEMBERS,
    T_CONTINUING, T_CHURNED, T_NO_MEMBERSHIP, T_USES_PER_YEAR, T_MEMBERSHIP_SUMMARY, T_RETENTION_VALUE,
    T_SEC_COHORTS, T_COHORT_CHART, T_COHORT, T_MONTHS_SINCE, T_READ_COHORTS, T_MONTHLY_CHART,
    T_MONTH, T_ACTIVE_CUSTOMERS, T_READ_MONTHLY, T_PARTIAL_MONTH,
    T_SEC_MATRIX, T_MATRIX_NOTE_EMPTY, T_MATRIX_NOTE_PLAN, T_GAPS, T_GAP_BOX, T_READ_MATRIX, T_STAGE_FIGURES,
    T_SEC_GRADE, T_GRADE, T_NEXT_STEPS, T_QUESTION, T_ANSWER, T_TODO, T_SHOP_FIGURE, T_READ_GRADE,
    T_SEC_PLAN, T_PLAN_CHART, T_CHANNEL, T_TOTAL, T_DUE_TODAY, T_READ_PLAN, T_WEEKS_AHEAD, T_DAYS_AHEAD,
    T_SEC_PREDICT, T_PREDICT_NOTE, T_PREDICT_FAILED, T_ALIVE_CHART, T_P_ALIVE, T_READ_ALIVE, T_CLV_CHART, T_CLV,
    T_CLV_SHARE, T_READ_CLV, T_READ_CLV_NO_SPEND,
    T_PREDICT_NOTE_CAL, T_READ_ALIVE_PLAIN, T_BINS_CHART, T_CAL_ORDERS, T_ACTUAL_MEAN, T_MODEL_MEAN, T_ACTUAL,
    T_MODEL, T_READ_BINS, T_TRACK_CHART, T_CUM_CHART, T_READ_TRACK, T_CAL_END, T_WEEK_ENDING, T_WEEKS_SINCE,
    T_ACTUAL_CUM, T_MODEL_CUM, T_POP_CHART, T_READ_POP, T_WEEKS, T_TRACK_GROUPED,
    T_CPO_LINE, T_COUNT_UNIT, T_DAYS_UNIT, T_FOOTER,
    T__COUNT
} ltv__text;

const char *ltv__report_text(int text, int lang);

/* Writes a template with {0}..{9} replaced by args[i]; both escaped for HTML. */
void ltv__report_fill(ltv__textbuf *tb, const char *tmpl, const char *const *args, int count);

/* Small formatted values for templates and tables (NUL-terminated in the caller's buffer). */
#define LTV__VALUE_TEXT 48
void ltv__report_pct(char buf[LTV__VALUE_TEXT], double share);           /* "12.9%" */
void ltv__report_count(char buf[LTV__VALUE_TEXT], uint64_t count);       /* "4,000" */
void ltv__report_money(char buf[LTV__VALUE_TEXT], double minor, int decimals); /* "5,590" rounded */
void ltv__report_num(char buf[LTV__VALUE_TEXT], double value, int decimals);  /* "1.49" */
void ltv__report_month(char buf[LTV__VALUE_TEXT], int32_t month, int lang);    /* "2026-10" */
void ltv__report_date(char buf[LTV__VALUE_TEXT], int32_t day);               /* "2026-11-01", "-" for none (page.c) */

/* ---- svg.c: charts. Every chart is an <svg> with a title; values arrive ready to draw. ---- */
typedef struct ltv__series {
    const char *name;     /* legend */
    const double *values; /* one per category */
    int style;            /* 0.. colour index */
} ltv__series;

/* Horizontal bars: one row per label, one bar per series, values 0..max. `texts` (may be
 * NULL) gives the value shown at each bar's end, per series then row: texts[s * n + i].
 * `width` is the viewBox width (0: the default 640; smaller for charts side by side). */
void ltv__svg_hbars(ltv__textbuf *tb, const char *title, size_t n, const char *const *labels,
                    const ltv__series *series, int nseries, double max, const char *const *texts, double width);

/* Columns with one x label per column (labels may be "" to skip); an optional marked column
 * (-1: none) with its note, an optional shaded span from shade_from to shade_to columns
 * (fractions allowed; -1: none) with its note, and an optional line series drawn on a right-hand scale (NULL: none). */
typedef struct ltv__columns {
    const char *title;
    size_t n;
    const char *const *labels;
    const double *values;
    const char *value_name;
    int mark;
    const char *mark_note;
    double shade_from, shade_to; /* in columns: 3.3 is a third into the fourth column; -1: none */
    const char *shade_note;
    const double *line;      /* NULL: none */
    const char *line_name;
    int percent;             /* 1: values are shares 0..1, axis in % */
    const char *axis_name;   /* under the x labels, or NULL */
    double width;            /* viewBox width; 0: 640 */
} ltv__columns;
void ltv__svg_columns(ltv__textbuf *tb, const ltv__columns *c);

/* Stacked columns: one column per label, one segment per series (counts), with a legend. */
void ltv__svg_stacked(ltv__textbuf *tb, const char *title, size_t n, const char *const *labels,
                      const ltv__series *series, int nseries);

/* Lines over evenly spaced x positions. A NaN value is a gap. */
typedef struct ltv__plot {
    const char *title;
    size_t n;
    const char *const *xlabels; /* one per point; "" for none */
    const ltv__series *series;
    int nseries;
    int percent;           /* 1: values are shares, 0..100% axis; 0: a round axis from 0 to the largest value */
    int decimals;          /* of the values in the points' tooltips (without percent) */
    int mark;              /* a dashed vertical line at this point with mark_note; -1: none */
    const char *mark_note;
    const char *axis_name; /* under the x labels, or NULL */
    bool dots;             /* a circle with a tooltip at every point */
} ltv__plot;
void ltv__svg_plot(ltv__textbuf *tb, const ltv__plot *p);
/* The same with values 0..1 (axis in %) and a dot at each point. */
void ltv__svg_lines(ltv__textbuf *tb, const char *title, size_t n, const char *const *xlabels,
                    const ltv__series *series, int nseries);

/* A heat grid: rows × cols cells shaded by intensity 0..1 (NaN: an empty cell), each with up to
 * two short lines of text (NULL: none): text1[r * cols + c]. */
typedef struct ltv__heat {
    const char *title;
    size_t rows, cols;
    const char *const *row_labels;
    const char *const *col_labels;
    const char *row_axis, *col_axis;
    const double *intensity;
    const char *const *text1;
    const char *const *text2;
} ltv__heat;
void ltv__svg_heat(ltv__textbuf *tb, const ltv__heat *h);

/* ---- page.c: the building blocks of a section. ---- */
void ltv__report_section_open(ltv__textbuf *tb, const char *id, const char *title);
void ltv__report_section_close(ltv__textbuf *tb);
/* A figure: its title and one-line reading, the chart, then its numbers in a table beside
 * or under it. Open it (reading: HTML already escaped, may be NULL), write the SVG, call
 * ltv__report_figure_table to start the table column, write the table, close it. */
void ltv__report_figure_open(ltv__textbuf *tb, const char *cls, const char *title, const ltv__textbuf *reading);
void ltv__report_figure_table(ltv__textbuf *tb);
void ltv__report_figure_close(ltv__textbuf *tb);
/* A paragraph of escaped text with a class ("note", "reading"). */
void ltv__report_para(ltv__textbuf *tb, const char *cls, const char *text);
/* Table helpers: a header row from labels, cells escaped. */
void ltv__report_table_open(ltv__textbuf *tb, const char *const *heads, int count);
void ltv__report_table_close(ltv__textbuf *tb);
void ltv__report_row_head(ltv__textbuf *tb, const char *label);
void ltv__report_cell(ltv__textbuf *tb, const char *text);
void ltv__report_row_end(ltv__textbuf *tb);

/* Customers and revenue share bars of groups, then their table (sec_customers.c; named
 * segments use it too). avg_ltv may be NULL, avg_head names it (T_AVG_ANNUAL_LTV ...);
 * extra_note (escaped HTML) follows the reading. */
void ltv__report_share_figure(ltv__textbuf *tb, const ltv__report *r, int title, int first_head, size_t n,
                              const char *const *labels, const uint64_t *customers, const double *cust_share,
                              const double *revenue, const double *rev_share, const double *avg_ltv, int avg_head,
                              const ltv__textbuf *extra_note);

/* ---- sections ---- */
void ltv__report_sec_headline(ltv__textbuf *tb, const ltv__report *r);
void ltv__report_sec_states(ltv__textbuf *tb, const ltv__report *r);
void ltv__report_sec_rfm(ltv__textbuf *tb, const ltv__report *r);
int ltv__report_sec_second(ltv__textbuf *tb, const ltv__report *r);
int ltv__report_sec_tenure(ltv__textbuf *tb, const ltv__report *r);
void ltv__report_sec_cohorts(ltv__textbuf *tb, const ltv__report *r);
int ltv__report_sec_matrix(ltv__textbuf *tb, const ltv__report *r);
void ltv__report_sec_grade(ltv__textbuf *tb, const ltv__report *r);
int ltv__report_sec_plan(ltv__textbuf *tb, const ltv__report *r);
int ltv__report_sec_predict(ltv__textbuf *tb, const ltv__report *r);

/* The predictive models' diagnostics (sec_diagnostics.c), with a holdout: the tables of
 * ltv_predict_diagnostics_values(), gathered by the predict section, drawn after its charts. */
typedef struct ltv__diag {
    double *bins; /* 8 frequency bins × 6 columns */
    size_t nbins;
    double *track; /* weeks × 7 columns */
    size_t ntrack;
    int32_t first_day; /* of the tracking */
} ltv__diag;
int ltv__report_diag_gather(ltv__diag *d, const ltv_predict_fit *fit, const ltv_predict_data *data);
void ltv__report_diag_release(ltv__diag *d);
int ltv__report_diag_figures(ltv__textbuf *tb, const ltv__report *r, const ltv__diag *d, int32_t cal_end,
                             int32_t holdout_end);

#endif
