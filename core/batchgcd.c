/* batchgcd.c - product tree and remainder tree over the distinct moduli of a corpus.
 *
 * Level 0 of the product tree holds the distinct moduli, level k + 1 the products of pairs
 * of level k (an odd last node moves up alone), the top the product P of all. Going down,
 * each node's remainder is its parent's remainder modulo the node squared; at a leaf n,
 * r = P mod n^2 and r / n = (P / n) mod n, so gcd(n, r / n) is the part of n shared with
 * the others. Levels are freed as soon as the descent has passed them. */
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

/* The remainder tree over the m distinct moduli uniq[]; leaves' gcds into out[]. */
static int tree_gcds(mpz_srcptr *uniq, size_t m, mpz_t *out)
{
	struct level *tree;
	struct level rem = { NULL, 0 }, next;
	size_t depth = 1, k, i, w;
	mpz_t sq, q;
	int rc = CSRL_ERR_NOMEM;

	for (w = m; w > 1; w = (w + 1) / 2)
		depth++;
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
	/* descend: rem holds the remainders of level k + 1 */
	mpz_inits(sq, q, NULL);
	if (level_alloc(&rem, 1))
		goto done_mpz;
	mpz_set(rem.v[0], tree[depth - 1].v[0]);
	for (k = depth - 1; k-- > 0;) {
		if (level_alloc(&next, tree[k].n)) {
			level_free(&rem);
			goto done_mpz;
		}
		for (i = 0; i < tree[k].n; i++) {
			mpz_mul(sq, tree[k].v[i], tree[k].v[i]);
			mpz_mod(next.v[i], rem.v[i / 2], sq);
		}
		level_free(&rem);
		level_free(&tree[k + 1]);       /* no longer needed below */
		rem = next;
	}
	for (i = 0; i < m; i++) {
		mpz_divexact(q, rem.v[i], tree[0].v[i]);
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
