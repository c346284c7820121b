/* blocklisted.c - a public key on a compromised-key list given with --blocklist.
 *
 * CA/B Forum TLS BR v2.1.5 section 6.1.1.3: "The CA SHALL reject a certificate request if
 * one or more of the following conditions are met: ... 3. The CA has previously been made
 * aware that the Applicant's Private Key has suffered a Key Compromise ...; 4. The Public Key
 * corresponds to an industry-demonstrated method by which the Private Key can be determined
 * (e.g., Debian weak keys, see https://wiki.debian.org/SSLkeys)". Let's Encrypt's Boulder
 * refuses keys whose SPKI SHA-256 is in its blocked-keys list; badkeys publishes lists of
 * such "public private keys" (Debian OpenSSL, example keys in RFCs and firmware).
 * The lists come from the command line (ctx->opts->blocklists); without one the rule is NA.
 */
#include "blocklist.h"
#include "util.h"

static int applies(const struct csrl_lint_ctx *ctx)
{
	return ctx->opts && ctx->opts->blocklists && ctx->opts->blocklists[0] &&
	       ctx->csr->key.node;
}

static void check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	const struct csrl_blocklist *const *bl;

	(void)rule;
	for (bl = ctx->opts->blocklists; *bl; bl++)
		if (csrl_blocklist_has(*bl, &ctx->csr->key))
			csrl_report(ctx, ctx->csr->key.node, "the public key is on the "
				    "compromised-key list %s: its private key is known to others. "
				    "Generate a new key pair and never reuse this one",
				    csrl_blocklist_name(*bl));
}

const struct csrl_rule csrl_rule_key_blocklisted = {
	.id = "key.blocklisted",
	.severity = CSRL_SEV_ERROR,
	.description = "public key is on a compromised-key list (--blocklist: SPKI SHA-256 or "
		       "badkeys hash)",
	.citation = "CA/B Forum TLS BR v2.1.5 section 6.1.1.3 (3) and (4); Let's Encrypt Boulder "
		    "goodkey blocked keys; badkeys docs/BLOCKLISTFORMAT.md",
	.source = CSRL_SRC_CABF_BR,
	.profiles = CSRL_PROFILES_ALL,
	.applies = applies,
	.check = check,
};
