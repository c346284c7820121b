/* inspect_util.c - formatting shared by the inspect reporters, so that text and JSON show the
 * same value the same way. Everything is bounded: a hostile CSR may hold megabyte strings. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_util.h"

/* Largest integer converted to decimal; beyond this the quadratic conversion costs too much
 * for a value nobody reads in decimal anyway. */
#define MAX_DECIMAL_BYTES 512u

static const char hexdig[] = "0123456789abcdef";

char *csrl_hex(char *buf, size_t size, const uint8_t *p, size_t len, char sep)
{
	size_t step = sep ? 3 : 2, full, n, i, o = 0;

	if (!size)
		return buf;
	full = len ? len * step - (sep ? 1 : 0) : 0;
	n = len;
	if (full + 1 > size) {
		/* Room for n bytes, their separators and "...": n * step + 3 + 1 <= size. */
		n = size >= 4 + step ? (size - 4) / step : 0;
	}
	for (i = 0; i < n; i++) {
		if (i && sep)
			buf[o++] = sep;
		buf[o++] = hexdig[p[i] >> 4];
		buf[o++] = hexdig[p[i] & 15];
	}
	if (n < len && size >= 4) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

char *csrl_hex_alloc(const uint8_t *p, size_t len, size_t max)
{
	size_t n = len < max ? len : max;
	char *s = malloc(n * 2 + 4);

	if (!s)
		return NULL;
	csrl_hex(s, n * 2 + 1, p, n, 0);
	if (n < len)
		strcat(s, "...");
	return s;
}

void csrl_hex_wrapped(FILE *out, const uint8_t *p, size_t len, int indent, int per_line,
		      size_t max)
{
	size_t n = len < max ? len : max, i;

	if (!len) {
		fprintf(out, "%*s(empty)\n", indent, "");
		return;
	}
	for (i = 0; i < n; i++) {
		if (i % (size_t)per_line == 0)
			fprintf(out, "%*s", indent, "");
		fprintf(out, "%02x", p[i]);
		if (i + 1 < n)
			fputc(':', out);
		if ((i + 1) % (size_t)per_line == 0 || i + 1 == n)
			fputc('\n', out);
	}
	if (n < len)
		fprintf(out, "%*s... (%zu bytes in all)\n", indent, "", len);
}

struct csrl_bytes csrl_strip_zeros(struct csrl_bytes b)
{
	while (b.len > 1 && b.p[0] == 0) {
		b.p++;
		b.len--;
	}
	return b;
}

int csrl_uint64(struct csrl_bytes b, uint64_t *v)
{
	size_t i;

	b = csrl_strip_zeros(b);
	*v = 0;
	if (!b.len || b.len > 8)
		return 0;
	for (i = 0; i < b.len; i++)
		*v = (*v << 8) | b.p[i];
	return 1;
}

int csrl_int64(struct csrl_bytes b, int64_t *v)
{
	uint64_t u;
	size_t i;

	*v = 0;
	if (!b.len || b.len > 8)
		return 0;
	u = (b.p[0] & 0x80) ? UINT64_MAX : 0;
	for (i = 0; i < b.len; i++)
		u = (u << 8) | b.p[i];
	*v = (int64_t)u;
	return 1;
}

int csrl_uint_decimal(struct csrl_bytes b, char *buf, size_t size)
{
	uint8_t *w;
	size_t i, nd = 0, start = 0;
	char *digits;

	b = csrl_strip_zeros(b);
	if (!size)
		return -1;
	/* Each byte adds at most 2.41 decimal digits. */
	if (b.len > MAX_DECIMAL_BYTES || b.len * 5 / 2 + 2 > size ||
	    !(w = malloc(b.len + 1))) {
		if (size > 2) {
			memcpy(buf, "0x", 2);
			csrl_hex(buf + 2, size - 2, b.p, b.len, 0);
		} else {
			buf[0] = '\0';
		}
		return -1;
	}
	memcpy(w, b.p, b.len);
	digits = buf;
	do {
		unsigned rem = 0;

		/* One long division of the big-endian number by 10; skip the zeroed head. */
		for (i = start; i < b.len; i++) {
			unsigned cur = rem * 256 + w[i];

			w[i] = (uint8_t)(cur / 10);
			rem = cur % 10;
		}
		digits[nd++] = (char)('0' + rem);
		while (start < b.len && w[start] == 0)
			start++;
	} while (start < b.len);
	free(w);
	for (i = 0; i < nd / 2; i++) {
		char t = digits[i];

		digits[i] = digits[nd - 1 - i];
		digits[nd - 1 - i] = t;
	}
	digits[nd] = '\0';
	return 0;
}

const char *csrl_oid_text(struct csrl_bytes oid, char *buf, size_t size)
{
	const struct csrl_oid_info *info = csrl_oid_lookup(oid.p, oid.len);

	if (info)
		return info->name;
	csrl_oid_to_dotted(oid.p, oid.len, buf, size);
	return buf;
}

const char *csrl_oid_long_text(struct csrl_bytes oid, char *buf, size_t size)
{
	const struct csrl_oid_info *info = csrl_oid_lookup(oid.p, oid.len);

	if (info)
		return info->long_name;
	csrl_oid_to_dotted(oid.p, oid.len, buf, size);
	return buf;
}

/* Whether p[i] must be escaped: C0, DEL, C1 (U+0080..U+009F, encoded C2 80..C2 9F) and, for
 * ASCII-only output, any byte above 0x7E. C1 codes are escaped because terminals act on them. */
static int must_escape(const uint8_t *p, size_t len, size_t i, unsigned flags)
{
	uint8_t c = p[i];

	if (c < 0x20 || c == 0x7f)
		return 1;
	if ((flags & CSRL_ESC_QUOTE) && (c == '"' || c == '\\'))
		return 1;
	if (c < 0x80)
		return 0;
	if (!(flags & CSRL_ESC_UTF8))
		return 1;
	if (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
		return 1;
	/* the second byte of an escaped C1 code */
	return i > 0 && p[i - 1] == 0xc2 && c <= 0x9f;
}

char *csrl_escape(char *buf, size_t size, const uint8_t *p, size_t len, unsigned flags,
		  size_t max)
{
	size_t i, o = 0;

	if (!size)
		return buf;
	for (i = 0; i < len; i++) {
		uint8_t c = p[i];

		/* Keep room for the longest item (4), "..." and the NUL. */
		if (i >= max || o + 4 + 4 > size) {
			if (o + 4 <= size) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (must_escape(p, len, i, flags)) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hexdig[c >> 4];
			buf[o++] = hexdig[c & 15];
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
	return buf;
}

size_t csrl_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* RFC 5952 section 4: lower-case hex, no leading zeros, the longest run (two or more) of zero
 * groups shortened to "::" (the first when runs tie), IPv4-mapped addresses dotted (5). */
static void ipv6_text(char *buf, size_t size, const uint8_t *p)
{
	unsigned g[8], i, best = 0, bestlen = 0, run = 0;
	size_t o = 0;

	for (i = 0; i < 8; i++)
		g[i] = (unsigned)p[2 * i] << 8 | p[2 * i + 1];
	if (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] && g[5] == 0xffff) {
		snprintf(buf, size, "::ffff:%u.%u.%u.%u", p[12], p[13], p[14], p[15]);
		return;
	}
	for (i = 0; i < 8; i++) {
		run = g[i] ? 0 : run + 1;
		if (run > bestlen) {
			bestlen = run;
			best = i + 1 - run;
		}
	}
	if (bestlen < 2)
		bestlen = 0;
	buf[0] = '\0';
	for (i = 0; i < 8 && o < size; i++) {
		if (bestlen && i == best) {
			o += (size_t)snprintf(buf + o, size - o, "::");
			i += bestlen - 1;
			continue;
		}
		o += (size_t)snprintf(buf + o, size - o, "%s%x",
				      i && !(bestlen && i == best + bestlen) ? ":" : "", g[i]);
	}
}

char *csrl_ip_text(char *buf, size_t size, const uint8_t *p, size_t len)
{
	char a[48], m[48], hex[72];

	if (!size)
		return buf;
	if (len == 4) {
		snprintf(buf, size, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	} else if (len == 16) {
		ipv6_text(buf, size, p);
	} else if (len == 8) {
		/* address and mask, as name constraints carry them (RFC 5280 4.2.1.10) */
		snprintf(buf, size, "%u.%u.%u.%u/%u.%u.%u.%u", p[0], p[1], p[2], p[3], p[4],
			 p[5], p[6], p[7]);
	} else if (len == 32) {
		ipv6_text(a, sizeof a, p);
		ipv6_text(m, sizeof m, p + 16);
		snprintf(buf, size, "%s/%s", a, m);
	} else {
		snprintf(buf, size, "<invalid length %zu: %s>", len,
			 csrl_hex(hex, sizeof hex, p, len, 0));
	}
	return buf;
}

static const struct {
	const char *key, *label;
} gname_kinds[] = {
	[CSRL_GN_OTHER] = { "othername", "othername" },
	[CSRL_GN_EMAIL] = { "email", "email" },
	[CSRL_GN_DNS] = { "dns", "DNS" },
	[CSRL_GN_X400] = { "x400", "X400Name" },
	[CSRL_GN_DIRNAME] = { "dirname", "DirName" },
	[CSRL_GN_EDIPARTY] = { "ediparty", "EdiPartyName" },
	[CSRL_GN_URI] = { "uri", "URI" },
	[CSRL_GN_IP] = { "ip", "IP Address" },
	[CSRL_GN_RID] = { "rid", "Registered ID" },
};

const char *csrl_gname_key(enum csrl_gname_type t)
{
	return (unsigned)t <= CSRL_GN_RID ? gname_kinds[t].key : "unknown";
}

const char *csrl_gname_label(enum csrl_gname_type t)
{
	return (unsigned)t <= CSRL_GN_RID ? gname_kinds[t].label : "unknown";
}

char *csrl_othername_value(char *buf, size_t size, const struct csrl_gname *g)
{
	/* OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (RFC 5280 4.2.1.6) */
	const struct csrl_node *v = csrl_node_child(g->node, 1);

	v = v && v->cls == CSRL_CLASS_CONTEXT && v->tag == 0 ? v->child : NULL;
	if (!v) {
		snprintf(buf, size, "<no value>");
	} else if (csrl_is_string_node(v)) {
		csrl_escape(buf, size, v->content, v->len, 0, 256);
	} else {
		/* The whole encoding: the tag tells what the value is. */
		csrl_hex(buf, size, v->content - v->hdr_len, v->hdr_len + v->len, 0);
	}
	return buf;
}

char *csrl_gname_value(char *buf, size_t size, const struct csrl_gname *g)
{
	char tmp[128];
	const char *oid;

	switch (g->type) {
	case CSRL_GN_EMAIL:
	case CSRL_GN_DNS:
	case CSRL_GN_URI:
		return csrl_escape(buf, size, g->value.p, g->value.len, 0, 1024);
	case CSRL_GN_IP:
		return csrl_ip_text(buf, size, g->value.p, g->value.len);
	case CSRL_GN_DIRNAME:
		if (g->dirname.node) {
			csrl_name_to_string(&g->dirname, buf, size);
			return buf;
		}
		break;
	case CSRL_GN_RID:
		csrl_oid_to_dotted(g->value.p, g->value.len, buf, size);
		return buf;
	case CSRL_GN_OTHER:
		if (!g->other_oid.len)
			break;
		oid = csrl_oid_text(g->other_oid, tmp, sizeof tmp);
		snprintf(buf, size, "%s:", oid);
		if (strlen(buf) + 1 < size)
			csrl_othername_value(buf + strlen(buf), size - strlen(buf), g);
		return buf;
	default:
		break;
	}
	return csrl_hex(buf, size, g->value.p, g->value.len, 0);
}

static const char *const ku_names[9][2] = {
	{ "Digital Signature", "digitalSignature" },
	{ "Non Repudiation", "nonRepudiation" },
	{ "Key Encipherment", "keyEncipherment" },
	{ "Data Encipherment", "dataEncipherment" },
	{ "Key Agreement", "keyAgreement" },
	{ "Certificate Sign", "keyCertSign" },
	{ "CRL Sign", "cRLSign" },
	{ "Encipher Only", "encipherOnly" },
	{ "Decipher Only", "decipherOnly" },
};

const char *csrl_ku_name(unsigned bit, int rfc)
{
	return bit < 9 ? ku_names[bit][rfc ? 1 : 0] : NULL;
}

static const char *const universal_names[31] = {
	"EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL", "OBJECT IDENTIFIER",
	"ObjectDescriptor", "EXTERNAL", "REAL", "ENUMERATED", "EMBEDDED PDV", "UTF8String",
	"RELATIVE-OID", NULL, NULL, "SEQUENCE", "SET", "NumericString", "PrintableString",
	"TeletexString", "VideotexString", "IA5String", "UTCTime", "GeneralizedTime",
	"GraphicString", "VisibleString", "GeneralString", "UniversalString",
	"CHARACTER STRING", "BMPString",
};

const char *csrl_universal_name(uint32_t tag)
{
	return tag < 31 ? universal_names[tag] : NULL;
}

const char *csrl_class_name(unsigned cls)
{
	static const char *const names[] = { "universal", "application", "context", "private" };

	return names[cls & 3];
}

char *csrl_tag_text(char *buf, size_t size, const struct csrl_node *n)
{
	const char *name = csrl_universal_name(n->tag);

	switch (n->cls) {
	case CSRL_CLASS_UNIVERSAL:
		if (name)
			snprintf(buf, size, "%s", name);
		else
			snprintf(buf, size, "[UNIVERSAL %" PRIu32 "]", n->tag);
		break;
	case CSRL_CLASS_APPLICATION:
		snprintf(buf, size, "[APPLICATION %" PRIu32 "]", n->tag);
		break;
	case CSRL_CLASS_CONTEXT:
		snprintf(buf, size, "[%" PRIu32 "]", n->tag);
		break;
	default:
		snprintf(buf, size, "[PRIVATE %" PRIu32 "]", n->tag);
		break;
	}
	return buf;
}

int csrl_is_string_node(const struct csrl_node *n)
{
	return n && n->cls == CSRL_CLASS_UNIVERSAL && !n->constructed &&
	       (n->tag == CSRL_TAG_UTF8_STRING || n->tag == 7 || (n->tag >= 18 && n->tag <= 30));
}

/* BMPString (UCS-2) and UniversalString (UCS-4) as ASCII with \uXXXX / \UXXXXXXXX escapes. */
static char *wide_text(char *buf, size_t size, const uint8_t *p, size_t len, size_t unit)
{
	size_t i, o = 0;

	for (i = 0; i + unit <= len; i += unit) {
		uint32_t cp = unit == 2 ? (uint32_t)p[i] << 8 | p[i + 1] :
			(uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
			p[i + 3];

		if (i / unit >= CSRL_INSPECT_MAX_VALUE || o + 11 + 4 > size) {
			if (o + 4 <= size) {
				memcpy(buf + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\')
			buf[o++] = (char)cp;
		else if (cp <= 0xffff)
			o += (size_t)snprintf(buf + o, size - o, "\\u%04" PRIx32, cp);
		else
			o += (size_t)snprintf(buf + o, size - o, "\\U%08" PRIx32, cp);
	}
	buf[o] = '\0';
	return buf;
}

/* Up to 16 bytes of hex, then "... (N bytes)": enough to recognise a value on one line. */
static void short_hex(char *buf, size_t size, const uint8_t *p, size_t len)
{
	char hex[40];

	if (!len)
		snprintf(buf, size, "<empty>");
	else if (len <= 16)
		snprintf(buf, size, "%s", csrl_hex(hex, sizeof hex, p, len, 0));
	else
		snprintf(buf, size, "%s... (%zu bytes)", csrl_hex(hex, sizeof hex, p, 16, 0), len);
}

static void quoted(char *buf, size_t size, const struct csrl_node *n)
{
	char inner[4 * CSRL_INSPECT_MAX_VALUE + 16];

	if (n->cls == CSRL_CLASS_UNIVERSAL && n->tag == CSRL_TAG_BMP_STRING)
		wide_text(inner, sizeof inner, n->content, n->len, 2);
	else if (n->cls == CSRL_CLASS_UNIVERSAL && n->tag == CSRL_TAG_UNIVERSAL_STRING)
		wide_text(inner, sizeof inner, n->content, n->len, 4);
	else
		csrl_escape(inner, sizeof inner, n->content, n->len, CSRL_ESC_QUOTE,
			    CSRL_INSPECT_MAX_VALUE);
	snprintf(buf, size, "\"%s\"", inner);
}

static void universal_value(char *buf, size_t size, const struct csrl_node *n)
{
	struct csrl_bytes b = { n->content, n->len };
	const struct csrl_oid_info *info;
	char tmp[160];
	int64_t v;

	switch (n->tag) {
	case CSRL_TAG_BOOLEAN:
		if (n->len != 1)
			short_hex(buf, size, n->content, n->len);
		else
			snprintf(buf, size, n->content[0] == 0 ? "FALSE" : n->content[0] == 0xff ?
				 "TRUE" : "TRUE (0x%02x)", n->content[0]);
		break;
	case CSRL_TAG_INTEGER:
	case CSRL_TAG_ENUMERATED:
		if (csrl_int64(b, &v))
			snprintf(buf, size, "%" PRId64, v);
		else
			short_hex(buf, size, n->content, n->len);
		break;
	case CSRL_TAG_BIT_STRING:
		if (!n->len) {
			snprintf(buf, size, "<empty>");
			break;
		}
		short_hex(tmp, sizeof tmp, n->content + 1, n->len - 1);
		snprintf(buf, size, "unused %u, %s", n->content[0], tmp);
		break;
	case CSRL_TAG_NULL:
		if (n->len)
			short_hex(buf, size, n->content, n->len);
		break;
	case CSRL_TAG_OID:
		csrl_oid_to_dotted(n->content, n->len, tmp, sizeof tmp);
		info = csrl_oid_lookup(n->content, n->len);
		snprintf(buf, size, info ? "%s (%s)" : "%s", tmp, info ? info->name : "");
		break;
	default:
		if (csrl_is_string_node(n))
			quoted(buf, size, n);
		else
			short_hex(buf, size, n->content, n->len);
		break;
	}
}

char *csrl_node_value(char *buf, size_t size, const struct csrl_node *n, int redacted)
{
	size_t i;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (n->constructed)
		return buf;
	if (redacted) {
		snprintf(buf, size, "<redacted, %zu bytes>", n->len);
		return buf;
	}
	if (n->cls == CSRL_CLASS_UNIVERSAL) {
		universal_value(buf, size, n);
		return buf;
	}
	/* Implicitly tagged text (dNSName [2], rfc822Name [1]) reads better quoted. */
	for (i = 0; i < n->len && n->content[i] >= 0x20 && n->content[i] < 0x7f; i++)
		;
	if (n->len && i == n->len)
		quoted(buf, size, n);
	else
		short_hex(buf, size, n->content, n->len);
	return buf;
}
