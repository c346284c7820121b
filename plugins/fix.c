/* fix.c - fixes declared by Lua rules. `csrlint fix` calls a rule's fix(req, findings,
 * params) when the rule reported something; req is a handle on the generator's editable
 * request that offers a few reads and the checked edits of core/gen_edit.c, never the parsed
 * CSR, its bytes or a key. The handle is valid for one call only, and the call runs in the
 * sandbox under the same memory and instruction limits as check(). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "../core/gen.h"

#define REQ_MT "csrl.request"
#define WHY_MAX 640
/* Longest type, OID or extension name an edit takes. */
#define NAME_ARG_MAX 128

struct rhandle {
	unsigned long gen;
};

static struct csrl_gen_req *live_req(lua_State *L)
{
	struct rhandle *u = luaL_checkudata(L, 1, REQ_MT);
	struct csrl_plugins *h = host_of(L);

	if (u->gen != h->fix_gen || !h->fix_req)
		luaL_error(L, "a request handle was used after its fix ended");
	return h->fix_req;
}

/* The request of an edit: counted, and refused past CSRL_PLUGIN_FIX_MAX_EDITS. */
static struct csrl_gen_req *edit_req(lua_State *L)
{
	struct csrl_gen_req *req = live_req(L);
	struct csrl_plugins *h = host_of(L);

	if (++h->fix_edits > CSRL_PLUGIN_FIX_MAX_EDITS)
		luaL_error(L, "more than %d edits in one fix", CSRL_PLUGIN_FIX_MAX_EDITS);
	return req;
}

/* A string argument, strictly (no number converted), without NUL, at most max bytes. */
static const char *str_arg(lua_State *L, int idx, size_t max, size_t *len)
{
	size_t n;
	const char *s;

	if (lua_type(L, idx) != LUA_TSTRING)
		luaL_typeerror(L, idx, "string");
	s = lua_tolstring(L, idx, &n);
	if (n > max || strlen(s) != n)
		luaL_argerror(L, idx, n > max ? "too long" : "holds a NUL byte");
	if (len)
		*len = n;
	return s;
}

/* A 1-based index argument naming a subject value of req, as a 0-based index. */
static size_t index_arg(lua_State *L, int idx, const struct csrl_gen_req *req)
{
	size_t n = csrl_gen_subject_count(req);
	lua_Integer i;

	if (!lua_isinteger(L, idx))
		luaL_typeerror(L, idx, "integer");
	i = lua_tointeger(L, idx);
	if (i < 1 || (lua_Unsigned)i > n)
		luaL_error(L, "the subject has no value #%I (it has %d)", i,
			   (int)n);
	return (size_t)(i - 1);
}

static int done(lua_State *L, int rc, const struct csrl_error *err)
{
	if (rc != CSRL_ERR_OK)
		return luaL_error(L, "%s", err->msg);
	return 0;
}

static void set_str(lua_State *L, const char *k, const char *v)
{
	if (v) {
		lua_pushstring(L, v);
		lua_setfield(L, -2, k);
	}
}

/** req:subject(): list of {index, rdn, oid, name, value, type} in encoding order. */
static int r_subject(lua_State *L)
{
	const struct csrl_gen_req *req = live_req(L);
	size_t i, rdn, n = csrl_gen_subject_count(req);

	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		const struct csrl_gen_ava *a = csrl_gen_subject_at(req, i, &rdn);

		lua_createtable(L, 0, 6);
		lua_pushinteger(L, (lua_Integer)i + 1);
		lua_setfield(L, -2, "index");
		lua_pushinteger(L, (lua_Integer)rdn + 1);
		lua_setfield(L, -2, "rdn");
		set_str(L, "oid", a->oid);
		set_str(L, "name", csrl_gen_oid_name(a->oid));
		set_str(L, "value", a->utf8);
		set_str(L, "type", a->text ? text_string_type(a->tag) : "other");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static const char *const gn_names[] = { "other", "email", "dns", "x400", "dirname",
					"ediparty", "uri", "ip", "rid" };

/** req:sans([type]): list of {type, value} of the subjectAltName (value nil for names kept
 * as encoded: otherName, directoryName, ...). */
static int r_sans(lua_State *L)
{
	const struct csrl_gen_req *req = live_req(L);
	const char *want = lua_isnoneornil(L, 2) ? NULL : str_arg(L, 2, NAME_ARG_MAX, NULL);
	char ip[INET6_ADDRSTRLEN];
	size_t i, j;
	lua_Integer k = 0;

	lua_newtable(L);
	for (i = 0; i < req->nexts; i++)
		for (j = 0; req->exts[i].is_san && j < req->exts[i].nnames; j++) {
			const struct csrl_gen_name *g = &req->exts[i].names[j];
			const char *type = (unsigned)g->type < 9 ? gn_names[g->type] : "unknown";

			if (want && strcmp(want, type) != 0)
				continue;
			lua_createtable(L, 0, 2);
			set_str(L, "type", type);
			if (!g->raw && g->type == CSRL_GN_IP && (g->len == 4 || g->len == 16))
				set_str(L, "value", inet_ntop(g->len == 4 ? AF_INET : AF_INET6,
							      g->value, ip, sizeof ip));
			else if (!g->raw && g->type != CSRL_GN_IP)
				set_str(L, "value", g->value);
			lua_rawseti(L, -2, ++k);
		}
	return 1;
}

/** req:extensions(): list of {oid, name, critical}. */
static int r_extensions(lua_State *L)
{
	const struct csrl_gen_req *req = live_req(L);
	size_t i;

	lua_createtable(L, (int)req->nexts, 0);
	for (i = 0; i < req->nexts; i++) {
		lua_createtable(L, 0, 3);
		set_str(L, "oid", req->exts[i].oid);
		set_str(L, "name", csrl_gen_oid_name(req->exts[i].oid));
		lua_pushboolean(L, req->exts[i].critical);
		lua_setfield(L, -2, "critical");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/** req:attributes(): list of {oid, name} (extensionRequest aside; never a value). */
static int r_attributes(lua_State *L)
{
	const struct csrl_gen_req *req = live_req(L);
	size_t i;

	lua_createtable(L, (int)req->nattrs, 0);
	for (i = 0; i < req->nattrs; i++) {
		lua_createtable(L, 0, 2);
		set_str(L, "oid", req->attrs[i].oid);
		set_str(L, "name", csrl_gen_oid_name(req->attrs[i].oid));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int e_set_subject_value(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	size_t i = index_arg(L, 2, req), len;
	const char *v = str_arg(L, 3, CSRL_GEN_MAX_VALUE, &len);
	struct csrl_error err = { 0 };

	return done(L, csrl_gen_set_subject_value(req, i, v, len, &err), &err);
}

static int e_remove_subject(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	size_t i = index_arg(L, 2, req);
	struct csrl_error err = { 0 };

	return done(L, csrl_gen_remove_subject_value(req, i, &err), &err);
}

static int e_remove_subject_attribute(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *type = str_arg(L, 2, NAME_ARG_MAX, NULL);
	struct csrl_error err = { 0 };
	size_t n = 0;
	int rc = csrl_gen_remove_subject_type(req, type, &n, &err);

	done(L, rc, &err);
	lua_pushinteger(L, (lua_Integer)n);
	return 1;
}

static int e_add_san(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *type = str_arg(L, 2, NAME_ARG_MAX, NULL);
	size_t len;
	const char *v = str_arg(L, 3, CSRL_GEN_MAX_VALUE, &len);
	struct csrl_error err = { 0 };

	return done(L, csrl_gen_add_name(req, type, v, len, &err), &err);
}

static int e_remove_san(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *type = str_arg(L, 2, NAME_ARG_MAX, NULL);
	size_t len, n = 0;
	const char *v = str_arg(L, 3, CSRL_GEN_MAX_VALUE, &len);
	struct csrl_error err = { 0 };

	done(L, csrl_gen_remove_name(req, type, v, len, &n, &err), &err);
	lua_pushinteger(L, (lua_Integer)n);
	return 1;
}

static int e_set_extension_critical(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *ext = str_arg(L, 2, NAME_ARG_MAX, NULL);
	struct csrl_error err = { 0 };

	luaL_checktype(L, 3, LUA_TBOOLEAN);
	return done(L, csrl_gen_set_ext_critical(req, ext, lua_toboolean(L, 3), &err), &err);
}

static int e_remove_extension(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *ext = str_arg(L, 2, NAME_ARG_MAX, NULL);
	struct csrl_error err = { 0 };

	return done(L, csrl_gen_remove_ext(req, ext, &err), &err);
}

static int e_remove_attribute(lua_State *L)
{
	struct csrl_gen_req *req = edit_req(L);
	const char *attr = str_arg(L, 2, NAME_ARG_MAX, NULL);
	struct csrl_error err = { 0 };

	return done(L, csrl_gen_remove_attr(req, attr, &err), &err);
}

void fix_register(lua_State *L)
{
	static const luaL_Reg m[] = {
		{ "subject", r_subject }, { "sans", r_sans }, { "extensions", r_extensions },
		{ "attributes", r_attributes }, { "set_subject_value", e_set_subject_value },
		{ "remove_subject", e_remove_subject },
		{ "remove_subject_attribute", e_remove_subject_attribute },
		{ "add_san", e_add_san }, { "remove_san", e_remove_san },
		{ "set_extension_critical", e_set_extension_critical },
		{ "remove_extension", e_remove_extension },
		{ "remove_attribute", e_remove_attribute }, { NULL, NULL },
	};

	bridge_new_mt(L, REQ_MT, m);
	lua_pop(L, 1);
}

/* Pushes the rule's findings in f as {rule, severity, message, path, offset, length}; returns
 * how many there are (the rule's fatal findings aside). */
static size_t push_findings(lua_State *L, const struct lrule *r, const struct csrl_findings *f)
{
	size_t i;
	lua_Integer k = 0;

	lua_newtable(L);
	for (i = 0; i < f->n; i++) {
		const struct csrl_finding *x = &f->v[i];

		if (strcmp(x->rule_id, r->base.id) != 0 || x->severity == CSRL_SEV_FATAL)
			continue;
		lua_createtable(L, 0, 6);
		set_str(L, "rule", x->rule_id);
		set_str(L, "severity", csrl_severity_name(x->severity));
		set_str(L, "message", x->message);
		set_str(L, "path", x->path ? x->path : "");
		lua_pushinteger(L, (lua_Integer)x->offset);
		lua_setfield(L, -2, "offset");
		lua_pushinteger(L, (lua_Integer)x->length);
		lua_setfield(L, -2, "length");
		lua_rawseti(L, -2, ++k);
	}
	return (size_t)k;
}

/* Calls r's fix on req when it has findings in f: 1 when it ran, 0 when not called for,
 * -1 with why when it failed. */
static int run_fix(struct lrule *r, struct csrl_gen_req *req, const struct csrl_findings *f,
		   char *why, size_t size)
{
	struct csrl_plugins *h = r->host;
	lua_State *L = h->L;
	char prefix[200];
	size_t nlog = req->nlog;
	struct rhandle *u;
	int rc;

	lua_rawgeti(L, LUA_REGISTRYINDEX, r->ref);
	lua_pushliteral(L, "fix");
	lua_rawget(L, -2);                                /* raw: no metamethod outside */
	u = lua_newuserdatauv(L, sizeof *u, 0);
	u->gen = ++h->fix_gen;
	luaL_setmetatable(L, REQ_MT);
	if (!push_findings(L, r, f)) {
		lua_pop(L, 4);
		return 0;
	}
	lua_pushliteral(L, "params");
	lua_rawget(L, -5);
	snprintf(prefix, sizeof prefix, "plugin rule %s: ", r->base.id);
	h->fix_req = req;
	h->fix_edits = 0;
	req->log_prefix = prefix;
	rc = sandbox_call(h, 3, 0, why, size);
	req->log_prefix = NULL;
	h->fix_req = NULL;
	h->fix_gen++;                                     /* a kept handle is stale now */
	lua_pop(L, 1);                                    /* the rule table */
	if (rc < 0)
		return -1;
	if (req->nlog == nlog)
		csrl_gen_logf(req, "plugin rule %s: its fix ran and changed nothing", r->base.id);
	return 1;
}

int csrl_plugins_fix(struct csrl_plugins *p, struct csrl_gen_req *req,
		     const struct csrl_findings *f, size_t *ran, struct csrl_error *err)
{
	char why[WHY_MAX];
	size_t i;
	int rc;

	*ran = 0;
	for (i = 0; p && i < p->nrules; i++) {
		/* sorted by id, so that fixes run in an order the user can predict */
		struct lrule *r = (struct lrule *)p->sorted[i];

		if (!r->has_fix)
			continue;
		if ((rc = run_fix(r, req, f, why, sizeof why)) < 0)
			return csrl_error_set(err, CSRL_ERR_USAGE, 0, "Lua rule %s: its fix failed, so "
					      "nothing was written: %s (fix the plugin %s)",
					      r->base.id, why, r->file);
		*ran += (size_t)rc;
	}
	return CSRL_ERR_OK;
}
