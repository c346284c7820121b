/* schema.c - differential harness: the project's DER reader and PKCS#10 model against
 * libtasn1's decoding of the same bytes with the PKCS#10 module (parsers/pkcs10.asn).
 * - When the reader's tree alone says libtasn1 accepts (csrl_schema_tree_accepts, the lint
 *   shortcut), libtasn1 must accept.
 * - When both accept strict DER (no anomaly recorded), both must place the signed bytes, the
 *   subject, the public key, the attributes, the signature algorithm and the signature at
 *   the same offsets.
 * No independent signature verifier is in the fuzzing build (the dependencies hold Nettle
 * only), so verdicts are compared in tests/corpus/test_corpus against openssl instead. */
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "../parsers/schema.h"
#include "fuzz.h"

/* [start, end) of a node, header included */
static void span_of(const struct csrl_node *n, size_t *start, size_t *end)
{
	*start = n->offset;
	*end = n->offset + n->hdr_len + n->len;
}

static void same_span(const struct csrl_schema_span *s, const struct csrl_node *n)
{
	size_t start, end;

	if (!n)
		return;
	span_of(n, &start, &end);
	FUZZ_CHECK(s->present);
	FUZZ_CHECK(s->start == start && s->end == end);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_schema_span spans[CSRL_SCHEMA_NPARTS];
	struct csrl_error err;
	struct csrl_der *tree = NULL;
	struct csrl_csr *csr = NULL;
	int rc;

	if (csrl_der_parse(data, size, NULL, &tree, &err) != CSRL_ERR_OK) {
		csrl_der_free(tree);
		return 0;
	}
	memset(&err, 0, sizeof err);
	rc = csrl_schema_check(data, size, &err);
	if (csrl_schema_tree_accepts(tree))
		FUZZ_CHECK(rc == CSRL_ERR_OK);
	if (rc == CSRL_ERR_OK && tree->nanomalies == 0 && tree->trailing_offset == size &&
	    csrl_csr_parse(data, size, &csr, &err) == CSRL_ERR_OK &&
	    csrl_schema_spans(data, size, spans, &err) == CSRL_ERR_OK) {
		same_span(&spans[CSRL_SCHEMA_CRI], csr->cri);
		same_span(&spans[CSRL_SCHEMA_SUBJECT], csr->subject.node);
		same_span(&spans[CSRL_SCHEMA_SPKI], csr->key.node);
		if (spans[CSRL_SCHEMA_ATTRS].present)
			same_span(&spans[CSRL_SCHEMA_ATTRS], csr->attrs_node);
		same_span(&spans[CSRL_SCHEMA_SIGALG], csr->sigalg.node);
		same_span(&spans[CSRL_SCHEMA_SIG], csr->sig_node);
	}
	csrl_csr_free(csr);
	csrl_der_free(tree);
	return 0;
}
