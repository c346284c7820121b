/* string_type.c - the ASN.1 string type chosen for each subject value.
 *
 * RFC 5280 section 4.1.2.4 (May 2008): "DirectoryString ::= CHOICE { teletexString,
 * printableString, universalString, utf8String, bmpString }" and "When encoding attribute
 * values of type DirectoryString, conforming CAs MUST use PrintableString or UTF8String
 * encoding, with the following exceptions: ... (c) TeletexString, BMPString, and
 * UniversalString are included for backward compatibility, and SHOULD NOT be used for
 * certificates for new subjects." Appendix A.1: "X520countryName ::= PrintableString
 * (SIZE (2))", "X520SerialNumber ::= PrintableString", "X520dnQualifier ::= PrintableString",
 * "EmailAddress ::= IA5String", and RFC 4519 section 2.4 / RFC 5280 4.1.2.4: domainComponent
 * is an IA5String.
 * CA/B Forum BR v2.1 section 7.1.4.2: stateOrProvinceName, localityName, postalCode,
 * streetAddress, organizationName, surname, givenName, organizationalUnitName and commonName
 * "MUST use UTF8String or PrintableString". (Charset errors inside a type are der.* rules.)
 */
#include "subject.h"

enum { ANY = 0, DIRSTRING, BR_DIRSTRING, PRINTABLE, IA5 };

extern const struct csrl_rule csrl_rule_subject_string_type_not_directory_string,
	csrl_rule_subject_string_type_legacy, csrl_rule_subject_string_type_not_utf8_or_printable,
	csrl_rule_subject_string_type_wrong_for_attribute;

static int kind_of(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_CN: case CSRL_OID_SURNAME: case CSRL_OID_L: case CSRL_OID_ST:
	case CSRL_OID_STREET: case CSRL_OID_O: case CSRL_OID_OU: case CSRL_OID_POSTAL_CODE:
	case CSRL_OID_GIVEN_NAME:
		return BR_DIRSTRING;
	case CSRL_OID_TITLE: case CSRL_OID_DESCRIPTION: case CSRL_OID_BUSINESS_CATEGORY:
	case CSRL_OID_NAME: case CSRL_OID_INITIALS: case CSRL_OID_GENERATION_QUALIFIER:
	case CSRL_OID_PSEUDONYM: case CSRL_OID_ORG_IDENTIFIER: case CSRL_OID_JURIS_L:
	case CSRL_OID_JURIS_ST: case CSRL_OID_UID:
		return DIRSTRING;
	case CSRL_OID_C: case CSRL_OID_SERIAL_NUMBER: case CSRL_OID_DN_QUALIFIER:
	case CSRL_OID_JURIS_C:
		return PRINTABLE;
	case CSRL_OID_EMAIL: case CSRL_OID_DC:
		return IA5;
	default:
		return ANY;
	}
}

static const char *type_name(const struct csrl_ava *a)
{
	if (a->value_cls != CSRL_CLASS_UNIVERSAL)
		return "a non-universal tag";
	switch (a->string_tag) {
	case CSRL_TAG_UTF8_STRING: return "UTF8String";
	case CSRL_TAG_PRINTABLE_STRING: return "PrintableString";
	case CSRL_TAG_T61_STRING: return "TeletexString";
	case CSRL_TAG_IA5_STRING: return "IA5String";
	case CSRL_TAG_BMP_STRING: return "BMPString";
	case CSRL_TAG_UNIVERSAL_STRING: return "UniversalString";
	case CSRL_TAG_VISIBLE_STRING: return "VisibleString";
	case CSRL_TAG_NUMERIC_STRING: return "NumericString";
	case CSRL_TAG_OCTET_STRING: return "OCTET STRING";
	case CSRL_TAG_INTEGER: return "INTEGER";
	case CSRL_TAG_SEQUENCE: return "SEQUENCE";
	default: return "another ASN.1 type";
	}
}

static int is_legacy(const struct csrl_ava *a)
{
	return a->value_cls == CSRL_CLASS_UNIVERSAL && (a->string_tag == CSRL_TAG_T61_STRING ||
	       a->string_tag == CSRL_TAG_BMP_STRING || a->string_tag == CSRL_TAG_UNIVERSAL_STRING);
}

static int is_tag(const struct csrl_ava *a, uint32_t tag)
{
	return a->value_cls == CSRL_CLASS_UNIVERSAL && a->string_tag == tag;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	char l[SUBJ_LABEL_BUF];
	int choice = rule == &csrl_rule_subject_string_type_not_directory_string;
	int legacy = rule == &csrl_rule_subject_string_type_legacy;
	int br = rule == &csrl_rule_subject_string_type_not_utf8_or_printable;
	int fixed = rule == &csrl_rule_subject_string_type_wrong_for_attribute;

	while ((a = subj_next(ctx->csr, &it, NULL))) {
		int kind = kind_of(csrl_ava_id(a));
		const struct csrl_node *v = a->value_node;

		if (kind == ANY)
			continue;
		if (choice && kind <= BR_DIRSTRING && !is_legacy(a) &&
		    !is_tag(a, CSRL_TAG_UTF8_STRING) && !is_tag(a, CSRL_TAG_PRINTABLE_STRING))
			csrl_report(ctx, v, "%s is encoded as %s, which is not a DirectoryString "
				    "choice; encode it as a UTF8String (or a PrintableString)",
				    subj_label(a, l), type_name(a));
		else if (legacy && kind <= BR_DIRSTRING && is_legacy(a) &&
			 !(kind == BR_DIRSTRING && ctx->profile == CSRL_PROFILE_TLS_SERVER))
			csrl_report(ctx, v, "%s is encoded as %s, kept for backward compatibility "
				    "only; encode it as a UTF8String (or a PrintableString)",
				    subj_label(a, l), type_name(a));
		else if (br && kind == BR_DIRSTRING && is_legacy(a))
			csrl_report(ctx, v, "%s is encoded as %s; the Baseline Requirements allow "
				    "only UTF8String or PrintableString: re-encode it",
				    subj_label(a, l), type_name(a));
		else if (fixed && kind == PRINTABLE && !is_tag(a, CSRL_TAG_PRINTABLE_STRING))
			csrl_report(ctx, v, "%s is encoded as %s; it must be a PrintableString",
				    subj_label(a, l), type_name(a));
		else if (fixed && kind == IA5 && !is_tag(a, CSRL_TAG_IA5_STRING))
			csrl_report(ctx, v, "%s is encoded as %s; it must be an IA5String",
				    subj_label(a, l), type_name(a));
	}
}

const struct csrl_rule csrl_rule_subject_string_type_not_directory_string = {
	.id = "subject.string-type.not-directory-string",
	.severity = CSRL_SEV_ERROR,
	.description = "A DirectoryString value (CN, O, OU, L, ST ...) uses a type outside the "
		       "DirectoryString CHOICE (IA5String, VisibleString, OCTET STRING ...)",
	.citation = "RFC 5280 section 4.1.2.4 and appendix A.1 (May 2008), DirectoryString",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_string_type_legacy = {
	.id = "subject.string-type.legacy",
	.severity = CSRL_SEV_WARNING,
	.description = "A DirectoryString value uses TeletexString, BMPString or UniversalString "
		       "instead of UTF8String or PrintableString",
	.citation = "RFC 5280 section 4.1.2.4 (May 2008), exception (c): SHOULD NOT be used",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

/* Let's Encrypt builds the subject from the CN and re-encodes it, so only tls-server. */
const struct csrl_rule csrl_rule_subject_string_type_not_utf8_or_printable = {
	.id = "subject.string-type.not-utf8-or-printable",
	.severity = CSRL_SEV_ERROR,
	.description = "CN, O, OU, L, ST, street, postalCode, surname or givenName is not a "
		       "UTF8String or PrintableString",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.2, Subject Attribute Encoding",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_string_type_wrong_for_attribute = {
	.id = "subject.string-type.wrong-for-attribute",
	.severity = CSRL_SEV_ERROR,
	.description = "countryName, serialNumber or dnQualifier is not a PrintableString, or "
		       "emailAddress or domainComponent is not an IA5String",
	.citation = "RFC 5280 section 4.1.2.4 and appendix A.1 (May 2008); RFC 4519 section 2.4",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
