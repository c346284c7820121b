/* cmd_fix.c - `csrlint fix`: lint a request, apply the fixes its findings call for, re-encode
 * it as canonical DER, re-sign it with the subject's key, and say what changed and what is
 * still wrong. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gen_io.h"
#include "input.h"
#include "plugins.h"

/* Exit status when nothing could be written (bad key, unreadable input, write failure). */
#define EXIT_ERROR 3
/* Most --plugin, --plugins and --param options (each list). */

static const char fix_usage[] =
	"Usage: csrlint fix [--key KEY] [OPTIONS] FILE\n"
	"\n"
	"Lints the CSR in FILE, applies the fixes its findings call for, re-encodes it as\n"
	"canonical DER and re-signs it with KEY, which must be the CSR's own private key.\n"
	"Prints what changed and the findings that remain.\n"
	"\n"
	"  --key KEY           the private key (PKCS#8, encrypted PKCS#8, PKCS#1, SEC 1; PEM\n"
	"                      or DER); without it the corrected request is shown, not signed\n"
	"  --passin SRC        passphrase of an encrypted key: file:PATH or env:VAR (default:\n"
	"                      ask on the terminal)\n"
	"  -o, --output OUT    write the new CSR to OUT (default: standard output)\n"
	"  --in-place          replace FILE (atomically: temporary file + rename)\n"
	"  --der               write DER instead of PEM\n"
	"  --dry-run           show what would change; write nothing\n"
	"  --profile P         rfc, tls-server (default), letsencrypt or private-pki\n"
	"  --keep-attrs        keep challengePassword and unknown attributes\n"
	"  --keep-email        keep emailAddress in the subject\n"
	"  --hash H            sha256, sha384 or sha512 (default: by key, see below)\n"
	"  --pss               sign with RSASSA-PSS instead of PKCS#1 v1.5\n"
	"  --format F          text (default) or json\n"
	"  --plugin FILE       load the Lua rules of FILE (and the fixes they declare);\n"
	"                      repeatable\n"
	"  --plugins DIR       load every *.lua rule file in DIR; repeatable\n"
	"  --policy FILE       apply a Lua policy: profile, rules, severities, parameters\n"
	"  --param NAME=VALUE  set a parameter of the Lua rules (after the policy's)\n"
	"  --no-default-plugins  do not load the bundled Lua rules\n"
	"  -h, --help          show this help\n"
	"\n"
	"Signatures: SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521,\n"
	"Ed25519/Ed448 as they are. The report goes to standard output, or to standard error\n"
	"when the CSR does. Lua rules that declare a fix (see README.md) are fixed after the\n"
	"built-in fixes; a fix that fails stops the run before anything is written.\n"
	"Exit status: 0 when no error finding remains, 1 when some remain (the CSR is still\n"
	"written), 2 on a usage error, 3 when nothing could be written (unreadable input, key\n"
	"missing or not the CSR's key, output not writable, a Lua fix failed).\n";

struct fix_args {
	const char *key, *passin, *out, *input;
	unsigned profile;
	int profile_set, dry_run, der, in_place, json;
	const char *files[CSRL_CLI_MAX_ARGS], *dirs[CSRL_CLI_MAX_ARGS], *params[CSRL_CLI_MAX_ARGS];
	int nfiles, ndirs, nparams;
	struct csrl_plugin_config pcfg;
	struct csrl_fix_opts fo;
	struct csrl_sign_opts so;
};

/* The state of one run, released by run_free. */
struct run {
	uint8_t *file, *der, *new_der, *cri;
	size_t file_len, der_len, new_len, cri_len;
	struct csrl_csr *csr, *fixed;
	struct csrl_privkey *key;
	struct csrl_plugins *plugins;
	struct csrl_gen_req *req;
	struct csrl_findings before, after;
	struct csrl_gen_summary sa, sb;
	int have_item;
	struct csrl_error item_err;
	size_t nfixers;
};

static void run_free(struct run *r)
{
	free(r->file);
	free(r->der);
	free(r->new_der);
	free(r->cri);
	csrl_csr_free(r->csr);
	csrl_csr_free(r->fixed);
	csrl_privkey_free(r->key);
	csrl_gen_free(r->req);
	csrl_plugins_free(r->plugins);
	csrl_findings_clear(&r->before);
	csrl_findings_clear(&r->after);
	csrl_gen_summary_clear(&r->sa);
	csrl_gen_summary_clear(&r->sb);
}

static int parse_hash(const char *s)
{
	return strcmp(s, "sha256") == 0 ? CSRL_HASH_SHA256 : strcmp(s, "sha384") == 0 ?
	       CSRL_HASH_SHA384 : strcmp(s, "sha512") == 0 ? CSRL_HASH_SHA512 : -1;
}

/* Option values past a char: the Lua options have long names only. */
enum { OPT_PLUGIN = 256, OPT_PLUGINS, OPT_POLICY, OPT_PARAM, OPT_NO_DEFAULTS };

static int parse_args(int argc, char **argv, struct fix_args *a)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' }, { "passin", required_argument, NULL, 'P' },
		{ "output", required_argument, NULL, 'o' }, { "in-place", no_argument, NULL, 'i' },
		{ "der", no_argument, NULL, 'D' }, { "dry-run", no_argument, NULL, 'n' },
		{ "profile", required_argument, NULL, 'p' }, { "format", required_argument, NULL, 'f' },
		{ "keep-attrs", no_argument, NULL, 'A' }, { "keep-email", no_argument, NULL, 'E' },
		{ "hash", required_argument, NULL, 'H' }, { "pss", no_argument, NULL, 'S' },
		{ "plugin", required_argument, NULL, OPT_PLUGIN },
		{ "plugins", required_argument, NULL, OPT_PLUGINS },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "param", required_argument, NULL, OPT_PARAM },
		{ "no-default-plugins", no_argument, NULL, OPT_NO_DEFAULTS },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	int c, h;

	memset(a, 0, sizeof *a);
	a->profile = CSRL_PROFILE_TLS_SERVER;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'k': a->key = optarg; break;
		case 'P': a->passin = optarg; break;
		case 'o': a->out = optarg; break;
		case 'i': a->in_place = 1; break;
		case 'D': a->der = 1; break;
		case 'n': a->dry_run = 1; break;
		case 'A': a->fo.keep_attrs = 1; break;
		case 'E': a->fo.keep_email = 1; break;
		case 'S': a->so.pss = 1; break;
		case 'p':
			if (!(a->profile = csrl_profile_parse(optarg)))
				return fprintf(stderr, "csrlint fix: unknown profile '%s'\n", optarg), -1;
			a->profile_set = 1;
			break;
		case OPT_PLUGIN:
			if (csrl_cli_add_arg("fix", a->files, &a->nfiles, CSRL_CLI_MAX_ARGS, optarg,
					     "--plugin") < 0)
				return -1;
			break;
		case OPT_PLUGINS:
			if (csrl_cli_add_arg("fix", a->dirs, &a->ndirs, CSRL_CLI_MAX_ARGS, optarg,
					     "--plugins") < 0)
				return -1;
			break;
		case OPT_PARAM:
			if (csrl_cli_add_arg("fix", a->params, &a->nparams, CSRL_CLI_MAX_ARGS, optarg,
					     "--param") < 0)
				return -1;
			break;
		case OPT_POLICY: a->pcfg.policy = optarg; break;
		case OPT_NO_DEFAULTS: a->pcfg.no_defaults = 1; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text"))
				return fprintf(stderr, "csrlint fix: unknown format '%s'\n", optarg), -1;
			a->json = strcmp(optarg, "json") == 0;
			break;
		case 'H':
			if ((h = parse_hash(optarg)) < 0)
				return fprintf(stderr, "csrlint fix: unknown hash '%s'\n", optarg), -1;
			a->so.hash = (enum csrl_hash)h;
			break;
		case 'h': fputs(fix_usage, stdout); return 1;
		default: fputs(fix_usage, stderr); return -1;
		}
	}
	if (optind + 1 != argc)
		return fputs("csrlint fix: give exactly one FILE\n", stderr), -1;
	a->pcfg.files = a->files;
	a->pcfg.dirs = a->dirs;
	a->pcfg.params = a->params;
	a->input = argv[optind];
	if (a->in_place && (a->out || strcmp(a->input, "-") == 0))
		return fputs("csrlint fix: --in-place replaces FILE; it takes no -o and no '-'\n",
			     stderr), -1;
	if (a->in_place)
		a->out = a->input;
	return 0;
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct run *r = ctx;

	if (r->have_item)
		return;
	r->have_item = 1;
	if (it->err) {
		r->item_err = it->error;
		return;
	}
	if ((r->der = malloc(it->der_len ? it->der_len : 1))) {
		memcpy(r->der, it->der, it->der_len);
		r->der_len = it->der_len;
	}
}

/* Reads, parses and lints the input; loads and checks the key. */
static int load(struct run *r, const struct fix_args *a, const struct csrl_lint_opts *lo,
		struct csrl_error *err)
{
	int rc;

	if ((rc = csrl_input_read(a->input, &r->file, &r->file_len, err)))
		return rc;
	csrl_input_split(a->input, r->file, r->file_len, on_item, r);
	if (r->item_err.code)
		return *err = r->item_err, err->code;
	if (!r->der)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if ((rc = csrl_csr_parse(r->der, r->der_len, &r->csr, err)))
		return rc;
	csrl_lint_csr(r->csr, lo, &r->before);
	if (a->key && (rc = csrl_gen_load_key(a->key, a->passin, &r->key, err)))
		return rc;
	if (r->key && !csrl_privkey_matches(r->key, &r->csr->key))
		return csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s is not the private key of this "
				      "request (the public keys differ); refusing to sign", a->key);
	return CSRL_ERR_OK;
}

/* Applies the fixes, builds and re-lints the result. */
static int generate(struct run *r, const struct fix_args *a, const struct csrl_lint_opts *lo,
		    struct csrl_error *err)
{
	size_t i, n = 0;
	int rc;

	if ((rc = csrl_gen_from_csr(r->csr, &r->req, err)))
		return rc;
	r->nfixers = csrl_gen_fix(r->req, &r->before, &a->fo);
	if ((rc = csrl_plugins_fix(r->plugins, r->req, &r->before, &n, err)))
		return rc;
	r->nfixers += n;
	n = 0;
	if ((rc = csrl_gen_build(r->req, r->key, &a->so, &r->cri, &r->cri_len, &r->new_der,
				 &r->new_len, err)))
		return rc;
	if ((rc = csrl_csr_parse(r->new_der, r->new_len, &r->fixed, err)))
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "the generated request does not "
				      "parse: %s", err ? err->msg : "");
	csrl_lint_csr(r->fixed, lo, &r->after);
	/* An unsigned result has no signature to judge. */
	for (i = 0; i < r->after.n; i++) {
		if (!r->key && strncmp(r->after.v[i].rule_id, "sig.", 4) == 0) {
			free(r->after.v[i].message);
			free(r->after.v[i].path);
			continue;
		}
		r->after.v[n++] = r->after.v[i];
	}
	r->after.n = n;
	if (csrl_gen_summarize(r->csr, 1, &r->sa) || csrl_gen_summarize(r->fixed, !!r->key, &r->sb))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	return CSRL_ERR_OK;
}

static int errors_left(const struct csrl_findings *f)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->n; i++)
		n += f->v[i].severity >= CSRL_SEV_ERROR;
	return n;
}

static void report_text(FILE *o, const struct run *r, const struct fix_args *a)
{
	size_t i;

	fprintf(o, "%s: %zu finding%s, %zu fixer%s applied\n", csrl_input_name(a->input),
		r->before.n, r->before.n == 1 ? "" : "s", r->nfixers, r->nfixers == 1 ? "" : "s");
	for (i = 0; i < r->req->nlog; i++)
		fprintf(o, "  fixed: %s\n", r->req->log[i]);
	fputs("changes:\n", o);
	if (!csrl_gen_diff_text(o, &r->sa, &r->sb))
		fputs("  (none besides the encoding and the signature)\n", o);
	fprintf(o, "remaining findings: %zu\n", r->after.n);
	for (i = 0; i < r->after.n; i++)
		fprintf(o, "  %s %s: %s\n", csrl_severity_name(r->after.v[i].severity),
			r->after.v[i].rule_id, r->after.v[i].message);
	if (!r->key)
		fputs("not signed: signing needs the request's private key (--key KEY)\n", o);
	else if (a->dry_run)
		fputs("dry run: nothing written\n", o);
}

static void report_json(FILE *o, const struct run *r, const struct fix_args *a,
			const char *pem)
{
	json_t *root, *log = json_array(), *rem = json_array();
	size_t i;

	for (i = 0; i < r->req->nlog; i++)
		json_array_append_new(log, json_string(r->req->log[i]));
	for (i = 0; i < r->after.n; i++)
		json_array_append_new(rem, json_pack("{s:s,s:s,s:s}", "rule", r->after.v[i].rule_id,
						     "severity",
						     csrl_severity_name(r->after.v[i].severity),
						     "message", r->after.v[i].message));
	root = json_pack("{s:s,s:s,s:i,s:i,s:o,s:o,s:o,s:b,s:b,s:s?}", "input",
			 csrl_input_name(a->input), "profile", csrl_profile_name(a->profile),
			 "findings_before", (int)r->before.n, "fixers_applied", (int)r->nfixers,
			 "changes", log, "diff", csrl_gen_diff_json(&r->sa, &r->sb), "remaining",
			 rem, "signed", r->key != NULL, "written", pem == NULL && r->key &&
			 !a->dry_run, "csr", pem);
	if (root)
		json_dumpf(root, o, JSON_INDENT(2));
	fputc('\n', o);
	json_decref(root);
}

/* Writes the CSR unless this is a dry run or it is unsigned. */
static int emit(struct run *r, const struct fix_args *a, char **pem_out, struct csrl_error *err)
{
	const char *out = a->out ? a->out : "-";
	char *pem = NULL;
	int rc;

	if (!r->key || a->dry_run)
		return CSRL_ERR_OK;
	if (!a->der && !(pem = csrl_gen_pem("CERTIFICATE REQUEST", r->new_der, r->new_len)))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (a->json && !a->out) {
		*pem_out = pem;
		return CSRL_ERR_OK;
	}
	rc = pem ? csrl_gen_write_file(out, pem, strlen(pem), 0644, 0, err)
		 : csrl_gen_write_file(out, r->new_der, r->new_len, 0644, 0, err);
	free(pem);
	return rc;
}

/* Loads the Lua rules and the policy and merges the policy into lo, as lint does (an
 * explicit --profile wins). */
static int setup_plugins(struct run *r, const struct fix_args *a, struct csrl_lint_opts *lo)
{
	const struct csrl_policy *pol;
	struct csrl_error e = { 0 };

	if (csrl_plugins_setup(&a->pcfg, &r->plugins, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint fix: %s\n", e.msg);
		return -1;
	}
	lo->extra_rules = csrl_plugins_rules(r->plugins, &lo->nextra);
	pol = csrl_plugins_policy(r->plugins);
	if (pol->profile && !a->profile_set)
		lo->profile = pol->profile;
	lo->fermat_rounds = pol->fermat_rounds;
	lo->severities = pol->severities;
	lo->nseverities = pol->nseverities;
	lo->enable = pol->enable;
	lo->disable = pol->disable;
	return 0;
}

int csrl_cmd_fix(int argc, char **argv)
{
	struct csrl_lint_opts lo = { 0 };
	struct csrl_error err = { 0 };
	struct fix_args a;
	struct run r;
	char *pem = NULL;
	FILE *rep;
	int rc, exit_code;

	if ((rc = parse_args(argc, argv, &a)))
		return rc > 0 ? CSRL_EXIT_OK : CSRL_EXIT_USAGE;
	memset(&r, 0, sizeof r);
	lo.profile = a.profile;
	if (setup_plugins(&r, &a, &lo) < 0) {
		run_free(&r);
		return CSRL_EXIT_USAGE;
	}
	rc = load(&r, &a, &lo, &err);
	if (rc == CSRL_ERR_OK)
		rc = generate(&r, &a, &lo, &err);
	if (rc == CSRL_ERR_OK)
		rc = emit(&r, &a, &pem, &err);
	if (rc != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint fix: %s: %s\n", csrl_input_name(a.input), err.msg);
		run_free(&r);
		return EXIT_ERROR;
	}
	rep = (!a.out && r.key && !a.dry_run && !a.json) ? stderr : stdout;
	if (a.json)
		report_json(rep, &r, &a, pem);
	else
		report_text(rep, &r, &a);
	exit_code = errors_left(&r.after) ? CSRL_EXIT_FAIL : CSRL_EXIT_OK;
	free(pem);
	run_free(&r);
	return exit_code;
}
