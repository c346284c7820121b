/* unknown.c - an attribute whose type is none of the request attributes csrlint knows.
 *
 * RFC 2986 section 4.1 (November 2000): "attributes is a collection of attributes providing
 * additional information about the subject of the certificate. Some attribute types that
 * might be useful here are defined in PKCS #9." CAs act on the few they know (RFC 2985 section
 * 5.4: challengePassword, extensionRequest; Microsoft's enrollment attributes) and silently
 * drop the rest, so an unknown one usually means information the requester expects to matter
 * does not: a notice, not a conformance failure.
 */
#include <stdio.h>

#include "util.h"

static int known_attribute(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_UNSTRUCTURED_NAME:
	case CSRL_OID_CHALLENGE_PASSWORD:
	case CSRL_OID_UNSTRUCTURED_ADDRESS:
	case CSRL_OID_EXTENSION_REQUEST:
	case CSRL_OID_MS_EXTENSION_REQUEST:
	case CSRL_OID_MS_OS_VERSION:
	case CSRL_OID_MS_ENROLLMENT_CSP:
	case CSRL_OID_MS_REQUEST_CLIENT_INFO:
	case CSRL_OID_SMIME_CAPS:
		return 1;
	default:
		return 0;
	}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	char dotted[96];
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (!a->oid.p || known_attribute(csrl_oid_id_of(a->oid)))
			continue;
		csrl_oid_to_dotted(a->oid.p, a->oid.len, dotted, sizeof dotted);
		csrl_report(ctx, a->node, "attribute %s%s%s%s is not a known request attribute; CAs "
			    "ignore attributes they do not know: remove it unless your CA documents "
			    "it", dotted, a->name ? " (" : "", a->name ? a->name : "",
			    a->name ? ")" : "");
	}
}

const struct csrl_rule csrl_rule_attr_unknown = {
	.id = "attr.unknown",
	.severity = CSRL_SEV_NOTICE,
	.description = "an attribute of a type that is not a known request attribute",
	.citation = "RFC 2986 section 4.1; RFC 2985 section 5.4 (November 2000)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.check = check,
};
