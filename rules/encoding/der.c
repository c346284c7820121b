/* der.c - one rule per DER anomaly the reader records (core/anomalies.def), each reported at
 * the exact offending byte.
 *
 * RFC 2986 section 4.2: "The signature process consists of two steps: 1. The value of the
 * certificationRequestInfo component is DER encoded, yielding an octet string." and the whole
 * CertificationRequest is exchanged DER-encoded; X.690 clauses 10 and 11 define DER.
 */
#include "lint.h"

static int der_kind(const struct csrl_rule *rule);

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	int kind = der_kind(rule);
	size_t i;

	for (i = 0; i < csr->nanomalies; i++) {
		const struct csrl_anomaly *a = &csr->anomalies[i];

		if (a->kind != kind)
			continue;
		csrl_report_at(ctx, a->node, a->offset, 1, "%s at offset %zu; re-generate the "
			       "request with a DER encoder (such as openssl req)",
			       csrl_anomaly_desc(kind), a->offset);
	}
}

#define CSRL_ANOM(name, suffix, desc) {                                                  \
	.id = "der." suffix,                                                               \
	.severity = CSRL_SEV_ERROR,                                                        \
	.description = "DER violation: " desc,                                             \
	.citation = "ITU-T X.690 (02/2021) clauses 10-11; RFC 2986 section 4.2 (DER encoding)", \
	.source = CSRL_SRC_X690,                                                           \
	.profiles = CSRL_PROFILES_ALL,                                                     \
	.check = check },
const struct csrl_rule csrl_rules_der[] = {
#include "anomalies.def"
};
#undef CSRL_ANOM

static int der_kind(const struct csrl_rule *rule)
{
	return (int)(rule - csrl_rules_der);
}
