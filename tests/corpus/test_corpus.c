/* test_corpus.c - every file of ../shared/corpus through the library, against live
 * `openssl req -verify` and the committed table tests/corpus/verdicts.tsv.
 *
 * verdicts.tsv holds, per file: our verdict, OpenSSL 3.0's, and a reason wherever the two
 * disagree or the MANIFEST expectation differs. The test fails when a verdict changes, when a
 * new disagreement appears without a reason, and when a file is missing from the table. */
#define _GNU_SOURCE /* nftw FTW_PHYS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "input.h"
#include "inspect.h"
#include "lint.h"

#define MAX_FILES 512

static char *files[MAX_FILES];
static size_t nfiles;
static const char *corpus;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;

	(void)st;
	if (type != FTW_F || strcmp(base, "MANIFEST.md") == 0 || strcmp(base, "SHA256SUMS") == 0)
		return 0;
	if (nfiles < MAX_FILES)
		files[nfiles++] = strdup(path + strlen(corpus) + 1);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct verdicts { char text[256]; };

/* Every reporter and every profile's lint on every corpus request, so that the sanitizer
 * build sees them all; the output itself is checked elsewhere, here only that it is made. */
static void exercise(const struct csrl_csr *csr, const struct csrl_verify_result *vr)
{
	static const unsigned profiles[] = { CSRL_PROFILE_RFC, CSRL_PROFILE_TLS_SERVER,
					     CSRL_PROFILE_LETSENCRYPT, CSRL_PROFILE_PRIVATE_PKI };
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	json_t *j;

	assert_non_null(f);
	csrl_inspect_text(f, csr, vr);
	csrl_inspect_asn1(f, csr->der);
	fclose(f);
	assert_true(len > 0);
	free(text);
	j = csrl_inspect_json(csr, vr);
	assert_non_null(j);
	json_decref(j);
	j = csrl_inspect_asn1_json(csr->der);
	assert_non_null(j);
	json_decref(j);
	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		struct csrl_lint_opts o = { .profile = profiles[i] };
		struct csrl_findings fi = { 0 };

		csrl_lint_csr(csr, &o, &fi);
		assert_false(fi.oom);
		csrl_findings_clear(&fi);
	}
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct verdicts *v = ctx;
	char one[64];
	struct csrl_csr *csr;
	struct csrl_error e;
	int rc = it->err;

	if (rc == CSRL_ERR_OK)
		rc = csrl_csr_parse(it->der, it->der_len, &csr, &e);
	if (rc != CSRL_ERR_OK) {
		snprintf(one, sizeof one, "error:%s", csrl_errname(rc));
	} else {
		struct csrl_verify_result vr;

		csrl_verify(csr, &vr);
		snprintf(one, sizeof one, "%s", vr.status == CSRL_VERIFY_MISMATCH ? "mismatch" :
			 csrl_verify_status_name(vr.status));
		exercise(csr, &vr);
		csrl_csr_free(csr);
	}
	if (v->text[0])
		strncat(v->text, "+", sizeof v->text - strlen(v->text) - 1);
	strncat(v->text, one, sizeof v->text - strlen(v->text) - 1);
}

/* OpenSSL's verdict: ok, fail, or error (cannot parse the request or its key). */
static void openssl_verdict(const char *path, int der, char *out, size_t outsize)
{
	char cmd[8192], line[512];
	FILE *p;

	snprintf(out, outsize, "error");
	snprintf(cmd, sizeof cmd, "OPENSSL_CONF=/dev/null openssl req %s -in '%s' -noout -verify 2>&1",
		 der ? "-inform DER" : "", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof line, p)) {
		if (strstr(line, "verify OK"))
			snprintf(out, outsize, "ok");
		else if (strstr(line, "verify failure"))
			snprintf(out, outsize, "fail");
	}
	pclose(p);
}

struct row { char *path, *ours, *openssl, *reason; int seen; };

static struct row *load_table(size_t *n)
{
	FILE *f = fopen("tests/corpus/verdicts.tsv", "r");
	static struct row rows[MAX_FILES];
	char line[2048];

	assert_non_null(f);
	*n = 0;
	while (fgets(line, sizeof line, f)) {
		char *save = NULL, *p, *o, *s, *r;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		p = strtok_r(line, "\t", &save);
		o = strtok_r(NULL, "\t", &save);
		s = strtok_r(NULL, "\t", &save);
		r = strtok_r(NULL, "", &save);
		assert_non_null(o);
		assert_non_null(s);
		assert_true(*n < MAX_FILES);
		rows[*n] = (struct row){ strdup(p), strdup(o), strdup(s), strdup(r ? r : ""), 0 };
		(*n)++;
	}
	fclose(f);
	return rows;
}

/* Agreement: valid/ok, invalid/fail, and our parse errors with OpenSSL's. */
static int agree(const char *ours, const char *openssl)
{
	if (strcmp(openssl, "ok") == 0)
		return strcmp(ours, "valid") == 0;
	if (strcmp(openssl, "fail") == 0)
		return strcmp(ours, "invalid") == 0;
	return strncmp(ours, "error:", 6) == 0 && !strchr(ours, '+');
}

static void test_corpus_verdicts(void **state)
{
	size_t nrows, i, j, bad = 0;
	struct row *rows = load_table(&nrows);

	(void)state;
	for (i = 0; i < nfiles; i++) {
		char path[4096], ossl[16];
		struct verdicts v = { "" };
		struct row *r = NULL;
		uint8_t *buf;
		size_t len;
		struct csrl_error e;

		snprintf(path, sizeof path, "%s/%s", corpus, files[i]);
		assert_int_equal(csrl_input_read(path, &buf, &len, &e), CSRL_ERR_OK);
		csrl_input_split(path, buf, len, on_item, &v);
		openssl_verdict(path, !csrl_looks_like_pem(buf, len), ossl, sizeof ossl);
		free(buf);
		for (j = 0; j < nrows; j++)
			if (strcmp(rows[j].path, files[i]) == 0)
				r = &rows[j];
		if (!r) {
			printf("NEW %s\t%s\t%s\t(reason?)\n", files[i], v.text, ossl);
			bad++;
			continue;
		}
		r->seen = 1;
		if (strcmp(r->ours, v.text) || strcmp(r->openssl, ossl)) {
			printf("CHANGED %s: csrlint %s (table %s), openssl %s (table %s)\n", files[i],
			       v.text, r->ours, ossl, r->openssl);
			bad++;
		} else if (!agree(v.text, ossl) && !r->reason[0]) {
			printf("UNEXPLAINED %s: csrlint %s, openssl %s\n", files[i], v.text, ossl);
			bad++;
		}
	}
	for (j = 0; j < nrows; j++)
		if (!rows[j].seen) {
			printf("GONE %s is in verdicts.tsv but not in the corpus\n", rows[j].path);
			bad++;
		}
	assert_int_equal(bad, 0);
}

/* The corpus must be whole: a missing file would shrink the test silently. */
static void test_corpus_complete(void **state)
{
	(void)state;
	assert_true(nfiles >= 169);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_complete),
		cmocka_unit_test(test_corpus_verdicts),
	};

	corpus = getenv("CSRL_CORPUS");
	if (!corpus) {
		fprintf(stderr, "CSRL_CORPUS is not set\n");
		return 1;
	}
	nftw(corpus, collect, 16, FTW_PHYS);
	qsort(files, nfiles, sizeof *files, by_name);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
