/* structure.c - each attribute of the request is an Attribute with at least one value.
 *
 * RFC 2986 section 4.1 (November 2000):
 *   Attributes { ATTRIBUTE:IOSet } ::= SET OF Attribute{{ IOSet }}
 *   Attribute { ATTRIBUTE:IOSet } ::= SEQUENCE {
 *        type   ATTRIBUTE.&id({IOSet}),
 *        values SET SIZE(1..MAX) OF ATTRIBUTE.&Type({IOSet}{@type}) }
 * RFC 2985 section 5.4.2: "ExtensionRequest ::= Extensions" (a SEQUENCE of Extension).
 */
#include <stdio.h>

#include "util.h"

/* Whether a has a readable type and SET (even if its extensionRequest value is malformed). */
static int has_values(const struct csrl_attr *a)
{
	return a->values_node != NULL && a->oid.p != NULL;
}

static void check_malformed(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (!a->malformed)
			continue;
		if (has_values(a) && a->kind == CSRL_ATTR_EXTENSION_REQUEST)
			csrl_report(ctx, a->node, "attribute %zu (%s) holds a value that is not a "
				    "SEQUENCE of Extensions; the requested extensions cannot be read: "
				    "re-generate the request", i + 1, a->name ? a->name : "?");
		else
			csrl_report(ctx, a->node, "attribute %zu is not an Attribute (SEQUENCE { "
				    "type OBJECT IDENTIFIER, values SET OF value }); CAs cannot read it: "
				    "re-generate the request", i + 1);
	}
}

static void check_empty(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char name[96];
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (!has_values(a) || a->nvalues)
			continue;
		if (a->name)
			snprintf(name, sizeof name, "%s", a->name);
		else
			csrl_oid_to_dotted(a->oid.p, a->oid.len, name, sizeof name);
		csrl_report(ctx, a->values_node, "attribute %s has an empty SET of values; an "
			    "Attribute needs at least one value: drop the attribute or give it a "
			    "value", name);
	}
}

const struct csrl_rule csrl_rule_attr_malformed = {
	.id = "attr.malformed",
	.severity = CSRL_SEV_ERROR,
	.description = "an attribute is not SEQUENCE { OID, SET }, or an extensionRequest value "
		       "is not Extensions",
	.citation = "RFC 2986 section 4.1; RFC 2985 section 5.4.2 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_malformed,
};


const struct csrl_rule csrl_rule_attr_values_empty = {
	.id = "attr.values-empty",
	.severity = CSRL_SEV_ERROR,
	.description = "an attribute has no values (values is SET SIZE(1..MAX))",
	.citation = "RFC 2986 section 4.1 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_empty,
};
