/* attributes_field.c - the [0] attributes field must be encoded, even when it is empty.
 *
 * RFC 2986 section 4.1 (November 2000):
 *   CertificationRequestInfo ::= SEQUENCE {
 *        version       INTEGER { v1(0) } (v1,...),
 *        subject       Name,
 *        subjectPKInfo SubjectPublicKeyInfo{{ PKInfoAlgorithms }},
 *        attributes    [0] Attributes{{ CRIAttributes }}
 *   }
 * The field is neither OPTIONAL nor DEFAULT: a request without attributes carries an empty
 * [0] (the two bytes A0 00). Strict parsers (libtasn1, some CA front ends) reject the request
 * otherwise.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return ctx->csr->cri != NULL;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	const struct csrl_node *cri = csr->cri;

	(void)rule;
	if (csr->attrs_present)
		return;
	/* A point at the end of the CertificationRequestInfo, where [0] belongs. */
	csrl_report_at(ctx, cri, cri->offset + cri->hdr_len + cri->len, 0,
		       "the attributes field [0] is missing from certificationRequestInfo; PKCS#10 "
		       "requires it, empty (A0 00) when there are no attributes: re-generate the "
		       "request with a conforming tool");
}

const struct csrl_rule csrl_rule_csr_attributes_missing = {
	.id = "csr.attributes-missing",
	.severity = CSRL_SEV_ERROR,
	.description = "CertificationRequestInfo has no [0] attributes field (required, even empty)",
	.citation = "RFC 2986 section 4.1 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
