/* batch.c - the cross-corpus collector: copies of the moduli and hashes, grouping by hash,
 * and the batch GCD for shared primes. */
#define _GNU_SOURCE                     /* vasprintf */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>
#include <nettle/sha2.h>

#include "batch.h"
#include "batchgcd.h"

/* At most this many other inputs are named in one message. */
#define MAX_NAMED 5

struct entry {
	size_t input_no;
	char *name;
	int has_rsa;                    /* n is a usable modulus */
	mpz_t n;
	uint8_t spki[32], subject[32], der[32];
	int has_key;
};

struct finding {
	size_t input_no, seq;
	const char *rule_id;
	char *message;
};

struct csrl_batch {
	struct entry *v;
	size_t n, cap;
	size_t nrsa;                    /* entries with has_rsa */
	struct finding *f;
	size_t nf, fcap;
	int oom;
};

struct csrl_batch *csrl_batch_new(void)
{
	return calloc(1, sizeof(struct csrl_batch));
}

size_t csrl_batch_count(const struct csrl_batch *b)
{
	return b ? b->n : 0;
}

static void sha256_of(const uint8_t *p, size_t len, uint8_t out[32])
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, len, p);
	sha256_digest(&c, 32, out);
}

/* Whole TLV of node as bytes of the request. */
static void node_hash(const struct csrl_csr *csr, const struct csrl_node *node, uint8_t out[32])
{
	size_t len;

	if (!node || node->offset >= csr->len) {
		sha256_of(NULL, 0, out);
		return;
	}
	len = node->hdr_len + node->len;
	if (len > csr->len - node->offset)
		len = csr->len - node->offset;
	sha256_of(csr->data + node->offset, len, out);
}

void csrl_batch_record_of(const struct csrl_csr *csr, struct csrl_batch_record *rec)
{
	const struct csrl_pubkey *k = &csr->key;
	const uint8_t *p = k->rsa_n.p;
	size_t len = k->rsa_n.len;

	memset(rec, 0, sizeof *rec);
	rec->has_key = k->node != NULL;
	memcpy(rec->spki, k->spki_sha256, 32);
	node_hash(csr, csr->subject.node, rec->subject);
	sha256_of(csr->data, csr->len, rec->der);
	if ((k->type != CSRL_KEY_RSA && k->type != CSRL_KEY_RSA_PSS) || !k->decoded || !p ||
	    !len || (p[0] & 0x80))
		return;                 /* not RSA, or a negative INTEGER */
	while (len && !p[0]) {
		p++;
		len--;
	}
	if (len && len <= CSRL_BATCH_MAX_MODULUS) {
		rec->modulus = p;
		rec->modulus_len = len;
	}
}

int csrl_batch_add_record(struct csrl_batch *b, size_t input_no,
			  const struct csrl_batch_record *rec)
{
	struct entry *e;

	if (rec->modulus_len > CSRL_BATCH_MAX_MODULUS)
		return CSRL_ERR_TOO_LARGE;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct entry *v = realloc(b->v, cap * sizeof *v);

		if (!v)
			return CSRL_ERR_NOMEM;
		b->v = v;
		b->cap = cap;
	}
	e = &b->v[b->n];
	memset(e, 0, sizeof *e);
	if (rec->name && !(e->name = strdup(rec->name)))
		return CSRL_ERR_NOMEM;
	e->input_no = input_no;
	mpz_init(e->n);
	if (rec->modulus && rec->modulus_len) {
		mpz_import(e->n, rec->modulus_len, 1, 1, 0, 0, rec->modulus);
		/* even or tiny moduli share 2 with each other: key.rsa.small-factor says so */
		e->has_rsa = mpz_odd_p(e->n) && mpz_sizeinbase(e->n, 2) > 64;
		b->nrsa += e->has_rsa;
	}
	e->has_key = rec->has_key;
	memcpy(e->spki, rec->spki, 32);
	memcpy(e->subject, rec->subject, 32);
	memcpy(e->der, rec->der, 32);
	b->n++;
	return CSRL_ERR_OK;
}

int csrl_batch_add(struct csrl_batch *b, size_t input_no, const char *name,
		   const struct csrl_csr *csr)
{
	struct csrl_batch_record rec;

	csrl_batch_record_of(csr, &rec);
	rec.name = name;
	return csrl_batch_add_record(b, input_no, &rec);
}

const char *csrl_batch_name(const struct csrl_batch *b, size_t i)
{
	return b && i < b->n ? b->v[i].name : NULL;
}

int csrl_batch_rename(struct csrl_batch *b, size_t i, const char *name)
{
	char *copy = NULL;

	if (i >= b->n)
		return CSRL_ERR_INTERNAL;
	if (name && !(copy = strdup(name)))
		return CSRL_ERR_NOMEM;
	free(b->v[i].name);
	b->v[i].name = copy;
	return CSRL_ERR_OK;
}

void csrl_batch_truncate(struct csrl_batch *b, size_t n)
{
	while (b && b->n > n) {
		struct entry *e = &b->v[--b->n];

		b->nrsa -= e->has_rsa;
		free(e->name);
		mpz_clear(e->n);
	}
}

size_t csrl_batch_rsa_count(const struct csrl_batch *b)
{
	return b ? b->nrsa : 0;
}

static void add_finding(struct csrl_batch *b, size_t input_no, const char *rule_id,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add_finding(struct csrl_batch *b, size_t input_no, const char *rule_id,
			const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int rc;

	if (b->nf == b->fcap) {
		size_t cap = b->fcap ? b->fcap * 2 : 16;
		struct finding *f = realloc(b->f, cap * sizeof *f);

		if (!f) {
			b->oom = 1;
			return;
		}
		b->f = f;
		b->fcap = cap;
	}
	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		b->oom = 1;
		return;
	}
	b->f[b->nf].input_no = input_no;
	b->f[b->nf].seq = b->nf;
	b->f[b->nf].rule_id = rule_id;
	b->f[b->nf++].message = msg;
}

/* "a.pem" or "input 3" into buf. */
static const char *label(const struct entry *e, char *buf, size_t size)
{
	if (e->name)
		return e->name;
	snprintf(buf, size, "input %zu", e->input_no);
	return buf;
}

/* Names the entries idx[0..n) other than self into buf ("a.pem, b.pem and 2 more"). */
static void name_others(const struct csrl_batch *b, const size_t *idx, size_t n, size_t self,
			char *buf, size_t size)
{
	size_t i, named = 0, others = 0;
	char tmp[32];
	int len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (idx[i] == self)
			continue;
		others++;
		if (named < MAX_NAMED && len >= 0 && (size_t)len < size) {
			len += snprintf(buf + len, size - (size_t)len, "%s%s", named ? ", " : "",
					label(&b->v[idx[i]], tmp, sizeof tmp));
			named++;
		}
	}
	if (others > named && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, " and %zu more", others - named);
}

/* Sorting entry indices by one of the hashes. */
struct keyed {
	const uint8_t *h;
	size_t idx;
};

static int by_hash(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = memcmp(x->h, y->h, 32);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Groups entries with equal hash (which: 0 der, 1 spki) and reports each group. */
static void groups(struct csrl_batch *b, int which)
{
	struct keyed *k = malloc((b->n ? b->n : 1) * sizeof *k);
	size_t *idx = malloc((b->n ? b->n : 1) * sizeof *idx);
	size_t i, j, g, m;
	char others[512];

	if (!k || !idx) {
		b->oom = 1;
		goto done;
	}
	for (i = m = 0; i < b->n; i++) {
		if (which == 1 && !b->v[i].has_key)
			continue;
		k[m].h = which == 0 ? b->v[i].der : b->v[i].spki;
		k[m++].idx = i;
	}
	qsort(k, m, sizeof *k, by_hash);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && memcmp(k[j].h, k[i].h, 32) == 0; j++)
			;
		if (j - i < 2)
			continue;
		for (g = i; g < j; g++) {
			size_t n = 0, h;

			/* key.reused: only the requests for another subject count */
			for (h = i; h < j; h++)
				if (which == 0 || memcmp(b->v[k[h].idx].subject,
							 b->v[k[g].idx].subject, 32) != 0)
					idx[n++] = k[h].idx;
			if (which == 0) {
				name_others(b, idx, n, k[g].idx, others, sizeof others);
				add_finding(b, b->v[k[g].idx].input_no, "csr.duplicate", "this request "
					    "is byte-identical to %s: submit each request once", others);
			} else if (n) {
				name_others(b, idx, n, k[g].idx, others, sizeof others);
				add_finding(b, b->v[k[g].idx].input_no, "key.reused", "the same public "
					    "key is used in requests for other subjects (%s): a compromise "
					    "of one is a compromise of all; generate a key pair per "
					    "certificate", others);
			}
		}
	}
done:
	free(idx);
	free(k);
}

/* Batch GCD over the usable moduli, then the pairs among the flagged ones. */
static void shared_primes(struct csrl_batch *b)
{
	size_t *map = malloc((b->n ? b->n : 1) * sizeof *map), *flag = NULL;
	mpz_t *mod = malloc((b->n ? b->n : 1) * sizeof *mod), *gcd = NULL, g;
	size_t i, j, m = 0, nflag = 0;

	if (!map || !mod)
		goto oom;
	for (i = 0; i < b->n; i++)
		if (b->v[i].has_rsa) {
			map[m] = i;
			mod[m][0] = b->v[i].n[0];       /* shallow: batchgcd does not modify */
			m++;
		}
	if (m < 2 || !(gcd = malloc(m * sizeof *gcd)) || !(flag = malloc(m * sizeof *flag)))
		goto done;
	for (i = 0; i < m; i++)
		mpz_init(gcd[i]);
	if (csrl_batchgcd(mod, m, gcd) != CSRL_ERR_OK)
		b->oom = 1;
	for (i = 0; i < m; i++)
		if (mpz_cmp_ui(gcd[i], 1) > 0)
			flag[nflag++] = i;
	mpz_init(g);
	for (i = 0; i < nflag; i++)
		for (j = i + 1; j < nflag; j++) {
			const struct entry *x = &b->v[map[flag[i]]], *y = &b->v[map[flag[j]]];
			char ny[32], nx[32];

			if (mpz_cmp(x->n, y->n) == 0)
				continue;       /* the same key: key.reused */
			mpz_gcd(g, x->n, y->n);
			if (mpz_cmp_ui(g, 1) == 0)
				continue;
			add_finding(b, x->input_no, "key.rsa.shared-prime", "the RSA modulus shares "
				    "a prime factor with the one in %s, so both keys are factored: "
				    "the generator lacked entropy; generate new key pairs on a "
				    "properly seeded system", label(y, ny, sizeof ny));
			add_finding(b, y->input_no, "key.rsa.shared-prime", "the RSA modulus shares "
				    "a prime factor with the one in %s, so both keys are factored: "
				    "the generator lacked entropy; generate new key pairs on a "
				    "properly seeded system", label(x, nx, sizeof nx));
		}
	mpz_clear(g);
	for (i = 0; i < m; i++)
		mpz_clear(gcd[i]);
	goto done;
oom:
	b->oom = 1;
done:
	free(flag);
	free(gcd);
	free(mod);
	free(map);
}

static int by_input(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if (x->input_no != y->input_no)
		return x->input_no < y->input_no ? -1 : 1;
	if ((c = strcmp(x->rule_id, y->rule_id)))
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void csrl_batch_run(struct csrl_batch *b, csrl_batch_fn fn, void *ctx)
{
	size_t i;

	if (!b)
		return;
	shared_primes(b);
	groups(b, 1);
	groups(b, 0);
	if (b->nf)
		qsort(b->f, b->nf, sizeof *b->f, by_input);
	for (i = 0; i < b->nf; i++) {
		fn(ctx, b->f[i].input_no, b->f[i].rule_id, b->f[i].message);
		free(b->f[i].message);
	}
	b->nf = 0;
}

int csrl_batch_failed(const struct csrl_batch *b)
{
	return b && b->oom;
}

void csrl_batch_free(struct csrl_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->v[i].name);
		mpz_clear(b->v[i].n);
	}
	for (i = 0; i < b->nf; i++)
		free(b->f[i].message);
	free(b->f);
	free(b->v);
	free(b);
}
