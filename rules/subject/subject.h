/* subject.h - helpers shared by the subject rules (rules/subject/). Everything borrows from
 * the CSR. */
#ifndef CSRL_RULES_SUBJECT_H
#define CSRL_RULES_SUBJECT_H

#include "util.h"

/* A buffer for an attribute's name in a message ("CN" or a dotted OID). */
#define SUBJ_LABEL_BUF 96
/* A buffer for a value quoted in a message (cut at about 60 characters). */
#define SUBJ_QUOTE_BUF 260

/** Walk over every AVA of the subject in encoded order. Start with {0, 0}. */
struct subj_iter {
	size_t rdn, ava;
};
/** Next AVA, or NULL at the end; *rdn_out (may be NULL) receives its RDN. */
const struct csrl_ava *subj_next(const struct csrl_csr *csr, struct subj_iter *it,
				 const struct csrl_rdn **rdn_out);

/** The attribute's short name, or its dotted OID when unknown; returns buf. */
const char *subj_label(const struct csrl_ava *a, char *buf);

/** Whether the value is a primitive universal string type the model decoded to text. */
int subj_is_text(const struct csrl_ava *a);

/** Decodes the code point at byte i of the raw value (by its string type; invalid UTF-8
 * becomes U+FFFD) into *cp; returns the number of bytes it took (0 at the end). */
size_t subj_next_cp(const struct csrl_ava *a, size_t i, uint32_t *cp);

/** Whether the value is plain ASCII text: octets 0x21-0x7E and single spaces between them,
 * in a string type whose ASCII octets are their own code points (not BMP or Universal), so
 * that no whitespace or control-character rule can object to it. Costs one pass over the
 * octets instead of a decoding pass per rule. */
int subj_plain_ascii(const struct csrl_ava *a);

/** Number of characters of the value (what an ASN.1 SIZE constraint counts). */
size_t subj_char_count(const struct csrl_ava *a);

/** Absolute byte offset of byte i of the value in the request. */
size_t subj_value_offset(const struct csrl_lint_ctx *ctx, const struct csrl_ava *a, size_t i);

/** Writes the decoded value quoted and safe for a message (controls as \xNN or \u{...},
 * cut with "..."); returns out (SUBJ_QUOTE_BUF bytes). */
const char *subj_quote(const struct csrl_ava *a, char *out);

/** Whether cp is a space character (ASCII whitespace, NO-BREAK SPACE, Unicode Zs). */
int subj_is_space(uint32_t cp);

/** Whether cp is a control character (C0, DEL, C1) or an invisible formatting character
 * (zero-width, bidirectional embedding, override and isolate marks, BOM). */
int subj_is_control(uint32_t cp);

/** Whether the two-letter upper-case code is an assigned ISO 3166-1 alpha-2 code
 * (country_codes.c). */
int subj_iso3166_assigned(const char *cc);

#endif
