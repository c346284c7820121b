/* ec.c - EC keys: a named curve the profile allows, named by OID, with an uncompressed point.
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.5: "For ECDSA key pairs, the CA SHALL: Ensure that the
 * key represents a valid point on the NIST P-256, NIST P-384 or NIST P-521 elliptic curve."
 * Let's Encrypt (Boulder goodkey, 2025) accepts P-256 and P-384 only.
 * RFC 5480 section 2.1.1: "The parameter for id-ecPublicKey is as follows and MUST always be
 * present ... implicitCurve and specifiedCurve MUST NOT be used in PKIX."
 * RFC 5480 section 2.2: "The uncompressed form MUST be supported. The compressed form MAY be
 * supported." - a compressed point is legal but many CAs and libraries refuse it.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return ctx->csr->key.type == CSRL_KEY_EC;
}

static void check_allowed(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;
	int le = ctx->profile == CSRL_PROFILE_LETSENCRYPT;
	char dotted[96];
	const char *name;

	(void)rule;
	if (k->curve == CSRL_CURVE_P256 || k->curve == CSRL_CURVE_P384 ||
	    (k->curve == CSRL_CURVE_P521 && !le))
		return;
	if (k->curve == CSRL_CURVE_EXPLICIT || !k->curve_oid.p || !k->curve_oid.len)
		return;                 /* key.ec.curve-not-named */
	name = csrl_curve_name(k->curve);
	if (k->curve == CSRL_CURVE_UNKNOWN) {
		csrl_oid_to_dotted(k->curve_oid.p, k->curve_oid.len, dotted, sizeof dotted);
		name = dotted;
	}
	csrl_report(ctx, k->params, "the EC key is on curve %s; %s: generate a P-256 or P-384 "
		    "key (for example `openssl genpkey -algorithm EC -pkeyopt "
		    "ec_paramgen_curve:P-256`)", name, le ? "Let's Encrypt accepts only P-256 and "
		    "P-384" : "publicly trusted CAs accept only P-256, P-384 and P-521");
}

static void check_named(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	(void)rule;
	if (!k->params)
		csrl_report(ctx, k->alg_node, "the EC key's AlgorithmIdentifier has no parameters; "
			    "RFC 5480 requires the namedCurve OID: re-generate the request");
	else if (csrl_node_is(k->params, CSRL_TAG_NULL))
		csrl_report(ctx, k->params, "the EC key uses implicitCurve (NULL); RFC 5480 "
			    "requires a namedCurve OID: re-generate the request");
	else if (!csrl_node_is(k->params, CSRL_TAG_OID))
		csrl_report(ctx, k->params, "the EC key spells out its curve parameters "
			    "(specifiedCurve); RFC 5480 requires a namedCurve OID: export the key "
			    "with named parameters (`openssl pkey -ec_param_enc named_curve`)");
}

static void check_compressed(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_pubkey *k = &ctx->csr->key;

	(void)rule;
	if (k->ec_point.p && k->ec_point.len && (k->ec_point.p[0] == 0x02 ||
						  k->ec_point.p[0] == 0x03))
		csrl_report(ctx, k->bits_node, "the EC public key is a compressed point; many CAs "
			    "and libraries accept only the uncompressed form (04 || X || Y): "
			    "convert the key (`openssl ec -conv_form uncompressed`) and create the "
			    "request again");
}

const struct csrl_rule csrl_rule_key_ec_curve_not_allowed = {
	.id = "key.ec.curve-not-allowed",
	.severity = CSRL_SEV_ERROR,
	.description = "EC curve not allowed (P-256/P-384/P-521 for TLS; P-256/P-384 for "
		       "Let's Encrypt)",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.5; Let's Encrypt Boulder "
		    "goodkey/good_key.go (2025)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = applies,
	.check = check_allowed,
};

const struct csrl_rule csrl_rule_key_ec_curve_not_named = {
	.id = "key.ec.curve-not-named",
	.severity = CSRL_SEV_ERROR,
	.description = "EC key parameters are explicit, implicit or absent instead of a "
		       "namedCurve OID",
	.citation = "RFC 5480 section 2.1.1 (March 2009)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_named,
};

const struct csrl_rule csrl_rule_key_ec_point_compressed = {
	.id = "key.ec.point-compressed",
	.severity = CSRL_SEV_WARNING,
	.description = "EC public key is a compressed point",
	.citation = "RFC 5480 section 2.2 (March 2009)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check_compressed,
};
