/* hostile.h - shared by test_hostile.c and test_limits.c: a small DER builder (inputs are made
 * at test time, so no megabytes are committed) and a runner that takes one input through
 * everything the command line does with it (csrl_input_split, csrl_csr_parse, csrl_lint_csr in
 * every profile, the text, tree and JSON reporters), timing each step and measuring the peak
 * memory of the whole in a forked child, so that one input's allocations cannot hide behind
 * another's high-water mark.
 *
 * Budgets: 100 ms of CPU time per command-line-sized step (parse + one profile, parse +
 * inspect) and 64 MiB of peak memory growth per input; the tree and JSON reporters have a
 * budget linear in the elements (see json_budget_ms). Sanitizer builds run
 * several times slower and keep freed memory in quarantine, so their budgets are multiplied
 * (time by 10, memory by 8); HOSTILE_SCALE=N in the environment multiplies the budgets
 * again (Valgrind, -O0 coverage builds). HOSTILE_VERBOSE=1 prints every step's time.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <jansson.h>

#include "csrlint.h"
#include "lint.h"
#include "input.h"
#include "inspect.h"
#include "inspect_util.h"
#include "slurp.h"

#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSTILE_ASAN 1
#endif
#endif
#ifdef HOSTILE_ASAN
#define HOSTILE_TIME_FACTOR 10.0
#define HOSTILE_MEM_FACTOR 8
#else
#define HOSTILE_TIME_FACTOR 1.0
#define HOSTILE_MEM_FACTOR 1
#endif

#define HOSTILE_STEP_MS 100.0
#define HOSTILE_MEM_KIB (64L * 1024)

/* ---- Byte buffers and DER --------------------------------------------------------------- */

struct buf {
	uint8_t *p;
	size_t n, cap;
};

static inline void buf_reserve(struct buf *b, size_t more)
{
	if (b->n + more > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->n + more)
			cap *= 2;
		b->p = realloc(b->p, cap);
		assert_non_null(b->p);
		b->cap = cap;
	}
}

static inline void put(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
}

static inline void put_byte(struct buf *b, uint8_t c)
{
	put(b, &c, 1);
}

/* DER length octets of n into out; returns their count. */
static inline size_t der_len(size_t n, uint8_t out[9])
{
	size_t k = 0, i;

	if (n < 0x80) {
		out[0] = (uint8_t)n;
		return 1;
	}
	for (i = n; i && k < 8; i >>= 8)
		k++;
	out[0] = (uint8_t)(0x80 | k);
	for (i = 0; i < k; i++)
		out[1 + i] = (uint8_t)(n >> (8 * (k - 1 - i)));
	return k + 1;
}

static inline void put_tlv(struct buf *b, uint8_t tag, const void *p, size_t n)
{
	uint8_t l[9];

	put_byte(b, tag);
	put(b, l, der_len(n, l));
	put(b, p, n);
}

/* Replaces b by tag || length || b: one move per wrap, fine for the few outer layers. */
static inline void wrap(struct buf *b, uint8_t tag)
{
	uint8_t h[10];
	size_t hl;

	h[0] = tag;
	hl = 1 + der_len(b->n, h + 1);
	buf_reserve(b, hl);
	memmove(b->p + hl, b->p, b->n);
	memcpy(b->p, h, hl);
	b->n += hl;
}

/* Appends the TLV of src's bytes to dst and releases src. */
static inline void put_wrapped(struct buf *dst, uint8_t tag, struct buf *src)
{
	put_tlv(dst, tag, src->p, src->n);
	free(src->p);
	memset(src, 0, sizeof *src);
}

static inline void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* Content octets of some OIDs. */
static const uint8_t OID_CN[] = { 0x55, 0x04, 0x03 };
static const uint8_t OID_RSA[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
static const uint8_t OID_SHA256_RSA[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b };
static const uint8_t OID_DSA[] = { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01 };
static const uint8_t OID_DSA_SHA256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02 };
static const uint8_t OID_EC_SHA256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 };
static const uint8_t OID_EXT_REQ[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e };
static const uint8_t OID_SAN[] = { 0x55, 0x1d, 0x11 };

/* INTEGER from unsigned big-endian bytes, with the 0x00 that keeps it positive. */
static inline void put_uint(struct buf *b, const uint8_t *p, size_t n)
{
	struct buf c = { 0 };

	if (!n || p[0] & 0x80)
		put_byte(&c, 0);
	put(&c, p, n);
	put_wrapped(b, 0x02, &c);
}

/* Name with one CN of n bytes of value (UTF8String). */
static inline struct buf make_cn(const void *value, size_t n)
{
	struct buf b = { 0 };

	put_tlv(&b, 0x06, OID_CN, sizeof OID_CN);
	put_tlv(&b, 0x0c, value, n);
	wrap(&b, 0x30);
	wrap(&b, 0x31);
	wrap(&b, 0x30);
	return b;
}

/* RSA SubjectPublicKeyInfo for modulus n (big-endian bytes) and e = 65537. */
static inline struct buf make_rsa_spki(const uint8_t *n, size_t nlen)
{
	static const uint8_t e[] = { 0x01, 0x00, 0x01 };
	struct buf b = { 0 }, alg = { 0 }, key = { 0 };

	put_tlv(&alg, 0x06, OID_RSA, sizeof OID_RSA);
	put_tlv(&alg, 0x05, NULL, 0);
	put_wrapped(&b, 0x30, &alg);
	put_uint(&key, n, nlen);
	put_uint(&key, e, sizeof e);
	wrap(&key, 0x30);
	buf_reserve(&key, 1);
	memmove(key.p + 1, key.p, key.n);   /* the unused-bits octet */
	key.p[0] = 0;
	key.n++;
	put_wrapped(&b, 0x03, &key);
	wrap(&b, 0x30);
	return b;
}

/* A CertificationRequest from its parts: subject and spki are whole TLVs, attrs the content of
 * [0], sigalg_oid the signature algorithm (RSA ones get NULL parameters) and sig the BIT
 * STRING's data. The signature is whatever the caller gives: it need not verify. */
static inline struct buf make_csr(const struct buf *subject, const struct buf *spki,
				  const struct buf *attrs, const uint8_t *sigalg_oid,
				  size_t oid_len, int null_params, const uint8_t *sig,
				  size_t sig_len)
{
	struct buf cri = { 0 }, b = { 0 }, alg = { 0 }, s = { 0 };

	put_tlv(&cri, 0x02, "", 1);
	put(&cri, subject->p, subject->n);
	put(&cri, spki->p, spki->n);
	put_tlv(&cri, 0xa0, attrs ? attrs->p : NULL, attrs ? attrs->n : 0);
	put_wrapped(&b, 0x30, &cri);
	put_tlv(&alg, 0x06, sigalg_oid, oid_len);
	if (null_params)
		put_tlv(&alg, 0x05, NULL, 0);
	put_wrapped(&b, 0x30, &alg);
	put_byte(&s, 0);
	put(&s, sig, sig_len);
	put_wrapped(&b, 0x03, &s);
	wrap(&b, 0x30);
	return b;
}

/* The attributes content holding one extensionRequest with a SAN of the given GeneralNames
 * (their encodings, concatenated). */
static inline struct buf make_san_attrs(struct buf *names)
{
	struct buf ext = { 0 }, attr = { 0 };

	wrap(names, 0x30);
	put_tlv(&ext, 0x06, OID_SAN, sizeof OID_SAN);
	put_wrapped(&ext, 0x04, names);
	wrap(&ext, 0x30);
	wrap(&ext, 0x30);
	wrap(&ext, 0x31);
	put_tlv(&attr, 0x06, OID_EXT_REQ, sizeof OID_EXT_REQ);
	put(&attr, ext.p, ext.n);
	buf_free(&ext);
	wrap(&attr, 0x30);
	return attr;
}

/* Deterministic filler (xorshift): the test is repeatable. */
static inline void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
	uint64_t x = seed ? seed : 0x9e3779b97f4a7c15u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (uint8_t)(x >> 24);
	}
}

/* A whole file read into memory (test data). */
/* A valid P-256 request of 286 bytes (tests/data/samples/make.sh). */
#define SAMPLE "tests/data/samples/p256-api.der"

/* A P-256 request's key, as found in the sample, for requests that are not about the key. */
static inline struct buf sample_spki(void)
{
	struct csrl_error e;
	struct csrl_csr *csr;
	struct buf b = { 0 };
	uint8_t *der;
	size_t len;

	der = test_slurp(SAMPLE, &len);
	assert_non_null(der);
	assert_int_equal(csrl_csr_parse(der, len, &csr, &e), CSRL_ERR_OK);
	put(&b, der + csr->key.node->offset, csr->key.node->hdr_len + csr->key.node->len);
	csrl_csr_free(csr);
	free(der);
	return b;
}

/* A request with a random odd modulus of the given bits (top bit set) and a random signature
 * as long as the modulus: an RSA request of that size that does not verify. */
static inline struct buf csr_rsa_bits(unsigned bits, uint64_t seed)
{
	size_t nlen = (bits + 7) / 8;
	uint8_t *n = malloc(nlen), *sig = malloc(nlen);
	struct buf subj, spki, csr;

	assert_non_null(n);
	assert_non_null(sig);
	fill_random(n, nlen, seed);
	fill_random(sig, nlen, seed + 1);
	n[0] &= (uint8_t)(0xff >> ((8 - bits % 8) % 8));
	n[0] |= (uint8_t)(0x80 >> ((8 - bits % 8) % 8));
	n[nlen - 1] |= 1;
	sig[0] = 0;     /* below the modulus */
	subj = make_cn("big.example.com", 15);
	spki = make_rsa_spki(n, nlen);
	csr = make_csr(&subj, &spki, NULL, OID_SHA256_RSA, sizeof OID_SHA256_RSA, 1, sig, nlen);
	buf_free(&subj);
	buf_free(&spki);
	free(n);
	free(sig);
	return csr;
}

/* ---- Running an input ------------------------------------------------------------------- */

static const unsigned hostile_profiles[] = {
	CSRL_PROFILE_RFC, CSRL_PROFILE_TLS_SERVER, CSRL_PROFILE_LETSENCRYPT,
	CSRL_PROFILE_PRIVATE_PKI
};
#define HOSTILE_NPROFILES (sizeof hostile_profiles / sizeof hostile_profiles[0])

/* What one input did. Each step is what one command costs: parse + lint in one profile,
 * parse + inspect (text); the tree and JSON reporters are timed apart (json_budget_ms). */
struct outcome {
	double split_ms, parse_ms, lint_ms[HOSTILE_NPROFILES], text_ms, json_ms, tree_ms[2];
	double worst_ms;        /* worst step other than the tree and JSON, parse included */
	double json_worst_ms;   /* worst of inspect --format json, inspect --asn1 and
				 * inspect --asn1 --format json, parse included */
	size_t nodes;           /* DER elements of the largest tree seen */
	long base_kib;          /* ru_maxrss when the run began */
	long json_base_kib;     /* ru_maxrss before the first JSON reporter, 0 if none ran */
	long peak_kib;          /* ru_maxrss growth before any JSON reporter ran */
	long json_peak_kib;     /* further growth caused by the JSON reporters */
	unsigned items;         /* CSRs and error items found by csrl_input_split */
	unsigned parsed;        /* of which parsed as a CSR */
	int first_err;          /* first error code (item or parse), CSRL_ERR_OK when none */
	int parse_err;          /* last csrl_csr_parse error, CSRL_ERR_OK when none */
	int verify;             /* verdict of the first parsed CSR, -1 when none */
	size_t findings;        /* most findings of the first parsed CSR in one profile */
	int schema_skipped;     /* a csr.schema-invalid finding said the check was skipped */
	int ok;                 /* every promise held (see on_item) */
};

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline long maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static inline void dump_json(json_t *j, struct outcome *o)
{
	char *s;

	if (!j) {
		o->ok = 0;
		return;
	}
	s = json_dumps(j, JSON_COMPACT);
	if (!s)
		o->ok = 0;
	free(s);
	json_decref(j);
}

struct run_ctx {
	struct outcome *o;
	FILE *sink;
};

static inline void note_err(struct outcome *o, int code)
{
	if (o->first_err == CSRL_ERR_OK)
		o->first_err = code;
	if (code <= CSRL_ERR_OK || code >= CSRL_ERR_COUNT)
		o->ok = 0;      /* an error must be one of the documented codes */
}

static inline void step(double *worst, double parse, double t)
{
	if (parse + t > *worst)
		*worst = parse + t;
}

/* Marks the start of the JSON reporters for the memory split. */
static inline void json_begins(struct outcome *o)
{
	if (!o->json_base_kib)
		o->json_base_kib = maxrss_kib();
}

static inline int count_one(void *ctx, const struct csrl_walk_node *w)
{
	(void)w;
	++*(size_t *)ctx;
	return 0;
}

/* Elements the tree reporters show, encapsulated ones included. */
static inline void count_nodes(const struct csrl_der *der, struct outcome *o)
{
	size_t n = 0;

	(void)csrl_der_walk(der, count_one, &n);
	if (n > o->nodes)
		o->nodes = n;
}

/* inspect --asn1 as text, then as JSON. */
static inline void inspect_tree(struct run_ctx *rc, const struct csrl_der *der, double parse)
{
	struct outcome *o = rc->o;
	double t0 = now_ms(), t1, t2;

	count_nodes(der, o);
	csrl_inspect_asn1(rc->sink, der);
	t1 = now_ms();
	json_begins(o);
	dump_json(csrl_inspect_asn1_json(der), o);
	t2 = now_ms();
	o->tree_ms[0] += t1 - t0;
	o->tree_ms[1] += t2 - t1;
	step(&o->json_worst_ms, parse, t1 - t0);
	step(&o->json_worst_ms, parse, t2 - t1);
}

/* One item as `csrlint lint` (each profile) and `csrlint inspect` (text, JSON, tree) treat
 * it. A request that does not parse gets its fatal finding and, like inspect, its tree.
 * Findings must have strings and lie inside the DER. */
static inline void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct run_ctx *rc = ctx;
	struct outcome *o = rc->o;
	struct csrl_verify_result vr;
	struct csrl_csr *csr;
	struct csrl_error e;
	double t0, t, parse;
	size_t i, j;

	o->items++;
	if (it->err != CSRL_ERR_OK) {
		note_err(o, it->err);
		csrl_input_print_error(rc->sink, it, &it->error);
		return;
	}
	t0 = now_ms();
	if (csrl_csr_parse(it->der, it->der_len, &csr, &e) != CSRL_ERR_OK) {
		struct csrl_findings f = { 0 };
		struct csrl_der *der;

		note_err(o, e.code);
		o->parse_err = e.code;
		csrl_lint_fatal(&e, &f);
		if (f.n != 1 || f.v[0].severity != CSRL_SEV_FATAL)
			o->ok = 0;
		csrl_findings_clear(&f);
		csrl_input_print_error(rc->sink, it, &e);
		parse = now_ms() - t0;
		o->parse_ms += parse;
		step(&o->worst_ms, parse, 0);
		if (csrl_der_parse(it->der, it->der_len, NULL, &der, NULL) == CSRL_ERR_OK) {
			inspect_tree(rc, der, parse);
			csrl_der_free(der);
		}
		return;
	}
	parse = now_ms() - t0;
	o->parse_ms += parse;
	o->parsed++;
	for (i = 0; i < HOSTILE_NPROFILES; i++) {
		struct csrl_lint_opts opts = { .profile = hostile_profiles[i] };
		struct csrl_findings f = { 0 };

		t0 = now_ms();
		csrl_lint_csr(csr, &opts, &f);
		t = now_ms() - t0;
		o->lint_ms[i] += t;
		step(&o->worst_ms, parse, t);
		if (f.oom)
			o->ok = 0;
		for (j = 0; j < f.n; j++) {
			if (!f.v[j].rule_id || !f.v[j].message ||
			    f.v[j].offset > csr->len || f.v[j].length > csr->len - f.v[j].offset)
				o->ok = 0;
			if (i == 0 && o->parsed == 1 && f.v[j].message &&
			    strstr(f.v[j].message, "schema check skipped"))
				o->schema_skipped = 1;
		}
		if (o->parsed == 1 && f.n > o->findings)
			o->findings = f.n;
		csrl_findings_clear(&f);
	}
	t0 = now_ms();
	csrl_verify(csr, &vr);
	if (o->parsed == 1)
		o->verify = (int)vr.status;
	csrl_inspect_text(rc->sink, csr, &vr);
	t = now_ms() - t0;
	o->text_ms += t;
	step(&o->worst_ms, parse, t);
	t0 = now_ms();
	json_begins(o);
	csrl_verify(csr, &vr);
	dump_json(csrl_inspect_json(csr, &vr), o);
	t = now_ms() - t0;
	o->json_ms += t;
	step(&o->json_worst_ms, parse, t);
	inspect_tree(rc, csr->der, parse);
	csrl_csr_free(csr);
}

/* Runs buf in this process. */
static inline void run_here(const uint8_t *buf, size_t len, struct outcome *o)
{
	struct run_ctx rc = { .o = o };
	double t0;

	memset(o, 0, sizeof *o);
	o->ok = 1;
	o->verify = -1;
	rc.sink = fopen("/dev/null", "w");
	assert_non_null(rc.sink);
	t0 = now_ms();
	(void)csrl_input_split("hostile.der", buf, len, on_item, &rc);
	o->split_ms = now_ms() - t0;
	/* Input the splitter refuses (not a SEQUENCE, not PEM) still goes to the parsers, as a
	 * library caller may hand them anything. */
	if (!o->parsed && len && !csrl_looks_like_pem(buf, len) && buf[0] != 0x30) {
		struct csrl_input_item it = { .path = "hostile.der", .index = 1, .der = buf,
					      .der_len = len, .file = buf, .file_len = len };

		on_item(&rc, &it);
	}
	fclose(rc.sink);
}

/* Runs buf in a forked child, whose ru_maxrss starts at the parent's resident size, so the
 * growth is this input's own peak. A child that crashes fails the test here. */
static inline void run_forked(const char *what, const uint8_t *buf, size_t len,
			      struct outcome *o)
{
	int fd[2], status;
	pid_t pid;
	ssize_t got;

	assert_int_equal(pipe(fd), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		long base = maxrss_kib(), end;

		close(fd[0]);
		run_here(buf, len, o);
		end = maxrss_kib();
		o->peak_kib = (o->json_base_kib ? o->json_base_kib : end) - base;
		o->json_peak_kib = o->json_base_kib ? end - o->json_base_kib : 0;
		if (write(fd[1], o, sizeof *o) != (ssize_t)sizeof *o)
			_exit(2);
		_exit(0);
	}
	close(fd[1]);
	got = read(fd[0], o, sizeof *o);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got != (ssize_t)sizeof *o)
		fail_msg("%s: the run died (status 0x%x)", what, status);
}

/* Set above 1 around an input known to sit at the budget, with a comment saying why. */
static double hostile_slack = 1.0;

/* HOSTILE_SCALE from the environment (Valgrind, coverage builds), 1 by default. */
static inline double env_scale(void)
{
	const char *s = getenv("HOSTILE_SCALE");

	return s && atof(s) > 0 ? atof(s) : 1.0;
}

/* Valgrind's own memory counts in ru_maxrss too: HOSTILE_SCALE widens this budget as well. */
static inline long mem_budget_kib(void)
{
	return (long)(HOSTILE_MEM_KIB * HOSTILE_MEM_FACTOR * env_scale());
}

static inline double time_budget_ms(void)
{
	return HOSTILE_STEP_MS * HOSTILE_TIME_FACTOR * env_scale() * hostile_slack;
}

/* Reporters whose output grows with the tree: the JSON reporters build a jansson value per
 * element and cost about 2-5 us and 1-2 KiB per DER element, the --asn1 text tree about
 * 0.3 us; past roughly 20,000 elements (a request with thousands of SANs, or a tree that is
 * not a request) JSON exceeds the per-input budget, and the text tree does past 250,000.
 * They are held to a budget linear in the elements, so that a regression beyond that still
 * fails. */
#define HOSTILE_JSON_US_PER_NODE 8.0
#define HOSTILE_JSON_KIB_PER_NODE 3

static inline double json_budget_ms(const struct outcome *o)
{
	double linear = o->nodes * HOSTILE_JSON_US_PER_NODE / 1000.0 * HOSTILE_TIME_FACTOR *
			env_scale();

	return linear > time_budget_ms() ? linear : time_budget_ms();
}

static inline long json_budget_kib(const struct outcome *o)
{
	long linear = (long)(o->nodes * HOSTILE_JSON_KIB_PER_NODE * HOSTILE_MEM_FACTOR *
			     env_scale());

	return linear > mem_budget_kib() ? linear :
		mem_budget_kib();
}

/* Prints one measured line and checks the budgets and promises. */
static inline void check_outcome(const char *what, size_t len, const struct outcome *o)
{
	const char *ename = o->first_err ? csrl_errname(o->first_err) : "-";

	printf("  %-36s %8zu B %7.2f ms %7ld KiB | tree/json %7.2f ms %7ld KiB | %6zu nodes, "
	       "%u parsed, %s\n", what, len, o->worst_ms, o->peak_kib, o->json_worst_ms,
	       o->json_peak_kib, o->nodes, o->parsed, ename);
	if (o->worst_ms > time_budget_ms() || getenv("HOSTILE_VERBOSE"))
		printf("    split %.2f parse %.2f lint %.2f/%.2f/%.2f/%.2f text %.2f json %.2f tree "
		       "%.2f/%.2f ms\n", o->split_ms, o->parse_ms, o->lint_ms[0], o->lint_ms[1],
		       o->lint_ms[2], o->lint_ms[3], o->text_ms, o->json_ms, o->tree_ms[0],
		       o->tree_ms[1]);
	if (!o->ok)
		fail_msg("%s: a promise of the API was broken", what);
	if (o->items == 0)
		fail_msg("%s: neither a report nor an error", what);
	if (o->worst_ms > time_budget_ms())
		fail_msg("%s: %.1f ms exceeds the budget of %.0f ms", what, o->worst_ms,
			 time_budget_ms());
	if (o->peak_kib > mem_budget_kib())
		fail_msg("%s: peak memory grew by %ld KiB, beyond %ld KiB", what, o->peak_kib,
			 mem_budget_kib());
	if (o->json_worst_ms > json_budget_ms(o))
		fail_msg("%s: JSON took %.1f ms, beyond %.0f ms", what, o->json_worst_ms,
			 json_budget_ms(o));
	if (o->json_peak_kib > json_budget_kib(o))
		fail_msg("%s: JSON grew memory by %ld KiB, beyond %ld KiB", what, o->json_peak_kib,
			 json_budget_kib(o));
}

/* Forks, runs, prints and checks one input; the outcome is left in *o for further asserts. */
static inline int over_time(const struct outcome *o)
{
	return o->worst_ms > time_budget_ms() || o->json_worst_ms > json_budget_ms(o);
}

/* An input over its time budget runs twice more and keeps its fastest run: the machine may be
 * shared (CPU time still grows with contention for caches), and a real regression is slow
 * every time. */
static inline void hostile_run(const char *what, const struct buf *in, struct outcome *o)
{
	struct outcome again;
	int tries;

	run_forked(what, in->p, in->n, o);
	for (tries = 0; tries < 2 && over_time(o); tries++) {
		run_forked(what, in->p, in->n, &again);
		if (again.worst_ms < o->worst_ms)
			o->worst_ms = again.worst_ms;
		if (again.json_worst_ms < o->json_worst_ms)
			o->json_worst_ms = again.json_worst_ms;
	}
	check_outcome(what, in->n, o);
}

/* The same input as one PEM block (the path of a pasted request). */
static inline struct buf to_pem(const struct buf *der)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char head[] = "-----BEGIN CERTIFICATE REQUEST-----\n";
	static const char tail[] = "-----END CERTIFICATE REQUEST-----\n";
	struct buf b = { 0 };
	size_t i, col = 0;

	put(&b, head, sizeof head - 1);
	for (i = 0; i < der->n; i += 3) {
		uint32_t v = (uint32_t)der->p[i] << 16;
		char q[4];

		if (i + 1 < der->n)
			v |= (uint32_t)der->p[i + 1] << 8;
		if (i + 2 < der->n)
			v |= der->p[i + 2];
		q[0] = b64[v >> 18];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < der->n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < der->n ? b64[v & 63] : '=';
		put(&b, q, 4);
		if ((col += 4) == 64) {
			put_byte(&b, '\n');
			col = 0;
		}
	}
	if (col)
		put_byte(&b, '\n');
	put(&b, tail, sizeof tail - 1);
	return b;
}

#endif
