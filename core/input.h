/* input.h - internal: reading input files and splitting them into CSRs (DER or PEM, several
 * per file), and reading streams (concatenated PEM, NDJSON, lists of paths) in bounded memory.
 * Items borrow the reader's buffers; callbacks must not keep them (csrl_input_item_dup copies
 * one). */
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
	const uint8_t *file;       /* the file text (or the part of it that holds the PEM
				    * block), for mapping DER offsets into it */
	size_t file_len;
	size_t file_base;          /* offset in the input of file[0] (0: the whole file) */
	size_t block_len;          /* PEM only: bytes of the block from pem_offset (0: unknown) */
	long line;                 /* NDJSON: the line of the input holding this CSR, else 0 */
	const char *id;            /* NDJSON: the "id" member as text, or NULL */
	int id_is_number;          /* the "id" member was a JSON number */
	int err;                   /* CSRL_ERR_OK or why this item could not be read */
	struct csrl_error error;
};

typedef void (*csrl_input_fn)(void *ctx, const struct csrl_input_item *item);

/** Calls fn with an error item: the CSR number, the NDJSON/path-list line (0 for none) and
 * why it could not be read. */
void csrl_input_emit_error(const char *path, unsigned index, long line,
			   const struct csrl_error *e, int is_pem, csrl_input_fn fn, void *ctx);

/** For a block csrl_pem_next read with result rc: when it is a PEM block of another kind (a
 * certificate, a key), fills e with CSRL_ERR_PEM_NOT_CSR and returns that; otherwise rc. */
int csrl_input_pem_check(const struct csrl_pem_block *blk, int rc, struct csrl_error *e);
/** Fills it with the CSR of block blk, read from file[0..file_len) up to byte end. */
void csrl_input_pem_item(struct csrl_input_item *it, const char *path, unsigned index,
			 const struct csrl_pem_block *blk, const uint8_t *file, size_t file_len,
			 size_t end);

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

/** How an item is named in messages that name one CSR: "a.pem", "a.pem #2" (the second CSR
 * of a file), "<stdin>:3 [id]" (NDJSON line 3 with its id; control characters shown as '?'). */
void csrl_input_label(const struct csrl_input_item *item, char *buf, size_t size);

/** A deep copy of item that owns its strings and bytes (the DER, and for PEM only the text of
 * its block); NULL when out of memory. Free with csrl_input_item_free. */
struct csrl_input_item *csrl_input_item_dup(const struct csrl_input_item *item);
void csrl_input_item_free(struct csrl_input_item *item);

/** Number of input files that `path` names: 1 for a file or "-", the matching files below a
 * folder. For progress reports only (a file may hold several CSRs). */
size_t csrl_input_count(const char *path);

/* ---- Streams (input_stream.c) ------------------------------------------------------------ */

/** Longest NDJSON line or path line read (bytes); a longer line is one error item. */
#define CSRL_INPUT_MAX_LINE (4u << 20)
/** Longest PEM block text read from a stream: what the base64 of CSRL_MAX_DER_SIZE bytes can
 * take with line breaks and blanks; a longer block is one error item and reading resumes. */
#define CSRL_INPUT_MAX_PEM_BLOCK ((CSRL_MAX_DER_SIZE + 2) / 3 * 4 * 2 + 4096)

/** Reads f as a stream of concatenated PEM blocks (or one DER request when it starts with a
 * SEQUENCE and holds no PEM) without holding more than one block; items are named by path
 * and numbered like those of a file. Returns the number of error items. */
unsigned csrl_input_stream(const char *path, FILE *f, csrl_input_fn fn, void *ctx);

/** Reads path ("-": stdin) as NDJSON: one object per line with the base64 DER in "der" and
 * an optional "id" (string or number). A bad line is one error item naming the line; empty
 * lines are skipped. Returns the number of error items. */
unsigned csrl_input_ndjson(const char *path, csrl_input_fn fn, void *ctx);

/** Receives one path of a list. */
typedef void (*csrl_input_path_fn)(void *ctx, const char *path);

/** Reads path ("-": stdin) as a list of paths, one per line (a trailing CR is dropped, empty
 * lines are skipped) and calls pfn for each. A line that cannot be read (too long) or the
 * list itself not opening is one error item through fn. Returns the number of error items. */
unsigned csrl_input_lines(const char *path, csrl_input_path_fn pfn, csrl_input_fn fn,
			  void *ctx);

#endif
