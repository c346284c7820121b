/* cmd_inspect.c - `csrlint inspect`: parse, verify and print each CSR (text, --asn1, JSON). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "inspect.h"

static const char usage[] =
	"Usage: csrlint inspect [--asn1] [--format text|json] FILE...\n"
	"\n"
	"Prints each CSR like `openssl req -text`: version, subject (RFC 4514), public key,\n"
	"SPKI SHA-256, attributes (challengePassword redacted), requested extensions,\n"
	"signature algorithm, and whether the self-signature verifies.\n"
	"\n"
	"  --asn1            print the DER tree instead (offset, header length, length, tag),\n"
	"                    marking each DER encoding anomaly on its line\n"
	"  --format FORMAT   text (default) or json (one document for all inputs)\n"
	"  -h, --help        show this help\n"
	"\n"
	"FILE may be '-' for standard input; DER and PEM are told apart automatically.\n"
	"Exit status: 0 when every input was read, 1 when any could not be (one error line\n"
	"each on stderr, naming the file and byte offset), 2 on a usage error.\n";

struct inspect_run {
	int asn1, json;
	unsigned failures, reports;
	json_t *results;           /* JSON mode: one entry per item */
};

static json_t *error_json(const struct csrl_input_item *it, const struct csrl_error *e)
{
	json_t *o = json_pack("{s:s, s:i, s:{s:s, s:I, s:s}}", "file", csrl_input_name(it->path),
			      "index", (int)it->index, "error", "code", csrl_errname(e->code),
			      "offset", (json_int_t)e->offset, "message", e->msg);

	if (o && e->line > 0)
		json_object_set_new(json_object_get(o, "error"), "line", json_integer(e->line));
	return o;
}

static void report_error(struct inspect_run *r, const struct csrl_input_item *it,
			 const struct csrl_error *e)
{
	r->failures++;
	csrl_input_print_error(stderr, it, e);
	if (r->json)
		json_array_append_new(r->results, error_json(it, e));
}

static void report_csr(struct inspect_run *r, const struct csrl_input_item *it,
		       struct csrl_csr *csr)
{
	struct csrl_verify_result vr;
	json_t *o;

	r->reports++;
	if (r->asn1) {
		if (r->json) {
			o = json_pack("{s:s, s:i, s:o}", "file", csrl_input_name(it->path),
				      "index", (int)it->index, "asn1",
				      csrl_inspect_asn1_json(csr->der));
			json_array_append_new(r->results, o);
		} else {
			printf("File: %s (CSR #%u)\n", csrl_input_name(it->path), it->index);
			csrl_inspect_asn1(stdout, csr->der);
			putchar('\n');
		}
		return;
	}
	csrl_verify(csr, &vr);
	if (r->json) {
		o = csrl_inspect_json(csr, &vr);
		if (o) {
			json_object_set_new(o, "file", json_string(csrl_input_name(it->path)));
			json_object_set_new(o, "index", json_integer(it->index));
			json_object_set_new(o, "pem_label_legacy", json_boolean(it->legacy_label));
		}
		json_array_append_new(r->results, o);
	} else {
		printf("File: %s (CSR #%u)\n", csrl_input_name(it->path), it->index);
		csrl_inspect_text(stdout, csr, &vr);
		putchar('\n');
	}
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct inspect_run *r = ctx;
	struct csrl_csr *csr;
	struct csrl_error e;

	if (it->err != CSRL_ERR_OK) {
		report_error(r, it, &it->error);
		return;
	}
	if (csrl_csr_parse(it->der, it->der_len, &csr, &e) != CSRL_ERR_OK) {
		report_error(r, it, &e);
		return;
	}
	csr->legacy_pem_label = it->legacy_label;
	report_csr(r, it, csr);
	csrl_csr_free(csr);
}

int csrl_cmd_inspect(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "asn1", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct inspect_run r;
	int c, i;

	memset(&r, 0, sizeof r);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hf:", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			r.asn1 = 1;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				r.json = 1;
			else if (strcmp(optarg, "text") != 0) {
				fprintf(stderr, "csrlint inspect: unknown format '%s' (use text or "
					"json)\n", optarg);
				return CSRL_EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(usage, stdout);
			return CSRL_EXIT_OK;
		default:
			fputs(usage, stderr);
			return CSRL_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "csrlint inspect: no input files (use '-' for standard input)\n");
		return CSRL_EXIT_USAGE;
	}
	if (r.json && !(r.results = json_array()))
		return CSRL_EXIT_FAIL;
	for (i = optind; i < argc; i++)
		csrl_input_file(argv[i], on_item, &r);
	if (r.json) {
		json_t *doc = json_pack("{s:s, s:o}", "csrlint", csrl_version(), "results",
					r.results);

		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(doc);
	}
	fflush(stdout);
	return r.failures ? CSRL_EXIT_FAIL : CSRL_EXIT_OK;
}
