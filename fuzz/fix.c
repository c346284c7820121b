/* fix.c - fuzz harness for the `fix` generator: a request parsed and linted (tls-server), copied
 * into an editable request (csrl_gen_from_csr), edited by every fixer its findings call for
 * (csrl_gen_fix), given the public key of the test key tests/rules/keys/rsa2048.pem, and
 * rebuilt and signed with that key (csrl_gen_build; PSS for inputs of odd length). Whatever
 * the input, a request that is built must parse again and its signature must verify: the
 * generator writes canonical DER through libtasn1 and signs exactly what it wrote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "gen.h"
#include "../parsers/keyfile.h"
#include "fuzz.h"

#ifndef FIX_KEY
#define FIX_KEY "tests/rules/keys/rsa2048.pem"
#endif

/* Read once: the signing key, and a request holding its public key to copy the SPKI from. */
static struct csrl_privkey *key;
static struct csrl_csr *key_csr;

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else if (buf) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* CSRL_FUZZ_KEY names another key; the default is relative to the repository top, where
 * make runs the harnesses. Without the key nothing can be tested: stop loudly. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("CSRL_FUZZ_KEY") ? getenv("CSRL_FUZZ_KEY") : FIX_KEY;
	struct csrl_error err;
	uint8_t *pem, *spki;
	size_t len = 0, spki_len;

	(void)argc;
	(void)argv;
	if (!(pem = slurp(path, &len)) ||
	    csrl_privkey_read(pem, len, NULL, NULL, &key, &err) != CSRL_ERR_OK ||
	    csrl_keyfile_spki(pem, len, &spki, &spki_len, &err) != CSRL_ERR_OK ||
	    csrl_spki_to_csr(spki, spki_len, &key_csr, &err) != CSRL_ERR_OK) {
		fprintf(stderr, "fix harness: cannot load the key %s (run from the repository top "
			"or set CSRL_FUZZ_KEY)\n", path);
		abort();
	}
	free(spki);         /* key_csr owns a copy */
	explicit_bzero(pem, len);
	free(pem);
	return 0;
}

/* Replaces the request's public key by the test key's, as `csrlint new` would. */
static void set_key(struct csrl_gen_req *req)
{
	const struct csrl_pubkey *k = &key_csr->key;
	char dotted[128];

	FUZZ_CHECK(csrl_oid_to_dotted(k->alg_oid.p, k->alg_oid.len, dotted, sizeof dotted) == 0);
	req->key_oid = csrl_gen_strdup(req, dotted, strlen(dotted));
	FUZZ_CHECK(req->key_oid != NULL);
	req->key_params = k->params ? k->params->content - k->params->hdr_len : NULL;
	req->key_params_len = k->params ? k->params->hdr_len + k->params->len : 0;
	req->key_bits = k->key.p;
	req->key_len = k->key.len;
}

static void check_built(const uint8_t *der, size_t len)
{
	struct csrl_lint_opts o = { .profile = CSRL_PROFILE_TLS_SERVER };
	struct csrl_findings f = { 0 };
	struct csrl_verify_result vr;
	struct csrl_error err;
	struct csrl_csr *csr;
	int rc;

	rc = csrl_csr_parse(der, len, &csr, &err);
	if (rc != CSRL_ERR_OK)
		fprintf(stderr, "fix harness: the built request does not parse: %s\n", err.msg);
	FUZZ_CHECK(rc == CSRL_ERR_OK);
	csrl_verify(csr, &vr);
	if (vr.status != CSRL_VERIFY_VALID)
		fprintf(stderr, "fix harness: the built request does not verify: %s\n", vr.detail);
	FUZZ_CHECK(vr.status == CSRL_VERIFY_VALID);
	csrl_lint_csr(csr, &o, &f);    /* what `fix` reports as remaining */
	FUZZ_CHECK(!f.oom);
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_lint_opts lo = { .profile = CSRL_PROFILE_TLS_SERVER };
	struct csrl_sign_opts so = { .pss = (int)(size & 1) };
	struct csrl_fix_opts fo = { 0 };
	struct csrl_findings f = { 0 };
	struct csrl_gen_req *req;
	struct csrl_error err;
	struct csrl_csr *csr;
	uint8_t *cri = NULL, *out = NULL;
	size_t cri_len = 0, out_len = 0, i;
	int rc;

	if (!key)
		LLVMFuzzerInitialize(NULL, NULL);
	if (csrl_csr_parse(data, size, &csr, &err) != CSRL_ERR_OK)
		return 0;
	csrl_lint_csr(csr, &lo, &f);
	memset(&err, 0, sizeof err);
	rc = csrl_gen_from_csr(csr, &req, &err);
	csrl_csr_free(csr);     /* the editable request borrows nothing from it */
	if (rc != CSRL_ERR_OK) {
		FUZZ_CHECK(rc == CSRL_ERR_CSR_STRUCTURE || rc == CSRL_ERR_NOMEM);
		fuzz_touch_str(err.msg, sizeof err.msg);
		csrl_findings_clear(&f);
		return 0;
	}
	(void)csrl_gen_fix(req, &f, &fo);
	csrl_findings_clear(&f);
	for (i = 0; i < req->nlog; i++)
		fuzz_touch_str(req->log[i], SIZE_MAX);
	set_key(req);
	rc = csrl_gen_build(req, key, &so, &cri, &cri_len, &out, &out_len, &err);
	if (rc == CSRL_ERR_OK) {
		FUZZ_CHECK(cri != NULL && out != NULL && cri_len > 0 && out_len > cri_len);
		check_built(out, out_len);
	} else {
		fuzz_touch_str(err.msg, sizeof err.msg);
	}
	free(cri);
	free(out);
	csrl_gen_free(req);
	return 0;
}
