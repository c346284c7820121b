/* test_bridge.c - every CSR method and helper that Lua sees, compared with the C model of
 * the same request on each corpus file (CSRL_CORPUS): tests/plugins/dump.lua reports what
 * Lua gets, one finding per value, and expect() writes the same lines from the model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>
#include <idn2.h>
#include <nettle/sha2.h>

#include "input.h"
#include "plugins.h"
#include "san/san.h"

#define LINE 512                /* the engine keeps messages to 511 bytes */
#define MAXL 4096

struct lines { char *v[MAXL]; size_t n; };

static const char *corpus;
static struct csrl_plugins *plugins;
static size_t compared, files_seen;

static void add(struct lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct lines *l, const char *fmt, ...)
{
	char buf[LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (l->n < MAXL)
		l->v[l->n++] = strdup(buf);
}

static const char *hex(const uint8_t *p, size_t n, char *out, size_t size)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n && 2 * i + 2 < size; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	return out;
}

static const char *oid(struct csrl_bytes b, char *buf)
{
	csrl_oid_to_dotted(b.p, b.len, buf, 256);
	return buf;
}

static const char *string_type(uint32_t tag)
{
	switch (tag) {
	case 12: return "UTF8String";
	case 18: return "NumericString";
	case 19: return "PrintableString";
	case 20: return "TeletexString";
	case 22: return "IA5String";
	case 26: return "VisibleString";
	case 28: return "UniversalString";
	case 30: return "BMPString";
	}
	return "other";
}

static void expect_names(struct lines *l, const struct csrl_csr *csr)
{
	static const char *const gn[] = { "other", "email", "dns", "x400", "dirname", "ediparty",
					  "uri", "ip", "rid" };
	char h[2 * LINE], o[256], v[1024];
	size_t i, j;

	for (i = 0; i < csr->subject.nrdns; i++)
		for (j = 0; j < csr->subject.rdns[i].navas; j++) {
			const struct csrl_ava *a = &csr->subject.rdns[i].avas[j];

			add(l, "subject %zu %s %s %s %s %s", i + 1, oid(a->oid, o),
			    a->name ? a->name : "-", string_type(a->string_tag),
			    hex(a->value.p, a->value.len, h, sizeof h), a->utf8);
		}
	csrl_name_to_string(&csr->subject, v, sizeof v);
	add(l, "subject_string %s", v);
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		for (j = 0; e->kind == CSRL_EXT_SAN && e->decoded && j < e->nnames; j++) {
			const struct csrl_gname *g = &e->names[j];

			v[0] = '\0';
			if (g->type == CSRL_GN_DNS || g->type == CSRL_GN_EMAIL || g->type == CSRL_GN_URI)
				snprintf(v, sizeof v, "%.*s", (int)g->value.len, (const char *)g->value.p);
			else if (g->type == CSRL_GN_IP && (g->value.len == 4 || g->value.len == 16))
				inet_ntop(g->value.len == 4 ? AF_INET : AF_INET6, g->value.p, v, sizeof v);
			else if (g->type == CSRL_GN_RID)
				oid(g->value, v);
			else if (g->type == CSRL_GN_DIRNAME)
				csrl_name_to_string(&g->dirname, v, sizeof v);
			add(l, "san %s %s %s", gn[g->type], hex(g->value.p, g->value.len, h, sizeof h),
			    v[0] ? v : "-");
		}
	}
}

static void expect_key_sig(struct lines *l, const struct csrl_csr *csr)
{
	const struct csrl_pubkey *k = &csr->key;
	struct csrl_verify_result vr;
	char h[65], e[4096] = "-", o[256];
	mpz_t z;

	if ((k->type == CSRL_KEY_RSA || k->type == CSRL_KEY_RSA_PSS) && k->decoded &&
	    mpz_sizeinbase(k->rsa_e.len ? (mpz_init(z), mpz_import(z, k->rsa_e.len, 1, 1, 1, 0,
			     k->rsa_e.p), z) : (mpz_init(z), z), 10) < sizeof e) {
		mpz_get_str(e, 10, z);
		mpz_clear(z);
	}
	add(l, "key %s %u %s %s %s", csrl_key_type_name(k->type), k->bits,
	    k->type == CSRL_KEY_EC && k->curve != CSRL_CURVE_NONE ? csrl_curve_name(k->curve) : "-",
	    e, hex(k->spki_sha256, 32, h, sizeof h));
	add(l, "spki %s", h);
	csrl_verify(csr, &vr);
	oid(csr->sigalg.oid, o);
	add(l, "sig %s %s %s %s %s", csr->sigalg.name ? csr->sigalg.name : o, o,
	    csrl_hash_name(csr->sigalg.hash), csrl_verify_status_name(vr.status),
	    vr.status == CSRL_VERIFY_VALID ? "true" : "false");
}

static void expect_exts_attrs(struct lines *l, const struct csrl_csr *csr)
{
	char o[256], v[LINE];
	size_t i, j;

	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		v[0] = '\0';
		for (j = 0; e->kind == CSRL_EXT_EXT_KEY_USAGE && e->decoded && j < e->neku; j++) {
			char one[256];

			snprintf(v + strlen(v), sizeof v - strlen(v), "%s%s", j ? "," : "",
				 oid(e->eku[j], one));
		}
		if (e->malformed)
			add(l, "ext %zu - - nil 0 -", i + 1);
		else
			add(l, "ext %zu %s %s %s %zu %s", i + 1, oid(e->oid, o), e->name ? e->name : "-",
			    e->critical ? "true" : "false", e->value.len,
			    e->kind == CSRL_EXT_EXT_KEY_USAGE && e->decoded ? v : "-");
	}
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		if (a->malformed)
			add(l, "attr %zu - - - -", i + 1);
		else
			add(l, "attr %zu %s %s %zu %s", i + 1, oid(a->oid, o), a->name ? a->name : "-",
			    a->nvalues, a->text ? a->text : "-");
	}
}

static void expect_tree_helpers(struct lines *l, const struct csrl_csr *csr, size_t nfindings)
{
	const struct csrl_node *r = csr->root, *c;
	struct sha256_ctx s;
	uint8_t d[32];
	char h[65], path[256], name[SAN_DNS_BUF], *u;
	struct san_iter it = { 0, 0 };
	const struct csrl_gname *g;

	sha256_init(&s);
	sha256_update(&s, csr->len, csr->data);
	sha256_digest(&s, 32, d);
	add(l, "der %zu %s", csr->len, hex(d, 32, h, sizeof h));
	add(l, "root %u universal %zu %zu %u", r->tag, r->offset, r->hdr_len + r->len,
	    r->nchildren);
	for (c = r->child; c; c = c->next) {
		csrl_node_path(csr, c, path, sizeof path);
		add(l, "node %s %zu true", path, c->offset);
	}
	while ((g = san_next(csr, &it, CSRL_GN_DNS))) {
		const char *reg;

		if (g->value.len >= sizeof name || memchr(g->value.p, 0, g->value.len))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)g->value.len, (const char *)g->value.p);
		for (u = name; *u; u++)
			*u = (char)(*u >= 'A' && *u <= 'Z' ? *u + 32 : *u);
		reg = psl_registrable_domain(san_psl(), name);
		add(l, "psl %s %s", name, reg ? reg : "-");
		u = NULL;
		add(l, "idna %s %s", name, idn2_to_unicode_8z8z(name, &u, 0) == IDN2_OK ? u : "-");
		idn2_free(u);
	}
	it = (struct san_iter){ 0, 0 };
	while ((g = san_next(csr, &it, CSRL_GN_IP))) {
		char t[64];

		if (g->value.len != 4 && g->value.len != 16)
			continue;
		inet_ntop(g->value.len == 4 ? AF_INET : AF_INET6, g->value.p, t, sizeof t);
		add(l, "ipin %s %s", t, (g->value.len == 4 && g->value.p[0] == 10) ||
		    (g->value.len == 16 && !memcmp(g->value.p, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1",
						    16)) ? "true" : "false");
	}
	add(l, "findings %zu", nfindings);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	const char *only[] = { "test.dump", NULL };
	size_t n;
	struct csrl_lint_opts base = { .profile = CSRL_PROFILE_TLS_SERVER };
	struct csrl_lint_opts o = { .profile = CSRL_PROFILE_TLS_SERVER, .enable = only };
	struct csrl_findings f = { 0 }, fb = { 0 };
	struct lines want = { .n = 0 }, got = { .n = 0 };
	struct csrl_csr *csr;
	size_t i, builtin;

	(void)ctx;
	if (it->err || csrl_csr_parse(it->der, it->der_len, &csr, NULL) != CSRL_ERR_OK)
		return;
	o.extra_rules = csrl_plugins_rules(plugins, &n);
	o.nextra = n;
	csrl_lint_csr(csr, &base, &fb);
	builtin = fb.n;
	csrl_lint_csr(csr, &o, &f);
	add(&want, "version %ld", csr->version);
	expect_names(&want, csr);
	expect_key_sig(&want, csr);
	expect_exts_attrs(&want, csr);
	expect_tree_helpers(&want, csr, builtin);
	for (i = 0; i < f.n; i++)
		if (strcmp(f.v[i].rule_id, "test.dump") == 0)
			add(&got, "%s", f.v[i].message);
	qsort(want.v, want.n, sizeof *want.v, cmp);
	qsort(got.v, got.n, sizeof *got.v, cmp);
	for (i = 0; i < want.n || i < got.n; i++) {
		const char *w = i < want.n ? want.v[i] : "(none)", *g = i < got.n ? got.v[i] : "(none)";

		if (strcmp(w, g) != 0)
			printf("%s #%u: C model \"%s\" but Lua \"%s\"\n", it->path, it->index, w, g);
		assert_string_equal(w, g);
	}
	compared += want.n;
	files_seen++;
	for (i = 0; i < want.n; i++)
		free(want.v[i]);
	for (i = 0; i < got.n; i++)
		free(got.v[i]);
	csrl_findings_clear(&f);
	csrl_findings_clear(&fb);
	csrl_csr_free(csr);
}

static void walk(const char *dir)
{
	csrl_input_dir(dir, on_item, NULL);
}

static void test_corpus_matches_model(void **state)
{
	(void)state;
	walk(corpus);
	walk("tests/data/samples");
	printf("compared %zu values on %zu requests\n", compared, files_seen);
	assert_true(files_seen > 100);
}

int main(void)
{
	const char *files[] = { "tests/plugins/dump.lua", NULL };
	struct csrl_plugin_config cfg = { .files = files, .no_defaults = 1 };
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_corpus_matches_model) };
	struct csrl_error e;
	int rc;

	if (!(corpus = getenv("CSRL_CORPUS"))) {
		fprintf(stderr, "test_bridge: CSRL_CORPUS is not set\n");
		return 1;
	}
	if (csrl_plugins_setup(&cfg, &plugins, &e) != CSRL_ERR_OK) {
		fprintf(stderr, "test_bridge: %s\n", e.msg);
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	csrl_plugins_free(plugins);
	return rc;
}
