/* gen_key.c - the keys of `csrlint new`: the SubjectPublicKeyInfo of a private key, new keys
 * from Nettle with the kernel's randomness, and their PKCS#8 file (mode 0600, never over an
 * existing file).
 *
 * A new key is encoded as PKCS#8 DER first and then read back with csrl_privkey_read: the
 * key used for signing is then exactly the one written to the file, and privkey.c stays the
 * only code that fills a struct csrl_privkey. Every buffer that held key material is wiped.
 */
#define _DEFAULT_SOURCE                 /* explicit_bzero */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>

#include "gen.h"

#define OID_RSA "1.2.840.113549.1.1.1"
#define OID_EC "1.2.840.10045.2.1"
#define OID_ED25519 "1.3.101.112"
#define OID_ED448 "1.3.101.113"

static const uint8_t null_tlv[] = { 0x05, 0x00 };
static const uint8_t p256_tlv[] = { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
static const uint8_t p384_tlv[] = { 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22 };
static const uint8_t p521_tlv[] = { 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23 };

static const uint8_t *curve_tlv(enum csrl_curve c, size_t *len)
{
	switch (c) {
	case CSRL_CURVE_P256: *len = sizeof p256_tlv; return p256_tlv;
	case CSRL_CURVE_P384: *len = sizeof p384_tlv; return p384_tlv;
	case CSRL_CURVE_P521: *len = sizeof p521_tlv; return p521_tlv;
	default: *len = 0; return NULL;
	}
}

static void wipe_free(uint8_t *p, size_t len)
{
	if (p)
		explicit_bzero(p, len);
	free(p);
}

/* A libtasn1 INTEGER from x: two's complement, so a leading zero when the top bit is set. */
static int put_int(asn1_node el, const char *name, const mpz_t x, struct csrl_error *err)
{
	size_t n = nettle_mpz_sizeinbase_256_s(x);
	uint8_t *buf = malloc(n);
	int rc;

	if (!buf)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	nettle_mpz_get_str_256(n, buf, x);
	rc = asn1_write_value(el, name, buf, (int)n);
	wipe_free(buf, n);
	if (rc != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot set %s: %s", name,
				      asn1_strerror(rc));
	return CSRL_ERR_OK;
}

/* X || Y of an EC point, each padded to the field size: the uncompressed point without 04. */
static void ec_xy(const struct ecc_point *pt, size_t flen, uint8_t *out)
{
	mpz_t x, y;

	mpz_init(x);
	mpz_init(y);
	ecc_point_get(pt, x, y);
	nettle_mpz_get_str_256(flen, out, x);
	nettle_mpz_get_str_256(flen, out + flen, y);
	mpz_clear(x);
	mpz_clear(y);
}

static int rsa_spki(struct csrl_gen_req *req, const struct csrl_privkey *k,
		    struct csrl_error *err)
{
	asn1_node el;
	uint8_t *der = NULL;
	size_t len = 0;
	int rc;

	if ((rc = csrl_gen_element("RSAPublicKey", &el, err)))
		return rc;
	if (!(rc = put_int(el, "modulus", k->rsa_pub.n, err)) &&
	    !(rc = put_int(el, "publicExponent", k->rsa_pub.e, err)))
		rc = csrl_gen_encode(el, "", &der, &len, err);
	asn1_delete_structure(&el);
	if (rc)
		return rc;
	req->key_oid = csrl_gen_strdup(req, OID_RSA, strlen(OID_RSA));
	req->key_params = (const uint8_t *)csrl_gen_strdup(req, null_tlv, sizeof null_tlv);
	req->key_params_len = sizeof null_tlv;
	req->key_bits = (const uint8_t *)csrl_gen_strdup(req, der, len);
	req->key_len = len;
	free(der);
	return CSRL_ERR_OK;
}

int csrl_gen_set_key(struct csrl_gen_req *req, const struct csrl_privkey *k,
		     struct csrl_error *err)
{
	const char *oid = NULL;
	uint8_t pt[1 + 2 * 66];
	size_t flen, plen = 0;
	int rc;

	switch (k->type) {
	case CSRL_KEY_RSA:
		if ((rc = rsa_spki(req, k, err)))
			return rc;
		break;
	case CSRL_KEY_EC:
		flen = (k->bits + 7) / 8;
		if (!(req->key_params = curve_tlv(k->curve, &plen)) || 1 + 2 * flen > sizeof pt)
			return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unsupported curve");
		req->key_params_len = plen;
		pt[0] = 0x04;
		ec_xy(&k->ec_pub, flen, pt + 1);
		oid = OID_EC;
		req->key_bits = (const uint8_t *)csrl_gen_strdup(req, pt, 1 + 2 * flen);
		req->key_len = 1 + 2 * flen;
		break;
	case CSRL_KEY_ED25519: case CSRL_KEY_ED448:
		oid = k->type == CSRL_KEY_ED25519 ? OID_ED25519 : OID_ED448;
		req->key_bits = (const uint8_t *)csrl_gen_strdup(req, k->ed_pub, k->ed_len);
		req->key_len = k->ed_len;
		break;
	default:
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unsupported key type");
	}
	if (oid)
		req->key_oid = csrl_gen_strdup(req, oid, strlen(oid));
	if (!req->key_oid || !req->key_bits)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	return CSRL_ERR_OK;
}

/* PKCS#8 PrivateKeyInfo around an inner private key DER. */
static int pkcs8(const char *oid, const uint8_t *params, size_t plen, const uint8_t *inner,
		 size_t ilen, uint8_t **der, size_t *len, struct csrl_error *err)
{
	asn1_node el;
	int rc;

	if ((rc = csrl_gen_element("PrivateKeyInfo", &el, err)))
		return rc;
	if (asn1_write_value(el, "version", "0", 0) != ASN1_SUCCESS ||
	    asn1_write_value(el, "privateKeyAlgorithm.algorithm", oid, 1) != ASN1_SUCCESS ||
	    asn1_write_value(el, "privateKeyAlgorithm.parameters", params, (int)plen) !=
	    ASN1_SUCCESS || asn1_write_value(el, "privateKey", inner, (int)ilen) != ASN1_SUCCESS)
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode the private key");
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "", der, len, err);
	asn1_delete_structure2(&el, ASN1_DELETE_FLAG_ZEROIZE);
	return rc;
}

static int gen_rsa(unsigned bits, uint8_t **der, size_t *len, struct csrl_error *err)
{
	static const char *const f[] = { "modulus", "publicExponent", "privateExponent",
		"prime1", "prime2", "exponent1", "exponent2", "coefficient" };
	struct rsa_public_key pub;
	struct rsa_private_key priv;
	asn1_node el = NULL;
	uint8_t *inner = NULL;
	size_t ilen = 0, i;
	int rc;

	rsa_public_key_init(&pub);
	rsa_private_key_init(&priv);
	mpz_set_ui(pub.e, 65537);
	if (!rsa_generate_keypair(&pub, &priv, NULL, csrl_random, NULL, NULL, bits, 0)) {
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "RSA key generation failed");
		goto fail;
	}
	if ((rc = csrl_gen_element("RSAPrivateKey", &el, err)))
		goto fail;
	{
		const mpz_srcptr v[] = { pub.n, pub.e, priv.d, priv.p, priv.q, priv.a, priv.b,
					 priv.c };

		if (asn1_write_value(el, "version", "0", 0) != ASN1_SUCCESS)
			rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot set version");
		for (i = 0; i < 8 && rc == CSRL_ERR_OK; i++)
			rc = put_int(el, f[i], v[i], err);
	}
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "", &inner, &ilen, err);
	if (rc == CSRL_ERR_OK)
		rc = pkcs8(OID_RSA, null_tlv, sizeof null_tlv, inner, ilen, der, len, err);
fail:
	if (el)
		asn1_delete_structure2(&el, ASN1_DELETE_FLAG_ZEROIZE);
	wipe_free(inner, ilen);
	rsa_public_key_clear(&pub);
	csrl_mpz_wipe_clear(priv.d);
	csrl_mpz_wipe_clear(priv.p);
	csrl_mpz_wipe_clear(priv.q);
	csrl_mpz_wipe_clear(priv.a);
	csrl_mpz_wipe_clear(priv.b);
	csrl_mpz_wipe_clear(priv.c);
	return rc;
}

static int gen_ec(enum csrl_curve c, uint8_t **der, size_t *len, struct csrl_error *err)
{
	const struct ecc_curve *ecc = c == CSRL_CURVE_P256 ? nettle_get_secp_256r1() :
				      nettle_get_secp_384r1();
	size_t flen = c == CSRL_CURVE_P256 ? 32 : 48, plen, ilen = 0;
	const uint8_t *params = curve_tlv(c, &plen);
	uint8_t d[48], pt[1 + 2 * 48], *inner = NULL;
	struct ecc_scalar s;
	struct ecc_point p;
	asn1_node el = NULL;
	mpz_t z;
	int rc;

	ecc_scalar_init(&s, ecc);
	ecc_point_init(&p, ecc);
	mpz_init(z);
	ecc_scalar_random(&s, NULL, csrl_random);
	ecc_point_mul_g(&p, &s);
	ecc_scalar_get(&s, z);
	nettle_mpz_get_str_256(flen, d, z);
	pt[0] = 0x04;
	ec_xy(&p, flen, pt + 1);
	if ((rc = csrl_gen_element("ECPrivateKey", &el, err)))
		goto fail;
	if (asn1_write_value(el, "version", "1", 0) != ASN1_SUCCESS ||
	    asn1_write_value(el, "privateKey", d, (int)flen) != ASN1_SUCCESS ||
	    asn1_write_value(el, "parameters", NULL, 0) != ASN1_SUCCESS ||
	    asn1_write_value(el, "publicKey", pt, (int)(1 + 2 * flen) * 8) != ASN1_SUCCESS)
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode the EC key");
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "", &inner, &ilen, err);
	if (rc == CSRL_ERR_OK)
		rc = pkcs8(OID_EC, params, plen, inner, ilen, der, len, err);
fail:
	if (el)
		asn1_delete_structure2(&el, ASN1_DELETE_FLAG_ZEROIZE);
	wipe_free(inner, ilen);
	explicit_bzero(d, sizeof d);
	csrl_mpz_wipe_clear(z);
	ecc_scalar_clear(&s);
	ecc_point_clear(&p);
	return rc;
}

static int gen_ed25519(uint8_t **der, size_t *len, struct csrl_error *err)
{
	uint8_t inner[2 + 32];
	int rc;

	/* RFC 8410 section 7: CurvePrivateKey ::= OCTET STRING of the 32-byte seed. */
	inner[0] = 0x04;
	inner[1] = 32;
	csrl_random(NULL, 32, inner + 2);
	rc = pkcs8(OID_ED25519, NULL, 0, inner, sizeof inner, der, len, err);
	explicit_bzero(inner, sizeof inner);
	return rc;
}

int csrl_gen_keygen(const char *spec, uint8_t **der, size_t *len, struct csrl_error *err)
{
	*der = NULL;
	*len = 0;
	if (strcmp(spec, "rsa:2048") == 0 || strcmp(spec, "rsa:3072") == 0 ||
	    strcmp(spec, "rsa:4096") == 0)
		return gen_rsa((unsigned)atoi(spec + 4), der, len, err);
	if (strcmp(spec, "ec:P-256") == 0)
		return gen_ec(CSRL_CURVE_P256, der, len, err);
	if (strcmp(spec, "ec:P-384") == 0)
		return gen_ec(CSRL_CURVE_P384, der, len, err);
	if (strcmp(spec, "ed25519") == 0)
		return gen_ed25519(der, len, err);
	return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unknown key type '%s' (use rsa:2048, "
			      "rsa:3072, rsa:4096, ec:P-256, ec:P-384 or ed25519)", spec);
}

int csrl_gen_write_secret(const char *path, const void *data, size_t len,
			  struct csrl_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0 && errno == EEXIST)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "%s exists; not overwriting it", path);
	if (fd < 0)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot create %s: %s", path,
				      strerror(errno));
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot write %s: %s", path,
				      strerror(e));
	}
	if (close(fd) != 0) {
		unlink(path);
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot write %s", path);
	}
	return CSRL_ERR_OK;
}
