/* input.c - reading files and splitting them into CSRs: DER is one CSR, PEM may hold many
 * (RFC 7468), and every failure becomes one error item so that a batch goes on. */
#include <errno.h>
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

static void emit_error(const char *path, unsigned index, const struct csrl_error *e,
		       int is_pem, csrl_input_fn fn, void *ctx)
{
	struct csrl_input_item it;

	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = index;
	it.is_pem = is_pem;
	it.err = e->code;
	it.error = *e;
	it.pem_line = e->line;
	fn(ctx, &it);
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
		if (rc == CSRL_ERR_OK && !blk.is_csr) {
			csrl_error_set(&e, CSRL_ERR_PEM_NOT_CSR, blk.begin_offset,
				       "PEM block \"%s\" is %s, not a certificate request",
				       blk.label, csrl_pem_label_kind(blk.label));
			e.line = blk.begin_line;
			rc = e.code;
		}
		if (rc != CSRL_ERR_OK) {
			emit_error(path, index, &e, 1, fn, ctx);
			errors++;
		} else {
			struct csrl_input_item it;

			memset(&it, 0, sizeof it);
			it.path = path;
			it.index = index;
			it.der = blk.der;
			it.der_len = blk.der_len;
			it.is_pem = 1;
			it.pem_line = blk.begin_line;
			it.pem_offset = blk.begin_offset;
			it.legacy_label = blk.legacy_label;
			fn(ctx, &it);
		}
		csrl_pem_block_clear(&blk);
	}
	if (index == 0) {
		csrl_error_set(&e, CSRL_ERR_PEM_NO_BLOCK, 0, "no \"-----BEGIN CERTIFICATE "
			       "REQUEST-----\" block found");
		emit_error(path, 1, &e, 1, fn, ctx);
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
		emit_error(path, 1, &e, 0, fn, ctx);
		return 1;
	}
	if (csrl_looks_like_pem(buf, len))
		return split_pem(path, buf, len, fn, ctx);
	if (buf[0] != 0x30) {
		csrl_error_set(&e, CSRL_ERR_NOT_PEM_OR_DER, 0, "input is neither PEM (no "
			       "\"-----BEGIN\" line) nor DER (first byte 0x%02x is not a SEQUENCE)",
			       buf[0]);
		emit_error(path, 1, &e, 0, fn, ctx);
		return 1;
	}
	memset(&it, 0, sizeof it);
	it.path = path;
	it.index = 1;
	it.der = buf;
	it.der_len = len;
	fn(ctx, &it);
	return 0;
}

unsigned csrl_input_file(const char *path, csrl_input_fn fn, void *ctx)
{
	uint8_t *buf;
	size_t len;
	struct csrl_error e;
	unsigned errors;

	if (csrl_input_read(path, &buf, &len, &e) != CSRL_ERR_OK) {
		emit_error(path, 1, &e, 0, fn, ctx);
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
