/* input.c - reading files and splitting them into CSRs: DER is one CSR, PEM may hold many
 * (RFC 7468), and every failure becomes one error item so that a batch goes on. */
#define _GNU_SOURCE /* nftw FTW_PHYS */
#include <errno.h>
#include <ftw.h>
#include <sys/stat.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

const char *csrl_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int csrl_input_read(const char *path, uint8_t **buf, size_t *len, struct csrl_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0, got;
	uint8_t *b = NULL, *nb;

	*buf = NULL;
	*len = 0;
	if (!f)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot open: %s", strerror(errno));
	for (;;) {
		if (!b || n == cap) {
			if (b)
				cap *= 2;
			if (cap > (size_t)CSRL_MAX_FILE_SIZE + 1)
				cap = (size_t)CSRL_MAX_FILE_SIZE + 1;
			if (!(nb = realloc(b, cap)))
				goto nomem;
			b = nb;
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
		if (n > CSRL_MAX_FILE_SIZE) {
			csrl_error_set(err, CSRL_ERR_TOO_LARGE, CSRL_MAX_FILE_SIZE, "file is larger "
				       "than the limit of %u bytes", CSRL_MAX_FILE_SIZE);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		csrl_error_set(err, CSRL_ERR_IO, n, "read error: %s", strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	*buf = b;
	*len = n;
	return CSRL_ERR_OK;
nomem:
	csrl_error_set(err, CSRL_ERR_NOMEM, n, "out of memory");
fail:
	if (f != stdin)
		fclose(f);
	free(b);
	return err ? err->code : CSRL_ERR_IO;
}

void csrl_input_emit_error(const char *path, unsigned index, long line,
			   const struct csrl_error *e, int is_pem, csrl_input_fn fn, void *ctx)
{
	struct csrl_input_item it;

	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = index;
	it.is_pem = is_pem;
	it.line = line;
	it.err = e->code;
	it.error = *e;
	it.pem_line = e->line;
	fn(ctx, &it);
}

int csrl_input_pem_check(const struct csrl_pem_block *blk, int rc, struct csrl_error *e)
{
	if (rc != CSRL_ERR_OK || blk->is_csr)
		return rc;
	csrl_error_set(e, CSRL_ERR_PEM_NOT_CSR, blk->begin_offset,
		       "PEM block \"%s\" is %s, not a certificate request",
		       blk->label, csrl_pem_label_kind(blk->label));
	e->line = blk->begin_line;
	return e->code;
}

void csrl_input_pem_item(struct csrl_input_item *it, const char *path, unsigned index,
			 const struct csrl_pem_block *blk, const uint8_t *file, size_t file_len,
			 size_t end)
{
	memset(it, 0, sizeof *it);
	it->path = path;
	it->index = index;
	it->der = blk->der;
	it->der_len = blk->der_len;
	it->is_pem = 1;
	it->pem_line = blk->begin_line;
	it->pem_offset = blk->begin_offset;
	it->legacy_label = blk->legacy_label;
	it->file = file;
	it->file_len = file_len;
	it->block_len = end - blk->begin_offset;
}

static unsigned split_pem(const char *path, const uint8_t *buf, size_t len, csrl_input_fn fn,
			  void *ctx)
{
	size_t pos = 0;
	unsigned index = 0, errors = 0;
	struct csrl_pem_block blk;
	struct csrl_error e;
	int rc;

	memset(&blk, 0, sizeof blk);
	while ((rc = csrl_pem_next((const char *)buf, len, &pos, &blk, &e)) != CSRL_ERR_PEM_NO_BLOCK) {
		index++;
		if (csrl_input_pem_check(&blk, rc, &e) != CSRL_ERR_OK) {
			csrl_input_emit_error(path, index, 0, &e, 1, fn, ctx);
			errors++;
		} else {
			struct csrl_input_item it;

			csrl_input_pem_item(&it, path, index, &blk, buf, len, pos);
			fn(ctx, &it);
		}
		csrl_pem_block_clear(&blk);
	}
	if (index == 0) {
		csrl_error_set(&e, CSRL_ERR_PEM_NO_BLOCK, 0, "no \"-----BEGIN CERTIFICATE "
			       "REQUEST-----\" block found");
		csrl_input_emit_error(path, 1, 0, &e, 1, fn, ctx);
		errors++;
	}
	return errors;
}

unsigned csrl_input_split(const char *path, const uint8_t *buf, size_t len, csrl_input_fn fn,
			  void *ctx)
{
	struct csrl_input_item it;
	struct csrl_error e;

	if (len == 0) {
		csrl_error_set(&e, CSRL_ERR_EMPTY, 0, "file is empty");
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	if (csrl_looks_like_pem(buf, len))
		return split_pem(path, buf, len, fn, ctx);
	if (buf[0] != 0x30) {
		csrl_error_set(&e, CSRL_ERR_NOT_PEM_OR_DER, 0, "input is neither PEM (no "
			       "\"-----BEGIN\" line) nor DER (first byte 0x%02x is not a SEQUENCE)",
			       buf[0]);
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = 1;
	it.der = buf;
	it.der_len = len;
	it.file = buf;
	it.file_len = len;
	fn(ctx, &it);
	return 0;
}

unsigned csrl_input_file(const char *path, csrl_input_fn fn, void *ctx)
{
	uint8_t *buf;
	size_t len;
	struct csrl_error e;
	unsigned errors;

	if (strcmp(path, "-") == 0)
		return csrl_input_stream(path, stdin, fn, ctx);
	if (csrl_input_read(path, &buf, &len, &e) != CSRL_ERR_OK) {
		csrl_input_emit_error(path, 1, 0, &e, 0, fn, ctx);
		return 1;
	}
	errors = csrl_input_split(path, buf, len, fn, ctx);
	free(buf);
	return errors;
}

void csrl_input_print_error(FILE *out, const struct csrl_input_item *item,
			    const struct csrl_error *err)
{
	const char *name = csrl_input_name(item->path);

	if (!err)
		err = &item->error;
	if (item->err != CSRL_ERR_OK && err->line > 0)
		fprintf(out, "%s: line %ld (offset %zu): %s\n", name, err->line, err->offset,
			err->msg);
	else if (item->err != CSRL_ERR_OK)
		fprintf(out, "%s: offset %zu: %s\n", name, err->offset, err->msg);
	else if (item->is_pem)
		fprintf(out, "%s: CSR #%u (PEM block at line %ld): DER offset %zu: %s\n", name,
			item->index, item->pem_line, err->offset, err->msg);
	else
		fprintf(out, "%s: offset %zu: %s\n", name, err->offset, err->msg);
}

static int is_b64(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '/' || c == '=';
}

void csrl_input_file_range(const struct csrl_input_item *item, size_t off, size_t len,
			   size_t *file_off, size_t *file_len)
{
	size_t first = off / 3 * 4, last = (off + (len ? len : 1) + 2) / 3 * 4, n = 0, p;
	size_t start = SIZE_MAX, end = SIZE_MAX;

	*file_off = off;
	*file_len = len;
	if (!item->is_pem || !item->file || item->pem_offset < item->file_base)
		return;
	/* skip the BEGIN line, then count base64 characters of the body */
	for (p = item->pem_offset - item->file_base; p < item->file_len && item->file[p] != '\n';
	     p++)
		;
	for (; p < item->file_len && item->file[p] != '-'; p++) {
		if (!is_b64(item->file[p]))
			continue;
		if (n == first)
			start = p;
		if (++n == last) {
			end = p + 1;
			break;
		}
	}
	if (start == SIZE_MAX)
		return;
	*file_off = item->file_base + start;
	*file_len = (end == SIZE_MAX ? p : end) - start;
}

void csrl_input_label(const struct csrl_input_item *item, char *buf, size_t size)
{
	const char *name = csrl_input_name(item->path);
	size_t n, i;

	if (item->line > 0)
		snprintf(buf, size, "%s:%ld", name, item->line);
	else if (item->index > 1)
		snprintf(buf, size, "%s #%u", name, item->index);
	else
		snprintf(buf, size, "%s", name);
	if (!item->id)
		return;
	n = strlen(buf);
	snprintf(buf + n, size - n, " [%s]", item->id);
	for (i = n; buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
}

static void *dup_bytes(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

struct csrl_input_item *csrl_input_item_dup(const struct csrl_input_item *item)
{
	struct csrl_input_item *c = malloc(sizeof *c);
	size_t from;

	if (!c)
		return NULL;
	*c = *item;
	c->der = NULL;
	c->file = NULL;
	c->file_len = c->file_base = 0;
	c->id = NULL;
	if (!(c->path = strdup(item->path)))
		goto fail;
	if (item->der && !(c->der = dup_bytes(item->der, item->der_len)))
		goto fail;
	if (item->id && !(c->id = strdup(item->id)))
		goto fail;
	/* a PEM item keeps only its own block, to map DER offsets into the file text */
	if (item->is_pem && item->file && item->block_len && item->pem_offset >= item->file_base &&
	    (from = item->pem_offset - item->file_base) <= item->file_len &&
	    item->block_len <= item->file_len - from) {
		if (!(c->file = dup_bytes(item->file + from, item->block_len)))
			goto fail;
		c->file_len = item->block_len;
		c->file_base = item->pem_offset;
	}
	return c;
fail:
	csrl_input_item_free(c);
	return NULL;
}

void csrl_input_item_free(struct csrl_input_item *item)
{
	if (!item)
		return;
	free((char *)item->path);
	free((uint8_t *)item->der);
	free((char *)item->id);
	free((uint8_t *)item->file);
	free(item);
}

/* Directory walking: collect matching paths, then visit them in sorted order. */
static char **dir_paths;
static size_t dir_n, dir_cap;
static int dir_oom;

static int wanted(const char *name)
{
	static const char *const ext[] = { ".csr", ".pem", ".der", ".req" };
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++)
		if (n > 4 && strcasecmp(name + n - 4, ext[i]) == 0)
			return 1;
	return 0;
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	if (type != FTW_F || !wanted(path + ftw->base))
		return 0;
	if (dir_n == dir_cap) {
		size_t cap = dir_cap ? dir_cap * 2 : 256;
		char **v = realloc(dir_paths, cap * sizeof *v);

		if (!v) {
			dir_oom = 1;
			return 1;
		}
		dir_paths = v;
		dir_cap = cap;
	}
	if (!(dir_paths[dir_n] = strdup(path))) {
		dir_oom = 1;
		return 1;
	}
	dir_n++;
	return 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t counted;

static int count_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	if (type == FTW_F && wanted(path + ftw->base))
		counted++;
	return 0;
}

size_t csrl_input_count(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 1;
	counted = 0;
	nftw(path, count_one, 32, FTW_PHYS);
	return counted;
}

unsigned csrl_input_dir(const char *dir, csrl_input_fn fn, void *ctx)
{
	struct csrl_error e;
	unsigned errors = 0;
	size_t i;

	/* nftw has no context argument: the walk is not reentrant, which a CLI does not need */
	dir_paths = NULL;
	dir_n = dir_cap = 0;
	dir_oom = 0;
	if (nftw(dir, collect, 32, FTW_PHYS) != 0 || dir_oom) {
		csrl_error_set(&e, dir_oom ? CSRL_ERR_NOMEM : CSRL_ERR_IO, 0,
			       "cannot read directory: %s", dir_oom ? "out of memory" : strerror(errno));
		csrl_input_emit_error(dir, 1, 0, &e, 0, fn, ctx);
		errors++;
	}
	qsort(dir_paths, dir_n, sizeof *dir_paths, by_path);
	for (i = 0; i < dir_n; i++) {
		errors += csrl_input_file(dir_paths[i], fn, ctx);
		free(dir_paths[i]);
	}
	free(dir_paths);
	dir_paths = NULL;
	return errors;
}
