/* csr_int.h - internal: pieces of the PKCS#10 model builder shared between parsers/csr*.c.
 * Everything allocated here lives in the CSR's arena. */
#ifndef CSRL_CSR_INT_H
#define CSRL_CSR_INT_H

#include "csrlint.h"

/** Builder state for one CSR. */
struct csr_ctx {
	struct csrl_csr *csr;
	struct csrl_arena *arena;
	struct csrl_error *err;
	/* anomalies of nested encodings, merged into csr->anomalies at the end */
	struct csrl_anomaly *extra;
	size_t nextra, extra_cap;
};

/** Sets a CSR_STRUCTURE error at node (or offset 0) with a message; returns the code. */
int csr_fail(struct csr_ctx *c, const struct csrl_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Parses the DER nested in node's content (BIT STRING data or OCTET STRING) as a subtree
 * whose offsets are made absolute; skip is 1 for a BIT STRING's unused-bits octet.
 * Returns the subtree root or NULL when it is not DER (never an error for the CSR). */
const struct csrl_node *csr_nested(struct csr_ctx *c, const struct csrl_node *node, size_t skip);

/** Content of node as a byte range. */
struct csrl_bytes csr_bytes(const struct csrl_node *node);
/** Whether node is a universal primitive OID. */
int csr_is_oid(const struct csrl_node *node);
/** Value of a small INTEGER (≤ 8 content octets); returns 0 and sets *ok = 0 otherwise. */
long csr_small_int(const struct csrl_node *node, int *ok);
/** Bit length of an unsigned big-endian integer (leading zeros ignored). */
unsigned csr_bit_length(struct csrl_bytes b);

/** Decodes a string value to NUL-terminated UTF-8 in the arena per its universal tag. */
char *csr_string_utf8(struct csr_ctx *c, const struct csrl_node *value);

int csr_parse_name(struct csr_ctx *c, const struct csrl_node *node, struct csrl_name *name);
int csr_parse_spki(struct csr_ctx *c, const struct csrl_node *node, struct csrl_pubkey *key);
int csr_parse_sigalg(struct csr_ctx *c, const struct csrl_node *node, struct csrl_sigalg *alg);
/** Reads RSASSA-PSS-params (RFC 4055); absent fields take their defaults. 0 on success. */
int csr_parse_pss(const struct csrl_node *params, struct csrl_pss *pss);
int csr_parse_attributes(struct csr_ctx *c, const struct csrl_node *node);

#endif
