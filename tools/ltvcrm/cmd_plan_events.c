/* ltvcrm plan --events: the platform events file (customer_id,event,date), read line by line
 * with the order log's field rules. Every line is taken or the load fails naming it. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd_plan.h"

/* Splits a line of the events file into its fields in place, as the order-log loader does:
 * fields are separated by commas and trimmed of spaces; a field in double quotes may hold
 * commas, and "" stands for a quote. Returns the number of fields (at most `max`; one more
 * means "too many"), or -1 with *bad_field (0-based) and *why set. */
static int split_fields(char *p, size_t len, char **fields, size_t max, size_t *bad_field, const char **why) {
    char *end = p + len;
    size_t n = 0;
    for (;;) {
        if (n > max) return (int)n;
        char *q = p, *text, *stop;
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        if (q < end && *q == '"') {
            char *out = ++q;
            text = q;
            for (;;) {
                if (q >= end) {
                    *bad_field = n;
                    *why = "the quoted field is not closed on its line";
                    return -1;
                }
                if (*q == '"' && q + 1 < end && q[1] == '"') {
                    *out++ = '"';
                    q += 2;
                } else if (*q == '"') {
                    q++;
                    break;
                } else {
                    *out++ = *q++;
                }
            }
            *out = '\0'; /* out < q: the closing quote at least lies between */
            while (q < end && (*q == ' ' || *q == '\t')) q++;
            if (q < end && *q != ',') {
                *bad_field = n;
                *why = "text after the closing quote";
                return -1;
            }
            stop = q;
        } else {
            stop = memchr(p, ',', (size_t)(end - p));
            if (!stop) stop = end;
            if (memchr(p, '"', (size_t)(stop - p))) {
                *bad_field = n;
                *why = "a quote inside an unquoted field (quote the whole field and double the quote)";
                return -1;
            }
            text = q;
            char *last = stop;
            while (last > text && (last[-1] == ' ' || last[-1] == '\t')) last--;
            *last = '\0';
        }
        if (n < max) fields[n] = text;
        n++;
        if (stop >= end) return (int)n;
        *stop = '\0';
        p = stop + 1;
    }
}

/* One record of the events file into the list; a message naming line and column otherwise. */
static int add_event(ltv_plan_events *events, const char *path, uint64_t number, char *text, size_t len) {
    char *fields[3];
    size_t bad = 0;
    const char *why = NULL;
    int n = split_fields(text, len, fields, 3, &bad, &why);
    if (n < 0) {
        fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ", column %zu: %s\n", path, number, bad + 1, why);
        return CLI_EXIT_INPUT;
    }
    if (n != 3) {
        fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ": expected customer_id,event,date, found %d field%s\n", path,
                number, n, n == 1 ? "" : "s");
        return CLI_EXIT_INPUT;
    }
    const char *id = fields[0], *event = fields[1], *date = fields[2];
    if (number == 1 && !strcmp(id, "customer_id")) return CLI_EXIT_OK; /* the header */
    int kind = !strcmp(event, "cart_created") || !strcmp(event, "cart")       ? LTV_PLATFORM_CART_CREATED
               : !strcmp(event, "product_viewed") || !strcmp(event, "view") ? LTV_PLATFORM_PRODUCT_VIEWED
                                                                             : -1;
    int32_t day;
    if (kind < 0) {
        fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ", column 2: unknown event '%s' (cart_created or product_viewed)\n",
                path, number, event);
    } else if (ltv_date_parse(date, strlen(date), &day) != LTV_OK) {
        fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ", column 3: %s\n", path, number, ltv_last_error());
    } else if (ltv_plan_events_add(events, id, strlen(id), kind, day) != LTV_OK) {
        fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ", column 1: %s\n", path, number, ltv_last_error());
    } else {
        return CLI_EXIT_OK;
    }
    return CLI_EXIT_INPUT;
}

int plan_load_events(const char *path, ltv_plan_events **out) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "ltvcrm plan: %s: cannot open (%s)\n", path, strerror(errno));
        return CLI_EXIT_INPUT;
    }
    struct stat info;
    if (fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
        fprintf(stderr, "ltvcrm plan: %s: cannot read events from a directory\n", path);
        fclose(file);
        return CLI_EXIT_INPUT;
    }
    ltv_plan_events *events = NULL;
    if (ltv_plan_events_new(&events) != LTV_OK) {
        fclose(file);
        return cli_report_failure("events", ltv_last_status());
    }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t got;
    int code = CLI_EXIT_OK;
    uint64_t number = 0;
    while (code == CLI_EXIT_OK && (got = getline(&line, &capacity, file)) >= 0) {
        number++;
        size_t len = (size_t)got;
        char *text = line;
        if (number == 1 && len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
        if (len && text[len - 1] == '\n') len--;
        if (len && text[len - 1] == '\r') len--;
        text[len] = '\0';
        if (memchr(text, '\0', len)) {
            fprintf(stderr, "ltvcrm plan: %s: line %" PRIu64 ": a NUL byte (is this a text file?)\n", path, number);
            code = CLI_EXIT_INPUT;
        } else if (len) {
            code = add_event(events, path, number, text, len);
        }
    }
    if (code == CLI_EXIT_OK && ferror(file)) {
        fprintf(stderr, "ltvcrm plan: %s: read error after line %" PRIu64 " (%s)\n", path, number, strerror(errno));
        code = CLI_EXIT_INPUT;
    }
    free(line);
    fclose(file);
    if (code != CLI_EXIT_OK) {
        ltv_plan_events_free(events);
        return code;
    }
    *out = events;
    return CLI_EXIT_OK;
}
