/* pem.c - fuzz harness for csrl_pem_next: every block of the input read as text, as a bundle
 * is read by the command line. Checks that each call moves forward, stays in bounds and
 * names the right line. */
#include <string.h>

#include "csrlint.h"
#include "fuzz.h"

/* 1-based number of the line holding offset pos, counted from the start. */
static long line_of(const char *text, size_t pos)
{
	const char *p = text, *end = text + pos, *nl;
	long line = 1;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct csrl_pem_block blk;
	struct csrl_error err;
	size_t pos = 0, prev;
	int rc;

	(void)csrl_looks_like_pem(data, size);
	for (;;) {
		prev = pos;
		rc = csrl_pem_next(text, size, &pos, &blk, &err);
		FUZZ_CHECK(pos <= size);
		if (rc == CSRL_ERR_PEM_NO_BLOCK) {
			FUZZ_CHECK(pos == size);
			break;
		}
		/* Without progress a bundle reader would loop for ever. */
		FUZZ_CHECK(pos > prev);
		if (rc == CSRL_ERR_OK) {
			fuzz_touch_str(blk.label, sizeof blk.label);
			FUZZ_CHECK(blk.begin_offset >= prev && blk.begin_offset < pos);
			FUZZ_CHECK(blk.begin_line == line_of(text, blk.begin_offset));
			FUZZ_CHECK(blk.der_len == 0 || blk.der != NULL);
			fuzz_touch(blk.der, blk.der_len);
			if (!blk.is_csr)
				fuzz_touch_str(csrl_pem_label_kind(blk.label), SIZE_MAX);
		} else {
			FUZZ_CHECK(err.code == rc);
			fuzz_touch_str(err.msg, sizeof err.msg);
			fuzz_touch_str(csrl_errname(rc), SIZE_MAX);
		}
		csrl_pem_block_clear(&blk);
	}
	return 0;
}
