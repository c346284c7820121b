/* lint_run.h - internal: one `csrlint lint` run after its options are parsed. Inputs become
 * jobs that worker threads parse and lint (each with its own Lua host); the calling thread
 * takes results back in input order and does everything order-sensitive: the reporter, the
 * cross-input collector, the progress line.
 *
 * Ownership: the run owns its workers, their plugin hosts, the pool, the batch collector and
 * the progress line; it borrows the reporter, the main plugin host and the option lists.
 */
#ifndef CSRL_LINT_RUN_H
#define CSRL_LINT_RUN_H

#include "batch.h"
#include "input.h"
#include "lint_pool.h"
#include "lint_progress.h"
#include "moduli.h"
#include "plugins.h"
#include "report.h"

/** Most worker threads of -j. */
#define CSRL_LINT_MAX_JOBS 256

struct csrl_lint_worker;
struct csrl_lint_seen;

struct csrl_lint_run {
	struct csrl_lint_opts opts;         /* with the main host's rules and policy merged */
	struct csrl_plugins *plugins;       /* main host: setup, selectors, SARIF metadata */
	struct csrl_reporter *rep;
	struct csrl_batch *batch;           /* NULL without the cross-input checks */
	struct csrl_lint_seen *seen;        /* by batch input number */
	size_t nseen, cap;
	int batch_oom;
	struct csrl_progress *progress;     /* NULL: no progress line */
	int clear_progress;                 /* stdout is the terminal of the progress line */
	size_t nworkers;
	struct csrl_lint_worker *workers;
	struct csrl_pool *pool;
	int lost;                           /* an input was dropped for lack of memory */
	struct csrl_moduli_writer *moduli;  /* --export-moduli, or NULL (borrowed) */
	int moduli_failed;                  /* a record could not be written */
};

/** Starts jobs workers (1: no thread), each loading its own plugin host from cfg. Prints the
 * error and returns -1 when a host or thread cannot be set up. */
int csrl_lint_run_start(struct csrl_lint_run *r, size_t jobs,
			const struct csrl_plugin_config *cfg);

/** Queues one input item (a csrl_input_fn; ctx is the run). */
void csrl_lint_run_item(void *ctx, const struct csrl_input_item *item);

/** Queues every CSR of a file, a folder (walked) or "-" (a PEM/DER stream). */
void csrl_lint_run_path(void *ctx, const char *path);

/** Waits for every job, erases the progress line and runs the cross-input checks. */
void csrl_lint_run_finish(struct csrl_lint_run *r);

/** Releases workers, hosts, pool and collector (not the reporter or the main host). */
void csrl_lint_run_free(struct csrl_lint_run *r);

#endif
