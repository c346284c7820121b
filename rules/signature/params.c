/* params.c - the parameters of the signature AlgorithmIdentifier: NULL for RSA PKCS#1 v1.5,
 * absent for ECDSA, DSA and EdDSA.
 *
 * RFC 3279 section 2.2.1: "When any of these three OIDs [md2/md5/sha1WithRSAEncryption]
 * appears within the ASN.1 type AlgorithmIdentifier, the parameters component of that type
 * SHALL be the ASN.1 type NULL." RFC 4055 section 5 says the same for SHA-224 to SHA-512:
 * "the parameters MUST be NULL" (implementations must accept them absent, but a generator
 * must write NULL). An absent NULL is therefore a warning, anything else an error.
 * RFC 5758 section 3.2 (ECDSA): "the encoding MUST omit the parameters field"; section 3.1 and
 * RFC 3279 section 2.2.2 say the same for DSA. RFC 8410 section 3 (Ed25519, Ed448): "the
 * parameters MUST be absent".
 */
#include "util.h"

/* RSA PKCS#1 v1.5 algorithms of RFC 3279 and RFC 4055 (not the SHA-3 ones). */
static int rsa_null_params(const struct csrl_sigalg *a)
{
	switch (csrl_oid_id_of(a->oid)) {
	case CSRL_OID_MD2_RSA: case CSRL_OID_MD4_RSA: case CSRL_OID_MD5_RSA:
	case CSRL_OID_SHA1_RSA: case CSRL_OID_SHA224_RSA: case CSRL_OID_SHA256_RSA:
	case CSRL_OID_SHA384_RSA: case CSRL_OID_SHA512_RSA:
		return 1;
	default:
		return 0;
	}
}

extern const struct csrl_rule csrl_rule_sig_rsa_params_absent;
extern const struct csrl_rule csrl_rule_sig_rsa_params_not_null;

static int rsa_applies(const struct csrl_lint_ctx *ctx)
{
	return ctx->csr->sigalg.node && rsa_null_params(&ctx->csr->sigalg);
}

static void rsa_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_sigalg *a = &ctx->csr->sigalg;

	if (!a->params) {
		if (rule == &csrl_rule_sig_rsa_params_absent)
			csrl_report(ctx, a->node, "the parameters of %s are absent; RFC 3279 and "
				    "RFC 4055 require an explicit NULL (05 00): most verifiers "
				    "tolerate the omission, strict ones do not; re-generate the "
				    "request with a current tool", a->name ? a->name :
				    "the RSA signature algorithm");
	} else if (rule == &csrl_rule_sig_rsa_params_not_null &&
		   (!csrl_node_is(a->params, CSRL_TAG_NULL) || a->params->len != 0 ||
		    a->params->next)) {
		csrl_report(ctx, a->params, "the parameters of %s must be NULL (05 00); found "
			    "something else: re-generate the request with a standard tool",
			    a->name ? a->name : "the RSA signature algorithm");
	}
}

static int absent_applies(const struct csrl_lint_ctx *ctx)
{
	enum csrl_sig_kind k = ctx->csr->sigalg.kind;

	return ctx->csr->sigalg.node && (k == CSRL_SIG_ECDSA || k == CSRL_SIG_DSA ||
					 k == CSRL_SIG_ED25519 || k == CSRL_SIG_ED448);
}

static void absent_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_sigalg *a = &ctx->csr->sigalg;

	(void)rule;
	if (a->params)
		csrl_report(ctx, a->params, "%s carries parameters%s; they must be absent: "
			    "remove them (the AlgorithmIdentifier holds only the OID)",
			    a->name ? a->name : "the signature algorithm",
			    csrl_node_is(a->params, CSRL_TAG_NULL) ? " (a NULL)" : "");
}

const struct csrl_rule csrl_rule_sig_rsa_params_absent = {
	.id = "sig.rsa-params-absent",
	.severity = CSRL_SEV_WARNING,
	.description = "RSA PKCS#1 v1.5 signature AlgorithmIdentifier omits the NULL parameters",
	.citation = "RFC 3279 section 2.2.1 (April 2002); RFC 4055 section 5 (June 2005)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = rsa_applies,
	.check = rsa_check,
};

const struct csrl_rule csrl_rule_sig_rsa_params_not_null = {
	.id = "sig.rsa-params-not-null",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA PKCS#1 v1.5 signature AlgorithmIdentifier parameters are present "
		       "but not NULL",
	.citation = "RFC 3279 section 2.2.1 (April 2002); RFC 4055 section 5 (June 2005)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = rsa_applies,
	.check = rsa_check,
};

const struct csrl_rule csrl_rule_sig_params_not_absent = {
	.id = "sig.params-not-absent",
	.severity = CSRL_SEV_ERROR,
	.description = "ECDSA, DSA or EdDSA signature AlgorithmIdentifier carries parameters",
	.citation = "RFC 5758 sections 3.1-3.2 (January 2010); RFC 3279 sections 2.2.2-2.2.3 "
		    "(April 2002); RFC 8410 section 3 (August 2018)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = absent_applies,
	.check = absent_check,
};
