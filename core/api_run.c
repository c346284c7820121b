/* api_run.c - the high-level library API of csrlint.h, second half: lint reports, inspect to a
 * string, fix and sign, on top of the engine, the inspect reporters and the generator that
 * the command line uses.
 *
 * Ownership: a report owns its findings and a copy of each rule id, so that it outlives its
 * context (a Lua rule's id lives in the context's host). Keys and passphrases are borrowed
 * for one call and never copied outside the key reader's wiped buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "gen_io.h"
#include "inspect.h"

/* The public levels are the engine's severities. */
_Static_assert(CSRL_LEVEL_INFO == (int)CSRL_SEV_INFO &&
	       CSRL_LEVEL_NOTICE == (int)CSRL_SEV_NOTICE &&
	       CSRL_LEVEL_WARNING == (int)CSRL_SEV_WARNING &&
	       CSRL_LEVEL_ERROR == (int)CSRL_SEV_ERROR && CSRL_LEVEL_FATAL == (int)CSRL_SEV_FATAL,
	       "enum csrl_level must mirror enum csrl_severity");

struct csrl_report {
	struct csrl_findings f;
	char **ids;                      /* copy of each finding's rule id */
};

/* ---- Reports --------------------------------------------------------------------------- */

/* Moves f into a new report; f is cleared either way. */
static int make_report(struct csrl_findings *f, struct csrl_report **out,
		       struct csrl_error *err)
{
	struct csrl_report *rep = calloc(1, sizeof *rep);
	size_t i;

	if (f->oom || !rep || !(rep->ids = calloc(f->n + 1, sizeof *rep->ids)))
		goto oom;
	rep->f = *f;
	memset(f, 0, sizeof *f);
	for (i = 0; i < rep->f.n; i++)
		if (!(rep->ids[i] = strdup(rep->f.v[i].rule_id))) {
			csrl_report_free(rep);
			return csrl_api_nomem(err);
		}
	*out = rep;
	return CSRL_ERR_OK;
oom:
	free(rep);
	csrl_findings_clear(f);
	return csrl_api_nomem(err);
}

int csrl_lint(struct csrl_ctx *ctx, const uint8_t *data, size_t len, struct csrl_report **out,
	      struct csrl_error *err)
{
	struct csrl_findings f = { 0 };
	struct csrl_csr *csr = NULL;
	uint8_t *owned = NULL;
	int rc;

	if (!out)
		return csrl_api_usage(err, "csrl_lint: out must not be NULL");
	*out = NULL;
	if ((rc = csrl_ctx_prepare(ctx, err)) != CSRL_ERR_OK)
		return rc;
	if ((rc = csrl_api_parse(data, len, &csr, &owned, err)) == CSRL_ERR_OK) {
		csrl_lint_csr(csr, &ctx->opts, &f);
		rc = make_report(&f, out, err);
	}
	csrl_csr_free(csr);
	free(owned);
	return rc;
}

size_t csrl_report_count(const struct csrl_report *rep)
{
	return rep ? rep->f.n : 0;
}

int csrl_report_get(const struct csrl_report *rep, size_t i, struct csrl_finding_view *out)
{
	const struct csrl_finding *f;

	if (!rep || !out || i >= rep->f.n)
		return CSRL_ERR_USAGE;
	f = &rep->f.v[i];
	out->rule_id = rep->ids[i];
	out->severity = (enum csrl_level)f->severity;
	out->severity_name = csrl_severity_name(f->severity);
	out->message = f->message;
	out->path = f->path;
	out->offset = f->offset;
	out->length = f->length;
	return CSRL_ERR_OK;
}

int csrl_report_max_severity(const struct csrl_report *rep)
{
	int max = -1;
	size_t i;

	for (i = 0; rep && i < rep->f.n; i++)
		if ((int)rep->f.v[i].severity > max)
			max = (int)rep->f.v[i].severity;
	return max;
}

void csrl_report_free(struct csrl_report *rep)
{
	size_t i;

	if (!rep)
		return;
	for (i = 0; rep->ids && i < rep->f.n; i++)
		free(rep->ids[i]);
	free(rep->ids);
	csrl_findings_clear(&rep->f);
	free(rep);
}

/* ---- Inspect --------------------------------------------------------------------------- */

/* Writes the description of csr in fmt to a memory stream. */
static int describe(const struct csrl_csr *csr, enum csrl_inspect_format fmt, char **text,
		    struct csrl_error *err)
{
	struct csrl_verify_result vr;
	size_t n = 0;
	json_t *j = NULL;
	FILE *mem;

	if (fmt == CSRL_INSPECT_JSON) {
		csrl_verify(csr, &vr);
		if (!(j = csrl_inspect_json(csr, &vr)) ||
		    json_object_set_new(j, "pem_label_legacy",
					json_boolean(csr->legacy_pem_label)) != 0 ||
		    !(*text = json_dumps(j, JSON_INDENT(2)))) {
			json_decref(j);
			return csrl_api_nomem(err);
		}
		json_decref(j);
		return CSRL_ERR_OK;
	}
	if (!(mem = open_memstream(text, &n)))
		return csrl_api_nomem(err);
	if (fmt == CSRL_INSPECT_ASN1)
		csrl_inspect_asn1(mem, csr->der);
	else {
		csrl_verify(csr, &vr);
		csrl_inspect_text(mem, csr, &vr);
	}
	if (ferror(mem) | fclose(mem)) {
		free(*text);
		*text = NULL;
		return csrl_api_nomem(err);
	}
	return CSRL_ERR_OK;
}

int csrl_inspect_string(const uint8_t *data, size_t len, enum csrl_inspect_format fmt,
			char **text, struct csrl_error *err)
{
	struct csrl_csr *csr = NULL;
	uint8_t *owned = NULL;
	int rc;

	if (!text)
		return csrl_api_usage(err, "csrl_inspect_string: text must not be NULL");
	*text = NULL;
	if (fmt != CSRL_INSPECT_TEXT && fmt != CSRL_INSPECT_JSON && fmt != CSRL_INSPECT_ASN1)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unknown inspect format %d",
				      (int)fmt);
	if ((rc = csrl_api_parse(data, len, &csr, &owned, err)) == CSRL_ERR_OK)
		rc = describe(csr, fmt, text, err);
	csrl_csr_free(csr);
	free(owned);
	return rc;
}

char *csrl_der_to_pem(const uint8_t *der, size_t len)
{
	return der ? csrl_gen_pem("CERTIFICATE REQUEST", der, len) : NULL;
}

/* ---- Fix and sign ---------------------------------------------------------------------- */

/* Hands the caller's passphrase to the key reader. */
static int give_pass(void *pctx, char *buf, size_t size, struct csrl_error *err)
{
	const char *pass = pctx;
	size_t n = strlen(pass);

	if (n > size || n > (size_t)0x7fffffff)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "the passphrase is longer than %zu "
				      "bytes", size), -1;
	memcpy(buf, pass, n);
	return (int)n;
}

/* Reads the signing key and checks that it belongs to csr. */
static int load_key(const struct csrl_csr *csr, const uint8_t *key, size_t key_len,
		    const char *passphrase, struct csrl_privkey **out, struct csrl_error *err)
{
	int rc;

	if (!key || !key_len)
		return csrl_api_usage(err, "a private key is required to sign the fixed request");
	rc = csrl_privkey_read(key, key_len, passphrase ? give_pass : NULL, (void *)passphrase,
			       out, err);
	if (rc == CSRL_ERR_USAGE && !passphrase)
		return csrl_api_usage(err, "the private key is encrypted: pass its passphrase");
	if (rc != CSRL_ERR_OK)
		return rc;
	if (!csrl_privkey_matches(*out, &csr->key))
		return csrl_api_usage(err, "the key is not the private key of this request "
				      "(the public keys differ); refusing to sign");
	return CSRL_ERR_OK;
}

/* Applies the fixers called for by findings, builds and signs, and checks that the result
 * parses. */
static int rebuild(const struct csrl_ctx *ctx, const struct csrl_csr *csr,
		   const struct csrl_findings *findings, const struct csrl_privkey *key,
		   uint8_t **out_der, size_t *out_len, struct csrl_error *err)
{
	struct csrl_fix_opts fo = { 0 };
	struct csrl_sign_opts so = { 0 };
	struct csrl_gen_req *req = NULL;
	struct csrl_csr *check = NULL;
	uint8_t *cri = NULL;
	size_t cri_len;
	int rc;

	fo.keep_attrs = !!(ctx->fix_flags & CSRL_FIX_KEEP_ATTRS);
	fo.keep_email = !!(ctx->fix_flags & CSRL_FIX_KEEP_EMAIL);
	so.pss = !!(ctx->fix_flags & CSRL_FIX_PSS);
	if ((rc = csrl_gen_from_csr(csr, &req, err)) != CSRL_ERR_OK)
		goto done;
	csrl_gen_fix(req, findings, &fo);
	if ((rc = csrl_gen_build(req, key, &so, &cri, &cri_len, out_der, out_len, err)) !=
	    CSRL_ERR_OK)
		goto done;
	if (csrl_csr_parse(*out_der, *out_len, &check, NULL) != CSRL_ERR_OK) {
		free(*out_der);
		*out_der = NULL;
		rc = csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "the generated request does not "
				    "parse");
	}
done:
	csrl_csr_free(check);
	csrl_gen_free(req);
	free(cri);
	return rc;
}

int csrl_fix(struct csrl_ctx *ctx, const uint8_t *csr, size_t len, const uint8_t *key,
	     size_t key_len, const char *passphrase, uint8_t **out_der, size_t *out_len,
	     struct csrl_error *err)
{
	struct csrl_findings f = { 0 };
	struct csrl_privkey *pk = NULL;
	struct csrl_csr *req = NULL;
	uint8_t *owned = NULL;
	int rc;

	if (!out_der || !out_len)
		return csrl_api_usage(err, "csrl_fix: out_der and out_len must not be NULL");
	*out_der = NULL;
	*out_len = 0;
	if ((rc = csrl_ctx_prepare(ctx, err)) != CSRL_ERR_OK)
		return rc;
	if ((rc = csrl_api_parse(csr, len, &req, &owned, err)) != CSRL_ERR_OK)
		goto done;
	if ((rc = load_key(req, key, key_len, passphrase, &pk, err)) != CSRL_ERR_OK)
		goto done;
	csrl_lint_csr(req, &ctx->opts, &f);
	if (f.oom)
		rc = csrl_api_nomem(err);
	else
		rc = rebuild(ctx, req, &f, pk, out_der, out_len, err);
done:
	csrl_findings_clear(&f);
	csrl_privkey_free(pk);
	csrl_csr_free(req);
	free(owned);
	return rc;
}
