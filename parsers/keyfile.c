/* keyfile.c - key files to SubjectPublicKeyInfo: PEM or DER; SPKI, PKCS#1, PKCS#8, SEC 1.
 *
 * RFC 8017 appendix A.1 (RSAPublicKey, RSAPrivateKey), RFC 5958 section 2
 * (OneAsymmetricKey: version, privateKeyAlgorithm, privateKey, [0] attributes,
 * [1] IMPLICIT publicKey), RFC 5915 section 3 (ECPrivateKey: version 1, privateKey,
 * [0] parameters, [1] publicKey), RFC 5280 section 4.1 (SubjectPublicKeyInfo).
 * Only public parts are copied out; buffers holding private keys are wiped before release.
 */
#define _DEFAULT_SOURCE                 /* explicit_bzero */
#include <stdlib.h>
#include <string.h>

#include "keyfile.h"

/* A growing DER output buffer. */
struct out {
	uint8_t *p;
	size_t len, cap;
	int oom;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n > o->cap) {
		size_t cap = (o->len + n) * 2 + 64;
		uint8_t *q = realloc(o->p, cap);

		if (!q) {
			o->oom = 1;
			return;
		}
		o->p = q;
		o->cap = cap;
	}
	memcpy(o->p + o->len, p, n);
	o->len += n;
}

/* Tag and definite length. */
static void header(struct out *o, uint8_t tag, size_t len)
{
	uint8_t h[10];
	size_t n = 0, i;

	h[n++] = tag;
	if (len < 0x80) {
		h[n++] = (uint8_t)len;
	} else {
		size_t bytes = 0, l;

		for (l = len; l; l >>= 8)
			bytes++;
		h[n++] = (uint8_t)(0x80 | bytes);
		for (i = bytes; i-- > 0;)
			h[n++] = (uint8_t)(len >> (8 * i));
	}
	put(o, h, n);
}

/* The whole TLV of node. */
static void put_node(struct out *o, const struct csrl_node *n)
{
	put(o, n->content - n->hdr_len, n->hdr_len + n->len);
}

static size_t tlv_len(const struct csrl_node *n)
{
	return n->hdr_len + n->len;
}

static const uint8_t RSA_ALG[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
				   0x01, 0x01, 0x01, 0x05, 0x00 };
static const uint8_t EC_OID[] = { 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };

/* SPKI = SEQ { alg (raw TLV bytes), BIT STRING { 00, key bytes } } */
static void spki(struct out *o, const uint8_t *alg, size_t alg_len, const uint8_t *key,
		 size_t key_len, int key_has_unused_octet)
{
	size_t bits = key_len + (key_has_unused_octet ? 0 : 1);
	struct out tmp = { 0 };

	header(&tmp, 0x03, bits);
	if (!key_has_unused_octet)
		put(&tmp, "", 1);
	put(&tmp, key, key_len);
	header(o, 0x30, alg_len + tmp.len);
	put(o, alg, alg_len);
	put(o, tmp.p, tmp.len);
	o->oom |= tmp.oom;
	free(tmp.p);
}

/* RSA SPKI from the n and e INTEGER nodes (as encoded). */
static void rsa_spki(struct out *o, const struct csrl_node *n, const struct csrl_node *e)
{
	struct out body = { 0 };

	header(&body, 0x30, tlv_len(n) + tlv_len(e));
	put_node(&body, n);
	put_node(&body, e);
	spki(o, RSA_ALG, sizeof RSA_ALG, body.p, body.len, 0);
	o->oom |= body.oom;
	free(body.p);
}

static int is_int(const struct csrl_node *n)
{
	return n && csrl_node_is(n, CSRL_TAG_INTEGER);
}

static int is_ctx(const struct csrl_node *n, unsigned tag)
{
	return n && n->cls == CSRL_CLASS_CONTEXT && n->tag == tag;
}

/* Whether the tree was cut short (a fragment of a key). */
static int truncated(const struct csrl_der *der)
{
	size_t i;

	for (i = 0; i < der->nanomalies; i++)
		if (der->anomalies[i].kind == CSRL_ANOM_LENGTH_OVERRUN ||
		    der->anomalies[i].kind == CSRL_ANOM_LENGTH_INDEFINITE)
			return 1;
	return 0;
}

/* SEC 1 ECPrivateKey root → SPKI; alg_params is the curve from PKCS#8 (or NULL). */
static int ec_private(struct out *o, const struct csrl_node *root,
		      const struct csrl_node *alg_params, struct csrl_error *err)
{
	const struct csrl_node *c, *params = alg_params, *pub = NULL;
	struct out alg = { 0 };

	for (c = root->child; c; c = c->next) {
		if (is_ctx(c, 0) && c->child && !params)
			params = c->child;
		if (is_ctx(c, 1) && c->child && csrl_node_is(c->child, CSRL_TAG_BIT_STRING))
			pub = c->child;
	}
	if (!pub || !params)
		return csrl_error_set(err, CSRL_ERR_NOT_PEM_OR_DER, 0, "the EC private key holds "
				      "no %s", pub ? "curve parameters" : "public key ([1] publicKey)");
	header(&alg, 0x30, sizeof EC_OID + tlv_len(params));
	put(&alg, EC_OID, sizeof EC_OID);
	put_node(&alg, params);
	spki(o, alg.p, alg.len, pub->content, pub->len, 1);
	o->oom |= alg.oom;
	free(alg.p);
	return CSRL_ERR_OK;
}

static int der_of(const uint8_t *p, size_t len, struct csrl_der **der, struct csrl_error *err)
{
	int rc = csrl_der_parse(p, len, NULL, der, err);

	if (rc != CSRL_ERR_OK)
		return rc;
	if (truncated(*der)) {
		csrl_der_free(*der);
		*der = NULL;
		return csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "the key is truncated");
	}
	return CSRL_ERR_OK;
}

/* PKCS#8 / OneAsymmetricKey root → SPKI. */
static int pkcs8(struct out *o, const struct csrl_node *root, struct csrl_error *err)
{
	const struct csrl_node *alg = csrl_node_child(root, 1), *priv = csrl_node_child(root, 2);
	const struct csrl_node *oid = alg ? alg->child : NULL, *c, *pub = NULL;
	struct csrl_der *inner = NULL;
	int rc;

	if (!alg || !csrl_node_is(alg, CSRL_TAG_SEQUENCE) || !oid ||
	    !csrl_node_is(oid, CSRL_TAG_OID) || !priv || !csrl_node_is(priv, CSRL_TAG_OCTET_STRING))
		return csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "not a PKCS#8 private key");
	for (c = priv->next; c; c = c->next)
		if (is_ctx(c, 1) && !c->constructed)
			pub = c;                /* RFC 5958 [1] IMPLICIT BIT STRING */
	if (oid->len == 9 && memcmp(oid->content, RSA_ALG + 4, 9) == 0) {
		const struct csrl_node *n, *e;

		if ((rc = der_of(priv->content, priv->len, &inner, err)))
			return rc;
		n = csrl_node_child(inner->root, 1);
		e = csrl_node_child(inner->root, 2);
		if (!is_int(n) || !is_int(e))
			rc = csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "the PKCS#8 RSA key does not "
					    "hold an RSAPrivateKey");
		else
			rsa_spki(o, n, e);
		csrl_der_free(inner);
		return rc;
	}
	if (oid->len == 7 && memcmp(oid->content, EC_OID + 2, 7) == 0 && !pub) {
		if ((rc = der_of(priv->content, priv->len, &inner, err)))
			return rc;
		rc = ec_private(o, inner->root, oid->next, err);
		csrl_der_free(inner);
		return rc;
	}
	if (!pub || pub->len < 1)
		return csrl_error_set(err, CSRL_ERR_NOT_PEM_OR_DER, 0, "the PKCS#8 key does not "
				      "carry its public key ([1] publicKey), and deriving it is not "
				      "supported for this algorithm");
	spki(o, alg->content - alg->hdr_len, tlv_len(alg), pub->content, pub->len, 1);
	return CSRL_ERR_OK;
}

/* Recognises the structure of a DER key and writes its SPKI. */
static int from_der(struct out *o, const uint8_t *p, size_t len, const char *label,
		    struct csrl_error *err)
{
	struct csrl_der *der;
	const struct csrl_node *r, *c0, *c1;
	int rc;

	if ((rc = der_of(p, len, &der, err)))
		return rc;
	r = der->root;
	c0 = csrl_node_child(r, 0);
	c1 = csrl_node_child(r, 1);
	rc = CSRL_ERR_OK;
	if (!csrl_node_is(r, CSRL_TAG_SEQUENCE) || !c0 || !c1)
		rc = csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "not a key structure");
	else if (csrl_node_is(c0, CSRL_TAG_SEQUENCE) && csrl_node_is(c1, CSRL_TAG_BIT_STRING))
		put(o, r->content - r->hdr_len, tlv_len(r));             /* SPKI */
	else if (is_int(c0) && is_int(c1) && r->nchildren == 2)
		rsa_spki(o, c0, c1);                                    /* RSAPublicKey */
	else if (is_int(c0) && is_int(c1) && r->nchildren >= 9)
		rsa_spki(o, c1, csrl_node_child(r, 2));                 /* RSAPrivateKey */
	else if (is_int(c0) && csrl_node_is(c1, CSRL_TAG_SEQUENCE))
		rc = pkcs8(o, r, err);
	else if (is_int(c0) && csrl_node_is(c1, CSRL_TAG_OCTET_STRING))
		rc = ec_private(o, r, NULL, err);                       /* SEC 1 */
	else
		rc = csrl_error_set(err, CSRL_ERR_NOT_DER, 0, "%s%s is not a key structure this "
				    "reader knows", label ? "the PEM block " : "the input",
				    label ? label : "");
	csrl_der_free(der);
	return rc;
}

static int key_label(const char *l)
{
	static const char *const known[] = { "PUBLIC KEY", "RSA PUBLIC KEY", "RSA PRIVATE KEY",
					     "PRIVATE KEY", "EC PRIVATE KEY" };
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(l, known[i]) == 0)
			return 1;
	return 0;
}

int csrl_keyfile_spki(const uint8_t *buf, size_t len, uint8_t **spki_out, size_t *spki_len,
		      struct csrl_error *err)
{
	struct out o = { 0 };
	int rc;

	*spki_out = NULL;
	*spki_len = 0;
	if (csrl_looks_like_pem(buf, len)) {
		struct csrl_pem_block blk;
		size_t pos = 0;

		for (;;) {
			memset(&blk, 0, sizeof blk);
			rc = csrl_pem_next((const char *)buf, len, &pos, &blk, err);
			if (rc == CSRL_ERR_PEM_NO_BLOCK)
				return csrl_error_set(err, rc, 0, "no public or private key PEM "
						      "block (encrypted keys are not supported)");
			if (rc != CSRL_ERR_OK || key_label(blk.label))
				break;
			csrl_pem_block_clear(&blk);
		}
		if (rc == CSRL_ERR_OK)
			rc = from_der(&o, blk.der, blk.der_len, blk.label, err);
		if (blk.der)
			explicit_bzero(blk.der, blk.der_len);   /* it may be a private key */
		csrl_pem_block_clear(&blk);
	} else {
		rc = from_der(&o, buf, len, NULL, err);
	}
	if (rc == CSRL_ERR_OK && o.oom)
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (rc != CSRL_ERR_OK) {
		free(o.p);
		return rc;
	}
	*spki_out = o.p;
	*spki_len = o.len;
	return CSRL_ERR_OK;
}

int csrl_spki_to_csr(const uint8_t *spki_der, size_t len, struct csrl_csr **out,
		     struct csrl_error *err)
{
	static const uint8_t version_subject[] = { 0x02, 0x01, 0x00, 0x30, 0x00 };
	static const uint8_t attrs[] = { 0xa0, 0x00 };
	static const uint8_t sigalg[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
					  0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00, 0x03, 0x01, 0x00 };
	struct out cri = { 0 }, o = { 0 };
	int rc;

	*out = NULL;
	header(&cri, 0x30, sizeof version_subject + len + sizeof attrs);
	put(&cri, version_subject, sizeof version_subject);
	put(&cri, spki_der, len);
	put(&cri, attrs, sizeof attrs);
	header(&o, 0x30, cri.len + sizeof sigalg);
	put(&o, cri.p, cri.len);
	put(&o, sigalg, sizeof sigalg);
	free(cri.p);
	if (cri.oom || o.oom) {
		free(o.p);
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	}
	rc = csrl_csr_parse(o.p, o.len, out, err);
	if (rc != CSRL_ERR_OK)
		free(o.p);
	return rc;
}

void csrl_spki_csr_free(struct csrl_csr *csr)
{
	uint8_t *buf;

	if (!csr)
		return;
	buf = (uint8_t *)csr->data;     /* ours: allocated by csrl_spki_to_csr */
	csrl_csr_free(csr);
	free(buf);
}
