/**
 * @file planner.h
 * @brief The 90-day CRM scenario planner: scenarios of dated steps after a purchase (or a
 * platform event), validated, saved as text, and run over a ledger.
 *
 * **The model.** A planner (::ltv_planner) holds the shop's channels and its scenarios. A
 * scenario starts from an *anchor* chosen by its trigger (::ltv_trigger): the customer's most
 * recent purchase, the first purchase, the day the customer became dormant, or the most
 * recent cart or product view the platform reported. A scenario is a list of steps; each
 * step has a day offset from the anchor (0..::LTV_PLAN_DAY_MAX), a channel, the stage it
 * serves, the action wanted from the customer next, an offer type, a condition and a stop
 * rule. Steps are identified by their scenario's index and their own index (insertion
 * order); names are unique within a scenario.
 *
 * **Stages, states and ranks** are passed as `int`: a step's stage is an ::ltv_stage (crm.h),
 * conditions name lifecycle states (::ltv_state: new, repeat, fan, dormant) and value ranks
 * (::ltv_rank: excellent, semi-excellent, general, nurture) of segment.h. The planner
 * derives a customer's state and rank from the ledger's facts with the rules of segment.h,
 * using its own copy of the thresholds (::ltv_plan_param; ltv_planner_use_segment_config()
 * copies them from a segmentation's settings). In a condition they are given
 * as bit masks: bit `1 << value` for each accepted value, ::LTV_PLAN_MASK_NONE_BIT for
 * ::LTV_STATE_NONE (no order yet) or ::LTV_RANK_NONE (no order in the trailing year), and 0
 * for "any".
 *
 * **As of a day.** Like the ledger, the planner works "as of" a day A: only events before A
 * are known. A step falls on the anchor day plus its offset. Run as of A, the planner lists
 * the steps that fall on A (the actions due today) and counts, per channel, the steps that
 * fall on each of the ::LTV_PLAN_HORIZON days A, A + 1, ... Because a purchase on day D is
 * known from D + 1 on, steps of purchase scenarios on day 0 never come due in a run: they
 * belong to the order flow itself (order confirmation); put batch actions on day 1 or later.
 *
 * **Conditions and stop rules.** A step's condition (states, ranks, order counts, "only
 * before the second purchase", the anchor order's value) is checked on the step's own day
 * with what is known then; a step still ahead is checked with what is known on the as-of
 * day and is checked again when it comes due. A stop rule ends a step when an order, a
 * refund, a membership cancel or a cart happened after the anchor and before the step's day.
 *
 * **Text format.** Planners are saved and loaded as a documented line format (see
 * `docs/planner.md`) that shops keep in version control; errors name the line and column.
 *
 * **Threads.** A planner is not locked: one thread may modify it at a time, with no readers.
 * Running and scheduling only read the planner, the ledger and the events, so any number of
 * threads may run the same planner at once. Results are read-only and may be shared.
 */
#ifndef LTVCRM_PLANNER_H
#define LTVCRM_PLANNER_H

#include "common.h"
#include "crm.h"
#include "ledger.h"
#include "segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque planner: the shop's channels, its scenarios and the thresholds it uses. */
typedef struct ltv_planner ltv_planner;
/** Opaque list of the problems that ltv_planner_validate() found. */
typedef struct ltv_plan_report ltv_plan_report;
/** Opaque list of events reported by the shop's platform (carts created, products viewed). */
typedef struct ltv_plan_events ltv_plan_events;
/** Opaque result of ltv_planner_run(): today's due actions and the channel load. */
typedef struct ltv_plan_run ltv_plan_run;
/** Opaque result of ltv_planner_schedule(): one customer's dated steps. */
typedef struct ltv_schedule ltv_schedule;

/** Largest day offset of a step from its anchor. */
#define LTV_PLAN_DAY_MAX 90
/** Days of channel load computed by ltv_planner_run(): the as-of day and the 89 after it. */
#define LTV_PLAN_HORIZON 90
/** Longest scenario or step name, in bytes. */
#define LTV_PLAN_NAME_MAX 64
/** Longest step note or channel role, in bytes. */
#define LTV_PLAN_TEXT_MAX 2000
/** Most scenarios in one planner. */
#define LTV_PLAN_MAX_SCENARIOS 64
/** Most steps in one scenario. */
#define LTV_PLAN_MAX_STEPS 128
/** The bit of a state or rank mask that accepts ::LTV_STATE_NONE or ::LTV_RANK_NONE. */
#define LTV_PLAN_MASK_NONE_BIT 16
/** Customer index of a due action whose customer is known only from platform events. */
#define LTV_PLAN_NOT_IN_LEDGER UINT64_MAX

/** Contact channels [顧客接点]. The values are part of the ABI. */
typedef enum ltv_channel {
    LTV_CHANNEL_EMAIL = 0,          /**< Email [メール]. */
    LTV_CHANNEL_LINE = 1,           /**< LINE messages. */
    LTV_CHANNEL_PACKAGE_INSERT = 2, /**< Printed matter in the parcel [同梱物]. */
    LTV_CHANNEL_PHONE = 3,          /**< A phone call [電話]. */
    LTV_CHANNEL_POSTAL_DM = 4,      /**< Postal direct mail [DM]. */
    LTV_CHANNEL_SMS = 5,            /**< SMS. */
    LTV_CHANNEL_APP_PUSH = 6        /**< A push notification of the shop's app [アプリ通知]. */
} ltv_channel;

/** Number of channels: valid channel values are 0 .. LTV_CHANNEL_COUNT − 1. */
#define LTV_CHANNEL_COUNT 7

/** What starts a scenario and fixes its anchor day. The values are part of the ABI. */
typedef enum ltv_trigger {
    LTV_TRIGGER_PURCHASE = 0,       /**< The most recent order: every purchase starts the scenario again. */
    LTV_TRIGGER_FIRST_PURCHASE = 1, /**< The first order: the scenario runs once per customer. */
    LTV_TRIGGER_DORMANT = 2,        /**< The day the customer became dormant (reactivation). */
    LTV_TRIGGER_CART_CREATED = 3,   /**< The most recent cart the platform reported. */
    LTV_TRIGGER_PRODUCT_VIEWED = 4  /**< The most recent product view the platform reported. */
} ltv_trigger;

/** The action wanted from the customer next [歓迎行動]. The values are part of the ABI. */
typedef enum ltv_action {
    LTV_ACTION_READ_CONTENT = 0,    /**< Read or watch the shop's content. */
    LTV_ACTION_USE_PRODUCT = 1,     /**< Start using the product well. */
    LTV_ACTION_SECOND_PURCHASE = 2, /**< Make the second purchase. */
    LTV_ACTION_REVIEW = 3,          /**< Write a review. */
    LTV_ACTION_REPURCHASE = 4,      /**< Buy again when the product runs out. */
    LTV_ACTION_CROSS_PURCHASE = 5,  /**< Try a related product. */
    LTV_ACTION_CONTACT = 6,         /**< Talk to the shop: reply, call, ask. */
    LTV_ACTION_JOIN_PROGRAM = 7,    /**< Join the members' programme. */
    LTV_ACTION_COMPLETE_ORDER = 8,  /**< Complete the order left in the cart. */
    LTV_ACTION_REVISIT = 9,         /**< Come back to the shop or the product page. */
    LTV_ACTION_RETURN_PURCHASE = 10, /**< Buy again after a long pause. */
    LTV_ACTION_REFER = 11           /**< Introduce a friend. */
} ltv_action;

/** What the step offers. Discounts are the exception, not the lever. Values are ABI. */
typedef enum ltv_offer {
    LTV_OFFER_EXPERIENCE = 0, /**< A better experience: advice, a call, an event, early access. */
    LTV_OFFER_CONTENT = 1,    /**< Content: how-to guides, stories, recommendations. */
    LTV_OFFER_SAMPLE = 2,     /**< A free sample or trial size. */
    LTV_OFFER_DISCOUNT = 3    /**< A price reduction or coupon. */
} ltv_offer;

/** Events a platform reports, for ltv_plan_events_add(). The values are part of the ABI. */
typedef enum ltv_platform_event {
    LTV_PLATFORM_CART_CREATED = 0,  /**< A cart was created (and may be abandoned). */
    LTV_PLATFORM_PRODUCT_VIEWED = 1 /**< A product page was viewed. */
} ltv_platform_event;

/** Stop rules: bits of ::LTV_STEP_STOP. A step stops when such an event happened after the
 * anchor and before the step's day. The values are part of the ABI. */
typedef enum ltv_stop {
    LTV_STOP_ORDER = 1,  /**< An order (for purchase triggers: on a later day than the anchor). */
    LTV_STOP_REFUND = 2, /**< A refund. */
    LTV_STOP_CANCEL = 4, /**< A membership cancel. */
    LTV_STOP_CART = 8    /**< A cart created (the cart follow-up takes over). */
} ltv_stop;

/** Fields of a step, for ltv_planner_step_set_i64() and ltv_planner_step_get_i64().
 * The values are part of the ABI. */
typedef enum ltv_step_field {
    LTV_STEP_DAY = 0,                    /**< Day offset from the anchor, 0..::LTV_PLAN_DAY_MAX. */
    LTV_STEP_CHANNEL = 1,                /**< An ::ltv_channel value. */
    LTV_STEP_STAGE = 2,                  /**< An ::ltv_stage value. */
    LTV_STEP_ACTION = 3,                 /**< An ::ltv_action value. */
    LTV_STEP_OFFER = 4,                  /**< An ::ltv_offer value. */
    LTV_STEP_STATES = 5,                 /**< Condition: mask of accepted ::ltv_state values, 0..31; 0 = any. */
    LTV_STEP_RANKS = 6,                  /**< Condition: mask of accepted ::ltv_rank values, 0..31; 0 = any. */
    LTV_STEP_MIN_ORDERS = 7,             /**< Condition: at least this many orders, 0..1000000; default 0. */
    LTV_STEP_MAX_ORDERS = 8,             /**< Condition: at most this many orders, 0..1000000, or -1 (default) for no limit. */
    LTV_STEP_BEFORE_SECOND_PURCHASE = 9, /**< Condition: 1 = only while the customer has a single order; default 0. */
    LTV_STEP_MIN_ORDER_VALUE = 10,       /**< Condition: the anchor order's value is at least this (minor units, ≥ 0); default 0. */
    LTV_STEP_STOP = 11,                  /**< Stop rule: a mask of ::ltv_stop bits, 0..15; default 0. */
    LTV_STEP_ALIVE_FALLING = 12          /**< Condition: 1 = only customers whose P(alive) is falling as of the run's
                                              as-of day (the segmentation's ::LTV_FLAG_ALIVE_FALLING over
                                              ::LTV_PLAN_FALLING_DAYS, with the model of ltv_planner_set_model());
                                              default 0. @since 1.1 */
} ltv_step_field;

/** Per-channel settings, for ltv_planner_channel_set_i64(). The values are part of the ABI. */
typedef enum ltv_channel_param {
    LTV_CHANNEL_ENABLED = 0,   /**< 1 if the shop has the channel, else 0; default 0. */
    LTV_CHANNEL_WEEKLY_CAP = 1 /**< Most touches of one scenario in any 7 days, 1..100, or 0 (default) for none. */
} ltv_channel_param;

/** Thresholds of the planner, for ltv_planner_set_i64(). The values are part of the ABI. */
typedef enum ltv_plan_param {
    LTV_PLAN_DORMANT_DAYS = 0,          /**< Dormant after more than this many days without an order, 1..36500; 180. */
    LTV_PLAN_FAN_MIN_ORDERS = 1,        /**< A fan has at least this many orders, 2..1000000; 5. */
    LTV_PLAN_FAN_MIN_TENURE_DAYS = 2,   /**< ... and a tenure of at least this many days, 0..36500; 365. */
    LTV_PLAN_EXCELLENT_MIN_ORDERS = 3,  /**< Excellent rank: orders in the trailing year, 3..1000000, above semi; 4. */
    LTV_PLAN_SEMI_MIN_ORDERS = 4,       /**< Semi-excellent rank: orders in the trailing year, 2..999999, below excellent; 2. */
    LTV_PLAN_TIMING_MIN_CUSTOMERS = 5,  /**< Timing from data needs this many re-purchases within 90 days, 1..1000000; 30. */
    LTV_PLAN_TIMING_WINDOW_DAYS = 6,    /**< Timing from data looks for the busiest window of this many days, 1..30; 7. */
    LTV_PLAN_CANCEL_IS_DORMANT = 7,     /**< 1: a membership cancel makes a customer dormant, 0..1; 1. */
    LTV_PLAN_ACTIVITY = 8,              /**< An ::ltv_activity, -1..1; -1 (visits count when the ledger has any). With
                                             membership activity a visit keeps a member active, a cancel always makes
                                             the member dormant, and a cancel stops every step except those of a
                                             ::LTV_TRIGGER_DORMANT scenario (reactivation) and those whose
                                             ::LTV_STEP_STATES condition names the dormant state.
                                             @since 1.1 */
    LTV_PLAN_FALLING_DAYS = 9,          /**< ::LTV_STEP_ALIVE_FALLING compares P(alive) with its value this many days
                                             before the as-of day, 1..36500; 30. @since 1.1 */
    LTV_PLAN_FALLING_DROP_PERMILLE = 10 /**< ... and counts a drop of more than this ‰ as falling, 0..1000; 100
                                             (::LTV_SEG_FALLING_DROP_PERMILLE). @since 1.1 */
} ltv_plan_param;

/** Status of a step in a customer's schedule. The values are part of the ABI. */
typedef enum ltv_entry_status {
    LTV_ENTRY_PASSED = 0,  /**< Its day is before the as-of day and it applied then. */
    LTV_ENTRY_DUE = 1,     /**< Its day is the as-of day: it is due today. */
    LTV_ENTRY_PLANNED = 2, /**< Its day is ahead; it applies as far as is known today. */
    LTV_ENTRY_SKIPPED = 3, /**< Its condition does not hold (the reason names the field). */
    LTV_ENTRY_STOPPED = 4  /**< A stop rule ended it (the reason names the ::ltv_stop bit). */
} ltv_entry_status;

/** Kinds of problem ltv_planner_validate() reports. The values are part of the ABI. */
typedef enum ltv_plan_problem {
    LTV_PLAN_PROBLEM_CHANNEL_DISABLED = 1, /**< A step uses a channel the shop has not enabled. */
    LTV_PLAN_PROBLEM_WEEKLY_CAP = 2,       /**< A scenario touches a channel more often in 7 days than its cap. */
    LTV_PLAN_PROBLEM_CONTRADICTION = 3,    /**< No customer can meet a step's conditions together. */
    LTV_PLAN_PROBLEM_EMPTY_SCENARIO = 4,   /**< A scenario has no steps. */
    LTV_PLAN_PROBLEM_NO_SCENARIO = 5       /**< The planner has no scenario. */
} ltv_plan_problem;

/** How ltv_planner_place_step() chose a day. The values are part of the ABI. */
typedef enum ltv_timing_reason {
    LTV_TIMING_FROM_DATA = 0, /**< The day starts the busiest window of the shop's re-purchases. */
    LTV_TIMING_TOO_FEW = 1    /**< Too few re-purchases to tell: the step keeps its day. */
} ltv_timing_reason;

/** Vocabularies for ltv_planner_label() and ltv_planner_keyword(). The values are part of the ABI. */
typedef enum ltv_plan_vocab {
    LTV_PLAN_VOCAB_CHANNEL = 0, /**< ::ltv_channel values. */
    LTV_PLAN_VOCAB_STAGE = 1,   /**< ::ltv_stage values (keywords only: labels from ltv_stage_label()). */
    LTV_PLAN_VOCAB_ACTION = 2,  /**< ::ltv_action values. */
    LTV_PLAN_VOCAB_OFFER = 3,   /**< ::ltv_offer values. */
    LTV_PLAN_VOCAB_TRIGGER = 4, /**< ::ltv_trigger values. */
    LTV_PLAN_VOCAB_STATE = 5,   /**< ::ltv_state values (keywords only: labels from ltv_state_label()). */
    LTV_PLAN_VOCAB_RANK = 6,    /**< ::ltv_rank values (keywords only: labels from ltv_rank_label()). */
    LTV_PLAN_VOCAB_STOP = 7,    /**< ::ltv_stop bits (one bit at a time). */
    LTV_PLAN_VOCAB_STATUS = 8,  /**< ::ltv_entry_status values. */
    LTV_PLAN_VOCAB_FIELD = 9    /**< ::ltv_step_field values (the reasons of skipped steps). */
} ltv_plan_vocab;

/* ---- planner: construction ------------------------------------------------------------ */

/**
 * @brief Create an empty planner: no channel enabled, no scenario, default thresholds.
 * @param[out] out Receives the planner; release it with ltv_planner_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_planner_new(ltv_planner **out);

/**
 * @brief Create the built-in planner a shop can start from.
 *
 * Enables email, LINE, package insert, phone and postal DM with their roles and weekly caps,
 * and adds every built-in scenario (see ltv_planner_add_builtin()), so that
 * ltv_planner_validate() accepts it as it is. `docs/planner.md` describes every step.
 * @param[out] out Receives the planner; release it with ltv_planner_free().
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA: the language of the roles and step notes.
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL or @p lang is unknown; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_planner_new_default(ltv_planner **out, int lang);

/**
 * @brief Release a planner.
 * @param planner The planner, or NULL (no-op). Borrowed names and notes become invalid.
 * @par Thread safety
 * No other thread may use the planner during or after the call.
 */
LTV_API void ltv_planner_free(ltv_planner *planner);

/** The built-in scenarios, for ltv_planner_add_builtin(). The values are part of the ABI. */
typedef enum ltv_builtin_scenario {
    LTV_BUILTIN_DEFAULT_90_DAYS = 0,    /**< `default-90-days`: the 90 days after each purchase. */
    LTV_BUILTIN_RECOMMENDATION = 1,     /**< `recommendation`: related products after a purchase. */
    LTV_BUILTIN_CART_ABANDONMENT = 2,   /**< `cart-abandonment`: follow-up of a cart left behind. */
    LTV_BUILTIN_BROWSE_RETARGETING = 3, /**< `browse-retargeting`: follow-up of a product view. */
    LTV_BUILTIN_REACTIVATION = 4        /**< `reactivation`: bringing dormant customers back. */
} ltv_builtin_scenario;

/** Number of built-in scenarios: valid values are 0 .. LTV_BUILTIN_COUNT − 1. */
#define LTV_BUILTIN_COUNT 5

/**
 * @brief Add one built-in scenario at the end of the planner.
 *
 * Only the scenario is added: the channels it uses must be enabled for it to validate.
 * @param planner The planner.
 * @param builtin An ::ltv_builtin_scenario value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA: the language of the step notes.
 * @param[out] out_scenario Receives the new scenario's index (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, an unknown scenario or language, or a
 * scenario of that name already in the planner; ::LTV_ERANGE if the planner is full;
 * ::LTV_ENOMEM. On failure the planner is unchanged.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_add_builtin(ltv_planner *planner, int builtin, int lang, size_t *out_scenario);

/* ---- planner: thresholds and channels ---------------------------------------------------- */

/**
 * @brief Set one of the planner's thresholds.
 * @param planner The planner.
 * @param param An ::ltv_plan_param value.
 * @param value The value, within the bounds given for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner or an unknown parameter; ::LTV_ERANGE for
 * a value out of bounds (the message gives them).
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_set_i64(ltv_planner *planner, int param, int64_t value);

/**
 * @brief Read one of the planner's thresholds.
 * @param planner The planner.
 * @param param An ::ltv_plan_param value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_get_i64(const ltv_planner *planner, int param, int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_PLAN_DORMANT_DAYS", and its bounds: what
 * ltv_planner_set_i64() accepts, for programs that show or check settings before setting them. The state and
 * rank thresholds have the bounds of the matching ::ltv_segment_param values.
 * @param param An ::ltv_plan_param value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_planner_param_info(int param, int64_t *out_min, int64_t *out_max);

/**
 * @brief Take the state and rank thresholds of a segmentation's settings, so that the
 * planner's conditions see customers as that segmentation does.
 *
 * Copies ::LTV_SEG_DORMANT_DAYS, ::LTV_SEG_CANCEL_IS_DORMANT, ::LTV_SEG_FAN_MIN_ORDERS,
 * ::LTV_SEG_FAN_MIN_TENURE_DAYS, ::LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS and
 * ::LTV_SEG_SEMI_MIN_YEAR_ORDERS into the matching ::ltv_plan_param values.
 * @param planner The planner.
 * @param cfg The settings (NULL: the segmentation defaults).
 * @return ::LTV_OK; ::LTV_EINVAL if @p planner is NULL; ::LTV_ERANGE (nothing taken) if the
 * semi-excellent limit is not below the excellent one.
 * @par Thread safety
 * Modifies the planner: no concurrent use. Reads @p cfg.
 */
LTV_API int ltv_planner_use_segment_config(ltv_planner *planner, const ltv_segment_config *cfg);

/**
 * @brief Give the planner a fitted purchase model for steps with the ::LTV_STEP_ALIVE_FALLING
 * condition.
 *
 * ltv_planner_run() and ltv_planner_schedule() of a planner with such a step segment the
 * ledger as of the run's day with this model (ltv_segment_config_set_model()) and
 * ::LTV_SEG_FALLING_DAYS = ::LTV_PLAN_FALLING_DAYS, ::LTV_SEG_FALLING_DROP_PERMILLE =
 * ::LTV_PLAN_FALLING_DROP_PERMILLE: a customer meets the condition when the segmentation
 * flags them ::LTV_FLAG_ALIVE_FALLING (no order in the last N days, P(alive) down by more
 * than the drop). The model is *borrowed*: keep it alive and unchanged while the planner runs
 * with it. It is not part of the planner's text (ltv_planner_to_text()), which holds settings,
 * not data.
 * @param planner The planner.
 * @param fit A BG/NBD, Pareto/NBD or MBG/NBD model, or NULL to detach.
 * @param unit The ::ltv_time_unit of its parameters.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, an unknown unit or a Gamma-Gamma model.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_planner_set_model(ltv_planner *planner, const ltv_predict_fit *fit, int unit);

/**
 * @brief Write the planner's state and rank thresholds into a segmentation's settings: the
 * reverse of ltv_planner_use_segment_config(), so that a segmentation (or a tool that applies
 * the user's segmentation options over the planner's) starts from the planner's values.
 *
 * Sets ::LTV_SEG_DORMANT_DAYS, ::LTV_SEG_CANCEL_IS_DORMANT, ::LTV_SEG_FAN_MIN_ORDERS,
 * ::LTV_SEG_FAN_MIN_TENURE_DAYS, ::LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS and
 * ::LTV_SEG_SEMI_MIN_YEAR_ORDERS; the other settings of @p cfg are left as they are.
 * @param planner The planner.
 * @param cfg The settings to write into.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments.
 * @par Thread safety
 * Reads the planner (safe with other readers); modifies @p cfg.
 */
LTV_API int ltv_planner_to_segment_config(const ltv_planner *planner, ltv_segment_config *cfg);

/**
 * @brief Set a channel's setting: enabled, or its weekly touch cap.
 * @param planner The planner.
 * @param channel An ::ltv_channel value.
 * @param param An ::ltv_channel_param value.
 * @param value The value, within the bounds given for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, an unknown channel or parameter;
 * ::LTV_ERANGE for a value out of bounds.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_channel_set_i64(ltv_planner *planner, int channel, int param, int64_t value);

/**
 * @brief Read a channel's setting.
 * @param planner The planner.
 * @param channel An ::ltv_channel value.
 * @param param An ::ltv_channel_param value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown channel or parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_channel_get_i64(const ltv_planner *planner, int channel, int param, int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_CHANNEL_WEEKLY_CAP", and its bounds: what
 * ltv_planner_channel_set_i64() accepts, for programs that show or check settings before setting them.
 * @param param An ::ltv_channel_param value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_planner_channel_param_info(int param, int64_t *out_min, int64_t *out_max);

/**
 * @brief Describe the role a channel plays for the shop ("thank-you and usage help").
 * @param planner The planner.
 * @param channel An ::ltv_channel value.
 * @param role UTF-8 text (line breaks allowed, no other control characters), or NULL with
 * @p len 0 to clear it.
 * @param len Its length in bytes, 0..::LTV_PLAN_TEXT_MAX.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, an unknown channel, NULL text with a
 * length or a control character; ::LTV_ERANGE for text too long; ::LTV_EENCODING for text
 * that is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_channel_set_role(ltv_planner *planner, int channel, const char *role, size_t len);

/**
 * @brief A channel's role.
 * @param planner The planner.
 * @param channel An ::ltv_channel value.
 * @param[out] out_role Receives a borrowed NUL-terminated string ("" if none), valid until the
 * role is changed or the planner freed.
 * @param[out] out_len Receives its length in bytes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown channel.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_channel_role(const ltv_planner *planner, int channel, const char **out_role,
                                     size_t *out_len);

/* ---- planner: scenarios and steps -------------------------------------------------------- */

/**
 * @brief Add an empty scenario at the end of the planner.
 * @param planner The planner.
 * @param name The scenario's name: UTF-8, 1..::LTV_PLAN_NAME_MAX bytes, without spaces,
 * control characters, `"`, `=` or `#`; unique in the planner.
 * @param len Its length in bytes.
 * @param trigger An ::ltv_trigger value.
 * @param[out] out_scenario Receives the new scenario's index (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner or name, an unknown trigger, a character
 * not allowed in names or a name already used; ::LTV_ERANGE for an empty or overlong name or
 * a full planner (::LTV_PLAN_MAX_SCENARIOS); ::LTV_EENCODING if the name is not UTF-8;
 * ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_add_scenario(ltv_planner *planner, const char *name, size_t len, int trigger,
                                     size_t *out_scenario);

/**
 * @brief Remove a scenario; the scenarios after it move down by one index.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner; ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_remove_scenario(ltv_planner *planner, size_t scenario);

/**
 * @brief Number of scenarios.
 * @param planner The planner, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_planner_scenario_count(const ltv_planner *planner);

/**
 * @brief A scenario's name, trigger and number of steps.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param[out] out_name Receives a borrowed NUL-terminated name, valid until the scenario is
 * removed or the planner freed (may be NULL).
 * @param[out] out_len Receives the name's length (may be NULL).
 * @param[out] out_trigger Receives the ::ltv_trigger value (may be NULL).
 * @param[out] out_steps Receives the number of steps (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner; ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_scenario_info(const ltv_planner *planner, size_t scenario, const char **out_name,
                                      size_t *out_len, int *out_trigger, size_t *out_steps);

/**
 * @brief Find a scenario by name.
 * @param planner The planner.
 * @param name The name (not necessarily NUL-terminated).
 * @param len Its length in bytes.
 * @param[out] out_scenario Receives the index.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOTFOUND if no scenario has this name.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_find_scenario(const ltv_planner *planner, const char *name, size_t len,
                                      size_t *out_scenario);

/**
 * @brief Add a step at the end of a scenario, with no condition and no stop rule.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param name The step's name (rules as for scenario names); unique in the scenario.
 * @param len Its length in bytes.
 * @param day Day offset from the anchor, 0..::LTV_PLAN_DAY_MAX.
 * @param channel An ::ltv_channel value.
 * @param stage An ::ltv_stage value.
 * @param action An ::ltv_action value.
 * @param offer An ::ltv_offer value.
 * @param[out] out_step Receives the new step's index in the scenario (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner or name, a character not allowed in names
 * or a name already used in the scenario; ::LTV_ERANGE for a scenario index, day, channel,
 * stage, action or offer out of range, an empty or overlong name or a full scenario
 * (::LTV_PLAN_MAX_STEPS); ::LTV_EENCODING if the name is not UTF-8; ::LTV_ENOMEM. The
 * message names the value and its bounds.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_add_step(ltv_planner *planner, size_t scenario, const char *name, size_t len,
                                 int32_t day, int channel, int stage, int action, int offer, size_t *out_step);

/**
 * @brief Remove a step; the steps after it move down by one index.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner; ::LTV_ERANGE for an index out of range.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_remove_step(ltv_planner *planner, size_t scenario, size_t step);

/**
 * @brief Find a step by name.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param name The name (not necessarily NUL-terminated).
 * @param len Its length in bytes.
 * @param[out] out_step Receives the step's index.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for a scenario index out of
 * range; ::LTV_ENOTFOUND if no step of the scenario has this name.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_find_step(const ltv_planner *planner, size_t scenario, const char *name, size_t len,
                                  size_t *out_step);

/**
 * @brief Set one field of a step: its day, channel, stage, action, offer, a condition or
 * its stop rule.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @param field An ::ltv_step_field value.
 * @param value The value, within the bounds given for the field.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner or an unknown field; ::LTV_ERANGE for an
 * index or a value out of bounds (the message names the field and the bounds).
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_step_set_i64(ltv_planner *planner, size_t scenario, size_t step, int field,
                                     int64_t value);

/**
 * @brief Read one field of a step.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @param field An ::ltv_step_field value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown field; ::LTV_ERANGE for an
 * index out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_step_get_i64(const ltv_planner *planner, size_t scenario, size_t step, int field,
                                     int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_STEP_DAY", and its bounds: what
 * ltv_planner_step_set_i64() accepts, for programs that show or check settings before setting them.
 * @param field An ::ltv_step_field value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown field.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_planner_step_field_info(int field, int64_t *out_min, int64_t *out_max);

/**
 * @brief Set a step's note: what the message says, for the people who write it.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @param note UTF-8 text (line breaks allowed, no other control characters), or NULL with
 * @p len 0 to clear it.
 * @param len Its length in bytes, 0..::LTV_PLAN_TEXT_MAX.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, NULL text with a length or a control
 * character; ::LTV_ERANGE for an index out of range or text too long; ::LTV_EENCODING for
 * text that is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_step_set_note(ltv_planner *planner, size_t scenario, size_t step, const char *note,
                                      size_t len);

/**
 * @brief A step's name and note.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @param[out] out_name Receives the borrowed NUL-terminated name (may be NULL).
 * @param[out] out_name_len Receives its length (may be NULL).
 * @param[out] out_note Receives the borrowed NUL-terminated note, "" if none (may be NULL).
 * @param[out] out_note_len Receives its length (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner; ::LTV_ERANGE for an index out of range.
 * Borrowed strings stay valid until the step is changed or removed or the planner freed.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_step_text(const ltv_planner *planner, size_t scenario, size_t step, const char **out_name,
                                  size_t *out_name_len, const char **out_note, size_t *out_note_len);

/* ---- validation ---------------------------------------------------------------------------- */

/**
 * @brief Check the planner as a whole: channels enabled, weekly caps kept, conditions that
 * some customer can meet, no empty scenario.
 *
 * Problems that one value alone makes (a day outside 0..90, a duplicate name, an unknown
 * channel) are refused when the value is set or the file is read; this check covers what
 * depends on several settings.
 * @param planner The planner.
 * @param[out] out_report Receives the list of problems, also when there are none (release
 * with ltv_plan_report_free()); may be NULL.
 * @return ::LTV_OK if there is no problem; ::LTV_EVALIDATION if there are (the message of
 * ltv_last_error() gives the count and the first problem); ::LTV_EINVAL if @p planner is
 * NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_validate(const ltv_planner *planner, ltv_plan_report **out_report);

/**
 * @brief Release a validation report.
 * @param report The report, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the report during the call.
 */
LTV_API void ltv_plan_report_free(ltv_plan_report *report);

/**
 * @brief Number of problems in a report.
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_plan_report_count(const ltv_plan_report *report);

/**
 * @brief One problem of a report.
 * @param report The report.
 * @param i 0..ltv_plan_report_count() − 1.
 * @param[out] out_kind Receives an ::ltv_plan_problem value (may be NULL).
 * @param[out] out_scenario Receives the scenario's index, or SIZE_MAX if none (may be NULL).
 * @param[out] out_step Receives the step's index, or SIZE_MAX if none (may be NULL).
 * @param[out] out_line Receives the line of the step in the file it was loaded from, 0 if it
 * was not loaded from a file (may be NULL).
 * @param[out] out_message Receives a borrowed English message naming the scenario, the step
 * and what is wrong, valid while the report lives (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p report is NULL; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_plan_report_problem(const ltv_plan_report *report, size_t i, int *out_kind, size_t *out_scenario,
                                    size_t *out_step, uint32_t *out_line, const char **out_message);

/* ---- text format ------------------------------------------------------------------------ */

/**
 * @brief Write the planner in the text format of `docs/planner.md`.
 * @param planner The planner.
 * @param[out] out_text Receives the NUL-terminated text, owned by the caller (release with
 * ltv_free()).
 * @param[out] out_len Receives its length in bytes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_to_text(const ltv_planner *planner, char **out_text, size_t *out_len);

/**
 * @brief Save the planner to a file in the text format.
 * @param planner The planner.
 * @param path The file's path; an existing file is replaced atomically: the text goes to a
 * temporary file in the same directory, flushed and renamed over it, so a failed write leaves
 * the old file whole, and a symlink at path is replaced rather than written through.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EIO if the file cannot be written
 * (the file is then unchanged); ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only on the planner: safe with other readers.
 */
LTV_API int ltv_planner_save(const ltv_planner *planner, const char *path);

/**
 * @brief Read a planner from text in the text format.
 *
 * The planner is not validated: call ltv_planner_validate() to check it as a whole (its
 * messages give the line of each step).
 * @param[out] out Receives the new planner; release it with ltv_planner_free().
 * @param text The text (need not be NUL-terminated). A UTF-8 byte order mark and CRLF line
 * ends are accepted.
 * @param len Its length in bytes.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EENCODING for text that is not
 * UTF-8; ::LTV_EPARSE for anything malformed or out of bounds (the message gives the line,
 * the column and what was expected); ::LTV_ENOMEM when memory runs out, wherever in the text
 * (the message gives the line it was reading).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_planner_from_text(ltv_planner **out, const char *text, size_t len);

/**
 * @brief Read a planner from a file in the text format; otherwise as ltv_planner_from_text().
 * @param[out] out Receives the new planner; release it with ltv_planner_free().
 * @param path The file's path.
 * @return As ltv_planner_from_text(); ::LTV_EIO if the file cannot be read (messages name
 * the path); ::LTV_ERANGE if it is larger than 16 MiB (a planner text is a few kilobytes;
 * reading stops there, so an endless file such as /dev/zero is refused).
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_planner_load(ltv_planner **out, const char *path);

/* ---- platform events ---------------------------------------------------------------------- */

/**
 * @brief Create an empty list of platform events.
 * @param[out] out Receives the list; release it with ltv_plan_events_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_plan_events_new(ltv_plan_events **out);

/**
 * @brief Release a list of platform events.
 * @param events The list, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the list during or after the call.
 */
LTV_API void ltv_plan_events_free(ltv_plan_events *events);

/**
 * @brief Add one platform event.
 *
 * The customer need not be in the ledger: a visitor known only from events can still get
 * the cart and browse follow-ups (as a customer with no order).
 * @param events The list.
 * @param customer_id The customer's id, UTF-8, as in the ledger (not necessarily
 * NUL-terminated).
 * @param id_len Its length in bytes, 1..::LTV_ID_MAX.
 * @param kind An ::ltv_platform_event value.
 * @param day Day number of the event, ::LTV_DAY_MIN..::LTV_DAY_MAX (date.h).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown kind; ::LTV_ERANGE for an
 * id or day out of bounds or a list of 2^32 − 1 customers; ::LTV_EENCODING if the id is not
 * UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the list: no concurrent use.
 */
LTV_API int ltv_plan_events_add(ltv_plan_events *events, const char *customer_id, size_t id_len, int kind,
                                int32_t day);

/**
 * @brief Add the events of a CSV file: `customer_id,event,date` per line, an optional header
 * line starting with `customer_id`, events `cart_created` (or `cart`) and `product_viewed`
 * (or `view`), dates as ltv_date_parse() reads them.
 *
 * Fields follow the order-log loader's rules (the same splitter): separated by commas,
 * spaces around them cut, double quotes around a field that holds commas, `""` for a quote;
 * LF, CRLF or CR line ends, a UTF-8 byte order mark, blank lines skipped. A line longer than
 * 64 KiB is refused. The file is read in pieces, so its size is not limited.
 * @param events The list that receives the events.
 * @param path The file's path.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EIO if the file cannot be read;
 * ::LTV_EPARSE for a malformed line or an unknown event; ::LTV_EENCODING for text that is not
 * UTF-8; as ltv_date_parse() or ltv_plan_events_add() for a bad date or id; ::LTV_ENOMEM. The
 * message names the path, the line and the column. On failure the list keeps the events of
 * the lines before the bad one.
 * @par Thread safety
 * Modifies the list: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_plan_events_load_csv(ltv_plan_events *events, const char *path);

/**
 * @brief Number of events in the list.
 * @param events The list, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_plan_events_count(const ltv_plan_events *events);

/* ---- outputs ------------------------------------------------------------------------------ */

/**
 * @brief Run the planner over a whole ledger as of a day: the actions due that day and the
 * load per channel for each of the next ::LTV_PLAN_HORIZON days.
 *
 * One pass over the customers, reading each customer's facts once (and their events only
 * where a stop rule or an order-value condition needs them). Steps ahead are counted with
 * what is known as of the day; new purchases will add more.
 * @param[out] out Receives the result; release it with ltv_plan_run_free(). It borrows the
 * ledger and the events for customer ids: keep them alive and unchanged while reading ids.
 * @param planner The planner; it must pass ltv_planner_validate().
 * @param ledger The ledger.
 * @param events Platform events for the cart and browse scenarios, or NULL for none.
 * @param as_of_day The as-of day A: events before A are known; actions due on A are listed.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, ledger or @p out; ::LTV_EVALIDATION if
 * the planner fails validation (the message gives the first problem); ::LTV_ERANGE for a day
 * out of range; ::LTV_ESTATE for an ::LTV_STEP_ALIVE_FALLING step without a model
 * (ltv_planner_set_model()), and the failures of ltv_segment_run() with it; ::LTV_ENOMEM.
 * @par Thread safety
 * Reads the planner, the ledger and the events: safe with other readers.
 */
LTV_API int ltv_planner_run(ltv_plan_run **out, const ltv_planner *planner, const ltv_ledger *ledger,
                            const ltv_plan_events *events, int32_t as_of_day);

/**
 * @brief Release a run's result.
 * @param run The result, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the result during or after the call.
 */
LTV_API void ltv_plan_run_free(ltv_plan_run *run);

/**
 * @brief Number of actions due on the as-of day.
 * @param run The result, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_plan_run_due_count(const ltv_plan_run *run);

/**
 * @brief One due action. Actions are ordered by customer (ledger customers in ledger order,
 * then customers known only from events), then scenario, then step.
 * @param run The result.
 * @param i 0..ltv_plan_run_due_count() − 1.
 * @param[out] out_customer Receives the customer's ledger index, or ::LTV_PLAN_NOT_IN_LEDGER
 * (may be NULL).
 * @param[out] out_scenario Receives the scenario's index (may be NULL).
 * @param[out] out_step Receives the step's index (may be NULL).
 * @param[out] out_channel Receives the step's ::ltv_channel (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p run is NULL; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_plan_run_due(const ltv_plan_run *run, uint64_t i, uint64_t *out_customer, size_t *out_scenario,
                             size_t *out_step, int *out_channel);

/**
 * @brief The customer id of one due action.
 * @param run The result.
 * @param i 0..ltv_plan_run_due_count() − 1.
 * @param[out] out_id Receives a borrowed NUL-terminated id from the ledger or the events,
 * valid while they live unchanged.
 * @param[out] out_len Receives its length in bytes (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers of the result, the ledger and the events.
 */
LTV_API int ltv_plan_run_due_id(const ltv_plan_run *run, uint64_t i, const char **out_id, size_t *out_len);

/**
 * @brief All due actions as columns, for bindings.
 *
 * With every column NULL and @p capacity 0, only the count is written.
 * @param run The result.
 * @param[out] customers Receives ledger indexes or ::LTV_PLAN_NOT_IN_LEDGER (may be NULL).
 * @param[out] scenarios Receives scenario indexes (may be NULL).
 * @param[out] steps Receives step indexes (may be NULL).
 * @param[out] channels Receives ::ltv_channel values (may be NULL).
 * @param capacity Rows each non-NULL column can hold.
 * @param[out] out_len Receives the number of due actions.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p run or @p out_len; ::LTV_EBUFSIZE if
 * @p capacity is too small for a non-NULL column (the needed count is written).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_plan_run_due_columns(const ltv_plan_run *run, uint64_t *customers, uint32_t *scenarios,
                                     uint32_t *steps, uint8_t *channels, size_t capacity, size_t *out_len);

/**
 * @brief A channel's load: the number of steps falling on each day from the as-of day on.
 *
 * Day 0 is the as-of day, so `counts[0]` is the channel's number of due actions.
 * @param run The result.
 * @param channel An ::ltv_channel value.
 * @param[out] out_counts Receives ::LTV_PLAN_HORIZON counts.
 * @param capacity Size of @p out_counts; at least ::LTV_PLAN_HORIZON.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown channel; ::LTV_EBUFSIZE if
 * @p capacity is below ::LTV_PLAN_HORIZON.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_plan_run_load(const ltv_plan_run *run, int channel, uint64_t *out_counts, size_t capacity);

/**
 * @brief Build one customer's dated schedule as of a day.
 *
 * For every scenario with an anchor for this customer, every step with its date and status:
 * passed, due, planned, skipped by its condition or stopped by its rule (with the reason).
 * Entries are ordered by date, then scenario, then step.
 * @param[out] out Receives the schedule; release it with ltv_schedule_free().
 * @param planner The planner; it must pass ltv_planner_validate().
 * @param ledger The ledger.
 * @param events Platform events, or NULL for none.
 * @param customer_id The customer's id (not necessarily NUL-terminated).
 * @param id_len Its length in bytes.
 * @param as_of_day The as-of day A.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_EVALIDATION if the planner fails
 * validation; ::LTV_ENOTFOUND if neither the ledger nor the events know the customer;
 * ::LTV_ERANGE for a day out of range; ::LTV_ESTATE as ltv_planner_run(); ::LTV_ENOMEM. With an
 * ::LTV_STEP_ALIVE_FALLING step the whole ledger is segmented once for the condition.
 * @par Thread safety
 * Reads the planner, the ledger and the events: safe with other readers.
 */
LTV_API int ltv_planner_schedule(ltv_schedule **out, const ltv_planner *planner, const ltv_ledger *ledger,
                                 const ltv_plan_events *events, const char *customer_id, size_t id_len,
                                 int32_t as_of_day);

/**
 * @brief Release a schedule.
 * @param schedule The schedule, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the schedule during or after the call.
 */
LTV_API void ltv_schedule_free(ltv_schedule *schedule);

/**
 * @brief Number of entries in a schedule.
 * @param schedule The schedule, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_schedule_count(const ltv_schedule *schedule);

/**
 * @brief One entry of a schedule.
 * @param schedule The schedule.
 * @param i 0..ltv_schedule_count() − 1.
 * @param[out] out_scenario Receives the scenario's index (may be NULL).
 * @param[out] out_step Receives the step's index (may be NULL).
 * @param[out] out_day Receives the day number the step falls on (may be NULL).
 * @param[out] out_status Receives an ::ltv_entry_status value (may be NULL).
 * @param[out] out_reason Receives, for a skipped step, the ::ltv_step_field of the first
 * condition that failed; for a stopped step, the ::ltv_stop bit that fired; else -1 (may be
 * NULL).
 * @param[out] out_reason_day Receives the day of the event that stopped the step, else
 * ::LTV_NO_DAY (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p schedule is NULL; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_schedule_entry(const ltv_schedule *schedule, size_t i, size_t *out_scenario, size_t *out_step,
                               int32_t *out_day, int *out_status, int *out_reason, int32_t *out_reason_day);

/**
 * @brief The anchor day of one scenario for the scheduled customer.
 * @param schedule The schedule.
 * @param scenario The scenario's index in the planner.
 * @param[out] out_day Receives the anchor day.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for an index out of range;
 * ::LTV_ENOTFOUND if the scenario has no anchor for this customer (no purchase, not dormant,
 * no such event, or the anchor lies more than ::LTV_PLAN_DAY_MAX days before the as-of day).
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_schedule_anchor(const ltv_schedule *schedule, size_t scenario, int32_t *out_day);

/**
 * @brief The scheduled customer's state, rank and order count as of the schedule's day.
 * @param schedule The schedule.
 * @param[out] out_state Receives an ::ltv_state value (may be NULL).
 * @param[out] out_rank Receives an ::ltv_rank value (may be NULL).
 * @param[out] out_orders Receives the number of orders (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p schedule is NULL.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_schedule_segment(const ltv_schedule *schedule, int *out_state, int *out_rank, int32_t *out_orders);

/* ---- timing from data ---------------------------------------------------------------------- */

/**
 * @brief The first → second purchase gaps of the shop's best customers, as a histogram.
 *
 * The best customers are those of the excellent rank (::LTV_RANK_EXCELLENT) as of the day (at least
 * ::LTV_PLAN_EXCELLENT_MIN_ORDERS orders in the trailing year). For each of them with a
 * second order, the gap is second order day − first order day; `out_counts[g]` counts the
 * gaps g < @p capacity (gap 0: two orders on the first day).
 * @param planner The planner (for its rank thresholds).
 * @param ledger The ledger.
 * @param as_of_day The as-of day A.
 * @param[out] out_counts Receives @p capacity counts.
 * @param capacity Size of @p out_counts, 1..100000 (91 covers the planner's range).
 * @param[out] out_customers Receives the number of best customers with a second order,
 * including those whose gap is too long for the histogram (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for a capacity or day out
 * of range; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_best_gaps(const ltv_planner *planner, const ltv_ledger *ledger, int32_t as_of_day,
                                  uint64_t *out_counts, size_t capacity, uint64_t *out_customers);

/**
 * @brief The first → second purchase gaps of the best customers of a segmentation.
 *
 * As ltv_planner_best_gaps(), with the best customers taken from the segmentation's value
 * ranks (::LTV_RANK_EXCELLENT) as of its own day, so that timing follows the shop's
 * segmentation settings.
 * @param seg A segmentation of @p ledger (ltv_segment_run()).
 * @param ledger The ledger the segmentation was computed from.
 * @param[out] out_counts Receives @p capacity counts.
 * @param capacity Size of @p out_counts, 1..100000.
 * @param[out] out_customers Receives the number of best customers with a second order (may
 * be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or a segmentation whose customer count
 * differs from the ledger's; ::LTV_ERANGE for a capacity out of range; ::LTV_ENOMEM.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_planner_best_gaps_segmented(const ltv_segmentation *seg, const ltv_ledger *ledger,
                                            uint64_t *out_counts, size_t capacity, uint64_t *out_customers);

/**
 * @brief Place a step (normally the second-purchase proposal) where the shop's best
 * customers actually re-buy, and say which day was chosen and why.
 *
 * Among the re-purchases on days 1..90 of the histogram, the planner finds the busiest
 * window of ::LTV_PLAN_TIMING_WINDOW_DAYS days inside days 1..90 and moves the step to the
 * window's first day, so that the message arrives as the re-buying begins. When several
 * windows hold as many re-purchases, the one whose first day has the most wins (a sharp
 * peak gets the step on the peak), then the earliest. Same-day second orders (gap 0) are
 * left out: no message can prompt them.
 * With fewer than ::LTV_PLAN_TIMING_MIN_CUSTOMERS re-purchases in those days the step keeps
 * its day and the explanation says so.
 * @param planner The planner.
 * @param scenario The scenario's index.
 * @param step The step's index.
 * @param gap_counts Histogram of first → second gaps: `gap_counts[g]` customers re-bought g
 * days after their first purchase (as from ltv_planner_best_gaps()).
 * @param n_days Number of entries of @p gap_counts (days beyond 90 are ignored).
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA: the language of the explanation.
 * @param[out] out_day Receives the step's day after the call (may be NULL).
 * @param[out] out_reason Receives an ::ltv_timing_reason value (may be NULL).
 * @param[out] out_explanation Receives a sentence for the shop owner, owned by the caller
 * (release with ltv_free()); may be NULL.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL planner, a NULL histogram with @p n_days above 0
 * or an unknown language; ::LTV_ERANGE for an index out of range; ::LTV_EOVERFLOW if the
 * counts do not fit in 64 bits together; ::LTV_ENOMEM. On failure the step is unchanged.
 * @par Thread safety
 * Modifies the planner: no concurrent use.
 */
LTV_API int ltv_planner_place_step(ltv_planner *planner, size_t scenario, size_t step, const uint64_t *gap_counts,
                                   size_t n_days, int lang, int32_t *out_day, int *out_reason,
                                   char **out_explanation);

/* ---- vocabulary ------------------------------------------------------------------------------ */

/**
 * @brief The label of a value for people, in English or Japanese ("Package insert", "同梱物").
 * @param vocab An ::ltv_plan_vocab value other than ::LTV_PLAN_VOCAB_STAGE, ::LTV_PLAN_VOCAB_STATE
 * and ::LTV_PLAN_VOCAB_RANK, whose labels come from crm.h and segment.h.
 * @param value A value of that vocabulary.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string, or NULL for an unknown vocabulary, value or language.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_planner_label(int vocab, int value, int lang);

/**
 * @brief The keyword of a value in the text format ("package_insert", "second_purchase").
 * @param vocab An ::ltv_plan_vocab value.
 * @param value A value of that vocabulary.
 * @return A static ASCII string, or NULL for an unknown vocabulary or value.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_planner_keyword(int vocab, int value);

/**
 * @brief The keyword of a channel ("email", "package_insert"): the same word as
 * ltv_planner_keyword(::LTV_PLAN_VOCAB_CHANNEL, channel), beside ltv_state_keyword() and
 * ltv_rank_keyword().
 * @param channel An ::ltv_channel value.
 * @return A static ASCII string; NULL (::LTV_EINVAL recorded) for an unknown channel.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_channel_keyword(int channel);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_PLANNER_H */
