/* email_uri.c - rfc822Name and uniformResourceIdentifier entries in a TLS server request.
 *
 * CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): in a Subscriber Certificate only dNSName and
 * iPAddress entries are permitted; "otherName", "rfc822Name", "uniformResourceIdentifier"
 * and the other name types MUST NOT be present. A CA drops or refuses them (warning).
 * Let's Encrypt refuses a request that holds any email address or URI (Boulder: "CSR
 * contains one or more email address fields" / "URI fields") (error).
 */
#include "san.h"

static void check_type(struct csrl_lint_ctx *ctx, int type, int letsencrypt)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF];
	const char *what = type == CSRL_GN_EMAIL ? "rfc822Name (email)" : "URI";

	while ((g = san_next(ctx->csr, &it, type)))
		csrl_report(ctx, g->node, "%s entry \"%s\" in a TLS server request; %s: remove it "
			    "(for S/MIME or client identities, request a separate certificate)",
			    what, san_quote(g->value.p, g->value.len, q),
			    letsencrypt ? "Let's Encrypt refuses the request" :
			    "publicly-trusted TLS certificates carry only DNS names and IP "
			    "addresses, so the CA will drop it or refuse the request");
}

static void check_email(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_type(ctx, CSRL_GN_EMAIL, 0);
}

const struct csrl_rule csrl_rule_san_email_present = {
	.id = "san.email.present",
	.severity = CSRL_SEV_WARNING,
	.description = "The SAN holds an rfc822Name (email address)",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.applies = csrl_has_san,
	.check = check_email,
};

static void check_email_le(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_type(ctx, CSRL_GN_EMAIL, 1);
}

const struct csrl_rule csrl_rule_san_email_letsencrypt = {
	.id = "san.email.letsencrypt",
	.severity = CSRL_SEV_ERROR,
	.description = "The SAN holds an rfc822Name, which Let's Encrypt refuses",
	.citation = "Let's Encrypt (Boulder csr.go, 2025); CA/B Forum TLS BR section 7.1.2.7.12",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = csrl_has_san,
	.check = check_email_le,
};

static void check_uri(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_type(ctx, CSRL_GN_URI, 0);
}

const struct csrl_rule csrl_rule_san_uri_present = {
	.id = "san.uri.present",
	.severity = CSRL_SEV_WARNING,
	.description = "The SAN holds a uniformResourceIdentifier",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.applies = csrl_has_san,
	.check = check_uri,
};

static void check_uri_le(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	check_type(ctx, CSRL_GN_URI, 1);
}

const struct csrl_rule csrl_rule_san_uri_letsencrypt = {
	.id = "san.uri.letsencrypt",
	.severity = CSRL_SEV_ERROR,
	.description = "The SAN holds a URI, which Let's Encrypt refuses",
	.citation = "Let's Encrypt (Boulder csr.go, 2025); CA/B Forum TLS BR section 7.1.2.7.12",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.applies = csrl_has_san,
	.check = check_uri_le,
};
