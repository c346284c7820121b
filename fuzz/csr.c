/* csr.c - fuzz harness for csrl_csr_parse and the model built from it: every name printed
 * (subject and directory names in a SAN), every OID turned to dotted text, and the node path
 * of every anomaly and of the first nodes of the tree, with buffers large and tiny. */
#include <string.h>

#include "csrlint.h"
#include "lint.h"
#include "fuzz.h"

/* Node paths cost a walk up and a count of siblings: cap the nodes named per input. */
#define MAX_PATHS 2048

static const size_t sizes[] = { 1, 2, 7, 64, 1024 };

static void check_name(const struct csrl_name *name)
{
	char buf[1024];
	size_t i, j;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		memset(buf, 'x', sizeof buf);
		csrl_name_to_string(name, buf, sizes[i]);
		fuzz_touch_str(buf, sizes[i]);
	}
	FUZZ_CHECK(name->nrdns == 0 || name->rdns != NULL);
	for (i = 0; i < name->nrdns; i++) {
		const struct csrl_rdn *r = &name->rdns[i];

		FUZZ_CHECK(r->navas == 0 || r->avas != NULL);
		for (j = 0; j < r->navas; j++) {
			fuzz_touch(r->avas[j].value.p, r->avas[j].value.len);
			fuzz_touch_str(r->avas[j].utf8, SIZE_MAX);
		}
	}
}

static void check_oid(struct csrl_bytes oid)
{
	char buf[128], small[6];

	fuzz_touch(oid.p, oid.len);
	(void)csrl_oid_to_dotted(oid.p, oid.len, buf, sizeof buf);
	fuzz_touch_str(buf, sizeof buf);
	(void)csrl_oid_to_dotted(oid.p, oid.len, small, sizeof small);
	fuzz_touch_str(small, sizeof small);
	if (csrl_oid_lookup(oid.p, oid.len))
		FUZZ_CHECK(csrl_oid_id_of(oid) != CSRL_OID_UNKNOWN);
}

static void check_path(const struct csrl_csr *csr, const struct csrl_node *n)
{
	char buf[512];
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t sz = sizes[i] < sizeof buf ? sizes[i] : sizeof buf;

		memset(buf, 'x', sizeof buf);
		csrl_node_path(csr, n, buf, sz);
		fuzz_touch_str(buf, sz);
	}
}

static void check_exts(const struct csrl_csr *csr)
{
	size_t i, j;

	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->malformed)
			continue;
		check_oid(e->oid);
		fuzz_touch(e->value.p, e->value.len);
		for (j = 0; j < e->nnames; j++) {
			fuzz_touch(e->names[j].value.p, e->names[j].value.len);
			if (e->names[j].type == CSRL_GN_DIRNAME)
				check_name(&e->names[j].dirname);
		}
		for (j = 0; j < e->neku; j++)
			check_oid(e->eku[j]);
		fuzz_touch(e->ski.p, e->ski.len);
	}
}

static void check_model(const struct csrl_csr *csr)
{
	const struct csrl_node *n;
	size_t i, paths = 0;

	FUZZ_CHECK(csr->root != NULL && csr->der != NULL);
	FUZZ_CHECK(csr->tbs.p >= csr->data && csr->tbs.len <= csr->len);
	FUZZ_CHECK((size_t)(csr->tbs.p - csr->data) <= csr->len - csr->tbs.len);
	check_name(&csr->subject);
	check_oid(csr->key.alg_oid);
	check_oid(csr->sigalg.oid);
	fuzz_touch(csr->key.key.p, csr->key.key.len);
	fuzz_touch(csr->sig.p, csr->sig.len);
	fuzz_touch_str(csrl_key_type_name(csr->key.type), SIZE_MAX);
	fuzz_touch_str(csrl_curve_name(csr->key.curve), SIZE_MAX);
	fuzz_touch_str(csrl_hash_name(csr->sigalg.hash), SIZE_MAX);
	for (i = 0; i < csr->nattrs; i++) {
		if (csr->attrs[i].malformed)
			continue;
		check_oid(csr->attrs[i].oid);
		if (csr->attrs[i].text)
			fuzz_touch_str(csr->attrs[i].text, SIZE_MAX);
	}
	check_exts(csr);
	for (i = 0; i < csr->nanomalies; i++) {
		const struct csrl_anomaly *a = &csr->anomalies[i];

		FUZZ_CHECK(a->kind >= 0 && a->kind < CSRL_ANOM_COUNT);
		FUZZ_CHECK(a->offset <= csr->len);
		if (a->node && paths++ < MAX_PATHS)
			check_path(csr, a->node);
	}
	check_path(csr, NULL);
	/* The outer tree in document order, up to the cap. */
	for (n = csr->root; n && paths++ < MAX_PATHS;) {
		check_path(csr, n);
		if (n->child) {
			n = n->child;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_csr *csr = NULL;
	struct csrl_error err;
	int rc;

	rc = csrl_csr_parse(data, size, &csr, &err);
	if (rc != CSRL_ERR_OK) {
		FUZZ_CHECK(err.code == rc);
		fuzz_touch_str(err.msg, sizeof err.msg);
		fuzz_touch_str(csrl_strerror(rc), SIZE_MAX);
		return 0;
	}
	FUZZ_CHECK(csr->data == data && csr->len == size);
	check_model(csr);
	csrl_csr_free(csr);
	return 0;
}
