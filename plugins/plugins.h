/* plugins.h - Lua rules and policy files: a sandboxed Lua 5.4 host whose rules run beside the
 * built-in ones (see README.md, "Plugins and policies").
 *
 * Ownership: csrl_plugins_setup returns a host owned by the caller (csrl_plugins_free). The
 * rules, ids, selectors and severity overrides it hands out borrow from it and live until it
 * is freed. A host holds one Lua state and is not thread-safe: use one host per thread.
 */
#ifndef CSRL_PLUGINS_H
#define CSRL_PLUGINS_H

#include <stddef.h>

#include "lint.h"

/* Sandbox defaults: the Lua heap of one host, and the VM instructions one call of a rule's
 * applies() or check() may execute. */
#define CSRL_PLUGIN_MEM_DEFAULT (8u << 20)
#define CSRL_PLUGIN_STEPS_DEFAULT 2000000ul
/* Bundled rules in the build tree; CSRL_PLUGIN_DIR in the environment overrides it. */
#ifndef CSRL_PLUGIN_DIR
#define CSRL_PLUGIN_DIR "plugins/rules"
#endif
/* Most Lua rules one host loads, and longest plugin source read. */
#define CSRL_PLUGIN_MAX_RULES 256
#define CSRL_PLUGIN_MAX_SOURCE (1u << 20)
/* Most edits one call of a rule's fix() may make. */
#define CSRL_PLUGIN_FIX_MAX_EDITS 1024

/** What to load (all lists NULL-terminated, may be NULL). */
struct csrl_plugin_config {
	const char *const *files;        /* --plugin FILE */
	const char *const *dirs;         /* --plugins DIR: every *.lua in it, sorted */
	const char *policy;              /* --policy FILE.lua, or NULL */
	const char *const *params;       /* --param NAME=VALUE, applied after the policy's */
	int no_defaults;                 /* --no-default-plugins */
	size_t mem_limit;                /* 0: CSRL_PLUGIN_MEM_DEFAULT */
	unsigned long step_limit;        /* 0: CSRL_PLUGIN_STEPS_DEFAULT */
};

/** What a policy file selects; the caller merges it into its csrl_lint_opts. */
struct csrl_policy {
	unsigned profile;                /* 0 when the policy names none */
	const char **enable, **disable;  /* NULL-terminated, never NULL */
	const struct csrl_sev_override *severities;
	size_t nseverities;
	int fermat_rounds;               /* 0 when the policy sets none */
};

struct csrl_plugins;

/** Creates a host, loads the bundled rules (unless no_defaults), cfg's files and folders, the
 * policy with the plugins it lists, then applies parameters. Returns CSRL_ERR_OK and *out, or
 * an error whose message names the file and, for a bad table, the field. */
int csrl_plugins_setup(const struct csrl_plugin_config *cfg, struct csrl_plugins **out,
		       struct csrl_error *err);
void csrl_plugins_free(struct csrl_plugins *p);

/** The loaded rules, sorted by id (for csrl_lint_opts.extra_rules). */
const struct csrl_rule *const *csrl_plugins_rules(const struct csrl_plugins *p, size_t *n);
/** The policy's selection (empty when no policy was loaded). */
const struct csrl_policy *csrl_plugins_policy(const struct csrl_plugins *p);
/** Plugin file that defines a loaded rule, or NULL for a built-in. */
const char *csrl_plugins_rule_file(const struct csrl_plugins *p, const struct csrl_rule *r);

struct csrl_gen_req;

/** Runs fix(req, findings, params) of every loaded rule that declares one and reported a
 * finding in f (fatal findings aside: the rule itself failed), in rule id order, under the
 * sandbox limits, on req. Edits are logged in req->log as "plugin rule ID: ...". *ran counts
 * the fixes that ran. On failure returns CSRL_ERR_USAGE with err naming the rule, the plugin
 * file and line: req is then partly edited and must not be written. */
int csrl_plugins_fix(struct csrl_plugins *p, struct csrl_gen_req *req,
		     const struct csrl_findings *f, size_t *ran, struct csrl_error *err);

/** Folder of the bundled rules: $CSRL_PLUGIN_DIR, else the installed share folder next to
 * the executable (../share/csrlint/plugins), else the build tree's (plugins/rules one to
 * three folders above the executable), else CSRL_PLUGIN_DIR. The string is the calling
 * thread's, valid until its next call. */
const char *csrl_plugins_default_dir(void);

#endif
