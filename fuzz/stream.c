/* stream.c - fuzz harness for the streaming readers of `csrlint lint`: the first byte picks
 * one, the rest is the stream. 0: concatenated PEM (or one DER request) as `lint -` reads
 * standard input (csrl_input_stream); 1: NDJSON records, `--input ndjson`
 * (csrl_input_ndjson); 2: a list of paths, `--input lines` (csrl_input_lines; the paths are
 * counted, never opened). Every item is copied and freed as the lint run does. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csrlint.h"
#include "input.h"
#include "fuzz.h"

struct seen {
	unsigned items, errors, paths;
};

static void on_item(void *ctx, const struct csrl_input_item *it)
{
	struct seen *s = ctx;
	struct csrl_input_item *copy;

	s->items++;
	FUZZ_CHECK(it->path != NULL && it->index >= 1);
	if (it->err != CSRL_ERR_OK) {
		s->errors++;
		FUZZ_CHECK(it->der == NULL);
		fuzz_touch_str(it->error.msg, sizeof it->error.msg);
		FUZZ_CHECK(it->error.msg[0] != '\0');   /* every error item says why */
	} else {
		FUZZ_CHECK(it->der != NULL && it->der_len > 0 && it->der_len <= CSRL_MAX_DER_SIZE);
		fuzz_touch(it->der, it->der_len);
	}
	if (it->file)
		fuzz_touch(it->file, it->file_len);
	if (it->id)
		fuzz_touch_str(it->id, SIZE_MAX);
	/* what the lint run does with every item: a copy owned by the job, then freed */
	if ((copy = csrl_input_item_dup(it)) != NULL) {
		FUZZ_CHECK(copy->der_len == it->der_len && copy->index == it->index);
		if (it->der)
			FUZZ_CHECK(memcmp(copy->der, it->der, it->der_len) == 0);
		csrl_input_item_free(copy);
	}
}

static void on_path(void *ctx, const char *path)
{
	struct seen *s = ctx;

	FUZZ_CHECK(path[0] != '\0');                    /* empty lines are skipped */
	fuzz_touch_str(path, CSRL_INPUT_MAX_LINE + 1);
	s->paths++;
}

/* The readers take a descriptor or a path: an anonymous in-memory file gives both. */
static int memfile(const uint8_t *data, size_t size, char *path, size_t cap)
{
	int fd = memfd_create("fuzz-stream", MFD_CLOEXEC);
	size_t done = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (done < size) {
		if ((n = write(fd, data + done, size - done)) <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	snprintf(path, cap, "/proc/self/fd/%d", fd);
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { 0 };
	char path[64];
	unsigned errors;
	FILE *f;
	int fd;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		/* the stream reader reads the descriptor under the FILE (as for stdin) */
		if ((fd = memfile(data + 1, size - 1, path, sizeof path)) < 0)
			return 0;
		if (lseek(fd, 0, SEEK_SET) != 0 || !(f = fdopen(fd, "rb"))) {
			close(fd);
			return 0;
		}
		errors = csrl_input_stream("<fuzz>", f, on_item, &s);
		fclose(f);
		FUZZ_CHECK(errors == s.errors);
		/* the stream never ends without an answer: at least one item, CSR or error */
		FUZZ_CHECK(s.items >= 1);
		break;
	case 1:
		if ((fd = memfile(data + 1, size - 1, path, sizeof path)) < 0)
			return 0;
		errors = csrl_input_ndjson(path, on_item, &s);
		close(fd);
		FUZZ_CHECK(errors == s.errors);
		break;
	default:
		if ((fd = memfile(data + 1, size - 1, path, sizeof path)) < 0)
			return 0;
		errors = csrl_input_lines(path, on_path, on_item, &s);
		close(fd);
		FUZZ_CHECK(errors == s.errors);
		break;
	}
	return 0;
}
