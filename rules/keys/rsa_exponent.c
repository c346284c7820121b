/* rsa_exponent.c - the RSA public exponent: odd, at least 3 and below n; for public TLS
 * between 2^16+1 and 2^256-1; exactly 65537 for Let's Encrypt.
 *
 * RFC 8017 section 3.1: "The RSA public exponent e is an integer between 3 and n - 1
 * satisfying GCD(e, \lambda(n)) = 1" (so e is odd). CA/B Forum TLS BR v2.1.5 section 6.1.6:
 * "The CA SHALL confirm that the value of the public exponent is an odd number equal to 3 or
 * more. Additionally, the public exponent SHOULD be in the range between 2^16 + 1 and
 * 2^256 - 1." Let's Encrypt (Boulder goodkey, 2025) accepts e = 65537 only.
 */
#include <string.h>

#include "rsa_int.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return rsa_key_decoded(ctx);
}

/* The exponent in decimal (or its size when long) for messages. */
static const char *describe(mpz_t e, char *buf, size_t size)
{
	if (mpz_sizeinbase(e, 10) < size - 2)
		gmp_snprintf(buf, size, "%Zd", e);
	else
		gmp_snprintf(buf, size, "a %zu-bit number", mpz_sizeinbase(e, 2));
	return buf;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	const char *id = rule->id, *why = NULL;
	char text[48];
	mpz_t e;

	/* the modulus is compared octet by octet: importing it would cost more than the rule */
	mpz_init(e);
	rsa_import(e, k->rsa_e);
	if (strcmp(id, "key.rsa.exponent-invalid") == 0) {
		if (mpz_cmp_ui(e, 3) < 0)
			why = "below 3";
		else if (mpz_even_p(e))
			why = "even";
		else if (rsa_sign(k->rsa_n) > 0 && rsa_cmp(k->rsa_e, k->rsa_n) >= 0)
			why = "not below the modulus";
		if (why)
			csrl_report(ctx, k->rsa_e_node, "the RSA public exponent (%s) is %s; it "
				    "must be odd, at least 3 and below n: generate a new key with "
				    "e = 65537", describe(e, text, sizeof text), why);
	} else if (strcmp(id, "key.rsa.exponent-out-of-range") == 0) {
		if (mpz_cmp_ui(e, 65537) < 0 || mpz_sizeinbase(e, 2) > 256)
			csrl_report(ctx, k->rsa_e_node, "the RSA public exponent (%s) is outside "
				    "2^16+1 to 2^256-1, the range the Baseline Requirements ask "
				    "for; generate a new key with e = 65537",
				    describe(e, text, sizeof text));
	} else if (mpz_cmp_ui(e, 65537) != 0) {
		csrl_report(ctx, k->rsa_e_node, "Let's Encrypt accepts only the RSA public "
			    "exponent 65537; this key has %s: generate a new key with the default "
			    "exponent", describe(e, text, sizeof text));
	}
	mpz_clear(e);
}

const struct csrl_rule csrl_rule_key_rsa_exponent_invalid = {
	.id = "key.rsa.exponent-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA public exponent is even, below 3 or not below the modulus",
	.citation = "RFC 8017 section 3.1 (November 2016); CA/B Forum TLS BR v2.1.5 section 6.1.6",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};

const struct csrl_rule csrl_rule_key_rsa_exponent_out_of_range = {
	.id = "key.rsa.exponent-out-of-range",
	.severity = CSRL_SEV_WARNING,
	.description = "RSA public exponent is outside 2^16+1 to 2^256-1",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.6",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = applies,
	.check = check,
};

const struct csrl_rule csrl_rule_key_rsa_exponent_not_65537 = {
	.id = "key.rsa.exponent-not-65537",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA public exponent is not 65537 (Let's Encrypt)",
	.citation = "Let's Encrypt Boulder goodkey/good_key.go (2025)",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = applies,
	.check = check,
};
