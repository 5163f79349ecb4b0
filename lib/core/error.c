/* Status names and the thread-local message of the last failure. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

#define LTV_ERROR_CAPACITY 1024

static _Thread_local char last_message[LTV_ERROR_CAPACITY];
static _Thread_local int last_status = LTV_OK;

typedef struct status_entry {
    int status;
    const char *name;
    const char *text;
} status_entry;

static const status_entry status_table[] = {
    {LTV_OK, "LTV_OK", "success"},
    {LTV_EINVAL, "LTV_EINVAL", "invalid argument"},
    {LTV_ENOMEM, "LTV_ENOMEM", "out of memory"},
    {LTV_ERANGE, "LTV_ERANGE", "value out of range"},
    {LTV_EIO, "LTV_EIO", "input/output error"},
    {LTV_EPARSE, "LTV_EPARSE", "malformed input"},
    {LTV_ENOTFOUND, "LTV_ENOTFOUND", "not found"},
    {LTV_EBUFSIZE, "LTV_EBUFSIZE", "buffer too small"},
    {LTV_EENCODING, "LTV_EENCODING", "text is not valid UTF-8"},
    {LTV_ESTATE, "LTV_ESTATE", "operation not allowed in this state"},
    {LTV_EOVERFLOW, "LTV_EOVERFLOW", "integer overflow"},
    {LTV_EFORMAT, "LTV_EFORMAT", "required structure missing"},
    {LTV_EVALIDATION, "LTV_EVALIDATION", "validation failed"},
};

static const status_entry *find_status(int status) {
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].status == status) return &status_table[i];
    return NULL;
}

const char *ltv_status_name(int status) {
    const status_entry *entry = find_status(status);
    return entry ? entry->name : "LTV_UNKNOWN";
}

const char *ltv_status_text(int status) {
    const status_entry *entry = find_status(status);
    return entry ? entry->text : "unknown status";
}

const char *ltv_last_error(void) { return last_message; }

int ltv_last_status(void) { return last_status; }

void ltv_clear_error(void) {
    last_message[0] = '\0';
    last_status = LTV_OK;
}

int ltv__fail(int status, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, args);
    va_end(args);
    last_status = status;
    return status;
}
