/* test_engine_selection.c - csrl_lint_csr remembers per thread which built-in rules an opts
 * selects. The memory is keyed by the selection's contents: a caller that reuses one opts
 * struct, or one list whose strings it rewrites in place, must still get the rules it asks
 * for, and threads that lint with different opts at once must not see each other's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "lint.h"

/* A corpus request with findings under tls-server (its version is 99). */
#define DEFECT_CSR "badkeys/tests/data/defect/invalidver.csr"

static uint8_t *der;
static size_t der_len;
static struct csrl_csr *csr;

static int setup(void **state)
{
	const char *dir = getenv("CSRL_CORPUS");
	char path[4096];
	uint8_t *buf;
	size_t n, pos = 0;
	struct csrl_pem_block blk;
	FILE *f;

	(void)state;
	if (!dir || !*dir)
		return -1;
	snprintf(path, sizeof path, "%s/%s", dir, DEFECT_CSR);
	if (!(f = fopen(path, "rb")))
		return -1;
	buf = malloc(1 << 16);
	n = buf ? fread(buf, 1, 1 << 16, f) : 0;
	fclose(f);
	memset(&blk, 0, sizeof blk);
	if (!n || csrl_pem_next((const char *)buf, n, &pos, &blk, NULL) != CSRL_ERR_OK) {
		free(buf);
		return -1;
	}
	free(buf);
	der = blk.der;
	der_len = blk.der_len;
	blk.der = NULL;
	csrl_pem_block_clear(&blk);
	return csrl_csr_parse(der, der_len, &csr, NULL) == CSRL_ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	csrl_csr_free(csr);
	free(der);
	return 0;
}

/* Findings of rule id (all findings when id is NULL) under opts. */
static size_t count(const struct csrl_lint_opts *opts, const char *id)
{
	struct csrl_findings f = { 0 };
	size_t i, n = 0;

	csrl_lint_csr(csr, opts, &f);
	for (i = 0; i < f.n; i++)
		n += !id || strcmp(f.v[i].rule_id, id) == 0;
	csrl_findings_clear(&f);
	return n;
}

static void test_reused_opts(void **state)
{
	char pattern[64] = "csr.version-invalid", none[64] = "no.such-rule";
	const char *list[2] = { pattern, NULL }, *empty[1] = { NULL };
	struct csrl_lint_opts o = { .profile = CSRL_PROFILE_TLS_SERVER };
	size_t all;

	(void)state;
	all = count(&o, NULL);
	assert_int_equal(count(&o, "csr.version-invalid"), 1);
	o.disable = list;                          /* the same struct, a list added */
	assert_int_equal(count(&o, "csr.version-invalid"), 0);
	assert_int_equal(count(&o, NULL), all - 1);
	strcpy(pattern, none);                     /* the same list, its string rewritten */
	assert_int_equal(count(&o, "csr.version-invalid"), 1);
	strcpy(pattern, "csr");                    /* a prefix */
	assert_int_equal(count(&o, "csr.version-invalid"), 0);
	o.disable = empty;                         /* empty and NULL lists select alike */
	assert_int_equal(count(&o, NULL), all);
	o.disable = NULL;
	o.enable = list;                           /* enable: "csr" is in tls-server anyway */
	assert_int_equal(count(&o, NULL), all);
	o.enable = NULL;
	o.profile = CSRL_PROFILE_RFC;              /* another profile, same lists */
	assert_int_equal(count(&o, "csr.version-invalid"), 1);
	o.disable = list;
	assert_int_equal(count(&o, "csr.version-invalid"), 0);
}

struct job {
	int disable;                               /* lint without csr.version-invalid */
	size_t bad;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	const char *list[2] = { "csr.version-invalid", NULL };
	struct csrl_lint_opts o = { .profile = CSRL_PROFILE_TLS_SERVER };
	int i;

	if (j->disable)
		o.disable = list;
	for (i = 0; i < 200; i++)
		j->bad += count(&o, "csr.version-invalid") != (j->disable ? 0u : 1u);
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t[4];
	struct job jobs[4];
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		jobs[i] = (struct job){ i % 2, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reused_opts),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
