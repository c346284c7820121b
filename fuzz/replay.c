/* replay.c - runs a fuzz harness over files, without libFuzzer: linked with one harness, it
 * calls LLVMFuzzerTestOneInput once per file found (recursively, sorted, symbolic links not
 * followed) below each directory or file named on the command line, or below the compiled-in
 * REPLAY_DIRS (colon-separated, relative to the repository top) when there is none. Note
 * files (*.txt, README*) are skipped. Prints cmocka's summary lines so that tests/run.sh
 * counts one test per file. A crash kills the process, which run.sh counts as a failure. */
#define _GNU_SOURCE /* nftw FTW_PHYS */
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef REPLAY_DIRS
#define REPLAY_DIRS ""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static char **files;
static size_t nfiles, capfiles;
static int walk_failed;

static int is_note(const char *base)
{
	size_t n = strlen(base);

	return strncmp(base, "README", 6) == 0 || (n >= 4 && strcmp(base + n - 4, ".txt") == 0) ||
	       base[0] == '.';
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	if (type == FTW_DNR || type == FTW_NS) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		walk_failed = 1;
		return 0;
	}
	if (type != FTW_F || is_note(path + ftw->base))
		return 0;
	if (nfiles == capfiles) {
		size_t cap = capfiles ? 2 * capfiles : 256;
		char **v = realloc(files, cap * sizeof *v);

		if (!v)
			return -1;
		files = v;
		capfiles = cap;
	}
	if (!(files[nfiles] = strdup(path)))
		return -1;
	nfiles++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a buffer of exactly its size, so that ASan sees any over-read. */
static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	fclose(f);
	*len = (size_t)n;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

/* Collects the files below one root; a missing default directory is simply empty. */
static int add_root(const char *root, int must_exist)
{
	struct stat st;

	if (stat(root, &st) != 0) {
		if (!must_exist && errno == ENOENT)
			return 0;
		fprintf(stderr, "replay: %s: %s\n", root, strerror(errno));
		return -1;
	}
	if (nftw(root, collect, 16, FTW_PHYS) != 0) {
		fprintf(stderr, "replay: cannot walk %s\n", root);
		return -1;
	}
	return walk_failed ? -1 : 0;
}

static int add_defaults(void)
{
	char *dirs = strdup(REPLAY_DIRS), *save = NULL, *d;
	int rc = 0;

	if (!dirs)
		return -1;
	for (d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
		if (add_root(d, 0) != 0)
			rc = -1;
	free(dirs);
	return rc;
}

int main(int argc, char **argv)
{
	size_t i, passed, failed = 0;
	int a, rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (a = 1; a < argc; a++)
			if (add_root(argv[a], 1) != 0)
				rc = -1;
	} else {
		rc = add_defaults();
	}
	if (nfiles)
		qsort(files, nfiles, sizeof *files, by_name);
	printf("[==========] Running %zu test(s).\n", nfiles);
	for (i = 0; i < nfiles; i++) {
		size_t len = 0;
		uint8_t *buf;

		printf("[ RUN      ] %s\n", files[i]);
		fflush(stdout);
		if (!(buf = read_file(files[i], &len))) {
			printf("[  ERROR   ] %s: cannot read\n", files[i]);
			failed++;
		} else {
			LLVMFuzzerTestOneInput(buf, len);
			printf("[       OK ] %s\n", files[i]);
			free(buf);
		}
		free(files[i]);
	}
	free(files);
	passed = nfiles - failed;
	if (rc != 0 || nfiles == 0)
		failed++;      /* a missing directory or nothing to replay is a failure */
	if (passed || !failed)
		printf("[  PASSED  ] %zu test(s).\n", passed);
	if (failed) {
		printf("[  FAILED  ] %zu test(s), listed above.\n", failed);
		return 1;
	}
	return 0;
}
