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
