/* inspect.h - internal: the `inspect` reporters (text, --asn1 tree, JSON). They only borrow
 * the CSR and verification result they print. */
#ifndef CSRL_INSPECT_H
#define CSRL_INSPECT_H

#include <stdio.h>
#include <jansson.h>

#include "csrlint.h"

/** Prints csr the way `openssl req -text` does: version, subject (RFC 4514), key type and size
 * or curve, exponent, SPKI SHA-256, attributes, requested extensions decoded, signature
 * algorithm and the verification result. */
void csrl_inspect_text(FILE *out, const struct csrl_csr *csr, const struct csrl_verify_result *vr);

/** Prints the DER tree like dumpasn1: offset, header length, length, tag, OID names, values,
 * with each anomaly marked on its line ("!! der.length-not-minimal @12"). */
void csrl_inspect_asn1(FILE *out, const struct csrl_der *der);

/** JSON object holding the same content as csrl_inspect_text (new reference; the caller
 * adds "file" and owns the result). NULL when out of memory. */
json_t *csrl_inspect_json(const struct csrl_csr *csr, const struct csrl_verify_result *vr);

/** JSON array of the DER tree (new reference), for `--asn1 --format json`. */
json_t *csrl_inspect_asn1_json(const struct csrl_der *der);

#endif
