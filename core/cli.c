/* cli.c - command dispatch, global help and version. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "csrlint.h"

static const char usage[] =
	"Usage: csrlint COMMAND [OPTIONS] FILE...\n"
	"\n"
	"Inspects PKCS#10 certificate signing requests (CSRs), DER or PEM.\n"
	"\n"
	"Commands:\n"
	"  inspect   print a CSR's contents and check its signature\n"
	"  lint      check CSRs against a profile's rules (text, JSON, NDJSON, SARIF)\n"
	"  rules     list the built-in rules with their metadata\n"
	"  fix       correct a CSR's fixable findings and re-sign it with its key\n"
	"  new       build, sign and lint a new CSR (with a given or a new key)\n"
	"  batch-gcd shared primes, reused keys and duplicates across the moduli\n"
	"            exports of many lint runs (`lint --export-moduli`)\n"
	"  help      show this help, or `csrlint help COMMAND` for a command's options\n"
	"  version   print the version\n"
	"\n"
	"FILE may be '-' for standard input. A file may hold several PEM CSRs.\n"
	"\n"
	"Exit status: 0 on success; 1 when an input could not be read (inspect) or a\n"
	"finding reached --fail-on (lint, batch-gcd); 2 on a usage error. `csrlint help\n"
	"COMMAND` describes each command.\n";

int csrl_cli_add_arg(const char *cmd, const char **list, int *n, int max, const char *arg,
		     const char *opt)
{
	if (*n >= max - 1) {
		fprintf(stderr, "csrlint %s: too many %s options\n", cmd, opt);
		return -1;
	}
	list[(*n)++] = arg;
	list[*n] = NULL;
	return 0;
}

int csrl_cli_main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		fputs(usage, stderr);
		return CSRL_EXIT_USAGE;
	}
	if (strcmp(cmd, "inspect") == 0)
		return csrl_cmd_inspect(argc - 1, argv + 1);
	if (strcmp(cmd, "lint") == 0)
		return csrl_cmd_lint(argc - 1, argv + 1);
	if (strcmp(cmd, "rules") == 0)
		return csrl_cmd_rules(argc - 1, argv + 1);
	if (strcmp(cmd, "fix") == 0)
		return csrl_cmd_fix(argc - 1, argv + 1);
	if (strcmp(cmd, "new") == 0)
		return csrl_cmd_new(argc - 1, argv + 1);
	if (strcmp(cmd, "batch-gcd") == 0)
		return csrl_cmd_batch_gcd(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("csrlint %s\n", csrl_version());
		return CSRL_EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		if (argc > 2) {
			char *args[] = { argv[2], (char *)"--help", NULL };

			if (strcmp(argv[2], "inspect") == 0)
				return csrl_cmd_inspect(2, args);
			if (strcmp(argv[2], "lint") == 0)
				return csrl_cmd_lint(2, args);
			if (strcmp(argv[2], "rules") == 0)
				return csrl_cmd_rules(2, args);
			if (strcmp(argv[2], "fix") == 0)
				return csrl_cmd_fix(2, args);
			if (strcmp(argv[2], "new") == 0)
				return csrl_cmd_new(2, args);
			if (strcmp(argv[2], "batch-gcd") == 0)
				return csrl_cmd_batch_gcd(2, args);
		}
		fputs(usage, stdout);
		return CSRL_EXIT_OK;
	}
	fprintf(stderr, "csrlint: unknown command '%s'\n%s", cmd, usage);
	return CSRL_EXIT_USAGE;
}
