/* rdn.c - RelativeDistinguishedNames that are empty or hold more than one attribute.
 *
 * RFC 5280 section 4.1.2.4 (May 2008): "RelativeDistinguishedName ::= SET SIZE (1..MAX) OF
 * AttributeTypeAndValue".
 * CA/B Forum BR v2.1 section 7.1.4.1 (Name Encoding): "Each RelativeDistinguishedName MUST
 * contain exactly one AttributeTypeAndValue."
 */

#include <stdio.h>

#include "subject.h"

static void check_empty(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	size_t i;

	(void)rule;
	for (i = 0; i < ctx->csr->subject.nrdns; i++)
		if (!ctx->csr->subject.rdns[i].navas)
			csrl_report(ctx, ctx->csr->subject.rdns[i].node, "RDN %zu of the subject is "
				    "an empty SET; every RDN must hold an attribute: remove it", i);
}

static void check_multi(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	size_t i, j;

	(void)rule;
	for (i = 0; i < ctx->csr->subject.nrdns; i++) {
		const struct csrl_rdn *r = &ctx->csr->subject.rdns[i];
		char types[200] = "", l[SUBJ_LABEL_BUF];
		size_t o = 0;

		if (r->navas < 2 || !r->avas)
			continue;
		for (j = 0; j < r->navas && o < sizeof types - 1; j++)
			o += (size_t)snprintf(types + o, sizeof types - o, "%s%s", j ? "+" : "",
					      subj_label(&r->avas[j], l));
		csrl_report(ctx, r->node, "RDN %zu of the subject holds %zu attributes (%s); put "
			    "each attribute in an RDN of its own (with OpenSSL, -multivalue-rdn "
			    "and '+' in -subj make this form)", i, r->navas, types);
	}
}

const struct csrl_rule csrl_rule_subject_rdn_empty = {
	.id = "subject.rdn.empty",
	.severity = CSRL_SEV_ERROR,
	.description = "A RelativeDistinguishedName of the subject is an empty SET",
	.citation = "RFC 5280 section 4.1.2.4 (May 2008), RelativeDistinguishedName SIZE (1..MAX)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_empty,
};

/* Let's Encrypt keeps only the CN of the subject, so only tls-server. */
const struct csrl_rule csrl_rule_subject_rdn_multi_valued = {
	.id = "subject.rdn.multi-valued",
	.severity = CSRL_SEV_ERROR,
	.description = "A RelativeDistinguishedName of the subject holds more than one attribute",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.1, Name Encoding",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check_multi,
};
