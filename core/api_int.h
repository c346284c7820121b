/* api_int.h - internal: what the two halves of the library API share. core/api.c holds the
 * input decoding and the contexts; core/api_run.c the lint reports, inspect and fix.
 *
 * Ownership: a context owns copies of every string it was given, its blocklists and its
 * plugin host; csrl_api_parse hands back a CSR and a decoded buffer that the caller frees.
 */
#ifndef CSRL_API_INT_H
#define CSRL_API_INT_H

#include "lint.h"

/* Most blocklists one context loads. */
#define CSRL_API_MAX_BLOCKLISTS 64

struct csrl_blocklist;
struct csrl_plugins;

/* A NULL-terminated list of malloc'd strings. */
struct csrl_api_strlist {
	char **v;
	size_t n;
};

struct csrl_ctx {
	unsigned profile;
	int profile_set;                 /* an explicit profile wins over the policy's */
	long fermat_rounds;              /* 0: the engine's default */
	unsigned fix_flags;              /* CSRL_FIX_* */
	struct csrl_api_strlist enable, disable, files, dirs, params;
	char *policy;
	struct csrl_blocklist *lists[CSRL_API_MAX_BLOCKLISTS + 1];
	size_t nlists;
	/* built by csrl_ctx_prepare; ready is cleared by every setter */
	int ready;
	struct csrl_plugins *host;
	const char **sel_enable, **sel_disable; /* the lists above plus the policy's (borrowed) */
	struct csrl_lint_opts opts;
};

/** CSRL_ERR_NOMEM / CSRL_ERR_USAGE with a message; returns the code. */
int csrl_api_nomem(struct csrl_error *err);
int csrl_api_usage(struct csrl_error *err, const char *what);

/** Decodes data (DER, or the first PEM block) and parses it. On CSRL_ERR_OK the caller frees
 * *csr (csrl_csr_free) and then *owned (free; NULL when data was DER and is borrowed). */
int csrl_api_parse(const uint8_t *data, size_t len, struct csrl_csr **csr, uint8_t **owned,
		   struct csrl_error *err);

#endif
