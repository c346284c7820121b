/* verify_rsa.c - RSA signatures: PKCS#1 v1.5 (RFC 8017 8.2) and RSASSA-PSS (RFC 8017 8.1,
 * RFC 4055). Nettle does the arithmetic and the padding checks; this file checks the key and
 * the parameters that Nettle takes on trust or cannot express. */
#include <string.h>

#include <nettle/rsa.h>

#include "verify_int.h"

/* DigestInfo prefixes (RFC 8017 9.2 note 1) for the hashes Nettle has no helper for. */
static const uint8_t sha224_info[] = { 0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
	0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c };
static const uint8_t sha384_info[] = { 0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
	0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30 };

/* Checks csr's RSA key and signature length and loads both; 0, or -1 with res set.
 * Nettle's rsa_public_key_prepare only rejects even or tiny moduli, so the exponent rules
 * (RFC 8017 3.1: 3 <= e < n, e odd) are checked here. */
static int load(const struct csrl_csr *csr, struct rsa_public_key *key, mpz_t sig,
		struct csrl_verify_result *res)
{
	const struct csrl_pubkey *k = &csr->key;
	size_t nbits, ebits;

	if (!k->decoded || !k->rsa_n.p || !k->rsa_e.p) {
		verify_set(res, CSRL_VERIFY_INVALID, "the RSA public key is not a SEQUENCE of two "
			   "INTEGERs");
		return -1;
	}
	if ((k->rsa_n.len && k->rsa_n.p[0] & 0x80) || (k->rsa_e.len && k->rsa_e.p[0] & 0x80)) {
		verify_set(res, CSRL_VERIFY_INVALID, "the RSA %s is negative",
			   k->rsa_n.len && k->rsa_n.p[0] & 0x80 ? "modulus" : "public exponent");
		return -1;
	}
	nbits = verify_bit_length(k->rsa_n);
	ebits = verify_bit_length(k->rsa_e);
	if (nbits > CSRL_MAX_RSA_VERIFY_BITS) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "RSA modulus of %zu bits exceeds the "
			   "verification limit of %d", nbits, CSRL_MAX_RSA_VERIFY_BITS);
		return -1;
	}
	if (nbits == 0 || ebits > nbits) {
		verify_set(res, CSRL_VERIFY_INVALID, nbits ? "the RSA public exponent is larger "
			   "than the modulus" : "the RSA modulus is zero");
		return -1;
	}
	verify_import(key->n, k->rsa_n);
	verify_import(key->e, k->rsa_e);
	if (mpz_even_p(key->n)) {
		verify_set(res, CSRL_VERIFY_INVALID, "the RSA modulus is even");
		return -1;
	}
	if (mpz_cmp_ui(key->e, 3) < 0 || mpz_even_p(key->e) || mpz_cmp(key->e, key->n) >= 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the RSA public exponent %s",
			   mpz_cmp_ui(key->e, 3) < 0 ? "is below 3" : mpz_even_p(key->e) ?
			   "is even" : "is not below the modulus");
		return -1;
	}
	if (!rsa_public_key_prepare(key)) {
		verify_set(res, CSRL_VERIFY_INVALID, "the RSA modulus of %zu bits is below the %d "
			   "bits Nettle can verify", nbits, RSA_MINIMUM_N_BITS);
		return -1;
	}
	/* The signature is an octet string as long as the modulus (RFC 8017 8.2.2 step 1);
	 * mpz would silently drop leading zero octets, so the length is checked here. */
	if (csr->sig.len != key->size) {
		verify_set(res, CSRL_VERIFY_INVALID, "signature is %zu bytes but the modulus is %zu "
			   "bytes", csr->sig.len, key->size);
		return -1;
	}
	verify_import(sig, csr->sig);
	return 0;
}

void verify_rsa_pkcs1(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	enum csrl_hash h = csr->sigalg.hash;
	struct rsa_public_key key;
	uint8_t info[sizeof sha384_info + VERIFY_MAX_DIGEST], *digest = info + sizeof sha384_info;
	size_t dlen;
	mpz_t sig;
	int ok = 0;

	rsa_public_key_init(&key);
	mpz_init(sig);
	if (load(csr, &key, sig, res) != 0)
		goto done;
	dlen = verify_digest(h, csr->tbs, digest);
	switch (h) {
	case CSRL_HASH_MD5: ok = rsa_md5_verify_digest(&key, digest, sig); break;
	case CSRL_HASH_SHA1: ok = rsa_sha1_verify_digest(&key, digest, sig); break;
	case CSRL_HASH_SHA256: ok = rsa_sha256_verify_digest(&key, digest, sig); break;
	case CSRL_HASH_SHA512: ok = rsa_sha512_verify_digest(&key, digest, sig); break;
	case CSRL_HASH_SHA224:
	case CSRL_HASH_SHA384:
		/* Both prefixes are 19 bytes, so the digest already sits right after them. */
		memcpy(info, h == CSRL_HASH_SHA224 ? sha224_info : sha384_info, sizeof sha384_info);
		ok = rsa_pkcs1_verify(&key, sizeof sha384_info + dlen, info, sig);
		break;
	default: /* unsupported() turned every other hash away */
		break;
	}
	if (ok)
		verify_set(res, CSRL_VERIFY_VALID, "RSA PKCS#1 v1.5 signature with %s verified",
			   csrl_hash_name(h));
	else
		verify_set(res, CSRL_VERIFY_INVALID, "signature does not match the public key");
done:
	mpz_clear(sig);
	rsa_public_key_clear(&key);
}

/* Checks what Nettle cannot: parameter values and RFC 4055 3.3 key restrictions. */
static int pss_params(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	const struct csrl_pss *p = &csr->sigalg.pss, *kp = &csr->key.rsa_pss;

	if (!csr->sigalg.pss_params_ok || p->salt_len < 0 || p->trailer != 1) {
		verify_set(res, CSRL_VERIFY_INVALID, !csr->sigalg.params ? "RSASSA-PSS signature "
			   "algorithm has no parameters (RFC 4055 requires them)" : p->trailer != 1 ?
			   "RSASSA-PSS trailerField is not 1 (RFC 4055 3.1)" :
			   "RSASSA-PSS parameters cannot be decoded");
		return -1;
	}
	if (!p->mgf_known) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "RSASSA-PSS with a mask generation "
			   "function other than MGF1 is not supported by the verifier");
		return -1;
	}
	if (p->hash != CSRL_HASH_SHA256 && p->hash != CSRL_HASH_SHA384 &&
	    p->hash != CSRL_HASH_SHA512) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "RSASSA-PSS with %s is not supported by "
			   "the verifier", csrl_hash_name(p->hash));
		return -1;
	}
	if (p->mgf_hash != p->hash) {
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "RSASSA-PSS with %s and MGF1 with %s is "
			   "not supported by the verifier (Nettle needs the same hash for both)",
			   csrl_hash_name(p->hash), csrl_hash_name(p->mgf_hash));
		return -1;
	}
	if (csr->key.type == CSRL_KEY_RSA_PSS && csr->key.rsa_pss_has_params &&
	    (kp->hash != p->hash || kp->mgf_hash != p->mgf_hash || p->salt_len < kp->salt_len)) {
		verify_set(res, CSRL_VERIFY_MISMATCH, "the RSASSA-PSS key is restricted to %s, "
			   "MGF1 with %s and salts of at least %ld bytes, which the signature "
			   "parameters do not meet", csrl_hash_name(kp->hash),
			   csrl_hash_name(kp->mgf_hash), kp->salt_len);
		return -1;
	}
	return 0;
}

void verify_rsa_pss(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	const struct csrl_pss *p = &csr->sigalg.pss;
	struct rsa_public_key key;
	uint8_t digest[VERIFY_MAX_DIGEST];
	size_t salt;
	mpz_t sig;
	int ok = 0;

	if (pss_params(csr, res) != 0)
		return;
	rsa_public_key_init(&key);
	mpz_init(sig);
	if (load(csr, &key, sig, res) != 0)
		goto done;
	if ((unsigned long)p->salt_len > key.size) {
		verify_set(res, CSRL_VERIFY_INVALID, "RSASSA-PSS saltLength of %ld bytes does not "
			   "fit a modulus of %zu bytes", p->salt_len, key.size);
		goto done;
	}
	salt = (size_t)p->salt_len;
	verify_digest(p->hash, csr->tbs, digest);
	if (p->hash == CSRL_HASH_SHA256)
		ok = rsa_pss_sha256_verify_digest(&key, salt, digest, sig);
	else if (p->hash == CSRL_HASH_SHA384)
		ok = rsa_pss_sha384_verify_digest(&key, salt, digest, sig);
	else
		ok = rsa_pss_sha512_verify_digest(&key, salt, digest, sig);
	if (ok)
		verify_set(res, CSRL_VERIFY_VALID, "RSASSA-PSS signature with %s, MGF1 with %s and "
			   "a %zu-byte salt verified", csrl_hash_name(p->hash),
			   csrl_hash_name(p->mgf_hash), salt);
	else
		verify_set(res, CSRL_VERIFY_INVALID, "signature does not match the public key");
done:
	mpz_clear(sig);
	rsa_public_key_clear(&key);
}
