/* test_verify.c - signature verification: generated CSRs for every supported family (made by
 * tests/data/verify/make.sh, verdict in the file name), hand-made mismatches and bounds on
 * parsed requests whose fields are edited, mutated inputs, and a sweep of the external corpus. */
#define _GNU_SOURCE /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csrlint.h"
#include "slurp.h"

#define DATA "tests/data/verify/"

/* A parsed request with the buffers it points into. */
struct loaded {
	char *text;
	uint8_t *der;
	size_t der_len;
	struct csrl_csr *csr;
};

/* Parses the first request of a PEM or DER file; returns 0, or -1 when it does not parse. */
static int load_path(const char *path, struct loaded *l)
{
	struct csrl_pem_block blk;
	struct csrl_error err;
	size_t len = 0, pos = 0;

	memset(l, 0, sizeof *l);
	l->text = (char *)test_slurp(path, &len);
	if (!l->text)
		fail_msg("cannot read %s", path);
	if (csrl_looks_like_pem((const uint8_t *)l->text, len)) {
		memset(&blk, 0, sizeof blk);
		if (csrl_pem_next(l->text, len, &pos, &blk, &err) != CSRL_ERR_OK)
			return -1;
		l->der = blk.der;       /* taken over from the block */
		l->der_len = blk.der_len;
	} else {
		l->der = malloc(len ? len : 1);
		assert_non_null(l->der);
		memcpy(l->der, l->text, len);
		l->der_len = len;
	}
	return csrl_csr_parse(l->der, l->der_len, &l->csr, &err) == CSRL_ERR_OK ? 0 : -1;
}

static struct csrl_csr *load(const char *name, struct loaded *l)
{
	char path[512];

	snprintf(path, sizeof path, DATA "%s.pem", name);
	if (load_path(path, l) != 0)
		fail_msg("%s does not parse", path);
	return l->csr;
}

static void unload(struct loaded *l)
{
	csrl_csr_free(l->csr);
	free(l->der);
	free(l->text);
}

/* Sets one field of csr, then expects a verdict: most hand-made cases are one edit each. */
#define TRY(field, value, st, want) \
	do { \
		field = value; \
		expect(csr, CSRL_VERIFY_##st, want); \
	} while (0)

/* Verifies csr and checks the status and that the detail holds want (when not NULL). */
static void expect(const struct csrl_csr *csr, enum csrl_verify_status st, const char *want)
{
	struct csrl_verify_result res;

	csrl_verify(csr, &res);
	if (res.status != st || (want && !strstr(res.detail, want)))
		fail_msg("got %s \"%s\", want %s \"%s\"", csrl_verify_status_name(res.status),
			 res.detail, csrl_verify_status_name(st), want ? want : "");
}

/* ---- generated files: the verdict and the detail per file -------------------------- */

static const struct {
	const char *file;
	enum csrl_verify_status status;
	const char *detail;
} files[] = {
#define V CSRL_VERIFY_VALID
#define I CSRL_VERIFY_INVALID
#define U CSRL_VERIFY_UNSUPPORTED
	{ "valid-rsa2048-md5", V, "RSA PKCS#1 v1.5 signature with MD5 verified" },
	{ "valid-rsa2048-sha1", V, "RSA PKCS#1 v1.5 signature with SHA-1 verified" },
	{ "valid-rsa2048-sha224", V, "RSA PKCS#1 v1.5 signature with SHA-224 verified" },
	{ "valid-rsa2048-sha256", V, "RSA PKCS#1 v1.5 signature with SHA-256 verified" },
	{ "valid-rsa2048-sha384", V, "RSA PKCS#1 v1.5 signature with SHA-384 verified" },
	{ "valid-rsa2048-sha512", V, "RSA PKCS#1 v1.5 signature with SHA-512 verified" },
	{ "valid-rsa3072-e3-sha256", V, "with SHA-256 verified" },
	{ "invalid-rsa2048-sha256-tampered", I, "signature does not match the public key" },
	{ "invalid-rsa2048-sha384-tampered", I, "signature does not match the public key" },
	{ "unsupported-rsa2048-sha3-256", U, "SHA3-256 is not supported by the verifier" },
	{ "valid-pss-sha256-salt32", V, "SHA-256, MGF1 with SHA-256 and a 32-byte salt" },
	{ "valid-pss-sha256-salt0", V, "a 0-byte salt" },
	{ "valid-pss-sha256-saltmax", V, "a 222-byte salt" },
	{ "valid-pss-sha384-salt48", V, "SHA-384, MGF1 with SHA-384 and a 48-byte salt" },
	{ "valid-pss-sha512-salt64", V, "SHA-512, MGF1 with SHA-512 and a 64-byte salt" },
	{ "valid-pss-sha512-salt17", V, "a 17-byte salt" },
	{ "invalid-pss-sha256-tampered", I, "signature does not match the public key" },
	{ "unsupported-pss-sha256-mgf1-sha1", U, "MGF1 with SHA-1" },
	{ "unsupported-pss-sha1-salt20", U, "RSASSA-PSS with SHA-1 is not supported" },
	{ "valid-rsapsskey-sha256-salt32", V, "RSASSA-PSS signature with SHA-256" },
	{ "valid-rsapsskey-restricted-sha384", V, "RSASSA-PSS signature with SHA-384" },
	{ "valid-ecdsa-P-192-sha1", V, "ECDSA signature on P-192 with SHA-1 verified" },
	{ "valid-ecdsa-P-192-sha256", V, "ECDSA signature on P-192 with SHA-256 verified" },
	{ "valid-ecdsa-P-224-sha224", V, "ECDSA signature on P-224 with SHA-224 verified" },
	{ "valid-ecdsa-P-256-sha1", V, "ECDSA signature on P-256 with SHA-1 verified" },
	{ "valid-ecdsa-P-256-sha256", V, "ECDSA signature on P-256 with SHA-256 verified" },
	{ "valid-ecdsa-P-256-sha512", V, "ECDSA signature on P-256 with SHA-512 verified" },
	{ "valid-ecdsa-P-384-sha256", V, "ECDSA signature on P-384 with SHA-256 verified" },
	{ "valid-ecdsa-P-384-sha384", V, "ECDSA signature on P-384 with SHA-384 verified" },
	{ "valid-ecdsa-P-521-sha256", V, "ECDSA signature on P-521 with SHA-256 verified" },
	{ "valid-ecdsa-P-521-sha512", V, "ECDSA signature on P-521 with SHA-512 verified" },
	{ "invalid-ecdsa-P-256-tampered", I, "signature does not match the public key" },
	{ "invalid-ecdsa-P-521-tampered", I, "signature does not match the public key" },
	{ "unsupported-ecdsa-P-256-compressed", U, "compressed EC point" },
	{ "unsupported-ecdsa-secp256k1", U, "curve secp256k1 is not supported" },
	{ "unsupported-ecdsa-brainpoolP256r1", U, "is not supported" },
	{ "valid-ed25519", V, "Ed25519 signature verified" },
	{ "invalid-ed25519-tampered", I, "signature does not match the public key" },
	{ "valid-ed448", V, "Ed448 signature verified" },
	{ "invalid-ed448-tampered", I, "signature does not match the public key" },
	{ "valid-dsa2048-sha1", V, "DSA signature with SHA-1 verified" },
	{ "valid-dsa2048-sha224", V, "DSA signature with SHA-224 verified" },
	{ "valid-dsa2048-sha256", V, "DSA signature with SHA-256 verified" },
	{ "invalid-dsa2048-sha256-tampered", I, "signature does not match the public key" },
#undef V
#undef I
#undef U
};

#define NFILES (sizeof files / sizeof files[0])

static void test_file(void **state)
{
	size_t i = (size_t)(uintptr_t)*state;
	struct loaded l;

	expect(load(files[i].file, &l), files[i].status, files[i].detail);
	unload(&l);
}

/* Every generated file is in the table, and its name agrees with its expected verdict. */
static void test_files_listed(void **state)
{
	static const char *const prefix[] = { "valid-", "invalid-", "unsupported-", "mismatch-" };
	DIR *d = opendir(DATA);
	struct dirent *e;
	size_t i, n = 0, len;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".pem") != 0)
			continue;
		for (i = 0; i < NFILES; i++)
			if (strlen(files[i].file) == len - 4 &&
			    strncmp(files[i].file, e->d_name, len - 4) == 0)
				break;
		if (i == NFILES)
			fail_msg("%s is not listed in test_verify.c", e->d_name);
		assert_true(strncmp(e->d_name, prefix[files[i].status],
				    strlen(prefix[files[i].status])) == 0);
		n++;
	}
	closedir(d);
	assert_int_equal(n, NFILES);
}

/* ---- hand-made cases: fields of a parsed request edited ------------------------------- */

/* Points the signature algorithm at a known OID with the given kind and hash. */
static void set_alg(struct csrl_csr *csr, enum csrl_oid_id id, enum csrl_sig_kind kind,
		    enum csrl_hash hash)
{
	const struct csrl_oid_info *info = csrl_oid_get(id);

	assert_non_null(info);
	csr->sigalg.oid.p = info->der;
	csr->sigalg.oid.len = info->der_len;
	csr->sigalg.name = info->name;
	csr->sigalg.kind = kind;
	csr->sigalg.hash = hash;
}

static void test_mismatch(void **state)
{
	struct loaded l;
	struct csrl_csr *csr;

	(void)state;
	csr = load("valid-rsa2048-sha256", &l);
	set_alg(csr, CSRL_OID_ECDSA_SHA256, CSRL_SIG_ECDSA, CSRL_HASH_SHA256);
	expect(csr, CSRL_VERIFY_MISMATCH, "ecdsa-with-SHA256 needs an EC key but the request "
	       "holds an RSA key");
	set_alg(csr, CSRL_OID_DSA_SHA256, CSRL_SIG_DSA, CSRL_HASH_SHA256);
	expect(csr, CSRL_VERIFY_MISMATCH, "needs a DSA key");
	set_alg(csr, CSRL_OID_ED25519, CSRL_SIG_ED25519, CSRL_HASH_NONE);
	expect(csr, CSRL_VERIFY_MISMATCH, "needs an Ed25519 key");
	unload(&l);

	csr = load("valid-ecdsa-P-256-sha256", &l);
	set_alg(csr, CSRL_OID_SHA256_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA256);
	expect(csr, CSRL_VERIFY_MISMATCH, "sha256WithRSAEncryption needs an RSA key but the "
	       "request holds an EC key");
	set_alg(csr, CSRL_OID_RSASSA_PSS, CSRL_SIG_RSA_PSS, CSRL_HASH_SHA256);
	expect(csr, CSRL_VERIFY_MISMATCH, "holds an EC key");
	unload(&l);

	/* RFC 4055 1.2: an id-RSASSA-PSS key signs only with RSASSA-PSS. */
	csr = load("valid-rsapsskey-sha256-salt32", &l);
	set_alg(csr, CSRL_OID_SHA256_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA256);
	expect(csr, CSRL_VERIFY_MISMATCH, "an RSASSA-PSS key may sign only with RSASSA-PSS");
	unload(&l);

	/* RFC 4055 3.3: signature parameters must meet the key's restrictions. */
	csr = load("valid-rsapsskey-restricted-sha384", &l);
	assert_true(csr->key.rsa_pss_has_params);
	TRY(csr->sigalg.pss.salt_len, 20, MISMATCH, "restricted to SHA-384");
	unload(&l);

	csr = load("valid-ed25519", &l);
	TRY(csr->key.type, CSRL_KEY_X25519, MISMATCH, "holds an X25519 key");
	unload(&l);
}

static void test_unsupported_algs(void **state)
{
	static const uint8_t private_oid[] = { 0x2a, 0x03, 0x04 };           /* 1.2.3.4 */
	static const uint8_t gost_sig[] = { 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x03, 0x02 };
	struct loaded l;
	struct csrl_csr *csr = load("valid-rsa2048-sha256", &l);

	(void)state;
	set_alg(csr, CSRL_OID_MD4_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_MD4);
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "MD4 is not supported by the verifier");
	csr->sigalg.hash = CSRL_HASH_UNKNOWN;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "the hash of md4WithRSAEncryption is not supported");
	set_alg(csr, CSRL_OID_MD2_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_MD2);
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "MD2");
	set_alg(csr, CSRL_OID_ML_DSA_65, CSRL_SIG_UNKNOWN, CSRL_HASH_UNKNOWN);
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "signature algorithm ML-DSA-65 is not supported");
	set_alg(csr, CSRL_OID_SM2_SM3, CSRL_SIG_SM2, CSRL_HASH_SM3);
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "SM2-with-SM3 is not supported");
	csr->sigalg.kind = CSRL_SIG_UNKNOWN;
	csr->sigalg.name = NULL;
	csr->sigalg.oid.p = private_oid;
	csr->sigalg.oid.len = sizeof private_oid;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "signature algorithm 1.2.3.4 is not supported");
	csr->sigalg.oid.p = gost_sig;
	csr->sigalg.oid.len = sizeof gost_sig;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "GOST signature algorithm 1.2.643.7.1.1.3.2");
	set_alg(csr, CSRL_OID_SHA256_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA256);
	csr->key.type = CSRL_KEY_UNKNOWN;
	csr->key.alg_oid.p = private_oid;
	csr->key.alg_oid.len = sizeof private_oid;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "public key algorithm 1.2.3.4 is not supported");
	unload(&l);
	expect(NULL, CSRL_VERIFY_INVALID, "no request");
	assert_string_equal(csrl_verify_status_name(CSRL_VERIFY_MISMATCH), "key/algorithm mismatch");
	assert_string_equal(csrl_verify_status_name(CSRL_VERIFY_VALID), "valid");
}

/* Modulus-sized buffers for the bounds cases. */
static uint8_t big[2 + CSRL_MAX_RSA_VERIFY_BITS / 8];

static void test_rsa_bounds(void **state)
{
	static const uint8_t zero[] = { 0 }, one[] = { 1 }, two[] = { 2 }, neg[] = { 0x80, 1 };
	static const uint8_t e65536[] = { 1, 0, 0 }, small_n[] = { 0x7f, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd };
	struct loaded l;
	struct csrl_csr *csr = load("valid-rsa2048-sha256", &l);
	const struct csrl_bytes n = csr->key.rsa_n, e = csr->key.rsa_e, sig = csr->sig;
	uint8_t *padded = malloc(sig.len + 1);

	(void)state;
	csr->sig.p++, csr->sig.len--;
	expect(csr, CSRL_VERIFY_INVALID, "signature is 255 bytes but the modulus is 256 bytes");
	assert_non_null(padded);
	padded[0] = 0;
	memcpy(padded + 1, sig.p, sig.len);
	csr->sig.p = padded, csr->sig.len = sig.len + 1;
	expect(csr, CSRL_VERIFY_INVALID, "signature is 257 bytes but the modulus is 256 bytes");
	csr->sig = sig;
	TRY(csr->sig_unused_bits, 3, INVALID, "declares 3 unused bits");
	csr->sig_unused_bits = 0;
	TRY(csr->sig.len, 0, INVALID, "signature BIT STRING is empty");
	csr->sig = sig;

	memset(big, 0xff, sizeof big);
	big[0] = 0x01;      /* 16385 bits */
	csr->key.rsa_n = (struct csrl_bytes){ big, 1 + CSRL_MAX_RSA_VERIFY_BITS / 8 };
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "RSA modulus of 16385 bits exceeds the "
	       "verification limit of 16384");
	big[0] = 0x00;      /* 16384 bits, with the sign octet: at the limit, so it is loaded */
	csr->key.rsa_n = (struct csrl_bytes){ big, 1 + CSRL_MAX_RSA_VERIFY_BITS / 8 };
	expect(csr, CSRL_VERIFY_INVALID, "signature is 256 bytes but the modulus is 2048 bytes");
	TRY(csr->key.rsa_n, ((struct csrl_bytes){ zero, 1 }), INVALID, "the RSA modulus is zero");
	csr->key.rsa_n = (struct csrl_bytes){ two, 1 };
	expect(csr, CSRL_VERIFY_INVALID, "public exponent is larger than the modulus");
	csr->key.rsa_n = (struct csrl_bytes){ neg, 2 };
	expect(csr, CSRL_VERIFY_INVALID, "the RSA modulus is negative");
	csr->key.rsa_n = (struct csrl_bytes){ big, 257 };
	big[256] = 0xfe;
	expect(csr, CSRL_VERIFY_INVALID, "the RSA modulus is even");
	csr->key.rsa_n = (struct csrl_bytes){ small_n, sizeof small_n };
	expect(csr, CSRL_VERIFY_INVALID, "below the 89 bits Nettle can verify");
	csr->key.rsa_n = n;
	csr->key.rsa_e = (struct csrl_bytes){ one, 1 };
	expect(csr, CSRL_VERIFY_INVALID, "the RSA public exponent is below 3");
	csr->key.rsa_e = (struct csrl_bytes){ e65536, 3 };
	expect(csr, CSRL_VERIFY_INVALID, "the RSA public exponent is even");
	csr->key.rsa_e = (struct csrl_bytes){ neg, 2 };
	expect(csr, CSRL_VERIFY_INVALID, "the RSA public exponent is negative");
	TRY(csr->key.rsa_e, n, INVALID, "the RSA public exponent is not below the modulus");
	csr->key.rsa_e = e;
	TRY(csr->key.decoded, 0, INVALID, "not a SEQUENCE of two INTEGERs");
	TRY(csr->key.decoded, 1, VALID, "SHA-256 verified");
	free(padded);
	unload(&l);
}

static void test_pss_params(void **state)
{
	struct loaded l;
	struct csrl_csr *csr = load("valid-pss-sha256-salt32", &l);

	(void)state;
	TRY(csr->sigalg.pss.salt_len, 20, INVALID, "signature does not match the public key");
	csr->sigalg.pss.salt_len = 1000;
	expect(csr, CSRL_VERIFY_INVALID, "saltLength of 1000 bytes does not fit a modulus of 256");
	csr->sigalg.pss.salt_len = 32;
	TRY(csr->sigalg.pss.trailer, 2, INVALID, "trailerField is not 1");
	csr->sigalg.pss.trailer = 1;
	TRY(csr->sigalg.pss.mgf_known, 0, UNSUPPORTED, "other than MGF1");
	csr->sigalg.pss.mgf_known = 1;
	TRY(csr->sigalg.pss_params_ok, 0, INVALID, "parameters cannot be decoded");
	csr->sigalg.pss_params_ok = 1;
	csr->sigalg.pss.hash = csr->sigalg.pss.mgf_hash = CSRL_HASH_SHA384;
	expect(csr, CSRL_VERIFY_INVALID, "signature does not match the public key");
	csr->sigalg.pss.hash = csr->sigalg.pss.mgf_hash = CSRL_HASH_SHA256;
	expect(csr, CSRL_VERIFY_VALID, "RSASSA-PSS");
	unload(&l);
}

static void test_ec_keys(void **state)
{
	static const uint8_t p256_oid_typo[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x63 };
	static const uint8_t inf[] = { 0x00 };
	struct loaded l;
	struct csrl_csr *csr = load("valid-ecdsa-P-256-sha256", &l);
	const struct csrl_bytes pt = csr->key.ec_point;
	uint8_t bad[65];

	(void)state;
	assert_int_equal(pt.len, sizeof bad);
	memcpy(bad, pt.p, sizeof bad);
	bad[64] ^= 1;
	csr->key.ec_point = (struct csrl_bytes){ bad, sizeof bad };
	expect(csr, CSRL_VERIFY_INVALID, "public key point is not on the curve");
	memset(bad + 1, 0xff, 32); /* x >= p */
	expect(csr, CSRL_VERIFY_INVALID, "public key point is not on the curve");
	csr->key.ec_point = (struct csrl_bytes){ pt.p, 64 };
	expect(csr, CSRL_VERIFY_INVALID, "the EC public key is 64 bytes");
	TRY(csr->key.ec_point, ((struct csrl_bytes){ inf, 1 }), INVALID, "point at infinity");
	csr->key.ec_point = (struct csrl_bytes){ NULL, 0 };
	expect(csr, CSRL_VERIFY_INVALID, "the EC public key is empty");
	csr->key.ec_point = pt;
	TRY(csr->key.curve, CSRL_CURVE_EXPLICIT, UNSUPPORTED, "explicit curve parameters");
	TRY(csr->key.curve, CSRL_CURVE_SM2, UNSUPPORTED, "curve SM2 is not supported");
	csr->key.curve = CSRL_CURVE_BP512R1;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "curve brainpoolP512r1 is not supported");
	csr->key.curve = CSRL_CURVE_UNKNOWN;
	csr->key.curve_oid = (struct csrl_bytes){ p256_oid_typo, sizeof p256_oid_typo };
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "curve 1.2.840.10045.3.1.99 is not supported");
	TRY(csr->key.curve_oid, ((struct csrl_bytes){ NULL, 0 }), INVALID, "names no curve");
	/* A valid P-256 point read as P-384 has the wrong length. */
	TRY(csr->key.curve, CSRL_CURVE_P384, INVALID, "an uncompressed point on this curve is 97");
	unload(&l);
}

/* Ecdsa-Sig-Value encodings that must be rejected before any arithmetic. */
static void test_ecdsa_sig_der(void **state)
{
	static const struct {
		const char *hex, *why;
	} cases[] = {
		{ "", "BIT STRING is empty" },
		{ "3006020101020101ff", "1 bytes after its DER SEQUENCE" },
		{ "3007020101020101", "not a DER SEQUENCE of exactly two INTEGERs" },
		{ "3009020101020101020101", "exactly two INTEGERs" },
		{ "3003020101", "exactly two INTEGERs" },
		{ "30060201ff020101", "signature value r is negative" },
		{ "3006020100020101", "signature value r is zero" },
		{ "300702020001020101", "signature value r is not minimally encoded" },
		{ "3006020101020100", "signature value s is zero" },
		{ "3006020101020180", "signature value s is negative" },
		{ "308106020101020101", "exactly two INTEGERs" },   /* long form for 6 */
		{ "3080020101020101", "exactly two INTEGERs" },       /* indefinite */
		{ "30840000000602010102", "exactly two INTEGERs" },
		{ "3006020101040101", "exactly two INTEGERs" },
		{ "3006020101020201", "exactly two INTEGERs" },       /* s overruns */
		{ "3006020101020101", "signature does not match the public key" },
	};
	struct loaded l;
	struct csrl_csr *csr = load("valid-ecdsa-P-384-sha384", &l);
	uint8_t buf[64];
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = strlen(cases[i].hex) / 2;
		for (j = 0; j < n; j++)
			sscanf(cases[i].hex + 2 * j, "%2hhx", &buf[j]);
		csr->sig = (struct csrl_bytes){ n ? buf : NULL, n };
		expect(csr, CSRL_VERIFY_INVALID, cases[i].why);
	}
	unload(&l);
}

static void test_eddsa_keys(void **state)
{
	static uint8_t k[57];
	struct loaded l;
	struct csrl_csr *csr = load("valid-ed25519", &l);
	const struct csrl_bytes key = csr->key.key, sig = csr->sig;

	(void)state;
	/* Small-order points: identity (y = 1), y = 0, y = -1, y = p (non-canonical 0). */
	memset(k, 0, sizeof k);
	k[0] = 1;
	csr->key.key = (struct csrl_bytes){ k, 32 };
	expect(csr, CSRL_VERIFY_INVALID, "Ed25519 public key is a point of small order");
	k[0] = 0;
	k[31] = 0x80;
	expect(csr, CSRL_VERIFY_INVALID, "point of small order");
	memset(k, 0xff, 32);
	k[0] = 0xec;
	k[31] = 0x7f;
	expect(csr, CSRL_VERIFY_INVALID, "point of small order");
	k[0] = 0xed;
	expect(csr, CSRL_VERIFY_INVALID, "point of small order");
	csr->key.key = (struct csrl_bytes){ key.p, 31 };
	expect(csr, CSRL_VERIFY_INVALID, "Ed25519 public key is 31 bytes; it must be 32");
	csr->key.key = key;
	csr->sig.len--;
	expect(csr, CSRL_VERIFY_INVALID, "Ed25519 signature is 63 bytes; it must be 64");
	TRY(csr->sig, sig, VALID, NULL);
	unload(&l);

	csr = load("valid-ed448", &l);
	memset(k, 0, sizeof k);
	k[0] = 1;
	csr->key.key = (struct csrl_bytes){ k, 57 };
	expect(csr, CSRL_VERIFY_INVALID, "Ed448 public key is a point of small order");
	memset(k, 0xff, 56);
	k[0] = 0xfe;
	k[28] = 0xfe;    /* y = p - 1 */
	expect(csr, CSRL_VERIFY_INVALID, "point of small order");
	unload(&l);
}

static void test_dsa_keys(void **state)
{
	static const uint8_t one[] = { 1 }, zero[] = { 0 }, neg[] = { 0xff };
	struct loaded l;
	struct csrl_csr *csr = load("valid-dsa2048-sha256", &l);
	struct csrl_pubkey k = csr->key;
	uint8_t *p = malloc(k.dsa_p.len);

	(void)state;
	assert_non_null(p);
	TRY(csr->key.dsa_g, ((struct csrl_bytes){ one, 1 }), INVALID, "out of range");
	csr->key.dsa_g = k.dsa_y;
	TRY(csr->key.dsa_y, k.dsa_g, INVALID, "signature does not match the public key");
	TRY(csr->key.dsa_y, ((struct csrl_bytes){ zero, 1 }), INVALID, "the DSA y is zero");
	TRY(csr->key.dsa_y, ((struct csrl_bytes){ neg, 1 }), INVALID, "the DSA y is negative");
	csr->key = k;
	memcpy(p, k.dsa_p.p, k.dsa_p.len);
	p[k.dsa_p.len - 1] ^= 2;             /* still odd, but q no longer divides p - 1 */
	csr->key.dsa_p = (struct csrl_bytes){ p, k.dsa_p.len };
	expect(csr, CSRL_VERIFY_INVALID, "q does not divide p - 1");
	p[k.dsa_p.len - 1] ^= 3;             /* even */
	expect(csr, CSRL_VERIFY_INVALID, "out of range");
	csr->key.dsa_p = (struct csrl_bytes){ big, 2 + CSRL_MAX_DSA_VERIFY_BITS / 8 };
	memset(big, 0xff, sizeof big);
	big[0] = 0;
	big[1] = 1;
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "DSA p of 4097 bits exceeds the verification limit "
	       "of 4096");
	csr->key = k;
	csr->key.dsa_p = csr->key.dsa_q = csr->key.dsa_g = (struct csrl_bytes){ NULL, 0 };
	expect(csr, CSRL_VERIFY_UNSUPPORTED, "without domain parameters");
	TRY(csr->key, k, VALID, NULL);
	free(p);
	unload(&l);
}

/* ---- robustness: mutated requests, and the external corpus ---------------------------- */

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Flips random bytes of every generated request; whatever parses must verify without a
 * crash (run under ASan/UBSan in CI) and give a status and a sentence. */
static void test_mutations(void **state)
{
	uint32_t seed = 0x9e3779b9u;
	struct csrl_verify_result res;
	struct csrl_csr *csr;
	struct loaded l;
	size_t i, round, verified = 0;

	(void)state;
	for (i = 0; i < NFILES; i++) {
		load(files[i].file, &l);
		for (round = 0; round < 40; round++) {
			uint8_t *m = malloc(l.der_len);
			unsigned flips = 1 + rnd(&seed) % 3;

			assert_non_null(m);
			memcpy(m, l.der, l.der_len);
			while (flips--)
				m[rnd(&seed) % l.der_len] ^= (uint8_t)(1u << (rnd(&seed) % 8));
			if (csrl_csr_parse(m, l.der_len, &csr, NULL) == CSRL_ERR_OK) {
				csrl_verify(csr, &res);
				assert_true(res.status <= CSRL_VERIFY_MISMATCH);
				assert_true(res.detail[0] != '\0');
				assert_non_null(memchr(res.detail, 0, sizeof res.detail));
				csrl_csr_free(csr);
				verified++;
			}
			free(m);
		}
		unload(&l);
	}
	assert_true(verified > NFILES * 10);
}

/* Corpus files whose verdict is known (tests/../shared/corpus/MANIFEST.md: the openssl and
 * certtool columns, and what the verifier cannot do). */
static const struct {
	const char *file;
	enum csrl_verify_status status;
	const char *detail;
} corpus_cases[] = {
	{ "cfssl/helpers/testdata/test.csr.pem", CSRL_VERIFY_VALID, "with MD5" },
	{ "openssl/test/testreq2.pem", CSRL_VERIFY_VALID, "with MD5" },
	{ "pyca-cryptography/mldsa.pem", CSRL_VERIFY_UNSUPPORTED, "ML-DSA-65" },
	{ "badkeys/tests/data/unsupported/gost.csr", CSRL_VERIFY_UNSUPPORTED, "GOST" },
	{ "pyca-cryptography/challenge-invalid.der", CSRL_VERIFY_INVALID, "does not match" },
	{ "pyca-cryptography/long-form-attribute.pem", CSRL_VERIFY_INVALID, "does not match" },
	{ "boulder/ca/testdata/invalid_signature.der.csr", CSRL_VERIFY_INVALID, "does not match" },
	{ "pyca-cryptography/rsa_md4.der", CSRL_VERIFY_UNSUPPORTED, "MD4" },
	{ "openssl/test/certs/sm2-csr.pem", CSRL_VERIFY_UNSUPPORTED, "SM2-with-SM3" },
};

static void test_corpus_known(void **state)
{
	const char *dir = getenv("CSRL_CORPUS");
	char path[1024];
	struct loaded l;
	size_t i;

	(void)state;
	if (!dir)
		fail_msg("CSRL_CORPUS is not set (tests/run.sh sets it)");
	for (i = 0; i < sizeof corpus_cases / sizeof corpus_cases[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, corpus_cases[i].file);
		if (load_path(path, &l) != 0)
			fail_msg("%s does not parse", path);
		expect(l.csr, corpus_cases[i].status, corpus_cases[i].detail);
		unload(&l);
	}
}

/* Verifies one request when it parses; counts its status in n[]. */
static void sweep_der(const char *path, const uint8_t *der, size_t len, size_t n[4])
{
	struct csrl_verify_result res;
	struct csrl_csr *csr;

	if (csrl_csr_parse(der, len, &csr, NULL) != CSRL_ERR_OK)
		return;
	csrl_verify(csr, &res);
	n[res.status]++;
	if (getenv("CSRL_VERBOSE"))
		printf("%-12s %s: %s\n", csrl_verify_status_name(res.status), path, res.detail);
	csrl_csr_free(csr);
}

/* Counts of each status over the corpus walk (nftw passes no user pointer). */
static size_t sweep_counts[4];

/* nftw callback: verifies every request of one file (PEM bundle or DER). */
static int sweep_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct csrl_pem_block blk;
	size_t len = 0, pos = 0;
	char *text;

	(void)st, (void)ftw;
	if (type != FTW_F || strstr(path, "MANIFEST.md") || strstr(path, "SHA256SUMS") ||
	    !(text = (char *)test_slurp(path, &len)))
		return 0;
	memset(&blk, 0, sizeof blk);
	if (!csrl_looks_like_pem((uint8_t *)text, len))
		sweep_der(path, (uint8_t *)text, len, sweep_counts);
	else
		while (csrl_pem_next(text, len, &pos, &blk, NULL) != CSRL_ERR_PEM_NO_BLOCK) {
			if (blk.der && blk.is_csr)
				sweep_der(path, blk.der, blk.der_len, sweep_counts);
			csrl_pem_block_clear(&blk);
		}
	free(text);
	return 0;
}

/* Every corpus request verifies without a crash; most are valid (MANIFEST: 106 of 133 CSRs
 * verify in all three reference tools). With CSRL_VERBOSE set it prints one line per request:
 * on this corpus every verdict agreed with openssl req -verify (3.0) where OpenSSL has one. */
static void test_corpus_sweep(void **state)
{
	const char *dir = getenv("CSRL_CORPUS");
	size_t *n = sweep_counts;

	(void)state;
	if (!dir)
		fail_msg("CSRL_CORPUS is not set (tests/run.sh sets it)");
	assert_int_equal(nftw(dir, sweep_file, 16, FTW_PHYS), 0);
	printf("corpus: %zu valid, %zu invalid, %zu unsupported, %zu mismatch\n",
	       n[CSRL_VERIFY_VALID], n[CSRL_VERIFY_INVALID], n[CSRL_VERIFY_UNSUPPORTED],
	       n[CSRL_VERIFY_MISMATCH]);
	assert_true(n[CSRL_VERIFY_VALID] >= 105);
	assert_int_equal(n[CSRL_VERIFY_MISMATCH], 0);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_files_listed),
		cmocka_unit_test(test_mismatch),
		cmocka_unit_test(test_unsupported_algs),
		cmocka_unit_test(test_rsa_bounds),
		cmocka_unit_test(test_pss_params),
		cmocka_unit_test(test_ec_keys),
		cmocka_unit_test(test_ecdsa_sig_der),
		cmocka_unit_test(test_eddsa_keys),
		cmocka_unit_test(test_dsa_keys),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_corpus_known),
		cmocka_unit_test(test_corpus_sweep),
	};
	const size_t nfixed = sizeof fixed / sizeof fixed[0];
	struct CMUnitTest *all = calloc(NFILES + nfixed, sizeof *all);
	size_t i;
	int rc;

	if (!all)
		return 1;
	/* One test per generated file, named after it, so a failure names the file. */
	for (i = 0; i < NFILES; i++) {
		all[i].name = files[i].file;
		all[i].test_func = test_file;
		all[i].initial_state = (void *)(uintptr_t)i;
	}
	memcpy(all + NFILES, fixed, sizeof fixed);
	rc = _cmocka_run_group_tests("verify", all, NFILES + nfixed, NULL, NULL);
	free(all);
	return rc;
}
