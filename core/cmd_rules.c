/* cmd_rules.c - `csrlint rules`: the catalogue with each rule's metadata. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>

#include "cli.h"
#include "lint.h"

static const char rules_usage[] =
	"Usage: csrlint rules [--profile P] [--format text|json]\n"
	"\n"
	"Lists the built-in rules: id, severity, profiles, source, description and citation.\n"
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

int csrl_cmd_rules(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned profile = CSRL_PROFILES_ALL;
	int c, json = 0;
	size_t i, shown = 0;
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
	if (json && !(list = json_array()))
		return CSRL_EXIT_FAIL;
	for (i = 0; i < csrl_rules_count; i++) {
		const struct csrl_rule *r = csrl_rules[i];
		char profiles[80];

		if (!(r->profiles & profile))
			continue;
		shown++;
		if (json) {
			json_array_append_new(list, rule_json(r));
			continue;
		}
		csrl_profiles_to_string(r->profiles, profiles, sizeof profiles);
		printf("%-44s %-7s %-38s %s\n%44s   %s [%s]\n", r->id,
		       csrl_severity_name(r->severity), profiles, r->description, "",
		       r->citation, csrl_source_name(r->source));
	}
	if (json) {
		json_dumpf(list, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(list);
	} else {
		printf("%zu rules\n", shown);
	}
	return CSRL_EXIT_OK;
}
