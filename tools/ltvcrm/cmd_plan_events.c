/* ltvcrm plan --events: the platform events file (customer_id,event,date), read by the
 * library (ltv_plan_events_load_csv) with the order log's field splitter. Every line is taken
 * or the load fails naming it. */
#include <stdio.h>

#include "cmd_plan.h"

int plan_load_events(const char *path, ltv_plan_events **out) {
    ltv_plan_events *events = NULL;
    int status = ltv_plan_events_new(&events);
    if (status == LTV_OK) status = ltv_plan_events_load_csv(events, path);
    if (status != LTV_OK) {
        fprintf(stderr, "ltvcrm plan: %s\n", ltv_last_error());
        ltv_plan_events_free(events);
        return status == LTV_ENOMEM ? CLI_EXIT_FAILURE : CLI_EXIT_INPUT;
    }
    *out = events;
    return CLI_EXIT_OK;
}
