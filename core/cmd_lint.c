/* cmd_lint.c - `csrlint lint`: options, plugin and policy setup, then a run (lint_run.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blocklist.h"
#include "cli.h"
#include "lint_run.h"

#define MAX_SELECT 256
#define MAX_BLOCKLISTS 32
/* An upper bound keeps a typo from turning one request into minutes of work. */
#define MAX_FERMAT_ROUNDS 100000000

static const char lint_usage[] =
	"Usage: csrlint lint [OPTIONS] FILE|DIR|- ...\n"
	"\n"
	"Checks each CSR against the rule catalogue of a profile. Folders are searched\n"
	"recursively for *.csr *.pem *.der *.req; '-' reads standard input as a stream of\n"
	"concatenated PEM requests (or one DER request), one block at a time.\n"
	"\n"
	"  --profile P         rfc, tls-server (default), letsencrypt or private-pki\n"
	"  --format F          text (default), json, ndjson (one object per input) or sarif\n"
	"  --fail-on S         exit 1 when a finding reaches S: error (default), warning,\n"
	"                      notice; an unparseable input always fails\n"
	"  --min-severity S    show only findings at S or above (info, notice, warning, error)\n"
	"  --enable RULE       run RULE (an id or a dotted prefix such as san.dns) even when\n"
	"                      the profile does not include it; repeatable\n"
	"  --disable RULE      do not run RULE (id or prefix); repeatable\n"
	"  --blocklist FILE    report keys listed in FILE (SHA-256 SPKI hashes in hex or\n"
	"                      base64, as Boulder stores them, or badkeys' hashes); repeatable\n"
	"  --fermat-rounds N   rounds of Fermat's method for RSA keys (default 100, the CA/B\n"
	"                      BR minimum; more finds primes further apart, at a cost)\n"
	"  --plugin FILE       load the Lua rules of FILE; repeatable\n"
	"  --plugins DIR       load every *.lua rule file in DIR; repeatable\n"
	"  --policy FILE       apply a Lua policy: profile, rules, severities, parameters\n"
	"  --param NAME=VALUE  set a parameter of the Lua rules (after the policy's)\n"
	"  --no-default-plugins  do not load the bundled Lua rules\n"
	"  --input F           what each input holds: pem (default: files and folders of PEM\n"
	"                      or DER requests), ndjson (one JSON object per line, the\n"
	"                      base64 DER in \"der\", an optional \"id\" echoed in the report)\n"
	"                      or lines (one path per line, each linted as if named here)\n"
	"  -j, --jobs N        lint with N threads (default: the number of online CPUs);\n"
	"                      the output is the same, in input order, whatever N\n"
	"  --batch             run the cross-input checks (shared RSA primes by batch GCD,\n"
	"                      one key for different subjects, duplicate requests) over all\n"
	"                      inputs; the default when every input is a named file or\n"
	"                      folder. They keep a record per request, so they are off by\n"
	"                      default for streams ('-', --input ndjson or lines)\n"
	"  --no-batch          skip the cross-input checks\n"
	"  --export-moduli FILE  write what the cross-input checks need from each request\n"
	"                      (key, subject and request hashes, RSA modulus) to FILE, for\n"
	"                      `csrlint batch-gcd` over the exports of several runs\n"
	"  --summary           add a table per rule: findings, inputs with the rule and\n"
	"                      their share of all inputs, by count\n"
	"  -q, --quiet         no progress line (shown on a terminal's standard error once a\n"
	"                      run lasts more than a second)\n"
	"  -o, --output FILE   write the report to FILE instead of standard output\n"
	"  -h, --help          show this help\n"
	"\n"
	"Text output: one line per finding, FILE: SEVERITY rule-id: message (path @offset),\n"
	"then a summary per input and for the run. An NDJSON input is named FILE:LINE [ID].\n"
	"Colour only on a terminal, never when NO_COLOR is set. Text and NDJSON are written\n"
	"as inputs are read; JSON and SARIF are one document written at the end.\n"
	"Exit status: 0 when nothing reaches --fail-on, 1 when something does (an\n"
	"unparseable input counts), 2 on a usage or configuration error.\n";

static int add_sel(const char **list, int *n, const char *arg, const char *opt)
{
	const char *p = arg;

	if (*n >= MAX_SELECT - 1) {
		fprintf(stderr, "csrlint lint: too many %s options\n", opt);
		return -1;
	}
	for (; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789.-", *p)) {
			fprintf(stderr, "csrlint lint: %s '%s' is not a rule id or prefix\n", opt, arg);
			return -1;
		}
	list[(*n)++] = arg;
	list[*n] = NULL;
	return 0;
}

/* Appends a policy's selectors to a --enable/--disable list. */
static int merge_sel(const char **list, int *n, const char *const *add)
{
	for (; add && *add; add++) {
		if (*n >= MAX_SELECT - 1)
			return -1;
		list[(*n)++] = *add;
		list[*n] = NULL;
	}
	return 0;
}

/* Loads the Lua rules and the policy, merges the policy into r->opts (an explicit --profile
 * wins) and checks every selector against the rules now known. */
static int setup_plugins(struct csrl_lint_run *r, const struct csrl_plugin_config *cfg,
			 int profile_set, const char **enable, int *ne, const char **disable,
			 int *nd)
{
	const struct csrl_policy *pol;
	struct csrl_error e;
	const char *const *sel;

	if (csrl_plugins_setup(cfg, &r->plugins, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint lint: %s\n", e.msg);
		return -1;
	}
	r->opts.extra_rules = csrl_plugins_rules(r->plugins, &r->opts.nextra);
	pol = csrl_plugins_policy(r->plugins);
	if (pol->profile && !profile_set)
		r->opts.profile = pol->profile;
	if (pol->fermat_rounds && !r->opts.fermat_rounds)
		r->opts.fermat_rounds = pol->fermat_rounds;
	r->opts.severities = pol->severities;
	r->opts.nseverities = pol->nseverities;
	if (merge_sel(enable, ne, pol->enable) < 0 || merge_sel(disable, nd, pol->disable) < 0) {
		fprintf(stderr, "csrlint lint: too many rule selectors\n");
		return -1;
	}
	for (sel = enable; *sel; sel++)
		if (!csrl_selector_known(*sel, &r->opts))
			goto unknown;
	for (sel = disable; *sel; sel++)
		if (!csrl_selector_known(*sel, &r->opts))
			goto unknown;
	return 0;
unknown:
	fprintf(stderr, "csrlint lint: no rule matches '%s' (see `csrlint rules`)\n", *sel);
	return -1;
}

static int parse_severity(const char *arg, const char *opt, int *out)
{
	int s = csrl_severity_parse(arg);

	if (s < 0 || s == CSRL_SEV_FATAL) {
		fprintf(stderr, "csrlint lint: %s '%s': use info, notice, warning or error\n", opt,
			arg);
		return -1;
	}
	*out = s;
	return 0;
}

enum { INPUT_PEM, INPUT_NDJSON, INPUT_LINES };

/* What the options ask for beyond the rule selection. */
struct lint_cli {
	int fmt, fail_on, min_sev, batch, input, summary, quiet;
	long jobs;
	const char *output;
	const char *export_moduli;          /* --export-moduli FILE, or NULL */
};

/* Parses the options added for scale: --jobs, --input, --batch, --summary, --quiet,
 * --export-moduli. Returns 1
 * when c was one of them, 0 when not, -1 on a bad value. */
static int scale_option(int c, struct lint_cli *o)
{
	char *end;

	switch (c) {
	case 'j':
		o->jobs = strtol(optarg, &end, 10);
		if (*end || end == optarg || o->jobs < 1 || o->jobs > CSRL_LINT_MAX_JOBS) {
			fprintf(stderr, "csrlint lint: --jobs takes a number from 1 to %d\n",
				CSRL_LINT_MAX_JOBS);
			return -1;
		}
		return 1;
	case 'I':
		o->input = strcmp(optarg, "pem") == 0 ? INPUT_PEM :
			   strcmp(optarg, "ndjson") == 0 ? INPUT_NDJSON :
			   strcmp(optarg, "lines") == 0 ? INPUT_LINES : -1;
		if (o->input < 0) {
			fprintf(stderr, "csrlint lint: unknown input '%s' (pem, ndjson, lines)\n",
				optarg);
			return -1;
		}
		return 1;
	case 'B':
	case 'N':
		o->batch = c == 'B';
		return 1;
	case 'S':
		o->summary = 1;
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	case 'X':
		o->export_moduli = optarg;
		return 1;
	}
	return 0;
}

/* Whether every input is a named file or folder (no stream): the cross-input checks are on by
 * default then, and the progress line can count files up front. */
static int all_named(const struct lint_cli *o, char **paths, int n)
{
	int i;

	if (o->input != INPUT_PEM)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(paths[i], "-") == 0)
			return 0;
	return 1;
}

/* Lints every input; returns the exit status. */
static int lint_all(struct csrl_lint_run *r, const struct lint_cli *o,
		    const struct csrl_plugin_config *pcfg, FILE *out, char **paths, int n)
{
	size_t total = 0;
	int i, named = all_named(o, paths, n), progress = !o->quiet && isatty(STDERR_FILENO);
	int c, rc, mrc, moduli_rc = CSRL_EXIT_OK;
	const struct csrl_tally *t;
	struct csrl_error e;

	if ((o->batch < 0 ? named : o->batch) && !(r->batch = csrl_batch_new()))
		goto nomem;
	if (o->summary && csrl_reporter_set_summary(r->rep) < 0)
		goto nomem;
	if (o->export_moduli &&
	    csrl_moduli_writer_open(o->export_moduli, &r->moduli, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint lint: --export-moduli %s: %s\n", o->export_moduli, e.msg);
		return CSRL_EXIT_USAGE;
	}
	if (csrl_lint_run_start(r, (size_t)o->jobs, pcfg) < 0)
		return CSRL_EXIT_FAIL;
	for (i = 0; progress && named && i < n; i++)
		total += csrl_input_count(paths[i]);
	r->progress = csrl_progress_new(progress, total);
	r->clear_progress = !o->output && isatty(STDOUT_FILENO);
	for (i = 0; i < n; i++) {
		if (o->input == INPUT_NDJSON)
			csrl_input_ndjson(paths[i], csrl_lint_run_item, r);
		else if (o->input == INPUT_LINES)
			csrl_input_lines(paths[i], csrl_lint_run_path, csrl_lint_run_item, r);
		else
			csrl_lint_run_path(r, paths[i]);
	}
	csrl_lint_run_finish(r);
	if (r->moduli) {
		/* a failed add is a write error: close names the file and the reason */
		mrc = csrl_moduli_writer_close(r->moduli, &e);
		r->moduli = NULL;
		if (mrc != CSRL_ERR_OK || r->moduli_failed) {
			fprintf(stderr, "csrlint lint: --export-moduli %s: %s\n", o->export_moduli,
				mrc != CSRL_ERR_OK ? e.msg : "a record could not be written");
			moduli_rc = CSRL_EXIT_FAIL;
		}
	}
	rc = csrl_reporter_finish(r->rep, &r->opts);
	t = csrl_reporter_tally(r->rep);
	if (rc < 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "csrlint lint: cannot write the report%s%s\n",
			o->output ? " to " : "", o->output ? o->output : "");
		return CSRL_EXIT_FAIL;
	}
	rc = r->lost ? CSRL_EXIT_FAIL : moduli_rc;
	for (c = o->fail_on; c <= CSRL_SEV_FATAL; c++)
		if (t->by_sev[c])
			rc = CSRL_EXIT_FAIL;
	return rc;
nomem:
	fprintf(stderr, "csrlint lint: out of memory\n");
	return CSRL_EXIT_FAIL;
}

/* Everything the options set. The lists end in NULL; r.opts points into them. */
struct lint_args {
	struct csrl_lint_run r;
	struct lint_cli o;
	struct csrl_plugin_config pcfg;
	const char *enable[MAX_SELECT], *disable[MAX_SELECT];
	const char *pfiles[CSRL_CLI_MAX_ARGS], *pdirs[CSRL_CLI_MAX_ARGS], *params[CSRL_CLI_MAX_ARGS];
	struct csrl_blocklist *lists[MAX_BLOCKLISTS + 1];
	int ne, nd, npf, npd, npp, nlists, profile_set;
};

/* --format, --fail-on, --min-severity, --output: 1 when c was one of them, 0 when not, -1 on
 * a bad value. */
static int report_option(int c, struct lint_cli *o)
{
	switch (c) {
	case 'f':
		if ((o->fmt = csrl_format_parse(optarg)) < 0) {
			fprintf(stderr, "csrlint lint: unknown format '%s' (text, json, ndjson, "
				"sarif)\n", optarg);
			return -1;
		}
		return 1;
	case 'F':
		if (parse_severity(optarg, "--fail-on", &o->fail_on) < 0)
			return -1;
		if (o->fail_on == CSRL_SEV_INFO) {
			fprintf(stderr, "csrlint lint: --fail-on takes error, warning or notice\n");
			return -1;
		}
		return 1;
	case 'm':
		return parse_severity(optarg, "--min-severity", &o->min_sev) < 0 ? -1 : 1;
	case 'o':
		o->output = optarg;
		return 1;
	}
	return 0;
}

/* --blocklist FILE: loaded now, so that a bad file is a usage error. */
static int add_blocklist(struct lint_args *a, const char *path)
{
	struct csrl_error e;

	if (a->nlists == MAX_BLOCKLISTS) {
		fprintf(stderr, "csrlint lint: at most %d --blocklist files\n", MAX_BLOCKLISTS);
		return -1;
	}
	if (csrl_blocklist_load(path, &a->lists[a->nlists], &e) != CSRL_ERR_OK) {
		/* the message names the file and, for a bad entry, its line */
		fprintf(stderr, "csrlint lint: --blocklist: %s\n", e.msg);
		return -1;
	}
	a->lists[++a->nlists] = NULL;
	a->r.opts.blocklists = (const struct csrl_blocklist *const *)a->lists;
	return 0;
}

/* --profile, --enable, --disable, --blocklist, --fermat-rounds: as report_option. */
static int rule_option(int c, struct lint_args *a)
{
	char *end;
	long rounds;

	switch (c) {
	case 'p':
		if (!(a->r.opts.profile = csrl_profile_parse(optarg))) {
			fprintf(stderr, "csrlint lint: unknown profile '%s' (rfc, tls-server, "
				"letsencrypt, private-pki)\n", optarg);
			return -1;
		}
		a->profile_set = 1;
		return 1;
	case 'e':
		return add_sel(a->enable, &a->ne, optarg, "--enable") < 0 ? -1 : 1;
	case 'd':
		return add_sel(a->disable, &a->nd, optarg, "--disable") < 0 ? -1 : 1;
	case 'b':
		return add_blocklist(a, optarg) < 0 ? -1 : 1;
	case 'R':
		rounds = strtol(optarg, &end, 10);
		if (*end || end == optarg || rounds < CSRL_FERMAT_ROUNDS ||
		    rounds > MAX_FERMAT_ROUNDS) {
			fprintf(stderr, "csrlint lint: --fermat-rounds takes a number from %d to "
				"%d\n", CSRL_FERMAT_ROUNDS, MAX_FERMAT_ROUNDS);
			return -1;
		}
		a->r.opts.fermat_rounds = (int)rounds;
		return 1;
	}
	return 0;
}

/* --plugin, --plugins, --param, --policy, --no-default-plugins: as report_option. */
static int plugin_option(int c, struct lint_args *a)
{
	switch (c) {
	case 'P':
		return csrl_cli_add_arg("lint", a->pfiles, &a->npf, CSRL_CLI_MAX_ARGS, optarg,
					"--plugin") < 0 ? -1 : 1;
	case 'Q':
		return csrl_cli_add_arg("lint", a->pdirs, &a->npd, CSRL_CLI_MAX_ARGS, optarg,
					"--plugins") < 0 ? -1 : 1;
	case 'A':
		return csrl_cli_add_arg("lint", a->params, &a->npp, CSRL_CLI_MAX_ARGS, optarg,
					"--param") < 0 ? -1 : 1;
	case 'Y':
		a->pcfg.policy = optarg;
		return 1;
	case 'n':
		a->pcfg.no_defaults = 1;
		return 1;
	}
	return 0;
}

/* Fills a from the options; 0 to go on, 1 after --help, -1 on a usage error (said). */
static int parse_args(int argc, char **argv, struct lint_args *a)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "min-severity", required_argument, NULL, 'm' },
		{ "enable", required_argument, NULL, 'e' },
		{ "disable", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "blocklist", required_argument, NULL, 'b' },
		{ "fermat-rounds", required_argument, NULL, 'R' },
		{ "batch", no_argument, NULL, 'B' },
		{ "no-batch", no_argument, NULL, 'N' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "input", required_argument, NULL, 'I' },
		{ "summary", no_argument, NULL, 'S' },
		{ "export-moduli", required_argument, NULL, 'X' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "plugin", required_argument, NULL, 'P' },
		{ "plugins", required_argument, NULL, 'Q' },
		{ "policy", required_argument, NULL, 'Y' },
		{ "param", required_argument, NULL, 'A' },
		{ "no-default-plugins", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	a->r.opts.profile = CSRL_PROFILE_TLS_SERVER;
	a->r.opts.enable = a->enable;
	a->r.opts.disable = a->disable;
	a->pcfg.files = a->pfiles;
	a->pcfg.dirs = a->pdirs;
	a->pcfg.params = a->params;
	a->o = (struct lint_cli){ CSRL_FMT_TEXT, CSRL_SEV_ERROR, 0, -1, INPUT_PEM, 0, 0, 0, NULL,
				  NULL };
	a->o.jobs = (long)csrl_pool_cpus();
	if (a->o.jobs > CSRL_LINT_MAX_JOBS)
		a->o.jobs = CSRL_LINT_MAX_JOBS;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:j:q", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(lint_usage, stdout);
			return 1;
		}
		if (!(rc = scale_option(c, &a->o)) && !(rc = report_option(c, &a->o)) &&
		    !(rc = rule_option(c, a)) && !(rc = plugin_option(c, a))) {
			fputs(lint_usage, stderr);
			return -1;
		}
		if (rc < 0)
			return -1;
	}
	if (optind >= argc) {
		fprintf(stderr, "csrlint lint: no input (name files or folders, or '-' for "
			"standard input)\n");
		return -1;
	}
	return 0;
}

int csrl_cmd_lint(int argc, char **argv)
{
	struct lint_args *a = calloc(1, sizeof *a);
	FILE *out = stdout;
	int rc, i, color;

	if (!a) {
		fprintf(stderr, "csrlint lint: out of memory\n");
		return CSRL_EXIT_FAIL;
	}
	if ((rc = parse_args(argc, argv, a)) != 0) {
		rc = rc > 0 ? CSRL_EXIT_OK : CSRL_EXIT_USAGE;
	} else if (setup_plugins(&a->r, &a->pcfg, a->profile_set, a->enable, &a->ne, a->disable,
				 &a->nd) < 0) {
		rc = CSRL_EXIT_USAGE;
	} else if (a->o.output && !(out = fopen(a->o.output, "w"))) {
		perror(a->o.output);
		rc = CSRL_EXIT_USAGE;
	} else {
		color = !a->o.output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		a->r.rep = csrl_reporter_new(out, (enum csrl_format)a->o.fmt, a->r.opts.profile,
					     a->o.min_sev, color);
		if (!a->r.rep) {
			fprintf(stderr, "csrlint lint: out of memory\n");
			rc = CSRL_EXIT_FAIL;
		} else {
			rc = lint_all(&a->r, &a->o, &a->pcfg, out, argv + optind, argc - optind);
		}
		csrl_lint_run_free(&a->r);
		csrl_reporter_free(a->r.rep);
	}
	for (i = 0; i < a->nlists; i++)
		csrl_blocklist_free(a->lists[i]);
	csrl_plugins_free(a->r.plugins);
	free(a);
	return rc;
}
