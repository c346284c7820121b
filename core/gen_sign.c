/* gen_sign.c - signing the CertificationRequestInfo with Nettle, and the public key of a
 * private key as SubjectPublicKeyInfo fields.
 *
 * Choices (issue 6): RSA PKCS#1 v1.5 with SHA-256 unless another hash is asked for; PSS only
 * on request (RFC 4055 parameters, MGF1 with the same hash, salt as long as the hash);
 * ECDSA with SHA-256 on P-256, SHA-384 on P-384 and SHA-512 on P-521; pure Ed25519/Ed448.
 * Randomness (RSA blinding, PSS salt, ECDSA nonce) comes from getrandom (csrl_random).
 */
#define _DEFAULT_SOURCE                 /* explicit_bzero */
#include <stdlib.h>
#include <string.h>

#include <nettle/bignum.h>
#include <nettle/dsa.h>
#include <nettle/ecdsa.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>

#include "gen.h"

static const uint8_t NULL_TLV[] = { 0x05, 0x00 };

/* RFC 8017 9.2 note 1: the DigestInfo prefix of SHA-384 (Nettle has no rsa_sha384 sign). */
static const uint8_t SHA384_PREFIX[] = { 0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
					 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
					 0x30 };

static enum csrl_hash pick_hash(const struct csrl_privkey *k, const struct csrl_sign_opts *so)
{
	if (so && so->hash != CSRL_HASH_NONE)
		return so->hash;
	if (k->type == CSRL_KEY_EC)
		return k->curve == CSRL_CURVE_P384 ? CSRL_HASH_SHA384 :
		       k->curve == CSRL_CURVE_P521 ? CSRL_HASH_SHA512 : CSRL_HASH_SHA256;
	return CSRL_HASH_SHA256;
}

static size_t digest(enum csrl_hash h, const uint8_t *m, size_t len, uint8_t *out)
{
	struct sha512_ctx c;        /* large enough for all three */

	switch (h) {
	case CSRL_HASH_SHA256:
		sha256_init((struct sha256_ctx *)&c);
		sha256_update((struct sha256_ctx *)&c, len, m);
		sha256_digest((struct sha256_ctx *)&c, SHA256_DIGEST_SIZE, out);
		return SHA256_DIGEST_SIZE;
	case CSRL_HASH_SHA384:
		sha384_init(&c);
		sha384_update(&c, len, m);
		sha384_digest(&c, SHA384_DIGEST_SIZE, out);
		return SHA384_DIGEST_SIZE;
	case CSRL_HASH_SHA512:
		sha512_init(&c);
		sha512_update(&c, len, m);
		sha512_digest(&c, SHA512_DIGEST_SIZE, out);
		return SHA512_DIGEST_SIZE;
	default:
		return 0;
	}
}

static const char *hash_oid(enum csrl_hash h)
{
	return h == CSRL_HASH_SHA384 ? "2.16.840.1.101.3.4.2.2" :
	       h == CSRL_HASH_SHA512 ? "2.16.840.1.101.3.4.2.3" : "2.16.840.1.101.3.4.2.1";
}

/* RSASSA-PSS-params { [0] hash, [1] MGF1(hash), [2] salt length } (trailer: default). */
static int pss_params(enum csrl_hash h, size_t salt, struct csrl_gen_sig *sig,
		      struct csrl_error *err)
{
	asn1_node hash = NULL, p = NULL;
	uint8_t *hdr = NULL;
	size_t hlen = 0;
	char num[8];
	int rc;

	if ((rc = csrl_gen_element("AlgorithmIdentifier", &hash, err)) ||
	    (rc = csrl_gen_element("RSASSA-PSS-params", &p, err)))
		goto done;
	rc = CSRL_ERR_INTERNAL;
	snprintf(num, sizeof num, "%zu", salt);
	if (asn1_write_value(hash, "algorithm", hash_oid(h), 1) != ASN1_SUCCESS ||
	    asn1_write_value(hash, "parameters", NULL_TLV, 2) != ASN1_SUCCESS ||
	    csrl_gen_encode(hash, "", &hdr, &hlen, err) != CSRL_ERR_OK ||
	    asn1_write_value(p, "hashAlgorithm.algorithm", hash_oid(h), 1) != ASN1_SUCCESS ||
	    asn1_write_value(p, "hashAlgorithm.parameters", NULL_TLV, 2) != ASN1_SUCCESS ||
	    asn1_write_value(p, "maskGenAlgorithm.algorithm", "1.2.840.113549.1.1.8", 1) ||
	    asn1_write_value(p, "maskGenAlgorithm.parameters", hdr, (int)hlen) != ASN1_SUCCESS ||
	    asn1_write_value(p, "saltLength", num, 0) != ASN1_SUCCESS)
		goto done;
	rc = csrl_gen_encode(p, "", &sig->params, &sig->params_len, err);
done:
	free(hdr);
	asn1_delete_structure(&hash);
	asn1_delete_structure(&p);
	if (rc == CSRL_ERR_INTERNAL)
		csrl_error_set(err, rc, 0, "cannot encode the RSASSA-PSS parameters");
	return rc;
}

static int rsa_sign(const struct csrl_privkey *k, enum csrl_hash h, int pss, const uint8_t *d,
		    size_t dlen, struct csrl_gen_sig *sig, struct csrl_error *err)
{
	uint8_t salt[64], info[sizeof SHA384_PREFIX + SHA384_DIGEST_SIZE];
	mpz_t s;
	int ok = 0;

	mpz_init(s);
	csrl_random(NULL, dlen, salt);
	if (pss) {
		sig->oid = "1.2.840.113549.1.1.10";
		if (pss_params(h, dlen, sig, err) != CSRL_ERR_OK) {
			mpz_clear(s);
			return err ? err->code : CSRL_ERR_INTERNAL;
		}
		ok = h == CSRL_HASH_SHA256 ? rsa_pss_sha256_sign_digest_tr(&k->rsa_pub, &k->rsa,
			NULL, csrl_random, dlen, salt, d, s) :
		     h == CSRL_HASH_SHA384 ? rsa_pss_sha384_sign_digest_tr(&k->rsa_pub, &k->rsa,
			NULL, csrl_random, dlen, salt, d, s) :
		     rsa_pss_sha512_sign_digest_tr(&k->rsa_pub, &k->rsa, NULL, csrl_random, dlen,
						   salt, d, s);
	} else if (h == CSRL_HASH_SHA384) {
		sig->oid = "1.2.840.113549.1.1.12";
		memcpy(info, SHA384_PREFIX, sizeof SHA384_PREFIX);
		memcpy(info + sizeof SHA384_PREFIX, d, dlen);
		ok = rsa_pkcs1_sign_tr(&k->rsa_pub, &k->rsa, NULL, csrl_random, sizeof info, info, s);
	} else {
		sig->oid = h == CSRL_HASH_SHA512 ? "1.2.840.113549.1.1.13" : "1.2.840.113549.1.1.11";
		ok = h == CSRL_HASH_SHA512 ?
		     rsa_sha512_sign_digest_tr(&k->rsa_pub, &k->rsa, NULL, csrl_random, d, s) :
		     rsa_sha256_sign_digest_tr(&k->rsa_pub, &k->rsa, NULL, csrl_random, d, s);
	}
	if (!pss && (sig->params = malloc(2))) {
		memcpy(sig->params, NULL_TLV, 2);
		sig->params_len = 2;
	}
	/* The signature is exactly as long as the modulus (RFC 8017 8.2.1). */
	sig->len = k->rsa_pub.size;
	if (ok && (sig->value = malloc(sig->len)))
		nettle_mpz_get_str_256(sig->len, sig->value, s);
	mpz_clear(s);
	if (!ok)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "RSA signing failed (is the key "
				      "consistent and large enough for %s?)", csrl_hash_name(h));
	return sig->value ? CSRL_ERR_OK : csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
}

/* ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } through libtasn1. */
static int ecdsa_sign_der(const struct csrl_privkey *k, enum csrl_hash h, const uint8_t *d,
			  size_t dlen, struct csrl_gen_sig *sig, struct csrl_error *err)
{
	struct dsa_signature ds;
	uint8_t buf[2][80];
	size_t lr, ls;
	asn1_node el;
	int rc;

	sig->oid = h == CSRL_HASH_SHA384 ? "1.2.840.10045.4.3.3" :
		   h == CSRL_HASH_SHA512 ? "1.2.840.10045.4.3.4" : "1.2.840.10045.4.3.2";
	dsa_signature_init(&ds);
	ecdsa_sign(&k->ec, NULL, csrl_random, dlen, d, &ds);
	/* two's complement, so a leading 0x00 keeps the INTEGERs positive */
	lr = nettle_mpz_sizeinbase_256_s(ds.r);
	ls = nettle_mpz_sizeinbase_256_s(ds.s);
	nettle_mpz_get_str_256(lr, buf[0], ds.r);
	nettle_mpz_get_str_256(ls, buf[1], ds.s);
	dsa_signature_clear(&ds);
	if ((rc = csrl_gen_element("ECDSA-Sig-Value", &el, err)))
		return rc;
	if (asn1_write_value(el, "r", buf[0], (int)lr) != ASN1_SUCCESS ||
	    asn1_write_value(el, "s", buf[1], (int)ls) != ASN1_SUCCESS)
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode the signature");
	else
		rc = csrl_gen_encode(el, "", &sig->value, &sig->len, err);
	asn1_delete_structure(&el);
	return rc;
}

int csrl_gen_sign(const uint8_t *tbs, size_t len, const struct csrl_privkey *k,
		  const struct csrl_sign_opts *so, struct csrl_gen_sig *sig,
		  struct csrl_error *err)
{
	enum csrl_hash h = pick_hash(k, so);
	uint8_t d[SHA512_DIGEST_SIZE];
	size_t dlen;

	memset(sig, 0, sizeof *sig);
	if (k->type == CSRL_KEY_ED25519 || k->type == CSRL_KEY_ED448) {
		sig->len = k->type == CSRL_KEY_ED25519 ? ED25519_SIGNATURE_SIZE
						       : ED448_SIGNATURE_SIZE;
		sig->oid = k->type == CSRL_KEY_ED25519 ? "1.3.101.112" : "1.3.101.113";
		if (!(sig->value = malloc(sig->len)))
			return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		if (k->type == CSRL_KEY_ED25519)
			ed25519_sha512_sign(k->ed_pub, k->ed_priv, len, tbs, sig->value);
		else
			ed448_shake256_sign(k->ed_pub, k->ed_priv, len, tbs, sig->value);
		return CSRL_ERR_OK;
	}
	if (!(dlen = digest(h, tbs, len, d)))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "signing supports SHA-256, SHA-384 "
				      "and SHA-512 only");
	if (k->type == CSRL_KEY_RSA)
		return rsa_sign(k, h, so && so->pss, d, dlen, sig, err);
	if (so && so->pss)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--pss needs an RSA key");
	return ecdsa_sign_der(k, h, d, dlen, sig, err);
}

void csrl_gen_sig_clear(struct csrl_gen_sig *sig)
{
	free(sig->params);
	free(sig->value);
	memset(sig, 0, sizeof *sig);
}
