/* test_rules.c - the rule catalogue: metadata is complete, ids are unique and sorted, the
 * generated registry is fresh, and every rule fires on its failing cases and stays silent on
 * its passing ones.
 *
 * Cases live in tests/rules/<rule-id>/: pass-*.pem|der (no finding of that rule) and
 * <severity>-*.pem|der (at least one finding, at the rule's severity), made by the make.py
 * beside them. A file named "profile" there selects the profile (default: tls-server when the
 * rule is in it, else the first profile it is in). A file "blocklist.txt" there is loaded as
 * --blocklist; a file named "batch" makes each case file one corpus: all its requests are
 * linted together and the cross-input checks run over them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "blocklist.h"
#include "input.h"
#include "lint.h"

struct case_run {
	const struct csrl_rule *rule;
	unsigned profile;
	const struct csrl_blocklist *const *lists;
	struct csrl_batch *batch;        /* non-NULL for a batch folder */
	size_t hits, parsed;
	int wrong_severity;
	char fatal[300];
};

static void on_batch_finding(void *ctx, size_t input_no, const char *rule_id, const char *msg)
{
	struct case_run *r = ctx;

	(void)input_no;
	(void)msg;
	if (strcmp(rule_id, r->rule->id) == 0)
		r->hits++;
}

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct case_run *r = ctx;
	const char *only[] = { r->rule->id, NULL };
	struct csrl_lint_opts opts = { .profile = r->profile, .enable = only,
				       .blocklists = r->lists };
	struct csrl_findings f = { 0 };
	struct csrl_csr *csr;
	struct csrl_error e;
	size_t i;

	if (it->err || csrl_csr_parse(it->der, it->der_len, &csr, &e) != CSRL_ERR_OK) {
		snprintf(r->fatal, sizeof r->fatal, "%s", it->err ? it->error.msg : e.msg);
		return;
	}
	r->parsed++;
	if (r->batch)
		assert_int_equal(csrl_batch_add(r->batch, r->parsed, it->path, csr), CSRL_ERR_OK);
	csr->legacy_pem_label = it->legacy_label;
	csrl_lint_csr(csr, &opts, &f);
	for (i = 0; i < f.n; i++) {
		if (strcmp(f.v[i].rule_id, r->rule->id) != 0)
			continue;
		r->hits++;
		r->wrong_severity |= f.v[i].severity != r->rule->severity;
	}
	csrl_findings_clear(&f);
	csrl_csr_free(csr);
}

static unsigned case_profile(const struct csrl_rule *rule, const char *dir)
{
	char path[600], name[64] = "";
	FILE *f;
	unsigned bit;

	snprintf(path, sizeof path, "%s/profile", dir);
	if ((f = fopen(path, "r"))) {
		if (fgets(name, sizeof name, f))
			name[strcspn(name, "\n")] = '\0';
		fclose(f);
		return csrl_profile_parse(name);
	}
	if (rule->profiles & CSRL_PROFILE_TLS_SERVER)
		return CSRL_PROFILE_TLS_SERVER;
	for (bit = 1; bit <= CSRL_PROFILE_PRIVATE_PKI; bit <<= 1)
		if (rule->profiles & bit)
			return bit;
	return 0;
}

/* Runs one case file; returns the number of problems it showed. */
static int run_case(const struct csrl_rule *rule, const char *dir, const char *file,
		    unsigned profile, const struct csrl_blocklist *const *lists, int batch)
{
	char path[1024], sev[16];
	struct case_run r = { rule, profile, lists, NULL, 0, 0, 0, "" };
	int expect_fire;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	snprintf(sev, sizeof sev, "%s-", csrl_severity_name(rule->severity));
	if (strncmp(file, "pass-", 5) == 0)
		expect_fire = 0;
	else if (strncmp(file, sev, strlen(sev)) == 0)
		expect_fire = 1;
	else {
		printf("%s: %s: name must start with pass- or %s\n", rule->id, file, sev);
		return 1;
	}
	if (batch)
		assert_non_null(r.batch = csrl_batch_new());
	csrl_input_file(path, on_item, &r);
	if (r.batch) {
		csrl_batch_run(r.batch, on_batch_finding, &r);
		csrl_batch_free(r.batch);
	}
	if (r.fatal[0] || !r.parsed) {
		printf("%s: %s does not parse: %s\n", rule->id, file, r.fatal);
		return 1;
	}
	if (expect_fire && (!r.hits || r.wrong_severity)) {
		printf("%s: %s: expected a finding at %s, got %zu%s\n", rule->id, file,
		       csrl_severity_name(rule->severity), r.hits,
		       r.wrong_severity ? " (wrong severity)" : "");
		return 1;
	}
	if (!expect_fire && r.hits) {
		printf("%s: %s: expected no finding, got %zu\n", rule->id, file, r.hits);
		return 1;
	}
	return 0;
}

/* The folder's blocklist.txt (loaded into lists[0]) and batch marker. */
static void load_extras(const char *dir, struct csrl_blocklist **lists, int *batch)
{
	char path[600];
	struct csrl_error e;
	FILE *f;

	snprintf(path, sizeof path, "%s/blocklist.txt", dir);
	if ((f = fopen(path, "r"))) {
		fclose(f);
		assert_int_equal(csrl_blocklist_load(path, &lists[0], &e), CSRL_ERR_OK);
	}
	snprintf(path, sizeof path, "%s/batch", dir);
	*batch = (f = fopen(path, "r")) != NULL;
	if (f)
		fclose(f);
}

static int is_case(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && (strcmp(name + n - 4, ".pem") == 0 || strcmp(name + n - 4, ".der") == 0);
}

static void test_every_rule_has_cases(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < csrl_rules_count; i++) {
		const struct csrl_rule *rule = csrl_rules[i];
		char dir[512];
		DIR *d;
		struct dirent *e;
		int pass = 0, fail = 0, batch;
		unsigned profile;
		struct csrl_blocklist *lists[2] = { NULL, NULL };

		snprintf(dir, sizeof dir, "tests/rules/%s", rule->id);
		profile = case_profile(rule, dir);
		load_extras(dir, lists, &batch);
		if (!(d = opendir(dir))) {
			printf("%s: no test cases (%s is missing)\n", rule->id, dir);
			bad++;
			continue;
		}
		while ((e = readdir(d))) {
			if (!is_case(e->d_name))
				continue;
			*(strncmp(e->d_name, "pass-", 5) == 0 ? &pass : &fail) += 1;
			bad += run_case(rule, dir, e->d_name, profile,
					(const struct csrl_blocklist *const *)lists, batch);
		}
		closedir(d);
		csrl_blocklist_free(lists[0]);
		if (!pass || !fail) {
			printf("%s: needs at least one pass- and one %s- case\n", rule->id,
			       csrl_severity_name(rule->severity));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_metadata(void **state)
{
	size_t i, j;
	int bad = 0;

	(void)state;
	assert_true(csrl_rules_count > 0);
	for (i = 0; i < csrl_rules_count; i++) {
		const struct csrl_rule *r = csrl_rules[i];

		for (j = 0; r->id[j]; j++)
			if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789.-", r->id[j]))
				bad++, printf("%s: id must be lowercase, dotted\n", r->id);
		if (!strchr(r->id, '.'))
			bad++, printf("%s: id has no family\n", r->id);
		if (!r->citation || strlen(r->citation) < 8)
			bad++, printf("%s: missing citation\n", r->id);
		if (!r->description || !r->description[0])
			bad++, printf("%s: missing description\n", r->id);
		if (!r->profiles || !r->check || r->severity > CSRL_SEV_ERROR)
			bad++, printf("%s: no profile, no check, or a fatal severity\n", r->id);
		if (i && strcmp(csrl_rules[i - 1]->id, r->id) >= 0)
			bad++, printf("%s: duplicate or out of order after %s\n", r->id,
				      csrl_rules[i - 1]->id);
		if (csrl_rule_find(r->id) != r)
			bad++, printf("%s: csrl_rule_find does not find it\n", r->id);
	}
	assert_int_equal(bad, 0);
}

static void test_registry_fresh(void **state)
{
	(void)state;
	assert_int_equal(system("cp rules/registry.c /tmp/csrl-registry.$$ && "
				"sh rules/gen-registry.sh && cmp -s rules/registry.c /tmp/csrl-registry.$$; "
				"rc=$?; cp /tmp/csrl-registry.$$ rules/registry.c; rm -f /tmp/csrl-registry.$$; "
				"exit $rc"), 0);
}

static void test_selection(void **state)
{
	const struct csrl_rule *r = csrl_rule_find("der.length-not-minimal");
	const char *san[] = { "der", NULL }, *exact[] = { "der.length-not-minimal", NULL };
	const char *partial[] = { "der.length", NULL };
	struct csrl_lint_opts o = { .profile = CSRL_PROFILE_TLS_SERVER };

	(void)state;
	assert_non_null(r);
	assert_true(csrl_rule_selected(r, &o));
	o.disable = san;
	assert_false(csrl_rule_selected(r, &o));
	o.disable = partial;                 /* a prefix matches whole components only */
	assert_true(csrl_rule_selected(r, &o));
	o.disable = exact;
	assert_false(csrl_rule_selected(r, &o));
	assert_int_equal(csrl_profile_parse("letsencrypt"), CSRL_PROFILE_LETSENCRYPT);
	assert_int_equal(csrl_profile_parse("nope"), 0);
	assert_int_equal(csrl_severity_parse("warning"), CSRL_SEV_WARNING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_registry_fresh),
		cmocka_unit_test(test_every_rule_has_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
