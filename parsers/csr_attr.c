/* csr_attr.c - request attributes (RFC 2986 4.1, RFC 2985 5.4) and the extensions carried in
 * extensionRequest, decoded where known (RFC 5280 4.2.1: SAN, keyUsage, extKeyUsage,
 * basicConstraints, subjectKeyIdentifier). An extension value that does not decode is kept raw
 * with decode_failed set: that is for rules to report, not a parse failure.
 *
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET SIZE(1..MAX) OF ANY }
 *   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
 *                            extnValue OCTET STRING }
 */
#include <string.h>

#include "csr_int.h"


static void parse_gname(struct csr_ctx *c, const struct csrl_node *n, struct csrl_gname *g)
{
	g->node = n;
	g->type = (enum csrl_gname_type)n->tag;
	g->value = csr_bytes(n);
	if (n->tag == CSRL_GN_OTHER && n->constructed) {
		const struct csrl_node *oid = csrl_node_child(n, 0);

		if (csr_is_oid(oid))
			g->other_oid = csr_bytes(oid);
	} else if (n->tag == CSRL_GN_DIRNAME && n->constructed) {
		const struct csrl_node *name = csrl_node_child(n, 0);
		struct csrl_error keep = *c->err;

		/* A malformed directoryName leaves the entry raw; it does not fail the CSR. */
		if (name && csrl_node_is(name, CSRL_TAG_SEQUENCE) &&
		    csr_parse_name(c, name, &g->dirname) != CSRL_ERR_OK) {
			memset(&g->dirname, 0, sizeof g->dirname);
			*c->err = keep;
		}
	}
}

static int decode_san(struct csr_ctx *c, const struct csrl_node *v, struct csrl_ext *e)
{
	const struct csrl_node *n;
	size_t i = 0;

	if (!csrl_node_is(v, CSRL_TAG_SEQUENCE))
		return -1;
	for (n = v->child; n; n = n->next)
		if (n->cls != CSRL_CLASS_CONTEXT || n->tag > CSRL_GN_RID)
			return -1;
	e->nnames = v->nchildren;
	if (e->nnames && !(e->names = csrl_arena_alloc(c->arena, e->nnames * sizeof *e->names)))
		return -1;
	for (n = v->child; n; n = n->next)
		parse_gname(c, n, &e->names[i++]);
	return 0;
}

static int decode_ku(const struct csrl_node *v, struct csrl_ext *e)
{
	size_t i, nbytes;
	unsigned unused;

	if (!csrl_node_is(v, CSRL_TAG_BIT_STRING) || v->constructed || v->len < 1)
		return -1;
	unused = v->content[0];
	nbytes = v->len - 1;
	if (unused > 7 || (nbytes == 0 && unused) || nbytes > 4)
		return -1;
	e->key_usage = 0;
	for (i = 0; i < nbytes * 8 - unused; i++)
		if (v->content[1 + i / 8] & (0x80 >> (i % 8)))
			e->key_usage |= 1u << i;
	e->key_usage_nbits = (unsigned)(nbytes * 8 - unused);
	return 0;
}

static int decode_eku(struct csr_ctx *c, const struct csrl_node *v, struct csrl_ext *e)
{
	const struct csrl_node *n;
	size_t i = 0;

	if (!csrl_node_is(v, CSRL_TAG_SEQUENCE))
		return -1;
	for (n = v->child; n; n = n->next)
		if (!csr_is_oid(n))
			return -1;
	e->neku = v->nchildren;
	if (e->neku && !(e->eku = csrl_arena_alloc(c->arena, e->neku * sizeof *e->eku)))
		return -1;
	for (n = v->child; n; n = n->next)
		e->eku[i++] = csr_bytes(n);
	return 0;
}

static int decode_bc(const struct csrl_node *v, struct csrl_ext *e)
{
	const struct csrl_node *n = csrl_node_child(v, 0);
	int ok;

	if (!csrl_node_is(v, CSRL_TAG_SEQUENCE) || v->nchildren > 2)
		return -1;
	e->bc_ca = 0;
	e->bc_pathlen = -1;
	if (n && csrl_node_is(n, CSRL_TAG_BOOLEAN)) {
		e->bc_ca = n->len >= 1 && n->content[0] != 0;
		n = n->next;
	}
	if (n) {
		e->bc_pathlen = csr_small_int(n, &ok);
		if (!ok || e->bc_pathlen < 0 || n->next)
			return -1;
	}
	return 0;
}

static void decode_ext(struct csr_ctx *c, struct csrl_ext *e, enum csrl_oid_id id)
{
	const struct csrl_node *v;
	int rc = -1;

	switch (id) {
	case CSRL_OID_SAN: e->kind = CSRL_EXT_SAN; break;
	case CSRL_OID_KEY_USAGE: e->kind = CSRL_EXT_KEY_USAGE; break;
	case CSRL_OID_EXT_KEY_USAGE: e->kind = CSRL_EXT_EXT_KEY_USAGE; break;
	case CSRL_OID_BASIC_CONSTRAINTS: e->kind = CSRL_EXT_BASIC_CONSTRAINTS; break;
	case CSRL_OID_SKI: e->kind = CSRL_EXT_SKI; break;
	default:
		e->kind = id == CSRL_OID_UNKNOWN ? CSRL_EXT_UNKNOWN : CSRL_EXT_OTHER_KNOWN;
		return;
	}
	v = csr_nested(c, e->value_node, 0);
	if (v && v->offset + v->hdr_len + v->len == e->value_node->offset +
	    e->value_node->hdr_len + e->value_node->len) {
		switch (e->kind) {
		case CSRL_EXT_SAN: rc = decode_san(c, v, e); break;
		case CSRL_EXT_KEY_USAGE: rc = decode_ku(v, e); break;
		case CSRL_EXT_EXT_KEY_USAGE: rc = decode_eku(c, v, e); break;
		case CSRL_EXT_BASIC_CONSTRAINTS: rc = decode_bc(v, e); break;
		case CSRL_EXT_SKI:
			rc = csrl_node_is(v, CSRL_TAG_OCTET_STRING) && !v->constructed ? 0 : -1;
			e->ski = csr_bytes(v);
			break;
		default: break;
		}
	}
	e->decoded = rc == 0;
	e->decode_failed = rc != 0;
}

/* Reads one Extension; returns 0, or -1 when it is not an Extension SEQUENCE at all. */
static int parse_ext(struct csr_ctx *c, const struct csrl_node *n, struct csrl_ext *e)
{
	const struct csrl_node *oid = csrl_node_child(n, 0), *f;
	const struct csrl_oid_info *info;

	if (!csrl_node_is(n, CSRL_TAG_SEQUENCE) || !csr_is_oid(oid))
		return -1;
	e->node = n;
	e->oid = csr_bytes(oid);
	info = csrl_oid_lookup(e->oid.p, e->oid.len);
	e->name = info ? info->name : NULL;
	e->id = info ? info->id : CSRL_OID_UNKNOWN;
	f = oid->next;
	if (f && csrl_node_is(f, CSRL_TAG_BOOLEAN)) {
		e->critical_explicit = 1;
		e->critical = f->len >= 1 && f->content[0] != 0;
		f = f->next;
	}
	if (!f || !csrl_node_is(f, CSRL_TAG_OCTET_STRING) || f->next)
		return -1;
	e->value_node = f;
	e->value = csr_bytes(f);
	decode_ext(c, e, info ? info->id : CSRL_OID_UNKNOWN);
	return 0;
}

/* Appends the Extensions of one extensionRequest value to csr->exts. A value or an Extension
 * that is not what RFC 2985/5280 say is kept as malformed, for the rules to report. */
static int parse_extensions(struct csr_ctx *c, struct csrl_attr *a, const struct csrl_node *seq)
{
	struct csrl_csr *csr = c->csr;
	const struct csrl_node *n;
	struct csrl_ext *all;

	if (!csrl_node_is(seq, CSRL_TAG_SEQUENCE) || !seq->constructed) {
		a->malformed = 1;
		return CSRL_ERR_OK;
	}
	if (!seq->nchildren)
		return CSRL_ERR_OK;
	all = csrl_arena_alloc(c->arena, (csr->nexts + seq->nchildren) * sizeof *all);
	if (!all)
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, seq->offset, "out of memory");
	if (csr->nexts)
		memcpy(all, csr->exts, csr->nexts * sizeof *all);
	csr->exts = all;
	for (n = seq->child; n; n = n->next) {
		struct csrl_ext *e = &csr->exts[csr->nexts++];

		if (parse_ext(c, n, e) != 0) {
			memset(e, 0, sizeof *e);
			e->node = n;
			e->malformed = 1;
		}
	}
	return CSRL_ERR_OK;
}

static int parse_attr(struct csr_ctx *c, const struct csrl_node *n, struct csrl_attr *a)
{
	const struct csrl_node *oid = csrl_node_child(n, 0);
	const struct csrl_node *set = csrl_node_child(n, 1);
	const struct csrl_oid_info *info;
	const struct csrl_node *v;
	int rc;

	a->node = n;
	if (!csrl_node_is(n, CSRL_TAG_SEQUENCE) || !csr_is_oid(oid) || !set ||
	    !csrl_node_is(set, CSRL_TAG_SET) || set->next) {
		a->malformed = 1;
		return CSRL_ERR_OK;
	}
	a->oid = csr_bytes(oid);
	info = csrl_oid_lookup(a->oid.p, a->oid.len);
	a->name = info ? info->name : NULL;
	a->id = info ? info->id : CSRL_OID_UNKNOWN;
	a->values_node = set;
	a->nvalues = set->nchildren;
	a->first_value = set->child;
	switch (info ? info->id : CSRL_OID_UNKNOWN) {
	case CSRL_OID_CHALLENGE_PASSWORD: a->kind = CSRL_ATTR_CHALLENGE_PASSWORD; break;
	case CSRL_OID_UNSTRUCTURED_NAME: a->kind = CSRL_ATTR_UNSTRUCTURED_NAME; break;
	case CSRL_OID_EXTENSION_REQUEST:
	case CSRL_OID_MS_EXTENSION_REQUEST: a->kind = CSRL_ATTR_EXTENSION_REQUEST; break;
	case CSRL_OID_UNKNOWN: a->kind = CSRL_ATTR_UNKNOWN; break;
	default: a->kind = CSRL_ATTR_OTHER_KNOWN; break;
	}
	v = a->first_value;
	if (v && v->cls == CSRL_CLASS_UNIVERSAL && !v->constructed &&
	    ((v->tag >= CSRL_TAG_NUMERIC_STRING && v->tag <= CSRL_TAG_BMP_STRING &&
	      v->tag != CSRL_TAG_UTC_TIME && v->tag != CSRL_TAG_GENERALIZED_TIME) ||
	     v->tag == CSRL_TAG_UTF8_STRING) && !(a->text = csr_string_utf8(c, v)))
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, v->offset, "out of memory");
	if (a->kind == CSRL_ATTR_EXTENSION_REQUEST)
		for (v = set->child; v; v = v->next)
			if ((rc = parse_extensions(c, a, v)) != CSRL_ERR_OK)
				return rc;
	return CSRL_ERR_OK;
}

int csr_parse_attributes(struct csr_ctx *c, const struct csrl_node *node)
{
	struct csrl_csr *csr = c->csr;
	const struct csrl_node *n;
	size_t i = 0;
	int rc;

	csr->nattrs = node->nchildren;
	if (!csr->nattrs)
		return CSRL_ERR_OK;
	csr->attrs = csrl_arena_alloc(c->arena, csr->nattrs * sizeof *csr->attrs);
	if (!csr->attrs)
		return csrl_error_set(c->err, CSRL_ERR_NOMEM, node->offset, "out of memory");
	for (n = node->child; n; n = n->next)
		if ((rc = parse_attr(c, n, &csr->attrs[i++])) != CSRL_ERR_OK)
			return rc;
	return CSRL_ERR_OK;
}
