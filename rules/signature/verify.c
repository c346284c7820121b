/* verify.c - the request's self-signature: it must verify with the enclosed key, with an
 * algorithm the linter can check and that fits the key.
 *
 * RFC 2986 section 3: "The certification request information is signed by the subject entity"
 * and section 4.2: "The signature process consists of two steps: ... 2. The result of step 1
 * is signed with the certification request subject's private key under the specified
 * signature algorithm". RFC 4055 section 1.2: a key identified by id-RSASSA-PSS "MUST only be
 * used for RSASSA-PSS signatures".
 */
#include "util.h"

/* The verification outcome each rule of this file reports. */
static enum csrl_verify_status wanted(const struct csrl_rule *rule);

/* Short name or dotted form of the signature algorithm, for messages. */
static const char *alg_label(const struct csrl_csr *csr, char *buf, size_t size)
{
	if (csr->sigalg.name)
		return csr->sigalg.name;
	if (!csr->sigalg.oid.p || !csr->sigalg.oid.len)
		return "(none)";
	csrl_oid_to_dotted(csr->sigalg.oid.p, csr->sigalg.oid.len, buf, size);
	return buf;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	const struct csrl_verify_result *v = ctx->verify;
	char buf[96];
	const char *alg;

	if (!v || v->status != wanted(rule))
		return;
	/* A PSS signature outside a PSS key's restrictions: sig.pss-params-invalid says how. */
	if (v->status == CSRL_VERIFY_MISMATCH && csr->key.type == CSRL_KEY_RSA_PSS &&
	    csr->sigalg.kind == CSRL_SIG_RSA_PSS)
		return;
	alg = alg_label(csr, buf, sizeof buf);
	switch (v->status) {
	case CSRL_VERIFY_INVALID:
		csrl_report(ctx, csr->sig_node ? csr->sig_node : csr->sigalg.node,
			    "the self-signature (%s) does not verify: %s; create the request "
			    "again with the private key that belongs to the enclosed public key",
			    alg, v->detail);
		break;
	case CSRL_VERIFY_UNSUPPORTED:
		csrl_report(ctx, csr->sigalg.node, "the self-signature (%s, %s key) cannot be "
			    "checked: %s; a CA will likely refuse it too: use an RSA or ECDSA "
			    "P-256/P-384 key and sign with SHA-256", alg, csrl_key_type_name(csr->key.type),
			    v->detail);
		break;
	case CSRL_VERIFY_MISMATCH:
		csrl_report(ctx, csr->sigalg.node, "signature algorithm %s does not fit the %s "
			    "key: %s; sign with an algorithm made for the key type", alg,
			    csrl_key_type_name(csr->key.type), v->detail);
		break;
	default:
		break;
	}
}

const struct csrl_rule csrl_rule_sig_invalid = {
	.id = "sig.invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "The self-signature does not verify with the request's public key",
	.citation = "RFC 2986 sections 3 and 4.2 (November 2000)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_sig_algorithm_unsupported = {
	.id = "sig.algorithm-unsupported",
	.severity = CSRL_SEV_WARNING,
	.description = "The signature algorithm, its hash or the key cannot be verified",
	.citation = "RFC 2986 section 4.2 (November 2000); RFC 5280 section 4.1.1.2 (May 2008)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

const struct csrl_rule csrl_rule_sig_key_mismatch = {
	.id = "sig.key-mismatch",
	.severity = CSRL_SEV_ERROR,
	.description = "The signature algorithm does not match the public key type",
	.citation = "RFC 2986 section 4.2 (November 2000); RFC 4055 section 1.2 (June 2005)",
	.source = CSRL_SRC_RFC2986,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};

static enum csrl_verify_status wanted(const struct csrl_rule *rule)
{
	if (rule == &csrl_rule_sig_invalid)
		return CSRL_VERIFY_INVALID;
	if (rule == &csrl_rule_sig_algorithm_unsupported)
		return CSRL_VERIFY_UNSUPPORTED;
	return CSRL_VERIFY_MISMATCH;
}
