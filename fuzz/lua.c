/* lua.c - fuzz harness for the Lua bridge: the bundled Lua rules, every one configured by
 * tests/plugins/bench-policy.lua, run with the built-in rules on each fuzzed request, as
 * `csrlint lint --policy` runs them. One host (one Lua state) serves every input, as a lint
 * worker's does, so state a script leaves behind meets the next request. */
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"
#include "lint.h"
#include "plugins.h"
#include "fuzz.h"

/* Relative to the repository top, where make runs the harnesses; CSRL_FUZZ_POLICY names
 * another policy. The bundled rules are found as the program finds them. */
#define LUA_POLICY "tests/plugins/bench-policy.lua"

static struct csrl_plugins *host;
static struct csrl_lint_opts opts;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct csrl_plugin_config cfg;
	const struct csrl_policy *pol;
	struct csrl_error err;

	(void)argc;
	(void)argv;
	memset(&cfg, 0, sizeof cfg);
	cfg.policy = getenv("CSRL_FUZZ_POLICY") ? getenv("CSRL_FUZZ_POLICY") : LUA_POLICY;
	if (csrl_plugins_setup(&cfg, &host, &err) != CSRL_ERR_OK) {
		fprintf(stderr, "lua harness: %s (run from the repository top or set "
			"CSRL_FUZZ_POLICY)\n", err.msg);
		abort();
	}
	opts.profile = CSRL_PROFILE_TLS_SERVER;
	opts.extra_rules = csrl_plugins_rules(host, &opts.nextra);
	pol = csrl_plugins_policy(host);
	opts.severities = pol->severities;
	opts.nseverities = pol->nseverities;
	/* without Lua rules this harness would test nothing: stop loudly */
	FUZZ_CHECK(opts.nextra >= 7);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_findings f = { 0 };
	struct csrl_error err;
	struct csrl_csr *csr;
	size_t i;

	if (!host)
		LLVMFuzzerInitialize(NULL, NULL);
	if (csrl_csr_parse(data, size, &csr, &err) != CSRL_ERR_OK)
		return 0;
	csrl_lint_csr(csr, &opts, &f);
	FUZZ_CHECK(!f.oom);
	for (i = 0; i < f.n; i++) {
		FUZZ_CHECK(f.v[i].rule_id != NULL);
		fuzz_touch_str(f.v[i].message, SIZE_MAX);
		fuzz_touch_str(f.v[i].path, SIZE_MAX);
		FUZZ_CHECK(f.v[i].offset <= csr->len && f.v[i].length <= csr->len - f.v[i].offset);
		/* a Lua rule that broke (error, budget) says so as a fatal finding of its own;
		 * the bundled rules must never do that, whatever the request */
		if (strncmp(f.v[i].rule_id, "policy.", 7) == 0)
			FUZZ_CHECK(f.v[i].severity != CSRL_SEV_FATAL);
	}
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
	return 0;
}
