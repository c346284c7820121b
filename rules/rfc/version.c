/* version.c - the request's version must be v1 (0).
 *
 * RFC 2986 section 4.1: "version is the version number, for compatibility with future
 * revisions of this document. It shall be 0 for this version of the standard."
 *   CertificationRequestInfo ::= SEQUENCE { version INTEGER { v1(0) } (v1,...), ... }
 */
#include "util.h"

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;

	(void)rule;
	if (csr->version == 0)
		return;
	if (csr->version < 0)
		csrl_report(ctx, csr->version_node, "version is not a small INTEGER; it must be 0 "
			    "(v1)");
	else
		csrl_report(ctx, csr->version_node, "version is %ld; PKCS#10 defines only 0 (v1), "
			    "and OpenSSL 3.5 refuses other values: re-generate the request",
			    csr->version);
}

const struct csrl_rule csrl_rule_csr_version_invalid = {
	.id = "csr.version-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "CertificationRequestInfo version is not 0 (v1)",
	.citation = "RFC 2986 section 4.1 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
