/* inspect.c - fuzz harness for the `inspect` reporters: the input split as the command line
 * splits a file (PEM bundle or DER), then every CSR printed as text, as a dumpasn1 tree and
 * as JSON (both serialised), and every error line written. Output goes to memory. A DER tree
 * that is not a CSR is still dumped, so that the tree printer sees any shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "csrlint.h"
#include "input.h"
#include "inspect.h"
#include "fuzz.h"

/* Serialises j (which must exist) and drops it. */
static void dump_json(json_t *j)
{
	char *s;

	FUZZ_CHECK(j != NULL);
	s = json_dumps(j, JSON_COMPACT);
	FUZZ_CHECK(s != NULL);
	free(s);
	json_decref(j);
}

static void check_range(const struct csrl_input_item *it, size_t off, size_t len)
{
	size_t fo, fl;

	csrl_input_file_range(it, off, len, &fo, &fl);
	if (it->is_pem)
		FUZZ_CHECK(fo <= it->file_len && fl <= it->file_len - fo);
}

static void report(const struct csrl_input_item *it, struct csrl_csr *csr, FILE *out)
{
	struct csrl_verify_result vr;
	size_t i;

	csr->legacy_pem_label = it->legacy_label;
	csrl_verify(csr, &vr);
	csrl_inspect_text(out, csr, &vr);
	csrl_inspect_asn1(out, csr->der);
	dump_json(csrl_inspect_json(csr, &vr));
	dump_json(csrl_inspect_asn1_json(csr->der));
	for (i = 0; i < csr->nanomalies; i++)
		check_range(it, csr->anomalies[i].offset, 0);
	check_range(it, 0, csr->len);
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	FILE *out = ctx;
	struct csrl_csr *csr;
	struct csrl_der *der;
	struct csrl_error e;

	if (it->err != CSRL_ERR_OK) {
		csrl_input_print_error(out, it, &it->error);
		return;
	}
	FUZZ_CHECK(it->der != NULL || it->der_len == 0);
	if (csrl_csr_parse(it->der, it->der_len, &csr, &e) == CSRL_ERR_OK) {
		report(it, csr, out);
		csrl_csr_free(csr);
		return;
	}
	csrl_input_print_error(out, it, &e);
	if (csrl_der_parse(it->der, it->der_len, NULL, &der, NULL) == CSRL_ERR_OK) {
		csrl_inspect_asn1(out, der);
		dump_json(csrl_inspect_asn1_json(der));
		csrl_der_free(der);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return 0;
	(void)csrl_input_split("fuzz.pem", data, size, on_item, out);
	fclose(out);
	fuzz_touch_str(text, len + 1);
	free(text);
	return 0;
}
