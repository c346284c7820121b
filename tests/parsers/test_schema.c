/* test_schema.c - the libtasn1 schema check: hand-built cases, the committed compiled module
 * is fresh, and agreement with the project's own DER reader over the whole corpus.
 *
 * Agreement: for every CSR in $CSRL_CORPUS, libtasn1's strict decode accepts it exactly when
 * the DER reader finds a well-formed CertificationRequest with no anomalies, and where both
 * accept, the main elements start and end at the same bytes. Every exception is a line of
 * tests/parsers/schema-differences.tsv; a new difference fails the test, and so does a listed
 * one that no longer occurs, so that the file stays true. Run from the repository top. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csrlint.h"
#include "../../parsers/schema.h"
#include "slurp.h"

#define DIFF_FILE "tests/parsers/schema-differences.tsv"
#define MAX_FILES 1024
#define MAX_DIFFS 256

/* ---- helpers -------------------------------------------------------------------------- */

static const char *corpus_dir(void)
{
	const char *dir = getenv("CSRL_CORPUS");

	if (!dir || !*dir)
		fail_msg("CSRL_CORPUS is not set: it must name the CSR corpus directory");
	return dir;
}

/* A corpus CSR's DER (first PEM block for PEM files), malloc'd. */
static uint8_t *corpus_der(const char *rel, size_t *len)
{
	char path[4096];
	struct csrl_pem_block blk;
	struct csrl_error err;
	size_t n = 0, pos = 0;
	uint8_t *buf, *der;

	snprintf(path, sizeof path, "%s/%s", corpus_dir(), rel);
	buf = test_slurp(path, &n);
	assert_non_null(buf);
	if (!csrl_looks_like_pem(buf, n)) {
		*len = n;
		return buf;
	}
	memset(&blk, 0, sizeof blk);
	assert_int_equal(csrl_pem_next((const char *)buf, n, &pos, &blk, &err), CSRL_ERR_OK);
	free(buf);
	der = blk.der;
	*len = blk.der_len;
	blk.der = NULL;
	csrl_pem_block_clear(&blk);
	return der;
}

/* ---- hand-built cases ----------------------------------------------------------------- */

#define VALID_CSR "pyca-cryptography/rsa_sha256.der"

static void test_valid_accepted(void **state)
{
	struct csrl_schema_span sp[CSRL_SCHEMA_NPARTS];
	struct csrl_error err;
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len);
	int i;

	(void)state;
	assert_int_equal(csrl_schema_check(der, len, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_schema_check(der, len, NULL), CSRL_ERR_OK);
	assert_int_equal(csrl_schema_spans(der, len, sp, &err), CSRL_ERR_OK);
	for (i = 0; i < CSRL_SCHEMA_NPARTS; i++)
		assert_true(sp[i].present && sp[i].start < sp[i].end && sp[i].end <= len);
	/* 30 82 LL LL | CRI ... ; the signature BIT STRING ends the input. */
	assert_int_equal(sp[CSRL_SCHEMA_CRI].start, 4);
	assert_int_equal(sp[CSRL_SCHEMA_SIG].end, len);
	assert_int_equal(sp[CSRL_SCHEMA_SIGALG].start, sp[CSRL_SCHEMA_CRI].end);
	assert_int_equal(csrl_schema_check_values(der, len, &err), CSRL_ERR_OK);
	free(der);
}

static void expect_schema_error(const uint8_t *der, size_t len)
{
	struct csrl_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(csrl_schema_check(der, len, &err), CSRL_ERR_SCHEMA);
	assert_int_equal(err.code, CSRL_ERR_SCHEMA);
	assert_non_null(strstr(err.msg, "libtasn1 rejects the request"));
}

static void test_truncated_rejected(void **state)
{
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len);

	(void)state;
	expect_schema_error(der, len - 10);
	expect_schema_error(der, 1);
	expect_schema_error(der, 0);
	free(der);
}

/* Outer SEQUENCE re-encoded as 30 80 ... 00 00: BER, which strict DER refuses. */
static void test_indefinite_rejected(void **state)
{
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len), *ber;

	(void)state;
	assert_int_equal(der[1], 0x82);    /* the corpus file has a 2-octet length */
	ber = malloc(len - 4 + 4);
	assert_non_null(ber);
	ber[0] = 0x30;
	ber[1] = 0x80;
	memcpy(ber + 2, der + 4, len - 4);
	ber[len - 2] = 0;
	ber[len - 1] = 0;
	expect_schema_error(ber, len);
	free(ber);
	free(der);
}

static void test_wrong_outer_type_rejected(void **state)
{
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len);

	(void)state;
	der[0] = 0x31;                     /* SET instead of SEQUENCE */
	expect_schema_error(der, len);
	der[0] = 0x04;                     /* primitive OCTET STRING */
	expect_schema_error(der, len);
	free(der);
}

static void test_trailing_and_limits(void **state)
{
	struct csrl_error err;
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len), *more = malloc(len + 1);

	(void)state;
	assert_non_null(more);
	memcpy(more, der, len);
	more[len] = 0;
	expect_schema_error(more, len + 1);
	assert_int_equal(csrl_schema_check(der, (size_t)CSRL_MAX_DER_SIZE + 1, &err),
			 CSRL_ERR_TOO_LARGE);
	free(more);
	free(der);
}

/* RFC 2986 makes [0] attributes mandatory; the module follows it. The x509-parser file has
 * an empty "A0 00" at the end of the CRI; dropping it means shortening both lengths. */
static void test_missing_attributes_rejected(void **state)
{
	struct csrl_schema_span sp[CSRL_SCHEMA_NPARTS];
	struct csrl_error err;
	size_t len, a, k;
	uint8_t *der = corpus_der("x509-parser/assets/csr-empty-attributes.csr", &len);

	(void)state;
	assert_int_equal(csrl_schema_spans(der, len, sp, &err), CSRL_ERR_OK);
	a = sp[CSRL_SCHEMA_ATTRS].start;
	assert_int_equal(sp[CSRL_SCHEMA_ATTRS].end - a, 2);
	assert_true(der[1] == 0x82 && der[5] == 0x82);
	memmove(der + a, der + a + 2, len - a - 2);
	for (k = 2; k <= 6; k += 4) {
		unsigned v = ((unsigned)der[k] << 8 | der[k + 1]) - 2;

		der[k] = (uint8_t)(v >> 8);
		der[k + 1] = (uint8_t)v;
	}
	expect_schema_error(der, len - 2);
	free(der);
}

/* Typed decoding of nested values: the pyca vectors with a bad challengePassword. */
static void test_values(void **state)
{
	static const char *const bad[] = { "pyca-cryptography/challenge-invalid.der",
					   "pyca-cryptography/long-form-attribute.pem" };
	struct csrl_error err;
	size_t len, i;
	uint8_t *der;

	(void)state;
	for (i = 0; i < 2; i++) {
		der = corpus_der(bad[i], &len);
		assert_int_equal(csrl_schema_check(der, len, &err), CSRL_ERR_OK);
		assert_int_equal(csrl_schema_check_values(der, len, &err), CSRL_ERR_SCHEMA);
		assert_non_null(strstr(err.msg, "challengePassword"));
		assert_true(err.offset > 0 && err.offset < len);
		free(der);
	}
	/* SAN, BC, SKI and an explicit critical=FALSE all decode. */
	der = corpus_der("pyca-cryptography/freeipa-bad-critical.pem", &len);
	assert_int_equal(csrl_schema_check_values(der, len, &err), CSRL_ERR_OK);
	free(der);
}

struct job {
	const uint8_t *der;
	size_t len;
	int bad;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	int i;

	for (i = 0; i < 50; i++)
		if (csrl_schema_check(j->der, j->len, NULL) != CSRL_ERR_OK)
			j->bad++;
	return NULL;
}

/* The first calls race to build the definitions; pthread_once must make that safe. This
 * test runs first in main so that the race really happens. */
static void test_threads(void **state)
{
	pthread_t t[4];
	struct job jobs[4];
	size_t len;
	uint8_t *der = corpus_der(VALID_CSR, &len);
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		jobs[i] = (struct job){ der, len, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
	free(der);
}

/* The committed compiled module is what asn1Parser makes of the module now. */
static void test_asn1_tab_fresh(void **state)
{
	char tmp[] = "/tmp/csrl-asn1-XXXXXX", cmd[512];
	size_t a_len = 0, b_len = 0;
	uint8_t *a, *b;
	int fd = mkstemp(tmp);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "asn1Parser -o %s -n csrl_pkcs10_asn1_tab parsers/pkcs10.asn "
		 ">/dev/null 2>&1", tmp);
	if (system(cmd) != 0) {
		unlink(tmp);
		fail_msg("asn1Parser failed on parsers/pkcs10.asn (installed by make deps?)");
	}
	a = test_slurp(tmp, &a_len);
	b = test_slurp("parsers/pkcs10_asn1_tab.c", &b_len);
	unlink(tmp);
	assert_non_null(a);
	assert_non_null(b);
	if (a_len != b_len || memcmp(a, b, a_len) != 0)
		fail_msg("parsers/pkcs10_asn1_tab.c is stale: run make asn1 and commit it");
	free(a);
	free(b);
}

/* ---- agreement with the DER reader over the corpus ---------------------------------- */

static int is_univ(const struct csrl_node *n, uint32_t tag, int constructed)
{
	return n && n->cls == CSRL_CLASS_UNIVERSAL && n->tag == tag && n->constructed == constructed;
}

/* SEQUENCE { OID, ANY } or, when opt_second, SEQUENCE { OID [, ANY] }. */
static int oid_pair(const struct csrl_node *n, int opt_second)
{
	return is_univ(n, CSRL_TAG_SEQUENCE, 1) && is_univ(n->child, CSRL_TAG_OID, 0) &&
	       (n->nchildren == 2 || (opt_second && n->nchildren == 1));
}

/* SEQUENCE OF SET OF AttributeTypeAndValue (SIZE constraints are not the schema's job). */
static int name_shape(const struct csrl_node *n)
{
	const struct csrl_node *rdn, *atv;

	if (!is_univ(n, CSRL_TAG_SEQUENCE, 1))
		return 0;
	for (rdn = n->child; rdn; rdn = rdn->next) {
		if (!is_univ(rdn, CSRL_TAG_SET, 1))
			return 0;
		for (atv = rdn->child; atv; atv = atv->next)
			if (!oid_pair(atv, 0))
				return 0;
	}
	return 1;
}

static int attrs_shape(const struct csrl_node *n)
{
	const struct csrl_node *a;

	if (!n || n->cls != CSRL_CLASS_CONTEXT || n->tag != 0 || !n->constructed)
		return 0;
	for (a = n->child; a; a = a->next)
		if (!oid_pair(a, 0) || !is_univ(a->child->next, CSRL_TAG_SET, 1))
			return 0;
	return 1;
}

/* What the module's CertificationRequest describes, read off the reader's tree. */
static int csr_shape(const struct csrl_node *root)
{
	const struct csrl_node *cri = csrl_node_child(root, 0), *spki;

	if (!is_univ(root, CSRL_TAG_SEQUENCE, 1) || root->nchildren != 3 ||
	    !is_univ(cri, CSRL_TAG_SEQUENCE, 1) || cri->nchildren != 4 ||
	    !oid_pair(csrl_node_child(root, 1), 1) ||
	    !is_univ(csrl_node_child(root, 2), CSRL_TAG_BIT_STRING, 0))
		return 0;
	spki = csrl_node_child(cri, 2);
	return is_univ(csrl_node_child(cri, 0), CSRL_TAG_INTEGER, 0) &&
	       name_shape(csrl_node_child(cri, 1)) &&
	       is_univ(spki, CSRL_TAG_SEQUENCE, 1) && spki->nchildren == 2 &&
	       oid_pair(spki->child, 1) && is_univ(spki->child->next, CSRL_TAG_BIT_STRING, 0) &&
	       attrs_shape(csrl_node_child(cri, 3));
}

/* The reader's node for each csrl_schema_part, given a csr_shape tree. */
static const struct csrl_node *part_node(const struct csrl_node *root, int part)
{
	const struct csrl_node *cri = csrl_node_child(root, 0);

	switch (part) {
	case CSRL_SCHEMA_CRI: return cri;
	case CSRL_SCHEMA_SUBJECT: return csrl_node_child(cri, 1);
	case CSRL_SCHEMA_SPKI: return csrl_node_child(cri, 2);
	case CSRL_SCHEMA_ATTRS: return csrl_node_child(cri, 3);
	case CSRL_SCHEMA_SIGALG: return csrl_node_child(root, 1);
	default: return csrl_node_child(root, 2);
	}
}

/* Compares both readers on one DER; writes the difference ("" when they agree). */
static void compare(const uint8_t *der, size_t len, char *diff, size_t size)
{
	struct csrl_schema_span sp[CSRL_SCHEMA_NPARTS];
	struct csrl_error e1, e2;
	struct csrl_der *tree = NULL;
	int tasn1_ok = csrl_schema_spans(der, len, sp, &e1) == CSRL_ERR_OK;
	int rc = csrl_der_parse(der, len, NULL, &tree, &e2);
	int shape = rc == CSRL_ERR_OK && csr_shape(tree->root);
	size_t i, used;

	diff[0] = '\0';
	if (rc == CSRL_ERR_OK && shape && tree->nanomalies == 0) {
		if (!tasn1_ok) {
			snprintf(diff, size, "libtasn1-rejects");
		} else {
			for (i = 0; i < CSRL_SCHEMA_NPARTS; i++) {
				const struct csrl_node *n = part_node(tree->root, (int)i);

				if (n->offset != sp[i].start ||
				    n->offset + n->hdr_len + n->len != sp[i].end) {
					used = strlen(diff);
					snprintf(diff + used, size - used, "%s%s", used ? "," : "offsets:",
						 csrl_schema_part_path((int)i));
				}
			}
		}
	} else if (tasn1_ok) {
		/* Say why the reader does not accept: its error, the shape, or its anomalies. */
		if (rc != CSRL_ERR_OK)
			snprintf(diff, size, "libtasn1-accepts:reader-error-%s", csrl_errname(rc));
		else if (!shape)
			snprintf(diff, size, "libtasn1-accepts:reader-shape");
		else
			snprintf(diff, size, "libtasn1-accepts:");
		for (i = 0; rc == CSRL_ERR_OK && i < tree->nanomalies; i++) {
			const char *id = csrl_anomaly_id(tree->anomalies[i].kind);

			if (!strstr(diff, id) && (used = strlen(diff)) < size)
				snprintf(diff + used, size - used, "%s%s",
					 diff[used - 1] == ':' ? "" : ",", id);
		}
	}
	csrl_der_free(tree);
}

struct diffs {
	char *key[MAX_DIFFS];              /* "path\twhat" */
	int seen[MAX_DIFFS];
	size_t n;
};

/* Known differences: "path<TAB>what<TAB>why" lines; # starts a comment. */
static void load_known(struct diffs *d)
{
	size_t len = 0;
	char *text = (char *)test_slurp(DIFF_FILE, &len), *line, *save = NULL;

	if (!text)
		fail_msg("cannot read %s (run from the repository top)", DIFF_FILE);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!tab2 || tab2[1] == '\0' || d->n == MAX_DIFFS)
			fail_msg("%s: malformed line (path, what, why): %s", DIFF_FILE, line);
		*tab2 = '\0';
		d->key[d->n++] = strdup(line);
	}
	free(text);
}

static char *files[MAX_FILES];
static size_t nfiles;
static size_t corpus_prefix;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t n = strlen(base);

	(void)st;
	if (type != FTW_F || strcmp(base, "MANIFEST.md") == 0 || strcmp(base, "SHA256SUMS") == 0 ||
	    (n > 4 && strcmp(base + n - 4, ".key") == 0))
		return 0;
	if (nfiles < MAX_FILES)
		files[nfiles++] = strdup(path + corpus_prefix);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether MANIFEST.md names the file's base name in a "key file" row (not a CSR). */
static int is_key_file(const char *manifest, const char *rel)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel, *row;
	char pat[512];

	snprintf(pat, sizeof pat, "%s` |", base);
	for (row = strstr(manifest, pat); row; row = strstr(row + 1, pat)) {
		const char *eol = strchr(row, '\n');
		const char *hit = strstr(row, "| key file |");

		if (hit && (!eol || hit < eol))
			return 1;
	}
	return 0;
}

/* One difference observed on rel: must be known; marks it seen. */
static int check_diff(struct diffs *d, const char *rel, const char *what)
{
	char key[1024];
	size_t i;

	snprintf(key, sizeof key, "%s\t%s", rel, what);
	for (i = 0; i < d->n; i++)
		if (strcmp(d->key[i], key) == 0) {
			d->seen[i] = 1;
			return 0;
		}
	print_message("NEW difference (add to %s with a reason): %s\t%s\n", DIFF_FILE, rel, what);
	return 1;
}

static void test_corpus_agreement(void **state)
{
	const char *dir = corpus_dir();
	char path[4096], diff[512], *manifest;
	struct diffs d;
	size_t i, mlen, ncsr = 0, bad = 0;

	(void)state;
	memset(&d, 0, sizeof d);
	load_known(&d);
	snprintf(path, sizeof path, "%s/MANIFEST.md", dir);
	manifest = (char *)test_slurp(path, &mlen);
	assert_non_null(manifest);
	corpus_prefix = strlen(dir) + 1;
	assert_int_equal(nftw(dir, collect, 16, FTW_PHYS), 0);
	qsort(files, nfiles, sizeof files[0], by_name);
	for (i = 0; i < nfiles; i++) {
		size_t len = 0, pos = 0;
		uint8_t *buf;
		int blocks = 0;

		if (is_key_file(manifest, files[i]))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		buf = test_slurp(path, &len);
		assert_non_null(buf);
		ncsr++;
		if (!csrl_looks_like_pem(buf, len)) {
			compare(buf, len, diff, sizeof diff);
			if (diff[0])
				bad += check_diff(&d, files[i], diff);
		} else {
			struct csrl_pem_block blk;
			struct csrl_error err;
			int rc;

			memset(&blk, 0, sizeof blk);
			while ((rc = csrl_pem_next((const char *)buf, len, &pos, &blk, &err)) !=
			       CSRL_ERR_PEM_NO_BLOCK) {
				char rel[1100];

				snprintf(rel, sizeof rel, blocks ? "%s#%d" : "%s", files[i], blocks + 1);
				blocks++;
				if (rc != CSRL_ERR_OK)
					snprintf(diff, sizeof diff, "no-der:%s", csrl_errname(rc));
				else if (!blk.is_csr)
					diff[0] = '\0';
				else
					compare(blk.der, blk.der_len, diff, sizeof diff);
				if (diff[0])
					bad += check_diff(&d, rel, diff);
				csrl_pem_block_clear(&blk);
			}
		}
		free(buf);
	}
	for (i = 0; i < d.n; i++)
		if (!d.seen[i]) {
			print_message("STALE difference (no longer occurs; remove it from %s): %s\n",
				      DIFF_FILE, d.key[i]);
			bad++;
		}
	for (i = 0; i < d.n; i++)
		free(d.key[i]);
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	nfiles = 0;
	free(manifest);
	print_message("agreement: %zu CSR files compared, %zu known differences\n", ncsr, d.n);
	/* The MANIFEST counts 133 CSRs: a walk that finds fewer is broken, not lucky. */
	assert_int_equal(ncsr, 133);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_valid_accepted),
		cmocka_unit_test(test_truncated_rejected),
		cmocka_unit_test(test_indefinite_rejected),
		cmocka_unit_test(test_wrong_outer_type_rejected),
		cmocka_unit_test(test_trailing_and_limits),
		cmocka_unit_test(test_missing_attributes_rejected),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_asn1_tab_fresh),
		cmocka_unit_test(test_corpus_agreement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
