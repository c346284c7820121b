/* privkey.c - fuzz harness for csrl_privkey_read (PKCS#8 plain and PBES2-encrypted, PKCS#1,
 * SEC 1, Ed25519/Ed448; PEM or DER), once without a passphrase callback and once with the
 * passphrase of the encrypted test keys (tests/gen/keys/pass.txt), so that mutated
 * encrypted keys decrypt. A key that is read must be one of the promised types, and signs a
 * fixed message (csrl_gen_sign) without failing on a key that was accepted. */
#include <string.h>

#include "csrlint.h"
#include "gen.h"
#include "../parsers/privkey.h"
#include "fuzz.h"

/* Signing with keys above this size costs seconds per input; reading them is what is tested. */
#define SIGN_MAX_BITS 4096

static const char passphrase[] = "correct horse battery staple";

static int pass(void *ctx, char *buf, size_t size, struct csrl_error *err)
{
	(void)ctx;
	(void)err;
	FUZZ_CHECK(size >= sizeof passphrase);
	memcpy(buf, passphrase, sizeof passphrase - 1);
	return (int)sizeof passphrase - 1;
}

static void check_key(const struct csrl_privkey *k)
{
	static const uint8_t msg[] = "csrlint fuzz: the bytes a request would sign";
	struct csrl_sign_opts so = { 0 };
	struct csrl_gen_sig sig;
	struct csrl_error err;

	switch (k->type) {
	case CSRL_KEY_RSA:
		FUZZ_CHECK(k->bits > 0 && k->bits <= CSRL_PRIVKEY_MAX_RSA_BITS);
		break;
	case CSRL_KEY_EC:
		FUZZ_CHECK(k->curve == CSRL_CURVE_P256 || k->curve == CSRL_CURVE_P384 ||
			   k->curve == CSRL_CURVE_P521);
		FUZZ_CHECK(k->ecc != NULL);
		break;
	case CSRL_KEY_ED25519:
		FUZZ_CHECK(k->ed_len == 32);
		break;
	case CSRL_KEY_ED448:
		FUZZ_CHECK(k->ed_len == 57);
		break;
	default:
		FUZZ_CHECK(!"key type outside RSA, EC, Ed25519, Ed448");
	}
	if (k->type == CSRL_KEY_RSA && k->bits > SIGN_MAX_BITS)
		return;
	memset(&sig, 0, sizeof sig);
	memset(&err, 0, sizeof err);
	if (csrl_gen_sign(msg, sizeof msg - 1, k, &so, &sig, &err) == CSRL_ERR_OK) {
		FUZZ_CHECK(sig.oid != NULL && sig.value != NULL && sig.len > 0);
		fuzz_touch(sig.value, sig.len);
	} else {
		fuzz_touch_str(err.msg, sizeof err.msg);
	}
	csrl_gen_sig_clear(&sig);
}

static void read_one(const uint8_t *data, size_t size, csrl_pass_fn fn)
{
	struct csrl_privkey *key = NULL;
	struct csrl_error err;
	int rc;

	memset(&err, 0, sizeof err);
	rc = csrl_privkey_read(data, size, fn, NULL, &key, &err);
	FUZZ_CHECK(rc >= 0 && rc < CSRL_ERR_COUNT);
	if (rc != CSRL_ERR_OK) {
		fuzz_touch_str(err.msg, sizeof err.msg);
		FUZZ_CHECK(err.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(key != NULL);
	check_key(key);
	csrl_privkey_free(key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_one(data, size, NULL);
	read_one(data, size, pass);
	return 0;
}
