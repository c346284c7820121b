/* test_api.c - the high-level library API of csrlint.h against the program's own path:
 *  - every corpus file linted through csrl_lint gives exactly the findings (or the error code
 *    and offset) that the engine gives through the input splitter and csrl_lint_csr;
 *  - profiles, enable/disable, a Lua plugin with a parameter, a policy, a blocklist;
 *  - fix and sign: the result parses, verifies, lost its fixable findings, and is the same
 *    DER that `csrlint fix --der` writes; encrypted keys; wrong keys; no secret in messages;
 *  - errors with codes and offsets; inspect to text, JSON and the ASN.1 tree;
 *  - four threads, each with its own context, lint the corpus and agree with one thread.
 * Run from the top of the tree (tests/run.sh does); the corpus is $CSRL_CORPUS. */
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

#include <jansson.h>

#include "csrlint.h"
#include "cli.h"
#include "input.h"
#include "lint.h"
#include "slurp.h"

#define NTHREADS 4
#define MAX_FILES 512

static const char *corpus;

struct file {
	char *path;
	uint8_t *buf;
	size_t len;
};

static struct file files[MAX_FILES];
static size_t nfiles;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;

	(void)st;
	if (type != FTW_F || strcmp(base, "MANIFEST.md") == 0 || strcmp(base, "SHA256SUMS") == 0)
		return 0;
	if (nfiles == MAX_FILES)
		return 1;
	files[nfiles].path = strdup(path);
	files[nfiles].buf = test_slurp(path, &files[nfiles].len);
	if (!files[nfiles].path || !files[nfiles].buf)
		return 1;
	nfiles++;
	return 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path, ((const struct file *)b)->path);
}

static int setup(void **state)
{
	(void)state;
	corpus = getenv("CSRL_CORPUS");
	if (!corpus)
		corpus = "../shared/corpus";
	if (nftw(corpus, collect, 16, FTW_PHYS) != 0 || nfiles < 100) {
		fprintf(stderr, "test_api: cannot read the corpus at %s (%zu files)\n", corpus,
			nfiles);
		return -1;
	}
	qsort(files, nfiles, sizeof *files, by_path);
	return 0;
}

static int teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].buf);
	}
	return 0;
}

/* A growing text buffer holding one line per finding. */
struct digest {
	char *s;
	size_t len;
	FILE *f;
};

static void digest_open(struct digest *d)
{
	memset(d, 0, sizeof *d);
	d->f = open_memstream(&d->s, &d->len);
	assert_non_null(d->f);
}

static char *digest_close(struct digest *d)
{
	assert_int_equal(fclose(d->f), 0);
	return d->s;
}

static char *digest_report(const struct csrl_report *rep)
{
	struct csrl_finding_view v;
	struct digest d;
	size_t i;

	digest_open(&d);
	for (i = 0; i < csrl_report_count(rep); i++) {
		assert_int_equal(csrl_report_get(rep, i, &v), CSRL_ERR_OK);
		assert_string_equal(v.severity_name,
				    csrl_severity_name((enum csrl_severity)v.severity));
		fprintf(d.f, "%s|%d|%s|%s|%zu|%zu\n", v.rule_id, (int)v.severity, v.message, v.path,
			v.offset, v.length);
	}
	return digest_close(&d);
}

/* The API's answer for one buffer: findings, or "error CODE @offset". */
static char *api_digest(struct csrl_ctx *ctx, const uint8_t *buf, size_t len)
{
	struct csrl_report *rep = NULL;
	struct csrl_error err;
	char *s;
	int rc;

	memset(&err, 0, sizeof err);
	rc = csrl_lint(ctx, buf, len, &rep, &err);
	if (rc != CSRL_ERR_OK) {
		assert_null(rep);
		assert_int_equal(err.code, rc);
		assert_true(err.msg[0] != '\0');
		if (asprintf(&s, "error %s @%zu\n", csrl_errname(rc), err.offset) < 0)
			fail();
		return s;
	}
	s = digest_report(rep);
	csrl_report_free(rep);
	return s;
}

/* The program's path: the input splitter, csrl_csr_parse and csrl_lint_csr. */
struct first {
	const struct csrl_lint_opts *opts;
	int seen;
	char *digest;
};

static void on_first(void *vctx, const struct csrl_input_item *it)
{
	struct first *fi = vctx;
	struct csrl_findings f = { 0 };
	struct csrl_csr *csr = NULL;
	struct csrl_error e;
	struct digest d;
	size_t i;
	int rc = it->err;
	size_t off = it->error.offset;

	if (fi->seen++)
		return;
	if (rc == CSRL_ERR_OK && (rc = csrl_csr_parse(it->der, it->der_len, &csr, &e)))
		off = e.offset;
	if (rc != CSRL_ERR_OK) {
		if (asprintf(&fi->digest, "error %s @%zu\n", csrl_errname(rc), off) < 0)
			fail();
		return;
	}
	csr->legacy_pem_label = it->legacy_label;
	csrl_lint_csr(csr, fi->opts, &f);
	digest_open(&d);
	for (i = 0; i < f.n; i++)
		fprintf(d.f, "%s|%d|%s|%s|%zu|%zu\n", f.v[i].rule_id, (int)f.v[i].severity,
			f.v[i].message, f.v[i].path, f.v[i].offset, f.v[i].length);
	fi->digest = digest_close(&d);
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
}

static char *engine_digest(const struct file *fl, const struct csrl_lint_opts *opts)
{
	struct first fi = { opts, 0, NULL };

	csrl_input_split(fl->path, fl->buf, fl->len, on_first, &fi);
	assert_non_null(fi.digest);
	return fi.digest;
}

static void compare_corpus(const char *profile, unsigned bit)
{
	struct csrl_lint_opts opts = { .profile = bit };
	struct csrl_ctx *ctx = csrl_ctx_new();
	size_t i, reports = 0;

	assert_non_null(ctx);
	assert_int_equal(csrl_ctx_set_profile(ctx, profile, NULL), CSRL_ERR_OK);
	for (i = 0; i < nfiles; i++) {
		char *a = api_digest(ctx, files[i].buf, files[i].len);
		char *b = engine_digest(&files[i], &opts);

		if (strcmp(a, b) != 0)
			fail_msg("%s (%s): API\n%s\nengine\n%s", files[i].path, profile, a, b);
		reports += strncmp(a, "error ", 6) != 0;
		free(a);
		free(b);
	}
	/* most of the corpus are requests, not key files */
	assert_true(reports >= 120);
	csrl_ctx_free(ctx);
}

static void test_corpus_matches_engine(void **state)
{
	(void)state;
	compare_corpus("tls-server", CSRL_PROFILE_TLS_SERVER);
	compare_corpus("rfc", CSRL_PROFILE_RFC);
}

static const struct file *corpus_file(const char *rel)
{
	size_t i, n = strlen(rel), m;

	for (i = 0; i < nfiles; i++) {
		m = strlen(files[i].path);
		if (m > n && strcmp(files[i].path + m - n, rel) == 0 &&
		    files[i].path[m - n - 1] == '/')
			return &files[i];
	}
	fail_msg("corpus file %s not found", rel);
	return NULL;
}

/* Lints a corpus file and returns the count of findings with rule id `id`. */
static size_t count_rule(struct csrl_ctx *ctx, const struct file *f, const char *id,
			 int *max_sev)
{
	struct csrl_report *rep = NULL;
	struct csrl_finding_view v;
	struct csrl_error err;
	size_t i, n = 0;

	assert_int_equal(csrl_lint(ctx, f->buf, f->len, &rep, &err), CSRL_ERR_OK);
	for (i = 0; i < csrl_report_count(rep); i++) {
		assert_int_equal(csrl_report_get(rep, i, &v), CSRL_ERR_OK);
		n += strcmp(v.rule_id, id) == 0;
	}
	assert_int_equal(csrl_report_get(rep, i, &v), CSRL_ERR_USAGE);
	if (max_sev)
		*max_sev = csrl_report_max_severity(rep);
	csrl_report_free(rep);
	return n;
}

static void test_version(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(csrl_version(), CSRL_VERSION_STRING);
	snprintf(buf, sizeof buf, "%d.%d.%d", CSRL_VERSION_MAJOR, CSRL_VERSION_MINOR,
		 CSRL_VERSION_PATCH);
	assert_string_equal(buf, CSRL_VERSION_STRING);
	assert_int_equal(CSRL_VERSION_NUMBER, (CSRL_VERSION_MAJOR << 16) |
			 (CSRL_VERSION_MINOR << 8) | CSRL_VERSION_PATCH);
}

static void test_profiles_and_selection(void **state)
{
	const struct file *no_names = corpus_file("boulder/ca/testdata/no_names.der.csr");
	const struct file *good = corpus_file("boulder/ca/testdata/ecdsa.der.csr");
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_error err;
	int sev;

	(void)state;
	/* default profile tls-server: a request without names is an error */
	assert_int_equal(count_rule(ctx, no_names, "san.missing", &sev), 1);
	assert_int_equal(sev, CSRL_LEVEL_ERROR);
	assert_int_equal(count_rule(ctx, good, "san.missing", &sev), 0);
	assert_true(sev < CSRL_LEVEL_ERROR);
	/* the rfc profile does not require names */
	assert_int_equal(csrl_ctx_set_profile(ctx, "rfc", &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, no_names, "san.missing", NULL), 0);
	/* ... unless the rule is enabled by prefix */
	assert_int_equal(csrl_ctx_enable(ctx, "san", &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, no_names, "san.missing", NULL), 1);
	/* disabling wins */
	assert_int_equal(csrl_ctx_disable(ctx, "san.missing", &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, no_names, "san.missing", NULL), 0);
	/* an unknown profile is refused and changes nothing */
	assert_int_equal(csrl_ctx_set_profile(ctx, "tls-client", &err), CSRL_ERR_USAGE);
	assert_int_equal(err.code, CSRL_ERR_USAGE);
	assert_non_null(strstr(err.msg, "unknown profile 'tls-client'"));
	/* a selector that is no rule id, and one that matches no rule */
	assert_int_equal(csrl_ctx_enable(ctx, "San Missing", &err), CSRL_ERR_USAGE);
	assert_int_equal(csrl_ctx_disable(ctx, "no.such.rule", &err), CSRL_ERR_OK);
	assert_int_equal(csrl_ctx_prepare(ctx, &err), CSRL_ERR_USAGE);
	assert_non_null(strstr(err.msg, "no rule matches 'no.such.rule'"));
	{
		struct csrl_report *rep = (struct csrl_report *)1;

		assert_int_equal(csrl_lint(ctx, good->buf, good->len, &rep, &err), CSRL_ERR_USAGE);
		assert_null(rep);
	}
	csrl_ctx_free(ctx);
}

static void test_plugin_and_param(void **state)
{
	const struct file *two_names = corpus_file("boulder/ra/CSRPEM.pem");
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_error err;

	(void)state;
	assert_int_equal(csrl_ctx_load_plugin(ctx, "plugins/rules/san_count.lua", &err),
			 CSRL_ERR_OK);
	/* unconfigured, the bundled rule checks nothing */
	assert_int_equal(count_rule(ctx, two_names, "policy.san.too-many", NULL), 0);
	assert_int_equal(csrl_ctx_set_param(ctx, "max_sans=1", &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, two_names, "policy.san.too-many", NULL), 1);
	assert_int_equal(csrl_ctx_set_param(ctx, "max_sans", &err), CSRL_ERR_USAGE);
	/* a plugin that does not exist is reported when the context is prepared */
	assert_int_equal(csrl_ctx_load_plugin(ctx, "tests/lib/no-such-plugin.lua", &err),
			 CSRL_ERR_OK);
	assert_int_not_equal(csrl_ctx_prepare(ctx, &err), CSRL_ERR_OK);
	assert_non_null(strstr(err.msg, "no-such-plugin.lua"));
	csrl_ctx_free(ctx);

	/* a report outlives its context: the Lua rule's id is copied */
	{
		struct csrl_report *rep;
		struct csrl_finding_view v;

		ctx = csrl_ctx_new();
		assert_int_equal(csrl_ctx_load_plugin(ctx, "tests/plugins/string-check.lua", &err),
				 CSRL_ERR_OK);
		assert_int_equal(csrl_lint(ctx, two_names->buf, two_names->len, &rep, &err),
				 CSRL_ERR_OK);
		csrl_ctx_free(ctx);
		assert_true(csrl_report_count(rep) >= 1);
		assert_int_equal(csrl_report_get(rep, 0, &v), CSRL_ERR_OK);
		assert_string_equal(v.rule_id, "test.string-check");
		assert_string_equal(v.message, "method ABC function ABC");
		assert_int_equal(v.severity, CSRL_LEVEL_INFO);
		csrl_report_free(rep);
	}
}

static void test_policy(void **state)
{
	const struct file *f = corpus_file("boulder/ra/CSRPEM.pem");
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_error err;

	(void)state;
	/* the policy configures the bundled rules, so they must be loaded too */
	assert_int_equal(csrl_ctx_load_plugin_dir(ctx, "plugins/rules", &err), CSRL_ERR_OK);
	assert_int_equal(csrl_ctx_set_policy(ctx, "plugins/policies/corp-devices.lua", &err),
			 CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, f, "policy.san.domain-not-allowed", NULL), 2);
	/* its profile, private-pki, does not flag internal names... */
	assert_int_equal(csrl_ctx_prepare(ctx, &err), CSRL_ERR_OK);
	/* ... and a policy file that does not exist is an error naming it */
	assert_int_equal(csrl_ctx_set_policy(ctx, "tests/lib/no-such-policy.lua", &err),
			 CSRL_ERR_OK);
	assert_int_not_equal(csrl_ctx_prepare(ctx, &err), CSRL_ERR_OK);
	assert_non_null(strstr(err.msg, "no-such-policy.lua"));
	csrl_ctx_free(ctx);
}

static void test_blocklist(void **state)
{
	const struct file *f = corpus_file("boulder/ca/testdata/ecdsa.der.csr");
	char path[] = "/tmp/csrl-api-blockXXXXXX";
	struct csrl_csr *csr;
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_error err;
	FILE *out;
	int fd, i;

	(void)state;
	assert_int_equal(count_rule(ctx, f, "key.blocklisted", NULL), 0);
	assert_int_equal(csrl_csr_parse(f->buf, f->len, &csr, &err), CSRL_ERR_OK);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	out = fdopen(fd, "w");
	for (i = 0; i < 32; i++)
		fprintf(out, "%02x", csr->key.spki_sha256[i]);
	fputc('\n', out);
	fclose(out);
	csrl_csr_free(csr);
	assert_int_equal(csrl_ctx_add_blocklist(ctx, path, &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, f, "key.blocklisted", NULL), 1);
	unlink(path);
	assert_int_equal(csrl_ctx_add_blocklist(ctx, path, &err), CSRL_ERR_IO);
	assert_int_equal(csrl_ctx_set_fermat_rounds(ctx, 99, &err), CSRL_ERR_USAGE);
	assert_int_equal(csrl_ctx_set_fermat_rounds(ctx, 1000, &err), CSRL_ERR_OK);
	assert_int_equal(count_rule(ctx, f, "key.blocklisted", NULL), 1);
	csrl_ctx_free(ctx);
}

static void test_errors(void **state)
{
	static const uint8_t garbage[] = "hello, world\n";
	static const char bad_b64[] = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB*AAA\n"
				      "-----END CERTIFICATE REQUEST-----\n";
	const struct file *der = corpus_file("boulder/ca/testdata/ecdsa.der.csr");
	const struct file *key = corpus_file("badkeys/tests/data/rsa-e1.key");
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_report *rep;
	struct csrl_error err;
	uint8_t *out;
	size_t n;
	char *text;

	(void)state;
	assert_int_equal(csrl_lint(ctx, garbage, sizeof garbage - 1, &rep, &err),
			 CSRL_ERR_NOT_PEM_OR_DER);
	assert_null(rep);
	assert_int_equal(err.offset, 0);
	assert_non_null(strstr(err.msg, "neither PEM"));
	assert_int_equal(csrl_lint(ctx, garbage, 0, &rep, &err), CSRL_ERR_EMPTY);
	/* a DER request cut short: the error names where it stopped */
	assert_int_equal(csrl_lint(ctx, der->buf, der->len / 2, &rep, &err), CSRL_ERR_TRUNCATED);
	assert_true(err.offset > 0 && err.offset < der->len);
	assert_int_equal(csrl_lint(ctx, (const uint8_t *)bad_b64, strlen(bad_b64), &rep, &err),
			 CSRL_ERR_PEM_BASE64);
	assert_int_equal(err.line, 2);
	assert_int_equal(csrl_lint(ctx, key->buf, key->len, &rep, &err), CSRL_ERR_PEM_NOT_CSR);
	assert_non_null(strstr(err.msg, "not a certificate request"));
	assert_int_equal(csrl_inspect_string(garbage, sizeof garbage - 1, CSRL_INSPECT_TEXT,
					     &text, &err), CSRL_ERR_NOT_PEM_OR_DER);
	assert_null(text);
	assert_int_equal(csrl_csr_decode(garbage, 3, &out, &n, NULL, &err),
			 CSRL_ERR_NOT_PEM_OR_DER);
	assert_null(out);
	/* NULL arguments are usage errors, never crashes */
	assert_int_equal(csrl_lint(ctx, der->buf, der->len, NULL, &err), CSRL_ERR_USAGE);
	assert_int_equal(csrl_lint(NULL, der->buf, der->len, &rep, NULL), CSRL_ERR_USAGE);
	assert_int_equal(csrl_report_count(NULL), 0);
	assert_int_equal(csrl_report_max_severity(NULL), -1);
	assert_int_equal(csrl_ctx_set_fix_flags(ctx, 0x100, &err), CSRL_ERR_USAGE);
	csrl_report_free(NULL);
	csrl_ctx_free(NULL);
	csrl_free(NULL);
	csrl_ctx_free(ctx);
}

static void test_decode_and_inspect(void **state)
{
	const struct file *pem = corpus_file("boulder/ra/CSRPEM.pem");
	const struct file *der = corpus_file("boulder/ca/testdata/ecdsa.der.csr");
	struct csrl_error err;
	uint8_t *d, *d2;
	size_t n, n2;
	char *text, *p;
	json_t *j;
	int legacy = -1;

	(void)state;
	/* DER comes back as it is; PEM through PEM gives the same DER */
	assert_int_equal(csrl_csr_decode(der->buf, der->len, &d, &n, &legacy, &err), CSRL_ERR_OK);
	assert_int_equal(n, der->len);
	assert_memory_equal(d, der->buf, n);
	assert_int_equal(legacy, 0);
	p = csrl_der_to_pem(d, n);
	assert_non_null(p);
	assert_non_null(strstr(p, "-----BEGIN CERTIFICATE REQUEST-----\n"));
	assert_int_equal(csrl_csr_decode((const uint8_t *)p, strlen(p), &d2, &n2, NULL, &err),
			 CSRL_ERR_OK);
	assert_int_equal(n2, n);
	assert_memory_equal(d2, d, n);
	csrl_free(p);
	csrl_free(d);
	csrl_free(d2);

	assert_int_equal(csrl_inspect_string(pem->buf, pem->len, CSRL_INSPECT_TEXT, &text, &err),
			 CSRL_ERR_OK);
	assert_non_null(strstr(text, "Certificate Request:"));
	assert_non_null(strstr(text, "not-example.com"));
	csrl_free(text);
	assert_int_equal(csrl_inspect_string(pem->buf, pem->len, CSRL_INSPECT_JSON, &text, &err),
			 CSRL_ERR_OK);
	j = json_loads(text, 0, NULL);
	assert_non_null(j);
	assert_non_null(json_object_get(j, "subject"));
	assert_true(json_is_false(json_object_get(j, "pem_label_legacy")));
	json_decref(j);
	csrl_free(text);
	assert_int_equal(csrl_inspect_string(der->buf, der->len, CSRL_INSPECT_ASN1, &text, &err),
			 CSRL_ERR_OK);
	assert_non_null(strstr(text, "SEQUENCE"));
	csrl_free(text);
	assert_int_equal(csrl_inspect_string(der->buf, der->len, (enum csrl_inspect_format)7,
					     &text, &err), CSRL_ERR_USAGE);
}

/* Reads a file of the tree into memory (the test fails when it cannot). */
static uint8_t *tree_file(const char *path, size_t *len)
{
	uint8_t *b = test_slurp(path, len);

	if (!b)
		fail_msg("cannot read %s", path);
	return b;
}

static void test_fix_and_sign(void **state)
{
	static const char pass[] = "correct horse battery staple";
	size_t csr_len, key_len, enc_len, p256_len, out_len, cli_len;
	uint8_t *csr = tree_file("tests/gen/keys/rsa2048.csr", &csr_len);
	uint8_t *key = tree_file("tests/rules/keys/rsa2048.pem", &key_len);
	uint8_t *enc = tree_file("tests/gen/keys/rsa2048-aes256.pem", &enc_len);
	uint8_t *p256 = tree_file("tests/rules/keys/p256.pem", &p256_len);
	uint8_t *out = NULL, *cli;
	char outpath[] = "/tmp/csrl-api-fixXXXXXX";
	struct csrl_ctx *ctx = csrl_ctx_new();
	struct csrl_verify_result vr;
	struct csrl_csr *fixed;
	struct csrl_error err;
	int fd;

	(void)state;
	/* before: the request has no subjectAltName */
	{
		const struct file f = { (char *)"rsa2048.csr", csr, csr_len };

		assert_int_equal(count_rule(ctx, &f, "san.missing", NULL), 1);
	}
	assert_int_equal(csrl_fix(ctx, csr, csr_len, key, key_len, NULL, &out, &out_len, &err),
			 CSRL_ERR_OK);
	assert_int_equal(csrl_csr_parse(out, out_len, &fixed, &err), CSRL_ERR_OK);
	csrl_verify(fixed, &vr);
	assert_int_equal(vr.status, CSRL_VERIFY_VALID);
	assert_int_equal(fixed->nexts, 1);
	assert_int_equal(fixed->exts[0].kind, CSRL_EXT_SAN);
	csrl_csr_free(fixed);
	{
		const struct file f = { (char *)"fixed", out, out_len };

		assert_int_equal(count_rule(ctx, &f, "san.missing", NULL), 0);
	}
	/* RSA PKCS#1 v1.5 signing is deterministic: the program writes the same bytes */
	fd = mkstemp(outpath);
	assert_true(fd >= 0);
	close(fd);
	{
		char *argv[] = { (char *)"fix", (char *)"--key",
				 (char *)"tests/rules/keys/rsa2048.pem", (char *)"--der",
				 (char *)"-o", outpath,
				 (char *)"tests/gen/keys/rsa2048.csr", NULL };

		assert_int_equal(csrl_cmd_fix(7, argv), CSRL_EXIT_OK);
	}
	cli = tree_file(outpath, &cli_len);
	unlink(outpath);
	assert_int_equal(cli_len, out_len);
	assert_memory_equal(cli, out, out_len);
	free(cli);
	csrl_free(out);

	/* an encrypted key: with its passphrase; without; with a wrong one (never echoed) */
	assert_int_equal(csrl_fix(ctx, csr, csr_len, enc, enc_len, pass, &out, &out_len, &err),
			 CSRL_ERR_OK);
	csrl_free(out);
	assert_int_equal(csrl_fix(ctx, csr, csr_len, enc, enc_len, NULL, &out, &out_len, &err),
			 CSRL_ERR_USAGE);
	assert_null(out);
	assert_non_null(strstr(err.msg, "encrypted"));
	assert_int_equal(csrl_fix(ctx, csr, csr_len, enc, enc_len, "hunter2-secret", &out,
				  &out_len, &err), CSRL_ERR_NOT_DER);
	assert_null(strstr(err.msg, "hunter2"));
	assert_null(strstr(err.msg, "PRIVATE"));
	/* a key that is not the request's */
	assert_int_equal(csrl_fix(ctx, csr, csr_len, p256, p256_len, NULL, &out, &out_len, &err),
			 CSRL_ERR_USAGE);
	assert_non_null(strstr(err.msg, "not the private key of this request"));
	assert_int_equal(csrl_fix(ctx, csr, csr_len, NULL, 0, NULL, &out, &out_len, &err),
			 CSRL_ERR_USAGE);
	/* PSS on request */
	assert_int_equal(csrl_ctx_set_fix_flags(ctx, CSRL_FIX_PSS, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_fix(ctx, csr, csr_len, key, key_len, NULL, &out, &out_len, &err),
			 CSRL_ERR_OK);
	assert_int_equal(csrl_csr_parse(out, out_len, &fixed, &err), CSRL_ERR_OK);
	assert_int_equal(fixed->sigalg.kind, CSRL_SIG_RSA_PSS);
	csrl_verify(fixed, &vr);
	assert_int_equal(vr.status, CSRL_VERIFY_VALID);
	csrl_csr_free(fixed);
	csrl_free(out);
	csrl_ctx_free(ctx);
	free(csr);
	free(key);
	free(enc);
	free(p256);
}

/* ---- Threads ------------------------------------------------------------------------- */

struct worker {
	pthread_t t;
	char **digests;
	int failed;
};

/* A context of its own with a Lua rule, so that Lua states run side by side too. */
static struct csrl_ctx *threaded_ctx(void)
{
	struct csrl_ctx *ctx = csrl_ctx_new();

	if (!ctx || csrl_ctx_load_plugin(ctx, "plugins/rules/san_count.lua", NULL) ||
	    csrl_ctx_set_param(ctx, "max_sans=1", NULL) || csrl_ctx_enable(ctx, "san", NULL)) {
		csrl_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct csrl_ctx *ctx = threaded_ctx();
	size_t i;

	if (!ctx) {
		w->failed = 1;
		return NULL;
	}
	for (i = 0; i < nfiles; i++)
		w->digests[i] = api_digest(ctx, files[i].buf, files[i].len);
	csrl_ctx_free(ctx);
	return NULL;
}

static void test_threads(void **state)
{
	struct worker w[NTHREADS];
	struct csrl_ctx *ctx = threaded_ctx();
	char **single = calloc(nfiles, sizeof *single);
	size_t i, too_many = 0;
	int t;

	(void)state;
	assert_non_null(ctx);
	for (i = 0; i < nfiles; i++) {
		single[i] = api_digest(ctx, files[i].buf, files[i].len);
		too_many += strstr(single[i], "policy.san.too-many|") != NULL;
	}
	csrl_ctx_free(ctx);
	assert_true(too_many >= 10);
	for (t = 0; t < NTHREADS; t++) {
		w[t].digests = calloc(nfiles, sizeof *w[t].digests);
		w[t].failed = 0;
		assert_int_equal(pthread_create(&w[t].t, NULL, work, &w[t]), 0);
	}
	for (t = 0; t < NTHREADS; t++)
		assert_int_equal(pthread_join(w[t].t, NULL), 0);
	for (t = 0; t < NTHREADS; t++) {
		assert_false(w[t].failed);
		for (i = 0; i < nfiles; i++) {
			if (strcmp(single[i], w[t].digests[i]) != 0)
				fail_msg("thread %d differs on %s", t, files[i].path);
			free(w[t].digests[i]);
		}
		free(w[t].digests);
	}
	for (i = 0; i < nfiles; i++)
		free(single[i]);
	free(single);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_corpus_matches_engine),
		cmocka_unit_test(test_profiles_and_selection),
		cmocka_unit_test(test_plugin_and_param),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_blocklist),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_decode_and_inspect),
		cmocka_unit_test(test_fix_and_sign),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
