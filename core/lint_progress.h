/* lint_progress.h - internal: the one-line progress report of `lint` on a terminal's stderr.
 * Ownership: csrl_progress_new returns an object owned by the caller (csrl_progress_free). */
#ifndef CSRL_LINT_PROGRESS_H
#define CSRL_LINT_PROGRESS_H

#include <stddef.h>

#include "report.h"

/* The line appears once a run has lasted this long, and is redrawn at most this often. */
#define CSRL_PROGRESS_DELAY_MS 1000
#define CSRL_PROGRESS_PERIOD_MS 100

struct csrl_progress;

/** A progress line on fd 2; NULL (draw nothing; every function accepts it) unless enabled.
 * total_files: input files of the run when known up front, 0 for a stream. */
struct csrl_progress *csrl_progress_new(int enabled, size_t total_files);

/** Counts one reported CSR (first_of_file: the first CSR of an input file) and redraws the
 * line when it is due, with the findings of t so far. */
void csrl_progress_note(struct csrl_progress *p, int first_of_file, const struct csrl_tally *t);

/** Erases the line if it is drawn (before other output reaches the same terminal). */
void csrl_progress_clear(struct csrl_progress *p);

/** Erases the line and frees p. */
void csrl_progress_free(struct csrl_progress *p);

#endif
