/* subject_common.c - walking the subject and reading its values for the subject rules. */
#include <stdio.h>
#include <string.h>

#include "subject.h"

const struct csrl_ava *subj_next(const struct csrl_csr *csr, struct subj_iter *it,
				 const struct csrl_rdn **rdn_out)
{
	while (it->rdn < csr->subject.nrdns) {
		const struct csrl_rdn *r = &csr->subject.rdns[it->rdn];

		if (r->avas && it->ava < r->navas) {
			if (rdn_out)
				*rdn_out = r;
			return &r->avas[it->ava++];
		}
		it->rdn++;
		it->ava = 0;
	}
	return NULL;
}

const char *subj_label(const struct csrl_ava *a, char *buf)
{
	if (a->name)
		snprintf(buf, SUBJ_LABEL_BUF, "%s", a->name);
	else
		csrl_oid_to_dotted(a->oid.p, a->oid.len, buf, SUBJ_LABEL_BUF);
	return buf;
}

int subj_is_text(const struct csrl_ava *a)
{
	if (a->value_cls != CSRL_CLASS_UNIVERSAL || !a->value_node || a->value_node->constructed)
		return 0;
	switch (a->string_tag) {
	case CSRL_TAG_UTF8_STRING: case CSRL_TAG_NUMERIC_STRING: case CSRL_TAG_PRINTABLE_STRING:
	case CSRL_TAG_T61_STRING: case 21: case CSRL_TAG_IA5_STRING: case 25:
	case CSRL_TAG_VISIBLE_STRING: case 27: case CSRL_TAG_UNIVERSAL_STRING:
	case CSRL_TAG_BMP_STRING:
		return 1;
	}
	return 0;
}


size_t subj_next_cp(const struct csrl_ava *a, size_t i, uint32_t *cp)
{
	const uint8_t *p = a->value.p;
	size_t n = a->value.len, k;

	if (!p || i >= n)
		return 0;
	switch (a->value_cls == CSRL_CLASS_UNIVERSAL ? a->string_tag : 0) {
	case CSRL_TAG_UTF8_STRING:
		if ((k = csrl_utf8_decode(p + i, n - i, cp)))
			return k;
		*cp = 0xFFFD;
		return 1;
	case CSRL_TAG_BMP_STRING:
		if (n - i < 2) {
			*cp = 0xFFFD;
			return n - i;
		}
		*cp = (uint32_t)p[i] << 8 | p[i + 1];
		return 2;
	case CSRL_TAG_UNIVERSAL_STRING:
		if (n - i < 4) {
			*cp = 0xFFFD;
			return n - i;
		}
		*cp = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
		      p[i + 3];
		return 4;
	case CSRL_TAG_T61_STRING:   /* read as Latin-1, as the model does */
		*cp = p[i];
		return 1;
	default:
		*cp = p[i] < 0x80 ? p[i] : 0xFFFD;
		return 1;
	}
}

int subj_plain_ascii(const struct csrl_ava *a)
{
	const uint8_t *p = a->value.p;
	size_t i, n = a->value.len;

	if (a->value_cls == CSRL_CLASS_UNIVERSAL && (a->string_tag == CSRL_TAG_BMP_STRING ||
	    a->string_tag == CSRL_TAG_UNIVERSAL_STRING))
		return 0;
	if (!p || !n)
		return 1;
	if (p[0] == ' ' || p[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] == ' ' ? p[i + 1] == ' ' : p[i] < 0x21 || p[i] > 0x7E)
			return 0;
	return 1;
}

size_t subj_char_count(const struct csrl_ava *a)
{
	size_t i = 0, k, n = 0;
	uint32_t cp;

	while ((k = subj_next_cp(a, i, &cp))) {
		i += k;
		n++;
	}
	return n;
}

size_t subj_value_offset(const struct csrl_lint_ctx *ctx, const struct csrl_ava *a, size_t i)
{
	if (a->value.p && a->value.p >= ctx->csr->data &&
	    a->value.p <= ctx->csr->data + ctx->csr->len)
		return (size_t)(a->value.p - ctx->csr->data) + i;
	return a->node ? a->node->offset : 0;
}

/* Appends the UTF-8 encoding of cp at out[*o]. */
static void put_cp(char *out, size_t *o, uint32_t cp)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xC0 | cp >> 6);
		out[(*o)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xE0 | cp >> 12);
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		out[(*o)++] = (char)(0xF0 | cp >> 18);
		out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (cp & 0x3F));
	}
}

const char *subj_quote(const struct csrl_ava *a, char *out)
{
	size_t i = 0, k, o = 0, chars = 0;
	uint32_t cp;

	out[o++] = '"';
	while ((k = subj_next_cp(a, i, &cp))) {
		i += k;
		if (++chars > 60 || o + 16 > SUBJ_QUOTE_BUF - 6) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (subj_is_control(cp) || (cp > 0x7F && subj_is_space(cp)) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			o += (size_t)snprintf(out + o, 16, cp < 0x100 ? "\\x%02X" : "\\u{%X}",
					      (unsigned)cp);
		else if (cp == '"' || cp == '\\')
			o += (size_t)snprintf(out + o, 16, "\\%c", (char)cp);
		else
			put_cp(out, &o, cp);
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

int subj_is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

int subj_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0xFEFF;
}
