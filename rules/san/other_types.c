/* other_types.c - GeneralName forms a TLS server certificate does not carry (otherName,
 * x400Address, directoryName, ediPartyName, registeredID), and entries whose encoding does
 * not fit their type.
 *
 * RFC 5280 section 4.2.1.6 (May 2008):
 *   GeneralName ::= CHOICE { otherName [0] OtherName, rfc822Name [1] IA5String,
 *     dNSName [2] IA5String, x400Address [3] ORAddress, directoryName [4] Name,
 *     ediPartyName [5] EDIPartyName, uniformResourceIdentifier [6] IA5String,
 *     iPAddress [7] OCTET STRING, registeredID [8] OBJECT IDENTIFIER }
 *   OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
 * With IMPLICIT tags, [1], [2], [6], [7] and [8] are primitive and [0], [3], [4] (EXPLICIT,
 * a CHOICE) and [5] constructed; IA5String holds 7-bit characters only.
 * CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x): only dNSName and iPAddress are permitted
 * in a Subscriber Certificate; the CA drops or refuses the others.
 */
#include <stdio.h>

#include "san.h"

static const char *type_name(enum csrl_gname_type t)
{
	static const char *const names[] = { "otherName", "rfc822Name", "dNSName",
		"x400Address", "directoryName", "ediPartyName", "uniformResourceIdentifier",
		"iPAddress", "registeredID" };

	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "unknown";
}

static void check_other_name(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	char dotted[128];

	(void)rule;
	while ((g = san_next(ctx->csr, &it, CSRL_GN_OTHER))) {
		const struct csrl_oid_info *o = g->other_oid.p ?
			csrl_oid_lookup(g->other_oid.p, g->other_oid.len) : NULL;

		if (!g->other_oid.p)
			snprintf(dotted, sizeof dotted, "unreadable type");
		else if (o && (o->id == CSRL_OID_UPN || o->id == CSRL_OID_SMTP_UTF8_MAILBOX))
			snprintf(dotted, sizeof dotted, "%s, %s", o->long_name, o->dotted);
		else
			csrl_oid_to_dotted(g->other_oid.p, g->other_oid.len, dotted, sizeof dotted);
		csrl_report(ctx, g->node, "otherName entry (%s) in a TLS server request; public "
			    "TLS certificates carry only DNS names and IP addresses, so the CA will "
			    "drop it or refuse the request: remove it%s", dotted,
			    o && o->id == CSRL_OID_UPN ? " (a UPN belongs in a client or smart-card "
			    "certificate)" : "");
	}
}

const struct csrl_rule csrl_rule_san_other_name = {
	.id = "san.other-name",
	.severity = CSRL_SEV_WARNING,
	.description = "The SAN holds an otherName (UPN, SmtpUTF8Mailbox, ...)",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_other_name,
};

static void check_unexpected(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, -1)))
		if (g->type == CSRL_GN_X400 || g->type == CSRL_GN_DIRNAME ||
		    g->type == CSRL_GN_EDIPARTY || g->type == CSRL_GN_RID)
			csrl_report(ctx, g->node, "%s entry in a TLS server request; public TLS "
				    "certificates carry only DNS names and IP addresses, so the CA "
				    "will drop it or refuse the request: remove it",
				    type_name(g->type));
}

const struct csrl_rule csrl_rule_san_unexpected_type = {
	.id = "san.unexpected-type",
	.severity = CSRL_SEV_WARNING,
	.description = "The SAN holds an x400Address, directoryName, ediPartyName or registeredID",
	.citation = "CA/B Forum TLS BR section 7.1.2.7.12 (v2.1.x)",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_PUBLIC,
	.applies = csrl_has_san,
	.check = check_unexpected,
};

/* Why g's encoding does not fit its type, or NULL. */
static const char *malformed(const struct csrl_gname *g)
{
	const struct csrl_node *n = g->node, *c;
	size_t i;
	int constructed = g->type == CSRL_GN_OTHER || g->type == CSRL_GN_X400 ||
			  g->type == CSRL_GN_DIRNAME || g->type == CSRL_GN_EDIPARTY;

	if (!n)
		return NULL;
	if (constructed != !!n->constructed)
		return constructed ? "is primitive; this type is constructed" :
			"is constructed; this type is primitive";
	if (g->type == CSRL_GN_EMAIL || g->type == CSRL_GN_DNS || g->type == CSRL_GN_URI)
		for (i = 0; i < g->value.len && g->value.p; i++)
			if (g->value.p[i] >= 0x80)
				return g->type == CSRL_GN_DNS ? NULL :
					"holds bytes above 0x7F, which an IA5String cannot";
	if (g->type == CSRL_GN_OTHER) {
		c = csrl_node_child(n, 1);
		if (!g->other_oid.p || !c || c->cls != CSRL_CLASS_CONTEXT || c->tag != 0 ||
		    !c->constructed || c->next)
			return "is not type-id OBJECT IDENTIFIER followed by [0] EXPLICIT value";
	}
	if (g->type == CSRL_GN_DIRNAME &&
	    (!(c = csrl_node_child(n, 0)) || !csrl_node_is(c, CSRL_TAG_SEQUENCE) || c->next))
		return "does not hold exactly one Name SEQUENCE";
	if (g->type == CSRL_GN_RID && !g->value.len)
		return "is an empty OBJECT IDENTIFIER";
	return NULL;
}

static void check_malformed(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;
	const char *why;

	(void)rule;
	while ((g = san_next(ctx->csr, &it, -1)))
		if ((why = malformed(g)))
			csrl_report(ctx, g->node, "%s entry %s (RFC 5280 GeneralName); re-generate "
				    "the request with a standard tool", type_name(g->type), why);
}

const struct csrl_rule csrl_rule_san_entry_malformed = {
	.id = "san.entry-malformed",
	.severity = CSRL_SEV_ERROR,
	.description = "A SAN entry's encoding does not fit its GeneralName type",
	.citation = "RFC 5280 section 4.2.1.6 and appendix A.2 (May 2008)",
	.source = CSRL_SRC_RFC5280,
	.profiles = CSRL_PROFILES_ALL,
	.applies = csrl_has_san,
	.check = check_malformed,
};
