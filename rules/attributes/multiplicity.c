/* multiplicity.c - single-valued attribute types carry one value, and no attribute type is
 * repeated.
 *
 * RFC 2985 section 5.4.1 (November 2000): challengePassword is "SINGLE VALUE TRUE" and "A
 * challenge-password attribute must have a single attribute value."; section 5.4.2:
 * extensionRequest is "SINGLE VALUE TRUE" (Microsoft's msExtReq carries the same syntax and is
 * treated alike). unstructuredName (5.2.2) is not single-valued.
 *
 * Duplicates: an Attribute carries every value of its type (X.501's model; RFC 2986 section
 * 4.1 "values SET SIZE(1..MAX) OF ..."), so the same type twice is ambiguous - CAs read the
 * first, the last or merge. Go and pyca/cryptography accept it and RFC 2986 has no sentence
 * forbidding it: a warning. A repeated single-valued type is an extra value of that type,
 * reported by attr.single-value as an error instead.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

static int is_single_valued(const struct csrl_attr *a)
{
	return a->kind == CSRL_ATTR_CHALLENGE_PASSWORD || a->kind == CSRL_ATTR_EXTENSION_REQUEST;
}

/* Whether a has a readable type and SET (even if its extensionRequest value is malformed). */
static int has_values(const struct csrl_attr *a)
{
	return a->values_node != NULL && a->oid.p != NULL;
}

static int same_type(const struct csrl_attr *a, const struct csrl_attr *b)
{
	return has_values(a) && has_values(b) && a->oid.len == b->oid.len &&
	       memcmp(a->oid.p, b->oid.p, a->oid.len) == 0;
}

static void label(const struct csrl_attr *a, char *buf, size_t size)
{
	if (a->name)
		snprintf(buf, size, "%s", a->name);
	else
		csrl_oid_to_dotted(a->oid.p, a->oid.len, buf, size);
}

/* Index of an earlier attribute of the same type, or i when there is none. */
static size_t first_of_type(const struct csrl_csr *csr, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (same_type(&csr->attrs[j], &csr->attrs[i]))
			return j;
	return i;
}

static void check_single(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char name[96];
	size_t i, j;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];
		const struct csrl_node *extra = NULL;
		size_t total = a->nvalues, nattrs = 1;

		if (!has_values(a) || !is_single_valued(a) || first_of_type(csr, i) != i)
			continue;
		if (a->nvalues >= 2 && a->first_value)
			extra = a->first_value->next;
		for (j = i + 1; j < csr->nattrs; j++) {
			const struct csrl_attr *b = &csr->attrs[j];

			if (!same_type(a, b))
				continue;
			total += b->nvalues;
			nattrs++;
			if (!extra && total >= 2)
				extra = b->first_value ? b->first_value : b->node;
		}
		if (total < 2)
			continue;
		label(a, name, sizeof name);
		csrl_report(ctx, extra ? extra : a->values_node, "%s is single-valued but has %zu "
			    "values (in %zu attribute%s); keep exactly one", name, total, nattrs,
			    nattrs == 1 ? "" : "s");
	}
}

static void check_duplicate(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char name[96];
	size_t i, first;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (!has_values(a) || is_single_valued(a) || (first = first_of_type(csr, i)) == i)
			continue;
		label(a, name, sizeof name);
		csrl_report(ctx, a->node, "attribute %s appears again (attributes %zu and %zu); "
			    "CAs disagree on which one counts: merge the values into one attribute",
			    name, first + 1, i + 1);
	}
}

const struct csrl_rule csrl_rule_attr_single_value = {
	.id = "attr.single-value",
	.severity = CSRL_SEV_ERROR,
	.description = "challengePassword or extensionRequest has more than one value",
	.citation = "RFC 2985 sections 5.4.1 and 5.4.2 (November 2000)",
	.source = CSRL_SRC_RFC2985,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_single,
};


const struct csrl_rule csrl_rule_attr_duplicate = {
	.id = "attr.duplicate",
	.severity = CSRL_SEV_WARNING,
	.description = "the same attribute type appears in more than one attribute",
	.citation = "RFC 2986 section 4.1 (November 2000); X.501 Attribute (all values of a type "
		    "in one Attribute)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_duplicate,
};
