/* run.c - the engine's side of Lua rules: calls applies() and check() in the sandbox, turns
 * report() calls and returned lists into findings, and turns every failure into one fatal
 * finding of that rule on that request, so that the other rules and requests go on. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

#define WHY_MAX 640

/* A finding with the n bytes of msg. The engine escapes control characters; a NUL, which
 * would end the C string early, becomes \x00 here so that nothing after it is lost. */
static void report_bytes(struct csrl_lint_ctx *ctx, const struct csrl_node *node,
			 const char *msg, size_t n)
{
	char buf[WHY_MAX];
	size_t i, o = 0;

	if (strlen(msg) == n) {
		csrl_report(ctx, node, "%s", msg);
		return;
	}
	for (i = 0; i < n && o + 5 <= sizeof buf; i++) {
		if (msg[i]) {
			buf[o++] = msg[i];
		} else {
			memcpy(buf + o, "\\x00", 4);
			o += 4;
		}
	}
	buf[o] = '\0';
	csrl_report(ctx, node, "%s", buf);
}

/* report(message [, node]): one finding of the running rule. */
static int l_report(lua_State *L)
{
	struct csrl_plugins *h = host_of(L);
	size_t n;
	const char *msg = luaL_checklstring(L, 1, &n);
	const struct csrl_node *node = lua_isnoneornil(L, 2) ? NULL : bridge_check_node(L, 2);

	if (!h->ctx)
		return luaL_error(L, "report() was called outside check()");
	report_bytes(h->ctx, node, msg, n);
	return 0;
}

/* Pushes rule.fn with (csr, report, params) and calls it; 0, or -1 with why. */
static int call(struct lrule *r, struct csrl_lint_ctx *ctx, const char *fn, char *why,
		size_t size)
{
	struct csrl_plugins *h = r->host;
	lua_State *L = h->L;
	int rc;

	if (ctx->run != h->run) {       /* a new lint run: every older handle goes stale */
		h->run = ctx->run;
		h->gen++;
	}
	h->ctx = ctx;
	/* raw reads: a metamethod would run outside the sandbox */
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->ref);
	lua_pushstring(L, fn);
	lua_rawget(L, -2);
	bridge_push_csr(L);
	lua_pushcfunction(L, l_report);
	lua_pushliteral(L, "params");
	lua_rawget(L, -5);
	rc = sandbox_call(h, 3, 1, why, size);
	if (rc == 0)
		lua_remove(L, -2);      /* the rule table, below the result */
	else
		lua_pop(L, 1);
	return rc;
}

static void fail(struct csrl_lint_ctx *ctx, const struct lrule *r, const char *why)
{
	csrl_report_fatal(ctx, "Lua rule %s failed, so this request was not checked by it: %s "
			  "(fix the plugin %s)", r->base.id, why, r->file);
}

int lua_rule_applies(const struct csrl_lint_ctx *cctx)
{
	/* the engine's context is its own, not const: a failure becomes a finding */
	struct csrl_lint_ctx *ctx = (struct csrl_lint_ctx *)cctx;
	struct lrule *r = (struct lrule *)ctx->current;
	char why[WHY_MAX];
	int yes;

	if (!r->has_applies)
		return 1;
	if (call(r, ctx, "applies", why, sizeof why) < 0) {
		fail(ctx, r, why);
		r->host->ctx = NULL;
		return 0;
	}
	yes = lua_toboolean(r->host->L, -1);
	lua_pop(r->host->L, 1);
	r->host->ctx = NULL;
	return yes;
}

/* "FILE:LINE" where rule.check is defined, for a malformed result. */
static void check_line(struct lrule *r, char *buf, size_t size)
{
	lua_State *L = r->host->L;
	lua_Debug ar;

	lua_rawgeti(L, LUA_REGISTRYINDEX, r->ref);
	lua_pushliteral(L, "check");
	lua_rawget(L, -2);
	lua_remove(L, -2);
	if (lua_getinfo(L, ">S", &ar))
		snprintf(buf, size, "%s:%d", r->file, ar.linedefined);
	else
		snprintf(buf, size, "%s", r->file);
}

/* Reports the findings check() returned (on top); returns -1 when the list is malformed. */
static int returned(struct csrl_lint_ctx *ctx, lua_State *L, char *why, size_t size,
		    struct lrule *r)
{
	char at[300];
	lua_Integer i, n;
	int t = lua_type(L, -1);

	if (t == LUA_TNIL)
		return 0;
	check_line(r, at, sizeof at);
	if (t != LUA_TTABLE) {
		snprintf(why, size, "%s: check() returned a %s; return nothing or a list of "
			 "findings", at, lua_typename(L, t));
		return -1;
	}
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n; i++) {
		const struct csrl_node *node = NULL;
		const char *msg = NULL;
		size_t len = 0;

		t = lua_rawgeti(L, -1, i);
		if (t == LUA_TSTRING)
			msg = lua_tolstring(L, -1, &len);
		else if (t == LUA_TTABLE) {
			lua_pushliteral(L, "node");
			lua_rawget(L, -2);
			node = bridge_test_node(L, -1);
			if (!node && !lua_isnil(L, -1))
				t = LUA_TNONE;
			lua_pop(L, 1);
			lua_pushliteral(L, "message");
			lua_rawget(L, -2);
			msg = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
			lua_insert(L, -2);
			lua_pop(L, 1);
		}
		if (!msg || t == LUA_TNONE) {
			lua_pop(L, 1);
			snprintf(why, size, "%s: check() returned a malformed finding #%lld (want a "
				 "message string or {message = ..., node = ...})", at, (long long)i);
			return -1;
		}
		report_bytes(ctx, node, msg, len);
		lua_pop(L, 1);
	}
	return 0;
}

void lua_rule_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule)
{
	struct lrule *r = (struct lrule *)rule;
	lua_State *L = r->host->L;
	char why[WHY_MAX];

	if (call(r, ctx, "check", why, sizeof why) < 0) {
		fail(ctx, r, why);
	} else {
		if (returned(ctx, L, why, sizeof why, r) < 0)
			fail(ctx, r, why);
		lua_pop(L, 1);
	}
	r->host->ctx = NULL;
}

const struct csrl_rule *const *csrl_plugins_rules(const struct csrl_plugins *p, size_t *n)
{
	*n = p ? p->nrules : 0;
	return p ? p->sorted : NULL;
}

const struct csrl_policy *csrl_plugins_policy(const struct csrl_plugins *p)
{
	return &p->policy;
}

const char *csrl_plugins_rule_file(const struct csrl_plugins *p, const struct csrl_rule *r)
{
	size_t i;

	for (i = 0; p && i < p->nrules; i++)
		if (&p->rules[i]->base == r)
			return p->rules[i]->file;
	return NULL;
}

static int dir_exists(const char *d)
{
	return access(d, R_OK | X_OK) == 0;
}

const char *csrl_plugins_default_dir(void)
{
	/* per thread: library contexts in several threads may ask at once */
	static _Thread_local char buf[PATH_MAX + 64];
	const char *env = getenv("CSRL_PLUGIN_DIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;
	int up;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		/* installed: PREFIX/bin/csrlint -> PREFIX/share/csrlint/plugins */
		snprintf(buf, sizeof buf, "%s/../share/csrlint/plugins", exe);
		if (dir_exists(buf))
			return buf;
		/* build tree: build/csrlint, or build/asan/csrlint etc. (BUILDDIR=build/NAME)
		 * -> plugins/rules at the top */
		for (up = 1; up <= 3; up++) {
			snprintf(buf, sizeof buf, "%s/%s/plugins/rules", exe,
				 up == 1 ? ".." : up == 2 ? "../.." : "../../..");
			if (dir_exists(buf))
				return buf;
		}
	}
	return CSRL_PLUGIN_DIR;
}

void csrl_plugins_free(struct csrl_plugins *p)
{
	size_t i;

	if (!p)
		return;
	sandbox_close(p);
	for (i = 0; i < p->nrules; i++)
		free(p->rules[i]);
	for (i = 0; i < p->nstrs; i++)
		free(p->strs[i]);
	free(p->strs);
	free(p->sel);
	free(p->sev);
	free(p);
}
