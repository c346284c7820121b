/* blocklist.c - compromised-key lists: parsing the text and binary formats into sorted
 * arrays of hashes, and binary search. See blocklist.h for the formats. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

#include "blocklist.h"

/* The three kinds of entry, by hash width. */
enum { K_SPKI = 0, K_BK120, K_BK64, K_COUNT };
static const size_t width[K_COUNT] = { 32, 15, 8 };

struct table {
	uint8_t *v;                     /* n entries of width[kind] octets, sorted */
	size_t n, cap;
};

struct csrl_blocklist {
	char *name;
	struct table t[K_COUNT];
};

static int push(struct table *t, size_t w, const uint8_t *h)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		uint8_t *v = realloc(t->v, cap * w);

		if (!v)
			return CSRL_ERR_NOMEM;
		t->v = v;
		t->cap = cap;
	}
	memcpy(t->v + t->n++ * w, h, w);
	return CSRL_ERR_OK;
}

static int cmp32(const void *a, const void *b) { return memcmp(a, b, 32); }
static int cmp15(const void *a, const void *b) { return memcmp(a, b, 15); }
static int cmp8(const void *a, const void *b) { return memcmp(a, b, 8); }
static int (*const cmp[K_COUNT])(const void *, const void *) = { cmp32, cmp15, cmp8 };

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes 2 * n hex digits; 0 on success. */
static int unhex(const char *s, size_t n, uint8_t *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi = hexval((unsigned char)s[2 * i]), lo = hexval((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* Decodes a 44-character base64 token into 32 octets; 0 on success. */
static int unbase64(const char *s, size_t len, uint8_t out[32])
{
	struct base64_decode_ctx b;
	uint8_t buf[BASE64_DECODE_LENGTH(44)];
	size_t n = sizeof buf;

	if (len != 44)
		return -1;
	base64_decode_init(&b);
	if (!base64_decode_update(&b, &n, buf, len, s) || !base64_decode_final(&b) || n != 32)
		return -1;
	memcpy(out, buf, 32);
	return 0;
}

/* Parses one text line (without its newline); adds its entry, if any. */
static int parse_line(struct csrl_blocklist *bl, const char *s, size_t len, long lineno,
		      struct csrl_error *err)
{
	const char *hash = memchr(s, '#', len), *semi;
	uint8_t h[32];
	int kind = -1;

	if (hash)
		len = (size_t)(hash - s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len == 0 || (len == 8 && memcmp(s, "blocked:", 8) == 0) ||
	    (len == 17 && memcmp(s, "blockedHashesHex:", 17) == 0))
		return CSRL_ERR_OK;
	if (len >= 2 && s[0] == '-' && (s[1] == ' ' || s[1] == '\t')) {
		for (s += 2, len -= 2; len && (*s == ' ' || *s == '\t'); s++, len--)
			;
	}
	if ((semi = memchr(s, ';', len)))   /* badkeys lookup.txt: hash;path */
		len = (size_t)(semi - s);
	if (len == 64 && !unhex(s, 32, h))
		kind = K_SPKI;
	else if (len == 30 && !unhex(s, 15, h))
		kind = K_BK120;
	else if (len == 16 && !unhex(s, 8, h))
		kind = K_BK64;
	else if (len == 44 && !unbase64(s, len, h))
		kind = K_SPKI;
	if (kind < 0) {
		csrl_error_set(err, CSRL_ERR_USAGE, 0, "%s: line %ld is not a blocklist entry (64 "
			       "hex digits of an SPKI SHA-256, its base64 form, or a 30/16-hex-digit "
			       "badkeys hash)", bl->name, lineno);
		if (err)
			err->line = lineno;
		return CSRL_ERR_USAGE;
	}
	return push(&bl->t[kind], width[kind], h);
}

/* A badkeys blocklist.dat is binary (random hash octets); text lists are printable. */
static int looks_binary(const uint8_t *p, size_t len)
{
	size_t i, n = len < 256 ? len : 256;

	for (i = 0; i < n; i++)
		if (p[i] >= 0x7F || (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t'))
			return 1;
	return 0;
}

static int parse(struct csrl_blocklist *bl, const uint8_t *p, size_t len,
		 struct csrl_error *err)
{
	size_t pos = 0;
	long lineno = 0;
	int rc;

	if (looks_binary(p, len)) {
		if (len % 16)
			return csrl_error_set(err, CSRL_ERR_USAGE, len - len % 16, "%s: binary "
					      "blocklist size is not a multiple of 16 octets "
					      "(badkeys blocklist.dat records)", bl->name);
		for (pos = 0; pos < len; pos += 16)
			if ((rc = push(&bl->t[K_BK120], 15, p + pos)))
				return csrl_error_set(err, rc, 0, "%s: out of memory", bl->name);
		return CSRL_ERR_OK;
	}
	while (pos < len) {
		const uint8_t *nl = memchr(p + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - p) : len;

		lineno++;
		if ((rc = parse_line(bl, (const char *)p + pos, end - pos, lineno, err)))
			return rc == CSRL_ERR_NOMEM ? csrl_error_set(err, rc, 0, "%s: out of memory",
								      bl->name) : rc;
		pos = end + 1;
	}
	return CSRL_ERR_OK;
}

int csrl_blocklist_load(const char *path, struct csrl_blocklist **out, struct csrl_error *err)
{
	struct csrl_blocklist *bl = calloc(1, sizeof *bl);
	struct stat st;
	void *map = MAP_FAILED;
	int fd = -1, rc, k;

	*out = NULL;
	if (!bl || !(bl->name = strdup(path))) {
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		goto fail;
	}
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
		rc = csrl_error_set(err, CSRL_ERR_IO, 0, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (st.st_size > 0 && (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
					  0)) == MAP_FAILED) {
		rc = csrl_error_set(err, CSRL_ERR_IO, 0, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (st.st_size > 0 && (rc = parse(bl, map, (size_t)st.st_size, err)))
		goto fail;
	if (csrl_blocklist_count(bl) == 0) {
		rc = csrl_error_set(err, CSRL_ERR_EMPTY, 0, "%s: no blocklist entries", path);
		goto fail;
	}
	for (k = 0; k < K_COUNT; k++)
		if (bl->t[k].n)
			qsort(bl->t[k].v, bl->t[k].n, width[k], cmp[k]);
	munmap(map, (size_t)st.st_size);
	close(fd);
	*out = bl;
	return CSRL_ERR_OK;
fail:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	csrl_blocklist_free(bl);
	return rc;
}

/* The number badkeys hashes for a key, as big-endian octets (leading zeros kept). */
static struct csrl_bytes bk_value(const struct csrl_pubkey *k)
{
	struct csrl_bytes none = { NULL, 0 }, v;

	if (!k->decoded && k->type != CSRL_KEY_ED25519 && k->type != CSRL_KEY_ED448 &&
	    k->type != CSRL_KEY_X25519 && k->type != CSRL_KEY_X448)
		return none;
	switch (k->type) {
	case CSRL_KEY_RSA:
	case CSRL_KEY_RSA_PSS:
		return k->rsa_n;
	case CSRL_KEY_DSA:
		return k->dsa_y;
	case CSRL_KEY_EC:               /* x: after the 04/02/03 octet */
		if (!k->ec_point.p || k->ec_point.len < 2)
			return none;
		v.p = k->ec_point.p + 1;
		v.len = k->ec_point.p[0] == 0x04 ? (k->ec_point.len - 1) / 2 : k->ec_point.len - 1;
		return v;
	case CSRL_KEY_ED25519:
	case CSRL_KEY_ED448:
	case CSRL_KEY_X25519:
	case CSRL_KEY_X448:
		return k->key;
	default:
		return none;
	}
}

int csrl_blocklist_bkhash(const struct csrl_pubkey *key, uint8_t out[32])
{
	struct csrl_bytes v = bk_value(key);
	struct sha256_ctx c;

	if (!v.p)
		return 0;
	while (v.len && v.p[0] == 0) {
		v.p++;
		v.len--;
	}
	sha256_init(&c);
	sha256_update(&c, v.len, v.p);
	sha256_digest(&c, 32, out);
	return 1;
}

static int found(const struct table *t, size_t w, const uint8_t *h)
{
	return t->n && bsearch(h, t->v, t->n, w, w == 32 ? cmp32 : w == 15 ? cmp15 : cmp8);
}

int csrl_blocklist_has(const struct csrl_blocklist *bl, const struct csrl_pubkey *key)
{
	uint8_t h[32];

	if (!bl || !key)
		return 0;
	if (key->node && found(&bl->t[K_SPKI], 32, key->spki_sha256))
		return 1;
	if ((bl->t[K_BK120].n || bl->t[K_BK64].n) && csrl_blocklist_bkhash(key, h))
		return found(&bl->t[K_BK120], 15, h) || found(&bl->t[K_BK64], 8, h);
	return 0;
}

const char *csrl_blocklist_name(const struct csrl_blocklist *bl)
{
	return bl ? bl->name : "";
}

size_t csrl_blocklist_count(const struct csrl_blocklist *bl)
{
	return bl ? bl->t[K_SPKI].n + bl->t[K_BK120].n + bl->t[K_BK64].n : 0;
}

void csrl_blocklist_free(struct csrl_blocklist *bl)
{
	int k;

	if (!bl)
		return;
	for (k = 0; k < K_COUNT; k++)
		free(bl->t[k].v);
	free(bl->name);
	free(bl);
}
