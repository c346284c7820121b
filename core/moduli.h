/* moduli.h - the moduli export: what the cross-input checks need from each request, in a
 * compact file, so that shards of a corpus linted on different machines can be checked
 * together (`csrlint lint --export-moduli FILE`, then `csrlint batch-gcd FILE...`).
 *
 * Ownership: a writer is owned by its caller from csrl_moduli_writer_open until
 * csrl_moduli_writer_close, which frees it. The reader lends each record to a callback for
 * the duration of the call. Nothing here stores a prime or any private data: a record holds
 * hashes, the public RSA modulus and the input's name.
 *
 * File format, version 1. Every integer is unsigned and big-endian.
 *
 *   header   8 bytes  magic "CSRLMOD" followed by one 0x00 byte
 *            4 bytes  version, 1
 *   record   4 bytes  L, the length of the record body that follows: 101 to
 *                     CSRL_MODULI_MAX_RECORD (0 is the end marker, below)
 *            1 byte   flags: bit 0 set when the request has a SubjectPublicKeyInfo (so the
 *                     SPKI hash means something); the other bits are 0
 *            2 bytes  N, the length of the name, 0 to CSRL_MODULI_MAX_NAME (0: no name)
 *            N bytes  the input's display name ("a.pem", "a.pem #2", a stream id), no NUL
 *           32 bytes  SHA-256 of the SubjectPublicKeyInfo DER        (key.reused)
 *           32 bytes  SHA-256 of the subject Name DER, whole TLV     (key.reused)
 *           32 bytes  SHA-256 of the whole request DER               (csr.duplicate)
 *            2 bytes  M, the length of the RSA modulus, 0 to CSRL_BATCH_MAX_MODULUS
 *                     (0: not an RSA key, or a modulus the checks leave out)
 *            M bytes  the modulus, big-endian, first byte not zero  (key.rsa.shared-prime)
 *            L = 1 + 2 + N + 96 + 2 + M exactly.
 *   end      4 bytes  0
 *            8 bytes  the number of records
 *           32 bytes  SHA-256 of every byte of the file before these 32
 *   Nothing follows the end. A file without its end (a writer that did not finish) is
 *   truncated, and the checksum catches a changed byte anywhere.
 *
 * Errors carry the byte offset of the field at fault (or where the file ends) in err->offset
 * and a sentence without the file name in err->msg: CSRL_ERR_IO (cannot open or read),
 * CSRL_ERR_TRUNCATED (ends early), CSRL_ERR_TOO_LARGE (a declared length over its bound,
 * rejected before anything is allocated for it), CSRL_ERR_CORRUPT (anything else).
 */
#ifndef CSRL_MODULI_H
#define CSRL_MODULI_H

#include <stdint.h>
#include <stdio.h>

#include "batch.h"
#include "csrlint.h"

#define CSRL_MODULI_MAGIC "CSRLMOD"                  /* with its NUL: 8 bytes */
#define CSRL_MODULI_VERSION 1
/** Longest name stored (bytes); the writer keeps the end of a longer one after "...". */
#define CSRL_MODULI_MAX_NAME 4096
/** Largest record body (bytes). */
#define CSRL_MODULI_MAX_RECORD (1 + 2 + CSRL_MODULI_MAX_NAME + 96 + 2 + CSRL_BATCH_MAX_MODULUS)

/* ---- Writing (streams: constant memory) ----------------------------------------------- */

struct csrl_moduli_writer;

/** Creates (or truncates) path and writes the header. Returns CSRL_ERR_OK, or CSRL_ERR_IO /
 * CSRL_ERR_NOMEM with err set (*out NULL). */
int csrl_moduli_writer_open(const char *path, struct csrl_moduli_writer **out,
			    struct csrl_error *err);

/** Appends the record of a parsed request (csrl_batch_record_of) under name (may be NULL).
 * Returns CSRL_ERR_OK, or CSRL_ERR_IO once a write has failed (close says why). */
int csrl_moduli_writer_add(struct csrl_moduli_writer *w, const char *name,
			   const struct csrl_csr *csr);

/** Appends a record as it is (rec->name may be NULL). Returns CSRL_ERR_OK, CSRL_ERR_IO after
 * a failed write, or CSRL_ERR_USAGE for a record that breaks the format (a modulus over
 * CSRL_BATCH_MAX_MODULUS or with a leading zero byte; nothing is written then). */
int csrl_moduli_writer_add_record(struct csrl_moduli_writer *w,
				  const struct csrl_batch_record *rec);

/** Writes the end, flushes, closes and frees w (NULL: nothing to do). Returns CSRL_ERR_OK,
 * or CSRL_ERR_IO with err naming the file and the system's reason when any write failed. */
int csrl_moduli_writer_close(struct csrl_moduli_writer *w, struct csrl_error *err);

/* ---- Reading -------------------------------------------------------------------------- */

/** Receives one record (borrowed for the call); a non-zero return stops the reading and
 * becomes its result. */
typedef int (*csrl_moduli_fn)(void *ctx, const struct csrl_batch_record *rec);

/** Reads an export from f, calling fn for each record as it is read. Records delivered before
 * an error are not vouched for by the checksum: the caller must discard them (as
 * csrl_moduli_merge does). On success sets *count to the number of records and digest (may
 * be NULL) to the file's checksum. Uses one buffer of CSRL_MODULI_MAX_RECORD bytes. */
int csrl_moduli_read_stream(FILE *f, csrl_moduli_fn fn, void *ctx, uint64_t *count,
			    uint8_t digest[32], struct csrl_error *err);

/** Same, opening path. */
int csrl_moduli_read(const char *path, csrl_moduli_fn fn, void *ctx, uint64_t *count,
		     uint8_t digest[32], struct csrl_error *err);

/* ---- Merging export files for the cross-input checks --------------------------------- */

/** One export file given to csrl_moduli_merge, and what became of it. */
struct csrl_moduli_file {
	const char *path;               /* borrowed; also the prefix that disambiguates names */
	size_t first, count;            /* its records are the batch's inputs first .. +count-1 */
	int rc;                         /* CSRL_ERR_OK, or why the whole file was left out */
	struct csrl_error err;          /* when rc is not OK: offset and sentence */
	uint8_t digest[32];
};

/** Reads files[0..n) into b, in order: input numbers follow file order, then record order.
 * A file that cannot be read in full (unreadable, truncated, corrupt), or whose content is
 * identical to an earlier file's (the same export given twice), is left out entirely: its
 * rc and err say why, and none of its records stay in b. Then names are made unambiguous: a
 * name stored in more than one of the files read becomes "PATH:name" for every record that
 * carries it (within one file a repeated name stays as it is, as lint printed it), and a
 * record without a name becomes "PATH:record N" (N counts from 1).
 * Returns CSRL_ERR_OK (check each file's rc), or CSRL_ERR_NOMEM. */
int csrl_moduli_merge(struct csrl_batch *b, struct csrl_moduli_file *files, size_t n);

#endif
