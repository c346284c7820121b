/* lint.c - fuzz harness for csrl_lint_csr: every rule of every profile on a parsed request,
 * then the findings checked (strings set, byte ranges inside the DER, order kept). */
#include <string.h>

#include "csrlint.h"
#include "lint.h"
#include "fuzz.h"

static const unsigned profiles[] = {
	CSRL_PROFILE_RFC, CSRL_PROFILE_TLS_SERVER, CSRL_PROFILE_LETSENCRYPT,
	CSRL_PROFILE_PRIVATE_PKI
};

static void check_findings(const struct csrl_csr *csr, const struct csrl_findings *f)
{
	size_t i;

	FUZZ_CHECK(f->n <= f->cap && (f->n == 0 || f->v != NULL));
	for (i = 0; i < f->n; i++) {
		const struct csrl_finding *x = &f->v[i];

		FUZZ_CHECK(x->rule_id != NULL);
		fuzz_touch_str(x->rule_id, SIZE_MAX);
		fuzz_touch_str(x->message, SIZE_MAX);
		fuzz_touch_str(x->path, SIZE_MAX);
		FUZZ_CHECK(x->severity >= CSRL_SEV_INFO && x->severity <= CSRL_SEV_FATAL);
		FUZZ_CHECK(x->offset <= csr->len && x->length <= csr->len - x->offset);
		FUZZ_CHECK(i == 0 || f->v[i - 1].offset <= x->offset);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_csr *csr;
	struct csrl_error err;
	size_t i;

	if (csrl_csr_parse(data, size, &csr, &err) != CSRL_ERR_OK) {
		struct csrl_findings f = { 0 };

		csrl_lint_fatal(&err, &f);
		FUZZ_CHECK(f.n == 1 && f.v[0].severity == CSRL_SEV_FATAL);
		csrl_findings_clear(&f);
		return 0;
	}
	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		struct csrl_lint_opts o = { .profile = profiles[i] };
		struct csrl_findings f = { 0 };

		csrl_lint_csr(csr, &o, &f);
		FUZZ_CHECK(!f.oom);
		check_findings(csr, &f);
		csrl_findings_clear(&f);
	}
	csrl_csr_free(csr);
	return 0;
}
