/* eku.c - the extKeyUsage a TLS server request asks for: serverAuth present, and never
 * anyExtendedKeyUsage.
 *
 * CA/Browser Forum TLS Baseline Requirements v2.0.0 and later, section 7.1.2.7.10 (Subscriber
 * Certificate Extended Key Usage): "id-kp-serverAuth: MUST be present"; "anyExtendedKeyUsage:
 * MUST NOT be present". When the request has no extKeyUsage the CA chooses, so only a request
 * that carries one is judged.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return csrl_find_ext(ctx->csr, CSRL_OID_EXT_KEY_USAGE) != NULL;
}

/* Index of the purpose id in a decoded extKeyUsage, or -1. */
static long find_purpose(const struct csrl_ext *e, enum csrl_oid_id id)
{
	size_t i;

	for (i = 0; i < e->neku; i++)
		if (csrl_oid_id_of(e->eku[i]) == id)
			return (long)i;
	return -1;
}

static void check_server_auth(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->kind != CSRL_EXT_EXT_KEY_USAGE || !e->decoded)
			continue;
		if (find_purpose(e, CSRL_OID_SERVER_AUTH) < 0)
			csrl_report(ctx, e->value_node, "extKeyUsage does not include serverAuth "
				    "(1.3.6.1.5.5.7.3.1); a TLS server certificate needs it: add "
				    "serverAuth or drop the extension");
	}
}

static void check_any(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	size_t i;

	(void)rule;
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->kind != CSRL_EXT_EXT_KEY_USAGE || !e->decoded)
			continue;
		if (find_purpose(e, CSRL_OID_ANY_EKU) >= 0)
			csrl_report(ctx, e->value_node, "extKeyUsage includes anyExtendedKeyUsage "
				    "(2.5.29.37.0); a TLS server certificate must not: list serverAuth "
				    "(and clientAuth if needed) instead");
	}
}

const struct csrl_rule csrl_rule_ext_eku_server_auth_missing = {
	.id = "ext.eku.server-auth-missing",
	.severity = CSRL_SEV_ERROR,
	.description = "extKeyUsage is requested without serverAuth",
	.citation = "CA/B Forum TLS BR v2.0.0+ section 7.1.2.7.10",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER, /* Boulder ignores requested BC and EKU */
	.applies = applies,
	.check = check_server_auth,
};

const struct csrl_rule csrl_rule_ext_eku_any = {
	.id = "ext.eku.any",
	.severity = CSRL_SEV_ERROR,
	.description = "extKeyUsage requests anyExtendedKeyUsage",
	.citation = "CA/B Forum TLS BR v2.0.0+ section 7.1.2.7.10",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER, /* Boulder ignores requested BC and EKU */
	.applies = applies,
	.check = check_any,
};
