/*
 * The planner's internal layout, shared by lib/planner_*.c. Nothing here is exported.
 */
#ifndef LTVCRM_PLANNER_INTERNAL_H
#define LTVCRM_PLANNER_INTERNAL_H

#include "internal.h"
#include "settings.h"
#include "rules.h"
#include "ltvcrm/date.h"
#include "ltvcrm/ledger.h"
#include "ltvcrm/planner.h"

#define LTV__PLAN_PARAM_COUNT 11
#define LTV__STAGE_COUNT 4
#define LTV__ACTION_COUNT 12
#define LTV__OFFER_COUNT 4
#define LTV__TRIGGER_COUNT 5
#define LTV__STATE_COUNT 4
#define LTV__RANK_COUNT 4
#define LTV__STOP_ALL 15
#define LTV__MASK_ALL 31
#define LTV__ORDERS_MAX 1000000
#define LTV__WEEKLY_CAP_MAX 100
#define LTV__STEP_FIELD_COUNT (LTV_STEP_ALIVE_FALLING + 1)

typedef struct ltv__plan_step {
    char *name;
    size_t name_len;
    char *note; /* NULL when empty */
    size_t note_len;
    int32_t day;
    int32_t channel, stage, action, offer;
    int32_t states, ranks;    /* condition masks; 0 = any */
    int32_t min_orders;
    int32_t max_orders;       /* -1 = no limit */
    int32_t before_second;    /* 0 / 1 */
    int64_t min_order_value;  /* 0 = none */
    int32_t stop;             /* ltv_stop bits */
    int32_t alive_falling;    /* 0 / 1 */
    uint32_t line;            /* line in the file it was read from, 0 if built through the API */
} ltv__plan_step;

typedef struct ltv__plan_scenario {
    char *name;
    size_t name_len;
    int32_t trigger;
    ltv__plan_step *steps;
    size_t n_steps, cap_steps;
    uint32_t line;
} ltv__plan_scenario;

typedef struct ltv__plan_channel {
    int32_t enabled;
    int32_t weekly_cap; /* 0 = none */
    char *role;         /* NULL when empty */
    size_t role_len;
    uint32_t line;
} ltv__plan_channel;

struct ltv_planner {
    ltv__plan_channel channels[LTV_CHANNEL_COUNT];
    ltv__plan_scenario *scenarios;
    size_t n_scenarios, cap_scenarios;
    int64_t params[LTV__PLAN_PARAM_COUNT];
    const ltv_predict_fit *fit; /* ltv_planner_set_model, borrowed; NULL: none */
    int unit;
};

/* ---- model helpers (planner_model.c) ---- */
/* Checks a scenario or step name: UTF-8, 1..LTV_PLAN_NAME_MAX bytes, no space, control
 * character, '"', '=' or '#'. `what` names the argument in the message. */
int ltv__plan_check_name(const char *func, const char *what, const char *name, size_t len);
/* Checks a note or role: UTF-8, at most LTV_PLAN_TEXT_MAX bytes, no control character
 * except line feed and tab. */
int ltv__plan_check_text(const char *func, const char *what, const char *text, size_t len);
/* The planner's thresholds (ltv_plan_param) and step fields (ltv_step_field): names, bounds
 * and defaults used by the setters and the text reader and writer. */
extern const ltv__settings ltv__plan_settings;
extern const ltv__settings ltv__plan_step_fields;
/* Field value of a step, by ltv_step_field. */
int64_t ltv__plan_step_field(const ltv__plan_step *step, int field);
void ltv__plan_step_store(ltv__plan_step *step, int field, int64_t value);
/* Set the scenario/step source line (used by the text reader). */
void ltv__plan_set_scenario_line(ltv_planner *planner, size_t scenario, uint32_t line);
void ltv__plan_set_step_line(ltv_planner *planner, size_t scenario, size_t step, uint32_t line);

/* Keys of the text format's `setting` statement, in ltv_plan_param order (planner_text.c). */
extern const char *const ltv__plan_setting_keys[LTV__PLAN_PARAM_COUNT];

/* ---- vocabulary (planner_labels.c) ---- */
/* Map a keyword of a vocabulary to its value; false if unknown. */
bool ltv__plan_keyword_value(int vocab, const char *word, size_t len, int *out_value);
/* Comma-separated list of the keywords of a vocabulary, for messages ("email, line, ..."). */
const char *ltv__plan_keyword_list(int vocab);

/* ---- segment rules (segment.c) ---- */
/* The planner's thresholds as the rules of lib/rules/ (state, rank, dormancy), for a ledger
 * (membership activity may depend on whether it has visits). */
void ltv__plan_rules(const ltv_planner *planner, const ltv_ledger *ledger, ltv__rules *out);

/* ---- P(alive) falling (alive.c) ---- */
/* With a step that has the ::LTV_STEP_ALIVE_FALLING condition: the segmentation of the ledger
 * as of the day with the planner's model and falling settings, and its flags column (release
 * the segmentation with ltv_segmentation_free). Without such a step *out_seg is NULL. */
int ltv__plan_falling(const ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of, ltv_segmentation **out_seg,
                      const uint8_t **out_flags);

/* ---- evaluation shared by the run and the schedule (planner_eval.c) ---- */

/* Platform events of one customer, sorted by day, per ltv_platform_event kind. */
typedef struct ltv__plan_pevents {
    const int32_t *days[2];
    size_t n[2];
} ltv__plan_pevents;

/* Buffers for a customer's ledger events, owned by the caller and reused from customer to
 * customer so that a run allocates nothing per customer. */
typedef struct ltv__plan_scratch {
    uint8_t *kinds;
    int32_t *days;
    int64_t *amounts;
    size_t cap;
} ltv__plan_scratch;
void ltv__plan_scratch_free(ltv__plan_scratch *scratch);

/* Everything known about one customer while planning. */
typedef struct ltv__plan_customer {
    const ltv_planner *planner;
    const ltv_ledger *ledger;
    uint64_t index;           /* ledger index, or LTV_PLAN_NOT_IN_LEDGER */
    int32_t as_of;
    ltv_customer_facts facts; /* as of `as_of` (no orders when not in the ledger) */
    ltv__rules rules;         /* the planner's state, rank and dormancy rules for this ledger */
    ltv__plan_pevents pevents;
    ltv__plan_scratch *scratch;
    bool events_loaded;       /* the scratch holds this customer's ledger events */
    size_t n_events;
    bool alive_falling;       /* P(alive) is falling as of `as_of` (alive.c; false unless a step asks) */
} ltv__plan_customer;

/* The outcome of checking one step for one customer. */
typedef struct ltv__plan_verdict {
    int status;         /* LTV_ENTRY_PASSED (applies), LTV_ENTRY_SKIPPED or LTV_ENTRY_STOPPED */
    int reason;         /* failed ltv_step_field, fired ltv_stop bit, or -1 */
    int32_t reason_day; /* day of the stopping event, or LTV_NO_DAY */
} ltv__plan_verdict;

/* Set up a customer with facts as of `as_of`; `pevents` may be NULL. */
int ltv__plan_customer_init(ltv__plan_customer *c, const ltv_planner *planner, const ltv_ledger *ledger,
                            uint64_t index, int32_t as_of, const ltv__plan_pevents *pevents,
                            ltv__plan_scratch *scratch);
/* Anchor day of a trigger for this customer as of `as_of`, or LTV_NO_DAY when there is none
 * or it lies more than LTV_PLAN_DAY_MAX days back. */
int32_t ltv__plan_anchor(const ltv__plan_customer *c, int32_t trigger);
/* The day a step falling on `step_day` is checked: the step's day, but never after the
 * as-of day and, for purchase triggers, not before the anchor purchase is known. */
int32_t ltv__plan_eval_day(const ltv__plan_customer *c, int32_t trigger, int32_t anchor, int32_t step_day);
/* Facts as of another day (an empty record when the customer is not in the ledger). */
int ltv__plan_facts_at(const ltv__plan_customer *c, int32_t day, ltv_customer_facts *out);
/* Check a step for this customer on `eval_day` with the facts as of that day. With
 * `want_detail` false the stop day is not looked up (the run does not need it). */
int ltv__plan_check_step(ltv__plan_customer *c, const ltv__plan_step *step, int32_t trigger, int32_t anchor,
                         int32_t eval_day, const ltv_customer_facts *facts, bool want_detail,
                         ltv__plan_verdict *out);

/* Platform events, as the run and schedule read them (planner_events.c). */
struct ltv_plan_events {
    char *id_data;       /* concatenated ids, each NUL-terminated */
    size_t id_bytes, id_cap;
    uint64_t *id_offsets; /* n_ids entries */
    uint32_t n_ids, cap_ids;
    uint32_t *table;     /* open addressing: id index + 1, 0 = empty */
    size_t table_cap;
    uint32_t *ev_id;
    uint8_t *ev_kind;
    int32_t *ev_day;
    size_t n_events, cap_events;
};

/* Events grouped by customer and kind, days ascending: the customer slot i's days of kind k
 * are days[offsets[2 i + k] .. offsets[2 i + k + 1]). */
typedef struct ltv__plan_event_index {
    size_t *offsets;
    int32_t *days;
} ltv__plan_event_index;
int ltv__plan_event_index_build(const ltv_plan_events *events, ltv__plan_event_index *out);
void ltv__plan_event_index_free(ltv__plan_event_index *index);
void ltv__plan_event_index_get(const ltv__plan_event_index *index, uint32_t slot, ltv__plan_pevents *out);
/* Find a customer's slot by id; false if absent. */
bool ltv__plan_events_find(const ltv_plan_events *events, const char *id, size_t len, uint32_t *out_slot);
const char *ltv__plan_events_id(const ltv_plan_events *events, uint32_t slot, size_t *out_len);

#endif
