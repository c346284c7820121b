/* test_badkeys.c - badkeys' test keys ($CSRL_CORPUS/badkeys, see ../shared/corpus/MANIFEST.md)
 * are each detected as the defect their file name says, where that defect is in scope, under
 * the rfc and tls-server profiles. Key files are read with parsers/keyfile.c and wrapped into
 * a request (csrl_spki_to_csr); .csr files are linted as they are. Every file of the folder
 * must be in the table below, so that new corpus files are looked at.
 *
 * Out of scope (kind OUT):
 *   rsa-sharedprimes  needs the other key that shares its prime (batch GCD over a corpus:
 *                     key.rsa.shared-prime, tested in test_batchgcd.c);
 *   rsa-small-d       a small private exponent (Wiener) is visible only with d;
 *   rsa-vanity        badkeys' rsabias check compares against its own statistics;
 *   rsapoly32/128     badkeys' rsapoly check needs its list of known polynomial generators;
 *   dsa-sshpub-...    OpenSSH public key text, not PEM or DER.
 * rsa-debianweak is found by key.blocklisted with a one-line list built here from its SPKI
 * hash (the real Debian list has millions of entries). Private keys in the corpus are read
 * into buffers that are wiped before they are freed; nothing from them is printed.
 */
#define _DEFAULT_SOURCE                 /* explicit_bzero */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../parsers/keyfile.h"
#include "blocklist.h"
#include "lint.h"
#include "slurp.h"

enum kind {
	DETECT,         /* the rule must fire (in each profile that has it) */
	CLEAN,          /* no key.* error, except the listed rule (a type the profile refuses) */
	UNPARSEABLE,    /* the key reader refuses it (truncated, no public key, unsupported) */
	OUT,            /* out of scope: only must not crash */
	BLOCKLIST       /* key.blocklisted with a list holding its SPKI hash */
};

struct expect {
	const char *file;               /* path below badkeys/tests/data */
	enum kind kind;
	const char *rule;               /* DETECT: the rule; CLEAN: a tls-server refusal */
};

static const struct expect table[] = {
	{ "rsa-fermat.csr", DETECT, "key.rsa.fermat-factorable" },
	{ "rsa-fermat-pkcs1.key", DETECT, "key.rsa.fermat-factorable" },
	{ "rsa-fermat-pkcs8.key", DETECT, "key.rsa.fermat-factorable" },
	{ "rsa-smallfactors-corrupt.key", DETECT, "key.rsa.small-factor" },
	{ "rsa-smallfactors-valid.key", DETECT, "key.rsa.small-factor" },
	{ "rsa-roca.key", DETECT, "key.rsa.roca" },
	{ "rsa-e1.key", DETECT, "key.rsa.exponent-invalid" },
	{ "rsa-e-larger-n.key", DETECT, "key.rsa.exponent-invalid" },
	{ "rsa-large-e.key", DETECT, "key.rsa.exponent-out-of-range" },
	{ "rsanzero.key", DETECT, "key.rsa.modulus-invalid" },
	{ "rsazerozero.key", DETECT, "key.rsa.modulus-invalid" },
	{ "rsa-nprime.key", DETECT, "key.rsa.modulus-prime" },
	{ "rsa-pattern.key", DETECT, "key.rsa.modulus-pattern" },
	{ "ecdsa-explicit-pub.key", DETECT, "key.ec.curve-not-named" },
	{ "defect/invalidver.csr", DETECT, "csr.version-invalid" },
	{ "rsa-debianweak.key", BLOCKLIST, "key.blocklisted" },
	{ "rsa-ok.key", CLEAN, NULL },
	{ "ec-p256-rfc-example.key", CLEAN, NULL },
	{ "ed25519-rfc-example.key", CLEAN, "key.eddsa.not-allowed" },
	{ "x448-ok.key", CLEAN, "key.algorithm-not-allowed" },
	{ "dh-ok.key", CLEAN, "key.algorithm-not-allowed" },
	{ "mldsa44.key", CLEAN, "key.algorithm-not-allowed" },
	{ "unsupported/slhdsa.key", CLEAN, "key.algorithm-not-allowed" },
	{ "unsupported/gost.csr", CLEAN, "key.algorithm-not-allowed" },
	{ "unsupported/sm2-pub.key", CLEAN, "key.ec.curve-not-allowed" },
	{ "unsupported/sm2-priv.key", CLEAN, "key.ec.curve-not-allowed" },
	{ "mlkem768-private.key", UNPARSEABLE, NULL },
	{ "unsupported/mldsa44-both.key", UNPARSEABLE, NULL },
	{ "unsupported/mldsa44-expanded.key", UNPARSEABLE, NULL },
	{ "defect/dh0.key", UNPARSEABLE, NULL },
	{ "defect/private-fragment.key", UNPARSEABLE, NULL },
	{ "defect/public-fragment.key", UNPARSEABLE, NULL },
	{ "rsa-sharedprimes.key", OUT, NULL },
	{ "rsa-small-d.key", OUT, NULL },
	{ "rsa-vanity.key", OUT, NULL },
	{ "rsapoly32.key", OUT, NULL },
	{ "rsapoly128.key", OUT, NULL },
	{ "dsa-sshpub-ietf-example.key", OUT, NULL },
};
#define NTABLE (sizeof table / sizeof table[0])

static char datadir[512];
static int seen[NTABLE];

static void wipe_free(uint8_t *buf, size_t len)
{
	explicit_bzero(buf, len);       /* corpus files may hold private keys */
	free(buf);
}

/* A request for the file: the CSR itself, or its key wrapped. *der owns the CSR bytes. */
static int load(const char *path, struct csrl_csr **csr, uint8_t **der, int *wrapped)
{
	size_t len, slen;
	uint8_t *buf = test_slurp(path, &len), *spki;
	struct csrl_error e;
	int rc;

	assert_non_null(buf);
	*der = NULL;
	*wrapped = strstr(path, ".csr") == NULL;
	if (!*wrapped) {
		struct csrl_pem_block blk = { 0 };
		size_t pos = 0;

		assert_int_equal(csrl_pem_next((const char *)buf, len, &pos, &blk, &e), 0);
		*der = blk.der;          /* keep: the model points into it */
		rc = csrl_csr_parse(blk.der, blk.der_len, csr, &e);
		wipe_free(buf, len);
		return rc;
	}
	rc = csrl_keyfile_spki(buf, len, &spki, &slen, &e);
	wipe_free(buf, len);
	if (rc != CSRL_ERR_OK)
		return rc;
	rc = csrl_spki_to_csr(spki, slen, csr, &e);
	free(spki);
	return rc;
}

static void unload(struct csrl_csr *csr, uint8_t *der, int wrapped)
{
	if (wrapped)
		csrl_spki_csr_free(csr);
	else
		csrl_csr_free(csr);
	free(der);
}

static size_t count(const struct csrl_findings *f, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += strcmp(f->v[i].rule_id, rule) == 0;
	return n;
}

static void check_one(const struct expect *x, const char *path, unsigned profile)
{
	const struct csrl_blocklist *lists[2] = { NULL, NULL };
	struct csrl_blocklist *bl = NULL;
	struct csrl_lint_opts opts = { .profile = profile };
	struct csrl_findings f = { 0 };
	struct csrl_csr *csr = NULL;
	uint8_t *der;
	int wrapped, rc = load(path, &csr, &der, &wrapped);
	const struct csrl_rule *r;
	size_t i;

	if (x->kind == UNPARSEABLE) {
		if (rc == CSRL_ERR_OK)
			fail_msg("%s: expected the key reader to refuse it", x->file);
		return;
	}
	if (x->kind == OUT && rc != CSRL_ERR_OK)
		return;
	if (rc != CSRL_ERR_OK)
		fail_msg("%s: does not load (error %d)", x->file, rc);
	if (x->kind == BLOCKLIST) {
		char tmp[] = "/tmp/csrl-badkeys-XXXXXX";
		int fd = mkstemp(tmp);
		FILE *out = fdopen(fd, "w");
		struct csrl_error e;

		assert_non_null(out);
		fprintf(out, "# the one key of the test\n");
		for (i = 0; i < 32; i++)
			fprintf(out, "%02x", csr->key.spki_sha256[i]);
		fprintf(out, "\n");
		fclose(out);
		assert_int_equal(csrl_blocklist_load(tmp, &bl, &e), CSRL_ERR_OK);
		unlink(tmp);
		lists[0] = bl;
		opts.blocklists = lists;
	}
	csrl_lint_csr(csr, &opts, &f);
	if (getenv("CSRL_BADKEYS_VERBOSE"))
		for (i = 0; i < f.n; i++)
			printf("%s [%s]: %s\n", x->file, csrl_profile_name(profile), f.v[i].rule_id);
	switch (x->kind) {
	case DETECT:
	case BLOCKLIST:
		r = csrl_rule_find(x->rule);
		assert_non_null(r);
		if ((r->profiles & profile) && !count(&f, x->rule))
			fail_msg("%s [%s]: %s not reported", x->file, csrl_profile_name(profile),
				 x->rule);
		break;
	case CLEAN:
		for (i = 0; i < f.n; i++)
			if (strncmp(f.v[i].rule_id, "key.", 4) == 0 &&
			    f.v[i].severity >= CSRL_SEV_ERROR &&
			    !(x->rule && strcmp(f.v[i].rule_id, x->rule) == 0))
				fail_msg("%s [%s]: unexpected %s", x->file,
					 csrl_profile_name(profile), f.v[i].rule_id);
		break;
	default:
		break;
	}
	csrl_findings_clear(&f);
	csrl_blocklist_free(bl);
	unload(csr, der, wrapped);
}

static void walk(const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024], sub[512];
		struct stat st;
		size_t i;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		snprintf(sub, sizeof sub, "%s%s", rel, e->d_name);
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			char r2[600];

			snprintf(r2, sizeof r2, "%s/", sub);
			walk(path, r2);
			continue;
		}
		for (i = 0; i < NTABLE && strcmp(table[i].file, sub) != 0; i++)
			;
		if (i == NTABLE)
			fail_msg("%s: not in the table of test_badkeys.c", sub);
		seen[i] = 1;
		check_one(&table[i], path, CSRL_PROFILE_RFC);
		check_one(&table[i], path, CSRL_PROFILE_TLS_SERVER);
	}
	closedir(d);
}

static void test_corpus(void **state)
{
	size_t i;

	(void)state;
	walk(datadir, "");
	for (i = 0; i < NTABLE; i++)
		if (!seen[i])
			fail_msg("%s: in the table but not in the corpus", table[i].file);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_corpus) };
	const char *corpus = getenv("CSRL_CORPUS");

	if (!corpus || !*corpus) {
		fprintf(stderr, "test_badkeys: set CSRL_CORPUS to the shared corpus "
			"(../shared/corpus)\n");
		return 1;
	}
	snprintf(datadir, sizeof datadir, "%s/badkeys/tests/data", corpus);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
