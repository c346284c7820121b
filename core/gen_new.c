/* gen_new.c - the parts of a new request given on the command line of `csrlint new`: the
 * subject in OpenSSL's -subj syntax, subjectAltNames, keyUsage and extKeyUsage. They are
 * added to an editable request (csrl_gen_empty), which gen_build.c encodes and signs like
 * any fixed one. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen.h"

/* The attribute types a subject may name: the DN types the project knows. */
static const enum csrl_oid_id subject_types[] = {
	CSRL_OID_C, CSRL_OID_ST, CSRL_OID_L, CSRL_OID_O, CSRL_OID_OU, CSRL_OID_CN,
	CSRL_OID_STREET, CSRL_OID_SERIAL_NUMBER, CSRL_OID_SURNAME, CSRL_OID_GIVEN_NAME,
	CSRL_OID_TITLE, CSRL_OID_DESCRIPTION, CSRL_OID_BUSINESS_CATEGORY, CSRL_OID_POSTAL_CODE,
	CSRL_OID_NAME, CSRL_OID_INITIALS, CSRL_OID_GENERATION_QUALIFIER, CSRL_OID_DN_QUALIFIER,
	CSRL_OID_PSEUDONYM, CSRL_OID_ORG_IDENTIFIER, CSRL_OID_UID, CSRL_OID_DC,
	CSRL_OID_JURIS_L, CSRL_OID_JURIS_ST, CSRL_OID_JURIS_C, CSRL_OID_EMAIL
};

static const struct csrl_oid_info *subject_type(const char *name)
{
	const struct csrl_oid_info *o;
	size_t i;

	for (i = 0; i < sizeof subject_types / sizeof *subject_types; i++) {
		o = csrl_oid_get(subject_types[i]);
		if (o && (strcasecmp(name, o->name) == 0 || strcasecmp(name, o->long_name) == 0))
			return o;
	}
	return NULL;
}

/* PrintableString's character set (X.680 41.4). */
static int printable(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || strchr(" '()+,-./:=?", *s)))
			return 0;
	return 1;
}

/* The string type the fixers would choose: IA5String where RFC 5280 requires it
 * (emailAddress, domainComponent), PrintableString for countryName and where its set
 * allows, UTF8String otherwise. */
static uint32_t string_tag_for(enum csrl_oid_id id, const char *v)
{
	if (id == CSRL_OID_EMAIL || id == CSRL_OID_DC)
		return CSRL_TAG_IA5_STRING;
	return printable(v) ? CSRL_TAG_PRINTABLE_STRING : CSRL_TAG_UTF8_STRING;
}

/* Adds one "TYPE=value" to rdn; s is unescaped already except for the first '='. */
static int add_ava(struct csrl_gen_req *req, struct csrl_gen_rdn *rdn, char *s,
		   struct csrl_error *err)
{
	char *eq = strchr(s, '=');
	const struct csrl_oid_info *o;
	struct csrl_gen_ava *a;

	if (!*s)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: an empty attribute ('/' "
				      "or '+' twice in a row)");
	if (!eq)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: '%s' is not TYPE=value",
				      s);
	*eq = '\0';
	if (!(o = subject_type(s)))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: unknown attribute type "
				      "'%s'", s);
	if (!eq[1])
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: %s has an empty value",
				      s);
	if (!(a = csrl_gen_push(req, (void **)&rdn->avas, &rdn->n, sizeof *a)))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: too many attributes");
	a->oid = csrl_gen_strdup(req, o->dotted, strlen(o->dotted));
	a->id = o->id;
	a->tag = string_tag_for(o->id, eq + 1);
	a->len = strlen(eq + 1);
	a->text = csrl_gen_strdup(req, eq + 1, a->len);
	a->utf8 = a->text;
	if (!a->oid || !a->text)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	return CSRL_ERR_OK;
}

int csrl_gen_set_subject(struct csrl_gen_req *req, const char *subj, struct csrl_error *err)
{
	char *buf = malloc(strlen(subj) + 1), *w = buf, *ava = buf;
	struct csrl_gen_rdn *rdn = NULL;
	const char *p = subj;
	int rc = CSRL_ERR_OK, end;

	if (!buf)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (*p != '/') {
		free(buf);
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject must start with '/' "
				      "(/C=DE/O=Example/CN=www.example.com)");
	}
	/* Each '/' ends an RDN and each '+' ends an AVA inside one; a backslash takes the next
	 * character literally. An '=' kept as the first one splits type and value. */
	for (p++; rc == CSRL_ERR_OK; p++) {
		end = *p == '\0' || *p == '/' || *p == '+';
		if (*p == '\\' && p[1]) {
			*w++ = *++p;
			continue;
		}
		if (!end) {
			*w++ = *p;
			continue;
		}
		*w = '\0';
		if (w == ava && *p == '\0' && !rdn)
			break;  /* "/" (an empty subject) or a trailing '/' */
		if (!rdn && !(rdn = csrl_gen_push(req, (void **)&req->rdns, &req->nrdns,
						  sizeof *rdn)))
			rc = csrl_error_set(err, CSRL_ERR_USAGE, 0, "--subject: too many RDNs");
		else
			rc = add_ava(req, rdn, ava, err);
		if (*p != '+')
			rdn = NULL;
		ava = ++w;
		if (*p == '\0')
			break;
	}
	free(buf);
	return rc;
}

static struct csrl_gen_ext *new_ext(struct csrl_gen_req *req, const char *oid, int critical)
{
	struct csrl_gen_ext *e = csrl_gen_push(req, (void **)&req->exts, &req->nexts, sizeof *e);

	if (e && (e->oid = csrl_gen_strdup(req, oid, strlen(oid)))) {
		e->critical = critical;
		req->has_ext_request = 1;
		return e;
	}
	return NULL;
}

int csrl_gen_add_san(struct csrl_gen_req *req, const char *spec, struct csrl_error *err)
{
	static const struct { const char *prefix; enum csrl_gname_type type; } kinds[] = {
		{ "dns:", CSRL_GN_DNS }, { "ip:", CSRL_GN_IP }, { "email:", CSRL_GN_EMAIL },
		{ "uri:", CSRL_GN_URI }
	};
	struct csrl_gen_ext *e = NULL;
	struct csrl_gen_name *n;
	uint8_t ip[16];
	enum csrl_gname_type type = CSRL_GN_DNS;
	const char *v = NULL;
	size_t i, len;

	for (i = 0; i < sizeof kinds / sizeof *kinds && !v; i++)
		if (strncasecmp(spec, kinds[i].prefix, strlen(kinds[i].prefix)) == 0) {
			v = spec + strlen(kinds[i].prefix);
			type = kinds[i].type;
		}
	if (!v || !*v)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--san '%s': use dns:NAME, ip:ADDR, "
				      "email:ADDR or uri:URI", spec);
	len = strlen(v);
	if (type == CSRL_GN_IP) {
		if (inet_pton(AF_INET, v, ip) == 1)
			len = 4;
		else if (inet_pton(AF_INET6, v, ip) == 1)
			len = 16;
		else
			return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--san '%s': not an IPv4 or "
					      "IPv6 address", spec);
		v = (const char *)ip;
	}
	for (i = 0; i < req->nexts && !e; i++)
		if (req->exts[i].is_san)
			e = &req->exts[i];
	if (!e && (e = new_ext(req, "2.5.29.17", 0)))
		e->is_san = 1;
	if (!e || !(n = csrl_gen_push(req, (void **)&e->names, &e->nnames, sizeof *n)) ||
	    !(n->value = csrl_gen_strdup(req, v, len)))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--san: too many names");
	n->type = type;
	n->len = len;
	return CSRL_ERR_OK;
}

/* Adds an extension whose value is the DER of a libtasn1 element. */
static int add_encoded(struct csrl_gen_req *req, const char *oid, int critical, asn1_node el,
		       struct csrl_error *err)
{
	struct csrl_gen_ext *e;
	uint8_t *der = NULL;
	size_t len = 0;
	int rc;

	if ((rc = csrl_gen_encode(el, "", &der, &len, err)))
		return rc;
	if (!(e = new_ext(req, oid, critical)) ||
	    !(e->value = (const uint8_t *)csrl_gen_strdup(req, der, len)))
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	else
		e->len = len;
	free(der);
	return rc;
}

/* Splits a comma-separated list in place; returns the next item or NULL. */
static char *next_item(char **s)
{
	char *item = *s, *c;

	if (!item)
		return NULL;
	if ((c = strchr(item, ',')))
		*c++ = '\0';
	*s = c;
	return item;
}

int csrl_gen_add_ku(struct csrl_gen_req *req, const char *list, struct csrl_error *err)
{
	static const char *const bits[] = { "digitalSignature", "nonRepudiation",
		"keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
		"encipherOnly", "decipherOnly" };
	char *copy = strdup(list), *rest = copy, *item;
	unsigned mask = 0, i, nbits = 0;
	uint8_t v[2] = { 0, 0 };
	asn1_node el;
	int rc = CSRL_ERR_OK;

	if (!copy)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	while (rc == CSRL_ERR_OK && (item = next_item(&rest))) {
		for (i = 0; i < 9 && strcasecmp(item, bits[i]); i++)
			;
		if (i == 9)
			rc = csrl_error_set(err, CSRL_ERR_USAGE, 0, "--ku: unknown key usage '%s' "
					    "(digitalSignature, keyEncipherment, ...)", item);
		mask |= 1u << i;
	}
	free(copy);
	if (rc)
		return rc;
	/* DER: a named bit list without its trailing zero bits (X.690 11.2.2). */
	for (i = 0; i < 9; i++)
		if (mask & (1u << i)) {
			v[i / 8] |= (uint8_t)(0x80 >> (i % 8));
			nbits = i + 1;
		}
	if ((rc = csrl_gen_element("KeyUsage", &el, err)))
		return rc;
	if (asn1_write_value(el, "", v, (int)nbits) != ASN1_SUCCESS)
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode keyUsage");
	/* RFC 5280 4.2.1.3: conforming CAs SHOULD mark keyUsage critical. */
	if (rc == CSRL_ERR_OK)
		rc = add_encoded(req, "2.5.29.15", 1, el, err);
	asn1_delete_structure(&el);
	return rc;
}

int csrl_gen_add_eku(struct csrl_gen_req *req, const char *list, struct csrl_error *err)
{
	static const struct { const char *name, *oid; } purposes[] = {
		{ "serverAuth", "1.3.6.1.5.5.7.3.1" }, { "clientAuth", "1.3.6.1.5.5.7.3.2" },
		{ "codeSigning", "1.3.6.1.5.5.7.3.3" }, { "emailProtection", "1.3.6.1.5.5.7.3.4" },
		{ "timeStamping", "1.3.6.1.5.5.7.3.8" }, { "OCSPSigning", "1.3.6.1.5.5.7.3.9" }
	};
	const size_t np = sizeof purposes / sizeof *purposes;
	char *copy = strdup(list), *rest = copy, *item;
	asn1_node el = NULL;
	size_t i;
	int rc;

	if (!copy)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	rc = csrl_gen_element("ExtKeyUsageSyntax", &el, err);
	while (rc == CSRL_ERR_OK && (item = next_item(&rest))) {
		for (i = 0; i < np && strcasecmp(item, purposes[i].name); i++)
			;
		if (i == np)
			rc = csrl_error_set(err, CSRL_ERR_USAGE, 0, "--eku: unknown purpose '%s' "
					    "(serverAuth, clientAuth, codeSigning, emailProtection, "
					    "timeStamping, OCSPSigning)", item);
		else if (asn1_write_value(el, "", "NEW", 1) != ASN1_SUCCESS ||
			 asn1_write_value(el, "?LAST", purposes[i].oid, 1) != ASN1_SUCCESS)
			rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "cannot encode extKeyUsage");
	}
	free(copy);
	if (rc == CSRL_ERR_OK)
		rc = add_encoded(req, "2.5.29.37", 0, el, err);
	if (el)
		asn1_delete_structure(&el);
	return rc;
}
