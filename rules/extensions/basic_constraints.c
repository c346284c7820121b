/* basic_constraints.c - a TLS server (subscriber) request asks for cA TRUE.
 *
 * CA/Browser Forum TLS Baseline Requirements v2.0.0 and later, section 7.1.2.7.8 (Subscriber
 * Certificate Basic Constraints): cA "MUST be FALSE"; pathLenConstraint "MUST NOT be present".
 * A request for a leaf certificate that asks to be a CA is either a mistake in the tool's
 * configuration (an OpenSSL v3_ca section) or an attempt the CA must refuse.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return csrl_find_ext(ctx->csr, CSRL_OID_BASIC_CONSTRAINTS) != NULL;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->kind != CSRL_EXT_BASIC_CONSTRAINTS || !e->decoded)
			continue;
		if (e->bc_ca)
			csrl_report(ctx, e->value_node, "basicConstraints requests cA TRUE%s; a TLS "
				    "server certificate must not be a CA: drop the extension or "
				    "request cA FALSE (an empty SEQUENCE)",
				    e->bc_pathlen >= 0 ? " with a pathLenConstraint" : "");
		else if (e->bc_pathlen >= 0)
			csrl_report(ctx, e->value_node, "basicConstraints carries a "
				    "pathLenConstraint (%ld) in a leaf request; it must not be present: "
				    "drop it", e->bc_pathlen);
	}
}

const struct csrl_rule csrl_rule_ext_bc_ca_true = {
	.id = "ext.bc.ca-true",
	.severity = CSRL_SEV_ERROR,
	.description = "basicConstraints requests cA TRUE (or a path length) for a leaf "
		       "certificate",
	.citation = "CA/B Forum TLS BR v2.0.0+ section 7.1.2.7.8",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER, /* Boulder ignores requested BC and EKU */
	.applies = applies,
	.check = check,
};
