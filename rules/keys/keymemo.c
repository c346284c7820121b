/* keymemo.c - per-thread memo of expensive key facts, direct-mapped by SPKI hash. */
#include <string.h>

#include "keymemo.h"

#define MEMO_SLOTS 512              /* a power of two */

struct memo_entry {
	uint8_t spki[32];
	unsigned known;                 /* bit per enum keymemo_fact */
	long param[KEYMEMO_NFACTS];
	long value[KEYMEMO_NFACTS];
};

static _Thread_local struct memo_entry memo[MEMO_SLOTS];

static struct memo_entry *slot(const struct csrl_pubkey *key)
{
	unsigned h = (unsigned)key->spki_sha256[0] | (unsigned)key->spki_sha256[1] << 8;

	return &memo[h & (MEMO_SLOTS - 1)];
}

int keymemo_get(const struct csrl_pubkey *key, enum keymemo_fact fact, long param,
		long *value)
{
	const struct memo_entry *e = slot(key);

	if (!(e->known & (1u << fact)) || e->param[fact] != param ||
	    memcmp(e->spki, key->spki_sha256, sizeof e->spki) != 0)
		return 0;
	*value = e->value[fact];
	return 1;
}

void keymemo_put(const struct csrl_pubkey *key, enum keymemo_fact fact, long param,
		 long value)
{
	struct memo_entry *e = slot(key);

	if (memcmp(e->spki, key->spki_sha256, sizeof e->spki) != 0) {
		memcpy(e->spki, key->spki_sha256, sizeof e->spki);
		e->known = 0;
	}
	e->known |= 1u << fact;
	e->param[fact] = param;
	e->value[fact] = value;
}
