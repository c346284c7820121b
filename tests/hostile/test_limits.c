/* test_limits.c - each documented limit (csrlint.h, README "Limits") at its value and one
 * past it: the input size of one request and of a file, the nesting depth, the number of
 * elements, the elements for the schema check, and the RSA and DSA sizes that are verified.
 * At the limit the input is handled; past it the answer is the documented error or verdict,
 * never a crash, and within the budgets of hostile.h. */
#include <fcntl.h>
#include <gmp.h>

#include "hostile.h"

/* levels nested SEQUENCEs (the outermost at depth 0) around an empty one. */
static struct buf nested(size_t levels)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < levels; i++)
		wrap(&b, 0x30);
	return b;
}

static void test_depth(void **state)
{
	struct csrl_error e;
	struct csrl_der *der;
	struct outcome o;
	struct buf b;

	(void)state;
	/* depths 0 .. CSRL_DER_MAX_DEPTH: read */
	b = nested(CSRL_DER_MAX_DEPTH + 1);
	assert_int_equal(csrl_der_parse(b.p, b.n, NULL, &der, &e), CSRL_ERR_OK);
	assert_int_equal(der->nnodes, CSRL_DER_MAX_DEPTH + 1);
	csrl_der_free(der);
	hostile_run("depth 64 (the limit)", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_NOT_CSR);
	buf_free(&b);
	/* one level more */
	b = nested(CSRL_DER_MAX_DEPTH + 2);
	assert_int_equal(csrl_der_parse(b.p, b.n, NULL, &der, &e), CSRL_ERR_TOO_DEEP);
	assert_null(der);
	assert_non_null(strstr(e.msg, "64 levels"));
	hostile_run("depth 65", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
}

/* A SEQUENCE holding n NULLs: n + 1 elements. */
static struct buf nulls(size_t n)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		put(&b, "\x05\x00", 2);
	wrap(&b, 0x30);
	return b;
}

static void test_nodes(void **state)
{
	struct csrl_error e;
	struct csrl_der *der;
	struct outcome o;
	struct buf b;

	(void)state;
	b = nulls(CSRL_DER_MAX_NODES - 1);
	assert_int_equal(csrl_der_parse(b.p, b.n, NULL, &der, &e), CSRL_ERR_OK);
	assert_int_equal(der->nnodes, CSRL_DER_MAX_NODES);
	csrl_der_free(der);
	hostile_run("262,144 elements (the limit)", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_NOT_CSR);
	buf_free(&b);
	b = nulls(CSRL_DER_MAX_NODES);
	assert_int_equal(csrl_der_parse(b.p, b.n, NULL, &der, &e), CSRL_ERR_TOO_MANY);
	assert_null(der);
	hostile_run("262,145 elements", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_MANY);
	buf_free(&b);
}

/* A request of exactly len bytes: a CN sized to fit. */
static struct buf csr_of_size(size_t len)
{
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
	struct buf subj, spki = sample_spki(), csr = { 0 };
	size_t cn = len - 400, tries;
	uint8_t *v;

	for (tries = 0; tries < 4 && csr.n != len; tries++) {
		buf_free(&csr);
		v = malloc(cn);
		assert_non_null(v);
		memset(v, 'a', cn);
		subj = make_cn(v, cn);
		free(v);
		csr = make_csr(&subj, &spki, NULL, OID_EC_SHA256, sizeof OID_EC_SHA256, 0, sig,
			       sizeof sig);
		buf_free(&subj);
		cn += len - csr.n;      /* header sizes settle after a step or two */
	}
	buf_free(&spki);
	assert_int_equal(csr.n, len);
	return csr;
}

static void test_der_size(void **state)
{
	struct csrl_pem_block blk;
	struct csrl_error e;
	struct csrl_csr *csr;
	struct csrl_der *der;
	struct outcome o;
	struct buf b, pem;
	size_t pos;

	(void)state;
	b = csr_of_size(CSRL_MAX_DER_SIZE);
	assert_int_equal(csrl_csr_parse(b.p, b.n, &csr, &e), CSRL_ERR_OK);
	csrl_csr_free(csr);
	assert_int_equal(csrl_schema_check(b.p, b.n, &e), CSRL_ERR_OK);
	pem = to_pem(&b);
	memset(&blk, 0, sizeof blk);
	pos = 0;
	assert_int_equal(csrl_pem_next((const char *)pem.p, pem.n, &pos, &blk, &e), CSRL_ERR_OK);
	assert_int_equal(blk.der_len, CSRL_MAX_DER_SIZE);
	csrl_pem_block_clear(&blk);
	hostile_run("request of 1 MiB (the limit), PEM", &pem, &o);
	assert_int_equal(o.parsed, 1);
	buf_free(&pem);
	buf_free(&b);

	b = csr_of_size(CSRL_MAX_DER_SIZE + 1);
	assert_int_equal(csrl_csr_parse(b.p, b.n, &csr, &e), CSRL_ERR_TOO_LARGE);
	assert_int_equal(csrl_der_parse(b.p, b.n, NULL, &der, &e), CSRL_ERR_TOO_LARGE);
	assert_int_equal(csrl_schema_check(b.p, b.n, &e), CSRL_ERR_TOO_LARGE);
	hostile_run("request of 1 MiB + 1", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_LARGE);
	pem = to_pem(&b);
	pos = 0;
	assert_int_equal(csrl_pem_next((const char *)pem.p, pem.n, &pos, &blk, &e),
			 CSRL_ERR_TOO_LARGE);
	assert_true(pos > 0);   /* the caller can go on after the block */
	csrl_pem_block_clear(&blk);
	hostile_run("request of 1 MiB + 1, PEM", &pem, &o);
	assert_int_equal(o.first_err, CSRL_ERR_TOO_LARGE);
	buf_free(&pem);
	buf_free(&b);
}

/* A sparse temporary file of len zero bytes. */
static char *sparse_file(size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof path, "/tmp/csrlint-limits-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)len), 0);
	close(fd);
	return path;
}

static void count_item(void *ctx, const struct csrl_input_item *it)
{
	int *err = ctx;

	*err = it->err;
}

static void test_file_size(void **state)
{
	struct csrl_error e;
	uint8_t *buf;
	size_t len;
	char *path;
	int err = -1;

	(void)state;
	path = sparse_file(CSRL_MAX_FILE_SIZE);
	assert_int_equal(csrl_input_read(path, &buf, &len, &e), CSRL_ERR_OK);
	assert_int_equal(len, CSRL_MAX_FILE_SIZE);
	free(buf);
	/* 64 MiB of zeros is read, then refused as neither PEM nor DER */
	assert_int_equal(csrl_input_file(path, count_item, &err), 1);
	assert_int_equal(err, CSRL_ERR_NOT_PEM_OR_DER);
	unlink(path);

	path = sparse_file((size_t)CSRL_MAX_FILE_SIZE + 1);
	assert_int_equal(csrl_input_read(path, &buf, &len, &e), CSRL_ERR_TOO_LARGE);
	assert_null(buf);
	assert_int_equal(csrl_input_file(path, count_item, &err), 1);
	assert_int_equal(err, CSRL_ERR_TOO_LARGE);
	unlink(path);
}

/* A request whose attributes hold one attribute without values (a schema error that the
 * tolerant reader keeps) and one with pad NULL values, to reach a given element count. */
static struct buf csr_schema_nodes(size_t pad)
{
	static const uint8_t oid_unstructured[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09,
						    0x02 };
	static const uint8_t oid_pad[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x7f };
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
	struct buf attrs = { 0 }, a = { 0 }, vals = { 0 }, subj, spki, csr;
	size_t i;

	put_tlv(&a, 0x06, oid_pad, sizeof oid_pad);
	for (i = 0; i < pad; i++)
		put(&vals, "\x05\x00", 2);
	put_wrapped(&a, 0x31, &vals);
	put_wrapped(&attrs, 0x30, &a);
	put_tlv(&a, 0x06, oid_unstructured, sizeof oid_unstructured);
	put_wrapped(&attrs, 0x30, &a);
	subj = make_cn("limits.example.com", 18);
	spki = sample_spki();
	csr = make_csr(&subj, &spki, &attrs, OID_EC_SHA256, sizeof OID_EC_SHA256, 0, sig,
		       sizeof sig);
	buf_free(&attrs);
	buf_free(&subj);
	buf_free(&spki);
	return csr;
}

/* Whether linting (rfc profile) reports csr.schema-invalid. */
static int schema_reported(const struct buf *b, size_t *nodes)
{
	struct csrl_lint_opts opts = { .profile = CSRL_PROFILE_RFC };
	struct csrl_findings f = { 0 };
	struct csrl_error e;
	struct csrl_csr *csr;
	int found = 0;
	size_t i;

	assert_int_equal(csrl_csr_parse(b->p, b->n, &csr, &e), CSRL_ERR_OK);
	*nodes = csr->der->nnodes;
	csrl_lint_csr(csr, &opts, &f);
	for (i = 0; i < f.n; i++)
		if (strcmp(f.v[i].rule_id, "csr.schema-invalid") == 0)
			found = 1;
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
	return found;
}

static void test_schema_nodes(void **state)
{
	struct outcome o;
	size_t base, nodes;
	struct buf b;

	(void)state;
	b = csr_schema_nodes(0);
	assert_true(schema_reported(&b, &base));
	buf_free(&b);
	/* at the limit the schema check runs and finds the attribute without values */
	b = csr_schema_nodes(CSRL_SCHEMA_MAX_NODES - base);
	assert_true(schema_reported(&b, &nodes));
	assert_int_equal(nodes, CSRL_SCHEMA_MAX_NODES);
	hostile_run("4,096 elements, schema checked", &b, &o);
	buf_free(&b);
	/* one more: skipped (libtasn1 is quadratic in long SEQUENCE OFs), so no finding */
	b = csr_schema_nodes(CSRL_SCHEMA_MAX_NODES - base + 1);
	assert_false(schema_reported(&b, &nodes));
	assert_int_equal(nodes, CSRL_SCHEMA_MAX_NODES + 1);
	hostile_run("4,097 elements, schema skipped", &b, &o);
	buf_free(&b);
	/* and far past it the lint stays fast: 200,000 elements */
	b = csr_schema_nodes(200000);
	hostile_run("200,000 elements, schema skipped", &b, &o);
	assert_int_equal(o.parsed, 1);
	buf_free(&b);
}

static int verdict_of(const struct buf *b, char *detail, size_t size)
{
	struct csrl_verify_result vr;
	struct csrl_error e;
	struct csrl_csr *csr;

	assert_int_equal(csrl_csr_parse(b->p, b->n, &csr, &e), CSRL_ERR_OK);
	csrl_verify(csr, &vr);
	snprintf(detail, size, "%s", vr.detail);
	csrl_csr_free(csr);
	return (int)vr.status;
}

static void test_rsa_bits(void **state)
{
	struct outcome o;
	char detail[160];
	struct buf b;

	(void)state;
	/* verified: the random signature does not match */
	b = csr_rsa_bits(CSRL_MAX_RSA_VERIFY_BITS, 1);
	assert_int_equal(verdict_of(&b, detail, sizeof detail), CSRL_VERIFY_INVALID);
	assert_non_null(strstr(detail, "does not match"));
	hostile_run("RSA 16,384 bits (the limit)", &b, &o);
	buf_free(&b);
	b = csr_rsa_bits(CSRL_MAX_RSA_VERIFY_BITS + 1, 2);
	assert_int_equal(verdict_of(&b, detail, sizeof detail), CSRL_VERIFY_UNSUPPORTED);
	assert_non_null(strstr(detail, "exceeds the verification limit"));
	hostile_run("RSA 16,385 bits", &b, &o);
	buf_free(&b);
}

/* Big-endian bytes of x into a malloc'd buffer. */
static uint8_t *mpz_bytes(const mpz_t x, size_t *n)
{
	uint8_t *p = malloc((mpz_sizeinbase(x, 2) + 7) / 8);

	assert_non_null(p);
	mpz_export(p, n, 1, 1, 1, 0, x);
	return p;
}

/* A DSA request with p of pbits bits (q of 256 bits dividing p - 1, g = 2, y = 3) and a
 * signature (r = s = 1) that does not verify: the verifier gets as far as dsa_verify. */
static struct buf csr_dsa_bits(unsigned pbits)
{
	struct buf params = { 0 }, alg = { 0 }, spki = { 0 }, y = { 0 }, subj, csr;
	static const uint8_t two = 2, three = 3;
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
	uint8_t seed[32], *pp, *qp;
	size_t plen, qlen;
	mpz_t p, q, k;

	mpz_inits(p, q, k, NULL);
	fill_random(seed, sizeof seed, pbits);
	seed[0] |= 0x80;
	seed[31] |= 1;
	mpz_import(q, sizeof seed, 1, 1, 1, 0, seed);
	/* k even with p = k q + 1 of exactly pbits bits: p is odd and q | p - 1 */
	mpz_setbit(k, pbits - 256);
	mpz_add_ui(k, k, 2);
	mpz_mul(p, k, q);
	mpz_add_ui(p, p, 1);
	assert_int_equal(mpz_sizeinbase(p, 2), pbits);
	pp = mpz_bytes(p, &plen);
	qp = mpz_bytes(q, &qlen);
	put_uint(&params, pp, plen);
	put_uint(&params, qp, qlen);
	put_uint(&params, &two, 1);
	put_tlv(&alg, 0x06, OID_DSA, sizeof OID_DSA);
	put_wrapped(&alg, 0x30, &params);
	put_wrapped(&spki, 0x30, &alg);
	put_byte(&y, 0);
	put_uint(&y, &three, 1);
	put_wrapped(&spki, 0x03, &y);
	wrap(&spki, 0x30);
	subj = make_cn("dsa.example.com", 15);
	csr = make_csr(&subj, &spki, NULL, OID_DSA_SHA256, sizeof OID_DSA_SHA256, 0, sig,
		       sizeof sig);
	buf_free(&subj);
	buf_free(&spki);
	free(pp);
	free(qp);
	mpz_clears(p, q, k, NULL);
	return csr;
}

static void test_dsa_bits(void **state)
{
	struct outcome o;
	char detail[160];
	struct buf b;

	(void)state;
	b = csr_dsa_bits(CSRL_MAX_DSA_VERIFY_BITS);
	assert_int_equal(verdict_of(&b, detail, sizeof detail), CSRL_VERIFY_INVALID);
	assert_non_null(strstr(detail, "does not match"));
	hostile_run("DSA p of 4,096 bits (the limit)", &b, &o);
	buf_free(&b);
	b = csr_dsa_bits(CSRL_MAX_DSA_VERIFY_BITS + 1);
	assert_int_equal(verdict_of(&b, detail, sizeof detail), CSRL_VERIFY_UNSUPPORTED);
	assert_non_null(strstr(detail, "exceeds the verification limit"));
	hostile_run("DSA p of 4,097 bits", &b, &o);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_der_size),
		cmocka_unit_test(test_file_size),
		cmocka_unit_test(test_schema_nodes),
		cmocka_unit_test(test_rsa_bits),
		cmocka_unit_test(test_dsa_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
