/* keyfile.c - fuzz harness for csrl_keyfile_spki (public and private key files, PEM or DER,
 * to a SubjectPublicKeyInfo) and csrl_spki_to_csr (the SPKI wrapped into a request), then
 * the key rules of every profile on that request, as `csrlint` does for a bare key. */
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "lint.h"
#include "../parsers/keyfile.h"
#include "fuzz.h"

static const unsigned profiles[] = {
	CSRL_PROFILE_RFC, CSRL_PROFILE_TLS_SERVER, CSRL_PROFILE_LETSENCRYPT,
	CSRL_PROFILE_PRIVATE_PKI
};

static void lint_key(const struct csrl_csr *csr)
{
	size_t i, j;

	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		struct csrl_lint_opts o = { .profile = profiles[i] };
		struct csrl_findings f = { 0 };

		csrl_lint_csr(csr, &o, &f);
		FUZZ_CHECK(!f.oom);
		for (j = 0; j < f.n; j++) {
			FUZZ_CHECK(f.v[j].rule_id != NULL);
			fuzz_touch_str(f.v[j].message, SIZE_MAX);
			FUZZ_CHECK(f.v[j].offset <= csr->len &&
				   f.v[j].length <= csr->len - f.v[j].offset);
		}
		csrl_findings_clear(&f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_error err;
	struct csrl_csr *csr;
	uint8_t *spki = NULL;
	size_t len = 0;
	int rc;

	memset(&err, 0, sizeof err);
	rc = csrl_keyfile_spki(data, size, &spki, &len, &err);
	FUZZ_CHECK(rc >= 0 && rc < CSRL_ERR_COUNT);
	fuzz_touch_str(err.msg, sizeof err.msg);
	if (rc != CSRL_ERR_OK) {
		FUZZ_CHECK(err.msg[0] != '\0');     /* every failure says why */
		return 0;
	}
	FUZZ_CHECK(spki != NULL && len > 0);
	fuzz_touch(spki, len);
	if (csrl_spki_to_csr(spki, len, &csr, &err) == CSRL_ERR_OK) {
		/* the request is built around the SPKI: its key is the one read */
		FUZZ_CHECK(csr->key.node != NULL);
		lint_key(csr);
		csrl_spki_csr_free(csr);
	}
	free(spki);
	return 0;
}
