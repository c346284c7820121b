/* report.h - internal: the `lint` reporters. A reporter receives each input's findings in
 * input order and writes text or NDJSON as it goes, or gathers JSON / SARIF for the end.
 * It borrows everything it is given. */
#ifndef CSRL_REPORT_H
#define CSRL_REPORT_H

#include <stdio.h>

#include "input.h"
#include "lint.h"

enum csrl_format { CSRL_FMT_TEXT, CSRL_FMT_JSON, CSRL_FMT_NDJSON, CSRL_FMT_SARIF };

/** Counts by severity (index enum csrl_severity). */
struct csrl_tally {
	size_t by_sev[CSRL_SEV_FATAL + 1];
};

struct csrl_reporter;

/** A reporter writing to out in fmt. min_sev hides lesser findings from the output (they
 * still count for the exit status). color: 1 for ANSI colour (text only). */
struct csrl_reporter *csrl_reporter_new(FILE *out, enum csrl_format fmt, unsigned profile,
					int min_sev, int color);
/** Reports one input: its findings (a fatal one when it could not be parsed). */
void csrl_reporter_add(struct csrl_reporter *r, const struct csrl_input_item *item,
		       const struct csrl_findings *f);
/** Reports findings of the cross-input checks (shared primes, reused keys, duplicates) for
 * one earlier input, after all inputs were reported: text gets a heading before the first,
 * JSON and NDJSON objects carry "cross_input": true. */
void csrl_reporter_add_cross(struct csrl_reporter *r, const struct csrl_input_item *item,
			     const struct csrl_findings *f);
/** Writes the run summary or the whole JSON/SARIF document; adds rule metadata for SARIF
 * (every rule selected by opts). Returns 0, or -1 when writing failed. */
int csrl_reporter_finish(struct csrl_reporter *r, const struct csrl_lint_opts *opts);
void csrl_reporter_free(struct csrl_reporter *r);
/** Turns on the per-rule table (--summary): for each rule and severity the findings shown,
 * the inputs with at least one, and their share of all inputs. Text prints it after the run
 * summary; JSON adds "summary": {"rules": [...]}, NDJSON a last line {"summary": [...]},
 * SARIF runs[0].properties.csrlintSummary. Returns 0, or -1 when out of memory. */
int csrl_reporter_set_summary(struct csrl_reporter *r);
/** Totals over the run so far. */
const struct csrl_tally *csrl_reporter_tally(const struct csrl_reporter *r);

/** Parses "text", "json", "ndjson", "sarif"; -1 when unknown. */
int csrl_format_parse(const char *name);

#endif
