/* host.c - loads Lua rules, validates their tables (naming the file and field in every
 * error), holds their parameters, and runs them for the engine: each Lua rule is a struct
 * csrl_rule whose applies() and check() call into the one Lua state of its host. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define WHY_MAX 640

const char *host_strdup(struct csrl_plugins *h, const char *s)
{
	char *c;

	if (h->nstrs == h->capstrs) {
		size_t cap = h->capstrs ? h->capstrs * 2 : 32;
		char **v = realloc(h->strs, cap * sizeof *v);

		if (!v)
			return NULL;
		h->strs = v;
		h->capstrs = cap;
	}
	if (!(c = strdup(s)))
		return NULL;
	return h->strs[h->nstrs++] = c;
}

static int read_source(const char *path, char **buf, size_t *len, struct csrl_error *err)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "%s: cannot open the plugin", path);
	*buf = malloc(CSRL_PLUGIN_MAX_SOURCE + 1);
	n = *buf ? fread(*buf, 1, CSRL_PLUGIN_MAX_SOURCE + 1, f) : 0;
	fclose(f);
	if (!*buf)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "%s: out of memory", path);
	if (n > CSRL_PLUGIN_MAX_SOURCE) {
		free(*buf);
		return csrl_error_set(err, CSRL_ERR_TOO_LARGE, 0, "%s: larger than %u bytes", path,
				      CSRL_PLUGIN_MAX_SOURCE);
	}
	*len = n;
	return CSRL_ERR_OK;
}

int host_compile(struct csrl_plugins *h, const char *path, struct csrl_error *err)
{
	char *src = NULL, name[1100];
	size_t n = 0;
	int rc;

	if ((rc = read_source(path, &src, &n, err)) != CSRL_ERR_OK)
		return rc;
	snprintf(name, sizeof name, "@%s", path);
	/* text mode: precompiled chunks can crash the VM */
	rc = luaL_loadbufferx(h->L, src, n, name, "t");
	free(src);
	if (rc != LUA_OK) {
		csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s", lua_tostring(h->L, -1));
		lua_pop(h->L, 1);
		return CSRL_ERR_USAGE;
	}
	sandbox_push_env(h->L);
	lua_setupvalue(h->L, -2, 1);
	return CSRL_ERR_OK;
}

static int field_error(struct csrl_error *err, const char *file, int i, const char *field,
		       const char *what)
{
	return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: rule #%d: field '%s' %s", file, i,
			      field, what);
}

/* The string field of the table on top, or NULL when absent or not a non-empty string. */
static const char *str_field(lua_State *L, const char *k)
{
	const char *s;

	lua_pushstring(L, k);
	lua_rawget(L, -2);
	s = lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) ? lua_tostring(L, -1) : NULL;
	lua_pop(L, 1);          /* the string stays alive: the rule table holds it */
	return s;
}

static int valid_id(const char *id)
{
	size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789.-");

	return id[n] == '\0' && strchr(id, '.') && id[0] != '.' && n < 128;
}

static int known_id(struct csrl_plugins *h, const char *id)
{
	size_t i;

	if (csrl_rule_find(id))
		return 1;
	for (i = 0; i < h->nrules; i++)
		if (strcmp(h->rules[i]->base.id, id) == 0)
			return 1;
	return 0;
}

/* Reads profiles = { "rfc", ... } of the rule on top; -1 when malformed. */
static long profiles_field(lua_State *L)
{
	unsigned mask = 0, bit;
	lua_Integer i, n;

	lua_pushliteral(L, "profiles");
	if (lua_rawget(L, -2) != LUA_TTABLE) {
		lua_pop(L, 1);
		return -1;
	}
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		bit = lua_type(L, -1) == LUA_TSTRING ? csrl_profile_parse(lua_tostring(L, -1)) : 0;
		if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "all") == 0)
			bit = CSRL_PROFILES_ALL;
		lua_pop(L, 1);
		if (!bit) {
			lua_pop(L, 1);
			return -1;
		}
		mask |= bit;
	}
	lua_pop(L, 1);
	return mask;
}

/* Whether field k of the table on top is absent (0), a function (1) or something else (-1). */
static int fn_field(lua_State *L, const char *k)
{
	int t;

	lua_pushstring(L, k);
	t = lua_rawget(L, -2);
	lua_pop(L, 1);
	return t == LUA_TNIL ? 0 : t == LUA_TFUNCTION ? 1 : -1;
}

/* params = { name = default }: defaults are strings, numbers, booleans or lists of strings. */
static int params_ok(lua_State *L)
{
	int t, ok = 1;

	lua_pushliteral(L, "params");
	t = lua_rawget(L, -2);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		lua_pushliteral(L, "params");
		lua_newtable(L);
		lua_rawset(L, -3);
		return 1;
	}
	if (t != LUA_TTABLE) {
		lua_pop(L, 1);
		return 0;
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		t = lua_type(L, -1);
		ok &= lua_type(L, -2) == LUA_TSTRING && (t == LUA_TSTRING || t == LUA_TNUMBER ||
			t == LUA_TBOOLEAN || t == LUA_TTABLE);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return ok;
}

/* Validates the rule table on top of the stack (rule #i of file) and registers it. */
static int add_rule(struct csrl_plugins *h, const char *file, int i, struct csrl_error *err)
{
	lua_State *L = h->L;
	const char *id = str_field(L, "id"), *sev = str_field(L, "severity");
	const char *desc = str_field(L, "description"), *cite = str_field(L, "citation");
	long profiles = profiles_field(L);
	struct lrule *r;

	if (!id || !valid_id(id))
		return field_error(err, file, i, "id", "must be a lowercase dotted id such as "
				   "\"policy.san.too-many\"");
	if (known_id(h, id))
		return field_error(err, file, i, "id", "names a rule that is already loaded");
	if (!sev || csrl_severity_parse(sev) < 0 || csrl_severity_parse(sev) == CSRL_SEV_FATAL)
		return field_error(err, file, i, "severity", "must be info, notice, warning or error");
	if (!desc)
		return field_error(err, file, i, "description", "must be a non-empty string");
	if (!cite)
		return field_error(err, file, i, "citation", "must be a non-empty string");
	if (profiles < 0)
		return field_error(err, file, i, "profiles", "must be a list of profile names "
				   "(rfc, tls-server, letsencrypt, private-pki, all)");
	if (fn_field(L, "check") != 1)
		return field_error(err, file, i, "check", "must be a function");
	if (fn_field(L, "applies") < 0)
		return field_error(err, file, i, "applies", "must be a function when present");
	if (fn_field(L, "fix") < 0)
		return field_error(err, file, i, "fix", "must be a function when present");
	if (!params_ok(L))
		return field_error(err, file, i, "params", "must map names to strings, numbers, "
				   "booleans or lists");
	if (h->nrules == CSRL_PLUGIN_MAX_RULES)
		return csrl_error_set(err, CSRL_ERR_TOO_MANY, 0, "%s: more than %d Lua rules", file,
				      CSRL_PLUGIN_MAX_RULES);
	if (!(r = calloc(1, sizeof *r)))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	h->rules[h->nrules++] = r;
	r->host = h;
	r->file = file;
	r->has_applies = fn_field(L, "applies") == 1;
	r->has_fix = fn_field(L, "fix") == 1;
	r->base = (struct csrl_rule){ host_strdup(h, id), (enum csrl_severity)csrl_severity_parse(sev),
		host_strdup(h, desc), host_strdup(h, cite), CSRL_SRC_PLUGIN, (unsigned)profiles,
		lua_rule_applies, lua_rule_check };
	lua_pushvalue(L, -1);
	r->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	if (!r->base.id || !r->base.description || !r->base.citation)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	return CSRL_ERR_OK;
}

int host_load_file(struct csrl_plugins *h, const char *path, struct csrl_error *err)
{
	lua_State *L = h->L;
	char why[WHY_MAX];
	const char *file = host_strdup(h, path);
	int rc, i, n;

	if (!file)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if ((rc = host_compile(h, file, err)) != CSRL_ERR_OK)
		return rc;
	if (sandbox_call(h, 0, 1, why, sizeof why) < 0)
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s", why);
	if (lua_type(L, -1) != LUA_TTABLE) {
		lua_pop(L, 1);
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: must return a rule table or a "
				      "list of rule tables", file);
	}
	if (str_field(L, "id") || fn_field(L, "check")) {
		rc = add_rule(h, file, 1, err);
		lua_pop(L, 1);
		return rc;
	}
	n = (int)lua_rawlen(L, -1);
	for (i = 1, rc = n ? CSRL_ERR_OK : csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: returned "
	     "an empty list", file); rc == CSRL_ERR_OK && i <= n; i++) {
		if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
			rc = field_error(err, file, i, "[list entry]", "must be a rule table");
		else
			rc = add_rule(h, file, i, err);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int host_load_dir(struct csrl_plugins *h, const char *dir, struct csrl_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[CSRL_PLUGIN_MAX_RULES], path[1024];
	size_t n = 0, i, l;
	int rc = CSRL_ERR_OK;

	if (!d)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "%s: cannot open the plugin folder", dir);
	while ((e = readdir(d)) && n < CSRL_PLUGIN_MAX_RULES) {
		l = strlen(e->d_name);
		if (l > 4 && e->d_name[0] != '.' && strcmp(e->d_name + l - 4, ".lua") == 0 &&
		    !(names[n] = strdup(e->d_name)))
			break;
		n += l > 4 && e->d_name[0] != '.' && strcmp(e->d_name + l - 4, ".lua") == 0;
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (rc == CSRL_ERR_OK)
			rc = host_load_file(h, path, err);
		free(names[i]);
	}
	return rc;
}

/* Converts the command-line text on top to the type of the default on top - 1. */
static int convert(lua_State *L)
{
	const char *s = lua_tostring(L, -1);
	int t = lua_type(L, -2);

	if (t == LUA_TNUMBER) {
		if (!lua_stringtonumber(L, s))
			return -1;
		lua_remove(L, -2);
	} else if (t == LUA_TBOOLEAN) {
		if (strcmp(s, "true") && strcmp(s, "false"))
			return -1;
		lua_pushboolean(L, strcmp(s, "true") == 0);
		lua_remove(L, -2);
	} else if (t == LUA_TTABLE) {            /* a comma-separated list */
		const char *p = s, *c;
		lua_Integer k = 0;

		lua_newtable(L);
		for (; *p; p = *c ? c + 1 : c) {
			c = p + strcspn(p, ",");
			lua_pushlstring(L, p, (size_t)(c - p));
			lua_rawseti(L, -2, ++k);
		}
		lua_remove(L, -2);
	}
	return 0;
}

int host_set_param(struct csrl_plugins *h, const char *name, int from_text,
		   struct csrl_error *err)
{
	lua_State *L = h->L;
	size_t i;
	int took = 0;

	for (i = 0; i < h->nrules; i++) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, h->rules[i]->ref);
		lua_pushliteral(L, "params");
		lua_rawget(L, -2);
		lua_pushstring(L, name);
		if (lua_rawget(L, -2) == LUA_TNIL) {
			lua_pop(L, 3);
			continue;
		}
		lua_pushvalue(L, -4);                        /* the new value */
		if (from_text && convert(L) < 0) {
			csrl_error_set(err, CSRL_ERR_USAGE, 0, "--param %s: '%s' does not fit the "
				       "default of rule %s (a %s)", name, lua_tostring(L, -5),
				       h->rules[i]->base.id, luaL_typename(L, -2));
			lua_pop(L, 5);
			return -1;
		}
		lua_pushstring(L, name);
		lua_insert(L, -2);
		lua_rawset(L, -4);
		lua_pop(L, 3);
		took++;
	}
	lua_pop(L, 1);
	return took;
}
