/* test_moduli.c - the moduli export (core/moduli.c): writer/reader round trip on the corpus,
 * every truncation and every flipped bit of a real export rejected with its offset, declared
 * lengths over their bounds rejected, writer errors, name disambiguation, and the corpus split
 * into two shards whose merged exports give exactly the cross-input findings of one run over
 * all of it (shared primes, reused keys, duplicates planted across the shards).
 *
 * `test_moduli --write OUT FILE|DIR...` writes an export of the CSRs in the inputs under the
 * names lint gives them ("a.pem", "a.pem #2"): tests/cli/test_batch_gcd.sh uses it while
 * `lint --export-moduli` is not available. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "moduli.h"

#define RULES "tests/rules"

/* One request read from a file, kept with the name lint would give it. */
struct item {
	char *name;
	uint8_t *der;
	size_t len;
};

struct items {
	struct item *v;
	size_t n, cap;
	const char *strip;              /* prefix left out of names (the corpus folder) */
};

static void on_input(void *ctx, const struct csrl_input_item *it)
{
	struct items *l = ctx;
	const char *path = csrl_input_name(it->path);
	char name[4200];

	if (it->err != CSRL_ERR_OK)
		return;
	if (l->strip && strncmp(path, l->strip, strlen(l->strip)) == 0)
		path += strlen(l->strip);
	if (it->index > 1)
		snprintf(name, sizeof name, "%s #%u", path, it->index);
	else
		snprintf(name, sizeof name, "%s", path);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	l->v[l->n].name = strdup(name);
	l->v[l->n].der = malloc(it->der_len);
	assert_non_null(l->v[l->n].name);
	assert_non_null(l->v[l->n].der);
	memcpy(l->v[l->n].der, it->der, it->der_len);
	l->v[l->n++].len = it->der_len;
}

static void load(struct items *l, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		csrl_input_dir(path, on_input, l);
	else
		csrl_input_file(path, on_input, l);
}

static void items_free(struct items *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].der);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static const char *corpus(void)
{
	const char *dir = getenv("CSRL_CORPUS");

	return dir && *dir ? dir : "../shared/corpus";
}

/* Parses item i, or NULL when it is not a request (the corpus holds broken ones). */
static struct csrl_csr *parse(const struct item *it)
{
	struct csrl_csr *csr;
	struct csrl_error e;

	return csrl_csr_parse(it->der, it->len, &csr, &e) == CSRL_ERR_OK ? csr : NULL;
}

/* Writes the parsable items of l (those with keep[i], or all when keep is NULL) to path. */
static size_t write_export(const char *path, const struct items *l, const char *keep)
{
	struct csrl_moduli_writer *w;
	struct csrl_error e;
	size_t i, n = 0;

	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_OK);
	for (i = 0; i < l->n; i++) {
		struct csrl_csr *csr;

		if ((keep && !keep[i]) || !(csr = parse(&l->v[i])))
			continue;
		assert_int_equal(csrl_moduli_writer_add(w, l->v[i].name, csr), CSRL_ERR_OK);
		csrl_csr_free(csr);
		n++;
	}
	assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_OK);
	return n;
}

static char tmpdir[64];

static void tmp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
}

static uint8_t *slurp(const char *path, size_t *len)
{
	uint8_t *buf;
	struct csrl_error e;

	assert_int_equal(csrl_input_read(path, &buf, len, &e), CSRL_ERR_OK);
	return buf;
}

/* Reads len bytes of buf as an export; returns the result and the record count. */
static int read_bytes(const uint8_t *buf, size_t len, uint64_t *count, struct csrl_error *e)
{
	FILE *f = tmpfile();
	int rc;

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	rewind(f);
	memset(e, 0, sizeof *e);
	rc = csrl_moduli_read_stream(f, NULL, NULL, count, NULL, e);
	fclose(f);
	return rc;
}

/* ---- round trip ------------------------------------------------------------------------ */

struct expect {
	struct items *l;
	size_t next, rsa, keyless;
};

/* Each record read back must equal the record of the next parsable item. */
static int check_record(void *ctx, const struct csrl_batch_record *got)
{
	struct expect *x = ctx;
	struct csrl_batch_record want;
	struct csrl_csr *csr = NULL;

	while (x->next < x->l->n && !(csr = parse(&x->l->v[x->next])))
		x->next++;
	assert_non_null(csr);
	csrl_batch_record_of(csr, &want);
	assert_string_equal(got->name, x->l->v[x->next].name);
	assert_int_equal(got->has_key, want.has_key);
	assert_memory_equal(got->spki, want.spki, 32);
	assert_memory_equal(got->subject, want.subject, 32);
	assert_memory_equal(got->der, want.der, 32);
	assert_int_equal(got->modulus_len, want.modulus_len);
	if (want.modulus_len)
		assert_memory_equal(got->modulus, want.modulus, want.modulus_len);
	x->rsa += want.modulus_len > 0;
	x->keyless += !want.has_key;
	csrl_csr_free(csr);
	x->next++;
	return CSRL_ERR_OK;
}

static void test_roundtrip_corpus(void **state)
{
	struct items l = { 0 };
	struct expect x = { 0 };
	struct csrl_error e;
	char path[128];
	uint64_t count;
	uint8_t digest[32];
	size_t n;

	(void)state;
	load(&l, corpus());
	assert_true(l.n >= 100);
	tmp_path(path, sizeof path, "corpus.mod");
	n = write_export(path, &l, NULL);
	assert_true(n >= 100);
	x.l = &l;
	assert_int_equal(csrl_moduli_read(path, check_record, &x, &count, digest, &e),
			 CSRL_ERR_OK);
	assert_int_equal(count, n);
	assert_true(x.rsa >= 50);                 /* RSA and other keys both came through */
	assert_true(n - x.rsa >= 20);
	items_free(&l);
}

/* ---- damaged files --------------------------------------------------------------------- */

/* A small real export: the shared-prime pair, an EC request and a nameless record. */
static uint8_t *small_export(size_t *len)
{
	struct items l = { 0 };
	struct csrl_moduli_writer *w;
	struct csrl_batch_record rec;
	struct csrl_csr *csr;
	struct csrl_error e;
	char path[128];
	size_t i;

	load(&l, RULES "/key.rsa.shared-prime/error-two-share-p.pem");
	load(&l, RULES "/key.reused/warning-ec-three.pem");
	assert_true(l.n >= 3);
	tmp_path(path, sizeof path, "small.mod");
	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_OK);
	for (i = 0; i < 3; i++) {
		assert_non_null(csr = parse(&l.v[i]));
		csrl_batch_record_of(csr, &rec);
		rec.name = i == 2 ? NULL : l.v[i].name;
		assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_OK);
		csrl_csr_free(csr);
	}
	assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_OK);
	items_free(&l);
	return slurp(path, len);
}

static void test_truncated_everywhere(void **state)
{
	size_t len, cut;
	uint8_t *buf = small_export(&len);
	struct csrl_error e;
	uint64_t count;

	(void)state;
	assert_int_equal(read_bytes(buf, len, &count, &e), CSRL_ERR_OK);
	assert_int_equal(count, 3);
	for (cut = 0; cut < len; cut++) {
		int rc = read_bytes(buf, cut, &count, &e);

		if (rc != CSRL_ERR_TRUNCATED || e.offset != cut)
			fail_msg("cut at %zu: rc %s, offset %zu: %s", cut, csrl_errname(rc),
				 e.offset, e.msg);
		assert_true(strlen(e.msg) > 10);
		assert_int_equal(count, 0);
	}
	free(buf);
}

static void test_flipped_everywhere(void **state)
{
	size_t len, i;
	uint8_t *buf = small_export(&len);
	struct csrl_error e;
	uint64_t count;
	int bit;

	(void)state;
	for (i = 0; i < len; i++)
		for (bit = 0; bit < 8; bit += 7) {          /* lowest and highest bit */
			int rc;

			buf[i] ^= (uint8_t)(1u << bit);
			rc = read_bytes(buf, len, &count, &e);
			buf[i] ^= (uint8_t)(1u << bit);
			if (rc == CSRL_ERR_OK || e.offset > len || !e.msg[0])
				fail_msg("bit %d of byte %zu: rc %s, offset %zu: %s", bit, i,
					 csrl_errname(rc), e.offset, e.msg);
		}
	free(buf);
}

/* Header, then one record length field. */
static size_t start(uint8_t *p, uint32_t len)
{
	memcpy(p, CSRL_MODULI_MAGIC, 8);
	p[8] = p[9] = p[10] = 0;
	p[11] = CSRL_MODULI_VERSION;
	p[12] = (uint8_t)(len >> 24);
	p[13] = (uint8_t)(len >> 16);
	p[14] = (uint8_t)(len >> 8);
	p[15] = (uint8_t)len;
	return 16;
}

static void expect_error(const uint8_t *buf, size_t len, int code, size_t offset,
			 const char *words)
{
	struct csrl_error e;
	uint64_t count;
	int rc = read_bytes(buf, len, &count, &e);

	if (rc != code || e.offset != offset || !strstr(e.msg, words))
		fail_msg("want %s at %zu (\"%s\"), got %s at %zu: %s", csrl_errname(code), offset,
			 words, csrl_errname(rc), e.offset, e.msg);
}

static void test_bounds(void **state)
{
	uint8_t buf[512];
	size_t n;

	(void)state;
	memset(buf, 0, sizeof buf);
	expect_error(buf, 0, CSRL_ERR_TRUNCATED, 0, "empty");
	memcpy(buf, "-----BEGIN CERTIFICATE REQUEST-----\n", 36);
	expect_error(buf, 36, CSRL_ERR_CORRUPT, 0, "not a csrlint moduli export");
	start(buf, 0);
	buf[11] = 2;
	expect_error(buf, 16, CSRL_ERR_CORRUPT, 8, "version 2");
	/* record lengths: 4 GiB, one past the bound, below the fixed fields */
	start(buf, 0xFFFFFFFFu);
	expect_error(buf, 16, CSRL_ERR_TOO_LARGE, 12, "4294967295 bytes");
	start(buf, CSRL_MODULI_MAX_RECORD + 1);
	expect_error(buf, 16, CSRL_ERR_TOO_LARGE, 12, "more than");
	start(buf, 100);
	expect_error(buf, 16, CSRL_ERR_CORRUPT, 12, "fewer than");
	/* a 200-byte record whose name length says 65535, then 4097, then 300 */
	memset(buf, 0, sizeof buf);
	n = start(buf, 200);
	buf[n + 1] = 0xFF;
	buf[n + 2] = 0xFF;
	expect_error(buf, n + 200, CSRL_ERR_TOO_LARGE, 17, "65535 bytes");
	buf[n + 1] = 0x10;
	buf[n + 2] = 0x01;
	expect_error(buf, n + 200, CSRL_ERR_TOO_LARGE, 17, "4097 bytes");
	buf[n + 1] = 0x01;
	buf[n + 2] = 0x2C;
	expect_error(buf, n + 200, CSRL_ERR_CORRUPT, 17, "overruns");
	/* name length 0, modulus length 65535, 2049, then 90 in a record of 101 + 99 */
	buf[n + 1] = buf[n + 2] = 0;
	buf[n + 99] = 0xFF;
	buf[n + 100] = 0xFF;
	expect_error(buf, n + 200, CSRL_ERR_TOO_LARGE, n + 99, "65535 bytes");
	buf[n + 99] = 0x08;
	buf[n + 100] = 0x01;
	expect_error(buf, n + 200, CSRL_ERR_TOO_LARGE, n + 99, "2049 bytes");
	buf[n + 99] = 0;
	buf[n + 100] = 90;
	expect_error(buf, n + 200, CSRL_ERR_CORRUPT, n + 99, "length says 200");
	buf[n + 100] = 99;                          /* fits, but starts with a zero byte */
	expect_error(buf, n + 200, CSRL_ERR_CORRUPT, n + 101, "leading zero");
	buf[n + 101] = 0x80;
	buf[n] = 0x04;                              /* an unknown flag */
	expect_error(buf, n + 200, CSRL_ERR_CORRUPT, n, "flags");
	buf[n] = 0;
	/* the record is sound now: the file ends where the end marker should be */
	expect_error(buf, n + 200, CSRL_ERR_TRUNCATED, n + 200, "end marker");
	/* an end saying 5 records */
	memset(buf + n + 200, 0, 12);
	buf[n + 211] = 5;
	expect_error(buf, n + 212, CSRL_ERR_CORRUPT, n + 204, "5 records");
	buf[n + 211] = 1;
	memset(buf + n + 212, 0, 32);
	expect_error(buf, n + 244, CSRL_ERR_CORRUPT, n + 212, "checksum");
}

static void test_trailing_data(void **state)
{
	size_t len;
	uint8_t *buf = small_export(&len), *more = malloc(len + 1);

	(void)state;
	assert_non_null(more);
	memcpy(more, buf, len);
	more[len] = '\n';
	expect_error(more, len + 1, CSRL_ERR_CORRUPT, len, "after the end");
	free(more);
	free(buf);
}

/* ---- writing --------------------------------------------------------------------------- */

static void test_writer_errors(void **state)
{
	struct csrl_moduli_writer *w;
	struct csrl_batch_record rec;
	struct csrl_error e;
	uint8_t zero[3] = { 0, 1, 2 }, big[CSRL_BATCH_MAX_MODULUS + 1];
	char path[128];
	int i;

	(void)state;
	tmp_path(path, sizeof path, "no/such/dir/x.mod");
	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_IO);
	assert_null(w);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(csrl_moduli_writer_close(NULL, &e), CSRL_ERR_OK);
	/* a full disk: the error comes at the latest from close, and names the file */
	if (access("/dev/full", W_OK) == 0) {
		assert_int_equal(csrl_moduli_writer_open("/dev/full", &w, &e), CSRL_ERR_OK);
		memset(&rec, 0x11, sizeof rec);
		rec.name = "a.pem";
		rec.modulus = NULL;
		rec.modulus_len = 0;
		for (i = 0; i < 100; i++)
			(void)csrl_moduli_writer_add_record(w, &rec);
		assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_IO);
		assert_non_null(strstr(e.msg, "/dev/full"));
	}
	tmp_path(path, sizeof path, "bad.mod");
	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_OK);
	memset(&rec, 0, sizeof rec);
	rec.modulus = zero;
	rec.modulus_len = sizeof zero;
	assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_USAGE);
	memset(big, 0xFF, sizeof big);
	rec.modulus = big;
	rec.modulus_len = sizeof big;
	assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_USAGE);
	rec.modulus_len--;                          /* at the bound: fine */
	assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_OK);
	assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_OK);
}

static int keep_name(void *ctx, const struct csrl_batch_record *rec)
{
	char **out = ctx;

	*out = strdup(rec->name);
	return CSRL_ERR_OK;
}

/* A name over the bound keeps its end, where a path names its file and CSR number. */
static void test_long_name(void **state)
{
	struct csrl_moduli_writer *w;
	struct csrl_batch_record rec;
	struct csrl_error e;
	char path[128], *name = malloc(6000), *got = NULL;
	uint64_t count;
	size_t i;

	(void)state;
	assert_non_null(name);
	for (i = 0; i < 5000; i += 2) {         /* "é" 2,500 times: the cut falls inside one */
		name[i] = (char)0xC3;
		name[i + 1] = (char)0xA9;
	}
	strcpy(name + i, "/x.pem #12");
	tmp_path(path, sizeof path, "long.mod");
	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_OK);
	memset(&rec, 0, sizeof rec);
	rec.name = name;
	assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_OK);
	assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_OK);
	assert_int_equal(csrl_moduli_read(path, keep_name, &got, &count, NULL, &e), CSRL_ERR_OK);
	assert_non_null(got);
	assert_true(strlen(got) <= CSRL_MODULI_MAX_NAME);
	assert_true(strlen(got) >= CSRL_MODULI_MAX_NAME - 3);
	assert_memory_equal(got, "...", 3);
	assert_true(((uint8_t)got[3] & 0xC0) != 0x80);          /* starts a character */
	assert_string_equal(got + strlen(got) - 10, "/x.pem #12");
	free(got);
	free(name);
}

/* ---- merging ---------------------------------------------------------------------------- */

struct finding {
	size_t input;
	char rule[32];
	char *message;
};

struct findings {
	struct finding v[512];
	size_t n;
};

static void collect(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	struct findings *f = ctx;

	assert_true(f->n < 512);
	f->v[f->n].input = input_no;
	snprintf(f->v[f->n].rule, sizeof f->v[f->n].rule, "%s", rule_id);
	f->v[f->n++].message = strdup(message);
}

static void findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].message);
	f->n = 0;
}

/* Whether input i (by name in b) has a finding of rule whose message names other. */
static int has(const struct csrl_batch *b, const struct findings *f, const char *name,
	       const char *rule, const char *other)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(csrl_batch_name(b, f->v[i].input), name) == 0 &&
		    strcmp(f->v[i].rule, rule) == 0 && strstr(f->v[i].message, other))
			return 1;
	return 0;
}

/* The corpus and three planted bundles, split into two shards: the merged exports must give
 * the findings of one batch over every request, in the same order, word for word. */
static void test_shards(void **state)
{
	static const char *const planted[] = {
		RULES "/key.rsa.shared-prime/error-two-share-p.pem",
		RULES "/key.reused/warning-two-subjects.pem",
		RULES "/csr.duplicate/notice-twice.pem",
	};
	struct items l = { 0 };
	struct csrl_moduli_file files[2];
	struct csrl_batch *one, *merged;
	struct findings *a = calloc(1, sizeof *a), *m = calloc(1, sizeof *m);
	char *keep, p0[128], p1[128];
	size_t i, k, n0, n1, first_planted;

	(void)state;
	assert_non_null(a);
	assert_non_null(m);
	l.strip = corpus();
	load(&l, corpus());
	first_planted = l.n;
	for (i = 0; i < 3; i++)
		load(&l, planted[i]);
	assert_int_equal(l.n, first_planted + 6);
	/* shard 0: the even corpus items and the first request of each bundle */
	keep = malloc(l.n);
	assert_non_null(keep);
	for (i = 0; i < l.n; i++)
		keep[i] = i < first_planted ? i % 2 == 0 : (i - first_planted) % 2 == 0;
	tmp_path(p0, sizeof p0, "shard-0.mod");
	tmp_path(p1, sizeof p1, "shard-1.mod");
	n0 = write_export(p0, &l, keep);
	for (i = 0; i < l.n; i++)
		keep[i] = !keep[i];
	n1 = write_export(p1, &l, keep);
	/* one batch over every request, shard 0's first */
	assert_non_null(one = csrl_batch_new());
	for (k = 0; k < 2; k++)
		for (i = 0; i < l.n; i++) {
			struct csrl_csr *csr;

			if (keep[i] == (k == 0) || !(csr = parse(&l.v[i])))
				continue;
			assert_int_equal(csrl_batch_add(one, csrl_batch_count(one), l.v[i].name,
							csr), CSRL_ERR_OK);
			csrl_csr_free(csr);
		}
	csrl_batch_run(one, collect, a);
	/* the merge that batch-gcd does */
	assert_non_null(merged = csrl_batch_new());
	memset(files, 0, sizeof files);
	files[0].path = p0;
	files[1].path = p1;
	assert_int_equal(csrl_moduli_merge(merged, files, 2), CSRL_ERR_OK);
	assert_int_equal(files[0].rc, CSRL_ERR_OK);
	assert_int_equal(files[1].rc, CSRL_ERR_OK);
	assert_int_equal(files[0].count, n0);
	assert_int_equal(files[1].first, n0);
	assert_int_equal(csrl_batch_count(merged), n0 + n1);
	assert_int_equal(csrl_batch_rsa_count(merged), csrl_batch_rsa_count(one));
	csrl_batch_run(merged, collect, m);
	assert_int_equal(m->n, a->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(m->v[i].input, a->v[i].input);
		assert_string_equal(m->v[i].rule, a->v[i].rule);
		assert_string_equal(m->v[i].message, a->v[i].message);
		assert_string_equal(csrl_batch_name(merged, m->v[i].input),
				    csrl_batch_name(one, a->v[i].input));
	}
	/* and the planted pairs, one request in each shard, are among them */
	assert_true(has(merged, m, planted[0], "key.rsa.shared-prime", " #2"));
	assert_true(has(merged, m, RULES "/key.rsa.shared-prime/error-two-share-p.pem #2",
			"key.rsa.shared-prime", planted[0]));
	assert_true(has(merged, m, planted[1], "key.reused", " #2"));
	assert_true(has(merged, m, RULES "/key.reused/warning-two-subjects.pem #2",
			"key.reused", planted[1]));
	assert_true(has(merged, m, planted[2], "csr.duplicate", " #2"));
	assert_true(has(merged, m, RULES "/csr.duplicate/notice-twice.pem #2",
			"csr.duplicate", planted[2]));
	findings_free(a);
	findings_free(m);
	csrl_batch_free(one);
	csrl_batch_free(merged);
	free(keep);
	free(a);
	free(m);
	items_free(&l);
}

/* Writes records named names[] (NULL: no name) with distinct made-up hashes to path. */
static void write_names(const char *path, const char *const *names, size_t n, uint8_t seed)
{
	struct csrl_moduli_writer *w;
	struct csrl_batch_record rec;
	struct csrl_error e;
	size_t i;

	assert_int_equal(csrl_moduli_writer_open(path, &w, &e), CSRL_ERR_OK);
	for (i = 0; i < n; i++) {
		memset(&rec, 0, sizeof rec);
		rec.name = names[i];
		rec.has_key = 1;
		memset(rec.spki, seed + (uint8_t)i, 32);
		memset(rec.subject, seed + (uint8_t)i, 32);
		memset(rec.der, seed + (uint8_t)i, 32);
		assert_int_equal(csrl_moduli_writer_add_record(w, &rec), CSRL_ERR_OK);
	}
	assert_int_equal(csrl_moduli_writer_close(w, &e), CSRL_ERR_OK);
}

static void test_merge_names(void **state)
{
	static const char *const one[] = { "a.pem", "b.pem" };
	static const char *const two[] = { "a.pem", "c.pem", "c.pem", NULL };
	struct csrl_moduli_file f[5];
	struct csrl_batch *b;
	char p[5][128], want[160];
	FILE *fp;
	int i;

	(void)state;
	tmp_path(p[0], sizeof p[0], "n1.mod");
	tmp_path(p[1], sizeof p[1], "bad.mod");
	tmp_path(p[2], sizeof p[2], "n2.mod");
	tmp_path(p[3], sizeof p[3], "n1-copy.mod");
	tmp_path(p[4], sizeof p[4], "missing.mod");
	write_names(p[0], one, 2, 1);
	write_names(p[2], two, 4, 100);
	write_names(p[3], one, 2, 1);
	write_names(p[1], one, 1, 50);             /* then one byte of its checksum changed */
	assert_non_null(fp = fopen(p[1], "r+b"));
	fseek(fp, -10, SEEK_END);
	fputc('x', fp);
	fclose(fp);
	memset(f, 0, sizeof f);
	for (i = 0; i < 5; i++)
		f[i].path = p[i];
	assert_non_null(b = csrl_batch_new());
	assert_int_equal(csrl_moduli_merge(b, f, 5), CSRL_ERR_OK);
	assert_int_equal(f[0].rc, CSRL_ERR_OK);
	assert_int_equal(f[1].rc, CSRL_ERR_CORRUPT);
	assert_non_null(strstr(f[1].err.msg, "checksum"));
	assert_int_equal(f[2].rc, CSRL_ERR_OK);
	assert_int_equal(f[3].rc, CSRL_ERR_USAGE);  /* the same export twice */
	assert_non_null(strstr(f[3].err.msg, p[0]));
	assert_int_equal(f[4].rc, CSRL_ERR_IO);
	assert_int_equal(csrl_batch_count(b), 6);   /* nothing of the bad files stayed */
	assert_int_equal(f[2].first, 2);
	assert_int_equal(f[2].count, 4);
	snprintf(want, sizeof want, "%s:a.pem", p[0]);
	assert_string_equal(csrl_batch_name(b, 0), want);
	assert_string_equal(csrl_batch_name(b, 1), "b.pem");
	snprintf(want, sizeof want, "%s:a.pem", p[2]);
	assert_string_equal(csrl_batch_name(b, 2), want);
	assert_string_equal(csrl_batch_name(b, 3), "c.pem");   /* repeated in one file only */
	assert_string_equal(csrl_batch_name(b, 4), "c.pem");
	snprintf(want, sizeof want, "%s:record 4", p[2]);
	assert_string_equal(csrl_batch_name(b, 5), want);
	csrl_batch_free(b);
}

/* ---- `--write OUT INPUT...` for the CLI test ------------------------------------------ */

static int write_mode(int argc, char **argv)
{
	struct items l = { 0 };
	struct csrl_moduli_writer *w;
	struct csrl_error e;
	size_t i, n = 0;
	int j;

	for (j = 3; j < argc; j++)
		load(&l, argv[j]);
	if (csrl_moduli_writer_open(argv[2], &w, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "test_moduli: %s\n", e.msg);
		return 2;
	}
	for (i = 0; i < l.n; i++) {
		struct csrl_csr *csr = parse(&l.v[i]);

		if (!csr)
			continue;
		if (csrl_moduli_writer_add(w, l.v[i].name, csr) == CSRL_ERR_OK)
			n++;
		csrl_csr_free(csr);
	}
	if (csrl_moduli_writer_close(w, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "test_moduli: %s\n", e.msg);
		return 2;
	}
	printf("%zu records written to %s\n", n, argv[2]);
	items_free(&l);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_moduli.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[96];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_corpus),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_flipped_everywhere),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_trailing_data),
		cmocka_unit_test(test_writer_errors),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_shards),
		cmocka_unit_test(test_merge_names),
	};

	if (argc >= 3 && strcmp(argv[1], "--write") == 0)
		return write_mode(argc, argv);
	return cmocka_run_group_tests(tests, setup, teardown);
}
