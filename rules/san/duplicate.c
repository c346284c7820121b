/* duplicate.c - the same name listed twice in the subjectAltName.
 *
 * RFC 5280 section 4.2.1.6 lets a SAN hold "multiple instances of each name form"; listing
 * the same one twice adds nothing, and DNS names compare without case (RFC 4343 section 3).
 * Let's Encrypt and most CAs merge duplicates, others refuse them: a sign of a request built
 * by concatenation that deserves a look.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "san.h"

/* Upper bound on the names compared, so that a request with 100 000 names stays fast. */
#define DUP_MAX_NAMES 4096

/* One name and its position among the SAN entries. */
struct entry {
	const struct csrl_gname *g;
	size_t index;
};

/* Orders names so that equal ones (same type and value, DNS names without case) are adjacent
 * and in request order. */
static int by_value(const void *pa, const void *pb)
{
	const struct entry *ea = pa, *eb = pb;
	const struct csrl_gname *a = ea->g, *b = eb->g;
	size_t i;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->value.len != b->value.len)
		return a->value.len < b->value.len ? -1 : 1;
	for (i = 0; i < a->value.len; i++) {
		int x = a->value.p[i], y = b->value.p[i];

		if (a->type == CSRL_GN_DNS) {
			x = tolower(x);
			y = tolower(y);
		}
		if (x != y)
			return x - y;
	}
	return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static int same(const struct csrl_gname *a, const struct csrl_gname *b)
{
	struct entry x = { a, 0 }, y = { b, 0 };

	return by_value(&x, &y) == 0;
}

/* Every entry that repeats an earlier one is reported once. Sorting the first DUP_MAX_NAMES
 * names keeps this O(n log n): comparing every pair took 130 ms per profile at the cap. */
static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	struct entry *v;
	char q[SAN_QUOTE_BUF];
	size_t n = 0, i;

	(void)rule;
	v = malloc(DUP_MAX_NAMES * sizeof *v);
	if (!v) {
		ctx->out->oom = 1;
		return;
	}
	for (i = 0; i < DUP_MAX_NAMES && (g = san_next(ctx->csr, &it, -1)); i++)
		if (g->value.p)         /* a name without a value equals nothing */
			v[n++] = (struct entry){ g, i };
	qsort(v, n, sizeof *v, by_value);
	for (i = 1; i < n; i++) {
		const struct csrl_gname *h = v[i].g;

		if (!same(v[i - 1].g, h))
			continue;
		if (h->type != CSRL_GN_IP || (h->value.len != 4 && h->value.len != 16) ||
		    !inet_ntop(h->value.len == 4 ? AF_INET : AF_INET6, h->value.p, q, sizeof q))
			san_quote(h->value.p, h->value.len, q);
		csrl_report(ctx, h->node, "SAN entry \"%s\" repeats an earlier entry%s: list each "
			    "name once", q,
			    h->type == CSRL_GN_DNS ? " (DNS names compare without case)" : "");
	}
	free(v);
}

const struct csrl_rule csrl_rule_san_duplicate = {
	.id = "san.duplicate",
	.severity = CSRL_SEV_WARNING,
	.description = "The same name appears twice in the subjectAltName",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 4343 section 3",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.applies = csrl_has_san,
	.check = check,
};
