/* host.h - internal to plugins/: the Lua host shared by the sandbox, the CSR bridge, the
 * helpers and the policy loader. Everything here belongs to one struct csrl_plugins. */
#ifndef CSRL_PLUGINS_HOST_H
#define CSRL_PLUGINS_HOST_H

#include <lua.h>
#include <lauxlib.h>

#include "plugins.h"

struct csrl_gen_req;

/* Why the running call was stopped by the sandbox. */
enum { KILL_NONE = 0, KILL_STEPS, KILL_MEMORY, KILL_TIME };

/** One Lua rule: the engine sees base; the rest says where its functions live. */
struct lrule {
	struct csrl_rule base;           /* must stay first: the engine hands &base back */
	struct csrl_plugins *host;
	const char *file;                /* plugin path, for messages */
	int ref;                         /* registry ref of the rule table */
	int has_applies;
	int has_fix;                     /* declares fix(req, findings, params) */
};

/* Size classes of the allocator's free lists (sandbox.c), 16 bytes apart. */
#define CSRL_POOL_CLASSES 16

struct csrl_plugins {
	lua_State *L;
	size_t used, cap;                /* Lua heap bytes, and the cap while scripts run */
	void *pool[CSRL_POOL_CLASSES];   /* free small blocks by size class (sandbox.c) */
	size_t pooled;                   /* bytes in them */
	int limited;                     /* the cap applies (a script is running) */
	unsigned long steps, step_limit;
	double deadline;                 /* CLOCK_MONOTONIC seconds at which a call is stopped */
	int killed;                      /* KILL_* in the current call */
	unsigned long gen, run;          /* handle generation, lint run it belongs to */
	struct csrl_lint_ctx *ctx;       /* the lint run of the current generation */
	int csr_mt, node_mt;             /* registry refs of the handle metatables */
	int views_ref;                   /* registry ref of the views table (views.c), or 0 */
	unsigned long views_gen;         /* generation the views table belongs to */
	int csr_ref;                     /* registry ref of the CSR handle, or 0 */
	unsigned long csr_gen;           /* generation of that handle */
	int thread_ref;                  /* registry ref of the reusable coroutine, or 0 */
	struct lrule *rules[CSRL_PLUGIN_MAX_RULES];
	const struct csrl_rule *sorted[CSRL_PLUGIN_MAX_RULES];
	size_t nrules;
	char **strs;                     /* strings handed out (ids, selectors, paths) */
	size_t nstrs, capstrs;
	struct csrl_policy policy;
	const char **sel;                /* storage of policy.enable and policy.disable */
	struct csrl_sev_override *sev;
	struct csrl_gen_req *fix_req;    /* the request a running fix edits, else NULL */
	unsigned long fix_gen;           /* request handles of older fixes are stale */
	unsigned fix_edits;              /* edits by the running fix */
};

/* sandbox.c */
/** The host a Lua state belongs to. */
struct csrl_plugins *host_of(lua_State *L);
/** A new state with the counting allocator, the safe libraries and the helpers. NULL on OOM. */
lua_State *sandbox_new(struct csrl_plugins *h);
/** Closes h's state, if any, and frees the blocks its allocator kept. */
void sandbox_close(struct csrl_plugins *h);
/** Pushes a fresh environment for one plugin file: copies of the safe globals. */
void sandbox_push_env(lua_State *L);
/** Calls the function below nargs arguments on L's stack in a fresh coroutine under the
 * sandbox limits. On success leaves nres results (nil-padded) and returns 0; otherwise pops
 * them, writes "FILE:LINE: what happened" into why and returns -1. */
int sandbox_call(struct csrl_plugins *h, int nargs, int nres, char *why, size_t size);

/* helpers.c */
/** Pushes the `csrlint` helper table. */
void helpers_push(lua_State *L);

/* handles.c */
/* csr:node(path) and node:children() look at most this many nodes. */
#define BRIDGE_NODE_MAX 65536
/** Registers the metatables of CSR and node handles. */
void bridge_register(lua_State *L);
/** Pushes the new metatable name (luaL_newmetatable) with methods in its __index and its
 * name in __metatable, so that getmetatable() in a script sees the name, not the table. */
void bridge_new_mt(lua_State *L, const char *name, const luaL_Reg *methods);
/** Pushes a handle on the CSR of h->ctx, valid for the current generation. */
void bridge_push_csr(lua_State *L);
/** The request of the CSR handle at index 1 (raises an error when stale or not a CSR). */
const struct csrl_csr *bridge_check_csr(lua_State *L);
/** Pushes a handle on node n of the current run, or nil when n is NULL. */
void bridge_push_node(lua_State *L, const struct csrl_node *n);
/** The node of a live node handle at idx, or NULL (never raises an error). */
const struct csrl_node *bridge_test_node(lua_State *L, int idx);
/** The node of a node handle at idx (raises an error when stale or not a node). */
const struct csrl_node *bridge_check_node(lua_State *L, int idx);

/* csr_bridge.c */
/** The methods of the CSR handle. */
extern const luaL_Reg bridge_csr_methods[];

/* text.c */
/** The dotted text of an OID, exactly as csrl_oid_to_dotted writes it into buf (size >= 256,
 * longer OIDs truncate there as there); returns buf. */
const char *text_oid(struct csrl_bytes oid, char *buf, size_t size);
/** Pushes the unsigned big-endian integer b in decimal ("0" when empty). */
void text_push_decimal(lua_State *L, struct csrl_bytes b);
/** The name of a directory string type ("UTF8String", "PrintableString" ...), as the `type`
 * of subject entries shows it; "other" for any other tag. */
const char *text_string_type(uint32_t tag);

/* views.c: entries of subject() and sans() built once per lint run, read through proxies */
enum { VIEW_SUBJECT = 1, VIEW_SANS = 2 };
/** Pushes the list of entry metatables of view slot for this generation and returns 1, or
 * returns 0 and pushes nothing when that view is not built yet. */
int views_get(lua_State *L, int slot);
/** Turns the list of entry tables on top into the list of their metatables (in place, it
 * stays on top) and keeps it as view slot of this generation. */
void views_put(lua_State *L, int slot);
/** Pushes a fresh proxy of entry i of the metatable list at mts. */
void views_proxy(lua_State *L, int mts, lua_Integer i);
/** Makes the proxy at idx a plain table holding its own copy of the entry; any other value
 * is left alone. */
void views_materialize(lua_State *L, int idx);

/* host.c */
/** Copies s into the host's string store; NULL on OOM. */
const char *host_strdup(struct csrl_plugins *h, const char *s);
/** Loads one plugin file and its rules; 0, or -1 with err set. */
int host_load_file(struct csrl_plugins *h, const char *path, struct csrl_error *err);
/** Loads every *.lua of dir, sorted by name. */
int host_load_dir(struct csrl_plugins *h, const char *dir, struct csrl_error *err);
/** Sets parameter name (on every rule declaring it) from the Lua value on top of the stack;
 * from_text: the value is a string from the command line, converted to the default's type.
 * Returns the number of rules that took it, or -1 with err set. */
int host_set_param(struct csrl_plugins *h, const char *name, int from_text,
		   struct csrl_error *err);
/** Reads and compiles a text chunk with its own environment; pushes the function. */
int host_compile(struct csrl_plugins *h, const char *path, struct csrl_error *err);

/* run.c */
/** applies() and check() of every Lua rule: call into the rule's table. */
int lua_rule_applies(const struct csrl_lint_ctx *ctx);
void lua_rule_check(struct csrl_lint_ctx *ctx, const struct csrl_rule *rule);

/* fix.c */
/** Registers the metatable of request handles (the `req` of a fix). */
void fix_register(lua_State *L);

/* policy.c */
/** Loads a policy file into h->policy (and the plugins it lists). */
int policy_load(struct csrl_plugins *h, const char *path, struct csrl_error *err);

#endif
