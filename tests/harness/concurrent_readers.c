/* Concurrent readers of one ledger (ctest: concurrent_readers, run under ThreadSanitizer by
 * scripts/test.sh). The library promises that a ledger is safe for concurrent readers, and
 * two of its readers change the ledger's inside under a lock: the lazy organizing of new
 * events (ltv__ledger_prepare) and the checks of a snapshot opened with LTV_OPEN_CHECK_ON_USE,
 * which run once per part, in whichever reader comes first — for the events, possibly inside a
 * segmentation's first pass. This program starts several threads at once on one ledger, in
 * every role (segmentation, lookups, facts, verify), round after round, and checks what each
 * got: on a sound file every answer equals the single-threaded one; on a file with damaged
 * events or ids no call ever returns a result computed from the damaged part, and every
 * failure carries the same message. A segmentation writes its score columns on their first
 * use, under its own lock: several threads read the columns of one fresh result at once,
 * round after round. ThreadSanitizer reports any data race on the way. Public API only. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ltvcrm/ltvcrm.h>

#define CUSTOMERS 240000 /* above the size at which the first pass splits among threads */
#define READERS 4
#define ROUNDS 3
#define AS_OF 20400 /* 2025-11-07 */

static int passed, failures;

/* One check of what the readers got. */
static void expect(bool ok, const char *what) {
    if (ok) {
        passed++;
        return;
    }
    fprintf(stderr, "concurrent_readers: FAIL %s\n", what);
    failures++;
}

static void must(int status, const char *what) {
    if (status == LTV_OK) return;
    fprintf(stderr, "concurrent_readers: %s: %s\n", what, ltv_last_error());
    exit(1);
}

static void id_of(uint64_t c, char *buf, size_t cap) {
    /* every 97th id is long (kept outside its record) */
    snprintf(buf, cap, c % 97 == 0 ? "customer-with-a-long-identifier-%07" PRIu64 : "C%07" PRIu64, c);
}

static ltv_ledger *build(void) {
    ltv_ledger *ledger;
    must(ltv_ledger_new(&ledger), "new");
    char id[64];
    for (uint64_t c = 0; c < CUSTOMERS; c++) {
        id_of(c, id, sizeof id);
        const int32_t first = 19000 + (int32_t)(c % 1300);
        for (uint64_t k = 0; k <= c % 4; k++)
            must(ltv_ledger_add_order(ledger, id, strlen(id), first + (int32_t)(k * 37), (int64_t)(500 + (c * 7919 + k) % 90000),
                                      1),
                 "add order");
        if (c % 11 == 0) must(ltv_ledger_add_event(ledger, id, strlen(id), LTV_EVENT_VISIT, first + 3, 0, 0), "add visit");
        if (c % 13 == 0) must(ltv_ledger_add_event(ledger, id, strlen(id), LTV_EVENT_REFUND, first + 5, -200, 0), "add refund");
    }
    return ledger;
}

/* A digest of everything a segmentation hands out per customer, and its counts. */
static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ull; }

static uint64_t digest(const ltv_segmentation *seg) {
    uint64_t h = 0xCBF29CE484222325ull;
    static const int columns[] = {LTV_COLUMN_STATE,  LTV_COLUMN_RANK,   LTV_COLUMN_R,       LTV_COLUMN_F,
                                  LTV_COLUMN_M,      LTV_COLUMN_PRESET, LTV_COLUMN_FLAGS,   LTV_COLUMN_RECENCY,
                                  LTV_COLUMN_ORDERS, LTV_COLUMN_ANNUAL_LTV, LTV_COLUMN_LIFETIME_LTV};
    static const size_t widths[] = {1, 1, 1, 1, 1, 1, 1, 4, 4, 8, 8};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
        const void *data;
        size_t len;
        if (ltv_segmentation_column(seg, columns[i], &data, &len) != LTV_OK) return 0;
        const unsigned char *bytes = data;
        for (size_t b = 0; b < len * widths[i]; b++) h = mix(h, bytes[b]);
    }
    for (int s = 0; s < LTV_STATE_COUNT; s++) {
        ltv_group_stats g;
        if (s != LTV_STATE_NONE && ltv_segmentation_state_stats(seg, s, &g, sizeof g) == LTV_OK)
            h = mix(mix(h, g.customers), (uint64_t)g.revenue);
    }
    return h;
}

/* One round on one ledger: READERS threads released together. */
typedef struct round_state {
    const ltv_ledger *ledger;
    pthread_barrier_t start;
    uint64_t want_digest; /* of the sound file's segmentation */
    int64_t want_lifetime[16];
} round_state;

typedef struct reader {
    round_state *round;
    int role;
    int status;              /* the first failure, or LTV_OK */
    char message[512];
    uint64_t digest;         /* role 0 and 1: the segmentation's */
    bool answered_wrong;     /* an answer that differs from the sound file's */
} reader;

static void note(reader *r, int status) {
    if (status == LTV_OK || r->status != LTV_OK) return;
    r->status = status;
    snprintf(r->message, sizeof r->message, "%s", ltv_last_error());
}

static void *run_reader(void *arg) {
    reader *r = arg;
    const ltv_ledger *ledger = r->round->ledger;
    pthread_barrier_wait(&r->round->start);
    char id[64];
    switch (r->role) {
    case 0:
    case 1: { /* segmentations: the first of them may be the one that checks the events */
        ltv_segmentation *seg = NULL;
        const int status = ltv_segment_run(&seg, ledger, NULL, AS_OF);
        note(r, status);
        if (status == LTV_OK) r->digest = digest(seg);
        ltv_segmentation_free(seg);
        break;
    }
    case 2: /* lookups: the ids' checks */
        for (uint64_t c = 0; c < CUSTOMERS; c += 997) {
            id_of(c, id, sizeof id);
            uint64_t index = 0;
            const int status = ltv_ledger_find(ledger, id, strlen(id), &index);
            note(r, status);
            if (status == LTV_OK && index != c) r->answered_wrong = true;
        }
        break;
    default: /* facts (every part through the lazy preparation), then verify */
        for (int k = 0; k < 16; k++) {
            ltv_customer_facts f;
            const int status = ltv_ledger_facts(ledger, (uint64_t)k * 14983, AS_OF, &f, sizeof f);
            note(r, status);
            if (status == LTV_OK && f.amount != r->round->want_lifetime[k]) r->answered_wrong = true;
        }
        note(r, ltv_ledger_verify(ledger));
        break;
    }
    return NULL;
}

/* Runs one round; returns how many readers failed, and the failures' messages must agree. */
static int run_round(round_state *round, reader readers[READERS]) {
    pthread_t threads[READERS];
    pthread_barrier_init(&round->start, NULL, READERS);
    for (int i = 0; i < READERS; i++) {
        readers[i] = (reader){.round = round, .role = i, .status = LTV_OK};
        if (pthread_create(&threads[i], NULL, run_reader, &readers[i]) != 0) {
            fprintf(stderr, "concurrent_readers: cannot start a thread\n");
            exit(1);
        }
    }
    for (int i = 0; i < READERS; i++) pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&round->start);
    int failed = 0;
    const char *first = NULL;
    for (int i = 0; i < READERS; i++) {
        expect(!readers[i].answered_wrong, "every answer equals the sound file's");
        if (readers[i].status == LTV_OK) continue;
        failed++;
        expect(readers[i].status == LTV_EFORMAT, "a failure is LTV_EFORMAT");
        if (!first) first = readers[i].message;
        else expect(strcmp(first, readers[i].message) == 0, "the readers of one damaged file get one message");
    }
    return failed;
}

/* Readers of one segmentation: the first use of its score columns writes them. */
typedef struct seg_reader {
    const ltv_segmentation *seg;
    pthread_barrier_t *start;
    uint64_t digest;
} seg_reader;

static void *read_segmentation(void *arg) {
    seg_reader *r = arg;
    pthread_barrier_wait(r->start);
    r->digest = digest(r->seg);
    return NULL;
}

static void share_segmentation(const ltv_ledger *ledger, uint64_t want_digest) {
    ltv_segmentation *seg;
    must(ltv_segment_run(&seg, ledger, NULL, AS_OF), "segment");
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, READERS);
    pthread_t threads[READERS];
    seg_reader readers[READERS];
    for (int i = 0; i < READERS; i++) {
        readers[i] = (seg_reader){seg, &start, 0};
        if (pthread_create(&threads[i], NULL, read_segmentation, &readers[i]) != 0) {
            fprintf(stderr, "concurrent_readers: cannot start a thread\n");
            exit(1);
        }
    }
    for (int i = 0; i < READERS; i++) pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < READERS; i++) expect(readers[i].digest == want_digest, "readers of one result see its columns whole");
    ltv_segmentation_free(seg);
}

/* The offset and size of section `id` of a version-1 snapshot (table at 64, 32 bytes each). */
static void section(const unsigned char *file, uint32_t id, uint64_t *offset, uint64_t *bytes) {
    uint32_t count;
    memcpy(&count, file + 20, 4);
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *e = file + 64 + 32 * (size_t)i;
        uint32_t got;
        memcpy(&got, e, 4);
        if (got != id) continue;
        memcpy(offset, e + 8, 8);
        memcpy(bytes, e + 16, 8);
        return;
    }
    fprintf(stderr, "concurrent_readers: no section %u\n", id);
    exit(1);
}

static void write_damaged(const unsigned char *file, size_t len, uint32_t id, const char *path) {
    unsigned char *copy = malloc(len);
    if (!copy) exit(1);
    memcpy(copy, file, len);
    uint64_t offset, bytes;
    section(copy, id, &offset, &bytes);
    copy[offset + bytes / 2] ^= 0x40;
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(copy, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "concurrent_readers: cannot write %s\n", path);
        exit(1);
    }
    free(copy);
}

int main(void) {
    char dir[] = "/tmp/ltvcrm-concurrent-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    char sound[128], events[128], ids[128];
    snprintf(sound, sizeof sound, "%s/sound.ltvsnap", dir);
    snprintf(events, sizeof events, "%s/events.ltvsnap", dir);
    snprintf(ids, sizeof ids, "%s/ids.ltvsnap", dir);

    must(ltv_set_threads(2), "threads");
    ltv_ledger *built = build();
    round_state round = {.ledger = built};
    for (int k = 0; k < 16; k++) {
        ltv_customer_facts f;
        must(ltv_ledger_facts(built, (uint64_t)k * 14983, AS_OF, &f, sizeof f), "facts");
        round.want_lifetime[k] = f.amount;
    }
    ltv_segmentation *seg;
    must(ltv_segment_run(&seg, built, NULL, AS_OF), "segment");
    round.want_digest = digest(seg);
    ltv_segmentation_free(seg);
    must(ltv_ledger_save(built, sound), "save");
    void *bytes;
    size_t len;
    must(ltv_ledger_save_buffer(built, &bytes, &len), "save buffer");
    write_damaged(bytes, len, 6, events); /* EVENTS */
    write_damaged(bytes, len, 2, ids);    /* ID_RECORDS */
    ltv_free(bytes);

    int rounds = 0;
    reader readers[READERS];
    /* A ledger built from events, organized lazily by whichever reader comes first. */
    for (int r = 0; r < ROUNDS; r++, rounds++) {
        ltv_ledger *fresh = build();
        round.ledger = fresh;
        expect(run_round(&round, readers) == 0, "every reader of a built ledger answers");
        for (int i = 0; i < 2; i++) expect(readers[i].digest == round.want_digest, "a built ledger's segmentation is the one-thread one");
        ltv_ledger_free(fresh);
    }
    for (int flags = 0; flags <= 1; flags++) {
        for (int r = 0; r < ROUNDS; r++, rounds++) {
            ltv_ledger *ledger;
            /* sound: every reader answers, as one thread would */
            must(ltv_ledger_open_flags(&ledger, sound, flags ? LTV_OPEN_CHECK_ON_USE : 0), "open");
            round.ledger = ledger;
            expect(run_round(&round, readers) == 0, "every reader of the sound file answers");
            for (int i = 0; i < 2; i++) expect(readers[i].digest == round.want_digest, "the sound file's segmentation is the one-thread one");
            ltv_ledger_free(ledger);
            if (!flags) continue; /* the damaged files are refused by the eager open itself */
            /* damaged events: no segmentation and no facts answer; lookups may (the ids are sound) */
            must(ltv_ledger_open_flags(&ledger, events, LTV_OPEN_CHECK_ON_USE), "open damaged events");
            round.ledger = ledger;
            run_round(&round, readers);
            expect(readers[0].status != LTV_OK && readers[1].status != LTV_OK && readers[3].status != LTV_OK,
                   "no segmentation or facts from damaged events");
            ltv_ledger_free(ledger);
            /* damaged ids: no lookup answers; a segmentation may (the events are sound), and then right */
            must(ltv_ledger_open_flags(&ledger, ids, LTV_OPEN_CHECK_ON_USE), "open damaged ids");
            round.ledger = ledger;
            run_round(&round, readers);
            expect(readers[2].status != LTV_OK && readers[3].status != LTV_OK, "no lookup or verify with damaged ids");
            for (int i = 0; i < 2; i++)
                expect(readers[i].status != LTV_OK || readers[i].digest == round.want_digest,
                       "a segmentation beside damaged ids is the sound one");
            ltv_ledger_free(ledger);
        }
    }
    for (int r = 0; r < ROUNDS; r++, rounds++) share_segmentation(built, round.want_digest);
    ltv_ledger_free(built);
    unlink(sound);
    unlink(events);
    unlink(ids);
    rmdir(dir);
    printf("concurrent_readers: %d rounds of %d readers\n", rounds, READERS);
    printf("concurrent_readers: %d passed, %d failed\n", passed, failures);
    return failures ? 1 : 0;
}
