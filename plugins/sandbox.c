/* sandbox.c - the Lua sandbox: a counting allocator with a byte cap, an instruction budget
 * enforced by yielding from a count hook (a hook that raises an error is defeated by pcall),
 * bounded pattern matching (patterns run in C, out of the hook's reach), and only the safe
 * standard libraries, copied into a fresh environment per plugin file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lualib.h>

#include "host.h"

/* The hook runs every HOOK_EVERY instructions: cheap, yet fine-grained enough. */
#define HOOK_EVERY 1000
/* A call also ends after this long: single instructions can each take long (comparing two
 * megabyte strings, hashing one), and within the budget they add up to minutes. */
#define CALL_SECONDS 1.0
/* Patterns: estimated backtracking steps allowed per call, and the largest subject. */
#define PATTERN_MAX_COST 1e8
#define PATTERN_MAX_SUBJECT (256u << 10)

struct csrl_plugins *host_of(lua_State *L)
{
	void *ud;

	lua_getallocf(L, &ud);
	return ud;
}

/* Small blocks freed by Lua wait in per-size lists and go back to Lua before malloc is
 * asked again: every request makes and drops the same small tables and strings, and
 * glibc's per-thread cache holds only 7 blocks of a size. A block of up to POOL_MAX_BLOCK
 * bytes always has its class's size, so any block of the class can stand in for it. The
 * lists hold at most POOL_MAX_BYTES; sandbox_close frees them. Under AddressSanitizer
 * nothing is kept, so that it still sees every use after free. */
#define POOL_GRAIN 16
#define POOL_MAX_BLOCK (POOL_GRAIN * CSRL_POOL_CLASSES)
#if defined(__SANITIZE_ADDRESS__)
#define POOL_MAX_BYTES 0
#else
#define POOL_MAX_BYTES (256u << 10)
#endif

struct pool_block { struct pool_block *next; };

/* The class of a block of n bytes (1 to CSRL_POOL_CLASSES), or 0 for a large block. */
static size_t pool_class(size_t n)
{
	return n <= POOL_MAX_BLOCK ? (n + POOL_GRAIN - 1) / POOL_GRAIN : 0;
}

static void *pool_get(struct csrl_plugins *h, size_t n)
{
	size_t c = pool_class(n);
	struct pool_block *b;

	if (!c)
		return malloc(n);
	if (!(b = h->pool[c - 1]))
		return malloc(c * POOL_GRAIN);
	h->pool[c - 1] = b->next;
	h->pooled -= c * POOL_GRAIN;
	return b;
}

static void pool_put(struct csrl_plugins *h, void *p, size_t n)
{
	size_t c = pool_class(n);
	struct pool_block *b = p;

	if (!c || h->pooled + c * POOL_GRAIN > POOL_MAX_BYTES) {
		free(p);
		return;
	}
	b->next = h->pool[c - 1];
	h->pool[c - 1] = b;
	h->pooled += c * POOL_GRAIN;
}

/* Counts every byte; refuses growth past the cap while a script runs. Lua then collects
 * garbage and retries before it raises a memory error. */
static void *count_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct csrl_plugins *h = ud;
	size_t oc, nc;
	void *p;

	if (!ptr)
		osize = 0;
	if (nsize == 0) {
		if (ptr)
			pool_put(h, ptr, osize);
		h->used -= osize;
		return NULL;
	}
	if (nsize > osize && h->limited && h->used - osize + nsize > h->cap)
		return NULL;
	oc = ptr ? pool_class(osize) : 0;
	nc = pool_class(nsize);
	if (ptr && oc && oc == nc) {
		p = ptr;                                  /* the block already fits */
	} else if (ptr && !oc && !nc) {
		if (!(p = realloc(ptr, nsize)))
			return NULL;
	} else {
		if (!(p = pool_get(h, nsize)))
			return NULL;
		if (ptr) {
			memcpy(p, ptr, osize < nsize ? osize : nsize);
			pool_put(h, ptr, osize);
		}
	}
	h->used = h->used - osize + nsize;
	return p;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct csrl_plugins *h = host_of(L);

	(void)ar;
	h->steps += HOOK_EVERY;
	if (h->steps <= h->step_limit && now() <= h->deadline)
		return;
	h->killed = h->steps > h->step_limit ? KILL_STEPS : KILL_TIME;
	/* yielding unwinds through any pcall to sandbox_call; where a C function is in the
	 * way (a sort comparator), the error below is re-raised by the pcall wrappers */
	if (lua_isyieldable(L))
		lua_yield(L, 0);
	luaL_error(L, "instruction budget exceeded");
}

/* pcall and xpcall as in lbaselib.c, except that a sandbox stop is passed on, not caught. */
static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
	struct csrl_plugins *h = host_of(L);

	if (status == LUA_OK || status == LUA_YIELD)
		return lua_gettop(L) - (int)extra;
	if (status == LUA_ERRMEM && !h->killed)
		h->killed = KILL_MEMORY;
	if (h->killed)
		return lua_error(L);
	lua_pushboolean(L, 0);
	lua_pushvalue(L, -2);
	return 2;
}

static int sb_pcall(lua_State *L)
{
	int status;

	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
	return finish_pcall(L, status, 0);
}

static int sb_xpcall(lua_State *L)
{
	int status, n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
	return finish_pcall(L, status, 2);
}

/* coroutine.resume catches errors too: a stopped coroutine must stop its resumer. */
static int sb_resume(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, LUA_MULTRET);
	if (host_of(L)->killed)
		return luaL_error(L, "sandbox limit reached");
	return lua_gettop(L);
}

/* A __gc metamethod runs with hooks off, where no budget reaches it: refused. */
static int sb_setmetatable(lua_State *L)
{
	views_materialize(L, 1);
	lua_pushliteral(L, "__gc");
	if (lua_type(L, 2) == LUA_TTABLE && lua_rawget(L, 2) != LUA_TNIL)
		return luaL_error(L, "__gc metamethods are not allowed in plugins");
	lua_settop(L, 2);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 1);
	return 1;
}

/* next, rawget, rawset, rawlen and getmetatable see a view proxy as the plain table it
 * stands for: it is made one first (views.c). */
static int sb_raw(lua_State *L)
{
	views_materialize(L, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* Counts steps of work done in C for the running script against its budget; over budget,
 * stops it with an error (which the sandbox's pcall passes on). */
static void sandbox_charge(lua_State *L, double steps)
{
	struct csrl_plugins *h = host_of(L);

	if (!h->limited)
		return;
	if (h->steps >= h->step_limit || steps > (double)(h->step_limit - h->steps)) {
		h->steps = h->step_limit + 1;
		h->killed = KILL_STEPS;
		luaL_error(L, "instruction budget exceeded");
	}
	h->steps += (unsigned long)steps;
}

/* table.move, insert, remove, concat, unpack and sort go through a range of positions the
 * script chooses (or its __len reports), one API call each: table.move({}, 1, 1e12, 2) is
 * one instruction of hours. The range is charged to the budget before the work starts. */
static int sb_ranged(lua_State *L)
{
	const char *fn = lua_tostring(L, lua_upvalueindex(2));
	double first = 1, last, n, lg = 1, m;

	if (lua_type(L, 1) == LUA_TTABLE) {
		if (fn[0] == 'm') {                         /* move(a1, f, e, t [, a2]) */
			first = (double)luaL_checkinteger(L, 2);
			last = (double)luaL_checkinteger(L, 3);
		} else if (fn[0] == 'c' || fn[0] == 'u') {  /* concat(t, sep, i, j), unpack(t, i, j) */
			int at = fn[0] == 'c' ? 3 : 2;

			first = (double)luaL_optinteger(L, at, 1);
			last = lua_isnoneornil(L, at + 1) ? (double)luaL_len(L, 1) :
				(double)luaL_checkinteger(L, at + 1);
		} else {                                    /* insert, remove, sort */
			last = (double)luaL_len(L, 1);
		}
		n = last - first + 1;
		for (m = n; fn[0] == 's' && m >= 2; m /= 2)
			lg++;                               /* a sort: n log n */
		if (n > 1)
			sandbox_charge(L, n * lg);
	}
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* Backtracking grows like subject^quantifiers; refuse patterns whose worst case is large. */
static int sb_pattern(lua_State *L)
{
	size_t n, m, i;
	const char *p;
	double q = 0, cost = 1;
	int plain = lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4);

	luaL_checklstring(L, 1, &n);
	p = luaL_checklstring(L, 2, &m);
	if (n > PATTERN_MAX_SUBJECT)
		return luaL_error(L, "pattern subject of %d bytes exceeds the sandbox limit of %d",
				  (int)(n > 0x7fffffff ? 0x7fffffff : n), (int)PATTERN_MAX_SUBJECT);
	for (i = 0; !plain && i < m; i++) {
		if (p[i] == '%')
			i++;                                 /* an escaped character */
		else if (p[i] && strchr("*+-?", p[i]))
			q++;
	}
	/* C(n + q, q) ways to split the subject, at each start position unless anchored */
	for (i = 1; i <= (size_t)q && cost < PATTERN_MAX_COST; i++)
		cost = cost * (double)(n + i) / (double)i;
	if (!(m && p[0] == '^'))
		cost *= (double)(n + 1);
	if (!plain && cost > PATTERN_MAX_COST)
		return luaL_error(L, "pattern with %d quantifiers over a %d-byte subject is too "
				  "costly for the sandbox", (int)q, (int)n);
	/* the string library's own function, on these very arguments: no second call frame */
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

static void wrap(lua_State *L, int table, const char *name, lua_CFunction fn, int extra)
{
	lua_getfield(L, table, name);
	lua_pushboolean(L, extra);
	lua_pushcclosure(L, fn, 2);
	lua_setfield(L, table, name);
}

static void keep_only(lua_State *L, const char *const *names)
{
	lua_newtable(L);
	for (; *names; names++) {
		lua_getfield(L, -2, *names);
		lua_setfield(L, -2, *names);
	}
	lua_remove(L, -2);
}

/* Opens the safe libraries into a template table kept in the registry ("csrl.safe"). */
static int open_safe(lua_State *L)
{
	static const char *const base[] = { "assert", "error", "ipairs", "next", "pairs",
		"rawequal", "rawget", "rawlen", "rawset", "select", "tonumber", "tostring",
		"type", "getmetatable", "_VERSION", NULL };
	static const char *const os_ok[] = { "time", "clock", "date", "difftime", NULL };
	static const char *const raw[] = { "next", "rawget", "rawset", "rawlen", "getmetatable",
		NULL };
	static const char *const ranged[] = { "move", "insert", "remove", "concat", "unpack",
		"sort", NULL };
	static const struct { const char *name; lua_CFunction open; } libs[] = {
		{ "string", luaopen_string }, { "table", luaopen_table }, { "math", luaopen_math },
		{ "utf8", luaopen_utf8 }, { "coroutine", luaopen_coroutine }, { "os", luaopen_os },
	};
	size_t i;

	luaL_requiref(L, "_G", luaopen_base, 1);
	keep_only(L, base);                         /* [safe] */
	lua_pushcfunction(L, sb_pcall);
	lua_setfield(L, -2, "pcall");
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, -2, "xpcall");
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setfield(L, -2, "setmetatable");
	for (i = 0; raw[i]; i++) {
		lua_getfield(L, -1, raw[i]);
		lua_pushcclosure(L, sb_raw, 1);
		lua_setfield(L, -2, raw[i]);
	}
	for (i = 0; i < sizeof libs / sizeof libs[0]; i++) {
		luaL_requiref(L, libs[i].name, libs[i].open, 0);
		lua_setfield(L, -2, libs[i].name);
	}
	lua_getfield(L, -1, "os");
	keep_only(L, os_ok);
	lua_setfield(L, -2, "os");
	lua_getfield(L, -1, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	wrap(L, lua_gettop(L), "find", sb_pattern, 1);
	wrap(L, lua_gettop(L), "match", sb_pattern, 0);
	wrap(L, lua_gettop(L), "gmatch", sb_pattern, 0);
	wrap(L, lua_gettop(L), "gsub", sb_pattern, 0);
	/* ("x"):find() goes through the string metatable: hide it so no script can change the
	 * methods every other plugin sees */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 3);
	lua_getfield(L, -1, "table");
	for (i = 0; ranged[i]; i++) {
		lua_getfield(L, -1, ranged[i]);
		lua_pushstring(L, ranged[i]);
		lua_pushcclosure(L, sb_ranged, 2);
		lua_setfield(L, -2, ranged[i]);
	}
	lua_pop(L, 1);
	lua_getfield(L, -1, "coroutine");
	lua_getfield(L, -1, "resume");
	lua_pushcclosure(L, sb_resume, 1);
	lua_setfield(L, -2, "resume");
	lua_pop(L, 1);
	helpers_push(L);
	lua_setfield(L, -2, "csrlint");
	lua_setfield(L, LUA_REGISTRYINDEX, "csrl.safe");
	/* the globals of the state itself are never a plugin's environment: empty them */
	lua_pushglobaltable(L);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, -4);
	}
	lua_pop(L, 1);
	bridge_register(L);
	fix_register(L);
	return 0;
}

static int panic(lua_State *L)
{
	fprintf(stderr, "csrlint: Lua host failed outside a protected call: %s\n",
		lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
	abort();
}

void sandbox_close(struct csrl_plugins *h)
{
	size_t c;

	if (h->L)
		lua_close(h->L);
	h->L = NULL;
	for (c = 0; c < CSRL_POOL_CLASSES; c++)
		while (h->pool[c]) {
			struct pool_block *b = h->pool[c];

			h->pool[c] = b->next;
			free(b);
		}
	h->pooled = 0;
}

lua_State *sandbox_new(struct csrl_plugins *h)
{
	lua_State *L = lua_newstate(count_alloc, h);

	if (!L)
		return NULL;
	lua_atpanic(L, panic);
	/* rules make many short-lived tables per request: the generational mode suits them */
	lua_gc(L, LUA_GCGEN, 0, 0);
	lua_pushcfunction(L, open_safe);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		lua_close(L);
		return NULL;
	}
	return L;
}

void sandbox_push_env(lua_State *L)
{
	lua_newtable(L);
	lua_getfield(L, LUA_REGISTRYINDEX, "csrl.safe");
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -1) == LUA_TTABLE) {   /* a library: the plugin's own copy */
			lua_newtable(L);
			lua_pushnil(L);
			while (lua_next(L, -3)) {
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, -4);
			}
			lua_remove(L, -2);
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);
	}
	lua_pop(L, 1);
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
}

/* "FILE:LINE" of the innermost plugin frame of co, or "" when there is none. */
static void where(lua_State *co, char *buf, size_t size)
{
	lua_Debug ar;
	int lvl;

	buf[0] = '\0';
	for (lvl = 0; lua_getstack(co, lvl, &ar); lvl++) {
		if (lua_getinfo(co, "Sl", &ar) && ar.source[0] == '@' && ar.currentline > 0) {
			snprintf(buf, size, "%s:%d", ar.source + 1, ar.currentline);
			return;
		}
	}
}

static void explain(struct csrl_plugins *h, lua_State *co, int status, char *why, size_t size)
{
	char loc[300];
	const char *msg = status == LUA_YIELD ? "yielded outside a coroutine" :
		lua_type(co, -1) == LUA_TSTRING ? lua_tostring(co, -1) : "error object is not a string";

	where(co, loc, sizeof loc);
	if (h->killed == KILL_STEPS)
		snprintf(why, size, "%s%sinstruction budget of %lu exceeded", loc, loc[0] ? ": " : "",
			 h->step_limit);
	else if (h->killed == KILL_TIME)
		snprintf(why, size, "%s%stime limit of %g s exceeded", loc, loc[0] ? ": " : "",
			 CALL_SECONDS);
	else if (h->killed == KILL_MEMORY || status == LUA_ERRMEM)
		snprintf(why, size, "%s%smemory limit of %zu bytes exceeded", loc,
			 loc[0] ? ": " : "", h->cap);
	else if (loc[0] && strncmp(msg, loc, strcspn(loc, ":") + 1) != 0)
		snprintf(why, size, "%s: %s", loc, msg);
	else
		snprintf(why, size, "%s", msg);
}

/* Pushes the coroutine of the next call: the one of the last call when that ended cleanly
 * (a finished coroutine starts afresh), which saves a thread per rule and request. */
static lua_State *get_thread(struct csrl_plugins *h, lua_State *L)
{
	lua_State *co;

	if (h->thread_ref) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, h->thread_ref);
		co = lua_tothread(L, -1);
		if (lua_status(co) == LUA_OK && lua_gettop(co) == 0)
			return co;
		lua_pop(L, 1);
		luaL_unref(L, LUA_REGISTRYINDEX, h->thread_ref);
		h->thread_ref = 0;
	}
	co = lua_newthread(L);
	lua_pushvalue(L, -1);
	h->thread_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return co;
}

int sandbox_call(struct csrl_plugins *h, int nargs, int nres, char *why, size_t size)
{
	lua_State *L = h->L, *co = get_thread(h, L);
	int status, got = 0, i;

	lua_insert(L, -(nargs + 2));                  /* the thread below the function */
	lua_xmove(L, co, nargs + 1);
	lua_sethook(co, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	h->steps = 0;
	h->deadline = now() + CALL_SECONDS;
	h->killed = KILL_NONE;
	h->limited = 1;
	status = lua_resume(co, L, nargs, &got);
	h->limited = 0;
	if (status == LUA_OK && !h->killed) {
		if (got > nres)
			lua_pop(co, got - nres);
		for (i = got; i < nres; i++)
			lua_pushnil(co);
		lua_xmove(co, L, nres);
		lua_remove(L, -(nres + 1));              /* the thread */
		return 0;
	}
	explain(h, co, status, why, size);
	luaL_unref(L, LUA_REGISTRYINDEX, h->thread_ref);  /* never reuse a stopped coroutine */
	h->thread_ref = 0;
	lua_pop(L, 1);
	if (h->killed == KILL_MEMORY || status == LUA_ERRMEM)
		lua_gc(L, LUA_GCCOLLECT);
	return -1;
}
