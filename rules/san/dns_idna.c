/* dns_idna.c - internationalised labels: an "xn--" label is a valid IDNA2008 A-label (and
 * its U-label is in NFC), and no other label has "--" in positions 3 and 4.
 *
 * RFC 8399 section 2.3 (May 2018), updating RFC 5280 section 7.2: internationalised domain
 * names in a dNSName are stored as A-labels. RFC 5891 section 5.4 (August 2010): an A-label
 * is valid when it decodes to a U-label that passes the IDNA2008 tests and encodes back to
 * the same A-label; section 5.3 and RFC 5892 require the U-label to be in NFC.
 * RFC 5890 section 2.3.1: labels with "--" in the third and fourth positions are "Reserved
 * LDH labels"; only "xn--" has a meaning. CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x):
 * each label "MUST consist solely of P-Labels and Non-Reserved LDH Labels", and Let's
 * Encrypt refuses R-LDH labels other than valid "xn--" ones.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <idn2.h>

#include "san.h"

/* Whether s is valid UTF-8 without control characters (safe in a message as it is). */
static int printable_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 :
			(*p & 0xF8) == 0xF0 ? 3 : -1;

		if (n < 0 || (n == 0 && (*p < 0x20 || *p == 0x7F)) || (n == 1 && *p < 0xC2))
			return 0;
		for (p++; n > 0; n--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

/* Checks one lowercase "xn--" label; writes the problem into why (empty when valid). */
static void check_alabel(const char *label, char *why, size_t size)
{
	char *u = NULL;
	uint8_t *back = NULL, *nfc = NULL;
	int rc;

	why[0] = '\0';
	rc = idn2_to_unicode_8z8z(label, &u, 0);
	if (rc != IDN2_OK || !u) {
		snprintf(why, size, "is not valid Punycode (%s)", idn2_strerror(rc));
		goto done;
	}
	/* Strict IDNA2008 (no UTS #46 mapping): uppercase, symbols and non-NFC all fail. */
	rc = idn2_lookup_u8((const uint8_t *)u, &back, IDN2_NO_TR46);
	if (rc == IDN2_NOT_NFC &&
	    idn2_lookup_u8((const uint8_t *)u, &nfc, IDN2_NFC_INPUT | IDN2_NO_TR46) == IDN2_OK)
		snprintf(why, size, "decodes to a string that is not in Unicode NFC; the NFC form "
			 "encodes as \"%s\"", (char *)nfc);
	else if (rc != IDN2_OK)
		snprintf(why, size, "decodes to %s%s%s, which IDNA2008 does not allow (%s)",
			 printable_utf8(u) ? "\"" : "", printable_utf8(u) ? u : "a string with "
			 "control characters", printable_utf8(u) ? "\"" : "", idn2_strerror(rc));
	else if (!back || strcmp((char *)back, label) != 0)
		snprintf(why, size, "does not round-trip: its U-label encodes to \"%s\"",
			 back ? (char *)back : "nothing");
done:
	free(u);
	free(back);
	free(nfc);
}

/* Only a name with "--" somewhere can hold an A-label or an R-LDH label: the other names
 * need no copy. */
static int has_double_hyphen(const struct csrl_gname *g)
{
	return g->value.len >= 2 && memmem(g->value.p, g->value.len, "--", 2) != NULL;
}

static void check_idna(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char name[SAN_DNS_BUF], q[SAN_QUOTE_BUF], lq[SAN_QUOTE_BUF], why[300];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		char *label, *save = NULL;
		size_t off;

		if (!has_double_hyphen(g) || san_dns_copy(g, name, 1) < 0)
			continue;
		san_quote(name, strlen(name), q);
		for (label = strtok_r(name, ".", &save); label; label = strtok_r(NULL, ".", &save)) {
			if (strncmp(label, "xn--", 4) != 0 || strlen(label) > SAN_LABEL_MAX)
				continue;
			off = (size_t)(label - name);
			check_alabel(label, why, sizeof why);
			if (why[0])
				csrl_report_at(ctx, g->node, san_value_offset(ctx, g, off),
					       strlen(label), "label \"%s\" of dNSName \"%s\" %s; "
					       "re-encode the name from its Unicode form (idn2 --lookup)",
					       san_quote(label, strlen(label), lq), q, why);
		}
	}
}

const struct csrl_rule csrl_rule_san_dns_idna_invalid = {
	.id = "san.dns.idna-invalid",
	.severity = CSRL_SEV_ERROR,
	.description = "An \"xn--\" label is not a valid IDNA2008 A-label (or not NFC)",
	.citation = "RFC 8399 section 2.3 (May 2018); RFC 5891 sections 5.3-5.4 (August 2010)",
	.source = CSRL_SRC_OTHER_RFC,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_idna,
};

static void check_rldh(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char name[SAN_DNS_BUF], q[SAN_QUOTE_BUF], lq[SAN_QUOTE_BUF];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_DNS))) {
		char *label, *save = NULL;

		if (!has_double_hyphen(g) || san_dns_copy(g, name, 1) < 0)
			continue;
		san_quote(name, strlen(name), q);
		for (label = strtok_r(name, ".", &save); label; label = strtok_r(NULL, ".", &save)) {
			if (strlen(label) < 4 || label[2] != '-' || label[3] != '-' ||
			    strncmp(label, "xn", 2) == 0)
				continue;
			csrl_report_at(ctx, g->node, san_value_offset(ctx, g,
				       (size_t)(label - name)), strlen(label), "label \"%s\" of "
				       "dNSName \"%s\" has \"--\" in positions 3 and 4, a form reserved "
				       "for future IDNA prefixes; only \"xn--\" labels may use it",
				       san_quote(label, strlen(label), lq), q);
		}
	}
}

const struct csrl_rule csrl_rule_san_dns_rldh_label = {
	.id = "san.dns.rldh-label",
	.severity = CSRL_SEV_ERROR,
	.description = "A dNSName label is a Reserved LDH label (\"ab--c\") other than \"xn--\"",
	.citation = "RFC 5890 section 2.3.1 (August 2010); CA/B Forum TLS BR section 7.1.2.7.12 "
		    "(v2.1.x); Let's Encrypt (Boulder policy)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_rldh,
};
