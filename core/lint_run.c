/* lint_run.c - the jobs of a `lint` run: copied input items linted by worker threads and
 * consumed in input order (reporter, cross-input collector, progress), then the cross-input
 * checks over everything collected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint_run.h"

/* A worker thread's own options and Lua host: a host is not thread-safe, and a Lua state
 * lives for the whole run, never for one CSR. */
struct csrl_lint_worker {
	struct csrl_lint_opts opts;
	struct csrl_plugins *host;          /* NULL: the main host (one worker, no thread) */
};

/* An input that the cross-input checks may name again at the end. */
struct csrl_lint_seen {
	char *path, *id;
	unsigned index;
	long line;
	int id_is_number;
};

/* One input item in flight: the copy owns its bytes; the parsed request points into them and
 * stays alive until the item is consumed. */
struct job {
	struct csrl_input_item *item;
	struct csrl_csr *csr;
	struct csrl_findings f;
};

static void lint_job(void *worker, void *arg)
{
	const struct csrl_lint_worker *w = worker;
	struct job *j = arg;
	const struct csrl_input_item *it = j->item;
	struct csrl_error e;

	if (it->err != CSRL_ERR_OK)
		csrl_lint_fatal(&it->error, &j->f);
	else if (csrl_csr_parse(it->der, it->der_len, &j->csr, &e) != CSRL_ERR_OK) {
		csrl_csr_free(j->csr);
		j->csr = NULL;
		csrl_lint_fatal(&e, &j->f);
	} else {
		j->csr->legacy_pem_label = it->legacy_label;
		csrl_lint_csr(j->csr, &w->opts, &j->f);
	}
}

/* Records a parsed request for the cross-input checks. */
static void remember(struct csrl_lint_run *r, const struct csrl_input_item *it,
		     const struct csrl_csr *csr)
{
	struct csrl_lint_seen *s;
	char name[4300];

	if (!r->batch || r->batch_oom)
		return;
	if (r->nseen == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;

		if (!(s = realloc(r->seen, cap * sizeof *s))) {
			r->batch_oom = 1;
			return;
		}
		r->seen = s;
		r->cap = cap;
	}
	csrl_input_label(it, name, sizeof name);
	s = &r->seen[r->nseen];
	memset(s, 0, sizeof *s);
	s->path = strdup(it->path);
	s->id = it->id ? strdup(it->id) : NULL;
	s->index = it->index;
	s->line = it->line;
	s->id_is_number = it->id_is_number;
	if (!s->path || (it->id && !s->id) ||
	    csrl_batch_add(r->batch, r->nseen, name, csr) != CSRL_ERR_OK) {
		free(s->path);
		free(s->id);
		r->batch_oom = 1;
		return;
	}
	r->nseen++;
}

/* --export-moduli: one record per parsed request, named as the cross-input checks name it, so
 * that `csrlint batch-gcd` over the shards says what one run over everything would say. */
static void export_moduli(struct csrl_lint_run *r, const struct csrl_input_item *it,
			  const struct csrl_csr *csr)
{
	char name[4300];

	if (!r->moduli || r->moduli_failed)
		return;
	csrl_input_label(it, name, sizeof name);
	if (csrl_moduli_writer_add(r->moduli, name, csr) != CSRL_ERR_OK)
		r->moduli_failed = 1;
}

/* Runs in the calling thread, in input order. */
static void consume(void *ctx, void *arg)
{
	struct csrl_lint_run *r = ctx;
	struct job *j = arg;

	if (r->clear_progress)
		csrl_progress_clear(r->progress);
	csrl_reporter_add(r->rep, j->item, &j->f);
	if (j->csr) {
		remember(r, j->item, j->csr);
		export_moduli(r, j->item, j->csr);
	}
	csrl_progress_note(r->progress, j->item->index == 1 && j->item->line == 0,
			   csrl_reporter_tally(r->rep));
	csrl_findings_clear(&j->f);
	csrl_csr_free(j->csr);
	csrl_input_item_free(j->item);
	free(j);
}

void csrl_lint_run_item(void *ctx, const struct csrl_input_item *it)
{
	struct csrl_lint_run *r = ctx;
	struct job *j = calloc(1, sizeof *j);

	if (!j || !(j->item = csrl_input_item_dup(it))) {
		free(j);
		fprintf(stderr, "csrlint lint: out of memory: %s CSR #%u skipped\n",
			csrl_input_name(it->path), it->index);
		r->lost = 1;
		return;
	}
	csrl_pool_submit(r->pool, j);
}

void csrl_lint_run_path(void *ctx, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		csrl_input_dir(path, csrl_lint_run_item, ctx);
	else
		csrl_input_file(path, csrl_lint_run_item, ctx);
}

int csrl_lint_run_start(struct csrl_lint_run *r, size_t jobs,
			const struct csrl_plugin_config *cfg)
{
	void *ctxs[CSRL_LINT_MAX_JOBS];
	const struct csrl_policy *pol;
	struct csrl_error e;
	size_t i;

	if (!(r->workers = calloc(jobs, sizeof *r->workers)))
		goto nomem;
	r->nworkers = jobs;
	for (i = 0; i < jobs; i++) {
		struct csrl_lint_worker *w = &r->workers[i];

		w->opts = r->opts;
		ctxs[i] = w;
		if (jobs == 1)
			break;
		/* the same configuration, loaded once per thread, before any thread starts */
		if (csrl_plugins_setup(cfg, &w->host, &e) != CSRL_ERR_OK) {
			fprintf(stderr, "csrlint lint: %s\n", e.msg);
			return -1;
		}
		w->opts.extra_rules = csrl_plugins_rules(w->host, &w->opts.nextra);
		pol = csrl_plugins_policy(w->host);
		w->opts.severities = pol->severities;
		w->opts.nseverities = pol->nseverities;
	}
	if (!(r->pool = csrl_pool_new(jobs, ctxs, lint_job, consume, r)))
		goto nomem;
	return 0;
nomem:
	fprintf(stderr, "csrlint lint: out of memory, or cannot start %zu threads\n", jobs);
	return -1;
}

/* Cross-input findings arrive ordered by input; they are gathered per input and reported. */
struct cross {
	struct csrl_lint_run *run;
	size_t input;
	struct csrl_findings f;
};

static void flush_cross(struct cross *x)
{
	const struct csrl_lint_seen *s = &x->run->seen[x->input];
	struct csrl_input_item it;

	if (!x->f.n)
		return;
	memset(&it, 0, sizeof it);
	it.path = s->path;
	it.index = s->index;
	it.line = s->line;
	it.id = s->id;
	it.id_is_number = s->id_is_number;
	csrl_reporter_add_cross(x->run->rep, &it, &x->f);
	csrl_findings_clear(&x->f);
}

static void on_cross(void *ctx, size_t input_no, const char *rule_id, const char *message)
{
	struct cross *x = ctx;
	const struct csrl_rule *rule = csrl_rule_find(rule_id);
	struct csrl_finding *v;

	if (!rule || !csrl_rule_selected(rule, &x->run->opts) || input_no >= x->run->nseen)
		return;
	if (input_no != x->input)
		flush_cross(x);
	x->input = input_no;
	if (x->f.n == x->f.cap) {
		size_t cap = x->f.cap ? x->f.cap * 2 : 8;

		if (!(v = realloc(x->f.v, cap * sizeof *v)))
			return;
		x->f.v = v;
		x->f.cap = cap;
	}
	x->f.v[x->f.n] = (struct csrl_finding){ rule->id, csrl_rule_severity(rule, &x->run->opts),
						strdup(message),
						strdup(""), 0, 0 };
	if (!x->f.v[x->f.n].message || !x->f.v[x->f.n].path) {
		free(x->f.v[x->f.n].message);
		free(x->f.v[x->f.n].path);
		return;
	}
	x->f.n++;
}

void csrl_lint_run_finish(struct csrl_lint_run *r)
{
	struct cross x;

	csrl_pool_finish(r->pool);
	csrl_progress_free(r->progress);
	r->progress = NULL;
	if (r->batch && r->batch_oom)
		fprintf(stderr, "csrlint lint: out of memory: cross-input checks skipped\n");
	else if (r->batch && r->nseen > 1) {
		memset(&x, 0, sizeof x);
		x.run = r;
		csrl_batch_run(r->batch, on_cross, &x);
		flush_cross(&x);
		csrl_findings_clear(&x.f);
	}
}

void csrl_lint_run_free(struct csrl_lint_run *r)
{
	size_t i;

	csrl_pool_finish(r->pool);
	csrl_pool_free(r->pool);
	csrl_progress_free(r->progress);
	for (i = 0; r->workers && i < r->nworkers; i++)
		csrl_plugins_free(r->workers[i].host);
	free(r->workers);
	for (i = 0; i < r->nseen; i++) {
		free(r->seen[i].path);
		free(r->seen[i].id);
	}
	free(r->seen);
	csrl_batch_free(r->batch);
}
