/* report.c - `lint` output: text lines, one JSON document, NDJSON (one object per input, for
 * streams of any length) and SARIF 2.1.0 for code-scanning tools. JSON goes through jansson. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ndjson.h"
#include "report.h"

struct csrl_reporter {
	FILE *out;
	enum csrl_format fmt;
	unsigned profile;
	int min_sev, color;
	int cross, cross_heading;       /* reporting cross-input findings; heading printed */
	struct csrl_tally total;
	size_t inputs, failed_inputs;
	json_t *results;            /* JSON and SARIF: gathered until the end */
	struct rule_count *rules;   /* --summary: a hash table of rule_count by rule and severity */
	size_t nrules, rules_cap;   /* rules_cap: 0 when the summary is off */
	size_t serial;              /* calls of csrl_reporter_add so far */
	struct csrl_ndjson nd;      /* NDJSON: the line of one input */
};

/* One row of the --summary table. */
struct rule_count {
	char *rule;                 /* NULL: a free slot */
	enum csrl_severity severity;
	size_t findings, inputs;
	size_t last_input;          /* serial of the last input counted in inputs */
};

static const char *const sev_color[] = { "\033[2m", "\033[36m", "\033[33m", "\033[31m",
					 "\033[1;31m" };

int csrl_format_parse(const char *name)
{
	static const char *const names[] = { "text", "json", "ndjson", "sarif" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

struct csrl_reporter *csrl_reporter_new(FILE *out, enum csrl_format fmt, unsigned profile,
					int min_sev, int color)
{
	struct csrl_reporter *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->out = out;
	r->fmt = fmt;
	r->profile = profile;
	r->min_sev = min_sev;
	r->color = color && fmt == CSRL_FMT_TEXT;
	if ((fmt == CSRL_FMT_JSON || fmt == CSRL_FMT_SARIF) && !(r->results = json_array())) {
		free(r);
		return NULL;
	}
	return r;
}

void csrl_reporter_free(struct csrl_reporter *r)
{
	size_t i;

	if (!r)
		return;
	json_decref(r->results);
	csrl_ndjson_free(&r->nd);
	for (i = 0; i < r->rules_cap; i++)
		free(r->rules[i].rule);
	free(r->rules);
	free(r);
}

int csrl_reporter_set_summary(struct csrl_reporter *r)
{
	if (r->rules_cap)
		return 0;
	if (!(r->rules = calloc(64, sizeof *r->rules)))
		return -1;
	r->rules_cap = 64;
	return 0;
}

static size_t rule_hash(const char *id, enum csrl_severity sev, size_t cap)
{
	size_t h = 2166136261u ^ (size_t)sev;

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h & (cap - 1);
}

/* The row of (id, sev), added when new; NULL when out of memory. */
static struct rule_count *rule_row(struct csrl_reporter *r, const char *id,
				   enum csrl_severity sev)
{
	struct rule_count *v, *old;
	size_t i, cap;

	if (2 * (r->nrules + 1) > r->rules_cap) {
		cap = r->rules_cap * 2;
		if (!(v = calloc(cap, sizeof *v)))
			return NULL;
		for (i = 0; i < r->rules_cap; i++) {
			size_t h;

			if (!r->rules[i].rule)
				continue;
			for (h = rule_hash(r->rules[i].rule, r->rules[i].severity, cap); v[h].rule;
			     h = (h + 1) & (cap - 1))
				;
			v[h] = r->rules[i];
		}
		free(r->rules);
		r->rules = v;
		r->rules_cap = cap;
	}
	for (i = rule_hash(id, sev, r->rules_cap); (old = &r->rules[i])->rule;
	     i = (i + 1) & (r->rules_cap - 1))
		if (old->severity == sev && strcmp(old->rule, id) == 0)
			return old;
	if (!(old->rule = strdup(id)))
		return NULL;
	old->severity = sev;
	r->nrules++;
	return old;
}

/* Counts one input's shown findings for --summary. Each call is about one input, and the
 * cross-input rules never come from the per-input lint, so counting an input once per call
 * and rule counts each input once. */
static void summary_count(struct csrl_reporter *r, const struct csrl_findings *f)
{
	struct rule_count *row;
	size_t i;

	r->serial++;
	for (i = 0; r->rules_cap && i < f->n; i++) {
		if ((int)f->v[i].severity < r->min_sev ||
		    !(row = rule_row(r, f->v[i].rule_id, f->v[i].severity)))
			continue;
		row->findings++;
		row->inputs += row->last_input != r->serial;
		row->last_input = r->serial;
	}
}

const struct csrl_tally *csrl_reporter_tally(const struct csrl_reporter *r)
{
	return &r->total;
}

static void tally_line(FILE *out, const struct csrl_tally *t)
{
	fprintf(out, "%zu fatal, %zu error%s, %zu warning%s, %zu notice%s, %zu info",
		t->by_sev[CSRL_SEV_FATAL], t->by_sev[CSRL_SEV_ERROR],
		t->by_sev[CSRL_SEV_ERROR] == 1 ? "" : "s", t->by_sev[CSRL_SEV_WARNING],
		t->by_sev[CSRL_SEV_WARNING] == 1 ? "" : "s", t->by_sev[CSRL_SEV_NOTICE],
		t->by_sev[CSRL_SEV_NOTICE] == 1 ? "" : "s", t->by_sev[CSRL_SEV_INFO]);
}

static void text_input(struct csrl_reporter *r, const struct csrl_input_item *it,
		       const struct csrl_findings *f, const struct csrl_tally *t)
{
	const char *name = csrl_input_name(it->path);
	char where[32] = "", label[4300];
	size_t i;

	if (it->line > 0) {
		/* NDJSON: "<stdin>:3 [id]" */
		csrl_input_label(it, label, sizeof label);
		name = label;
	} else if (it->index > 1) {
		snprintf(where, sizeof where, " (CSR #%u)", it->index);
	}
	for (i = 0; i < f->n; i++) {
		const struct csrl_finding *x = &f->v[i];

		if ((int)x->severity < r->min_sev)
			continue;
		fprintf(r->out, "%s%s: %s%s%s %s: %s (%s%s@%zu)\n", name, where,
			r->color ? sev_color[x->severity] : "", csrl_severity_name(x->severity),
			r->color ? "\033[0m" : "", x->rule_id, x->message, x->path,
			x->path[0] ? " " : "", x->offset);
	}
	fprintf(r->out, "%s%s: ", name, where);
	if (f->n == 0)
		fputs("ok, no findings", r->out);
	else
		tally_line(r->out, t);
	fputc('\n', r->out);
}

static json_t *finding_json(const struct csrl_finding *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "rule", x->rule_id,
			 "severity", csrl_severity_name(x->severity), "message", x->message,
			 "path", x->path, "offset", (json_int_t)x->offset,
			 "length", (json_int_t)x->length);
}

/* The NDJSON "id" as it was given: a string or a number. */
static json_t *id_json(const struct csrl_input_item *it)
{
	json_t *v = it->id_is_number ? json_loads(it->id, JSON_DECODE_ANY, NULL) : NULL;

	return v ? v : json_string(it->id);
}

static json_t *input_json(const struct csrl_reporter *r, const struct csrl_input_item *it,
			  const struct csrl_findings *f, const struct csrl_tally *t)
{
	json_t *list = json_array(), *counts = json_object(), *o;
	size_t i;

	for (i = 0; list && i < f->n; i++)
		if ((int)f->v[i].severity >= r->min_sev)
			json_array_append_new(list, finding_json(&f->v[i]));
	for (i = 0; counts && i <= CSRL_SEV_FATAL; i++)
		json_object_set_new(counts, csrl_severity_name((enum csrl_severity)i),
				    json_integer((json_int_t)t->by_sev[i]));
	o = json_pack("{s:s, s:i}", "file", csrl_input_name(it->path), "index", (int)it->index);
	if (o && it->line > 0)
		json_object_set_new(o, "line", json_integer((json_int_t)it->line));
	if (o && it->id)
		json_object_set_new(o, "id", id_json(it));
	if (o) {
		json_object_set_new(o, "cross_input", json_boolean(r->cross));
		json_object_set_new(o, "findings", list ? list : json_null());
		json_object_set_new(o, "counts", counts ? counts : json_null());
	} else {
		json_decref(list);
		json_decref(counts);
	}
	return o;
}

static const char *sarif_level(enum csrl_severity s)
{
	switch (s) {
	case CSRL_SEV_FATAL:
	case CSRL_SEV_ERROR: return "error";
	case CSRL_SEV_WARNING: return "warning";
	case CSRL_SEV_NOTICE: return "note";
	default: return "none";
	}
}

/* A relative URI reference for a path: unreserved characters kept, the rest %-encoded. */
static char *path_uri(const char *path)
{
	size_t n = strlen(path), i, o = 0;
	char *u = malloc(n * 3 + 1);

	if (!u)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c))
			u[o++] = (char)c;
		else
			o += (size_t)sprintf(u + o, "%%%02X", c);
	}
	u[o] = '\0';
	return u;
}

static void sarif_input(struct csrl_reporter *r, const struct csrl_input_item *it,
			const struct csrl_findings *f)
{
	char *uri = path_uri(strcmp(it->path, "-") == 0 ? "stdin" : it->path);
	size_t i;

	for (i = 0; uri && i < f->n; i++) {
		const struct csrl_finding *x = &f->v[i];
		size_t off, len;
		json_t *res, *region, *props;

		if ((int)x->severity < r->min_sev)
			continue;
		csrl_input_file_range(it, x->offset, x->length, &off, &len);
		/* an NDJSON request is a line of the file; its DER offsets are in properties */
		if (it->line > 0)
			region = json_pack("{s:I}", "startLine", (json_int_t)it->line);
		else
			region = json_pack("{s:I, s:I}", "byteOffset", (json_int_t)off,
					   "byteLength", (json_int_t)(len ? len : 1));
		props = json_pack("{s:i, s:I, s:I}", "csrIndex", (int)it->index,
				  "derOffset", (json_int_t)x->offset,
				  "derLength", (json_int_t)x->length);
		if (props && it->id)
			json_object_set_new(props, "id", id_json(it));
		res = json_pack("{s:s, s:s, s:{s:s}, s:[{s:{s:{s:s}, s:o}, s:[{s:s}]}], s:o}",
				"ruleId", x->rule_id, "level", sarif_level(x->severity),
				"message", "text", x->message,
				"locations", "physicalLocation", "artifactLocation", "uri", uri,
				"region", region, "logicalLocations", "fullyQualifiedName",
				x->path[0] ? x->path : "certificationRequest",
				"properties", props);
		json_array_append_new(r->results, res);
	}
	free(uri);
}

void csrl_reporter_add(struct csrl_reporter *r, const struct csrl_input_item *it,
		       const struct csrl_findings *f)
{
	struct csrl_tally t;
	size_t i;

	memset(&t, 0, sizeof t);
	for (i = 0; i < f->n; i++)
		t.by_sev[f->v[i].severity]++;
	for (i = 0; i <= CSRL_SEV_FATAL; i++)
		r->total.by_sev[i] += t.by_sev[i];
	r->inputs++;
	r->failed_inputs += t.by_sev[CSRL_SEV_FATAL] > 0;
	summary_count(r, f);
	switch (r->fmt) {
	case CSRL_FMT_TEXT:
		if (r->cross && !r->cross_heading++)
			fprintf(r->out, "cross-input checks (shared primes, reused keys, duplicate "
				"requests):\n");
		text_input(r, it, f, &t);
		break;
	case CSRL_FMT_NDJSON:
		csrl_ndjson_input(&r->nd, it, r->cross, f, r->min_sev, t.by_sev);
		csrl_ndjson_flush(&r->nd, r->out);
		break;
	case CSRL_FMT_JSON:
		json_array_append_new(r->results, input_json(r, it, f, &t));
		break;
	case CSRL_FMT_SARIF:
		sarif_input(r, it, f);
		break;
	}
}

void csrl_reporter_add_cross(struct csrl_reporter *r, const struct csrl_input_item *item,
			     const struct csrl_findings *f)
{
	r->cross = 1;
	csrl_reporter_add(r, item, f);
	r->inputs--;                    /* the input was counted when it was first reported */
	r->cross = 0;
}

static json_t *sarif_rule(const struct csrl_rule *rule, const struct csrl_lint_opts *opts)
{
	char profiles[80];
	enum csrl_severity sev = csrl_rule_severity(rule, opts);

	csrl_profiles_to_string(rule->profiles, profiles, sizeof profiles);
	return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:s, s:s, s:s}}",
			 "id", rule->id, "name", rule->id,
			 "shortDescription", "text", rule->description,
			 "fullDescription", "text", rule->citation,
			 "defaultConfiguration", "level", sarif_level(sev),
			 "properties", "severity", csrl_severity_name(sev),
			 "citation", rule->citation, "source", csrl_source_name(rule->source),
			 "profiles", profiles);
}

static json_t *sarif_doc(struct csrl_reporter *r, const struct csrl_lint_opts *opts)
{
	json_t *rules = json_array();
	size_t i;

	for (i = 0; rules && i < csrl_rules_count; i++)
		if (csrl_rule_selected(csrl_rules[i], opts))
			json_array_append_new(rules, sarif_rule(csrl_rules[i], opts));
	/* Lua rules are listed like built-ins */
	for (i = 0; rules && i < opts->nextra; i++)
		if (csrl_rule_selected(opts->extra_rules[i], opts))
			json_array_append_new(rules, sarif_rule(opts->extra_rules[i], opts));
	json_array_append_new(rules, json_pack("{s:s, s:s, s:{s:s}, s:{s:s}}", "id",
		"fatal.unparseable", "name", "fatal.unparseable", "shortDescription", "text",
		"The input could not be parsed as a certification request",
		"defaultConfiguration", "level", "error"));
	return json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:o}}, s:O, s:{s:s}}]}",
			 "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
			 "version", "2.1.0", "runs", "tool", "driver", "name", "csrlint",
			 "version", csrl_version(), "rules", rules,
			 "results", r->results, "properties", "profile",
			 csrl_profile_name(r->profile));
}

static int by_count(const void *a, const void *b)
{
	const struct rule_count *x = *(const struct rule_count *const *)a;
	const struct rule_count *y = *(const struct rule_count *const *)b;
	int c;

	if (x->findings != y->findings)
		return x->findings > y->findings ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	return c ? c : (int)y->severity - (int)x->severity;
}

/* The --summary rows, by count descending then rule id; NULL when empty or out of memory. */
static const struct rule_count **sorted_rows(const struct csrl_reporter *r)
{
	const struct rule_count **v;
	size_t i, n = 0;

	if (!r->nrules || !(v = malloc(r->nrules * sizeof *v)))
		return NULL;
	for (i = 0; i < r->rules_cap; i++)
		if (r->rules[i].rule)
			v[n++] = &r->rules[i];
	qsort(v, n, sizeof *v, by_count);
	return v;
}

/* Percent of the inputs, rounded to two decimals. */
static double share(const struct csrl_reporter *r, size_t inputs)
{
	return r->inputs ? (double)(size_t)(10000.0 * (double)inputs / (double)r->inputs + 0.5) /
			   100.0 : 0.0;
}

static void summary_text(const struct csrl_reporter *r)
{
	const struct rule_count **v = sorted_rows(r);
	size_t i;

	fprintf(r->out, "rules with findings: %zu (share: of %zu input%s)\n", r->nrules, r->inputs,
		r->inputs == 1 ? "" : "s");
	if (!r->nrules)
		return;
	fprintf(r->out, "%9s %8s %8s  %-8s %s\n", "findings", "inputs", "share", "severity",
		"rule");
	for (i = 0; v && i < r->nrules; i++)
		fprintf(r->out, "%9zu %8zu %7.2f%%  %-8s %s\n", v[i]->findings, v[i]->inputs,
			share(r, v[i]->inputs), csrl_severity_name(v[i]->severity), v[i]->rule);
	free(v);
}

/* [{"rule", "severity", "findings", "inputs", "share"}, ...] */
static json_t *summary_json(const struct csrl_reporter *r)
{
	const struct rule_count **v = sorted_rows(r);
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && v && i < r->nrules; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:f}", "rule", v[i]->rule,
			"severity", csrl_severity_name(v[i]->severity),
			"findings", (json_int_t)v[i]->findings, "inputs", (json_int_t)v[i]->inputs,
			"share", share(r, v[i]->inputs)));
	free(v);
	return a;
}

/* Shares are rounded to two decimals: print them without binary noise. */
#define JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8))

int csrl_reporter_finish(struct csrl_reporter *r, const struct csrl_lint_opts *opts)
{
	json_t *doc = NULL, *counts, *o;
	size_t i;

	switch (r->fmt) {
	case CSRL_FMT_TEXT:
		fprintf(r->out, "%zu input%s, profile %s: ", r->inputs, r->inputs == 1 ? "" : "s",
			csrl_profile_name(r->profile));
		tally_line(r->out, &r->total);
		fputc('\n', r->out);
		if (r->rules_cap)
			summary_text(r);
		break;
	case CSRL_FMT_JSON:
		counts = json_object();
		for (i = 0; counts && i <= CSRL_SEV_FATAL; i++)
			json_object_set_new(counts, csrl_severity_name((enum csrl_severity)i),
					    json_integer((json_int_t)r->total.by_sev[i]));
		doc = json_pack("{s:s, s:s, s:O, s:{s:I, s:o}}", "csrlint", csrl_version(),
				"profile", csrl_profile_name(r->profile), "results", r->results,
				"summary", "inputs", (json_int_t)r->inputs, "counts", counts);
		if (doc && r->rules_cap)
			json_object_set_new(json_object_get(doc, "summary"), "rules",
					    summary_json(r));
		break;
	case CSRL_FMT_SARIF:
		doc = sarif_doc(r, opts);
		if (doc && r->rules_cap)
			json_object_set_new(json_object_get(json_array_get(json_object_get(doc,
				"runs"), 0), "properties"), "csrlintSummary", summary_json(r));
		break;
	case CSRL_FMT_NDJSON:
		if (r->rules_cap && (o = json_pack("{s:o}", "summary", summary_json(r)))) {
			json_dumpf(o, r->out, JSON_COMPACT | JSON_FLAGS);
			fputc('\n', r->out);
			json_decref(o);
		}
		break;
	}
	if (doc) {
		json_dumpf(doc, r->out, JSON_INDENT(2) | JSON_FLAGS);
		fputc('\n', r->out);
		json_decref(doc);
	} else if (r->fmt == CSRL_FMT_JSON || r->fmt == CSRL_FMT_SARIF) {
		return -1;
	}
	return fflush(r->out) == 0 && !ferror(r->out) ? 0 : -1;
}
