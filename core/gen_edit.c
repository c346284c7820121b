/* gen_edit.c - single, checked edits of a request: the operations that fixes declared by Lua
 * rules reach through plugins/fix.c. Unlike the built-in fixers, which decide for
 * themselves, these do what they are told, so every argument is checked and naming
 * something the request does not hold is an error rather than a quiet no-op. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gen.h"

#define USAGE(...) csrl_error_set(err, CSRL_ERR_USAGE, 0, __VA_ARGS__)

size_t csrl_gen_subject_count(const struct csrl_gen_req *req)
{
	size_t i, n = 0;

	for (i = 0; i < req->nrdns; i++)
		n += req->rdns[i].n;
	return n;
}

const struct csrl_gen_ava *csrl_gen_subject_at(const struct csrl_gen_req *req, size_t i,
					       size_t *rdn)
{
	size_t r;

	for (r = 0; r < req->nrdns; i -= req->rdns[r].n, r++)
		if (i < req->rdns[r].n) {
			if (rdn)
				*rdn = r;
			return &req->rdns[r].avas[i];
		}
	return NULL;
}

const char *csrl_gen_oid_name(const char *dotted)
{
	const struct csrl_oid_info *o;
	int id;

	for (id = 1; id < CSRL_OID_COUNT; id++)
		if ((o = csrl_oid_get((enum csrl_oid_id)id)) && strcmp(o->dotted, dotted) == 0)
			return o->name;
	return NULL;
}

/* The short name of a dotted OID for log lines, else the OID. */
static const char *label(const char *dotted)
{
	const char *n = csrl_gen_oid_name(dotted);

	return n ? n : dotted;
}

/* The dotted OID that s names (itself when dotted), or NULL with err set. */
static const char *resolve(const char *s, const char *what, struct csrl_error *err)
{
	const struct csrl_oid_info *o;
	size_t n = strspn(s, "0123456789.");
	int id;

	if (s[0] >= '0' && s[0] <= '9' && s[n] == '\0' && strchr(s, '.') && !strstr(s, "..") &&
	    s[n - 1] != '.' && n < 128)
		return s;
	for (id = 1; id < CSRL_OID_COUNT; id++) {
		o = csrl_oid_get((enum csrl_oid_id)id);
		if (o && (strcasecmp(s, o->name) == 0 || strcasecmp(s, o->long_name) == 0))
			return o->dotted;
	}
	USAGE("unknown %s '%.64s' (give a dotted OID or a name such as %s)", what, s,
	      strcmp(what, "attribute type") == 0 ? "\"CN\"" : strcmp(what, "extension") == 0 ?
	      "\"subjectAltName\"" : "\"challengePassword\"");
	return NULL;
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 when invalid or a control code
 * (C0, DEL or C1). */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len = csrl_utf8_decode(s, n, &c);

	return len && c >= 0x20 && !(c >= 0x7f && c < 0xa0) ? len : 0;
}

static int printable_set(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr(" '()+,-./:=?", s[i])))
			return 0;
	return 1;
}

int csrl_gen_set_subject_value(struct csrl_gen_req *req, size_t i, const char *value,
			       size_t len, struct csrl_error *err)
{
	struct csrl_gen_ava *a = (struct csrl_gen_ava *)csrl_gen_subject_at(req, i, NULL);
	size_t k, c;
	int ascii = 1;
	char *v;

	if (!a)
		return USAGE("the subject has no value #%zu (it has %zu)", i + 1,
			     csrl_gen_subject_count(req));
	if (!len || len > CSRL_GEN_MAX_VALUE)
		return USAGE("a subject value must have 1 to %d bytes, not %zu", CSRL_GEN_MAX_VALUE,
			     len);
	for (k = 0; k < len; k += c) {
		if (!(c = utf8_char((const unsigned char *)value + k, len - k)))
			return USAGE("a subject value must be UTF-8 without control characters "
				     "(byte %zu is not)", k + 1);
		ascii &= c == 1;
	}
	if (a->tag == CSRL_TAG_IA5_STRING && !ascii)
		return USAGE("%s is an IA5String: its value must be ASCII", a->oid);
	if (!(v = csrl_gen_strdup(req, value, len)))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	csrl_gen_logf(req, "subject: %s \"%s\" -> \"%s\"", label(a->oid), a->utf8, v);
	if (!((a->tag == CSRL_TAG_PRINTABLE_STRING && printable_set(v, len)) ||
	      (a->tag == CSRL_TAG_IA5_STRING) || a->tag == CSRL_TAG_UTF8_STRING))
		a->tag = CSRL_TAG_UTF8_STRING;
	a->text = v;
	a->utf8 = v;
	a->len = len;
	a->raw = NULL;
	a->raw_len = 0;
	return CSRL_ERR_OK;
}

int csrl_gen_remove_subject_value(struct csrl_gen_req *req, size_t i, struct csrl_error *err)
{
	const struct csrl_gen_ava *a;
	struct csrl_gen_rdn *r;
	size_t ri, j;

	if (!(a = csrl_gen_subject_at(req, i, &ri)))
		return USAGE("the subject has no value #%zu (it has %zu)", i + 1,
			     csrl_gen_subject_count(req));
	csrl_gen_logf(req, "subject: removed %s=%s", label(a->oid), a->utf8);
	r = &req->rdns[ri];
	j = (size_t)(a - r->avas);
	memmove(&r->avas[j], &r->avas[j + 1], (r->n - j - 1) * sizeof *r->avas);
	if (--r->n == 0) {
		memmove(r, r + 1, (req->nrdns - ri - 1) * sizeof *r);
		req->nrdns--;
	}
	return CSRL_ERR_OK;
}

int csrl_gen_remove_subject_type(struct csrl_gen_req *req, const char *type, size_t *n,
				 struct csrl_error *err)
{
	const char *oid = resolve(type, "attribute type", err);
	size_t i;

	*n = 0;
	if (!oid)
		return CSRL_ERR_USAGE;
	for (i = csrl_gen_subject_count(req); i-- > 0;)
		if (strcmp(csrl_gen_subject_at(req, i, NULL)->oid, oid) == 0) {
			csrl_gen_remove_subject_value(req, i, err);
			++*n;
		}
	return *n ? CSRL_ERR_OK : USAGE("the subject has no %s", type);
}

/* The GeneralName type and the value bytes a ("ip", "192.0.2.1") pair stands for. */
static int name_arg(const char *type, const char *value, size_t len, enum csrl_gname_type *gt,
		    uint8_t *ip, size_t *iplen, struct csrl_error *err)
{
	static const struct { const char *name; enum csrl_gname_type t; const char *ok; }
	kinds[] = {
		{ "dns", CSRL_GN_DNS, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		  "0123456789.-*_" },
		{ "email", CSRL_GN_EMAIL, NULL }, { "uri", CSRL_GN_URI, NULL },
		{ "ip", CSRL_GN_IP, NULL },
	};
	size_t i, k;

	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(type, kinds[i].name) == 0)
			break;
	if (i == sizeof kinds / sizeof *kinds)
		return USAGE("unknown subjectAltName type '%.32s' (use dns, email, uri or ip)",
			     type);
	*gt = kinds[i].t;
	if (!len || len > CSRL_GEN_MAX_VALUE || strlen(value) != len)
		return USAGE("a %s name must have 1 to %d bytes and no NUL", type,
			     CSRL_GEN_MAX_VALUE);
	for (k = 0; k < len; k++)
		if ((unsigned char)value[k] <= 0x20 || (unsigned char)value[k] >= 0x7f ||
		    (kinds[i].ok && !strchr(kinds[i].ok, value[k])))
			return USAGE("%s name \"%.64s\" holds a character not allowed there "
				     "(byte %zu)", type, value, k + 1);
	if (*gt == CSRL_GN_EMAIL && !strchr(value, '@'))
		return USAGE("email name \"%.64s\" has no '@'", value);
	if (*gt == CSRL_GN_URI && !strchr(value, ':'))
		return USAGE("uri name \"%.64s\" has no scheme", value);
	if (*gt == CSRL_GN_IP) {
		if (inet_pton(AF_INET, value, ip) == 1)
			*iplen = 4;
		else if (inet_pton(AF_INET6, value, ip) == 1)
			*iplen = 16;
		else
			return USAGE("ip name \"%.64s\" is not an IPv4 or IPv6 address", value);
	}
	return CSRL_ERR_OK;
}

/* "DNS", "email", "URI", "IP", as the diff labels them. */
static const char *san_label(const char *type)
{
	return strcmp(type, "dns") == 0 ? "DNS" : strcmp(type, "uri") == 0 ? "URI" :
	       strcmp(type, "ip") == 0 ? "IP" : type;
}

/* A subjectAltName that did not decode is kept as bytes: editing its names is refused
 * rather than adding a second SAN beside it. */
static int san_editable(const struct csrl_gen_req *req, struct csrl_error *err)
{
	size_t i;

	for (i = 0; i < req->nexts; i++)
		if (req->exts[i].id == CSRL_OID_SAN && !req->exts[i].is_san)
			return USAGE("the subjectAltName could not be decoded, so its names cannot "
				     "be edited (remove_extension removes it whole)");
	return CSRL_ERR_OK;
}

int csrl_gen_add_name(struct csrl_gen_req *req, const char *type, const char *value,
		      size_t len, struct csrl_error *err)
{
	struct csrl_gen_ext *san = csrl_gen_find_san(req);
	enum csrl_gname_type gt;
	uint8_t ip[16];
	size_t iplen = 0;
	char spec[CSRL_GEN_MAX_VALUE + 8];
	int rc;

	if ((rc = name_arg(type, value, len, &gt, ip, &iplen, err)) ||
	    (rc = san_editable(req, err)))
		return rc;
	if ((san && san->nnames >= CSRL_GEN_MAX_ITEMS) ||
	    (!san && req->nexts >= CSRL_GEN_MAX_ITEMS))
		return USAGE("the request holds the most names the generator keeps (%d)",
			     CSRL_GEN_MAX_ITEMS);
	snprintf(spec, sizeof spec, "%s:%s", type, value);
	if ((rc = csrl_gen_add_san(req, spec, err)))
		return rc;
	csrl_gen_logf(req, "subjectAltName: added %s %s", san_label(type), value);
	return CSRL_ERR_OK;
}

/* Removes the names of san equal to (gt, want, len); returns how many. A SAN left empty
 * is removed from req and counted in *emptied. */
static size_t drop_names(struct csrl_gen_req *req, struct csrl_gen_ext *san,
			 enum csrl_gname_type gt, const char *want, size_t len, int *emptied)
{
	size_t i, kept = 0, n = 0;

	for (i = 0; i < san->nnames; i++) {
		const struct csrl_gen_name *g = &san->names[i];

		if (g->type == gt && !g->raw && g->len == len && memcmp(g->value, want, len) == 0)
			n++;
		else
			san->names[kept++] = *g;
	}
	san->nnames = kept;
	if (n && !kept) {
		++*emptied;
		i = (size_t)(san - req->exts);
		memmove(san, san + 1, (req->nexts - i - 1) * sizeof *san);
		req->nexts--;
	}
	return n;
}

int csrl_gen_remove_name(struct csrl_gen_req *req, const char *type, const char *value,
			 size_t len, size_t *n, struct csrl_error *err)
{
	enum csrl_gname_type gt;
	uint8_t ip[16];
	size_t iplen = 0, i;
	const char *want = value;
	int rc, emptied = 0;

	*n = 0;
	if ((rc = name_arg(type, value, len, &gt, ip, &iplen, err)) ||
	    (rc = san_editable(req, err)))
		return rc;
	if (gt == CSRL_GN_IP) {
		want = (const char *)ip;
		len = iplen;
	}
	/* every SAN (a request may repeat the extension), last first: one may be removed */
	for (i = req->nexts; i-- > 0;)
		if (req->exts[i].is_san)
			*n += drop_names(req, &req->exts[i], gt, want, len, &emptied);
	if (!*n)
		return USAGE("the subjectAltName has no %s name \"%.64s\"", type, value);
	csrl_gen_logf(req, "subjectAltName: removed %s %s%s", san_label(type), value,
		      *n > 1 ? " (every copy)" : "");
	if (emptied)
		csrl_gen_logf(req, "subjectAltName: removed the extension, which held no other name");
	return CSRL_ERR_OK;
}

static struct csrl_gen_ext *find_ext(struct csrl_gen_req *req, const char *ext,
				     struct csrl_error *err)
{
	const char *oid = resolve(ext, "extension", err);
	size_t i;

	for (i = 0; oid && i < req->nexts; i++)
		if (strcmp(req->exts[i].oid, oid) == 0)
			return &req->exts[i];
	if (oid)
		USAGE("the request has no %s extension", ext);
	return NULL;
}

int csrl_gen_set_ext_critical(struct csrl_gen_req *req, const char *ext, int critical,
			      struct csrl_error *err)
{
	struct csrl_gen_ext *e = find_ext(req, ext, err);

	if (!e)
		return CSRL_ERR_USAGE;
	if (!e->critical != !critical)
		csrl_gen_logf(req, "extensions: %s critical %s -> %s", ext,
			      e->critical ? "TRUE" : "FALSE", critical ? "TRUE" : "FALSE");
	e->critical = !!critical;
	return CSRL_ERR_OK;
}

int csrl_gen_remove_ext(struct csrl_gen_req *req, const char *ext, struct csrl_error *err)
{
	struct csrl_gen_ext *e = find_ext(req, ext, err);
	size_t i;

	if (!e)
		return CSRL_ERR_USAGE;
	i = (size_t)(e - req->exts);
	csrl_gen_logf(req, "extensions: removed %s", ext);
	memmove(e, e + 1, (req->nexts - i - 1) * sizeof *e);
	req->nexts--;
	return CSRL_ERR_OK;
}

int csrl_gen_remove_attr(struct csrl_gen_req *req, const char *attr, struct csrl_error *err)
{
	const char *oid = resolve(attr, "attribute", err);
	size_t i;

	if (!oid)
		return CSRL_ERR_USAGE;
	if (strcmp(oid, "1.2.840.113549.1.9.14") == 0)
		return USAGE("extensionRequest holds the extensions: remove those one by one");
	for (i = 0; i < req->nattrs; i++)
		if (strcmp(req->attrs[i].oid, oid) == 0) {
			/* never a value: a challengePassword is a secret */
			csrl_gen_logf(req, "attributes: removed %s", attr);
			memmove(&req->attrs[i], &req->attrs[i + 1],
				(req->nattrs - i - 1) * sizeof *req->attrs);
			req->nattrs--;
			return CSRL_ERR_OK;
		}
	return USAGE("the request has no %s attribute", attr);
}
