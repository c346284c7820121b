/* ip_special.c - iPAddress entries: 4 or 16 octets, and no address from the IANA
 * special-purpose registries in a public request (private ranges are fine in a private PKI,
 * loopback and unspecified addresses are not).
 *
 * RFC 5280 section 4.2.1.6 (May 2008): "For IP version 4, as specified in [RFC791], the octet
 * string MUST contain exactly four octets. For IP version 6, as specified in [RFC2460], the
 * octet string MUST contain exactly sixteen octets."
 * CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): an iPAddress entry "MUST NOT contain a
 * Reserved IP Address"; section 1.6.1: "Reserved IP Address: An IPv4 or IPv6 address that is
 * contained in the address block of any entry in either of the following IANA registries:"
 * the IPv4 and IPv6 Special-Purpose Address Registries.
 * The table below holds the blocks of those registries (IPv4 registry as published in 2025,
 * IPv6 registry last updated 2025-10-09; entries nested in a listed block are covered by it),
 * plus the multicast blocks (IANA multicast registries), which no server certificate can
 * name either.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "san.h"

enum kind { K_OTHER = 0, K_PRIVATE, K_LOOPBACK, K_UNSPECIFIED };

struct block {
	const char *prefix;          /* address text */
	unsigned bits;
	const char *name, *ref;
	enum kind kind;
};

static const struct block v4[] = {
	{ "0.0.0.0", 8, "\"this network\"", "RFC 791", K_UNSPECIFIED },
	{ "10.0.0.0", 8, "private-use", "RFC 1918", K_PRIVATE },
	{ "100.64.0.0", 10, "shared address space (CGN)", "RFC 6598", K_PRIVATE },
	{ "127.0.0.0", 8, "loopback", "RFC 1122", K_LOOPBACK },
	{ "169.254.0.0", 16, "link-local", "RFC 3927", K_PRIVATE },
	{ "172.16.0.0", 12, "private-use", "RFC 1918", K_PRIVATE },
	{ "192.0.0.0", 24, "IETF protocol assignments", "RFC 6890", K_OTHER },
	{ "192.0.2.0", 24, "documentation (TEST-NET-1)", "RFC 5737", K_OTHER },
	{ "192.31.196.0", 24, "AS112-v4", "RFC 7535", K_OTHER },
	{ "192.52.193.0", 24, "AMT", "RFC 7450", K_OTHER },
	{ "192.88.99.0", 24, "deprecated 6to4 relay anycast", "RFC 7526", K_OTHER },
	{ "192.168.0.0", 16, "private-use", "RFC 1918", K_PRIVATE },
	{ "192.175.48.0", 24, "direct delegation AS112 service", "RFC 7534", K_OTHER },
	{ "198.18.0.0", 15, "benchmarking", "RFC 2544", K_OTHER },
	{ "198.51.100.0", 24, "documentation (TEST-NET-2)", "RFC 5737", K_OTHER },
	{ "203.0.113.0", 24, "documentation (TEST-NET-3)", "RFC 5737", K_OTHER },
	{ "224.0.0.0", 4, "multicast", "RFC 5771", K_OTHER },
	{ "240.0.0.0", 4, "reserved", "RFC 1112", K_OTHER },
	{ "255.255.255.255", 32, "limited broadcast", "RFC 919", K_OTHER },
};

static const struct block v6[] = {
	{ "::", 128, "unspecified", "RFC 4291", K_UNSPECIFIED },
	{ "::1", 128, "loopback", "RFC 4291", K_LOOPBACK },
	{ "::ffff:0:0", 96, "IPv4-mapped", "RFC 4291", K_OTHER },
	{ "64:ff9b::", 96, "IPv4-IPv6 translation", "RFC 6052", K_OTHER },
	{ "64:ff9b:1::", 48, "local-use IPv4/IPv6 translation", "RFC 8215", K_PRIVATE },
	{ "100::", 64, "discard-only", "RFC 6666", K_OTHER },
	{ "100:0:0:1::", 64, "dummy IPv6 prefix", "RFC 9780", K_OTHER },
	{ "2001::", 23, "IETF protocol assignments (Teredo, ORCHID, AMT...)", "RFC 2928",
	  K_OTHER },
	{ "2001:db8::", 32, "documentation", "RFC 3849", K_OTHER },
	{ "2002::", 16, "6to4", "RFC 3056", K_OTHER },
	{ "2620:4f:8000::", 48, "direct delegation AS112 service", "RFC 7534", K_OTHER },
	{ "3fff::", 20, "documentation", "RFC 9637", K_OTHER },
	{ "5f00::", 16, "segment routing (SRv6) SIDs", "RFC 9602", K_OTHER },
	{ "fc00::", 7, "unique-local", "RFC 4193", K_PRIVATE },
	{ "fe80::", 10, "link-local unicast", "RFC 4291", K_PRIVATE },
	{ "ff00::", 8, "multicast", "RFC 4291", K_OTHER },
};

static int in_block(const uint8_t *a, size_t len, const struct block *b)
{
	uint8_t p[16];
	unsigned full = b->bits / 8, rest = b->bits % 8;

	if (inet_pton(len == 4 ? AF_INET : AF_INET6, b->prefix, p) != 1)
		return 0;
	if (memcmp(a, p, full) != 0)
		return 0;
	return !rest || ((a[full] ^ p[full]) & (0xFF << (8 - rest)) & 0xFF) == 0;
}

/* The most specific listed block holding the address, or NULL. */
static const struct block *lookup(const struct csrl_gname *g)
{
	const struct block *t = g->value.len == 4 ? v4 : v6, *best = NULL;
	size_t n = g->value.len == 4 ? sizeof v4 / sizeof v4[0] : sizeof v6 / sizeof v6[0], i;

	if (!g->value.p || !g->node || g->node->constructed ||
	    (g->value.len != 4 && g->value.len != 16))
		return NULL;
	for (i = 0; i < n; i++)
		if (in_block(g->value.p, g->value.len, &t[i]) && (!best || t[i].bits > best->bits))
			best = &t[i];
	return best;
}

static const char *addr_text(const struct csrl_gname *g, char *buf, size_t size)
{
	if (!inet_ntop(g->value.len == 4 ? AF_INET : AF_INET6, g->value.p, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

static void check_length(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_IP)))
		if (g->node && !g->node->constructed && g->value.len != 4 && g->value.len != 16)
			csrl_report(ctx, g->node, "iPAddress holds %zu octets; it must hold exactly "
				    "4 (IPv4) or 16 (IPv6) in network byte order%s", g->value.len,
				    g->value.len == 8 || g->value.len == 32 ? " (an address with a "
				    "netmask belongs in name constraints, not in a SAN)" : "");
}

const struct csrl_rule csrl_rule_san_ip_invalid_length = {
	.id = "san.ip.invalid-length",
	.severity = CSRL_SEV_ERROR,
	.description = "An iPAddress is neither 4 nor 16 octets long",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_length,
};

static void check_reserved(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const struct block *b;
	char a[INET6_ADDRSTRLEN];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_IP)))
		if ((b = lookup(g)))
			csrl_report(ctx, g->node, "iPAddress %s is in %s/%u, %s (%s): a Reserved IP "
				    "Address that public CAs must not certify; use a public address, "
				    "or a private CA", addr_text(g, a, sizeof a), b->prefix, b->bits,
				    b->name, b->ref);
}

const struct csrl_rule csrl_rule_san_ip_reserved = {
	.id = "san.ip.reserved",
	.severity = CSRL_SEV_ERROR,
	.description = "An iPAddress is in an IANA special-purpose (reserved) block",
	.citation = "CA/B Forum TLS BR sections 1.6.1 (Reserved IP Address) and 7.1.2.7.12 "
		    "(v2.1.x); IANA IPv4/IPv6 Special-Purpose Address Registries (2025)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_reserved,
};

static void check_loopback(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const struct block *b;
	char a[INET6_ADDRSTRLEN];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_IP)))
		if ((b = lookup(g)) && (b->kind == K_LOOPBACK || b->kind == K_UNSPECIFIED))
			csrl_report(ctx, g->node, "iPAddress %s is a %s address (%s/%u): every "
				    "host has it, so the certificate would identify none; name the "
				    "server's own address", addr_text(g, a, sizeof a), b->name,
				    b->prefix, b->bits);
}

const struct csrl_rule csrl_rule_san_ip_loopback_or_unspecified = {
	.id = "san.ip.loopback-or-unspecified",
	.severity = CSRL_SEV_WARNING,
	.description = "An iPAddress is a loopback or unspecified address (private PKI)",
	.citation = "IANA IPv4/IPv6 Special-Purpose Address Registries (2025); RFC 1122 section "
		    "3.2.1.3; RFC 4291 section 2.5.2-2.5.3",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILE_PRIVATE_PKI,
	.applies = csrl_has_san,
	.check = check_loopback,
};
