/* der.c - tolerant DER reader: builds the node tree and records every departure from DER.
 *
 * One pass, no recursion: open constructed elements live on a fixed stack of
 * CSRL_DER_MAX_DEPTH + 1 frames. Nodes, the anomaly list and the struct csrl_der itself come
 * from one arena, so a tree sharing its caller's arena needs no free at all.
 *
 * Semantics the callers rely on:
 * - Offsets are relative to the buffer handed to csrl_der_parse; a caller that parses a
 *   sub-buffer (an extnValue) adds the sub-buffer's own offset.
 * - A length running past the enclosing element (or the input, for the outermost one) is the
 *   LENGTH_OVERRUN anomaly: len is clamped to the bytes available, declared_len keeps the
 *   encoded value. A child header that cannot be read at all inside its parent is LENGTH_OVERRUN
 *   on the parent at the header's offset, and the rest of that parent is skipped.
 * - Indefinite length (BER): a constructed node's children run to its end-of-contents octets;
 *   len excludes them (the element spans hdr_len + len + 2 bytes) and declared_len == len.
 *   Without EOC, or for a primitive node, len runs to the enclosing end and declared_len is
 *   SIZE_MAX ("unknown").
 * - One anomaly per (node, kind): the first offending byte. Anomalies are ordered by offset.
 */
#include <string.h>

#include "csrlint.h"

_Static_assert(CSRL_ANOM_COUNT <= 32, "anomaly flags must fit in csrl_node.flags");

/* Beyond this many, anomalies are only flagged on nodes: a hostile input cannot make the
 * list (and every report built from it) grow with its size. */
#define MAX_ANOMALIES 4096
/* A tag number needs at most 5 base-128 octets for 32 bits; allow some 0x80 padding (an
 * anomaly, still readable) but keep hdr_len small. */
#define MAX_TAG_OCTETS 8

/* Shared with der_string.c; see there. */
int csrl_der_string_check(uint32_t tag, const uint8_t *p, size_t len, size_t *bad);

enum hdr_status { HDR_OK, HDR_TRUNCATED, HDR_TAG_TOO_BIG, HDR_LEN_RESERVED };

/* A decoded identifier + length. */
struct hdr {
	uint32_t tag;
	uint8_t cls, constructed, indefinite;
	uint8_t tag_padded, tag_low;    /* 0x80 padding / high form for a tag below 31 */
	uint8_t len_not_minimal;
	size_t tag_len;                 /* identifier octets: the length octet follows */
	size_t hdr_len;
	size_t length;                  /* declared; SIZE_MAX when it does not fit size_t */
};

/* An open constructed element. */
struct frame {
	struct csrl_node *node;
	struct csrl_node *last;         /* last child, to append siblings in O(1) */
	size_t end;                     /* where its children must stop */
	size_t prev_start, prev_end;    /* encoding of the previous complete child (SET order) */
	int have_prev, is_set, indefinite;
};

struct parser {
	const uint8_t *d;
	size_t len;
	struct csrl_der *der;
	struct csrl_arena *arena;
	struct csrl_error *err;
	size_t anom_cap;
	int nomem;
	int sp;
	struct frame stack[CSRL_DER_MAX_DEPTH + 1];
};

static const struct {
	const char *id, *desc;
} anom_info[] = {
#define CSRL_ANOM(name, id, desc) { id, desc },
#include "anomalies.def"
#undef CSRL_ANOM
};

const char *csrl_anomaly_id(int kind)
{
	return kind >= 0 && kind < CSRL_ANOM_COUNT ? anom_info[kind].id : "unknown";
}

const char *csrl_anomaly_desc(int kind)
{
	return kind >= 0 && kind < CSRL_ANOM_COUNT ? anom_info[kind].desc : "unknown DER anomaly";
}

/* Reads the identifier octets at d[pos..limit). */
static enum hdr_status read_tag(const uint8_t *d, size_t pos, size_t limit, struct hdr *h)
{
	size_t i = pos + 1;
	uint32_t tag = 0;

	h->cls = d[pos] >> 6;
	h->constructed = (d[pos] >> 5) & 1;
	h->tag = d[pos] & 0x1f;
	if (h->tag != 0x1f) {
		h->tag_len = 1;
		return HDR_OK;
	}
	for (;; i++) {
		if (i >= limit)
			return HDR_TRUNCATED;
		if (i - pos > MAX_TAG_OCTETS)
			return HDR_TAG_TOO_BIG;
		if (i == pos + 1 && d[i] == 0x80)
			h->tag_padded = 1;
		if (tag > (UINT32_MAX >> 7))
			return HDR_TAG_TOO_BIG;
		tag = (tag << 7) | (d[i] & 0x7f);
		if (!(d[i] & 0x80))
			break;
	}
	h->tag = tag;
	h->tag_low = tag < 31;
	h->tag_len = i + 1 - pos;
	return HDR_OK;
}

/* Reads identifier and length octets at d[pos..limit); fills h on HDR_OK. */
static enum hdr_status read_header(const uint8_t *d, size_t pos, size_t limit, struct hdr *h)
{
	enum hdr_status st;
	size_t i, n, v = 0;
	uint8_t l;

	memset(h, 0, sizeof *h);
	if (pos >= limit)
		return HDR_TRUNCATED;
	if ((st = read_tag(d, pos, limit, h)) != HDR_OK)
		return st;
	i = pos + h->tag_len;
	if (i >= limit)
		return HDR_TRUNCATED;
	l = d[i++];
	if (l == 0xff)
		return HDR_LEN_RESERVED;   /* X.690 8.1.3.5 c) */
	if (l == 0x80) {
		h->indefinite = 1;
	} else if (l < 0x80) {
		v = l;
	} else {
		n = l & 0x7f;
		if (n > limit - i)
			return HDR_TRUNCATED;
		h->len_not_minimal = d[i] == 0;
		for (; n; n--, i++)
			v = v > (SIZE_MAX >> 8) ? SIZE_MAX : (v << 8) | d[i];
		if (v < 0x80)
			h->len_not_minimal = 1;
	}
	h->length = v;
	h->hdr_len = i - pos;
	return HDR_OK;
}

/* Orders the anomaly list by offset (stable) where discovery order differs: a SET's order and
 * a missing end-of-contents are found only after the children's anomalies. Insertion sort:
 * only those two kinds arrive late, at most once per open ancestor (one per node and kind),
 * so each entry is passed at most 2 * CSRL_DER_MAX_DEPTH times. */
static void sort_anomalies(struct csrl_der *der)
{
	struct csrl_anomaly *a = der->anomalies, t;
	size_t i, j;

	for (i = 1; i < der->nanomalies; i++) {
		if (a[i - 1].offset <= a[i].offset)
			continue;
		t = a[i];
		for (j = i; j > 0 && a[j - 1].offset > t.offset; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

/* Flags node with kind and appends it to the list (once per node and kind). */
static void anomaly(struct parser *p, struct csrl_node *n, int kind, size_t off)
{
	struct csrl_der *der = p->der;
	struct csrl_anomaly *a;

	if (n) {
		if (n->flags & (1u << kind))
			return;
		n->flags |= 1u << kind;
	}
	if (der->nanomalies >= MAX_ANOMALIES)
		return;
	if (der->nanomalies == p->anom_cap) {
		size_t cap = p->anom_cap ? p->anom_cap * 2 : 16;

		/* Arena growth leaves the old array behind: at most the final size again. */
		a = csrl_arena_alloc(p->arena, cap * sizeof *a);
		if (!a) {
			p->nomem = 1;
			return;
		}
		if (der->nanomalies)
			memcpy(a, der->anomalies, der->nanomalies * sizeof *a);
		der->anomalies = a;
		p->anom_cap = cap;
	}
	a = &der->anomalies[der->nanomalies++];
	a->kind = kind;
	a->offset = off;
	a->node = n;
}

static int is_string_tag(uint32_t tag)
{
	return tag == CSRL_TAG_BIT_STRING || tag == CSRL_TAG_OCTET_STRING ||
	       tag == CSRL_TAG_UTF8_STRING || (tag >= 18 && tag <= 22) || (tag >= 25 && tag <= 30);
}

static int is_primitive_only(uint32_t tag)
{
	return tag == CSRL_TAG_BOOLEAN || tag == CSRL_TAG_INTEGER || tag == CSRL_TAG_NULL ||
	       tag == CSRL_TAG_OID || tag == CSRL_TAG_ENUMERATED;
}

/* Anomalies visible in the identifier and length octets alone, in offset order. */
static void check_header(struct parser *p, struct csrl_node *n, const struct hdr *h)
{
	size_t len_off = n->offset + h->tag_len;

	if (n->cls == CSRL_CLASS_UNIVERSAL) {
		if (n->constructed && is_string_tag(n->tag))
			anomaly(p, n, CSRL_ANOM_STRING_CONSTRUCTED, n->offset);
		else if (n->constructed ? is_primitive_only(n->tag) :
			 (n->tag == CSRL_TAG_SEQUENCE || n->tag == CSRL_TAG_SET))
			anomaly(p, n, CSRL_ANOM_PRIMITIVE_CONSTRUCTED, n->offset);
		/* a real end-of-contents closes its element and never becomes a node */
		if (n->tag == CSRL_TAG_EOC)
			anomaly(p, n, CSRL_ANOM_EOC_UNEXPECTED, n->offset);
	}
	if (h->tag_padded || h->tag_low)
		anomaly(p, n, CSRL_ANOM_TAG_NOT_MINIMAL, n->offset + 1);
	if (h->len_not_minimal)
		anomaly(p, n, CSRL_ANOM_LENGTH_NOT_MINIMAL, len_off);
	if (h->indefinite)
		anomaly(p, n, CSRL_ANOM_LENGTH_INDEFINITE, len_off);
}

static void check_oid(struct parser *p, struct csrl_node *n, size_t off)
{
	const uint8_t *c = n->content;
	size_t i;

	if (!n->len) {
		anomaly(p, n, CSRL_ANOM_OID_INVALID, n->offset);
		return;
	}
	for (i = 0; i < n->len; i++) {
		/* 0x80 opening a subidentifier is a leading zero group (X.690 8.19.2) */
		if (c[i] == 0x80 && (i == 0 || !(c[i - 1] & 0x80))) {
			anomaly(p, n, CSRL_ANOM_OID_NOT_MINIMAL, off + i);
			break;
		}
	}
	if (c[n->len - 1] & 0x80)
		anomaly(p, n, CSRL_ANOM_OID_INVALID, off + n->len - 1);
}

/* Content rules of X.690 8 and 11 for a complete universal primitive node. Empty content has
 * no offending byte, so those anomalies point at the node itself. */
static void check_content(struct parser *p, struct csrl_node *n)
{
	const uint8_t *c = n->content;
	size_t off = n->offset + n->hdr_len, bad = 0;
	int kind;

	switch (n->tag) {
	case CSRL_TAG_BOOLEAN:
		if (n->len != 1 || (c[0] != 0x00 && c[0] != 0xff))
			anomaly(p, n, CSRL_ANOM_BOOLEAN_INVALID, n->len ? off : n->offset);
		break;
	case CSRL_TAG_INTEGER:
	case CSRL_TAG_ENUMERATED:
		if (!n->len)
			anomaly(p, n, CSRL_ANOM_INTEGER_EMPTY, n->offset);
		else if (n->len > 1 && ((c[0] == 0x00 && c[1] < 0x80) || (c[0] == 0xff && c[1] >= 0x80)))
			anomaly(p, n, CSRL_ANOM_INTEGER_NOT_MINIMAL, off);
		break;
	case CSRL_TAG_NULL:
		if (n->len)
			anomaly(p, n, CSRL_ANOM_NULL_NOT_EMPTY, off);
		break;
	case CSRL_TAG_OID:
		check_oid(p, n, off);
		break;
	default:
		kind = csrl_der_string_check(n->tag, c, n->len, &bad);
		if (kind >= 0)
			anomaly(p, n, kind, bad == SIZE_MAX ? n->offset : off + bad);
		break;
	}
}

/* X.690 11.6: compare encodings as octet strings, the shorter padded with trailing zeros. */
static int enc_cmp(const uint8_t *a, size_t la, const uint8_t *b, size_t lb)
{
	size_t m = la < lb ? la : lb, i;
	int r = memcmp(a, b, m);

	if (r)
		return r;
	for (i = m; i < la; i++)
		if (a[i])
			return 1;
	for (i = m; i < lb; i++)
		if (b[i])
			return -1;
	return 0;
}

/* Child d[start..end) of f is complete: a SET checks it against the previous one only, which
 * keeps the order check linear. */
static void child_done(struct parser *p, struct frame *f, size_t start, size_t end)
{
	if (!f->is_set)
		return;
	if (f->have_prev && enc_cmp(p->d + f->prev_start, f->prev_end - f->prev_start,
				    p->d + start, end - start) > 0)
		anomaly(p, f->node, CSRL_ANOM_SET_NOT_SORTED, start);
	f->prev_start = start;
	f->prev_end = end;
	f->have_prev = 1;
}

/* Allocates the node for header h at pos, links it under f (NULL for the outermost element)
 * and clamps its length to limit. Returns NULL with the error set. */
static struct csrl_node *new_node(struct parser *p, const struct hdr *h, size_t pos, size_t limit,
				  struct frame *f)
{
	struct csrl_node *n;
	size_t avail = limit - pos - h->hdr_len;

	if (p->der->nnodes >= CSRL_DER_MAX_NODES) {
		csrl_error_set(p->err, CSRL_ERR_TOO_MANY, pos, "element at offset %zu is one more "
			       "than the limit of %u ASN.1 elements", pos, CSRL_DER_MAX_NODES);
		return NULL;
	}
	n = csrl_arena_alloc(p->arena, sizeof *n);
	if (!n) {
		csrl_error_set(p->err, CSRL_ERR_NOMEM, pos, "out of memory reading the element at "
			       "offset %zu", pos);
		return NULL;
	}
	p->der->nnodes++;
	n->offset = pos;
	n->hdr_len = (uint16_t)h->hdr_len;
	n->content = p->d + pos + h->hdr_len;
	n->tag = h->tag;
	n->cls = h->cls;
	n->constructed = h->constructed;
	if (f) {
		n->parent = f->node;
		n->depth = f->node->depth + 1;
		f->node->nchildren++;
		if (f->last)
			f->last->next = n;
		else
			f->node->child = n;
		f->last = n;
	}
	check_header(p, n, h);
	if (h->indefinite) {
		n->len = avail;             /* provisional: set at the end-of-contents */
		n->declared_len = SIZE_MAX;
	} else if (h->length > avail) {
		n->len = avail;
		n->declared_len = h->length;
		anomaly(p, n, CSRL_ANOM_LENGTH_OVERRUN, pos + h->tag_len);
	} else {
		n->len = n->declared_len = h->length;
	}
	return n;
}

/* Opens a constructed node (its children come next) or finishes a primitive one; returns the
 * position after what was consumed. */
static size_t start_element(struct parser *p, struct csrl_node *n, const struct hdr *h,
			    size_t limit)
{
	size_t content = n->offset + n->hdr_len;
	struct frame *f;

	if (n->constructed) {
		f = &p->stack[p->sp++];
		f->node = n;
		f->last = NULL;
		f->end = h->indefinite ? limit : content + n->len;
		f->have_prev = 0;
		f->is_set = n->cls == CSRL_CLASS_UNIVERSAL && n->tag == CSRL_TAG_SET;
		f->indefinite = h->indefinite;
		return content;
	}
	/* Primitive and indefinite: its end cannot be found, so it takes the rest of its parent.
	 * Incomplete content is not judged: the overrun already says it all. */
	if (n->cls == CSRL_CLASS_UNIVERSAL && n->len == n->declared_len)
		check_content(p, n);
	if (p->sp > 0)
		child_done(p, &p->stack[p->sp - 1], n->offset, content + n->len);
	return content + n->len;
}

static void pop(struct parser *p, size_t pos)
{
	struct csrl_node *n = p->stack[--p->sp].node;

	if (p->sp > 0)
		child_done(p, &p->stack[p->sp - 1], n->offset, pos);
}

/* Reads the next child of f at *pos. Returns an error code, or CSRL_ERR_OK. */
static int read_child(struct parser *p, struct frame *f, size_t *pos)
{
	struct csrl_node *n;
	struct hdr h;

	if (read_header(p->d, *pos, f->end, &h) != HDR_OK) {
		/* Nothing after an unreadable header can be located: skip the rest of f. */
		anomaly(p, f->node, CSRL_ANOM_LENGTH_OVERRUN, *pos);
		*pos = f->end;
		return CSRL_ERR_OK;
	}
	if (f->node->depth >= CSRL_DER_MAX_DEPTH)
		return csrl_error_set(p->err, CSRL_ERR_TOO_DEEP, *pos, "element at offset %zu is "
				      "nested deeper than the limit of %d levels", *pos,
				      CSRL_DER_MAX_DEPTH);
	n = new_node(p, &h, *pos, f->end, f);
	if (!n)
		return p->err->code;
	*pos = start_element(p, n, &h, f->end);
	return CSRL_ERR_OK;
}

/* Reads everything inside the open elements until the stack is empty. */
static int walk(struct parser *p, size_t *pos_io)
{
	size_t pos = *pos_io;
	int rc;

	while (p->sp > 0 && !p->nomem) {
		struct frame *f = &p->stack[p->sp - 1];
		struct csrl_node *n = f->node;
		size_t content = n->offset + n->hdr_len;

		if (pos >= f->end) {
			if (f->indefinite) {
				/* no end-of-contents before the enclosing end */
				n->len = pos - content;
				anomaly(p, n, CSRL_ANOM_LENGTH_OVERRUN, content - 1);
			}
			pop(p, pos);
		} else if (f->indefinite && f->end - pos >= 2 && !p->d[pos] && !p->d[pos + 1]) {
			n->len = n->declared_len = pos - content;
			pos += 2;
			pop(p, pos);
		} else if ((rc = read_child(p, f, &pos)) != CSRL_ERR_OK) {
			return rc;
		}
	}
	*pos_io = pos;
	if (p->nomem)
		return csrl_error_set(p->err, CSRL_ERR_NOMEM, pos, "out of memory recording DER "
				      "anomalies");
	return CSRL_ERR_OK;
}

/* The outermost element: the only header whose failure is an error, since nothing at all
 * could be read. */
static int parse_root(struct parser *p)
{
	struct csrl_der *der = p->der;
	struct csrl_node *n;
	struct hdr h;
	size_t pos;
	int rc;

	switch (read_header(p->d, 0, p->len, &h)) {
	case HDR_OK:
		break;
	case HDR_TRUNCATED:
		return csrl_error_set(p->err, CSRL_ERR_TRUNCATED, 0, "input of %zu bytes ends inside "
				      "the identifier and length octets of its first element", p->len);
	case HDR_TAG_TOO_BIG:
		return csrl_error_set(p->err, CSRL_ERR_NOT_DER, 1, "tag number of the first element "
				      "does not fit in 32 bits");
	default:
		return csrl_error_set(p->err, CSRL_ERR_NOT_DER, h.tag_len, "length octet 0xFF at "
				      "offset %zu is reserved (X.690 8.1.3.5)", h.tag_len);
	}
	n = new_node(p, &h, 0, p->len, NULL);
	if (!n)
		return p->err->code;
	der->root = n;
	pos = start_element(p, n, &h, p->len);
	if ((rc = walk(p, &pos)) != CSRL_ERR_OK)
		return rc;
	if (pos < p->len) {
		der->trailing_offset = pos;
		anomaly(p, NULL, CSRL_ANOM_TRAILING_DATA, pos);
	}
	if (p->nomem)
		return csrl_error_set(p->err, CSRL_ERR_NOMEM, pos, "out of memory");
	sort_anomalies(der);
	return CSRL_ERR_OK;
}

int csrl_der_parse(const uint8_t *data, size_t len, struct csrl_arena *arena,
		   struct csrl_der **out, struct csrl_error *err)
{
	struct csrl_error local;
	struct csrl_der *der;
	struct parser p;
	int owns = 0, rc;

	if (!err)
		err = &local;
	if (!out)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "csrl_der_parse: out is NULL");
	*out = NULL;
	if (!len)
		return csrl_error_set(err, CSRL_ERR_EMPTY, 0, "input is empty: there is no DER "
				      "element to read");
	if (!data)
		return csrl_error_set(err, CSRL_ERR_INTERNAL, 0, "csrl_der_parse: data is NULL");
	if (len > CSRL_MAX_DER_SIZE)
		return csrl_error_set(err, CSRL_ERR_TOO_LARGE, CSRL_MAX_DER_SIZE, "DER input of %zu "
				      "bytes exceeds the limit of %u bytes", len, CSRL_MAX_DER_SIZE);
	if (!arena) {
		if (!(arena = csrl_arena_new(0)))
			return csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		owns = 1;
	}
	der = csrl_arena_alloc(arena, sizeof *der);
	if (!der) {
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		goto fail;
	}
	der->data = data;
	der->len = len;
	der->trailing_offset = len;
	der->arena = arena;
	der->owns_arena = owns;
	/* The frames are set when pushed: only the scalar state needs clearing. */
	p.d = data;
	p.len = len;
	p.der = der;
	p.arena = arena;
	p.err = err;
	p.anom_cap = 0;
	p.nomem = 0;
	p.sp = 0;
	if ((rc = parse_root(&p)) != CSRL_ERR_OK)
		goto fail;
	*out = der;
	return CSRL_ERR_OK;
fail:
	if (owns)
		csrl_arena_free(arena);
	return rc;
}

void csrl_der_free(struct csrl_der *der)
{
	/* A tree in its caller's arena (der included) is freed with that arena. */
	if (der && der->owns_arena)
		csrl_arena_free(der->arena);
}

const struct csrl_node *csrl_node_child(const struct csrl_node *node, unsigned n)
{
	const struct csrl_node *c;

	if (!node)
		return NULL;
	for (c = node->child; c && n; n--)
		c = c->next;
	return c;
}

int csrl_node_is(const struct csrl_node *node, uint32_t tag)
{
	return node && node->cls == CSRL_CLASS_UNIVERSAL && node->tag == tag;
}

int csrl_node_has(const struct csrl_node *node, int kind)
{
	return node && kind >= 0 && kind < CSRL_ANOM_COUNT && (node->flags & (1u << kind));
}
