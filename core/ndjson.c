/* ndjson.c - the per-input NDJSON line, written without a jansson tree (see ndjson.h). */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "ndjson.h"

/* Makes room for n more bytes; 0 when there is none (w->oom is then set). */
static int reserve(struct csrl_ndjson *w, size_t n)
{
	char *b;
	size_t cap;

	if (w->oom)
		return 0;
	if (w->cap - w->n >= n)
		return 1;
	cap = w->cap ? w->cap : 4096;
	while (cap - w->n < n)
		cap *= 2;
	if (!(b = realloc(w->b, cap))) {
		w->oom = 1;
		return 0;
	}
	w->b = b;
	w->cap = cap;
	return 1;
}

static void put(struct csrl_ndjson *w, const char *s, size_t n)
{
	if (!reserve(w, n))
		return;
	memcpy(w->b + w->n, s, n);
	w->n += n;
}

#define PUT(w, lit) put((w), (lit), sizeof(lit) - 1)

/* 1 for the bytes that go out as they are without a second look: printable ASCII other
 * than '"' and '\\'. */
static const unsigned char plain[256] = {
	['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x20-0x2f, no '"' */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,              /* 0x30-0x3f */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,              /* 0x40-0x4f */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,              /* 0x50-0x5f, no '\\' */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,              /* 0x60-0x6f */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,              /* 0x70-0x7f */
};

/* A JSON string as jansson's dump writes it: \" \\ \b \f \n \r \t, other controls as \u00XX
 * (upper-case hex), everything else as it is. */
static void put_str(struct csrl_ndjson *w, const char *str)
{
	const unsigned char *s = (const unsigned char *)str, *run;
	size_t k, left = strlen(str);
	char esc[8];

	/* room for the quotes and every byte as it is; an escape makes room for the rest */
	if (!reserve(w, left + 2))
		return;
	w->b[w->n++] = '"';
	for (;;) {
		unsigned char c;

		for (run = s; plain[*s]; s++)
			;
		memcpy(w->b + w->n, run, (size_t)(s - run));
		w->n += (size_t)(s - run);
		left -= (size_t)(s - run);
		if (!(c = *s))
			break;
		if (c >= 0x80 && (k = csrl_utf8_decode(s, left, NULL)) != 0) {
			memcpy(w->b + w->n, s, k);
			w->n += k;
			s += k, left -= k;
			continue;
		}
		switch (c) {
		case '"': PUT(w, "\\\""); break;
		case '\\': PUT(w, "\\\\"); break;
		case '\b': PUT(w, "\\b"); break;
		case '\f': PUT(w, "\\f"); break;
		case '\n': PUT(w, "\\n"); break;
		case '\r': PUT(w, "\\r"); break;
		case '\t': PUT(w, "\\t"); break;
		default:
			if (c < 0x20) {
				snprintf(esc, sizeof esc, "\\u%04X", c);
				put(w, esc, 6);
			} else {
				PUT(w, "\xef\xbf\xbd");    /* a byte that is not UTF-8: U+FFFD */
			}
		}
		s++, left--;
		if (!reserve(w, left + 1))
			return;
	}
	w->b[w->n++] = '"';
}

static void put_key_str(struct csrl_ndjson *w, const char *key, const char *v)
{
	put_str(w, key);
	PUT(w, ":");
	put_str(w, v);
}

static void put_key_int(struct csrl_ndjson *w, const char *key, long long v)
{
	char num[24];
	size_t k = sizeof num;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	put_str(w, key);
	do
		num[--k] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		num[--k] = '-';
	num[--k] = ':';
	put(w, num + k, sizeof num - k);
}

/* The NDJSON "id" as it was given: a number is printed as jansson prints it. */
static void put_id(struct csrl_ndjson *w, const struct csrl_input_item *it)
{
	json_t *v = it->id_is_number ? json_loads(it->id, JSON_DECODE_ANY, NULL) : NULL;
	char *d = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;

	PUT(w, ",\"id\":");
	if (d)
		put(w, d, strlen(d));
	else
		put_str(w, it->id);
	free(d);
	json_decref(v);
}

void csrl_ndjson_input(struct csrl_ndjson *w, const struct csrl_input_item *it, int cross,
		       const struct csrl_findings *f, int min_sev, const size_t *by_sev)
{
	const struct csrl_finding *x;
	size_t i, shown = 0;
	int s;

	PUT(w, "{");
	put_key_str(w, "file", csrl_input_name(it->path));
	PUT(w, ",");
	put_key_int(w, "index", (int)it->index);
	if (it->line > 0) {
		PUT(w, ",");
		put_key_int(w, "line", it->line);
	}
	if (it->id)
		put_id(w, it);
	if (cross)
		PUT(w, ",\"cross_input\":true,\"findings\":[");
	else
		PUT(w, ",\"cross_input\":false,\"findings\":[");
	for (i = 0; i < f->n; i++) {
		x = &f->v[i];
		if ((int)x->severity < min_sev)
			continue;
		if (shown++)
			PUT(w, ",");
		PUT(w, "{");
		put_key_str(w, "rule", x->rule_id);
		PUT(w, ",");
		put_key_str(w, "severity", csrl_severity_name(x->severity));
		PUT(w, ",");
		put_key_str(w, "message", x->message);
		PUT(w, ",");
		put_key_str(w, "path", x->path);
		PUT(w, ",");
		put_key_int(w, "offset", (long long)x->offset);
		PUT(w, ",");
		put_key_int(w, "length", (long long)x->length);
		PUT(w, "}");
	}
	PUT(w, "],\"counts\":{");
	for (s = 0; s <= CSRL_SEV_FATAL; s++) {
		if (s)
			PUT(w, ",");
		put_key_int(w, csrl_severity_name((enum csrl_severity)s), (long long)by_sev[s]);
	}
	PUT(w, "}}\n");
}

int csrl_ndjson_flush(struct csrl_ndjson *w, FILE *out)
{
	int rc = w->oom ? -1 : 0;

	if (w->n && fwrite(w->b, 1, w->n, out) != w->n)
		rc = -1;
	w->n = 0;
	w->oom = 0;
	return rc;
}

void csrl_ndjson_free(struct csrl_ndjson *w)
{
	free(w->b);
	memset(w, 0, sizeof *w);
}
