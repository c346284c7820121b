/* ndjson.h - internal: the per-input line of `lint --format ndjson`, written straight into a
 * buffer. The same object as report.c's input_json() builds with jansson for the JSON
 * document, byte for byte as jansson's compact dump prints it, without building a tree:
 * on a stream with a few findings per request that tree and its dump cost more than the
 * findings (tests/cli/test_lint.sh compares the two).
 *
 * Ownership: the writer owns its buffer (csrl_ndjson_free); everything else is borrowed.
 */
#ifndef CSRL_NDJSON_H
#define CSRL_NDJSON_H

#include <stdio.h>

#include "input.h"
#include "lint.h"

struct csrl_ndjson {
	char *b;
	size_t n, cap;
	int oom;
};

/** Appends the line for one input (with its newline): file, index, line and id when set,
 * cross_input, the findings at min_sev or above, and counts (by_sev[] indexed by severity).
 * Strings that are not UTF-8 get U+FFFD for each bad byte (jansson would refuse them). */
void csrl_ndjson_input(struct csrl_ndjson *w, const struct csrl_input_item *it, int cross,
		       const struct csrl_findings *f, int min_sev, const size_t *by_sev);

/** Writes what was appended to out and empties the buffer; -1 when a write or an earlier
 * allocation failed. */
int csrl_ndjson_flush(struct csrl_ndjson *w, FILE *out);

void csrl_ndjson_free(struct csrl_ndjson *w);

#endif
