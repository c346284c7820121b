/* gen.c - the editable request: copied out of a parsed CSR (or empty, for `new`), with the
 * arena helpers the fixers use. Everything is copied into the request's arena so that the
 * parsed CSR can be freed and so that no fixer edits the caller's buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

struct csrl_gen_req *csrl_gen_empty(void)
{
	struct csrl_gen_req *req = calloc(1, sizeof *req);

	if (req && !(req->arena = csrl_arena_new(16384))) {
		free(req);
		return NULL;
	}
	return req;
}

void csrl_gen_free(struct csrl_gen_req *req)
{
	if (!req)
		return;
	csrl_arena_free(req->arena);
	free(req);
}

char *csrl_gen_strdup(struct csrl_gen_req *req, const void *p, size_t len)
{
	return csrl_arena_strndup(req->arena, p ? p : "", p ? len : 0);
}

void csrl_gen_logf(struct csrl_gen_req *req, const char *fmt, ...)
{
	char line[512], **slot;
	size_t n = 0;
	va_list ap;

	if (req->log_prefix)
		n = (size_t)snprintf(line, sizeof line / 2, "%s", req->log_prefix);
	if (n >= sizeof line / 2)
		n = sizeof line / 2 - 1;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - n, fmt, ap);
	va_end(ap);
	slot = csrl_gen_push(req, (void **)&req->log, &req->nlog, sizeof *slot);
	if (slot)
		*slot = csrl_gen_strdup(req, line, strlen(line));
}

/* Arrays grow to the next power of two: the capacity is implied by n, so no field is
 * needed, and the old copy stays in the arena until the request is freed. */
void *csrl_gen_push(struct csrl_gen_req *req, void **v, size_t *n, size_t sz)
{
	uint8_t *nv;

	if (*n >= CSRL_GEN_MAX_ITEMS)
		return NULL;
	if (*n == 0 || (*n & (*n - 1)) == 0) {
		if (!(nv = csrl_arena_alloc(req->arena, (*n ? *n * 2 : 4) * sz)))
			return NULL;
		if (*n)
			memcpy(nv, *v, *n * sz);
		*v = nv;
	}
	nv = (uint8_t *)*v + *n * sz;
	memset(nv, 0, sz);
	(*n)++;
	return nv;
}

struct csrl_gen_ext *csrl_gen_find_san(struct csrl_gen_req *req)
{
	size_t i;

	for (i = 0; i < req->nexts; i++)
		if (req->exts[i].is_san)
			return &req->exts[i];
	return NULL;
}

static const uint8_t *dup_bytes(struct csrl_gen_req *req, const uint8_t *p, size_t len)
{
	uint8_t *q = csrl_arena_alloc(req->arena, len ? len : 1);

	if (q && len)
		memcpy(q, p, len);
	return q;
}

static char *dotted(struct csrl_gen_req *req, struct csrl_bytes oid)
{
	char buf[160];

	if (csrl_oid_to_dotted(oid.p, oid.len, buf, sizeof buf) != 0)
		return NULL;
	return csrl_gen_strdup(req, buf, strlen(buf));
}

/* The whole TLV of a node. */
static struct csrl_bytes tlv_of(const struct csrl_node *n)
{
	return (struct csrl_bytes){ n->content - n->hdr_len, n->hdr_len + n->len };
}

/** Whether tag is a universal string type the generator can rewrite. */
static int string_tag(uint32_t tag)
{
	switch (tag) {
	case CSRL_TAG_UTF8_STRING: case CSRL_TAG_PRINTABLE_STRING: case CSRL_TAG_IA5_STRING:
	case CSRL_TAG_T61_STRING: case CSRL_TAG_BMP_STRING: case CSRL_TAG_UNIVERSAL_STRING:
	case CSRL_TAG_NUMERIC_STRING: case CSRL_TAG_VISIBLE_STRING:
		return 1;
	default:
		return 0;
	}
}

static int copy_subject(struct csrl_gen_req *req, const struct csrl_name *name)
{
	size_t i, j;

	for (i = 0; i < name->nrdns; i++) {
		struct csrl_gen_rdn *r = csrl_gen_push(req, (void **)&req->rdns, &req->nrdns,
						       sizeof *r);

		if (!r)
			return CSRL_ERR_NOMEM;
		for (j = 0; j < name->rdns[i].navas; j++) {
			const struct csrl_ava *s = &name->rdns[i].avas[j];
			struct csrl_gen_ava *a = csrl_gen_push(req, (void **)&r->avas, &r->n,
							       sizeof *a);
			struct csrl_bytes raw;

			if (!a || !(a->oid = dotted(req, s->oid)))
				return a ? CSRL_ERR_CSR_STRUCTURE : CSRL_ERR_NOMEM;
			a->id = s->id;
			a->utf8 = csrl_gen_strdup(req, s->utf8, strlen(s->utf8));
			if (s->value_cls == CSRL_CLASS_UNIVERSAL && string_tag(s->string_tag)) {
				a->tag = s->string_tag;
				a->text = csrl_gen_strdup(req, s->value.p, s->value.len);
				a->len = s->value.len;
			} else if (s->value_node) {
				raw = tlv_of(s->value_node);
				a->raw = dup_bytes(req, raw.p, raw.len);
				a->raw_len = raw.len;
			}
			if (!a->utf8 || (!a->text && !a->raw))
				return CSRL_ERR_NOMEM;
		}
	}
	return CSRL_ERR_OK;
}

static int copy_san(struct csrl_gen_req *req, struct csrl_gen_ext *e, const struct csrl_ext *s)
{
	size_t i;

	e->is_san = 1;
	for (i = 0; i < s->nnames; i++) {
		const struct csrl_gname *g = &s->names[i];
		struct csrl_gen_name *n = csrl_gen_push(req, (void **)&e->names, &e->nnames,
							sizeof *n);
		struct csrl_bytes raw = tlv_of(g->node);

		if (!n)
			return CSRL_ERR_NOMEM;
		n->type = g->type;
		switch (g->type) {
		case CSRL_GN_DNS: case CSRL_GN_EMAIL: case CSRL_GN_URI: case CSRL_GN_IP:
			n->value = csrl_gen_strdup(req, g->value.p, g->value.len);
			n->len = g->value.len;
			break;
		default:
			n->raw = dup_bytes(req, raw.p, raw.len);
			n->raw_len = raw.len;
		}
		if (!n->value && !n->raw)
			return CSRL_ERR_NOMEM;
	}
	return CSRL_ERR_OK;
}

static int copy_exts(struct csrl_gen_req *req, const struct csrl_csr *csr)
{
	size_t i;
	int rc;

	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *s = &csr->exts[i];
		struct csrl_gen_ext *e;

		if (s->malformed) {
			csrl_gen_logf(req, "extensions: dropped a malformed extension entry");
			continue;
		}
		if (!(e = csrl_gen_push(req, (void **)&req->exts, &req->nexts, sizeof *e)) ||
		    !(e->oid = dotted(req, s->oid)))
			return CSRL_ERR_NOMEM;
		e->id = s->id;
		e->critical = s->critical;
		e->value = dup_bytes(req, s->value.p, s->value.len);
		e->len = s->value.len;
		if (s->kind == CSRL_EXT_SAN && s->decoded && (rc = copy_san(req, e, s)))
			return rc;
	}
	return CSRL_ERR_OK;
}

static int copy_attrs(struct csrl_gen_req *req, const struct csrl_csr *csr)
{
	const struct csrl_node *v;
	size_t i;

	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *s = &csr->attrs[i];
		struct csrl_gen_attr *a;

		if (s->kind == CSRL_ATTR_EXTENSION_REQUEST && !s->malformed) {
			req->has_ext_request = 1;
			continue;
		}
		if (s->malformed) {
			csrl_gen_logf(req, "attributes: dropped a malformed attribute");
			continue;
		}
		if (!(a = csrl_gen_push(req, (void **)&req->attrs, &req->nattrs, sizeof *a)) ||
		    !(a->oid = dotted(req, s->oid)))
			return CSRL_ERR_NOMEM;
		a->id = s->id;
		a->values = csrl_arena_alloc(req->arena, (s->nvalues + 1) * sizeof *a->values);
		a->lens = csrl_arena_alloc(req->arena, (s->nvalues + 1) * sizeof *a->lens);
		if (!a->values || !a->lens)
			return CSRL_ERR_NOMEM;
		for (v = s->values_node ? s->values_node->child : NULL; v && a->nvalues < s->nvalues;
		     v = v->next) {
			struct csrl_bytes raw = tlv_of(v);

			if (!(a->values[a->nvalues] = dup_bytes(req, raw.p, raw.len)))
				return CSRL_ERR_NOMEM;
			a->lens[a->nvalues++] = raw.len;
		}
	}
	return CSRL_ERR_OK;
}

int csrl_gen_from_csr(const struct csrl_csr *csr, struct csrl_gen_req **out,
		      struct csrl_error *err)
{
	struct csrl_gen_req *req = csrl_gen_empty();
	const struct csrl_pubkey *k = &csr->key;
	int rc;

	*out = NULL;
	if (!req)
		return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
	if (!k->node || !(req->key_oid = dotted(req, k->alg_oid))) {
		csrl_gen_free(req);
		return csrl_error_set(err, CSRL_ERR_CSR_STRUCTURE, 0, "the request's public key "
				      "cannot be read, so it cannot be carried over");
	}
	if (k->params) {
		struct csrl_bytes p = tlv_of(k->params);

		req->key_params = dup_bytes(req, p.p, p.len);
		req->key_params_len = p.len;
	}
	req->key_bits = dup_bytes(req, k->key.p, k->key.len);
	req->key_len = k->key.len;
	rc = copy_subject(req, &csr->subject);
	if (rc == CSRL_ERR_OK)
		rc = copy_exts(req, csr);
	if (rc == CSRL_ERR_OK)
		rc = copy_attrs(req, csr);
	if (rc != CSRL_ERR_OK) {
		csrl_gen_free(req);
		return csrl_error_set(err, rc, 0, rc == CSRL_ERR_NOMEM ? "out of memory" :
				      "a subject attribute has an unreadable type OID");
	}
	*out = req;
	return CSRL_ERR_OK;
}
