/* explicit_default.c - a DEFAULT value encoded explicitly: Extension.critical FALSE, or
 * basicConstraints cA FALSE.
 *
 * ITU-T X.690 (02/2021) section 11.5: "The encoding of a set value or sequence value shall not
 * include an encoding for any component value which is equal to its default value."
 * RFC 5280 section 4.1 (May 2008): "critical BOOLEAN DEFAULT FALSE"; section 4.2.1.9:
 * "BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, ... }".
 * RFC 2986 section 4.2 requires the CertificationRequestInfo to be DER, so these bytes make
 * the signed encoding non-DER: a strict re-encoder drops them and the signature breaks.
 */
#include "util.h"

/* Offset and length of an encoded cA FALSE at the start of a basicConstraints value. */
static int bc_explicit_false(const struct csrl_csr *csr, const struct csrl_ext *e,
			     size_t *off, size_t *len)
{
	struct csrl_der *der = NULL;
	struct csrl_error err;
	const struct csrl_node *b;
	int found = 0;

	if (!e->value.p || !e->value.len ||
	    csrl_der_parse(e->value.p, e->value.len, NULL, &der, &err) != CSRL_ERR_OK)
		return 0;
	b = der->root ? der->root->child : NULL;
	if (der->root && csrl_node_is(der->root, CSRL_TAG_SEQUENCE) && b &&
	    csrl_node_is(b, CSRL_TAG_BOOLEAN) && b->len == 1 && b->content[0] == 0) {
		*off = (size_t)(e->value.p - csr->data) + b->offset;
		*len = b->hdr_len + b->len;
		found = 1;
	}
	csrl_der_free(der);
	return found;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t i, off, len;
	char buf[96];

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];
		const struct csrl_node *crit;

		if (e->malformed)
			continue;
		if (!e->name)
			csrl_oid_to_dotted(e->oid.p, e->oid.len, buf, sizeof buf);
		crit = e->node ? csrl_node_child(e->node, 1) : NULL;
		if (e->critical_explicit && !e->critical && crit)
			csrl_report(ctx, crit, "the %s extension encodes critical FALSE, its DEFAULT; "
				    "DER omits it: re-generate the request (the BOOLEAN must only "
				    "appear as TRUE)", e->name ? e->name : buf);
		if (e->kind == CSRL_EXT_BASIC_CONSTRAINTS && bc_explicit_false(csr, e, &off, &len))
			csrl_report_at(ctx, e->value_node, off, len, "basicConstraints encodes cA "
				       "FALSE, its DEFAULT; DER omits it (an end-entity request "
				       "carries an empty SEQUENCE, 30 00): re-generate the request");
	}
}

const struct csrl_rule csrl_rule_ext_explicit_default = {
	.id = "ext.explicit-default",
	.severity = CSRL_SEV_ERROR,
	.description = "Extension critical FALSE or basicConstraints cA FALSE encoded explicitly",
	.citation = "ITU-T X.690 (02/2021) section 11.5; RFC 5280 sections 4.1 and 4.2.1.9 "
		    "(May 2008)",
	.source = CSRL_SRC_X690,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
