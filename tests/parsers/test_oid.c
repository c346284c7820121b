/* test_oid.c - OID table, lookups, dotted text and the hash/curve/key-type names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "csrlint.h"

/* An independent encoder (arcs up to 64 bits) so that the table's bytes are checked against
 * something other than the code under test. Returns the length. */
static size_t encode(const char *dotted, uint8_t *out)
{
	unsigned long long arcs[64];
	size_t n = 0, len = 0, i;
	char *end;

	while (*dotted) {
		arcs[n++] = strtoull(dotted, &end, 10);
		dotted = *end == '.' ? end + 1 : end;
	}
	assert_true(n >= 2);
	arcs[1] += arcs[0] * 40;
	for (i = 1; i < n; i++) {
		int shift = 63;

		while (shift > 0 && !(arcs[i] >> shift))
			shift -= 7;
		for (; shift > 0; shift -= 7)
			out[len++] = (uint8_t)(0x80 | ((arcs[i] >> shift) & 0x7f));
		out[len++] = (uint8_t)(arcs[i] & 0x7f);
	}
	return len;
}

static void test_table_round_trip(void **state)
{
	char buf[128];
	uint8_t der[64];
	int id;

	(void)state;
	assert_true(CSRL_OID_COUNT > 100);
	for (id = 1; id < CSRL_OID_COUNT; id++) {
		const struct csrl_oid_info *info = csrl_oid_get((enum csrl_oid_id)id);
		struct csrl_bytes b;
		size_t len;

		assert_non_null(info);
		assert_int_equal(info->id, id);
		assert_non_null(info->name);
		assert_non_null(info->long_name);
		if (info->der_len == 0)
			fail_msg("oids.def entry %s did not encode", info->dotted);
		len = encode(info->dotted, der);
		assert_int_equal(info->der_len, len);
		assert_memory_equal(info->der, der, len);
		/* A duplicate in oids.def would make the lookup return the other entry. */
		if (csrl_oid_lookup(der, len) != info)
			fail_msg("lookup of %s (%s) gave another entry", info->dotted, info->name);
		b.p = der;
		b.len = len;
		assert_int_equal(csrl_oid_id_of(b), id);
		assert_int_equal(csrl_oid_to_dotted(der, len, buf, sizeof buf), 0);
		assert_string_equal(buf, info->dotted);
	}
}

static void test_known_values(void **state)
{
	static const uint8_t cn[] = { 0x55, 0x04, 0x03 };
	static const uint8_t sha256_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b };
	static const uint8_t p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
	const struct csrl_oid_info *info;

	(void)state;
	info = csrl_oid_lookup(cn, sizeof cn);
	assert_non_null(info);
	assert_int_equal(info->id, CSRL_OID_CN);
	assert_string_equal(info->name, "CN");
	assert_string_equal(info->long_name, "commonName");
	info = csrl_oid_lookup(sha256_rsa, sizeof sha256_rsa);
	assert_non_null(info);
	assert_string_equal(info->name, "sha256WithRSAEncryption");
	assert_int_equal(csrl_oid_id_of((struct csrl_bytes){ p256, sizeof p256 }), CSRL_OID_P256);
	assert_string_equal(csrl_oid_get(CSRL_OID_UID)->dotted, "0.9.2342.19200300.100.1.1");
}

static void test_unknown_and_bad_ids(void **state)
{
	static const uint8_t unknown[] = { 0x2a, 0x03, 0x04 };
	static const uint8_t cn_prefix[] = { 0x55, 0x04 };
	static const uint8_t cn_longer[] = { 0x55, 0x04, 0x03, 0x01 };
	static const uint8_t cn_padded[] = { 0x55, 0x04, 0x80, 0x03 };

	(void)state;
	assert_null(csrl_oid_lookup(unknown, sizeof unknown));
	assert_null(csrl_oid_lookup(cn_prefix, sizeof cn_prefix));
	assert_null(csrl_oid_lookup(cn_longer, sizeof cn_longer));
	assert_null(csrl_oid_lookup(cn_padded, sizeof cn_padded));
	assert_null(csrl_oid_lookup(NULL, 0));
	assert_null(csrl_oid_lookup(unknown, 0));
	assert_int_equal(csrl_oid_id_of((struct csrl_bytes){ unknown, 3 }), CSRL_OID_UNKNOWN);
	assert_int_equal(csrl_oid_id_of((struct csrl_bytes){ NULL, 0 }), CSRL_OID_UNKNOWN);
	assert_null(csrl_oid_get(CSRL_OID_UNKNOWN));
	assert_null(csrl_oid_get(CSRL_OID_COUNT));
	assert_null(csrl_oid_get((enum csrl_oid_id)-1));
}

static void expect_dotted(const uint8_t *p, size_t len, int rc, const char *want)
{
	char buf[512];

	memset(buf, 'Z', sizeof buf);
	assert_int_equal(csrl_oid_to_dotted(p, len, buf, sizeof buf), rc);
	assert_string_equal(buf, want);
}

static void test_first_arc(void **state)
{
	static const uint8_t zero[] = { 0x00 };
	static const uint8_t a0_39[] = { 0x27 };
	static const uint8_t a1_0[] = { 0x28 };
	static const uint8_t a1_39[] = { 0x4f };
	static const uint8_t a2_0[] = { 0x50 };
	static const uint8_t a2_999[] = { 0x88, 0x37, 0x03 };
	static const uint8_t a2_big[] = { 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
					  0x00 };

	(void)state;
	expect_dotted(zero, 1, 0, "0.0");
	expect_dotted(a0_39, 1, 0, "0.39");
	expect_dotted(a1_0, 1, 0, "1.0");
	expect_dotted(a1_39, 1, 0, "1.39");
	expect_dotted(a2_0, 1, 0, "2.0");
	expect_dotted(a2_999, sizeof a2_999, 0, "2.999.3");
	/* 2^63 as the first subidentifier: the big-number path, minus 80. */
	expect_dotted(a2_big, sizeof a2_big, 0, "2.9223372036854775728");
}

static void test_long_arcs(void **state)
{
	/* 2^64 - 1 (10 septets), 2^64, and 2^140 (21 septets): beyond 64-bit arithmetic. */
	static const uint8_t u64max[] = { 0x2a, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					  0xff, 0x7f };
	static const uint8_t two64[] = { 0x2a, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
					 0x80, 0x00, 0x05 };
	uint8_t two140[22] = { 0x2a, 0x81 };
	uint8_t huge[200];
	size_t i;

	(void)state;
	expect_dotted(u64max, sizeof u64max, 0, "1.2.18446744073709551615");
	expect_dotted(two64, sizeof two64, 0, "1.2.18446744073709551616.5");
	for (i = 2; i < 21; i++)
		two140[i] = 0x80;
	two140[21] = 0x00;
	expect_dotted(two140, sizeof two140, 0, "1.2.1393796574908163946345982392040522594123776");
	/* Non-minimal padding is decoded (the DER reader flags it, not this function). */
	two140[1] = 0x80;
	two140[2] = 0x81;
	expect_dotted(two140 + 1, 21, 0, "2.10889035741470030830827987437816582766512");
	/* Arcs longer than 147 septets are refused rather than converted. */
	huge[0] = 0x2a;
	memset(huge + 1, 0xff, sizeof huge - 2);
	huge[sizeof huge - 1] = 0x7f;
	expect_dotted(huge, sizeof huge, -1, "1.2.?");
	expect_dotted(huge, 148, -1, "1.2.?");
	huge[147] = 0x7f; /* 147 septets: printed, 310 digits */
	{
		char buf[512];

		assert_int_equal(csrl_oid_to_dotted(huge, 148, buf, sizeof buf), 0);
		assert_int_equal(strlen(buf), 4 + 310);
		assert_memory_equal(buf, "1.2.5752", 8);
	}
}

static void test_malformed(void **state)
{
	static const uint8_t unterminated[] = { 0x2a, 0x86, 0x48, 0x86 };
	static const uint8_t only_cont[] = { 0x86 };
	char buf[8];

	(void)state;
	expect_dotted(unterminated, sizeof unterminated, -1, "1.2.840.?");
	expect_dotted(only_cont, 1, -1, "?");
	expect_dotted(unterminated, 0, -1, "?");
	expect_dotted(NULL, 3, -1, "?");
	assert_int_equal(csrl_oid_to_dotted(unterminated, 4, NULL, 8), -1);
	buf[0] = 'x';
	assert_int_equal(csrl_oid_to_dotted(unterminated, 4, buf, 0), -1);
	assert_int_equal(buf[0], 'x');
}

/* Every size from 0 to the full length: never writes past buf, always NUL-terminated. */
static void test_tiny_buffers(void **state)
{
	static const uint8_t sha256_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b };
	const char *full = "1.2.840.113549.1.1.11";
	char buf[40];
	size_t size;

	(void)state;
	for (size = 1; size <= sizeof buf; size++) {
		int rc;

		memset(buf, 'Z', sizeof buf);
		rc = csrl_oid_to_dotted(sha256_rsa, sizeof sha256_rsa, buf, size);
		assert_int_equal(rc, 0);
		assert_true(strlen(buf) < size);
		if (size < sizeof buf)
			assert_int_equal(buf[size], 'Z');
		if (size > strlen(full)) {
			assert_string_equal(buf, full);
		} else if (size >= 4) {
			assert_int_equal(strlen(buf), size - 1);
			assert_string_equal(buf + size - 4, "...");
			assert_memory_equal(buf, full, size - 4);
		}
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(csrl_hash_name(CSRL_HASH_MD5), "MD5");
	assert_string_equal(csrl_hash_name(CSRL_HASH_SHA1), "SHA-1");
	assert_string_equal(csrl_hash_name(CSRL_HASH_SHA256), "SHA-256");
	assert_string_equal(csrl_hash_name(CSRL_HASH_SHA3_512), "SHA3-512");
	assert_string_equal(csrl_hash_name(CSRL_HASH_UNKNOWN), "unknown hash");
	assert_string_equal(csrl_hash_name((enum csrl_hash)999), "unknown hash");
	assert_string_equal(csrl_curve_name(CSRL_CURVE_P256), "P-256");
	assert_string_equal(csrl_curve_name(CSRL_CURVE_SECP256K1), "secp256k1");
	assert_string_equal(csrl_curve_name(CSRL_CURVE_BP256R1), "brainpoolP256r1");
	assert_string_equal(csrl_curve_name(CSRL_CURVE_EXPLICIT), "explicit parameters");
	assert_string_equal(csrl_curve_name(CSRL_CURVE_UNKNOWN), "unknown curve");
	assert_string_equal(csrl_curve_name((enum csrl_curve)-3), "unknown curve");
	assert_string_equal(csrl_key_type_name(CSRL_KEY_RSA), "RSA");
	assert_string_equal(csrl_key_type_name(CSRL_KEY_RSA_PSS), "RSA-PSS");
	assert_string_equal(csrl_key_type_name(CSRL_KEY_ED25519), "Ed25519");
	assert_string_equal(csrl_key_type_name(CSRL_KEY_X448), "X448");
	assert_string_equal(csrl_key_type_name(CSRL_KEY_UNKNOWN), "unknown");
	assert_string_equal(csrl_key_type_name((enum csrl_key_type)42), "unknown");
	/* Every value of each enumeration has a name of its own. */
	for (int h = 0; h <= CSRL_HASH_UNKNOWN; h++)
		assert_true(strlen(csrl_hash_name((enum csrl_hash)h)) > 1);
	for (int c = 0; c <= CSRL_CURVE_UNKNOWN; c++)
		assert_true(strlen(csrl_curve_name((enum csrl_curve)c)) > 1);
}

/* First use from many threads at once: the table must be built exactly once. */
static void *lookup_all(void *arg)
{
	static const uint8_t cn[] = { 0x55, 0x04, 0x03 };
	int i, *ok = arg;

	for (i = 0; i < 1000; i++) {
		const struct csrl_oid_info *info = csrl_oid_lookup(cn, sizeof cn);

		if (!info || info->id != CSRL_OID_CN)
			*ok = 0;
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t[8];
	int ok[8], i;

	(void)state;
	for (i = 0; i < 8; i++) {
		ok[i] = 1;
		assert_int_equal(pthread_create(&t[i], NULL, lookup_all, &ok[i]), 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_true(ok[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads), /* first: it races the table's construction */
		cmocka_unit_test(test_table_round_trip),
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_unknown_and_bad_ids),
		cmocka_unit_test(test_first_arc),
		cmocka_unit_test(test_long_arcs),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_tiny_buffers),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
