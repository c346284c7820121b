/* inspect_text.c - `csrlint inspect`: a CSR printed the way `openssl req -text` prints it, so
 * that people who know that output can read this one, plus what openssl does not show: the
 * SPKI fingerprint, the verification result and the DER anomalies. A challengePassword is
 * never printed, only its length. Everything text comes from the CSR is escaped. */
#include <inttypes.h>
#include <string.h>

#include "inspect.h"
#include "inspect_util.h"

/* Bytes per line of wrapped hex, as openssl uses them. */
#define KEY_PER_LINE 15
#define SIG_PER_LINE 18
/* Signature bytes shown: a 4096-bit RSA signature in full, the start of anything bigger. */
#define SIG_MAX_SHOWN 512

static void print_version(FILE *out, const struct csrl_csr *csr)
{
	char hex[64];

	if (csr->version >= 0) {
		fprintf(out, "        Version: %ld (0x%lx)%s\n", csr->version + 1,
			(unsigned long)csr->version,
			csr->version ? "  [not v1: RFC 2986 defines only version 0]" : "");
	} else if (csr->version_node) {
		fprintf(out, "        Version: <not representable: %s>\n",
			csrl_hex(hex, sizeof hex, csr->version_node->content,
				 csr->version_node->len, 0));
	} else {
		fprintf(out, "        Version: <absent>\n");
	}
}

static void print_exponent(FILE *out, struct csrl_bytes e)
{
	struct csrl_bytes s = csrl_strip_zeros(e);
	char hex[160];
	uint64_t v;

	if (!e.len) {
		fprintf(out, "                Exponent: <empty>\n");
		return;
	}
	if (csrl_uint64(e, &v))
		fprintf(out, "                Exponent: %" PRIu64 " (0x%" PRIx64 ")", v, v);
	else
		fprintf(out, "                Exponent: 0x%s",
			csrl_hex(hex, sizeof hex, s.p, s.len, 0));
	fprintf(out, "%s\n", e.p[0] & 0x80 ? "  [negative INTEGER]" : "");
}

/* One labelled big number or byte string, wrapped; integers lose their sign octet. */
static void print_wrapped(FILE *out, const char *label, struct csrl_bytes b, int strip)
{
	if (strip)
		b = csrl_strip_zeros(b);
	fprintf(out, "                %s:\n", label);
	csrl_hex_wrapped(out, b.p, b.len, 20, KEY_PER_LINE, CSRL_INSPECT_MAX_HEX);
}

static void pss_lines(FILE *out, const struct csrl_pss *pss, int indent)
{
	fprintf(out, "%*sHash Algorithm: %s\n", indent, "", csrl_hash_name(pss->hash));
	if (pss->mgf_known)
		fprintf(out, "%*sMask Algorithm: MGF1 with %s\n", indent, "",
			csrl_hash_name(pss->mgf_hash));
	else
		fprintf(out, "%*sMask Algorithm: <not MGF1>\n", indent, "");
	if (pss->salt_len >= 0)
		fprintf(out, "%*sSalt Length: %ld\n", indent, "", pss->salt_len);
	else
		fprintf(out, "%*sSalt Length: <unreadable>\n", indent, "");
	fprintf(out, "%*sTrailer Field: %ld%s\n", indent, "", pss->trailer,
		pss->explicit_fields & 8 ? "" : " (default)");
}

static void print_key_fields(FILE *out, const struct csrl_pubkey *k)
{
	char oid[128];

	switch (k->type) {
	case CSRL_KEY_RSA:
	case CSRL_KEY_RSA_PSS:
		print_wrapped(out, "Modulus", k->rsa_n, 1);
		print_exponent(out, k->rsa_e);
		if (k->rsa_pss_has_params) {
			fprintf(out, "                PSS parameter restrictions:\n");
			pss_lines(out, &k->rsa_pss, 20);
		}
		break;
	case CSRL_KEY_EC:
		if (k->curve_oid.len)
			fprintf(out, "                Curve: %s (%s)\n", csrl_curve_name(k->curve),
				csrl_oid_text(k->curve_oid, oid, sizeof oid));
		else
			fprintf(out, "                Curve: %s\n", csrl_curve_name(k->curve));
		print_wrapped(out, "pub", k->ec_point, 0);
		break;
	case CSRL_KEY_DSA:
		print_wrapped(out, "pub", k->dsa_y, 1);
		if (k->dsa_p.len) {
			print_wrapped(out, "P", k->dsa_p, 1);
			print_wrapped(out, "Q", k->dsa_q, 1);
			print_wrapped(out, "G", k->dsa_g, 1);
		} else {
			fprintf(out, "                (no parameters: inherited from the CA)\n");
		}
		break;
	default:
		print_wrapped(out, "pub", k->key, 0);
		break;
	}
}

static void print_key(FILE *out, const struct csrl_pubkey *k)
{
	char oid[128], fp[100];

	fprintf(out, "        Subject Public Key Info:\n");
	fprintf(out, "            Public Key Algorithm: %s\n",
		csrl_oid_text(k->alg_oid, oid, sizeof oid));
	if (k->bits)
		fprintf(out, "                Public-Key: %s (%u bit)\n",
			csrl_key_type_name(k->type), k->bits);
	else
		fprintf(out, "                Public-Key: %s\n", csrl_key_type_name(k->type));
	if (k->decoded) {
		print_key_fields(out, k);
	} else {
		fprintf(out, "                (key could not be decoded)\n");
		print_wrapped(out, "subjectPublicKey", k->key, 0);
	}
	fprintf(out, "            SPKI SHA-256: %s\n",
		csrl_hex(fp, sizeof fp, k->spki_sha256, sizeof k->spki_sha256, ':'));
}

/* ---- extensions ----------------------------------------------------------------------- */

static void print_san(FILE *out, const struct csrl_ext *e)
{
	char v[1200];
	size_t i;

	fprintf(out, "                    ");
	for (i = 0; i < e->nnames; i++)
		fprintf(out, "%s%s:%s", i ? ", " : "", csrl_gname_label(e->names[i].type),
			csrl_gname_value(v, sizeof v, &e->names[i]));
	fprintf(out, "%s\n", e->nnames ? "" : "<no names>");
}

static void print_ku(FILE *out, const struct csrl_ext *e)
{
	unsigned i, n = 0;

	fprintf(out, "                    ");
	for (i = 0; i < e->key_usage_nbits && i < 32; i++) {
		if (!(e->key_usage & (1u << i)))
			continue;
		if (csrl_ku_name(i, 0))
			fprintf(out, "%s%s", n++ ? ", " : "", csrl_ku_name(i, 0));
		else
			fprintf(out, "%sbit %u", n++ ? ", " : "", i);
	}
	fprintf(out, "%s\n", n ? "" : "<no bits set>");
}

static void print_ext_value(FILE *out, const struct csrl_ext *e)
{
	char buf[160];
	size_t i;

	switch (e->kind) {
	case CSRL_EXT_SAN:
		print_san(out, e);
		break;
	case CSRL_EXT_KEY_USAGE:
		print_ku(out, e);
		break;
	case CSRL_EXT_EXT_KEY_USAGE:
		fprintf(out, "                    ");
		for (i = 0; i < e->neku; i++)
			fprintf(out, "%s%s", i ? ", " : "",
				csrl_oid_long_text(e->eku[i], buf, sizeof buf));
		fprintf(out, "%s\n", e->neku ? "" : "<empty>");
		break;
	case CSRL_EXT_BASIC_CONSTRAINTS:
		fprintf(out, "                    CA:%s", e->bc_ca ? "TRUE" : "FALSE");
		if (e->bc_pathlen >= 0)
			fprintf(out, ", pathlen:%ld", e->bc_pathlen);
		fputc('\n', out);
		break;
	case CSRL_EXT_SKI:
		csrl_hex_wrapped(out, e->ski.p, e->ski.len, 20, 32, CSRL_INSPECT_MAX_HEX);
		break;
	default:
		csrl_hex_wrapped(out, e->value.p, e->value.len, 20, SIG_PER_LINE,
				 CSRL_INSPECT_MAX_HEX);
		break;
	}
}

static void print_ext(FILE *out, const struct csrl_ext *e)
{
	char oid[128];

	fprintf(out, "                %s:", csrl_oid_long_text(e->oid, oid, sizeof oid));
	if (e->critical)
		fprintf(out, " critical");
	else if (e->critical_explicit)
		fprintf(out, " (critical FALSE encoded explicitly; DER omits the DEFAULT)");
	fputc('\n', out);
	if (e->decoded || e->kind == CSRL_EXT_UNKNOWN || e->kind == CSRL_EXT_OTHER_KNOWN) {
		print_ext_value(out, e);
		return;
	}
	fprintf(out, "                    <value does not decode; raw bytes:>\n");
	csrl_hex_wrapped(out, e->value.p, e->value.len, 20, SIG_PER_LINE, CSRL_INSPECT_MAX_HEX);
}

/* ---- attributes ----------------------------------------------------------------------- */

static void print_challenge(FILE *out, const struct csrl_attr *a)
{
	fprintf(out, "            %-24s :", "challengePassword");
	if (!a->first_value)
		fprintf(out, "<no value>");
	else if (a->text)
		fprintf(out, "<redacted, %zu character%s>", csrl_utf8_chars(a->text),
			csrl_utf8_chars(a->text) == 1 ? "" : "s");
	else
		fprintf(out, "<redacted, %zu bytes, not a string>", a->first_value->len);
	fprintf(out, "%s\n", a->nvalues > 1 ? "  [more than one value]" : "");
}

static void print_attr(FILE *out, const struct csrl_csr *csr, const struct csrl_attr *a)
{
	char oid[128], text[1200];
	const struct csrl_node *set = a->values_node;
	size_t i;

	if (a->kind == CSRL_ATTR_CHALLENGE_PASSWORD) {
		print_challenge(out, a);
		return;
	}
	if (a->kind == CSRL_ATTR_EXTENSION_REQUEST) {
		fprintf(out, "            Requested Extensions:%s\n",
			a->nvalues ? "" : " <attribute has no value>");
		/* Only the extensions of this attribute: Extension -> Extensions -> values SET. */
		for (i = 0; i < csr->nexts; i++)
			if (csr->exts[i].node->parent && csr->exts[i].node->parent->parent == set)
				print_ext(out, &csr->exts[i]);
		return;
	}
	fprintf(out, "            %-24s :", csrl_oid_text(a->oid, oid, sizeof oid));
	if (!a->nvalues)
		fprintf(out, "<no value>\n");
	else if (a->text)
		fprintf(out, "%s%s\n", csrl_escape(text, sizeof text, (const uint8_t *)a->text,
						   strlen(a->text), CSRL_ESC_UTF8, 1024),
			a->nvalues > 1 ? "  [more than one value]" : "");
	else
		fprintf(out, "%s\n", csrl_hex(text, sizeof text, set->content, set->len, 0));
}

static void print_attrs(FILE *out, const struct csrl_csr *csr)
{
	size_t i;

	if (!csr->attrs_present) {
		fprintf(out, "        Attributes: <field absent>\n");
		return;
	}
	fprintf(out, "        Attributes:%s\n", csr->nattrs ? "" : " (none)");
	for (i = 0; i < csr->nattrs; i++)
		print_attr(out, csr, &csr->attrs[i]);
}

/* ---- signature ------------------------------------------------------------------------ */

static void print_signature(FILE *out, const struct csrl_csr *csr,
			    const struct csrl_verify_result *vr)
{
	const struct csrl_sigalg *alg = &csr->sigalg;
	char oid[128];

	fprintf(out, "    Signature Algorithm: %s\n", csrl_oid_text(alg->oid, oid, sizeof oid));
	if (alg->kind == CSRL_SIG_RSA_PSS) {
		if (!alg->pss_params_ok)
			fprintf(out, "        <PSS parameters absent or unreadable>\n");
		pss_lines(out, &alg->pss, 8);
	}
	fprintf(out, "    Signature Value:%s\n", csr->sig_unused_bits ? "  [unused bits set]" : "");
	csrl_hex_wrapped(out, csr->sig.p, csr->sig.len, 8, SIG_PER_LINE, SIG_MAX_SHOWN);
	if (vr)
		fprintf(out, "    Signature verification: %s%s%s%s\n",
			csrl_verify_status_name(vr->status), vr->detail[0] ? " (" : "", vr->detail,
			vr->detail[0] ? ")" : "");
}

static void print_anomalies(FILE *out, const struct csrl_csr *csr)
{
	size_t i;

	if (!csr->nanomalies)
		return;
	fprintf(out, "    DER anomalies:\n");
	for (i = 0; i < csr->nanomalies; i++)
		fprintf(out, "        !! der.%s at offset %zu: %s\n",
			csrl_anomaly_id(csr->anomalies[i].kind), csr->anomalies[i].offset,
			csrl_anomaly_desc(csr->anomalies[i].kind));
}

void csrl_inspect_text(FILE *out, const struct csrl_csr *csr, const struct csrl_verify_result *vr)
{
	char subject[4096];

	csrl_name_to_string(&csr->subject, subject, sizeof subject);
	fprintf(out, "Certificate Request:\n    Data:\n");
	print_version(out, csr);
	fprintf(out, "        Subject: %s\n", subject[0] ? subject : "<empty>");
	print_key(out, &csr->key);
	print_attrs(out, csr);
	print_signature(out, csr, vr);
	print_anomalies(out, csr);
}
