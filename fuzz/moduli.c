/* moduli.c - fuzz harness for the moduli export reader (csrl_moduli_read_stream), the file
 * `csrlint batch-gcd` reads from other machines, then the cross-input checks over what it
 * read, as batch-gcd runs them. */
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "moduli.h"
#include "fuzz.h"

/* Records given to the checks: the batch GCD is quasi-linear, but the fuzzer's time goes
 * further on the reader than on products of many 16,384-bit moduli. */
#define MAX_RUN_RECORDS 64

struct seen {
	struct csrl_batch *batch;
	size_t n;
};

static int on_record(void *ctx, const struct csrl_batch_record *rec)
{
	struct seen *s = ctx;

	/* the reader's promises about a record it hands out */
	FUZZ_CHECK((rec->modulus == NULL) == (rec->modulus_len == 0));
	FUZZ_CHECK(rec->modulus_len <= CSRL_BATCH_MAX_MODULUS);
	if (rec->modulus)
		fuzz_touch(rec->modulus, rec->modulus_len);
	if (rec->name)
		fuzz_touch_str(rec->name, CSRL_MODULI_MAX_NAME + 1);
	if (s->n < MAX_RUN_RECORDS)
		FUZZ_CHECK(csrl_batch_add_record(s->batch, s->n, rec) != CSRL_ERR_TOO_LARGE);
	s->n++;
	return 0;
}

static void on_finding(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	const struct seen *s = ctx;

	FUZZ_CHECK(input_no < s->n && input_no < MAX_RUN_RECORDS);
	FUZZ_CHECK(strcmp(rule_id, "key.rsa.shared-prime") == 0 ||
		   strcmp(rule_id, "key.reused") == 0 || strcmp(rule_id, "csr.duplicate") == 0);
	fuzz_touch_str(message, SIZE_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_error err;
	struct seen s = { 0 };
	uint64_t count = 0;
	uint8_t digest[32];
	FILE *f;
	int rc;

	if (!size || !(f = fmemopen((void *)data, size, "rb")))
		return 0;
	memset(&err, 0, sizeof err);
	s.batch = csrl_batch_new();
	FUZZ_CHECK(s.batch != NULL);
	rc = csrl_moduli_read_stream(f, on_record, &s, &count, digest, &err);
	fclose(f);
	FUZZ_CHECK(rc >= 0 && rc < CSRL_ERR_COUNT);
	fuzz_touch_str(err.msg, sizeof err.msg);
	if (rc != CSRL_ERR_OK) {
		FUZZ_CHECK(err.msg[0] != '\0');         /* every failure says why ... */
		FUZZ_CHECK(err.offset <= size);         /* ... and where, inside the file */
	} else {
		FUZZ_CHECK(count == s.n);
		csrl_batch_run(s.batch, on_finding, &s);
	}
	csrl_batch_free(s.batch);
	return 0;
}
