/* email.c - the PKCS#9 emailAddress attribute in the subject.
 *
 * RFC 5280 section 4.1.2.6 (May 2008): "Conforming implementations generating new
 * certificates with electronic mail addresses MUST use the rfc822Name in the subject
 * alternative name extension (Section 4.2.1.6) to describe such identities. Simultaneous
 * inclusion of the emailAddress attribute in the subject distinguished name to support legacy
 * implementations is deprecated but permitted."
 * CA/B Forum BR v2.1 section 7.1.2.7.2 (Domain Validated subject): "Any other attribute: MUST
 * NOT"; section 7.1.2.7.4 (Organization Validated): "Any other attribute: NOT RECOMMENDED"
 * (section 7.1.4.4); emailAddress is not among the attributes of section 7.1.4.2.
 */
#include "subject.h"

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	int br = rule->source == CSRL_SRC_CABF_BR;
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	char q[SUBJ_QUOTE_BUF];

	while ((a = subj_next(ctx->csr, &it, NULL))) {
		if (csrl_ava_id(a) != CSRL_OID_EMAIL)
			continue;
		if (br)
			csrl_report(ctx, a->node, "the subject holds emailAddress %s; TLS server "
				    "certificates do not carry it (Domain Validated: not allowed; "
				    "others: not recommended): remove it (with openssl req, leave "
				    "\"Email Address\" empty)", subj_quote(a, q));
		else
			csrl_report(ctx, a->node, "the subject holds emailAddress %s, a deprecated "
				    "legacy form; put the address in the subjectAltName as an "
				    "rfc822Name instead", subj_quote(a, q));
	}
}

/* Let's Encrypt keeps only the CN of the subject, so only tls-server. */
const struct csrl_rule csrl_rule_subject_email_address_present = {
	.id = "subject.email-address-present",
	.severity = CSRL_SEV_WARNING,
	.description = "The subject of a TLS server request holds an emailAddress attribute",
	.citation = "CA/B Forum BR v2.1 sections 7.1.2.7.2 and 7.1.2.7.4 (Any other attribute)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_email_address_deprecated = {
	.id = "subject.email-address-deprecated",
	.severity = CSRL_SEV_NOTICE,
	.description = "The subject holds the deprecated emailAddress attribute",
	.citation = "RFC 5280 section 4.1.2.6 (May 2008): deprecated but permitted",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILE_RFC | CSRL_PROFILE_PRIVATE_PKI,
	.check = check,
};
