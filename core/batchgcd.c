/* batchgcd.c - product tree and remainder tree over the distinct moduli of a corpus.
 *
 * Level 0 of the product tree holds the distinct moduli, level k + 1 the products of pairs
 * of level k (an odd last node moves up alone), the top the product P of all. Going down,
 * each node gets (a scaled form of) P mod node^2; at a leaf n, r = P mod n^2 and
 * r / n = (P / n) mod n, so gcd(n, r / n) is the part of n shared with the others. Levels
 * are freed as soon as the descent has passed them. */
#include <stdlib.h>

#include "batchgcd.h"
#include "csrlint.h"

struct ref {
	mpz_srcptr v;
	size_t idx;
};

static int by_value(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = mpz_cmp(x->v, y->v);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

struct level {
	mpz_t *v;
	size_t n;
};

static void level_free(struct level *l)
{
	size_t i;

	if (!l->v)
		return;
	for (i = 0; i < l->n; i++)
		mpz_clear(l->v[i]);
	free(l->v);
	l->v = NULL;
}

static int level_alloc(struct level *l, size_t n)
{
	size_t i;

	if (!(l->v = malloc((n ? n : 1) * sizeof *l->v)))
		return -1;
	l->n = n;
	for (i = 0; i < n; i++)
		mpz_init(l->v[i]);
	return 0;
}

/* Descends the tree with scaled remainders (Bernstein, "Scaled remainder trees", 2004):
 * instead of P mod v^2, each node v keeps Y_v = floor(frac(P / v^2) * 2^s_v), s_v = 2 bits(v)
 * + GUARD. For a child w with sibling w' (v = w w'), frac(P / w^2) = frac(frac(P / v^2) w'^2),
 * so Y_w is a multiplication and two bit shifts - no division below the root. Truncation
 * errors grow at most 4-fold per level; GUARD bits more than cover the depth. At a leaf n,
 * P mod n^2 = round(Y_n n^2 / 2^s_n). */
#define GUARD(depth) (64 + 2 * (depth))

static size_t scale(const mpz_t v, size_t guard)
{
	return 2 * mpz_sizeinbase(v, 2) + guard;
}

/* The remainder tree over the m distinct moduli uniq[]; leaves' gcds into out[]. */
static int tree_gcds(mpz_srcptr *uniq, size_t m, mpz_t *out)
{
	struct level *tree;
	struct level rem = { NULL, 0 }, next;
	size_t depth = 1, k, i, w, guard;
	mpz_t sq, q;
	int rc = CSRL_ERR_NOMEM;

	for (w = m; w > 1; w = (w + 1) / 2)
		depth++;
	guard = GUARD(depth);
	if (!(tree = calloc(depth, sizeof *tree)))
		return rc;
	if (level_alloc(&tree[0], m))
		goto done;
	for (i = 0; i < m; i++)
		mpz_set(tree[0].v[i], uniq[i]);
	for (k = 1; k < depth; k++) {
		const struct level *lo = &tree[k - 1];

		if (level_alloc(&tree[k], (lo->n + 1) / 2))
			goto done;
		for (i = 0; i < tree[k].n; i++) {
			if (2 * i + 1 < lo->n)
				mpz_mul(tree[k].v[i], lo->v[2 * i], lo->v[2 * i + 1]);
			else
				mpz_set(tree[k].v[i], lo->v[2 * i]);
		}
	}
	mpz_inits(sq, q, NULL);
	if (level_alloc(&rem, 1))
		goto done_mpz;
	/* root: frac(P / P^2) = 1 / P */
	mpz_set_ui(rem.v[0], 0);
	mpz_setbit(rem.v[0], scale(tree[depth - 1].v[0], guard));
	mpz_tdiv_q(rem.v[0], rem.v[0], tree[depth - 1].v[0]);
	for (k = depth - 1; k-- > 0;) {
		const struct level *lo = &tree[k], *up = &tree[k + 1];

		if (level_alloc(&next, lo->n)) {
			level_free(&rem);
			goto done_mpz;
		}
		for (i = 0; i < lo->n; i++) {
			size_t sv = scale(up->v[i / 2], guard), sw = scale(lo->v[i], guard);
			size_t sib = i ^ 1;

			if (sib >= lo->n) {     /* carried up alone: same node */
				mpz_set(next.v[i], rem.v[i / 2]);
				continue;
			}
			mpz_mul(sq, lo->v[sib], lo->v[sib]);
			mpz_mul(next.v[i], rem.v[i / 2], sq);
			mpz_tdiv_r_2exp(next.v[i], next.v[i], sv);
			mpz_tdiv_q_2exp(next.v[i], next.v[i], sv - sw);
		}
		level_free(&rem);
		level_free(&tree[k + 1]);       /* no longer needed below */
		rem = next;
	}
	for (i = 0; i < m; i++) {
		size_t sn = scale(tree[0].v[i], guard);

		mpz_mul(sq, tree[0].v[i], tree[0].v[i]);
		mpz_mul(q, rem.v[i], sq);
		mpz_tdiv_q_2exp(q, q, sn - 1);  /* round to nearest: q = P mod n^2 */
		mpz_add_ui(q, q, 1);
		mpz_tdiv_q_2exp(q, q, 1);
		mpz_tdiv_q(q, q, tree[0].v[i]); /* = (P / n) mod n */
		mpz_gcd(out[i], q, tree[0].v[i]);
	}
	level_free(&rem);
	rc = CSRL_ERR_OK;
done_mpz:
	mpz_clears(sq, q, NULL);
done:
	for (k = 0; k < depth; k++)
		level_free(&tree[k]);
	free(tree);
	return rc;
}

int csrl_batchgcd(mpz_t *moduli, size_t n, mpz_t *gcds)
{
	struct ref *r = malloc((n ? n : 1) * sizeof *r);
	mpz_srcptr *uniq = malloc((n ? n : 1) * sizeof *uniq);
	size_t *group = malloc((n ? n : 1) * sizeof *group);
	mpz_t *ug = NULL;
	size_t i, m = 0, usable = 0;
	int rc = CSRL_ERR_NOMEM;

	if (!r || !uniq || !group)
		goto done;
	for (i = 0; i < n; i++) {
		mpz_set_ui(gcds[i], 1);
		if (mpz_cmp_ui(moduli[i], 2) >= 0) {
			r[usable].v = moduli[i];
			r[usable++].idx = i;
		}
	}
	qsort(r, usable, sizeof *r, by_value);
	for (i = 0; i < usable; i++) {
		if (i == 0 || mpz_cmp(r[i].v, r[i - 1].v) != 0)
			uniq[m++] = r[i].v;
		group[i] = m - 1;
	}
	rc = CSRL_ERR_OK;
	if (m < 2)
		goto done;
	rc = CSRL_ERR_NOMEM;
	if (!(ug = malloc(m * sizeof *ug)))
		goto done;
	for (i = 0; i < m; i++)
		mpz_init(ug[i]);
	if ((rc = tree_gcds(uniq, m, ug)) == CSRL_ERR_OK)
		for (i = 0; i < usable; i++)
			mpz_set(gcds[r[i].idx], ug[group[i]]);
	for (i = 0; i < m; i++)
		mpz_clear(ug[i]);
done:
	free(ug);
	free(group);
	free(uniq);
	free(r);
	return rc;
}
