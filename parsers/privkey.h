/* privkey.h - private keys for signing: PKCS#8 (unencrypted, or PBES2 with PBKDF2 and
 * AES-CBC), PKCS#1 RSA, SEC 1 EC, and Ed25519/Ed448 in PKCS#8; PEM or DER.
 *
 * Ownership: csrl_privkey_read returns a key that the caller releases with
 * csrl_privkey_free, which wipes every number and byte of it. Input buffers are borrowed and
 * never copied except into wiped temporaries; nothing here prints key material.
 */
#ifndef CSRL_PRIVKEY_H
#define CSRL_PRIVKEY_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/ecc.h>
#include <nettle/rsa.h>

#include "csrlint.h"

/** Largest RSA modulus accepted for signing (bits). */
#define CSRL_PRIVKEY_MAX_RSA_BITS 16384
/** Most PBKDF2 iterations honoured: a bound on the work a hostile file can ask for. */
#define CSRL_PRIVKEY_MAX_ITERATIONS 10000000u
/** Longest passphrase read (bytes). */
#define CSRL_PASS_MAX 1024

/** A private key with its public half. Only the fields of its type are set. */
struct csrl_privkey {
	enum csrl_key_type type;        /* RSA, EC, ED25519 or ED448 */
	enum csrl_curve curve;          /* EC: P-256, P-384 or P-521 */
	unsigned bits;                  /* RSA modulus bits, or the curve's size */
	struct rsa_public_key rsa_pub;
	struct rsa_private_key rsa;
	const struct ecc_curve *ecc;
	struct ecc_scalar ec;
	struct ecc_point ec_pub;
	uint8_t ed_priv[57], ed_pub[57];
	size_t ed_len;                  /* 32 (Ed25519) or 57 (Ed448) */
};

/** Asks for a passphrase only when the key is encrypted: writes at most size bytes into buf
 * and returns the length, or -1 when none can be had (err then says why). */
typedef int (*csrl_pass_fn)(void *ctx, char *buf, size_t size, struct csrl_error *err);

/** Reads the first private key of buf[0..len) (PEM labels PRIVATE KEY, ENCRYPTED PRIVATE
 * KEY, RSA PRIVATE KEY, EC PRIVATE KEY; or DER). pass may be NULL: an encrypted key then
 * fails with a message asking for --passin. Returns CSRL_ERR_OK and *out, or
 * CSRL_ERR_PEM_NO_BLOCK, CSRL_ERR_NOT_DER (not a key, unsupported algorithm, wrong
 * passphrase), CSRL_ERR_USAGE (no passphrase), CSRL_ERR_NOMEM; err->msg says which. */
int csrl_privkey_read(const uint8_t *buf, size_t len, csrl_pass_fn pass, void *pass_ctx,
		      struct csrl_privkey **out, struct csrl_error *err);

/** Wipes and frees key; NULL is a no-op. */
void csrl_privkey_free(struct csrl_privkey *key);

/** Whether key is the private half of pub (same type, curve and public value). */
int csrl_privkey_matches(const struct csrl_privkey *key, const struct csrl_pubkey *pub);

/** Zeroes the limbs of x (GMP has no wiping clear) and clears it. */
void csrl_mpz_wipe_clear(mpz_t x);

/** Fills dst with len bytes from the kernel (getrandom); a nettle_random_func. Aborts when
 * the kernel cannot give randomness: signing or generating keys without it is worse. */
void csrl_random(void *ctx, size_t len, uint8_t *dst);

#endif
