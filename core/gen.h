/* gen.h - internal: the generator. An editable request (built from a parsed CSR or from
 * scratch), the fixers that edit it, its canonical DER through libtasn1, and its signature.
 *
 * Ownership: a csrl_gen_req owns one arena holding every field and log line; it borrows
 * nothing from the CSR it was made from, so the CSR may be freed first. csrl_gen_build
 * returns malloc'd DER that the caller frees.
 */
#ifndef CSRL_GEN_H
#define CSRL_GEN_H

#include <libtasn1.h>

#include "lint.h"
#include "../parsers/privkey.h"

/** Most RDNs, attributes, extensions or names of one kind the generator holds. */
#define CSRL_GEN_MAX_ITEMS 1024

/** One AttributeTypeAndValue: a string (tag + content) or a value kept as its raw TLV. */
struct csrl_gen_ava {
	char *oid;                      /* dotted */
	enum csrl_oid_id id;
	uint32_t tag;                   /* universal string tag, or 0 when raw is used */
	char *text;                     /* content octets of the string (NUL-terminated) */
	size_t len;
	const char *utf8;               /* the value as UTF-8 (the parser's decoding) */
	const uint8_t *raw;             /* whole TLV of a non-string value */
	size_t raw_len;
};

struct csrl_gen_rdn {
	struct csrl_gen_ava *avas;
	size_t n;
};

/** One GeneralName: DNS, email, URI (text), IP (bytes), or any other kept as its raw TLV. */
struct csrl_gen_name {
	enum csrl_gname_type type;
	char *value;                    /* content octets (NUL-terminated for text) */
	size_t len;
	const uint8_t *raw;             /* whole TLV for the types kept verbatim */
	size_t raw_len;
};

/** One extension; a SAN keeps its names so that fixers can edit them. */
struct csrl_gen_ext {
	char *oid;
	enum csrl_oid_id id;
	int critical;
	const uint8_t *value;           /* extnValue content (unused for an edited SAN) */
	size_t len;
	int is_san;                     /* value is rebuilt from names */
	struct csrl_gen_name *names;
	size_t nnames;
};

/** One attribute other than extensionRequest: values kept as raw TLVs. */
struct csrl_gen_attr {
	char *oid;
	enum csrl_oid_id id;
	const uint8_t **values;
	size_t *lens;
	size_t nvalues;
};

struct csrl_gen_req {
	struct csrl_gen_rdn *rdns;
	size_t nrdns;
	char *key_oid;                  /* SubjectPublicKeyInfo algorithm */
	const uint8_t *key_params;      /* parameters TLV, or NULL when absent */
	size_t key_params_len;
	const uint8_t *key_bits;        /* subjectPublicKey without the unused-bits octet */
	size_t key_len;
	struct csrl_gen_ext *exts;
	size_t nexts;
	int has_ext_request;            /* emit an extensionRequest (even if it ends up empty) */
	struct csrl_gen_attr *attrs;
	size_t nattrs;
	char **log;                     /* what the fixers changed, one line each */
	size_t nlog;
	const char *log_prefix;         /* put before each log line (a Lua fix's rule), or NULL */
	struct csrl_arena *arena;
};

/** How to sign: the hash is chosen from the key unless given; PSS only on request. */
struct csrl_sign_opts {
	enum csrl_hash hash;            /* CSRL_HASH_NONE: SHA-256, SHA-384 for P-384, SHA-512 for
					 * P-521 */
	int pss;                        /* RSA: RSASSA-PSS with MGF1 of the same hash */
};

/** Copies csr into an editable request. Returns CSRL_ERR_OK, CSRL_ERR_NOMEM, or
 * CSRL_ERR_CSR_STRUCTURE when a part cannot be carried over (a malformed extension). */
int csrl_gen_from_csr(const struct csrl_csr *csr, struct csrl_gen_req **out,
		      struct csrl_error *err);
/** An empty request (no subject, no key) for `csrlint new`. */
struct csrl_gen_req *csrl_gen_empty(void);
void csrl_gen_free(struct csrl_gen_req *req);

/** Arena helpers that never fail silently: NULL only on out of memory. */
char *csrl_gen_strdup(struct csrl_gen_req *req, const void *p, size_t len);
/** Appends a printf-formatted line to req->log (dropped on out of memory). */
void csrl_gen_logf(struct csrl_gen_req *req, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Grows *v (an arena array of *n items of size sz) by one zeroed item; NULL on OOM. */
void *csrl_gen_push(struct csrl_gen_req *req, void **v, size_t *n, size_t sz);
/** The request's subjectAltName extension (borrowed), or NULL when it has none. */
struct csrl_gen_ext *csrl_gen_find_san(struct csrl_gen_req *req);

/** Sets the public key from a private key (the SPKI of `new`). */
int csrl_gen_set_key(struct csrl_gen_req *req, const struct csrl_privkey *key,
		     struct csrl_error *err);

/** Canonical DER of the CertificationRequestInfo (*cri) and, when key is not NULL, of the
 * signed CertificationRequest (*csr). Both malloc'd. Without a key *csr is unsigned (a
 * placeholder algorithm and an empty signature), for linting what would be signed. */
int csrl_gen_build(const struct csrl_gen_req *req, const struct csrl_privkey *key,
		   const struct csrl_sign_opts *so, uint8_t **cri, size_t *cri_len,
		   uint8_t **csr, size_t *csr_len, struct csrl_error *err);

/* ---- gen_new.c: the parts of a new request (all return CSRL_ERR_USAGE naming the bad
 * value, or CSRL_ERR_NOMEM) ------------------------------------------------------------- */

/** Sets the subject from OpenSSL's -subj syntax: /TYPE=value/..., '+' joining the AVAs of a
 * multi-valued RDN, '\\' escaping the next character. "/" is the empty subject. */
int csrl_gen_set_subject(struct csrl_gen_req *req, const char *subj, struct csrl_error *err);
/** Adds dns:NAME, ip:ADDR, email:ADDR or uri:URI to the subjectAltName extension. */
int csrl_gen_add_san(struct csrl_gen_req *req, const char *spec, struct csrl_error *err);
/** Adds a critical keyUsage from a comma-separated list of bit names. */
int csrl_gen_add_ku(struct csrl_gen_req *req, const char *list, struct csrl_error *err);
/** Adds extKeyUsage from a comma-separated list (serverAuth, clientAuth, ...). */
int csrl_gen_add_eku(struct csrl_gen_req *req, const char *list, struct csrl_error *err);

/* ---- gen_key.c -------------------------------------------------------------------------- */

/** Generates a key ("rsa:2048", "rsa:3072", "rsa:4096", "ec:P-256", "ec:P-384", "ed25519")
 * with the kernel's randomness: *der is its unencrypted PKCS#8 DER (malloc'd; the caller
 * wipes and frees it). CSRL_ERR_USAGE for an unknown spec. */
int csrl_gen_keygen(const char *spec, uint8_t **der, size_t *len, struct csrl_error *err);
/** Creates path with mode 0600 (O_EXCL: never over an existing file) and writes data; on
 * failure nothing is left at path. */
int csrl_gen_write_secret(const char *path, const void *data, size_t len,
			  struct csrl_error *err);

/* ---- gen_asn1.c: the libtasn1 module, shared by the generator --------------------------- */

/** Creates an element of a type of the project's module ("CertificationRequest"). */
int csrl_gen_element(const char *type, asn1_node *out, struct csrl_error *err);
/** DER of element (or of its part name, "" for all) into a malloc'd buffer. */
int csrl_gen_encode(asn1_node node, const char *name, uint8_t **der, size_t *len,
		    struct csrl_error *err);
/** Whole TLV of a universal string value (asn1_encode_simple_der) into the arena. */
int csrl_gen_string_tlv(struct csrl_gen_req *req, uint32_t tag, const void *p, size_t len,
			const uint8_t **tlv, size_t *tlv_len);

/* ---- gen_sign.c ------------------------------------------------------------------------- */

/** The signature of tbs by key: the algorithm's dotted OID (static), its parameters TLV
 * (malloc'd, NULL when absent) and the signature value for the BIT STRING (malloc'd). */
struct csrl_gen_sig {
	const char *oid;
	uint8_t *params;
	size_t params_len;
	uint8_t *value;
	size_t len;
};
int csrl_gen_sign(const uint8_t *tbs, size_t len, const struct csrl_privkey *key,
		  const struct csrl_sign_opts *so, struct csrl_gen_sig *sig,
		  struct csrl_error *err);
void csrl_gen_sig_clear(struct csrl_gen_sig *sig);

/* ---- gen_fix.c -------------------------------------------------------------------------- */

struct csrl_fix_opts {
	int keep_attrs;                 /* keep challengePassword and unknown attributes */
	int keep_email;                 /* keep emailAddress in the subject */
};

/** A built-in fix: the rules whose findings call for it, and the edit. */
struct csrl_fixer {
	const char *id;
	const char *description;
	const char *const *rules;       /* rule ids, NULL-terminated */
	void (*apply)(struct csrl_gen_req *req, const struct csrl_fix_opts *o);
};

extern const struct csrl_fixer csrl_fixers[];
extern const size_t csrl_fixers_count;

/** Applies every fixer called for by a finding in f; returns how many ran. */
size_t csrl_gen_fix(struct csrl_gen_req *req, const struct csrl_findings *f,
		    const struct csrl_fix_opts *o);

/* ---- gen_edit.c: single edits, the operations a fix declared by a Lua rule may make ------
 * Each checks its arguments and that what it names exists, logs what it changed, and
 * returns CSRL_ERR_OK, CSRL_ERR_NOMEM, or CSRL_ERR_USAGE with a message saying what is
 * wrong (the request is then unchanged). Subject values are numbered from 0 in the order
 * they are encoded (RDN by RDN); types, extensions and attributes are named by dotted OID or
 * by their short or long name ("CN", "subjectAltName", "challengePassword"). */

/** Longest value a subject edit or a SAN name may have. */
#define CSRL_GEN_MAX_VALUE 1024

/** Number of subject values, and value i (with the index of its RDN in *rdn); NULL past
 * the end. */
size_t csrl_gen_subject_count(const struct csrl_gen_req *req);
const struct csrl_gen_ava *csrl_gen_subject_at(const struct csrl_gen_req *req, size_t i,
					       size_t *rdn);
/** Short name of a dotted OID the project knows ("CN"), or NULL. */
const char *csrl_gen_oid_name(const char *dotted);
/** Replaces subject value i with a UTF-8 value (no control characters), keeping its type
 * when the value fits that string type, else as UTF8String (IA5String stays ASCII). */
int csrl_gen_set_subject_value(struct csrl_gen_req *req, size_t i, const char *value,
			       size_t len, struct csrl_error *err);
/** Removes subject value i; an RDN left empty goes with it. */
int csrl_gen_remove_subject_value(struct csrl_gen_req *req, size_t i, struct csrl_error *err);
/** Removes every subject value of a type; *n says how many (at least one, or an error). */
int csrl_gen_remove_subject_type(struct csrl_gen_req *req, const char *type, size_t *n,
				 struct csrl_error *err);
/** Adds a subjectAltName of type "dns", "email", "uri" or "ip" (the SAN made when absent). */
int csrl_gen_add_name(struct csrl_gen_req *req, const char *type, const char *value,
		      size_t len, struct csrl_error *err);
/** Removes every equal subjectAltName (bytes compared; IPs as addresses); *n says how many.
 * A SAN left without names is removed. */
int csrl_gen_remove_name(struct csrl_gen_req *req, const char *type, const char *value,
			 size_t len, size_t *n, struct csrl_error *err);
/** Sets the critical flag of an extension, or removes the extension. */
int csrl_gen_set_ext_critical(struct csrl_gen_req *req, const char *ext, int critical,
			      struct csrl_error *err);
int csrl_gen_remove_ext(struct csrl_gen_req *req, const char *ext, struct csrl_error *err);
/** Removes an attribute other than extensionRequest (use csrl_gen_remove_ext for those). */
int csrl_gen_remove_attr(struct csrl_gen_req *req, const char *attr, struct csrl_error *err);

#endif
