/* cli.h - internal: the command-line front end. Each command takes the arguments after its
 * name and returns the process exit code (0 fine, 1 something failed, 2 usage). */
#ifndef CSRL_CLI_H
#define CSRL_CLI_H

enum { CSRL_EXIT_OK = 0, CSRL_EXIT_FAIL = 1, CSRL_EXIT_USAGE = 2 };

/* Repeatable options (--plugin, --plugins, --param) keep at most this many values each. */
#define CSRL_CLI_MAX_ARGS 64

/** Appends arg to list, which ends in NULL and holds *n of at most max - 1 values; when it
 * is full, says "csrlint CMD: too many OPT options" and returns -1. */
int csrl_cli_add_arg(const char *cmd, const char **list, int *n, int max, const char *arg,
		     const char *opt);
/** Entry point of the `csrlint` program. */
int csrl_cli_main(int argc, char **argv);
/** `csrlint inspect [options] FILE...` */
int csrl_cmd_inspect(int argc, char **argv);
/** `csrlint lint [options] FILE|DIR|- ...` */
int csrl_cmd_lint(int argc, char **argv);
/** `csrlint rules [--profile P] [--format text|json]` */
int csrl_cmd_rules(int argc, char **argv);
/** `csrlint fix [--key KEY] [options] FILE` */
int csrl_cmd_fix(int argc, char **argv);
/** `csrlint new (--key KEY | --new-key TYPE --key-out FILE) --subject DN [options]` */
int csrl_cmd_new(int argc, char **argv);
/** `csrlint batch-gcd [options] EXPORT...` (the moduli exports of lint runs) */
int csrl_cmd_batch_gcd(int argc, char **argv);

#endif
