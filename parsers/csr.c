/* csr.c - maps a DER tree onto the PKCS#10 model (RFC 2986 section 4).
 *
 *   CertificationRequest ::= SEQUENCE {
 *        certificationRequestInfo CertificationRequestInfo,
 *        signatureAlgorithm AlgorithmIdentifier,
 *        signature          BIT STRING }
 *   CertificationRequestInfo ::= SEQUENCE {
 *        version       INTEGER { v1(0) },
 *        subject       Name,
 *        subjectPKInfo SubjectPublicKeyInfo,
 *        attributes    [0] Attributes }
 *
 * The builder never judges: a version of 6 or an empty attribute SET is recorded as it is, for
 * rules to report. It fails only where the structure cannot be mapped at all, naming the offset.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csr_int.h"

#define MAX_NESTED_ANOMALIES 4096

int csr_fail(struct csr_ctx *c, const struct csrl_node *at, const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof c->err->msg];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return csrl_error_set(c->err, CSRL_ERR_CSR_STRUCTURE, at ? at->offset : 0, "%s", msg);
}

struct csrl_bytes csr_bytes(const struct csrl_node *node)
{
	struct csrl_bytes b = { NULL, 0 };

	if (node) {
		b.p = node->content;
		b.len = node->len;
	}
	return b;
}

int csr_is_oid(const struct csrl_node *node)
{
	return node && csrl_node_is(node, CSRL_TAG_OID) && !node->constructed;
}

long csr_small_int(const struct csrl_node *node, int *ok)
{
	unsigned long long v;
	size_t i;

	*ok = 0;
	if (!node || node->cls != CSRL_CLASS_UNIVERSAL || node->tag != CSRL_TAG_INTEGER ||
	    node->constructed || node->len == 0 || node->len > 8)
		return 0;
	v = (node->content[0] & 0x80) ? ~0ULL : 0;
	for (i = 0; i < node->len; i++)
		v = (v << 8) | node->content[i];
	*ok = 1;
	return (long)v;
}

unsigned csr_bit_length(struct csrl_bytes b)
{
	size_t i = 0;
	unsigned bits;
	uint8_t top;

	while (i < b.len && b.p[i] == 0)
		i++;
	if (i == b.len)
		return 0;
	top = b.p[i];
	bits = (unsigned)(b.len - i - 1) * 8;
	while (top) {
		bits++;
		top >>= 1;
	}
	return bits;
}

/* Shifts a nested subtree's offsets so that every node reports its position in the CSR. */
static void rebase(struct csrl_node *n, size_t base)
{
	while (n) {
		n->offset += base;
		if (n->child) {
			n = n->child;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
}

static int keep_anomaly(struct csr_ctx *c, const struct csrl_anomaly *a, size_t base)
{
	if (c->nextra == c->extra_cap) {
		size_t cap = c->extra_cap ? c->extra_cap * 2 : 16;
		struct csrl_anomaly *n;

		if (cap > MAX_NESTED_ANOMALIES)
			return 0;
		n = csrl_arena_alloc(c->arena, cap * sizeof *n);
		if (!n)
			return -1;
		if (c->nextra)
			memcpy(n, c->extra, c->nextra * sizeof *n);
		c->extra = n;
		c->extra_cap = cap;
	}
	c->extra[c->nextra] = *a;
	c->extra[c->nextra].offset += base;
	c->nextra++;
	return 0;
}

const struct csrl_node *csr_nested(struct csr_ctx *c, const struct csrl_node *node, size_t skip)
{
	struct csrl_der *sub = NULL;
	struct csrl_error e;
	size_t base, i;
	struct csrl_node *root;

	if (!node || node->len <= skip || node->constructed)
		return NULL;
	base = (size_t)(node->content - c->csr->data) + skip;
	if (csrl_der_parse(node->content + skip, node->len - skip, c->arena, &sub, &e) != CSRL_ERR_OK)
		return NULL;
	root = sub->root;
	/* A nested value is opaque bytes to its parent: keep it only if it is one whole TLV. */
	if (!root || root->declared_len != root->len) {
		csrl_der_free(sub);
		return NULL;
	}
	rebase(root, base);
	for (i = 0; i < sub->nanomalies; i++)
		keep_anomaly(c, &sub->anomalies[i], base);
	if (sub->trailing_offset < sub->len)
		sub->trailing_offset += base;
	root->parent = (struct csrl_node *)node;
	csrl_der_free(sub); /* shares our arena: frees only the wrapper */
	return root;
}

/* A truncated outermost element leaves no trustworthy signed bytes: that is fatal. An overrun
 * deeper down was clamped to its parent by the reader, so the structure around it still holds
 * and the anomaly stays for the rules to report. */
static int check_truncated(struct csr_ctx *c, const struct csrl_node *root)
{
	if (root->declared_len == root->len)
		return CSRL_ERR_OK;
	if (csrl_node_has(root, CSRL_ANOM_LENGTH_INDEFINITE))
		return csrl_error_set(c->err, CSRL_ERR_TRUNCATED, root->offset + root->hdr_len +
				      root->len, "input is truncated: the indefinite-length "
				      "element at offset %zu has no end-of-contents octets",
				      root->offset);
	return csrl_error_set(c->err, CSRL_ERR_TRUNCATED, root->offset + root->hdr_len + root->len,
		"input is truncated: the element at offset %zu declares %zu content bytes but "
		"only %zu follow", root->offset, root->declared_len, root->len);
}

/* Says what a well-formed DER value that is not a CSR most likely is. */
static int not_a_csr(struct csr_ctx *c, const struct csrl_node *root)
{
	const struct csrl_node *first = csrl_node_child(root, 0);
	const struct csrl_node *inner = csrl_node_child(first, 0);

	if (first && csrl_node_is(first, CSRL_TAG_SEQUENCE) && inner &&
	    inner->cls == CSRL_CLASS_CONTEXT && inner->tag == 0 && inner->constructed)
		return csrl_error_set(c->err, CSRL_ERR_NOT_CSR, inner->offset,
			"this is an X.509 certificate (its first field is a [0] version tag), "
			"not a certificate request");
	if (first && csrl_node_is(first, CSRL_TAG_INTEGER) && root->nchildren >= 2)
		return csrl_error_set(c->err, CSRL_ERR_NOT_CSR, first->offset,
			"this looks like a key or another structure that starts with an INTEGER, "
			"not a certificate request");
	return csrl_error_set(c->err, CSRL_ERR_NOT_CSR, first ? first->offset : root->offset,
		"DER value is not a certificate request: expected SEQUENCE { SEQUENCE, "
		"AlgorithmIdentifier, BIT STRING }");
}

static int parse_cri(struct csr_ctx *c, const struct csrl_node *cri)
{
	struct csrl_csr *csr = c->csr;
	const struct csrl_node *v = csrl_node_child(cri, 0);
	const struct csrl_node *subj = csrl_node_child(cri, 1);
	const struct csrl_node *spki = csrl_node_child(cri, 2);
	const struct csrl_node *attrs = csrl_node_child(cri, 3);
	int ok, rc;

	if (!v || !csrl_node_is(v, CSRL_TAG_INTEGER))
		return csr_fail(c, v ? v : cri, "certificationRequestInfo must start with the "
				"version INTEGER");
	csr->version_node = v;
	csr->version = csr_small_int(v, &ok);
	if (!ok)
		csr->version = -1;
	if (!subj || !csrl_node_is(subj, CSRL_TAG_SEQUENCE))
		return csr_fail(c, subj ? subj : cri, "subject Name (a SEQUENCE) is missing after "
				"the version");
	if ((rc = csr_parse_name(c, subj, &csr->subject)) != CSRL_ERR_OK)
		return rc;
	if (!spki || !csrl_node_is(spki, CSRL_TAG_SEQUENCE))
		return csr_fail(c, spki ? spki : cri, "subjectPKInfo (a SEQUENCE) is missing after "
				"the subject");
	if ((rc = csr_parse_spki(c, spki, &csr->key)) != CSRL_ERR_OK)
		return rc;
	if (attrs) {
		if (attrs->cls != CSRL_CLASS_CONTEXT || attrs->tag != 0 || !attrs->constructed)
			return csr_fail(c, attrs, "expected the [0] attributes field after "
					"subjectPKInfo");
		csr->attrs_present = 1;
		csr->attrs_node = attrs;
		if ((rc = csr_parse_attributes(c, attrs)) != CSRL_ERR_OK)
			return rc;
	}
	return CSRL_ERR_OK;
}

static int parse_outer(struct csr_ctx *c)
{
	struct csrl_csr *csr = c->csr;
	const struct csrl_node *root = csr->root;
	const struct csrl_node *cri, *alg, *sig;
	int rc;

	if (!csrl_node_is(root, CSRL_TAG_SEQUENCE) || !root->constructed)
		return csrl_error_set(c->err, CSRL_ERR_NOT_CSR, root->offset,
			"outer element is tag %s%u, not the SEQUENCE of a certificate request",
			root->cls == CSRL_CLASS_UNIVERSAL ? "" : "[context/application] ", root->tag);
	if ((rc = check_truncated(c, root)) != CSRL_ERR_OK)
		return rc;
	cri = csrl_node_child(root, 0);
	alg = csrl_node_child(root, 1);
	sig = csrl_node_child(root, 2);
	if (!cri || !alg || !sig || root->nchildren != 3 || !csrl_node_is(cri, CSRL_TAG_SEQUENCE) ||
	    !csrl_node_is(alg, CSRL_TAG_SEQUENCE) || !csrl_node_is(sig, CSRL_TAG_BIT_STRING))
		return not_a_csr(c, root);
	if (cri->child && cri->child->cls == CSRL_CLASS_CONTEXT && cri->child->tag == 0)
		return not_a_csr(c, root);
	csr->cri = cri;
	csr->tbs.p = csr->data + cri->offset;
	csr->tbs.len = cri->hdr_len + cri->len;
	if ((rc = parse_cri(c, cri)) != CSRL_ERR_OK)
		return rc;
	if ((rc = csr_parse_sigalg(c, alg, &csr->sigalg)) != CSRL_ERR_OK)
		return rc;
	csr->sig_node = sig;
	if (!sig->constructed && sig->len >= 1) {
		csr->sig_unused_bits = sig->content[0];
		csr->sig.p = sig->content + 1;
		csr->sig.len = sig->len - 1;
	}
	return CSRL_ERR_OK;
}

/* Puts the outer tree's anomalies and the nested ones into one list ordered by offset. */
static int merge_anomalies(struct csr_ctx *c)
{
	struct csrl_csr *csr = c->csr;
	const struct csrl_der *der = csr->der;
	size_t n = der->nanomalies + c->nextra, i = 0, j = 0, k = 0;
	struct csrl_anomaly *all;

	if (n == 0)
		return CSRL_ERR_OK;
	all = csrl_arena_alloc(c->arena, n * sizeof *all);
	if (!all)
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, 0, "out of memory");
	while (i < der->nanomalies || j < c->nextra) {
		if (j == c->nextra || (i < der->nanomalies &&
				       der->anomalies[i].offset <= c->extra[j].offset))
			all[k++] = der->anomalies[i++];
		else
			all[k++] = c->extra[j++];
	}
	csr->anomalies = all;
	csr->nanomalies = n;
	return CSRL_ERR_OK;
}

int csrl_csr_parse(const uint8_t *der, size_t len, struct csrl_csr **out, struct csrl_error *err)
{
	struct csrl_arena *arena;
	struct csrl_csr *csr;
	struct csr_ctx c;
	struct csrl_error local;
	int rc;

	*out = NULL;
	if (!err)
		err = &local;
	if (len > CSRL_MAX_DER_SIZE)
		return csrl_error_set(err, CSRL_ERR_TOO_LARGE, 0, "DER input of %zu bytes exceeds "
				      "the limit of %u bytes", len, CSRL_MAX_DER_SIZE);
	arena = csrl_arena_new(len * 4 + 4096);
	if (!arena || !(csr = csrl_arena_alloc(arena, sizeof *csr))) {
		csrl_arena_free(arena);
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	}
	csr->arena = arena;
	csr->data = der;
	csr->len = len;
	memset(&c, 0, sizeof c);
	c.csr = csr;
	c.arena = arena;
	c.err = err;
	rc = csrl_der_parse(der, len, arena, &csr->der, err);
	if (rc == CSRL_ERR_OK) {
		csr->root = csr->der->root;
		rc = parse_outer(&c);
	}
	if (rc == CSRL_ERR_OK)
		rc = merge_anomalies(&c);
	if (rc != CSRL_ERR_OK) {
		csrl_csr_free(csr);
		return rc;
	}
	*out = csr;
	return CSRL_ERR_OK;
}

void csrl_csr_free(struct csrl_csr *csr)
{
	if (!csr)
		return;
	/* The tree shares the arena, so freeing the arena frees tree, model and csr at once. */
	if (csr->der && csr->der->owns_arena)
		csrl_der_free(csr->der);
	csrl_arena_free(csr->arena);
}
