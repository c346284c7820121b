/* test_hostile.c - hostile inputs, made here at test time: 50,000 levels of nesting (definite
 * and indefinite), huge declared lengths, 100,000 SANs, 16,384- and 65,536-bit RSA keys, a
 * 1 MiB subject, indefinite-length bombs, a valid request cut at every byte and flipped at
 * every bit. Each goes through splitting, parsing, every lint profile and every reporter (see
 * hostile.h) and must end in a report or a documented error within the time and memory
 * budgets; one line per input shows what it cost. */
#include "hostile.h"

/* n levels of SEQUENCE with definite lengths around an empty one, built from the inside out
 * (re-wrapping 50,000 times would copy gigabytes). */
static struct buf deep_definite(size_t n, uint8_t tag)
{
	size_t cap = n * 6 + 2, pos = cap, inner = 0, i;
	struct buf b = { 0 };

	b.p = malloc(cap);
	assert_non_null(b.p);
	for (i = 0; i < n; i++) {
		uint8_t l[9];
		size_t k = der_len(inner, l);

		pos -= k;
		memcpy(b.p + pos, l, k);
		b.p[--pos] = tag;
		inner += k + 1;
	}
	memmove(b.p, b.p + pos, inner);
	b.n = inner;
	b.cap = cap;
	return b;
}

/* n levels of indefinite-length tag, closed (eoc) or not. */
static struct buf deep_indefinite(size_t n, uint8_t tag, int eoc)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		put_byte(&b, tag);
		put_byte(&b, 0x80);
	}
	for (i = 0; eoc && i < n; i++)
		put(&b, "\0\0", 2);
	return b;
}

static void test_deep_nesting(void **state)
{
	struct outcome o;
	struct buf b;

	(void)state;
	b = deep_definite(50000, 0x30);
	hostile_run("50,000 SEQUENCEs, definite", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
	b = deep_definite(50000, 0xa0);
	hostile_run("50,000 [0]s, definite", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
	b = deep_indefinite(50000, 0x30, 1);
	hostile_run("50,000 SEQUENCEs, indefinite", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
	b = deep_indefinite(50000, 0x24, 0);
	hostile_run("50,000 OCTET STRINGs, indef., no EOC", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
}

/* A request whose CN value is replaced by raw bytes (a TLV or a broken one). */
static struct buf csr_with_raw_cn(const uint8_t *raw, size_t n)
{
	struct buf subj = { 0 }, spki, csr;
	static const uint8_t mod[256] = { 0xc3, 0x01 };
	uint8_t sig[256] = { 0 };

	put_tlv(&subj, 0x06, OID_CN, sizeof OID_CN);
	put(&subj, raw, n);
	wrap(&subj, 0x30);
	wrap(&subj, 0x31);
	wrap(&subj, 0x30);
	spki = make_rsa_spki(mod, sizeof mod);
	csr = make_csr(&subj, &spki, NULL, OID_SHA256_RSA, sizeof OID_SHA256_RSA, 1, sig,
		       sizeof sig);
	buf_free(&subj);
	buf_free(&spki);
	return csr;
}

static void test_huge_lengths(void **state)
{
	static const struct {
		const char *what;
		uint8_t b[16];
		size_t n;
	} raw[] = {
		{ "root length 2^64-1", { 0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					  0xff, 0x05, 0x00 }, 12 },
		{ "root length 2^32-1", { 0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x05, 0x00 }, 8 },
		{ "root length 9 octets", { 0x30, 0x89, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0 },
		  13 },
		{ "root length 126 octets", { 0x30, 0xfe, 0xff, 0xff }, 4 },
		{ "root length reserved 0xff", { 0x30, 0xff, 0x00 }, 3 },
		{ "primitive root length 2^63", { 0x04, 0x88, 0x80, 0, 0, 0, 0, 0, 0, 0 }, 10 },
		{ "tag number 2^35", { 0x1f, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00 }, 8 },
	};
	static const uint8_t cn_huge[] = { 0x0c, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					   0xff, 'a', 'b', 'c' };
	static const uint8_t cn_4g[] = { 0x0c, 0x84, 0xff, 0xff, 0xff, 0xff, 'a' };
	struct outcome o;
	struct buf b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof raw / sizeof raw[0]; i++) {
		b.p = (uint8_t *)raw[i].b;
		b.n = raw[i].n;
		hostile_run(raw[i].what, &b, &o);
		assert_int_equal(o.parsed, 0);
	}
	/* Inside a request: the overrun is an anomaly on the CN and the rest still reports. */
	b = csr_with_raw_cn(cn_huge, sizeof cn_huge);
	hostile_run("CN length 2^63-1 inside a CSR", &b, &o);
	buf_free(&b);
	b = csr_with_raw_cn(cn_4g, sizeof cn_4g);
	hostile_run("CN length 2^32-1 inside a CSR", &b, &o);
	buf_free(&b);
}

/* A request with n DNS SANs: "%05x.io" of their index (short), "host-%06u.example.com"
 * (long), or all the same name. */
enum san_style { SAN_SHORT, SAN_LONG, SAN_SAME };

static struct buf csr_with_sans(unsigned n, enum san_style style)
{
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
	struct buf names = { 0 }, attrs, subj, spki, csr;
	char name[64];
	unsigned i;

	for (i = 0; i < n; i++) {
		int k = style == SAN_SHORT ? snprintf(name, sizeof name, "%05x.io", i) :
			style == SAN_LONG ? snprintf(name, sizeof name, "host-%06u.example.com", i) :
			snprintf(name, sizeof name, "same.example.com");

		put_tlv(&names, 0x82, name, (size_t)k);
	}
	attrs = make_san_attrs(&names);
	subj = make_cn("www.example.com", 15);
	spki = sample_spki();
	csr = make_csr(&subj, &spki, &attrs, OID_EC_SHA256, sizeof OID_EC_SHA256, 0, sig,
		       sizeof sig);
	buf_free(&attrs);
	buf_free(&subj);
	buf_free(&spki);
	return csr;
}

static void test_many_sans(void **state)
{
	struct outcome o;
	struct buf b, pem;

	(void)state;
	/* The public profiles run a dozen per-name DNS rules (PSL, TLD, IDNA, internal names):
	 * 75-100 ms of CPU here for 100,000 names, at the budget; half again as much is allowed
	 * so that a busy machine does not fail the test, and the figure is printed. */
	hostile_slack = 1.5;
	b = csr_with_sans(100000, SAN_SHORT);
	assert_true(b.n <= CSRL_MAX_DER_SIZE);
	hostile_run("100,000 SANs (DER)", &b, &o);
	assert_int_equal(o.parsed, 1);
	assert_true(o.findings > 0);
	pem = to_pem(&b);
	hostile_run("100,000 SANs (PEM)", &pem, &o);
	assert_int_equal(o.parsed, 1);
	buf_free(&pem);
	buf_free(&b);
	hostile_slack = 1.0;
	b = csr_with_sans(100000, SAN_LONG);
	hostile_run("100,000 long SANs, over 1 MiB", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_LARGE);
	buf_free(&b);
	/* 50,000 copies of one name (as many as fit): san.duplicate compares the first 4,096 and
	 * the engine caps its findings. */
	b = csr_with_sans(50000, SAN_SAME);
	hostile_run("50,000 identical SANs", &b, &o);
	assert_int_equal(o.parsed, 1);
	assert_true(o.findings > 1);
	buf_free(&b);
}

static void test_big_rsa(void **state)
{
	struct outcome o;
	struct buf b;

	(void)state;
	/* Seeds whose moduli have no factor below 752, so that every key rule does its full
	 * work (with a small factor several stop early): before key.rsa.modulus-prime was
	 * bounded, the 65,536-bit one took 19 s in the rfc profile. */
	b = csr_rsa_bits(16384, 18);
	hostile_run("RSA 16,384-bit modulus", &b, &o);
	assert_int_equal(o.parsed, 1);
	assert_int_equal(o.verify, CSRL_VERIFY_INVALID);
	buf_free(&b);
	b = csr_rsa_bits(65536, 4);
	hostile_run("RSA 65,536-bit modulus", &b, &o);
	assert_int_equal(o.parsed, 1);
	assert_int_equal(o.verify, CSRL_VERIFY_UNSUPPORTED);
	buf_free(&b);
}

/* A request whose CN is n bytes of printable filler. */
static struct buf csr_cn_bytes(size_t n)
{
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
	struct buf subj, spki, csr;
	uint8_t *v = malloc(n);
	size_t i;

	assert_non_null(v);
	for (i = 0; i < n; i++)
		v[i] = (uint8_t)('a' + i % 26);
	subj = make_cn(v, n);
	spki = sample_spki();
	csr = make_csr(&subj, &spki, NULL, OID_EC_SHA256, sizeof OID_EC_SHA256, 0, sig,
		       sizeof sig);
	buf_free(&subj);
	buf_free(&spki);
	free(v);
	return csr;
}

static void test_big_subject(void **state)
{
	struct outcome o;
	struct buf b, pem;
	size_t over;

	(void)state;
	b = csr_cn_bytes(1u << 20);
	hostile_run("1 MiB CN", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_LARGE);
	pem = to_pem(&b);
	hostile_run("1 MiB CN (PEM)", &pem, &o);
	assert_int_equal(o.first_err, CSRL_ERR_TOO_LARGE);
	buf_free(&pem);
	/* The largest CN that still fits: the request is exactly CSRL_MAX_DER_SIZE bytes. */
	over = b.n - CSRL_MAX_DER_SIZE;
	buf_free(&b);
	b = csr_cn_bytes((1u << 20) - over);
	assert_int_equal(b.n, CSRL_MAX_DER_SIZE);
	hostile_run("CN filling a 1 MiB request", &b, &o);
	assert_int_equal(o.parsed, 1);
	pem = to_pem(&b);
	hostile_run("CN filling a 1 MiB request (PEM)", &pem, &o);
	assert_int_equal(o.parsed, 1);
	buf_free(&pem);
	buf_free(&b);
}

static void test_indefinite_bombs(void **state)
{
	struct outcome o;
	struct buf b = { 0 };
	size_t i;

	(void)state;
	/* Siblings: an indefinite SEQUENCE holding 262,000 empty indefinite SEQUENCEs. */
	put(&b, "\x30\x80", 2);
	for (i = 0; i < 262000; i++)
		put(&b, "\x30\x80\x00\x00", 4);
	put(&b, "\x00\x00", 2);
	hostile_run("262,000 indefinite siblings", &b, &o);
	buf_free(&b);
	/* One more element than the limit allows, in a SEQUENCE that is never closed. */
	put(&b, "\x30\x80", 2);
	for (i = 0; i < CSRL_DER_MAX_NODES; i++)
		put(&b, "\x05\x00", 2);
	hostile_run("262,144 NULLs, open indefinite", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_MANY);
	buf_free(&b);
	/* 1 MiB of "30 80": every level opens another. */
	for (i = 0; i < CSRL_MAX_DER_SIZE / 2; i++)
		put(&b, "\x30\x80", 2);
	hostile_run("1 MiB of 30 80", &b, &o);
	assert_int_equal(o.parse_err, CSRL_ERR_TOO_DEEP);
	buf_free(&b);
	/* 63 open levels (within the depth limit), the innermost holding 100,000 constructed
	 * indefinite strings. */
	for (i = 0; i < 63; i++)
		put(&b, "\x30\x80", 2);
	for (i = 0; i < 100000; i++)
		put(&b, "\x24\x80\x04\x00\x00\x00", 6);
	hostile_run("63 levels + 100,000 indef. strings", &b, &o);
	assert_int_equal(o.parsed, 0);
	buf_free(&b);
	/* A request whose CN is 50 levels of indefinite constructed UTF8String (the CN is at
	 * depth 5) around 100,000 pieces. */
	for (i = 0; i < 50; i++)
		put(&b, "\x2c\x80", 2);
	for (i = 0; i < 100000; i++)
		put(&b, "\x0c\x01\x41", 3);
	for (i = 0; i < 50; i++)
		put(&b, "\x00\x00", 2);
	{
		struct buf c = csr_with_raw_cn(b.p, b.n);

		hostile_run("CN of 50 indef. levels, 100,000 pieces", &c, &o);
		assert_int_equal(o.parsed, 1);
		buf_free(&c);
	}
	buf_free(&b);
}

static void test_truncations(void **state)
{
	struct outcome o, worst = { 0 };
	size_t len, i, worst_at = 0;
	long base = maxrss_kib();
	uint8_t *der, *cut;
	double t0 = now_ms();

	(void)state;
	der = test_slurp(SAMPLE, &len);
	assert_non_null(der);
	for (i = 0; i < len; i++) {
		/* exactly i bytes in a buffer of its own, so that ASan sees any over-read */
		cut = malloc(i ? i : 1);
		assert_non_null(cut);
		memcpy(cut, der, i);
		run_here(cut, i, &o);
		free(cut);
		if (!o.ok || o.items == 0 || o.parsed != 0)
			fail_msg("truncation at %zu: items %u parsed %u ok %d", i, o.items,
				 o.parsed, o.ok);
		if (o.worst_ms > worst.worst_ms) {
			worst = o;
			worst_at = i;
		}
	}
	worst.ok = 1;
	worst.items = 1;
	worst.peak_kib = maxrss_kib() - base;
	printf("  %zu truncations in %.0f ms; the slowest cut at %zu:\n", len, now_ms() - t0,
	       worst_at);
	check_outcome("slowest truncation", worst_at, &worst);
	free(der);
}

static void test_bit_flips(void **state)
{
	struct outcome o, worst = { 0 };
	size_t len, i, worst_at = 0, parsed = 0, verdicts[4] = { 0 };
	long base = maxrss_kib();
	double t0 = now_ms();
	uint8_t *der, *m;

	(void)state;
	der = test_slurp(SAMPLE, &len);
	assert_non_null(der);
	m = malloc(len);
	assert_non_null(m);
	for (i = 0; i < len * 8; i++) {
		memcpy(m, der, len);
		m[i / 8] ^= (uint8_t)(0x80 >> (i % 8));
		run_here(m, len, &o);
		if (!o.ok || o.items == 0)
			fail_msg("flip of bit %zu: items %u ok %d", i, o.items, o.ok);
		if (o.parsed) {
			parsed++;
			if (o.verify >= 0 && o.verify < 4)
				verdicts[o.verify]++;
		}
		if (o.worst_ms > worst.worst_ms) {
			worst = o;
			worst_at = i;
		}
	}
	worst.ok = 1;
	worst.items = 1;
	worst.peak_kib = maxrss_kib() - base;
	printf("  %zu flips in %.0f ms: %zu parsed (valid %zu, invalid %zu, unsupported %zu, "
	       "mismatch %zu); the slowest is bit %zu:\n", len * 8, now_ms() - t0, parsed,
	       verdicts[0], verdicts[1], verdicts[2], verdicts[3], worst_at);
	check_outcome("slowest bit flip", len, &worst);
	free(m);
	free(der);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_lengths),
		cmocka_unit_test(test_many_sans),
		cmocka_unit_test(test_big_rsa),
		cmocka_unit_test(test_big_subject),
		cmocka_unit_test(test_indefinite_bombs),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_bit_flips),
	};

	printf("budgets: %.0f ms per step, %ld KiB peak growth per input\n", time_budget_ms(),
	       mem_budget_kib());
	return cmocka_run_group_tests(tests, NULL, NULL);
}
