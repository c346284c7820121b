/* gen_diff.c - what `csrlint fix` changed: the subject, SANs, extensions, attributes and
 * signature algorithm of the request before and after, as text and as JSON. Comparing the
 * parsed results (rather than trusting the fixers' log) shows exactly what a CA will see. */
#include <stdlib.h>
#include <string.h>

#include "gen_io.h"
#include "inspect_util.h"

const char *const csrl_gen_summary_names[CSRL_SUM_COUNT] = {
	"subject", "subjectAltName", "extensions", "attributes", "signatureAlgorithm"
};

/* A growing string. */
struct sb {
	char *p;
	size_t len, cap;
};

static void add(struct sb *s, const char *t)
{
	size_t n = strlen(t);

	if (s->len + n + 1 > s->cap) {
		size_t cap = (s->len + n + 1) * 2;
		char *p = realloc(s->p, cap);

		if (!p)
			return;
		s->p = p;
		s->cap = cap;
	}
	memcpy(s->p + s->len, t, n + 1);
	s->len += n;
}

static char *done(struct sb *s)
{
	if (!s->p)
		add(s, "");
	return s->p ? s->p : strdup("");
}

static void sum_san(const struct csrl_csr *csr, struct sb *s)
{
	char buf[1024];
	size_t i, j;

	for (i = 0; i < csr->nexts; i++)
		for (j = 0; csr->exts[i].kind == CSRL_EXT_SAN && j < csr->exts[i].nnames; j++) {
			if (s->len)
				add(s, ", ");
			add(s, csrl_gname_label(csr->exts[i].names[j].type));
			add(s, ":");
			add(s, csrl_gname_value(buf, sizeof buf, &csr->exts[i].names[j]));
		}
}

static void sum_exts(const struct csrl_csr *csr, struct sb *s)
{
	char buf[160];
	size_t i;

	for (i = 0; i < csr->nexts; i++) {
		if (s->len)
			add(s, ", ");
		add(s, csrl_oid_text(csr->exts[i].oid, buf, sizeof buf));
		if (csr->exts[i].critical)
			add(s, " (critical)");
	}
}

static void sum_attrs(const struct csrl_csr *csr, struct sb *s)
{
	char buf[160];
	size_t i;

	for (i = 0; i < csr->nattrs; i++) {
		if (s->len)
			add(s, ", ");
		add(s, csrl_oid_text(csr->attrs[i].oid, buf, sizeof buf));
	}
}

int csrl_gen_summarize(const struct csrl_csr *csr, int signed_, struct csrl_gen_summary *out)
{
	struct sb s[CSRL_SUM_COUNT];
	char buf[4096];
	int i;

	memset(s, 0, sizeof s);
	csrl_name_to_string(&csr->subject, buf, sizeof buf);
	add(&s[CSRL_SUM_SUBJECT], buf);
	sum_san(csr, &s[CSRL_SUM_SAN]);
	sum_exts(csr, &s[CSRL_SUM_EXTS]);
	sum_attrs(csr, &s[CSRL_SUM_ATTRS]);
	add(&s[CSRL_SUM_SIGALG], !signed_ ? "(unsigned)" :
	    csrl_oid_text(csr->sigalg.oid, buf, sizeof buf));
	for (i = 0; i < CSRL_SUM_COUNT; i++)
		out->part[i] = done(&s[i]);
	for (i = 0; i < CSRL_SUM_COUNT; i++)
		if (!out->part[i]) {
			csrl_gen_summary_clear(out);
			return CSRL_ERR_NOMEM;
		}
	return CSRL_ERR_OK;
}

void csrl_gen_summary_clear(struct csrl_gen_summary *s)
{
	int i;

	for (i = 0; i < CSRL_SUM_COUNT; i++) {
		free(s->part[i]);
		s->part[i] = NULL;
	}
}

int csrl_gen_diff_text(FILE *out, const struct csrl_gen_summary *a,
		       const struct csrl_gen_summary *b)
{
	int i, n = 0;

	for (i = 0; i < CSRL_SUM_COUNT; i++) {
		if (strcmp(a->part[i], b->part[i]) == 0)
			continue;
		fprintf(out, "  %s:\n    - %s\n    + %s\n", csrl_gen_summary_names[i],
			*a->part[i] ? a->part[i] : "(none)", *b->part[i] ? b->part[i] : "(none)");
		n++;
	}
	return n;
}

json_t *csrl_gen_diff_json(const struct csrl_gen_summary *a, const struct csrl_gen_summary *b)
{
	json_t *o = json_object();
	int i;

	for (i = 0; o && i < CSRL_SUM_COUNT; i++)
		if (strcmp(a->part[i], b->part[i]) != 0)
			json_object_set_new(o, csrl_gen_summary_names[i],
					    json_pack("{s:s,s:s}", "before", a->part[i], "after",
						      b->part[i]));
	return o;
}
