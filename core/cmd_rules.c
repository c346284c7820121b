/* cmd_rules.c - `csrlint rules`: the catalogue with each rule's metadata. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>

#include "cli.h"
#include "lint.h"
#include "plugins.h"

static const char rules_usage[] =
	"Usage: csrlint rules [--profile P] [--format text|json] [--plugin FILE]\n"
	"                     [--plugins DIR] [--no-default-plugins]\n"
	"\n"
	"Lists the built-in rules and the Lua rules (the bundled ones, and those of --plugin\n"
	"and --plugins): id, severity, profiles, source, description and citation.\n"
	"With --profile, only the rules that profile runs.\n";

static json_t *rule_json(const struct csrl_rule *r)
{
	char profiles[80];

	csrl_profiles_to_string(r->profiles, profiles, sizeof profiles);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", r->id, "severity",
			 csrl_severity_name(r->severity), "profiles", profiles, "source",
			 csrl_source_name(r->source), "description", r->description, "citation",
			 r->citation);
}

/* Prints one rule (text or into list); returns 1 when profile shows it. */
static int show(const struct csrl_rule *r, unsigned profile, json_t *list)
{
	char profiles[80];

	if (!(r->profiles & profile) && !(profile == CSRL_PROFILES_ALL && !r->profiles))
		return 0;
	if (list) {
		json_array_append_new(list, rule_json(r));
		return 1;
	}
	csrl_profiles_to_string(r->profiles, profiles, sizeof profiles);
	printf("%-44s %-7s %-38s %s\n%44s   %s [%s]\n", r->id, csrl_severity_name(r->severity),
	       profiles[0] ? profiles : "(opt-in)", r->description, "", r->citation,
	       csrl_source_name(r->source));
	return 1;
}

int csrl_cmd_rules(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "plugin", required_argument, NULL, 'P' },
		{ "plugins", required_argument, NULL, 'Q' },
		{ "no-default-plugins", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *files[CSRL_CLI_MAX_ARGS], *dirs[CSRL_CLI_MAX_ARGS];
	struct csrl_plugin_config cfg = { files, dirs, NULL, NULL, 0, 0, 0 };
	struct csrl_plugins *plugins;
	const struct csrl_rule *const *extra;
	struct csrl_error e;
	unsigned profile = CSRL_PROFILES_ALL;
	int c, json = 0, nf = 0, nd = 0;
	size_t i, n, shown = 0;
	json_t *list = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'p' && !(profile = csrl_profile_parse(optarg))) {
			fprintf(stderr, "csrlint rules: unknown profile '%s'\n", optarg);
			return CSRL_EXIT_USAGE;
		} else if (c == 'f' && !(json = strcmp(optarg, "json") == 0) &&
			   strcmp(optarg, "text") != 0) {
			fprintf(stderr, "csrlint rules: unknown format '%s' (text or json)\n", optarg);
			return CSRL_EXIT_USAGE;
		} else if (c == 'P' || c == 'Q') {
			if (csrl_cli_add_arg("rules", c == 'P' ? files : dirs, c == 'P' ? &nf : &nd,
					     CSRL_CLI_MAX_ARGS, optarg,
					     c == 'P' ? "--plugin" : "--plugins") < 0)
				return CSRL_EXIT_USAGE;
		} else if (c == 'n') {
			cfg.no_defaults = 1;
		} else if (c == 'h') {
			fputs(rules_usage, stdout);
			return CSRL_EXIT_OK;
		} else if (c == '?') {
			fputs(rules_usage, stderr);
			return CSRL_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "csrlint rules: unexpected argument '%s'\n", argv[optind]);
		return CSRL_EXIT_USAGE;
	}
	if (csrl_plugins_setup(&cfg, &plugins, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint rules: %s\n", e.msg);
		return CSRL_EXIT_USAGE;
	}
	if (json && !(list = json_array())) {
		csrl_plugins_free(plugins);
		return CSRL_EXIT_FAIL;
	}
	for (i = 0; i < csrl_rules_count; i++)
		shown += (size_t)show(csrl_rules[i], profile, list);
	extra = csrl_plugins_rules(plugins, &n);
	for (i = 0; i < n; i++)
		shown += (size_t)show(extra[i], profile, list);
	if (json) {
		json_dumpf(list, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(list);
	} else {
		printf("%zu rules\n", shown);
	}
	csrl_plugins_free(plugins);
	return CSRL_EXIT_OK;
}
