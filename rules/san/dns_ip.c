/* dns_ip.c - an IP address written as text in a dNSName.
 *
 * RFC 5280 section 4.2.1.6 (May 2008): "When the subjectAltName extension contains an
 * iPAddress, the address MUST be stored in the octet string in "network byte order"", and
 * the dNSName MUST follow the preferred name syntax; RFC 1123 section 2.1: "a valid host name
 * can never have the dotted-decimal form #.#.#.#, since at least the highest-level component
 * label will be alphabetic." CA/B Forum TLS BR section 7.1.2.7.12: a dNSName holds a
 * Fully-Qualified Domain Name or Wildcard Domain Name; addresses go in iPAddress.
 */
#include <string.h>

#include "san.h"

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char name[SAN_DNS_BUF], q[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		if (san_dns_copy(g, name, 0) < 0 || !san_is_ip_text(name))
			continue;
		csrl_report(ctx, g->node, "dNSName \"%s\" is an IP address; put it in an "
			    "iPAddress entry instead (openssl: subjectAltName=IP:%s)",
			    san_quote(name, strlen(name), q), q);
	}
}

const struct csrl_rule csrl_rule_san_dns_ip_address = {
	.id = "san.dns.ip-address",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName holds an IP address in text form",
	.citation = "RFC 5280 section 4.2.1.6 (May 2008); RFC 1123 section 2.1; CA/B Forum TLS BR "
		    "section 7.1.2.7.12",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check,
};
