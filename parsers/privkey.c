/* privkey.c - private key files into Nettle keys, for signing requests.
 *
 * RFC 8017 A.1.2 (RSAPrivateKey), RFC 5915 section 3 (ECPrivateKey), RFC 5958 section 2
 * (OneAsymmetricKey) and 3 (EncryptedPrivateKeyInfo), RFC 8410 section 7 (Ed25519/Ed448
 * CurvePrivateKey), RFC 8018 6.2 and A.4 (PBES2, PBKDF2). The structure is read with the
 * project's DER reader (nodes point into the buffer, so wiping the buffer wipes the tree's
 * data); the numbers go straight into Nettle/GMP. parsers/keyfile.c reads the public half of
 * the same files for the key rules and keeps nothing private, so the two do not overlap.
 */
#define _DEFAULT_SOURCE                 /* explicit_bzero, getrandom */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/aes.h>
#include <nettle/bignum.h>
#include <nettle/cbc.h>
#include <nettle/ecc-curve.h>
#include <nettle/eddsa.h>
#include <nettle/pbkdf2.h>

#include "privkey.h"

static int from_der(struct csrl_privkey *k, const uint8_t *p, size_t len, csrl_pass_fn pass,
		    void *pass_ctx, int depth, struct csrl_error *err);

void csrl_random(void *ctx, size_t len, uint8_t *dst)
{
	(void)ctx;
	while (len) {
		ssize_t n = getrandom(dst, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			abort();
		dst += n;
		len -= (size_t)n;
	}
}

void csrl_mpz_wipe_clear(mpz_t x)
{
	size_t n = mpz_size(x);

	if (n)
		explicit_bzero(mpz_limbs_modify(x, n), n * sizeof(mp_limb_t));
	mpz_clear(x);
}

static int is(const struct csrl_node *n, uint32_t tag)
{
	return n && csrl_node_is(n, tag);
}

static int oid_is(const struct csrl_node *n, const char *dotted)
{
	char buf[64];

	return is(n, CSRL_TAG_OID) &&
	       csrl_oid_to_dotted(n->content, n->len, buf, sizeof buf) == 0 &&
	       strcmp(buf, dotted) == 0;
}

static int bad(struct csrl_error *err, const char *what)
{
	return csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "the key file is not a usable private "
			      "key: %s", what);
}

static void set_int(mpz_t x, const struct csrl_node *n)
{
	nettle_mpz_set_str_256_u(x, n->len, n->content);
}

/* Whether the CRT numbers can be signed with: Nettle's rsa_sec_compute_root asserts (aborts
 * the process) unless a < p, b < q and c < p, and its mpn_sec_powm needs p and q odd; a zero
 * a, b or c reaches GMP's mpn functions as an operand of no limbs, which they do not allow
 * (a crash found by fuzzing: qInv 0). n = p q makes the public and private halves one key
 * (and bounds the sizes of p and q). */
static int rsa_consistent(const struct csrl_privkey *k)
{
	const struct rsa_private_key *r = &k->rsa;
	mpz_t pq;
	int ok;

	if (mpz_sgn(r->p) <= 0 || mpz_sgn(r->q) <= 0 || mpz_even_p(r->p) || mpz_even_p(r->q) ||
	    mpz_sgn(r->a) <= 0 || mpz_sgn(r->b) <= 0 || mpz_sgn(r->c) <= 0 ||
	    mpz_cmp(r->a, r->p) >= 0 || mpz_cmp(r->b, r->q) >= 0 || mpz_cmp(r->c, r->p) >= 0)
		return 0;
	mpz_init(pq);
	mpz_mul(pq, r->p, r->q);
	ok = mpz_cmp(pq, k->rsa_pub.n) == 0;
	csrl_mpz_wipe_clear(pq);
	return ok;
}

/* RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv, ... } */
static int rsa_key(struct csrl_privkey *k, const struct csrl_node *root, struct csrl_error *err)
{
	const struct csrl_node *f[9];
	unsigned i;

	for (i = 0; i < 9; i++)
		if (!is(f[i] = csrl_node_child(root, i), CSRL_TAG_INTEGER))
			return bad(err, "the RSA key lacks one of its nine integers");
	k->type = CSRL_KEY_RSA;
	set_int(k->rsa_pub.n, f[1]);
	set_int(k->rsa_pub.e, f[2]);
	set_int(k->rsa.d, f[3]);
	set_int(k->rsa.p, f[4]);
	set_int(k->rsa.q, f[5]);
	set_int(k->rsa.a, f[6]);
	set_int(k->rsa.b, f[7]);
	set_int(k->rsa.c, f[8]);
	k->bits = (unsigned)mpz_sizeinbase(k->rsa_pub.n, 2);
	if (k->bits > CSRL_PRIVKEY_MAX_RSA_BITS)
		return bad(err, "the RSA modulus is larger than 16384 bits");
	if (!rsa_consistent(k) || !rsa_public_key_prepare(&k->rsa_pub) ||
	    !rsa_private_key_prepare(&k->rsa))
		return bad(err, "the RSA key's numbers are inconsistent");
	return CSRL_ERR_OK;
}

static const struct ecc_curve *curve_of(const struct csrl_node *oid, enum csrl_curve *c,
					unsigned *bits)
{
	switch (is(oid, CSRL_TAG_OID) ? csrl_oid_id_of((struct csrl_bytes){ oid->content,
								       oid->len })
				      : CSRL_OID_UNKNOWN) {
	case CSRL_OID_P256:
		*c = CSRL_CURVE_P256, *bits = 256;
		return nettle_get_secp_256r1();
	case CSRL_OID_P384:
		*c = CSRL_CURVE_P384, *bits = 384;
		return nettle_get_secp_384r1();
	case CSRL_OID_P521:
		*c = CSRL_CURVE_P521, *bits = 521;
		return nettle_get_secp_521r1();
	default:
		return NULL;
	}
}

/* ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters,
 * [1] publicKey }; alg_params is the curve named by PKCS#8 (or NULL). The public point is
 * recomputed from the scalar rather than trusted from [1]. */
static int ec_key(struct csrl_privkey *k, const struct csrl_node *root,
		  const struct csrl_node *alg_params, struct csrl_error *err)
{
	const struct csrl_node *priv = csrl_node_child(root, 1), *c, *params = alg_params;
	mpz_t d;
	int ok;

	if (!is(priv, CSRL_TAG_OCTET_STRING))
		return bad(err, "the EC key holds no private scalar");
	for (c = priv->next; c && !params; c = c->next)
		if (c->cls == CSRL_CLASS_CONTEXT && c->tag == 0)
			params = c->child;
	if (!(k->ecc = curve_of(params, &k->curve, &k->bits)))
		return bad(err, "the EC key's curve is not P-256, P-384 or P-521");
	k->type = CSRL_KEY_EC;
	ecc_scalar_init(&k->ec, k->ecc);
	ecc_point_init(&k->ec_pub, k->ecc);
	mpz_init(d);
	nettle_mpz_set_str_256_u(d, priv->len, priv->content);
	ok = ecc_scalar_set(&k->ec, d);
	csrl_mpz_wipe_clear(d);
	if (!ok)
		return bad(err, "the EC private scalar is out of range");
	ecc_point_mul_g(&k->ec_pub, &k->ec);
	return CSRL_ERR_OK;
}

/* RFC 8410: privateKey holds CurvePrivateKey ::= OCTET STRING (the seed). */
static int ed_key(struct csrl_privkey *k, const struct csrl_node *priv, int ed448,
		  struct csrl_error *err)
{
	struct csrl_der *inner;
	size_t want = ed448 ? 57 : 32;
	int rc;

	if ((rc = csrl_der_parse(priv->content, priv->len, NULL, &inner, err)))
		return bad(err, "the EdDSA private key is not an OCTET STRING");
	if (!is(inner->root, CSRL_TAG_OCTET_STRING) || inner->root->len != want) {
		csrl_der_free(inner);
		return bad(err, ed448 ? "an Ed448 private key has 57 bytes"
				      : "an Ed25519 private key has 32 bytes");
	}
	k->type = ed448 ? CSRL_KEY_ED448 : CSRL_KEY_ED25519;
	k->bits = ed448 ? 448 : 256;
	k->ed_len = want;
	memcpy(k->ed_priv, inner->root->content, want);
	csrl_der_free(inner);
	if (ed448)
		ed448_shake256_public_key(k->ed_pub, k->ed_priv);
	else
		ed25519_sha512_public_key(k->ed_pub, k->ed_priv);
	return CSRL_ERR_OK;
}

/* OneAsymmetricKey ::= SEQUENCE { version, privateKeyAlgorithm, privateKey OCTET STRING,
 * ... } */
static int pkcs8(struct csrl_privkey *k, const struct csrl_node *root, struct csrl_error *err)
{
	const struct csrl_node *alg = csrl_node_child(root, 1), *priv = csrl_node_child(root, 2);
	const struct csrl_node *oid = alg ? alg->child : NULL;
	struct csrl_der *inner = NULL;
	int rc;

	if (!is(oid, CSRL_TAG_OID) || !is(priv, CSRL_TAG_OCTET_STRING))
		return bad(err, "not a PKCS#8 PrivateKeyInfo");
	switch (csrl_oid_id_of((struct csrl_bytes){ oid->content, oid->len })) {
	case CSRL_OID_ED25519:
		return ed_key(k, priv, 0, err);
	case CSRL_OID_ED448:
		return ed_key(k, priv, 1, err);
	case CSRL_OID_RSA_ENCRYPTION:
	case CSRL_OID_EC_PUBLIC_KEY:
		break;
	default:
		return bad(err, "the PKCS#8 key algorithm is not RSA, EC, Ed25519 or Ed448");
	}
	if (csrl_der_parse(priv->content, priv->len, NULL, &inner, err) != CSRL_ERR_OK)
		return bad(err, "the PKCS#8 privateKey does not hold DER");
	if (csrl_oid_id_of((struct csrl_bytes){ oid->content, oid->len }) == CSRL_OID_RSA_ENCRYPTION)
		rc = rsa_key(k, inner->root, err);
	else
		rc = ec_key(k, inner->root, oid->next, err);
	csrl_der_free(inner);
	return rc;
}

/* PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER,
 * keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 } */
static int derive(const struct csrl_node *params, const char *pw, size_t pwlen, uint8_t *key,
		  size_t keylen, struct csrl_error *err)
{
	const struct csrl_node *salt = csrl_node_child(params, 0), *it = csrl_node_child(params, 1);
	const struct csrl_node *c, *prf = NULL;
	unsigned long iter = 0;
	size_t i;

	if (!is(salt, CSRL_TAG_OCTET_STRING) || !is(it, CSRL_TAG_INTEGER) || it->len > 4)
		return bad(err, "the PBKDF2 parameters are malformed");
	for (i = 0; i < it->len; i++)
		iter = iter << 8 | it->content[i];
	if (!iter || iter > CSRL_PRIVKEY_MAX_ITERATIONS)
		return bad(err, "the PBKDF2 iteration count is 0 or above 10,000,000");
	for (c = it->next; c; c = c->next)
		if (is(c, CSRL_TAG_SEQUENCE))
			prf = c->child;
	if (!prf || oid_is(prf, "1.2.840.113549.2.7"))
		pbkdf2_hmac_sha1(pwlen, (const uint8_t *)pw, (unsigned)iter, salt->len,
				 salt->content, keylen, key);
	else if (oid_is(prf, "1.2.840.113549.2.9"))
		pbkdf2_hmac_sha256(pwlen, (const uint8_t *)pw, (unsigned)iter, salt->len,
				   salt->content, keylen, key);
	else
		return bad(err, "the PBKDF2 PRF is not HMAC-SHA1 or HMAC-SHA256");
	return CSRL_ERR_OK;
}

/* AES-CBC decryption in place; returns the unpadded length or 0 on a bad padding. */
static size_t aes_cbc(const uint8_t *key, size_t keylen, const uint8_t *iv0, uint8_t *data,
		      size_t len)
{
	union { struct aes128_ctx a; struct aes256_ctx b; } ctx;
	uint8_t iv[AES_BLOCK_SIZE], pad;
	size_t i;

	memcpy(iv, iv0, sizeof iv);
	if (keylen == 16) {
		aes128_set_decrypt_key(&ctx.a, key);
		cbc_decrypt(&ctx.a, (nettle_cipher_func *)aes128_decrypt, AES_BLOCK_SIZE, iv, len,
			    data, data);
	} else {
		aes256_set_decrypt_key(&ctx.b, key);
		cbc_decrypt(&ctx.b, (nettle_cipher_func *)aes256_decrypt, AES_BLOCK_SIZE, iv, len,
			    data, data);
	}
	explicit_bzero(&ctx, sizeof ctx);
	pad = data[len - 1];
	if (pad < 1 || pad > AES_BLOCK_SIZE)
		return 0;
	for (i = 0; i < pad; i++)
		if (data[len - 1 - i] != pad)
			return 0;
	return len - pad;
}

/* Which AES the PBES2 encryptionScheme names: key length, or 0 when unsupported. */
static size_t aes_keylen(const struct csrl_node *scheme)
{
	if (oid_is(scheme, "2.16.840.1.101.3.4.1.2"))
		return 16;
	if (oid_is(scheme, "2.16.840.1.101.3.4.1.42"))
		return 32;
	return 0;
}

/* EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier {PBES2, PBES2-params},
 * encryptedData OCTET STRING }; PBES2-params ::= SEQUENCE { keyDerivationFunc,
 * encryptionScheme }. */
static int encrypted(struct csrl_privkey *k, const struct csrl_node *root, csrl_pass_fn pass,
		     void *pass_ctx, int depth, struct csrl_error *err)
{
	const struct csrl_node *alg = root->child, *data = csrl_node_child(root, 1);
	const struct csrl_node *p2 = alg ? csrl_node_child(alg, 1) : NULL, *kdf, *enc;
	char pw[CSRL_PASS_MAX];
	uint8_t key[32], *plain = NULL;
	size_t keylen, plen = 0;
	int rc, pwlen;

	if (!oid_is(alg ? alg->child : NULL, "1.2.840.113549.1.5.13") || !p2)
		return bad(err, "the key is encrypted with a scheme other than PBES2");
	kdf = p2->child;
	enc = kdf ? kdf->next : NULL;
	if (!kdf || !oid_is(kdf->child, "1.2.840.113549.1.5.12") || !enc)
		return bad(err, "the PBES2 key derivation is not PBKDF2");
	keylen = aes_keylen(enc->child);
	if (!keylen || !is(csrl_node_child(enc, 1), CSRL_TAG_OCTET_STRING) ||
	    csrl_node_child(enc, 1)->len != AES_BLOCK_SIZE)
		return bad(err, "the PBES2 cipher is not AES-128-CBC or AES-256-CBC");
	if (!is(data, CSRL_TAG_OCTET_STRING) || !data->len || data->len % AES_BLOCK_SIZE)
		return bad(err, "the encrypted data is not a whole number of AES blocks");
	if (!pass)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "the private key is encrypted: give "
				      "its passphrase with --passin file:PATH or env:VAR");
	if ((pwlen = pass(pass_ctx, pw, sizeof pw, err)) < 0)
		return err ? err->code : CSRL_ERR_USAGE;
	rc = derive(csrl_node_child(kdf, 1), pw, (size_t)pwlen, key, keylen, err);
	explicit_bzero(pw, sizeof pw);
	if (rc == CSRL_ERR_OK && !(plain = malloc(data->len)))
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (rc == CSRL_ERR_OK) {
		memcpy(plain, data->content, data->len);
		plen = aes_cbc(key, keylen, csrl_node_child(enc, 1)->content, plain, data->len);
		rc = plen ? from_der(k, plain, plen, NULL, NULL, depth + 1, err)
			  : csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "cannot decrypt the private "
					   "key: wrong passphrase?");
		if (rc == CSRL_ERR_NOT_DER && plen)
			rc = csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "cannot decrypt the private "
					    "key: wrong passphrase?");
		explicit_bzero(plain, data->len);
	}
	explicit_bzero(key, sizeof key);
	free(plain);
	return rc;
}

/* Recognises the structure of a DER private key. depth stops an encrypted key that
 * decrypts to another encrypted key. */
static int from_der(struct csrl_privkey *k, const uint8_t *p, size_t len, csrl_pass_fn pass,
		    void *pass_ctx, int depth, struct csrl_error *err)
{
	struct csrl_der *der;
	const struct csrl_node *r, *c0, *c1;
	int rc;

	if (csrl_der_parse(p, len, NULL, &der, err) != CSRL_ERR_OK)
		return bad(err, "not DER");
	r = der->root;
	c0 = csrl_node_child(r, 0);
	c1 = csrl_node_child(r, 1);
	if (!is(r, CSRL_TAG_SEQUENCE) || !c0 || !c1)
		rc = bad(err, "not a key structure");
	else if (is(c0, CSRL_TAG_INTEGER) && is(c1, CSRL_TAG_INTEGER) && r->nchildren >= 9)
		rc = rsa_key(k, r, err);
	else if (is(c0, CSRL_TAG_INTEGER) && is(c1, CSRL_TAG_SEQUENCE))
		rc = pkcs8(k, r, err);
	else if (is(c0, CSRL_TAG_INTEGER) && is(c1, CSRL_TAG_OCTET_STRING))
		rc = ec_key(k, r, NULL, err);
	else if (is(c0, CSRL_TAG_SEQUENCE) && is(c1, CSRL_TAG_OCTET_STRING) && depth == 0)
		rc = encrypted(k, r, pass, pass_ctx, depth, err);
	else
		rc = bad(err, "a public key or certificate, not a private key");
	csrl_der_free(der);
	return rc;
}

static int key_label(const char *l)
{
	return strcmp(l, "PRIVATE KEY") == 0 || strcmp(l, "ENCRYPTED PRIVATE KEY") == 0 ||
	       strcmp(l, "RSA PRIVATE KEY") == 0 || strcmp(l, "EC PRIVATE KEY") == 0;
}

static struct csrl_privkey *privkey_new(void)
{
	struct csrl_privkey *k = calloc(1, sizeof *k);

	if (!k)
		return NULL;
	rsa_public_key_init(&k->rsa_pub);
	rsa_private_key_init(&k->rsa);
	return k;
}

int csrl_privkey_read(const uint8_t *buf, size_t len, csrl_pass_fn pass, void *pass_ctx,
		      struct csrl_privkey **out, struct csrl_error *err)
{
	struct csrl_privkey *k = privkey_new();
	struct csrl_pem_block blk;
	size_t pos = 0;
	int rc;

	*out = NULL;
	if (!k)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (!csrl_looks_like_pem(buf, len)) {
		rc = from_der(k, buf, len, pass, pass_ctx, 0, err);
		goto done;
	}
	for (;;) {
		memset(&blk, 0, sizeof blk);
		rc = csrl_pem_next((const char *)buf, len, &pos, &blk, err);
		if (rc == CSRL_ERR_PEM_NO_BLOCK)
			rc = csrl_error_set(err, rc, 0, "the key file holds no PRIVATE KEY, "
					    "ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE "
					    "KEY block");
		if (rc != CSRL_ERR_OK || key_label(blk.label))
			break;
		csrl_pem_block_clear(&blk);
	}
	if (rc == CSRL_ERR_OK)
		rc = from_der(k, blk.der, blk.der_len, pass, pass_ctx, 0, err);
	if (blk.der)
		explicit_bzero(blk.der, blk.der_len);
	csrl_pem_block_clear(&blk);
done:
	if (rc != CSRL_ERR_OK) {
		csrl_privkey_free(k);
		return rc;
	}
	*out = k;
	return CSRL_ERR_OK;
}

void csrl_privkey_free(struct csrl_privkey *k)
{
	if (!k)
		return;
	csrl_mpz_wipe_clear(k->rsa_pub.n);
	csrl_mpz_wipe_clear(k->rsa_pub.e);
	csrl_mpz_wipe_clear(k->rsa.d);
	csrl_mpz_wipe_clear(k->rsa.p);
	csrl_mpz_wipe_clear(k->rsa.q);
	csrl_mpz_wipe_clear(k->rsa.a);
	csrl_mpz_wipe_clear(k->rsa.b);
	csrl_mpz_wipe_clear(k->rsa.c);
	if (k->ecc) {
		/* ecc_scalar_clear does not wipe: its limbs are p[0 .. ecc_size). */
		explicit_bzero(k->ec.p, (size_t)ecc_size(k->ecc) * sizeof(mp_limb_t));
		ecc_scalar_clear(&k->ec);
		ecc_point_clear(&k->ec_pub);
	}
	explicit_bzero(k, sizeof *k);
	free(k);
}

static int int_equals(const mpz_t x, struct csrl_bytes b)
{
	mpz_t y;
	int eq;

	mpz_init(y);
	nettle_mpz_set_str_256_u(y, b.len, b.p);
	eq = mpz_cmp(x, y) == 0;
	mpz_clear(y);
	return eq;
}

/* The CSR's point (uncompressed, or compressed X with the parity of Y) against ours. */
static int point_equals(const struct csrl_privkey *k, struct csrl_bytes pt)
{
	size_t n = (k->bits + 7) / 8;
	mpz_t x, y;
	int eq = 0;

	mpz_init(x);
	mpz_init(y);
	ecc_point_get(&k->ec_pub, x, y);
	if (pt.len == 1 + 2 * n && pt.p[0] == 4)
		eq = int_equals(x, (struct csrl_bytes){ pt.p + 1, n }) &&
		     int_equals(y, (struct csrl_bytes){ pt.p + 1 + n, n });
	else if (pt.len == 1 + n && (pt.p[0] == 2 || pt.p[0] == 3))
		eq = int_equals(x, (struct csrl_bytes){ pt.p + 1, n }) &&
		     (int)mpz_odd_p(y) == (pt.p[0] == 3);
	mpz_clear(x);
	mpz_clear(y);
	return eq;
}

int csrl_privkey_matches(const struct csrl_privkey *k, const struct csrl_pubkey *pub)
{
	if (!k || !pub || !pub->decoded)
		return 0;
	switch (k->type) {
	case CSRL_KEY_RSA:
		return (pub->type == CSRL_KEY_RSA || pub->type == CSRL_KEY_RSA_PSS) &&
		       int_equals(k->rsa_pub.n, pub->rsa_n) && int_equals(k->rsa_pub.e, pub->rsa_e);
	case CSRL_KEY_EC:
		return pub->type == CSRL_KEY_EC && pub->curve == k->curve &&
		       point_equals(k, pub->ec_point);
	case CSRL_KEY_ED25519:
	case CSRL_KEY_ED448:
		return pub->type == k->type && pub->key.len == k->ed_len &&
		       memcmp(pub->key.p, k->ed_pub, k->ed_len) == 0;
	default:
		return 0;
	}
}
