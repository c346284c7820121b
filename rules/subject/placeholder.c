/* placeholder.c - subject values that are tool defaults or say "no value".
 *
 * CA/B Forum BR v2.1 section 7.1.4.2: subject attributes "MUST NOT contain only metadata
 * such as '.', '-', and ' ' (i.e. space) characters, and/or any other indication that the
 * value is absent, incomplete, or not applicable"; section 3.2: subject information must be
 * verified, and a tool's default is not information about the Applicant.
 * The defaults: OpenSSL's openssl.cnf ("Some-State", "Internet Widgits Pty Ltd"), the Red Hat
 * and Fedora openssl.cnf ("Default City", "Default Company Ltd", countryName "XX"), Java
 * keytool ("Unknown" in every field). C=XX alone is legitimate (BR section 7.1.2.7.4: the
 * user-assigned code when no country applies), so it is reported only beside another default.
 */
#include <string.h>
#include <strings.h>

#include "subject.h"

static const char *const defaults[] = {
	"Some-State", "Internet Widgits Pty Ltd", "Default City", "Default Company Ltd",
	"Unknown", "n/a", "n.a.", "none", "null", "nil", "not applicable", "empty", "tbd",
	"changeme", "Some-City", "Some-Organization", "Some-Organizational-Unit",
};

/* Whether the decoded value is a default, or only punctuation and spaces. */
static int placeholder(const struct csrl_ava *a)
{
	const char *s = a->utf8;
	size_t i, n, k;
	uint32_t cp;

	if (!subj_is_text(a) || !a->value.len)
		return 0;
	for (i = 0; (k = subj_next_cp(a, i, &cp)); i += k)
		if (!cp || cp > 0x7F || !strchr(" .-_/\\*?!#~,;:'\"()[]{}<>|+=", (int)cp))
			break;
	if (!k)
		return 1;
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (strlen(defaults[i]) == n && strncasecmp(s, defaults[i], n) == 0)
			return 1;
	return 0;
}

static int is_xx(const struct csrl_ava *a)
{
	return csrl_ava_id(a) == CSRL_OID_C && strcasecmp(a->utf8, "XX") == 0;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a, *xx = NULL;
	char l[SUBJ_LABEL_BUF], q[SUBJ_QUOTE_BUF];
	int found = 0;

	(void)rule;
	while ((a = subj_next(ctx->csr, &it, NULL))) {
		if (is_xx(a) && !xx)
			xx = a;
		if (!placeholder(a))
			continue;
		found = 1;
		csrl_report(ctx, a->value_node, "%s is %s, a placeholder rather than verified "
			    "information; enter the real value or leave the attribute out",
			    subj_label(a, l), subj_quote(a, q));
	}
	if (found && xx)
		csrl_report(ctx, xx->value_node, "countryName is \"XX\" beside default values: it "
			    "is the default of the OpenSSL configuration, not a choice; enter the "
			    "ISO 3166-1 code of the country");
}

/* Let's Encrypt keeps only the CN of the subject, so only tls-server. */
const struct csrl_rule csrl_rule_subject_placeholder_value = {
	.id = "subject.placeholder-value",
	.severity = CSRL_SEV_WARNING,
	.description = "A subject value is a tool default (Some-State, Internet Widgits Pty Ltd, "
		       "Default City ...) or only says that the value is absent",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.2 (metadata ... not applicable) and "
		    "section 3.2",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};
