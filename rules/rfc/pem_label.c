/* pem_label.c - the PEM armour uses the legacy "NEW CERTIFICATE REQUEST" label.
 *
 * RFC 7468 section 7 (April 2015): "The label "NEW CERTIFICATE REQUEST" is also in wide use.
 * Generators conforming to this document MUST generate "CERTIFICATE REQUEST" labels. Parsers
 * MAY treat "NEW CERTIFICATE REQUEST" as equivalent to "CERTIFICATE REQUEST"."
 * The request itself is unaffected and most parsers accept both, so this is a notice.
 */
#include "util.h"

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	if (!ctx->csr->legacy_pem_label)
		return;
	csrl_report(ctx, NULL, "the PEM block is labelled \"NEW CERTIFICATE REQUEST\", the legacy "
		    "Netscape/Microsoft form; RFC 7468 generators use \"CERTIFICATE REQUEST\": "
		    "change the BEGIN and END lines if a strict parser rejects it");
}

const struct csrl_rule csrl_rule_csr_pem_label_legacy = {
	.id = "csr.pem-label-legacy",
	.severity = CSRL_SEV_NOTICE,
	.description = "PEM label is the legacy \"NEW CERTIFICATE REQUEST\"",
	.citation = "RFC 7468 section 7 (April 2015)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
