/* batchgcd.h - batch GCD: which RSA moduli of a corpus share a prime with another one.
 *
 * Ownership: the caller owns every mpz_t (initialised with mpz_init before the call); the
 * function allocates and frees its own trees.
 */
#ifndef CSRL_BATCHGCD_H
#define CSRL_BATCHGCD_H

#include <stddef.h>

#include <gmp.h>

/** For every i, sets gcds[i] = gcd(n_i, product of the other *distinct* moduli), with a
 * product tree and a remainder tree (Heninger et al., "Mining Your Ps and Qs", USENIX
 * Security 2012: r_i = P mod n_i^2, then gcd(n_i, r_i / n_i)), in O(n log^2 n) big-number
 * time. Equal moduli are merged first, so a key present twice is not taken for a shared
 * prime (report reuse separately): every copy gets the gcd of its one representative.
 * Moduli below 2 are left out (their gcds[i] is 1). gcds[i] > 1 means that n_i shares a
 * prime with another modulus (gcds[i] = n_i when both its primes are shared).
 * moduli is not modified. Returns CSRL_ERR_OK or CSRL_ERR_NOMEM. */
int csrl_batchgcd(mpz_t *moduli, size_t n, mpz_t *gcds);

#endif
