/* test_pem.c - PEM armour reader: corpus files from other projects plus synthetic edge cases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <nettle/base64.h>

#include "csrlint.h"

/* Growable text buffer for building inputs. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* Reads a corpus file; fails (does not skip) when CSRL_CORPUS is unset. */
static char *read_corpus(const char *rel, size_t *len)
{
	const char *dir = getenv("CSRL_CORPUS");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	if (!dir)
		fail_msg("CSRL_CORPUS is not set (tests/run.sh sets it)");
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Appends a PEM block of der under label, 64 characters a line, with eol as line end. */
static void add_pem(struct sbuf *b, const char *label, const uint8_t *der, size_t len,
		    const char *eol)
{
	char *text = malloc(BASE64_ENCODE_RAW_LENGTH(len) + 1);
	size_t tlen = BASE64_ENCODE_RAW_LENGTH(len), i;

	assert_non_null(text);
	base64_encode_raw(text, len, der);
	sb_str(b, "-----BEGIN ");
	sb_str(b, label);
	sb_str(b, "-----");
	sb_str(b, eol);
	for (i = 0; i < tlen; i += 64) {
		sb_add(b, text + i, tlen - i < 64 ? tlen - i : 64);
		sb_str(b, eol);
	}
	sb_str(b, "-----END ");
	sb_str(b, label);
	sb_str(b, "-----");
	sb_str(b, eol);
	free(text);
}

static long line_of(const char *text, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

/* Decodes the only block of text and checks it equals the corpus DER file. */
static void expect_block(const char *text, size_t len, size_t *pos, const char *der_file,
			 int legacy)
{
	struct csrl_pem_block blk;
	struct csrl_error err;
	size_t dlen;
	char *der = read_corpus(der_file, &dlen);
	size_t at = *pos;

	assert_int_equal(csrl_pem_next(text, len, pos, &blk, &err), CSRL_ERR_OK);
	at = (size_t)(strstr(text + at, "-----BEGIN") - text);
	assert_int_equal(blk.begin_offset, at);
	assert_int_equal(blk.begin_line, line_of(text, at));
	assert_int_equal(blk.is_csr, 1);
	assert_int_equal(blk.legacy_label, legacy);
	assert_string_equal(blk.label, legacy ? "NEW CERTIFICATE REQUEST" : "CERTIFICATE REQUEST");
	assert_int_equal(blk.der_len, dlen);
	assert_memory_equal(blk.der, der, dlen);
	csrl_pem_block_clear(&blk);
	assert_null(blk.der);
	free(der);
}

static void expect_end(const char *text, size_t len, size_t *pos)
{
	struct csrl_pem_block blk;
	struct csrl_error err;

	assert_int_equal(csrl_pem_next(text, len, pos, &blk, &err), CSRL_ERR_PEM_NO_BLOCK);
	assert_int_equal(err.code, CSRL_ERR_PEM_NO_BLOCK);
	assert_int_equal(*pos, len);
	assert_null(blk.der);
}

/* Expects an error of code at line, whose message contains want; returns err.offset. */
static size_t expect_error(const char *text, size_t len, size_t *pos, int code, long line,
			   const char *want)
{
	struct csrl_pem_block blk;
	struct csrl_error err;
	int rc = csrl_pem_next(text, len, pos, &blk, &err);

	if (rc != code || !strstr(err.msg, want) || err.line != line)
		fail_msg("got %s line %ld \"%s\", want %s line %ld \"%s\"", csrl_errname(rc),
			 err.line, err.msg, csrl_errname(code), line, want);
	assert_null(blk.der);
	return err.offset;
}

static void test_legacy_label(void **state)
{
	size_t len, pos = 0;
	char *text = read_corpus("pyca-cryptography/ec_sha256_old_header.pem", &len);

	(void)state;
	expect_block(text, len, &pos, "pyca-cryptography/ec_sha256.der", 1);
	expect_end(text, len, &pos);
	free(text);
}

static void test_text_before_after(void **state)
{
	size_t len, pos = 0;
	char *text = read_corpus("pyca-cryptography/basic_constraints.pem", &len);
	struct sbuf b = { 0 };
	struct csrl_pem_block blk;

	(void)state;
	sb_add(&b, text, len);
	sb_str(&b, "trailing words, -----BEGIN not at a line start\n");
	assert_int_equal(csrl_pem_next(b.p, b.len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_true(blk.begin_line > 1);
	assert_int_equal(blk.begin_line, line_of(text, blk.begin_offset));
	assert_true(blk.der_len > 500);
	assert_int_equal(blk.der[0], 0x30);
	csrl_pem_block_clear(&blk);
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(text);
}

static void test_several_blocks(void **state)
{
	static const char *const files[][2] = {
		{ "pyca-cryptography/ec_sha256.pem", "pyca-cryptography/ec_sha256.der" },
		{ "pyca-cryptography/ec_sha256_old_header.pem", "pyca-cryptography/ec_sha256.der" },
		{ "pyca-cryptography/rsa_sha256.pem", "pyca-cryptography/rsa_sha256.der" },
		{ "pyca-cryptography/dsa_sha1.pem", "pyca-cryptography/dsa_sha1.der" },
	};
	struct sbuf b = { 0 };
	size_t i, len, pos = 0;

	(void)state;
	for (i = 0; i < 4; i++) {
		char *t = read_corpus(files[i][0], &len);

		sb_str(&b, "Comment between blocks\n\n");
		sb_add(&b, t, len);
		free(t);
	}
	for (i = 0; i < 4; i++)
		expect_block(b.p, b.len, &pos, files[i][1], i == 1);
	expect_end(b.p, b.len, &pos);
	free(b.p);
}

static void test_crlf(void **state)
{
	size_t len, dlen, pos = 0;
	char *der = read_corpus("pyca-cryptography/rsa_sha256.der", &dlen);
	char *text = read_corpus("x509-parser/assets/test.csr", &len);
	struct sbuf b = { 0 };
	struct csrl_pem_block blk;

	(void)state;
	assert_non_null(strstr(text, "\r\n"));
	assert_int_equal(csrl_pem_next(text, len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_true(blk.is_csr);
	assert_int_equal(blk.der[0], 0x30);
	csrl_pem_block_clear(&blk);
	expect_end(text, len, &pos);
	pos = 0;
	add_pem(&b, "CERTIFICATE REQUEST", (const uint8_t *)der, dlen, "\r\n");
	add_pem(&b, "CERTIFICATE REQUEST", (const uint8_t *)der, dlen, "\r\n");
	expect_block(b.p, b.len, &pos, "pyca-cryptography/rsa_sha256.der", 0);
	expect_block(b.p, b.len, &pos, "pyca-cryptography/rsa_sha256.der", 0);
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(text);
	free(der);
}

/* Puts c at 1-based (line, column) of a copy of the corpus file; returns the offset. */
static size_t poke(char *text, long line, size_t col, char c)
{
	size_t off = 0;

	while (--line > 0)
		off = (size_t)(strchr(text + off, '\n') - text) + 1;
	text[off + col - 1] = c;
	return off + col - 1;
}

static void test_bad_char(void **state)
{
	static const struct {
		char c;
		const char *shown;
	} cases[] = { { '*', "'*'" }, { 0x01, "0x01" }, { ' ', "' '" }, { '\t', "0x09" },
		      { '-', "'-'" }, { (char)0xC3, "0xC3" } };
	size_t len, i, pos, off;
	char *orig = read_corpus("pyca-cryptography/ec_sha256.pem", &len);
	char want[128];

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = strdup(orig);

		off = poke(text, 7, 12, cases[i].c);
		snprintf(want, sizeof want, "line 7, column 12: invalid base64 character %s in "
			 "CERTIFICATE REQUEST block", cases[i].shown);
		pos = 0;
		assert_int_equal(expect_error(text, len, &pos, CSRL_ERR_PEM_BASE64, 7, want), off);
		assert_int_equal(pos, len);
		free(text);
	}
	free(orig);
	/* A real damaged key from badkeys: "[...]" stands for the elided lines. */
	orig = read_corpus("badkeys/tests/data/defect/private-fragment.key", &len);
	pos = 0;
	assert_int_equal(expect_error(orig, len, &pos, CSRL_ERR_PEM_BASE64, 3, "line 3, column 1: "
				      "invalid base64 character '[' in PRIVATE KEY block"),
			 (size_t)(strchr(orig, '[') - orig));
	expect_end(orig, len, &pos);
	free(orig);
}

static void test_bad_padding(void **state)
{
	static const struct {
		const char *body, *want;
		long line;
	} cases[] = {
		{ "QUJD\nQQ=\n", "line 3: base64 data of the CERTIFICATE REQUEST block ends with a "
		  "truncated group", 3 },
		{ "QUJDQ\n", "line 2: base64 data of the CERTIFICATE REQUEST block ends", 2 },
		{ "QQ==\nQUJD\n", "line 3, column 1: base64 data after '=' padding, at character "
		  "'Q'", 3 },
		{ "QUI==\n", "line 2, column 5: unexpected '=' (misplaced padding", 2 },
		/* The 4 bits left over by 'R' are not zero: Nettle refuses that at the '='. */
		{ "QR==\n", "line 2, column 3: unexpected '=' (misplaced padding, or non-zero bits", 2 },
	};
	size_t i, pos;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sbuf b = { 0 };

		sb_str(&b, "-----BEGIN CERTIFICATE REQUEST-----\n");
		sb_str(&b, cases[i].body);
		sb_str(&b, "-----END CERTIFICATE REQUEST-----\n");
		pos = 0;
		expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_BASE64, cases[i].line, cases[i].want);
		assert_int_equal(pos, b.len);
		free(b.p);
	}
}

static void test_missing_or_mismatched_end(void **state)
{
	static const char text[] = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n"
				   "-----END CERTIFICATE-----\nafter\n";
	static const char bad_end[] = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n"
				      "-----END CERTIFICATE REQUEST\n";
	size_t pos = 0;

	(void)state;
	expect_error(text, strlen(text), &pos, CSRL_ERR_PEM_UNTERMINATED, 3, "line 3: END label "
		     "\"CERTIFICATE\" does not match BEGIN label \"CERTIFICATE REQUEST\" of line 1");
	assert_int_equal(pos, strlen(text) - strlen("after\n"));
	expect_end(text, strlen(text), &pos);
	pos = 0;
	expect_error(bad_end, strlen(bad_end), &pos, CSRL_ERR_PEM_UNTERMINATED, 3,
		     "malformed END line");
	pos = 0;
	expect_error(text, 41, &pos, CSRL_ERR_PEM_UNTERMINATED, 1, "line 1: CERTIFICATE REQUEST "
		     "block has no \"-----END CERTIFICATE REQUEST-----\" line");
	assert_int_equal(pos, 41);
}

static void test_non_csr_blocks(void **state)
{
	static const uint8_t der[] = { 0x30, 0x03, 0x02, 0x01, 0x05 };
	size_t len, pos = 0;
	char *key = read_corpus("badkeys/tests/data/rsa-large-e.key", &len);
	struct sbuf b = { 0 };
	struct csrl_pem_block blk;

	(void)state;
	add_pem(&b, "CERTIFICATE", der, sizeof der, "\n");
	sb_add(&b, key, len);
	assert_int_equal(csrl_pem_next(b.p, b.len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_string_equal(blk.label, "CERTIFICATE");
	assert_false(blk.is_csr);
	assert_int_equal(blk.der_len, sizeof der);
	assert_memory_equal(blk.der, der, sizeof der);
	assert_string_equal(csrl_pem_label_kind(blk.label), "an X.509 certificate");
	csrl_pem_block_clear(&blk);
	assert_int_equal(csrl_pem_next(b.p, b.len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_false(blk.is_csr);
	assert_int_equal(blk.begin_line, 6); /* the file starts with two lines of prose */
	assert_string_equal(blk.label, "RSA PRIVATE KEY");
	assert_string_equal(csrl_pem_label_kind(blk.label), "a private key");
	assert_true(blk.der_len > 100);
	csrl_pem_block_clear(&blk);
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(key);
}

static void test_label_kinds(void **state)
{
	static const char *const cases[][2] = {
		{ "TRUSTED CERTIFICATE", "an X.509 certificate" }, { "X509 CRL", "a certificate "
		  "revocation list" }, { "X509 CERTIFICATE", "an X.509 certificate" },
		{ "OPENSSH PRIVATE KEY", "a private key" }, { "EC PRIVATE KEY", "a private key" },
		{ "ENCRYPTED PRIVATE KEY", "a private key" }, { "DSA PRIVATE KEY", "a private key" },
		{ "RSA PUBLIC KEY", "a public key" }, { "PUBLIC KEY", "a public key" },
		{ "PKCS7", "a PKCS#7/CMS message" }, { "CMS", "a PKCS#7/CMS message" },
		{ "DH PARAMETERS", "domain parameters" }, { "EC PARAMETERS", "domain parameters" },
		{ "FOO", "a PEM block of another type" }, { "certificate", "a PEM block of another "
		  "type" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(csrl_pem_label_kind(cases[i][0]), cases[i][1]);
	assert_string_equal(csrl_pem_label_kind(NULL), "a PEM block of another type");
}

static void test_empty_and_text_only(void **state)
{
	static const char text[] = "Certificate Request:\n    Data: nothing\n-----BEGIN\n"
				   "x -----BEGIN CERTIFICATE REQUEST-----\n";
	static const char empty_block[] = "\n-----BEGIN CERTIFICATE REQUEST-----\n\n"
					  "-----END CERTIFICATE REQUEST-----\n";
	size_t pos = 0;

	(void)state;
	expect_end("", 0, &pos);
	pos = 0;
	expect_end(NULL, 0, &pos);
	pos = 0;
	expect_end(text, strlen(text), &pos);
	pos = 5;
	expect_end("abc", 3, &pos);
	pos = 0;
	expect_error(empty_block, strlen(empty_block), &pos, CSRL_ERR_EMPTY, 2,
		     "line 2: CERTIFICATE REQUEST block holds no data");
	expect_end(empty_block, strlen(empty_block), &pos);
}

/* After an error the next call must find the next good block. */
static void test_continue_after_bad(void **state)
{
	size_t len, pos = 0;
	char *good = read_corpus("pyca-cryptography/ec_sha256.pem", &len);
	struct sbuf b = { 0 };

	(void)state;
	sb_add(&b, good, len);
	b.p[200] = '!';                                     /* bad character, line 4 */
	sb_str(&b, "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n");  /* no END, line 11 */
	sb_str(&b, "-----BEGIN X-----\n");                  /* no END either, line 13 */
	sb_str(&b, "-----BEGIN CERTIFICATE REQUEST----\n"); /* no closing dashes, line 14 */
	sb_add(&b, good, len);                              /* line 15 */
	expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_BASE64, 4, "invalid base64 character '!'");
	assert_int_equal(pos, len);
	expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_UNTERMINATED, 11,
		     "line 11: CERTIFICATE REQUEST block has no END line before the BEGIN line 13");
	expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_UNTERMINATED, 13, "before the BEGIN line 14");
	expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_BASE64, 14, "line 14: malformed BEGIN line");
	expect_block(b.p, b.len, &pos, "pyca-cryptography/ec_sha256.der", 0);
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(good);
}

static void test_oversized(void **state)
{
	uint8_t *der = calloc(1, CSRL_MAX_DER_SIZE + 1);
	struct sbuf b = { 0 };
	struct csrl_pem_block blk;
	size_t pos = 0;
	char label[100];

	(void)state;
	assert_non_null(der);
	add_pem(&b, "CERTIFICATE REQUEST", der, CSRL_MAX_DER_SIZE, "\n");
	assert_int_equal(csrl_pem_next(b.p, b.len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_int_equal(blk.der_len, CSRL_MAX_DER_SIZE);
	csrl_pem_block_clear(&blk);
	b.len = 0;
	pos = 0;
	add_pem(&b, "CERTIFICATE REQUEST", der, CSRL_MAX_DER_SIZE + 1, "\n");
	expect_error(b.p, b.len, &pos, CSRL_ERR_TOO_LARGE, line_of(b.p, b.len) - 2,
		     "CERTIFICATE REQUEST block decodes to more than 1048576 bytes");
	assert_int_equal(pos, b.len);
	/* One huge line is refused at that line, before it is decoded. */
	b.len = 0;
	pos = 0;
	sb_str(&b, "-----BEGIN CERTIFICATE REQUEST-----\n");
	while (b.len < 2 * CSRL_MAX_DER_SIZE)
		sb_str(&b, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	sb_str(&b, "\n-----END CERTIFICATE REQUEST-----\n");
	expect_error(b.p, b.len, &pos, CSRL_ERR_TOO_LARGE, 2, "line 2: CERTIFICATE");
	/* Labels are bounded too: 63 characters fit, 64 do not. */
	b.len = 0;
	pos = 0;
	memset(label, 'L', sizeof label);
	label[63] = '\0';
	add_pem(&b, label, der, 3, "\n");
	assert_int_equal(csrl_pem_next(b.p, b.len, &pos, &blk, NULL), CSRL_ERR_OK);
	assert_string_equal(blk.label, label);
	csrl_pem_block_clear(&blk);
	b.len = 0;
	pos = 0;
	label[63] = 'L';
	label[64] = '\0';
	add_pem(&b, label, der, 3, "\n");
	expect_error(b.p, b.len, &pos, CSRL_ERR_PEM_BASE64, 1, "malformed BEGIN line");
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(der);
}

static void test_whitespace_lines(void **state)
{
	size_t len, pos = 0, i;
	char *text = read_corpus("pyca-cryptography/ec_sha256.pem", &len);
	struct sbuf b = { 0 };

	(void)state;
	/* Blank and whitespace-only lines anywhere in the body, blanks at line ends. */
	for (i = 0; i < len; i++) {
		if (text[i] == '\n' && i > 40 && i + 1 < len && text[i + 1] != '-')
			sb_str(&b, " \t\r\n\n \t\n");
		else
			sb_add(&b, text + i, 1);
	}
	expect_block(b.p, b.len, &pos, "pyca-cryptography/ec_sha256.der", 0);
	expect_end(b.p, b.len, &pos);
	free(b.p);
	free(text);
}

static void test_headers(void **state)
{
	static const char key[] = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
				  "DEK-Info: AES-128-CBC,\n 0011223344\n\nMIIB\n"
				  "-----END RSA PRIVATE KEY-----\n";
	static const char csr[] = "-----BEGIN CERTIFICATE REQUEST-----\nContent-Domain: RFC822\n"
				  "\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
	struct csrl_pem_block blk;
	size_t pos = 0;

	(void)state;
	assert_int_equal(csrl_pem_next(key, strlen(key), &pos, &blk, NULL), CSRL_ERR_OK);
	assert_int_equal(blk.der_len, 3);
	csrl_pem_block_clear(&blk);
	pos = 0;
	expect_error(csr, strlen(csr), &pos, CSRL_ERR_PEM_BASE64, 2,
		     "line 2: header \"Content-Domain\" in CERTIFICATE REQUEST block");
	expect_end(csr, strlen(csr), &pos);
}

static void test_looks_like_pem(void **state)
{
	static const char der_long[] = "\x30\x82\x00\x0b-----BEGIN ";
	static const char der_short[] = "\x30\x0b-----BEGIN ";
	static const char text0[] = "0a text that starts with a zero\n-----BEGIN X-----\n";
	size_t len;
	char *der = read_corpus("pyca-cryptography/rsa_sha256.der", &len);

	(void)state;
	assert_true(csrl_looks_like_pem((const uint8_t *)"-----BEGIN X-----\n", 18));
	assert_true(csrl_looks_like_pem((const uint8_t *)text0, strlen(text0)));
	assert_false(csrl_looks_like_pem((const uint8_t *)"-----BEGIN", 10));
	assert_false(csrl_looks_like_pem((const uint8_t *)"", 0));
	assert_false(csrl_looks_like_pem(NULL, 0));
	assert_false(csrl_looks_like_pem((const uint8_t *)der, len));
	assert_false(csrl_looks_like_pem((const uint8_t *)der_long, sizeof der_long - 1));
	assert_false(csrl_looks_like_pem((const uint8_t *)der_short, sizeof der_short - 1));
	assert_true(csrl_looks_like_pem((const uint8_t *)der_short, sizeof der_short));
	free(der);
}

/* Many blocks, then a 64 MiB file of garbage and armour debris: all linear. */
static void test_large_inputs_linear(void **state)
{
	static const uint8_t der[] = { 0x30, 0x00 };
	struct sbuf b = { 0 };
	struct csrl_pem_block blk;
	size_t pos = 0, n = 0, i;
	clock_t t0 = clock();
	char *big;

	(void)state;
	for (i = 0; i < 200000; i++)
		add_pem(&b, "CERTIFICATE REQUEST", der, sizeof der, "\n");
	while (csrl_pem_next(b.p, b.len, &pos, &blk, NULL) == CSRL_ERR_OK) {
		assert_int_equal(blk.begin_line, (long)(3 * n + 1));
		csrl_pem_block_clear(&blk);
		n++;
	}
	assert_int_equal(n, 200000);
	free(b.p);
	big = malloc(CSRL_MAX_FILE_SIZE);
	assert_non_null(big);
	for (i = 0; i < CSRL_MAX_FILE_SIZE; i++)
		big[i] = "-----BEGIN x\n-----BEGIN "[i % 24];
	for (pos = 0, n = 0; pos < CSRL_MAX_FILE_SIZE; n++)
		(void)csrl_pem_next(big, CSRL_MAX_FILE_SIZE, &pos, &blk, NULL);
	assert_true(n > 1000000);
	memset(big, 'A', CSRL_MAX_FILE_SIZE);
	memcpy(big, "-----BEGIN CERTIFICATE REQUEST-----\n", 36);
	for (i = 100; i < CSRL_MAX_FILE_SIZE; i += 65)
		big[i] = '\n';
	pos = 0;
	expect_error(big, CSRL_MAX_FILE_SIZE, &pos, CSRL_ERR_PEM_UNTERMINATED, 1, "no \"-----END");
	free(big);
	/* Linear work is well under a second; quadratic would take hours. */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 60.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_label),
		cmocka_unit_test(test_text_before_after),
		cmocka_unit_test(test_several_blocks),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bad_char),
		cmocka_unit_test(test_bad_padding),
		cmocka_unit_test(test_missing_or_mismatched_end),
		cmocka_unit_test(test_non_csr_blocks),
		cmocka_unit_test(test_label_kinds),
		cmocka_unit_test(test_empty_and_text_only),
		cmocka_unit_test(test_continue_after_bad),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_whitespace_lines),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_looks_like_pem),
		cmocka_unit_test(test_large_inputs_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
