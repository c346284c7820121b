/* ec_point.c - full public-key validation of a NIST P-curve point.
 *
 * NIST SP 800-56A Rev. 3 (April 2018) section 5.6.2.3.3, ECC Full Public-Key Validation
 * Routine: "1. Verify that Q is not the identity element O. ... 2. Verify that xQ and yQ are
 * integers in the interval [0, p - 1] ... 3. Verify that Q is on the curve ... 4. Verify that
 * nQ = O." For P-192/224/256/384/521 the cofactor is 1, so step 4 follows from step 3.
 * SEC 1 v2.0 section 2.3.3/2.3.4: the uncompressed encoding is 04 || X || Y with X and Y of
 * ceil(log2(p) / 8) octets each, and the identity is the single octet 00. CA/B Forum TLS BR
 * v2.1.5 section 6.1.5: "Ensure that the key represents a valid point on the NIST P-256,
 * NIST P-384 or NIST P-521 elliptic curve." Compressed points are key.ec.point-compressed.
 */
#include <gmp.h>
#include <nettle/ecc.h>
#include <nettle/ecc-curve.h>

#include "util.h"

/* Field primes as sums of signed powers of two (FIPS 186-4 appendix D.1.2). */
struct term {
	int sign;
	unsigned exp;
};
static const struct term p192[] = { { 1, 192 }, { -1, 64 }, { -1, 0 }, { 0, 0 } };
static const struct term p224[] = { { 1, 224 }, { -1, 96 }, { 1, 0 }, { 0, 0 } };
static const struct term p256[] = { { 1, 256 }, { -1, 224 }, { 1, 192 }, { 1, 96 },
				     { -1, 0 }, { 0, 0 } };
static const struct term p384[] = { { 1, 384 }, { -1, 128 }, { -1, 96 }, { 1, 32 },
				     { -1, 0 }, { 0, 0 } };
static const struct term p521[] = { { 1, 521 }, { -1, 0 }, { 0, 0 } };

/* The field prime of curve c into p; returns the Nettle curve, or NULL for other curves. */
static const struct ecc_curve *curve_of(enum csrl_curve c, mpz_t p)
{
	const struct term *t;
	const struct ecc_curve *ecc;
	mpz_t pow2;

	switch (c) {
	case CSRL_CURVE_P192: t = p192; ecc = nettle_get_secp_192r1(); break;
	case CSRL_CURVE_P224: t = p224; ecc = nettle_get_secp_224r1(); break;
	case CSRL_CURVE_P256: t = p256; ecc = nettle_get_secp_256r1(); break;
	case CSRL_CURVE_P384: t = p384; ecc = nettle_get_secp_384r1(); break;
	case CSRL_CURVE_P521: t = p521; ecc = nettle_get_secp_521r1(); break;
	default: return NULL;
	}
	mpz_init(pow2);
	mpz_set_ui(p, 0);
	for (; t->sign; t++) {
		mpz_set_ui(pow2, 0);
		mpz_setbit(pow2, t->exp);
		(t->sign > 0 ? mpz_add : mpz_sub)(p, p, pow2);
	}
	mpz_clear(pow2);
	return ecc;
}

static int applies(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	return k->type == CSRL_KEY_EC && k->ec_point.p && k->curve >= CSRL_CURVE_P192 &&
	       k->curve <= CSRL_CURVE_P521;
}

/* Why the point fails validation, or NULL when it is valid (or compressed). */
static const char *validate(const struct csrl_pubkey *k, mpz_t p)
{
	const struct ecc_curve *ecc = curve_of(k->curve, p);
	const uint8_t *q = k->ec_point.p;
	size_t len = k->ec_point.len, flen = (mpz_sizeinbase(p, 2) + 7) / 8;
	struct ecc_point pt;
	const char *why = NULL;
	mpz_t x, y;

	if (!ecc || len == 0)
		return len ? NULL : "empty";
	if (len == 1 && q[0] == 0x00)
		return "the point at infinity (the identity element), which is no public key";
	if (q[0] == 0x02 || q[0] == 0x03)
		return NULL;            /* key.ec.point-compressed */
	if (q[0] != 0x04)
		return "not in uncompressed form: the first octet is neither 04 nor 02/03";
	if (len != 1 + 2 * flen)
		return "of the wrong length for the curve";
	mpz_inits(x, y, NULL);
	mpz_import(x, flen, 1, 1, 0, 0, q + 1);
	mpz_import(y, flen, 1, 1, 0, 0, q + 1 + flen);
	if (mpz_cmp(x, p) >= 0 || mpz_cmp(y, p) >= 0) {
		why = "invalid: a coordinate is not below the field prime p";
	} else {
		ecc_point_init(&pt, ecc);
		if (!ecc_point_set(&pt, x, y))
			why = "not on the curve";
		ecc_point_clear(&pt);
	}
	mpz_clears(x, y, NULL);
	return why;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	const char *why;
	mpz_t p;

	(void)rule;
	mpz_init(p);
	why = validate(k, p);
	mpz_clear(p);
	if (why)
		csrl_report(ctx, k->bits_node, "the %s public key point is %s (NIST SP 800-56A "
			    "section 5.6.2.3.3): the key is unusable or crafted; generate a new key "
			    "pair", csrl_curve_name(k->curve), why);
}

const struct csrl_rule csrl_rule_key_ec_point_invalid = {
	.id = "key.ec.point-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "EC public key fails full public-key validation (off the curve, "
		       "coordinates not below p, wrong length, or the point at infinity)",
	.citation = "NIST SP 800-56A Rev. 3 section 5.6.2.3.3 (April 2018); SEC 1 v2.0 section "
		    "2.3.4; CA/B Forum TLS BR v2.1.5 section 6.1.5",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
