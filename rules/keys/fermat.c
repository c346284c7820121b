/* fermat.c - an RSA modulus whose primes are close together falls to Fermat's method.
 *
 * CA/B Forum Baseline Requirements 2.1.x section 6.1.1.3 (4): the CA SHALL reject a
 * certificate request if "The Public Key corresponds to an industry-demonstrated method ...
 * or if the CA is made aware ... e.g. ... Fermat factorization ... The CA SHALL ... at least
 * 100 rounds". With p and q close, a = ceil(sqrt(n)) gives a^2 - n = b^2 within a few steps,
 * and n = (a - b)(a + b).
 *
 * The finding says that the key is factorable; it never prints the factors.
 */
#include <gmp.h>
#include <pthread.h>

#include "keymemo.h"
#include "util.h"

/** Moduli above this are not searched (verification refuses them anyway). */
#define FERMAT_MAX_BITS CSRL_MAX_RSA_VERIFY_BITS

static int applies(const struct csrl_lint_ctx *ctx)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	return (k->type == CSRL_KEY_RSA || k->type == CSRL_KEY_RSA_PSS) && k->decoded &&
	       k->bits >= 16 && k->bits <= FERMAT_MAX_BITS && k->rsa_n.len &&
	       !(k->rsa_n.p[0] & 0x80);
}

/* Residues that squares can have modulo 64, 63, 65 and 11 (as GMP's own filter uses): a
 * round whose a^2 - n fails one of them needs no big-number work. */
#define QR_MOD 2882880UL             /* 64 * 63 * 65 * 11 */

static unsigned char qr[64 + 63 + 65 + 11];
static const unsigned qr_mods[] = { 64, 63, 65, 11 };
static pthread_once_t qr_once = PTHREAD_ONCE_INIT;

static void qr_init(void)
{
	unsigned base = 0, m, i;

	for (m = 0; m < 4; base += qr_mods[m++])
		for (i = 0; i < qr_mods[m]; i++)
			qr[base + (i * i) % qr_mods[m]] = 1;
}

static int maybe_square(unsigned long r)
{
	unsigned base = 0, m;

	for (m = 0; m < 4; base += qr_mods[m++])
		if (!qr[base + r % qr_mods[m]])
			return 0;
	return 1;
}

/* Returns the round (1-based) at which a^2 - n became a square, or 0 within the budget. */
static int fermat_round(const mpz_t n, int rounds)
{
	mpz_t a, b2;
	unsigned long ra, rb;
	int i, found = 0;

	pthread_once(&qr_once, qr_init);
	mpz_inits(a, b2, NULL);
	mpz_sqrtrem(a, b2, n);
	if (mpz_sgn(b2) == 0) {            /* n = a^2: a perfect square, trivially factored */
		found = 1;
		goto done;
	}
	mpz_add_ui(a, a, 1);
	ra = mpz_fdiv_ui(a, QR_MOD);
	rb = (mpz_fdiv_ui(a, QR_MOD) * ra + QR_MOD - mpz_fdiv_ui(n, QR_MOD)) % QR_MOD;
	for (i = 1; i <= rounds; i++) {
		if (maybe_square(rb)) {
			mpz_mul(b2, a, a);
			mpz_sub(b2, b2, n);
			if (mpz_perfect_square_p(b2)) {
				found = i;
				break;
			}
		}
		/* (a+1)^2 - n = a^2 - n + 2a + 1 */
		rb = (rb + 2 * ra + 1) % QR_MOD;
		ra = (ra + 1) % QR_MOD;
		mpz_add_ui(a, a, 1);
	}
done:
	mpz_clears(a, b2, NULL);
	return found;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	mpz_t n;
	int round;

	(void)rule;
	int rounds = ctx->opts->fermat_rounds > 0 ? ctx->opts->fermat_rounds : CSRL_FERMAT_ROUNDS;
	long memo;

	if (keymemo_get(k, KEYMEMO_FERMAT, rounds, &memo)) {
		round = (int)memo;
	} else {
		mpz_init(n);
		mpz_import(n, k->rsa_n.len, 1, 1, 0, 0, k->rsa_n.p);
		round = mpz_even_p(n) ? 0 : fermat_round(n, rounds);
		mpz_clear(n);
		keymemo_put(k, KEYMEMO_FERMAT, rounds, round);
	}
	if (round)
		csrl_report(ctx, k->rsa_n_node, "the RSA modulus is factorable with Fermat's method "
			    "in %d round%s: its two primes are too close together. The private key is "
			    "compromised; generate a new key pair with a standard generator", round,
			    round == 1 ? "" : "s");
}

const struct csrl_rule csrl_rule_key_rsa_fermat_factorable = {
	.id = "key.rsa.fermat-factorable",
	.severity = CSRL_SEV_ERROR,
	.description = "RSA modulus factors by Fermat's method within 100 rounds (or "
		       "--fermat-rounds): its primes are too close",
	.citation = "CA/B Forum Baseline Requirements v2.1.2 section 6.1.1.3; Boulder goodkey "
		    "(Fermat, 100 rounds)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
