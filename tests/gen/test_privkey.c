/* test_privkey.c - the private-key reader: every supported format of the test keys (made by
 * tests/gen/keys/make.sh) reads as the right type and matches the public key of a request
 * made by openssl with the same key; a wrong key, a wrong or missing passphrase and a public
 * key are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csrlint.h"
#include "../../parsers/privkey.h"
#include "slurp.h"

#define KEYS "tests/gen/keys/"
#define RULE_KEYS "tests/rules/keys/"

static int pass_ok(void *ctx, char *buf, size_t size, struct csrl_error *err)
{
	const char *pw = ctx;

	(void)err;
	assert_true(strlen(pw) < size);
	memcpy(buf, pw, strlen(pw));
	return (int)strlen(pw);
}

/* Reads key_path and returns the rc; *matches says whether it matches csr_path's key. */
static int load(const char *key_path, const char *csr_path, const char *pw,
		enum csrl_key_type *type, int *matches)
{
	struct csrl_pem_block blk;
	struct csrl_privkey *k = NULL;
	struct csrl_error err;
	struct csrl_csr *csr;
	size_t klen, clen, pos = 0;
	uint8_t *kbuf = test_slurp(key_path, &klen), *cbuf = test_slurp(csr_path, &clen);
	int rc;

	assert_non_null(kbuf);
	assert_non_null(cbuf);

	memset(&blk, 0, sizeof blk);
	assert_int_equal(csrl_pem_next((char *)cbuf, clen, &pos, &blk, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_csr_parse(blk.der, blk.der_len, &csr, &err), CSRL_ERR_OK);
	rc = csrl_privkey_read(kbuf, klen, pw ? pass_ok : NULL, (void *)pw, &k, &err);
	if (rc == CSRL_ERR_OK) {
		*type = k->type;
		*matches = csrl_privkey_matches(k, &csr->key);
	} else {
		assert_true(strlen(err.msg) > 0);
	}
	csrl_privkey_free(k);
	csrl_csr_free(csr);
	csrl_pem_block_clear(&blk);
	free(kbuf);
	free(cbuf);
	return rc;
}

static void formats(void **state)
{
	static const struct { const char *key, *csr; enum csrl_key_type type; } cases[] = {
		{ RULE_KEYS "rsa2048.pem", KEYS "rsa2048.csr", CSRL_KEY_RSA },
		{ KEYS "rsa2048-pkcs1.pem", KEYS "rsa2048.csr", CSRL_KEY_RSA },
		{ KEYS "rsa2048-pkcs8.der", KEYS "rsa2048.csr", CSRL_KEY_RSA },
		{ KEYS "rsa2048-aes256.pem", KEYS "rsa2048.csr", CSRL_KEY_RSA },
		{ RULE_KEYS "p256.pem", KEYS "p256.csr", CSRL_KEY_EC },
		{ KEYS "p256-sec1.pem", KEYS "p256.csr", CSRL_KEY_EC },
		{ KEYS "p256-aes128.pem", KEYS "p256.csr", CSRL_KEY_EC },
		{ KEYS "p384-sec1.pem", KEYS "p384.csr", CSRL_KEY_EC },
		{ RULE_KEYS "ed25519.pem", KEYS "ed25519.csr", CSRL_KEY_ED25519 },
		{ KEYS "ed448.pem", KEYS "ed448.csr", CSRL_KEY_ED448 },
	};
	enum csrl_key_type type;
	size_t i;
	int m;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = 0;
		assert_int_equal(load(cases[i].key, cases[i].csr, "correct horse battery staple",
				      &type, &m), CSRL_ERR_OK);
		assert_int_equal(type, cases[i].type);
		assert_true(m);
	}
}

static void refusals(void **state)
{
	enum csrl_key_type type;
	int m = 1;

	(void)state;
	/* a valid key that belongs to another request */
	assert_int_equal(load(KEYS "p256-sec1.pem", KEYS "p384.csr", NULL, &type, &m), CSRL_ERR_OK);
	assert_false(m);
	m = 1;
	assert_int_equal(load(RULE_KEYS "rsa4096.pem", KEYS "rsa2048.csr", NULL, &type, &m),
			 CSRL_ERR_OK);
	assert_false(m);
	assert_int_equal(load(KEYS "rsa2048-aes256.pem", KEYS "rsa2048.csr", NULL, &type, &m),
			 CSRL_ERR_USAGE);
	assert_int_equal(load(KEYS "rsa2048-aes256.pem", KEYS "rsa2048.csr", "wrong", &type, &m),
			 CSRL_ERR_NOT_DER);
	/* a request is not a key */
	assert_int_not_equal(load(KEYS "rsa2048.csr", KEYS "rsa2048.csr", NULL, &type, &m),
			     CSRL_ERR_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
