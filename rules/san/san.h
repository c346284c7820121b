/* san.h - helpers shared by the subjectAltName rules (rules/san/). Everything borrows from
 * the CSR; the public suffix list is loaded once and lives for the process. */
#ifndef CSRL_RULES_SAN_H
#define CSRL_RULES_SAN_H

#include <libpsl.h>

#include "util.h"

/* Longest dNSName in text form: 255 octets on the wire (RFC 1035 section 2.3.4) less the
 * length octet of the first label and the root label. */
#define SAN_DNS_MAX 253
/* Longest label (RFC 1035 section 2.3.4). */
#define SAN_LABEL_MAX 63
/* A buffer that holds any dNSName san_dns_copy accepts, with its NUL. */
#define SAN_DNS_BUF (SAN_DNS_MAX + 1)
/* A buffer for a name quoted in a message (escapes can triple its length). */
#define SAN_QUOTE_BUF (4 * SAN_DNS_BUF)

/** Position in the walk over every GeneralName of every decoded SAN extension. */
struct san_iter {
	size_t ext, name;
};

/** Next GeneralName (of any type when type < 0), or NULL at the end. Start with {0, 0}. */
const struct csrl_gname *san_next(const struct csrl_csr *csr, struct san_iter *it, int type);

/** Whether the request carries at least one decoded subjectAltName extension. */
int san_present(const struct csrl_lint_ctx *ctx);

/** Copies a primitive dNSName of at most SAN_DNS_MAX bytes without NUL bytes into buf
 * (SAN_DNS_BUF bytes, NUL-terminated), lowercased when lower is set. Returns the length,
 * or -1 when g is no such dNSName (over-long names are reported by san.dns.too-long). */
int san_dns_copy(const struct csrl_gname *g, char *buf, int lower);

/** Whether a copied dNSName has plain syntax: non-empty, ASCII letters, digits, '-', '_' and
 * '*' only, no empty label, no trailing dot. Semantic rules only look at such names. */
int san_dns_plausible(const char *s);

/** Whether text is an IPv4 dotted quad or an IPv6 address in text form. */
int san_is_ip_text(const char *s);

/** Writes p[0..len) into out (SAN_QUOTE_BUF bytes) with non-printable and non-ASCII bytes as
 * \xNN, cut with "..." when long: safe to put into a message. Returns out. */
const char *san_quote(const void *p, size_t len, char *out);

/** Absolute byte offset of byte i of g's value in the request. */
size_t san_value_offset(const struct csrl_lint_ctx *ctx, const struct csrl_gname *g, size_t i);

/** The public suffix list: the system's latest file when present, else libpsl's built-in
 * list; NULL only when neither loads. Loaded once, thread-safe. */
const psl_ctx_t *san_psl(void);

/** A special-use or internal-only domain (RFC 6761 and successors) that name (lowercase) is
 * or ends in, or NULL. .onion is not one of them (it has its own rules). */
struct san_special_domain {
	const char *suffix;          /* "local" */
	const char *reference;       /* "RFC 6762" */
};
const struct san_special_domain *san_special_domain(const char *name);

/** What the semantic dNSName rules (internal names, public suffixes, TLDs) ask of a name,
 * worked out once per lint run instead of once per rule. */
struct san_dns {
	int len;                     /* san_dns_copy(g, lower, 1); -1: no such dNSName */
	int plain;                   /* san_dns_plausible(lower) && !san_is_ip_text(lower) */
	const struct san_special_domain *special;  /* san_special_domain(lower) when plain */
	char lower[SAN_DNS_BUF];
};

/** The facts about g in this lint run. Kept in a small per-thread table keyed by the run's
 * serial and g, so threads never share it; returns a pointer into that table or into
 * scratch, valid until the next call. */
const struct san_dns *san_dns_facts(const struct csrl_lint_ctx *ctx,
				    const struct csrl_gname *g, struct san_dns *scratch);

/** Whether the lowercase name is or ends in ".onion" (RFC 7686). */
int san_is_onion(const char *name);

#endif
