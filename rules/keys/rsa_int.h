/* rsa_int.h - the RSA key numbers for the key rules, as GMP integers. Borrows from the CSR;
 * the caller owns (mpz_init/mpz_clear) the integers it passes. */
#ifndef CSRL_RULES_RSA_INT_H
#define CSRL_RULES_RSA_INT_H

#include <gmp.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/** Whether the request holds an RSA (or RSASSA-PSS) key whose n and e were decoded. */
static inline int rsa_key_decoded(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	return (k->type == CSRL_KEY_RSA || k->type == CSRL_KEY_RSA_PSS) && k->decoded &&
	       k->rsa_n.p && k->rsa_e.p;
}

/** Sign of INTEGER content octets (two's complement): -1, 0 (zero or empty), 1. */
static inline int rsa_sign(struct csrl_bytes b)
{
	size_t i;

	if (!b.p || b.len == 0)
		return 0;
	if (b.p[0] & 0x80)
		return -1;
	for (i = 0; i < b.len; i++)
		if (b.p[i])
			return 1;
	return 0;
}

/** Whether INTEGER content octets hold an odd number (two's complement keeps the parity). */
static inline int rsa_odd(struct csrl_bytes b)
{
	return b.p && b.len && (b.p[b.len - 1] & 1);
}

/** Compares two non-negative INTEGERs by their content octets: <0, 0, >0. */
static inline int rsa_cmp(struct csrl_bytes a, struct csrl_bytes b)
{
	while (a.len && !a.p[0]) {
		a.p++;
		a.len--;
	}
	while (b.len && !b.p[0]) {
		b.p++;
		b.len--;
	}
	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	return a.len ? memcmp(a.p, b.p, a.len) : 0;
}

/** Reads INTEGER content octets (two's complement, possibly with a leading 0x00) into x;
 * returns the sign: -1, 0 (zero or empty), 1. A value that fits 1,024 bytes is reversed into
 * whole little-endian limbs first, which GMP copies as they are: a tenth of the instructions
 * of its generic import of a 2,048-bit modulus. */
static inline int rsa_import(mpz_t x, struct csrl_bytes b)
{
	mp_limb_t buf[1024 / sizeof(mp_limb_t)];
	uint8_t *d = (uint8_t *)buf;
	size_t pad, i;

	if (!b.p || b.len == 0) {
		mpz_set_ui(x, 0);
		return 0;
	}
	pad = (sizeof(mp_limb_t) - b.len % sizeof(mp_limb_t)) % sizeof(mp_limb_t);
	if (b.len + pad <= sizeof buf) {
		for (i = 0; i < b.len; i++)
			d[i] = b.p[b.len - 1 - i];
		memset(d + b.len, 0, pad);
		mpz_import(x, (b.len + pad) / sizeof(mp_limb_t), -1, sizeof(mp_limb_t), -1, 0, buf);
	} else {
		mpz_import(x, b.len, 1, 1, 0, 0, b.p);
	}
	if (b.p[0] & 0x80) {            /* negative: subtract 2^(8 * len) */
		mpz_t m;

		mpz_init(m);
		mpz_setbit(m, (mp_bitcnt_t)b.len * 8);
		mpz_sub(x, x, m);
		mpz_clear(m);
	}
	return mpz_sgn(x);
}

/** Bits of the modulus, or 0 when it is zero or negative. Read off the octets: no GMP. */
static inline size_t rsa_modulus_bits(const struct csrl_lint_ctx *ctx)
{
	struct csrl_bytes n = ctx->csr->key.rsa_n;
	size_t bits;
	unsigned top;

	if (rsa_sign(n) <= 0)
		return 0;
	while (!n.p[0]) {
		n.p++;
		n.len--;
	}
	for (bits = (n.len - 1) * 8, top = n.p[0]; top; top >>= 1)
		bits++;
	return bits;
}

#endif
