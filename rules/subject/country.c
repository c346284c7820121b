/* country.c - countryName must be a two-letter ISO 3166-1 code that is actually assigned.
 *
 * RFC 5280 appendix A.1 (May 2008): "X520countryName ::= PrintableString (SIZE (2))
 * -- ISO 3166 codes only"; X.520 (10/2019) 6.3.1: the country name "identifies a country
 * ... by its two-letter alpha-2 code as specified in ISO 3166-1".
 * CA/B Forum BR v2.1 section 7.1.2.7.4: "If a Country is not represented by an official
 * ISO 3166-1 country code, the CA MAY specify the ISO 3166-1 user-assigned code of XX".
 * XK is user-assigned too, but the European Commission and most CAs use it for Kosovo, which
 * has no official code: it is accepted. The EV jurisdictionCountryName is checked the same way.
 */
#include <string.h>

#include "subject.h"

/* Codes people use that ISO reserves for something else, with the one they meant. */
static const char *hint(const char *cc)
{
	static const char *const map[][2] = {
		{ "UK", "GB" }, { "EL", "GR" }, { "EU", "the member state's code" },
		{ "EN", "GB" }, { "SP", "ES" }, { "AN", "CW, SX or BQ" }, { "YU", "RS or ME" },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(cc, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static void check_one(struct csrl_lint_ctx *ctx, const struct csrl_ava *a)
{
	char label[SUBJ_LABEL_BUF], q[SUBJ_QUOTE_BUF], cc[3];
	uint32_t cp[2];
	size_t i, off = 0, k;

	subj_label(a, label);
	for (i = 0; i < 2; i++) {
		k = subj_next_cp(a, off, &cp[i]);
		off += k;
		if (!k || !((cp[i] >= 'A' && cp[i] <= 'Z') || (cp[i] >= 'a' && cp[i] <= 'z')))
			break;
	}
	if (i < 2 || off != a->value.len) {
		csrl_report(ctx, a->value_node, "%s %s is not two letters; use the two-letter ISO "
			    "3166-1 code of the country (for example \"DE\" or \"US\")", label,
			    subj_quote(a, q));
		return;
	}
	cc[0] = (char)(cp[0] & ~0x20u);
	cc[1] = (char)(cp[1] & ~0x20u);
	cc[2] = '\0';
	if (cp[0] != (uint32_t)cc[0] || cp[1] != (uint32_t)cc[1])
		csrl_report(ctx, a->value_node, "%s %s is in lower case; ISO 3166-1 codes are "
			    "upper case: use \"%s\"", label, subj_quote(a, q), cc);
	else if (strcmp(cc, "XX") && strcmp(cc, "XK") && !subj_iso3166_assigned(cc))
		csrl_report(ctx, a->value_node, "%s \"%s\" is not an assigned ISO 3166-1 alpha-2 "
			    "code; use %s%s", label, cc, hint(cc) ? hint(cc) : "the code of the "
			    "country", hint(cc) ? " instead" : " (XX when none applies)");
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;

	(void)rule;
	while ((a = subj_next(ctx->csr, &it, NULL))) {
		enum csrl_oid_id id = csrl_ava_id(a);

		/* Empty values and non-string types have rules of their own. */
		if ((id == CSRL_OID_C || id == CSRL_OID_JURIS_C) && subj_is_text(a) && a->value.len)
			check_one(ctx, a);
	}
}

const struct csrl_rule csrl_rule_subject_country_invalid = {
	.id = "subject.country.invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "countryName is not an upper-case, assigned ISO 3166-1 alpha-2 code",
	.citation = "RFC 5280 appendix A.1 (May 2008), X520countryName; ITU-T X.520 (10/2019) "
		    "6.3.1; CA/B Forum BR v2.1 section 7.1.2.7.4 (XX)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
