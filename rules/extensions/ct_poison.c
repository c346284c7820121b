/* ct_poison.c - a request must not ask for the Certificate Transparency poison extension.
 *
 * RFC 6962 section 3.1: "The Precertificate is constructed from the certificate to be issued
 * by adding a special critical poison extension (OID 1.3.6.1.4.1.11129.2.4.3, whose
 * extnValue OCTET STRING contains ASN.1 NULL data (0x05 0x00)) to the end-entity TBSCertificate"
 * The CA adds it to a precertificate only; a CA that copied it from a request into a
 * certificate would issue a certificate that no TLS client accepts (it is critical).
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return csrl_find_ext(ctx->csr, CSRL_OID_CT_POISON) != NULL;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	size_t i;

	(void)rule;
	for (i = 0; i < ctx->csr->nexts; i++) {
		const struct csrl_ext *e = &ctx->csr->exts[i];

		if (csrl_ext_id(e) == CSRL_OID_CT_POISON)
			csrl_report(ctx, e->node, "the request asks for the CT precertificate poison "
				    "extension, which only a CA adds to a precertificate; remove it "
				    "(a certificate carrying it is rejected by every TLS client)");
	}
}

const struct csrl_rule csrl_rule_ext_ct_poison = {
	.id = "ext.ct-poison",
	.severity = CSRL_SEV_WARNING,
	.description = "requests the Certificate Transparency precertificate poison extension",
	.citation = "RFC 6962 section 3.1 (June 2013)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
