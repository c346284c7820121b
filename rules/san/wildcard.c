/* wildcard.c - a wildcard is the whole leftmost label, and never directly under a public
 * suffix.
 *
 * CA/B Forum TLS BR section 1.6.1 (v2.1.x): "Wildcard Domain Name: A string starting with
 * "*." (U+002A ASTERISK, U+002E FULL STOP) immediately followed by a Fully-Qualified Domain
 * Name." RFC 9525 section 6.3 (November 2023): a wildcard is matched only when "the
 * wildcard character '*' ... is the complete left-most label". BR section 3.2.2.6: "If a
 * wildcard would fall within the label immediately to the left of a registry-controlled or
 * public suffix, CAs MUST refuse issuance unless the applicant proves its rightful control of
 * the entire Domain Namespace."
 */
#include <string.h>

#include "san.h"

/* Reports every dNSName whose '*' placement fails want (0: partial leftmost label,
 * 1: a '*' beyond the leftmost label). */
static void check_star(struct csrl_lint_ctx *ctx, int beyond_first)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF];

	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p = g->value.p, *dot, *star;
		size_t first, len = g->value.len;

		if (!p || !g->node || g->node->constructed || !(star = memchr(p, '*', len)))
			continue;
		dot = memchr(p, '.', len);
		first = dot ? (size_t)(dot - p) : len;
		if (beyond_first && dot && (star = memchr(dot, '*', len - first)))
			csrl_report_at(ctx, g->node, san_value_offset(ctx, g, (size_t)(star - p)),
				       1, "dNSName \"%s\" has a '*' outside the leftmost label; a "
				       "wildcard covers exactly one leftmost label, as in "
				       "\"*.example.com\"", san_quote(p, len, q));
		else if (!beyond_first && (size_t)(star - p) < first && first != 1)
			csrl_report_at(ctx, g->node, san_value_offset(ctx, g, 0), first,
				       "dNSName \"%s\" has a partial wildcard label; only \"*\" as the "
				       "whole leftmost label is allowed (\"*.example.com\")",
				       san_quote(p, len, q));
	}
}

static void check_not_leftmost(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_star(ctx, 1);
}

const struct csrl_rule csrl_rule_san_dns_wildcard_not_leftmost = {
	.id = "san.dns.wildcard-not-leftmost",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName has a '*' outside its leftmost label",
	.citation = "CA/B Forum TLS BR section 1.6.1 (Wildcard Domain Name), v2.1.x; RFC 9525 "
		    "section 6.3",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.applies = csrl_has_san,
	.check = check_not_leftmost,
};

static void check_partial(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_star(ctx, 0);
}

const struct csrl_rule csrl_rule_san_dns_wildcard_partial = {
	.id = "san.dns.wildcard-partial",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName's leftmost label mixes '*' with other characters (\"w*.x.com\")",
	.citation = "CA/B Forum TLS BR section 1.6.1 (Wildcard Domain Name), v2.1.x; RFC 9525 "
		    "section 6.3",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.applies = csrl_has_san,
	.check = check_partial,
};

static void check_suffix(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const psl_ctx_t *psl = san_psl();
	char name[SAN_DNS_BUF], q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const char *base;

		if (san_dns_copy(g, name, 1) < 0 || strncmp(name, "*", 1) != 0)
			continue;
		if (strcmp(name, "*") == 0) {
			csrl_report(ctx, g->node, "dNSName \"*\" would match every host name: name "
				    "the domain, as in \"*.example.com\"");
			continue;
		}
		if (name[1] != '.' || !san_dns_plausible(name + 2) || strchr(name + 2, '*'))
			continue;
		base = name + 2;
		if (!strchr(base, '.') || (psl && psl_is_public_suffix2(psl, base,
				PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE)))
			csrl_report(ctx, g->node, "wildcard \"%s\" sits directly under the public "
				    "suffix \"%s\"; CAs refuse it unless you control that whole "
				    "namespace: request names under your own registered domain",
				    san_quote(name, strlen(name), q), base);
	}
}

const struct csrl_rule csrl_rule_san_dns_wildcard_public_suffix = {
	.id = "san.dns.wildcard-public-suffix",
	.severity = CSRL_SEV_ERROR,
	.description = "A wildcard dNSName sits right under a public suffix or TLD (\"*.co.uk\")",
	.citation = "CA/B Forum TLS BR section 3.2.2.6 (v2.1.x); Public Suffix List",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_suffix,
};
