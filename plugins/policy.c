/* policy.c - policy files and the set-up of a host: a policy is a Lua table, run in the same
 * sandbox as rules, that picks the profile, enables and disables rules, overrides severities,
 * sets parameters and lists more plugins. Every error names the file and the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define POLICY_MAX_SELECT 256

static int perr(struct csrl_error *err, const char *file, const char *field, const char *what)
{
	return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: policy field '%s' %s", file, field,
			      what);
}

/* Field k of the policy table (on top) pushed raw; returns its type. */
static int get(lua_State *L, const char *k)
{
	lua_pushstring(L, k);
	return lua_rawget(L, -2);
}

/* Appends the strings of list field k to sel[*n] (NULL-terminated), for enable/disable. */
static int read_list(struct csrl_plugins *h, const char *file, const char *k, const char **sel,
		     size_t *n, struct csrl_error *err)
{
	lua_State *L = h->L;
	lua_Integer i, len;
	int t = get(L, k);

	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return CSRL_ERR_OK;
	}
	if (t != LUA_TTABLE) {
		lua_pop(L, 1);
		return perr(err, file, k, "must be a list of strings");
	}
	len = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= len; i++) {
		if (lua_rawgeti(L, -1, i) != LUA_TSTRING || *n >= POLICY_MAX_SELECT - 1 ||
		    !(sel[*n] = host_strdup(h, lua_tostring(L, -1)))) {
			lua_pop(L, 2);
			return perr(err, file, k, "must be a list of at most 255 rule ids or prefixes");
		}
		sel[++*n] = NULL;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return CSRL_ERR_OK;
}

static int read_severities(struct csrl_plugins *h, const char *file, struct csrl_error *err)
{
	lua_State *L = h->L;
	size_t n = 0;
	int s, t = get(L, "severity");

	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return CSRL_ERR_OK;
	}
	if (t != LUA_TTABLE || !(h->sev = calloc(POLICY_MAX_SELECT, sizeof *h->sev))) {
		lua_pop(L, 1);
		return perr(err, file, "severity", "must map rule ids or prefixes to severities");
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		s = lua_type(L, -1) == LUA_TSTRING ? csrl_severity_parse(lua_tostring(L, -1)) : -1;
		if (lua_type(L, -2) != LUA_TSTRING || s < 0 || s == CSRL_SEV_FATAL ||
		    n == POLICY_MAX_SELECT || !(h->sev[n].rule = host_strdup(h, lua_tostring(L, -2)))) {
			lua_pop(L, 3);
			return perr(err, file, "severity", "must map rule ids or prefixes to info, "
				    "notice, warning or error");
		}
		h->sev[n++].severity = (enum csrl_severity)s;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	h->policy.severities = h->sev;
	h->policy.nseverities = n;
	return CSRL_ERR_OK;
}

/* plugins = { "file.lua", ... }, relative to the policy's folder. */
static int read_plugins(struct csrl_plugins *h, const char *file, struct csrl_error *err)
{
	lua_State *L = h->L;
	lua_Integer i, len;
	char path[1024];
	int rc = CSRL_ERR_OK, t = get(L, "plugins");
	int dirlen = strrchr(file, '/') ? (int)(strrchr(file, '/') - file) + 1 : 0;

	if (t != LUA_TNIL && t != LUA_TTABLE)
		rc = perr(err, file, "plugins", "must be a list of file names");
	len = t == LUA_TTABLE ? (lua_Integer)lua_rawlen(L, -1) : 0;
	for (i = 1; rc == CSRL_ERR_OK && i <= len; i++) {
		if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
			rc = perr(err, file, "plugins", "must be a list of file names");
		else if (lua_tostring(L, -1)[0] == '/')
			snprintf(path, sizeof path, "%s", lua_tostring(L, -1));
		else
			snprintf(path, sizeof path, "%.*s%s", dirlen, file, lua_tostring(L, -1));
		lua_pop(L, 1);
		if (rc == CSRL_ERR_OK)
			rc = host_load_file(h, path, err);
		/* the rule tables are loaded on the same stack: the policy stays below them */
	}
	lua_pop(L, 1);
	return rc;
}

static int read_params(struct csrl_plugins *h, const char *file, struct csrl_error *err)
{
	lua_State *L = h->L;
	int t = get(L, "params"), took;

	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return CSRL_ERR_OK;
	}
	if (t != LUA_TTABLE) {
		lua_pop(L, 1);
		return perr(err, file, "params", "must map parameter names to values");
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;

		if (!name) {
			lua_pop(L, 3);
			return perr(err, file, "params", "must map parameter names to values");
		}
		if ((took = host_set_param(h, name, 0, err)) <= 0) {    /* pops the value */
			lua_pop(L, 2);
			if (took == 0)
				csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: policy field 'params': no "
					       "loaded rule has a parameter '%s'", file, name);
			return CSRL_ERR_USAGE;
		}
	}
	lua_pop(L, 1);
	return CSRL_ERR_OK;
}

static int check_keys(lua_State *L, const char *file, struct csrl_error *err)
{
	static const char *const known[] = { "profile", "enable", "disable", "severity", "params",
					     "plugins", "description", "fermat_rounds", NULL };
	const char *const *k;

	lua_pushnil(L);
	while (lua_next(L, -2)) {
		lua_pop(L, 1);
		for (k = known; *k; k++)
			if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), *k) == 0)
				break;
		if (!*k) {
			csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: unknown policy field '%s' (use %s)",
				       file, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) :
				       "?", "profile, enable, disable, severity, params, plugins, fermat_rounds");
			lua_pop(L, 1);
			return CSRL_ERR_USAGE;
		}
	}
	return CSRL_ERR_OK;
}

int policy_load(struct csrl_plugins *h, const char *path, struct csrl_error *err)
{
	lua_State *L = h->L;
	char why[400];
	size_t ne = 0, nd = 0;
	const char *file = host_strdup(h, path), *prof;
	int rc;

	if (!file)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if ((rc = host_compile(h, file, err)) != CSRL_ERR_OK)
		return rc;
	if (sandbox_call(h, 0, 1, why, sizeof why) < 0)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s", why);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: a policy must return a table", file);
	}
	if ((rc = check_keys(L, file, err)) != CSRL_ERR_OK)
		goto done;
	if (get(L, "profile") != LUA_TNIL) {
		prof = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
		if (!(h->policy.profile = csrl_profile_parse(prof)))
			rc = perr(err, file, "profile", "must be rfc, tls-server, letsencrypt or "
				  "private-pki");
	}
	lua_pop(L, 1);
	if (rc == CSRL_ERR_OK && get(L, "fermat_rounds") != LUA_TNIL) {
		lua_Integer n = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;

		if (n < CSRL_FERMAT_ROUNDS || n > 100000000)
			rc = perr(err, file, "fermat_rounds", "must be an integer from 100 to 100000000");
		h->policy.fermat_rounds = (int)n;
	}
	lua_pop(L, 1);
	h->policy.enable = h->sel;
	h->policy.disable = h->sel + POLICY_MAX_SELECT;
	if (rc == CSRL_ERR_OK)
		rc = read_list(h, file, "enable", h->policy.enable, &ne, err);
	if (rc == CSRL_ERR_OK)
		rc = read_list(h, file, "disable", h->policy.disable, &nd, err);
	if (rc == CSRL_ERR_OK)
		rc = read_severities(h, file, err);
	if (rc == CSRL_ERR_OK)
		rc = read_plugins(h, file, err);
	if (rc == CSRL_ERR_OK)
		rc = read_params(h, file, err);
done:
	lua_pop(L, 1);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const struct csrl_rule *const *)a)->id,
		      (*(const struct csrl_rule *const *)b)->id);
}

/* Applies one --param NAME=VALUE. */
static int cli_param(struct csrl_plugins *h, const char *arg, struct csrl_error *err)
{
	const char *eq = strchr(arg, '=');
	char name[128];
	int took;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof name)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--param '%s': use NAME=VALUE", arg);
	snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
	lua_pushstring(h->L, eq + 1);
	if ((took = host_set_param(h, name, 1, err)) < 0)
		return CSRL_ERR_USAGE;
	if (took == 0)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "--param %s: no loaded rule has this "
				      "parameter", name);
	return CSRL_ERR_OK;
}

int csrl_plugins_setup(const struct csrl_plugin_config *cfg, struct csrl_plugins **out,
		       struct csrl_error *err)
{
	struct csrl_plugins *h = calloc(1, sizeof *h);
	const char *const *s;
	int rc = CSRL_ERR_OK;
	size_t i;

	*out = NULL;
	if (!h || !(h->sel = calloc(2 * POLICY_MAX_SELECT, sizeof *h->sel))) {
		free(h);
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	}
	h->cap = cfg->mem_limit ? cfg->mem_limit : CSRL_PLUGIN_MEM_DEFAULT;
	h->step_limit = cfg->step_limit ? cfg->step_limit : CSRL_PLUGIN_STEPS_DEFAULT;
	h->policy.enable = h->sel;
	h->policy.disable = h->sel + POLICY_MAX_SELECT;
	if (!(h->L = sandbox_new(h)))
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "cannot create the Lua state");
	if (rc == CSRL_ERR_OK && !cfg->no_defaults)
		rc = host_load_dir(h, csrl_plugins_default_dir(), err);
	for (s = cfg->files; rc == CSRL_ERR_OK && s && *s; s++)
		rc = host_load_file(h, *s, err);
	for (s = cfg->dirs; rc == CSRL_ERR_OK && s && *s; s++)
		rc = host_load_dir(h, *s, err);
	if (rc == CSRL_ERR_OK && cfg->policy)
		rc = policy_load(h, cfg->policy, err);
	for (s = cfg->params; rc == CSRL_ERR_OK && s && *s; s++)
		rc = cli_param(h, *s, err);
	if (rc != CSRL_ERR_OK) {
		csrl_plugins_free(h);
		return rc;
	}
	for (i = 0; i < h->nrules; i++)
		h->sorted[i] = &h->rules[i]->base;
	qsort(h->sorted, h->nrules, sizeof *h->sorted, by_id);
	*out = h;
	return CSRL_ERR_OK;
}
