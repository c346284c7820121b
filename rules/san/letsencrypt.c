/* letsencrypt.c - Let's Encrypt's limits on the names of one request: at most 100 distinct
 * names (subject CN and SAN together) and at most 10 labels per name.
 *
 * Let's Encrypt, "Rate Limits" and Boulder's policy (2025): an order holds at most 100
 * identifiers, the CN and every dNSName/iPAddress counted once each; a domain name has at
 * most 10 labels. The request is refused at finalisation otherwise.
 */
#include <ctype.h>
#include <string.h>

#include "san.h"

#define LE_MAX_NAMES 100
#define LE_MAX_LABELS 10

/* One identifier: a host name (CN or dNSName, compared without case) or an address. */
struct ident {
	const uint8_t *p;
	size_t len;
	int is_ip;
};

static int same(const struct ident *a, const struct ident *b)
{
	size_t i;

	if (a->is_ip != b->is_ip || a->len != b->len)
		return 0;
	for (i = 0; i < a->len; i++)
		if (a->is_ip ? a->p[i] != b->p[i] : tolower(a->p[i]) != tolower(b->p[i]))
			return 0;
	return 1;
}

/* Adds x to the distinct identifiers v[0..n) unless it is there; keeps at most max + 1. */
static size_t add(struct ident *v, size_t n, size_t max, struct ident x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same(&v[i], &x))
			return n;
	if (n <= max)
		v[n++] = x;
	return n;
}

static void check_count(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	struct ident v[LE_MAX_NAMES + 1];
	size_t n = 0, i, j;

	(void)rule;
	for (i = 0; i < csr->subject.nrdns; i++)
		for (j = 0; j < csr->subject.rdns[i].navas; j++) {
			const struct csrl_ava *a = &csr->subject.rdns[i].avas[j];
			struct ident x = { (const uint8_t *)a->utf8, 0, 0 };

			if (csrl_ava_id(a) != CSRL_OID_CN || !a->utf8 || !a->utf8[0])
				continue;
			x.len = strlen(a->utf8);
			n = add(v, n, LE_MAX_NAMES, x);
		}
	while ((g = san_next(csr, &it, -1)) && n <= LE_MAX_NAMES) {
		struct ident x = { g->value.p, g->value.len, g->type == CSRL_GN_IP };

		if ((g->type == CSRL_GN_DNS || g->type == CSRL_GN_IP) && g->value.p && g->node &&
		    !g->node->constructed)
			n = add(v, n, LE_MAX_NAMES, x);
	}
	if (n > LE_MAX_NAMES)
		csrl_report(ctx, csrl_find_san(csr) ? csrl_find_san(csr)->node : NULL,
			    "the request names more than %d distinct identifiers (CN, dNSName and "
			    "iPAddress together); Let's Encrypt refuses it: split the names over "
			    "several certificates", LE_MAX_NAMES);
}

const struct csrl_rule csrl_rule_san_too_many_names = {
	.id = "san.too-many-names",
	.severity = CSRL_SEV_ERROR,
	.description = "More than 100 distinct names in the CN and SAN together",
	.citation = "Let's Encrypt Rate Limits and Boulder policy (2025): 100 identifiers per "
		    "order",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.check = check_count,
};

static void check_labels(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char name[SAN_DNS_BUF], q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		size_t labels = 1;
		const char *s;

		if (san_dns_copy(g, name, 0) < 0)
			continue;
		for (s = name; *s; s++)
			labels += *s == '.' && s[1];
		if (labels > LE_MAX_LABELS)
			csrl_report(ctx, g->node, "dNSName \"%s\" has %zu labels; Let's Encrypt "
				    "accepts at most %d: use a shorter name",
				    san_quote(name, strlen(name), q), labels, LE_MAX_LABELS);
	}
}

const struct csrl_rule csrl_rule_san_dns_too_many_labels = {
	.id = "san.dns.too-many-labels",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName has more than 10 labels",
	.citation = "Let's Encrypt Boulder policy (2025): at most 10 labels per domain name",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = csrl_has_san,
	.check = check_labels,
};
