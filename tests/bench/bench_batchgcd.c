/* bench_batchgcd.c - times csrl_batchgcd on N RSA-2048-sized moduli on one core and prints
 * the peak RSS:
 *   batchgcd: 100000 moduli, 12.3 s, peak RSS 1234 MiB, 4 shared found (4 planted)
 *
 * Usage: bench_batchgcd [N ...]   (default: 10000 100000)
 *        bench_batchgcd --merge N  (reading and merging moduli exports, no GCD):
 *   merge: 100000 records in 4 exports (41.2 MB), written 0.3 s, read + merged 0.5 s, ...
 *
 * Real two-prime 2048-bit moduli would need 2N random 1024-bit primes, about 20 ms each with
 * GMP here (over an hour for N = 100,000), and a pool of primes combined pairwise would make
 * every modulus share a prime with many others. The tree cost depends only on the sizes of
 * the numbers, so each modulus here is the product of 32 distinct 64-bit primes (consecutive
 * primes after a random start, found by a sieve and a base-2 strong probable-prime test):
 * pairwise coprime by construction, 2016 to 2048 bits. A few pairs are then given a shared
 * real 1024-bit prime, the "planted" pairs that the run must find, and no other. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <gmp.h>

#include "batchgcd.h"
#include "moduli.h"

#define FACTORS 32                      /* 64-bit primes per modulus */
#define PLANTED 4                       /* pairs sharing a 1024-bit prime */
#define SEGMENT (1u << 22)              /* numbers sieved at a time */

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
	return (uint64_t)((unsigned __int128)a * b % m);
}

/* Base-2 strong probable prime test of an odd n > 2. */
static int sprp2(uint64_t n)
{
	uint64_t d = n - 1, x = 1, b = 2;
	int s = __builtin_ctzll(d), r;

	d >>= s;
	for (; d; d >>= 1, b = mulmod(b, b, n))
		if (d & 1)
			x = mulmod(x, b, n);
	if (x == 1 || x == n - 1)
		return 1;
	for (r = 1; r < s; r++)
		if ((x = mulmod(x, x, n)) == n - 1)
			return 1;
	return 0;
}

/* count primes above start (sieved by the primes below 2^16) into out. */
static void primes_after(uint64_t start, size_t count, uint64_t *out)
{
	static uint32_t small[6542];
	static unsigned nsmall;
	unsigned char *seg = malloc(SEGMENT);
	size_t got = 0;
	uint64_t base = start | 1;
	unsigned i;

	if (!nsmall) {
		static unsigned char comp[1 << 16];
		uint32_t a, b;

		for (a = 3; a < (1u << 16); a += 2)
			if (!comp[a]) {
				small[nsmall++] = a;
				for (b = a * a; b < (1u << 16); b += 2 * a)
					comp[b] = 1;
			}
	}
	while (got < count) {
		/* seg[j] stands for base + 2j */
		memset(seg, 0, SEGMENT);
		for (i = 0; i < nsmall; i++) {
			uint64_t p = small[i], r = base % p, j;

			/* first j with base + 2j = 0 mod p: 2j = -r mod p */
			j = (r == 0 ? 0 : (p - r) % 2 ? (2 * p - r) / 2 : (p - r) / 2);
			for (; j < SEGMENT; j += p)
				seg[j] = 1;
		}
		for (i = 0; i < SEGMENT && got < count; i++)
			if (!seg[i] && sprp2(base + 2 * (uint64_t)i))
				out[got++] = base + 2 * (uint64_t)i;
		base += 2 * (uint64_t)SEGMENT;
	}
	free(seg);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* n moduli of FACTORS distinct 64-bit primes each (mpz_init'ed here), PLANTED pairs of them
 * sharing a 1024-bit prime. */
static void make_moduli(size_t n, gmp_randstate_t rnd, mpz_t *mod)
{
	uint64_t *pr = malloc(n * FACTORS * sizeof *pr), start;
	mpz_t big;
	size_t i, j;

	if (!pr || n < 2 * PLANTED) {
		fprintf(stderr, "bench_batchgcd: cannot run with %zu moduli\n", n);
		exit(1);
	}
	mpz_init(big);
	mpz_urandomb(big, rnd, 62);
	start = ((uint64_t)1 << 63) | mpz_get_ui(big);
	primes_after(start, n * FACTORS, pr);
	for (i = 0; i < n; i++) {
		mpz_init_set_ui(mod[i], 1);
		for (j = 0; j < FACTORS; j++)
			mpz_mul_ui(mod[i], mod[i], pr[i * FACTORS + j]);
	}
	/* planted pairs (i, n/2 + i): the second half of both moduli becomes one 1024-bit
	 * prime */
	for (i = 0; i < PLANTED; i++) {
		size_t a = i * (n / PLANTED / 2), b = n / 2 + a;

		mpz_urandomb(big, rnd, 1024);
		mpz_setbit(big, 1023);
		mpz_nextprime(big, big);
		for (j = 0; j < 2; j++) {
			size_t m = j ? b : a, k;

			mpz_set(mod[m], big);
			for (k = 0; k < FACTORS / 2; k++)
				mpz_mul_ui(mod[m], mod[m], pr[m * FACTORS + k]);
		}
	}
	mpz_clear(big);
	free(pr);
}

static void run(size_t n, gmp_randstate_t rnd)
{
	mpz_t *mod = malloc(n * sizeof *mod), *gcd = malloc(n * sizeof *gcd), half;
	size_t i, j, flagged = 0, found = 0, *flag;
	struct rusage ru;
	double t0, secs;

	if (!mod || !gcd) {
		fprintf(stderr, "bench_batchgcd: out of memory\n");
		exit(1);
	}
	make_moduli(n, rnd, mod);
	for (i = 0; i < n; i++)
		mpz_init(gcd[i]);
	mpz_init(half);
	t0 = now();
	if (csrl_batchgcd(mod, n, gcd) != 0) {
		fprintf(stderr, "bench_batchgcd: out of memory\n");
		exit(1);
	}
	secs = now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	flag = malloc(n * sizeof *flag);
	for (i = 0; i < n; i++)
		if (mpz_cmp_ui(gcd[i], 1) > 0)
			flag[flagged++] = i;
	for (i = 0; i < flagged; i++)   /* count the pairs */
		for (j = i + 1; j < flagged; j++) {
			mpz_gcd(half, mod[flag[i]], mod[flag[j]]);
			found += mpz_cmp_ui(half, 1) > 0;
		}
	printf("batchgcd: %zu moduli, %.1f s, peak RSS %ld MiB, %zu shared found (%d planted)\n",
	       n, secs, ru.ru_maxrss / 1024, found, PLANTED);
	fflush(stdout);
	for (i = 0; i < n; i++) {
		mpz_clear(mod[i]);
		mpz_clear(gcd[i]);
	}
	mpz_clear(half);
	free(flag);
	free(mod);
	free(gcd);
}

#define SHARDS 4                        /* exports the merge bench writes */

/* Writes n records (the moduli, a name, made-up hashes) into SHARDS exports, then times
 * reading and merging them as `csrlint batch-gcd` does, without the GCD itself. */
static void merge(size_t n, gmp_randstate_t rnd)
{
	mpz_t *mod = malloc(n * sizeof *mod);
	uint8_t *buf = malloc(CSRL_BATCH_MAX_MODULUS + 1);
	char dir[] = "/tmp/bench_merge.XXXXXX", path[SHARDS][64], name[64];
	struct csrl_moduli_file files[SHARDS];
	struct csrl_moduli_writer *w;
	struct csrl_batch_record rec;
	struct csrl_batch *b = csrl_batch_new();
	struct csrl_error e;
	struct rusage ru;
	struct stat st;
	double t0, tw, tr, bytes = 0;
	size_t i, k;

	if (!mod || !buf || !b || !mkdtemp(dir)) {
		fprintf(stderr, "bench_batchgcd: cannot set up the merge bench\n");
		exit(1);
	}
	make_moduli(n, rnd, mod);
	t0 = now();
	for (k = 0; k < SHARDS; k++) {
		snprintf(path[k], sizeof path[k], "%s/shard-%zu.mod", dir, k);
		if (csrl_moduli_writer_open(path[k], &w, &e) != CSRL_ERR_OK)
			goto fail;
		for (i = k; i < n; i += SHARDS) {
			memset(&rec, 0, sizeof rec);
			snprintf(name, sizeof name, "<stdin>:%zu [req-%zu]", i / SHARDS + 1, i);
			rec.name = name;
			rec.has_key = 1;
			memcpy(rec.spki, &i, sizeof i);
			memcpy(rec.subject, &i, sizeof i);
			memcpy(rec.der, &i, sizeof i);
			mpz_export(buf, &rec.modulus_len, 1, 1, 0, 0, mod[i]);
			rec.modulus = buf;
			if (csrl_moduli_writer_add_record(w, &rec) != CSRL_ERR_OK)
				break;
		}
		if (csrl_moduli_writer_close(w, &e) != CSRL_ERR_OK)
			goto fail;
		bytes += stat(path[k], &st) == 0 ? (double)st.st_size : 0;
	}
	tw = now() - t0;
	memset(files, 0, sizeof files);
	for (k = 0; k < SHARDS; k++)
		files[k].path = path[k];
	t0 = now();
	if (csrl_moduli_merge(b, files, SHARDS) != CSRL_ERR_OK || files[0].rc != CSRL_ERR_OK)
		goto fail;
	tr = now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("merge: %zu records in %d exports (%.1f MB), written %.2f s, read + merged %.2f s "
	       "(%.0f records/s), %zu RSA moduli, peak RSS %ld MiB\n", csrl_batch_count(b), SHARDS,
	       bytes / 1e6, tw, tr, (double)n / tr, csrl_batch_rsa_count(b), ru.ru_maxrss / 1024);
	fflush(stdout);
	for (k = 0; k < SHARDS; k++)
		remove(path[k]);
	remove(dir);
	for (i = 0; i < n; i++)
		mpz_clear(mod[i]);
	csrl_batch_free(b);
	free(buf);
	free(mod);
	return;
fail:
	fprintf(stderr, "bench_batchgcd: merge bench: %s\n", e.msg);
	exit(1);
}

int main(int argc, char **argv)
{
	gmp_randstate_t rnd;
	int i;

	gmp_randinit_default(rnd);
	gmp_randseed_ui(rnd, 2012);
	if (argc < 2) {
		run(10000, rnd);
		run(100000, rnd);
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--merge") == 0 && i + 1 < argc) {
			merge((size_t)strtoul(argv[++i], NULL, 10), rnd);
			continue;
		}
		run((size_t)strtoul(argv[i], NULL, 10), rnd);
	}
	gmp_randclear(rnd);
	return 0;
}
