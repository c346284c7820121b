/* schema.c - a second, independent opinion on a request's structure: libtasn1 decodes it
 * against the project's own module (parsers/pkcs10.asn) in strict-DER mode.
 *
 * The project's DER reader is tolerant and records anomalies; this check is the opposite, a
 * schema-driven decoder that either accepts or says why not. Where the two disagree on the
 * corpus, tests/parsers/schema-differences.tsv says why. libtasn1's strict mode only rejects
 * BER length and string forms (see NOTES.md), so the DER rules stay the reader's job.
 *
 * The definitions tree is built once (pthread_once) and only read afterwards: each call
 * creates and deletes its own element, so calls may run in parallel.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"

#define MODULE_NAME "CSRLINT-PKCS10"
/* Longest dotted OID compared with the tables below; longer ones are simply unknown. */
#define OID_BUF 128

static asn1_node defs;
static int defs_rc;
static char defs_msg[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
static pthread_once_t defs_once = PTHREAD_ONCE_INIT;

/* A fresh, never-decoded CertificationRequest element: duplicating it costs about half of
 * creating one from the definitions (asn1_create_element expands the types every time), and
 * the check runs once per request. Only read after load_defs, so threads may share it. */
static asn1_node request_template;

static void load_defs(void)
{
	defs_rc = asn1_array2tree(csrl_pkcs10_asn1_tab, &defs, defs_msg);
	if (defs_rc == ASN1_SUCCESS &&
	    asn1_create_element(defs, MODULE_NAME ".CertificationRequest", &request_template) !=
	    ASN1_SUCCESS)
		request_template = NULL;
}

static const char *const part_paths[CSRL_SCHEMA_NPARTS] = {
	[CSRL_SCHEMA_CRI] = "certificationRequestInfo",
	[CSRL_SCHEMA_SUBJECT] = "certificationRequestInfo.subject",
	[CSRL_SCHEMA_SPKI] = "certificationRequestInfo.subjectPKInfo",
	[CSRL_SCHEMA_ATTRS] = "certificationRequestInfo.attributes",
	[CSRL_SCHEMA_SIGALG] = "signatureAlgorithm",
	[CSRL_SCHEMA_SIG] = "signature",
};

const char *csrl_schema_part_path(int part)
{
	if (part < 0 || part >= CSRL_SCHEMA_NPARTS)
		return "?";
	return part_paths[part];
}

/* What a libtasn1 decoding failure means, for the person fixing the request. */
static const char *explain(int rc)
{
	switch (rc) {
	case ASN1_DER_ERROR:
		return "the encoding does not match the schema (a length, a missing or extra "
		       "element, a BER form or trailing bytes)";
	case ASN1_TAG_ERROR:
		return "an element has a tag the schema does not allow there";
	case ASN1_DER_OVERFLOW:
		return "an element's length runs past the end of the input";
	case ASN1_ELEMENT_NOT_FOUND:
		return "a required element is missing";
	case ASN1_VALUE_NOT_VALID:
		return "a value is not valid for its type";
	default:
		return "libtasn1 cannot decode it";
	}
}

/* Maps a libtasn1 failure that is not about the input onto an operational code. */
static int op_code(int rc)
{
	return rc == ASN1_MEM_ERROR || rc == ASN1_MEM_ALLOC_ERROR ? CSRL_ERR_NOMEM : CSRL_ERR_INTERNAL;
}

/* Creates an element of the module's type and decodes der[0..len) into it, strictly.
 * what names the input in messages; base is der's offset in the caller's whole input.
 * On failure *out is NULL and err says why. */
static int decode(const char *type, const uint8_t *der, size_t len, const char *what,
		  size_t base, asn1_node *out, struct csrl_error *err)
{
	char path[96], desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
	int n, rc;

	*out = NULL;
	desc[0] = '\0';
	pthread_once(&defs_once, load_defs);
	if (defs_rc != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0,
				      "the PKCS#10 ASN.1 module does not load: %s (%s)",
				      asn1_strerror(defs_rc), defs_msg);
	/* libtasn1 counts in int; the project's own bound is far below INT_MAX anyway. */
	if (len > CSRL_MAX_DER_SIZE)
		return csrl_error_set(err, CSRL_ERR_TOO_LARGE, base,
				      "%s is %zu bytes, above the %u-byte limit", what, len,
				      CSRL_MAX_DER_SIZE);
	snprintf(path, sizeof path, MODULE_NAME ".%s", type);
	if (request_template && strcmp(type, "CertificationRequest") == 0)
		rc = (*out = asn1_dup_node(request_template, "")) ? ASN1_SUCCESS : ASN1_MEM_ERROR;
	else
		rc = asn1_create_element(defs, path, out);
	if (rc != ASN1_SUCCESS) {
		*out = NULL;
		return csrl_error_set(err, op_code(rc), base, "cannot create a %s element: %s",
				      type, asn1_strerror(rc));
	}
	n = (int)len;
	/* An empty input is not something libtasn1 should be asked to read. */
	rc = len ? asn1_der_decoding2(out, der, &n, ASN1_DECODE_FLAG_STRICT_DER, desc)
		 : ASN1_DER_ERROR;
	if (rc == ASN1_SUCCESS)
		return CSRL_ERR_OK;
	/* A failed decode deletes the element; deleting again is harmless either way. */
	asn1_delete_structure(out);
	*out = NULL;
	if (rc == ASN1_MEM_ALLOC_ERROR)
		return csrl_error_set(err, CSRL_ERR_NOMEM, base, "out of memory decoding %s", what);
	/* libtasn1 4.19 leaves n unchanged on failure and reports no position, at most the
	 * element it was in: the offset is where the value being decoded starts. */
	return csrl_error_set(err, CSRL_ERR_SCHEMA, base, "libtasn1 rejects %s as %s: %s (ASN1_%s%s%s)",
			      what, type, explain(rc), asn1_strerror(rc), desc[0] ? "; " : "",
			      desc[0] == ':' ? desc + strspn(desc, ": ") : desc);
}

int csrl_schema_check(const uint8_t *der, size_t len, struct csrl_error *err)
{
	asn1_node el;
	int rc = decode("CertificationRequest", der, len, "the request", 0, &el, err);

	asn1_delete_structure(&el);
	return rc;
}

/* ---- the reader's tree as proof: when libtasn1 need not be asked ------------------- */

static int is_univ(const struct csrl_node *n, uint32_t tag, int constructed)
{
	return n && n->cls == CSRL_CLASS_UNIVERSAL && n->tag == tag && n->constructed == constructed;
}

/* An OBJECT IDENTIFIER that libtasn1's decoder reads without complaint: not empty, no
 * subidentifier starting with 0x80 or longer than 4 octets (28 bits: no overflow on any
 * platform), the last one terminated. Anything else is left to libtasn1 itself. */
static int plain_oid(const struct csrl_node *n)
{
	size_t i, run = 0;

	if (!is_univ(n, CSRL_TAG_OID, 0) || n->len == 0 || n->len > 64)
		return 0;
	for (i = 0; i < n->len; i++) {
		if (run == 0 && n->content[i] == 0x80)
			return 0;
		if (++run > 4)
			return 0;
		if (!(n->content[i] & 0x80))
			run = 0;
	}
	return run == 0;
}

/* An ANY value: one TLV whose identifier is a single octet (low tag number form). */
static int plain_any(const struct csrl_der *tree, const struct csrl_node *n)
{
	return n && n->offset < tree->len && (tree->data[n->offset] & 0x1f) != 0x1f;
}

/* SEQUENCE { OID, ANY } or, when opt_second, SEQUENCE { OID [, ANY] }. */
static int oid_pair(const struct csrl_der *tree, const struct csrl_node *n, int opt_second)
{
	if (!is_univ(n, CSRL_TAG_SEQUENCE, 1) || !plain_oid(n->child))
		return 0;
	if (n->nchildren == 1)
		return opt_second;
	return n->nchildren == 2 && plain_any(tree, n->child->next);
}

/* Name: SEQUENCE OF SET (SIZE (1..MAX)) OF AttributeTypeAndValue. */
static int name_shape(const struct csrl_der *tree, const struct csrl_node *n)
{
	const struct csrl_node *rdn, *atv;

	if (!is_univ(n, CSRL_TAG_SEQUENCE, 1))
		return 0;
	for (rdn = n->child; rdn; rdn = rdn->next) {
		if (!is_univ(rdn, CSRL_TAG_SET, 1) || !rdn->child)
			return 0;
		for (atv = rdn->child; atv; atv = atv->next)
			if (!oid_pair(tree, atv, 0))
				return 0;
	}
	return 1;
}

/* [0] IMPLICIT SET OF SEQUENCE { OID, SET (SIZE (1..MAX)) OF ANY }. */
static int attrs_shape(const struct csrl_der *tree, const struct csrl_node *n)
{
	const struct csrl_node *a, *v;

	if (!n || n->cls != CSRL_CLASS_CONTEXT || n->tag != 0 || !n->constructed)
		return 0;
	for (a = n->child; a; a = a->next) {
		if (!oid_pair(tree, a, 0) || !is_univ(a->child->next, CSRL_TAG_SET, 1) ||
		    !a->child->next->child)
			return 0;
		for (v = a->child->next->child; v; v = v->next)
			if (!plain_any(tree, v))
				return 0;
	}
	return 1;
}

int csrl_schema_tree_accepts(const struct csrl_der *tree)
{
	const struct csrl_node *root, *cri, *spki, *ver, *name, *sig, *key;

	if (!tree || tree->nanomalies || tree->len > CSRL_MAX_DER_SIZE || !(root = tree->root) ||
	    root->offset != 0 || root->hdr_len + root->len != tree->len)
		return 0;
	cri = root->child;
	if (!is_univ(root, CSRL_TAG_SEQUENCE, 1) || root->nchildren != 3 ||
	    !is_univ(cri, CSRL_TAG_SEQUENCE, 1) || cri->nchildren != 4 ||
	    !oid_pair(tree, cri->next, 1) || !is_univ(sig = cri->next->next, CSRL_TAG_BIT_STRING, 0) ||
	    sig->len == 0)
		return 0;
	ver = cri->child;
	name = ver->next;
	spki = name->next;
	if (!is_univ(ver, CSRL_TAG_INTEGER, 0) || !name_shape(tree, name) ||
	    !is_univ(spki, CSRL_TAG_SEQUENCE, 1) || spki->nchildren != 2 ||
	    !oid_pair(tree, spki->child, 1) ||
	    !is_univ(key = spki->child->next, CSRL_TAG_BIT_STRING, 0) || key->len == 0)
		return 0;
	return attrs_shape(tree, spki->next);
}

int csrl_schema_check_tree(const struct csrl_der *tree, const uint8_t *der, size_t len,
			   struct csrl_error *err)
{
	if (tree && tree->data == der && tree->len == len && csrl_schema_tree_accepts(tree))
		return CSRL_ERR_OK;
	return csrl_schema_check(der, len, err);
}

/* Byte range of a decoded element: der[*start .. *end), end exclusive. */
static int locate(asn1_node el, const uint8_t *der, size_t len, const char *name,
		  size_t *start, size_t *end)
{
	int s = 0, e = 0;
	int rc = asn1_der_decoding_startEnd(el, der, (int)len, name, &s, &e);

	if (rc != ASN1_SUCCESS || s < 0 || e < s || (size_t)e >= len)
		return rc != ASN1_SUCCESS ? rc : ASN1_DER_ERROR;
	*start = (size_t)s;
	*end = (size_t)e + 1;
	return ASN1_SUCCESS;
}

int csrl_schema_spans(const uint8_t *der, size_t len,
		      struct csrl_schema_span spans[CSRL_SCHEMA_NPARTS], struct csrl_error *err)
{
	asn1_node el;
	int i, rc;

	memset(spans, 0, sizeof *spans * CSRL_SCHEMA_NPARTS);
	rc = decode("CertificationRequest", der, len, "the request", 0, &el, err);
	if (rc != CSRL_ERR_OK)
		return rc;
	for (i = 0; i < CSRL_SCHEMA_NPARTS; i++) {
		int lrc = locate(el, der, len, part_paths[i], &spans[i].start, &spans[i].end);

		if (lrc != ASN1_SUCCESS) {
			rc = csrl_error_set(err, CSRL_ERR_SCHEMA, 0,
					    "libtasn1 cannot locate %s in the decoded request: %s",
					    part_paths[i], asn1_strerror(lrc));
			goto fail;
		}
		spans[i].present = 1;
	}
fail:
	asn1_delete_structure(&el);
	return rc;
}

/* ---- typed decoding of values nested in ANY, BIT STRING and OCTET STRING ------------- */

struct typed {
	const char *oid;         /* dotted */
	const char *name;        /* for messages */
	const char *type;        /* module type the value must decode as */
};

/* RFC 2985 attributes; the extension request (also Microsoft's OID for it) is walked. */
static const struct typed attr_types[] = {
	{ "1.2.840.113549.1.9.7", "challengePassword", "ChallengePassword" },
	{ "1.2.840.113549.1.9.2", "unstructuredName", "UnstructuredName" },
	{ "1.2.840.113549.1.9.14", "extensionRequest", "ExtensionRequest" },
	{ "1.3.6.1.4.1.311.2.1.14", "msExtReq", "ExtensionRequest" },
};

/* RFC 5280 4.2.1 extensions whose syntax the module carries. */
static const struct typed ext_types[] = {
	{ "2.5.29.17", "subjectAltName", "SubjectAltName" },
	{ "2.5.29.15", "keyUsage", "KeyUsage" },
	{ "2.5.29.37", "extKeyUsage", "ExtKeyUsageSyntax" },
	{ "2.5.29.19", "basicConstraints", "BasicConstraints" },
	{ "2.5.29.14", "subjectKeyIdentifier", "SubjectKeyIdentifier" },
};

#define NELEMS(a) (sizeof (a) / sizeof (a)[0])

static const struct typed *find_typed(const struct typed *t, size_t n, const char *oid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].oid, oid) == 0)
			return &t[i];
	return NULL;
}

/* Reads an OBJECT IDENTIFIER field as a dotted string; "" when unreadable or too long. */
static void read_oid(asn1_node el, const char *name, char oid[OID_BUF])
{
	int n = OID_BUF;

	if (asn1_read_value(el, name, oid, &n) != ASN1_SUCCESS || n <= 0 || n >= OID_BUF)
		oid[0] = '\0';
	else
		oid[n] = '\0';
}

/* Length of the identifier and length octets of the DER element at p (low-tag form only,
 * which is all a universal OCTET or BIT STRING can use); 0 when unreadable. */
static size_t header_len(const uint8_t *p, size_t n)
{
	size_t k;

	if (n < 2 || (p[0] & 0x1f) == 0x1f)
		return 0;
	if (!(p[1] & 0x80))
		return 2;
	k = p[1] & 0x7f;
	return k && 2 + k <= n ? 2 + k : 0;
}

/* Decodes der[start..end) (absolute offsets into whole) as type, then deletes it. */
static int check_slice(const char *type, const uint8_t *whole, size_t start, size_t end,
		       const char *what, struct csrl_error *err)
{
	asn1_node el;
	int rc = decode(type, whole + start, end - start, what, start, &el, err);

	asn1_delete_structure(&el);
	return rc;
}

/* Every extension of one extensionRequest value at whole[start..end): the known ones are
 * decoded against their syntax from the extnValue OCTET STRING's content. */
static int check_extensions(const uint8_t *whole, size_t start, size_t end, const char *what,
			    struct csrl_error *err)
{
	const uint8_t *p = whole + start;
	size_t n = end - start;
	asn1_node el;
	int count = 0, i, rc;

	rc = decode("ExtensionRequest", p, n, what, start, &el, err);
	if (rc != CSRL_ERR_OK)
		return rc;
	if (asn1_number_of_elements(el, "", &count) != ASN1_SUCCESS)
		count = 0;
	for (i = 1; i <= count && rc == CSRL_ERR_OK; i++) {
		char name[48], oid[OID_BUF], msg[160];
		const struct typed *t;
		size_t s, e, h;

		snprintf(name, sizeof name, "?%d.extnID", i);
		read_oid(el, name, oid);
		t = find_typed(ext_types, NELEMS(ext_types), oid);
		if (!t)
			continue;
		snprintf(name, sizeof name, "?%d.extnValue", i);
		if (locate(el, p, n, name, &s, &e) != ASN1_SUCCESS ||
		    (h = header_len(p + s, e - s)) == 0) {
			rc = csrl_error_set(err, CSRL_ERR_SCHEMA, start,
					    "libtasn1 cannot locate the value of %s", t->name);
			break;
		}
		snprintf(msg, sizeof msg, "the %s extension value", t->name);
		rc = check_slice(t->type, whole, start + s + h, start + e, msg, err);
	}
	asn1_delete_structure(&el);
	return rc;
}

/* Every value of every known attribute of the decoded request el. */
static int check_attributes(asn1_node el, const uint8_t *der, size_t len, struct csrl_error *err)
{
	int nattrs = 0, i, rc = CSRL_ERR_OK;

	if (asn1_number_of_elements(el, part_paths[CSRL_SCHEMA_ATTRS], &nattrs) != ASN1_SUCCESS)
		return CSRL_ERR_OK;
	for (i = 1; i <= nattrs && rc == CSRL_ERR_OK; i++) {
		char name[96], oid[OID_BUF], msg[96];
		const struct typed *t;
		int nvals = 0, j;

		snprintf(name, sizeof name, "%s.?%d.type", part_paths[CSRL_SCHEMA_ATTRS], i);
		read_oid(el, name, oid);
		t = find_typed(attr_types, NELEMS(attr_types), oid);
		if (!t)
			continue;
		snprintf(name, sizeof name, "%s.?%d.values", part_paths[CSRL_SCHEMA_ATTRS], i);
		if (asn1_number_of_elements(el, name, &nvals) != ASN1_SUCCESS)
			nvals = 0;
		for (j = 1; j <= nvals && rc == CSRL_ERR_OK; j++) {
			size_t s, e;

			snprintf(name, sizeof name, "%s.?%d.values.?%d",
				 part_paths[CSRL_SCHEMA_ATTRS], i, j);
			if (locate(el, der, len, name, &s, &e) != ASN1_SUCCESS)
				return csrl_error_set(err, CSRL_ERR_SCHEMA, 0,
						      "libtasn1 cannot locate value %d of %s", j,
						      t->name);
			snprintf(msg, sizeof msg, "value %d of the %s attribute", j, t->name);
			if (strcmp(t->type, "ExtensionRequest") == 0)
				rc = check_extensions(der, s, e, msg, err);
			else
				rc = check_slice(t->type, der, s, e, msg, err);
		}
	}
	return rc;
}

/* The subject key's own encoding: an RSA key in the BIT STRING, EC parameters. */
static int check_key(asn1_node el, const uint8_t *der, size_t len, struct csrl_error *err)
{
	char oid[OID_BUF];
	size_t s, e, h;

	read_oid(el, "certificationRequestInfo.subjectPKInfo.algorithm.algorithm", oid);
	if (strcmp(oid, "1.2.840.113549.1.1.1") == 0) {
		if (locate(el, der, len, "certificationRequestInfo.subjectPKInfo.subjectPublicKey",
			   &s, &e) != ASN1_SUCCESS || (h = header_len(der + s, e - s)) == 0 ||
		    s + h + 1 > e)
			return csrl_error_set(err, CSRL_ERR_SCHEMA, 0,
					      "libtasn1 cannot locate the subject public key");
		/* Skip the unused-bits octet: the key is the BIT STRING's data. */
		return check_slice("RSAPublicKey", der, s + h + 1, e, "the RSA public key", err);
	}
	if (strcmp(oid, "1.2.840.10045.2.1") == 0) {
		if (locate(el, der, len, "certificationRequestInfo.subjectPKInfo.algorithm.parameters",
			   &s, &e) != ASN1_SUCCESS)
			return csrl_error_set(err, CSRL_ERR_SCHEMA, 0,
					      "the EC key has no parameters (RFC 5480 2.1.1)");
		return check_slice("ECParameters", der, s, e, "the EC key parameters", err);
	}
	return CSRL_ERR_OK;
}

/* RSASSA-PSS parameters of the signature algorithm (RFC 4055 3.1). */
static int check_sigalg(asn1_node el, const uint8_t *der, size_t len, struct csrl_error *err)
{
	char oid[OID_BUF];
	size_t s, e;

	read_oid(el, "signatureAlgorithm.algorithm", oid);
	if (strcmp(oid, "1.2.840.113549.1.1.10") != 0)
		return CSRL_ERR_OK;
	if (locate(el, der, len, "signatureAlgorithm.parameters", &s, &e) != ASN1_SUCCESS)
		return csrl_error_set(err, CSRL_ERR_SCHEMA, 0,
				      "the RSASSA-PSS signature algorithm has no parameters");
	return check_slice("RSASSA-PSS-params", der, s, e, "the RSASSA-PSS parameters", err);
}

int csrl_schema_check_values(const uint8_t *der, size_t len, struct csrl_error *err)
{
	asn1_node el;
	int rc = decode("CertificationRequest", der, len, "the request", 0, &el, err);

	if (rc != CSRL_ERR_OK)
		return rc;
	rc = check_key(el, der, len, err);
	if (rc == CSRL_ERR_OK)
		rc = check_sigalg(el, der, len, err);
	if (rc == CSRL_ERR_OK)
		rc = check_attributes(el, der, len, err);
	asn1_delete_structure(&el);
	return rc;
}
