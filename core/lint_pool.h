/* lint_pool.h - internal: an ordered worker pool for `lint`. The caller's thread submits jobs
 * in input order; worker threads run work() on them in any order; the caller's thread then
 * gets each job back through done(), strictly in submission order. A ring of slots bounds the
 * jobs in flight, so memory stays bounded however many jobs a stream holds.
 *
 * Ownership: the pool never frees a job: done() receives it back. Worker contexts are the
 * caller's, one per thread, and must outlive csrl_pool_finish.
 */
#ifndef CSRL_LINT_POOL_H
#define CSRL_LINT_POOL_H

#include <stddef.h>

/** Jobs in flight per worker thread (the ring holds this many times the thread count). */
#define CSRL_POOL_SLOTS_PER_WORKER 8

/** Runs in a worker thread with that thread's own context. */
typedef void (*csrl_pool_work_fn)(void *worker, void *job);
/** Runs in the submitting thread, once per job, in submission order. */
typedef void (*csrl_pool_done_fn)(void *ctx, void *job);

struct csrl_pool;

/** A pool of n worker threads, worker i getting workers[i] (the array itself is not kept).
 * With n <= 1 no thread is started: work() and done() run inside csrl_pool_submit, with
 * workers[0]. Returns NULL when out of memory or when a thread cannot be started. */
struct csrl_pool *csrl_pool_new(size_t n, void *const *workers, csrl_pool_work_fn work,
				csrl_pool_done_fn done, void *ctx);

/** Queues job. When the ring is full, first waits for the oldest job; jobs finished by then
 * are handed to done() before it returns. */
void csrl_pool_submit(struct csrl_pool *p, void *job);

/** Waits for every queued job (handing each to done()), then stops the threads. */
void csrl_pool_finish(struct csrl_pool *p);

/** Frees the pool (after csrl_pool_finish; NULL is a no-op). */
void csrl_pool_free(struct csrl_pool *p);

/** Online CPUs (at least 1). */
size_t csrl_pool_cpus(void);

#endif
