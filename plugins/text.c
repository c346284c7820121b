/* text.c - text forms of model values for the CSR bridge, as the C model prints them but
 * without snprintf or GMP on the usual values: dotted OIDs and decimal integers. */
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

#include "host.h"
#include "inspect_util.h"

/* Longest OID printed without csrl_oid_to_dotted: at most 4 characters per byte, so its text
 * always fits the 256 bytes (no truncation to tell apart). */
#define OID_FAST_MAX 48

/* Writes the decimal digits of v before end; returns where they start. */
static char *put_dec(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* The usual OID (arcs below 2^56, minimal, complete, short) is printed here; any other goes
 * to csrl_oid_to_dotted, so the text is the same either way. */
const char *text_oid(struct csrl_bytes oid, char *buf, size_t size)
{
	char tmp[24], *d;
	size_t i = 0, start, n = 0, k;

	if (!oid.p || !oid.len || oid.len > OID_FAST_MAX)
		goto slow;
	while (i < oid.len) {
		uint64_t v = 0;

		if (oid.p[i] == 0x80)
			goto slow;                   /* non-minimal: the slow path strips it */
		for (start = i; i < oid.len && (oid.p[i] & 0x80); i++)
			v = (v << 7) | (oid.p[i] & 0x7fu);
		if (i == oid.len || i - start >= 8)
			goto slow;                   /* truncated, or an arc of 2^56 or more */
		v = (v << 7) | oid.p[i++];
		if (start)
			buf[n++] = '.';
		if (start == 0 && v < 80) {
			buf[n++] = (char)('0' + v / 40);
			buf[n++] = '.';
			v %= 40;
		} else if (start == 0) {
			buf[n++] = '2';
			buf[n++] = '.';
			v -= 80;
		}
		d = put_dec(tmp + sizeof tmp, v);
		k = (size_t)(tmp + sizeof tmp - d);
		memcpy(buf + n, d, k);
		n += k;
	}
	buf[n] = '\0';
	return buf;
slow:
	csrl_oid_to_dotted(oid.p, oid.len, buf, size);
	return buf;
}

void text_push_decimal(lua_State *L, struct csrl_bytes b)
{
	char tmp[24], *s;
	uint64_t v = 0;
	size_t i;
	mpz_t z;

	if (b.len <= 8) {                       /* every usual exponent: no GMP, no malloc */
		for (i = 0; b.p && i < b.len; i++)
			v = (v << 8) | b.p[i];
		tmp[sizeof tmp - 1] = '\0';
		lua_pushstring(L, put_dec(tmp + sizeof tmp - 1, v));
		return;
	}
	mpz_init(z);
	if (b.p && b.len)
		mpz_import(z, b.len, 1, 1, 1, 0, b.p);
	s = malloc(mpz_sizeinbase(z, 10) + 2);
	if (s) {
		mpz_get_str(s, 10, z);
		lua_pushstring(L, s);
	}
	free(s);
	mpz_clear(z);
	if (!s)
		luaL_error(L, "out of memory");
}

const char *text_string_type(uint32_t tag)
{
	switch (tag) {
	case CSRL_TAG_UTF8_STRING: case CSRL_TAG_NUMERIC_STRING: case CSRL_TAG_PRINTABLE_STRING:
	case CSRL_TAG_T61_STRING: case CSRL_TAG_IA5_STRING: case CSRL_TAG_VISIBLE_STRING:
	case CSRL_TAG_UNIVERSAL_STRING: case CSRL_TAG_BMP_STRING:
		return csrl_universal_name(tag);
	}
	return "other";
}
