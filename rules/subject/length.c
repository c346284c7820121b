/* length.c - subject values longer than their upper bound, counted in characters.
 *
 * RFC 5280 appendix A.1 (May 2008): "ub-common-name INTEGER ::= 64", "ub-locality-name
 * INTEGER ::= 128", "ub-state-name INTEGER ::= 128", "ub-organization-name INTEGER ::= 64",
 * "ub-organizational-unit-name INTEGER ::= 64", "ub-title INTEGER ::= 64",
 * "ub-serial-number INTEGER ::= 64", "ub-pseudonym INTEGER ::= 128",
 * "ub-emailaddress-length INTEGER ::= 255", "ub-name INTEGER ::= 32768"; the values are
 * DirectoryString { ub-... } (SIZE (1..ub-...)), a size in characters, not octets.
 * CA/B Forum BR v2.1 section 7.1.4.2 (Subject Attribute Encoding), table "Max Length":
 * domainComponent 63, postalCode 40, streetAddress 128, surname 64, givenName 64 (and the
 * RFC 5280 bounds above for the others).
 */
#include "subject.h"

struct bound {
	enum csrl_oid_id id;
	unsigned rfc, br;               /* 0: no bound from that source */
	const char *ub;                 /* the RFC 5280 name of the bound */
};

static const struct bound bounds[] = {
	{ CSRL_OID_CN, 64, 64, "ub-common-name" },
	{ CSRL_OID_L, 128, 128, "ub-locality-name" },
	{ CSRL_OID_ST, 128, 128, "ub-state-name" },
	{ CSRL_OID_O, 64, 64, "ub-organization-name" },
	{ CSRL_OID_OU, 64, 64, "ub-organizational-unit-name" },
	{ CSRL_OID_TITLE, 64, 0, "ub-title" },
	{ CSRL_OID_SERIAL_NUMBER, 64, 0, "ub-serial-number" },
	{ CSRL_OID_PSEUDONYM, 128, 0, "ub-pseudonym" },
	{ CSRL_OID_EMAIL, 255, 0, "ub-emailaddress-length" },
	{ CSRL_OID_NAME, 32768, 0, "ub-name" },
	{ CSRL_OID_SURNAME, 32768, 64, "ub-name" },
	{ CSRL_OID_GIVEN_NAME, 32768, 64, "ub-name" },
	{ CSRL_OID_INITIALS, 32768, 0, "ub-name" },
	{ CSRL_OID_GENERATION_QUALIFIER, 32768, 0, "ub-name" },
	{ CSRL_OID_DC, 0, 63, NULL },
	{ CSRL_OID_POSTAL_CODE, 0, 40, NULL },
	{ CSRL_OID_STREET, 0, 128, NULL },
};

static const struct bound *bound_of(const struct csrl_ava *a)
{
	enum csrl_oid_id id = csrl_ava_id(a);
	size_t i;

	for (i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
		if (bounds[i].id == id)
			return &bounds[i];
	return NULL;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	int br = rule->source == CSRL_SRC_CABF_BR;
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	char label[SUBJ_LABEL_BUF];

	while ((a = subj_next(ctx->csr, &it, NULL))) {
		const struct bound *b = bound_of(a);
		size_t n;

		/* a character takes at least one octet: a short value needs no counting */
		if (!b || a->value.len <= (br ? b->br : b->rfc) || !subj_is_text(a))
			continue;
		n = subj_char_count(a);
		if (!br && b->rfc && n > b->rfc)
			csrl_report(ctx, a->value_node, "%s is %zu characters long; RFC 5280 limits it "
				    "to %u (%s): shorten it%s", subj_label(a, label), n, b->rfc, b->ub,
				    b->id == CSRL_OID_CN ? " (a long host name belongs in the "
				    "subjectAltName only; leave it out of the CN)" : "");
		else if (br && b->br && n > b->br && (!b->rfc || n <= b->rfc))
			csrl_report(ctx, a->value_node, "%s is %zu characters long; the Baseline "
				    "Requirements (section 7.1.4.2) limit it to %u: shorten it",
				    subj_label(a, label), n, b->br);
	}
}

const struct csrl_rule csrl_rule_subject_attribute_too_long = {
	.id = "subject.attribute-too-long",
	.severity = CSRL_SEV_ERROR,
	.description = "A subject value is longer than its RFC 5280 upper bound (CN, O, OU 64; "
		       "L, ST 128; emailAddress 255 characters ...)",
	.citation = "RFC 5280 appendix A.1 (May 2008), upper bounds ub-common-name and others",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

/* Let's Encrypt builds the subject from the CN alone, so only tls-server checks the others. */
const struct csrl_rule csrl_rule_subject_attribute_too_long_br = {
	.id = "subject.attribute-too-long-br",
	.severity = CSRL_SEV_ERROR,
	.description = "A subject value is longer than the Baseline Requirements allow "
		       "(domainComponent 63, postalCode 40, streetAddress 128, surname and "
		       "givenName 64 characters)",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.2, Subject Attribute Encoding, Max Length",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};
