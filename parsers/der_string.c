/* der_string.c - content checks of the DER reader's string types (X.690 8.6, X.680 41, RFC 3629).
 * Kept apart from der.c so that the tree walker stays readable; nothing here allocates. */
#include "csrlint.h"

/* Shared with der.c only; declared in both files because parsers/ has no header for it. */
int csrl_der_string_check(uint32_t tag, const uint8_t *p, size_t len, size_t *bad);

/* X.680 41.4 Table 10: A-Z a-z 0-9 space ' ( ) + , - . / : = ? */
static int printable(uint8_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return 1;
	switch (c) {
	case ' ': case '\'': case '(': case ')': case '+': case ',':
	case '-': case '.': case '/': case ':': case '=': case '?':
		return 1;
	default:
		return 0;
	}
}

size_t csrl_utf8_decode(const uint8_t *p, size_t left, uint32_t *cp)
{
	uint8_t b, lo = 0x80, hi = 0xBF;
	size_t n, i;
	uint32_t v;

	if (!left)
		return 0;
	b = p[0];
	if (b < 0x80) {
		if (cp)
			*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		n = 2, v = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		n = 3, v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;      /* overlong below U+0800 */
		else if (b == 0xED)
			hi = 0x9F;      /* UTF-16 surrogates U+D800..DFFF */
	} else if (b >= 0xF0 && b <= 0xF4) {
		n = 4, v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;      /* overlong below U+10000 */
		else if (b == 0xF4)
			hi = 0x8F;      /* above U+10FFFF */
	} else {
		return 0;               /* stray continuation, C0/C1 overlong, F5..FF */
	}
	if (left < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < n; i++) {
		if (i >= 2 && (p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (cp)
		*cp = v;
	return n;
}

/* X.690 8.6.2 and 11.2.1: the unused-bits octet and the padding bits it covers. */
static int bit_string(const uint8_t *p, size_t len, size_t *bad)
{
	if (!len) {
		*bad = SIZE_MAX;
		return CSRL_ANOM_BITSTRING_UNUSED_INVALID;
	}
	if (p[0] > 7 || (p[0] && len == 1)) {
		*bad = 0;
		return CSRL_ANOM_BITSTRING_UNUSED_INVALID;
	}
	if (p[0] && (p[len - 1] & ((1u << p[0]) - 1))) {
		*bad = len - 1;
		return CSRL_ANOM_BITSTRING_PADDING_NONZERO;
	}
	return -1;
}

/** Checks the content of a primitive universal string of the given tag. Returns the anomaly
 * kind found, with *bad = index of the first offending byte (SIZE_MAX when the content is
 * empty and the element as a whole is at fault), or -1 when it conforms or the tag has no
 * check. */
int csrl_der_string_check(uint32_t tag, const uint8_t *p, size_t len, size_t *bad)
{
	size_t i, n;

	switch (tag) {
	case CSRL_TAG_BIT_STRING:
		return bit_string(p, len, bad);
	case CSRL_TAG_PRINTABLE_STRING:
		for (i = 0; i < len; i++)
			if (!printable(p[i])) {
				*bad = i;
				return CSRL_ANOM_PRINTABLE_CHARSET;
			}
		return -1;
	case CSRL_TAG_IA5_STRING:
		for (i = 0; i < len; i++)
			if (p[i] > 0x7F) {
				*bad = i;
				return CSRL_ANOM_IA5_CHARSET;
			}
		return -1;
	case CSRL_TAG_UTF8_STRING:
		for (i = 0; i < len; i += n) {
			n = csrl_utf8_decode(p + i, len - i, NULL);
			if (!n) {
				*bad = i;
				return CSRL_ANOM_UTF8_INVALID;
			}
		}
		return -1;
	case CSRL_TAG_BMP_STRING:
		if (len % 2) {
			*bad = len - 1;  /* the dangling half of a code unit */
			return CSRL_ANOM_BMP_LENGTH;
		}
		return -1;
	default:
		return -1;
	}
}
