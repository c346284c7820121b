/* key_usage.c - keyUsage bits that the subject key's algorithm cannot perform.
 *
 * RFC 8813 section 3 (August 2020), updating RFC 5480: "If the keyUsage extension is present in
 * a certificate that indicates id-ecPublicKey in SubjectPublicKeyInfo, then the following values
 * MUST NOT be present: keyEncipherment; and dataEncipherment."
 * RFC 3279 section 2.3.1 (April 2002): for an RSA key "any combination of the following values
 * MAY be present: digitalSignature; nonRepudiation; keyEncipherment; and dataEncipherment"
 * (plus keyCertSign and cRLSign for CAs) - keyAgreement is not among them; section 2.3.2: a DSA
 * key allows only digitalSignature, nonRepudiation, keyCertSign and cRLSign.
 * RFC 4055 section 1.2 (June 2005): an id-RSASSA-PSS key is a signature key (digitalSignature,
 * nonRepudiation, keyCertSign, cRLSign).
 * RFC 8410 section 5 (August 2018): Ed25519/Ed448 keys carry "one or more of the following
 * values: nonRepudiation; digitalSignature; keyCertSign; and cRLSign"; X25519/X448 keys
 * "keyAgreement" (with at most encipherOnly or decipherOnly).
 */
#include "util.h"

enum { KU_DS = 1u << 0, KU_NR = 1u << 1, KU_KE = 1u << 2, KU_DE = 1u << 3, KU_KA = 1u << 4,
       KU_CS = 1u << 5, KU_CRL = 1u << 6, KU_EO = 1u << 7, KU_DO = 1u << 8 };

static const char *const bit_names[] = { "digitalSignature", "nonRepudiation",
	"keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
	"encipherOnly", "decipherOnly" };

/* KeyUsage bits the key type must not carry; 0 when the type is not judged. */
static uint32_t forbidden(enum csrl_key_type t)
{
	switch (t) {
	case CSRL_KEY_RSA: return KU_KA | KU_EO | KU_DO;
	case CSRL_KEY_EC: return KU_KE | KU_DE;
	case CSRL_KEY_RSA_PSS:
	case CSRL_KEY_DSA:
	case CSRL_KEY_ED25519:
	case CSRL_KEY_ED448: return KU_KE | KU_DE | KU_KA | KU_EO | KU_DO;
	case CSRL_KEY_X25519:
	case CSRL_KEY_X448: return KU_DS | KU_NR | KU_KE | KU_DE | KU_CS | KU_CRL;
	default: return 0;
	}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_csr *csr = ctx->csr;
	uint32_t bad = forbidden(csr->key.type);
	size_t i;
	unsigned b;

	(void)rule;
	for (i = 0; bad && i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->kind != CSRL_EXT_KEY_USAGE || !e->decoded)
			continue;
		for (b = 0; b < sizeof bit_names / sizeof bit_names[0]; b++)
			if (e->key_usage & bad & (1u << b))
				csrl_report(ctx, e->value_node, "keyUsage asks for %s, which the "
					    "request's %s key cannot do: remove that bit", bit_names[b],
					    csrl_key_type_name(csr->key.type));
	}
}

const struct csrl_rule csrl_rule_ext_ku_key_type_mismatch = {
	.id = "ext.ku.key-type-mismatch",
	.severity = CSRL_SEV_ERROR,
	.description = "keyUsage bits that the subject key's algorithm cannot perform",
	.citation = "RFC 8813 section 3 (August 2020); RFC 3279 section 2.3 (April 2002); "
		    "RFC 4055 section 1.2 (June 2005); RFC 8410 section 5 (August 2018)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.check = check,
};
