/* lint_progress.c - "csrlint: 1200/5000 files, 4210 CSRs, 3480 CSR/s, ETA 0:04 | E 3 W 17 N 2"
 * redrawn in place with a carriage return; erased at the end, so that nothing of it remains in
 * a terminal's scroll-back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lint_progress.h"

struct csrl_progress {
	double start, last;         /* seconds (monotonic) */
	size_t total, files, csrs;
	int shown;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct csrl_progress *csrl_progress_new(int enabled, size_t total_files)
{
	struct csrl_progress *p;

	if (!enabled || !(p = calloc(1, sizeof *p)))
		return NULL;
	p->start = now();
	p->total = total_files;
	return p;
}

static void draw(struct csrl_progress *p, double t, const struct csrl_tally *tally)
{
	char line[256];
	double secs = t - p->start, rate = secs > 0 ? (double)p->csrs / secs : 0;
	size_t n = 0, left;
	ssize_t w;

	n += (size_t)snprintf(line + n, sizeof line - n, "\r\033[Kcsrlint: ");
	if (p->total)
		n += (size_t)snprintf(line + n, sizeof line - n, "%zu/%zu files, ",
				      p->files < p->total ? p->files : p->total, p->total);
	n += (size_t)snprintf(line + n, sizeof line - n, "%zu CSRs, %.0f CSR/s", p->csrs, rate);
	if (p->total && p->files > 0 && p->files < p->total) {
		left = (size_t)((double)(p->total - p->files) * secs / (double)p->files + 0.5);
		n += (size_t)snprintf(line + n, sizeof line - n, ", ETA %zu:%02zu", left / 60,
				      left % 60);
	}
	snprintf(line + n, sizeof line - n, " | E %zu W %zu N %zu F %zu",
		 tally->by_sev[CSRL_SEV_ERROR], tally->by_sev[CSRL_SEV_WARNING],
		 tally->by_sev[CSRL_SEV_NOTICE], tally->by_sev[CSRL_SEV_FATAL]);
	/* one write, so that the line is never torn by stdio buffering */
	w = write(STDERR_FILENO, line, strlen(line));
	(void)w;
	p->shown = 1;
	p->last = t;
}

void csrl_progress_note(struct csrl_progress *p, int first_of_file, const struct csrl_tally *t)
{
	double tnow;

	if (!p)
		return;
	p->csrs++;
	p->files += first_of_file != 0;
	tnow = now();
	if (tnow - p->start >= CSRL_PROGRESS_DELAY_MS / 1000.0 &&
	    tnow - p->last >= CSRL_PROGRESS_PERIOD_MS / 1000.0)
		draw(p, tnow, t);
}

void csrl_progress_clear(struct csrl_progress *p)
{
	ssize_t w;

	if (!p || !p->shown)
		return;
	w = write(STDERR_FILENO, "\r\033[K", 4);
	(void)w;
	p->shown = 0;
}

void csrl_progress_free(struct csrl_progress *p)
{
	csrl_progress_clear(p);
	free(p);
}
