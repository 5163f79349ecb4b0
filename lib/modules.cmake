# The library's modules and what each may look inside besides lib/core/ (its internal headers).
# Everything else a module uses goes through the public API in include/ltvcrm/.
# Order: a module comes after the modules it depends on.
ltv_module(core)
ltv_module(crm)
ltv_module(ledger)
ltv_module(rules)
ltv_module(csv DEPENDS ledger)
ltv_module(segment DEPENDS ledger rules predict)
ltv_module(health DEPENDS ledger segment rules)
ltv_module(planner DEPENDS segment rules)
ltv_module(matrix)
ltv_module(grader DEPENDS rules)
ltv_module(snapshot DEPENDS ledger)
ltv_module(arrow DEPENDS ledger segment rules)
ltv_module(predict DEPENDS ledger)
ltv_module(report)
