/* input_stream.c - streams of any length in bounded memory: concatenated PEM read one block
 * at a time, NDJSON (one JSON object per line with the base64 DER), and lists of paths. A
 * buffer holds at most one PEM block or one line (plus one read), so a stream of a billion
 * bytes needs no more memory than one request. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include <nettle/base64.h>

#include "input.h"

#define CHUNK 65536u
#define BEGIN_MARK "-----BEGIN "
#define END_MARK "-----END "
#define BEGIN_LEN (sizeof BEGIN_MARK - 1)
#define END_LEN (sizeof END_MARK - 1)

/* A read buffer: unread data is b[start..len); b[start] is at offset base_off of the input,
 * after base_line newlines. One byte beyond len is always free (for a NUL). */
struct sbuf {
	int fd;
	uint8_t *b;
	size_t cap, start, len;
	size_t base_off;
	long base_line;
	int eof, err;               /* err: errno of a failed read */
};

/* Starts a buffer on fd with room for one read, so that b is never NULL while reading (a
 * failed allocation reads as a read error: ENOMEM). */
static void sbuf_init(struct sbuf *s, int fd)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	if ((s->b = malloc(CHUNK + 1)) != NULL)
		s->cap = CHUNK + 1;
	else
		s->eof = 1, s->err = ENOMEM;
}

/* Reads once more (up to CHUNK bytes), growing the buffer to at most limit bytes of data.
 * Returns 0, or -1 at end of input, on a read error, or when the buffer is full. */
static int fill(struct sbuf *s, size_t limit)
{
	size_t need;
	ssize_t got;
	uint8_t *nb;

	if (s->eof)
		return -1;
	if (s->start > 0 && s->cap - s->len < CHUNK + 1) {
		memmove(s->b, s->b + s->start, s->len - s->start);
		s->len -= s->start;
		s->start = 0;
	}
	need = s->len + CHUNK + 1;
	if (need > s->cap) {
		if (s->len >= limit)
			return -1;
		if (!(nb = realloc(s->b, need > limit + CHUNK + 1 ? limit + CHUNK + 1 : need)))
			return s->err = ENOMEM, s->eof = 1, -1;
		s->b = nb;
		s->cap = need > limit + CHUNK + 1 ? limit + CHUNK + 1 : need;
	}
	do
		got = read(s->fd, s->b + s->len, s->cap - s->len - 1);
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		s->eof = 1;
		s->err = got < 0 ? errno : 0;
		return -1;
	}
	s->len += (size_t)got;
	return 0;
}

static size_t avail(const struct sbuf *s)
{
	return s->len - s->start;
}

/* Drops n unread bytes, counting their lines when lines is set. */
static void drop(struct sbuf *s, size_t n, int lines)
{
	const uint8_t *p, *end, *nl;

	if (!n)
		return;
	p = s->b + s->start;
	end = p + n;
	while (lines && p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		s->base_line++;
		p = nl + 1;
	}
	s->start += n;
	s->base_off += n;
}

static unsigned read_error(const char *path, unsigned index, const struct sbuf *s,
			   csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;

	csrl_error_set(&e, s->err == ENOMEM ? CSRL_ERR_NOMEM : CSRL_ERR_IO, s->base_off + avail(s),
		       "read error: %s", strerror(s->err));
	csrl_input_emit_error(path, index, 0, &e, 0, fn, ctx);
	return 1;
}

/* ---- PEM ------------------------------------------------------------------------------- */

/* Adds add to every "line N" of a message: the PEM reader numbers lines from the start of the
 * text it was given, which here is the start of one block. */
static void rebase_lines(char *msg, size_t size, long add)
{
	char out[sizeof ((struct csrl_error *)0)->msg], *p = msg, *end;
	size_t o = 0;
	long n;

	while (*p && o + 24 < sizeof out) {
		if (strncmp(p, "line ", 5) == 0 && p[5] >= '0' && p[5] <= '9') {
			n = strtol(p + 5, &end, 10);
			o += (size_t)snprintf(out + o, sizeof out - o, "line %ld", n + add);
			p = end;
		} else {
			out[o++] = *p++;
		}
	}
	if (*p)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s", p);
	out[o < sizeof out ? o : sizeof out - 1] = '\0';
	snprintf(msg, size, "%s", out);
}

/* Offset of the first line at or after *scan in b[0..n) that starts with "-----BEGIN " (at
 * a line start); *scan advances past the complete lines looked at. */
static int find_begin(const uint8_t *b, size_t n, size_t *scan, size_t *at)
{
	const uint8_t *nl;

	while (n - *scan >= BEGIN_LEN) {
		if (memcmp(b + *scan, BEGIN_MARK, BEGIN_LEN) == 0) {
			*at = *scan;
			return 1;
		}
		if (!(nl = memchr(b + *scan, '\n', n - *scan)))
			return 0;
		*scan = (size_t)(nl - b) + 1;
	}
	return 0;
}

/* End of the line that closes the block starting at b[0] (an END line, or a BEGIN line that
 * the PEM reader will report as such), searching complete lines from *scan (> 0); 0 when not
 * read yet. At end of input, the rest closes the block. */
static size_t find_close(const uint8_t *b, size_t n, size_t *scan, int eof)
{
	const uint8_t *nl;
	size_t ls;

	if (*scan == 0) {
		if (!(nl = memchr(b, '\n', n)))
			return eof ? n : 0;
		*scan = (size_t)(nl - b) + 1;
	}
	while (*scan < n) {
		ls = *scan;
		nl = memchr(b + ls, '\n', n - ls);
		if (!nl && !eof)
			return 0;
		*scan = nl ? (size_t)(nl - b) + 1 : n;
		if ((n - ls >= END_LEN && memcmp(b + ls, END_MARK, END_LEN) == 0) ||
		    (n - ls >= BEGIN_LEN && memcmp(b + ls, BEGIN_MARK, BEGIN_LEN) == 0))
			return *scan;
	}
	return eof ? n : 0;
}

/* Hands one block of the stream (the text b[0..n) of the sbuf) to the PEM reader; returns the
 * bytes it used and counts an error item in *errors. */
static size_t one_block(const char *path, struct sbuf *s, size_t n, unsigned index,
			unsigned *errors, csrl_input_fn fn, void *ctx)
{
	const char *text = (const char *)s->b + s->start;
	struct csrl_pem_block blk;
	struct csrl_input_item it;
	struct csrl_error e;
	size_t pos = 0;
	int rc;

	rc = csrl_pem_next(text, n, &pos, &blk, &e);
	if (rc == CSRL_ERR_OK && !blk.is_csr) {
		csrl_error_set(&e, CSRL_ERR_PEM_NOT_CSR, 0, "PEM block \"%s\" is %s, not a "
			       "certificate request", blk.label, csrl_pem_label_kind(blk.label));
		e.line = blk.begin_line;
		rc = e.code;
	}
	if (rc != CSRL_ERR_OK) {
		e.offset += s->base_off;
		if (e.line > 0)
			e.line += s->base_line;
		rebase_lines(e.msg, sizeof e.msg, s->base_line);
		csrl_input_emit_error(path, index, 0, &e, 1, fn, ctx);
		++*errors;
	} else {
		memset(&it, 0, sizeof it);
		it.path = path;
		it.index = index;
		it.der = blk.der;
		it.der_len = blk.der_len;
		it.is_pem = 1;
		it.pem_line = blk.begin_line + s->base_line;
		it.pem_offset = blk.begin_offset + s->base_off;
		it.legacy_label = blk.legacy_label;
		it.file = (const uint8_t *)text;
		it.file_len = n;
		it.file_base = s->base_off;
		it.block_len = pos - blk.begin_offset;
		fn(ctx, &it);
	}
	csrl_pem_block_clear(&blk);
	return pos ? pos : n;
}

/* Skips a block too long to hold: up to and including its END line, or up to a BEGIN line.
 * midline: the bytes before the buffer's start were part of the current line. */
static void skip_block(struct sbuf *s)
{
	const uint8_t *p, *nl;
	int midline = 1;            /* the block's own BEGIN line */
	size_t ln;

	for (;;) {
		p = s->b + s->start;
		if ((nl = memchr(p, '\n', avail(s)))) {
			ln = (size_t)(nl - p) + 1;
			if (!midline && ln > BEGIN_LEN && memcmp(p, BEGIN_MARK, BEGIN_LEN) == 0)
				return;
			drop(s, ln, 1);
			if (!midline && ln > END_LEN && memcmp(p, END_MARK, END_LEN) == 0)
				return;
			midline = 0;
			continue;
		}
		/* a partial line is kept only while it may still be a marker */
		if (midline || (avail(s) >= BEGIN_LEN && memcmp(p, BEGIN_MARK, BEGIN_LEN) != 0 &&
				memcmp(p, END_MARK, END_LEN) != 0)) {
			drop(s, avail(s), 1);
			midline = 1;
		}
		if (fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0) {
			drop(s, avail(s), 1);
			return;
		}
	}
}

static unsigned too_long(const char *path, unsigned index, const struct sbuf *s,
			 csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;

	csrl_error_set(&e, CSRL_ERR_TOO_LARGE, s->base_off, "line %ld: PEM block is longer than "
		       "%u bytes (more than one CSR of at most %u bytes can take); skipped to its "
		       "END line", s->base_line + 1, (unsigned)CSRL_INPUT_MAX_PEM_BLOCK,
		       CSRL_MAX_DER_SIZE);
	e.line = s->base_line + 1;
	csrl_input_emit_error(path, index, 0, &e, 1, fn, ctx);
	return 1;
}

/* One DER request read whole (bounded by CSRL_MAX_DER_SIZE). */
static unsigned der_stream(const char *path, struct sbuf *s, csrl_input_fn fn, void *ctx)
{
	struct csrl_input_item it;
	struct csrl_error e;

	while (avail(s) <= CSRL_MAX_DER_SIZE && fill(s, CSRL_MAX_DER_SIZE + 1) == 0)
		;
	if (s->err)
		return read_error(path, 1, s, fn, ctx);
	if (avail(s) > CSRL_MAX_DER_SIZE) {
		csrl_error_set(&e, CSRL_ERR_TOO_LARGE, CSRL_MAX_DER_SIZE, "DER input is larger than "
			       "the limit of %u bytes for one CSR", CSRL_MAX_DER_SIZE);
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = 1;
	it.der = s->b + s->start;
	it.der_len = avail(s);
	it.file = it.der;
	it.file_len = it.der_len;
	fn(ctx, &it);
	return 0;
}

/* The first read decides, like csrl_input_split for a file: DER when it starts with a
 * SEQUENCE and holds no PEM, otherwise a PEM stream. */
static unsigned pem_stream(const char *path, struct sbuf *s, csrl_input_fn fn, void *ctx)
{
	unsigned index = 0, errors = 0;
	size_t scan = 0, at, end;
	struct csrl_error e;
	uint8_t first;
	int looked_pem, midline = 0;

	fill(s, CHUNK);
	/* a first byte other than SEQUENCE is PEM (or nothing) without reading further */
	while (avail(s) > 0 && s->b[s->start] == 0x30 && avail(s) < CHUNK && fill(s, CHUNK) == 0)
		;
	if (s->err)
		return read_error(path, 1, s, fn, ctx);
	if (avail(s) == 0) {
		csrl_error_set(&e, CSRL_ERR_EMPTY, 0, "file is empty");
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	first = s->b[s->start];
	looked_pem = s->eof ? csrl_looks_like_pem(s->b + s->start, avail(s)) :
		     memmem(s->b + s->start, avail(s), BEGIN_MARK, BEGIN_LEN) != NULL;
	if (first == 0x30 && !looked_pem)
		return der_stream(path, s, fn, ctx);
	for (;;) {
		if (midline) {
			const uint8_t *p = s->b + s->start, *nl = memchr(p, '\n', avail(s));

			drop(s, nl ? (size_t)(nl - p) + 1 : avail(s), 1);
			midline = !nl;
			if (midline && fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				break;
			continue;
		}
		if (!find_begin(s->b + s->start, avail(s), &scan, &at)) {
			/* keep the last partial line while it may be the start of a BEGIN line */
			drop(s, scan, 1);
			scan = 0;
			if (avail(s) >= BEGIN_LEN) {
				drop(s, avail(s), 1);
				midline = 1;
			}
			if (fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				break;
			continue;
		}
		drop(s, at, 1);
		scan = 0;
		while (!(end = find_close(s->b + s->start, avail(s), &scan, s->eof))) {
			if (avail(s) >= CSRL_INPUT_MAX_PEM_BLOCK)
				break;
			if (fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				end = avail(s);
			if (s->err)
				break;
		}
		if (s->err)
			break;
		index++;
		if (!end) {
			errors += too_long(path, index, s, fn, ctx);
			skip_block(s);
		} else {
			drop(s, one_block(path, s, end, index, &errors, fn, ctx), 1);
		}
		scan = 0;
	}
	if (s->err)
		return errors + read_error(path, index + 1, s, fn, ctx);
	if (index == 0) {
		if (looked_pem)
			csrl_error_set(&e, CSRL_ERR_PEM_NO_BLOCK, 0, "no \"-----BEGIN CERTIFICATE "
				       "REQUEST-----\" block found");
		else
			csrl_error_set(&e, CSRL_ERR_NOT_PEM_OR_DER, 0, "input is neither PEM (no "
				       "\"-----BEGIN\" line) nor DER (first byte 0x%02x is not a "
				       "SEQUENCE)", first);
		csrl_input_emit_error(path, 1, 0, &e, looked_pem, fn, ctx);
		errors++;
	}
	return errors;
}

unsigned csrl_input_stream(const char *path, FILE *f, csrl_input_fn fn, void *ctx)
{
	struct sbuf s;
	unsigned errors;

	sbuf_init(&s, fileno(f));
	errors = pem_stream(path, &s, fn, ctx);

	free(s.b);
	return errors;
}

/* ---- Lines ----------------------------------------------------------------------------- */

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

	drop(&l->s, l->pending, 0);
	l->pending = 0;
	for (;;) {
		p = l->s.b + l->s.start;
		nl = l->s.b ? memchr(p + l->scan, '\n', avail(&l->s) - l->scan) : NULL;
		if (nl || (l->s.eof && avail(&l->s) > 0)) {
			*n = nl ? (size_t)(nl - p) : avail(&l->s);
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
		l->scan = avail(&l->s);
		if (avail(&l->s) > CSRL_INPUT_MAX_LINE)
			break;
		fill(&l->s, CSRL_INPUT_MAX_LINE + 1);
	}
	/* too long: skip to the end of the line */
	l->no++;
	l->off = l->s.base_off;
	for (;;) {
		p = l->s.b + l->s.start;
		if ((nl = memchr(p, '\n', avail(&l->s)))) {
			drop(&l->s, (size_t)(nl - p) + 1, 0);
			break;
		}
		drop(&l->s, avail(&l->s), 0);
		if (fill(&l->s, CSRL_INPUT_MAX_LINE + 1) < 0)
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
		errors += read_error(path, index + 1, &l.s, fn, ctx);
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
		errors += read_error(path, index + 1, &l.s, fn, ctx);
	close_lines(&l);
	return errors;
}
