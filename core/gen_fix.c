/* gen_fix.c - the built-in fixers. Each names the rules whose findings call for it and edits
 * the request; it runs only when one of those rules reported something in the chosen profile,
 * so a clean request is left as it is. Re-encoding as canonical DER and re-signing are not
 * fixers: every request the generator writes gets them. Each edit leaves a log line. */
#include <ctype.h>
#include <string.h>

#include "gen.h"

static int printable_char(unsigned char c)
{
	return isalnum(c) || (c && strchr(" '()+,-./:=?", c));
}

static int printable(const char *s)
{
	for (; *s; s++)
		if (!printable_char((unsigned char)*s))
			return 0;
	return 1;
}

static int is_ia5_attr(enum csrl_oid_id id)
{
	return id == CSRL_OID_EMAIL;
}

/* RFC 5280 4.1.2.4 / CA/B BR 7.1.4.2: PrintableString where it suffices, else UTF8String;
 * emailAddress stays IA5String; countryName is two uppercase letters. */
static void fix_string_types(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	size_t i, j, k;

	(void)o;
	for (i = 0; i < req->nrdns; i++)
		for (j = 0; j < req->rdns[i].n; j++) {
			struct csrl_gen_ava *a = &req->rdns[i].avas[j];
			uint32_t want;

			if (!a->text)
				continue;
			if (a->id == CSRL_OID_C && strlen(a->utf8) == 2) {
				char up[3] = { (char)toupper((unsigned char)a->utf8[0]),
					       (char)toupper((unsigned char)a->utf8[1]), 0 };

				if (strcmp(up, a->utf8) != 0)
					csrl_gen_logf(req, "subject: countryName %s -> %s",
						      a->utf8, up);
				a->utf8 = csrl_gen_strdup(req, up, 2);
			}
			want = is_ia5_attr(a->id) ? CSRL_TAG_IA5_STRING :
			       printable(a->utf8) ? CSRL_TAG_PRINTABLE_STRING : CSRL_TAG_UTF8_STRING;
			if (want == a->tag && strcmp(a->text, a->utf8) == 0)
				continue;
			if (want != a->tag)
				csrl_gen_logf(req, "subject: %s re-encoded as %s", a->oid,
					      want == CSRL_TAG_UTF8_STRING ? "UTF8String" :
					      want == CSRL_TAG_IA5_STRING ? "IA5String" :
					      "PrintableString");
			a->tag = want;
			a->text = (char *)a->utf8;
			a->len = strlen(a->utf8);
			for (k = 0; k < a->len && want == CSRL_TAG_IA5_STRING; k++)
				if ((unsigned char)a->text[k] > 0x7f)
					a->tag = CSRL_TAG_UTF8_STRING;
		}
}

/* Leading and trailing white space trimmed, inner runs collapsed to one space. */
static void fix_whitespace(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	size_t i, j, n;
	const char *s;
	char *t;

	(void)o;
	for (i = 0; i < req->nrdns; i++)
		for (j = 0; j < req->rdns[i].n; j++) {
			struct csrl_gen_ava *a = &req->rdns[i].avas[j];

			if (!a->text || !(t = csrl_gen_strdup(req, a->utf8, strlen(a->utf8))))
				continue;
			for (s = a->utf8, n = 0; *s; s++)
				if (!isspace((unsigned char)*s))
					t[n++] = *s;
				else if (n && !isspace((unsigned char)s[1]) && s[1])
					t[n++] = ' ';
			t[n] = '\0';
			if (strcmp(t, a->utf8) == 0)
				continue;
			csrl_gen_logf(req, "subject: %s \"%s\" -> \"%s\"", a->oid, a->utf8, t);
			a->utf8 = a->text = t;
			a->len = n;
		}
}

static int same_ava(const struct csrl_gen_ava *x, const struct csrl_gen_ava *y)
{
	return strcmp(x->oid, y->oid) == 0 && strcmp(x->utf8, y->utf8) == 0;
}

/* Empty and repeated RDNs removed; a multi-valued RDN split in its order. */
static void fix_rdns(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	struct csrl_gen_rdn *old = req->rdns, *r;
	size_t n = req->nrdns, i, j, k;
	int dup;

	(void)o;
	req->rdns = NULL;
	req->nrdns = 0;
	for (i = 0; i < n; i++) {
		if (!old[i].n)
			csrl_gen_logf(req, "subject: removed an empty RDN");
		if (old[i].n > 1)
			csrl_gen_logf(req, "subject: split a multi-valued RDN of %zu values",
				      old[i].n);
		for (j = 0; j < old[i].n; j++) {
			for (dup = 0, k = 0; k < req->nrdns && !dup; k++)
				dup = same_ava(&req->rdns[k].avas[0], &old[i].avas[j]);
			if (dup) {
				csrl_gen_logf(req, "subject: removed a repeated %s=%s",
					      old[i].avas[j].oid, old[i].avas[j].utf8);
				continue;
			}
			if (!(r = csrl_gen_push(req, (void **)&req->rdns, &req->nrdns, sizeof *r)))
				return;
			r->avas = &old[i].avas[j];
			r->n = 1;
		}
	}
}

static void fix_email(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	size_t i, j;

	if (o->keep_email)
		return;
	for (i = 0; i < req->nrdns; i++)
		for (j = 0; j < req->rdns[i].n; j++)
			if (req->rdns[i].avas[j].id == CSRL_OID_EMAIL) {
				csrl_gen_logf(req, "subject: removed emailAddress=%s",
					      req->rdns[i].avas[j].utf8);
				memmove(&req->rdns[i].avas[j], &req->rdns[i].avas[j + 1],
					(req->rdns[i].n - j - 1) * sizeof req->rdns[i].avas[0]);
				req->rdns[i].n--;
				j--;
			}
	fix_rdns(req, o);       /* an RDN that held only the address is now empty */
}

static void fix_attrs(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	size_t i, n = 0;

	if (o->keep_attrs)
		return;
	for (i = 0; i < req->nattrs; i++) {
		if (req->attrs[i].id == CSRL_OID_CHALLENGE_PASSWORD ||
		    req->attrs[i].id == CSRL_OID_UNKNOWN) {
			/* never the value: a challengePassword is a secret */
			csrl_gen_logf(req, "attributes: removed %s",
				      req->attrs[i].id == CSRL_OID_CHALLENGE_PASSWORD ?
				      "challengePassword" : req->attrs[i].oid);
			continue;
		}
		req->attrs[n++] = req->attrs[i];
	}
	req->nattrs = n;
}

/* dNSNames lowercased, without a trailing dot, each once. */
static void fix_dns(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	struct csrl_gen_ext *san = csrl_gen_find_san(req);
	size_t i, j, n = 0, k;

	(void)o;
	for (i = 0; san && i < san->nnames; i++) {
		struct csrl_gen_name *g = &san->names[i];
		int dup = 0;

		if (g->type == CSRL_GN_DNS) {
			char *v = csrl_gen_strdup(req, g->value, g->len);

			for (k = 0; v && v[k]; k++)
				v[k] = (char)tolower((unsigned char)v[k]);
			while (v && k > 1 && v[k - 1] == '.')
				v[--k] = '\0';
			if (v && strcmp(v, g->value) != 0) {
				csrl_gen_logf(req, "subjectAltName: DNS %s -> %s", g->value, v);
				g->value = v;
				g->len = k;
			}
		}
		for (j = 0; j < n && !dup; j++)
			dup = san->names[j].type == g->type && !g->raw && !san->names[j].raw &&
			      san->names[j].len == g->len &&
			      memcmp(san->names[j].value, g->value, g->len) == 0;
		if (dup)
			csrl_gen_logf(req, "subjectAltName: removed a duplicate %s", g->value);
		else
			san->names[n++] = *g;
	}
	if (san)
		san->nnames = n;
}

/* The subject's CNs added to the SAN (a SAN made from them when there is none). */
static void fix_cn_san(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	struct csrl_gen_ext *san = csrl_gen_find_san(req);
	struct csrl_gen_name *g;
	size_t i, j, k;

	if (!san) {
		if (!(san = csrl_gen_push(req, (void **)&req->exts, &req->nexts, sizeof *san)))
			return;
		san->oid = csrl_gen_strdup(req, "2.5.29.17", 9);
		san->id = CSRL_OID_SAN;
		san->is_san = 1;
		san->critical = req->nrdns == 0;
		csrl_gen_logf(req, "extensions: added a subjectAltName");
	}
	for (i = 0; i < req->nrdns; i++)
		for (j = 0; j < req->rdns[i].n; j++) {
			const struct csrl_gen_ava *a = &req->rdns[i].avas[j];
			int have = 0;

			if (a->id != CSRL_OID_CN || !*a->utf8 || strchr(a->utf8, ' '))
				continue;
			for (k = 0; k < san->nnames && !have; k++)
				have = san->names[k].type == CSRL_GN_DNS &&
				       strcasecmp(san->names[k].value, a->utf8) == 0;
			if (have || !(g = csrl_gen_push(req, (void **)&san->names, &san->nnames,
						       sizeof *g)))
				continue;
			g->type = CSRL_GN_DNS;
			g->value = csrl_gen_strdup(req, a->utf8, strlen(a->utf8));
			g->len = strlen(a->utf8);
			csrl_gen_logf(req, "subjectAltName: added DNS %s from the CN", a->utf8);
		}
	fix_dns(req, o);
}

/* RFC 5280 4.2.1.6: critical when the subject is empty, not critical otherwise. */
static void fix_san_critical(struct csrl_gen_req *req, const struct csrl_fix_opts *o)
{
	struct csrl_gen_ext *san = csrl_gen_find_san(req);
	int want = req->nrdns == 0;

	(void)o;
	if (san && san->critical != want) {
		csrl_gen_logf(req, "subjectAltName: critical %s -> %s", san->critical ? "TRUE" :
			      "FALSE", want ? "TRUE" : "FALSE");
		san->critical = want;
	}
}

static const char *const R_STRINGS[] = { "subject.string-type.legacy",
	"subject.string-type.not-directory-string", "subject.string-type.not-utf8-or-printable",
	"subject.string-type.wrong-for-attribute", "subject.country.invalid",
	"der.printablestring-charset", "der.ia5string-charset", NULL };
static const char *const R_SPACE[] = { "subject.value-whitespace",
	"subject.value-repeated-space", NULL };
static const char *const R_RDN[] = { "subject.rdn.empty", "subject.attribute-duplicate",
	"subject.rdn.multi-valued", NULL };
static const char *const R_EMAIL[] = { "subject.email-address-present",
	"subject.email-address-deprecated", NULL };
static const char *const R_ATTRS[] = { "attr.challenge-password.present",
	"attr.challenge-password.length", "attr.challenge-password.type", "attr.unknown", NULL };
static const char *const R_DNS[] = { "san.dns.uppercase", "san.dns.trailing-dot",
	"san.duplicate", NULL };
static const char *const R_CN[] = { "subject.cn.not-in-san", "san.missing", NULL };
static const char *const R_CRIT[] = { "ext.san.criticality", NULL };

/* Order matters: whitespace before string types (a trimmed value may become printable),
 * the subject before the SAN fixes that read it, criticality last. */
const struct csrl_fixer csrl_fixers[] = {
	{ "subject.whitespace", "trim white space in subject values", R_SPACE, fix_whitespace },
	{ "subject.string-types", "PrintableString where possible, else UTF8String; uppercase "
	  "countryName", R_STRINGS, fix_string_types },
	{ "subject.email", "drop emailAddress from the subject (--keep-email keeps it)", R_EMAIL,
	  fix_email },
	{ "subject.rdns", "remove empty and repeated RDNs, split multi-valued RDNs", R_RDN,
	  fix_rdns },
	{ "attributes", "drop challengePassword and unknown attributes (--keep-attrs keeps "
	  "them)", R_ATTRS, fix_attrs },
	{ "san.dns", "lowercase dNSNames, strip trailing dots, remove duplicates", R_DNS, fix_dns },
	{ "san.from-cn", "add the CN to the SAN, or a SAN built from the CN", R_CN, fix_cn_san },
	{ "san.criticality", "SAN critical only when the subject is empty", R_CRIT,
	  fix_san_critical },
};
const size_t csrl_fixers_count = sizeof csrl_fixers / sizeof csrl_fixers[0];

static int called_for(const struct csrl_fixer *fx, const struct csrl_findings *f)
{
	size_t i, j;

	for (i = 0; i < f->n; i++)
		for (j = 0; fx->rules[j]; j++)
			if (strcmp(f->v[i].rule_id, fx->rules[j]) == 0)
				return 1;
	return 0;
}

size_t csrl_gen_fix(struct csrl_gen_req *req, const struct csrl_findings *f,
		    const struct csrl_fix_opts *o)
{
	size_t i, ran = 0;

	for (i = 0; i < csrl_fixers_count; i++)
		if (called_for(&csrl_fixers[i], f)) {
			csrl_fixers[i].apply(req, o);
			ran++;
		}
	return ran;
}
