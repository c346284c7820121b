/* test_inspect.c - the inspect reporters (text, --asn1, JSON) on corpus CSRs written by other
 * projects, and the shared formatters on edge cases. Each test renders into memory and checks
 * real content: names, key sizes, SAN entries, anomaly markers, JSON types, and that no
 * challengePassword ever appears in any output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csrlint.h"
#include "inspect.h"
#include "inspect_util.h"
#include "slurp.h"

/* One CSR read from the corpus; the DER buffer must outlive the parsed model. */
struct loaded {
	char *text;
	struct csrl_pem_block blk;
	const uint8_t *der;
	size_t len;
	struct csrl_csr *csr;
};

/* Reads a whole file (test inputs are far below twice the largest DER accepted). */
/* Loads the first CSR (PEM or DER) of a corpus file, or of a repository file when the name
 * starts with "tests/"; fails (does not skip) when CSRL_CORPUS is unset. */
static struct csrl_csr *load(const char *name, struct loaded *l)
{
	const char *dir = getenv("CSRL_CORPUS");
	struct csrl_error err;
	size_t len, pos = 0;
	char path[1024];
	int pem;

	if (!dir)
		fail_msg("CSRL_CORPUS is not set (tests/run.sh sets it)");
	snprintf(path, sizeof path, "%s%s%s", strncmp(name, "tests/", 6) ? dir : "",
		 strncmp(name, "tests/", 6) ? "/" : "", name);
	memset(l, 0, sizeof *l);
	if (!(l->text = (char *)test_slurp(path, &len)))
		fail_msg("cannot open %s", path);
	l->der = (const uint8_t *)l->text;
	l->len = len;
	pem = csrl_looks_like_pem(l->der, len);
	while (pem && !l->blk.is_csr) {
		csrl_pem_block_clear(&l->blk);
		if (csrl_pem_next(l->text, len, &pos, &l->blk, &err) != CSRL_ERR_OK)
			fail_msg("%s: no CSR block: %s", path, err.msg);
		l->der = l->blk.der;
		l->len = l->blk.der_len;
	}
	if (csrl_csr_parse(l->der, l->len, &l->csr, &err) != CSRL_ERR_OK)
		fail_msg("%s: %s", path, err.msg);
	return l->csr;
}

static void unload(struct loaded *l)
{
	csrl_csr_free(l->csr);
	csrl_pem_block_clear(&l->blk);
	free(l->text);
}

/* Renders the text report (csr set) or the --asn1 tree (der set) into memory. The stream's
 * fields live on the heap: the stream writes back through them when it is closed. */
static char *render(const struct csrl_csr *csr, const struct csrl_verify_result *vr,
		    const struct csrl_der *der)
{
	struct mem {
		char *buf;
		size_t n;
	} *m = calloc(1, sizeof *m);
	FILE *f;
	char *s;

	assert_non_null(m);
	f = open_memstream(&m->buf, &m->n);
	assert_non_null(f);
	if (csr)
		csrl_inspect_text(f, csr, vr);
	else
		csrl_inspect_asn1(f, der);
	fclose(f);
	s = m->buf;
	free(m);
	return s;
}

#define render_text(csr, vr) render(csr, vr, NULL)
#define render_asn1(der) render(NULL, NULL, der)

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in output:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("\"%s\" must not appear in output:\n%s", needle, hay);
}

/* Renders every output form of a CSR and checks that the secret appears in none of them. */
static void assert_secret_hidden(const struct csrl_csr *csr, const char *secret)
{
	struct csrl_verify_result vr;
	char *out[4];
	json_t *j[2];
	int i;

	csrl_verify(csr, &vr);
	j[0] = csrl_inspect_json(csr, &vr);
	j[1] = csrl_inspect_asn1_json(csr->der);
	assert_non_null(j[0]);
	assert_non_null(j[1]);
	out[0] = render_text(csr, &vr);
	out[1] = render_asn1(csr->der);
	out[2] = json_dumps(j[0], JSON_COMPACT);
	out[3] = json_dumps(j[1], JSON_COMPACT);
	for (i = 0; i < 4; i++) {
		assert_non_null(out[i]);
		assert_lacks(out[i], secret);
		free(out[i]);
	}
	json_decref(j[0]);
	json_decref(j[1]);
}

/* ---- text ----------------------------------------------------------------------------- */

/* Lines that the text report of each corpus file must hold (key forms, SAN kinds, markers). */
static const struct {
	const char *file;
	const char *want[16];
} text_cases[] = {
	{ "golang-go/csrBase64Array_1.pem", {
		"Certificate Request:\n    Data:\n        Version: 1 (0x0)\n",
		"Subject: emailAddress=test@email.address,CN=Common Name,"
		"O=Internet Widgits Pty Ltd,ST=Some-State,C=AU\n",
		"Public Key Algorithm: rsaEncryption\n                Public-Key: RSA (2048 bit)\n",
		/* openssl prints the sign octet "00:" first; the reporter strips it */
		"Modulus:\n                    ad:46:63:86:05:c7:6b:a3:95:91:0e:27:14:15:62:\n",
		"Exponent: 65537 (0x10001)\n", "SPKI SHA-256: d0:29:bf:79:be:3f:8d:3b:",
		"challengePassword        :<redacted, 17 characters>\n",
		"unstructuredName         :ignored unstructured name\n",
		"X509v3 Basic Constraints:\n                    CA:FALSE\n",
		"Digital Signature, Non Repudiation, Key Encipherment\n",
		"email:gopher@golang.org, DNS:test.example.com\n",
		"Signature Algorithm: sha256WithRSAEncryption\n",
		"Signature Value:\n        83:17:b6:37:93:b8:f0:43:",
		"Signature verification: valid (RSA PKCS#1" } },
	{ "x509-parser/assets/csr-challenge-password.pem", {
		"IP Address:127.0.0.1, IP Address:::1, DNS:localhost\n",
		"X509v3 Key Usage: critical\n                    Digital Signature\n",
		"TLS Web Server Authentication, TLS Web Client Authentication\n",
		"X509v3 Subject Key Identifier:\n                    90:39:27:cf:" } },
	{ "cfssl/selfsign/testdata/sans.csr", {
		"DNS:cloudflare.com, DNS:www.cloudflare.com, email:jdoe@example.com, "
		"IP Address:192.168.0.1, URI:https://www.cloudflare.com\n",
		"Curve: P-256 (prime256v1)\n" } },
	{ "pyca-cryptography/dsa_sha1.pem", {
		"Subject: L=Austin,ST=Texas,C=US,O=PyCA,CN=cryptography.io\n",
		"Public Key Algorithm: dsaEncryption\n                Public-Key: DSA (1024 bit)\n"
		"                pub:\n                    07:13:f0:76:41:f6:36:9b:",
		"P:\n                    8d:7f:ad:bc:09:e2:84:aa:",
		"Q:\n                    83:5d:e5:6b:d0:7c:f7:f8:2e:20:32:fe:78:94:9a:\n",
		"G:\n                    1f:71:7b:5a:07:78:2f:c2:",
		"Signature Algorithm: dsaWithSHA1\n" } },
	{ "cfssl/initca/testdata/ed25519.csr", {
		"Public Key Algorithm: ED25519\n                Public-Key: Ed25519 (256 bit)\n",
		"pub:\n                    8b:c4:21:dc:0c:c6:92:e6:5d:6f:99:28:8f:ae:85:\n",
		"DNS:www.example.com\n",
		"Signature verification: valid (Ed25519" } },
	{ "pyca-cryptography/ec_sha256.pem", {
		"Public-Key: EC (384 bit)\n                Curve: P-384 (secp384r1)\n",
		"pub:\n                    04:de:19:b5:14:c0:b3:c3:",
		"Attributes: (none)\n" } },
	{ "pyca-cryptography/freeipa-bad-critical.pem", {
		"X509v3 Subject Alternative Name: (critical FALSE encoded explicitly",
		"X509v3 Basic Constraints: critical\n                    CA:FALSE\n",
		"DNS:replica1.ipa.test, othername:msUPN:ldap/replica1.ipa.test@IPA.TEST",
		/* an unknown extension: its OID and raw bytes */
		"1.3.6.1.4.1.311.20.2: (critical FALSE",
		"                    1e:20:00:63:00:61:00:49:" } },
};

static void text_corpus(void **state)
{
	struct csrl_verify_result vr;
	struct loaded l;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
		struct csrl_csr *csr = load(text_cases[i].file, &l);
		char *t;

		csrl_verify(csr, &vr);
		t = render_text(csr, &vr);
		for (k = 0; k < 16 && text_cases[i].want[k]; k++)
			assert_has(t, text_cases[i].want[k]);
		assert_lacks(t, "DER anomalies");
		free(t);
		/* without a verification result the line is left out */
		t = render_text(csr, NULL);
		assert_lacks(t, "Signature verification");
		free(t);
		unload(&l);
	}
}

/* ---- secrets -------------------------------------------------------------------------- */

static void challenge_password_never_shown(void **state)
{
	static const struct {
		const char *file, *secret;
	} cases[] = {
		{ "golang-go/csrBase64Array_1.pem", "ignored challenge" },
		{ "x509-parser/assets/csr-challenge-password.pem", "A challenge password" },
		{ "smallstep-crypto/x509util/testdata/challengePasswordUTF8.csr",
		  "\xf0\x9f\x94\x90" },
	};
	struct loaded l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_secret_hidden(load(cases[i].file, &l), cases[i].secret);
		unload(&l);
	}
}

/* ---- JSON ----------------------------------------------------------------------------- */

/* Member at a dotted path ("public_key.bits", "extensions.2.value.0.type"); NULL when absent. */
static json_t *jpath(json_t *o, const char *path)
{
	char key[64];
	size_t n;

	while (o && *path) {
		n = strcspn(path, ".");
		assert_true(n < sizeof key);
		memcpy(key, path, n);
		key[n] = '\0';
		o = json_is_array(o) ? json_array_get(o, strtoul(key, NULL, 10)) :
		    json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

/* One expectation on the JSON of a file: kind 's' string, 'p' string prefix, 'i' integer,
 * 'n' array size, 'T' true, 'F' false, 'N' null, 'A' absent. */
struct jcheck {
	const char *path;
	char kind;
	const char *s;
	long long i;
};

#define S(path, str) { path, 's', str, 0 }
#define P(path, prefix) { path, 'p', prefix, 0 }
#define I(path, n) { path, 'i', NULL, n }
#define N(path, n) { path, 'n', NULL, n }
#define K(path, kind) { path, kind, NULL, 0 }

static const struct {
	const char *file;
	struct jcheck c[40];
} json_cases[] = {
	{ "golang-go/csrBase64Array_1.pem", {
		I("version", 0), I("der_length", 877), S("subject.rfc4514", "emailAddress="
		"test@email.address,CN=Common Name,O=Internet Widgits Pty Ltd,ST=Some-State,C=AU"),
		N("subject.rdns", 5), S("subject.rdns.0.0.oid", "2.5.4.6"),
		S("subject.rdns.0.0.name", "C"), S("subject.rdns.0.0.type", "PrintableString"),
		S("subject.rdns.0.0.value", "AU"), I("subject.rdns.0.0.offset", 22),
		I("subject.rdns.0.0.length", 2), S("public_key.type", "RSA"),
		I("public_key.bits", 2048), K("public_key.curve", 'N'),
		S("public_key.exponent", "65537"), P("public_key.modulus", "ad46638605c7"),
		P("public_key.spki_sha256", "d029bf79be3f8d3b"),
		S("attributes.0.name", "challengePassword"), K("attributes.0.redacted", 'T'),
		I("attributes.0.length", 17), K("attributes.0.value", 'A'),
		K("attributes.0.hex", 'A'), S("attributes.1.value", "ignored unstructured name"),
		S("extensions.0.kind", "basic_constraints"), K("extensions.0.critical", 'F'),
		K("extensions.0.value.ca", 'F'), K("extensions.0.value.pathlen", 'N'),
		N("extensions.1.value", 3), S("extensions.1.value.0", "digitalSignature"),
		S("extensions.1.value.2", "keyEncipherment"),
		S("extensions.2.name", "subjectAltName"), S("extensions.2.value.0.type", "email"),
		S("extensions.2.value.0.value", "gopher@golang.org"),
		S("extensions.2.value.1.type", "dns"),
		S("extensions.2.value.1.value", "test.example.com"),
		S("signature_algorithm.name", "sha256WithRSAEncryption"),
		S("signature_algorithm.hash", "SHA-256"), K("signature_algorithm.pss", 'A'),
		I("signature.length", 256), S("verification.status", "valid"),
		N("anomalies", 0) } },
	{ "pyca-cryptography/ec_sha256.pem", {
		S("public_key.type", "EC"), S("public_key.curve", "P-384"),
		I("public_key.bits", 384), P("public_key.point", "04de19b514c0"),
		S("signature_algorithm.hash", "SHA-256") } },
	{ "pyca-cryptography/dsa_sha1.pem", {
		S("public_key.type", "DSA"), P("public_key.p", "8d7fadbc09e2"),
		S("public_key.q", "835de56bd07cf7f82e2032fe78949aed117aa2ef"),
		P("public_key.y", "0713f07641f6") } },
	{ "cfssl/initca/testdata/ed25519.csr", {
		S("public_key.key",
		  "8bc421dc0cc692e65d6f99288fae85be3f1ffd6a68438249b5a6585f799b51f3"),
		S("verification.status", "valid") } },
	{ "x509-parser/assets/csr-challenge-password.pem", {
		S("extensions.3.value.0.type", "ip"), S("extensions.3.value.0.value", "127.0.0.1"),
		S("extensions.3.value.1.value", "::1"), K("attributes.0.redacted", 'T'),
		I("attributes.0.length", 20) } },
	{ "pyca-cryptography/freeipa-bad-critical.pem", {
		K("extensions.0.critical", 'F'), K("extensions.0.critical_explicit", 'T'),
		S("extensions.0.value.1.type", "othername"),
		S("extensions.0.value.1.oid", "1.3.6.1.4.1.311.20.2.3"),
		S("extensions.0.value.1.value", "ldap/replica1.ipa.test@IPA.TEST"),
		S("extensions.3.kind", "unknown"), K("extensions.3.name", 'N'),
		P("extensions.3.value.hex", "1e200063") } },
};

static void check_json(const char *file, json_t *o, const struct jcheck *c)
{
	json_t *v = jpath(o, c->path);
	int ok;

	switch (c->kind) {
	case 'A': ok = !v; break;
	case 'N': ok = json_is_null(v); break;
	case 'T': ok = json_is_true(v); break;
	case 'F': ok = json_is_false(v); break;
	case 'n': ok = json_is_array(v) && json_array_size(v) == (size_t)c->i; break;
	case 'i': ok = json_is_integer(v) && json_integer_value(v) == c->i; break;
	case 's': ok = json_is_string(v) && strcmp(json_string_value(v), c->s) == 0; break;
	default: ok = json_is_string(v) && strncmp(json_string_value(v), c->s, strlen(c->s)) == 0;
	}
	if (!ok)
		fail_msg("%s: %s fails check '%c' (%s %lld)", file, c->path, c->kind,
			 c->s ? c->s : "", c->i);
}

/* One check on any JSON value, e.g. CHECK(node, S("oid", "2.5.4.3")). */
#define CHECK(o, c) check_json(__func__, o, &(const struct jcheck)c)

static void json_corpus(void **state)
{
	struct csrl_verify_result vr;
	struct loaded l;
	size_t i, k;
	json_t *o;

	(void)state;
	for (i = 0; i < sizeof json_cases / sizeof json_cases[0]; i++) {
		struct csrl_csr *csr = load(json_cases[i].file, &l);

		csrl_verify(csr, &vr);
		o = csrl_inspect_json(csr, &vr);
		assert_non_null(o);
		for (k = 0; k < 40 && json_cases[i].c[k].path; k++)
			check_json(json_cases[i].file, o, &json_cases[i].c[k]);
		json_decref(o);
		/* without a verification result there is no "verification" member */
		o = csrl_inspect_json(csr, NULL);
		assert_null(json_object_get(o, "verification"));
		json_decref(o);
		unload(&l);
	}
}

static void json_pss(void **state)
{
	struct loaded l;
	struct csrl_csr *csr;
	json_t *o;
	char *t;

	(void)state;
	/* a sample made by tests/data/verify/make.sh (tests run from the repository top) */
	csr = load("tests/data/verify/valid-pss-sha256-salt32.pem", &l);
	o = csrl_inspect_json(csr, NULL);
	CHECK(o, S("signature_algorithm.pss.hash", "SHA-256"));
	CHECK(o, S("signature_algorithm.pss.mgf_hash", "SHA-256"));
	CHECK(o, I("signature_algorithm.pss.salt_length", 32));
	CHECK(o, K("signature_algorithm.pss.params_ok", 'T'));
	json_decref(o);
	t = render_text(csr, NULL);
	assert_has(t, "Signature Algorithm: RSASSA-PSS\n        Hash Algorithm: SHA-256\n"
		   "        Mask Algorithm: MGF1 with SHA-256\n        Salt Length: 32\n");
	free(t);
	unload(&l);
}

/* ---- --asn1 --------------------------------------------------------------------------- */

/* Lines that the --asn1 dump of each corpus file must hold. */
static const struct {
	const char *file;
	const char *want[10];
} asn1_cases[] = {
	{ "pyca-cryptography/freeipa-bad-critical.pem", {
		"     0  4   939: SEQUENCE\n", "     8  2     1:     INTEGER 0\n",
		"    17  2     3:           OBJECT IDENTIFIER 2.5.4.10 (O)\n",
		"    22  2     8:           PrintableString \"IPA.TEST\"\n",
		"   373  2    22:           BMPString \"Server-Cert\"\n",
		/* the explicit FALSE, marked on the line after the BOOLEAN */
		"   426  2     1:               BOOLEAN FALSE\n"
		"                               !! explicit-default at offset 428: ",
		/* DER inside the extnValue OCTET STRING is followed */
		"   432  3   132:                 SEQUENCE (encapsulated)\n"
		"   435  2    17:                   [2] \"replica1.ipa.test\"\n",
		"UTF8String \"ldap/replica1.ipa.test@IPA.TEST\"\n",
		"OBJECT IDENTIFIER 1.3.6.1.4.1.311.20.2.3 (msUPN)\n" } },
	/* Tag 32 needs the high-tag-number form (X.690 8.1.2.4): two identifier octets. */
	{ "pyca-cryptography/long-form-attribute.pem", {
		"   324  2     9:         OBJECT IDENTIFIER 1.2.840.113549.1.9.7 "
		"(challengePassword)\n   335  2     3:         SET\n"
		"   337  3     0:           [APPLICATION 32]\n",
		"   355  4   257:   BIT STRING unused 0, 32681e49af2ccdb8cf143ff8bdc3c1af... "
		"(256 bytes)\n" } },
};

static void asn1_corpus(void **state)
{
	struct loaded l;
	size_t i, k;
	json_t *arr, *n;
	int seen = 0;

	(void)state;
	for (i = 0; i < sizeof asn1_cases / sizeof asn1_cases[0]; i++) {
		char *a = render_asn1(load(asn1_cases[i].file, &l)->der);

		for (k = 0; k < 10 && asn1_cases[i].want[k]; k++)
			assert_has(a, asn1_cases[i].want[k]);
		free(a);
		unload(&l);
	}
	arr = csrl_inspect_asn1_json(load(asn1_cases[0].file, &l)->der);
	assert_true(json_is_array(arr));
	json_array_foreach(arr, i, n) {
		assert_true(json_is_integer(json_object_get(n, "depth")));
		assert_true(json_is_array(json_object_get(n, "anomalies")));
		if (json_integer_value(json_object_get(n, "offset")) == 426) {
			CHECK(n, S("note", "explicit-default"));
			CHECK(n, S("class", "universal"));
			CHECK(n, I("tag", CSRL_TAG_BOOLEAN));
			CHECK(n, K("value", 'F'));
			seen++;
		}
		if (json_integer_value(json_object_get(n, "offset")) == 456) {
			CHECK(n, S("oid", "1.3.6.1.4.1.311.20.2.3"));
			CHECK(n, S("name", "msUPN"));
			CHECK(n, K("encapsulated", 'T'));
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	json_decref(arr);
	unload(&l);
}

/* Synthetic trees: anomalies marked on their node, trailing data, bounded values. */
static void asn1_markers(void **state)
{
	/* SEQUENCE with a long-form length for 3, holding INTEGER 0, then one stray byte */
	static const uint8_t bad[] = { 0x30, 0x81, 0x03, 0x02, 0x01, 0x00, 0xff };
	static uint8_t big[5004] = { 0x0c, 0x82, 5000 >> 8, 5000 & 0xff };
	struct csrl_der *der;
	struct csrl_error err;
	json_t *arr;
	char *a;

	(void)state;
	assert_int_equal(csrl_der_parse(bad, sizeof bad, NULL, &der, &err), CSRL_ERR_OK);
	a = render_asn1(der);
	assert_has(a, "     0  3     3: SEQUENCE\n                 !! der.length-not-minimal at "
		   "offset 1: length uses more octets than needed (X.690 10.1)\n");
	assert_has(a, "     3  2     1:   INTEGER 0\n");
	assert_has(a, "     6: trailing data, 1 bytes: ff\n");
	assert_has(a, "!! der.trailing-data at offset 6: ");
	free(a);
	arr = csrl_inspect_asn1_json(der);
	CHECK(arr, S("0.anomalies.0.id", "der.length-not-minimal"));
	CHECK(arr, I("0.anomalies.0.offset", 1));
	CHECK(arr, I("1.value", 0));
	CHECK(arr, K("2.trailing", 'T'));
	CHECK(arr, I("2.offset", 6));
	CHECK(arr, S("2.anomalies.0.id", "der.trailing-data"));
	json_decref(arr);
	csrl_der_free(der);
	/* a UTF8String of 5000 bytes with an ESC: one short line, escaped */
	memset(big + 4, 'A', 5000);
	big[5] = 0x1b;
	assert_int_equal(csrl_der_parse(big, sizeof big, NULL, &der, &err), CSRL_ERR_OK);
	a = render_asn1(der);
	assert_true(strlen(a) < 400);
	assert_has(a, "UTF8String \"A\\x1bAAAA");
	assert_has(a, "AAA...\"\n");
	assert_lacks(a, "\x1b");
	free(a);
	csrl_der_free(der);
}

/* ---- formatters ----------------------------------------------------------------------- */

static void util_ip(void **state)
{
	static const struct {
		uint8_t b[16];
		size_t len;
		const char *want;
	} cases[] = {
		{ { 192, 0, 2, 1 }, 4, "192.0.2.1" },
		{ { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, 16, "2001:db8::1" },
		{ { 0 }, 16, "::" },
		{ { [15] = 1 }, 16, "::1" },
		{ { 0, 1 }, 16, "1::" },
		/* a single zero group is not shortened (RFC 5952 4.2.2) */
		{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 }, 16,
		  "2001:db8:0:1:1:1:1:1" },
		/* the longer run wins; on a tie the first (4.2.3) */
		{ { 0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, 16, "2001:0:0:1::1" },
		{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 }, 16,
		  "2001:db8::1:0:0:1" },
		{ { [10] = 0xff, [11] = 0xff, 192, 0, 2, 1 }, 16, "::ffff:192.0.2.1" },
		{ { 10, 0, 0, 0, 255, 0, 0, 0 }, 8, "10.0.0.0/255.0.0.0" },
		{ { 1, 2, 3 }, 3, "<invalid length 3: 010203>" },
	};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(csrl_ip_text(buf, sizeof buf, cases[i].b, cases[i].len),
				    cases[i].want);
}

static void util_numbers_and_hex(void **state)
{
	static const uint8_t two64[] = { 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t e[] = { 0x01, 0x00, 0x01 };
	static const uint8_t bytes[] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
	char buf[64];
	uint64_t u;
	int64_t v;

	(void)state;
	assert_int_equal(csrl_uint_decimal((struct csrl_bytes){ two64, 10 }, buf, sizeof buf), 0);
	assert_string_equal(buf, "18446744073709551616");
	assert_int_equal(csrl_uint64((struct csrl_bytes){ two64, 10 }, &u), 0);
	assert_int_equal(csrl_uint_decimal((struct csrl_bytes){ e, 3 }, buf, sizeof buf), 0);
	assert_string_equal(buf, "65537");
	assert_true(csrl_uint64((struct csrl_bytes){ e, 3 }, &u) && u == 65537);
	assert_true(csrl_int64((struct csrl_bytes){ bytes, 1 }, &v) && v == -34);
	assert_string_equal(csrl_hex(buf, sizeof buf, bytes, 5, ':'), "de:ad:be:ef:01");
	assert_string_equal(csrl_hex(buf, 12, bytes, 5, ':'), "de:ad...");
	assert_string_equal(csrl_hex(buf, 8, bytes, 5, 0), "dead...");
	assert_string_equal(csrl_escape(buf, sizeof buf, (const uint8_t *)"a\"b\n\x80", 5,
					CSRL_ESC_QUOTE, 100), "a\\x22b\\x0a\\x80");
	/* UTF-8 kept, but a C1 control (U+009B, CSI) escaped */
	assert_string_equal(csrl_escape(buf, sizeof buf, (const uint8_t *)"\xc3\xa9\xc2\x9b", 4,
					CSRL_ESC_UTF8, 100), "\xc3\xa9\\xc2\\x9b");
	assert_int_equal(csrl_utf8_chars("\xf0\x9f\x94\x90x"), 2);
	assert_string_equal(csrl_ku_name(0, 1), "digitalSignature");
	assert_string_equal(csrl_ku_name(5, 0), "Certificate Sign");
	assert_null(csrl_ku_name(9, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_corpus),
		cmocka_unit_test(challenge_password_never_shown),
		cmocka_unit_test(json_corpus),
		cmocka_unit_test(json_pss),
		cmocka_unit_test(asn1_corpus),
		cmocka_unit_test(asn1_markers),
		cmocka_unit_test(util_ip),
		cmocka_unit_test(util_numbers_and_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
