/* oid.c - the table of known OIDs (core/oids.def), OID content octets to dotted text, and
 * the names of hashes, curves and key types.
 *
 * The table is written as dotted strings, which people can review; the DER content octets
 * are encoded once, at first use under pthread_once, and sorted so that a lookup is a binary
 * search over bytes: no allocation and no lock per lookup, safe from any thread.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrlint.h"

/* Longest encoding of a table entry; entries that do not fit are left out (the tests fail). */
#define OID_DER_MAX 32
/* Longest subidentifier csrl_oid_to_dotted prints (147 septets = 1029 bits = 310 digits):
 * far beyond any registered OID, and it keeps the decimal conversion small and bounded. */
#define ARC_MAX_SEPTETS 147
#define BIG_LIMBS 40
#define LIMB_BASE 1000000000u

static struct csrl_oid_info table[CSRL_OID_COUNT] = {
	[CSRL_OID_UNKNOWN] = { CSRL_OID_UNKNOWN, NULL, NULL, NULL, NULL, 0 },
#define CSRL_OID(id, dotted, name, long_name) \
	[CSRL_OID_##id] = { CSRL_OID_##id, dotted, name, long_name, NULL, 0 },
#include "oids.def"
#undef CSRL_OID
};
static uint8_t der_store[CSRL_OID_COUNT][OID_DER_MAX];
static const struct csrl_oid_info *sorted[CSRL_OID_COUNT];
static size_t nsorted;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Appends the base-128 form of v to out[*n..cap); -1 when it does not fit. */
static int put_arc(uint64_t v, uint8_t *out, size_t *n, size_t cap)
{
	uint8_t tmp[10];
	size_t k = 0;

	do {
		tmp[k++] = (uint8_t)(v & 0x7f);
		v >>= 7;
	} while (v);
	if (cap - *n < k)
		return -1;
	while (k--)
		out[(*n)++] = (uint8_t)(tmp[k] | (k ? 0x80 : 0));
	return 0;
}

/* Reads one decimal arc at *s (no sign, no leading zeros except "0"); -1 when malformed. */
static int read_arc(const char **s, uint64_t *v)
{
	const char *p = *s;

	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return -1;
	for (*v = 0; *p >= '0' && *p <= '9'; p++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*p - '0');
	}
	*s = p;
	return 0;
}

/* Encodes "1.2.840..." as content octets; returns the length, or 0 when malformed. */
static size_t encode_dotted(const char *s, uint8_t *out, size_t cap)
{
	uint64_t a, b;
	size_t n = 0;

	if (read_arc(&s, &a) < 0 || a > 2 || *s++ != '.' || read_arc(&s, &b) < 0)
		return 0;
	if ((a < 2 && b >= 40) || b > UINT64_MAX - 80 || put_arc(a * 40 + b, out, &n, cap) < 0)
		return 0;
	while (*s == '.') {
		s++;
		if (read_arc(&s, &a) < 0 || put_arc(a, out, &n, cap) < 0)
			return 0;
	}
	return *s ? 0 : n;
}

static int cmp_der(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

static int cmp_info(const void *x, const void *y)
{
	const struct csrl_oid_info *a = *(const struct csrl_oid_info *const *)x;
	const struct csrl_oid_info *b = *(const struct csrl_oid_info *const *)y;

	return cmp_der(a->der, a->der_len, b->der, b->der_len);
}

static void init_table(void)
{
	size_t i;

	for (i = 1; i < CSRL_OID_COUNT; i++) {
		table[i].der = der_store[i];
		table[i].der_len = encode_dotted(table[i].dotted, der_store[i], OID_DER_MAX);
		if (table[i].der_len)
			sorted[nsorted++] = &table[i];
	}
	qsort(sorted, nsorted, sizeof sorted[0], cmp_info);
}

const struct csrl_oid_info *csrl_oid_lookup(const uint8_t *p, size_t len)
{
	size_t lo = 0, hi;

	if (!p || !len)
		return NULL;
	pthread_once(&once, init_table);
	hi = nsorted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_der(p, len, sorted[mid]->der, sorted[mid]->der_len);

		if (c == 0)
			return sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct csrl_oid_info *csrl_oid_get(enum csrl_oid_id id)
{
	if ((int)id <= CSRL_OID_UNKNOWN || id >= CSRL_OID_COUNT)
		return NULL;
	pthread_once(&once, init_table);
	return &table[id];
}

enum csrl_oid_id csrl_oid_id_of(struct csrl_bytes oid)
{
	const struct csrl_oid_info *info = csrl_oid_lookup(oid.p, oid.len);

	return info ? info->id : CSRL_OID_UNKNOWN;
}

/* ---- Dotted text ---------------------------------------------------------------------- */

/* Output into a caller's buffer that never overflows and remembers that text was lost. */
struct out {
	char *buf;
	size_t size, used;
	int truncated;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s), room = o->size - 1 - o->used;

	if (n > room) {
		n = room;
		o->truncated = 1;
	}
	memcpy(o->buf + o->used, s, n);
	o->used += n;
	o->buf[o->used] = '\0';
}

/* Prints an arc of more than 64 bits: septets to base-10^9 limbs, least significant first.
 * first_arc: the value is the combined first subidentifier, so print "2." and value - 80. */
static void put_big(struct out *o, const uint8_t *s, size_t n, int first_arc)
{
	uint32_t limbs[BIG_LIMBS];
	size_t nl = 0, i, j;
	char tmp[16];

	for (i = 0; i < n; i++) {
		uint64_t carry = s[i] & 0x7fu;

		for (j = 0; j < nl; j++) {
			uint64_t v = (uint64_t)limbs[j] * 128 + carry;

			limbs[j] = (uint32_t)(v % LIMB_BASE);
			carry = v / LIMB_BASE;
		}
		for (; carry; carry /= LIMB_BASE)
			limbs[nl++] = (uint32_t)(carry % LIMB_BASE);
	}
	if (first_arc) {
		/* The value is at least 2^63 here, so the borrow always finds a non-zero limb. */
		put(o, "2.");
		for (j = 0; limbs[j] < (j ? 1u : 80u); j++)
			limbs[j] += LIMB_BASE - (j ? 1u : 80u);
		limbs[j] -= j ? 1u : 80u;
		while (nl > 1 && limbs[nl - 1] == 0)
			nl--;
	}
	snprintf(tmp, sizeof tmp, "%u", (unsigned)limbs[nl - 1]);
	put(o, tmp);
	for (i = nl - 1; i-- > 0;) {
		snprintf(tmp, sizeof tmp, "%09u", (unsigned)limbs[i]);
		put(o, tmp);
	}
}

/* Prints one subidentifier s[0..n) (last septet without the 0x80 bit). -1 when too long. */
static int put_subid(struct out *o, const uint8_t *s, size_t n, int first_arc)
{
	uint64_t v = 0;
	char tmp[32];
	size_t i;

	while (n > 1 && s[0] == 0x80) { /* non-minimal padding: DER reader flags it */
		s++;
		n--;
	}
	if (n > ARC_MAX_SEPTETS)
		return -1;
	if (n > 9) {
		put_big(o, s, n, first_arc);
		return 0;
	}
	for (i = 0; i < n; i++)
		v = (v << 7) | (s[i] & 0x7fu);
	if (!first_arc)
		snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
	else if (v < 80)
		snprintf(tmp, sizeof tmp, "%u.%u", (unsigned)(v / 40), (unsigned)(v % 40));
	else
		snprintf(tmp, sizeof tmp, "2.%llu", (unsigned long long)(v - 80));
	put(o, tmp);
	return 0;
}

/* On truncation the text ends with "..." so that no one mistakes it for the whole OID. */
int csrl_oid_to_dotted(const uint8_t *p, size_t len, char *buf, size_t bufsize)
{
	struct out o = { buf, bufsize, 0, 0 };
	size_t i = 0, start;

	if (!buf || !bufsize)
		return -1;
	buf[0] = '\0';
	if (!p || !len) {
		put(&o, "?");
		return -1;
	}
	while (i < len) {
		for (start = i; i < len && (p[i] & 0x80); i++)
			;
		if (start)
			put(&o, ".");
		if (i == len || put_subid(&o, p + start, i + 1 - start, start == 0) < 0) {
			put(&o, "?");
			return -1;
		}
		i++;
	}
	if (o.truncated && bufsize >= 4)
		memcpy(buf + bufsize - 4, "...", 4);
	return 0;
}

/* ---- Names ---------------------------------------------------------------------------- */

static const char *const hash_names[] = {
	[CSRL_HASH_NONE] = "none", [CSRL_HASH_MD2] = "MD2", [CSRL_HASH_MD4] = "MD4",
	[CSRL_HASH_MD5] = "MD5", [CSRL_HASH_SHA1] = "SHA-1", [CSRL_HASH_SHA224] = "SHA-224",
	[CSRL_HASH_SHA256] = "SHA-256", [CSRL_HASH_SHA384] = "SHA-384",
	[CSRL_HASH_SHA512] = "SHA-512", [CSRL_HASH_SHA3_256] = "SHA3-256",
	[CSRL_HASH_SHA3_384] = "SHA3-384", [CSRL_HASH_SHA3_512] = "SHA3-512",
	[CSRL_HASH_SM3] = "SM3", [CSRL_HASH_SHAKE256] = "SHAKE256",
	[CSRL_HASH_UNKNOWN] = "unknown hash",
};

static const char *const curve_names[] = {
	[CSRL_CURVE_NONE] = "none", [CSRL_CURVE_P192] = "P-192", [CSRL_CURVE_P224] = "P-224",
	[CSRL_CURVE_P256] = "P-256", [CSRL_CURVE_P384] = "P-384", [CSRL_CURVE_P521] = "P-521",
	[CSRL_CURVE_SECP256K1] = "secp256k1", [CSRL_CURVE_BP256R1] = "brainpoolP256r1",
	[CSRL_CURVE_BP384R1] = "brainpoolP384r1", [CSRL_CURVE_BP512R1] = "brainpoolP512r1",
	[CSRL_CURVE_SM2] = "SM2", [CSRL_CURVE_EXPLICIT] = "explicit parameters",
	[CSRL_CURVE_UNKNOWN] = "unknown curve",
};

static const char *const key_type_names[] = {
	[CSRL_KEY_UNKNOWN] = "unknown", [CSRL_KEY_RSA] = "RSA", [CSRL_KEY_RSA_PSS] = "RSA-PSS",
	[CSRL_KEY_EC] = "EC", [CSRL_KEY_ED25519] = "Ed25519", [CSRL_KEY_ED448] = "Ed448",
	[CSRL_KEY_DSA] = "DSA", [CSRL_KEY_X25519] = "X25519", [CSRL_KEY_X448] = "X448",
};

#define NAME_OF(names, v, fallback) \
	((unsigned)(v) < sizeof names / sizeof names[0] && names[v] ? names[v] : (fallback))

const char *csrl_hash_name(enum csrl_hash h)
{
	return NAME_OF(hash_names, h, "unknown hash");
}

const char *csrl_curve_name(enum csrl_curve c)
{
	return NAME_OF(curve_names, c, "unknown curve");
}

const char *csrl_key_type_name(enum csrl_key_type t)
{
	return NAME_OF(key_type_names, t, "unknown");
}
