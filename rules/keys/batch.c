/* batch.c - rules judged across a whole corpus of requests, not one request: RSA moduli
 * sharing a prime, one key in requests for different subjects, and byte-identical requests.
 * core/batch.c finds them (batch GCD, hashes) once every input is read; these entries give
 * them ids, metadata and citations. Their check() has nothing to do per request.
 *
 * Heninger, Durumeric, Wustrow, Halderman, "Mining Your Ps and Qs: Detection of Widespread
 * Weak Keys in Network Devices", USENIX Security 2012: moduli generated with too little
 * entropy share primes, and gcd(n1, n2) then factors both. CA/B Forum TLS BR v2.1.5 section
 * 6.1.1.3 (4) requires rejecting keys open to such an industry-demonstrated method.
 * NIST SP 800-57 Part 1 Rev. 5 (May 2020) section 5.2: "a key should be used for only one
 * purpose"; one key pair in requests for unrelated subjects ties their compromise together.
 */
#include "util.h"

static void check_nothing(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)ctx;
	(void)rule;
}

const struct csrl_rule csrl_rule_key_rsa_shared_prime = {
	.id = "key.rsa.shared-prime",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus shares a prime with another request's modulus in the same "
		       "run (batch GCD); both keys are factored",
	.citation = "Heninger et al., \"Mining Your Ps and Qs\", USENIX Security 2012; CA/B Forum "
		    "TLS BR v2.1.5 section 6.1.1.3",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_nothing,
};

const struct csrl_rule csrl_rule_key_reused = {
	.id = "key.reused",
	.severity = CSRL_SEV_WARNING,
	.description = "the same public key appears in requests for different subjects in the "
		       "same run",
	.citation = "NIST SP 800-57 Part 1 Rev. 5 section 5.2 (May 2020)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_nothing,
};

const struct csrl_rule csrl_rule_csr_duplicate = {
	.id = "csr.duplicate",
	.severity = CSRL_SEV_NOTICE,
	.description = "request is byte-identical to another request in the same run",
	.citation = "csrlint corpus check (community practice: one request per order)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_nothing,
};
