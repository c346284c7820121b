/* dns_chars.c - the characters of a dNSName: letters, digits and hyphens (LDH) only, no
 * underscore, no hyphen at either end of a label, and lowercase.
 *
 * RFC 5280 section 4.2.1.6 (May 2008): the dNSName "MUST be in the "preferred name syntax",
 * as specified by Section 3.5 of [RFC1034] and as modified by Section 2.1 of [RFC1123]."
 * RFC 1034 section 3.5: labels "must start with a letter, end with a letter or digit, and
 * have as interior characters only letters, digits, and hyphen"; RFC 1123 section 2.1 also
 * lets a label start with a digit. CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): each label
 * MUST be a P-Label or a Non-Reserved LDH Label, so underscores are out (Ballot SC12 ended
 * their transition in 2019). RFC 4343: DNS names compare case-insensitively, and CAs issue
 * them in lowercase.
 * A '*' is left to the wildcard rules and an IPv6 address in text to san.dns.ip-address.
 */
#include <stdio.h>
#include <string.h>

#include "san.h"

static int is_ldh(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static int dns_bytes(const struct csrl_gname *g, const uint8_t **p, size_t *len)
{
	if (g->type != CSRL_GN_DNS || !g->node || g->node->constructed || !g->value.p)
		return 0;
	*p = g->value.p;
	*len = g->value.len;
	return 1;
}

static int is_ipv6_text(const struct csrl_gname *g)
{
	char buf[SAN_DNS_BUF];

	return san_dns_copy(g, buf, 0) >= 0 && strchr(buf, ':') && san_is_ip_text(buf);
}

static void check_invalid(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF], what[40];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p;
		size_t len, i;

		if (!dns_bytes(g, &p, &len) || is_ipv6_text(g))
			continue;
		for (i = 0; i < len; i++)
			if (!is_ldh(p[i]) && p[i] != '.' && p[i] != '*' && p[i] != '_')
				break;
		if (i == len)
			continue;
		if (p[i] == ' ')
			snprintf(what, sizeof what, "a space");
		else if (p[i] >= 0x80)
			snprintf(what, sizeof what, "the non-ASCII byte 0x%02X", p[i]);
		else if (p[i] < 0x20 || p[i] == 0x7F)
			snprintf(what, sizeof what, "the control byte 0x%02X", p[i]);
		else
			snprintf(what, sizeof what, "'%c'", p[i]);
		csrl_report_at(ctx, g->node, san_value_offset(ctx, g, i), 1, "dNSName \"%s\" "
			       "contains %s at position %zu; only letters, digits, hyphens and dots "
			       "are allowed%s", san_quote(p, len, q), what, i + 1,
			       p[i] >= 0x80 ? " (write an internationalised name in its xn-- "
			       "A-label form, e.g. with idn2 --lookup)" : "");
	}
}

const struct csrl_rule csrl_rule_san_dns_invalid_character = {
	.id = "san.dns.invalid-character",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName holds a character other than letters, digits, '-' and '.'",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1034 section 3.5; RFC 1123 "
		    "section 2.1",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_invalid,
};

static void check_underscore(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p, *u;
		size_t len;

		if (!dns_bytes(g, &p, &len) || !(u = memchr(p, '_', len)))
			continue;
		csrl_report_at(ctx, g->node, san_value_offset(ctx, g, (size_t)(u - p)), 1,
			       "dNSName \"%s\" contains an underscore; host names allow only "
			       "letters, digits and hyphens, and public CAs refuse underscores since "
			       "2019: rename the host or use a hyphen", san_quote(p, len, q));
	}
}

const struct csrl_rule csrl_rule_san_dns_underscore = {
	.id = "san.dns.underscore",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName contains an underscore",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x) and Ballot SC12; RFC 5280 "
		    "section 4.2.1.6 (May 2008)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_underscore,
};

static void check_hyphen(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p;
		size_t len, i;

		if (!dns_bytes(g, &p, &len))
			continue;
		for (i = 0; i < len; i++) {
			int first = i == 0 || p[i - 1] == '.', last = i + 1 == len || p[i + 1] == '.';

			if (p[i] == '-' && (first || last))
				break;
		}
		if (i == len)
			continue;
		csrl_report_at(ctx, g->node, san_value_offset(ctx, g, i), 1, "a label of dNSName "
			       "\"%s\" %s with a hyphen; labels begin and end with a letter or digit",
			       san_quote(p, len, q), i == 0 || p[i - 1] == '.' ? "begins" : "ends");
	}
}

const struct csrl_rule csrl_rule_san_dns_hyphen_edge = {
	.id = "san.dns.hyphen-edge",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName label begins or ends with a hyphen",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1034 section 3.5; RFC 1123 "
		    "section 2.1",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_hyphen,
};

static void check_uppercase(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF], q2[SAN_QUOTE_BUF], lower[SAN_DNS_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p;
		size_t len, i;

		if (!dns_bytes(g, &p, &len))
			continue;
		for (i = 0; i < len && !(p[i] >= 'A' && p[i] <= 'Z'); i++)
			;
		if (i == len)
			continue;
		if (san_dns_copy(g, lower, 1) < 0)
			snprintf(lower, sizeof lower, "the name in lowercase");
		csrl_report_at(ctx, g->node, san_value_offset(ctx, g, i), 1, "dNSName \"%s\" has "
			       "uppercase letters; CAs lowercase or refuse them and the CN must "
			       "match the SAN exactly: write \"%s\"", san_quote(p, len, q),
			       san_quote(lower, strlen(lower), q2));
	}
}

const struct csrl_rule csrl_rule_san_dns_uppercase = {
	.id = "san.dns.uppercase",
	.severity = CSRL_SEV_WARNING,
	.description = "A dNSName has uppercase letters",
	.citation = "RFC 4343 section 3 (January 2006); CA/B Forum TLS BR section 7.1.4.3",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILES_PUBLIC | CSRL_PROFILE_PRIVATE_PKI,
	.applies = csrl_has_san,
	.check = check_uppercase,
};
