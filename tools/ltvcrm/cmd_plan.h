/* ltvcrm plan: what its files share. */
#ifndef LTVCRM_CMD_PLAN_H
#define LTVCRM_CMD_PLAN_H

#include "cli.h"

/* Reads customer_id,event,date lines (a first line naming customer_id is a header; blank
 * lines are skipped) into a new list. Lines may be of any length; fields are trimmed, and a
 * field in double quotes may hold commas and "" for a quote. A line that cannot be read whole,
 * a directory or a read error ends the load with a message naming the line (and column).
 * Returns CLI_EXIT_OK with *out the caller's, or CLI_EXIT_INPUT / CLI_EXIT_FAILURE. */
int plan_load_events(const char *path, ltv_plan_events **out);

#endif
