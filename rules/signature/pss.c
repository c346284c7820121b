/* pss.c - RSASSA-PSS signature parameters: present, decodable and consistent, and within the
 * restrictions of an id-RSASSA-PSS key.
 *
 * RFC 4055 section 3.1: "The parameters MUST be present when used in the algorithm identifier
 * associated with a signature value." The trailerField "MUST be 1". For MGF1 "it is strongly
 * RECOMMENDED that the underlying hash function be the same as the one identified by
 * hashAlgorithm", and "the recommended value of saltLength is the number of octets in the hash
 * value". Section 3.3: when the key carries RSASSA-PSS parameters, the signature must use the
 * same hash and mask generation function, a saltLength greater than or equal to the key's, and
 * the same trailerField.
 */
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return ctx->csr->sigalg.kind == CSRL_SIG_RSA_PSS;
}

static long hash_len(enum csrl_hash h)
{
	switch (h) {
	case CSRL_HASH_SHA1: return 20;
	case CSRL_HASH_SHA224: return 28;
	case CSRL_HASH_SHA256: case CSRL_HASH_SHA3_256: return 32;
	case CSRL_HASH_SHA384: case CSRL_HASH_SHA3_384: return 48;
	case CSRL_HASH_SHA512: case CSRL_HASH_SHA3_512: return 64;
	default: return 0;
	}
}

static void invalid_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	const struct csrl_sigalg *a = &csr->sigalg;
	const struct csrl_pss *p = &a->pss, *kp = &csr->key.rsa_pss;

	(void)rule;
	if (!a->params) {
		csrl_report(ctx, a->node, "RSASSA-PSS signature algorithm has no parameters; "
			    "RFC 4055 requires them in a signature (hash, MGF1 hash, salt length)");
		return;
	}
	if (!a->pss_params_ok) {
		csrl_report(ctx, a->params, "the RSASSA-PSS parameters are not a valid "
			    "RSASSA-PSS-params SEQUENCE; re-generate the request");
		return;
	}
	if (p->trailer != 1)
		csrl_report(ctx, a->params, "RSASSA-PSS trailerField is %ld; it must be 1 "
			    "(trailerFieldBC)", p->trailer);
	if (csr->key.type != CSRL_KEY_RSA_PSS || !csr->key.rsa_pss_has_params)
		return;
	if (kp->hash != p->hash || kp->mgf_hash != p->mgf_hash || kp->mgf_known != p->mgf_known ||
	    p->salt_len < kp->salt_len || kp->trailer != p->trailer)
		csrl_report(ctx, a->params, "the RSASSA-PSS key is restricted to %s, MGF1 with %s "
			    "and salts of at least %ld bytes, but the signature uses %s, MGF1 with "
			    "%s and %ld bytes; sign within the key's restrictions",
			    csrl_hash_name(kp->hash), csrl_hash_name(kp->mgf_hash), kp->salt_len,
			    csrl_hash_name(p->hash), csrl_hash_name(p->mgf_hash), p->salt_len);
}

static void weak_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_sigalg *a = &ctx->csr->sigalg;
	const struct csrl_pss *p = &a->pss;
	const struct csrl_node *at = a->params ? a->params : a->node;
	long hl = hash_len(p->hash);

	(void)rule;
	if (a->params && !a->pss_params_ok)
		return;                 /* sig.pss-params-invalid */
	if (!p->mgf_known)
		csrl_report(ctx, at, "RSASSA-PSS uses a mask generation function other than MGF1, "
			    "the only one RFC 4055 defines; few verifiers accept it");
	else if (p->mgf_hash != p->hash)
		csrl_report(ctx, at, "RSASSA-PSS uses %s but MGF1 with %s; use the same hash for "
			    "both (for example `-sigopt rsa_mgf1_md:%s` with OpenSSL)",
			    csrl_hash_name(p->hash), csrl_hash_name(p->mgf_hash),
			    csrl_hash_name(p->hash));
	if (hl && p->salt_len >= 0 && p->salt_len < hl)
		csrl_report(ctx, at, "RSASSA-PSS saltLength is %ld bytes, shorter than the %ld-byte "
			    "%s output; use a salt as long as the hash (`-sigopt "
			    "rsa_pss_saltlen:digest`)", p->salt_len, hl, csrl_hash_name(p->hash));
}

const struct csrl_rule csrl_rule_sig_pss_params_invalid = {
	.id = "sig.pss-params-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "RSASSA-PSS parameters missing, undecodable, trailerField not 1, or "
		       "outside the RSASSA-PSS key's restrictions",
	.citation = "RFC 4055 sections 3.1 and 3.3 (June 2005)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = invalid_check,
};

const struct csrl_rule csrl_rule_sig_pss_params_inconsistent = {
	.id = "sig.pss-params-inconsistent",
	.severity = CSRL_SEV_WARNING,
	.description = "RSASSA-PSS MGF1 hash differs from the hash, or the salt is shorter "
		       "than the hash",
	.citation = "RFC 4055 section 3.1 (June 2005)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = weak_check,
};
