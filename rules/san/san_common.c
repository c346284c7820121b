/* san_common.c - helpers shared by the subjectAltName rules: walking the names, bounded copies
 * of dNSNames, quoting for messages, the public suffix list and the special-use domains. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "san.h"

const struct csrl_gname *san_next(const struct csrl_csr *csr, struct san_iter *it, int type)
{
	for (; it->ext < csr->nexts; it->ext++, it->name = 0) {
		const struct csrl_ext *e = &csr->exts[it->ext];

		if (e->malformed || e->kind != CSRL_EXT_SAN || !e->decoded || !e->names)
			continue;
		while (it->name < e->nnames) {
			const struct csrl_gname *g = &e->names[it->name++];

			if (type < 0 || (int)g->type == type)
				return g;
		}
	}
	return NULL;
}

int san_present(const struct csrl_lint_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->csr->nexts; i++)
		if (!ctx->csr->exts[i].malformed && ctx->csr->exts[i].kind == CSRL_EXT_SAN &&
		    ctx->csr->exts[i].decoded)
			return 1;
	return 0;
}

int san_dns_copy(const struct csrl_gname *g, char *buf, int lower)
{
	size_t i;

	buf[0] = '\0';
	if (!g || g->type != CSRL_GN_DNS || !g->node || g->node->constructed ||
	    g->value.len > SAN_DNS_MAX || (g->value.len && !g->value.p))
		return -1;
	for (i = 0; i < g->value.len; i++) {
		char c = (char)g->value.p[i];

		if (c == '\0')
			return -1;
		buf[i] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	buf[i] = '\0';
	return (int)i;
}

int san_dns_plausible(const char *s)
{
	size_t label = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '.') {
			if (!label || !s[1])
				return 0;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '*'))
			return 0;
		label++;
	}
	return 1;
}

int san_is_ip_text(const char *s)
{
	unsigned char a[16];
	char v6[64];
	size_t n = strspn(s, "0123456789.");

	/* Most names are neither: inet_pton's IPv4 form has digits and dots only, and the IPv6
	 * form below needs a ':'. */
	if (s[n] && !strchr(s + n, ':'))
		return 0;
	n += strlen(s + n);
	if (inet_pton(AF_INET, s, a) == 1)
		return 1;
	/* "[::1]" is the URI form; a zone ("fe80::1%eth0") is still an address. */
	if (n >= 2 && n < sizeof v6 && s[0] == '[' && s[n - 1] == ']') {
		memcpy(v6, s + 1, n - 2);
		v6[n - 2] = '\0';
	} else if (n < sizeof v6) {
		memcpy(v6, s, n + 1);
	} else {
		return 0;
	}
	v6[strcspn(v6, "%")] = '\0';
	return strchr(v6, ':') && inet_pton(AF_INET6, v6, a) == 1;
}

const char *san_quote(const void *p, size_t len, char *out)
{
	const unsigned char *s = p;
	size_t i, o = 0;

	for (i = 0; i < len && s; i++) {
		if (o + 8 >= SAN_QUOTE_BUF) {
			memcpy(out + o, "...", 4);
			return out;
		}
		if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '\\')
			out[o++] = (char)s[i];
		else
			o += (size_t)snprintf(out + o, SAN_QUOTE_BUF - o, "\\x%02X", s[i]);
	}
	out[o] = '\0';
	return out;
}

size_t san_value_offset(const struct csrl_lint_ctx *ctx, const struct csrl_gname *g, size_t i)
{
	if (g->value.p && g->value.p >= ctx->csr->data &&
	    g->value.p <= ctx->csr->data + ctx->csr->len)
		return (size_t)(g->value.p - ctx->csr->data) + i;
	return g->node ? g->node->offset : 0;
}

/* Direct-mapped by the name's address: a request rarely has more names than slots, and a
 * collision only costs a recomputation. */
#define FACT_SLOTS 32

static void dns_facts(const struct csrl_gname *g, struct san_dns *f)
{
	f->len = san_dns_copy(g, f->lower, 1);
	f->plain = f->len >= 0 && san_dns_plausible(f->lower) && !san_is_ip_text(f->lower);
	f->special = f->plain ? san_special_domain(f->lower) : NULL;
}

const struct san_dns *san_dns_facts(const struct csrl_lint_ctx *ctx,
				    const struct csrl_gname *g, struct san_dns *scratch)
{
	static _Thread_local struct {
		unsigned long run;
		const struct csrl_gname *g;
		struct san_dns f;
	} memo[FACT_SLOTS];
	size_t h = ((uintptr_t)g / sizeof *g) % FACT_SLOTS;

	if (!ctx->run) {                 /* a context outside csrl_lint_csr: no serial */
		dns_facts(g, scratch);
		return scratch;
	}
	if (memo[h].run != ctx->run || memo[h].g != g) {
		dns_facts(g, &memo[h].f);
		memo[h].run = ctx->run;
		memo[h].g = g;
	}
	return &memo[h].f;
}

static const psl_ctx_t *psl;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

static void psl_load(void)
{
	/* psl_latest picks the newest of the system file and the built-in list. */
	psl = psl_latest(NULL);
	if (!psl)
		psl = psl_builtin();
}

const psl_ctx_t *san_psl(void)
{
	pthread_once(&psl_once, psl_load);
	return psl;
}

/* Special-use names from the IANA Special-Use Domain Names registry, and .internal, which
 * ICANN reserved for private use (Board resolution 2024.07.29.06). */
static const struct san_special_domain special[] = {
	{ "alt", "RFC 9476" },
	{ "example", "RFC 6761 section 6.5" },
	{ "home.arpa", "RFC 8375" },
	{ "internal", "ICANN Board resolution 2024.07.29.06" },
	{ "invalid", "RFC 6761 section 6.4" },
	{ "local", "RFC 6762" },
	{ "localhost", "RFC 6761 section 6.3" },
	{ "test", "RFC 6761 section 6.2" },
};

/* Whether name[0..n) is suffix or ends in "." suffix. */
static int ends_in(const char *name, size_t n, const char *suffix)
{
	size_t s = strlen(suffix);

	if (n == s)
		return memcmp(name, suffix, n) == 0;
	return n > s && name[n - s - 1] == '.' && memcmp(name + n - s, suffix, s) == 0;
}

const struct san_special_domain *san_special_domain(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof special / sizeof special[0]; i++)
		if (ends_in(name, n, special[i].suffix))
			return &special[i];
	return NULL;
}

int san_is_onion(const char *name)
{
	return ends_in(name, strlen(name), "onion");
}
