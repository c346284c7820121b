/* cmd_new.c - `csrlint new`: build a request from the command line (subject, SANs, key
 * usages) with the generator, sign it with a given or a freshly generated key, lint it in
 * the chosen profile, and write it only when no error finding remains (or --force). */
#define _DEFAULT_SOURCE                 /* explicit_bzero */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "gen_io.h"

/* Exit status when nothing could be written (bad key, key generation or write failure). */
#define EXIT_ERROR 3
/* Most --san options taken: one SAN extension holds at most CSRL_GEN_MAX_ITEMS names. */
#define MAX_SANS CSRL_GEN_MAX_ITEMS

static const char new_usage[] =
	"Usage: csrlint new (--key KEY | --new-key TYPE --key-out FILE) --subject DN [OPTIONS]\n"
	"\n"
	"Builds a new CSR, signs it, lints it in the chosen profile and writes it only when no\n"
	"error finding remains (or with --force).\n"
	"\n"
	"  --key KEY           sign with this private key (PKCS#8, encrypted PKCS#8, PKCS#1,\n"
	"                      SEC 1; PEM or DER)\n"
	"  --passin SRC        passphrase of an encrypted key: file:PATH or env:VAR\n"
	"  --new-key TYPE      generate a key: rsa:2048, rsa:3072, rsa:4096, ec:P-256, ec:P-384\n"
	"                      or ed25519\n"
	"  --key-out FILE      where the generated key goes (PEM PKCS#8, unencrypted, mode\n"
	"                      0600); an existing FILE is never overwritten\n"
	"  --subject DN        OpenSSL -subj syntax: /C=DE/O=Example/CN=www.example.com; '+'\n"
	"                      joins a multi-valued RDN, '\\' escapes the next character\n"
	"  --san TYPE:VALUE    a subjectAltName: dns:NAME, ip:ADDR, email:ADDR or uri:URI\n"
	"                      (repeatable)\n"
	"  --ku LIST           keyUsage bits (critical), e.g. digitalSignature,keyEncipherment\n"
	"  --eku LIST          extKeyUsage, e.g. serverAuth,clientAuth\n"
	"  --profile P         rfc, tls-server (default), letsencrypt or private-pki\n"
	"  --force             write the CSR even when error findings remain\n"
	"  -o, --output OUT    write the CSR to OUT (default: standard output)\n"
	"  --der               write DER instead of PEM\n"
	"  --hash H            sha256, sha384 or sha512 (default: by key, as for fix)\n"
	"  --pss               sign with RSASSA-PSS instead of PKCS#1 v1.5\n"
	"  -h, --help          show this help\n"
	"\n"
	"Findings go to standard error. Key material is never printed.\n"
	"Exit status: 0 when the CSR was written without error findings, 1 when error findings\n"
	"remain (nothing written unless --force), 2 on a usage error (unknown subject type,\n"
	"bad --san, --ku or --eku value), 3 when nothing could be written (unreadable key,\n"
	"key generation failed, existing --key-out, output not writable).\n";

struct new_args {
	const char *key, *passin, *new_key, *key_out, *subject, *out, *ku, *eku;
	const char **sans;
	size_t nsans;
	unsigned profile;
	int force, der;
	struct csrl_sign_opts so;
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("csrlint new: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int parse_args(int argc, char **argv, struct new_args *a)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' }, { "passin", required_argument, NULL, 'P' },
		{ "new-key", required_argument, NULL, 'N' },
		{ "key-out", required_argument, NULL, 'K' },
		{ "subject", required_argument, NULL, 's' }, { "san", required_argument, NULL, 'a' },
		{ "ku", required_argument, NULL, 'u' }, { "eku", required_argument, NULL, 'e' },
		{ "profile", required_argument, NULL, 'p' }, { "force", no_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' }, { "der", no_argument, NULL, 'D' },
		{ "hash", required_argument, NULL, 'H' }, { "pss", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'k': a->key = optarg; break;
		case 'P': a->passin = optarg; break;
		case 'N': a->new_key = optarg; break;
		case 'K': a->key_out = optarg; break;
		case 's': a->subject = optarg; break;
		case 'a':
			if (a->nsans == MAX_SANS)
				return usage_error("too many --san options (most %d)", MAX_SANS);
			a->sans[a->nsans++] = optarg;
			break;
		case 'u': a->ku = optarg; break;
		case 'e': a->eku = optarg; break;
		case 'F': a->force = 1; break;
		case 'o': a->out = optarg; break;
		case 'D': a->der = 1; break;
		case 'S': a->so.pss = 1; break;
		case 'p':
			if (!(a->profile = csrl_profile_parse(optarg)))
				return usage_error("unknown profile '%s'", optarg);
			break;
		case 'H':
			if (!strcmp(optarg, "sha256") || !strcmp(optarg, "sha384") ||
			    !strcmp(optarg, "sha512"))
				a->so.hash = optarg[4] == '2' ? CSRL_HASH_SHA256 : optarg[3] == '3' ?
					     CSRL_HASH_SHA384 : CSRL_HASH_SHA512;
			else
				return usage_error("unknown hash '%s'", optarg);
			break;
		case 'h': fputs(new_usage, stdout); return 1;
		default: fputs(new_usage, stderr); return -1;
		}
	}
	if (optind != argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!a->key == !a->new_key)
		return usage_error("give exactly one of --key KEY and --new-key TYPE");
	if (a->new_key && strcmp(a->new_key, "rsa:2048") && strcmp(a->new_key, "rsa:3072") &&
	    strcmp(a->new_key, "rsa:4096") && strcmp(a->new_key, "ec:P-256") &&
	    strcmp(a->new_key, "ec:P-384") && strcmp(a->new_key, "ed25519"))
		return usage_error("unknown key type '%s' (rsa:2048, rsa:3072, rsa:4096, "
				   "ec:P-256, ec:P-384 or ed25519)", a->new_key);
	if (a->new_key && !a->key_out)
		return usage_error("--new-key needs --key-out FILE (the key would be lost)");
	if (a->key_out && !a->new_key)
		return usage_error("--key-out only goes with --new-key");
	if (a->new_key && strcmp(a->key_out, "-") == 0)
		return usage_error("--key-out cannot be standard output");
	if (!a->subject)
		return usage_error("--subject is required (use \"/\" for an empty subject)");
	return 0;
}

/* The state of one run, released by run_free. */
struct run {
	struct csrl_gen_req *req;
	struct csrl_privkey *key;
	uint8_t *key_der, *cri, *der;
	size_t key_len, cri_len, der_len;
	char *key_pem;
	struct csrl_csr *csr;
	struct csrl_findings f;
	int usage;                      /* the failure is the options' (exit 2) */
};

static void run_free(struct run *r)
{
	csrl_gen_free(r->req);
	csrl_privkey_free(r->key);
	if (r->key_der)
		explicit_bzero(r->key_der, r->key_len);
	free(r->key_der);
	if (r->key_pem)
		explicit_bzero(r->key_pem, strlen(r->key_pem));
	free(r->key_pem);
	free(r->cri);
	free(r->der);
	csrl_csr_free(r->csr);
	csrl_findings_clear(&r->f);
}

/* The request's contents from the options: usage errors only. */
static int describe(struct run *r, const struct new_args *a, struct csrl_error *err)
{
	size_t i;
	int rc;

	if (!(r->req = csrl_gen_empty()))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if ((rc = csrl_gen_set_subject(r->req, a->subject, err)))
		return rc;
	for (i = 0; i < a->nsans; i++)
		if ((rc = csrl_gen_add_san(r->req, a->sans[i], err)))
			return rc;
	/* RFC 5280 4.2.1.6: with an empty subject the SAN must be critical. */
	for (i = 0; i < r->req->nexts; i++)
		if (r->req->exts[i].is_san)
			r->req->exts[i].critical = r->req->nrdns == 0;
	if (a->ku && (rc = csrl_gen_add_ku(r->req, a->ku, err)))
		return rc;
	if (a->eku && (rc = csrl_gen_add_eku(r->req, a->eku, err)))
		return rc;
	return CSRL_ERR_OK;
}

/* Loads or generates the key and sets the request's public key. */
static int get_key(struct run *r, const struct new_args *a, struct csrl_error *err)
{
	int rc;

	if (a->key)
		rc = csrl_gen_load_key(a->key, a->passin, &r->key, err);
	else if (access(a->key_out, F_OK) == 0)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "%s exists; not overwriting it",
				      a->key_out);
	else if (!(rc = csrl_gen_keygen(a->new_key, &r->key_der, &r->key_len, err)))
		rc = csrl_privkey_read(r->key_der, r->key_len, NULL, NULL, &r->key, err);
	if (rc)
		return rc;
	return csrl_gen_set_key(r->req, r->key, err);
}

static int errors_in(const struct csrl_findings *f)
{
	size_t i;
	int n = 0;

	for (i = 0; i < f->n; i++)
		n += f->v[i].severity >= CSRL_SEV_ERROR;
	return n;
}

/* Writes the key (if generated) and then the CSR; a failed CSR removes the new key. */
static int emit(struct run *r, const struct new_args *a, struct csrl_error *err)
{
	char *pem = NULL;
	int rc;

	if (!a->der && !(pem = csrl_gen_pem("CERTIFICATE REQUEST", r->der, r->der_len)))
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (r->key_der) {
		if (!(r->key_pem = csrl_gen_pem("PRIVATE KEY", r->key_der, r->key_len)))
			rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		else
			rc = csrl_gen_write_secret(a->key_out, r->key_pem, strlen(r->key_pem), err);
		if (rc) {
			free(pem);
			return rc;
		}
	}
	rc = pem ? csrl_gen_write_file(a->out ? a->out : "-", pem, strlen(pem), 0644, 0, err)
		 : csrl_gen_write_file(a->out ? a->out : "-", r->der, r->der_len, 0644, 0, err);
	if (rc && r->key_der)
		unlink(a->key_out);
	free(pem);
	return rc;
}

static int run_new(struct run *r, const struct new_args *a, struct csrl_error *err)
{
	struct csrl_lint_opts lo = { 0 };
	int rc;

	lo.profile = a->profile;
	if ((rc = describe(r, a, err))) {
		r->usage = rc == CSRL_ERR_USAGE;
		return rc;
	}
	if ((rc = get_key(r, a, err)) ||
	    (rc = csrl_gen_build(r->req, r->key, &a->so, &r->cri, &r->cri_len, &r->der,
				 &r->der_len, err)))
		return rc;
	if (csrl_csr_parse(r->der, r->der_len, &r->csr, err))
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "the generated request does not "
				      "parse: %s", err ? err->msg : "");
	csrl_lint_csr(r->csr, &lo, &r->f);
	return CSRL_ERR_OK;
}

static void report(const struct run *r, const struct new_args *a)
{
	size_t i;

	for (i = 0; i < r->f.n; i++)
		fprintf(stderr, "  %s %s: %s\n", csrl_severity_name(r->f.v[i].severity),
			r->f.v[i].rule_id, r->f.v[i].message);
	if (errors_in(&r->f))
		fprintf(stderr, "csrlint new: %d error finding%s in profile %s; %s\n",
			errors_in(&r->f), errors_in(&r->f) == 1 ? "" : "s",
			csrl_profile_name(a->profile), a->force ? "written anyway (--force)" :
			"nothing written (--force writes it anyway)");
}

int csrl_cmd_new(int argc, char **argv)
{
	struct csrl_error err = { 0 };
	struct new_args a;
	struct run r;
	int rc, errs, usage;

	memset(&a, 0, sizeof a);
	memset(&r, 0, sizeof r);
	a.profile = CSRL_PROFILE_TLS_SERVER;
	if (!(a.sans = calloc(MAX_SANS, sizeof *a.sans)))
		return fputs("csrlint new: out of memory\n", stderr), EXIT_ERROR;
	if ((rc = parse_args(argc, argv, &a))) {
		free(a.sans);
		return rc > 0 ? CSRL_EXIT_OK : CSRL_EXIT_USAGE;
	}
	rc = run_new(&r, &a, &err);
	errs = rc ? 0 : errors_in(&r.f);
	if (rc == CSRL_ERR_OK) {
		report(&r, &a);
		if (!errs || a.force)
			rc = emit(&r, &a, &err);
	}
	usage = r.usage;
	run_free(&r);
	free(a.sans);
	if (rc) {
		fprintf(stderr, "csrlint new: %s\n", err.msg);
		return usage ? CSRL_EXIT_USAGE : EXIT_ERROR;
	}
	return errs ? CSRL_EXIT_FAIL : CSRL_EXIT_OK;
}
