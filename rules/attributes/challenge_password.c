/* challenge_password.c - the challengePassword attribute: present at all (a secret sent in
 * clear), of a length outside 1..255 characters, or not a DirectoryString.
 *
 * RFC 2985 section 5.4.1 (November 2000): "The challengePassword attribute type specifies a
 * password by which an entity may request certificate revocation."
 *   challengePassword ATTRIBUTE ::= {
 *        WITH SYNTAX DirectoryString {pkcs-9-ub-challengePassword} ... }
 *   pkcs-9-ub-challengePassword INTEGER ::= 255
 * X.520's DirectoryString {ub} is a CHOICE of TeletexString, PrintableString, UniversalString,
 * UTF8String and BMPString, each SIZE (1..ub). A request is signed, not encrypted: whoever sees
 * it (logs, tickets, CT-adjacent tooling) reads the password. Public CAs ignore it.
 * Messages never print the password.
 */
#include "util.h"

static int is_directory_string(const struct csrl_node *v)
{
	if (v->cls != CSRL_CLASS_UNIVERSAL || v->constructed)
		return 0;
	return v->tag == CSRL_TAG_T61_STRING || v->tag == CSRL_TAG_PRINTABLE_STRING ||
	       v->tag == CSRL_TAG_UNIVERSAL_STRING || v->tag == CSRL_TAG_UTF8_STRING ||
	       v->tag == CSRL_TAG_BMP_STRING;
}

/* Characters in a DirectoryString value. */
static size_t chars(const struct csrl_node *v)
{
	size_t i, n = 0;

	switch (v->tag) {
	case CSRL_TAG_BMP_STRING: return v->len / 2;
	case CSRL_TAG_UNIVERSAL_STRING: return v->len / 4;
	case CSRL_TAG_UTF8_STRING:
		for (i = 0; i < v->len; i++)
			n += (v->content[i] & 0xC0) != 0x80;
		return n;
	default: return v->len;
	}
}

/* Calls fn on every value of every well-formed challengePassword attribute. */
static void each_value(struct csrl_lint_ctx *ctx,
		       void (*fn)(struct csrl_lint_ctx *ctx, const struct csrl_node *v))
{
	const struct csrl_csr *csr = ctx->csr;
	const struct csrl_node *v;
	size_t i;

	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (a->kind != CSRL_ATTR_CHALLENGE_PASSWORD || a->malformed || !a->values_node)
			continue;
		for (v = a->first_value; v; v = v->next)
			fn(ctx, v);
	}
}

static void type_of(struct csrl_lint_ctx *ctx, const struct csrl_node *v)
{
	if (!is_directory_string(v))
		csrl_report(ctx, v, "the challengePassword value is not a DirectoryString (it has "
			    "%s tag %u); use PrintableString, or UTF8String when the password needs "
			    "other characters", v->cls == CSRL_CLASS_UNIVERSAL ? "universal" : "a "
			    "non-universal", (unsigned)v->tag);
}

static void length_of(struct csrl_lint_ctx *ctx, const struct csrl_node *v)
{
	size_t n;

	if (!is_directory_string(v))
		return;
	n = chars(v);
	if (n == 0)
		csrl_report(ctx, v, "the challengePassword is empty; DirectoryString values have "
			    "at least one character: drop the attribute instead");
	else if (n > 255)
		csrl_report(ctx, v, "the challengePassword is %zu characters long, above the "
			    "PKCS#9 bound of 255: use a shorter one", n);
}

static void check_present(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_attr *a = csrl_find_attr(ctx->csr, CSRL_OID_CHALLENGE_PASSWORD);

	(void)rule;
	if (a)
		csrl_report(ctx, a->node, "the request carries a challengePassword; a request is "
			    "not encrypted, so anyone who sees it reads the password, and public CAs "
			    "ignore it: re-generate the request without one (leave the prompt empty) "
			    "and treat this password as disclosed");
}

static void check_type(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	each_value(ctx, type_of);
}

static void check_length(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	(void)rule;
	each_value(ctx, length_of);
}

const struct csrl_rule csrl_rule_attr_challenge_password_present = {
	.id = "attr.challenge-password.present",
	.severity = CSRL_SEV_WARNING,
	.description = "the request carries a challengePassword, a secret readable by anyone",
	.citation = "RFC 2985 section 5.4.1 (November 2000)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_PUBLIC,
	.check = check_present,
};

const struct csrl_rule csrl_rule_attr_challenge_password_type = {
	.id = "attr.challenge-password.type",
	.severity = CSRL_SEV_ERROR,
	.description = "challengePassword value is not a DirectoryString",
	.citation = "RFC 2985 section 5.4.1 (November 2000)",
	.source = CSRL_SRC_RFC2985,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_type,
};

const struct csrl_rule csrl_rule_attr_challenge_password_length = {
	.id = "attr.challenge-password.length",
	.severity = CSRL_SEV_ERROR,
	.description = "challengePassword is empty or longer than 255 characters",
	.citation = "RFC 2985 sections 5.4.1 and A (pkcs-9-ub-challengePassword, November 2000)",
	.source = CSRL_SRC_RFC2985,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_length,
};
