/* arena.c - bump allocator: a parsed CSR's nodes and model live in one arena, freed at once. */
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"

struct chunk {
	struct chunk *prev;
	size_t size, used;
	/* data follows, 16-byte aligned */
};

struct csrl_arena {
	struct chunk *head;
	size_t chunk_size;
	size_t total;
};

#define ALIGN16(n) (((n) + 15u) & ~(size_t)15u)
#define CHUNK_HDR ALIGN16(sizeof(struct chunk))

struct csrl_arena *csrl_arena_new(size_t chunk_size)
{
	struct csrl_arena *a = calloc(1, sizeof *a);

	if (!a)
		return NULL;
	a->chunk_size = chunk_size ? chunk_size : 16384;
	return a;
}

void csrl_arena_free(struct csrl_arena *a)
{
	struct chunk *c, *prev;

	if (!a)
		return;
	for (c = a->head; c; c = prev) {
		prev = c->prev;
		free(c);
	}
	free(a);
}

void *csrl_arena_alloc(struct csrl_arena *a, size_t size)
{
	struct chunk *c = a->head;
	void *p;

	size = ALIGN16(size ? size : 1);
	if (!c || c->size - c->used < size) {
		size_t want = size > a->chunk_size ? size : a->chunk_size;

		if (want > SIZE_MAX - CHUNK_HDR)
			return NULL;
		c = malloc(CHUNK_HDR + want);
		if (!c)
			return NULL;
		c->prev = a->head;
		c->size = want;
		c->used = 0;
		a->head = c;
		/* Grow chunks geometrically so that big trees need few mallocs. */
		if (a->chunk_size < (1u << 20))
			a->chunk_size *= 2;
	}
	p = (char *)c + CHUNK_HDR + c->used;
	c->used += size;
	a->total += size;
	memset(p, 0, size);
	return p;
}

char *csrl_arena_strndup(struct csrl_arena *a, const void *p, size_t len)
{
	char *s;

	if (len == SIZE_MAX)
		return NULL;
	s = csrl_arena_alloc(a, len + 1);
	if (!s)
		return NULL;
	if (len)
		memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

size_t csrl_arena_used(const struct csrl_arena *a)
{
	return a ? a->total : 0;
}
