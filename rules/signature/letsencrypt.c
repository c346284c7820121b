/* letsencrypt.c - Let's Encrypt accepts only SHA-256/384/512 with RSA PKCS#1 v1.5 or ECDSA.
 *
 * Let's Encrypt's CA software (Boulder, csr/csr.go, checked 2025) refuses a finalisation
 * request whose CSR is signed with any other algorithm ("signature algorithm not supported"):
 * the allowed set is sha256WithRSAEncryption, sha384WithRSAEncryption,
 * sha512WithRSAEncryption, ecdsa-with-SHA256, ecdsa-with-SHA384 and ecdsa-with-SHA512.
 * RSASSA-PSS, Ed25519, SHA-1 and SHA-224 are all refused.
 */
#include <stdio.h>

#include "util.h"

static int allowed(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_SHA256_RSA: case CSRL_OID_SHA384_RSA: case CSRL_OID_SHA512_RSA:
	case CSRL_OID_ECDSA_SHA256: case CSRL_OID_ECDSA_SHA384: case CSRL_OID_ECDSA_SHA512:
		return 1;
	default:
		return 0;
	}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_sigalg *a = &ctx->csr->sigalg;
	char dotted[96];
	const char *name = a->name;

	(void)rule;
	if (allowed(csrl_oid_id_of(a->oid)))
		return;
	if (!name) {
		if (a->oid.p && a->oid.len)
			csrl_oid_to_dotted(a->oid.p, a->oid.len, dotted, sizeof dotted);
		else
			snprintf(dotted, sizeof dotted, "(none)");
		name = dotted;
	}
	csrl_report(ctx, a->node, "Let's Encrypt refuses requests signed with %s; sign with "
		    "SHA-256, SHA-384 or SHA-512 and RSA PKCS#1 v1.5 or ECDSA (for example "
		    "`openssl req -new -sha256` with an RSA or P-256 key)", name);
}

const struct csrl_rule csrl_rule_sig_algorithm_not_allowed = {
	.id = "sig.algorithm-not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "Signature algorithm not accepted by Let's Encrypt (only SHA-2 with "
		       "RSA PKCS#1 v1.5 or ECDSA)",
	.citation = "Let's Encrypt Boulder csr/csr.go, goodSignatureAlgorithms (2025)",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.check = check,
};
