/* helpers.c - the `csrlint` table of helpers that plugins call instead of re-implementing
 * them in Lua: the registrable domain (libpsl), IDNA (libidn2), IP ranges, domain suffix
 * lists and hashes. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <idn2.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "host.h"
#include "san/san.h"

/* Domain names longer than this are no names (RFC 1035); refusing them bounds the work. */
#define NAME_MAX_LEN 1024

static const char *check_name(lua_State *L, int idx)
{
	size_t n;
	const char *s = luaL_checklstring(L, idx, &n);

	if (n > NAME_MAX_LEN || strlen(s) != n)
		luaL_argerror(L, idx, "not a domain name (too long or holds NUL)");
	return s;
}

/** csrlint.registrable_domain(name): "example.co.uk" for "a.b.example.co.uk", or nil. */
static int h_registrable(lua_State *L)
{
	const char *name = check_name(L, 1), *r;
	const psl_ctx_t *psl = san_psl();

	r = psl ? psl_registrable_domain(psl, name) : NULL;
	if (r)
		lua_pushstring(L, r);
	else
		lua_pushnil(L);
	return 1;
}

/* Whether the m bytes at a and b are equal, ASCII case aside. */
static int ascii_caseeq(const char *a, const char *b, size_t m)
{
	size_t i;

	for (i = 0; i < m; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x != y && (x | 0x20) != (y | 0x20))
			return 0;
		if (x != y && ((x | 0x20) < 'a' || (x | 0x20) > 'z'))
			return 0;
	}
	return 1;
}

/* Whether name (n bytes) is suffix (m bytes, one leading "." ignored) or a name below it. */
static int under(const char *name, size_t n, const char *suf, size_t m)
{
	if (m && suf[0] == '.')
		suf++, m--;
	if (m == 0 || m > n || !ascii_caseeq(name + n - m, suf, m))
		return 0;
	return m == n || name[n - m - 1] == '.';
}

/** csrlint.domain_under(name, suffixes): the first of suffixes (a list, or one string) that
 * name is or lies below ("a.Example.com" lies below "example.com" and ".example.com"), ASCII
 * case aside; nil when none. A wildcard name lies below its base: "*.example.com" too. */
static int h_domain_under(lua_State *L)
{
	size_t n, m;
	const char *name = luaL_checklstring(L, 1, &n), *suf;
	lua_Integer i, len;

	if (lua_type(L, 2) == LUA_TSTRING) {
		suf = lua_tolstring(L, 2, &m);
		lua_pushvalue(L, 2);
		if (!under(name, n, suf, m))
			lua_pushnil(L);
		return 1;
	}
	luaL_checktype(L, 2, LUA_TTABLE);
	len = (lua_Integer)lua_rawlen(L, 2);
	for (i = 1; i <= len; i++) {
		if (lua_rawgeti(L, 2, i) != LUA_TSTRING)
			return luaL_error(L, "bad argument #2 to 'domain_under' (entry %d is not a "
					  "string)", (int)i);
		suf = lua_tolstring(L, -1, &m);
		if (under(name, n, suf, m))
			return 1;
		lua_pop(L, 1);
	}
	lua_pushnil(L);
	return 1;
}

/** csrlint.is_public_suffix(name): whether name is itself a public suffix ("co.uk"). */
static int h_is_suffix(lua_State *L)
{
	const char *name = check_name(L, 1);
	const psl_ctx_t *psl = san_psl();

	lua_pushboolean(L, psl && psl_is_public_suffix(psl, name));
	return 1;
}

static int push_idn(lua_State *L, int rc, char *out)
{
	if (rc != IDN2_OK) {
		lua_pushnil(L);
		lua_pushstring(L, idn2_strerror(rc));
		return 2;
	}
	lua_pushstring(L, out);
	idn2_free(out);
	return 1;
}

/** csrlint.to_ascii(u): the A-label form (IDNA2008, non-transitional), or nil, why. */
static int h_to_ascii(lua_State *L)
{
	char *out = NULL;
	int rc = idn2_lookup_u8((const uint8_t *)check_name(L, 1), (uint8_t **)&out,
				IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);

	return push_idn(L, rc, out);
}

/** csrlint.to_unicode(a): the U-label form, or nil, why. */
static int h_to_unicode(lua_State *L)
{
	char *out = NULL;
	int rc = idn2_to_unicode_8z8z(check_name(L, 1), &out, 0);

	return push_idn(L, rc, out);
}

/* Parses IPv4 or IPv6 text into 16 bytes; returns the address length (4 or 16) or 0. */
static int parse_ip(const char *s, unsigned char *out)
{
	if (inet_pton(AF_INET, s, out) == 1)
		return 4;
	if (inet_pton(AF_INET6, s, out) == 1)
		return 16;
	return 0;
}

/** csrlint.ip_in(ip, "net/prefix"): whether the address lies in the range. */
static int h_ip_in(lua_State *L)
{
	const char *ip = luaL_checkstring(L, 1), *cidr = luaL_checkstring(L, 2), *slash;
	unsigned char a[16], net[16];
	char buf[64];
	int la, ln, bits, i;
	char *end;

	slash = strchr(cidr, '/');
	if (strlen(cidr) >= sizeof buf || (slash && (size_t)(slash - cidr) >= sizeof buf))
		return luaL_argerror(L, 2, "not an address range");
	snprintf(buf, sizeof buf, "%.*s", slash ? (int)(slash - cidr) : (int)strlen(cidr), cidr);
	if (!(ln = parse_ip(buf, net)))
		return luaL_argerror(L, 2, "not an address range");
	bits = ln * 8;
	if (slash) {
		long b = strtol(slash + 1, &end, 10);

		if (*end || end == slash + 1 || b < 0 || b > ln * 8)
			return luaL_argerror(L, 2, "bad prefix length");
		bits = (int)b;
	}
	if (!(la = parse_ip(ip, a)))
		return luaL_argerror(L, 1, "not an IP address");
	if (la != ln) {
		lua_pushboolean(L, 0);
		return 1;
	}
	for (i = 0; i < bits; i++)
		if (((a[i / 8] ^ net[i / 8]) >> (7 - i % 8)) & 1)
			break;
	lua_pushboolean(L, i == bits);
	return 1;
}

static void push_hex(lua_State *L, const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	luaL_Buffer b;
	size_t i;

	luaL_buffinit(L, &b);
	for (i = 0; i < n; i++) {
		luaL_addchar(&b, digits[p[i] >> 4]);
		luaL_addchar(&b, digits[p[i] & 15]);
	}
	luaL_pushresult(&b);
}

/** csrlint.hash(alg, data): lowercase hex digest; alg is sha1, sha256, sha384 or sha512. */
static int h_hash(lua_State *L)
{
	const char *alg = luaL_checkstring(L, 1);
	size_t n;
	const uint8_t *d = (const uint8_t *)luaL_checklstring(L, 2, &n);
	unsigned char out[SHA512_DIGEST_SIZE];
	union { struct sha1_ctx s1; struct sha256_ctx s256; struct sha512_ctx s512; } c;

	if (strcmp(alg, "sha1") == 0) {
		sha1_init(&c.s1), sha1_update(&c.s1, n, d), sha1_digest(&c.s1, 20, out);
		push_hex(L, out, 20);
	} else if (strcmp(alg, "sha256") == 0) {
		sha256_init(&c.s256), sha256_update(&c.s256, n, d), sha256_digest(&c.s256, 32, out);
		push_hex(L, out, 32);
	} else if (strcmp(alg, "sha384") == 0) {
		sha384_init(&c.s512), sha384_update(&c.s512, n, d), sha384_digest(&c.s512, 48, out);
		push_hex(L, out, 48);
	} else if (strcmp(alg, "sha512") == 0) {
		sha512_init(&c.s512), sha512_update(&c.s512, n, d), sha512_digest(&c.s512, 64, out);
		push_hex(L, out, 64);
	} else {
		return luaL_argerror(L, 1, "use sha1, sha256, sha384 or sha512");
	}
	return 1;
}

/** csrlint.hex(bytes): lowercase hex. */
static int h_hex(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);

	push_hex(L, (const unsigned char *)s, n);
	return 1;
}

void helpers_push(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "registrable_domain", h_registrable }, { "is_public_suffix", h_is_suffix },
		{ "to_ascii", h_to_ascii }, { "to_unicode", h_to_unicode }, { "ip_in", h_ip_in },
		{ "hash", h_hash }, { "hex", h_hex }, { "domain_under", h_domain_under },
		{ NULL, NULL },
	};

	luaL_newlib(L, fns);
}
