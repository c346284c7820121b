/* gen_io.h - internal: what `fix` and `new` share on the command line: loading the signing
 * key (with --passin), PEM armour, atomic output files, and the summary/diff of a request.
 *
 * Ownership: csrl_gen_load_key returns a key freed with csrl_privkey_free; csrl_gen_pem
 * returns malloc'd text. Summaries own their strings (csrl_gen_summary_clear).
 */
#ifndef CSRL_GEN_IO_H
#define CSRL_GEN_IO_H

#include <stdio.h>

#include <jansson.h>

#include "gen.h"

/** Reads the private key at path. passin is NULL (ask on the terminal if the key is
 * encrypted), "file:PATH" or "env:VAR". Warns on stderr when the file is readable by group
 * or others. */
int csrl_gen_load_key(const char *path, const char *passin, struct csrl_privkey **key,
		      struct csrl_error *err);

/** PEM text of der under label (64-character lines); NULL on out of memory. */
char *csrl_gen_pem(const char *label, const uint8_t *der, size_t len);

/** Writes data to path through a temporary file in the same folder and rename(2), with the
 * given mode, so that path either keeps its old content or gets all of the new; path "-"
 * is standard output. excl refuses an existing path. */
int csrl_gen_write_file(const char *path, const void *data, size_t len, unsigned mode,
			int excl, struct csrl_error *err);

/** The parts of a request a diff shows, as text. */
enum { CSRL_SUM_SUBJECT, CSRL_SUM_SAN, CSRL_SUM_EXTS, CSRL_SUM_ATTRS, CSRL_SUM_SIGALG,
       CSRL_SUM_COUNT };
struct csrl_gen_summary {
	char *part[CSRL_SUM_COUNT];
};
extern const char *const csrl_gen_summary_names[CSRL_SUM_COUNT];
int csrl_gen_summarize(const struct csrl_csr *csr, int signed_, struct csrl_gen_summary *s);
void csrl_gen_summary_clear(struct csrl_gen_summary *s);

/** Text diff: one "  part: old -> new" block for each part that differs; returns how many. */
int csrl_gen_diff_text(FILE *out, const struct csrl_gen_summary *a,
		       const struct csrl_gen_summary *b);
/** The same as a JSON object { part: { "before": ..., "after": ... } }. */
json_t *csrl_gen_diff_json(const struct csrl_gen_summary *a, const struct csrl_gen_summary *b);

#endif
