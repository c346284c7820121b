/* handles.c - the userdata handles Lua holds on a request and on its DER nodes, and the node
 * methods. A handle is typed by its metatable (found by registry ref, not by name) and holds
 * the generation of the lint run it was made in; the model it points into is freed after
 * that run, so a handle kept longer raises an error instead of reading freed memory. */
#include <string.h>

#include "host.h"

#define CSR_MT "csrl.csr"
#define NODE_MT "csrl.node"

struct handle {
	unsigned long gen;
	const struct csrl_node *node;    /* NULL for the CSR handle */
};

static struct csrl_lint_ctx *live(lua_State *L, const struct handle *u)
{
	struct csrl_plugins *h = host_of(L);

	if (u->gen != h->gen || !h->ctx)
		luaL_error(L, "a CSR handle was used after its lint run ended");
	return h->ctx;
}

/* luaL_testudata with the metatable by registry ref (no lookup by name on every call). */
static struct handle *test_handle(lua_State *L, int idx, int mt)
{
	struct handle *u = lua_touserdata(L, idx);
	int same;

	if (!u || !lua_getmetatable(L, idx))
		return NULL;
	lua_rawgeti(L, LUA_REGISTRYINDEX, mt);
	same = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	return same ? u : NULL;
}

/* luaL_checkudata, same message. */
static struct handle *check_handle(lua_State *L, int idx, int mt, const char *name)
{
	struct handle *u = test_handle(L, idx, mt);

	if (!u)
		luaL_typeerror(L, idx, name);
	return u;
}

const struct csrl_csr *bridge_check_csr(lua_State *L)
{
	return live(L, check_handle(L, 1, host_of(L)->csr_mt, CSR_MT))->csr;
}

const struct csrl_node *bridge_check_node(lua_State *L, int idx)
{
	struct handle *u = check_handle(L, idx, host_of(L)->node_mt, NODE_MT);

	live(L, u);
	return u->node;
}

const struct csrl_node *bridge_test_node(lua_State *L, int idx)
{
	struct csrl_plugins *h = host_of(L);
	struct handle *u = test_handle(L, idx, h->node_mt);

	return u && u->gen == h->gen && h->ctx ? u->node : NULL;
}

void bridge_push_node(lua_State *L, const struct csrl_node *n)
{
	struct csrl_plugins *h;
	struct handle *u;

	if (!n) {
		lua_pushnil(L);
		return;
	}
	h = host_of(L);
	u = lua_newuserdatauv(L, sizeof *u, 0);
	u->gen = h->gen;
	u->node = n;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->node_mt);    /* by ref: no name lookup per node */
	lua_setmetatable(L, -2);
}

/* One handle per lint run, shared by its rules: it holds nothing a script could change. */
void bridge_push_csr(lua_State *L)
{
	struct csrl_plugins *h = host_of(L);
	struct handle *u;

	if (h->csr_ref && h->csr_gen == h->gen) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, h->csr_ref);
		return;
	}
	u = lua_newuserdatauv(L, sizeof *u, 0);
	u->gen = h->gen;
	u->node = NULL;
	lua_rawgeti(L, LUA_REGISTRYINDEX, h->csr_mt);
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	if (h->csr_ref)
		lua_rawseti(L, LUA_REGISTRYINDEX, h->csr_ref);
	else
		h->csr_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	h->csr_gen = h->gen;
}

static int n_tag(lua_State *L) { lua_pushinteger(L, bridge_check_node(L, 1)->tag); return 1; }
static int n_offset(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)bridge_check_node(L, 1)->offset);
	return 1;
}
static int n_length(lua_State *L)
{
	const struct csrl_node *n = bridge_check_node(L, 1);

	lua_pushinteger(L, (lua_Integer)(n->hdr_len + n->len));
	return 1;
}
static int n_content_length(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)bridge_check_node(L, 1)->len);
	return 1;
}
static int n_constructed(lua_State *L)
{
	lua_pushboolean(L, bridge_check_node(L, 1)->constructed);
	return 1;
}
static int n_class(lua_State *L)
{
	static const char *const cls[] = { "universal", "application", "context", "private" };

	lua_pushstring(L, cls[bridge_check_node(L, 1)->cls & 3]);
	return 1;
}
static int n_children(lua_State *L)
{
	const struct csrl_node *c = bridge_check_node(L, 1)->child;
	lua_Integer k = 0;

	lua_newtable(L);
	for (; c && k < BRIDGE_NODE_MAX; c = c->next)
		bridge_push_node(L, c), lua_rawseti(L, -2, ++k);
	return 1;
}
static int n_parent(lua_State *L)
{
	bridge_push_node(L, bridge_check_node(L, 1)->parent);
	return 1;
}
static int n_bytes(lua_State *L)
{
	const struct csrl_node *n = bridge_check_node(L, 1);

	lua_pushlstring(L, (const char *)n->content - n->hdr_len, n->hdr_len + n->len);
	return 1;
}
static int n_content(lua_State *L)
{
	const struct csrl_node *n = bridge_check_node(L, 1);

	lua_pushlstring(L, (const char *)n->content, n->len);
	return 1;
}
static int n_path(lua_State *L)
{
	const struct csrl_node *n = bridge_check_node(L, 1);
	char path[256];

	csrl_node_path(host_of(L)->ctx->csr, n, path, sizeof path);
	lua_pushstring(L, path);
	return 1;
}

void bridge_new_mt(lua_State *L, const char *name, const luaL_Reg *methods)
{
	luaL_newmetatable(L, name);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");       /* getmetatable() sees a name, not the table */
}

void bridge_register(lua_State *L)
{
	static const luaL_Reg node_m[] = {
		{ "tag", n_tag }, { "class", n_class }, { "constructed", n_constructed },
		{ "offset", n_offset }, { "length", n_length },
		{ "content_length", n_content_length }, { "children", n_children },
		{ "parent", n_parent }, { "bytes", n_bytes }, { "content", n_content },
		{ "path", n_path }, { NULL, NULL },
	};
	struct csrl_plugins *h = host_of(L);

	bridge_new_mt(L, CSR_MT, bridge_csr_methods);
	h->csr_mt = luaL_ref(L, LUA_REGISTRYINDEX);
	bridge_new_mt(L, NODE_MT, node_m);
	h->node_mt = luaL_ref(L, LUA_REGISTRYINDEX);
}
