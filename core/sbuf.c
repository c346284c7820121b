/* sbuf.c - the read buffer of the stream readers (sbuf.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbuf.h"

void sbuf_init(struct sbuf *s, int fd)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	if ((s->b = malloc(SBUF_CHUNK + 1)) != NULL)
		s->cap = SBUF_CHUNK + 1;
	else
		s->eof = 1, s->err = ENOMEM;
}

int sbuf_fill(struct sbuf *s, size_t limit)
{
	size_t need;
	ssize_t got;
	uint8_t *nb;

	if (s->eof)
		return -1;
	if (s->start > 0 && s->cap - s->len < SBUF_CHUNK + 1) {
		memmove(s->b, s->b + s->start, s->len - s->start);
		s->len -= s->start;
		s->start = 0;
	}
	need = s->len + SBUF_CHUNK + 1;
	if (need > s->cap) {
		if (s->len >= limit)
			return -1;
		if (need > limit + SBUF_CHUNK + 1)
			need = limit + SBUF_CHUNK + 1;
		if (!(nb = realloc(s->b, need)))
			return s->err = ENOMEM, s->eof = 1, -1;
		s->b = nb;
		s->cap = need;
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

void sbuf_drop(struct sbuf *s, size_t n, int lines)
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

unsigned sbuf_read_error(const char *path, unsigned index, const struct sbuf *s,
			 csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;

	csrl_error_set(&e, s->err == ENOMEM ? CSRL_ERR_NOMEM : CSRL_ERR_IO,
		       s->base_off + sbuf_avail(s), "read error: %s", strerror(s->err));
	csrl_input_emit_error(path, index, 0, &e, 0, fn, ctx);
	return 1;
}
