/* csr_name.c - X.501 Names (RFC 5280 4.1.2.4): RDNs, their values decoded to UTF-8, and the
 * RFC 4514 string form.
 *
 *   Name ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 */
#include <stdio.h>
#include <string.h>

#include "csr_int.h"

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

char *csr_string_utf8(struct csr_ctx *c, const struct csrl_node *value)
{
	const uint8_t *p = value->content;
	size_t n = value->len, i = 0, o = 0;
	uint32_t tag = value->cls == CSRL_CLASS_UNIVERSAL ? value->tag : 0;
	char *out;

	if (value->constructed)
		return csrl_arena_strndup(c->arena, "", 0);
	/* Every input byte yields at most 3 output bytes (U+FFFD); 4-byte sequences need 4 in. */
	if (n > (SIZE_MAX - 1) / 3 || !(out = csrl_arena_alloc(c->arena, n * 3 + 1)))
		return NULL;
	while (i < n) {
		uint32_t cp;
		size_t k = 1;

		switch (tag) {
		case CSRL_TAG_UTF8_STRING:
			k = csrl_utf8_decode(p + i, n - i, &cp);
			if (!k) {
				k = 1;
				cp = 0xFFFD;
			}
			break;
		case CSRL_TAG_BMP_STRING:
			if (n - i < 2) {
				cp = 0xFFFD;
				break;
			}
			cp = (uint32_t)p[i] << 8 | p[i + 1];
			k = 2;
			break;
		case CSRL_TAG_UNIVERSAL_STRING:
			if (n - i < 4) {
				k = n - i;
				cp = 0xFFFD;
				break;
			}
			cp = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
			     p[i + 3];
			k = 4;
			break;
		case CSRL_TAG_T61_STRING:   /* read as Latin-1, as most software does */
			cp = p[i];
			break;
		default:                    /* ASCII types: a byte above 0x7F is not a character */
			cp = p[i] < 0x80 ? p[i] : 0xFFFD;
			break;
		}
		o += put_utf8(out + o, cp);
		i += k;
	}
	out[o] = '\0';
	return out;
}

static int parse_ava(struct csr_ctx *c, const struct csrl_node *n, struct csrl_ava *ava)
{
	const struct csrl_node *type = csrl_node_child(n, 0);
	const struct csrl_node *val = csrl_node_child(n, 1);
	const struct csrl_oid_info *info;

	if (!csrl_node_is(n, CSRL_TAG_SEQUENCE) || !csr_is_oid(type) || !val)
		return csr_fail(c, n, "subject AttributeTypeAndValue at offset %zu is not "
				"SEQUENCE { OBJECT IDENTIFIER, value }", n->offset);
	ava->node = n;
	ava->oid = csr_bytes(type);
	info = csrl_oid_lookup(ava->oid.p, ava->oid.len);
	ava->name = info ? info->name : NULL;
	ava->id = info ? info->id : CSRL_OID_UNKNOWN;
	ava->value_node = val;
	ava->value_cls = val->cls;
	ava->string_tag = val->tag;
	ava->value = csr_bytes(val);
	ava->utf8 = csr_string_utf8(c, val);
	if (!ava->utf8)
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, n->offset, "out of memory");
	return CSRL_ERR_OK;
}

int csr_parse_name(struct csr_ctx *c, const struct csrl_node *node, struct csrl_name *name)
{
	const struct csrl_node *rdn, *a;
	size_t i = 0, j;
	int rc;

	name->node = node;
	name->nrdns = node->nchildren;
	if (name->nrdns == 0)
		return CSRL_ERR_OK;
	name->rdns = csrl_arena_alloc(c->arena, name->nrdns * sizeof *name->rdns);
	if (!name->rdns)
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, node->offset, "out of memory");
	for (rdn = node->child; rdn; rdn = rdn->next, i++) {
		struct csrl_rdn *r = &name->rdns[i];

		if (!csrl_node_is(rdn, CSRL_TAG_SET) || !rdn->constructed)
			return csr_fail(c, rdn, "RelativeDistinguishedName at offset %zu is not a SET",
					rdn->offset);
		r->node = rdn;
		r->navas = rdn->nchildren;
		if (!r->navas)
			continue;
		r->avas = csrl_arena_alloc(c->arena, r->navas * sizeof *r->avas);
		if (!r->avas)
			return csrl_error_set(c->err, CSRL_ERR_NOMEM, rdn->offset, "out of memory");
		for (a = rdn->child, j = 0; a; a = a->next, j++)
			if ((rc = parse_ava(c, a, &r->avas[j])) != CSRL_ERR_OK)
				return rc;
	}
	return CSRL_ERR_OK;
}

/* Appends s (n bytes) at *o in buf, keeping room for "..." and NUL; returns 0 when full. */
static int put(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
	if (*o + n + 4 > size) {
		if (*o + 4 <= size)
			memcpy(buf + *o, "...", 4);
		*o = size;
		return 0;
	}
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
	return 1;
}

/* RFC 4514 section 2.4: escape specials, a leading '#' or space and a trailing space. */
static int put_value(char *buf, size_t size, size_t *o, const struct csrl_ava *ava)
{
	const char *s = ava->utf8;
	size_t i, n = strlen(s);
	char tmp[8];

	if (ava->value_cls != CSRL_CLASS_UNIVERSAL || ava->string_tag == CSRL_TAG_INTEGER ||
	    ava->string_tag == CSRL_TAG_OCTET_STRING || ava->string_tag == CSRL_TAG_SEQUENCE) {
		/* Not a string: the hex form of its whole encoding. */
		const struct csrl_node *v = ava->value_node;
		const uint8_t *p = v->content - v->hdr_len;

		if (!put(buf, size, o, "#", 1))
			return 0;
		for (i = 0; i < v->hdr_len + v->len; i++) {
			snprintf(tmp, sizeof tmp, "%02x", p[i]);
			if (!put(buf, size, o, tmp, 2))
				return 0;
		}
		return 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		int special = strchr(",+\"\\<>;", ch) && ch;

		if (special || (i == 0 && (ch == '#' || ch == ' ')) || (i == n - 1 && ch == ' ')) {
			tmp[0] = '\\';
			tmp[1] = (char)ch;
			if (!put(buf, size, o, tmp, 2))
				return 0;
		} else if (ch < 0x20 || ch == 0x7F) {
			snprintf(tmp, sizeof tmp, "\\%02X", ch);
			if (!put(buf, size, o, tmp, 3))
				return 0;
		} else if (!put(buf, size, o, s + i, 1)) {
			return 0;
		}
	}
	return 1;
}

void csrl_name_to_string(const struct csrl_name *name, char *buf, size_t bufsize)
{
	size_t o = 0, i, j;
	char dotted[128];

	if (!bufsize)
		return;
	buf[0] = '\0';
	if (bufsize < 8)
		return;
	/* RFC 4514 section 2.1: the last RDN of the sequence comes first. */
	for (i = name->nrdns; i-- > 0;) {
		const struct csrl_rdn *r = &name->rdns[i];

		if (i != name->nrdns - 1 && !put(buf, bufsize, &o, ",", 1))
			return;
		for (j = 0; j < r->navas; j++) {
			const struct csrl_ava *a = &r->avas[j];
			const char *type = a->name;

			if (j && !put(buf, bufsize, &o, "+", 1))
				return;
			if (!type) {
				csrl_oid_to_dotted(a->oid.p, a->oid.len, dotted, sizeof dotted);
				type = dotted;
			}
			if (!put(buf, bufsize, &o, type, strlen(type)) ||
			    !put(buf, bufsize, &o, "=", 1) || !put_value(buf, bufsize, &o, a))
				return;
		}
	}
}
