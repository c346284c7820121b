/* verify.c - fuzz harness for csrl_verify: a parsed request's self-signature checked with
 * its own key, whatever the key, algorithm and parameters claim. */
#include <string.h>

#include "csrlint.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_verify_result vr;
	struct csrl_csr *csr;

	if (csrl_csr_parse(data, size, &csr, NULL) != CSRL_ERR_OK)
		return 0;
	memset(&vr, 'x', sizeof vr);
	csrl_verify(csr, &vr);
	FUZZ_CHECK(vr.status >= CSRL_VERIFY_VALID && vr.status <= CSRL_VERIFY_MISMATCH);
	fuzz_touch_str(vr.detail, sizeof vr.detail);
	fuzz_touch_str(csrl_verify_status_name(vr.status), SIZE_MAX);
	csrl_csr_free(csr);
	return 0;
}
