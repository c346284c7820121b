/* small_factor.c - an RSA modulus with a small prime factor (one GCD against a primorial).
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.6: "The modulus SHOULD also have the following
 * characteristics: an odd number, not the power of a prime, and have no factors smaller than
 * 752. [Citation: Section 5.3.3, NIST SP 800-89]." A modulus with any small factor is
 * factored at once (the cofactor is then the rest of the key), so the CA must reject it under
 * BR section 6.1.1.3 (4) as a key with a demonstrated weakness. badkeys' "smallfactors" check
 * (badkeys/rsakeys/smallfactors.py) extends the search to every prime up to 65537, which
 * catches corrupted moduli; so does this rule. The finding never names the factor.
 */
#include <pthread.h>

#include "keymemo.h"
#include "rsa_int.h"

#define SMALL_LIMIT 65537u          /* primes up to and including this one are tried */
#define BR_LIMIT 751u               /* BR: "no factors smaller than 752" */

static mpz_t primorial_all, primorial_br;  /* products of the primes <= 65537 and <= 751 */
static pthread_once_t primorial_once = PTHREAD_ONCE_INIT;

/* Builds both products once (GMP's primorial: a product tree, not 6,542 multiplications). */
static void primorial_init(void)
{
	mpz_init(primorial_all);
	mpz_init(primorial_br);
	mpz_primorial_ui(primorial_all, SMALL_LIMIT);
	mpz_primorial_ui(primorial_br, BR_LIMIT);
}

static int applies(const struct csrl_lint_ctx *ctx)
{
	return rsa_key_decoded(ctx);
}

/* 0: no small factor, 1: a prime below 752, 2: a prime up to 65537 (GCD costs ~50 us). */
static long small_factor(const struct csrl_pubkey *k)
{
	mpz_t n, g;
	long found = 0;

	if (keymemo_get(k, KEYMEMO_SMALL_FACTOR, 0, &found))
		return found;
	pthread_once(&primorial_once, primorial_init);
	mpz_inits(n, g, NULL);
	/* zero, negative and tiny moduli are key.rsa.modulus-invalid / -insecure */
	if (rsa_import(n, k->rsa_n) > 0 && mpz_cmp_ui(n, SMALL_LIMIT) > 0) {
		mpz_gcd(g, n, primorial_all);
		if (mpz_cmp_ui(g, 1) != 0) {
			mpz_gcd(g, g, primorial_br);
			found = mpz_cmp_ui(g, 1) != 0 ? 1 : 2;
		}
	}
	mpz_clears(n, g, NULL);
	keymemo_put(k, KEYMEMO_SMALL_FACTOR, 0, found);
	return found;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	long found = small_factor(k);

	(void)rule;
	if (found)
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus is divisible by %s, so anyone can "
			    "factor it: the key is corrupt or was badly generated; generate a new "
			    "key pair with a standard generator",
			    found == 1 ? "a prime below 752" : "a small prime (at most 65537)");
}

const struct csrl_rule csrl_rule_key_rsa_small_factor = {
	.id = "key.rsa.small-factor",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus has a prime factor below 752 (BR) or up to 65537 (badkeys)",
	.citation = "CA/B Forum TLS BR v2.1.5 sections 6.1.6 and 6.1.1.3; NIST SP 800-89 "
		    "section 5.3.3 (November 2006); badkeys smallfactors check",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
