/* input_lines.c - line streams in bounded memory: lists of paths (--input lines) and NDJSON
 * (--input ndjson: one JSON object per line with the base64 DER in "der"). The buffer
 * (sbuf.h) holds at most one line plus one read. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <nettle/base64.h>

#include "sbuf.h"

struct lines {
	struct sbuf s;
	size_t pending;             /* bytes of the line returned last, dropped at the next call */
	size_t scan;
	long no;                    /* number of the line returned last */
	size_t off;                 /* its offset in the input */
};

/* Next line (NUL-terminated in place, without its newline): 1, or -1 when it was longer than
 * CSRL_INPUT_MAX_LINE (skipped), or 0 at the end. */
static int next_line(struct lines *l, char **line, size_t *n)
{
	uint8_t *p, *nl;

	sbuf_drop(&l->s, l->pending, 0);
	l->pending = 0;
	for (;;) {
		p = l->s.b + l->s.start;
		nl = l->s.b ? memchr(p + l->scan, '\n', sbuf_avail(&l->s) - l->scan) : NULL;
		if (nl || (l->s.eof && sbuf_avail(&l->s) > 0)) {
			*n = nl ? (size_t)(nl - p) : sbuf_avail(&l->s);
			p[*n] = '\0';
			*line = (char *)p;
			l->pending = nl ? *n + 1 : *n;
			l->scan = 0;
			l->no++;
			l->off = l->s.base_off;
			return 1;
		}
		if (l->s.eof)
			return 0;
		l->scan = sbuf_avail(&l->s);
		if (sbuf_avail(&l->s) > CSRL_INPUT_MAX_LINE)
			break;
		sbuf_fill(&l->s, CSRL_INPUT_MAX_LINE + 1);
	}
	/* too long: skip to the end of the line */
	l->no++;
	l->off = l->s.base_off;
	for (;;) {
		p = l->s.b + l->s.start;
		if ((nl = memchr(p, '\n', sbuf_avail(&l->s)))) {
			sbuf_drop(&l->s, (size_t)(nl - p) + 1, 0);
			break;
		}
		sbuf_drop(&l->s, sbuf_avail(&l->s), 0);
		if (sbuf_fill(&l->s, CSRL_INPUT_MAX_LINE + 1) < 0)
			break;
	}
	l->scan = 0;
	return -1;
}

static int open_lines(const char *path, struct lines *l, csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;

	memset(l, 0, sizeof *l);
	l->s.fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (l->s.fd >= 0) {
		sbuf_init(&l->s, l->s.fd);
		return 0;
	}
	csrl_error_set(&e, CSRL_ERR_IO, 0, "cannot open: %s", strerror(errno));
	csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
	return -1;
}

static void close_lines(struct lines *l)
{
	if (l->s.fd != STDIN_FILENO)
		close(l->s.fd);
	free(l->s.b);
}

static int line_error(const char *path, unsigned index, const struct lines *l, int code,
		      const char *msg, csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;

	csrl_error_set(&e, code, l->off, "%s", msg);
	e.line = l->no;
	csrl_input_emit_error(path, index, l->no, &e, 0, fn, ctx);
	return 1;
}

unsigned csrl_input_lines(const char *path, csrl_input_path_fn pfn, csrl_input_fn fn,
			  void *ctx)
{
	struct lines l;
	unsigned errors = 0, index = 0;
	char *line;
	size_t n;
	int rc;

	if (open_lines(path, &l, fn, ctx) < 0)
		return 1;
	while ((rc = next_line(&l, &line, &n)) != 0) {
		if (rc > 0 && n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (rc > 0 && n == 0)
			continue;
		index++;
		if (rc < 0)
			errors += line_error(path, index, &l, CSRL_ERR_TOO_LARGE, "path is longer "
					     "than the line limit", fn, ctx);
		else if (strcmp(line, "-") == 0)
			errors += line_error(path, index, &l, CSRL_ERR_IO, "'-' in a list of paths "
					     "names no file", fn, ctx);
		else if (memchr(line, '\0', n))
			/* no file name holds a NUL: the list is not a list of paths */
			errors += line_error(path, index, &l, CSRL_ERR_CORRUPT, "the line holds a "
					     "NUL byte, which no path can", fn, ctx);
		else
			pfn(ctx, line);
	}
	if (l.s.err)
		errors += sbuf_read_error(path, index + 1, &l.s, fn, ctx);
	close_lines(&l);
	return errors;
}

/* ---- NDJSON ---------------------------------------------------------------------------- */

/* The "id" member as text; NULL with *bad set when it is neither a string nor a number. */
static char *id_text(json_t *id, int *is_number, int *bad)
{
	*is_number = json_is_number(id);
	*bad = 0;
	if (!id)
		return NULL;
	if (json_is_string(id))
		return strdup(json_string_value(id));
	if (*is_number)
		return json_dumps(id, JSON_ENCODE_ANY);
	*bad = 1;
	return NULL;
}

/* Decodes one NDJSON line into *der; returns NULL or the reason it is not a request. */
static const char *decode_line(const char *line, size_t n, uint8_t **der, size_t *der_len,
			       char **id, int *id_num, char *why, size_t why_size)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, n, 0, &jerr), *d;
	struct base64_decode_ctx b64;
	const char *s;
	size_t len;
	int bad;

	*der = NULL;
	*id = NULL;
	if (!o) {
		snprintf(why, why_size, "not JSON: %s (column %d)", jerr.text, jerr.column);
		return why;
	}
	*id = id_text(json_object_get(o, "id"), id_num, &bad);
	d = json_object_get(o, "der");
	s = bad ? "\"id\" is neither a string nor a number" :
	    !json_is_object(o) ? "not a JSON object" :
	    !d ? "no \"der\" member (the request as base64 DER)" :
	    !json_is_string(d) ? "\"der\" is not a string" : NULL;
	if (s)
		goto fail;
	len = json_string_length(d);
	if (BASE64_DECODE_LENGTH(len) > CSRL_MAX_DER_SIZE + 3) {
		snprintf(why, why_size, "\"der\" decodes to more than %u bytes (the limit for one "
			 "CSR)", CSRL_MAX_DER_SIZE);
		s = why;
		goto fail;
	}
	if (!(*der = malloc(BASE64_DECODE_LENGTH(len) + 1))) {
		s = "out of memory";
		goto fail;
	}
	base64_decode_init(&b64);
	if (!base64_decode_update(&b64, der_len, *der, len, json_string_value(d)) ||
	    !base64_decode_final(&b64)) {
		s = "\"der\" is not valid base64";
		goto fail;
	}
	s = *der_len == 0 ? "\"der\" is empty" : NULL;
	if (s)
		goto fail;
	json_decref(o);
	return NULL;
fail:
	json_decref(o);
	free(*der);
	*der = NULL;
	return s;
}

static int blank(const char *line, size_t n)
{
	for (; n > 0; n--, line++)
		if (!strchr(" \t\r", *line))
			return 0;
	return 1;
}

unsigned csrl_input_ndjson(const char *path, csrl_input_fn fn, void *ctx)
{
	struct csrl_input_item it;
	struct lines l;
	unsigned errors = 0, index = 0;
	const char *why;
	char *line, *id, buf[200];
	uint8_t *der;
	size_t n, der_len = 0;
	int rc, id_num = 0;

	if (open_lines(path, &l, fn, ctx) < 0)
		return 1;
	while ((rc = next_line(&l, &line, &n)) != 0) {
		if (rc > 0 && blank(line, n))
			continue;
		index++;
		memset(&it, 0, sizeof it);
		it.path = path;
		it.index = index;
		it.line = l.no;
		der = NULL;
		id = NULL;
		if (rc < 0) {
			snprintf(buf, sizeof buf, "line is longer than the limit of %u bytes",
				 CSRL_INPUT_MAX_LINE);
			why = buf;
		} else
			why = decode_line(line, n, &der, &der_len, &id, &id_num, buf, sizeof buf);
		if (why) {
			it.err = CSRL_ERR_CORRUPT;
			csrl_error_set(&it.error, it.err, l.off, "%s", why);
			it.error.line = l.no;
		} else {
			it.der = der;
			it.der_len = der_len;
		}
		it.id = id;
		it.id_is_number = id_num;
		errors += why != NULL;
		fn(ctx, &it);
		free(der);
		free(id);
	}
	if (l.s.err)
		errors += sbuf_read_error(path, index + 1, &l.s, fn, ctx);
	close_lines(&l);
	return errors;
}
