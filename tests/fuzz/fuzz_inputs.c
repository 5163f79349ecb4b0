/* libFuzzer target for every entry point that parses outside input: the CSV loader, the
 * matrix loaders (JSON and CSV), the planner's scenario format and the grader's answers.
 * The first byte picks the parser. Every input must end in a status, never a crash, a
 * sanitizer report or a leak. Build and run with scripts/fuzz.sh. */
#include <ltvcrm/ltvcrm.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    const char *text = (const char *)data + 1;
    const size_t len = size - 1;
    switch (data[0] % 5) {
    case 0: {
        ltv_ledger *ledger = NULL;
        ltv_load_report *report = NULL;
        if (ltv_ledger_new(&ledger) != LTV_OK) return 0;
        if (ltv_ledger_load_csv_buffer(ledger, text, len, NULL, &report) == LTV_OK) {
            ltv_segmentation *seg = NULL;
            if (ltv_segment_run(&seg, ledger, NULL, 20758) == LTV_OK) ltv_segmentation_free(seg);
        }
        ltv_load_report_free(report);
        ltv_ledger_free(ledger);
        break;
    }
    case 1:
    case 2: {
        ltv_matrix *matrix = NULL;
        if (ltv_matrix_load(&matrix, data[0] % 5 == 1 ? LTV_MATRIX_FORMAT_JSON : LTV_MATRIX_FORMAT_CSV, text, len) == LTV_OK)
            ltv_matrix_free(matrix);
        break;
    }
    case 3: {
        ltv_planner *planner = NULL;
        if (ltv_planner_from_text(&planner, text, len) == LTV_OK) ltv_planner_free(planner);
        break;
    }
    default: {
        ltv_grade *grade = NULL;
        if (ltv_grader_grade(&grade, text, len) == LTV_OK) ltv_grade_free(grade);
        break;
    }
    }
    return 0;
}
