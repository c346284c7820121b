/* test_lint_corpus.c - the lint catalogue against ../shared/corpus:
 *  1. every file whose MANIFEST expectation describes a defect gets a finding naming that
 *     defect (tests/corpus/defects.tsv: file, profile, the rule ids that must fire);
 *  2. no finding at error, in the default profile, on any file that its source project and
 *     OpenSSL both consider a good, modern CSR: openssl verifies it (verdicts.tsv), it is not a
 *     listed defect, its key is RSA >= 2048 or P-256/P-384, its hash SHA-2, and it has a SAN. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "lint.h"
#include "util.h"

static const char *corpus;

struct run {
	unsigned profile;
	struct csrl_findings f;
	int parsed, modern;
};

static int modern(const struct csrl_csr *csr)
{
	const struct csrl_pubkey *k = &csr->key;
	int key_ok = (k->type == CSRL_KEY_RSA && k->bits >= 2048) ||
		     (k->type == CSRL_KEY_EC && (k->curve == CSRL_CURVE_P256 ||
						 k->curve == CSRL_CURVE_P384));
	enum csrl_hash h = csr->sigalg.hash;

	return key_ok && (h == CSRL_HASH_SHA256 || h == CSRL_HASH_SHA384 ||
			  h == CSRL_HASH_SHA512) && csrl_find_san(csr) != NULL;
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct run *r = ctx;
	struct csrl_lint_opts o = { .profile = r->profile };
	struct csrl_csr *csr;
	struct csrl_error e;

	if (it->err) {
		csrl_lint_fatal(&it->error, &r->f);
		return;
	}
	if (csrl_csr_parse(it->der, it->der_len, &csr, &e) != CSRL_ERR_OK) {
		csrl_lint_fatal(&e, &r->f);
		return;
	}
	csr->legacy_pem_label = it->legacy_label;
	r->parsed++;
	r->modern = modern(csr);
	csrl_lint_csr(csr, &o, &r->f);
	csrl_csr_free(csr);
}

static void lint_file(const char *rel, unsigned profile, struct run *r)
{
	char path[4096];

	memset(r, 0, sizeof *r);
	r->profile = profile;
	snprintf(path, sizeof path, "%s/%s", corpus, rel);
	csrl_input_file(path, on_item, r);
}

static int has(const struct csrl_findings *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule_id, id) == 0)
			return 1;
	return 0;
}

/* Reads a TSV data file; calls fn for each row's fields (comments and blank lines skipped). */
static void each_row(const char *file, void (*fn)(char **fields, int n, void *ctx), void *ctx)
{
	FILE *f = fopen(file, "r");
	char line[4096];

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *fields[8], *save = NULL, *p;
		int n = 0;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		for (p = strtok_r(line, "\t", &save); p && n < 8; p = strtok_r(NULL, "\t", &save))
			fields[n++] = p;
		fn(fields, n, ctx);
	}
	fclose(f);
}

struct defects { int bad, rows; };

static void check_defect(char **fld, int n, void *ctx)
{
	struct defects *d = ctx;
	struct run r;
	char ids[1024], *save = NULL, *id;
	unsigned profile;

	assert_true(n >= 3);
	profile = csrl_profile_parse(fld[1]);
	assert_true(profile != 0);
	d->rows++;
	lint_file(fld[0], profile, &r);
	snprintf(ids, sizeof ids, "%s", fld[2]);
	for (id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		if (!has(&r.f, id)) {
			printf("%s (%s): no %s finding\n", fld[0], fld[1], id);
			d->bad++;
		}
	}
	csrl_findings_clear(&r.f);
}

static void test_defects_named(void **state)
{
	struct defects d = { 0, 0 };

	(void)state;
	each_row("tests/corpus/defects.tsv", check_defect, &d);
	assert_true(d.rows >= 30);
	assert_int_equal(d.bad, 0);
}

struct good { int bad, checked; char defect_files[64][256]; int ndefects; };

static void note_defect(char **fld, int n, void *ctx)
{
	struct good *g = ctx;

	(void)n;
	if (g->ndefects < 64)
		snprintf(g->defect_files[g->ndefects++], sizeof g->defect_files[0], "%s", fld[0]);
}

static void check_good(char **fld, int n, void *ctx)
{
	struct good *g = ctx;
	struct run r;
	size_t i;
	int j;

	if (n < 3 || strcmp(fld[1], "valid") != 0 || strcmp(fld[2], "ok") != 0)
		return;
	for (j = 0; j < g->ndefects; j++)
		if (strcmp(g->defect_files[j], fld[0]) == 0)
			return;
	lint_file(fld[0], CSRL_PROFILE_TLS_SERVER, &r);
	if (r.parsed == 1 && r.modern) {
		g->checked++;
		for (i = 0; i < r.f.n; i++) {
			if (r.f.v[i].severity < CSRL_SEV_ERROR)
				continue;
			printf("%s: good modern CSR, but %s %s: %s\n", fld[0],
			       csrl_severity_name(r.f.v[i].severity), r.f.v[i].rule_id,
			       r.f.v[i].message);
			g->bad++;
		}
	}
	csrl_findings_clear(&r.f);
}

static void test_good_modern_has_no_error(void **state)
{
	static struct good g;

	(void)state;
	each_row("tests/corpus/defects.tsv", note_defect, &g);
	each_row("tests/corpus/verdicts.tsv", check_good, &g);
	printf("%d good modern corpus CSRs checked\n", g.checked);
	assert_true(g.checked >= 20);
	assert_int_equal(g.bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defects_named),
		cmocka_unit_test(test_good_modern_has_no_error),
	};

	corpus = getenv("CSRL_CORPUS");
	if (!corpus) {
		fprintf(stderr, "CSRL_CORPUS is not set\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
