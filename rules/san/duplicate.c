/* duplicate.c - the same name listed twice in the subjectAltName.
 *
 * RFC 5280 section 4.2.1.6 lets a SAN hold "multiple instances of each name form"; listing
 * the same one twice adds nothing, and DNS names compare without case (RFC 4343 section 3).
 * Let's Encrypt and most CAs merge duplicates, others refuse them: a sign of a request built
 * by concatenation that deserves a look.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "san.h"

/* Upper bound on the pairs compared, so that a request with 100 000 names stays fast. */
#define DUP_MAX_NAMES 4096

static int same(const struct csrl_gname *a, const struct csrl_gname *b)
{
	size_t i;

	if (a->type != b->type || a->value.len != b->value.len || !a->value.p || !b->value.p)
		return 0;
	for (i = 0; i < a->value.len; i++) {
		uint8_t x = a->value.p[i], y = b->value.p[i];

		if (a->type == CSRL_GN_DNS ? tolower(x) != tolower(y) : x != y)
			return 0;
	}
	return 1;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 }, jt;
	const struct csrl_gname *g, *h;
	char q[SAN_QUOTE_BUF];
	size_t i = 0, j;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, -1)) && i++ < DUP_MAX_NAMES) {
		jt = it;
		for (j = i; (h = san_next(ctx->csr, &jt, -1)) && j < DUP_MAX_NAMES; j++) {
			if (!same(g, h))
				continue;
			if (g->type != CSRL_GN_IP || (h->value.len != 4 && h->value.len != 16) ||
			    !inet_ntop(h->value.len == 4 ? AF_INET : AF_INET6, h->value.p, q,
				       sizeof q))
				san_quote(h->value.p, h->value.len, q);
			csrl_report(ctx, h->node, "SAN entry \"%s\" repeats an earlier entry%s: list "
				    "each name once", q,
				    g->type == CSRL_GN_DNS ? " (DNS names compare without case)" : "");
			break;
		}
	}
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
