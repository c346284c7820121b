/* asn1dump.c - `csrlint inspect --asn1`: the DER tree printed like dumpasn1, one line per node,
 * each DER anomaly marked under the node it belongs to. Also the tree walk shared with the
 * JSON form, which follows DER nested in BIT and OCTET STRINGs as dumpasn1 does, because that
 * is where keys and extension values (and their encoding faults) live. */
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "inspect_util.h"

/* One tree being walked: the outer one, or one decoded from a string's content. */
struct tree {
	const struct csrl_der *der;
	size_t base;                          /* absolute offset of der->data[0] */
	unsigned depth0;                      /* shown depth of the root */
	unsigned level;                       /* 0 for the outer tree */
	const struct csrl_anomaly **idx;      /* anomalies with a node, by node then offset */
	size_t nidx;
};

struct walk {
	csrl_walk_fn fn;
	void *ctx;
};

static int cmp_anom(const void *a, const void *b)
{
	const struct csrl_anomaly *x = *(const struct csrl_anomaly *const *)a;
	const struct csrl_anomaly *y = *(const struct csrl_anomaly *const *)b;
	uintptr_t nx = (uintptr_t)x->node, ny = (uintptr_t)y->node;

	if (nx != ny)
		return nx < ny ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x < y ? -1 : x > y;            /* keep discovery order: qsort is not stable */
}

/* Sorting once makes the per-node lookup a binary search: a hostile tree may carry
 * thousands of anomalies over hundreds of thousands of nodes. */
static int index_anomalies(struct tree *t)
{
	size_t i;

	t->idx = NULL;
	t->nidx = 0;
	if (!t->der->nanomalies)
		return 0;
	t->idx = malloc(t->der->nanomalies * sizeof *t->idx);
	if (!t->idx)
		return -1;
	for (i = 0; i < t->der->nanomalies; i++)
		if (t->der->anomalies[i].node)
			t->idx[t->nidx++] = &t->der->anomalies[i];
	qsort(t->idx, t->nidx, sizeof *t->idx, cmp_anom);
	return 0;
}

static void find_anomalies(const struct tree *t, const struct csrl_node *n,
			   struct csrl_walk_node *w)
{
	size_t lo = 0, hi = t->nidx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)t->idx[mid]->node < (uintptr_t)n)
			lo = mid + 1;
		else
			hi = mid;
	}
	w->anoms = t->idx + lo;
	while (lo < t->nidx && t->idx[lo]->node == n)
		lo++;
	w->nanoms = (size_t)(t->idx + lo - w->anoms);
}

static int is_oid(const struct csrl_node *n, enum csrl_oid_id id)
{
	return n && csrl_node_is(n, CSRL_TAG_OID) && !n->constructed &&
	       csrl_oid_id_of((struct csrl_bytes){ n->content, n->len }) == id;
}

/* The values SET of a challengePassword attribute: nothing under it is ever shown. */
static int password_values(const struct csrl_node *prev, const struct csrl_node *n)
{
	return prev && is_oid(prev, CSRL_OID_CHALLENGE_PASSWORD) && csrl_node_is(n, CSRL_TAG_SET);
}

/* An Extension's critical BOOLEAN encoded as FALSE: valid BER, but DER omits a DEFAULT value
 * (X.690 11.5), and the DER reader cannot know it is a DEFAULT, so the dump says it. */
static const char *note_for(const struct csrl_node *prev, const struct csrl_node *n)
{
	if (csrl_node_is(n, CSRL_TAG_BOOLEAN) && !n->constructed && n->len == 1 &&
	    n->content[0] == 0 && prev && csrl_node_is(prev, CSRL_TAG_OID) && !prev->constructed &&
	    n->parent && n->parent->child == prev && n->next && !n->next->next &&
	    csrl_node_is(n->next, CSRL_TAG_OCTET_STRING) &&
	    csrl_node_is(n->parent, CSRL_TAG_SEQUENCE))
		return "explicit-default";
	return NULL;
}

static int visit(const struct walk *w, const struct tree *t, const struct csrl_node *n,
		 const struct csrl_node *prev, int redacted);

/* Whether content looks like one DER element filling it exactly: cheap checks first, so that
 * random key and signature bytes are rarely handed to the parser. */
static int plausible(const uint8_t *p, size_t len)
{
	static const uint8_t starts[] = { 0x30, 0x31, 0x02, 0x03, 0x04, 0x06 };

	return len >= 2 && memchr(starts, p[0], sizeof starts) &&
	       (p[1] < 0x80 ? (size_t)p[1] + 2 == len : (p[1] & 0x7f) <= 4);
}

/* Walks the DER inside a BIT STRING (unused bits 0) or OCTET STRING, if it holds exactly one
 * element without overrun; anything else is just bytes. */
static int encapsulated(const struct walk *w, const struct tree *t, const struct csrl_node *n,
			unsigned depth)
{
	struct csrl_der *sub = NULL;
	struct csrl_error err;
	struct tree st;
	size_t skip, i;
	int rc = 0;

	if (n->cls != CSRL_CLASS_UNIVERSAL || n->constructed || t->level >= CSRL_INSPECT_MAX_ENCAP)
		return 0;
	if (n->tag == CSRL_TAG_BIT_STRING && n->len >= 3 && n->content[0] == 0)
		skip = 1;
	else if (n->tag == CSRL_TAG_OCTET_STRING)
		skip = 0;
	else
		return 0;
	if (!plausible(n->content + skip, n->len - skip) ||
	    csrl_der_parse(n->content + skip, n->len - skip, NULL, &sub, &err) != CSRL_ERR_OK)
		return 0;
	for (i = 0; i < sub->nanomalies; i++)
		if (sub->anomalies[i].kind == CSRL_ANOM_LENGTH_OVERRUN)
			break;
	if (i == sub->nanomalies && sub->trailing_offset == sub->len && sub->root) {
		st.der = sub;
		st.base = t->base + (size_t)(n->content + skip - t->der->data);
		st.depth0 = depth + 1;
		st.level = t->level + 1;
		rc = index_anomalies(&st);
		if (rc == 0)
			rc = visit(w, &st, sub->root, NULL, 0);
		free(st.idx);
	}
	csrl_der_free(sub);
	return rc;
}

static int visit(const struct walk *w, const struct tree *t, const struct csrl_node *n,
		 const struct csrl_node *prev, int redacted)
{
	struct csrl_walk_node wn;
	const struct csrl_node *c, *p = NULL;
	int rc;

	memset(&wn, 0, sizeof wn);
	wn.node = n;
	wn.offset = t->base + n->offset;
	wn.depth = t->depth0 + n->depth;
	wn.encapsulated = t->level > 0;
	wn.redacted = redacted;
	wn.anom_base = t->base;
	wn.note = note_for(prev, n);
	if (n->flags)
		find_anomalies(t, n, &wn);
	if ((rc = w->fn(w->ctx, &wn)) != 0)
		return rc;
	if (!redacted && (rc = encapsulated(w, t, n, wn.depth)) != 0)
		return rc;
	for (c = n->child; c; p = c, c = c->next)
		if ((rc = visit(w, t, c, p, redacted || password_values(p, c))) != 0)
			return rc;
	return 0;
}

int csrl_der_walk(const struct csrl_der *der, csrl_walk_fn fn, void *ctx)
{
	struct walk w = { fn, ctx };
	struct tree t;
	int rc;

	if (!der || !der->root)
		return 0;
	memset(&t, 0, sizeof t);
	t.der = der;
	if (index_anomalies(&t) != 0)
		return -1;
	rc = visit(&w, &t, der->root, NULL, 0);
	free(t.idx);
	return rc;
}

/* ---- text form ------------------------------------------------------------------------ */

/* Width of "offset hl len: " so that markers line up under the tag they belong to. */
#define PREFIX_WIDTH 17

static void marker(FILE *out, unsigned depth, const char *id, size_t off, const char *desc)
{
	fprintf(out, "%*s!! %s at offset %zu: %s\n", PREFIX_WIDTH + 2 * (int)depth, "", id, off,
		desc);
}

static int print_node(void *ctx, const struct csrl_walk_node *w)
{
	FILE *out = ctx;
	const struct csrl_node *n = w->node;
	char tag[48], value[512], id[64];
	size_t i;

	csrl_tag_text(tag, sizeof tag, n);
	csrl_node_value(value, sizeof value, n, w->redacted);
	if (csrl_node_has(n, CSRL_ANOM_LENGTH_INDEFINITE))
		fprintf(out, "%6zu %2u   inf: ", w->offset, n->hdr_len);
	else
		fprintf(out, "%6zu %2u %5zu: ", w->offset, n->hdr_len, n->len);
	fprintf(out, "%*s%s%s%s%s", 2 * (int)w->depth, "", tag,
		w->encapsulated && !n->parent ? " (encapsulated)" : "", value[0] ? " " : "", value);
	if (n->declared_len != n->len && !csrl_node_has(n, CSRL_ANOM_LENGTH_INDEFINITE))
		fprintf(out, " [declared length %zu]", n->declared_len);
	fputc('\n', out);
	for (i = 0; i < w->nanoms; i++) {
		snprintf(id, sizeof id, "der.%s", csrl_anomaly_id(w->anoms[i]->kind));
		marker(out, w->depth, id, w->anoms[i]->offset + w->anom_base,
		       csrl_anomaly_desc(w->anoms[i]->kind));
	}
	if (w->note)
		marker(out, w->depth, w->note, w->offset + n->hdr_len,
		       "BOOLEAN FALSE is the DEFAULT of Extension.critical; DER omits it "
		       "(X.690 11.5)");
	return 0;
}

void csrl_inspect_asn1(FILE *out, const struct csrl_der *der)
{
	char hex[80];
	size_t i;

	if (!der)
		return;
	fprintf(out, "%6s %2s %5s  %s\n", "offset", "hl", "len", "tag and value");
	if (csrl_der_walk(der, print_node, out) != 0)
		fprintf(out, "(out of memory: tree cut short)\n");
	if (der->trailing_offset < der->len) {
		size_t n = der->len - der->trailing_offset;
		const uint8_t *p = der->data + der->trailing_offset;

		fprintf(out, "%6zu: trailing data, %zu bytes: %s\n", der->trailing_offset, n,
			csrl_hex(hex, sizeof hex, p, n, 0));
	}
	/* Anomalies tied to no node (trailing data) are listed last. */
	for (i = 0; i < der->nanomalies; i++) {
		const struct csrl_anomaly *a = &der->anomalies[i];
		char id[64];

		if (a->node)
			continue;
		snprintf(id, sizeof id, "der.%s", csrl_anomaly_id(a->kind));
		marker(out, 0, id, a->offset, csrl_anomaly_desc(a->kind));
	}
}
