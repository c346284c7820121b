/* rsa_length.c - an RSA signature must be exactly as long as the modulus.
 *
 * RFC 8017 section 8.2.2 step 1 (RSASSA-PKCS1-v1_5-VERIFY), likewise 8.1.2 for RSASSA-PSS:
 * "Length checking: If the length of the signature S is not k octets, output "invalid
 * signature" and stop." (k is the length in octets of the RSA modulus n). A signature whose
 * leading zero octets were dropped is accepted by lenient verifiers and refused by strict ones.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_csr *csr = ctx->csr;

	return (csr->key.type == CSRL_KEY_RSA || csr->key.type == CSRL_KEY_RSA_PSS) &&
	       csr->key.decoded && csr->key.rsa_n.p &&
	       (csr->sigalg.kind == CSRL_SIG_RSA_PKCS1 || csr->sigalg.kind == CSRL_SIG_RSA_PSS);
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	unsigned nbits = csr->key.bits;
	size_t k = (nbits + 7) / 8;

	(void)rule;
	if (nbits == 0 || (csr->key.rsa_n.len && csr->key.rsa_n.p[0] & 0x80))
		return;                 /* no usable modulus: key rules report it */
	if (csr->sig.len == k)
		return;
	csrl_report(ctx, csr->sig_node, "the RSA signature is %zu bytes but the %u-bit modulus "
		    "is %zu bytes; RFC 8017 requires exactly %zu (leading zero bytes included): "
		    "the signer %s; sign the request again", csr->sig.len, nbits, k, k,
		    csr->sig.len < k ? "dropped leading zero bytes" : "added bytes");
}

const struct csrl_rule csrl_rule_sig_rsa_length_mismatch = {
	.id = "sig.rsa-length-mismatch",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA signature length differs from the modulus length",
	.citation = "RFC 8017 sections 8.1.2 and 8.2.2, step 1 (November 2016)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
