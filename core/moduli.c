/* moduli.c - the moduli export (format in moduli.h): a streaming writer, a reader that checks
 * every length before it trusts it, and the merge of several exports into one collector. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "moduli.h"

#define HEADER_LEN 12
#define MIN_RECORD (1 + 2 + 96 + 2)
#define FLAG_KEY 0x01u

struct csrl_moduli_writer {
	FILE *f;
	char *path;
	struct sha256_ctx sha;
	uint64_t count;
	int errnum;                     /* errno of the first failed write, 0 when none */
	int failed;
};

static void be16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void be32(uint8_t *p, uint32_t v)
{
	be16(p, v >> 16);
	be16(p + 2, v & 0xFFFF);
}

static unsigned get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/* Writes and hashes n bytes; the first failure is kept for close to report. */
static void put(struct csrl_moduli_writer *w, const uint8_t *p, size_t n)
{
	if (w->failed)
		return;
	if (fwrite(p, 1, n, w->f) != n) {
		w->failed = 1;
		w->errnum = errno ? errno : EIO;
		return;
	}
	sha256_update(&w->sha, n, p);
}

int csrl_moduli_writer_open(const char *path, struct csrl_moduli_writer **out,
			    struct csrl_error *err)
{
	struct csrl_moduli_writer *w = calloc(1, sizeof *w);
	uint8_t hdr[HEADER_LEN];

	*out = NULL;
	if (!w || !(w->path = strdup(path))) {
		free(w);
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	}
	if (!(w->f = fopen(path, "wb"))) {
		int e = errno;

		free(w->path);
		free(w);
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot create %s: %s", path,
				      strerror(e));
	}
	sha256_init(&w->sha);
	memcpy(hdr, CSRL_MODULI_MAGIC, 8);
	be32(hdr + 8, CSRL_MODULI_VERSION);
	put(w, hdr, sizeof hdr);
	*out = w;
	return CSRL_ERR_OK;
}

/* The name as stored: a longer one keeps its end (where a path names its file and the CSR
 * number) after "...", cut at the start of a UTF-8 sequence. */
static const char *stored_name(const char *name, size_t *len, int *cut)
{
	size_t n = name ? strlen(name) : 0;

	*cut = 0;
	if (n > CSRL_MODULI_MAX_NAME) {
		name += n - (CSRL_MODULI_MAX_NAME - 3);
		while ((*(const uint8_t *)name & 0xC0) == 0x80)
			name++;
		n = strlen(name) + 3;
		*cut = 1;
	}
	*len = n;
	return name;
}

int csrl_moduli_writer_add_record(struct csrl_moduli_writer *w,
				  const struct csrl_batch_record *rec)
{
	uint8_t buf[4 + CSRL_MODULI_MAX_RECORD], *p = buf + 4;
	size_t nlen, mlen = rec->modulus ? rec->modulus_len : 0;
	int cut;
	const char *name = stored_name(rec->name, &nlen, &cut);

	if (mlen > CSRL_BATCH_MAX_MODULUS || (mlen && !rec->modulus[0]) ||
	    (!rec->modulus && rec->modulus_len))
		return CSRL_ERR_USAGE;
	*p++ = rec->has_key ? FLAG_KEY : 0;
	be16(p, (unsigned)nlen);
	p += 2;
	if (cut) {
		memcpy(p, "...", 3);
		memcpy(p + 3, name, nlen - 3);
	} else if (nlen) {
		memcpy(p, name, nlen);
	}
	p += nlen;
	memcpy(p, rec->spki, 32);
	memcpy(p + 32, rec->subject, 32);
	memcpy(p + 64, rec->der, 32);
	p += 96;
	be16(p, (unsigned)mlen);
	p += 2;
	if (mlen)
		memcpy(p, rec->modulus, mlen);
	p += mlen;
	be32(buf, (uint32_t)(p - buf - 4));
	put(w, buf, (size_t)(p - buf));
	w->count += !w->failed;
	return w->failed ? CSRL_ERR_IO : CSRL_ERR_OK;
}

int csrl_moduli_writer_add(struct csrl_moduli_writer *w, const char *name,
			   const struct csrl_csr *csr)
{
	struct csrl_batch_record rec;

	csrl_batch_record_of(csr, &rec);
	rec.name = name;
	return csrl_moduli_writer_add_record(w, &rec);
}

int csrl_moduli_writer_close(struct csrl_moduli_writer *w, struct csrl_error *err)
{
	uint8_t end[12], digest[32];
	int rc = CSRL_ERR_OK;

	if (!w)
		return CSRL_ERR_OK;
	be32(end, 0);
	be32(end + 4, (uint32_t)(w->count >> 32));
	be32(end + 8, (uint32_t)w->count);
	put(w, end, sizeof end);
	sha256_digest(&w->sha, sizeof digest, digest);
	if (!w->failed && fwrite(digest, 1, sizeof digest, w->f) != sizeof digest) {
		w->failed = 1;
		w->errnum = errno ? errno : EIO;
	}
	errno = 0;
	if (fflush(w->f) != 0 && !w->failed) {
		w->failed = 1;
		w->errnum = errno ? errno : EIO;
	}
	if (fclose(w->f) != 0 && !w->failed) {
		w->failed = 1;
		w->errnum = errno ? errno : EIO;
	}
	if (w->failed)
		rc = csrl_error_set(err, CSRL_ERR_IO, 0, "cannot write %s: %s", w->path,
				    strerror(w->errnum));
	free(w->path);
	free(w);
	return rc;
}

/* ---- Reading ------------------------------------------------------------------------- */

struct reader {
	FILE *f;
	uint64_t off;                   /* bytes consumed so far */
	struct sha256_ctx sha;
	struct csrl_error *err;
	uint8_t buf[CSRL_MODULI_MAX_RECORD];
	char name[CSRL_MODULI_MAX_NAME + 1];
};

/* Reads exactly n bytes (hashed when hash is set), or says where the file ended. */
static int take(struct reader *r, uint8_t *p, size_t n, int hash, const char *what,
		uint64_t rec_no)
{
	size_t got = fread(p, 1, n, r->f);

	if (got < n) {
		if (ferror(r->f))
			return csrl_error_set(r->err, CSRL_ERR_IO, r->off + got, "read error: %s",
					      strerror(errno ? errno : EIO));
		if (rec_no)
			return csrl_error_set(r->err, CSRL_ERR_TRUNCATED, r->off + got,
					      "the file ends inside %s of record %llu (%zu of %zu "
					      "bytes)", what, (unsigned long long)rec_no, got, n);
		return csrl_error_set(r->err, CSRL_ERR_TRUNCATED, r->off + got, "the file ends "
				      "inside %s (%zu of %zu bytes)%s", what, got, n,
				      r->off ? "" : ": not a csrlint moduli export");
	}
	if (hash)
		sha256_update(&r->sha, n, p);
	r->off += n;
	return CSRL_ERR_OK;
}

/* Checks the body of record rec_no (L bytes at r->buf, which began at offset at) and fills
 * rec from it. */
static int parse_record(struct reader *r, size_t len, uint64_t at, uint64_t rec_no,
			struct csrl_batch_record *rec)
{
	const uint8_t *p = r->buf;
	size_t nlen, mlen;

	memset(rec, 0, sizeof *rec);
	if (p[0] & ~FLAG_KEY)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at, "record %llu has unknown "
				      "flags 0x%02x", (unsigned long long)rec_no, p[0]);
	rec->has_key = p[0] & FLAG_KEY;
	nlen = get16(p + 1);
	if (nlen > CSRL_MODULI_MAX_NAME)
		return csrl_error_set(r->err, CSRL_ERR_TOO_LARGE, at + 1, "record %llu declares "
				      "a name of %zu bytes, more than %d", (unsigned long long)rec_no,
				      nlen, CSRL_MODULI_MAX_NAME);
	if (MIN_RECORD + nlen > len)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at + 1, "record %llu: its name of "
				      "%zu bytes overruns the record of %zu bytes",
				      (unsigned long long)rec_no, nlen, len);
	if (memchr(p + 3, 0, nlen))
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at + 3, "record %llu: the name "
				      "holds a NUL byte", (unsigned long long)rec_no);
	memcpy(r->name, p + 3, nlen);
	r->name[nlen] = '\0';
	rec->name = nlen ? r->name : NULL;
	p += 3 + nlen;
	memcpy(rec->spki, p, 32);
	memcpy(rec->subject, p + 32, 32);
	memcpy(rec->der, p + 64, 32);
	p += 96;
	mlen = get16(p);
	if (mlen > CSRL_BATCH_MAX_MODULUS)
		return csrl_error_set(r->err, CSRL_ERR_TOO_LARGE, at + (uint64_t)(p - r->buf),
				      "record %llu declares an RSA modulus of %zu bytes, more than %d",
				      (unsigned long long)rec_no, mlen, CSRL_BATCH_MAX_MODULUS);
	if (MIN_RECORD + nlen + mlen != len)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at + (uint64_t)(p - r->buf),
				      "record %llu: its fields take %zu bytes, its length says %zu",
				      (unsigned long long)rec_no, MIN_RECORD + nlen + mlen, len);
	if (mlen && !p[2])
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at + (uint64_t)(p - r->buf) + 2,
				      "record %llu: the RSA modulus has a leading zero byte",
				      (unsigned long long)rec_no);
	rec->modulus = mlen ? p + 2 : NULL;
	rec->modulus_len = mlen;
	return CSRL_ERR_OK;
}

static int header(struct reader *r)
{
	uint8_t hdr[HEADER_LEN];
	uint32_t version;
	int rc = take(r, hdr, sizeof hdr, 1, "the header", 0);

	if (rc == CSRL_ERR_TRUNCATED && r->err && r->err->offset == 0)
		return csrl_error_set(r->err, CSRL_ERR_TRUNCATED, 0, "the file is empty: not a "
				      "csrlint moduli export");
	if (rc != CSRL_ERR_OK)
		return rc;
	if (memcmp(hdr, CSRL_MODULI_MAGIC, 8) != 0)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, 0, "not a csrlint moduli export "
				      "(no CSRLMOD header)");
	version = get32(hdr + 8);
	if (version != CSRL_MODULI_VERSION)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, 8, "export format version %lu is "
				      "not supported (this csrlint reads version %d)",
				      (unsigned long)version, CSRL_MODULI_VERSION);
	return CSRL_ERR_OK;
}

/* The end: record count, checksum, and nothing after. */
static int trailer(struct reader *r, uint64_t records, uint8_t digest[32])
{
	uint8_t cnt[8], want[32], got[32];
	uint64_t at = r->off;
	int rc;

	if ((rc = take(r, cnt, sizeof cnt, 1, "the end (record count)", 0)) != CSRL_ERR_OK)
		return rc;
	if (get64(cnt) != records)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at, "the end says %llu records, "
				      "the file holds %llu", (unsigned long long)get64(cnt),
				      (unsigned long long)records);
	at = r->off;
	if ((rc = take(r, want, sizeof want, 0, "the end (checksum)", 0)) != CSRL_ERR_OK)
		return rc;
	sha256_digest(&r->sha, sizeof got, got);
	if (memcmp(want, got, sizeof got) != 0)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, at, "checksum mismatch: the file "
				      "was changed or damaged after it was written");
	if (fgetc(r->f) != EOF)
		return csrl_error_set(r->err, CSRL_ERR_CORRUPT, r->off, "data after the end of "
				      "the export");
	if (ferror(r->f))
		return csrl_error_set(r->err, CSRL_ERR_IO, r->off, "read error: %s",
				      strerror(errno ? errno : EIO));
	if (digest)
		memcpy(digest, got, sizeof got);
	return CSRL_ERR_OK;
}

int csrl_moduli_read_stream(FILE *f, csrl_moduli_fn fn, void *ctx, uint64_t *count,
			    uint8_t digest[32], struct csrl_error *err)
{
	struct reader *r = malloc(sizeof *r);
	struct csrl_batch_record rec;
	uint64_t n = 0, at;
	uint8_t lenb[4];
	uint32_t len;
	int rc;

	*count = 0;
	if (!r)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	r->f = f;
	r->off = 0;
	r->err = err;
	sha256_init(&r->sha);
	if ((rc = header(r)) != CSRL_ERR_OK)
		goto done;
	for (;;) {
		at = r->off;
		if ((rc = take(r, lenb, 4, 1, "the length", n + 1)) != CSRL_ERR_OK) {
			if (rc == CSRL_ERR_TRUNCATED && r->off == at && err && err->offset == at)
				csrl_error_set(err, rc, at, "the file ends after record %llu without "
					       "the end marker: the writer did not finish",
					       (unsigned long long)n);
			goto done;
		}
		if (!(len = get32(lenb)))
			break;
		if (len > CSRL_MODULI_MAX_RECORD) {
			rc = csrl_error_set(err, CSRL_ERR_TOO_LARGE, at, "record %llu declares %lu "
					    "bytes, more than the %d a record may hold",
					    (unsigned long long)n + 1, (unsigned long)len,
					    CSRL_MODULI_MAX_RECORD);
			goto done;
		}
		if (len < MIN_RECORD) {
			rc = csrl_error_set(err, CSRL_ERR_CORRUPT, at, "record %llu declares %lu "
					    "bytes, fewer than the %d of its fixed fields",
					    (unsigned long long)n + 1, (unsigned long)len, MIN_RECORD);
			goto done;
		}
		if ((rc = take(r, r->buf, len, 1, "the body", n + 1)) != CSRL_ERR_OK ||
		    (rc = parse_record(r, len, at + 4, n + 1, &rec)) != CSRL_ERR_OK)
			goto done;
		n++;
		if (fn && (rc = fn(ctx, &rec)) != CSRL_ERR_OK) {
			csrl_error_set(err, rc, at, "record %llu: %s", (unsigned long long)n,
				       csrl_strerror(rc));
			goto done;
		}
	}
	if ((rc = trailer(r, n, digest)) == CSRL_ERR_OK)
		*count = n;
done:
	free(r);
	return rc;
}

int csrl_moduli_read(const char *path, csrl_moduli_fn fn, void *ctx, uint64_t *count,
		     uint8_t digest[32], struct csrl_error *err)
{
	FILE *f = fopen(path, "rb");
	int rc;

	*count = 0;
	if (!f)
		return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot open: %s", strerror(errno));
	rc = csrl_moduli_read_stream(f, fn, ctx, count, digest, err);
	fclose(f);
	return rc;
}

/* ---- Merging --------------------------------------------------------------------------- */

static int merge_one(void *ctx, const struct csrl_batch_record *rec)
{
	struct csrl_batch *b = ctx;

	return csrl_batch_add_record(b, csrl_batch_count(b), rec);
}

struct named {
	const char *name;               /* borrowed from the batch */
	size_t file, idx;
	int several;                    /* the name is in more than one file */
};

static int by_name(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Renames record idx of file f to "PATH:what". */
static int prefix(struct csrl_batch *b, const struct csrl_moduli_file *f, size_t idx,
		  const char *what)
{
	size_t n = strlen(f->path) + strlen(what) + 2;
	char *s = malloc(n);
	int rc;

	if (!s)
		return CSRL_ERR_NOMEM;
	snprintf(s, n, "%s:%s", f->path, what);
	rc = csrl_batch_rename(b, idx, s);
	free(s);
	return rc;
}

/* Unnamed records get "PATH:record N"; a name stored in two or more files gets its file. */
static int disambiguate(struct csrl_batch *b, struct csrl_moduli_file *files, size_t nf)
{
	size_t total = csrl_batch_count(b), i, j, k, m = 0;
	struct named *v = malloc((total ? total : 1) * sizeof *v);
	char what[48];
	int rc = CSRL_ERR_OK;

	if (!v)
		return CSRL_ERR_NOMEM;
	for (i = 0; i < nf; i++)
		for (k = 0; files[i].rc == CSRL_ERR_OK && k < files[i].count; k++) {
			size_t idx = files[i].first + k;
			const char *name = csrl_batch_name(b, idx);

			if (name) {
				v[m].name = name;
				v[m].file = i;
				v[m].several = 0;
				v[m++].idx = idx;
			} else {
				snprintf(what, sizeof what, "record %zu", k + 1);
				if ((rc = prefix(b, &files[i], idx, what)) != CSRL_ERR_OK)
					goto done;
			}
		}
	qsort(v, m, sizeof *v, by_name);
	/* renaming frees the old name: first mark the groups, then rename */
	for (i = 0; i < m; i = j) {
		int several = 0;

		for (j = i + 1; j < m && strcmp(v[j].name, v[i].name) == 0; j++)
			several |= v[j].file != v[i].file;
		for (k = i; k < j; k++)
			v[k].several = several;
	}
	for (i = 0; i < m; i++)
		if (v[i].several && (rc = prefix(b, &files[v[i].file], v[i].idx,
						 v[i].name)) != CSRL_ERR_OK)
			goto done;
done:
	free(v);
	return rc;
}

int csrl_moduli_merge(struct csrl_batch *b, struct csrl_moduli_file *files, size_t n)
{
	size_t i, j;
	uint64_t count;

	for (i = 0; i < n; i++) {
		struct csrl_moduli_file *f = &files[i];

		f->first = csrl_batch_count(b);
		f->count = 0;
		memset(&f->err, 0, sizeof f->err);
		f->rc = csrl_moduli_read(f->path, merge_one, b, &count, f->digest, &f->err);
		if (f->rc == CSRL_ERR_NOMEM) {
			csrl_batch_truncate(b, f->first);
			return CSRL_ERR_NOMEM;
		}
		for (j = 0; f->rc == CSRL_ERR_OK && count && j < i; j++)
			if (files[j].rc == CSRL_ERR_OK && files[j].count &&
			    memcmp(files[j].digest, f->digest, 32) == 0)
				f->rc = csrl_error_set(&f->err, CSRL_ERR_USAGE, 0, "the same export "
						       "as %s (identical content): left out",
						       files[j].path);
		if (f->rc != CSRL_ERR_OK) {
			csrl_batch_truncate(b, f->first);
			continue;
		}
		f->count = csrl_batch_count(b) - f->first;
	}
	return disambiguate(b, files, n);
}
