/* input_stream.c - standard input and other streams of requests in bounded memory:
 * concatenated PEM read one block at a time (or one DER request). The buffer (sbuf.h) holds
 * at most one PEM block plus one read, so a stream of a billion bytes needs no more memory
 * than one request. Lists of paths and NDJSON are in input_lines.c. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbuf.h"

#define BEGIN_MARK "-----BEGIN "
#define END_MARK "-----END "
#define BEGIN_LEN (sizeof BEGIN_MARK - 1)
#define END_LEN (sizeof END_MARK - 1)

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

	/* the buffer starts at the block's BEGIN line: offsets and lines gain the buffer's */
	rc = csrl_input_pem_check(&blk, csrl_pem_next(text, n, &pos, &blk, &e), &e);
	if (rc != CSRL_ERR_OK) {
		e.offset += s->base_off;
		if (e.line > 0)
			e.line += s->base_line;
		rebase_lines(e.msg, sizeof e.msg, s->base_line);
		csrl_input_emit_error(path, index, 0, &e, 1, fn, ctx);
		++*errors;
	} else {
		csrl_input_pem_item(&it, path, index, &blk, (const uint8_t *)text, n, pos);
		it.pem_line += s->base_line;
		it.pem_offset += s->base_off;
		it.file_base = s->base_off;
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
		if ((nl = memchr(p, '\n', sbuf_avail(s)))) {
			ln = (size_t)(nl - p) + 1;
			if (!midline && ln > BEGIN_LEN && memcmp(p, BEGIN_MARK, BEGIN_LEN) == 0)
				return;
			sbuf_drop(s, ln, 1);
			if (!midline && ln > END_LEN && memcmp(p, END_MARK, END_LEN) == 0)
				return;
			midline = 0;
			continue;
		}
		/* a partial line is kept only while it may still be a marker */
		if (midline || (sbuf_avail(s) >= BEGIN_LEN &&
				memcmp(p, BEGIN_MARK, BEGIN_LEN) != 0 &&
				memcmp(p, END_MARK, END_LEN) != 0)) {
			sbuf_drop(s, sbuf_avail(s), 1);
			midline = 1;
		}
		if (sbuf_fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0) {
			sbuf_drop(s, sbuf_avail(s), 1);
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

	while (sbuf_avail(s) <= CSRL_MAX_DER_SIZE && sbuf_fill(s, CSRL_MAX_DER_SIZE + 1) == 0)
		;
	if (s->err)
		return sbuf_read_error(path, 1, s, fn, ctx);
	if (sbuf_avail(s) > CSRL_MAX_DER_SIZE) {
		csrl_error_set(&e, CSRL_ERR_TOO_LARGE, CSRL_MAX_DER_SIZE, "DER input is larger than "
			       "the limit of %u bytes for one CSR", CSRL_MAX_DER_SIZE);
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = 1;
	it.der = s->b + s->start;
	it.der_len = sbuf_avail(s);
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

	sbuf_fill(s, SBUF_CHUNK);
	/* a first byte other than SEQUENCE is PEM (or nothing) without reading further */
	while (sbuf_avail(s) > 0 && s->b[s->start] == 0x30 && sbuf_avail(s) < SBUF_CHUNK &&
	       sbuf_fill(s, SBUF_CHUNK) == 0)
		;
	if (s->err)
		return sbuf_read_error(path, 1, s, fn, ctx);
	if (sbuf_avail(s) == 0) {
		csrl_error_set(&e, CSRL_ERR_EMPTY, 0, "file is empty");
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	first = s->b[s->start];
	looked_pem = s->eof ? csrl_looks_like_pem(s->b + s->start, sbuf_avail(s)) :
		     memmem(s->b + s->start, sbuf_avail(s), BEGIN_MARK, BEGIN_LEN) != NULL;
	if (first == 0x30 && !looked_pem)
		return der_stream(path, s, fn, ctx);
	for (;;) {
		if (midline) {
			const uint8_t *p = s->b + s->start, *nl = memchr(p, '\n', sbuf_avail(s));

			sbuf_drop(s, nl ? (size_t)(nl - p) + 1 : sbuf_avail(s), 1);
			midline = !nl;
			if (midline && sbuf_fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				break;
			continue;
		}
		if (!find_begin(s->b + s->start, sbuf_avail(s), &scan, &at)) {
			/* keep the last partial line while it may be the start of a BEGIN line */
			sbuf_drop(s, scan, 1);
			scan = 0;
			if (sbuf_avail(s) >= BEGIN_LEN) {
				sbuf_drop(s, sbuf_avail(s), 1);
				midline = 1;
			}
			if (sbuf_fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				break;
			continue;
		}
		sbuf_drop(s, at, 1);
		scan = 0;
		while (!(end = find_close(s->b + s->start, sbuf_avail(s), &scan, s->eof))) {
			if (sbuf_avail(s) >= CSRL_INPUT_MAX_PEM_BLOCK)
				break;
			if (sbuf_fill(s, CSRL_INPUT_MAX_PEM_BLOCK) < 0)
				end = sbuf_avail(s);
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
			sbuf_drop(s, one_block(path, s, end, index, &errors, fn, ctx), 1);
		}
		scan = 0;
	}
	if (s->err)
		return errors + sbuf_read_error(path, index + 1, s, fn, ctx);
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
