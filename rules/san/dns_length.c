/* dns_length.c - dNSName lengths and empty labels: the name fits in 253 octets, each label in
 * 63, no label is empty, and the name does not end in a dot.
 *
 * RFC 5280 section 4.2.1.6 (May 2008): "When the subjectAltName extension contains a domain
 * name system label, the domain name MUST be stored in the dNSName (an IA5String). The name
 * MUST be in the "preferred name syntax", as specified by Section 3.5 of [RFC1034] and as
 * modified by Section 2.1 of [RFC1123]."
 * RFC 1034 section 3.5: <domain> ::= <subdomain> | " ", <subdomain> ::= <label> |
 * <subdomain> "." <label> (so no empty label and no final dot), and "Labels must be 63
 * characters or less." RFC 1035 section 2.3.4: "names 255 octets or less", which leaves 253
 * characters in text form.
 */
#include "san.h"

/* The dNSName bytes to look at, or 0 when g is not a primitive dNSName. */
static int dns_bytes(const struct csrl_gname *g, const uint8_t **p, size_t *len)
{
	if (g->type != CSRL_GN_DNS || !g->node || g->node->constructed ||
	    (g->value.len && !g->value.p))
		return 0;
	*p = g->value.p;
	*len = g->value.len;
	return 1;
}

static int trailing_dot(const uint8_t *p, size_t len)
{
	return len >= 2 && p[len - 1] == '.' && p[len - 2] != '.';
}

static void check_too_long(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p;
		size_t len;

		if (!dns_bytes(g, &p, &len) || len - (size_t)trailing_dot(p, len) <= SAN_DNS_MAX)
			continue;
		csrl_report(ctx, g->node, "dNSName \"%s\" is %zu characters long; a domain name "
			    "has at most %d: shorten it", san_quote(p, len, q), len, SAN_DNS_MAX);
	}
}

const struct csrl_rule csrl_rule_san_dns_too_long = {
	.id = "san.dns.too-long",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName is longer than 253 characters",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1035 section 2.3.4",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_too_long,
};

/* Reports the first empty label of g (want_empty) or every label over 63 characters; the
 * empty label after a trailing dot is left to san.dns.trailing-dot. */
static void each_label(struct csrl_lint_ctx *ctx, const struct csrl_gname *g, int want_empty)
{
	const uint8_t *p;
	size_t len, start = 0, i, k = 1;
	char q[SAN_QUOTE_BUF];

	if (!dns_bytes(g, &p, &len))
		return;
	if (trailing_dot(p, len))
		len--;
	for (i = 0; i <= len; i++) {
		size_t n;

		if (i < len && p[i] != '.')
			continue;
		n = i - start;
		if (want_empty && n == 0) {
			if (g->value.len == 0)
				csrl_report(ctx, g->node, "a dNSName is empty: put the host name "
					    "in it or remove the entry");
			else
				csrl_report_at(ctx, g->node, san_value_offset(ctx, g, start),
					       i < len ? 1 : 0, "dNSName \"%s\" has an empty "
					       "label: remove the extra dot",
					       san_quote(p, g->value.len, q));
			return;
		}
		if (!want_empty && n > SAN_LABEL_MAX)
			csrl_report_at(ctx, g->node, san_value_offset(ctx, g, start), n,
				       "label %zu of dNSName \"%s\" is %zu characters long; a label "
				       "has at most %d", k, san_quote(p, g->value.len, q), n,
				       SAN_LABEL_MAX);
		start = i + 1;
		k++;
	}
}

static void check_label_too_long(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS)))
		each_label(ctx, g, 0);
}

const struct csrl_rule csrl_rule_san_dns_label_too_long = {
	.id = "san.dns.label-too-long",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName label is longer than 63 characters",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1034 section 3.5",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_label_too_long,
};

static void check_empty_label(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS)))
		each_label(ctx, g, 1);
}

const struct csrl_rule csrl_rule_san_dns_empty_label = {
	.id = "san.dns.empty-label",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName is empty or has an empty label (\"a..b\", \".example.com\")",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1034 section 3.5",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_empty_label,
};

static void check_trailing_dot(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char q[SAN_QUOTE_BUF], fixed[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		const uint8_t *p;
		size_t len;

		if (!dns_bytes(g, &p, &len) || !trailing_dot(p, len))
			continue;
		csrl_report_at(ctx, g->node, san_value_offset(ctx, g, len - 1), 1,
			       "dNSName \"%s\" ends in a dot; certificates carry names without "
			       "the root dot: write \"%s\"", san_quote(p, len, q),
			       san_quote(p, len - 1, fixed));
	}
}

const struct csrl_rule csrl_rule_san_dns_trailing_dot = {
	.id = "san.dns.trailing-dot",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName ends in a dot (absolute form)",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1034 section 3.5",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_trailing_dot,
};
