/* sbuf.h - the read buffer of the stream readers (input_stream.c, input_lines.c): it holds
 * at most one PEM block or one line plus one read, so that a stream of any length needs no
 * more memory than one request. The caller owns the buffer: sbuf_init, then free(s->b). */
#ifndef CSRL_SBUF_H
#define CSRL_SBUF_H

#include <stddef.h>
#include <stdint.h>

#include "input.h"

/* Bytes asked of read() at a time. */
#define SBUF_CHUNK 65536u

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

/** Starts a buffer on fd with room for one read, so that b is never NULL while reading (a
 * failed allocation reads as a read error: ENOMEM). */
void sbuf_init(struct sbuf *s, int fd);
/** Reads once more (up to SBUF_CHUNK bytes), growing the buffer to at most limit bytes of
 * data. Returns 0, or -1 at end of input, on a read error, or when the buffer is full. */
int sbuf_fill(struct sbuf *s, size_t limit);
/** Drops n unread bytes, counting their lines when lines is set. */
void sbuf_drop(struct sbuf *s, size_t n, int lines);
/** Reports the read error of s as item index of path (one error item); returns 1. */
unsigned sbuf_read_error(const char *path, unsigned index, const struct sbuf *s,
			 csrl_input_fn fn, void *ctx);

/** Bytes read and not yet dropped. */
static inline size_t sbuf_avail(const struct sbuf *s)
{
	return s->len - s->start;
}

#endif
