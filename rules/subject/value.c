/* value.c - the text of subject values: empty, padded with spaces, repeated spaces, control
 * and invisible formatting characters.
 *
 * RFC 5280 section 4.1.2.4 (May 2008): every DirectoryString choice is "(SIZE (1..MAX))",
 * X520countryName is "(SIZE (2))", EmailAddress "(SIZE (1..ub-emailaddress-length))".
 * RFC 4518 section 2.6.1 (June 2006), insignificant space handling: leading and trailing
 * spaces are removed and inner runs of spaces collapse before names are compared, so
 * "Example Ltd " and "Example  Ltd" match "Example Ltd" in a directory but not in software
 * comparing bytes (name constraints, pinning, logs) - a known source of confusion.
 * CA/B Forum BR v2.1 section 7.1.4.2: subject attributes "MUST NOT contain only metadata such
 * as '.', '-', and ' ' (i.e. space) characters". Control characters (C0, DEL, C1) and
 * invisible formatting characters (zero-width, bidirectional overrides) have no place in a
 * name and let one name be shown as another.
 */
#include "subject.h"

extern const struct csrl_rule csrl_rule_subject_value_empty,
	csrl_rule_subject_value_whitespace, csrl_rule_subject_value_repeated_space,
	csrl_rule_subject_value_control_character;

static void report_edge(struct csrl_lint_ctx *ctx, const struct csrl_ava *a, size_t from,
			size_t to, const char *where)
{
	char l[SUBJ_LABEL_BUF], q[SUBJ_QUOTE_BUF];

	csrl_report_at(ctx, a->value_node, subj_value_offset(ctx, a, from), to - from,
		       "%s %s has %s whitespace; remove it (comparisons that ignore it and those "
		       "that do not disagree)", subj_label(a, l), subj_quote(a, q), where);
}

/* Leading and trailing runs of whitespace. */
static void edges(struct csrl_lint_ctx *ctx, const struct csrl_ava *a)
{
	size_t i = 0, k, lead_end = 0, last_end = 0;
	int in_lead = 1;
	uint32_t cp;

	for (; (k = subj_next_cp(a, i, &cp)); i += k) {
		if (!subj_is_space(cp)) {
			in_lead = 0;
			last_end = i + k;
		} else if (in_lead) {
			lead_end = i + k;
		}
	}
	if (lead_end)
		report_edge(ctx, a, 0, lead_end, in_lead ? "only" : "leading");
	if (!in_lead && last_end < i)
		report_edge(ctx, a, last_end, i, "trailing");
}

/* The first inner run of two or more whitespace characters. */
static void inner(struct csrl_lint_ctx *ctx, const struct csrl_ava *a)
{
	size_t i = 0, k, start = 0, run = 0;
	int seen_text = 0;
	uint32_t cp;
	char l[SUBJ_LABEL_BUF], q[SUBJ_QUOTE_BUF];

	for (; (k = subj_next_cp(a, i, &cp)); i += k) {
		if (subj_is_space(cp)) {
			if (!run++)
				start = i;
			continue;
		}
		if (seen_text && run > 1) {
			csrl_report_at(ctx, a->value_node, subj_value_offset(ctx, a, start),
				       i - start, "%s %s holds %zu whitespace characters in a row; "
				       "use a single space", subj_label(a, l), subj_quote(a, q), run);
			return;
		}
		seen_text = 1;
		run = 0;
	}
}

static void controls(struct csrl_lint_ctx *ctx, const struct csrl_ava *a)
{
	size_t i = 0, k;
	uint32_t cp;
	char l[SUBJ_LABEL_BUF], q[SUBJ_QUOTE_BUF];

	for (; (k = subj_next_cp(a, i, &cp)); i += k)
		if (subj_is_control(cp)) {
			csrl_report_at(ctx, a->value_node, subj_value_offset(ctx, a, i), k,
				       "%s %s holds the %s character U+%04X; remove it",
				       subj_label(a, l), subj_quote(a, q), cp < 0xA0 ? "control" :
				       "invisible formatting", (unsigned)cp);
			return;
		}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	char l[SUBJ_LABEL_BUF];

	while ((a = subj_next(ctx->csr, &it, NULL))) {
		if (!subj_is_text(a) || (rule != &csrl_rule_subject_value_empty &&
					 subj_plain_ascii(a)))
			continue;
		if (rule == &csrl_rule_subject_value_empty && !a->value.len)
			csrl_report(ctx, a->value_node, "%s is empty; a subject value must hold at "
				    "least one character: give it a value or leave the attribute "
				    "out", subj_label(a, l));
		else if (rule == &csrl_rule_subject_value_whitespace)
			edges(ctx, a);
		else if (rule == &csrl_rule_subject_value_repeated_space)
			inner(ctx, a);
		else if (rule == &csrl_rule_subject_value_control_character)
			controls(ctx, a);
	}
}

const struct csrl_rule csrl_rule_subject_value_empty = {
	.id = "subject.value-empty",
	.severity = CSRL_SEV_ERROR,
	.description = "A subject attribute has an empty value",
	.citation = "RFC 5280 section 4.1.2.4 and appendix A.1 (May 2008), SIZE (1..MAX)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_value_whitespace = {
	.id = "subject.value-whitespace",
	.severity = CSRL_SEV_WARNING,
	.description = "A subject value starts or ends with whitespace",
	.citation = "RFC 4518 section 2.6.1 (June 2006), insignificant space handling",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_value_repeated_space = {
	.id = "subject.value-repeated-space",
	.severity = CSRL_SEV_NOTICE,
	.description = "A subject value holds two or more spaces in a row",
	.citation = "RFC 4518 section 2.6.1 (June 2006), insignificant space handling",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_value_control_character = {
	.id = "subject.value-control-character",
	.severity = CSRL_SEV_WARNING,
	.description = "A subject value holds a control character or an invisible formatting "
		       "character (zero-width, bidirectional override)",
	.citation = "Community practice (display spoofing); Unicode TR36 section 2 (2014)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
