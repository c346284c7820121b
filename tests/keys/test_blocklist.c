/* test_blocklist.c - compromised-key lists: every accepted format (SPKI SHA-256 in hex and
 * base64 as in Boulder's YAML, badkeys' BKHASH120/BKHASH64 text and its binary
 * blocklist.dat), comments, errors that name the line, a list of a million entries, and
 * key.blocklisted through csrl_lint_csr on the cases of tests/rules/key.blocklisted. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/base64.h>

#include "blocklist.h"
#include "input.h"
#include "lint.h"

#define CASES "tests/rules/key.blocklisted/"

/* Parsed requests of the rule's cases (the DER buffers must outlive them). */
struct req {
	uint8_t *file;
	struct csrl_csr *csr;
	uint8_t *der;
};

static void req_load(struct req *r, const char *name)
{
	struct csrl_pem_block blk = { 0 };
	struct csrl_error e;
	size_t len, pos = 0;

	assert_int_equal(csrl_input_read(name, &r->file, &len, &e), 0);
	assert_int_equal(csrl_pem_next((const char *)r->file, len, &pos, &blk, &e), 0);
	r->der = blk.der;
	assert_int_equal(csrl_csr_parse(blk.der, blk.der_len, &r->csr, &e), 0);
}

static void req_free(struct req *r)
{
	csrl_csr_free(r->csr);
	free(r->der);
	free(r->file);
}

/* Writes text to a temporary file; returns its name (static buffer). */
static const char *temp_list(const void *text, size_t len)
{
	static char name[64];
	FILE *f;
	int fd;

	strcpy(name, "/tmp/csrl-bl-XXXXXX");
	fd = mkstemp(name);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return name;
}

static struct csrl_blocklist *load_text(const char *text, int expect_rc, long expect_line)
{
	const char *name = temp_list(text, strlen(text));
	struct csrl_blocklist *bl = NULL;
	struct csrl_error e = { 0 };
	int rc = csrl_blocklist_load(name, &bl, &e);

	unlink(name);
	if (rc != expect_rc)
		fail_msg("load returned %d (%s), expected %d", rc, e.msg, expect_rc);
	if (expect_line)
		assert_int_equal(e.line, expect_line);
	return bl;
}

static void hex(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

static void test_formats(void **state)
{
	struct req p384, rsa, ed, good;
	struct csrl_blocklist *bl;
	char text[2048], h1[65], h2[65], b64[64];
	uint8_t bk[32];

	(void)state;
	req_load(&p384, CASES "error-p384-spki-sha256.pem");
	req_load(&rsa, CASES "error-rsa4096-bkhash120.pem");
	req_load(&ed, CASES "error-ed25519-bkhash64.pem");
	req_load(&good, CASES "pass-rsa2048.pem");

	/* SPKI SHA-256 in hex (upper case too), one per line, with comments */
	hex(p384.csr->key.spki_sha256, 32, h1);
	h1[0] = h1[0] >= 'a' ? (char)(h1[0] - 32) : h1[0];
	snprintf(text, sizeof text, "# comment\n\n  %s  # trailing comment\r\n", h1);
	bl = load_text(text, 0, 0);
	assert_int_equal(csrl_blocklist_count(bl), 1);
	assert_true(csrl_blocklist_has(bl, &p384.csr->key));
	assert_false(csrl_blocklist_has(bl, &good.csr->key));
	assert_non_null(strstr(csrl_blocklist_name(bl), "/tmp/csrl-bl-"));
	csrl_blocklist_free(bl);

	/* Boulder's YAML: base64 under blocked:, hex under blockedHashesHex: */
	base64_encode_raw(b64, 32, rsa.csr->key.spki_sha256);
	b64[BASE64_ENCODE_RAW_LENGTH(32)] = '\0';
	hex(ed.csr->key.spki_sha256, 32, h2);
	snprintf(text, sizeof text, "blocked:\n  - %s\nblockedHashesHex:\n  - %s\n", b64, h2);
	bl = load_text(text, 0, 0);
	assert_true(csrl_blocklist_has(bl, &rsa.csr->key));
	assert_true(csrl_blocklist_has(bl, &ed.csr->key));
	assert_false(csrl_blocklist_has(bl, &p384.csr->key));
	csrl_blocklist_free(bl);

	/* badkeys: BKHASH120 and a lookup.txt line (BKHASH64;path) */
	assert_true(csrl_blocklist_bkhash(&rsa.csr->key, bk));
	hex(bk, 15, h1);
	assert_true(csrl_blocklist_bkhash(&p384.csr->key, bk));
	hex(bk, 8, h2);
	snprintf(text, sizeof text, "%s\n%s;some/path/key.pem\n", h1, h2);
	bl = load_text(text, 0, 0);
	assert_int_equal(csrl_blocklist_count(bl), 2);
	assert_true(csrl_blocklist_has(bl, &rsa.csr->key));
	assert_true(csrl_blocklist_has(bl, &p384.csr->key));
	assert_false(csrl_blocklist_has(bl, &good.csr->key));
	assert_false(csrl_blocklist_has(NULL, &good.csr->key));
	csrl_blocklist_free(bl);

	/* badkeys' binary blocklist.dat: 16-octet records, BKHASH120 + list id */
	{
		uint8_t dat[48] = { 0 };
		const char *name;
		struct csrl_error e;

		assert_true(csrl_blocklist_bkhash(&ed.csr->key, bk));
		memset(dat, 0x01, 16);
		memcpy(dat + 16, bk, 15);
		dat[31] = 3;
		memset(dat + 32, 0xfe, 16);
		name = temp_list(dat, sizeof dat);
		assert_int_equal(csrl_blocklist_load(name, &bl, &e), 0);
		assert_int_equal(csrl_blocklist_count(bl), 3);
		assert_true(csrl_blocklist_has(bl, &ed.csr->key));
		assert_false(csrl_blocklist_has(bl, &rsa.csr->key));
		csrl_blocklist_free(bl);
		name = temp_list(dat, 40);  /* not whole records */
		assert_int_equal(csrl_blocklist_load(name, &bl, &e), CSRL_ERR_USAGE);
		assert_null(bl);
		unlink(name);
	}
	req_free(&p384);
	req_free(&rsa);
	req_free(&ed);
	req_free(&good);
}

static void test_errors(void **state)
{
	struct csrl_blocklist *bl;
	struct csrl_error e;

	(void)state;
	assert_null(load_text("# only a comment\n\n", CSRL_ERR_EMPTY, 0));
	assert_null(load_text("", CSRL_ERR_EMPTY, 0));
	assert_null(load_text("0123456789abcdef\nnot a hash\n", CSRL_ERR_USAGE, 2));
	assert_null(load_text("0123456789abcdeg\n", CSRL_ERR_USAGE, 1));
	assert_null(load_text("0123456789abcdef0\n", CSRL_ERR_USAGE, 1));   /* 17 digits */
	assert_int_equal(csrl_blocklist_load("/nonexistent/list", &bl, &e), CSRL_ERR_IO);
	assert_null(bl);
	csrl_blocklist_free(NULL);
}

/* A million BKHASH64 lines load (sorted once) and answer lookups. */
static void test_large(void **state)
{
	enum { N = 1000000 };
	char *text = malloc((size_t)N * 17 + 1), *p;
	struct csrl_blocklist *bl;
	struct csrl_pubkey key = { 0 };
	uint8_t n[256], h[32];
	uint64_t x = 88172645463325252ull;
	size_t i;

	(void)state;
	assert_non_null(text);
	for (i = 0, p = text; i < N; i++, p += 17) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		sprintf(p, "%016llx\n", (unsigned long long)x);
	}
	/* a fake RSA key whose BKHASH64 goes in the middle of the list */
	memset(n, 0x5a, sizeof n);
	key.type = CSRL_KEY_RSA;
	key.decoded = 1;
	key.rsa_n.p = n;
	key.rsa_n.len = sizeof n;
	assert_true(csrl_blocklist_bkhash(&key, h));
	hex(h, 8, text + 17 * (N / 2));
	text[17 * (N / 2) + 16] = '\n';
	bl = load_text(text, 0, 0);
	assert_int_equal(csrl_blocklist_count(bl), N);
	assert_true(csrl_blocklist_has(bl, &key));
	n[0] ^= 1;
	assert_false(csrl_blocklist_has(bl, &key));
	csrl_blocklist_free(bl);
	free(text);
}

/* key.blocklisted through the engine, with the list of tests/rules/key.blocklisted. */
static void lint_case(const struct csrl_blocklist *bl, const char *file, size_t expect)
{
	const struct csrl_blocklist *lists[] = { bl, NULL };
	const char *only[] = { "key.blocklisted", NULL };
	struct csrl_lint_opts opts = { .profile = CSRL_PROFILE_RFC, .enable = only,
				       .blocklists = lists };
	struct csrl_findings f = { 0 };
	struct req r;
	size_t i, hits = 0;

	req_load(&r, file);
	csrl_lint_csr(r.csr, &opts, &f);
	for (i = 0; i < f.n; i++)
		if (strcmp(f.v[i].rule_id, "key.blocklisted") == 0) {
			hits++;
			assert_int_equal(f.v[i].severity, CSRL_SEV_ERROR);
			assert_non_null(strstr(f.v[i].message, "blocklist.txt"));
		}
	if (hits != expect)
		fail_msg("%s: %zu findings of key.blocklisted, expected %zu", file, hits, expect);
	csrl_findings_clear(&f);
	opts.blocklists = NULL;             /* no list: the rule is NA */
	csrl_lint_csr(r.csr, &opts, &f);
	for (i = 0; i < f.n; i++)
		assert_string_not_equal(f.v[i].rule_id, "key.blocklisted");
	csrl_findings_clear(&f);
	req_free(&r);
}

static void test_rule(void **state)
{
	struct csrl_blocklist *bl;
	struct csrl_error e;

	(void)state;
	assert_int_equal(csrl_blocklist_load(CASES "blocklist.txt", &bl, &e), 0);
	assert_int_equal(csrl_blocklist_count(bl), 3);
	lint_case(bl, CASES "error-p384-spki-sha256.pem", 1);
	lint_case(bl, CASES "error-rsa4096-bkhash120.pem", 1);
	lint_case(bl, CASES "error-ed25519-bkhash64.pem", 1);
	lint_case(bl, CASES "pass-rsa2048.pem", 0);
	csrl_blocklist_free(bl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
