/* api.c - the high-level library API of csrlint.h, first half: decoding an input (DER or
 * the first PEM block) and contexts, a lint configuration with the Lua host it builds
 * (core/api_run.c runs them: lint reports, inspect, fix and sign).
 *
 * Ownership: a context owns copies of every string it was given, its blocklists and its
 * plugin host (see api_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "blocklist.h"
#include "plugins.h"

/* Bounds on what one context collects, so that a loop in a caller cannot grow it without
 * end: selectors (with the policy's), plugin arguments and blocklists. */
#define MAX_SELECT 1024
#define MAX_PLUGIN_ARGS 256
#define MAX_BLOCKLISTS CSRL_API_MAX_BLOCKLISTS
#define MAX_FERMAT_ROUNDS 100000000L
#define FIX_FLAGS (CSRL_FIX_KEEP_ATTRS | CSRL_FIX_KEEP_EMAIL | CSRL_FIX_PSS)

void csrl_free(void *p)
{
	free(p);
}

int csrl_api_nomem(struct csrl_error *err)
{
	return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
}

int csrl_api_usage(struct csrl_error *err, const char *what)
{
	return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s", what);
}

static int strlist_add(struct csrl_api_strlist *l, const char *s, size_t max,
		       struct csrl_error *err)
{
	char **v, *copy;

	if (l->n >= max)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "more than %zu entries of one kind",
				      max);
	if (!(copy = strdup(s)) || !(v = realloc(l->v, (l->n + 2) * sizeof *v))) {
		free(copy);
		return csrl_api_nomem(err);
	}
	v[l->n++] = copy;
	v[l->n] = NULL;
	l->v = v;
	return CSRL_ERR_OK;
}

static void strlist_free(struct csrl_api_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ---- Input ----------------------------------------------------------------------------- */

/* The DER of data: data itself, or the first PEM block decoded into *owned. */
static int decode(const uint8_t *data, size_t len, const uint8_t **der, size_t *der_len,
		  uint8_t **owned, int *legacy, struct csrl_error *err)
{
	struct csrl_pem_block blk;
	size_t pos = 0;
	int rc;

	*owned = NULL;
	*legacy = 0;
	if (!data || len == 0)
		return csrl_error_set(err, CSRL_ERR_EMPTY, 0, "input is empty");
	if (len > CSRL_MAX_FILE_SIZE)
		return csrl_error_set(err, CSRL_ERR_TOO_LARGE, 0, "input has %zu bytes; the limit "
				      "is %u", len, CSRL_MAX_FILE_SIZE);
	if (!csrl_looks_like_pem(data, len)) {
		if (data[0] != 0x30)
			return csrl_error_set(err, CSRL_ERR_NOT_PEM_OR_DER, 0, "input is neither "
					      "PEM (no \"-----BEGIN\" line) nor DER (first byte "
					      "0x%02x is not a SEQUENCE)", data[0]);
		*der = data;
		*der_len = len;
		return CSRL_ERR_OK;
	}
	memset(&blk, 0, sizeof blk);
	rc = csrl_pem_next((const char *)data, len, &pos, &blk, err);
	if (rc == CSRL_ERR_PEM_NO_BLOCK)
		return csrl_error_set(err, rc, 0, "no \"-----BEGIN CERTIFICATE REQUEST-----\" "
				      "block found");
	if (rc != CSRL_ERR_OK)
		return rc;
	if (!blk.is_csr) {
		rc = csrl_error_set(err, CSRL_ERR_PEM_NOT_CSR, blk.begin_offset, "PEM block \"%s\" "
				    "is %s, not a certificate request", blk.label,
				    csrl_pem_label_kind(blk.label));
		if (err)
			err->line = blk.begin_line;
		csrl_pem_block_clear(&blk);
		return rc;
	}
	*owned = blk.der;
	*der = blk.der;
	*der_len = blk.der_len;
	*legacy = blk.legacy_label;
	return CSRL_ERR_OK;
}

int csrl_csr_decode(const uint8_t *data, size_t len, uint8_t **der, size_t *der_len,
		    int *legacy_label, struct csrl_error *err)
{
	const uint8_t *p;
	uint8_t *owned;
	size_t n;
	int rc, legacy;

	if (!der || !der_len)
		return csrl_api_usage(err, "csrl_csr_decode: der and der_len must not be NULL");
	*der = NULL;
	*der_len = 0;
	if ((rc = decode(data, len, &p, &n, &owned, &legacy, err)) != CSRL_ERR_OK)
		return rc;
	if (!owned) {
		if (!(owned = malloc(n)))
			return csrl_api_nomem(err);
		memcpy(owned, p, n);
	}
	*der = owned;
	*der_len = n;
	if (legacy_label)
		*legacy_label = legacy;
	return CSRL_ERR_OK;
}

int csrl_api_parse(const uint8_t *data, size_t len, struct csrl_csr **csr, uint8_t **owned,
		 struct csrl_error *err)
{
	const uint8_t *der;
	size_t der_len;
	int rc, legacy;

	*csr = NULL;
	if ((rc = decode(data, len, &der, &der_len, owned, &legacy, err)) != CSRL_ERR_OK)
		return rc;
	if ((rc = csrl_csr_parse(der, der_len, csr, err)) != CSRL_ERR_OK)
		return rc;
	(*csr)->legacy_pem_label = legacy;
	return CSRL_ERR_OK;
}

/* ---- Contexts -------------------------------------------------------------------------- */

struct csrl_ctx *csrl_ctx_new(void)
{
	struct csrl_ctx *ctx = calloc(1, sizeof *ctx);

	if (ctx)
		ctx->profile = CSRL_PROFILE_TLS_SERVER;
	return ctx;
}

/* Drops what csrl_ctx_prepare built. */
static void unprepare(struct csrl_ctx *ctx)
{
	csrl_plugins_free(ctx->host);
	ctx->host = NULL;
	free(ctx->sel_enable);
	free(ctx->sel_disable);
	ctx->sel_enable = ctx->sel_disable = NULL;
	ctx->ready = 0;
}

void csrl_ctx_free(struct csrl_ctx *ctx)
{
	size_t i;

	if (!ctx)
		return;
	unprepare(ctx);
	strlist_free(&ctx->enable);
	strlist_free(&ctx->disable);
	strlist_free(&ctx->files);
	strlist_free(&ctx->dirs);
	strlist_free(&ctx->params);
	free(ctx->policy);
	for (i = 0; i < ctx->nlists; i++)
		csrl_blocklist_free(ctx->lists[i]);
	free(ctx);
}

int csrl_ctx_set_profile(struct csrl_ctx *ctx, const char *name, struct csrl_error *err)
{
	unsigned p;

	if (!ctx || !name)
		return csrl_api_usage(err, "csrl_ctx_set_profile: ctx and name must not be NULL");
	if (!(p = csrl_profile_parse(name)))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unknown profile '%.64s' (rfc, "
				      "tls-server, letsencrypt, private-pki)", name);
	ctx->profile = p;
	ctx->profile_set = 1;
	ctx->ready = 0;
	return CSRL_ERR_OK;
}

static int add_selector(struct csrl_ctx *ctx, struct csrl_api_strlist *l, const char *rule,
			const char *what, struct csrl_error *err)
{
	const char *p;

	if (!ctx || !rule)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "csrl_ctx_%s: ctx and rule must not "
				      "be NULL", what);
	for (p = rule; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789.-", *p))
			break;
	if (*p || !*rule)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s '%.64s' is not a rule id or "
				      "prefix", what, rule);
	ctx->ready = 0;
	return strlist_add(l, rule, MAX_SELECT, err);
}

int csrl_ctx_enable(struct csrl_ctx *ctx, const char *rule, struct csrl_error *err)
{
	return add_selector(ctx, ctx ? &ctx->enable : NULL, rule, "enable", err);
}

int csrl_ctx_disable(struct csrl_ctx *ctx, const char *rule, struct csrl_error *err)
{
	return add_selector(ctx, ctx ? &ctx->disable : NULL, rule, "disable", err);
}

static int add_plugin_arg(struct csrl_ctx *ctx, struct csrl_api_strlist *l, const char *arg,
			  const char *what, struct csrl_error *err)
{
	if (!ctx || !arg || !*arg)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "csrl_ctx_%s: ctx and a non-empty "
				      "argument are required", what);
	ctx->ready = 0;
	return strlist_add(l, arg, MAX_PLUGIN_ARGS, err);
}

int csrl_ctx_load_plugin(struct csrl_ctx *ctx, const char *path, struct csrl_error *err)
{
	return add_plugin_arg(ctx, ctx ? &ctx->files : NULL, path, "load_plugin", err);
}

int csrl_ctx_load_plugin_dir(struct csrl_ctx *ctx, const char *dir, struct csrl_error *err)
{
	return add_plugin_arg(ctx, ctx ? &ctx->dirs : NULL, dir, "load_plugin_dir", err);
}

int csrl_ctx_set_param(struct csrl_ctx *ctx, const char *name_value, struct csrl_error *err)
{
	if (name_value && !strchr(name_value, '='))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "parameter '%.64s' is not NAME=VALUE",
				      name_value);
	return add_plugin_arg(ctx, ctx ? &ctx->params : NULL, name_value, "set_param", err);
}

int csrl_ctx_set_policy(struct csrl_ctx *ctx, const char *path, struct csrl_error *err)
{
	char *copy;

	if (!ctx || !path || !*path)
		return csrl_api_usage(err, "csrl_ctx_set_policy: ctx and a path are required");
	if (!(copy = strdup(path)))
		return csrl_api_nomem(err);
	free(ctx->policy);
	ctx->policy = copy;
	ctx->ready = 0;
	return CSRL_ERR_OK;
}

int csrl_ctx_add_blocklist(struct csrl_ctx *ctx, const char *path, struct csrl_error *err)
{
	int rc;

	if (!ctx || !path)
		return csrl_api_usage(err, "csrl_ctx_add_blocklist: ctx and path must not be NULL");
	if (ctx->nlists == MAX_BLOCKLISTS)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "at most %d blocklists",
				      MAX_BLOCKLISTS);
	if ((rc = csrl_blocklist_load(path, &ctx->lists[ctx->nlists], err)) != CSRL_ERR_OK)
		return rc;
	ctx->lists[++ctx->nlists] = NULL;
	ctx->ready = 0;
	return CSRL_ERR_OK;
}

int csrl_ctx_set_fermat_rounds(struct csrl_ctx *ctx, long rounds, struct csrl_error *err)
{
	if (!ctx)
		return csrl_api_usage(err, "csrl_ctx_set_fermat_rounds: ctx must not be NULL");
	if (rounds < CSRL_FERMAT_ROUNDS || rounds > MAX_FERMAT_ROUNDS)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "Fermat rounds must be from %d to "
				      "%ld", CSRL_FERMAT_ROUNDS, MAX_FERMAT_ROUNDS);
	ctx->fermat_rounds = rounds;
	ctx->ready = 0;
	return CSRL_ERR_OK;
}

int csrl_ctx_set_fix_flags(struct csrl_ctx *ctx, unsigned flags, struct csrl_error *err)
{
	if (!ctx)
		return csrl_api_usage(err, "csrl_ctx_set_fix_flags: ctx must not be NULL");
	if (flags & ~FIX_FLAGS)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "unknown fix flags 0x%x",
				      flags & ~FIX_FLAGS);
	ctx->fix_flags = flags;
	return CSRL_ERR_OK;
}

/* mine + theirs as one NULL-terminated array of borrowed strings, each checked. */
static int merge(const struct csrl_api_strlist *mine, const char *const *theirs, const char ***out,
		 const struct csrl_lint_opts *opts, struct csrl_error *err)
{
	size_t n = mine->n, i, k = 0;
	const char *const *t;
	const char **v;

	for (t = theirs; t && *t; t++)
		n++;
	if (!(v = calloc(n + 1, sizeof *v)))
		return csrl_api_nomem(err);
	for (i = 0; i < mine->n; i++)
		v[k++] = mine->v[i];
	for (t = theirs; t && *t; t++)
		v[k++] = *t;
	*out = v;
	for (i = 0; i < k; i++)
		if (!csrl_selector_known(v[i], opts))
			return csrl_error_set(err, CSRL_ERR_USAGE, 0, "no rule matches "
					      "'%.64s' (see `csrlint rules`)", v[i]);
	return CSRL_ERR_OK;
}

/* Builds the Lua host when anything asks for one and takes the policy's settings. */
static int setup_host(struct csrl_ctx *ctx, struct csrl_error *err)
{
	struct csrl_plugin_config cfg;
	const struct csrl_policy *pol;
	int rc;

	if (!ctx->files.n && !ctx->dirs.n && !ctx->params.n && !ctx->policy)
		return CSRL_ERR_OK;
	memset(&cfg, 0, sizeof cfg);
	cfg.files = (const char *const *)ctx->files.v;
	cfg.dirs = (const char *const *)ctx->dirs.v;
	cfg.params = (const char *const *)ctx->params.v;
	cfg.policy = ctx->policy;
	/* never the program's bundled folder: it is found next to the executable */
	cfg.no_defaults = 1;
	if ((rc = csrl_plugins_setup(&cfg, &ctx->host, err)) != CSRL_ERR_OK)
		return rc;
	ctx->opts.extra_rules = csrl_plugins_rules(ctx->host, &ctx->opts.nextra);
	pol = csrl_plugins_policy(ctx->host);
	if (pol->profile && !ctx->profile_set)
		ctx->opts.profile = pol->profile;
	if (pol->fermat_rounds && !ctx->fermat_rounds)
		ctx->opts.fermat_rounds = pol->fermat_rounds;
	ctx->opts.severities = pol->severities;
	ctx->opts.nseverities = pol->nseverities;
	return CSRL_ERR_OK;
}

int csrl_ctx_prepare(struct csrl_ctx *ctx, struct csrl_error *err)
{
	const struct csrl_policy *pol;
	int rc;

	if (!ctx)
		return csrl_api_usage(err, "csrl_ctx_prepare: ctx must not be NULL");
	if (ctx->ready)
		return CSRL_ERR_OK;
	unprepare(ctx);
	memset(&ctx->opts, 0, sizeof ctx->opts);
	ctx->opts.profile = ctx->profile;
	ctx->opts.fermat_rounds = (int)ctx->fermat_rounds;
	ctx->opts.blocklists = ctx->nlists ? (const struct csrl_blocklist *const *)ctx->lists
					   : NULL;
	if ((rc = setup_host(ctx, err)) != CSRL_ERR_OK)
		goto fail;
	pol = ctx->host ? csrl_plugins_policy(ctx->host) : NULL;
	if ((rc = merge(&ctx->enable, pol ? pol->enable : NULL, &ctx->sel_enable, &ctx->opts,
			err)) != CSRL_ERR_OK ||
	    (rc = merge(&ctx->disable, pol ? pol->disable : NULL, &ctx->sel_disable, &ctx->opts,
			err)) != CSRL_ERR_OK)
		goto fail;
	ctx->opts.enable = ctx->sel_enable;
	ctx->opts.disable = ctx->sel_disable;
	ctx->ready = 1;
	return CSRL_ERR_OK;
fail:
	unprepare(ctx);
	return rc;
}
