/* cn.c - the subject commonName against the subjectAltName, and commonNames that are IP
 * addresses.
 *
 * CA/B Forum BR v2.1 section 7.1.4.3 (Subscriber Certificate Common Name Attribute): "If
 * present, this attribute MUST contain exactly one entry that is one of the values contained
 * in the Certificate's subjectAltName extension ... If the value is an IPv4 address, then the
 * value MUST be encoded as an IPv4Address as specified in RFC 3986, Section 3.2.2. If the
 * value is an IPv6 address, then the value MUST be encoded in the text representation
 * specified in RFC 5952, Section 4. If the value is a Fully-Qualified Domain Name or Wildcard
 * Domain Name, then the value MUST be encoded as a character-for-character copy of the
 * dNSName entry value". DNS names compare without regard to case (RFC 4343), as CAs do.
 * Let's Encrypt accepts IP addresses only as iPAddress SAN entries, never as the CN (it
 * copies the CN into the SAN as a DNS name).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "subject.h"

/* Most commonNames compared against the SAN: a bound on the work for crafted input. */
#define CN_MAX_CHECKED 32

extern const struct csrl_rule csrl_rule_subject_cn_not_in_san, csrl_rule_subject_cn_ip_address,
	csrl_rule_subject_cn_ip_address_letsencrypt, csrl_rule_subject_cn_ip_not_canonical;

/* Parses text as an IP address into ip; returns 4, 16, or 0 when it is none. */
static int parse_ip(const char *s, uint8_t ip[16])
{
	if (inet_pton(AF_INET, s, ip) == 1)
		return 4;
	if (inet_pton(AF_INET6, s, ip) == 1)
		return 16;
	return 0;
}

/* RFC 5952 section 4 text of an IPv6 address: lower case, no leading zeros, the longest
 * run (first of equals) of two or more zero groups shortened to "::". */
static void rfc5952(const uint8_t ip[16], char *out, size_t size)
{
	unsigned g[8];
	int i, best = -1, best_len = 1, run = 0;
	size_t o = 0;

	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
		run = g[i] ? 0 : run + 1;
		if (run > best_len) {
			best_len = run;
			best = i - run + 1;
		}
	}
	out[0] = '\0';
	for (i = 0; i < 8 && o < size; i++) {
		if (i == best) {
			o += (size_t)snprintf(out + o, size - o, "::");
			i += best_len - 1;
			continue;
		}
		o += (size_t)snprintf(out + o, size - o, "%s%x", o && out[o - 1] != ':' ? ":" :
				      "", g[i]);
	}
}

static int san_has(const struct csrl_csr *csr, const char *cn, const uint8_t *ip, int iplen)
{
	size_t i, j, n = strlen(cn);

	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->malformed || e->kind != CSRL_EXT_SAN || !e->decoded || !e->names)
			continue;
		for (j = 0; j < e->nnames; j++) {
			const struct csrl_gname *g = &e->names[j];

			if (g->type == CSRL_GN_DNS && g->value.len == n && n &&
			    strncasecmp((const char *)g->value.p, cn, n) == 0)
				return 1;
			if (g->type == CSRL_GN_IP && iplen && g->value.len == (size_t)iplen &&
			    memcmp(g->value.p, ip, (size_t)iplen) == 0)
				return 1;
		}
	}
	return 0;
}

/* 1: a SAN extension decoded; 0: none at all; -1: one that did not decode (other rules). */
static int san_state(const struct csrl_csr *csr)
{
	size_t i;
	int state = 0;

	for (i = 0; i < csr->nexts; i++)
		if (csrl_ext_id(&csr->exts[i]) == CSRL_OID_SAN) {
			if (!csr->exts[i].decoded)
				return -1;
			state = 1;
		}
	return state;
}

static void check_cn(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule,
		     const struct csrl_ava *a, int san)
{
	char q[SUBJ_QUOTE_BUF], canon[48];
	uint8_t ip[16];
	int iplen = parse_ip(a->utf8, ip);

	if (rule == &csrl_rule_subject_cn_not_in_san && san >= 0 &&
	    !san_has(ctx->csr, a->utf8, ip, iplen))
		csrl_report(ctx, a->value_node, "commonName %s is not among the subjectAltName "
			    "entries%s; add it to the subjectAltName as %s, or leave the CN out",
			    subj_quote(a, q), san ? "" : " (the request has no subjectAltName)",
			    iplen ? "an iPAddress" : "a dNSName");
	if (!iplen)
		return;
	if (rule == &csrl_rule_subject_cn_ip_address)
		csrl_report(ctx, a->value_node, "commonName %s is an IP address; clients match "
			    "IP addresses against iPAddress SAN entries only, and many CAs refuse "
			    "IPs in the CN: leave the CN out", subj_quote(a, q));
	if (rule == &csrl_rule_subject_cn_ip_address_letsencrypt)
		csrl_report(ctx, a->value_node, "commonName %s is an IP address, which Let's "
			    "Encrypt refuses; leave the CN out and request the address as an "
			    "iPAddress SAN entry", subj_quote(a, q));
	if (rule == &csrl_rule_subject_cn_ip_not_canonical && iplen == 16) {
		rfc5952(ip, canon, sizeof canon);
		/* Section 5's mixed form of IPv4-mapped addresses is fine as well. */
		if (strcmp(canon, a->utf8) && !(strncmp(canon, "::ffff:", 7) == 0 &&
		    strncmp(a->utf8, "::ffff:", 7) == 0 && strchr(a->utf8, '.')))
			csrl_report(ctx, a->value_node, "commonName %s is not in the RFC 5952 text "
				    "form of the IPv6 address; write it as \"%s\"", subj_quote(a, q),
				    canon);
	}
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	int san = san_state(ctx->csr), seen = 0;

	while ((a = subj_next(ctx->csr, &it, NULL)) && seen < CN_MAX_CHECKED)
		if (csrl_ava_id(a) == CSRL_OID_CN && subj_is_text(a) && a->value.len) {
			seen++;
			check_cn(ctx, rule, a, san);
		}
}

const struct csrl_rule csrl_rule_subject_cn_not_in_san = {
	.id = "subject.cn.not-in-san",
	.severity = CSRL_SEV_WARNING,
	.description = "The commonName is not one of the subjectAltName entries",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.3, Subscriber Certificate Common Name",
	.source = CSRL_SRC_CABF_BR,
	/* Let's Encrypt adds the CN to the names instead of refusing the request. */
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_cn_ip_address = {
	.id = "subject.cn.ip-address",
	.severity = CSRL_SEV_WARNING,
	.description = "The commonName is an IP address in text form",
	.citation = "CA/B Forum BR v2.1 sections 7.1.2.7.2 (commonName NOT RECOMMENDED) and "
		    "7.1.4.3; RFC 6125 section 1.7.2",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_cn_ip_address_letsencrypt = {
	.id = "subject.cn.ip-address-letsencrypt",
	.severity = CSRL_SEV_ERROR,
	.description = "The commonName is an IP address, which Let's Encrypt refuses",
	.citation = "Let's Encrypt IP address certificates (2025): IPs only as iPAddress SANs, "
		    "never in the subject CN",
	.source = CSRL_SRC_LETSENCRYPT,
	.profiles = CSRL_PROFILE_LETSENCRYPT,
	.check = check,
};

const struct csrl_rule csrl_rule_subject_cn_ip_not_canonical = {
	.id = "subject.cn.ip-not-canonical",
	.severity = CSRL_SEV_ERROR,
	.description = "An IPv6 commonName is not in the RFC 5952 section 4 text form",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.3; RFC 5952 section 4 (August 2010)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check,
};
