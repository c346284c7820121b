/* util.c - small lookups shared by built-in rules. */
#include "util.h"

enum csrl_oid_id csrl_ext_id(const struct csrl_ext *e)
{
	return e->malformed ? CSRL_OID_UNKNOWN : e->id;
}

const struct csrl_ext *csrl_find_ext(const struct csrl_csr *csr, enum csrl_oid_id id)
{
	size_t i;

	for (i = 0; i < csr->nexts; i++)
		if (csrl_ext_id(&csr->exts[i]) == id)
			return &csr->exts[i];
	return NULL;
}

const struct csrl_ext *csrl_find_san(const struct csrl_csr *csr)
{
	const struct csrl_ext *e = csrl_find_ext(csr, CSRL_OID_SAN);

	return e && e->decoded ? e : NULL;
}

const struct csrl_attr *csrl_find_attr(const struct csrl_csr *csr, enum csrl_oid_id id)
{
	size_t i;

	for (i = 0; i < csr->nattrs; i++)
		if (!csr->attrs[i].malformed && csr->attrs[i].id == id)
			return &csr->attrs[i];
	return NULL;
}

enum csrl_oid_id csrl_ava_id(const struct csrl_ava *a)
{
	return a->id;
}

int csrl_has_exts(const struct csrl_lint_ctx *ctx)
{
	return ctx->csr->nexts > 0;
}

int csrl_has_san(const struct csrl_lint_ctx *ctx)
{
	return csrl_find_san(ctx->csr) != NULL;
}
