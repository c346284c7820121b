/* test_schema_tree.c - the lint engine skips libtasn1 when the DER reader's tree proves that
 * the strict schema check accepts (csrl_schema_tree_accepts). That shortcut must never say
 * "accepted" where libtasn1 would reject: checked here on every corpus CSR, every rule test
 * case, and about 800,000 mutants of them (bytes changed, dropped, inserted, cut).
 * A mutant the shortcut declines is no failure: libtasn1 then decides, as before. */
#define _GNU_SOURCE
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
#include "../../parsers/schema.h"

#define MAX_INPUTS 4096
#define MUTANTS_PER_INPUT 1000

struct input { uint8_t *der; size_t len; char *name; };

static struct input inputs[MAX_INPUTS];
static size_t ninputs;

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;
	size_t pos = 0;
	struct csrl_pem_block blk;

	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n <= (long)CSRL_MAX_FILE_SIZE &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) != NULL &&
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (!buf || ninputs == MAX_INPUTS)
		goto done;
	if (!csrl_looks_like_pem(buf, (size_t)n)) {
		inputs[ninputs++] = (struct input){ buf, (size_t)n, strdup(path) };
		return;
	}
	memset(&blk, 0, sizeof blk);
	while (ninputs < MAX_INPUTS &&
	       csrl_pem_next((const char *)buf, (size_t)n, &pos, &blk, NULL) == CSRL_ERR_OK) {
		inputs[ninputs++] = (struct input){ blk.der, blk.der_len, strdup(path) };
		blk.der = NULL;
		csrl_pem_block_clear(&blk);
		memset(&blk, 0, sizeof blk);
	}
	csrl_pem_block_clear(&blk);
done:
	free(buf);
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t n = strlen(base);

	(void)st;
	if (type == FTW_F && !(n > 4 && strcmp(base + n - 4, ".key") == 0) &&
	    strcmp(base, "MANIFEST.md") != 0 && !(n > 3 && strcmp(base + n - 3, ".py") == 0))
		add_file(path);
	return 0;
}

/* 1 when the shortcut accepted der[0..len); fails the test when libtasn1 disagrees. */
static int agree(const uint8_t *der, size_t len, const char *what)
{
	struct csrl_der *tree = NULL;
	struct csrl_error err;
	int accepts, rc;

	if (csrl_der_parse(der, len, NULL, &tree, &err) != CSRL_ERR_OK)
		return 0;
	accepts = csrl_schema_tree_accepts(tree);
	csrl_der_free(tree);
	if (!accepts)
		return 0;
	rc = csrl_schema_check(der, len, &err);
	if (rc != CSRL_ERR_OK)
		fail_msg("%s: the reader's tree says libtasn1 accepts, libtasn1 says %s: %s", what,
			 csrl_errname(rc), err.msg);
	return 1;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* One random change of der[0..len) into out; returns the new length. */
static size_t mutate(const uint8_t *der, size_t len, uint8_t *out)
{
	static const uint8_t special[] = { 0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x1f, 0x30, 0x31,
		0x7f, 0x80, 0x81, 0x82, 0xa0, 0xbf, 0xff };
	size_t at = next() % len, n = len;

	memcpy(out, der, len);
	switch (next() % 6) {
	case 0: out[at] = (uint8_t)next(); break;
	case 1: out[at] = special[next() % sizeof special]; break;
	case 2: out[at] = (uint8_t)(out[at] + (next() % 2 ? 1 : -1)); break;
	case 3: memmove(out + at, out + at + 1, len - at - 1); n--; break;
	case 4: memmove(out + at + 1, out + at, len - at); out[at] = (uint8_t)next(); n++; break;
	default: n = at ? at : 1; break;
	}
	return n;
}

static void test_inputs_and_mutants(void **state)
{
	const char *corpus = getenv("CSRL_CORPUS");
	size_t i, accepted = 0, mutants = 0, maccepted = 0;
	char what[600];

	(void)state;
	if (!corpus || !*corpus)
		fail_msg("CSRL_CORPUS is not set: it must name the CSR corpus directory");
	assert_int_equal(nftw(corpus, collect, 16, FTW_PHYS), 0);
	assert_int_equal(nftw("tests/rules", collect, 16, FTW_PHYS), 0);
	assert_true(ninputs > 300);
	for (i = 0; i < ninputs; i++) {
		uint8_t *buf = malloc(inputs[i].len + 2), *tmp = malloc(inputs[i].len + 2);
		int m;

		assert_true(buf && tmp);
		accepted += (size_t)agree(inputs[i].der, inputs[i].len, inputs[i].name);
		for (m = 0; m < MUTANTS_PER_INPUT && inputs[i].len > 1; m++) {
			size_t n = mutate(inputs[i].der, inputs[i].len, buf);

			if (next() % 2 && n > 1) {       /* half of them: a second change */
				memcpy(tmp, buf, n);
				n = mutate(tmp, n, buf);
			}

			snprintf(what, sizeof what, "%s mutant %d", inputs[i].name, m);
			maccepted += (size_t)agree(buf, n, what);
			mutants++;
		}
		free(buf);
		free(tmp);
	}
	print_message("%zu inputs, %zu taken by the shortcut; %zu mutants, %zu taken\n", ninputs,
		      accepted, mutants, maccepted);
	/* Not vacuous: most clean requests, and many mutants (changed string or key bytes),
	 * go through the shortcut. */
	assert_true(accepted > ninputs / 3);
	assert_true(maccepted > mutants / 20);
	for (i = 0; i < ninputs; i++) {
		free(inputs[i].der);
		free(inputs[i].name);
	}
}

/* ok with byte at set to v: the shortcut declines it and libtasn1 refuses it. */
static void declined(const uint8_t *ok, size_t n, size_t at, uint8_t v)
{
	uint8_t b[64];
	struct csrl_der *tree = NULL;
	struct csrl_error err;

	assert_true(n <= sizeof b && at < n);
	memcpy(b, ok, n);
	b[at] = v;
	assert_int_equal(csrl_der_parse(b, n, NULL, &tree, &err), CSRL_ERR_OK);
	assert_false(csrl_schema_tree_accepts(tree));
	csrl_der_free(tree);
	assert_int_equal(csrl_schema_check(b, n, &err), CSRL_ERR_SCHEMA);
}

/* Each departure the shortcut guards against, on a hand-made request: declined, and libtasn1
 * indeed says no (or the shortcut is merely cautious, which costs time, not findings). */
static void test_declines(void **state)
{
	/* SEQUENCE { SEQUENCE { INTEGER 0, SEQUENCE {}, SEQUENCE { SEQUENCE { OID 1.2 },
	 * BIT STRING 00 }, [0] {} }, SEQUENCE { OID 1.2 }, BIT STRING 00 } */
	static const uint8_t ok[] = { 0x30, 0x1b, 0x30, 0x11, 0x02, 0x01, 0x00, 0x30, 0x00, 0x30,
		0x08, 0x30, 0x03, 0x06, 0x01, 0x2a, 0x03, 0x01, 0x00, 0xa0, 0x00, 0x30, 0x03, 0x06,
		0x01, 0x2a, 0x03, 0x01, 0x00 };
	struct csrl_der *tree = NULL;
	struct csrl_error err;

	(void)state;
	assert_int_equal(csrl_der_parse(ok, sizeof ok, NULL, &tree, &err), CSRL_ERR_OK);
	assert_true(csrl_schema_tree_accepts(tree));
	csrl_der_free(tree);
	assert_int_equal(csrl_schema_check(ok, sizeof ok, &err), CSRL_ERR_OK);
	assert_false(csrl_schema_tree_accepts(NULL));
	declined(ok, sizeof ok, 15, 0x80);   /* an OID whose subidentifier starts with 0x80 */
	declined(ok, sizeof ok, 4, 0x03);    /* the version a BIT STRING */
	declined(ok, sizeof ok, 19, 0xa1);   /* attributes with the wrong tag ([1]) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declines),
		cmocka_unit_test(test_inputs_and_mutants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
