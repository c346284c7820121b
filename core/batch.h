/* batch.h - findings across a corpus: RSA moduli sharing primes (batch GCD), one public key
 * in requests for different subjects, byte-identical requests.
 *
 * Ownership: csrl_batch_new returns a collector owned by the caller (csrl_batch_free). It
 * copies what it needs from each request (the RSA modulus, hashes of the key, subject and
 * DER, and the name) and keeps no pointer into a request, so requests may be freed right
 * after csrl_batch_add. It never stores or prints a prime. Requests come from parsed CSRs or
 * from records of export files (moduli.h); both go through csrl_batch_add_record.
 */
#ifndef CSRL_BATCH_H
#define CSRL_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "csrlint.h"

struct csrl_batch;

/** Largest RSA modulus the cross-input checks take (bytes): the bound of signature
 * verification. A larger modulus is left out of the batch GCD (its hashes still count). */
#define CSRL_BATCH_MAX_MODULUS (CSRL_MAX_RSA_VERIFY_BITS / 8)

/** What the cross-input checks need from one request, and all they keep: the same for a
 * parsed request (csrl_batch_record_of) and for a record of an export file (moduli.h).
 * Pointers are borrowed. */
struct csrl_batch_record {
	const char *name;               /* how messages name the input, or NULL */
	int has_key;                    /* the request has a SubjectPublicKeyInfo: spki is set */
	uint8_t spki[32];               /* SHA-256 of the SubjectPublicKeyInfo DER */
	uint8_t subject[32];            /* SHA-256 of the subject Name DER (whole TLV) */
	uint8_t der[32];                /* SHA-256 of the whole request DER */
	const uint8_t *modulus;         /* RSA modulus, big-endian, no leading zero; NULL when
					 * the key is not RSA, is negative, zero or too large */
	size_t modulus_len;             /* 1..CSRL_BATCH_MAX_MODULUS, 0 with modulus NULL */
};

/** Receives one finding: the input it belongs to, the rule id ("key.rsa.shared-prime",
 * "key.reused", "csr.duplicate") and a message naming the other inputs involved. */
typedef void (*csrl_batch_fn)(void *ctx, size_t input_no, const char *rule_id,
			      const char *message);

struct csrl_batch *csrl_batch_new(void);

/** Fills rec from a parsed request (name NULL); rec->modulus points into csr's buffer. The
 * one place where the hashes are computed, for csrl_batch_add and the export writer. */
void csrl_batch_record_of(const struct csrl_csr *csr, struct csrl_batch_record *rec);

/** Records one request by its record (copied). input_no is the caller's number for it (passed
 * back in findings). Only odd moduli above 64 bits enter the batch GCD (even and tiny ones
 * share small factors with each other: key.rsa.small-factor reports them).
 * Returns CSRL_ERR_OK, CSRL_ERR_NOMEM, or CSRL_ERR_TOO_LARGE for a modulus over the bound. */
int csrl_batch_add_record(struct csrl_batch *b, size_t input_no,
			  const struct csrl_batch_record *rec);

/** Records one parsed request: csrl_batch_record_of, then csrl_batch_add_record. name (may be
 * NULL) is how messages name it ("a.pem", "a.pem #2").
 * Returns CSRL_ERR_OK or CSRL_ERR_NOMEM. */
int csrl_batch_add(struct csrl_batch *b, size_t input_no, const char *name,
		   const struct csrl_csr *csr);

/** Name of the i-th request recorded (0-based, in the order added), or NULL. Borrowed. */
const char *csrl_batch_name(const struct csrl_batch *b, size_t i);

/** Renames the i-th request recorded (copies name). Returns CSRL_ERR_OK or CSRL_ERR_NOMEM. */
int csrl_batch_rename(struct csrl_batch *b, size_t i, const char *name);

/** Forgets every request recorded after the first n (a file that turned out corrupt). */
void csrl_batch_truncate(struct csrl_batch *b, size_t n);

/** Number of recorded requests whose RSA modulus enters the batch GCD. */
size_t csrl_batch_rsa_count(const struct csrl_batch *b);

/** Number of requests recorded. */
size_t csrl_batch_count(const struct csrl_batch *b);

/** Runs the corpus checks and calls fn for each finding, ordered by input_no then rule id.
 * Shared primes: an error for each input of every pair of moduli sharing a prime (equal
 * moduli are reuse, not a shared prime). key.reused: a warning for each input whose public
 * key (SPKI SHA-256) appears in a request with another subject. csr.duplicate: a notice for
 * each input whose DER is byte-identical to another's. */
void csrl_batch_run(struct csrl_batch *b, csrl_batch_fn fn, void *ctx);

/** Whether a finding or a check was lost to memory exhaustion (the run is then incomplete). */
int csrl_batch_failed(const struct csrl_batch *b);

void csrl_batch_free(struct csrl_batch *b);

#endif
