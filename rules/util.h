/* util.h - small lookups shared by built-in rules. All results borrow from the CSR. */
#ifndef CSRL_RULES_UTIL_H
#define CSRL_RULES_UTIL_H

#include "lint.h"

/** Id of an extension's OID (CSRL_OID_UNKNOWN for unknown or malformed ones). */
enum csrl_oid_id csrl_ext_id(const struct csrl_ext *e);
/** First well-formed requested extension with that OID, or NULL. */
const struct csrl_ext *csrl_find_ext(const struct csrl_csr *csr, enum csrl_oid_id id);
/** The subjectAltName extension when present and decoded, else NULL. */
const struct csrl_ext *csrl_find_san(const struct csrl_csr *csr);
/** First attribute with that OID, or NULL. */
const struct csrl_attr *csrl_find_attr(const struct csrl_csr *csr, enum csrl_oid_id id);
/** Id of a subject AVA's attribute type. */
enum csrl_oid_id csrl_ava_id(const struct csrl_ava *a);
/** Whether the request has a requested extension at all. */
int csrl_has_exts(const struct csrl_lint_ctx *ctx);
/** Whether the request has a decoded SAN (an applies() helper). */
int csrl_has_san(const struct csrl_lint_ctx *ctx);

#endif
