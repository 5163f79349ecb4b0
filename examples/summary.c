/* The smallest useful program: load an order log and print its headline numbers.
 * Build against an installed libltvcrm:
 *   cc summary.c $(pkg-config --cflags --libs libltvcrm) -o summary */
#include <ltvcrm/ltvcrm.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s ORDERS.csv\n", argv[0]);
        return 2;
    }
    ltv_ledger *ledger = NULL;
    ltv_load_report *report = NULL;
    int status = ltv_ledger_new(&ledger);
    if (status == LTV_OK) status = ltv_ledger_load_csv(ledger, argv[1], NULL, &report);
    if (status != LTV_OK) {
        fprintf(stderr, "%s: %s\n", ltv_status_name(status), ltv_last_error());
        ltv_ledger_free(ledger);
        return 1;
    }
    int32_t last = 0;
    ltv_ledger_day_range(ledger, NULL, &last);
    ltv_ledger_summary s;
    ltv_ledger_summary_as_of(ledger, last + 1, &s, sizeof s);
    printf("libltvcrm %s: %llu customers, %llu orders, repeat rate %.1f%%, %llu bad rows\n", ltv_version_string(),
           (unsigned long long)s.customers, (unsigned long long)s.orders,
           s.customers ? 100.0 * (double)s.repeat_customers / (double)s.customers : 0.0,
           (unsigned long long)ltv_load_report_rows_rejected(report));
    ltv_load_report_free(report);
    ltv_ledger_free(ledger);
    return 0;
}
