/* verify_int.h - internal: pieces of signature verification shared between core/verify*.c.
 * Nothing here allocates beyond GMP integers that the caller initialises and clears. */
#ifndef CSRL_VERIFY_INT_H
#define CSRL_VERIFY_INT_H

#include <gmp.h>

#include "csrlint.h"

/** Largest digest of any hash the verifier computes (SHA-512). */
#define VERIFY_MAX_DIGEST 64

/** Sets res->status and a printf-formatted sentence in res->detail. */
void verify_set(struct csrl_verify_result *res, enum csrl_verify_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Hashes msg with h into out (VERIFY_MAX_DIGEST bytes); returns the digest length, or 0 when
 * h is not one of MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512. */
size_t verify_digest(enum csrl_hash h, struct csrl_bytes msg, uint8_t *out);

/** Bits of the unsigned big-endian integer b, leading zero octets ignored (0 when empty). */
size_t verify_bit_length(struct csrl_bytes b);

/** Sets x to the unsigned big-endian integer b (0 when b is empty). */
void verify_import(mpz_t x, struct csrl_bytes b);

/** Checks that INTEGER content b is a positive, minimally encoded number below 2^max_bits and
 * imports it into x. Returns NULL, or a short reason ("is negative", "is zero", ...). */
const char *verify_positive(mpz_t x, struct csrl_bytes b, unsigned max_bits);

/** Decodes a DER Ecdsa-Sig-Value / Dss-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }) with
 * positive r and s into r and s. Returns 0, or -1 with res set to INVALID saying why. */
int verify_sig_pair(struct csrl_bytes sig, mpz_t r, mpz_t s, struct csrl_verify_result *res);

/* One function per family; csr's key type and algorithm already agree. */
void verify_rsa_pkcs1(const struct csrl_csr *csr, struct csrl_verify_result *res);
void verify_rsa_pss(const struct csrl_csr *csr, struct csrl_verify_result *res);
void verify_ecdsa(const struct csrl_csr *csr, struct csrl_verify_result *res);
void verify_eddsa(const struct csrl_csr *csr, struct csrl_verify_result *res);
void verify_dsa(const struct csrl_csr *csr, struct csrl_verify_result *res);

#endif
