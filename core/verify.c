/* verify.c - checks a CSR's self-signature: decides whether the algorithm is supported and
 * fits the key, then hands over to the family (verify_rsa.c, verify_dsa.c). Every input is
 * treated as hostile: lengths are checked before use and no state is shared between calls. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <nettle/md5.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "verify_int.h"

const char *csrl_verify_status_name(enum csrl_verify_status s)
{
	switch (s) {
	case CSRL_VERIFY_VALID: return "valid";
	case CSRL_VERIFY_INVALID: return "invalid";
	case CSRL_VERIFY_UNSUPPORTED: return "unsupported";
	case CSRL_VERIFY_MISMATCH: return "key/algorithm mismatch";
	}
	return "unknown";
}

void verify_set(struct csrl_verify_result *res, enum csrl_verify_status st, const char *fmt, ...)
{
	va_list ap;

	res->status = st;
	va_start(ap, fmt);
	vsnprintf(res->detail, sizeof res->detail, fmt, ap);
	va_end(ap);
}

static const struct nettle_hash *nettle_hash_of(enum csrl_hash h)
{
	switch (h) {
	case CSRL_HASH_MD5: return &nettle_md5;
	case CSRL_HASH_SHA1: return &nettle_sha1;
	case CSRL_HASH_SHA224: return &nettle_sha224;
	case CSRL_HASH_SHA256: return &nettle_sha256;
	case CSRL_HASH_SHA384: return &nettle_sha384;
	case CSRL_HASH_SHA512: return &nettle_sha512;
	default: return NULL;
	}
}

size_t verify_digest(enum csrl_hash h, struct csrl_bytes msg, uint8_t *out)
{
	const struct nettle_hash *nh = nettle_hash_of(h);
	union {	/* on the stack: the verifier must stay thread-safe and allocation-free */
		struct md5_ctx md5;
		struct sha1_ctx sha1;
		struct sha256_ctx sha256;
		struct sha512_ctx sha512;
	} ctx;

	if (!nh || nh->digest_size > VERIFY_MAX_DIGEST || nh->context_size > sizeof ctx)
		return 0;
	nh->init(&ctx);
	if (msg.len)
		nh->update(&ctx, msg.len, msg.p);
	nh->digest(&ctx, nh->digest_size, out);
	return nh->digest_size;
}

size_t verify_bit_length(struct csrl_bytes b)
{
	size_t i = 0, bits;
	unsigned top;

	while (b.p && i < b.len && b.p[i] == 0)
		i++;
	if (!b.p || i == b.len)
		return 0;
	for (top = b.p[i], bits = 0; top; top >>= 1)
		bits++;
	return (b.len - i - 1) * 8 + bits;
}

void verify_import(mpz_t x, struct csrl_bytes b)
{
	/* GMP copies little-endian limbs as they are but imports big-endian octets one by
	 * one: reversing them first costs a tenth (a 2,048-bit modulus or signature). */
	mp_limb_t buf[1024 / sizeof(mp_limb_t)];
	uint8_t *d = (uint8_t *)buf;
	size_t pad, i;

	if (b.len == 0 || !b.p) {
		mpz_set_ui(x, 0);
		return;
	}
	pad = (sizeof(mp_limb_t) - b.len % sizeof(mp_limb_t)) % sizeof(mp_limb_t);
	if (b.len + pad > sizeof buf) {
		mpz_import(x, b.len, 1, 1, 0, 0, b.p);
		return;
	}
	for (i = 0; i < b.len; i++)
		d[i] = b.p[b.len - 1 - i];
	memset(d + b.len, 0, pad);
	mpz_import(x, (b.len + pad) / sizeof(mp_limb_t), -1, sizeof(mp_limb_t), -1, 0, buf);
}

const char *verify_positive(mpz_t x, struct csrl_bytes b, unsigned max_bits)
{
	size_t i = 0;

	if (b.len == 0 || !b.p)
		return "is empty";
	if (b.p[0] & 0x80)
		return "is negative";
	if (b.len > 1 && b.p[0] == 0 && !(b.p[1] & 0x80))
		return "is not minimally encoded";
	while (i < b.len && b.p[i] == 0)
		i++;
	if (i == b.len)
		return "is zero";
	/* Bound before importing so that a hostile length cannot cost time or memory. */
	if (b.len - i > (max_bits + 7) / 8 + 1)
		return "is too large";
	verify_import(x, b);
	if (mpz_sizeinbase(x, 2) > max_bits)
		return "is too large";
	return NULL;
}

/* Reads a DER header with tag at *p (before end); sets *len to the content length and moves *p
 * to the content. Only definite, minimally encoded lengths below 16 MiB are accepted. */
static int take(const uint8_t **p, const uint8_t *end, uint8_t tag, size_t *len)
{
	size_t avail = (size_t)(end - *p), n, hdr = 2, k, i;

	if (avail < 2 || (*p)[0] != tag)
		return -1;
	n = (*p)[1];
	if (n & 0x80) {
		k = n & 0x7f;
		if (k == 0 || k > 3 || avail < 2 + k || (*p)[2] == 0)
			return -1;
		for (n = 0, i = 0; i < k; i++)
			n = n << 8 | (*p)[2 + i];
		if (n < 0x80)
			return -1;
		hdr += k;
	}
	if (n > avail - hdr)
		return -1;
	*p += hdr;
	*len = n;
	return 0;
}

int verify_sig_pair(struct csrl_bytes sig, mpz_t r, mpz_t s, struct csrl_verify_result *res)
{
	const uint8_t *p = sig.p, *end;
	struct csrl_bytes rb, sb;
	size_t seq_len;
	const char *why;

	if (!sig.p || take(&p, sig.p + sig.len, 0x30, &seq_len) != 0)
		goto notder;
	end = p + seq_len;
	if (end != sig.p + sig.len) {
		verify_set(res, CSRL_VERIFY_INVALID, "signature has %zu bytes after its DER SEQUENCE",
			   (size_t)(sig.p + sig.len - end));
		return -1;
	}
	if (take(&p, end, 0x02, &rb.len) != 0)
		goto notder;
	rb.p = p;
	p += rb.len;
	if (take(&p, end, 0x02, &sb.len) != 0 || p + sb.len != end)
		goto notder;
	sb.p = p;
	/* 8192 bits is far above any group order verified here; Nettle checks the exact range. */
	if ((why = verify_positive(r, rb, 8192)) != NULL) {
		verify_set(res, CSRL_VERIFY_INVALID, "signature value r %s", why);
		return -1;
	}
	if ((why = verify_positive(s, sb, 8192)) != NULL) {
		verify_set(res, CSRL_VERIFY_INVALID, "signature value s %s", why);
		return -1;
	}
	return 0;
notder:
	verify_set(res, CSRL_VERIFY_INVALID, "signature is not a DER SEQUENCE of exactly two "
		   "INTEGERs");
	return -1;
}

/* Short name of an OID for messages: the table's name, else the dotted form. */
static const char *oid_label(struct csrl_bytes oid, char *buf, size_t size)
{
	const struct csrl_oid_info *info = oid.len ? csrl_oid_lookup(oid.p, oid.len) : NULL;

	if (info)
		return info->name;
	if (oid.len == 0 || !oid.p) {
		snprintf(buf, size, "(no OID)");
		return buf;
	}
	csrl_oid_to_dotted(oid.p, oid.len, buf, size);
	return buf;
}

/* The key type a signature kind needs (CSRL_KEY_UNKNOWN when none is supported). */
static enum csrl_key_type key_for(enum csrl_sig_kind k)
{
	switch (k) {
	case CSRL_SIG_RSA_PKCS1:
	case CSRL_SIG_RSA_PSS: return CSRL_KEY_RSA;
	case CSRL_SIG_ECDSA: return CSRL_KEY_EC;
	case CSRL_SIG_ED25519: return CSRL_KEY_ED25519;
	case CSRL_SIG_ED448: return CSRL_KEY_ED448;
	case CSRL_SIG_DSA: return CSRL_KEY_DSA;
	default: return CSRL_KEY_UNKNOWN;
	}
}

/* UNSUPPORTED for algorithms and keys the verifier cannot handle; 1 when it set res. */
static int unsupported(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	const struct csrl_sigalg *alg = &csr->sigalg;
	char buf[96];
	const char *name = oid_label(alg->oid, buf, sizeof buf);

	if (alg->kind == CSRL_SIG_UNKNOWN || alg->kind == CSRL_SIG_SM2) {
		/* GOST algorithms are not in the OID table: recognise their arc (1.2.643). */
		int gost = alg->oid.len >= 2 && alg->oid.p[0] == 0x2a && alg->oid.p[1] == 0x85;

		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "%ssignature algorithm %s is not supported "
			   "by the verifier", gost ? "GOST " : "", name);
		return 1;
	}
	if (alg->kind != CSRL_SIG_RSA_PSS && alg->kind != CSRL_SIG_ED25519 &&
	    alg->kind != CSRL_SIG_ED448 && !nettle_hash_of(alg->hash)) {
		if (alg->hash == CSRL_HASH_UNKNOWN || alg->hash == CSRL_HASH_NONE)
			verify_set(res, CSRL_VERIFY_UNSUPPORTED, "the hash of %s is not supported "
				   "by the verifier", name);
		else
			verify_set(res, CSRL_VERIFY_UNSUPPORTED, "%s is not supported by the "
				   "verifier", csrl_hash_name(alg->hash));
		return 1;
	}
	if (csr->key.type == CSRL_KEY_UNKNOWN) {
		name = oid_label(csr->key.alg_oid, buf, sizeof buf);
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "public key algorithm %s is not supported "
			   "by the verifier", name);
		return 1;
	}
	return 0;
}

static const char *article(enum csrl_key_type t)
{
	return t == CSRL_KEY_DSA ? "a" : "an"; /* every other name starts with a vowel sound */
}

/* MISMATCH when the signature algorithm cannot be used with the key; 1 when it set res. */
static int mismatch(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	enum csrl_key_type have = csr->key.type, want = key_for(csr->sigalg.kind);
	char buf[96];
	const char *name = oid_label(csr->sigalg.oid, buf, sizeof buf);

	/* RFC 4055 1.2: an id-RSASSA-PSS key must only be used for RSASSA-PSS signatures. */
	if (have == CSRL_KEY_RSA_PSS && csr->sigalg.kind == CSRL_SIG_RSA_PSS)
		return 0;
	if (have == CSRL_KEY_RSA_PSS) {
		verify_set(res, CSRL_VERIFY_MISMATCH, "an RSASSA-PSS key may sign only with "
			   "RSASSA-PSS, not with %s", name);
		return 1;
	}
	if (have != want) {
		verify_set(res, CSRL_VERIFY_MISMATCH, "signature algorithm %s needs %s %s key but "
			   "the request holds %s %s key", name, article(want),
			   csrl_key_type_name(want), article(have), csrl_key_type_name(have));
		return 1;
	}
	return 0;
}

void csrl_verify(const struct csrl_csr *csr, struct csrl_verify_result *res)
{
	memset(res, 0, sizeof *res);
	if (!csr) {
		verify_set(res, CSRL_VERIFY_INVALID, "there is no request to verify");
		return;
	}
	if (unsupported(csr, res) || mismatch(csr, res))
		return;
	if (!csr->tbs.p || csr->tbs.len == 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the request has no signed part");
		return;
	}
	if (!csr->sig.p || csr->sig.len == 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the signature BIT STRING is empty");
		return;
	}
	if (csr->sig_unused_bits != 0) {
		verify_set(res, CSRL_VERIFY_INVALID, "the signature BIT STRING declares %u unused "
			   "bits; it must declare 0", csr->sig_unused_bits);
		return;
	}
	switch (csr->sigalg.kind) {
	case CSRL_SIG_RSA_PKCS1: verify_rsa_pkcs1(csr, res); break;
	case CSRL_SIG_RSA_PSS: verify_rsa_pss(csr, res); break;
	case CSRL_SIG_ECDSA: verify_ecdsa(csr, res); break;
	case CSRL_SIG_ED25519:
	case CSRL_SIG_ED448: verify_eddsa(csr, res); break;
	case CSRL_SIG_DSA: verify_dsa(csr, res); break;
	default: /* unreachable: unsupported() took every other kind */
		verify_set(res, CSRL_VERIFY_UNSUPPORTED, "signature algorithm is not supported");
		break;
	}
}
