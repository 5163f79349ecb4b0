/**
 * @file ltvcrm.h
 * @brief The umbrella header: include this to get the whole public API of libltvcrm.
 *
 * libltvcrm turns an e-commerce shop's order log into CRM decisions: a customer ledger,
 * lifecycle segments, RFM ranks and LTV, health-check KPIs, a 90-day scenario planner, the
 * campaign matrix and a CRM maturity grader. See `docs/` for the guides.
 */
#ifndef LTVCRM_LTVCRM_H
#define LTVCRM_LTVCRM_H

#include "common.h"
#include "date.h"
#include "timezone.h"
#include "ledger.h"
#include "csv.h"
#include "segment.h"
#include "crm.h"
#include "matrix.h"
#include "grader.h"
#include "planner.h"
#include "health.h"
#include "snapshot.h"
#include "arrow.h"
#include "predict.h"
#include "report.h"

#endif /* LTVCRM_LTVCRM_H */
