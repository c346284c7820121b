/* gen_build.c - the editable request written out through libtasn1 (parsers/pkcs10.asn):
 * asn1_der_coding gives definite minimal lengths, sorted SET OFs and no encoded DEFAULTs,
 * so re-emitting a request through it is what repairs its DER. Values the module holds as
 * ANY (subject values, attribute values) are copied as given, so the generator builds string
 * values itself with asn1_encode_simple_der rather than reusing the input's bytes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "../parsers/schema.h"

#define MODULE "CSRLINT-PKCS10."
#define CRI "certificationRequestInfo."

static asn1_node defs;
static int defs_rc;
static pthread_once_t defs_once = PTHREAD_ONCE_INIT;

static void load(void)
{
	char msg[ASN1_MAX_ERROR_DESCRIPTION_SIZE];

	defs_rc = asn1_array2tree(csrl_pkcs10_asn1_tab, &defs, msg);
}

int csrl_gen_element(const char *type, asn1_node *out, struct csrl_error *err)
{
	char name[96];
	int rc;

	*out = NULL;
	pthread_once(&defs_once, load);
	if (defs_rc != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "the ASN.1 module does not load");
	snprintf(name, sizeof name, MODULE "%s", type);
	if ((rc = asn1_create_element(defs, name, out)) != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot create %s: %s", type,
				      asn1_strerror(rc));
	return CSRL_ERR_OK;
}

int csrl_gen_encode(asn1_node node, const char *name, uint8_t **der, size_t *len,
		    struct csrl_error *err)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	int n = 0, rc;

	*der = NULL;
	*len = 0;
	rc = asn1_der_coding(node, name, NULL, &n, desc);
	if (rc != ASN1_MEM_ERROR)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode %s: %s (%s)",
				      *name ? name : "the request", asn1_strerror(rc), desc);
	if (!(*der = malloc((size_t)n)))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if ((rc = asn1_der_coding(node, name, *der, &n, desc)) != ASN1_SUCCESS) {
		free(*der);
		*der = NULL;
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode %s: %s (%s)",
				      *name ? name : "the request", asn1_strerror(rc), desc);
	}
	*len = (size_t)n;
	return CSRL_ERR_OK;
}

/* libtasn1 names string types by its own ASN1_ETYPE_* numbers, not by tag. */
static unsigned etype_of(uint32_t tag)
{
	switch (tag) {
	case CSRL_TAG_UTF8_STRING: return ASN1_ETYPE_UTF8_STRING;
	case CSRL_TAG_PRINTABLE_STRING: return ASN1_ETYPE_PRINTABLE_STRING;
	case CSRL_TAG_IA5_STRING: return ASN1_ETYPE_IA5_STRING;
	case CSRL_TAG_T61_STRING: return ASN1_ETYPE_TELETEX_STRING;
	case CSRL_TAG_BMP_STRING: return ASN1_ETYPE_BMP_STRING;
	case CSRL_TAG_UNIVERSAL_STRING: return ASN1_ETYPE_UNIVERSAL_STRING;
	case CSRL_TAG_NUMERIC_STRING: return ASN1_ETYPE_NUMERIC_STRING;
	case CSRL_TAG_VISIBLE_STRING: return ASN1_ETYPE_VISIBLE_STRING;
	default: return ASN1_ETYPE_INVALID;
	}
}

int csrl_gen_string_tlv(struct csrl_gen_req *req, uint32_t tag, const void *p, size_t len,
			const uint8_t **tlv, size_t *tlv_len)
{
	unsigned char tl[ASN1_MAX_TL_SIZE];
	unsigned int tl_len = sizeof tl;
	uint8_t *out;

	if (asn1_encode_simple_der(etype_of(tag), p, (unsigned)len, tl, &tl_len) != ASN1_SUCCESS)
		return CSRL_ERR_INTERNAL;
	if (!(out = csrl_arena_alloc(req->arena, tl_len + len + 1)))
		return CSRL_ERR_NOMEM;
	memcpy(out, tl, tl_len);
	memcpy(out + tl_len, p, len);
	*tlv = out;
	*tlv_len = tl_len + len;
	return CSRL_ERR_OK;
}

/* asn1_write_value with a message naming the field. */
static int put(asn1_node el, const char *name, const void *v, size_t len, struct csrl_error *err)
{
	int rc = asn1_write_value(el, name, v, (int)len);

	if (rc != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot set %s: %s", name,
				      asn1_strerror(rc));
	return CSRL_ERR_OK;
}

static int put_subject(asn1_node el, const struct csrl_gen_req *req, struct csrl_error *err)
{
	const char *seq = CRI "subject.rdnSequence";
	char path[128];
	size_t i, j;
	int rc;

	if ((rc = put(el, CRI "subject", "rdnSequence", 1, err)))
		return rc;
	for (i = 0; i < req->nrdns; i++) {
		if ((rc = put(el, seq, "NEW", 1, err)))
			return rc;
		for (j = 0; j < req->rdns[i].n; j++) {
			const struct csrl_gen_ava *a = &req->rdns[i].avas[j];
			const uint8_t *tlv = a->raw;
			size_t len = a->raw_len;

			snprintf(path, sizeof path, "%s.?LAST", seq);
			if ((rc = put(el, path, "NEW", 1, err)))
				return rc;
			if (a->text && csrl_gen_string_tlv((struct csrl_gen_req *)req, a->tag,
							   a->text, a->len, &tlv, &len))
				return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
			snprintf(path, sizeof path, "%s.?LAST.?LAST.type", seq);
			if ((rc = put(el, path, a->oid, 1, err)))
				return rc;
			snprintf(path, sizeof path, "%s.?LAST.?LAST.value", seq);
			if ((rc = put(el, path, tlv, len, err)))
				return rc;
		}
	}
	return CSRL_ERR_OK;
}

static int put_key(asn1_node el, const struct csrl_gen_req *req, struct csrl_error *err)
{
	const char *alg = CRI "subjectPKInfo.algorithm.algorithm";
	const char *prm = CRI "subjectPKInfo.algorithm.parameters";
	int rc;

	if (!req->key_oid)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "the request has no public key");
	if ((rc = put(el, alg, req->key_oid, 1, err)) ||
	    (rc = put(el, prm, req->key_params, req->key_params ? req->key_params_len : 0, err)))
		return rc;
	return put(el, CRI "subjectPKInfo.subjectPublicKey", req->key_bits, req->key_len * 8, err);
}

/* Appends one attribute with the given value TLVs. */
static int put_attr(asn1_node el, const char *oid, const uint8_t *const *values,
		    const size_t *lens, size_t n, struct csrl_error *err)
{
	const char *attrs = CRI "attributes";
	size_t i;
	int rc;

	if ((rc = put(el, attrs, "NEW", 1, err)) ||
	    (rc = put(el, CRI "attributes.?LAST.type", oid, 1, err)))
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = put(el, CRI "attributes.?LAST.values", "NEW", 1, err)) ||
		    (rc = put(el, CRI "attributes.?LAST.values.?LAST", values[i], lens[i], err)))
			return rc;
	return CSRL_ERR_OK;
}

/* GeneralNames DER of an edited SAN; names kept raw are decoded and copied node by node. */
static int san_value(const struct csrl_gen_ext *e, uint8_t **der, size_t *len,
		     struct csrl_error *err)
{
	static const char *const choice[] = { [CSRL_GN_DNS] = "dNSName",
		[CSRL_GN_EMAIL] = "rfc822Name", [CSRL_GN_URI] = "uniformResourceIdentifier",
		[CSRL_GN_IP] = "iPAddress" };
	asn1_node el, one;
	char path[64];
	size_t i;
	int rc, n;

	if ((rc = csrl_gen_element("GeneralNames", &el, err)))
		return rc;
	for (i = 0; i < e->nnames && rc == CSRL_ERR_OK; i++) {
		const struct csrl_gen_name *g = &e->names[i];

		if ((rc = put(el, "", "NEW", 1, err)))
			break;
		if (!g->raw) {
			snprintf(path, sizeof path, "?LAST.%s", choice[g->type]);
			if (!(rc = put(el, "?LAST", choice[g->type], 1, err)))
				rc = put(el, path, g->value, g->len, err);
			continue;
		}
		if ((rc = csrl_gen_element("GeneralName", &one, err)))
			break;
		n = (int)g->raw_len;
		if (asn1_der_decoding(&one, g->raw, n, NULL) != ASN1_SUCCESS ||
		    asn1_copy_node(el, "?LAST", one, "") != ASN1_SUCCESS)
			rc = csrl_error_set(err, CSRL_ERR_CSR_STRUCTURE, 0, "a subjectAltName entry "
					    "of type %d cannot be re-encoded", (int)g->type);
		asn1_delete_structure(&one);
	}
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "", der, len, err);
	asn1_delete_structure(&el);
	return rc;
}

static int put_one_ext(asn1_node el, const struct csrl_gen_ext *e, struct csrl_error *err)
{
	uint8_t *san = NULL;
	size_t len = 0;
	int rc;

	if ((rc = put(el, "", "NEW", 1, err)) || (rc = put(el, "?LAST.extnID", e->oid, 1, err)) ||
	    (rc = put(el, "?LAST.critical", e->critical ? "TRUE" : "FALSE", 1,
		      err)))
		return rc;
	if (e->is_san && (rc = san_value(e, &san, &len, err)))
		return rc;
	rc = e->is_san ? put(el, "?LAST.extnValue", san, len, err)
		       : put(el, "?LAST.extnValue", e->value, e->len, err);
	free(san);
	return rc;
}

/* The extensionRequest attribute, unless there is nothing to request. */
static int put_exts(asn1_node cr, const struct csrl_gen_req *req, struct csrl_error *err)
{
	asn1_node el;
	uint8_t *der = NULL;
	size_t i, len = 0;
	int rc;

	if (!req->nexts)
		return CSRL_ERR_OK;
	if ((rc = csrl_gen_element("Extensions", &el, err)))
		return rc;
	for (i = 0; i < req->nexts && rc == CSRL_ERR_OK; i++)
		rc = put_one_ext(el, &req->exts[i], err);
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "", &der, &len, err);
	asn1_delete_structure(&el);
	if (rc == CSRL_ERR_OK)
		rc = put_attr(cr, "1.2.840.113549.1.9.14", (const uint8_t *const *)&der, &len, 1,
			      err);
	free(der);
	return rc;
}

static int fill_cri(asn1_node el, const struct csrl_gen_req *req, struct csrl_error *err)
{
	size_t i;
	int rc;

	if ((rc = put(el, CRI "version", "0", 0, err)) || (rc = put_subject(el, req, err)) ||
	    (rc = put_key(el, req, err)))
		return rc;
	for (i = 0; i < req->nattrs; i++)
		if ((rc = put_attr(el, req->attrs[i].oid, req->attrs[i].values, req->attrs[i].lens,
				   req->attrs[i].nvalues, err)))
			return rc;
	return put_exts(el, req, err);
}

int csrl_gen_build(const struct csrl_gen_req *req, const struct csrl_privkey *key,
		   const struct csrl_sign_opts *so, uint8_t **cri, size_t *cri_len,
		   uint8_t **csr, size_t *csr_len, struct csrl_error *err)
{
	struct csrl_gen_sig sig = { 0 };
	asn1_node el;
	int rc;

	*cri = *csr = NULL;
	*cri_len = *csr_len = 0;
	if ((rc = csrl_gen_element("CertificationRequest", &el, err)))
		return rc;
	rc = fill_cri(el, req, err);
	if (rc == CSRL_ERR_OK)
		rc = csrl_gen_encode(el, "certificationRequestInfo", cri, cri_len, err);
	if (rc == CSRL_ERR_OK && key)
		rc = csrl_gen_sign(*cri, *cri_len, key, so, &sig, err);
	if (rc == CSRL_ERR_OK && !key) {
		/* Unsigned: a placeholder algorithm and an empty signature, so that the result
		 * parses and lints like a request (its signature rules are meaningless). */
		sig.oid = "1.2.840.113549.1.1.11";
		sig.value = calloc(1, 1);
	}
	if (rc == CSRL_ERR_OK &&
	    !(rc = put(el, "signatureAlgorithm.algorithm", sig.oid, 1, err)) &&
	    !(rc = put(el, "signatureAlgorithm.parameters", sig.params, sig.params_len, err)) &&
	    !(rc = put(el, "signature", sig.value, sig.len * 8, err)))
		rc = csrl_gen_encode(el, "", csr, csr_len, err);
	csrl_gen_sig_clear(&sig);
	asn1_delete_structure(&el);
	if (rc != CSRL_ERR_OK) {
		free(*cri);
		*cri = NULL;
	}
	return rc;
}
