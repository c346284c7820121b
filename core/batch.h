/* batch.h - findings across a corpus: RSA moduli sharing primes (batch GCD), one public key
 * in requests for different subjects, byte-identical requests.
 *
 * Ownership: csrl_batch_new returns a collector owned by the caller (csrl_batch_free). It
 * copies what it needs from each request (the RSA modulus, hashes of the key, subject and
 * DER, and the name) and keeps no pointer into a request, so requests may be freed right
 * after csrl_batch_add. It never stores or prints a prime.
 */
#ifndef CSRL_BATCH_H
#define CSRL_BATCH_H

#include <stddef.h>

#include "csrlint.h"

struct csrl_batch;

/** Receives one finding: the input it belongs to, the rule id ("key.rsa.shared-prime",
 * "key.reused", "csr.duplicate") and a message naming the other inputs involved. */
typedef void (*csrl_batch_fn)(void *ctx, size_t input_no, const char *rule_id,
			      const char *message);

struct csrl_batch *csrl_batch_new(void);

/** Records one parsed request. input_no is the caller's number for it (passed back in
 * findings); name (may be NULL) is how messages name it ("a.pem", "a.pem #2").
 * Returns CSRL_ERR_OK or CSRL_ERR_NOMEM. */
int csrl_batch_add(struct csrl_batch *b, size_t input_no, const char *name,
		   const struct csrl_csr *csr);

/** Number of requests recorded. */
size_t csrl_batch_count(const struct csrl_batch *b);

/** Runs the corpus checks and calls fn for each finding, ordered by input_no then rule id.
 * Shared primes: an error for each input of every pair of moduli sharing a prime (equal
 * moduli are reuse, not a shared prime). key.reused: a warning for each input whose public
 * key (SPKI SHA-256) appears in a request with another subject. csr.duplicate: a notice for
 * each input whose DER is byte-identical to another's. */
void csrl_batch_run(struct csrl_batch *b, csrl_batch_fn fn, void *ctx);

void csrl_batch_free(struct csrl_batch *b);

#endif
