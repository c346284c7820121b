/* test_edit.c - the checked edits that Lua fixes reach (core/gen_edit.c), on a request made
 * with csrl_gen_set_subject and csrl_gen_add_san: each edit does what it says and logs it,
 * and every refused edit (a value past the end, bad UTF-8, a control character, non-ASCII in
 * an IA5String, an unknown name, something the request does not hold) leaves the request
 * exactly as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "gen.h"

static struct csrl_gen_req *make(void)
{
	struct csrl_gen_req *req = csrl_gen_empty();
	struct csrl_error err = { 0 };

	assert_non_null(req);
	assert_int_equal(csrl_gen_set_subject(req, "/C=DE/O=Example+OU=Ops/CN=www.example.com/"
					      "emailAddress=a@example.com", &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_add_san(req, "dns:www.example.com", &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_add_san(req, "ip:192.0.2.1", &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_add_ku(req, "digitalSignature", &err), CSRL_ERR_OK);
	return req;
}

/* A refused edit: the error names why and nothing changed. */
static void refused(struct csrl_gen_req *req, int rc, const struct csrl_error *err,
		    const char *why, size_t nvalues, size_t nexts, size_t nlog)
{
	assert_int_equal(rc, CSRL_ERR_USAGE);
	assert_non_null(strstr(err->msg, why));
	assert_int_equal(csrl_gen_subject_count(req), nvalues);
	assert_int_equal(req->nexts, nexts);
	assert_int_equal(req->nlog, nlog);
}

static void subject_edits(void **state)
{
	struct csrl_gen_req *req = make();
	struct csrl_error err = { 0 };
	const struct csrl_gen_ava *a;
	size_t rdn, n;

	(void)state;
	assert_int_equal(csrl_gen_subject_count(req), 5);
	a = csrl_gen_subject_at(req, 2, &rdn);
	assert_string_equal(a->utf8, "Ops");
	assert_int_equal(rdn, 1);                       /* O and OU share the second RDN */
	assert_null(csrl_gen_subject_at(req, 5, NULL));
	assert_string_equal(csrl_gen_oid_name(a->oid), "OU");

	refused(req, csrl_gen_set_subject_value(req, 5, "x", 1, &err), &err, "no value #6", 5,
		2, 0);
	refused(req, csrl_gen_set_subject_value(req, 0, "", 0, &err), &err, "1 to 1024 bytes", 5,
		2, 0);
	refused(req, csrl_gen_set_subject_value(req, 0, "a\tb", 3, &err), &err, "byte 2", 5,
		2, 0);
	refused(req, csrl_gen_set_subject_value(req, 0, "\xc0\xaf", 2, &err), &err, "byte 1", 5,
		2, 0);                                  /* overlong */
	refused(req, csrl_gen_set_subject_value(req, 0, "\xed\xa0\x80", 3, &err), &err,
		"byte 1", 5, 2, 0);                     /* a surrogate */
	refused(req, csrl_gen_set_subject_value(req, 4, "b\xc3\xbc@example.com", 15, &err),
		&err, "must be ASCII", 5, 2, 0);        /* emailAddress is an IA5String */

	/* a PrintableString given a value outside its set becomes a UTF8String */
	assert_int_equal(csrl_gen_set_subject_value(req, 1, "Exämple", 8, &err), CSRL_ERR_OK);
	a = csrl_gen_subject_at(req, 1, NULL);
	assert_string_equal(a->utf8, "Exämple");
	assert_int_equal(a->tag, CSRL_TAG_UTF8_STRING);
	assert_string_equal(req->log[0], "subject: O \"Example\" -> \"Exämple\"");

	/* removing OU keeps O's RDN; removing O then empties it, and it goes */
	assert_int_equal(csrl_gen_remove_subject_type(req, "organizationalUnitName", &n, &err),
			 CSRL_ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(req->nrdns, 4);
	assert_int_equal(csrl_gen_remove_subject_value(req, 1, &err), CSRL_ERR_OK);
	assert_int_equal(req->nrdns, 3);
	assert_string_equal(csrl_gen_subject_at(req, 1, NULL)->utf8, "www.example.com");
	refused(req, csrl_gen_remove_subject_type(req, "OU", &n, &err), &err, "has no OU", 3, 2,
		3);
	refused(req, csrl_gen_remove_subject_type(req, "favouriteColour", &n, &err), &err,
		"unknown attribute type", 3, 2, 3);
	assert_int_equal(csrl_gen_remove_subject_type(req, "2.5.4.6", &n, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_subject_count(req), 2);
	csrl_gen_free(req);
}

static void san_and_ext_edits(void **state)
{
	struct csrl_gen_req *req = make();
	struct csrl_error err = { 0 };
	size_t n;

	(void)state;
	refused(req, csrl_gen_add_name(req, "dns", "a b", 3, &err), &err, "not allowed", 5, 2, 0);
	refused(req, csrl_gen_add_name(req, "x400", "a", 1, &err), &err, "unknown", 5, 2, 0);
	refused(req, csrl_gen_add_name(req, "email", "nobody", 6, &err), &err, "no '@'", 5, 2, 0);
	refused(req, csrl_gen_add_name(req, "ip", "300.1.1.1", 9, &err), &err, "not an IPv4", 5,
		2, 0);
	refused(req, csrl_gen_remove_name(req, "dns", "absent.example", 14, &n, &err), &err,
		"has no dns name", 5, 2, 0);
	assert_int_equal(csrl_gen_add_name(req, "dns", "www.example.com", 15, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_remove_name(req, "dns", "www.example.com", 15, &n, &err),
			 CSRL_ERR_OK);
	assert_int_equal(n, 2);                         /* every copy */
	/* the IP compared as an address: another spelling of the same one */
	assert_int_equal(csrl_gen_remove_name(req, "ip", "192.0.2.001", 11, &n, &err),
			 CSRL_ERR_USAGE);               /* inet_pton refuses leading zeros */
	assert_int_equal(csrl_gen_add_name(req, "ip", "2001:db8::1", 11, &err), CSRL_ERR_OK);
	assert_int_equal(csrl_gen_remove_name(req, "ip", "2001:0db8:0:0::1", 16, &n, &err),
			 CSRL_ERR_OK);
	assert_int_equal(csrl_gen_remove_name(req, "ip", "192.0.2.1", 9, &n, &err), CSRL_ERR_OK);
	/* the last name gone, the SAN goes: keyUsage remains */
	assert_int_equal(req->nexts, 1);
	assert_string_equal(req->log[req->nlog - 1],
			    "subjectAltName: removed the extension, which held no other name");

	refused(req, csrl_gen_set_ext_critical(req, "basicConstraints", 1, &err), &err,
		"no basicConstraints extension", 5, 1, req->nlog);
	refused(req, csrl_gen_remove_ext(req, "1.2..3", &err), &err, "unknown extension", 5, 1,
		req->nlog);
	assert_int_equal(csrl_gen_set_ext_critical(req, "2.5.29.15", 0, &err), CSRL_ERR_OK);
	assert_int_equal(req->exts[0].critical, 0);
	assert_int_equal(csrl_gen_remove_ext(req, "keyUsage", &err), CSRL_ERR_OK);
	assert_int_equal(req->nexts, 0);
	refused(req, csrl_gen_remove_attr(req, "extensionRequest", &err), &err,
		"extensionRequest holds", 5, 0, req->nlog);
	refused(req, csrl_gen_remove_attr(req, "challengePassword", &err), &err,
		"no challengePassword attribute", 5, 0, req->nlog);
	csrl_gen_free(req);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_edits),
		cmocka_unit_test(san_and_ext_edits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
