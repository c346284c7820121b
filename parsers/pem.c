/* pem.c - RFC 7468 PEM armour: finds "-----BEGIN x-----" blocks in text and decodes them.
 *
 * Strict on the inside of a block (only the base64 alphabet, '=' only at the end, whitespace
 * only at line ends) because a CSR that other tools parse leniently is still worth a precise
 * message; lenient outside blocks (any text before, between and after them is ignored).
 * Decoding is Nettle's; this file only splits lines so that errors can name line and column.
 * Every scan moves forward, so a call costs O(bytes consumed) and a whole file O(n).
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/base64.h>

#include "csrlint.h"

#define BEGIN_MARK "-----BEGIN "
#define END_MARK "-----END "
#define DASHES "-----"
#define BEGIN_LEN (sizeof BEGIN_MARK - 1)
#define END_LEN (sizeof END_MARK - 1)
#define DASHES_LEN (sizeof DASHES - 1)
#define LABEL_MAX (sizeof ((struct csrl_pem_block *)0)->label)
/* Decoded bytes allowed beyond CSRL_MAX_DER_SIZE in the buffer: room for one line's rounding
 * so that a block of exactly the limit is accepted; anything above it is rejected after. */
#define DER_SLACK 64u

/* One line of the text: [start, end) without the newline; next is where the next line starts. */
struct line {
	size_t start, end, next;
	long no;
};

/* State of the block being decoded. */
struct block {
	const char *text;
	struct csrl_pem_block *blk;
	struct base64_decode_ctx b64;
	size_t cap;                 /* allocated bytes of blk->der */
	int seen_data;              /* a base64 line was decoded (headers are over) */
	int in_header;              /* the previous line was an RFC 1421 header */
	long last_data_line;        /* for the final padding message */
	size_t last_data_end;
};

/* Where the previous call stopped, so that line numbers of a file read block by block are
 * counted once and not from the start at every call (that would be quadratic). Per thread;
 * reused only for the same buffer, length and a position at or after the cached one. */
static _Thread_local struct {
	const char *text;
	size_t len, pos;
	long line;
} cache;

static long count_lines(const char *text, size_t from, size_t to, long line)
{
	const char *p = text + from, *end = text + to, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

/* Line number (1-based) of offset pos, using the cache when it applies. */
static long line_of(const char *text, size_t len, size_t pos)
{
	if (cache.text == text && cache.len == len && cache.pos <= pos)
		return count_lines(text, cache.pos, pos, cache.line);
	return count_lines(text, 0, pos, 1);
}

static void remember(const char *text, size_t len, size_t pos, long line)
{
	cache.text = text;
	cache.len = len;
	cache.pos = pos;
	cache.line = line;
}

static void line_at(const char *text, size_t len, size_t start, long no, struct line *ln)
{
	const char *nl = memchr(text + start, '\n', len - start);

	ln->start = start;
	ln->end = nl ? (size_t)(nl - text) : len;
	ln->next = nl ? ln->end + 1 : len;
	ln->no = no;
}

/* Tolerated at the end of a body line (CRLF files, editors' trailing blanks). */
static int is_trailing(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Whitespace that Nettle would skip silently: refused inside a line (strict). */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int starts_with(const char *text, const struct line *ln, const char *mark, size_t n)
{
	return ln->end - ln->start >= n && memcmp(text + ln->start, mark, n) == 0;
}

/* Shows a character for a message: 'x' when printable, 0xNN otherwise. */
static void show_char(unsigned char c, char *buf, size_t size)
{
	if (c >= 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "0x%02X", c);
}

static int fail_at(struct csrl_error *err, int code, size_t offset, long line,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sets err to "line N<fmt...>" with err->line = N; returns code. */
static int fail_at(struct csrl_error *err, int code, size_t offset, long line,
		   const char *fmt, ...)
{
	char msg[sizeof err->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	csrl_error_set(err, code, offset, "line %ld%s", line, msg);
	if (err)
		err->line = line;
	return code;
}

/* Reads the label of a BEGIN or END line after the mark: printable text up to "-----". */
static int read_label(const char *text, const struct line *ln, size_t mark_len, char *label)
{
	size_t p = ln->start + mark_len, n = 0;

	for (; p < ln->end && n < LABEL_MAX; p++, n++) {
		if (ln->end - p >= DASHES_LEN && memcmp(text + p, DASHES, DASHES_LEN) == 0)
			break;
		if ((unsigned char)text[p] < 0x20 || (unsigned char)text[p] > 0x7e)
			return -1;
	}
	if (n >= LABEL_MAX || ln->end - p < DASHES_LEN)
		return -1;
	memcpy(label, text + ln->start + mark_len, n);
	label[n] = '\0';
	return 0;
}

/* Finds the next line starting with "-----BEGIN " at or after pos; 0 when there is none.
 * Walks line starts with memchr rather than memmem: sanitizer builds check memmem's whole
 * haystack at each call, which made reading a bundle block by block quadratic. */
static int find_begin(const char *text, size_t len, size_t pos, size_t *at)
{
	const char *nl;

	if (pos > 0 && text[pos - 1] != '\n') {
		nl = memchr(text + pos, '\n', len - pos);
		if (!nl)
			return 0;
		pos = (size_t)(nl - text) + 1;
	}
	while (len - pos >= BEGIN_LEN) {
		if (memcmp(text + pos, BEGIN_MARK, BEGIN_LEN) == 0) {
			*at = pos;
			return 1;
		}
		nl = memchr(text + pos, '\n', len - pos);
		if (!nl)
			return 0;
		pos = (size_t)(nl - text) + 1;
	}
	return 0;
}

/* Makes room for need decoded bytes, refusing blocks beyond CSRL_MAX_DER_SIZE. */
static int grow(struct block *b, size_t need, const struct line *ln, struct csrl_error *err)
{
	size_t limit = CSRL_MAX_DER_SIZE + DER_SLACK, cap = b->cap ? b->cap : 4096;
	uint8_t *p;

	if (need <= b->cap)
		return CSRL_ERR_OK;
	if (need > limit)
		return fail_at(err, CSRL_ERR_TOO_LARGE, ln->start, ln->no,
			       ": %s block decodes to more than %u bytes (the limit for one CSR)",
			       b->blk->label, CSRL_MAX_DER_SIZE);
	while (cap < need)
		cap *= 2;
	if (cap > limit)
		cap = limit;
	p = realloc(b->blk->der, cap);
	if (!p)
		return csrl_error_set(err, CSRL_ERR_NOMEM, ln->start, "out of memory decoding PEM");
	b->blk->der = p;
	b->cap = cap;
	return CSRL_ERR_OK;
}

/* Reports the first character of a line that Nettle rejected, replaying it one character at
 * a time from the state before the line (Nettle's update says only that something failed).
 * Whitespace inside a line is refused here too: Nettle would skip it silently. */
static int bad_char(struct block *b, const struct line *ln, size_t end,
		    const struct base64_decode_ctx *before, struct csrl_error *err)
{
	struct base64_decode_ctx ctx = *before;
	size_t p;
	uint8_t out;
	char shown[8];
	const char *what = "invalid base64 character";

	for (p = ln->start; p < end; p++) {
		if (is_space(b->text[p]))
			break;
		if (base64_decode_single(&ctx, &out, b->text[p]) < 0) {
			if (b->text[p] == '=')
				what = "unexpected '=' (misplaced padding, or non-zero bits before "
				       "it), character";
			else if (ctx.padding)
				what = "base64 data after '=' padding, at character";
			break;
		}
	}
	if (p == end)
		p = end - 1; /* not expected: Nettle refused the line as a whole */
	show_char((unsigned char)b->text[p], shown, sizeof shown);
	return fail_at(err, CSRL_ERR_PEM_BASE64, p, ln->no, ", column %zu: %s %s in %s block",
		       p - ln->start + 1, what, shown, b->blk->label);
}

/* Whether a line before any data is an RFC 1421 header ("Proc-Type: 4,ENCRYPTED") or the
 * continuation of one (leading whitespace). */
static int is_header(const struct block *b, const struct line *ln, size_t end)
{
	if (b->seen_data)
		return 0;
	if (b->in_header && is_space(b->text[ln->start]))
		return 1;
	return memchr(b->text + ln->start, ':', end - ln->start) != NULL;
}

static int header_line(struct block *b, const struct line *ln, size_t end,
		       struct csrl_error *err)
{
	const char *colon = memchr(b->text + ln->start, ':', end - ln->start);
	int name_len = colon ? (int)(colon - (b->text + ln->start)) : 0;

	if (!b->blk->is_csr) {
		b->in_header = 1;
		return CSRL_ERR_OK;
	}
	if (name_len > 40)
		name_len = 40;
	return fail_at(err, CSRL_ERR_PEM_BASE64, ln->start, ln->no,
		       ": header \"%.*s\" in %s block; RFC 7468 allows no headers in a "
		       "certificate request, remove the line", name_len, b->text + ln->start,
		       b->blk->label);
}

/* Decodes one body line into blk->der. */
static int decode_line(struct block *b, const struct line *ln, struct csrl_error *err)
{
	struct base64_decode_ctx before;
	size_t end = ln->end, p, n = 0;
	int rc;

	while (end > ln->start && is_trailing(b->text[end - 1]))
		end--;
	if (end == ln->start) {
		b->in_header = 0; /* a blank line closes the headers */
		return CSRL_ERR_OK;
	}
	if (is_header(b, ln, end))
		return header_line(b, ln, end, err);
	b->in_header = 0;
	before = b->b64;
	for (p = ln->start; p < end; p++) {
		if (is_space(b->text[p]))
			return bad_char(b, ln, end, &before, err);
	}
	rc = grow(b, b->blk->der_len + BASE64_DECODE_LENGTH(end - ln->start), ln, err);
	if (rc != CSRL_ERR_OK)
		return rc;
	if (!base64_decode_update(&b->b64, &n, b->blk->der + b->blk->der_len, end - ln->start,
				  b->text + ln->start))
		return bad_char(b, ln, end, &before, err);
	b->blk->der_len += n;
	b->seen_data = 1;
	b->last_data_line = ln->no;
	b->last_data_end = end;
	return CSRL_ERR_OK;
}

/* Checks what only the whole block can tell: END label, final padding, size, emptiness. */
static int finish(struct block *b, const struct line *end_ln, struct csrl_error *err)
{
	struct csrl_pem_block *blk = b->blk;
	char label[LABEL_MAX];

	if (read_label(b->text, end_ln, END_LEN, label) < 0)
		return fail_at(err, CSRL_ERR_PEM_UNTERMINATED, end_ln->start, end_ln->no,
			       ": malformed END line for the %s block of line %ld", blk->label,
			       blk->begin_line);
	if (strcmp(label, blk->label) != 0)
		return fail_at(err, CSRL_ERR_PEM_UNTERMINATED, end_ln->start, end_ln->no,
			       ": END label \"%s\" does not match BEGIN label \"%s\" of line %ld",
			       label, blk->label, blk->begin_line);
	if (!b->seen_data)
		return fail_at(err, CSRL_ERR_EMPTY, blk->begin_offset, blk->begin_line,
			       ": %s block holds no data", blk->label);
	if (!base64_decode_final(&b->b64))
		return fail_at(err, CSRL_ERR_PEM_BASE64, b->last_data_end, b->last_data_line,
			       ": base64 data of the %s block ends with a truncated group or wrong "
			       "'=' padding (the length must be a multiple of 4)", blk->label);
	if (blk->der_len > CSRL_MAX_DER_SIZE)
		return fail_at(err, CSRL_ERR_TOO_LARGE, b->last_data_end, b->last_data_line,
			       ": %s block decodes to more than %u bytes (the limit for one CSR)",
			       blk->label, CSRL_MAX_DER_SIZE);
	return CSRL_ERR_OK;
}

/* Reads the BEGIN line at `at`; fills the block's label and position. */
static int begin_block(const char *text, size_t len, size_t at, struct csrl_pem_block *blk,
		       struct line *ln, struct csrl_error *err)
{
	line_at(text, len, at, line_of(text, len, at), ln);
	blk->begin_offset = at;
	blk->begin_line = ln->no;
	if (read_label(text, ln, BEGIN_LEN, blk->label) < 0)
		return fail_at(err, CSRL_ERR_PEM_BASE64, at, ln->no,
			       ": malformed BEGIN line; expected \"-----BEGIN <label>-----\" with "
			       "a label of at most %zu printable characters", LABEL_MAX - 1);
	blk->legacy_label = strcmp(blk->label, "NEW CERTIFICATE REQUEST") == 0;
	blk->is_csr = blk->legacy_label || strcmp(blk->label, "CERTIFICATE REQUEST") == 0;
	return CSRL_ERR_OK;
}

/* Sets *pos to the start of line ln->next, remembering its number; returns rc. */
static int stop(const char *text, size_t len, size_t *pos, const struct line *ln, int rc,
		struct csrl_pem_block *blk)
{
	*pos = ln->next;
	remember(text, len, ln->next, ln->next > ln->end ? ln->no + 1 : ln->no);
	if (rc != CSRL_ERR_OK)
		csrl_pem_block_clear(blk);
	return rc;
}

int csrl_pem_next(const char *text, size_t len, size_t *pos, struct csrl_pem_block *blk,
		  struct csrl_error *err)
{
	struct block b = { .text = text, .blk = blk };
	struct line ln;
	size_t at;
	int rc;

	memset(blk, 0, sizeof *blk);
	/* The cache holds for a call that goes on where the previous one stopped; a new scan
	 * (from 0, or of new text at the same address) counts from the start. */
	if (cache.text != text || cache.len != len || cache.pos != *pos || *pos == 0)
		cache.text = NULL;
	if (!text || *pos >= len || !find_begin(text, len, *pos, &at)) {
		*pos = len;
		return csrl_error_set(err, CSRL_ERR_PEM_NO_BLOCK, len, "no PEM block found");
	}
	rc = begin_block(text, len, at, blk, &ln, err);
	if (rc != CSRL_ERR_OK)
		return stop(text, len, pos, &ln, rc, blk);
	base64_decode_init(&b.b64);
	/* Scan to the END line even after an error, so that *pos lands past the bad block. */
	while (ln.next < len && ln.next > ln.end) {
		line_at(text, len, ln.next, ln.no + 1, &ln);
		if (starts_with(text, &ln, END_MARK, END_LEN)) {
			if (rc == CSRL_ERR_OK)
				rc = finish(&b, &ln, err);
			return stop(text, len, pos, &ln, rc, blk);
		}
		if (starts_with(text, &ln, BEGIN_MARK, BEGIN_LEN)) {
			/* Leave *pos on this BEGIN line: the next call reads that block. */
			*pos = ln.start;
			remember(text, len, ln.start, ln.no);
			csrl_pem_block_clear(blk);
			return fail_at(err, CSRL_ERR_PEM_UNTERMINATED, at, blk->begin_line,
				       ": %s block has no END line before the BEGIN line %ld",
				       blk->label, ln.no);
		}
		if (rc == CSRL_ERR_OK)
			rc = decode_line(&b, &ln, err);
	}
	stop(text, len, pos, &ln, CSRL_ERR_PEM_UNTERMINATED, blk);
	return fail_at(err, CSRL_ERR_PEM_UNTERMINATED, at, blk->begin_line,
		       ": %s block has no \"-----END %s-----\" line", blk->label, blk->label);
}

void csrl_pem_block_clear(struct csrl_pem_block *blk)
{
	if (!blk)
		return;
	free(blk->der);
	blk->der = NULL;
	blk->der_len = 0;
}

static const struct {
	const char *label, *kind;
} kinds[] = {
	{ "CERTIFICATE", "an X.509 certificate" },
	{ "TRUSTED CERTIFICATE", "an X.509 certificate" },
	{ "X509 CERTIFICATE", "an X.509 certificate" },
	{ "PRIVATE KEY", "a private key" },
	{ "RSA PRIVATE KEY", "a private key" },
	{ "EC PRIVATE KEY", "a private key" },
	{ "ENCRYPTED PRIVATE KEY", "a private key" },
	{ "DSA PRIVATE KEY", "a private key" },
	{ "OPENSSH PRIVATE KEY", "a private key" },
	{ "PUBLIC KEY", "a public key" },
	{ "RSA PUBLIC KEY", "a public key" },
	{ "X509 CRL", "a certificate revocation list" },
	{ "PKCS7", "a PKCS#7/CMS message" },
	{ "CMS", "a PKCS#7/CMS message" },
	{ "EC PARAMETERS", "domain parameters" },
	{ "DH PARAMETERS", "domain parameters" },
	{ "CERTIFICATE REQUEST", "a certificate request" },
	{ "NEW CERTIFICATE REQUEST", "a certificate request" },
};

const char *csrl_pem_label_kind(const char *label)
{
	size_t i;

	for (i = 0; label && i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(label, kinds[i].label) == 0)
			return kinds[i].kind;
	}
	return "a PEM block of another type";
}

/* PEM when "-----BEGIN " occurs anywhere, unless the buffer is plausibly one DER SEQUENCE: a
 * 0x30 byte, then a long-form length (0x81..0x84) that fits in the buffer, or a short-form
 * length that covers the buffer exactly. The short form must match exactly because text
 * starting with '0' (0x30) is followed by an ASCII byte that reads as a short length. A CSR
 * whose DER happens to contain "-----BEGIN " (in a string value) stays DER. */
int csrl_looks_like_pem(const uint8_t *buf, size_t len)
{
	size_t hdr = 2, body = 0, i;

	if (!buf || !memmem(buf, len, BEGIN_MARK, BEGIN_LEN))
		return 0;
	if (len < 2 || buf[0] != 0x30)
		return 1;
	if (buf[1] < 0x80)
		return (size_t)buf[1] + 2 != len;
	if (buf[1] < 0x81 || buf[1] > 0x84)
		return 1;
	hdr += buf[1] & 0x7fu;
	if (len < hdr)
		return 1;
	for (i = 2; i < hdr; i++)
		body = (body << 8) | buf[i];
	return body > len - hdr;
}
