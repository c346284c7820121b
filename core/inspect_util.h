/* inspect_util.h - internal: formatting shared by the text, --asn1 and JSON reporters (hex,
 * integers, IP addresses, GeneralNames, key-usage names, DER node values, the tree walk).
 * Every function writes into a caller-owned buffer or returns a malloc'd string the caller
 * frees; nothing keeps a reference to its arguments. */
#ifndef CSRL_INSPECT_UTIL_H
#define CSRL_INSPECT_UTIL_H

#include <stdio.h>

#include "csrlint.h"

/** Largest byte string printed in full by a reporter; longer ones end in "...". */
#define CSRL_INSPECT_MAX_HEX 4096u
/** Longest string value shown on one --asn1 line before it is cut with "...". */
#define CSRL_INSPECT_MAX_VALUE 72u
/** Encapsulated DER (in BIT and OCTET STRINGs) followed at most this deep by --asn1. */
#define CSRL_INSPECT_MAX_ENCAP 4

/** Hex of p[0..len) into buf (always NUL-terminated), bytes separated by sep when sep is
 * not 0; cut at a whole byte with "..." when buf is too small. Returns buf. */
char *csrl_hex(char *buf, size_t size, const uint8_t *p, size_t len, char sep);
/** malloc'd hex (no separators) of at most max bytes, "..." appended when cut; NULL on OOM. */
char *csrl_hex_alloc(const uint8_t *p, size_t len, size_t max);
/** Prints p as openssl does: per_line colon-separated bytes per line, each line indented,
 * every line but the last ending in ':'; at most max bytes, then a "... (N bytes)" line. */
void csrl_hex_wrapped(FILE *out, const uint8_t *p, size_t len, int indent, int per_line,
		      size_t max);

/** The bytes without leading 0x00 octets (one 0x00 kept for the value zero). */
struct csrl_bytes csrl_strip_zeros(struct csrl_bytes b);
/** Unsigned big-endian value of b when it fits 64 bits after stripping zeros; 0 otherwise. */
int csrl_uint64(struct csrl_bytes b, uint64_t *v);
/** Signed (two's complement) value of 1..8 content octets; 0 when empty or longer. */
int csrl_int64(struct csrl_bytes b, int64_t *v);
/** Decimal form of the unsigned big-endian integer b into buf; -1 when buf is too small or
 * b is longer than CSRL_INSPECT_MAX_HEX (buf then holds "0x" + hex, possibly cut). */
int csrl_uint_decimal(struct csrl_bytes b, char *buf, size_t size);

/** Short name of a known OID, or its dotted form in buf. Returns the text to show. */
const char *csrl_oid_text(struct csrl_bytes oid, char *buf, size_t size);
/** Long name ("X509v3 Key Usage") of a known OID, or its dotted form in buf. */
const char *csrl_oid_long_text(struct csrl_bytes oid, char *buf, size_t size);

/* Flags of csrl_escape. */
#define CSRL_ESC_QUOTE 1u   /* also escape '"' and '\\' (for quoted output) */
#define CSRL_ESC_UTF8  2u   /* keep UTF-8 sequences (the input is valid UTF-8), except C1 */
/** Terminal-safe copy of p[0..len): control bytes, DEL and (without CSRL_ESC_UTF8) every byte
 * above 0x7E become \xNN; cut with "..." after max input bytes or when buf is full. */
char *csrl_escape(char *buf, size_t size, const uint8_t *p, size_t len, unsigned flags,
		  size_t max);
/** Number of UTF-8 characters (code points) in the NUL-terminated s. */
size_t csrl_utf8_chars(const char *s);

/** Text form of an iPAddress GeneralName: dotted IPv4, RFC 5952 IPv6, "addr/mask" for the
 * 8- and 32-byte name-constraint forms, else "<invalid length N: hex>". */
char *csrl_ip_text(char *buf, size_t size, const uint8_t *p, size_t len);

/** Lower-case JSON key of a GeneralName kind: "dns", "email", "uri", "ip", "dirname",
 * "othername", "rid", "x400", "ediparty". */
const char *csrl_gname_key(enum csrl_gname_type t);
/** Label of a GeneralName kind the way openssl prints it: "DNS", "email", "IP Address". */
const char *csrl_gname_label(enum csrl_gname_type t);
/** The value of a GeneralName as text (without label): escaped IA5 text, IP text, RFC 4514
 * directory name, registered OID, "<oid>:<value>" for otherName, else hex. */
char *csrl_gname_value(char *buf, size_t size, const struct csrl_gname *g);
/** The value inside an otherName ([0] EXPLICIT): escaped text for a string, else hex of its
 * whole encoding. */
char *csrl_othername_value(char *buf, size_t size, const struct csrl_gname *g);

/** keyUsage bit name: RFC 5280 identifier ("digitalSignature") when rfc is set, otherwise
 * openssl's label ("Digital Signature"); NULL for bits above 8. */
const char *csrl_ku_name(unsigned bit, int rfc);

/** Name of a universal tag ("SEQUENCE", "PrintableString"); NULL when not a known one. */
const char *csrl_universal_name(uint32_t tag);
/** Tag as dumpasn1 shows it: universal name, "[n]", "[APPLICATION n]", "[PRIVATE n]". */
char *csrl_tag_text(char *buf, size_t size, const struct csrl_node *n);
/** "universal", "application", "context", "private". */
const char *csrl_class_name(unsigned cls);
/** Whether n is a primitive universal string type (the --asn1 dump quotes it). */
int csrl_is_string_node(const struct csrl_node *n);
/** One-line value of a node for --asn1: OID + name, INTEGER, BOOLEAN, quoted strings, short
 * hex; empty for constructed nodes. A redacted node shows only its size. */
char *csrl_node_value(char *buf, size_t size, const struct csrl_node *n, int redacted);

/** One node met by csrl_der_walk, with offsets made absolute. */
struct csrl_walk_node {
	const struct csrl_node *node;
	size_t offset;                        /* absolute offset of the identifier octet */
	unsigned depth;                       /* nesting shown, counting encapsulation */
	int encapsulated;                     /* decoded from a BIT or OCTET STRING */
	int redacted;                         /* inside challengePassword values: never show */
	const struct csrl_anomaly *const *anoms; /* this node's anomalies, in offset order */
	size_t nanoms;
	size_t anom_base;                     /* add to each anomaly offset */
	const char *note;                     /* a non-DER remark ("explicit-default"), or NULL */
};

/** Called once per node in document order; a non-zero return stops the walk. */
typedef int (*csrl_walk_fn)(void *ctx, const struct csrl_walk_node *w);
/** Walks der's tree in preorder, following DER encapsulated in BIT and OCTET STRINGs (the
 * key, extension values) up to CSRL_INSPECT_MAX_ENCAP levels. Returns 0, the callback's
 * non-zero value, or -1 when out of memory. */
int csrl_der_walk(const struct csrl_der *der, csrl_walk_fn fn, void *ctx);

#endif
