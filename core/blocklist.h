/* blocklist.h - lists of compromised public keys (--blocklist) and their lookup.
 *
 * Ownership: csrl_blocklist_load returns a list owned by the caller, released with
 * csrl_blocklist_free (NULL is a no-op). Lookups borrow the list and the key; a loaded list
 * is read-only, so lookups from several threads are safe.
 *
 * Formats (detected per file):
 *   text, one entry per line, '#' starts a comment, blank lines ignored:
 *     - 64 hex digits: SHA-256 of the DER SubjectPublicKeyInfo (Boulder's blockedHashesHex);
 *     - 44 base64 characters decoding to 32 octets: the same hash in base64 (Boulder's
 *       `blocked:` list); the YAML keys `blocked:` / `blockedHashesHex:` and list dashes
 *       ("- ") are accepted, so Boulder's blocked-keys YAML loads as it is;
 *     - 30 hex digits: badkeys' BKHASH120, 16 hex digits: BKHASH64 (badkeys' lookup.txt,
 *       where ";path" may follow the hash). A BKHASH is SHA-256 over the key's number
 *       without leading zero octets - RSA n, EC x, DSA y, the raw EdDSA/X25519/X448 key read
 *       as a big-endian integer - truncated (badkeys docs/BLOCKLISTFORMAT.md);
 *   binary: badkeys' blocklist.dat, sorted 16-octet records of BKHASH120 + a list id.
 * Any other line is an error naming its line number.
 */
#ifndef CSRL_BLOCKLIST_H
#define CSRL_BLOCKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "csrlint.h"

struct csrl_blocklist;

/** Loads the list at path (sorted once; millions of entries are fine). Returns CSRL_ERR_OK
 * and *out, or CSRL_ERR_IO (unreadable), CSRL_ERR_EMPTY (no entry), CSRL_ERR_NOMEM, or
 * CSRL_ERR_USAGE for a line that is no entry (err->line and err->msg name it). */
int csrl_blocklist_load(const char *path, struct csrl_blocklist **out, struct csrl_error *err);

/** Whether key is on the list: 1 or 0. O(log n). */
int csrl_blocklist_has(const struct csrl_blocklist *bl, const struct csrl_pubkey *key);

/** The list's file name as given to csrl_blocklist_load. */
const char *csrl_blocklist_name(const struct csrl_blocklist *bl);

/** Number of entries loaded (all formats). */
size_t csrl_blocklist_count(const struct csrl_blocklist *bl);

void csrl_blocklist_free(struct csrl_blocklist *bl);

/** badkeys' BKHASH of key (full SHA-256; BKHASH120/64 are its first 15/8 octets) into out.
 * Returns 0 when the key type has no BKHASH (unknown or undecoded keys), else 1. */
int csrl_blocklist_bkhash(const struct csrl_pubkey *key, uint8_t out[32]);

#endif
