/* multiplicity.c - each extension OID at most once, and no empty extensionRequest.
 *
 * RFC 5280 section 4.2 (May 2008): "A certificate MUST NOT include more than one instance of a
 * particular extension." A CA copying a request with two instances must pick one or fail; Go's
 * crypto/x509 refuses such requests.
 * RFC 5280 section 4.1: "Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension", and RFC 2985
 * section 5.4.2 (November 2000): "ExtensionRequest ::= Extensions". An extensionRequest with no
 * Extension breaks the SIZE constraint: an error, like an attribute with no values.
 */
#include <string.h>

#include "util.h"

static const char *ext_name(const struct csrl_ext *e, char *buf, size_t size)
{
	if (e->name)
		return e->name;
	csrl_oid_to_dotted(e->oid.p, e->oid.len, buf, size);
	return buf;
}

static void check_duplicate(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char buf[96];
	size_t i, j;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		for (j = 0; !e->malformed && j < i; j++) {
			const struct csrl_ext *f = &csr->exts[j];

			if (f->malformed || f->oid.len != e->oid.len ||
			    memcmp(f->oid.p, e->oid.p, e->oid.len) != 0)
				continue;
			csrl_report(ctx, e->node, "the %s extension is requested twice (extensions "
				    "%zu and %zu); a certificate may hold it once: merge them",
				    ext_name(e, buf, sizeof buf), j + 1, i + 1);
			break;
		}
	}
}

static void check_empty(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	const struct csrl_node *v;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (a->kind != CSRL_ATTR_EXTENSION_REQUEST || !a->values_node)
			continue;
		for (v = a->first_value; v; v = v->next)
			if (csrl_node_is(v, CSRL_TAG_SEQUENCE) && v->constructed && !v->nchildren)
				csrl_report(ctx, v, "the %s attribute holds no extension; Extensions "
					    "has at least one: drop the attribute when nothing is "
					    "requested", a->name ? a->name : "extensionRequest");
	}
}

const struct csrl_rule csrl_rule_ext_duplicate = {
	.id = "ext.duplicate",
	.severity = CSRL_SEV_ERROR,
	.description = "the same extension OID is requested more than once",
	.citation = "RFC 5280 section 4.2 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_duplicate,
};

const struct csrl_rule csrl_rule_ext_request_empty = {
	.id = "ext.request-empty",
	.severity = CSRL_SEV_ERROR,
	.description = "an extensionRequest attribute holds no extension",
	.citation = "RFC 5280 section 4.1 (May 2008); RFC 2985 section 5.4.2 (November 2000)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_empty,
};
