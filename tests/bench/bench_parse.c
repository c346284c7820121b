/* bench_parse.c - `make bench`: throughput over a folder of PEM CSRs, in one process, timed
 * like the peers in ../shared/bench (files are read before the clock starts).
 *   bench_parse DIR                      PEM decode + parse + verify (what `inspect` does)
 *   bench_parse --lint [--disable P] DIR  the same plus every rule of the tls-server profile
 * Prints "csrlint[-lint]: N CSRs, V valid, T s, R CSR/s". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrlint.h"
#include "input.h"
#include "lint.h"

struct file { uint8_t *buf; size_t len; };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t load(const char *dir, struct file **out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	struct file *files;
	struct csrl_error err;

	if (!d) {
		perror(dir);
		exit(2);
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 4 || strcmp(e->d_name + l - 4, ".csr") != 0)
			continue;
		if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 1024) * sizeof *names)))
			exit(2);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	if (!(files = calloc(n ? n : 1, sizeof *files)))
		exit(2);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (csrl_input_read(path, &files[i].buf, &files[i].len, &err) != CSRL_ERR_OK) {
			fprintf(stderr, "%s: %s\n", path, err.msg);
			exit(2);
		}
		free(names[i]);
	}
	free(names);
	*out = files;
	return n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct file *files;
	size_t n, i, valid = 0, findings = 0;
	double t0, dt;
	int lint = 0, a = 1;
	const char *disable[2] = { NULL, NULL };
	struct csrl_lint_opts opts = { .profile = CSRL_PROFILE_TLS_SERVER, .disable = disable };

	for (; a < argc - 1; a++) {
		if (strcmp(argv[a], "--lint") == 0)
			lint = 1;
		else if (strcmp(argv[a], "--disable") == 0 && a + 1 < argc - 1)
			disable[0] = argv[++a];
		else
			break;
	}
	if (a != argc - 1) {
		fprintf(stderr, "usage: bench_parse [--lint [--disable PREFIX]] DIR\n");
		return 2;
	}
	n = load(argv[a], &files);
	t0 = now();
	for (i = 0; i < n; i++) {
		struct csrl_pem_block blk;
		struct csrl_csr *csr;
		struct csrl_verify_result vr;
		struct csrl_findings f = { 0 };
		size_t pos = 0;

		memset(&blk, 0, sizeof blk);
		if (csrl_pem_next((const char *)files[i].buf, files[i].len, &pos, &blk, NULL) ==
		    CSRL_ERR_OK && csrl_csr_parse(blk.der, blk.der_len, &csr, NULL) == CSRL_ERR_OK) {
			if (lint) {
				/* csrl_lint_csr verifies the signature itself */
				csrl_lint_csr(csr, &opts, &f);
				findings += f.n;
				valid += f.n == 0 || !csrl_rule_find("sig.invalid");
				csrl_findings_clear(&f);
			} else {
				csrl_verify(csr, &vr);
				valid += vr.status == CSRL_VERIFY_VALID;
			}
			csrl_csr_free(csr);
		}
		csrl_pem_block_clear(&blk);
	}
	dt = now() - t0;
	printf("csrlint%s%s%s: %zu CSRs, %zu %s, %.3fs, %.0f CSR/s\n", lint ? "-lint" : "",
	       disable[0] ? " without " : "", disable[0] ? disable[0] : "", n,
	       lint ? findings : valid, lint ? "findings" : "valid", dt, (double)n / dt);
	for (i = 0; i < n; i++)
		free(files[i].buf);
	free(files);
	return 0;
}
