/* name_encoding.c - repeated attribute types and the order of the subject's attributes.
 *
 * CA/B Forum BR v2.1 section 7.1.4.1 (Name Encoding): "Each Name MUST NOT contain more than
 * one instance of a given AttributeTypeAndValue across all RelativeDistinguishedNames unless
 * explicitly allowed in these Requirements" and "Each RelativeDistinguishedName, if present,
 * is encoded within the RDNSequence in the order that it appears in Section 7.1.4.2".
 * Section 7.1.2.7.4 allows several streetAddress ("Multiple instances MAY be present") and
 * domainComponent values (one per label of a domain name); organizationalUnitName is not
 * allowed at all in Subscriber Certificates since BR 1.8.0 (SC47), so it may not repeat.
 * RFC 5280 allows repeated types; but a name with two commonNames leaves "the" CN up to each
 * program (OpenSSL takes the last, others the first): a hazard in every profile.
 */
#include <stdlib.h>
#include <string.h>

#include "subject.h"

struct entry {
	const struct csrl_ava *ava;
	size_t pos;                     /* place in the subject */
};

static int same_type(const struct csrl_ava *a, const struct csrl_ava *b)
{
	return a->oid.len == b->oid.len &&
	       (!a->oid.len || memcmp(a->oid.p, b->oid.p, a->oid.len) == 0);
}

static int by_type(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	size_t n = a->ava->oid.len < b->ava->oid.len ? a->ava->oid.len : b->ava->oid.len;
	int c = n ? memcmp(a->ava->oid.p, b->ava->oid.p, n) : 0;

	if (c)
		return c;
	if (a->ava->oid.len != b->ava->oid.len)
		return a->ava->oid.len < b->ava->oid.len ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void report_dup(struct csrl_lint_ctx *ctx, const struct csrl_ava *a, size_t n,
		       int cn_only)
{
	char l[SUBJ_LABEL_BUF];

	if (cn_only)
		csrl_report(ctx, a->node, "the subject holds %zu commonNames; programs disagree "
			    "on which one counts: keep one and put every name in the "
			    "subjectAltName", n);
	else
		csrl_report(ctx, a->node, "%s appears %zu times in the subject; the Baseline "
			    "Requirements allow one: keep one%s", subj_label(a, l), n,
			    csrl_ava_id(a) == CSRL_OID_CN ? " (every host name belongs in the "
			    "subjectAltName)" : "");
}

/* Sorts the AVAs by type (O(n log n) even for a subject of many thousand AVAs) and reports
 * each repeated type once, at its second occurrence. */
static void check_duplicate(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	int cn_only = rule->severity != CSRL_SEV_ERROR;
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a;
	struct entry *v;
	size_t n = 0, i, j;

	while (subj_next(ctx->csr, &it, NULL))
		n++;
	if (n < 2 || !(v = malloc(n * sizeof *v)))
		return;
	it = (struct subj_iter){ 0, 0 };
	for (i = 0; (a = subj_next(ctx->csr, &it, NULL)) && i < n; i++)
		v[i] = (struct entry){ a, i };
	qsort(v, n, sizeof *v, by_type);
	for (i = 0; i < n; i = j) {
		enum csrl_oid_id id = csrl_ava_id(v[i].ava);

		for (j = i + 1; j < n && same_type(v[i].ava, v[j].ava); j++)
			;
		if (j - i < 2 ||
		    (cn_only ? id != CSRL_OID_CN : (id == CSRL_OID_STREET || id == CSRL_OID_DC)))
			continue;
		report_dup(ctx, v[i + 1].ava, j - i, cn_only);
	}
	free(v);
}

/* Rank in the table of BR section 7.1.4.2; -1 for attributes outside it. */
static int rank(enum csrl_oid_id id)
{
	static const enum csrl_oid_id order[] = {
		CSRL_OID_DC, CSRL_OID_C, CSRL_OID_ST, CSRL_OID_L, CSRL_OID_POSTAL_CODE,
		CSRL_OID_STREET, CSRL_OID_O, CSRL_OID_SURNAME, CSRL_OID_GIVEN_NAME, CSRL_OID_OU,
		CSRL_OID_CN,
	};
	int i;

	for (i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
		if (order[i] == id)
			return i;
	return -1;
}

static void check_order(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct subj_iter it = { 0, 0 };
	const struct csrl_ava *a, *top = NULL;
	char l1[SUBJ_LABEL_BUF], l2[SUBJ_LABEL_BUF];
	int top_rank = -1;

	(void)rule;
	while ((a = subj_next(ctx->csr, &it, NULL))) {
		int r = rank(csrl_ava_id(a));

		if (r < 0)
			continue;
		if (r < top_rank)
			csrl_report(ctx, a->node, "%s comes after %s; the Baseline Requirements "
				    "order is DC, C, ST, L, postalCode, street, O, SN, GN, OU, CN: "
				    "reorder the subject (a CA either reorders it or refuses it)",
				    subj_label(a, l1), subj_label(top, l2));
		else {
			top_rank = r;
			top = a;
		}
	}
}

/* Let's Encrypt keeps only the CN of the subject, so only tls-server. */
const struct csrl_rule csrl_rule_subject_attribute_duplicate = {
	.id = "subject.attribute-duplicate",
	.severity = CSRL_SEV_ERROR,
	.description = "An attribute type other than streetAddress or domainComponent appears "
		       "more than once in the subject",
	.citation = "CA/B Forum BR v2.1 section 7.1.4.1, Name Encoding; section 7.1.2.7.4",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check_duplicate,
};

const struct csrl_rule csrl_rule_subject_cn_multiple = {
	.id = "subject.cn.multiple",
	.severity = CSRL_SEV_WARNING,
	.description = "The subject holds more than one commonName",
	.citation = "RFC 6125 section 6.4.4 (March 2011), checking of common names (one CN "
		    "assumed)",
	.source = CSRL_SRC_COMMUNITY,
	.profiles = CSRL_PROFILE_RFC | CSRL_PROFILE_PRIVATE_PKI,
	.check = check_duplicate,
};

/* A warning, not an error: the CA composes the certificate's subject and can reorder it. */
const struct csrl_rule csrl_rule_subject_attribute_order = {
	.id = "subject.attribute-order",
	.severity = CSRL_SEV_WARNING,
	.description = "Subject attributes are not in the order of the Baseline Requirements "
		       "table (DC, C, ST, L, postalCode, street, O, SN, GN, OU, CN)",
	.citation = "CA/B Forum BR v2.1 sections 7.1.4.1 and 7.1.4.2, Name Encoding",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILE_TLS_SERVER,
	.check = check_order,
};
