/* rsa_int.h - the RSA key numbers for the key rules, as GMP integers. Borrows from the CSR;
 * the caller owns (mpz_init/mpz_clear) the integers it passes. */
#ifndef CSRL_RULES_RSA_INT_H
#define CSRL_RULES_RSA_INT_H

#include <gmp.h>

#include "util.h"

/** Whether the request holds an RSA (or RSASSA-PSS) key whose n and e were decoded. */
static inline int rsa_key_decoded(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	return (k->type == CSRL_KEY_RSA || k->type == CSRL_KEY_RSA_PSS) && k->decoded &&
	       k->rsa_n.p && k->rsa_e.p;
}

/** Reads INTEGER content octets (two's complement, possibly with a leading 0x00) into x;
 * returns the sign: -1, 0 (zero or empty), 1. */
static inline int rsa_import(mpz_t x, struct csrl_bytes b)
{
	if (!b.p || b.len == 0) {
		mpz_set_ui(x, 0);
		return 0;
	}
	mpz_import(x, b.len, 1, 1, 0, 0, b.p);
	if (b.p[0] & 0x80) {            /* negative: subtract 2^(8 * len) */
		mpz_t m;

		mpz_init(m);
		mpz_setbit(m, (mp_bitcnt_t)b.len * 8);
		mpz_sub(x, x, m);
		mpz_clear(m);
	}
	return mpz_sgn(x);
}

/** Bits of the modulus, or 0 when it is zero or negative. */
static inline size_t rsa_modulus_bits(const struct csrl_lint_ctx *ctx)
{
	mpz_t n;
	size_t bits = 0;

	mpz_init(n);
	if (rsa_import(n, ctx->csr->key.rsa_n) > 0)
		bits = mpz_sizeinbase(n, 2);
	mpz_clear(n);
	return bits;
}

#endif
