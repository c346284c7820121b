/* dns_internal.c - internal and special-use names (single labels, .local, .internal, .test,
 * .example, .invalid, .localhost, .home.arpa, .alt) and .onion names in a public request.
 *
 * CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): a dNSName "MUST NOT contain an Internal
 * Name", one that "cannot be verified as globally unique within the public DNS" (section
 * 1.6.1). The names below are reserved so that they never are: RFC 6761 section 6 (.test,
 * .localhost, .invalid, .example), RFC 6762 (.local, multicast DNS), RFC 8375 (.home.arpa),
 * RFC 9476 (.alt), ICANN Board resolution 2024.07.29.06 (.internal, private use).
 * .onion (RFC 7686) is delegated to Tor: BR Appendix B allows it only with onion-specific
 * validation, and Let's Encrypt does not issue for it.
 * Private PKIs may use all of these names.
 */
#include <string.h>
#include <strings.h>

#include "san.h"

static void check_internal(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	struct san_dns scratch;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const struct san_dns *f = san_dns_facts(ctx, g, &scratch);
		const struct san_special_domain *sd = f->special;
		const char *name = f->lower;

		if (!f->plain)
			continue;
		if (sd)
			csrl_report(ctx, g->node, "dNSName \"%s\" is under \".%s\", reserved for "
				    "local use (%s): public CAs cannot validate it; use a name in a "
				    "registered domain, or a private CA", name, sd->suffix,
				    sd->reference);
		else if (!strchr(name, '.') && strcmp(name, "*") != 0)
			csrl_report(ctx, g->node, "dNSName \"%s\" is a single label, an internal "
				    "name that public CAs cannot validate; use the fully-qualified "
				    "name (e.g. \"%s.example.com\"), or a private CA", name, name);
	}
}

const struct csrl_rule csrl_rule_san_dns_internal_name = {
	.id = "san.dns.internal-name",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName is an internal name: a single label or a special-use domain",
	.citation = "CA/B Forum TLS BR sections 1.6.1 (Internal Name) and 7.1.2.7.12 (v2.1.x); "
		    "RFC 6761 section 6; RFC 6762; RFC 8375; RFC 9476",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_internal,
};

/* Reports .onion names; strict for Let's Encrypt, a caution for other public CAs. */
/* Whether the raw name ends in ".onion" (a trailing dot allowed), before any copy. */
static int maybe_onion(const struct csrl_gname *g)
{
	size_t n = g->value.len;

	if (n && g->value.p[n - 1] == '.')
		n--;
	return n >= 6 && strncasecmp((const char *)g->value.p + n - 6, ".onion", 6) == 0;
}

static void check_onion_names(struct csrl_lint_ctx *ctx, int letsencrypt)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char name[SAN_DNS_BUF];

	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const char *end, *start;

		if (!maybe_onion(g) || san_dns_copy(g, name, 1) < 0 || !san_dns_plausible(name) ||
		    !san_is_onion(name))
			continue;
		if (letsencrypt) {
			csrl_report(ctx, g->node, "dNSName \"%s\" is a Tor .onion name; Let's "
				    "Encrypt does not issue for .onion: remove it", name);
			continue;
		}
		/* The label before "onion": 56 characters for version 3, 16 for version 2. */
		end = name + strlen(name) - strlen(".onion");
		for (start = end; start > name && start[-1] != '.'; start--)
			;
		csrl_report(ctx, g->node, "dNSName \"%s\" is a Tor .onion name; public CAs issue "
			    "for it only under BR Appendix B (onion-specific validation, version 3 "
			    "addresses%s)", name, end - start == 16 ? "; this is a version 2 "
			    "address, which is no longer allowed" : "");
	}
}

static void check_onion(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_onion_names(ctx, 0);
}

const struct csrl_rule csrl_rule_san_dns_onion = {
	.id = "san.dns.onion",
	.severity = CSRL_SEV_WARNING,
	.description = "A dNSName is a Tor .onion name, issued only under BR Appendix B",
	.citation = "CA/B Forum TLS BR Appendix B (v2.1.x); RFC 7686",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.applies = csrl_has_san,
	.check = check_onion,
};

static void check_onion_le(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_onion_names(ctx, 1);
}

const struct csrl_rule csrl_rule_san_dns_onion_unsupported = {
	.id = "san.dns.onion-unsupported",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName is a Tor .onion name, which Let's Encrypt does not issue for",
	.citation = "Let's Encrypt (Boulder policy); RFC 7686",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = csrl_has_san,
	.check = check_onion_le,
};
