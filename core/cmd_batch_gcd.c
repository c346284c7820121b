/* cmd_batch_gcd.c - `csrlint batch-gcd`: the cross-input checks of `lint` (shared RSA primes,
 * one key for different subjects, duplicate requests) over the moduli exports of many lint
 * runs, e.g. one per machine. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "cli.h"
#include "lint.h"
#include "moduli.h"
#include "report.h"

static const char usage_text[] =
	"Usage: csrlint batch-gcd [OPTIONS] FILE...\n"
	"\n"
	"Runs the cross-input checks of `csrlint lint` over moduli exports written by\n"
	"`csrlint lint --export-moduli FILE` (one per machine or shard): RSA moduli that\n"
	"share a prime (key.rsa.shared-prime, error), one public key in requests for\n"
	"different subjects (key.reused, warning) and byte-identical requests\n"
	"(csr.duplicate, notice), across all the files as if one lint run had read every\n"
	"request. Memory grows with the number of RSA moduli: the batch GCD's product\n"
	"tree holds several copies of them (about 85 MiB for 10,000 RSA-2048 moduli).\n"
	"\n"
	"  --format F          text (default), json (one document) or ndjson (one object\n"
	"                      per finding)\n"
	"  --fail-on S         exit 1 when a finding reaches S: error (default), warning,\n"
	"                      notice\n"
	"  -o, --output FILE   write the report to FILE instead of standard output\n"
	"  -h, --help          show this help\n"
	"\n"
	"Inputs are numbered in file order, then record order. Findings name each input\n"
	"by the name lint stored (\"a.pem\", \"a.pem #2\", a stream id); a name stored in\n"
	"more than one of the files is shown as \"EXPORT:name\" (EXPORT as given here),\n"
	"and a record without a name as \"EXPORT:record N\".\n"
	"\n"
	"Text output: one line per finding, NAME: SEVERITY rule-id: message, then a\n"
	"summary line: files, records, RSA moduli, findings by severity. JSON: {\"files\",\n"
	"\"records\", \"rsa_moduli\", \"counts\", \"unreadable\", \"findings\": [{\"input\",\n"
	"\"rule\", \"severity\", \"message\", \"export\", \"record\"}]}.\n"
	"\n"
	"A file that cannot be read in full (missing, truncated, corrupt: the export ends\n"
	"with a record count and a SHA-256 checksum) or that repeats an earlier file is\n"
	"left out as a whole, with one error line on standard error naming the file and\n"
	"the byte offset. The other files are still read and checked, and the exit status\n"
	"is then 2, so that an incomplete batch never passes for a complete one.\n"
	"Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 on a\n"
	"usage error, or when a file was left out or findings were lost (out of memory).\n";

struct gcd_run {
	FILE *out;
	int fmt;
	struct csrl_batch *batch;
	const struct csrl_moduli_file *files;
	size_t nfiles;
	struct csrl_lint_opts opts;
	size_t by_sev[CSRL_SEV_FATAL + 1];
	json_t *findings;               /* json */
	int oom;                        /* findings were lost to memory exhaustion */
};

/* A JSON string for text that may not be UTF-8 (a name from a foreign file system): bytes
 * that jansson refuses become '?'. */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	char *copy, *p;

	if (j || !(copy = strdup(s)))
		return j;
	for (p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

/* The export file holding batch input i, and its record number there (from 1). */
static const struct csrl_moduli_file *file_of(const struct gcd_run *r, size_t i, size_t *rec)
{
	size_t k;

	for (k = 0; k < r->nfiles; k++) {
		const struct csrl_moduli_file *f = &r->files[k];

		if (f->rc == CSRL_ERR_OK && i >= f->first && i - f->first < f->count) {
			*rec = i - f->first + 1;
			return f;
		}
	}
	*rec = 0;
	return NULL;
}

static void on_finding(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	struct gcd_run *r = ctx;
	const struct csrl_rule *rule = csrl_rule_find(rule_id);
	enum csrl_severity sev = rule ? csrl_rule_severity(rule, &r->opts) : CSRL_SEV_ERROR;
	const char *name = csrl_batch_name(r->batch, input_no);
	const struct csrl_moduli_file *f;
	size_t rec;
	json_t *o;

	r->by_sev[sev]++;
	if (!name)
		name = "?";
	if (r->fmt == CSRL_FMT_TEXT) {
		fprintf(r->out, "%s: %s %s: %s\n", name, csrl_severity_name(sev), rule_id, message);
		return;
	}
	f = file_of(r, input_no, &rec);
	o = json_pack("{s:o, s:s, s:s, s:s, s:o, s:I}", "input", json_text(name), "rule",
		      rule_id, "severity", csrl_severity_name(sev), "message", message,
		      "export", json_text(f ? f->path : ""), "record", (json_int_t)rec);
	if (!o) {
		r->oom = 1;
		return;
	}
	if (r->fmt == CSRL_FMT_NDJSON) {
		json_dumpf(o, r->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fputc('\n', r->out);
		json_decref(o);
	} else if (json_array_append_new(r->findings, o) != 0) {
		r->oom = 1;
	}
}

static void summary_text(const struct gcd_run *r, size_t files, size_t left_out)
{
	const size_t *s = r->by_sev;

	fprintf(r->out, "%zu file%s, %zu record%s, %zu RSA moduli: %zu error%s, %zu warning%s, "
		"%zu notice%s", files, files == 1 ? "" : "s", csrl_batch_count(r->batch),
		csrl_batch_count(r->batch) == 1 ? "" : "s", csrl_batch_rsa_count(r->batch),
		s[CSRL_SEV_ERROR], s[CSRL_SEV_ERROR] == 1 ? "" : "s", s[CSRL_SEV_WARNING],
		s[CSRL_SEV_WARNING] == 1 ? "" : "s", s[CSRL_SEV_NOTICE],
		s[CSRL_SEV_NOTICE] == 1 ? "" : "s");
	if (left_out)
		fprintf(r->out, "; %zu file%s left out (errors above): the batch is incomplete",
			left_out, left_out == 1 ? "" : "s");
	fputc('\n', r->out);
}

/* The whole JSON document; -1 when it cannot be built. */
static int summary_json(struct gcd_run *r, size_t files)
{
	json_t *bad = json_array(), *doc;
	size_t i;
	int rc;

	for (i = 0; bad && i < r->nfiles; i++)
		if (r->files[i].rc != CSRL_ERR_OK)
			json_array_append_new(bad, json_pack("{s:o, s:I, s:s}", "file",
					      json_text(r->files[i].path), "offset",
					      (json_int_t)r->files[i].err.offset, "message",
					      r->files[i].err.msg));
	doc = json_pack("{s:s, s:I, s:I, s:I, s:{s:I, s:I, s:I}, s:o, s:O}",
			"csrlint", csrl_version(), "files", (json_int_t)files,
			"records", (json_int_t)csrl_batch_count(r->batch),
			"rsa_moduli", (json_int_t)csrl_batch_rsa_count(r->batch),
			"counts", "error", (json_int_t)r->by_sev[CSRL_SEV_ERROR],
			"warning", (json_int_t)r->by_sev[CSRL_SEV_WARNING],
			"notice", (json_int_t)r->by_sev[CSRL_SEV_NOTICE],
			"unreadable", bad, "findings", r->findings);
	if (!doc)
		return -1;
	rc = json_dumpf(doc, r->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', r->out);
	json_decref(doc);
	return rc;
}

/* One line on standard error for each file left out; returns how many. */
static size_t report_left_out(const struct csrl_moduli_file *files, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		if (files[i].rc != CSRL_ERR_OK) {
			fprintf(stderr, "csrlint batch-gcd: %s: offset %zu: %s\n", files[i].path,
				files[i].err.offset, files[i].err.msg);
			bad++;
		}
	return bad;
}

static int parse_args(int argc, char **argv, struct gcd_run *r, int *fail_on,
		      const char **output)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			r->fmt = csrl_format_parse(optarg);
			if (r->fmt != CSRL_FMT_TEXT && r->fmt != CSRL_FMT_JSON &&
			    r->fmt != CSRL_FMT_NDJSON) {
				fprintf(stderr, "csrlint batch-gcd: unknown format '%s' (text, json, "
					"ndjson)\n", optarg);
				return -1;
			}
			break;
		case 'F':
			*fail_on = csrl_severity_parse(optarg);
			if (*fail_on < CSRL_SEV_NOTICE || *fail_on > CSRL_SEV_ERROR) {
				fprintf(stderr, "csrlint batch-gcd: --fail-on '%s': use error, warning "
					"or notice\n", optarg);
				return -1;
			}
			break;
		case 'o':
			*output = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fputs(usage_text, stderr);
			return -1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "csrlint batch-gcd: no input (name the moduli exports written by "
			"`csrlint lint --export-moduli`)\n");
		return -1;
	}
	return 0;
}

/* Closes the report and gives the exit status: 2 when a file was left out, findings were
 * lost or the report could not be written, else 1 when a finding reached fail_on. */
static int finish(struct gcd_run *r, int fail_on, size_t left_out, const char *output)
{
	int rc = CSRL_EXIT_OK, s, unwritten;

	for (s = fail_on; s <= CSRL_SEV_FATAL; s++)
		if (r->by_sev[s])
			rc = CSRL_EXIT_FAIL;
	if (r->oom || csrl_batch_failed(r->batch))
		fprintf(stderr, "csrlint batch-gcd: out of memory: findings are missing\n");
	unwritten = fflush(r->out) != 0 || ferror(r->out);
	if (r->out != stdout && fclose(r->out) != 0)
		unwritten = 1;
	if (unwritten)
		fprintf(stderr, "csrlint batch-gcd: cannot write the report%s%s\n",
			output ? " to " : "", output ? output : "");
	if (left_out || r->oom || csrl_batch_failed(r->batch) || unwritten)
		rc = CSRL_EXIT_USAGE;
	return rc;
}

int csrl_cmd_batch_gcd(int argc, char **argv)
{
	struct gcd_run r;
	struct csrl_moduli_file *files = NULL;
	const char *output = NULL;
	int fail_on = CSRL_SEV_ERROR, rc, c;
	size_t i, nread = 0, left_out = 0;

	memset(&r, 0, sizeof r);
	r.fmt = CSRL_FMT_TEXT;
	r.opts.profile = CSRL_PROFILE_TLS_SERVER;
	if ((c = parse_args(argc, argv, &r, &fail_on, &output)) != 0)
		return c > 0 ? CSRL_EXIT_OK : CSRL_EXIT_USAGE;
	r.nfiles = (size_t)(argc - optind);
	if (!(files = calloc(r.nfiles, sizeof *files)) || !(r.batch = csrl_batch_new()) ||
	    (r.fmt == CSRL_FMT_JSON && !(r.findings = json_array()))) {
		fprintf(stderr, "csrlint batch-gcd: out of memory\n");
		rc = CSRL_EXIT_USAGE;
		goto done;
	}
	for (i = 0; i < r.nfiles; i++)
		files[i].path = argv[optind + (int)i];
	r.files = files;
	if (csrl_moduli_merge(r.batch, files, r.nfiles) != CSRL_ERR_OK) {
		fprintf(stderr, "csrlint batch-gcd: out of memory reading the exports\n");
		rc = CSRL_EXIT_USAGE;
		goto done;
	}
	left_out = report_left_out(files, r.nfiles);
	nread = r.nfiles - left_out;
	if (output && !(r.out = fopen(output, "w"))) {
		perror(output);
		rc = CSRL_EXIT_USAGE;
		goto done;
	}
	if (!r.out)
		r.out = stdout;
	csrl_batch_run(r.batch, on_finding, &r);
	if (r.fmt == CSRL_FMT_TEXT)
		summary_text(&r, nread, left_out);
	else if (r.fmt == CSRL_FMT_JSON && summary_json(&r, nread) != 0)
		r.oom = 1;
	rc = finish(&r, fail_on, left_out, output);
done:
	json_decref(r.findings);
	csrl_batch_free(r.batch);
	free(files);
	return rc;
}
