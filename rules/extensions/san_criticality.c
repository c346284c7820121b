/* san_criticality.c - subjectAltName criticality that does not fit the subject.
 *
 * RFC 5280 section 4.2.1.6 (May 2008): "If the subject field contains an empty sequence, then
 * the issuing CA MUST include a subjectAltName extension that is marked as critical. When
 * including the subjectAltName extension in a certificate that has a non-empty subject
 * distinguished name, conforming CAs SHOULD mark the subjectAltName extension as non-critical."
 * Both sentences bind the issuing CA, which may set the criticality itself; a request that asks
 * for the wrong one is a hazard (a CA copying it issues a non-conforming certificate), so both
 * cases are one warning.
 */
#include "util.h"

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	int empty_subject = csr->subject.nrdns == 0;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->malformed || csrl_ext_id(e) != CSRL_OID_SAN)
			continue;
		if (empty_subject && !e->critical)
			csrl_report(ctx, e->node, "the subject is empty but subjectAltName is not "
				    "critical; with an empty subject the SAN must be critical: mark it "
				    "critical");
		else if (!empty_subject && e->critical)
			csrl_report(ctx, e->node, "subjectAltName is critical although the subject is "
				    "not empty; it should be non-critical: drop the critical flag");
	}
}

const struct csrl_rule csrl_rule_ext_san_criticality = {
	.id = "ext.san.criticality",
	.severity = CSRL_SEV_WARNING,
	.description = "subjectAltName not critical with an empty subject, or critical with a "
		       "non-empty one",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
