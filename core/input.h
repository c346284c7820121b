/* input.h - internal: reading input files and splitting them into CSRs (DER or PEM, several
 * per file). Items borrow the file buffer; callbacks must not keep them. */
#ifndef CSRL_INPUT_H
#define CSRL_INPUT_H

#include <stdio.h>

#include "csrlint.h"

/** One CSR found in an input, or the error that kept it from being found. */
struct csrl_input_item {
	const char *path;          /* as the user named it ("-" is shown as "<stdin>") */
	unsigned index;            /* 1-based number of the CSR in the file */
	const uint8_t *der;        /* DER bytes (NULL when err != 0) */
	size_t der_len;
	int is_pem;
	long pem_line;             /* line of the BEGIN line, PEM only */
	size_t pem_offset;         /* offset of the BEGIN line in the file, PEM only */
	int legacy_label;          /* NEW CERTIFICATE REQUEST */
	const uint8_t *file;       /* the whole file, for mapping DER offsets into it */
	size_t file_len;
	int err;                   /* CSRL_ERR_OK or why this item could not be read */
	struct csrl_error error;
};

typedef void (*csrl_input_fn)(void *ctx, const struct csrl_input_item *item);

/** Reads a whole file ("-" for stdin) into a malloc'd buffer, bounded by CSRL_MAX_FILE_SIZE.
 * The caller frees *buf. */
int csrl_input_read(const char *path, uint8_t **buf, size_t *len, struct csrl_error *err);

/** Calls fn once per CSR in buf, and once per error (an empty file, bad base64, a PEM block
 * that is not a CSR, a file with neither PEM nor DER). Returns the number of error items. */
unsigned csrl_input_split(const char *path, const uint8_t *buf, size_t len, csrl_input_fn fn,
			  void *ctx);

/** Reads and splits one path; a read failure becomes one error item. */
unsigned csrl_input_file(const char *path, csrl_input_fn fn, void *ctx);

/** Writes the one-line error for an item, or for a CSR parse error of a good item:
 * "FILE: line L: message" / "FILE: offset N: message", with the CSR number when the file
 * holds several. */
void csrl_input_print_error(FILE *out, const struct csrl_input_item *item,
			    const struct csrl_error *err);

/** Maps the DER byte range [off, off+len) of a PEM item to the range of the file's base64
 * text that encodes it (whole 4-character groups). For DER items the range is unchanged. */
void csrl_input_file_range(const struct csrl_input_item *item, size_t off, size_t len,
			   size_t *file_off, size_t *file_len);

/** Calls fn for each input file below dir (recursively, *.csr *.pem *.der *.req, sorted by
 * path, symbolic links not followed); returns the number of error items. */
unsigned csrl_input_dir(const char *dir, csrl_input_fn fn, void *ctx);

/** Display name of a path ("<stdin>" for "-"). */
const char *csrl_input_name(const char *path);

#endif
