/* test_der.c - the tolerant DER reader: one hand-built input per anomaly kind (flag, exact
 * offset, and that reading went on), the errors, the bounds, and random input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"

/* Inputs must outlive their tree; each test parses from this buffer. */
static uint8_t buf[8192];
static size_t buf_len;

/* Fills buf from hex text ("30 03 02 01 05"); spaces are ignored. */
static void hex(const char *s)
{
	unsigned v;

	buf_len = 0;
	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		assert_int_equal(sscanf(s, "%2x", &v), 1);
		assert_true(buf_len < sizeof buf);
		buf[buf_len++] = (uint8_t)v;
		s += 2;
	}
}

/* Parses hex text that must be readable; the tree owns its arena. */
static struct csrl_der *parse_ok(const char *s)
{
	struct csrl_der *der = NULL;
	struct csrl_error err;
	int rc;

	hex(s);
	rc = csrl_der_parse(buf, buf_len, NULL, &der, &err);
	if (rc != CSRL_ERR_OK)
		fail_msg("parse of %s failed: %s", s, err.msg);
	assert_non_null(der);
	assert_non_null(der->root);
	return der;
}

/* Error code of parsing hex text, with the detail in *err. */
static int parse_err(const char *s, struct csrl_error *err)
{
	struct csrl_der *der = (struct csrl_der *)1;
	int rc;

	hex(s);
	rc = csrl_der_parse(buf, buf_len, NULL, &der, err);
	assert_int_not_equal(rc, CSRL_ERR_OK);
	assert_null(der);
	return rc;
}

/* The anomalies of one kind recorded in der. */
static size_t count(const struct csrl_der *der, int kind)
{
	size_t i, n = 0;

	for (i = 0; i < der->nanomalies; i++)
		n += der->anomalies[i].kind == kind;
	return n;
}

/* Asserts that der holds exactly one anomaly of kind, at offset, flagged on node. */
static void expect(const struct csrl_der *der, int kind, size_t offset,
		   const struct csrl_node *node)
{
	size_t i;

	assert_int_equal(count(der, kind), 1);
	for (i = 0; i < der->nanomalies; i++) {
		if (der->anomalies[i].kind != kind)
			continue;
		assert_int_equal(der->anomalies[i].offset, offset);
		assert_ptr_equal(der->anomalies[i].node, node);
	}
	if (node)
		assert_true(csrl_node_has(node, kind));
}

static const struct csrl_node *child(const struct csrl_der *der, unsigned i)
{
	const struct csrl_node *n = csrl_node_child(der->root, i);

	assert_non_null(n);
	return n;
}

/* The sibling after an anomaly was still read: a NULL at offset off. */
static void expect_null_at(const struct csrl_node *n, size_t off)
{
	assert_non_null(n);
	assert_true(csrl_node_is(n, CSRL_TAG_NULL));
	assert_int_equal(n->offset, off);
	assert_int_equal(n->flags, 0);
}

static void test_valid_nested(void **state)
{
	/* SEQUENCE { INTEGER 5, SEQUENCE { OID 1.2.3.4, NULL }, [0] { INTEGER 1 } } */
	struct csrl_der *der = parse_ok("30 11 02 01 05 30 07 06 03 2a 03 04 05 00 a0 03 02 01 01");
	const struct csrl_node *r = der->root, *i = child(der, 0), *s = child(der, 1), *o, *c;

	(void)state;
	assert_int_equal(der->nanomalies, 0);
	assert_int_equal(der->nnodes, 7);
	assert_int_equal(der->trailing_offset, 19);
	assert_int_equal(r->offset, 0);
	assert_int_equal(r->hdr_len, 2);
	assert_int_equal(r->len, 17);
	assert_int_equal(r->declared_len, 17);
	assert_true(csrl_node_is(r, CSRL_TAG_SEQUENCE) && r->constructed && r->depth == 0);
	assert_int_equal(r->nchildren, 3);
	assert_null(r->parent);
	assert_null(r->next);
	assert_null(csrl_node_child(r, 3));
	assert_true(csrl_node_is(i, CSRL_TAG_INTEGER) && !i->constructed && !i->nchildren);
	assert_int_equal(i->offset, 2);
	assert_int_equal(i->len, 1);
	assert_ptr_equal(i->content, buf + 4);
	assert_ptr_equal(i->parent, r);
	assert_int_equal(s->offset, 5);
	assert_int_equal(s->nchildren, 2);
	assert_int_equal(s->depth, 1);
	o = csrl_node_child(s, 0);
	assert_true(csrl_node_is(o, CSRL_TAG_OID));
	assert_int_equal(o->offset, 7);
	assert_int_equal(o->len, 3);
	assert_int_equal(o->depth, 2);
	assert_ptr_equal(o->parent, s);
	expect_null_at(csrl_node_child(s, 1), 12);
	c = child(der, 2);
	assert_int_equal(c->cls, CSRL_CLASS_CONTEXT);
	assert_int_equal(c->tag, 0);
	assert_int_equal(c->constructed, 1);
	assert_false(csrl_node_is(c, 0));
	assert_int_equal(c->nchildren, 1);
	assert_true(csrl_node_is(csrl_node_child(c, 0), CSRL_TAG_INTEGER));
	assert_int_equal(csrl_node_child(c, 0)->offset, 16);
	csrl_der_free(der);
}

/* One case per departure from DER: the input, the kind, the exact offset, the node it is
 * flagged on (child path from the root: "" the root, "1.0" the first child of the second,
 * NULL for none), how many anomalies the input holds in all, and the offset of a NULL that
 * was still read after it as the root's last child (0: nothing can follow). */
static const struct anom_case {
	const char *hex;
	int kind;
	size_t offset;
	const char *node;
	size_t total, next;
} cases[] = {
	{ "30 07 04 81 02 aa bb 05 00", CSRL_ANOM_LENGTH_NOT_MINIMAL, 3, "0", 1, 7 },
	{ "30 08 04 82 00 02 aa bb 05 00", CSRL_ANOM_LENGTH_NOT_MINIMAL, 3, "0", 1, 8 },
	{ "30 0b 30 80 02 01 01 00 00 05 00 05 00", CSRL_ANOM_LENGTH_INDEFINITE, 3, "0", 1, 11 },
	{ "30 80 04 01 aa 05 00 00 00", CSRL_ANOM_LENGTH_INDEFINITE, 1, "", 1, 5 },
	/* primitive + indefinite takes the rest of its parent; the parent's sibling is read */
	{ "30 0a 30 06 04 80 aa bb 00 00 05 00", CSRL_ANOM_LENGTH_INDEFINITE, 5, "0.0", 1, 10 },
	{ "30 06 1f 02 01 05 05 00", CSRL_ANOM_TAG_NOT_MINIMAL, 3, "0", 1, 6 },
	{ "30 07 9f 80 21 01 aa 05 00", CSRL_ANOM_TAG_NOT_MINIMAL, 3, "0", 1, 7 },
	{ "30 84 80 00 00 00 05 00", CSRL_ANOM_LENGTH_OVERRUN, 1, "", 1, 6 },
	{ "30 08 30 04 04 05 aa bb 05 00", CSRL_ANOM_LENGTH_OVERRUN, 5, "0.0", 1, 8 },
	/* a child header cut by the parent's end, or a tag beyond 32 bits: on the parent */
	{ "30 08 30 04 02 01 05 04 05 00", CSRL_ANOM_LENGTH_OVERRUN, 7, "0", 1, 8 },
	{ "30 08 30 04 02 01 05 84 05 00", CSRL_ANOM_LENGTH_OVERRUN, 7, "0", 1, 8 },
	{ "30 0b 30 07 9f 90 80 80 80 00 00 05 00", CSRL_ANOM_LENGTH_OVERRUN, 4, "0", 1, 11 },
	{ "30 05 30 80 02 01 01", CSRL_ANOM_LENGTH_OVERRUN, 3, "0", 2, 0 },
	{ "30 02 05 00 ff ee", CSRL_ANOM_TRAILING_DATA, 4, NULL, 1, 2 },
	{ "30 06 02 02 00 05 05 00", CSRL_ANOM_INTEGER_NOT_MINIMAL, 4, "0", 1, 6 },
	{ "30 06 02 02 ff 80 05 00", CSRL_ANOM_INTEGER_NOT_MINIMAL, 4, "0", 1, 6 },
	{ "30 06 0a 02 00 01 05 00", CSRL_ANOM_INTEGER_NOT_MINIMAL, 4, "0", 1, 6 },
	{ "30 04 02 00 05 00", CSRL_ANOM_INTEGER_EMPTY, 2, "0", 1, 4 },
	{ "30 04 0a 00 05 00", CSRL_ANOM_INTEGER_EMPTY, 2, "0", 1, 4 },
	{ "30 05 01 01 01 05 00", CSRL_ANOM_BOOLEAN_INVALID, 4, "0", 1, 5 },
	{ "30 06 01 02 ff ff 05 00", CSRL_ANOM_BOOLEAN_INVALID, 4, "0", 1, 6 },
	{ "30 04 01 00 05 00", CSRL_ANOM_BOOLEAN_INVALID, 2, "0", 1, 4 },
	{ "30 04 03 00 05 00", CSRL_ANOM_BITSTRING_UNUSED_INVALID, 2, "0", 1, 4 },
	{ "30 06 03 02 08 ff 05 00", CSRL_ANOM_BITSTRING_UNUSED_INVALID, 4, "0", 1, 6 },
	{ "30 05 03 01 03 05 00", CSRL_ANOM_BITSTRING_UNUSED_INVALID, 4, "0", 1, 5 },
	{ "30 06 03 02 04 f1 05 00", CSRL_ANOM_BITSTRING_PADDING_NONZERO, 5, "0", 1, 6 },
	{ "30 0a 31 06 02 01 02 02 01 01 05 00", CSRL_ANOM_SET_NOT_SORTED, 7, "0", 1, 10 },
	/* adjacent pairs only: the third child is the first out of order */
	{ "30 0d 31 09 02 01 01 02 01 03 02 01 02 05 00", CSRL_ANOM_SET_NOT_SORTED, 10, "0", 1, 13 },
	{ "30 0a 24 06 04 01 aa 04 01 bb 05 00", CSRL_ANOM_STRING_CONSTRUCTED, 2, "0", 1, 10 },
	{ "30 07 33 03 13 01 41 05 00", CSRL_ANOM_STRING_CONSTRUCTED, 2, "0", 1, 7 },
	{ "30 07 06 03 2a 80 01 05 00", CSRL_ANOM_OID_NOT_MINIMAL, 5, "0", 1, 7 },
	{ "30 06 06 02 80 01 05 00", CSRL_ANOM_OID_NOT_MINIMAL, 4, "0", 1, 6 },
	{ "30 04 06 00 05 00", CSRL_ANOM_OID_INVALID, 2, "0", 1, 4 },
	{ "30 06 06 02 2a 86 05 00", CSRL_ANOM_OID_INVALID, 5, "0", 1, 6 },
	{ "30 07 13 03 41 2a 42 05 00", CSRL_ANOM_PRINTABLE_CHARSET, 5, "0", 1, 7 },
	{ "30 06 16 02 61 80 05 00", CSRL_ANOM_IA5_CHARSET, 5, "0", 1, 6 },
	{ "30 06 0c 02 c0 80 05 00", CSRL_ANOM_UTF8_INVALID, 4, "0", 1, 6 },       /* overlong */
	{ "30 08 0c 04 41 e0 80 80 05 00", CSRL_ANOM_UTF8_INVALID, 5, "0", 1, 8 }, /* overlong */
	{ "30 07 0c 03 ed a0 80 05 00", CSRL_ANOM_UTF8_INVALID, 4, "0", 1, 7 },    /* U+D800 */
	{ "30 08 0c 04 f4 90 80 80 05 00", CSRL_ANOM_UTF8_INVALID, 4, "0", 1, 8 }, /* U+110000 */
	{ "30 07 0c 03 41 e2 82 05 00", CSRL_ANOM_UTF8_INVALID, 5, "0", 1, 7 },    /* cut short */
	{ "30 05 0c 01 80 05 00", CSRL_ANOM_UTF8_INVALID, 4, "0", 1, 5 },          /* stray */
	{ "30 06 0c 02 41 ff 05 00", CSRL_ANOM_UTF8_INVALID, 5, "0", 1, 6 },
	{ "30 07 1e 03 00 41 00 05 00", CSRL_ANOM_BMP_LENGTH, 6, "0", 1, 7 },
	{ "30 05 05 01 00 05 00", CSRL_ANOM_NULL_NOT_EMPTY, 4, "0", 1, 5 },
	{ "30 04 00 00 05 00", CSRL_ANOM_EOC_UNEXPECTED, 2, "0", 1, 4 },
	/* inside a definite element inside an indefinite one */
	{ "30 80 30 02 00 00 05 00 00 00", CSRL_ANOM_EOC_UNEXPECTED, 4, "0.0", 2, 6 },
	{ "30 04 10 00 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 4 },
	{ "30 05 11 01 aa 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 5 },
	{ "30 07 22 03 02 01 05 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 7 },
	{ "30 04 25 00 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 4 },
	{ "30 07 26 03 06 01 2a 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 7 },
	{ "30 07 21 03 01 01 ff 05 00", CSRL_ANOM_PRIMITIVE_CONSTRUCTED, 2, "0", 1, 7 },
};

/* The node at a child path ("1.0") below the root. */
static const struct csrl_node *at_path(const struct csrl_der *der, const char *path)
{
	const struct csrl_node *n = der->root;

	while (*path) {
		n = csrl_node_child(n, (unsigned)strtoul(path, (char **)&path, 10));
		assert_non_null(n);
		if (*path == '.')
			path++;
	}
	return n;
}

static void test_each_anomaly(void **state)
{
	unsigned seen = 0;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct anom_case *c = &cases[i];
		struct csrl_der *der = parse_ok(c->hex);
		const struct csrl_node *last;

		expect(der, c->kind, c->offset, c->node ? at_path(der, c->node) : NULL);
		assert_int_equal(der->nanomalies, c->total);
		if (c->next) {
			last = csrl_node_child(der->root, der->root->nchildren - 1);
			expect_null_at(last, c->next);
		}
		seen |= 1u << c->kind;
		csrl_der_free(der);
	}
	for (k = 0; k < CSRL_ANOM_COUNT; k++)
		if (!(seen & (1u << k)))
			fail_msg("no case for anomaly %s", csrl_anomaly_id(k));
}

/* Near misses that are valid DER: none may be flagged. */
static void test_no_false_positives(void **state)
{
	static const char *const ok[] = {
		"02 02 00 80", "02 02 ff 7f", "02 01 00", "0a 01 ff", "01 01 ff", "01 01 00",
		"03 01 00", "03 02 04 f0", "03 03 00 ff 01", "06 03 81 80 01", "06 01 00",
		"13 12 41 5a 61 7a 30 39 20 27 28 29 2b 2c 2d 2e 2f 3a 3d 3f", "16 02 7f 00",
		"0c 0d c3 a9 e2 82 ac f4 8f bf bf f0 9f 98 80", "1e 02 00 41", "1e 00", "05 00",
		"04 00", "31 00", "31 07 02 01 01 02 02 01 00", "31 06 02 01 01 02 01 01",
		"30 06 02 01 02 02 01 01", "a1 06 02 01 02 02 01 01", "9e 00", "9f 1f 00",
		"30 02 31 00", "c0 01 ff",
	};
	struct csrl_der *der;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		der = parse_ok(ok[i]);

		if (der->nanomalies)
			fail_msg("%s: unexpected %s", ok[i], csrl_anomaly_id(der->anomalies[0].kind));
		assert_int_equal(der->root->flags, 0);
		assert_int_equal(der->trailing_offset, buf_len);
		csrl_der_free(der);
	}
	/* minimal long form: 0x81 0x80 */
	memset(buf, 0, sizeof buf);
	buf[0] = 0x30, buf[1] = 0x81, buf[2] = 0x83, buf[3] = 0x04, buf[4] = 0x81, buf[5] = 0x80;
	assert_int_equal(csrl_der_parse(buf, 0x86, NULL, &der, NULL), CSRL_ERR_OK);
	assert_int_equal(der->nanomalies, 0);
	assert_int_equal(child(der, 0)->len, 0x80);
	csrl_der_free(der);
}

static void test_indefinite_lengths(void **state)
{
	struct csrl_der *der = parse_ok("30 0b 30 80 02 01 01 00 00 05 00 05 00");
	const struct csrl_node *in = child(der, 0);

	(void)state;
	assert_int_equal(in->len, 3);           /* without the end-of-contents */
	assert_int_equal(in->declared_len, 3);
	assert_int_equal(in->nchildren, 1);
	assert_int_equal(der->root->nchildren, 3);
	csrl_der_free(der);
	der = parse_ok("30 80 04 01 aa 05 00 00 00");
	assert_int_equal(der->root->len, 5);
	assert_int_equal(der->root->nchildren, 2);
	assert_int_equal(der->trailing_offset, 9);
	csrl_der_free(der);
	der = parse_ok("30 08 30 06 04 80 aa bb 00 00");
	in = csrl_node_child(child(der, 0), 0);
	assert_int_equal(in->len, 4);
	assert_int_equal(in->declared_len, SIZE_MAX);
	assert_int_equal(child(der, 0)->nchildren, 1);
	csrl_der_free(der);
	/* no end-of-contents: overrun at the 0x80 octet, len runs to the end */
	der = parse_ok("30 80 02 01 01");
	expect(der, CSRL_ANOM_LENGTH_OVERRUN, 1, der->root);
	assert_true(csrl_node_has(der->root, CSRL_ANOM_LENGTH_INDEFINITE));
	assert_int_equal(der->root->len, 3);
	assert_int_equal(der->root->declared_len, SIZE_MAX);
	assert_int_equal(der->root->nchildren, 1);
	csrl_der_free(der);
}

static void test_overrun_lengths(void **state)
{
	/* the 2 GiB claim of the outermost element is clamped, its child still read */
	struct csrl_der *der = parse_ok("30 84 80 00 00 00 02 01 05");
	const struct csrl_node *in;

	(void)state;
	assert_int_equal(der->root->declared_len, 0x80000000u);
	assert_int_equal(der->root->len, 3);
	assert_int_equal(der->root->hdr_len, 6);
	assert_true(csrl_node_is(child(der, 0), CSRL_TAG_INTEGER));
	assert_int_equal(der->trailing_offset, 9);
	csrl_der_free(der);
	der = parse_ok("30 08 30 04 04 05 aa bb 05 00");
	in = csrl_node_child(child(der, 0), 0);
	assert_int_equal(in->len, 2);
	assert_int_equal(in->declared_len, 5);
	assert_false(csrl_node_has(der->root, CSRL_ANOM_LENGTH_OVERRUN));
	assert_false(csrl_node_has(child(der, 0), CSRL_ANOM_LENGTH_OVERRUN));
	csrl_der_free(der);
	der = parse_ok("30 08 30 04 02 01 05 04 05 00");
	assert_int_equal(child(der, 0)->nchildren, 1);
	csrl_der_free(der);
	/* an eight-octet length beyond size_t never wraps */
	der = parse_ok("04 88 ff ff ff ff ff ff ff ff 00");
	assert_int_equal(der->root->len, 1);
	assert_true(der->root->declared_len > 0xffffffffu);
	csrl_der_free(der);
}

static void test_tags(void **state)
{
	/* big tags decode without overflow and are minimal */
	struct csrl_der *der = parse_ok("30 0e 9f 81 80 80 80 00 00 9f 8f ff ff ff 7f 00");
	struct csrl_error err;

	(void)state;
	assert_int_equal(der->nanomalies, 0);
	assert_int_equal(child(der, 0)->tag, 1u << 28);
	assert_int_equal(child(der, 0)->cls, CSRL_CLASS_CONTEXT);
	assert_int_equal(child(der, 1)->tag, UINT32_MAX);
	assert_int_equal(child(der, 1)->hdr_len, 7);
	csrl_der_free(der);
	der = parse_ok("1f 02 01 05");
	assert_true(csrl_node_is(der->root, CSRL_TAG_INTEGER));
	assert_int_equal(der->root->hdr_len, 3);
	csrl_der_free(der);
	assert_int_equal(parse_err("9f 90 80 80 80 00 00", &err), CSRL_ERR_NOT_DER);
	assert_int_equal(err.offset, 1);
}

static void test_anomalies_sorted(void **state)
{
	/* the SET order is judged after its child's own anomaly was found */
	struct csrl_der *der = parse_ok("31 07 04 01 ff 02 02 00 05");

	(void)state;
	assert_int_equal(der->nanomalies, 2);
	assert_int_equal(der->anomalies[0].kind, CSRL_ANOM_SET_NOT_SORTED);
	assert_int_equal(der->anomalies[0].offset, 5);
	assert_int_equal(der->anomalies[1].kind, CSRL_ANOM_INTEGER_NOT_MINIMAL);
	assert_int_equal(der->anomalies[1].offset, 7);
	csrl_der_free(der);
	/* one anomaly per node and kind, children of a constructed string are read */
	der = parse_ok("24 08 04 01 aa 04 01 bb 02 00");
	assert_int_equal(der->root->nchildren, 3);
	assert_int_equal(csrl_node_child(der->root, 1)->content[0], 0xbb);
	assert_int_equal(count(der, CSRL_ANOM_STRING_CONSTRUCTED), 1);
	assert_int_equal(count(der, CSRL_ANOM_INTEGER_EMPTY), 1);
	csrl_der_free(der);
}

static void test_errors(void **state)
{
	struct csrl_der *der = (struct csrl_der *)1;
	struct csrl_error err;

	(void)state;
	assert_int_equal(csrl_der_parse(buf, 0, NULL, &der, &err), CSRL_ERR_EMPTY);
	assert_null(der);
	assert_int_equal(err.code, CSRL_ERR_EMPTY);
	assert_int_equal(parse_err("30", &err), CSRL_ERR_TRUNCATED);
	assert_int_equal(parse_err("30 82 01", &err), CSRL_ERR_TRUNCATED);
	assert_int_equal(err.offset, 0);
	assert_non_null(strstr(err.msg, "3 bytes"));
	assert_int_equal(parse_err("9f 81", &err), CSRL_ERR_TRUNCATED);
	assert_int_equal(parse_err("30 ff 00", &err), CSRL_ERR_NOT_DER);
	assert_int_equal(err.offset, 1);
	/* a NULL err is allowed */
	assert_int_equal(csrl_der_parse(buf, 1, NULL, &der, NULL), CSRL_ERR_TRUNCATED);
}

static void test_too_large(void **state)
{
	uint8_t *big = calloc(1, CSRL_MAX_DER_SIZE + 1);
	struct csrl_der *der = NULL;
	struct csrl_error err;

	(void)state;
	assert_non_null(big);
	big[0] = 0x04;
	assert_int_equal(csrl_der_parse(big, CSRL_MAX_DER_SIZE + 1, NULL, &der, &err),
			 CSRL_ERR_TOO_LARGE);
	assert_null(der);
	/* exactly the limit is read: an OCTET STRING of the remaining bytes */
	big[1] = 0x83, big[2] = 0x0f, big[3] = 0xff, big[4] = 0xfb;
	assert_int_equal(csrl_der_parse(big, CSRL_MAX_DER_SIZE, NULL, &der, &err), CSRL_ERR_OK);
	assert_int_equal(der->root->len, CSRL_MAX_DER_SIZE - 5);
	assert_int_equal(der->nanomalies, 0);
	csrl_der_free(der);
	free(big);
}

/* SEQUENCE holding n NULLs: n + 1 nodes. */
static uint8_t *nulls(size_t n, size_t *len)
{
	uint8_t *p = malloc(2 * n + 6);
	size_t c = 2 * n;

	assert_non_null(p);
	p[0] = 0x30, p[1] = 0x84;
	p[2] = (uint8_t)(c >> 24), p[3] = (uint8_t)(c >> 16), p[4] = (uint8_t)(c >> 8);
	p[5] = (uint8_t)c;
	memset(p + 6, 0, c);
	for (c = 0; c < n; c++)
		p[6 + 2 * c] = 0x05;
	*len = 2 * n + 6;
	return p;
}

static void test_too_many(void **state)
{
	struct csrl_der *der = NULL;
	struct csrl_error err;
	size_t len;
	uint8_t *p = nulls(CSRL_DER_MAX_NODES - 1, &len);

	(void)state;
	assert_int_equal(csrl_der_parse(p, len, NULL, &der, &err), CSRL_ERR_OK);
	assert_int_equal(der->nnodes, CSRL_DER_MAX_NODES);
	assert_int_equal(der->root->nchildren, CSRL_DER_MAX_NODES - 1);
	csrl_der_free(der);
	free(p);
	p = nulls(CSRL_DER_MAX_NODES, &len);
	assert_int_equal(csrl_der_parse(p, len, NULL, &der, &err), CSRL_ERR_TOO_MANY);
	assert_null(der);
	assert_int_equal(err.offset, len - 2);
	free(p);
}

static void test_too_deep(void **state)
{
	size_t n = 50000, i, len = 4 * n;
	uint8_t *p = calloc(1, len);
	struct csrl_der *der = NULL;
	struct csrl_error err;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < n; i++)
		p[2 * i] = 0x30, p[2 * i + 1] = 0x80;
	assert_int_equal(csrl_der_parse(p, len, NULL, &der, &err), CSRL_ERR_TOO_DEEP);
	assert_null(der);
	assert_int_equal(err.offset, 2 * (CSRL_DER_MAX_DEPTH + 1));
	/* exactly CSRL_DER_MAX_DEPTH levels below the outermost element are read */
	n = CSRL_DER_MAX_DEPTH + 1;
	memset(p, 0, len);
	for (i = 0; i < n; i++)
		p[2 * i] = 0x30, p[2 * i + 1] = 0x80;
	assert_int_equal(csrl_der_parse(p, 4 * n, NULL, &der, &err), CSRL_ERR_OK);
	assert_int_equal(der->nnodes, n);
	assert_int_equal(der->nanomalies, n);
	assert_int_equal(der->trailing_offset, 4 * n);
	csrl_der_free(der);
	free(p);
}

static void test_sub_buffer(void **state)
{
	/* SEQUENCE { OCTET STRING { SEQUENCE { INTEGER 00 05 } } }: the nested value is read
	 * separately, in the caller's arena, with offsets relative to the sub-buffer. */
	struct csrl_arena *arena = csrl_arena_new(0);
	struct csrl_der *outer = NULL, *inner = NULL;
	const struct csrl_node *os;

	(void)state;
	hex("30 08 04 06 30 04 02 02 00 05");
	assert_non_null(arena);
	assert_int_equal(csrl_der_parse(buf, buf_len, arena, &outer, NULL), CSRL_ERR_OK);
	assert_int_equal(outer->owns_arena, 0);
	os = csrl_node_child(outer->root, 0);
	assert_int_equal(os->nchildren, 0);              /* primitive: never parsed as DER */
	assert_int_equal(outer->nanomalies, 0);
	assert_int_equal(csrl_der_parse(os->content, os->len, arena, &inner, NULL), CSRL_ERR_OK);
	assert_ptr_equal(inner->arena, arena);
	assert_int_equal(inner->root->offset, 0);
	assert_ptr_equal(inner->root->content, buf + 6);
	expect(inner, CSRL_ANOM_INTEGER_NOT_MINIMAL, 4, csrl_node_child(inner->root, 0));
	assert_int_equal(inner->trailing_offset, 6);
	csrl_der_free(inner);                            /* no-op: the arena is shared */
	csrl_der_free(outer);
	assert_true(csrl_arena_used(arena) > 0);
	csrl_arena_free(arena);
	csrl_der_free(NULL);
}

static void test_names(void **state)
{
	int k;

	(void)state;
	assert_string_equal(csrl_anomaly_id(CSRL_ANOM_LENGTH_NOT_MINIMAL), "length-not-minimal");
	assert_string_equal(csrl_anomaly_id(CSRL_ANOM_PRIMITIVE_CONSTRUCTED),
			    "constructed-form-invalid");
	assert_non_null(strstr(csrl_anomaly_desc(CSRL_ANOM_SET_NOT_SORTED), "11.6"));
	assert_string_equal(csrl_anomaly_id(-1), "unknown");
	assert_non_null(csrl_anomaly_desc(CSRL_ANOM_COUNT));
	for (k = 0; k < CSRL_ANOM_COUNT; k++)
		assert_true(strlen(csrl_anomaly_id(k)) > 0);
	assert_false(csrl_node_has(NULL, 0));
	assert_false(csrl_node_is(NULL, 0));
	assert_null(csrl_node_child(NULL, 0));
}

/* Checks the tree's invariants: everything inside the buffer, links and counts agree. */
static void check_tree(const struct csrl_der *der, const uint8_t *p, size_t len)
{
	const struct csrl_node *n = der->root, *c;
	size_t seen = 0, i;
	uint32_t k;

	while (n) {
		seen++;
		assert_true(n->offset + n->hdr_len + n->len <= len);
		assert_ptr_equal(n->content, p + n->offset + n->hdr_len);
		for (k = 0, c = n->child; c; c = c->next, k++)
			assert_ptr_equal(c->parent, n);
		assert_int_equal(k, n->nchildren);
		if (n->child) {
			n = n->child;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	assert_int_equal(seen, der->nnodes);
	assert_true(der->trailing_offset <= len);
	for (i = 0; i < der->nanomalies; i++) {
		assert_true(der->anomalies[i].offset < len);
		assert_true(i == 0 || der->anomalies[i - 1].offset <= der->anomalies[i].offset);
	}
}

static uint32_t rng = 2463534242u;

static uint32_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void test_random(void **state)
{
	/* Half the buffers draw from bytes that DER headers use, to reach deep paths. */
	static const uint8_t alphabet[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13,
		0x1f, 0x24, 0x30, 0x31, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xff, 0x7f };
	uint8_t p[300];
	struct csrl_der *der;
	struct csrl_arena *arena = csrl_arena_new(0);
	int iter, ok = 0;
	size_t len, i;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		len = xorshift() % (sizeof p + 1);
		for (i = 0; i < len; i++)
			p[i] = (iter & 1) ? (uint8_t)xorshift() :
				alphabet[xorshift() % sizeof alphabet];
		der = NULL;
		if (csrl_der_parse(p, len, (iter & 2) ? arena : NULL, &der, NULL) == CSRL_ERR_OK) {
			check_tree(der, p, len);
			csrl_der_free(der);
			ok++;
		} else {
			assert_null(der);
		}
	}
	csrl_arena_free(arena);
	assert_true(ok > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_nested),
		cmocka_unit_test(test_each_anomaly),
		cmocka_unit_test(test_no_false_positives),
		cmocka_unit_test(test_indefinite_lengths),
		cmocka_unit_test(test_overrun_lengths),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_anomalies_sorted),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_sub_buffer),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
