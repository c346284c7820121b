/* keyfile.h - public and private key files (PEM or DER) turned into the public key's
 * SubjectPublicKeyInfo, and an SPKI wrapped into a minimal request so that the key rules can
 * judge a bare key (the badkeys corpus, `csrlint` on key files).
 *
 * Ownership: csrl_keyfile_spki returns a malloc'd SPKI that the caller frees.
 * csrl_spki_to_csr returns a request that owns its own DER buffer: release it with
 * csrl_spki_csr_free (not csrl_csr_free). Private key material is never kept: every buffer
 * that held it is wiped (explicit_bzero) before it is freed, and nothing is printed from it.
 */
#ifndef CSRL_KEYFILE_H
#define CSRL_KEYFILE_H

#include <stddef.h>
#include <stdint.h>

#include "csrlint.h"

/** Reads the first key of buf[0..len): PEM "PUBLIC KEY" (SPKI), "RSA PUBLIC KEY" (PKCS#1),
 * "RSA PRIVATE KEY" (PKCS#1: n and e only), "PRIVATE KEY" (unencrypted PKCS#8 / RFC 5958:
 * RSA; EC from the SEC 1 publicKey inside; any type whose OneAsymmetricKey carries its
 * publicKey [1]), "EC PRIVATE KEY" (SEC 1 with its publicKey [1]), or the same structures
 * as DER. Writes a malloc'd DER SubjectPublicKeyInfo to *spki.
 * Returns CSRL_ERR_OK; CSRL_ERR_PEM_NO_BLOCK (no key block), CSRL_ERR_NOT_DER (truncated or
 * not the expected structure), CSRL_ERR_NOT_PEM_OR_DER (a key whose public part is not in
 * the file, e.g. an Ed25519 PKCS#8 key without publicKey, or an encrypted key), or
 * CSRL_ERR_NOMEM; err->msg says which. */
int csrl_keyfile_spki(const uint8_t *buf, size_t len, uint8_t **spki, size_t *spki_len,
		      struct csrl_error *err);

/** Wraps spki into an unsigned CertificationRequest (version 0, empty subject, no
 * attributes, sha256WithRSAEncryption as a placeholder algorithm, an empty signature) and
 * parses it. The request's signature never verifies; only key rules are meaningful on it.
 * Returns what csrl_csr_parse returns. */
int csrl_spki_to_csr(const uint8_t *spki, size_t len, struct csrl_csr **out,
		     struct csrl_error *err);

/** Frees a request made by csrl_spki_to_csr and its DER buffer. NULL is a no-op. */
void csrl_spki_csr_free(struct csrl_csr *csr);

#endif
