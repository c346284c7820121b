/* views.c - per-request views shared by every Lua rule of one lint run. csr:subject() and
 * csr:sans() build their entry tables once per run; each call then hands out fresh empty
 * tables whose metatable reads through to those entries (copy on first write). The first
 * write, pairs(), or raw access (next, rawget, rawset, rawlen, getmetatable,
 * setmetatable: sandbox.c routes them through views_materialize) copies the fields into
 * the script's own table and drops the metatable, so it is a plain table from then on.
 * A script thus sees what it saw before, yet no rule can change what another one reads:
 * the shared entries and their metatables are never reachable from Lua. */
#include "host.h"

/* Slots of the views table: one list of entry metatables per view. */
#define VIEW_SLOTS 2

/* Pushes the views table of the current generation, a new one for a new lint run. */
static void push_views(lua_State *L, struct csrl_plugins *h)
{
	if (h->views_ref && h->views_gen == h->gen) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, h->views_ref);
		return;
	}
	lua_createtable(L, VIEW_SLOTS, 0);
	lua_pushvalue(L, -1);
	if (h->views_ref)
		lua_rawseti(L, LUA_REGISTRYINDEX, h->views_ref);
	else
		h->views_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	h->views_gen = h->gen;
}

int views_get(lua_State *L, int slot)
{
	push_views(L, host_of(L));
	if (lua_rawgeti(L, -1, slot) == LUA_TTABLE) {
		lua_remove(L, -2);
		return 1;
	}
	lua_pop(L, 2);
	return 0;
}

static int cow_newindex(lua_State *L);

/* The shared entry behind the proxy at idx (pushed), or 0 and nothing pushed. */
static int push_entry(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
		return 0;
	lua_pushliteral(L, "__newindex");
	if (lua_rawget(L, -2) != LUA_TFUNCTION || lua_tocfunction(L, -1) != cow_newindex) {
		lua_pop(L, 2);
		return 0;
	}
	lua_pop(L, 1);
	lua_pushliteral(L, "__index");
	lua_rawget(L, -2);
	lua_remove(L, -2);
	return 1;
}

void views_materialize(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (!push_entry(L, idx))
		return;
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, idx);
	}
	lua_pop(L, 1);
	lua_pushnil(L);
	lua_setmetatable(L, idx);
}

/* __newindex(t, k, v): t becomes the script's own copy, then takes the write. */
static int cow_newindex(lua_State *L)
{
	lua_settop(L, 3);
	views_materialize(L, 1);
	lua_rawset(L, 1);
	return 0;
}

/* next, as the base library has it (pairs of a plain table). */
static int plain_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* __pairs(t): iterates over the copy. */
static int cow_pairs(lua_State *L)
{
	views_materialize(L, 1);
	lua_pushcfunction(L, plain_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

void views_put(lua_State *L, int slot)
{
	lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1);

	/* no __len: entries are records, whose length is 0 in the proxy as in the copy; no
	 * __metatable: getmetatable() makes the proxy a plain table before it looks */
	for (i = 1; i <= n; i++) {
		lua_createtable(L, 0, 3);
		lua_rawgeti(L, -2, i);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, cow_newindex);
		lua_setfield(L, -2, "__newindex");
		lua_pushcfunction(L, cow_pairs);
		lua_setfield(L, -2, "__pairs");
		lua_rawseti(L, -2, i);
	}
	push_views(L, host_of(L));
	lua_pushvalue(L, -2);
	lua_rawseti(L, -2, slot);
	lua_pop(L, 1);
}

void views_proxy(lua_State *L, int mts, lua_Integer i)
{
	mts = lua_absindex(L, mts);
	lua_createtable(L, 0, 0);
	lua_rawgeti(L, mts, i);
	lua_setmetatable(L, -2);
}
