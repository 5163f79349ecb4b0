/* The library's only use of threads: splitting one call's work into independent tasks
 * (ranges of customers, the parser and the interner of a load). */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdatomic.h>
#include <unistd.h>

#include "internal.h"

#define MAX_THREADS 64

static atomic_int thread_setting = 0; /* 0: not set, use the default */

int ltv_set_threads(int threads) {
    if (threads < 1 || threads > MAX_THREADS)
        return ltv__fail(LTV_ERANGE, "ltv_set_threads: %d is outside 1..%d", threads, MAX_THREADS);
    atomic_store(&thread_setting, threads);
    return LTV_OK;
}

int ltv_get_threads(void) { return ltv__thread_budget(); }

int ltv__thread_budget(void) {
    int threads = atomic_load(&thread_setting);
    if (threads > 0) return threads;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 1 ? 2 : 1;
}

typedef struct task_thread {
    ltv__task_fn task;
    void *context;
    int status;
    char message[256]; /* the error message lives in the worker's thread-local storage */
} task_thread;

static void *run_one(void *arg) {
    task_thread *t = arg;
    t->status = t->task(t->context);
    if (t->status != LTV_OK) snprintf(t->message, sizeof t->message, "%s", ltv_last_error());
    return NULL;
}

int ltv__run_tasks(ltv__task_fn task, void *contexts, size_t context_size, int count) {
    pthread_t threads[MAX_THREADS];
    task_thread jobs[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    if (count > MAX_THREADS) count = MAX_THREADS;
    for (int i = 1; i < count; i++) {
        jobs[i] = (task_thread){task, (char *)contexts + (size_t)i * context_size, LTV_OK, ""};
        started[i] = pthread_create(&threads[i], NULL, run_one, &jobs[i]) == 0;
    }
    int status = task(contexts);
    for (int i = 1; i < count; i++) {
        if (started[i]) pthread_join(threads[i], NULL);
        else run_one(&jobs[i]);
        if (status == LTV_OK && jobs[i].status != LTV_OK) status = ltv__fail(jobs[i].status, "%s", jobs[i].message);
    }
    return status;
}

void ltv__balance(int count, const double *jobs, int njobs, double divisible, int *owner, double *cut) {
    double load[MAX_THREADS] = {0}, total = divisible;
    bool placed[LTV__BALANCE_JOBS] = {false};
    for (int placing = 0; placing < njobs; placing++) {
        int largest = -1, least = 0;
        for (int j = 0; j < njobs; j++) /* the first of equal jobs first */
            if (!placed[j] && (largest < 0 || jobs[j] > jobs[largest])) largest = j;
        for (int i = 1; i < count; i++)
            if (load[i] < load[least]) least = i;
        placed[largest] = true;
        owner[largest] = least;
        load[least] += jobs[largest];
        total += jobs[largest];
    }
    /* thread i takes what brings it to the mean */
    const double mean = total / count;
    double want[MAX_THREADS], wanted = 0;
    for (int i = 0; i < count; i++) wanted += want[i] = load[i] < mean ? mean - load[i] : 0.0;
    cut[0] = 0.0;
    for (int i = 0; i < count; i++) {
        const double next = cut[i] + (wanted > 0 ? want[i] / wanted : 1.0 / count);
        cut[i + 1] = i == count - 1 || next > 1.0 ? 1.0 : next;
    }
}

void ltv__meeting_init(ltv__meeting *m, size_t begin, size_t end, size_t chunk) {
    m->begin = begin;
    m->end = end;
    while (end > begin && (end - begin) / chunk >= UINT32_MAX) chunk *= 2; /* the counts are 32 bits */
    m->chunk = chunk;
    m->chunks = end > begin ? (end - begin + chunk - 1) / chunk : 0;
    atomic_init(&m->claimed, 0);
}

bool ltv__meeting_claim(ltv__meeting *m, bool from_back, size_t *lo, size_t *hi) {
    uint64_t seen = atomic_load_explicit(&m->claimed, memory_order_relaxed);
    for (;;) {
        const uint64_t front = seen >> 32, back = seen & UINT32_MAX;
        if (front + back >= m->chunks) return false;
        const uint64_t next = from_back ? seen + 1 : seen + ((uint64_t)1 << 32);
        if (atomic_compare_exchange_weak_explicit(&m->claimed, &seen, next, memory_order_relaxed,
                                                  memory_order_relaxed)) {
            const size_t index = (size_t)(from_back ? m->chunks - 1 - back : front);
            *lo = m->begin + index * m->chunk;
            *hi = m->end - *lo > m->chunk ? *lo + m->chunk : m->end;
            return true;
        }
    }
}

size_t ltv__meeting_point(const ltv__meeting *m) {
    const size_t front = (size_t)(atomic_load_explicit(&m->claimed, memory_order_relaxed) >> 32);
    return front >= m->chunks ? m->end : m->begin + front * m->chunk;
}
