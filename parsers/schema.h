/* schema.h - internal: the libtasn1 schema check beyond csrl_schema_check (csrlint.h).
 * Nothing returned here is allocated: spans are filled into the caller's array. */
#ifndef CSRL_SCHEMA_H
#define CSRL_SCHEMA_H

#include <libtasn1.h>

#include "csrlint.h"

/** The compiled module, generated from parsers/pkcs10.asn by `make asn1`. */
extern const asn1_static_node csrl_pkcs10_asn1_tab[];

/** The main elements of a request whose byte ranges csrl_schema_spans reports. */
enum csrl_schema_part {
	CSRL_SCHEMA_CRI = 0,     /* certificationRequestInfo (the signed bytes) */
	CSRL_SCHEMA_SUBJECT,     /* certificationRequestInfo.subject */
	CSRL_SCHEMA_SPKI,        /* certificationRequestInfo.subjectPKInfo */
	CSRL_SCHEMA_ATTRS,       /* certificationRequestInfo.attributes */
	CSRL_SCHEMA_SIGALG,      /* signatureAlgorithm */
	CSRL_SCHEMA_SIG,         /* signature */
	CSRL_SCHEMA_NPARTS
};

/** Byte range of one element, header included: der[start .. end). */
struct csrl_schema_span {
	int present;             /* 0 when the element is absent from the encoding */
	size_t start;            /* offset of the identifier octet */
	size_t end;              /* one past the last content octet (libtasn1's end + 1) */
};

/** libtasn1 path of a part relative to CertificationRequest ("certificationRequestInfo.subject");
 * never NULL ("?" when out of range). */
const char *csrl_schema_part_path(int part);

/** Whether the DER reader's tree alone proves that csrl_schema_check accepts its input: no
 * anomaly at all, exactly the module's CertificationRequest shape, every OBJECT IDENTIFIER
 * the module types short and plain, every ANY value in the low-tag-number form, no empty BIT
 * STRING, RDN or attribute value set. 0 means "ask libtasn1", not "rejected". */
int csrl_schema_tree_accepts(const struct csrl_der *tree);

/** csrl_schema_check(der, len, err) with the same result, skipping libtasn1's decode (the
 * largest single cost of a lint run after the signature) when tree, the reader's tree of
 * exactly der[0..len), proves the answer is CSRL_ERR_OK. tree may be NULL. */
int csrl_schema_check_tree(const struct csrl_der *tree, const uint8_t *der, size_t len,
			   struct csrl_error *err);

/** Decodes der like csrl_schema_check and then fills spans[] with the byte ranges that
 * asn1_der_decoding_startEnd gives for every part. Returns CSRL_ERR_OK, CSRL_ERR_SCHEMA
 * (not accepted, or an element could not be located), CSRL_ERR_TOO_LARGE, CSRL_ERR_NOMEM or
 * CSRL_ERR_INTERNAL (the module did not load). */
int csrl_schema_spans(const uint8_t *der, size_t len,
		      struct csrl_schema_span spans[CSRL_SCHEMA_NPARTS], struct csrl_error *err);

/** Decodes der like csrl_schema_check, then every value whose type the module knows against
 * that type in strict-DER mode: challengePassword, unstructuredName, the extensionRequest and
 * in it subjectAltName, keyUsage, extKeyUsage, basicConstraints and subjectKeyIdentifier.
 * Returns CSRL_ERR_OK or the first failure as CSRL_ERR_SCHEMA, naming the attribute or
 * extension; other codes as csrl_schema_spans. */
int csrl_schema_check_values(const uint8_t *der, size_t len, struct csrl_error *err);

#endif
