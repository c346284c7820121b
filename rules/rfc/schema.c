/* schema.c - libtasn1, decoding the request against the project's ASN.1 module in strict-DER
 * mode, rejects it.
 *
 * RFC 2986 section 4 (November 2000) gives the ASN.1 of a request, and section 4.2: "The value
 * of the certificationRequestInfo component is DER encoded". parsers/pkcs10.asn transcribes that
 * module; a request it does not decode is one that schema-driven parsers refuse.
 *
 * Decision: the DER reader's own findings come first. libtasn1 names no byte and stops at its
 * first complaint, so when the outer encoding holds an anomaly that changes how elements are
 * delimited or typed (BER or overrunning lengths, trailing or stray bytes, tag and form
 * errors, non-minimal or broken OIDs: on the der.* test cases libtasn1 rejects exactly those
 * placed outside an ANY), or the [0] attributes field is missing (csr.attributes-missing),
 * those rules have said it at the exact offset and this one stays silent. Otherwise its
 * finding is the only sign of the problem (e.g. an Attribute without its SET of values),
 * at the offset libtasn1 was decoding from.
 */
#include "util.h"

/* Whether the outer tree holds an anomaly that can make libtasn1's decoding fail by itself. */
static int explained_by_der(const struct csrl_csr *csr)
{
	size_t i;

	if (!csr->der)
		return 0;
	for (i = 0; i < csr->der->nanomalies; i++)
		switch (csr->der->anomalies[i].kind) {
		case CSRL_ANOM_LENGTH_INDEFINITE:
		case CSRL_ANOM_STRING_CONSTRUCTED:
		case CSRL_ANOM_LENGTH_OVERRUN:
		case CSRL_ANOM_TRAILING_DATA:
		case CSRL_ANOM_EOC_UNEXPECTED:
		case CSRL_ANOM_PRIMITIVE_CONSTRUCTED:
		case CSRL_ANOM_TAG_NOT_MINIMAL:
		case CSRL_ANOM_OID_NOT_MINIMAL:
		case CSRL_ANOM_OID_INVALID:
			return 1;
		default:
			break;
		}
	return 0;
}

static int applies(const struct csrl_lint_ctx *ctx)
{
	/* Other codes (out of memory, module not loaded) are not the request's fault. */
	return ctx->schema_rc == CSRL_ERR_SCHEMA && ctx->schema_err;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t off = ctx->schema_err->offset;

	(void)rule;
	if (!csr->attrs_present || explained_by_der(csr))
		return;
	if (off > csr->len)
		off = 0;
	csrl_report_at(ctx, NULL, off, 0, "the strict ASN.1 schema check fails: %s; the request "
		       "does not follow the PKCS#10 module and schema-driven parsers will refuse "
		       "it: re-generate it with a conforming tool", ctx->schema_err->msg);
}

const struct csrl_rule csrl_rule_csr_schema_invalid = {
	.id = "csr.schema-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "libtasn1 strict-DER decoding against the PKCS#10 ASN.1 module fails",
	.citation = "RFC 2986 sections 4 and 4.2 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
