/* csr_key.c - SubjectPublicKeyInfo (RFC 5280 4.1.2.7, RFC 3279, RFC 4055, RFC 5480, RFC 8410)
 * and the signature AlgorithmIdentifier, including RSASSA-PSS parameters.
 * Keys are recorded as encoded; judging their strength is the rules' job. */
#include <string.h>
#include <nettle/sha2.h>

#include "csr_int.h"

static enum csrl_hash hash_of_oid(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_MD5: return CSRL_HASH_MD5;
	case CSRL_OID_SHA1: return CSRL_HASH_SHA1;
	case CSRL_OID_SHA224: return CSRL_HASH_SHA224;
	case CSRL_OID_SHA256: return CSRL_HASH_SHA256;
	case CSRL_OID_SHA384: return CSRL_HASH_SHA384;
	case CSRL_OID_SHA512: return CSRL_HASH_SHA512;
	default: return CSRL_HASH_UNKNOWN;
	}
}

static enum csrl_curve curve_of_oid(enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_P192: return CSRL_CURVE_P192;
	case CSRL_OID_P224: return CSRL_CURVE_P224;
	case CSRL_OID_P256: return CSRL_CURVE_P256;
	case CSRL_OID_P384: return CSRL_CURVE_P384;
	case CSRL_OID_P521: return CSRL_CURVE_P521;
	case CSRL_OID_SECP256K1: return CSRL_CURVE_SECP256K1;
	case CSRL_OID_BP256R1: return CSRL_CURVE_BP256R1;
	case CSRL_OID_BP384R1: return CSRL_CURVE_BP384R1;
	case CSRL_OID_BP512R1: return CSRL_CURVE_BP512R1;
	case CSRL_OID_SM2: return CSRL_CURVE_SM2;
	default: return CSRL_CURVE_UNKNOWN;
	}
}

static unsigned curve_bits(enum csrl_curve c)
{
	static const unsigned bits[] = {
		[CSRL_CURVE_P192] = 192, [CSRL_CURVE_P224] = 224, [CSRL_CURVE_P256] = 256,
		[CSRL_CURVE_P384] = 384, [CSRL_CURVE_P521] = 521, [CSRL_CURVE_SECP256K1] = 256,
		[CSRL_CURVE_BP256R1] = 256, [CSRL_CURVE_BP384R1] = 384, [CSRL_CURVE_BP512R1] = 512,
		[CSRL_CURVE_SM2] = 256,
	};
	return (unsigned)c < sizeof bits / sizeof bits[0] ? bits[c] : 0;
}

/* The hash named by an AlgorithmIdentifier node, or UNKNOWN. */
static enum csrl_hash hash_of_alg(const struct csrl_node *alg)
{
	const struct csrl_node *oid = csrl_node_child(alg, 0);

	if (!alg || !csrl_node_is(alg, CSRL_TAG_SEQUENCE) || !csr_is_oid(oid))
		return CSRL_HASH_UNKNOWN;
	return hash_of_oid(csrl_oid_id_of(csr_bytes(oid)));
}

/* The single element inside an EXPLICIT context tag. */
static const struct csrl_node *explicit_inner(const struct csrl_node *n)
{
	return n && n->constructed && n->nchildren == 1 ? n->child : NULL;
}

int csr_parse_pss(const struct csrl_node *params, struct csrl_pss *pss)
{
	const struct csrl_node *f;
	int ok = 1;

	pss->hash = CSRL_HASH_SHA1;
	pss->mgf_hash = CSRL_HASH_SHA1;
	pss->mgf_known = 1;
	pss->salt_len = 20;
	pss->trailer = 1;
	pss->explicit_fields = 0;
	if (!params || csrl_node_is(params, CSRL_TAG_NULL))
		return params ? -1 : 0;
	if (!csrl_node_is(params, CSRL_TAG_SEQUENCE))
		return -1;
	for (f = params->child; f; f = f->next) {
		const struct csrl_node *in = explicit_inner(f);
		int iok;

		if (f->cls != CSRL_CLASS_CONTEXT || f->tag > 3 || !in)
			return -1;
		pss->explicit_fields |= 1u << f->tag;
		switch (f->tag) {
		case 0:
			pss->hash = hash_of_alg(in);
			break;
		case 1: {
			const struct csrl_node *oid = csrl_node_child(in, 0);

			pss->mgf_known = csr_is_oid(oid) &&
				csrl_oid_id_of(csr_bytes(oid)) == CSRL_OID_MGF1;
			pss->mgf_hash = pss->mgf_known ? hash_of_alg(csrl_node_child(in, 1))
						       : CSRL_HASH_UNKNOWN;
			break;
		}
		case 2:
			pss->salt_len = csr_small_int(in, &iok);
			if (!iok || pss->salt_len < 0)
				pss->salt_len = -1, ok = 0;
			break;
		case 3:
			pss->trailer = csr_small_int(in, &iok);
			if (!iok)
				pss->trailer = -1, ok = 0;
			break;
		}
	}
	return ok ? 0 : -1;
}

static void parse_rsa(struct csr_ctx *c, struct csrl_pubkey *key)
{
	const struct csrl_node *seq = csr_nested(c, key->bits_node, 1);
	const struct csrl_node *n = csrl_node_child(seq, 0), *e = csrl_node_child(seq, 1);

	if (!seq || !csrl_node_is(seq, CSRL_TAG_SEQUENCE) || seq->nchildren != 2 ||
	    !csrl_node_is(n, CSRL_TAG_INTEGER) || !csrl_node_is(e, CSRL_TAG_INTEGER))
		return;
	key->rsa_n = csr_bytes(n);
	key->rsa_e = csr_bytes(e);
	key->rsa_n_node = n;
	key->rsa_e_node = e;
	key->bits = csr_bit_length(key->rsa_n);
	key->decoded = 1;
}

static void parse_dsa(struct csr_ctx *c, struct csrl_pubkey *key)
{
	const struct csrl_node *y = csr_nested(c, key->bits_node, 1);
	const struct csrl_node *p = csrl_node_child(key->params, 0);
	const struct csrl_node *q = csrl_node_child(key->params, 1);
	const struct csrl_node *g = csrl_node_child(key->params, 2);

	if (!csrl_node_is(y, CSRL_TAG_INTEGER))
		return;
	key->dsa_y = csr_bytes(y);
	/* Parameters may be inherited from a CA (RFC 3279 2.3.2); then only y is known. */
	if (key->params && csrl_node_is(key->params, CSRL_TAG_SEQUENCE) &&
	    csrl_node_is(p, CSRL_TAG_INTEGER) && csrl_node_is(q, CSRL_TAG_INTEGER) &&
	    csrl_node_is(g, CSRL_TAG_INTEGER)) {
		key->dsa_p = csr_bytes(p);
		key->dsa_q = csr_bytes(q);
		key->dsa_g = csr_bytes(g);
		key->bits = csr_bit_length(key->dsa_p);
	}
	key->decoded = 1;
}

static void parse_ec(struct csrl_pubkey *key)
{
	const struct csrl_node *prm = key->params;

	if (csr_is_oid(prm)) {
		key->curve_oid = csr_bytes(prm);
		key->curve = curve_of_oid(csrl_oid_id_of(key->curve_oid));
	} else if (prm && csrl_node_is(prm, CSRL_TAG_SEQUENCE)) {
		key->curve = CSRL_CURVE_EXPLICIT; /* specifiedCurve: RFC 5480 forbids it */
	} else {
		key->curve = CSRL_CURVE_UNKNOWN;
	}
	key->ec_point = key->key;
	key->bits = curve_bits(key->curve);
	key->decoded = key->key.len > 0;
}

static void parse_key_fields(struct csr_ctx *c, struct csrl_pubkey *key, enum csrl_oid_id id)
{
	switch (id) {
	case CSRL_OID_RSA_ENCRYPTION:
		key->type = CSRL_KEY_RSA;
		parse_rsa(c, key);
		break;
	case CSRL_OID_RSASSA_PSS:
		key->type = CSRL_KEY_RSA_PSS;
		if (key->params) {
			key->rsa_pss_has_params = 1;
			csr_parse_pss(key->params, &key->rsa_pss);
		}
		parse_rsa(c, key);
		break;
	case CSRL_OID_EC_PUBLIC_KEY:
		key->type = CSRL_KEY_EC;
		parse_ec(key);
		break;
	case CSRL_OID_DSA:
		key->type = CSRL_KEY_DSA;
		parse_dsa(c, key);
		break;
	case CSRL_OID_ED25519:
	case CSRL_OID_ED448:
	case CSRL_OID_X25519:
	case CSRL_OID_X448:
		key->type = id == CSRL_OID_ED25519 ? CSRL_KEY_ED25519 :
			    id == CSRL_OID_ED448 ? CSRL_KEY_ED448 :
			    id == CSRL_OID_X25519 ? CSRL_KEY_X25519 : CSRL_KEY_X448;
		key->bits = (unsigned)key->key.len * 8;
		key->decoded = 1;
		break;
	default:
		key->type = CSRL_KEY_UNKNOWN; /* kept as raw OID and bytes */
		break;
	}
}

int csr_parse_spki(struct csr_ctx *c, const struct csrl_node *node, struct csrl_pubkey *key)
{
	const struct csrl_node *alg = csrl_node_child(node, 0);
	const struct csrl_node *bits = csrl_node_child(node, 1);
	const struct csrl_node *oid = csrl_node_child(alg, 0);
	struct sha256_ctx h;

	key->node = node;
	if (!alg || !csrl_node_is(alg, CSRL_TAG_SEQUENCE) || !csr_is_oid(oid))
		return csr_fail(c, alg ? alg : node, "subjectPKInfo at offset %zu does not start "
				"with an AlgorithmIdentifier", node->offset);
	if (!bits || !csrl_node_is(bits, CSRL_TAG_BIT_STRING))
		return csr_fail(c, bits ? bits : node, "subjectPKInfo at offset %zu has no "
				"subjectPublicKey BIT STRING", node->offset);
	key->alg_node = alg;
	key->alg_oid = csr_bytes(oid);
	key->params = csrl_node_child(alg, 1);
	key->bits_node = bits;
	if (!bits->constructed && bits->len >= 1) {
		key->key.p = bits->content + 1;
		key->key.len = bits->len - 1;
	}
	sha256_init(&h);
	sha256_update(&h, node->hdr_len + node->len, node->content - node->hdr_len);
	sha256_digest(&h, sizeof key->spki_sha256, key->spki_sha256);
	parse_key_fields(c, key, csrl_oid_id_of(key->alg_oid));
	return CSRL_ERR_OK;
}

/* Signature algorithms: which kind and hash each OID means. */
static const struct {
	enum csrl_oid_id id;
	enum csrl_sig_kind kind;
	enum csrl_hash hash;
} sigalgs[] = {
	{ CSRL_OID_MD2_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_MD2 },
	{ CSRL_OID_MD4_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_MD4 },
	{ CSRL_OID_MD5_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_MD5 },
	{ CSRL_OID_SHA1_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA1 },
	{ CSRL_OID_SHA224_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA224 },
	{ CSRL_OID_SHA256_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA256 },
	{ CSRL_OID_SHA384_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA384 },
	{ CSRL_OID_SHA512_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA512 },
	{ CSRL_OID_SHA3_256_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA3_256 },
	{ CSRL_OID_SHA3_384_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA3_384 },
	{ CSRL_OID_SHA3_512_RSA, CSRL_SIG_RSA_PKCS1, CSRL_HASH_SHA3_512 },
	{ CSRL_OID_RSASSA_PSS, CSRL_SIG_RSA_PSS, CSRL_HASH_NONE },
	{ CSRL_OID_ECDSA_SHA1, CSRL_SIG_ECDSA, CSRL_HASH_SHA1 },
	{ CSRL_OID_ECDSA_SHA224, CSRL_SIG_ECDSA, CSRL_HASH_SHA224 },
	{ CSRL_OID_ECDSA_SHA256, CSRL_SIG_ECDSA, CSRL_HASH_SHA256 },
	{ CSRL_OID_ECDSA_SHA384, CSRL_SIG_ECDSA, CSRL_HASH_SHA384 },
	{ CSRL_OID_ECDSA_SHA512, CSRL_SIG_ECDSA, CSRL_HASH_SHA512 },
	{ CSRL_OID_ED25519, CSRL_SIG_ED25519, CSRL_HASH_NONE },
	{ CSRL_OID_ED448, CSRL_SIG_ED448, CSRL_HASH_NONE },
	{ CSRL_OID_DSA_SHA1, CSRL_SIG_DSA, CSRL_HASH_SHA1 },
	{ CSRL_OID_DSA_SHA224, CSRL_SIG_DSA, CSRL_HASH_SHA224 },
	{ CSRL_OID_DSA_SHA256, CSRL_SIG_DSA, CSRL_HASH_SHA256 },
	{ CSRL_OID_SM2_SM3, CSRL_SIG_SM2, CSRL_HASH_SM3 },
};

int csr_parse_sigalg(struct csr_ctx *c, const struct csrl_node *node, struct csrl_sigalg *alg)
{
	const struct csrl_node *oid = csrl_node_child(node, 0);
	const struct csrl_oid_info *info;
	enum csrl_oid_id id;
	size_t i;

	if (!csr_is_oid(oid))
		return csr_fail(c, node, "signatureAlgorithm at offset %zu does not start with an "
				"OBJECT IDENTIFIER", node->offset);
	alg->node = node;
	alg->oid = csr_bytes(oid);
	alg->params = csrl_node_child(node, 1);
	info = csrl_oid_lookup(alg->oid.p, alg->oid.len);
	alg->name = info ? info->name : NULL;
	id = info ? info->id : CSRL_OID_UNKNOWN;
	alg->kind = CSRL_SIG_UNKNOWN;
	alg->hash = CSRL_HASH_UNKNOWN;
	for (i = 0; i < sizeof sigalgs / sizeof sigalgs[0]; i++) {
		if (sigalgs[i].id != id)
			continue;
		alg->kind = sigalgs[i].kind;
		alg->hash = sigalgs[i].hash;
	}
	if (alg->kind == CSRL_SIG_RSA_PSS) {
		/* RFC 4055 3.1: the parameters must be present in a signature AlgorithmIdentifier. */
		alg->pss_params_ok = alg->params && csr_parse_pss(alg->params, &alg->pss) == 0;
		if (!alg->params)
			csr_parse_pss(NULL, &alg->pss);
		alg->hash = alg->pss.hash;
	}
	return CSRL_ERR_OK;
}
