/* unknown_critical.c - a requested extension marked critical that csrlint does not know.
 *
 * RFC 5280 section 4.2 (May 2008): "A certificate-using system MUST reject the certificate if
 * it encounters a critical extension it does not recognize or a critical extension that
 * contains information that it cannot process."
 * A CA that copies such an extension issues a certificate that every client not knowing it
 * must reject; most public CAs drop it instead, and the request is then not what it says.
 * Nothing forbids the request itself, so this is a warning (a known hazard), in every profile.
 * "Known" means an RFC 5280 section 4.2.1 extension or a widespread one (CT poison, TLS
 * feature, Netscape), i.e. an extension OID in core/oids.def.
 */
#include "util.h"

static int known_extension(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_SKI: case CSRL_OID_KEY_USAGE: case CSRL_OID_SAN: case CSRL_OID_IAN:
	case CSRL_OID_BASIC_CONSTRAINTS: case CSRL_OID_NAME_CONSTRAINTS: case CSRL_OID_CRL_DP:
	case CSRL_OID_CERT_POLICIES: case CSRL_OID_AKI: case CSRL_OID_EXT_KEY_USAGE:
	case CSRL_OID_AIA: case CSRL_OID_TLS_FEATURE: case CSRL_OID_CT_POISON:
	case CSRL_OID_NS_CERT_TYPE: case CSRL_OID_NS_COMMENT:
		return 1;
	default:
		return 0;
	}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char dotted[96];
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->malformed || !e->critical || known_extension(csrl_ext_id(e)))
			continue;
		csrl_oid_to_dotted(e->oid.p, e->oid.len, dotted, sizeof dotted);
		csrl_report(ctx, e->node, "extension %s%s%s%s is marked critical but is not a "
			    "known certificate extension; clients that do not know it must reject "
			    "the certificate: mark it non-critical or drop it", dotted,
			    e->name ? " (" : "", e->name ? e->name : "", e->name ? ")" : "");
	}
}

const struct csrl_rule csrl_rule_ext_unknown_critical = {
	.id = "ext.unknown-critical",
	.severity = CSRL_SEV_WARNING,
	.description = "a critical requested extension that is not a known certificate extension",
	.citation = "RFC 5280 section 4.2 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
