/* csrlint.h - the one public header of libcsrlint: parse, model and verify PKCS#10 requests
 * (low level), and lint, inspect, fix and sign them (high level, at the end of this file).
 * C and C++; no other csrlint header is needed. Link with `pkg-config --libs csrlint`.
 *
 * Ownership: every object returned by a *_new or *_parse function is owned by the caller and
 * released with the matching *_free (which accepts NULL). Trees and models never copy the
 * input: they point into the caller's buffer, which must outlive them. A parsed CSR owns one
 * arena holding its nodes and model, freed in one call. Each declaration says what it
 * returns: owned by the caller, borrowed (and until when), or static storage.
 * Threads: nothing here keeps global mutable state; separate objects may be used from
 * separate threads.
 */
#ifndef CSRLINT_H
#define CSRLINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this header. The Makefile reads the three numbers (the shared library is
 * libcsrlint.so.MAJOR.MINOR.PATCH with the soname libcsrlint.so.MAJOR). */
#define CSRL_VERSION_MAJOR 0
#define CSRL_VERSION_MINOR 1
#define CSRL_VERSION_PATCH 0
#define CSRL_VERSION_STR_(a, b, c) #a "." #b "." #c
#define CSRL_VERSION_STR(a, b, c) CSRL_VERSION_STR_(a, b, c)
/** "MAJOR.MINOR.PATCH", what `csrlint version` prints. */
#define CSRL_VERSION_STRING \
	CSRL_VERSION_STR(CSRL_VERSION_MAJOR, CSRL_VERSION_MINOR, CSRL_VERSION_PATCH)
/** 0xMMmmpp, for comparisons in #if. */
#define CSRL_VERSION_NUMBER \
	((CSRL_VERSION_MAJOR << 16) | (CSRL_VERSION_MINOR << 8) | CSRL_VERSION_PATCH)

/** CSRL_VERSION_STRING of the library actually linked (static storage, never NULL): compare
 * it with the header's to detect a mismatch. Thread-safe. */
const char *csrl_version(void);

/* ---- Bounds --------------------------------------------------------------------------- */

/** Largest DER encoding of one CSR that is parsed (bytes). */
#define CSRL_MAX_DER_SIZE (1u << 20)
/** Largest input file read (bytes); a PEM bundle may hold many CSRs. */
#define CSRL_MAX_FILE_SIZE (64u << 20)
/** Deepest ASN.1 nesting the DER reader follows (outermost element is depth 0). */
#define CSRL_DER_MAX_DEPTH 64
/** Most nodes one DER tree may hold. */
#define CSRL_DER_MAX_NODES 262144u
/** Most DER nodes a request may have for the libtasn1 schema check to run: libtasn1 decodes
 * long SEQUENCE OFs in quadratic time, and real requests have a few hundred nodes. */
#define CSRL_SCHEMA_MAX_NODES 4096u
/** Largest RSA modulus whose signature is verified (bits). */
#define CSRL_MAX_RSA_VERIFY_BITS 16384
/** Largest DSA p whose signature is verified (bits). */
#define CSRL_MAX_DSA_VERIFY_BITS 4096

/* ---- Operational errors -------------------------------------------------------------- */

enum csrl_err {
#define CSRL_ERR(name, msg) CSRL_ERR_##name,
#include "errors.def"
#undef CSRL_ERR
	CSRL_ERR_COUNT
};

/** Static message for an error code (static storage, never NULL). */
const char *csrl_strerror(int code);
/** Symbolic name ("TRUNCATED") for an error code (static storage, never NULL). */
const char *csrl_errname(int code);

/** Detail of a failure: the code, the byte offset where parsing stopped, and a sentence. */
struct csrl_error {
	int code;          /* enum csrl_err */
	size_t offset;     /* byte offset in the input where the problem is */
	long line;         /* PEM line number (1-based) or 0 when not applicable */
	char msg[256];     /* complete human-readable sentence, without file name */
};

/** Fills the caller's err (may be NULL) with code, offset and a printf-formatted message;
 * returns code. Allocates nothing. */
int csrl_error_set(struct csrl_error *err, int code, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- Arena ---------------------------------------------------------------------------- */

/** Bump allocator: many allocations, one free. Owned by whoever called csrl_arena_new. */
struct csrl_arena;
/** A new arena owned by the caller (csrl_arena_free); NULL when out of memory. */
struct csrl_arena *csrl_arena_new(size_t chunk_size);
/** Frees a and everything allocated from it; NULL is a no-op. */
void csrl_arena_free(struct csrl_arena *a);
/** Zeroed, 16-byte aligned memory living until csrl_arena_free; NULL when out of memory. */
void *csrl_arena_alloc(struct csrl_arena *a, size_t size);
/** Arena copy of p[0..len) with a terminating NUL, owned by the arena (p is borrowed);
 * NULL when out of memory. */
char *csrl_arena_strndup(struct csrl_arena *a, const void *p, size_t len);
/** Bytes handed out so far (for limits and benchmarks); borrows a. */
size_t csrl_arena_used(const struct csrl_arena *a);

/** A byte range inside the input buffer. */
struct csrl_bytes {
	const uint8_t *p;
	size_t len;
};

/* ---- DER tree ------------------------------------------------------------------------- */

enum csrl_anomaly_kind {
#define CSRL_ANOM(name, id, desc) CSRL_ANOM_##name,
#include "anomalies.def"
#undef CSRL_ANOM
	CSRL_ANOM_COUNT
};

/** Length of the valid UTF-8 sequence at p[0..n) (RFC 3629: no overlong forms, surrogates or
 * code points above U+10FFFF) with its code point in *cp (cp may be NULL); 0 when the
 * sequence is invalid or cut short, or n is 0. Borrows p; allocates nothing. */
size_t csrl_utf8_decode(const uint8_t *p, size_t n, uint32_t *cp);

/** "length-not-minimal" style id suffix of an anomaly kind (static storage, never NULL). */
const char *csrl_anomaly_id(int kind);
/** One-line description of an anomaly kind (static storage, never NULL). */
const char *csrl_anomaly_desc(int kind);

enum csrl_tag_class { CSRL_CLASS_UNIVERSAL = 0, CSRL_CLASS_APPLICATION = 1,
	CSRL_CLASS_CONTEXT = 2, CSRL_CLASS_PRIVATE = 3 };

/* Universal tag numbers used across the code. */
enum {
	CSRL_TAG_EOC = 0, CSRL_TAG_BOOLEAN = 1, CSRL_TAG_INTEGER = 2, CSRL_TAG_BIT_STRING = 3,
	CSRL_TAG_OCTET_STRING = 4, CSRL_TAG_NULL = 5, CSRL_TAG_OID = 6, CSRL_TAG_ENUMERATED = 10,
	CSRL_TAG_UTF8_STRING = 12, CSRL_TAG_SEQUENCE = 16, CSRL_TAG_SET = 17,
	CSRL_TAG_NUMERIC_STRING = 18, CSRL_TAG_PRINTABLE_STRING = 19, CSRL_TAG_T61_STRING = 20,
	CSRL_TAG_IA5_STRING = 22, CSRL_TAG_UTC_TIME = 23, CSRL_TAG_GENERALIZED_TIME = 24,
	CSRL_TAG_VISIBLE_STRING = 26, CSRL_TAG_UNIVERSAL_STRING = 28, CSRL_TAG_BMP_STRING = 30
};

/** One TLV. Points into the caller's buffer; lives in the tree's arena. */
struct csrl_node {
	const uint8_t *content;      /* first content byte (inside the input buffer) */
	size_t offset;               /* offset of the identifier octet from the input start */
	size_t len;                  /* content bytes actually present (clamped to the input) */
	size_t declared_len;         /* length as encoded (equals len unless overrun/indefinite) */
	uint32_t tag;                /* tag number */
	uint32_t flags;              /* bit (1u << kind) for each csrl_anomaly_kind on this node */
	uint16_t hdr_len;            /* identifier + length octets */
	uint8_t cls;                 /* enum csrl_tag_class */
	uint8_t constructed;         /* 1 when the constructed bit is set */
	uint16_t depth;              /* 0 for the outermost element */
	uint32_t nchildren;
	struct csrl_node *parent, *child, *next; /* first child, next sibling */
};

/** One recorded departure from DER. */
struct csrl_anomaly {
	int kind;                        /* enum csrl_anomaly_kind */
	size_t offset;                   /* the exact offending byte */
	const struct csrl_node *node;    /* node it belongs to (NULL for trailing data) */
};

/** A parsed DER input. Owns its arena unless it was given one. */
struct csrl_der {
	const uint8_t *data;             /* the caller's buffer */
	size_t len;
	struct csrl_node *root;          /* outermost element */
	struct csrl_anomaly *anomalies;  /* ordered by offset */
	size_t nanomalies;
	size_t nnodes;
	size_t trailing_offset;          /* offset of trailing bytes, or len when none */
	struct csrl_arena *arena;
	int owns_arena;
};

/** Reads data[0..len) as DER into a tree. Returns CSRL_ERR_OK and *out, or an error with
 * err->offset. Recoverable departures become anomalies; only input that cannot be followed
 * (empty, bad first header, too deep, too many nodes, too large) is an error.
 * Offsets are relative to data. arena may be NULL (the tree then owns a new one); a tree in a
 * caller's arena is freed with that arena. declared_len is SIZE_MAX when an indefinite length
 * has no end-of-contents or is on a primitive element; an indefinite element with its
 * end-of-contents spans hdr_len + len + 2 bytes.
 * Ownership: *out is owned by the caller (csrl_der_free) and borrows data, which must
 * outlive it. */
int csrl_der_parse(const uint8_t *data, size_t len, struct csrl_arena *arena,
		   struct csrl_der **out, struct csrl_error *err);
/** Frees a tree and the arena it owns (a tree in a caller's arena goes with that arena);
 * NULL is a no-op. */
void csrl_der_free(struct csrl_der *der);

/** n-th child of node (0-based), or NULL; borrowed from the node's tree. */
const struct csrl_node *csrl_node_child(const struct csrl_node *node, unsigned n);
/** Whether node (borrowed) is universal with the given tag number. */
int csrl_node_is(const struct csrl_node *node, uint32_t tag);
/** Whether any anomaly of the given kind is recorded on node (borrowed). */
int csrl_node_has(const struct csrl_node *node, int kind);

/* ---- OIDs ----------------------------------------------------------------------------- */

enum csrl_oid_id {
	CSRL_OID_UNKNOWN = 0,
#define CSRL_OID(id, dotted, name, long_name) CSRL_OID_##id,
#include "oids.def"
#undef CSRL_OID
	CSRL_OID_COUNT
};

/** Known OID: dotted form, short name (e.g. "CN", "sha256WithRSAEncryption"), long name. */
struct csrl_oid_info {
	enum csrl_oid_id id;
	const char *dotted;
	const char *name;
	const char *long_name;
	const uint8_t *der;              /* content octets */
	size_t der_len;
};

/** Looks up the content octets of an OID (binary search, thread-safe); returns an entry of
 * the static table, NULL when unknown. Borrows p. */
const struct csrl_oid_info *csrl_oid_lookup(const uint8_t *p, size_t len);
/** Static table entry of a known id; NULL for CSRL_OID_UNKNOWN or out of range. */
const struct csrl_oid_info *csrl_oid_get(enum csrl_oid_id id);
/** Id of OID content octets (borrowed), CSRL_OID_UNKNOWN when not in the table. */
enum csrl_oid_id csrl_oid_id_of(struct csrl_bytes oid);
/** Writes the dotted form of OID content octets into the caller's buf (always
 * NUL-terminated); returns 0,
 * or -1 when the OID is malformed (buf then holds what could be decoded + "?"), when bufsize
 * is 0 or an arc exceeds 147 septets. On truncation the text ends with "..." and 0 is
 * returned. */
int csrl_oid_to_dotted(const uint8_t *p, size_t len, char *buf, size_t bufsize);

/* ---- PEM ------------------------------------------------------------------------------ */

/** One PEM block located in a text buffer. der is malloc'd and owned by the block. */
struct csrl_pem_block {
	char label[64];                  /* text between "BEGIN " and "-----" */
	size_t begin_offset;             /* byte offset of "-----BEGIN" in the text */
	long begin_line;                 /* 1-based line of the BEGIN line */
	uint8_t *der;                    /* decoded bytes (malloc) */
	size_t der_len;
	int is_csr;                      /* label is CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST */
	int legacy_label;                /* label is NEW CERTIFICATE REQUEST */
};

/** Finds the next PEM block at or after *pos in text[0..len); advances *pos past it.
 * Returns CSRL_ERR_OK with *blk filled, CSRL_ERR_PEM_NO_BLOCK when none is left, or an error
 * (bad base64 naming line and character, unterminated block) with *pos advanced past the
 * bad block so that the caller can go on. text is borrowed; blk->der is malloc'd, owned
 * by the caller, and released with csrl_pem_block_clear. */
int csrl_pem_next(const char *text, size_t len, size_t *pos, struct csrl_pem_block *blk,
		  struct csrl_error *err);
/** Releases blk->der and clears blk (the caller's struct); a cleared block is a no-op. */
void csrl_pem_block_clear(struct csrl_pem_block *blk);
/** Human description of a non-CSR PEM label ("an X.509 certificate", "a private key");
 * static storage. */
const char *csrl_pem_label_kind(const char *label);
/** Whether buf (borrowed) looks like PEM (holds a "-----BEGIN " line) rather than DER. */
int csrl_looks_like_pem(const uint8_t *buf, size_t len);

/* ---- PKCS#10 model -------------------------------------------------------------------- */

enum csrl_key_type {
	CSRL_KEY_UNKNOWN = 0, CSRL_KEY_RSA, CSRL_KEY_RSA_PSS, CSRL_KEY_EC, CSRL_KEY_ED25519,
	CSRL_KEY_ED448, CSRL_KEY_DSA, CSRL_KEY_X25519, CSRL_KEY_X448
};

enum csrl_curve {
	CSRL_CURVE_NONE = 0, CSRL_CURVE_P192, CSRL_CURVE_P224, CSRL_CURVE_P256, CSRL_CURVE_P384,
	CSRL_CURVE_P521, CSRL_CURVE_SECP256K1, CSRL_CURVE_BP256R1, CSRL_CURVE_BP384R1,
	CSRL_CURVE_BP512R1, CSRL_CURVE_SM2, CSRL_CURVE_EXPLICIT, CSRL_CURVE_UNKNOWN
};

enum csrl_hash {
	CSRL_HASH_NONE = 0, CSRL_HASH_MD2, CSRL_HASH_MD4, CSRL_HASH_MD5, CSRL_HASH_SHA1,
	CSRL_HASH_SHA224, CSRL_HASH_SHA256, CSRL_HASH_SHA384, CSRL_HASH_SHA512,
	CSRL_HASH_SHA3_256, CSRL_HASH_SHA3_384, CSRL_HASH_SHA3_512, CSRL_HASH_SM3,
	CSRL_HASH_SHAKE256, CSRL_HASH_UNKNOWN
};

enum csrl_sig_kind {
	CSRL_SIG_UNKNOWN = 0, CSRL_SIG_RSA_PKCS1, CSRL_SIG_RSA_PSS, CSRL_SIG_ECDSA,
	CSRL_SIG_ED25519, CSRL_SIG_ED448, CSRL_SIG_DSA, CSRL_SIG_SM2
};

/** RSASSA-PSS parameters (RFC 4055); defaults filled in where fields are absent. */
struct csrl_pss {
	enum csrl_hash hash;             /* default SHA-1 */
	enum csrl_hash mgf_hash;         /* default SHA-1 */
	int mgf_known;                   /* 0 when the MGF is not MGF1 */
	long salt_len;                   /* default 20; -1 when unreadable */
	long trailer;                    /* default 1 */
	unsigned explicit_fields;        /* bit 0 hash, 1 mgf, 2 salt, 3 trailer present */
};

/** Name of a hash ("SHA-256"; static storage, never NULL). */
const char *csrl_hash_name(enum csrl_hash h);
/** Name of a curve ("P-256"; static storage, never NULL). */
const char *csrl_curve_name(enum csrl_curve c);
/** Name of a key type ("RSA"; static storage, never NULL). */
const char *csrl_key_type_name(enum csrl_key_type t);

struct csrl_pubkey {
	enum csrl_key_type type;
	const struct csrl_node *node;        /* SubjectPublicKeyInfo */
	const struct csrl_node *alg_node;    /* AlgorithmIdentifier */
	struct csrl_bytes alg_oid;           /* algorithm OID content octets */
	const struct csrl_node *params;      /* algorithm parameters, or NULL */
	const struct csrl_node *bits_node;   /* subjectPublicKey BIT STRING */
	struct csrl_bytes key;               /* BIT STRING data without the unused-bits octet */
	unsigned bits;                       /* RSA/DSA modulus bits, curve or EdDSA size */
	int decoded;                         /* 1 when the type-specific fields below are set */
	/* RSA and RSA-PSS: INTEGER contents as encoded (may carry a leading 0x00). */
	struct csrl_bytes rsa_n, rsa_e;
	const struct csrl_node *rsa_n_node, *rsa_e_node;
	int rsa_pss_has_params;
	struct csrl_pss rsa_pss;             /* key restrictions when rsa_pss_has_params */
	/* EC: named curve or explicit parameters; point as encoded (04||X||Y or 02/03||X). */
	enum csrl_curve curve;
	struct csrl_bytes curve_oid;
	struct csrl_bytes ec_point;
	/* DSA */
	struct csrl_bytes dsa_p, dsa_q, dsa_g, dsa_y;
	uint8_t spki_sha256[32];             /* SHA-256 of the whole SubjectPublicKeyInfo */
};

/** One AttributeTypeAndValue of the subject. */
struct csrl_ava {
	struct csrl_bytes oid;
	enum csrl_oid_id id;                 /* table id of oid, CSRL_OID_UNKNOWN when unknown */
	const char *name;                    /* short name ("CN") or NULL when unknown */
	uint32_t string_tag;                 /* universal tag of the value (19 = PrintableString...) */
	uint8_t value_cls;                   /* tag class of the value */
	struct csrl_bytes value;             /* raw content octets */
	char *utf8;                          /* decoded as UTF-8, NUL-terminated (arena); invalid
					      * sequences become U+FFFD; never NULL */
	const struct csrl_node *node;        /* the SEQUENCE */
	const struct csrl_node *value_node;
};

struct csrl_rdn {
	struct csrl_ava *avas;
	size_t navas;
	const struct csrl_node *node;        /* the SET */
};

struct csrl_name {
	struct csrl_rdn *rdns;
	size_t nrdns;
	const struct csrl_node *node;        /* the SEQUENCE */
};

enum csrl_gname_type {
	CSRL_GN_OTHER = 0, CSRL_GN_EMAIL = 1, CSRL_GN_DNS = 2, CSRL_GN_X400 = 3, CSRL_GN_DIRNAME = 4,
	CSRL_GN_EDIPARTY = 5, CSRL_GN_URI = 6, CSRL_GN_IP = 7, CSRL_GN_RID = 8
};

/** One GeneralName of a subjectAltName. */
struct csrl_gname {
	enum csrl_gname_type type;           /* the context tag number */
	struct csrl_bytes value;             /* content octets (IA5 text, IP bytes, OID, ...) */
	struct csrl_bytes other_oid;         /* otherName type-id, when type is CSRL_GN_OTHER */
	struct csrl_name dirname;            /* when type is CSRL_GN_DIRNAME */
	const struct csrl_node *node;
};

enum csrl_ext_kind {
	CSRL_EXT_UNKNOWN = 0, CSRL_EXT_SAN, CSRL_EXT_KEY_USAGE, CSRL_EXT_EXT_KEY_USAGE,
	CSRL_EXT_BASIC_CONSTRAINTS, CSRL_EXT_SKI, CSRL_EXT_OTHER_KNOWN
};

/** One requested extension. */
struct csrl_ext {
	enum csrl_ext_kind kind;
	struct csrl_bytes oid;
	enum csrl_oid_id id;                 /* table id of oid, CSRL_OID_UNKNOWN when unknown */
	const char *name;                    /* short name or NULL */
	int critical;
	int critical_explicit;               /* the BOOLEAN was encoded (DER forbids FALSE) */
	struct csrl_bytes value;             /* extnValue OCTET STRING content */
	const struct csrl_node *node;        /* the Extension SEQUENCE */
	const struct csrl_node *value_node;  /* the OCTET STRING */
	int decoded;                         /* 1 when the fields for its kind are set */
	int decode_failed;                   /* known kind whose value did not decode */
	int malformed;                       /* not an Extension SEQUENCE: only node is set */
	/* SAN */
	struct csrl_gname *names;
	size_t nnames;
	/* keyUsage: bit i set for KeyUsage bit i (digitalSignature = bit 0) */
	uint32_t key_usage;
	unsigned key_usage_nbits;
	/* extKeyUsage */
	struct csrl_bytes *eku;
	size_t neku;
	/* basicConstraints */
	int bc_ca;
	long bc_pathlen;                     /* -1 when absent */
	/* subjectKeyIdentifier */
	struct csrl_bytes ski;
};

enum csrl_attr_kind {
	CSRL_ATTR_UNKNOWN = 0, CSRL_ATTR_CHALLENGE_PASSWORD, CSRL_ATTR_UNSTRUCTURED_NAME,
	CSRL_ATTR_EXTENSION_REQUEST, CSRL_ATTR_OTHER_KNOWN
};

/** One attribute of the request. */
struct csrl_attr {
	enum csrl_attr_kind kind;
	struct csrl_bytes oid;
	enum csrl_oid_id id;                 /* table id of oid, CSRL_OID_UNKNOWN when unknown */
	const char *name;
	const struct csrl_node *node;        /* the Attribute SEQUENCE */
	const struct csrl_node *values_node; /* the SET OF values */
	size_t nvalues;
	const struct csrl_node *first_value; /* NULL when the SET is empty */
	char *text;                          /* first value as UTF-8 for string values, else NULL */
	int malformed;                       /* not SEQUENCE { OID, SET }, or an extensionRequest
					      * value that is not a SEQUENCE: only node is set */
};

/** Signature algorithm of the request. */
struct csrl_sigalg {
	enum csrl_sig_kind kind;
	enum csrl_hash hash;
	struct csrl_bytes oid;
	const char *name;                    /* OID short name, or NULL */
	const struct csrl_node *node;        /* AlgorithmIdentifier */
	const struct csrl_node *params;      /* NULL when absent */
	struct csrl_pss pss;                 /* when kind is CSRL_SIG_RSA_PSS */
	int pss_params_ok;                   /* PSS parameters decoded */
};

/** A parsed certification request. Nodes and strings live in csr->der->arena. */
struct csrl_csr {
	const uint8_t *data;                 /* the DER buffer (caller's) */
	size_t len;
	struct csrl_der *der;                /* the tree */
	const struct csrl_node *root;        /* CertificationRequest */
	const struct csrl_node *cri;         /* CertificationRequestInfo */
	struct csrl_bytes tbs;               /* exact signed bytes (CRI header + content) */
	long version;                        /* -1 when not representable */
	const struct csrl_node *version_node;
	struct csrl_name subject;
	struct csrl_pubkey key;
	int attrs_present;                   /* the [0] attributes field was encoded */
	const struct csrl_node *attrs_node;
	struct csrl_attr *attrs;
	size_t nattrs;
	struct csrl_ext *exts;               /* from every extensionRequest, in order */
	size_t nexts;
	struct csrl_sigalg sigalg;
	struct csrl_bytes sig;               /* signature BIT STRING data (without unused octet) */
	unsigned sig_unused_bits;
	const struct csrl_node *sig_node;
	int legacy_pem_label;                /* set by the caller from the PEM block */
	/* Every anomaly of the outer tree and of the encodings nested in BIT and OCTET STRINGs
	 * (the key, extension values), with offsets from the start of data. */
	struct csrl_anomaly *anomalies;
	size_t nanomalies;
	struct csrl_arena *arena;            /* owns the tree, the model and this struct */
};

/** Parses DER bytes (the buffer must outlive the result) into a CSR model.
 * Returns CSRL_ERR_OK, or CSRL_ERR_NOT_CSR / CSRL_ERR_CSR_STRUCTURE / a DER error with
 * err->offset and a message saying what is wrong. Ownership: *out is owned by the caller
 * (csrl_csr_free) and points into der, which the caller keeps until then. Thread-safe. */
int csrl_csr_parse(const uint8_t *der, size_t len, struct csrl_csr **out, struct csrl_error *err);
/** Frees csr with its tree and model (one arena); NULL is a no-op. */
void csrl_csr_free(struct csrl_csr *csr);

/** RFC 4514 form of a name (borrowed) into the caller's buf (always NUL-terminated,
 * truncated with "..."). */
void csrl_name_to_string(const struct csrl_name *name, char *buf, size_t bufsize);

/* ---- Signature verification ---------------------------------------------------------- */

enum csrl_verify_status {
	CSRL_VERIFY_VALID = 0, CSRL_VERIFY_INVALID, CSRL_VERIFY_UNSUPPORTED, CSRL_VERIFY_MISMATCH
};

struct csrl_verify_result {
	enum csrl_verify_status status;
	char detail[160];   /* why: "signature does not match", "MD4 is not supported", ... */
};

/** Verifies csr's self-signature over csr->tbs with csr->key into the caller's res. Borrows
 * csr; never fails operationally. */
void csrl_verify(const struct csrl_csr *csr, struct csrl_verify_result *res);
/** "valid", "invalid", "unsupported", "key/algorithm mismatch" (static storage). */
const char *csrl_verify_status_name(enum csrl_verify_status s);

/* ---- Schema check (libtasn1) --------------------------------------------------------- */

/** Decodes der with the project's PKCS#10 ASN.1 module in strict-DER mode.
 * Returns CSRL_ERR_OK when libtasn1 accepts it; otherwise CSRL_ERR_SCHEMA with libtasn1's
 * message in err->msg. Borrows der. Thread-safe (the module is loaded once). */
int csrl_schema_check(const uint8_t *der, size_t len, struct csrl_error *err);

/* ==== High-level API: lint, inspect, fix (core/api.c) =====================================
 *
 * The parse / model / verify functions above are the low level. This part wraps the rule
 * engine the way `csrlint lint`, `inspect` and `fix` use it:
 *
 *   struct csrl_ctx *ctx = csrl_ctx_new();              configure once ...
 *   csrl_ctx_set_profile(ctx, "tls-server", &err);
 *   csrl_lint(ctx, buf, len, &rep, &err);                 ... lint many inputs
 *   for (i = 0; i < csrl_report_count(rep); i++) csrl_report_get(rep, i, &view);
 *   csrl_report_free(rep); csrl_ctx_free(ctx);
 *
 * Threads: all functions may run concurrently in several threads as long as each thread
 * uses its own context; one context must not be used by two threads at once (it owns one
 * Lua state). Reports, buffers and strings returned here borrow nothing from their context
 * and may be handed to another thread.
 *
 * Errors: every function that can fail returns an enum csrl_err code and, when err is not
 * NULL, fills it with the code, a byte offset and a sentence. Messages never contain a
 * passphrase or key material.
 *
 * Plugins: a context loads no Lua rule unless told to (csrl_ctx_load_plugin, _dir, policy),
 * unlike the `csrlint` program, which loads the bundled rules by default. They are installed
 * in `pkg-config --variable=plugindir csrlint`; pass that folder to csrl_ctx_load_plugin_dir
 * to get the program's behaviour (policies that set the bundled rules' parameters need it). */

/** Severities of findings, lowest first (the same order and names as `csrlint lint`). */
enum csrl_level {
	CSRL_LEVEL_INFO = 0, CSRL_LEVEL_NOTICE, CSRL_LEVEL_WARNING, CSRL_LEVEL_ERROR,
	CSRL_LEVEL_FATAL
};

/** Releases memory that this API returned as "free with csrl_free" (DER, PEM, text); NULL is
 * a no-op. */
void csrl_free(void *p);

/** Extracts the DER of a request from data[0..len): DER as it is, or the first PEM block
 * (CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST; text around it is skipped). *der is
 * malloc'd and owned by the caller (csrl_free); data is only borrowed. *legacy_label (may be
 * NULL) is set to 1 for NEW CERTIFICATE REQUEST. Errors: CSRL_ERR_EMPTY, NOT_PEM_OR_DER,
 * PEM_BASE64 (err->line names the line), PEM_NOT_CSR (the first block is something else),
 * PEM_UNTERMINATED, TOO_LARGE, NOMEM. Pass the result to csrl_csr_parse to get the model. */
int csrl_csr_decode(const uint8_t *data, size_t len, uint8_t **der, size_t *der_len,
		    int *legacy_label, struct csrl_error *err);

/* ---- Contexts ---------------------------------------------------------------------------- */

struct csrl_ctx;

/** A lint configuration with the defaults of `csrlint lint --no-default-plugins`: profile
 * tls-server, no rule enabled or disabled by hand, 100 Fermat rounds, no blocklist, no Lua
 * rule. Owned by the caller: release it with csrl_ctx_free. NULL when out of memory. */
struct csrl_ctx *csrl_ctx_new(void);
/** Releases ctx, its plugins and blocklists; NULL is a no-op. Reports made with it stay
 * valid. */
void csrl_ctx_free(struct csrl_ctx *ctx);

/* The setters below copy their string arguments (the caller keeps ownership of them) and
 * return CSRL_ERR_OK, CSRL_ERR_USAGE for a bad value, or CSRL_ERR_NOMEM. Files are read at
 * the next csrl_ctx_prepare, csrl_lint or csrl_fix, which report their errors. */

/** Selects the profile: "rfc", "tls-server", "letsencrypt" or "private-pki". It wins over a
 * policy's profile, as --profile does. */
int csrl_ctx_set_profile(struct csrl_ctx *ctx, const char *name, struct csrl_error *err);
/** Runs a rule (id, or dotted prefix such as "san.dns") even when the profile leaves it out.
 * A selector that matches no rule is reported by the next csrl_ctx_prepare. */
int csrl_ctx_enable(struct csrl_ctx *ctx, const char *rule, struct csrl_error *err);
/** Skips a rule (id or prefix); disabling wins over enabling. */
int csrl_ctx_disable(struct csrl_ctx *ctx, const char *rule, struct csrl_error *err);
/** Loads the Lua rules of a plugin file (like --plugin). */
int csrl_ctx_load_plugin(struct csrl_ctx *ctx, const char *path, struct csrl_error *err);
/** Loads every *.lua rule file of a folder, in sorted order (like --plugins). */
int csrl_ctx_load_plugin_dir(struct csrl_ctx *ctx, const char *dir, struct csrl_error *err);
/** Applies a Lua policy file (like --policy): profile, rules, severities, parameters and the
 * plugins it lists. A second call replaces the first. */
int csrl_ctx_set_policy(struct csrl_ctx *ctx, const char *path, struct csrl_error *err);
/** Sets a parameter of the loaded Lua rules, "NAME=VALUE" (like --param), after the
 * policy's. */
int csrl_ctx_set_param(struct csrl_ctx *ctx, const char *name_value, struct csrl_error *err);
/** Reads a compromised-key list now (like --blocklist; formats in the README). Errors name the
 * file and line: CSRL_ERR_IO, EMPTY, USAGE. */
int csrl_ctx_add_blocklist(struct csrl_ctx *ctx, const char *path, struct csrl_error *err);
/** Rounds of Fermat's method against RSA moduli: 100 (the default) to 100,000,000. */
int csrl_ctx_set_fermat_rounds(struct csrl_ctx *ctx, long rounds, struct csrl_error *err);

/** Flags of csrl_ctx_set_fix_flags (the options of `csrlint fix`). */
#define CSRL_FIX_KEEP_ATTRS 0x1u   /* keep challengePassword and unknown attributes */
#define CSRL_FIX_KEEP_EMAIL 0x2u   /* keep emailAddress in the subject */
#define CSRL_FIX_PSS        0x4u   /* sign RSA keys with RSASSA-PSS */
/** Sets how csrl_fix edits and signs (default 0). CSRL_ERR_USAGE for an unknown flag. */
int csrl_ctx_set_fix_flags(struct csrl_ctx *ctx, unsigned flags, struct csrl_error *err);

/** Loads the plugins and the policy, merges the policy into the configuration and checks that
 * every enabled or disabled selector names a rule. csrl_lint and csrl_fix call it when the
 * configuration changed; call it first to report configuration errors early. Errors name
 * the file (and line or field): CSRL_ERR_IO, USAGE, NOMEM. */
int csrl_ctx_prepare(struct csrl_ctx *ctx, struct csrl_error *err);

/* ---- Lint -------------------------------------------------------------------------------- */

struct csrl_report;

/** One finding, as csrl_report_get shows it. The strings are borrowed from the report and
 * live until csrl_report_free. */
struct csrl_finding_view {
	const char *rule_id;             /* "san.missing", "policy.san.too-many" ... */
	enum csrl_level severity;        /* after any policy override */
	const char *severity_name;       /* "info", "notice", "warning", "error", "fatal" */
	const char *message;             /* what is wrong and what to do */
	const char *path;                /* node path, "" for the whole request */
	size_t offset, length;           /* byte range in the DER (length 0: a point) */
};

/** Lints one request, DER or PEM (the first block, as csrl_csr_decode takes it), with ctx's
 * configuration. data is borrowed for the call only. On CSRL_ERR_OK *out is a report owned by
 * the caller (csrl_report_free), its findings ordered by byte offset then rule id exactly as
 * `csrlint lint` orders them (the cross-input checks of a multi-file run are not part of a
 * single lint). A request that cannot be read or parsed is an error, not a report (the
 * program's fatal.unparseable finding): its code and err->offset say where it stopped.
 * Configuration errors are those of csrl_ctx_prepare. *out is NULL on error. */
int csrl_lint(struct csrl_ctx *ctx, const uint8_t *data, size_t len, struct csrl_report **out,
	      struct csrl_error *err);
/** Number of findings in rep (0 for NULL). */
size_t csrl_report_count(const struct csrl_report *rep);
/** Fills *out with finding i (0-based); CSRL_ERR_USAGE when i is out of range. *out borrows
 * from rep. */
int csrl_report_get(const struct csrl_report *rep, size_t i, struct csrl_finding_view *out);
/** Highest severity among the findings (enum csrl_level), or -1 when there is none. */
int csrl_report_max_severity(const struct csrl_report *rep);
/** Releases rep and every string it lent; NULL is a no-op. */
void csrl_report_free(struct csrl_report *rep);

/* ---- Inspect ----------------------------------------------------------------------------- */

enum csrl_inspect_format {
	CSRL_INSPECT_TEXT = 0,           /* `csrlint inspect`: like `openssl req -text` */
	CSRL_INSPECT_JSON,               /* one object of `csrlint inspect --format json` */
	CSRL_INSPECT_ASN1                /* `csrlint inspect --asn1`: the DER tree, anomalies */
};

/** Describes a request (DER or PEM, first block) the way `csrlint inspect` does, with the
 * signature verdict. *text is a NUL-terminated string owned by the caller (csrl_free). A
 * challengePassword is never printed, only its length. Errors as csrl_csr_decode and
 * csrl_csr_parse. */
int csrl_inspect_string(const uint8_t *data, size_t len, enum csrl_inspect_format fmt,
			char **text, struct csrl_error *err);

/* ---- Fix and sign ------------------------------------------------------------------------ */

/** Lints csr[0..len) (DER or PEM) with ctx's configuration, applies the fixes its findings
 * call for (the fixers of `csrlint fix`, with ctx's fix flags), re-encodes it as canonical
 * DER and signs it with key[0..key_len), which must be the request's own private key
 * (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC 1; PEM or DER). passphrase (may be NULL) unlocks
 * an encrypted key. The hash is SHA-256, SHA-384 for P-384 and SHA-512 for P-521. On
 * CSRL_ERR_OK *out_der (csrl_free) holds the new signed request, owned by the caller. The
 * inputs and the passphrase are only borrowed, and nothing secret is kept or put in a
 * message. Errors: those of csrl_lint, CSRL_ERR_PEM_NO_BLOCK / NOT_DER (not a key, a wrong
 * passphrase), CSRL_ERR_USAGE (an encrypted key without passphrase, or the key is not the
 * request's), CSRL_ERR_CSR_STRUCTURE (a part that cannot be carried over). */
int csrl_fix(struct csrl_ctx *ctx, const uint8_t *csr, size_t len, const uint8_t *key,
	     size_t key_len, const char *passphrase, uint8_t **out_der, size_t *out_len,
	     struct csrl_error *err);

/** PEM text ("-----BEGIN CERTIFICATE REQUEST-----", 64-character lines) of der[0..len),
 * NUL-terminated, owned by the caller (csrl_free); NULL when out of memory. */
char *csrl_der_to_pem(const uint8_t *der, size_t len);

#ifdef __cplusplus
}
#endif
#endif
