/* rsa_modulus.c - the size of an RSA modulus: at least 2048 bits for public TLS, never below
 * 1024, a whole number of bytes, and exactly 2048, 3072 or 4096 bits for Let's Encrypt.
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.5: "For RSA key pairs the CA SHALL: Ensure that the
 * modulus size, when encoded, is at least 2048 bits, and; Ensure that the modulus size, in
 * bits, is evenly divisible by 8." NIST SP 800-131A Rev. 2 (March 2019) section 3 disallows
 * RSA keys under 2048 bits for signatures; 1024-bit and smaller moduli are within reach of
 * public factoring efforts (RSA-768 was factored in 2009). RFC 8017 section 3.1: n is the
 * product of odd primes, so it is positive and odd.
 * Let's Encrypt (Boulder goodkey, 2025) accepts RSA keys of exactly 2048, 3072 or 4096 bits.
 */
#include <string.h>

#include "rsa_int.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return rsa_key_decoded(ctx);
}

static void check_invalid(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	int sign = rsa_sign(k->rsa_n);

	(void)rule;
	if (sign <= 0 || !rsa_odd(k->rsa_n))
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus is %s; a modulus is the product "
			    "of two odd primes: generate a new key pair",
			    sign < 0 ? "negative" : sign == 0 ? "zero" : "even");
}

static void check_size(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	size_t bits = rsa_modulus_bits(ctx);
	const char *id = rule->id;

	if (bits == 0)
		return;                 /* key.rsa.modulus-invalid */
	if (strcmp(id, "key.rsa.modulus-too-small") == 0 && bits < 2048)
		csrl_report(ctx, k->rsa_n_node, "the RSA key has %zu bits; publicly trusted CAs "
			    "require at least 2048: generate a new key (for example `openssl "
			    "genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`)", bits);
	else if (strcmp(id, "key.rsa.modulus-insecure") == 0 && bits < 1024)
		csrl_report(ctx, k->rsa_n_node, "the RSA key has only %zu bits and can be "
			    "factored: generate a new key of at least 2048 bits", bits);
	else if (strcmp(id, "key.rsa.modulus-not-byte-multiple") == 0 && bits % 8)
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus has %zu bits, not a multiple of "
			    "8; some clients and CAs reject such keys: generate a key of 2048, "
			    "3072 or 4096 bits", bits);
	else if (strcmp(id, "key.rsa.modulus-size-not-allowed") == 0 && bits != 2048 &&
		 bits != 3072 && bits != 4096)
		csrl_report(ctx, k->rsa_n_node, "Let's Encrypt accepts RSA keys of 2048, 3072 or "
			    "4096 bits only; this one has %zu: generate a key of one of those sizes",
			    bits);
}

const struct csrl_rule csrl_rule_key_rsa_modulus_invalid = {
	.id = "key.rsa.modulus-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is negative, zero or even",
	.citation = "RFC 8017 section 3.1 (November 2016)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_invalid,
};

const struct csrl_rule csrl_rule_key_rsa_modulus_too_small = {
	.id = "key.rsa.modulus-too-small",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is shorter than 2048 bits",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.5",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI, /* weak crypto everywhere */
	.applies = applies,
	.check = check_size,
};

const struct csrl_rule csrl_rule_key_rsa_modulus_insecure = {
	.id = "key.rsa.modulus-insecure",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is shorter than 1024 bits (factorable)",
	.citation = "NIST SP 800-131A Rev. 2 (March 2019) section 3",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_size,
};

const struct csrl_rule csrl_rule_key_rsa_modulus_not_byte_multiple = {
	.id = "key.rsa.modulus-not-byte-multiple",
	.severity = CSRL_SEV_WARNING,
	.description = "RSA modulus size in bits is not a multiple of 8",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.5",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_size,
};

const struct csrl_rule csrl_rule_key_rsa_modulus_size_not_allowed = {
	.id = "key.rsa.modulus-size-not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is not 2048, 3072 or 4096 bits (Let's Encrypt)",
	.citation = "Let's Encrypt Boulder goodkey/good_key.go (2025)",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = applies,
	.check = check_size,
};
