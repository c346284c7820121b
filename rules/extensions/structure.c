/* structure.c - each requested extension is an Extension whose value is the DER encoding of
 * its type.
 *
 * RFC 5280 section 4.1 (May 2008):
 *   Extension  ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
 *                             extnValue OCTET STRING
 *                             -- contains the DER encoding of an ASN.1 value
 *                             -- corresponding to the extension type identified by extnID }
 * Known extensions (SAN, keyUsage, extKeyUsage, basicConstraints, subjectKeyIdentifier) are
 * decoded against their section 4.2.1 syntax; for the others the value must at least be one
 * whole DER element.
 */
#include "util.h"

/* Whether p[0..len) is exactly one DER element that the tolerant reader can follow. */
static int one_element(const struct csrl_bytes *v)
{
	struct csrl_der *der = NULL;
	struct csrl_error err;
	int ok;

	if (!v->p || !v->len || csrl_der_parse(v->p, v->len, NULL, &der, &err) != CSRL_ERR_OK)
		return 0;
	ok = der->root && der->root->declared_len == der->root->len &&
	     der->trailing_offset >= der->len;
	csrl_der_free(der);
	return ok;
}

static const char *ext_name(const struct csrl_ext *e, char *buf, size_t size)
{
	if (e->name)
		return e->name;
	csrl_oid_to_dotted(e->oid.p, e->oid.len, buf, size);
	return buf;
}

static void check_malformed(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	size_t i;

	(void)rule;
	for (i = 0; i < ctx->csr->nexts; i++)
		if (ctx->csr->exts[i].malformed)
			csrl_report(ctx, ctx->csr->exts[i].node, "requested extension %zu is not an "
				    "Extension (SEQUENCE { OID, [BOOLEAN,] OCTET STRING }); CAs cannot "
				    "read it: re-generate the request", i + 1);
}

static void check_value(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	char buf[96];
	size_t i;

	(void)rule;
	for (i = 0; i < ctx->csr->nexts; i++) {
		const struct csrl_ext *e = &ctx->csr->exts[i];

		if (e->malformed || !e->value_node)
			continue;
		if (e->decode_failed)
			csrl_report(ctx, e->value_node, "the value of the %s extension does not decode "
				    "as its RFC 5280 syntax; CAs reject or drop it: re-generate the "
				    "request", ext_name(e, buf, sizeof buf));
		else if (!e->decoded && e->kind != CSRL_EXT_UNKNOWN && !one_element(&e->value))
			/* An unknown extension's syntax is unknown here: CAs ignore it (Boulder's
			 * UnsupportedExtensionCSR), and so does this rule. */
			csrl_report(ctx, e->value_node, "the value of the %s extension is not one DER "
				    "element (%s); extnValue must hold the DER encoding of the "
				    "extension's value", ext_name(e, buf, sizeof buf),
				    e->value.len ? "extra or truncated bytes" : "it is empty");
	}
}

const struct csrl_rule csrl_rule_ext_malformed = {
	.id = "ext.malformed",
	.severity = CSRL_SEV_ERROR,
	.description = "a requested extension is not SEQUENCE { OID, [BOOLEAN,] OCTET STRING }",
	.citation = "RFC 5280 section 4.1 (May 2008); RFC 2985 section 5.4.2 (November 2000)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_malformed,
};

const struct csrl_rule csrl_rule_ext_value_invalid = {
	.id = "ext.value-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "an extension value does not decode as its type, or is not one DER element",
	.citation = "RFC 5280 sections 4.1 and 4.2.1 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.check = check_value,
};
