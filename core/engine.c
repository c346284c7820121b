/* engine.c - runs the selected rules over one CSR and collects their findings. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "../parsers/schema.h"

/* A rule that reports without end (a SAN list of 100,000 names) must not make the output
 * unbounded: past this, one more finding says how many were left out. */
#define MAX_FINDINGS_PER_RULE 1000

static const char *const severity_names[] = { "info", "notice", "warning", "error", "fatal" };

const char *csrl_severity_name(enum csrl_severity s)
{
	return (unsigned)s <= CSRL_SEV_FATAL ? severity_names[s] : "unknown";
}

int csrl_severity_parse(const char *name)
{
	int i;

	for (i = 0; i <= CSRL_SEV_FATAL; i++)
		if (strcmp(name, severity_names[i]) == 0)
			return i;
	return -1;
}

const char *csrl_source_name(enum csrl_source s)
{
	switch (s) {
	case CSRL_SRC_RFC2986: return "RFC 2986";
	case CSRL_SRC_RFC2985: return "RFC 2985";
	case CSRL_SRC_RFC5280: return "RFC 5280";
	case CSRL_SRC_X690: return "ITU-T X.690";
	case CSRL_SRC_CABF_BR: return "CA/B BR";
	case CSRL_SRC_LETSENCRYPT: return "Let's Encrypt";
	case CSRL_SRC_COMMUNITY: return "community";
	case CSRL_SRC_OTHER_RFC: return "RFC";
	case CSRL_SRC_PLUGIN: return "plugin";
	}
	return "unknown";
}

static const struct { unsigned bit; const char *name; } profiles[] = {
	{ CSRL_PROFILE_RFC, "rfc" },
	{ CSRL_PROFILE_TLS_SERVER, "tls-server" },
	{ CSRL_PROFILE_LETSENCRYPT, "letsencrypt" },
	{ CSRL_PROFILE_PRIVATE_PKI, "private-pki" },
};

unsigned csrl_profile_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (strcmp(name, profiles[i].name) == 0)
			return profiles[i].bit;
	return 0;
}

const char *csrl_profile_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (profiles[i].bit == bit)
			return profiles[i].name;
	return "unknown";
}

void csrl_profiles_to_string(unsigned mask, char *buf, size_t size)
{
	size_t i, o = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		if (!(mask & profiles[i].bit))
			continue;
		o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? "," : "",
				      profiles[i].name);
		if (o >= size)
			return;
	}
}

void csrl_findings_clear(struct csrl_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].path);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

static void add(struct csrl_findings *f, const char *rule_id, enum csrl_severity sev,
		char *message, char *path, size_t offset, size_t length)
{
	if (message && path && f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct csrl_finding *v = realloc(f->v, cap * sizeof *v);

		if (v) {
			f->v = v;
			f->cap = cap;
		}
	}
	if (!message || !path || f->n == f->cap) {
		free(message);
		free(path);
		f->oom = 1;
		return;
	}
	f->v[f->n++] = (struct csrl_finding){ rule_id, sev, message, path, offset, length };
}

/* "san" and "san." both match "san.dns.x" but not "sanity.x". */
static int matches(const char *id, const char *pat)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '.')
		n--;
	return strncmp(id, pat, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

enum csrl_severity csrl_rule_severity(const struct csrl_rule *rule,
				      const struct csrl_lint_opts *opts)
{
	enum csrl_severity s = rule->severity;
	size_t i;

	for (i = 0; opts && i < opts->nseverities; i++)
		if (matches(rule->id, opts->severities[i].rule))
			s = opts->severities[i].severity;
	return s;
}

#define MSG_MAX 512

/* Every message goes out on one line whatever a rule (a Lua one above all) put in it: C0
 * and C1 control characters, DEL and bytes that are not UTF-8 become \xNN, as the built-in
 * rules write them. A message that no longer fits is cut before an escape, never inside. */
static void one_line(char *msg)
{
	char out[MSG_MAX];
	const uint8_t *p = (const uint8_t *)msg;
	size_t n = strlen(msg), i, o = 0, k;
	uint32_t cp;

	for (i = 0; i < n && p[i] >= 0x20 && p[i] < 0x7f; i++)
		;
	if (i == n)
		return;                          /* printable ASCII, the common case */
	for (i = 0; i < n; i += k) {
		k = p[i] >= 0x80 ? csrl_utf8_decode(p + i, n - i, &cp) : 1;
		if (k && (p[i] >= 0x80 ? cp >= 0xa0 : p[i] >= 0x20 && p[i] < 0x7f)) {
			if (o + k >= sizeof out)
				break;
			memcpy(out + o, p + i, k);
			o += k;
			continue;
		}
		if (o + 4 >= sizeof out)
			break;
		snprintf(out + o, 5, "\\x%02X", p[i] >= 0x80 && k ? (unsigned)cp : p[i]);
		o += 4;
		k = k ? k : 1;
	}
	out[o] = '\0';
	memcpy(msg, out, o + 1);
}

__attribute__((format(printf, 6, 0)))
static void vreport(struct csrl_lint_ctx *ctx, const struct csrl_node *node, size_t offset,
		    size_t length, int fatal, const char *fmt, va_list ap)
{
	char msg[MSG_MAX], path[256] = "";
	const struct csrl_rule *r = ctx->current;
	enum csrl_severity sev = fatal ? CSRL_SEV_FATAL : csrl_rule_severity(r, ctx->opts);

	if (++ctx->rule_findings > MAX_FINDINGS_PER_RULE && !fatal) {
		if (ctx->rule_findings == MAX_FINDINGS_PER_RULE + 1)
			add(ctx->out, r->id, sev, strdup("further findings of this rule "
			    "were left out"), strdup(""), offset, 0);
		return;
	}
	if (strcmp(fmt, "%s") == 0) {            /* a message made elsewhere (Lua rules) */
		const char *m = va_arg(ap, const char *);
		size_t n;

		m = m ? m : "(null)";
		n = strnlen(m, sizeof msg - 1);
		memcpy(msg, m, n);
		msg[n] = '\0';
	} else {
		vsnprintf(msg, sizeof msg, fmt, ap);
	}
	one_line(msg);
	if (node && ctx->csr)
		csrl_node_path(ctx->csr, node, path, sizeof path);
	add(ctx->out, r->id, sev, strdup(msg), strdup(path), offset, length);
}

void csrl_report(struct csrl_lint_ctx *ctx, const struct csrl_node *node, const char *fmt, ...)
{
	va_list ap;
	size_t off = node ? node->offset : 0;
	size_t len = node ? node->hdr_len + node->len : (ctx->csr ? ctx->csr->len : 0);

	va_start(ap, fmt);
	vreport(ctx, node, off, len, 0, fmt, ap);
	va_end(ap);
}

void csrl_report_fatal(struct csrl_lint_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, NULL, 0, 0, 1, fmt, ap);
	va_end(ap);
}

void csrl_report_at(struct csrl_lint_ctx *ctx, const struct csrl_node *node, size_t offset,
		    size_t length, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ctx, node, offset, length, 0, fmt, ap);
	va_end(ap);
}

const struct csrl_rule *csrl_rule_find(const char *id)
{
	size_t lo = 0, hi = csrl_rules_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, csrl_rules[mid]->id);

		if (c == 0)
			return csrl_rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int listed(const char *id, const char **list)
{
	for (; list && *list; list++)
		if (matches(id, *list))
			return 1;
	return 0;
}

int csrl_rule_selected(const struct csrl_rule *rule, const struct csrl_lint_opts *opts)
{
	if (listed(rule->id, opts->disable))
		return 0;
	return (rule->profiles & opts->profile) || listed(rule->id, opts->enable);
}

int csrl_selector_known(const char *sel, const struct csrl_lint_opts *opts)
{
	const char *one[] = { sel, NULL };
	struct csrl_lint_opts o = { .enable = one };
	size_t i;

	for (i = 0; i < csrl_rules_count; i++)
		if (csrl_rule_selected(csrl_rules[i], &o))
			return 1;
	for (i = 0; i < opts->nextra; i++)
		if (csrl_rule_selected(opts->extra_rules[i], &o))
			return 1;
	return 0;
}

/* Which built-in rules a run selects, remembered per thread: matching the --enable and
 * --disable lists against every id costs more than most rules do, and a batch lints
 * thousands of requests under one opts. The key is the selection's contents (profile and
 * list strings), never the opts pointer, which a caller may reuse with other lists. Threads
 * share opts read-only; each keeps its own cache. */
#define SEL_KEY_MAX 2048
#define SEL_MAX_RULES 1024

struct selection {
	int valid;
	size_t keylen;
	char key[SEL_KEY_MAX];
	unsigned char on[SEL_MAX_RULES];
};

static _Thread_local struct selection sel;

/* Writes the selection key of opts into key: the profile, then each list as (length, bytes)
 * pairs closed by SIZE_MAX. Returns its length, 0 when it does not fit. */
static size_t selection_key(const struct csrl_lint_opts *opts, char *key)
{
	const char **lists[2] = { opts->enable, opts->disable }, **l;
	size_t n = sizeof opts->profile, i, k, end = SIZE_MAX;

	memcpy(key, &opts->profile, n);
	for (i = 0; i < 2; i++) {
		for (l = lists[i]; l && *l; l++) {
			k = strlen(*l);
			/* room for this pair and both closing markers */
			if (k > SEL_KEY_MAX || n + sizeof k + k + 2 * sizeof end > SEL_KEY_MAX)
				return 0;
			memcpy(key + n, &k, sizeof k);
			memcpy(key + n + sizeof k, *l, k);
			n += sizeof k + k;
		}
		memcpy(key + n, &end, sizeof end);
		n += sizeof end;
	}
	return n;
}

/* The per-thread selection of the built-in rules under opts, or NULL when it cannot be
 * cached (a selection key or a registry too large); then each rule is matched itself. */
static const unsigned char *selected_builtins(const struct csrl_lint_opts *opts)
{
	char key[SEL_KEY_MAX];
	size_t n = selection_key(opts, key), i;

	if (!n || csrl_rules_count > SEL_MAX_RULES)
		return NULL;
	if (sel.valid && sel.keylen == n && memcmp(sel.key, key, n) == 0)
		return sel.on;
	for (i = 0; i < csrl_rules_count; i++)
		sel.on[i] = (unsigned char)csrl_rule_selected(csrl_rules[i], opts);
	memcpy(sel.key, key, n);
	sel.keylen = n;
	sel.valid = 1;
	return sel.on;
}

static int by_offset(const void *a, const void *b)
{
	const struct csrl_finding *x = a, *y = b;
	int c;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	c = strcmp(x->rule_id, y->rule_id);
	return c ? c : strcmp(x->message, y->message);
}

/* Serial numbers of lint runs: a Lua handle kept from an earlier run is recognised by it. */
static unsigned long runs;

void csrl_lint_csr(const struct csrl_csr *csr, const struct csrl_lint_opts *opts,
		   struct csrl_findings *out)
{
	struct csrl_verify_result vr;
	struct csrl_error serr;
	struct csrl_lint_ctx ctx;
	size_t i, first = out->n;
	const unsigned char *on = selected_builtins(opts);

	csrl_verify(csr, &vr);
	memset(&serr, 0, sizeof serr);
	memset(&ctx, 0, sizeof ctx);
	ctx.csr = csr;
	ctx.verify = &vr;
	if (csr->der->nnodes <= CSRL_SCHEMA_MAX_NODES)
		ctx.schema_rc = csrl_schema_check_tree(csr->der, csr->data, csr->len, &serr);
	else
		ctx.schema_rc = csrl_error_set(&serr, CSRL_ERR_TOO_MANY, 0, "schema check skipped: "
			"%zu DER elements exceed the limit of %u", csr->der->nnodes,
			CSRL_SCHEMA_MAX_NODES);
	ctx.schema_err = &serr;
	ctx.profile = opts->profile;
	ctx.opts = opts;
	ctx.out = out;
	ctx.first_finding = first;
	ctx.run = __atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
	for (i = 0; i < csrl_rules_count + opts->nextra; i++) {
		const struct csrl_rule *r = i < csrl_rules_count ? csrl_rules[i] :
			opts->extra_rules[i - csrl_rules_count];

		/* current is set first: an extra rule's applies() may report a fatal finding */
		ctx.current = r;
		ctx.rule_findings = 0;
		if (!(i < csrl_rules_count && on ? on[i] : csrl_rule_selected(r, opts)) ||
		    (r->applies && !r->applies(&ctx)))
			continue;
		r->check(&ctx, r);
	}
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof *out->v, by_offset);
}

void csrl_lint_fatal(const struct csrl_error *err, struct csrl_findings *out)
{
	char msg[400];

	snprintf(msg, sizeof msg, "cannot parse the request: %s", err->msg);
	add(out, "fatal.unparseable", CSRL_SEV_FATAL, strdup(msg), strdup(""), err->offset, 0);
}
