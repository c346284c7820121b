/* modulus_structure.c - an RSA modulus that is a perfect power or a prime.
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.6: "The modulus SHOULD also have the following
 * characteristics: an odd number, not the power of a prime, and have no factors smaller than
 * 752." RFC 8017 section 3.1: "n = r_1 * r_2 * ... * r_u, u >= 2" with distinct primes r_i.
 * A perfect power n = m^k gives its factors by an integer k-th root; a prime n is no RSA
 * modulus at all (phi(n) = n - 1 is public, so is d). badkeys reports the latter as
 * rsainvalid/prime_n (badkeys/rsakeys/rsainvalid.py, test key rsa-nprime).
 */
#include "keymemo.h"
#include "rsa_int.h"

/* Primality rounds: a composite fails the first one; 2^-50 is plenty for a finding. */
#define PRIME_REPS 25
/* Largest modulus tested for primality. The test's first round is a modular exponentiation
 * whose cost grows with the cube of the size: 20 ms at 4,096 bits, 100 ms at 8,192, 0.65 s
 * at 16,384 and 19 s at 65,536 (tests/hostile), so a request with a huge key could stall a
 * lint run. No real key is larger than 8,192 bits. */
#define PRIME_MAX_BITS 8192

static int applies(const struct csrl_lint_ctx *ctx)
{
	return rsa_key_decoded(ctx) && rsa_modulus_bits(ctx) > 16;
}

static int applies_prime(const struct csrl_lint_ctx *ctx)
{
	return applies(ctx) && rsa_modulus_bits(ctx) <= PRIME_MAX_BITS;
}

/* Whether the modulus is a perfect power (fact 0) or a prime (fact 1), remembered per key:
 * the primality test costs a full modular exponentiation (milliseconds at 2048 bits). */
static long modulus_fact(const struct csrl_pubkey *k, enum keymemo_fact fact)
{
	mpz_t n;
	long v;

	if (keymemo_get(k, fact, 0, &v))
		return v;
	mpz_init(n);
	rsa_import(n, k->rsa_n);
	if (fact == KEYMEMO_PERFECT_POWER)
		v = mpz_perfect_power_p(n) != 0;
	else
		v = mpz_odd_p(n) && mpz_probab_prime_p(n, PRIME_REPS);
	mpz_clear(n);
	keymemo_put(k, fact, 0, v);
	return v;
}

static void check_power(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	(void)rule;
	if (modulus_fact(k, KEYMEMO_PERFECT_POWER))
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus is a perfect power (m^k for some "
			    "k >= 2), so an integer root factors it: generate a new key pair with a "
			    "standard generator");
}

static void check_prime(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	(void)rule;
	if (modulus_fact(k, KEYMEMO_PRIME))
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus is a prime number, not a product "
			    "of two primes: anyone can compute the private exponent. Generate a new "
			    "key pair with a standard generator");
}

const struct csrl_rule csrl_rule_key_rsa_perfect_power = {
	.id = "key.rsa.perfect-power",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is a perfect power (for example the square of a prime)",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.6; NIST SP 800-89 section 5.3.3 "
		    "(November 2006)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_power,
};

const struct csrl_rule csrl_rule_key_rsa_modulus_prime = {
	.id = "key.rsa.modulus-prime",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus is a prime number (rfc profile or --enable: it costs a "
		       "modular exponentiation per key)",
	.citation = "RFC 8017 section 3.1 (November 2016); badkeys rsainvalid check (prime_n)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILE_RFC, /* a full modular exponentiation per key: opt-in */
	.applies = applies_prime,
	.check = check_prime,
};
