/* algorithm.c - key algorithms outside RSA and ECDSA: EdDSA and DSA are not allowed for
 * publicly trusted TLS certificates, DSA is deprecated everywhere, and anything else (unknown
 * algorithms, RSASSA-PSS keys, X25519/X448) is refused by public CAs.
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.5 allows RSA and ECDSA (P-256, P-384, P-521) subscriber
 * keys only, and section 7.1.3.1 allows only the rsaEncryption and id-ecPublicKey
 * subjectPublicKeyInfo encodings. FIPS 186-5 (February 2023): "DSA is no longer
 * approved for digital signature generation" (verification of old signatures only).
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Name of the key algorithm for messages: the OID's name, else its dotted form. */
static const char *key_label(const struct csrl_pubkey *k, char *buf, size_t size)
{
	const struct csrl_oid_info *info = k->alg_oid.p && k->alg_oid.len ?
		csrl_oid_lookup(k->alg_oid.p, k->alg_oid.len) : NULL;

	if (info)
		return info->long_name;
	if (!k->alg_oid.p || !k->alg_oid.len)
		snprintf(buf, size, "(no OID)");
	else
		csrl_oid_to_dotted(k->alg_oid.p, k->alg_oid.len, buf, size);
	return buf;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	const char *id = rule->id;
	char buf[96];

	if (strncmp(id, "key.eddsa.", 10) == 0 &&
	    (k->type == CSRL_KEY_ED25519 || k->type == CSRL_KEY_ED448))
		csrl_report(ctx, k->alg_node, "%s keys are not allowed in publicly trusted TLS "
			    "certificates; use an RSA (2048+ bits) or ECDSA P-256/P-384 key",
			    csrl_key_type_name(k->type));
	else if (strncmp(id, "key.dsa.", 8) == 0 && k->type == CSRL_KEY_DSA)
		csrl_report(ctx, k->alg_node, "DSA %s; use an RSA (2048+ bits) or ECDSA "
			    "P-256/P-384 key", rule->severity == CSRL_SEV_ERROR ? "keys are not "
			    "allowed in publicly trusted TLS certificates" : "is no longer approved "
			    "for signing (FIPS 186-5)");
	else if (strcmp(id, "key.algorithm-not-allowed") == 0 &&
		 (k->type == CSRL_KEY_UNKNOWN || k->type == CSRL_KEY_RSA_PSS ||
		  k->type == CSRL_KEY_X25519 || k->type == CSRL_KEY_X448))
		csrl_report(ctx, k->alg_node, "public key algorithm %s is not accepted by "
			    "publicly trusted CAs%s; use an RSA (rsaEncryption) or ECDSA "
			    "P-256/P-384 key", key_label(k, buf, sizeof buf),
			    k->type == CSRL_KEY_X25519 || k->type == CSRL_KEY_X448 ?
			    " (and cannot sign its own request)" : "");
}

const struct csrl_rule csrl_rule_key_eddsa_not_allowed = {
	.id = "key.eddsa.not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "Ed25519/Ed448 key in a publicly trusted TLS request",
	.citation = "CA/B Forum TLS BR v2.1.5 sections 6.1.5 and 7.1.3.1",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.check = check,
};

const struct csrl_rule csrl_rule_key_dsa_deprecated = {
	.id = "key.dsa.deprecated",
	.severity = CSRL_SEV_WARNING,
	.description = "DSA key (no longer approved for signature generation)",
	.citation = "NIST FIPS 186-5 (February 2023), abstract",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILE_RFC | CSRL_PROFILE_PRIVATE_PKI,
	.check = check,
};

const struct csrl_rule csrl_rule_key_dsa_not_allowed = {
	.id = "key.dsa.not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "DSA key in a publicly trusted TLS request",
	.citation = "CA/B Forum TLS BR v2.1.5 sections 6.1.5 and 7.1.3.1",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.check = check,
};

const struct csrl_rule csrl_rule_key_algorithm_not_allowed = {
	.id = "key.algorithm-not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "Unknown or non-signing key algorithm (not RSA or ECDSA) in a publicly "
		       "trusted TLS request",
	.citation = "CA/B Forum TLS BR v2.1.5 sections 6.1.5 and 7.1.3.1",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.check = check,
};
