/* cmd_lint.c - `csrlint lint` and `csrlint rules`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "blocklist.h"
#include "cli.h"
#include "plugins.h"
#include "report.h"

#define MAX_SELECT 256
#define MAX_BLOCKLISTS 32
#define MAX_PLUGIN_ARGS 64
/* An upper bound keeps a typo from turning one request into minutes of work. */
#define MAX_FERMAT_ROUNDS 100000000

static const char lint_usage[] =
	"Usage: csrlint lint [OPTIONS] FILE|DIR|- ...\n"
	"\n"
	"Checks each CSR against the rule catalogue of a profile. Folders are searched\n"
	"recursively for *.csr *.pem *.der *.req; '-' reads standard input.\n"
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
	"  --no-batch          skip the cross-input checks (shared RSA primes by batch GCD,\n"
	"                      one key for different subjects, duplicate requests), which\n"
	"                      otherwise run over all inputs when there is more than one\n"
	"  -o, --output FILE   write the report to FILE instead of standard output\n"
	"  -h, --help          show this help\n"
	"\n"
	"Text output: one line per finding, FILE: SEVERITY rule-id: message (path @offset),\n"
	"then a summary per input and for the run. Colour only on a terminal, never when\n"
	"NO_COLOR is set.\n"
	"Exit status: 0 when nothing reaches --fail-on, 1 when something does (an\n"
	"unparseable input counts), 2 on a usage or configuration error.\n";

/* An input that the cross-input checks may name again at the end. */
struct seen {
	char *path;
	unsigned index;
};

struct lint_run {
	struct csrl_lint_opts opts;
	struct csrl_plugins *plugins;
	struct csrl_reporter *rep;
	struct csrl_batch *batch;       /* NULL with --no-batch */
	struct seen *seen;              /* by batch input number */
	size_t nseen, cap;
	int batch_oom;
};

/* Records a parsed request for the cross-input checks. */
static void remember(struct lint_run *r, const struct csrl_input_item *it,
		     const struct csrl_csr *csr)
{
	char name[4200];

	if (!r->batch || r->batch_oom)
		return;
	if (r->nseen == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct seen *v = realloc(r->seen, cap * sizeof *v);

		if (!v) {
			r->batch_oom = 1;
			return;
		}
		r->seen = v;
		r->cap = cap;
	}
	if (it->index > 1)
		snprintf(name, sizeof name, "%s #%u", csrl_input_name(it->path), it->index);
	else
		snprintf(name, sizeof name, "%s", csrl_input_name(it->path));
	r->seen[r->nseen].path = strdup(it->path);
	r->seen[r->nseen].index = it->index;
	if (!r->seen[r->nseen].path ||
	    csrl_batch_add(r->batch, r->nseen, name, csr) != CSRL_ERR_OK) {
		free(r->seen[r->nseen].path);
		r->batch_oom = 1;
		return;
	}
	r->nseen++;
}

/* Cross-input findings arrive ordered by input; they are gathered per input and reported. */
struct cross {
	struct lint_run *run;
	size_t input;
	struct csrl_findings f;
};

static void flush_cross(struct cross *x)
{
	struct csrl_input_item it;

	if (!x->f.n)
		return;
	memset(&it, 0, sizeof it);
	it.path = x->run->seen[x->input].path;
	it.index = x->run->seen[x->input].index;
	csrl_reporter_add_cross(x->run->rep, &it, &x->f);
	csrl_findings_clear(&x->f);
}

static void on_cross(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	struct cross *x = ctx;
	const struct csrl_rule *rule = csrl_rule_find(rule_id);
	struct csrl_finding *v;

	if (!rule || !csrl_rule_selected(rule, &x->run->opts) || input_no >= x->run->nseen)
		return;
	if (input_no != x->input)
		flush_cross(x);
	x->input = input_no;
	if (x->f.n == x->f.cap) {
		size_t cap = x->f.cap ? x->f.cap * 2 : 8;

		if (!(v = realloc(x->f.v, cap * sizeof *v)))
			return;
		x->f.v = v;
		x->f.cap = cap;
	}
	x->f.v[x->f.n] = (struct csrl_finding){ rule->id, csrl_rule_severity(rule, &x->run->opts),
						strdup(message),
						strdup(""), 0, 0 };
	if (!x->f.v[x->f.n].message || !x->f.v[x->f.n].path) {
		free(x->f.v[x->f.n].message);
		free(x->f.v[x->f.n].path);
		return;
	}
	x->f.n++;
}

/* Runs the cross-input checks when the run saw more than one request. */
static void run_batch(struct lint_run *r)
{
	struct cross x;
	size_t i;

	if (r->batch && r->batch_oom)
		fprintf(stderr, "csrlint lint: out of memory: cross-input checks skipped\n");
	else if (r->batch && r->nseen > 1) {
		memset(&x, 0, sizeof x);
		x.run = r;
		csrl_batch_run(r->batch, on_cross, &x);
		flush_cross(&x);
		csrl_findings_clear(&x.f);
	}
	for (i = 0; i < r->nseen; i++)
		free(r->seen[i].path);
	free(r->seen);
	csrl_batch_free(r->batch);
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct lint_run *r = ctx;
	struct csrl_findings f = { 0 };
	struct csrl_csr *csr = NULL;
	struct csrl_error e;

	if (it->err != CSRL_ERR_OK)
		csrl_lint_fatal(&it->error, &f);
	else if (csrl_csr_parse(it->der, it->der_len, &csr, &e) != CSRL_ERR_OK)
		csrl_lint_fatal(&e, &f);
	else {
		csr->legacy_pem_label = it->legacy_label;
		csrl_lint_csr(csr, &r->opts, &f);
		remember(r, it, csr);
	}
	csrl_reporter_add(r->rep, it, &f);
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
}

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

/* Whether a selector names at least one rule (built-in or loaded), so that a typo is an
 * error, not silence. */
static int known_selector(const char *sel, const struct csrl_lint_opts *opts)
{
	const char *one[] = { sel, NULL };
	struct csrl_lint_opts o = { .enable = one };
	size_t i;

	for (i = 0; i < csrl_rules_count; i++)
		if (csrl_rule_selected(csrl_rules[i], &o))
			return 1;
	for (i = 0; i < opts->nextra; i++)
		if (csrl_rule_selected(opts->extra_rules[i], &o))
			return 1;
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
static int setup_plugins(struct lint_run *r, const struct csrl_plugin_config *cfg,
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
		if (!known_selector(*sel, &r->opts))
			goto unknown;
	for (sel = disable; *sel; sel++)
		if (!known_selector(*sel, &r->opts))
			goto unknown;
	return 0;
unknown:
	fprintf(stderr, "csrlint lint: no rule matches '%s' (see `csrlint rules`)\n", *sel);
	return -1;
}

/* Appends a --plugin, --plugins or --param argument. */
static int add_arg(const char **list, int *n, const char *arg, const char *opt)
{
	if (*n >= MAX_PLUGIN_ARGS - 1) {
		fprintf(stderr, "csrlint lint: too many %s options\n", opt);
		return -1;
	}
	list[(*n)++] = arg;
	list[*n] = NULL;
	return 0;
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

static void lint_path(struct lint_run *r, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		csrl_input_dir(path, on_item, r);
	else
		csrl_input_file(path, on_item, r);
}

int csrl_cmd_lint(int argc, char **argv)
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
		{ "no-batch", no_argument, NULL, 'N' },
		{ "plugin", required_argument, NULL, 'P' },
		{ "plugins", required_argument, NULL, 'Q' },
		{ "policy", required_argument, NULL, 'Y' },
		{ "param", required_argument, NULL, 'A' },
		{ "no-default-plugins", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *enable[MAX_SELECT], *disable[MAX_SELECT];
	static struct csrl_blocklist *lists[MAX_BLOCKLISTS + 1];
	static const char *pfiles[MAX_PLUGIN_ARGS], *pdirs[MAX_PLUGIN_ARGS], *params[MAX_PLUGIN_ARGS];
	struct csrl_plugin_config pcfg = { pfiles, pdirs, NULL, params, 0, 0, 0 };
	int nlists = 0, batch = 1, npf = 0, npd = 0, npp = 0, profile_set = 0;
	char *end;
	long rounds;
	struct lint_run r;
	int c, i, ne = 0, nd = 0, fmt = CSRL_FMT_TEXT, fail_on = CSRL_SEV_ERROR, min_sev = 0;
	const char *output = NULL;
	FILE *out = stdout;
	int rc, color;
	const struct csrl_tally *t;

	memset(&r, 0, sizeof r);
	r.opts.profile = CSRL_PROFILE_TLS_SERVER;
	r.opts.enable = enable;
	r.opts.disable = disable;
	enable[0] = disable[0] = pfiles[0] = pdirs[0] = params[0] = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (!(r.opts.profile = csrl_profile_parse(optarg))) {
				fprintf(stderr, "csrlint lint: unknown profile '%s' (rfc, tls-server, "
					"letsencrypt, private-pki)\n", optarg);
				goto usage_fail;
			}
			profile_set = 1;
			break;
		case 'f':
			if ((fmt = csrl_format_parse(optarg)) < 0) {
				fprintf(stderr, "csrlint lint: unknown format '%s' (text, json, ndjson, "
					"sarif)\n", optarg);
				goto usage_fail;
			}
			break;
		case 'F':
			if (parse_severity(optarg, "--fail-on", &fail_on) < 0 || fail_on == CSRL_SEV_INFO) {
				if (fail_on == CSRL_SEV_INFO)
					fprintf(stderr, "csrlint lint: --fail-on takes error, warning or notice\n");
				goto usage_fail;
			}
			break;
		case 'm':
			if (parse_severity(optarg, "--min-severity", &min_sev) < 0)
				goto usage_fail;
			break;
		case 'e':
		case 'd':
			if (add_sel(c == 'e' ? enable : disable, c == 'e' ? &ne : &nd, optarg,
				    c == 'e' ? "--enable" : "--disable") < 0)
				goto usage_fail;
			break;
		case 'P':
		case 'Q':
		case 'A':
			if (add_arg(c == 'P' ? pfiles : c == 'Q' ? pdirs : params,
				    c == 'P' ? &npf : c == 'Q' ? &npd : &npp, optarg,
				    c == 'P' ? "--plugin" : c == 'Q' ? "--plugins" : "--param") < 0)
				goto usage_fail;
			break;
		case 'Y':
			pcfg.policy = optarg;
			break;
		case 'n':
			pcfg.no_defaults = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'N':
			batch = 0;
			break;
		case 'b': {
			struct csrl_error e;

			if (nlists == MAX_BLOCKLISTS) {
				fprintf(stderr, "csrlint lint: at most %d --blocklist files\n",
					MAX_BLOCKLISTS);
				goto usage_fail;
			}
			if (csrl_blocklist_load(optarg, &lists[nlists], &e) != CSRL_ERR_OK) {
				/* the message names the file and, for a bad entry, its line */
				fprintf(stderr, "csrlint lint: --blocklist: %s\n", e.msg);
				goto usage_fail;
			}
			lists[++nlists] = NULL;
			r.opts.blocklists = (const struct csrl_blocklist *const *)lists;
			break;
		}
		case 'R':
			rounds = strtol(optarg, &end, 10);
			if (*end || end == optarg || rounds < CSRL_FERMAT_ROUNDS ||
			    rounds > MAX_FERMAT_ROUNDS) {
				fprintf(stderr, "csrlint lint: --fermat-rounds takes a number from %d "
					"to %d\n", CSRL_FERMAT_ROUNDS, MAX_FERMAT_ROUNDS);
				goto usage_fail;
			}
			r.opts.fermat_rounds = (int)rounds;
			break;
		case 'h':
			fputs(lint_usage, stdout);
			return CSRL_EXIT_OK;
		default:
			fputs(lint_usage, stderr);
			goto usage_fail;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "csrlint lint: no input (name files or folders, or '-' for "
			"standard input)\n");
		goto usage_fail;
	}
	if (setup_plugins(&r, &pcfg, profile_set, enable, &ne, disable, &nd) < 0)
		goto usage_fail;
	if (output && !(out = fopen(output, "w"))) {
		perror(output);
		goto usage_fail;
	}
	color = !output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	r.rep = csrl_reporter_new(out, (enum csrl_format)fmt, r.opts.profile, min_sev, color);
	if (!r.rep) {
		fprintf(stderr, "csrlint lint: out of memory\n");
		rc = CSRL_EXIT_FAIL;
		goto done;
	}
	if (batch && !(r.batch = csrl_batch_new())) {
		fprintf(stderr, "csrlint lint: out of memory\n");
		rc = CSRL_EXIT_FAIL;
		goto done;
	}
	for (i = optind; i < argc; i++)
		lint_path(&r, argv[i]);
	run_batch(&r);
	rc = csrl_reporter_finish(r.rep, &r.opts);
	t = csrl_reporter_tally(r.rep);
	if (rc < 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "csrlint lint: cannot write the report%s%s\n", output ? " to " : "",
			output ? output : "");
		rc = CSRL_EXIT_FAIL;
		goto done;
	}
	rc = CSRL_EXIT_OK;
	for (c = fail_on; c <= CSRL_SEV_FATAL; c++)
		if (t->by_sev[c])
			rc = CSRL_EXIT_FAIL;
done:
	csrl_reporter_free(r.rep);
	for (c = 0; c < nlists; c++)
		csrl_blocklist_free(lists[c]);
	csrl_plugins_free(r.plugins);
	return rc;
usage_fail:
	for (c = 0; c < nlists; c++)
		csrl_blocklist_free(lists[c]);
	csrl_plugins_free(r.plugins);
	return CSRL_EXIT_USAGE;
}
