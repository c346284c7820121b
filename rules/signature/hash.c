/* hash.c - the request must not be signed with a broken hash (MD2, MD4, MD5, SHA-1), nor use
 * one inside RSASSA-PSS (hash or MGF1 hash, whose default is SHA-1).
 *
 * CA/Browser Forum TLS BR v2.1.5 section 7.1.3.2 allows only SHA-256, SHA-384 and SHA-512
 * signature algorithms. NIST SP 800-131A Rev. 2 (March 2019) section 9, table 8: "SHA-1 ...
 * Digital signature generation: Disallowed, except where specifically allowed by
 * NIST protocol-specific guidance". RFC 6151 section 2 and RFC 6194 section 3 describe the
 * practical collisions of MD5 and SHA-1; a CA re-signing a collision-prone request inherits
 * the risk.
 */
#include "util.h"

static int weak(enum csrl_hash h)
{
	return h == CSRL_HASH_MD2 || h == CSRL_HASH_MD4 || h == CSRL_HASH_MD5 ||
	       h == CSRL_HASH_SHA1;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_sigalg *a = &ctx->csr->sigalg;
	const char *name = a->name ? a->name : "the signature algorithm";

	(void)rule;
	if (a->kind == CSRL_SIG_RSA_PSS) {
		if (weak(a->pss.hash))
			csrl_report(ctx, a->params ? a->params : a->node, "RSASSA-PSS uses %s%s, "
				    "which is broken for signatures; sign again with SHA-256 and "
				    "MGF1 with SHA-256", csrl_hash_name(a->pss.hash),
				    a->pss.explicit_fields & 1u ? "" : " (the default when "
				    "hashAlgorithm is absent)");
		else if (a->pss.mgf_known && weak(a->pss.mgf_hash))
			csrl_report(ctx, a->params ? a->params : a->node, "RSASSA-PSS uses MGF1 "
				    "with %s%s; use the signature hash (%s) in MGF1 too",
				    csrl_hash_name(a->pss.mgf_hash), a->pss.explicit_fields & 2u ?
				    "" : " (the default when maskGenAlgorithm is absent)",
				    csrl_hash_name(a->pss.hash));
		return;
	}
	if (weak(a->hash))
		csrl_report(ctx, a->node, "the request is signed with %s (%s), a hash with "
			    "practical collisions that CAs no longer accept; sign it again with "
			    "SHA-256 (for example `openssl req -new -sha256`)", name,
			    csrl_hash_name(a->hash));
}

const struct csrl_rule csrl_rule_sig_hash_weak = {
	.id = "sig.hash-weak",
	.severity = CSRL_SEV_ERROR,
	.description = "The signature uses MD2, MD4, MD5 or SHA-1",
	.citation = "CA/B Forum TLS BR v2.1.5 section 7.1.3.2; NIST SP 800-131A Rev. 2 "
		    "(March 2019) section 9; RFC 6151 section 2 (March 2011)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.check = check,
};
