/* test_batchgcd.c - batch GCD on generated moduli with planted shared primes (a pair, three
 * moduli on one prime, a modulus whose two primes are both shared), a duplicated modulus
 * that must not count as sharing, edge sizes; and the corpus collector (csrl_batch) on the
 * bundles of tests/rules/{key.rsa.shared-prime,key.reused,csr.duplicate}. No timing here:
 * that is tests/bench/bench_batchgcd.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "batch.h"
#include "batchgcd.h"
#include "input.h"

static gmp_randstate_t rnd;

static void random_prime(mpz_t p, unsigned bits)
{
	mpz_urandomb(p, rnd, bits);
	mpz_setbit(p, bits - 1);
	mpz_nextprime(p, p);
}

/* n moduli of two random 256-bit primes each, into fresh mpz_t arrays. */
static mpz_t *moduli_new(size_t n, mpz_t **gcds)
{
	mpz_t *m = malloc(n * sizeof *m), p, q;
	size_t i;

	*gcds = malloc(n * sizeof **gcds);
	assert_non_null(m);
	assert_non_null(*gcds);
	mpz_inits(p, q, NULL);
	for (i = 0; i < n; i++) {
		random_prime(p, 256);
		random_prime(q, 256);
		mpz_init(m[i]);
		mpz_mul(m[i], p, q);
		mpz_init((*gcds)[i]);
	}
	mpz_clears(p, q, NULL);
	return m;
}

static void moduli_free(mpz_t *m, mpz_t *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		mpz_clear(m[i]);
		mpz_clear(g[i]);
	}
	free(m);
	free(g);
}

static void test_planted(void **state)
{
	enum { N = 300 };
	mpz_t *m, *g, p, q, r, s;
	size_t i;

	(void)state;
	m = moduli_new(N, &g);
	mpz_inits(p, q, r, s, NULL);
	random_prime(p, 256);             /* shared by 10 and 200 */
	random_prime(q, 256);             /* shared by 20, 21 and 250 */
	random_prime(r, 256);
	random_prime(s, 256);
	mpz_mul(m[10], p, r);
	mpz_mul(m[200], p, s);
	mpz_mul(m[20], q, r);             /* 20 also shares r with 10 */
	mpz_mul_ui(m[21], q, 1000003);
	mpz_nextprime(s, s);
	mpz_mul(m[250], q, s);
	mpz_set(m[99], m[98]);            /* the same key twice: reuse, not a shared prime */
	assert_int_equal(csrl_batchgcd(m, N, g), 0);
	for (i = 0; i < N; i++) {
		int planted = i == 10 || i == 200 || i == 20 || i == 21 || i == 250;

		if (!planted) {
			assert_int_equal(mpz_cmp_ui(g[i], 1), 0);
			continue;
		}
		assert_true(mpz_cmp_ui(g[i], 1) > 0);
	}
	assert_int_equal(mpz_cmp(g[200], p), 0);
	assert_int_equal(mpz_cmp(g[10], m[10]), 0);      /* p and r both shared */
	assert_int_equal(mpz_cmp(g[20], m[20]), 0);      /* q and r both shared */
	assert_int_equal(mpz_cmp(g[21], q), 0);
	assert_int_equal(mpz_cmp(g[250], q), 0);
	mpz_clears(p, q, r, s, NULL);
	moduli_free(m, g, N);
}

static void test_duplicate_shares_with_third(void **state)
{
	mpz_t *m, *g, p;

	(void)state;
	m = moduli_new(5, &g);
	mpz_init(p);
	random_prime(p, 256);
	mpz_mul_ui(m[0], p, 1000003);
	mpz_set(m[1], m[0]);              /* duplicate of 0 */
	mpz_mul_ui(m[3], p, 1000033);     /* shares p with 0 and 1 */
	assert_int_equal(csrl_batchgcd(m, 5, g), 0);
	assert_int_equal(mpz_cmp(g[0], p), 0);
	assert_int_equal(mpz_cmp(g[1], p), 0);
	assert_int_equal(mpz_cmp(g[3], p), 0);
	assert_int_equal(mpz_cmp_ui(g[2], 1), 0);
	assert_int_equal(mpz_cmp_ui(g[4], 1), 0);
	mpz_clear(p);
	moduli_free(m, g, 5);
}

static void test_edges(void **state)
{
	mpz_t *m, *g;
	size_t n;

	(void)state;
	assert_int_equal(csrl_batchgcd(NULL, 0, NULL), 0);
	m = moduli_new(2, &g);
	mpz_set(m[1], m[0]);              /* only one distinct modulus */
	assert_int_equal(csrl_batchgcd(m, 2, g), 0);
	assert_int_equal(mpz_cmp_ui(g[0], 1), 0);
	assert_int_equal(mpz_cmp_ui(g[1], 1), 0);
	moduli_free(m, g, 2);
	for (n = 1; n <= 9; n++) {        /* odd and even tree shapes, zero and one */
		size_t i;

		m = moduli_new(n, &g);
		mpz_set_ui(m[0], 0);
		if (n > 2)
			mpz_set_ui(m[2], 1);
		assert_int_equal(csrl_batchgcd(m, n, g), 0);
		for (i = 0; i < n; i++)
			assert_int_equal(mpz_cmp_ui(g[i], 1), 0);
		moduli_free(m, g, n);
	}
}

/* ---- the collector on the rule-test bundles -------------------------------------------- */

struct run {
	struct csrl_batch *b;
	size_t count;
	char seen[8][64];
	size_t hits[8];
};

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct run *r = ctx;
	struct csrl_csr *csr;
	struct csrl_error e;
	char name[64];

	assert_false(it->err);
	assert_int_equal(csrl_csr_parse(it->der, it->der_len, &csr, &e), CSRL_ERR_OK);
	snprintf(name, sizeof name, "#%u", it->index);
	assert_int_equal(csrl_batch_add(r->b, ++r->count, name, csr), CSRL_ERR_OK);
	csrl_csr_free(csr);               /* the collector keeps no pointer into it */
}

static void on_finding(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	size_t *hits = ctx;

	assert_non_null(strstr(message, "#"));                  /* names the other input */
	assert_true(input_no >= 1);
	if (strcmp(rule_id, "key.rsa.shared-prime") == 0)
		hits[0]++;
	else if (strcmp(rule_id, "key.reused") == 0)
		hits[1]++;
	else if (strcmp(rule_id, "csr.duplicate") == 0)
		hits[2]++;
}

/* Runs one bundle; returns the findings per rule in hits[3]. */
static void run_bundle(const char *path, size_t hits[3])
{
	struct run r = { 0 };

	r.b = csrl_batch_new();
	assert_non_null(r.b);
	hits[0] = hits[1] = hits[2] = 0;
	csrl_input_file(path, on_item, &r);
	assert_true(csrl_batch_count(r.b) >= 2);
	csrl_batch_run(r.b, on_finding, hits);
	csrl_batch_free(r.b);
}

static void check_folder(const char *rule, int which)
{
	char dir[256], path[600];
	DIR *d;
	struct dirent *e;
	size_t hits[3];
	int pass = 0, fail = 0;

	snprintf(dir, sizeof dir, "tests/rules/%s", rule);
	assert_non_null(d = opendir(dir));
	while ((e = readdir(d))) {
		if (!strstr(e->d_name, ".pem"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		run_bundle(path, hits);
		if (strncmp(e->d_name, "pass-", 5) == 0) {
			pass++;
			if (hits[which])
				fail_msg("%s: %zu findings of %s", path, hits[which], rule);
		} else {
			fail++;
			if (!hits[which])
				fail_msg("%s: no finding of %s", path, rule);
		}
	}
	closedir(d);
	assert_true(pass > 0 && fail > 0);
}

static void test_bundles(void **state)
{
	size_t hits[3];

	(void)state;
	check_folder("key.rsa.shared-prime", 0);
	check_folder("key.reused", 1);
	check_folder("csr.duplicate", 2);
	/* three keys on one prime: each of the three pairs reported on both sides */
	run_bundle("tests/rules/key.rsa.shared-prime/error-three-share-p.pem", hits);
	assert_int_equal(hits[0], 6);
	run_bundle("tests/rules/key.rsa.shared-prime/pass-same-key-twice.pem", hits);
	assert_int_equal(hits[0], 0);
	assert_int_equal(hits[1], 2);     /* the same key for two subjects is reuse */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planted),
		cmocka_unit_test(test_duplicate_shares_with_third),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_bundles),
	};
	int rc;

	gmp_randinit_default(rnd);
	gmp_randseed_ui(rnd, 2012);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	gmp_randclear(rnd);
	return rc;
}
