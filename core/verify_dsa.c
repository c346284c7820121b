/* verify_dsa.c - the discrete-logarithm family: ECDSA on the NIST prime curves (RFC 5480,
 * RFC 5758), EdDSA (RFC 8410) and DSA (RFC 3279, RFC 5758). Nettle does the arithmetic; this
 * file checks the key encodings and DER signature values that Nettle expects already parsed. */
#include <nettle/dsa.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/eddsa.h>

#include "verify_int.h"

static const struct {
	enum csrl_curve curve;
	const struct ecc_curve *(*get)(void);
	size_t field_bytes;
} curves[] = {
	{ CSRL_CURVE_P192, nettle_get_secp_192r1, 24 },
	{ CSRL_CURVE_P224, nettle_get_secp_224r1, 28 },
	{ CSRL_CURVE_P256, nettle_get_secp_256r1, 32 },
	{ CSRL_CURVE_P384, nettle_get_secp_384r1, 48 },
	{ CSRL_CURVE_P521, nettle_get_secp_521r1, 66 },
};

/* Index of key's curve in curves[], or -1 with res set to UNSUPPORTED or INVALID. */
static int find_curve(const struct csrl_pubkey *key, struct csrl_verify_result *res)
{
	char dotted[96];
	size_t i;

	for (i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (curves[i].curve == key->curve)
			return (int)i;
	if (key->curve == CSRL_CURVE_EXPLICIT) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "EC keys with explicit curve parameters "
			   "are not supported by the verifier");
	} else if (key->curve != CSRL_CURVE_UNKNOWN && key->curve != CSRL_CURVE_NONE) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "curve %s is not supported by the "
			   "verifier", csrl_curve_name(key->curve));
	} else if (key->curve_oid.len && key->curve_oid.p) {
		csrl_oid_to_dotted(key->curve_oid.p, key->curve_oid.len, dotted, sizeof dotted);
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "curve %s is not supported by the "
			   "verifier", dotted);
	} else {
		verify_set(res, CSRL_VERIFY_INVALID, "the EC key names no curve");
	}
	return -1;
}

/* Checks the SEC 1 2.3.3 encoding of the point; 0, or -1 with res set. */
static int check_point(struct csrl_bytes pt, size_t field_bytes, struct csrl_verify_result *res)
{
	if (!pt.p || pt.len == 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the EC public key is empty");
		return -1;
	}
	if (pt.p[0] == 0x02 || pt.p[0] == 0x03 || pt.p[0] == 0x06 || pt.p[0] == 0x07) {
		/* Nettle has no point decompression; hybrid points are never used in practice. */
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "%s EC point is not supported by the "
			   "verifier", pt.p[0] < 0x04 ? "compressed" : "hybrid");
		return -1;
	}
	if (pt.p[0] != 0x04) {
		verify_set(res, CSRL_VERIFY_INVALID, pt.p[0] == 0 ? "the EC public key is the "
			   "point at infinity" : "the EC public key does not start with 04");
		return -1;
	}
	if (pt.len != 1 + 2 * field_bytes) {
		verify_set(res, CSRL_VERIFY_INVALID, "the EC public key is %zu bytes; an "
			   "uncompressed point on this curve is %zu", pt.len, 1 + 2 * field_bytes);
		return -1;
	}
	return 0;
}

void verify_ecdsa(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	const struct csrl_pubkey *key = &csr->key;
	struct dsa_signature sig;
	struct ecc_point pub;
	uint8_t digest[VERIFY_MAX_DIGEST];
	size_t fb, dlen;
	int ci;
	mpz_t x, y;

	if ((ci = find_curve(key, res)) < 0)
		return;
	fb = curves[ci].field_bytes;
	if (check_point(key->ec_point, fb, res) != 0)
		return;
	ecc_point_init(&pub, curves[ci].get());
	dsa_signature_init(&sig);
	mpz_init(x);
	mpz_init(y);
	mpz_import(x, fb, 1, 1, 0, 0, key->ec_point.p + 1);
	mpz_import(y, fb, 1, 1, 0, 0, key->ec_point.p + 1 + fb);
	/* ecc_point_set rejects coordinates >= p and points off the curve. */
	if (!ecc_point_set(&pub, x, y)) {
		verify_set(res, CSRL_VERIFY_INVALID, "public key point is not on the curve");
		goto done;
	}
	if (verify_sig_pair(csr->sig, sig.r, sig.s, res) != 0)
		goto done;
	dlen = verify_digest(csr->sigalg.hash, csr->tbs, digest);
	/* ecdsa_verify truncates the digest to the group order's size (SEC 1 4.1.4 step 5). */
	if (dlen && ecdsa_verify(&pub, dlen, digest, &sig))
		verify_set(res, CSRL_VERIFY_VALID, "ECDSA signature on %s with %s verified",
			   csrl_curve_name(key->curve), csrl_hash_name(csr->sigalg.hash));
	else
		verify_set(res, CSRL_VERIFY_INVALID, "signature does not match the public key");
done:
	mpz_clear(y);
	mpz_clear(x);
	dsa_signature_clear(&sig);
	ecc_point_clear(&pub);
}

/* y coordinates of the two points of order 8 on edwards25519 (little-endian); with 0, 1
 * and p - 1 they make up every point of small order. */
static const uint8_t ed25519_order8[2][32] = {
	{ 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
	  0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
	  0x6d, 0x53, 0xfc, 0x05 },
	{ 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
	  0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
	  0x92, 0xac, 0x03, 0x7a },
};

/* Whether an EdDSA key (of the right length) encodes a point of small order. Nettle does not
 * reject them, and with such a key a signature can be made to verify without any private key.
 * The order depends on y alone, taken modulo p so that non-canonical encodings are caught. */
static int small_order(const uint8_t *k, int ed448)
{
	mpz_t y, p, t;
	int hit, i;

	mpz_init(y);
	mpz_init(p);
	mpz_init(t);
	mpz_import(y, ed448 ? 56 : 32, -1, 1, 0, 0, k);
	mpz_setbit(p, ed448 ? 448 : 255);
	if (ed448) {
		mpz_set_ui(t, 1);
		mpz_mul_2exp(t, t, 224);
		mpz_sub(p, p, t);
		mpz_sub_ui(p, p, 1);          /* 2^448 - 2^224 - 1 */
	} else {
		mpz_clrbit(y, 255);           /* the sign of x */
		mpz_sub_ui(p, p, 19);         /* 2^255 - 19 */
	}
	mpz_mod(y, y, p);
	mpz_sub_ui(t, p, 1);
	hit = mpz_cmp_ui(y, 1) <= 0 || mpz_cmp(y, t) == 0;
	for (i = 0; !ed448 && !hit && i < 2; i++) {
		mpz_import(t, 32, -1, 1, 0, 0, ed25519_order8[i]);
		hit = mpz_cmp(y, t) == 0;
	}
	mpz_clear(t);
	mpz_clear(p);
	mpz_clear(y);
	return hit;
}

void verify_eddsa(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	int ed448 = csr->sigalg.kind == CSRL_SIG_ED448;
	const char *name = ed448 ? "Ed448" : "Ed25519";
	size_t klen = ed448 ? ED448_KEY_SIZE : ED25519_KEY_SIZE;
	size_t slen = ed448 ? ED448_SIGNATURE_SIZE : ED25519_SIGNATURE_SIZE;
	struct csrl_bytes k = csr->key.key, m = csr->tbs;
	int ok;

	if (!k.p || k.len != klen) {
		verify_set(res, CSRL_VERIFY_INVALID, "the %s public key is %zu bytes; it must be %zu",
			   name, k.len, klen);
		return;
	}
	if (csr->sig.len != slen) {
		verify_set(res, CSRL_VERIFY_INVALID, "the %s signature is %zu bytes; it must be %zu",
			   name, csr->sig.len, slen);
		return;
	}
	if (small_order(k.p, ed448)) {
		verify_set(res, CSRL_VERIFY_INVALID, "the %s public key is a point of small order, "
			   "for which signatures prove nothing", name);
		return;
	}
	ok = ed448 ? ed448_shake256_verify(k.p, m.len, m.p, csr->sig.p)
		   : ed25519_sha512_verify(k.p, m.len, m.p, csr->sig.p);
	if (ok)
		verify_set(res, CSRL_VERIFY_VALID, "%s signature verified", name);
	else
		verify_set(res, CSRL_VERIFY_INVALID, "signature does not match the public key");
}

/* Loads and range-checks the DSA key (FIPS 186-4 4.1: 1 < g < p, q | p - 1, 1 < y < p);
 * dsa_verify takes them on trust and would divide by zero for p = 0. 0, or -1 with res set. */
static int dsa_load(const struct csrl_pubkey *k, struct dsa_params *prm, mpz_t y,
		    struct csrl_verify_result *res)
{
	static const char *const names[] = { "p", "q", "g", "y" };
	const struct csrl_bytes b[] = { k->dsa_p, k->dsa_q, k->dsa_g, k->dsa_y };
	mpz_ptr v[] = { prm->p, prm->q, prm->g, y };
	size_t pbits = verify_bit_length(k->dsa_p), i;
	const char *why;

	if (!k->decoded || !k->dsa_y.p) {
		verify_set(res, CSRL_VERIFY_INVALID, "the DSA public key is not an INTEGER");
		return -1;
	}
	if (!k->dsa_p.p || !k->dsa_q.p || !k->dsa_g.p) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "a DSA key without domain parameters "
			   "(inherited from the issuer) cannot be verified");
		return -1;
	}
	if (pbits > CSRL_MAX_DSA_VERIFY_BITS) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "DSA p of %zu bits exceeds the "
			   "verification limit of %d", pbits, CSRL_MAX_DSA_VERIFY_BITS);
		return -1;
	}
	for (i = 0; i < 4; i++) {
		if ((why = verify_positive(v[i], b[i], CSRL_MAX_DSA_VERIFY_BITS)) != NULL) {
			verify_set(res, CSRL_VERIFY_INVALID, "the DSA %s %s", names[i], why);
			return -1;
		}
	}
	mpz_sub_ui(y, y, 1); /* y - 1 for the range test, restored below */
	if (mpz_even_p(prm->p) || mpz_cmp(prm->q, prm->p) >= 0 || mpz_cmp_ui(prm->g, 1) <= 0 ||
	    mpz_cmp(prm->g, prm->p) >= 0 || mpz_sgn(y) <= 0 || mpz_cmp(y, prm->p) >= 0 ||
	    mpz_cmp_ui(prm->q, 1) <= 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the DSA domain parameters or public key are "
			   "out of range");
		return -1;
	}
	mpz_add_ui(y, y, 1);
	mpz_sub_ui(prm->p, prm->p, 1);
	i = mpz_divisible_p(prm->p, prm->q);
	mpz_add_ui(prm->p, prm->p, 1);
	if (!i) {
		verify_set(res, CSRL_VERIFY_INVALID, "the DSA q does not divide p - 1");
		return -1;
	}
	return 0;
}

void verify_dsa(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	struct dsa_params prm;
	struct dsa_signature sig;
	uint8_t digest[VERIFY_MAX_DIGEST];
	size_t dlen;
	mpz_t y;

	dsa_params_init(&prm);
	dsa_signature_init(&sig);
	mpz_init(y);
	if (dsa_load(&csr->key, &prm, y, res) != 0 ||
	    verify_sig_pair(csr->sig, sig.r, sig.s, res) != 0)
		goto done;
	dlen = verify_digest(csr->sigalg.hash, csr->tbs, digest);
	/* dsa_verify truncates the digest to the size of q (FIPS 186-4 4.6). */
	if (dlen && dsa_verify(&prm, y, dlen, digest, &sig))
		verify_set(res, CSRL_VERIFY_VALID, "DSA signature with %s verified",
			   csrl_hash_name(csr->sigalg.hash));
	else
		verify_set(res, CSRL_VERIFY_INVALID, "signature does not match the public key");
done:
	mpz_clear(y);
	dsa_signature_clear(&sig);
	dsa_params_clear(&prm);
}
