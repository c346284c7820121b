/* fuzz.h - what every harness shares: the libFuzzer entry point's prototype, an invariant
 * check that aborts (a crash both to libFuzzer and to AFL++), and a read of every byte of a
 * range so that ASan sees pointers that lead outside their buffer. */
#ifndef CSRL_FUZZ_H
#define CSRL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of the API is a bug: report it as a crash, naming the line. */
#define FUZZ_CHECK(cond)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
				__FILE__, __LINE__, #cond);			\
			abort();						\
		}								\
	} while (0)

/* Reads p[0..n): an out-of-bounds or freed range is reported by ASan here. */
static inline void fuzz_touch(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t x = 0;
	size_t i;

	for (i = 0; i < n; i++)
		x ^= b[i];
	__asm__ volatile("" : : "r"(x));    /* keeps the reads */
}

/* Checks that s is a NUL-terminated string within size bytes and reads it. */
static inline void fuzz_touch_str(const char *s, size_t size)
{
	size_t i;

	FUZZ_CHECK(s != NULL);
	for (i = 0; i < size && s[i]; i++)
		;
	FUZZ_CHECK(i < size);
}

#endif
