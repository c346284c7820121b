/* presence.c - a subjectAltName must be requested (public TLS), and must not be empty.
 *
 * CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): for Subscriber Certificates the
 * subjectAltName extension "MUST be present" and "MUST contain at least one entry".
 * RFC 5280 section 4.2.1.6: "If the subjectAltName extension is present, the sequence MUST
 * contain at least one entry."
 * Let's Encrypt (Boulder, 2025) takes the names from the CN and the SAN together, so under its
 * profile only a request naming nothing at all is refused.
 */
#include "san.h"

static int any_san_ext(const struct csrl_csr *csr)
{
	size_t i;

	for (i = 0; i < csr->nexts; i++)
		if (!csr->exts[i].malformed && csr->exts[i].kind == CSRL_EXT_SAN)
			return 1;
	return 0;
}

static int has_cn(const struct csrl_csr *csr)
{
	size_t i, j;

	for (i = 0; i < csr->subject.nrdns; i++)
		for (j = 0; j < csr->subject.rdns[i].navas; j++)
			if (csrl_ava_id(&csr->subject.rdns[i].avas[j]) == CSRL_OID_CN)
				return 1;
	return 0;
}

static void check_missing(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	/* A SAN that is present but does not decode is reported by the extension rules. */
	if (any_san_ext(ctx->csr))
		return;
	/* Let's Encrypt copies a lone CN into the SAN; it refuses only a request without any
	 * name. Other public CAs are held to the BR and may not. */
	if (ctx->profile == CSRL_PROFILE_LETSENCRYPT && has_cn(ctx->csr))
		return;
	csrl_report(ctx, ctx->csr->attrs_node ? ctx->csr->attrs_node : ctx->csr->cri,
		    "the request has no subjectAltName extension%s; CAs take the certificate's "
		    "names from it and browsers ignore the CN: request one, e.g. openssl req "
		    "-addext \"subjectAltName=DNS:www.example.com\"",
		    has_cn(ctx->csr) ? "" : " and no CN, so it names nothing");
}

const struct csrl_rule csrl_rule_san_missing = {
	.id = "san.missing",
	.severity = CSRL_SEV_ERROR,
	.description = "No subjectAltName extension is requested",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.check = check_missing,
};

static void check_empty(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	size_t i;

	(void)rule;
	for (i = 0; i < ctx->csr->nexts; i++) {
		const struct csrl_ext *e = &ctx->csr->exts[i];

		if (e->malformed || e->kind != CSRL_EXT_SAN || !e->decoded || e->nnames)
			continue;
		csrl_report(ctx, e->value_node ? e->value_node : e->node, "the subjectAltName "
			    "extension holds no names; list at least one (DNS:, IP:) or leave the "
			    "extension out");
	}
}

const struct csrl_rule csrl_rule_san_empty = {
	.id = "san.empty",
	.severity = CSRL_SEV_ERROR,
	.description = "The subjectAltName extension holds no GeneralName",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); CA/B Forum TLS BR section 7.1.2.7.12",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_empty,
};
