/* ed25519.c - Ed25519 public keys of small order, not canonically encoded, or not a point.
 *
 * RFC 8032 section 5.1.3 (decoding): "If the resulting value is >= p, decoding fails" and
 * "If x = 0, and x_0 = 1, decoding fails." A key whose y is p or more is a non-canonical
 * encoding that some verifiers accept and others refuse (x = 0 occurs only for y = 1 and
 * y = p - 1, both of small order, so their sign-bit variants are caught below). The eight points of small order (the torsion subgroup: y = 1, p - 1, 0 and the two
 * order-8 values y8, p - y8) give signatures that verify for many messages (Chalkias et al.,
 * "Taming the many EdDSAs", SSR 2020; libsodium rejects them): such a key proves no
 * possession. A y for which (y^2 - 1) / (d y^2 + 1) is not a square is no point at all.
 */
#include <gmp.h>
#include <pthread.h>
#include <string.h>

#include "util.h"

static mpz_t P, D, Y8;                  /* 2^255 - 19, the curve's d, an order-8 y */
static pthread_once_t consts_once = PTHREAD_ONCE_INIT;

static void consts_init(void)
{
	mpz_t t;

	mpz_inits(P, D, Y8, t, NULL);
	mpz_setbit(P, 255);
	mpz_sub_ui(P, P, 19);
	mpz_set_ui(t, 121666);          /* d = -121665 / 121666 mod p */
	mpz_invert(t, t, P);
	mpz_mul_ui(D, t, 121665);
	mpz_neg(D, D);
	mpz_mod(D, D, P);
	mpz_set_str(Y8, "2707385501144840649318225287225658788936804267575313519463743609750303402"
		    "022", 10);
	mpz_clear(t);
}

static int applies(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	return k->type == CSRL_KEY_ED25519 && k->key.p && k->key.len == 32;
}

/* Why the 32-octet encoding is weak, or NULL. */
static const char *judge(const uint8_t *enc)
{
	const char *why = NULL;
	uint8_t b[32];
	mpz_t y, t, u;

	pthread_once(&consts_once, consts_init);
	memcpy(b, enc, 32);
	b[31] &= 0x7F;
	mpz_inits(y, t, u, NULL);
	mpz_import(y, 32, -1, 1, 0, 0, b);
	if (mpz_cmp(y, P) >= 0)
		why = "not canonically encoded (y is not below 2^255 - 19)";
	mpz_mod(y, y, P);
	mpz_sub(t, P, Y8);
	mpz_sub_ui(u, P, 1);
	if (mpz_cmp_ui(y, 0) == 0 || mpz_cmp_ui(y, 1) == 0 || mpz_cmp(y, u) == 0 ||
	    mpz_cmp(y, Y8) == 0 || mpz_cmp(y, t) == 0)
		why = "a point of small order (in the 8-element torsion subgroup)";
	else if (!why) {
		/* x^2 = (y^2 - 1) / (d y^2 + 1) must be a square */
		mpz_mul(t, y, y);
		mpz_sub_ui(u, t, 1);
		mpz_mul(t, t, D);
		mpz_add_ui(t, t, 1);
		mpz_mod(t, t, P);
		if (mpz_invert(t, t, P)) {
			mpz_mul(u, u, t);
			mpz_mod(u, u, P);
			if (mpz_jacobi(u, P) < 0)
				why = "not a point on the curve";
		}
	}
	mpz_clears(y, t, u, NULL);
	return why;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	const char *why = judge(k->key.p);

	(void)rule;
	if (why)
		csrl_report(ctx, k->bits_node, "the Ed25519 public key is %s: it is no usable key "
			    "and signatures under it prove nothing; generate a new key pair", why);
}

const struct csrl_rule csrl_rule_key_ed25519_weak = {
	.id = "key.ed25519.weak",
	.severity = CSRL_SEV_ERROR,
	.description = "Ed25519 public key of small order, non-canonical (y >= p) or not on "
		       "the curve",
	.citation = "RFC 8032 section 5.1.3 (January 2017); Chalkias et al., \"Taming the many "
		    "EdDSAs\" (SSR 2020)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
