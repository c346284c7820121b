/* keymemo.h - remembers expensive facts about a public key (small factors, Fermat, perfect
 * power, primality of an RSA modulus) per thread, keyed by the SHA-256 of its
 * SubjectPublicKeyInfo. Keys recur in real archives (a renewal keeps its key) and in every
 * batch of requests made from a pool of keys; a key's facts never change, so each is
 * computed once per thread. Nothing is allocated; the memo holds no key material. */
#ifndef CSRL_KEYMEMO_H
#define CSRL_KEYMEMO_H

#include "csrlint.h"

enum keymemo_fact {
	KEYMEMO_SMALL_FACTOR,    /* 0 none, 1 a prime below 752, 2 a prime up to 65537 */
	KEYMEMO_FERMAT,          /* the round that factored it, 0 none (param: rounds) */
	KEYMEMO_PERFECT_POWER,   /* 1 or 0 */
	KEYMEMO_PRIME,           /* 1 or 0 */
	KEYMEMO_NFACTS
};

/** Looks fact up for key (computed with param, e.g. a round count); returns 1 and *value
 * when it is known, else 0. */
int keymemo_get(const struct csrl_pubkey *key, enum keymemo_fact fact, long param,
		long *value);
/** Remembers fact for key. */
void keymemo_put(const struct csrl_pubkey *key, enum keymemo_fact fact, long param,
		 long value);

#endif
