/* pattern.c - an RSA modulus holding a long repeating pattern (a sign of a fake or
 * manipulated key rather than one from a random-prime generator).
 *
 * badkeys "pattern" check (badkeys/rsakeys/pattern.py, test key rsa-pattern): the modulus
 * written in hexadecimal (most significant digit first, no leading zeros) contains a pair of
 * hex digits repeated 16 times in a row, i.e. 32 hex digits (16 bytes' worth, at any nibble
 * alignment) where every digit equals the one two places before it - runs such as
 * "abababab..." or "0000...". For a product of two random primes such a run occurs with
 * probability about 2^-120 per position, so a hit means the modulus was edited or made up.
 * This is a heuristic with no requirement behind it, hence a notice; it does not prove the
 * key is factorable.
 */
#include "rsa_int.h"

/* 32 hex digits: the first two free, the next 30 equal to the digit two places before */
#define RUN_NEEDED 30

static int applies(const struct csrl_lint_ctx *ctx)
{
	return rsa_key_decoded(ctx);
}

/* Hex digit i (0 = most significant) of the big-endian value b without leading zeros. */
static unsigned nibble(const uint8_t *p, size_t i)
{
	return i % 2 ? p[i / 2] & 0xF : p[i / 2] >> 4;
}

/** Whether the hex text of the magnitude b has the repeating run. */
static int has_pattern(struct csrl_bytes b)
{
	const uint8_t *p = b.p;
	size_t len = b.len, start, ndig, i, run = 0;

	while (len && *p == 0) {
		p++;
		len--;
	}
	if (!len)
		return 0;
	/* 30 digits equal to the one two places before span 14 whole octets equal to the octet
	 * before: without such a stretch there is no run, and almost no modulus has one. */
	for (i = 1, run = 0; i < len && run < RUN_NEEDED / 2 - 1; i++)
		run = p[i] == p[i - 1] ? run + 1 : 0;
	if (run < RUN_NEEDED / 2 - 1)
		return 0;
	run = 0;
	start = p[0] >> 4 ? 0 : 1;      /* skip one leading zero nibble */
	ndig = len * 2;
	for (i = start + 2; i < ndig; i++) {
		run = nibble(p, i) == nibble(p, i - 2) ? run + 1 : 0;
		if (run >= RUN_NEEDED)
			return 1;
	}
	return 0;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	(void)rule;
	if (has_pattern(k->rsa_n))
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus contains a long repeating pattern "
			    "(16 repetitions of the same two hex digits), which random primes never "
			    "produce: the key was probably edited or made up; generate a new key pair");
}

const struct csrl_rule csrl_rule_key_rsa_modulus_pattern = {
	.id = "key.rsa.modulus-pattern",
	.severity = CSRL_SEV_NOTICE,
	.description = "RSA modulus contains a long repeating hex pattern (badkeys heuristic)",
	.citation = "badkeys pattern check (badkeys/rsakeys/pattern.py, 2024): two hex digits "
		    "repeated 16 times in the modulus",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
