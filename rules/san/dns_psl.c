/* dns_psl.c - names checked against the Public Suffix List: a name must not itself be a
 * public suffix, and must end in a top-level domain of the list's ICANN section.
 *
 * CA/B Forum TLS BR section 1.6.1 (v2.1.x): "Internal Name: A string of characters (not an IP
 * address) in a Common Name or Subject Alternative Name field of a Certificate that cannot be
 * verified as globally unique within the public DNS at the time of certificate issuance
 * because it does not end with a Top Level Domain registered in IANA's Root Zone Database."
 * Section 7.1.2.7.12: a dNSName entry "MUST NOT contain an Internal Name". Section 3.2.2.4
 * validates control of a domain below its public suffix; Let's Encrypt refuses names that
 * are an ICANN public suffix and names outside the ICANN section.
 * The list is the system's (Debian publicsuffix, loaded by psl_latest) or libpsl's own.
 */
#include <string.h>

#include "san.h"

static void check_public_suffix(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const psl_ctx_t *psl = san_psl();
	struct san_dns scratch;

	(void)rule;
	if (!psl)
		return;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const struct san_dns *f = san_dns_facts(ctx, g, &scratch);
		const char *name = f->lower;

		/* the lowercase copy, when plausible, no wildcard and no IP address text */
		if (!f->plain || strchr(name, '*') || !psl_is_public_suffix2(psl, name,
				PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE))
			continue;
		csrl_report(ctx, g->node, "dNSName \"%s\" is itself a public suffix (ICANN section "
			    "of the Public Suffix List): no one can prove control of it; request "
			    "a name under it that you registered, such as \"example.%s\"", name,
			    name);
	}
}

const struct csrl_rule csrl_rule_san_dns_public_suffix = {
	.id = "san.dns.public-suffix",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName is itself a public suffix (\"co.uk\", \"com\")",
	.citation = "CA/B Forum TLS BR section 3.2.2.4 and 7.1.2.7.12 (v2.1.x); Let's Encrypt "
		    "(Boulder policy); Public Suffix List",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_public_suffix,
};

/* Whether tld is an ICANN top-level domain. Requests repeat a handful of TLDs, so each
 * thread keeps the last verdicts in a small direct-mapped cache (a lookup in libpsl costs
 * more than the rest of this rule). */
#define TLD_CACHE 64
#define TLD_MAX 64

static int icann_tld(const psl_ctx_t *psl, const char *tld)
{
	static _Thread_local struct { char tld[TLD_MAX]; int known; } cache[TLD_CACHE];
	size_t n = strlen(tld), h = n;
	const char *p;

	if (n >= TLD_MAX)
		return psl_is_public_suffix2(psl, tld, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE);
	for (p = tld; *p; p++)
		h = h * 31 + (unsigned char)*p;
	h %= TLD_CACHE;
	if (strcmp(cache[h].tld, tld) != 0) {
		memcpy(cache[h].tld, tld, n + 1);
		cache[h].known = psl_is_public_suffix2(psl, tld, PSL_TYPE_ICANN |
						       PSL_TYPE_NO_STAR_RULE);
	}
	return cache[h].known;
}

static void check_tld(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const psl_ctx_t *psl = san_psl();
	struct san_dns scratch;

	(void)rule;
	if (!psl)
		return;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const struct san_dns *f = san_dns_facts(ctx, g, &scratch);
		const char *tld, *name = f->lower;

		if (!f->plain)
			continue;
		tld = strrchr(name, '.');
		/* Single labels and special-use names are san.dns.internal-name's. */
		if (!tld || f->special || strchr(++tld, '*'))
			continue;
		if (icann_tld(psl, tld))
			continue;
		csrl_report(ctx, g->node, "dNSName \"%s\" ends in \".%s\", which is not a "
			    "top-level domain in the ICANN section of the Public Suffix List: an "
			    "internal name that no public CA can validate; use a registered domain, "
			    "or a private CA", name, tld);
	}
}

const struct csrl_rule csrl_rule_san_dns_tld_unknown = {
	.id = "san.dns.tld-unknown",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName does not end in an ICANN top-level domain (an Internal Name)",
	.citation = "CA/B Forum TLS BR sections 1.6.1 (Internal Name) and 7.1.2.7.12 (v2.1.x); "
		    "Public Suffix List, ICANN section",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_tld,
};
